/* paddock-order-request.h: an order a person asks for, checked before it is sent
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Amounts are decimal text ("10", "370.50") from the person to the request body, never
 * through a double. A new request carries a fresh client_order_id (a UUID v4 from
 * getrandom): the one thing that lets Paddock find the order again when the broker's reply
 * is lost (see paddock-trading.h).
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "paddock-order.h"

G_BEGIN_DECLS

/**
 * PADDOCK_CLIENT_ORDER_ID_MAX_LEN:
 *
 * The longest client_order_id Alpaca takes.
 */
#define PADDOCK_CLIENT_ORDER_ID_MAX_LEN 48

/**
 * PaddockOrderField:
 * @PADDOCK_ORDER_FIELD_NONE: no field (the request is valid)
 * @PADDOCK_ORDER_FIELD_SYMBOL: the symbol
 * @PADDOCK_ORDER_FIELD_SIDE: buy or sell
 * @PADDOCK_ORDER_FIELD_TYPE: the order type
 * @PADDOCK_ORDER_FIELD_QTY: the quantity
 * @PADDOCK_ORDER_FIELD_NOTIONAL: the dollar amount
 * @PADDOCK_ORDER_FIELD_LIMIT_PRICE: the limit price
 * @PADDOCK_ORDER_FIELD_STOP_PRICE: the stop price
 * @PADDOCK_ORDER_FIELD_TRAIL_PRICE: the trail in dollars
 * @PADDOCK_ORDER_FIELD_TRAIL_PERCENT: the trail in percent
 * @PADDOCK_ORDER_FIELD_TIME_IN_FORCE: the time in force
 * @PADDOCK_ORDER_FIELD_EXTENDED_HOURS: the extended-hours switch
 * @PADDOCK_ORDER_FIELD_ORDER_CLASS: simple, bracket, oco or oto
 * @PADDOCK_ORDER_FIELD_TAKE_PROFIT_LIMIT_PRICE: the take-profit leg's limit price
 * @PADDOCK_ORDER_FIELD_STOP_LOSS_STOP_PRICE: the stop-loss leg's stop price
 * @PADDOCK_ORDER_FIELD_STOP_LOSS_LIMIT_PRICE: the stop-loss leg's limit price
 * @PADDOCK_ORDER_FIELD_CLIENT_ORDER_ID: the client order id
 *
 * Which input a validation error is about, so that a form can show the message under it.
 */
typedef enum {
  PADDOCK_ORDER_FIELD_NONE,
  PADDOCK_ORDER_FIELD_SYMBOL,
  PADDOCK_ORDER_FIELD_SIDE,
  PADDOCK_ORDER_FIELD_TYPE,
  PADDOCK_ORDER_FIELD_QTY,
  PADDOCK_ORDER_FIELD_NOTIONAL,
  PADDOCK_ORDER_FIELD_LIMIT_PRICE,
  PADDOCK_ORDER_FIELD_STOP_PRICE,
  PADDOCK_ORDER_FIELD_TRAIL_PRICE,
  PADDOCK_ORDER_FIELD_TRAIL_PERCENT,
  PADDOCK_ORDER_FIELD_TIME_IN_FORCE,
  PADDOCK_ORDER_FIELD_EXTENDED_HOURS,
  PADDOCK_ORDER_FIELD_ORDER_CLASS,
  PADDOCK_ORDER_FIELD_TAKE_PROFIT_LIMIT_PRICE,
  PADDOCK_ORDER_FIELD_STOP_LOSS_STOP_PRICE,
  PADDOCK_ORDER_FIELD_STOP_LOSS_LIMIT_PRICE,
  PADDOCK_ORDER_FIELD_CLIENT_ORDER_ID,
} PaddockOrderField;

const char *paddock_order_field_get_name (PaddockOrderField field);

gboolean    paddock_order_decimal_is_valid (const char *text);
void        paddock_order_set_not_a_number_error (PaddockOrderField   field,
                                                  GError            **error);

#define PADDOCK_TYPE_ORDER_REQUEST (paddock_order_request_get_type ())
G_DECLARE_FINAL_TYPE (PaddockOrderRequest, paddock_order_request, PADDOCK, ORDER_REQUEST, GObject)

PaddockOrderRequest   *paddock_order_request_new                  (void);

void                   paddock_order_request_set_symbol           (PaddockOrderRequest   *self,
                                                                   const char            *symbol);
void                   paddock_order_request_set_side             (PaddockOrderRequest   *self,
                                                                   PaddockOrderSide       side);
void                   paddock_order_request_set_kind             (PaddockOrderRequest   *self,
                                                                   PaddockOrderType       type);
void                   paddock_order_request_set_qty              (PaddockOrderRequest   *self,
                                                                   const char            *qty);
void                   paddock_order_request_set_notional         (PaddockOrderRequest   *self,
                                                                   const char            *notional);
void                   paddock_order_request_set_limit_price      (PaddockOrderRequest   *self,
                                                                   const char            *price);
void                   paddock_order_request_set_stop_price       (PaddockOrderRequest   *self,
                                                                   const char            *price);
void                   paddock_order_request_set_trail_price      (PaddockOrderRequest   *self,
                                                                   const char            *price);
void                   paddock_order_request_set_trail_percent    (PaddockOrderRequest   *self,
                                                                   const char            *percent);
void                   paddock_order_request_set_time_in_force    (PaddockOrderRequest   *self,
                                                                   PaddockTimeInForce     tif);
void                   paddock_order_request_set_extended_hours   (PaddockOrderRequest   *self,
                                                                   gboolean               extended);
void                   paddock_order_request_set_order_class      (PaddockOrderRequest   *self,
                                                                   PaddockOrderClassKind  order_class);
void                   paddock_order_request_set_take_profit      (PaddockOrderRequest   *self,
                                                                   const char            *limit_price);
void                   paddock_order_request_set_stop_loss        (PaddockOrderRequest   *self,
                                                                   const char            *stop_price,
                                                                   const char            *limit_price);
void                   paddock_order_request_set_client_order_id  (PaddockOrderRequest   *self,
                                                                   const char            *id);

const char            *paddock_order_request_get_symbol           (PaddockOrderRequest   *self);
PaddockOrderSide       paddock_order_request_get_side             (PaddockOrderRequest   *self);
PaddockOrderType       paddock_order_request_get_kind             (PaddockOrderRequest   *self);
const char            *paddock_order_request_get_qty              (PaddockOrderRequest   *self);
const char            *paddock_order_request_get_notional         (PaddockOrderRequest   *self);
const char            *paddock_order_request_get_limit_price      (PaddockOrderRequest   *self);
const char            *paddock_order_request_get_stop_price       (PaddockOrderRequest   *self);
const char            *paddock_order_request_get_trail_price      (PaddockOrderRequest   *self);
const char            *paddock_order_request_get_trail_percent    (PaddockOrderRequest   *self);
PaddockTimeInForce     paddock_order_request_get_time_in_force    (PaddockOrderRequest   *self);
gboolean               paddock_order_request_get_extended_hours   (PaddockOrderRequest   *self);
PaddockOrderClassKind  paddock_order_request_get_order_class      (PaddockOrderRequest   *self);
const char            *paddock_order_request_get_take_profit      (PaddockOrderRequest   *self);
const char            *paddock_order_request_get_stop_loss_stop   (PaddockOrderRequest   *self);
const char            *paddock_order_request_get_stop_loss_limit  (PaddockOrderRequest   *self);
const char            *paddock_order_request_get_client_order_id  (PaddockOrderRequest   *self);

gboolean               paddock_order_request_check                (PaddockOrderRequest   *self,
                                                                   PaddockOrderField     *field,
                                                                   GError               **error);
gboolean               paddock_order_request_validate             (PaddockOrderRequest   *self,
                                                                   GError               **error);
JsonNode              *paddock_order_request_to_json              (PaddockOrderRequest   *self);

G_END_DECLS
