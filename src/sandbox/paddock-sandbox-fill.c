/* paddock-sandbox-fill.c: the life of an order and the fill engine
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Orders fill against the simulated market's last price: market orders at once, limit,
 * stop, stop-limit and trailing-stop orders when a market step crosses them. Orders
 * larger than SANDBOX_LOT fill one lot per step. Filling one exit of a bracket or OCO
 * cancels the other; a filled parent releases its held legs. Every change of an order is
 * sent to the trade-updates stream of its account's environment (_orders_emit).
 */
#define G_LOG_DOMAIN "paddock-sandbox-fill"

#include "config.h"

#include "paddock-sandbox-trading-private.h"

/* ---- life cycle --------------------------------------------------------------------- */

SandboxOrder *
_fill_new_order (PaddockSandbox *self,
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
  _orders_emit (self, o, "canceled", now);
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
gboolean
_fill_cancel_group (PaddockSandbox *self,
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
  return _fill_cancel_group (self, order, NULL);
}

void
_fill_reject (PaddockSandbox *self,
              SandboxOrder   *o)
{
  gint64 now = _trading_now (self);

  o->status = STATUS_REJECTED;
  o->failed_at = now;
  o->updated_at = now;
  _orders_emit (self, o, "rejected", now);
  cancel_legs (self, o, NULL, NULL);
}

void
_fill_update_trail (SandboxOrder *o,
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
      _orders_emit (self, leg, "new", now);
    }

  for (guint i = 0; o->legs != NULL && i < o->legs->len; i++)
    _fill_step (self, g_ptr_array_index (o->legs, i), FALSE);
}

static void
fill (PaddockSandbox *self,
      SandboxOrder   *o,
      gint64          qty,
      gint64          price)
{
  gint64 position_qty = _trading_apply_fill (o->account, o->sym, o->side_buy, qty, price);
  gint64 now = _trading_now (self);
  g_autofree char *execution_id = _sandbox_new_uuid ();
  gboolean complete;

  o->filled_qty += qty;
  o->filled_value += _sandbox_mul_qty_price (qty, price);
  o->updated_at = now;
  complete = o->has_notional || o->filled_qty >= o->qty;
  o->status = complete ? STATUS_FILLED : STATUS_PARTIALLY_FILLED;
  if (complete)
    o->filled_at = now;

  /* the account's activities record every fill, partial ones included */
  _activities_add_fill (o->account, o, now, execution_id, qty, price);
  _orders_emit_fill (self, o, complete, now, price, qty, position_qty, execution_id);

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
void
_fill_step (PaddockSandbox *self,
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
    _fill_update_trail (o, price);

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
            _fill_reject (self, o);
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
          _fill_reject (self, o);
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
    _fill_step (self, g_ptr_array_index (open, i), tick);
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
      _orders_emit (self, o, "expired", now);
    }
}

/* Settles ioc and fok orders after their one chance to fill. */
void
_fill_finish_immediate (PaddockSandbox *self,
                        SandboxOrder   *o)
{
  if ((o->tif == TIF_IOC || o->tif == TIF_FOK) && _orders_is_open (o))
    _fill_cancel_group (self, o, NULL);
}

/* ---- new orders --------------------------------------------------------------------- */

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
  SandboxOrder *leg = _fill_new_order (self, parent->account, parent->sym, NULL);

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

SandboxOrder *
_fill_order_from_spec (PaddockSandbox *self,
                       SandboxAccount *account,
                       OrderSpec      *spec)
{
  SandboxOrder *o = _fill_new_order (self, account, spec->sym, spec->client_order_id);
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
    _fill_update_trail (o, spec->sym->price);

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
