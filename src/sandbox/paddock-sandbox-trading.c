/* paddock-sandbox-trading.c: accounts, configurations, portfolio history and positions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The orders and the fill engine live in paddock-sandbox-orders.c; this file keeps what
 * the fills change (cash and positions) and what is derived from it (equity, margin,
 * buying power, the portfolio history).
 */
#define G_LOG_DOMAIN "paddock-sandbox-trading"

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "paddock-sandbox-trading-private.h"

#define PAPER_START_CASH (G_GINT64_CONSTANT (100000) * SANDBOX_MICRO)
#define LIVE_START_CASH (G_GINT64_CONSTANT (25000) * SANDBOX_MICRO)
#define PDT_MIN_EQUITY (G_GINT64_CONSTANT (25000) * SANDBOX_MICRO)
#define MAX_HISTORY_POINTS 200000
#define MAX_REPLY_POINTS 20000

typedef struct
{
  SandboxAccount *accounts[2];
  gint64 last_now;
  guint64 seq;
} TradingState;

static TradingState *
get_state (PaddockSandbox *self)
{
  return _sandbox_get_module (self, SANDBOX_MODULE_TRADING);
}

/* ---- fixed-point helpers ------------------------------------------------------------ */

/* a × b / c, rounded half away from zero, without overflow */
gint64
_trading_mul_div (gint64 a,
                  gint64 b,
                  gint64 c)
{
  __int128 p = (__int128) a * (__int128) b;
  __int128 half = c / 2;

  if (c == 0)
    return 0;
  if ((p < 0) != (c < 0))
    return (gint64) ((p - half) / c);
  return (gint64) ((p + half) / c);
}

/* A fraction (0.01 = 1 %) of num / den as a decimal string with 6 digits. */
static char *
format_ratio (gint64 num,
              gint64 den)
{
  if (den == 0)
    return g_strdup ("0");
  return _sandbox_format_decimal (_trading_mul_div (num, SANDBOX_MICRO, den), 6, 0);
}

static void
add_string (JsonBuilder *b,
            const char  *name,
            const char  *value)
{
  json_builder_set_member_name (b, name);
  json_builder_add_string_value (b, value);
}

static void
add_money (JsonBuilder *b,
           const char  *name,
           gint64       value)
{
  g_autofree char *text = _sandbox_format_money (value);

  add_string (b, name, text);
}

static void
add_bool (JsonBuilder *b,
          const char  *name,
          gboolean     value)
{
  json_builder_set_member_name (b, name);
  json_builder_add_boolean_value (b, value);
}

/* ---- accounts ----------------------------------------------------------------------- */

static void
account_free (SandboxAccount *account)
{
  g_ptr_array_unref (account->orders);
  g_hash_table_unref (account->order_ids);
  g_hash_table_unref (account->client_ids);
  g_hash_table_unref (account->positions);
  g_array_unref (account->history);
  g_ptr_array_unref (account->activities);
  g_free (account->dtbp_check);
  g_free (account->pdt_check);
  g_free (account->trade_confirm_email);
  g_free (account->account_number);
  g_free (account->id);
  g_free (account);
}

static void
trading_state_free (TradingState *state)
{
  for (guint i = 0; i < G_N_ELEMENTS (state->accounts); i++)
    account_free (state->accounts[i]);
  g_free (state);
}

char *
_trading_keyed_uuid (guint64 key)
{
  guint64 hi = _sandbox_mix64 (key), lo = _sandbox_mix64 (key ^ G_GUINT64_CONSTANT (0x5bd1e995));
  guint8 b[16];

  for (guint i = 0; i < 8; i++)
    {
      b[i] = (guint8) (hi >> (8 * i));
      b[8 + i] = (guint8) (lo >> (8 * i));
    }
  return _sandbox_uuid_from_bytes (b);
}

/* The same seed gives the same account ids and numbers, so the app's demo account keeps
 * its identity (and its keyring item) from one start of the in-app sandbox to the next. */
static char *
account_uuid (guint64    seed,
              SandboxEnv env)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed_array ((const guint32[]) {
    (guint32) seed, (guint32) (seed >> 32), 0xacc0u + (guint32) env }, 3);
  guint8 b[16];

  for (guint i = 0; i < sizeof b; i++)
    b[i] = (guint8) g_rand_int_range (rand, 0, 256);

  return _sandbox_uuid_from_bytes (b);
}

static SandboxAccount *
account_new (guint64    seed,
             SandboxEnv env,
             gint64     now)
{
  SandboxAccount *account = g_new0 (SandboxAccount, 1);
  GString *number = g_string_new (env == SANDBOX_ENV_PAPER ? "PA" : "");

  account->id = account_uuid (seed, env);
  account->env = env;

  /* paper account numbers look like PA3X…, live ones are digits */
  for (const char *p = account->id; *p != '\0' && number->len < 12; p++)
    {
      if (*p == '-')
        continue;
      if (env == SANDBOX_ENV_PAPER)
        g_string_append_c (number, g_ascii_toupper (*p));
      else
        g_string_append_c (number, (char) ('0' + g_ascii_xdigit_value (*p) % 10));
    }
  if (env == SANDBOX_ENV_LIVE)
    number->str[0] = number->str[0] == '0' ? '5' : number->str[0];
  account->account_number = g_string_free (number, FALSE);

  account->created_at = now - G_GINT64_CONSTANT (400) * 24 * 3600 * G_USEC_PER_SEC;
  account->cash = env == SANDBOX_ENV_PAPER ? PAPER_START_CASH : LIVE_START_CASH;
  account->last_equity = account->cash;
  account->start_equity = account->cash;
  account->start_time_us = now;
  account->positions = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  account->orders = g_ptr_array_new_with_free_func ((GDestroyNotify) _orders_free);
  account->order_ids = g_hash_table_new (g_str_hash, g_str_equal);
  account->client_ids = g_hash_table_new (g_str_hash, g_str_equal);

  account->dtbp_check = g_strdup ("entry");
  account->pdt_check = g_strdup ("entry");
  account->trade_confirm_email = g_strdup ("all");
  account->fractional_trading = TRUE;
  account->max_margin_multiplier = 2;

  account->history = g_array_new (FALSE, FALSE, sizeof (EquityPoint));
  {
    EquityPoint first = { now, account->cash };

    g_array_append_val (account->history, first);
  }

  /* the money the account started with came in as a deposit when it was opened */
  account->activities = g_ptr_array_new_with_free_func ((GDestroyNotify) _activities_free);
  {
    g_autofree char *uuid = _trading_keyed_uuid (seed ^ (0xde9051700ull + (guint64) env));

    _activities_add_cash (account, "CSD", account->created_at, uuid, account->cash,
                          "Initial deposit");
  }

  return account;
}

gint64
_trading_now (PaddockSandbox *self)
{
  TradingState *state = get_state (self);
  gint64 now = g_get_real_time ();

  /* strictly rising, so that submitted_at orders the orders and pages by time work */
  if (now <= state->last_now)
    now = state->last_now + 1;
  state->last_now = now;
  return now;
}

guint64
_trading_next_seq (PaddockSandbox *self)
{
  return ++get_state (self)->seq;
}

typedef struct
{
  gint64 long_mv;
  gint64 short_mv;      /* ≤ 0 */
  gint64 equity;
  gint64 initial_margin;
  gint64 maintenance_margin;
  int multiplier;       /* effective */
  gint64 regt_bp;
  gint64 dt_bp;
} Margins;

static void
compute_margins (SandboxAccount *account,
                 Margins        *m)
{
  GHashTableIter iter;
  SandboxPosition *pos;
  int regt_mult;

  memset (m, 0, sizeof *m);
  g_hash_table_iter_init (&iter, account->positions);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &pos))
    {
      gint64 mv = _sandbox_mul_qty_price (pos->qty, pos->sym->price);

      if (mv >= 0)
        m->long_mv += mv;
      else
        m->short_mv += mv;
    }

  m->equity = account->cash + m->long_mv + m->short_mv;
  regt_mult = MIN (account->max_margin_multiplier, 2);
  m->multiplier = regt_mult;
  if (account->max_margin_multiplier == 4 && m->equity >= PDT_MIN_EQUITY)
    m->multiplier = 4;

  /* Reg T: half of the positions' value is borrowed on a margin account; a cash account
   * (multiplier 1) pays for all of it */
  m->initial_margin = (m->long_mv - m->short_mv) / regt_mult;
  m->maintenance_margin = m->long_mv / 4 + _trading_mul_div (-m->short_mv, 3, 10);
  m->regt_bp = MAX (0, regt_mult * (m->equity - m->initial_margin));
  m->dt_bp = m->multiplier == 4 ? MAX (0, 4 * (m->equity - m->maintenance_margin)) : 0;
}

gint64
_trading_equity (SandboxAccount *account)
{
  Margins m;

  compute_margins (account, &m);
  return m.equity;
}

/* What open buy orders would cost at their limit (or the market) price. */
static gint64
reserved_for_orders (SandboxAccount *account,
                     SandboxOrder   *ignore)
{
  gint64 reserved = 0;

  for (guint i = 0; i < account->orders->len; i++)
    {
      SandboxOrder *o = g_ptr_array_index (account->orders, i);
      gint64 ref;

      if (o == ignore || !o->side_buy || !_orders_is_open (o) || o->status == STATUS_HELD)
        continue;

      if (o->has_notional)
        {
          reserved += MAX (0, o->notional - o->filled_value);
          continue;
        }

      if (o->has_limit)
        ref = o->limit_price;
      else if (o->has_stop)
        ref = MAX (o->stop_price, o->sym->price);
      else
        ref = o->sym->price;
      reserved += _sandbox_mul_qty_price (o->qty - o->filled_qty, ref);
    }

  return reserved;
}

gint64
_trading_buying_power (PaddockSandbox *self,
                       SandboxAccount *account,
                       SandboxOrder   *ignore)
{
  Margins m;

  compute_margins (account, &m);
  return MAX (0, (m.multiplier == 4 ? m.dt_bp : m.regt_bp) - reserved_for_orders (account, ignore));
}

SandboxPosition *
_trading_get_position (SandboxAccount *account,
                       SandboxSymbol  *sym)
{
  return g_hash_table_lookup (account->positions, sym);
}

gint64
_trading_apply_fill (SandboxAccount *account,
                     SandboxSymbol  *sym,
                     gboolean        buy,
                     gint64          qty,
                     gint64          price)
{
  SandboxPosition *pos = g_hash_table_lookup (account->positions, sym);
  gint64 cost = _sandbox_mul_qty_price (qty, price);
  gint64 signed_qty = buy ? qty : -qty;
  gint64 result;

  /* a sale (also a short sale) brings the cash in, a purchase pays it: exactly qty × price */
  account->cash += buy ? -cost : cost;

  if (pos == NULL)
    {
      pos = g_new0 (SandboxPosition, 1);
      pos->sym = sym;
      g_hash_table_insert (account->positions, sym, pos);
    }

  if (pos->qty == 0 || (pos->qty > 0) == buy)
    {
      pos->qty += signed_qty;
      pos->cost_basis += buy ? cost : -cost;
      pos->intraday_basis += buy ? cost : -cost;
    }
  else
    {
      gint64 held = ABS (pos->qty);
      gint64 closing = MIN (qty, held);
      gint64 rest = qty - closing;

      /* what stays keeps its average entry price */
      pos->cost_basis = _trading_mul_div (pos->cost_basis, held - closing, held);
      pos->intraday_basis = _trading_mul_div (pos->intraday_basis, held - closing, held);
      pos->qty += buy ? closing : -closing;

      if (rest > 0)
        {
          gint64 rest_cost = _sandbox_mul_qty_price (rest, price);

          pos->qty = buy ? rest : -rest;
          pos->cost_basis = buy ? rest_cost : -rest_cost;
          pos->intraday_basis = pos->cost_basis;
        }
    }

  result = pos->qty;
  if (pos->qty == 0)
    g_hash_table_remove (account->positions, sym);

  return result;
}

gint64
_trading_held_for_orders (SandboxAccount *account,
                          SandboxSymbol  *sym,
                          gboolean        sell_side)
{
  gint64 held = 0;

  for (guint i = 0; i < account->orders->len; i++)
    {
      SandboxOrder *o = g_ptr_array_index (account->orders, i);

      if (o->sym != sym || o->side_buy == sell_side || !_orders_is_open (o) ||
          o->status == STATUS_HELD || o->has_notional)
        continue;

      /* the exits of one bracket or OCO hold the shares once, not twice */
      if (o->parent != NULL &&
          (o->parent->order_class == CLASS_OCO ||
           (o->parent->order_class == CLASS_BRACKET && o->parent->legs->len > 0 &&
            g_ptr_array_index (o->parent->legs, 0) != o &&
            _orders_is_open (g_ptr_array_index (o->parent->legs, 0)))))
        continue;

      held += o->qty - o->filled_qty;
    }

  return held;
}

void
_trading_record_equity (PaddockSandbox *self,
                        SandboxAccount *account)
{
  EquityPoint p = { _trading_now (self), _trading_equity (account) };

  if (account->history->len >= MAX_HISTORY_POINTS)
    g_array_remove_range (account->history, 1, MAX_HISTORY_POINTS / 2);
  g_array_append_val (account->history, p);
}

/* ---- positions ---------------------------------------------------------------------- */

void
_trading_add_position_json (JsonBuilder     *b,
                            SandboxAccount  *account,
                            SandboxPosition *pos)
{
  SandboxSymbol *sym = pos->sym;
  gint64 mv = _sandbox_mul_qty_price (pos->qty, sym->price);
  gint64 pl = mv - pos->cost_basis;
  gint64 intraday_pl = mv - pos->intraday_basis;
  gint64 avg = _trading_mul_div (ABS (pos->cost_basis), SANDBOX_NANO, ABS (pos->qty));
  g_autofree char *qty = _sandbox_format_qty (pos->qty);
  g_autofree char *avg_text = _sandbox_format_price (avg);
  g_autofree char *plpc = format_ratio (pl, ABS (pos->cost_basis));
  g_autofree char *intraday_plpc = format_ratio (intraday_pl, ABS (pos->intraday_basis));
  g_autofree char *current = _sandbox_format_price (sym->price);
  g_autofree char *lastday = _sandbox_format_price (sym->prev_close);
  g_autofree char *change = format_ratio (sym->price - sym->prev_close, sym->prev_close);
  g_autofree char *available = NULL;
  gint64 held;

  held = _trading_held_for_orders (account, sym, pos->qty > 0);
  available = _sandbox_format_qty (pos->qty > 0 ? pos->qty - held : pos->qty + held);

  json_builder_begin_object (b);
  add_string (b, "asset_id", sym->asset_id);
  add_string (b, "symbol", sym->symbol);
  add_string (b, "exchange", sym->exchange);
  add_string (b, "asset_class", "us_equity");
  add_bool (b, "asset_marginable", sym->marginable);
  add_string (b, "qty", qty);
  add_string (b, "qty_available", available);
  add_string (b, "avg_entry_price", avg_text);
  add_string (b, "side", pos->qty > 0 ? "long" : "short");
  add_money (b, "market_value", mv);
  add_money (b, "cost_basis", pos->cost_basis);
  add_money (b, "unrealized_pl", pl);
  add_string (b, "unrealized_plpc", plpc);
  add_money (b, "unrealized_intraday_pl", intraday_pl);
  add_string (b, "unrealized_intraday_plpc", intraday_plpc);
  add_string (b, "current_price", current);
  add_string (b, "lastday_price", lastday);
  add_string (b, "change_today", change);
  json_builder_end_object (b);
}

static int
compare_positions (gconstpointer a,
                   gconstpointer b)
{
  const SandboxPosition *pa = *(SandboxPosition * const *) a;
  const SandboxPosition *pb = *(SandboxPosition * const *) b;

  return strcmp (pa->sym->symbol, pb->sym->symbol);
}

static GPtrArray *
sorted_positions (SandboxAccount *account)
{
  GPtrArray *list = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer pos;

  g_hash_table_iter_init (&iter, account->positions);
  while (g_hash_table_iter_next (&iter, NULL, &pos))
    g_ptr_array_add (list, pos);
  g_ptr_array_sort (list, compare_positions);

  return list;
}

static void
handle_list_positions (SandboxRequest *req)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  g_autoptr (GPtrArray) list = sorted_positions (req->account);

  json_builder_begin_array (b);
  for (guint i = 0; i < list->len; i++)
    _trading_add_position_json (b, req->account, g_ptr_array_index (list, i));
  json_builder_end_array (b);
  _sandbox_reply_builder (req, 200, b);
}

static SandboxPosition *
lookup_position (SandboxRequest *req)
{
  SandboxSymbol *sym = _sandbox_lookup_symbol (req->sandbox, req->segments[0]);
  SandboxPosition *pos = sym ? _trading_get_position (req->account, sym) : NULL;

  if (pos == NULL)
    _sandbox_reply_error (req, 404, 40410000, "position does not exist");
  return pos;
}

static void
handle_get_position (SandboxRequest *req)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  SandboxPosition *pos = lookup_position (req);

  if (pos == NULL)
    return;
  _trading_add_position_json (b, req->account, pos);
  _sandbox_reply_builder (req, 200, b);
}

static void
handle_close_position (SandboxRequest *req)
{
  const char *qty_text = _sandbox_query (req, "qty");
  const char *pct_text = _sandbox_query (req, "percentage");
  SandboxPosition *pos;
  SandboxSymbol *sym;
  gint64 amount;
  gint64 held_abs;
  guint status = 0;
  g_autoptr (JsonNode) error = NULL;
  SandboxOrder *order;

  if (qty_text != NULL && pct_text != NULL)
    {
      _sandbox_reply_error (req, 422, 40010001, "only one of qty or percentage may be given");
      return;
    }

  pos = lookup_position (req);
  if (pos == NULL)
    return;
  sym = pos->sym;
  held_abs = ABS (pos->qty);
  amount = held_abs;

  if (qty_text != NULL)
    {
      if (!_sandbox_parse_decimal (qty_text, 9, &amount) || amount <= 0)
        {
          _sandbox_reply_error (req, 422, 40010001, "qty must be a positive number");
          return;
        }
      if (amount % SANDBOX_NANO != 0 && !sym->fractionable)
        {
          _sandbox_reply_error (req, 422, 40010001, "fractional qty is not allowed for this asset");
          return;
        }
    }
  else if (pct_text != NULL)
    {
      gint64 pct;

      if (!_sandbox_parse_decimal (pct_text, 9, &pct) || pct <= 0 || pct > 100 * SANDBOX_NANO)
        {
          _sandbox_reply_error (req, 422, 40010001, "percentage must be between 0 and 100");
          return;
        }
      amount = (gint64) ((__int128) held_abs * pct / (100 * SANDBOX_NANO));
      if (!sym->fractionable)
        amount -= amount % SANDBOX_NANO;
      if (amount <= 0)
        {
          _sandbox_reply_error (req, 422, 40010001, "percentage is too small to close any shares");
          return;
        }
    }

  order = _orders_submit_close (req->sandbox, req->account, sym, pos->qty < 0, amount,
                                &status, &error);
  if (order == NULL)
    {
      _sandbox_reply_json (req, status, g_steal_pointer (&error));
      return;
    }

  {
    g_autoptr (JsonBuilder) b = json_builder_new ();

    _orders_add_json (b, order, TRUE);
    _sandbox_reply_builder (req, 200, b);
  }
}

static gboolean
parse_bool (const char *text,
            gboolean    fallback,
            gboolean   *out)
{
  if (text == NULL)
    {
      *out = fallback;
      return TRUE;
    }
  if (g_str_equal (text, "true"))
    *out = TRUE;
  else if (g_str_equal (text, "false"))
    *out = FALSE;
  else
    return FALSE;
  return TRUE;
}

static void
handle_close_all_positions (SandboxRequest *req)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  g_autoptr (GPtrArray) list = NULL;
  gboolean cancel_orders;

  if (!parse_bool (_sandbox_query (req, "cancel_orders"), FALSE, &cancel_orders))
    {
      _sandbox_reply_error (req, 422, 40010001, "cancel_orders must be true or false");
      return;
    }

  if (cancel_orders)
    {
      g_autoptr (GPtrArray) open = g_ptr_array_new ();

      for (guint i = 0; i < req->account->orders->len; i++)
        if (_orders_is_open (g_ptr_array_index (req->account->orders, i)))
          g_ptr_array_add (open, g_ptr_array_index (req->account->orders, i));
      for (guint i = 0; i < open->len; i++)
        _orders_cancel (req->sandbox, g_ptr_array_index (open, i));
    }

  list = sorted_positions (req->account);
  json_builder_begin_array (b);
  for (guint i = 0; i < list->len; i++)
    {
      SandboxPosition *pos = g_ptr_array_index (list, i);
      SandboxSymbol *sym = pos->sym;
      g_autoptr (JsonNode) error = NULL;
      guint status = 200;
      SandboxOrder *order;

      order = _orders_submit_close (req->sandbox, req->account, sym, pos->qty < 0,
                                    ABS (pos->qty), &status, &error);
      json_builder_begin_object (b);
      add_string (b, "symbol", sym->symbol);
      json_builder_set_member_name (b, "status");
      json_builder_add_int_value (b, order != NULL ? 200 : status);
      json_builder_set_member_name (b, "body");
      if (order != NULL)
        _orders_add_json (b, order, TRUE);
      else
        json_builder_add_value (b, g_steal_pointer (&error));
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  _sandbox_reply_builder (req, 207, b);
}

/* ---- account ------------------------------------------------------------------------ */

static void
handle_get_account (SandboxRequest *req)
{
  SandboxAccount *account = req->account;
  g_autoptr (JsonBuilder) b = json_builder_new ();
  g_autofree char *created = _sandbox_format_time (account->created_at);
  g_autofree char *multiplier = NULL;
  gint64 bp = _trading_buying_power (req->sandbox, account, NULL);
  gint64 reserved = reserved_for_orders (account, NULL);
  Margins m;

  compute_margins (account, &m);
  multiplier = g_strdup_printf ("%d", m.multiplier);

  json_builder_begin_object (b);
  add_string (b, "id", account->id);
  add_string (b, "account_number", account->account_number);
  add_string (b, "status", "ACTIVE");
  add_string (b, "crypto_status", "ACTIVE");
  add_string (b, "currency", "USD");
  add_money (b, "cash", account->cash);
  add_money (b, "portfolio_value", m.equity);
  add_money (b, "equity", m.equity);
  add_money (b, "last_equity", account->last_equity);
  add_money (b, "long_market_value", m.long_mv);
  add_money (b, "short_market_value", m.short_mv);
  add_money (b, "buying_power", bp);
  add_money (b, "regt_buying_power", MAX (0, m.regt_bp - reserved));
  add_money (b, "daytrading_buying_power", MAX (0, m.dt_bp - (m.multiplier == 4 ? reserved : 0)));
  add_money (b, "non_marginable_buying_power", MAX (0, account->cash - reserved));
  add_money (b, "initial_margin", m.initial_margin);
  add_money (b, "maintenance_margin", m.maintenance_margin);
  add_money (b, "last_maintenance_margin", m.maintenance_margin);
  add_money (b, "sma", 0);
  add_string (b, "multiplier", multiplier);
  json_builder_set_member_name (b, "daytrade_count");
  json_builder_add_int_value (b, 0);
  add_bool (b, "pattern_day_trader", FALSE);
  add_bool (b, "trading_blocked", FALSE);
  add_bool (b, "transfers_blocked", FALSE);
  add_bool (b, "account_blocked", FALSE);
  add_bool (b, "trade_suspended_by_user", account->suspend_trade);
  add_bool (b, "shorting_enabled", !account->no_shorting && m.multiplier > 1);
  add_money (b, "accrued_fees", 0);
  add_money (b, "pending_transfer_in", 0);
  add_money (b, "pending_transfer_out", 0);
  add_string (b, "created_at", created);
  json_builder_end_object (b);

  _sandbox_reply_builder (req, 200, b);
}

static void
reply_configurations (SandboxRequest *req)
{
  SandboxAccount *account = req->account;
  g_autoptr (JsonBuilder) b = json_builder_new ();
  g_autofree char *mult = g_strdup_printf ("%d", account->max_margin_multiplier);

  json_builder_begin_object (b);
  add_string (b, "dtbp_check", account->dtbp_check);
  add_string (b, "pdt_check", account->pdt_check);
  add_string (b, "trade_confirm_email", account->trade_confirm_email);
  add_bool (b, "suspend_trade", account->suspend_trade);
  add_bool (b, "no_shorting", account->no_shorting);
  add_bool (b, "fractional_trading", account->fractional_trading);
  add_string (b, "max_margin_multiplier", mult);
  add_bool (b, "ptp_no_exception_entry", account->ptp_no_exception_entry);
  json_builder_end_object (b);

  _sandbox_reply_builder (req, 200, b);
}

static void
handle_get_configurations (SandboxRequest *req)
{
  reply_configurations (req);
}

static gboolean
config_string (JsonObject  *obj,
               const char  *name,
               const char  *const *allowed,
               const char **out)
{
  JsonNode *node = json_object_get_member (obj, name);
  const char *value;

  *out = NULL;
  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return FALSE;
  value = json_node_get_string (node);
  if (!g_strv_contains (allowed, value))
    return FALSE;
  *out = value;
  return TRUE;
}

static gboolean
config_bool (JsonObject *obj,
             const char *name,
             int        *out)
{
  JsonNode *node = json_object_get_member (obj, name);

  *out = -1;
  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return FALSE;
  *out = json_node_get_boolean (node);
  return TRUE;
}

static void
handle_patch_configurations (SandboxRequest *req)
{
  static const char *const checks[] = { "both", "entry", "exit", NULL };
  static const char *const emails[] = { "all", "none", NULL };
  static const char *const multipliers[] = { "1", "2", "4", NULL };
  SandboxAccount *account = req->account;
  JsonObject *obj = _sandbox_request_json_object (req);
  const char *dtbp, *pdt, *email, *mult_text = NULL;
  int suspend, no_short, fractional, ptp;
  JsonNode *mult_node;
  char buf[8];

  if (obj == NULL)
    return;

  /* the multiplier is a string; a number is accepted as well, as for the decimals */
  mult_node = json_object_get_member (obj, "max_margin_multiplier");
  if (mult_node != NULL)
    {
      if (JSON_NODE_HOLDS_VALUE (mult_node) &&
          json_node_get_value_type (mult_node) == G_TYPE_STRING)
        mult_text = json_node_get_string (mult_node);
      else if (JSON_NODE_HOLDS_VALUE (mult_node) &&
               json_node_get_value_type (mult_node) == G_TYPE_INT64)
        {
          g_snprintf (buf, sizeof buf, "%" G_GINT64_FORMAT,
                      CLAMP (json_node_get_int (mult_node), -1, 99));
          mult_text = buf;
        }
      if (mult_text == NULL || !g_strv_contains (multipliers, mult_text))
        {
          _sandbox_reply_error (req, 400, 40010001, "max_margin_multiplier must be 1, 2 or 4");
          return;
        }
    }

  if (!config_string (obj, "dtbp_check", checks, &dtbp) ||
      !config_string (obj, "pdt_check", checks, &pdt))
    {
      _sandbox_reply_error (req, 400, 40010001,
                            "dtbp_check and pdt_check must be both, entry or exit");
      return;
    }
  if (!config_string (obj, "trade_confirm_email", emails, &email))
    {
      _sandbox_reply_error (req, 400, 40010001, "trade_confirm_email must be all or none");
      return;
    }
  if (!config_bool (obj, "suspend_trade", &suspend) ||
      !config_bool (obj, "no_shorting", &no_short) ||
      !config_bool (obj, "fractional_trading", &fractional) ||
      !config_bool (obj, "ptp_no_exception_entry", &ptp))
    {
      _sandbox_reply_error (req, 400, 40010001,
                            "suspend_trade, no_shorting, fractional_trading and "
                            "ptp_no_exception_entry must be booleans");
      return;
    }

  /* everything was valid: apply the subset that was sent */
  if (dtbp != NULL)
    {
      g_free (account->dtbp_check);
      account->dtbp_check = g_strdup (dtbp);
    }
  if (pdt != NULL)
    {
      g_free (account->pdt_check);
      account->pdt_check = g_strdup (pdt);
    }
  if (email != NULL)
    {
      g_free (account->trade_confirm_email);
      account->trade_confirm_email = g_strdup (email);
    }
  if (suspend >= 0)
    account->suspend_trade = suspend;
  if (no_short >= 0)
    account->no_shorting = no_short;
  if (fractional >= 0)
    account->fractional_trading = fractional;
  if (ptp >= 0)
    account->ptp_no_exception_entry = ptp;
  if (mult_text != NULL)
    account->max_margin_multiplier = (int) g_ascii_strtoll (mult_text, NULL, 10);

  reply_configurations (req);
}

/* ---- portfolio history -------------------------------------------------------------- */

/* A deterministic, smooth-ish wander for the time before the sandbox started. */
static double
back_wander (guint64 key,
             gint64  epoch_s)
{
  double t = (double) epoch_s;
  double phase = (double) (key % 1000) / 1000.0 * 2.0 * G_PI;
  double noise = (double) (_sandbox_mix64 (key ^ (guint64) (epoch_s / 60)) >> 11) /
                 (double) (G_GUINT64_CONSTANT (1) << 53);

  return 0.6 * sin (t / (17.0 * 86400.0) * 2.0 * G_PI + phase) +
         0.3 * sin (t / (3.0 * 86400.0) * 2.0 * G_PI + 2.0 * phase) +
         0.1 * (noise * 2.0 - 1.0);
}

/* The cash and the shares of an account with a ledger history, replayed from its
 * activities up to a time; the times asked for only grow. */
typedef struct
{
  guint next;             /* the next activity to apply */
  gint64 cash;
  GHashTable *shares;     /* SandboxSymbol* → gint64* nano-shares */
} Ledger;

static void
ledger_clear (Ledger *ledger)
{
  g_clear_pointer (&ledger->shares, g_hash_table_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Ledger, ledger_clear)

static gint64
ledger_equity_at (PaddockSandbox *self,
                  SandboxAccount *account,
                  Ledger         *ledger,
                  gint64          t_us)
{
  GHashTableIter iter;
  SandboxSymbol *sym;
  gint64 *shares;
  gint64 equity;

  if (ledger->shares == NULL)
    ledger->shares = g_hash_table_new_full (NULL, NULL, NULL, g_free);

  for (; ledger->next < account->activities->len; ledger->next++)
    {
      SandboxActivity *a = g_ptr_array_index (account->activities, ledger->next);

      if (a->time_us > t_us)
        break;
      ledger->cash += a->net_amount;
      if (g_str_equal (a->activity_type, "FILL"))
        {
          shares = g_hash_table_lookup (ledger->shares, a->sym);
          if (shares == NULL)
            {
              shares = g_new0 (gint64, 1);
              g_hash_table_insert (ledger->shares, a->sym, shares);
            }
          *shares += a->side_buy ? a->qty : -a->qty;
        }
    }

  /* the positions at the market's price of the time: the close of that minute's bar */
  equity = ledger->cash;
  g_hash_table_iter_init (&iter, ledger->shares);
  while (g_hash_table_iter_next (&iter, (gpointer *) &sym, (gpointer *) &shares))
    if (*shares != 0)
      {
        double o, h, l, c;
        gint64 v;

        _sandbox_market_bar (self, sym, t_us / (60 * G_USEC_PER_SEC), &o, &h, &l, &c, &v);
        equity += _sandbox_mul_qty_price (*shares, (gint64) llround (c * 100.0) * 10000);
      }
  return equity;
}

/* The account's equity (micro-dollars) at real time t_us. */
static gint64
equity_at (PaddockSandbox *self,
           SandboxAccount *account,
           Ledger         *ledger,
           gint64          t_us,
           gint64          now_us)
{
  GArray *h = account->history;
  guint lo, hi;

  if (t_us >= now_us)
    return _trading_equity (account);

  if (t_us < account->start_time_us && account->ledger_history)
    return ledger_equity_at (self, account, ledger, t_us);

  if (t_us < account->start_time_us)
    {
      guint64 key = _sandbox_mix64 (_sandbox_get_seed (self) ^ (guint64) account->env);
      double start = back_wander (key, account->start_time_us / G_USEC_PER_SEC);
      double here = back_wander (key, t_us / G_USEC_PER_SEC);
      double dollars = _sandbox_to_double (account->start_equity, 6) *
                       (1.0 + 0.05 * (here - start));

      return (gint64) llround (dollars * 100.0) * 10000;
    }

  /* the last recorded point at or before t */
  lo = 0;
  hi = h->len;
  while (hi - lo > 1)
    {
      guint mid = (lo + hi) / 2;

      if (g_array_index (h, EquityPoint, mid).time_us <= t_us)
        lo = mid;
      else
        hi = mid;
    }
  return g_array_index (h, EquityPoint, lo).equity;
}

static gboolean
parse_period (const char *text,
              gint64     *days)
{
  char *end = NULL;
  gint64 n;

  if (text == NULL)
    {
      *days = 30;
      return TRUE;
    }
  if (!g_ascii_isdigit (text[0]))
    return FALSE;
  n = g_ascii_strtoll (text, &end, 10);
  if (n < 1 || n > 1000 || end == NULL || end[0] == '\0' || end[1] != '\0')
    return FALSE;
  switch (end[0])
    {
    case 'D': *days = n; break;
    case 'W': *days = n * 7; break;
    case 'M': *days = n * 30; break;
    case 'A': *days = n * 365; break;
    default: return FALSE;
    }
  return *days <= 365 * 10;
}

static gboolean
in_session (GTimeZone *tz,
            gint64     epoch_s,
            gboolean   extended)
{
  g_autoptr (GDateTime) dt = g_date_time_new_from_unix_utc (epoch_s);
  g_autoptr (GDateTime) local = NULL;
  int minute;

  if (dt == NULL)
    return FALSE;
  local = g_date_time_to_timezone (dt, tz);
  if (g_date_time_get_day_of_week (local) > 5)
    return FALSE;
  minute = g_date_time_get_hour (local) * 60 + g_date_time_get_minute (local);
  if (extended)
    return minute >= 4 * 60 && minute < 20 * 60;
  return minute >= 9 * 60 + 30 && minute < 16 * 60;
}

static void
handle_portfolio_history (SandboxRequest *req)
{
  static const struct { const char *name; gint64 seconds; } timeframes[] = {
    { "1Min", 60 }, { "5Min", 300 }, { "15Min", 900 }, { "1H", 3600 }, { "1D", 86400 },
  };
  SandboxAccount *account = req->account;
  const char *tf_text = _sandbox_query (req, "timeframe");
  const char *date_end = _sandbox_query (req, "date_end");
  g_autoptr (GTimeZone) tz = g_time_zone_new_identifier ("America/New_York");
  g_autoptr (GArray) times = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (GArray) values = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (JsonBuilder) b = json_builder_new ();
  gint64 now_us = g_get_real_time ();
  gint64 now_s = now_us / G_USEC_PER_SEC;
  gint64 days, tf = 0, end_s, start_s;
  g_auto (Ledger) ledger = { 0, 0, NULL };
  gboolean extended;
  gboolean in_ms;
  guint gaps;
  double base = 0;

  if (tz == NULL)
    tz = g_time_zone_new_offset (-5 * 3600);

  if (!parse_period (_sandbox_query (req, "period"), &days))
    {
      _sandbox_reply_error (req, 422, 40010001, "invalid period");
      return;
    }
  if (tf_text == NULL)
    tf = days < 7 ? 60 : days < 30 ? 900 : 86400;
  for (guint i = 0; tf_text != NULL && i < G_N_ELEMENTS (timeframes); i++)
    if (g_str_equal (tf_text, timeframes[i].name))
      tf = timeframes[i].seconds;
  if (tf == 0)
    {
      _sandbox_reply_error (req, 422, 40010001, "invalid timeframe");
      return;
    }
  if (!parse_bool (_sandbox_query (req, "extended_hours"), FALSE, &extended))
    {
      _sandbox_reply_error (req, 422, 40010001, "extended_hours must be true or false");
      return;
    }

  end_s = now_s;
  if (date_end != NULL)
    {
      int y, m, d;
      char tail;
      g_autoptr (GDateTime) day = NULL;

      if (sscanf (date_end, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3 ||
          (day = g_date_time_new (tz, y, m, d, 0, 0, 0)) == NULL)
        {
          _sandbox_reply_error (req, 422, 40010001, "date_end must be YYYY-MM-DD");
          return;
        }
      end_s = MIN (now_s, g_date_time_to_unix (day) + 86400);
    }
  start_s = end_s - days * 86400;

  if (tf < 86400)
    {
      gint64 first = start_s - start_s % tf;

      if ((end_s - first) / tf > 20 * MAX_REPLY_POINTS)
        {
          _sandbox_reply_error (req, 422, 40010001, "timeframe is too small for this period");
          return;
        }
      /* the window that holds "now" is the last one, even when it has only just begun */
      for (gint64 t = first; t < end_s || (t == end_s && end_s == now_s); t += tf)
        {
          /* the simulated market trades whenever the sandbox runs; before that, the
           * back-history follows the exchange's hours */
          if (t + tf <= account->start_time_us / G_USEC_PER_SEC && !in_session (tz, t, extended))
            continue;
          g_array_append_val (times, t);
        }
    }
  else
    {
      g_autoptr (GDateTime) end_utc = g_date_time_new_from_unix_utc (end_s);
      g_autoptr (GDateTime) end_local = g_date_time_to_timezone (end_utc, tz);
      g_autoptr (GDateTime) cursor = NULL;

      cursor = g_date_time_new (tz, g_date_time_get_year (end_local),
                                g_date_time_get_month (end_local),
                                g_date_time_get_day_of_month (end_local), 0, 0, 0);
      for (gint64 i = 0; i <= days; i++)
        {
          g_autoptr (GDateTime) day = g_date_time_add_days (cursor, (int) -i);
          gint64 t = g_date_time_to_unix (day);

          if (g_date_time_get_day_of_week (day) > 5 &&
              t + 86400 <= account->start_time_us / G_USEC_PER_SEC)
            continue;
          if (t >= end_s)
            continue;
          g_array_prepend_val (times, t);
        }
    }

  if (times->len > MAX_REPLY_POINTS)
    {
      _sandbox_reply_error (req, 422, 40010001, "timeframe is too small for this period");
      return;
    }

  for (guint i = 0; i < times->len; i++)
    {
      gint64 t = g_array_index (times, gint64, i);
      /* a window's value is the equity at its end (or now, for the current one) */
      gint64 close_s = t + tf;
      gint64 value = equity_at (req->sandbox, account, &ledger, close_s * G_USEC_PER_SEC - 1,
                                now_us);

      g_array_append_val (values, value);
    }
  _sandbox_get_history_format (req->sandbox, &in_ms, &gaps);
  /* the base is the first point that is not a gap */
  if (values->len > gaps)
    base = _sandbox_to_double (g_array_index (values, gint64, gaps), 6);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "timestamp");
  json_builder_begin_array (b);
  for (guint i = 0; i < times->len; i++)
    json_builder_add_int_value (b, g_array_index (times, gint64, i) * (in_ms ? 1000 : 1));
  json_builder_end_array (b);
  json_builder_set_member_name (b, "equity");
  json_builder_begin_array (b);
  for (guint i = 0; i < values->len; i++)
    if (i < gaps)
      json_builder_add_null_value (b);
    else
      json_builder_add_double_value (b, _sandbox_to_double (g_array_index (values, gint64, i), 6));
  json_builder_end_array (b);
  json_builder_set_member_name (b, "profit_loss");
  json_builder_begin_array (b);
  for (guint i = 0; i < values->len; i++)
    {
      double v = _sandbox_to_double (g_array_index (values, gint64, i), 6);

      if (i < gaps)
        json_builder_add_null_value (b);
      else
        json_builder_add_double_value (b, round ((v - base) * 100.0) / 100.0);
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "profit_loss_pct");
  json_builder_begin_array (b);
  for (guint i = 0; i < values->len; i++)
    {
      double v = _sandbox_to_double (g_array_index (values, gint64, i), 6);

      if (base > 0 && i >= gaps)
        json_builder_add_double_value (b, round ((v - base) / base * 1e6) / 1e6);
      else
        json_builder_add_null_value (b);
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "base_value");
  if (values->len > gaps)
    json_builder_add_double_value (b, base);
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "timeframe");
  for (guint i = 0; i < G_N_ELEMENTS (timeframes); i++)
    if (timeframes[i].seconds == tf)
      json_builder_add_string_value (b, timeframes[i].name);
  json_builder_end_object (b);

  _sandbox_reply_builder (req, 200, b);
}

/* ---- module ------------------------------------------------------------------------- */

void
_sandbox_trading_init (PaddockSandbox *self)
{
  TradingState *state = g_new0 (TradingState, 1);
  gint64 now = g_get_real_time ();

  state->last_now = now;
  _sandbox_set_module (self, SANDBOX_MODULE_TRADING, state, (GDestroyNotify) trading_state_free);
  for (guint i = 0; i < G_N_ELEMENTS (state->accounts); i++)
    state->accounts[i] = account_new (_sandbox_get_seed (self), (SandboxEnv) i, now);

  /* the demo signs in to the paper account: that one has a past */
  if (_sandbox_get_demo_history (self))
    {
      SandboxAccount *account = state->accounts[SANDBOX_ENV_PAPER];
      GHashTableIter iter;
      SandboxPosition *pos;
      EquityPoint *first = &g_array_index (account->history, EquityPoint, 0);

      _history_build_demo (self, account);

      /* today's figures start from yesterday's close */
      account->last_equity = account->cash;
      g_hash_table_iter_init (&iter, account->positions);
      while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &pos))
        {
          pos->intraday_basis = _sandbox_mul_qty_price (pos->qty, pos->sym->prev_close);
          account->last_equity += pos->intraday_basis;
        }
      account->start_equity = _trading_equity (account);
      first->equity = account->start_equity;
    }
}

SandboxAccount *
_sandbox_get_account (PaddockSandbox *self,
                      SandboxEnv      env)
{
  return get_state (self)->accounts[env];
}

const char *
_sandbox_account_get_id (SandboxAccount *account)
{
  return account->id;
}

guint
_sandbox_trading_seed_orders (PaddockSandbox *self,
                              SandboxEnv      env,
                              guint           count,
                              SandboxSymbol  *sym)
{
  return _history_seed_orders (self, get_state (self)->accounts[env], count, sym);
}

/* The trade-update event that announces an order in its present status */
static const char *
burst_event (SandboxOrder *o)
{
  static const char *const events[] = {
    "new", "canceled", "expired", "done_for_day", "replaced", "rejected", "pending_new",
    "stopped", "pending_cancel", "pending_replace", "calculated", "suspended",
  };
  const char *status = _orders_status_names[o->status];

  if (g_strcmp0 (status, "filled") == 0)
    return "fill";
  if (g_strcmp0 (status, "partially_filled") == 0)
    return "partial_fill";
  for (guint i = 0; i < G_N_ELEMENTS (events); i++)
    if (g_strcmp0 (status, events[i]) == 0)
      return status;
  return "new";
}

/* count trade updates at once (see paddock_sandbox_burst_trade_updates): the account's
 * top-level orders, newest first and round again, each touched (updated_at now) and
 * announced in its present status. Returns how many were sent, 0 without orders. */
guint
_sandbox_trading_burst (PaddockSandbox *self,
                        SandboxEnv      env,
                        guint           count)
{
  SandboxAccount *account = get_state (self)->accounts[env];
  g_autoptr (GPtrArray) tops = g_ptr_array_new ();
  gint64 now = g_get_real_time ();

  for (guint i = account->orders->len; i > 0 && tops->len < count; i--)
    {
      SandboxOrder *o = g_ptr_array_index (account->orders, i - 1);

      if (o->parent == NULL)
        g_ptr_array_add (tops, o);
    }
  if (tops->len == 0)
    return 0;
  for (guint i = 0; i < count; i++)
    {
      SandboxOrder *o = g_ptr_array_index (tops, i % tops->len);

      o->updated_at = now;
      _orders_emit (self, o, burst_event (o), now);
    }
  return count;
}

void
_sandbox_trading_on_tick (PaddockSandbox *self)
{
  TradingState *state = get_state (self);

  if (state == NULL)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (state->accounts); i++)
    {
      _orders_run_engine (self, state->accounts[i], TRUE);
      _trading_record_equity (self, state->accounts[i]);
    }
}

void
_sandbox_trading_end_of_day (PaddockSandbox *self)
{
  TradingState *state = get_state (self);

  for (guint i = 0; i < G_N_ELEMENTS (state->accounts); i++)
    {
      SandboxAccount *account = state->accounts[i];
      GHashTableIter iter;
      SandboxPosition *pos;

      _orders_expire_day (self, account);

      /* tomorrow's intraday P/L starts from today's close */
      g_hash_table_iter_init (&iter, account->positions);
      while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &pos))
        pos->intraday_basis = _sandbox_mul_qty_price (pos->qty, pos->sym->price);
      account->last_equity = _trading_equity (account);
      _trading_record_equity (self, account);
    }
}

const SandboxRoute _sandbox_trading_routes[] = {
  { "GET", SANDBOX_BASE_LIVE, "/v2/account", SANDBOX_AUTH_READ, handle_get_account },
  { "GET", SANDBOX_BASE_LIVE, "/v2/account/configurations", SANDBOX_AUTH_READ,
    handle_get_configurations },
  { "PATCH", SANDBOX_BASE_LIVE, "/v2/account/configurations", SANDBOX_AUTH_ACCOUNT_WRITE,
    handle_patch_configurations },
  { "GET", SANDBOX_BASE_LIVE, "/v2/account/portfolio/history", SANDBOX_AUTH_READ,
    handle_portfolio_history },
  { "GET", SANDBOX_BASE_LIVE, "/v2/account/activities", SANDBOX_AUTH_READ, _activities_list },
  { "GET", SANDBOX_BASE_LIVE, "/v2/account/activities/{activity_type}", SANDBOX_AUTH_READ,
    _activities_list },
  { "GET", SANDBOX_BASE_LIVE, "/v2/orders", SANDBOX_AUTH_READ, _orders_list },
  { "POST", SANDBOX_BASE_LIVE, "/v2/orders", SANDBOX_AUTH_TRADING, _orders_create },
  { "DELETE", SANDBOX_BASE_LIVE, "/v2/orders", SANDBOX_AUTH_TRADING, _orders_delete_all },
  { "GET", SANDBOX_BASE_LIVE, "/v2/orders:by_client_order_id", SANDBOX_AUTH_READ,
    _orders_get_by_client_id },
  { "GET", SANDBOX_BASE_LIVE, "/v2/orders/{order_id}", SANDBOX_AUTH_READ, _orders_get },
  { "PATCH", SANDBOX_BASE_LIVE, "/v2/orders/{order_id}", SANDBOX_AUTH_TRADING, _orders_replace },
  { "DELETE", SANDBOX_BASE_LIVE, "/v2/orders/{order_id}", SANDBOX_AUTH_TRADING, _orders_delete },
  { "GET", SANDBOX_BASE_LIVE, "/v2/positions", SANDBOX_AUTH_READ, handle_list_positions },
  { "DELETE", SANDBOX_BASE_LIVE, "/v2/positions", SANDBOX_AUTH_TRADING,
    handle_close_all_positions },
  { "GET", SANDBOX_BASE_LIVE, "/v2/positions/{symbol_or_asset_id}", SANDBOX_AUTH_READ,
    handle_get_position },
  { "DELETE", SANDBOX_BASE_LIVE, "/v2/positions/{symbol_or_asset_id}", SANDBOX_AUTH_TRADING,
    handle_close_position },
  { NULL, 0, NULL, 0, NULL }
};
