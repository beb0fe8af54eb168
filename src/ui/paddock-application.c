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
    window = GTK_WINDOW (paddock_window_new (ADW_APPLICATION (app)));

  gtk_window_present (window);
}

static void
paddock_application_class_init (PaddockApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  app_class->handle_local_options = paddock_application_handle_local_options;
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
