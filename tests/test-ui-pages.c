/* test-ui-pages.c: the window's pages on a real (virtual) display
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Run under tests/xvfb-env.sh. Without a display it skips — unless the wrapper promised
 * one, in which case that is a failure. With PADDOCK_SCREENSHOT_DIR set, /ui/screenshots
 * writes the pages there (build-aux/screenshots.sh).
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "paddock-account-item.h"
#include "paddock-activity.h"
#include "paddock-error.h"
#include "paddock-format-private.h"
#include "paddock-order.h"
#include "paddock-order-details.h"
#include "paddock-position.h"
#include "paddock-table.h"
#include "paddock-test-hooks.h"
#include "paddock-window.h"
#include "sandbox-fixture.h"
#include "paddock-test-gtk.h"

#define MINUS "\xe2\x88\x92"
#define AUTHORIZE_URI "http://127.0.0.1:9/oauth/authorize?response_type=code&client_id=x&state=s"

/* The fact sheet's example account (alpaca-api.md §2.1). */
static const char *example_account =
  "{\"id\":\"3f2c9a1e-5b7d-4c1a-9e8f-0a1b2c3d4e5f\",\"account_number\":\"PA31Z8KQ0XYZ\","
  "\"status\":\"ACTIVE\",\"crypto_status\":\"ACTIVE\",\"currency\":\"USD\",\"cash\":\"18250.40\","
  "\"portfolio_value\":\"24310.90\",\"equity\":\"24310.90\",\"last_equity\":\"24102.15\","
  "\"long_market_value\":\"6060.50\",\"short_market_value\":\"0\",\"buying_power\":\"48621.80\","
  "\"regt_buying_power\":\"48621.80\",\"daytrading_buying_power\":\"0\","
  "\"non_marginable_buying_power\":\"18250.40\",\"initial_margin\":\"3030.25\","
  "\"maintenance_margin\":\"1818.15\",\"last_maintenance_margin\":\"1790.00\",\"sma\":\"0\","
  "\"multiplier\":\"2\",\"daytrade_count\":0,\"pattern_day_trader\":false,"
  "\"trading_blocked\":false,\"transfers_blocked\":false,\"account_blocked\":false,"
  "\"trade_suspended_by_user\":false,\"shorting_enabled\":true,\"accrued_fees\":\"0\","
  "\"pending_transfer_in\":\"0\",\"pending_transfer_out\":\"0\","
  "\"created_at\":\"2023-05-04T15:22:31.123456Z\"}";

/* ---- helpers ------------------------------------------------------------------------ */

static PaddockAccount *
parse_account (const char *json)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) node = json_from_string (json, &error);
  PaddockAccount *account;

  g_assert_no_error (error);
  account = paddock_account_new_from_json (node, &error);
  g_assert_no_error (error);
  return account;
}

static void
update_account (PaddockAccount *account,
                const char     *changes)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) node = json_from_string (example_account, &error);
  g_autoptr (JsonNode) patch = json_from_string (changes, &error);
  JsonObject *object = json_node_get_object (node);
  JsonObjectIter iter;
  const char *member;
  JsonNode *value;

  g_assert_no_error (error);
  json_object_iter_init (&iter, json_node_get_object (patch));
  while (json_object_iter_next (&iter, &member, &value))
    json_object_set_member (object, member, json_node_copy (value));

  g_assert_true (paddock_account_update_from_json (account, node, &error));
  g_assert_no_error (error);
}

static gboolean
timeout_cb (gpointer user_data)
{
  gboolean *timed_out = user_data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

/* Iterates the main loop until *@flag is non-zero or @seconds pass. */
static void
wait_for (const guint *flag,
          guint        seconds)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (seconds, timeout_cb, &timed_out);

  while (*flag == 0 && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (id);
}

static PaddockWindow *
new_window (void)
{
  PaddockWindow *window = paddock_window_new (NULL);
  guint mapped = 0;

  gtk_window_present (GTK_WINDOW (window));
  while (!gtk_widget_get_mapped (GTK_WIDGET (window)))
    g_main_context_iteration (NULL, TRUE);
  mapped = 1;
  wait_for (&mapped, 1);
  paddock_test_wait_frames (GTK_WIDGET (window), 2);
  return window;
}

static void
destroy_window (PaddockWindow *window)
{
  GList *toplevels = gtk_window_list_toplevels ();

  /* dialogs it opened go first */
  for (GList *l = toplevels; l != NULL; l = l->next)
    if (l->data != window)
      gtk_window_destroy (l->data);
  g_list_free (toplevels);

  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  gtk_window_destroy (GTK_WINDOW (window));
  /* finalized, though under load a frame or a timeout may still hold it a moment */
  PADDOCK_TEST_WAIT_UNTIL (window == NULL);
}

static void
read_text_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  char **text = user_data;
  g_autoptr (GError) error = NULL;

  *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (source), result, &error);
  g_assert_no_error (error);
}

static char *
read_clipboard (GtkWidget *widget)
{
  char *text = NULL;
  gboolean timed_out = FALSE;
  guint timeout = g_timeout_add_seconds (5, timeout_cb, &timed_out);

  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (widget), NULL, read_text_cb, &text);
  while (text == NULL && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (timeout);
  return text;
}

/* Presses a key combination through the shortcuts the window's class installed, the way
 * a key event would reach them. */
static gboolean
activate_shortcut (GtkWidget       *widget,
                   guint            keyval,
                   GdkModifierType  modifiers)
{
  g_autoptr (GPtrArray) shortcuts = paddock_test_shortcuts (widget);

  for (guint i = 0; i < shortcuts->len; i++)
    {
      GtkShortcut *shortcut = g_ptr_array_index (shortcuts, i);
      GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);

      if (GTK_IS_KEYVAL_TRIGGER (trigger) &&
          gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)) == keyval &&
          gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)) == modifiers)
        return gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut),
                                             GTK_SHORTCUT_ACTION_EXCLUSIVE, widget,
                                             gtk_shortcut_get_arguments (shortcut));
    }
  return FALSE;
}

/* What a click does; gtk_widget_activate() on a button only clicks after a delay. */
static void
click (GtkWidget *button)
{
  g_assert_true (GTK_IS_BUTTON (button));
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
}

static void
count_cb (gpointer instance,
          gpointer user_data)
{
  guint *count = user_data;

  (*count)++;
}

/* ---- tests -------------------------------------------------------------------------- */

static void
test_welcome (void)
{
  PaddockWindow *window = new_window ();
  GtkWidget *root = GTK_WIDGET (window);
  AdwStatusPage *status = ADW_STATUS_PAGE (paddock_test_get_named (root, "welcome-status"));
  GtkWidget *try_demo = paddock_test_get_named (root, "try-demo-button");
  GtkWidget *sign_in = paddock_test_get_named (root, "sign-in-button");
  guint demo = 0, signin = 0;

  /* the default size; the widget itself is smaller by the invisible resize borders */
  g_assert_cmpint (gdk_surface_get_width (gtk_native_get_surface (GTK_NATIVE (root))), ==, 1100);
  g_assert_cmpint (gdk_surface_get_height (gtk_native_get_surface (GTK_NATIVE (root))), ==, 720);

  /* until the app knows whether anything is stored, nothing is shown */
  g_assert_cmpstr (paddock_window_get_page (window), ==, "starting");
  paddock_window_show_welcome (window);
  g_assert_cmpstr (paddock_window_get_page (window), ==, "welcome");
  g_assert_cmpstr (adw_status_page_get_title (status), ==, "Welcome to Paddock");
  g_assert_cmpstr (adw_status_page_get_description (status), ==,
                   "Trade and follow your Alpaca account from your desktop.");
  g_assert_cmpstr (paddock_test_label_text (root, "not-affiliated"), ==,
                   "Paddock is not made by or affiliated with Alpaca.");
  g_assert_true (gtk_widget_has_css_class (try_demo, "suggested-action"));
  g_assert_false (gtk_widget_has_css_class (sign_in, "suggested-action"));
  g_assert_false (gtk_widget_get_visible (paddock_test_get_named (root, "account-button")));

  g_signal_connect (window, "demo-requested", G_CALLBACK (count_cb), &demo);
  g_signal_connect (window, "sign-in-requested", G_CALLBACK (count_cb), &signin);
  click (try_demo);
  g_assert_cmpuint (demo, ==, 1);
  g_assert_cmpuint (signin, ==, 0);
  click (sign_in);
  g_assert_cmpuint (signin, ==, 1);

  /* no account: nothing to refresh */
  g_assert_false (activate_shortcut (root, GDK_KEY_r, GDK_CONTROL_MASK));

  destroy_window (window);
}

typedef struct
{
  guint count;
  PaddockEnvironment environment;
  char **scopes;
  char *client_id;
  char *client_secret;
} Finished;

static void
finished_cb (PaddockSignInAssistant *assistant,
             PaddockEnvironment      environment,
             const char * const     *scopes,
             const char             *client_id,
             const char             *client_secret,
             Finished               *finished)
{
  finished->count++;
  g_strfreev (finished->scopes);
  g_free (finished->client_id);
  g_free (finished->client_secret);
  finished->environment = environment;
  finished->scopes = g_strdupv ((char **) scopes);
  finished->client_id = g_strdup (client_id);
  finished->client_secret = g_strdup (client_secret);
}

static void
finished_clear (Finished *finished)
{
  g_clear_pointer (&finished->scopes, g_strfreev);
  g_clear_pointer (&finished->client_id, g_free);
  g_clear_pointer (&finished->client_secret, g_free);
}

static void
test_assistant (void)
{
  PaddockWindow *window = new_window ();
  GtkWidget *root = GTK_WIDGET (window);
  PaddockSignInAssistant *assistant = paddock_window_get_sign_in_assistant (window);
  GtkWidget *next = paddock_test_get_named (root, "assistant-next");
  GtkWidget *back = paddock_test_get_named (root, "assistant-back");
  Finished finished = { 0, };
  guint cancelled = 0;
  const char *paper_scopes[] = { "account:write", "trading", NULL };
  const char *all_scopes[] = { "account:write", "trading", "data", NULL };
  g_autofree char *copied = NULL;

  g_signal_connect (assistant, "finished", G_CALLBACK (finished_cb), &finished);
  g_signal_connect (assistant, "cancelled", G_CALLBACK (count_cb), &cancelled);

  /* with an OAuth app configured: two steps */
  paddock_window_show_assistant (window, FALSE);
  g_assert_cmpstr (paddock_window_get_page (window), ==, "assistant");
  g_assert_cmpstr (paddock_sign_in_assistant_get_step (assistant), ==, "environment");
  g_assert_cmpstr (paddock_test_label_text (root, "assistant-step"), ==, "Step 1 of 2");
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (next)), ==, "_Next");
  g_assert_cmpint (paddock_sign_in_assistant_get_environment (assistant), ==, PADDOCK_ENVIRONMENT_PAPER);

  click (next);
  g_assert_cmpstr (paddock_sign_in_assistant_get_step (assistant), ==, "permissions");
  g_assert_cmpstr (paddock_test_label_text (root, "assistant-step"), ==, "Step 2 of 2");
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (next)), ==, "_Sign In");

  gtk_switch_set_active (GTK_SWITCH (paddock_test_get_named (root, "scope-data")), FALSE);
  click (next);
  g_assert_cmpuint (finished.count, ==, 1);
  g_assert_cmpint (finished.environment, ==, PADDOCK_ENVIRONMENT_PAPER);
  g_assert_true (g_strv_equal ((const char * const *) finished.scopes, paper_scopes));
  g_assert_null (finished.client_id);
  g_assert_null (finished.client_secret);

  /* Back walks back, and on the first step gives up */
  click (back);
  g_assert_cmpstr (paddock_sign_in_assistant_get_step (assistant), ==, "environment");
  g_assert_cmpuint (cancelled, ==, 0);
  click (back);
  g_assert_cmpuint (cancelled, ==, 1);

  /* without one: a third step asks for it */
  gtk_switch_set_active (GTK_SWITCH (paddock_test_get_named (root, "scope-data")), TRUE);
  paddock_window_show_assistant (window, TRUE);
  g_assert_cmpstr (paddock_sign_in_assistant_get_step (assistant), ==, "environment");
  gtk_check_button_set_active (GTK_CHECK_BUTTON (paddock_test_get_named (root, "environment-live")),
                               TRUE);
  g_assert_cmpint (paddock_sign_in_assistant_get_environment (assistant), ==, PADDOCK_ENVIRONMENT_LIVE);
  click (next);
  click (next);
  g_assert_cmpstr (paddock_sign_in_assistant_get_step (assistant), ==, "oauth-app");
  g_assert_cmpstr (paddock_test_label_text (root, "assistant-step"), ==, "Step 3 of 3");

  /* the redirect addresses to register, each with a copy button */
  {
    const char * const *uris = paddock_sign_in_assistant_get_redirect_uris (assistant);

    g_assert_cmpuint (g_strv_length ((char **) uris), ==, 5);
    g_assert_cmpstr (uris[0], ==, "http://127.0.0.1:48721/callback");
    g_assert_cmpstr (uris[4], ==, "http://127.0.0.1:48725/callback");
    for (guint i = 0; i < 5; i++)
      g_assert_true (paddock_test_has_label_with_text (root, uris[i]));
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (assistant), "assistant.copy", "s",
                                               uris[2]));
    copied = read_clipboard (root);
    g_assert_cmpstr (copied, ==, "http://127.0.0.1:48723/callback");
  }

  /* Sign In waits for both the client ID and the secret */
  g_assert_false (gtk_widget_is_sensitive (next));
  gtk_editable_set_text (GTK_EDITABLE (paddock_test_get_named (root, "client-id")),
                         "  my-client-id ");
  g_assert_false (gtk_widget_is_sensitive (next));
  gtk_editable_set_text (GTK_EDITABLE (paddock_test_get_named (root, "client-secret")), "s3cret");
  g_assert_true (gtk_widget_is_sensitive (next));
  g_assert_true (ADW_IS_PASSWORD_ENTRY_ROW (paddock_test_get_named (root, "client-secret")));

  click (next);
  g_assert_cmpuint (finished.count, ==, 2);
  g_assert_cmpint (finished.environment, ==, PADDOCK_ENVIRONMENT_LIVE);
  g_assert_true (g_strv_equal ((const char * const *) finished.scopes, all_scopes));
  g_assert_cmpstr (finished.client_id, ==, "my-client-id");
  g_assert_cmpstr (finished.client_secret, ==, "s3cret");

  /* starting over forgets the secret */
  paddock_window_show_assistant (window, TRUE);
  g_assert_cmpstr (gtk_editable_get_text (
                     GTK_EDITABLE (paddock_test_get_named (root, "client-secret"))),
                   ==, "");

  finished_clear (&finished);
  destroy_window (window);
}

static void
address_pasted_cb (PaddockWaitingPage  *page,
                   const char          *address,
                   char               **out)
{
  g_free (*out);
  *out = g_strdup (address);
}

static void
test_waiting (void)
{
  PaddockWindow *window = new_window ();
  GtkWidget *root = GTK_WIDGET (window);
  PaddockWaitingPage *page = paddock_window_get_waiting_page (window);
  AdwStatusPage *status = ADW_STATUS_PAGE (paddock_test_get_named (root, "waiting-status"));
  g_autofree char *copied = NULL;
  g_autofree char *pasted = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *entry;
  guint cancelled = 0;

  paddock_window_show_waiting (window, AUTHORIZE_URI);
  g_assert_cmpstr (paddock_window_get_page (window), ==, "waiting");
  g_assert_cmpstr (adw_status_page_get_title (status), ==, "Continue in Your Browser");
  g_assert_cmpstr (adw_status_page_get_description (status), ==,
                   "Approve access in the browser window that opened. Paddock will continue "
                   "by itself.");

  /* Copy Link: the link on the clipboard, and a toast that says so */
  click (paddock_test_get_named (root, "copy-link-button"));
  copied = read_clipboard (root);
  g_assert_cmpstr (copied, ==, AUTHORIZE_URI);
  paddock_test_drain ();
  g_assert_true (paddock_test_has_label_with_text (root, "Link copied"));

  /* Paste Address…: a dialog whose Continue needs an address */
  g_signal_connect (page, "address-pasted", G_CALLBACK (address_pasted_cb), &pasted);
  click (paddock_test_get_named (root, "paste-address-button"));
  dialog = paddock_test_find_message_dialog ();
  g_assert_nonnull (dialog);
  entry = adw_message_dialog_get_extra_child (dialog);
  g_assert_true (GTK_IS_ENTRY (entry));
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "continue"));
  gtk_editable_set_text (GTK_EDITABLE (entry),
                         "  http://127.0.0.1:48721/callback?code=abc&state=xyz\n");
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "continue"));
  adw_message_dialog_response (dialog, "continue");
  g_assert_cmpstr (pasted, ==, "http://127.0.0.1:48721/callback?code=abc&state=xyz");

  /* Cancel */
  g_signal_connect (page, "cancelled", G_CALLBACK (count_cb), &cancelled);
  click (paddock_test_get_named (root, "cancel-button"));
  g_assert_cmpuint (cancelled, ==, 1);

  /* no link, no Copy Link */
  paddock_window_show_waiting (window, NULL);
  g_assert_false (gtk_widget_is_sensitive (paddock_test_get_named (root, "copy-link-button")));

  destroy_window (window);
}

static void
action_cb (PaddockProblemPage  *page,
           const char          *action_id,
           char               **out)
{
  g_free (*out);
  *out = g_strdup (action_id);
}

static void
test_problem (void)
{
  struct {
    GQuark domain;
    int code;
    const char *message;
    const char *title;
    const char *button;
    const char *action_id;
    const char *description;  /* NULL: not checked */
  } cases[] = {
    { PADDOCK_ERROR, PADDOCK_ERROR_ACCESS_DENIED, "access_denied", "Access Was Denied",
      "Try Again", PADDOCK_PROBLEM_ACTION_TRY_AGAIN, NULL },
    { PADDOCK_ERROR, PADDOCK_ERROR_KEYRING_UNAVAILABLE, "No Secret Service is running.",
      "No Keyring Available", "Try Again", PADDOCK_PROBLEM_ACTION_TRY_AGAIN,
      "No Secret Service is running." },
    { PADDOCK_ERROR, PADDOCK_ERROR_KEYRING_LOCKED, "The login keyring is locked & <closed>.",
      "The Keyring Is Locked", "Try Again", PADDOCK_PROBLEM_ACTION_TRY_AGAIN,
      "The login keyring is locked &amp; &lt;closed&gt;." },
    /* the code decides, never the words of the message */
    { PADDOCK_ERROR, PADDOCK_ERROR_KEYRING_UNAVAILABLE, "Der Schlüsselbund ist locked.",
      "No Keyring Available", "Try Again", PADDOCK_PROBLEM_ACTION_TRY_AGAIN, NULL },
    { PADDOCK_ERROR, PADDOCK_ERROR_KEYRING_LOCKED, "Der Schlüsselbund ist gesperrt.",
      "The Keyring Is Locked", "Try Again", PADDOCK_PROBLEM_ACTION_TRY_AGAIN, NULL },
    { PADDOCK_ERROR, PADDOCK_ERROR_KEYRING, "The keyring is locked, or so it says.",
      "The Keyring Could Not Be Used", "Try Again", PADDOCK_PROBLEM_ACTION_TRY_AGAIN, NULL },
    { PADDOCK_ERROR, PADDOCK_ERROR_KEYRING_DAMAGED, "The stored sign-in is damaged.",
      "The Stored Sign-In Is Damaged", "Sign In Again", PADDOCK_PROBLEM_ACTION_SIGN_IN_AGAIN,
      NULL },
    { G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "Operation not supported",
      "The Browser Could Not Be Opened", "Copy Link", PADDOCK_PROBLEM_ACTION_COPY_LINK, NULL },
    { G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "No application", "The Browser Could Not Be Opened",
      "Copy Link", PADDOCK_PROBLEM_ACTION_COPY_LINK, NULL },
    { PADDOCK_ERROR, PADDOCK_ERROR_TIMED_OUT, "timed out", "Sign-In Timed Out", "Try Again",
      PADDOCK_PROBLEM_ACTION_TRY_AGAIN, NULL },
    { PADDOCK_ERROR, PADDOCK_ERROR_NOT_AUTHORIZED, "unauthorized",
      "Your Access Was Revoked or Has Expired", "Sign In Again",
      PADDOCK_PROBLEM_ACTION_SIGN_IN_AGAIN, NULL },
    { G_IO_ERROR, G_IO_ERROR_ADDRESS_IN_USE, "Address already in use", "No Redirect Port Is Free",
      "Try Again", PADDOCK_PROBLEM_ACTION_TRY_AGAIN, NULL },
    { PADDOCK_ERROR, PADDOCK_ERROR_NETWORK, "Could not connect", "Alpaca Could Not Be Reached",
      "Try Again", PADDOCK_PROBLEM_ACTION_TRY_AGAIN, NULL },
    { PADDOCK_ERROR, PADDOCK_ERROR_REJECTED, "insufficient buying power",
      "The Request Was Refused", "Try Again", PADDOCK_PROBLEM_ACTION_TRY_AGAIN,
      "insufficient buying power" },
  };
  PaddockWindow *window = new_window ();
  GtkWidget *root = GTK_WIDGET (window);
  PaddockProblemPage *page = paddock_window_get_problem_page (window);
  AdwStatusPage *status = ADW_STATUS_PAGE (paddock_test_get_named (root, "problem-status"));
  GtkWidget *button = paddock_test_get_named (root, "problem-button");
  g_autofree char *action = NULL;
  g_autofree char *copied = NULL;

  g_signal_connect (page, "action", G_CALLBACK (action_cb), &action);

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = g_error_new_literal (cases[i].domain, cases[i].code,
                                                      cases[i].message);

      paddock_window_show_problem (window, error);
      g_assert_cmpstr (paddock_window_get_page (window), ==, "problem");
      g_assert_cmpstr (adw_status_page_get_title (status), ==, cases[i].title);
      g_assert_cmpstr (adw_status_page_get_icon_name (status), ==, "dialog-warning-symbolic");
      g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (button)), ==, cases[i].button);
      g_assert_cmpstr (paddock_problem_page_get_action_id (page), ==, cases[i].action_id);
      if (cases[i].description != NULL)
        g_assert_cmpstr (adw_status_page_get_description (status), ==, cases[i].description);
      else
        g_assert_cmpstr (adw_status_page_get_description (status), !=, "");

      click (button);
      g_assert_cmpstr (action, ==, cases[i].action_id);
    }

  /* Copy Link copies the waiting page's link and goes back to waiting for it */
  {
    g_autoptr (GError) error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "no");

    paddock_window_show_waiting (window, AUTHORIZE_URI);
    paddock_window_show_problem (window, error);
    click (button);
    g_assert_cmpstr (paddock_window_get_page (window), ==, "waiting");
    copied = read_clipboard (root);
    g_assert_cmpstr (copied, ==, AUTHORIZE_URI);
  }

  destroy_window (window);
}

/* ---- no dead ends, honest wording (issue 11) ---------------------------------------- */

static void sign_out_cb (PaddockWindow  *window,
                         const char     *account_id,
                         char          **out);

/* Makes a recorder the desktop's http(s) handler, in the throw-away home of
 * tests/xvfb-env.sh, so that the URI launcher's path can be followed to its end: it
 * writes the address it was given to the file PADDOCK_TEST_URL_LOG names. */
static void
install_url_recorder (void)
{
  const char *data = g_getenv ("XDG_DATA_HOME");
  const char *config = g_getenv ("XDG_CONFIG_HOME");
  g_autofree char *apps = NULL;
  g_autofree char *script = NULL;
  g_autofree char *log = NULL;
  g_autofree char *text = NULL;
  g_autofree char *desktop = NULL;
  g_autofree char *mimeapps = NULL;
  g_autoptr (GError) error = NULL;

  if (g_getenv ("PADDOCK_XVFB_WRAPPER") == NULL || data == NULL || config == NULL)
    return;

  apps = g_build_filename (data, "applications", NULL);
  g_assert_cmpint (g_mkdir_with_parents (apps, 0700), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (config, 0700), ==, 0);
  log = g_build_filename (data, "opened-urls.log", NULL);
  script = g_build_filename (data, "record-url.sh", NULL);
  text = g_strdup_printf ("#!/bin/sh\nprintf '%%s\\n' \"$1\" > '%s.tmp' && mv '%s.tmp' '%s'\n",
                          log, log, log);
  g_file_set_contents (script, text, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_chmod (script, 0700), ==, 0);
  g_free (text);
  text = g_strdup_printf ("[Desktop Entry]\nType=Application\nName=URL recorder\n"
                          "Exec=%s %%u\nMimeType=x-scheme-handler/http;x-scheme-handler/https;\n"
                          "NoDisplay=true\n", script);
  desktop = g_build_filename (apps, "paddock-test-url-recorder.desktop", NULL);
  g_file_set_contents (desktop, text, -1, &error);
  g_assert_no_error (error);
  mimeapps = g_build_filename (config, "mimeapps.list", NULL);
  g_file_set_contents (mimeapps,
                       "[Default Applications]\n"
                       "x-scheme-handler/http=paddock-test-url-recorder.desktop\n"
                       "x-scheme-handler/https=paddock-test-url-recorder.desktop\n",
                       -1, &error);
  g_assert_no_error (error);
  g_setenv ("PADDOCK_TEST_URL_LOG", log, TRUE);
}

static GtkWidget *
find_by_type (GtkWidget *root,
              GType      type)
{
  if (g_type_is_a (G_OBJECT_TYPE (root), type))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_by_type (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
find_css_name (GtkWidget  *root,
               const char *css_name)
{
  if (g_strcmp0 (gtk_widget_get_css_name (root), css_name) == 0 && gtk_widget_get_mapped (root))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_css_name (child, css_name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The header's title, which names the page shown */
static const char *
header_title (PaddockWindow *window)
{
  GtkWidget *title = find_by_type (GTK_WIDGET (window), ADW_TYPE_VIEW_SWITCHER_TITLE);

  g_assert_nonnull (title);
  return adw_view_switcher_title_get_title (ADW_VIEW_SWITCHER_TITLE (title));
}

static graphene_rect_t
bounds_in (GtkWidget *widget,
           GtkWidget *target)
{
  graphene_rect_t bounds;

  g_assert_true (gtk_widget_compute_bounds (widget, target, &bounds));
  return bounds;
}

/* @widget is wholly inside what @scroller shows, without scrolling */
static void
assert_visible_without_scrolling (GtkWidget *widget,
                                  GtkWidget *scroller)
{
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
  graphene_rect_t bounds = bounds_in (widget, scroller);

  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), ==, 0);
  g_assert_true (gtk_widget_get_mapped (widget));
  g_assert_cmpfloat (bounds.origin.y, >=, 0);
  if (bounds.origin.y + bounds.size.height > gtk_widget_get_height (scroller))
    g_error ("%s ends at %.0f px, under the %d px shown", gtk_widget_get_name (widget),
             bounds.origin.y + bounds.size.height, gtk_widget_get_height (scroller));
}

/* With PADDOCK_SCREENSHOT_DIR set, keeps what the window shows as NAME.png there, to be
 * looked at */
static void
maybe_screenshot (PaddockWindow *window,
                  const char    *name)
{
  const char *dir = g_getenv ("PADDOCK_SCREENSHOT_DIR");
  g_autofree char *file = NULL;
  g_autofree char *path = NULL;

  if (dir == NULL)
    return;
  file = g_strconcat (name, ".png", NULL);
  path = g_build_filename (dir, file, NULL);
  paddock_test_save_screenshot (window, path);
}

static void
test_assistant_oauth_app (void)
{
  PaddockWindow *window = new_window ();
  GtkWidget *root = GTK_WIDGET (window);
  PaddockSignInAssistant *assistant = paddock_window_get_sign_in_assistant (window);
  GtkWidget *next = paddock_test_get_named (root, "assistant-next");
  GtkWidget *id_row = paddock_test_get_named (root, "client-id");
  GtkWidget *secret_row = paddock_test_get_named (root, "client-secret");
  GtkWidget *missing = paddock_test_get_named (root, "oauth-app-missing");
  const char *log_path = g_getenv ("PADDOCK_TEST_URL_LOG");
  const int sizes[][2] = { { 1100, 720 }, { 360, 640 } };
  Finished finished = { 0, };
  g_autofree char *copied = NULL;
  g_autofree char *opened = NULL;
  guint demo = 0;

  g_signal_connect (assistant, "finished", G_CALLBACK (finished_cb), &finished);

  /* the step titles say what each step chooses, and the header shows them */
  paddock_window_show_assistant (window, TRUE);
  g_assert_cmpstr (paddock_sign_in_assistant_get_title (assistant), ==, "Choose an Environment");
  g_assert_cmpstr (header_title (window), ==, "Choose an Environment");
  click (next);
  g_assert_cmpstr (header_title (window), ==, "Choose What Paddock May Do");
  click (next);
  g_assert_cmpstr (paddock_sign_in_assistant_get_step (assistant), ==, "oauth-app");
  g_assert_cmpstr (header_title (window), ==, "Register Your OAuth App");

  /* the client ID and secret show without scrolling, at the default size and at 360 × 640 */
  for (gsize i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      paddock_test_size_content (window, sizes[i][0], sizes[i][1]);
      paddock_test_wait_frames (root, 3);
      assert_visible_without_scrolling (id_row,
                                        paddock_test_get_named (root, "oauth-app-scroller"));
      assert_visible_without_scrolling (secret_row,
                                        paddock_test_get_named (root, "oauth-app-scroller"));
      assert_visible_without_scrolling (missing,
                                        paddock_test_get_named (root, "oauth-app-scroller"));
      {
        g_autofree char *name = g_strdup_printf ("assistant-oauth-app-%dx%d", sizes[i][0],
                                                 sizes[i][1]);

        maybe_screenshot (window, name);
      }
    }

  /* Sign In says why it cannot be pressed yet, and Enter goes on to what is missing */
  g_assert_false (gtk_widget_is_sensitive (next));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (missing)), ==,
                   "Enter the client ID and the client secret to sign in.");
  g_assert_cmpstr (gtk_widget_get_tooltip_text (next), ==,
                   "Enter the client ID and the client secret to sign in.");
  gtk_editable_set_text (GTK_EDITABLE (id_row), "my-client-id");
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (missing)), ==,
                   "Enter the client secret to sign in.");
  g_signal_emit_by_name (id_row, "entry-activated");
  g_assert_cmpuint (finished.count, ==, 0);
  g_assert_true (gtk_widget_has_focus (gtk_root_get_focus (GTK_ROOT (window))));
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (window)), secret_row));
  gtk_editable_set_text (GTK_EDITABLE (id_row), "");
  gtk_editable_set_text (GTK_EDITABLE (secret_row), "s3cret");
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (missing)), ==,
                   "Enter the client ID to sign in.");
  g_assert_false (gtk_widget_is_sensitive (next));
  gtk_editable_set_text (GTK_EDITABLE (id_row), "my-client-id");
  g_assert_true (gtk_widget_is_sensitive (next));
  g_assert_false (gtk_widget_get_visible (missing));
  g_assert_null (gtk_widget_get_tooltip_text (next));

  /* one button copies every redirect address */
  click (paddock_test_get_named (root, "copy-all-redirects"));
  copied = read_clipboard (root);
  g_assert_cmpstr (copied, ==,
                   "http://127.0.0.1:48721/callback\nhttp://127.0.0.1:48722/callback\n"
                   "http://127.0.0.1:48723/callback\nhttp://127.0.0.1:48724/callback\n"
                   "http://127.0.0.1:48725/callback");
  g_assert_cmpstr (adw_expander_row_get_subtitle (
                     ADW_EXPANDER_ROW (paddock_test_get_named (root, "redirect-addresses"))),
                   ==, "Add all 5 addresses to your app");

  /* the link opens Alpaca's OAuth Apps page in the browser (the desktop's handler) */
  if (log_path != NULL)
    {
      gboolean timed_out = FALSE;
      guint timeout = g_timeout_add_seconds (20, timeout_cb, &timed_out);

      click (paddock_test_get_named (root, "oauth-apps-link"));
      while (!g_file_get_contents (log_path, &opened, NULL, NULL) && !timed_out)
        g_main_context_iteration (NULL, TRUE);
      if (!timed_out)
        g_source_remove (timeout);
      g_assert_nonnull (opened);
      g_assert_cmpstr (g_strstrip (opened), ==, "https://app.alpaca.markets/brokerage/apps/manage");
    }

  /* Enter in the secret signs in once both are there */
  g_signal_emit_by_name (secret_row, "entry-activated");
  g_assert_cmpuint (finished.count, ==, 1);
  g_assert_cmpstr (finished.client_id, ==, "my-client-id");
  g_assert_cmpstr (finished.client_secret, ==, "s3cret");

  /* the demo is one click away from the assistant (and so from Add Account) */
  g_signal_connect (window, "demo-requested", G_CALLBACK (count_cb), &demo);
  paddock_window_show_assistant (window, TRUE);
  maybe_screenshot (window, "assistant-environment-360x640");
  gtk_widget_activate (paddock_test_get_named (root, "assistant-demo"));
  g_assert_cmpuint (demo, ==, 1);

  finished_clear (&finished);
  destroy_window (window);
}

static void
test_waiting_port (void)
{
  PaddockWindow *window = new_window ();
  GtkWidget *root = GTK_WIDGET (window);
  AdwMessageDialog *dialog;
  GtkWidget *entry;

  /* the flow listens on the third port: the placeholder says so */
  paddock_window_show_waiting (window, "http://127.0.0.1:9/oauth/authorize?response_type=code"
                                       "&client_id=x&redirect_uri=http%3A%2F%2F127.0.0.1%3A48723"
                                       "%2Fcallback&state=s");
  g_assert_cmpstr (header_title (window), ==, "Continue in Your Browser");
  maybe_screenshot (window, "waiting");
  click (paddock_test_get_named (root, "paste-address-button"));
  dialog = paddock_test_find_message_dialog ();
  g_assert_nonnull (dialog);
  entry = adw_message_dialog_get_extra_child (dialog);
  g_assert_cmpstr (gtk_entry_get_placeholder_text (GTK_ENTRY (entry)), ==,
                   "http://127.0.0.1:48723/callback?…");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "http://127.0.0.1:48723/callback"));
  adw_message_dialog_response (dialog, "cancel");

  destroy_window (window);
}

static void
test_problem_no_dead_end (void)
{
  PaddockWindow *window = new_window ();
  GtkWidget *root = GTK_WIDGET (window);
  AdwStatusPage *status = ADW_STATUS_PAGE (paddock_test_get_named (root, "problem-status"));
  g_autoptr (GError) revoked = g_error_new_literal (PADDOCK_ERROR, PADDOCK_ERROR_NOT_AUTHORIZED,
                                                    "unauthorized");
  g_autoptr (GError) network = g_error_new_literal (PADDOCK_ERROR, PADDOCK_ERROR_NETWORK,
                                                    "Could not connect");
  g_autoptr (GListStore) accounts = g_list_store_new (PADDOCK_TYPE_ACCOUNT_ITEM);
  g_autoptr (PaddockAccountItem) paper = NULL;
  g_autofree char *signed_out = NULL;
  AdwMessageDialog *dialog;

  /* an account chosen whose first load failed: still named, and still signed out of */
  paper = paddock_account_item_new ("acct-paper", PADDOCK_ENVIRONMENT_PAPER, "PA0000FAILED");
  g_list_store_append (accounts, paper);
  paddock_window_set_accounts (window, G_LIST_MODEL (accounts));
  paddock_window_set_current_account (window, "acct-paper", "PA0000FAILED",
                                      PADDOCK_ENVIRONMENT_PAPER);
  paddock_window_show_account (window, NULL, PADDOCK_ENVIRONMENT_PAPER);
  paddock_account_view_set_error (paddock_window_get_account_view (window), network);
  g_assert_true (gtk_widget_get_visible (paddock_test_get_named (root, "account-button")));
  g_assert_cmpstr (paddock_test_label_text (root, "header-account-number"), ==, "PA0000FAILED");
  g_signal_connect (window, "sign-out-requested", G_CALLBACK (sign_out_cb), &signed_out);
  click (paddock_test_get_named (root, "sign-out-button"));
  dialog = paddock_test_find_message_dialog ();
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "PA0000FAILED"));
  adw_message_dialog_response (dialog, "sign-out");
  g_assert_cmpstr (signed_out, ==, "acct-paper");

  /* its access revoked: the page names it, and the switcher (with Sign Out…) stays */
  paddock_window_show_problem (window, revoked);
  g_assert_cmpstr (adw_status_page_get_title (status), ==, "Your Access Was Revoked or Has Expired");
  g_assert_nonnull (strstr (adw_status_page_get_description (status), "PA0000FAILED"));
  g_assert_true (gtk_widget_get_visible (paddock_test_get_named (root, "account-button")));
  g_assert_false (gtk_widget_get_visible (paddock_test_get_named (root, "sign-in-badge")));
  g_assert_true (gtk_widget_is_sensitive (paddock_test_get_named (root, "sign-out-button")));
  g_assert_true (gtk_widget_is_sensitive (paddock_test_get_named (root, "add-account-button")));
  g_assert_true (gtk_widget_get_visible (paddock_test_get_named (root, "accounts-list")));
  g_assert_cmpstr (header_title (window), ==, "Your Access Was Revoked or Has Expired");
  maybe_screenshot (window, "problem-revoked");

  /* the demo's problems speak of the demo, not of Alpaca */
  paddock_window_set_current_account (window, "acct-demo", "PA0000DEMO", PADDOCK_ENVIRONMENT_DEMO);
  paddock_window_set_environment (window, PADDOCK_ENVIRONMENT_DEMO);
  paddock_window_show_problem (window, network);
  g_assert_cmpstr (adw_status_page_get_title (status), ==, "The Demo Could Not Be Reached");
  g_assert_null (strstr (adw_status_page_get_description (status), "Alpaca"));
  paddock_window_show_problem (window, revoked);
  g_assert_null (strstr (adw_status_page_get_description (status), "Alpaca"));
  g_assert_nonnull (strstr (adw_status_page_get_description (status), "demo account PA0000DEMO"));
  g_assert_cmpstr (paddock_test_label_text (root, "environment-badge"), ==, "Demo");

  /* no account chosen: a sign-in's problem shows the environment signed in to instead */
  paddock_window_set_current_account (window, NULL, NULL, PADDOCK_ENVIRONMENT_PAPER);
  paddock_window_set_environment (window, PADDOCK_ENVIRONMENT_LIVE);
  paddock_window_show_problem (window, network);
  g_assert_cmpstr (adw_status_page_get_title (status), ==, "Alpaca Could Not Be Reached");
  g_assert_false (gtk_widget_get_visible (paddock_test_get_named (root, "account-button")));
  g_assert_true (gtk_widget_get_visible (paddock_test_get_named (root, "sign-in-badge")));

  destroy_window (window);
}

/* No toast covers a control: the assistant's Back, step counter and Next, the narrow
 * window's view switcher bar. */
static void
assert_toast_clear_of (PaddockWindow *window,
                       const char    *text,
                       GtkWidget    **controls,
                       gsize          n_controls)
{
  GtkWidget *root = GTK_WIDGET (window);
  AdwToast *added = adw_toast_new (text);
  GtkWidget *toast;
  graphene_rect_t toast_bounds;

  paddock_window_add_toast (window, g_object_ref (added));
  paddock_test_wait_frames (root, 4);
  toast = find_css_name (root, "toast");
  g_assert_nonnull (toast);
  g_assert_true (paddock_test_has_label_with_text (toast, text));
  maybe_screenshot (window, text);
  toast_bounds = bounds_in (toast, root);
  for (gsize i = 0; i < n_controls; i++)
    {
      graphene_rect_t control = bounds_in (controls[i], root);

      g_assert_true (gtk_widget_get_mapped (controls[i]));
      if (graphene_rect_intersection (&toast_bounds, &control, NULL))
        g_error ("the toast (y %.0f–%.0f) covers %s (y %.0f–%.0f)", toast_bounds.origin.y,
                 toast_bounds.origin.y + toast_bounds.size.height,
                 gtk_widget_get_name (controls[i]), control.origin.y,
                 control.origin.y + control.size.height);
    }
  /* gone, so that the next one shows at once */
  adw_toast_dismiss (added);
  g_object_unref (added);
  paddock_test_wait_frames (root, 2);
}

static void
test_toasts_clear_of_controls (void)
{
  PaddockWindow *window = new_window ();
  GtkWidget *root = GTK_WIDGET (window);
  g_autoptr (PaddockAccount) account = parse_account (example_account);
  GtkWidget *assistant_controls[] = {
    paddock_test_get_named (root, "assistant-back"),
    paddock_test_get_named (root, "assistant-step"),
    paddock_test_get_named (root, "assistant-next"),
  };
  GtkWidget *bar[] = { paddock_test_get_named (root, "switcher-bar") };

  paddock_window_show_assistant (window, TRUE);
  paddock_test_wait_frames (root, 3);
  assert_toast_clear_of (window, "Address copied", assistant_controls,
                         G_N_ELEMENTS (assistant_controls));

  /* narrow: the view switcher moves to a bar at the bottom */
  paddock_window_show_account (window, account, PADDOCK_ENVIRONMENT_PAPER);
  paddock_test_size_content (window, 360, 640);
  paddock_test_wait_frames (root, 3);
  g_assert_true (adw_view_switcher_bar_get_reveal (ADW_VIEW_SWITCHER_BAR (bar[0])));
  assert_toast_clear_of (window, "Order placed", bar, G_N_ELEMENTS (bar));

  destroy_window (window);
}

static void
test_account (void)
{
  PaddockWindow *window = new_window ();
  GtkWidget *root = GTK_WIDGET (window);
  g_autoptr (PaddockAccount) account = parse_account (example_account);
  PaddockAccountView *view = paddock_window_get_account_view (window);
  GtkWidget *today = paddock_test_get_named (root, "today-value");
  GtkWidget *strip = paddock_test_get_named (root, "restrictions-strip");
  GtkWidget *badge = paddock_test_get_named (root, "environment-badge");

  paddock_window_show_account (window, account, PADDOCK_ENVIRONMENT_PAPER);
  g_assert_cmpstr (paddock_window_get_page (window), ==, "account");
  g_assert_cmpint (paddock_account_view_get_state (view), ==, PADDOCK_ACCOUNT_VIEW_LOADED);
  g_assert_true (gtk_widget_get_visible (paddock_test_get_named (root, "account-button")));

  g_assert_cmpstr (paddock_test_label_text (root, "equity-value"), ==, "$24,310.90");
  g_assert_cmpstr (paddock_test_label_text (root, "today-value"), ==, "+$208.75 (+0.87%)");
  g_assert_true (gtk_widget_has_css_class (today, "success"));
  g_assert_false (gtk_widget_has_css_class (today, "error"));
  g_assert_cmpstr (paddock_test_label_text (root, "cash-value"), ==, "$18,250.40");
  g_assert_cmpstr (paddock_test_label_text (root, "buying-power-value"), ==, "$48,621.80");
  g_assert_cmpstr (paddock_test_label_text (root, "account-number-value"), ==, "PA31Z8KQ0XYZ");
  g_assert_cmpstr (paddock_test_label_text (root, "status-value"), ==, "Active");
  g_assert_cmpstr (paddock_test_label_text (root, "header-account-number"), ==, "PA31Z8KQ0XYZ");
  g_assert_false (gtk_widget_get_visible (strip));
  /* numbers right-aligned, in tabular figures */
  g_assert_cmpfloat (gtk_label_get_xalign (
                       GTK_LABEL (paddock_test_get_named (root, "equity-value"))),
                     ==, 1.0);
  g_assert_true (
    gtk_widget_has_css_class (paddock_test_get_named (root, "equity-value"), "figure-value"));

  /* the labels follow the account: a refresh in place updates them */
  update_account (account, "{\"equity\":\"24089.85\",\"cash\":\"100\"}");
  g_assert_cmpstr (paddock_test_label_text (root, "equity-value"), ==, "$24,089.85");
  g_assert_cmpstr (paddock_test_label_text (root, "cash-value"), ==, "$100.00");
  g_assert_cmpstr (paddock_test_label_text (root, "today-value"), ==,
                   MINUS "$12.30 (" MINUS "0.05%)");
  g_assert_true (gtk_widget_has_css_class (today, "error"));
  g_assert_false (gtk_widget_has_css_class (today, "success"));

  update_account (account, "{\"equity\":\"24102.15\"}");
  g_assert_cmpstr (paddock_test_label_text (root, "today-value"), ==, "+$0.00 (+0.00%)");
  g_assert_false (gtk_widget_has_css_class (today, "error"));
  g_assert_false (gtk_widget_has_css_class (today, "success"));

  /* restrictions */
  update_account (account, "{\"pattern_day_trader\":true}");
  g_assert_true (gtk_widget_get_visible (strip));
  g_assert_nonnull (
    strstr (paddock_test_label_text (root, "restrictions-label"), "pattern day trader"));
  g_assert_false (gtk_widget_has_css_class (strip, "blocked"));
  update_account (account, "{\"trading_blocked\":true}");
  g_assert_true (gtk_widget_get_visible (strip));
  g_assert_nonnull (
    strstr (paddock_test_label_text (root, "restrictions-label"), "Trading is blocked"));
  g_assert_true (gtk_widget_has_css_class (strip, "blocked"));
  update_account (account, "{\"account_blocked\":true}");
  g_assert_nonnull (
    strstr (paddock_test_label_text (root, "restrictions-label"), "account is blocked"));
  update_account (account, "{}");
  g_assert_false (gtk_widget_get_visible (strip));

  /* the badge tells the environment in words and colour */
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (badge)), ==, "Paper");
  g_assert_true (gtk_widget_has_css_class (badge, "paper"));
  paddock_window_show_account (window, account, PADDOCK_ENVIRONMENT_DEMO);
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (badge)), ==, "Demo");
  g_assert_true (gtk_widget_has_css_class (badge, "demo"));
  g_assert_false (gtk_widget_has_css_class (badge, "paper"));
  paddock_window_show_account (window, account, PADDOCK_ENVIRONMENT_LIVE);
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (badge)), ==, "Live");
  g_assert_true (gtk_widget_has_css_class (badge, "live"));
  g_assert_false (gtk_widget_has_css_class (badge, "demo"));
  g_assert_cmpint (paddock_window_get_environment (window), ==, PADDOCK_ENVIRONMENT_LIVE);

  destroy_window (window);
  g_assert_finalize_object (g_steal_pointer (&account));
}

static void
test_account_states (void)
{
  PaddockWindow *window = new_window ();
  GtkWidget *root = GTK_WIDGET (window);
  PaddockAccountView *view = paddock_window_get_account_view (window);
  g_autoptr (PaddockAccount) account = parse_account (example_account);
  g_autoptr (GError) error = g_error_new_literal (PADDOCK_ERROR, PADDOCK_ERROR_NETWORK,
                                                  "Could not connect to the server");
  guint refreshes = 0;

  /* first fetch: a spinner */
  paddock_window_show_account (window, NULL, PADDOCK_ENVIRONMENT_PAPER);
  g_assert_cmpint (paddock_account_view_get_state (view), ==, PADDOCK_ACCOUNT_VIEW_LOADING);
  g_assert_true (
    gtk_spinner_get_spinning (GTK_SPINNER (paddock_test_get_named (root, "account-spinner"))));
  g_assert_true (gtk_widget_get_mapped (paddock_test_get_named (root, "account-spinner")));

  /* it failed: the message and Retry, which asks for a refresh */
  paddock_account_view_set_error (view, error);
  g_assert_cmpint (paddock_account_view_get_state (view), ==, PADDOCK_ACCOUNT_VIEW_ERROR);
  g_assert_cmpstr (adw_status_page_get_description (
                     ADW_STATUS_PAGE (paddock_test_get_named (root, "account-error"))),
                   ==, "Could not connect to the server");
  g_signal_connect (window, "refresh-requested", G_CALLBACK (count_cb), &refreshes);
  click (paddock_test_get_named (root, "account-retry"));
  g_assert_cmpuint (refreshes, ==, 1);
  g_assert_cmpint (paddock_account_view_get_state (view), ==, PADDOCK_ACCOUNT_VIEW_LOADING);

  paddock_window_show_account (window, account, PADDOCK_ENVIRONMENT_PAPER);
  g_assert_cmpint (paddock_account_view_get_state (view), ==, PADDOCK_ACCOUNT_VIEW_LOADED);
  g_assert_true (gtk_widget_get_mapped (paddock_test_get_named (root, "equity-value")));

  destroy_window (window);
}

static void
test_refresh (void)
{
  PaddockWindow *window = new_window ();
  GtkWidget *root = GTK_WIDGET (window);
  g_autoptr (PaddockAccount) account = parse_account (example_account);
  guint refreshes = 0;

  g_signal_connect (window, "refresh-requested", G_CALLBACK (count_cb), &refreshes);
  g_assert_cmpuint (paddock_window_get_refresh_interval (window), ==, 30);

  /* no timer before there is an account to refresh */
  g_assert_false (paddock_window_is_refreshing (window));

  paddock_window_show_account (window, account, PADDOCK_ENVIRONMENT_PAPER);
  g_assert_true (paddock_window_is_refreshing (window));

  /* Ctrl+R */
  g_assert_true (activate_shortcut (root, GDK_KEY_r, GDK_CONTROL_MASK));
  g_assert_cmpuint (refreshes, ==, 1);

  /* the timer */
  refreshes = 0;
  paddock_window_set_refresh_interval (window, 1);
  wait_for (&refreshes, 5);
  g_assert_cmpuint (refreshes, >=, 1);

  /* not while another page is shown, nor while the window is hidden */
  paddock_window_show_welcome (window);
  g_assert_false (paddock_window_is_refreshing (window));
  paddock_window_show_account (window, account, PADDOCK_ENVIRONMENT_PAPER);
  g_assert_true (paddock_window_is_refreshing (window));
  gtk_widget_set_visible (root, FALSE);
  g_assert_false (paddock_window_is_refreshing (window));
  refreshes = 0;
  {
    guint never = 0;

    wait_for (&never, 2);
  }
  g_assert_cmpuint (refreshes, ==, 0);
  gtk_widget_set_visible (root, TRUE);
  paddock_test_drain ();
  g_assert_true (paddock_window_is_refreshing (window));

  paddock_window_set_refresh_interval (window, 0);
  g_assert_false (paddock_window_is_refreshing (window));

  destroy_window (window);
}

static void
account_selected_cb (PaddockWindow       *window,
                     PaddockAccountItem  *item,
                     PaddockAccountItem **out)
{
  g_set_object (out, item);
}

static void
sign_out_cb (PaddockWindow  *window,
             const char     *account_id,
             char          **out)
{
  g_free (*out);
  *out = g_strdup (account_id);
}

static void
test_account_switcher (void)
{
  PaddockWindow *window = new_window ();
  GtkWidget *root = GTK_WIDGET (window);
  g_autoptr (PaddockAccount) account = parse_account (example_account);
  g_autoptr (GListStore) accounts = g_list_store_new (PADDOCK_TYPE_ACCOUNT_ITEM);
  g_autoptr (PaddockAccountItem) paper = NULL;
  g_autoptr (PaddockAccountItem) live = NULL;
  g_autoptr (PaddockAccountItem) selected = NULL;
  g_autofree char *signed_out = NULL;
  GtkListBox *list = GTK_LIST_BOX (paddock_test_get_named (root, "accounts-list"));
  AdwMessageDialog *dialog;
  guint add = 0;

  paper = paddock_account_item_new ("3f2c9a1e-5b7d-4c1a-9e8f-0a1b2c3d4e5f", PADDOCK_ENVIRONMENT_PAPER, "PA31Z8KQ0XYZ");
  live = paddock_account_item_new ("77aa0000-0000-4000-8000-000000000001", PADDOCK_ENVIRONMENT_LIVE, "3AB12345");
  g_list_store_append (accounts, paper);
  g_list_store_append (accounts, live);

  paddock_window_show_account (window, account, PADDOCK_ENVIRONMENT_PAPER);
  paddock_window_set_accounts (window, G_LIST_MODEL (accounts));
  g_assert_nonnull (gtk_list_box_get_row_at_index (list, 1));
  g_assert_null (gtk_list_box_get_row_at_index (list, 2));
  g_assert_true (paddock_test_has_label_with_text (GTK_WIDGET (list), "3AB12345"));
  g_assert_true (paddock_test_has_label_with_text (GTK_WIDGET (list), "Live"));

  g_signal_connect (window, "account-selected", G_CALLBACK (account_selected_cb), &selected);
  gtk_widget_activate (GTK_WIDGET (gtk_list_box_get_row_at_index (list, 1)));
  g_assert_true (selected == live);

  g_signal_connect (window, "add-account-requested", G_CALLBACK (count_cb), &add);
  click (paddock_test_get_named (root, "add-account-button"));
  g_assert_cmpuint (add, ==, 1);

  /* Sign Out… asks first */
  g_signal_connect (window, "sign-out-requested", G_CALLBACK (sign_out_cb), &signed_out);
  click (paddock_test_get_named (root, "sign-out-button"));
  dialog = paddock_test_find_message_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Sign Out?");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "PA31Z8KQ0XYZ"));
  g_assert_cmpint (adw_message_dialog_get_response_appearance (dialog, "sign-out"), ==,
                   ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_response (dialog, "cancel");
  g_assert_null (signed_out);
  gtk_window_destroy (GTK_WINDOW (dialog));

  click (paddock_test_get_named (root, "sign-out-button"));
  dialog = paddock_test_find_message_dialog ();
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "sign-out");
  g_assert_cmpstr (signed_out, ==, "3f2c9a1e-5b7d-4c1a-9e8f-0a1b2c3d4e5f");

  destroy_window (window);
}

static void
test_about (void)
{
  PaddockWindow *window = new_window ();
  g_autoptr (GList) toplevels = NULL;
  AdwAboutWindow *about = NULL;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.about", NULL));
  paddock_test_drain ();
  toplevels = gtk_window_list_toplevels ();
  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_ABOUT_WINDOW (l->data))
      about = l->data;
  g_assert_nonnull (about);
  g_assert_cmpstr (adw_about_window_get_application_name (about), ==, "Paddock");
  g_assert_nonnull (strstr (adw_about_window_get_comments (about),
                            "not made by, endorsed by or affiliated with Alpaca"));

  destroy_window (window);
}

static void
test_self_screenshot (void)
{
  PaddockWindow *window = new_window ();
  g_autoptr (PaddockAccount) account = parse_account (example_account);
  g_autofree char *dir = g_dir_make_tmp ("paddock-ui-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "overview.png", NULL);

  paddock_window_show_account (window, account, PADDOCK_ENVIRONMENT_PAPER);
  paddock_test_save_screenshot (window, path);

  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
  destroy_window (window);
}

/* the demo brokerage's data, below */
static void demo_data (void);
static GListStore *demo_positions;
static GListStore *demo_orders;

/* Waits until the report at @path holds @needle, and returns it parsed. */
static JsonObject *
wait_report (const char *path,
             const char *needle,
             JsonParser *parser)
{
  gboolean timed_out = FALSE;
  guint timeout = g_timeout_add_seconds (10, timeout_cb, &timed_out);
  g_autofree char *text = NULL;

  while (!timed_out)
    {
      g_clear_pointer (&text, g_free);
      if (g_file_get_contents (path, &text, NULL, NULL) && strstr (text, needle) != NULL)
        break;
      g_main_context_iteration (NULL, TRUE);
    }
  g_assert_false (timed_out);
  g_source_remove (timeout);
  g_assert_true (json_parser_load_from_data (parser, text, -1, NULL));
  return json_node_get_object (json_parser_get_root (parser));
}

/* The test hooks watch the window, nobody calls them: what it shows is written down after
 * each change, read back from its widgets. */
static void
test_hooks_report (void)
{
  g_autofree char *dir = g_dir_make_tmp ("paddock-ui-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "report.json", NULL);
  g_autoptr (PaddockAccount) account = parse_account (example_account);
  g_autoptr (GError) problem = g_error_new_literal (PADDOCK_ERROR, PADDOCK_ERROR_NETWORK, "down");
  PaddockWindow *window;
  JsonObject *report;

  g_setenv ("PADDOCK_TEST_REPORT", path, TRUE);
  window = new_window ();
  paddock_test_hooks_attach (window);
  g_unsetenv ("PADDOCK_TEST_REPORT");

  paddock_window_show_problem (window, problem);
  {
    g_autoptr (JsonParser) parser = json_parser_new ();

    report = wait_report (path, "\"problem\"", parser);
    g_assert_cmpstr (json_object_get_string_member (report, "page"), ==, "problem");
    g_assert_cmpstr (json_object_get_string_member (report, "problem"), ==,
                     "Alpaca Could Not Be Reached");
    /* no environment named yet */
    g_assert_true (json_object_get_null_member (report, "environment"));
  }

  paddock_window_show_account (window, account, PADDOCK_ENVIRONMENT_LIVE);
  {
    g_autoptr (JsonParser) parser = json_parser_new ();

    report = wait_report (path, "equity-value", parser);
    g_assert_cmpstr (json_object_get_string_member (report, "page"), ==, "account");
    g_assert_cmpstr (json_object_get_string_member (report, "environment"), ==, "live");
    g_assert_cmpstr (json_object_get_string_member (report, "badge"), ==, "Live");
    g_assert_cmpstr (json_object_get_string_member (report, "account-number-value"), ==,
                     paddock_account_get_account_number (account));
  }

  /* the view shown and the rows each page's table is bound to */
  demo_data ();
  paddock_positions_page_set_model (paddock_window_get_positions_page (window),
                                    G_LIST_MODEL (demo_positions));
  paddock_orders_page_set_model (paddock_window_get_orders_page (window), G_LIST_MODEL (demo_orders));
  paddock_orders_page_set_filter (paddock_window_get_orders_page (window), PADDOCK_ORDERS_FILTER_ALL);
  paddock_window_set_view (window, "positions");
  {
    g_autoptr (JsonParser) parser = json_parser_new ();
    JsonObject *rows;

    report = wait_report (path, "\"view\":\"positions\"", parser);
    rows = json_object_get_object_member (report, "rows");
    g_assert_cmpint (json_object_get_int_member (rows, "positions"), ==,
                     g_list_model_get_n_items (G_LIST_MODEL (demo_positions)));
    g_assert_cmpint (json_object_get_int_member (rows, "orders"), ==,
                     g_list_model_get_n_items (G_LIST_MODEL (demo_orders)));
    g_assert_cmpint (json_object_get_int_member (rows, "activity"), ==, 0);
  }
  paddock_positions_page_set_model (paddock_window_get_positions_page (window), NULL);
  paddock_orders_page_set_model (paddock_window_get_orders_page (window), NULL);

  /* the stream indicator, in words; the reason made printable */
  {
    g_autoptr (JsonParser) parser = json_parser_new ();
    g_autoptr (GError) refused = g_error_new_literal (PADDOCK_ERROR, PADDOCK_ERROR_PROTOCOL,
                                                      "access denied\x1b[2J");
    const char *stream;

    paddock_window_set_stream_state (window, PADDOCK_TRADE_STREAM_STATE_LIVE, NULL, 0);
    report = wait_report (path, "\"stream\":\"Live updates\"", parser);
    paddock_window_set_stream_state (window, PADDOCK_TRADE_STREAM_STATE_FAILED, refused, 0);
    report = wait_report (path, "\"stream\":\"Live updates are off: access denied", parser);
    stream = json_object_get_string_member (report, "stream");
    g_assert_null (strchr (stream, '\x1b'));
    paddock_window_set_stream_state (window, PADDOCK_TRADE_STREAM_STATE_RECONNECTING, refused,
                                     g_get_monotonic_time () + 30 * G_USEC_PER_SEC);
    report = wait_report (path, "\"stream\":\"Reconnecting in ", parser);
    paddock_window_set_stream_state (window, PADDOCK_TRADE_STREAM_STATE_STOPPED, NULL, 0);
    report = wait_report (path, "\"stream\":null", parser);
    g_assert_null (paddock_window_get_stream_status (window));
  }

  destroy_window (window);
  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* The smallest size the window supports still shows every figure, and the view switcher
 * moves to the bottom bar. */
static void
test_narrow (void)
{
  PaddockWindow *window = new_window ();
  GtkWidget *root = GTK_WIDGET (window);
  g_autoptr (PaddockAccount) account = parse_account (example_account);
  const char *keep = g_getenv ("PADDOCK_NARROW_SCREENSHOT");
  g_autofree char *dir = g_dir_make_tmp ("paddock-ui-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "narrow.png", NULL);
  const char *figures[] = { "equity-value", "today-value", "cash-value", "buying-power-value" };

  update_account (account, "{\"pattern_day_trader\":true}");
  paddock_window_show_account (window, account, PADDOCK_ENVIRONMENT_LIVE);
  paddock_test_size_content (window, 360, 600);
  paddock_test_wait_frames (root, 3);

  for (gsize i = 0; i < G_N_ELEMENTS (figures); i++)
    {
      GtkWidget *label = paddock_test_get_named (root, figures[i]);
      int natural = 0;

      /* no figure is cut: each gets at least the width it asks for */
      gtk_widget_measure (label, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &natural, NULL, NULL);
      g_assert_cmpint (gtk_widget_get_width (label), >=, natural);
    }

  paddock_test_save_screenshot (window, keep != NULL ? keep : path);
  if (keep == NULL)
    g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
  destroy_window (window);
}

/* The pictures for the README and the metainfo, in light and dark. */
static void
test_screenshots (void)
{
  const char *out = g_getenv ("PADDOCK_SCREENSHOT_DIR");
  g_autofree char *dir = out != NULL ? g_strdup (out) : g_dir_make_tmp ("paddock-shots-XXXXXX", NULL);
  AdwStyleManager *style = adw_style_manager_get_default ();
  const struct {
    AdwColorScheme scheme;
    const char *suffix;
  } schemes[] = {
    { ADW_COLOR_SCHEME_FORCE_LIGHT, "" },
    { ADW_COLOR_SCHEME_FORCE_DARK, "-dark" },
  };

  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);

  for (gsize i = 0; i < G_N_ELEMENTS (schemes); i++)
    {
      PaddockWindow *window;
      g_autoptr (PaddockAccount) account = parse_account (example_account);
      g_autofree char *welcome = g_strdup_printf ("%s/welcome%s.png", dir, schemes[i].suffix);
      g_autofree char *waiting = g_strdup_printf ("%s/waiting%s.png", dir, schemes[i].suffix);
      g_autofree char *overview = g_strdup_printf ("%s/overview%s.png", dir, schemes[i].suffix);

      adw_style_manager_set_color_scheme (style, schemes[i].scheme);
      window = new_window ();
      paddock_test_size_content (window, 1100, 720);

      paddock_test_save_screenshot (window, welcome);
      paddock_window_show_waiting (window, AUTHORIZE_URI);
      paddock_test_save_screenshot (window, waiting);
      paddock_window_show_account (window, account, PADDOCK_ENVIRONMENT_PAPER);
      paddock_test_save_screenshot (window, overview);

      destroy_window (window);
      g_assert_finalize_object (g_steal_pointer (&account));

      if (out == NULL)
        {
          g_assert_cmpint (g_unlink (welcome), ==, 0);
          g_assert_cmpint (g_unlink (waiting), ==, 0);
          g_assert_cmpint (g_unlink (overview), ==, 0);
        }
    }

  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
  if (out == NULL)
    g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* ---- the trading pages ---------------------------------------------------------------- */

/* A sandbox with the demo history (the app's demo data), started once for these tests,
 * and what it serves parsed by the models: the data a store would hold. */
static SandboxFixture demo;
static GListStore *demo_positions;
static GListStore *demo_orders;
static GListStore *demo_activities;
static char *bracket_id;

static void
demo_data (void)
{
  if (demo.sandbox != NULL)
    return;

  paddock_test_demo_sandbox_setup (&demo);

  /* a bracket order resting far under the market: its legs are held under it */
  {
    g_autoptr (TestReply) order =
      test_request (&demo, "POST", "paper:/v2/orders", demo.token,
                    "{\"symbol\":\"AAPL\",\"qty\":\"2\",\"side\":\"buy\",\"type\":\"limit\","
                    "\"limit_price\":\"1.00\",\"time_in_force\":\"gtc\","
                    "\"client_order_id\":\"paddock-test-bracket\",\"order_class\":\"bracket\","
                    "\"take_profit\":{\"limit_price\":\"3.00\"},"
                    "\"stop_loss\":{\"stop_price\":\"0.50\"}}");

    g_assert_cmpuint (order->status, ==, 200);
    bracket_id = g_strdup (json_object_get_string_member (test_reply_object (order), "id"));
  }

  demo_positions = paddock_test_fetch_items (&demo, "paper:/v2/positions", PADDOCK_TYPE_POSITION);
  demo_orders = paddock_test_fetch_items (&demo,
                                          "paper:/v2/orders?status=all&nested=true&limit=500",
                                          PADDOCK_TYPE_ORDER);
  demo_activities = paddock_test_fetch_items (&demo, "paper:/v2/account/activities",
                                              PADDOCK_TYPE_ACTIVITY);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (demo_positions)), >, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (demo_orders)), >, 10);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (demo_activities)), >, 10);
}

static void
demo_data_free (void)
{
  if (demo.sandbox == NULL)
    return;
  g_clear_object (&demo_positions);
  g_clear_object (&demo_orders);
  g_clear_object (&demo_activities);
  g_clear_pointer (&bracket_id, g_free);
  sandbox_fixture_teardown (&demo, NULL);
}

/* A window on the account, showing @view. */
static PaddockWindow *
account_window (const char      *view,
                PaddockAccount **account_out)
{
  PaddockWindow *window = new_window ();

  *account_out = parse_account (example_account);
  paddock_window_show_account (window, *account_out, PADDOCK_ENVIRONMENT_PAPER);
  paddock_test_size_content (window, 1100, 720);
  paddock_window_set_view (window, view);
  paddock_test_wait_frames (GTK_WIDGET (window), 3);
  g_assert_cmpstr (paddock_window_get_view (window), ==, view);
  return window;
}

static GtkColumnViewColumn *
column_by_id (GtkColumnView *view,
              const char    *id)
{
  GListModel *columns = gtk_column_view_get_columns (view);

  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr (GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      if (g_strcmp0 (g_object_get_data (G_OBJECT (column), "paddock-column-id"), id) == 0)
        return column;
    }
  g_error ("no column %s", id);
}

static gpointer
row_item (GListModel *rows,
          guint       i)
{
  g_autoptr (GObject) row = g_list_model_get_item (rows, i);

  if (GTK_IS_TREE_LIST_ROW (row))
    return gtk_tree_list_row_get_item (GTK_TREE_LIST_ROW (row));
  return g_steal_pointer (&row);
}

/* Every label under @root with the style class @css_class. */
static void
collect_labels (GtkWidget  *root,
                const char *css_class,
                GPtrArray  *out)
{
  if (GTK_IS_LABEL (root) && gtk_widget_has_css_class (root, css_class) &&
      gtk_widget_get_mapped (root))
    g_ptr_array_add (out, root);
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_labels (child, css_class, out);
}

static guint
count_widgets (GtkWidget *root,
               GType      type)
{
  guint n = g_type_is_a (G_OBJECT_TYPE (root), type) ? 1 : 0;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += count_widgets (child, type);
  return n;
}

static void
string_cb (gpointer    instance,
           const char *a,
           const char *b,
           gpointer    user_data)
{
  char **out = user_data;

  g_free (out[0]);
  g_free (out[1]);
  out[0] = g_strdup (a);
  out[1] = g_strdup (b);
}

static void
respond (const char *response)
{
  AdwMessageDialog *dialog = paddock_test_find_message_dialog ();

  g_assert_nonnull (dialog);
  g_assert_true (adw_message_dialog_has_response (dialog, response));
  adw_message_dialog_response (dialog, response);
  gtk_window_destroy (GTK_WINDOW (dialog));
  paddock_test_drain ();
}

static void
test_positions_page (void)
{
  g_autoptr (PaddockAccount) account = NULL;
  PaddockWindow *window;
  PaddockPositionsPage *page;
  GtkColumnView *view;
  GListModel *rows;
  guint n;
  g_autoptr (GPtrArray) gains = g_ptr_array_new ();
  g_autoptr (GPtrArray) losses = g_ptr_array_new ();
  g_autoptr (GListStore) empty = g_list_store_new (PADDOCK_TYPE_POSITION);
  char *closed[2] = { NULL, NULL };
  guint close_all = 0;
  const GtkSortType orders[] = { GTK_SORT_ASCENDING, GTK_SORT_DESCENDING };

  demo_data ();
  window = account_window ("positions", &account);
  page = paddock_window_get_positions_page (window);
  view = paddock_positions_page_get_column_view (page);
  rows = G_LIST_MODEL (gtk_column_view_get_model (view));

  paddock_positions_page_set_model (page, G_LIST_MODEL (demo_positions));
  paddock_test_wait_frames (GTK_WIDGET (window), 3);
  n = g_list_model_get_n_items (G_LIST_MODEL (demo_positions));
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, n);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (view)));
  g_assert_false (
    gtk_widget_get_mapped (paddock_test_get_named (GTK_WIDGET (window), "positions-empty")));

  /* sorted by the value of the P/L, not by its text, both ways */
  for (gsize o = 0; o < G_N_ELEMENTS (orders); o++)
    {
      gtk_column_view_sort_by_column (view, column_by_id (view, "unrealized-pl"), orders[o]);
      paddock_test_drain ();
      g_assert_cmpuint (g_list_model_get_n_items (rows), ==, n);
      for (guint i = 1; i < n; i++)
        {
          g_autoptr (PaddockPosition) a = row_item (rows, i - 1);
          g_autoptr (PaddockPosition) b = row_item (rows, i);
          double x = g_ascii_strtod (paddock_position_get_unrealized_pl (a), NULL);
          double y = g_ascii_strtod (paddock_position_get_unrealized_pl (b), NULL);

          if (orders[o] == GTK_SORT_ASCENDING)
            g_assert_cmpfloat (x, <=, y);
          else
            g_assert_cmpfloat (x, >=, y);
        }
    }
  /* ... and the symbol column by its text */
  gtk_column_view_sort_by_column (view, column_by_id (view, "symbol"), GTK_SORT_ASCENDING);
  paddock_test_drain ();
  for (guint i = 1; i < n; i++)
    {
      g_autoptr (PaddockPosition) a = row_item (rows, i - 1);
      g_autoptr (PaddockPosition) b = row_item (rows, i);

      g_assert_cmpstr (paddock_position_get_symbol (a), <, paddock_position_get_symbol (b));
    }

  /* a gain is green and says "+", a loss red and says "−": colour never alone */
  paddock_test_wait_frames (GTK_WIDGET (window), 2);
  collect_labels (GTK_WIDGET (view), "success", gains);
  collect_labels (GTK_WIDGET (view), "error", losses);
  g_assert_cmpuint (gains->len + losses->len, >, 0);
  for (guint i = 0; i < gains->len; i++)
    g_assert_true (g_str_has_prefix (gtk_label_get_label (gains->pdata[i]), "+"));
  for (guint i = 0; i < losses->len; i++)
    g_assert_true (g_str_has_prefix (gtk_label_get_label (losses->pdata[i]), MINUS));

  /* Close Position… asks first, then asks the controller to close all of it */
  {
    g_autoptr (PaddockPosition) first = g_list_model_get_item (G_LIST_MODEL (demo_positions), 0);
    const char *symbol = paddock_position_get_symbol (first);

    g_signal_connect (page, "close-requested", G_CALLBACK (string_cb), closed);
    g_signal_connect (page, "close-all-requested", G_CALLBACK (count_cb), &close_all);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "positions.close", "s", symbol));
    respond ("cancel");
    g_assert_null (closed[0]);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "positions.close", "s", symbol));
    respond ("close");
    g_assert_cmpstr (closed[0], ==, symbol);
    g_assert_null (closed[1]);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "positions.close-all", NULL));
    respond ("close");
    g_assert_cmpuint (close_all, ==, 1);
    g_free (closed[0]);
  }

  /* no positions: the empty state, and nothing to close */
  paddock_positions_page_set_model (page, G_LIST_MODEL (empty));
  paddock_test_wait_frames (GTK_WIDGET (window), 2);
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 0);
  g_assert_true (
    gtk_widget_get_mapped (paddock_test_get_named (GTK_WIDGET (window), "positions-empty")));
  g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (
                     paddock_test_get_named (GTK_WIDGET (window), "positions-empty"))),
                   ==, "No Positions");
  g_assert_false (
    gtk_widget_is_sensitive (paddock_test_get_named (GTK_WIDGET (window), "close-all-button")));

  paddock_positions_page_set_model (page, NULL);
  destroy_window (window);
}

static guint
count_open (GListModel *orders)
{
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (orders); i++)
    {
      g_autoptr (PaddockOrder) order = g_list_model_get_item (orders, i);

      n += paddock_order_is_open (order);
    }
  return n;
}

static void
wait_rows (GListModel *rows,
           guint       n)
{
  gboolean timed_out = FALSE;
  guint timeout = g_timeout_add_seconds (5, timeout_cb, &timed_out);

  while (g_list_model_get_n_items (rows) != n && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (timeout);
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, n);
}

static void
order_cb (gpointer      page,
          PaddockOrder *order,
          gpointer      user_data)
{
  g_set_object ((PaddockOrder **) user_data, order);
}

static void
test_orders_page (void)
{
  g_autoptr (PaddockAccount) account = NULL;
  PaddockWindow *window;
  PaddockOrdersPage *page;
  GtkColumnView *view;
  GListModel *rows;
  GListModel *source;
  guint n, n_open, n_aapl = 0, n_sell = 0;
  g_autoptr (GListStore) empty = g_list_store_new (PADDOCK_TYPE_ORDER);
  g_autoptr (PaddockOrder) cancelled = NULL;
  g_autoptr (PaddockOrder) replaced = NULL;
  guint cancel_all = 0;

  demo_data ();
  source = G_LIST_MODEL (demo_orders);
  n = g_list_model_get_n_items (source);
  n_open = count_open (source);
  g_assert_cmpuint (n_open, >, 0);
  g_assert_cmpuint (n_open, <, n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (PaddockOrder) order = g_list_model_get_item (source, i);

      n_aapl += g_strcmp0 (paddock_order_get_symbol (order), "AAPL") == 0;
      n_sell += paddock_order_get_side (order) == PADDOCK_ORDER_SIDE_SELL;
    }

  window = account_window ("orders", &account);
  page = paddock_window_get_orders_page (window);
  view = paddock_orders_page_get_column_view (page);
  rows = G_LIST_MODEL (gtk_column_view_get_model (view));
  paddock_orders_page_set_model (page, source);
  paddock_test_wait_frames (GTK_WIDGET (window), 3);

  /* Open first: the working orders only */
  g_assert_cmpint (paddock_orders_page_get_filter (page), ==, PADDOCK_ORDERS_FILTER_OPEN);
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, n_open);
  for (guint i = 0; i < n_open; i++)
    {
      g_autoptr (PaddockOrder) order = row_item (rows, i);

      g_assert_true (paddock_order_is_open (order));
    }

  /* Closed, through its toggle */
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (paddock_test_get_named (GTK_WIDGET (page),
                                                                           "orders-closed-toggle")),
                                TRUE);
  paddock_test_drain ();
  g_assert_cmpint (paddock_orders_page_get_filter (page), ==, PADDOCK_ORDERS_FILTER_CLOSED);
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, n - n_open);
  for (guint i = 0; i < n - n_open; i++)
    {
      g_autoptr (PaddockOrder) order = row_item (rows, i);

      g_assert_false (paddock_order_is_open (order));
    }

  /* All */
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (
                                  paddock_test_get_named (GTK_WIDGET (page), "orders-all-toggle")),
                                TRUE);
  paddock_test_drain ();
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, n);

  /* the symbol search, case-insensitive */
  gtk_editable_set_text (GTK_EDITABLE (paddock_test_get_named (GTK_WIDGET (page), "orders-search")),
                         "aapl");
  wait_rows (rows, n_aapl);
  g_assert_cmpuint (n_aapl, >, 0);
  for (guint i = 0; i < n_aapl; i++)
    {
      g_autoptr (PaddockOrder) order = row_item (rows, i);

      g_assert_cmpstr (paddock_order_get_symbol (order), ==, "AAPL");
    }
  gtk_editable_set_text (GTK_EDITABLE (paddock_test_get_named (GTK_WIDGET (page), "orders-search")),
                         "");
  wait_rows (rows, n);

  /* the side */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (
                                paddock_test_get_named (GTK_WIDGET (page), "orders-side")),
                              2);
  paddock_test_drain ();
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, n_sell);
  for (guint i = 0; i < n_sell; i++)
    {
      g_autoptr (PaddockOrder) order = row_item (rows, i);

      g_assert_cmpint (paddock_order_get_side (order), ==, PADDOCK_ORDER_SIDE_SELL);
    }
  gtk_drop_down_set_selected (GTK_DROP_DOWN (
                                paddock_test_get_named (GTK_WIDGET (page), "orders-side")),
                              0);
  paddock_test_drain ();
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, n);

  /* the bracket's legs come under it when expanded */
  gtk_column_view_sort_by_column (view, column_by_id (view, "submitted"), GTK_SORT_DESCENDING);
  paddock_test_drain ();
  {
    guint at = G_MAXUINT;

    for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
      {
        g_autoptr (PaddockOrder) order = row_item (rows, i);

        if (g_strcmp0 (paddock_order_get_id (order), bracket_id) == 0)
          at = i;
      }
    g_assert_cmpuint (at, !=, G_MAXUINT);
    {
      g_autoptr (GtkTreeListRow) row = g_list_model_get_item (rows, at);
      g_autoptr (PaddockOrder) parent = gtk_tree_list_row_get_item (row);
      GListModel *legs = paddock_order_get_legs (parent);

      g_assert_true (gtk_tree_list_row_is_expandable (row));
      g_assert_cmpuint (g_list_model_get_n_items (legs), ==, 2);
      gtk_tree_list_row_set_expanded (row, TRUE);
      paddock_test_drain ();
      g_assert_cmpuint (g_list_model_get_n_items (rows), ==, n + 2);
      for (guint l = 0; l < 2; l++)
        {
          g_autoptr (GtkTreeListRow) leg_row = g_list_model_get_item (rows, at + 1 + l);
          g_autoptr (PaddockOrder) leg = gtk_tree_list_row_get_item (leg_row);
          g_autoptr (PaddockOrder) first = g_list_model_get_item (legs, 0);
          g_autoptr (PaddockOrder) second = g_list_model_get_item (legs, 1);
          g_autoptr (GtkTreeListRow) leg_parent = gtk_tree_list_row_get_parent (leg_row);

          /* both legs, in the table's order */
          g_assert_cmpuint (gtk_tree_list_row_get_depth (leg_row), ==, 1);
          g_assert_true (leg_parent == row);
          g_assert_true (leg == first || leg == second);
        }
      /* the legs stay under their parent, and shown, when the table is sorted another way */
      gtk_column_view_sort_by_column (view, column_by_id (view, "qty"), GTK_SORT_ASCENDING);
      paddock_test_drain ();
      g_assert_cmpuint (g_list_model_get_n_items (rows), ==, n + 2);
      for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
        {
          g_autoptr (GtkTreeListRow) r = g_list_model_get_item (rows, i);

          if (gtk_tree_list_row_get_depth (r) == 1)
            {
              g_autoptr (GtkTreeListRow) above = g_list_model_get_item (rows, i - 1);
              g_autoptr (GtkTreeListRow) parent_row = gtk_tree_list_row_get_parent (r);

              g_autoptr (GtkTreeListRow) above_parent = gtk_tree_list_row_get_parent (above);

              g_assert_true (above == parent_row || above_parent == parent_row);
            }
        }
      gtk_tree_list_row_set_expanded (row, FALSE);
      paddock_test_drain ();
    }
  }

  /* the row menu's actions: Cancel and Replace… go to the controller, Details opens */
  g_signal_connect (page, "cancel-requested", G_CALLBACK (order_cb), &cancelled);
  g_signal_connect (page, "replace-requested", G_CALLBACK (order_cb), &replaced);
  g_signal_connect (page, "cancel-all-requested", G_CALLBACK (count_cb), &cancel_all);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "orders.cancel", "s", bracket_id));
  g_assert_nonnull (cancelled);
  g_assert_cmpstr (paddock_order_get_id (cancelled), ==, bracket_id);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "orders.replace", "s", bracket_id));
  g_assert_true (replaced == cancelled);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "orders.cancel-all", NULL));
  respond ("keep");
  g_assert_cmpuint (cancel_all, ==, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "orders.cancel-all", NULL));
  respond ("cancel-all");
  g_assert_cmpuint (cancel_all, ==, 1);

  /* Details: every field, client_order_id and the legs among them */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "orders.details", "s", bracket_id));
  paddock_test_drain ();
  {
    g_autoptr (GList) toplevels = gtk_window_list_toplevels ();
    PaddockOrderDetails *details = NULL;
    GtkWidget *client_row, *legs_row;

    for (GList *l = toplevels; l != NULL; l = l->next)
      if (PADDOCK_IS_ORDER_DETAILS (l->data))
        details = l->data;
    g_assert_nonnull (details);
    g_assert_cmpstr (paddock_order_get_id (paddock_order_details_get_order (details)), ==, bracket_id);
    client_row = paddock_test_get_named (GTK_WIDGET (details), "client-order-id");
    g_assert_true (paddock_test_has_label_with_text (client_row, "paddock-test-bracket"));
    g_assert_true (paddock_test_has_label_with_text (client_row, "client_order_id"));
    legs_row = paddock_test_get_named (GTK_WIDGET (details), "legs");
    g_assert_false (paddock_test_has_label_with_text (legs_row, "—"));
    paddock_test_get_named (GTK_WIDGET (details), "submitted-at");
    paddock_test_get_named (GTK_WIDGET (details), "filled-avg-price");
    gtk_window_destroy (GTK_WINDOW (details));
  }

  /* empty states say what is missing */
  paddock_orders_page_set_model (page, G_LIST_MODEL (empty));
  paddock_orders_page_set_filter (page, PADDOCK_ORDERS_FILTER_OPEN);
  paddock_test_wait_frames (GTK_WIDGET (window), 2);
  g_assert_true (
    gtk_widget_get_mapped (paddock_test_get_named (GTK_WIDGET (window), "orders-empty")));
  g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (
                     paddock_test_get_named (GTK_WIDGET (window), "orders-empty"))),
                   ==, "No Open Orders");
  g_assert_false (
    gtk_widget_is_sensitive (paddock_test_get_named (GTK_WIDGET (window), "cancel-all-button")));

  paddock_orders_page_set_model (page, NULL);
  destroy_window (window);
}

/* Statuses in words with their dot; one this version does not know, by its code. */
static void
test_orders_status (void)
{
  const char *statuses[] = { "filled", "canceled", "rejected", "new", "brand_new_status" };
  const char *words[] = { "Filled", "Canceled", "Rejected", "New", "brand_new_status" };
  const char *dots[] = { "filled", "canceled", "rejected", "working", "unknown" };
  g_autoptr (GListStore) store = g_list_store_new (PADDOCK_TYPE_ORDER);
  g_autoptr (PaddockAccount) account = NULL;
  PaddockWindow *window;
  PaddockOrdersPage *page;

  for (gsize i = 0; i < G_N_ELEMENTS (statuses); i++)
    {
      g_autofree char *json = g_strdup_printf (
        "{\"id\":\"order-%" G_GSIZE_FORMAT "\",\"symbol\":\"SYM%" G_GSIZE_FORMAT "\","
        "\"side\":\"buy\",\"status\":\"%s\",\"qty\":\"1\",\"type\":\"market\","
        "\"time_in_force\":\"day\",\"submitted_at\":\"2024-01-08T15:00:00Z\"}",
        i, i, statuses[i]);
      g_autoptr (JsonNode) node = json_from_string (json, NULL);
      g_autoptr (GError) error = NULL;
      g_autoptr (PaddockOrder) order = paddock_order_new_from_json (node, &error);

      g_assert_no_error (error);
      g_list_store_append (store, order);
    }

  window = account_window ("orders", &account);
  page = paddock_window_get_orders_page (window);
  paddock_orders_page_set_model (page, G_LIST_MODEL (store));
  paddock_orders_page_set_filter (page, PADDOCK_ORDERS_FILTER_ALL);
  paddock_test_wait_frames (GTK_WIDGET (window), 3);

  for (gsize i = 0; i < G_N_ELEMENTS (words); i++)
    {
      g_autoptr (GPtrArray) dot_widgets = g_ptr_array_new ();
      GtkWidget *view = GTK_WIDGET (paddock_orders_page_get_column_view (page));
      gboolean found = FALSE;

      g_assert_true (paddock_test_has_label_with_text (view, words[i]));
      /* the dot beside the words has the status's colour */
      for (GtkWidget *w = view; w != NULL; w = NULL)
        {
          GPtrArray *stack = g_ptr_array_new ();

          g_ptr_array_add (stack, w);
          while (stack->len > 0)
            {
              GtkWidget *cur = g_ptr_array_steal_index (stack, stack->len - 1);

              if (gtk_widget_has_css_class (cur, "status-dot"))
                {
                  GtkWidget *label = gtk_widget_get_next_sibling (cur);

                  if (g_strcmp0 (gtk_label_get_label (GTK_LABEL (label)), words[i]) == 0)
                    found = gtk_widget_has_css_class (cur, dots[i]);
                }
              for (GtkWidget *c = gtk_widget_get_first_child (cur); c; c = gtk_widget_get_next_sibling (c))
                g_ptr_array_add (stack, c);
            }
          g_ptr_array_unref (stack);
        }
      g_assert_true (found);
    }

  /* an order updated in place that stops working leaves the Open orders */
  paddock_orders_page_set_filter (page, PADDOCK_ORDERS_FILTER_OPEN);
  {
    GListModel *rows = G_LIST_MODEL (gtk_column_view_get_model (paddock_orders_page_get_column_view (page)));
    g_autoptr (PaddockOrder) working = g_list_model_get_item (G_LIST_MODEL (store), 3);
    g_autoptr (JsonNode) node = json_from_string (
      "{\"id\":\"order-3\",\"symbol\":\"SYM3\",\"side\":\"buy\",\"status\":\"canceled\","
      "\"qty\":\"1\",\"type\":\"market\",\"time_in_force\":\"day\","
      "\"submitted_at\":\"2024-01-08T15:00:00Z\"}", NULL);
    g_autoptr (GError) error = NULL;
    gboolean changed = FALSE;
    guint n_open = count_open (G_LIST_MODEL (store));

    g_assert_cmpuint (g_list_model_get_n_items (rows), ==, n_open);
    g_assert_cmpuint (g_list_model_get_n_items (rows), >, 0);
    g_assert_true (paddock_order_is_open (working));
    g_assert_true (paddock_order_update_from_json (working, node, &changed, &error));
    g_assert_no_error (error);
    g_assert_true (changed);
    paddock_test_drain ();
    g_assert_cmpuint (count_open (G_LIST_MODEL (store)), ==, n_open - 1);
    g_assert_cmpuint (g_list_model_get_n_items (rows), ==, n_open - 1);
  }

  paddock_orders_page_set_model (page, NULL);
  destroy_window (window);
}

/* Whether a mapped row's expander under @root shows @order. */
static gboolean
expander_shows (GtkWidget    *root,
                PaddockOrder *order)
{
  if (GTK_IS_TREE_EXPANDER (root) && gtk_widget_get_mapped (root))
    {
      g_autoptr (GObject) item = gtk_tree_expander_get_item (GTK_TREE_EXPANDER (root));

      if (item == G_OBJECT (order))
        return TRUE;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (expander_shows (child, order))
      return TRUE;
  return FALSE;
}

/* Ten thousand orders: the table binds them, scrolls to the end, keeps only the rows on
 * screen as widgets, and asks for more near the end. No timing is asserted. */
static void
test_orders_many (void)
{
  g_autoptr (GListStore) store = g_list_store_new (PADDOCK_TYPE_ORDER);
  g_autoptr (PaddockAccount) account = NULL;
  PaddockWindow *window;
  PaddockOrdersPage *page;
  GtkColumnView *view;
  GtkAdjustment *adj;
  guint load_more = 0;
  gboolean timed_out = FALSE;
  guint timeout;

  for (guint i = 0; i < 10000; i++)
    {
      g_autofree char *json = g_strdup_printf (
        "{\"id\":\"order-%05u\",\"client_order_id\":\"c-%05u\",\"symbol\":\"%s\",\"side\":\"%s\","
        "\"status\":\"filled\",\"qty\":\"%u\",\"filled_qty\":\"%u\",\"filled_avg_price\":\"%u.25\","
        "\"type\":\"market\",\"time_in_force\":\"day\",\"submitted_at\":\"2024-01-08T15:%02u:%02uZ\"}",
        i, i, i % 3 == 0 ? "AAPL" : "MSFT", i % 2 == 0 ? "buy" : "sell", 1 + i % 50, 1 + i % 50,
        100 + i % 300, (i / 60) % 60, i % 60);
      g_autoptr (JsonNode) node = json_from_string (json, NULL);
      g_autoptr (GError) error = NULL;
      g_autoptr (PaddockOrder) order = paddock_order_new_from_json (node, &error);

      g_assert_no_error (error);
      g_list_store_append (store, order);
    }

  window = account_window ("orders", &account);
  page = paddock_window_get_orders_page (window);
  view = paddock_orders_page_get_column_view (page);
  g_signal_connect (page, "load-more-requested", G_CALLBACK (count_cb), &load_more);
  paddock_orders_page_set_model (page, G_LIST_MODEL (store));
  paddock_orders_page_set_filter (page, PADDOCK_ORDERS_FILTER_ALL);
  paddock_test_wait_frames (GTK_WIDGET (window), 3);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (gtk_column_view_get_model (view))), ==, 10000);
  g_assert_cmpuint (load_more, ==, 0);

  adj = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (gtk_widget_get_ancestor (GTK_WIDGET (view), GTK_TYPE_SCROLLED_WINDOW)));
  timeout = g_timeout_add_seconds (60, timeout_cb, &timed_out);
  /* to the end, as a person dragging the scrollbar would get there */
  while (!timed_out &&
         gtk_adjustment_get_value (adj) + gtk_adjustment_get_page_size (adj) < gtk_adjustment_get_upper (adj) - 1)
    {
      gtk_adjustment_set_value (adj, gtk_adjustment_get_value (adj) + gtk_adjustment_get_upper (adj) / 8);
      paddock_test_wait_frames (GTK_WIDGET (window), 1);
    }
  if (!timed_out)
    g_source_remove (timeout);
  g_assert_false (timed_out);
  paddock_test_wait_frames (GTK_WIDGET (window), 2);
  /* the last order is on screen, bound to a row */
  {
    g_autoptr (PaddockOrder) last = g_list_model_get_item (G_LIST_MODEL (store), 9999);

    g_assert_true (expander_shows (GTK_WIDGET (view), last));
  }
  g_assert_cmpuint (load_more, ==, 1);
  /* rows are recycled: widgets for the rows on screen, not for ten thousand */
  g_assert_cmpuint (count_widgets (GTK_WIDGET (view), GTK_TYPE_TREE_EXPANDER), <, 300);

  paddock_orders_page_set_model (page, NULL);
  destroy_window (window);
}

static void
test_activity_page (void)
{
  g_autoptr (PaddockAccount) account = NULL;
  g_autoptr (GListStore) empty = g_list_store_new (PADDOCK_TYPE_ACTIVITY);
  PaddockWindow *window;
  PaddockActivityPage *page;
  GtkListView *view;
  GListModel *rows;
  guint n, headings = 0, days = 0;
  g_autofree char *last_day = NULL;

  demo_data ();
  window = account_window ("activity", &account);
  page = paddock_window_get_activity_page (window);
  view = paddock_activity_page_get_list_view (page);
  rows = G_LIST_MODEL (gtk_list_view_get_model (view));
  paddock_activity_page_set_model (page, G_LIST_MODEL (demo_activities));
  paddock_test_wait_frames (GTK_WIDGET (window), 3);

  n = g_list_model_get_n_items (G_LIST_MODEL (demo_activities));
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, n);
  g_assert_false (
    gtk_widget_get_mapped (paddock_test_get_named (GTK_WIDGET (window), "activity-empty")));

  /* newest first; the rows on screen carry one heading per day, on its first row */
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (view));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *heading = paddock_test_find_named (row, "activity-day");
      GtkWidget *type = paddock_test_find_named (row, "activity-type");
      GtkWidget *amount = paddock_test_find_named (row, "activity-amount");

      if (heading == NULL || !gtk_widget_get_mapped (row))
        continue;
      g_assert_true (GTK_IS_LABEL (type));
      g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (type)), !=, "");
      /* an amount is signed whenever it is coloured */
      if (gtk_widget_has_css_class (amount, "success"))
        g_assert_true (g_str_has_prefix (gtk_label_get_label (GTK_LABEL (amount)), "+"));
      if (gtk_widget_has_css_class (amount, "error"))
        g_assert_true (g_str_has_prefix (gtk_label_get_label (GTK_LABEL (amount)), MINUS));
      if (gtk_widget_get_visible (heading))
        {
          const char *text = gtk_label_get_label (GTK_LABEL (heading));

          headings++;
          g_assert_cmpstr (text, !=, last_day);
          g_free (last_day);
          last_day = g_strdup (text);
        }
    }
  g_assert_cmpuint (headings, >, 0);
  /* the rows are in day order, newest first (checked over the whole model) */
  {
    g_autofree char *previous = NULL;

    for (guint i = 0; i < n; i++)
      {
        g_autoptr (PaddockActivity) activity = g_list_model_get_item (rows, i);
        GDateTime *time = paddock_activity_get_transaction_time (activity);
        g_autofree char *day = NULL;

        if (time != NULL)
          {
            g_autoptr (GDateTime) local = g_date_time_to_local (time);

            day = g_date_time_format (local, "%Y-%m-%d");
          }
        else
          day = g_strndup (paddock_activity_get_date (activity), 10);
        if (previous != NULL)
          g_assert_cmpstr (day, <=, previous);
        if (g_strcmp0 (day, previous) != 0)
          days++;
        g_free (previous);
        previous = g_steal_pointer (&day);
      }
    g_assert_cmpuint (days, >, 1);
  }

  paddock_activity_page_set_model (page, G_LIST_MODEL (empty));
  paddock_test_wait_frames (GTK_WIDGET (window), 2);
  g_assert_true (
    gtk_widget_get_mapped (paddock_test_get_named (GTK_WIDGET (window), "activity-empty")));

  paddock_activity_page_set_model (page, NULL);
  destroy_window (window);
}

/* Each page says when its data is from, spins while it refreshes, and keeps a banner up
 * while a refresh failed; Retry asks for a refresh. */
static void
test_pages_freshness (void)
{
  g_autoptr (PaddockAccount) account = NULL;
  PaddockWindow *window = account_window ("positions", &account);
  GtkWidget *pages[3];
  const char *views[] = { "positions", "orders", "activity" };
  g_autoptr (GError) error = g_error_new_literal (PADDOCK_ERROR, PADDOCK_ERROR_NETWORK, "down");
  g_autoptr (GDateTime) at = g_date_time_new_local (2024, 1, 8, 10, 42, 0);

  pages[0] = GTK_WIDGET (paddock_window_get_positions_page (window));
  pages[1] = GTK_WIDGET (paddock_window_get_orders_page (window));
  pages[2] = GTK_WIDGET (paddock_window_get_activity_page (window));

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      GtkWidget *banner = paddock_test_get_named (pages[i], "stale-banner");
      GtkWidget *spinner = paddock_test_get_named (pages[i], "freshness-spinner");
      guint refreshes = 0;
      g_autoptr (GError) got = NULL;

      paddock_window_set_view (window, views[i]);
      g_signal_connect (pages[i], "refresh-requested", G_CALLBACK (count_cb), &refreshes);

      g_object_set (pages[i], "loading", TRUE, NULL);
      paddock_test_wait_frames (GTK_WIDGET (window), 2);
      g_assert_true (gtk_spinner_get_spinning (GTK_SPINNER (spinner)));
      g_assert_true (gtk_widget_get_mapped (spinner));
      g_object_set (pages[i], "loading", FALSE, "updated-at", at, NULL);
      g_assert_false (gtk_widget_get_visible (spinner));
      g_assert_cmpstr (paddock_test_label_text (pages[i], "updated-label"), ==, "Updated 10:42");
      g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (banner)));

      /* the refresh failed: the figures are from 10:42, and the banner says so */
      g_object_set (pages[i], "error", error, NULL);
      paddock_test_wait_frames (GTK_WIDGET (window), 2);
      g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (banner)));
      g_assert_true (
        gtk_widget_get_mapped (paddock_test_get_named (pages[i], "stale-banner-label")));
      g_assert_nonnull (strstr (paddock_test_label_text (pages[i], "stale-banner-label"), "10:42"));
      g_assert_true (g_str_has_prefix (paddock_test_label_text (pages[i], "stale-banner-label"),
                                       "Alpaca could not be reached"));
      g_object_get (pages[i], "error", &got, NULL);
      g_assert_error (got, PADDOCK_ERROR, PADDOCK_ERROR_NETWORK);
      click (paddock_test_get_named (pages[i], "stale-banner-retry"));
      g_assert_cmpuint (refreshes, ==, 1);

      /* a refresh succeeded */
      g_object_set (pages[i], "error", NULL, NULL);
      paddock_test_wait_frames (GTK_WIDGET (window), 2);
      g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (banner)));
    }

  /* the demo's banner speaks of the demo */
  paddock_window_show_account (window, account, PADDOCK_ENVIRONMENT_DEMO);
  g_object_set (pages[0], "error", error, NULL);
  g_assert_cmpstr (paddock_test_label_text (pages[0], "stale-banner-label"), ==,
                   "The demo could not be reached — showing figures from 10:42.");
  g_object_set (pages[0], "error", NULL, NULL);

  destroy_window (window);
}

/* Alt+1…4 switch the views; at 360 px the switcher moves to the bottom bar. */
static void
test_pages_switching (void)
{
  g_autoptr (PaddockAccount) account = NULL;
  PaddockWindow *window = account_window ("overview", &account);
  const char *views[] = { "overview", "positions", "orders", "activity" };
  AdwViewSwitcherBar *bar =
    ADW_VIEW_SWITCHER_BAR (paddock_test_get_named (GTK_WIDGET (window), "switcher-bar"));

  for (guint i = G_N_ELEMENTS (views); i > 0; i--)
    {
      g_assert_true (activate_shortcut (GTK_WIDGET (window), GDK_KEY_1 + i - 1, GDK_ALT_MASK));
      g_assert_cmpstr (paddock_window_get_view (window), ==, views[i - 1]);
    }

  g_assert_false (adw_view_switcher_bar_get_reveal (bar));
  paddock_test_size_content (window, 360, 600);
  paddock_test_wait_frames (GTK_WIDGET (window), 3);
  g_assert_true (adw_view_switcher_bar_get_reveal (bar));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (bar)));
  for (guint i = 1; i < G_N_ELEMENTS (views); i++)
    {
      paddock_window_set_view (window, views[i]);
      paddock_test_wait_frames (GTK_WIDGET (window), 2);
      /* the page fits: nothing wider than the window */
      g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), ==, 360);
    }

  destroy_window (window);
}

/* The trading pages with the demo's data, in light and dark, for the README and the
 * metainfo (build-aux/screenshots.sh runs this with PADDOCK_SCREENSHOT_DIR). */
static void
test_pages_screenshots (void)
{
  const char *out = g_getenv ("PADDOCK_SCREENSHOT_DIR");
  g_autofree char *dir = out != NULL ? g_strdup (out) : g_dir_make_tmp ("paddock-shots-XXXXXX", NULL);
  AdwStyleManager *style = adw_style_manager_get_default ();
  const char *views[] = { "positions", "orders", "activity" };
  const struct {
    AdwColorScheme scheme;
    const char *suffix;
  } schemes[] = {
    { ADW_COLOR_SCHEME_FORCE_LIGHT, "" },
    { ADW_COLOR_SCHEME_FORCE_DARK, "-dark" },
  };

  demo_data ();
  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);

  for (gsize i = 0; i < G_N_ELEMENTS (schemes); i++)
    {
      g_autoptr (PaddockAccount) account = NULL;
      PaddockWindow *window;
      PaddockOrdersPage *orders;
      g_autoptr (GDateTime) now = g_date_time_new_now_local ();

      adw_style_manager_set_color_scheme (style, schemes[i].scheme);
      window = account_window ("positions", &account);
      orders = paddock_window_get_orders_page (window);
      paddock_positions_page_set_model (paddock_window_get_positions_page (window),
                                        G_LIST_MODEL (demo_positions));
      paddock_orders_page_set_model (orders, G_LIST_MODEL (demo_orders));
      paddock_orders_page_set_filter (orders, PADDOCK_ORDERS_FILTER_ALL);
      paddock_activity_page_set_model (paddock_window_get_activity_page (window),
                                       G_LIST_MODEL (demo_activities));
      g_object_set (paddock_window_get_positions_page (window), "updated-at", now, NULL);
      g_object_set (orders, "updated-at", now, NULL);
      g_object_set (paddock_window_get_activity_page (window), "updated-at", now, NULL);

      for (gsize v = 0; v < G_N_ELEMENTS (views); v++)
        {
          g_autofree char *path = g_strdup_printf ("%s/%s%s.png", dir, views[v], schemes[i].suffix);

          paddock_window_set_view (window, views[v]);
          paddock_test_save_screenshot (window, path);
          if (out == NULL)
            g_assert_cmpint (g_unlink (path), ==, 0);
        }

      paddock_positions_page_set_model (paddock_window_get_positions_page (window), NULL);
      paddock_orders_page_set_model (orders, NULL);
      paddock_activity_page_set_model (paddock_window_get_activity_page (window), NULL);
      destroy_window (window);
    }

  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
  if (out == NULL)
    g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* A fill's amount and a P/L percentage, computed on the decimal text. */
static void
test_table_numbers (void)
{
  const struct { const char *a, *b, *product; } products[] = {
    { "10", "150.25", "1502.50" },
    { "-0.5", "3", "-1.5" },
    { "0.0125", "100", "1.2500" },
    { "7", "0.001", "0.007" },
    { "123456789012345678", "10", "1234567890123456780" },
  };
  const struct { const char *fraction, *text; } percents[] = {
    { "0.0125", "+1.25%" },
    { "-0.005", MINUS "0.50%" },
    { "0", "+0.00%" },
    { "0.011", "+1.10%" },
    { "0.00001", "+0.00%" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (products); i++)
    {
      g_autofree char *product = paddock_table_decimal_mul (products[i].a, products[i].b);

      g_assert_cmpstr (product, ==, products[i].product);
    }
  g_assert_null (paddock_table_decimal_mul ("1234567890123456789", "1"));
  g_assert_null (paddock_table_decimal_mul ("1.2.3", "1"));
  g_assert_null (paddock_table_decimal_mul ("", "1"));

  for (gsize i = 0; i < G_N_ELEMENTS (percents); i++)
    {
      g_autofree char *text = paddock_table_format_percent (percents[i].fraction);

      g_assert_cmpstr (text, ==, percents[i].text);
    }
  g_assert_null (paddock_table_format_percent ("x"));
  g_assert_null (paddock_table_format_percent (NULL));
}

/* The size of the last window closed comes back at the next start. */
static void
test_window_size_remembered (void)
{
  g_autoptr (GSettings) settings = g_settings_new (SETTINGS_SCHEMA_ID);
  PaddockWindow *window;
  int width = 0, height = 0;

  g_settings_set_int (settings, "window-width", 900);
  g_settings_set_int (settings, "window-height", 650);
  window = paddock_window_new (NULL);
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, ==, 900);
  g_assert_cmpint (height, ==, 650);

  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
  gtk_window_present (GTK_WINDOW (window));
  paddock_test_drain ();
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  gtk_window_close (GTK_WINDOW (window));
  paddock_test_drain ();
  g_assert_null (window);
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 1000);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 700);
  g_assert_false (g_settings_get_boolean (settings, "window-maximized"));

  g_settings_reset (settings, "window-width");
  g_settings_reset (settings, "window-height");
}

int
main (int   argc,
      char *argv[])
{
  if (paddock_test_no_display (&argc, &argv, "/ui/no-display"))
    return g_test_run ();

  install_url_recorder ();
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  paddock_test_load_app_resources ();
  /* no animations: every frame shows the page asked for, not a cross-fade */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
  /* GNOME's own window buttons, not GTK's fallback minimize, maximize and close */
  g_object_set (gtk_settings_get_default (), "gtk-decoration-layout", "appmenu:close", NULL);

  /* American grouping for the figures: from the locale if installed, else given */
  if (setlocale (LC_NUMERIC, "en_US.UTF-8") == NULL)
    _paddock_format_override_locale (",", ".", "\3\3");

  paddock_test_screenshot_language ();

  g_test_add_func ("/ui/welcome", test_welcome);
  g_test_add_func ("/ui/assistant", test_assistant);
  g_test_add_func ("/ui/waiting", test_waiting);
  g_test_add_func ("/ui/problem", test_problem);
  g_test_add_func ("/ui/assistant/oauth-app", test_assistant_oauth_app);
  g_test_add_func ("/ui/waiting/port", test_waiting_port);
  g_test_add_func ("/ui/problem/no-dead-end", test_problem_no_dead_end);
  g_test_add_func ("/ui/toasts-clear-of-controls", test_toasts_clear_of_controls);
  g_test_add_func ("/ui/account/figures", test_account);
  g_test_add_func ("/ui/account/states", test_account_states);
  g_test_add_func ("/ui/account/switcher", test_account_switcher);
  g_test_add_func ("/ui/refresh", test_refresh);
  g_test_add_func ("/ui/about", test_about);
  g_test_add_func ("/ui/narrow", test_narrow);
  g_test_add_func ("/ui/self-screenshot", test_self_screenshot);
  g_test_add_func ("/ui/test-hooks/report", test_hooks_report);
  g_test_add_func ("/ui/window-size-remembered", test_window_size_remembered);
  g_test_add_func ("/ui/screenshots", test_screenshots);
  g_test_add_func ("/ui/pages/positions", test_positions_page);
  g_test_add_func ("/ui/pages/orders", test_orders_page);
  g_test_add_func ("/ui/pages/orders/status", test_orders_status);
  g_test_add_func ("/ui/pages/orders/ten-thousand", test_orders_many);
  g_test_add_func ("/ui/pages/activity", test_activity_page);
  g_test_add_func ("/ui/pages/freshness", test_pages_freshness);
  g_test_add_func ("/ui/pages/switching", test_pages_switching);
  g_test_add_func ("/ui/pages/screenshots", test_pages_screenshots);
  g_test_add_func ("/ui/table/numbers", test_table_numbers);

  {
    int status = g_test_run ();

    demo_data_free ();
    return status;
  }
}
