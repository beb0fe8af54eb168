/* paddock-token-info.h: what the server says about a token, and the Polygon last trade
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "paddock-credentials.h"
#include "paddock-endpoints.h"

G_BEGIN_DECLS

#define PADDOCK_TYPE_TOKEN_INFO (paddock_token_info_get_type ())
G_DECLARE_FINAL_TYPE (PaddockTokenInfo, paddock_token_info, PADDOCK, TOKEN_INFO, GObject)

PaddockTokenInfo *paddock_token_info_new_from_json (JsonNode          *node,
                                                    GError           **error);

gboolean          paddock_token_info_get_active    (PaddockTokenInfo  *self);
const char       *paddock_token_info_get_aud       (PaddockTokenInfo  *self);
const char       *paddock_token_info_get_client_id (PaddockTokenInfo  *self);
GDateTime        *paddock_token_info_get_iat       (PaddockTokenInfo  *self);
const char       *paddock_token_info_get_id        (PaddockTokenInfo  *self);
const char       *paddock_token_info_get_owner_id  (PaddockTokenInfo  *self);
const char       *paddock_token_info_get_scope     (PaddockTokenInfo  *self);
const char       *paddock_token_info_get_token_type (PaddockTokenInfo *self);

void              paddock_token_introspect_async   (PaddockEndpoints    *endpoints,
                                                    PaddockCredentials  *credentials,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
gboolean          paddock_token_introspect_finish  (GAsyncResult        *result,
                                                    PaddockTokenInfo   **out_info,
                                                    GError             **error);

/**
 * PaddockPolygonTrade:
 * @symbol: the symbol, as the server names it
 * @price: the price, a decimal string
 * @size: the number of shares
 * @exchange: Polygon's integer exchange id (10 NYSE, 11 NYSE Arca, 12 Nasdaq, …)
 * @timestamp: when the trade happened (UTC)
 *
 * The last trade of a symbol from Polygon's legacy `/v1/last/stocks/{symbol}`.
 */
typedef struct
{
  char *symbol;
  char *price;
  gint64 size;
  gint64 exchange;
  GDateTime *timestamp;
} PaddockPolygonTrade;

#define PADDOCK_TYPE_POLYGON_TRADE (paddock_polygon_trade_get_type ())
GType                paddock_polygon_trade_get_type    (void);
PaddockPolygonTrade *paddock_polygon_trade_copy        (const PaddockPolygonTrade *trade);
void                 paddock_polygon_trade_free        (PaddockPolygonTrade       *trade);
PaddockPolygonTrade *paddock_polygon_trade_new_from_json (JsonNode                *node,
                                                          GError                 **error);

void                 paddock_polygon_last_trade_async  (PaddockEndpoints    *endpoints,
                                                        const char          *api_key,
                                                        const char          *symbol,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
PaddockPolygonTrade *paddock_polygon_last_trade_finish (GAsyncResult        *result,
                                                        GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PaddockPolygonTrade, paddock_polygon_trade_free)

G_END_DECLS
