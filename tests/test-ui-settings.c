/* test-ui-settings.c: the Account Settings and Preferences windows against the sandbox, on Xvfb
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Run under tests/xvfb-env.sh with GSETTINGS_BACKEND=memory. Without a display it skips —
 * unless the wrapper promised one, in which case that is a failure.
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "paddock-about.h"
#include "paddock-account-settings.h"
#include "paddock-error.h"
#include "paddock-market-data.h"
#include "paddock-preferences.h"
#include "paddock-problem-page.h"
#include "paddock-session.h"
#include "paddock-settings.h"
#include "paddock-sign-in-assistant.h"
#include "paddock-token-store.h"
#include "paddock-window.h"
#include "sandbox-fixture.h"
#include "paddock-test-gtk.h"

#define CONFIG_PATH "/v2/account/configurations"

typedef PaddockTestEndpointsFixture Fixture;

/* the shared fixture, with prices that stay put */
static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  paddock_test_endpoints_fixture_setup (f, data);
  paddock_sandbox_set_tick_interval (f->sf.sandbox, 0);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  paddock_test_endpoints_fixture_teardown (f, data);
}

static PaddockSession *
new_session (Fixture            *f,
             PaddockEnvironment  environment,
             const char         *token,
             const char         *scope)
{
  return paddock_test_session_new (f->endpoints, environment, token, scope);
}

/* The sandbox's settings, asked for independently of the app. */
static JsonObject *
server_config (Fixture    *f,
               const char *environment,
               const char *token)
{
  g_autofree char *url = g_strdup_printf ("%s:%s", environment, CONFIG_PATH);
  g_autoptr (TestReply) reply = test_request (&f->sf, "GET", url, token, NULL);

  g_assert_cmpuint (reply->status, ==, 200);
  return json_object_ref (test_reply_object (reply));
}

/* A member as the window's rows name it: booleans as "true"/"false". */
static char *
member_text (JsonObject *config,
             const char *key)
{
  JsonNode *node = json_object_get_member (config, key);

  g_assert_nonnull (node);
  if (json_node_get_value_type (node) == G_TYPE_BOOLEAN)
    return g_strdup (json_node_get_boolean (node) ? "true" : "false");
  return g_strdup (json_node_get_string (node));
}

static guint
patches (Fixture    *f,
         const char *environment)
{
  g_autofree char *path = g_strdup_printf ("/%s%s", environment, CONFIG_PATH);

  return paddock_sandbox_count_requests (f->sf.sandbox, "PATCH", path);
}

static PaddockAccountSettings *
open_settings (PaddockSession *session)
{
  PaddockAccountSettings *dialog = paddock_account_settings_new (session);

  gtk_window_present (GTK_WINDOW (dialog));
  paddock_test_drain ();
  PADDOCK_TEST_WAIT_UNTIL (paddock_account_settings_get_state (dialog) !=
                           PADDOCK_ACCOUNT_SETTINGS_LOADING);
  paddock_test_drain ();
  return dialog;
}

static void
close_window (gpointer window)
{
  g_object_add_weak_pointer (G_OBJECT (window), &window);
  gtk_window_destroy (GTK_WINDOW (window));
  paddock_test_drain ();
  g_assert_null (window);
}

static void
assert_rows_match (PaddockAccountSettings *dialog,
                   JsonObject             *config)
{
  const char * const *keys = paddock_account_settings_get_keys ();

  for (guint i = 0; keys[i] != NULL; i++)
    {
      g_autofree char *shown = paddock_account_settings_dup_row_value (dialog, keys[i]);
      g_autofree char *expected = member_text (config, keys[i]);

      g_assert_cmpstr (shown, ==, expected);
    }
}

static void
toggle (PaddockAccountSettings *dialog,
        const char             *key)
{
  g_autofree char *name = g_strdup_printf ("settings-%s", key);
  GtkWidget *widget = paddock_test_get_named (GTK_WIDGET (dialog), name);

  g_assert_true (GTK_IS_SWITCH (widget));
  g_assert_true (gtk_widget_is_sensitive (widget));
  gtk_switch_set_active (GTK_SWITCH (widget), !gtk_switch_get_active (GTK_SWITCH (widget)));
}

static void
wait_saved (PaddockAccountSettings *dialog)
{
  PADDOCK_TEST_WAIT_UNTIL (!paddock_account_settings_get_saving (dialog));
  paddock_test_drain ();
}

/* The message dialog asking about a risky change, if one is open. */
static AdwMessageDialog *
find_question (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (toplevel) && gtk_widget_get_visible (GTK_WIDGET (toplevel)))
        return ADW_MESSAGE_DIALOG (toplevel);
    }
  return NULL;
}

/* Answers as a button of the dialog does: the response, then the dialog closes. */
static void
answer (AdwMessageDialog *question,
        const char       *response)
{
  adw_message_dialog_response (question, response);
  gtk_window_close (GTK_WINDOW (question));
  paddock_test_drain ();
  g_assert_null (find_question ());
}

/* Every row shows what the sandbox holds; the environment is named. */
static void
test_values (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr (PaddockSession) session = new_session (f, PADDOCK_ENVIRONMENT_DEMO, f->sf.token,
                                                    "account:write trading data");
  g_autoptr (JsonObject) config = server_config (f, "paper", f->sf.token);
  PaddockAccountSettings *dialog;
  GtkWidget *root;

  /* a slow answer, so the loading state is seen */
  paddock_sandbox_add_fault (f->sf.sandbox, "GET", "/paper" CONFIG_PATH,
                             PADDOCK_SANDBOX_FAULT_LATENCY, 300, 1);
  dialog = paddock_account_settings_new (session);
  root = GTK_WIDGET (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
  paddock_test_drain ();
  /* loading: the spinner turns, nothing can be changed yet */
  g_assert_cmpint (paddock_account_settings_get_state (dialog), ==,
                   PADDOCK_ACCOUNT_SETTINGS_LOADING);
  g_assert_true (
    gtk_spinner_get_spinning (GTK_SPINNER (paddock_test_get_named (root, "settings-spinner"))));
  g_assert_false (paddock_account_settings_get_row_sensitive (dialog, "no_shorting"));
  PADDOCK_TEST_WAIT_UNTIL (paddock_account_settings_get_state (dialog) !=
                           PADDOCK_ACCOUNT_SETTINGS_LOADING);
  paddock_test_drain ();

  g_assert_cmpint (paddock_account_settings_get_state (dialog), ==,
                   PADDOCK_ACCOUNT_SETTINGS_READY);
  g_assert_false (
    gtk_spinner_get_spinning (GTK_SPINNER (paddock_test_get_named (root, "settings-spinner"))));
  g_assert_null (paddock_account_settings_get_message (dialog));
  g_assert_false (paddock_test_is_shown (paddock_test_get_named (root, "settings-message-row")));
  assert_rows_match (dialog, config);
  /* the sandbox's defaults, so the comparison above compares something */
  g_assert_cmpstr (json_object_get_string_member (config, "dtbp_check"), ==, "entry");
  g_assert_cmpstr (json_object_get_string_member (config, "max_margin_multiplier"), ==, "2");
  for (const char * const *k = paddock_account_settings_get_keys (); *k != NULL; k++)
    g_assert_true (paddock_account_settings_get_row_sensitive (dialog, *k));

  g_assert_cmpstr (gtk_label_get_label (
                     GTK_LABEL (paddock_test_get_named (root, "settings-environment"))),
                   ==, "Demo");
  g_assert_nonnull (strstr (gtk_window_get_title (GTK_WINDOW (dialog)), "Demo"));
  /* every row says what it does */
  g_assert_cmpstr (adw_action_row_get_subtitle (
                     ADW_ACTION_ROW (paddock_test_get_named (root, "settings-dtbp_check"))),
                   !=, "");
  g_assert_cmpuint (patches (f, "paper"), ==, 0);
  close_window (dialog);
}

/* Turning "no shorting" on PATCHes it; the row shows what the server read back. */
static void
test_toggle (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr (PaddockSession) session = new_session (f, PADDOCK_ENVIRONMENT_DEMO, f->sf.token,
                                                    "account:write trading data");
  g_autoptr (JsonObject) before = server_config (f, "paper", f->sf.token);
  g_autoptr (JsonObject) after = NULL;
  PaddockAccountSettings *dialog = open_settings (session);
  GtkWidget *root = GTK_WIDGET (dialog);
  g_autofree char *shown = NULL;

  g_assert_false (json_object_get_boolean_member (before, "no_shorting"));
  paddock_sandbox_add_fault (f->sf.sandbox, "PATCH", "/paper" CONFIG_PATH,
                             PADDOCK_SANDBOX_FAULT_LATENCY, 200, 1);
  toggle (dialog, "no_shorting");
  /* saving: the spinner turns and the rows wait */
  g_assert_true (paddock_account_settings_get_saving (dialog));
  g_assert_true (
    gtk_spinner_get_spinning (GTK_SPINNER (paddock_test_get_named (root, "settings-spinner"))));
  g_assert_false (paddock_account_settings_get_row_sensitive (dialog, "no_shorting"));
  g_assert_false (paddock_account_settings_get_row_sensitive (dialog, "dtbp_check"));
  wait_saved (dialog);

  g_assert_cmpuint (patches (f, "paper"), ==, 1);
  after = server_config (f, "paper", f->sf.token);
  g_assert_true (json_object_get_boolean_member (after, "no_shorting"));
  shown = paddock_account_settings_dup_row_value (dialog, "no_shorting");
  g_assert_cmpstr (shown, ==, "true");
  assert_rows_match (dialog, after);
  /* the other members untouched */
  g_assert_cmpstr (json_object_get_string_member (after, "dtbp_check"), ==,
                   json_object_get_string_member (before, "dtbp_check"));
  g_assert_null (paddock_account_settings_get_message (dialog));
  g_assert_true (paddock_account_settings_get_row_sensitive (dialog, "no_shorting"));
  g_assert_false (
    gtk_spinner_get_spinning (GTK_SPINNER (paddock_test_get_named (root, "settings-spinner"))));

  /* a combo row: the e-mails off, the margin down: neither asks */
  {
    g_autoptr (JsonObject) third = NULL;

    toggle (dialog, "trade_confirm_email");
    wait_saved (dialog);
    adw_combo_row_set_selected (ADW_COMBO_ROW (
                                  paddock_test_get_named (root, "settings-max_margin_multiplier")),
                                0);
    g_assert_null (find_question ());
    wait_saved (dialog);
    g_assert_cmpuint (patches (f, "paper"), ==, 3);
    third = server_config (f, "paper", f->sf.token);
    g_assert_cmpstr (json_object_get_string_member (third, "trade_confirm_email"), ==, "none");
    g_assert_cmpstr (json_object_get_string_member (third, "max_margin_multiplier"), ==, "1");
    assert_rows_match (dialog, third);
  }
  close_window (dialog);
}

/* Suspending trading asks first: Cancel sends nothing and puts the row back; Change sends. */
static void
test_risky (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr (PaddockSession) session = new_session (f, PADDOCK_ENVIRONMENT_DEMO, f->sf.token,
                                                    "account:write trading data");
  PaddockAccountSettings *dialog = open_settings (session);
  AdwMessageDialog *question;
  g_autoptr (JsonObject) after = NULL;
  g_autofree char *shown = NULL;

  toggle (dialog, "suspend_trade");
  paddock_test_drain ();
  question = find_question ();
  g_assert_nonnull (question);
  g_assert_cmpstr (paddock_account_settings_get_pending_key (dialog), ==, "suspend_trade");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (question), "Demo"));
  g_assert_false (paddock_account_settings_get_row_sensitive (dialog, "suspend_trade"));
  answer (question, "cancel");
  paddock_test_drain ();

  g_assert_null (paddock_account_settings_get_pending_key (dialog));
  g_assert_false (paddock_account_settings_get_saving (dialog));
  shown = paddock_account_settings_dup_row_value (dialog, "suspend_trade");
  g_assert_cmpstr (shown, ==, "false");
  g_assert_true (paddock_account_settings_get_row_sensitive (dialog, "suspend_trade"));
  g_assert_cmpuint (patches (f, "paper"), ==, 0);
  after = server_config (f, "paper", f->sf.token);
  g_assert_false (json_object_get_boolean_member (after, "suspend_trade"));

  /* the same again, confirmed this time */
  toggle (dialog, "suspend_trade");
  paddock_test_drain ();
  question = find_question ();
  g_assert_nonnull (question);
  answer (question, "change");
  paddock_test_drain ();
  wait_saved (dialog);
  g_assert_cmpuint (patches (f, "paper"), ==, 1);
  json_object_unref (after);
  after = server_config (f, "paper", f->sf.token);
  g_assert_true (json_object_get_boolean_member (after, "suspend_trade"));
  g_free (shown);
  shown = paddock_account_settings_dup_row_value (dialog, "suspend_trade");
  g_assert_cmpstr (shown, ==, "true");

  /* turning it back off is safe: no question */
  toggle (dialog, "suspend_trade");
  g_assert_null (paddock_account_settings_get_pending_key (dialog));
  wait_saved (dialog);
  g_assert_null (find_question ());
  g_assert_cmpuint (patches (f, "paper"), ==, 2);
  close_window (dialog);
}

/* In Live, more margin asks, and the question says it is real money. */
static void
test_risky_live (Fixture       *f,
                 gconstpointer  data)
{
  /* credentials of a Live account; the sandbox's endpoints serve it from its paper host */
  g_autofree char *token = paddock_sandbox_issue_token (f->sf.sandbox,
                                                        "account:write trading data", "paper");
  g_autoptr (PaddockSession) session = new_session (f, PADDOCK_ENVIRONMENT_LIVE, token,
                                                    "account:write trading data");
  PaddockAccountSettings *dialog = open_settings (session);
  GtkWidget *root = GTK_WIDGET (dialog);
  AdwMessageDialog *question;
  g_autofree char *shown = NULL;
  g_autoptr (JsonObject) after = NULL;

  g_assert_cmpstr (paddock_account_settings_get_message (dialog), ==, NULL);
  g_assert_cmpint (paddock_account_settings_get_state (dialog), ==,
                   PADDOCK_ACCOUNT_SETTINGS_READY);
  g_assert_cmpstr (gtk_label_get_label (
                     GTK_LABEL (paddock_test_get_named (root, "settings-environment"))),
                   ==, "Live");
  /* 2× to 4× */
  adw_combo_row_set_selected (ADW_COMBO_ROW (
                                paddock_test_get_named (root, "settings-max_margin_multiplier")),
                              2);
  paddock_test_drain ();
  question = find_question ();
  g_assert_nonnull (question);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (question), "Live account with real money"));
  answer (question, "cancel");
  paddock_test_drain ();
  shown = paddock_account_settings_dup_row_value (dialog, "max_margin_multiplier");
  g_assert_cmpstr (shown, ==, "2");
  g_assert_cmpuint (patches (f, "paper"), ==, 0);

  /* a check narrowed from both asks too */
  adw_combo_row_set_selected (ADW_COMBO_ROW (paddock_test_get_named (root, "settings-pdt_check")),
                              0);
  paddock_test_drain ();
  g_assert_null (find_question ());   /* entry → both: more checks, no question */
  wait_saved (dialog);
  g_assert_cmpuint (patches (f, "paper"), ==, 1);
  adw_combo_row_set_selected (ADW_COMBO_ROW (paddock_test_get_named (root, "settings-pdt_check")),
                              2);
  paddock_test_drain ();
  question = find_question ();
  g_assert_nonnull (question);
  g_assert_cmpstr (paddock_account_settings_get_pending_key (dialog), ==, "pdt_check");
  answer (question, "change");
  paddock_test_drain ();
  wait_saved (dialog);
  g_assert_cmpuint (patches (f, "paper"), ==, 2);
  after = server_config (f, "paper", token);
  g_assert_cmpstr (json_object_get_string_member (after, "pdt_check"), ==, "exit");
  assert_rows_match (dialog, after);
  close_window (dialog);
}

/* A refusal puts the row back and says why. */
static void
test_refused (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr (PaddockSession) session = new_session (f, PADDOCK_ENVIRONMENT_DEMO, f->sf.token,
                                                    "account:write trading data");
  PaddockAccountSettings *dialog = open_settings (session);
  GtkWidget *root = GTK_WIDGET (dialog);
  g_autoptr (JsonObject) after = NULL;
  g_autofree char *shown = NULL;
  const char *message;

  paddock_sandbox_add_fault (f->sf.sandbox, "PATCH", "/paper" CONFIG_PATH,
                             PADDOCK_SANDBOX_FAULT_STATUS, 400, 1);
  toggle (dialog, "fractional_trading");
  wait_saved (dialog);

  shown = paddock_account_settings_dup_row_value (dialog, "fractional_trading");
  g_assert_cmpstr (shown, ==, "true");
  message = paddock_account_settings_get_message (dialog);
  g_assert_nonnull (message);
  g_assert_true (g_str_has_prefix (message, "The broker refused the change"));
  g_assert_true (paddock_test_is_shown (paddock_test_get_named (root, "settings-message-row")));
  g_assert_cmpstr (adw_action_row_get_subtitle (
                     ADW_ACTION_ROW (paddock_test_get_named (root, "settings-message-row"))),
                   ==, message);
  g_assert_false (paddock_account_settings_get_missing_scope (dialog));
  g_assert_false (paddock_test_is_shown (paddock_test_get_named (root, "settings-sign-in-again")));
  after = server_config (f, "paper", f->sf.token);
  g_assert_true (json_object_get_boolean_member (after, "fractional_trading"));
  g_assert_true (paddock_account_settings_get_row_sensitive (dialog, "fractional_trading"));

  /* the next change that works clears the message */
  toggle (dialog, "fractional_trading");
  wait_saved (dialog);
  g_assert_null (paddock_account_settings_get_message (dialog));
  g_assert_false (paddock_test_is_shown (paddock_test_get_named (root, "settings-message-row")));
  close_window (dialog);
}

static void
count_cb (gpointer  instance,
          guint    *count)
{
  (*count)++;
}

/* A token without account:write reads the settings, cannot change them, and is told so. */
static void
test_missing_scope (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *token = paddock_sandbox_issue_token (f->sf.sandbox, "trading data", "paper");
  g_autoptr (PaddockSession) session = new_session (f, PADDOCK_ENVIRONMENT_PAPER, token,
                                                    "trading data");
  g_autoptr (JsonObject) config = server_config (f, "paper", token);
  PaddockAccountSettings *dialog = open_settings (session);
  GtkWidget *root = GTK_WIDGET (dialog);
  g_autofree char *shown = NULL;
  guint count = 0;

  g_assert_cmpint (paddock_account_settings_get_state (dialog), ==,
                   PADDOCK_ACCOUNT_SETTINGS_READY);
  assert_rows_match (dialog, config);
  g_assert_false (paddock_test_is_shown (paddock_test_get_named (root, "settings-sign-in-again")));

  toggle (dialog, "no_shorting");
  wait_saved (dialog);
  g_assert_true (paddock_account_settings_get_missing_scope (dialog));
  g_assert_cmpstr (paddock_account_settings_get_message (dialog), ==,
                   "This sign-in did not grant Paddock permission to change account settings. "
                   "Sign in again and allow it.");
  shown = paddock_account_settings_dup_row_value (dialog, "no_shorting");
  g_assert_cmpstr (shown, ==, "false");
  g_assert_true (paddock_test_is_shown (paddock_test_get_named (root, "settings-sign-in-again")));

  g_signal_connect (dialog, "sign-in-requested", G_CALLBACK (count_cb), &count);
  g_signal_emit_by_name (paddock_test_get_named (root, "settings-sign-in-again"), "clicked");
  g_assert_cmpuint (count, ==, 1);
  close_window (dialog);
}

/* The account menu's item: there only with an account, and it asks for the window. */
static void
test_menu_item (Fixture       *f,
                gconstpointer  data)
{
  paddock_test_account_menu_item (&f->sf, "account-settings-button",
                                  "account-settings-requested");
}

static void
quotes_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  GError **error = user_data;
  g_autoptr (GPtrArray) quotes =
    paddock_market_data_latest_quotes_finish (PADDOCK_MARKET_DATA (object), result, error);

  if (quotes == NULL && *error == NULL)
    g_set_error_literal (error, PADDOCK_ERROR, PADDOCK_ERROR_FAILED, "no quotes, no error");
  if (quotes != NULL && *error == NULL)
    g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_EXISTS, "answered");
}

/* Asks for AAPL's quote; returns the error (G_IO_ERROR_EXISTS when it was answered). */
static GError *
ask_quote (PaddockMarketData *market)
{
  const char * const symbols[] = { "AAPL", NULL };
  GError *error = NULL;

  paddock_market_data_latest_quotes_async (market, symbols, NULL, quotes_cb, &error);
  PADDOCK_TEST_WAIT_UNTIL (error != NULL);
  return error;
}

/* Preferences: the feed row writes data-feed, which market data follows at request time;
 * the precaution rows write their keys. */
static void
test_preferences (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr (GSettings) settings = paddock_settings_new ();
  g_autoptr (PaddockSession) session = new_session (f, PADDOCK_ENVIRONMENT_DEMO, f->sf.token,
                                                    "account:write trading data");
  g_autoptr (PaddockMarketData) market = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *feed = NULL;
  PaddockPreferences *preferences;
  GtkWidget *root;
  AdwComboRow *feed_row;
  GtkSpinButton *value_spin;
  GtkSpinButton *percent_spin;
  GtkWidget *problem;

  g_assert_nonnull (settings);
  g_settings_reset (settings, "data-feed");
  market = paddock_market_data_new (paddock_session_get_data_client (session),
                                    PADDOCK_DATA_FEED_SIP);
  paddock_settings_follow_data_feed (settings, market);
  g_assert_cmpint (paddock_market_data_get_feed (market), ==, PADDOCK_DATA_FEED_IEX);

  preferences = paddock_preferences_new (settings);
  root = GTK_WIDGET (preferences);
  gtk_window_present (GTK_WINDOW (preferences));
  paddock_test_drain ();
  feed_row = ADW_COMBO_ROW (paddock_test_get_named (root, "preferences-data-feed"));
  value_spin =
    GTK_SPIN_BUTTON (paddock_test_get_named (root, "preferences-confirm-order-value-above"));
  percent_spin =
    GTK_SPIN_BUTTON (paddock_test_get_named (root, "preferences-confirm-price-away-percent"));
  g_assert_cmpuint (adw_combo_row_get_selected (feed_row), ==, 0);
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (feed_row)), "plan"));
  /* the schema's defaults */
  g_assert_cmpint (gtk_spin_button_get_value_as_int (value_spin), ==, 10000);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (percent_spin), ==, 5);

  /* SIP: written, and the next request asks for it; the sandbox's plan lacks it */
  paddock_sandbox_set_sip_plan (f->sf.sandbox, FALSE);
  adw_combo_row_set_selected (feed_row, 1);
  paddock_test_drain ();
  feed = g_settings_get_string (settings, "data-feed");
  g_assert_cmpstr (feed, ==, "sip");
  g_assert_cmpint (paddock_market_data_get_feed (market), ==, PADDOCK_DATA_FEED_SIP);
  error = ask_quote (market);
  g_assert_error (error, PADDOCK_ERROR, PADDOCK_ERROR_SIP_NOT_PERMITTED);
  g_assert_nonnull (strstr (error->message, "Choose IEX in Preferences"));

  /* the problem page explains it and offers Preferences */
  problem = g_object_ref_sink (paddock_problem_page_new ());
  paddock_problem_page_set_error (PADDOCK_PROBLEM_PAGE (problem), error);
  g_assert_cmpstr (paddock_problem_page_get_action_id (PADDOCK_PROBLEM_PAGE (problem)), ==,
                   PADDOCK_PROBLEM_ACTION_OPEN_PREFERENCES);
  g_assert_cmpstr (paddock_problem_page_get_title (PADDOCK_PROBLEM_PAGE (problem)), ==,
                   "Your Data Plan Does Not Include SIP");
  g_clear_error (&error);
  g_set_error_literal (&error, PADDOCK_ERROR, PADDOCK_ERROR_MISSING_SCOPE, "no account:write");
  paddock_problem_page_set_error (PADDOCK_PROBLEM_PAGE (problem), error);
  g_assert_cmpstr (paddock_problem_page_get_action_id (PADDOCK_PROBLEM_PAGE (problem)), ==,
                   PADDOCK_PROBLEM_ACTION_SIGN_IN_AGAIN);
  g_clear_error (&error);
  g_object_unref (problem);

  /* back to IEX: written, and the next request works */
  adw_combo_row_set_selected (feed_row, 0);
  paddock_test_drain ();
  g_free (feed);
  feed = g_settings_get_string (settings, "data-feed");
  g_assert_cmpstr (feed, ==, "iex");
  g_assert_cmpint (paddock_market_data_get_feed (market), ==, PADDOCK_DATA_FEED_IEX);
  error = ask_quote (market);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_clear_error (&error);

  /* the precautions */
  gtk_spin_button_set_value (value_spin, 2500);
  gtk_spin_button_set_value (percent_spin, 0);
  paddock_test_drain ();
  g_assert_cmpuint (g_settings_get_uint (settings, "confirm-order-value-above"), ==, 2500);
  g_assert_cmpuint (g_settings_get_uint (settings, "confirm-price-away-percent"), ==, 0);
  /* and the other way: the rows follow the keys */
  g_settings_set_uint (settings, "confirm-price-away-percent", 12);
  g_settings_set_string (settings, "data-feed", "sip");
  paddock_test_drain ();
  g_assert_cmpint (gtk_spin_button_get_value_as_int (percent_spin), ==, 12);
  g_assert_cmpuint (adw_combo_row_get_selected (feed_row), ==, 1);

  close_window (preferences);
  g_settings_reset (settings, "data-feed");
  g_settings_reset (settings, "confirm-order-value-above");
  g_settings_reset (settings, "confirm-price-away-percent");
}

/* ---- Preferences: the rest of the controls, the OAuth app, About ------------------------ */

static void
read_text_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  char **text = user_data;

  *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (object), result, NULL);
  if (*text == NULL)
    *text = g_strdup ("");
}

static char *
clipboard_text (GtkWidget *widget)
{
  char *text = NULL;

  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (widget), NULL, read_text_cb, &text);
  PADDOCK_TEST_WAIT_UNTIL (text != NULL);
  return text;
}

/* "http://127.0.0.1:1/callback,…": the redirect address rows' titles, in order */
static char *
redirect_titles (GtkWidget *root)
{
  g_autoptr (GPtrArray) rows = g_ptr_array_new ();
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_auto (GStrv) titles = NULL;

  paddock_test_collect_named (root, "preferences-redirect-address", rows);
  for (guint i = 0; i < rows->len; i++)
    g_strv_builder_add (builder,
                        adw_preferences_row_get_title (ADW_PREFERENCES_ROW (g_ptr_array_index (rows, i))));
  titles = g_strv_builder_end (builder);
  return g_strjoinv (",", titles);
}

static GArray *
ports_of (GSettings *settings)
{
  return paddock_settings_get_redirect_ports (settings);
}

/* Each control of General and of the OAuth app writes its key, and follows it */
static void
test_preferences_controls (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr (GSettings) settings = paddock_settings_new ();
  g_autoptr (GPtrArray) copy_buttons = g_ptr_array_new ();
  g_autoptr (GArray) ports = NULL;
  g_autofree char *value = NULL;
  g_autofree char *titles = NULL;
  g_autofree char *copied = NULL;
  PaddockPreferences *preferences;
  PaddockWindow *window;
  GtkWidget *root;
  AdwComboRow *environment_row;
  GtkSpinButton *refresh_spin, *quote_spin;
  GtkSwitch *notifications;
  GtkWidget *client_id_row, *ports_row, *secret_row;
  const char *keys[] = { "default-environment", "refresh-interval", "quote-refresh-interval",
                         "notifications", "client-id", "redirect-ports" };

  g_assert_nonnull (settings);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    g_settings_reset (settings, keys[i]);
  preferences = paddock_preferences_new (settings);
  root = GTK_WIDGET (preferences);
  gtk_window_present (GTK_WINDOW (preferences));
  paddock_test_drain ();
  environment_row =
    ADW_COMBO_ROW (paddock_test_get_named (root, "preferences-default-environment"));
  refresh_spin = GTK_SPIN_BUTTON (paddock_test_get_named (root, "preferences-refresh-interval"));
  quote_spin =
    GTK_SPIN_BUTTON (paddock_test_get_named (root, "preferences-quote-refresh-interval"));
  notifications = GTK_SWITCH (paddock_test_get_named (root, "preferences-notifications"));
  client_id_row = paddock_test_get_named (root, "preferences-client-id");
  ports_row = paddock_test_get_named (root, "preferences-redirect-ports");
  secret_row = paddock_test_get_named (root, "preferences-client-secret");

  /* the schema's defaults */
  g_assert_cmpuint (adw_combo_row_get_selected (environment_row), ==, 0);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (refresh_spin), ==, 30);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (quote_spin), ==, 5);
  g_assert_true (gtk_switch_get_active (notifications));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (client_id_row)), ==, "");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (ports_row)), ==,
                   "48721, 48722, 48723, 48724, 48725");
  /* no client ID: no secret to replace yet, and the status says so */
  g_assert_false (gtk_widget_get_sensitive (secret_row));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (
                              paddock_test_get_named (root, "preferences-secret-status"))),
                            "client ID"));

  /* each control writes its key */
  adw_combo_row_set_selected (environment_row, 1);
  gtk_spin_button_set_value (refresh_spin, 120);
  gtk_spin_button_set_value (quote_spin, 15);
  gtk_switch_set_active (notifications, FALSE);
  paddock_test_drain ();
  value = g_settings_get_string (settings, "default-environment");
  g_assert_cmpstr (value, ==, "live");
  g_assert_cmpuint (g_settings_get_uint (settings, "refresh-interval"), ==, 120);
  g_assert_cmpuint (g_settings_get_uint (settings, "quote-refresh-interval"), ==, 15);
  g_assert_false (g_settings_get_boolean (settings, "notifications"));

  /* what uses the default environment: the sign-in assistant starts on it */
  window = paddock_window_new (NULL);
  paddock_window_show_assistant (window, FALSE);
  g_assert_cmpint (paddock_sign_in_assistant_get_environment (paddock_window_get_sign_in_assistant (window)),
                   ==, PADDOCK_ENVIRONMENT_LIVE);
  gtk_window_destroy (GTK_WINDOW (window));
  paddock_test_drain ();

  /* and each follows its key */
  g_settings_set_string (settings, "default-environment", "paper");
  g_settings_set_uint (settings, "refresh-interval", 45);
  g_settings_set_uint (settings, "quote-refresh-interval", 3);
  g_settings_set_boolean (settings, "notifications", TRUE);
  paddock_test_drain ();
  g_assert_cmpuint (adw_combo_row_get_selected (environment_row), ==, 0);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (refresh_spin), ==, 45);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (quote_spin), ==, 3);
  g_assert_true (gtk_switch_get_active (notifications));

  /* the client ID: written when applied, trimmed; shown when changed elsewhere */
  gtk_editable_set_text (GTK_EDITABLE (client_id_row), "  my-app-id ");
  /* not written while typed */
  g_clear_pointer (&value, g_free);
  value = g_settings_get_string (settings, "client-id");
  g_assert_cmpstr (value, ==, "");
  g_signal_emit_by_name (client_id_row, "apply");
  g_clear_pointer (&value, g_free);
  value = g_settings_get_string (settings, "client-id");
  g_assert_cmpstr (value, ==, "my-app-id");
  g_assert_true (gtk_widget_get_sensitive (secret_row));
  g_settings_set_string (settings, "client-id", "another-app");
  paddock_test_drain ();
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (client_id_row)), ==, "another-app");

  /* the redirect addresses: one row each, with its copy button */
  titles = redirect_titles (root);
  g_assert_cmpstr (titles, ==, "http://127.0.0.1:48721/callback,http://127.0.0.1:48722/callback,"
                               "http://127.0.0.1:48723/callback,http://127.0.0.1:48724/callback,"
                               "http://127.0.0.1:48725/callback");
  paddock_test_collect_named (root, "preferences-copy-redirect", copy_buttons);
  g_assert_cmpuint (copy_buttons->len, ==, 5);
  g_assert_nonnull (gtk_widget_get_tooltip_text (g_ptr_array_index (copy_buttons, 1)));
  g_signal_emit_by_name (g_ptr_array_index (copy_buttons, 1), "clicked");
  copied = clipboard_text (root);
  g_assert_cmpstr (copied, ==, "http://127.0.0.1:48722/callback");
  g_clear_pointer (&copied, g_free);
  g_signal_emit_by_name (paddock_test_get_named (root, "preferences-copy-all-redirects"),
                         "clicked");
  copied = clipboard_text (root);
  g_assert_cmpstr (copied, ==, "http://127.0.0.1:48721/callback\nhttp://127.0.0.1:48722/callback\n"
                               "http://127.0.0.1:48723/callback\nhttp://127.0.0.1:48724/callback\n"
                               "http://127.0.0.1:48725/callback");

  /* the ports: a bad list is refused (the key unchanged), a good one written */
  gtk_editable_set_text (GTK_EDITABLE (ports_row), "48721, 80");
  g_signal_emit_by_name (ports_row, "apply");
  g_assert_true (gtk_widget_has_css_class (ports_row, "error"));
  ports = ports_of (settings);
  g_assert_cmpuint (ports->len, ==, 5);
  g_clear_pointer (&ports, g_array_unref);
  gtk_editable_set_text (GTK_EDITABLE (ports_row), "48730,48731, 48730");
  g_signal_emit_by_name (ports_row, "apply");
  g_assert_true (gtk_widget_has_css_class (ports_row, "error"));
  gtk_editable_set_text (GTK_EDITABLE (ports_row), "48731, 48730");
  g_signal_emit_by_name (ports_row, "apply");
  paddock_test_drain ();
  g_assert_false (gtk_widget_has_css_class (ports_row, "error"));
  ports = ports_of (settings);
  g_assert_cmpuint (ports->len, ==, 2);
  g_assert_cmpuint (g_array_index (ports, guint16, 0), ==, 48731);
  g_assert_cmpuint (g_array_index (ports, guint16, 1), ==, 48730);
  g_clear_pointer (&titles, g_free);
  titles = redirect_titles (root);
  g_assert_cmpstr (titles, ==, "http://127.0.0.1:48731/callback,http://127.0.0.1:48730/callback");
  /* and the other way */
  g_settings_reset (settings, "redirect-ports");
  paddock_test_drain ();
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (ports_row)), ==,
                   "48721, 48722, 48723, 48724, 48725");
  g_clear_pointer (&titles, g_free);
  titles = redirect_titles (root);
  g_assert_true (g_str_has_prefix (titles, "http://127.0.0.1:48721/callback,"));

  /* wait for the keyring look-up of the client ID's secret before closing */
  PADDOCK_TEST_WAIT_UNTIL (
    !g_str_has_suffix (adw_action_row_get_subtitle (ADW_ACTION_ROW (
                         paddock_test_get_named (root, "preferences-secret-status"))),
                       "…"));
  close_window (preferences);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    g_settings_reset (settings, keys[i]);
}

/* Whether @text shows anywhere in the widgets under @root */
static gboolean
shows_text (GtkWidget  *root,
            const char *text)
{
  const char *shown = NULL;

  if (GTK_IS_LABEL (root))
    shown = gtk_label_get_label (GTK_LABEL (root));
  else if (GTK_IS_EDITABLE (root))
    shown = gtk_editable_get_text (GTK_EDITABLE (root));
  else if (ADW_IS_PREFERENCES_ROW (root))
    shown = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (root));
  if (shown != NULL && strstr (shown, text) != NULL)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (shows_text (child, text))
      return TRUE;
  return FALSE;
}

static gboolean
holds_bytes (const char *contents,
             gsize       length,
             const char *text)
{
  gsize n = strlen (text);

  for (gsize i = 0; i + n <= length; i++)
    if (memcmp (contents + i, text, n) == 0)
      return TRUE;
  return FALSE;
}

/* Whether a regular file under @dir holds @text */
static gboolean
file_holds (const char *dir,
            const char *text)
{
  g_autoptr (GDir) d = dir != NULL ? g_dir_open (dir, 0, NULL) : NULL;
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *contents = NULL;
      gsize length = 0;

      if (g_file_test (path, G_FILE_TEST_IS_SYMLINK))
        continue;
      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        {
          if (file_holds (path, text))
            return TRUE;
        }
      else if (g_file_test (path, G_FILE_TEST_IS_REGULAR) &&
               g_file_get_contents (path, &contents, &length, NULL) &&
               holds_bytes (contents, length, text))
        {
          g_test_message ("%s holds the secret", path);
          return TRUE;
        }
    }
  return FALSE;
}

static char *
keyring_secret (const char *client_id)
{
  g_autoptr (PaddockTokenStore) store = paddock_token_store_new ();
  g_auto (PaddockTestAsync) w = { 0, };
  g_autoptr (GError) error = NULL;
  char *secret;

  paddock_token_store_load_client_secret_async (store, client_id, NULL, paddock_test_async_cb, &w);
  secret = paddock_token_store_load_client_secret_finish (store, paddock_test_async_wait (&w),
                                                          &error);
  if (g_error_matches (error, PADDOCK_ERROR, PADDOCK_ERROR_NOT_FOUND))
    return NULL;
  g_assert_no_error (error);
  return secret;
}

static gboolean
keyring_holds (const char *client_id,
               const char *expected)
{
  g_autofree char *secret = keyring_secret (client_id);

  return g_strcmp0 (secret, expected) == 0;
}

static const char *
secret_status (GtkWidget *root)
{
  return adw_action_row_get_subtitle (
    ADW_ACTION_ROW (paddock_test_get_named (root, "preferences-secret-status")));
}

/* Replacing the client secret puts it in the keyring under the client ID, and nowhere
 * else: not in a setting, not in a file, not on screen (the row is emptied) */
static void
test_preferences_secret (Fixture       *f,
                         gconstpointer  data)
{
  static const char *client_id = "paddock-test-app";
  static const char *first = "first-Secret-4c1d9e7b";
  static const char *second = "second-Secret-90ab3f12";
  g_autoptr (GSettings) settings = paddock_settings_new ();
  g_autoptr (GSettingsSchema) schema = NULL;
  g_auto (GStrv) keys = NULL;
  g_autofree char *stored = NULL;
  const char *dirs[] = { "HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME",
                         "XDG_STATE_HOME", "XDG_RUNTIME_DIR" };
  PaddockPreferences *preferences;
  GtkWidget *root, *secret_row;

  if (g_strcmp0 (g_getenv ("PADDOCK_KEYRING_ENV"), "keyring") != 0)
    {
      g_test_skip ("needs tests/keyring-env.sh");
      return;
    }
  g_assert_null (keyring_secret (client_id));
  g_settings_set_string (settings, "client-id", client_id);
  preferences = paddock_preferences_new (settings);
  root = GTK_WIDGET (preferences);
  gtk_window_present (GTK_WINDOW (preferences));
  secret_row = paddock_test_get_named (root, "preferences-client-secret");
  g_assert_true (ADW_IS_PASSWORD_ENTRY_ROW (secret_row));
  PADDOCK_TEST_WAIT_UNTIL (g_strcmp0 (secret_status (root), "None stored for this client ID") == 0);

  /* typed and applied: the row is emptied at once, the secret goes to the keyring */
  gtk_editable_set_text (GTK_EDITABLE (secret_row), first);
  g_signal_emit_by_name (secret_row, "apply");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (secret_row)), ==, "");
  PADDOCK_TEST_WAIT_UNTIL (g_strcmp0 (secret_status (root), "Stored in the keyring") == 0);
  stored = keyring_secret (client_id);
  g_assert_cmpstr (stored, ==, first);
  g_clear_pointer (&stored, g_free);

  /* replaced */
  gtk_editable_set_text (GTK_EDITABLE (secret_row), second);
  g_signal_emit_by_name (secret_row, "apply");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (secret_row)), ==, "");
  PADDOCK_TEST_WAIT_UNTIL (g_strcmp0 (secret_status (root), "Stored in the keyring") == 0 &&
                           keyring_holds (client_id, second));
  stored = keyring_secret (client_id);
  g_assert_cmpstr (stored, ==, second);

  /* nowhere else: no setting, no widget, no file */
  g_object_get (settings, "settings-schema", &schema, NULL);
  keys = g_settings_schema_list_keys (schema);
  for (guint i = 0; keys[i] != NULL; i++)
    {
      g_autoptr (GVariant) value = g_settings_get_value (settings, keys[i]);
      g_autofree char *text = g_variant_print (value, FALSE);

      g_assert_null (strstr (text, first));
      g_assert_null (strstr (text, second));
    }
  g_assert_false (shows_text (root, first));
  g_assert_false (shows_text (root, second));
  for (guint i = 0; i < G_N_ELEMENTS (dirs); i++)
    {
      g_assert_false (file_holds (g_getenv (dirs[i]), first));
      g_assert_false (file_holds (g_getenv (dirs[i]), second));
    }
  close_window (preferences);

  /* opened again: it says one is stored, and shows nothing of it */
  preferences = paddock_preferences_new (settings);
  root = GTK_WIDGET (preferences);
  gtk_window_present (GTK_WINDOW (preferences));
  PADDOCK_TEST_WAIT_UNTIL (g_strcmp0 (secret_status (root), "Stored in the keyring") == 0);
  g_assert_cmpstr (gtk_editable_get_text (
                     GTK_EDITABLE (paddock_test_get_named (root, "preferences-client-secret"))),
                   ==, "");
  g_assert_false (shows_text (root, second));
  close_window (preferences);
  g_settings_reset (settings, "client-id");
}

/* The text between @open and the next "<" after it, in @xml; NULL without @open */
static char *
xml_text_after (const char *xml,
                const char *open)
{
  const char *start = strstr (xml, open);
  const char *end;

  if (start == NULL)
    return NULL;
  start += strlen (open);
  /* "<name" also finds "<name translate=\"no\">": its text starts after the '>' */
  if (g_ascii_isalpha (open[strlen (open) - 1]))
    {
      g_assert_true (*start == '>' || *start == ' ');
      start = strchr (start, '>');
      g_assert_nonnull (start);
      start++;
    }
  end = strchr (start, '<');
  g_assert_nonnull (end);
  return g_strstrip (g_strndup (start, end - start));
}

/* About states the metainfo's facts and that Paddock is not Alpaca's */
static void
test_about (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *path = g_build_filename (g_getenv ("PADDOCK_SRCDIR"), "data",
                                            "io.github.paddockapp.Paddock.metainfo.xml.in", NULL);
  g_autofree char *xml = NULL;
  g_autofree char *name = NULL;
  g_autofree char *developer = NULL;
  g_autofree char *homepage = NULL;
  g_autofree char *bugtracker = NULL;
  g_autofree char *license = NULL;
  g_autofree char *release = NULL;
  g_autofree char *about_name = NULL;
  g_autofree char *about_developer = NULL;
  g_autofree char *about_website = NULL;
  g_autofree char *about_issues = NULL;
  g_autofree char *about_version = NULL;
  g_autofree char *comments = NULL;
  GtkLicense license_type;
  const char *developer_tag;
  GtkWidget *about;

  g_assert_true (g_file_get_contents (path, &xml, NULL, NULL));
  name = xml_text_after (xml, "<name>");
  /* <developer><name> (AppStream 1.0) or the older <developer_name> */
  developer_tag = strstr (xml, "<developer ");
  if (developer_tag == NULL)
    developer_tag = strstr (xml, "<developer>");
  developer = developer_tag != NULL ? xml_text_after (developer_tag, "<name")
                                    : xml_text_after (xml, "<developer_name>");
  homepage = xml_text_after (xml, "<url type=\"homepage\">");
  bugtracker = xml_text_after (xml, "<url type=\"bugtracker\">");
  license = xml_text_after (xml, "<project_license>");
  release = xml_text_after (xml, "<release version=\"");
  g_assert_nonnull (release);
  *strchr (release, '"') = '\0';

  about = paddock_about_new (NULL);
  g_object_get (about,
                "application-name", &about_name,
                "developer-name", &about_developer,
                "website", &about_website,
                "issue-url", &about_issues,
                "version", &about_version,
                "license-type", &license_type,
                "comments", &comments,
                NULL);
  g_assert_cmpstr (about_name, ==, name);
  g_assert_cmpstr (about_developer, ==, developer);
  g_assert_cmpstr (about_website, ==, homepage);
  g_assert_cmpstr (about_issues, ==, bugtracker);
  g_assert_cmpstr (about_version, ==, release);
  g_assert_cmpstr (license, ==, "GPL-3.0-or-later");
  g_assert_cmpint (license_type, ==, GTK_LICENSE_GPL_3_0);
  g_assert_nonnull (strstr (comments, "not made by"));
  g_assert_nonnull (strstr (comments, "affiliated with Alpaca"));
  gtk_window_destroy (GTK_WINDOW (about));
  paddock_test_drain ();
}

/* ---- screenshots ------------------------------------------------------------------------ */

/* PADDOCK_SCREENSHOT_DIR (build-aux/screenshots.sh), or NULL: then a temporary folder */
static char *screenshot_dir;

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

/* @window as NAME-light.png and NAME-dark.png in @dir (removed again when @keep is FALSE) */
static void
shoot (GtkWidget  *window,
       const char *dir,
       const char *name,
       gboolean    keep)
{
  static const struct { AdwColorScheme scheme; const char *suffix; } schemes[] = {
    { ADW_COLOR_SCHEME_FORCE_LIGHT, "light" },
    { ADW_COLOR_SCHEME_FORCE_DARK, "dark" },
  };
  AdwStyleManager *style = adw_style_manager_get_default ();

  for (guint i = 0; i < G_N_ELEMENTS (schemes); i++)
    {
      g_autofree char *file = g_strdup_printf ("%s-%s.png", name, schemes[i].suffix);
      g_autofree char *path = g_build_filename (dir, file, NULL);
      gint64 until;

      adw_style_manager_set_color_scheme (style, schemes[i].scheme);
      /* let it lay out and draw in that style */
      until = g_get_monotonic_time () + G_USEC_PER_SEC;
      while (g_get_monotonic_time () < until)
        g_main_context_iteration (NULL, FALSE);
      save_png (window, path);
      g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
      if (!keep)
        g_remove (path);
    }
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
}

/* account-settings-{light,dark}.png, preferences-{light,dark}.png and
 * preferences-sign-in-{light,dark}.png for the metainfo (build-aux/screenshots.sh); in the
 * suite they are drawn into a temporary folder, so the drawing is tested on every run */
static void
test_screenshots (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *tmp = screenshot_dir == NULL
                         ? g_dir_make_tmp ("paddock-settings-shots-XXXXXX", NULL) : NULL;
  const char *dir = screenshot_dir != NULL ? screenshot_dir : tmp;
  g_autoptr (PaddockSession) session = new_session (f, PADDOCK_ENVIRONMENT_PAPER, f->sf.token,
                                                    "account:write trading data");
  g_autoptr (GSettings) settings = paddock_settings_new ();
  PaddockAccountSettings *dialog;
  PaddockPreferences *preferences;

  g_assert_nonnull (dir);
  /* tall enough for every row */
  dialog = paddock_account_settings_new (session);
  gtk_window_set_default_size (GTK_WINDOW (dialog), 560, 740);
  gtk_window_present (GTK_WINDOW (dialog));
  PADDOCK_TEST_WAIT_UNTIL (paddock_account_settings_get_state (dialog) !=
                           PADDOCK_ACCOUNT_SETTINGS_LOADING);
  paddock_test_drain ();
  g_assert_cmpint (paddock_account_settings_get_state (dialog), ==,
                   PADDOCK_ACCOUNT_SETTINGS_READY);
  shoot (GTK_WIDGET (dialog), dir, "account-settings", tmp == NULL);
  close_window (dialog);

  g_settings_set_string (settings, "client-id", "PKX3EXAMPLE7Q2");
  preferences = paddock_preferences_new (settings);
  gtk_window_present (GTK_WINDOW (preferences));
  paddock_test_drain ();
  shoot (GTK_WIDGET (preferences), dir, "preferences", tmp == NULL);
  PADDOCK_TEST_WAIT_UNTIL (!g_str_has_suffix (secret_status (GTK_WIDGET (preferences)), "…"));
  close_window (preferences);
  /* the Sign-In page, tall enough for every redirect address and the ports */
  preferences = paddock_preferences_new (settings);
  gtk_window_set_default_size (GTK_WINDOW (preferences), 640, 780);
  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (preferences), "sign-in");
  gtk_window_present (GTK_WINDOW (preferences));
  paddock_test_drain ();
  PADDOCK_TEST_WAIT_UNTIL (!g_str_has_suffix (secret_status (GTK_WIDGET (preferences)), "…"));
  shoot (GTK_WIDGET (preferences), dir, "preferences-sign-in", tmp == NULL);
  close_window (preferences);
  g_settings_reset (settings, "client-id");
  if (tmp != NULL)
    g_rmdir (tmp);
}

int
main (int   argc,
      char *argv[])
{
  if (paddock_test_no_display (&argc, &argv, "/ui/settings/no-display"))
    return g_test_run ();

  /* as tests/xvfb-env.sh did before this ran under keyring-env.sh and xvfb-run: the GL
   * renderer's first frame under Xvfb is slower than the loading states checked here */
  g_setenv ("GSK_RENDERER", "cairo", FALSE);
  screenshot_dir = g_strdup (g_getenv ("PADDOCK_SCREENSHOT_DIR"));
  g_unsetenv ("PADDOCK_SCREENSHOT_DIR");
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  paddock_test_screenshot_language ();

  PADDOCK_TEST_ADD_FIXTURE ("/ui/settings/values", Fixture, fixture, test_values);
  PADDOCK_TEST_ADD_FIXTURE ("/ui/settings/toggle", Fixture, fixture, test_toggle);
  PADDOCK_TEST_ADD_FIXTURE ("/ui/settings/risky", Fixture, fixture, test_risky);
  PADDOCK_TEST_ADD_FIXTURE ("/ui/settings/risky-live", Fixture, fixture, test_risky_live);
  PADDOCK_TEST_ADD_FIXTURE ("/ui/settings/refused", Fixture, fixture, test_refused);
  PADDOCK_TEST_ADD_FIXTURE ("/ui/settings/missing-scope", Fixture, fixture, test_missing_scope);
  PADDOCK_TEST_ADD_FIXTURE ("/ui/settings/menu-item", Fixture, fixture, test_menu_item);
  PADDOCK_TEST_ADD_FIXTURE ("/ui/preferences", Fixture, fixture, test_preferences);
  PADDOCK_TEST_ADD_FIXTURE ("/ui/preferences/controls", Fixture, fixture,
                            test_preferences_controls);
  PADDOCK_TEST_ADD_FIXTURE ("/ui/preferences/client-secret", Fixture, fixture,
                            test_preferences_secret);
  PADDOCK_TEST_ADD_FIXTURE ("/ui/about", Fixture, fixture, test_about);
  PADDOCK_TEST_ADD_FIXTURE ("/ui/settings/screenshots", Fixture, fixture, test_screenshots);

  return g_test_run ();
}
