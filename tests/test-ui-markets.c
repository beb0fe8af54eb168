/* test-ui-markets.c: the Markets page (watchlists with live prices, today's movers) with
 * the real controller, a real keyring (tests/keyring-env.sh), a real X server and the
 * sandbox.
 *
 * The watchlists are the sandbox's; creating, renaming, adding, removing, reordering and
 * deleting through the page reach the sandbox; a price refresh of N symbols is ONE data
 * request, and nothing is asked while the page is hidden; a sign-in without account:write
 * shows the missing-permission banner with Sign In Again and changes nothing; the movers
 * are the sandbox's screener replies, with Ctrl+R and an error state.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "paddock-asset-cache.h"
#include "paddock-controller.h"
#include "paddock-symbol-window.h"
#include "paddock-format.h"
#include "paddock-test-hooks.h"
#include "paddock-token-store.h"
#include "paddock-watchlist-quotes.h"
#include "sandbox-fixture.h"
#include "paddock-test-gtk.h"

#define FULL_SCOPE "account:write trading data"
#define NO_WRITE_SCOPE "trading data"
#define SNAPSHOTS_PATH "/data/v2/stocks/snapshots"

typedef struct
{
  SandboxFixture sf;
  PaddockTokenStore *store;
  PaddockWindow *window;
  PaddockController *controller;
  PaddockMarketsPage *page;
  char *app_token;        /* the token the app signs in with */
} Fixture;

/* data: the scope of the app's sign-in */
static void
setup (Fixture       *f,
       gconstpointer  data)
{
  const char *scope = data;

  sandbox_fixture_setup (&f->sf, NULL);
  paddock_sandbox_set_tick_interval (f->sf.sandbox, 0);  /* prices stay put */
  paddock_test_app_use_sandbox (f->sf.sandbox);

  f->app_token = g_str_equal (scope, FULL_SCOPE) ? g_strdup (f->sf.token) :
                 paddock_sandbox_issue_token (f->sf.sandbox, scope, "paper");
  f->store = paddock_test_store_paper_account (&f->sf, f->app_token, scope, NULL, NULL);

  f->window = paddock_window_new (NULL);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1000, 700);
  gtk_window_present (GTK_WINDOW (f->window));
  f->controller = paddock_controller_new (f->window);
  f->page = paddock_window_get_markets_page (f->window);
}

static void
teardown (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr (GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data))
      gtk_window_destroy (l->data);
  paddock_test_controller_release (&f->controller);
  gtk_window_destroy (GTK_WINDOW (f->window));
  g_clear_object (&f->store);
  g_free (f->app_token);
  sandbox_fixture_teardown (&f->sf, NULL);
}

#define ADD(path, scope, func) \
  g_test_add (path, Fixture, scope, setup, func, teardown)

/* ---- reading the sandbox and the page ------------------------------------------------ */

static gboolean
showing_paper (PaddockWindow *window)
{
  return g_strcmp0 (paddock_window_get_page (window), "account") == 0 &&
         paddock_window_get_environment (window) == PADDOCK_ENVIRONMENT_PAPER &&
         paddock_account_view_get_account (paddock_window_get_account_view (window)) != NULL;
}

/* The markets part of the test hooks' report (*report keeps the report) */
static JsonObject *
markets_report (Fixture   *f,
                JsonNode **report)
{
  paddock_test_drain ();
  return paddock_test_report_member (f->window, "markets", report);
}

static char *
page_string (Fixture    *f,
             const char *member)
{
  g_autoptr (JsonNode) report = NULL;
  JsonObject *m = markets_report (f, &report);

  if (json_object_get_null_member (m, member))
    return NULL;
  return g_strdup (json_object_get_string_member (m, member));
}

static char *
sandbox_watchlist_id (Fixture    *f,
                      const char *name)
{
  g_autoptr (TestReply) reply = test_request (&f->sf, "GET", "paper:/v2/watchlists",
                                              f->sf.token, NULL);
  JsonArray *array = test_reply_array (reply);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *o = json_array_get_object_element (array, i);

      if (g_strcmp0 (json_object_get_string_member (o, "name"), name) == 0)
        return g_strdup (json_object_get_string_member (o, "id"));
    }
  return NULL;
}

/* "AAPL,MSFT,KO": a sandbox watchlist's symbols, in order */
static char *
sandbox_symbols (Fixture    *f,
                 const char *id)
{
  g_autofree char *url = g_strdup_printf ("paper:/v2/watchlists/%s", id);
  g_autoptr (TestReply) reply = test_request (&f->sf, "GET", url, f->sf.token, NULL);

  g_assert_cmpuint (reply->status, ==, 200);
  return paddock_test_joined_strings (json_object_get_array_member (test_reply_object (reply),
                                                                    "assets"),
                                      "symbol");
}

#define ROWS_ARE(f, x) paddock_test_same (paddock_test_markets_rows (f->window), x)
#define WATCHLISTS_ARE(f, x) paddock_test_same (paddock_test_markets_watchlists (f->window), x)
#define STRING_IS(f, member, x) paddock_test_same (page_string (f, member), x)
#define SANDBOX_SYMBOLS_ARE(f, id, x) paddock_test_same (sandbox_symbols (f, id), x)

static guint
watchlist_writes (Fixture *f)
{
  return paddock_sandbox_count_requests (f->sf.sandbox, "POST", "/paper/v2/watchlists") +
         paddock_sandbox_count_requests (f->sf.sandbox, "PUT", "/paper/v2/watchlists") +
         paddock_sandbox_count_requests (f->sf.sandbox, "DELETE", "/paper/v2/watchlists");
}

static gboolean
page_idle (Fixture *f)
{
  return !paddock_markets_page_get_busy (f->page);
}

/* Signs in and shows the Markets page with its first watchlist loaded */
static void
open_markets (Fixture *f)
{
  paddock_controller_start (f->controller, FALSE);
  PADDOCK_TEST_WAIT_UNTIL (showing_paper (f->window));
  paddock_window_set_view (f->window, "markets");
  g_assert_cmpstr (paddock_window_get_view (f->window), ==, "markets");
  PADDOCK_TEST_WAIT_UNTIL (paddock_markets_page_get_session (f->page) != NULL && page_idle (f));
}

static AdwMessageDialog *
find_dialog (const char *name)
{
  g_autoptr (GList) toplevels = NULL;

  paddock_test_drain ();
  toplevels = gtk_window_list_toplevels ();
  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_visible (l->data) &&
        g_strcmp0 (gtk_widget_get_name (l->data), name) == 0)
      return l->data;
  return NULL;
}

/* The button @name of the row of @symbol */
static GtkWidget *
row_button (Fixture    *f,
            const char *symbol,
            const char *name)
{
  GtkWidget *rows = paddock_test_find_named (GTK_WIDGET (f->page), "markets-rows");

  for (GtkWidget *row = gtk_widget_get_first_child (rows); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (g_strcmp0 (g_object_get_data (G_OBJECT (row), "symbol"), symbol) == 0)
      return paddock_test_find_named (row, name);
  return NULL;
}

/* Types a name into the page's name dialog and answers @response */
static void
answer_name_dialog (const char *name,
                    const char *response)
{
  AdwMessageDialog *dialog;
  GtkWidget *entry;

  PADDOCK_TEST_WAIT_UNTIL (find_dialog ("markets-name-dialog") != NULL);
  dialog = find_dialog ("markets-name-dialog");
  entry = adw_message_dialog_get_extra_child (dialog);
  gtk_editable_set_text (GTK_EDITABLE (entry), name);
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, response));
  adw_message_dialog_response (dialog, response);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
type_symbol (Fixture    *f,
             const char *text)
{
  GtkWidget *entry = paddock_test_find_named (GTK_WIDGET (f->page), "markets-symbol-entry");

  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  g_signal_emit_by_name (entry, "activate");
}

/* ---- the watchlists ------------------------------------------------------------------ */

static void
test_watchlists_edit (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *tech =
    paddock_test_sandbox_create_watchlist (&f->sf,
                                           "{\"name\":\"Tech\",\"symbols\":[\"AAPL\",\"MSFT\"]}");
  g_autofree char *other =
    paddock_test_sandbox_create_watchlist (&f->sf, "{\"name\":\"Other\",\"symbols\":[\"SPY\"]}");
  g_autofree char *fresh = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *message = NULL;
  AdwMessageDialog *dialog;
  guint writes;

  open_markets (f);
  expected = paddock_test_sandbox_watchlists (&f->sf);
  g_assert_cmpstr (expected, ==, "Tech,Other");
  PADDOCK_TEST_WAIT_UNTIL (WATCHLISTS_ARE (f, expected) &&
                           ROWS_ARE (f, "AAPL,MSFT"));
  g_assert_cmpstr (paddock_markets_page_get_selected_id (f->page), ==, tech);

  /* choosing the other list shows its rows */
  paddock_markets_page_select_watchlist (f->page, other);
  PADDOCK_TEST_WAIT_UNTIL (ROWS_ARE (f, "SPY"));
  paddock_markets_page_select_watchlist (f->page, tech);
  PADDOCK_TEST_WAIT_UNTIL (ROWS_ARE (f, "AAPL,MSFT"));

  /* New Watchlist…: the dialog creates it at the broker, and it is chosen */
  g_signal_emit_by_name (paddock_test_find_named (GTK_WIDGET (f->page), "markets-new"), "clicked");
  answer_name_dialog ("Fresh", "create");
  PADDOCK_TEST_WAIT_UNTIL (page_idle (f) &&
                           WATCHLISTS_ARE (f, "Tech,Other,Fresh"));
  g_free (expected);
  expected = paddock_test_sandbox_watchlists (&f->sf);
  g_assert_cmpstr (expected, ==, "Tech,Other,Fresh");
  fresh = sandbox_watchlist_id (f, "Fresh");
  g_assert_cmpstr (paddock_markets_page_get_selected_id (f->page), ==, fresh);
  g_assert_true (ROWS_ARE (f, ""));

  /* Rename… */
  g_signal_emit_by_name (paddock_test_find_named (GTK_WIDGET (f->page), "markets-rename"),
                         "clicked");
  answer_name_dialog ("Renamed", "rename");
  PADDOCK_TEST_WAIT_UNTIL (page_idle (f) &&
                           WATCHLISTS_ARE (f, "Tech,Other,Renamed"));
  g_free (expected);
  expected = paddock_test_sandbox_watchlists (&f->sf);
  g_assert_cmpstr (expected, ==, "Tech,Other,Renamed");

  /* adding: the asset list knows KO (typed in lower case); an unknown symbol is refused
   * with a message and nothing is sent */
  PADDOCK_TEST_WAIT_UNTIL (page_idle (f));
  writes = watchlist_writes (f);
  type_symbol (f, "ZZZZQ");
  message = page_string (f, "message");
  g_assert_nonnull (message);
  g_assert_nonnull (strstr (message, "ZZZZQ"));
  paddock_test_spin (200);
  g_assert_cmpuint (watchlist_writes (f), ==, writes);
  g_assert_true (SANDBOX_SYMBOLS_ARE (f, fresh, ""));

  type_symbol (f, "ko");
  PADDOCK_TEST_WAIT_UNTIL (page_idle (f) && ROWS_ARE (f, "KO"));
  type_symbol (f, "AAPL");
  PADDOCK_TEST_WAIT_UNTIL (page_idle (f) && ROWS_ARE (f, "KO,AAPL"));
  type_symbol (f, "MSFT");
  PADDOCK_TEST_WAIT_UNTIL (page_idle (f) && ROWS_ARE (f, "KO,AAPL,MSFT"));
  g_assert_true (SANDBOX_SYMBOLS_ARE (f, fresh, "KO,AAPL,MSFT"));
  g_assert_cmpuint (watchlist_writes (f), ==, writes + 3);

  /* reorder: MSFT up (its row's button), then KO down */
  g_signal_emit_by_name (row_button (f, "MSFT", "markets-row-up"), "clicked");
  PADDOCK_TEST_WAIT_UNTIL (page_idle (f) && ROWS_ARE (f, "KO,MSFT,AAPL"));
  g_assert_true (SANDBOX_SYMBOLS_ARE (f, fresh, "KO,MSFT,AAPL"));
  g_assert_false (gtk_widget_get_sensitive (row_button (f, "KO", "markets-row-up")));
  g_assert_false (gtk_widget_get_sensitive (row_button (f, "AAPL", "markets-row-down")));
  paddock_markets_page_move_symbol (f->page, "KO", 1);
  PADDOCK_TEST_WAIT_UNTIL (page_idle (f) && ROWS_ARE (f, "MSFT,KO,AAPL"));
  g_assert_true (SANDBOX_SYMBOLS_ARE (f, fresh, "MSFT,KO,AAPL"));

  /* remove KO through its row */
  g_signal_emit_by_name (row_button (f, "KO", "markets-row-remove"), "clicked");
  PADDOCK_TEST_WAIT_UNTIL (page_idle (f) && ROWS_ARE (f, "MSFT,AAPL"));
  g_assert_true (SANDBOX_SYMBOLS_ARE (f, fresh, "MSFT,AAPL"));

  /* Delete…: Cancel keeps it, Delete removes it at the broker */
  writes = watchlist_writes (f);
  g_signal_emit_by_name (paddock_test_find_named (GTK_WIDGET (f->page), "markets-delete"),
                         "clicked");
  dialog = find_dialog ("markets-delete-dialog");
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "cancel");
  gtk_window_destroy (GTK_WINDOW (dialog));
  paddock_test_spin (200);
  g_assert_cmpuint (watchlist_writes (f), ==, writes);
  g_signal_emit_by_name (paddock_test_find_named (GTK_WIDGET (f->page), "markets-delete"),
                         "clicked");
  dialog = find_dialog ("markets-delete-dialog");
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "delete");
  gtk_window_destroy (GTK_WINDOW (dialog));
  PADDOCK_TEST_WAIT_UNTIL (page_idle (f) && WATCHLISTS_ARE (f, "Tech,Other"));
  g_free (expected);
  expected = paddock_test_sandbox_watchlists (&f->sf);
  g_assert_cmpstr (expected, ==, "Tech,Other");
  PADDOCK_TEST_WAIT_UNTIL (ROWS_ARE (f, "AAPL,MSFT"));
  g_assert_true (STRING_IS (f, "banner", NULL));
}

/* Every snapshots request of the log asks for exactly @symbols */
static guint
snapshot_requests_for (Fixture    *f,
                       const char *symbols,
                       guint      *others)
{
  g_auto (GStrv) log = paddock_sandbox_dup_data_requests (f->sf.sandbox);
  g_autofree char *param = g_strdup_printf ("symbols=%s", symbols);
  guint n = 0;

  *others = 0;
  for (guint i = 0; log[i] != NULL; i++)
    {
      if (strstr (log[i], "/v2/stocks/snapshots?") != NULL && strstr (log[i], param) != NULL)
        n++;
      else
        (*others)++;
    }
  return n;
}

static void
test_watchlists_prices (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *id = paddock_test_sandbox_create_watchlist (&f->sf, "{\"name\":\"Prices\","
                                           "\"symbols\":[\"AAPL\",\"MSFT\",\"KO\"]}");
  g_autoptr (JsonNode) report = NULL;
  JsonArray *rows;
  guint others, before, after, hidden;

  g_assert_true (paddock_sandbox_set_price (f->sf.sandbox, "AAPL", "187.25"));
  paddock_sandbox_clear_data_requests (f->sf.sandbox);
  open_markets (f);
  PADDOCK_TEST_WAIT_UNTIL (ROWS_ARE (f, "AAPL,MSFT,KO"));

  /* prices on every row, from ONE request for the three symbols */
  for (;;)
    {
      gboolean all = TRUE;

      g_clear_pointer (&report, json_node_unref);
      rows = json_object_get_array_member (markets_report (f, &report), "rows");
      for (guint i = 0; i < json_array_get_length (rows); i++)
        all = all && g_strcmp0 (json_object_get_string_member (
                                  json_array_get_object_element (rows, i), "price"), "—") != 0;
      if (all)
        break;
      paddock_test_spin (20);
    }
  g_assert_cmpuint (snapshot_requests_for (f, "AAPL,MSFT,KO", &others), ==, 1);
  g_assert_cmpuint (others, ==, 0);
  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      JsonObject *row = json_array_get_object_element (rows, i);
      const char *change = json_object_get_string_member (row, "change");
      const char *colour = json_object_get_null_member (row, "colour") ? NULL :
                           json_object_get_string_member (row, "colour");

      g_assert_nonnull (json_object_get_string_member (row, "name"));
      g_assert_cmpstr (json_object_get_string_member (row, "name"), !=, "");
      /* the change with its sign, and the colour of the direction */
      if (g_str_has_prefix (change, "+"))
        g_assert_cmpstr (colour, ==, "success");
      else if (g_str_has_prefix (change, "−"))
        g_assert_cmpstr (colour, ==, "error");
      else
        g_assert_null (colour);
      g_assert_nonnull (strstr (change, "%"));
    }
  {
    g_autofree char *expected = paddock_format_money ("187.25", "USD");

    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (rows, 0),
                                                    "price"), ==, expected);
  }

  /* the next refresh, a few seconds later, is again one request */
  before = snapshot_requests_for (f, "AAPL,MSFT,KO", &others);
  PADDOCK_TEST_WAIT_UNTIL (snapshot_requests_for (f, "AAPL,MSFT,KO", &others) > before);
  g_assert_cmpuint (others, ==, 0);

  /* hidden: nothing is asked */
  paddock_window_set_view (f->window, "orders");
  paddock_test_drain ();
  paddock_test_spin (300);
  hidden = paddock_sandbox_count_requests (f->sf.sandbox, NULL, "/data/");
  paddock_test_spin (PADDOCK_WATCHLIST_QUOTES_DEFAULT_INTERVAL_MS + 1500);
  g_assert_cmpuint (paddock_sandbox_count_requests (f->sf.sandbox, NULL, "/data/"), ==, hidden);

  /* shown again: asked again at once */
  paddock_window_set_view (f->window, "markets");
  PADDOCK_TEST_WAIT_UNTIL (paddock_sandbox_count_requests (f->sf.sandbox, "GET", SNAPSHOTS_PATH) >
                           hidden);
  after = snapshot_requests_for (f, "AAPL,MSFT,KO", &others);
  g_assert_cmpuint (others, ==, 0);
  g_assert_cmpuint (after, >, before);
}

/* ---- the asset list: asked for on first use, once per session --------------------------- */

/* GET /v2/assets (the whole list), not /v2/assets/{symbol} */
static guint
asset_list_requests (Fixture *f)
{
  return paddock_sandbox_count_requests (f->sf.sandbox, "GET", "/paper/v2/assets") -
         paddock_sandbox_count_requests (f->sf.sandbox, "GET", "/paper/v2/assets/");
}

static void
test_assets_on_first_use (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *id =
    paddock_test_sandbox_create_watchlist (&f->sf, "{\"name\":\"Tech\",\"symbols\":[\"AAPL\"]}");
  PaddockAssetCache *cache;

  /* signed in, the overview and the account's orders loaded: no asset list yet */
  paddock_controller_start (f->controller, FALSE);
  PADDOCK_TEST_WAIT_UNTIL (showing_paper (f->window));
  PADDOCK_TEST_WAIT_UNTIL (paddock_sandbox_count_requests (f->sf.sandbox, "GET",
                                                           "/paper/v2/orders") > 0);
  g_assert_cmpstr (paddock_window_get_view (f->window), !=, "markets");
  paddock_window_set_view (f->window, "orders");
  paddock_test_spin (500);
  g_assert_nonnull (paddock_markets_page_get_session (f->page));
  g_assert_cmpuint (asset_list_requests (f), ==, 0);
  cache = paddock_session_get_asset_cache (paddock_controller_get_session (f->controller));
  g_assert_false (paddock_asset_cache_is_loaded (cache));

  /* the Markets page shown: asked for once, and adding a symbol works from it */
  paddock_window_set_view (f->window, "markets");
  PADDOCK_TEST_WAIT_UNTIL (asset_list_requests (f) == 1 && page_idle (f) &&
                           paddock_asset_cache_is_loaded (cache));
  PADDOCK_TEST_WAIT_UNTIL (ROWS_ARE (f, "AAPL"));
  type_symbol (f, "KO");
  PADDOCK_TEST_WAIT_UNTIL (page_idle (f) && ROWS_ARE (f, "AAPL,KO"));
  g_assert_true (SANDBOX_SYMBOLS_ARE (f, id, "AAPL,KO"));

  /* shown again later: the same list, not asked again */
  paddock_window_set_view (f->window, "orders");
  paddock_test_drain ();
  paddock_window_set_view (f->window, "markets");
  paddock_test_spin (300);
  g_assert_cmpuint (asset_list_requests (f), ==, 1);
}

/* ---- the data feed -------------------------------------------------------------------- */

/* "iex,sip": the feed parameter of every snapshots request the data host received */
static char *
snapshot_feeds (Fixture *f)
{
  g_auto (GStrv) log = paddock_sandbox_dup_data_requests (f->sf.sandbox);
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_auto (GStrv) feeds = NULL;

  for (guint i = 0; log[i] != NULL; i++)
    {
      const char *feed;
      g_autofree char *value = NULL;

      if (strstr (log[i], "/v2/stocks/snapshots?") == NULL)
        continue;
      feed = strstr (log[i], "feed=");
      value = feed != NULL ? g_strndup (feed + 5, strcspn (feed + 5, "&")) : g_strdup ("none");
      g_strv_builder_add (builder, value);
    }
  feeds = g_strv_builder_end (builder);
  return g_strjoinv (",", feeds);
}

static gboolean
only_feed (Fixture    *f,
           const char *feed)
{
  g_autofree char *feeds = snapshot_feeds (f);
  g_auto (GStrv) each = g_strsplit (feeds, ",", -1);

  for (guint i = 0; each[i] != NULL; i++)
    if (!g_str_equal (each[i], feed))
      return FALSE;
  return each[0] != NULL;
}

/* The watchlist's prices follow the data-feed setting: SIP asked for when it says so, the
 * free plan's refusal explained with what to change, and a change asks again at once */
static void
test_watchlists_feed (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr (GSettings) settings = g_settings_new (SETTINGS_SCHEMA_ID);
  g_autofree char *id =
    paddock_test_sandbox_create_watchlist (&f->sf,
                                           "{\"name\":\"Feed\",\"symbols\":[\"AAPL\",\"KO\"]}");
  g_autofree char *banner = NULL;
  g_autoptr (JsonNode) report = NULL;
  GtkWidget *button;
  JsonArray *rows;

  g_settings_set_string (settings, "data-feed", "sip");
  paddock_sandbox_clear_data_requests (f->sf.sandbox);
  open_markets (f);
  PADDOCK_TEST_WAIT_UNTIL (ROWS_ARE (f, "AAPL,KO"));

  /* SIP asked for, refused by the plan: the page says so and what to change */
  PADDOCK_TEST_WAIT_UNTIL ((banner = page_string (f, "feed_banner")) != NULL);
  g_assert_true (only_feed (f, "sip"));
  g_assert_nonnull (strstr (banner, "SIP"));
  g_assert_nonnull (strstr (banner, "IEX"));
  g_assert_nonnull (strstr (banner, "Preferences"));
  button = paddock_test_find_named (GTK_WIDGET (f->page), "markets-feed-preferences");
  g_assert_nonnull (button);
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (button)), ==,
                   "app.preferences");
  rows = json_object_get_array_member (markets_report (f, &report), "rows");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (rows, 0),
                                                  "price"), ==, "—");
  g_clear_pointer (&report, json_node_unref);

  /* IEX chosen in Preferences: asked again at once (the refresh interval is seconds away),
   * the explanation goes, the prices come */
  paddock_sandbox_clear_data_requests (f->sf.sandbox);
  g_settings_set_string (settings, "data-feed", "iex");
  PADDOCK_TEST_WAIT_UNTIL (only_feed (f, "iex"));
  PADDOCK_TEST_WAIT_UNTIL (STRING_IS (f, "feed_banner", NULL));
  for (;;)
    {
      rows = json_object_get_array_member (markets_report (f, &report), "rows");
      if (g_strcmp0 (json_object_get_string_member (json_array_get_object_element (rows, 1),
                                                    "price"), "—") != 0)
        break;
      g_clear_pointer (&report, json_node_unref);
      paddock_test_spin (20);
    }
  g_assert_true (only_feed (f, "iex"));

  /* a plan with SIP, and SIP chosen: asked with SIP, answered */
  paddock_sandbox_set_sip_plan (f->sf.sandbox, TRUE);
  paddock_sandbox_clear_data_requests (f->sf.sandbox);
  g_settings_set_string (settings, "data-feed", "sip");
  PADDOCK_TEST_WAIT_UNTIL (only_feed (f, "sip"));
  paddock_test_spin (300);
  g_assert_null (page_string (f, "feed_banner"));
  g_settings_reset (settings, "data-feed");
}

/* ---- a sign-in without account:write -------------------------------------------------- */

static void
sign_in_requested_cb (PaddockWindow *window,
                      guint         *count)
{
  (*count)++;
}

static void
test_missing_scope (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *id =
    paddock_test_sandbox_create_watchlist (&f->sf,
                                           "{\"name\":\"Mine\",\"symbols\":[\"AAPL\",\"MSFT\"]}");
  g_autofree char *banner = NULL;
  g_autofree char *names = NULL;
  GtkWidget *button;
  guint sign_ins = 0;

  open_markets (f);
  PADDOCK_TEST_WAIT_UNTIL (ROWS_ARE (f, "AAPL,MSFT"));
  g_assert_true (STRING_IS (f, "banner", NULL));
  PADDOCK_TEST_WAIT_UNTIL (page_idle (f));

  /* a rename is refused: the banner in words, nothing changed here or there */
  paddock_markets_page_rename_watchlist (f->page, "Changed");
  PADDOCK_TEST_WAIT_UNTIL (page_idle (f));
  banner = page_string (f, "banner");
  g_assert_nonnull (banner);
  g_assert_nonnull (strstr (banner, "permission"));
  g_assert_nonnull (strstr (banner, "account settings"));
  g_assert_true (WATCHLISTS_ARE (f, "Mine"));
  names = paddock_test_sandbox_watchlists (&f->sf);
  g_assert_cmpstr (names, ==, "Mine");

  /* so are adding, reordering, removing and deleting */
  type_symbol (f, "KO");
  PADDOCK_TEST_WAIT_UNTIL (page_idle (f));
  paddock_markets_page_move_symbol (f->page, "MSFT", -1);
  PADDOCK_TEST_WAIT_UNTIL (page_idle (f));
  paddock_markets_page_remove_symbol (f->page, "AAPL");
  PADDOCK_TEST_WAIT_UNTIL (page_idle (f));
  paddock_markets_page_delete_watchlist (f->page);
  PADDOCK_TEST_WAIT_UNTIL (page_idle (f));
  paddock_markets_page_create_watchlist (f->page, "New");
  PADDOCK_TEST_WAIT_UNTIL (page_idle (f));
  g_assert_true (ROWS_ARE (f, "AAPL,MSFT"));
  g_assert_true (WATCHLISTS_ARE (f, "Mine"));
  g_assert_true (SANDBOX_SYMBOLS_ARE (f, id, "AAPL,MSFT"));
  g_free (names);
  names = paddock_test_sandbox_watchlists (&f->sf);
  g_assert_cmpstr (names, ==, "Mine");
  g_assert_true (STRING_IS (f, "message", NULL));
  g_free (banner);
  banner = page_string (f, "banner");
  g_assert_nonnull (banner);

  /* Sign In Again starts the sign-in */
  button = paddock_test_find_named (GTK_WIDGET (f->page), "markets-sign-in-again");
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_get_mapped (button));
  g_signal_connect (f->window, "sign-in-requested", G_CALLBACK (sign_in_requested_cb), &sign_ins);
  g_signal_emit_by_name (button, "clicked");
  g_assert_cmpuint (sign_ins, ==, 1);
  g_signal_handlers_disconnect_by_func (f->window, sign_in_requested_cb, &sign_ins);
}

/* ---- movers -------------------------------------------------------------------------- */

static JsonObject *
sandbox_screener (Fixture    *f,
                  const char *url,
                  TestReply **reply)
{
  *reply = test_request (&f->sf, "GET", url, f->sf.token, NULL);
  g_assert_cmpuint ((*reply)->status, ==, 200);
  return test_reply_object (*reply);
}

static guint
screener_requests (Fixture *f)
{
  return paddock_sandbox_count_requests (f->sf.sandbox, "GET", "/data/v1beta1/screener/");
}

/* The page's list @member equals the sandbox's @raw: symbols in order, the percent with its
 * sign and colour, the price */
static void
assert_movers (JsonArray  *shown,
               JsonArray  *raw,
               gboolean    gainers)
{
  g_assert_cmpuint (json_array_get_length (shown), ==, json_array_get_length (raw));
  g_assert_cmpuint (json_array_get_length (shown), >, 0);
  for (guint i = 0; i < json_array_get_length (raw); i++)
    {
      JsonObject *s = json_array_get_object_element (shown, i);
      JsonObject *r = json_array_get_object_element (raw, i);
      g_autofree char *price = g_strdup_printf ("%.2f", json_object_get_double_member (r, "price"));
      g_autofree char *money = paddock_format_money (price, "USD");
      const char *change = json_object_get_string_member (s, "change");
      double percent = json_object_get_double_member (r, "percent_change");

      g_assert_cmpstr (json_object_get_string_member (s, "symbol"), ==,
                       json_object_get_string_member (r, "symbol"));
      g_assert_cmpstr (json_object_get_string_member (s, "value"), ==, money);
      if (percent > 0)
        {
          g_assert_true (g_str_has_prefix (change, "+"));
          g_assert_cmpstr (json_object_get_string_member (s, "colour"), ==, "success");
        }
      else if (percent < 0)
        {
          g_assert_true (g_str_has_prefix (change, "−"));
          g_assert_cmpstr (json_object_get_string_member (s, "colour"), ==, "error");
        }
      g_assert_true (g_str_has_suffix (change, "%"));
      g_assert_cmpint (gainers ? percent >= 0 : percent <= 0, ==, TRUE);
    }
}

/* The symbol window open for SYMBOL, or NULL */
static PaddockSymbolWindow *
find_symbol_window (const char *symbol)
{
  g_autoptr (GListModel) toplevels = gtk_window_get_toplevels ();

  g_object_ref (toplevels);
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GObject) w = g_list_model_get_item (toplevels, i);

      if (PADDOCK_IS_SYMBOL_WINDOW (w) &&
          g_strcmp0 (paddock_symbol_window_get_symbol (PADDOCK_SYMBOL_WINDOW (w)), symbol) == 0)
        return PADDOCK_SYMBOL_WINDOW (w);
    }
  return NULL;
}

static void
test_movers (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr (TestReply) actives_reply = NULL;
  g_autoptr (TestReply) movers_reply = NULL;
  g_autoptr (JsonNode) report = NULL;
  JsonObject *m, *lists, *raw_movers;
  JsonArray *raw_actives, *shown;
  guint before;

  g_assert_true (paddock_sandbox_set_price (f->sf.sandbox, "AAPL", "999.5"));
  g_assert_true (paddock_sandbox_set_price (f->sf.sandbox, "MSFT", "1.25"));
  open_markets (f);
  /* nothing asked before the movers are shown */
  g_assert_cmpuint (screener_requests (f), ==, 0);

  paddock_markets_page_set_section (f->page, "movers");
  PADDOCK_TEST_WAIT_UNTIL (page_idle (f) && STRING_IS (f, "movers_state", "list"));
  g_assert_cmpuint (screener_requests (f), ==, 2);

  raw_actives = json_object_get_array_member (
    sandbox_screener (f, "data:/v1beta1/screener/stocks/most-actives?by=volume&top=10",
                      &actives_reply), "most_actives");
  raw_movers = sandbox_screener (f, "data:/v1beta1/screener/stocks/movers?top=10", &movers_reply);

  m = markets_report (f, &report);
  lists = json_object_get_object_member (m, "movers");
  shown = json_object_get_array_member (lists, "most_actives");
  g_assert_cmpuint (json_array_get_length (shown), ==, json_array_get_length (raw_actives));
  g_assert_cmpuint (json_array_get_length (shown), >, 0);
  for (guint i = 0; i < json_array_get_length (raw_actives); i++)
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (shown, i),
                                                    "symbol"), ==,
                     json_object_get_string_member (json_array_get_object_element (raw_actives, i),
                                                    "symbol"));
  assert_movers (json_object_get_array_member (lists, "gainers"),
                 json_object_get_array_member (raw_movers, "gainers"), TRUE);
  assert_movers (json_object_get_array_member (lists, "losers"),
                 json_object_get_array_member (raw_movers, "losers"), FALSE);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (
                     json_object_get_array_member (lists, "gainers"), 0), "symbol"), ==, "AAPL");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (
                     json_object_get_array_member (lists, "losers"), 0), "symbol"), ==, "MSFT");

  /* Ctrl+R asks again (the two screener requests) */
  before = paddock_sandbox_count_requests (f->sf.sandbox, "GET", "/data/v1beta1/screener/") + 2;
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.refresh", NULL));
  PADDOCK_TEST_WAIT_UNTIL (page_idle (f) && screener_requests (f) >= before);

  /* a failure shows the error state, and Retry recovers */
  paddock_sandbox_add_fault (f->sf.sandbox, "GET", "/data/v1beta1/screener/",
                             PADDOCK_SANDBOX_FAULT_STATUS, 500, 100);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.refresh", NULL));
  PADDOCK_TEST_WAIT_UNTIL (page_idle (f) && STRING_IS (f, "movers_state", "error"));
  paddock_sandbox_clear_faults (f->sf.sandbox);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.refresh", NULL));
  PADDOCK_TEST_WAIT_UNTIL (page_idle (f) && STRING_IS (f, "movers_state", "list"));

  /* a mover's row opens its symbol's window, through the controller */
  g_assert_null (find_symbol_window ("AAPL"));
  g_signal_emit_by_name (f->page, "symbol-activated", "AAPL");
  g_assert_nonnull (find_symbol_window ("AAPL"));
  gtk_window_destroy (GTK_WINDOW (find_symbol_window ("AAPL")));
}

/* The Markets page (a watchlist, the movers) in light and dark, for the metainfo
 * (build-aux/screenshots.sh runs this with PADDOCK_SCREENSHOT_DIR) */
static gboolean
all_priced (Fixture *f)
{
  g_autoptr (JsonNode) report = NULL;
  JsonArray *rows = json_object_get_array_member (markets_report (f, &report), "rows");
  gboolean all = json_array_get_length (rows) > 0;

  for (guint i = 0; i < json_array_get_length (rows); i++)
    all = all && g_strcmp0 (json_object_get_string_member (
                              json_array_get_object_element (rows, i), "change"), "—") != 0;
  return all;
}

static void
test_screenshots (Fixture       *f,
                  gconstpointer  data)
{
  const char *out = g_getenv ("PADDOCK_SCREENSHOT_DIR");
  g_autofree char *dir = out != NULL ? g_strdup (out) : g_dir_make_tmp ("paddock-shots-XXXXXX", NULL);
  g_autofree char *id =
    paddock_test_sandbox_create_watchlist (&f->sf, "{\"name\":\"Technology\",\"symbols\":"
                                                   "[\"AAPL\",\"MSFT\",\"NVDA\",\"GOOGL\",\"KO\","
                                                   "\"SPY\"]}");
  g_autofree char *other =
    paddock_test_sandbox_create_watchlist (&f->sf, "{\"name\":\"Dividends\",\"symbols\":[\"KO\"]}");
  AdwStyleManager *style = adw_style_manager_get_default ();
  const struct {
    AdwColorScheme scheme;
    const char *suffix;
  } schemes[] = {
    { ADW_COLOR_SCHEME_FORCE_LIGHT, "" },
    { ADW_COLOR_SCHEME_FORCE_DARK, "-dark" },
  };

  paddock_sandbox_tick (f->sf.sandbox);
  open_markets (f);
  PADDOCK_TEST_WAIT_UNTIL (all_priced (f));
  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  for (gsize i = 0; i < G_N_ELEMENTS (schemes); i++)
    {
      const char *sections[] = { "watchlists", "movers" };
      const char *names[] = { "markets", "markets-movers" };

      adw_style_manager_set_color_scheme (style, schemes[i].scheme);
      for (gsize s = 0; s < G_N_ELEMENTS (sections); s++)
        {
          g_autofree char *path = g_strdup_printf ("%s/%s%s.png", dir, names[s],
                                                   schemes[i].suffix);
          g_autoptr (GError) error = NULL;

          paddock_markets_page_set_section (f->page, sections[s]);
          PADDOCK_TEST_WAIT_UNTIL (page_idle (f) &&
                                   (s == 0 || STRING_IS (f, "movers_state", "list")));
          paddock_test_spin (300);
          g_assert_true (paddock_test_hooks_save_screenshot (f->window, path, &error));
          g_assert_no_error (error);
          g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
          if (out == NULL)
            g_assert_cmpint (g_unlink (path), ==, 0);
        }
      paddock_markets_page_set_section (f->page, "watchlists");
    }
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
  if (out == NULL)
    g_assert_cmpint (g_rmdir (dir), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  if (paddock_test_no_keyring_display (&argc, &argv))
    return 77;

  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  if (g_getenv ("PADDOCK_SCREENSHOT_DIR") == NULL)
    g_setenv ("LC_ALL", "C.UTF-8", TRUE);  /* the screenshots keep build-aux/screenshots.sh's */
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  paddock_test_screenshot_language ();

  ADD ("/ui-markets/watchlists/edit", FULL_SCOPE, test_watchlists_edit);
  ADD ("/ui-markets/watchlists/prices", FULL_SCOPE, test_watchlists_prices);
  ADD ("/ui-markets/watchlists/feed", FULL_SCOPE, test_watchlists_feed);
  ADD ("/ui-markets/watchlists/missing-scope", NO_WRITE_SCOPE, test_missing_scope);
  ADD ("/ui-markets/movers", FULL_SCOPE, test_movers);
  ADD ("/ui-markets/assets-on-first-use", FULL_SCOPE, test_assets_on_first_use);
  ADD ("/ui-markets/screenshots", FULL_SCOPE, test_screenshots);

  return g_test_run ();
}
