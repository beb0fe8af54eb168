/* paddock-asset.h: Alpaca's asset object, and looking up an asset and its last trade
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every member of the Asset object (alpaca-api.md §2.7) is a read-only property named
 * after it ("easy_to_borrow" → "easy-to-borrow"; the member "class" is the property
 * "class"), decimals as the text sent (maintenance_margin_requirement is a JSON number:
 * kept as its text), NULL or FALSE when null or absent. attributes is a string array.
 *
 * What is refused (PADDOCK_ERROR_PROTOCOL, the whole asset) and what is tolerated:
 * - symbol (a string) is required.
 * - a decimal that is there and is not decimal text refuses the asset.
 * - every other member of the wrong type is treated as absent (logged at debug level).
 * Unknown members are ignored.
 *
 * paddock_asset_lookup_async() asks the Trading API for one symbol; an unknown symbol is
 * %PADDOCK_ERROR_NOT_FOUND ("no such symbol"), with the reply's HTTP status 404.
 * paddock_asset_latest_trade_async() asks the Market Data API (a client made for
 * paddock_endpoints_get_data_url(), see paddock_session_get_data_client()) for the
 * symbol's latest trade.
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "paddock-client.h"

G_BEGIN_DECLS

#define PADDOCK_TYPE_ASSET (paddock_asset_get_type ())
G_DECLARE_FINAL_TYPE (PaddockAsset, paddock_asset, PADDOCK, ASSET, GObject)

PaddockAsset       *paddock_asset_new_from_json                (JsonNode             *node,
                                                                GError              **error);

const char         *paddock_asset_get_id                       (PaddockAsset         *self);
const char         *paddock_asset_get_asset_class              (PaddockAsset         *self);
const char         *paddock_asset_get_exchange                 (PaddockAsset         *self);
const char         *paddock_asset_get_symbol                   (PaddockAsset         *self);
const char         *paddock_asset_get_name                     (PaddockAsset         *self);
const char         *paddock_asset_get_status                   (PaddockAsset         *self);
gboolean            paddock_asset_get_tradable                 (PaddockAsset         *self);
gboolean            paddock_asset_get_marginable               (PaddockAsset         *self);
gboolean            paddock_asset_get_shortable                (PaddockAsset         *self);
gboolean            paddock_asset_get_easy_to_borrow           (PaddockAsset         *self);
gboolean            paddock_asset_get_fractionable             (PaddockAsset         *self);
const char         *paddock_asset_get_maintenance_margin_requirement (PaddockAsset  *self);
const char * const *paddock_asset_get_attributes               (PaddockAsset         *self);
const char         *paddock_asset_get_min_order_size           (PaddockAsset         *self);
const char         *paddock_asset_get_min_trade_increment      (PaddockAsset         *self);
const char         *paddock_asset_get_price_increment          (PaddockAsset         *self);

void                paddock_asset_lookup_async                 (PaddockClient        *client,
                                                                const char           *symbol,
                                                                GCancellable         *cancellable,
                                                                GAsyncReadyCallback   callback,
                                                                gpointer              user_data);
PaddockAsset       *paddock_asset_lookup_finish                (PaddockClient        *client,
                                                                GAsyncResult         *result,
                                                                GError              **error);

/**
 * PaddockTrade:
 * @symbol: the symbol asked for
 * @price: the trade's price, decimal text
 * @size: (nullable): the trade's size, decimal text
 * @exchange: (nullable): the exchange code
 * @time: (nullable): when it happened
 *
 * A symbol's latest trade (Market Data API `GET /v2/stocks/{symbol}/trades/latest`).
 */
typedef struct
{
  char *symbol;
  char *price;
  char *size;
  char *exchange;
  GDateTime *time;
} PaddockTrade;

void                paddock_trade_free                         (PaddockTrade         *trade);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PaddockTrade, paddock_trade_free)

PaddockTrade       *paddock_trade_new_from_json                (JsonNode             *node,
                                                                GError              **error);

void                paddock_asset_latest_trade_async           (PaddockClient        *data_client,
                                                                const char           *symbol,
                                                                GCancellable         *cancellable,
                                                                GAsyncReadyCallback   callback,
                                                                gpointer              user_data);
PaddockTrade       *paddock_asset_latest_trade_finish          (PaddockClient        *data_client,
                                                                GAsyncResult         *result,
                                                                GError              **error);

G_END_DECLS
