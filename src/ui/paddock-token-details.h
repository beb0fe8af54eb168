/* paddock-token-details.h: what the signed-in token may do and what the server says of it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "paddock-session.h"

G_BEGIN_DECLS

/**
 * PaddockTokenDetailsState:
 * @PADDOCK_TOKEN_DETAILS_LOADING: introspection is on its way: a spinner
 * @PADDOCK_TOKEN_DETAILS_ANSWERED: the server answered: its fields
 * @PADDOCK_TOKEN_DETAILS_NOT_ANSWERED: the server does not answer introspection: one sentence
 * @PADDOCK_TOKEN_DETAILS_FAILED: asking failed: the error in words and Try Again
 */
typedef enum {
  PADDOCK_TOKEN_DETAILS_LOADING,
  PADDOCK_TOKEN_DETAILS_ANSWERED,
  PADDOCK_TOKEN_DETAILS_NOT_ANSWERED,
  PADDOCK_TOKEN_DETAILS_FAILED,
} PaddockTokenDetailsState;

#define PADDOCK_TYPE_TOKEN_DETAILS (paddock_token_details_get_type ())
G_DECLARE_FINAL_TYPE (PaddockTokenDetails, paddock_token_details, PADDOCK, TOKEN_DETAILS,
                      AdwWindow)

PaddockTokenDetails      *paddock_token_details_new       (PaddockSession      *session);
PaddockTokenDetailsState  paddock_token_details_get_state (PaddockTokenDetails *self);
gboolean                  paddock_token_details_get_looking_up (PaddockTokenDetails *self);

G_END_DECLS
