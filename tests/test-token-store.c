/* test-token-store.c: PaddockTokenStore against a real Secret Service, or none
 *
 * Run through tests/keyring-env.sh, which gives each run its own bus, HOME and keyring:
 *   keyring-env.sh test-token-store              a fresh, unlocked gnome-keyring
 *   keyring-env.sh --no-display test-token-store locked
 *                                                the same, then locked by the test
 *   keyring-env.sh --no-service test-token-store no Secret Service at all
 * Run on its own it skips, so that it never touches a real keyring.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <libsecret/secret.h>

#include "paddock-error.h"
#include "paddock-test-token-store.h"
#include "paddock-test-utils.h"
#include "paddock-token-store.h"

#define NO_SERVICE_MESSAGE \
  "No keyring is available. Paddock keeps your sign-in in the system keyring (Secret " \
  "Service): start GNOME Keyring or another Secret Service provider, then try again."
#define DAMAGED_MESSAGE "The stored sign-in for this account is damaged. Sign in again."

static gboolean
save_client_secret (PaddockTokenStore  *store,
                    const char         *client_id,
                    const char         *client_secret,
                    GError            **error)
{
  g_auto (PaddockTestAsync) result = { 0, };

  paddock_token_store_save_client_secret_async (store, client_id, client_secret, NULL,
                                                paddock_test_async_cb, &result);
  return paddock_token_store_save_client_secret_finish (store, paddock_test_async_wait (&result),
                                                        error);
}

static char *
load_client_secret (PaddockTokenStore  *store,
                    const char         *client_id,
                    GError            **error)
{
  g_auto (PaddockTestAsync) result = { 0, };

  paddock_token_store_load_client_secret_async (store, client_id, NULL, paddock_test_async_cb,
                                                &result);
  return paddock_token_store_load_client_secret_finish (store, paddock_test_async_wait (&result),
                                                        error);
}

static gboolean
delete_client_secret (PaddockTokenStore  *store,
                      const char         *client_id,
                      GError            **error)
{
  g_auto (PaddockTestAsync) result = { 0, };

  paddock_token_store_delete_client_secret_async (store, client_id, NULL, paddock_test_async_cb,
                                                  &result);
  return paddock_token_store_delete_client_secret_finish (store, paddock_test_async_wait (&result),
                                                          error);
}

/* What the integration tests see: `secret-tool search --all ATTR VALUE…` */
static char *
secret_tool_search (const char *first_attribute,
                    ...)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *err = NULL;
  g_autofree char *out = NULL;
  int status = 0;
  const char *arg;
  va_list ap;

  g_ptr_array_add (argv, (char *)"secret-tool");
  g_ptr_array_add (argv, (char *)"search");
  g_ptr_array_add (argv, (char *)"--all");
  va_start (ap, first_attribute);
  for (arg = first_attribute; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (argv, (char *)arg);
  va_end (ap);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **)argv->pdata, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err,
                &status, &error);
  g_assert_no_error (error);
  /* secret-tool search exits 1 when nothing matches */
  g_assert_true (g_spawn_check_wait_status (status, NULL) || (out != NULL && out[0] == '\0'));
  /* it prints the attributes on stderr */
  return g_strconcat (out, err, NULL);
}

static guint
count_items (const char *secret_tool_output)
{
  g_auto (GStrv) lines = g_strsplit (secret_tool_output, "\n", -1);
  guint n = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], "[/"))
      n++;
  return n;
}

static void
assert_keyring_error (const GError *error,
                      int           code,
                      const char   *message)
{
  g_assert_error (error, PADDOCK_ERROR, code);
  if (message != NULL)
    g_assert_cmpstr (error->message, ==, message);
}

static void
assert_locked_error (const GError *error)
{
  g_assert_error (error, PADDOCK_ERROR, PADDOCK_ERROR_KEYRING_LOCKED);
  g_assert_true (strstr (error->message, "The keyring is locked") != NULL);
  g_assert_true (strstr (error->message, "unlock it and try again") != NULL);
}

/* Tests with a running, unlocked gnome-keyring */

static void
test_round_trip (void)
{
  g_autoptr (PaddockTokenStore) store = paddock_token_store_new ();
  g_autoptr (PaddockCredentials) saved = NULL;
  g_autoptr (PaddockCredentials) loaded = NULL;
  g_autoptr (PaddockCredentials) listed = NULL;
  g_autoptr (GListModel) model = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *found = NULL;
  g_autofree char *expected_label = NULL;

  saved = paddock_test_token_credentials (PADDOCK_ENVIRONMENT_PAPER, "acct-round-trip",
                                          "PA1ROUNDTRIP", "tok-round-trip-1");
  g_assert_true (paddock_test_token_save (store, saved, NULL, &error));
  g_assert_no_error (error);

  found = secret_tool_search ("environment", "paper", "account-id", "acct-round-trip", NULL);
  g_assert_cmpuint (count_items (found), ==, 1);
  expected_label = g_strdup_printf ("label = Paddock token for paper account PA1ROUNDTRIP\n");
  g_assert_nonnull (strstr (found, expected_label));
  g_assert_nonnull (strstr (found, "attribute.schema-version = 1"));

  model = paddock_test_token_list (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  listed = g_list_model_get_item (model, 0);
  g_assert_cmpint (paddock_credentials_get_environment (listed), ==, PADDOCK_ENVIRONMENT_PAPER);
  g_assert_cmpstr (paddock_credentials_get_account_id (listed), ==, "acct-round-trip");
  g_assert_cmpstr (paddock_credentials_get_account_number (listed), ==, "PA1ROUNDTRIP");
  g_assert_cmpstr (paddock_credentials_get_label (listed), ==,
                   "Paddock token for paper account PA1ROUNDTRIP");
  g_assert_false (paddock_credentials_has_token (listed));
  g_assert_null (paddock_credentials_get_access_token (listed));

  loaded =
    paddock_test_token_load (store, PADDOCK_ENVIRONMENT_PAPER, "acct-round-trip", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (paddock_credentials_get_access_token (loaded), ==, "tok-round-trip-1");
  g_assert_cmpstr (paddock_credentials_get_token_type (loaded), ==, "bearer");
  g_assert_cmpstr (paddock_credentials_get_scope (loaded), ==, "account:write trading data");
  g_assert_cmpstr (paddock_credentials_get_account_number (loaded), ==, "PA1ROUNDTRIP");
  g_assert_cmpint (paddock_credentials_get_environment (loaded), ==, PADDOCK_ENVIRONMENT_PAPER);
  g_assert_cmpstr (paddock_credentials_get_account_id (loaded), ==, "acct-round-trip");
  g_assert_true (g_date_time_equal (paddock_credentials_get_created_at (loaded),
                                    paddock_credentials_get_created_at (saved)));

  g_assert_true (
    paddock_test_token_delete (store, PADDOCK_ENVIRONMENT_PAPER, "acct-round-trip", &error));
  g_assert_no_error (error);
  g_clear_object (&model);
  g_assert_finalize_object (g_steal_pointer (&listed));
  g_assert_finalize_object (g_steal_pointer (&loaded));
  g_assert_finalize_object (g_steal_pointer (&store));
}

static void
test_replace (void)
{
  g_autoptr (PaddockTokenStore) store = paddock_token_store_new ();
  g_autoptr (PaddockCredentials) first =
    paddock_test_token_credentials (PADDOCK_ENVIRONMENT_LIVE, "acct-replace", "L1", "tok-old");
  g_autoptr (PaddockCredentials) second =
    paddock_test_token_credentials (PADDOCK_ENVIRONMENT_LIVE, "acct-replace", "L1", "tok-new");
  g_autoptr (PaddockCredentials) loaded = NULL;
  g_autoptr (GListModel) model = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *found = NULL;

  g_assert_true (paddock_test_token_save (store, first, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (paddock_test_token_save (store, second, NULL, &error));
  g_assert_no_error (error);

  found = secret_tool_search ("environment", "live", "account-id", "acct-replace", NULL);
  g_assert_cmpuint (count_items (found), ==, 1);

  model = paddock_test_token_list (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);

  loaded = paddock_test_token_load (store, PADDOCK_ENVIRONMENT_LIVE, "acct-replace", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (paddock_credentials_get_access_token (loaded), ==, "tok-new");

  g_assert_true (
    paddock_test_token_delete (store, PADDOCK_ENVIRONMENT_LIVE, "acct-replace", &error));
  g_assert_no_error (error);
}

static void
test_two_accounts (void)
{
  g_autoptr (PaddockTokenStore) store = paddock_token_store_new ();
  g_autoptr (PaddockCredentials) paper =
    paddock_test_token_credentials (PADDOCK_ENVIRONMENT_PAPER, "acct-b", "PB2", "tok-b");
  g_autoptr (PaddockCredentials) live =
    paddock_test_token_credentials (PADDOCK_ENVIRONMENT_LIVE, "acct-a", "LA1", "tok-a");
  g_autoptr (PaddockCredentials) first = NULL;
  g_autoptr (PaddockCredentials) second = NULL;
  g_autoptr (PaddockCredentials) loaded = NULL;
  g_autoptr (GListModel) model = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_true (paddock_test_token_save (store, paper, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (paddock_test_token_save (store, live, NULL, &error));
  g_assert_no_error (error);

  model = paddock_test_token_list (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 2);
  g_assert_true (g_list_model_get_item_type (model) == PADDOCK_TYPE_CREDENTIALS);
  first = g_list_model_get_item (model, 0);
  second = g_list_model_get_item (model, 1);
  /* sorted by environment, then account id */
  g_assert_cmpint (paddock_credentials_get_environment (first), ==, PADDOCK_ENVIRONMENT_LIVE);
  g_assert_cmpstr (paddock_credentials_get_account_number (first), ==, "LA1");
  g_assert_cmpint (paddock_credentials_get_environment (second), ==, PADDOCK_ENVIRONMENT_PAPER);
  g_assert_cmpstr (paddock_credentials_get_account_number (second), ==, "PB2");

  /* each account keeps its own token */
  loaded = paddock_test_token_load (store, PADDOCK_ENVIRONMENT_PAPER, "acct-b", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (paddock_credentials_get_access_token (loaded), ==, "tok-b");
  g_clear_object (&loaded);
  loaded = paddock_test_token_load (store, PADDOCK_ENVIRONMENT_LIVE, "acct-a", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (paddock_credentials_get_access_token (loaded), ==, "tok-a");

  g_assert_true (paddock_test_token_delete (store, PADDOCK_ENVIRONMENT_PAPER, "acct-b", &error));
  g_assert_no_error (error);
  g_assert_true (paddock_test_token_delete (store, PADDOCK_ENVIRONMENT_LIVE, "acct-a", &error));
  g_assert_no_error (error);
  g_clear_object (&model);
  model = paddock_test_token_list (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
}

static void
test_delete (void)
{
  g_autoptr (PaddockTokenStore) store = paddock_token_store_new ();
  g_autoptr (PaddockCredentials) kept =
    paddock_test_token_credentials (PADDOCK_ENVIRONMENT_DEMO, "acct-kept", "D1", "tok-kept");
  g_autoptr (PaddockCredentials) gone =
    paddock_test_token_credentials (PADDOCK_ENVIRONMENT_DEMO, "acct-gone", "D2", "tok-gone");
  g_autoptr (PaddockCredentials) loaded = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *others = NULL;

  g_assert_true (paddock_test_token_save (store, kept, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (paddock_test_token_save (store, gone, NULL, &error));
  g_assert_no_error (error);

  before = secret_tool_search ("environment", "demo", "account-id", "acct-gone", NULL);
  g_assert_cmpuint (count_items (before), ==, 1);

  g_assert_true (paddock_test_token_delete (store, PADDOCK_ENVIRONMENT_DEMO, "acct-gone", &error));
  g_assert_no_error (error);

  after = secret_tool_search ("environment", "demo", "account-id", "acct-gone", NULL);
  g_assert_cmpuint (count_items (after), ==, 0);
  others = secret_tool_search ("environment", "demo", "account-id", "acct-kept", NULL);
  g_assert_cmpuint (count_items (others), ==, 1);

  loaded = paddock_test_token_load (store, PADDOCK_ENVIRONMENT_DEMO, "acct-gone", NULL, &error);
  g_assert_null (loaded);
  g_assert_error (error, PADDOCK_ERROR, PADDOCK_ERROR_NOT_AUTHORIZED);
  g_clear_error (&error);

  /* signing out twice is no error */
  g_assert_true (paddock_test_token_delete (store, PADDOCK_ENVIRONMENT_DEMO, "acct-gone", &error));
  g_assert_no_error (error);

  g_assert_true (paddock_test_token_delete (store, PADDOCK_ENVIRONMENT_DEMO, "acct-kept", &error));
  g_assert_no_error (error);
}

static void
test_not_signed_in (void)
{
  g_autoptr (PaddockTokenStore) store = paddock_token_store_new ();
  g_autoptr (PaddockCredentials) loaded = NULL;
  g_autoptr (GError) error = NULL;

  loaded =
    paddock_test_token_load (store, PADDOCK_ENVIRONMENT_PAPER, "acct-never-stored", NULL, &error);
  g_assert_null (loaded);
  g_assert_error (error, PADDOCK_ERROR, PADDOCK_ERROR_NOT_AUTHORIZED);
  g_assert_cmpstr (error->message, ==,
                   "You are not signed in to this account. Sign in to continue.");
}

static void
test_invalid_input (void)
{
  g_autoptr (PaddockTokenStore) store = paddock_token_store_new ();
  g_autoptr (PaddockCredentials) no_token =
    paddock_test_token_credentials (PADDOCK_ENVIRONMENT_PAPER, "acct", "N", NULL);
  g_autoptr (PaddockCredentials) loaded = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *found = NULL;

  /* an environment no keyring item can name (credentials cannot carry one) */
  loaded = paddock_test_token_load (store, (PaddockEnvironment) 42, "acct", NULL, &error);
  g_assert_null (loaded);
  g_assert_error (error, PADDOCK_ERROR, PADDOCK_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_false (paddock_test_token_delete (store, (PaddockEnvironment) 42, "acct", &error));
  g_assert_error (error, PADDOCK_ERROR, PADDOCK_ERROR_INVALID_INPUT);
  g_clear_error (&error);

  g_assert_false (paddock_test_token_save (store, no_token, NULL, &error));
  g_assert_error (error, PADDOCK_ERROR, PADDOCK_ERROR_INVALID_INPUT);
  g_clear_error (&error);

  loaded = paddock_test_token_load (store, PADDOCK_ENVIRONMENT_PAPER, "", NULL, &error);
  g_assert_null (loaded);
  g_assert_error (error, PADDOCK_ERROR, PADDOCK_ERROR_INVALID_INPUT);
  g_clear_error (&error);

  found = secret_tool_search ("account-id", "acct", NULL);
  g_assert_cmpuint (count_items (found), ==, 0);
}

static void
store_raw (const char *account_id,
           const char *data,
           gssize      length)
{
  g_autoptr (SecretValue) value = secret_value_new (data, length, "application/json");
  g_autoptr (GHashTable) attributes = secret_attributes_build (&paddock_test_raw_token_schema,
                                                               "environment", "paper",
                                                               "account-id", account_id,
                                                               "schema-version", 1,
                                                               NULL);
  g_autoptr (GError) error = NULL;

  secret_service_store_sync (NULL, &paddock_test_raw_token_schema, attributes,
                             SECRET_COLLECTION_DEFAULT, "damaged test item", value, NULL, &error);
  g_assert_no_error (error);
}

static void
test_damaged (void)
{
  static const char invalid_utf8[] = "{\"access_token\": \"sec-ret\xff\xfe\"}";
  const struct {
    const char *json;
    gssize      length;
  } cases[] = {
    { "not json at all, secret-bad-1", -1 },
    { "[\"secret-bad-2\"]", -1 },
    { "\"secret-bad-3\"", -1 },
    { "{}", -1 },
    { "{\"access_token\": \"\"}", -1 },
    { "{\"access_token\": null, \"scope\": \"secret-bad-4\"}", -1 },
    { "{\"access_token\": 42, \"scope\": \"secret-bad-5\"}", -1 },
    { "{\"access_token\": {\"t\": \"secret-bad-6\"}}", -1 },
    { "{\"access_token\": \"secret-bad-7\", \"token_type\": 7}", -1 },
    { "{\"access_token\": \"secret-bad-8\", \"scope\": [\"a\"]}", -1 },
    { "{\"access_token\": \"secret-bad-9\", \"created_at\": \"yesterday\"}", -1 },
    { "{\"access_token\": \"secret-bad-10\", \"environment\": \"live\"}", -1 },
    { "{\"access_token\": \"secret-bad-11\", \"account_id\": \"someone-else\"}", -1 },
    { "{\"access_token\": \"secret-bad-12\"", -1 },
    { invalid_utf8, sizeof invalid_utf8 - 1 },
  };
  g_autoptr (PaddockTokenStore) store = paddock_token_store_new ();
  g_autoptr (GListModel) model = NULL;
  g_autoptr (GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (PaddockCredentials) loaded = NULL;

      g_test_message ("damaged case %u", i);
      store_raw ("acct-damaged", cases[i].json, cases[i].length);
      loaded =
        paddock_test_token_load (store, PADDOCK_ENVIRONMENT_PAPER, "acct-damaged", NULL, &error);
      g_assert_null (loaded);
      assert_keyring_error (error, PADDOCK_ERROR_KEYRING_DAMAGED, DAMAGED_MESSAGE);
      g_assert_null (strstr (error->message, "secret-bad"));
      g_clear_error (&error);
    }

  /* a damaged item is still listed, so that the person can sign in again or out */
  model = paddock_test_token_list (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);

  /* a minimal but valid secret loads */
  {
    g_autoptr (PaddockCredentials) loaded = NULL;

    store_raw ("acct-damaged", "{\"access_token\": \"tok-minimal\"}", -1);
    loaded =
      paddock_test_token_load (store, PADDOCK_ENVIRONMENT_PAPER, "acct-damaged", NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (paddock_credentials_get_access_token (loaded), ==, "tok-minimal");
    g_assert_null (paddock_credentials_get_scope (loaded));
  }

  g_assert_true (
    paddock_test_token_delete (store, PADDOCK_ENVIRONMENT_PAPER, "acct-damaged", &error));
  g_assert_no_error (error);
}

/* Items another program could have written under Paddock's schema name: each is refused as
 * damaged, without a crash and without handing out its token. */
static void
test_hostile_items (void)
{
  g_autoptr (PaddockTokenStore) store = paddock_token_store_new ();
  g_autoptr (GPtrArray) cases = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GError) error = NULL;
  GString *text;

  /* 100,000 levels overflowed json-glib's stack in lookup_token_cb */
  text = g_string_new ("{\"access_token\": \"secret-bad-deep\", \"x\": ");
  for (guint i = 0; i < 100000; i++)
    g_string_append_c (text, '[');
  for (guint i = 0; i < 100000; i++)
    g_string_append_c (text, ']');
  g_string_append_c (text, '}');
  g_ptr_array_add (cases, g_string_free (text, FALSE));

  /* nested within the size limit */
  text = g_string_new ("{\"access_token\": \"secret-bad-nested\", \"x\": ");
  for (guint i = 0; i < 3000; i++)
    g_string_append (text, "{\"a\":");
  g_string_append (text, "1");
  for (guint i = 0; i < 3000; i++)
    g_string_append_c (text, '}');
  g_string_append_c (text, '}');
  g_ptr_array_add (cases, g_string_free (text, FALSE));

  /* a good token in an item larger than any sign-in Paddock writes */
  text = g_string_new ("{\"access_token\": \"secret-bad-large\", \"padding\": \"");
  for (guint i = 0; i < PADDOCK_CREDENTIALS_MAX_JSON_BYTES; i++)
    g_string_append_c (text, 'p');
  g_string_append (text, "\"}");
  g_ptr_array_add (cases, g_string_free (text, FALSE));

  /* tokens that must not reach an Authorization header */
  g_ptr_array_add (cases, g_strdup ("{\"access_token\": \"secret-bad\\r\\nX-Injected: 1\"}"));
  g_ptr_array_add (cases, g_strdup ("{\"access_token\": \"secret-bad with space\"}"));
  g_ptr_array_add (cases, g_strdup ("{\"access_token\": \"secret-bad\\u0000tail\"}"));
  text = g_string_new ("{\"access_token\": \"secret-bad-long-");
  for (guint i = 0; i < PADDOCK_ACCESS_TOKEN_MAX_LEN; i++)
    g_string_append_c (text, 't');
  g_string_append (text, "\"}");
  g_ptr_array_add (cases, g_string_free (text, FALSE));

  for (guint i = 0; i < cases->len; i++)
    {
      g_autoptr (PaddockCredentials) loaded = NULL;

      g_test_message ("hostile case %u", i);
      store_raw ("acct-hostile", cases->pdata[i], -1);
      loaded =
        paddock_test_token_load (store, PADDOCK_ENVIRONMENT_PAPER, "acct-hostile", NULL, &error);
      g_assert_null (loaded);
      assert_keyring_error (error, PADDOCK_ERROR_KEYRING_DAMAGED, DAMAGED_MESSAGE);
      g_assert_null (strstr (error->message, "secret-bad"));
      g_clear_error (&error);
    }

  g_assert_true (
    paddock_test_token_delete (store, PADDOCK_ENVIRONMENT_PAPER, "acct-hostile", &error));
  g_assert_no_error (error);
}

static const SecretSchema foreign_client_schema = {
  .name = "org.example.Other.ClientSecret",
  .flags = SECRET_SCHEMA_NONE,
  .attributes = {
    { .name = "client-id", .type = SECRET_SCHEMA_ATTRIBUTE_STRING },
    { .name = "schema-version", .type = SECRET_SCHEMA_ATTRIBUTE_INTEGER },
    { .name = NULL, .type = 0 },
  },
};

static void
test_foreign_schema (void)
{
  g_autoptr (PaddockTokenStore) store = paddock_token_store_new ();
  g_autoptr (PaddockCredentials) ours =
    paddock_test_token_credentials (PADDOCK_ENVIRONMENT_PAPER, "acct-foreign", "PF1", "tok-ours");
  g_autoptr (PaddockCredentials) loaded = NULL;
  g_autoptr (GListModel) model = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *secret = NULL;
  g_autofree char *found = NULL;

  secret_password_store_sync (&paddock_test_foreign_token_schema, SECRET_COLLECTION_DEFAULT,
                              "not Paddock's", "{\"access_token\": \"tok-foreign\"}", NULL, &error,
                              "environment", "paper", "account-id", "acct-foreign",
                              "schema-version", 1, NULL);
  g_assert_no_error (error);
  secret_password_store_sync (&foreign_client_schema, SECRET_COLLECTION_DEFAULT,
                              "not Paddock's", "shh-foreign", NULL, &error,
                              "client-id", "client-foreign", "schema-version", 1, NULL);
  g_assert_no_error (error);

  /* neither listed nor loaded nor used as a client secret */
  model = paddock_test_token_list (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
  loaded = paddock_test_token_load (store, PADDOCK_ENVIRONMENT_PAPER, "acct-foreign", NULL, &error);
  g_assert_null (loaded);
  g_assert_error (error, PADDOCK_ERROR, PADDOCK_ERROR_NOT_AUTHORIZED);
  g_clear_error (&error);
  secret = load_client_secret (store, "client-foreign", &error);
  g_assert_null (secret);
  g_assert_error (error, PADDOCK_ERROR, PADDOCK_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* our own item next to it is the one loaded */
  g_assert_true (paddock_test_token_save (store, ours, NULL, &error));
  g_assert_no_error (error);
  loaded = paddock_test_token_load (store, PADDOCK_ENVIRONMENT_PAPER, "acct-foreign", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (paddock_credentials_get_access_token (loaded), ==, "tok-ours");

  /* signing out removes ours only */
  g_assert_true (
    paddock_test_token_delete (store, PADDOCK_ENVIRONMENT_PAPER, "acct-foreign", &error));
  g_assert_no_error (error);
  g_assert_true (delete_client_secret (store, "client-foreign", &error));
  g_assert_no_error (error);
  found = secret_tool_search ("xdg:schema", "io.github.paddockapp.Paddock.Token",
                              "account-id", "acct-foreign", NULL);
  g_assert_cmpuint (count_items (found), ==, 0);
  g_clear_pointer (&found, g_free);
  found = secret_tool_search ("xdg:schema", paddock_test_foreign_token_schema.name, NULL);
  g_assert_cmpuint (count_items (found), ==, 1);
  g_clear_pointer (&found, g_free);
  found = secret_tool_search ("xdg:schema", foreign_client_schema.name, NULL);
  g_assert_cmpuint (count_items (found), ==, 1);

  secret_password_clear_sync (&paddock_test_foreign_token_schema, NULL, &error, "account-id",
                              "acct-foreign", NULL);
  g_assert_no_error (error);
  secret_password_clear_sync (&foreign_client_schema, NULL, &error, "client-id",
                              "client-foreign", NULL);
  g_assert_no_error (error);
}

static void
test_client_secret (void)
{
  g_autoptr (PaddockTokenStore) store = paddock_token_store_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *secret = NULL;
  g_autofree char *found = NULL;
  g_autofree char *gone = NULL;

  g_assert_true (save_client_secret (store, "client-123", "shh-first", &error));
  g_assert_no_error (error);
  g_assert_true (save_client_secret (store, "client-123", "shh-second", &error));
  g_assert_no_error (error);
  g_assert_true (save_client_secret (store, "client-456", "shh-other", &error));
  g_assert_no_error (error);

  found = secret_tool_search ("client-id", "client-123", NULL);
  g_assert_cmpuint (count_items (found), ==, 1);
  g_assert_nonnull (strstr (found, "label = Paddock OAuth client secret for client-123\n"));

  secret = load_client_secret (store, "client-123", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (secret, ==, "shh-second");
  g_clear_pointer (&secret, g_free);

  /* client secrets are not sign-ins */
  {
    g_autoptr (GListModel) model = paddock_test_token_list (store, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
  }

  g_assert_true (delete_client_secret (store, "client-123", &error));
  g_assert_no_error (error);
  gone = secret_tool_search ("client-id", "client-123", NULL);
  g_assert_cmpuint (count_items (gone), ==, 0);

  secret = load_client_secret (store, "client-123", &error);
  g_assert_null (secret);
  g_assert_error (error, PADDOCK_ERROR, PADDOCK_ERROR_NOT_FOUND);
  g_clear_error (&error);

  secret = load_client_secret (store, "client-456", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (secret, ==, "shh-other");

  g_assert_true (delete_client_secret (store, "client-456", &error));
  g_assert_no_error (error);
  g_assert_true (delete_client_secret (store, "client-456", &error));
  g_assert_no_error (error);

  g_assert_false (save_client_secret (store, "", "x", &error));
  g_assert_error (error, PADDOCK_ERROR, PADDOCK_ERROR_INVALID_INPUT);
}

static gboolean
cancel_cb (gpointer user_data)
{
  g_cancellable_cancel (user_data);
  return G_SOURCE_REMOVE;
}

static void
test_cancelled (void)
{
  g_autoptr (PaddockTokenStore) store = paddock_token_store_new ();
  g_autoptr (PaddockCredentials) credentials =
    paddock_test_token_credentials (PADDOCK_ENVIRONMENT_PAPER, "acct-cancel", "C", "tok-cancel");
  g_autoptr (GError) error = NULL;

  /* cancelled before the call */
  {
    g_autoptr (GCancellable) cancellable = g_cancellable_new ();
    g_autoptr (PaddockCredentials) loaded = NULL;

    g_cancellable_cancel (cancellable);
    g_assert_false (paddock_test_token_save (store, credentials, cancellable, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_clear_error (&error);

    loaded = paddock_test_token_load (store, PADDOCK_ENVIRONMENT_PAPER, "acct-cancel", cancellable,
                                      &error);
    g_assert_null (loaded);
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_clear_error (&error);
  }

  /* cancelled while the keyring works on it */
  {
    g_autoptr (GCancellable) cancellable = g_cancellable_new ();
    g_autoptr (PaddockCredentials) loaded = NULL;
    g_auto (PaddockTestAsync) result = { 0, };

    paddock_token_store_load_async (store, PADDOCK_ENVIRONMENT_PAPER, "acct-cancel", cancellable,
                                    paddock_test_async_cb, &result);
    g_idle_add_full (G_PRIORITY_HIGH, cancel_cb, g_object_ref (cancellable), g_object_unref);
    loaded = paddock_token_store_load_finish (store, paddock_test_async_wait (&result), &error);
    g_assert_null (loaded);
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_clear_error (&error);
  }

  /* the store still works afterwards */
  g_assert_true (paddock_test_token_save (store, credentials, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (
    paddock_test_token_delete (store, PADDOCK_ENVIRONMENT_PAPER, "acct-cancel", &error));
  g_assert_no_error (error);
}

/* Tests with a keyring the test locks */

static void
lock_login_collection (void)
{
  g_autoptr (GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  g_autoptr (GVariant) reply = NULL;
  g_autoptr (GError) error = NULL;
  const char *paths[] = { "/org/freedesktop/secrets/collection/login" };

  reply = g_dbus_connection_call_sync (bus, "org.freedesktop.secrets",
                                       "/org/freedesktop/secrets",
                                       "org.freedesktop.Secret.Service", "Lock",
                                       g_variant_new ("(@ao)",
                                                      g_variant_new_objv (paths, 1)),
                                       G_VARIANT_TYPE ("(aoo)"), G_DBUS_CALL_FLAGS_NONE, 5000,
                                       NULL, &error);
  g_assert_no_error (error);
}

static void
test_locked (void)
{
  g_autoptr (PaddockTokenStore) store = paddock_token_store_new ();
  g_autoptr (PaddockCredentials) stored =
    paddock_test_token_credentials (PADDOCK_ENVIRONMENT_PAPER, "acct-locked", "PL1", "tok-locked");
  g_autoptr (PaddockCredentials) other =
    paddock_test_token_credentials (PADDOCK_ENVIRONMENT_PAPER, "acct-new", "PL2", "tok-new");
  g_autoptr (PaddockCredentials) loaded = NULL;
  g_autoptr (GListModel) model = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *secret = NULL;
  gint64 start;

  g_assert_true (paddock_test_token_save (store, stored, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (save_client_secret (store, "client-locked", "shh", &error));
  g_assert_no_error (error);

  lock_login_collection ();

  /* An unlock prompt cannot appear without a display, so each call fails at once; were a
   * prompt waiting on a screen, the timeout would end it with the same message. */
  paddock_token_store_set_timeout (store, 3000);
  start = g_get_monotonic_time ();

  loaded = paddock_test_token_load (store, PADDOCK_ENVIRONMENT_PAPER, "acct-locked", NULL, &error);
  g_assert_null (loaded);
  assert_locked_error (error);
  g_clear_error (&error);

  g_assert_false (paddock_test_token_save (store, other, NULL, &error));
  assert_locked_error (error);
  g_clear_error (&error);

  secret = load_client_secret (store, "client-locked", &error);
  g_assert_null (secret);
  assert_locked_error (error);
  g_clear_error (&error);

  /* listing reads no secret, so it works on a locked keyring */
  model = paddock_test_token_list (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);

  /* signing out of a locked keyring must not claim success while the token stays */
  g_assert_false (
    paddock_test_token_delete (store, PADDOCK_ENVIRONMENT_PAPER, "acct-locked", &error));
  assert_locked_error (error);
  g_clear_error (&error);

  g_assert_cmpint (g_get_monotonic_time () - start, <, 4 * 3 * G_USEC_PER_SEC);
}

/* The unlock prompt shown and dismissed: a real gnome-keyring-daemon shows gcr-prompter's
 * "Unlock Login Keyring" window on the test's X server (xvfb-run outside keyring-env.sh,
 * so that the bus hands DISPLAY to the prompter), and xdotool presses Escape in it. The
 * load ends at once with the locked error instead of waiting for the store's timeout. */
static void
test_prompt_dismissed (void)
{
  g_autoptr (PaddockTokenStore) store = paddock_token_store_new ();
  g_autoptr (PaddockCredentials) stored =
    paddock_test_token_credentials (PADDOCK_ENVIRONMENT_PAPER, "acct-dismissed", "PD1",
                                    "tok-dismissed");
  g_autoptr (PaddockCredentials) loaded = NULL;
  g_autoptr (GSubprocess) dismisser = NULL;
  g_autoptr (GError) error = NULL;
  g_auto (PaddockTestAsync) result = { 0, };
  gint64 start;

  g_assert_true (paddock_test_token_save (store, stored, NULL, &error));
  g_assert_no_error (error);
  lock_login_collection ();

  /* waits for the prompt (15 s at most), gives it the keyboard, presses Escape */
  dismisser = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, &error, "sh", "-c",
                                "w=$(timeout 15 xdotool search --sync --name "
                                "'Unlock Login Keyring' | head -n 1) && [ -n \"$w\" ] && "
                                "xdotool windowfocus --sync \"$w\" && sleep 0.5 && "
                                "xdotool key Escape", NULL);
  g_assert_no_error (error);

  paddock_token_store_set_timeout (store, 60000);
  start = g_get_monotonic_time ();
  paddock_token_store_load_async (store, PADDOCK_ENVIRONMENT_PAPER, "acct-dismissed", NULL,
                                  paddock_test_async_cb, &result);
  loaded = paddock_token_store_load_finish (store, paddock_test_async_wait (&result), &error);
  g_test_message ("the load ended %" G_GINT64_FORMAT " ms after it began",
                  (g_get_monotonic_time () - start) / 1000);
  g_assert_null (loaded);
  assert_locked_error (error);

  /* the prompt was there and was dismissed (not timed out, not failed to open) */
  g_assert_true (g_subprocess_wait_check (dismisser, NULL, NULL));
  g_assert_cmpint (g_get_monotonic_time () - start, <, 30 * G_USEC_PER_SEC);
}

/* Tests without a Secret Service */

static void
collect_entries (const char *path,
                 GPtrArray  *entries,
                 GPtrArray  *files)
{
  g_autoptr (GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir == NULL)
    return;
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      g_ptr_array_add (entries, g_strdup (child));
      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        collect_entries (child, entries, files);
      else
        g_ptr_array_add (files, g_strdup (child));
    }
}

static int
compare_paths (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char *const *)a, *(const char *const *)b);
}

static GPtrArray *
walk_home (GPtrArray **files_out)
{
  const char *roots[] = { "HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME",
                          "XDG_STATE_HOME", "XDG_RUNTIME_DIR" };
  GPtrArray *entries = g_ptr_array_new_with_free_func (g_free);
  GPtrArray *files = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < G_N_ELEMENTS (roots); i++)
    {
      const char *root = g_getenv (roots[i]);

      g_assert_nonnull (root);
      collect_entries (root, entries, files);
    }
  g_ptr_array_sort (entries, compare_paths);
  *files_out = files;
  return entries;
}

static gboolean
bus_knows_secret_service (gboolean *activatable)
{
  g_autoptr (GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  g_autoptr (GVariant) names = NULL;
  g_autoptr (GVariant) has_owner = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree const char **strv = NULL;
  gboolean owned;

  names = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "ListActivatableNames", NULL,
                                       G_VARIANT_TYPE ("(as)"), G_DBUS_CALL_FLAGS_NONE, 5000,
                                       NULL, &error);
  g_assert_no_error (error);
  {
    g_autoptr (GVariant) list_v = g_variant_get_child_value (names, 0);

    strv = g_variant_get_strv (list_v, NULL);
    *activatable = g_strv_contains (strv, "org.freedesktop.secrets");
  }

  has_owner = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                           "org.freedesktop.DBus", "NameHasOwner",
                                           g_variant_new ("(s)", "org.freedesktop.secrets"),
                                           G_VARIANT_TYPE ("(b)"), G_DBUS_CALL_FLAGS_NONE, 5000,
                                           NULL, &error);
  g_assert_no_error (error);
  g_variant_get (has_owner, "(b)", &owned);
  return owned;
}

static void
assert_no_service_quickly (PaddockTokenStore *store)
{
  g_autoptr (PaddockCredentials) credentials =
    paddock_test_token_credentials (PADDOCK_ENVIRONMENT_PAPER, "acct-none", "N", "tok-none");
  g_autoptr (PaddockCredentials) loaded = NULL;
  g_autoptr (GListModel) model = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *secret = NULL;
  gint64 start;

#define TIMED(call)                                                                 \
  G_STMT_START {                                                                   \
    start = g_get_monotonic_time ();                                               \
    call;                                                                          \
    g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);      \
    assert_keyring_error (error, PADDOCK_ERROR_KEYRING_UNAVAILABLE, NO_SERVICE_MESSAGE); \
    g_clear_error (&error);                                                        \
  } G_STMT_END

  TIMED (g_assert_false (paddock_test_token_save (store, credentials, NULL, &error)));
  TIMED (model = paddock_test_token_list (store, &error); g_assert_null (model));
  TIMED (loaded =
           paddock_test_token_load (store, PADDOCK_ENVIRONMENT_PAPER, "acct-none", NULL, &error);
         g_assert_null (loaded));
  TIMED (g_assert_false (
    paddock_test_token_delete (store, PADDOCK_ENVIRONMENT_PAPER, "acct-none", &error)));
  TIMED (g_assert_false (save_client_secret (store, "client-none", "shh", &error)));
  TIMED (secret = load_client_secret (store, "client-none", &error); g_assert_null (secret));
  TIMED (g_assert_false (delete_client_secret (store, "client-none", &error)));
#undef TIMED
}

static void
test_no_service (void)
{
  g_autoptr (PaddockTokenStore) store = paddock_token_store_new ();
  g_autoptr (GPtrArray) files_before = NULL;
  g_autoptr (GPtrArray) files_after = NULL;
  g_autoptr (GPtrArray) before = walk_home (&files_before);
  g_autoptr (GPtrArray) after = NULL;
  gboolean activatable = TRUE;

  g_assert_false (bus_knows_secret_service (&activatable));
  g_assert_false (activatable);

  assert_no_service_quickly (store);

  /* nothing got activated, and nothing was written anywhere instead */
  g_assert_false (bus_knows_secret_service (&activatable));
  g_assert_false (activatable);
  after = walk_home (&files_after);
  for (guint i = 0; i < files_after->len; i++)
    g_test_message ("unexpected file: %s", (char *)files_after->pdata[i]);
  g_assert_cmpuint (files_after->len, ==, 0);
  g_assert_cmpuint (after->len, ==, before->len);
  for (guint i = 0; i < after->len; i++)
    g_assert_cmpstr (after->pdata[i], ==, before->pdata[i]);
}

static void
test_no_bus (gconstpointer data)
{
  const char *address = data;

  if (g_test_subprocess ())
    {
      g_autoptr (PaddockTokenStore) store = paddock_token_store_new ();

      /* without an address GLib would fall back to X11 autolaunch, which fails at once
       * without a DISPLAY: "Cannot autolaunch D-Bus without X11 $DISPLAY" */
      if (address == NULL)
        g_unsetenv ("DBUS_SESSION_BUS_ADDRESS");
      else
        g_setenv ("DBUS_SESSION_BUS_ADDRESS", address, TRUE);
      g_unsetenv ("DISPLAY");
      assert_no_service_quickly (store);
      return;
    }

  g_test_trap_subprocess (NULL, 30 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

static GDBusMessage *
drop_method_calls_cb (GDBusConnection *connection,
                      GDBusMessage    *message,
                      gboolean         incoming,
                      gpointer         user_data)
{
  if (incoming && g_dbus_message_get_message_type (message) == G_DBUS_MESSAGE_TYPE_METHOD_CALL)
    {
      g_object_unref (message);
      return NULL;
    }
  return message;
}

static void
test_hung_service (void)
{
  g_autoptr (PaddockTokenStore) store = paddock_token_store_new ();
  g_autoptr (GDBusConnection) hung = NULL;
  g_autoptr (PaddockCredentials) loaded = NULL;
  g_autoptr (GVariant) reply = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *address = NULL;
  gint64 start, elapsed;
  guint32 result = 0;

  /* a Secret Service that takes calls and never answers, like one behind a prompt that
   * nobody can see */
  address = g_dbus_address_get_for_bus_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_assert_no_error (error);
  hung = g_dbus_connection_new_for_address_sync (address,
                                                 G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                                                 G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                                 NULL, NULL, &error);
  g_assert_no_error (error);
  g_dbus_connection_add_filter (hung, drop_method_calls_cb, NULL, NULL);
  reply = g_dbus_connection_call_sync (hung, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "RequestName",
                                       g_variant_new ("(su)", "org.freedesktop.secrets", 4),
                                       G_VARIANT_TYPE ("(u)"), G_DBUS_CALL_FLAGS_NONE, 5000,
                                       NULL, &error);
  g_assert_no_error (error);
  g_variant_get (reply, "(u)", &result);
  g_assert_cmpuint (result, ==, 1); /* primary owner */

  paddock_token_store_set_timeout (store, 500);
  g_assert_cmpuint (paddock_token_store_get_timeout (store), ==, 500);
  start = g_get_monotonic_time ();
  loaded = paddock_test_token_load (store, PADDOCK_ENVIRONMENT_PAPER, "acct-hung", NULL, &error);
  elapsed = g_get_monotonic_time () - start;
  g_assert_null (loaded);
  assert_locked_error (error);
  g_assert_cmpint (elapsed, >=, 400 * 1000);
  g_assert_cmpint (elapsed, <, 5 * G_USEC_PER_SEC);

  g_dbus_connection_close_sync (hung, NULL, NULL);
}

static void
test_needs_harness (void)
{
  g_test_skip ("Run through tests/keyring-env.sh: it never touches a real keyring");
}

int
main (int   argc,
      char *argv[])
{
  const char *env = g_getenv ("PADDOCK_KEYRING_ENV");
  gboolean locked = FALSE;
  gboolean dismissed = FALSE;

  g_test_init (&argc, &argv, NULL);

  for (int i = 1; i < argc; i++)
    {
      if (g_strcmp0 (argv[i], "locked") == 0)
        locked = TRUE;
      if (g_strcmp0 (argv[i], "dismissed") == 0)
        dismissed = TRUE;
    }

  if (g_strcmp0 (env, "keyring") == 0 && dismissed)
    {
      g_test_add_func ("/token-store/prompt-dismissed", test_prompt_dismissed);
    }
  else if (g_strcmp0 (env, "keyring") == 0 && locked)
    {
      g_test_add_func ("/token-store/locked", test_locked);
    }
  else if (g_strcmp0 (env, "keyring") == 0)
    {
      g_test_add_func ("/token-store/round-trip", test_round_trip);
      g_test_add_func ("/token-store/replace", test_replace);
      g_test_add_func ("/token-store/two-accounts", test_two_accounts);
      g_test_add_func ("/token-store/delete", test_delete);
      g_test_add_func ("/token-store/not-signed-in", test_not_signed_in);
      g_test_add_func ("/token-store/invalid-input", test_invalid_input);
      g_test_add_func ("/token-store/damaged", test_damaged);
      g_test_add_func ("/token-store/hostile-items", test_hostile_items);
      g_test_add_func ("/token-store/foreign-schema", test_foreign_schema);
      g_test_add_func ("/token-store/client-secret", test_client_secret);
      g_test_add_func ("/token-store/cancelled", test_cancelled);
    }
  else if (g_strcmp0 (env, "no-service") == 0)
    {
      g_test_add_func ("/token-store/no-service/bus-without-keyring", test_no_service);
      g_test_add_data_func ("/token-store/no-service/no-bus-socket",
                            "unix:path=/nonexistent/paddock-test-bus", test_no_bus);
      g_test_add_data_func ("/token-store/no-service/no-bus-address", NULL, test_no_bus);
      g_test_add_func ("/token-store/no-service/hung-service-times-out", test_hung_service);
    }
  else
    {
      g_test_add_func ("/token-store/needs-harness", test_needs_harness);
    }

  return g_test_run ();
}
