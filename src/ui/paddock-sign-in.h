/* paddock-sign-in.h: signing in, from the assistant to the stored accounts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "paddock-oauth-app.h"
#include "paddock-token-store.h"
#include "paddock-window.h"

G_BEGIN_DECLS

#define PADDOCK_TYPE_SIGN_IN (paddock_sign_in_get_type ())
G_DECLARE_FINAL_TYPE (PaddockSignIn, paddock_sign_in, PADDOCK, SIGN_IN, GObject)

PaddockSignIn *paddock_sign_in_new        (PaddockWindow      *window,
                                           PaddockTokenStore  *store,
                                           GSettings          *settings);
void           paddock_sign_in_start      (PaddockSignIn      *self,
                                           PaddockEnvironment  environment,
                                           const char * const *scopes,
                                           PaddockEndpoints   *endpoints,
                                           PaddockOAuthApp    *app);
gboolean       paddock_sign_in_try_again  (PaddockSignIn      *self);
gboolean       paddock_sign_in_is_running (PaddockSignIn      *self);
void           paddock_sign_in_cancel     (PaddockSignIn      *self);

G_END_DECLS
