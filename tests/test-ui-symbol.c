/* test-ui-symbol.c: symbol search and the symbol window on a real X server, in-process sandbox
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Run under tests/keyring-env.sh and xvfb-run: the controller starts on a stored paper
 * account holding 3 AAPL and an open limit order for AAPL; Ctrl+K goes through the window's
 * own shortcut, Enter through the search entry's activate signal. What the window shows is
 * compared with what the sandbox answers to the same questions.
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <locale.h>

#include "paddock-candle-chart.h"
#include "paddock-controller.h"
#include "paddock-error.h"
#include "paddock-format-private.h"
#include "paddock-market-data.h"
#include "paddock-order-ticket.h"
#include "paddock-symbol-search.h"
#include "paddock-symbol-window.h"
#include "paddock-test-hooks.h"
#include "paddock-token-store.h"
#include "sandbox-fixture.h"
#include "paddock-test-gtk.h"

/* PADDOCK_SCREENSHOT_DIR, taken from the environment so that the window's own test hooks
 * do not write their pages there */
static char *screenshot_dir;

typedef struct
{
  SandboxFixture sf;
  PaddockTokenStore *store;
  PaddockWindow *window;
  PaddockController *controller;
} Fixture;

static gpointer
find_toplevel (GType      type,
               GtkWindow *transient_for,
               gboolean (*match) (gpointer window, gconstpointer data),
               gconstpointer data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (toplevel, type) &&
          gtk_widget_get_visible (GTK_WIDGET (toplevel)) &&
          gtk_window_get_transient_for (toplevel) == transient_for &&
          (match == NULL || match (toplevel, data)))
        return toplevel;
    }
  return NULL;
}

static PaddockSymbolSearch *
open_search (Fixture *f)
{
  return find_toplevel (PADDOCK_TYPE_SYMBOL_SEARCH, GTK_WINDOW (f->window), NULL, NULL);
}

static gboolean
symbol_is (gpointer      window,
           gconstpointer symbol)
{
  return g_strcmp0 (paddock_symbol_window_get_symbol (window), symbol) == 0;
}

static PaddockSymbolWindow *
symbol_window (Fixture    *f,
               const char *symbol)
{
  return find_toplevel (PADDOCK_TYPE_SYMBOL_WINDOW, GTK_WINDOW (f->window), symbol_is, symbol);
}

static gboolean
account_shown (PaddockWindow *window)
{
  return g_strcmp0 (paddock_window_get_page (window), "account") == 0 &&
         paddock_account_view_get_account (paddock_window_get_account_view (window)) != NULL;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr (TestReply) bought = NULL;
  g_autoptr (TestReply) limit = NULL;
  g_autoptr (GSettings) settings = g_settings_new (SETTINGS_SCHEMA_ID);

  sandbox_fixture_setup (&f->sf, NULL);
  paddock_sandbox_set_tick_interval (f->sf.sandbox, 0);  /* prices stay where they are */
  paddock_test_app_use_sandbox (f->sf.sandbox);
  g_settings_set_string (settings, "data-feed", data != NULL ? data : "iex");

  /* a position in AAPL, and an open order for it */
  bought = test_request (&f->sf, "POST", "paper:/v2/orders", f->sf.token,
                         "{\"symbol\":\"AAPL\",\"qty\":\"3\",\"side\":\"buy\",\"type\":\"market\","
                         "\"time_in_force\":\"day\"}");
  g_assert_cmpuint (bought->status, ==, 200);
  limit = test_request (&f->sf, "POST", "paper:/v2/orders", f->sf.token,
                        "{\"symbol\":\"AAPL\",\"qty\":\"2\",\"side\":\"buy\",\"type\":\"limit\","
                        "\"limit_price\":\"100\",\"time_in_force\":\"gtc\"}");
  g_assert_cmpuint (limit->status, ==, 200);

  f->store = paddock_test_store_paper_account (&f->sf, f->sf.token, "account:write trading data",
                                               NULL, NULL);

  f->window = paddock_window_new (NULL);
  paddock_test_hooks_attach (f->window);
  gtk_window_present (GTK_WINDOW (f->window));
  f->controller = paddock_controller_new (f->window);
  paddock_controller_start (f->controller, FALSE);
  PADDOCK_TEST_WAIT_UNTIL (account_shown (f->window));
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr (GSettings) settings = g_settings_new (SETTINGS_SCHEMA_ID);

  paddock_test_controller_release (&f->controller);
  gtk_window_destroy (GTK_WINDOW (f->window));
  paddock_test_drain ();
  g_settings_reset (settings, "data-feed");
  g_clear_object (&f->store);
  sandbox_fixture_teardown (&f->sf, NULL);
}

/* The hooks' report of the window, parsed */
static JsonNode *
describe (Fixture *f)
{
  JsonNode *node = NULL;

  paddock_test_report (f->window, &node);
  return node;
}

/* How many bars the sandbox has for what the window asked (following next_page_token) */
static guint
sandbox_bars (Fixture             *f,
              PaddockSymbolWindow *window)
{
  g_autofree char *start = g_date_time_format_iso8601 (paddock_symbol_window_get_bars_start (window));
  g_autofree char *escaped = g_uri_escape_string (start, NULL, TRUE);
  g_autofree char *token = NULL;
  guint n = 0;

  do
    {
      g_autofree char *escaped_token = token != NULL ? g_uri_escape_string (token, NULL, TRUE) : NULL;
      g_autofree char *url =
        g_strdup_printf ("data:/v2/stocks/AAPL/bars?timeframe=%s&start=%s&limit=10000&feed=iex%s%s",
                         paddock_symbol_window_get_timeframe (window), escaped,
                         token != NULL ? "&page_token=" : "", token != NULL ? escaped_token : "");
      g_autoptr (TestReply) reply = test_request (&f->sf, "GET", url, f->sf.token, NULL);
      JsonObject *obj;
      JsonNode *bars;

      g_assert_cmpuint (reply->status, ==, 200);
      obj = test_reply_object (reply);
      bars = json_object_get_member (obj, "bars");
      if (bars != NULL && JSON_NODE_HOLDS_ARRAY (bars))
        n += json_array_get_length (json_node_get_array (bars));
      g_clear_pointer (&token, g_free);
      token = g_strdup (json_object_get_string_member_with_default (obj, "next_page_token", NULL));
    }
  while (token != NULL);
  return n;
}

static gboolean
requested (Fixture    *f,
           const char *piece)
{
  g_auto (GStrv) requests = paddock_sandbox_dup_data_requests (f->sf.sandbox);

  for (guint i = 0; requests != NULL && requests[i] != NULL; i++)
    if (strstr (requests[i], piece) != NULL)
      return TRUE;
  return FALSE;
}

static void
test_search_opens_detail (Fixture       *f,
                          gconstpointer  data)
{
  PaddockSymbolSearch *search;
  PaddockSymbolWindow *window;
  PaddockAssetCache *cache;
  GPtrArray *matches;
  g_autoptr (GPtrArray) expected = NULL;
  g_autoptr (JsonNode) report = NULL;
  JsonObject *reported;
  JsonArray *reported_matches;

  /* Ctrl+K: the window's own shortcut opens the search, which loads the asset list */
  g_assert_true (paddock_test_activate_shortcut (GTK_WIDGET (f->window), "<Control>k"));
  PADDOCK_TEST_WAIT_UNTIL (open_search (f) != NULL);
  search = open_search (f);
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (search)));
  cache = paddock_session_get_asset_cache (paddock_controller_get_session (f->controller));
  g_assert_true (cache == paddock_session_get_asset_cache (paddock_symbol_search_get_session (search)));
  PADDOCK_TEST_WAIT_UNTIL (!paddock_symbol_search_get_loading (search));
  g_assert_null (paddock_symbol_search_get_error (search));
  g_assert_true (paddock_asset_cache_is_loaded (cache));

  /* nothing matches */
  paddock_symbol_search_set_text (search, "qqzzxx");
  PADDOCK_TEST_WAIT_UNTIL (g_strcmp0 (paddock_symbol_search_get_searched (search), "qqzzxx") == 0);
  g_assert_cmpuint (paddock_symbol_search_get_matches (search)->len, ==, 0);
  g_assert_cmpstr (gtk_label_get_text (
                     GTK_LABEL (paddock_test_get_named (search, "symbol-search-message"))),
                   ==, "No matches");
  g_assert_true (
    gtk_widget_get_child_visible (paddock_test_get_named (search, "symbol-search-message")));

  /* "app": the cache's ranking, Apple first */
  paddock_symbol_search_set_text (search, "app");
  PADDOCK_TEST_WAIT_UNTIL (g_strcmp0 (paddock_symbol_search_get_searched (search), "app") == 0);
  matches = paddock_symbol_search_get_matches (search);
  expected = paddock_asset_cache_search (cache, "app", 50);
  g_assert_cmpuint (matches->len, >, 0);
  g_assert_cmpuint (matches->len, ==, expected->len);
  for (guint i = 0; i < expected->len; i++)
    g_assert_cmpstr (paddock_asset_get_symbol (g_ptr_array_index (matches, i)), ==,
                     paddock_asset_get_symbol (g_ptr_array_index (expected, i)));
  g_assert_cmpstr (paddock_asset_get_symbol (g_ptr_array_index (matches, 0)), ==, "AAPL");
  g_assert_cmpint (paddock_symbol_search_get_selected (search), ==, 0);

  /* what the hooks report */
  report = describe (f);
  reported = json_object_get_object_member (json_node_get_object (report), "search");
  g_assert_nonnull (reported);
  reported_matches = json_object_get_array_member (reported, "matches");
  g_assert_cmpuint (json_array_get_length (reported_matches), ==, matches->len);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (reported_matches, 0),
                                                  "symbol"), ==, "AAPL");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (reported_matches, 0),
                                                  "name"), ==, "Apple Inc. Common Stock");

  /* arrows move the selection and stay within the list */
  paddock_symbol_search_move (search, -1);
  g_assert_cmpint (paddock_symbol_search_get_selected (search), ==, 0);
  if (matches->len > 1)
    {
      paddock_symbol_search_move (search, 1);
      g_assert_cmpint (paddock_symbol_search_get_selected (search), ==, 1);
      paddock_symbol_search_move (search, -1);
    }
  g_assert_cmpint (paddock_symbol_search_get_selected (search), ==, 0);

  /* Enter opens the symbol and closes the search */
  g_signal_emit_by_name (paddock_test_get_named (search, "symbol-search-entry"), "activate");
  PADDOCK_TEST_WAIT_UNTIL (symbol_window (f, "AAPL") != NULL);
  window = symbol_window (f, "AAPL");
  g_assert_false (gtk_window_get_modal (GTK_WINDOW (window)));
  PADDOCK_TEST_WAIT_UNTIL (open_search (f) == NULL);

  /* opening it again brings the same window forward */
  g_assert_true (paddock_symbol_window_open (GTK_WINDOW (f->window),
                                             paddock_controller_get_session (f->controller),
                                             "aapl") == window);
  PADDOCK_TEST_WAIT_UNTIL (paddock_symbol_window_get_name (window) != NULL);
  g_assert_cmpstr (paddock_symbol_window_get_name (window), ==, "Apple Inc. Common Stock");
  g_assert_cmpstr (gtk_label_get_text (
                     GTK_LABEL (paddock_test_get_named (window, "symbol-exchange"))),
                   ==, "NASDAQ");
  g_assert_nonnull (
    strstr (gtk_label_get_text (GTK_LABEL (paddock_test_get_named (window, "symbol-flags"))),
            "Tradable"));
  gtk_window_destroy (GTK_WINDOW (window));
  paddock_test_drain ();
}

static PaddockSymbolWindow *
open_aapl (Fixture *f)
{
  PaddockSymbolWindow *window =
    paddock_symbol_window_open (GTK_WINDOW (f->window),
                                paddock_controller_get_session (f->controller), "AAPL");

  PADDOCK_TEST_WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (window)));
  return window;
}

static void
test_quote_bars_news (Fixture       *f,
                      gconstpointer  data)
{
  PaddockSymbolWindow *window = open_aapl (f);
  g_autoptr (TestReply) quotes = NULL;
  g_autoptr (TestReply) trades = NULL;
  g_autoptr (TestReply) news = NULL;
  g_autoptr (GPtrArray) summaries = g_ptr_array_new ();
  g_autoptr (GPtrArray) headlines = g_ptr_array_new ();
  g_autoptr (JsonNode) report = NULL;
  JsonObject *quote, *reported;
  JsonArray *articles;
  GPtrArray *shown;
  guint requests, with_tags = 0;

  PADDOCK_TEST_WAIT_UNTIL (paddock_symbol_window_get_bid (window) != NULL &&
                           paddock_symbol_window_get_last_price (window) != NULL &&
                           !paddock_symbol_window_get_bars_loading (window) &&
                           paddock_symbol_window_get_news (window) != NULL);

  /* the quote and the trade are the sandbox's */
  quotes = test_request (&f->sf, "GET", "data:/v2/stocks/quotes/latest?symbols=AAPL&feed=iex",
                         f->sf.token, NULL);
  g_assert_cmpuint (quotes->status, ==, 200);
  quote = json_object_get_object_member (json_object_get_object_member (test_reply_object (quotes),
                                                                        "quotes"), "AAPL");
  g_assert_cmpfloat (g_ascii_strtod (paddock_symbol_window_get_bid (window), NULL), ==,
                     json_object_get_double_member (quote, "bp"));
  g_assert_cmpfloat (g_ascii_strtod (paddock_symbol_window_get_ask (window), NULL), ==,
                     json_object_get_double_member (quote, "ap"));
  trades = test_request (&f->sf, "GET", "data:/v2/stocks/trades/latest?symbols=AAPL&feed=iex",
                         f->sf.token, NULL);
  g_assert_cmpuint (trades->status, ==, 200);
  g_assert_cmpfloat (g_ascii_strtod (paddock_symbol_window_get_last_price (window), NULL), ==,
                     json_object_get_double_member (json_object_get_object_member (
                       json_object_get_object_member (test_reply_object (trades), "trades"), "AAPL"),
                       "p"));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (paddock_test_get_named (window, "symbol-bid"))),
                   !=, "—");
  g_assert_null (paddock_symbol_window_get_data_error (window));

  /* the bars: as many as the sandbox has for the range, drawn */
  g_assert_cmpstr (paddock_symbol_window_get_timeframe (window), ==, "1Hour");
  g_assert_cmpuint (paddock_symbol_window_get_n_bars (window), >, 0);
  g_assert_cmpuint (paddock_symbol_window_get_n_bars (window), ==, sandbox_bars (f, window));
  g_assert_cmpuint (paddock_candle_chart_get_n_bars (
                      PADDOCK_CANDLE_CHART (paddock_test_get_named (window, "symbol-chart"))),
                    ==, paddock_symbol_window_get_n_bars (window));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (
                     GTK_STACK (paddock_test_get_named (window, "symbol-chart-stack"))),
                   ==, "chart");

  /* another range asks again, with its own timeframe */
  requests = paddock_symbol_window_get_bars_requests (window);
  paddock_sandbox_clear_data_requests (f->sf.sandbox);
  g_signal_emit_by_name (paddock_test_get_named (window, "symbol-range-3"), "clicked");
  g_assert_cmpint (paddock_symbol_window_get_range (window), ==, PADDOCK_SYMBOL_RANGE_YEAR);
  g_assert_cmpuint (paddock_symbol_window_get_bars_requests (window), ==, requests + 1);
  g_assert_true (paddock_symbol_window_get_bars_loading (window));
  PADDOCK_TEST_WAIT_UNTIL (!paddock_symbol_window_get_bars_loading (window));
  g_assert_true (requested (f, "timeframe=1Day"));
  g_assert_cmpstr (paddock_symbol_window_get_timeframe (window), ==, "1Day");
  g_assert_cmpuint (paddock_symbol_window_get_n_bars (window), >, 0);
  g_assert_cmpuint (paddock_symbol_window_get_n_bars (window), ==, sandbox_bars (f, window));

  /* the news: the sandbox's headlines, HTML shown as text */
  news = test_request (&f->sf, "GET", "data:/v1beta1/news?symbols=AAPL&limit=10&include_content=true",
                       f->sf.token, NULL);
  g_assert_cmpuint (news->status, ==, 200);
  articles = json_object_get_array_member (test_reply_object (news), "news");
  shown = paddock_symbol_window_get_news (window);
  g_assert_cmpuint (json_array_get_length (articles), >, 0);
  g_assert_cmpuint (shown->len, ==, json_array_get_length (articles));
  paddock_test_collect_named (paddock_test_get_named (window, "symbol-news"), "news-summary",
                              summaries);
  paddock_test_collect_named (paddock_test_get_named (window, "symbol-news"), "news-headline",
                              headlines);
  g_assert_cmpuint (summaries->len, ==, shown->len);
  for (guint i = 0; i < shown->len; i++)
    {
      JsonObject *article = json_array_get_object_element (articles, i);
      const char *summary = json_object_get_string_member (article, "summary");
      const char *content = json_object_get_string_member (article, "content");
      const char *text = gtk_label_get_text (GTK_LABEL (g_ptr_array_index (summaries, i)));
      g_autofree char *plain = paddock_html_to_text (summary[0] != '\0' ? summary : content);
      g_autofree char *printable = paddock_format_printable (plain);
      g_autofree char *headline = paddock_format_printable (json_object_get_string_member (article,
                                                                                         "headline"));
      GtkListBoxRow *row = GTK_LIST_BOX_ROW (gtk_widget_get_ancestor (g_ptr_array_index (summaries, i),
                                                                      GTK_TYPE_LIST_BOX_ROW));

      g_assert_cmpstr (((PaddockNewsArticle *) g_ptr_array_index (shown, i))->headline, ==,
                       json_object_get_string_member (article, "headline"));
      g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (g_ptr_array_index (headlines, i))), ==, headline);
      g_assert_false (gtk_label_get_use_markup (GTK_LABEL (g_ptr_array_index (summaries, i))));
      g_assert_cmpstr (text, ==, printable);
      if (summary[0] == '\0' && strstr (content, "</") != NULL)
        {
          with_tags++;
          g_assert_null (strstr (text, "</"));
          g_assert_null (strstr (text, "<p>"));
        }
      /* an article without a URL is not activatable */
      g_assert_true (gtk_list_box_row_get_activatable (row) ==
                     (json_object_get_string_member_with_default (article, "url", NULL) != NULL));
    }
  g_assert_cmpuint (with_tags, >, 0);

  /* what the hooks report */
  report = describe (f);
  reported = json_array_get_object_element (json_object_get_array_member (json_node_get_object (report),
                                                                          "symbols"), 0);
  g_assert_cmpstr (json_object_get_string_member (reported, "symbol"), ==, "AAPL");
  g_assert_cmpstr (json_object_get_string_member (reported, "bid"), ==,
                   paddock_symbol_window_get_bid (window));
  g_assert_cmpint (json_object_get_int_member (reported, "bars"), ==,
                   paddock_symbol_window_get_n_bars (window));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (reported, "news")), ==,
                    shown->len);
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (reported, "news"), 0),
                   ==, json_object_get_string_member (json_array_get_object_element (articles, 0),
                                                      "headline"));
}

static gboolean
has_open_order (PaddockSymbolWindow *window)
{
  g_auto (GStrv) orders = paddock_symbol_window_dup_open_orders (window);

  return orders[0] != NULL;
}

static void
test_position_orders_trade (Fixture       *f,
                            gconstpointer  data)
{
  PaddockSymbolWindow *window = open_aapl (f);
  PaddockOrderTicket *ticket;
  g_autofree char *position = NULL;
  g_auto (GStrv) orders = NULL;
  g_autoptr (JsonNode) report = NULL;
  JsonObject *reported;

  /* the position held, and the open limit order */
  PADDOCK_TEST_WAIT_UNTIL ((position = paddock_symbol_window_dup_position_text (window)) != NULL);
  g_assert_true (g_str_has_prefix (position, "3 "));
  g_assert_cmpstr (gtk_label_get_text (
                     GTK_LABEL (paddock_test_get_named (window, "symbol-position"))),
                   ==, position);
  PADDOCK_TEST_WAIT_UNTIL (has_open_order (window));
  orders = paddock_symbol_window_dup_open_orders (window);
  g_assert_cmpuint (g_strv_length (orders), ==, 1);
  g_assert_nonnull (strstr (orders[0], "limit"));
  g_assert_nonnull (strstr (orders[0], "$100.00"));
  report = describe (f);
  reported = json_array_get_object_element (json_object_get_array_member (json_node_get_object (report),
                                                                          "symbols"), 0);
  g_assert_cmpstr (json_object_get_string_member (reported, "position"), ==, position);
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (reported, "orders"), 0),
                   ==, orders[0]);

  /* Buy: the ticket over the symbol window, pre-filled */
  g_signal_emit_by_name (paddock_test_get_named (window, "symbol-buy"), "clicked");
  ticket = find_toplevel (PADDOCK_TYPE_ORDER_TICKET, GTK_WINDOW (window), NULL, NULL);
  g_assert_nonnull (ticket);
  g_assert_cmpstr (paddock_order_ticket_get_symbol (ticket), ==, "AAPL");
  g_assert_cmpint (paddock_order_ticket_get_side (ticket), ==, PADDOCK_ORDER_SIDE_BUY);
  gtk_window_destroy (GTK_WINDOW (ticket));
  paddock_test_drain ();

  /* Sell likewise */
  g_signal_emit_by_name (paddock_test_get_named (window, "symbol-sell"), "clicked");
  ticket = find_toplevel (PADDOCK_TYPE_ORDER_TICKET, GTK_WINDOW (window), NULL, NULL);
  g_assert_nonnull (ticket);
  g_assert_cmpstr (paddock_order_ticket_get_symbol (ticket), ==, "AAPL");
  g_assert_cmpint (paddock_order_ticket_get_side (ticket), ==, PADDOCK_ORDER_SIDE_SELL);
  gtk_window_destroy (GTK_WINDOW (ticket));
  paddock_test_drain ();
}

static void
test_sip_refused (Fixture       *f,
                  gconstpointer  data)
{
  PaddockSymbolWindow *window = open_aapl (f);
  PaddockSession *session = paddock_controller_get_session (f->controller);
  g_autoptr (PaddockMarketData) market = paddock_market_data_new (paddock_session_get_data_client (session),
                                                                  PADDOCK_DATA_FEED_SIP);
  const char *symbols[] = { "AAPL", NULL };
  g_auto (PaddockTestAsync) w = { 0, };
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) quotes = NULL;

  /* the sandbox's default plan refuses SIP: the window says what the core says */
  paddock_market_data_latest_quotes_async (market, symbols, NULL, paddock_test_async_cb, &w);
  quotes = paddock_market_data_latest_quotes_finish (market, paddock_test_async_wait (&w), &error);
  g_assert_error (error, PADDOCK_ERROR, PADDOCK_ERROR_SIP_NOT_PERMITTED);

  PADDOCK_TEST_WAIT_UNTIL (paddock_symbol_window_get_data_error (window) != NULL &&
                           !paddock_symbol_window_get_bars_loading (window));
  g_assert_cmpstr (paddock_symbol_window_get_data_error (window), ==, error->message);
  g_assert_cmpstr (gtk_label_get_text (
                     GTK_LABEL (paddock_test_get_named (window, "symbol-data-error"))),
                   ==, error->message);
  g_assert_true (gtk_widget_get_visible (paddock_test_get_named (window, "symbol-data-error")));
  g_assert_null (paddock_symbol_window_get_bid (window));
  g_assert_cmpuint (paddock_symbol_window_get_n_bars (window), ==, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (
                     GTK_STACK (paddock_test_get_named (window, "symbol-chart-stack"))),
                   ==, "message");
  g_assert_true (requested (f, "feed=sip"));
}

/* Whether every quote, trade and bars request in the data log asks for @feed (and there
 * is at least one of each) */
static gboolean
stock_requests_use (Fixture    *f,
                    const char *feed)
{
  g_auto (GStrv) requests = paddock_sandbox_dup_data_requests (f->sf.sandbox);
  g_autofree char *param = g_strdup_printf ("feed=%s", feed);
  gboolean quotes = FALSE, trades = FALSE, bars = FALSE;

  for (guint i = 0; requests != NULL && requests[i] != NULL; i++)
    {
      if (strstr (requests[i], "/v2/stocks/") == NULL)
        continue;
      if (strstr (requests[i], param) == NULL)
        {
          g_test_message ("asked with another feed: %s", requests[i]);
          return FALSE;
        }
      quotes = quotes || strstr (requests[i], "/quotes/latest") != NULL;
      trades = trades || strstr (requests[i], "/trades/latest") != NULL;
      bars = bars || strstr (requests[i], "/bars") != NULL;
    }
  return quotes && trades && bars;
}

/* An open window follows the data-feed setting: a change asks again for the quote, the
 * trade and the bars with the new feed, and the SIP refusal's explanation goes */
static void
test_feed_follows_setting (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr (GSettings) settings = g_settings_new (SETTINGS_SCHEMA_ID);
  PaddockSymbolWindow *window;
  GtkWidget *button;
  guint bars_requests;

  paddock_sandbox_clear_data_requests (f->sf.sandbox);
  window = open_aapl (f);

  /* SIP, refused by the free plan: said in words, with the way to Preferences */
  PADDOCK_TEST_WAIT_UNTIL (paddock_symbol_window_get_data_error (window) != NULL &&
                           !paddock_symbol_window_get_bars_loading (window));
  PADDOCK_TEST_WAIT_UNTIL (stock_requests_use (f, "sip"));
  g_assert_nonnull (strstr (paddock_symbol_window_get_data_error (window), "IEX"));
  button = paddock_test_get_named (window, "symbol-feed-preferences");
  g_assert_true (gtk_widget_get_visible (button));
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (button)), ==,
                   "app.preferences");
  g_assert_null (paddock_symbol_window_get_bid (window));
  bars_requests = paddock_symbol_window_get_bars_requests (window);

  /* IEX chosen: everything asked again with it, at once (the quote refresh is 5 s away
   * at most; the bars would not be asked again at all) */
  paddock_sandbox_clear_data_requests (f->sf.sandbox);
  g_settings_set_string (settings, "data-feed", "iex");
  PADDOCK_TEST_WAIT_UNTIL (paddock_symbol_window_get_bars_requests (window) > bars_requests);
  g_assert_null (paddock_symbol_window_get_data_error (window));
  g_assert_false (gtk_widget_get_visible (paddock_test_get_named (window, "symbol-data-error")));
  g_assert_false (gtk_widget_get_visible (button));
  PADDOCK_TEST_WAIT_UNTIL (paddock_symbol_window_get_bid (window) != NULL &&
                           paddock_symbol_window_get_last_price (window) != NULL &&
                           !paddock_symbol_window_get_bars_loading (window));
  g_assert_cmpuint (paddock_symbol_window_get_n_bars (window), >, 0);
  g_assert_null (paddock_symbol_window_get_data_error (window));
  g_assert_true (stock_requests_use (f, "iex"));

  /* SIP again, now with a plan that has it: asked with SIP, and answered */
  paddock_sandbox_set_sip_plan (f->sf.sandbox, TRUE);
  paddock_sandbox_clear_data_requests (f->sf.sandbox);
  bars_requests = paddock_symbol_window_get_bars_requests (window);
  g_settings_set_string (settings, "data-feed", "sip");
  PADDOCK_TEST_WAIT_UNTIL (paddock_symbol_window_get_bars_requests (window) > bars_requests &&
                           !paddock_symbol_window_get_bars_loading (window) &&
                           stock_requests_use (f, "sip"));
  g_assert_null (paddock_symbol_window_get_data_error (window));
  g_assert_cmpuint (paddock_symbol_window_get_n_bars (window), >, 0);
}

/* Renders @widget's window with its own renderer into a PNG, as the app's test hooks do */
static void
save_png (GtkWidget  *widget,
          const char *path)
{
  g_autoptr (GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr (GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr (GskRenderNode) node = NULL;
  g_autoptr (GdkTexture) texture = NULL;
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);

  g_assert_cmpint (width, >, 0);
  g_assert_cmpint (height, >, 0);
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)),
                                         node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_true (gdk_texture_save_to_png (texture, path));
}

/* symbol-light.png and symbol-dark.png for the metainfo (build-aux/screenshots.sh) */
static void
test_screenshots (Fixture       *f,
                  gconstpointer  data)
{
  /* without PADDOCK_SCREENSHOT_DIR (the suite) the pictures are drawn into a temporary
   * folder and checked there, so the drawing is tested on every run */
  g_autofree char *tmp = screenshot_dir == NULL
                         ? g_dir_make_tmp ("paddock-symbol-shots-XXXXXX", NULL) : NULL;
  const char *dir = screenshot_dir != NULL ? screenshot_dir : tmp;
  AdwStyleManager *style = adw_style_manager_get_default ();
  static const struct { AdwColorScheme scheme; const char *name; } schemes[] = {
    { ADW_COLOR_SCHEME_FORCE_LIGHT, "symbol-light.png" },
    { ADW_COLOR_SCHEME_FORCE_DARK, "symbol-dark.png" },
  };
  PaddockSymbolWindow *window;

  g_assert_nonnull (dir);
  window = open_aapl (f);
  PADDOCK_TEST_WAIT_UNTIL (paddock_symbol_window_get_name (window) != NULL &&
                           paddock_symbol_window_get_bid (window) != NULL &&
                           paddock_symbol_window_get_last_price (window) != NULL &&
                           !paddock_symbol_window_get_bars_loading (window) &&
                           paddock_symbol_window_get_news (window) != NULL);
  for (guint i = 0; i < G_N_ELEMENTS (schemes); i++)
    {
      g_autofree char *path = g_build_filename (dir, schemes[i].name, NULL);
      gint64 until;

      adw_style_manager_set_color_scheme (style, schemes[i].scheme);
      /* let it lay out and draw in that style */
      until = g_get_monotonic_time () + G_USEC_PER_SEC;
      while (g_get_monotonic_time () < until)
        g_main_context_iteration (NULL, FALSE);
      save_png (GTK_WIDGET (window), path);
      g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
      if (tmp != NULL)
        g_remove (path);
    }
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
  if (tmp != NULL)
    g_rmdir (tmp);
}

static void
test_no_display (void)
{
  g_test_skip ("no display: run under xvfb-run");
}

int
main (int   argc,
      char *argv[])
{
  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_test_init (&argc, &argv, NULL);
      g_test_add_func ("/ui/symbol/no-display", test_no_display);
      return g_test_run ();
    }

  screenshot_dir = g_strdup (g_getenv ("PADDOCK_SCREENSHOT_DIR"));
  g_unsetenv ("PADDOCK_SCREENSHOT_DIR");
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
  if (setlocale (LC_NUMERIC, "en_US.UTF-8") == NULL)
    _paddock_format_override_locale (",", ".", "\3\3");

  paddock_test_screenshot_language ();

  g_test_add ("/ui/symbol/search-opens-detail", Fixture, NULL, fixture_setup,
              test_search_opens_detail, fixture_teardown);
  g_test_add ("/ui/symbol/quote-bars-news", Fixture, NULL, fixture_setup,
              test_quote_bars_news, fixture_teardown);
  g_test_add ("/ui/symbol/position-orders-trade", Fixture, NULL, fixture_setup,
              test_position_orders_trade, fixture_teardown);
  g_test_add ("/ui/symbol/sip-refused", Fixture, "sip", fixture_setup,
              test_sip_refused, fixture_teardown);
  g_test_add ("/ui/symbol/feed-follows-setting", Fixture, "sip", fixture_setup,
              test_feed_follows_setting, fixture_teardown);
  g_test_add ("/ui/symbol/screenshots", Fixture, NULL, fixture_setup, test_screenshots,
              fixture_teardown);
  return g_test_run ();
}
