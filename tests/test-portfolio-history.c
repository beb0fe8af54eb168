/* test-portfolio-history.c: the portfolio history against the sandbox, and replies with
 * millisecond timestamps and null entries
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "paddock-error.h"
#include "paddock-json.h"
#include "paddock-portfolio-history.h"
#include "sandbox-fixture.h"

static PaddockPortfolioHistory *
fetch (PaddockClient  *client,
       const char     *period,
       const char     *timeframe,
       const char     *date_end,
       GError        **error)
{
  g_auto (PaddockTestAsync) w = { 0 };

  paddock_portfolio_history_fetch_async (client, period, timeframe, date_end, FALSE, NULL,
                                         paddock_test_async_cb, &w);
  return paddock_portfolio_history_fetch_finish (client, paddock_test_async_wait (&w), error);
}

static PaddockPortfolioHistory *
from_text (const char  *text,
           GError     **error)
{
  g_autoptr (JsonNode) node = paddock_json_parse (text, strlen (text), PADDOCK_JSON_MAX_BYTES,
                                                  PADDOCK_JSON_MAX_DEPTH, NULL);

  g_assert_nonnull (node);
  return paddock_portfolio_history_new_from_json (node, error);
}

static void
test_sandbox (SandboxFixture *f,
              gconstpointer   data)
{
  g_autoptr (PaddockClient) client = paddock_client_new (paddock_sandbox_get_paper_url (f->sandbox),
                                                         f->token);
  g_autoptr (GError) error = NULL;
  g_autoptr (PaddockPortfolioHistory) history = fetch (client, "1M", "1D", NULL, &error);
  g_autoptr (TestReply) reply = test_request (f, "GET",
                                              "paper:/v2/account/portfolio/history?period=1M&timeframe=1D",
                                              f->token, NULL);
  JsonObject *theirs = test_reply_object (reply);
  JsonArray *timestamps = json_object_get_array_member (theirs, "timestamp");
  JsonArray *equity = json_object_get_array_member (theirs, "equity");
  const gint64 *times;
  const double *values;

  g_assert_no_error (error);
  g_assert_nonnull (history);
  g_assert_cmpuint (paddock_portfolio_history_get_n_points (history), ==,
                    json_array_get_length (timestamps));
  g_assert_cmpuint (paddock_portfolio_history_get_n_points (history), >, 20);
  g_assert_false (paddock_portfolio_history_get_in_milliseconds (history));
  g_assert_cmpstr (paddock_portfolio_history_get_timeframe (history), ==, "1D");
  g_assert_nonnull (paddock_portfolio_history_get_base_value (history));
  g_assert_cmpfloat (g_ascii_strtod (paddock_portfolio_history_get_base_value (history), NULL),
                     ==, json_object_get_double_member (theirs, "base_value"));

  times = paddock_portfolio_history_get_timestamps (history);
  values = paddock_portfolio_history_get_equity_values (history);
  for (guint i = 0; i < json_array_get_length (timestamps); i++)
    {
      const char *text = paddock_portfolio_history_get_equity (history, i);

      g_assert_cmpint (times[i], ==, json_array_get_int_element (timestamps, i));
      g_assert_cmpint (paddock_portfolio_history_get_timestamp (history, i), ==, times[i]);
      g_assert_nonnull (text);
      /* decimal text, never an exponent, reading back as the number sent */
      g_assert_null (strchr (text, 'e'));
      g_assert_cmpfloat (g_ascii_strtod (text, NULL), ==, json_array_get_double_element (equity, i));
      g_assert_cmpfloat (values[i], ==, json_array_get_double_element (equity, i));
      g_assert_nonnull (paddock_portfolio_history_get_profit_loss (history, i));
    }

  /* an intraday timeframe */
  {
    g_autoptr (PaddockPortfolioHistory) day = fetch (client, "1D", "15Min", NULL, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (paddock_portfolio_history_get_timeframe (day), ==, "15Min");
    g_assert_cmpuint (paddock_portfolio_history_get_n_points (day), >, 0);
  }
}

/* the sandbox answering in milliseconds with null entries first, as Alpaca may */
static void
test_sandbox_milliseconds_and_nulls (SandboxFixture *f,
                                     gconstpointer   data)
{
  g_autoptr (PaddockClient) client = paddock_client_new (paddock_sandbox_get_paper_url (f->sandbox),
                                                         f->token);
  g_autoptr (GError) error = NULL;
  g_autoptr (TestReply) reply = NULL;
  g_autoptr (PaddockPortfolioHistory) history = NULL;
  JsonArray *timestamps;
  JsonObject *theirs;
  const double *equity;
  guint n;

  paddock_sandbox_set_history_format (f->sandbox, TRUE, 2);
  reply = test_request (f, "GET", "paper:/v2/account/portfolio/history?period=1W&timeframe=1D",
                        f->token, NULL);
  theirs = test_reply_object (reply);
  timestamps = json_object_get_array_member (theirs, "timestamp");
  history = fetch (client, "1W", "1D", NULL, &error);
  g_assert_no_error (error);

  n = paddock_portfolio_history_get_n_points (history);
  g_assert_cmpuint (n, ==, json_array_get_length (timestamps));
  g_assert_cmpuint (n, >, 3);
  g_assert_true (paddock_portfolio_history_get_in_milliseconds (history));
  equity = paddock_portfolio_history_get_equity_values (history);
  for (guint i = 0; i < n; i++)
    {
      g_assert_cmpint (paddock_portfolio_history_get_timestamp (history, i) * 1000, ==,
                       json_array_get_int_element (timestamps, i));
      g_assert_cmpint (paddock_portfolio_history_get_equity (history, i) == NULL, ==, i < 2);
      g_assert_cmpint (paddock_portfolio_history_get_profit_loss (history, i) == NULL, ==, i < 2);
      g_assert_cmpint (isnan (equity[i]), ==, i < 2);
    }
  g_assert_cmpstr (paddock_portfolio_history_get_base_value (history), ==,
                   paddock_portfolio_history_get_equity (history, 2));
}

/* parameters that are not valid are refused before anything is sent: the server, failing
 * every request, is never asked */
static void
test_invalid_request (SandboxFixture *f,
                      gconstpointer   data)
{
  g_autoptr (PaddockClient) client = paddock_client_new (paddock_sandbox_get_paper_url (f->sandbox),
                                                         f->token);
  const char *bad[][3] = {
    { "1X", NULL, NULL }, { "0D", NULL, NULL }, { "M", NULL, NULL }, { "12345D", NULL, NULL },
    { NULL, "2H", NULL }, { NULL, "1min", NULL }, { NULL, NULL, "2024-13-01" },
    { NULL, NULL, "2024-1-8" }, { NULL, NULL, "yesterday" },
  };

  paddock_client_set_retry_policy (client, 0, 10, 10);
  paddock_sandbox_add_fault (f->sandbox, "*", "/paper/v2/account/portfolio/history",
                             PADDOCK_SANDBOX_FAULT_STATUS, 500, -1);
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (PaddockPortfolioHistory) history = fetch (client, bad[i][0], bad[i][1],
                                                           bad[i][2], &error);

      g_assert_error (error, PADDOCK_ERROR, PADDOCK_ERROR_INVALID_INPUT);
      g_assert_null (history);
    }

  /* and a valid one is sent (and fails, here) */
  {
    g_autoptr (GError) error = NULL;
    g_autoptr (PaddockPortfolioHistory) history = fetch (client, "3M", "1H", "2024-01-08", &error);

    g_assert_error (error, PADDOCK_ERROR, PADDOCK_ERROR_NETWORK);
    g_assert_null (history);
  }
}

static void
test_milliseconds_and_nulls (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PaddockPortfolioHistory) history =
    from_text ("{\"timestamp\":[1704724200000,1704725100000,1704726000000,1704726900000],"
               "\"equity\":[null,24188.02,24310.9,null],"
               "\"profit_loss\":[null,85.87,-12,null],"
               "\"profit_loss_pct\":[null,0.003563,1e-05,null],"
               "\"base_value\":null,\"timeframe\":\"15Min\",\"cashflow\":{}}", &error);
  const double *equity;
  const double *pl;

  g_assert_no_error (error);
  g_assert_cmpuint (paddock_portfolio_history_get_n_points (history), ==, 4);
  g_assert_true (paddock_portfolio_history_get_in_milliseconds (history));
  g_assert_cmpint (paddock_portfolio_history_get_timestamp (history, 0), ==, 1704724200);
  g_assert_cmpint (paddock_portfolio_history_get_timestamp (history, 3), ==, 1704726900);
  g_assert_null (paddock_portfolio_history_get_base_value (history));

  /* the gaps stay gaps, in the text and in the numbers */
  equity = paddock_portfolio_history_get_equity_values (history);
  pl = paddock_portfolio_history_get_profit_loss_values (history);
  g_assert_null (paddock_portfolio_history_get_equity (history, 0));
  g_assert_true (isnan (equity[0]));
  g_assert_true (isnan (pl[0]));
  g_assert_null (paddock_portfolio_history_get_equity (history, 3));
  g_assert_true (isnan (equity[3]));
  g_assert_null (paddock_portfolio_history_get_profit_loss_pct (history, 3));

  g_assert_cmpstr (paddock_portfolio_history_get_equity (history, 1), ==, "24188.02");
  g_assert_cmpstr (paddock_portfolio_history_get_equity (history, 2), ==, "24310.9");
  g_assert_cmpfloat (equity[2], ==, 24310.9);
  g_assert_cmpstr (paddock_portfolio_history_get_profit_loss (history, 2), ==, "-12");
  g_assert_cmpfloat (pl[2], ==, -12.0);
  g_assert_cmpstr (paddock_portfolio_history_get_profit_loss_pct (history, 1), ==, "0.003563");
  /* a fraction sent with an exponent is kept as plain digits */
  g_assert_cmpstr (paddock_portfolio_history_get_profit_loss_pct (history, 2), ==, "0.00001");
}

static void
test_seconds (void)
{
  g_autoptr (GError) error = NULL;
  /* alpaca-api.md §2.3's example, plus decimal strings (accepted) and no pct at all */
  g_autoptr (PaddockPortfolioHistory) history =
    from_text ("{\"timestamp\":[1704724200,1704725100,1704726000],"
               "\"equity\":[24102.15,\"24188.02\",24310.9],\"profit_loss\":[0,85.87,208.75],"
               "\"base_value\":24102.15,\"timeframe\":\"15Min\"}", &error);

  g_assert_no_error (error);
  g_assert_false (paddock_portfolio_history_get_in_milliseconds (history));
  g_assert_cmpint (paddock_portfolio_history_get_timestamps (history)[1], ==, 1704725100);
  g_assert_cmpstr (paddock_portfolio_history_get_base_value (history), ==, "24102.15");
  g_assert_cmpstr (paddock_portfolio_history_get_equity (history, 0), ==, "24102.15");
  g_assert_cmpstr (paddock_portfolio_history_get_equity (history, 1), ==, "24188.02");
  g_assert_cmpstr (paddock_portfolio_history_get_profit_loss (history, 0), ==, "0");
  g_assert_null (paddock_portfolio_history_get_profit_loss_pct (history, 0));

  /* an empty history (a new account) */
  {
    g_autoptr (PaddockPortfolioHistory) empty =
      from_text ("{\"timestamp\":[],\"equity\":[],\"profit_loss\":[],\"profit_loss_pct\":[],"
                 "\"base_value\":null,\"timeframe\":\"1D\"}", &error);

    g_assert_no_error (error);
    g_assert_cmpuint (paddock_portfolio_history_get_n_points (empty), ==, 0);
  }
}

static void
test_refused (void)
{
  const char *replies[] = {
    "[]",
    "{\"equity\":[1]}",
    "{\"timestamp\":[1704724200,null],\"equity\":[1,2]}",
    "{\"timestamp\":[1704724200,\"1704725100\"]}",
    "{\"timestamp\":[1704724200,1704725100000],\"equity\":[1,2]}",
    "{\"timestamp\":[1704724200,1704725100],\"equity\":[1]}",
    "{\"timestamp\":[1704724200,1704725100],\"equity\":[1,\"abc\"]}",
    "{\"timestamp\":[1704724200,1704725100],\"equity\":[1,true]}",
    "{\"timestamp\":[1704724200,1704725100],\"equity\":[1,1e20]}",
    "{\"timestamp\":[1704724200,1704725100],\"profit_loss\":{}}",
    "{\"timestamp\":[1704724200],\"base_value\":\"much\"}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (replies); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (PaddockPortfolioHistory) history = from_text (replies[i], &error);

      g_assert_error (error, PADDOCK_ERROR, PADDOCK_ERROR_PROTOCOL);
      g_assert_null (history);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  PADDOCK_TEST_ADD_SANDBOX ("/portfolio-history/sandbox", test_sandbox);
  PADDOCK_TEST_ADD_SANDBOX ("/portfolio-history/invalid-request", test_invalid_request);
  PADDOCK_TEST_ADD_SANDBOX ("/portfolio-history/sandbox/milliseconds-and-nulls",
                            test_sandbox_milliseconds_and_nulls);
  g_test_add_func ("/portfolio-history/milliseconds-and-nulls", test_milliseconds_and_nulls);
  g_test_add_func ("/portfolio-history/seconds", test_seconds);
  g_test_add_func ("/portfolio-history/refused", test_refused);

  return g_test_run ();
}
