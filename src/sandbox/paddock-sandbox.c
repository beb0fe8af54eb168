/* paddock-sandbox.c: the sandbox brokerage: its state, its thread and the public API
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "paddock-sandbox"

#include "config.h"

#include <string.h>

#include "paddock-sandbox-private.h"

#define DEFAULT_TICK_MS 1000

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

  SandboxRouter *router;
  GHashTable *tokens;   /* access token → SandboxToken* */
  GPtrArray *symbols;   /* SandboxSymbol* */
  GHashTable *symbol_index; /* symbol and asset id → SandboxSymbol* */

  gboolean text_frames;
  gboolean demo_history;
  gboolean app_demo;             /* serves the app's demo: its pages say "Demo" */
  gboolean sip_plan;
  gboolean history_ms;      /* portfolio history timestamps in milliseconds */
  guint history_gaps;       /* leading portfolio history points answered null */
  guint tick_ms;
  GSource *tick_source;

  gpointer modules[SANDBOX_N_MODULES];
  GDestroyNotify module_destroy[SANDBOX_N_MODULES];
};

G_DEFINE_FINAL_TYPE (PaddockSandbox, paddock_sandbox, G_TYPE_OBJECT)

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
  soup_server_add_handler (self->server, NULL, _sandbox_router_serve, self->router, NULL);
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
  g_clear_pointer (&self->router, _sandbox_router_free);
  g_clear_pointer (&self->symbol_index, g_hash_table_unref);
  g_clear_pointer (&self->symbols, g_ptr_array_unref);
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
  self->router = _sandbox_router_new (self);
  self->symbols = g_ptr_array_new_with_free_func ((GDestroyNotify) sandbox_symbol_free);
  self->symbol_index = g_hash_table_new (g_str_hash, g_str_equal);
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

gboolean
_sandbox_get_demo_history (PaddockSandbox *self)
{
  return self->demo_history;
}

gboolean
_sandbox_get_app_demo (PaddockSandbox *self)
{
  return self->app_demo;
}

gboolean
_sandbox_get_sip_plan (PaddockSandbox *self)
{
  return self->sip_plan;
}

void
_sandbox_get_history_format (PaddockSandbox *self,
                             gboolean       *milliseconds,
                             guint          *leading_gaps)
{
  *milliseconds = self->history_ms;
  *leading_gaps = self->history_gaps;
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
  return _sandbox_router_take_ws_close_after (self->router, path);
}

int
_sandbox_take_ws_silent (PaddockSandbox *self,
                         const char     *path)
{
  return _sandbox_router_take_ws_silent (self->router, path);
}

guint
_sandbox_take_handshake_status (PaddockSandbox *self,
                                const char     *method,
                                const char     *path)
{
  return _sandbox_router_take_handshake_status (self->router, method, path);
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

static SandboxEnv
env_from_name (const char *environment)
{
  return g_strcmp0 (environment, "live") == 0 ? SANDBOX_ENV_LIVE : SANDBOX_ENV_PAPER;
}

/* Each public function below hops onto the sandbox thread with run_sync, carrying its
 * arguments (and its result) in a small struct of its own. */

typedef struct
{
  PaddockSandbox *self;
  gboolean text_frames;
} TextFramesCall;

static gboolean
set_text_frames_cb (gpointer data)
{
  TextFramesCall *c = data;

  c->self->text_frames = c->text_frames;
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
  TextFramesCall c = { self, !!text_frames };

  run_sync (self, set_text_frames_cb, &c);
}

/**
 * paddock_sandbox_set_demo_history:
 * @demo_history: whether the paper account starts with a past
 *
 * Gives the paper account (the one the app's demo signs in to) weeks of history when the
 * sandbox starts: deposits, a few hundred past orders, positions, dividends, fees, interest
 * and open limit orders, made from the seed and today's date (see docs/SANDBOX.md). Call it
 * before paddock_sandbox_start(); without it both accounts start with cash only.
 */
void
paddock_sandbox_set_demo_history (PaddockSandbox *self,
                                  gboolean        demo_history)
{
  g_return_if_fail (PADDOCK_IS_SANDBOX (self));
  g_return_if_fail (self->thread == NULL);

  self->demo_history = !!demo_history;
}

/**
 * paddock_sandbox_set_app_demo:
 * @app_demo: whether this sandbox is the app's demo brokerage
 *
 * The app's demo signs in to the paper account; with this set, the consent page names
 * it as the app does, "Demo", and speaks of the demo rather than of a test sandbox. Tests
 * that drive the paper and live modes leave it off. Call it before paddock_sandbox_start().
 */
void
paddock_sandbox_set_app_demo (PaddockSandbox *self,
                              gboolean        app_demo)
{
  g_return_if_fail (PADDOCK_IS_SANDBOX (self));
  g_return_if_fail (self->thread == NULL);

  self->app_demo = !!app_demo;
}

typedef struct
{
  PaddockSandbox *self;
  const char *environment;
  guint count;
  const char *symbol;
  guint added;
} SeedOrdersCall;

static gboolean
seed_orders_cb (gpointer data)
{
  SeedOrdersCall *c = data;
  SandboxSymbol *sym = NULL;

  c->added = 0;
  if (c->symbol != NULL && (sym = _sandbox_lookup_symbol (c->self, c->symbol)) == NULL)
    return G_SOURCE_REMOVE;
  c->added = _sandbox_trading_seed_orders (c->self, env_from_name (c->environment), c->count,
                                           sym);
  return G_SOURCE_REMOVE;
}

/**
 * paddock_sandbox_seed_orders:
 * @environment: "paper" or "live"
 * @count: how many orders, 1 to 100,000
 * @symbol: (nullable): the symbol of every order, or %NULL for symbols of the whole market
 *
 * Adds @count closed (canceled or expired, never filled) orders to the account, submitted
 * in the past minutes to days before now: for paging tests and benchmarks. Their
 * submitted_at go back a few seconds apart, and now and then several orders share one.
 * The sandbox must be running.
 *
 * Returns: the number of orders added; 0 if @count is out of range, the symbol unknown or
 *   the account would hold more than 1,000,000 orders
 */
guint
paddock_sandbox_seed_orders (PaddockSandbox *self,
                             const char     *environment,
                             guint           count,
                             const char     *symbol)
{
  SeedOrdersCall c = { self, environment, count, symbol, 0 };

  g_return_val_if_fail (PADDOCK_IS_SANDBOX (self), 0);
  g_return_val_if_fail (self->thread != NULL, 0);

  run_sync (self, seed_orders_cb, &c);
  return c.added;
}

typedef struct
{
  PaddockSandbox *self;
  const char *environment;
  guint count;
  guint sent;
} BurstCall;

static gboolean
burst_cb (gpointer data)
{
  BurstCall *c = data;

  c->sent = _sandbox_trading_burst (c->self, env_from_name (c->environment), c->count);
  return G_SOURCE_REMOVE;
}

/**
 * paddock_sandbox_burst_trade_updates:
 * @self: a running sandbox
 * @environment: "paper" or "live"
 * @count: how many trade updates, 1 to 100,000
 *
 * Sends @count trade updates at once on the account's trade-updates websockets (for
 * benchmarks of clients): the account's top-level orders, newest first and round again
 * when there are fewer, each touched (`updated_at` now) and announced in its present
 * status (`new`, `canceled`, `expired`, `fill`, …).
 *
 * Returns: the number of updates sent; 0 if @count is out of range or the account has no
 *   orders
 */
guint
paddock_sandbox_burst_trade_updates (PaddockSandbox *self,
                                     const char     *environment,
                                     guint           count)
{
  BurstCall c = { self, environment, count, 0 };

  g_return_val_if_fail (PADDOCK_IS_SANDBOX (self), 0);
  g_return_val_if_fail (self->thread != NULL, 0);

  if (count < 1 || count > 100000)
    return 0;
  run_sync (self, burst_cb, &c);
  return c.sent;
}

typedef struct
{
  PaddockSandbox *self;
  guint per_minute;
} RateLimitCall;

static gboolean
set_rate_limit_cb (gpointer data)
{
  RateLimitCall *c = data;

  _sandbox_router_set_rate_limit (c->self->router, c->per_minute);
  return G_SOURCE_REMOVE;
}

void
paddock_sandbox_set_rate_limit (PaddockSandbox *self,
                                guint           per_minute)
{
  RateLimitCall c = { self, MAX (1u, per_minute) };

  run_sync (self, set_rate_limit_cb, &c);
}

typedef struct
{
  PaddockSandbox *self;
  gboolean milliseconds;
  guint leading_gaps;
} HistoryFormatCall;

static gboolean
set_history_format_cb (gpointer data)
{
  HistoryFormatCall *c = data;

  c->self->history_ms = c->milliseconds;
  c->self->history_gaps = c->leading_gaps;
  return G_SOURCE_REMOVE;
}

/**
 * paddock_sandbox_set_history_format:
 * @milliseconds: answer the portfolio history's timestamps in milliseconds (as Alpaca's
 *   examples show them) instead of seconds
 * @leading_gaps: answer the first N points' equity, profit_loss and profit_loss_pct as
 *   null (as Alpaca does before an account had equity); base_value is then the first
 *   point that has one, or null
 */
void
paddock_sandbox_set_history_format (PaddockSandbox *self,
                                    gboolean        milliseconds,
                                    guint           leading_gaps)
{
  HistoryFormatCall c = { self, !!milliseconds, leading_gaps };

  run_sync (self, set_history_format_cb, &c);
}

typedef struct
{
  PaddockSandbox *self;
  guint milliseconds;
} TickIntervalCall;

static gboolean
set_tick_interval_cb (gpointer data)
{
  TickIntervalCall *c = data;

  c->self->tick_ms = c->milliseconds;
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
  TickIntervalCall c = { self, milliseconds };

  run_sync (self, set_tick_interval_cb, &c);
}

typedef struct
{
  PaddockSandbox *self;
  const char *method;
  const char *path_prefix;
  PaddockSandboxFaultKind kind;
  int param;
  int count;
} FaultCall;

static gboolean
add_fault_cb (gpointer data)
{
  FaultCall *c = data;

  _sandbox_router_add_fault (c->self->router, c->method, c->path_prefix, c->kind, c->param,
                             c->count);
  return G_SOURCE_REMOVE;
}

/**
 * paddock_sandbox_add_fault:
 * @method: (nullable): "GET", "POST", … or %NULL / "*" for any
 * @path_prefix: the full request path prefix, e.g. "/paper/v2/orders"
 * @kind: what to do
 * @param: the latency in ms, the HTTP status (400 to 599), the number of websocket events,
 *   the nesting levels or the size in bytes of a generated body
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
  FaultCall c = { self, method, path_prefix, kind, param, count };

  g_return_if_fail (SANDBOX_FAULT_PARAM_VALID (kind, param));
  run_sync (self, add_fault_cb, &c);
}

static gboolean
clear_faults_cb (gpointer data)
{
  PaddockSandbox *self = data;

  _sandbox_router_clear_faults (self->router);
  return G_SOURCE_REMOVE;
}

void
paddock_sandbox_clear_faults (PaddockSandbox *self)
{
  run_sync (self, clear_faults_cb, self);
}

typedef struct
{
  PaddockSandbox *self;
  gboolean sip_plan;
} SipPlanCall;

static gboolean
set_sip_plan_cb (gpointer data)
{
  SipPlanCall *c = data;

  c->self->sip_plan = c->sip_plan;
  return G_SOURCE_REMOVE;
}

/**
 * paddock_sandbox_set_sip_plan:
 * @sip_plan: whether the account's market data plan includes SIP
 *
 * Without it (the default, like a free plan) the data host refuses `feed=sip` for recent
 * data (the latest trades, quotes and bars, snapshots, and bars that end less than 15
 * minutes ago) with 403 {"message": "subscription does not permit querying recent SIP
 * data"}.
 */
void
paddock_sandbox_set_sip_plan (PaddockSandbox *self,
                              gboolean        sip_plan)
{
  SipPlanCall c = { self, !!sip_plan };

  g_return_if_fail (PADDOCK_IS_SANDBOX (self));
  run_sync (self, set_sip_plan_cb, &c);
}

typedef struct
{
  PaddockSandbox *self;
  char **requests;
} DataRequestsCall;

static gboolean
dup_data_requests_cb (gpointer data)
{
  DataRequestsCall *c = data;

  c->requests = _sandbox_router_dup_data_requests (c->self->router);
  return G_SOURCE_REMOVE;
}

/**
 * paddock_sandbox_dup_data_requests:
 *
 * The requests the market data host received since the sandbox started or
 * paddock_sandbox_clear_data_requests(), oldest first (the last 10,000), each as
 * "METHOD /path?name=value&…" with the query decoded and its names sorted: tests count
 * requests and check their parameters with it. Tokens travel in a header and are never
 * part of it.
 *
 * Returns: (transfer full): the requests
 */
char **
paddock_sandbox_dup_data_requests (PaddockSandbox *self)
{
  DataRequestsCall c = { self, NULL };

  g_return_val_if_fail (PADDOCK_IS_SANDBOX (self), NULL);
  run_sync (self, dup_data_requests_cb, &c);
  return c.requests;
}

static gboolean
clear_data_requests_cb (gpointer data)
{
  PaddockSandbox *self = data;

  _sandbox_router_clear_data_requests (self->router);
  return G_SOURCE_REMOVE;
}

void
paddock_sandbox_clear_data_requests (PaddockSandbox *self)
{
  g_return_if_fail (PADDOCK_IS_SANDBOX (self));
  run_sync (self, clear_data_requests_cb, self);
}

typedef struct
{
  PaddockSandbox *self;
  const char *access_token;
  gboolean revoked;
} RevokeCall;

static gboolean
revoke_token_cb (gpointer data)
{
  RevokeCall *c = data;
  SandboxToken *token = _sandbox_lookup_token (c->self, c->access_token);

  if (token != NULL)
    token->revoked = TRUE;
  c->revoked = token != NULL;
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
  RevokeCall c = { self, access_token, FALSE };

  run_sync (self, revoke_token_cb, &c);
  return c.revoked;
}

typedef struct
{
  PaddockSandbox *self;
  guint count;
} RevokeAllCall;

static gboolean
revoke_all_cb (gpointer data)
{
  RevokeAllCall *c = data;
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
  RevokeAllCall c = { self, 0 };

  run_sync (self, revoke_all_cb, &c);
  return c.count;
}

typedef struct
{
  PaddockSandbox *self;
  const char *symbol;
  const char *price;
  gboolean moved;
} PriceCall;

static gboolean
set_price_cb (gpointer data)
{
  PriceCall *c = data;
  SandboxSymbol *sym = _sandbox_lookup_symbol (c->self, c->symbol);
  gint64 price;

  c->moved = FALSE;
  if (sym == NULL || !_sandbox_parse_decimal (c->price, 6, &price) || price <= 0)
    return G_SOURCE_REMOVE;

  _sandbox_market_set_price (c->self, sym, price);
  _sandbox_trading_on_tick (c->self);
  c->moved = TRUE;
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
  PriceCall c = { self, symbol, price, FALSE };

  run_sync (self, set_price_cb, &c);
  return c.moved;
}

static gboolean
tick_once_cb (gpointer data)
{
  PaddockSandbox *self = data;

  tick_cb (self);
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
  run_sync (self, tick_once_cb, self);
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

typedef struct
{
  PaddockSandbox *self;
  const char *scope;
  const char *environment;
  char *access_token;         /* out */
} IssueTokenCall;

static gboolean
issue_token_cb (gpointer data)
{
  IssueTokenCall *c = data;
  SandboxToken *token;

  token = _sandbox_issue_token (c->self, SANDBOX_DEMO_CLIENT_ID, scope_bits (c->scope),
                                env_from_name (c->environment));
  c->access_token = g_strdup (token->access_token);
  return G_SOURCE_REMOVE;
}

typedef struct
{
  PaddockSandbox *self;
  const char *access_token;
  const char *scope;
  const char *environment;
  gboolean taken;
} RestoreTokenCall;

static gboolean
restore_token_cb (gpointer data)
{
  RestoreTokenCall *c = data;
  SandboxToken *token;

  c->taken = FALSE;
  if (c->access_token == NULL || strlen (c->access_token) < 16 ||
      _sandbox_lookup_token (c->self, c->access_token) != NULL)
    return G_SOURCE_REMOVE;

  token = _sandbox_issue_token (c->self, SANDBOX_DEMO_CLIENT_ID, scope_bits (c->scope),
                                env_from_name (c->environment));
  /* the table is keyed by the token string the token owns */
  g_hash_table_steal (c->self->tokens, token->access_token);
  g_free (token->access_token);
  token->access_token = g_strdup (c->access_token);
  g_hash_table_insert (c->self->tokens, token->access_token, token);
  c->taken = TRUE;
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
  RestoreTokenCall c = { self, access_token, scope, environment, FALSE };

  run_sync (self, restore_token_cb, &c);
  return c.taken;
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
  IssueTokenCall c = { self, scope, environment, NULL };

  run_sync (self, issue_token_cb, &c);
  return c.access_token;
}

typedef struct
{
  PaddockSandbox *self;
  const char *method;
  const char *path_prefix;
  guint count;
} CountRequestsCall;

static gboolean
count_requests_cb (gpointer data)
{
  CountRequestsCall *c = data;

  c->count = _sandbox_router_count_requests (c->self->router, c->method, c->path_prefix);
  return G_SOURCE_REMOVE;
}

/**
 * paddock_sandbox_count_requests:
 * @method: (nullable): "GET", "POST", … or %NULL / "*" for any
 * @path_prefix: (nullable): the full request path prefix as sent, e.g.
 *   "/data/v2/stocks/snapshots"; %NULL for any
 *
 * Counts the HTTP requests that reached the sandbox since it started, each once as it
 * arrived (whatever the answer: faults, the rate limit and errors included), so that a
 * test can tell how many requests a client sent. Websocket frames are not requests.
 *
 * Returns: how many requests matched
 */
guint
paddock_sandbox_count_requests (PaddockSandbox *self,
                                const char     *method,
                                const char     *path_prefix)
{
  CountRequestsCall c = { self, method, path_prefix, 0 };

  run_sync (self, count_requests_cb, &c);
  return c.count;
}
