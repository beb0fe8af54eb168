/* paddock-oauth-flow.h: the native-app OAuth sign-in (RFC 8252) from start to token
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "paddock-endpoints.h"

G_BEGIN_DECLS

#define PADDOCK_TYPE_OAUTH_FLOW (paddock_oauth_flow_get_type ())
G_DECLARE_FINAL_TYPE (PaddockOAuthFlow, paddock_oauth_flow, PADDOCK, OAUTH_FLOW, GObject)

PaddockOAuthFlow *paddock_oauth_flow_new                 (PaddockEndpoints    *endpoints,
                                                          PaddockOAuthApp     *app,
                                                          PaddockEnvironment   environment,
                                                          const char * const  *scopes,
                                                          const guint16       *ports,
                                                          gsize                n_ports);
gboolean          paddock_oauth_flow_start               (PaddockOAuthFlow    *self,
                                                          GError             **error);
const char       *paddock_oauth_flow_get_authorize_url   (PaddockOAuthFlow    *self);
const char       *paddock_oauth_flow_get_start_url       (PaddockOAuthFlow    *self);
const char       *paddock_oauth_flow_get_redirect_uri    (PaddockOAuthFlow    *self);
void              paddock_oauth_flow_set_timeout         (PaddockOAuthFlow    *self,
                                                          guint                timeout_ms);
gboolean          paddock_oauth_flow_submit_address      (PaddockOAuthFlow    *self,
                                                          const char          *address,
                                                          GError             **error);
void              paddock_oauth_flow_run_async           (PaddockOAuthFlow    *self,
                                                          GCancellable        *cancellable,
                                                          GAsyncReadyCallback  callback,
                                                          gpointer             user_data);
GPtrArray        *paddock_oauth_flow_run_finish          (PaddockOAuthFlow    *self,
                                                          GAsyncResult        *result,
                                                          GError             **error);
gboolean          paddock_oauth_flow_has_token           (PaddockOAuthFlow    *self);
void              paddock_oauth_flow_discover_async      (PaddockOAuthFlow    *self,
                                                          GCancellable        *cancellable,
                                                          GAsyncReadyCallback  callback,
                                                          gpointer             user_data);
GPtrArray        *paddock_oauth_flow_discover_finish     (PaddockOAuthFlow    *self,
                                                          GAsyncResult        *result,
                                                          GError             **error);

G_END_DECLS
