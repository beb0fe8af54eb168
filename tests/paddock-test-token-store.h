/* paddock-test-token-store.h: what the token store's tests share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * PaddockTokenStore's async calls made blocking (each runs the main loop until it is
 * done), credentials to store, and the store's keyring schema to write items behind its
 * back.
 */
#pragma once

#include <libsecret/secret.h>

#include "paddock-token-store.h"

G_BEGIN_DECLS

/* The same schema as the store's, to write items behind its back */
extern const SecretSchema paddock_test_raw_token_schema;
/* Another program's schema with the same attribute names as ours */
extern const SecretSchema paddock_test_foreign_token_schema;

gboolean            paddock_test_token_save        (PaddockTokenStore   *store,
                                                    PaddockCredentials  *credentials,
                                                    GCancellable        *cancellable,
                                                    GError             **error);
GListModel         *paddock_test_token_list        (PaddockTokenStore   *store,
                                                    GError             **error);
PaddockCredentials *paddock_test_token_load        (PaddockTokenStore   *store,
                                                    PaddockEnvironment   environment,
                                                    const char          *account_id,
                                                    GCancellable        *cancellable,
                                                    GError             **error);
gboolean            paddock_test_token_delete      (PaddockTokenStore   *store,
                                                    PaddockEnvironment   environment,
                                                    const char          *account_id,
                                                    GError             **error);
PaddockCredentials *paddock_test_token_credentials (PaddockEnvironment   environment,
                                                    const char          *account_id,
                                                    const char          *account_number,
                                                    const char          *token);

G_END_DECLS
