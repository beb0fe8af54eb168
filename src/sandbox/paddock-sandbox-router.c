/* paddock-sandbox-router.c: every HTTP request of the sandbox, from the socket to a handler
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * In this order: fault injection, the rate limit (per token, a fixed window of a minute),
 * the route tables of the modules, authentication and scopes, then the route's handler.
 */
#define G_LOG_DOMAIN "paddock-sandbox-router"

#include "config.h"

#include <string.h>

#include "paddock-sandbox-private.h"

#define DEFAULT_RATE_LIMIT 200

typedef struct
{
  char *method;         /* NULL or "*" = any */
  char *path_prefix;    /* full path, with the base prefix ("/paper/v2/orders") */
  PaddockSandboxFaultKind kind;
  int param;
  int count;            /* < 0: forever */
} SandboxFault;

typedef struct
{
  gint64 window_start;
  guint count;
} RateWindow;

struct _SandboxRouter
{
  PaddockSandbox *sandbox;  /* not owned: it owns the router */
  GHashTable *rate;         /* key → RateWindow* */
  guint rate_limit;         /* requests per minute and key */
  GList *faults;            /* SandboxFault* */
  GPtrArray *data_requests; /* char*, the data host's requests, oldest first */
  GHashTable *counts;       /* "METHOD /full/path" → number of requests (a GUINT pointer) */
};

/* enough for any test, bounded for a long-running sandbox */
#define DATA_REQUESTS_MAX 10000

/* how many distinct method and path pairs are counted apart; the rest share one entry */
#define MAX_COUNTED_PATHS 10000
#define OTHER_PATHS_KEY "* *"

static void
sandbox_fault_free (SandboxFault *fault)
{
  g_free (fault->method);
  g_free (fault->path_prefix);
  g_free (fault);
}

/* ---- requests and routes ------------------------------------------------------------ */

static SandboxRequest *
request_new (PaddockSandbox    *self,
             SoupServerMessage *msg)
{
  SandboxRequest *req = g_new0 (SandboxRequest, 1);

  req->sandbox = self;
  req->msg = g_object_ref (msg);
  req->method = soup_server_message_get_method (msg);
  return req;
}

static void
request_free (SandboxRequest *req)
{
  g_object_unref (req->msg);
  g_free (req->path);
  g_clear_pointer (&req->query, g_hash_table_unref);
  for (guint i = 0; i < G_N_ELEMENTS (req->segments); i++)
    g_free (req->segments[i]);
  g_free (req);
}

static gboolean
path_matches (const char     *pattern,
              const char     *path,
              SandboxRequest *req)
{
  g_auto (GStrv) pp = g_strsplit (pattern, "/", -1);
  g_auto (GStrv) sp = g_strsplit (path, "/", -1);
  guint n_captured = 0;
  char *captured[G_N_ELEMENTS (req->segments)] = { NULL, };

  if (g_strv_length (pp) != g_strv_length (sp))
    return FALSE;

  for (guint i = 0; pp[i] != NULL; i++)
    {
      if (pp[i][0] == '{')
        {
          if (*sp[i] == '\0' || n_captured >= G_N_ELEMENTS (captured))
            goto fail;
          captured[n_captured++] = g_strdup (sp[i]);
        }
      else if (g_strcmp0 (pp[i], sp[i]) != 0)
        goto fail;
    }

  if (req != NULL)
    for (guint i = 0; i < n_captured; i++)
      {
        g_free (req->segments[i]);
        req->segments[i] = captured[i];
      }
  else
    for (guint i = 0; i < n_captured; i++)
      g_free (captured[i]);

  return TRUE;

fail:
  for (guint i = 0; i < n_captured; i++)
    g_free (captured[i]);
  return FALSE;
}

static gboolean
base_matches (SandboxBase route_base,
              SandboxBase base)
{
  if (route_base == base)
    return TRUE;
  return route_base == SANDBOX_BASE_LIVE && base == SANDBOX_BASE_PAPER;
}

static const SandboxRoute *
find_route (SandboxRequest *req,
            gboolean       *path_known)
{
  const SandboxRoute *tables[] = {
    _sandbox_control_routes,
    _sandbox_oauth_routes,
    _sandbox_trading_routes,
    _sandbox_catalog_routes,
    _sandbox_data_routes,
  };

  *path_known = FALSE;

  for (guint t = 0; t < G_N_ELEMENTS (tables); t++)
    for (const SandboxRoute *r = tables[t]; r->handler != NULL; r++)
      {
        if (!base_matches (r->base, req->base) || !path_matches (r->pattern, req->path, NULL))
          continue;
        *path_known = TRUE;
        if (g_strcmp0 (r->method, req->method) == 0)
          {
            path_matches (r->pattern, req->path, req);
            return r;
          }
      }

  return NULL;
}

static void
reply_api_error (SandboxRequest *req,
                 guint           status,
                 gint64          code,
                 const char     *message)
{
  if (req->base == SANDBOX_BASE_DATA || req->base == SANDBOX_BASE_POLYGON)
    _sandbox_reply_message (req, status, message);
  else
    _sandbox_reply_error (req, status, code, message);
}

/* ---- limits, authentication and faults ---------------------------------------------- */

/* Returns FALSE (and has answered) when the request is over the limit. */
static gboolean
apply_rate_limit (SandboxRouter  *router,
                  SandboxRequest *req,
                  const char     *key)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (req->msg);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  RateWindow *w = g_hash_table_lookup (router->rate, key);
  char buf[32];
  guint remaining;

  if (w == NULL)
    {
      w = g_new0 (RateWindow, 1);
      g_hash_table_insert (router->rate, g_strdup (key), w);
    }
  if (w->window_start == 0 || now >= w->window_start + 60)
    {
      w->window_start = now;
      w->count = 0;
    }
  w->count++;
  remaining = w->count > router->rate_limit ? 0 : router->rate_limit - w->count;

  g_snprintf (buf, sizeof buf, "%u", router->rate_limit);
  soup_message_headers_replace (headers, "X-Ratelimit-Limit", buf);
  g_snprintf (buf, sizeof buf, "%u", remaining);
  soup_message_headers_replace (headers, "X-Ratelimit-Remaining", buf);
  g_snprintf (buf, sizeof buf, "%" G_GINT64_FORMAT, w->window_start + 60);
  soup_message_headers_replace (headers, "X-Ratelimit-Reset", buf);

  if (w->count > router->rate_limit)
    {
      g_snprintf (buf, sizeof buf, "%" G_GINT64_FORMAT, MAX (1, w->window_start + 60 - now));
      soup_message_headers_replace (headers, "Retry-After", buf);
      reply_api_error (req, 429, 42910000, "rate limit exceeded");
      return FALSE;
    }

  return TRUE;
}

/* Authenticates and authorises; returns FALSE when it has answered with an error. */
static gboolean
authorize_request (PaddockSandbox     *self,
                   SandboxRequest     *req,
                   const SandboxRoute *route)
{
  const char *bearer = _sandbox_request_bearer (req);
  SandboxToken *token = bearer ? _sandbox_lookup_token (self, bearer) : NULL;
  guint needed = 0;

  if (token == NULL || token->revoked)
    {
      reply_api_error (req, 401, 40110000, "request is not authorized");
      return FALSE;
    }

  if (req->base == SANDBOX_BASE_LIVE || req->base == SANDBOX_BASE_PAPER)
    {
      SandboxEnv env = req->base == SANDBOX_BASE_LIVE ? SANDBOX_ENV_LIVE : SANDBOX_ENV_PAPER;

      /* A token reaches the account of the environment it was granted for. */
      if (token->env != env)
        {
          reply_api_error (req, 401, 40110000, "request is not authorized");
          return FALSE;
        }
      req->env = env;
      req->account = _sandbox_get_account (self, env);
    }
  else
    req->env = token->env;

  req->token = token;

  switch (route->auth)
    {
    case SANDBOX_AUTH_TRADING:
      needed = SANDBOX_SCOPE_TRADING;
      break;
    case SANDBOX_AUTH_ACCOUNT_WRITE:
      needed = SANDBOX_SCOPE_ACCOUNT_WRITE;
      break;
    case SANDBOX_AUTH_DATA:
      needed = SANDBOX_SCOPE_DATA;
      break;
    case SANDBOX_AUTH_NONE:
    case SANDBOX_AUTH_READ:
    default:
      break;
    }

  if ((token->scopes & needed) != needed)
    {
      reply_api_error (req, 403, 40310000,
                       "access token does not have the scope this request needs");
      return FALSE;
    }

  return TRUE;
}

static SandboxFault *
take_fault (SandboxRouter *router,
            const char    *method,
            const char    *full_path)
{
  for (GList *l = router->faults; l != NULL; l = l->next)
    {
      SandboxFault *f = l->data;

      if (f->kind == PADDOCK_SANDBOX_FAULT_WS_CLOSE_AFTER ||
          f->kind == PADDOCK_SANDBOX_FAULT_WS_SILENT)
        continue;
      if (f->method != NULL && g_strcmp0 (f->method, "*") != 0 &&
          g_strcmp0 (f->method, method) != 0)
        continue;
      if (!g_str_has_prefix (full_path, f->path_prefix))
        continue;
      if (f->count == 0)
        continue;
      if (f->count > 0)
        f->count--;
      return f;
    }

  return NULL;
}

static void
drop_connection (SoupServerMessage *msg)
{
  g_autoptr (GIOStream) stream = soup_server_message_steal_connection (msg);

  if (stream != NULL)
    g_io_stream_close (stream, NULL, NULL);
}

static void
send_truncated (SoupServerMessage *msg)
{
  g_autoptr (GIOStream) stream = soup_server_message_steal_connection (msg);
  const char *raw = "HTTP/1.1 200 OK\r\n"
                    "Content-Type: application/json\r\n"
                    "Content-Length: 512\r\n"
                    "Connection: close\r\n"
                    "\r\n"
                    "{\"id\":\"9b2e6f0c-1a3d-4e5f-8a7b-6c5";

  if (stream == NULL)
    return;
  g_output_stream_write_all (g_io_stream_get_output_stream (stream), raw, strlen (raw),
                             NULL, NULL, NULL);
  g_output_stream_flush (g_io_stream_get_output_stream (stream), NULL, NULL);
  g_io_stream_close (stream, NULL, NULL);
}

/* An error page as a proxy in front of an API sends it, instead of the error shape. */
static void
send_html_page (SoupServerMessage *msg,
                guint              status)
{
  const char *phrase = soup_status_get_phrase (status);
  g_autofree char *page = g_strdup_printf ("<html>\r\n<head><title>%u %s</title></head>\r\n"
                                           "<body>\r\n<center><h1>%u %s</h1></center>\r\n"
                                           "<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n",
                                           status, phrase, status, phrase);
  gsize length = strlen (page);

  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "text/html", SOUP_MEMORY_TAKE,
                                    g_steal_pointer (&page), length);
}

static void
send_deep (SoupServerMessage *msg,
           int                levels)
{
  gsize n = (gsize) levels;
  char *text = g_malloc (2 * n);

  memset (text, '[', n);
  memset (text + n, ']', n);
  soup_server_message_set_status (msg, 200, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE, text, 2 * n);
}

static void
send_invalid_utf8 (SoupServerMessage *msg)
{
  /* a lone continuation byte, an overlong '/', a UTF-16 surrogate, bytes UTF-8 never uses */
  static const char body[] = "{\"id\":\"\x80\xc0\xaf\",\"account_number\":\"PA\xed\xa0\x80\","
                             "\"status\":\"ACTIVE\xfe\xff\",\"currency\":\"USD\"}";

  soup_server_message_set_status (msg, 200, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC, body,
                                    sizeof body - 1);
}

/* A large body: "[", a space when needed, "0," again and again, "0]", exactly `left` bytes
 * in all, written piece by piece on the stolen connection so that the sandbox never holds
 * it; a client that stops reading closes the connection and ends it. */
#define LARGE_PIECE 65536

typedef struct
{
  GIOStream *stream;
  guint64 left;     /* bytes of "0," still to write */
} LargeBody;

static const char *
large_piece (void)
{
  static char piece[LARGE_PIECE];
  static gsize once = 0;

  if (g_once_init_enter (&once))
    {
      for (gsize i = 0; i < LARGE_PIECE; i += 2)
        memcpy (piece + i, "0,", 2);
      g_once_init_leave (&once, 1);
    }
  return piece;
}

static void
large_body_free (LargeBody *body)
{
  g_io_stream_close (body->stream, NULL, NULL);
  g_object_unref (body->stream);
  g_free (body);
}

static void large_body_written_cb (GObject      *object,
                                   GAsyncResult *result,
                                   gpointer      user_data);

/* Writes the next piece, or ends the body. */
static void
large_body_next (LargeBody *body)
{
  GOutputStream *out = g_io_stream_get_output_stream (body->stream);
  gsize piece;

  if (body->left == 0)
    {
      large_body_free (body);
      return;
    }
  if (body->left <= 2)
    {
      const char *end = body->left == 1 ? "]" : "0]";

      body->left = 0;
      g_output_stream_write_all_async (out, end, strlen (end), G_PRIORITY_DEFAULT, NULL,
                                       large_body_written_cb, body);
      return;
    }
  piece = (gsize) MIN (body->left - 2, LARGE_PIECE);
  body->left -= piece;
  g_output_stream_write_all_async (out, large_piece (), piece, G_PRIORITY_DEFAULT, NULL,
                                   large_body_written_cb, body);
}

static void
large_body_written_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  LargeBody *body = user_data;

  if (!g_output_stream_write_all_finish (G_OUTPUT_STREAM (object), result, NULL, NULL))
    {
      large_body_free (body);
      return;
    }
  large_body_next (body);
}

static void
send_large (SoupServerMessage *msg,
            int                size)
{
  GIOStream *stream = soup_server_message_steal_connection (msg);
  /* "[" + pad + "0," × n + "0]": what follows the pad is even; "[]" when size is 2 */
  gboolean pad = size > 2 && (size - 3) % 2 != 0;
  LargeBody *body;
  g_autofree char *head = NULL;

  if (stream == NULL)
    return;
  body = g_new0 (LargeBody, 1);
  body->stream = stream;
  body->left = (guint64) size - 1 - (pad ? 1 : 0);   /* after the head: 1 ("]") or 2n + 2 */
  head = g_strdup_printf ("HTTP/1.1 200 OK\r\n"
                          "Content-Type: application/json\r\n"
                          "Content-Length: %d\r\n"
                          "Connection: close\r\n"
                          "\r\n"
                          "[%s", size, pad ? " " : "");
  /* the head is small: written at once, the pieces then one after the other */
  if (!g_output_stream_write_all (g_io_stream_get_output_stream (stream), head, strlen (head),
                                  NULL, NULL, NULL))
    {
      large_body_free (body);
      return;
    }
  large_body_next (body);
}

/* ---- the request counter ------------------------------------------------------------ */

/* Counted once per request as it arrives (before faults, the rate limit and routing), so
 * a test can tell how many requests a client really sent. */
static void
count_request (SandboxRouter *router,
               const char    *method,
               const char    *full_path)
{
  g_autofree char *key = g_strdup_printf ("%s %s", method, full_path);
  gpointer value;

  if (!g_hash_table_lookup_extended (router->counts, key, NULL, &value))
    {
      if (g_hash_table_size (router->counts) >= MAX_COUNTED_PATHS)
        {
          g_free (key);
          key = g_strdup (OTHER_PATHS_KEY);
          value = g_hash_table_lookup (router->counts, key);
        }
      else
        value = NULL;
    }
  g_hash_table_replace (router->counts, g_steal_pointer (&key),
                        GUINT_TO_POINTER (GPOINTER_TO_UINT (value) + 1));
}

guint
_sandbox_router_count_requests (SandboxRouter *router,
                                const char    *method,
                                const char    *path_prefix)
{
  GHashTableIter iter;
  gpointer key, value;
  guint total = 0;

  g_hash_table_iter_init (&iter, router->counts);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      const char *space = strchr (key, ' ');
      g_autofree char *key_method = g_strndup (key, (gsize) (space - (const char *) key));

      if (g_str_equal (key, OTHER_PATHS_KEY))
        continue;
      if (method != NULL && g_strcmp0 (method, "*") != 0 && g_strcmp0 (method, key_method) != 0)
        continue;
      if (path_prefix != NULL && !g_str_has_prefix (space + 1, path_prefix))
        continue;
      total += GPOINTER_TO_UINT (value);
    }
  return total;
}

/* ---- dispatch ----------------------------------------------------------------------- */

static void
dispatch (SandboxRouter  *router,
          SandboxRequest *req,
          gboolean        faults_done);

typedef struct
{
  SandboxRouter *router;
  PaddockSandbox *sandbox;  /* a reference: the sandbox owns the router */
  SandboxRequest *req;
} DelayedRequest;

static gboolean
delayed_dispatch_cb (gpointer user_data)
{
  DelayedRequest *d = user_data;

  soup_server_message_unpause (d->req->msg);
  dispatch (d->router, d->req, TRUE);
  g_object_unref (d->sandbox);
  g_free (d);

  return G_SOURCE_REMOVE;
}

static void
dispatch (SandboxRouter  *router,
          SandboxRequest *req,
          gboolean        faults_done)
{
  PaddockSandbox *self = router->sandbox;
  const SandboxRoute *route;
  gboolean path_known;
  SandboxFault *fault = NULL;
  GUri *uri = soup_server_message_get_uri (req->msg);
  const char *full_path = g_uri_get_path (uri);
  gboolean drop_after = FALSE;

  if (!faults_done)
    count_request (router, req->method, full_path);

  if (!faults_done && !g_str_has_prefix (full_path, "/_sandbox/"))
    fault = take_fault (router, req->method, full_path);

  if (fault != NULL)
    {
      switch (fault->kind)
        {
        case PADDOCK_SANDBOX_FAULT_LATENCY:
          {
            DelayedRequest *d = g_new0 (DelayedRequest, 1);
            GSource *source = g_timeout_source_new ((guint) MAX (0, fault->param));

            d->router = router;
            d->sandbox = g_object_ref (self);
            d->req = req;
            soup_server_message_pause (req->msg);
            g_source_set_callback (source, delayed_dispatch_cb, d, NULL);
            g_source_attach (source, _sandbox_get_context (self));
            g_source_unref (source);
            return;
          }

        case PADDOCK_SANDBOX_FAULT_STATUS:
          if (fault->param == 429)
            soup_message_headers_replace (soup_server_message_get_response_headers (req->msg),
                                          "Retry-After", "1");
          reply_api_error (req, (guint) fault->param, (gint64) fault->param * 100000,
                           soup_status_get_phrase ((guint) fault->param));
          request_free (req);
          return;

        case PADDOCK_SANDBOX_FAULT_RESET:
          drop_connection (req->msg);
          request_free (req);
          return;

        case PADDOCK_SANDBOX_FAULT_MALFORMED:
          {
            const char *bad = "{\"id\": \"unterminated, [1, 2,, }";

            soup_server_message_set_status (req->msg, 200, NULL);
            soup_server_message_set_response (req->msg, "application/json",
                                              SOUP_MEMORY_STATIC, bad, strlen (bad));
            request_free (req);
            return;
          }

        case PADDOCK_SANDBOX_FAULT_TRUNCATED:
          send_truncated (req->msg);
          request_free (req);
          return;

        case PADDOCK_SANDBOX_FAULT_HTML:
          send_html_page (req->msg, (guint) fault->param);
          request_free (req);
          return;

        case PADDOCK_SANDBOX_FAULT_DEEP:
          send_deep (req->msg, fault->param);
          request_free (req);
          return;

        case PADDOCK_SANDBOX_FAULT_LARGE:
          send_large (req->msg, fault->param);
          request_free (req);
          return;

        case PADDOCK_SANDBOX_FAULT_INVALID_UTF8:
          send_invalid_utf8 (req->msg);
          request_free (req);
          return;

        case PADDOCK_SANDBOX_FAULT_DROP_AFTER_COMMIT:
          drop_after = TRUE;
          req->drop_reply = TRUE;
          break;

        case PADDOCK_SANDBOX_FAULT_REJECT_AFTER_ACCEPT:
          req->reject_order = TRUE;
          break;

        case PADDOCK_SANDBOX_FAULT_WS_CLOSE_AFTER:
        case PADDOCK_SANDBOX_FAULT_WS_SILENT:
        default:
          break;
        }
    }

  route = find_route (req, &path_known);

  if (req->base != SANDBOX_BASE_ROOT)
    {
      const char *bearer = _sandbox_request_bearer (req);
      g_autofree char *key = NULL;

      if (req->base == SANDBOX_BASE_POLYGON)
        key = g_strdup_printf ("polygon:%s", _sandbox_query (req, "apiKey") ?: "");
      else if (bearer != NULL)
        key = g_strdup_printf ("token:%s", bearer);
      else
        key = g_strdup_printf ("anon:%s", soup_server_message_get_remote_host (req->msg) ?: "");

      if (!apply_rate_limit (router, req, key))
        goto out;
    }

  if (route == NULL)
    {
      if (path_known)
        reply_api_error (req, 405, 40510000, "method not allowed");
      else
        reply_api_error (req, 404, 40410000, "endpoint not found");
      goto out;
    }

  if (route->auth != SANDBOX_AUTH_NONE && !authorize_request (self, req, route))
    goto out;

  route->handler (req);

out:
  if (drop_after)
    drop_connection (req->msg);
  request_free (req);
}

/* What tests see of the data host's traffic: the method, path and query (the token is in
 * a header and never logged). */
static void
log_data_request (SandboxRouter  *router,
                  SandboxRequest *req)
{
  g_autoptr (GList) names = g_list_sort (g_hash_table_get_keys (req->query),
                                         (GCompareFunc) strcmp);
  GString *line = g_string_new (req->method);

  g_string_append_c (line, ' ');
  g_string_append (line, req->path);
  for (GList *l = names; l != NULL; l = l->next)
    g_string_append_printf (line, "%c%s=%s", l == names ? '?' : '&', (char *) l->data,
                            (char *) g_hash_table_lookup (req->query, l->data));
  if (router->data_requests->len >= DATA_REQUESTS_MAX)
    g_ptr_array_remove_index (router->data_requests, 0);
  g_ptr_array_add (router->data_requests, g_string_free (line, FALSE));
}

void
_sandbox_router_serve (SoupServer        *server,
                       SoupServerMessage *msg,
                       const char        *path,
                       GHashTable        *query,
                       gpointer           user_data)
{
  SandboxRouter *router = user_data;
  SandboxRequest *req = request_new (router->sandbox, msg);
  static const struct { const char *prefix; SandboxBase base; } bases[] = {
    { "/live", SANDBOX_BASE_LIVE },
    { "/paper", SANDBOX_BASE_PAPER },
    { "/data", SANDBOX_BASE_DATA },
    { "/polygon", SANDBOX_BASE_POLYGON },
  };
  /* decoded once here ("%3A" → ":"); a "%2F" inside a segment keeps the raw path */
  g_autofree char *decoded = g_uri_unescape_string (path, "/");
  const char *p = decoded ? decoded : path;

  req->base = SANDBOX_BASE_ROOT;
  req->path = g_strdup (p);
  for (guint i = 0; i < G_N_ELEMENTS (bases); i++)
    {
      gsize n = strlen (bases[i].prefix);

      if (g_str_has_prefix (p, bases[i].prefix) && (p[n] == '/' || p[n] == '\0'))
        {
          g_free (req->path);
          req->path = g_strdup (p[n] ? p + n : "/");
          req->base = bases[i].base;
          break;
        }
    }

  if (query != NULL)
    req->query = g_hash_table_ref (query);
  else
    req->query = g_hash_table_new (g_str_hash, g_str_equal);

  if (req->base == SANDBOX_BASE_DATA)
    log_data_request (router, req);
  dispatch (router, req, FALSE);
}

char **
_sandbox_router_dup_data_requests (SandboxRouter *router)
{
  GStrvBuilder *builder = g_strv_builder_new ();
  char **out;

  for (guint i = 0; i < router->data_requests->len; i++)
    g_strv_builder_add (builder, g_ptr_array_index (router->data_requests, i));
  out = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return out;
}

void
_sandbox_router_clear_data_requests (SandboxRouter *router)
{
  g_ptr_array_set_size (router->data_requests, 0);
}

/* ---- the router --------------------------------------------------------------------- */

SandboxRouter *
_sandbox_router_new (PaddockSandbox *sandbox)
{
  SandboxRouter *router = g_new0 (SandboxRouter, 1);

  router->sandbox = sandbox;
  router->rate = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  router->rate_limit = DEFAULT_RATE_LIMIT;
  router->data_requests = g_ptr_array_new_with_free_func (g_free);
  router->counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  return router;
}

void
_sandbox_router_free (SandboxRouter *router)
{
  g_clear_pointer (&router->rate, g_hash_table_unref);
  g_clear_pointer (&router->counts, g_hash_table_unref);
  g_list_free_full (router->faults, (GDestroyNotify) sandbox_fault_free);
  g_clear_pointer (&router->data_requests, g_ptr_array_unref);
  g_free (router);
}

void
_sandbox_router_set_rate_limit (SandboxRouter *router,
                                guint          per_minute)
{
  router->rate_limit = per_minute;
  g_hash_table_remove_all (router->rate);
}

void
_sandbox_router_add_fault (SandboxRouter           *router,
                           const char              *method,
                           const char              *path_prefix,
                           PaddockSandboxFaultKind  kind,
                           int                      param,
                           int                      count)
{
  SandboxFault *f = g_new0 (SandboxFault, 1);

  f->method = g_strdup (method);
  f->path_prefix = g_strdup (path_prefix ? path_prefix : "/");
  f->kind = kind;
  f->param = param;
  f->count = count;
  router->faults = g_list_append (router->faults, f);
}

void
_sandbox_router_clear_faults (SandboxRouter *router)
{
  g_list_free_full (router->faults, (GDestroyNotify) sandbox_fault_free);
  router->faults = NULL;
}

static int
take_ws_fault (SandboxRouter           *router,
               const char              *path,
               PaddockSandboxFaultKind  kind)
{
  for (GList *l = router->faults; l != NULL; l = l->next)
    {
      SandboxFault *f = l->data;

      if (f->kind != kind || f->count == 0)
        continue;
      if (!g_str_has_prefix (path, f->path_prefix))
        continue;
      if (f->count > 0)
        f->count--;
      return f->param;
    }
  return -1;
}

int
_sandbox_router_take_ws_close_after (SandboxRouter *router,
                                     const char    *path)
{
  return take_ws_fault (router, path, PADDOCK_SANDBOX_FAULT_WS_CLOSE_AFTER);
}

int
_sandbox_router_take_ws_silent (SandboxRouter *router,
                                const char    *path)
{
  return take_ws_fault (router, path, PADDOCK_SANDBOX_FAULT_WS_SILENT);
}

/* A `status` fault matching the websocket handshake (a GET on the stream path), which
 * libsoup's websocket handler would otherwise never show the router. 0 if none. */
guint
_sandbox_router_take_handshake_status (SandboxRouter *router,
                                       const char    *method,
                                       const char    *path)
{
  for (GList *l = router->faults; l != NULL; l = l->next)
    {
      SandboxFault *f = l->data;

      if (f->kind != PADDOCK_SANDBOX_FAULT_STATUS || f->count == 0)
        continue;
      if (f->method != NULL && g_strcmp0 (f->method, "*") != 0 &&
          g_strcmp0 (f->method, method) != 0)
        continue;
      if (!g_str_has_prefix (path, f->path_prefix))
        continue;
      if (f->count > 0)
        f->count--;
      return (guint) f->param;
    }
  return 0;
}
