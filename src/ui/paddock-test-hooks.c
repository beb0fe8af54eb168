/* paddock-test-hooks.c: what tests, the screenshot script and the benchmark read from the app
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Nothing here is part of the app's logic: the hooks watch the window (its page, its
 * environment, the problem shown, the account and its figures, the view shown and the
 * rows of the Positions, Orders and Activity pages) and, when asked for by the
 * environment, write down what it shows:
 *
 * PADDOCK_TEST_REPORT      a JSON description of the window, read back from its widgets,
 *                          rewritten after every change and every second
 *                          (tests/app-e2e.sh, tests/app-trading-e2e.sh)
 *                          Its "search" member is the symbol search open over the window
 *                          (text, loading, matches), "symbols" the symbol windows open
 *                          (symbol, name, quote, bars, news headlines, position, orders,
 *                          their Add to Watchlist menu, their close button), each with
 *                          its X window (tests/app-markets-e2e.sh).
 * PADDOCK_TEST_SCREENSHOT  a PNG of the overview once its figures are there
 * PADDOCK_SCREENSHOT_DIR   one PNG per page shown, named after the page, and ticket.png
 *                          of the order ticket once its symbol's asset and last price are
 *                          shown (build-aux/screenshots.sh)
 * PADDOCK_TEST_TICKET_PREFILL  "SYMBOL,buy|sell,QTY": fills in each order ticket as it
 *                          opens, as Buy… / Sell… on a position does (the screenshots)
 * PADDOCK_TEST_CHART_CROSSHAIR=INDEX  with PADDOCK_SCREENSHOT_DIR: once account.png is
 *                          taken, puts the portfolio chart's cross-hair on that point and
 *                          writes chart-hover.png
 * PADDOCK_BENCHMARK        "paddock-benchmark first-frame|figures TIME" on stderr when the
 *                          first frame and the first figures are on screen
 *                          (build-aux/benchmark.sh); and for every burst of trade updates
 *                          (updates one after another, less than 0.5 s apart)
 *                          "paddock-benchmark burst N FIRST LAST WORST-GAP FRAMES": how many
 *                          the session applied, when the first and the last were applied,
 *                          the longest the main loop was busy meanwhile (a 5 ms probe, µs)
 *                          and the frames painted
 * PADDOCK_BENCHMARK_ORDERS=N  with PADDOCK_BENCHMARK: once an account is shown, shows the
 *                          Orders page with all orders, has its store load all of them, and
 *                          prints "paddock-benchmark orders TIME ROWS" at the frame that
 *                          shows N rows or more
 *
 * The PNGs come from paddock_test_hooks_save_screenshot(): the window's own renderer, no
 * window manager needed. The GUI tests check pictures made by that same function.
 */
#define G_LOG_DOMAIN "paddock-test-hooks"

#include "config.h"

#include <json-glib/json-glib.h>

#include "paddock-order.h"
#include "paddock-position.h"
#include "paddock-table.h"
#include "paddock-application.h"
#include "paddock-controller.h"
#include "paddock-order-ticket.h"
#include "paddock-market-models.h"
#include "paddock-symbol-search.h"
#include "paddock-symbol-window.h"
#include "paddock-account-settings.h"
#include "paddock-test-hooks.h"

#ifdef GDK_WINDOWING_X11
#include <gdk/x11/gdkx.h>
#endif

/* after the page's cross-fade (250 ms) has ended, so a screenshot shows one page */
#define SETTLE_MS 700
/* orders change in place (a fill) and menus open without a signal the hooks watch: the
 * report is also rewritten this often */
#define REPORT_REFRESH_S 1
/* the first rows of the Orders page the report lists */
#define ORDERS_LISTED 20
/* the main-loop probe's period, and the quiet time that ends a burst of trade updates */
#define PROBE_MS 5
#define BURST_END_US (500 * 1000)

typedef struct
{
  PaddockWindow *window;          /* weak */
  char *report_path;              /* PADDOCK_TEST_REPORT */
  char *screenshot_path;          /* PADDOCK_TEST_SCREENSHOT */
  char *screenshot_dir;           /* PADDOCK_SCREENSHOT_DIR */
  gboolean benchmark;             /* PADDOCK_BENCHMARK */
  gboolean figures_reported;
  int hover_shot;                 /* PADDOCK_TEST_CHART_CROSSHAIR: 0, 1 set, 2 taken */
  gboolean environment_known;     /* the window has named an environment */
  PaddockAccount *account;        /* the account shown, watched for new figures */
  PaddockOrderTicket *ticket;     /* weak: the order ticket watched */
  GListModel *toplevels;          /* gtk_window_get_toplevels(), watched for a ticket */
  guint settle_source;
  guint refresh_source;           /* REPORT_REFRESH_S */

  /* PADDOCK_BENCHMARK_ORDERS */
  guint orders_target;
  gboolean orders_started;
  gboolean orders_reported;
  /* bursts of trade updates */
  PaddockTradeStream *stream;     /* watched */
  guint n_updates;                /* in this burst */
  gint64 first_update;            /* µs, real time */
  gint64 last_update;
  guint probe_source;
  gint64 probe_last;              /* µs, monotonic */
  gint64 worst_gap;
  guint frames;
  gulong paint_handler;
} Hooks;

static void
hooks_free (gpointer data)
{
  Hooks *hooks = data;

  g_clear_handle_id (&hooks->settle_source, g_source_remove);
  g_clear_handle_id (&hooks->refresh_source, g_source_remove);
  g_clear_handle_id (&hooks->probe_source, g_source_remove);
  if (hooks->stream != NULL)
    g_signal_handlers_disconnect_by_data (hooks->stream, hooks);
  g_clear_object (&hooks->stream);
  if (hooks->toplevels != NULL)
    g_signal_handlers_disconnect_by_data (hooks->toplevels, hooks);
  if (hooks->ticket != NULL)
    {
      g_signal_handlers_disconnect_by_data (hooks->ticket, hooks);
      g_object_remove_weak_pointer (G_OBJECT (hooks->ticket), (gpointer *) &hooks->ticket);
    }
  if (hooks->account != NULL)
    g_signal_handlers_disconnect_by_data (hooks->account, hooks);
  g_clear_object (&hooks->account);
  g_free (hooks->report_path);
  g_free (hooks->screenshot_path);
  g_free (hooks->screenshot_dir);
  g_free (hooks);
}

static GtkWidget *
find_named (GtkWidget  *root,
            const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (root), name) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_named (child, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
find_type (GtkWidget *root,
           GType      type)
{
  if (g_type_is_a (G_OBJECT_TYPE (root), type))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_type (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The order ticket open over @window, if any */
static PaddockOrderTicket *
find_ticket (PaddockWindow *window)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (PADDOCK_IS_ORDER_TICKET (toplevel) &&
          gtk_window_get_transient_for (toplevel) == GTK_WINDOW (window) &&
          gtk_widget_get_visible (GTK_WIDGET (toplevel)))
        return PADDOCK_ORDER_TICKET (toplevel);
    }
  return NULL;
}

/* A ticket is ready for its picture once what it looks up is there */
static gboolean
ticket_ready (PaddockOrderTicket *ticket)
{
  return gtk_widget_get_mapped (GTK_WIDGET (ticket)) &&
         (paddock_order_ticket_get_symbol (ticket) == NULL ||
          (paddock_order_ticket_get_asset (ticket) != NULL &&
           paddock_order_ticket_get_last_price (ticket) != NULL));
}

static gboolean save_widget (GtkWidget   *widget,
                             const char  *path,
                             GError     **error);

static gboolean
overview_ready (PaddockWindow *window)
{
  PaddockAccountView *view = paddock_window_get_account_view (window);

  /* the figures, and the portfolio chart once it has come (or failed) */
  return g_strcmp0 (paddock_window_get_page (window), "account") == 0 &&
         paddock_account_view_get_account (view) != NULL &&
         !paddock_portfolio_panel_get_loading (paddock_account_view_get_portfolio_panel (view));
}

static void
save_or_log (PaddockWindow *window,
             const char    *path)
{
  g_autoptr (GError) error = NULL;

  if (!paddock_test_hooks_save_screenshot (window, path, &error))
    g_debug ("no screenshot: %s", error->message);
}

static void
write_report (Hooks *hooks)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;

  if (hooks->window == NULL || hooks->report_path == NULL)
    return;
  text = paddock_test_hooks_describe (hooks->window);
  if (!g_file_set_contents (hooks->report_path, text, -1, &error))
    g_warning ("Could not write the test report: %s", error->message);
}

static void changed (Hooks *hooks);
static void save_chart_hover (Hooks *hooks);

static gboolean
settled_cb (gpointer user_data)
{
  Hooks *hooks = user_data;
  PaddockWindow *window = hooks->window;

  hooks->settle_source = 0;
  if (window == NULL)
    return G_SOURCE_REMOVE;

  write_report (hooks);

  if (hooks->screenshot_path != NULL && overview_ready (window))
    save_or_log (window, hooks->screenshot_path);

  if (hooks->screenshot_dir != NULL)
    {
      const char *page = paddock_window_get_page (window);
      g_autofree char *name = g_strdup_printf ("%s.png", page);
      g_autofree char *path = g_build_filename (hooks->screenshot_dir, name, NULL);

      /* the overview only once its figures are there */
      if (g_strcmp0 (page, "account") != 0 || (overview_ready (window) && hooks->hover_shot == 0))
        save_or_log (window, path);
      if (g_strcmp0 (page, "account") == 0 && overview_ready (window))
        save_chart_hover (hooks);

      if (hooks->ticket != NULL && ticket_ready (hooks->ticket))
        {
          g_autofree char *ticket_path = g_build_filename (hooks->screenshot_dir, "ticket.png",
                                                           NULL);
          g_autoptr (GError) error = NULL;

          if (!save_widget (GTK_WIDGET (hooks->ticket), ticket_path, &error))
            g_debug ("no screenshot of the ticket: %s", error->message);
        }
    }

  return G_SOURCE_REMOVE;
}

/* PADDOCK_TEST_CHART_CROSSHAIR: after account.png, the cross-hair on the chart, then
 * chart-hover.png of the window at the next settle */
static void
save_chart_hover (Hooks *hooks)
{
  const char *index = g_getenv ("PADDOCK_TEST_CHART_CROSSHAIR");
  PaddockChart *chart = paddock_portfolio_panel_get_chart (
    paddock_account_view_get_portfolio_panel (paddock_window_get_account_view (hooks->window)));

  if (index == NULL || hooks->hover_shot == 2 || paddock_chart_get_n_points (chart) == 0)
    return;
  if (hooks->hover_shot == 0)
    {
      hooks->hover_shot = 1;
      paddock_chart_set_crosshair_index (chart, (gssize) g_ascii_strtoll (index, NULL, 10));
      changed (hooks);
    }
  else
    {
      g_autofree char *path = g_build_filename (hooks->screenshot_dir, "chart-hover.png", NULL);

      hooks->hover_shot = 2;
      save_or_log (hooks->window, path);
    }
}

/* After the window changed: let it lay out and draw, then write it down. */
static void
changed (Hooks *hooks)
{
  if (hooks->report_path == NULL && hooks->screenshot_path == NULL &&
      hooks->screenshot_dir == NULL)
    return;
  if (hooks->settle_source == 0)
    hooks->settle_source = g_timeout_add (SETTLE_MS, settled_cb, hooks);
}

static void
changed_cb (Hooks *hooks)
{
  changed (hooks);
}

/* the report alone (no screenshots) */
static gboolean
refresh_cb (gpointer user_data)
{
  write_report (user_data);
  return G_SOURCE_CONTINUE;
}

static void
environment_cb (Hooks *hooks)
{
  hooks->environment_known = TRUE;
  changed (hooks);
}

static void
first_frame_cb (GdkFrameClock *clock,
                gpointer       user_data)
{
  g_signal_handlers_disconnect_by_func (clock, first_frame_cb, user_data);
  g_printerr ("paddock-benchmark first-frame %" G_GINT64_FORMAT "\n", g_get_real_time ());
}

static void
figures_painted_cb (GdkFrameClock *clock,
                    gpointer       user_data)
{
  g_signal_handlers_disconnect_by_func (clock, figures_painted_cb, user_data);
  g_printerr ("paddock-benchmark figures %" G_GINT64_FORMAT "\n", g_get_real_time ());
}

static void
realize_cb (GtkWidget *window,
            Hooks     *hooks)
{
  GdkFrameClock *clock = gdk_surface_get_frame_clock (gtk_native_get_surface (GTK_NATIVE (window)));

  g_signal_connect (clock, "after-paint", G_CALLBACK (first_frame_cb), NULL);
}

/* ---- the benchmark: orders shown, bursts of trade updates ---------------------------- */

static GListModel *page_rows (PaddockWindow *window,
                              guint          i);

static void
orders_painted_cb (GdkFrameClock *clock,
                   gpointer       user_data)
{
  Hooks *hooks = user_data;
  guint n = hooks->window != NULL ? g_list_model_get_n_items (page_rows (hooks->window, 1)) : 0;

  g_signal_handlers_disconnect_by_func (clock, orders_painted_cb, user_data);
  g_printerr ("paddock-benchmark orders %" G_GINT64_FORMAT " %u\n", g_get_real_time (), n);
}

static void
orders_rows_cb (GListModel *rows,
                guint       position,
                guint       removed,
                guint       added,
                Hooks      *hooks)
{
  if (hooks->orders_reported || hooks->window == NULL ||
      g_list_model_get_n_items (rows) < hooks->orders_target)
    return;
  /* the rows are in the table's model; they are on screen at the next frame */
  hooks->orders_reported = TRUE;
  g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (hooks->window)), "after-paint",
                    G_CALLBACK (orders_painted_cb), hooks);
  gtk_widget_queue_draw (GTK_WIDGET (hooks->window));
}

/* Once an account is shown and the Orders page has its store: all orders, all loaded */
static void
maybe_start_orders (Hooks *hooks)
{
  PaddockOrdersPage *page;
  GListModel *model;

  if (hooks->orders_target == 0 || hooks->orders_started || hooks->window == NULL ||
      paddock_account_view_get_account (paddock_window_get_account_view (hooks->window)) == NULL)
    return;
  page = paddock_window_get_orders_page (hooks->window);
  model = paddock_orders_page_get_model (page);
  if (model == NULL || !PADDOCK_IS_ORDER_STORE (model))
    return;
  hooks->orders_started = TRUE;
  adw_view_stack_set_visible_child_name (
    ADW_VIEW_STACK (find_type (GTK_WIDGET (hooks->window), ADW_TYPE_VIEW_STACK)), "orders");
  paddock_orders_page_set_filter (page, PADDOCK_ORDERS_FILTER_ALL);
  paddock_order_store_load_all_async (PADDOCK_ORDER_STORE (model), NULL, NULL, NULL);
  orders_rows_cb (page_rows (hooks->window, 1), 0, 0, 0, hooks);
}

static void
burst_frame_cb (GdkFrameClock *clock,
                Hooks         *hooks)
{
  hooks->frames++;
}

static gboolean
probe_cb (gpointer user_data)
{
  Hooks *hooks = user_data;
  gint64 now = g_get_monotonic_time ();

  hooks->worst_gap = MAX (hooks->worst_gap, now - hooks->probe_last);
  hooks->probe_last = now;
  if (g_get_real_time () - hooks->last_update < BURST_END_US)
    return G_SOURCE_CONTINUE;

  g_printerr ("paddock-benchmark burst %u %" G_GINT64_FORMAT " %" G_GINT64_FORMAT
              " %" G_GINT64_FORMAT " %u\n", hooks->n_updates, hooks->first_update,
              hooks->last_update, hooks->worst_gap, hooks->frames);
  if (hooks->window != NULL && hooks->paint_handler != 0)
    g_signal_handler_disconnect (gtk_widget_get_frame_clock (GTK_WIDGET (hooks->window)),
                                 hooks->paint_handler);
  hooks->paint_handler = 0;
  hooks->n_updates = 0;
  hooks->probe_source = 0;
  return G_SOURCE_REMOVE;
}

/* after the session's handler: the update is applied */
static void
update_applied_cb (PaddockTradeStream *stream,
                   PaddockTradeUpdate *update,
                   JsonNode           *node,
                   Hooks              *hooks)
{
  hooks->last_update = g_get_real_time ();
  if (hooks->n_updates++ > 0)
    return;
  hooks->first_update = hooks->last_update;
  hooks->worst_gap = 0;
  hooks->frames = 0;
  hooks->probe_last = g_get_monotonic_time ();
  hooks->probe_source = g_timeout_add (PROBE_MS, probe_cb, hooks);
  if (hooks->window != NULL && gtk_widget_get_frame_clock (GTK_WIDGET (hooks->window)) != NULL)
    hooks->paint_handler =
      g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (hooks->window)), "after-paint",
                        G_CALLBACK (burst_frame_cb), hooks);
}

/* The trade stream of the session shown, reached through the application */
static void
watch_stream (Hooks *hooks)
{
  GApplication *app = g_application_get_default ();
  PaddockController *controller;
  PaddockSession *session;
  PaddockTradeStream *stream;

  if (!PADDOCK_IS_APPLICATION (app) ||
      (controller = paddock_application_get_controller (PADDOCK_APPLICATION (app))) == NULL ||
      (session = paddock_controller_get_session (controller)) == NULL)
    return;
  stream = paddock_session_get_trade_stream (session);
  if (stream == hooks->stream)
    return;
  if (hooks->stream != NULL)
    g_signal_handlers_disconnect_by_data (hooks->stream, hooks);
  g_set_object (&hooks->stream, stream);
  g_signal_connect_after (stream, "update", G_CALLBACK (update_applied_cb), hooks);
}

static void
account_cb (PaddockAccountView *view,
            GParamSpec         *pspec,
            Hooks              *hooks)
{
  PaddockAccount *account = paddock_account_view_get_account (view);

  if (hooks->account != account)
    {
      if (hooks->account != NULL)
        g_signal_handlers_disconnect_by_data (hooks->account, hooks);
      g_set_object (&hooks->account, account);
      /* a refresh updates the account in place: its figures change, the page does not */
      if (account != NULL)
        g_signal_connect_swapped (account, "notify", G_CALLBACK (changed_cb), hooks);
    }

  if (account != NULL && hooks->benchmark && !hooks->figures_reported && hooks->window != NULL)
    {
      /* the figures are in their labels; they are on screen at the next frame */
      hooks->figures_reported = TRUE;
      g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (hooks->window)), "after-paint",
                        G_CALLBACK (figures_painted_cb), NULL);
    }
  if (account != NULL && hooks->benchmark)
    {
      watch_stream (hooks);
      maybe_start_orders (hooks);
    }
  changed (hooks);
}

static void watch_ticket (Hooks *hooks);

/* A ticket on screen: its parent's hooks (if any) watch it */
static void
ticket_mapped_cb (GtkWidget *ticket)
{
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (ticket));
  Hooks *hooks = parent != NULL ? g_object_get_data (G_OBJECT (parent), "paddock-test-hooks") : NULL;

  if (hooks != NULL)
    watch_ticket (hooks);
}

/* A new toplevel may be an order ticket (its parent is set, and it is shown, only after it
 * joins the list): watch it once it is on screen */
static void
toplevels_changed_cb (GListModel *toplevels,
                      guint       position,
                      guint       removed,
                      guint       added,
                      Hooks      *hooks)
{
  for (guint i = position; i < position + added; i++)
    {
      g_autoptr (GObject) toplevel = g_list_model_get_item (toplevels, i);

      if (PADDOCK_IS_ORDER_TICKET (toplevel))
        g_signal_connect (toplevel, "map", G_CALLBACK (ticket_mapped_cb), NULL);
    }
  watch_ticket (hooks);
}

/* Watches the ticket open over the window, filling it in if asked to */
static void
watch_ticket (Hooks *hooks)
{
  PaddockOrderTicket *ticket;
  const char *prefill;

  if (hooks->window == NULL)
    return;
  ticket = find_ticket (hooks->window);
  if (ticket != NULL && ticket != hooks->ticket)
    {
      if (hooks->ticket != NULL)
        {
          g_signal_handlers_disconnect_by_data (hooks->ticket, hooks);
          g_object_remove_weak_pointer (G_OBJECT (hooks->ticket), (gpointer *) &hooks->ticket);
        }
      hooks->ticket = ticket;
      g_object_add_weak_pointer (G_OBJECT (ticket), (gpointer *) &hooks->ticket);
      g_signal_connect_swapped (ticket, "changed", G_CALLBACK (changed_cb), hooks);
      g_signal_connect_swapped (ticket, "notify::is-active", G_CALLBACK (changed_cb), hooks);
      g_signal_connect_swapped (ticket, "notify::focus-widget", G_CALLBACK (changed_cb), hooks);

      prefill = g_getenv ("PADDOCK_TEST_TICKET_PREFILL");
      if (prefill != NULL)
        {
          g_auto (GStrv) parts = g_strsplit (prefill, ",", 3);

          if (g_strv_length (parts) == 3)
            paddock_order_ticket_prefill (ticket, parts[0],
                                          g_str_equal (parts[1], "sell") ? PADDOCK_ORDER_SIDE_SELL
                                                                         : PADDOCK_ORDER_SIDE_BUY,
                                          parts[2]);
        }
    }
  changed (hooks);
}

static const char *row_pages[] = { "positions", "orders", "activity" };

/* The model a page's table binds to: the rows it shows (for Orders, the legs of expanded
 * orders too). */
static GListModel *
page_rows (PaddockWindow *window,
           guint          i)
{
  switch (i)
    {
    case 0:
      return G_LIST_MODEL (gtk_column_view_get_model (
        paddock_positions_page_get_column_view (paddock_window_get_positions_page (window))));
    case 1:
      return G_LIST_MODEL (gtk_column_view_get_model (
        paddock_orders_page_get_column_view (paddock_window_get_orders_page (window))));
    case 2:
      return G_LIST_MODEL (gtk_list_view_get_model (
        paddock_activity_page_get_list_view (paddock_window_get_activity_page (window))));
    default:
      return NULL;
    }
}

/**
 * paddock_test_hooks_attach:
 * @window: a new window, not yet shown
 *
 * Watches @window for what `PADDOCK_TEST_REPORT`, `PADDOCK_TEST_SCREENSHOT`,
 * `PADDOCK_SCREENSHOT_DIR` and `PADDOCK_BENCHMARK` ask for; does nothing when none is set.
 */
void
paddock_test_hooks_attach (PaddockWindow *window)
{
  Hooks *hooks;
  GtkWidget *problem_status;

  g_return_if_fail (PADDOCK_IS_WINDOW (window));

  if (g_getenv ("PADDOCK_TEST_REPORT") == NULL && g_getenv ("PADDOCK_TEST_SCREENSHOT") == NULL &&
      g_getenv ("PADDOCK_SCREENSHOT_DIR") == NULL && g_getenv ("PADDOCK_BENCHMARK") == NULL)
    return;

  hooks = g_new0 (Hooks, 1);
  hooks->window = window;
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &hooks->window);
  hooks->report_path = g_strdup (g_getenv ("PADDOCK_TEST_REPORT"));
  hooks->screenshot_path = g_strdup (g_getenv ("PADDOCK_TEST_SCREENSHOT"));
  hooks->screenshot_dir = g_strdup (g_getenv ("PADDOCK_SCREENSHOT_DIR"));
  hooks->benchmark = g_getenv ("PADDOCK_BENCHMARK") != NULL;
  if (hooks->benchmark && g_getenv ("PADDOCK_BENCHMARK_ORDERS") != NULL)
    hooks->orders_target = (guint) g_ascii_strtoull (g_getenv ("PADDOCK_BENCHMARK_ORDERS"),
                                                     NULL, 10);
  /* the accessibility walk's own check (tests/app-a11y.sh --plant): an icon-only button
   * with neither name nor tooltip on the welcome page, which the walk must report */
  if (g_getenv ("PADDOCK_TEST_PLANT_UNLABELED") != NULL)
    {
      GtkWidget *demo = find_named (GTK_WIDGET (window), "try-demo-button");

      if (demo != NULL && GTK_IS_BOX (gtk_widget_get_parent (demo)))
        gtk_box_append (GTK_BOX (gtk_widget_get_parent (demo)),
                        gtk_button_new_from_icon_name ("list-add-symbolic"));
    }

  /* the window keeps the hooks; they go with it */
  g_object_set_data_full (G_OBJECT (window), "paddock-test-hooks", hooks, hooks_free);

  if (hooks->benchmark)
    g_signal_connect (window, "realize", G_CALLBACK (realize_cb), hooks);
  if (hooks->orders_target > 0)
    {
      g_signal_connect_swapped (paddock_window_get_orders_page (window), "notify::model",
                                G_CALLBACK (maybe_start_orders), hooks);
      g_signal_connect (page_rows (window, 1), "items-changed", G_CALLBACK (orders_rows_cb),
                        hooks);
    }

  g_signal_connect_swapped (window, "notify::page", G_CALLBACK (changed_cb), hooks);
  g_signal_connect_swapped (window, "notify::environment", G_CALLBACK (environment_cb), hooks);
  g_signal_connect_swapped (window, "notify::stream-status", G_CALLBACK (changed_cb), hooks);
  g_signal_connect_swapped (window, "notify::is-active", G_CALLBACK (changed_cb), hooks);
  if (hooks->report_path != NULL)
    hooks->refresh_source = g_timeout_add_seconds (REPORT_REFRESH_S, refresh_cb, hooks);
  g_signal_connect (paddock_window_get_account_view (window), "notify::account",
                    G_CALLBACK (account_cb), hooks);
  g_signal_connect_swapped (paddock_window_get_account_view (window), "notify::state",
                            G_CALLBACK (changed_cb), hooks);
  g_signal_connect_swapped (paddock_account_view_get_portfolio_panel (
                              paddock_window_get_account_view (window)),
                            "changed", G_CALLBACK (changed_cb), hooks);
  /* the view switched, and rows coming and going on the pages */
  g_signal_connect_swapped (find_type (GTK_WIDGET (window), ADW_TYPE_VIEW_STACK),
                            "notify::visible-child-name", G_CALLBACK (changed_cb), hooks);
  for (guint i = 0; i < G_N_ELEMENTS (row_pages); i++)
    {
      GListModel *rows = page_rows (window, i);

      if (rows != NULL)
        g_signal_connect_swapped (rows, "items-changed", G_CALLBACK (changed_cb), hooks);
    }
  /* the overview's open orders and largest positions coming, going and moving */
  g_signal_connect_swapped (paddock_account_view_get_open_orders
                              (paddock_window_get_account_view (window)),
                            "items-changed", G_CALLBACK (changed_cb), hooks);
  g_signal_connect_swapped (paddock_account_view_get_largest_positions
                              (paddock_window_get_account_view (window)),
                            "items-changed", G_CALLBACK (changed_cb), hooks);
  /* another problem on the problem page: its status page's title changes */
  problem_status = find_type (GTK_WIDGET (paddock_window_get_problem_page (window)),
                              ADW_TYPE_STATUS_PAGE);
  if (problem_status != NULL)
    g_signal_connect_swapped (problem_status, "notify::title", G_CALLBACK (changed_cb), hooks);
  /* the order ticket comes and goes as a toplevel of its own */
  hooks->toplevels = gtk_window_get_toplevels ();
  g_signal_connect (hooks->toplevels, "items-changed", G_CALLBACK (toplevels_changed_cb), hooks);
}

static void
add_string_or_null (JsonBuilder *b,
                    const char  *name,
                    const char  *value)
{
  json_builder_set_member_name (b, name);
  if (value != NULL)
    json_builder_add_string_value (b, value);
  else
    json_builder_add_null_value (b);
}

static void
describe_ticket (JsonBuilder        *b,
                 PaddockOrderTicket *ticket)
{
  static const char *confirmations[] = { NULL, "confirm", "live", "precaution" };
  g_autofree char *summary = NULL;
  PaddockAsset *asset;
  PaddockOrderField field;
  const char *estimate;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "open");
  json_builder_add_boolean_value (b, ticket != NULL);
  if (ticket == NULL)
    {
      json_builder_end_object (b);
      return;
    }

  summary = paddock_order_ticket_dup_summary (ticket);
  estimate = paddock_order_ticket_get_estimate (ticket);
  asset = paddock_order_ticket_get_asset (ticket);
  field = paddock_order_ticket_get_error_field (ticket);

  add_string_or_null (b, "symbol", paddock_order_ticket_get_symbol (ticket));
  add_string_or_null (b, "side", paddock_order_ticket_get_side (ticket) == PADDOCK_ORDER_SIDE_SELL
                                   ? "sell" : "buy");
  json_builder_set_member_name (b, "valid");
  json_builder_add_boolean_value (b, paddock_order_ticket_is_valid (ticket));
  add_string_or_null (b, "error_field",
                      field != PADDOCK_ORDER_FIELD_NONE ? paddock_order_field_get_name (field) : NULL);
  add_string_or_null (b, "error", paddock_order_ticket_get_error_message (ticket));
  add_string_or_null (b, "summary", summary);
  add_string_or_null (b, "estimate", estimate);
  add_string_or_null (b, "estimate_text", paddock_order_ticket_get_estimate_text (ticket));
  json_builder_set_member_name (b, "over_buying_power");
  json_builder_add_boolean_value (b, paddock_order_ticket_is_over_buying_power (ticket));
  add_string_or_null (b, "asset", asset != NULL ? paddock_asset_get_name (asset) : NULL);
  add_string_or_null (b, "last_price", paddock_order_ticket_get_last_price (ticket));
  add_string_or_null (b, "confirmation",
                      confirmations[paddock_order_ticket_get_confirmation (ticket)]);
  json_builder_set_member_name (b, "submitting");
  json_builder_add_boolean_value (b, paddock_order_ticket_is_submitting (ticket));
  add_string_or_null (b, "broker_error", paddock_order_ticket_get_broker_error (ticket));
  add_string_or_null (b, "focus", paddock_order_ticket_get_focus_name (ticket));
  json_builder_end_object (b);
}

/* ---- the Account Settings window ---- */

static PaddockAccountSettings *
find_account_settings (PaddockWindow *window)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (PADDOCK_IS_ACCOUNT_SETTINGS (toplevel) &&
          gtk_window_get_transient_for (toplevel) == GTK_WINDOW (window) &&
          gtk_widget_get_visible (GTK_WIDGET (toplevel)))
        return PADDOCK_ACCOUNT_SETTINGS (toplevel);
    }
  return NULL;
}

/* {"open", "state", "saving", "message", "missing_scope", "pending", "rows": {KEY:
 * {"value", "sensitive"}}}: the rows' values as read back from their widgets */
static void
describe_account_settings (JsonBuilder            *b,
                           PaddockAccountSettings *settings)
{
  static const char *states[] = { "loading", "ready", "failed" };
  const char * const *keys = paddock_account_settings_get_keys ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "open");
  json_builder_add_boolean_value (b, settings != NULL);
  if (settings != NULL)
    {
      add_string_or_null (b, "state", states[paddock_account_settings_get_state (settings)]);
      json_builder_set_member_name (b, "saving");
      json_builder_add_boolean_value (b, paddock_account_settings_get_saving (settings));
      add_string_or_null (b, "message", paddock_account_settings_get_message (settings));
      json_builder_set_member_name (b, "missing_scope");
      json_builder_add_boolean_value (b, paddock_account_settings_get_missing_scope (settings));
      add_string_or_null (b, "pending", paddock_account_settings_get_pending_key (settings));
      json_builder_set_member_name (b, "rows");
      json_builder_begin_object (b);
      for (guint i = 0; keys[i] != NULL; i++)
        {
          g_autofree char *value = paddock_account_settings_dup_row_value (settings, keys[i]);

          json_builder_set_member_name (b, keys[i]);
          json_builder_begin_object (b);
          add_string_or_null (b, "value", value);
          json_builder_set_member_name (b, "sensitive");
          json_builder_add_boolean_value (b, paddock_account_settings_get_row_sensitive (settings,
                                                                                        keys[i]));
          json_builder_end_object (b);
        }
      json_builder_end_object (b);
    }
  json_builder_end_object (b);
}

static const char *
named_label (GtkWidget  *row,
             const char *name)
{
  GtkWidget *label = find_named (row, name);

  return GTK_IS_LABEL (label) ? gtk_label_get_label (GTK_LABEL (label)) : NULL;
}

/* One of the overview's lists as it reads: "overview_<what>" an array of its rows (the
 * row's title and subtitle as @title_member and @subtitle_member, then each named label),
 * "overview_<what>_empty" what the list says when it has no row, else null */
static void
describe_overview_list (JsonBuilder  *b,
                        GtkWidget    *view,
                        const char   *what,
                        const char   *title_member,
                        const char   *subtitle_member,
                        const char  **labels,
                        const char  **members)
{
  g_autofree char *list_name = g_strdup_printf ("overview-%s-list", what);
  g_autofree char *empty_name = g_strdup_printf ("overview-%s-empty", what);
  g_autofree char *member = g_strdup_printf ("overview_%s", what);
  g_autofree char *empty_member = g_strdup_printf ("overview_%s_empty", what);
  GtkWidget *list = find_named (view, list_name);
  GtkWidget *empty = find_named (view, empty_name);
  guint rows = 0;

  json_builder_set_member_name (b, member);
  json_builder_begin_array (b);
  for (GtkWidget *row = list != NULL ? gtk_widget_get_first_child (list) : NULL; row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      if (!ADW_IS_ACTION_ROW (row) || !gtk_widget_get_visible (row))
        continue;
      rows++;
      json_builder_begin_object (b);
      json_builder_set_member_name (b, title_member);
      json_builder_add_string_value (b, adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)));
      json_builder_set_member_name (b, subtitle_member);
      json_builder_add_string_value (b, adw_action_row_get_subtitle (ADW_ACTION_ROW (row)));
      for (guint i = 0; labels[i] != NULL; i++)
        {
          json_builder_set_member_name (b, members[i]);
          json_builder_add_string_value (b, named_label (row, labels[i]));
        }
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, empty_member);
  if (rows == 0 && GTK_IS_LABEL (empty))
    json_builder_add_string_value (b, gtk_label_get_label (GTK_LABEL (empty)));
  else
    json_builder_add_null_value (b);
}

static JsonNode *box_node (GtkWidget *widget);

/* where (@x, @y) of @widget is in its window's surface (what `xdotool mousemove --window`
 * takes); FALSE when it is not on screen */
static gboolean
surface_point (GtkWidget *widget,
               double     x,
               double     y,
               double    *out_x,
               double    *out_y)
{
  GtkNative *native = gtk_widget_get_native (widget);
  graphene_point_t p;
  double sx, sy;

  if (native == NULL || !gtk_widget_get_mapped (widget) ||
      !gtk_widget_compute_point (widget, GTK_WIDGET (native), &GRAPHENE_POINT_INIT (x, y), &p))
    return FALSE;
  gtk_native_get_surface_transform (native, &sx, &sy);
  *out_x = p.x + sx;
  *out_y = p.y + sy;
  return TRUE;
}

/* adds @widget's X window ("xid") and whether it has the focus ("active") */
static void
add_xid (JsonBuilder *b,
         GtkWindow   *window)
{
  json_builder_set_member_name (b, "active");
  json_builder_add_boolean_value (b, gtk_window_is_active (window));
#ifdef GDK_WINDOWING_X11
  {
    GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (window));

    if (surface != NULL && GDK_IS_X11_SURFACE (surface))
      {
        json_builder_set_member_name (b, "xid");
        json_builder_add_int_value (b, (gint64) gdk_x11_surface_get_xid (surface));
      }
  }
#endif
}

/* The overview's chart, "chart": {"period", "points" (how many, gaps included), "summary",
 * "loading", "error" (what it says, or null), "crosshair" ({"index", "time" (ms), "value"}
 * or null), and once drawn, for the markets end-to-end test, "box" (the chart's, as
 * box_node() gives it) and "first_x", "last_x" (where the first and the last point's
 * times are, in the same coordinates)}, and "market_clock": the clock's words, or null */
static void
describe_portfolio_panel (JsonBuilder           *b,
                          PaddockPortfolioPanel *panel)
{
  PaddockChart *chart = paddock_portfolio_panel_get_chart (panel);
  gsize n = paddock_chart_get_n_points (chart);
  gint64 time;
  double value;

  json_builder_set_member_name (b, "chart");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "period");
  json_builder_add_string_value (b, paddock_portfolio_panel_get_period (panel));
  json_builder_set_member_name (b, "points");
  json_builder_add_int_value (b, (gint64) n);
  json_builder_set_member_name (b, "summary");
  json_builder_add_string_value (b, paddock_chart_get_summary (chart));
  json_builder_set_member_name (b, "loading");
  json_builder_add_boolean_value (b, paddock_portfolio_panel_get_loading (panel));
  add_string_or_null (b, "error", paddock_portfolio_panel_get_error (panel));
  json_builder_set_member_name (b, "crosshair");
  if (paddock_chart_get_crosshair (chart, &time, &value))
    {
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "index");
      json_builder_add_int_value (b, paddock_chart_get_crosshair_index (chart));
      json_builder_set_member_name (b, "time");
      json_builder_add_int_value (b, time);
      json_builder_set_member_name (b, "value");
      json_builder_add_double_value (b, value);
      json_builder_end_object (b);
    }
  else
    json_builder_add_null_value (b);
  {
    JsonNode *box = box_node (GTK_WIDGET (chart));
    double x0, x1, y, wx0, wx1, wy;

    if (box != NULL)
      {
        json_builder_set_member_name (b, "box");
        json_builder_add_value (b, box);
      }
    if (box != NULL && n > 0 &&
        paddock_chart_get_point_position (chart, 0, &x0, &y) &&
        paddock_chart_get_point_position (chart, n - 1, &x1, &y) &&
        surface_point (GTK_WIDGET (chart), x0, y, &wx0, &wy) &&
        surface_point (GTK_WIDGET (chart), x1, y, &wx1, &wy))
      {
        json_builder_set_member_name (b, "first_x");
        json_builder_add_double_value (b, wx0);
        json_builder_set_member_name (b, "last_x");
        json_builder_add_double_value (b, wx1);
      }
  }
  json_builder_end_object (b);
  add_string_or_null (b, "market_clock", paddock_portfolio_panel_get_clock_text (panel));
}

/* ---- what the trading end-to-end test reads and clicks (tests/app-trading-e2e.sh) ------- */

/* @widget's box as [x, y, width, height] in the coordinates of the window's own surface
 * (what `xdotool mousemove --window XID` takes): its place in its native, that native's
 * offset in its surface, and for a popover, where its surface sits on the window's. NULL
 * when it cannot be pressed (not mapped, or no size). */
static JsonNode *
box_node (GtkWidget *widget)
{
  g_autoptr (JsonBuilder) b = NULL;
  GtkNative *native = gtk_widget_get_native (widget);
  GdkSurface *surface = native != NULL ? gtk_native_get_surface (native) : NULL;
  graphene_rect_t r;
  double sx, sy;
  double px = 0, py = 0;

  if (surface == NULL || !gtk_widget_get_mapped (widget) ||
      !gtk_widget_compute_bounds (widget, GTK_WIDGET (native), &r) ||
      r.size.width < 1 || r.size.height < 1)
    return NULL;
  gtk_native_get_surface_transform (native, &sx, &sy);
  if (GDK_IS_POPUP (surface))
    {
      px = gdk_popup_get_position_x (GDK_POPUP (surface));
      py = gdk_popup_get_position_y (GDK_POPUP (surface));
    }
  b = json_builder_new ();
  json_builder_begin_array (b);
  json_builder_add_int_value (b, (gint64) (r.origin.x + sx + px));
  json_builder_add_int_value (b, (gint64) (r.origin.y + sy + py));
  json_builder_add_int_value (b, (gint64) r.size.width);
  json_builder_add_int_value (b, (gint64) r.size.height);
  json_builder_end_array (b);
  return json_builder_get_root (b);
}

/* adds member @name: @widget's box, if it can be pressed; TRUE if it was added */
static gboolean
add_box_member (JsonBuilder *b,
                const char  *name,
                GtkWidget   *widget)
{
  JsonNode *box = box_node (widget);

  if (box == NULL)
    return FALSE;
  json_builder_set_member_name (b, name);
  json_builder_add_value (b, box);
  return TRUE;
}

/* the texts of the labels shown under @root, in order */
static void
add_label_texts (JsonBuilder *b,
                 GtkWidget   *root)
{
  if (!gtk_widget_get_visible (root))
    return;
  if (GTK_IS_LABEL (root))
    json_builder_add_string_value (b, gtk_label_get_text (GTK_LABEL (root)));
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    add_label_texts (b, child);
}

/* the buttons the test presses: the view switcher's (as "view:LABEL") and named ones */
static void
add_targets (JsonBuilder *b,
             GtkWidget   *root)
{
  static const char *names[] = { "orders-open-toggle", "orders-closed-toggle",
                                 "orders-all-toggle", "orders-search", NULL };
  const char *name = gtk_widget_get_name (root);

  if (!gtk_widget_get_mapped (root))
    return;
  if (g_type_is_a (G_OBJECT_TYPE (root), GTK_TYPE_TOGGLE_BUTTON) &&
      gtk_widget_get_ancestor (root, ADW_TYPE_VIEW_SWITCHER) != NULL &&
      g_object_class_find_property (G_OBJECT_GET_CLASS (root), "label") != NULL)
    {
      g_autofree char *label = NULL;
      g_auto (GStrv) parts = NULL;
      g_autofree char *words = NULL;
      g_autofree char *member = NULL;

      /* "view:Orders" for "O_rders" (the bar at the bottom has the same, unseen when wide) */
      g_object_get (root, "label", &label, NULL);
      parts = g_strsplit (label != NULL ? label : "", "_", -1);
      words = g_strjoinv ("", parts);
      member = g_strdup_printf ("view:%s", words);
      add_box_member (b, member, root);
      return;
    }
  if (name != NULL && g_strv_contains (names, name))
    add_box_member (b, name, root);
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    add_targets (b, child);
}

/* the Orders page's rows on screen: their cells' words and their menu button */
static void
add_orders_on_screen (JsonBuilder   *b,
                      PaddockWindow *window)
{
  GtkWidget *view = GTK_WIDGET (paddock_orders_page_get_column_view (
    paddock_window_get_orders_page (window)));
  GtkWidget *list = find_type (view, GTK_TYPE_LIST_VIEW);

  json_builder_begin_array (b);
  for (GtkWidget *row = list != NULL ? gtk_widget_get_first_child (list) : NULL;
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      graphene_rect_t r;
      GtkWidget *menu;
      double middle;

      if (!gtk_widget_get_mapped (row) || !gtk_widget_compute_bounds (row, list, &r))
        continue;
      middle = r.origin.y + r.size.height / 2;
      if (middle < 0 || middle > gtk_widget_get_height (list))
        continue;
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "cells");
      json_builder_begin_array (b);
      add_label_texts (b, row);
      json_builder_end_array (b);
      add_box_member (b, "row", row);
      menu = find_type (row, GTK_TYPE_MENU_BUTTON);
      if (menu == NULL || !add_box_member (b, "actions", menu))
        {
          json_builder_set_member_name (b, "actions");
          json_builder_add_null_value (b);
        }
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

static void
add_text_or_null (JsonBuilder *b,
                  const char  *name,
                  const char  *text)
{
  json_builder_set_member_name (b, name);
  if (text != NULL)
    json_builder_add_string_value (b, text);
  else
    json_builder_add_null_value (b);
}

/* the first orders of the model the Orders page shows (the session's store, newest first),
 * whatever the page's filter */
static void
add_orders_listed (JsonBuilder   *b,
                   PaddockWindow *window)
{
  GListModel *rows = paddock_orders_page_get_model (paddock_window_get_orders_page (window));
  guint n = rows != NULL ? MIN (g_list_model_get_n_items (rows), ORDERS_LISTED) : 0;

  json_builder_begin_array (b);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (GObject) item = g_list_model_get_item (rows, i);
      GObject *inner = paddock_table_unwrap_item (item);
      PaddockOrder *order;

      if (!PADDOCK_IS_ORDER (inner))
        continue;
      order = PADDOCK_ORDER (inner);
      json_builder_begin_object (b);
      add_text_or_null (b, "id", paddock_order_get_id (order));
      add_text_or_null (b, "symbol", paddock_order_get_symbol (order));
      add_text_or_null (b, "status", paddock_order_get_status_code (order));
      add_text_or_null (b, "qty", paddock_order_get_qty (order));
      add_text_or_null (b, "filled_qty", paddock_order_get_filled_qty (order));
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

/* the Positions page's rows: symbol and quantity */
static void
add_positions_listed (JsonBuilder   *b,
                      PaddockWindow *window)
{
  GListModel *rows = page_rows (window, 0);
  guint n = rows != NULL ? g_list_model_get_n_items (rows) : 0;

  json_builder_begin_object (b);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (GObject) item = g_list_model_get_item (rows, i);
      GObject *inner = paddock_table_unwrap_item (item);

      if (!PADDOCK_IS_POSITION (inner) || paddock_position_get_symbol (PADDOCK_POSITION (inner)) == NULL)
        continue;
      add_text_or_null (b, paddock_position_get_symbol (PADDOCK_POSITION (inner)),
                        paddock_position_get_qty (PADDOCK_POSITION (inner)));
    }
  json_builder_end_object (b);
}

/* the label without its mnemonic's underscores */
static char *
without_mnemonic (const char *label)
{
  g_auto (GStrv) parts = g_strsplit (label != NULL ? label : "", "_", -1);

  return g_strjoinv ("", parts);
}

/* "action" and "target" of the item of @popover's menu labelled @text: what it does, and to
 * what (the order or position the menu was opened for) */
static void
add_menu_item_action (JsonBuilder    *b,
                      GtkPopoverMenu *popover,
                      const char     *text)
{
  GMenuModel *menu = gtk_popover_menu_get_menu_model (popover);
  g_autofree char *wanted = without_mnemonic (text);
  g_autofree char *action = NULL;
  g_autofree char *target = NULL;

  for (int i = 0; menu != NULL && i < g_menu_model_get_n_items (menu); i++)
    {
      g_autofree char *label = NULL;
      g_autofree char *words = NULL;

      if (!g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_LABEL, "s", &label))
        continue;
      words = without_mnemonic (label);
      if (!g_str_equal (words, wanted))
        continue;
      g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_ACTION, "s", &action);
      g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_TARGET, "s", &target);
      break;
    }
  add_text_or_null (b, "action", action);
  add_text_or_null (b, "target", target);
}

/* the items of the popover menus open under @root ("text", "action", "target" and "box") */
static void
add_menu_items (JsonBuilder *b,
                GtkWidget   *root)
{
  GType model_button = g_type_from_name ("GtkModelButton");

  if (!gtk_widget_get_mapped (root))
    return;
  if (model_button != 0 && g_type_is_a (G_OBJECT_TYPE (root), model_button) &&
      gtk_widget_get_ancestor (root, GTK_TYPE_POPOVER_MENU) != NULL)
    {
      g_autofree char *text = NULL;

      JsonNode *box = box_node (root);

      if (box == NULL)
        return;
      g_object_get (root, "text", &text, NULL);
      json_builder_begin_object (b);
      add_text_or_null (b, "text", text);
      add_menu_item_action (b, GTK_POPOVER_MENU (gtk_widget_get_ancestor (root,
                                                                        GTK_TYPE_POPOVER_MENU)),
                            text);
      json_builder_set_member_name (b, "box");
      json_builder_add_value (b, box);
      json_builder_end_object (b);
      return;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    add_menu_items (b, child);
}

/* Whether the window has the focus (what decides on notifications), its X window, and
 * where the trading end-to-end test finds what it reads and presses. */
static void
describe_trading (JsonBuilder   *b,
                  PaddockWindow *window)
{
  json_builder_set_member_name (b, "active");
  json_builder_add_boolean_value (b, gtk_window_is_active (GTK_WINDOW (window)));
#ifdef GDK_WINDOWING_X11
  {
    GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (window));

    if (surface != NULL && GDK_IS_X11_SURFACE (surface))
      {
        json_builder_set_member_name (b, "xid");
        json_builder_add_int_value (b, (gint64) gdk_x11_surface_get_xid (surface));
      }
  }
#endif
  if (g_strcmp0 (paddock_window_get_page (window), "account") != 0)
    return;
  json_builder_set_member_name (b, "targets");
  json_builder_begin_object (b);
  add_targets (b, GTK_WIDGET (window));
  json_builder_end_object (b);
  json_builder_set_member_name (b, "orders-listed");
  add_orders_listed (b, window);
  json_builder_set_member_name (b, "orders-on-screen");
  add_orders_on_screen (b, window);
  json_builder_set_member_name (b, "positions-listed");
  add_positions_listed (b, window);
  json_builder_set_member_name (b, "menu-items");
  json_builder_begin_array (b);
  add_menu_items (b, GTK_WIDGET (window));
  json_builder_end_array (b);
}


/* ---- symbol search and symbol windows ----------------------------------------------- */

static void
describe_search (JsonBuilder   *b,
                 PaddockWindow *window)
{
  g_autoptr (GList) toplevels = gtk_window_list_toplevels ();
  PaddockSymbolSearch *search = NULL;
  GPtrArray *matches;

  for (GList *l = toplevels; l != NULL && search == NULL; l = l->next)
    if (PADDOCK_IS_SYMBOL_SEARCH (l->data) &&
        gtk_window_get_transient_for (l->data) == GTK_WINDOW (window))
      search = l->data;
  if (search == NULL)
    {
      json_builder_add_null_value (b);
      return;
    }
  matches = paddock_symbol_search_get_matches (search);
  json_builder_begin_object (b);
  add_xid (b, GTK_WINDOW (search));
  add_string_or_null (b, "text", paddock_symbol_search_get_text (search));
  add_string_or_null (b, "searched", paddock_symbol_search_get_searched (search));
  json_builder_set_member_name (b, "loading");
  json_builder_add_boolean_value (b, paddock_symbol_search_get_loading (search));
  add_string_or_null (b, "error", paddock_symbol_search_get_error (search));
  json_builder_set_member_name (b, "selected");
  json_builder_add_int_value (b, paddock_symbol_search_get_selected (search));
  json_builder_set_member_name (b, "matches");
  json_builder_begin_array (b);
  for (guint i = 0; matches != NULL && i < matches->len; i++)
    {
      PaddockAsset *asset = g_ptr_array_index (matches, i);

      json_builder_begin_object (b);
      add_string_or_null (b, "symbol", paddock_asset_get_symbol (asset));
      add_string_or_null (b, "name", paddock_asset_get_name (asset));
      add_string_or_null (b, "exchange", paddock_asset_get_exchange (asset));
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
}

/* the window's own close button (in its header bar's window controls), or NULL */
static GtkWidget *
find_close_button (GtkWidget *root)
{
  if (GTK_IS_BUTTON (root) && gtk_widget_has_css_class (root, "close") &&
      gtk_widget_get_ancestor (root, GTK_TYPE_WINDOW_CONTROLS) != NULL)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_close_button (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* A symbol window's Add to Watchlist (tests/app-markets-e2e.sh): "watchlists_button" (its
 * box), "watchlist_menu" ({"open", "busy", "rows": [{"name", "checked", "box"}], "new" (the
 * New Watchlist… button's box), "error"}) and "watchlist_banner" (its words, or null) */
static void
describe_watchlist_menu (JsonBuilder         *b,
                         PaddockSymbolWindow *sw)
{
  GtkWidget *button = find_named (GTK_WIDGET (sw), "symbol-watchlists");
  GtkWidget *popover = find_named (GTK_WIDGET (sw), "symbol-watchlist-popover");
  GtkWidget *list = find_named (GTK_WIDGET (sw), "symbol-watchlist-list");
  GtkWidget *stack = find_named (GTK_WIDGET (sw), "symbol-watchlist-stack");
  GtkWidget *banner = find_named (GTK_WIDGET (sw), "symbol-watchlist-banner");

  if (button != NULL)
    add_box_member (b, "watchlists_button", button);
  json_builder_set_member_name (b, "watchlist_menu");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "open");
  json_builder_add_boolean_value (b, popover != NULL && gtk_widget_get_mapped (popover));
  json_builder_set_member_name (b, "busy");
  json_builder_add_boolean_value (b, paddock_symbol_window_get_watchlists_busy (sw));
  json_builder_set_member_name (b, "rows");
  json_builder_begin_array (b);
  for (GtkWidget *row = list != NULL ? gtk_widget_get_first_child (list) : NULL; row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *check = find_named (row, "symbol-watchlist-check");

      if (!GTK_IS_LIST_BOX_ROW (row))
        continue;
      json_builder_begin_object (b);
      add_string_or_null (b, "name", named_label (row, "symbol-watchlist-name"));
      json_builder_set_member_name (b, "checked");
      json_builder_add_boolean_value (b, check != NULL && gtk_widget_get_visible (check));
      add_box_member (b, "box", row);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  if (popover != NULL && find_named (popover, "symbol-watchlist-new") != NULL)
    add_box_member (b, "new", find_named (popover, "symbol-watchlist-new"));
  add_string_or_null (b, "error",
                      stack != NULL &&
                      g_strcmp0 (gtk_stack_get_visible_child_name (GTK_STACK (stack)), "error") == 0
                      ? named_label (stack, "symbol-watchlist-error") : NULL);
  json_builder_end_object (b);
  add_string_or_null (b, "watchlist_banner",
                      banner != NULL && gtk_revealer_get_reveal_child (GTK_REVEALER (banner))
                      ? named_label (banner, "symbol-watchlist-message") : NULL);
}

static void
describe_symbol_windows (JsonBuilder   *b,
                         PaddockWindow *window)
{
  g_autoptr (GList) toplevels = gtk_window_list_toplevels ();

  json_builder_begin_array (b);
  for (GList *l = toplevels; l != NULL; l = l->next)
    {
      PaddockSymbolWindow *sw = l->data;
      GPtrArray *news;
      g_autofree char *position = NULL;
      g_auto (GStrv) orders = NULL;

      if (!PADDOCK_IS_SYMBOL_WINDOW (sw) ||
          gtk_window_get_transient_for (GTK_WINDOW (sw)) != GTK_WINDOW (window))
        continue;
      news = paddock_symbol_window_get_news (sw);
      position = paddock_symbol_window_dup_position_text (sw);
      orders = paddock_symbol_window_dup_open_orders (sw);
      json_builder_begin_object (b);
      add_string_or_null (b, "symbol", paddock_symbol_window_get_symbol (sw));
      add_string_or_null (b, "name", paddock_symbol_window_get_name (sw));
      add_string_or_null (b, "bid", paddock_symbol_window_get_bid (sw));
      add_string_or_null (b, "ask", paddock_symbol_window_get_ask (sw));
      add_string_or_null (b, "last", paddock_symbol_window_get_last_price (sw));
      add_string_or_null (b, "timeframe", paddock_symbol_window_get_timeframe (sw));
      json_builder_set_member_name (b, "bars_loading");
      json_builder_add_boolean_value (b, paddock_symbol_window_get_bars_loading (sw));
      json_builder_set_member_name (b, "bars");
      json_builder_add_int_value (b, paddock_symbol_window_get_n_bars (sw));
      add_string_or_null (b, "data_error", paddock_symbol_window_get_data_error (sw));
      json_builder_set_member_name (b, "news");
      if (news == NULL)
        json_builder_add_null_value (b);
      else
        {
          json_builder_begin_array (b);
          for (guint i = 0; i < news->len; i++)
            {
              PaddockNewsArticle *article = g_ptr_array_index (news, i);

              json_builder_add_string_value (b, article->headline != NULL ? article->headline : "");
            }
          json_builder_end_array (b);
        }
      add_string_or_null (b, "position", position);
      add_xid (b, GTK_WINDOW (sw));
      if (find_close_button (GTK_WIDGET (sw)) != NULL)
        add_box_member (b, "close_button", find_close_button (GTK_WIDGET (sw)));
      describe_watchlist_menu (b, sw);
      json_builder_set_member_name (b, "orders");
      json_builder_begin_array (b);
      for (guint i = 0; orders[i] != NULL; i++)
        json_builder_add_string_value (b, orders[i]);
      json_builder_end_array (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

/**
 * paddock_test_hooks_describe:
 * @window: a window
 *
 * What the window shows, as a JSON object read back from its widgets: the page, the
 * environment and its badge, the problem's title, the overview's figures as their
 * labels read, the view shown ("view") and the rows each page's table is bound to
 * ("rows": {"positions", "orders", "activity"}), the overview's lists as they read
 * ("overview_orders": [{"symbol", "details", "status"}], "overview_positions": [{"symbol",
 * "quantity", "market_value", "unrealized_pl"}], each with "overview_…_empty": what the
 * list says when it is empty, else null), and the stream indicator's tooltip while it is
 * shown ("stream"). For tests/app-trading-e2e.sh also: whether the window has the focus
 * ("active"), its X window ("xid"), the boxes of the buttons the test presses ("targets"),
 * the first orders of the Orders page's model ("orders-listed"), the words of the Orders
 * page's rows on screen with the boxes of their menu buttons ("orders-on-screen"), the
 * positions' quantities ("positions-listed") and the items of an open menu ("menu-items");
 * boxes are [x, y, width, height] in the window surface's coordinates,
 * and the order ticket ("ticket"): {"open": false}, or
 * {"open": true, "symbol", "side" ("buy"|"sell"), "valid", "error_field" (the
 * PaddockOrderField's name in Alpaca's body, e.g. "qty", "notional", "limit_price", or
 * null), "error" (the message under the form, or null), "summary" (the order in one
 * sentence, or null while invalid), "estimate" (decimal text or null), "estimate_text"
 * (as shown), "over_buying_power", "asset" (the asset's name, or null), "last_price"
 * (decimal text or null), "confirmation" (null, "confirm", "live" or "precaution": the
 * dialog waiting for an answer), "submitting", "broker_error" (the refusal shown, or
 * null), "focus" (the name of the control with the focus, see paddock-order-ticket.h)}.
 *
 * Returns: (transfer full): a JSON text
 */
char *
paddock_test_hooks_describe (PaddockWindow *window)
{
  static const char *labels[] = { "equity-value", "today-value", "cash-value",
                                   "buying-power-value", "account-number-value",
                                   "status-value", "restrictions-label" };
  g_autoptr (JsonBuilder) b = json_builder_new ();
  g_autoptr (JsonGenerator) gen = json_generator_new ();
  g_autoptr (JsonNode) root = NULL;
  GtkWidget *root_widget = GTK_WIDGET (window);
  GtkWidget *account_button;
  GtkWidget *environment_badge;
  GtkWidget *sign_in_badge;
  GtkWidget *stream_indicator;
  const char *page;
  Hooks *hooks;

  g_return_val_if_fail (PADDOCK_IS_WINDOW (window), NULL);

  /* with the hooks attached, the environment is null until the window names one */
  hooks = g_object_get_data (G_OBJECT (window), "paddock-test-hooks");

  page = paddock_window_get_page (window);
  account_button = find_named (root_widget, "account-button");
  environment_badge = find_named (root_widget, "environment-badge");
  sign_in_badge = find_named (root_widget, "sign-in-badge");
  stream_indicator = find_named (root_widget, "stream-indicator");

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "page");
  json_builder_add_string_value (b, page);
  json_builder_set_member_name (b, "environment");
  if (hooks != NULL && !hooks->environment_known)
    json_builder_add_null_value (b);
  else
    json_builder_add_string_value (b, paddock_environment_to_string (paddock_window_get_environment (window)));
  json_builder_set_member_name (b, "badge");
  if (account_button != NULL && gtk_widget_get_visible (account_button) &&
      GTK_IS_LABEL (environment_badge))
    json_builder_add_string_value (b, gtk_label_get_label (GTK_LABEL (environment_badge)));
  else if (sign_in_badge != NULL && gtk_widget_get_visible (sign_in_badge) &&
           GTK_IS_LABEL (sign_in_badge))
    json_builder_add_string_value (b, gtk_label_get_label (GTK_LABEL (sign_in_badge)));
  else
    json_builder_add_null_value (b);
  if (g_strcmp0 (page, "problem") == 0)
    {
      json_builder_set_member_name (b, "problem");
      json_builder_add_string_value (b, paddock_problem_page_get_title (paddock_window_get_problem_page (window)));
    }
  if (g_strcmp0 (page, "account") == 0)
    {
      PaddockAccountView *view = paddock_window_get_account_view (window);

      json_builder_set_member_name (b, "account_state");
      json_builder_add_int_value (b, paddock_account_view_get_state (view));
      for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
        {
          GtkWidget *label = find_named (GTK_WIDGET (view), labels[i]);

          if (label == NULL || !GTK_IS_LABEL (label))
            continue;
          json_builder_set_member_name (b, labels[i]);
          json_builder_add_string_value (b, gtk_label_get_label (GTK_LABEL (label)));
        }

      json_builder_set_member_name (b, "view");
      json_builder_add_string_value (b, adw_view_stack_get_visible_child_name (
        ADW_VIEW_STACK (find_type (root_widget, ADW_TYPE_VIEW_STACK))));
      json_builder_set_member_name (b, "rows");
      json_builder_begin_object (b);
      for (guint i = 0; i < G_N_ELEMENTS (row_pages); i++)
        {
          GListModel *rows = page_rows (window, i);

          json_builder_set_member_name (b, row_pages[i]);
          json_builder_add_int_value (b, rows != NULL ? g_list_model_get_n_items (rows) : 0);
        }
      json_builder_end_object (b);

      {
        static const char *order_labels[] = { "overview-order-status", NULL };
        static const char *order_members[] = { "status", NULL };
        static const char *position_labels[] = { "overview-position-value",
                                                  "overview-position-pl", NULL };
        static const char *position_members[] = { "market_value", "unrealized_pl", NULL };

        describe_overview_list (b, GTK_WIDGET (view), "orders", "symbol", "details",
                                order_labels, order_members);
        describe_overview_list (b, GTK_WIDGET (view), "positions", "symbol", "quantity",
                                position_labels, position_members);
      }

      describe_portfolio_panel (b, paddock_account_view_get_portfolio_panel (view));

      json_builder_set_member_name (b, "stream");
      if (stream_indicator != NULL && gtk_widget_get_visible (stream_indicator))
        json_builder_add_string_value (b, gtk_widget_get_tooltip_text (stream_indicator));
      else
        json_builder_add_null_value (b);
    }
  describe_trading (b, window);
  /* the Markets page: watchlists, the chosen one's rows, the movers, the permission banner */
  json_builder_set_member_name (b, "markets");
  json_builder_begin_object (b);
  paddock_markets_page_describe (paddock_window_get_markets_page (window), b);
  json_builder_end_object (b);
  json_builder_set_member_name (b, "ticket");
  describe_ticket (b, find_ticket (window));
  json_builder_set_member_name (b, "search");
  describe_search (b, window);
  json_builder_set_member_name (b, "symbols");
  describe_symbol_windows (b, window);
  json_builder_set_member_name (b, "account_settings");
  describe_account_settings (b, find_account_settings (window));
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  return json_generator_to_data (gen, NULL);
}

/**
 * paddock_test_hooks_save_screenshot:
 * @window: a window on screen
 * @path: where to write the PNG
 * @error: return location for a #GError
 *
 * Renders the window as it is now, with its own renderer, into a PNG (the screenshot
 * script, the end-to-end tests and the GUI tests; no window manager needed).
 *
 * Returns: %TRUE if the PNG was written
 */
gboolean
paddock_test_hooks_save_screenshot (PaddockWindow  *window,
                                    const char     *path,
                                    GError        **error)
{
  g_return_val_if_fail (PADDOCK_IS_WINDOW (window), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  return save_widget (GTK_WIDGET (window), path, error);
}

/* Renders a window (the main one, or the order ticket) with its own renderer */
static gboolean
save_widget (GtkWidget   *widget,
             const char  *path,
             GError     **error)
{
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  g_autoptr (GdkPaintable) paintable = NULL;
  g_autoptr (GtkSnapshot) snapshot = NULL;
  g_autoptr (GskRenderNode) node = NULL;
  g_autoptr (GdkTexture) texture = NULL;
  GskRenderer *renderer;

  if (!gtk_widget_get_realized (widget) || width <= 0 || height <= 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED,
                           "The window is not on screen");
      return FALSE;
    }

  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  if (node == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, "Nothing to render");
      return FALSE;
    }
  renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  if (!gdk_texture_save_to_png (texture, path))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "Could not write %s", path);
      return FALSE;
    }
  return TRUE;
}
