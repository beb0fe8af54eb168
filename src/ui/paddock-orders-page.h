/* paddock-orders-page.h: orders, open and past, with bracket legs under their parent
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "paddock-order.h"

G_BEGIN_DECLS

typedef enum {
  PADDOCK_ORDERS_FILTER_OPEN,
  PADDOCK_ORDERS_FILTER_CLOSED,
  PADDOCK_ORDERS_FILTER_ALL,
} PaddockOrdersFilter;

#define PADDOCK_TYPE_ORDERS_PAGE (paddock_orders_page_get_type ())
G_DECLARE_FINAL_TYPE (PaddockOrdersPage, paddock_orders_page, PADDOCK, ORDERS_PAGE, GtkWidget)

GtkWidget           *paddock_orders_page_new             (void);
GListModel          *paddock_orders_page_get_model       (PaddockOrdersPage   *self);
void                 paddock_orders_page_set_model       (PaddockOrdersPage   *self,
                                                          GListModel          *model);
PaddockOrdersFilter  paddock_orders_page_get_filter      (PaddockOrdersPage   *self);
void                 paddock_orders_page_set_filter      (PaddockOrdersPage   *self,
                                                          PaddockOrdersFilter  filter);
GtkColumnView       *paddock_orders_page_get_column_view (PaddockOrdersPage   *self);

const char          *paddock_orders_page_status_words    (PaddockOrder        *order);
const char          *paddock_orders_page_status_class    (PaddockOrder        *order);
const char          *paddock_orders_page_side_words      (PaddockOrder        *order);
const char          *paddock_orders_page_type_words      (PaddockOrder        *order);

G_END_DECLS
