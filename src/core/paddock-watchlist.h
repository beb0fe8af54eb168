/* paddock-watchlist.h: Alpaca's watchlist object, and the calls that read and change them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A watchlist (alpaca-api.md §2.6) has an id, an account_id, a name, created_at and
 * updated_at (read-only properties named after the members) and its assets, in the order
 * the broker keeps them, as a GListModel of PaddockAsset. The list of every watchlist
 * (GET /v2/watchlists) may leave the assets out: paddock_watchlist_get_has_assets() tells.
 *
 * What is refused (PADDOCK_ERROR_PROTOCOL, the whole watchlist) and what is tolerated:
 * - id and name (strings) are required; so is every asset that is there being an Asset.
 * - every other member of the wrong type is treated as absent (logged at debug level).
 *
 * Reads need no scope. Every change (create, rename, reorder, add, remove, delete) needs
 * the `account:write` scope: the broker's 403 on one of them is
 * %PADDOCK_ERROR_MISSING_SCOPE (offer to sign in again with that permission), decided on
 * the status and the call, never on the message. An unknown watchlist or symbol is
 * %PADDOCK_ERROR_NOT_FOUND, a name or symbol the broker will not take %PADDOCK_ERROR_REJECTED,
 * input that cannot be sent at all %PADDOCK_ERROR_INVALID_INPUT (nothing was sent).
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "paddock-asset.h"
#include "paddock-client.h"

G_BEGIN_DECLS

/* the longest name the broker takes, in characters */
#define PADDOCK_WATCHLIST_NAME_MAX 64

#define PADDOCK_TYPE_WATCHLIST (paddock_watchlist_get_type ())
G_DECLARE_FINAL_TYPE (PaddockWatchlist, paddock_watchlist, PADDOCK, WATCHLIST, GObject)

PaddockWatchlist *paddock_watchlist_new_from_json   (JsonNode             *node,
                                                     GError              **error);

const char       *paddock_watchlist_get_id          (PaddockWatchlist     *self);
const char       *paddock_watchlist_get_account_id  (PaddockWatchlist     *self);
const char       *paddock_watchlist_get_name        (PaddockWatchlist     *self);
GDateTime        *paddock_watchlist_get_created_at  (PaddockWatchlist     *self);
GDateTime        *paddock_watchlist_get_updated_at  (PaddockWatchlist     *self);
gboolean          paddock_watchlist_get_has_assets  (PaddockWatchlist     *self);
GListModel       *paddock_watchlist_get_assets      (PaddockWatchlist     *self);
GStrv             paddock_watchlist_dup_symbols     (PaddockWatchlist     *self);

/* GET /v2/watchlists → a GPtrArray of PaddockWatchlist (assets usually left out) */
void              paddock_watchlists_list_async     (PaddockClient        *client,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
GPtrArray        *paddock_watchlists_list_finish    (PaddockClient        *client,
                                                     GAsyncResult         *result,
                                                     GError              **error);

/* Each of these answers the watchlist as the broker has it after the call */
void              paddock_watchlist_get_async       (PaddockClient        *client,
                                                     const char           *id,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
PaddockWatchlist *paddock_watchlist_get_finish      (PaddockClient        *client,
                                                     GAsyncResult         *result,
                                                     GError              **error);
void              paddock_watchlist_create_async    (PaddockClient        *client,
                                                     const char           *name,
                                                     const char * const   *symbols,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
PaddockWatchlist *paddock_watchlist_create_finish   (PaddockClient        *client,
                                                     GAsyncResult         *result,
                                                     GError              **error);
void              paddock_watchlist_rename_async    (PaddockClient        *client,
                                                     const char           *id,
                                                     const char           *name,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
PaddockWatchlist *paddock_watchlist_rename_finish   (PaddockClient        *client,
                                                     GAsyncResult         *result,
                                                     GError              **error);
void              paddock_watchlist_reorder_async   (PaddockClient        *client,
                                                     const char           *id,
                                                     const char * const   *symbols,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
PaddockWatchlist *paddock_watchlist_reorder_finish  (PaddockClient        *client,
                                                     GAsyncResult         *result,
                                                     GError              **error);
void              paddock_watchlist_add_symbol_async (PaddockClient       *client,
                                                      const char          *id,
                                                      const char          *symbol,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
PaddockWatchlist *paddock_watchlist_add_symbol_finish (PaddockClient      *client,
                                                       GAsyncResult       *result,
                                                       GError            **error);
void              paddock_watchlist_remove_symbol_async (PaddockClient       *client,
                                                         const char          *id,
                                                         const char          *symbol,
                                                         GCancellable        *cancellable,
                                                         GAsyncReadyCallback  callback,
                                                         gpointer             user_data);
PaddockWatchlist *paddock_watchlist_remove_symbol_finish (PaddockClient      *client,
                                                          GAsyncResult       *result,
                                                          GError            **error);

void              paddock_watchlist_delete_async    (PaddockClient        *client,
                                                     const char           *id,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
gboolean          paddock_watchlist_delete_finish   (PaddockClient        *client,
                                                     GAsyncResult         *result,
                                                     GError              **error);

G_END_DECLS
