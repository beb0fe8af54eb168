/* paddock-sandbox-orders.c: the orders endpoints, the Order object and trade updates
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The HTTP handlers of /v2/orders. A request body is read by
 * paddock-sandbox-order-request.c, an order is filled by paddock-sandbox-fill.c; this file
 * checks the funds (403), answers, and writes the Order object and its trade updates.
 */
#define G_LOG_DOMAIN "paddock-sandbox-orders"

#include "config.h"

#include <string.h>

#include "paddock-sandbox-trading-private.h"

const char *const _orders_type_names[] = {
  "market", "limit", "stop", "stop_limit", "trailing_stop", NULL
};
const char *const _orders_tif_names[] = { "day", "gtc", "opg", "cls", "ioc", "fok", NULL };
const char *const _orders_class_names[] = { "simple", "bracket", "oco", "oto", NULL };
const char *const _orders_status_names[] = {
  "new", "partially_filled", "filled", "canceled", "expired", "replaced", "rejected", "held", NULL
};

/* ---- helpers ------------------------------------------------------------------------ */

int
_orders_name_index (const char *const *names,
                    const char        *text)
{
  for (int i = 0; text != NULL && names[i] != NULL; i++)
    if (g_str_equal (names[i], text))
      return i;
  return -1;
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

int
_orders_compare (const SandboxOrder *a,
                 const SandboxOrder *b)
{
  if (a->submitted_at != b->submitted_at)
    return a->submitted_at < b->submitted_at ? -1 : 1;
  if (a->seq != b->seq)
    return a->seq < b->seq ? -1 : 1;
  return 0;
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
  const char *type = _orders_type_names[o->type];

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
  add_string (b, "order_class", o->class_empty ? "" : _orders_class_names[o->order_class]);
  add_string (b, "order_type", type);
  add_string (b, "type", type);
  add_string (b, "side", o->side_buy ? "buy" : "sell");
  add_string (b, "time_in_force", _orders_tif_names[o->tif]);
  add_price (b, "limit_price", o->has_limit, o->limit_price);
  add_price (b, "stop_price", o->has_stop, o->stop_price);
  add_price (b, "trail_price", o->has_trail_price, o->trail_price);
  add_string (b, "trail_percent", trail_percent);
  add_price (b, "hwm", o->has_hwm, o->hwm);
  add_string (b, "status", _orders_status_names[o->status]);
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

void
_orders_emit (PaddockSandbox *self,
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

void
_orders_emit_fill (PaddockSandbox *self,
                   SandboxOrder   *o,
                   gboolean        complete,
                   gint64          time_us,
                   gint64          price,
                   gint64          qty,
                   gint64          position_qty,
                   const char     *execution_id)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
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
      if (_orders_qty_is_fractional (shares))
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

/* ---- POST /v2/orders ---------------------------------------------------------------- */

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

  if (!_order_request_parse (self, account, obj, &spec, &message))
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

  o = _fill_order_from_spec (self, account, &spec);
  _orders_emit (self, o, "new", o->submitted_at);
  if (o->order_class == CLASS_OCO)
    for (guint i = 0; i < o->legs->len; i++)
      _orders_emit (self, g_ptr_array_index (o->legs, i), "new", o->submitted_at);

  if (req->reject_order)
    {
      /* as a broker does after its own checks: the reply says `new`, the stream the rest */
      reply_order (req, o, TRUE);
      _fill_reject (self, o);
      return;
    }

  _fill_step (self, o, FALSE);
  if (o->order_class == CLASS_OCO)
    for (guint i = 0; i < o->legs->len; i++)
      _fill_step (self, g_ptr_array_index (o->legs, i), FALSE);
  _fill_finish_immediate (self, o);
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

  o = _fill_new_order (self, account, sym, NULL);
  o->type = ORDER_MARKET;
  o->tif = TIF_DAY;
  o->side_buy = buy;
  o->has_qty = TRUE;
  o->qty = qty;
  _orders_emit (self, o, "new", o->submitted_at);
  _fill_step (self, o, FALSE);
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
  SandboxOrder *after_order = NULL, *before_order = NULL;
  gboolean asc = FALSE, nested;
  int side = -1;
  g_autoptr (GPtrArray) symbols = NULL;
  g_autoptr (GPtrArray) found = g_ptr_array_new ();
  g_autoptr (JsonBuilder) b = json_builder_new ();
  GPtrArray *orders = req->account->orders;

  if ((text = _sandbox_query (req, "status")) != NULL &&
      (wanted = _orders_name_index (statuses, text)) < 0)
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
        after_order = cursor;
      else
        before_order = cursor;
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

  /* the orders are kept in submission order (submitted_at, then seq: the orders seeded into
   * the past share some submitted_at), the order the cursors page by */
  for (guint n = 0; n < orders->len && found->len < (guint) limit; n++)
    {
      SandboxOrder *o = g_ptr_array_index (orders, asc ? n : orders->len - 1 - n);
      gboolean match;

      if (nested && o->parent != NULL)
        continue;
      if (o->submitted_at <= after || o->submitted_at >= until)
        continue;
      if ((after_order != NULL && _orders_compare (o, after_order) <= 0) ||
          (before_order != NULL && _orders_compare (o, before_order) >= 0))
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
  ReplaceSpec change;
  g_autofree char *message = NULL;
  JsonNode *error = NULL;
  gint64 now;

  if ((old = lookup_order (req)) == NULL)
    return;
  if ((obj = _sandbox_request_json_object (req)) == NULL)
    return;

  if (old->status != STATUS_NEW || old->filled_qty > 0)
    {
      g_autofree char *why = g_strdup_printf ("order is not replaceable (status %s)",
                                              _orders_status_names[old->status]);

      _sandbox_reply_error (req, 422, 40010001, why);
      return;
    }

  if (!_order_request_parse_replace (account, old, obj, &change, &message))
    {
      _sandbox_reply_error (req, 422, 40010001, message);
      return;
    }
  if (change.client_order_id != NULL && *change.client_order_id != '\0' &&
      g_hash_table_contains (account->client_ids, change.client_order_id))
    {
      _sandbox_reply_error (req, 422, 40010001, "client_order_id must be unique");
      return;
    }

  /* the funds check sees the account as if the old order were gone already */
  if (old->parent == NULL)
    {
      gboolean new_has_limit = old->has_limit;
      gint64 new_limit = change.has_limit ? change.limit_price : old->limit_price;
      gint64 new_stop = change.has_stop ? change.stop_price : old->stop_price;

      old->status = STATUS_REPLACED;
      error = check_funds (self, account, old->sym, old->side_buy, old->has_notional,
                           old->has_notional ? old->notional
                                             : (change.has_qty ? change.qty : old->qty),
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

  n = _fill_new_order (self, account, old->sym, change.client_order_id);
  now = n->submitted_at;
  n->order_class = old->order_class;
  n->class_empty = old->class_empty;
  n->type = old->type;
  n->side_buy = old->side_buy;
  n->tif = change.tif;
  n->has_qty = old->has_qty;
  n->qty = change.has_qty ? change.qty : old->qty;
  n->has_notional = old->has_notional;
  n->notional = old->notional;
  n->has_limit = old->has_limit;
  n->limit_price = change.has_limit ? change.limit_price : old->limit_price;
  n->has_stop = old->has_stop;
  n->stop_price = change.has_stop ? change.stop_price : old->stop_price;
  n->has_trail_price = old->has_trail_price;
  n->trail_price = old->has_trail_price && change.has_trail ? change.trail : old->trail_price;
  n->has_trail_percent = old->has_trail_percent;
  n->trail_percent = old->has_trail_percent && change.has_trail ? change.trail
                                                                 : old->trail_percent;
  n->has_hwm = old->has_hwm;
  n->hwm = old->hwm;
  n->extended_hours = old->extended_hours;
  n->wait_tick = change.tif == TIF_OPG || change.tif == TIF_CLS;
  n->replaces = g_strdup (old->id);
  if (n->type == ORDER_TRAILING_STOP)
    _fill_update_trail (n, n->sym->price);

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

  _orders_emit (self, old, "replaced", now);
  _orders_emit (self, n, "new", now);
  _fill_step (self, n, FALSE);
  _fill_finish_immediate (self, n);
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
                                                  _orders_status_names[o->status]);

      _sandbox_reply_error (req, 422, 40010001, message);
      return;
    }
  _fill_cancel_group (req->sandbox, o, NULL);
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
    _fill_cancel_group (req->sandbox, g_ptr_array_index (open, i), canceled);

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
