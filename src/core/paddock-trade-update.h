/* paddock-trade-update.h: one event of the trade_updates stream
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The `data` part of a trade_updates message (alpaca-api.md §4): the event, the order as
 * it is after the event (a full PaddockOrder), and per event timestamp, price, qty,
 * position_qty (the signed position after a fill) and execution_id; `at` and `event_id`
 * too when a server sends them (the SSE form). Every member is a read-only property;
 * decimals are the strings sent. A trade update does not change once made.
 *
 * event is an enum whose UNKNOWN value stands for an event this version does not know;
 * its code is kept ("event-code") so that it can be shown as is.
 *
 * What is refused (PADDOCK_ERROR_PROTOCOL) and what is tolerated:
 * - event must be a string and order a valid order (see paddock-order.h): missing, null
 *   or of another type refuses the update.
 * - price, qty and position_qty may be null or absent, but one that is there and is not
 *   decimal text (or is absurdly long) refuses the update. A JSON number is accepted as
 *   its text.
 * - timestamp, at, execution_id and event_id of the wrong type are treated as absent
 *   (logged at debug level).
 * Unknown members are ignored.
 */
#pragma once

#include <json-glib/json-glib.h>

#include "paddock-order.h"

G_BEGIN_DECLS

typedef enum {
  PADDOCK_TRADE_EVENT_UNKNOWN,
  PADDOCK_TRADE_EVENT_NEW,
  PADDOCK_TRADE_EVENT_FILL,
  PADDOCK_TRADE_EVENT_PARTIAL_FILL,
  PADDOCK_TRADE_EVENT_CANCELED,
  PADDOCK_TRADE_EVENT_EXPIRED,
  PADDOCK_TRADE_EVENT_DONE_FOR_DAY,
  PADDOCK_TRADE_EVENT_REPLACED,
  PADDOCK_TRADE_EVENT_REJECTED,
  PADDOCK_TRADE_EVENT_PENDING_NEW,
  PADDOCK_TRADE_EVENT_STOPPED,
  PADDOCK_TRADE_EVENT_PENDING_CANCEL,
  PADDOCK_TRADE_EVENT_PENDING_REPLACE,
  PADDOCK_TRADE_EVENT_CALCULATED,
  PADDOCK_TRADE_EVENT_SUSPENDED,
  PADDOCK_TRADE_EVENT_ORDER_REPLACE_REJECTED,
  PADDOCK_TRADE_EVENT_ORDER_CANCEL_REJECTED,
  PADDOCK_TRADE_EVENT_ACCEPTED,
  PADDOCK_TRADE_EVENT_RESTATED,
  PADDOCK_TRADE_EVENT_HELD,
  PADDOCK_TRADE_EVENT_PENDING_REVIEW,
  PADDOCK_TRADE_EVENT_PARTIALLY_FILLED,
} PaddockTradeEvent;

#define PADDOCK_TYPE_TRADE_EVENT (paddock_trade_event_get_type ())
GType paddock_trade_event_get_type (void) G_GNUC_CONST;

#define PADDOCK_TYPE_TRADE_UPDATE (paddock_trade_update_get_type ())
G_DECLARE_FINAL_TYPE (PaddockTradeUpdate, paddock_trade_update, PADDOCK, TRADE_UPDATE, GObject)

PaddockTradeUpdate *paddock_trade_update_new_from_json     (JsonNode            *node,
                                                            GError             **error);

PaddockTradeEvent   paddock_trade_update_get_event         (PaddockTradeUpdate  *self);
const char         *paddock_trade_update_get_event_code    (PaddockTradeUpdate  *self);
PaddockOrder       *paddock_trade_update_get_order         (PaddockTradeUpdate  *self);
JsonNode           *paddock_trade_update_get_order_json    (PaddockTradeUpdate  *self);
GDateTime          *paddock_trade_update_get_timestamp     (PaddockTradeUpdate  *self);
const char         *paddock_trade_update_get_price         (PaddockTradeUpdate  *self);
const char         *paddock_trade_update_get_qty           (PaddockTradeUpdate  *self);
const char         *paddock_trade_update_get_position_qty  (PaddockTradeUpdate  *self);
const char         *paddock_trade_update_get_execution_id  (PaddockTradeUpdate  *self);
GDateTime          *paddock_trade_update_get_at            (PaddockTradeUpdate  *self);
const char         *paddock_trade_update_get_event_id      (PaddockTradeUpdate  *self);

G_END_DECLS
