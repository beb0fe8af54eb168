/* paddock-about.h: the About window, from the facts the metainfo states
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define PADDOCK_ABOUT_WEBSITE "https://github.com/paddockapp/paddock"
#define PADDOCK_ABOUT_ISSUE_URL "https://github.com/paddockapp/paddock/issues"

GtkWidget *paddock_about_new (GtkWindow *parent);

G_END_DECLS
