/* paddock-loopback-receiver.c: the loopback redirect listener of the OAuth flow
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "paddock-loopback-receiver"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>

#include "paddock-error.h"
#include "paddock-loopback-receiver.h"
#include "paddock-random.h"

/*
 * PaddockLoopbackReceiver is the RFC 8252 loopback redirect target: a
 * SoupServer on 127.0.0.1 (never a wildcard address) that accepts exactly one
 * valid `GET /callback` carrying the expected `state`. Everything else gets an
 * error status and leaves the flow running, so a stray request (a favicon, a
 * port scan, a page trying DNS rebinding) can neither end nor hijack it.
 */

struct _PaddockLoopbackReceiver
{
  GObject       parent_instance;

  GArray       *ports;              /* guint16, tried in order */
  guint         timeout_ms;

  GMainContext *context;            /* where the server and our sources run */
  SoupServer   *server;
  guint16       port;
  char         *redirect_uri;
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

static void final_message_finished_cb (SoupServerMessage       *msg,
                                       PaddockLoopbackReceiver *self);

G_DEFINE_FINAL_TYPE (PaddockLoopbackReceiver, paddock_loopback_receiver, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PORT,
  PROP_REDIRECT_URI,
  PROP_TIMEOUT,
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
               const char              *name)
{
  g_source_set_callback (source, func, self, NULL);
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

static void
reply_page (SoupServerMessage *msg,
            guint              status,
            const char        *title,
            const char        *text)
{
  g_autofree char *page = NULL;

  page = g_markup_printf_escaped ("<!DOCTYPE html>\n"
                                  "<html><head><meta charset=\"utf-8\">"
                                  "<meta name=\"viewport\" content=\"width=device-width\">"
                                  "<title>%s</title>"
                                  "<style>body{font-family:sans-serif;max-width:36em;"
                                  "margin:4em auto;padding:0 1em;line-height:1.5}</style>"
                                  "</head><body><h1>%s</h1><p>%s</p></body></html>\n",
                                  title, title, text);
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "text/html; charset=utf-8", SOUP_MEMORY_COPY,
                                    page, strlen (page));
}

static void
reply_bad_request (SoupServerMessage *msg)
{
  reply_page (msg, SOUP_STATUS_BAD_REQUEST, _("Bad request"),
              _("This address only accepts the answer to a sign-in started in Paddock."));
}

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

static void
handle_callback (PaddockLoopbackReceiver *self,
                 SoupServerMessage       *msg)
{
  g_autoptr (GHashTable) params = NULL;
  const char *state;
  const char *code;
  const char *error_code;
  const char *description;

  if (!parse_query (g_uri_get_query (soup_server_message_get_uri (msg)), &params))
    {
      g_debug ("Refusing a callback with a malformed or repeated query");
      reply_bad_request (msg);
      return;
    }

  state = g_hash_table_lookup (params, "state");
  if (!paddock_secret_equal (state, self->expected_state))
    {
      g_debug ("Refusing a callback with a wrong or missing state");
      reply_bad_request (msg);
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
          reply_page (msg, SOUP_STATUS_OK, _("Access was denied"),
                      _("Paddock was not given access to your account. "
                        "You can close this tab and return to Paddock."));
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
          reply_page (msg, SOUP_STATUS_OK, _("Sign-in failed"),
                      _("The brokerage refused the sign-in. "
                        "You can close this tab and return to Paddock."));
        }
      g_debug ("The callback carries an error");
    }
  else if (code != NULL && *code != '\0')
    {
      self->code = g_strdup (code);
      reply_page (msg, SOUP_STATUS_OK, _("Signed in"),
                  _("You can close this tab and return to Paddock."));
      g_debug ("The callback carries a code");
    }
  else
    {
      g_debug ("Refusing a callback with neither a code nor an error");
      reply_bad_request (msg);
      return;
    }

  /* This was the one: answer, then close the listener once the page is out. */
  self->has_outcome = TRUE;
  soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                "Connection", "close");
  g_signal_connect_object (msg, "finished", G_CALLBACK (final_message_finished_cb), self, 0);
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

static gboolean
complete_cb (gpointer user_data)
{
  PaddockLoopbackReceiver *self = user_data;

  g_clear_pointer (&self->complete_source, g_source_unref);
  if (self->has_outcome)
    finish_with_outcome (self);

  return G_SOURCE_REMOVE;
}

static void
final_message_finished_cb (SoupServerMessage       *msg,
                           PaddockLoopbackReceiver *self)
{
  /* Not from inside the server's own emission: close it from an idle. At the default
   * priority, not the idle one: a window that redraws all the time (a spinner under
   * software GL) would otherwise starve it, and the sign-in would never go on. */
  if (self->has_outcome && self->complete_source == NULL)
    {
      GSource *idle = g_idle_source_new ();

      g_source_set_priority (idle, G_PRIORITY_DEFAULT);
      self->complete_source = attach_source (self, idle, complete_cb,
                                             "[paddock] loopback receiver complete");
    }
}

static void
server_request_cb (SoupServer        *server,
                   SoupServerMessage *msg,
                   const char        *path,
                   GHashTable        *query,
                   gpointer           user_data)
{
  PaddockLoopbackReceiver *self = user_data;
  SoupMessageHeaders *request_headers = soup_server_message_get_request_headers (msg);
  SoupMessageHeaders *response_headers = soup_server_message_get_response_headers (msg);
  const char *host = soup_message_headers_get_list (request_headers, "Host");

  /* never cached, never leaking the address with the code in a Referer */
  soup_message_headers_replace (response_headers, "Cache-Control", "no-store");
  soup_message_headers_replace (response_headers, "Referrer-Policy", "no-referrer");
  soup_message_headers_replace (response_headers, "X-Content-Type-Options", "nosniff");
  soup_message_headers_replace (response_headers, "Content-Security-Policy",
                                "default-src 'none'; style-src 'unsafe-inline'");

  /* A page that rebinds its own host name to 127.0.0.1 sends its own Host:
   * answer it nothing useful. */
  if (g_strcmp0 (host, self->expected_host) != 0)
    {
      g_debug ("Refusing a request with an unexpected Host header");
      reply_bad_request (msg);
      return;
    }

  if (g_strcmp0 (path, "/callback") != 0)
    {
      reply_page (msg, SOUP_STATUS_NOT_FOUND, _("Not found"),
                  _("There is nothing at this address."));
      return;
    }

  if (g_strcmp0 (soup_server_message_get_method (msg), SOUP_METHOD_GET) != 0)
    {
      soup_message_headers_replace (response_headers, "Allow", "GET");
      reply_page (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, _("Method not allowed"),
                  _("This address only accepts the answer to a sign-in started in Paddock."));
      return;
    }

  if (self->task == NULL || self->has_outcome)
    {
      reply_page (msg, SOUP_STATUS_SERVICE_UNAVAILABLE, _("Not waiting for a sign-in"),
                  _("Paddock is not waiting for a sign-in right now. "
                    "You can close this tab and return to Paddock."));
      return;
    }

  handle_callback (self, msg);
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
    case PROP_TIMEOUT:
      g_value_set_uint (value, self->timeout_ms);
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
   * PaddockLoopbackReceiver:timeout:
   *
   * How many milliseconds a wait lasts before it fails with
   * %PADDOCK_ERROR_TIMED_OUT. Applies to waits started afterwards.
   */
  properties[PROP_TIMEOUT] =
    g_param_spec_uint ("timeout", NULL, NULL, 1, G_MAXUINT, PADDOCK_LOOPBACK_DEFAULT_TIMEOUT_MS,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
paddock_loopback_receiver_init (PaddockLoopbackReceiver *self)
{
  self->ports = g_array_new (FALSE, FALSE, sizeof (guint16));
  self->timeout_ms = PADDOCK_LOOPBACK_DEFAULT_TIMEOUT_MS;
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
  g_autoptr (SoupServer) server = NULL;
  g_autoptr (GInetAddress) loopback = NULL;
  g_autofree char *port_list = NULL;

  g_return_val_if_fail (PADDOCK_IS_LOOPBACK_RECEIVER (self), 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  if (self->server != NULL)
    return self->port;

  if (self->closed)
    {
      g_set_error_literal (error, PADDOCK_ERROR, PADDOCK_ERROR_FAILED,
                           _("This sign-in has already ended; start a new one."));
      return 0;
    }

  server = soup_server_new (NULL, NULL);
  soup_server_add_handler (server, NULL, server_request_cb, self, NULL);
  loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);

  for (guint i = 0; i < self->ports->len; i++)
    {
      guint16 port = g_array_index (self->ports, guint16, i);
      g_autoptr (GSocketAddress) address = g_inet_socket_address_new (loopback, port);
      g_autoptr (GError) local_error = NULL;

      if (soup_server_listen (server, address, 0, &local_error))
        {
          self->server = g_steal_pointer (&server);
          self->context = g_main_context_ref_thread_default ();
          self->port = port;
          self->expected_host = g_strdup_printf ("127.0.0.1:%u", port);
          self->redirect_uri = g_strdup_printf ("http://127.0.0.1:%u/callback", port);
          g_debug ("Listening on 127.0.0.1:%u", port);

          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PORT]);
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REDIRECT_URI]);

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

  if (self->server == NULL)
    return;

  soup_server_disconnect (self->server);
  g_clear_object (&self->server);
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
 * ends. Call it in the thread-default main context the receiver started in.
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

  if (self->server == NULL)
    {
      g_task_return_new_error (task, PADDOCK_ERROR, PADDOCK_ERROR_FAILED,
                               self->closed ? _("This sign-in has already ended; start a new one.")
                                            : "The receiver has not been started");
      return;
    }

  self->task = g_steal_pointer (&task);
  self->expected_state = g_strdup (expected_state);

  self->timeout_source = attach_source (self, g_timeout_source_new (self->timeout_ms), timeout_cb,
                                        "[paddock] loopback receiver timeout");
  if (cancellable != NULL)
    self->cancel_source = attach_source (self, g_cancellable_source_new (cancellable),
                                         G_SOURCE_FUNC (cancelled_cb),
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
