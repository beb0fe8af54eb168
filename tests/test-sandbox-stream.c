/* test-sandbox-stream.c: the sandbox's trade-updates websocket
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "paddock-sandbox-private.h"
#include "paddock-test-utils.h"
#include "sandbox-fixture.h"
#include "stream-client.h"

/* ---- emitting from the sandbox thread ---------------------------------------------- */

typedef struct
{
  PaddockSandbox *sandbox;
  SandboxEnv env;
  const char *json;
} EmitCall;

static gboolean
emit_cb (gpointer user_data)
{
  EmitCall *call = user_data;
  JsonNode *node = json_from_string (call->json, NULL);

  g_assert_nonnull (node);
  _sandbox_stream_emit (call->sandbox, call->env, node);
  return G_SOURCE_REMOVE;
}

/* Emits a synthetic trade update with this event name and order id; returns its JSON. */
static char *
emit_event (SandboxFixture *f,
            SandboxEnv      env,
            const char     *event,
            const char     *order_id)
{
  char *json = g_strdup_printf ("{\"event\":\"%s\",\"timestamp\":\"2024-01-08T15:32:10.004512Z\","
                                "\"order\":{\"id\":\"%s\",\"symbol\":\"MSFT\",\"qty\":\"10\","
                                "\"filled_qty\":\"0\",\"status\":\"%s\"}}",
                                event, order_id, event);
  EmitCall call = { f->sandbox, env, json };

  _sandbox_run_sync (f->sandbox, emit_cb, &call);
  return json;
}

/* Asserts that the next message is the trade update `expected` (JSON text) in a frame of
 * type frame_type. */
static void
expect_event (StreamClient          *c,
              const char            *expected,
              SoupWebsocketDataType  frame_type)
{
  g_autoptr (JsonNode) want = json_from_string (expected, NULL);
  JsonObject *data = stream_client_next (c, "trade_updates", frame_type);
  g_autoptr (JsonNode) got = json_node_init_object (json_node_alloc (), data);

  g_assert_true (json_node_equal (got, want));
}

static char *
live_token (SandboxFixture *f)
{
  return paddock_sandbox_issue_token (f->sandbox, "account:write trading data", "live");
}

/* ---- tests -------------------------------------------------------------------------- */

static void
test_authenticate (SandboxFixture *f,
                   gconstpointer   data)
{
  g_autoptr (StreamClient) paper = stream_client_connect (f, "paper");
  g_autoptr (StreamClient) live = stream_client_connect (f, "live");
  g_autofree char *token = live_token (f);
  /* a read-only token is enough to follow one's own orders */
  g_autofree char *read_only = paddock_sandbox_issue_token (f->sandbox, "", "paper");
  g_autoptr (StreamClient) reader = stream_client_connect (f, "paper");

  stream_client_authenticate (paper, f->token);
  stream_client_authenticate (live, token);
  stream_client_authenticate (reader, read_only);
  g_assert_false (paper->closed);
  g_assert_false (live->closed);
}

static void
test_authenticate_binary_frame (SandboxFixture *f,
                                gconstpointer   data)
{
  g_autoptr (StreamClient) c = stream_client_connect (f, "paper");
  g_autofree char *msg = g_strdup_printf ("{\"action\":\"authenticate\","
                                          "\"data\":{\"oauth_token\":\"%s\"}}", f->token);

  /* clients may send binary frames as well */
  stream_client_send (c, SOUP_WEBSOCKET_DATA_BINARY, msg);
  stream_client_expect_authorization (c, "authenticate", "authorized");
}

static void
test_unauthorized (SandboxFixture *f,
                   gconstpointer   data)
{
  g_autofree char *live = live_token (f);
  g_autofree char *revoked = paddock_sandbox_issue_token (f->sandbox, "trading", "paper");
  g_autofree char *bad_token = g_strdup_printf ("{\"action\":\"authenticate\","
                                                "\"data\":{\"oauth_token\":\"%s\"}}",
                                                "5c0d1f7e-93a2-4b8e-a1c4-2f6d8e0b7a91");
  g_autofree char *other_env = g_strdup_printf ("{\"action\":\"authenticate\","
                                                "\"data\":{\"oauth_token\":\"%s\"}}", live);
  g_autofree char *revoked_msg = g_strdup_printf ("{\"action\":\"authenticate\","
                                                  "\"data\":{\"oauth_token\":\"%s\"}}", revoked);
  g_autofree char *paper_on_live = g_strdup_printf ("{\"action\":\"authenticate\","
                                                    "\"data\":{\"oauth_token\":\"%s\"}}",
                                                    f->token);
  const struct { const char *env; const char *message; } cases[] = {
    { "paper", bad_token },
    { "paper", other_env },
    { "live", paper_on_live },
    { "paper", revoked_msg },
    { "paper", "{\"action\":\"authenticate\",\"data\":{\"key_id\":\"AKQ2W3E4R5T6Y7U8I9O0\","
               "\"secret_key\":\"abcdefghijklmnopqrstuvwxyz0123456789ABCD\"}}" },
    { "paper", "{\"action\":\"authenticate\",\"data\":{\"oauth_token\":42}}" },
    { "paper", "{\"action\":\"authenticate\"}" },
  };

  g_assert_true (paddock_sandbox_revoke_token (f->sandbox, revoked));

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (StreamClient) c = stream_client_connect (f, cases[i].env);

      g_test_message ("case %u: %s", i, cases[i].message);
      stream_client_send (c, SOUP_WEBSOCKET_DATA_TEXT, cases[i].message);
      stream_client_expect_authorization (c, "authenticate", "unauthorized");
      stream_client_wait_closed (c, SOUP_WEBSOCKET_CLOSE_POLICY_VIOLATION);
    }
}

static void
test_listen_before_auth (SandboxFixture *f,
                         gconstpointer   data)
{
  g_autoptr (StreamClient) c = stream_client_connect (f, "paper");
  g_autofree char *event = NULL;

  stream_client_send (c, SOUP_WEBSOCKET_DATA_TEXT,
                      "{\"action\":\"listen\",\"data\":{\"streams\":[\"trade_updates\"]}}");
  stream_client_expect_authorization (c, "listen", "unauthorized");

  /* the refused listen did not subscribe: events go only to authenticated listeners */
  event = emit_event (f, SANDBOX_ENV_PAPER, "new", "9b2e6f0c-1a3d-4e5f-8a7b-6c5d4e3f2a10");
  stream_client_assert_nothing_pending (c);

  /* the connection stays usable */
  stream_client_authenticate (c, f->token);
  stream_client_listen (c, "[\"trade_updates\"]", "[\"trade_updates\"]");
}

static void
test_listen (SandboxFixture *f,
             gconstpointer   data)
{
  g_autoptr (StreamClient) c = stream_client_connect (f, "paper");

  stream_client_authenticate (c, f->token);
  stream_client_listen (c, "[\"trade_updates\"]", "[\"trade_updates\"]");
  /* names the sandbox does not serve are not echoed */
  stream_client_listen (c, "[\"account_updates\",\"trade_updates\"]", "[\"trade_updates\"]");
  stream_client_listen (c, "[\"account_updates\"]", "[]");
  stream_client_listen (c, "[]", "[]");
}

static void
test_events_binary (SandboxFixture *f,
                    gconstpointer   data)
{
  g_autoptr (StreamClient) c = stream_client_connect (f, "paper");
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;

  stream_client_authenticate (c, f->token);
  stream_client_listen (c, "[\"trade_updates\"]", "[\"trade_updates\"]");

  first = emit_event (f, SANDBOX_ENV_PAPER, "new", "9b2e6f0c-1a3d-4e5f-8a7b-6c5d4e3f2a10");
  second = emit_event (f, SANDBOX_ENV_PAPER, "fill", "9b2e6f0c-1a3d-4e5f-8a7b-6c5d4e3f2a10");
  expect_event (c, first, SOUP_WEBSOCKET_DATA_BINARY);
  expect_event (c, second, SOUP_WEBSOCKET_DATA_BINARY);
  stream_client_assert_nothing_pending (c);
}

static void
test_text_frames (SandboxFixture *f,
                  gconstpointer   data)
{
  g_autoptr (StreamClient) c = stream_client_connect (f, "paper");
  g_autofree char *event = NULL;
  g_autofree char *msg = g_strdup_printf ("{\"action\":\"authenticate\","
                                          "\"data\":{\"oauth_token\":\"%s\"}}", f->token);
  JsonObject *reply;

  paddock_sandbox_set_text_frames (f->sandbox, TRUE);

  stream_client_send (c, SOUP_WEBSOCKET_DATA_TEXT, msg);
  reply = stream_client_next (c, "authorization", SOUP_WEBSOCKET_DATA_TEXT);
  g_assert_cmpstr (json_object_get_string_member (reply, "status"), ==, "authorized");

  stream_client_send (c, SOUP_WEBSOCKET_DATA_TEXT,
                      "{\"action\":\"listen\",\"data\":{\"streams\":[\"trade_updates\"]}}");
  stream_client_next (c, "listening", SOUP_WEBSOCKET_DATA_TEXT);

  event = emit_event (f, SANDBOX_ENV_PAPER, "canceled", "1e7c2d44-5f0a-4b6e-9d3c-8a2b1c0d9e8f");
  expect_event (c, event, SOUP_WEBSOCKET_DATA_TEXT);
}

static void
test_events_by_env_and_listening (SandboxFixture *f,
                                  gconstpointer   data)
{
  g_autoptr (StreamClient) paper = stream_client_connect (f, "paper");
  g_autoptr (StreamClient) quiet = stream_client_connect (f, "paper");
  g_autoptr (StreamClient) live = stream_client_connect (f, "live");
  g_autoptr (StreamClient) anonymous = stream_client_connect (f, "paper");
  g_autofree char *token = live_token (f);
  g_autofree char *paper_event = NULL;
  g_autofree char *live_event = NULL;

  stream_client_authenticate (paper, f->token);
  stream_client_authenticate (quiet, f->token);
  stream_client_authenticate (live, token);
  stream_client_listen (paper, "[\"trade_updates\"]", "[\"trade_updates\"]");
  stream_client_listen (live, "[\"trade_updates\"]", "[\"trade_updates\"]");

  paper_event = emit_event (f, SANDBOX_ENV_PAPER, "new", "11111111-1a3d-4e5f-8a7b-6c5d4e3f2a10");
  expect_event (paper, paper_event, SOUP_WEBSOCKET_DATA_BINARY);
  stream_client_assert_nothing_pending (live);
  stream_client_assert_nothing_pending (quiet);
  stream_client_assert_nothing_pending (anonymous);

  live_event = emit_event (f, SANDBOX_ENV_LIVE, "new", "22222222-1a3d-4e5f-8a7b-6c5d4e3f2a10");
  expect_event (live, live_event, SOUP_WEBSOCKET_DATA_BINARY);
  stream_client_assert_nothing_pending (paper);
  stream_client_assert_nothing_pending (quiet);
}

static void
test_listen_empty_stops (SandboxFixture *f,
                         gconstpointer   data)
{
  g_autoptr (StreamClient) c = stream_client_connect (f, "paper");
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *third = NULL;

  stream_client_authenticate (c, f->token);
  stream_client_listen (c, "[\"trade_updates\"]", "[\"trade_updates\"]");
  first = emit_event (f, SANDBOX_ENV_PAPER, "new", "9b2e6f0c-1a3d-4e5f-8a7b-6c5d4e3f2a10");
  expect_event (c, first, SOUP_WEBSOCKET_DATA_BINARY);

  stream_client_listen (c, "[]", "[]");
  second = emit_event (f, SANDBOX_ENV_PAPER, "fill", "9b2e6f0c-1a3d-4e5f-8a7b-6c5d4e3f2a10");
  stream_client_assert_nothing_pending (c);

  /* and listening again resumes, without replaying what was missed */
  stream_client_listen (c, "[\"trade_updates\"]", "[\"trade_updates\"]");
  third = emit_event (f, SANDBOX_ENV_PAPER, "canceled", "9b2e6f0c-1a3d-4e5f-8a7b-6c5d4e3f2a10");
  expect_event (c, third, SOUP_WEBSOCKET_DATA_BINARY);
}

static void
test_fault_ws_close_after (SandboxFixture *f,
                           gconstpointer   data)
{
  g_autoptr (StreamClient) c = NULL;
  g_autoptr (StreamClient) next = NULL;
  g_autoptr (GPtrArray) events = g_ptr_array_new_with_free_func (g_free);

  paddock_sandbox_add_fault (f->sandbox, NULL, "/paper/stream",
                             PADDOCK_SANDBOX_FAULT_WS_CLOSE_AFTER, 2, 1);
  c = stream_client_connect (f, "paper");
  /* count = 1: only the first connection is affected */
  next = stream_client_connect (f, "paper");

  stream_client_authenticate (c, f->token);
  stream_client_listen (c, "[\"trade_updates\"]", "[\"trade_updates\"]");
  stream_client_authenticate (next, f->token);
  stream_client_listen (next, "[\"trade_updates\"]", "[\"trade_updates\"]");

  g_ptr_array_add (events, emit_event (f, SANDBOX_ENV_PAPER, "new",
                                       "9b2e6f0c-1a3d-4e5f-8a7b-6c5d4e3f2a10"));
  g_ptr_array_add (events, emit_event (f, SANDBOX_ENV_PAPER, "partial_fill",
                                       "9b2e6f0c-1a3d-4e5f-8a7b-6c5d4e3f2a10"));
  g_ptr_array_add (events, emit_event (f, SANDBOX_ENV_PAPER, "fill",
                                       "9b2e6f0c-1a3d-4e5f-8a7b-6c5d4e3f2a10"));

  expect_event (c, g_ptr_array_index (events, 0), SOUP_WEBSOCKET_DATA_BINARY);
  expect_event (c, g_ptr_array_index (events, 1), SOUP_WEBSOCKET_DATA_BINARY);
  stream_client_wait_closed (c, SOUP_WEBSOCKET_CLOSE_NORMAL);
  /* the third event never arrived */
  g_assert_cmpuint (c->next, ==, c->messages->len);

  for (guint i = 0; i < events->len; i++)
    expect_event (next, g_ptr_array_index (events, i), SOUP_WEBSOCKET_DATA_BINARY);
  stream_client_assert_nothing_pending (next);
}

/* ws_silent: once listening, the connection stays open but answers nothing and gets no
 * events; the next connection is not affected (count = 1). */
static void
test_fault_ws_silent (SandboxFixture *f,
                      gconstpointer   data)
{
  g_autoptr (StreamClient) c = NULL;
  g_autoptr (StreamClient) next = NULL;
  g_autofree char *event = NULL;

  paddock_sandbox_add_fault (f->sandbox, NULL, "/paper/stream",
                             PADDOCK_SANDBOX_FAULT_WS_SILENT, 0, 1);
  c = stream_client_connect (f, "paper");
  next = stream_client_connect (f, "paper");

  stream_client_authenticate (c, f->token);
  stream_client_listen (c, "[\"trade_updates\"]", "[\"trade_updates\"]");
  stream_client_authenticate (next, f->token);
  stream_client_listen (next, "[\"trade_updates\"]", "[\"trade_updates\"]");

  event = emit_event (f, SANDBOX_ENV_PAPER, "new", "9b2e6f0c-1a3d-4e5f-8a7b-6c5d4e3f2a10");
  stream_client_send (c, SOUP_WEBSOCKET_DATA_TEXT,
                      "{\"action\":\"listen\",\"data\":{\"streams\":[\"trade_updates\"]}}");
  stream_client_send (c, SOUP_WEBSOCKET_DATA_TEXT, "{\"action\":\"round_trip\"}");

  /* the healthy connection gets the event and its round trip answered; by then the silent
   * one, which the server handles in the same thread, would have had its answers too */
  expect_event (next, event, SOUP_WEBSOCKET_DATA_BINARY);
  stream_client_assert_nothing_pending (next);
  stream_client_assert_nothing_pending (next);
  paddock_test_drain ();
  g_assert_cmpuint (c->next, ==, c->messages->len);
  g_assert_false (c->closed);
  g_assert_cmpint (soup_websocket_connection_get_state (c->conn), ==, SOUP_WEBSOCKET_STATE_OPEN);
}

typedef struct
{
  gboolean done;
  SoupWebsocketConnection *conn;
  GError *error;
} HandshakeResult;

static void
handshake_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  HandshakeResult *r = user_data;

  r->conn = soup_session_websocket_connect_finish (SOUP_SESSION (source), result, &r->error);
  r->done = TRUE;
}

/* A status fault on the stream's path answers the upgrade itself (429 with Retry-After) */
static void
test_fault_handshake_status (SandboxFixture *f,
                             gconstpointer   data)
{
  g_autofree char *http = test_url (f, "paper:/stream");
  g_autofree char *ws = g_strconcat ("ws://", http + strlen ("http://"), NULL);
  g_autoptr (SoupMessage) msg = soup_message_new ("GET", ws);
  HandshakeResult r = { 0 };
  g_autoptr (StreamClient) after = NULL;

  paddock_sandbox_add_fault (f->sandbox, "GET", "/paper/stream",
                             PADDOCK_SANDBOX_FAULT_STATUS, 429, 1);
  soup_session_websocket_connect_async (f->session, msg, NULL, NULL, G_PRIORITY_DEFAULT,
                                        NULL, handshake_cb, &r);
  paddock_test_wait_flag (&r.done, "the refused upgrade");
  g_assert_null (r.conn);
  g_assert_nonnull (r.error);
  g_clear_error (&r.error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 429);
  g_assert_cmpstr (soup_message_headers_get_one (soup_message_get_response_headers (msg),
                                                 "Retry-After"), ==, "1");

  /* count = 1: the next upgrade works */
  after = stream_client_connect (f, "paper");
  stream_client_authenticate (after, f->token);
}

static void
test_revoked_token_stops_events (SandboxFixture *f,
                                 gconstpointer   data)
{
  g_autofree char *token = paddock_sandbox_issue_token (f->sandbox, "trading", "paper");
  g_autoptr (StreamClient) c = stream_client_connect (f, "paper");
  g_autoptr (StreamClient) other = stream_client_connect (f, "paper");
  g_autoptr (StreamClient) late = stream_client_connect (f, "paper");
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;

  stream_client_authenticate (c, token);
  stream_client_listen (c, "[\"trade_updates\"]", "[\"trade_updates\"]");
  stream_client_authenticate (other, f->token);
  stream_client_listen (other, "[\"trade_updates\"]", "[\"trade_updates\"]");
  stream_client_authenticate (late, token);
  first = emit_event (f, SANDBOX_ENV_PAPER, "new", "9b2e6f0c-1a3d-4e5f-8a7b-6c5d4e3f2a10");
  expect_event (c, first, SOUP_WEBSOCKET_DATA_BINARY);
  expect_event (other, first, SOUP_WEBSOCKET_DATA_BINARY);

  g_assert_true (paddock_sandbox_revoke_token (f->sandbox, token));

  /* a connection that authenticated before the revocation may not start listening */
  stream_client_send (late, SOUP_WEBSOCKET_DATA_TEXT,
                      "{\"action\":\"listen\",\"data\":{\"streams\":[\"trade_updates\"]}}");
  stream_client_expect_authorization (late, "listen", "unauthorized");
  stream_client_wait_closed (late, SOUP_WEBSOCKET_CLOSE_POLICY_VIOLATION);

  second = emit_event (f, SANDBOX_ENV_PAPER, "fill", "9b2e6f0c-1a3d-4e5f-8a7b-6c5d4e3f2a10");
  stream_client_wait_closed (c, SOUP_WEBSOCKET_CLOSE_POLICY_VIOLATION);
  g_assert_cmpuint (c->next, ==, c->messages->len);

  /* another token's connection is not affected */
  expect_event (other, second, SOUP_WEBSOCKET_DATA_BINARY);

}

static void
test_malformed_message (SandboxFixture *f,
                        gconstpointer   data)
{
  g_autoptr (StreamClient) c = stream_client_connect (f, "paper");
  const char *bad[] = {
    "{\"action\": \"authenticate\", ",
    "not json at all",
    "[\"authenticate\"]",
    "{\"action\":\"subscribe\",\"data\":{}}",
    "{\"data\":{\"streams\":[\"trade_updates\"]}}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      JsonObject *error;

      stream_client_send (c, i % 2 ? SOUP_WEBSOCKET_DATA_BINARY : SOUP_WEBSOCKET_DATA_TEXT,
                          bad[i]);
      error = stream_client_next (c, "error", SOUP_WEBSOCKET_DATA_BINARY);
      g_assert_cmpint (json_node_get_value_type (json_object_get_member (error, "code")), ==,
                       G_TYPE_INT64);
      g_assert_cmpint (json_node_get_value_type (json_object_get_member (error, "message")), ==,
                       G_TYPE_STRING);
      g_assert_false (c->closed);
    }

  /* the connection is kept and still works */
  stream_client_authenticate (c, f->token);
  stream_client_send (c, SOUP_WEBSOCKET_DATA_TEXT,
                      "{\"action\":\"listen\",\"data\":{\"streams\":\"trade_updates\"}}");
  stream_client_next (c, "error", SOUP_WEBSOCKET_DATA_BINARY);
  stream_client_listen (c, "[\"trade_updates\"]", "[\"trade_updates\"]");
}

static void
test_plain_get_is_not_routed (SandboxFixture *f,
                              gconstpointer   data)
{
  g_autoptr (TestReply) reply = test_request (f, "GET", "paper:/stream", f->token, NULL);

  /* the websocket handler owns the path: a request without the upgrade is refused */
  g_assert_no_error (reply->error);
  g_assert_cmpuint (reply->status, ==, 400);
}

static void
test_shutdown_closes (SandboxFixture *f,
                      gconstpointer   data)
{
  g_autoptr (StreamClient) c = stream_client_connect (f, "paper");

  stream_client_authenticate (c, f->token);
  paddock_sandbox_stop (f->sandbox);
  stream_client_wait_closed (c, SOUP_WEBSOCKET_CLOSE_GOING_AWAY);
}

/* A burst: count trade updates at once, binary frames, the newest orders first and round
 * again, each in its present status with updated_at moved to now */
static void
test_burst (SandboxFixture *f,
            gconstpointer   data)
{
  g_autoptr (StreamClient) c = stream_client_connect (f, "paper");
  g_autoptr (TestReply) list = NULL;
  g_autoptr (TestReply) r = NULL;
  JsonArray *orders;
  gint64 before;

  /* nothing to announce yet */
  g_assert_cmpuint (paddock_sandbox_burst_trade_updates (f->sandbox, "paper", 5), ==, 0);
  g_assert_cmpuint (paddock_sandbox_seed_orders (f->sandbox, "paper", 3, "AAPL"), ==, 3);
  list = test_request (f, "GET", "paper:/v2/orders?status=all&direction=desc&limit=10",
                       f->token, NULL);
  orders = test_reply_array (list);
  g_assert_cmpuint (json_array_get_length (orders), ==, 3);

  stream_client_authenticate (c, f->token);
  stream_client_listen (c, "[\"trade_updates\"]", "[\"trade_updates\"]");

  before = g_get_real_time ();
  g_assert_cmpuint (paddock_sandbox_burst_trade_updates (f->sandbox, "paper", 0), ==, 0);
  g_assert_cmpuint (paddock_sandbox_burst_trade_updates (f->sandbox, "paper", 100001), ==, 0);
  g_assert_cmpuint (paddock_sandbox_burst_trade_updates (f->sandbox, "paper", 7), ==, 7);
  for (guint i = 0; i < 7; i++)
    {
      JsonObject *event = stream_client_next (c, "trade_updates", SOUP_WEBSOCKET_DATA_BINARY);
      JsonObject *order = json_object_get_object_member (event, "order");
      JsonObject *listed = json_array_get_object_element (orders, i % 3);
      const char *status = json_object_get_string_member (order, "status");
      g_autoptr (GDateTime) updated =
        g_date_time_new_from_iso8601 (json_object_get_string_member (order, "updated_at"), NULL);

      g_assert_cmpstr (json_object_get_string_member (order, "id"), ==,
                       json_object_get_string_member (listed, "id"));
      g_assert_cmpstr (status, ==, json_object_get_string_member (listed, "status"));
      /* seeded orders are canceled or expired: the event says so */
      g_assert_true (g_strcmp0 (status, "canceled") == 0 || g_strcmp0 (status, "expired") == 0);
      g_assert_cmpstr (json_object_get_string_member (event, "event"), ==, status);
      g_assert_nonnull (updated);
      g_assert_cmpint (g_date_time_to_unix (updated), >=, before / G_USEC_PER_SEC);
    }
  stream_client_assert_nothing_pending (c);

  /* the control API does the same, and checks what it reads */
  r = test_request (f, "POST", "root:/_sandbox/burst", NULL, "{\"count\":4}");
  g_assert_cmpuint (r->status, ==, 200);
  g_assert_cmpint (json_object_get_int_member (test_reply_object (r), "count"), ==, 4);
  for (guint i = 0; i < 4; i++)
    {
      JsonObject *event = stream_client_next (c, "trade_updates", SOUP_WEBSOCKET_DATA_BINARY);

      g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (event, "order"),
                                                      "id"), ==,
                       json_object_get_string_member (json_array_get_object_element (orders, i % 3),
                                                      "id"));
    }
  {
    static const struct { const char *body; guint status; } bad[] = {
      { "{\"count\":\"4\"}", 400 },
      { "{\"count\":null}", 400 },
      { "{\"count\":4,\"environment\":[]}", 400 },
      { "{}", 422 },
      { "{\"count\":0}", 422 },
      { "{\"count\":100001}", 422 },
      { "{\"count\":4,\"environment\":\"moon\"}", 422 },
      { "{\"count\":4,\"environment\":\"live\"}", 422 },   /* live has no orders */
    };

    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        g_autoptr (TestReply) e = test_request (f, "POST", "root:/_sandbox/burst", NULL,
                                                bad[i].body);

        g_assert_cmpuint (e->status, ==, bad[i].status);
        test_assert_alpaca_error (e, bad[i].status);
      }
  }
  stream_client_assert_nothing_pending (c);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  PADDOCK_TEST_ADD_SANDBOX ("/sandbox/stream/authenticate", test_authenticate);
  PADDOCK_TEST_ADD_SANDBOX ("/sandbox/stream/authenticate-binary-frame",
                            test_authenticate_binary_frame);
  PADDOCK_TEST_ADD_SANDBOX ("/sandbox/stream/unauthorized", test_unauthorized);
  PADDOCK_TEST_ADD_SANDBOX ("/sandbox/stream/listen-before-auth", test_listen_before_auth);
  PADDOCK_TEST_ADD_SANDBOX ("/sandbox/stream/listen", test_listen);
  PADDOCK_TEST_ADD_SANDBOX ("/sandbox/stream/events-binary", test_events_binary);
  PADDOCK_TEST_ADD_SANDBOX ("/sandbox/stream/text-frames", test_text_frames);
  PADDOCK_TEST_ADD_SANDBOX ("/sandbox/stream/events-by-env-and-listening",
                            test_events_by_env_and_listening);
  PADDOCK_TEST_ADD_SANDBOX ("/sandbox/stream/listen-empty-stops", test_listen_empty_stops);
  PADDOCK_TEST_ADD_SANDBOX ("/sandbox/stream/fault-ws-close-after", test_fault_ws_close_after);
  PADDOCK_TEST_ADD_SANDBOX ("/sandbox/stream/fault-ws-silent", test_fault_ws_silent);
  PADDOCK_TEST_ADD_SANDBOX ("/sandbox/stream/fault-handshake-status",
                            test_fault_handshake_status);
  PADDOCK_TEST_ADD_SANDBOX ("/sandbox/stream/revoked-token", test_revoked_token_stops_events);
  PADDOCK_TEST_ADD_SANDBOX ("/sandbox/stream/malformed-message", test_malformed_message);
  PADDOCK_TEST_ADD_SANDBOX ("/sandbox/stream/plain-get", test_plain_get_is_not_routed);
  PADDOCK_TEST_ADD_SANDBOX ("/sandbox/stream/shutdown-closes", test_shutdown_closes);
  PADDOCK_TEST_ADD_SANDBOX ("/sandbox/stream/burst", test_burst);

  return g_test_run ();
}
