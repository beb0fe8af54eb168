/* paddock-token-store.h: sign-ins and the OAuth client secret in the system keyring
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "paddock-credentials.h"

G_BEGIN_DECLS

/*
 * Errors of every PaddockTokenStore operation, in the PADDOCK_ERROR domain unless noted.
 * Callers decide on the code; the messages are translated and may change:
 *
 * - PADDOCK_ERROR_KEYRING_UNAVAILABLE "No keyring is available…" when there is no session
 *   bus or nothing provides org.freedesktop.secrets (G_DBUS_ERROR_SERVICE_UNKNOWN,
 *   G_IO_ERROR_NOT_FOUND, "Cannot autolaunch D-Bus", a failed activation…).
 * - PADDOCK_ERROR_KEYRING_LOCKED "The keyring is locked…" when the collection is locked
 *   (SECRET_ERROR_IS_LOCKED, "Cannot create an item in a locked collection"), when the
 *   unlock prompt was dismissed, when the login collection does not exist and cannot be
 *   created without a prompt (G_DBUS_ERROR_UNKNOWN_METHOD), and when an operation outlives
 *   the store's timeout (a prompt nobody can see).
 * - PADDOCK_ERROR_KEYRING_DAMAGED "The stored sign-in for this account is damaged. Sign in
 *   again." when a stored token is not the JSON object Paddock writes: larger than
 *   %PADDOCK_CREDENTIALS_MAX_JSON_BYTES, nested, malformed, or with an access token that is
 *   not a valid Bearer token (load only; see paddock_credentials_new_from_json()).
 * - PADDOCK_ERROR_NOT_AUTHORIZED "You are not signed in to this account. Sign in to
 *   continue." when load finds nothing for the account: nothing stored is never a keyring
 *   error.
 * - PADDOCK_ERROR_NOT_FOUND when load_client_secret finds no usable client secret for the
 *   client ID: none, or a damaged one (empty, not text, longer than
 *   %PADDOCK_CLIENT_SECRET_MAX_LEN); either way the person must enter it again.
 * - PADDOCK_ERROR_INVALID_INPUT for an unknown environment, an empty account id or client
 *   ID, credentials without a token, or a client secret that is empty, not UTF-8 or longer
 *   than %PADDOCK_CLIENT_SECRET_MAX_LEN; nothing is sent to the keyring then.
 * - G_IO_ERROR_CANCELLED when the caller's cancellable was cancelled.
 * - Anything else libsecret reports becomes PADDOCK_ERROR_KEYRING with its message.
 *
 * Only items whose `xdg:schema` attribute is Paddock's are read, listed or deleted: an item
 * of another program that happens to carry the same attribute names is never used as a
 * token and never removed. Deleting what is not stored succeeds. No message ever contains
 * a token or secret.
 */

/**
 * PADDOCK_CLIENT_SECRET_MAX_LEN:
 *
 * The longest OAuth client secret, in bytes, that is stored or read back (1 KiB; Alpaca's
 * are 40 characters).
 */
#define PADDOCK_CLIENT_SECRET_MAX_LEN 1024

/**
 * PADDOCK_TOKEN_STORE_DEFAULT_TIMEOUT_MS:
 *
 * How long one keyring operation may take before it is given up (10 s). A hidden unlock
 * prompt can otherwise wait forever.
 */
#define PADDOCK_TOKEN_STORE_DEFAULT_TIMEOUT_MS 10000

#define PADDOCK_TYPE_TOKEN_STORE (paddock_token_store_get_type ())

G_DECLARE_FINAL_TYPE (PaddockTokenStore, paddock_token_store, PADDOCK, TOKEN_STORE, GObject)

PaddockTokenStore  *paddock_token_store_new                      (void);

guint               paddock_token_store_get_timeout              (PaddockTokenStore    *self);
void                paddock_token_store_set_timeout              (PaddockTokenStore    *self,
                                                                  guint                 timeout_ms);

void                paddock_token_store_save_async               (PaddockTokenStore    *self,
                                                                  PaddockCredentials   *credentials,
                                                                  GCancellable         *cancellable,
                                                                  GAsyncReadyCallback   callback,
                                                                  gpointer              user_data);
gboolean            paddock_token_store_save_finish              (PaddockTokenStore    *self,
                                                                  GAsyncResult         *result,
                                                                  GError              **error);

void                paddock_token_store_list_async               (PaddockTokenStore    *self,
                                                                  GCancellable         *cancellable,
                                                                  GAsyncReadyCallback   callback,
                                                                  gpointer              user_data);
GListModel         *paddock_token_store_list_finish              (PaddockTokenStore    *self,
                                                                  GAsyncResult         *result,
                                                                  GError              **error);

void                paddock_token_store_load_async               (PaddockTokenStore    *self,
                                                                  PaddockEnvironment    environment,
                                                                  const char           *account_id,
                                                                  GCancellable         *cancellable,
                                                                  GAsyncReadyCallback   callback,
                                                                  gpointer              user_data);
PaddockCredentials *paddock_token_store_load_finish              (PaddockTokenStore    *self,
                                                                  GAsyncResult         *result,
                                                                  GError              **error);

void                paddock_token_store_delete_async             (PaddockTokenStore    *self,
                                                                  PaddockEnvironment    environment,
                                                                  const char           *account_id,
                                                                  GCancellable         *cancellable,
                                                                  GAsyncReadyCallback   callback,
                                                                  gpointer              user_data);
gboolean            paddock_token_store_delete_finish            (PaddockTokenStore    *self,
                                                                  GAsyncResult         *result,
                                                                  GError              **error);

void                paddock_token_store_save_client_secret_async (PaddockTokenStore    *self,
                                                                  const char           *client_id,
                                                                  const char           *client_secret,
                                                                  GCancellable         *cancellable,
                                                                  GAsyncReadyCallback   callback,
                                                                  gpointer              user_data);
gboolean            paddock_token_store_save_client_secret_finish (PaddockTokenStore   *self,
                                                                  GAsyncResult         *result,
                                                                  GError              **error);

void                paddock_token_store_load_client_secret_async (PaddockTokenStore    *self,
                                                                  const char           *client_id,
                                                                  GCancellable         *cancellable,
                                                                  GAsyncReadyCallback   callback,
                                                                  gpointer              user_data);
char               *paddock_token_store_load_client_secret_finish (PaddockTokenStore   *self,
                                                                  GAsyncResult         *result,
                                                                  GError              **error);

void                paddock_token_store_delete_client_secret_async (PaddockTokenStore  *self,
                                                                  const char           *client_id,
                                                                  GCancellable         *cancellable,
                                                                  GAsyncReadyCallback   callback,
                                                                  gpointer              user_data);
gboolean            paddock_token_store_delete_client_secret_finish (PaddockTokenStore *self,
                                                                  GAsyncResult         *result,
                                                                  GError              **error);

G_END_DECLS
