/* paddock-a11y.c: what screen readers need that the widgets do not say by themselves
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "paddock-a11y"

#include "config.h"

#include "paddock-a11y.h"

/**
 * paddock_a11y_label_icon_buttons:
 * @root: a widget
 *
 * Gives every icon-only button under @root (itself included) its tooltip as its accessible
 * label. GTK 4.8 names such a button after its widget type ("GtkImage"), which is what a
 * screen reader then reads; Paddock's own buttons are named in their .ui files, this is
 * for the ones libadwaita builds inside its widgets (the "Show Text" button of an
 * AdwPasswordEntryRow).
 */
void
paddock_a11y_label_icon_buttons (GtkWidget *root)
{
  g_return_if_fail (GTK_IS_WIDGET (root));

  if (GTK_IS_BUTTON (root) && gtk_button_get_label (GTK_BUTTON (root)) == NULL &&
      !GTK_IS_LABEL (gtk_button_get_child (GTK_BUTTON (root))))
    {
      const char *tooltip = gtk_widget_get_tooltip_text (root);

      if (tooltip != NULL && tooltip[0] != '\0')
        gtk_accessible_update_property (GTK_ACCESSIBLE (root), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                        tooltip, -1);
    }

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    paddock_a11y_label_icon_buttons (child);
}
