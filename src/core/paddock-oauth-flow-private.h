/* paddock-oauth-flow-private.h: the parsers of PaddockOAuthFlow its fuzzers reach
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The sign-in code in an address pasted from the browser (stripped in place), or NULL
 * with PADDOCK_ERROR_INVALID_INPUT, _ACCESS_DENIED or _REJECTED. */
char   *_paddock_oauth_code_from_address (const char  *expected_state,
                                          char        *address,
                                          GError     **error);
/* The error for a token endpoint reply with @status and (nullable) @body */
GError *_paddock_oauth_token_error       (guint        status,
                                          GBytes      *body);

G_END_DECLS
