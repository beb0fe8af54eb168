/* test-ui-keyboard.c: the keyboard — every shortcut the app sets is in its shortcuts window
 * (Ctrl+?) and every one the window lists is set; Ctrl+W, Ctrl+Q and Escape do what they say.
 * Runs under tests/xvfb-env.sh.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-ui-keyboard"

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "paddock-account.h"
#include "paddock-activity-page.h"
#include "paddock-activity.h"
#include "paddock-application.h"
#include "paddock-error.h"
#include "paddock-order.h"
#include "paddock-orders-page.h"
#include "paddock-position.h"
#include "paddock-positions-page.h"
#include "paddock-sign-in-assistant.h"
#include "paddock-preferences.h"
#include "paddock-settings.h"
#include "paddock-window.h"
#include "paddock-test-gtk.h"

#define OVERLAY "/io/github/paddockapp/Paddock/gtk/help-overlay.ui"

/* the groups of the shortcuts window whose keys work anywhere in the main window */
static const char *global_groups[] = { "General", "Pages", NULL };

static void
add_accel (GHashTable *set,
           const char *accel)
{
  guint key = 0;
  GdkModifierType mods = 0;

  g_assert_true (gtk_accelerator_parse (accel, &key, &mods));
  g_assert_cmpuint (key, !=, 0);
  g_hash_table_add (set, gtk_accelerator_name (key, mods));
}

/* the keys of the class shortcuts of a window (its own and those it inherits) */
static GHashTable *
window_shortcuts (GtkWidget *window)
{
  GHashTable *set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GPtrArray) shortcuts = paddock_test_shortcuts (window);

  for (guint i = 0; i < shortcuts->len; i++)
    {
      GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (g_ptr_array_index (shortcuts, i));

      if (GTK_IS_KEYVAL_TRIGGER (trigger))
        g_hash_table_add (set, gtk_accelerator_name (
          gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)),
          gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger))));
    }
  return set;
}

static GtkApplication *
registered_app (void)
{
  static GtkApplication *app;
  g_autoptr (GError) error = NULL;

  if (app == NULL)
    {
      app = GTK_APPLICATION (paddock_application_new ());
      /* startup: the application's accelerators, and GTK's Ctrl+? for the overlay */
      g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
      g_assert_no_error (error);
    }
  return app;
}

static gboolean
in_global_group (GtkWidget *shortcut)
{
  GtkWidget *group = gtk_widget_get_ancestor (shortcut, GTK_TYPE_SHORTCUTS_GROUP);
  g_autofree char *title = NULL;

  g_assert_nonnull (group);
  g_object_get (group, "title", &title, NULL);
  return g_strv_contains (global_groups, title);
}

/* Each accelerator the app and its main window set is in the shortcuts window's General or
 * Pages group, and each one listed there is set. The other groups' keys (dialogs, charts,
 * watchlists) must at least be keys. */
static void
test_shortcuts_window_complete (void)
{
  GtkApplication *app = registered_app ();
  g_autoptr (GtkBuilder) builder = gtk_builder_new_from_resource (OVERLAY);
  GObject *overlay = gtk_builder_get_object (builder, "help_overlay");
  g_auto (GStrv) actions = gtk_application_list_action_descriptions (app);
  g_autoptr (GHashTable) set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GHashTable) listed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GHashTable) own = NULL;
  g_autoptr (GHashTable) base = NULL;
  GtkWidget *window;
  GtkWidget *plain;
  GSList *objects;
  GHashTableIter iter;
  const char *accel;

  g_assert_true (GTK_IS_SHORTCUTS_WINDOW (overlay));

  /* set: the application's accelerators … */
  for (guint i = 0; actions[i] != NULL; i++)
    {
      g_auto (GStrv) accels = gtk_application_get_accels_for_action (app, actions[i]);

      for (guint j = 0; accels[j] != NULL; j++)
        add_accel (set, accels[j]);
    }
  /* … and the main window's own key bindings (not those every AdwApplicationWindow has) */
  window = GTK_WIDGET (paddock_window_new (ADW_APPLICATION (app)));
  plain = adw_application_window_new (app);
  own = window_shortcuts (window);
  base = window_shortcuts (plain);
  g_hash_table_iter_init (&iter, own);
  while (g_hash_table_iter_next (&iter, (gpointer *) &accel, NULL))
    if (!g_hash_table_contains (base, accel))
      g_hash_table_add (set, g_strdup (accel));

  /* the ones asked for by name are there */
  g_assert_true (g_hash_table_contains (set, "<Control>n"));
  g_assert_true (g_hash_table_contains (set, "<Control>k"));
  g_assert_true (g_hash_table_contains (set, "<Control>comma"));
  g_assert_true (g_hash_table_contains (set, "<Control>w"));
  g_assert_true (g_hash_table_contains (set, "<Control>q"));
  g_assert_true (g_hash_table_contains (set, "<Control>question"));

  /* listed: what the shortcuts window shows in its global groups */
  objects = gtk_builder_get_objects (builder);
  for (GSList *l = objects; l != NULL; l = l->next)
    {
      g_autofree char *accelerator = NULL;
      g_autofree char *action = NULL;
      g_autofree char *title = NULL;
      g_auto (GStrv) keys = NULL;

      if (!GTK_IS_SHORTCUTS_SHORTCUT (l->data))
        continue;
      g_object_get (l->data, "accelerator", &accelerator, "action-name", &action,
                    "title", &title, NULL);
      if (action != NULL)
        {
          keys = gtk_application_get_accels_for_action (app, action);
          g_assert_nonnull (keys[0]);
        }
      else
        {
          g_assert_nonnull (accelerator);
          keys = g_strsplit (accelerator, " ", -1);
        }
      for (guint j = 0; keys[j] != NULL; j++)
        {
          g_autoptr (GHashTable) one = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                              NULL);

          add_accel (one, keys[j]);   /* a key, whatever the group */
          if (in_global_group (l->data))
            add_accel (listed, keys[j]);
        }
    }
  g_slist_free (objects);

  g_hash_table_iter_init (&iter, set);
  while (g_hash_table_iter_next (&iter, (gpointer *) &accel, NULL))
    if (!g_hash_table_contains (listed, accel))
      g_error ("%s is set but not in the shortcuts window", accel);
  g_hash_table_iter_init (&iter, listed);
  while (g_hash_table_iter_next (&iter, (gpointer *) &accel, NULL))
    if (!g_hash_table_contains (set, accel))
      g_error ("the shortcuts window lists %s, which nothing sets", accel);

  gtk_window_destroy (GTK_WINDOW (plain));
  gtk_window_destroy (GTK_WINDOW (window));
  gtk_window_destroy (GTK_WINDOW (overlay));
}

/* the action behind a key of the main window */
static char *
window_action_for (GtkWidget  *window,
                   const char *accel)
{
  g_autoptr (GListModel) controllers = gtk_widget_observe_controllers (window);
  guint key = 0;
  GdkModifierType mods = 0;

  g_assert_true (gtk_accelerator_parse (accel, &key, &mods));
  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr (GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr (GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);
          GtkShortcutAction *action = gtk_shortcut_get_action (shortcut);

          if (GTK_IS_KEYVAL_TRIGGER (trigger) &&
              gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)) == key &&
              gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)) == mods &&
              GTK_IS_NAMED_ACTION (action))
            return g_strdup (gtk_named_action_get_action_name (GTK_NAMED_ACTION (action)));
        }
    }
  return NULL;
}

/* Ctrl+W closes the main window (window.close), Ctrl+Q quits, Ctrl+? shows the shortcuts. */
static void
test_window_keys (void)
{
  GtkApplication *app = registered_app ();
  GtkWidget *window = GTK_WIDGET (paddock_window_new (ADW_APPLICATION (app)));
  g_autofree char *close = window_action_for (window, "<Control>w");
  g_autofree char *refresh = window_action_for (window, "<Control>r");
  g_auto (GStrv) quit = gtk_application_get_actions_for_accel (app, "<Control>q");
  g_auto (GStrv) help = gtk_application_get_actions_for_accel (app, "<Control>question");

  g_assert_cmpstr (close, ==, "window.close");
  g_assert_cmpstr (refresh, ==, "win.refresh");
  g_assert_true (g_strv_contains ((const char * const *) quit, "app.quit"));
  g_assert_true (g_strv_contains ((const char * const *) help, "win.show-help-overlay"));

  /* the window's close action really closes it */
  gtk_window_present (GTK_WINDOW (window));
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  g_assert_true (gtk_widget_activate_action (window, close, NULL));
  for (int i = 0; i < 100 && window != NULL; i++)
    g_main_context_iteration (NULL, FALSE);
  g_assert_null (window);
}

/* whether Escape is one of a window's keys (its class's or a shortcut controller's) */
static gboolean
has_escape (GtkWidget *window)
{
  g_autoptr (GHashTable) keys = window_shortcuts (window);

  return g_hash_table_contains (keys, "Escape");
}

/* Escape closes every dialog: Preferences, About, the shortcuts window. (The order ticket,
 * Replace…, order details, Token Details, the search and the symbol window bind it in their
 * own classes; their tests press it.) */
static void
test_escape_closes_dialogs (void)
{
  GtkApplication *app = registered_app ();
  GtkWidget *window = GTK_WIDGET (paddock_window_new (ADW_APPLICATION (app)));
  g_autoptr (GSettings) settings = paddock_settings_new ();
  GtkWidget *preferences = GTK_WIDGET (paddock_preferences_new (settings));
  g_autoptr (GtkBuilder) builder = gtk_builder_new_from_resource (OVERLAY);
  GtkWidget *overlay = GTK_WIDGET (gtk_builder_get_object (builder, "help_overlay"));
  GListModel *toplevels = gtk_window_get_toplevels ();
  GtkWidget *about = NULL;

  g_assert_true (has_escape (preferences));
  g_assert_true (has_escape (overlay));

  g_assert_true (gtk_widget_activate_action (window, "win.about", NULL));
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GObject) toplevel = g_list_model_get_item (toplevels, i);

      if (ADW_IS_ABOUT_WINDOW (toplevel))
        about = GTK_WIDGET (toplevel);
    }
  g_assert_nonnull (about);
  g_assert_true (has_escape (about));

  gtk_window_destroy (GTK_WINDOW (about));
  gtk_window_destroy (GTK_WINDOW (overlay));
  gtk_window_destroy (GTK_WINDOW (preferences));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* ---- focus ---------------------------------------------------------------------------- */

#define AUTHORIZE_URI "http://127.0.0.1:9/oauth/authorize?response_type=code&client_id=x&state=s"

static const char *example_account =
  "{\"id\":\"3f2c9a1e-5b7d-4c1a-9e8f-0a1b2c3d4e5f\",\"account_number\":\"PA31Z8KQ0XYZ\","
  "\"status\":\"ACTIVE\",\"currency\":\"USD\",\"cash\":\"18250.40\","
  "\"portfolio_value\":\"24310.90\",\"equity\":\"24310.90\",\"last_equity\":\"24102.15\","
  "\"buying_power\":\"48621.80\",\"daytrade_count\":0,\"pattern_day_trader\":false,"
  "\"trading_blocked\":false,\"transfers_blocked\":false,\"account_blocked\":false,"
  "\"trade_suspended_by_user\":false,\"created_at\":\"2023-05-04T15:22:31.123456Z\"}";

static PaddockWindow *
shown_window (void)
{
  PaddockWindow *window = paddock_window_new (NULL);

  gtk_window_present (GTK_WINDOW (window));
  for (int i = 0; i < 500 && !gtk_widget_get_mapped (GTK_WIDGET (window)); i++)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (window)));
  paddock_test_drain ();
  return window;
}

static GtkWidget *
focus_of (PaddockWindow *window)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));

  g_assert_nonnull (focus);
  return focus;
}

/* Tab once, as the key does (the window moves the focus forward) */
static GtkWidget *
press_tab (PaddockWindow *window)
{
  g_assert_true (gtk_widget_child_focus (GTK_WIDGET (window), GTK_DIR_TAB_FORWARD));
  paddock_test_drain ();
  return focus_of (window);
}

/* what a Tab stop is: never a label (a figure), never a row that does nothing */
static void
assert_actionable (GtkWidget *focus)
{
  GtkWidget *row;

  if (GTK_IS_LABEL (focus))
    g_error ("the label “%s” is a Tab stop", gtk_label_get_text (GTK_LABEL (focus)));
  if (GTK_IS_FLOW_BOX_CHILD (focus) &&
      gtk_flow_box_get_selection_mode (GTK_FLOW_BOX (gtk_widget_get_parent (focus))) ==
        GTK_SELECTION_NONE)
    g_error ("a box of a flow box that selects nothing is a Tab stop of its own");
  if (GTK_IS_TEXT (focus) || GTK_IS_EDITABLE (focus))
    return;
  row = GTK_IS_LIST_BOX_ROW (focus) ? focus : NULL;
  if (row != NULL && !gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (row)) &&
      !(ADW_IS_ACTION_ROW (row) && adw_action_row_get_activatable_widget (ADW_ACTION_ROW (row))))
    g_error ("a row that does nothing (%s) is a Tab stop", G_OBJECT_TYPE_NAME (row));
}

/* The welcome page: the focus on Try the Demo, not on the header's menu. */
static void
test_focus_welcome (void)
{
  PaddockWindow *window = shown_window ();

  paddock_window_show_welcome (window);
  paddock_test_drain ();
  g_assert_true (focus_of (window) ==
                 paddock_test_find_named (GTK_WIDGET (window), "try-demo-button"));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The assistant: its first choice has the focus as each step appears; a row with a radio
 * button is one Tab stop. */
static void
test_focus_assistant (void)
{
  PaddockWindow *window = shown_window ();
  GtkWidget *root = GTK_WIDGET (window);
  GtkWidget *paper = paddock_test_find_named (root, "environment-paper");
  GtkWidget *live = paddock_test_find_named (root, "environment-live");
  GtkWidget *paper_row = gtk_widget_get_ancestor (paper, GTK_TYPE_LIST_BOX_ROW);
  GtkWidget *live_row = gtk_widget_get_ancestor (live, GTK_TYPE_LIST_BOX_ROW);
  GtkWidget *focus;

  paddock_window_show_welcome (window);
  paddock_test_drain ();
  paddock_window_show_assistant (window, FALSE);
  paddock_test_drain ();
  g_assert_true (focus_of (window) == paper_row);
  /* one Tab from Paper's row leaves the row (the list's arrows go from row to row), and
   * does not stop at its radio button first */
  focus = press_tab (window);
  g_assert_true (focus != paper);
  g_assert_false (gtk_widget_is_ancestor (focus, paper_row));
  g_assert_false (gtk_widget_is_ancestor (focus, live_row));
  g_assert_false (gtk_widget_get_focusable (paper));
  g_assert_false (gtk_widget_get_focusable (live));
  /* Space on the row checks its radio button */
  gtk_widget_activate (live_row);
  paddock_test_drain ();
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (live)));
  gtk_widget_activate (paper_row);
  paddock_test_drain ();
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (paper)));

  /* Next: the permissions step, its first choice */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (paddock_window_get_sign_in_assistant (window)),
                                             "assistant.next", NULL));
  paddock_test_drain ();
  focus = focus_of (window);
  g_assert_true (gtk_widget_is_ancestor (paddock_test_find_named (root, "scope-trading"), focus) ||
                 focus == paddock_test_find_named (root, "scope-trading"));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The overview: the focus on its first actionable control, no figure selected, and Tab
 * through the page reaches only things that act. */
static void
test_focus_overview (void)
{
  PaddockWindow *window = shown_window ();
  GtkWidget *root = GTK_WIDGET (window);
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) node = json_from_string (example_account, &error);
  g_autoptr (PaddockAccount) account = paddock_account_new_from_json (node, &error);
  GtkWidget *view = GTK_WIDGET (paddock_window_get_account_view (window));
  const char *figures[] = { "equity-value", "today-value", "cash-value", "buying-power-value",
                            "account-number-value", NULL };
  GtkWidget *first;
  GtkWidget *focus;
  int start, end;

  g_assert_no_error (error);
  paddock_window_show_welcome (window);
  paddock_test_drain ();
  paddock_window_show_account (window, account, PADDOCK_ENVIRONMENT_PAPER);
  paddock_test_drain ();

  first = focus_of (window);
  g_assert_true (gtk_widget_is_ancestor (first, view));
  assert_actionable (first);
  for (guint i = 0; figures[i] != NULL; i++)
    {
      GtkWidget *label = paddock_test_find_named (root, figures[i]);

      g_assert_nonnull (label);
      g_assert_false (gtk_widget_get_focusable (label));
      g_assert_false (gtk_label_get_selection_bounds (GTK_LABEL (label), &start, &end));
      /* still selectable with the pointer, to copy */
      g_assert_true (gtk_label_get_selectable (GTK_LABEL (label)));
    }

  /* Tab through the page until the focus leaves it: every stop acts */
  focus = first;
  for (int i = 0; i < 60; i++)
    {
      focus = press_tab (window);
      if (!gtk_widget_is_ancestor (focus, view))
        break;
      assert_actionable (focus);
    }
  g_assert_false (gtk_widget_is_ancestor (focus, view));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Nothing arrives selected: no label in @root has selected text */
static void
assert_nothing_selected (GtkWidget *root)
{
  int start, end;

  if (GTK_IS_LABEL (root) && gtk_label_get_selection_bounds (GTK_LABEL (root), &start, &end))
    g_error ("the label “%s” arrives with its text selected",
             gtk_label_get_text (GTK_LABEL (root)));
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    assert_nothing_selected (child);
}

/* Rows that do nothing take no focus: every list row in @root shown that can take the
 * focus acts (is activatable, or activates a widget of its own) */
static void
assert_idle_rows_unfocusable (GtkWidget *root)
{
  if (GTK_IS_LIST_BOX_ROW (root) && paddock_test_is_shown (root) &&
      gtk_widget_get_focusable (root))
    assert_actionable (root);
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    assert_idle_rows_unfocusable (child);
}

/* Tab from the focus in @page: every stop acts, and the row of a radio button is one stop
 * (its button is never one of its own). With @leaves, Tab leaves the page within 80 stops;
 * else the first 40 are checked (GTK 4.8's lists make each of their rows a stop). */
static void
assert_tab_stops_act (PaddockWindow *window,
                      GtkWidget     *page,
                      gboolean       leaves)
{
  GtkWidget *focus = focus_of (window);

  for (int i = 0; i < (leaves ? 80 : 40) && gtk_widget_is_ancestor (focus, page); i++)
    {
      assert_actionable (focus);
      if (GTK_IS_CHECK_BUTTON (focus) &&
          gtk_widget_get_ancestor (focus, GTK_TYPE_LIST_BOX_ROW) != NULL)
        g_error ("the radio button of a row is a Tab stop of its own");
      focus = press_tab (window);
    }
  if (leaves)
    g_assert_false (gtk_widget_is_ancestor (focus, page));
}

/* The waiting page (the browser is open): the focus on its first action, Copy Link (the
 * one of its buttons that Enter cannot make do harm), not left on the page gone. */
static void
test_focus_waiting (void)
{
  PaddockWindow *window = shown_window ();
  GtkWidget *page;

  paddock_window_show_welcome (window);
  paddock_test_drain ();
  g_assert_true (focus_of (window) == paddock_test_find_named (window, "try-demo-button"));
  paddock_window_show_waiting (window, AUTHORIZE_URI);
  paddock_test_drain ();
  page = GTK_WIDGET (paddock_window_get_waiting_page (window));
  g_assert_true (focus_of (window) == paddock_test_find_named (window, "copy-link-button"));
  assert_nothing_selected (GTK_WIDGET (window));
  assert_tab_stops_act (window, page, TRUE);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* A problem page: the focus on its action (Try Again), coming from the waiting page */
static void
test_focus_problem (void)
{
  PaddockWindow *window = shown_window ();
  g_autoptr (GError) network = g_error_new_literal (PADDOCK_ERROR, PADDOCK_ERROR_NETWORK,
                                                    "Could not connect");
  GtkWidget *button;

  paddock_window_show_waiting (window, AUTHORIZE_URI);
  paddock_test_drain ();
  g_assert_true (focus_of (window) == paddock_test_find_named (window, "copy-link-button"));
  paddock_window_show_problem (window, network);
  paddock_test_drain ();
  button = paddock_test_find_named (window, "problem-button");
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (button)), ==, "Try Again");
  g_assert_true (focus_of (window) == button);
  assert_nothing_selected (GTK_WIDGET (window));
  assert_tab_stops_act (window, GTK_WIDGET (paddock_window_get_problem_page (window)), TRUE);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The revoked-access page of a shown account: the focus on Sign In Again, not on the
 * account's switcher in the header (which stays) nor on the overview gone */
static void
test_focus_revoked (void)
{
  PaddockWindow *window = shown_window ();
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) node = json_from_string (example_account, &error);
  g_autoptr (PaddockAccount) account = paddock_account_new_from_json (node, &error);
  g_autoptr (GError) revoked = g_error_new_literal (PADDOCK_ERROR, PADDOCK_ERROR_NOT_AUTHORIZED,
                                                    "revoked");
  GtkWidget *button;

  g_assert_no_error (error);
  paddock_window_show_account (window, account, PADDOCK_ENVIRONMENT_PAPER);
  paddock_test_drain ();
  g_assert_true (gtk_widget_is_ancestor (focus_of (window),
                                         GTK_WIDGET (paddock_window_get_account_view (window))));
  paddock_window_show_problem (window, revoked);
  paddock_test_drain ();
  g_assert_true (gtk_widget_get_visible (paddock_test_get_named (window, "account-button")));
  button = paddock_test_find_named (window, "problem-button");
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (button)), ==, "Sign In Again");
  g_assert_true (focus_of (window) == button);
  assert_nothing_selected (GTK_WIDGET (window));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Positions, Orders, Activity and Markets, each switched to with its key (Alt+2…5), with
 * the demo's rows in them: the focus goes along into the page, on something that acts;
 * nothing selected; no idle row takes the focus; Tab through the page stops only on things
 * that act. */
static void
test_focus_views (void)
{
  PaddockWindow *window = shown_window ();
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) node = json_from_string (example_account, &error);
  g_autoptr (PaddockAccount) account = paddock_account_new_from_json (node, &error);
  SandboxFixture demo = { 0, };
  g_autoptr (GListStore) positions = NULL;
  g_autoptr (GListStore) orders = NULL;
  g_autoptr (GListStore) activities = NULL;
  AdwViewStack *stack = NULL;
  const char *views[] = { "positions", "orders", "activity", "markets" };

  g_assert_no_error (error);
  paddock_test_demo_sandbox_setup (&demo);
  positions = paddock_test_fetch_items (&demo, "paper:/v2/positions", PADDOCK_TYPE_POSITION);
  orders = paddock_test_fetch_items (&demo, "paper:/v2/orders?status=all&limit=50",
                                     PADDOCK_TYPE_ORDER);
  activities = paddock_test_fetch_items (&demo, "paper:/v2/account/activities",
                                         PADDOCK_TYPE_ACTIVITY);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (positions)), >, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (orders)), >, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (activities)), >, 0);

  paddock_window_show_account (window, account, PADDOCK_ENVIRONMENT_PAPER);
  paddock_positions_page_set_model (paddock_window_get_positions_page (window),
                                    G_LIST_MODEL (positions));
  paddock_orders_page_set_model (paddock_window_get_orders_page (window), G_LIST_MODEL (orders));
  paddock_activity_page_set_model (paddock_window_get_activity_page (window),
                                   G_LIST_MODEL (activities));
  paddock_test_drain ();
  stack = ADW_VIEW_STACK (paddock_test_find_type (GTK_WIDGET (window), ADW_TYPE_VIEW_STACK));
  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    {
      g_autofree char *trigger = g_strdup_printf ("<Alt>%u", i + 2);
      GtkWidget *page;
      GtkWidget *focus;

      g_test_message ("%s: %s", trigger, views[i]);
      g_assert_true (paddock_test_activate_shortcut (GTK_WIDGET (window), trigger));
      paddock_test_drain ();
      g_assert_cmpstr (adw_view_stack_get_visible_child_name (stack), ==, views[i]);
      page = adw_view_stack_get_visible_child (stack);
      focus = focus_of (window);
      g_assert_true (gtk_widget_is_ancestor (focus, page));
      assert_actionable (focus);
      assert_nothing_selected (GTK_WIDGET (window));
      assert_idle_rows_unfocusable (page);
      assert_tab_stops_act (window, page, FALSE);
    }
  paddock_positions_page_set_model (paddock_window_get_positions_page (window), NULL);
  paddock_orders_page_set_model (paddock_window_get_orders_page (window), NULL);
  paddock_activity_page_set_model (paddock_window_get_activity_page (window), NULL);
  gtk_window_destroy (GTK_WINDOW (window));
  sandbox_fixture_teardown (&demo, NULL);
}

int
main (int   argc,
      char *argv[])
{
  if (paddock_test_no_display (&argc, &argv, "/ui/keyboard/no-display"))
    return g_test_run ();

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  g_test_add_func ("/ui/keyboard/shortcuts-window-complete", test_shortcuts_window_complete);
  g_test_add_func ("/ui/keyboard/window-keys", test_window_keys);
  g_test_add_func ("/ui/keyboard/escape-closes-dialogs", test_escape_closes_dialogs);
  g_test_add_func ("/ui/keyboard/focus/welcome", test_focus_welcome);
  g_test_add_func ("/ui/keyboard/focus/assistant", test_focus_assistant);
  g_test_add_func ("/ui/keyboard/focus/overview", test_focus_overview);
  g_test_add_func ("/ui/keyboard/focus/waiting", test_focus_waiting);
  g_test_add_func ("/ui/keyboard/focus/problem", test_focus_problem);
  g_test_add_func ("/ui/keyboard/focus/revoked", test_focus_revoked);
  g_test_add_func ("/ui/keyboard/focus/views", test_focus_views);

  return g_test_run ();
}
