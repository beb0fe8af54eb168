/* paddock-application.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "paddock-application"

#include "config.h"

#include <glib/gi18n.h>

#include "paddock-application.h"
#include "paddock-controller.h"
#include "paddock-symbol-window.h"
#include "paddock-preferences.h"
#include "paddock-settings.h"
#include "paddock-test-hooks.h"
#include "paddock-window.h"

struct _PaddockApplication
{
  AdwApplication parent_instance;

  PaddockController *controller;
  gboolean start_demo;
};

G_DEFINE_FINAL_TYPE (PaddockApplication, paddock_application, ADW_TYPE_APPLICATION)

static void
quit_activated_cb (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

static PaddockController *
ensure_window (PaddockApplication *self);

/* Exported on D-Bus like every application action: the end-to-end tests press the
 * welcome page's buttons this way. */
static void
try_demo_activated_cb (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  PaddockApplication *self = user_data;

  paddock_controller_try_demo (ensure_window (self));
}

static void
sign_in_activated_cb (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  PaddockApplication *self = user_data;

  paddock_controller_sign_in (ensure_window (self));
}

static void
refresh_activated_cb (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (user_data));

  if (window != NULL)
    gtk_widget_activate_action (GTK_WIDGET (window), "win.refresh", NULL);
}

/* the order ticket on the account shown (exported on D-Bus for the end-to-end tests) */
static void
new_order_activated_cb (GSimpleAction *action,
                        GVariant      *parameter,
                        gpointer       user_data)
{
  /* the main window's, also while a symbol window or Preferences is the active one */
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (user_data)); l != NULL; l = l->next)
    if (PADDOCK_IS_WINDOW (l->data))
      {
        gtk_widget_activate_action (GTK_WIDGET (l->data), "win.new-order", NULL);
        return;
      }
}

/* symbol search on the account shown (exported on D-Bus for the end-to-end tests) */
static void
search_activated_cb (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (user_data)); l != NULL; l = l->next)
    if (PADDOCK_IS_WINDOW (l->data))
      {
        gtk_widget_activate_action (GTK_WIDGET (l->data), "win.search", NULL);
        return;
      }
}

/* a symbol's window on the account shown (exported on D-Bus for the screenshots and the
 * end-to-end tests) */
static void
open_symbol_activated_cb (GSimpleAction *action,
                          GVariant      *parameter,
                          gpointer       user_data)
{
  PaddockApplication *self = PADDOCK_APPLICATION (user_data);
  PaddockSession *session = self->controller != NULL
                            ? paddock_controller_get_session (self->controller) : NULL;
  const char *symbol = g_variant_get_string (parameter, NULL);

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (PADDOCK_IS_WINDOW (l->data) && session != NULL && symbol[0] != '\0')
      {
        paddock_symbol_window_open (GTK_WINDOW (l->data), session, symbol);
        return;
      }
}

static void
preferences_activated_cb (GSimpleAction *action,
                          GVariant      *parameter,
                          gpointer       user_data)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (user_data));
  g_autoptr (GSettings) settings = paddock_settings_new ();
  PaddockPreferences *preferences = paddock_preferences_new (settings);

  gtk_window_set_transient_for (GTK_WINDOW (preferences), window);
  gtk_window_present (GTK_WINDOW (preferences));
}

static const GActionEntry app_actions[] = {
  { "preferences", preferences_activated_cb, NULL, NULL, NULL },
  { "refresh", refresh_activated_cb, NULL, NULL, NULL },
  { "new-order", new_order_activated_cb, NULL, NULL, NULL },
  { "search", search_activated_cb, NULL, NULL, NULL },
  { "open-symbol", open_symbol_activated_cb, "s", NULL, NULL },
  { "quit", quit_activated_cb, NULL, NULL, NULL },
  { "try-demo", try_demo_activated_cb, NULL, NULL, NULL },
  { "sign-in", sign_in_activated_cb, NULL, NULL, NULL },
};

static int
paddock_application_handle_local_options (GApplication *app,
                                          GVariantDict *options)
{
  PaddockApplication *self = PADDOCK_APPLICATION (app);
  g_autoptr (GError) error = NULL;

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("paddock %s\n", PACKAGE_VERSION);
      return 0;
    }

  if (g_variant_dict_contains (options, "demo"))
    {
      if (!g_application_register (app, NULL, &error))
        {
          g_printerr ("paddock: %s\n", error->message);
          return 1;
        }
      if (g_application_get_is_remote (app))
        {
          /* Paddock already runs: ask it to start the demo */
          g_action_group_activate_action (G_ACTION_GROUP (app), "try-demo", NULL);
          return 0;
        }
      self->start_demo = TRUE;
    }

  return -1;
}

static PaddockController *
ensure_window (PaddockApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window == NULL || self->controller == NULL)
    {
      /* the controller drives the window: accounts and sessions, and (through its
       * PaddockSignIn) the sign-in */
      PaddockWindow *paddock_window = paddock_window_new (ADW_APPLICATION (self));

      window = GTK_WINDOW (paddock_window);
      paddock_test_hooks_attach (paddock_window);
      {
        g_autoptr (GSettings) settings = paddock_settings_new ();

        /* Preferences' account refresh interval, followed while the window lives */
        if (settings != NULL)
          g_settings_bind (settings, "refresh-interval", paddock_window, "refresh-interval",
                           G_SETTINGS_BIND_GET);
      }

      g_clear_object (&self->controller);
      self->controller = paddock_controller_new (paddock_window);
      gtk_window_present (window);
      paddock_controller_start (self->controller, self->start_demo);
      self->start_demo = FALSE;
    }

  gtk_window_present (window);
  return self->controller;
}

static void
paddock_application_activate (GApplication *app)
{
  ensure_window (PADDOCK_APPLICATION (app));
}

static void
paddock_application_shutdown (GApplication *app)
{
  PaddockApplication *self = PADDOCK_APPLICATION (app);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (PADDOCK_IS_WINDOW (window))
    paddock_window_save_size (PADDOCK_WINDOW (window));
  if (self->controller != NULL)
    g_object_run_dispose (G_OBJECT (self->controller));
  g_clear_object (&self->controller);

  G_APPLICATION_CLASS (paddock_application_parent_class)->shutdown (app);
}

static void
paddock_application_startup (GApplication *app)
{
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *preferences_accels[] = { "<Control>comma", NULL };

  G_APPLICATION_CLASS (paddock_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions, G_N_ELEMENTS (app_actions),
                                   app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.preferences",
                                         preferences_accels);
}

static void
paddock_application_class_init (PaddockApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  app_class->handle_local_options = paddock_application_handle_local_options;
  app_class->startup = paddock_application_startup;
  app_class->activate = paddock_application_activate;
  app_class->shutdown = paddock_application_shutdown;
}

static const GOptionEntry option_entries[] = {
  { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Print the version and exit"), NULL },
  { "demo", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Try Paddock with its built-in demo brokerage (signs in through the browser)"), NULL },
  { NULL }
};

static void
paddock_application_init (PaddockApplication *self)
{
  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
}

PaddockApplication *
paddock_application_new (void)
{
  return g_object_new (PADDOCK_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", "/io/github/paddockapp/Paddock",
                       NULL);
}

/**
 * paddock_application_get_controller:
 * @self: the application
 *
 * What drives the window (the test hooks reach the session through it).
 *
 * Returns: (transfer none) (nullable): the controller, once there is a window
 */
PaddockController *
paddock_application_get_controller (PaddockApplication *self)
{
  g_return_val_if_fail (PADDOCK_IS_APPLICATION (self), NULL);

  return self->controller;
}
