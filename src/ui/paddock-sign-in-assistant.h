/* paddock-sign-in-assistant.h: the steps before signing in
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "paddock-endpoints.h"

G_BEGIN_DECLS

#define PADDOCK_TYPE_SIGN_IN_ASSISTANT (paddock_sign_in_assistant_get_type ())
G_DECLARE_FINAL_TYPE (PaddockSignInAssistant, paddock_sign_in_assistant, PADDOCK, SIGN_IN_ASSISTANT, GtkWidget)

GtkWidget           *paddock_sign_in_assistant_new               (void);
void                 paddock_sign_in_assistant_reset             (PaddockSignInAssistant *self);

PaddockEnvironment   paddock_sign_in_assistant_get_environment   (PaddockSignInAssistant *self);
void                 paddock_sign_in_assistant_set_environment   (PaddockSignInAssistant *self,
                                                                  PaddockEnvironment      environment);
gboolean             paddock_sign_in_assistant_get_ask_oauth_app (PaddockSignInAssistant *self);
void                 paddock_sign_in_assistant_set_ask_oauth_app (PaddockSignInAssistant *self,
                                                                  gboolean                ask_oauth_app);
const char * const  *paddock_sign_in_assistant_get_redirect_uris (PaddockSignInAssistant *self);
void                 paddock_sign_in_assistant_set_redirect_uris (PaddockSignInAssistant *self,
                                                                  const char * const     *uris);
const char          *paddock_sign_in_assistant_get_client_id     (PaddockSignInAssistant *self);
void                 paddock_sign_in_assistant_set_client_id     (PaddockSignInAssistant *self,
                                                                  const char             *client_id);
char               **paddock_sign_in_assistant_dup_scopes        (PaddockSignInAssistant *self);
const char          *paddock_sign_in_assistant_get_step          (PaddockSignInAssistant *self);
const char          *paddock_sign_in_assistant_get_title         (PaddockSignInAssistant *self);

G_END_DECLS
