/* paddock-sandbox-history.c: the past of an account: the demo history and seeded orders
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The demo history (paddock_sandbox_set_demo_history) gives the paper account weeks of
 * past: deposits, a few hundred orders (filled, partly filled, canceled, expired), the
 * fills' fees, dividends, interest, and a few open limit orders. It is made from the seed
 * and today's date only, and the account's figures are what it adds up to: the fills are
 * replayed through _trading_apply_fill and every cash movement is an activity, so
 *   cash = deposits − withdrawals − buys + sells + dividends + interest − fees,
 * the positions are the net of the fills, and the portfolio history before the sandbox
 * started is replayed from the activities at the market's past prices (the bars).
 *
 * Seeded orders (paddock_sandbox_seed_orders, POST /_sandbox/seed_orders) are many closed
 * orders in the past, for paging tests and benchmarks. They never filled (canceled or
 * expired), so they change no figure of the account.
 */
#define G_LOG_DOMAIN "paddock-sandbox-history"

#include "config.h"

#include <math.h>
#include <string.h>

#include "paddock-sandbox-trading-private.h"

#define HISTORY_DAYS 70         /* calendar days of trading before today */
#define HISTORY_DEPOSIT_FIRST (G_GINT64_CONSTANT (5000) * SANDBOX_MICRO)
#define HISTORY_KEY G_GUINT64_CONSTANT (0x4849535430524459)  /* "HIST0RDY" */
#define SEED_KEY G_GUINT64_CONSTANT (0x5345454430524453)     /* "SEED0RDS" */
#define CASH_RESERVE (G_GINT64_CONSTANT (150) * SANDBOX_MICRO)
#define SECOND G_GINT64_CONSTANT (1000000)
#define MINUTE (60 * SECOND)
#define HOUR (60 * MINUTE)
#define DAY (24 * HOUR)

/* ---- common ------------------------------------------------------------------------- */

static GTimeZone *
market_zone (void)
{
  GTimeZone *tz = g_time_zone_new_identifier ("America/New_York");

  return tz != NULL ? tz : g_time_zone_new_offset (-5 * 3600);
}

/* The next 16:00 in New York at or after t */
static gint64
next_close (GTimeZone *tz,
            gint64     t_us)
{
  g_autoptr (GDateTime) utc = g_date_time_new_from_unix_utc (t_us / G_USEC_PER_SEC);
  g_autoptr (GDateTime) local = g_date_time_to_timezone (utc, tz);
  g_autoptr (GDateTime) close = g_date_time_new (tz, g_date_time_get_year (local),
                                                 g_date_time_get_month (local),
                                                 g_date_time_get_day_of_month (local),
                                                 16, 0, 0);
  gint64 c = g_date_time_to_unix (close) * G_USEC_PER_SEC;

  return c >= t_us ? c : c + DAY;
}

/* The market's price of sym at a past time: the close of that minute's bar, in cents */
static gint64
past_price (PaddockSandbox *self,
            SandboxSymbol  *sym,
            gint64          t_us)
{
  double o, h, l, c;
  gint64 v;

  _sandbox_market_bar (self, sym, t_us / MINUTE, &o, &h, &l, &c, &v);
  return MAX (1, (gint64) llround (c * 100.0)) * 10000;
}

static gint64
round_cents (gint64 micro)
{
  return _trading_mul_div (micro, 1, 10000) * 10000;
}

/* A closed or open order in the past, not yet in the account's list (see add_orders) */
static SandboxOrder *
past_order (PaddockSandbox *self,
            SandboxAccount *account,
            SandboxSymbol  *sym,
            guint64         key,
            gint64          submitted_at)
{
  SandboxOrder *o = g_new0 (SandboxOrder, 1);

  o->id = _trading_keyed_uuid (key);
  o->client_order_id = _trading_keyed_uuid (key ^ G_GUINT64_CONSTANT (0xc11e47));
  o->account = account;
  o->sym = sym;
  o->seq = _trading_next_seq (self);
  o->created_at = submitted_at;
  o->updated_at = submitted_at;
  o->submitted_at = submitted_at;
  o->status = STATUS_NEW;
  o->order_class = CLASS_SIMPLE;
  o->has_qty = TRUE;
  return o;
}

static void
close_order (SandboxOrder *o,
             OrderStatus   status,
             gint64        t_us)
{
  o->status = status;
  o->updated_at = t_us;
  if (status == STATUS_CANCELED)
    o->canceled_at = t_us;
  else if (status == STATUS_EXPIRED)
    o->expired_at = t_us;
  else if (status == STATUS_FILLED)
    o->filled_at = t_us;
}

static int
compare_order_pointers (gconstpointer a,
                        gconstpointer b)
{
  return _orders_compare (*(SandboxOrder * const *) a, *(SandboxOrder * const *) b);
}

/* Puts new orders into the account's books, which stay sorted by _orders_compare. */
static void
add_orders (SandboxAccount *account,
            GPtrArray      *orders)
{
  gboolean sorted = TRUE;

  for (guint i = 0; i < orders->len; i++)
    {
      SandboxOrder *o = g_ptr_array_index (orders, i);
      SandboxOrder *last = account->orders->len > 0
                           ? g_ptr_array_index (account->orders, account->orders->len - 1)
                           : NULL;

      if (last != NULL && _orders_compare (last, o) > 0)
        sorted = FALSE;
      g_ptr_array_add (account->orders, o);
      g_hash_table_insert (account->order_ids, o->id, o);
      g_hash_table_insert (account->client_ids, o->client_order_id, o);
    }
  if (!sorted)
    g_ptr_array_sort (account->orders, compare_order_pointers);
}

/* ---- seeded orders ------------------------------------------------------------------ */

guint
_history_seed_orders (PaddockSandbox *self,
                      SandboxAccount *account,
                      guint           count,
                      SandboxSymbol  *only)
{
  GPtrArray *symbols = _sandbox_get_symbols (self);
  g_autoptr (GTimeZone) tz = market_zone ();
  g_autoptr (GPtrArray) made = g_ptr_array_new ();
  g_autoptr (GArray) times = g_array_sized_new (FALSE, FALSE, sizeof (gint64), count);
  guint64 batch = ++account->seed_batches;
  g_autoptr (GRand) rand = g_rand_new_with_seed_array ((const guint32[]) {
    (guint32) _sandbox_get_seed (self), (guint32) (_sandbox_get_seed (self) >> 32),
    (guint32) batch, (guint32) account->env }, 4);
  gint64 now = g_get_real_time ();
  gint64 t = now - MINUTE;

  if (count == 0 || count > SANDBOX_SEED_ORDERS_MAX ||
      account->orders->len + count > SANDBOX_ORDERS_MAX)
    return 0;

  /* newest first, walking back: mostly a few seconds apart, now and then a burst of
   * orders sent in the same microsecond (what cursor paging by order id is for) */
  for (guint i = 0; i < count; i++)
    {
      if (i == 0 || g_rand_int_range (rand, 0, 8) != 0)
        t -= g_rand_int_range (rand, 1, 90) * SECOND + g_rand_int_range (rand, 1, 1000000);
      g_array_append_val (times, t);
    }

  for (guint i = count; i-- > 0;)
    {
      gint64 at = g_array_index (times, gint64, i);
      gint32 pick = g_rand_int_range (rand, 0, (gint32) symbols->len);
      SandboxSymbol *sym = only != NULL ? only : g_ptr_array_index (symbols, pick);
      guint64 key = SEED_KEY ^ (batch << 40) ^ ((guint64) account->env << 39) ^ i ^
                    _sandbox_get_seed (self);
      SandboxOrder *o = past_order (self, account, sym, key, at);
      gint64 price = past_price (self, sym, at);
      gint64 off = price / 100 * g_rand_int_range (rand, 1, 7);  /* 1 to 6 % away */
      gint64 expiry;
      int kind = g_rand_int_range (rand, 0, 10);

      o->side_buy = g_rand_boolean (rand);
      o->qty = g_rand_int_range (rand, 1, 51) * SANDBOX_NANO;
      o->tif = g_rand_int_range (rand, 0, 5) < 3 ? TIF_DAY : TIF_GTC;
      /* away from the market, so that it did not fill */
      if (kind < 7)
        {
          o->type = ORDER_LIMIT;
          o->has_limit = TRUE;
          o->limit_price = round_cents (o->side_buy ? price - off : price + off);
        }
      else
        {
          o->type = kind < 9 ? ORDER_STOP : ORDER_STOP_LIMIT;
          o->has_stop = TRUE;
          o->stop_price = round_cents (o->side_buy ? price + off : price - off);
          if (o->type == ORDER_STOP_LIMIT)
            {
              o->has_limit = TRUE;
              o->limit_price = round_cents (o->side_buy ? o->stop_price + price / 200
                                                        : o->stop_price - price / 200);
            }
        }

      expiry = next_close (tz, at);
      if (o->tif == TIF_DAY && g_rand_int_range (rand, 0, 3) != 0 && expiry < now - SECOND)
        close_order (o, STATUS_EXPIRED, expiry + g_rand_int_range (rand, 1000, 900000));
      else
        close_order (o, STATUS_CANCELED,
                     MIN (now - SECOND, at + g_rand_int_range (rand, 1, 6 * 3600) * SECOND));
      g_ptr_array_add (made, o);
    }

  add_orders (account, made);
  return count;
}

/* ---- the demo history --------------------------------------------------------------- */

typedef struct
{
  const char *symbol;
  const char *dividend;   /* a quarter's dividend per share, or NULL */
} HoldingSeed;

/* What the demo person keeps… */
static const HoldingSeed keepers[] = {
  { "AAPL", "0.25" }, { "MSFT", "0.83" }, { "KO", "0.51" }, { "JNJ", "1.30" },
  { "PEP", "1.42" }, { "SPY", "1.74" }, { "V", "0.59" }, { "COST", "1.30" },
  { "JPM", "1.40" }, { "NVDA", "0.01" }, { "AMZN", NULL }, { "GOOGL", "0.21" },
};

/* …and what it buys and sells again */
static const char *const swings[] = { "TSLA", "AMD", "NFLX", "META", "DIS", "UBER", "NKE", "F" };

/* Deposits (1), a withdrawal and a journal (4), at a percentage of the weeks of history */
static const struct { guint day_pct; int kind; gint64 dollars; } moves[] = {
  { 0, 1, 1500 }, { 15, 4, 25 }, { 30, 1, 1000 }, { 45, 1, -400 }, { 60, 1, 750 },
};

#define N_KEEP 6
#define N_SWING 3

typedef struct
{
  PaddockSandbox *self;
  SandboxAccount *account;
  GRand *rand;
  guint64 key;
  GTimeZone *tz;
  gint64 cash;             /* as the generation goes, to stay within the money there is */
  GHashTable *qty;         /* SandboxSymbol* → gint64* nano-shares held */
  GPtrArray *orders;
  GArray *fees;            /* FeeDay: the fees of each day's sales */
  gint64 last_fill;        /* fills are made in time order, so that no sale comes before
                            * the purchase of what it sells */
} History;

typedef struct
{
  gint64 t_us;
  gint64 amount;
} FeeDay;

static guint64
next_key (History *h)
{
  return ++h->key ^ HISTORY_KEY ^ _sandbox_get_seed (h->self);
}

static gint64 *
held (History       *h,
      SandboxSymbol *sym)
{
  gint64 *q = g_hash_table_lookup (h->qty, sym);

  if (q == NULL)
    {
      q = g_new0 (gint64, 1);
      g_hash_table_insert (h->qty, sym, q);
    }
  return q;
}

static void
cash_activity (History    *h,
               const char *type,
               gint64      t_us,
               gint64      amount,
               const char *description)
{
  g_autofree char *uuid = _trading_keyed_uuid (next_key (h));

  _activities_add_cash (h->account, type, t_us, uuid, amount, description);
  h->cash += amount;
}

static void
history_fill (History      *h,
              SandboxOrder *o,
              gint64        t_us,
              gint64        qty,
              gint64        price)
{
  g_autofree char *uuid = _trading_keyed_uuid (next_key (h));
  gint64 cost = _sandbox_mul_qty_price (qty, price);

  t_us = MAX (t_us, h->last_fill + 1000);
  h->last_fill = t_us;
  o->filled_qty += qty;
  o->filled_value += cost;
  o->updated_at = t_us;
  o->status = o->filled_qty >= o->qty ? STATUS_FILLED : STATUS_PARTIALLY_FILLED;
  if (o->status == STATUS_FILLED)
    o->filled_at = t_us;
  _activities_add_fill (h->account, o, t_us, uuid, qty, price);
  h->cash += o->side_buy ? -cost : cost;
  *held (h, o->sym) += o->side_buy ? qty : -qty;

  if (!o->side_buy)
    {
      /* the SEC fee and FINRA's trading activity fee of a sale, charged at the close */
      gint64 fee = _trading_mul_div (cost, 278, 10000000) +
                   _trading_mul_div (qty, 166, SANDBOX_NANO);
      gint64 close = next_close (h->tz, t_us) + 5 * MINUTE;
      FeeDay *last = h->fees->len > 0 ? &g_array_index (h->fees, FeeDay, h->fees->len - 1) : NULL;

      fee = MAX (10000, (fee + 9999) / 10000 * 10000);
      h->cash -= fee;
      if (last != NULL && last->t_us == close)
        last->amount += fee;
      else
        {
          FeeDay day = { close, fee };

          g_array_append_val (h->fees, day);
        }
    }
}

/* The session days (weekdays) of the past HISTORY_DAYS days, oldest first, as their 9:30
 * in New York */
static GArray *
session_days (GTimeZone *tz,
              gint64     now)
{
  GArray *days = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (GDateTime) utc = g_date_time_new_from_unix_utc (now / G_USEC_PER_SEC);
  g_autoptr (GDateTime) local = g_date_time_to_timezone (utc, tz);

  for (int d = HISTORY_DAYS; d >= 1; d--)
    {
      g_autoptr (GDateTime) day = g_date_time_add_days (local, -d);
      g_autoptr (GDateTime) open = g_date_time_new (tz, g_date_time_get_year (day),
                                                    g_date_time_get_month (day),
                                                    g_date_time_get_day_of_month (day),
                                                    9, 30, 0);
      gint64 t;

      if (g_date_time_get_day_of_week (day) > 5)
        continue;
      t = g_date_time_to_unix (open) * G_USEC_PER_SEC;
      g_array_append_val (days, t);
    }
  return days;
}

typedef struct
{
  gint64 t_us;
  int kind;               /* 0 an order, 1 a deposit, 2 a dividend, 3 interest, 4 journal */
  int index;
} Event;

static int
compare_events (gconstpointer a,
                gconstpointer b)
{
  const Event *ea = a, *eb = b;

  if (ea->t_us != eb->t_us)
    return ea->t_us < eb->t_us ? -1 : 1;
  return ea->kind - eb->kind;
}

/* One past order of sym at time t; FALSE when there is nothing sensible to do with sym */
static gboolean
history_order (History       *h,
               SandboxSymbol *sym,
               gboolean       keeper,
               gint64         target,
               gint64         t)
{
  GRand *rand = h->rand;
  gint64 price = past_price (h->self, sym, t);
  gint64 have = *held (h, sym);
  gint64 value = _sandbox_mul_qty_price (have, price);
  int u = g_rand_int_range (rand, 0, 100);
  gboolean buy;
  gint64 qty, budget;
  SandboxOrder *o;

  /* what a careful person does: buy towards the target, trim above it; swing trades are
   * bought and sold whole */
  if (keeper)
    buy = value < target || have == 0 || g_rand_int_range (rand, 0, 3) == 0;
  else
    buy = have == 0;

  if (buy)
    {
      budget = MIN (h->cash - CASH_RESERVE,
                    keeper ? target / 100 * g_rand_int_range (rand, 15, 45)
                           : g_rand_int_range (rand, 300, 900) * SANDBOX_MICRO);
      /* whole shares, so that every amount is in cents; one share of a dear stock */
      qty = budget / price;
      if (qty == 0 && h->cash - CASH_RESERVE >= price && (!keeper || value + price <= target))
        qty = 1;
      qty *= SANDBOX_NANO;
    }
  else
    {
      qty = keeper ? MAX (have / 3 / SANDBOX_NANO, have >= 2 * SANDBOX_NANO ? 1 : 0) * SANDBOX_NANO
                   : have;
    }
  if (qty <= 0)
    return FALSE;

  o = past_order (h->self, h->account, sym, next_key (h), t);
  o->side_buy = buy;
  o->qty = qty;
  g_ptr_array_add (h->orders, o);

  if (u < 58)
    {
      /* filled: a market order, or a marketable limit, some of them in two parts */
      o->tif = g_rand_int_range (rand, 0, 4) == 0 ? TIF_GTC : TIF_DAY;
      if (g_rand_int_range (rand, 0, 5) < 3)
        {
          o->type = ORDER_MARKET;
          history_fill (h, o, t + g_rand_int_range (rand, 40000, 900000), qty, price);
        }
      else
        {
          o->type = ORDER_LIMIT;
          o->has_limit = TRUE;
          o->limit_price = round_cents (buy ? price + price / 500 : price - price / 500);
          if (qty >= 4 * SANDBOX_NANO && g_rand_int_range (rand, 0, 3) == 0)
            {
              gint64 first = qty / SANDBOX_NANO / 2 * SANDBOX_NANO;

              history_fill (h, o, t + g_rand_int_range (rand, 1, 20) * SECOND, first, price);
              history_fill (h, o, t + g_rand_int_range (rand, 21, 59) * SECOND, qty - first,
                            price);
            }
          else
            history_fill (h, o, t + g_rand_int_range (rand, 1, 30) * SECOND, qty, price);
        }
      return TRUE;
    }

  o->type = ORDER_LIMIT;
  o->has_limit = TRUE;
  if (u < 66 && qty >= 2 * SANDBOX_NANO)
    {
      /* partly filled at the market, then canceled */
      o->tif = TIF_DAY;
      o->limit_price = price;
      history_fill (h, o, t + g_rand_int_range (rand, 2, 30) * SECOND,
                    qty / SANDBOX_NANO / 2 * SANDBOX_NANO, price);
      close_order (o, STATUS_CANCELED, t + g_rand_int_range (rand, 5, 120) * MINUTE);
      return TRUE;
    }

  /* away from the market: canceled after a while, or expired at the close */
  {
    gint64 off = price / 100 * g_rand_int_range (rand, 2, 9);

    o->limit_price = round_cents (buy ? price - off : price + off);
    if (u < 84)
      {
        o->tif = g_rand_boolean (rand) ? TIF_GTC : TIF_DAY;
        close_order (o, STATUS_CANCELED, t + g_rand_int_range (rand, 1, 180) * MINUTE);
      }
    else
      {
        o->tif = TIF_DAY;
        close_order (o, STATUS_EXPIRED,
                     next_close (h->tz, t) + g_rand_int_range (rand, 1000, 500000));
      }
  }
  return TRUE;
}

static void
open_order (History       *h,
            SandboxSymbol *sym,
            gboolean       buy,
            gint64         qty,
            gint64         percent_away,
            gint64         t)
{
  SandboxOrder *o = past_order (h->self, h->account, sym, next_key (h), t);
  gint64 off = sym->price / 100 * percent_away;

  o->side_buy = buy;
  o->qty = qty;
  o->type = ORDER_LIMIT;
  o->tif = TIF_GTC;
  o->has_limit = TRUE;
  o->limit_price = round_cents (buy ? sym->price - off : sym->price + off);
  g_ptr_array_add (h->orders, o);
}

void
_history_build_demo (PaddockSandbox *self,
                     SandboxAccount *account)
{
  g_autoptr (GTimeZone) tz = market_zone ();
  g_autoptr (GRand) rand = g_rand_new_with_seed_array ((const guint32[]) {
    (guint32) _sandbox_get_seed (self), (guint32) (_sandbox_get_seed (self) >> 32),
    0xde30u + (guint32) account->env }, 3);
  g_autoptr (GHashTable) qty = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  g_autoptr (GPtrArray) orders = g_ptr_array_new ();
  g_autoptr (GArray) days = NULL;
  g_autoptr (GArray) events = g_array_new (FALSE, FALSE, sizeof (Event));
  SandboxSymbol *keep[N_KEEP], *swing[N_SWING];
  const char *dividend[N_KEEP];
  gint64 target[N_KEEP];
  int order_of[G_N_ELEMENTS (keepers)], swing_of[G_N_ELEMENTS (swings)];
  gint64 now = g_get_real_time ();
  guint n_days, n_orders;
  g_autoptr (GArray) fees = g_array_new (FALSE, FALSE, sizeof (FeeDay));
  History h = { self, account, rand, 0, tz, 0, qty, orders, fees, 0 };

  days = session_days (tz, now);
  n_days = days->len;
  if (n_days < 20)
    return;

  /* which symbols, from the seed */
  for (guint i = 0; i < G_N_ELEMENTS (keepers); i++)
    order_of[i] = (int) i;
  for (guint i = 0; i < G_N_ELEMENTS (swings); i++)
    swing_of[i] = (int) i;
  for (guint i = G_N_ELEMENTS (keepers) - 1; i > 0; i--)
    {
      guint j = (guint) g_rand_int_range (rand, 0, (gint32) i + 1);
      int tmp = order_of[i];

      order_of[i] = order_of[j];
      order_of[j] = tmp;
    }
  for (guint i = G_N_ELEMENTS (swings) - 1; i > 0; i--)
    {
      guint j = (guint) g_rand_int_range (rand, 0, (gint32) i + 1);
      int tmp = swing_of[i];

      swing_of[i] = swing_of[j];
      swing_of[j] = tmp;
    }
  for (guint i = 0; i < N_KEEP; i++)
    {
      keep[i] = _sandbox_lookup_symbol (self, keepers[order_of[i]].symbol);
      dividend[i] = keepers[order_of[i]].dividend;
      target[i] = g_rand_int_range (rand, 500, 1100) * SANDBOX_MICRO;
    }
  for (guint i = 0; i < N_SWING; i++)
    swing[i] = _sandbox_lookup_symbol (self, swings[swing_of[i]]);

  /* start again from nothing: the history brings its own deposits, the first when the
   * account was opened (on the same day as without the history, at a time of the seed) */
  {
    g_autoptr (GDateTime) utc = g_date_time_new_from_unix_utc (account->created_at / SECOND);
    g_autoptr (GDateTime) local = g_date_time_to_timezone (utc, tz);
    g_autoptr (GDateTime) opened = g_date_time_new (tz, g_date_time_get_year (local),
                                                    g_date_time_get_month (local),
                                                    g_date_time_get_day_of_month (local),
                                                    g_rand_int_range (rand, 8, 20),
                                                    g_rand_int_range (rand, 0, 60),
                                                    g_rand_int_range (rand, 0, 60));

    account->created_at = g_date_time_to_unix (opened) * SECOND +
                          g_rand_int_range (rand, 0, 1000000);
  }
  g_ptr_array_set_size (account->activities, 0);
  g_hash_table_remove_all (account->positions);
  account->cash = 0;
  cash_activity (&h, "CSD", account->created_at, HISTORY_DEPOSIT_FIRST, "ACH deposit");

  /* the cash movements of the weeks of history, at 8:00 in New York… */
  {
    for (guint i = 0; i < G_N_ELEMENTS (moves); i++)
      {
        gint64 day = g_array_index (days, gint64, moves[i].day_pct * (n_days - 1) / 100);
        Event e = { day - 90 * MINUTE, moves[i].kind, (int) i };

        g_array_append_val (events, e);
      }
    /* …a dividend for each holding that pays one, interest at the start of a month… */
    for (guint i = 0; i < N_KEEP; i++)
      if (dividend[i] != NULL)
        {
          gint32 d = g_rand_int_range (rand, 10, (gint32) n_days - 2);
          Event e = { g_array_index (days, gint64, d) - 2 * HOUR, 2, (int) i };

          g_array_append_val (events, e);
        }
    for (guint d = 1; d < n_days; d++)
      {
        gint64 before = g_array_index (days, gint64, d - 1) / SECOND;
        g_autoptr (GDateTime) a = g_date_time_new_from_unix_utc (before);
        g_autoptr (GDateTime) b = g_date_time_new_from_unix_utc (g_array_index (days, gint64, d) /
                                                                 SECOND);

        if (g_date_time_get_month (a) != g_date_time_get_month (b))
          {
            Event e = { g_array_index (days, gint64, d) - 3 * HOUR, 3, 0 };

            g_array_append_val (events, e);
          }
      }

    /* …and a few hundred orders in the sessions (none in the last one: that is for the
     * open orders) */
    n_orders = (guint) g_rand_int_range (rand, 260, 340);
    for (guint i = 0; i < n_orders; i++)
      {
        gint64 open = g_array_index (days, gint64, g_rand_int_range (rand, 1, (gint32) n_days - 1));
        Event e = { open + g_rand_int_range (rand, 0, 385) * MINUTE +
                    g_rand_int_range (rand, 0, 60000000), 0, (int) i };

        g_array_append_val (events, e);
      }
  }
  g_array_sort (events, compare_events);

  for (guint i = 0; i < events->len; i++)
    {
      Event *e = &g_array_index (events, Event, i);

      switch (e->kind)
        {
        case 0:
          /* another symbol when there is nothing to do with the first one picked */
          for (guint attempt = 0; attempt < 8; attempt++)
            {
              int pick = g_rand_int_range (rand, 0, 100);
              guint k = (guint) g_rand_int_range (rand, 0, pick < 78 ? N_KEEP : N_SWING);

              if (pick < 78 ? history_order (&h, keep[k], TRUE, target[k], e->t_us)
                            : history_order (&h, swing[k], FALSE, 0, e->t_us))
                break;
            }
          break;
        case 1:
        case 4:
          {
            gint64 amount = moves[e->index].dollars * SANDBOX_MICRO;

            if (e->kind == 4)
              cash_activity (&h, "JNLC", e->t_us, amount, "Cash journal: referral reward");
            else if (amount > 0)
              cash_activity (&h, "CSD", e->t_us, amount, "ACH deposit");
            else if (h.cash + amount > CASH_RESERVE)
              cash_activity (&h, "CSW", e->t_us, amount, "ACH withdrawal");
          }
          break;
        case 2:
          {
            SandboxSymbol *sym = keep[e->index];
            gint64 shares = *held (&h, sym);
            gint64 per_share = 0;
            SandboxActivity *a;
            g_autofree char *uuid = NULL;
            g_autofree char *per_text = NULL;
            g_autofree char *qty_text = NULL;
            g_autofree char *record = NULL;
            g_autofree char *description = NULL;
            gint64 amount;

            _sandbox_parse_decimal (dividend[e->index], 6, &per_share);
            amount = round_cents (_sandbox_mul_qty_price (shares, per_share));
            if (amount <= 0)
              break;
            per_text = _sandbox_format_price (per_share);
            qty_text = _sandbox_format_qty (shares);
            record = _activities_format_date (e->t_us - 7 * DAY);
            description = g_strdup_printf ("Cash DIV @ %s, Pos QTY: %s, Rec Date: %s",
                                           per_text, qty_text, record);
            uuid = _trading_keyed_uuid (next_key (&h));
            a = _activities_add_cash (account, "DIV", e->t_us, uuid, amount, description);
            a->sym = sym;
            a->has_qty = TRUE;
            a->qty = shares;
            a->has_per_share = TRUE;
            a->per_share_amount = per_share;
            h.cash += amount;
          }
          break;
        case 3:
          {
            /* 4 % a year on the cash, for a month */
            gint64 amount = round_cents (_trading_mul_div (MAX (0, h.cash), 4, 1200));

            if (amount > 0)
              cash_activity (&h, "INT", e->t_us, amount, "Interest credit on uninvested cash");
          }
          break;
        default:
          g_assert_not_reached ();
        }
    }

  /* the swing trades are closed by now; every holding is there (early in the last session,
   * where there are no other past orders) */
  {
    gint64 t = g_array_index (days, gint64, n_days - 1) + MINUTE;

    for (guint i = 0; i < N_SWING; i++)
      {
        gint64 have = *held (&h, swing[i]);
        SandboxOrder *o;

        if (have <= 0)
          continue;
        t += g_rand_int_range (rand, 30, 300) * SECOND + g_rand_int_range (rand, 0, 1000000);
        o = past_order (self, account, swing[i], next_key (&h), t);
        o->type = ORDER_MARKET;
        o->tif = TIF_DAY;
        o->side_buy = FALSE;
        o->qty = have;
        g_ptr_array_add (orders, o);
        history_fill (&h, o, t + 200000, have, past_price (self, swing[i], t));
      }
    for (guint i = 0; i < N_KEEP; i++)
      {
        gint64 price = past_price (self, keep[i], t);
        gint64 budget = MIN (h.cash - CASH_RESERVE, target[i]);
        SandboxOrder *o;

        if (*held (&h, keep[i]) > 0 || h.cash - CASH_RESERVE < price)
          continue;
        t += g_rand_int_range (rand, 30, 300) * SECOND + g_rand_int_range (rand, 0, 1000000);
        o = past_order (self, account, keep[i], next_key (&h), t);
        o->type = ORDER_MARKET;
        o->tif = TIF_DAY;
        o->side_buy = TRUE;
        o->qty = MAX (1, budget / price) * SANDBOX_NANO;
        g_ptr_array_add (orders, o);
        history_fill (&h, o, t + 200000, o->qty, price);
      }
  }

  /* open limit orders, placed in the last session: two buys under the market, a sale
   * above it; they hold buying power and shares like any open order */
  {
    gint64 t = g_array_index (days, gint64, n_days - 1) +
               g_rand_int_range (rand, 10, 120) * MINUTE + g_rand_int_range (rand, 0, 60000000);

    for (guint i = 0; i < 2; i++)
      {
        SandboxSymbol *sym = keep[(i * 2 + 1) % N_KEEP];
        gint64 n = MAX (1, MIN (3, (h.cash / 4) / MAX (1, sym->price)));

        if (_sandbox_mul_qty_price (n * SANDBOX_NANO, sym->price) > h.cash / 2)
          continue;
        open_order (&h, sym, TRUE, n * SANDBOX_NANO, g_rand_int_range (rand, 4, 8), t);
        t += g_rand_int_range (rand, 5, 90) * MINUTE + g_rand_int_range (rand, 0, 60000000);
      }
    for (guint i = 0; i < N_KEEP; i++)
      {
        gint64 have = *held (&h, keep[i]);

        if (have < 2 * SANDBOX_NANO)
          continue;
        open_order (&h, keep[i], FALSE, have / SANDBOX_NANO / 2 * SANDBOX_NANO,
                    g_rand_int_range (rand, 6, 11), t);
        break;
      }
  }

  /* a day's fees in one activity after the close */
  for (guint i = 0; i < fees->len; i++)
    {
      FeeDay *day = &g_array_index (fees, FeeDay, i);
      g_autofree char *uuid = _trading_keyed_uuid (next_key (&h));

      _activities_add_cash (account, "FEE", day->t_us, uuid, -day->amount,
                            "REG/TAF fees on the day's sales");
    }

  add_orders (account, orders);

  /* the account is what its activities add up to */
  account->cash = 0;
  for (guint i = 0; i < account->activities->len; i++)
    {
      SandboxActivity *a = g_ptr_array_index (account->activities, i);

      if (g_str_equal (a->activity_type, "FILL"))
        _trading_apply_fill (account, a->sym, a->side_buy, a->qty, a->price);
      else
        account->cash += a->net_amount;
    }
  account->ledger_history = TRUE;
}
