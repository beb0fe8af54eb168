/* test-token-store-file.c: PaddockTokenStore on libsecret's file backend
 *
 * Inside a Flatpak, libsecret's password API keeps items in an encrypted file of its own,
 * with a key from the Secret portal, instead of talking to the Secret Service. This test
 * selects the same backend outside a sandbox (SECRET_BACKEND=file, with the test key that
 * libsecret reads from SECRET_FILE_TEST_PASSWORD instead of asking the portal), on a bus
 * with no Secret Service at all:
 *   keyring-env.sh --no-service test-token-store-file
 * Run on its own it skips, so that it never touches a real keyring.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <libsecret/secret.h>

#include "paddock-error.h"
#include "paddock-test-token-store.h"
#include "paddock-test-utils.h"
#include "paddock-token-store.h"

#define DAMAGED_MESSAGE "The stored sign-in for this account is damaged. Sign in again."

static char *keyring_file;

static void
assert_file_lacks (const char *text)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (keyring_file, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 0);
  g_assert_null (g_strstr_len (contents, length, text));
}

static void
test_round_trip (void)
{
  g_autoptr (PaddockTokenStore) store = paddock_token_store_new ();
  g_autoptr (PaddockCredentials) first =
    paddock_test_token_credentials (PADDOCK_ENVIRONMENT_PAPER, "acct-file", "PF1",
                                    "tok-file-first");
  g_autoptr (PaddockCredentials) second = paddock_test_token_credentials (PADDOCK_ENVIRONMENT_PAPER,
                                                            "acct-file", "PF1",
                                                            "tok-file-second");
  g_autoptr (PaddockCredentials) demo =
    paddock_test_token_credentials (PADDOCK_ENVIRONMENT_DEMO, "acct-demo", "D1", "tok-file-demo");
  g_autoptr (GListModel) model = NULL;
  g_autoptr (GError) error = NULL;
  PaddockCredentials *listed;

  g_assert_true (paddock_test_token_save (store, first, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (keyring_file, G_FILE_TEST_IS_REGULAR));
  assert_file_lacks ("tok-file-first");

  {
    g_autoptr (PaddockCredentials) loaded =
      paddock_test_token_load (store, PADDOCK_ENVIRONMENT_PAPER, "acct-file", NULL, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (paddock_credentials_get_access_token (loaded), ==, "tok-file-first");
    g_assert_cmpstr (paddock_credentials_get_scope (loaded), ==, "account:write trading data");
  }

  /* saving the same account again replaces its item */
  g_assert_true (paddock_test_token_save (store, second, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (paddock_test_token_save (store, demo, NULL, &error));
  g_assert_no_error (error);
  {
    g_autoptr (PaddockCredentials) loaded =
      paddock_test_token_load (store, PADDOCK_ENVIRONMENT_PAPER, "acct-file", NULL, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (paddock_credentials_get_access_token (loaded), ==, "tok-file-second");
  }

  model = paddock_test_token_list (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 2);
  listed = g_list_model_get_item (model, 0);
  g_assert_cmpint (paddock_credentials_get_environment (listed), ==, PADDOCK_ENVIRONMENT_DEMO);
  g_assert_cmpstr (paddock_credentials_get_account_number (listed), ==, "D1");
  g_assert_false (paddock_credentials_has_token (listed));
  g_object_unref (listed);
  listed = g_list_model_get_item (model, 1);
  g_assert_cmpstr (paddock_credentials_get_account_id (listed), ==, "acct-file");
  g_assert_cmpstr (paddock_credentials_get_account_number (listed), ==, "PF1");
  g_assert_nonnull (paddock_credentials_get_created_at (listed));
  g_object_unref (listed);

  /* a new store (the app restarted) finds the same sign-in in the file */
  {
    g_autoptr (PaddockTokenStore) again = paddock_token_store_new ();
    g_autoptr (PaddockCredentials) loaded =
      paddock_test_token_load (again, PADDOCK_ENVIRONMENT_DEMO, "acct-demo", NULL, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (paddock_credentials_get_access_token (loaded), ==, "tok-file-demo");
  }

  g_assert_true (paddock_test_token_delete (store, PADDOCK_ENVIRONMENT_PAPER, "acct-file", &error));
  g_assert_no_error (error);
  g_assert_null (
    paddock_test_token_load (store, PADDOCK_ENVIRONMENT_PAPER, "acct-file", NULL, &error));
  g_assert_error (error, PADDOCK_ERROR, PADDOCK_ERROR_NOT_AUTHORIZED);
  g_clear_error (&error);
  /* removing what is not stored succeeds */
  g_assert_true (paddock_test_token_delete (store, PADDOCK_ENVIRONMENT_PAPER, "acct-file", &error));
  g_assert_no_error (error);
  g_assert_true (paddock_test_token_delete (store, PADDOCK_ENVIRONMENT_DEMO, "acct-demo", &error));
  g_assert_no_error (error);
  g_clear_object (&model);
  model = paddock_test_token_list (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
}

/* The file backend stores only the attributes it is given: another program's item with our
 * attribute names is neither loaded, listed nor deleted. */
static void
test_foreign_schema (void)
{
  g_autoptr (PaddockTokenStore) store = paddock_token_store_new ();
  g_autoptr (PaddockCredentials) loaded = NULL;
  g_autoptr (GListModel) model = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *foreign = NULL;

  secret_password_store_sync (&paddock_test_foreign_token_schema, SECRET_COLLECTION_DEFAULT,
                              "not Paddock's", "{\"access_token\": \"tok-foreign\"}", NULL, &error,
                              "environment", "paper", "account-id", "acct-foreign",
                              "schema-version", 1, NULL);
  g_assert_no_error (error);

  loaded = paddock_test_token_load (store, PADDOCK_ENVIRONMENT_PAPER, "acct-foreign", NULL, &error);
  g_assert_null (loaded);
  g_assert_error (error, PADDOCK_ERROR, PADDOCK_ERROR_NOT_AUTHORIZED);
  g_clear_error (&error);

  model = paddock_test_token_list (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);

  g_assert_true (
    paddock_test_token_delete (store, PADDOCK_ENVIRONMENT_PAPER, "acct-foreign", &error));
  g_assert_no_error (error);
  foreign = secret_password_lookup_sync (&paddock_test_foreign_token_schema, NULL, &error,
                                         "environment", "paper", "account-id", "acct-foreign",
                                         "schema-version", 1, NULL);
  g_assert_no_error (error);
  g_assert_cmpstr (foreign, ==, "{\"access_token\": \"tok-foreign\"}");

  g_assert_true (secret_password_clear_sync (&paddock_test_foreign_token_schema, NULL, &error,
                                             "account-id", "acct-foreign", NULL));
  g_assert_no_error (error);
}

static void
test_damaged (void)
{
  g_autoptr (PaddockTokenStore) store = paddock_token_store_new ();
  g_autoptr (PaddockCredentials) loaded = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GHashTable) attributes = secret_attributes_build (&paddock_test_raw_token_schema,
                                                               "environment", "paper",
                                                               "account-id", "acct-damaged",
                                                               "schema-version", 1, NULL);

  /* as the store writes it, with the schema name among the attributes */
  g_hash_table_replace (attributes, g_strdup ("xdg:schema"),
                        g_strdup (paddock_test_raw_token_schema.name));
  secret_password_storev_sync (&paddock_test_raw_token_schema, attributes,
                               SECRET_COLLECTION_DEFAULT, "damaged test item", "[\"secret-bad\"]",
                               NULL, &error);
  g_assert_no_error (error);

  loaded = paddock_test_token_load (store, PADDOCK_ENVIRONMENT_PAPER, "acct-damaged", NULL, &error);
  g_assert_null (loaded);
  g_assert_error (error, PADDOCK_ERROR, PADDOCK_ERROR_KEYRING_DAMAGED);
  g_assert_cmpstr (error->message, ==, DAMAGED_MESSAGE);
  g_clear_error (&error);

  g_assert_true (
    paddock_test_token_delete (store, PADDOCK_ENVIRONMENT_PAPER, "acct-damaged", &error));
  g_assert_no_error (error);
}

static void
test_client_secret (void)
{
  g_autoptr (PaddockTokenStore) store = paddock_token_store_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *secret = NULL;

  {
    g_auto (PaddockTestAsync) result = { 0, };

    paddock_token_store_save_client_secret_async (store, "client-file", "shh-file-secret", NULL,
                                                  paddock_test_async_cb, &result);
    g_assert_true (paddock_token_store_save_client_secret_finish (
                     store, paddock_test_async_wait (&result), &error));
    g_assert_no_error (error);
  }
  assert_file_lacks ("shh-file-secret");
  {
    g_auto (PaddockTestAsync) result = { 0, };

    paddock_token_store_load_client_secret_async (store, "client-file", NULL,
                                                  paddock_test_async_cb, &result);
    secret = paddock_token_store_load_client_secret_finish (
               store, paddock_test_async_wait (&result), &error);
    g_assert_no_error (error);
    g_assert_cmpstr (secret, ==, "shh-file-secret");
  }
  {
    g_auto (PaddockTestAsync) result = { 0, };

    paddock_token_store_delete_client_secret_async (store, "client-file", NULL,
                                                    paddock_test_async_cb, &result);
    g_assert_true (paddock_token_store_delete_client_secret_finish (
                     store, paddock_test_async_wait (&result), &error));
    g_assert_no_error (error);
  }
  {
    g_auto (PaddockTestAsync) result = { 0, };

    g_clear_pointer (&secret, g_free);
    paddock_token_store_load_client_secret_async (store, "client-file", NULL,
                                                  paddock_test_async_cb, &result);
    secret = paddock_token_store_load_client_secret_finish (
               store, paddock_test_async_wait (&result), &error);
    g_assert_null (secret);
    g_assert_error (error, PADDOCK_ERROR, PADDOCK_ERROR_NOT_FOUND);
  }
}

int
main (int   argc,
      char *argv[])
{
  const char *data_home = g_getenv ("XDG_DATA_HOME");
  int ret;

  g_test_init (&argc, &argv, NULL);

  if (g_strcmp0 (g_getenv ("PADDOCK_KEYRING_ENV"), "no-service") != 0 || data_home == NULL)
    {
      g_test_skip ("run through keyring-env.sh --no-service");
      return g_test_run ();
    }

  /* before libsecret picks its backend, which it does once */
  keyring_file = g_build_filename (data_home, "keyrings", "paddock-test.keyring", NULL);
  g_setenv ("SECRET_BACKEND", "file", TRUE);
  g_setenv ("SECRET_FILE_TEST_PATH", keyring_file, TRUE);
  g_setenv ("SECRET_FILE_TEST_PASSWORD", "test-file-key", TRUE);

  g_test_add_func ("/token-store-file/round-trip", test_round_trip);
  g_test_add_func ("/token-store-file/foreign-schema", test_foreign_schema);
  g_test_add_func ("/token-store-file/damaged", test_damaged);
  g_test_add_func ("/token-store-file/client-secret", test_client_secret);

  ret = g_test_run ();
  g_free (keyring_file);
  return ret;
}
