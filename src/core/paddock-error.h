/* paddock-error.h: the one error domain of Paddock
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define PADDOCK_ERROR (paddock_error_quark ())

/**
 * PaddockError:
 * @PADDOCK_ERROR_FAILED: something else went wrong
 * @PADDOCK_ERROR_NOT_AUTHORIZED: the token is missing, revoked or expired: sign in again
 * @PADDOCK_ERROR_NETWORK: the server could not be reached: retry
 * @PADDOCK_ERROR_RATE_LIMITED: too many requests: wait and retry
 * @PADDOCK_ERROR_REJECTED: the broker refused the request: show its message
 * @PADDOCK_ERROR_INVALID_INPUT: refused before anything was sent
 * @PADDOCK_ERROR_KEYRING: the keyring failed in a way none of the codes below covers
 * @PADDOCK_ERROR_PROTOCOL: the server's reply was malformed
 * @PADDOCK_ERROR_NOT_FOUND: the server does not know the thing asked for
 * @PADDOCK_ERROR_ACCESS_DENIED: the person denied access in the browser
 * @PADDOCK_ERROR_TIMED_OUT: no answer in time
 * @PADDOCK_ERROR_KEYRING_UNAVAILABLE: no keyring (Secret Service) answers at all: start one
 * @PADDOCK_ERROR_KEYRING_LOCKED: the keyring is locked, its unlock prompt was dismissed or
 *   never answered, or it has no collection to store in yet: unlock it and retry
 * @PADDOCK_ERROR_KEYRING_DAMAGED: a stored sign-in is not what Paddock writes (not its JSON
 *   object, too large or too deep, or not a usable token): sign in again
 * @PADDOCK_ERROR_OUTCOME_UNKNOWN: an order was sent, its reply was lost and looking it up
 *   failed too: it may or may not have been placed; check the Orders page, never resend
 * @PADDOCK_ERROR_SIP_NOT_PERMITTED: market data was asked for from the SIP feed and the
 *   account's plan does not include it: choose IEX (the `data-feed` setting)
 * @PADDOCK_ERROR_MISSING_SCOPE: the server refused a change because the sign-in did not
 *   grant the permission it needs (a 403 on a call that needs a scope, e.g. a watchlist
 *   write without `account:write`): offer to sign in again with that permission
 *
 * Codes that tell the UI what to offer. Errors made from a server's reply also carry the
 * HTTP status and Alpaca's own `code` (see paddock_error_get_http_status() and
 * paddock_error_get_api_code()); the error's message is Alpaca's `message`.
 */
typedef enum {
  PADDOCK_ERROR_FAILED,
  PADDOCK_ERROR_NOT_AUTHORIZED,
  PADDOCK_ERROR_NETWORK,
  PADDOCK_ERROR_RATE_LIMITED,
  PADDOCK_ERROR_REJECTED,
  PADDOCK_ERROR_INVALID_INPUT,
  PADDOCK_ERROR_KEYRING,
  PADDOCK_ERROR_PROTOCOL,
  PADDOCK_ERROR_NOT_FOUND,
  PADDOCK_ERROR_ACCESS_DENIED,
  PADDOCK_ERROR_TIMED_OUT,
  PADDOCK_ERROR_KEYRING_UNAVAILABLE,
  PADDOCK_ERROR_KEYRING_LOCKED,
  PADDOCK_ERROR_KEYRING_DAMAGED,
  PADDOCK_ERROR_OUTCOME_UNKNOWN,
  PADDOCK_ERROR_SIP_NOT_PERMITTED,
  PADDOCK_ERROR_MISSING_SCOPE,
} PaddockError;

GQuark  paddock_error_quark           (void);

void    paddock_error_set_api_details (GError       *error,
                                       guint         http_status,
                                       gint64        api_code);
guint   paddock_error_get_http_status (const GError *error);
gint64  paddock_error_get_api_code    (const GError *error);

G_END_DECLS
