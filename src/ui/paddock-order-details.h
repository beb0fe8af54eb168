/* paddock-order-details.h: every field of one order, its fills, timestamps and legs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "paddock-order.h"

G_BEGIN_DECLS

#define PADDOCK_TYPE_ORDER_DETAILS (paddock_order_details_get_type ())
G_DECLARE_FINAL_TYPE (PaddockOrderDetails, paddock_order_details, PADDOCK, ORDER_DETAILS, AdwWindow)

PaddockOrderDetails *paddock_order_details_new       (PaddockOrder        *order);
PaddockOrder        *paddock_order_details_get_order (PaddockOrderDetails *self);

G_END_DECLS
