/* paddock-asset-cache.h: the list of active assets, fetched once, and searching it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * paddock_asset_cache_load_async() asks for `GET /v2/assets?status=active` (alpaca-api.md
 * §2.7) the first time only; later calls, and calls made while the first is under way,
 * finish with the same list. A failed load is not kept: the next call asks again. An asset
 * of the list that PaddockAsset refuses is left out (logged at debug level); a reply that
 * is not an array is %PADDOCK_ERROR_PROTOCOL.
 *
 * paddock_asset_cache_search() finds assets as a person types: case-insensitively, by a
 * prefix of the symbol or a piece of the name, ranked: the exact symbol first, then symbols
 * that begin with the text (shorter first), then names that hold it (earlier in the name
 * first, a word's start before the middle of a word); within a rank by symbol. It reads
 * folded copies made once per load, so it stays fast over tens of thousands of assets.
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "paddock-asset.h"
#include "paddock-client.h"

G_BEGIN_DECLS

#define PADDOCK_TYPE_ASSET_CACHE (paddock_asset_cache_get_type ())
G_DECLARE_FINAL_TYPE (PaddockAssetCache, paddock_asset_cache, PADDOCK, ASSET_CACHE, GObject)

PaddockAssetCache *paddock_asset_cache_new            (PaddockClient       *client);

void               paddock_asset_cache_load_async     (PaddockAssetCache   *self,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
gboolean           paddock_asset_cache_load_finish    (PaddockAssetCache   *self,
                                                       GAsyncResult        *result,
                                                       GError             **error);
gboolean           paddock_asset_cache_load_from_json (PaddockAssetCache   *self,
                                                       JsonNode            *node,
                                                       GError             **error);

gboolean           paddock_asset_cache_is_loaded      (PaddockAssetCache   *self);
GListModel        *paddock_asset_cache_get_assets     (PaddockAssetCache   *self);
PaddockAsset      *paddock_asset_cache_lookup         (PaddockAssetCache   *self,
                                                       const char          *symbol);
GPtrArray         *paddock_asset_cache_search         (PaddockAssetCache   *self,
                                                       const char          *text,
                                                       guint                max_results);

G_END_DECLS
