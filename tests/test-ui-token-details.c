/* test-ui-token-details.c: the Token Details window against the sandbox, on Xvfb
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Run under tests/xvfb-env.sh. Without a display it skips — unless the wrapper promised
 * one, in which case that is a failure.
 */
#include "config.h"

#include <adwaita.h>
#include <locale.h>
#include <string.h>

#include "paddock-error.h"
#include "paddock-format-private.h"
#include "paddock-session.h"
#include "paddock-token-details.h"
#include "paddock-window.h"
#include "sandbox-fixture.h"
#include "paddock-test-gtk.h"

typedef PaddockTestEndpointsFixture Fixture;

static PaddockSession *
new_session (Fixture            *f,
             PaddockEnvironment  environment,
             const char         *scope)
{
  return paddock_test_session_new (f->endpoints, environment, f->sf.token, scope);
}

/* Every text the window holds: labels, entries, row titles and subtitles. */
static void
collect_text (GtkWidget *widget,
              GString   *out)
{
  if (GTK_IS_LABEL (widget))
    g_string_append_printf (out, "%s\n", gtk_label_get_label (GTK_LABEL (widget)));
  if (GTK_IS_EDITABLE (widget))
    g_string_append_printf (out, "%s\n", gtk_editable_get_text (GTK_EDITABLE (widget)));
  if (ADW_IS_PREFERENCES_ROW (widget))
    g_string_append_printf (out, "%s\n",
                            adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)));
  if (ADW_IS_ACTION_ROW (widget))
    g_string_append_printf (out, "%s\n",
                            adw_action_row_get_subtitle (ADW_ACTION_ROW (widget)) ?: "");
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_text (child, out);
}

static void
assert_token_not_shown (GtkWidget  *root,
                        const char *token)
{
  g_autoptr (GString) text = g_string_new (NULL);

  collect_text (root, text);
  g_assert_null (strstr (text->str, token));
}

static void
close_dialog (PaddockTokenDetails *dialog)
{
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  gtk_window_destroy (GTK_WINDOW (dialog));
  paddock_test_drain ();
  g_assert_null (dialog);
}

static char *
local_time_text (gint64 unix_ms)
{
  g_autoptr (GDateTime) utc = g_date_time_new_from_unix_utc (unix_ms / 1000);
  g_autoptr (GDateTime) local = g_date_time_to_local (utc);

  return g_date_time_format (local, "%Y-%m-%d %H:%M:%S %Z");
}

static void
look_up (PaddockTokenDetails *dialog,
         const char          *symbol)
{
  GtkWidget *root = GTK_WIDGET (dialog);

  gtk_editable_set_text (GTK_EDITABLE (paddock_test_get_named (root, "polygon-symbol")), symbol);
  g_signal_emit_by_name (paddock_test_get_named (root, "polygon-look-up"), "clicked");
  g_assert_true (paddock_token_details_get_looking_up (dialog));
  g_assert_false (gtk_widget_get_sensitive (paddock_test_get_named (root, "polygon-look-up")));
  PADDOCK_TEST_WAIT_UNTIL (!paddock_token_details_get_looking_up (dialog));
  paddock_test_drain ();
  g_assert_true (gtk_widget_get_sensitive (paddock_test_get_named (root, "polygon-look-up")));
}

static void
test_answered (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr (PaddockSession) session = new_session (f, PADDOCK_ENVIRONMENT_DEMO,
                                                    "account:write trading data");
  PaddockTokenDetails *dialog;
  GtkWidget *root;
  GtkWidget *id_label;
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d ");
  g_autofree char *polygon_url = NULL;
  g_autofree char *expected_time = NULL;
  g_autoptr (TestReply) reply = NULL;
  JsonObject *last;
  const char *key;
  const char *exchange;

  g_assert_true (paddock_sandbox_set_price (f->sf.sandbox, "MSFT", "370.48"));
  /* a slow answer, so the spinner is seen */
  paddock_sandbox_add_fault (f->sf.sandbox, "GET", "/live/oauth/token",
                             PADDOCK_SANDBOX_FAULT_LATENCY, 300, 1);
  dialog = paddock_token_details_new (session);
  root = GTK_WIDGET (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
  paddock_test_drain ();

  /* what the stored credentials say, at once */
  g_assert_cmpstr (paddock_test_label_text (root, "token-environment"), ==, "Demo");
  g_assert_true (paddock_test_is_shown (paddock_test_get_named (root, "token-scope-trading")));
  g_assert_true (
    paddock_test_is_shown (paddock_test_get_named (root, "token-scope-account:write")));
  g_assert_true (paddock_test_is_shown (paddock_test_get_named (root, "token-scope-data")));
  g_assert_cmpstr (adw_action_row_get_subtitle (
                     ADW_ACTION_ROW (paddock_test_get_named (root, "token-scope-trading"))),
                   ==, "Place, change and cancel orders");

  /* loading: a spinner, no Polygon group */
  g_assert_cmpint (paddock_token_details_get_state (dialog), ==, PADDOCK_TOKEN_DETAILS_LOADING);
  g_assert_true (paddock_test_is_shown (paddock_test_get_named (root, "token-spinner")));
  g_assert_true (
    gtk_spinner_get_spinning (GTK_SPINNER (paddock_test_get_named (root, "token-spinner"))));
  g_assert_false (paddock_test_is_shown (paddock_test_get_named (root, "polygon-group")));

  PADDOCK_TEST_WAIT_UNTIL (paddock_token_details_get_state (dialog) != PADDOCK_TOKEN_DETAILS_LOADING);
  paddock_test_drain ();
  g_assert_cmpint (paddock_token_details_get_state (dialog), ==, PADDOCK_TOKEN_DETAILS_ANSWERED);
  g_assert_false (paddock_test_is_shown (paddock_test_get_named (root, "token-spinner")));
  g_assert_false (paddock_test_is_shown (paddock_test_get_named (root, "token-not-answered")));

  /* each field of the reply */
  g_assert_cmpstr (paddock_test_label_text (root, "token-field-active"), ==, "Yes");
  g_assert_cmpstr (paddock_test_label_text (root, "token-field-scope"), ==,
                   "account:write trading data");
  g_assert_cmpstr (paddock_test_label_text (root, "token-field-token_type"), ==, "Bearer");
  g_assert_cmpstr (paddock_test_label_text (root, "token-field-aud"), !=, "");
  g_assert_cmpstr (paddock_test_label_text (root, "token-field-client_id"), !=, "");
  g_assert_cmpuint (strlen (paddock_test_label_text (root, "token-field-owner_id")), ==, 36);
  /* iat in local date and time: issued today */
  g_assert_true (g_str_has_prefix (paddock_test_label_text (root, "token-field-iat"), today));
  id_label = paddock_test_get_named (root, "token-field-id");
  key = gtk_label_get_label (GTK_LABEL (id_label));
  g_assert_true (g_str_has_prefix (key, "AK"));
  g_assert_cmpuint (strlen (key), ==, 20);
  g_assert_true (gtk_label_get_selectable (GTK_LABEL (id_label)));
  g_assert_true (paddock_test_is_shown (id_label));

  /* an id: the Polygon group, and its lookup */
  g_assert_true (paddock_test_is_shown (paddock_test_get_named (root, "polygon-group")));
  g_assert_false (paddock_test_is_shown (paddock_test_get_named (root, "polygon-trade")));
  look_up (dialog, "msft");
  g_assert_true (paddock_test_is_shown (paddock_test_get_named (root, "polygon-trade")));
  g_assert_false (paddock_test_is_shown (paddock_test_get_named (root, "polygon-error")));
  g_assert_cmpstr (paddock_test_label_text (root, "polygon-price"), ==, "$370.48");

  /* the rest as the sandbox says, asked independently */
  polygon_url = g_strdup_printf ("polygon:/v1/last/stocks/MSFT?apiKey=%s", key);
  reply = test_request (&f->sf, "GET", polygon_url, NULL, NULL);
  g_assert_cmpuint (reply->status, ==, 200);
  last = json_object_get_object_member (test_reply_object (reply), "last");
  {
    g_autofree char *size = g_strdup_printf ("%" G_GINT64_FORMAT,
                                             json_object_get_int_member (last, "size"));

    g_assert_cmpstr (paddock_test_label_text (root, "polygon-size"), ==, size);
  }
  exchange = paddock_test_label_text (root, "polygon-exchange");
  switch (json_object_get_int_member (last, "exchange"))
    {
    case 10:
      g_assert_cmpstr (exchange, ==, "NYSE");
      break;
    case 11:
      g_assert_cmpstr (exchange, ==, "NYSE Arca");
      break;
    case 12:
      g_assert_cmpstr (exchange, ==, "Nasdaq");
      break;
    default:
      g_assert_not_reached ();
    }
  expected_time = local_time_text (json_object_get_int_member (last, "timestamp"));
  g_assert_cmpstr (paddock_test_label_text (root, "polygon-time"), ==, expected_time);

  /* errors in words */
  look_up (dialog, "NOSUCH");
  g_assert_true (paddock_test_is_shown (paddock_test_get_named (root, "polygon-error")));
  g_assert_false (paddock_test_is_shown (paddock_test_get_named (root, "polygon-trade")));
  g_assert_cmpstr (paddock_test_label_text (root, "polygon-error"), ==,
                   "Polygon knows no symbol “NOSUCH”.");

  look_up (dialog, "not a symbol!");
  g_assert_cmpstr (paddock_test_label_text (root, "polygon-error"), ==,
                   "Enter a stock symbol such as MSFT.");

  paddock_sandbox_add_fault (f->sf.sandbox, "GET", "/polygon/", PADDOCK_SANDBOX_FAULT_STATUS,
                             503, 1);
  look_up (dialog, "MSFT");
  g_assert_cmpstr (paddock_test_label_text (root, "polygon-error"), ==,
                   "Polygon could not be reached. Check the connection and try again.");

  /* and back */
  look_up (dialog, "MSFT");
  g_assert_true (paddock_test_is_shown (paddock_test_get_named (root, "polygon-trade")));
  g_assert_false (paddock_test_is_shown (paddock_test_get_named (root, "polygon-error")));

  assert_token_not_shown (root, f->sf.token);
  close_dialog (dialog);
}

static void
test_not_answered (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr (PaddockSession) session = new_session (f, PADDOCK_ENVIRONMENT_PAPER, "trading");
  PaddockTokenDetails *dialog;
  GtkWidget *root;

  paddock_sandbox_add_fault (f->sf.sandbox, "GET", "/live/oauth/token",
                             PADDOCK_SANDBOX_FAULT_STATUS, 404, 1);
  dialog = paddock_token_details_new (session);
  root = GTK_WIDGET (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
  PADDOCK_TEST_WAIT_UNTIL (paddock_token_details_get_state (dialog) != PADDOCK_TOKEN_DETAILS_LOADING);
  paddock_test_drain ();

  g_assert_cmpint (paddock_token_details_get_state (dialog), ==,
                   PADDOCK_TOKEN_DETAILS_NOT_ANSWERED);
  g_assert_cmpstr (paddock_test_label_text (root, "token-environment"), ==, "Paper");
  g_assert_true (paddock_test_is_shown (paddock_test_get_named (root, "token-scope-trading")));
  g_assert_null (paddock_test_find_named (root, "token-scope-data"));
  g_assert_true (paddock_test_is_shown (paddock_test_get_named (root, "token-not-answered")));
  g_assert_cmpstr (paddock_test_label_text (root, "token-not-answered"), ==,
                   "The server does not answer token introspection, so there is nothing more "
                   "to show about this token.");
  g_assert_false (paddock_test_is_shown (paddock_test_get_named (root, "token-spinner")));
  g_assert_false (paddock_test_is_shown (paddock_test_get_named (root, "token-fields")));
  g_assert_false (paddock_test_is_shown (paddock_test_get_named (root, "polygon-group")));
  g_assert_null (paddock_test_find_named (root, "token-field-id"));

  assert_token_not_shown (root, f->sf.token);
  close_dialog (dialog);
}

static void
test_failed (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr (PaddockSession) session = new_session (f, PADDOCK_ENVIRONMENT_LIVE, "");
  PaddockTokenDetails *dialog;
  GtkWidget *root;

  g_assert_true (paddock_sandbox_revoke_token (f->sf.sandbox, f->sf.token));
  dialog = paddock_token_details_new (session);
  root = GTK_WIDGET (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
  PADDOCK_TEST_WAIT_UNTIL (paddock_token_details_get_state (dialog) != PADDOCK_TOKEN_DETAILS_LOADING);
  paddock_test_drain ();

  g_assert_cmpint (paddock_token_details_get_state (dialog), ==, PADDOCK_TOKEN_DETAILS_FAILED);
  g_assert_cmpstr (paddock_test_label_text (root, "token-environment"), ==, "Live");
  g_assert_true (paddock_test_is_shown (paddock_test_get_named (root, "token-scope-none")));
  g_assert_true (paddock_test_is_shown (paddock_test_get_named (root, "token-failed")));
  g_assert_cmpstr (paddock_test_label_text (root, "token-failed"), ==,
                   "The server refused this token. Sign in again.");
  g_assert_false (paddock_test_is_shown (paddock_test_get_named (root, "polygon-group")));

  /* Try Again asks again */
  g_signal_emit_by_name (paddock_test_get_named (root, "token-retry"), "clicked");
  g_assert_cmpint (paddock_token_details_get_state (dialog), ==, PADDOCK_TOKEN_DETAILS_LOADING);
  PADDOCK_TEST_WAIT_UNTIL (paddock_token_details_get_state (dialog) != PADDOCK_TOKEN_DETAILS_LOADING);
  g_assert_cmpint (paddock_token_details_get_state (dialog), ==, PADDOCK_TOKEN_DETAILS_FAILED);

  close_dialog (dialog);
}

/* The account menu's item: there only with an account, and it asks for the window. */
static void
test_menu_item (Fixture       *f,
                gconstpointer  data)
{
  paddock_test_account_menu_item (&f->sf, "token-details-button", "token-details-requested");
}

int
main (int   argc,
      char *argv[])
{
  if (paddock_test_no_display (&argc, &argv, "/ui/token-details/no-display"))
    return g_test_run ();

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
  /* American money for the price: from the locale if installed, else given */
  if (setlocale (LC_NUMERIC, "en_US.UTF-8") == NULL)
    _paddock_format_override_locale (",", ".", "\3\3");

  PADDOCK_TEST_ADD_FIXTURE ("/ui/token-details/answered", Fixture,
                            paddock_test_endpoints_fixture, test_answered);
  PADDOCK_TEST_ADD_FIXTURE ("/ui/token-details/not-answered", Fixture,
                            paddock_test_endpoints_fixture, test_not_answered);
  PADDOCK_TEST_ADD_FIXTURE ("/ui/token-details/failed", Fixture,
                            paddock_test_endpoints_fixture, test_failed);
  PADDOCK_TEST_ADD_FIXTURE ("/ui/token-details/menu-item", Fixture,
                            paddock_test_endpoints_fixture, test_menu_item);

  return g_test_run ();
}
