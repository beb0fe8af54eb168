/* paddock-order-store.h: the account's orders, newest first, paged from the server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "paddock-client.h"
#include "paddock-order.h"
#include "paddock-trade-update.h"

G_BEGIN_DECLS

/**
 * PaddockOrderQueryStatus:
 * @PADDOCK_ORDER_QUERY_ALL: every order
 * @PADDOCK_ORDER_QUERY_OPEN: orders still working (or with a working leg)
 * @PADDOCK_ORDER_QUERY_CLOSED: orders done (or with a leg done)
 *
 * The server's `status` query parameter of GET /v2/orders.
 */
typedef enum {
  PADDOCK_ORDER_QUERY_ALL,
  PADDOCK_ORDER_QUERY_OPEN,
  PADDOCK_ORDER_QUERY_CLOSED,
} PaddockOrderQueryStatus;

#define PADDOCK_ORDER_STORE_PAGE_SIZE 500

#define PADDOCK_TYPE_ORDER_STORE (paddock_order_store_get_type ())
G_DECLARE_FINAL_TYPE (PaddockOrderStore, paddock_order_store, PADDOCK, ORDER_STORE, GObject)

PaddockOrderStore *paddock_order_store_new               (PaddockClient            *client);
void               paddock_order_store_set_filter        (PaddockOrderStore        *self,
                                                          PaddockOrderQueryStatus   status,
                                                          const char               *symbol,
                                                          const char               *side);
PaddockOrderQueryStatus paddock_order_store_get_status_filter (PaddockOrderStore   *self);
const char        *paddock_order_store_get_symbol_filter (PaddockOrderStore        *self);
const char        *paddock_order_store_get_side_filter   (PaddockOrderStore        *self);

gboolean           paddock_order_store_get_loading       (PaddockOrderStore        *self);
gboolean           paddock_order_store_get_has_more      (PaddockOrderStore        *self);
GDateTime         *paddock_order_store_get_updated_at    (PaddockOrderStore        *self);
const GError      *paddock_order_store_get_error         (PaddockOrderStore        *self);
PaddockOrder      *paddock_order_store_lookup            (PaddockOrderStore        *self,
                                                          const char               *id);
JsonNode          *paddock_order_store_dup_json          (PaddockOrderStore        *self);
void               paddock_order_store_set_keep_json     (PaddockOrderStore        *self,
                                                          gboolean                  keep_json);

void               paddock_order_store_apply_trade_update (PaddockOrderStore       *self,
                                                           PaddockTradeUpdate      *update);

void               paddock_order_store_refresh_async     (PaddockOrderStore        *self,
                                                          GCancellable             *cancellable,
                                                          GAsyncReadyCallback       callback,
                                                          gpointer                  user_data);
gboolean           paddock_order_store_refresh_finish    (PaddockOrderStore        *self,
                                                          GAsyncResult             *result,
                                                          GError                  **error);
void               paddock_order_store_load_more_async   (PaddockOrderStore        *self,
                                                          GCancellable             *cancellable,
                                                          GAsyncReadyCallback       callback,
                                                          gpointer                  user_data);
gboolean           paddock_order_store_load_more_finish  (PaddockOrderStore        *self,
                                                          GAsyncResult             *result,
                                                          GError                  **error);
void               paddock_order_store_load_all_async    (PaddockOrderStore        *self,
                                                          GCancellable             *cancellable,
                                                          GAsyncReadyCallback       callback,
                                                          gpointer                  user_data);
gboolean           paddock_order_store_load_all_finish   (PaddockOrderStore        *self,
                                                          GAsyncResult             *result,
                                                          GError                  **error);

G_END_DECLS
