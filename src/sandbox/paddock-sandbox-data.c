/* paddock-sandbox-data.c: market data v2 and the legacy Polygon last trade
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Latest trades and quotes follow the live simulated price (the SandboxSymbol); bars are
 * aggregated from the market module's deterministic minute bars, so the same seed gives
 * the same history. The sandbox market never closes: every minute has a bar, and a bar
 * exists once its first minute is complete.
 */
#define G_LOG_DOMAIN "paddock-sandbox-data"

#include "config.h"

#include <math.h>
#include <string.h>

#include "paddock-sandbox-private.h"

#define MINUTE_US (G_GINT64_CONSTANT (60) * G_USEC_PER_SEC)
#define DAY_MINUTES G_GINT64_CONSTANT (1440)
#define WEEK_MINUTES (7 * DAY_MINUTES)
/* 1970-01-01 was a Thursday: weeks start on the Monday after it */
#define WEEK_OFFSET_MINUTES (4 * DAY_MINUTES)
/* GDate's Julian day number of 1970-01-01 (day 1 is 0001-01-01) */
#define EPOCH_JULIAN 719163
/* Like Alpaca's, the sandbox's history starts on 2016-01-01; this also bounds the work a
 * single request can ask for. */
#define HISTORY_START_MINUTE (G_GINT64_CONSTANT (1451606400) / 60)
#define LIMIT_DEFAULT 1000
#define LIMIT_MAX 10000
/* average size of a simulated trade, to derive trade counts from volumes */
#define SHARES_PER_TRADE 57
#define DAY_CACHE_MAX 100000

typedef enum {
  UNIT_MIN,
  UNIT_HOUR,
  UNIT_DAY,
  UNIT_WEEK,
  UNIT_MONTH,
} TimeUnit;

typedef struct
{
  TimeUnit unit;
  int n;
} Timeframe;

/* A bar being aggregated; empty while n_minutes is 0. */
typedef struct
{
  gint64 t;            /* epoch minute of the bar's start */
  gint64 n_minutes;
  double o, h, l, c;
  gint64 v;
  gint64 n;
  double pv;           /* Σ typical price × volume, for the VWAP */
} Bar;

typedef struct
{
  gint64 id;
  gint64 created_us;
  gint64 updated_us;
  char *headline;
  char *author;        /* may be empty */
  char *summary;       /* may be empty */
  char *content;       /* HTML */
  char *url;           /* NULL: sent as null */
  gboolean images;
  GPtrArray *symbols;  /* const char*, the SandboxSymbol's */
} NewsArticle;

typedef struct
{
  GHashTable *days;    /* "SYM@epoch-day" → Bar*, whole past days only */
  GPtrArray *news;     /* NewsArticle*, newest first; made on the first request */
} DataState;

static void
news_article_free (NewsArticle *a)
{
  g_free (a->headline);
  g_free (a->author);
  g_free (a->summary);
  g_free (a->content);
  g_free (a->url);
  g_clear_pointer (&a->symbols, g_ptr_array_unref);
  g_free (a);
}

static void
data_state_free (DataState *state)
{
  g_clear_pointer (&state->days, g_hash_table_unref);
  g_clear_pointer (&state->news, g_ptr_array_unref);
  g_free (state);
}

/* ---- time arithmetic ---------------------------------------------------------------- */

static gint64
floor_div (gint64 a,
           gint64 b)
{
  gint64 q = a / b;

  return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

static gint64
month_index (gint64 minute)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_julian (&date, (guint32) (EPOCH_JULIAN + floor_div (minute, DAY_MINUTES)));
  return (gint64) g_date_get_year (&date) * 12 + (g_date_get_month (&date) - 1);
}

static gint64
month_start (gint64 index)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 1, (GDateMonth) (index % 12 + 1), (GDateYear) (index / 12));
  return ((gint64) g_date_get_julian (&date) - EPOCH_JULIAN) * DAY_MINUTES;
}

static gint64
timeframe_span (const Timeframe *tf)
{
  switch (tf->unit)
    {
    case UNIT_MIN:
      return tf->n;
    case UNIT_HOUR:
      return tf->n * 60;
    case UNIT_DAY:
      return tf->n * DAY_MINUTES;
    case UNIT_WEEK:
      return tf->n * WEEK_MINUTES;
    case UNIT_MONTH:
    default:
      g_return_val_if_reached (DAY_MINUTES);
    }
}

/* The start of the bar that holds `minute`. Minute and hour bars restart at every UTC
 * midnight (the last one of a day may be shorter), weeks start on Monday, months on the 1st. */
static gint64
bucket_floor (const Timeframe *tf,
              gint64           minute)
{
  gint64 day;

  switch (tf->unit)
    {
    case UNIT_MONTH:
      return month_start (floor_div (month_index (minute), tf->n) * tf->n);
    case UNIT_WEEK:
      return floor_div (minute - WEEK_OFFSET_MINUTES, WEEK_MINUTES) * WEEK_MINUTES
             + WEEK_OFFSET_MINUTES;
    case UNIT_MIN:
    case UNIT_HOUR:
    case UNIT_DAY:
    default:
      day = floor_div (minute, DAY_MINUTES) * DAY_MINUTES;
      return day + (minute - day) / timeframe_span (tf) * timeframe_span (tf);
    }
}

static gint64
bucket_next (const Timeframe *tf,
             gint64           start)
{
  gint64 day;

  switch (tf->unit)
    {
    case UNIT_MONTH:
      return month_start (month_index (start) + tf->n);
    case UNIT_WEEK:
      return start + WEEK_MINUTES;
    case UNIT_MIN:
    case UNIT_HOUR:
    case UNIT_DAY:
    default:
      day = floor_div (start, DAY_MINUTES) * DAY_MINUTES;
      return MIN (start + timeframe_span (tf), day + DAY_MINUTES);
    }
}

static gint64
bucket_prev (const Timeframe *tf,
             gint64           start)
{
  return bucket_floor (tf, start - 1);
}

static char *
format_minute (gint64 minute)
{
  g_autoptr (GDateTime) dt = g_date_time_new_from_unix_utc (minute * 60);

  return g_date_time_format (dt, "%Y-%m-%dT%H:%M:%SZ");
}

/* ---- bars --------------------------------------------------------------------------- */

static void
bar_add (Bar       *acc,
         const Bar *part)
{
  if (part->n_minutes == 0)
    return;
  if (acc->n_minutes == 0)
    {
      gint64 t = acc->t;

      *acc = *part;
      acc->t = t;
      return;
    }
  acc->h = MAX (acc->h, part->h);
  acc->l = MIN (acc->l, part->l);
  acc->c = part->c;
  acc->v += part->v;
  acc->n += part->n;
  acc->pv += part->pv;
  acc->n_minutes += part->n_minutes;
}

static void
minute_bar (PaddockSandbox *self,
            SandboxSymbol  *sym,
            gint64          minute,
            Bar            *bar)
{
  memset (bar, 0, sizeof *bar);
  bar->t = minute;
  bar->n_minutes = 1;
  _sandbox_market_bar (self, sym, minute, &bar->o, &bar->h, &bar->l, &bar->c, &bar->v);
  bar->n = MAX (1, bar->v / SHARES_PER_TRADE);
  bar->pv = (bar->h + bar->l + bar->c) / 3.0 * (double) bar->v;
}

/* A whole UTC day (of the past), cached: weeks and months are made of them. */
static const Bar *
day_bar (PaddockSandbox *self,
         SandboxSymbol  *sym,
         gint64          day_start)
{
  DataState *state = _sandbox_get_module (self, SANDBOX_MODULE_DATA);
  char key[64];
  Bar *bar;

  g_snprintf (key, sizeof key, "%s@%" G_GINT64_FORMAT, sym->symbol, day_start);
  bar = g_hash_table_lookup (state->days, key);
  if (bar != NULL)
    return bar;

  if (g_hash_table_size (state->days) >= DAY_CACHE_MAX)
    g_hash_table_remove_all (state->days);

  bar = g_new0 (Bar, 1);
  bar->t = day_start;
  for (gint64 m = day_start; m < day_start + DAY_MINUTES; m++)
    {
      Bar one;

      minute_bar (self, sym, m, &one);
      bar_add (bar, &one);
    }
  g_hash_table_insert (state->days, g_strdup (key), bar);

  return bar;
}

/* Aggregates the minutes [start, next) that are complete (≤ last_minute). */
static void
aggregate (PaddockSandbox *self,
           SandboxSymbol  *sym,
           gint64          start,
           gint64          next,
           gint64          last_minute,
           Bar            *bar)
{
  gint64 end = MIN (next, last_minute + 1);
  gint64 m = start;

  memset (bar, 0, sizeof *bar);
  bar->t = start;
  while (m < end)
    {
      if (m % DAY_MINUTES == 0 && m + DAY_MINUTES <= end)
        {
          bar_add (bar, day_bar (self, sym, m));
          m += DAY_MINUTES;
        }
      else
        {
          Bar one;

          minute_bar (self, sym, m, &one);
          bar_add (bar, &one);
          m++;
        }
    }
}

static void
add_bar (JsonBuilder *b,
         const Bar   *bar)
{
  g_autofree char *t = format_minute (bar->t);
  double vw = bar->v > 0 ? round (bar->pv / (double) bar->v * 10000.0) / 10000.0 : bar->c;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "t");
  json_builder_add_string_value (b, t);
  json_builder_set_member_name (b, "o");
  json_builder_add_double_value (b, bar->o);
  json_builder_set_member_name (b, "h");
  json_builder_add_double_value (b, bar->h);
  json_builder_set_member_name (b, "l");
  json_builder_add_double_value (b, bar->l);
  json_builder_set_member_name (b, "c");
  json_builder_add_double_value (b, bar->c);
  json_builder_set_member_name (b, "v");
  json_builder_add_int_value (b, bar->v);
  json_builder_set_member_name (b, "n");
  json_builder_add_int_value (b, bar->n);
  json_builder_set_member_name (b, "vw");
  json_builder_add_double_value (b, vw);
  json_builder_end_object (b);
}

static gint64
last_complete_minute (void)
{
  return floor_div (g_get_real_time (), MINUTE_US) - 1;
}

/* ---- trades and quotes -------------------------------------------------------------- */

/* Exchange codes as the data API spells them: the IEX feed sees IEX ("V") only. */
static const char *
exchange_code (SandboxSymbol *sym,
               const char    *feed)
{
  if (feed == NULL || g_str_equal (feed, "iex"))
    return "V";
  if (g_strcmp0 (sym->exchange, "NASDAQ") == 0)
    return "Q";
  if (g_strcmp0 (sym->exchange, "NYSE") == 0)
    return "N";
  if (g_strcmp0 (sym->exchange, "ARCA") == 0)
    return "P";
  return "V";
}

/* The consolidated tape: A = NYSE listed, B = regional (Arca, American), C = Nasdaq */
static const char *
tape (SandboxSymbol *sym)
{
  if (g_strcmp0 (sym->exchange, "NYSE") == 0)
    return "A";
  if (g_strcmp0 (sym->exchange, "NASDAQ") == 0)
    return "C";
  return "B";
}

/* Polygon's integer exchange ids: 10 NYSE, 11 NYSE Arca, 12 Nasdaq */
static gint64
polygon_exchange (SandboxSymbol *sym)
{
  if (g_strcmp0 (sym->exchange, "NYSE") == 0)
    return 10;
  if (g_strcmp0 (sym->exchange, "ARCA") == 0)
    return 11;
  return 12;
}

static gint64
trade_size (SandboxSymbol *sym)
{
  return 1 + (gint64) (((guint64) sym->last_trade_id * G_GUINT64_CONSTANT (2654435761)) % 400);
}

/* a spread of 2 to 6 cents around the last trade, so that bid < last < ask */
static gint64
half_spread (SandboxSymbol *sym)
{
  return (1 + sym->last_trade_id % 3) * 10000;
}

static gint64
ask_price (SandboxSymbol *sym)
{
  return sym->price + half_spread (sym);
}

static gint64
bid_price (SandboxSymbol *sym)
{
  return MAX (0, sym->price - half_spread (sym));
}

static gint64
ask_size (SandboxSymbol *sym)
{
  return 1 + sym->last_trade_id % 7;
}

static gint64
bid_size (SandboxSymbol *sym)
{
  return 1 + (sym->last_trade_id / 7) % 7;
}

static void
add_conditions (JsonBuilder *b,
                const char  *condition)
{
  json_builder_begin_array (b);
  json_builder_add_string_value (b, condition);
  json_builder_end_array (b);
}

static void
add_trade (JsonBuilder   *b,
           SandboxSymbol *sym,
           const char    *feed)
{
  g_autofree char *t = _sandbox_format_time (sym->last_trade_time_us);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "t");
  json_builder_add_string_value (b, t);
  json_builder_set_member_name (b, "x");
  json_builder_add_string_value (b, exchange_code (sym, feed));
  json_builder_set_member_name (b, "p");
  json_builder_add_double_value (b, _sandbox_to_double (sym->price, 6));
  json_builder_set_member_name (b, "s");
  json_builder_add_int_value (b, trade_size (sym));
  json_builder_set_member_name (b, "c");
  add_conditions (b, "@");
  json_builder_set_member_name (b, "i");
  json_builder_add_int_value (b, sym->last_trade_id);
  json_builder_set_member_name (b, "z");
  json_builder_add_string_value (b, tape (sym));
  json_builder_end_object (b);
}

static void
add_quote (JsonBuilder   *b,
           SandboxSymbol *sym,
           const char    *feed)
{
  g_autofree char *t = _sandbox_format_time (sym->last_trade_time_us);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "t");
  json_builder_add_string_value (b, t);
  json_builder_set_member_name (b, "ax");
  json_builder_add_string_value (b, exchange_code (sym, feed));
  json_builder_set_member_name (b, "ap");
  json_builder_add_double_value (b, _sandbox_to_double (ask_price (sym), 6));
  json_builder_set_member_name (b, "as");
  json_builder_add_int_value (b, ask_size (sym));
  json_builder_set_member_name (b, "bx");
  json_builder_add_string_value (b, exchange_code (sym, feed));
  json_builder_set_member_name (b, "bp");
  json_builder_add_double_value (b, _sandbox_to_double (bid_price (sym), 6));
  json_builder_set_member_name (b, "bs");
  json_builder_add_int_value (b, bid_size (sym));
  json_builder_set_member_name (b, "c");
  add_conditions (b, "R");
  json_builder_set_member_name (b, "z");
  json_builder_add_string_value (b, tape (sym));
  json_builder_end_object (b);
}

static void
latest_minute_bar (PaddockSandbox *self,
                   SandboxSymbol  *sym,
                   Bar            *bar)
{
  minute_bar (self, sym, last_complete_minute (), bar);
}

/* Today's session as the live market sees it, so that its close is the latest trade. */
static void
live_daily_bar (SandboxSymbol *sym,
                Bar           *bar)
{
  memset (bar, 0, sizeof *bar);
  bar->t = floor_div (g_get_real_time (), MINUTE_US * DAY_MINUTES) * DAY_MINUTES;
  bar->n_minutes = 1;
  bar->o = _sandbox_to_double (sym->day_open, 6);
  bar->h = _sandbox_to_double (MAX (sym->day_high, sym->price), 6);
  bar->l = _sandbox_to_double (MIN (sym->day_low, sym->price), 6);
  bar->c = _sandbox_to_double (sym->price, 6);
  bar->v = sym->day_volume;
  bar->n = MAX (1, sym->day_volume / SHARES_PER_TRADE);
  bar->pv = (bar->h + bar->l + bar->c) / 3.0 * (double) bar->v;
}

/* Yesterday's daily bar; its close is the symbol's previous close (the Trading API's
 * lastday_price), so that "change today" agrees between the two APIs. */
static void
prev_daily_bar (PaddockSandbox *self,
                SandboxSymbol  *sym,
                Bar            *bar)
{
  gint64 today = floor_div (g_get_real_time (), MINUTE_US * DAY_MINUTES) * DAY_MINUTES;

  *bar = *day_bar (self, sym, today - DAY_MINUTES);
  bar->c = _sandbox_to_double (sym->prev_close, 6);
  bar->h = MAX (bar->h, bar->c);
  bar->l = MIN (bar->l, bar->c);
}

static void
add_snapshot (JsonBuilder    *b,
              PaddockSandbox *self,
              SandboxSymbol  *sym,
              const char     *feed)
{
  Bar bar;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "latestTrade");
  add_trade (b, sym, feed);
  json_builder_set_member_name (b, "latestQuote");
  add_quote (b, sym, feed);
  json_builder_set_member_name (b, "minuteBar");
  latest_minute_bar (self, sym, &bar);
  add_bar (b, &bar);
  json_builder_set_member_name (b, "dailyBar");
  live_daily_bar (sym, &bar);
  add_bar (b, &bar);
  json_builder_set_member_name (b, "prevDailyBar");
  prev_daily_bar (self, sym, &bar);
  add_bar (b, &bar);
  json_builder_end_object (b);
}

/* ---- request parameters ------------------------------------------------------------- */

/* The data API takes plain symbols (no asset ids, no SYM:EXCH), case-sensitive. */
static SandboxSymbol *
lookup_data_symbol (PaddockSandbox *self,
                    const char     *name)
{
  SandboxSymbol *sym = _sandbox_lookup_symbol (self, name);

  if (sym == NULL || g_strcmp0 (sym->symbol, name) != 0)
    return NULL;
  return sym;
}

static gint
compare_symbols (gconstpointer a,
                 gconstpointer b)
{
  const SandboxSymbol *sa = *(SandboxSymbol * const *) a;
  const SandboxSymbol *sb = *(SandboxSymbol * const *) b;

  return strcmp (sa->symbol, sb->symbol);
}

/* The known symbols of ?symbols=, without duplicates, sorted; NULL (and a 400 sent) when
 * the parameter is missing or empty. Unknown symbols are left out. */
static GPtrArray *
query_symbols (SandboxRequest *req)
{
  const char *value = _sandbox_query (req, "symbols");
  g_auto (GStrv) names = NULL;
  g_autoptr (GPtrArray) symbols = NULL;
  gboolean any = FALSE;

  if (value != NULL)
    names = g_strsplit (value, ",", -1);

  symbols = g_ptr_array_new ();
  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    {
      const char *name = g_strstrip (names[i]);
      SandboxSymbol *sym;

      if (*name == '\0')
        continue;
      any = TRUE;
      sym = lookup_data_symbol (req->sandbox, name);
      if (sym != NULL && !g_ptr_array_find (symbols, sym, NULL))
        g_ptr_array_add (symbols, sym);
    }

  if (!any)
    {
      _sandbox_reply_message (req, 400, "missing symbols");
      return NULL;
    }

  g_ptr_array_sort (symbols, compare_symbols);
  return g_steal_pointer (&symbols);
}

static SandboxSymbol *
path_symbol (SandboxRequest *req)
{
  SandboxSymbol *sym = lookup_data_symbol (req->sandbox, req->segments[0]);

  if (sym == NULL)
    {
      g_autofree char *message = g_strdup_printf ("symbol not found: %s", req->segments[0]);

      _sandbox_reply_message (req, 404, message);
    }
  return sym;
}

/* Free plans get recent data from IEX only: a SIP request whose range reaches into the
 * last SIP_DELAY_MINUTES is refused with a 403, unless the plan includes SIP (see
 * paddock_sandbox_set_sip_plan()). FALSE when the 403 was sent. */
#define SIP_DELAY_MINUTES 15
#define SIP_REFUSAL "subscription does not permit querying recent SIP data"

static gboolean
check_sip (SandboxRequest *req,
           gint64          end_us)
{
  if (g_strcmp0 (_sandbox_query (req, "feed"), "sip") != 0 || _sandbox_get_sip_plan (req->sandbox))
    return TRUE;
  if (end_us <= g_get_real_time () - SIP_DELAY_MINUTES * MINUTE_US)
    return TRUE;
  _sandbox_reply_message (req, 403, SIP_REFUSAL);
  return FALSE;
}

/* Checks `feed` (and `adjustment`, when allowed); FALSE when a 400 was sent. The latest
 * data and snapshots (adjustment not allowed) are recent data: SIP is refused for them
 * unless the plan includes it. */
static gboolean
check_feed (SandboxRequest *req,
            gboolean        adjustment_allowed)
{
  static const char *feeds[] = { "iex", "sip", "otc", "delayed_sip", "boats", "overnight" };
  static const char *adjustments[] = { "raw", "split", "dividend", "spin-off", "all" };
  const char *feed = _sandbox_query (req, "feed");
  const char *adjustment = _sandbox_query (req, "adjustment");

  if (feed != NULL && !g_strv_contains (feeds, feed))
    {
      g_autofree char *message = g_strdup_printf ("invalid feed: %s", feed);

      _sandbox_reply_message (req, 400, message);
      return FALSE;
    }

  if (adjustment_allowed && adjustment != NULL)
    {
      g_auto (GStrv) parts = g_strsplit (adjustment, ",", -1);
      gboolean valid = parts[0] != NULL;

      for (guint i = 0; valid && parts[i] != NULL; i++)
        valid = g_strv_contains (adjustments, g_strstrip (parts[i]));
      if (!valid)
        {
          g_autofree char *message = g_strdup_printf ("invalid adjustment: %s", adjustment);

          _sandbox_reply_message (req, 400, message);
          return FALSE;
        }
    }

  if (!adjustment_allowed && !check_sip (req, g_get_real_time ()))
    return FALSE;

  return TRUE;
}

static gboolean
parse_timeframe (const char *text,
                 Timeframe  *tf)
{
  static const struct { const char *suffix; TimeUnit unit; int max; } units[] = {
    { "Min", UNIT_MIN, 59 }, { "T", UNIT_MIN, 59 },
    { "Hour", UNIT_HOUR, 23 }, { "H", UNIT_HOUR, 23 },
    { "Day", UNIT_DAY, 1 }, { "D", UNIT_DAY, 1 },
    { "Week", UNIT_WEEK, 1 }, { "W", UNIT_WEEK, 1 },
    { "Month", UNIT_MONTH, 12 }, { "M", UNIT_MONTH, 12 },
  };
  const char *p = text;
  int n = 0;

  if (text == NULL || !g_ascii_isdigit (*p) || *p == '0')
    return FALSE;
  while (g_ascii_isdigit (*p) && p - text < 2)
    n = n * 10 + (*p++ - '0');

  for (guint i = 0; i < G_N_ELEMENTS (units); i++)
    if (g_str_equal (p, units[i].suffix))
      {
        if (n > units[i].max)
          return FALSE;
        tf->unit = units[i].unit;
        tf->n = n;
        return TRUE;
      }

  return FALSE;
}

/* The page token is opaque to clients: hex of "SYMBOL:epoch-minute" of the next bar. */
static char *
encode_page_token (SandboxSymbol *sym,
                   gint64         minute)
{
  g_autofree char *raw = g_strdup_printf ("%s:%" G_GINT64_FORMAT, sym->symbol, minute);
  GString *out = g_string_new (NULL);

  for (const char *p = raw; *p; p++)
    g_string_append_printf (out, "%02x", (guint8) *p);
  return g_string_free (out, FALSE);
}

static gboolean
decode_page_token (const char  *token,
                   char       **symbol,
                   gint64      *minute)
{
  gsize len = strlen (token);
  g_autofree char *raw = NULL;
  const char *colon;
  char *end = NULL;

  if (len == 0 || len % 2 != 0 || len > 128)
    return FALSE;

  raw = g_malloc0 (len / 2 + 1);
  for (gsize i = 0; i < len / 2; i++)
    {
      int hi = g_ascii_xdigit_value (token[2 * i]);
      int lo = g_ascii_xdigit_value (token[2 * i + 1]);

      if (hi < 0 || lo < 0 || (hi == 0 && lo == 0))
        return FALSE;
      raw[i] = (char) (hi * 16 + lo);
    }

  colon = strrchr (raw, ':');
  if (colon == NULL || colon == raw || !g_ascii_isdigit (colon[1]))
    return FALSE;
  *minute = g_ascii_strtoll (colon + 1, &end, 10);
  if (end == NULL || *end != '\0')
    return FALSE;
  *symbol = g_strndup (raw, (gsize) (colon - raw));
  return TRUE;
}

typedef struct
{
  Timeframe tf;
  gint64 first;         /* first bar start in range, epoch minutes */
  gint64 last;          /* last bar start in range */
  gint64 last_minute;   /* last complete minute */
  guint limit;
  gboolean desc;
  char *token_symbol;   /* the page token's, or NULL */
  gint64 token_minute;
} BarsQuery;

static void
bars_query_clear (BarsQuery *q)
{
  g_clear_pointer (&q->token_symbol, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (BarsQuery, bars_query_clear)

static gboolean
reply_bad_param (SandboxRequest *req,
                 guint           status,
                 const char     *what,
                 const char     *value)
{
  g_autofree char *message = value ? g_strdup_printf ("invalid %s: %s", what, value)
                                   : g_strdup_printf ("missing %s", what);

  _sandbox_reply_message (req, status, message);
  return FALSE;
}

/* FALSE when the query is refused (and the reply sent). */
static gboolean
parse_bars_query (SandboxRequest *req,
                  BarsQuery      *q)
{
  const char *timeframe = _sandbox_query (req, "timeframe");
  const char *start_text = _sandbox_query (req, "start");
  const char *end_text = _sandbox_query (req, "end");
  const char *limit_text = _sandbox_query (req, "limit");
  const char *sort = _sandbox_query (req, "sort");
  const char *page_token = _sandbox_query (req, "page_token");
  gint64 now = g_get_real_time ();
  gint64 start_us = floor_div (now, MINUTE_US * DAY_MINUTES) * MINUTE_US * DAY_MINUTES;
  gint64 end_us = now;
  gint64 start_minute, end_minute;

  if (timeframe == NULL || *timeframe == '\0')
    return reply_bad_param (req, 400, "timeframe", NULL);
  if (!parse_timeframe (timeframe, &q->tf))
    return reply_bad_param (req, 400, "timeframe", timeframe);
  if (start_text != NULL && !_sandbox_parse_time (start_text, &start_us))
    return reply_bad_param (req, 400, "start", start_text);
  if (end_text != NULL && !_sandbox_parse_time (end_text, &end_us))
    return reply_bad_param (req, 400, "end", end_text);

  q->limit = LIMIT_DEFAULT;
  if (limit_text != NULL)
    {
      guint64 limit = 0;

      if (!g_ascii_string_to_unsigned (limit_text, 10, 1, LIMIT_MAX, &limit, NULL))
        return reply_bad_param (req, 400, "limit", limit_text);
      q->limit = (guint) limit;
    }

  if (sort != NULL && !g_str_equal (sort, "asc") && !g_str_equal (sort, "desc"))
    return reply_bad_param (req, 400, "sort", sort);
  q->desc = g_strcmp0 (sort, "desc") == 0;

  if (!check_feed (req, TRUE))
    return FALSE;

  q->last_minute = last_complete_minute ();

  /* a token we made names the start of a bar of the history, in this timeframe */
  if (page_token != NULL && *page_token != '\0')
    {
      if (!decode_page_token (page_token, &q->token_symbol, &q->token_minute) ||
          q->token_minute < HISTORY_START_MINUTE || q->token_minute > q->last_minute ||
          q->token_minute != bucket_floor (&q->tf, q->token_minute))
        return reply_bad_param (req, 400, "page_token", page_token);
    }

  if (start_us > end_us)
    {
      _sandbox_reply_message (req, 422, "end should not be before start");
      return FALSE;
    }
  if (!check_sip (req, end_us))
    return FALSE;

  /* bars whose start t is within [start, end], and whose first minute is complete */
  start_minute = MAX (floor_div (start_us + MINUTE_US - 1, MINUTE_US), HISTORY_START_MINUTE);
  start_minute = MIN (start_minute, q->last_minute + 1);
  end_minute = MIN (floor_div (end_us, MINUTE_US), q->last_minute);
  q->first = bucket_floor (&q->tf, start_minute);
  if (q->first < start_minute)
    q->first = bucket_next (&q->tf, q->first);
  q->last = bucket_floor (&q->tf, end_minute);

  return TRUE;
}

/* Fills bars[i] (a GArray of Bar) for symbols[i], at most q->limit in all, and returns
 * the token of the page after, or NULL at the end of the range. */
static char *
collect_bars (SandboxRequest *req,
              BarsQuery      *q,
              GPtrArray      *symbols,
              GPtrArray      *bars)
{
  guint count = 0;
  gboolean resuming = q->token_symbol != NULL;

  for (guint i = 0; i < symbols->len; i++)
    {
      SandboxSymbol *sym = g_ptr_array_index (symbols, i);
      GArray *out = g_array_new (FALSE, FALSE, sizeof (Bar));
      gint64 m = q->desc ? q->last : q->first;

      g_ptr_array_add (bars, out);
      if (resuming)
        {
          if (!g_str_equal (sym->symbol, q->token_symbol))
            continue;
          m = q->desc ? MIN (q->token_minute, q->last) : MAX (q->token_minute, q->first);
          resuming = FALSE;
        }

      while (q->desc ? m >= q->first : m <= q->last)
        {
          Bar bar;

          if (count == q->limit)
            return encode_page_token (sym, m);
          aggregate (req->sandbox, sym, m, bucket_next (&q->tf, m), q->last_minute, &bar);
          g_array_append_val (out, bar);
          count++;
          m = q->desc ? bucket_prev (&q->tf, m) : bucket_next (&q->tf, m);
        }
    }

  return NULL;
}

static void
add_bar_array (JsonBuilder *b,
               GArray      *bars)
{
  json_builder_begin_array (b);
  for (guint i = 0; bars != NULL && i < bars->len; i++)
    add_bar (b, &g_array_index (bars, Bar, i));
  json_builder_end_array (b);
}

static void
add_page_token (JsonBuilder *b,
                const char  *token)
{
  json_builder_set_member_name (b, "next_page_token");
  if (token != NULL)
    json_builder_add_string_value (b, token);
  else
    json_builder_add_null_value (b);
}

/* ---- handlers ----------------------------------------------------------------------- */

/* What the "latest" endpoints show of one symbol. */
typedef void (*AddLatest) (SandboxRequest *req,
                           JsonBuilder    *b,
                           SandboxSymbol  *sym);

static void
add_latest_trade (SandboxRequest *req,
                  JsonBuilder    *b,
                  SandboxSymbol  *sym)
{
  add_trade (b, sym, _sandbox_query (req, "feed"));
}

static void
add_latest_quote (SandboxRequest *req,
                  JsonBuilder    *b,
                  SandboxSymbol  *sym)
{
  add_quote (b, sym, _sandbox_query (req, "feed"));
}

static void
add_latest_bar (SandboxRequest *req,
                JsonBuilder    *b,
                SandboxSymbol  *sym)
{
  Bar bar;

  latest_minute_bar (req->sandbox, sym, &bar);
  add_bar (b, &bar);
}

/* GET /v2/stocks/{symbol}/…/latest → {"symbol": …, member: {…}} */
static void
reply_latest_one (SandboxRequest *req,
                  const char     *member,
                  AddLatest       add)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  SandboxSymbol *sym;

  if (!check_feed (req, FALSE) || (sym = path_symbol (req)) == NULL)
    return;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "symbol");
  json_builder_add_string_value (b, sym->symbol);
  json_builder_set_member_name (b, member);
  add (req, b, sym);
  json_builder_end_object (b);
  _sandbox_reply_builder (req, 200, b);
}

/* GET /v2/stocks/…/latest?symbols=A,B → {member: {"A": {…}, "B": {…}}} */
static void
reply_latest_many (SandboxRequest *req,
                   const char     *member,
                   AddLatest       add)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  g_autoptr (GPtrArray) symbols = NULL;

  if (!check_feed (req, FALSE) || (symbols = query_symbols (req)) == NULL)
    return;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, member);
  json_builder_begin_object (b);
  for (guint i = 0; i < symbols->len; i++)
    {
      SandboxSymbol *sym = g_ptr_array_index (symbols, i);

      json_builder_set_member_name (b, sym->symbol);
      add (req, b, sym);
    }
  json_builder_end_object (b);
  json_builder_end_object (b);
  _sandbox_reply_builder (req, 200, b);
}

static void
handle_latest_trade (SandboxRequest *req)
{
  reply_latest_one (req, "trade", add_latest_trade);
}

static void
handle_latest_trades (SandboxRequest *req)
{
  reply_latest_many (req, "trades", add_latest_trade);
}

static void
handle_latest_quote (SandboxRequest *req)
{
  reply_latest_one (req, "quote", add_latest_quote);
}

static void
handle_latest_quotes (SandboxRequest *req)
{
  reply_latest_many (req, "quotes", add_latest_quote);
}

static void
handle_latest_bar (SandboxRequest *req)
{
  reply_latest_one (req, "bar", add_latest_bar);
}

static void
handle_latest_bars (SandboxRequest *req)
{
  reply_latest_many (req, "bars", add_latest_bar);
}

static void
handle_bars (SandboxRequest *req)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  g_autoptr (GPtrArray) symbols = g_ptr_array_new ();
  g_autoptr (GPtrArray) bars = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  g_auto (BarsQuery) q = { 0, };
  g_autofree char *next = NULL;
  SandboxSymbol *sym;

  if ((sym = path_symbol (req)) == NULL || !parse_bars_query (req, &q))
    return;
  if (q.token_symbol != NULL && !g_str_equal (q.token_symbol, sym->symbol))
    {
      reply_bad_param (req, 400, "page_token", _sandbox_query (req, "page_token"));
      return;
    }

  g_ptr_array_add (symbols, sym);
  next = collect_bars (req, &q, symbols, bars);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "bars");
  add_bar_array (b, g_ptr_array_index (bars, 0));
  json_builder_set_member_name (b, "symbol");
  json_builder_add_string_value (b, sym->symbol);
  add_page_token (b, next);
  json_builder_end_object (b);
  _sandbox_reply_builder (req, 200, b);
}

static void
handle_multi_bars (SandboxRequest *req)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  g_autoptr (GPtrArray) symbols = NULL;
  g_autoptr (GPtrArray) bars = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  g_auto (BarsQuery) q = { 0, };
  g_autofree char *next = NULL;

  if ((symbols = query_symbols (req)) == NULL || !parse_bars_query (req, &q))
    return;
  if (q.token_symbol != NULL)
    {
      gboolean found = FALSE;

      for (guint i = 0; i < symbols->len && !found; i++)
        found = g_str_equal (((SandboxSymbol *) g_ptr_array_index (symbols, i))->symbol,
                             q.token_symbol);
      if (!found)
        {
          reply_bad_param (req, 400, "page_token", _sandbox_query (req, "page_token"));
          return;
        }
    }

  next = collect_bars (req, &q, symbols, bars);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "bars");
  json_builder_begin_object (b);
  for (guint i = 0; i < bars->len; i++)
    {
      GArray *list = g_ptr_array_index (bars, i);

      if (list->len == 0)
        continue;
      json_builder_set_member_name (b, ((SandboxSymbol *) g_ptr_array_index (symbols, i))->symbol);
      add_bar_array (b, list);
    }
  json_builder_end_object (b);
  add_page_token (b, next);
  json_builder_end_object (b);
  _sandbox_reply_builder (req, 200, b);
}

static void
handle_snapshot (SandboxRequest *req)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  SandboxSymbol *sym;

  if (!check_feed (req, FALSE) || (sym = path_symbol (req)) == NULL)
    return;

  /* the single-symbol snapshot is the multi one's object plus "symbol" */
  add_snapshot (b, req->sandbox, sym, _sandbox_query (req, "feed"));
  {
    JsonNode *root = json_builder_get_root (b);

    json_object_set_string_member (json_node_get_object (root), "symbol", sym->symbol);
    _sandbox_reply_json (req, 200, root);
  }
}

static void
handle_snapshots (SandboxRequest *req)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  g_autoptr (GPtrArray) symbols = NULL;

  if (!check_feed (req, FALSE) || (symbols = query_symbols (req)) == NULL)
    return;

  json_builder_begin_object (b);
  for (guint i = 0; i < symbols->len; i++)
    {
      SandboxSymbol *sym = g_ptr_array_index (symbols, i);

      json_builder_set_member_name (b, sym->symbol);
      add_snapshot (b, req->sandbox, sym, _sandbox_query (req, "feed"));
    }
  json_builder_end_object (b);
  _sandbox_reply_builder (req, 200, b);
}

/* ---- news (v1beta1) ----------------------------------------------------------------- */

#define NEWS_COUNT 240
#define NEWS_FIRST_ID G_GINT64_CONSTANT (24843171)
#define NEWS_SPACING_MINUTES 53
#define NEWS_LIMIT_DEFAULT 10
#define NEWS_LIMIT_MAX 50
#define SCREENER_TOP_DEFAULT 10
#define MOST_ACTIVES_TOP_MAX 100
#define MOVERS_TOP_MAX 50

static const char *news_verbs[] = {
  "beats estimates as", "misses expectations while", "rallies after", "slips as",
  "announces buyback;", "raises guidance as", "faces probe after", "hits record as",
};
static const char *news_topics[] = {
  "cloud revenue grows", "analysts turn cautious", "supply chain eases",
  "margins widen", "new product line ships", "regulators weigh in",
  "demand softens", "dividend is raised",
};
static const char *news_authors[] = {
  "Benzinga Newsdesk", "Jane Doe", "Lisa Levin", "Shanthi Rexaline", "Chris Katje",
};

static guint64
news_key (PaddockSandbox *self,
          guint           k,
          guint           salt)
{
  return _sandbox_mix64 (_sandbox_get_seed (self) ^ ((guint64) k << 8) ^ salt ^
                         G_GUINT64_CONSTANT (0x6e657773));
}

/* NEWS_COUNT articles, newest first, NEWS_SPACING_MINUTES apart back from the hour the
 * first request came in: the same seed and hour give the same articles. Some have an empty
 * author or summary, some a null url, none or three images; the content is HTML, with
 * entities, links and (in one of every 17) a terminal escape sequence, as a hostile or
 * careless source might send. */
static GPtrArray *
news_articles (PaddockSandbox *self)
{
  DataState *state = _sandbox_get_module (self, SANDBOX_MODULE_DATA);
  GPtrArray *symbols = _sandbox_get_symbols (self);
  gint64 anchor;

  if (state->news != NULL)
    return state->news;

  anchor = floor_div (g_get_real_time (), 60 * MINUTE_US) * 60 * MINUTE_US;
  state->news = g_ptr_array_new_with_free_func ((GDestroyNotify) news_article_free);
  for (guint k = 0; k < NEWS_COUNT; k++)
    {
      NewsArticle *a = g_new0 (NewsArticle, 1);
      guint64 r = news_key (self, k, 0);
      guint n_symbols = 1 + (guint) (r % 3);
      const char *first;
      const char *verb = news_verbs[(r >> 8) % G_N_ELEMENTS (news_verbs)];
      const char *topic = news_topics[(r >> 16) % G_N_ELEMENTS (news_topics)];
      gboolean hostile = k % 17 == 5;

      a->id = NEWS_FIRST_ID + NEWS_COUNT - k;
      a->created_us = anchor - (gint64) k * NEWS_SPACING_MINUTES * MINUTE_US
                      - (gint64) ((r >> 24) % 60) * G_USEC_PER_SEC;
      a->updated_us = a->created_us + (k % 4 == 0 ? 7 * MINUTE_US : 0);
      a->symbols = g_ptr_array_new ();
      for (guint i = 0; i < n_symbols; i++)
        {
          guint64 pick = news_key (self, k, 1 + i) % symbols->len;
          SandboxSymbol *sym = g_ptr_array_index (symbols, pick);

          if (!g_ptr_array_find (a->symbols, sym->symbol, NULL))
            g_ptr_array_add (a->symbols, (gpointer) sym->symbol);
        }
      first = g_ptr_array_index (a->symbols, 0);
      a->headline = hostile
        ? g_strdup_printf ("%s %s \033]0;owned\007%s\033[2J", first, verb, topic)
        : g_strdup_printf ("%s %s %s", first, verb, topic);
      a->author = g_strdup (k % 5 == 0 ? ""
                                       : news_authors[(r >> 32) % G_N_ELEMENTS (news_authors)]);
      a->summary = k % 4 == 1 ? g_strdup ("")
                              : g_strdup_printf ("Shares of %s moved after %s.", first, topic);
      a->content = g_strdup_printf ("<p><strong>%s</strong> %s %s &amp; more.</p>"
                                    "<p>Read the <a href=\"https://example.com/%" G_GINT64_FORMAT
                                    "\">filing</a>.%s</p>",
                                    first, verb, topic, a->id,
                                    hostile ? "\033[31m red \033[0m\r\b" : "");
      a->url = k % 6 == 2 ? NULL
                          : g_strdup_printf ("https://www.benzinga.com/news/%" G_GINT64_FORMAT,
                                             a->id);
      a->images = k % 3 != 0;
      g_ptr_array_add (state->news, a);
    }
  return state->news;
}

static gboolean
article_has_symbol (NewsArticle *a,
                    GPtrArray   *symbols)
{
  for (guint i = 0; i < symbols->len; i++)
    for (guint j = 0; j < a->symbols->len; j++)
      if (g_str_equal (((SandboxSymbol *) g_ptr_array_index (symbols, i))->symbol,
                       g_ptr_array_index (a->symbols, j)))
        return TRUE;
  return FALSE;
}

static void
add_article (JsonBuilder *b,
             NewsArticle *a,
             gboolean     include_content)
{
  static const char *sizes[] = { "large", "small", "thumb" };
  g_autofree char *created = _sandbox_format_time (a->created_us);
  g_autofree char *updated = _sandbox_format_time (a->updated_us);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "id");
  json_builder_add_int_value (b, a->id);
  json_builder_set_member_name (b, "headline");
  json_builder_add_string_value (b, a->headline);
  json_builder_set_member_name (b, "author");
  json_builder_add_string_value (b, a->author);
  json_builder_set_member_name (b, "created_at");
  json_builder_add_string_value (b, created);
  json_builder_set_member_name (b, "updated_at");
  json_builder_add_string_value (b, updated);
  json_builder_set_member_name (b, "summary");
  json_builder_add_string_value (b, a->summary);
  json_builder_set_member_name (b, "content");
  json_builder_add_string_value (b, include_content ? a->content : "");
  json_builder_set_member_name (b, "url");
  if (a->url != NULL)
    json_builder_add_string_value (b, a->url);
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "images");
  json_builder_begin_array (b);
  for (guint i = 0; a->images && i < G_N_ELEMENTS (sizes); i++)
    {
      g_autofree char *url = g_strdup_printf ("https://cdn.benzinga.com/files/%" G_GINT64_FORMAT
                                              "-%s.jpeg", a->id, sizes[i]);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "size");
      json_builder_add_string_value (b, sizes[i]);
      json_builder_set_member_name (b, "url");
      json_builder_add_string_value (b, url);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "symbols");
  json_builder_begin_array (b);
  for (guint i = 0; i < a->symbols->len; i++)
    json_builder_add_string_value (b, g_ptr_array_index (a->symbols, i));
  json_builder_end_array (b);
  json_builder_set_member_name (b, "source");
  json_builder_add_string_value (b, "benzinga");
  json_builder_end_object (b);
}

/* The news page token is opaque too: hex of "news:<id of the next article>". */
static char *
encode_news_token (gint64 id)
{
  g_autofree char *raw = g_strdup_printf ("news:%" G_GINT64_FORMAT, id);
  GString *out = g_string_new (NULL);

  for (const char *p = raw; *p; p++)
    g_string_append_printf (out, "%02x", (guint8) *p);
  return g_string_free (out, FALSE);
}

static gboolean
decode_news_token (const char *token,
                   gint64     *id)
{
  g_autofree char *symbol = NULL;

  /* the bars' token is "SYMBOL:minute" in the same encoding */
  return decode_page_token (token, &symbol, id) && g_str_equal (symbol, "news");
}

static gboolean
parse_bool_param (SandboxRequest *req,
                  const char     *name,
                  gboolean       *out)
{
  const char *text = _sandbox_query (req, name);

  if (text == NULL)
    return TRUE;
  if (g_str_equal (text, "true"))
    *out = TRUE;
  else if (g_str_equal (text, "false"))
    *out = FALSE;
  else
    return reply_bad_param (req, 400, name, text);
  return TRUE;
}

static void
handle_news (SandboxRequest *req)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  g_autoptr (GPtrArray) symbols = NULL;
  g_autoptr (GPtrArray) matching = g_ptr_array_new ();
  g_autofree char *next = NULL;
  const char *start_text = _sandbox_query (req, "start");
  const char *end_text = _sandbox_query (req, "end");
  const char *limit_text = _sandbox_query (req, "limit");
  const char *sort = _sandbox_query (req, "sort");
  const char *token = _sandbox_query (req, "page_token");
  gint64 start_us = G_MININT64, end_us = G_MAXINT64, token_id = 0;
  guint64 limit = NEWS_LIMIT_DEFAULT;
  gboolean include_content = FALSE, asc;
  GPtrArray *all = news_articles (req->sandbox);
  guint first = 0, count = 0;

  if (start_text != NULL && !_sandbox_parse_time (start_text, &start_us))
    {
      reply_bad_param (req, 400, "start", start_text);
      return;
    }
  if (end_text != NULL && !_sandbox_parse_time (end_text, &end_us))
    {
      reply_bad_param (req, 400, "end", end_text);
      return;
    }
  if (limit_text != NULL &&
      !g_ascii_string_to_unsigned (limit_text, 10, 1, NEWS_LIMIT_MAX, &limit, NULL))
    {
      reply_bad_param (req, 400, "limit", limit_text);
      return;
    }
  if (sort != NULL && !g_str_equal (sort, "asc") && !g_str_equal (sort, "desc"))
    {
      reply_bad_param (req, 400, "sort", sort);
      return;
    }
  asc = g_strcmp0 (sort, "asc") == 0;
  if (!parse_bool_param (req, "include_content", &include_content))
    return;
  if (token != NULL && *token != '\0' && !decode_news_token (token, &token_id))
    {
      reply_bad_param (req, 400, "page_token", token);
      return;
    }
  if (_sandbox_query (req, "symbols") != NULL && (symbols = query_symbols (req)) == NULL)
    return;

  for (guint i = 0; i < all->len; i++)
    {
      NewsArticle *a = g_ptr_array_index (all, asc ? all->len - 1 - i : i);

      if (a->created_us < start_us || a->created_us > end_us)
        continue;
      if (symbols != NULL && !article_has_symbol (a, symbols))
        continue;
      g_ptr_array_add (matching, a);
    }

  if (token_id != 0)
    {
      while (first < matching->len &&
             ((NewsArticle *) g_ptr_array_index (matching, first))->id != token_id)
        first++;
      if (first == matching->len)
        {
          reply_bad_param (req, 400, "page_token", token);
          return;
        }
    }

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "news");
  json_builder_begin_array (b);
  for (guint i = first; i < matching->len; i++)
    {
      NewsArticle *a = g_ptr_array_index (matching, i);

      if (count == limit)
        {
          next = encode_news_token (a->id);
          break;
        }
      add_article (b, a, include_content);
      count++;
    }
  json_builder_end_array (b);
  add_page_token (b, next);
  json_builder_end_object (b);
  _sandbox_reply_builder (req, 200, b);
}

/* ---- screener (v1beta1) ------------------------------------------------------------- */

static gboolean
parse_top (SandboxRequest *req,
           guint           max,
           guint          *top)
{
  const char *text = _sandbox_query (req, "top");
  guint64 value = SCREENER_TOP_DEFAULT;

  if (text != NULL && !g_ascii_string_to_unsigned (text, 10, 1, max, &value, NULL))
    return reply_bad_param (req, 400, "top", text);
  *top = (guint) value;
  return TRUE;
}

/* A copy of the symbol list that does not own them (g_ptr_array_copy() would take the
 * list's free function along) */
static GPtrArray *
copy_symbols (PaddockSandbox *self)
{
  GPtrArray *symbols = _sandbox_get_symbols (self);
  GPtrArray *copy = g_ptr_array_sized_new (symbols->len);

  for (guint i = 0; i < symbols->len; i++)
    g_ptr_array_add (copy, g_ptr_array_index (symbols, i));
  return copy;
}

static gint64
trade_count (SandboxSymbol *sym)
{
  return sym->day_volume / SHARES_PER_TRADE;
}

static gint
compare_by_volume (gconstpointer a,
                   gconstpointer b)
{
  const SandboxSymbol *sa = *(SandboxSymbol * const *) a;
  const SandboxSymbol *sb = *(SandboxSymbol * const *) b;

  if (sa->day_volume != sb->day_volume)
    return sa->day_volume > sb->day_volume ? -1 : 1;
  return strcmp (sa->symbol, sb->symbol);
}

static gint
compare_by_trades (gconstpointer a,
                   gconstpointer b)
{
  SandboxSymbol *sa = *(SandboxSymbol * const *) a;
  SandboxSymbol *sb = *(SandboxSymbol * const *) b;

  if (trade_count (sa) != trade_count (sb))
    return trade_count (sa) > trade_count (sb) ? -1 : 1;
  return strcmp (sa->symbol, sb->symbol);
}

static void
add_last_updated (JsonBuilder *b)
{
  g_autofree char *now = _sandbox_format_time (g_get_real_time ());

  json_builder_set_member_name (b, "last_updated");
  json_builder_add_string_value (b, now);
}

static void
handle_most_actives (SandboxRequest *req)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  g_autoptr (GPtrArray) sorted = NULL;
  const char *by = _sandbox_query (req, "by");
  guint top;

  if (by != NULL && !g_str_equal (by, "volume") && !g_str_equal (by, "trades"))
    {
      reply_bad_param (req, 400, "by", by);
      return;
    }
  if (!parse_top (req, MOST_ACTIVES_TOP_MAX, &top))
    return;

  sorted = copy_symbols (req->sandbox);
  g_ptr_array_sort (sorted, g_strcmp0 (by, "trades") == 0 ? compare_by_trades
                                                           : compare_by_volume);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "most_actives");
  json_builder_begin_array (b);
  for (guint i = 0; i < sorted->len && i < top; i++)
    {
      SandboxSymbol *sym = g_ptr_array_index (sorted, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "symbol");
      json_builder_add_string_value (b, sym->symbol);
      json_builder_set_member_name (b, "volume");
      json_builder_add_int_value (b, sym->day_volume);
      json_builder_set_member_name (b, "trade_count");
      json_builder_add_int_value (b, trade_count (sym));
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  add_last_updated (b);
  json_builder_end_object (b);
  _sandbox_reply_builder (req, 200, b);
}

/* the change since the previous close, in hundredths of a percent */
static gint64
change_bp (SandboxSymbol *sym)
{
  if (sym->prev_close <= 0)
    return 0;
  return (gint64) llround ((double) (sym->price - sym->prev_close) * 10000.0 /
                           (double) sym->prev_close);
}

static gint
compare_by_change (gconstpointer a,
                   gconstpointer b)
{
  SandboxSymbol *sa = *(SandboxSymbol * const *) a;
  SandboxSymbol *sb = *(SandboxSymbol * const *) b;

  if (change_bp (sa) != change_bp (sb))
    return change_bp (sa) > change_bp (sb) ? -1 : 1;
  return strcmp (sa->symbol, sb->symbol);
}

static void
add_mover (JsonBuilder   *b,
           SandboxSymbol *sym)
{
  /* the change to the cent, from micro-dollars */
  gint64 change_cents = (sym->price - sym->prev_close) / 10000;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "symbol");
  json_builder_add_string_value (b, sym->symbol);
  json_builder_set_member_name (b, "percent_change");
  json_builder_add_double_value (b, (double) change_bp (sym) / 100.0);
  json_builder_set_member_name (b, "change");
  json_builder_add_double_value (b, (double) change_cents / 100.0);
  json_builder_set_member_name (b, "price");
  json_builder_add_double_value (b, _sandbox_to_double (sym->price, 6));
  json_builder_end_object (b);
}

static void
handle_movers (SandboxRequest *req)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  g_autoptr (GPtrArray) sorted = NULL;
  guint top, n;

  if (!parse_top (req, MOVERS_TOP_MAX, &top))
    return;

  sorted = copy_symbols (req->sandbox);
  g_ptr_array_sort (sorted, compare_by_change);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "gainers");
  json_builder_begin_array (b);
  for (guint i = 0; i < sorted->len && i < top; i++)
    if (change_bp (g_ptr_array_index (sorted, i)) > 0)
      add_mover (b, g_ptr_array_index (sorted, i));
  json_builder_end_array (b);
  json_builder_set_member_name (b, "losers");
  json_builder_begin_array (b);
  n = 0;
  for (guint i = sorted->len; i > 0 && n < top; i--, n++)
    if (change_bp (g_ptr_array_index (sorted, i - 1)) < 0)
      add_mover (b, g_ptr_array_index (sorted, i - 1));
  json_builder_end_array (b);
  json_builder_set_member_name (b, "market_type");
  json_builder_add_string_value (b, "stocks");
  add_last_updated (b);
  json_builder_end_object (b);
  _sandbox_reply_builder (req, 200, b);
}

/* ---- Polygon legacy ----------------------------------------------------------------- */

static void
reply_polygon_error (SandboxRequest *req,
                     guint           status,
                     const char     *polygon_status,
                     const char     *message)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "status");
  json_builder_add_string_value (b, polygon_status);
  json_builder_set_member_name (b, "message");
  json_builder_add_string_value (b, message);
  json_builder_end_object (b);
  _sandbox_reply_builder (req, status, b);
}

/* The apiKey is an OAuth token's introspection id; NULL (and a 401 sent) if none. */
static SandboxSymbol *
polygon_authorize (SandboxRequest *req)
{
  SandboxToken *token = _sandbox_lookup_token_by_key_id (req->sandbox,
                                                          _sandbox_query (req, "apiKey"));
  SandboxSymbol *sym;

  if (token == NULL || token->revoked)
    {
      reply_polygon_error (req, 401, "ERROR", "Unknown API Key");
      return NULL;
    }
  req->token = token;

  sym = lookup_data_symbol (req->sandbox, req->segments[0]);
  if (sym == NULL)
    {
      reply_polygon_error (req, 404, "NOT_FOUND", "Symbol not found");
      return NULL;
    }
  return sym;
}

static void
begin_polygon_reply (JsonBuilder   *b,
                     SandboxSymbol *sym)
{
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "status");
  json_builder_add_string_value (b, "success");
  json_builder_set_member_name (b, "symbol");
  json_builder_add_string_value (b, sym->symbol);
  json_builder_set_member_name (b, "last");
  json_builder_begin_object (b);
}

static void
handle_polygon_last_trade (SandboxRequest *req)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  SandboxSymbol *sym = polygon_authorize (req);

  if (sym == NULL)
    return;

  begin_polygon_reply (b, sym);
  json_builder_set_member_name (b, "price");
  json_builder_add_double_value (b, _sandbox_to_double (sym->price, 6));
  json_builder_set_member_name (b, "size");
  json_builder_add_int_value (b, trade_size (sym));
  json_builder_set_member_name (b, "exchange");
  json_builder_add_int_value (b, polygon_exchange (sym));
  /* 0 is Polygon's "regular sale" */
  for (int i = 1; i <= 4; i++)
    {
      char name[8];

      g_snprintf (name, sizeof name, "cond%d", i);
      json_builder_set_member_name (b, name);
      json_builder_add_int_value (b, 0);
    }
  json_builder_set_member_name (b, "timestamp");
  json_builder_add_int_value (b, sym->last_trade_time_us / 1000);
  json_builder_end_object (b);
  json_builder_end_object (b);
  _sandbox_reply_builder (req, 200, b);
}

static void
handle_polygon_last_quote (SandboxRequest *req)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  SandboxSymbol *sym = polygon_authorize (req);

  if (sym == NULL)
    return;

  begin_polygon_reply (b, sym);
  json_builder_set_member_name (b, "askprice");
  json_builder_add_double_value (b, _sandbox_to_double (ask_price (sym), 6));
  json_builder_set_member_name (b, "asksize");
  json_builder_add_int_value (b, ask_size (sym));
  json_builder_set_member_name (b, "askexchange");
  json_builder_add_int_value (b, polygon_exchange (sym));
  json_builder_set_member_name (b, "bidprice");
  json_builder_add_double_value (b, _sandbox_to_double (bid_price (sym), 6));
  json_builder_set_member_name (b, "bidsize");
  json_builder_add_int_value (b, bid_size (sym));
  json_builder_set_member_name (b, "bidexchange");
  json_builder_add_int_value (b, polygon_exchange (sym));
  json_builder_set_member_name (b, "timestamp");
  json_builder_add_int_value (b, sym->last_trade_time_us / 1000);
  json_builder_end_object (b);
  json_builder_end_object (b);
  _sandbox_reply_builder (req, 200, b);
}

/* ---- module ------------------------------------------------------------------------- */

void
_sandbox_data_init (PaddockSandbox *self)
{
  DataState *state = g_new0 (DataState, 1);

  state->days = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  _sandbox_set_module (self, SANDBOX_MODULE_DATA, state, (GDestroyNotify) data_state_free);
}

#define DATA(pattern, handler) \
  { "GET", SANDBOX_BASE_DATA, pattern, SANDBOX_AUTH_DATA, handler }

const SandboxRoute _sandbox_data_routes[] = {
  DATA ("/v2/stocks/trades/latest", handle_latest_trades),
  DATA ("/v2/stocks/quotes/latest", handle_latest_quotes),
  DATA ("/v2/stocks/bars/latest", handle_latest_bars),
  DATA ("/v2/stocks/bars", handle_multi_bars),
  DATA ("/v2/stocks/snapshots", handle_snapshots),
  DATA ("/v2/stocks/{symbol}/trades/latest", handle_latest_trade),
  DATA ("/v2/stocks/{symbol}/quotes/latest", handle_latest_quote),
  DATA ("/v2/stocks/{symbol}/bars/latest", handle_latest_bar),
  DATA ("/v2/stocks/{symbol}/bars", handle_bars),
  DATA ("/v2/stocks/{symbol}/snapshot", handle_snapshot),
  DATA ("/v1beta1/news", handle_news),
  DATA ("/v1beta1/screener/stocks/most-actives", handle_most_actives),
  DATA ("/v1beta1/screener/stocks/movers", handle_movers),
  { "GET", SANDBOX_BASE_POLYGON, "/v1/last/stocks/{symbol}", SANDBOX_AUTH_NONE,
    handle_polygon_last_trade },
  { "GET", SANDBOX_BASE_POLYGON, "/v1/last_quote/stocks/{symbol}", SANDBOX_AUTH_NONE,
    handle_polygon_last_quote },
  { NULL, 0, NULL, 0, NULL }
};
