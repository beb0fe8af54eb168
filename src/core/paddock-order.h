/* paddock-order.h: Alpaca's order object
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every member of the Order object (alpaca-api.md §2.4) is a read-only property named
 * after it ("filled_avg_price" → "filled-avg-price"): decimals as strings exactly as sent,
 * timestamps as GDateTime, NULL when null or absent. status, side, type, time_in_force
 * and order_class are enums whose UNKNOWN value stands for a code this version does not
 * know; the code itself is always kept ("status-code" and paddock_order_get_status_code())
 * so that it can be shown as is.
 *
 * What is refused (PADDOCK_ERROR_PROTOCOL, the whole order) and what is tolerated:
 * - id, symbol, side and status must be strings: missing, null or of another type refuses
 *   the order (an order that cannot be told apart or shown is of no use).
 * - every decimal (notional, qty, filled_qty, filled_avg_price, limit_price, stop_price,
 *   trail_price, trail_percent, hwm, ratio_qty) may be null or absent, but a decimal that
 *   is there and is not decimal text (or is absurdly long) refuses the order: a wrong
 *   amount is worse than none. A JSON number is accepted as its text.
 * - legs: null, absent or an array of valid orders; anything else, or a leg that is not a
 *   valid order, refuses the order (a hidden leg would hide a live order). Legs nest at
 *   most three levels deep.
 * - every other member (timestamps, client_order_id, asset_id, asset_class, order_type,
 *   type, time_in_force, order_class, extended_hours, replaced_by, replaces,
 *   position_intent) of the wrong type is treated as absent (logged at debug level).
 * Unknown members are ignored.
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef enum {
  PADDOCK_ORDER_STATUS_UNKNOWN,
  PADDOCK_ORDER_STATUS_NEW,
  PADDOCK_ORDER_STATUS_PARTIALLY_FILLED,
  PADDOCK_ORDER_STATUS_FILLED,
  PADDOCK_ORDER_STATUS_DONE_FOR_DAY,
  PADDOCK_ORDER_STATUS_CANCELED,
  PADDOCK_ORDER_STATUS_EXPIRED,
  PADDOCK_ORDER_STATUS_REPLACED,
  PADDOCK_ORDER_STATUS_PENDING_CANCEL,
  PADDOCK_ORDER_STATUS_PENDING_REPLACE,
  PADDOCK_ORDER_STATUS_ACCEPTED,
  PADDOCK_ORDER_STATUS_PENDING_NEW,
  PADDOCK_ORDER_STATUS_ACCEPTED_FOR_BIDDING,
  PADDOCK_ORDER_STATUS_STOPPED,
  PADDOCK_ORDER_STATUS_REJECTED,
  PADDOCK_ORDER_STATUS_SUSPENDED,
  PADDOCK_ORDER_STATUS_CALCULATED,
  PADDOCK_ORDER_STATUS_PENDING_REVIEW,
  PADDOCK_ORDER_STATUS_HELD,
} PaddockOrderStatus;

typedef enum {
  PADDOCK_ORDER_SIDE_UNKNOWN,
  PADDOCK_ORDER_SIDE_BUY,
  PADDOCK_ORDER_SIDE_SELL,
} PaddockOrderSide;

typedef enum {
  PADDOCK_ORDER_TYPE_UNKNOWN,
  PADDOCK_ORDER_TYPE_MARKET,
  PADDOCK_ORDER_TYPE_LIMIT,
  PADDOCK_ORDER_TYPE_STOP,
  PADDOCK_ORDER_TYPE_STOP_LIMIT,
  PADDOCK_ORDER_TYPE_TRAILING_STOP,
} PaddockOrderType;

typedef enum {
  PADDOCK_TIME_IN_FORCE_UNKNOWN,
  PADDOCK_TIME_IN_FORCE_DAY,
  PADDOCK_TIME_IN_FORCE_GTC,
  PADDOCK_TIME_IN_FORCE_OPG,
  PADDOCK_TIME_IN_FORCE_CLS,
  PADDOCK_TIME_IN_FORCE_IOC,
  PADDOCK_TIME_IN_FORCE_FOK,
} PaddockTimeInForce;

/* order_class; "" is SIMPLE (PaddockOrderClass is the GObject class of PaddockOrder) */
typedef enum {
  PADDOCK_ORDER_CLASS_UNKNOWN,
  PADDOCK_ORDER_CLASS_SIMPLE,
  PADDOCK_ORDER_CLASS_BRACKET,
  PADDOCK_ORDER_CLASS_OCO,
  PADDOCK_ORDER_CLASS_OTO,
  PADDOCK_ORDER_CLASS_MLEG,
} PaddockOrderClassKind;

#define PADDOCK_TYPE_ORDER_STATUS (paddock_order_status_get_type ())
#define PADDOCK_TYPE_ORDER_SIDE (paddock_order_side_get_type ())
#define PADDOCK_TYPE_ORDER_TYPE (paddock_order_type_get_type ())
#define PADDOCK_TYPE_TIME_IN_FORCE (paddock_time_in_force_get_type ())
#define PADDOCK_TYPE_ORDER_CLASS_KIND (paddock_order_class_kind_get_type ())
GType paddock_order_status_get_type   (void) G_GNUC_CONST;
GType paddock_order_side_get_type     (void) G_GNUC_CONST;
GType paddock_order_type_get_type     (void) G_GNUC_CONST;
GType paddock_time_in_force_get_type  (void) G_GNUC_CONST;
GType paddock_order_class_kind_get_type (void) G_GNUC_CONST;

#define PADDOCK_TYPE_ORDER (paddock_order_get_type ())
G_DECLARE_FINAL_TYPE (PaddockOrder, paddock_order, PADDOCK, ORDER, GObject)

PaddockOrder       *paddock_order_new_from_json          (JsonNode      *node,
                                                          GError       **error);
gboolean            paddock_order_update_from_json       (PaddockOrder  *self,
                                                          JsonNode      *node,
                                                          gboolean      *changed,
                                                          GError       **error);

gboolean            paddock_order_is_open                (PaddockOrder  *self);
gboolean            paddock_order_status_is_open         (PaddockOrderStatus status);

/**
 * PaddockOrderOpenFunc:
 * @order: an order whose #PaddockOrder:is-open just changed
 * @user_data: the data given to paddock_order_add_open_watch()
 */
typedef void (*PaddockOrderOpenFunc) (PaddockOrder *order,
                                      gpointer      user_data);

gulong              paddock_order_add_open_watch         (PaddockOrderOpenFunc func,
                                                          gpointer      user_data);
void                paddock_order_remove_open_watch      (gulong        id);

const char         *paddock_order_get_id                 (PaddockOrder  *self);
const char         *paddock_order_get_client_order_id    (PaddockOrder  *self);
GDateTime          *paddock_order_get_created_at         (PaddockOrder  *self);
GDateTime          *paddock_order_get_updated_at         (PaddockOrder  *self);
GDateTime          *paddock_order_get_submitted_at       (PaddockOrder  *self);
GDateTime          *paddock_order_get_filled_at          (PaddockOrder  *self);
GDateTime          *paddock_order_get_expired_at         (PaddockOrder  *self);
GDateTime          *paddock_order_get_canceled_at        (PaddockOrder  *self);
GDateTime          *paddock_order_get_failed_at          (PaddockOrder  *self);
GDateTime          *paddock_order_get_replaced_at        (PaddockOrder  *self);
GDateTime          *paddock_order_get_expires_at         (PaddockOrder  *self);
GDateTime          *paddock_order_get_cancel_requested_at (PaddockOrder *self);
const char         *paddock_order_get_replaced_by        (PaddockOrder  *self);
const char         *paddock_order_get_replaces           (PaddockOrder  *self);
const char         *paddock_order_get_asset_id           (PaddockOrder  *self);
const char         *paddock_order_get_symbol             (PaddockOrder  *self);
const char         *paddock_order_get_asset_class        (PaddockOrder  *self);
const char         *paddock_order_get_notional           (PaddockOrder  *self);
const char         *paddock_order_get_qty                (PaddockOrder  *self);
const char         *paddock_order_get_filled_qty         (PaddockOrder  *self);
const char         *paddock_order_get_filled_avg_price   (PaddockOrder  *self);
const char         *paddock_order_get_order_type         (PaddockOrder  *self);
const char         *paddock_order_get_limit_price        (PaddockOrder  *self);
const char         *paddock_order_get_stop_price         (PaddockOrder  *self);
const char         *paddock_order_get_trail_price        (PaddockOrder  *self);
const char         *paddock_order_get_trail_percent      (PaddockOrder  *self);
const char         *paddock_order_get_hwm                (PaddockOrder  *self);
const char         *paddock_order_get_ratio_qty          (PaddockOrder  *self);
const char         *paddock_order_get_position_intent    (PaddockOrder  *self);
gboolean            paddock_order_get_extended_hours     (PaddockOrder  *self);

PaddockOrderStatus  paddock_order_get_status             (PaddockOrder  *self);
const char         *paddock_order_get_status_code        (PaddockOrder  *self);
PaddockOrderSide    paddock_order_get_side               (PaddockOrder  *self);
const char         *paddock_order_get_side_code          (PaddockOrder  *self);
PaddockOrderType    paddock_order_get_kind               (PaddockOrder  *self);
const char         *paddock_order_get_type_code          (PaddockOrder  *self);
PaddockTimeInForce  paddock_order_get_time_in_force      (PaddockOrder  *self);
const char         *paddock_order_get_time_in_force_code (PaddockOrder  *self);
PaddockOrderClassKind paddock_order_get_order_class        (PaddockOrder  *self);
const char         *paddock_order_get_order_class_code   (PaddockOrder  *self);

GListModel         *paddock_order_get_legs               (PaddockOrder  *self);
guint               paddock_order_get_n_legs             (PaddockOrder  *self);

G_END_DECLS
