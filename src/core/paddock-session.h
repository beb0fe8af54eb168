/* paddock-session.h: one signed-in account: its token, its client and its figures
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "paddock-account.h"
#include "paddock-activity-store.h"
#include "paddock-asset-cache.h"
#include "paddock-client.h"
#include "paddock-credentials.h"
#include "paddock-endpoints.h"
#include "paddock-order-store.h"
#include "paddock-position-store.h"
#include "paddock-trade-stream.h"

G_BEGIN_DECLS

/**
 * PaddockSessionState:
 * @PADDOCK_SESSION_LOADING: the first fetch is on its way
 * @PADDOCK_SESSION_READY: the account is there (a refresh may be on its way)
 * @PADDOCK_SESSION_FAILED: the last fetch failed (see the error); retry may help
 * @PADDOCK_SESSION_REVOKED: the server refused the token: sign in again
 */
typedef enum {
  PADDOCK_SESSION_LOADING,
  PADDOCK_SESSION_READY,
  PADDOCK_SESSION_FAILED,
  PADDOCK_SESSION_REVOKED,
} PaddockSessionState;

#define PADDOCK_TYPE_SESSION_STATE (paddock_session_state_get_type ())
GType paddock_session_state_get_type (void);

#define PADDOCK_TYPE_SESSION (paddock_session_get_type ())
G_DECLARE_FINAL_TYPE (PaddockSession, paddock_session, PADDOCK, SESSION, GObject)

PaddockSession      *paddock_session_new             (PaddockEndpoints    *endpoints,
                                                      PaddockCredentials  *credentials);
PaddockCredentials  *paddock_session_get_credentials (PaddockSession      *self);
PaddockEndpoints    *paddock_session_get_endpoints   (PaddockSession      *self);
PaddockClient       *paddock_session_get_client      (PaddockSession      *self);
PaddockClient       *paddock_session_get_data_client (PaddockSession      *self);
PaddockAccount      *paddock_session_get_account     (PaddockSession      *self);
PaddockSessionState  paddock_session_get_state       (PaddockSession      *self);
const GError        *paddock_session_get_error       (PaddockSession      *self);
void                 paddock_session_refresh_async   (PaddockSession      *self,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
gboolean             paddock_session_refresh_finish  (PaddockSession      *self,
                                                      GAsyncResult        *result,
                                                      GError             **error);
gboolean             paddock_session_get_refreshing  (PaddockSession      *self);
PaddockTradeStream  *paddock_session_get_trade_stream (PaddockSession     *self);
void                 paddock_session_start_trade_stream (PaddockSession   *self);

PaddockOrderStore    *paddock_session_get_order_store    (PaddockSession *self);
PaddockPositionStore *paddock_session_get_position_store (PaddockSession *self);
PaddockActivityStore *paddock_session_get_activity_store (PaddockSession *self);

PaddockAssetCache    *paddock_session_get_asset_cache    (PaddockSession *self);

G_END_DECLS
