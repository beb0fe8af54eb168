/* paddock-credentials.h: what Paddock keeps in the keyring for one account
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "paddock-endpoints.h"

G_BEGIN_DECLS

#define PADDOCK_TYPE_CREDENTIALS (paddock_credentials_get_type ())

G_DECLARE_FINAL_TYPE (PaddockCredentials, paddock_credentials, PADDOCK, CREDENTIALS, GObject)

PaddockCredentials *paddock_credentials_new               (PaddockEnvironment environment,
                                                           const char  *account_id,
                                                           const char  *account_number,
                                                           const char  *access_token,
                                                           const char  *token_type,
                                                           const char  *scope,
                                                           GDateTime   *created_at);
PaddockCredentials *paddock_credentials_new_from_json     (PaddockEnvironment environment,
                                                           const char  *account_id,
                                                           const char  *json,
                                                           gsize        length,
                                                           GError     **error);
char               *paddock_credentials_to_json           (PaddockCredentials *self);

PaddockEnvironment  paddock_credentials_get_environment    (PaddockCredentials *self);
const char         *paddock_credentials_get_account_id     (PaddockCredentials *self);
const char         *paddock_credentials_get_account_number (PaddockCredentials *self);
const char         *paddock_credentials_get_access_token   (PaddockCredentials *self);
const char         *paddock_credentials_get_token_type     (PaddockCredentials *self);
const char         *paddock_credentials_get_scope          (PaddockCredentials *self);
GDateTime          *paddock_credentials_get_created_at     (PaddockCredentials *self);
const char         *paddock_credentials_get_label          (PaddockCredentials *self);
char               *paddock_credentials_dup_default_label  (PaddockCredentials *self);
gboolean            paddock_credentials_has_token          (PaddockCredentials *self);

/**
 * PADDOCK_ACCESS_TOKEN_MAX_LEN:
 *
 * The longest access token accepted (Alpaca's are 36 characters).
 */
#define PADDOCK_ACCESS_TOKEN_MAX_LEN 4096

gboolean            paddock_access_token_is_valid          (const char *token);

/**
 * PADDOCK_CREDENTIALS_MAX_JSON_BYTES:
 *
 * The largest stored sign-in that is read (64 KiB); what Paddock writes is a few hundred
 * bytes.
 */
#define PADDOCK_CREDENTIALS_MAX_JSON_BYTES (64 * 1024)

G_END_DECLS
