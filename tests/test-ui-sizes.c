/* test-ui-sizes.c: the window at every size, with the minimize and maximize buttons shown
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Run under tests/xvfb-env.sh. Each main page must fit 360 × 640 with GTK's minimize,
 * maximize and close buttons in the header; at 360 px the view switcher sits at the bottom
 * and the tables are lists of rows, at 1920 px the tables have their columns. The account
 * switcher's rows line up, and a figure card keeps its width when its number grows.
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "paddock-account-item.h"
#include "paddock-controller.h"
#include "paddock-activity.h"
#include "paddock-error.h"
#include "paddock-format-private.h"
#include "paddock-order-ticket.h"
#include "paddock-order.h"
#include "paddock-position.h"
#include "paddock-test-gtk.h"
#include "paddock-test-hooks.h"
#include "paddock-token-store.h"
#include "paddock-window.h"
#include "sandbox-fixture.h"

#define MINUS "\xe2\x88\x92"
#define AUTHORIZE_URI "http://127.0.0.1:9/oauth/authorize?response_type=code&client_id=x&state=s"

/* The fact sheet's example account (alpaca-api.md §2.1). */
static const char *example_account =
  "{'id':'3f2c9a1e-5b7d-4c1a-9e8f-0a1b2c3d4e5f','account_number':'PA31Z8KQ0XYZ',"
  "'status':'ACTIVE','crypto_status':'ACTIVE','currency':'USD','cash':'18250.40',"
  "'portfolio_value':'24310.90','equity':'24310.90','last_equity':'24102.15',"
  "'long_market_value':'6060.50','short_market_value':'0','buying_power':'48621.80',"
  "'regt_buying_power':'48621.80','daytrading_buying_power':'0',"
  "'non_marginable_buying_power':'18250.40','initial_margin':'3030.25',"
  "'maintenance_margin':'1818.15','last_maintenance_margin':'1790.00','sma':'0',"
  "'multiplier':'2','daytrade_count':0,'pattern_day_trader':true,"
  "'trading_blocked':false,'transfers_blocked':false,'account_blocked':false,"
  "'trade_suspended_by_user':false,'shorting_enabled':true,'accrued_fees':'0',"
  "'pending_transfer_in':'0','pending_transfer_out':'0',"
  "'created_at':'2023-05-04T15:22:31.123456Z'}";

static const char *example_positions[] = {
  "{'asset_id':'1e7c2d44-5f0a-4b6e-9d3c-8a2b1c0d9e8f','symbol':'MSFT','exchange':'NASDAQ',"
  "'asset_class':'us_equity','asset_marginable':true,'qty':'16','qty_available':'16',"
  "'avg_entry_price':'368.25','side':'long','market_value':'6060.48','cost_basis':'5892.00',"
  "'unrealized_pl':'168.48','unrealized_plpc':'0.028595','unrealized_intraday_pl':'41.60',"
  "'unrealized_intraday_plpc':'0.006911','current_price':'378.78','lastday_price':'376.18',"
  "'change_today':'0.006912'}",
  "{'asset_id':'2f8d3e55-6a1b-4c7f-8e4d-9b3c2d1e0f9a','symbol':'TSLA','exchange':'NASDAQ',"
  "'asset_class':'us_equity','asset_marginable':true,'qty':'-5','qty_available':'-5',"
  "'avg_entry_price':'240.10','side':'short','market_value':'-1190.50','cost_basis':'-1200.50',"
  "'unrealized_pl':'10.00','unrealized_plpc':'0.00833','unrealized_intraday_pl':'-2.25',"
  "'unrealized_intraday_plpc':'-0.00189','current_price':'238.10','lastday_price':'237.65',"
  "'change_today':'0.001894'}",
};

static const char *example_orders[] = {
  "{'id':'9b2e6f0c-1a3d-4e5f-8a7b-6c5d4e3f2a10','client_order_id':'gtk-7f3a',"
  "'created_at':'2024-01-08T15:31:02.114502Z','submitted_at':'2024-01-08T15:31:02.109874Z',"
  "'asset_id':'1e7c2d44-5f0a-4b6e-9d3c-8a2b1c0d9e8f','symbol':'MSFT','asset_class':'us_equity',"
  "'qty':'10','filled_qty':'0','order_class':'simple','order_type':'limit','type':'limit',"
  "'side':'buy','time_in_force':'gtc','limit_price':'370.5','status':'new',"
  "'extended_hours':false,'legs':null}",
  "{'id':'a0000000-0000-4000-8000-000000000001','client_order_id':'gtk-b1',"
  "'created_at':'2024-01-08T15:31:02Z','submitted_at':'2024-01-08T15:31:02Z','symbol':'GOOGL',"
  "'asset_class':'us_equity','qty':'1250.5','filled_qty':'1250.5','filled_avg_price':'140.42',"
  "'order_class':'simple','order_type':'stop_limit','type':'stop_limit','side':'sell',"
  "'time_in_force':'day','stop_price':'139.5','limit_price':'139','status':'filled',"
  "'extended_hours':false,'legs':null}",
};

static const char *example_activities[] = {
  "{'id':'20240108153210004512::c4d1a9e2-7b3f-4e60-9a85-1f2e3d4c5b6a',"
  "'activity_type':'FILL','transaction_time':'2024-01-08T15:32:10.004512Z',"
  "'type':'partial_fill','price':'370.48','qty':'4','side':'buy','symbol':'MSFT',"
  "'leaves_qty':'6','cum_qty':'4','order_id':'9b2e6f0c-1a3d-4e5f-8a7b-6c5d4e3f2a10',"
  "'order_status':'partially_filled'}",
  "{'id':'20240110000000000::1f0e9d8c-7b6a-4594-8372-615049382716',"
  "'activity_type':'DIV','date':'2024-01-10','net_amount':'12.00','symbol':'MSFT',"
  "'qty':'16','per_share_amount':'0.75','description':'Cash DIV @ 0.75, Pos QTY 16',"
  "'status':'executed'}",
};

/* ---- helpers ------------------------------------------------------------------------ */

static JsonNode *
json (const char *text)
{
  g_autofree char *copy = g_strdelimit (g_strdup (text), "'", '"');
  g_autoptr (GError) error = NULL;
  JsonNode *node = json_from_string (copy, &error);

  g_assert_no_error (error);
  return node;
}

static PaddockAccount *
parse_account (void)
{
  g_autoptr (JsonNode) node = json (example_account);
  g_autoptr (GError) error = NULL;
  PaddockAccount *account = paddock_account_new_from_json (node, &error);

  g_assert_no_error (error);
  return account;
}

static GListStore *
positions_model (void)
{
  GListStore *store = g_list_store_new (PADDOCK_TYPE_POSITION);

  for (gsize i = 0; i < G_N_ELEMENTS (example_positions); i++)
    {
      g_autoptr (JsonNode) node = json (example_positions[i]);
      g_autoptr (GError) error = NULL;
      g_autoptr (PaddockPosition) position = paddock_position_new_from_json (node, &error);

      g_assert_no_error (error);
      g_list_store_append (store, position);
    }
  return store;
}

static GListStore *
orders_model (void)
{
  GListStore *store = g_list_store_new (PADDOCK_TYPE_ORDER);

  for (gsize i = 0; i < G_N_ELEMENTS (example_orders); i++)
    {
      g_autoptr (JsonNode) node = json (example_orders[i]);
      g_autoptr (GError) error = NULL;
      g_autoptr (PaddockOrder) order = paddock_order_new_from_json (node, &error);

      g_assert_no_error (error);
      g_list_store_append (store, order);
    }
  return store;
}

static GListStore *
activities_model (void)
{
  GListStore *store = g_list_store_new (PADDOCK_TYPE_ACTIVITY);

  for (gsize i = 0; i < G_N_ELEMENTS (example_activities); i++)
    {
      g_autoptr (JsonNode) node = json (example_activities[i]);
      g_autoptr (GError) error = NULL;
      g_autoptr (PaddockActivity) activity = paddock_activity_new_from_json (node, &error);

      g_assert_no_error (error);
      g_list_store_append (store, activity);
    }
  return store;
}

static gboolean
timeout_cb (gpointer user_data)
{
  gboolean *timed_out = user_data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

static PaddockWindow *
new_window (void)
{
  PaddockWindow *window = paddock_window_new (NULL);
  gboolean timed_out = FALSE;
  guint timeout = g_timeout_add_seconds (10, timeout_cb, &timed_out);

  gtk_window_present (GTK_WINDOW (window));
  while (!gtk_widget_get_mapped (GTK_WIDGET (window)) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (timeout);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (window)));
  paddock_test_wait_frames (GTK_WIDGET (window), 2);
  return window;
}

static void
destroy_window (PaddockWindow *window)
{
  GList *toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (l->data != window)
      gtk_window_destroy (l->data);
  g_list_free (toplevels);

  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  gtk_window_destroy (GTK_WINDOW (window));
  paddock_test_drain ();
  g_assert_null (window);
}

static void
click (GtkWidget *button)
{
  g_signal_emit_by_name (button, "clicked");
  paddock_test_drain ();
}

/* The window's own minimum: what GTK lets a person shrink it to. */
static void
assert_fits (PaddockWindow *window,
             const char    *what)
{
  GtkWidget *widget = GTK_WIDGET (window);
  int min_width = 0, min_height = 0;

  paddock_test_wait_frames (widget, 2);
  gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, &min_width, NULL, NULL, NULL);
  gtk_widget_measure (widget, GTK_ORIENTATION_VERTICAL, 360, &min_height, NULL, NULL, NULL);
  g_test_message ("%s: minimum %d × %d", what, min_width, min_height);
  if (min_width > 360 || min_height > 640)
    g_error ("%s needs %d × %d, more than 360 × 640", what, min_width, min_height);
}

/* A window on the example account with data in the positions, orders and activity. */
static PaddockWindow *
account_window (PaddockAccount **account_out,
                GListStore     **models)
{
  PaddockWindow *window = new_window ();
  g_autoptr (GListStore) accounts = g_list_store_new (PADDOCK_TYPE_ACCOUNT_ITEM);
  g_autoptr (PaddockAccountItem) paper = NULL;
  g_autoptr (PaddockAccountItem) live = NULL;

  *account_out = parse_account ();
  models[0] = positions_model ();
  models[1] = orders_model ();
  models[2] = activities_model ();
  paper = paddock_account_item_new (paddock_account_get_id (*account_out),
                                    PADDOCK_ENVIRONMENT_PAPER, "PA31Z8KQ0XYZ");
  live = paddock_account_item_new ("77aa0000-0000-4000-8000-000000000001",
                                   PADDOCK_ENVIRONMENT_LIVE, "3AB12345");
  g_list_store_append (accounts, paper);
  g_list_store_append (accounts, live);
  paddock_window_set_accounts (window, G_LIST_MODEL (accounts));
  paddock_window_show_account (window, *account_out, PADDOCK_ENVIRONMENT_PAPER);
  paddock_positions_page_set_model (paddock_window_get_positions_page (window),
                                    G_LIST_MODEL (models[0]));
  paddock_orders_page_set_model (paddock_window_get_orders_page (window),
                                 G_LIST_MODEL (models[1]));
  paddock_orders_page_set_filter (paddock_window_get_orders_page (window),
                                  PADDOCK_ORDERS_FILTER_ALL);
  paddock_activity_page_set_model (paddock_window_get_activity_page (window),
                                   G_LIST_MODEL (models[2]));
  return window;
}

static void
account_window_destroy (PaddockWindow *window,
                        GListStore   **models)
{
  paddock_positions_page_set_model (paddock_window_get_positions_page (window), NULL);
  paddock_orders_page_set_model (paddock_window_get_orders_page (window), NULL);
  paddock_activity_page_set_model (paddock_window_get_activity_page (window), NULL);
  destroy_window (window);
  for (guint i = 0; i < 3; i++)
    g_clear_object (&models[i]);
}

static void
count_cb (guint *count)
{
  (*count)++;
}

/* ---- tests -------------------------------------------------------------------------- */

static const char *views[] = { "overview", "positions", "orders", "activity", "markets" };

/* Each main page fits 360 × 640 with minimize, maximize and close in the header. */
static void
test_minimum_size (void)
{
  PaddockWindow *window = new_window ();
  GtkWidget *root = GTK_WIDGET (window);
  g_autoptr (PaddockAccount) account = NULL;
  g_autoptr (GError) network = g_error_new_literal (PADDOCK_ERROR, PADDOCK_ERROR_NETWORK, "down");
  g_autoptr (GError) revoked = g_error_new_literal (PADDOCK_ERROR, PADDOCK_ERROR_NOT_AUTHORIZED,
                                                    "revoked");
  GListStore *models[3] = { NULL, };
  GtkWidget *next;

  paddock_window_show_welcome (window);
  assert_fits (window, "welcome");

  paddock_window_show_assistant (window, TRUE);
  next = paddock_test_get_named (root, "assistant-next");
  assert_fits (window, "assistant: environment");
  click (next);
  assert_fits (window, "assistant: permissions");
  click (next);
  assert_fits (window, "assistant: OAuth app");

  paddock_window_set_environment (window, PADDOCK_ENVIRONMENT_LIVE);
  paddock_window_show_waiting (window, AUTHORIZE_URI);
  assert_fits (window, "waiting");
  paddock_window_show_problem (window, network);
  assert_fits (window, "problem");
  destroy_window (window);

  window = account_window (&account, models);
  for (gsize i = 0; i < G_N_ELEMENTS (views); i++)
    {
      paddock_window_set_view (window, views[i]);
      assert_fits (window, views[i]);
    }
  /* the revoked page keeps the account switcher in the header */
  paddock_window_set_current_account (window, paddock_account_get_id (account), "PA31Z8KQ0XYZ",
                                      PADDOCK_ENVIRONMENT_PAPER);
  paddock_window_show_problem (window, revoked);
  g_assert_true (gtk_widget_get_visible (paddock_test_get_named (GTK_WIDGET (window),
                                                                 "account-button")));
  assert_fits (window, "revoked");
  account_window_destroy (window, models);
}

/* Sets the example account's equity to @equity, as a refresh would; @last_equity
 * (yesterday's) too, when given. */
static void
set_equities (PaddockAccount *account,
              const char     *equity,
              const char     *last_equity)
{
  g_autoptr (JsonNode) node = json (example_account);
  g_autoptr (GError) error = NULL;

  json_object_set_string_member (json_node_get_object (node), "equity", equity);
  if (last_equity != NULL)
    json_object_set_string_member (json_node_get_object (node), "last_equity", last_equity);
  g_assert_true (paddock_account_update_from_json (account, node, &error));
  g_assert_no_error (error);
}

static void
set_equity (PaddockAccount *account,
            const char     *equity)
{
  set_equities (account, equity, NULL);
}

/* The header's title is whole wherever it shows: never cut to "Continue in…". */
static void
assert_title_whole (PaddockWindow *window,
                    const char    *what,
                    gboolean       must_show)
{
  g_autoptr (GPtrArray) labels = g_ptr_array_new ();
  GtkWidget *title = paddock_test_get_named (GTK_WIDGET (window), "switcher-title");
  gboolean shown = FALSE;

  paddock_test_wait_frames (GTK_WIDGET (window), 2);
  for (GtkWidget *w = title; w != NULL; w = gtk_widget_get_parent (w))
    if (!gtk_widget_get_child_visible (w))
      goto done;
  /* AdwWindowTitle's label */
  {
    GPtrArray *stack = g_ptr_array_new ();

    g_ptr_array_add (stack, title);
    while (stack->len > 0)
      {
        GtkWidget *w = g_ptr_array_steal_index (stack, stack->len - 1);

        if (GTK_IS_LABEL (w) && gtk_widget_has_css_class (w, "title"))
          g_ptr_array_add (labels, w);
        for (GtkWidget *c = gtk_widget_get_first_child (w); c != NULL;
             c = gtk_widget_get_next_sibling (c))
          g_ptr_array_add (stack, c);
      }
    g_ptr_array_unref (stack);
  }
  for (guint i = 0; i < labels->len; i++)
    {
      GtkWidget *label = labels->pdata[i];
      int natural = 0;
      g_autoptr (PangoLayout) layout = NULL;
      int text_width = 0;

      if (!gtk_widget_get_mapped (label) || gtk_widget_get_width (label) == 0 ||
          *gtk_label_get_label (GTK_LABEL (label)) == '\0')
        continue;
      shown = TRUE;
      /* the whole text's width, whatever the label would settle for */
      layout = gtk_widget_create_pango_layout (label, gtk_label_get_text (GTK_LABEL (label)));
      pango_layout_get_pixel_size (layout, &text_width, NULL);
      gtk_widget_measure (label, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &natural, NULL, NULL);
      g_test_message ("%s: title \"%s\" %d px of %d", what, gtk_label_get_text (GTK_LABEL (label)),
                      gtk_widget_get_width (label), text_width);
      g_assert_cmpint (gtk_widget_get_width (label), >=, text_width);
      /* and clear of the header's buttons and badges on either side */
      {
        const char *sides[] = { "account-button", "sign-in-badge", "main-menu-button" };
        graphene_rect_t title_box, side_box;

        g_assert_true (gtk_widget_compute_bounds (label, GTK_WIDGET (window), &title_box));
        for (gsize s = 0; s < G_N_ELEMENTS (sides); s++)
          {
            GtkWidget *side = paddock_test_get_named (GTK_WIDGET (window), sides[s]);

            if (!gtk_widget_get_mapped (side))
              continue;
            g_assert_true (gtk_widget_compute_bounds (side, GTK_WIDGET (window), &side_box));
            g_test_message ("%s: title %g…%g, %s %g…%g", what, title_box.origin.x,
                            title_box.origin.x + title_box.size.width, sides[s],
                            side_box.origin.x, side_box.origin.x + side_box.size.width);
            g_assert_false (graphene_rect_intersection (&title_box, &side_box, NULL));
          }
      }
    }
done:
  if (must_show)
    g_assert_true (shown);
}

/* At 360 × 640: the switcher at the bottom, the tables as rows, the titles whole. */
static void
test_narrow (void)
{
  PaddockWindow *window = new_window ();
  GtkWidget *root = GTK_WIDGET (window);
  g_autoptr (PaddockAccount) account = NULL;
  g_autoptr (GError) network = g_error_new_literal (PADDOCK_ERROR, PADDOCK_ERROR_NETWORK, "down");
  g_autoptr (GError) revoked = g_error_new_literal (PADDOCK_ERROR, PADDOCK_ERROR_NOT_AUTHORIZED,
                                                    "revoked");
  GListStore *models[3] = { NULL, };
  const struct { const char *view, *rows, *table; } tables[] = {
    { "positions", "positions-rows", "positions-view" },
    { "orders", "orders-rows", "orders-view" },
    { "activity", "activity-rows", "activity-view" },
  };
  AdwViewSwitcherBar *bar;
  GtkWidget *next;

  paddock_test_size_content (window, 360, 640);
  paddock_window_show_welcome (window);
  assert_title_whole (window, "welcome", TRUE);
  paddock_window_show_assistant (window, TRUE);
  next = paddock_test_get_named (root, "assistant-next");
  assert_title_whole (window, "environment", FALSE);
  click (next);
  assert_title_whole (window, "permissions", FALSE);
  click (next);
  assert_title_whole (window, "OAuth app", FALSE);
  paddock_window_set_environment (window, PADDOCK_ENVIRONMENT_LIVE);
  paddock_window_show_waiting (window, AUTHORIZE_URI);
  assert_title_whole (window, "waiting", FALSE);
  paddock_window_show_problem (window, network);
  assert_title_whole (window, "problem", FALSE);
  destroy_window (window);

  window = account_window (&account, models);
  root = GTK_WIDGET (window);
  paddock_test_size_content (window, 360, 640);
  bar = ADW_VIEW_SWITCHER_BAR (paddock_test_get_named (root, "switcher-bar"));
  for (gsize i = 0; i < G_N_ELEMENTS (views); i++)
    {
      paddock_window_set_view (window, views[i]);
      paddock_test_wait_frames (root, 3);
      g_assert_cmpint (gtk_widget_get_width (root), ==, 360);
      g_assert_true (adw_view_switcher_bar_get_reveal (bar));
      g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (bar)));
      assert_title_whole (window, views[i], FALSE);
    }
  /* the search button's room goes to the account number: its distinguishing end shows */
  {
    GtkWidget *number = paddock_test_get_named (root, "header-account-number");
    g_autoptr (PangoLayout) layout = gtk_widget_create_pango_layout (number, "…0XYZ");
    int end_width = 0;
    guint searches = 0;

    paddock_window_set_view (window, "overview");
    paddock_test_wait_frames (root, 3);
    g_assert_false (gtk_widget_get_mapped (paddock_test_get_named (root, "search-button")));
    /* … and the main menu's Search Symbols works */
    g_signal_connect_swapped (window, "search-requested", G_CALLBACK (count_cb), &searches);
    gtk_widget_activate_action (root, "win.search-narrow", NULL);
    g_assert_cmpuint (searches, ==, 1);
    pango_layout_get_pixel_size (layout, &end_width, NULL);
    g_assert_cmpint (gtk_widget_get_width (number), >=, end_width);
  }
  for (gsize i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      GtkWidget *rows = paddock_test_get_named (root, tables[i].rows);

      paddock_window_set_view (window, tables[i].view);
      paddock_test_wait_frames (root, 3);
      g_assert_true (gtk_widget_get_mapped (rows));
      g_assert_false (gtk_widget_get_mapped (paddock_test_get_named (root, tables[i].table)));
      /* the rows fit: nothing wider than the window */
      g_assert_cmpint (gtk_widget_get_width (rows), <=, 360);
    }

  /* the rows show the items with their figures */
  {
    g_autoptr (GPtrArray) titles = g_ptr_array_new ();
    g_autoptr (GPtrArray) values = g_ptr_array_new ();

    paddock_window_set_view (window, "positions");
    paddock_test_wait_frames (root, 3);
    paddock_test_collect_named (paddock_test_get_named (root, "positions-rows"), "row-title",
                                titles);
    paddock_test_collect_named (paddock_test_get_named (root, "positions-rows"), "row-value",
                                values);
    g_assert_cmpuint (titles->len, ==, 2);
    g_assert_cmpuint (values->len, ==, 2);
    for (guint i = 0; i < titles->len; i++)
      {
        const char *symbol = gtk_label_get_label (titles->pdata[i]);
        const char *value = gtk_label_get_label (values->pdata[i]);

        g_assert_true (g_str_equal (symbol, "MSFT") || g_str_equal (symbol, "TSLA"));
        g_assert_cmpstr (value, ==, g_str_equal (symbol, "MSFT") ? "$6,060.48" : MINUS "$1,190.50");
        /* the figure is whole */
        {
          int natural = 0;

          gtk_widget_measure (values->pdata[i], GTK_ORIENTATION_HORIZONTAL, -1, NULL, &natural,
                              NULL, NULL);
          g_assert_cmpint (gtk_widget_get_width (values->pdata[i]), >=, natural);
        }
      }
  }

  /* the activity rows: the amounts whole */
  {
    g_autoptr (GPtrArray) amounts = g_ptr_array_new ();

    paddock_window_set_view (window, "activity");
    paddock_test_wait_frames (root, 3);
    paddock_test_collect_named (paddock_test_get_named (root, "activity-rows"), "activity-amount",
                                amounts);
    g_assert_cmpuint (amounts->len, ==, 2);
    for (guint i = 0; i < amounts->len; i++)
      {
        int natural = 0;

        g_assert_true (gtk_widget_get_mapped (amounts->pdata[i]));
        gtk_widget_measure (amounts->pdata[i], GTK_ORIENTATION_HORIZONTAL, -1, NULL, &natural,
                            NULL, NULL);
        g_assert_cmpint (gtk_widget_get_width (amounts->pdata[i]), >=, natural);
      }
  }

  /* the revoked page: the switcher in the header, the title whole or not there */
  paddock_window_set_current_account (window, paddock_account_get_id (account), "PA31Z8KQ0XYZ",
                                      PADDOCK_ENVIRONMENT_PAPER);
  paddock_window_show_problem (window, revoked);
  g_assert_true (gtk_widget_get_mapped (paddock_test_get_named (root, "account-button")));
  assert_title_whole (window, "revoked", FALSE);

  account_window_destroy (window, models);
}

static void
order_requested_cb (GtkWidget   *page,
                    const char  *symbol,
                    const char  *side,
                    const char  *qty,
                    char       **out)
{
  g_free (*out);
  *out = g_strdup_printf ("%s %s", side, symbol);
}

/* A row's menu in the narrow form: its actions reach the page, for the row's item. */
static GMenuModel *
row_menu (GtkWidget  *rows,
          const char *symbol)
{
  g_autoptr (GPtrArray) titles = g_ptr_array_new ();

  paddock_test_collect_named (rows, "row-title", titles);
  for (guint i = 0; i < titles->len; i++)
    {
      GtkWidget *row;
      GtkWidget *button = NULL;

      if (g_strcmp0 (gtk_label_get_label (titles->pdata[i]), symbol) != 0)
        continue;
      row = gtk_widget_get_ancestor (titles->pdata[i], GTK_TYPE_TREE_EXPANDER);
      row = gtk_widget_get_parent (row);
      for (GtkWidget *c = gtk_widget_get_first_child (row); c != NULL;
           c = gtk_widget_get_next_sibling (c))
        if (GTK_IS_MENU_BUTTON (c))
          button = c;
      g_assert_nonnull (button);
      g_assert_true (gtk_widget_get_mapped (button));
      gtk_menu_button_popup (GTK_MENU_BUTTON (button));
      paddock_test_drain ();
      gtk_menu_button_popdown (GTK_MENU_BUTTON (button));
      g_object_set_data (G_OBJECT (rows), "menu-button", button);
      return gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (button));
    }
  g_error ("no row for %s", symbol);
  return NULL;
}

static gboolean
menu_has_action (GMenuModel *menu,
                 const char *action,
                 const char *target)
{
  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autofree char *name = NULL;
      g_autoptr (GVariant) value = NULL;

      if (!g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_ACTION, "s", &name))
        continue;
      value = g_menu_model_get_item_attribute_value (menu, i, G_MENU_ATTRIBUTE_TARGET,
                                                     G_VARIANT_TYPE_STRING);
      if (g_str_equal (name, action) && value != NULL &&
          g_str_equal (g_variant_get_string (value, NULL), target))
        return TRUE;
    }
  return FALSE;
}

/* The row form works as the table does: menus, their actions, the selection. */
static void
test_rows_work (void)
{
  g_autoptr (PaddockAccount) account = NULL;
  GListStore *models[3] = { NULL, };
  PaddockWindow *window = account_window (&account, models);
  GtkWidget *root = GTK_WIDGET (window);
  GtkWidget *positions = GTK_WIDGET (paddock_window_get_positions_page (window));
  GtkWidget *rows;
  GMenuModel *menu;
  g_autofree char *requested = NULL;
  GtkSelectionModel *selection;
  g_autoptr (GPtrArray) titles = g_ptr_array_new ();
  GtkWidget *row = NULL;

  paddock_test_size_content (window, 360, 640);
  paddock_window_set_view (window, "positions");
  paddock_test_wait_frames (root, 3);
  rows = paddock_test_get_named (root, "positions-rows");
  g_assert_true (gtk_widget_get_mapped (rows));
  menu = row_menu (rows, "TSLA");
  g_assert_true (menu_has_action (menu, "positions.buy", "TSLA"));
  g_assert_true (menu_has_action (menu, "positions.close", "TSLA"));
  g_signal_connect (positions, "order-requested", G_CALLBACK (order_requested_cb), &requested);
  g_assert_true (gtk_widget_activate_action (g_object_get_data (G_OBJECT (rows), "menu-button"),
                                             "positions.buy", "s", "TSLA"));
  g_assert_cmpstr (requested, ==, "buy TSLA");

  paddock_window_set_view (window, "orders");
  paddock_test_wait_frames (root, 3);
  rows = paddock_test_get_named (root, "orders-rows");
  g_assert_true (gtk_widget_get_mapped (rows));
  menu = row_menu (rows, "MSFT");
  g_assert_true (menu_has_action (menu, "orders.details", "9b2e6f0c-1a3d-4e5f-8a7b-6c5d4e3f2a10"));
  g_assert_true (menu_has_action (menu, "orders.cancel", "9b2e6f0c-1a3d-4e5f-8a7b-6c5d4e3f2a10"));

  /* one selection for both forms: chosen in the rows, it is the table's too */
  selection = gtk_list_view_get_model (GTK_LIST_VIEW (rows));
  g_assert_true (selection == gtk_column_view_get_model (paddock_orders_page_get_column_view (paddock_window_get_orders_page (window))));
  paddock_test_collect_named (rows, "row-title", titles);
  for (guint i = 0; i < titles->len; i++)
    if (g_str_equal (gtk_label_get_label (titles->pdata[i]), "GOOGL"))
      row = gtk_widget_get_ancestor (titles->pdata[i], g_type_from_name ("GtkListItemWidget"));
  g_assert_nonnull (row);
  g_assert_true (gtk_widget_activate_action (row, "listitem.select", "(bb)", FALSE, FALSE));
  paddock_test_wait_frames (root, 2);
  g_assert_true (gtk_widget_get_state_flags (row) & GTK_STATE_FLAG_SELECTED);
  {
    g_autoptr (GObject) item = g_list_model_get_item (G_LIST_MODEL (selection),
                                                      gtk_single_selection_get_selected (GTK_SINGLE_SELECTION (selection)));
    GObject *order = G_OBJECT (gtk_tree_list_row_get_item (GTK_TREE_LIST_ROW (item)));

    g_assert_cmpstr (paddock_order_get_symbol (PADDOCK_ORDER (order)), ==, "GOOGL");
    g_object_unref (order);
  }

  account_window_destroy (window, models);
}

/* At 1920 × 1080: the tables with their columns across the width, the rest clamped. */
static void
test_wide (void)
{
  g_autoptr (PaddockAccount) account = NULL;
  GListStore *models[3] = { NULL, };
  PaddockWindow *window = account_window (&account, models);
  GtkWidget *root = GTK_WIDGET (window);
  const struct { const char *view, *rows, *table; } tables[] = {
    { "positions", "positions-rows", "positions-view" },
    { "orders", "orders-rows", "orders-view" },
    { "activity", "activity-rows", "activity-view" },
  };
  GtkWidget *figures;

  paddock_test_size_content (window, 1920, 1080);
  g_assert_true (gtk_widget_get_mapped (paddock_test_get_named (root, "search-button")));
  g_assert_false (adw_view_switcher_bar_get_reveal (
    ADW_VIEW_SWITCHER_BAR (paddock_test_get_named (root, "switcher-bar"))));
  for (gsize i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      GtkWidget *table = paddock_test_get_named (root, tables[i].table);

      paddock_window_set_view (window, tables[i].view);
      paddock_test_wait_frames (root, 3);
      g_assert_true (gtk_widget_get_mapped (table));
      g_assert_false (gtk_widget_get_mapped (paddock_test_get_named (root, tables[i].rows)));
      if (GTK_IS_COLUMN_VIEW (table))
        /* the table takes the width */
        g_assert_cmpint (gtk_widget_get_width (table), >=, 1920 - 48);
      else
        /* a list of sentences is not stretched across the screen */
        g_assert_cmpint (gtk_widget_get_width (table), <=, 900);
    }

  /* the search button is back once the views are in the header: also when the account
   * comes after pages without them (the sign-in) */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", TRUE, NULL);
  paddock_window_show_welcome (window);
  paddock_test_wait_frames (root, 3);
  paddock_window_show_waiting (window, AUTHORIZE_URI);
  paddock_test_wait_frames (root, 3);
  paddock_window_show_account (window, account, PADDOCK_ENVIRONMENT_PAPER);
  paddock_test_wait_frames (root, 60);
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
  g_assert_true (gtk_widget_get_mapped (paddock_test_get_named (root, "search-button")));

  /* the overview's figures are clamped, not spread over 1920 px */
  paddock_window_set_view (window, "overview");
  paddock_test_wait_frames (root, 3);
  figures = gtk_widget_get_ancestor (paddock_test_get_named (root, "equity-value"),
                                     GTK_TYPE_FLOW_BOX);
  g_assert_cmpint (gtk_widget_get_width (figures), <=, 1000);

  account_window_destroy (window, models);
}

/* The account switcher: every account with its environment, number and equity, in
 * columns; filled in when the first sign-in adds the first account. */
static void
test_account_switcher (void)
{
  PaddockWindow *window = new_window ();
  GtkWidget *root = GTK_WIDGET (window);
  g_autoptr (PaddockAccount) account = parse_account ();
  g_autoptr (GListStore) accounts = g_list_store_new (PADDOCK_TYPE_ACCOUNT_ITEM);
  g_autoptr (PaddockAccountItem) paper = NULL;
  g_autoptr (PaddockAccountItem) live = NULL;
  g_autoptr (PaddockAccountItem) demo = NULL;
  g_autoptr (GPtrArray) numbers = g_ptr_array_new ();
  g_autoptr (GPtrArray) environments = g_ptr_array_new ();
  g_autoptr (GPtrArray) equities = g_ptr_array_new ();
  GtkWidget *list = paddock_test_get_named (root, "accounts-list");
  GtkWidget *button = paddock_test_get_named (root, "account-button");
  const char *expected_numbers[] = { "PA31Z8KQ0XYZ", "3AB12345", "DEMO1" };
  const char *expected_environments[] = { "Paper", "Live", "Demo" };
  float x0 = 0;

  /* no account stored yet: the controller hands over its (empty) list first */
  paddock_window_set_accounts (window, G_LIST_MODEL (accounts));
  paddock_window_show_account (window, account, PADDOCK_ENVIRONMENT_PAPER);
  /* … and the first sign-in fills it */
  paper = paddock_account_item_new (paddock_account_get_id (account), PADDOCK_ENVIRONMENT_PAPER,
                                    "PA31Z8KQ0XYZ");
  live = paddock_account_item_new ("77aa0000-0000-4000-8000-000000000001",
                                   PADDOCK_ENVIRONMENT_LIVE, "3AB12345");
  demo = paddock_account_item_new ("77aa0000-0000-4000-8000-000000000002",
                                   PADDOCK_ENVIRONMENT_DEMO, "DEMO1");
  paddock_account_item_set_equity (live, "1234567.5");
  g_list_store_append (accounts, paper);
  g_list_store_append (accounts, live);
  g_list_store_append (accounts, demo);

  gtk_menu_button_popup (GTK_MENU_BUTTON (button));
  paddock_test_wait_frames (root, 3);
  g_assert_true (gtk_widget_get_mapped (list));
  paddock_test_collect_named (list, "account-row-number", numbers);
  paddock_test_collect_named (list, "account-row-environment", environments);
  paddock_test_collect_named (list, "account-row-equity", equities);
  g_assert_cmpuint (numbers->len, ==, 3);
  g_assert_cmpuint (environments->len, ==, 3);
  g_assert_cmpuint (equities->len, ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      graphene_point_t at;

      g_assert_cmpstr (gtk_label_get_label (numbers->pdata[i]), ==, expected_numbers[i]);
      g_assert_cmpstr (gtk_label_get_label (environments->pdata[i]), ==, expected_environments[i]);
      g_assert_true (gtk_widget_get_mapped (equities->pdata[i]));
      /* the equity column: the same x in every row */
      g_assert_true (gtk_widget_compute_point (equities->pdata[i], list,
                                               &GRAPHENE_POINT_INIT (0, 0), &at));
      if (i == 0)
        x0 = at.x;
      g_assert_cmpfloat (at.x, ==, x0);
      g_assert_cmpint (gtk_widget_get_width (equities->pdata[i]), ==,
                       gtk_widget_get_width (equities->pdata[0]));
    }
  g_assert_cmpstr (gtk_label_get_label (equities->pdata[0]), ==, "$24,310.90");
  g_assert_cmpstr (gtk_label_get_label (equities->pdata[1]), ==, "$1,234,567.50");
  g_assert_cmpstr (gtk_label_get_label (equities->pdata[2]), ==, "—");

  /* the account shown follows its refreshes */
  set_equity (account, "25000.00");
  g_assert_cmpstr (gtk_label_get_label (equities->pdata[0]), ==, "$25,000.00");

  gtk_menu_button_popdown (GTK_MENU_BUTTON (button));
  destroy_window (window);
}

/* A figure card keeps its width when its number grows; caption and value line up. */
static void
test_figure_cards (void)
{
  const int widths[] = { 360, 700, 1100, 1920 };
  g_autoptr (PaddockAccount) account = parse_account ();
  PaddockWindow *window = new_window ();
  GtkWidget *root = GTK_WIDGET (window);

  paddock_window_show_account (window, account, PADDOCK_ENVIRONMENT_PAPER);
  for (gsize i = 0; i < G_N_ELEMENTS (widths); i++)
    {
      GtkWidget *value = paddock_test_get_named (root, "equity-value");
      GtkWidget *card = gtk_widget_get_ancestor (value, GTK_TYPE_FLOW_BOX_CHILD);
      GtkWidget *caption = gtk_widget_get_prev_sibling (value);
      graphene_point_t caption_at, value_at;
      int before, after;

      paddock_test_size_content (window, widths[i], 720);
      /* (the day's change stays one size: only the equity grows) */
      set_equities (account, "1.00", "0.99");
      paddock_test_wait_frames (root, 3);
      g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (value)), ==, "$1.00");
      before = gtk_widget_get_width (card);

      /* caption and value share one alignment: the same edge, the same side of it */
      g_assert_true (gtk_widget_compute_point (caption, card, &GRAPHENE_POINT_INIT (0, 0),
                                               &caption_at));
      g_assert_true (gtk_widget_compute_point (value, card, &GRAPHENE_POINT_INIT (0, 0),
                                               &value_at));
      g_assert_cmpfloat (caption_at.x, ==, value_at.x);
      g_assert_cmpint (gtk_widget_get_width (caption), ==, gtk_widget_get_width (value));
      g_assert_cmpfloat (gtk_label_get_xalign (GTK_LABEL (caption)), ==,
                         gtk_label_get_xalign (GTK_LABEL (value)));

      set_equities (account, "1000000.00", "999999.99");
      paddock_test_wait_frames (root, 3);
      g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (value)), ==, "$1,000,000.00");
      after = gtk_widget_get_width (card);
      g_test_message ("%d px wide: the card %d, then %d", widths[i], before, after);
      g_assert_cmpint (after, ==, before);
      /* and the number is whole */
      {
        int natural = 0;

        gtk_widget_measure (value, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &natural, NULL, NULL);
        g_assert_cmpint (gtk_widget_get_width (value), >=, natural);
      }
    }
  destroy_window (window);
}

/* The tables at 360 × 640 (rows) and 1920 × 1080 (columns), light and dark, for
 * build-aux/screenshots.sh (PADDOCK_SCREENSHOT_DIR; PADDOCK_SCREENSHOT_SIZES picks). */
static void
test_screenshots (void)
{
  const char *out = g_getenv ("PADDOCK_SCREENSHOT_DIR");
  const char *wanted = g_getenv ("PADDOCK_SCREENSHOT_SIZES");
  g_autofree char *dir = out != NULL ? g_strdup (out) : g_dir_make_tmp ("paddock-sizes-XXXXXX", NULL);
  AdwStyleManager *style = adw_style_manager_get_default ();
  const char *names[] = { "positions", "orders", "activity" };
  const struct { int width, height; const char *name; } sizes[] = {
    { 360, 640, "360x640" },
    { 1920, 1080, "1920x1080" },
  };
  const struct { AdwColorScheme scheme; const char *suffix; } schemes[] = {
    { ADW_COLOR_SCHEME_FORCE_LIGHT, "" },
    { ADW_COLOR_SCHEME_FORCE_DARK, "-dark" },
  };

  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  for (gsize z = 0; z < G_N_ELEMENTS (sizes); z++)
    {
      if (wanted != NULL && strstr (wanted, sizes[z].name) == NULL)
        continue;
      for (gsize i = 0; i < G_N_ELEMENTS (schemes); i++)
        {
          g_autoptr (PaddockAccount) account = NULL;
          g_autoptr (GDateTime) now = g_date_time_new_now_local ();
          GListStore *models[3] = { NULL, };
          PaddockWindow *window;

          adw_style_manager_set_color_scheme (style, schemes[i].scheme);
          window = account_window (&account, models);
          g_object_set (paddock_window_get_positions_page (window), "updated-at", now, NULL);
          g_object_set (paddock_window_get_orders_page (window), "updated-at", now, NULL);
          g_object_set (paddock_window_get_activity_page (window), "updated-at", now, NULL);
          paddock_test_size_content (window, sizes[z].width, sizes[z].height);
          for (gsize v = 0; v < G_N_ELEMENTS (names); v++)
            {
              g_autofree char *path = g_strdup_printf ("%s/%s-%s%s.png", dir, names[v],
                                                       sizes[z].name, schemes[i].suffix);

              paddock_window_set_view (window, names[v]);
              paddock_test_save_screenshot (window, path);
              if (out == NULL)
                g_assert_cmpint (g_unlink (path), ==, 0);
            }
          account_window_destroy (window, models);
        }
    }
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
  if (out == NULL)
    g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* The order ticket fits 360 × 640 too: its form scrolls, its labels wrap, with every row
 * of the longest order shown and a long message from the broker over it. */
static void
test_ticket (void)
{
  PaddockWindow *window = new_window ();
  g_autoptr (GError) error = NULL;
  g_autoptr (PaddockEndpoints) endpoints = NULL;
  g_autoptr (PaddockCredentials) credentials = NULL;
  g_autoptr (PaddockSession) session = NULL;
  PaddockOrderTicket *ticket;
  GtkWidget *root;
  int min_width = 0, min_height = 0, natural_width = 0;

  /* nothing is sent: the ticket only needs an account to be for (port 9: discard) */
  endpoints = paddock_endpoints_new_for_sandbox ("http://127.0.0.1:9/oauth/authorize",
                                                 "http://127.0.0.1:9/live",
                                                 "http://127.0.0.1:9/paper",
                                                 "http://127.0.0.1:9/data",
                                                 "http://127.0.0.1:9/polygon", &error);
  g_assert_no_error (error);
  credentials = paddock_credentials_new (PADDOCK_ENVIRONMENT_LIVE, "acct", "PA1", "token",
                                         "bearer", "account:write trading data", NULL);
  session = paddock_session_new (endpoints, credentials);
  paddock_test_size_content (window, 360, 640);

  ticket = paddock_order_ticket_new (GTK_WINDOW (window), session);
  root = GTK_WIDGET (ticket);
  g_object_add_weak_pointer (G_OBJECT (ticket), (gpointer *) &ticket);
  gtk_window_present (GTK_WINDOW (ticket));
  paddock_test_wait_frames (root, 3);

  /* over a window of a phone's size it opens no bigger than that window */
  g_test_message ("ticket: %d × %d over 360 × 640", gtk_widget_get_width (root),
                  gtk_widget_get_height (root));
  g_assert_cmpint (gtk_widget_get_width (root), <=, 360);
  g_assert_cmpint (gtk_widget_get_height (root), <=, 640);
  /* … yet still a form, not a strip */
  g_assert_cmpint (gtk_widget_get_width (root), >=, 300);

  /* the longest form: a stop limit bracket order, in dollars, with a long message */
  adw_combo_row_set_selected (ADW_COMBO_ROW (paddock_test_get_named (root, "ticket-type")), 3);
  adw_combo_row_set_selected (ADW_COMBO_ROW (paddock_test_get_named (root, "ticket-amount-kind")),
                              1);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (paddock_test_get_named (root,
                                                                           "ticket-advanced")),
                                 TRUE);
  adw_combo_row_set_selected (ADW_COMBO_ROW (paddock_test_get_named (root, "ticket-class")), 1);
  adw_combo_row_set_selected (ADW_COMBO_ROW (paddock_test_get_named (root, "ticket-tif")), 4);
  gtk_label_set_label (GTK_LABEL (paddock_test_get_named (root, "ticket-broker-error")),
                       "insufficient buying power for this order: the broker says so at "
                       "some length, in a sentence much longer than any screen is wide");
  gtk_widget_set_visible (paddock_test_get_named (root, "ticket-broker-error"), TRUE);
  paddock_test_wait_frames (root, 3);
  g_assert_true (gtk_widget_get_visible (paddock_test_get_named (root, "ticket-stop-loss-limit")));

  gtk_widget_measure (root, GTK_ORIENTATION_HORIZONTAL, -1, &min_width, &natural_width,
                      NULL, NULL);
  gtk_widget_measure (root, GTK_ORIENTATION_VERTICAL, 360, &min_height, NULL, NULL, NULL);
  g_test_message ("ticket: minimum %d × %d, natural width %d", min_width, min_height,
                  natural_width);
  g_assert_cmpint (min_width, <=, 360);
  g_assert_cmpint (min_height, <=, 640);

  /* and a person can make it that small: the whole width shows, nothing cut */
  {
    GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (ticket));
    int extra_width = gdk_surface_get_width (surface) - gtk_widget_get_width (root);
    int extra_height = gdk_surface_get_height (surface) - gtk_widget_get_height (root);
    gboolean timed_out = FALSE;
    guint timeout = g_timeout_add_seconds (10, timeout_cb, &timed_out);
    GtkWidget *review = paddock_test_get_named (root, "ticket-review");
    GtkWidget *label = gtk_button_get_child (GTK_BUTTON (review));
    graphene_rect_t bounds;
    int review_width = 0;

    gtk_window_set_default_size (GTK_WINDOW (ticket), 360 + extra_width, 640 + extra_height);
    while ((gtk_widget_get_width (root) != 360 || gtk_widget_get_height (root) != 640) &&
           !timed_out)
      g_main_context_iteration (NULL, TRUE);
    if (!timed_out)
      g_source_remove (timeout);
    paddock_test_wait_frames (root, 3);
    g_assert_cmpint (gtk_widget_get_width (root), ==, 360);
    g_assert_cmpint (gtk_widget_get_height (root), ==, 640);
    /* Review Order is on screen, whole */
    g_assert_true (gtk_widget_compute_bounds (review, root, &bounds));
    g_assert_cmpfloat (bounds.origin.x + bounds.size.width, <=, 360);
    /* (the label: a button's width leaves out its padding) */
    gtk_widget_measure (label, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &review_width, NULL, NULL);
    g_assert_cmpint (gtk_widget_get_width (label), >=, review_width);

    /* at its smallest, the title is whole or left out, never cut (German's "Neue Order"
     * between "Abbrechen" and "Order prüfen" does not fit 360 px) */
    for (guint i = 0; i < 2; i++)
      {
        GtkWidget *title = paddock_test_get_named (root, "ticket-title-label");
        /* (its width with the margins the title style gives it) */
        GtkWidget *squeezer = paddock_test_get_named (root, "ticket-title");
        int width = i == 0 ? 360 : min_width;
        int title_width = 0;

        timed_out = FALSE;
        timeout = g_timeout_add_seconds (10, timeout_cb, &timed_out);
        gtk_window_set_default_size (GTK_WINDOW (ticket), width + extra_width,
                                     640 + extra_height);
        while (gtk_widget_get_width (root) != width && !timed_out)
          g_main_context_iteration (NULL, TRUE);
        if (!timed_out)
          g_source_remove (timeout);
        paddock_test_wait_frames (root, 3);
        g_assert_cmpint (gtk_widget_get_width (root), ==, width);
        gtk_widget_measure (title, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &title_width, NULL,
                            NULL);
        g_test_message ("ticket at %d px: title %s (%d of %d px)", width,
                        gtk_widget_get_mapped (title) ? "shown" : "left out",
                        gtk_widget_get_width (squeezer), title_width);
        if (gtk_widget_get_mapped (title))
          g_assert_cmpint (gtk_widget_get_width (squeezer), >=, title_width);
      }
  }

  gtk_window_destroy (GTK_WINDOW (ticket));
  paddock_test_drain ();
  g_assert_null (ticket);

  /* over a big window it opens at its own size */
  paddock_test_size_content (window, 1280, 800);
  ticket = paddock_order_ticket_new (GTK_WINDOW (window), session);
  root = GTK_WIDGET (ticket);
  g_object_add_weak_pointer (G_OBJECT (ticket), (gpointer *) &ticket);
  gtk_window_present (GTK_WINDOW (ticket));
  paddock_test_wait_frames (root, 3);
  g_test_message ("ticket: %d × %d over 1280 × 800", gtk_widget_get_width (root),
                  gtk_widget_get_height (root));
  g_assert_cmpint (gtk_widget_get_width (root), >=, 440);
  g_assert_cmpint (gtk_widget_get_height (root), >=, 700);
  gtk_window_destroy (GTK_WINDOW (ticket));
  paddock_test_drain ();
  g_assert_null (ticket);
  destroy_window (window);
}

/* Stores the sandbox's account of @environment under @token; its /v2/account in @out */
static JsonObject *
store_sandbox_account (SandboxFixture     *sf,
                       PaddockTokenStore  *store,
                       PaddockEnvironment  environment,
                       const char         *token,
                       TestReply         **out)
{
  g_autoptr (PaddockCredentials) credentials = NULL;
  JsonObject *account;

  *out = test_request (sf, "GET", environment == PADDOCK_ENVIRONMENT_LIVE ? "live:/v2/account"
                                                                           : "paper:/v2/account",
                       token, NULL);
  g_assert_cmpuint ((*out)->status, ==, 200);
  account = test_reply_object (*out);
  credentials = paddock_credentials_new (environment,
                                         json_object_get_string_member (account, "id"),
                                         json_object_get_string_member (account, "account_number"),
                                         token, "bearer", "account:write trading data", NULL);
  paddock_test_store_save (store, credentials);
  return account;
}

/* The path the sandbox sees for @path on @base (which may have a path of its own) */
static char *
sandbox_path (const char *base,
              const char *path)
{
  g_autoptr (GUri) uri = g_uri_parse (base, G_URI_FLAGS_NONE, NULL);
  const char *prefix = g_uri_get_path (uri);
  gsize len = strlen (prefix);

  while (len > 0 && prefix[len - 1] == '/')
    len--;
  return g_strdup_printf ("%.*s%s", (int) len, prefix, path);
}

/* The switcher shows the equity of every signed-in account, not only of those shown once:
 * with the paper account shown, the live one's row has the sandbox's figure, fetched with
 * its own stored token; an account whose figures cannot be fetched keeps "—", and no
 * error is shown for it. */
static void
test_switcher_equities (void)
{
  const char *urls[][2] = {
    { "PADDOCK_PAPER_URL", NULL }, { "PADDOCK_LIVE_URL", NULL }, { "PADDOCK_DATA_URL", NULL },
    { "PADDOCK_AUTHORIZE_URL", NULL }, { "PADDOCK_POLYGON_URL", NULL },
    { "PADDOCK_CLIENT_ID", NULL },
  };
  SandboxFixture sf = { 0, };
  g_autoptr (GError) error = NULL;
  g_autoptr (PaddockTokenStore) store = paddock_token_store_new ();
  g_autoptr (GSettings) settings = g_settings_new (SETTINGS_SCHEMA_ID);
  g_autoptr (TestReply) paper_reply = NULL;
  g_autoptr (TestReply) live_reply = NULL;
  g_autoptr (PaddockCredentials) stranger = NULL;
  g_autoptr (GPtrArray) numbers = g_ptr_array_new ();
  g_autoptr (GPtrArray) equities = g_ptr_array_new ();
  g_autofree char *live_token = NULL;
  g_autofree char *last = NULL;
  g_autofree char *live_equity = NULL;
  g_autofree char *live_path = NULL;
  PaddockController *controller;
  PaddockWindow *window;
  JsonObject *paper, *live;
  GtkWidget *live_label = NULL, *stranger_label = NULL, *paper_label = NULL;
  GtkWidget *list;
  gboolean timed_out = FALSE;

  sf.sandbox = paddock_sandbox_new (42);
  paddock_sandbox_set_tick_interval (sf.sandbox, 0);
  g_assert_true (paddock_sandbox_start (sf.sandbox, 0, &error));
  g_assert_no_error (error);
  sf.session = soup_session_new_with_options ("timeout", 20, NULL);
  sf.token = paddock_sandbox_issue_token (sf.sandbox, "account:write trading data", "paper");
  live_token = paddock_sandbox_issue_token (sf.sandbox, "account:write trading data", "live");
  urls[0][1] = paddock_sandbox_get_paper_url (sf.sandbox);
  urls[1][1] = paddock_sandbox_get_live_url (sf.sandbox);
  urls[2][1] = paddock_sandbox_get_data_url (sf.sandbox);
  urls[3][1] = paddock_sandbox_get_authorize_url (sf.sandbox);
  urls[4][1] = paddock_sandbox_get_polygon_url (sf.sandbox);
  urls[5][1] = paddock_sandbox_get_client_id (sf.sandbox);
  for (gsize i = 0; i < G_N_ELEMENTS (urls); i++)
    g_setenv (urls[i][0], urls[i][1], TRUE);

  /* three signed-in accounts: paper (shown), live, and a live one the sandbox does not know */
  paper = store_sandbox_account (&sf, store, PADDOCK_ENVIRONMENT_PAPER, sf.token, &paper_reply);
  live = store_sandbox_account (&sf, store, PADDOCK_ENVIRONMENT_LIVE, live_token, &live_reply);
  stranger = paddock_credentials_new (PADDOCK_ENVIRONMENT_LIVE,
                                      "77aa0000-0000-4000-8000-0000000000ff", "3STRANGER",
                                      "not-issued-by-the-sandbox-7d1f0c", "bearer",
                                      "account:write trading data", NULL);
  paddock_test_store_save (store, stranger);
  live_equity = paddock_format_money (json_object_get_string_member (live, "equity"), "USD");
  g_test_message ("paper equity %s, live %s", json_object_get_string_member (paper, "equity"),
                  live_equity);
  g_assert_cmpstr (json_object_get_string_member (paper, "equity"), !=,
                   json_object_get_string_member (live, "equity"));
  last = g_strdup_printf ("paper:%s", json_object_get_string_member (paper, "id"));
  g_settings_set_string (settings, "last-account", last);

  window = paddock_window_new (NULL);
  g_object_set (window, "refresh-interval", 0, NULL);
  gtk_window_present (GTK_WINDOW (window));
  controller = paddock_controller_new (window);
  paddock_controller_start (controller, FALSE);
  PADDOCK_TEST_WAIT_UNTIL (g_strcmp0 (paddock_window_get_page (window), "account") == 0 &&
                           paddock_controller_get_session (controller) != NULL &&
                           paddock_session_get_account (
                             paddock_controller_get_session (controller)) != NULL);

  gtk_menu_button_popup (GTK_MENU_BUTTON (paddock_test_get_named (GTK_WIDGET (window),
                                                                  "account-button")));
  paddock_test_wait_frames (GTK_WIDGET (window), 3);
  list = paddock_test_get_named (GTK_WIDGET (window), "accounts-list");
  paddock_test_collect_named (list, "account-row-number", numbers);
  paddock_test_collect_named (list, "account-row-equity", equities);
  g_assert_cmpuint (numbers->len, ==, 3);
  g_assert_cmpuint (equities->len, ==, 3);
  for (guint i = 0; i < numbers->len; i++)
    {
      const char *number = gtk_label_get_label (numbers->pdata[i]);

      if (g_str_equal (number, json_object_get_string_member (live, "account_number")))
        live_label = equities->pdata[i];
      else if (g_str_equal (number, "3STRANGER"))
        stranger_label = equities->pdata[i];
      else if (g_str_equal (number, json_object_get_string_member (paper, "account_number")))
        paper_label = equities->pdata[i];
    }
  g_assert_nonnull (live_label);
  g_assert_nonnull (stranger_label);
  g_assert_nonnull (paper_label);

  /* the live account's figure arrives without it being shown */
  PADDOCK_TEST_WAIT_UNTIL (g_strcmp0 (gtk_label_get_label (GTK_LABEL (live_label)),
                                      live_equity) == 0);
  /* … and the paper account is still the one shown */
  g_assert_cmpstr (paddock_credentials_get_account_id (
                     paddock_session_get_credentials (paddock_controller_get_session (controller))),
                   ==, json_object_get_string_member (paper, "id"));
  g_assert_cmpstr (paddock_window_get_page (window), ==, "account");

  /* the stranger's fetch was answered (401: the test's own request, the live account's and
   * the stranger's) and changed nothing but leaving its own "—" */
  live_path = sandbox_path (paddock_sandbox_get_live_url (sf.sandbox), "/v2/account");
  PADDOCK_TEST_WAIT_UNTIL (paddock_sandbox_count_requests (sf.sandbox, "GET", live_path) >= 3);
  g_timeout_add (500, timeout_cb, &timed_out);
  while (!timed_out)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (stranger_label)), ==, "—");
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (live_label)), ==, live_equity);
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (paper_label)), !=, "—");
  g_assert_cmpstr (paddock_window_get_page (window), ==, "account");
  {
    GList *toplevels = gtk_window_list_toplevels ();

    /* no dialog: the window is the only one */
    g_assert_cmpuint (g_list_length (toplevels), ==, 1);
    g_list_free (toplevels);
  }

  gtk_menu_button_popdown (GTK_MENU_BUTTON (paddock_test_get_named (GTK_WIDGET (window),
                                                                    "account-button")));
  g_object_run_dispose (G_OBJECT (controller));
  g_object_add_weak_pointer (G_OBJECT (controller), (gpointer *) &controller);
  g_object_unref (controller);
  PADDOCK_TEST_WAIT_UNTIL (controller == NULL);
  destroy_window (window);
  for (gsize i = 0; i < G_N_ELEMENTS (urls); i++)
    g_unsetenv (urls[i][0]);
  sandbox_fixture_teardown (&sf, NULL);
}

int
main (int   argc,
      char *argv[])
{
  if (paddock_test_no_display (&argc, &argv, "/ui-sizes/no-display"))
    return g_test_run ();

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  paddock_test_load_app_resources ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE,
                /* what many desktops show: every button GTK can draw in a header */
                "gtk-decoration-layout", "appmenu:minimize,maximize,close", NULL);
  if (setlocale (LC_NUMERIC, "en_US.UTF-8") == NULL)
    _paddock_format_override_locale (",", ".", "\3\3");

  paddock_test_screenshot_language ();

  g_test_add_func ("/ui-sizes/minimum", test_minimum_size);
  g_test_add_func ("/ui-sizes/narrow", test_narrow);
  g_test_add_func ("/ui-sizes/narrow/rows-work", test_rows_work);
  g_test_add_func ("/ui-sizes/wide", test_wide);
  g_test_add_func ("/ui-sizes/account-switcher", test_account_switcher);
  g_test_add_func ("/ui-sizes/figure-cards", test_figure_cards);
  g_test_add_func ("/ui-sizes/ticket", test_ticket);
  g_test_add_func ("/ui-sizes/account-switcher/equities", test_switcher_equities);
  g_test_add_func ("/ui-sizes/screenshots", test_screenshots);

  return g_test_run ();
}
