/* test-sandbox-data.c: the sandbox's market data v2 and the legacy Polygon endpoints
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "paddock-sandbox-private.h"
#include "sandbox-fixture.h"

/* ---- helpers ------------------------------------------------------------------------ */

/* Asserts that obj has exactly the members of spec, each of its JSON type. spec is a
 * space-separated list of name:kind, kind one of s (string), t (RFC 3339 string),
 * n (number), i (integer), a (array of strings), A (array), o (object), S (string or
 * null). */
static void
assert_fields (JsonObject *obj,
               const char *spec)
{
  g_auto (GStrv) fields = g_strsplit (spec, " ", -1);

  g_assert_nonnull (obj);
  for (guint i = 0; fields[i] != NULL; i++)
    {
      const char *colon = strchr (fields[i], ':');
      g_autofree char *name = g_strndup (fields[i], (gsize) (colon - fields[i]));
      JsonNode *node = json_object_get_member (obj, name);
      char kind = colon[1];

      if (node == NULL)
        g_error ("member %s is missing", name);

      switch (kind)
        {
        case 's':
        case 't':
          g_assert_cmpint (json_node_get_value_type (node), ==, G_TYPE_STRING);
          if (kind == 't')
            {
              g_autoptr (GDateTime) dt = g_date_time_new_from_iso8601 (json_node_get_string (node),
                                                                       NULL);

              if (dt == NULL)
                g_error ("%s is not an RFC 3339 time: %s", name, json_node_get_string (node));
            }
          break;
        case 'S':
          g_assert_true (JSON_NODE_HOLDS_NULL (node) ||
                         json_node_get_value_type (node) == G_TYPE_STRING);
          break;
        case 'n':
          g_assert_true (JSON_NODE_HOLDS_VALUE (node));
          g_assert_true (json_node_get_value_type (node) == G_TYPE_DOUBLE ||
                         json_node_get_value_type (node) == G_TYPE_INT64);
          break;
        case 'i':
          g_assert_true (JSON_NODE_HOLDS_VALUE (node));
          g_assert_cmpint (json_node_get_value_type (node), ==, G_TYPE_INT64);
          break;
        case 'a':
          g_assert_true (JSON_NODE_HOLDS_ARRAY (node));
          for (guint j = 0; j < json_array_get_length (json_node_get_array (node)); j++)
            g_assert_cmpint (json_node_get_value_type (json_array_get_element (json_node_get_array (node), j)),
                             ==, G_TYPE_STRING);
          break;
        case 'A':
          g_assert_true (JSON_NODE_HOLDS_ARRAY (node));
          break;
        case 'o':
          g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
          break;
        default:
          g_assert_not_reached ();
        }
    }
  g_assert_cmpuint (json_object_get_size (obj), ==, g_strv_length (fields));
}

#define TRADE_FIELDS "t:t x:s p:n s:i c:a i:i z:s"
#define QUOTE_FIELDS "t:t ax:s ap:n as:i bx:s bp:n bs:i c:a z:s"
#define BAR_FIELDS "t:t o:n h:n l:n c:n v:i n:i vw:n"

static void
assert_bar (JsonObject *bar)
{
  double o, h, l, c, vw;

  assert_fields (bar, BAR_FIELDS);
  o = json_object_get_double_member (bar, "o");
  h = json_object_get_double_member (bar, "h");
  l = json_object_get_double_member (bar, "l");
  c = json_object_get_double_member (bar, "c");
  vw = json_object_get_double_member (bar, "vw");
  g_assert_cmpfloat (h, >=, MAX (o, c));
  g_assert_cmpfloat (l, <=, MIN (o, c));
  g_assert_cmpfloat (l, >, 0);
  g_assert_cmpfloat (vw, >=, l);
  g_assert_cmpfloat (vw, <=, h);
  g_assert_cmpint (json_object_get_int_member (bar, "v"), >, 0);
  g_assert_cmpint (json_object_get_int_member (bar, "n"), >, 0);
}

/* Asserts the data API's error shape {"message": string} and nothing else. */
static void
assert_message (TestReply *reply,
                guint      status)
{
  g_assert_no_error (reply->error);
  g_assert_cmpuint (reply->status, ==, status);
  assert_fields (test_reply_object (reply), "message:s");
}

static TestReply *
get_ok (SandboxFixture *f,
        const char     *url)
{
  TestReply *reply = test_request (f, "GET", url, f->token, NULL);

  g_assert_no_error (reply->error);
  if (reply->status != 200)
    g_error ("GET %s: %u %.*s", url, reply->status, (int) g_bytes_get_size (reply->body),
             (const char *) g_bytes_get_data (reply->body, NULL));
  return reply;
}

static gint64
unix_of (const char *rfc3339)
{
  g_autoptr (GDateTime) dt = g_date_time_new_from_iso8601 (rfc3339, NULL);

  g_assert_nonnull (dt);
  return g_date_time_to_unix (dt);
}

/* "YYYY-MM-DDTHH:MM:SSZ" of the start of today (UTC) plus days and seconds */
static char *
utc_time (int    days,
          gint64 seconds)
{
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gint64 t = (now / 86400 + days) * 86400 + seconds;
  g_autoptr (GDateTime) dt = g_date_time_new_from_unix_utc (t);

  return g_date_time_format (dt, "%Y-%m-%dT%H:%M:%SZ");
}

static char *
bars_url (const char *symbol,
          const char *timeframe,
          const char *start,
          const char *end,
          const char *extra)
{
  return g_strdup_printf ("data:/v2/stocks/%s/bars?timeframe=%s&start=%s&end=%s%s%s",
                          symbol, timeframe, start, end, extra ? "&" : "", extra ? extra : "");
}

static JsonArray *
reply_bars (TestReply *reply)
{
  JsonObject *obj = test_reply_object (reply);

  assert_fields (obj, "bars:A symbol:s next_page_token:S");
  return json_object_get_array_member (obj, "bars");
}

/* Follows next_page_token from url; returns every bar as its JSON text, in order. */
static GPtrArray *
walk_pages (SandboxFixture *f,
            const char     *url,
            guint           expected_page_size,
            guint          *n_pages)
{
  GPtrArray *all = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *token = NULL;

  *n_pages = 0;
  do
    {
      g_autofree char *page_url = token ? g_strdup_printf ("%s&page_token=%s", url, token)
                                        : g_strdup (url);
      g_autoptr (TestReply) reply = get_ok (f, page_url);
      JsonArray *bars = reply_bars (reply);
      JsonObject *obj = test_reply_object (reply);

      g_clear_pointer (&token, g_free);
      if (!json_object_get_null_member (obj, "next_page_token"))
        {
          token = g_strdup (json_object_get_string_member (obj, "next_page_token"));
          /* a full page before every token */
          g_assert_cmpuint (json_array_get_length (bars), ==, expected_page_size);
        }
      for (guint i = 0; i < json_array_get_length (bars); i++)
        g_ptr_array_add (all, json_to_string (json_array_get_element (bars, i), FALSE));
      (*n_pages)++;
      g_assert_cmpuint (*n_pages, <, 1000);
    }
  while (token != NULL);

  return all;
}

typedef struct
{
  PaddockSandbox *sandbox;
  const char *access_token;
  char *key_id;
} KeyIdCall;

static gboolean
key_id_cb (gpointer data)
{
  KeyIdCall *call = data;
  SandboxToken *token = _sandbox_lookup_token (call->sandbox, call->access_token);

  g_assert_nonnull (token);
  call->key_id = g_strdup (token->key_id);
  return G_SOURCE_REMOVE;
}

static char *
key_id_of (SandboxFixture *f,
           const char     *access_token)
{
  KeyIdCall call = { f->sandbox, access_token, NULL };

  _sandbox_run_sync (f->sandbox, key_id_cb, &call);
  return call.key_id;
}

static double
latest_price (SandboxFixture *f,
              const char     *symbol)
{
  g_autofree char *url = g_strdup_printf ("data:/v2/stocks/%s/trades/latest", symbol);
  g_autoptr (TestReply) reply = get_ok (f, url);

  return json_object_get_double_member (json_object_get_object_member (test_reply_object (reply),
                                                                       "trade"), "p");
}

/* ---- latest trades and quotes ------------------------------------------------------- */

static void
test_latest_trade (SandboxFixture *f,
                   gconstpointer   data)
{
  g_autoptr (TestReply) reply = get_ok (f, "data:/v2/stocks/MSFT/trades/latest");
  JsonObject *obj = test_reply_object (reply);
  JsonObject *trade;
  gint64 t;

  assert_fields (obj, "symbol:s trade:o");
  g_assert_cmpstr (json_object_get_string_member (obj, "symbol"), ==, "MSFT");
  trade = json_object_get_object_member (obj, "trade");
  assert_fields (trade, TRADE_FIELDS);
  g_assert_cmpfloat (json_object_get_double_member (trade, "p"), >, 0);
  g_assert_cmpint (json_object_get_int_member (trade, "s"), >, 0);
  g_assert_cmpint (json_object_get_int_member (trade, "i"), >, 0);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (trade, "c")), >, 0);
  t = unix_of (json_object_get_string_member (trade, "t"));
  g_assert_cmpint (ABS (t - g_get_real_time () / G_USEC_PER_SEC), <, 600);
  /* IEX by default; the SIP feed names the listing exchange (Nasdaq: Q) */
  g_assert_cmpstr (json_object_get_string_member (trade, "x"), ==, "V");
  g_assert_cmpstr (json_object_get_string_member (trade, "z"), ==, "C");
  {
    g_autoptr (TestReply) sip = NULL;

    /* recent SIP data needs a plan that includes it */
    paddock_sandbox_set_sip_plan (f->sandbox, TRUE);
    sip = get_ok (f, "data:/v2/stocks/MSFT/trades/latest?feed=sip");

    g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (test_reply_object (sip), "trade"), "x"),
                     ==, "Q");
  }
}

static void
test_latest_trade_follows_price (SandboxFixture *f,
                                 gconstpointer   data)
{
  g_autoptr (TestReply) before = get_ok (f, "data:/v2/stocks/AAPL/trades/latest");
  g_autoptr (TestReply) after = NULL;
  JsonObject *old_trade = json_object_get_object_member (test_reply_object (before), "trade");
  JsonObject *trade;

  g_assert_true (paddock_sandbox_set_price (f->sandbox, "AAPL", "200.00"));
  after = get_ok (f, "data:/v2/stocks/AAPL/trades/latest");
  trade = json_object_get_object_member (test_reply_object (after), "trade");
  g_assert_cmpfloat (json_object_get_double_member (trade, "p"), ==, 200.0);
  g_assert_cmpint (json_object_get_int_member (trade, "i"), >,
                   json_object_get_int_member (old_trade, "i"));
  g_assert_cmpint (unix_of (json_object_get_string_member (trade, "t")), >=,
                   unix_of (json_object_get_string_member (old_trade, "t")));

  g_assert_true (paddock_sandbox_set_price (f->sandbox, "AAPL", "201.37"));
  g_assert_cmpfloat (latest_price (f, "AAPL"), ==, 201.37);

  /* a market step moves it too, and the quote stays around it */
  paddock_sandbox_tick (f->sandbox);
  {
    double p = latest_price (f, "AAPL");
    g_autoptr (TestReply) q = get_ok (f, "data:/v2/stocks/AAPL/quotes/latest");
    JsonObject *quote = json_object_get_object_member (test_reply_object (q), "quote");

    g_assert_cmpfloat (json_object_get_double_member (quote, "bp"), <, p);
    g_assert_cmpfloat (json_object_get_double_member (quote, "ap"), >, p);
  }
}

static void
test_latest_trades_multi (SandboxFixture *f,
                          gconstpointer   data)
{
  g_autoptr (TestReply) reply = get_ok (f, "data:/v2/stocks/trades/latest?symbols=AAPL,MSFT,NOPE,AAPL");
  JsonObject *obj = test_reply_object (reply);
  JsonObject *trades;

  assert_fields (obj, "trades:o");
  trades = json_object_get_object_member (obj, "trades");
  /* unknown symbols are left out */
  assert_fields (trades, "AAPL:o MSFT:o");
  assert_fields (json_object_get_object_member (trades, "AAPL"), TRADE_FIELDS);
  assert_fields (json_object_get_object_member (trades, "MSFT"), TRADE_FIELDS);
  g_assert_cmpfloat (json_object_get_double_member (json_object_get_object_member (trades, "MSFT"), "p"),
                     ==, latest_price (f, "MSFT"));
}

static void
test_latest_quote (SandboxFixture *f,
                   gconstpointer   data)
{
  const char *symbols[] = { "MSFT", "JPM", "SPY", "BB" };

  for (guint i = 0; i < G_N_ELEMENTS (symbols); i++)
    {
      g_autofree char *url = g_strdup_printf ("data:/v2/stocks/%s/quotes/latest", symbols[i]);
      g_autoptr (TestReply) reply = get_ok (f, url);
      JsonObject *obj = test_reply_object (reply);
      JsonObject *quote;
      double p = latest_price (f, symbols[i]);
      double ap, bp;

      assert_fields (obj, "symbol:s quote:o");
      g_assert_cmpstr (json_object_get_string_member (obj, "symbol"), ==, symbols[i]);
      quote = json_object_get_object_member (obj, "quote");
      assert_fields (quote, QUOTE_FIELDS);
      ap = json_object_get_double_member (quote, "ap");
      bp = json_object_get_double_member (quote, "bp");
      g_assert_cmpfloat (bp, <, p);
      g_assert_cmpfloat (p, <, ap);
      g_assert_cmpfloat (ap - bp, <=, 0.10 + 1e-9);
      g_assert_cmpint (json_object_get_int_member (quote, "as"), >, 0);
      g_assert_cmpint (json_object_get_int_member (quote, "bs"), >, 0);
    }
}

static void
test_latest_quotes_multi (SandboxFixture *f,
                          gconstpointer   data)
{
  g_autoptr (TestReply) reply = get_ok (f, "data:/v2/stocks/quotes/latest?symbols=GOOGL,%20BRK.B,XXXX");
  JsonObject *obj = test_reply_object (reply);
  JsonObject *quotes;

  assert_fields (obj, "quotes:o");
  quotes = json_object_get_object_member (obj, "quotes");
  assert_fields (quotes, "GOOGL:o BRK.B:o");
  assert_fields (json_object_get_object_member (quotes, "GOOGL"), QUOTE_FIELDS);
  assert_fields (json_object_get_object_member (quotes, "BRK.B"), QUOTE_FIELDS);

  {
    g_autoptr (TestReply) none = get_ok (f, "data:/v2/stocks/quotes/latest?symbols=XXXX");

    assert_fields (json_object_get_object_member (test_reply_object (none), "quotes"), "");
  }
}

/* ---- bars --------------------------------------------------------------------------- */

static void
test_bars_shape (SandboxFixture *f,
                 gconstpointer   data)
{
  g_autofree char *start = utc_time (-1, 10 * 3600);
  g_autofree char *end = utc_time (-1, 10 * 3600 + 9 * 60);
  g_autofree char *url = bars_url ("MSFT", "1Min", start, end, "feed=iex&adjustment=raw");
  g_autoptr (TestReply) reply = get_ok (f, url);
  JsonArray *bars = reply_bars (reply);
  JsonObject *obj = test_reply_object (reply);

  g_assert_cmpstr (json_object_get_string_member (obj, "symbol"), ==, "MSFT");
  g_assert_true (json_object_get_null_member (obj, "next_page_token"));
  /* start and end are both inclusive */
  g_assert_cmpuint (json_array_get_length (bars), ==, 10);
  for (guint i = 0; i < json_array_get_length (bars); i++)
    {
      JsonObject *bar = json_array_get_object_element (bars, i);

      assert_bar (bar);
      g_assert_cmpint (unix_of (json_object_get_string_member (bar, "t")), ==,
                       unix_of (start) + 60 * (gint64) i);
      /* consecutive minutes join up: each opens where the one before closed */
      if (i > 0)
        g_assert_cmpfloat (json_object_get_double_member (bar, "o"), ==,
                           json_object_get_double_member (json_array_get_object_element (bars, i - 1), "c"));
    }
}

static void
test_bars_paging (SandboxFixture *f,
                  gconstpointer   data)
{
  g_autofree char *start = utc_time (-2, 22 * 3600);
  g_autofree char *end = utc_time (-1, 1 * 3600 + 59 * 60);
  g_autofree char *one_url = bars_url ("AAPL", "1Min", start, end, "limit=10000");
  g_autofree char *paged_url = bars_url ("AAPL", "1Min", start, end, "limit=7");
  g_autoptr (TestReply) one = get_ok (f, one_url);
  JsonArray *all = reply_bars (one);
  g_autoptr (GPtrArray) paged = NULL;
  guint n_pages = 0;

  /* 22:00 .. 01:59 across midnight: 240 minutes */
  g_assert_cmpuint (json_array_get_length (all), ==, 240);
  g_assert_true (json_object_get_null_member (test_reply_object (one), "next_page_token"));

  paged = walk_pages (f, paged_url, 7, &n_pages);
  g_assert_cmpuint (paged->len, ==, 240);
  g_assert_cmpuint (n_pages, ==, (240 + 6) / 7);
  for (guint i = 0; i < paged->len; i++)
    {
      g_autofree char *text = json_to_string (json_array_get_element (all, i), FALSE);

      g_assert_cmpstr (g_ptr_array_index (paged, i), ==, text);
    }

  /* an exact multiple ends with a null token, not an empty page */
  {
    g_autofree char *url = bars_url ("AAPL", "1Min", start, end, "limit=60");
    g_autoptr (GPtrArray) pages = walk_pages (f, url, 60, &n_pages);

    g_assert_cmpuint (pages->len, ==, 240);
    g_assert_cmpuint (n_pages, ==, 4);
  }
}

static void
test_bars_sort_desc (SandboxFixture *f,
                     gconstpointer   data)
{
  g_autofree char *start = utc_time (-1, 0);
  g_autofree char *end = utc_time (-1, 3 * 3600);
  g_autofree char *asc_url = bars_url ("NVDA", "15Min", start, end, "sort=asc");
  g_autofree char *desc_url = bars_url ("NVDA", "15Min", start, end, "sort=desc");
  g_autofree char *desc_paged_url = bars_url ("NVDA", "15Min", start, end, "sort=desc&limit=5");
  g_autoptr (TestReply) asc = get_ok (f, asc_url);
  g_autoptr (TestReply) desc = get_ok (f, desc_url);
  g_autoptr (GPtrArray) paged = NULL;
  JsonArray *a = reply_bars (asc);
  JsonArray *d = reply_bars (desc);
  guint n = json_array_get_length (a);
  guint n_pages = 0;

  g_assert_cmpuint (n, ==, 13);
  g_assert_cmpuint (json_array_get_length (d), ==, n);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *x = json_to_string (json_array_get_element (a, i), FALSE);
      g_autofree char *y = json_to_string (json_array_get_element (d, n - 1 - i), FALSE);

      g_assert_cmpstr (x, ==, y);
    }
  /* desc starts at end */
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (d, 0), "t"), ==, end);

  paged = walk_pages (f, desc_paged_url, 5, &n_pages);
  g_assert_cmpuint (paged->len, ==, n);
  g_assert_cmpuint (n_pages, ==, 3);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *y = json_to_string (json_array_get_element (d, i), FALSE);

      g_assert_cmpstr (g_ptr_array_index (paged, i), ==, y);
    }
}

/* Checks that bar (of the larger timeframe) aggregates parts: open of the first, close
 * of the last, extreme high and low, summed volume and trade count. */
static void
assert_aggregates (JsonObject *bar,
                   JsonArray  *parts)
{
  guint n = json_array_get_length (parts);
  double h = -INFINITY, l = INFINITY;
  gint64 v = 0, trades = 0;

  g_assert_cmpuint (n, >, 0);
  g_assert_cmpstr (json_object_get_string_member (bar, "t"), ==,
                   json_object_get_string_member (json_array_get_object_element (parts, 0), "t"));
  g_assert_cmpfloat (json_object_get_double_member (bar, "o"), ==,
                     json_object_get_double_member (json_array_get_object_element (parts, 0), "o"));
  g_assert_cmpfloat (json_object_get_double_member (bar, "c"), ==,
                     json_object_get_double_member (json_array_get_object_element (parts, n - 1), "c"));
  for (guint i = 0; i < n; i++)
    {
      JsonObject *p = json_array_get_object_element (parts, i);

      h = MAX (h, json_object_get_double_member (p, "h"));
      l = MIN (l, json_object_get_double_member (p, "l"));
      v += json_object_get_int_member (p, "v");
      trades += json_object_get_int_member (p, "n");
    }
  g_assert_cmpfloat (json_object_get_double_member (bar, "h"), ==, h);
  g_assert_cmpfloat (json_object_get_double_member (bar, "l"), ==, l);
  g_assert_cmpint (json_object_get_int_member (bar, "v"), ==, v);
  g_assert_cmpint (json_object_get_int_member (bar, "n"), ==, trades);
}

static void
test_bars_timeframes (SandboxFixture *f,
                      gconstpointer   data)
{
  static const struct { const char *timeframe; gint64 step; } fixed[] = {
    { "1Min", 60 }, { "1T", 60 }, { "5Min", 300 }, { "59Min", 59 * 60 }, { "15T", 900 },
    { "1Hour", 3600 }, { "1H", 3600 }, { "4H", 4 * 3600 }, { "23Hour", 23 * 3600 },
    { "1Day", 86400 }, { "1D", 86400 },
  };
  g_autofree char *start = utc_time (-3, 0);
  g_autofree char *end = utc_time (-1, 0);

  for (guint i = 0; i < G_N_ELEMENTS (fixed); i++)
    {
      g_autofree char *url = bars_url ("MSFT", fixed[i].timeframe, start, end, "limit=10000");
      g_autoptr (TestReply) reply = get_ok (f, url);
      JsonArray *bars = reply_bars (reply);
      gint64 prev = 0;

      g_assert_cmpuint (json_array_get_length (bars), >, 1);
      for (guint j = 0; j < json_array_get_length (bars); j++)
        {
          JsonObject *bar = json_array_get_object_element (bars, j);
          gint64 t = unix_of (json_object_get_string_member (bar, "t"));

          assert_bar (bar);
          g_assert_cmpint (t, >=, unix_of (start));
          g_assert_cmpint (t, <=, unix_of (end));
          /* bars restart at every UTC midnight; within a day they are step apart */
          if (j == 0)
            g_assert_cmpint (t % 86400 % fixed[i].step, ==, 0);
          else if (t % 86400 == 0)
            g_assert_cmpint (t - prev, <=, fixed[i].step);
          else
            g_assert_cmpint (t - prev, ==, fixed[i].step);
          prev = t;
        }
    }

  /* larger bars aggregate the smaller ones */
  {
    g_autofree char *a = utc_time (-1, 12 * 3600);
    g_autofree char *b = utc_time (-1, 12 * 3600 + 4 * 60);
    g_autofree char *five_url = bars_url ("TSLA", "5Min", a, a, NULL);
    g_autofree char *ones_url = bars_url ("TSLA", "1Min", a, b, NULL);
    g_autoptr (TestReply) five = get_ok (f, five_url);
    g_autoptr (TestReply) ones = get_ok (f, ones_url);

    g_assert_cmpuint (json_array_get_length (reply_bars (five)), ==, 1);
    assert_aggregates (json_array_get_object_element (reply_bars (five), 0), reply_bars (ones));
  }
  {
    g_autofree char *day = utc_time (-2, 0);
    g_autofree char *last = utc_time (-2, 86400 - 60);
    g_autofree char *day_url = bars_url ("TSLA", "1Day", day, day, NULL);
    g_autofree char *minutes_url = bars_url ("TSLA", "1Min", day, last, "limit=2000");
    g_autofree char *hours_url = bars_url ("TSLA", "1Hour", day, last, NULL);
    g_autoptr (TestReply) d = get_ok (f, day_url);
    g_autoptr (TestReply) m = get_ok (f, minutes_url);
    g_autoptr (TestReply) h = get_ok (f, hours_url);

    g_assert_cmpuint (json_array_get_length (reply_bars (m)), ==, 1440);
    g_assert_cmpuint (json_array_get_length (reply_bars (h)), ==, 24);
    assert_aggregates (json_array_get_object_element (reply_bars (d), 0), reply_bars (m));
    assert_aggregates (json_array_get_object_element (reply_bars (d), 0), reply_bars (h));
  }
}

static void
test_bars_week_month (SandboxFixture *f,
                      gconstpointer   data)
{
  const char *weeks[] = { "1Week", "1W" };
  const char *months[] = { "1Month", "1M", "3M", "12Month" };

  for (guint i = 0; i < G_N_ELEMENTS (weeks); i++)
    {
      g_autofree char *url = bars_url ("SPY", weeks[i], "2023-01-01T00:00:00Z",
                                       "2023-03-31T00:00:00Z", NULL);
      g_autoptr (TestReply) reply = get_ok (f, url);
      JsonArray *bars = reply_bars (reply);

      /* the Mondays of 2023 from Jan 2 to Mar 27 */
      g_assert_cmpuint (json_array_get_length (bars), ==, 13);
      g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (bars, 0), "t"),
                       ==, "2023-01-02T00:00:00Z");
      g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (bars, 12), "t"),
                       ==, "2023-03-27T00:00:00Z");
      for (guint j = 0; j < json_array_get_length (bars); j++)
        assert_bar (json_array_get_object_element (bars, j));
    }

  {
    g_autofree char *week_url = bars_url ("SPY", "1Week", "2023-01-02T00:00:00Z",
                                          "2023-01-02T00:00:00Z", NULL);
    g_autofree char *days_url = bars_url ("SPY", "1Day", "2023-01-02T00:00:00Z",
                                          "2023-01-08T00:00:00Z", NULL);
    g_autoptr (TestReply) week = get_ok (f, week_url);
    g_autoptr (TestReply) days = get_ok (f, days_url);

    g_assert_cmpuint (json_array_get_length (reply_bars (days)), ==, 7);
    assert_aggregates (json_array_get_object_element (reply_bars (week), 0), reply_bars (days));
  }

  for (guint i = 0; i < G_N_ELEMENTS (months); i++)
    {
      g_autofree char *url = bars_url ("SPY", months[i], "2022-01-01T00:00:00Z",
                                       "2023-12-31T00:00:00Z", NULL);
      g_autoptr (TestReply) reply = get_ok (f, url);
      JsonArray *bars = reply_bars (reply);
      guint n = g_str_equal (months[i], "3M") ? 8 : g_str_equal (months[i], "12Month") ? 2 : 24;

      g_assert_cmpuint (json_array_get_length (bars), ==, n);
      for (guint j = 0; j < n; j++)
        {
          JsonObject *bar = json_array_get_object_element (bars, j);
          g_autofree char *expected = g_strdup_printf ("%d-%02u-01T00:00:00Z", 2022 + (int) (j * (24 / n)) / 12,
                                                       (j * (24 / n)) % 12 + 1);

          assert_bar (bar);
          g_assert_cmpstr (json_object_get_string_member (bar, "t"), ==, expected);
        }
    }

  {
    g_autofree char *month_url = bars_url ("SPY", "1Month", "2023-02-01T00:00:00Z",
                                           "2023-02-01T00:00:00Z", NULL);
    g_autofree char *days_url = bars_url ("SPY", "1D", "2023-02-01T00:00:00Z",
                                          "2023-02-28T23:59:00Z", NULL);
    g_autoptr (TestReply) month = get_ok (f, month_url);
    g_autoptr (TestReply) days = get_ok (f, days_url);

    g_assert_cmpuint (json_array_get_length (reply_bars (days)), ==, 28);
    assert_aggregates (json_array_get_object_element (reply_bars (month), 0), reply_bars (days));
  }
}

static void
test_bars_invalid_timeframe (SandboxFixture *f,
                             gconstpointer   data)
{
  const char *bad[] = { "", "0Min", "60Min", "100Min", "24Hour", "0H", "2Day", "2D", "2Week",
                        "13Month", "0M", "1min", "1Sec", "Min", "1", "1Minute", "01Min",
                        "-1Min", "1Min%20", "1Y" };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *url = g_strdup_printf ("data:/v2/stocks/AAPL/bars?timeframe=%s", bad[i]);
      g_autoptr (TestReply) reply = test_request (f, "GET", url, f->token, NULL);

      assert_message (reply, 400);
    }

  {
    g_autoptr (TestReply) missing = test_request (f, "GET", "data:/v2/stocks/AAPL/bars", f->token, NULL);
    g_autoptr (TestReply) multi = test_request (f, "GET", "data:/v2/stocks/bars?symbols=AAPL",
                                                f->token, NULL);

    assert_message (missing, 400);
    assert_message (multi, 400);
  }
}

static void
test_bars_start_end (SandboxFixture *f,
                     gconstpointer   data)
{
  /* start is rounded up to the next bar, end includes the bar starting at it */
  {
    g_autofree char *start = utc_time (-1, 10 * 3600 + 30);
    g_autofree char *end = utc_time (-1, 10 * 3600 + 5 * 60);
    g_autofree char *first = utc_time (-1, 10 * 3600 + 60);
    g_autofree char *url = bars_url ("AAPL", "1Min", start, end, NULL);
    g_autoptr (TestReply) reply = get_ok (f, url);
    JsonArray *bars = reply_bars (reply);

    g_assert_cmpuint (json_array_get_length (bars), ==, 5);
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (bars, 0), "t"),
                     ==, first);
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (bars, 4), "t"),
                     ==, end);
  }

  /* a bare date and an offset are accepted as times */
  {
    g_autofree char *url = bars_url ("AAPL", "1Hour", "2024-01-08", "2024-01-08T05:00:00-05:00", NULL);
    g_autoptr (TestReply) reply = get_ok (f, url);
    JsonArray *bars = reply_bars (reply);

    g_assert_cmpuint (json_array_get_length (bars), ==, 11);
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (bars, 10), "t"),
                     ==, "2024-01-08T10:00:00Z");
  }

  /* the same bars, whatever the range they are asked with */
  {
    g_autofree char *wide = bars_url ("AAPL", "1Hour", "2024-01-07T00:00:00Z", "2024-01-09T00:00:00Z", NULL);
    g_autofree char *narrow = bars_url ("AAPL", "1Hour", "2024-01-08T03:00:00Z", "2024-01-08T03:00:00Z", NULL);
    g_autoptr (TestReply) w = get_ok (f, wide);
    g_autoptr (TestReply) n = get_ok (f, narrow);
    g_autofree char *x = json_to_string (json_array_get_element (reply_bars (w), 27), FALSE);
    g_autofree char *y = json_to_string (json_array_get_element (reply_bars (n), 0), FALSE);

    g_assert_cmpstr (x, ==, y);
  }

  /* defaults: from the start of today (UTC) to now; the current minute is not complete */
  {
    gint64 now = g_get_real_time () / G_USEC_PER_SEC;
    g_autoptr (TestReply) reply = get_ok (f, "data:/v2/stocks/AAPL/bars?timeframe=1Min&limit=10000");
    JsonArray *bars = reply_bars (reply);
    guint n = json_array_get_length (bars);

    if (now % 86400 >= 120 && now % 86400 < 86400 - 120)
      {
        g_assert_cmpuint (n, >, 0);
        g_assert_cmpint (unix_of (json_object_get_string_member (json_array_get_object_element (bars, 0), "t")),
                         ==, now / 86400 * 86400);
        g_assert_cmpint (unix_of (json_object_get_string_member (json_array_get_object_element (bars, n - 1), "t")),
                         >=, now / 60 * 60 - 120);
        g_assert_cmpint (unix_of (json_object_get_string_member (json_array_get_object_element (bars, n - 1), "t")),
                         <=, now / 60 * 60 - 60);
      }
    else
      g_test_message ("too close to midnight UTC to check the default range");
  }

  /* a future range has no bars yet */
  {
    g_autofree char *start = utc_time (2, 0);
    g_autofree char *end = utc_time (3, 0);
    g_autofree char *url = bars_url ("AAPL", "1Min", start, end, NULL);
    g_autoptr (TestReply) reply = get_ok (f, url);

    g_assert_cmpuint (json_array_get_length (reply_bars (reply)), ==, 0);
    g_assert_true (json_object_get_null_member (test_reply_object (reply), "next_page_token"));
  }

  /* end before start cannot be processed; malformed times are bad requests */
  {
    g_autofree char *url = bars_url ("AAPL", "1Min", "2024-01-09T00:00:00Z", "2024-01-08T00:00:00Z", NULL);
    g_autoptr (TestReply) reply = test_request (f, "GET", url, f->token, NULL);

    assert_message (reply, 422);
  }
  {
    const char *bad[] = { "start=yesterday", "end=2024-13-01T00:00:00Z", "start=2024-01-08T25:00:00Z",
                          "end=12345" };

    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        g_autofree char *url = g_strdup_printf ("data:/v2/stocks/AAPL/bars?timeframe=1Min&%s", bad[i]);
        g_autoptr (TestReply) reply = test_request (f, "GET", url, f->token, NULL);

        assert_message (reply, 400);
      }
  }
}

static void
test_bars_limit (SandboxFixture *f,
                 gconstpointer   data)
{
  const char *bad[] = { "0", "10001", "-1", "abc", "", "1.5", "99999999999999999999" };
  g_autofree char *start = utc_time (-30, 0);
  g_autofree char *end = utc_time (-1, 0);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *extra = g_strdup_printf ("limit=%s", bad[i]);
      g_autofree char *url = bars_url ("AAPL", "1Min", start, end, extra);
      g_autoptr (TestReply) reply = test_request (f, "GET", url, f->token, NULL);

      assert_message (reply, 400);
    }

  {
    g_autofree char *url = bars_url ("AAPL", "1Min", start, end, "limit=1");
    g_autoptr (TestReply) reply = get_ok (f, url);

    g_assert_cmpuint (json_array_get_length (reply_bars (reply)), ==, 1);
    g_assert_false (json_object_get_null_member (test_reply_object (reply), "next_page_token"));
  }
  {
    g_autofree char *url = bars_url ("AAPL", "1Min", start, end, "limit=10000");
    g_autoptr (TestReply) reply = get_ok (f, url);

    g_assert_cmpuint (json_array_get_length (reply_bars (reply)), ==, 10000);
    g_assert_false (json_object_get_null_member (test_reply_object (reply), "next_page_token"));
  }
  /* the default is 1000 */
  {
    g_autofree char *url = bars_url ("AAPL", "1Min", start, end, NULL);
    g_autoptr (TestReply) reply = get_ok (f, url);

    g_assert_cmpuint (json_array_get_length (reply_bars (reply)), ==, 1000);
  }
}

static void
test_bars_bad_params (SandboxFixture *f,
                      gconstpointer   data)
{
  /* page tokens: not hex, no minute, another symbol, before the history, far in the
   * future, not the start of a bar of the timeframe */
  const char *bad[] = { "sort=up", "feed=nasdaq", "adjustment=none", "adjustment=split,bogus",
                        "page_token=zz", "page_token=4141", "page_token=414141413a31",
                        "page_token=4141504c3a31",
                        "page_token=4141504c3a3939393939393939393939393939393939",
                        "page_token=4141504c3a3239393331383431" };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *url = g_strdup_printf ("data:/v2/stocks/AAPL/bars?timeframe=1Month&%s", bad[i]);
      g_autoptr (TestReply) reply = test_request (f, "GET", url, f->token, NULL);

      assert_message (reply, 400);
    }

  /* a token of another symbol is refused; every feed and adjustment Alpaca knows is not */
  {
    g_autofree char *start = utc_time (-1, 0);
    g_autofree char *end = utc_time (-1, 600);
    g_autofree char *url = bars_url ("MSFT", "1Min", start, end, "limit=2");
    g_autoptr (TestReply) reply = get_ok (f, url);
    const char *token = json_object_get_string_member (test_reply_object (reply), "next_page_token");
    g_autofree char *other = g_strdup_printf ("data:/v2/stocks/AAPL/bars?timeframe=1Min&start=%s&end=%s"
                                              "&page_token=%s", start, end, token);
    g_autoptr (TestReply) refused = test_request (f, "GET", other, f->token, NULL);
    const char *ok[] = { "feed=sip", "feed=iex", "feed=otc", "adjustment=all",
                         "adjustment=split,dividend", "sort=asc" };

    assert_message (refused, 400);
    for (guint i = 0; i < G_N_ELEMENTS (ok); i++)
      {
        g_autofree char *ok_url = bars_url ("MSFT", "1Min", start, end, ok[i]);
        g_autoptr (TestReply) r = get_ok (f, ok_url);

        g_assert_cmpuint (json_array_get_length (reply_bars (r)), ==, 11);
      }
  }
}

static void
test_bars_multi (SandboxFixture *f,
                 gconstpointer   data)
{
  g_autofree char *start = utc_time (-1, 6 * 3600);
  g_autofree char *end = utc_time (-1, 6 * 3600 + 29 * 60);
  g_autofree char *url = g_strdup_printf ("data:/v2/stocks/bars?symbols=MSFT,AAPL,NOPE&timeframe=1Min"
                                          "&start=%s&end=%s", start, end);
  g_autoptr (TestReply) reply = get_ok (f, url);
  JsonObject *obj = test_reply_object (reply);
  JsonObject *bars;
  g_autoptr (GPtrArray) walked = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *token = NULL;
  guint n_pages = 0;

  assert_fields (obj, "bars:o next_page_token:S");
  g_assert_true (json_object_get_null_member (obj, "next_page_token"));
  bars = json_object_get_object_member (obj, "bars");
  assert_fields (bars, "AAPL:A MSFT:A");
  for (guint s = 0; s < 2; s++)
    {
      JsonArray *list = json_object_get_array_member (bars, s == 0 ? "AAPL" : "MSFT");

      g_assert_cmpuint (json_array_get_length (list), ==, 30);
      for (guint i = 0; i < json_array_get_length (list); i++)
        assert_bar (json_array_get_object_element (list, i));
    }

  /* the single-symbol endpoint has the same bars */
  {
    g_autofree char *single_url = bars_url ("MSFT", "1Min", start, end, NULL);
    g_autoptr (TestReply) single = get_ok (f, single_url);
    g_autofree char *x = json_to_string (json_object_get_member (bars, "MSFT"), FALSE);
    g_autofree char *y = json_to_string (json_object_get_member (test_reply_object (single), "bars"), FALSE);

    g_assert_cmpstr (x, ==, y);
  }

  /* the limit counts bars of all symbols; paging goes through AAPL, then MSFT */
  do
    {
      g_autofree char *page_url = g_strdup_printf ("%s&limit=8%s%s", url, token ? "&page_token=" : "",
                                                   token ? token : "");
      g_autoptr (TestReply) page = get_ok (f, page_url);
      JsonObject *page_obj = test_reply_object (page);
      JsonObject *page_bars = json_object_get_object_member (page_obj, "bars");
      const char *order[] = { "AAPL", "MSFT" };
      guint count = 0;

      for (guint s = 0; s < G_N_ELEMENTS (order); s++)
        {
          JsonArray *list = json_object_has_member (page_bars, order[s])
                              ? json_object_get_array_member (page_bars, order[s]) : NULL;

          for (guint i = 0; list != NULL && i < json_array_get_length (list); i++)
            {
              g_autofree char *text = json_to_string (json_array_get_element (list, i), FALSE);

              g_ptr_array_add (walked, g_strdup_printf ("%s %s", order[s], text));
              count++;
            }
        }
      g_clear_pointer (&token, g_free);
      if (!json_object_get_null_member (page_obj, "next_page_token"))
        {
          token = g_strdup (json_object_get_string_member (page_obj, "next_page_token"));
          g_assert_cmpuint (count, ==, 8);
        }
      n_pages++;
    }
  while (token != NULL && n_pages < 100);

  g_assert_cmpuint (n_pages, ==, 8);
  g_assert_cmpuint (walked->len, ==, 60);
  for (guint i = 0; i < walked->len; i++)
    {
      const char *sym = i < 30 ? "AAPL" : "MSFT";
      g_autofree char *text = json_to_string (json_array_get_element (json_object_get_array_member (bars, sym),
                                                                      i % 30), FALSE);
      g_autofree char *expected = g_strdup_printf ("%s %s", sym, text);

      g_assert_cmpstr (g_ptr_array_index (walked, i), ==, expected);
    }
}

static void
test_latest_bar (SandboxFixture *f,
                 gconstpointer   data)
{
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  g_autoptr (TestReply) reply = get_ok (f, "data:/v2/stocks/IBM/bars/latest");
  JsonObject *obj = test_reply_object (reply);
  JsonObject *bar;
  gint64 t;

  assert_fields (obj, "symbol:s bar:o");
  g_assert_cmpstr (json_object_get_string_member (obj, "symbol"), ==, "IBM");
  bar = json_object_get_object_member (obj, "bar");
  assert_bar (bar);
  /* the last complete minute */
  t = unix_of (json_object_get_string_member (bar, "t"));
  g_assert_cmpint (t % 60, ==, 0);
  g_assert_cmpint (t, <=, now - 60);
  g_assert_cmpint (t, >=, now - 180);

  {
    g_autoptr (TestReply) multi = get_ok (f, "data:/v2/stocks/bars/latest?symbols=IBM,KO,NOPE");
    JsonObject *bars;

    assert_fields (test_reply_object (multi), "bars:o");
    bars = json_object_get_object_member (test_reply_object (multi), "bars");
    assert_fields (bars, "IBM:o KO:o");
    assert_bar (json_object_get_object_member (bars, "IBM"));
    assert_bar (json_object_get_object_member (bars, "KO"));
  }
}

static void
assert_snapshot (JsonObject *snap,
                 double      price)
{
  JsonObject *daily;

  assert_fields (json_object_get_object_member (snap, "latestTrade"), TRADE_FIELDS);
  assert_fields (json_object_get_object_member (snap, "latestQuote"), QUOTE_FIELDS);
  assert_bar (json_object_get_object_member (snap, "minuteBar"));
  assert_bar (json_object_get_object_member (snap, "dailyBar"));
  assert_bar (json_object_get_object_member (snap, "prevDailyBar"));
  g_assert_cmpfloat (json_object_get_double_member (json_object_get_object_member (snap, "latestTrade"), "p"),
                     ==, price);
  /* today's bar closes at the latest trade and starts at midnight UTC; yesterday's the day before */
  daily = json_object_get_object_member (snap, "dailyBar");
  g_assert_cmpfloat (json_object_get_double_member (daily, "c"), ==, price);
  g_assert_cmpint (unix_of (json_object_get_string_member (daily, "t")), ==,
                   g_get_real_time () / G_USEC_PER_SEC / 86400 * 86400);
  g_assert_cmpint (unix_of (json_object_get_string_member (json_object_get_object_member (snap, "prevDailyBar"), "t")),
                   ==, unix_of (json_object_get_string_member (daily, "t")) - 86400);
}

static void
test_snapshot (SandboxFixture *f,
               gconstpointer   data)
{
  g_assert_true (paddock_sandbox_set_price (f->sandbox, "NFLX", "512.34"));

  {
    g_autoptr (TestReply) reply = get_ok (f, "data:/v2/stocks/NFLX/snapshot");
    JsonObject *obj = test_reply_object (reply);

    assert_fields (obj, "symbol:s latestTrade:o latestQuote:o minuteBar:o dailyBar:o prevDailyBar:o");
    g_assert_cmpstr (json_object_get_string_member (obj, "symbol"), ==, "NFLX");
    assert_snapshot (obj, 512.34);
  }

  {
    g_autoptr (TestReply) reply = get_ok (f, "data:/v2/stocks/snapshots?symbols=NFLX,KO,NOPE");
    JsonObject *obj = test_reply_object (reply);

    /* a top-level map, no wrapper */
    assert_fields (obj, "NFLX:o KO:o");
    assert_fields (json_object_get_object_member (obj, "KO"),
                   "latestTrade:o latestQuote:o minuteBar:o dailyBar:o prevDailyBar:o");
    assert_snapshot (json_object_get_object_member (obj, "NFLX"), 512.34);
    assert_snapshot (json_object_get_object_member (obj, "KO"), latest_price (f, "KO"));
  }
}

/* ---- errors and auth ---------------------------------------------------------------- */

static void
test_unknown_symbol (SandboxFixture *f,
                     gconstpointer   data)
{
  const char *paths[] = { "/trades/latest", "/quotes/latest", "/bars/latest", "/bars?timeframe=1Min",
                          "/snapshot" };
  const char *names[] = { "NOPE", "aapl", "AAPL:NASDAQ" };

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    for (guint j = 0; j < G_N_ELEMENTS (names); j++)
      {
        g_autofree char *url = g_strdup_printf ("data:/v2/stocks/%s%s", names[j], paths[i]);
        g_autoptr (TestReply) reply = test_request (f, "GET", url, f->token, NULL);

        assert_message (reply, 404);
      }
}

static void
test_missing_symbols (SandboxFixture *f,
                      gconstpointer   data)
{
  const char *urls[] = {
    "data:/v2/stocks/trades/latest", "data:/v2/stocks/quotes/latest?symbols=",
    "data:/v2/stocks/bars/latest?symbols=,,", "data:/v2/stocks/bars?timeframe=1Min",
    "data:/v2/stocks/snapshots",
  };

  for (guint i = 0; i < G_N_ELEMENTS (urls); i++)
    {
      g_autoptr (TestReply) reply = test_request (f, "GET", urls[i], f->token, NULL);

      assert_message (reply, 400);
    }
}

static void
test_auth (SandboxFixture *f,
           gconstpointer   data)
{
  const char *urls[] = {
    "data:/v2/stocks/AAPL/trades/latest", "data:/v2/stocks/trades/latest?symbols=AAPL",
    "data:/v2/stocks/AAPL/quotes/latest", "data:/v2/stocks/quotes/latest?symbols=AAPL",
    "data:/v2/stocks/AAPL/bars?timeframe=1Day", "data:/v2/stocks/bars?symbols=AAPL&timeframe=1Day",
    "data:/v2/stocks/AAPL/bars/latest", "data:/v2/stocks/bars/latest?symbols=AAPL",
    "data:/v2/stocks/AAPL/snapshot", "data:/v2/stocks/snapshots?symbols=AAPL",
  };
  g_autofree char *no_data = paddock_sandbox_issue_token (f->sandbox, "account:write trading", "paper");
  g_autofree char *live = paddock_sandbox_issue_token (f->sandbox, "data", "live");
  g_autofree char *revoked = paddock_sandbox_issue_token (f->sandbox, "data", "paper");

  g_assert_true (paddock_sandbox_revoke_token (f->sandbox, revoked));

  for (guint i = 0; i < G_N_ELEMENTS (urls); i++)
    {
      g_autoptr (TestReply) anonymous = test_request (f, "GET", urls[i], NULL, NULL);
      g_autoptr (TestReply) unknown = test_request (f, "GET", urls[i], "not-a-token", NULL);
      g_autoptr (TestReply) gone = test_request (f, "GET", urls[i], revoked, NULL);
      g_autoptr (TestReply) scopeless = test_request (f, "GET", urls[i], no_data, NULL);
      g_autoptr (TestReply) live_reply = test_request (f, "GET", urls[i], live, NULL);

      assert_message (anonymous, 401);
      assert_message (unknown, 401);
      assert_message (gone, 401);
      assert_message (scopeless, 403);
      /* the data host takes a token of either environment */
      g_assert_cmpuint (live_reply->status, ==, 200);
    }

  /* only GET */
  {
    g_autoptr (TestReply) reply = test_request (f, "POST", "data:/v2/stocks/AAPL/trades/latest",
                                                f->token, "{}");

    assert_message (reply, 405);
  }
}

/* ---- Polygon ------------------------------------------------------------------------ */

static void
test_polygon_last_trade (SandboxFixture *f,
                         gconstpointer   data)
{
  g_autofree char *key = key_id_of (f, f->token);
  g_autofree char *url = g_strdup_printf ("polygon:/v1/last/stocks/MSFT?apiKey=%s", key);
  g_autoptr (TestReply) reply = NULL;
  JsonObject *obj, *last;
  gint64 now_ms = g_get_real_time () / 1000;

  g_assert_true (paddock_sandbox_set_price (f->sandbox, "MSFT", "370.48"));
  reply = test_request (f, "GET", url, NULL, NULL);
  g_assert_cmpuint (reply->status, ==, 200);
  obj = test_reply_object (reply);
  assert_fields (obj, "status:s symbol:s last:o");
  g_assert_cmpstr (json_object_get_string_member (obj, "status"), ==, "success");
  g_assert_cmpstr (json_object_get_string_member (obj, "symbol"), ==, "MSFT");
  last = json_object_get_object_member (obj, "last");
  assert_fields (last, "price:n size:i exchange:i cond1:i cond2:i cond3:i cond4:i timestamp:i");
  g_assert_cmpfloat (json_object_get_double_member (last, "price"), ==, 370.48);
  g_assert_cmpint (json_object_get_int_member (last, "exchange"), ==, 12);
  /* epoch milliseconds */
  g_assert_cmpint (json_object_get_int_member (last, "timestamp"), >=, now_ms - 5000);
  g_assert_cmpint (json_object_get_int_member (last, "timestamp"), <=, now_ms + 60000);
  g_assert_cmpfloat (json_object_get_double_member (last, "price"), ==, latest_price (f, "MSFT"));
}

static void
test_polygon_last_quote (SandboxFixture *f,
                         gconstpointer   data)
{
  g_autofree char *key = key_id_of (f, f->token);
  g_autofree char *url = g_strdup_printf ("polygon:/v1/last_quote/stocks/JPM?apiKey=%s", key);
  g_autoptr (TestReply) reply = test_request (f, "GET", url, NULL, NULL);
  JsonObject *obj, *last;
  double p = latest_price (f, "JPM");

  g_assert_cmpuint (reply->status, ==, 200);
  obj = test_reply_object (reply);
  assert_fields (obj, "status:s symbol:s last:o");
  g_assert_cmpstr (json_object_get_string_member (obj, "status"), ==, "success");
  last = json_object_get_object_member (obj, "last");
  assert_fields (last, "askprice:n asksize:i askexchange:i bidprice:n bidsize:i bidexchange:i timestamp:i");
  g_assert_cmpfloat (json_object_get_double_member (last, "bidprice"), <, p);
  g_assert_cmpfloat (json_object_get_double_member (last, "askprice"), >, p);
  g_assert_cmpint (json_object_get_int_member (last, "askexchange"), ==, 10);
}

static void
assert_polygon_error (TestReply  *reply,
                      guint       status,
                      const char *polygon_status)
{
  JsonObject *obj;

  g_assert_no_error (reply->error);
  g_assert_cmpuint (reply->status, ==, status);
  obj = test_reply_object (reply);
  assert_fields (obj, "status:s message:s");
  g_assert_cmpstr (json_object_get_string_member (obj, "status"), ==, polygon_status);
}

static void
test_polygon_refused (SandboxFixture *f,
                      gconstpointer   data)
{
  g_autofree char *revoked = paddock_sandbox_issue_token (f->sandbox, "data", "live");
  g_autofree char *revoked_key = key_id_of (f, revoked);
  g_autofree char *key = key_id_of (f, f->token);
  g_autofree char *revoked_url = g_strdup_printf ("polygon:/v1/last/stocks/AAPL?apiKey=%s", revoked_key);
  g_autofree char *lower = g_ascii_strdown (key, -1);
  g_autofree char *lower_url = g_strdup_printf ("polygon:/v1/last/stocks/AAPL?apiKey=%s", lower);
  g_autofree char *unknown_url = g_strdup_printf ("polygon:/v1/last/stocks/NOPE?apiKey=%s", key);
  g_autofree char *unknown_quote_url = g_strdup_printf ("polygon:/v1/last_quote/stocks/NOPE?apiKey=%s", key);
  const char *no_key[] = { "polygon:/v1/last/stocks/AAPL", "polygon:/v1/last/stocks/AAPL?apiKey=",
                           "polygon:/v1/last/stocks/AAPL?apiKey=AKNOTAKEY",
                           "polygon:/v1/last_quote/stocks/AAPL?apiKey=AKNOTAKEY" };

  /* the key works until its token is revoked */
  {
    g_autoptr (TestReply) before = test_request (f, "GET", revoked_url, NULL, NULL);

    g_assert_cmpuint (before->status, ==, 200);
  }
  g_assert_true (paddock_sandbox_revoke_token (f->sandbox, revoked));
  {
    g_autoptr (TestReply) after = test_request (f, "GET", revoked_url, NULL, NULL);

    assert_polygon_error (after, 401, "ERROR");
  }

  for (guint i = 0; i < G_N_ELEMENTS (no_key); i++)
    {
      g_autoptr (TestReply) reply = test_request (f, "GET", no_key[i], NULL, NULL);

      assert_polygon_error (reply, 401, "ERROR");
    }

  /* a bearer token is not a Polygon key, and key ids are case-sensitive */
  {
    g_autoptr (TestReply) bearer = test_request (f, "GET", "polygon:/v1/last/stocks/AAPL", f->token, NULL);
    g_autoptr (TestReply) reply = test_request (f, "GET", lower_url, NULL, NULL);

    assert_polygon_error (bearer, 401, "ERROR");
    assert_polygon_error (reply, 401, "ERROR");
  }

  {
    g_autoptr (TestReply) reply = test_request (f, "GET", unknown_url, NULL, NULL);
    g_autoptr (TestReply) quote = test_request (f, "GET", unknown_quote_url, NULL, NULL);

    assert_polygon_error (reply, 404, "NOT_FOUND");
    assert_polygon_error (quote, 404, "NOT_FOUND");
  }
}

/* ---- determinism -------------------------------------------------------------------- */

static char *
bars_body (PaddockSandbox *sandbox,
           SoupSession    *session,
           const char     *access_token,
           const char     *path)
{
  g_autofree char *url = g_strconcat (paddock_sandbox_get_data_url (sandbox), path, NULL);
  g_autoptr (SoupMessage) msg = soup_message_new ("GET", url);
  g_autofree char *auth = g_strdup_printf ("Bearer %s", access_token);
  g_autoptr (GBytes) body = NULL;
  g_autoptr (GError) error = NULL;

  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", auth);
  body = soup_session_send_and_read (session, msg, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
  return g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
}

static void
test_determinism (SandboxFixture *f,
                  gconstpointer   data)
{
  g_autofree char *start = utc_time (-5, 0);
  g_autofree char *end = utc_time (-1, 0);
  g_autofree char *minutes = g_strdup_printf ("/v2/stocks/bars?symbols=AAPL,GME&timeframe=1Min"
                                              "&start=%s&end=%s&limit=3000", start, end);
  g_autofree char *days = g_strdup_printf ("/v2/stocks/AAPL/bars?timeframe=1Day&start=%s&end=%s",
                                           start, end);
  const char *months = "/v2/stocks/SPY/bars?timeframe=1Month&start=2020-01-01&end=2021-01-01";
  const char *paths[] = { minutes, days, months };
  PaddockSandbox *sandboxes[3];
  char *tokens[3];
  g_autoptr (GError) error = NULL;
  const guint64 seeds[] = { 7, 7, 8 };

  for (guint i = 0; i < 3; i++)
    {
      sandboxes[i] = paddock_sandbox_new (seeds[i]);
      paddock_sandbox_set_tick_interval (sandboxes[i], 0);
      g_assert_true (paddock_sandbox_start (sandboxes[i], 0, &error));
      g_assert_no_error (error);
      tokens[i] = paddock_sandbox_issue_token (sandboxes[i], "data", "paper");
    }

  /* the market moving does not change the past */
  paddock_sandbox_tick (sandboxes[1]);
  paddock_sandbox_set_price (sandboxes[1], "AAPL", "10.00");

  for (guint p = 0; p < G_N_ELEMENTS (paths); p++)
    {
      g_autofree char *a = bars_body (sandboxes[0], f->session, tokens[0], paths[p]);
      g_autofree char *b = bars_body (sandboxes[1], f->session, tokens[1], paths[p]);
      g_autofree char *c = bars_body (sandboxes[2], f->session, tokens[2], paths[p]);

      g_assert_cmpuint (strlen (a), >, 100);
      g_assert_cmpstr (a, ==, b);
      g_assert_cmpstr (a, !=, c);
    }

  for (guint i = 0; i < 3; i++)
    {
      paddock_sandbox_stop (sandboxes[i]);
      g_assert_finalize_object (sandboxes[i]);
      g_free (tokens[i]);
    }
}

/* ---- news and screener (v1beta1) ---------------------------------------------------- */

#define NEWS_FIELDS "id:i headline:s author:s created_at:t updated_at:t summary:s content:s " \
                    "url:S images:A symbols:a source:s"

static JsonArray *
reply_news (TestReply *reply)
{
  JsonObject *obj = test_reply_object (reply);

  assert_fields (obj, "news:A next_page_token:S");
  return json_object_get_array_member (obj, "news");
}

static const char *
next_token (TestReply *reply)
{
  JsonNode *node = json_object_get_member (test_reply_object (reply), "next_page_token");

  return JSON_NODE_HOLDS_NULL (node) ? NULL : json_node_get_string (node);
}

static void
test_news_shape (SandboxFixture *f,
                 gconstpointer   data)
{
  g_autoptr (TestReply) reply = get_ok (f, "data:/v1beta1/news");
  g_autoptr (TestReply) with = get_ok (f, "data:/v1beta1/news?include_content=true&limit=50");
  JsonArray *news = reply_news (reply);
  JsonArray *full = reply_news (with);
  gint64 previous = G_MAXINT64;
  guint empty_author = 0, empty_summary = 0, null_url = 0, html = 0;

  /* 10 by default, newest first; content only when asked for */
  g_assert_cmpuint (json_array_get_length (news), ==, 10);
  g_assert_nonnull (next_token (reply));
  for (guint i = 0; i < json_array_get_length (news); i++)
    {
      JsonObject *a = json_array_get_object_element (news, i);
      gint64 t = unix_of (json_object_get_string_member (a, "created_at"));

      assert_fields (a, NEWS_FIELDS);
      g_assert_cmpint (t, <=, previous);
      previous = t;
      g_assert_cmpstr (json_object_get_string_member (a, "content"), ==, "");
      g_assert_cmpstr (json_object_get_string_member (a, "source"), ==, "benzinga");
      g_assert_cmpuint (json_array_get_length (json_object_get_array_member (a, "symbols")), >=, 1);
    }

  g_assert_cmpuint (json_array_get_length (full), ==, 50);
  for (guint i = 0; i < json_array_get_length (full); i++)
    {
      JsonObject *a = json_array_get_object_element (full, i);
      JsonArray *images = json_object_get_array_member (a, "images");

      assert_fields (a, NEWS_FIELDS);
      empty_author += *json_object_get_string_member (a, "author") == '\0';
      empty_summary += *json_object_get_string_member (a, "summary") == '\0';
      null_url += JSON_NODE_HOLDS_NULL (json_object_get_member (a, "url"));
      html += strstr (json_object_get_string_member (a, "content"), "<p>") != NULL &&
              strstr (json_object_get_string_member (a, "content"), "&amp;") != NULL;
      for (guint j = 0; j < json_array_get_length (images); j++)
        {
          JsonObject *image = json_array_get_object_element (images, j);
          const char *size = json_object_get_string_member (image, "size");

          assert_fields (image, "size:s url:s");
          g_assert_true (g_str_equal (size, "large") || g_str_equal (size, "small") ||
                         g_str_equal (size, "thumb"));
        }
    }
  g_assert_cmpuint (empty_author, >, 0);
  g_assert_cmpuint (empty_summary, >, 0);
  g_assert_cmpuint (null_url, >, 0);
  g_assert_cmpuint (html, ==, 50);
}

static void
test_news_paging (SandboxFixture *f,
                  gconstpointer   data)
{
  g_autoptr (GHashTable) seen = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr (GPtrArray) replies = g_ptr_array_new_with_free_func ((GDestroyNotify) test_reply_free);
  g_autofree char *token = NULL;
  guint pages = 0;
  gint64 previous = G_MAXINT64;

  do
    {
      g_autofree char *url = token != NULL
        ? g_strdup_printf ("data:/v1beta1/news?limit=50&page_token=%s", token)
        : g_strdup ("data:/v1beta1/news?limit=50");
      TestReply *reply = get_ok (f, url);
      JsonArray *news = reply_news (reply);

      g_ptr_array_add (replies, reply);
      for (guint i = 0; i < json_array_get_length (news); i++)
        {
          JsonObject *a = json_array_get_object_element (news, i);
          gint64 *id = g_new (gint64, 1);

          *id = json_object_get_int_member (a, "id");
          g_assert_cmpint (*id, <, previous);
          previous = *id;
          g_assert_false (g_hash_table_contains (seen, id));
          g_hash_table_add (seen, id);
        }
      g_clear_pointer (&token, g_free);
      token = g_strdup (next_token (reply));
      pages++;
      g_assert_cmpuint (pages, <, 100);
    }
  while (token != NULL);

  /* every article once, to the end, where the token is null */
  g_assert_cmpuint (g_hash_table_size (seen), ==, 240);
  g_assert_cmpuint (pages, ==, 5);
  {
    GHashTableIter iter;
    gpointer key;

    g_hash_table_iter_init (&iter, seen);
    while (g_hash_table_iter_next (&iter, &key, NULL))
      g_free (key);
  }

  /* ascending, by symbol, by time */
  {
    g_autoptr (TestReply) asc = get_ok (f, "data:/v1beta1/news?sort=asc&limit=20");
    g_autoptr (TestReply) aapl = get_ok (f, "data:/v1beta1/news?symbols=AAPL,MSFT&limit=50");
    JsonArray *news = reply_news (asc);
    JsonArray *only = reply_news (aapl);
    g_autofree char *start = NULL;
    g_autofree char *end = NULL;

    for (guint i = 1; i < json_array_get_length (news); i++)
      g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (news, i), "id"), >,
                       json_object_get_int_member (json_array_get_object_element (news, i - 1), "id"));
    g_assert_cmpuint (json_array_get_length (only), >, 0);
    for (guint i = 0; i < json_array_get_length (only); i++)
      {
        JsonArray *symbols = json_object_get_array_member (json_array_get_object_element (only, i),
                                                           "symbols");
        gboolean found = FALSE;

        for (guint j = 0; j < json_array_get_length (symbols); j++)
          found |= g_str_equal (json_array_get_string_element (symbols, j), "AAPL") ||
                   g_str_equal (json_array_get_string_element (symbols, j), "MSFT");
        g_assert_true (found);
      }

    start = g_strdup (json_object_get_string_member (json_array_get_object_element (news, 10),
                                                     "created_at"));
    end = g_strdup (json_object_get_string_member (json_array_get_object_element (news, 19),
                                                   "created_at"));
    {
      g_autofree char *url = g_strdup_printf ("data:/v1beta1/news?start=%s&end=%s&limit=50",
                                              start, end);
      g_autoptr (TestReply) range = get_ok (f, url);

      g_assert_cmpuint (json_array_get_length (reply_news (range)), ==, 10);
      g_assert_null (next_token (range));
    }
  }
}

static void
test_news_bad_params (SandboxFixture *f,
                      gconstpointer   data)
{
  const char *bad[] = { "limit=51", "limit=0", "sort=up", "include_content=yes", "start=never",
                        "page_token=zz", "page_token=4d5346543a3132" };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *url = g_strdup_printf ("data:/v1beta1/news?%s", bad[i]);
      g_autoptr (TestReply) reply = test_request (f, "GET", url, f->token, NULL);

      assert_message (reply, 400);
    }
  {
    g_autoptr (TestReply) reply = test_request (f, "GET", "data:/v1beta1/news", NULL, NULL);

    g_assert_cmpuint (reply->status, ==, 401);
  }
}

static void
test_most_actives (SandboxFixture *f,
                   gconstpointer   data)
{
  const char *by[] = { "volume", "trades" };

  for (guint k = 0; k < G_N_ELEMENTS (by); k++)
    {
      g_autofree char *url = g_strdup_printf ("data:/v1beta1/screener/stocks/most-actives?by=%s&top=5",
                                              by[k]);
      g_autoptr (TestReply) reply = get_ok (f, url);
      JsonObject *obj = test_reply_object (reply);
      JsonArray *list;
      gint64 previous = G_MAXINT64;

      assert_fields (obj, "most_actives:A last_updated:t");
      list = json_object_get_array_member (obj, "most_actives");
      g_assert_cmpuint (json_array_get_length (list), ==, 5);
      for (guint i = 0; i < 5; i++)
        {
          JsonObject *item = json_array_get_object_element (list, i);
          gint64 value = json_object_get_int_member (item, k == 0 ? "volume" : "trade_count");

          assert_fields (item, "symbol:s volume:i trade_count:i");
          g_assert_cmpint (value, <=, previous);
          previous = value;
        }
    }
  {
    g_autoptr (TestReply) reply = get_ok (f, "data:/v1beta1/screener/stocks/most-actives");

    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (test_reply_object (reply),
                                                                         "most_actives")), ==, 10);
  }
  {
    const char *bad[] = { "by=price", "top=0", "top=101", "top=x" };

    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        g_autofree char *url = g_strdup_printf ("data:/v1beta1/screener/stocks/most-actives?%s",
                                                bad[i]);
        g_autoptr (TestReply) reply = test_request (f, "GET", url, f->token, NULL);

        assert_message (reply, 400);
      }
  }
}

static void
test_movers (SandboxFixture *f,
             gconstpointer   data)
{
  g_autoptr (TestReply) reply = NULL;
  JsonObject *obj;
  JsonArray *gainers, *losers;

  /* one sure gainer and one sure loser */
  g_assert_true (paddock_sandbox_set_price (f->sandbox, "AAPL", "999.50"));
  g_assert_true (paddock_sandbox_set_price (f->sandbox, "MSFT", "1.25"));
  reply = get_ok (f, "data:/v1beta1/screener/stocks/movers?top=3");
  obj = test_reply_object (reply);
  assert_fields (obj, "gainers:A losers:A market_type:s last_updated:t");
  g_assert_cmpstr (json_object_get_string_member (obj, "market_type"), ==, "stocks");
  gainers = json_object_get_array_member (obj, "gainers");
  losers = json_object_get_array_member (obj, "losers");
  g_assert_cmpuint (json_array_get_length (gainers), >=, 1);
  g_assert_cmpuint (json_array_get_length (gainers), <=, 3);
  g_assert_cmpuint (json_array_get_length (losers), >=, 1);
  g_assert_cmpuint (json_array_get_length (losers), <=, 3);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (gainers, 0), "symbol"),
                   ==, "AAPL");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (losers, 0), "symbol"),
                   ==, "MSFT");
  g_assert_cmpfloat (json_object_get_double_member (json_array_get_object_element (gainers, 0), "price"),
                     ==, 999.5);
  for (guint i = 0; i < json_array_get_length (gainers); i++)
    {
      JsonObject *m = json_array_get_object_element (gainers, i);

      assert_fields (m, "symbol:s percent_change:n change:n price:n");
      g_assert_cmpfloat (json_object_get_double_member (m, "percent_change"), >, 0);
      g_assert_cmpfloat (json_object_get_double_member (m, "change"), >, 0);
      if (i > 0)
        g_assert_cmpfloat (json_object_get_double_member (m, "percent_change"), <=,
                           json_object_get_double_member (json_array_get_object_element (gainers, i - 1),
                                                          "percent_change"));
    }
  for (guint i = 0; i < json_array_get_length (losers); i++)
    {
      JsonObject *m = json_array_get_object_element (losers, i);

      assert_fields (m, "symbol:s percent_change:n change:n price:n");
      g_assert_cmpfloat (json_object_get_double_member (m, "percent_change"), <, 0);
      g_assert_cmpfloat (json_object_get_double_member (m, "change"), <, 0);
    }
  {
    g_autoptr (TestReply) bad = test_request (f, "GET", "data:/v1beta1/screener/stocks/movers?top=51",
                                              f->token, NULL);

    assert_message (bad, 400);
  }
}

/* ---- SIP ------------------------------------------------------------------------------ */

static void
assert_sip_refused (SandboxFixture *f,
                    const char     *url)
{
  g_autoptr (TestReply) reply = test_request (f, "GET", url, f->token, NULL);

  assert_message (reply, 403);
  g_assert_cmpstr (json_object_get_string_member (test_reply_object (reply), "message"), ==,
                   "subscription does not permit querying recent SIP data");
}

static void
test_sip_refused (SandboxFixture *f,
                  gconstpointer   data)
{
  const char *recent[] = {
    "data:/v2/stocks/MSFT/trades/latest?feed=sip",
    "data:/v2/stocks/quotes/latest?symbols=MSFT,AAPL&feed=sip",
    "data:/v2/stocks/MSFT/bars/latest?feed=sip",
    "data:/v2/stocks/MSFT/snapshot?feed=sip",
    "data:/v2/stocks/snapshots?symbols=MSFT&feed=sip",
    "data:/v2/stocks/MSFT/bars?timeframe=1Min&feed=sip",
  };
  g_autofree char *start = utc_time (-1, 0);
  g_autofree char *end = utc_time (-1, 600);
  g_autofree char *old = bars_url ("MSFT", "1Min", start, end, "feed=sip");

  for (guint i = 0; i < G_N_ELEMENTS (recent); i++)
    assert_sip_refused (f, recent[i]);

  /* history older than 15 minutes is allowed, and IEX always */
  {
    g_autoptr (TestReply) reply = get_ok (f, old);
    g_autoptr (TestReply) iex = get_ok (f, "data:/v2/stocks/MSFT/trades/latest?feed=iex");

    g_assert_cmpuint (json_array_get_length (reply_bars (reply)), ==, 11);
  }

  /* a plan with SIP gets everything */
  paddock_sandbox_set_sip_plan (f->sandbox, TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (recent); i++)
    {
      g_autoptr (TestReply) reply = get_ok (f, recent[i]);
    }

  /* and the control API says the same */
  {
    g_autoptr (TestReply) off = test_request (f, "POST", "root:/_sandbox/data_plan", NULL,
                                              "{\"sip\": false}");
    g_autoptr (TestReply) bad = test_request (f, "POST", "root:/_sandbox/data_plan", NULL,
                                              "{\"sip\": \"yes\"}");

    g_assert_cmpuint (off->status, ==, 204);
    test_assert_alpaca_error (bad, 400);
    assert_sip_refused (f, recent[0]);
  }
}

static void
test_data_request_log (SandboxFixture *f,
                       gconstpointer   data)
{
  g_auto (GStrv) log = NULL;
  g_autoptr (TestReply) a = get_ok (f, "data:/v2/stocks/quotes/latest?symbols=MSFT,AAPL&feed=iex");
  g_autoptr (TestReply) b = get_ok (f, "paper:/v2/account");
  g_autoptr (TestReply) c = get_ok (f, "data:/v1beta1/news?limit=2");

  log = paddock_sandbox_dup_data_requests (f->sandbox);
  g_assert_cmpuint (g_strv_length (log), ==, 2);
  g_assert_cmpstr (log[0], ==, "GET /v2/stocks/quotes/latest?feed=iex&symbols=MSFT,AAPL");
  g_assert_cmpstr (log[1], ==, "GET /v1beta1/news?limit=2");
  g_assert_null (strstr (log[0], f->token));

  {
    g_autoptr (TestReply) listed = test_request (f, "GET", "root:/_sandbox/data_requests", NULL, NULL);
    JsonArray *requests;

    g_assert_cmpuint (listed->status, ==, 200);
    requests = json_object_get_array_member (test_reply_object (listed), "requests");
    g_assert_cmpuint (json_array_get_length (requests), ==, 2);
    g_assert_cmpstr (json_array_get_string_element (requests, 1), ==, log[1]);
  }
  {
    g_autoptr (TestReply) cleared = test_request (f, "DELETE", "root:/_sandbox/data_requests", NULL,
                                                  NULL);
    g_auto (GStrv) empty = paddock_sandbox_dup_data_requests (f->sandbox);

    g_assert_cmpuint (cleared->status, ==, 204);
    g_assert_cmpuint (g_strv_length (empty), ==, 0);
  }
  /* clearing the faults leaves the log alone: data requests after it are logged as before */
  {
    g_autoptr (TestReply) d = get_ok (f, "data:/v1beta1/news?limit=1");
    g_autoptr (TestReply) cleared = test_request (f, "DELETE", "root:/_sandbox/faults", NULL, NULL);
    g_autoptr (TestReply) e = NULL;
    g_auto (GStrv) after = NULL;

    g_assert_cmpuint (cleared->status, ==, 204);
    paddock_sandbox_clear_faults (f->sandbox);
    e = get_ok (f, "data:/v1beta1/news?limit=3");
    after = paddock_sandbox_dup_data_requests (f->sandbox);
    g_assert_cmpuint (g_strv_length (after), ==, 2);
    g_assert_cmpstr (after[0], ==, "GET /v1beta1/news?limit=1");
    g_assert_cmpstr (after[1], ==, "GET /v1beta1/news?limit=3");
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  PADDOCK_TEST_ADD_SANDBOX ("/sandbox/data/latest-trade", test_latest_trade);
  PADDOCK_TEST_ADD_SANDBOX ("/sandbox/data/latest-trade/follows-price",
                            test_latest_trade_follows_price);
  PADDOCK_TEST_ADD_SANDBOX ("/sandbox/data/latest-trades/multi", test_latest_trades_multi);
  PADDOCK_TEST_ADD_SANDBOX ("/sandbox/data/latest-quote", test_latest_quote);
  PADDOCK_TEST_ADD_SANDBOX ("/sandbox/data/latest-quotes/multi", test_latest_quotes_multi);
  PADDOCK_TEST_ADD_SANDBOX ("/sandbox/data/bars/shape", test_bars_shape);
  PADDOCK_TEST_ADD_SANDBOX ("/sandbox/data/bars/paging", test_bars_paging);
  PADDOCK_TEST_ADD_SANDBOX ("/sandbox/data/bars/sort-desc", test_bars_sort_desc);
  PADDOCK_TEST_ADD_SANDBOX ("/sandbox/data/bars/timeframes", test_bars_timeframes);
  PADDOCK_TEST_ADD_SANDBOX ("/sandbox/data/bars/week-month", test_bars_week_month);
  PADDOCK_TEST_ADD_SANDBOX ("/sandbox/data/bars/invalid-timeframe", test_bars_invalid_timeframe);
  PADDOCK_TEST_ADD_SANDBOX ("/sandbox/data/bars/start-end", test_bars_start_end);
  PADDOCK_TEST_ADD_SANDBOX ("/sandbox/data/bars/limit", test_bars_limit);
  PADDOCK_TEST_ADD_SANDBOX ("/sandbox/data/bars/bad-params", test_bars_bad_params);
  PADDOCK_TEST_ADD_SANDBOX ("/sandbox/data/bars/multi", test_bars_multi);
  PADDOCK_TEST_ADD_SANDBOX ("/sandbox/data/latest-bar", test_latest_bar);
  PADDOCK_TEST_ADD_SANDBOX ("/sandbox/data/snapshot", test_snapshot);
  PADDOCK_TEST_ADD_SANDBOX ("/sandbox/data/unknown-symbol", test_unknown_symbol);
  PADDOCK_TEST_ADD_SANDBOX ("/sandbox/data/missing-symbols", test_missing_symbols);
  PADDOCK_TEST_ADD_SANDBOX ("/sandbox/data/auth", test_auth);
  PADDOCK_TEST_ADD_SANDBOX ("/sandbox/data/polygon/last-trade", test_polygon_last_trade);
  PADDOCK_TEST_ADD_SANDBOX ("/sandbox/data/polygon/last-quote", test_polygon_last_quote);
  PADDOCK_TEST_ADD_SANDBOX ("/sandbox/data/polygon/refused", test_polygon_refused);
  PADDOCK_TEST_ADD_SANDBOX ("/sandbox/data/determinism", test_determinism);
  PADDOCK_TEST_ADD_SANDBOX ("/sandbox/data/news/shape", test_news_shape);
  PADDOCK_TEST_ADD_SANDBOX ("/sandbox/data/news/paging", test_news_paging);
  PADDOCK_TEST_ADD_SANDBOX ("/sandbox/data/news/bad-params", test_news_bad_params);
  PADDOCK_TEST_ADD_SANDBOX ("/sandbox/data/screener/most-actives", test_most_actives);
  PADDOCK_TEST_ADD_SANDBOX ("/sandbox/data/screener/movers", test_movers);
  PADDOCK_TEST_ADD_SANDBOX ("/sandbox/data/sip-refused", test_sip_refused);
  PADDOCK_TEST_ADD_SANDBOX ("/sandbox/data/request-log", test_data_request_log);

  return g_test_run ();
}
