/* test-clock.c: the market clock and calendar against the sandbox, and what is said of them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "paddock-error.h"
#include "paddock-json.h"
#include "paddock-market-clock.h"
#include "sandbox-fixture.h"

static PaddockClient *
client_for (SandboxFixture *f)
{
  return paddock_client_new (paddock_sandbox_get_paper_url (f->sandbox), f->token);
}

static JsonNode *
parse (const char *text)
{
  g_autoptr (GError) error = NULL;
  JsonNode *node = paddock_json_parse (text, strlen (text), PADDOCK_JSON_MAX_BYTES,
                                       PADDOCK_JSON_MAX_DEPTH, &error);

  g_assert_no_error (error);
  return node;
}

static PaddockMarketClock *
clock_from (const char *text)
{
  g_autoptr (JsonNode) node = parse (text);
  g_autoptr (GError) error = NULL;
  PaddockMarketClock *clock = paddock_market_clock_new_from_json (node, &error);

  g_assert_no_error (error);
  return clock;
}

static GPtrArray *
calendar_from (const char *text)
{
  g_autoptr (JsonNode) node = parse (text);
  g_autoptr (GError) error = NULL;
  GPtrArray *days = paddock_market_calendar_new_from_json (node, &error);

  g_assert_no_error (error);
  return days;
}

static void
test_sandbox_clock (SandboxFixture *f,
                    gconstpointer   data)
{
  g_autoptr (PaddockClient) client = client_for (f);
  g_auto (PaddockTestAsync) w = { 0 };
  g_autoptr (GError) error = NULL;
  g_autoptr (PaddockMarketClock) clock = NULL;
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *said = NULL;

  paddock_market_clock_get_async (client, NULL, paddock_test_async_cb, &w);
  clock = paddock_market_clock_get_finish (client, paddock_test_async_wait (&w), &error);
  g_assert_no_error (error);
  g_assert_true (clock->is_open);
  g_assert_nonnull (clock->timestamp);
  g_assert_cmpint (g_date_time_compare (clock->next_close, clock->timestamp), >, 0);
  g_assert_cmpint (g_date_time_compare (clock->next_open, clock->next_close), >, 0);
  g_assert_cmpint (ABS (g_date_time_difference (clock->timestamp, now)), <, 600 * G_USEC_PER_SEC);

  said = paddock_market_clock_describe (clock, NULL, NULL);
  g_assert_true (g_str_has_prefix (said, "Open until "));
}

static void
test_sandbox_calendar (SandboxFixture *f,
                       gconstpointer   data)
{
  g_autoptr (PaddockClient) client = client_for (f);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) days = NULL;
  guint n_early = 0;

  {
    g_auto (PaddockTestAsync) w = { 0 };

    paddock_market_calendar_get_async (client, "2026-11-20", "2026-12-31", NULL,
                                       paddock_test_async_cb, &w);
    days = paddock_market_calendar_get_finish (client, paddock_test_async_wait (&w), &error);
    g_assert_no_error (error);
  }

  /* 30 weekdays; the Friday after Thanksgiving and Christmas Eve close at 13:00 */
  g_assert_cmpuint (days->len, ==, 30);
  for (guint i = 0; i < days->len; i++)
    {
      PaddockMarketDay *day = g_ptr_array_index (days, i);
      gboolean early = g_str_equal (day->date, "2026-11-27") ||
                       g_str_equal (day->date, "2026-12-24");

      g_assert_cmpstr (day->open, ==, "09:30");
      g_assert_cmpstr (day->close, ==, early ? "13:00" : "16:00");
      g_assert_cmpint (day->early_close, ==, early);
      g_assert_cmpstr (day->session_open, ==, "0400");
      n_early += day->early_close;
    }
  g_assert_cmpuint (n_early, ==, 2);

  /* a date that is not one is refused before anything is sent */
  {
    g_auto (PaddockTestAsync) w = { 0 };
    g_autoptr (GPtrArray) none = NULL;

    paddock_market_calendar_get_async (client, "yesterday", NULL, NULL, paddock_test_async_cb, &w);
    none = paddock_market_calendar_get_finish (client, paddock_test_async_wait (&w), &error);
    g_assert_error (error, PADDOCK_ERROR, PADDOCK_ERROR_INVALID_INPUT);
    g_assert_null (none);
  }
}

static char *
describe (const char *clock_text,
          const char *calendar_text,
          const char *now_text)
{
  g_autoptr (PaddockMarketClock) clock = clock_from (clock_text);
  g_autoptr (GPtrArray) calendar = calendar_text ? calendar_from (calendar_text) : NULL;
  g_autoptr (GDateTime) now = now_text ? g_date_time_new_from_iso8601 (now_text, NULL) : NULL;

  return paddock_market_clock_describe (clock, calendar, now);
}

static void
test_describe (void)
{
  const char *thanksgiving_week =
    "[{\"date\":\"2026-11-25\",\"open\":\"09:30\",\"close\":\"16:00\"},"
    " {\"date\":\"2026-11-27\",\"open\":\"09:30\",\"close\":\"13:00\","
    "  \"session_open\":\"0400\",\"session_close\":\"1700\"},"
    " {\"date\":\"2026-11-30\",\"open\":\"09:30\",\"close\":\"16:00\"}]";
  char *said;

  /* open on a regular day */
  said = describe ("{\"timestamp\":\"2026-11-25T10:41:07.512334-05:00\",\"is_open\":true,"
                   "\"next_open\":\"2026-11-27T09:30:00-05:00\","
                   "\"next_close\":\"2026-11-25T16:00:00-05:00\"}", thanksgiving_week, NULL);
  g_assert_cmpstr (said, ==, "Open until 16:00 ET");
  g_free (said);

  /* open on the early close: the calendar's 13:00 wins over a clock that says 16:00 */
  said = describe ("{\"timestamp\":\"2026-11-27T10:00:00-05:00\",\"is_open\":true,"
                   "\"next_open\":\"2026-11-30T09:30:00-05:00\","
                   "\"next_close\":\"2026-11-27T16:00:00-05:00\"}", thanksgiving_week, NULL);
  g_assert_cmpstr (said, ==, "Open until 13:00 ET (early close)");
  g_free (said);

  /* without a calendar, a clock that closes at 13:00 is an early close too */
  said = describe ("{\"is_open\":true,\"next_open\":\"2026-11-30T09:30:00-05:00\","
                   "\"next_close\":\"2026-11-27T13:00:00-05:00\"}", NULL,
                   "2026-11-27T11:00:00-05:00");
  g_assert_cmpstr (said, ==, "Open until 13:00 ET (early close)");
  g_free (said);

  /* closed in the morning: opens today */
  said = describe ("{\"timestamp\":\"2026-11-25T08:00:00-05:00\",\"is_open\":false,"
                   "\"next_open\":\"2026-11-25T09:30:00-05:00\","
                   "\"next_close\":\"2026-11-25T16:00:00-05:00\"}", thanksgiving_week, NULL);
  g_assert_cmpstr (said, ==, "Closed · opens today at 09:30 ET");
  g_free (said);

  /* closed in the evening (late in UTC already): opens tomorrow, which closes early */
  said = describe ("{\"timestamp\":\"2026-11-26T20:30:00-05:00\",\"is_open\":false,"
                   "\"next_open\":\"2026-11-27T09:30:00-05:00\","
                   "\"next_close\":\"2026-11-27T13:00:00-05:00\"}", thanksgiving_week,
                   "2026-11-27T01:30:00Z");
  g_assert_cmpstr (said, ==, "Closed · opens tomorrow at 09:30 ET, closes early at 13:00");
  g_free (said);

  /* closed on a Saturday: opens Monday */
  said = describe ("{\"timestamp\":\"2026-11-28T12:00:00-05:00\",\"is_open\":false,"
                   "\"next_open\":\"2026-11-30T09:30:00-05:00\","
                   "\"next_close\":\"2026-11-30T16:00:00-05:00\"}", thanksgiving_week, NULL);
  g_assert_cmpstr (said, ==, "Closed · opens Monday at 09:30 ET");
  g_free (said);
}

static void
test_refused (void)
{
  const char *clocks[] = {
    "[]",
    "{\"next_open\":\"2026-11-30T09:30:00-05:00\",\"next_close\":\"2026-11-30T16:00:00-05:00\"}",
    "{\"is_open\":\"yes\",\"next_open\":\"2026-11-30T09:30:00-05:00\","
    "\"next_close\":\"2026-11-30T16:00:00-05:00\"}",
    "{\"is_open\":true,\"next_open\":\"tomorrow\",\"next_close\":\"2026-11-30T16:00:00-05:00\"}",
  };
  const char *calendars[] = {
    "{}",
    "[{\"date\":\"2026-11-30\",\"open\":\"09:30\"}]",
    "[{\"date\":\"2026-11-30\",\"open\":\"09:30\",\"close\":\"4pm\"}]",
    "[{\"date\":\"30/11/2026\",\"open\":\"09:30\",\"close\":\"16:00\"}]",
    "[{\"date\":\"2026-11-30\",\"open\":\"09:30\",\"close\":\"16:00\"}, 7]",
  };

  for (guint i = 0; i < G_N_ELEMENTS (clocks); i++)
    {
      g_autoptr (JsonNode) node = parse (clocks[i]);
      g_autoptr (GError) error = NULL;
      g_autoptr (PaddockMarketClock) clock = paddock_market_clock_new_from_json (node, &error);

      g_assert_error (error, PADDOCK_ERROR, PADDOCK_ERROR_PROTOCOL);
      g_assert_null (clock);
    }
  for (guint i = 0; i < G_N_ELEMENTS (calendars); i++)
    {
      g_autoptr (JsonNode) node = parse (calendars[i]);
      g_autoptr (GError) error = NULL;
      g_autoptr (GPtrArray) days = paddock_market_calendar_new_from_json (node, &error);

      g_assert_error (error, PADDOCK_ERROR, PADDOCK_ERROR_PROTOCOL);
      g_assert_null (days);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  PADDOCK_TEST_ADD_SANDBOX ("/clock/sandbox/clock", test_sandbox_clock);
  PADDOCK_TEST_ADD_SANDBOX ("/clock/sandbox/calendar", test_sandbox_calendar);
  g_test_add_func ("/clock/describe", test_describe);
  g_test_add_func ("/clock/refused", test_refused);

  return g_test_run ();
}
