/* paddock-sandbox-market.c: the simulated market, a seeded random walk of real symbols
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "paddock-sandbox-market"

#include "config.h"

#include <math.h>

#include "paddock-sandbox-private.h"

typedef struct
{
  const char *symbol;
  const char *name;
  const char *exchange;
  const char *price;
  gboolean fractionable;
  gboolean shortable;
} SymbolSeed;

/* Real US listings; the prices are only starting points of the walk. */
static const SymbolSeed seeds[] = {
  { "AAPL", "Apple Inc. Common Stock", "NASDAQ", "189.25", TRUE, TRUE },
  { "MSFT", "Microsoft Corporation Common Stock", "NASDAQ", "378.80", TRUE, TRUE },
  { "GOOGL", "Alphabet Inc. Class A Common Stock", "NASDAQ", "139.60", TRUE, TRUE },
  { "GOOG", "Alphabet Inc. Class C Capital Stock", "NASDAQ", "140.90", TRUE, TRUE },
  { "AMZN", "Amazon.com, Inc. Common Stock", "NASDAQ", "151.90", TRUE, TRUE },
  { "META", "Meta Platforms, Inc. Class A Common Stock", "NASDAQ", "353.95", TRUE, TRUE },
  { "NVDA", "NVIDIA Corporation Common Stock", "NASDAQ", "495.20", TRUE, TRUE },
  { "TSLA", "Tesla, Inc. Common Stock", "NASDAQ", "240.45", TRUE, TRUE },
  { "NFLX", "Netflix, Inc. Common Stock", "NASDAQ", "485.10", TRUE, TRUE },
  { "ADBE", "Adobe Inc. Common Stock", "NASDAQ", "590.30", TRUE, TRUE },
  { "INTC", "Intel Corporation Common Stock", "NASDAQ", "47.85", TRUE, TRUE },
  { "AMD", "Advanced Micro Devices, Inc. Common Stock", "NASDAQ", "138.60", TRUE, TRUE },
  { "CSCO", "Cisco Systems, Inc. Common Stock", "NASDAQ", "50.45", TRUE, TRUE },
  { "PEP", "PepsiCo, Inc. Common Stock", "NASDAQ", "169.35", TRUE, TRUE },
  { "COST", "Costco Wholesale Corporation Common Stock", "NASDAQ", "659.80", TRUE, TRUE },
  { "AVGO", "Broadcom Inc. Common Stock", "NASDAQ", "1090.15", TRUE, TRUE },
  { "QCOM", "QUALCOMM Incorporated Common Stock", "NASDAQ", "142.05", TRUE, TRUE },
  { "TXN", "Texas Instruments Incorporated Common Stock", "NASDAQ", "168.90", TRUE, TRUE },
  { "SBUX", "Starbucks Corporation Common Stock", "NASDAQ", "95.20", TRUE, TRUE },
  { "PYPL", "PayPal Holdings, Inc. Common Stock", "NASDAQ", "60.75", TRUE, TRUE },
  { "BKNG", "Booking Holdings Inc. Common Stock", "NASDAQ", "3480.25", TRUE, TRUE },
  { "ABNB", "Airbnb, Inc. Class A Common Stock", "NASDAQ", "138.40", TRUE, TRUE },
  { "ZM", "Zoom Video Communications, Inc. Class A Common Stock", "NASDAQ", "70.15", TRUE, TRUE },
  { "JPM", "JPMorgan Chase & Co. Common Stock", "NYSE", "170.30", TRUE, TRUE },
  { "BAC", "Bank of America Corporation Common Stock", "NYSE", "33.25", TRUE, TRUE },
  { "WFC", "Wells Fargo & Company Common Stock", "NYSE", "49.10", TRUE, TRUE },
  { "GS", "The Goldman Sachs Group, Inc. Common Stock", "NYSE", "385.60", TRUE, TRUE },
  { "V", "Visa Inc. Class A Common Stock", "NYSE", "260.80", TRUE, TRUE },
  { "MA", "Mastercard Incorporated Class A Common Stock", "NYSE", "425.15", TRUE, TRUE },
  { "JNJ", "Johnson & Johnson Common Stock", "NYSE", "157.40", TRUE, TRUE },
  { "PFE", "Pfizer Inc. Common Stock", "NYSE", "28.90", TRUE, TRUE },
  { "MRK", "Merck & Co., Inc. Common Stock", "NYSE", "108.75", TRUE, TRUE },
  { "UNH", "UnitedHealth Group Incorporated Common Stock", "NYSE", "527.30", TRUE, TRUE },
  { "PG", "Procter & Gamble Company Common Stock", "NYSE", "148.20", TRUE, TRUE },
  { "KO", "Coca-Cola Company Common Stock", "NYSE", "59.35", TRUE, TRUE },
  { "WMT", "Walmart Inc. Common Stock", "NYSE", "156.50", TRUE, TRUE },
  { "HD", "Home Depot, Inc. Common Stock", "NYSE", "345.10", TRUE, TRUE },
  { "DIS", "Walt Disney Company Common Stock", "NYSE", "91.60", TRUE, TRUE },
  { "NKE", "Nike, Inc. Common Stock", "NYSE", "106.20", TRUE, TRUE },
  { "MCD", "McDonald's Corporation Common Stock", "NYSE", "292.40", TRUE, TRUE },
  { "XOM", "Exxon Mobil Corporation Common Stock", "NYSE", "100.15", TRUE, TRUE },
  { "CVX", "Chevron Corporation Common Stock", "NYSE", "148.60", TRUE, TRUE },
  { "BA", "Boeing Company Common Stock", "NYSE", "250.30", TRUE, TRUE },
  { "CAT", "Caterpillar Inc. Common Stock", "NYSE", "289.70", TRUE, TRUE },
  { "IBM", "International Business Machines Corporation Common Stock", "NYSE", "161.45", TRUE, TRUE },
  { "ORCL", "Oracle Corporation Common Stock", "NYSE", "106.30", TRUE, TRUE },
  { "CRM", "Salesforce, Inc. Common Stock", "NYSE", "258.90", TRUE, TRUE },
  { "T", "AT&T Inc. Common Stock", "NYSE", "16.85", TRUE, TRUE },
  { "VZ", "Verizon Communications Inc. Common Stock", "NYSE", "38.40", TRUE, TRUE },
  { "F", "Ford Motor Company Common Stock", "NYSE", "12.05", TRUE, TRUE },
  { "GM", "General Motors Company Common Stock", "NYSE", "36.20", TRUE, TRUE },
  { "UBER", "Uber Technologies, Inc. Common Stock", "NYSE", "61.70", TRUE, TRUE },
  { "SPY", "SPDR S&P 500 ETF Trust", "ARCA", "474.60", TRUE, TRUE },
  { "QQQ", "Invesco QQQ Trust, Series 1", "NASDAQ", "409.50", TRUE, TRUE },
  { "IWM", "iShares Russell 2000 ETF", "ARCA", "199.30", TRUE, TRUE },
  { "DIA", "SPDR Dow Jones Industrial Average ETF Trust", "ARCA", "376.20", TRUE, TRUE },
  { "GLD", "SPDR Gold Shares", "ARCA", "190.10", TRUE, TRUE },
  { "BRK.B", "Berkshire Hathaway Inc. Class B Common Stock", "NYSE", "361.90", TRUE, TRUE },
  { "GME", "GameStop Corp. Class A Common Stock", "NYSE", "17.20", FALSE, FALSE },
  { "BB", "BlackBerry Limited Common Stock", "NYSE", "3.55", FALSE, TRUE },
};

static gint64
round_to_cent (double dollars)
{
  return (gint64) llround (dollars * 100.0) * 10000;
}

static double
unit_noise (guint64 key)
{
  return (double) (_sandbox_mix64 (key) >> 11) / (double) (G_GUINT64_CONSTANT (1) << 53) * 2.0 -
         1.0;
}

static guint64
symbol_key (PaddockSandbox *self,
            SandboxSymbol  *sym)
{
  return _sandbox_mix64 (g_str_hash (sym->symbol) ^ _sandbox_get_seed (self));
}

void
_sandbox_market_init (PaddockSandbox *self)
{
  GRand *rand = _sandbox_get_rand (self);
  gint64 now = g_get_real_time ();

  for (guint i = 0; i < G_N_ELEMENTS (seeds); i++)
    {
      SandboxSymbol *sym = g_new0 (SandboxSymbol, 1);
      gint64 price = 0;

      sym->symbol = seeds[i].symbol;
      sym->name = seeds[i].name;
      sym->exchange = seeds[i].exchange;
      sym->fractionable = seeds[i].fractionable;
      sym->shortable = seeds[i].shortable;
      sym->easy_to_borrow = seeds[i].shortable;
      sym->marginable = TRUE;
      sym->asset_id = _sandbox_new_uuid ();

      _sandbox_parse_decimal (seeds[i].price, 6, &price);
      /* each seed starts the day somewhere else: −2 % … +2 % from yesterday's close */
      sym->prev_close = price;
      sym->price = round_to_cent (_sandbox_to_double (price, 6) *
                                  (1.0 + g_rand_double_range (rand, -0.02, 0.02)));
      sym->day_open = round_to_cent ((_sandbox_to_double (price, 6) +
                                      _sandbox_to_double (sym->price, 6)) / 2.0);
      sym->day_high = MAX (sym->day_open, sym->price);
      sym->day_low = MIN (sym->day_open, sym->price);
      sym->day_volume = g_rand_int_range (rand, 100000, 5000000);
      sym->last_trade_id = g_rand_int_range (rand, 1000, 100000);
      sym->last_trade_time_us = now;

      _sandbox_add_symbol (self, sym);
    }
}

void
_sandbox_market_set_price (PaddockSandbox *self,
                           SandboxSymbol  *sym,
                           gint64          price)
{
  sym->price = price;
  sym->day_high = MAX (sym->day_high, price);
  sym->day_low = MIN (sym->day_low, price);
  sym->day_volume += 100;
  sym->last_trade_id++;
  sym->last_trade_time_us = g_get_real_time ();
}

void
_sandbox_market_step (PaddockSandbox *self)
{
  GPtrArray *symbols = _sandbox_get_symbols (self);
  GRand *rand = _sandbox_get_rand (self);

  for (guint i = 0; i < symbols->len; i++)
    {
      SandboxSymbol *sym = g_ptr_array_index (symbols, i);
      /* about 0.1 % per step, symmetric: a sum of uniforms is close enough to normal */
      double z = g_rand_double (rand) + g_rand_double (rand) + g_rand_double (rand) - 1.5;
      double next = _sandbox_to_double (sym->price, 6) * exp (0.002 * z);
      gint64 price = round_to_cent (MAX (0.01, next));

      _sandbox_market_set_price (self, sym, price);
      sym->day_volume += g_rand_int_range (rand, 0, 2000);
    }
}

void
_sandbox_market_bar (PaddockSandbox *self,
                     SandboxSymbol  *sym,
                     gint64          epoch_minute,
                     double         *open,
                     double         *high,
                     double         *low,
                     double         *close,
                     gint64         *volume)
{
  guint64 key = symbol_key (self, sym);
  double base = _sandbox_to_double (sym->prev_close, 6);
  double phase = (double) (key % 1000) / 1000.0 * 2.0 * G_PI;
  double day = 390.0;
  double o, c, wiggle;

  /* a slow swell plus deterministic noise, continuous from one bar to the next */
  o = base * (1.0 + 0.03 * sin ((double) (epoch_minute - 1) / (day * 5) * 2 * G_PI + phase)
              + 0.004 * unit_noise (key ^ (guint64) (epoch_minute - 1)));
  c = base * (1.0 + 0.03 * sin ((double) epoch_minute / (day * 5) * 2 * G_PI + phase)
              + 0.004 * unit_noise (key ^ (guint64) epoch_minute));
  wiggle = base * 0.001 * (1.0 + unit_noise (key ^ (guint64) epoch_minute ^ 0x5555));

  *open = round (o * 100.0) / 100.0;
  *close = round (c * 100.0) / 100.0;
  *high = round ((MAX (o, c) + wiggle) * 100.0) / 100.0;
  *low = round ((MIN (o, c) - wiggle) * 100.0) / 100.0;
  *volume = 1000 + (gint64) (_sandbox_mix64 (key + (guint64) epoch_minute) % 50000);
}
