/* paddock-sandbox-private.h: what the sandbox's modules share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Everything here runs on the sandbox's own thread: request handlers, timers and the
 * public API (which hops onto that thread), so no state needs a lock.
 *
 * Money is kept as fixed-point integers (micro-dollars, 1e-6) and quantities as
 * nano-shares (1e-9), so that "cash falls by the fill cost" holds to the cent; they are
 * turned into decimal strings at the edge with _sandbox_format_*.
 */
#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "paddock-sandbox.h"

G_BEGIN_DECLS

#define SANDBOX_MICRO G_GINT64_CONSTANT (1000000)
#define SANDBOX_NANO G_GINT64_CONSTANT (1000000000)

typedef enum {
  SANDBOX_BASE_ROOT,     /* /oauth/authorize, /_sandbox/… */
  SANDBOX_BASE_LIVE,     /* /live/…: trading API and token endpoint */
  SANDBOX_BASE_PAPER,    /* /paper/… */
  SANDBOX_BASE_DATA,     /* /data/… */
  SANDBOX_BASE_POLYGON,  /* /polygon/… */
} SandboxBase;

typedef enum {
  SANDBOX_ENV_PAPER,
  SANDBOX_ENV_LIVE,
} SandboxEnv;

/* What a route needs from the caller. */
typedef enum {
  SANDBOX_AUTH_NONE,          /* public: OAuth pages, token endpoint, control API */
  SANDBOX_AUTH_READ,          /* any valid token for this environment */
  SANDBOX_AUTH_TRADING,       /* scope "trading" */
  SANDBOX_AUTH_ACCOUNT_WRITE, /* scope "account:write" */
  SANDBOX_AUTH_DATA,          /* scope "data" (data host: any environment's token) */
} SandboxAuth;

#define SANDBOX_SCOPE_ACCOUNT_WRITE (1 << 0)
#define SANDBOX_SCOPE_TRADING (1 << 1)
#define SANDBOX_SCOPE_DATA (1 << 2)

typedef struct
{
  char *access_token;
  char *client_id;
  char *key_id;        /* introspection "id", used as the Polygon apiKey */
  guint scopes;        /* SANDBOX_SCOPE_* */
  SandboxEnv env;
  gint64 issued_at;    /* epoch seconds */
  gboolean revoked;
  /* rate limiting */
  gint64 window_start; /* epoch seconds */
  guint window_count;
} SandboxToken;

typedef struct
{
  const char *symbol;
  const char *name;
  const char *exchange;
  char *asset_id;
  gboolean fractionable;
  gboolean shortable;
  gboolean easy_to_borrow;
  gboolean marginable;
  gint64 price;        /* micro-dollars, last trade */
  gint64 prev_close;   /* micro-dollars */
  gint64 day_open;
  gint64 day_high;
  gint64 day_low;
  gint64 day_volume;   /* shares */
  gint64 last_trade_id;
  gint64 last_trade_time_us; /* g_get_real_time () of the last tick */
} SandboxSymbol;

typedef struct _SandboxAccount SandboxAccount;
typedef struct _SandboxOrder SandboxOrder;

typedef struct
{
  SoupServerMessage *msg;
  PaddockSandbox *sandbox;
  const char *method;
  SandboxBase base;
  char *path;           /* after the base prefix, e.g. "/v2/orders/abc" (percent-decoded) */
  GHashTable *query;    /* decoded name → value, may be empty, never NULL */
  char *segments[8];    /* captured {…} segments of the route pattern, decoded */
  SandboxToken *token;  /* the authenticated token (not owned) or NULL */
  SandboxEnv env;       /* environment of the base (live/paper) or of the token (data) */
  SandboxAccount *account; /* the account for env, when authenticated on live/paper */
  gboolean drop_reply;  /* set by the fault layer: commit, then drop */
  gboolean reject_order; /* set by the fault layer: accept a new order, then reject it */
} SandboxRequest;

typedef void (*SandboxHandler) (SandboxRequest *req);

typedef struct
{
  const char *method;   /* "GET", "POST", … */
  SandboxBase base;     /* SANDBOX_BASE_LIVE also matches SANDBOX_BASE_PAPER */
  const char *pattern;  /* "/v2/orders/{id}" */
  SandboxAuth auth;
  SandboxHandler handler;
} SandboxRoute;

/* Route tables, each ends with an entry whose handler is NULL. */
extern const SandboxRoute _sandbox_control_routes[];   /* /_sandbox/… */
extern const SandboxRoute _sandbox_oauth_routes[];
extern const SandboxRoute _sandbox_trading_routes[];
extern const SandboxRoute _sandbox_catalog_routes[];   /* watchlists, assets, clock */
extern const SandboxRoute _sandbox_data_routes[];      /* market data v2 and Polygon */

/* paddock-sandbox.c: state shared between modules */
GRand          *_sandbox_get_rand           (PaddockSandbox *self);
guint64         _sandbox_get_seed           (PaddockSandbox *self);
GPtrArray      *_sandbox_get_symbols        (PaddockSandbox *self); /* SandboxSymbol* */
void            _sandbox_add_symbol         (PaddockSandbox *self,
                                             SandboxSymbol  *sym); /* takes ownership */
SandboxSymbol  *_sandbox_lookup_symbol      (PaddockSandbox *self,
                                             const char     *symbol_or_asset_id);
SandboxToken   *_sandbox_lookup_token       (PaddockSandbox *self,
                                             const char     *access_token);
SandboxToken   *_sandbox_lookup_token_by_key_id (PaddockSandbox *self,
                                                 const char     *key_id);
SandboxToken   *_sandbox_issue_token        (PaddockSandbox *self,
                                             const char     *client_id,
                                             guint           scopes,
                                             SandboxEnv      env);
gboolean        _sandbox_get_text_frames    (PaddockSandbox *self);
gboolean        _sandbox_get_demo_history   (PaddockSandbox *self);
gboolean        _sandbox_get_app_demo       (PaddockSandbox *self);
gboolean        _sandbox_get_sip_plan       (PaddockSandbox *self);
void            _sandbox_get_history_format (PaddockSandbox *self,
                                             gboolean       *milliseconds,
                                             guint          *leading_gaps);
GMainContext   *_sandbox_get_context        (PaddockSandbox *self);
const char     *_sandbox_get_base_url       (PaddockSandbox *self);

/* Runs func on the sandbox thread and waits (directly when already there). Tests use it to
 * reach the private API safely. */
void            _sandbox_run_sync           (PaddockSandbox *self,
                                             GSourceFunc     func,
                                             gpointer        data);

/* Faults that act outside of a single reply (websocket). Returns -1 if none. */
int             _sandbox_take_ws_close_after (PaddockSandbox *self,
                                              const char     *path);
int             _sandbox_take_ws_silent      (PaddockSandbox *self,
                                              const char     *path);
guint           _sandbox_take_handshake_status (PaddockSandbox *self,
                                                const char     *method,
                                                const char     *path);

/* paddock-sandbox-router.c: from the socket to a handler (faults, rate limit, routes,
 * authentication). The sandbox owns one; the functions run on its thread. */
typedef struct _SandboxRouter SandboxRouter;

/* A status fault answers with the error shape, so only error statuses make sense. */
#define SANDBOX_FAULT_STATUS_VALID(status) ((status) >= 400 && (status) <= 599)
/* The size of the generated bodies: a deep one is twice its levels in bytes. */
#define SANDBOX_FAULT_DEEP_MAX 16777216
#define SANDBOX_FAULT_LARGE_MAX 1073741824
/* Whether @param suits a fault of @kind (kinds without a param take any). */
#define SANDBOX_FAULT_PARAM_VALID(kind, param) \
  ((((kind) != PADDOCK_SANDBOX_FAULT_STATUS && (kind) != PADDOCK_SANDBOX_FAULT_HTML) \
    || SANDBOX_FAULT_STATUS_VALID (param)) \
   && ((kind) != PADDOCK_SANDBOX_FAULT_DEEP \
       || ((param) >= 1 && (param) <= SANDBOX_FAULT_DEEP_MAX)) \
   && ((kind) != PADDOCK_SANDBOX_FAULT_LARGE \
       || ((param) >= 2 && (param) <= SANDBOX_FAULT_LARGE_MAX)))

SandboxRouter  *_sandbox_router_new         (PaddockSandbox *sandbox);
void            _sandbox_router_free        (SandboxRouter  *router);
/* The SoupServerCallback for every path; user_data is the router */
void            _sandbox_router_serve       (SoupServer        *server,
                                             SoupServerMessage *msg,
                                             const char        *path,
                                             GHashTable        *query,
                                             gpointer           user_data);
void            _sandbox_router_set_rate_limit (SandboxRouter *router,
                                                guint          per_minute);
void            _sandbox_router_add_fault   (SandboxRouter           *router,
                                             const char              *method,
                                             const char              *path_prefix,
                                             PaddockSandboxFaultKind  kind,
                                             int                      param,
                                             int                      count);
void            _sandbox_router_clear_faults (SandboxRouter *router);
int             _sandbox_router_take_ws_close_after (SandboxRouter *router,
                                                     const char    *path);
int             _sandbox_router_take_ws_silent (SandboxRouter *router,
                                                const char    *path);
guint           _sandbox_router_take_handshake_status (SandboxRouter *router,
                                                       const char    *method,
                                                       const char    *path);
/* The data host's requests since the last clear, "GET /v2/…?name=value&…" (names sorted) */
char          **_sandbox_router_dup_data_requests (SandboxRouter *router);
void            _sandbox_router_clear_data_requests (SandboxRouter *router);
guint           _sandbox_router_count_requests (SandboxRouter *router,
                                                const char    *method,
                                                const char    *path_prefix);

/* paddock-sandbox-http.c: replies */
void            _sandbox_reply_json         (SandboxRequest *req,
                                             guint           status,
                                             JsonNode       *node);     /* consumes node */
void            _sandbox_reply_builder      (SandboxRequest *req,
                                             guint           status,
                                             JsonBuilder    *builder);
void            _sandbox_reply_error        (SandboxRequest *req,
                                             guint           status,
                                             gint64          code,
                                             const char     *message);  /* {"code","message"} */
void            _sandbox_reply_message      (SandboxRequest *req,
                                             guint           status,
                                             const char     *message);  /* data API {"message"} */
void            _sandbox_reply_empty        (SandboxRequest *req,
                                             guint           status);   /* 204 */
void            _sandbox_reply_html         (SandboxRequest *req,
                                             guint           status,
                                             const char     *html);
void            _sandbox_reply_redirect     (SandboxRequest *req,
                                             const char     *location);
/* The request body parsed as JSON, owned by the request. NULL when an error has been sent:
 * 413 over SANDBOX_JSON_MAX_BYTES, 400 nested deeper than SANDBOX_JSON_MAX_DEPTH, 422 with
 * invalid_message when it is not a JSON object. */
JsonObject     *_sandbox_request_body_object (SandboxRequest *req,
                                              const char     *invalid_message);
/* The same with Alpaca's "request body format is invalid" */
JsonObject     *_sandbox_request_json_object (SandboxRequest *req);
/* The request body parsed as application/x-www-form-urlencoded, or NULL */
GHashTable     *_sandbox_request_form       (SandboxRequest *req);
/* The Bearer token of the Authorization header, or NULL */
const char     *_sandbox_request_bearer     (SandboxRequest *req);
const char     *_sandbox_query              (SandboxRequest *req,
                                             const char     *name);

/* paddock-sandbox-util.c: decimals, ids, times */
gboolean        _sandbox_parse_decimal      (const char     *text,
                                             int             scale_digits,
                                             gint64         *out);
char           *_sandbox_format_decimal     (gint64          value,
                                             int             scale_digits,
                                             int             min_fraction_digits);
#define _sandbox_format_money(v) _sandbox_format_decimal ((v), 6, 2)
#define _sandbox_format_price(v) _sandbox_format_decimal ((v), 6, 0)
#define _sandbox_format_qty(v) _sandbox_format_decimal ((v), 9, 0)
gint64          _sandbox_mul_qty_price      (gint64          qty_nano,
                                             gint64          price_micro); /* → micro */
double          _sandbox_to_double          (gint64          value,
                                             int             scale_digits);
guint64         _sandbox_mix64              (guint64         x); /* splitmix64 */
/* Formats 16 bytes as a version 4 UUID (sets the version and variant bits in b). */
char           *_sandbox_uuid_from_bytes    (guint8          b[16]);
char           *_sandbox_new_uuid           (void);
char           *_sandbox_base64url          (const guint8   *data,
                                             gsize           len);  /* no padding */
char           *_sandbox_random_token       (gsize           n_bytes);  /* base64url */
char           *_sandbox_format_time        (gint64          real_time_us); /* RFC 3339 µs Z */
gboolean        _sandbox_parse_time         (const char     *text,
                                             gint64         *real_time_us);
gboolean        _sandbox_const_equal        (const char     *a,
                                             const char     *b);

/* paddock-sandbox-util.c: the one parser of JSON from outside (request bodies, websocket
 * messages). The depth is checked before json-glib sees the text. */
#define SANDBOX_JSON_MAX_BYTES (16 * 1024 * 1024)
#define SANDBOX_JSON_MAX_DEPTH 128

typedef enum {
  SANDBOX_JSON_OK,
  SANDBOX_JSON_INVALID,    /* empty or not JSON */
  SANDBOX_JSON_TOO_LARGE,  /* more than SANDBOX_JSON_MAX_BYTES */
  SANDBOX_JSON_TOO_DEEP,   /* nested more than SANDBOX_JSON_MAX_DEPTH levels */
} SandboxJsonResult;

SandboxJsonResult _sandbox_json_parse       (const char     *data,
                                             gsize           len,
                                             JsonNode      **root); /* out, owned, on OK */
/* A member that must be a string when present (null is not): FALSE for another type.
 * *out is NULL when the member is absent. */
gboolean        _sandbox_json_get_string    (JsonObject     *obj,
                                             const char     *name,
                                             const char    **out);
/* A member that must be an integer from min to max when present: FALSE otherwise.
 * *out is left alone when the member is absent (it holds the default). */
gboolean        _sandbox_json_get_int       (JsonObject     *obj,
                                             const char     *name,
                                             gint64          min,
                                             gint64          max,
                                             gint64         *out);

/* paddock-sandbox-market.c */
void            _sandbox_market_init        (PaddockSandbox *self);
void            _sandbox_market_step        (PaddockSandbox *self);
void            _sandbox_market_set_price   (PaddockSandbox *self,
                                             SandboxSymbol  *sym,
                                             gint64          price);
/* A deterministic bar for a symbol at the start of minute `minute` (epoch minutes) */
void            _sandbox_market_bar         (PaddockSandbox *self,
                                             SandboxSymbol  *sym,
                                             gint64          epoch_minute,
                                             double         *open,
                                             double         *high,
                                             double         *low,
                                             double         *close,
                                             gint64         *volume);

/* Each module keeps its state in a slot of the sandbox, freed when the sandbox stops. */
typedef enum {
  SANDBOX_MODULE_OAUTH,
  SANDBOX_MODULE_TRADING,
  SANDBOX_MODULE_CATALOG,
  SANDBOX_MODULE_DATA,
  SANDBOX_MODULE_STREAM,
  SANDBOX_N_MODULES
} SandboxModule;

gpointer        _sandbox_get_module         (PaddockSandbox *self,
                                             SandboxModule   module);
void            _sandbox_set_module         (PaddockSandbox *self,
                                             SandboxModule   module,
                                             gpointer        state,
                                             GDestroyNotify  destroy);

/* Module set-up, called on the sandbox thread before the server listens. */
void            _sandbox_oauth_init         (PaddockSandbox *self);
void            _sandbox_trading_init       (PaddockSandbox *self);
void            _sandbox_catalog_init       (PaddockSandbox *self);
void            _sandbox_data_init          (PaddockSandbox *self);

/* paddock-sandbox-oauth.c: the built-in demo client */
#define SANDBOX_DEMO_CLIENT_ID "paddock-demo"
const char     *_sandbox_oauth_get_demo_secret (PaddockSandbox *self);

/* --- oauth: test hooks (paddock-sandbox-oauth.c); call them on the sandbox thread --- */
/* Makes every pending consent request and authorization code `seconds` older. */
void            _sandbox_oauth_age_codes       (PaddockSandbox     *self,
                                                gint64              seconds);
/* Registers another OAuth client (another developer's app). */
void            _sandbox_oauth_add_client      (PaddockSandbox     *self,
                                                const char         *client_id,
                                                const char         *name,
                                                const char         *secret,
                                                const char * const *redirect_uris);
/* --- end of oauth test hooks --- */

/* paddock-sandbox-trading.c: the accounts and the order engine */
SandboxAccount *_sandbox_get_account        (PaddockSandbox *self,
                                             SandboxEnv      env);
const char     *_sandbox_account_get_id     (SandboxAccount *account);
/* Adds count closed orders in the past to the account (see paddock_sandbox_seed_orders) */
guint           _sandbox_trading_seed_orders (PaddockSandbox *self,
                                              SandboxEnv      env,
                                              guint           count,
                                              SandboxSymbol  *sym);
/* count trade updates at once for the benchmark (see paddock_sandbox_burst_trade_updates) */
guint           _sandbox_trading_burst       (PaddockSandbox *self,
                                              SandboxEnv      env,
                                              guint           count);
void            _sandbox_trading_on_tick    (PaddockSandbox *self); /* fill what crossed */

/* ---- trading section (owned by the trading module) ---------------------------------- */

/* The close of the trading day: expires the open day (and opg/cls) orders with an
 * `expired` event and makes the current equity tomorrow's last_equity. Tests call it
 * on the sandbox thread with _sandbox_run_sync. */
void            _sandbox_trading_end_of_day (PaddockSandbox *self);

/* paddock-sandbox-stream.c: the trade-updates websocket */
void            _sandbox_stream_init        (PaddockSandbox *self,
                                             SoupServer     *server);
void            _sandbox_stream_shutdown    (PaddockSandbox *self);
void            _sandbox_stream_emit        (PaddockSandbox *self,
                                             SandboxEnv      env,
                                             JsonNode       *data); /* {"event",…,"order"} consumed */
void            _sandbox_stream_send_raw    (PaddockSandbox *self,
                                             SandboxEnv      env,
                                             const char     *text); /* tests: any message */

G_END_DECLS
