/* test-ui-overview.c: the overview's portfolio chart and market clock, with the real
 * controller, a real keyring (tests/keyring-env.sh), a real X server and the sandbox's demo
 * history.
 *
 * The chart shows the sandbox's history for the default period (as many points, the same
 * first and last values), another period sends another request and changes the chart, a
 * reply in milliseconds with null entries draws with gaps at the right times, a failure
 * is said in words with Try Again (the last chart kept), the keyboard moves the
 * cross-hair, and the clock reads as paddock_market_clock_describe() of the sandbox's
 * clock and calendar. Everything is read back through the test hooks' report.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <math.h>
#include <string.h>

#include "paddock-controller.h"
#include "paddock-market-clock.h"
#include "paddock-test-hooks.h"
#include "paddock-token-store.h"
#include "sandbox-fixture.h"
#include "paddock-test-gtk.h"

#define HISTORY_PATH "/v2/account/portfolio/history"

typedef struct
{
  SandboxFixture sf;
  PaddockTokenStore *store;
  PaddockWindow *window;
  PaddockController *controller;
  char *paper_id;
} Fixture;

static void
setup (Fixture       *f,
       gconstpointer  data)
{
  /* the demo's past: a history to draw */
  paddock_test_demo_sandbox_setup (&f->sf);
  paddock_test_app_use_sandbox (f->sf.sandbox);
  f->store = paddock_test_store_paper_account (&f->sf, f->sf.token, "account:write trading data",
                                               &f->paper_id, NULL);

  f->window = paddock_window_new (NULL);
  /* no timed refresh in the middle of a check: the test refreshes when it means to */
  g_object_set (f->window, "refresh-interval", 0, NULL);
  gtk_window_present (GTK_WINDOW (f->window));
  f->controller = paddock_controller_new (f->window);
}

static void
teardown (Fixture       *f,
          gconstpointer  data)
{
  paddock_test_controller_release (&f->controller);
  gtk_window_destroy (GTK_WINDOW (f->window));
  g_clear_object (&f->store);
  g_free (f->paper_id);
  sandbox_fixture_teardown (&f->sf, NULL);
}

static PaddockPortfolioPanel *
panel_of (Fixture *f)
{
  return paddock_account_view_get_portfolio_panel (paddock_window_get_account_view (f->window));
}

static PaddockChart *
chart_of (Fixture *f)
{
  return paddock_portfolio_panel_get_chart (panel_of (f));
}

/* The window's report; *node keeps it */
static JsonObject *
describe (Fixture   *f,
          JsonNode **node)
{
  return paddock_test_report (f->window, node);
}

static gboolean
chart_settled (Fixture    *f,
               const char *period)
{
  PaddockPortfolioPanel *panel = panel_of (f);

  return g_strcmp0 (paddock_window_get_page (f->window), "account") == 0 &&
         g_strcmp0 (paddock_portfolio_panel_get_period (panel), period) == 0 &&
         !paddock_portfolio_panel_get_loading (panel) &&
         !paddock_portfolio_panel_get_refreshing (panel) &&
         (paddock_chart_get_n_points (paddock_portfolio_panel_get_chart (panel)) > 0 ||
          paddock_portfolio_panel_get_error (panel) != NULL);
}

/* The history as the sandbox answers it now */
static TestReply *
history_reply (Fixture    *f,
               const char *period,
               const char *timeframe)
{
  g_autofree char *url = g_strdup_printf ("paper:" HISTORY_PATH "?period=%s&timeframe=%s",
                                          period, timeframe);
  TestReply *reply = test_request (&f->sf, "GET", url, f->sf.token, NULL);

  g_assert_cmpuint (reply->status, ==, 200);
  return reply;
}

/* The history's path as the sandbox sees it (the paper URL may have a path of its own) */
static char *
history_path (Fixture *f)
{
  g_autoptr (GUri) uri = g_uri_parse (paddock_sandbox_get_paper_url (f->sf.sandbox),
                                      G_URI_FLAGS_NONE, NULL);
  const char *path = g_uri_get_path (uri);
  gsize len = strlen (path);

  while (len > 0 && path[len - 1] == '/')
    len--;
  return g_strdup_printf ("%.*s" HISTORY_PATH, (int) len, path);
}

/* Requests of the history so far (the test's own included) */
static guint
count_history (Fixture *f)
{
  g_autofree char *path = history_path (f);

  return paddock_sandbox_count_requests (f->sf.sandbox, "GET", path);
}

/* The chart's cross-hair put on point @index, as the report reads it */
static JsonObject *
crosshair_at (Fixture   *f,
              gssize     index,
              JsonNode **node)
{
  JsonObject *chart;

  paddock_chart_set_crosshair_index (chart_of (f), index);
  chart = json_object_get_object_member (describe (f, node), "chart");
  g_assert_false (json_object_get_null_member (chart, "crosshair"));
  return json_object_get_object_member (chart, "crosshair");
}

/* The report's chart has the reply's points: as many, the first and last present values
 * at their times (in ms), the first after any leading gaps */
static void
assert_chart_is (Fixture    *f,
                 JsonObject *reply,
                 const char *period)
{
  g_autoptr (JsonNode) node = NULL;
  JsonArray *times = json_object_get_array_member (reply, "timestamp");
  JsonArray *equity = json_object_get_array_member (reply, "equity");
  guint n = json_array_get_length (times);
  gboolean in_ms = n > 0 && json_array_get_int_element (times, 0) > 100000000000;
  guint first = 0;
  JsonObject *chart, *crosshair;

  g_assert_cmpuint (n, >, 1);
  while (json_node_is_null (json_array_get_element (equity, first)))
    first++;

  chart = json_object_get_object_member (describe (f, &node), "chart");
  g_assert_cmpstr (json_object_get_string_member (chart, "period"), ==, period);
  g_assert_cmpint (json_object_get_int_member (chart, "points"), ==, n);
  g_assert_false (json_object_get_boolean_member (chart, "loading"));
  g_assert_true (json_object_get_null_member (chart, "error"));
  g_assert_nonnull (json_object_get_string_member (chart, "summary"));
  g_assert_cmpstr (json_object_get_string_member (chart, "summary"), !=, "");

  /* the first point (a gap there moves the cross-hair to the first one present) */
  crosshair = crosshair_at (f, 0, &node);
  g_assert_cmpint (json_object_get_int_member (crosshair, "index"), ==, first);
  g_assert_cmpint (json_object_get_int_member (crosshair, "time"), ==,
                   json_array_get_int_element (times, first) * (in_ms ? 1 : 1000));
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (crosshair, "value"),
                                  json_array_get_double_element (equity, first), 1e-6);
  crosshair = crosshair_at (f, n - 1, &node);
  g_assert_cmpint (json_object_get_int_member (crosshair, "index"), ==, n - 1);
  g_assert_cmpint (json_object_get_int_member (crosshair, "time"), ==,
                   json_array_get_int_element (times, n - 1) * (in_ms ? 1 : 1000));
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (crosshair, "value"),
                                  json_array_get_double_element (equity, n - 1), 1e-6);
  paddock_chart_set_crosshair_index (chart_of (f), -1);
}

static void
press_button (Fixture    *f,
              const char *name)
{
  GtkWidget *button = paddock_test_find_named (GTK_WIDGET (f->window), name);

  g_assert_nonnull (button);
  g_assert_true (gtk_widget_get_mapped (button));
  g_assert_true (gtk_widget_is_sensitive (button));
  /* a click (activate would click only after the button's pressed-look timeout) */
  g_signal_emit_by_name (button, "clicked");
}

static void
test_chart_periods (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr (JsonNode) node = NULL;
  g_autoptr (TestReply) month = NULL;
  g_autoptr (TestReply) week = NULL;
  JsonObject *chart, *crosshair;
  JsonArray *times, *equity;
  guint week_requests;

  paddock_controller_start (f->controller, FALSE);
  PADDOCK_TEST_WAIT_UNTIL (chart_settled (f, "1M"));
  g_assert_cmpuint (count_history (f), ==, 1);

  /* the default period: the sandbox's month, day by day */
  month = history_reply (f, "1M", "1D");
  assert_chart_is (f, test_reply_object (month), "1M");

  /* the keyboard: Right from nothing is the first point, then the next one */
  times = json_object_get_array_member (test_reply_object (month), "timestamp");
  equity = json_object_get_array_member (test_reply_object (month), "equity");
  gtk_widget_grab_focus (GTK_WIDGET (chart_of (f)));
  g_assert_true (paddock_test_press_key (GTK_WIDGET (chart_of (f)), GDK_KEY_Right));
  g_assert_true (paddock_test_press_key (GTK_WIDGET (chart_of (f)), GDK_KEY_Right));
  chart = json_object_get_object_member (describe (f, &node), "chart");
  crosshair = json_object_get_object_member (chart, "crosshair");
  g_assert_nonnull (crosshair);
  g_assert_cmpint (json_object_get_int_member (crosshair, "index"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (crosshair, "time"), ==,
                   json_array_get_int_element (times, 1) * 1000);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (crosshair, "value"),
                                  json_array_get_double_element (equity, 1), 1e-6);
  g_assert_true (paddock_test_press_key (GTK_WIDGET (chart_of (f)), GDK_KEY_Escape));

  /* another period: another request, another chart */
  week_requests = count_history (f);
  press_button (f, "chart-period-1W");
  g_assert_true (paddock_portfolio_panel_get_loading (panel_of (f)));
  chart = json_object_get_object_member (describe (f, &node), "chart");
  g_assert_true (json_object_get_boolean_member (chart, "loading"));
  PADDOCK_TEST_WAIT_UNTIL (chart_settled (f, "1W"));
  g_assert_cmpuint (count_history (f), ==, week_requests + 1);
  week = history_reply (f, "1W", "1H");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (test_reply_object (week),
                                                                         "timestamp")), !=,
                    json_array_get_length (times));
  assert_chart_is (f, test_reply_object (week), "1W");

  /* a period chosen while another is on its way: the last one chosen is shown */
  press_button (f, "chart-period-1D");
  press_button (f, "chart-period-3M");
  PADDOCK_TEST_WAIT_UNTIL (chart_settled (f, "3M"));
  g_clear_pointer (&month, test_reply_free);
  month = history_reply (f, "3M", "1D");
  assert_chart_is (f, test_reply_object (month), "3M");
}

static void
test_chart_gaps_in_milliseconds (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr (TestReply) reply = NULL;
  guint requests;

  paddock_controller_start (f->controller, FALSE);
  PADDOCK_TEST_WAIT_UNTIL (chart_settled (f, "1M"));

  /* from now on, times in milliseconds and three null entries first; Ctrl+R reloads */
  paddock_sandbox_set_history_format (f->sf.sandbox, TRUE, 3);
  requests = count_history (f);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.refresh", NULL));
  PADDOCK_TEST_WAIT_UNTIL (count_history (f) > requests &&
                           chart_settled (f, "1M"));
  reply = history_reply (f, "1M", "1D");
  g_assert_true (json_node_is_null (json_array_get_element (
    json_object_get_array_member (test_reply_object (reply), "equity"), 2)));
  g_assert_cmpint (json_array_get_int_element (
    json_object_get_array_member (test_reply_object (reply), "timestamp"), 0), >,
    100000000000);
  assert_chart_is (f, test_reply_object (reply), "1M");
}

static void
test_chart_failure (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr (JsonNode) node = NULL;
  g_autoptr (TestReply) reply = NULL;
  g_autofree char *path = history_path (f);
  JsonObject *chart;
  gint64 points;

  paddock_controller_start (f->controller, FALSE);
  PADDOCK_TEST_WAIT_UNTIL (chart_settled (f, "1M"));
  points = (gint64) paddock_chart_get_n_points (chart_of (f));

  /* the server refuses: said in words, Try Again, and the last chart stays */
  paddock_sandbox_add_fault (f->sf.sandbox, "GET", path, PADDOCK_SANDBOX_FAULT_STATUS, 500, 1000);
  press_button (f, "chart-period-1A");
  PADDOCK_TEST_WAIT_UNTIL (chart_settled (f, "1A") &&
                           paddock_portfolio_panel_get_error (panel_of (f)) != NULL);
  chart = json_object_get_object_member (describe (f, &node), "chart");
  g_assert_false (json_object_get_null_member (chart, "error"));
  g_assert_nonnull (strstr (json_object_get_string_member (chart, "error"),
                            "could not be loaded"));
  g_assert_cmpint (json_object_get_int_member (chart, "points"), ==, points);
  g_assert_true (
    gtk_widget_get_mapped (paddock_test_find_named (GTK_WIDGET (f->window), "chart-error")));

  /* Try Again, the server answering again */
  paddock_sandbox_clear_faults (f->sf.sandbox);
  press_button (f, "chart-retry");
  PADDOCK_TEST_WAIT_UNTIL (chart_settled (f, "1A") &&
                           paddock_portfolio_panel_get_error (panel_of (f)) == NULL);
  reply = history_reply (f, "1A", "1D");
  assert_chart_is (f, test_reply_object (reply), "1A");
  g_assert_false (
    gtk_widget_get_visible (paddock_test_find_named (GTK_WIDGET (f->window), "chart-error")));
}

/* What a refresh did to the chart while it was watched */
typedef struct
{
  guint spinner_shown;     /* times the spinner appeared */
  gsize fewest_points;     /* the fewest points the chart had */
  guint changed;           /* times the chart's points were set */
} ChartWatch;

static void
spinner_visible_cb (GtkWidget  *spinner,
                    GParamSpec *pspec,
                    ChartWatch *watch)
{
  if (gtk_widget_get_visible (spinner))
    watch->spinner_shown++;
}

static void
points_changed_cb (PaddockChart *chart,
                   GParamSpec   *pspec,
                   ChartWatch   *watch)
{
  watch->fewest_points = MIN (watch->fewest_points, paddock_chart_get_n_points (chart));
  watch->changed++;
}

static gboolean
refreshed (Fixture *f,
           guint    requests)
{
  return count_history (f) > requests && !paddock_portfolio_panel_get_refreshing (panel_of (f));
}

/* The account's refresh (every 30 s; Ctrl+R here) keeps the chart on screen and swaps the
 * new history in place: no spinner, never an empty chart, the cross-hair where it was; a
 * failure leaves the chart and says so discreetly */
static void
test_chart_background_refresh (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr (TestReply) reply = NULL;
  g_autofree char *path = history_path (f);
  ChartWatch watch = { 0, G_MAXSIZE, 0 };
  GtkWidget *spinner, *label;
  gint64 time_before = 0, time_after = 0;
  gsize n;
  guint requests;

  paddock_controller_start (f->controller, FALSE);
  PADDOCK_TEST_WAIT_UNTIL (chart_settled (f, "1M"));
  n = paddock_chart_get_n_points (chart_of (f));
  g_assert_cmpuint (n, >, 6);
  spinner = paddock_test_find_named (GTK_WIDGET (f->window), "chart-spinner");
  g_assert_nonnull (spinner);
  g_assert_false (gtk_widget_get_visible (spinner));
  g_signal_connect (spinner, "notify::visible", G_CALLBACK (spinner_visible_cb), &watch);
  g_signal_connect (chart_of (f), "notify::n-points", G_CALLBACK (points_changed_cb), &watch);

  /* someone looks at a point; meanwhile the history changes (times in ms, 3 gaps first)
   * and the server is slow */
  paddock_chart_set_crosshair_index (chart_of (f), 5);
  g_assert_true (paddock_chart_get_crosshair (chart_of (f), &time_before, NULL));
  paddock_sandbox_set_history_format (f->sf.sandbox, TRUE, 3);
  paddock_sandbox_add_fault (f->sf.sandbox, "GET", path, PADDOCK_SANDBOX_FAULT_LATENCY, 600, 1);

  requests = count_history (f);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.refresh", NULL));
  /* on its way: the chart as it was, no spinner */
  g_assert_true (paddock_portfolio_panel_get_refreshing (panel_of (f)));
  g_assert_false (paddock_portfolio_panel_get_loading (panel_of (f)));
  g_assert_false (gtk_widget_get_visible (spinner));
  g_assert_cmpuint (paddock_chart_get_n_points (chart_of (f)), ==, n);
  g_assert_true (paddock_chart_get_crosshair (chart_of (f), NULL, NULL));
  /* a second refresh while the first is on its way asks nothing more */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.refresh", NULL));
  PADDOCK_TEST_WAIT_UNTIL (refreshed (f, requests));
  g_assert_cmpuint (count_history (f), ==, requests + 1);

  /* swapped in place: once, never empty, never a spinner, the cross-hair on its time */
  g_assert_cmpuint (watch.changed, ==, 1);
  g_assert_cmpuint (watch.fewest_points, ==, n);
  g_assert_cmpuint (watch.spinner_shown, ==, 0);
  g_assert_true (paddock_chart_get_crosshair (chart_of (f), &time_after, NULL));
  g_assert_cmpint (time_after, ==, time_before);
  g_assert_null (paddock_portfolio_panel_get_error (panel_of (f)));
  paddock_chart_set_crosshair_index (chart_of (f), -1);
  reply = history_reply (f, "1M", "1D");
  assert_chart_is (f, test_reply_object (reply), "1M");

  /* the server fails a refresh: the chart stays as it was, a quiet note says from when */
  paddock_sandbox_add_fault (f->sf.sandbox, "GET", path, PADDOCK_SANDBOX_FAULT_STATUS, 500, 1000);
  requests = count_history (f);
  watch.changed = 0;
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.refresh", NULL));
  g_assert_false (gtk_widget_get_visible (spinner));
  PADDOCK_TEST_WAIT_UNTIL (refreshed (f, requests));
  g_assert_true (paddock_portfolio_panel_get_stale (panel_of (f)));
  g_assert_nonnull (paddock_portfolio_panel_get_error (panel_of (f)));
  g_assert_cmpuint (watch.changed, ==, 0);
  g_assert_cmpuint (paddock_chart_get_n_points (chart_of (f)), ==, n);
  g_assert_cmpuint (watch.spinner_shown, ==, 0);
  g_assert_false (paddock_portfolio_panel_get_loading (panel_of (f)));
  g_assert_true (
    gtk_widget_get_mapped (paddock_test_find_named (GTK_WIDGET (f->window), "chart-error")));
  label = paddock_test_find_named (GTK_WIDGET (f->window), "chart-error-label");
  g_assert_false (gtk_widget_has_css_class (label, "error"));
  g_assert_true (gtk_widget_has_css_class (label, "dim-label"));
  g_assert_nonnull (gtk_widget_get_tooltip_text (label));
  g_assert_null (strstr (paddock_portfolio_panel_get_error (panel_of (f)), "could not be loaded"));

  /* Try Again, the server answering again: the note goes, still no spinner */
  paddock_sandbox_clear_faults (f->sf.sandbox);
  requests = count_history (f);
  press_button (f, "chart-retry");
  PADDOCK_TEST_WAIT_UNTIL (refreshed (f, requests));
  g_assert_null (paddock_portfolio_panel_get_error (panel_of (f)));
  g_assert_false (paddock_portfolio_panel_get_stale (panel_of (f)));
  g_assert_false (
    gtk_widget_get_visible (paddock_test_find_named (GTK_WIDGET (f->window), "chart-error")));
  g_assert_cmpuint (watch.spinner_shown, ==, 0);
  g_assert_cmpuint (watch.fewest_points, ==, n);

  /* another period is a new chart: the spinner is right there */
  press_button (f, "chart-period-1W");
  g_assert_true (paddock_portfolio_panel_get_loading (panel_of (f)));
  g_assert_true (gtk_widget_get_visible (spinner));
  PADDOCK_TEST_WAIT_UNTIL (chart_settled (f, "1W"));
  g_assert_false (gtk_widget_get_visible (spinner));

  g_signal_handlers_disconnect_by_data (spinner, &watch);
  g_signal_handlers_disconnect_by_data (chart_of (f), &watch);
}

static char *
new_york_date (GDateTime *time)
{
  g_autoptr (GTimeZone) tz = g_time_zone_new_identifier ("America/New_York");
  g_autoptr (GDateTime) local = g_date_time_to_timezone (time, tz);

  return g_date_time_format (local, "%Y-%m-%d");
}

static void
test_market_clock (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr (JsonNode) node = NULL;
  g_autoptr (TestReply) clock_reply = NULL;
  g_autoptr (TestReply) calendar_reply = NULL;
  g_autoptr (PaddockMarketClock) clock = NULL;
  g_autoptr (GPtrArray) calendar = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *start = NULL;
  g_autofree char *end = NULL;
  g_autofree char *url = NULL;
  g_autofree char *expected = NULL;
  JsonObject *report;

  paddock_controller_start (f->controller, FALSE);
  PADDOCK_TEST_WAIT_UNTIL (chart_settled (f, "1M") &&
                           paddock_portfolio_panel_get_clock_text (panel_of (f)) != NULL);

  clock_reply = test_request (&f->sf, "GET", "paper:/v2/clock", f->sf.token, NULL);
  g_assert_cmpuint (clock_reply->status, ==, 200);
  clock = paddock_market_clock_new_from_json (clock_reply->json, &error);
  g_assert_no_error (error);
  start = new_york_date (clock->timestamp);
  end = new_york_date (g_date_time_compare (clock->next_open, clock->next_close) > 0
                         ? clock->next_open : clock->next_close);
  url = g_strdup_printf ("paper:/v2/calendar?start=%s&end=%s", start, end);
  calendar_reply = test_request (&f->sf, "GET", url, f->sf.token, NULL);
  g_assert_cmpuint (calendar_reply->status, ==, 200);
  calendar = paddock_market_calendar_new_from_json (calendar_reply->json, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (calendar->len, >, 0);
  expected = paddock_market_clock_describe (clock, calendar, NULL);

  report = describe (f, &node);
  g_assert_cmpstr (json_object_get_string_member (report, "market_clock"), ==, expected);
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (paddock_test_find_named (GTK_WIDGET (f->window),
                                                               "market-clock"))), ==, expected);
}

int
main (int   argc,
      char *argv[])
{
  if (paddock_test_no_keyring_display (&argc, &argv))
    return 77;

  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  g_test_add ("/ui/overview/chart/periods", Fixture, NULL, setup, test_chart_periods, teardown);
  g_test_add ("/ui/overview/chart/gaps-in-milliseconds", Fixture, NULL, setup,
              test_chart_gaps_in_milliseconds, teardown);
  g_test_add ("/ui/overview/chart/failure", Fixture, NULL, setup, test_chart_failure, teardown);
  g_test_add ("/ui/overview/chart/background-refresh", Fixture, NULL, setup,
              test_chart_background_refresh, teardown);
  g_test_add ("/ui/overview/market-clock", Fixture, NULL, setup, test_market_clock, teardown);

  return g_test_run ();
}
