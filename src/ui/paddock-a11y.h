/* paddock-a11y.h: what screen readers need that the widgets do not say by themselves
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void paddock_a11y_label_icon_buttons (GtkWidget *root);

G_END_DECLS
