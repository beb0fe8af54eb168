/* paddock-oauth-url.h: the OAuth authorize URL
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "paddock-endpoints.h"

G_BEGIN_DECLS

char *paddock_oauth_build_authorize_url (PaddockEndpoints   *endpoints,
                                         const char         *client_id,
                                         const char         *redirect_uri,
                                         const char         *state,
                                         const char * const *scopes,
                                         PaddockEnvironment  environment,
                                         const char         *code_challenge,
                                         GError            **error);

G_END_DECLS
