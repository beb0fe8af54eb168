/* test-ui-controller.c: PaddockController driving a real window, with a real keyring
 * (tests/keyring-env.sh) and a real X server: start on the stored account, switch accounts,
 * sign out, and revoked access shown in place. The paper account lives on a sandbox this
 * test runs (PADDOCK_*_URL), the demo one in the controller's own in-app sandbox.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "paddock-account-item.h"
#include "paddock-controller.h"
#include "paddock-format.h"
#include "paddock-order-store.h"
#include "paddock-position-store.h"
#include "paddock-activity-store.h"
#include "paddock-token-store.h"
#include "sandbox-fixture.h"
#include "paddock-test-gtk.h"

#define DEMO_TOKEN "restored-demo-token-0123456789abcdef"

static guint
store_count (PaddockTokenStore *store)
{
  g_auto (PaddockTestAsync) w = { 0, };
  g_autoptr (GError) error = NULL;
  g_autoptr (GListModel) list = NULL;

  paddock_token_store_list_async (store, NULL, paddock_test_async_cb, &w);
  list = paddock_token_store_list_finish (store, paddock_test_async_wait (&w), &error);
  g_assert_no_error (error);
  return g_list_model_get_n_items (list);
}

static char *
stored_token (PaddockTokenStore  *store,
              PaddockEnvironment  environment,
              const char         *account_id)
{
  g_auto (PaddockTestAsync) w = { 0, };
  g_autoptr (GError) error = NULL;
  g_autoptr (PaddockCredentials) credentials = NULL;

  paddock_token_store_load_async (store, environment, account_id, NULL, paddock_test_async_cb, &w);
  credentials = paddock_token_store_load_finish (store, paddock_test_async_wait (&w), &error);
  g_assert_no_error (error);
  return g_strdup (paddock_credentials_get_access_token (credentials));
}

typedef PaddockTestControllerFixture Fixture;

static void
setup (Fixture       *f,
       gconstpointer  data)
{
  g_autoptr (PaddockCredentials) demo = NULL;

  /* two stored sign-ins: a paper account and the demo, the paper one shown last */
  paddock_test_controller_fixture_store (f);
  demo = paddock_credentials_new (PADDOCK_ENVIRONMENT_DEMO, "demo-account", "PADEMO", DEMO_TOKEN, "bearer",
                                  "account:write trading data", NULL);
  paddock_test_store_save (f->store, demo);

  paddock_test_controller_fixture_open (f);
}

static void
test_stored_switch_sign_out (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr (PaddockAccountItem) demo_item = paddock_account_item_new ("demo-account", PADDOCK_ENVIRONMENT_DEMO, "PADEMO");

  /* start: the account shown last, with no sign-in */
  paddock_controller_start (f->controller, FALSE);
  PADDOCK_TEST_WAIT_UNTIL (paddock_test_showing (f->window, PADDOCK_ENVIRONMENT_PAPER));
  g_assert_cmpstr (paddock_test_shown_number (f->window), ==, f->paper_number);

  /* the switcher: to the demo, whose token the in-app sandbox takes back */
  g_signal_emit_by_name (f->window, "account-selected", demo_item);
  PADDOCK_TEST_WAIT_UNTIL (paddock_test_showing (f->window, PADDOCK_ENVIRONMENT_DEMO));
  g_assert_true (g_str_has_prefix (paddock_test_shown_number (f->window), "PA"));

  /* Sign Out (what the confirmation dialog emits): the keyring item goes, the other
   * account is shown */
  g_signal_emit_by_name (f->window, "sign-out-requested", "demo-account");
  PADDOCK_TEST_WAIT_UNTIL (paddock_test_showing (f->window, PADDOCK_ENVIRONMENT_PAPER));
  g_assert_cmpuint (store_count (f->store), ==, 1);

  /* the last one: back to the welcome page, nothing stored */
  g_signal_emit_by_name (f->window, "sign-out-requested", f->paper_id);
  PADDOCK_TEST_WAIT_UNTIL (g_strcmp0 (paddock_window_get_page (f->window), "welcome") == 0);
  g_assert_cmpuint (store_count (f->store), ==, 0);
}

static void
test_revoked_in_place (Fixture       *f,
                       gconstpointer  data)
{
  PaddockProblemPage *problem = paddock_window_get_problem_page (f->window);

  paddock_controller_start (f->controller, FALSE);
  PADDOCK_TEST_WAIT_UNTIL (paddock_test_showing (f->window, PADDOCK_ENVIRONMENT_PAPER));

  g_assert_true (paddock_sandbox_revoke_token (f->sf.sandbox, f->sf.token));
  g_signal_emit_by_name (f->window, "refresh-requested");
  PADDOCK_TEST_WAIT_UNTIL (g_strcmp0 (paddock_window_get_page (f->window), "problem") == 0);
  g_assert_cmpstr (paddock_problem_page_get_title (problem), ==,
                   "Your Access Was Revoked or Has Expired");
  /* the chosen account is kept: same environment, and its sign-in is still stored */
  g_assert_cmpint (paddock_window_get_environment (f->window), ==, PADDOCK_ENVIRONMENT_PAPER);
  g_assert_cmpuint (store_count (f->store), ==, 2);

  /* no dead end: the page names the account, and its switcher and Sign Out… stay */
  g_assert_nonnull (strstr (adw_status_page_get_description (
                              ADW_STATUS_PAGE (paddock_test_find_named (GTK_WIDGET (f->window),
                                                           "problem-status"))),
                            f->paper_number));
  g_assert_true (
    gtk_widget_get_visible (paddock_test_find_named (GTK_WIDGET (f->window), "account-button")));
  g_assert_true (gtk_widget_is_sensitive (paddock_test_find_named (GTK_WIDGET (f->window),
                                                      "sign-out-button")));
}

/* An account whose first load fails can still be signed out of, through the window's own
 * Sign Out… and its confirmation, and the next account is shown. */
static void
test_failed_account_sign_out (Fixture       *f,
                              gconstpointer  data)
{
  GtkWidget *root = GTK_WIDGET (f->window);
  AdwMessageDialog *dialog;

  /* the paper account cannot be read (a refusal, not retried) */
  paddock_sandbox_add_fault (f->sf.sandbox, "GET", "/paper/v2/account",
                             PADDOCK_SANDBOX_FAULT_STATUS, 404, -1);
  paddock_controller_start (f->controller, FALSE);
  PADDOCK_TEST_WAIT_UNTIL (g_strcmp0 (paddock_window_get_page (f->window), "account") == 0 &&
                           paddock_account_view_get_state (
                             paddock_window_get_account_view (f->window)) ==
                             PADDOCK_ACCOUNT_VIEW_ERROR);
  g_assert_null (paddock_test_shown_number (f->window));
  g_assert_true (gtk_widget_get_visible (paddock_test_find_named (root, "account-button")));
  g_assert_cmpstr (gtk_label_get_label (
                     GTK_LABEL (paddock_test_find_named (root, "header-account-number"))),
                   ==, f->paper_number);

  g_assert_true (gtk_widget_is_sensitive (paddock_test_find_named (root, "sign-out-button")));
  g_signal_emit_by_name (paddock_test_find_named (root, "sign-out-button"), "clicked");
  PADDOCK_TEST_WAIT_UNTIL (paddock_test_find_message_dialog () != NULL);
  dialog = paddock_test_find_message_dialog ();
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), f->paper_number));
  adw_message_dialog_response (dialog, "sign-out");

  /* its keyring item is gone; the demo, still stored, is shown */
  PADDOCK_TEST_WAIT_UNTIL (paddock_test_showing (f->window, PADDOCK_ENVIRONMENT_DEMO));
  g_assert_cmpuint (store_count (f->store), ==, 1);
}

static void
test_refresh_follows_the_account (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr (TestReply) order = NULL;
  PaddockAccount *account;
  g_autofree char *cash = NULL;

  paddock_controller_start (f->controller, FALSE);
  PADDOCK_TEST_WAIT_UNTIL (paddock_test_showing (f->window, PADDOCK_ENVIRONMENT_PAPER));
  account = paddock_account_view_get_account (paddock_window_get_account_view (f->window));
  cash = g_strdup (paddock_account_get_cash (account));

  order = test_request (&f->sf, "POST", "paper:/v2/orders", f->sf.token,
                        "{\"symbol\":\"MSFT\",\"qty\":\"2\",\"side\":\"buy\",\"type\":\"market\","
                        "\"time_in_force\":\"day\"}");
  g_assert_cmpuint (order->status, ==, 200);

  /* Ctrl+R */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.refresh", NULL);
  PADDOCK_TEST_WAIT_UNTIL (g_strcmp0 (paddock_account_get_cash (account), cash) != 0);
  g_assert_true (paddock_account_view_get_account (paddock_window_get_account_view (f->window)) == account);
}

/* The order with this id in a page's model (the store may hold a newer copy each time) */
static PaddockOrder *
find_order (GListModel *model,
            const char *id)
{
  guint n = model != NULL ? g_list_model_get_n_items (model) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (PaddockOrder) order = g_list_model_get_item (model, i);

      if (g_strcmp0 (paddock_order_get_id (order), id) == 0)
        return order;  /* the model keeps it */
    }
  return NULL;
}

static gboolean
has_position (GListModel *model,
              const char *symbol)
{
  guint n = model != NULL ? g_list_model_get_n_items (model) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (PaddockPosition) position = g_list_model_get_item (model, i);

      if (g_strcmp0 (paddock_position_get_symbol (position), symbol) == 0)
        return TRUE;
    }
  return FALSE;
}

static gboolean
order_status_is (PaddockOrder       *order,
                 PaddockOrderStatus  status)
{
  return order != NULL && paddock_order_get_status (order) == status;
}

/* The trading pages show the session's stores, kept current, and Cancel in the Orders
 * page cancels the order at the broker. */
static void
test_pages_show_the_session (Fixture       *f,
                             gconstpointer  data)
{
  PaddockOrdersPage *orders_page = paddock_window_get_orders_page (f->window);
  PaddockPositionsPage *positions_page = paddock_window_get_positions_page (f->window);
  PaddockActivityPage *activity_page = paddock_window_get_activity_page (f->window);
  g_autoptr (TestReply) market = NULL;
  g_autoptr (TestReply) limit = NULL;
  g_autoptr (TestReply) after = NULL;
  g_autoptr (GDateTime) updated_at = NULL;
  g_autofree char *market_id = NULL;
  g_autofree char *limit_id = NULL;
  g_autofree char *path = NULL;
  gboolean loading = TRUE;
  PaddockOrder *order;

  market = test_request (&f->sf, "POST", "paper:/v2/orders", f->sf.token,
                         "{\"symbol\":\"MSFT\",\"qty\":\"2\",\"side\":\"buy\","
                         "\"type\":\"market\",\"time_in_force\":\"day\"}");
  g_assert_cmpuint (market->status, ==, 200);
  market_id = g_strdup (json_object_get_string_member (test_reply_object (market), "id"));

  paddock_controller_start (f->controller, FALSE);
  PADDOCK_TEST_WAIT_UNTIL (paddock_test_showing (f->window, PADDOCK_ENVIRONMENT_PAPER));

  /* the session's stores, with the sandbox's rows */
  g_assert_true (PADDOCK_IS_ORDER_STORE (paddock_orders_page_get_model (orders_page)));
  g_assert_true (PADDOCK_IS_POSITION_STORE (paddock_positions_page_get_model (positions_page)));
  g_assert_true (PADDOCK_IS_ACTIVITY_STORE (paddock_activity_page_get_model (activity_page)));
  PADDOCK_TEST_WAIT_UNTIL (find_order (paddock_orders_page_get_model (orders_page),
                                       market_id) != NULL);
  PADDOCK_TEST_WAIT_UNTIL (has_position (paddock_positions_page_get_model (positions_page),
                                         "MSFT"));
  PADDOCK_TEST_WAIT_UNTIL (g_list_model_get_n_items (paddock_activity_page_get_model
                                                       (activity_page)) > 0);
  /* the freshness follows the store's */
  PADDOCK_TEST_WAIT_UNTIL (!paddock_order_store_get_loading
                             (PADDOCK_ORDER_STORE (paddock_orders_page_get_model (orders_page))));
  g_object_get (orders_page, "loading", &loading, "updated-at", &updated_at, NULL);
  g_assert_false (loading);
  g_assert_nonnull (updated_at);

  /* an order placed elsewhere comes in by itself (the trade stream) */
  limit = test_request (&f->sf, "POST", "paper:/v2/orders", f->sf.token,
                        "{\"symbol\":\"MSFT\",\"qty\":\"1\",\"side\":\"buy\","
                        "\"type\":\"limit\",\"limit_price\":\"1.00\","
                        "\"time_in_force\":\"gtc\"}");
  g_assert_cmpuint (limit->status, ==, 200);
  limit_id = g_strdup (json_object_get_string_member (test_reply_object (limit), "id"));
  PADDOCK_TEST_WAIT_UNTIL (find_order (paddock_orders_page_get_model (orders_page),
                                       limit_id) != NULL);
  order = find_order (paddock_orders_page_get_model (orders_page), limit_id);
  g_assert_false (order_status_is (order, PADDOCK_ORDER_STATUS_CANCELED));

  /* Cancel, as the row's menu asks for it */
  g_signal_emit_by_name (orders_page, "cancel-requested", order);
  PADDOCK_TEST_WAIT_UNTIL (order_status_is (find_order (paddock_orders_page_get_model
                                                          (orders_page), limit_id),
                                            PADDOCK_ORDER_STATUS_CANCELED));
  path = g_strdup_printf ("paper:/v2/orders/%s", limit_id);
  after = test_request (&f->sf, "GET", path, f->sf.token, NULL);
  g_assert_cmpuint (after->status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (test_reply_object (after), "status"), ==,
                   "canceled");
}

static void
record_status_cb (PaddockWindow *window,
                  GParamSpec    *pspec,
                  GPtrArray     *seen)
{
  const char *status = paddock_window_get_stream_status (window);

  g_ptr_array_add (seen, g_strdup (status != NULL ? status : "(none)"));
}

static gboolean
saw_prefix (GPtrArray  *seen,
            const char *prefix,
            guint       from)
{
  for (guint i = from; i < seen->len; i++)
    if (g_str_has_prefix (g_ptr_array_index (seen, i), prefix))
      return TRUE;
  return FALSE;
}

/* The header's indicator follows the trade stream: live, then reconnecting after the
 * connection is lost, then live again. */
static void
test_stream_indicator (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr (GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (TestReply) order = NULL;
  guint live_at;

  /* the first connection is closed after one event */
  paddock_sandbox_add_fault (f->sf.sandbox, NULL, "/paper/stream",
                             PADDOCK_SANDBOX_FAULT_WS_CLOSE_AFTER, 1, 1);
  g_signal_connect (f->window, "notify::stream-status", G_CALLBACK (record_status_cb), seen);
  g_assert_null (paddock_window_get_stream_status (f->window));

  paddock_controller_start (f->controller, FALSE);
  PADDOCK_TEST_WAIT_UNTIL (paddock_test_showing (f->window, PADDOCK_ENVIRONMENT_PAPER));
  PADDOCK_TEST_WAIT_UNTIL (g_strcmp0 (paddock_window_get_stream_status (f->window),
                                      "Live updates") == 0);
  g_assert_true (saw_prefix (seen, "Connecting", 0));
  live_at = seen->len;

  order = test_request (&f->sf, "POST", "paper:/v2/orders", f->sf.token,
                        "{\"symbol\":\"MSFT\",\"qty\":\"1\",\"side\":\"buy\","
                        "\"type\":\"limit\",\"limit_price\":\"1.00\","
                        "\"time_in_force\":\"gtc\"}");
  g_assert_cmpuint (order->status, ==, 200);
  PADDOCK_TEST_WAIT_UNTIL (saw_prefix (seen, "Reconnecting", live_at));
  PADDOCK_TEST_WAIT_UNTIL (g_strcmp0 (paddock_window_get_stream_status (f->window),
                                      "Live updates") == 0);
  g_signal_handlers_disconnect_by_data (f->window, seen);
}

/* The server refuses the live updates: a banner says so over the pages (not only the
 * header's icon), and Reconnect Now connects again at once; a reconnection far away (after
 * several failures) shows it too, a near one does not. */
static void
test_stream_banner (Fixture       *f,
                    gconstpointer  data)
{
  const char *banner;

  /* the first handshake is refused: the stream stops for good */
  paddock_sandbox_add_fault (f->sf.sandbox, NULL, "/paper/stream",
                             PADDOCK_SANDBOX_FAULT_STATUS, 403, 1);
  paddock_controller_start (f->controller, FALSE);
  PADDOCK_TEST_WAIT_UNTIL (paddock_test_showing (f->window, PADDOCK_ENVIRONMENT_PAPER));
  PADDOCK_TEST_WAIT_UNTIL (paddock_window_get_stream_banner (f->window) != NULL);
  banner = paddock_window_get_stream_banner (f->window);
  g_assert_true (g_str_has_prefix (banner, "Live updates stopped: "));
  g_assert_true (g_str_has_prefix (paddock_window_get_stream_status (f->window),
                                   "Live updates are off"));

  /* the banner's button, through its action */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.reconnect-stream",
                                             NULL));
  PADDOCK_TEST_WAIT_UNTIL (g_strcmp0 (paddock_window_get_stream_status (f->window),
                                      "Live updates") == 0);
  g_assert_null (paddock_window_get_stream_banner (f->window));

  /* reconnecting soon: the header's icon is enough */
  paddock_window_set_stream_state (f->window, PADDOCK_TRADE_STREAM_STATE_RECONNECTING, NULL,
                                   g_get_monotonic_time () + 2 * G_USEC_PER_SEC);
  g_assert_null (paddock_window_get_stream_banner (f->window));
  /* after several failures the wait is long: the banner says so, with the countdown */
  paddock_window_set_stream_state (f->window, PADDOCK_TRADE_STREAM_STATE_RECONNECTING, NULL,
                                   g_get_monotonic_time () + 20 * G_USEC_PER_SEC);
  banner = paddock_window_get_stream_banner (f->window);
  g_assert_nonnull (banner);
  g_assert_true (g_str_has_prefix (banner, "Live updates are interrupted. Reconnecting in "));
  paddock_window_set_stream_state (f->window, PADDOCK_TRADE_STREAM_STATE_LIVE, NULL, 0);
  g_assert_null (paddock_window_get_stream_banner (f->window));
}

/* Keeps each notification's words as "title\nbody" */
static void
record_notification_cb (PaddockController *controller,
                        const char        *id,
                        const char        *title,
                        const char        *body,
                        GPtrArray         *sent)
{
  g_ptr_array_add (sent, g_strdup_printf ("%s\n%s", title, body != NULL ? body : "(none)"));
}

/* Starts on the paper account with the trade stream live and the window active; every
 * notification's "title\nbody" goes to sent. */
static void
start_watching_notifications (Fixture   *f,
                              GPtrArray *sent)
{
  g_signal_connect (f->controller, "notification-sent", G_CALLBACK (record_notification_cb),
                    sent);
  paddock_controller_start (f->controller, FALSE);
  PADDOCK_TEST_WAIT_UNTIL (paddock_test_showing (f->window, PADDOCK_ENVIRONMENT_PAPER));
  PADDOCK_TEST_WAIT_UNTIL (g_strcmp0 (paddock_window_get_stream_status (f->window),
                                      "Live updates") == 0);
  PADDOCK_TEST_WAIT_UNTIL (gtk_window_is_active (GTK_WINDOW (f->window)));
}

/* Another window takes the focus; the caller destroys it. */
static GtkWidget *
look_away (Fixture *f)
{
  GtkWidget *other = gtk_window_new ();

  gtk_window_present (GTK_WINDOW (other));
  PADDOCK_TEST_WAIT_UNTIL (!gtk_window_is_active (GTK_WINDOW (f->window)));
  return other;
}

/* POSTs an order the sandbox accepts; returns its id. */
static char *
place_order (Fixture    *f,
             const char *body)
{
  g_autoptr (TestReply) reply = test_request (&f->sf, "POST", "paper:/v2/orders", f->sf.token,
                                              body);

  g_assert_cmpuint (reply->status, ==, 200);
  return g_strdup (json_object_get_string_member (test_reply_object (reply), "id"));
}

/* A fill while the window is not active becomes a desktop notification in words; while it
 * is active, none (the pages show it). */
static void
test_fill_notification (Fixture       *f,
                        gconstpointer  data)
{
  PaddockOrdersPage *orders_page = paddock_window_get_orders_page (f->window);
  g_autoptr (GPtrArray) sent = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (TestReply) first = NULL;
  g_autoptr (TestReply) second = NULL;
  g_autofree char *first_id = NULL;
  g_autofree char *second_id = NULL;
  GtkWidget *other;

  start_watching_notifications (f, sent);

  /* looked at: the fill comes in (the stream updates the page), no notification */
  first = test_request (&f->sf, "POST", "paper:/v2/orders", f->sf.token,
                        "{\"symbol\":\"MSFT\",\"qty\":\"3\",\"side\":\"buy\","
                        "\"type\":\"market\",\"time_in_force\":\"day\"}");
  g_assert_cmpuint (first->status, ==, 200);
  first_id = g_strdup (json_object_get_string_member (test_reply_object (first), "id"));
  PADDOCK_TEST_WAIT_UNTIL (order_status_is (find_order (paddock_orders_page_get_model
                                                          (orders_page), first_id),
                                            PADDOCK_ORDER_STATUS_FILLED));
  g_assert_cmpuint (sent->len, ==, 0);

  /* another window has the focus: the next fill is notified */
  other = look_away (f);
  second = test_request (&f->sf, "POST", "paper:/v2/orders", f->sf.token,
                         "{\"symbol\":\"MSFT\",\"qty\":\"2\",\"side\":\"sell\","
                         "\"type\":\"market\",\"time_in_force\":\"day\"}");
  g_assert_cmpuint (second->status, ==, 200);
  second_id = g_strdup (json_object_get_string_member (test_reply_object (second), "id"));
  PADDOCK_TEST_WAIT_UNTIL (sent->len > 0);
  g_assert_true (g_str_has_prefix (g_ptr_array_index (sent, 0), "Sold 2 MSFT at $"));
  g_signal_handlers_disconnect_by_data (f->controller, sent);
  gtk_window_destroy (GTK_WINDOW (other));
}

/* The notifications key (Preferences' Notifications) off: a fill while the window is not
 * active is not notified; turned on again, the next fill is. The stream delivers the
 * updates in order, so had the first fill been notified, it would come first. */
static void
test_notifications_setting (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr (GSettings) settings = g_settings_new (SETTINGS_SCHEMA_ID);
  GListModel *orders;
  g_autoptr (GPtrArray) sent = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *bought = NULL;
  g_autofree char *sold = NULL;
  GtkWidget *other;

  g_assert_true (g_settings_get_boolean (settings, "notifications"));
  g_settings_set_boolean (settings, "notifications", FALSE);
  start_watching_notifications (f, sent);
  orders = paddock_orders_page_get_model (paddock_window_get_orders_page (f->window));
  other = look_away (f);

  /* off: the fill comes in (the page shows it), no notification */
  bought = place_order (f, "{\"symbol\":\"MSFT\",\"qty\":\"3\",\"side\":\"buy\","
                           "\"type\":\"market\",\"time_in_force\":\"day\"}");
  PADDOCK_TEST_WAIT_UNTIL (order_status_is (find_order (orders, bought),
                                            PADDOCK_ORDER_STATUS_FILLED));
  g_assert_cmpuint (sent->len, ==, 0);

  /* on again: the next fill is notified, and it is the only notification */
  g_settings_set_boolean (settings, "notifications", TRUE);
  sold = place_order (f, "{\"symbol\":\"MSFT\",\"qty\":\"2\",\"side\":\"sell\","
                         "\"type\":\"market\",\"time_in_force\":\"day\"}");
  PADDOCK_TEST_WAIT_UNTIL (sent->len > 0);
  g_assert_true (g_str_has_prefix (g_ptr_array_index (sent, 0), "Sold 2 MSFT at $"));
  PADDOCK_TEST_WAIT_UNTIL (order_status_is (find_order (orders, sold),
                                            PADDOCK_ORDER_STATUS_FILLED));
  g_assert_cmpuint (sent->len, ==, 1);

  g_signal_handlers_disconnect_by_data (f->controller, sent);
  gtk_window_destroy (GTK_WINDOW (other));
  g_settings_reset (settings, "notifications");
}

/* A trade update worth a notification, driven through the sandbox and the real stream */
typedef struct
{
  const char *order;          /* the order placed */
  gboolean reject;            /* the broker rejects it after accepting it */
  PaddockOrderStatus status;  /* what the order is once the update is in */
  const char *qty;            /* the quantity in the words */
  const char *price;          /* the fill's price in the words; NULL for a rejection */
} NotificationCase;

/* The sandbox fills a market order beyond 1,000 shares one lot per market step, and its
 * market stands still here: 2,500 F fill 1,000 at once, a partial fill. */
static const NotificationCase partial_fill_case = {
  "{\"symbol\":\"F\",\"qty\":\"2500\",\"side\":\"buy\",\"type\":\"market\","
  "\"time_in_force\":\"day\"}",
  FALSE, PADDOCK_ORDER_STATUS_PARTIALLY_FILLED, "1000", "12.05",
};

/* The sandbox's reject_after_accept fault: the broker rejects an order it first accepted */
static const NotificationCase rejection_case = {
  "{\"symbol\":\"MSFT\",\"qty\":\"5\",\"side\":\"buy\",\"type\":\"market\","
  "\"time_in_force\":\"day\"}",
  TRUE, PADDOCK_ORDER_STATUS_REJECTED, "5", NULL,
};

/* The notification's "title\nbody" the case must give */
static char *
expected_words (const NotificationCase *c)
{
  g_autofree char *quantity = paddock_format_quantity (c->qty);
  g_autofree char *money = NULL;

  if (c->price == NULL)
    return g_strdup_printf ("Order rejected: MSFT\nBuy %s MSFT", quantity);
  money = paddock_format_money (c->price, "USD");
  return g_strdup_printf ("Bought %s F at %s\nThe order is partially filled", quantity, money);
}

/* The update is notified in words only while the window is not active: first looked at
 * (the page shows it, no notification), then with another window in front. */
static void
test_notification_case (Fixture       *f,
                        gconstpointer  data)
{
  const NotificationCase *c = data;
  g_autoptr (GPtrArray) sent = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *expected = expected_words (c);
  GtkWidget *other = NULL;
  GListModel *orders;

  g_assert_true (paddock_sandbox_set_price (f->sf.sandbox, "F", "12.05"));
  start_watching_notifications (f, sent);
  orders = paddock_orders_page_get_model (paddock_window_get_orders_page (f->window));

  for (guint looked_away = 0; looked_away < 2; looked_away++)
    {
      g_autofree char *id = NULL;

      if (looked_away)
        other = look_away (f);
      if (c->reject)
        paddock_sandbox_add_fault (f->sf.sandbox, "POST", "/paper/v2/orders",
                                   PADDOCK_SANDBOX_FAULT_REJECT_AFTER_ACCEPT, 0, 1);
      id = place_order (f, c->order);
      if (looked_away)
        {
          PADDOCK_TEST_WAIT_UNTIL (sent->len > 0);
          g_assert_cmpstr (g_ptr_array_index (sent, 0), ==, expected);
        }
      PADDOCK_TEST_WAIT_UNTIL (order_status_is (find_order (orders, id), c->status));
      /* one for the update, none for the order's acceptance ("new") */
      g_assert_cmpuint (sent->len, ==, looked_away);
    }

  g_signal_handlers_disconnect_by_data (f->controller, sent);
  gtk_window_destroy (GTK_WINDOW (other));
}

static gint browser_done;

static gpointer
approve_thread (gpointer data)
{
  char *url = data;
  guint status = 0;
  g_autofree char *location = test_browser_consent (url, "approve", TRUE, &status);

  g_free (url);
  g_atomic_int_set (&browser_done, 1);
  return GUINT_TO_POINTER (location != NULL);
}

/* The OAuth app's secret is refused at the token endpoint: a clear problem, and Try Again
 * asks for the app's credentials anew (the assistant's OAuth-app step). */
static void
test_wrong_secret_asks_again (Fixture       *f,
                              gconstpointer  data)
{
  PaddockSignInAssistant *assistant = paddock_window_get_sign_in_assistant (f->window);
  PaddockProblemPage *problem = paddock_window_get_problem_page (f->window);
  PaddockWaitingPage *waiting = paddock_window_get_waiting_page (f->window);
  const char *scopes[] = { "account:write", "trading", "data", NULL };
  g_autoptr (GThread) browser = NULL;

  g_setenv ("PADDOCK_CLIENT_SECRET", "not-the-demo-secret", TRUE);
  paddock_controller_start (f->controller, FALSE);
  PADDOCK_TEST_WAIT_UNTIL (paddock_test_showing (f->window, PADDOCK_ENVIRONMENT_PAPER));

  /* what the assistant emits for Paper with every scope, the app already set up */
  g_signal_emit_by_name (assistant, "finished", PADDOCK_ENVIRONMENT_PAPER, scopes, NULL, NULL);
  PADDOCK_TEST_WAIT_UNTIL (paddock_waiting_page_get_uri (waiting) != NULL &&
                           g_str_has_prefix (paddock_waiting_page_get_uri (waiting),
                                             "http://127.0.0.1:"));
  g_atomic_int_set (&browser_done, 0);
  browser = g_thread_new ("browser", approve_thread,
                          g_strdup (paddock_waiting_page_get_uri (waiting)));
  /* the app's receiver answers the browser from this thread's main loop: keep it running */
  PADDOCK_TEST_WAIT_UNTIL (g_atomic_int_get (&browser_done));
  g_assert_true (GPOINTER_TO_UINT (g_thread_join (g_steal_pointer (&browser))));

  PADDOCK_TEST_WAIT_UNTIL (g_strcmp0 (paddock_window_get_page (f->window), "problem") == 0 &&
                           g_strcmp0 (paddock_problem_page_get_title (problem),
                                      "The Request Was Refused") == 0);
  g_signal_emit_by_name (problem, "action", "try-again");
  PADDOCK_TEST_WAIT_UNTIL (g_strcmp0 (paddock_window_get_page (f->window), "assistant") == 0);
  g_assert_true (paddock_sign_in_assistant_get_ask_oauth_app (assistant));
  g_unsetenv ("PADDOCK_CLIENT_SECRET");
}

static gboolean
port_refuses (guint16 port)
{
  g_autoptr (GSocketClient) client = g_socket_client_new ();
  g_autoptr (GSocketConnection) conn = NULL;
  g_autoptr (GError) error = NULL;

  conn = g_socket_client_connect_to_host (client, "127.0.0.1", port, NULL, &error);
  return conn == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED);
}

/* The sign-in's way through the window: Add Account shows the assistant, Back goes back to
 * the account shown; Cancel on the waiting page stops the sign-in (its redirect port
 * closes) and goes back too; without a client ID the assistant asks for the OAuth app. */
static void
test_sign_in_navigation (Fixture       *f,
                         gconstpointer  data)
{
  PaddockSignInAssistant *assistant = paddock_window_get_sign_in_assistant (f->window);
  PaddockWaitingPage *waiting = paddock_window_get_waiting_page (f->window);
  const char *scopes[] = { "account:write", "trading", "data", NULL };
  g_autoptr (GUri) uri = NULL;
  g_autoptr (GHashTable) params = NULL;
  g_autoptr (GUri) redirect = NULL;
  g_autofree char *client_id = g_strdup (g_getenv ("PADDOCK_CLIENT_ID"));
  guint16 port;

  paddock_controller_start (f->controller, FALSE);
  PADDOCK_TEST_WAIT_UNTIL (paddock_test_showing (f->window, PADDOCK_ENVIRONMENT_PAPER));

  g_signal_emit_by_name (f->window, "add-account-requested");
  PADDOCK_TEST_WAIT_UNTIL (g_strcmp0 (paddock_window_get_page (f->window), "assistant") == 0);
  g_assert_false (paddock_sign_in_assistant_get_ask_oauth_app (assistant));
  g_signal_emit_by_name (assistant, "cancelled");
  PADDOCK_TEST_WAIT_UNTIL (paddock_test_showing (f->window, PADDOCK_ENVIRONMENT_PAPER));
  g_assert_cmpstr (paddock_test_shown_number (f->window), ==, f->paper_number);

  g_setenv ("PADDOCK_CLIENT_SECRET", paddock_sandbox_get_client_secret (f->sf.sandbox), TRUE);
  g_signal_emit_by_name (assistant, "finished", PADDOCK_ENVIRONMENT_LIVE, scopes, NULL, NULL);
  PADDOCK_TEST_WAIT_UNTIL (g_strcmp0 (paddock_window_get_page (f->window), "waiting") == 0 &&
                           paddock_waiting_page_get_uri (waiting) != NULL);
  /* the header says where the sign-in goes */
  g_assert_cmpint (paddock_window_get_environment (f->window), ==, PADDOCK_ENVIRONMENT_LIVE);
  uri = g_uri_parse (paddock_waiting_page_get_uri (waiting), G_URI_FLAGS_ENCODED_QUERY, NULL);
  params = soup_form_decode (g_uri_get_query (uri));
  g_assert_cmpstr (g_hash_table_lookup (params, "env"), ==, "live");
  redirect = g_uri_parse (g_hash_table_lookup (params, "redirect_uri"), G_URI_FLAGS_NONE, NULL);
  port = (guint16) g_uri_get_port (redirect);
  g_assert_false (port_refuses (port));

  g_signal_emit_by_name (waiting, "cancelled");
  PADDOCK_TEST_WAIT_UNTIL (g_strcmp0 (paddock_window_get_page (f->window), "account") == 0);
  g_assert_cmpstr (paddock_test_shown_number (f->window), ==, f->paper_number);
  PADDOCK_TEST_WAIT_UNTIL (port_refuses (port));
  g_unsetenv ("PADDOCK_CLIENT_SECRET");

  /* no client ID anywhere (unless the build has one): the assistant asks for the OAuth app */
  g_unsetenv ("PADDOCK_CLIENT_ID");
  g_signal_emit_by_name (f->window, "sign-in-requested");
  PADDOCK_TEST_WAIT_UNTIL (g_strcmp0 (paddock_window_get_page (f->window), "assistant") == 0);
  g_assert_true (paddock_sign_in_assistant_get_ask_oauth_app (assistant) ==
                 (*PADDOCK_DEFAULT_CLIENT_ID == '\0'));
  g_setenv ("PADDOCK_CLIENT_ID", client_id, TRUE);
}

static void
page_seen_cb (PaddockWindow *window,
              GParamSpec    *pspec,
              GString       *pages)
{
  g_string_append_printf (pages, "%s ", paddock_window_get_page (window));
}

/* The paper host fails right after access was approved: the problem says so (not "revoked"),
 * nothing stored is touched, and Try Again finds the account with the token already granted
 * once the host is back, without a second trip to the browser. */
static void
test_discovery_failure_tries_again (Fixture       *f,
                                    gconstpointer  data)
{
  PaddockSignInAssistant *assistant = paddock_window_get_sign_in_assistant (f->window);
  PaddockProblemPage *problem = paddock_window_get_problem_page (f->window);
  PaddockWaitingPage *waiting = paddock_window_get_waiting_page (f->window);
  const char *scopes[] = { "account:write", "trading", "data", NULL };
  g_autoptr (GThread) browser = NULL;
  g_autoptr (GString) pages = g_string_new (NULL);
  g_autofree char *uri = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gulong handler;

  paddock_controller_start (f->controller, FALSE);
  PADDOCK_TEST_WAIT_UNTIL (paddock_test_showing (f->window, PADDOCK_ENVIRONMENT_PAPER));

  g_setenv ("PADDOCK_CLIENT_SECRET", paddock_sandbox_get_client_secret (f->sf.sandbox), TRUE);
  paddock_sandbox_add_fault (f->sf.sandbox, "GET", "/paper/v2/account",
                             PADDOCK_SANDBOX_FAULT_STATUS, 503, -1);
  g_signal_emit_by_name (assistant, "finished", PADDOCK_ENVIRONMENT_PAPER, scopes, NULL, NULL);
  PADDOCK_TEST_WAIT_UNTIL (paddock_waiting_page_get_uri (waiting) != NULL &&
                           g_str_has_prefix (paddock_waiting_page_get_uri (waiting),
                                             "http://127.0.0.1:"));
  uri = g_strdup (paddock_waiting_page_get_uri (waiting));
  g_atomic_int_set (&browser_done, 0);
  browser = g_thread_new ("browser", approve_thread, g_strdup (uri));
  PADDOCK_TEST_WAIT_UNTIL (g_atomic_int_get (&browser_done));
  g_assert_true (GPOINTER_TO_UINT (g_thread_join (g_steal_pointer (&browser))));

  PADDOCK_TEST_WAIT_UNTIL (g_strcmp0 (paddock_window_get_page (f->window), "problem") == 0);
  g_assert_cmpstr (paddock_problem_page_get_title (problem), ==, "Alpaca Could Not Be Reached");
  g_assert_cmpstr (paddock_problem_page_get_action_id (problem), ==, "try-again");
  /* what is stored is untouched */
  g_assert_cmpuint (store_count (f->store), ==, 2);
  before = stored_token (f->store, PADDOCK_ENVIRONMENT_PAPER, f->paper_id);
  g_assert_cmpstr (before, ==, f->sf.token);

  paddock_sandbox_clear_faults (f->sf.sandbox);
  handler = g_signal_connect (f->window, "notify::page", G_CALLBACK (page_seen_cb), pages);
  g_signal_emit_by_name (problem, "action", "try-again");
  PADDOCK_TEST_WAIT_UNTIL (paddock_test_showing (f->window, PADDOCK_ENVIRONMENT_PAPER));
  g_signal_handler_disconnect (f->window, handler);

  /* signed in with the token granted before: no waiting for the browser again */
  g_assert_null (strstr (pages->str, "waiting"));
  g_assert_null (strstr (pages->str, "problem"));
  g_assert_cmpstr (paddock_waiting_page_get_uri (waiting), ==, uri);
  after = stored_token (f->store, PADDOCK_ENVIRONMENT_PAPER, f->paper_id);
  g_assert_cmpstr (after, !=, f->sf.token);
  g_assert_cmpuint (store_count (f->store), ==, 2);
  g_assert_cmpstr (paddock_test_shown_number (f->window), ==, f->paper_number);
  g_unsetenv ("PADDOCK_CLIENT_SECRET");
}

int
main (int   argc,
      char *argv[])
{
  if (paddock_test_no_keyring_display (&argc, &argv))
    return 77;

  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  /* the app's "browser" does nothing (keyring-env.sh gave us a fresh data home): the test
   * plays the browser itself */
  {
    g_autofree char *apps = g_build_filename (g_get_user_data_dir (), "applications", NULL);
    g_autofree char *desktop = g_build_filename (apps, "paddock-test-nothing.desktop", NULL);
    g_autofree char *mimeapps = g_build_filename (apps, "mimeapps.list", NULL);

    g_mkdir_with_parents (apps, 0700);
    g_assert_true (g_file_set_contents (desktop,
                                        "[Desktop Entry]\nType=Application\nName=Nothing\n"
                                        "Exec=true %u\nNoDisplay=true\n"
                                        "MimeType=x-scheme-handler/http;x-scheme-handler/https;\n",
                                        -1, NULL));
    g_assert_true (g_file_set_contents (mimeapps,
                                        "[Default Applications]\n"
                                        "x-scheme-handler/http=paddock-test-nothing.desktop\n"
                                        "x-scheme-handler/https=paddock-test-nothing.desktop\n",
                                        -1, NULL));
  }
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  g_test_add ("/ui/controller/stored-switch-sign-out", Fixture, NULL, setup,
              test_stored_switch_sign_out, paddock_test_controller_fixture_teardown);
  g_test_add ("/ui/controller/pages-show-the-session", Fixture, NULL, setup,
              test_pages_show_the_session, paddock_test_controller_fixture_teardown);
  g_test_add ("/ui/controller/failed-account-sign-out", Fixture, NULL, setup,
              test_failed_account_sign_out, paddock_test_controller_fixture_teardown);
  g_test_add ("/ui/controller/revoked-in-place", Fixture, NULL, setup, test_revoked_in_place,
              paddock_test_controller_fixture_teardown);
  g_test_add ("/ui/controller/refresh-follows-the-account", Fixture, NULL, setup,
              test_refresh_follows_the_account, paddock_test_controller_fixture_teardown);
  g_test_add ("/ui/controller/wrong-secret-asks-again", Fixture, NULL, setup,
              test_wrong_secret_asks_again, paddock_test_controller_fixture_teardown);
  g_test_add ("/ui/controller/discovery-failure-tries-again", Fixture, NULL, setup,
              test_discovery_failure_tries_again, paddock_test_controller_fixture_teardown);
  g_test_add ("/ui/controller/sign-in-navigation", Fixture, NULL, setup,
              test_sign_in_navigation, paddock_test_controller_fixture_teardown);
  g_test_add ("/ui/controller/stream-indicator", Fixture, NULL, setup, test_stream_indicator,
              paddock_test_controller_fixture_teardown);
  g_test_add ("/ui/controller/stream-banner", Fixture, NULL, setup, test_stream_banner,
              paddock_test_controller_fixture_teardown);
  g_test_add ("/ui/controller/fill-notification", Fixture, NULL, setup,
              test_fill_notification, paddock_test_controller_fixture_teardown);
  g_test_add ("/ui/controller/notifications-setting", Fixture, NULL, setup,
              test_notifications_setting, paddock_test_controller_fixture_teardown);
  g_test_add ("/ui/controller/partial-fill-notification", Fixture, &partial_fill_case, setup,
              test_notification_case, paddock_test_controller_fixture_teardown);
  g_test_add ("/ui/controller/rejection-notification", Fixture, &rejection_case, setup,
              test_notification_case, paddock_test_controller_fixture_teardown);

  return g_test_run ();
}
