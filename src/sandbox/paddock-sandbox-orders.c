/* paddock-sandbox-orders.c: the orders endpoints and the fill engine
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Orders fill against the simulated market's last price: market orders at once, limit,
 * stop, stop-limit and trailing-stop orders when a market step crosses them. Orders
 * larger than SANDBOX_LOT fill one lot per step. Every change of an order is sent to the
 * trade-updates stream of its account's environment.
 */
#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "paddock-sandbox-orders"

#include "config.h"

#include <math.h>
#include <string.h>

#include "paddock-sandbox-trading-private.h"

#define MAX_CLIENT_ORDER_ID 48

static const char *const type_names[] = {
  "market", "limit", "stop", "stop_limit", "trailing_stop", NULL
};
static const char *const tif_names[] = { "day", "gtc", "opg", "cls", "ioc", "fok", NULL };
static const char *const class_names[] = { "simple", "bracket", "oco", "oto", NULL };
static const char *const status_names[] = {
  "new", "partially_filled", "filled", "canceled", "expired", "replaced", "rejected", "held", NULL
};

typedef enum {
  FIELD_ABSENT,
  FIELD_OK,
  FIELD_BAD,
} FieldResult;

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

static void order_step (PaddockSandbox *self,
                        SandboxOrder   *o,
                        gboolean        tick);

/* ---- helpers ------------------------------------------------------------------------ */

static int
name_index (const char *const *names,
            const char        *text)
{
  for (int i = 0; text != NULL && names[i] != NULL; i++)
    if (g_str_equal (names[i], text))
      return i;
  return -1;
}

static FieldResult
get_string (JsonObject  *obj,
            const char  *name,
            const char **out)
{
  JsonNode *node = obj != NULL ? json_object_get_member (obj, name) : NULL;

  *out = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return FIELD_ABSENT;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return FIELD_BAD;
  *out = json_node_get_string (node);
  return FIELD_OK;
}

/* Decimals arrive as JSON strings (recommended) or as numbers (some SDKs): take both. */
static FieldResult
get_decimal (JsonObject *obj,
             const char *name,
             int         scale,
             gint64     *out)
{
  JsonNode *node = obj != NULL ? json_object_get_member (obj, name) : NULL;
  char buf[G_ASCII_DTOSTR_BUF_SIZE + 32];
  const char *text;

  *out = 0;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return FIELD_ABSENT;
  if (!JSON_NODE_HOLDS_VALUE (node))
    return FIELD_BAD;

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      text = json_node_get_string (node);
      break;
    case G_TYPE_INT64:
      g_snprintf (buf, sizeof buf, "%" G_GINT64_FORMAT, json_node_get_int (node));
      text = buf;
      break;
    case G_TYPE_DOUBLE:
      {
        double d = json_node_get_double (node);

        if (!isfinite (d) || fabs (d) > 1e12)
          return FIELD_BAD;
        g_ascii_formatd (buf, sizeof buf, scale >= 9 ? "%.9f" : "%.6f", d);
        text = buf;
      }
      break;
    default:
      return FIELD_BAD;
    }

  return _sandbox_parse_decimal (text, scale, out) ? FIELD_OK : FIELD_BAD;
}

static FieldResult
get_bool (JsonObject *obj,
          const char *name,
          gboolean   *out)
{
  JsonNode *node = obj != NULL ? json_object_get_member (obj, name) : NULL;

  *out = FALSE;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return FIELD_ABSENT;
  if (!JSON_NODE_HOLDS_VALUE (node))
    return FIELD_BAD;
  if (json_node_get_value_type (node) == G_TYPE_BOOLEAN)
    {
      *out = json_node_get_boolean (node);
      return FIELD_OK;
    }
  if (json_node_get_value_type (node) == G_TYPE_STRING)
    {
      const char *text = json_node_get_string (node);

      if (g_str_equal (text, "true") || g_str_equal (text, "false"))
        {
          *out = g_str_equal (text, "true");
          return FIELD_OK;
        }
    }
  return FIELD_BAD;
}

static FieldResult
get_object (JsonObject  *obj,
            const char  *name,
            JsonObject **out)
{
  JsonNode *node = json_object_get_member (obj, name);

  *out = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return FIELD_ABSENT;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return FIELD_BAD;
  *out = json_node_get_object (node);
  return FIELD_OK;
}

static gboolean
query_bool (SandboxRequest *req,
            const char     *name,
            gboolean       *out)
{
  const char *text = _sandbox_query (req, name);

  *out = FALSE;
  if (text == NULL || g_str_equal (text, "false"))
    return TRUE;
  if (g_str_equal (text, "true"))
    {
      *out = TRUE;
      return TRUE;
    }
  return FALSE;
}

static void
add_string (JsonBuilder *b,
            const char  *name,
            const char  *value)
{
  json_builder_set_member_name (b, name);
  if (value != NULL)
    json_builder_add_string_value (b, value);
  else
    json_builder_add_null_value (b);
}

static void
add_time (JsonBuilder *b,
          const char  *name,
          gint64       time_us)
{
  g_autofree char *text = time_us != 0 ? _sandbox_format_time (time_us) : NULL;

  add_string (b, name, text);
}

static void
add_price (JsonBuilder *b,
           const char  *name,
           gboolean     has,
           gint64       value)
{
  g_autofree char *text = has ? _sandbox_format_price (value) : NULL;

  add_string (b, name, text);
}

static JsonNode *
error_node (gint64      code,
            const char *message)
{
  JsonObject *obj = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_object_set_int_member (obj, "code", code);
  json_object_set_string_member (obj, "message", message);
  json_node_take_object (node, obj);
  return node;
}

static void
error_add_decimal (JsonNode   *node,
                   const char *name,
                   char       *value)  /* consumed */
{
  json_object_set_string_member (json_node_get_object (node), name, value);
  g_free (value);
}

static gboolean
is_fractional (gint64 qty)
{
  return qty % SANDBOX_NANO != 0;
}

/* ---- the Order object --------------------------------------------------------------- */

void
_orders_free (SandboxOrder *order)
{
  g_free (order->id);
  g_free (order->client_order_id);
  g_free (order->replaced_by);
  g_free (order->replaces);
  g_clear_pointer (&order->legs, g_ptr_array_unref);
  g_free (order);
}

gboolean
_orders_is_open (SandboxOrder *order)
{
  return order->status == STATUS_NEW || order->status == STATUS_PARTIALLY_FILLED ||
         order->status == STATUS_HELD;
}

void
_orders_add_json (JsonBuilder  *b,
                  SandboxOrder *o,
                  gboolean      nested)
{
  g_autofree char *qty = o->has_qty ? _sandbox_format_qty (o->qty) : NULL;
  g_autofree char *notional = o->has_notional ? _sandbox_format_money (o->notional) : NULL;
  g_autofree char *filled_qty = _sandbox_format_qty (o->filled_qty);
  g_autofree char *trail_percent = o->has_trail_percent ? _sandbox_format_price (o->trail_percent)
                                                        : NULL;
  const char *type = type_names[o->type];

  json_builder_begin_object (b);
  add_string (b, "id", o->id);
  add_string (b, "client_order_id", o->client_order_id);
  add_time (b, "created_at", o->created_at);
  add_time (b, "updated_at", o->updated_at);
  add_time (b, "submitted_at", o->submitted_at);
  add_time (b, "filled_at", o->filled_at);
  add_time (b, "expired_at", o->expired_at);
  add_time (b, "canceled_at", o->canceled_at);
  add_time (b, "failed_at", o->failed_at);
  add_time (b, "replaced_at", o->replaced_at);
  add_string (b, "replaced_by", o->replaced_by);
  add_string (b, "replaces", o->replaces);
  add_string (b, "asset_id", o->sym->asset_id);
  add_string (b, "symbol", o->sym->symbol);
  add_string (b, "asset_class", "us_equity");
  add_string (b, "notional", notional);
  add_string (b, "qty", qty);
  add_string (b, "filled_qty", filled_qty);
  add_price (b, "filled_avg_price", o->filled_qty > 0,
             o->filled_qty > 0 ? _trading_mul_div (o->filled_value, SANDBOX_NANO, o->filled_qty)
                               : 0);
  add_string (b, "order_class", o->class_empty ? "" : class_names[o->order_class]);
  add_string (b, "order_type", type);
  add_string (b, "type", type);
  add_string (b, "side", o->side_buy ? "buy" : "sell");
  add_string (b, "time_in_force", tif_names[o->tif]);
  add_price (b, "limit_price", o->has_limit, o->limit_price);
  add_price (b, "stop_price", o->has_stop, o->stop_price);
  add_price (b, "trail_price", o->has_trail_price, o->trail_price);
  add_string (b, "trail_percent", trail_percent);
  add_price (b, "hwm", o->has_hwm, o->hwm);
  add_string (b, "status", status_names[o->status]);
  json_builder_set_member_name (b, "extended_hours");
  json_builder_add_boolean_value (b, o->extended_hours);
  json_builder_set_member_name (b, "legs");
  if (nested && o->legs != NULL && o->legs->len > 0)
    {
      json_builder_begin_array (b);
      for (guint i = 0; i < o->legs->len; i++)
        _orders_add_json (b, g_ptr_array_index (o->legs, i), FALSE);
      json_builder_end_array (b);
    }
  else
    json_builder_add_null_value (b);
  json_builder_end_object (b);
}

static void
reply_order (SandboxRequest *req,
             SandboxOrder   *o,
             gboolean        nested)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();

  _orders_add_json (b, o, nested);
  _sandbox_reply_builder (req, 200, b);
}

/* ---- trade updates ------------------------------------------------------------------ */

static void
emit (PaddockSandbox *self,
      SandboxOrder   *o,
      const char     *event,
      gint64          time_us)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  add_string (b, "event", event);
  add_time (b, "timestamp", time_us);
  json_builder_set_member_name (b, "order");
  _orders_add_json (b, o, TRUE);
  json_builder_end_object (b);
  _sandbox_stream_emit (self, o->account->env, json_builder_get_root (b));
}

static void
emit_fill (PaddockSandbox *self,
           SandboxOrder   *o,
           gboolean        complete,
           gint64          time_us,
           gint64          price,
           gint64          qty,
           gint64          position_qty)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  g_autofree char *execution_id = _sandbox_new_uuid ();
  g_autofree char *price_text = _sandbox_format_price (price);
  g_autofree char *qty_text = _sandbox_format_qty (qty);
  g_autofree char *position_text = _sandbox_format_qty (position_qty);

  json_builder_begin_object (b);
  add_string (b, "event", complete ? "fill" : "partial_fill");
  add_string (b, "execution_id", execution_id);
  add_time (b, "timestamp", time_us);
  add_string (b, "price", price_text);
  add_string (b, "qty", qty_text);
  add_string (b, "position_qty", position_text);
  json_builder_set_member_name (b, "order");
  _orders_add_json (b, o, TRUE);
  json_builder_end_object (b);
  _sandbox_stream_emit (self, o->account->env, json_builder_get_root (b));
}

/* ---- life cycle --------------------------------------------------------------------- */

static SandboxOrder *
order_new (PaddockSandbox *self,
           SandboxAccount *account,
           SandboxSymbol  *sym,
           const char     *client_order_id)
{
  SandboxOrder *o = g_new0 (SandboxOrder, 1);
  gint64 now = _trading_now (self);

  o->id = _sandbox_new_uuid ();
  o->client_order_id = client_order_id != NULL && *client_order_id != '\0'
                       ? g_strdup (client_order_id)
                       : _sandbox_new_uuid ();
  o->account = account;
  o->sym = sym;
  o->seq = _trading_next_seq (self);
  o->created_at = now;
  o->updated_at = now;
  o->submitted_at = now;
  o->status = STATUS_NEW;

  g_ptr_array_add (account->orders, o);
  g_hash_table_insert (account->order_ids, o->id, o);
  g_hash_table_insert (account->client_ids, o->client_order_id, o);

  return o;
}

static gboolean
cancel_one (PaddockSandbox *self,
            SandboxOrder   *o,
            GPtrArray      *out)
{
  gint64 now;

  if (!_orders_is_open (o))
    return FALSE;

  now = _trading_now (self);
  o->status = STATUS_CANCELED;
  o->canceled_at = now;
  o->updated_at = now;
  emit (self, o, "canceled", now);
  if (out != NULL)
    g_ptr_array_add (out, o);
  return TRUE;
}

static void
cancel_legs (PaddockSandbox *self,
             SandboxOrder   *root,
             SandboxOrder   *except,
             GPtrArray      *out)
{
  for (guint i = 0; root->legs != NULL && i < root->legs->len; i++)
    if (g_ptr_array_index (root->legs, i) != except)
      cancel_one (self, g_ptr_array_index (root->legs, i), out);
}

/* Cancels o and what cannot live without it: the legs of a parent, the other exit of an
 * OCO pair, the whole group while the legs are still held. */
static gboolean
cancel_group (PaddockSandbox *self,
              SandboxOrder   *o,
              GPtrArray      *out)
{
  SandboxOrder *root = o->parent;

  if (!_orders_is_open (o))
    return FALSE;

  if (root == NULL)
    {
      cancel_one (self, o, out);
      cancel_legs (self, o, NULL, out);
    }
  else if (o->status == STATUS_HELD || root->order_class == CLASS_OCO)
    {
      cancel_one (self, root, out);
      cancel_legs (self, root, NULL, out);
    }
  else if (root->order_class == CLASS_BRACKET)
    cancel_legs (self, root, NULL, out);
  else
    cancel_one (self, o, out);

  return TRUE;
}

gboolean
_orders_cancel (PaddockSandbox *self,
                SandboxOrder   *order)
{
  return cancel_group (self, order, NULL);
}

static void
reject (PaddockSandbox *self,
        SandboxOrder   *o)
{
  gint64 now = _trading_now (self);

  o->status = STATUS_REJECTED;
  o->failed_at = now;
  o->updated_at = now;
  emit (self, o, "rejected", now);
  cancel_legs (self, o, NULL, NULL);
}

static void
update_trail (SandboxOrder *o,
              gint64        price)
{
  gint64 trail;

  if (!o->has_hwm)
    o->hwm = price;
  else if (o->side_buy)
    o->hwm = MIN (o->hwm, price);
  else
    o->hwm = MAX (o->hwm, price);
  o->has_hwm = TRUE;

  trail = o->has_trail_price ? o->trail_price
                             : _trading_mul_div (o->hwm, o->trail_percent, 100 * SANDBOX_MICRO);
  o->has_stop = TRUE;
  o->stop_price = o->side_buy ? o->hwm + trail : MAX (0, o->hwm - trail);
}

static void
activate_legs (PaddockSandbox *self,
               SandboxOrder   *o)
{
  for (guint i = 0; o->legs != NULL && i < o->legs->len; i++)
    {
      SandboxOrder *leg = g_ptr_array_index (o->legs, i);
      gint64 now;

      if (leg->status != STATUS_HELD)
        continue;
      now = _trading_now (self);
      leg->status = STATUS_NEW;
      leg->updated_at = now;
      emit (self, leg, "new", now);
    }

  for (guint i = 0; o->legs != NULL && i < o->legs->len; i++)
    order_step (self, g_ptr_array_index (o->legs, i), FALSE);
}

static void
fill (PaddockSandbox *self,
      SandboxOrder   *o,
      gint64          qty,
      gint64          price)
{
  gint64 position_qty = _trading_apply_fill (o->account, o->sym, o->side_buy, qty, price);
  gint64 now = _trading_now (self);
  gboolean complete;

  o->filled_qty += qty;
  o->filled_value += _sandbox_mul_qty_price (qty, price);
  o->updated_at = now;
  complete = o->has_notional || o->filled_qty >= o->qty;
  o->status = complete ? STATUS_FILLED : STATUS_PARTIALLY_FILLED;
  if (complete)
    o->filled_at = now;

  emit_fill (self, o, complete, now, price, qty, position_qty);

  /* one exit of an OCO pair filling cancels the other */
  if (o->parent != NULL &&
      (o->parent->order_class == CLASS_BRACKET || o->parent->order_class == CLASS_OCO))
    {
      if (o->parent->order_class == CLASS_OCO)
        cancel_one (self, o->parent, NULL);
      cancel_legs (self, o->parent, o, NULL);
    }
  else if (o->parent == NULL && o->order_class == CLASS_OCO)
    cancel_legs (self, o, NULL, NULL);

  if (complete && o->parent == NULL &&
      (o->order_class == CLASS_BRACKET || o->order_class == CLASS_OTO))
    activate_legs (self, o);
}

/* Fills what the current price allows; `tick` is TRUE for a market step. */
static void
order_step (PaddockSandbox *self,
            SandboxOrder   *o,
            gboolean        tick)
{
  gint64 price = o->sym->price;
  gint64 fill_price = price;
  gboolean marketable = FALSE;
  gint64 lot;

  if (o->status != STATUS_NEW && o->status != STATUS_PARTIALLY_FILLED)
    return;
  if (o->wait_tick)
    {
      /* opg/cls stand for the auctions: the next market step at the earliest */
      if (!tick)
        return;
      o->wait_tick = FALSE;
    }

  if (o->type == ORDER_TRAILING_STOP)
    update_trail (o, price);

  if (!o->triggered &&
      (o->type == ORDER_STOP || o->type == ORDER_STOP_LIMIT || o->type == ORDER_TRAILING_STOP))
    o->triggered = o->side_buy ? price >= o->stop_price : price <= o->stop_price;

  switch (o->type)
    {
    case ORDER_MARKET:
      marketable = TRUE;
      break;
    case ORDER_STOP:
    case ORDER_TRAILING_STOP:
      marketable = o->triggered;
      break;
    case ORDER_LIMIT:
    case ORDER_STOP_LIMIT:
      marketable = (o->type == ORDER_LIMIT || o->triggered) &&
                   (o->side_buy ? price <= o->limit_price : price >= o->limit_price);
      fill_price = o->side_buy ? MIN (price, o->limit_price) : MAX (price, o->limit_price);
      break;
    default:
      g_assert_not_reached ();
    }

  if (!marketable)
    return;

  if (o->has_notional)
    {
      gint64 left = o->notional - o->filled_value;

      lot = (gint64) ((__int128) MAX (0, left) * SANDBOX_NANO / fill_price);
      if (lot <= 0)
        {
          /* less than a nano-share is left: the order is done */
          if (o->filled_qty > 0)
            {
              o->status = STATUS_FILLED;
              o->filled_at = o->updated_at = _trading_now (self);
            }
          else
            reject (self, o);
          return;
        }
    }
  else
    {
      gint64 remaining = o->qty - o->filled_qty;

      /* fill-or-kill takes it all or nothing; the rest of the book is one lot a step */
      lot = o->tif == TIF_FOK ? remaining : MIN (remaining, SANDBOX_LOT);
    }

  if (o->side_buy)
    {
      SandboxPosition *pos = _trading_get_position (o->account, o->sym);
      gint64 cover = pos != NULL && pos->qty < 0 ? MIN (lot, -pos->qty) : 0;
      gint64 cost = _sandbox_mul_qty_price (lot - cover, fill_price);

      /* the account may have lost buying power since the order was accepted */
      if (cost > _trading_buying_power (self, o->account, o))
        {
          reject (self, o);
          return;
        }
    }

  fill (self, o, lot, fill_price);
}

void
_orders_run_engine (PaddockSandbox *self,
                    SandboxAccount *account,
                    gboolean        tick)
{
  g_autoptr (GPtrArray) open = g_ptr_array_new ();

  for (guint i = 0; i < account->orders->len; i++)
    {
      SandboxOrder *o = g_ptr_array_index (account->orders, i);

      if (o->status == STATUS_NEW || o->status == STATUS_PARTIALLY_FILLED)
        g_ptr_array_add (open, o);
    }

  for (guint i = 0; i < open->len; i++)
    order_step (self, g_ptr_array_index (open, i), tick);
}

void
_orders_expire_day (PaddockSandbox *self,
                    SandboxAccount *account)
{
  g_autoptr (GPtrArray) open = g_ptr_array_new ();

  for (guint i = 0; i < account->orders->len; i++)
    {
      SandboxOrder *o = g_ptr_array_index (account->orders, i);

      if (_orders_is_open (o) && (o->tif == TIF_DAY || o->tif == TIF_OPG || o->tif == TIF_CLS))
        g_ptr_array_add (open, o);
    }

  for (guint i = 0; i < open->len; i++)
    {
      SandboxOrder *o = g_ptr_array_index (open, i);
      gint64 now = _trading_now (self);

      if (!_orders_is_open (o))
        continue;
      o->status = STATUS_EXPIRED;
      o->expired_at = now;
      o->updated_at = now;
      emit (self, o, "expired", now);
    }
}

/* Settles ioc and fok orders after their one chance to fill. */
static void
finish_immediate (PaddockSandbox *self,
                  SandboxOrder   *o)
{
  if ((o->tif == TIF_IOC || o->tif == TIF_FOK) && _orders_is_open (o))
    cancel_group (self, o, NULL);
}

/* ---- checks ------------------------------------------------------------------------- */

static JsonNode *
insufficient_qty (SandboxSymbol *sym,
                  gint64         requested,
                  gint64         existing,
                  gint64         held)
{
  g_autofree char *req_text = _sandbox_format_qty (requested);
  g_autofree char *avail_text = _sandbox_format_qty (MAX (0, existing - held));
  g_autofree char *message = g_strdup_printf ("insufficient qty available for order "
                                              "(requested: %s, available: %s)",
                                              req_text, avail_text);
  JsonNode *node = error_node (40310000, message);

  error_add_decimal (node, "available", _sandbox_format_qty (MAX (0, existing - held)));
  error_add_decimal (node, "existing_qty", _sandbox_format_qty (existing));
  error_add_decimal (node, "held_for_orders", _sandbox_format_qty (held));
  json_object_set_string_member (json_node_get_object (node), "symbol", sym->symbol);
  return node;
}

static JsonNode *
insufficient_buying_power (gint64 buying_power,
                           gint64 cost)
{
  JsonNode *node = error_node (40310000, "insufficient buying power");

  error_add_decimal (node, "buying_power", _sandbox_format_money (buying_power));
  error_add_decimal (node, "cost_basis", _sandbox_format_money (cost));
  return node;
}

/* The 403 checks: shares to sell, shorting, buying power. NULL when the order may go. */
static JsonNode *
check_funds (PaddockSandbox *self,
             SandboxAccount *account,
             SandboxSymbol  *sym,
             gboolean        buy,
             gboolean        has_notional,
             gint64          qty,       /* nano-shares, or the notional in micro-dollars */
             gint64          ref_price,
             gboolean        exit_only)
{
  SandboxPosition *pos = _trading_get_position (account, sym);
  gint64 pos_qty = pos != NULL ? pos->qty : 0;
  gint64 held = _trading_held_for_orders (account, sym, !buy);
  gint64 bp = _trading_buying_power (self, account, NULL);
  gint64 shares = has_notional ? _trading_mul_div (qty, SANDBOX_NANO, ref_price) : qty;
  gint64 cost;

  if (!buy)
    {
      gint64 available = pos_qty > 0 ? pos_qty - held : 0;

      if (shares <= available)
        return NULL;
      if (pos_qty > 0 || exit_only || has_notional)
        return insufficient_qty (sym, shares, MAX (0, pos_qty), pos_qty > 0 ? held : 0);
      if (account->no_shorting || account->max_margin_multiplier < 2)
        return error_node (40310000, "account is not allowed to short");
      if (!sym->shortable)
        {
          g_autofree char *message = g_strdup_printf ("asset %s cannot be sold short",
                                                      sym->symbol);

          return error_node (40310000, message);
        }
      if (is_fractional (shares))
        return error_node (40310000, "fractional orders cannot be sold short");
      cost = _sandbox_mul_qty_price (shares, ref_price);
    }
  else
    {
      gint64 cover = pos_qty < 0 ? MAX (0, -pos_qty - held) : 0;

      if (exit_only && shares > cover)
        return insufficient_qty (sym, shares, MAX (0, -pos_qty), pos_qty < 0 ? held : 0);
      cost = has_notional ? qty : _sandbox_mul_qty_price (shares - MIN (shares, cover), ref_price);
    }

  if (cost > bp)
    return insufficient_buying_power (bp, cost);
  return NULL;
}

/* The price an order is expected to trade at, to reserve buying power. */
static gint64
reference_price (SandboxSymbol *sym,
                 gboolean       has_limit,
                 gint64         limit,
                 gboolean       has_stop,
                 gint64         stop)
{
  if (has_limit)
    return limit;
  if (has_stop)
    return MAX (stop, sym->price);
  return sym->price;
}

/* Fractional shares: fractionable assets, market orders for the day, if the account allows. */
static const char *
check_fractional (SandboxAccount *account,
                  SandboxSymbol  *sym,
                  OrderType       type,
                  OrderTif        tif)
{
  if (!sym->fractionable)
    return "asset is not fractionable";
  if (!account->fractional_trading)
    return "fractional trading is disabled for this account";
  if (type != ORDER_MARKET || tif != TIF_DAY)
    return "fractional orders must be market orders with time_in_force day";
  return NULL;
}

/* ---- POST /v2/orders ---------------------------------------------------------------- */

#define FAIL(...) \
  G_STMT_START { *message = g_strdup_printf (__VA_ARGS__); return FALSE; } G_STMT_END

static gboolean
parse_price (JsonObject  *obj,
             const char  *name,
             gboolean    *has,
             gint64      *value,
             char       **message)
{
  switch (get_decimal (obj, name, 6, value))
    {
    case FIELD_ABSENT:
      *has = FALSE;
      return TRUE;
    case FIELD_BAD:
      FAIL ("invalid %s", name);
    case FIELD_OK:
    default:
      break;
    }
  if (*value <= 0)
    FAIL ("%s must be > 0", name);
  *has = TRUE;
  return TRUE;
}

static gboolean
parse_spec (PaddockSandbox *self,
            SandboxAccount *account,
            JsonObject     *obj,
            OrderSpec      *spec,
            char          **message)
{
  const char *text;
  JsonObject *tp = NULL, *sl = NULL;
  FieldResult r;
  int idx;
  gboolean advanced;

  memset (spec, 0, sizeof *spec);

  if (get_string (obj, "symbol", &text) != FIELD_OK || *text == '\0')
    FAIL ("symbol is required");
  spec->sym = _sandbox_lookup_symbol (self, text);
  if (spec->sym == NULL)
    FAIL ("asset \"%s\" not found", text);

  if (get_string (obj, "side", &text) != FIELD_OK)
    FAIL ("side is required");
  if (!g_str_equal (text, "buy") && !g_str_equal (text, "sell"))
    FAIL ("invalid side \"%s\"", text);
  spec->buy = g_str_equal (text, "buy");

  if (get_string (obj, "type", &text) != FIELD_OK)
    FAIL ("type is required");
  if ((idx = name_index (type_names, text)) < 0)
    FAIL ("invalid order type \"%s\"", text);
  spec->type = (OrderType) idx;

  if (get_string (obj, "time_in_force", &text) != FIELD_OK)
    FAIL ("time_in_force is required");
  if ((idx = name_index (tif_names, text)) < 0)
    FAIL ("invalid time_in_force \"%s\"", text);
  spec->tif = (OrderTif) idx;

  r = get_string (obj, "order_class", &text);
  if (r == FIELD_BAD)
    FAIL ("invalid order_class");
  if (r == FIELD_ABSENT)
    spec->order_class = CLASS_SIMPLE;
  else if (*text == '\0')
    {
      spec->order_class = CLASS_SIMPLE;
      spec->class_empty = TRUE;
    }
  else if ((idx = name_index (class_names, text)) >= 0)
    spec->order_class = (OrderClass) idx;
  else
    FAIL ("invalid order_class \"%s\"", text);
  advanced = spec->order_class != CLASS_SIMPLE;

  switch (get_decimal (obj, "qty", 9, &spec->qty))
    {
    case FIELD_BAD:
      FAIL ("invalid qty");
    case FIELD_OK:
      spec->has_qty = TRUE;
      break;
    case FIELD_ABSENT:
    default:
      break;
    }
  switch (get_decimal (obj, "notional", 6, &spec->notional))
    {
    case FIELD_BAD:
      FAIL ("invalid notional");
    case FIELD_OK:
      spec->has_notional = TRUE;
      break;
    case FIELD_ABSENT:
    default:
      break;
    }
  if (spec->has_qty && spec->has_notional)
    FAIL ("only one of qty or notional may be given");
  if (!spec->has_qty && !spec->has_notional)
    FAIL ("qty or notional is required");
  if (spec->has_qty && spec->qty <= 0)
    FAIL ("qty must be > 0");
  if (spec->has_notional && spec->notional <= 0)
    FAIL ("notional must be > 0");

  if (!parse_price (obj, "limit_price", &spec->has_limit, &spec->limit_price, message) ||
      !parse_price (obj, "stop_price", &spec->has_stop, &spec->stop_price, message) ||
      !parse_price (obj, "trail_price", &spec->has_trail_price, &spec->trail_price, message) ||
      !parse_price (obj, "trail_percent", &spec->has_trail_percent, &spec->trail_percent,
                    message))
    return FALSE;

  if (get_object (obj, "take_profit", &tp) == FIELD_BAD)
    FAIL ("take_profit must be an object");
  if (get_object (obj, "stop_loss", &sl) == FIELD_BAD)
    FAIL ("stop_loss must be an object");
  if (tp != NULL)
    {
      if (!parse_price (tp, "limit_price", &spec->has_tp, &spec->tp_limit, message))
        return FALSE;
      if (!spec->has_tp)
        FAIL ("take_profit.limit_price is required");
    }
  if (sl != NULL)
    {
      if (!parse_price (sl, "stop_price", &spec->has_sl, &spec->sl_stop, message) ||
          !parse_price (sl, "limit_price", &spec->has_sl_limit, &spec->sl_limit, message))
        return FALSE;
      if (!spec->has_sl)
        FAIL ("stop_loss.stop_price is required");
    }

  if (get_bool (obj, "extended_hours", &spec->extended_hours) == FIELD_BAD)
    FAIL ("invalid extended_hours");

  r = get_string (obj, "client_order_id", &spec->client_order_id);
  if (r == FIELD_BAD)
    FAIL ("invalid client_order_id");
  if (spec->client_order_id != NULL && strlen (spec->client_order_id) > MAX_CLIENT_ORDER_ID)
    FAIL ("client_order_id must be no more than %d characters", MAX_CLIENT_ORDER_ID);

  /* the classes */
  switch (spec->order_class)
    {
    case CLASS_SIMPLE:
      if (tp != NULL || sl != NULL)
        FAIL ("take_profit and stop_loss are only for bracket, oco and oto orders");
      break;
    case CLASS_BRACKET:
      if (!spec->has_tp || !spec->has_sl)
        FAIL ("bracket orders require both take_profit and stop_loss");
      if (spec->type == ORDER_TRAILING_STOP)
        FAIL ("bracket orders cannot be trailing_stop orders");
      break;
    case CLASS_OCO:
      if (spec->type != ORDER_LIMIT)
        FAIL ("oco orders must be limit orders");
      if (!spec->has_tp || !spec->has_sl)
        FAIL ("oco orders require both take_profit and stop_loss");
      /* the order itself is the take-profit limit */
      if (!spec->has_limit)
        {
          spec->has_limit = TRUE;
          spec->limit_price = spec->tp_limit;
        }
      break;
    case CLASS_OTO:
      if (spec->has_tp == spec->has_sl)
        FAIL ("oto orders require exactly one of take_profit or stop_loss");
      if (spec->type == ORDER_TRAILING_STOP)
        FAIL ("oto orders cannot be trailing_stop orders");
      break;
    default:
      g_assert_not_reached ();
    }

  if (advanced)
    {
      gboolean exit_sell = spec->order_class == CLASS_OCO ? !spec->buy : spec->buy;

      if (spec->tif != TIF_DAY && spec->tif != TIF_GTC)
        FAIL ("%s orders must have time_in_force day or gtc", class_names[spec->order_class]);
      if (spec->extended_hours)
        FAIL ("extended hours are not available for %s orders", class_names[spec->order_class]);
      if (spec->has_notional || is_fractional (spec->qty))
        FAIL ("%s orders need a whole number of shares", class_names[spec->order_class]);
      if (spec->has_tp && spec->has_sl &&
          (exit_sell ? spec->tp_limit <= spec->sl_stop : spec->tp_limit >= spec->sl_stop))
        FAIL ("take_profit.limit_price must be %s stop_loss.stop_price",
              exit_sell ? "above" : "below");
      if (spec->has_sl_limit &&
          (exit_sell ? spec->sl_limit > spec->sl_stop : spec->sl_limit < spec->sl_stop))
        FAIL ("stop_loss.limit_price must be %s stop_loss.stop_price",
              exit_sell ? "at or below" : "at or above");
    }

  /* the types */
  if ((spec->type == ORDER_LIMIT || spec->type == ORDER_STOP_LIMIT) && !spec->has_limit)
    FAIL ("limit_price is required for %s orders", type_names[spec->type]);
  if ((spec->type == ORDER_STOP || spec->type == ORDER_STOP_LIMIT) && !spec->has_stop)
    FAIL ("stop_price is required for %s orders", type_names[spec->type]);
  if (spec->has_limit && spec->type != ORDER_LIMIT && spec->type != ORDER_STOP_LIMIT)
    FAIL ("limit_price is not allowed for %s orders", type_names[spec->type]);
  if (spec->has_stop && spec->type != ORDER_STOP && spec->type != ORDER_STOP_LIMIT)
    FAIL ("stop_price is not allowed for %s orders", type_names[spec->type]);
  if (spec->type == ORDER_TRAILING_STOP)
    {
      if (spec->has_trail_price == spec->has_trail_percent)
        FAIL ("trailing_stop orders require exactly one of trail_price or trail_percent");
      if (spec->has_trail_percent && spec->trail_percent >= 100 * SANDBOX_MICRO)
        FAIL ("trail_percent must be below 100");
    }
  else if (spec->has_trail_price || spec->has_trail_percent)
    FAIL ("trail_price and trail_percent are only for trailing_stop orders");

  if (spec->has_notional)
    {
      const char *why;

      if (spec->type != ORDER_MARKET || spec->tif != TIF_DAY)
        FAIL ("notional orders must be market orders with time_in_force day");
      if ((why = check_fractional (account, spec->sym, spec->type, spec->tif)) != NULL)
        FAIL ("%s", why);
    }
  if (spec->has_qty && is_fractional (spec->qty))
    {
      const char *why = check_fractional (account, spec->sym, spec->type, spec->tif);

      if (why != NULL)
        FAIL ("%s", why);
    }
  if (spec->extended_hours && (spec->type != ORDER_LIMIT || spec->tif != TIF_DAY))
    FAIL ("extended hours orders must be limit orders with time_in_force day");

  return TRUE;
}

#undef FAIL

static SandboxOrder *
add_leg (PaddockSandbox *self,
         SandboxOrder   *parent,
         OrderType       type,
         gboolean        has_limit,
         gint64          limit,
         gboolean        has_stop,
         gint64          stop,
         OrderStatus     status)
{
  SandboxOrder *leg = order_new (self, parent->account, parent->sym, NULL);

  leg->parent = parent;
  leg->order_class = parent->order_class;
  leg->type = type;
  leg->side_buy = parent->order_class == CLASS_OCO ? parent->side_buy : !parent->side_buy;
  leg->tif = parent->tif;
  leg->has_qty = TRUE;
  leg->qty = parent->qty;
  leg->has_limit = has_limit;
  leg->limit_price = limit;
  leg->has_stop = has_stop;
  leg->stop_price = stop;
  leg->status = status;
  g_ptr_array_add (parent->legs, leg);

  return leg;
}

static SandboxOrder *
order_from_spec (PaddockSandbox *self,
                 SandboxAccount *account,
                 OrderSpec      *spec)
{
  SandboxOrder *o = order_new (self, account, spec->sym, spec->client_order_id);
  OrderStatus leg_status = spec->order_class == CLASS_OCO ? STATUS_NEW : STATUS_HELD;

  o->order_class = spec->order_class;
  o->class_empty = spec->class_empty;
  o->type = spec->type;
  o->side_buy = spec->buy;
  o->tif = spec->tif;
  o->has_qty = spec->has_qty;
  o->qty = spec->qty;
  o->has_notional = spec->has_notional;
  o->notional = spec->notional;
  o->has_limit = spec->has_limit;
  o->limit_price = spec->limit_price;
  o->has_stop = spec->has_stop;
  o->stop_price = spec->stop_price;
  o->has_trail_price = spec->has_trail_price;
  o->trail_price = spec->trail_price;
  o->has_trail_percent = spec->has_trail_percent;
  o->trail_percent = spec->trail_percent;
  o->extended_hours = spec->extended_hours;
  o->wait_tick = spec->tif == TIF_OPG || spec->tif == TIF_CLS;
  if (o->type == ORDER_TRAILING_STOP)
    update_trail (o, spec->sym->price);

  if (spec->order_class == CLASS_SIMPLE)
    return o;

  o->legs = g_ptr_array_new ();
  /* an OCO's own order is the take-profit; its one leg is the stop-loss */
  if (spec->has_tp && spec->order_class != CLASS_OCO)
    add_leg (self, o, ORDER_LIMIT, TRUE, spec->tp_limit, FALSE, 0, leg_status);
  if (spec->has_sl)
    add_leg (self, o, spec->has_sl_limit ? ORDER_STOP_LIMIT : ORDER_STOP,
             spec->has_sl_limit, spec->sl_limit, TRUE, spec->sl_stop, leg_status);

  return o;
}

void
_orders_create (SandboxRequest *req)
{
  PaddockSandbox *self = req->sandbox;
  SandboxAccount *account = req->account;
  JsonObject *obj;
  OrderSpec spec;
  g_autofree char *message = NULL;
  JsonNode *error;
  SandboxOrder *o;
  gint64 ref;

  if (account->suspend_trade)
    {
      _sandbox_reply_error (req, 403, 40310000, "new orders are rejected by user request");
      return;
    }

  obj = _sandbox_request_json_object (req);
  if (obj == NULL)
    return;

  if (!parse_spec (self, account, obj, &spec, &message))
    {
      _sandbox_reply_error (req, 422, 40010001, message);
      return;
    }
  if (spec.client_order_id != NULL && *spec.client_order_id != '\0' &&
      g_hash_table_contains (account->client_ids, spec.client_order_id))
    {
      _sandbox_reply_error (req, 422, 40010001, "client_order_id must be unique");
      return;
    }

  ref = reference_price (spec.sym, spec.has_limit, spec.limit_price, spec.has_stop,
                         spec.stop_price);
  error = check_funds (self, account, spec.sym, spec.buy, spec.has_notional,
                       spec.has_notional ? spec.notional : spec.qty, ref,
                       spec.order_class == CLASS_OCO);
  if (error != NULL)
    {
      _sandbox_reply_json (req, 403, error);
      return;
    }

  o = order_from_spec (self, account, &spec);
  emit (self, o, "new", o->submitted_at);
  if (o->order_class == CLASS_OCO)
    for (guint i = 0; i < o->legs->len; i++)
      emit (self, g_ptr_array_index (o->legs, i), "new", o->submitted_at);

  order_step (self, o, FALSE);
  if (o->order_class == CLASS_OCO)
    for (guint i = 0; i < o->legs->len; i++)
      order_step (self, g_ptr_array_index (o->legs, i), FALSE);
  finish_immediate (self, o);
  _trading_record_equity (self, account);

  reply_order (req, o, TRUE);
}

SandboxOrder *
_orders_submit_close (PaddockSandbox *self,
                      SandboxAccount *account,
                      SandboxSymbol  *sym,
                      gboolean        buy,
                      gint64          qty,
                      guint          *status,
                      JsonNode      **error)
{
  SandboxPosition *pos = _trading_get_position (account, sym);
  gint64 existing = pos != NULL ? ABS (pos->qty) : 0;
  gint64 held = _trading_held_for_orders (account, sym, !buy);
  SandboxOrder *o;

  if (account->suspend_trade)
    {
      *status = 403;
      *error = error_node (40310000, "new orders are rejected by user request");
      return NULL;
    }
  if (qty > existing - held)
    {
      *status = 403;
      *error = insufficient_qty (sym, qty, existing, held);
      return NULL;
    }

  o = order_new (self, account, sym, NULL);
  o->type = ORDER_MARKET;
  o->tif = TIF_DAY;
  o->side_buy = buy;
  o->has_qty = TRUE;
  o->qty = qty;
  emit (self, o, "new", o->submitted_at);
  order_step (self, o, FALSE);
  _trading_record_equity (self, account);

  *status = 200;
  return o;
}

/* ---- reading orders ----------------------------------------------------------------- */

static SandboxOrder *
lookup_order (SandboxRequest *req)
{
  const char *id = req->segments[0];
  SandboxOrder *o;

  if (id == NULL || !g_uuid_string_is_valid (id))
    {
      _sandbox_reply_error (req, 422, 40010001, "order_id is missing");
      return NULL;
    }
  o = g_hash_table_lookup (req->account->order_ids, id);
  if (o == NULL)
    _sandbox_reply_error (req, 404, 40410000, "order not found");
  return o;
}

void
_orders_get (SandboxRequest *req)
{
  SandboxOrder *o;
  gboolean nested;

  if (!query_bool (req, "nested", &nested))
    {
      _sandbox_reply_error (req, 422, 40010001, "nested must be true or false");
      return;
    }
  if ((o = lookup_order (req)) != NULL)
    reply_order (req, o, nested);
}

void
_orders_get_by_client_id (SandboxRequest *req)
{
  const char *client_id = _sandbox_query (req, "client_order_id");
  SandboxOrder *o;
  gboolean nested;

  if (!query_bool (req, "nested", &nested))
    {
      _sandbox_reply_error (req, 422, 40010001, "nested must be true or false");
      return;
    }
  if (client_id == NULL || *client_id == '\0')
    {
      _sandbox_reply_error (req, 422, 40010001, "client_order_id is missing");
      return;
    }
  o = g_hash_table_lookup (req->account->client_ids, client_id);
  if (o == NULL)
    {
      _sandbox_reply_error (req, 404, 40410000, "order not found");
      return;
    }
  reply_order (req, o, nested);
}

static gboolean
status_matches (SandboxOrder *o,
                int           wanted)  /* 0 open, 1 closed, 2 all */
{
  if (wanted == 2)
    return TRUE;
  return _orders_is_open (o) == (wanted == 0);
}

void
_orders_list (SandboxRequest *req)
{
  static const char *const statuses[] = { "open", "closed", "all", NULL };
  const char *text;
  int wanted = 0;
  gint64 limit = 50;
  gint64 after = G_MININT64, until = G_MAXINT64;
  guint64 after_seq = 0, before_seq = G_MAXUINT64;
  gboolean asc = FALSE, nested;
  int side = -1;
  g_autoptr (GPtrArray) symbols = NULL;
  g_autoptr (GPtrArray) found = g_ptr_array_new ();
  g_autoptr (JsonBuilder) b = json_builder_new ();
  GPtrArray *orders = req->account->orders;

  if ((text = _sandbox_query (req, "status")) != NULL && (wanted = name_index (statuses, text)) < 0)
    {
      _sandbox_reply_error (req, 422, 40010001, "status must be open, closed or all");
      return;
    }
  if ((text = _sandbox_query (req, "limit")) != NULL &&
      (!g_ascii_string_to_signed (text, 10, G_MININT64, G_MAXINT64, &limit, NULL) ||
       limit < 1 || limit > 500))
    {
      _sandbox_reply_error (req, 422, 40010001, "limit must be between 1 and 500");
      return;
    }
  if ((text = _sandbox_query (req, "after")) != NULL && !_sandbox_parse_time (text, &after))
    {
      _sandbox_reply_error (req, 422, 40010001, "invalid after");
      return;
    }
  if ((text = _sandbox_query (req, "until")) != NULL && !_sandbox_parse_time (text, &until))
    {
      _sandbox_reply_error (req, 422, 40010001, "invalid until");
      return;
    }
  /* cursor paging by order id (newer servers): exclusive, like after/until */
  for (guint i = 0; i < 2; i++)
    {
      const char *name = i == 0 ? "after_order_id" : "before_order_id";
      SandboxOrder *cursor;

      if ((text = _sandbox_query (req, name)) == NULL)
        continue;
      cursor = g_uuid_string_is_valid (text) ? g_hash_table_lookup (req->account->order_ids, text)
                                             : NULL;
      if (cursor == NULL)
        {
          g_autofree char *message = g_strdup_printf ("invalid %s", name);

          _sandbox_reply_error (req, 422, 40010001, message);
          return;
        }
      if (i == 0)
        after_seq = cursor->seq;
      else
        before_seq = cursor->seq;
    }
  if ((text = _sandbox_query (req, "direction")) != NULL)
    {
      if (!g_str_equal (text, "asc") && !g_str_equal (text, "desc"))
        {
          _sandbox_reply_error (req, 422, 40010001, "direction must be asc or desc");
          return;
        }
      asc = g_str_equal (text, "asc");
    }
  if (!query_bool (req, "nested", &nested))
    {
      _sandbox_reply_error (req, 422, 40010001, "nested must be true or false");
      return;
    }
  if ((text = _sandbox_query (req, "side")) != NULL)
    {
      if (!g_str_equal (text, "buy") && !g_str_equal (text, "sell"))
        {
          _sandbox_reply_error (req, 422, 40010001, "side must be buy or sell");
          return;
        }
      side = g_str_equal (text, "buy");
    }
  if ((text = _sandbox_query (req, "symbols")) != NULL && *text != '\0')
    {
      g_auto (GStrv) names = g_strsplit (text, ",", -1);

      symbols = g_ptr_array_new ();
      for (guint i = 0; names[i] != NULL; i++)
        {
          SandboxSymbol *sym = _sandbox_lookup_symbol (req->sandbox, g_strstrip (names[i]));

          if (sym != NULL)
            g_ptr_array_add (symbols, sym);
        }
    }

  /* the orders are kept in submission order, and submitted_at strictly rises */
  for (guint n = 0; n < orders->len && found->len < (guint) limit; n++)
    {
      SandboxOrder *o = g_ptr_array_index (orders, asc ? n : orders->len - 1 - n);
      gboolean match;

      if (nested && o->parent != NULL)
        continue;
      if (o->submitted_at <= after || o->submitted_at >= until)
        continue;
      if (o->seq <= after_seq || o->seq >= before_seq)
        continue;
      if (side >= 0 && o->side_buy != side)
        continue;
      if (symbols != NULL && !g_ptr_array_find (symbols, o->sym, NULL))
        continue;

      match = status_matches (o, wanted);
      /* a filled bracket parent still shows while its exits are open */
      for (guint i = 0; nested && !match && o->legs != NULL && i < o->legs->len; i++)
        match = status_matches (g_ptr_array_index (o->legs, i), wanted);
      if (match)
        g_ptr_array_add (found, o);
    }

  json_builder_begin_array (b);
  for (guint i = 0; i < found->len; i++)
    _orders_add_json (b, g_ptr_array_index (found, i), nested);
  json_builder_end_array (b);
  _sandbox_reply_builder (req, 200, b);
}

/* ---- replacing and canceling -------------------------------------------------------- */

void
_orders_replace (SandboxRequest *req)
{
  PaddockSandbox *self = req->sandbox;
  SandboxAccount *account = req->account;
  SandboxOrder *old, *n;
  JsonObject *obj;
  gint64 qty = 0, limit = 0, stop = 0, trail = 0;
  FieldResult has_qty, has_limit, has_stop, has_trail;
  const char *tif_text = NULL, *client_id = NULL;
  OrderTif tif;
  JsonNode *error = NULL;
  gint64 now;

  if ((old = lookup_order (req)) == NULL)
    return;
  if ((obj = _sandbox_request_json_object (req)) == NULL)
    return;

  if (old->status != STATUS_NEW || old->filled_qty > 0)
    {
      g_autofree char *message = g_strdup_printf ("order is not replaceable (status %s)",
                                                  status_names[old->status]);

      _sandbox_reply_error (req, 422, 40010001, message);
      return;
    }

  has_qty = get_decimal (obj, "qty", 9, &qty);
  has_limit = get_decimal (obj, "limit_price", 6, &limit);
  has_stop = get_decimal (obj, "stop_price", 6, &stop);
  has_trail = get_decimal (obj, "trail", 6, &trail);
  if (has_qty == FIELD_BAD || (has_qty == FIELD_OK && qty <= 0))
    {
      _sandbox_reply_error (req, 422, 40010001, "qty must be > 0");
      return;
    }
  if (has_limit == FIELD_BAD || has_stop == FIELD_BAD || has_trail == FIELD_BAD ||
      (has_limit == FIELD_OK && limit <= 0) || (has_stop == FIELD_OK && stop <= 0) ||
      (has_trail == FIELD_OK && trail <= 0))
    {
      _sandbox_reply_error (req, 422, 40010001, "prices and trail must be > 0");
      return;
    }
  if (get_string (obj, "time_in_force", &tif_text) == FIELD_BAD ||
      get_string (obj, "client_order_id", &client_id) == FIELD_BAD)
    {
      _sandbox_reply_error (req, 422, 40010001, "time_in_force and client_order_id are strings");
      return;
    }

  tif = old->tif;
  if (tif_text != NULL)
    {
      int idx = name_index (tif_names, tif_text);

      if (idx < 0)
        {
          _sandbox_reply_error (req, 422, 40010001, "invalid time_in_force");
          return;
        }
      tif = (OrderTif) idx;
    }
  if ((old->parent != NULL || old->order_class != CLASS_SIMPLE) && tif != TIF_DAY && tif != TIF_GTC)
    {
      _sandbox_reply_error (req, 422, 40010001, "legs must have time_in_force day or gtc");
      return;
    }
  if (old->extended_hours && tif != TIF_DAY)
    {
      _sandbox_reply_error (req, 422, 40010001, "extended hours orders must be day orders");
      return;
    }
  if (has_limit == FIELD_OK && old->type != ORDER_LIMIT && old->type != ORDER_STOP_LIMIT)
    {
      _sandbox_reply_error (req, 422, 40010001,
                            "limit_price is only for limit and stop_limit orders");
      return;
    }
  if (has_stop == FIELD_OK && old->type != ORDER_STOP && old->type != ORDER_STOP_LIMIT)
    {
      _sandbox_reply_error (req, 422, 40010001,
                            "stop_price is only for stop and stop_limit orders");
      return;
    }
  if (has_trail == FIELD_OK && old->type != ORDER_TRAILING_STOP)
    {
      _sandbox_reply_error (req, 422, 40010001, "trail is only for trailing_stop orders");
      return;
    }
  if (has_trail == FIELD_OK && old->has_trail_percent && trail >= 100 * SANDBOX_MICRO)
    {
      _sandbox_reply_error (req, 422, 40010001, "trail_percent must be below 100");
      return;
    }
  if (has_qty == FIELD_OK && old->has_notional)
    {
      _sandbox_reply_error (req, 422, 40010001, "the qty of a notional order cannot be replaced");
      return;
    }
  if (has_qty == FIELD_OK && is_fractional (qty))
    {
      const char *why = check_fractional (account, old->sym, old->type, tif);

      if (why != NULL)
        {
          _sandbox_reply_error (req, 422, 40010001, why);
          return;
        }
    }
  if (client_id != NULL && strlen (client_id) > MAX_CLIENT_ORDER_ID)
    {
      _sandbox_reply_error (req, 422, 40010001,
                            "client_order_id must be no more than 48 characters");
      return;
    }
  if (client_id != NULL && *client_id != '\0' &&
      g_hash_table_contains (account->client_ids, client_id))
    {
      _sandbox_reply_error (req, 422, 40010001, "client_order_id must be unique");
      return;
    }

  /* the funds check sees the account as if the old order were gone already */
  if (old->parent == NULL)
    {
      gboolean new_has_limit = old->has_limit;
      gint64 new_limit = has_limit == FIELD_OK ? limit : old->limit_price;
      gint64 new_stop = has_stop == FIELD_OK ? stop : old->stop_price;

      old->status = STATUS_REPLACED;
      error = check_funds (self, account, old->sym, old->side_buy, old->has_notional,
                           old->has_notional ? old->notional
                                             : (has_qty == FIELD_OK ? qty : old->qty),
                           reference_price (old->sym, new_has_limit, new_limit, old->has_stop,
                                            new_stop),
                           old->order_class == CLASS_OCO);
      old->status = STATUS_NEW;
      if (error != NULL)
        {
          _sandbox_reply_json (req, 403, error);
          return;
        }
    }

  n = order_new (self, account, old->sym, client_id);
  now = n->submitted_at;
  n->order_class = old->order_class;
  n->class_empty = old->class_empty;
  n->type = old->type;
  n->side_buy = old->side_buy;
  n->tif = tif;
  n->has_qty = old->has_qty;
  n->qty = has_qty == FIELD_OK ? qty : old->qty;
  n->has_notional = old->has_notional;
  n->notional = old->notional;
  n->has_limit = old->has_limit;
  n->limit_price = has_limit == FIELD_OK ? limit : old->limit_price;
  n->has_stop = old->has_stop;
  n->stop_price = has_stop == FIELD_OK ? stop : old->stop_price;
  n->has_trail_price = old->has_trail_price;
  n->trail_price = old->has_trail_price && has_trail == FIELD_OK ? trail : old->trail_price;
  n->has_trail_percent = old->has_trail_percent;
  n->trail_percent = old->has_trail_percent && has_trail == FIELD_OK ? trail : old->trail_percent;
  n->has_hwm = old->has_hwm;
  n->hwm = old->hwm;
  n->extended_hours = old->extended_hours;
  n->wait_tick = tif == TIF_OPG || tif == TIF_CLS;
  n->replaces = g_strdup (old->id);
  if (n->type == ORDER_TRAILING_STOP)
    update_trail (n, n->sym->price);

  /* the new order takes the old one's place in its group */
  n->parent = old->parent;
  if (n->parent != NULL)
    {
      guint index;

      if (g_ptr_array_find (n->parent->legs, old, &index))
        n->parent->legs->pdata[index] = n;
    }
  if (old->legs != NULL)
    {
      n->legs = g_ptr_array_ref (old->legs);
      for (guint i = 0; i < n->legs->len; i++)
        ((SandboxOrder *) g_ptr_array_index (n->legs, i))->parent = n;
    }

  old->status = STATUS_REPLACED;
  old->replaced_by = g_strdup (n->id);
  old->replaced_at = now;
  old->updated_at = now;

  emit (self, old, "replaced", now);
  emit (self, n, "new", now);
  order_step (self, n, FALSE);
  finish_immediate (self, n);
  _trading_record_equity (self, account);

  reply_order (req, n, TRUE);
}

void
_orders_delete (SandboxRequest *req)
{
  SandboxOrder *o = lookup_order (req);

  if (o == NULL)
    return;
  if (!_orders_is_open (o))
    {
      g_autofree char *message = g_strdup_printf ("order is already in \"%s\" state",
                                                  status_names[o->status]);

      _sandbox_reply_error (req, 422, 40010001, message);
      return;
    }
  cancel_group (req->sandbox, o, NULL);
  _sandbox_reply_empty (req, 204);
}

void
_orders_delete_all (SandboxRequest *req)
{
  GPtrArray *orders = req->account->orders;
  g_autoptr (GPtrArray) open = g_ptr_array_new ();
  g_autoptr (GPtrArray) canceled = g_ptr_array_new ();
  g_autoptr (JsonBuilder) b = json_builder_new ();

  for (guint i = 0; i < orders->len; i++)
    if (_orders_is_open (g_ptr_array_index (orders, i)))
      g_ptr_array_add (open, g_ptr_array_index (orders, i));
  for (guint i = 0; i < open->len; i++)
    cancel_group (req->sandbox, g_ptr_array_index (open, i), canceled);

  json_builder_begin_array (b);
  for (guint i = 0; i < canceled->len; i++)
    {
      SandboxOrder *o = g_ptr_array_index (canceled, i);

      json_builder_begin_object (b);
      add_string (b, "id", o->id);
      json_builder_set_member_name (b, "status");
      json_builder_add_int_value (b, 200);
      json_builder_set_member_name (b, "body");
      _orders_add_json (b, o, TRUE);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  _sandbox_reply_builder (req, 207, b);
}
