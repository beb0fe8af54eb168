/* paddock-sandbox.c: the sandbox brokerage's server, thread, routing, faults and limits
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "paddock-sandbox"

#include "config.h"

#include <string.h>

#include "paddock-sandbox-private.h"

#define DEFAULT_RATE_LIMIT 200
#define DEFAULT_TICK_MS 1000

/* A status fault answers with the error shape, so only error statuses make sense. */
#define FAULT_STATUS_VALID(status) ((status) >= 400 && (status) <= 599)

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

struct _PaddockSandbox
{
  GObject parent_instance;

  guint64 seed;
  GRand *rand;

  GThread *thread;
  GMainContext *context;
  GMainLoop *loop;
  SoupServer *server;
  GMutex lock;          /* guards the start-up hand-shake and run_sync only */
  GCond cond;
  gboolean ready;
  GError *start_error;

  guint16 port;
  char *base_url;
  char *authorize_url;
  char *live_url;
  char *paper_url;
  char *data_url;
  char *polygon_url;

  GHashTable *tokens;   /* access token → SandboxToken* */
  GHashTable *rate;     /* key → RateWindow* */
  GPtrArray *symbols;   /* SandboxSymbol* */
  GHashTable *symbol_index; /* symbol and asset id → SandboxSymbol* */
  GList *faults;        /* SandboxFault* */

  guint rate_limit;
  gboolean text_frames;
  guint tick_ms;
  GSource *tick_source;

  gpointer modules[SANDBOX_N_MODULES];
  GDestroyNotify module_destroy[SANDBOX_N_MODULES];
};

G_DEFINE_FINAL_TYPE (PaddockSandbox, paddock_sandbox, G_TYPE_OBJECT)

static const SandboxRoute control_routes[];

/* ---- helpers ------------------------------------------------------------------------ */

static void
sandbox_token_free (SandboxToken *token)
{
  if (token == NULL)
    return;
  g_free (token->access_token);
  g_free (token->client_id);
  g_free (token->key_id);
  g_free (token);
}

static void
sandbox_symbol_free (SandboxSymbol *sym)
{
  g_free (sym->asset_id);
  g_free (sym);
}

static void
sandbox_fault_free (SandboxFault *fault)
{
  g_free (fault->method);
  g_free (fault->path_prefix);
  g_free (fault);
}

typedef struct
{
  GSourceFunc func;
  gpointer data;
  gboolean done;
  PaddockSandbox *self;
} SyncCall;

static gboolean
sync_call_cb (gpointer user_data)
{
  SyncCall *call = user_data;

  call->func (call->data);
  g_mutex_lock (&call->self->lock);
  call->done = TRUE;
  g_cond_broadcast (&call->self->cond);
  g_mutex_unlock (&call->self->lock);

  return G_SOURCE_REMOVE;
}

/* Runs func on the sandbox thread and waits for it; directly when not running or when
 * already on that thread. */
static void
run_sync (PaddockSandbox *self,
          GSourceFunc     func,
          gpointer        data)
{
  SyncCall call = { func, data, FALSE, self };

  if (self->thread == NULL || g_main_context_is_owner (self->context))
    {
      func (data);
      return;
    }

  g_main_context_invoke (self->context, sync_call_cb, &call);
  g_mutex_lock (&self->lock);
  while (!call.done)
    g_cond_wait (&self->cond, &self->lock);
  g_mutex_unlock (&self->lock);
}

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
    control_routes,
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

/* Returns FALSE (and has answered) when the request is over the limit. */
static gboolean
apply_rate_limit (PaddockSandbox *self,
                  SandboxRequest *req,
                  const char     *key)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (req->msg);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  RateWindow *w = g_hash_table_lookup (self->rate, key);
  char buf[32];
  guint remaining;

  if (w == NULL)
    {
      w = g_new0 (RateWindow, 1);
      g_hash_table_insert (self->rate, g_strdup (key), w);
    }
  if (w->window_start == 0 || now >= w->window_start + 60)
    {
      w->window_start = now;
      w->count = 0;
    }
  w->count++;
  remaining = w->count > self->rate_limit ? 0 : self->rate_limit - w->count;

  g_snprintf (buf, sizeof buf, "%u", self->rate_limit);
  soup_message_headers_replace (headers, "X-Ratelimit-Limit", buf);
  g_snprintf (buf, sizeof buf, "%u", remaining);
  soup_message_headers_replace (headers, "X-Ratelimit-Remaining", buf);
  g_snprintf (buf, sizeof buf, "%" G_GINT64_FORMAT, w->window_start + 60);
  soup_message_headers_replace (headers, "X-Ratelimit-Reset", buf);

  if (w->count > self->rate_limit)
    {
      g_snprintf (buf, sizeof buf, "%" G_GINT64_FORMAT, MAX (1, w->window_start + 60 - now));
      soup_message_headers_replace (headers, "Retry-After", buf);
      reply_api_error (req, 429, 42910000, "rate limit exceeded");
      return FALSE;
    }

  return TRUE;
}

const char *
_sandbox_request_bearer (SandboxRequest *req)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (req->msg);
  const char *auth = soup_message_headers_get_one (headers, "Authorization");

  if (auth == NULL || g_ascii_strncasecmp (auth, "Bearer ", 7) != 0)
    return NULL;
  auth += 7;
  while (*auth == ' ')
    auth++;
  return *auth ? auth : NULL;
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
take_fault (PaddockSandbox *self,
            const char     *method,
            const char     *full_path)
{
  for (GList *l = self->faults; l != NULL; l = l->next)
    {
      SandboxFault *f = l->data;

      if (f->kind == PADDOCK_SANDBOX_FAULT_WS_CLOSE_AFTER)
        continue;
      if (f->method != NULL && g_strcmp0 (f->method, "*") != 0 && g_strcmp0 (f->method, method) != 0)
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

static void
dispatch (PaddockSandbox *self,
          SandboxRequest *req,
          gboolean        faults_done);

typedef struct
{
  PaddockSandbox *self;
  SandboxRequest *req;
} DelayedRequest;

static gboolean
delayed_dispatch_cb (gpointer user_data)
{
  DelayedRequest *d = user_data;

  soup_server_message_unpause (d->req->msg);
  dispatch (d->self, d->req, TRUE);
  g_object_unref (d->self);
  g_free (d);

  return G_SOURCE_REMOVE;
}

static void
dispatch (PaddockSandbox *self,
          SandboxRequest *req,
          gboolean        faults_done)
{
  const SandboxRoute *route;
  gboolean path_known;
  SandboxFault *fault = NULL;
  GUri *uri = soup_server_message_get_uri (req->msg);
  const char *full_path = g_uri_get_path (uri);
  gboolean drop_after = FALSE;

  if (!faults_done && !g_str_has_prefix (full_path, "/_sandbox/"))
    fault = take_fault (self, req->method, full_path);

  if (fault != NULL)
    {
      switch (fault->kind)
        {
        case PADDOCK_SANDBOX_FAULT_LATENCY:
          {
            DelayedRequest *d = g_new0 (DelayedRequest, 1);
            GSource *source = g_timeout_source_new ((guint) MAX (0, fault->param));

            d->self = g_object_ref (self);
            d->req = req;
            soup_server_message_pause (req->msg);
            g_source_set_callback (source, delayed_dispatch_cb, d, NULL);
            g_source_attach (source, self->context);
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

        case PADDOCK_SANDBOX_FAULT_DROP_AFTER_COMMIT:
          drop_after = TRUE;
          req->drop_reply = TRUE;
          break;

        case PADDOCK_SANDBOX_FAULT_WS_CLOSE_AFTER:
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

      if (!apply_rate_limit (self, req, key))
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

static void
server_cb (SoupServer        *server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  PaddockSandbox *self = user_data;
  SandboxRequest *req = request_new (self, msg);
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

  dispatch (self, req, FALSE);
}

static gboolean
tick_cb (gpointer user_data)
{
  PaddockSandbox *self = user_data;

  _sandbox_market_step (self);
  _sandbox_trading_on_tick (self);

  return G_SOURCE_CONTINUE;
}

static void
restart_ticker (PaddockSandbox *self)
{
  if (self->tick_source != NULL)
    {
      g_source_destroy (self->tick_source);
      g_clear_pointer (&self->tick_source, g_source_unref);
    }

  if (self->tick_ms == 0 || self->context == NULL)
    return;

  self->tick_source = g_timeout_source_new (self->tick_ms);
  g_source_set_callback (self->tick_source, tick_cb, self, NULL);
  g_source_attach (self->tick_source, self->context);
}

/* ---- control API (/_sandbox/…): used by tests of a standalone paddock-sandbox --------- */

static gboolean
parse_fault_kind (const char              *text,
                  PaddockSandboxFaultKind *kind)
{
  static const struct { const char *name; PaddockSandboxFaultKind kind; } kinds[] = {
    { "latency", PADDOCK_SANDBOX_FAULT_LATENCY },
    { "status", PADDOCK_SANDBOX_FAULT_STATUS },
    { "reset", PADDOCK_SANDBOX_FAULT_RESET },
    { "malformed", PADDOCK_SANDBOX_FAULT_MALFORMED },
    { "truncated", PADDOCK_SANDBOX_FAULT_TRUNCATED },
    { "drop_after_commit", PADDOCK_SANDBOX_FAULT_DROP_AFTER_COMMIT },
    { "ws_close_after", PADDOCK_SANDBOX_FAULT_WS_CLOSE_AFTER },
  };

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (g_strcmp0 (text, kinds[i].name) == 0)
      {
        *kind = kinds[i].kind;
        return TRUE;
      }
  return FALSE;
}

static void
control_add_fault (SandboxRequest *req)
{
  JsonObject *obj = _sandbox_request_json_object (req);
  const char *kind_text, *method, *path;
  gint64 param = 0, count = 1;
  PaddockSandboxFaultKind kind;

  if (obj == NULL)
    return;
  if (!_sandbox_json_get_string (obj, "kind", &kind_text) ||
      !_sandbox_json_get_string (obj, "method", &method) ||
      !_sandbox_json_get_string (obj, "path", &path))
    {
      _sandbox_reply_error (req, 400, 40010000, "kind, method and path must be strings");
      return;
    }
  if (!_sandbox_json_get_int (obj, "param", G_MININT, G_MAXINT, &param) ||
      !_sandbox_json_get_int (obj, "count", G_MININT, G_MAXINT, &count))
    {
      _sandbox_reply_error (req, 400, 40010000, "param and count must be 32-bit integers");
      return;
    }
  if (!parse_fault_kind (kind_text, &kind))
    {
      _sandbox_reply_error (req, 422, 40010000, "unknown fault kind");
      return;
    }
  if (kind == PADDOCK_SANDBOX_FAULT_STATUS && !FAULT_STATUS_VALID (param))
    {
      _sandbox_reply_error (req, 400, 40010000,
                            "a status fault's param must be an HTTP status from 400 to 599");
      return;
    }
  paddock_sandbox_add_fault (req->sandbox, method ? method : "*", path ? path : "/", kind,
                             (int) param, (int) count);
  _sandbox_reply_empty (req, 204);
}

static void
control_clear_faults (SandboxRequest *req)
{
  paddock_sandbox_clear_faults (req->sandbox);
  _sandbox_reply_empty (req, 204);
}

static void
control_revoke (SandboxRequest *req)
{
  JsonObject *obj = _sandbox_request_json_object (req);
  const char *token;

  if (obj == NULL)
    return;
  /* only a missing member means "every token": anything else must name one */
  if (!_sandbox_json_get_string (obj, "access_token", &token))
    {
      _sandbox_reply_error (req, 400, 40010000, "access_token must be a string");
      return;
    }
  if (token != NULL)
    {
      if (!paddock_sandbox_revoke_token (req->sandbox, token))
        {
          _sandbox_reply_error (req, 404, 40410000, "no such token");
          return;
        }
    }
  else
    paddock_sandbox_revoke_all_tokens (req->sandbox);
  _sandbox_reply_empty (req, 204);
}

static void
control_price (SandboxRequest *req)
{
  JsonObject *obj = _sandbox_request_json_object (req);
  const char *symbol, *price;

  if (obj == NULL)
    return;
  if (!_sandbox_json_get_string (obj, "symbol", &symbol) ||
      !_sandbox_json_get_string (obj, "price", &price))
    {
      _sandbox_reply_error (req, 400, 40010000, "symbol and price must be strings");
      return;
    }
  if (!paddock_sandbox_set_price (req->sandbox, symbol ? symbol : "", price ? price : ""))
    {
      _sandbox_reply_error (req, 422, 40010000, "unknown symbol or bad price");
      return;
    }
  _sandbox_reply_empty (req, 204);
}

static void
control_tick (SandboxRequest *req)
{
  paddock_sandbox_tick (req->sandbox);
  _sandbox_reply_empty (req, 204);
}

static const SandboxRoute control_routes[] = {
  { "POST", SANDBOX_BASE_ROOT, "/_sandbox/faults", SANDBOX_AUTH_NONE, control_add_fault },
  { "DELETE", SANDBOX_BASE_ROOT, "/_sandbox/faults", SANDBOX_AUTH_NONE, control_clear_faults },
  { "POST", SANDBOX_BASE_ROOT, "/_sandbox/revoke", SANDBOX_AUTH_NONE, control_revoke },
  { "POST", SANDBOX_BASE_ROOT, "/_sandbox/price", SANDBOX_AUTH_NONE, control_price },
  { "POST", SANDBOX_BASE_ROOT, "/_sandbox/tick", SANDBOX_AUTH_NONE, control_tick },
  { NULL, 0, NULL, 0, NULL }
};

/* ---- the thread --------------------------------------------------------------------- */

static gboolean
listen_loopback (PaddockSandbox *self,
                 guint16         port,
                 GError        **error)
{
  g_autoptr (GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr (GSocketAddress) address = g_inet_socket_address_new (loopback, port);
  GSList *uris;

  if (!soup_server_listen (self->server, address, 0, error))
    return FALSE;

  uris = soup_server_get_uris (self->server);
  self->port = (guint16) g_uri_get_port (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  return TRUE;
}

static gpointer
sandbox_thread (gpointer data)
{
  PaddockSandbox *self = data;
  guint16 port = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (self), "requested-port"));
  GError *error = NULL;

  g_main_context_push_thread_default (self->context);

  _sandbox_market_init (self);
  _sandbox_oauth_init (self);
  _sandbox_trading_init (self);
  _sandbox_catalog_init (self);
  _sandbox_data_init (self);

  self->server = soup_server_new ("server-header", "paddock-sandbox ", NULL);
  soup_server_add_handler (self->server, NULL, server_cb, self, NULL);
  _sandbox_stream_init (self, self->server);

  if (listen_loopback (self, port, &error))
    {
      self->base_url = g_strdup_printf ("http://127.0.0.1:%u", self->port);
      self->authorize_url = g_strdup_printf ("%s/oauth/authorize", self->base_url);
      self->live_url = g_strdup_printf ("%s/live", self->base_url);
      self->paper_url = g_strdup_printf ("%s/paper", self->base_url);
      self->data_url = g_strdup_printf ("%s/data", self->base_url);
      self->polygon_url = g_strdup_printf ("%s/polygon", self->base_url);
      restart_ticker (self);
    }

  g_mutex_lock (&self->lock);
  self->start_error = error;
  self->ready = TRUE;
  g_cond_broadcast (&self->cond);
  g_mutex_unlock (&self->lock);

  if (error == NULL)
    g_main_loop_run (self->loop);

  if (self->tick_source != NULL)
    {
      g_source_destroy (self->tick_source);
      g_clear_pointer (&self->tick_source, g_source_unref);
    }
  _sandbox_stream_shutdown (self);
  soup_server_disconnect (self->server);
  g_clear_object (&self->server);

  for (int i = SANDBOX_N_MODULES - 1; i >= 0; i--)
    if (self->modules[i] != NULL && self->module_destroy[i] != NULL)
      {
        self->module_destroy[i] (self->modules[i]);
        self->modules[i] = NULL;
      }

  /* let pending sources (closed connections) run down */
  while (g_main_context_iteration (self->context, FALSE))
    ;

  g_main_context_pop_thread_default (self->context);

  return NULL;
}

/* ---- GObject ------------------------------------------------------------------------ */

static void
paddock_sandbox_finalize (GObject *object)
{
  PaddockSandbox *self = PADDOCK_SANDBOX (object);

  paddock_sandbox_stop (self);

  g_clear_pointer (&self->rand, g_rand_free);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_clear_pointer (&self->loop, g_main_loop_unref);
  g_clear_pointer (&self->tokens, g_hash_table_unref);
  g_clear_pointer (&self->rate, g_hash_table_unref);
  g_clear_pointer (&self->symbol_index, g_hash_table_unref);
  g_clear_pointer (&self->symbols, g_ptr_array_unref);
  g_list_free_full (self->faults, (GDestroyNotify) sandbox_fault_free);
  g_clear_error (&self->start_error);
  g_free (self->base_url);
  g_free (self->authorize_url);
  g_free (self->live_url);
  g_free (self->paper_url);
  g_free (self->data_url);
  g_free (self->polygon_url);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->cond);

  G_OBJECT_CLASS (paddock_sandbox_parent_class)->finalize (object);
}

static void
paddock_sandbox_class_init (PaddockSandboxClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = paddock_sandbox_finalize;
}

static void
paddock_sandbox_init (PaddockSandbox *self)
{
  g_mutex_init (&self->lock);
  g_cond_init (&self->cond);
  self->context = g_main_context_new ();
  self->loop = g_main_loop_new (self->context, FALSE);
  self->tokens = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                        (GDestroyNotify) sandbox_token_free);
  self->rate = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->symbols = g_ptr_array_new_with_free_func ((GDestroyNotify) sandbox_symbol_free);
  self->symbol_index = g_hash_table_new (g_str_hash, g_str_equal);
  self->rate_limit = DEFAULT_RATE_LIMIT;
  self->tick_ms = DEFAULT_TICK_MS;
}

/* ---- private API -------------------------------------------------------------------- */

GRand *
_sandbox_get_rand (PaddockSandbox *self)
{
  return self->rand;
}

guint64
_sandbox_get_seed (PaddockSandbox *self)
{
  return self->seed;
}

GPtrArray *
_sandbox_get_symbols (PaddockSandbox *self)
{
  return self->symbols;
}

/* Registers a symbol (the market module calls this once per symbol at start). */
void
_sandbox_add_symbol (PaddockSandbox *self,
                     SandboxSymbol  *sym)
{
  g_ptr_array_add (self->symbols, sym);
  g_hash_table_insert (self->symbol_index, (gpointer) sym->symbol, sym);
  g_hash_table_insert (self->symbol_index, sym->asset_id, sym);
}

SandboxSymbol *
_sandbox_lookup_symbol (PaddockSandbox *self,
                        const char     *symbol_or_asset_id)
{
  g_autofree char *plain = NULL;
  const char *colon;

  if (symbol_or_asset_id == NULL)
    return NULL;

  /* SYM:EXCH and SYM:EXCH:CLASS name the same asset */
  colon = strchr (symbol_or_asset_id, ':');
  if (colon != NULL && strlen (symbol_or_asset_id) < 36)
    plain = g_strndup (symbol_or_asset_id, (gsize) (colon - symbol_or_asset_id));

  return g_hash_table_lookup (self->symbol_index, plain ? plain : symbol_or_asset_id);
}

SandboxToken *
_sandbox_lookup_token (PaddockSandbox *self,
                       const char     *access_token)
{
  if (access_token == NULL)
    return NULL;
  return g_hash_table_lookup (self->tokens, access_token);
}

SandboxToken *
_sandbox_lookup_token_by_key_id (PaddockSandbox *self,
                                 const char     *key_id)
{
  GHashTableIter iter;
  SandboxToken *token;

  if (key_id == NULL)
    return NULL;

  g_hash_table_iter_init (&iter, self->tokens);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &token))
    if (_sandbox_const_equal (token->key_id, key_id))
      return token;

  return NULL;
}

SandboxToken *
_sandbox_issue_token (PaddockSandbox *self,
                      const char     *client_id,
                      guint           scopes,
                      SandboxEnv      env)
{
  SandboxToken *token = g_new0 (SandboxToken, 1);
  g_autofree char *raw = _sandbox_random_token (15);

  token->access_token = _sandbox_new_uuid ();
  token->client_id = g_strdup (client_id);
  token->key_id = g_ascii_strup (raw, -1);
  for (char *p = token->key_id; *p; p++)
    if (!g_ascii_isalnum (*p))
      *p = 'X';
  token->key_id[0] = 'A';
  token->key_id[1] = 'K';
  token->scopes = scopes;
  token->env = env;
  token->issued_at = g_get_real_time () / G_USEC_PER_SEC;
  g_hash_table_insert (self->tokens, token->access_token, token);

  return token;
}

gboolean
_sandbox_get_text_frames (PaddockSandbox *self)
{
  return self->text_frames;
}

GMainContext *
_sandbox_get_context (PaddockSandbox *self)
{
  return self->context;
}

const char *
_sandbox_get_base_url (PaddockSandbox *self)
{
  return self->base_url;
}

void
_sandbox_run_sync (PaddockSandbox *self,
                   GSourceFunc     func,
                   gpointer        data)
{
  run_sync (self, func, data);
}

int
_sandbox_take_ws_close_after (PaddockSandbox *self,
                              const char     *path)
{
  for (GList *l = self->faults; l != NULL; l = l->next)
    {
      SandboxFault *f = l->data;

      if (f->kind != PADDOCK_SANDBOX_FAULT_WS_CLOSE_AFTER || f->count == 0)
        continue;
      if (!g_str_has_prefix (path, f->path_prefix))
        continue;
      if (f->count > 0)
        f->count--;
      return f->param;
    }
  return -1;
}

gpointer
_sandbox_get_module (PaddockSandbox *self,
                     SandboxModule   module)
{
  return self->modules[module];
}

void
_sandbox_set_module (PaddockSandbox *self,
                     SandboxModule   module,
                     gpointer        state,
                     GDestroyNotify  destroy)
{
  self->modules[module] = state;
  self->module_destroy[module] = destroy;
}

/* ---- public API --------------------------------------------------------------------- */

/**
 * paddock_sandbox_new:
 * @seed: seed of the simulated market's random walk
 *
 * Returns: (transfer full): a sandbox that is not running yet
 */
PaddockSandbox *
paddock_sandbox_new (guint64 seed)
{
  PaddockSandbox *self = g_object_new (PADDOCK_TYPE_SANDBOX, NULL);

  self->seed = seed;
  self->rand = g_rand_new_with_seed_array ((const guint32[]) { (guint32) seed,
                                                                (guint32) (seed >> 32) }, 2);
  return self;
}

/**
 * paddock_sandbox_start:
 * @port: the loopback port, or 0 for any free port
 *
 * Starts the sandbox on its own thread and waits until it listens on 127.0.0.1.
 */
gboolean
paddock_sandbox_start (PaddockSandbox  *self,
                       guint16          port,
                       GError         **error)
{
  g_return_val_if_fail (PADDOCK_IS_SANDBOX (self), FALSE);
  g_return_val_if_fail (self->thread == NULL, FALSE);

  g_object_set_data (G_OBJECT (self), "requested-port", GUINT_TO_POINTER (port));
  self->ready = FALSE;
  self->thread = g_thread_new ("paddock-sandbox", sandbox_thread, self);

  g_mutex_lock (&self->lock);
  while (!self->ready)
    g_cond_wait (&self->cond, &self->lock);
  g_mutex_unlock (&self->lock);

  if (self->start_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&self->start_error));
      g_thread_join (g_steal_pointer (&self->thread));
      return FALSE;
    }

  return TRUE;
}

static gboolean
quit_cb (gpointer data)
{
  PaddockSandbox *self = data;

  g_main_loop_quit (self->loop);
  return G_SOURCE_REMOVE;
}

/**
 * paddock_sandbox_stop:
 *
 * Stops the server and joins its thread. Safe to call twice.
 */
void
paddock_sandbox_stop (PaddockSandbox *self)
{
  g_return_if_fail (PADDOCK_IS_SANDBOX (self));

  if (self->thread == NULL)
    return;

  g_main_context_invoke (self->context, quit_cb, self);
  g_thread_join (g_steal_pointer (&self->thread));
}

guint16
paddock_sandbox_get_port (PaddockSandbox *self)
{
  return self->port;
}

const char *
paddock_sandbox_get_base_url (PaddockSandbox *self)
{
  return self->base_url;
}

const char *
paddock_sandbox_get_authorize_url (PaddockSandbox *self)
{
  return self->authorize_url;
}

const char *
paddock_sandbox_get_live_url (PaddockSandbox *self)
{
  return self->live_url;
}

const char *
paddock_sandbox_get_paper_url (PaddockSandbox *self)
{
  return self->paper_url;
}

const char *
paddock_sandbox_get_data_url (PaddockSandbox *self)
{
  return self->data_url;
}

const char *
paddock_sandbox_get_polygon_url (PaddockSandbox *self)
{
  return self->polygon_url;
}

const char *
paddock_sandbox_get_client_id (PaddockSandbox *self)
{
  return SANDBOX_DEMO_CLIENT_ID;
}

const char *
paddock_sandbox_get_client_secret (PaddockSandbox *self)
{
  return _sandbox_oauth_get_demo_secret (self);
}

/**
 * paddock_sandbox_describe_json:
 *
 * Returns: (transfer full): the one-line JSON object that `paddock-sandbox` prints when ready
 */
char *
paddock_sandbox_describe_json (PaddockSandbox *self)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  g_autoptr (JsonGenerator) gen = json_generator_new ();
  g_autoptr (JsonNode) root = NULL;
  const struct { const char *name; const char *value; } members[] = {
    { "authorize_url", self->authorize_url },
    { "live_url", self->live_url },
    { "paper_url", self->paper_url },
    { "data_url", self->data_url },
    { "polygon_url", self->polygon_url },
    { "client_id", paddock_sandbox_get_client_id (self) },
    { "client_secret", paddock_sandbox_get_client_secret (self) },
  };

  json_builder_begin_object (b);
  for (guint i = 0; i < G_N_ELEMENTS (members); i++)
    {
      json_builder_set_member_name (b, members[i].name);
      json_builder_add_string_value (b, members[i].value);
    }
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);

  return json_generator_to_data (gen, NULL);
}

typedef struct
{
  PaddockSandbox *self;
  const char *s1;
  const char *s2;
  const char *s3;
  int i1;
  int i2;
  int i3;
  gboolean result;
  guint count;
} Call;

static gboolean
set_text_frames_cb (gpointer data)
{
  Call *c = data;

  c->self->text_frames = c->i1;
  return G_SOURCE_REMOVE;
}

/**
 * paddock_sandbox_set_text_frames:
 *
 * Sends trade updates as text frames instead of Alpaca paper's binary frames.
 */
void
paddock_sandbox_set_text_frames (PaddockSandbox *self,
                                 gboolean        text_frames)
{
  Call c = { .self = self, .i1 = !!text_frames };

  run_sync (self, set_text_frames_cb, &c);
}

static gboolean
set_rate_limit_cb (gpointer data)
{
  Call *c = data;

  c->self->rate_limit = (guint) c->i1;
  g_hash_table_remove_all (c->self->rate);
  return G_SOURCE_REMOVE;
}

void
paddock_sandbox_set_rate_limit (PaddockSandbox *self,
                                guint           per_minute)
{
  Call c = { .self = self, .i1 = (int) MAX (1u, per_minute) };

  run_sync (self, set_rate_limit_cb, &c);
}

static gboolean
set_tick_interval_cb (gpointer data)
{
  Call *c = data;

  c->self->tick_ms = (guint) c->i1;
  if (c->self->thread != NULL)
    restart_ticker (c->self);
  return G_SOURCE_REMOVE;
}

/**
 * paddock_sandbox_set_tick_interval:
 * @milliseconds: time between market steps, 0 to step only by paddock_sandbox_tick()
 */
void
paddock_sandbox_set_tick_interval (PaddockSandbox *self,
                                   guint           milliseconds)
{
  Call c = { .self = self, .i1 = (int) milliseconds };

  run_sync (self, set_tick_interval_cb, &c);
}

static gboolean
add_fault_cb (gpointer data)
{
  Call *c = data;
  SandboxFault *f = g_new0 (SandboxFault, 1);

  f->method = g_strdup (c->s1);
  f->path_prefix = g_strdup (c->s2 ? c->s2 : "/");
  f->kind = (PaddockSandboxFaultKind) c->i1;
  f->param = c->i2;
  f->count = c->i3;
  c->self->faults = g_list_append (c->self->faults, f);
  return G_SOURCE_REMOVE;
}

/**
 * paddock_sandbox_add_fault:
 * @method: (nullable): "GET", "POST", … or %NULL / "*" for any
 * @path_prefix: the full request path prefix, e.g. "/paper/v2/orders"
 * @kind: what to do
 * @param: the latency in ms, the HTTP status, or the number of websocket events
 * @count: how many requests it applies to; negative for all
 */
void
paddock_sandbox_add_fault (PaddockSandbox          *self,
                           const char              *method,
                           const char              *path_prefix,
                           PaddockSandboxFaultKind  kind,
                           int                      param,
                           int                      count)
{
  Call c = { .self = self, .s1 = method, .s2 = path_prefix, .i1 = kind, .i2 = param, .i3 = count };

  g_return_if_fail (kind != PADDOCK_SANDBOX_FAULT_STATUS || FAULT_STATUS_VALID (param));
  run_sync (self, add_fault_cb, &c);
}

static gboolean
clear_faults_cb (gpointer data)
{
  Call *c = data;

  g_list_free_full (c->self->faults, (GDestroyNotify) sandbox_fault_free);
  c->self->faults = NULL;
  return G_SOURCE_REMOVE;
}

void
paddock_sandbox_clear_faults (PaddockSandbox *self)
{
  Call c = { .self = self };

  run_sync (self, clear_faults_cb, &c);
}

static gboolean
revoke_token_cb (gpointer data)
{
  Call *c = data;
  SandboxToken *token = _sandbox_lookup_token (c->self, c->s1);

  if (token != NULL)
    token->revoked = TRUE;
  c->result = token != NULL;
  return G_SOURCE_REMOVE;
}

/**
 * paddock_sandbox_revoke_token:
 *
 * Revokes one access token, as a person does by removing the app in Alpaca's dashboard.
 */
gboolean
paddock_sandbox_revoke_token (PaddockSandbox *self,
                              const char     *access_token)
{
  Call c = { .self = self, .s1 = access_token };

  run_sync (self, revoke_token_cb, &c);
  return c.result;
}

static gboolean
revoke_all_cb (gpointer data)
{
  Call *c = data;
  GHashTableIter iter;
  SandboxToken *token;

  g_hash_table_iter_init (&iter, c->self->tokens);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &token))
    if (!token->revoked)
      {
        token->revoked = TRUE;
        c->count++;
      }
  return G_SOURCE_REMOVE;
}

guint
paddock_sandbox_revoke_all_tokens (PaddockSandbox *self)
{
  Call c = { .self = self };

  run_sync (self, revoke_all_cb, &c);
  return c.count;
}

static gboolean
set_price_cb (gpointer data)
{
  Call *c = data;
  SandboxSymbol *sym = _sandbox_lookup_symbol (c->self, c->s1);
  gint64 price;

  c->result = FALSE;
  if (sym == NULL || !_sandbox_parse_decimal (c->s2, 6, &price) || price <= 0)
    return G_SOURCE_REMOVE;

  _sandbox_market_set_price (c->self, sym, price);
  _sandbox_trading_on_tick (c->self);
  c->result = TRUE;
  return G_SOURCE_REMOVE;
}

/**
 * paddock_sandbox_set_price:
 * @symbol: a symbol of the simulated market
 * @price: the new last-trade price as a decimal string
 *
 * Moves the market (and fills the orders the move crosses).
 */
gboolean
paddock_sandbox_set_price (PaddockSandbox *self,
                           const char     *symbol,
                           const char     *price)
{
  Call c = { .self = self, .s1 = symbol, .s2 = price };

  run_sync (self, set_price_cb, &c);
  return c.result;
}

static gboolean
tick_once_cb (gpointer data)
{
  Call *c = data;

  tick_cb (c->self);
  return G_SOURCE_REMOVE;
}

/**
 * paddock_sandbox_tick:
 *
 * Steps the simulated market once and fills what the step crossed.
 */
void
paddock_sandbox_tick (PaddockSandbox *self)
{
  Call c = { .self = self };

  run_sync (self, tick_once_cb, &c);
}

static guint
scope_bits (const char *scope)
{
  g_auto (GStrv) scopes = g_strsplit (scope ? scope : "", " ", -1);
  guint bits = 0;

  for (guint i = 0; scopes[i] != NULL; i++)
    {
      if (g_str_equal (scopes[i], "account:write"))
        bits |= SANDBOX_SCOPE_ACCOUNT_WRITE;
      else if (g_str_equal (scopes[i], "trading"))
        bits |= SANDBOX_SCOPE_TRADING;
      else if (g_str_equal (scopes[i], "data"))
        bits |= SANDBOX_SCOPE_DATA;
    }
  return bits;
}

static gboolean
issue_token_cb (gpointer data)
{
  Call *c = data;
  SandboxToken *token;

  token = _sandbox_issue_token (c->self, SANDBOX_DEMO_CLIENT_ID, scope_bits (c->s1),
                                g_strcmp0 (c->s2, "live") == 0 ? SANDBOX_ENV_LIVE
                                                               : SANDBOX_ENV_PAPER);
  c->s3 = token->access_token;
  return G_SOURCE_REMOVE;
}

static gboolean
restore_token_cb (gpointer data)
{
  Call *c = data;
  SandboxToken *token;

  c->result = FALSE;
  if (c->s3 == NULL || strlen (c->s3) < 16 || _sandbox_lookup_token (c->self, c->s3) != NULL)
    return G_SOURCE_REMOVE;

  token = _sandbox_issue_token (c->self, SANDBOX_DEMO_CLIENT_ID, scope_bits (c->s1),
                                g_strcmp0 (c->s2, "live") == 0 ? SANDBOX_ENV_LIVE
                                                               : SANDBOX_ENV_PAPER);
  /* the table is keyed by the token string the token owns */
  g_hash_table_steal (c->self->tokens, token->access_token);
  g_free (token->access_token);
  token->access_token = g_strdup (c->s3);
  g_hash_table_insert (c->self->tokens, token->access_token, token);
  c->result = TRUE;
  return G_SOURCE_REMOVE;
}

/**
 * paddock_sandbox_restore_token:
 * @access_token: a token this sandbox's demo client issued in an earlier run
 * @scope: its scopes, space-separated
 * @environment: "paper" or "live"
 *
 * The app's demo mode keeps its demo sign-in in the keyring like any other; the sandbox
 * lives in memory, so on the next start the app hands the stored token back to the new
 * sandbox instead of asking the person to approve again.
 *
 * Returns: %TRUE if the token was taken (it must be unknown so far)
 */
gboolean
paddock_sandbox_restore_token (PaddockSandbox *self,
                               const char     *access_token,
                               const char     *scope,
                               const char     *environment)
{
  Call c = { .self = self, .s1 = scope, .s2 = environment, .s3 = access_token };

  run_sync (self, restore_token_cb, &c);
  return c.result;
}

/**
 * paddock_sandbox_issue_token:
 * @scope: space-separated scopes ("account:write trading data")
 * @environment: "paper" or "live"
 *
 * Issues an access token for the demo client without the consent page. For tests of the
 * API that are not about signing in; not reachable over HTTP.
 *
 * Returns: (transfer full): the access token
 */
char *
paddock_sandbox_issue_token (PaddockSandbox *self,
                             const char     *scope,
                             const char     *environment)
{
  Call c = { .self = self, .s1 = scope, .s2 = environment };

  run_sync (self, issue_token_cb, &c);
  return g_strdup (c.s3);
}
