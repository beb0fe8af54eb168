/* paddock-test-gtk.c: what the GTK test programs of Paddock's share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "paddock-test"

#include "config.h"

#include "paddock-test-gtk.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <locale.h>

#include "paddock-format-private.h"
#include "paddock-activity.h"
#include "paddock-order.h"
#include "paddock-position.h"
#include "paddock-test-hooks.h"

/* ---- the widget tree ---------------------------------------------------------------- */

/**
 * paddock_test_find_named:
 * @root: a widget (a window is one)
 * @name: a widget name (gtk_widget_set_name())
 *
 * Returns: (transfer none) (nullable): the first widget named @name in @root's tree, @root
 *   included, depth first
 */
GtkWidget *
paddock_test_find_named (gpointer    root,
                         const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (GTK_WIDGET (root)), name) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (root)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = paddock_test_find_named (child, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* paddock_test_find_named(), failing the test when there is no such widget */
GtkWidget *
paddock_test_get_named (gpointer    root,
                        const char *name)
{
  GtkWidget *widget = paddock_test_find_named (root, name);

  if (widget == NULL)
    g_error ("no widget named %s", name);
  return widget;
}

/* Adds every widget named @name under @root to @found, in order */
void
paddock_test_collect_named (GtkWidget  *root,
                            const char *name,
                            GPtrArray  *found)
{
  if (g_strcmp0 (gtk_widget_get_name (root), name) == 0)
    g_ptr_array_add (found, root);
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    paddock_test_collect_named (child, name, found);
}

/* The first widget of @type in @root's tree, @root included; NULL when there is none */
GtkWidget *
paddock_test_find_type (GtkWidget *root,
                        GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = paddock_test_find_type (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The text of the label named @name (the test fails when it is missing or no label) */
const char *
paddock_test_label_text (gpointer    root,
                         const char *name)
{
  GtkWidget *widget = paddock_test_get_named (root, name);

  g_assert_true (GTK_IS_LABEL (widget));
  return gtk_label_get_label (GTK_LABEL (widget));
}

/* Whether a label in @root's tree reads exactly @text */
gboolean
paddock_test_has_label_with_text (GtkWidget  *root,
                                  const char *text)
{
  if (GTK_IS_LABEL (root) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (root)), text) == 0)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (paddock_test_has_label_with_text (child, text))
      return TRUE;
  return FALSE;
}

/* Whether @widget would be drawn: it and every ancestor visible (a stack's hidden pages
 * are not child-visible). */
gboolean
paddock_test_is_shown (GtkWidget *widget)
{
  for (GtkWidget *w = widget; w != NULL; w = gtk_widget_get_parent (w))
    if (!gtk_widget_get_visible (w) || !gtk_widget_get_child_visible (w))
      return FALSE;
  return TRUE;
}

/* The first visible message dialog among the toplevels, after what is ready has run */
AdwMessageDialog *
paddock_test_find_message_dialog (void)
{
  g_autoptr (GList) toplevels = NULL;

  paddock_test_drain ();
  toplevels = gtk_window_list_toplevels ();
  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_visible (l->data))
      return l->data;
  return NULL;
}

/* ---- main() --------------------------------------------------------------------------- */

static void
test_no_display (void)
{
  g_test_skip ("no display: run under tests/xvfb-env.sh");
}

/**
 * paddock_test_no_display:
 * @argc: main()'s
 * @argv: main()'s
 * @path: the path of the test that says it was skipped
 *
 * For a GTK test program's main(), before gtk_test_init(): when there is no display (no
 * DISPLAY nor WAYLAND_DISPLAY), initialises the GLib test framework and adds one test, at
 * @path, that is skipped — unless tests/xvfb-env.sh promised a display
 * (PADDOCK_XVFB_WRAPPER), which fails at once.
 *
 * Returns: TRUE when there is no display: main() then returns g_test_run()
 */
gboolean
paddock_test_no_display (int          *argc,
                         char       ***argv,
                         const char   *path)
{
  gboolean has_display = g_getenv ("DISPLAY") != NULL || g_getenv ("WAYLAND_DISPLAY") != NULL;

  if (has_display)
    return FALSE;
  g_test_init (argc, argv, NULL);
  if (g_getenv ("PADDOCK_XVFB_WRAPPER") != NULL)
    g_error ("tests/xvfb-env.sh promised a display, but there is none");
  g_test_add_func (path, test_no_display);
  return TRUE;
}

/**
 * paddock_test_no_keyring_display:
 * @argc: main()'s
 * @argv: main()'s
 *
 * For the main() of a GTK test that needs a real keyring (tests/keyring-env.sh) and an X
 * display: when either is missing, initialises the GLib test framework and says so.
 *
 * Returns: TRUE when one is missing: main() then returns 77 (skipped)
 */
gboolean
paddock_test_no_keyring_display (int    *argc,
                                 char ***argv)
{
  if (g_getenv ("DISPLAY") != NULL && g_strcmp0 (g_getenv ("PADDOCK_KEYRING_ENV"), "keyring") == 0)
    return FALSE;
  g_test_init (argc, argv, NULL);
  g_test_message ("needs an X display and tests/keyring-env.sh");
  return TRUE;
}

/* What AdwApplication does at startup for the app: our styles and icon. */
void
paddock_test_load_app_resources (void)
{
  g_autoptr (GtkCssProvider) provider = gtk_css_provider_new ();
  GdkDisplay *display = gdk_display_get_default ();

  gtk_css_provider_load_from_resource (provider, "/io/github/paddockapp/Paddock/style.css");
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  gtk_icon_theme_add_resource_path (gtk_icon_theme_get_for_display (display),
                                    "/io/github/paddockapp/Paddock/icons");
}

/* ---- the main loop and the keys ----------------------------------------------------- */

/* A short wait with the main loop running */
void
paddock_test_spin (guint milliseconds)
{
  gint64 end = g_get_monotonic_time () + milliseconds * G_TIME_SPAN_MILLISECOND;

  while (g_get_monotonic_time () < end)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (5000);
    }
}

static gboolean
timeout_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

static gboolean
tick_cb (GtkWidget     *widget,
         GdkFrameClock *clock,
         gpointer       user_data)
{
  (*(guint *) user_data)++;
  return G_SOURCE_CONTINUE;
}

/* Waits until @widget has been drawn @count more times (the test fails after 10 s) */
void
paddock_test_wait_frames (GtkWidget *widget,
                          guint      count)
{
  guint frames = 0;
  guint id = gtk_widget_add_tick_callback (widget, tick_cb, &frames, NULL);
  gboolean timed_out = FALSE;
  guint timeout = g_timeout_add_seconds (10, timeout_cb, &timed_out);

  while (frames < count && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  gtk_widget_remove_tick_callback (widget, id);
  if (!timed_out)
    g_source_remove (timeout);
  g_assert_cmpuint (frames, >=, count);
  paddock_test_drain ();
}

/* Resizes @window so that what a screenshot shows — the window widget without the
 * invisible resize borders around it — is @width × @height, then waits until it has been
 * drawn 3 times at that size (the test fails if the size is not reached within 10 s). */
void
paddock_test_size_content (PaddockWindow *window,
                           int            width,
                           int            height)
{
  GtkWidget *widget = GTK_WIDGET (window);
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (window));
  int extra_width = gdk_surface_get_width (surface) - gtk_widget_get_width (widget);
  int extra_height = gdk_surface_get_height (surface) - gtk_widget_get_height (widget);
  gboolean timed_out = FALSE;
  guint timeout = g_timeout_add_seconds (10, timeout_cb, &timed_out);

  gtk_window_set_default_size (GTK_WINDOW (window), width + extra_width, height + extra_height);
  while ((gtk_widget_get_width (widget) != width || gtk_widget_get_height (widget) != height) &&
         !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (timeout);

  g_assert_cmpint (gtk_widget_get_width (widget), ==, width);
  g_assert_cmpint (gtk_widget_get_height (widget), ==, height);
  paddock_test_wait_frames (widget, 3);
}

/* Saves what @window shows to @path with the app's own screenshot function (the one
 * build-aux/screenshots.sh and the end-to-end tests use) and checks that it is a real
 * picture of the window. */
void
paddock_test_save_screenshot (PaddockWindow *window,
                              const char    *path)
{
  g_autoptr (GdkTexture) loaded = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree guchar *pixels = NULL;
  GStatBuf st;
  int width, height;
  gsize stride;
  guint32 first;
  gsize differing = 0;

  paddock_test_wait_frames (GTK_WIDGET (window), 3);
  g_assert_true (paddock_test_hooks_save_screenshot (window, path, &error));
  g_assert_no_error (error);

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_size, >, 0);

  /* read it back: the file holds the window, in more than one colour */
  loaded = gdk_texture_new_from_filename (path, &error);
  g_assert_no_error (error);
  width = gdk_texture_get_width (loaded);
  height = gdk_texture_get_height (loaded);
  g_assert_cmpint (width, ==, gtk_widget_get_width (GTK_WIDGET (window)));
  g_assert_cmpint (height, ==, gtk_widget_get_height (GTK_WIDGET (window)));

  stride = (gsize) width * 4;
  pixels = g_malloc (stride * height);
  gdk_texture_download (loaded, pixels, stride);
  first = *(guint32 *) pixels;
  for (gsize i = 0; i < (gsize) width * height; i++)
    if (((guint32 *) pixels)[i] != first)
      differing++;
  /* text and widgets, not a blank or single-colour frame */
  g_assert_cmpuint (differing, >, (gsize) width * height / 200);
}

/* @keyval pressed, as @widget's key controllers get it; whether one handled it */
gboolean
paddock_test_press_key (GtkWidget *widget,
                        guint      keyval)
{
  g_autoptr (GListModel) controllers = gtk_widget_observe_controllers (widget);
  gboolean handled = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr (GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller))
        g_signal_emit_by_name (controller, "key-pressed", keyval, 0, 0, &handled);
    }
  return handled;
}

/**
 * paddock_test_shortcuts:
 * @widget: a widget
 *
 * Returns: (transfer container) (element-type GtkShortcut): the shortcuts of @widget's
 *   shortcut controllers (its class's, inherited ones included, and its own), in order
 */
GPtrArray *
paddock_test_shortcuts (GtkWidget *widget)
{
  g_autoptr (GListModel) controllers = gtk_widget_observe_controllers (widget);
  GPtrArray *shortcuts = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr (GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        g_ptr_array_add (shortcuts, g_list_model_get_item (G_LIST_MODEL (controller), j));
    }
  return shortcuts;
}

/* The shortcut of @widget whose trigger reads @trigger (e.g. "<Control>k"), activated as
 * its key would, with @flags; FALSE when there is none */
gboolean
paddock_test_activate_shortcut_full (GtkWidget              *widget,
                                     const char             *trigger,
                                     GtkShortcutActionFlags  flags)
{
  g_autoptr (GPtrArray) shortcuts = paddock_test_shortcuts (widget);

  for (guint i = 0; i < shortcuts->len; i++)
    {
      GtkShortcut *shortcut = g_ptr_array_index (shortcuts, i);
      g_autofree char *text = gtk_shortcut_trigger_to_string (gtk_shortcut_get_trigger (shortcut));

      if (g_strcmp0 (text, trigger) == 0)
        return gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), flags, widget,
                                             gtk_shortcut_get_arguments (shortcut));
    }
  return FALSE;
}

/* paddock_test_activate_shortcut_full() with no flags */
gboolean
paddock_test_activate_shortcut (GtkWidget  *widget,
                                const char *trigger)
{
  return paddock_test_activate_shortcut_full (widget, trigger, 0);
}

/* ---- the test hooks' report --------------------------------------------------------- */

/**
 * paddock_test_report:
 * @window: the window
 * @node: (inout): keeps the parsed report; what it held before is freed
 *
 * Returns: (transfer none): the test hooks' report of @window, parsed (the test fails on
 *   anything but a JSON object)
 */
JsonObject *
paddock_test_report (PaddockWindow *window,
                     JsonNode     **node)
{
  g_autofree char *text = paddock_test_hooks_describe (window);
  g_autoptr (GError) error = NULL;

  g_clear_pointer (node, json_node_unref);
  g_test_message ("report: %s", text);
  *node = json_from_string (text, &error);
  g_assert_no_error (error);
  g_assert_nonnull (*node);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (*node));
  return json_node_get_object (*node);
}

/* The report's object @member (e.g. "markets"), *node keeping the report */
JsonObject *
paddock_test_report_member (PaddockWindow *window,
                            const char    *member,
                            JsonNode     **node)
{
  return json_object_get_object_member (paddock_test_report (window, node), member);
}

/* ---- the Markets page and the sandbox's watchlists ------------------------------------ */

/* "A,B,C": the strings of @array (@member NULL), or the string @member of its objects */
char *
paddock_test_joined_strings (JsonArray  *array,
                             const char *member)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_auto (GStrv) strv = NULL;

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);

      if (member == NULL)
        g_strv_builder_add (builder, json_node_get_string (node));
      else
        g_strv_builder_add (builder, json_object_get_string_member (json_node_get_object (node),
                                                                   member));
    }
  strv = g_strv_builder_end (builder);
  return g_strjoinv (",", strv);
}

/* Whether @owned (freed here) is @expected; says what it got when not, for a condition
 * waited for */
gboolean
paddock_test_same (char       *owned,
                   const char *expected)
{
  gboolean equal = g_strcmp0 (owned, expected) == 0;

  if (!equal)
    g_test_message ("got “%s”, waiting for “%s”", owned, expected);
  g_free (owned);
  return equal;
}

static JsonArray *
markets_array (PaddockWindow *window,
               const char    *member,
               JsonNode     **node)
{
  paddock_test_drain ();
  return json_object_get_array_member (paddock_test_report_member (window, "markets", node),
                                       member);
}

/* "AAPL,MSFT,KO": the Markets page's rows (the chosen list), in order */
char *
paddock_test_markets_rows (PaddockWindow *window)
{
  g_autoptr (JsonNode) node = NULL;

  return paddock_test_joined_strings (markets_array (window, "rows", &node), "symbol");
}

/* "Tech,Other": the Markets page's chooser, in order */
char *
paddock_test_markets_watchlists (PaddockWindow *window)
{
  g_autoptr (JsonNode) node = NULL;

  return paddock_test_joined_strings (markets_array (window, "watchlists", &node), NULL);
}

/* "Tech,Other": the sandbox's watchlists by name, in its order */
char *
paddock_test_sandbox_watchlists (SandboxFixture *sf)
{
  g_autoptr (TestReply) reply = test_request (sf, "GET", "paper:/v2/watchlists", sf->token,
                                              NULL);

  g_assert_cmpuint (reply->status, ==, 200);
  return paddock_test_joined_strings (test_reply_array (reply), "name");
}

/* Creates a watchlist in the sandbox (@body: its JSON); returns its id */
char *
paddock_test_sandbox_create_watchlist (SandboxFixture *sf,
                                       const char     *body)
{
  g_autoptr (TestReply) reply = test_request (sf, "POST", "paper:/v2/watchlists", sf->token,
                                              body);

  g_assert_cmpuint (reply->status, ==, 200);
  return g_strdup (json_object_get_string_member (test_reply_object (reply), "id"));
}

/* ---- the app on the sandbox, signed in ---------------------------------------------- */

/* Points the app's controller at @sandbox: PADDOCK_*_URL and PADDOCK_CLIENT_ID */
void
paddock_test_app_use_sandbox (PaddockSandbox *sandbox)
{
  g_setenv ("PADDOCK_PAPER_URL", paddock_sandbox_get_paper_url (sandbox), TRUE);
  g_setenv ("PADDOCK_LIVE_URL", paddock_sandbox_get_live_url (sandbox), TRUE);
  g_setenv ("PADDOCK_DATA_URL", paddock_sandbox_get_data_url (sandbox), TRUE);
  g_setenv ("PADDOCK_AUTHORIZE_URL", paddock_sandbox_get_authorize_url (sandbox), TRUE);
  g_setenv ("PADDOCK_POLYGON_URL", paddock_sandbox_get_polygon_url (sandbox), TRUE);
  g_setenv ("PADDOCK_CLIENT_ID", paddock_sandbox_get_client_id (sandbox), TRUE);
}

/* sandbox_fixture_setup() with the demo's past (positions, a few hundred orders, open
 * limit orders, a portfolio history) and prices that stay put */
void
paddock_test_demo_sandbox_setup (SandboxFixture *sf)
{
  g_autoptr (GError) error = NULL;

  sf->sandbox = paddock_sandbox_new (42);
  paddock_sandbox_set_demo_history (sf->sandbox, TRUE);
  paddock_sandbox_set_tick_interval (sf->sandbox, 0);
  g_assert_true (paddock_sandbox_start (sf->sandbox, 0, &error));
  g_assert_no_error (error);
  sf->session = soup_session_new_with_options ("timeout", 20, NULL);
  sf->token = paddock_sandbox_issue_token (sf->sandbox, "account:write trading data", "paper");
}

/**
 * paddock_test_fetch_items:
 * @sf: the sandbox
 * @url: a paper list to GET (test_request()'s form, e.g. "paper:/v2/positions")
 * @type: %PADDOCK_TYPE_POSITION, %PADDOCK_TYPE_ORDER or %PADDOCK_TYPE_ACTIVITY
 *
 * Returns: (transfer full): the sandbox's reply as a store of @type (the test fails on
 *   anything the models refuse)
 */
GListStore *
paddock_test_fetch_items (SandboxFixture *sf,
                          const char     *url,
                          GType           type)
{
  g_autoptr (TestReply) reply = test_request (sf, "GET", url, sf->token, NULL);
  GListStore *store = g_list_store_new (type);
  JsonArray *array;

  g_assert_cmpuint (reply->status, ==, 200);
  array = test_reply_array (reply);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      g_autoptr (GError) error = NULL;
      g_autoptr (GObject) item = NULL;

      if (type == PADDOCK_TYPE_POSITION)
        item = G_OBJECT (paddock_position_new_from_json (node, &error));
      else if (type == PADDOCK_TYPE_ORDER)
        item = G_OBJECT (paddock_order_new_from_json (node, &error));
      else
        item = G_OBJECT (paddock_activity_new_from_json (node, &error));
      g_assert_no_error (error);
      g_list_store_append (store, item);
    }
  return store;
}

/* Saves @credentials in @store, waiting for it */
void
paddock_test_store_save (PaddockTokenStore  *store,
                         PaddockCredentials *credentials)
{
  g_auto (PaddockTestAsync) w = { 0, };
  g_autoptr (GError) error = NULL;

  paddock_token_store_save_async (store, credentials, NULL, paddock_test_async_cb, &w);
  g_assert_true (paddock_token_store_save_finish (store, paddock_test_async_wait (&w), &error));
  g_assert_no_error (error);
}

/**
 * paddock_test_store_paper_account:
 * @sf: the sandbox
 * @token: the access token the app signs in with
 * @scope: its scope
 * @account_id: (out) (optional): the paper account's id
 * @account_number: (out) (optional): its number
 *
 * Stores a sign-in to @sf's paper account in a new token store (the keyring) and makes it
 * the account shown last, so that the controller starts on it.
 *
 * Returns: (transfer full): the token store
 */
PaddockTokenStore *
paddock_test_store_paper_account (SandboxFixture  *sf,
                                  const char      *token,
                                  const char      *scope,
                                  char           **account_id,
                                  char           **account_number)
{
  g_autoptr (TestReply) reply = test_request (sf, "GET", "paper:/v2/account", sf->token, NULL);
  g_autoptr (GSettings) settings = g_settings_new (SETTINGS_SCHEMA_ID);
  g_autoptr (PaddockCredentials) paper = NULL;
  g_autofree char *last = NULL;
  PaddockTokenStore *store = paddock_token_store_new ();
  JsonObject *account;
  const char *id;
  const char *number;

  g_assert_cmpuint (reply->status, ==, 200);
  account = test_reply_object (reply);
  id = json_object_get_string_member (account, "id");
  number = json_object_get_string_member (account, "account_number");
  paper = paddock_credentials_new (PADDOCK_ENVIRONMENT_PAPER, id, number, token, "bearer", scope,
                                   NULL);
  paddock_test_store_save (store, paper);
  last = g_strdup_printf ("paper:%s", id);
  g_settings_set_string (settings, "last-account", last);
  if (account_id != NULL)
    *account_id = g_strdup (id);
  if (account_number != NULL)
    *account_number = g_strdup (number);
  return store;
}

static void
menu_item_count_cb (PaddockWindow *window,
                    guint         *count)
{
  (*count)++;
}

/**
 * paddock_test_account_menu_item:
 * @sf: the sandbox, whose paper account the window shows
 * @button_name: the widget name of the account menu's item
 * @signal: the window's signal the item emits
 *
 * Checks an item of the account menu that opens a window about the account: insensitive
 * while no account is shown, sensitive once one is, and a click emits @signal once.
 */
void
paddock_test_account_menu_item (SandboxFixture *sf,
                                const char     *button_name,
                                const char     *signal)
{
  PaddockWindow *window = paddock_window_new (NULL);
  g_autoptr (TestReply) reply = test_request (sf, "GET", "paper:/v2/account", sf->token, NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (PaddockAccount) account = NULL;
  GtkWidget *button;
  guint count = 0;

  g_assert_cmpuint (reply->status, ==, 200);
  account = paddock_account_new_from_json (reply->json, &error);
  g_assert_no_error (error);

  g_signal_connect (window, signal, G_CALLBACK (menu_item_count_cb), &count);
  gtk_window_present (GTK_WINDOW (window));
  paddock_test_drain ();
  button = paddock_test_get_named (GTK_WIDGET (window), button_name);
  g_assert_false (gtk_widget_get_sensitive (button));

  paddock_window_show_account (window, account, PADDOCK_ENVIRONMENT_DEMO);
  paddock_test_drain ();
  g_assert_true (gtk_widget_get_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
  paddock_test_drain ();
  g_assert_cmpuint (count, ==, 1);

  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  gtk_window_destroy (GTK_WINDOW (window));
  paddock_test_drain ();
  g_assert_null (window);
}

/* Disposes *@controller (cancelling what it has in flight), waits until the cancelled
 * callbacks, which hold references, have let it go, and sets *@controller to NULL */
void
paddock_test_controller_release (PaddockController **controller)
{
  g_object_run_dispose (G_OBJECT (*controller));
  g_object_add_weak_pointer (G_OBJECT (*controller), (gpointer *) controller);
  g_object_unref (*controller);
  PADDOCK_TEST_WAIT_UNTIL (*controller == NULL);
}

/* The number of the account @window shows, or NULL while it shows none */
const char *
paddock_test_shown_number (PaddockWindow *window)
{
  PaddockAccountView *view = paddock_window_get_account_view (window);
  PaddockAccount *account = paddock_account_view_get_account (view);

  return account ? paddock_account_get_account_number (account) : NULL;
}

/* Whether @window shows an account of @environment on its account page */
gboolean
paddock_test_showing (PaddockWindow      *window,
                      PaddockEnvironment  environment)
{
  return g_strcmp0 (paddock_window_get_page (window), "account") == 0 &&
         paddock_window_get_environment (window) == environment &&
         paddock_test_shown_number (window) != NULL;
}

/* The first half of paddock_test_controller_fixture_setup(): the sandbox, the app pointed
 * at it, and a stored sign-in to its paper account, shown last (f->store, f->paper_id,
 * f->paper_number) */
void
paddock_test_controller_fixture_store (PaddockTestControllerFixture *f)
{
  sandbox_fixture_setup (&f->sf, NULL);
  paddock_test_app_use_sandbox (f->sf.sandbox);
  f->store = paddock_test_store_paper_account (&f->sf, f->sf.token, "account:write trading data",
                                               &f->paper_id, &f->paper_number);
}

/* The second half: the window, presented, and the controller driving it (not started) */
void
paddock_test_controller_fixture_open (PaddockTestControllerFixture *f)
{
  f->window = paddock_window_new (NULL);
  gtk_window_present (GTK_WINDOW (f->window));
  f->controller = paddock_controller_new (f->window);
}

/* A stored paper account on this test's sandbox, shown last: the controller, not yet
 * started, starts on it without a sign-in */
void
paddock_test_controller_fixture_setup (PaddockTestControllerFixture *f,
                                       gconstpointer                 data)
{
  paddock_test_controller_fixture_store (f);
  paddock_test_controller_fixture_open (f);
}

void
paddock_test_controller_fixture_teardown (PaddockTestControllerFixture *f,
                                          gconstpointer                 data)
{
  paddock_test_controller_release (&f->controller);
  gtk_window_destroy (GTK_WINDOW (f->window));
  g_clear_object (&f->store);
  g_free (f->paper_id);
  g_free (f->paper_number);
  sandbox_fixture_teardown (&f->sf, NULL);
}

/* For build-aux/screenshots.sh only, which sets PADDOCK_LOCALEDIR (the build tree's
 * catalogues) when it takes the pages in another language than English: draw them in the
 * environment's locale and language, with those catalogues, as the app's main() does, and
 * drop the American number format the tests otherwise force. Without both variables
 * nothing changes, so the tests keep their fixed English. Call it after the test's own
 * locale set-up. */
void
paddock_test_screenshot_language (void)
{
  const char *dir = g_getenv ("PADDOCK_LOCALEDIR");

  if (dir == NULL || *dir == '\0' || g_getenv ("PADDOCK_SCREENSHOT_DIR") == NULL)
    return;
  setlocale (LC_ALL, "");
  _paddock_format_override_locale (NULL, NULL, NULL);
  bindtextdomain (GETTEXT_PACKAGE, dir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}
