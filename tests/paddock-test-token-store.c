/* paddock-test-token-store.c: what the token store's tests share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "paddock-test"

#include "config.h"

#include "paddock-test-token-store.h"
#include "paddock-test-utils.h"

/* A token schema: the store's attributes under @schema_name */
#define TOKEN_SCHEMA(schema_name) \
  { \
    .name = schema_name, \
    .flags = SECRET_SCHEMA_DONT_MATCH_NAME, \
    .attributes = { \
      { .name = "environment", .type = SECRET_SCHEMA_ATTRIBUTE_STRING }, \
      { .name = "account-id", .type = SECRET_SCHEMA_ATTRIBUTE_STRING }, \
      { .name = "schema-version", .type = SECRET_SCHEMA_ATTRIBUTE_INTEGER }, \
      { .name = NULL, .type = 0 }, \
    }, \
  }

/* The same schema as the store's, written out again, to write items behind its back */
const SecretSchema paddock_test_raw_token_schema =
  TOKEN_SCHEMA ("io.github.paddockapp.Paddock.Token");

/* Another program's schema with the same attribute names as ours */
const SecretSchema paddock_test_foreign_token_schema = TOKEN_SCHEMA ("org.example.Other.Token");

/* paddock_token_store_save_async(), waited for */
gboolean
paddock_test_token_save (PaddockTokenStore   *store,
                         PaddockCredentials  *credentials,
                         GCancellable        *cancellable,
                         GError             **error)
{
  g_auto (PaddockTestAsync) result = { 0, };

  paddock_token_store_save_async (store, credentials, cancellable, paddock_test_async_cb, &result);
  return paddock_token_store_save_finish (store, paddock_test_async_wait (&result), error);
}

/* paddock_token_store_list_async(), waited for */
GListModel *
paddock_test_token_list (PaddockTokenStore  *store,
                         GError            **error)
{
  g_auto (PaddockTestAsync) result = { 0, };

  paddock_token_store_list_async (store, NULL, paddock_test_async_cb, &result);
  return paddock_token_store_list_finish (store, paddock_test_async_wait (&result), error);
}

/* paddock_token_store_load_async(), waited for */
PaddockCredentials *
paddock_test_token_load (PaddockTokenStore  *store,
                         PaddockEnvironment  environment,
                         const char         *account_id,
                         GCancellable       *cancellable,
                         GError            **error)
{
  g_auto (PaddockTestAsync) result = { 0, };

  paddock_token_store_load_async (store, environment, account_id, cancellable,
                                  paddock_test_async_cb, &result);
  return paddock_token_store_load_finish (store, paddock_test_async_wait (&result), error);
}

/* paddock_token_store_delete_async(), waited for */
gboolean
paddock_test_token_delete (PaddockTokenStore  *store,
                           PaddockEnvironment  environment,
                           const char         *account_id,
                           GError            **error)
{
  g_auto (PaddockTestAsync) result = { 0, };

  paddock_token_store_delete_async (store, environment, account_id, NULL, paddock_test_async_cb,
                                    &result);
  return paddock_token_store_delete_finish (store, paddock_test_async_wait (&result), error);
}

/* Credentials with a bearer token and every scope */
PaddockCredentials *
paddock_test_token_credentials (PaddockEnvironment  environment,
                                const char         *account_id,
                                const char         *account_number,
                                const char         *token)
{
  return paddock_credentials_new (environment, account_id, account_number, token, "bearer",
                                  "account:write trading data", NULL);
}
