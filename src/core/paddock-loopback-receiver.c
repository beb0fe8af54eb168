/* paddock-loopback-receiver.c: the loopback redirect listener of the OAuth flow
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "paddock-loopback-receiver"

#include "config.h"

#include <errno.h>
#include <string.h>
#include <sys/resource.h>

#include <glib/gi18n-lib.h>

#include "paddock-error.h"
#include "paddock-loopback-receiver.h"
#include "paddock-loopback-receiver-private.h"
#include "paddock-random.h"

/*
 * PaddockLoopbackReceiver is the RFC 8252 loopback redirect target: a small
 * HTTP/1.1 listener on 127.0.0.1 (never a wildcard address) that accepts
 * exactly one valid `GET /callback` carrying the expected `state`. Everything
 * else gets an error status and leaves the flow running, so a stray request (a
 * favicon, a port scan, a page trying DNS rebinding) can neither end nor
 * hijack it. `GET /start` sends the browser on to the authorize URL, so that
 * the address on the browser's command line carries no `state`.
 *
 * It is its own listener over GSocket rather than a SoupServer, because any
 * local process can talk to it and it must stay up whatever they do:
 *
 *  - every answer says `Connection: close`; after it the connection is shut
 *    down for writing and drained (bounded) until the client closes, so no
 *    socket is left behind in CLOSE-WAIT;
 *  - at most PADDOCK_LOOPBACK_MAX_CONNECTIONS at once: a new connection drops
 *    the oldest one;
 *  - a connection has :idle-timeout to send its request head, and as long to
 *    go away after its answer;
 *  - a request head is read up to PADDOCK_LOOPBACK_MAX_HEADER_BYTES, a longer
 *    one is answered 431;
 *  - when accept() fails (EMFILE: out of file descriptors, or anything else),
 *    the listener pauses briefly and tries again; it never stops listening.
 */

#define ACCEPT_RETRY_MS    100
#define ACCEPTS_PER_WAKEUP 16
#define LISTEN_BACKLOG     64
#define READ_CHUNK         4096
#define MAX_DRAIN_BYTES    (2 * 1024 * 1024)

typedef enum {
  CONNECTION_READING,     /* the request head */
  CONNECTION_WRITING,     /* the answer */
  CONNECTION_DRAINING,    /* answered and shut down for writing: until the client closes */
} ConnectionState;

typedef struct {
  PaddockLoopbackReceiver *receiver;   /* not owned: it closes its connections */
  GSocket                 *socket;
  GSource                 *io_source;
  GSource                 *deadline_source;
  ConnectionState          state;
  GByteArray              *head;       /* may hold the code and the state: wiped */
  char                    *reply;      /* may hold the state (/start): wiped */
  gsize                    reply_len;
  gsize                    written;
  gsize                    drained;
  gboolean                 final;      /* carries the valid callback's answer */
} Connection;

typedef PaddockLoopbackRequest Request;

struct _PaddockLoopbackReceiver
{
  GObject       parent_instance;

  GArray       *ports;              /* guint16, tried in order */
  guint         timeout_ms;
  guint         idle_timeout_ms;

  GMainContext *context;            /* where the listener and our sources run */
  GSocket      *listener;
  GSource      *accept_source;
  GSource      *accept_retry_source;
  GQueue        connections;        /* Connection *, oldest first */
  guint16       port;
  char         *redirect_uri;
  char         *start_uri;
  char         *start_target;       /* the authorize URL /start redirects to (holds the state) */
  gboolean      start_used;
  char         *expected_host;      /* "127.0.0.1:PORT" */
  gboolean      closed;

  GTask        *task;               /* the pending wait */
  char         *expected_state;
  GSource      *timeout_source;
  GSource      *cancel_source;
  GSource      *complete_source;

  /* the answer of the valid callback, delivered once its page is written */
  gboolean      has_outcome;
  char         *code;
  GError       *outcome_error;
};

static void connection_close (Connection *conn);

G_DEFINE_FINAL_TYPE (PaddockLoopbackReceiver, paddock_loopback_receiver, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PORT,
  PROP_REDIRECT_URI,
  PROP_START_URI,
  PROP_TIMEOUT,
  PROP_IDLE_TIMEOUT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ---- helpers ---------------------------------------------------------------------- */

static void
clear_source (GSource **source)
{
  if (*source != NULL)
    {
      g_source_destroy (*source);
      g_clear_pointer (source, g_source_unref);
    }
}

static void
clear_secret (char **secret)
{
  if (*secret != NULL)
    explicit_bzero (*secret, strlen (*secret));
  g_clear_pointer (secret, g_free);
}

static GSource *
attach_source (PaddockLoopbackReceiver *self,
               GSource                 *source,
               GSourceFunc              func,
               gpointer                 data,
               const char              *name)
{
  g_source_set_callback (source, func, data, NULL);
  g_source_set_static_name (source, name);
  g_source_attach (source, self->context);

  return source;
}

static char *
format_ports (GArray *ports)
{
  g_autoptr (GString) text = g_string_new (NULL);

  for (guint i = 0; i < ports->len; i++)
    g_string_append_printf (text, "%s%u", i > 0 ? ", " : "", g_array_index (ports, guint16, i));

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
request_clear (Request *request)
{
  g_clear_pointer (&request->method, g_free);
  g_clear_pointer (&request->path, g_free);
  clear_secret (&request->query);
  g_clear_pointer (&request->host, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Request, request_clear)

/* Ends the wait: closes the listener first, so that whoever learns the result
 * also finds the port closed, then returns @code or @error. */
static void
finish_wait (PaddockLoopbackReceiver *self,
             char                    *code,
             GError                  *error)
{
  g_autoptr (GTask) task = g_steal_pointer (&self->task);

  clear_source (&self->timeout_source);
  clear_source (&self->cancel_source);
  clear_source (&self->complete_source);
  clear_secret (&self->expected_state);
  self->has_outcome = FALSE;
  /* an outcome not delivered (cancelled while its page was written) is dropped */
  clear_secret (&self->code);
  g_clear_error (&self->outcome_error);

  paddock_loopback_receiver_close (self);

  if (task == NULL)
    {
      g_free (code);
      g_clear_error (&error);
      return;
    }

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, code, g_free);
}

static void
finish_with_outcome (PaddockLoopbackReceiver *self)
{
  finish_wait (self, g_steal_pointer (&self->code), g_steal_pointer (&self->outcome_error));
}

static gboolean
complete_cb (gpointer user_data)
{
  PaddockLoopbackReceiver *self = user_data;

  g_clear_pointer (&self->complete_source, g_source_unref);
  if (self->has_outcome)
    finish_with_outcome (self);

  return G_SOURCE_REMOVE;
}

/* The valid callback's page is out (or its connection went away): deliver the
 * outcome from an idle, not from inside a connection's own callback. At the
 * default priority, not the idle one: a window that redraws all the time (a
 * spinner under software GL) would otherwise starve it, and the sign-in would
 * never go on. */
static void
schedule_complete (PaddockLoopbackReceiver *self)
{
  GSource *idle;

  if (!self->has_outcome || self->complete_source != NULL)
    return;

  idle = g_idle_source_new ();
  g_source_set_priority (idle, G_PRIORITY_DEFAULT);
  self->complete_source = attach_source (self, idle, complete_cb, self,
                                         "[paddock] loopback receiver complete");
}

/* ---- answers ---------------------------------------------------------------------- */

static const char *
reason_phrase (guint status)
{
  switch (status)
    {
    case 200: return "OK";
    case 303: return "See Other";
    case 400: return "Bad Request";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 410: return "Gone";
    case 431: return "Request Header Fields Too Large";
    case 503: return "Service Unavailable";
    default:  return "Error";
    }
}

static void connection_watch (Connection   *conn,
                              GIOCondition  condition);
static void connection_set_deadline (Connection *conn);

/* Queues the answer and starts writing it. Every answer is never cached, never
 * leaks the address (with the code) in a Referer, and closes the connection. */
static void
respond (Connection *conn,
         const char *method,
         guint       status,
         const char *title,
         const char *text,
         const char *extra_name,
         const char *extra_value)
{
  g_autoptr (GString) reply = g_string_new (NULL);
  g_autofree char *page = NULL;
  gsize page_len;

  page = g_markup_printf_escaped ("<!DOCTYPE html>\n"
                                  "<html><head><meta charset=\"utf-8\">"
                                  "<meta name=\"viewport\" content=\"width=device-width\">"
                                  "<title>%s</title>"
                                  "<style>body{font-family:sans-serif;max-width:36em;"
                                  "margin:4em auto;padding:0 1em;line-height:1.5}</style>"
                                  "</head><body><h1>%s</h1><p>%s</p></body></html>\n",
                                  title, title, text);
  page_len = strlen (page);

  g_string_append_printf (reply, "HTTP/1.1 %u %s\r\n", status, reason_phrase (status));
  g_string_append (reply,
                   "Content-Type: text/html; charset=utf-8\r\n"
                   "Cache-Control: no-store\r\n"
                   "Referrer-Policy: no-referrer\r\n"
                   "X-Content-Type-Options: nosniff\r\n"
                   "Content-Security-Policy: default-src 'none'; style-src 'unsafe-inline'\r\n"
                   "Connection: close\r\n");
  if (extra_name != NULL)
    g_string_append_printf (reply, "%s: %s\r\n", extra_name, extra_value);
  g_string_append_printf (reply, "Content-Length: %" G_GSIZE_FORMAT "\r\n\r\n", page_len);
  /* a HEAD answer has no body */
  if (g_strcmp0 (method, "HEAD") != 0)
    g_string_append_len (reply, page, page_len);

  conn->reply_len = reply->len;
  conn->reply = g_string_free (g_steal_pointer (&reply), FALSE);
  conn->written = 0;
  conn->state = CONNECTION_WRITING;
  connection_watch (conn, G_IO_OUT);
}

static void
respond_bad_request (Connection *conn,
                     const char *method)
{
  respond (conn, method, 400, _("Bad request"),
           _("This address only accepts the answer to a sign-in started in Paddock."),
           NULL, NULL);
}

/* ---- requests --------------------------------------------------------------------- */

/* Splits the query; %FALSE if it is malformed or repeats a parameter we read,
 * which a genuine redirect never does. */
static gboolean
parse_query (const char  *query,
             GHashTable **out_params)
{
  g_autoptr (GHashTable) params = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  GUriParamsIter iter;
  char *name;
  char *value;

  if (query != NULL)
    {
      g_autoptr (GError) error = NULL;

      g_uri_params_iter_init (&iter, query, -1, "&", G_URI_PARAMS_WWW_FORM);
      while (g_uri_params_iter_next (&iter, &name, &value, &error))
        {
          if (g_hash_table_contains (params, name))
            {
              g_free (name);
              clear_secret (&value);
              return FALSE;
            }
          g_hash_table_insert (params, name, value);
        }
      if (error != NULL)
        return FALSE;
    }

  *out_params = g_steal_pointer (&params);

  return TRUE;
}

static gboolean
is_token (const char *text,
          gsize       len)
{
  if (len == 0)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isalnum (text[i]) && strchr ("!#$%&'*+-.^_`|~", text[i]) == NULL)
      return FALSE;

  return TRUE;
}

/* Where the head ends (just past its empty line), or 0 if it has not ended yet. Looks
 * from @from on only, so that a head sent one byte at a time costs no more than one
 * sent at once. */
static gsize
find_head_end (const guint8 *data,
               gsize         len,
               gsize         from)
{
  for (gsize i = from; i + 1 < len; i++)
    {
      if (data[i] != '\n')
        continue;
      if (data[i + 1] == '\n')
        return i + 2;
      if (data[i + 1] == '\r' && i + 2 < len && data[i + 2] == '\n')
        return i + 3;
    }

  return 0;
}

/* Parses "METHOD /target HTTP/1.x" and the header lines, strictly: no folded
 * lines, no space before a colon, no NUL, exactly one Host header. */
static gboolean
parse_request (const char *head,
               gsize       len,
               Request    *request)
{
  g_auto (GStrv) lines = NULL;
  g_auto (GStrv) parts = NULL;
  g_autofree char *text = NULL;
  const char *target;
  const char *question;
  guint n_hosts = 0;

  if (memchr (head, '\0', len) != NULL)
    return FALSE;
  text = g_strndup (head, len);
  lines = g_strsplit (text, "\n", -1);
  explicit_bzero (text, len);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      gsize line_len = strlen (lines[i]);

      if (line_len > 0 && lines[i][line_len - 1] == '\r')
        lines[i][line_len - 1] = '\0';
    }

  parts = g_strsplit (lines[0], " ", -1);
  if (g_strv_length (parts) != 3 || !is_token (parts[0], strlen (parts[0])) ||
      (!g_str_equal (parts[2], "HTTP/1.1") && !g_str_equal (parts[2], "HTTP/1.0")))
    goto bad;

  target = parts[1];
  if (target[0] != '/')
    goto bad;
  for (const char *c = target; *c != '\0'; c++)
    if ((guchar) *c <= 0x20 || (guchar) *c >= 0x7f || *c == '#')
      goto bad;

  request->method = g_strdup (parts[0]);
  question = strchr (target, '?');
  if (question != NULL)
    {
      request->path = g_strndup (target, question - target);
      request->query = g_strdup (question + 1);
    }
  else
    request->path = g_strdup (target);

  for (guint i = 1; lines[i] != NULL && lines[i][0] != '\0'; i++)
    {
      const char *line = lines[i];
      const char *colon = strchr (line, ':');

      if (colon == NULL || !is_token (line, colon - line))
        goto bad;
      if (g_ascii_strncasecmp (line, "Host", colon - line) == 0 && colon - line == 4)
        {
          g_autofree char *value = g_strdup (colon + 1);

          if (++n_hosts > 1)
            goto bad;
          request->host = g_strdup (g_strstrip (value));
        }
    }

  for (guint i = 0; lines[i] != NULL; i++)
    explicit_bzero (lines[i], strlen (lines[i]));
  for (guint i = 0; parts[i] != NULL; i++)
    explicit_bzero (parts[i], strlen (parts[i]));

  return TRUE;

bad:
  for (guint i = 0; lines[i] != NULL; i++)
    explicit_bzero (lines[i], strlen (lines[i]));
  for (guint i = 0; parts != NULL && parts[i] != NULL; i++)
    explicit_bzero (parts[i], strlen (parts[i]));
  request_clear (request);

  return FALSE;
}

void
_paddock_loopback_request_clear (PaddockLoopbackRequest *request)
{
  request_clear (request);
}

gsize
_paddock_loopback_find_head_end (const guint8 *data,
                                 gsize         len,
                                 gsize         from)
{
  return find_head_end (data, len, from);
}

gboolean
_paddock_loopback_parse_request (const char             *head,
                                 gsize                   len,
                                 PaddockLoopbackRequest *request)
{
  return parse_request (head, len, request);
}

gboolean
_paddock_loopback_parse_query (const char  *query,
                               GHashTable **out_params)
{
  return parse_query (query, out_params);
}

static void
handle_callback (PaddockLoopbackReceiver *self,
                 Connection              *conn,
                 Request                 *request)
{
  g_autoptr (GHashTable) params = NULL;
  const char *state;
  const char *code;
  const char *error_code;
  const char *description;

  if (!parse_query (request->query, &params))
    {
      g_debug ("Refusing a callback with a malformed or repeated query");
      respond_bad_request (conn, request->method);
      return;
    }

  state = g_hash_table_lookup (params, "state");
  if (!paddock_secret_equal (state, self->expected_state))
    {
      g_debug ("Refusing a callback with a wrong or missing state");
      respond_bad_request (conn, request->method);
      return;
    }

  code = g_hash_table_lookup (params, "code");
  error_code = g_hash_table_lookup (params, "error");
  description = g_hash_table_lookup (params, "error_description");

  if (error_code != NULL && *error_code != '\0')
    {
      if (g_str_equal (error_code, "access_denied"))
        {
          self->outcome_error =
            g_error_new_literal (PADDOCK_ERROR, PADDOCK_ERROR_ACCESS_DENIED,
                                 _("Access was denied in the browser."));
          respond (conn, request->method, 200, _("Access was denied"),
                   _("Paddock was not given access to your account. "
                     "You can close this tab and return to Paddock."), NULL, NULL);
        }
      else
        {
          if (description != NULL && *description != '\0')
            self->outcome_error =
              g_error_new (PADDOCK_ERROR, PADDOCK_ERROR_REJECTED,
                           _("The brokerage refused the sign-in: %s"), description);
          else
            self->outcome_error =
              g_error_new (PADDOCK_ERROR, PADDOCK_ERROR_REJECTED,
                           _("The brokerage refused the sign-in (%s)."), error_code);
          respond (conn, request->method, 200, _("Sign-in failed"),
                   _("The brokerage refused the sign-in. "
                     "You can close this tab and return to Paddock."), NULL, NULL);
        }
      g_debug ("The callback carries an error");
    }
  else if (code != NULL && *code != '\0')
    {
      self->code = g_strdup (code);
      respond (conn, request->method, 200, _("Signed in"),
               _("You can close this tab and return to Paddock."), NULL, NULL);
      g_debug ("The callback carries a code");
    }
  else
    {
      g_debug ("Refusing a callback with neither a code nor an error");
      respond_bad_request (conn, request->method);
      return;
    }

  /* This was the one: answer, then close the listener once the page is out. */
  self->has_outcome = TRUE;
  conn->final = TRUE;
}

static void
handle_start (PaddockLoopbackReceiver *self,
              Connection              *conn,
              Request                 *request)
{
  if (self->start_target == NULL)
    {
      respond (conn, request->method, 404, _("Not found"),
               _("There is nothing at this address."), NULL, NULL);
      return;
    }

  /* Once: the browser opened it. Whoever asks again gets nothing, so the state
   * cannot be read from here later on. */
  if (self->start_used || self->has_outcome)
    {
      g_debug ("Refusing a second request for the start address");
      respond (conn, request->method, 410, _("This sign-in was already opened"),
               _("This address has already taken a browser to the sign-in page. Return to "
                 "Paddock to go on, or start the sign-in again."), NULL, NULL);
      return;
    }

  self->start_used = TRUE;
  g_debug ("Sending the browser on to the authorize page");
  respond (conn, request->method, 303, _("Sign in"),
           _("Continuing to the sign-in page…"), "Location", self->start_target);
}

static void
handle_request (PaddockLoopbackReceiver *self,
                Connection              *conn,
                Request                 *request)
{
  gboolean is_start;

  /* A page that rebinds its own host name to 127.0.0.1 sends its own Host:
   * answer it nothing useful. */
  if (g_strcmp0 (request->host, self->expected_host) != 0)
    {
      g_debug ("Refusing a request with an unexpected Host header");
      respond_bad_request (conn, request->method);
      return;
    }

  is_start = g_str_equal (request->path, "/start");
  if (!is_start && !g_str_equal (request->path, "/callback"))
    {
      respond (conn, request->method, 404, _("Not found"),
               _("There is nothing at this address."), NULL, NULL);
      return;
    }

  if (!g_str_equal (request->method, "GET"))
    {
      respond (conn, request->method, 405, _("Method not allowed"),
               _("This address only accepts the answer to a sign-in started in Paddock."),
               "Allow", "GET");
      return;
    }

  if (is_start)
    {
      handle_start (self, conn, request);
      return;
    }

  if (self->task == NULL || self->has_outcome)
    {
      respond (conn, request->method, 503, _("Not waiting for a sign-in"),
               _("Paddock is not waiting for a sign-in right now. "
                 "You can close this tab and return to Paddock."), NULL, NULL);
      return;
    }

  handle_callback (self, conn, request);
}

/* ---- connections ------------------------------------------------------------------ */

static void
connection_free (Connection *conn)
{
  clear_source (&conn->io_source);
  clear_source (&conn->deadline_source);
  if (conn->socket != NULL)
    g_socket_close (conn->socket, NULL);
  g_clear_object (&conn->socket);
  if (conn->head != NULL && conn->head->len > 0)
    explicit_bzero (conn->head->data, conn->head->len);
  g_clear_pointer (&conn->head, g_byte_array_unref);
  if (conn->reply != NULL)
    explicit_bzero (conn->reply, conn->reply_len);
  g_clear_pointer (&conn->reply, g_free);
  g_free (conn);
}

/* Drops the connection. If it carried the valid callback, the outcome is
 * delivered all the same: the browser went away, the sign-in goes on. */
static void
connection_close (Connection *conn)
{
  PaddockLoopbackReceiver *self = conn->receiver;
  gboolean final = conn->final;

  g_queue_remove (&self->connections, conn);
  connection_free (conn);
  if (final)
    schedule_complete (self);
}

static gboolean
connection_deadline_cb (gpointer user_data)
{
  Connection *conn = user_data;

  g_clear_pointer (&conn->deadline_source, g_source_unref);
  g_debug ("Dropping a connection that stayed too long (%s)",
           conn->state == CONNECTION_READING ? "no complete request"
                                             : "not closed after the answer");
  connection_close (conn);

  return G_SOURCE_REMOVE;
}

static void
connection_set_deadline (Connection *conn)
{
  PaddockLoopbackReceiver *self = conn->receiver;

  clear_source (&conn->deadline_source);
  conn->deadline_source = attach_source (self, g_timeout_source_new (self->idle_timeout_ms),
                                         connection_deadline_cb, conn,
                                         "[paddock] loopback receiver connection deadline");
}

static void
connection_read_head (Connection *conn)
{
  PaddockLoopbackReceiver *self = conn->receiver;
  g_autoptr (GError) error = NULL;
  g_auto (Request) request = { NULL, };
  guint8 buffer[READ_CHUNK];
  gsize room = PADDOCK_LOOPBACK_MAX_HEADER_BYTES + 1 - conn->head->len;
  gssize n;
  gsize end;

  n = g_socket_receive (conn->socket, (char *) buffer, MIN (room, sizeof buffer), NULL, &error);
  if (n < 0 && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK))
    return;
  if (n <= 0)
    {
      connection_close (conn);
      return;
    }

  g_byte_array_append (conn->head, buffer, n);
  explicit_bzero (buffer, n);

  /* the empty line may have begun in the bytes read before */
  end = find_head_end (conn->head->data, conn->head->len,
                       conn->head->len - n >= 3 ? conn->head->len - n - 3 : 0);
  if (end == 0 || end > PADDOCK_LOOPBACK_MAX_HEADER_BYTES)
    {
      if (conn->head->len > PADDOCK_LOOPBACK_MAX_HEADER_BYTES)
        {
          g_debug ("Refusing a request whose head is longer than %u bytes",
                   PADDOCK_LOOPBACK_MAX_HEADER_BYTES);
          respond (conn, NULL, 431, _("Request too large"),
                   _("This address only accepts the answer to a sign-in started in Paddock."),
                   NULL, NULL);
        }
      return;
    }

  /* a body, or anything after the head, is never read: the answer closes the connection */
  if (!parse_request ((const char *) conn->head->data, end, &request))
    {
      g_debug ("Refusing a malformed request");
      respond_bad_request (conn, NULL);
      return;
    }

  handle_request (self, conn, &request);
}

static void
connection_write (Connection *conn)
{
  g_autoptr (GError) error = NULL;
  gssize n;

  n = g_socket_send (conn->socket, conn->reply + conn->written, conn->reply_len - conn->written,
                     NULL, &error);
  if (n < 0 && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK))
    return;
  if (n < 0)
    {
      connection_close (conn);
      return;
    }

  conn->written += n;
  if (conn->written < conn->reply_len)
    return;

  /* Answered: say so with a FIN, then read (and drop) whatever the client still
   * sends until it closes too, so that it gets the whole answer rather than a
   * reset, and nothing is left half-closed. */
  g_socket_shutdown (conn->socket, FALSE, TRUE, NULL);
  conn->state = CONNECTION_DRAINING;
  connection_watch (conn, G_IO_IN);
  connection_set_deadline (conn);
  if (conn->final)
    schedule_complete (conn->receiver);
}

static void
connection_drain (Connection *conn)
{
  g_autoptr (GError) error = NULL;
  char buffer[READ_CHUNK];
  gssize n;

  n = g_socket_receive (conn->socket, buffer, sizeof buffer, NULL, &error);
  if (n < 0 && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK))
    return;
  explicit_bzero (buffer, sizeof buffer);
  if (n > 0)
    conn->drained += n;
  if (n <= 0 || conn->drained > MAX_DRAIN_BYTES)
    connection_close (conn);
}

static gboolean
connection_io_cb (GSocket      *socket,
                  GIOCondition  condition,
                  gpointer      user_data)
{
  Connection *conn = user_data;

  /* each step may close the connection: nothing may touch it afterwards */
  switch (conn->state)
    {
    case CONNECTION_READING:
      connection_read_head (conn);
      break;
    case CONNECTION_WRITING:
      connection_write (conn);
      break;
    case CONNECTION_DRAINING:
      connection_drain (conn);
      break;
    default:
      g_assert_not_reached ();
    }

  return G_SOURCE_CONTINUE;
}

static void
connection_watch (Connection   *conn,
                  GIOCondition  condition)
{
  clear_source (&conn->io_source);
  conn->io_source = attach_source (conn->receiver, g_socket_create_source (conn->socket,
                                                                           condition, NULL),
                                   G_SOURCE_FUNC (connection_io_cb), conn,
                                   "[paddock] loopback receiver connection");
}

/* Drops the oldest connection that is not delivering the valid callback's page. */
static gboolean
drop_oldest_connection (PaddockLoopbackReceiver *self)
{
  for (GList *l = self->connections.head; l != NULL; l = l->next)
    {
      Connection *conn = l->data;

      if (!conn->final)
        {
          g_debug ("Too many connections: dropping the oldest");
          connection_close (conn);
          return TRUE;
        }
    }

  return FALSE;
}

static void
add_connection (PaddockLoopbackReceiver *self,
                GSocket                 *socket)
{
  Connection *conn;

  if (self->connections.length >= PADDOCK_LOOPBACK_MAX_CONNECTIONS)
    drop_oldest_connection (self);

  conn = g_new0 (Connection, 1);
  conn->receiver = self;
  conn->socket = socket;
  conn->head = g_byte_array_new ();
  conn->state = CONNECTION_READING;
  g_socket_set_blocking (socket, FALSE);
  g_queue_push_tail (&self->connections, conn);
  connection_watch (conn, G_IO_IN);
  connection_set_deadline (conn);
}

/* ---- the listener ----------------------------------------------------------------- */

static void start_accepting (PaddockLoopbackReceiver *self);

static gboolean
accept_retry_cb (gpointer user_data)
{
  PaddockLoopbackReceiver *self = user_data;

  g_clear_pointer (&self->accept_retry_source, g_source_unref);
  start_accepting (self);

  return G_SOURCE_REMOVE;
}

static gboolean
accept_cb (GSocket      *listener,
           GIOCondition  condition,
           gpointer      user_data)
{
  PaddockLoopbackReceiver *self = user_data;

  for (guint i = 0; i < ACCEPTS_PER_WAKEUP; i++)
    {
      g_autoptr (GError) error = NULL;
      GSocket *socket = g_socket_accept (listener, NULL, &error);

      if (socket != NULL)
        {
          add_connection (self, socket);
          continue;
        }

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK))
        return G_SOURCE_CONTINUE;

      /* Out of file descriptors (EMFILE), or another failure: the connection
       * waits in the backlog. Make room, pause a moment so as not to spin on
       * it, and listen on. */
      g_debug ("Could not accept a connection, trying again shortly: %s", error->message);
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TOO_MANY_OPEN_FILES))
        drop_oldest_connection (self);
      g_clear_pointer (&self->accept_source, g_source_unref);
      self->accept_retry_source = attach_source (self, g_timeout_source_new (ACCEPT_RETRY_MS),
                                                 accept_retry_cb, self,
                                                 "[paddock] loopback receiver accept retry");
      return G_SOURCE_REMOVE;
    }

  return G_SOURCE_CONTINUE;
}

static void
start_accepting (PaddockLoopbackReceiver *self)
{
  clear_source (&self->accept_source);
  self->accept_source = attach_source (self, g_socket_create_source (self->listener, G_IO_IN,
                                                                     NULL),
                                       G_SOURCE_FUNC (accept_cb), self,
                                       "[paddock] loopback receiver accept");
}

static GSocket *
listen_on (GInetAddress  *address,
           guint16        port,
           GError       **error)
{
  g_autoptr (GSocketAddress) socket_address = g_inet_socket_address_new (address, port);
  g_autoptr (GSocket) socket = NULL;

  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, error);
  if (socket == NULL)
    return NULL;
  g_socket_set_blocking (socket, FALSE);
  g_socket_set_listen_backlog (socket, LISTEN_BACKLOG);
  /* reuse: the connections of an earlier sign-in may linger in TIME-WAIT; a port
   * another socket listens on stays busy all the same */
  if (!g_socket_bind (socket, socket_address, TRUE, error) || !g_socket_listen (socket, error))
    return NULL;

  return g_steal_pointer (&socket);
}

/* ---- callbacks -------------------------------------------------------------------- */

static gboolean
timeout_cb (gpointer user_data)
{
  PaddockLoopbackReceiver *self = user_data;

  g_clear_pointer (&self->timeout_source, g_source_unref);

  /* the valid callback came, but its page is still being written: use it */
  if (self->has_outcome)
    {
      finish_with_outcome (self);
      return G_SOURCE_REMOVE;
    }

  g_debug ("No callback within %u ms", self->timeout_ms);
  finish_wait (self, NULL,
               g_error_new_literal (PADDOCK_ERROR, PADDOCK_ERROR_TIMED_OUT,
                                    _("The browser did not come back to Paddock in time. "
                                      "Please try signing in again.")));

  return G_SOURCE_REMOVE;
}

static gboolean
cancelled_cb (GCancellable *cancellable,
              gpointer      user_data)
{
  PaddockLoopbackReceiver *self = user_data;

  g_clear_pointer (&self->cancel_source, g_source_unref);
  finish_wait (self, NULL,
               g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Sign-in was cancelled")));

  return G_SOURCE_REMOVE;
}

/* ---- GObject ---------------------------------------------------------------------- */

static void
paddock_loopback_receiver_dispose (GObject *object)
{
  PaddockLoopbackReceiver *self = (PaddockLoopbackReceiver *) object;

  /* A pending wait holds a reference, so this only happens on an explicit
   * g_object_run_dispose (): end it as cancelled. */
  if (self->task != NULL)
    finish_wait (self, NULL,
                 g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                      _("Sign-in was cancelled")));

  paddock_loopback_receiver_close (self);

  G_OBJECT_CLASS (paddock_loopback_receiver_parent_class)->dispose (object);
}

static void
paddock_loopback_receiver_finalize (GObject *object)
{
  PaddockLoopbackReceiver *self = (PaddockLoopbackReceiver *) object;

  g_clear_pointer (&self->ports, g_array_unref);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_clear_pointer (&self->redirect_uri, g_free);
  g_clear_pointer (&self->start_uri, g_free);
  clear_secret (&self->start_target);
  g_clear_pointer (&self->expected_host, g_free);
  clear_secret (&self->expected_state);
  clear_secret (&self->code);
  g_clear_error (&self->outcome_error);

  G_OBJECT_CLASS (paddock_loopback_receiver_parent_class)->finalize (object);
}

static void
paddock_loopback_receiver_get_property (GObject    *object,
                                        guint       prop_id,
                                        GValue     *value,
                                        GParamSpec *pspec)
{
  PaddockLoopbackReceiver *self = PADDOCK_LOOPBACK_RECEIVER (object);

  switch (prop_id)
    {
    case PROP_PORT:
      g_value_set_uint (value, self->port);
      break;
    case PROP_REDIRECT_URI:
      g_value_set_string (value, self->redirect_uri);
      break;
    case PROP_START_URI:
      g_value_set_string (value, self->start_uri);
      break;
    case PROP_TIMEOUT:
      g_value_set_uint (value, self->timeout_ms);
      break;
    case PROP_IDLE_TIMEOUT:
      g_value_set_uint (value, self->idle_timeout_ms);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
paddock_loopback_receiver_set_property (GObject      *object,
                                        guint         prop_id,
                                        const GValue *value,
                                        GParamSpec   *pspec)
{
  PaddockLoopbackReceiver *self = PADDOCK_LOOPBACK_RECEIVER (object);

  switch (prop_id)
    {
    case PROP_TIMEOUT:
      paddock_loopback_receiver_set_timeout (self, g_value_get_uint (value));
      break;
    case PROP_IDLE_TIMEOUT:
      paddock_loopback_receiver_set_idle_timeout (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
paddock_loopback_receiver_class_init (PaddockLoopbackReceiverClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = paddock_loopback_receiver_dispose;
  object_class->finalize = paddock_loopback_receiver_finalize;
  object_class->get_property = paddock_loopback_receiver_get_property;
  object_class->set_property = paddock_loopback_receiver_set_property;

  /**
   * PaddockLoopbackReceiver:port:
   *
   * The port the receiver listens on, or 0 before it has started.
   */
  properties[PROP_PORT] =
    g_param_spec_uint ("port", NULL, NULL, 0, G_MAXUINT16, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * PaddockLoopbackReceiver:redirect-uri:
   *
   * `http://127.0.0.1:PORT/callback`, or %NULL before the receiver has started.
   */
  properties[PROP_REDIRECT_URI] =
    g_param_spec_string ("redirect-uri", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * PaddockLoopbackReceiver:start-uri:
   *
   * `http://127.0.0.1:PORT/start`, the address to open in the browser: it
   * redirects (once) to the URL given to
   * paddock_loopback_receiver_set_start_target(). %NULL before the receiver
   * has started.
   */
  properties[PROP_START_URI] =
    g_param_spec_string ("start-uri", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * PaddockLoopbackReceiver:timeout:
   *
   * How many milliseconds a wait lasts before it fails with
   * %PADDOCK_ERROR_TIMED_OUT. Applies to waits started afterwards.
   */
  properties[PROP_TIMEOUT] =
    g_param_spec_uint ("timeout", NULL, NULL, 1, G_MAXUINT, PADDOCK_LOOPBACK_DEFAULT_TIMEOUT_MS,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * PaddockLoopbackReceiver:idle-timeout:
   *
   * How many milliseconds one connection may take to send its request head,
   * and may stay open after its answer, before it is dropped. Applies to
   * connections accepted afterwards.
   */
  properties[PROP_IDLE_TIMEOUT] =
    g_param_spec_uint ("idle-timeout", NULL, NULL, 1, G_MAXUINT,
                       PADDOCK_LOOPBACK_DEFAULT_IDLE_TIMEOUT_MS,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
paddock_loopback_receiver_init (PaddockLoopbackReceiver *self)
{
  self->ports = g_array_new (FALSE, FALSE, sizeof (guint16));
  self->timeout_ms = PADDOCK_LOOPBACK_DEFAULT_TIMEOUT_MS;
  self->idle_timeout_ms = PADDOCK_LOOPBACK_DEFAULT_IDLE_TIMEOUT_MS;
  g_queue_init (&self->connections);
}

/* ---- public API ------------------------------------------------------------------- */

/**
 * paddock_loopback_receiver_new:
 * @ports: (nullable) (array length=n_ports): the redirect ports to try in
 *   order, as registered with the OAuth app; %NULL for the default 48721–48725
 * @n_ports: the number of @ports
 *
 * Creates a receiver. It listens only after paddock_loopback_receiver_start().
 *
 * Returns: (transfer full): a new #PaddockLoopbackReceiver
 */
PaddockLoopbackReceiver *
paddock_loopback_receiver_new (const guint16 *ports,
                               gsize          n_ports)
{
  PaddockLoopbackReceiver *self;

  g_return_val_if_fail (ports != NULL || n_ports == 0, NULL);

  self = g_object_new (PADDOCK_TYPE_LOOPBACK_RECEIVER, NULL);

  if (n_ports == 0)
    {
      for (guint16 i = 0; i < PADDOCK_LOOPBACK_DEFAULT_N_PORTS; i++)
        {
          guint16 port = PADDOCK_LOOPBACK_DEFAULT_FIRST_PORT + i;

          g_array_append_val (self->ports, port);
        }
    }
  else
    {
      for (gsize i = 0; i < n_ports; i++)
        g_warn_if_fail (ports[i] != 0);
      g_array_append_vals (self->ports, ports, n_ports);
    }

  return self;
}

/**
 * paddock_loopback_receiver_start:
 * @self: a #PaddockLoopbackReceiver
 * @error: return location for a #GError
 *
 * Starts listening on 127.0.0.1, on the first port of the list that is free,
 * in the calling thread's thread-default main context. A receiver serves one
 * sign-in: once closed it cannot start again.
 *
 * Returns: the port, or 0 with %PADDOCK_ERROR_FAILED when every port is busy
 *   (the message lists them) or %PADDOCK_ERROR_NETWORK when listening failed
 *   for another reason
 */
guint16
paddock_loopback_receiver_start (PaddockLoopbackReceiver  *self,
                                 GError                  **error)
{
  g_autoptr (GInetAddress) loopback = NULL;
  g_autofree char *port_list = NULL;

  g_return_val_if_fail (PADDOCK_IS_LOOPBACK_RECEIVER (self), 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  if (self->listener != NULL)
    return self->port;

  if (self->closed)
    {
      g_set_error_literal (error, PADDOCK_ERROR, PADDOCK_ERROR_FAILED,
                           _("This sign-in has already ended; start a new one."));
      return 0;
    }

  loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);

  for (guint i = 0; i < self->ports->len; i++)
    {
      guint16 port = g_array_index (self->ports, guint16, i);
      g_autoptr (GError) local_error = NULL;

      self->listener = listen_on (loopback, port, &local_error);
      if (self->listener != NULL)
        {
          self->context = g_main_context_ref_thread_default ();
          self->port = port;
          self->expected_host = g_strdup_printf ("127.0.0.1:%u", port);
          self->redirect_uri = g_strdup_printf ("http://127.0.0.1:%u/callback", port);
          self->start_uri = g_strdup_printf ("http://127.0.0.1:%u/start", port);
          start_accepting (self);
          g_debug ("Listening on 127.0.0.1:%u", port);

          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PORT]);
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REDIRECT_URI]);
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_START_URI]);

          return port;
        }

      if (!g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_ADDRESS_IN_USE))
        {
          g_set_error (error, PADDOCK_ERROR, PADDOCK_ERROR_NETWORK,
                       _("Could not listen on 127.0.0.1:%u: %s"), port, local_error->message);
          return 0;
        }

      g_debug ("Redirect port %u is busy", port);
    }

  port_list = format_ports (self->ports);
  g_set_error (error, PADDOCK_ERROR, PADDOCK_ERROR_FAILED,
               _("All redirect ports are busy (%s). Close the program that uses them, "
                 "or register another redirect port with your OAuth app and add it to "
                 "Paddock’s list."), port_list);

  return 0;
}

/**
 * paddock_loopback_receiver_close:
 * @self: a #PaddockLoopbackReceiver
 *
 * Stops listening and drops every connection. A pending wait is not ended by
 * this; cancel it instead. Safe to call more than once.
 */
void
paddock_loopback_receiver_close (PaddockLoopbackReceiver *self)
{
  g_return_if_fail (PADDOCK_IS_LOOPBACK_RECEIVER (self));

  self->closed = TRUE;

  if (self->listener == NULL)
    return;

  clear_source (&self->accept_source);
  clear_source (&self->accept_retry_source);
  while (!g_queue_is_empty (&self->connections))
    connection_close (g_queue_peek_head (&self->connections));
  g_socket_close (self->listener, NULL);
  g_clear_object (&self->listener);
  g_debug ("Stopped listening on 127.0.0.1:%u", self->port);
}

/**
 * paddock_loopback_receiver_get_port:
 * @self: a #PaddockLoopbackReceiver
 *
 * Returns: the port the receiver listens (or listened) on, or 0 before it started
 */
guint16
paddock_loopback_receiver_get_port (PaddockLoopbackReceiver *self)
{
  g_return_val_if_fail (PADDOCK_IS_LOOPBACK_RECEIVER (self), 0);

  return self->port;
}

/**
 * paddock_loopback_receiver_get_redirect_uri:
 * @self: a #PaddockLoopbackReceiver
 *
 * Returns: (transfer none) (nullable): `http://127.0.0.1:PORT/callback`, or
 *   %NULL before the receiver started
 */
const char *
paddock_loopback_receiver_get_redirect_uri (PaddockLoopbackReceiver *self)
{
  g_return_val_if_fail (PADDOCK_IS_LOOPBACK_RECEIVER (self), NULL);

  return self->redirect_uri;
}

/**
 * paddock_loopback_receiver_get_timeout:
 * @self: a #PaddockLoopbackReceiver
 *
 * Returns: the wait's timeout in milliseconds
 */
guint
paddock_loopback_receiver_get_timeout (PaddockLoopbackReceiver *self)
{
  g_return_val_if_fail (PADDOCK_IS_LOOPBACK_RECEIVER (self), 0);

  return self->timeout_ms;
}

/**
 * paddock_loopback_receiver_set_timeout:
 * @self: a #PaddockLoopbackReceiver
 * @timeout_ms: how long a wait lasts, in milliseconds (at least 1)
 *
 * Sets #PaddockLoopbackReceiver:timeout; tests use a short one.
 */
void
paddock_loopback_receiver_set_timeout (PaddockLoopbackReceiver *self,
                                       guint                    timeout_ms)
{
  g_return_if_fail (PADDOCK_IS_LOOPBACK_RECEIVER (self));
  g_return_if_fail (timeout_ms > 0);

  if (self->timeout_ms == timeout_ms)
    return;

  self->timeout_ms = timeout_ms;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIMEOUT]);
}

/**
 * paddock_loopback_receiver_get_idle_timeout:
 * @self: a #PaddockLoopbackReceiver
 *
 * Returns: #PaddockLoopbackReceiver:idle-timeout, in milliseconds
 */
guint
paddock_loopback_receiver_get_idle_timeout (PaddockLoopbackReceiver *self)
{
  g_return_val_if_fail (PADDOCK_IS_LOOPBACK_RECEIVER (self), 0);

  return self->idle_timeout_ms;
}

/**
 * paddock_loopback_receiver_set_idle_timeout:
 * @self: a #PaddockLoopbackReceiver
 * @timeout_ms: how long a connection may stay without a complete request, in
 *   milliseconds (at least 1)
 *
 * Sets #PaddockLoopbackReceiver:idle-timeout; tests use a short one.
 */
void
paddock_loopback_receiver_set_idle_timeout (PaddockLoopbackReceiver *self,
                                            guint                    timeout_ms)
{
  g_return_if_fail (PADDOCK_IS_LOOPBACK_RECEIVER (self));
  g_return_if_fail (timeout_ms > 0);

  if (self->idle_timeout_ms == timeout_ms)
    return;

  self->idle_timeout_ms = timeout_ms;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IDLE_TIMEOUT]);
}

/**
 * paddock_loopback_receiver_get_start_uri:
 * @self: a #PaddockLoopbackReceiver
 *
 * Returns: (transfer none) (nullable): `http://127.0.0.1:PORT/start`, or %NULL
 *   before the receiver started
 */
const char *
paddock_loopback_receiver_get_start_uri (PaddockLoopbackReceiver *self)
{
  g_return_val_if_fail (PADDOCK_IS_LOOPBACK_RECEIVER (self), NULL);

  return self->start_uri;
}

/**
 * paddock_loopback_receiver_set_start_target:
 * @self: a #PaddockLoopbackReceiver
 * @url: the authorize URL (with the `state`)
 *
 * Sets where `GET /start` sends the browser: a 303 to @url, once. The start
 * address, unlike @url, can go on a command line: it carries no secret.
 */
void
paddock_loopback_receiver_set_start_target (PaddockLoopbackReceiver *self,
                                            const char              *url)
{
  g_return_if_fail (PADDOCK_IS_LOOPBACK_RECEIVER (self));
  g_return_if_fail (url != NULL);

  clear_secret (&self->start_target);
  self->start_target = g_strdup (url);
  self->start_used = FALSE;
}

/**
 * paddock_loopback_receiver_wait_async:
 * @self: a started #PaddockLoopbackReceiver
 * @expected_state: the `state` the authorize URL carried
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the wait ends
 * @user_data: data for @callback
 *
 * Waits for the browser's redirect: the one `GET /callback` on
 * `127.0.0.1:PORT` (also as its `Host` header) whose `state` equals
 * @expected_state. Wrong hosts, states, paths and methods are answered with
 * 400, 404 or 405 and the wait goes on. Once the valid callback's page is
 * written, or on timeout or cancellation, the listener is closed and the wait
 * ends. `GET /start` works before and during the wait. Call it in the
 * thread-default main context the receiver started in.
 */
void
paddock_loopback_receiver_wait_async (PaddockLoopbackReceiver *self,
                                      const char              *expected_state,
                                      GCancellable            *cancellable,
                                      GAsyncReadyCallback      callback,
                                      gpointer                 user_data)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (PADDOCK_IS_LOOPBACK_RECEIVER (self));
  g_return_if_fail (expected_state != NULL && *expected_state != '\0');
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, paddock_loopback_receiver_wait_async);

  if (self->task != NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_PENDING,
                               "The receiver is already waiting");
      return;
    }

  if (self->listener == NULL)
    {
      g_task_return_new_error (task, PADDOCK_ERROR, PADDOCK_ERROR_FAILED,
                               self->closed ? _("This sign-in has already ended; start a new one.")
                                            : "The receiver has not been started");
      return;
    }

  self->task = g_steal_pointer (&task);
  self->expected_state = g_strdup (expected_state);

  self->timeout_source = attach_source (self, g_timeout_source_new (self->timeout_ms), timeout_cb,
                                        self, "[paddock] loopback receiver timeout");
  if (cancellable != NULL)
    self->cancel_source = attach_source (self, g_cancellable_source_new (cancellable),
                                         G_SOURCE_FUNC (cancelled_cb), self,
                                         "[paddock] loopback receiver cancelled");
}

/**
 * paddock_loopback_receiver_wait_finish:
 * @self: a #PaddockLoopbackReceiver
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the authorization code, or %NULL with
 *   %PADDOCK_ERROR_ACCESS_DENIED (the person said no),
 *   %PADDOCK_ERROR_REJECTED (another `error=`, with its description),
 *   %PADDOCK_ERROR_TIMED_OUT or %G_IO_ERROR_CANCELLED
 */
char *
paddock_loopback_receiver_wait_finish (PaddockLoopbackReceiver  *self,
                                       GAsyncResult             *result,
                                       GError                  **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * paddock_raise_fd_limit:
 *
 * Raises the soft limit of open files to the hard one, so that a local
 * process flooding the loopback receiver with connections cannot exhaust the
 * app's file descriptors as easily. The app and the CLI call it at start.
 *
 * Returns: %TRUE if the soft limit now equals the hard one
 */
gboolean
paddock_raise_fd_limit (void)
{
  struct rlimit limit;

  if (getrlimit (RLIMIT_NOFILE, &limit) != 0)
    return FALSE;
  if (limit.rlim_cur == limit.rlim_max)
    return TRUE;

  limit.rlim_cur = limit.rlim_max;
  if (setrlimit (RLIMIT_NOFILE, &limit) != 0)
    {
      g_debug ("Could not raise the limit of open files: %s", g_strerror (errno));
      return FALSE;
    }

  return TRUE;
}
