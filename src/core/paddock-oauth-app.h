/* paddock-oauth-app.h: which OAuth app Paddock signs in as, and where that came from
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "paddock-token-store.h"

G_BEGIN_DECLS

/**
 * PaddockOAuthAppSource:
 * @PADDOCK_OAUTH_APP_SOURCE_NONE: not known
 * @PADDOCK_OAUTH_APP_SOURCE_ENVIRONMENT: `PADDOCK_CLIENT_ID` or `PADDOCK_CLIENT_SECRET`
 * @PADDOCK_OAUTH_APP_SOURCE_SETTINGS: the GSettings key `client-id`
 * @PADDOCK_OAUTH_APP_SOURCE_KEYRING: the client secret kept in the keyring for the client ID
 * @PADDOCK_OAUTH_APP_SOURCE_DISTRIBUTOR: built in (meson options `oauth_client_id`,
 *   `oauth_client_secret`)
 * @PADDOCK_OAUTH_APP_SOURCE_GIVEN: given by the caller (the assistant's OAuth-app step, the
 *   demo brokerage)
 *
 * Where the client ID or the client secret came from.
 */
typedef enum {
  PADDOCK_OAUTH_APP_SOURCE_NONE,
  PADDOCK_OAUTH_APP_SOURCE_ENVIRONMENT,
  PADDOCK_OAUTH_APP_SOURCE_SETTINGS,
  PADDOCK_OAUTH_APP_SOURCE_KEYRING,
  PADDOCK_OAUTH_APP_SOURCE_DISTRIBUTOR,
  PADDOCK_OAUTH_APP_SOURCE_GIVEN,
} PaddockOAuthAppSource;

#define PADDOCK_TYPE_OAUTH_APP_SOURCE (paddock_oauth_app_source_get_type ())
GType paddock_oauth_app_source_get_type (void);

#define PADDOCK_TYPE_OAUTH_APP (paddock_oauth_app_get_type ())
G_DECLARE_FINAL_TYPE (PaddockOAuthApp, paddock_oauth_app, PADDOCK, OAUTH_APP, GObject)

PaddockOAuthApp       *paddock_oauth_app_new                (const char          *client_id,
                                                            const char          *client_secret);
PaddockOAuthApp       *paddock_oauth_app_new_configured     (GSettings           *settings);
void                   paddock_oauth_app_lookup_async       (GSettings           *settings,
                                                            PaddockTokenStore   *store,
                                                            GCancellable        *cancellable,
                                                            GAsyncReadyCallback  callback,
                                                            gpointer             user_data);
PaddockOAuthApp       *paddock_oauth_app_lookup_finish      (GAsyncResult        *result,
                                                            GError             **error);

const char            *paddock_oauth_app_get_client_id      (PaddockOAuthApp     *self);
const char            *paddock_oauth_app_get_client_secret  (PaddockOAuthApp     *self);
PaddockOAuthAppSource  paddock_oauth_app_get_id_source      (PaddockOAuthApp     *self);
PaddockOAuthAppSource  paddock_oauth_app_get_secret_source  (PaddockOAuthApp     *self);
gboolean               paddock_oauth_app_is_complete        (PaddockOAuthApp     *self);

G_END_DECLS
