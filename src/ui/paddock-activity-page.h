/* paddock-activity-page.h: fills, dividends, transfers and fees, by day
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define PADDOCK_TYPE_ACTIVITY_PAGE (paddock_activity_page_get_type ())
G_DECLARE_FINAL_TYPE (PaddockActivityPage, paddock_activity_page, PADDOCK, ACTIVITY_PAGE, GtkWidget)

GtkWidget   *paddock_activity_page_new           (void);
GListModel  *paddock_activity_page_get_model     (PaddockActivityPage *self);
void         paddock_activity_page_set_model     (PaddockActivityPage *self,
                                                  GListModel          *model);
GtkListView *paddock_activity_page_get_list_view (PaddockActivityPage *self);

G_END_DECLS
