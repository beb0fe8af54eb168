/* paddock-positions-page.h: the open positions, in a sortable table
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define PADDOCK_TYPE_POSITIONS_PAGE (paddock_positions_page_get_type ())
G_DECLARE_FINAL_TYPE (PaddockPositionsPage, paddock_positions_page, PADDOCK, POSITIONS_PAGE, GtkWidget)

GtkWidget    *paddock_positions_page_new          (void);
GListModel   *paddock_positions_page_get_model    (PaddockPositionsPage *self);
void          paddock_positions_page_set_model    (PaddockPositionsPage *self,
                                                   GListModel           *model);
GtkColumnView *paddock_positions_page_get_column_view (PaddockPositionsPage *self);

G_END_DECLS
