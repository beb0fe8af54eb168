/* test-oauth-flow.c: PaddockOAuthFlow against the sandbox's real consent page and token
 * endpoint, with a scripted browser on another thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "paddock-credentials.h"
#include "paddock-error.h"
#include "paddock-oauth-app.h"
#include "paddock-oauth-flow.h"
#include "paddock-random.h"
#include "sandbox-fixture.h"

#define CLIENT_ID "paddock-flow-test"
#define CLIENT_SECRET "flow-test-secret-1234567890"

typedef struct
{
  SandboxFixture sf;
  guint16 ports[2];
  PaddockEndpoints *endpoints;
  PaddockOAuthApp *app;
  PaddockOAuthFlow *flow;
  GPtrArray *result;
  GError *error;
  gboolean done;
} Fixture;

static const char *all_scopes[] = { "account:write", "trading", "data", NULL };

/* Every log message of the process, debug ones included (G_MESSAGES_DEBUG=all) */
static GString *captured_log;
static GMutex captured_lock;

static GLogWriterOutput
capture_writer (GLogLevelFlags   level,
                const GLogField *fields,
                gsize            n_fields,
                gpointer         user_data)
{
  g_mutex_lock (&captured_lock);
  for (gsize i = 0; i < n_fields; i++)
    if (g_strcmp0 (fields[i].key, "MESSAGE") == 0)
      {
        if (fields[i].length < 0)
          g_string_append (captured_log, fields[i].value);
        else
          g_string_append_len (captured_log, fields[i].value, fields[i].length);
        g_string_append_c (captured_log, '\n');
      }
  g_mutex_unlock (&captured_lock);

  if (level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING))
    return g_log_writer_default (level, fields, n_fields, user_data);
  return G_LOG_WRITER_HANDLED;
}

static void
setup_with_secret (Fixture    *f,
                   const char *secret)
{
  g_autoptr (GError) error = NULL;

  sandbox_fixture_setup (&f->sf, NULL);
  test_free_ports (f->ports, G_N_ELEMENTS (f->ports));
  test_register_client (&f->sf, CLIENT_ID, CLIENT_SECRET, f->ports, G_N_ELEMENTS (f->ports));
  f->endpoints = paddock_endpoints_new_for_sandbox (paddock_sandbox_get_authorize_url (f->sf.sandbox),
                                                    paddock_sandbox_get_live_url (f->sf.sandbox),
                                                    paddock_sandbox_get_paper_url (f->sf.sandbox),
                                                    paddock_sandbox_get_data_url (f->sf.sandbox),
                                                    paddock_sandbox_get_polygon_url (f->sf.sandbox),
                                                    &error);
  g_assert_no_error (error);
  f->app = paddock_oauth_app_new (CLIENT_ID, secret);
  f->flow = paddock_oauth_flow_new (f->endpoints, f->app, PADDOCK_ENVIRONMENT_PAPER, all_scopes,
                                    f->ports, G_N_ELEMENTS (f->ports));
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  setup_with_secret (f, CLIENT_SECRET);
}

static void
setup_wrong_secret (Fixture       *f,
                    gconstpointer  data)
{
  setup_with_secret (f, "not-the-secret");
}

/* Paper, as for Alpaca: the flow asks both the live and the paper host for the account */
static void
setup_paper (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) envp = NULL;

  sandbox_fixture_setup (&f->sf, NULL);
  test_free_ports (f->ports, G_N_ELEMENTS (f->ports));
  test_register_client (&f->sf, CLIENT_ID, CLIENT_SECRET, f->ports, G_N_ELEMENTS (f->ports));
  envp = g_environ_setenv (envp, "PADDOCK_AUTHORIZE_URL",
                           paddock_sandbox_get_authorize_url (f->sf.sandbox), TRUE);
  envp = g_environ_setenv (envp, "PADDOCK_LIVE_URL", paddock_sandbox_get_live_url (f->sf.sandbox), TRUE);
  envp = g_environ_setenv (envp, "PADDOCK_PAPER_URL", paddock_sandbox_get_paper_url (f->sf.sandbox), TRUE);
  envp = g_environ_setenv (envp, "PADDOCK_DATA_URL", paddock_sandbox_get_data_url (f->sf.sandbox), TRUE);
  envp = g_environ_setenv (envp, "PADDOCK_POLYGON_URL",
                           paddock_sandbox_get_polygon_url (f->sf.sandbox), TRUE);
  f->endpoints = paddock_endpoints_new_from_environ (PADDOCK_ENVIRONMENT_PAPER,
                                                     (const char * const *) envp, &error);
  g_assert_no_error (error);
  f->app = paddock_oauth_app_new (CLIENT_ID, CLIENT_SECRET);
  f->flow = paddock_oauth_flow_new (f->endpoints, f->app, PADDOCK_ENVIRONMENT_PAPER, all_scopes,
                                    f->ports, G_N_ELEMENTS (f->ports));
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_pointer (&f->result, g_ptr_array_unref);
  g_clear_error (&f->error);
  g_assert_finalize_object (f->flow);
  g_assert_finalize_object (f->endpoints);
  g_assert_finalize_object (f->app);
  sandbox_fixture_teardown (&f->sf, NULL);
}

static void
run_cb (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  Fixture *f = user_data;

  f->result = paddock_oauth_flow_run_finish (PADDOCK_OAUTH_FLOW (object), result, &f->error);
  f->done = TRUE;
}

typedef struct
{
  char *url;
  const char *decision;
  gboolean follow;
  guint status;
  char *location;
} Browser;

static gpointer
browser_thread (gpointer data)
{
  Browser *b = data;

  b->location = test_browser_consent (b->url, b->decision, b->follow, &b->status);
  return NULL;
}

static GThread *
start_browser (Fixture    *f,
               Browser    *b,
               const char *decision,
               gboolean    follow)
{
  b->url = g_strdup (paddock_oauth_flow_get_authorize_url (f->flow));
  b->decision = decision;
  b->follow = follow;
  return g_thread_new ("browser", browser_thread, b);
}

static void
browser_clear (Browser *b)
{
  g_free (b->url);
  g_free (b->location);
}

static void
assert_port_closed (guint16 port)
{
  g_autoptr (GSocketClient) client = g_socket_client_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (GSocketConnection) conn = NULL;

  conn = g_socket_client_connect_to_host (client, "127.0.0.1", port, NULL, &error);
  g_assert_null (conn);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED);
}

static void
test_authorize_url (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GUri) uri = NULL;
  g_autoptr (GHashTable) params = NULL;
  const char *url;

  g_assert_true (paddock_oauth_flow_start (f->flow, &error));
  g_assert_no_error (error);
  url = paddock_oauth_flow_get_authorize_url (f->flow);
  g_assert_true (g_str_has_prefix (url, paddock_sandbox_get_authorize_url (f->sf.sandbox)));
  uri = g_uri_parse (url, G_URI_FLAGS_ENCODED_QUERY, NULL);
  params = soup_form_decode (g_uri_get_query (uri));
  g_assert_cmpstr (g_hash_table_lookup (params, "response_type"), ==, "code");
  g_assert_cmpstr (g_hash_table_lookup (params, "client_id"), ==, CLIENT_ID);
  g_assert_cmpstr (g_hash_table_lookup (params, "redirect_uri"), ==,
                   paddock_oauth_flow_get_redirect_uri (f->flow));
  g_assert_cmpstr (g_hash_table_lookup (params, "scope"), ==, "account:write trading data");
  g_assert_cmpstr (g_hash_table_lookup (params, "env"), ==, "paper");
  g_assert_cmpstr (g_hash_table_lookup (params, "code_challenge_method"), ==, "S256");
  g_assert_cmpuint (strlen (g_hash_table_lookup (params, "state")), ==, 43);
  g_assert_cmpuint (strlen (g_hash_table_lookup (params, "code_challenge")), ==, 43);
  g_assert_null (g_hash_table_lookup (params, "code_verifier"));
  g_assert_null (g_hash_table_lookup (params, "client_secret"));
  g_assert_null (strstr (url, CLIENT_SECRET));
}

static void
test_approve (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GThread) thread = NULL;
  Browser b = { 0 };
  PaddockCredentials *credentials;
  guint16 port;

  g_assert_true (paddock_oauth_flow_start (f->flow, &error));
  port = f->ports[0];
  g_assert_true (g_str_has_suffix (paddock_oauth_flow_get_redirect_uri (f->flow), "/callback"));
  paddock_oauth_flow_run_async (f->flow, NULL, run_cb, f);
  thread = start_browser (f, &b, "approve", TRUE);
  paddock_test_wait_flag (&f->done, "the sign-in to finish");
  g_thread_join (g_steal_pointer (&thread));

  g_assert_no_error (f->error);
  g_assert_cmpuint (b.status, ==, 200);
  g_assert_cmpuint (f->result->len, ==, 1);
  credentials = g_ptr_array_index (f->result, 0);
  g_assert_cmpint (paddock_credentials_get_environment (credentials), ==, PADDOCK_ENVIRONMENT_DEMO);
  g_assert_cmpstr (paddock_credentials_get_scope (credentials), ==, "account:write trading data");
  g_assert_cmpstr (paddock_credentials_get_token_type (credentials), ==, "bearer");
  g_assert_true (g_str_has_prefix (paddock_credentials_get_account_number (credentials), "PA"));
  g_assert_nonnull (g_object_get_data (G_OBJECT (credentials), "paddock-account"));
  {
    /* the token really works */
    g_autoptr (TestReply) reply = test_request (&f->sf, "GET", "paper:/v2/account",
                                                paddock_credentials_get_access_token (credentials),
                                                NULL);

    g_assert_cmpuint (reply->status, ==, 200);
  }
  assert_port_closed (port);
  browser_clear (&b);
}

static gboolean
busy_redraw_cb (gpointer data)
{
  g_usleep (2000);   /* like a slow frame under software GL */
  return G_SOURCE_CONTINUE;
}

/* A window that redraws all the time (a spinner at GDK_PRIORITY_REDRAW) must not starve
 * the sign-in: nothing on its path may wait for an idle-priority source. */
static void
test_busy_main_loop (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr (GThread) thread = NULL;
  Browser b = { 0 };
  guint busy;

  g_assert_true (paddock_oauth_flow_start (f->flow, NULL));
  busy = g_idle_add_full (G_PRIORITY_HIGH_IDLE + 20, busy_redraw_cb, NULL, NULL);
  paddock_oauth_flow_run_async (f->flow, NULL, run_cb, f);
  thread = start_browser (f, &b, "approve", TRUE);
  paddock_test_wait_flag (&f->done, "the sign-in to finish");
  g_thread_join (g_steal_pointer (&thread));
  g_source_remove (busy);
  g_assert_no_error (f->error);
  g_assert_cmpuint (f->result->len, ==, 1);
  browser_clear (&b);
}

static void
test_deny (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr (GThread) thread = NULL;
  Browser b = { 0 };

  g_assert_true (paddock_oauth_flow_start (f->flow, NULL));
  paddock_oauth_flow_run_async (f->flow, NULL, run_cb, f);
  thread = start_browser (f, &b, "deny", TRUE);
  paddock_test_wait_flag (&f->done, "the sign-in to finish");
  g_thread_join (g_steal_pointer (&thread));
  g_assert_error (f->error, PADDOCK_ERROR, PADDOCK_ERROR_ACCESS_DENIED);
  g_assert_null (f->result);
  assert_port_closed (f->ports[0]);
  browser_clear (&b);
}

static void
test_wrong_secret (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr (GThread) thread = NULL;
  Browser b = { 0 };

  g_assert_true (paddock_oauth_flow_start (f->flow, NULL));
  paddock_oauth_flow_run_async (f->flow, NULL, run_cb, f);
  thread = start_browser (f, &b, "approve", TRUE);
  paddock_test_wait_flag (&f->done, "the sign-in to finish");
  g_thread_join (g_steal_pointer (&thread));
  g_assert_error (f->error, PADDOCK_ERROR, PADDOCK_ERROR_REJECTED);
  g_assert_cmpuint (paddock_error_get_http_status (f->error), ==, 401);
  g_assert_nonnull (strstr (f->error->message, "secret"));
  browser_clear (&b);
}

static gboolean
paste_cb (gpointer data)
{
  Fixture *f = data;
  Browser *b = g_object_get_data (G_OBJECT (f->flow), "browser");
  g_autoptr (GError) error = NULL;
  g_autofree char *forged = NULL;

  if (b->location == NULL)
    return G_SOURCE_CONTINUE;

  /* a wrong state is refused and the sign-in keeps waiting */
  forged = g_strdup_printf ("%s?code=abc&state=not-the-state", paddock_oauth_flow_get_redirect_uri (f->flow));
  g_assert_false (paddock_oauth_flow_submit_address (f->flow, forged, &error));
  g_assert_error (error, PADDOCK_ERROR, PADDOCK_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_false (paddock_oauth_flow_submit_address (f->flow, "not an address", &error));
  g_assert_error (error, PADDOCK_ERROR, PADDOCK_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_false (f->done);

  /* the real one, with stray spaces from the clipboard */
  {
    g_autofree char *pasted = g_strdup_printf ("  %s\n", b->location);

    g_assert_true (paddock_oauth_flow_submit_address (f->flow, pasted, &error));
    g_assert_no_error (error);
  }
  return G_SOURCE_REMOVE;
}

static void
test_paste_address (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr (GThread) thread = NULL;
  Browser b = { 0 };

  g_assert_true (paddock_oauth_flow_start (f->flow, NULL));
  paddock_oauth_flow_run_async (f->flow, NULL, run_cb, f);
  /* the browser is "on another machine": it does not reach the receiver */
  thread = start_browser (f, &b, "approve", FALSE);
  g_thread_join (g_steal_pointer (&thread));
  g_assert_nonnull (b.location);
  g_object_set_data (G_OBJECT (f->flow), "browser", &b);
  g_timeout_add (10, paste_cb, f);
  paddock_test_wait_flag (&f->done, "the sign-in to finish");
  g_assert_no_error (f->error);
  g_assert_cmpuint (f->result->len, ==, 1);
  assert_port_closed (f->ports[0]);
  browser_clear (&b);
}

static void
test_timeout (Fixture       *f,
              gconstpointer  data)
{
  paddock_oauth_flow_set_timeout (f->flow, 200);
  g_assert_true (paddock_oauth_flow_start (f->flow, NULL));
  paddock_oauth_flow_run_async (f->flow, NULL, run_cb, f);
  paddock_test_wait_flag (&f->done, "the sign-in to finish");
  g_assert_error (f->error, PADDOCK_ERROR, PADDOCK_ERROR_TIMED_OUT);
  assert_port_closed (f->ports[0]);
}

static gboolean
cancel_cb (gpointer data)
{
  g_cancellable_cancel (data);
  return G_SOURCE_REMOVE;
}

static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();

  g_assert_true (paddock_oauth_flow_start (f->flow, NULL));
  paddock_oauth_flow_run_async (f->flow, cancellable, run_cb, f);
  g_timeout_add (50, cancel_cb, cancellable);
  paddock_test_wait_flag (&f->done, "the sign-in to finish");
  g_assert_error (f->error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  assert_port_closed (f->ports[0]);
}

static void
discover_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  Fixture *f = user_data;

  f->result = paddock_oauth_flow_discover_finish (PADDOCK_OAUTH_FLOW (object), result,
                                                  &f->error);
  f->done = TRUE;
}

/* Approves in the scripted browser and waits for the run's result */
static void
approve_and_wait (Fixture *f)
{
  g_autoptr (GThread) thread = NULL;
  Browser b = { 0 };

  g_assert_true (paddock_oauth_flow_start (f->flow, NULL));
  paddock_oauth_flow_run_async (f->flow, NULL, run_cb, f);
  thread = start_browser (f, &b, "approve", TRUE);
  paddock_test_wait_flag (&f->done, "the sign-in to finish");
  g_thread_join (g_steal_pointer (&thread));
  g_assert_cmpuint (b.status, ==, 200);
  browser_clear (&b);
}

/* The paper host fails (the live one refuses a paper token, as Alpaca does): that is not a
 * token reaching no account. The flow keeps the token and finds the account once the host
 * is back, without the browser. */
static void
test_discovery_fails_then_retries (Fixture       *f,
                                   gconstpointer  data)
{
  PaddockCredentials *credentials;

  paddock_sandbox_add_fault (f->sf.sandbox, "GET", "/paper/v2/account",
                             PADDOCK_SANDBOX_FAULT_STATUS, 503, -1);
  approve_and_wait (f);
  g_assert_null (f->result);
  g_assert_error (f->error, PADDOCK_ERROR, PADDOCK_ERROR_NETWORK);
  g_assert_cmpuint (paddock_error_get_http_status (f->error), ==, 503);
  g_assert_true (paddock_oauth_flow_has_token (f->flow));

  /* still failing: the same again, and the token is still kept */
  g_clear_error (&f->error);
  f->done = FALSE;
  paddock_oauth_flow_discover_async (f->flow, NULL, discover_cb, f);
  paddock_test_wait_flag (&f->done, "the sign-in to finish");
  g_assert_error (f->error, PADDOCK_ERROR, PADDOCK_ERROR_NETWORK);
  g_assert_true (paddock_oauth_flow_has_token (f->flow));

  paddock_sandbox_clear_faults (f->sf.sandbox);
  g_clear_error (&f->error);
  f->done = FALSE;
  paddock_oauth_flow_discover_async (f->flow, NULL, discover_cb, f);
  paddock_test_wait_flag (&f->done, "the sign-in to finish");
  g_assert_no_error (f->error);
  g_assert_cmpuint (f->result->len, ==, 1);
  credentials = g_ptr_array_index (f->result, 0);
  g_assert_cmpint (paddock_credentials_get_environment (credentials), ==, PADDOCK_ENVIRONMENT_PAPER);
  g_assert_true (g_str_has_prefix (paddock_credentials_get_account_number (credentials), "PA"));
  g_assert_false (paddock_oauth_flow_has_token (f->flow));
  {
    g_autoptr (TestReply) reply = test_request (&f->sf, "GET", "paper:/v2/account",
                                                paddock_credentials_get_access_token (credentials),
                                                NULL);

    g_assert_cmpuint (reply->status, ==, 200);
  }
}

static guint revoker;

/* Revokes the token the flow is given as soon as it exists */
static gboolean
revoke_new_token_cb (gpointer user_data)
{
  Fixture *f = user_data;

  if (paddock_sandbox_revoke_all_tokens (f->sf.sandbox) == 0)
    return G_SOURCE_CONTINUE;
  revoker = 0;
  return G_SOURCE_REMOVE;
}

/* Only a token that every environment refuses reaches no account; it is not kept. */
static void
test_discovery_refused_everywhere (Fixture       *f,
                                   gconstpointer  data)
{
  /* the account requests wait at the server while the token is revoked under them */
  paddock_sandbox_revoke_all_tokens (f->sf.sandbox);
  paddock_sandbox_add_fault (f->sf.sandbox, "GET", "/paper/v2/account",
                             PADDOCK_SANDBOX_FAULT_LATENCY, 3000, -1);
  paddock_sandbox_add_fault (f->sf.sandbox, "GET", "/live/v2/account",
                             PADDOCK_SANDBOX_FAULT_LATENCY, 3000, -1);
  revoker = g_timeout_add (20, revoke_new_token_cb, f);
  approve_and_wait (f);
  /* the new token was revoked before its accounts were asked for */
  g_assert_cmpuint (revoker, ==, 0);

  g_assert_null (f->result);
  g_assert_error (f->error, PADDOCK_ERROR, PADDOCK_ERROR_NOT_AUTHORIZED);
  g_assert_false (paddock_oauth_flow_has_token (f->flow));
}

static void
test_ports_busy (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) sockets = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < G_N_ELEMENTS (f->ports); i++)
    {
      g_autoptr (GInetAddress) lo = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
      g_autoptr (GSocketAddress) sa = g_inet_socket_address_new (lo, f->ports[i]);
      GSocket *socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                      G_SOCKET_PROTOCOL_TCP, NULL);

      g_assert_true (g_socket_bind (socket, sa, FALSE, NULL));
      g_assert_true (g_socket_listen (socket, NULL));
      g_ptr_array_add (sockets, socket);
    }

  g_assert_false (paddock_oauth_flow_start (f->flow, &error));
  g_assert_error (error, PADDOCK_ERROR, PADDOCK_ERROR_FAILED);
  g_assert_null (paddock_oauth_flow_get_authorize_url (f->flow));
}

typedef struct
{
  char *url;
  guint status;
  char *location;
  char *cache_control;
  char *referrer_policy;
  int done;
} Fetch;

/* One GET, redirects not followed, from another thread (the receiver runs on this one) */
static gpointer
fetch_thread (gpointer data)
{
  Fetch *fetch = data;
  g_autoptr (SoupSession) session = soup_session_new_with_options ("timeout", 20, NULL);
  g_autoptr (SoupMessage) msg = soup_message_new ("GET", fetch->url);
  g_autoptr (GBytes) body = NULL;
  SoupMessageHeaders *headers = soup_message_get_response_headers (msg);

  soup_message_add_flags (msg, SOUP_MESSAGE_NO_REDIRECT);
  body = soup_session_send_and_read (session, msg, NULL, NULL);
  fetch->status = body ? soup_message_get_status (msg) : 0;
  fetch->location = g_strdup (soup_message_headers_get_one (headers, "Location"));
  fetch->cache_control = g_strdup (soup_message_headers_get_one (headers, "Cache-Control"));
  fetch->referrer_policy = g_strdup (soup_message_headers_get_one (headers, "Referrer-Policy"));
  g_atomic_int_set (&fetch->done, 1);
  g_main_context_wakeup (NULL);
  return NULL;
}

static void
fetch (Fetch      *f,
       const char *url)
{
  GThread *thread;

  memset (f, 0, sizeof *f);
  f->url = g_strdup (url);
  thread = g_thread_new ("fetch", fetch_thread, f);
  /* keep the receiver running meanwhile */
  while (!g_atomic_int_get (&f->done))
    g_main_context_iteration (NULL, TRUE);
  g_thread_join (thread);
}

static void
fetch_clear (Fetch *f)
{
  g_free (f->url);
  g_free (f->location);
  g_free (f->cache_control);
  g_free (f->referrer_policy);
}

static void
test_start_url (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *expected = NULL;
  const char *start_url;
  Fetch first;
  Fetch again;

  g_assert_null (paddock_oauth_flow_get_start_url (f->flow));
  g_assert_true (paddock_oauth_flow_start (f->flow, &error));
  g_assert_no_error (error);

  /* what the app and the CLI open: no state, no challenge, nothing secret */
  start_url = paddock_oauth_flow_get_start_url (f->flow);
  expected = g_strdup_printf ("http://127.0.0.1:%u/start", f->ports[0]);
  g_assert_cmpstr (start_url, ==, expected);
  g_assert_null (strstr (start_url, "state"));
  g_assert_null (strstr (start_url, "code_challenge"));

  /* it sends the browser on to exactly the authorize address, uncached, without a Referer */
  fetch (&first, start_url);
  g_assert_cmpuint (first.status, ==, 303);
  g_assert_cmpstr (first.location, ==, paddock_oauth_flow_get_authorize_url (f->flow));
  g_assert_cmpstr (first.cache_control, ==, "no-store");
  g_assert_cmpstr (first.referrer_policy, ==, "no-referrer");

  /* once: whoever asks afterwards learns nothing */
  fetch (&again, start_url);
  g_assert_cmpuint (again.status, ==, 410);
  g_assert_null (again.location);

  fetch_clear (&first);
  fetch_clear (&again);
}

typedef struct
{
  char *start_url;
  guint status;
  char *location;
} StartBrowser;

/* A browser opened on the start address: it follows the redirect to the consent page */
static gpointer
start_browser_thread (gpointer data)
{
  StartBrowser *b = data;
  g_autoptr (SoupSession) session = soup_session_new_with_options ("timeout", 20, NULL);
  g_autoptr (SoupMessage) msg = soup_message_new ("GET", b->start_url);
  g_autoptr (GBytes) body = NULL;
  const char *authorize;

  soup_message_add_flags (msg, SOUP_MESSAGE_NO_REDIRECT);
  body = soup_session_send_and_read (session, msg, NULL, NULL);
  authorize = soup_message_headers_get_one (soup_message_get_response_headers (msg), "Location");
  if (body != NULL && soup_message_get_status (msg) == 303 && authorize != NULL)
    b->location = test_browser_consent (authorize, "approve", TRUE, &b->status);
  return NULL;
}

/* Another local process that knows the port, but not the state, sends a denial: it is
 * refused and the sign-in goes on; the browser opened on the start address completes it. */
static void
test_forged_denial (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr (GThread) thread = NULL;
  g_autofree char *forged = NULL;
  StartBrowser b = { 0 };
  Fetch denial;
  guint16 port;

  g_assert_true (paddock_oauth_flow_start (f->flow, NULL));
  port = f->ports[0];
  paddock_oauth_flow_run_async (f->flow, NULL, run_cb, f);

  forged = g_strdup_printf ("%s?error=access_denied&state=%s",
                            paddock_oauth_flow_get_redirect_uri (f->flow), "not-the-state");
  fetch (&denial, forged);
  g_assert_cmpuint (denial.status, ==, 400);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_false (f->done);
  fetch_clear (&denial);

  b.start_url = g_strdup (paddock_oauth_flow_get_start_url (f->flow));
  thread = g_thread_new ("browser", start_browser_thread, &b);
  paddock_test_wait_flag (&f->done, "the sign-in to finish");
  g_thread_join (g_steal_pointer (&thread));

  g_assert_no_error (f->error);
  g_assert_cmpuint (b.status, ==, 200);
  g_assert_nonnull (b.location);
  g_assert_cmpuint (f->result->len, ==, 1);
  assert_port_closed (port);
  g_free (b.start_url);
  g_free (b.location);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  captured_log = g_string_new (NULL);
  g_log_set_debug_enabled (TRUE);
  g_log_set_writer_func (capture_writer, NULL, NULL);

  PADDOCK_TEST_ADD_FIXTURE ("/oauth-flow/authorize-url", Fixture, fixture, test_authorize_url);
  PADDOCK_TEST_ADD_FIXTURE ("/oauth-flow/approve", Fixture, fixture, test_approve);
  PADDOCK_TEST_ADD_FIXTURE ("/oauth-flow/deny", Fixture, fixture, test_deny);
  PADDOCK_TEST_ADD_FIXTURE ("/oauth-flow/busy-main-loop", Fixture, fixture, test_busy_main_loop);
  g_test_add ("/oauth-flow/wrong-secret", Fixture, NULL, setup_wrong_secret,
              test_wrong_secret, fixture_teardown);
  PADDOCK_TEST_ADD_FIXTURE ("/oauth-flow/paste-address", Fixture, fixture, test_paste_address);
  PADDOCK_TEST_ADD_FIXTURE ("/oauth-flow/timeout", Fixture, fixture, test_timeout);
  PADDOCK_TEST_ADD_FIXTURE ("/oauth-flow/cancel", Fixture, fixture, test_cancel);
  PADDOCK_TEST_ADD_FIXTURE ("/oauth-flow/ports-busy", Fixture, fixture, test_ports_busy);
  g_test_add ("/oauth-flow/discovery-fails-then-retries", Fixture, NULL, setup_paper,
              test_discovery_fails_then_retries, fixture_teardown);
  g_test_add ("/oauth-flow/discovery-refused-everywhere", Fixture, NULL, setup_paper,
              test_discovery_refused_everywhere, fixture_teardown);
  PADDOCK_TEST_ADD_FIXTURE ("/oauth-flow/start-url", Fixture, fixture, test_start_url);
  PADDOCK_TEST_ADD_FIXTURE ("/oauth-flow/forged-denial", Fixture, fixture, test_forged_denial);

  return g_test_run ();
}
