/* test-sandbox-oauth.c: the sandbox's consent page, token endpoint and introspection
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Drives the authorization code grant like a browser would: GET the consent page, POST
 * its form, follow nothing, read the Location header.
 */
#include "config.h"

#include <string.h>

#include "paddock-sandbox-private.h"
#include "sandbox-fixture.h"

#define REDIRECT_URI "http://127.0.0.1:48721/callback"
#define OTHER_REDIRECT_URI "http://127.0.0.1:48722/callback"

/* RFC 7636 Appendix B */
#define VERIFIER "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"
#define CHALLENGE "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"

#define ALL_SCOPES "account:write trading data"

/* ---- helpers ------------------------------------------------------------------------ */

/* Appends name=value pairs (NULL-terminated, a NULL value skips the pair) as a query. */
static char *
build_query (const char *first_name,
             va_list     args)
{
  GString *out = g_string_new (NULL);

  for (const char *name = first_name; name != NULL; name = va_arg (args, const char *))
    {
      const char *value = va_arg (args, const char *);
      g_autofree char *escaped = NULL;

      if (value == NULL)
        continue;
      escaped = g_uri_escape_string (value, NULL, FALSE);
      if (out->len > 0)
        g_string_append_c (out, '&');
      g_string_append_printf (out, "%s=%s", name, escaped);
    }

  return g_string_free (out, FALSE);
}

static TestReply *
get_authorize (SandboxFixture *f,
               const char     *first_name,
               ...)
{
  g_autofree char *query = NULL;
  g_autofree char *url = NULL;
  va_list args;

  va_start (args, first_name);
  query = build_query (first_name, args);
  va_end (args);
  url = g_strdup_printf ("root:/oauth/authorize?%s", query);

  return test_request_full (f, "GET", url, NULL, NULL, NULL, FALSE);
}

static TestReply *
post_form (SandboxFixture *f,
           const char     *url,
           const char     *first_name,
           ...)
{
  g_autofree char *body = NULL;
  va_list args;

  va_start (args, first_name);
  body = build_query (first_name, args);
  va_end (args);

  return test_request_full (f, "POST", url, NULL, "application/x-www-form-urlencoded", body,
                            FALSE);
}

static char *
reply_text (TestReply *reply)
{
  gsize len = 0;
  const char *data = g_bytes_get_data (reply->body, &len);

  return g_strndup (data ? data : "", len);
}

/* The hidden pending-request id of the consent page's form */
static char *
consent_request_id (TestReply *reply)
{
  g_autofree char *html = reply_text (reply);
  const char *marker = "name=\"request_id\" value=\"";
  const char *start = strstr (html, marker);
  const char *end;

  g_assert_nonnull (start);
  start += strlen (marker);
  end = strchr (start, '"');
  g_assert_nonnull (end);
  g_assert_cmpint (end - start, >, 16);

  return g_strndup (start, (gsize) (end - start));
}

/* The decoded query of a redirect's Location, which must start with redirect_uri? */
static GHashTable *
location_params (TestReply  *reply,
                 const char *redirect_uri)
{
  const char *location;
  g_autoptr (GError) error = NULL;
  GHashTable *params;

  g_assert_no_error (reply->error);
  g_assert_cmpuint (reply->status, ==, 302);
  location = test_reply_header (reply, "Location");
  g_assert_nonnull (location);
  g_assert_true (g_str_has_prefix (location, redirect_uri));
  g_assert_cmpint (location[strlen (redirect_uri)], ==, '?');
  /* a browser would choke on raw specials: everything is percent-encoded */
  g_assert_null (strpbrk (location, " <>\"'"));

  params = g_uri_parse_params (location + strlen (redirect_uri) + 1, -1, "&",
                               G_URI_PARAMS_NONE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (params);

  return params;
}

static void
assert_html_error_page (TestReply *reply)
{
  g_autofree char *html = NULL;

  g_assert_no_error (reply->error);
  g_assert_cmpuint (reply->status, ==, 400);
  g_assert_null (test_reply_header (reply, "Location"));
  g_assert_true (g_str_has_prefix (test_reply_header (reply, "Content-Type"), "text/html"));
  html = reply_text (reply);
  g_assert_nonnull (strstr (html, "Paddock sandbox"));
  g_assert_nonnull (strstr (html, "not Alpaca"));
}

/* Asserts a redirect to redirect_uri carrying error (and the state, when given). */
static void
assert_redirect_error (TestReply  *reply,
                       const char *redirect_uri,
                       const char *error,
                       const char *state)
{
  g_autoptr (GHashTable) params = location_params (reply, redirect_uri);

  g_assert_cmpstr (g_hash_table_lookup (params, "error"), ==, error);
  g_assert_nonnull (g_hash_table_lookup (params, "error_description"));
  g_assert_null (g_hash_table_lookup (params, "code"));
  g_assert_cmpstr (g_hash_table_lookup (params, "state"), ==, state);
}

/* Like a browser: consent page, then the form with decision=approve|deny. Returns the
 * parameters of the redirect back to the client. */
static GHashTable *
run_consent (SandboxFixture *f,
             const char     *scope,
             const char     *env,
             const char     *state,
             const char     *challenge,
             const char     *decision)
{
  g_autoptr (TestReply) page = NULL;
  g_autoptr (TestReply) answer = NULL;
  g_autofree char *request_id = NULL;

  page = get_authorize (f,
                        "response_type", "code",
                        "client_id", SANDBOX_DEMO_CLIENT_ID,
                        "redirect_uri", REDIRECT_URI,
                        "state", state,
                        "scope", scope,
                        "env", env,
                        "code_challenge", challenge,
                        "code_challenge_method", challenge ? "S256" : NULL,
                        NULL);
  g_assert_no_error (page->error);
  g_assert_cmpuint (page->status, ==, 200);
  request_id = consent_request_id (page);

  answer = post_form (f, "root:/oauth/authorize",
                      "request_id", request_id,
                      "decision", decision,
                      NULL);

  return location_params (answer, REDIRECT_URI);
}

/* Approves and returns the code; checks the state came back unchanged. */
static char *
approve (SandboxFixture *f,
         const char     *scope,
         const char     *env,
         const char     *challenge)
{
  const char *state = "st-4b1d9e";
  g_autoptr (GHashTable) params = run_consent (f, scope, env, state, challenge, "approve");

  g_assert_cmpstr (g_hash_table_lookup (params, "state"), ==, state);
  g_assert_null (g_hash_table_lookup (params, "error"));
  g_assert_nonnull (g_hash_table_lookup (params, "code"));

  return g_strdup (g_hash_table_lookup (params, "code"));
}

static TestReply *
exchange (SandboxFixture *f,
          const char     *code,
          const char     *verifier)
{
  return post_form (f, "live:/oauth/token",
                    "grant_type", "authorization_code",
                    "code", code,
                    "client_id", SANDBOX_DEMO_CLIENT_ID,
                    "client_secret", paddock_sandbox_get_client_secret (f->sandbox),
                    "redirect_uri", REDIRECT_URI,
                    "code_verifier", verifier,
                    NULL);
}

/* Asserts an RFC 6749 §5.2 error body */
static void
assert_token_error (TestReply  *reply,
                    guint       status,
                    const char *error)
{
  JsonObject *obj;

  g_assert_no_error (reply->error);
  g_assert_cmpuint (reply->status, ==, status);
  g_assert_true (g_str_has_prefix (test_reply_header (reply, "Content-Type"),
                                   "application/json"));
  g_assert_cmpstr (test_reply_header (reply, "Cache-Control"), ==, "no-store");
  obj = test_reply_object (reply);
  g_assert_cmpstr (json_object_get_string_member_with_default (obj, "error", NULL), ==, error);
  g_assert_nonnull (json_object_get_string_member_with_default (obj, "error_description", NULL));
  g_assert_false (json_object_has_member (obj, "access_token"));
}

/* Exchanges and returns the access token, checking the success reply. */
static char *
exchange_ok (SandboxFixture *f,
             const char     *code,
             const char     *verifier,
             const char     *expected_scope)
{
  g_autoptr (TestReply) reply = exchange (f, code, verifier);
  g_autoptr (GError) error = NULL;
  g_autoptr (GUri) uri = NULL;
  JsonObject *obj;
  const char *token;

  g_assert_no_error (reply->error);
  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_cmpstr (test_reply_header (reply, "Cache-Control"), ==, "no-store");
  obj = test_reply_object (reply);
  g_assert_cmpuint (json_object_get_size (obj), ==, 3);
  g_assert_cmpstr (json_object_get_string_member (obj, "token_type"), ==, "bearer");
  g_assert_cmpstr (json_object_get_string_member (obj, "scope"), ==, expected_scope);
  token = json_object_get_string_member (obj, "access_token");
  g_assert_nonnull (token);
  /* UUID-shaped, as Alpaca's */
  g_assert_cmpuint (strlen (token), ==, 36);
  g_assert_true (token[8] == '-' && token[13] == '-' && token[18] == '-' && token[23] == '-');

  return g_strdup (token);
}

typedef struct
{
  PaddockSandbox *sandbox;
  const char *access_token;
  gboolean found;
  gboolean revoked;
  guint scopes;
  SandboxEnv env;
  char *client_id;
  char *key_id;
  gint64 seconds;
} TokenProbe;

static gboolean
probe_token_cb (gpointer data)
{
  TokenProbe *probe = data;
  SandboxToken *token = _sandbox_lookup_token (probe->sandbox, probe->access_token);

  probe->found = token != NULL;
  if (token != NULL)
    {
      probe->revoked = token->revoked;
      probe->scopes = token->scopes;
      probe->env = token->env;
      probe->client_id = g_strdup (token->client_id);
      probe->key_id = g_strdup (token->key_id);
    }
  return G_SOURCE_REMOVE;
}

static void
probe_token (SandboxFixture *f,
             const char     *access_token,
             TokenProbe     *probe)
{
  *probe = (TokenProbe) { .sandbox = f->sandbox, .access_token = access_token };
  _sandbox_run_sync (f->sandbox, probe_token_cb, probe);
}

static void
token_probe_clear (TokenProbe *probe)
{
  g_clear_pointer (&probe->client_id, g_free);
  g_clear_pointer (&probe->key_id, g_free);
}

static gboolean
age_codes_cb (gpointer data)
{
  TokenProbe *probe = data;

  _sandbox_oauth_age_codes (probe->sandbox, probe->seconds);
  return G_SOURCE_REMOVE;
}

static void
age_codes (SandboxFixture *f,
           gint64          seconds)
{
  TokenProbe probe = { .sandbox = f->sandbox, .seconds = seconds };

  _sandbox_run_sync (f->sandbox, age_codes_cb, &probe);
}

static gboolean
add_other_client_cb (gpointer data)
{
  const char * const uris[] = { REDIRECT_URI, NULL };

  _sandbox_oauth_add_client (data, "other-app", "Someone Else's App", "other-secret", uris);
  return G_SOURCE_REMOVE;
}

static TestReply *
introspect (SandboxFixture *f,
            const char     *token)
{
  return test_request_full (f, "GET", "live:/oauth/token", token, NULL, NULL, FALSE);
}

/* ---- the consent page --------------------------------------------------------------- */

static void
test_consent_page (SandboxFixture *f,
                   gconstpointer   data)
{
  g_autoptr (TestReply) reply = NULL;
  g_autofree char *html = NULL;
  const char *expected[] = {
    "Paddock sandbox",
    "a simulated brokerage for testing, not Alpaca",
    "Paddock Demo",
    "read-only access",
    "Place, change and cancel orders",
    "Change account settings and watchlists",
    "Read market data",
    "Live",
    "<form method=\"post\" action=\"/oauth/authorize\">",
    "<input type=\"hidden\" name=\"request_id\"",
    "<button id=\"approve\" name=\"decision\" value=\"approve\"",
    "<button id=\"deny\" name=\"decision\" value=\"deny\"",
  };

  reply = get_authorize (f,
                         "response_type", "code",
                         "client_id", SANDBOX_DEMO_CLIENT_ID,
                         "redirect_uri", REDIRECT_URI,
                         "state", "abc",
                         "scope", ALL_SCOPES,
                         "env", "live",
                         "code_challenge", CHALLENGE,
                         "code_challenge_method", "S256",
                         NULL);
  g_assert_no_error (reply->error);
  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_true (g_str_has_prefix (test_reply_header (reply, "Content-Type"), "text/html"));
  g_assert_cmpstr (test_reply_header (reply, "Cache-Control"), ==, "no-store");
  g_assert_cmpstr (test_reply_header (reply, "X-Frame-Options"), ==, "DENY");
  html = reply_text (reply);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    if (strstr (html, expected[i]) == NULL)
      g_error ("consent page lacks “%s”:\n%s", expected[i], html);
  /* a plain form: no scripts at all */
  g_assert_null (strstr (html, "<script"));
  g_assert_null (strstr (html, "Paper"));
}

static void
test_consent_page_read_only (SandboxFixture *f,
                             gconstpointer   data)
{
  g_autoptr (TestReply) reply = NULL;
  g_autofree char *html = NULL;

  /* no scope, no env, no state, no PKCE: read-only on paper */
  reply = get_authorize (f,
                         "response_type", "code",
                         "client_id", SANDBOX_DEMO_CLIENT_ID,
                         "redirect_uri", REDIRECT_URI,
                         NULL);
  g_assert_cmpuint (reply->status, ==, 200);
  html = reply_text (reply);
  g_assert_nonnull (strstr (html, "read-only access"));
  g_assert_nonnull (strstr (html, "Paper"));
  g_assert_null (strstr (html, "Live"));
  g_assert_null (strstr (html, "Place, change and cancel orders"));
  g_assert_null (strstr (html, "Change account settings and watchlists"));
  g_assert_null (strstr (html, "Read market data"));
}

/* The app's demo brokerage: its consent page calls the paper account "Demo", as the app
 * does, and speaks of the demo, not of a test sandbox */
static void
app_demo_fixture_setup (SandboxFixture *f,
                        gconstpointer   data)
{
  g_autoptr (GError) error = NULL;

  f->sandbox = paddock_sandbox_new (42);
  paddock_sandbox_set_tick_interval (f->sandbox, 0);
  paddock_sandbox_set_app_demo (f->sandbox, TRUE);
  g_assert_true (paddock_sandbox_start (f->sandbox, 0, &error));
  g_assert_no_error (error);
  f->session = soup_session_new_with_options ("timeout", 20, NULL);
  f->token = paddock_sandbox_issue_token (f->sandbox, "account:write trading data", "paper");
}

static void
test_consent_page_app_demo (SandboxFixture *f,
                            gconstpointer   data)
{
  g_autoptr (TestReply) reply = NULL;
  g_autoptr (TestReply) live = NULL;
  g_autofree char *html = NULL;
  g_autofree char *live_html = NULL;

  /* what `paddock --demo` asks for: the paper account */
  reply = get_authorize (f,
                         "response_type", "code",
                         "client_id", SANDBOX_DEMO_CLIENT_ID,
                         "redirect_uri", REDIRECT_URI,
                         "state", "abc",
                         "scope", ALL_SCOPES,
                         "env", "paper",
                         "code_challenge", CHALLENGE,
                         "code_challenge_method", "S256",
                         NULL);
  g_assert_cmpuint (reply->status, ==, 200);
  html = reply_text (reply);
  g_assert_nonnull (strstr (html, "<strong id=\"environment\">Demo (simulated money on this "
                                  "computer)</strong>"));
  g_assert_nonnull (strstr (html, "Paddock demo — a simulated brokerage on this computer, "
                                  "not Alpaca"));
  g_assert_nonnull (strstr (html, "to use your demo account?"));
  g_assert_null (strstr (html, "Paper"));
  g_assert_null (strstr (html, "Paddock sandbox"));
  g_assert_null (strstr (html, "sandbox account"));
  /* what the end-to-end tests look for and click */
  g_assert_nonnull (strstr (html, "id=\"sandbox-banner\""));
  g_assert_nonnull (strstr (html, "<button id=\"approve\""));
  g_assert_nonnull (strstr (html, "<button id=\"deny\""));

  /* live is still live */
  live = get_authorize (f,
                        "response_type", "code",
                        "client_id", SANDBOX_DEMO_CLIENT_ID,
                        "redirect_uri", REDIRECT_URI,
                        "env", "live",
                        NULL);
  g_assert_cmpuint (live->status, ==, 200);
  live_html = reply_text (live);
  g_assert_nonnull (strstr (live_html, "<strong id=\"environment\">Live"));
  g_assert_null (strstr (live_html, "Demo ("));
}

static void
test_consent_page_escapes (SandboxFixture *f,
                           gconstpointer   data)
{
  const char *evil = "<script>alert(\"x\")</script>&'";
  g_autoptr (GHashTable) params = NULL;

  /* the state is kept on the server, never written into the page unescaped */
  {
    g_autoptr (TestReply) page = get_authorize (f,
                                                "response_type", "code",
                                                "client_id", SANDBOX_DEMO_CLIENT_ID,
                                                "redirect_uri", REDIRECT_URI,
                                                "state", evil,
                                                "scope", "trading",
                                                NULL);
    g_autofree char *html = reply_text (page);

    g_assert_cmpuint (page->status, ==, 200);
    g_assert_null (strstr (html, "<script"));
  }

  /* and comes back unchanged, percent-encoded in the Location */
  params = run_consent (f, "trading", NULL, evil, NULL, "approve");
  g_assert_cmpstr (g_hash_table_lookup (params, "state"), ==, evil);

  /* what the error page repeats from the request is escaped */
  {
    g_autoptr (TestReply) page = get_authorize (f,
                                                "response_type", "code",
                                                "client_id", evil,
                                                "redirect_uri", REDIRECT_URI,
                                                NULL);
    g_autofree char *html = reply_text (page);

    assert_html_error_page (page);
    g_assert_null (strstr (html, "<script"));
    g_assert_nonnull (strstr (html, "&lt;script&gt;"));
  }
  {
    g_autoptr (TestReply) page = get_authorize (f,
                                                "response_type", "code",
                                                "client_id", SANDBOX_DEMO_CLIENT_ID,
                                                "redirect_uri", "http://127.0.0.1:48721/<script>",
                                                NULL);
    g_autofree char *html = reply_text (page);

    assert_html_error_page (page);
    g_assert_null (strstr (html, "<script"));
  }

  /* a scope with markup is refused through the redirect, encoded */
  {
    g_autoptr (TestReply) reply = get_authorize (f,
                                                 "response_type", "code",
                                                 "client_id", SANDBOX_DEMO_CLIENT_ID,
                                                 "redirect_uri", REDIRECT_URI,
                                                 "state", evil,
                                                 "scope", "trading <script>",
                                                 NULL);

    assert_redirect_error (reply, REDIRECT_URI, "invalid_scope", evil);
  }
}

/* ---- the decision ------------------------------------------------------------------- */

static void
test_approve (SandboxFixture *f,
              gconstpointer   data)
{
  const char *state = "a b&c=d/é+%20?#";
  g_autoptr (GHashTable) params = run_consent (f, ALL_SCOPES, "paper", state, CHALLENGE,
                                               "approve");
  g_autoptr (GHashTable) again = NULL;

  g_assert_cmpstr (g_hash_table_lookup (params, "state"), ==, state);
  g_assert_null (g_hash_table_lookup (params, "error"));
  g_assert_nonnull (g_hash_table_lookup (params, "code"));
  g_assert_cmpuint (strlen (g_hash_table_lookup (params, "code")), >=, 32);

  /* each approval gets its own code */
  again = run_consent (f, ALL_SCOPES, "paper", state, CHALLENGE, "approve");
  g_assert_cmpstr (g_hash_table_lookup (again, "code"), !=, g_hash_table_lookup (params, "code"));
}

static void
test_approve_without_state (SandboxFixture *f,
                            gconstpointer   data)
{
  g_autoptr (GHashTable) params = run_consent (f, NULL, NULL, NULL, NULL, "approve");

  g_assert_nonnull (g_hash_table_lookup (params, "code"));
  g_assert_false (g_hash_table_contains (params, "state"));
  g_assert_cmpuint (g_hash_table_size (params), ==, 1);
}

static void
test_deny (SandboxFixture *f,
           gconstpointer   data)
{
  g_autoptr (GHashTable) params = run_consent (f, "trading", "live", "xyz", CHALLENGE, "deny");

  g_assert_cmpstr (g_hash_table_lookup (params, "error"), ==, "access_denied");
  g_assert_cmpstr (g_hash_table_lookup (params, "state"), ==, "xyz");
  g_assert_null (g_hash_table_lookup (params, "code"));
}

static void
test_request_id_single_use (SandboxFixture *f,
                            gconstpointer   data)
{
  g_autoptr (TestReply) page = NULL;
  g_autoptr (TestReply) first = NULL;
  g_autoptr (TestReply) second = NULL;
  g_autoptr (TestReply) unknown = NULL;
  g_autoptr (TestReply) not_form = NULL;
  g_autoptr (TestReply) no_decision = NULL;
  g_autoptr (TestReply) after = NULL;
  g_autofree char *request_id = NULL;
  g_autofree char *json = NULL;

  page = get_authorize (f,
                        "response_type", "code",
                        "client_id", SANDBOX_DEMO_CLIENT_ID,
                        "redirect_uri", REDIRECT_URI,
                        NULL);
  request_id = consent_request_id (page);

  /* neither a missing decision nor a JSON body answers the request */
  no_decision = post_form (f, "root:/oauth/authorize", "request_id", request_id, NULL);
  assert_html_error_page (no_decision);
  json = g_strdup_printf ("{\"request_id\":\"%s\",\"decision\":\"approve\"}", request_id);
  not_form = test_request_full (f, "POST", "root:/oauth/authorize", NULL, "application/json",
                                json, FALSE);
  assert_html_error_page (not_form);

  first = post_form (f, "root:/oauth/authorize",
                     "request_id", request_id, "decision", "deny", NULL);
  g_assert_cmpuint (first->status, ==, 302);

  /* answered once: approving afterwards is refused, without a redirect */
  second = post_form (f, "root:/oauth/authorize",
                      "request_id", request_id, "decision", "approve", NULL);
  assert_html_error_page (second);

  unknown = post_form (f, "root:/oauth/authorize",
                       "request_id", "made-up-request-id", "decision", "approve", NULL);
  assert_html_error_page (unknown);

  /* and an expired consent page cannot be approved */
  {
    g_autoptr (TestReply) late_page = get_authorize (f,
                                                     "response_type", "code",
                                                     "client_id", SANDBOX_DEMO_CLIENT_ID,
                                                     "redirect_uri", REDIRECT_URI,
                                                     NULL);
    g_autofree char *late_id = consent_request_id (late_page);

    age_codes (f, 11 * 60);
    after = post_form (f, "root:/oauth/authorize",
                       "request_id", late_id, "decision", "approve", NULL);
    assert_html_error_page (after);
  }
}

/* ---- authorize errors --------------------------------------------------------------- */

static void
test_authorize_untrusted_redirect (SandboxFixture *f,
                                   gconstpointer   data)
{
  const char *bad_redirects[] = {
    "http://127.0.0.1:48726/callback",   /* not registered */
    "http://127.0.0.1:48721/callback/",  /* not exactly */
    "http://localhost:48721/callback",
    "http://127.0.0.1:48721/callback?x=1",
    "https://evil.example/callback",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad_redirects); i++)
    {
      g_autoptr (TestReply) reply = get_authorize (f,
                                                   "response_type", "code",
                                                   "client_id", SANDBOX_DEMO_CLIENT_ID,
                                                   "redirect_uri", bad_redirects[i],
                                                   "state", "s",
                                                   NULL);
      g_autofree char *html = reply_text (reply);

      assert_html_error_page (reply);
      g_assert_nonnull (strstr (html, "redirect_uri"));
    }

  /* every registered port works */
  for (guint port = 48721; port <= 48725; port++)
    {
      g_autofree char *uri = g_strdup_printf ("http://127.0.0.1:%u/callback", port);
      g_autoptr (TestReply) reply = get_authorize (f,
                                                   "response_type", "code",
                                                   "client_id", SANDBOX_DEMO_CLIENT_ID,
                                                   "redirect_uri", uri,
                                                   NULL);

      g_assert_cmpuint (reply->status, ==, 200);
    }

  /* unknown or missing client, missing redirect_uri: even a bad response_type gets a
   * page, since there is nowhere safe to redirect */
  {
    g_autoptr (TestReply) reply = get_authorize (f,
                                                 "response_type", "token",
                                                 "client_id", "no-such-client",
                                                 "redirect_uri", REDIRECT_URI,
                                                 NULL);
    g_autofree char *html = reply_text (reply);

    assert_html_error_page (reply);
    g_assert_nonnull (strstr (html, "no-such-client"));
  }
  {
    g_autoptr (TestReply) reply = get_authorize (f,
                                                 "response_type", "code",
                                                 "redirect_uri", REDIRECT_URI,
                                                 NULL);

    assert_html_error_page (reply);
  }
  {
    g_autoptr (TestReply) reply = get_authorize (f,
                                                 "response_type", "code",
                                                 "client_id", SANDBOX_DEMO_CLIENT_ID,
                                                 NULL);

    assert_html_error_page (reply);
  }
}

static void
test_authorize_redirect_errors (SandboxFixture *f,
                                gconstpointer   data)
{
  const struct
  {
    const char *response_type;
    const char *scope;
    const char *env;
    const char *challenge;
    const char *method;
    const char *error;
  } cases[] = {
    { "token", NULL, NULL, NULL, NULL, "unsupported_response_type" },
    { NULL, NULL, NULL, NULL, NULL, "invalid_request" },
    { "code", "trading admin", NULL, NULL, NULL, "invalid_scope" },
    { "code", "general", NULL, NULL, NULL, "invalid_scope" },
    { "code", NULL, "demo", NULL, NULL, "invalid_request" },
    { "code", NULL, NULL, CHALLENGE, "plain", "invalid_request" },
    { "code", NULL, NULL, CHALLENGE, NULL, "invalid_request" },     /* means plain */
    { "code", NULL, NULL, NULL, "S256", "invalid_request" },
    { "code", NULL, NULL, "too-short", "S256", "invalid_request" },
    { "code", NULL, NULL, CHALLENGE "A", "S256", "invalid_request" },
    { "code", NULL, NULL, "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw+cM", "S256",
      "invalid_request" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (TestReply) reply = NULL;
      g_autoptr (TestReply) stateless = NULL;

      g_test_message ("case %u: %s", i, cases[i].error);
      reply = get_authorize (f,
                             "client_id", SANDBOX_DEMO_CLIENT_ID,
                             "redirect_uri", REDIRECT_URI,
                             "state", "st 1",
                             "response_type", cases[i].response_type,
                             "scope", cases[i].scope,
                             "env", cases[i].env,
                             "code_challenge", cases[i].challenge,
                             "code_challenge_method", cases[i].method,
                             NULL);
      assert_redirect_error (reply, REDIRECT_URI, cases[i].error, "st 1");

      stateless = get_authorize (f,
                                 "client_id", SANDBOX_DEMO_CLIENT_ID,
                                 "redirect_uri", REDIRECT_URI,
                                 "response_type", cases[i].response_type,
                                 "scope", cases[i].scope,
                                 "env", cases[i].env,
                                 "code_challenge", cases[i].challenge,
                                 "code_challenge_method", cases[i].method,
                                 NULL);
      assert_redirect_error (stateless, REDIRECT_URI, cases[i].error, NULL);
    }
}

/* ---- the token endpoint ------------------------------------------------------------- */

static void
test_token_pkce (SandboxFixture *f,
                 gconstpointer   data)
{
  /* scopes asked in another order come back in the canonical one */
  g_autofree char *code = approve (f, "data trading account:write", "live", CHALLENGE);
  g_autofree char *token = exchange_ok (f, code, VERIFIER, ALL_SCOPES);
  TokenProbe probe;

  probe_token (f, token, &probe);
  g_assert_true (probe.found);
  g_assert_false (probe.revoked);
  g_assert_cmpuint (probe.scopes, ==, SANDBOX_SCOPE_ACCOUNT_WRITE | SANDBOX_SCOPE_TRADING |
                                      SANDBOX_SCOPE_DATA);
  g_assert_cmpint (probe.env, ==, SANDBOX_ENV_LIVE);
  g_assert_cmpstr (probe.client_id, ==, SANDBOX_DEMO_CLIENT_ID);
  token_probe_clear (&probe);

  {
    g_autoptr (TestReply) reply = introspect (f, token);

    g_assert_cmpuint (reply->status, ==, 200);
    g_assert_true (json_object_get_boolean_member (test_reply_object (reply), "active"));
  }
}

static void
test_token_scopes_and_env (SandboxFixture *f,
                           gconstpointer   data)
{
  const struct { const char *scope; const char *env; const char *granted; guint bits;
                 SandboxEnv token_env; } cases[] = {
    { NULL, NULL, "", 0, SANDBOX_ENV_PAPER },
    { "trading", "paper", "trading", SANDBOX_SCOPE_TRADING, SANDBOX_ENV_PAPER },
    { "data account:write", "live", "account:write data",
      SANDBOX_SCOPE_ACCOUNT_WRITE | SANDBOX_SCOPE_DATA, SANDBOX_ENV_LIVE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *code = approve (f, cases[i].scope, cases[i].env, CHALLENGE);
      g_autofree char *token = exchange_ok (f, code, VERIFIER, cases[i].granted);
      TokenProbe probe;

      probe_token (f, token, &probe);
      g_assert_true (probe.found);
      g_assert_cmpuint (probe.scopes, ==, cases[i].bits);
      g_assert_cmpint (probe.env, ==, cases[i].token_env);
      token_probe_clear (&probe);
    }
}

static void
test_token_without_pkce (SandboxFixture *f,
                         gconstpointer   data)
{
  g_autofree char *code = approve (f, "trading", "paper", NULL);
  g_autofree char *other = approve (f, "trading", "paper", NULL);
  g_autofree char *token = NULL;
  g_autoptr (TestReply) downgrade = NULL;

  /* a verifier for a code issued without a challenge is refused */
  downgrade = exchange (f, other, VERIFIER);
  assert_token_error (downgrade, 400, "invalid_grant");

  token = exchange_ok (f, code, NULL, "trading");
}

static void
test_token_reused_code (SandboxFixture *f,
                        gconstpointer   data)
{
  g_autofree char *code = approve (f, ALL_SCOPES, "paper", CHALLENGE);
  g_autofree char *token = exchange_ok (f, code, VERIFIER, ALL_SCOPES);
  g_autoptr (TestReply) again = NULL;
  g_autoptr (TestReply) gone = NULL;
  TokenProbe probe;

  again = exchange (f, code, VERIFIER);
  assert_token_error (again, 400, "invalid_grant");

  /* RFC 6749 §4.1.2: the token the code gave is revoked */
  probe_token (f, token, &probe);
  g_assert_true (probe.found);
  g_assert_true (probe.revoked);
  token_probe_clear (&probe);
  gone = introspect (f, token);
  test_assert_alpaca_error (gone, 401);

  /* the fixture's token, not from this code, is untouched */
  probe_token (f, f->token, &probe);
  g_assert_false (probe.revoked);
  token_probe_clear (&probe);
}

static void
test_token_client_auth (SandboxFixture *f,
                        gconstpointer   data)
{
  g_autofree char *code = approve (f, "trading", "paper", CHALLENGE);
  g_autofree char *token = NULL;
  g_autofree char *wrong_secret = g_strconcat (paddock_sandbox_get_client_secret (f->sandbox),
                                               "x", NULL);
  const struct { const char *client_id; const char *secret; } cases[] = {
    { SANDBOX_DEMO_CLIENT_ID, wrong_secret },
    { SANDBOX_DEMO_CLIENT_ID, "short" },
    { "no-such-client", paddock_sandbox_get_client_secret (f->sandbox) },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (TestReply) reply = post_form (f, "live:/oauth/token",
                                               "grant_type", "authorization_code",
                                               "code", code,
                                               "client_id", cases[i].client_id,
                                               "client_secret", cases[i].secret,
                                               "redirect_uri", REDIRECT_URI,
                                               "code_verifier", VERIFIER,
                                               NULL);

      assert_token_error (reply, 401, "invalid_client");
    }

  /* a client that failed to authenticate did not use up the code */
  token = exchange_ok (f, code, VERIFIER, "trading");
}

static void
test_token_other_client (SandboxFixture *f,
                         gconstpointer   data)
{
  g_autofree char *code = approve (f, "trading", "paper", CHALLENGE);
  g_autoptr (TestReply) reply = NULL;

  _sandbox_run_sync (f->sandbox, add_other_client_cb, f->sandbox);
  reply = post_form (f, "live:/oauth/token",
                     "grant_type", "authorization_code",
                     "code", code,
                     "client_id", "other-app",
                     "client_secret", "other-secret",
                     "redirect_uri", REDIRECT_URI,
                     "code_verifier", VERIFIER,
                     NULL);
  assert_token_error (reply, 400, "invalid_grant");

  /* the other app's consent page names it */
  {
    g_autoptr (TestReply) page = get_authorize (f,
                                                "response_type", "code",
                                                "client_id", "other-app",
                                                "redirect_uri", REDIRECT_URI,
                                                NULL);
    g_autofree char *html = reply_text (page);

    g_assert_cmpuint (page->status, ==, 200);
    g_assert_nonnull (strstr (html, "Someone Else&apos;s App"));
  }
}

static void
test_token_bad_verifier (SandboxFixture *f,
                         gconstpointer   data)
{
  g_autofree char *code = approve (f, "trading", "paper", CHALLENGE);
  g_autofree char *token = NULL;
  const char *bad[] = {
    NULL,                                           /* missing */
    "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXK",  /* one letter off */
    CHALLENGE,                                      /* the challenge itself */
    "too-short",
    "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk!", /* not unreserved */
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (TestReply) reply = exchange (f, code, bad[i]);

      assert_token_error (reply, 400, "invalid_grant");
    }

  token = exchange_ok (f, code, VERIFIER, "trading");
}

static void
test_token_wrong_redirect (SandboxFixture *f,
                           gconstpointer   data)
{
  g_autofree char *code = approve (f, "trading", "paper", CHALLENGE);
  g_autoptr (TestReply) reply = NULL;

  /* registered for the client, but not the one the code was issued for */
  reply = post_form (f, "live:/oauth/token",
                     "grant_type", "authorization_code",
                     "code", code,
                     "client_id", SANDBOX_DEMO_CLIENT_ID,
                     "client_secret", paddock_sandbox_get_client_secret (f->sandbox),
                     "redirect_uri", OTHER_REDIRECT_URI,
                     "code_verifier", VERIFIER,
                     NULL);
  assert_token_error (reply, 400, "invalid_grant");
}

static void
test_token_unknown_code (SandboxFixture *f,
                         gconstpointer   data)
{
  g_autoptr (TestReply) reply = exchange (f, "5c0d1f7e-93a2-4b8e-a1c4-2f6d8e0b7a91", VERIFIER);

  assert_token_error (reply, 400, "invalid_grant");
}

static void
test_token_json_body (SandboxFixture *f,
                      gconstpointer   data)
{
  g_autofree char *code = approve (f, "trading", "paper", CHALLENGE);
  g_autofree char *body = NULL;
  g_autoptr (TestReply) reply = NULL;
  g_autofree char *token = NULL;

  body = g_strdup_printf ("{\"grant_type\":\"authorization_code\",\"code\":\"%s\","
                          "\"client_id\":\"%s\",\"client_secret\":\"%s\","
                          "\"redirect_uri\":\"%s\",\"code_verifier\":\"%s\"}",
                          code, SANDBOX_DEMO_CLIENT_ID,
                          paddock_sandbox_get_client_secret (f->sandbox),
                          REDIRECT_URI, VERIFIER);
  reply = test_request_full (f, "POST", "live:/oauth/token", NULL, "application/json", body,
                             FALSE);
  assert_token_error (reply, 400, "invalid_request");

  /* nor does a form body without its content type count */
  {
    g_autoptr (TestReply) plain = test_request_full (f, "POST", "live:/oauth/token", NULL,
                                                     "text/plain",
                                                     "grant_type=authorization_code", FALSE);

    assert_token_error (plain, 400, "invalid_request");
  }

  token = exchange_ok (f, code, VERIFIER, "trading");
}

static void
test_token_missing_field (SandboxFixture *f,
                          gconstpointer   data)
{
  g_autofree char *code = approve (f, "trading", "paper", CHALLENGE);
  const char *names[] = { "grant_type", "code", "client_id", "client_secret", "redirect_uri" };
  g_autofree char *token = NULL;

  for (guint skip = 0; skip < G_N_ELEMENTS (names); skip++)
    for (guint empty = 0; empty < 2; empty++)
      {
        const char *values[] = { "authorization_code", code, SANDBOX_DEMO_CLIENT_ID,
                                 paddock_sandbox_get_client_secret (f->sandbox), REDIRECT_URI };
        g_autoptr (TestReply) reply = NULL;

        /* left out, or sent empty */
        values[skip] = empty ? "" : NULL;
        reply = post_form (f, "live:/oauth/token",
                           names[0], values[0],
                           names[1], values[1],
                           names[2], values[2],
                           names[3], values[3],
                           names[4], values[4],
                           "code_verifier", VERIFIER,
                           NULL);
        g_test_message ("without %s (%s)", names[skip], empty ? "empty" : "absent");
        assert_token_error (reply, 400, "invalid_request");
      }

  token = exchange_ok (f, code, VERIFIER, "trading");
}

static void
test_token_bad_grant_type (SandboxFixture *f,
                           gconstpointer   data)
{
  g_autofree char *code = approve (f, "trading", "paper", CHALLENGE);
  const char *grant_types[] = { "client_credentials", "refresh_token", "password",
                                "Authorization_Code" };

  for (guint i = 0; i < G_N_ELEMENTS (grant_types); i++)
    {
      g_autoptr (TestReply) reply = post_form (f, "live:/oauth/token",
                                               "grant_type", grant_types[i],
                                               "code", code,
                                               "client_id", SANDBOX_DEMO_CLIENT_ID,
                                               "client_secret",
                                               paddock_sandbox_get_client_secret (f->sandbox),
                                               "redirect_uri", REDIRECT_URI,
                                               "code_verifier", VERIFIER,
                                               NULL);

      assert_token_error (reply, 400, "unsupported_grant_type");
    }
}

static void
test_token_only_on_live (SandboxFixture *f,
                         gconstpointer   data)
{
  g_autofree char *code = approve (f, "trading", "paper", CHALLENGE);
  g_autoptr (TestReply) post = NULL;
  g_autoptr (TestReply) get = NULL;
  g_autofree char *token = NULL;

  post = post_form (f, "paper:/oauth/token",
                    "grant_type", "authorization_code",
                    "code", code,
                    "client_id", SANDBOX_DEMO_CLIENT_ID,
                    "client_secret", paddock_sandbox_get_client_secret (f->sandbox),
                    "redirect_uri", REDIRECT_URI,
                    "code_verifier", VERIFIER,
                    NULL);
  test_assert_alpaca_error (post, 404);
  get = test_request_full (f, "GET", "paper:/oauth/token", f->token, NULL, NULL, FALSE);
  test_assert_alpaca_error (get, 404);

  /* the paper host did not use the code up */
  token = exchange_ok (f, code, VERIFIER, "trading");
}

static void
test_code_expiry (SandboxFixture *f,
                  gconstpointer   data)
{
  g_autofree char *fresh = approve (f, "trading", "paper", CHALLENGE);
  g_autofree char *stale = NULL;
  g_autofree char *token = NULL;
  g_autoptr (TestReply) reply = NULL;

  /* nine minutes and a half: still good */
  age_codes (f, 9 * 60 + 30);
  token = exchange_ok (f, fresh, VERIFIER, "trading");

  stale = approve (f, "trading", "paper", CHALLENGE);
  age_codes (f, 10 * 60 + 1);
  reply = exchange (f, stale, VERIFIER);
  assert_token_error (reply, 400, "invalid_grant");
}

/* ---- introspection ------------------------------------------------------------------ */

static void
test_introspection (SandboxFixture *f,
                    gconstpointer   data)
{
  gint64 before = g_get_real_time () / G_USEC_PER_SEC;
  g_autofree char *code = approve (f, "trading data", "live", CHALLENGE);
  g_autofree char *token = exchange_ok (f, code, VERIFIER, "trading data");
  gint64 after = g_get_real_time () / G_USEC_PER_SEC;
  g_autofree char *owner = NULL;
  TokenProbe probe;
  JsonObject *obj;

  {
    g_autoptr (TestReply) reply = introspect (f, token);
    JsonNode *iat;

    g_assert_cmpuint (reply->status, ==, 200);
    obj = test_reply_object (reply);
    g_assert_cmpuint (json_object_get_size (obj), ==, 8);
    g_assert_true (json_object_get_boolean_member (obj, "active"));
    g_assert_cmpstr (json_object_get_string_member (obj, "aud"), ==, "Paddock Demo");
    g_assert_cmpstr (json_object_get_string_member (obj, "client_id"), ==,
                     SANDBOX_DEMO_CLIENT_ID);
    iat = json_object_get_member (obj, "iat");
    g_assert_cmpint (json_node_get_value_type (iat), ==, G_TYPE_INT64);
    g_assert_cmpint (json_node_get_int (iat), >=, before);
    g_assert_cmpint (json_node_get_int (iat), <=, after);
    g_assert_cmpstr (json_object_get_string_member (obj, "scope"), ==, "trading data");
    g_assert_cmpstr (json_object_get_string_member (obj, "token_type"), ==, "Bearer");

    probe_token (f, token, &probe);
    g_assert_cmpstr (json_object_get_string_member (obj, "id"), ==, probe.key_id);
    token_probe_clear (&probe);

    owner = g_strdup (json_object_get_string_member (obj, "owner_id"));
    g_assert_true (g_uuid_string_is_valid (owner));
  }

  /* a paper token introspects on the live host too, with the same owner */
  {
    g_autoptr (TestReply) reply = introspect (f, f->token);

    g_assert_cmpuint (reply->status, ==, 200);
    obj = test_reply_object (reply);
    g_assert_cmpstr (json_object_get_string_member (obj, "owner_id"), ==, owner);
    g_assert_cmpstr (json_object_get_string_member (obj, "scope"), ==, ALL_SCOPES);
  }

  g_assert_true (paddock_sandbox_revoke_token (f->sandbox, token));
  {
    g_autoptr (TestReply) reply = introspect (f, token);
    JsonObject *err;

    test_assert_alpaca_error (reply, 401);
    err = test_reply_object (reply);
    g_assert_cmpint (json_object_get_int_member (err, "code"), ==, 40110000);
    g_assert_cmpstr (json_object_get_string_member (err, "message"), ==,
                     "request is not authorized");
  }
  {
    g_autoptr (TestReply) missing = introspect (f, NULL);
    g_autoptr (TestReply) unknown = introspect (f, "5c0d1f7e-93a2-4b8e-a1c4-2f6d8e0b7a91");

    test_assert_alpaca_error (missing, 401);
    test_assert_alpaca_error (unknown, 401);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  PADDOCK_TEST_ADD_SANDBOX ("/sandbox/oauth/consent-page", test_consent_page);
  PADDOCK_TEST_ADD_SANDBOX ("/sandbox/oauth/consent-page/read-only", test_consent_page_read_only);
  PADDOCK_TEST_ADD_SANDBOX ("/sandbox/oauth/consent-page/escapes", test_consent_page_escapes);
  g_test_add ("/sandbox/oauth/consent-page/app-demo", SandboxFixture, NULL,
              app_demo_fixture_setup, test_consent_page_app_demo, sandbox_fixture_teardown);
  PADDOCK_TEST_ADD_SANDBOX ("/sandbox/oauth/approve", test_approve);
  PADDOCK_TEST_ADD_SANDBOX ("/sandbox/oauth/approve/without-state", test_approve_without_state);
  PADDOCK_TEST_ADD_SANDBOX ("/sandbox/oauth/deny", test_deny);
  PADDOCK_TEST_ADD_SANDBOX ("/sandbox/oauth/request-id-single-use", test_request_id_single_use);
  PADDOCK_TEST_ADD_SANDBOX ("/sandbox/oauth/authorize/untrusted-redirect",
                            test_authorize_untrusted_redirect);
  PADDOCK_TEST_ADD_SANDBOX ("/sandbox/oauth/authorize/redirect-errors",
                            test_authorize_redirect_errors);
  PADDOCK_TEST_ADD_SANDBOX ("/sandbox/oauth/token/pkce", test_token_pkce);
  PADDOCK_TEST_ADD_SANDBOX ("/sandbox/oauth/token/scopes-and-env", test_token_scopes_and_env);
  PADDOCK_TEST_ADD_SANDBOX ("/sandbox/oauth/token/without-pkce", test_token_without_pkce);
  PADDOCK_TEST_ADD_SANDBOX ("/sandbox/oauth/token/reused-code", test_token_reused_code);
  PADDOCK_TEST_ADD_SANDBOX ("/sandbox/oauth/token/client-auth", test_token_client_auth);
  PADDOCK_TEST_ADD_SANDBOX ("/sandbox/oauth/token/other-client", test_token_other_client);
  PADDOCK_TEST_ADD_SANDBOX ("/sandbox/oauth/token/bad-verifier", test_token_bad_verifier);
  PADDOCK_TEST_ADD_SANDBOX ("/sandbox/oauth/token/wrong-redirect", test_token_wrong_redirect);
  PADDOCK_TEST_ADD_SANDBOX ("/sandbox/oauth/token/unknown-code", test_token_unknown_code);
  PADDOCK_TEST_ADD_SANDBOX ("/sandbox/oauth/token/json-body", test_token_json_body);
  PADDOCK_TEST_ADD_SANDBOX ("/sandbox/oauth/token/missing-field", test_token_missing_field);
  PADDOCK_TEST_ADD_SANDBOX ("/sandbox/oauth/token/bad-grant-type", test_token_bad_grant_type);
  PADDOCK_TEST_ADD_SANDBOX ("/sandbox/oauth/token/only-on-live", test_token_only_on_live);
  PADDOCK_TEST_ADD_SANDBOX ("/sandbox/oauth/token/code-expiry", test_code_expiry);
  PADDOCK_TEST_ADD_SANDBOX ("/sandbox/oauth/introspection", test_introspection);

  return g_test_run ();
}
