/* test-ui-symbol-watchlist.c: Add to Watchlist in the symbol window, with the real
 * controller, a real keyring (tests/keyring-env.sh), a real X server and the sandbox.
 *
 * The menu lists the sandbox's watchlists with a check on those holding the symbol;
 * choosing one adds the symbol to it at the sandbox (choosing it again removes it), New
 * Watchlist… creates one holding it, and the Markets page shows each change from the
 * broker's answer. A sign-in without account:write is told so with Sign In Again (which
 * starts the sign-in) and changes nothing; any other refusal is shown in words.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "paddock-controller.h"
#include "paddock-symbol-window.h"
#include "paddock-test-hooks.h"
#include "paddock-token-store.h"
#include "sandbox-fixture.h"
#include "paddock-test-gtk.h"

#define FULL_SCOPE "account:write trading data"
#define NO_WRITE_SCOPE "trading data"

typedef struct
{
  SandboxFixture sf;
  PaddockTokenStore *store;
  PaddockWindow *window;
  PaddockController *controller;
  PaddockMarketsPage *page;
  char *app_token;
  char *mine;             /* the id of the sandbox's watchlist "Mine" (MSFT) */
} Fixture;

/* ---- the sandbox ---------------------------------------------------------------------- */

/* "MSFT,AAPL": the symbols of the sandbox's watchlist named @name */
static char *
sandbox_symbols (Fixture    *f,
                 const char *name)
{
  g_autoptr (TestReply) list = test_request (&f->sf, "GET", "paper:/v2/watchlists",
                                             f->sf.token, NULL);
  JsonArray *array = test_reply_array (list);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *o = json_array_get_object_element (array, i);
      g_autofree char *url = NULL;
      g_autoptr (TestReply) reply = NULL;

      if (g_strcmp0 (json_object_get_string_member (o, "name"), name) != 0)
        continue;
      url = g_strdup_printf ("paper:/v2/watchlists/%s", json_object_get_string_member (o, "id"));
      reply = test_request (&f->sf, "GET", url, f->sf.token, NULL);
      g_assert_cmpuint (reply->status, ==, 200);
      return paddock_test_joined_strings (json_object_get_array_member (test_reply_object (reply),
                                                                        "assets"),
                                          "symbol");
    }
  return NULL;
}

#define SANDBOX_SYMBOLS_ARE(f, name, x) paddock_test_same (sandbox_symbols (f, name), x)

/* ---- the Markets page, as the test hooks read it --------------------------------------- */

#define ROWS_ARE(f, x) paddock_test_same (paddock_test_markets_rows (f->window), x)
#define WATCHLISTS_ARE(f, x) paddock_test_same (paddock_test_markets_watchlists (f->window), x)

/* ---- the menu ------------------------------------------------------------------------- */

/* "Mine,Tech*": the menu's rows by name, a star on those with the check shown */
static char *
menu_rows (PaddockSymbolWindow *window)
{
  GtkWidget *list = paddock_test_get_named (window, "symbol-watchlist-list");
  g_autoptr (GString) rows = g_string_new (NULL);

  if (!gtk_widget_get_visible (list))
    return g_strdup ("");
  for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      if (!GTK_IS_LIST_BOX_ROW (row))
        continue;
      if (rows->len > 0)
        g_string_append_c (rows, ',');
      g_string_append (rows, gtk_label_get_text (GTK_LABEL (paddock_test_get_named (row,
                                                                       "symbol-watchlist-name"))));
      if (gtk_widget_get_visible (paddock_test_get_named (row, "symbol-watchlist-check")))
        g_string_append_c (rows, '*');
    }
  return g_string_free (g_steal_pointer (&rows), FALSE);
}

#define MENU_IS(w, x) paddock_test_same (menu_rows (w), x)

static GtkListBoxRow *
menu_row (PaddockSymbolWindow *window,
          const char          *name)
{
  GtkWidget *list = paddock_test_get_named (window, "symbol-watchlist-list");

  for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (GTK_IS_LIST_BOX_ROW (row) &&
        g_strcmp0 (gtk_label_get_text (
                     GTK_LABEL (paddock_test_get_named (row, "symbol-watchlist-name"))),
                   name) == 0)
      return GTK_LIST_BOX_ROW (row);
  g_error ("no menu row %s", name);
  return NULL;
}

/* "loading", "list" or "error": what the menu shows */
static const char *
menu_page (PaddockSymbolWindow *window)
{
  return gtk_stack_get_visible_child_name (GTK_STACK (paddock_test_get_named (window,
                                                                 "symbol-watchlist-stack")));
}

static void
choose (PaddockSymbolWindow *window,
        const char          *name)
{
  g_signal_emit_by_name (paddock_test_get_named (window, "symbol-watchlist-list"), "row-activated",
                         menu_row (window, name));
}

/* The banner's words, or NULL while it is hidden */
static const char *
banner (PaddockSymbolWindow *window)
{
  if (!gtk_revealer_get_reveal_child (
        GTK_REVEALER (paddock_test_get_named (window, "symbol-watchlist-banner"))))
    return NULL;
  return gtk_label_get_text (
    GTK_LABEL (paddock_test_get_named (window, "symbol-watchlist-message")));
}

/* ---- fixture -------------------------------------------------------------------------- */

static gboolean
showing_paper (PaddockWindow *window)
{
  return g_strcmp0 (paddock_window_get_page (window), "account") == 0 &&
         paddock_account_view_get_account (paddock_window_get_account_view (window)) != NULL;
}

/* data: the scope of the app's sign-in */
static void
setup (Fixture       *f,
       gconstpointer  data)
{
  const char *scope = data;

  sandbox_fixture_setup (&f->sf, NULL);
  paddock_sandbox_set_tick_interval (f->sf.sandbox, 0);
  paddock_test_app_use_sandbox (f->sf.sandbox);

  f->mine = paddock_test_sandbox_create_watchlist (&f->sf,
                                                   "{\"name\":\"Mine\",\"symbols\":[\"MSFT\"]}");

  f->app_token = g_str_equal (scope, FULL_SCOPE) ? g_strdup (f->sf.token) :
                 paddock_sandbox_issue_token (f->sf.sandbox, scope, "paper");
  f->store = paddock_test_store_paper_account (&f->sf, f->app_token, scope, NULL, NULL);

  f->window = paddock_window_new (NULL);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1000, 700);
  gtk_window_present (GTK_WINDOW (f->window));
  f->controller = paddock_controller_new (f->window);
  f->page = paddock_window_get_markets_page (f->window);
  paddock_controller_start (f->controller, FALSE);
  PADDOCK_TEST_WAIT_UNTIL (showing_paper (f->window));
  paddock_window_set_view (f->window, "markets");
  PADDOCK_TEST_WAIT_UNTIL (paddock_markets_page_get_session (f->page) != NULL &&
                           !paddock_markets_page_get_busy (f->page) &&
                           ROWS_ARE (f, "MSFT"));
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
  paddock_test_drain ();
  g_clear_object (&f->store);
  g_free (f->app_token);
  g_free (f->mine);
  sandbox_fixture_teardown (&f->sf, NULL);
}

/* The AAPL window, its Add to Watchlist menu open and read */
static PaddockSymbolWindow *
open_menu (Fixture *f)
{
  PaddockSymbolWindow *window =
    paddock_symbol_window_open (GTK_WINDOW (f->window),
                                paddock_controller_get_session (f->controller), "AAPL");
  GtkWidget *button;

  PADDOCK_TEST_WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (window)));
  button = paddock_test_get_named (window, "symbol-watchlists");
  g_assert_true (gtk_widget_get_mapped (button));
  gtk_menu_button_popup (GTK_MENU_BUTTON (button));
  PADDOCK_TEST_WAIT_UNTIL (
    gtk_widget_get_mapped (paddock_test_get_named (window, "symbol-watchlist-popover")) &&
    !paddock_symbol_window_get_watchlists_busy (window));
  return window;
}

/* ---- tests ---------------------------------------------------------------------------- */

static void
test_add_remove (Fixture       *f,
                 gconstpointer  data)
{
  PaddockSymbolWindow *window;
  g_autofree char *tech =
    paddock_test_sandbox_create_watchlist (&f->sf, "{\"name\":\"Tech\",\"symbols\":[\"AAPL\"]}");

  /* the menu: the sandbox's lists, the check on the one that holds AAPL */
  window = open_menu (f);
  g_assert_true (MENU_IS (window, "Mine,Tech*"));
  g_assert_cmpstr (menu_page (window), ==, "list");

  /* choosing Mine adds AAPL to it at the broker, and the Markets page shows it */
  choose (window, "Mine");
  PADDOCK_TEST_WAIT_UNTIL (!paddock_symbol_window_get_watchlists_busy (window));
  g_assert_true (SANDBOX_SYMBOLS_ARE (f, "Mine", "MSFT,AAPL"));
  g_assert_true (MENU_IS (window, "Mine*,Tech*"));
  g_assert_null (banner (window));
  PADDOCK_TEST_WAIT_UNTIL (ROWS_ARE (f, "MSFT,AAPL"));

  /* choosing it again removes it */
  choose (window, "Mine");
  PADDOCK_TEST_WAIT_UNTIL (!paddock_symbol_window_get_watchlists_busy (window));
  g_assert_true (SANDBOX_SYMBOLS_ARE (f, "Mine", "MSFT"));
  g_assert_true (MENU_IS (window, "Mine,Tech*"));
  PADDOCK_TEST_WAIT_UNTIL (ROWS_ARE (f, "MSFT"));

  /* and from Tech, which the Markets page does not show: its rows stay Mine's */
  choose (window, "Tech");
  PADDOCK_TEST_WAIT_UNTIL (!paddock_symbol_window_get_watchlists_busy (window));
  g_assert_true (SANDBOX_SYMBOLS_ARE (f, "Tech", ""));
  g_assert_true (MENU_IS (window, "Mine,Tech"));
  g_assert_true (ROWS_ARE (f, "MSFT"));

  /* a change made on the Markets page shows when the menu opens again */
  gtk_menu_button_popdown (GTK_MENU_BUTTON (paddock_test_get_named (window, "symbol-watchlists")));
  paddock_markets_page_add_symbol (f->page, "AAPL");
  PADDOCK_TEST_WAIT_UNTIL (!paddock_markets_page_get_busy (f->page) && ROWS_ARE (f, "MSFT,AAPL"));
  gtk_menu_button_popup (GTK_MENU_BUTTON (paddock_test_get_named (window, "symbol-watchlists")));
  PADDOCK_TEST_WAIT_UNTIL (!paddock_symbol_window_get_watchlists_busy (window) &&
                           MENU_IS (window, "Mine*,Tech"));
}

/* whether a label under @root shows @text, as drawn (markup already parsed) */
static gboolean
shows_text (GtkWidget  *root,
            const char *text)
{
  if (GTK_IS_LABEL (root) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (root)), text) == 0)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (shows_text (child, text))
      return TRUE;
  return FALSE;
}

/* A watchlist's name is anybody's words: the toast that says AAPL was added to it shows the
 * name as text (a toast's title is markup, and GTK's warning about bad markup is fatal
 * here) */
static void
test_name_with_markup (Fixture       *f,
                       gconstpointer  data)
{
  PaddockSymbolWindow *window;
  g_autofree char *odd =
    paddock_test_sandbox_create_watchlist (&f->sf, "{\"name\":\"R&D <b\",\"symbols\":[]}");

  window = open_menu (f);
  g_assert_true (MENU_IS (window, "Mine,R&D <b"));
  choose (window, "R&D <b");
  PADDOCK_TEST_WAIT_UNTIL (!paddock_symbol_window_get_watchlists_busy (window));
  g_assert_true (SANDBOX_SYMBOLS_ARE (f, "R&D <b", "AAPL"));
  /* the toast is on screen, its words as they are */
  PADDOCK_TEST_WAIT_UNTIL (shows_text (GTK_WIDGET (window), "AAPL added to “R&D <b”"));
  /* and gone again before the window is (a window destroyed under a toast on screen can
   * make GTK ask the pointer's position of a surface already gone) */
  PADDOCK_TEST_WAIT_UNTIL (!shows_text (GTK_WIDGET (window), "AAPL added to “R&D <b”"));
}

static AdwMessageDialog *
find_dialog (GtkWindow *parent)
{
  g_autoptr (GList) toplevels = NULL;

  paddock_test_drain ();
  toplevels = gtk_window_list_toplevels ();
  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_visible (l->data) &&
        gtk_window_get_transient_for (l->data) == parent)
      return l->data;
  return NULL;
}

static void
test_new_watchlist (Fixture       *f,
                    gconstpointer  data)
{
  PaddockSymbolWindow *window = open_menu (f);
  AdwMessageDialog *dialog;
  GtkWidget *entry;

  /* New Watchlist… closes the menu and asks for a name: Create needs one */
  g_signal_emit_by_name (paddock_test_get_named (window, "symbol-watchlist-new"), "clicked");
  PADDOCK_TEST_WAIT_UNTIL ((dialog = find_dialog (GTK_WINDOW (window))) != NULL);
  g_assert_cmpstr (gtk_widget_get_name (GTK_WIDGET (dialog)), ==, "symbol-new-watchlist-dialog");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "create"));
  entry = adw_message_dialog_get_extra_child (dialog);
  gtk_editable_set_text (GTK_EDITABLE (entry), "  Tech  ");
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "create"));
  g_signal_emit_by_name (entry, "activate");
  PADDOCK_TEST_WAIT_UNTIL (find_dialog (GTK_WINDOW (window)) == NULL);

  /* the broker has it, holding AAPL; the menu and the Markets page's chooser show it */
  PADDOCK_TEST_WAIT_UNTIL (
    !paddock_symbol_window_get_watchlists_busy (window) &&
    paddock_test_same (paddock_test_sandbox_watchlists (&f->sf), "Mine,Tech"));
  g_assert_true (SANDBOX_SYMBOLS_ARE (f, "Tech", "AAPL"));
  g_assert_true (MENU_IS (window, "Mine,Tech*"));
  PADDOCK_TEST_WAIT_UNTIL (!paddock_markets_page_get_busy (f->page) &&
                           WATCHLISTS_ARE (f, "Mine,Tech"));
  /* the page keeps showing the list it showed */
  g_assert_cmpstr (paddock_markets_page_get_selected_id (f->page), ==, f->mine);
  g_assert_true (ROWS_ARE (f, "MSFT"));

  /* Cancel creates nothing */
  gtk_menu_button_popup (GTK_MENU_BUTTON (paddock_test_get_named (window, "symbol-watchlists")));
  PADDOCK_TEST_WAIT_UNTIL (!paddock_symbol_window_get_watchlists_busy (window));
  g_signal_emit_by_name (paddock_test_get_named (window, "symbol-watchlist-new"), "clicked");
  PADDOCK_TEST_WAIT_UNTIL ((dialog = find_dialog (GTK_WINDOW (window))) != NULL);
  gtk_editable_set_text (GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog)), "Other");
  adw_message_dialog_response (dialog, "cancel");
  gtk_window_close (GTK_WINDOW (dialog));
  PADDOCK_TEST_WAIT_UNTIL (find_dialog (GTK_WINDOW (window)) == NULL);
  paddock_test_drain ();
  g_assert_false (paddock_symbol_window_get_watchlists_busy (window));
  g_assert_true (paddock_test_same (paddock_test_sandbox_watchlists (&f->sf), "Mine,Tech"));
}

static void
count_cb (gpointer  instance,
          guint    *count)
{
  (*count)++;
}

static void
test_missing_scope (Fixture       *f,
                    gconstpointer  data)
{
  PaddockSymbolWindow *window = open_menu (f);
  guint sign_ins = 0;
  GtkWidget *button;

  /* the lists are read without the permission */
  g_assert_true (MENU_IS (window, "Mine"));
  g_assert_null (banner (window));

  /* adding is refused: said in words, with Sign In Again, nothing changed */
  choose (window, "Mine");
  PADDOCK_TEST_WAIT_UNTIL (!paddock_symbol_window_get_watchlists_busy (window));
  g_assert_nonnull (banner (window));
  g_assert_nonnull (strstr (banner (window), "permission"));
  g_assert_nonnull (strstr (banner (window), "Sign in again"));
  button = paddock_test_get_named (window, "symbol-sign-in-again");
  g_assert_true (gtk_widget_get_visible (button));
  g_assert_true (SANDBOX_SYMBOLS_ARE (f, "Mine", "MSFT"));
  g_assert_true (MENU_IS (window, "Mine"));
  g_assert_true (ROWS_ARE (f, "MSFT"));

  /* so is creating one */
  g_signal_emit_by_name (paddock_test_get_named (window, "symbol-watchlist-new"), "clicked");
  {
    AdwMessageDialog *dialog;

    PADDOCK_TEST_WAIT_UNTIL ((dialog = find_dialog (GTK_WINDOW (window))) != NULL);
    gtk_editable_set_text (GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog)), "Tech");
    adw_message_dialog_response (dialog, "create");
    gtk_window_close (GTK_WINDOW (dialog));
  }
  PADDOCK_TEST_WAIT_UNTIL (!paddock_symbol_window_get_watchlists_busy (window) &&
                           find_dialog (GTK_WINDOW (window)) == NULL);
  g_assert_nonnull (strstr (banner (window), "permission"));
  g_assert_true (paddock_test_same (paddock_test_sandbox_watchlists (&f->sf), "Mine"));

  /* Sign In Again: the window it belongs to starts the sign-in */
  g_signal_connect (window, "sign-in-requested", G_CALLBACK (count_cb), &sign_ins);
  g_signal_connect (f->window, "sign-in-requested", G_CALLBACK (count_cb), &sign_ins);
  g_signal_emit_by_name (button, "clicked");
  g_assert_cmpuint (sign_ins, ==, 2);
  g_signal_handlers_disconnect_by_func (f->window, count_cb, &sign_ins);
}

static void
test_refused (Fixture       *f,
              gconstpointer  data)
{
  PaddockSymbolWindow *window = open_menu (f);
  g_autofree char *path = g_strdup_printf ("/paper/v2/watchlists/%s", f->mine);
  const char *text;

  /* any other refusal: its words, no Sign In Again, nothing changed */
  paddock_sandbox_add_fault (f->sf.sandbox, "POST", path, PADDOCK_SANDBOX_FAULT_STATUS, 422, 1);
  choose (window, "Mine");
  PADDOCK_TEST_WAIT_UNTIL (!paddock_symbol_window_get_watchlists_busy (window));
  text = banner (window);
  g_assert_nonnull (text);
  g_assert_true (g_str_has_prefix (text, "The watchlist was not changed: "));
  g_assert_false (gtk_widget_get_visible (paddock_test_get_named (window, "symbol-sign-in-again")));
  g_assert_true (SANDBOX_SYMBOLS_ARE (f, "Mine", "MSFT"));
  g_assert_true (MENU_IS (window, "Mine"));

  /* the next try goes through, and the banner goes */
  choose (window, "Mine");
  PADDOCK_TEST_WAIT_UNTIL (!paddock_symbol_window_get_watchlists_busy (window));
  g_assert_null (banner (window));
  g_assert_true (SANDBOX_SYMBOLS_ARE (f, "Mine", "MSFT,AAPL"));
  PADDOCK_TEST_WAIT_UNTIL (ROWS_ARE (f, "MSFT,AAPL"));

  /* the lists that cannot be read: the menu says why */
  gtk_menu_button_popdown (GTK_MENU_BUTTON (paddock_test_get_named (window, "symbol-watchlists")));
  paddock_sandbox_add_fault (f->sf.sandbox, "GET", "/paper/v2/watchlists",
                             PADDOCK_SANDBOX_FAULT_STATUS, 404, -1);
  gtk_menu_button_popup (GTK_MENU_BUTTON (paddock_test_get_named (window, "symbol-watchlists")));
  PADDOCK_TEST_WAIT_UNTIL (!paddock_symbol_window_get_watchlists_busy (window));
  g_assert_cmpstr (menu_page (window), ==, "error");
  g_assert_cmpstr (gtk_label_get_text (
                     GTK_LABEL (paddock_test_get_named (window, "symbol-watchlist-error"))),
                   !=, "");
  paddock_sandbox_clear_faults (f->sf.sandbox);
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
      g_test_add_func ("/ui/symbol-watchlist/no-display", test_no_display);
      return g_test_run ();
    }

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  g_test_add ("/ui/symbol-watchlist/add-remove", Fixture, FULL_SCOPE, setup, test_add_remove,
              teardown);
  g_test_add ("/ui/symbol-watchlist/name-with-markup", Fixture, FULL_SCOPE, setup,
              test_name_with_markup, teardown);
  g_test_add ("/ui/symbol-watchlist/new", Fixture, FULL_SCOPE, setup, test_new_watchlist,
              teardown);
  g_test_add ("/ui/symbol-watchlist/missing-scope", Fixture, NO_WRITE_SCOPE, setup,
              test_missing_scope, teardown);
  g_test_add ("/ui/symbol-watchlist/refused", Fixture, FULL_SCOPE, setup, test_refused,
              teardown);
  return g_test_run ();
}
