/* test-oauth-app.c: which OAuth app Paddock signs in as, and where each part came from:
 * PADDOCK_CLIENT_* > the settings and the keyring > the distributor's defaults. Runs
 * under tests/keyring-env.sh: a real keyring, or (no-service) none at all.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "paddock-error.h"
#include "paddock-oauth-app.h"
#include "paddock-settings.h"
#include "paddock-test-utils.h"

static gboolean
has_keyring (void)
{
  return g_strcmp0 (g_getenv ("PADDOCK_KEYRING_ENV"), "keyring") == 0;
}

static gboolean
has_distributor_app (void)
{
  return *PADDOCK_DEFAULT_CLIENT_ID != '\0' && *PADDOCK_DEFAULT_CLIENT_SECRET != '\0';
}

static PaddockOAuthApp *
lookup (GSettings          *settings,
        PaddockTokenStore  *store,
        GError            **error)
{
  g_auto (PaddockTestAsync) result = { 0, };

  paddock_oauth_app_lookup_async (settings, store, NULL, paddock_test_async_cb, &result);
  return paddock_oauth_app_lookup_finish (paddock_test_async_wait (&result), error);
}

static void
save_secret (PaddockTokenStore *store,
             const char        *client_id,
             const char        *secret)
{
  g_auto (PaddockTestAsync) result = { 0, };
  g_autoptr (GError) error = NULL;

  paddock_token_store_save_client_secret_async (store, client_id, secret, NULL,
                                                paddock_test_async_cb, &result);
  paddock_test_async_wait (&result);
  g_assert_true (paddock_token_store_save_client_secret_finish (store, result.result, &error));
  g_assert_no_error (error);
}

static void
clean_environment (void)
{
  g_unsetenv ("PADDOCK_CLIENT_ID");
  g_unsetenv ("PADDOCK_CLIENT_SECRET");
}

static void
test_given (void)
{
  g_autoptr (PaddockOAuthApp) app = paddock_oauth_app_new ("typed-id", "typed-secret");
  g_autoptr (PaddockOAuthApp) empty = paddock_oauth_app_new ("", NULL);

  g_assert_cmpstr (paddock_oauth_app_get_client_id (app), ==, "typed-id");
  g_assert_cmpstr (paddock_oauth_app_get_client_secret (app), ==, "typed-secret");
  g_assert_cmpint (paddock_oauth_app_get_id_source (app), ==, PADDOCK_OAUTH_APP_SOURCE_GIVEN);
  g_assert_cmpint (paddock_oauth_app_get_secret_source (app), ==, PADDOCK_OAUTH_APP_SOURCE_GIVEN);
  g_assert_true (paddock_oauth_app_is_complete (app));

  g_assert_null (paddock_oauth_app_get_client_id (empty));
  g_assert_null (paddock_oauth_app_get_client_secret (empty));
  g_assert_cmpint (paddock_oauth_app_get_id_source (empty), ==, PADDOCK_OAUTH_APP_SOURCE_NONE);
  g_assert_false (paddock_oauth_app_is_complete (empty));
}

/* The client ID: PADDOCK_CLIENT_ID > the settings > the distributor */
static void
test_client_id_precedence (void)
{
  g_autoptr (GSettings) settings = paddock_settings_new ();
  g_autoptr (PaddockOAuthApp) nothing = NULL;
  g_autoptr (PaddockOAuthApp) configured = NULL;
  g_autoptr (PaddockOAuthApp) from_env = NULL;
  g_autoptr (PaddockOAuthApp) empty_env = NULL;

  g_assert_nonnull (settings);
  clean_environment ();
  g_settings_reset (settings, "client-id");

  nothing = paddock_oauth_app_new_configured (settings);
  if (*PADDOCK_DEFAULT_CLIENT_ID != '\0')
    {
      g_assert_cmpstr (paddock_oauth_app_get_client_id (nothing), ==, PADDOCK_DEFAULT_CLIENT_ID);
      g_assert_cmpint (paddock_oauth_app_get_id_source (nothing), ==,
                       PADDOCK_OAUTH_APP_SOURCE_DISTRIBUTOR);
    }
  else
    {
      g_assert_null (paddock_oauth_app_get_client_id (nothing));
      g_assert_cmpint (paddock_oauth_app_get_id_source (nothing), ==,
                       PADDOCK_OAUTH_APP_SOURCE_NONE);
      g_assert_false (paddock_oauth_app_is_complete (nothing));
    }

  g_settings_set_string (settings, "client-id", "settings-id");
  configured = paddock_oauth_app_new_configured (settings);
  g_assert_cmpstr (paddock_oauth_app_get_client_id (configured), ==, "settings-id");
  g_assert_cmpint (paddock_oauth_app_get_id_source (configured), ==,
                   PADDOCK_OAUTH_APP_SOURCE_SETTINGS);
  /* the distributor's secret belongs to the distributor's client ID only */
  g_assert_null (paddock_oauth_app_get_client_secret (configured));

  g_setenv ("PADDOCK_CLIENT_ID", "env-id", TRUE);
  from_env = paddock_oauth_app_new_configured (settings);
  g_assert_cmpstr (paddock_oauth_app_get_client_id (from_env), ==, "env-id");
  g_assert_cmpint (paddock_oauth_app_get_id_source (from_env), ==,
                   PADDOCK_OAUTH_APP_SOURCE_ENVIRONMENT);

  /* an empty variable counts as unset */
  g_setenv ("PADDOCK_CLIENT_ID", "", TRUE);
  empty_env = paddock_oauth_app_new_configured (settings);
  g_assert_cmpstr (paddock_oauth_app_get_client_id (empty_env), ==, "settings-id");

  clean_environment ();
  g_settings_reset (settings, "client-id");
}

/* The client secret: PADDOCK_CLIENT_SECRET > the keyring (for the client ID in use) > the
 * distributor (for its own client ID) */
static void
test_secret_precedence (void)
{
  g_autoptr (GSettings) settings = paddock_settings_new ();
  g_autoptr (PaddockTokenStore) store = paddock_token_store_new ();
  g_autoptr (GError) error = NULL;

  clean_environment ();
  save_secret (store, "settings-id", "keyring-secret");
  g_settings_set_string (settings, "client-id", "settings-id");

  {
    g_autoptr (PaddockOAuthApp) app = lookup (settings, store, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (paddock_oauth_app_get_client_id (app), ==, "settings-id");
    g_assert_cmpstr (paddock_oauth_app_get_client_secret (app), ==, "keyring-secret");
    g_assert_cmpint (paddock_oauth_app_get_secret_source (app), ==,
                     PADDOCK_OAUTH_APP_SOURCE_KEYRING);
    g_assert_true (paddock_oauth_app_is_complete (app));
  }

  /* without the keyring, the same app has no secret */
  {
    g_autoptr (PaddockOAuthApp) app = lookup (settings, NULL, &error);

    g_assert_no_error (error);
    g_assert_null (paddock_oauth_app_get_client_secret (app));
    g_assert_false (paddock_oauth_app_is_complete (app));
  }

  /* the environment beats the keyring */
  g_setenv ("PADDOCK_CLIENT_SECRET", "env-secret", TRUE);
  {
    g_autoptr (PaddockOAuthApp) app = lookup (settings, store, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (paddock_oauth_app_get_client_secret (app), ==, "env-secret");
    g_assert_cmpint (paddock_oauth_app_get_secret_source (app), ==,
                     PADDOCK_OAUTH_APP_SOURCE_ENVIRONMENT);
  }
  clean_environment ();

  /* the keyring keeps secrets per client ID: another app has none, and the distributor's
   * secret is not its */
  g_settings_set_string (settings, "client-id", "other-id");
  {
    g_autoptr (PaddockOAuthApp) app = lookup (settings, store, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (paddock_oauth_app_get_client_id (app), ==, "other-id");
    g_assert_null (paddock_oauth_app_get_client_secret (app));
    g_assert_cmpint (paddock_oauth_app_get_secret_source (app), ==, PADDOCK_OAUTH_APP_SOURCE_NONE);
    g_assert_false (paddock_oauth_app_is_complete (app));
  }

  /* an ID from the environment finds its secret in the keyring too */
  g_setenv ("PADDOCK_CLIENT_ID", "settings-id", TRUE);
  {
    g_autoptr (PaddockOAuthApp) app = lookup (settings, store, &error);

    g_assert_no_error (error);
    g_assert_cmpint (paddock_oauth_app_get_id_source (app), ==,
                     PADDOCK_OAUTH_APP_SOURCE_ENVIRONMENT);
    g_assert_cmpstr (paddock_oauth_app_get_client_secret (app), ==, "keyring-secret");
  }
  clean_environment ();

  /* nothing configured: the distributor's app, with its own secret */
  g_settings_reset (settings, "client-id");
  if (has_distributor_app ())
    {
      g_autoptr (PaddockOAuthApp) app = lookup (settings, store, &error);

      g_assert_no_error (error);
      g_assert_cmpint (paddock_oauth_app_get_id_source (app), ==,
                       PADDOCK_OAUTH_APP_SOURCE_DISTRIBUTOR);
      g_assert_cmpint (paddock_oauth_app_get_secret_source (app), ==,
                       PADDOCK_OAUTH_APP_SOURCE_DISTRIBUTOR);
      g_assert_true (paddock_oauth_app_is_complete (app));
    }
}

/* No Secret Service: an app whose secret would come from the keyring fails with the
 * keyring's error; one whose secret comes from the environment needs no keyring. */
static void
test_no_keyring (void)
{
  g_autoptr (GSettings) settings = paddock_settings_new ();
  g_autoptr (PaddockTokenStore) store = paddock_token_store_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (PaddockOAuthApp) failed = NULL;
  g_autoptr (PaddockOAuthApp) app = NULL;

  clean_environment ();
  g_settings_set_string (settings, "client-id", "settings-id");
  failed = lookup (settings, store, &error);
  g_assert_null (failed);
  g_assert_nonnull (error);
  g_assert_true (error->domain == PADDOCK_ERROR);
  g_clear_error (&error);

  g_setenv ("PADDOCK_CLIENT_SECRET", "env-secret", TRUE);
  app = lookup (settings, store, &error);
  g_assert_no_error (error);
  g_assert_true (paddock_oauth_app_is_complete (app));
  g_assert_cmpint (paddock_oauth_app_get_secret_source (app), ==,
                   PADDOCK_OAUTH_APP_SOURCE_ENVIRONMENT);

  clean_environment ();
  g_settings_reset (settings, "client-id");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/oauth-app/given", test_given);
  g_test_add_func ("/core/oauth-app/client-id-precedence", test_client_id_precedence);
  /* the keyring's part runs where keyring-env.sh gave it a keyring, or none at all */
  if (has_keyring ())
    g_test_add_func ("/core/oauth-app/secret-precedence", test_secret_precedence);
  if (g_strcmp0 (g_getenv ("PADDOCK_KEYRING_ENV"), "no-service") == 0)
    g_test_add_func ("/core/oauth-app/no-keyring", test_no_keyring);

  return g_test_run ();
}
