/* test-market-data.c: the Market Data API calls and models against the sandbox
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "paddock-asset.h"
#include "paddock-error.h"
#include "paddock-json.h"
#include "paddock-market-data.h"
#include "paddock-session.h"
#include "paddock-settings.h"
#include "sandbox-fixture.h"

typedef struct
{
  SandboxFixture sf;
  PaddockEndpoints *endpoints;
  PaddockSession *session;
  PaddockMarketData *data;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr (PaddockCredentials) credentials = NULL;
  g_autoptr (GError) error = NULL;

  sandbox_fixture_setup (&f->sf, data);
  paddock_sandbox_set_tick_interval (f->sf.sandbox, 0);  /* prices stay put */
  f->endpoints = paddock_endpoints_new_for_sandbox (paddock_sandbox_get_authorize_url (f->sf.sandbox),
                                                    paddock_sandbox_get_live_url (f->sf.sandbox),
                                                    paddock_sandbox_get_paper_url (f->sf.sandbox),
                                                    paddock_sandbox_get_data_url (f->sf.sandbox),
                                                    paddock_sandbox_get_polygon_url (f->sf.sandbox),
                                                    &error);
  g_assert_no_error (error);
  credentials = paddock_credentials_new (PADDOCK_ENVIRONMENT_DEMO, "acct", "PA1", f->sf.token,
                                         "bearer", "account:write trading data", NULL);
  f->session = paddock_session_new (f->endpoints, credentials);
  f->data = paddock_market_data_new (paddock_session_get_data_client (f->session),
                                     PADDOCK_DATA_FEED_IEX);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->data);
  g_clear_object (&f->session);
  g_clear_object (&f->endpoints);
  sandbox_fixture_teardown (&f->sf, data);
}

#define ADD(path, func) PADDOCK_TEST_ADD_FIXTURE (path, Fixture, fixture, func)

/* ---- helpers -------------------------------------------------------------------------- */

static GPtrArray *
quotes (Fixture            *f,
        const char * const *symbols,
        GError            **error)
{
  g_auto (PaddockTestAsync) w = { 0 };

  paddock_market_data_latest_quotes_async (f->data, symbols, NULL, paddock_test_async_cb, &w);
  return paddock_market_data_latest_quotes_finish (f->data, paddock_test_async_wait (&w), error);
}

static GPtrArray *
trades (Fixture            *f,
        const char * const *symbols,
        GError            **error)
{
  g_auto (PaddockTestAsync) w = { 0 };

  paddock_market_data_latest_trades_async (f->data, symbols, NULL, paddock_test_async_cb, &w);
  return paddock_market_data_latest_trades_finish (f->data, paddock_test_async_wait (&w), error);
}

static GPtrArray *
bars (Fixture     *f,
      const char  *symbol,
      GDateTime   *start,
      GDateTime   *end,
      guint        limit,
      GError     **error)
{
  g_auto (PaddockTestAsync) w = { 0 };

  paddock_market_data_bars_async (f->data, symbol, "1Min", start, end, limit, NULL,
                                  paddock_test_async_cb, &w);
  return paddock_market_data_bars_finish (f->data, paddock_test_async_wait (&w), error);
}

static GPtrArray *
news (Fixture            *f,
      const char * const *symbols,
      guint               limit,
      gboolean            content,
      GError            **error)
{
  g_auto (PaddockTestAsync) w = { 0 };

  paddock_market_data_news_async (f->data, symbols, limit, content, NULL, paddock_test_async_cb,
                                  &w);
  return paddock_market_data_news_finish (f->data, paddock_test_async_wait (&w), error);
}

/* the data host's requests since the last call */
static GStrv
take_requests (Fixture *f)
{
  GStrv log = paddock_sandbox_dup_data_requests (f->sf.sandbox);

  paddock_sandbox_clear_data_requests (f->sf.sandbox);
  return log;
}

static gboolean
has_param (const char *request,
           const char *param)
{
  const char *query = strchr (request, '?');
  g_auto (GStrv) params = NULL;

  if (query == NULL)
    return FALSE;
  params = g_strsplit (query + 1, "&", -1);
  return g_strv_contains ((const char * const *) params, param);
}

static gboolean
has_param_named (const char *request,
                 const char *name)
{
  g_autofree char *a = g_strdup_printf ("?%s=", name);
  g_autofree char *b = g_strdup_printf ("&%s=", name);

  return strstr (request, a) != NULL || strstr (request, b) != NULL;
}

/* A decimal as the models keep it: digits, at most one point, no exponent */
static void
assert_decimal (const char *text)
{
  g_assert_nonnull (text);
  g_assert_true (g_regex_match_simple ("^-?[0-9]+(\\.[0-9]+)?$", text, 0, 0));
}

static JsonObject *
raw_object (Fixture    *f,
            const char *url,
            TestReply **reply)
{
  *reply = test_request (&f->sf, "GET", url, f->sf.token, NULL);
  g_assert_cmpuint ((*reply)->status, ==, 200);
  return test_reply_object (*reply);
}

static GDateTime *
utc_day (int days,
         int minutes)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr (GDateTime) midnight = g_date_time_new_utc (g_date_time_get_year (now),
                                                        g_date_time_get_month (now),
                                                        g_date_time_get_day_of_month (now),
                                                        0, 0, 0);
  g_autoptr (GDateTime) day = g_date_time_add_days (midnight, days);

  return g_date_time_add_minutes (day, minutes);
}

/* ---- latest quotes and trades --------------------------------------------------------- */

static void
test_quotes_one_request (Fixture       *f,
                         gconstpointer  data)
{
  const char *symbols[] = { "MSFT", "AAPL", "NOPE", "MSFT", "KO", NULL };
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) list = NULL;
  g_auto (GStrv) log = NULL;
  g_autoptr (TestReply) reply = NULL;
  JsonObject *raw;

  g_auto (GStrv) before = take_requests (f);
  list = quotes (f, symbols, &error);
  g_assert_no_error (error);
  log = take_requests (f);

  /* one request for every symbol; the unknown one left out, the order kept */
  g_assert_cmpuint (g_strv_length (log), ==, 1);
  g_assert_true (g_str_has_prefix (log[0], "GET /v2/stocks/quotes/latest?"));
  g_assert_true (has_param (log[0], "symbols=MSFT,AAPL,NOPE,KO"));
  g_assert_true (has_param (log[0], "feed=iex"));
  g_assert_cmpuint (list->len, ==, 3);
  g_assert_cmpstr (((PaddockQuote *) list->pdata[0])->symbol, ==, "MSFT");
  g_assert_cmpstr (((PaddockQuote *) list->pdata[1])->symbol, ==, "AAPL");
  g_assert_cmpstr (((PaddockQuote *) list->pdata[2])->symbol, ==, "KO");

  /* the same figures as the server's, as decimal text */
  raw = json_object_get_object_member (raw_object (f, "data:/v2/stocks/quotes/latest?symbols=MSFT,AAPL,KO",
                                                   &reply), "quotes");
  for (guint i = 0; i < list->len; i++)
    {
      PaddockQuote *q = list->pdata[i];
      JsonObject *o = json_object_get_object_member (raw, q->symbol);

      assert_decimal (q->ask_price);
      assert_decimal (q->bid_price);
      assert_decimal (q->ask_size);
      g_assert_cmpfloat (g_ascii_strtod (q->ask_price, NULL), ==,
                         json_object_get_double_member (o, "ap"));
      g_assert_cmpfloat (g_ascii_strtod (q->bid_price, NULL), ==,
                         json_object_get_double_member (o, "bp"));
      g_assert_cmpstr (q->ask_exchange, ==, "V");
      g_assert_nonnull (q->time);
    }
}

static void
test_trades_one_request (Fixture       *f,
                         gconstpointer  data)
{
  const char *symbols[] = { "AAPL", "GOOGL", "JPM", NULL };
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) list = NULL;
  g_auto (GStrv) log = NULL;

  g_assert_true (paddock_sandbox_set_price (f->sf.sandbox, "JPM", "171.07"));
  g_strfreev (take_requests (f));
  list = trades (f, symbols, &error);
  g_assert_no_error (error);
  log = take_requests (f);
  g_assert_cmpuint (g_strv_length (log), ==, 1);
  g_assert_true (g_str_has_prefix (log[0], "GET /v2/stocks/trades/latest?"));
  g_assert_true (has_param (log[0], "symbols=AAPL,GOOGL,JPM"));
  g_assert_true (has_param (log[0], "feed=iex"));
  g_assert_cmpuint (list->len, ==, 3);
  g_assert_cmpstr (((PaddockTrade *) list->pdata[2])->symbol, ==, "JPM");
  g_assert_cmpstr (((PaddockTrade *) list->pdata[2])->price, ==, "171.07");

  /* nothing is sent for what is not a symbol */
  {
    const char *bad[] = { "AAPL", "A,B", NULL };
    const char *none[] = { NULL };
    g_autoptr (GError) e1 = NULL;
    g_autoptr (GError) e2 = NULL;
    g_autoptr (GPtrArray) l1 = trades (f, bad, &e1);
    g_autoptr (GPtrArray) l2 = quotes (f, none, &e2);
    g_auto (GStrv) nothing = take_requests (f);

    g_assert_error (e1, PADDOCK_ERROR, PADDOCK_ERROR_INVALID_INPUT);
    g_assert_error (e2, PADDOCK_ERROR, PADDOCK_ERROR_INVALID_INPUT);
    g_assert_cmpuint (g_strv_length (nothing), ==, 0);
  }
}

/* ---- bars ----------------------------------------------------------------------------- */

static void
assert_minutes_in_order (GPtrArray *list,
                         GDateTime *start)
{
  for (guint i = 0; i < list->len; i++)
    {
      PaddockBar *b = list->pdata[i];
      g_autoptr (GDateTime) expected = g_date_time_add_minutes (start, (int) i);

      g_assert_true (g_date_time_equal (b->time, expected));
      assert_decimal (b->open);
      assert_decimal (b->high);
      assert_decimal (b->low);
      assert_decimal (b->close);
      assert_decimal (b->volume);
    }
}

static void
test_bars_paging (Fixture       *f,
                  gconstpointer  data)
{
  /* 8 days and a minute of minute bars: more than one page of 10,000 */
  g_autoptr (GDateTime) start = utc_day (-9, 0);
  g_autoptr (GDateTime) end = utc_day (-1, 0);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) all = NULL;
  g_auto (GStrv) log = NULL;

  g_strfreev (take_requests (f));
  all = bars (f, "MSFT", start, end, 0, &error);
  g_assert_no_error (error);
  log = take_requests (f);
  g_assert_cmpuint (all->len, ==, 8 * 1440 + 1);
  assert_minutes_in_order (all, start);
  g_assert_cmpuint (g_strv_length (log), ==, 2);
  g_assert_true (g_str_has_prefix (log[0], "GET /v2/stocks/MSFT/bars?"));
  g_assert_true (has_param (log[0], "limit=10000"));
  g_assert_true (has_param (log[0], "timeframe=1Min"));
  g_assert_true (has_param (log[0], "feed=iex"));
  g_assert_false (has_param_named (log[0], "page_token"));
  g_assert_true (has_param_named (log[1], "page_token"));
  g_assert_true (has_param (log[1], "feed=iex"));

  /* to a limit that ends inside the second page: it asks for just what is missing */
  {
    g_autoptr (GPtrArray) some = bars (f, "MSFT", start, end, 10005, &error);
    g_auto (GStrv) log2 = take_requests (f);

    g_assert_no_error (error);
    g_assert_cmpuint (some->len, ==, 10005);
    assert_minutes_in_order (some, start);
    g_assert_cmpuint (g_strv_length (log2), ==, 2);
    g_assert_true (has_param (log2[1], "limit=5"));
    for (guint i = 0; i < some->len; i++)
      {
        PaddockBar *a = some->pdata[i];
        PaddockBar *b = all->pdata[i];

        g_assert_cmpstr (a->close, ==, b->close);
        g_assert_cmpstr (a->vwap, ==, b->vwap);
      }
  }

  /* a limit within the first page is one request */
  {
    g_autoptr (GPtrArray) few = bars (f, "MSFT", start, end, 50, &error);
    g_auto (GStrv) log3 = take_requests (f);

    g_assert_no_error (error);
    g_assert_cmpuint (few->len, ==, 50);
    g_assert_cmpuint (g_strv_length (log3), ==, 1);
    g_assert_true (has_param (log3[0], "limit=50"));
  }

  /* an unknown symbol is the server's 404 */
  {
    g_autoptr (GPtrArray) none = bars (f, "NOPE", start, end, 10, &error);

    g_assert_null (none);
    g_assert_error (error, PADDOCK_ERROR, PADDOCK_ERROR_NOT_FOUND);
  }
}

/* ---- news ----------------------------------------------------------------------------- */

static void
test_news_paging (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) all = news (f, NULL, 0, FALSE, &error);
  g_auto (GStrv) log = take_requests (f);
  g_autoptr (GHashTable) ids = g_hash_table_new (g_int64_hash, g_int64_equal);

  /* to the end: 240 articles, 50 a page, newest first, each once */
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 240);
  g_assert_cmpuint (g_strv_length (log), ==, 5);
  for (guint i = 0; i < 5; i++)
    {
      g_assert_true (g_str_has_prefix (log[i], "GET /v1beta1/news?"));
      g_assert_true (has_param (log[i], "limit=50"));
      g_assert_false (has_param_named (log[i], "feed"));
      g_assert_cmpint (has_param_named (log[i], "page_token"), ==, i > 0);
    }
  for (guint i = 0; i < all->len; i++)
    {
      PaddockNewsArticle *a = all->pdata[i];

      g_assert_true (g_hash_table_add (ids, &a->id));
      if (i > 0)
        g_assert_cmpint (a->id, <, ((PaddockNewsArticle *) all->pdata[i - 1])->id);
      g_assert_nonnull (a->headline);
      g_assert_nonnull (a->author);
      g_assert_nonnull (a->summary);
      g_assert_cmpstr (a->content, ==, "");
      g_assert_nonnull (a->created_at);
      g_assert_nonnull (a->symbols[0]);
    }

  /* to a limit: 120 is 50 + 50 + 20 */
  {
    g_autoptr (GPtrArray) some = news (f, NULL, 120, FALSE, &error);
    g_auto (GStrv) log2 = take_requests (f);

    g_assert_no_error (error);
    g_assert_cmpuint (some->len, ==, 120);
    g_assert_cmpuint (g_strv_length (log2), ==, 3);
    g_assert_true (has_param (log2[2], "limit=20"));
    for (guint i = 0; i < some->len; i++)
      g_assert_cmpint (((PaddockNewsArticle *) some->pdata[i])->id, ==,
                       ((PaddockNewsArticle *) all->pdata[i])->id);
  }

  /* by symbol */
  {
    const char *symbols[] = { "AAPL", NULL };
    g_autoptr (GPtrArray) aapl = news (f, symbols, 5, FALSE, &error);
    g_auto (GStrv) log3 = take_requests (f);

    g_assert_no_error (error);
    g_assert_cmpuint (aapl->len, >, 0);
    g_assert_true (has_param (log3[0], "symbols=AAPL"));
    for (guint i = 0; i < aapl->len; i++)
      g_assert_true (g_strv_contains ((const char * const *) ((PaddockNewsArticle *) aapl->pdata[i])->symbols,
                                      "AAPL"));
  }
}

static void
test_news_content (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) list = news (f, NULL, 50, TRUE, &error);
  g_autoptr (TestReply) reply = NULL;
  JsonArray *raw = json_object_get_array_member (raw_object (f, "data:/v1beta1/news?limit=50&include_content=true",
                                                             &reply), "news");
  guint empty_author = 0, empty_summary = 0, no_url = 0;

  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 50);
  for (guint i = 0; i < list->len; i++)
    {
      PaddockNewsArticle *a = list->pdata[i];
      JsonObject *o = json_array_get_object_element (raw, i);
      g_autofree char *plain = paddock_news_article_dup_plain_content (a);

      /* the HTML is kept as the text sent, never interpreted */
      g_assert_cmpstr (a->content, ==, json_object_get_string_member (o, "content"));
      g_assert_nonnull (strstr (a->content, "<p>"));
      g_assert_cmpstr (a->headline, ==, json_object_get_string_member (o, "headline"));
      /* as plain text: no tags, entities decoded */
      g_assert_null (strchr (plain, '<'));
      g_assert_null (strstr (plain, "&amp;"));
      g_assert_nonnull (strstr (plain, " & more."));
      empty_author += *a->author == '\0';
      empty_summary += *a->summary == '\0';
      no_url += a->url == NULL;
      if (a->url != NULL)
        g_assert_cmpstr (a->url, ==, json_object_get_string_member (o, "url"));
    }
  g_assert_cmpuint (empty_author, >, 0);
  g_assert_cmpuint (empty_summary, >, 0);
  g_assert_cmpuint (no_url, >, 0);
}

static void
test_html_to_text (void)
{
  const struct { const char *html; const char *text; } cases[] = {
    { "<p>One &amp; two</p><p>Three</p>", "One & two\nThree" },
    { "a<br/>b &lt;c&gt; &#65;&#x42; &quot;q&quot; &nbsp;", "a\nb <c> AB \"q\"" },
    { "<script>alert(1)</script>x<style>p{}</style>y<!-- c -->z", "xyz" },
    { "<a href=\"https://example.com\">link</a> &bogus; &#0;", "link &bogus; \xef\xbf\xbd" },
    { "unterminated <b", "unterminated" },
    { "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = paddock_html_to_text (cases[i].html);

      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

/* ---- feeds ---------------------------------------------------------------------------- */

static void
test_feed_setting (Fixture       *f,
                   gconstpointer  data)
{
  const char *symbols[] = { "AAPL", NULL };
  g_autoptr (GDateTime) start = utc_day (-1, 0);
  g_autoptr (GDateTime) end = utc_day (-1, 9);
  g_autoptr (GError) error = NULL;

  /* the default of the setting is IEX */
  {
    g_autoptr (GSettings) settings = g_settings_new (SETTINGS_SCHEMA_ID);
    PaddockDataFeed feed = PADDOCK_DATA_FEED_SIP;

    g_assert_true (paddock_data_feed_from_string ("iex", &feed));
    g_assert_cmpint (paddock_settings_get_data_feed (settings), ==, PADDOCK_DATA_FEED_IEX);
    g_assert_cmpint (paddock_settings_get_data_feed (NULL), ==, PADDOCK_DATA_FEED_IEX);
    g_settings_set_string (settings, "data-feed", "sip");
    g_assert_cmpint (paddock_settings_get_data_feed (settings), ==, PADDOCK_DATA_FEED_SIP);
    g_settings_reset (settings, "data-feed");
  }

  /* a plan with SIP, the setting says SIP: every request says so */
  paddock_sandbox_set_sip_plan (f->sf.sandbox, TRUE);
  paddock_market_data_set_feed (f->data, PADDOCK_DATA_FEED_SIP);
  g_strfreev (take_requests (f));
  {
    g_autoptr (GPtrArray) q = quotes (f, symbols, &error);
    g_autoptr (GPtrArray) t = trades (f, symbols, &error);
    g_autoptr (GPtrArray) b = bars (f, "AAPL", start, end, 0, &error);
    g_auto (GStrv) log = take_requests (f);

    g_assert_no_error (error);
    g_assert_cmpstr (((PaddockQuote *) q->pdata[0])->ask_exchange, ==, "Q");
    g_assert_cmpuint (b->len, ==, 10);
    g_assert_cmpuint (g_strv_length (log), ==, 3);
    for (guint i = 0; i < 3; i++)
      {
        g_assert_true (has_param (log[i], "feed=sip"));
        g_assert_false (has_param (log[i], "feed=iex"));
      }
  }

  /* and back */
  paddock_market_data_set_feed (f->data, PADDOCK_DATA_FEED_IEX);
  {
    g_autoptr (GPtrArray) q = quotes (f, symbols, &error);
    g_auto (GStrv) log = take_requests (f);

    g_assert_no_error (error);
    g_assert_cmpstr (((PaddockQuote *) q->pdata[0])->ask_exchange, ==, "V");
    g_assert_true (has_param (log[0], "feed=iex"));
  }
}

static void
test_sip_refused (Fixture       *f,
                  gconstpointer  data)
{
  const char *symbols[] = { "AAPL", NULL };
  g_autoptr (GError) error = NULL;

  /* a free plan: the sandbox's 403, with its message, becomes the plan's own code */
  paddock_market_data_set_feed (f->data, PADDOCK_DATA_FEED_SIP);
  {
    g_autoptr (GPtrArray) q = quotes (f, symbols, &error);

    g_assert_null (q);
    g_assert_error (error, PADDOCK_ERROR, PADDOCK_ERROR_SIP_NOT_PERMITTED);
    g_assert_cmpuint (paddock_error_get_http_status (error), ==, 403);
    g_assert_cmpstr (error->message, ==,
                     "Your market data plan does not include SIP data. Choose IEX in Preferences.");
    g_clear_error (&error);
  }
  {
    g_autoptr (GPtrArray) b = bars (f, "AAPL", NULL, NULL, 10, &error);

    g_assert_null (b);
    g_assert_error (error, PADDOCK_ERROR, PADDOCK_ERROR_SIP_NOT_PERMITTED);
    g_clear_error (&error);
  }

  /* decided on the status and the request, not on the words: a 403 with other words to a
   * SIP request is the same, and a 403 to an IEX request is not */
  paddock_sandbox_set_sip_plan (f->sf.sandbox, TRUE);
  paddock_sandbox_add_fault (f->sf.sandbox, "GET", "/data/v2/stocks/trades/latest",
                             PADDOCK_SANDBOX_FAULT_STATUS, 403, 1);
  {
    g_autoptr (GPtrArray) t = trades (f, symbols, &error);

    g_assert_error (error, PADDOCK_ERROR, PADDOCK_ERROR_SIP_NOT_PERMITTED);
    g_clear_error (&error);
  }
  paddock_market_data_set_feed (f->data, PADDOCK_DATA_FEED_IEX);
  paddock_sandbox_add_fault (f->sf.sandbox, "GET", "/data/v2/stocks/trades/latest",
                             PADDOCK_SANDBOX_FAULT_STATUS, 403, 1);
  {
    g_autoptr (GPtrArray) t = trades (f, symbols, &error);

    g_assert_error (error, PADDOCK_ERROR, PADDOCK_ERROR_REJECTED);
    g_assert_cmpuint (paddock_error_get_http_status (error), ==, 403);
    g_clear_error (&error);
  }
  /* news takes no feed: a 403 there is not about the plan */
  paddock_market_data_set_feed (f->data, PADDOCK_DATA_FEED_SIP);
  paddock_sandbox_add_fault (f->sf.sandbox, "GET", "/data/v1beta1/news",
                             PADDOCK_SANDBOX_FAULT_STATUS, 403, 1);
  {
    g_autoptr (GPtrArray) n = news (f, NULL, 5, FALSE, &error);

    g_assert_error (error, PADDOCK_ERROR, PADDOCK_ERROR_REJECTED);
  }
}

/* ---- screener ------------------------------------------------------------------------- */

static void
test_screener (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) actives = NULL;
  g_autoptr (PaddockMovers) movers = NULL;
  g_autoptr (TestReply) reply = NULL;
  JsonArray *raw;
  g_auto (GStrv) log = NULL;

  {
    g_auto (PaddockTestAsync) w = { 0 };

    paddock_market_data_most_actives_async (f->data, 5, NULL, paddock_test_async_cb, &w);
    actives = paddock_market_data_most_actives_finish (f->data, paddock_test_async_wait (&w),
                                                       &error);
  }
  g_assert_no_error (error);
  raw = json_object_get_array_member (raw_object (f, "data:/v1beta1/screener/stocks/most-actives?top=5",
                                                  &reply), "most_actives");
  g_assert_cmpuint (actives->len, ==, 5);
  for (guint i = 0; i < actives->len; i++)
    {
      PaddockMostActive *m = actives->pdata[i];
      JsonObject *o = json_array_get_object_element (raw, i);
      g_autofree char *volume = g_strdup_printf ("%" G_GINT64_FORMAT,
                                                 json_object_get_int_member (o, "volume"));

      g_assert_cmpstr (m->symbol, ==, json_object_get_string_member (o, "symbol"));
      g_assert_cmpstr (m->volume, ==, volume);
      assert_decimal (m->trade_count);
    }

  g_assert_true (paddock_sandbox_set_price (f->sf.sandbox, "AAPL", "999.5"));
  g_assert_true (paddock_sandbox_set_price (f->sf.sandbox, "MSFT", "1.25"));
  g_strfreev (take_requests (f));
  {
    g_auto (PaddockTestAsync) w = { 0 };

    paddock_market_data_movers_async (f->data, 3, NULL, paddock_test_async_cb, &w);
    movers = paddock_market_data_movers_finish (f->data, paddock_test_async_wait (&w), &error);
  }
  g_assert_no_error (error);
  log = take_requests (f);
  g_assert_cmpuint (g_strv_length (log), ==, 1);
  g_assert_true (has_param (log[0], "top=3"));
  g_assert_false (has_param_named (log[0], "feed"));
  g_assert_cmpuint (movers->gainers->len, >=, 1);
  g_assert_cmpuint (movers->losers->len, >=, 1);
  g_assert_cmpstr (((PaddockMover *) movers->gainers->pdata[0])->symbol, ==, "AAPL");
  g_assert_cmpstr (((PaddockMover *) movers->gainers->pdata[0])->price, ==, "999.5");
  g_assert_cmpstr (((PaddockMover *) movers->losers->pdata[0])->symbol, ==, "MSFT");
  g_assert_true (g_str_has_prefix (((PaddockMover *) movers->losers->pdata[0])->percent_change, "-"));
  assert_decimal (((PaddockMover *) movers->losers->pdata[0])->change);
  g_assert_nonnull (movers->last_updated);
}

/* ---- models --------------------------------------------------------------------------- */

static JsonNode *
parse (const char *text)
{
  g_autoptr (GError) error = NULL;
  JsonNode *node = paddock_json_parse (text, strlen (text), 1 << 20, 32, &error);

  g_assert_no_error (error);
  return node;
}

static void
test_models (void)
{
  g_autoptr (GError) error = NULL;

  /* the documented examples: nanoseconds, numbers kept as their digits */
  {
    g_autoptr (JsonNode) node = parse ("{\"t\":\"2024-01-08T15:32:11.118004321Z\",\"ax\":\"V\",\"ap\":370.52,"
                                       "\"as\":2,\"bx\":\"V\",\"bp\":370.47,\"bs\":3,\"c\":[\"R\"],\"z\":\"C\"}");
    g_autoptr (PaddockQuote) q = paddock_quote_new_from_json ("MSFT", node, &error);
    g_autoptr (PaddockQuote) copy = NULL;

    g_assert_no_error (error);
    g_assert_cmpstr (q->ask_price, ==, "370.52");
    g_assert_cmpstr (q->bid_price, ==, "370.47");
    g_assert_cmpstr (q->ask_size, ==, "2");
    g_assert_cmpint (g_date_time_get_second (q->time), ==, 11);
    g_assert_cmpint (g_date_time_get_microsecond (q->time), ==, 118004);
    copy = g_boxed_copy (PADDOCK_TYPE_QUOTE, q);
    g_assert_cmpstr (copy->ask_price, ==, "370.52");
  }
  {
    g_autoptr (JsonNode) node = parse ("{\"t\":\"2024-01-08T15:31:00Z\",\"o\":370.1,\"h\":370.6,\"l\":370.02,"
                                       "\"c\":370.48,\"v\":18422,\"n\":311,\"vw\":370.371}");
    g_autoptr (PaddockBar) b = paddock_bar_new_from_json (node, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (b->open, ==, "370.1");
    g_assert_cmpstr (b->low, ==, "370.02");
    g_assert_cmpstr (b->volume, ==, "18422");
    g_assert_cmpstr (b->vwap, ==, "370.371");
  }
  /* refused: a price missing, a price that is not a decimal, a bar without a time */
  {
    const char *bad[] = {
      "{\"t\":\"2024-01-08T15:31:00Z\",\"h\":1,\"l\":1,\"c\":1}",
      "{\"t\":\"2024-01-08T15:31:00Z\",\"o\":\"1e400\",\"h\":1,\"l\":1,\"c\":1}",
      "{\"o\":1,\"h\":1,\"l\":1,\"c\":1}",
      "[]",
    };

    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        g_autoptr (JsonNode) node = parse (bad[i]);
        g_autoptr (GError) e = NULL;
        g_autoptr (PaddockBar) b = paddock_bar_new_from_json (node, &e);

        g_assert_null (b);
        g_assert_error (e, PADDOCK_ERROR, PADDOCK_ERROR_PROTOCOL);
      }
  }
  /* an article: empty strings kept, null url, odd symbols and images left out */
  {
    g_autoptr (JsonNode) node = parse ("{\"id\":24843171,\"headline\":\"H\",\"author\":\"\",\"summary\":\"\","
                                       "\"created_at\":\"2024-01-08T15:32:11.118004321Z\",\"content\":\"<p>x</p>\","
                                       "\"url\":null,\"images\":[{\"size\":\"thumb\",\"url\":\"https://i\"},3],"
                                       "\"symbols\":[\"AAPL\",7],\"source\":\"benzinga\"}");
    g_autoptr (PaddockNewsArticle) a = paddock_news_article_new_from_json (node, &error);
    g_autoptr (JsonNode) no_id = parse ("{\"headline\":\"H\"}");
    g_autoptr (GError) e = NULL;
    g_autoptr (PaddockNewsArticle) refused = paddock_news_article_new_from_json (no_id, &e);

    g_assert_no_error (error);
    g_assert_cmpint (a->id, ==, 24843171);
    g_assert_cmpstr (a->author, ==, "");
    g_assert_cmpstr (a->summary, ==, "");
    g_assert_null (a->url);
    g_assert_cmpstr (a->content, ==, "<p>x</p>");
    g_assert_cmpuint (g_strv_length (a->symbols), ==, 1);
    g_assert_cmpuint (a->images->len, ==, 1);
    g_assert_nonnull (a->created_at);
    g_assert_null (refused);
    g_assert_error (e, PADDOCK_ERROR, PADDOCK_ERROR_PROTOCOL);
  }
}

static void
test_dispose_cancels (Fixture       *f,
                      gconstpointer  data)
{
  const char *symbols[] = { "AAPL", NULL };
  g_auto (PaddockTestAsync) w = { 0 };
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) list = NULL;

  paddock_sandbox_add_fault (f->sf.sandbox, "GET", "/data/", PADDOCK_SANDBOX_FAULT_LATENCY, 5000, 1);
  paddock_market_data_latest_quotes_async (f->data, symbols, NULL, paddock_test_async_cb, &w);
  g_object_run_dispose (G_OBJECT (f->data));
  list = paddock_market_data_latest_quotes_finish (f->data, paddock_test_async_wait (&w), &error);
  g_assert_null (list);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  ADD ("/market-data/quotes/one-request", test_quotes_one_request);
  ADD ("/market-data/trades/one-request", test_trades_one_request);
  ADD ("/market-data/bars/paging", test_bars_paging);
  ADD ("/market-data/news/paging", test_news_paging);
  ADD ("/market-data/news/content", test_news_content);
  g_test_add_func ("/market-data/html-to-text", test_html_to_text);
  ADD ("/market-data/feed/setting", test_feed_setting);
  ADD ("/market-data/feed/sip-refused", test_sip_refused);
  ADD ("/market-data/screener", test_screener);
  g_test_add_func ("/market-data/models", test_models);
  ADD ("/market-data/dispose-cancels", test_dispose_cancels);

  return g_test_run ();
}
