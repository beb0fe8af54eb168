/* paddock-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "paddock-window"

#include "config.h"

#include <glib/gi18n.h>

#include "paddock-window.h"

struct _PaddockWindow
{
  AdwApplicationWindow parent_instance;

  AdwHeaderBar *header_bar;
  AdwStatusPage *welcome_page;
};

G_DEFINE_FINAL_TYPE (PaddockWindow, paddock_window, ADW_TYPE_APPLICATION_WINDOW)

static void
paddock_window_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), PADDOCK_TYPE_WINDOW);

  G_OBJECT_CLASS (paddock_window_parent_class)->dispose (object);
}

static void
paddock_window_class_init (PaddockWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = paddock_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/paddockapp/Paddock/paddock-window.ui");
  gtk_widget_class_bind_template_child (widget_class, PaddockWindow, header_bar);
  gtk_widget_class_bind_template_child (widget_class, PaddockWindow, welcome_page);
}

static void
paddock_window_init (PaddockWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  if (DEVELOPMENT_BUILD)
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
}

PaddockWindow *
paddock_window_new (AdwApplication *application)
{
  return g_object_new (PADDOCK_TYPE_WINDOW, "application", application, NULL);
}
