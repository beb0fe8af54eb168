/* paddock-trading.h: placing, changing, cancelling orders and closing positions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Nothing here that can create or change an order is ever sent twice. When the reply to
 * such a request is lost (a timeout, a closed or reset connection, a 5xx, a reply that
 * cannot be read), the action looks up what really happened before it answers:
 *
 * - submit and replace look the order up by its client_order_id: found, the order is
 *   returned with *reply_lost set ("placed, the reply was lost"); not there (404), the
 *   action fails with %PADDOCK_ERROR_NETWORK saying it was NOT placed (safe to try again).
 * - close_position has no client_order_id in Alpaca's API. Before it sends anything it
 *   notes the ids of the symbol's latest orders; after a lost reply it lists them again:
 *   exactly one new order for the symbol is the closing order (*reply_lost set); none
 *   means the position was NOT closed (%PADDOCK_ERROR_NETWORK); more than one cannot be
 *   told apart (%PADDOCK_ERROR_OUTCOME_UNKNOWN).
 * - close_all_positions cannot be looked up: a lost reply is %PADDOCK_ERROR_OUTCOME_UNKNOWN.
 * - when the lookup itself fails, or the person cancelled after the request was sent, the
 *   error is %PADDOCK_ERROR_OUTCOME_UNKNOWN: the order may or may not exist; the message
 *   tells the person to check the Orders page.
 *
 * So for submit, replace and close_position: any error other than
 * %PADDOCK_ERROR_OUTCOME_UNKNOWN means the broker did not take the request. Errors keep the
 * HTTP status of the broker's reply (paddock_error_get_http_status()).
 *
 * Cancelling one order or all orders may be retried (a second cancel changes nothing).
 */
#pragma once

#include <gio/gio.h>

#include "paddock-client.h"
#include "paddock-order.h"
#include "paddock-order-request.h"

G_BEGIN_DECLS

/**
 * PaddockBulkResult:
 * @id: the order's id (cancel all) or the position's symbol (close all)
 * @http_status: the status of this part of the 207 reply
 * @order: (nullable): the order in the part's body, when it holds one
 * @error: (nullable): why this part failed (a status outside 200..299), with the broker's
 *   message and the part's status
 *
 * One part of a 207 Multi-Status reply.
 */
typedef struct
{
  char *id;
  guint http_status;
  PaddockOrder *order;
  GError *error;
} PaddockBulkResult;

void paddock_bulk_result_free (PaddockBulkResult *result);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PaddockBulkResult, paddock_bulk_result_free)

void          paddock_trading_submit_async                 (PaddockClient        *client,
                                                            PaddockOrderRequest  *request,
                                                            GCancellable         *cancellable,
                                                            GAsyncReadyCallback   callback,
                                                            gpointer              user_data);
PaddockOrder *paddock_trading_submit_finish                (PaddockClient        *client,
                                                            GAsyncResult         *result,
                                                            gboolean             *reply_lost,
                                                            GError              **error);

void          paddock_trading_replace_async                (PaddockClient        *client,
                                                            const char           *order_id,
                                                            const char           *qty,
                                                            const char           *limit_price,
                                                            const char           *stop_price,
                                                            const char           *trail,
                                                            PaddockTimeInForce    time_in_force,
                                                            const char           *client_order_id,
                                                            GCancellable         *cancellable,
                                                            GAsyncReadyCallback   callback,
                                                            gpointer              user_data);
PaddockOrder *paddock_trading_replace_finish               (PaddockClient        *client,
                                                            GAsyncResult         *result,
                                                            gboolean             *reply_lost,
                                                            GError              **error);

void          paddock_trading_cancel_async                 (PaddockClient        *client,
                                                            const char           *order_id,
                                                            GCancellable         *cancellable,
                                                            GAsyncReadyCallback   callback,
                                                            gpointer              user_data);
gboolean      paddock_trading_cancel_finish                (PaddockClient        *client,
                                                            GAsyncResult         *result,
                                                            GError              **error);

void          paddock_trading_cancel_all_async             (PaddockClient        *client,
                                                            GCancellable         *cancellable,
                                                            GAsyncReadyCallback   callback,
                                                            gpointer              user_data);
GPtrArray    *paddock_trading_cancel_all_finish            (PaddockClient        *client,
                                                            GAsyncResult         *result,
                                                            GError              **error);

void          paddock_trading_close_position_async         (PaddockClient        *client,
                                                            const char           *symbol,
                                                            const char           *qty,
                                                            const char           *percentage,
                                                            GCancellable         *cancellable,
                                                            GAsyncReadyCallback   callback,
                                                            gpointer              user_data);
PaddockOrder *paddock_trading_close_position_finish        (PaddockClient        *client,
                                                            GAsyncResult         *result,
                                                            gboolean             *reply_lost,
                                                            GError              **error);

void          paddock_trading_close_all_positions_async    (PaddockClient        *client,
                                                            gboolean              cancel_orders,
                                                            GCancellable         *cancellable,
                                                            GAsyncReadyCallback   callback,
                                                            gpointer              user_data);
GPtrArray    *paddock_trading_close_all_positions_finish   (PaddockClient        *client,
                                                            GAsyncResult         *result,
                                                            GError              **error);

void          paddock_trading_get_order_async              (PaddockClient        *client,
                                                            const char           *order_id,
                                                            GCancellable         *cancellable,
                                                            GAsyncReadyCallback   callback,
                                                            gpointer              user_data);
PaddockOrder *paddock_trading_get_order_finish             (PaddockClient        *client,
                                                            GAsyncResult         *result,
                                                            GError              **error);

void          paddock_trading_get_order_by_client_id_async (PaddockClient        *client,
                                                            const char           *client_order_id,
                                                            GCancellable         *cancellable,
                                                            GAsyncReadyCallback   callback,
                                                            gpointer              user_data);
PaddockOrder *paddock_trading_get_order_by_client_id_finish (PaddockClient       *client,
                                                            GAsyncResult         *result,
                                                            GError              **error);

G_END_DECLS
