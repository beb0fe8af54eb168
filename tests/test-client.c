/* test-client.c: PaddockClient against the sandbox: errors, retries, backoff, Retry-After
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "paddock-client.h"
#include "paddock-error.h"
#include "sandbox-fixture.h"

typedef struct
{
  JsonNode *node;
  GError *error;
  GPtrArray *attempts;   /* "METHOD path #n" */
  gint64 started;
  gint64 finished;
} Run;

static void
attempt_cb (PaddockClient *client,
            const char    *method,
            const char    *path,
            guint          attempt,
            Run           *run)
{
  g_ptr_array_add (run->attempts, g_strdup_printf ("%s %s #%u", method, path, attempt));
}

static void
request_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Run *run = user_data;

  run->node = paddock_client_request_finish (PADDOCK_CLIENT (object), result, &run->error);
  run->finished = g_get_monotonic_time ();
}

static void
run_request (PaddockClient *client,
             const char    *method,
             const char    *path,
             JsonNode      *body,
             PaddockRequestFlags flags,
             Run           *run)
{
  gulong id;

  run->attempts = g_ptr_array_new_with_free_func (g_free);
  id = g_signal_connect (client, "attempt", G_CALLBACK (attempt_cb), run);
  run->started = g_get_monotonic_time ();
  run->finished = 0;
  paddock_client_request_async (client, method, path, NULL, body, flags, NULL, request_cb, run);
  PADDOCK_TEST_WAIT_UNTIL (run->finished != 0);
  g_signal_handler_disconnect (client, id);
}

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->node, json_node_unref);
  g_clear_error (&run->error);
  g_clear_pointer (&run->attempts, g_ptr_array_unref);
}

static PaddockClient *
new_client (SandboxFixture *f,
            const char     *token)
{
  PaddockClient *client = paddock_client_new (paddock_sandbox_get_paper_url (f->sandbox), token);

  /* short backoff so the test is quick; the shape of the policy is what is tested */
  paddock_client_set_retry_policy (client, 3, 20, 200);
  return client;
}

static void
test_get_retries_5xx (SandboxFixture *f,
                      gconstpointer   data)
{
  g_autoptr (PaddockClient) client = new_client (f, f->token);
  Run run = { 0 };

  paddock_sandbox_add_fault (f->sandbox, "GET", "/paper/v2/nothing", PADDOCK_SANDBOX_FAULT_STATUS, 503, 1);
  paddock_sandbox_add_fault (f->sandbox, "GET", "/paper/v2/nothing", PADDOCK_SANDBOX_FAULT_STATUS, 502, 1);
  paddock_sandbox_add_fault (f->sandbox, "GET", "/paper/v2/nothing", PADDOCK_SANDBOX_FAULT_STATUS, 500, 1);
  run_request (client, "GET", "/v2/nothing", NULL, PADDOCK_REQUEST_DEFAULT, &run);

  /* three server errors, then the real answer (404) on the fourth attempt */
  g_assert_cmpuint (run.attempts->len, ==, 4);
  g_assert_error (run.error, PADDOCK_ERROR, PADDOCK_ERROR_NOT_FOUND);
  g_assert_cmpuint (paddock_error_get_http_status (run.error), ==, 404);
  g_assert_cmpint (paddock_error_get_api_code (run.error), ==, 40410000);
  g_assert_cmpstr (run.error->message, ==, "endpoint not found");
  run_clear (&run);
}

static void
test_get_gives_up (SandboxFixture *f,
                   gconstpointer   data)
{
  g_autoptr (PaddockClient) client = new_client (f, f->token);
  Run run = { 0 };

  paddock_sandbox_add_fault (f->sandbox, "GET", "/paper/v2/nothing", PADDOCK_SANDBOX_FAULT_STATUS, 503, -1);
  run_request (client, "GET", "/v2/nothing", NULL, PADDOCK_REQUEST_DEFAULT, &run);
  g_assert_cmpuint (run.attempts->len, ==, 4);
  g_assert_error (run.error, PADDOCK_ERROR, PADDOCK_ERROR_NETWORK);
  g_assert_cmpuint (paddock_error_get_http_status (run.error), ==, 503);
  run_clear (&run);
}

static void
test_get_retries_connection_errors (SandboxFixture *f,
                                    gconstpointer   data)
{
  g_autoptr (PaddockClient) client = new_client (f, f->token);
  Run run = { 0 };

  paddock_sandbox_add_fault (f->sandbox, "GET", "/paper/v2/nothing", PADDOCK_SANDBOX_FAULT_RESET, 0, 2);
  run_request (client, "GET", "/v2/nothing", NULL, PADDOCK_REQUEST_DEFAULT, &run);
  g_assert_cmpuint (run.attempts->len, ==, 3);
  g_assert_error (run.error, PADDOCK_ERROR, PADDOCK_ERROR_NOT_FOUND);
  run_clear (&run);
}

static void
test_post_never_retried (SandboxFixture *f,
                         gconstpointer   data)
{
  const PaddockSandboxFaultKind kinds[] = { PADDOCK_SANDBOX_FAULT_STATUS, PADDOCK_SANDBOX_FAULT_RESET };

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      g_autoptr (PaddockClient) client = new_client (f, f->token);
      g_autoptr (JsonNode) body = json_from_string ("{\"symbol\":\"AAPL\"}", NULL);
      Run run = { 0 };

      paddock_sandbox_clear_faults (f->sandbox);
      paddock_sandbox_add_fault (f->sandbox, "POST", "/paper/v2/nothing", kinds[i], 503, -1);
      run_request (client, "POST", "/v2/nothing", body, PADDOCK_REQUEST_DEFAULT, &run);
      g_assert_cmpuint (run.attempts->len, ==, 1);
      g_assert_error (run.error, PADDOCK_ERROR, PADDOCK_ERROR_NETWORK);
      run_clear (&run);

      /* even a 429 on a POST is handed back, not retried */
      paddock_sandbox_clear_faults (f->sandbox);
      paddock_sandbox_add_fault (f->sandbox, "PATCH", "/paper/v2/nothing", PADDOCK_SANDBOX_FAULT_STATUS, 429, -1);
      run_request (client, "PATCH", "/v2/nothing", body, PADDOCK_REQUEST_DEFAULT, &run);
      g_assert_cmpuint (run.attempts->len, ==, 1);
      g_assert_error (run.error, PADDOCK_ERROR, PADDOCK_ERROR_RATE_LIMITED);
      run_clear (&run);
    }
}

static void
test_idempotent_delete_retried (SandboxFixture *f,
                                gconstpointer   data)
{
  g_autoptr (PaddockClient) client = new_client (f, f->token);
  Run run = { 0 };

  paddock_sandbox_add_fault (f->sandbox, "DELETE", "/paper/v2/nothing", PADDOCK_SANDBOX_FAULT_STATUS, 502, 1);
  run_request (client, "DELETE", "/v2/nothing", NULL, PADDOCK_REQUEST_IDEMPOTENT, &run);
  g_assert_cmpuint (run.attempts->len, ==, 2);
  run_clear (&run);
}

/* libsoup sends DELETE (an idempotent method in HTTP) again by itself when a reused
 * connection closes before the reply; a request that must go out once must not be. */
static void
test_delete_once_on_reused_connection (SandboxFixture *f,
                                       gconstpointer   data)
{
  g_autoptr (PaddockClient) client = new_client (f, f->token);
  Run run = { 0 };

  /* a connection that has been used */
  run_request (client, "GET", "/v2/account", NULL, PADDOCK_REQUEST_DEFAULT, &run);
  g_assert_no_error (run.error);
  run_clear (&run);

  paddock_sandbox_add_fault (f->sandbox, "DELETE", "/paper/v2/nothing", PADDOCK_SANDBOX_FAULT_RESET,
                             0, 1);
  run_request (client, "DELETE", "/v2/nothing", NULL, PADDOCK_REQUEST_DEFAULT, &run);
  g_assert_cmpuint (run.attempts->len, ==, 1);
  /* sent a second time, it would have reached the sandbox's 404 */
  g_assert_error (run.error, PADDOCK_ERROR, PADDOCK_ERROR_NETWORK);
  run_clear (&run);
}

static void
test_retry_after_honoured (SandboxFixture *f,
                           gconstpointer   data)
{
  g_autoptr (PaddockClient) client = new_client (f, f->token);
  Run run = { 0 };

  /* the sandbox's 429 fault says Retry-After: 1; our own backoff is 20 ms */
  paddock_sandbox_add_fault (f->sandbox, "GET", "/paper/v2/nothing", PADDOCK_SANDBOX_FAULT_STATUS, 429, 1);
  run_request (client, "GET", "/v2/nothing", NULL, PADDOCK_REQUEST_DEFAULT, &run);
  g_assert_cmpuint (run.attempts->len, ==, 2);
  g_assert_error (run.error, PADDOCK_ERROR, PADDOCK_ERROR_NOT_FOUND);
  g_assert_cmpint (run.finished - run.started, >=, 1 * G_USEC_PER_SEC);
  run_clear (&run);
}

static void
test_retry_after_past_deadline (SandboxFixture *f,
                                gconstpointer   data)
{
  g_autoptr (PaddockClient) client = new_client (f, f->token);
  Run run = { 0 };

  /* Retry-After: 1 does not fit in a deadline of 1.5 s with time left for the request:
   * the call ends at once, rate limited, instead of waiting for a retry it cannot make */
  g_object_set (client, "deadline-ms", 1500, NULL);
  paddock_sandbox_add_fault (f->sandbox, "GET", "/paper/v2/nothing",
                             PADDOCK_SANDBOX_FAULT_STATUS, 429, 1);
  run_request (client, "GET", "/v2/nothing", NULL, PADDOCK_REQUEST_DEFAULT, &run);
  g_assert_cmpuint (run.attempts->len, ==, 1);
  g_assert_error (run.error, PADDOCK_ERROR, PADDOCK_ERROR_RATE_LIMITED);
  g_assert_cmpuint (paddock_error_get_http_status (run.error), ==, 429);
  run_clear (&run);
}

static void
test_rate_limit_window (SandboxFixture *f,
                        gconstpointer   data)
{
  g_autoptr (PaddockClient) client = new_client (f, f->token);
  Run run = { 0 };

  /* with 2 requests a minute the third must wait for the window's reset (or Retry-After),
   * never fail straight away */
  paddock_sandbox_set_rate_limit (f->sandbox, 2);
  for (int i = 0; i < 2; i++)
    {
      run_request (client, "GET", "/v2/nothing", NULL, PADDOCK_REQUEST_DEFAULT, &run);
      g_assert_error (run.error, PADDOCK_ERROR, PADDOCK_ERROR_NOT_FOUND);
      run_clear (&run);
    }
  /* a POST is not held back for it, and reports the 429 */
  {
    g_autoptr (JsonNode) body = json_from_string ("{}", NULL);

    run_request (client, "POST", "/v2/nothing", body, PADDOCK_REQUEST_DEFAULT, &run);
    g_assert_cmpuint (run.attempts->len, ==, 1);
    g_assert_error (run.error, PADDOCK_ERROR, PADDOCK_ERROR_RATE_LIMITED);
    g_assert_cmpuint (paddock_error_get_http_status (run.error), ==, 429);
    run_clear (&run);
  }
}

static void
test_malformed_reply (SandboxFixture *f,
                      gconstpointer   data)
{
  g_autoptr (PaddockClient) client = new_client (f, f->token);
  Run run = { 0 };

  paddock_sandbox_add_fault (f->sandbox, "GET", "/paper/v2/nothing", PADDOCK_SANDBOX_FAULT_MALFORMED, 0, 1);
  run_request (client, "GET", "/v2/nothing", NULL, PADDOCK_REQUEST_DEFAULT, &run);
  g_assert_cmpuint (run.attempts->len, ==, 1);
  g_assert_error (run.error, PADDOCK_ERROR, PADDOCK_ERROR_PROTOCOL);
  run_clear (&run);
}

static void
test_unauthorized (SandboxFixture *f,
                   gconstpointer   data)
{
  g_autoptr (PaddockClient) client = new_client (f, "not-a-token");
  Run run = { 0 };

  run_request (client, "GET", "/v2/account", NULL, PADDOCK_REQUEST_DEFAULT, &run);
  g_assert_error (run.error, PADDOCK_ERROR, PADDOCK_ERROR_NOT_AUTHORIZED);
  g_assert_cmpuint (paddock_error_get_http_status (run.error), ==, 401);
  g_assert_cmpuint (run.attempts->len, ==, 1);
  run_clear (&run);
}

static void
test_redact_url (void)
{
  g_autofree char *a = paddock_redact_url ("/v1/last/stocks/AAPL?apiKey=AKSECRET&x=1");
  g_autofree char *b = paddock_redact_url ("/callback?code=abc&state=def");
  g_autofree char *c = paddock_redact_url ("/v2/orders?status=all&limit=5");

  g_assert_cmpstr (a, ==, "/v1/last/stocks/AAPL?apiKey=[redacted]&x=1");
  g_assert_cmpstr (b, ==, "/callback?code=[redacted]&state=[redacted]");
  g_assert_cmpstr (c, ==, "/v2/orders?status=all&limit=5");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  PADDOCK_TEST_ADD_SANDBOX ("/client/retry/get-5xx", test_get_retries_5xx);
  PADDOCK_TEST_ADD_SANDBOX ("/client/retry/gives-up", test_get_gives_up);
  PADDOCK_TEST_ADD_SANDBOX ("/client/retry/connection-errors", test_get_retries_connection_errors);
  PADDOCK_TEST_ADD_SANDBOX ("/client/retry/post-never", test_post_never_retried);
  PADDOCK_TEST_ADD_SANDBOX ("/client/retry/idempotent-delete", test_idempotent_delete_retried);
  PADDOCK_TEST_ADD_SANDBOX ("/client/retry/delete-once", test_delete_once_on_reused_connection);
  PADDOCK_TEST_ADD_SANDBOX ("/client/retry/retry-after", test_retry_after_honoured);
  PADDOCK_TEST_ADD_SANDBOX ("/client/retry/retry-after-past-deadline",
                            test_retry_after_past_deadline);
  PADDOCK_TEST_ADD_SANDBOX ("/client/retry/rate-limit-window", test_rate_limit_window);
  PADDOCK_TEST_ADD_SANDBOX ("/client/errors/malformed", test_malformed_reply);
  PADDOCK_TEST_ADD_SANDBOX ("/client/errors/unauthorized", test_unauthorized);
  g_test_add_func ("/client/redact-url", test_redact_url);

  return g_test_run ();
}
