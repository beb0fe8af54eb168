/* paddock-application.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "paddock-application"

#include "config.h"

#include <glib/gi18n.h>

#include "paddock-application.h"
#include "paddock-window.h"

struct _PaddockApplication
{
  AdwApplication parent_instance;
};

G_DEFINE_FINAL_TYPE (PaddockApplication, paddock_application, ADW_TYPE_APPLICATION)

/* Whether an OAuth app is configured: the environment (tests, scripts), the settings, or
 * a default baked in by a distributor. Without one the assistant asks for it. */
static gboolean
has_oauth_app (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr (GSettingsSchema) schema = NULL;

  if (g_getenv ("PADDOCK_CLIENT_ID") != NULL && g_getenv ("PADDOCK_CLIENT_ID")[0] != '\0')
    return TRUE;
  if (PADDOCK_DEFAULT_CLIENT_ID[0] != '\0')
    return TRUE;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, BASE_APP_ID, TRUE);
  if (schema != NULL)
    {
      g_autoptr (GSettings) settings = g_settings_new (BASE_APP_ID);
      g_autofree char *client_id = g_settings_get_string (settings, "client-id");

      return client_id[0] != '\0';
    }

  return FALSE;
}

static void
sign_in_requested_cb (PaddockWindow *window)
{
  paddock_window_show_assistant (window, !has_oauth_app ());
}

/* Back to where the person came from: the account shown before, or the welcome page. */
static void
sign_in_cancelled_cb (PaddockWindow *window)
{
  PaddockAccount *account = paddock_account_view_get_account (paddock_window_get_account_view (window));

  if (account != NULL)
    paddock_window_show_account (window, account, paddock_window_get_environment (window));
  else
    paddock_window_show_welcome (window);
}

static void
quit_activated_cb (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

static const GActionEntry app_actions[] = {
  { "quit", quit_activated_cb, NULL, NULL, NULL },
};

static int
paddock_application_handle_local_options (GApplication *app,
                                          GVariantDict *options)
{
  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("paddock %s\n", PACKAGE_VERSION);
      return 0;
    }

  return -1;
}

static void
paddock_application_activate (GApplication *app)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    {
      PaddockWindow *paddock_window = paddock_window_new (ADW_APPLICATION (app));

      /* The sign-in flow and the session are wired in by the session code; what needs
       * nothing but the window is wired here. */
      g_signal_connect (paddock_window, "sign-in-requested",
                        G_CALLBACK (sign_in_requested_cb), NULL);
      g_signal_connect (paddock_window, "add-account-requested",
                        G_CALLBACK (sign_in_requested_cb), NULL);
      g_signal_connect_object (paddock_window_get_sign_in_assistant (paddock_window), "cancelled",
                               G_CALLBACK (sign_in_cancelled_cb), paddock_window,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (paddock_window_get_waiting_page (paddock_window), "cancelled",
                               G_CALLBACK (sign_in_cancelled_cb), paddock_window,
                               G_CONNECT_SWAPPED);
      window = GTK_WINDOW (paddock_window);
    }

  gtk_window_present (window);
}

static void
paddock_application_startup (GApplication *app)
{
  static const char *quit_accels[] = { "<Control>q", NULL };

  G_APPLICATION_CLASS (paddock_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions, G_N_ELEMENTS (app_actions),
                                   app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
}

static void
paddock_application_class_init (PaddockApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  app_class->handle_local_options = paddock_application_handle_local_options;
  app_class->startup = paddock_application_startup;
  app_class->activate = paddock_application_activate;
}

static const GOptionEntry option_entries[] = {
  { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Print the version and exit"), NULL },
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
