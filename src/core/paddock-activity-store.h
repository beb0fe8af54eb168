/* paddock-activity-store.h: the account's activities, newest first, paged from the server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "paddock-activity.h"
#include "paddock-client.h"

G_BEGIN_DECLS

#define PADDOCK_ACTIVITY_STORE_PAGE_SIZE 100

#define PADDOCK_TYPE_ACTIVITY_STORE (paddock_activity_store_get_type ())
G_DECLARE_FINAL_TYPE (PaddockActivityStore, paddock_activity_store, PADDOCK, ACTIVITY_STORE,
                      GObject)

PaddockActivityStore *paddock_activity_store_new              (PaddockClient         *client);
void                  paddock_activity_store_set_types        (PaddockActivityStore  *self,
                                                               const char * const    *types);
const char * const   *paddock_activity_store_get_types        (PaddockActivityStore  *self);

gboolean              paddock_activity_store_get_loading      (PaddockActivityStore  *self);
gboolean              paddock_activity_store_get_has_more     (PaddockActivityStore  *self);
GDateTime            *paddock_activity_store_get_updated_at   (PaddockActivityStore  *self);
const GError         *paddock_activity_store_get_error        (PaddockActivityStore  *self);
JsonNode             *paddock_activity_store_dup_json         (PaddockActivityStore  *self);

void                  paddock_activity_store_refresh_async    (PaddockActivityStore  *self,
                                                               GCancellable          *cancellable,
                                                               GAsyncReadyCallback    callback,
                                                               gpointer               user_data);
gboolean              paddock_activity_store_refresh_finish   (PaddockActivityStore  *self,
                                                               GAsyncResult          *result,
                                                               GError               **error);
void                  paddock_activity_store_load_more_async  (PaddockActivityStore  *self,
                                                               GCancellable          *cancellable,
                                                               GAsyncReadyCallback    callback,
                                                               gpointer               user_data);
gboolean              paddock_activity_store_load_more_finish (PaddockActivityStore  *self,
                                                               GAsyncResult          *result,
                                                               GError               **error);
void                  paddock_activity_store_load_all_async   (PaddockActivityStore  *self,
                                                               GCancellable          *cancellable,
                                                               GAsyncReadyCallback    callback,
                                                               gpointer               user_data);
gboolean              paddock_activity_store_load_all_finish  (PaddockActivityStore  *self,
                                                               GAsyncResult          *result,
                                                               GError               **error);

G_END_DECLS
