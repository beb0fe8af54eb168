/* test-endpoints.c: endpoints per environment and the authorize URL
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "paddock-endpoints.h"
#include "paddock-error.h"
#include "paddock-oauth-app.h"
#include "paddock-oauth-url.h"

static GStrv
env_of (const char *first_name,
        ...)
{
  GStrv envp = g_new0 (char *, 1);
  va_list args;

  va_start (args, first_name);
  for (const char *name = first_name; name != NULL; name = va_arg (args, const char *))
    envp = g_environ_setenv (envp, name, va_arg (args, const char *), TRUE);
  va_end (args);

  return envp;
}

static void
test_environment_strings (void)
{
  PaddockEnvironment env = PADDOCK_ENVIRONMENT_DEMO;
  g_autoptr (GEnumClass) klass = g_type_class_ref (PADDOCK_TYPE_ENVIRONMENT);

  g_assert_cmpstr (paddock_environment_to_string (PADDOCK_ENVIRONMENT_DEMO), ==, "demo");
  g_assert_cmpstr (paddock_environment_to_string (PADDOCK_ENVIRONMENT_PAPER), ==, "paper");
  g_assert_cmpstr (paddock_environment_to_string (PADDOCK_ENVIRONMENT_LIVE), ==, "live");

  g_assert_true (paddock_environment_from_string ("live", &env));
  g_assert_cmpint (env, ==, PADDOCK_ENVIRONMENT_LIVE);
  g_assert_true (paddock_environment_from_string ("paper", &env));
  g_assert_cmpint (env, ==, PADDOCK_ENVIRONMENT_PAPER);
  g_assert_true (paddock_environment_from_string ("demo", &env));
  g_assert_cmpint (env, ==, PADDOCK_ENVIRONMENT_DEMO);
  g_assert_true (paddock_environment_from_string ("live", NULL));

  env = PADDOCK_ENVIRONMENT_PAPER;
  g_assert_false (paddock_environment_from_string ("Live", &env));
  g_assert_false (paddock_environment_from_string ("", &env));
  g_assert_false (paddock_environment_from_string (NULL, &env));
  g_assert_cmpint (env, ==, PADDOCK_ENVIRONMENT_PAPER);

  g_assert_cmpstr (g_enum_get_value (klass, PADDOCK_ENVIRONMENT_LIVE)->value_nick, ==, "live");
}

static void
test_defaults (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PaddockEndpoints) paper =
    paddock_endpoints_new_from_environ (PADDOCK_ENVIRONMENT_PAPER, NULL, &error);
  g_autoptr (PaddockEndpoints) live = NULL;
  g_autofree char *trading_prop = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (paddock_endpoints_get_environment (paper), ==, PADDOCK_ENVIRONMENT_PAPER);
  g_assert_cmpstr (paddock_endpoints_get_authorize_url (paper), ==,
                   "https://app.alpaca.markets/oauth/authorize");
  g_assert_cmpstr (paddock_endpoints_get_token_url (paper), ==,
                   "https://api.alpaca.markets/oauth/token");
  g_assert_cmpstr (paddock_endpoints_get_live_url (paper), ==, "https://api.alpaca.markets");
  g_assert_cmpstr (paddock_endpoints_get_paper_url (paper), ==,
                   "https://paper-api.alpaca.markets");
  g_assert_cmpstr (paddock_endpoints_get_trading_url (paper), ==,
                   "https://paper-api.alpaca.markets");
  g_assert_cmpstr (paddock_endpoints_get_data_url (paper), ==, "https://data.alpaca.markets");
  g_assert_cmpstr (paddock_endpoints_get_polygon_url (paper), ==, "https://api.polygon.io");
  g_assert_cmpstr (paddock_endpoints_get_stream_url (paper), ==,
                   "wss://paper-api.alpaca.markets/stream");

  g_object_get (paper, "trading-url", &trading_prop, NULL);
  g_assert_cmpstr (trading_prop, ==, "https://paper-api.alpaca.markets");

  live = paddock_endpoints_new_from_environ (PADDOCK_ENVIRONMENT_LIVE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (paddock_endpoints_get_environment (live), ==, PADDOCK_ENVIRONMENT_LIVE);
  g_assert_cmpstr (paddock_endpoints_get_trading_url (live), ==, "https://api.alpaca.markets");
  g_assert_cmpstr (paddock_endpoints_get_token_url (live), ==,
                   "https://api.alpaca.markets/oauth/token");
  g_assert_cmpstr (paddock_endpoints_get_stream_url (live), ==,
                   "wss://api.alpaca.markets/stream");

  g_assert_finalize_object (g_steal_pointer (&paper));
  g_assert_finalize_object (g_steal_pointer (&live));
}

static void
test_overrides (void)
{
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) envp = env_of ("PADDOCK_AUTHORIZE_URL", "https://auth.example.org/o/authorize?x=1",
                                "PADDOCK_LIVE_URL", "https://live.example.org/",
                                "PADDOCK_PAPER_URL", "http://127.0.0.1:9000/paper",
                                "PADDOCK_DATA_URL", "http://localhost:9001",
                                "PADDOCK_POLYGON_URL", "http://[::1]:9002/poly/",
                                "UNRELATED", "x",
                                NULL);
  g_autoptr (PaddockEndpoints) e =
    paddock_endpoints_new_from_environ (PADDOCK_ENVIRONMENT_PAPER, (const char * const *) envp,
                                        &error);

  g_assert_no_error (error);
  g_assert_cmpstr (paddock_endpoints_get_authorize_url (e), ==,
                   "https://auth.example.org/o/authorize?x=1");
  g_assert_cmpstr (paddock_endpoints_get_live_url (e), ==, "https://live.example.org");
  g_assert_cmpstr (paddock_endpoints_get_token_url (e), ==,
                   "https://live.example.org/oauth/token");
  g_assert_cmpstr (paddock_endpoints_get_paper_url (e), ==, "http://127.0.0.1:9000/paper");
  g_assert_cmpstr (paddock_endpoints_get_trading_url (e), ==, "http://127.0.0.1:9000/paper");
  g_assert_cmpstr (paddock_endpoints_get_stream_url (e), ==,
                   "ws://127.0.0.1:9000/paper/stream");
  g_assert_cmpstr (paddock_endpoints_get_data_url (e), ==, "http://localhost:9001");
  g_assert_cmpstr (paddock_endpoints_get_polygon_url (e), ==, "http://[::1]:9002/poly");
}

static void
test_empty_override_is_unset (void)
{
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) envp = env_of ("PADDOCK_LIVE_URL", "", NULL);
  g_autoptr (PaddockEndpoints) e =
    paddock_endpoints_new_from_environ (PADDOCK_ENVIRONMENT_LIVE, (const char * const *) envp,
                                        &error);

  g_assert_no_error (error);
  g_assert_cmpstr (paddock_endpoints_get_live_url (e), ==, "https://api.alpaca.markets");
}

static void
test_process_environment (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (PaddockEndpoints) e = NULL;

      g_setenv ("PADDOCK_PAPER_URL", "http://127.0.0.1:1/p", TRUE);
      e = paddock_endpoints_new (PADDOCK_ENVIRONMENT_PAPER, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (paddock_endpoints_get_trading_url (e), ==, "http://127.0.0.1:1/p");
      return;
    }

  /* the subprocess alone changes its environment */
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

static void
test_join_url (void)
{
  const struct {
    const char *base;
    const char *path;
    const char *expected;
  } cases[] = {
    { "https://api.alpaca.markets", "/v2/account", "https://api.alpaca.markets/v2/account" },
    { "https://api.alpaca.markets", "v2/account", "https://api.alpaca.markets/v2/account" },
    { "https://api.alpaca.markets/", "/v2/account", "https://api.alpaca.markets/v2/account" },
    { "http://127.0.0.1:8080/paper", "/v2/account", "http://127.0.0.1:8080/paper/v2/account" },
    { "http://127.0.0.1:8080/paper/", "/v2/orders?status=all",
      "http://127.0.0.1:8080/paper/v2/orders?status=all" },
    { "http://127.0.0.1:8080/a/b", "c", "http://127.0.0.1:8080/a/b/c" },
    { "http://127.0.0.1:8080/paper", "", "http://127.0.0.1:8080/paper" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *joined = paddock_endpoints_join_url (cases[i].base, cases[i].path);

      g_assert_cmpstr (joined, ==, cases[i].expected);
    }
}

static void
assert_url_refused (const char *variable,
                    const char *value,
                    const char *message_part)
{
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) envp = env_of (variable, value, NULL);
  g_autoptr (PaddockEndpoints) e =
    paddock_endpoints_new_from_environ (PADDOCK_ENVIRONMENT_PAPER, (const char * const *) envp,
                                        &error);

  g_test_message ("%s=%s", variable, value);
  g_assert_null (e);
  g_assert_error (error, PADDOCK_ERROR, PADDOCK_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, variable));
  g_assert_nonnull (strstr (error->message, message_part));
}

static void
assert_url_accepted (const char *variable,
                     const char *value)
{
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) envp = env_of (variable, value, NULL);
  g_autoptr (PaddockEndpoints) e =
    paddock_endpoints_new_from_environ (PADDOCK_ENVIRONMENT_PAPER, (const char * const *) envp,
                                        &error);

  g_test_message ("%s=%s", variable, value);
  g_assert_no_error (error);
  g_assert_nonnull (e);
}

static void
test_http_refused (void)
{
  assert_url_refused ("PADDOCK_PAPER_URL", "http://example.com", "https://");
  assert_url_refused ("PADDOCK_LIVE_URL", "http://10.0.0.1:8080", "loopback");
  assert_url_refused ("PADDOCK_DATA_URL", "http://128.0.0.1/", "loopback");
  assert_url_refused ("PADDOCK_POLYGON_URL", "http://localhost.example.com/", "loopback");
  assert_url_refused ("PADDOCK_AUTHORIZE_URL", "http://app.alpaca.markets/oauth/authorize",
                      "https://");
  assert_url_refused ("PADDOCK_PAPER_URL", "ftp://127.0.0.1/", "https://");
  assert_url_refused ("PADDOCK_PAPER_URL", "ws://127.0.0.1/", "https://");
  assert_url_refused ("PADDOCK_PAPER_URL", "not a url", "not a valid URL");
  assert_url_refused ("PADDOCK_PAPER_URL", "/relative/path", "not a valid URL");
  assert_url_refused ("PADDOCK_PAPER_URL", "https:///no-host", "no host");

  assert_url_accepted ("PADDOCK_PAPER_URL", "http://127.0.0.2:8080/x");
  assert_url_accepted ("PADDOCK_PAPER_URL", "http://[::1]:1/");
  assert_url_accepted ("PADDOCK_PAPER_URL", "http://localhost:8080");
  assert_url_accepted ("PADDOCK_PAPER_URL", "http://LOCALHOST:8080");
  assert_url_accepted ("PADDOCK_PAPER_URL", "http://127.255.255.254");
  assert_url_accepted ("PADDOCK_PAPER_URL", "https://paper.example.org:8443/prefix");
}

static void
test_base_parts_refused (void)
{
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) envp = env_of ("PADDOCK_LIVE_URL", "https://user:hunter2@api.example.org", NULL);
  g_autoptr (PaddockEndpoints) e =
    paddock_endpoints_new_from_environ (PADDOCK_ENVIRONMENT_PAPER, (const char * const *) envp,
                                        &error);

  /* refused, and the password is not repeated in the message */
  g_assert_null (e);
  g_assert_error (error, PADDOCK_ERROR, PADDOCK_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, "PADDOCK_LIVE_URL"));
  g_assert_null (strstr (error->message, "hunter2"));

  assert_url_refused ("PADDOCK_PAPER_URL", "https://user@paper.example.org", "user name");
  assert_url_refused ("PADDOCK_PAPER_URL", "https://paper.example.org/?a=b", "query");
  assert_url_refused ("PADDOCK_DATA_URL", "https://data.example.org/v2?", "query");
  assert_url_refused ("PADDOCK_PAPER_URL", "https://paper.example.org/#top", "fragment");
  assert_url_refused ("PADDOCK_AUTHORIZE_URL", "https://app.example.org/oauth/authorize#x",
                      "fragment");
  /* the authorize endpoint is a full URL and may have a query */
  assert_url_accepted ("PADDOCK_AUTHORIZE_URL", "https://app.example.org/oauth/authorize?a=b");
}

static void
test_demo_needs_sandbox (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PaddockEndpoints) e =
    paddock_endpoints_new_from_environ (PADDOCK_ENVIRONMENT_DEMO, NULL, &error);

  g_assert_null (e);
  g_assert_error (error, PADDOCK_ERROR, PADDOCK_ERROR_INVALID_INPUT);
}

static void
test_sandbox_json (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PaddockOAuthApp) app = NULL;
  g_autoptr (PaddockEndpoints) e = paddock_endpoints_new_from_sandbox_json (
    "{\"authorize_url\":\"http://127.0.0.1:4321/oauth/authorize\","
    "\"live_url\":\"http://127.0.0.1:4321/live\","
    "\"paper_url\":\"http://127.0.0.1:4321/paper\","
    "\"data_url\":\"http://127.0.0.1:4321/data\","
    "\"polygon_url\":\"http://127.0.0.1:4321/polygon\","
    "\"client_id\":\"demo-client\",\"client_secret\":\"demo-secret\"}", &app, &error);

  g_assert_no_error (error);
  g_assert_cmpint (paddock_endpoints_get_environment (e), ==, PADDOCK_ENVIRONMENT_DEMO);
  g_assert_cmpstr (paddock_endpoints_get_authorize_url (e), ==,
                   "http://127.0.0.1:4321/oauth/authorize");
  g_assert_cmpstr (paddock_endpoints_get_token_url (e), ==,
                   "http://127.0.0.1:4321/live/oauth/token");
  g_assert_cmpstr (paddock_endpoints_get_trading_url (e), ==, "http://127.0.0.1:4321/paper");
  g_assert_cmpstr (paddock_endpoints_get_stream_url (e), ==,
                   "ws://127.0.0.1:4321/paper/stream");
  g_assert_cmpstr (paddock_endpoints_get_data_url (e), ==, "http://127.0.0.1:4321/data");
  g_assert_cmpstr (paddock_endpoints_get_polygon_url (e), ==, "http://127.0.0.1:4321/polygon");
  g_assert_cmpstr (paddock_oauth_app_get_client_id (app), ==, "demo-client");
  g_assert_cmpstr (paddock_oauth_app_get_client_secret (app), ==, "demo-secret");
  g_assert_cmpint (paddock_oauth_app_get_id_source (app), ==, PADDOCK_OAUTH_APP_SOURCE_GIVEN);
}

static void
test_sandbox_json_malformed (void)
{
  const char *bad[] = {
    "not json",
    "[]",
    "{\"authorize_url\":\"http://127.0.0.1:1/oauth/authorize\"}",
    "{\"authorize_url\":\"http://127.0.0.1:1/a\",\"live_url\":1,\"paper_url\":\"http://127.0.0.1:1/p\","
    "\"data_url\":\"http://127.0.0.1:1/d\",\"polygon_url\":\"http://127.0.0.1:1/x\","
    "\"client_id\":\"c\"}",
  };
  g_autoptr (GError) error = NULL;
  g_autoptr (PaddockEndpoints) remote = NULL;

  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (GError) local_error = NULL;
      g_autoptr (PaddockEndpoints) e = paddock_endpoints_new_from_sandbox_json (bad[i], NULL,
                                                                                &local_error);

      g_assert_null (e);
      g_assert_error (local_error, PADDOCK_ERROR, PADDOCK_ERROR_PROTOCOL);
    }

  /* a sandbox is on loopback: anything else is refused like an override */
  remote = paddock_endpoints_new_from_sandbox_json (
    "{\"authorize_url\":\"http://127.0.0.1:1/a\",\"live_url\":\"http://127.0.0.1:1/l\","
    "\"paper_url\":\"http://192.0.2.1:1/p\",\"data_url\":\"http://127.0.0.1:1/d\","
    "\"polygon_url\":\"http://127.0.0.1:1/x\",\"client_id\":\"c\",\"client_secret\":null}",
    NULL, &error);
  g_assert_null (remote);
  g_assert_error (error, PADDOCK_ERROR, PADDOCK_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, "paper_url"));
}

static PaddockEndpoints *
endpoints_with (const char *authorize_url)
{
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) envp = env_of ("PADDOCK_AUTHORIZE_URL", authorize_url, NULL);
  PaddockEndpoints *e =
    paddock_endpoints_new_from_environ (PADDOCK_ENVIRONMENT_PAPER, (const char * const *) envp,
                                        &error);

  g_assert_no_error (error);
  return e;
}

static void
test_authorize_url (void)
{
  const char *scopes[] = { "account:write", "trading", "data", NULL };
  g_autoptr (GError) error = NULL;
  g_autoptr (PaddockEndpoints) e = endpoints_with (PADDOCK_DEFAULT_AUTHORIZE_URL);
  g_autofree char *url = paddock_oauth_build_authorize_url (
    e, "fc9c55ef", "http://127.0.0.1:48721/callback", "st-ate_123", scopes, PADDOCK_ENVIRONMENT_PAPER,
    "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM", &error);
  g_autofree char *live = paddock_oauth_build_authorize_url (
    e, "fc9c55ef", "http://127.0.0.1:48725/callback", "s", scopes + 2, PADDOCK_ENVIRONMENT_LIVE, "c", &error);

  g_assert_no_error (error);
  g_assert_cmpstr (url, ==,
                   "https://app.alpaca.markets/oauth/authorize?response_type=code"
                   "&client_id=fc9c55ef"
                   "&redirect_uri=http%3A%2F%2F127.0.0.1%3A48721%2Fcallback"
                   "&state=st-ate_123"
                   "&scope=account:write%20trading%20data"
                   "&env=paper"
                   "&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
                   "&code_challenge_method=S256");
  g_assert_cmpstr (live, ==,
                   "https://app.alpaca.markets/oauth/authorize?response_type=code"
                   "&client_id=fc9c55ef"
                   "&redirect_uri=http%3A%2F%2F127.0.0.1%3A48725%2Fcallback"
                   "&state=s&scope=data&env=live&code_challenge=c&code_challenge_method=S256");
}

static void
test_authorize_url_encoding (void)
{
  const char *scopes[] = { "a b", "x&y=z", "ü", NULL };
  const char *none[] = { NULL };
  g_autoptr (GError) error = NULL;
  g_autoptr (PaddockEndpoints) e = endpoints_with ("https://auth.example.org/authorize?tenant=7");
  g_autoptr (PaddockEndpoints) demo = NULL;
  g_autofree char *url = paddock_oauth_build_authorize_url (
    e, "id with space&=+", "http://127.0.0.1:1/callback?x=1#f", "a+b/c=", scopes, PADDOCK_ENVIRONMENT_PAPER, "ch",
    &error);
  g_autofree char *no_scope = NULL;
  g_autofree char *demo_url = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (url, ==,
                   "https://auth.example.org/authorize?tenant=7&response_type=code"
                   "&client_id=id%20with%20space%26%3D%2B"
                   "&redirect_uri=http%3A%2F%2F127.0.0.1%3A1%2Fcallback%3Fx%3D1%23f"
                   "&state=a%2Bb%2Fc%3D"
                   "&scope=a%20b%20x%26y%3Dz%20%C3%BC"
                   "&env=paper&code_challenge=ch&code_challenge_method=S256");
  g_assert_null (strchr (url, '+'));

  /* no scopes: read-only access, and no empty scope parameter */
  no_scope = paddock_oauth_build_authorize_url (e, "id", "r", "s", none, PADDOCK_ENVIRONMENT_LIVE, "c",
                                                &error);
  g_assert_no_error (error);
  g_assert_null (strstr (no_scope, "scope="));

  demo = paddock_endpoints_new_for_sandbox ("http://127.0.0.1:5/oauth/authorize?",
                                            "http://127.0.0.1:5/live", "http://127.0.0.1:5/paper",
                                            "http://127.0.0.1:5/data",
                                            "http://127.0.0.1:5/polygon", &error);
  g_assert_no_error (error);
  demo_url = paddock_oauth_build_authorize_url (demo, "demo", "r", "s", NULL, PADDOCK_ENVIRONMENT_DEMO,
                                                "c", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (demo_url, ==,
                   "http://127.0.0.1:5/oauth/authorize?response_type=code&client_id=demo"
                   "&redirect_uri=r&state=s&env=paper&code_challenge=c"
                   "&code_challenge_method=S256");
}

static void
test_authorize_url_needs_client_id (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PaddockEndpoints) e = NULL;
  g_autofree char *url = NULL;

  e = endpoints_with (PADDOCK_DEFAULT_AUTHORIZE_URL);
  url = paddock_oauth_build_authorize_url (e, NULL, "r", "s", NULL, PADDOCK_ENVIRONMENT_PAPER, "c",
                                           &error);
  g_assert_null (url);
  g_assert_error (error, PADDOCK_ERROR, PADDOCK_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  url = paddock_oauth_build_authorize_url (e, "", "r", "s", NULL, PADDOCK_ENVIRONMENT_PAPER, "c",
                                           &error);
  g_assert_null (url);
  g_assert_error (error, PADDOCK_ERROR, PADDOCK_ERROR_INVALID_INPUT);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/endpoints/environment-strings", test_environment_strings);
  g_test_add_func ("/core/endpoints/defaults", test_defaults);
  g_test_add_func ("/core/endpoints/overrides", test_overrides);
  g_test_add_func ("/core/endpoints/empty-override-is-unset", test_empty_override_is_unset);
  g_test_add_func ("/core/endpoints/process-environment", test_process_environment);
  g_test_add_func ("/core/endpoints/join-url", test_join_url);
  g_test_add_func ("/core/endpoints/http-refused", test_http_refused);
  g_test_add_func ("/core/endpoints/base-parts-refused", test_base_parts_refused);
  g_test_add_func ("/core/endpoints/demo-needs-sandbox", test_demo_needs_sandbox);
  g_test_add_func ("/core/endpoints/sandbox-json", test_sandbox_json);
  g_test_add_func ("/core/endpoints/sandbox-json-malformed", test_sandbox_json_malformed);
  g_test_add_func ("/core/oauth-url/authorize-url", test_authorize_url);
  g_test_add_func ("/core/oauth-url/encoding", test_authorize_url_encoding);
  g_test_add_func ("/core/oauth-url/needs-client-id", test_authorize_url_needs_client_id);

  return g_test_run ();
}
