/* paddock-position-store.h: the account's open positions, a GListModel kept up to date
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "paddock-client.h"
#include "paddock-position.h"

G_BEGIN_DECLS

#define PADDOCK_TYPE_POSITION_STORE (paddock_position_store_get_type ())
G_DECLARE_FINAL_TYPE (PaddockPositionStore, paddock_position_store, PADDOCK, POSITION_STORE,
                      GObject)

PaddockPositionStore *paddock_position_store_new            (PaddockClient         *client);
gboolean              paddock_position_store_get_loading    (PaddockPositionStore  *self);
GDateTime            *paddock_position_store_get_updated_at (PaddockPositionStore  *self);
const GError         *paddock_position_store_get_error      (PaddockPositionStore  *self);
PaddockPosition      *paddock_position_store_lookup         (PaddockPositionStore  *self,
                                                             const char            *symbol);
JsonNode             *paddock_position_store_dup_json       (PaddockPositionStore  *self);

void                  paddock_position_store_refresh_async  (PaddockPositionStore  *self,
                                                             GCancellable          *cancellable,
                                                             GAsyncReadyCallback    callback,
                                                             gpointer               user_data);
gboolean              paddock_position_store_refresh_finish (PaddockPositionStore  *self,
                                                             GAsyncResult          *result,
                                                             GError               **error);

G_END_DECLS
