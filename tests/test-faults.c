/* test-faults.c: the fault matrix of docs/RELIABILITY.md that core meets: a signed-in
 * session, trading and the sign-in, each against the in-process sandbox with one of its
 * faults, through the app's own code paths (PaddockSession, paddock-trading.h,
 * PaddockOAuthFlow). Each test checks what people get: a clear error, recovery once the
 * fault is gone, nothing lost, no duplicate order, bounded memory.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gio.h>
#include <stdio.h>
#include <string.h>

#include "paddock-error.h"
#include "paddock-oauth-app.h"
#include "paddock-oauth-flow.h"
#include "paddock-session.h"
#include "paddock-trading.h"
#include "paddock-test-session.h"
#include "sandbox-fixture.h"

#define ACCOUNT_PATH "/paper/v2/account"

typedef struct
{
  SandboxFixture sf;
  PaddockEndpoints *endpoints;
  PaddockSession *session;
  gboolean ok;
  GError *error;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  paddock_test_session_setup (&f->sf, &f->endpoints, &f->session);
  /* the policy's shape (three retries) with short waits, so that the test is quick */
  paddock_client_set_retry_policy (paddock_session_get_client (f->session), 3, 10, 40);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_error (&f->error);
  paddock_test_session_teardown (&f->sf, &f->endpoints, &f->session);
}

static void
refresh (Fixture *f)
{
  g_auto (PaddockTestAsync) w = { 0 };

  g_clear_error (&f->error);
  paddock_session_refresh_async (f->session, NULL, paddock_test_async_cb, &w);
  f->ok = paddock_session_refresh_finish (f->session, paddock_test_async_wait (&w), &f->error);
  /* the account answered, the lists follow: let them end, so that no request of theirs
   * meets the next fault (its path prefix also matches /v2/account/activities) */
  PADDOCK_TEST_WAIT_UNTIL (
    !paddock_order_store_get_loading (paddock_session_get_order_store (f->session)) &&
    !paddock_position_store_get_loading (paddock_session_get_position_store (f->session)) &&
    !paddock_activity_store_get_loading (paddock_session_get_activity_store (f->session)));
}

static guint
account_requests (Fixture *f)
{
  /* the account itself, not /v2/account/activities or /v2/account/configurations */
  return paddock_sandbox_count_requests (f->sf.sandbox, "GET", ACCOUNT_PATH) -
         paddock_sandbox_count_requests (f->sf.sandbox, "GET", ACCOUNT_PATH "/");
}

/* A message people can read: not empty nor endless, valid UTF-8, no server page in it */
static void
assert_clear_message (const GError *error)
{
  g_assert_nonnull (error);
  g_assert_nonnull (error->message);
  g_assert_cmpuint (strlen (error->message), >, 0);
  g_assert_cmpuint (strlen (error->message), <, 200);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  g_assert_null (strstr (error->message, "<html"));
  g_assert_null (strstr (error->message, "<title"));
  g_assert_null (strstr (error->message, "nginx"));
}

/* The account was loaded before the fault: it stays, and the session says why it failed. */
static void
assert_failed_and_kept (Fixture        *f,
                        PaddockAccount *account,
                        const char     *cash)
{
  g_assert_false (f->ok);
  g_assert_cmpint (paddock_session_get_state (f->session), ==, PADDOCK_SESSION_FAILED);
  g_assert_nonnull (paddock_session_get_error (f->session));
  assert_clear_message (paddock_session_get_error (f->session));
  g_assert_true (paddock_session_get_account (f->session) == account);
  g_assert_cmpstr (paddock_account_get_cash (account), ==, cash);
}

/* The fault gone, the next refresh works again. */
static void
assert_recovers (Fixture *f)
{
  paddock_sandbox_clear_faults (f->sf.sandbox);
  refresh (f);
  g_assert_no_error (f->error);
  g_assert_true (f->ok);
  g_assert_cmpint (paddock_session_get_state (f->session), ==, PADDOCK_SESSION_READY);
  g_assert_null (paddock_session_get_error (f->session));
}

static PaddockAccount *
load_account (Fixture  *f,
              char    **cash)
{
  PaddockAccount *account;

  refresh (f);
  g_assert_no_error (f->error);
  account = paddock_session_get_account (f->session);
  g_assert_nonnull (account);
  *cash = g_strdup (paddock_account_get_cash (account));
  return account;
}

/* ---- 429 with Retry-After ------------------------------------------------------------ */

static void
test_rate_limited (Fixture       *f,
                   gconstpointer  data)
{
  guint before = account_requests (f);
  gint64 start;

  /* the sandbox's 429 says Retry-After: 1, far longer than the client's own 10 ms wait */
  paddock_sandbox_add_fault (f->sf.sandbox, "GET", ACCOUNT_PATH, PADDOCK_SANDBOX_FAULT_STATUS,
                             429, 1);
  start = g_get_monotonic_time ();
  refresh (f);
  g_assert_no_error (f->error);
  g_assert_cmpint (paddock_session_get_state (f->session), ==, PADDOCK_SESSION_READY);
  g_assert_cmpuint (account_requests (f) - before, ==, 2);
  g_assert_cmpint (g_get_monotonic_time () - start, >=, G_USEC_PER_SEC);

  /* rate limited for good: a clear error, not an endless wait */
  paddock_sandbox_add_fault (f->sf.sandbox, "GET", ACCOUNT_PATH, PADDOCK_SANDBOX_FAULT_STATUS,
                             429, -1);
  g_object_set (paddock_session_get_client (f->session), "deadline-ms", 2500, NULL);
  refresh (f);
  g_assert_error (f->error, PADDOCK_ERROR, PADDOCK_ERROR_RATE_LIMITED);
  assert_clear_message (f->error);
  g_object_set (paddock_session_get_client (f->session), "deadline-ms", 60000, NULL);
  assert_recovers (f);
}

/* ---- 500, 502, 503 on reads ----------------------------------------------------------- */

static void
test_read_5xx (Fixture       *f,
               gconstpointer  data)
{
  const guint statuses[] = { 500, 502, 503 };
  g_autofree char *cash = NULL;
  PaddockAccount *account = load_account (f, &cash);

  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    {
      guint before = account_requests (f);

      /* once: retried, and the refresh works */
      paddock_sandbox_add_fault (f->sf.sandbox, "GET", ACCOUNT_PATH,
                                 PADDOCK_SANDBOX_FAULT_STATUS, (int) statuses[i], 1);
      refresh (f);
      g_assert_no_error (f->error);
      g_assert_cmpuint (account_requests (f) - before, ==, 2);

      /* for good: the three retries, then a clear error; the account stays */
      before = account_requests (f);
      paddock_sandbox_add_fault (f->sf.sandbox, "GET", ACCOUNT_PATH,
                                 PADDOCK_SANDBOX_FAULT_STATUS, (int) statuses[i], -1);
      refresh (f);
      g_assert_error (f->error, PADDOCK_ERROR, PADDOCK_ERROR_NETWORK);
      g_assert_cmpuint (paddock_error_get_http_status (f->error), ==, statuses[i]);
      g_assert_cmpuint (account_requests (f) - before, ==, 4);
      assert_failed_and_kept (f, account, cash);
      assert_recovers (f);
    }
}

/* ---- connection reset ------------------------------------------------------------------ */

static void
test_connection_reset (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *cash = NULL;
  PaddockAccount *account = load_account (f, &cash);
  guint before = account_requests (f);

  paddock_sandbox_add_fault (f->sf.sandbox, "GET", ACCOUNT_PATH, PADDOCK_SANDBOX_FAULT_RESET,
                             0, 2);
  refresh (f);
  g_assert_no_error (f->error);
  g_assert_cmpuint (account_requests (f) - before, ==, 3);

  paddock_sandbox_add_fault (f->sf.sandbox, "GET", ACCOUNT_PATH, PADDOCK_SANDBOX_FAULT_RESET,
                             0, -1);
  refresh (f);
  g_assert_error (f->error, PADDOCK_ERROR, PADDOCK_ERROR_NETWORK);
  assert_failed_and_kept (f, account, cash);
  assert_recovers (f);
}

/* ---- bodies that are not what they should be -------------------------------------------- */

typedef struct
{
  PaddockSandboxFaultKind kind;
  int param;
  gint code;   /* a PaddockError */
} BodyFault;

static const BodyFault malformed = { PADDOCK_SANDBOX_FAULT_MALFORMED, 0, PADDOCK_ERROR_PROTOCOL };
static const BodyFault deep = { PADDOCK_SANDBOX_FAULT_DEEP, 100000, PADDOCK_ERROR_PROTOCOL };
static const BodyFault invalid_utf8 = { PADDOCK_SANDBOX_FAULT_INVALID_UTF8, 0,
                                        PADDOCK_ERROR_PROTOCOL };
/* an HTML page from a proxy: the status decides (a server error, retried), the page is
 * never shown */
static const BodyFault html_502 = { PADDOCK_SANDBOX_FAULT_HTML, 502, PADDOCK_ERROR_NETWORK };
static const BodyFault html_403 = { PADDOCK_SANDBOX_FAULT_HTML, 403, PADDOCK_ERROR_REJECTED };

static void
test_bad_body (Fixture       *f,
               gconstpointer  data)
{
  const BodyFault *fault = data;
  g_autofree char *cash = NULL;
  PaddockAccount *account = load_account (f, &cash);

  paddock_sandbox_add_fault (f->sf.sandbox, "GET", ACCOUNT_PATH, fault->kind, fault->param, -1);
  refresh (f);
  g_assert_error (f->error, PADDOCK_ERROR, fault->code);
  assert_failed_and_kept (f, account, cash);
  if (fault->kind == PADDOCK_SANDBOX_FAULT_HTML)
    g_assert_cmpstr (f->error->message, ==, soup_status_get_phrase ((guint) fault->param));
  assert_recovers (f);
}

/* A body cut short: an error (the transfer failed, or what came is not JSON), then recovery */
static void
test_truncated (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *cash = NULL;
  PaddockAccount *account = load_account (f, &cash);

  paddock_sandbox_add_fault (f->sf.sandbox, "GET", ACCOUNT_PATH, PADDOCK_SANDBOX_FAULT_TRUNCATED,
                             0, -1);
  refresh (f);
  g_assert_nonnull (f->error);
  g_assert_true (g_error_matches (f->error, PADDOCK_ERROR, PADDOCK_ERROR_NETWORK) ||
                 g_error_matches (f->error, PADDOCK_ERROR, PADDOCK_ERROR_PROTOCOL));
  assert_failed_and_kept (f, account, cash);
  assert_recovers (f);
}

/* kB of one line of /proc/self/status */
static gsize
status_kb (const char *name)
{
  g_autofree char *text = NULL;
  const char *line;

  g_assert_true (g_file_get_contents ("/proc/self/status", &text, NULL, NULL));
  line = strstr (text, name);
  g_assert_nonnull (line);
  return (gsize) g_ascii_strtoull (line + strlen (name) + 1, NULL, 10);
}

/* 50 MB of valid JSON: refused at the reply cap (16 MiB), and the process's peak resident
 * memory grows by less than the body's size (16 MB measured). AddressSanitizer's quarantine
 * keeps every freed buffer resident, the reader's growing steps included (57 MB measured
 * there): its bound is looser, and still far below what reading the whole body would keep
 * there (the body and each doubling step, over 120 MB). Valgrind's memcheck does the same
 * (it holds freed blocks back, 20 MB by default, and pads each one; 44 MB measured), so under
 * it (PADDOCK_MEMCHECK=1) the bound is the same as AddressSanitizer's. */
static gsize
peak_bound_kb (gsize size)
{
#ifdef __SANITIZE_ADDRESS__
  return size / 1024 * 3 / 2;
#else
  return paddock_test_slowdown () > 1 ? size / 1024 * 3 / 2 : size / 1024 * 3 / 4;
#endif
}

static void
test_large_body (Fixture       *f,
                 gconstpointer  data)
{
  const int size = 50 * 1000 * 1000;
  g_autofree char *cash = NULL;
  PaddockAccount *account = load_account (f, &cash);
  gsize before_kb, peak_kb;

  /* reset the peak (VmHWM) to what is resident now */
  {
    FILE *clear = fopen ("/proc/self/clear_refs", "w");

    g_assert_nonnull (clear);
    g_assert_cmpint (fputs ("5", clear), >=, 0);
    g_assert_cmpint (fclose (clear), ==, 0);
  }
  before_kb = status_kb ("VmRSS:");

  paddock_sandbox_add_fault (f->sf.sandbox, "GET", ACCOUNT_PATH, PADDOCK_SANDBOX_FAULT_LARGE,
                             size, -1);
  refresh (f);
  g_assert_error (f->error, PADDOCK_ERROR, PADDOCK_ERROR_PROTOCOL);
  assert_failed_and_kept (f, account, cash);
  peak_kb = status_kb ("VmHWM:");
  g_test_message ("resident before: %" G_GSIZE_FORMAT " kB, peak during: %" G_GSIZE_FORMAT
                  " kB", before_kb, peak_kb);
  g_assert_cmpuint (peak_kb - MIN (peak_kb, before_kb), <, peak_bound_kb ((gsize) size));
  assert_recovers (f);
}

/* ---- reply lost on cancel ----------------------------------------------------------------- */

static PaddockOrder *
submit_limit (PaddockClient *client,
              const char    *client_order_id)
{
  g_autoptr (PaddockOrderRequest) r = paddock_order_request_new ();
  g_auto (PaddockTestAsync) w = { 0 };
  g_autoptr (GError) error = NULL;
  PaddockOrder *order;
  gboolean lost = TRUE;

  paddock_order_request_set_symbol (r, "AAPL");
  paddock_order_request_set_side (r, PADDOCK_ORDER_SIDE_BUY);
  paddock_order_request_set_kind (r, PADDOCK_ORDER_TYPE_LIMIT);
  paddock_order_request_set_qty (r, "3");
  paddock_order_request_set_limit_price (r, "120");
  paddock_order_request_set_client_order_id (r, client_order_id);
  paddock_trading_submit_async (client, r, NULL, paddock_test_async_cb, &w);
  order = paddock_trading_submit_finish (client, paddock_test_async_wait (&w), &lost, &error);
  g_assert_no_error (error);
  g_assert_false (lost);
  return order;
}

/* The sandbox's orders with this client_order_id, and the status of the last one */
static guint
orders_with (SandboxFixture *f,
             const char     *client_order_id,
             const char    **status,
             TestReply     **keep)
{
  JsonArray *array;
  guint n = 0;

  *keep = test_request (f, "GET", "paper:/v2/orders?status=all&limit=500", f->token, NULL);
  array = test_reply_array (*keep);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *o = json_array_get_object_element (array, i);

      if (g_strcmp0 (json_object_get_string_member_with_default (o, "client_order_id", ""),
                     client_order_id) == 0)
        {
          *status = json_object_get_string_member (o, "status");
          n++;
        }
    }
  return n;
}

/* The cancel is carried out and its reply lost: the app retries the DELETE (it may: a
 * cancel is idempotent), which the broker now refuses (422, the order is no longer
 * open). The cancel the person asked for happened: it must be reported as done. */
static void
test_cancel_reply_lost (Fixture       *f,
                        gconstpointer  data)
{
  PaddockClient *client = paddock_session_get_client (f->session);
  g_autoptr (PaddockOrder) order = NULL;
  g_autoptr (TestReply) keep = NULL;
  g_auto (PaddockTestAsync) w = { 0 };
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;
  const char *status = NULL;
  guint deletes;

  g_assert_true (paddock_sandbox_set_price (f->sf.sandbox, "AAPL", "200.00"));
  order = submit_limit (client, "faults-cancel-lost");
  path = g_strdup_printf ("/paper/v2/orders/%s", paddock_order_get_id (order));
  deletes = paddock_sandbox_count_requests (f->sf.sandbox, "DELETE", path);

  paddock_sandbox_add_fault (f->sf.sandbox, "DELETE", "/paper/v2/orders",
                             PADDOCK_SANDBOX_FAULT_DROP_AFTER_COMMIT, 0, 1);
  paddock_trading_cancel_async (client, paddock_order_get_id (order), NULL,
                                paddock_test_async_cb, &w);
  g_assert_true (paddock_trading_cancel_finish (client, paddock_test_async_wait (&w), &error));
  g_assert_no_error (error);
  g_assert_cmpuint (paddock_sandbox_count_requests (f->sf.sandbox, "DELETE", path) - deletes,
                    >=, 1);

  /* one order, canceled */
  g_assert_cmpuint (orders_with (&f->sf, "faults-cancel-lost", &status, &keep), ==, 1);
  g_assert_cmpstr (status, ==, "canceled");
}

/* An order that really cannot be canceled any more is still refused, lost reply or not */
static void
test_cancel_refused_stays_refused (Fixture       *f,
                                   gconstpointer  data)
{
  PaddockClient *client = paddock_session_get_client (f->session);
  g_autoptr (PaddockOrder) order = NULL;
  g_auto (PaddockTestAsync) w = { 0 };
  g_autoptr (GError) error = NULL;

  g_assert_true (paddock_sandbox_set_price (f->sf.sandbox, "AAPL", "200.00"));
  order = submit_limit (client, "faults-cancel-filled");
  /* the market falls through the limit: the order fills */
  g_assert_true (paddock_sandbox_set_price (f->sf.sandbox, "AAPL", "110.00"));
  paddock_trading_cancel_async (client, paddock_order_get_id (order), NULL,
                                paddock_test_async_cb, &w);
  g_assert_false (paddock_trading_cancel_finish (client, paddock_test_async_wait (&w), &error));
  g_assert_error (error, PADDOCK_ERROR, PADDOCK_ERROR_REJECTED);
}

/* ---- hostile requests to the loopback receiver during a real sign-in ---------------------- */

#define FLOW_CLIENT_ID "paddock-faults-test"
#define FLOW_CLIENT_SECRET "faults-test-secret-1234567890"
#define IDLE_CONNECTIONS 100

typedef struct
{
  char *authorize_url;
  guint16 port;
  guint wrong_state;
  guint wrong_host;
  guint huge_headers;
  guint idle_open;
  guint consent_status;
  char *location;
} Hostile;

static GSocket *
connect_to (guint16 port)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr (GSocketAddress) address = g_inet_socket_address_new (loopback, port);
  GSocket *socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                  G_SOCKET_PROTOCOL_TCP, &error);

  g_assert_no_error (error);
  if (!g_socket_connect (socket, address, NULL, &error))
    {
      g_clear_object (&socket);
      return NULL;
    }
  g_socket_set_timeout (socket, 30);
  return socket;
}

/* Sends @request and returns the reply's status (0: closed without one) */
static guint
exchange (guint16     port,
          const char *request,
          gsize       length)
{
  g_autoptr (GSocket) socket = connect_to (port);
  char buf[1024];
  gssize n;
  gsize sent = 0;
  guint status = 0;

  if (socket == NULL)
    return 0;
  while (sent < length)
    {
      n = g_socket_send (socket, request + sent, length - sent, NULL, NULL);
      if (n <= 0)
        break;   /* the receiver may close on a request it refuses */
      sent += (gsize) n;
    }
  n = g_socket_receive (socket, buf, sizeof buf - 1, NULL, NULL);
  if (n > 0)
    {
      buf[n] = '\0';
      if (g_str_has_prefix (buf, "HTTP/1.1 ") || g_str_has_prefix (buf, "HTTP/1.0 "))
        status = (guint) g_ascii_strtoull (buf + 9, NULL, 10);
    }
  return status;
}

static gpointer
hostile_thread (gpointer data)
{
  Hostile *h = data;
  g_autoptr (GPtrArray) idle = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *wrong_state = NULL;
  g_autofree char *wrong_host = NULL;
  g_autofree char *wrong_state_state = NULL;
  g_autoptr (GUri) uri = g_uri_parse (h->authorize_url, G_URI_FLAGS_ENCODED_QUERY, NULL);
  g_autoptr (GHashTable) params = g_uri_parse_params (g_uri_get_query (uri), -1, "&",
                                                      G_URI_PARAMS_NONE, NULL);
  GString *huge;

  /* many connections that send nothing and stay open */
  for (guint i = 0; i < IDLE_CONNECTIONS; i++)
    {
      GSocket *socket = connect_to (h->port);

      if (socket != NULL)
        g_ptr_array_add (idle, socket);
    }
  h->idle_open = idle->len;

  /* a callback with another state (a forged or stale one) */
  wrong_state = g_strdup_printf ("GET /callback?code=forged&state=0123456789abcdef0123456789abcdef"
                                 " HTTP/1.1\r\nHost: 127.0.0.1:%u\r\nConnection: close\r\n\r\n",
                                 h->port);
  h->wrong_state = exchange (h->port, wrong_state, strlen (wrong_state));

  /* the right state under another Host (DNS rebinding from a web page) */
  wrong_host = g_strdup_printf ("GET /callback?code=forged&state=%s HTTP/1.1\r\n"
                                "Host: evil.example:%u\r\nConnection: close\r\n\r\n",
                                (const char *) g_hash_table_lookup (params, "state"), h->port);
  h->wrong_host = exchange (h->port, wrong_host, strlen (wrong_host));

  /* 1 MB of headers */
  huge = g_string_new (NULL);
  g_string_append_printf (huge, "GET /callback?code=forged HTTP/1.1\r\nHost: 127.0.0.1:%u\r\n",
                          h->port);
  while (huge->len < 1024 * 1024)
    g_string_append (huge, "X-Filler: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n");
  g_string_append (huge, "\r\n");
  h->huge_headers = exchange (h->port, huge->str, huge->len);
  g_string_free (huge, TRUE);

  /* the person's browser, the idle connections still open */
  h->location = test_browser_consent (h->authorize_url, "approve", TRUE, &h->consent_status);

  return NULL;
}

static void
flow_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  GPtrArray **out = user_data;
  g_autoptr (GError) error = NULL;

  *out = paddock_oauth_flow_run_finish (PADDOCK_OAUTH_FLOW (object), result, &error);
  g_assert_no_error (error);
}

static void
test_sign_in_hostile_loopback (Fixture       *f,
                               gconstpointer  data)
{
  const char *scopes[] = { "account:write", "trading", "data", NULL };
  guint16 ports[2];
  g_autoptr (PaddockOAuthApp) app = NULL;
  g_autoptr (PaddockOAuthFlow) flow = NULL;
  g_autoptr (GPtrArray) result = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GThread) thread = NULL;
  g_autoptr (TestReply) reply = NULL;
  Hostile h = { 0 };
  PaddockCredentials *credentials;

  test_free_ports (ports, G_N_ELEMENTS (ports));
  test_register_client (&f->sf, FLOW_CLIENT_ID, FLOW_CLIENT_SECRET, ports, G_N_ELEMENTS (ports));
  app = paddock_oauth_app_new (FLOW_CLIENT_ID, FLOW_CLIENT_SECRET);
  flow = paddock_oauth_flow_new (f->endpoints, app, PADDOCK_ENVIRONMENT_PAPER, scopes, ports,
                                 G_N_ELEMENTS (ports));
  g_assert_true (paddock_oauth_flow_start (flow, &error));
  g_assert_no_error (error);
  paddock_oauth_flow_run_async (flow, NULL, flow_done_cb, &result);

  h.authorize_url = g_strdup (paddock_oauth_flow_get_authorize_url (flow));
  h.port = ports[0];
  thread = g_thread_new ("hostile", hostile_thread, &h);
  PADDOCK_TEST_WAIT_UNTIL (result != NULL);
  g_thread_join (g_steal_pointer (&thread));

  g_test_message ("idle %u, wrong state %u, wrong Host %u, 1 MB headers %u, consent %u",
                  h.idle_open, h.wrong_state, h.wrong_host, h.huge_headers, h.consent_status);
  g_assert_cmpuint (h.idle_open, >, 0);
  g_assert_cmpuint (h.wrong_state, >=, 400);
  g_assert_cmpuint (h.wrong_host, >=, 400);
  g_assert_true (h.huge_headers == 0 || h.huge_headers == 431);
  /* the real callback got through, and the sign-in ended with a working token */
  g_assert_cmpuint (h.consent_status, ==, 200);
  g_assert_cmpuint (result->len, ==, 1);
  credentials = g_ptr_array_index (result, 0);
  reply = test_request (&f->sf, "GET", "paper:/v2/account",
                        paddock_credentials_get_access_token (credentials), NULL);
  g_assert_cmpuint (reply->status, ==, 200);
  g_free (h.authorize_url);
  g_free (h.location);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) PADDOCK_TEST_ADD_FIXTURE (path, Fixture, fixture, func)
#define ADD_DATA(path, func, data) \
  g_test_add (path, Fixture, data, fixture_setup, func, fixture_teardown)
  ADD ("/faults/rate-limited", test_rate_limited);
  ADD ("/faults/read-5xx", test_read_5xx);
  ADD ("/faults/connection-reset", test_connection_reset);
  ADD_DATA ("/faults/body/malformed", test_bad_body, &malformed);
  ADD ("/faults/body/truncated", test_truncated);
  ADD_DATA ("/faults/body/deep-100000", test_bad_body, &deep);
  ADD ("/faults/body/large-50mb", test_large_body);
  ADD_DATA ("/faults/body/html-502", test_bad_body, &html_502);
  ADD_DATA ("/faults/body/html-403", test_bad_body, &html_403);
  ADD_DATA ("/faults/body/invalid-utf8", test_bad_body, &invalid_utf8);
  ADD ("/faults/trading/cancel-reply-lost", test_cancel_reply_lost);
  ADD ("/faults/trading/cancel-refused", test_cancel_refused_stays_refused);
  ADD ("/faults/sign-in/hostile-loopback", test_sign_in_hostile_loopback);

  return g_test_run ();
}
