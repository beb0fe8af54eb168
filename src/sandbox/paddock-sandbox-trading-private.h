/* paddock-sandbox-trading-private.h: what the trading module's files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * paddock-sandbox-trading.c keeps the accounts, positions, configurations and the
 * portfolio history; paddock-sandbox-orders.c the orders endpoints, the Order object and
 * the trade updates; paddock-sandbox-order-request.c reads order request bodies;
 * paddock-sandbox-fill.c is the life of an order and the fill engine.
 * Nothing outside these four files should need this header.
 */
#pragma once

#include "paddock-sandbox-private.h"

G_BEGIN_DECLS

/* Orders bigger than this many shares fill one lot per market step. */
#define SANDBOX_LOT (G_GINT64_CONSTANT (1000) * SANDBOX_NANO)

typedef enum {
  ORDER_MARKET,
  ORDER_LIMIT,
  ORDER_STOP,
  ORDER_STOP_LIMIT,
  ORDER_TRAILING_STOP,
} OrderType;

typedef enum {
  TIF_DAY,
  TIF_GTC,
  TIF_OPG,
  TIF_CLS,
  TIF_IOC,
  TIF_FOK,
} OrderTif;

typedef enum {
  CLASS_SIMPLE,
  CLASS_BRACKET,
  CLASS_OCO,
  CLASS_OTO,
} OrderClass;

typedef enum {
  STATUS_NEW,
  STATUS_PARTIALLY_FILLED,
  STATUS_FILLED,
  STATUS_CANCELED,
  STATUS_EXPIRED,
  STATUS_REPLACED,
  STATUS_REJECTED,
  STATUS_HELD,       /* a bracket/OTO leg waiting for its parent to fill */
} OrderStatus;

typedef struct
{
  gint64 time_us;
  gint64 equity;     /* micro-dollars */
} EquityPoint;

struct _SandboxOrder
{
  char *id;
  char *client_order_id;
  SandboxAccount *account;
  SandboxSymbol *sym;
  guint64 seq;            /* submission order, ties of submitted_at broken by it */

  gint64 created_at;      /* µs, real time; 0 = null for the nullable ones */
  gint64 updated_at;
  gint64 submitted_at;
  gint64 filled_at;
  gint64 expired_at;
  gint64 canceled_at;
  gint64 failed_at;
  gint64 replaced_at;
  char *replaced_by;
  char *replaces;

  gboolean has_qty;
  gint64 qty;             /* nano-shares */
  gboolean has_notional;
  gint64 notional;        /* micro-dollars */
  gint64 filled_qty;      /* nano-shares */
  gint64 filled_value;    /* micro-dollars: the sum of the fills' costs */

  OrderClass order_class;
  gboolean class_empty;   /* the client sent order_class "" */
  OrderType type;
  gboolean side_buy;
  OrderTif tif;
  gboolean has_limit;
  gint64 limit_price;     /* micro-dollars */
  gboolean has_stop;
  gint64 stop_price;
  gboolean has_trail_price;
  gint64 trail_price;
  gboolean has_trail_percent;
  gint64 trail_percent;   /* percent, micro units: "2.5" = 2500000 */
  gboolean has_hwm;
  gint64 hwm;
  OrderStatus status;
  gboolean extended_hours;

  gboolean triggered;     /* a stop, stop-limit or trailing stop has been hit */
  gboolean wait_tick;     /* opg/cls: fill no earlier than the next market step */
  SandboxOrder *parent;   /* for legs */
  GPtrArray *legs;        /* SandboxOrder* (not owned: the account owns every order) */
};

struct _SandboxAccount
{
  char *id;
  SandboxEnv env;
  char *account_number;
  gint64 created_at;      /* µs */

  gint64 cash;            /* micro-dollars */
  gint64 last_equity;     /* equity at the start of the day */
  GHashTable *positions;  /* SandboxSymbol* → SandboxPosition* */

  GPtrArray *orders;      /* SandboxOrder*, owned, in submission order */
  GHashTable *order_ids;  /* id → SandboxOrder* */
  GHashTable *client_ids; /* client_order_id → SandboxOrder* */

  /* configurations */
  char *dtbp_check;
  char *pdt_check;
  char *trade_confirm_email;
  gboolean suspend_trade;
  gboolean no_shorting;
  gboolean fractional_trading;
  gboolean ptp_no_exception_entry;
  int max_margin_multiplier; /* 1, 2 or 4 */

  GArray *history;        /* EquityPoint, since the sandbox started */
  gint64 start_equity;
  gint64 start_time_us;

  GPtrArray *activities;  /* SandboxActivity*, owned, sorted by id (that is, by time) */
  gboolean ledger_history; /* the time before start_time_us is replayed from activities */
  guint seed_batches;     /* calls of _history_seed_orders so far */
};

/* One entry of GET /v2/account/activities: a fill (FILL) or a cash movement (the others). */
typedef struct
{
  char *id;               /* "<20-digit UTC time>::<uuid>": ids sort as the activities do */
  gint64 time_us;
  const char *activity_type; /* static: "FILL", "CSD", "DIV", … */
  SandboxSymbol *sym;     /* NULL when the activity has none */
  /* FILL */
  gboolean partial;
  gboolean side_buy;
  gint64 price;           /* micro-dollars */
  gint64 leaves_qty;      /* nano-shares */
  gint64 cum_qty;
  char *order_id;
  OrderStatus order_status;
  /* FILL: the fill's qty; DIV: the shares held on the record date (has_qty) */
  gboolean has_qty;
  gint64 qty;
  /* non-trade activities */
  gint64 net_amount;      /* micro-dollars, signed: what the cash gained */
  gboolean has_per_share;
  gint64 per_share_amount;
  char *description;
} SandboxActivity;

/* What a POST /v2/orders body asks for, once parsed. */
typedef struct
{
  SandboxSymbol *sym;
  gboolean buy;
  OrderType type;
  OrderTif tif;
  OrderClass order_class;
  gboolean class_empty;
  gboolean has_qty;
  gint64 qty;
  gboolean has_notional;
  gint64 notional;
  gboolean has_limit;
  gint64 limit_price;
  gboolean has_stop;
  gint64 stop_price;
  gboolean has_trail_price;
  gint64 trail_price;
  gboolean has_trail_percent;
  gint64 trail_percent;
  gboolean extended_hours;
  const char *client_order_id;
  gboolean has_tp;
  gint64 tp_limit;
  gboolean has_sl;
  gint64 sl_stop;
  gboolean has_sl_limit;
  gint64 sl_limit;
} OrderSpec;

/* What a PATCH /v2/orders/{order_id} body changes, once parsed. */
typedef struct
{
  gboolean has_qty;
  gint64 qty;
  gboolean has_limit;
  gint64 limit_price;
  gboolean has_stop;
  gint64 stop_price;
  gboolean has_trail;
  gint64 trail;           /* trail_price or trail_percent, as the order has */
  OrderTif tif;           /* the order's own when the body has none */
  const char *client_order_id;
} ReplaceSpec;

typedef struct
{
  SandboxSymbol *sym;
  gint64 qty;             /* nano-shares, negative for a short */
  gint64 cost_basis;      /* micro-dollars, signed like qty */
  gint64 intraday_basis;  /* micro-dollars, signed: cost of today's part of the position */
} SandboxPosition;

/* paddock-sandbox-trading.c */
/* A version 4 UUID made from a 64-bit key, for what must be the same from one start of a
 * sandbox with the same seed to the next */
char           *_trading_keyed_uuid          (guint64         key);
gint64          _trading_mul_div             (gint64          a,
                                              gint64          b,
                                              gint64          c); /* a × b / c, rounded */
gint64          _trading_now                 (PaddockSandbox *self); /* µs, strictly rising */
guint64         _trading_next_seq            (PaddockSandbox *self);
gint64          _trading_equity              (SandboxAccount *account);
gint64          _trading_buying_power        (PaddockSandbox *self,
                                              SandboxAccount *account,
                                              SandboxOrder   *ignore);
SandboxPosition *_trading_get_position       (SandboxAccount *account,
                                              SandboxSymbol  *sym);
/* Applies a fill to cash and position; returns the signed position qty afterwards */
gint64          _trading_apply_fill          (SandboxAccount *account,
                                              SandboxSymbol  *sym,
                                              gboolean        buy,
                                              gint64          qty,
                                              gint64          price);
void            _trading_record_equity       (PaddockSandbox *self,
                                              SandboxAccount *account);
/* Shares of a position that open orders on the other side already hold */
gint64          _trading_held_for_orders     (SandboxAccount *account,
                                              SandboxSymbol  *sym,
                                              gboolean        sell_side);
void            _trading_add_position_json   (JsonBuilder     *b,
                                              SandboxAccount  *account,
                                              SandboxPosition *pos);

static inline gboolean
_orders_qty_is_fractional (gint64 qty)
{
  return qty % SANDBOX_NANO != 0;
}

/* paddock-sandbox-orders.c: the Order object, trade updates, the endpoints */
extern const char *const _orders_type_names[];   /* by OrderType */
extern const char *const _orders_tif_names[];    /* by OrderTif */
extern const char *const _orders_class_names[];  /* by OrderClass */
extern const char *const _orders_status_names[]; /* by OrderStatus */
/* The index of text in a NULL-terminated list of names, or -1 */
int             _orders_name_index           (const char *const *names,
                                              const char     *text);
void            _orders_free                 (SandboxOrder   *order);
/* The order of the account's list: submitted_at, then seq */
int             _orders_compare              (const SandboxOrder *a,
                                              const SandboxOrder *b);
gboolean        _orders_is_open              (SandboxOrder   *order);
void            _orders_add_json             (JsonBuilder    *b,
                                              SandboxOrder   *order,
                                              gboolean        nested);
void            _orders_emit                 (PaddockSandbox *self,
                                              SandboxOrder   *o,
                                              const char     *event,
                                              gint64          time_us);
void            _orders_emit_fill            (PaddockSandbox *self,
                                              SandboxOrder   *o,
                                              gboolean        complete,
                                              gint64          time_us,
                                              gint64          price,
                                              gint64          qty,
                                              gint64          position_qty,
                                              const char     *execution_id);
/* A market order for the close-position endpoints. On failure returns NULL, with the
 * HTTP status and the error object ({"code","message",…}) to answer. */
SandboxOrder   *_orders_submit_close         (PaddockSandbox *self,
                                              SandboxAccount *account,
                                              SandboxSymbol  *sym,
                                              gboolean        buy,
                                              gint64          qty,
                                              guint          *status,
                                              JsonNode      **error);

void            _orders_list                 (SandboxRequest *req);
void            _orders_create               (SandboxRequest *req);
void            _orders_get                  (SandboxRequest *req);
void            _orders_get_by_client_id     (SandboxRequest *req);
void            _orders_replace              (SandboxRequest *req);
void            _orders_delete               (SandboxRequest *req);
void            _orders_delete_all           (SandboxRequest *req);

/* paddock-sandbox-order-request.c: the bodies of order requests. FALSE with a message for
 * the 422 reply when the body asks for something Alpaca refuses. */
gboolean        _order_request_parse         (PaddockSandbox *self,
                                              SandboxAccount *account,
                                              JsonObject     *obj,
                                              OrderSpec      *spec,
                                              char          **message);
gboolean        _order_request_parse_replace (SandboxAccount *account,
                                              SandboxOrder   *old,
                                              JsonObject     *obj,
                                              ReplaceSpec    *spec,
                                              char          **message);
/* Why this account cannot trade a fractional qty of sym this way, or NULL */
const char     *_order_request_check_fractional (SandboxAccount *account,
                                                 SandboxSymbol  *sym,
                                                 OrderType       type,
                                                 OrderTif        tif);

/* paddock-sandbox-fill.c: the life of an order and the fill engine */
/* A new order in the account's books (status new), with an id and a client order id */
SandboxOrder   *_fill_new_order              (PaddockSandbox *self,
                                              SandboxAccount *account,
                                              SandboxSymbol  *sym,
                                              const char     *client_order_id);
/* A new order, with its legs, from a parsed request */
SandboxOrder   *_fill_order_from_spec        (PaddockSandbox *self,
                                              SandboxAccount *account,
                                              OrderSpec      *spec);
/* Fills what the current price allows; tick is TRUE for a market step */
void            _fill_step                   (PaddockSandbox *self,
                                              SandboxOrder   *o,
                                              gboolean        tick);
void            _fill_update_trail           (SandboxOrder   *o,
                                              gint64          price);
/* Settles ioc and fok orders after their one chance to fill */
void            _fill_finish_immediate       (PaddockSandbox *self,
                                              SandboxOrder   *o);
/* The broker refuses an accepted order (and cancels its legs): a `rejected` trade update */
void            _fill_reject                 (PaddockSandbox *self,
                                              SandboxOrder   *o);
/* Cancels o and what cannot live without it, adding each canceled order to out */
gboolean        _fill_cancel_group           (PaddockSandbox *self,
                                              SandboxOrder   *o,
                                              GPtrArray      *out);
/* Cancels an open order and the legs that depend on it; returns FALSE if not cancelable */
gboolean        _orders_cancel               (PaddockSandbox *self,
                                              SandboxOrder   *order);
void            _orders_run_engine           (PaddockSandbox *self,
                                              SandboxAccount *account,
                                              gboolean        tick);
void            _orders_expire_day           (PaddockSandbox *self,
                                              SandboxAccount *account);

/* paddock-sandbox-history.c: the past of an account */
#define SANDBOX_SEED_ORDERS_MAX 100000   /* orders one seeding may add */
#define SANDBOX_ORDERS_MAX 1000000       /* orders an account may hold */
/* Gives the account the demo history (call it once, right after the account is made) */
void            _history_build_demo          (PaddockSandbox *self,
                                              SandboxAccount *account);
/* Adds count closed orders in the past (of sym, or of any symbol when NULL); returns how
 * many, 0 when count is 0, over SANDBOX_SEED_ORDERS_MAX or would pass SANDBOX_ORDERS_MAX */
guint           _history_seed_orders         (PaddockSandbox *self,
                                              SandboxAccount *account,
                                              guint           count,
                                              SandboxSymbol  *sym);

/* paddock-sandbox-activities.c: GET /v2/account/activities */
void            _activities_free             (SandboxActivity *activity);
/* Records a fill of o (after o's filled_qty and status took it in); the activity's id ends
 * with execution_id */
SandboxActivity *_activities_add_fill        (SandboxAccount *account,
                                              SandboxOrder   *o,
                                              gint64          time_us,
                                              const char     *execution_id,
                                              gint64          qty,
                                              gint64          price);
/* Records a non-trade activity; it does not change the cash (the caller does) */
SandboxActivity *_activities_add_cash        (SandboxAccount *account,
                                              const char     *activity_type, /* static */
                                              gint64          time_us,
                                              const char     *uuid,
                                              gint64          net_amount,
                                              const char     *description);
/* The date (America/New_York) of a time, YYYY-MM-DD */
char           *_activities_format_date      (gint64          time_us);
void            _activities_list             (SandboxRequest *req);

G_END_DECLS
