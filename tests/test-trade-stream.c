/* test-trade-stream.c: PaddockTradeStream against the sandbox's trade-updates websocket
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Delays are tested through what the stream scheduled ("reconnect-scheduled"), never by the
 * clock; the base delay is shortened so that reconnects happen within milliseconds.
 */
#include "config.h"

#include <string.h>

#include "paddock-error.h"
#include "paddock-sandbox-private.h"
#include "paddock-test-utils.h"
#include "paddock-trade-stream.h"
#include "sandbox-fixture.h"

#define TEST_BASE_MS 20
#define TEST_MAX_MS  2000

#define LIMIT_ORDER "{\"symbol\":\"MSFT\",\"qty\":\"1\",\"side\":\"buy\",\"type\":\"limit\"," \
                    "\"limit_price\":\"1.00\",\"time_in_force\":\"gtc\"}"

typedef struct
{
  PaddockTradeStream *stream;
  GPtrArray *updates;           /* PaddockTradeUpdate* */
  GPtrArray *data;              /* char*: the data of each update, as JSON text */
  guint n_connected;
  GArray *delays;               /* guint: every scheduled reconnect delay */
  GArray *error_codes;          /* int: the error code when each reconnect was scheduled */
  guint want;                   /* for the wait predicates */
  PaddockTradeStreamState want_state;
} Watch;

static void
update_cb (PaddockTradeStream *stream,
           PaddockTradeUpdate *update,
           JsonNode           *data,
           Watch              *w)
{
  g_ptr_array_add (w->updates, g_object_ref (update));
  g_ptr_array_add (w->data, json_to_string (data, FALSE));
}

static void
connected_cb (PaddockTradeStream *stream,
              Watch              *w)
{
  g_assert_cmpint (paddock_trade_stream_get_state (stream), ==,
                   PADDOCK_TRADE_STREAM_STATE_LIVE);
  g_assert_null (paddock_trade_stream_get_error (stream));
  w->n_connected++;
}

static void
reconnect_scheduled_cb (PaddockTradeStream *stream,
                        guint               delay_ms,
                        Watch              *w)
{
  const GError *error = paddock_trade_stream_get_error (stream);
  int code = error != NULL && error->domain == PADDOCK_ERROR ? error->code : -1;
  guint property = 0;

  g_object_get (stream, "reconnect-delay-ms", &property, NULL);
  g_assert_cmpuint (property, ==, delay_ms);
  g_assert_cmpint (paddock_trade_stream_get_state (stream), ==,
                   PADDOCK_TRADE_STREAM_STATE_RECONNECTING);
  g_assert_cmpint (paddock_trade_stream_get_reconnect_at (stream), >, 0);
  g_array_append_val (w->delays, delay_ms);
  g_array_append_val (w->error_codes, code);
}

static char *
stream_url (SandboxFixture *f)
{
  g_autofree char *http = test_url (f, "paper:/stream");

  g_assert_true (g_str_has_prefix (http, "http://"));
  return g_strconcat ("ws://", http + strlen ("http://"), NULL);
}

/* A stream to url (NULL: the sandbox's paper stream), watched */
static Watch *
watch_new_for_url (SandboxFixture *f,
                   const char     *url,
                   const char     *token)
{
  Watch *w = g_new0 (Watch, 1);
  g_autofree char *sandbox_url = stream_url (f);

  w->stream = paddock_trade_stream_new (url != NULL ? url : sandbox_url, token);
  paddock_trade_stream_set_backoff (w->stream, TEST_BASE_MS, TEST_MAX_MS);
  w->updates = g_ptr_array_new_with_free_func (g_object_unref);
  w->data = g_ptr_array_new_with_free_func (g_free);
  w->delays = g_array_new (FALSE, FALSE, sizeof (guint));
  w->error_codes = g_array_new (FALSE, FALSE, sizeof (int));
  g_signal_connect (w->stream, "update", G_CALLBACK (update_cb), w);
  g_signal_connect (w->stream, "connected", G_CALLBACK (connected_cb), w);
  g_signal_connect (w->stream, "reconnect-scheduled", G_CALLBACK (reconnect_scheduled_cb), w);
  return w;
}

static Watch *
watch_new (SandboxFixture *f,
           const char     *token)
{
  return watch_new_for_url (f, NULL, token);
}

static void
watch_free (Watch *w)
{
  g_signal_handlers_disconnect_by_data (w->stream, w);
  g_object_unref (w->stream);
  g_ptr_array_unref (w->updates);
  g_ptr_array_unref (w->data);
  g_array_unref (w->delays);
  g_array_unref (w->error_codes);
  g_free (w);
  /* let the cancelled callbacks run */
  paddock_test_drain ();
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Watch, watch_free)

static gboolean
n_connected_reached (gpointer data)
{
  Watch *w = data;

  return w->n_connected >= w->want;
}

static gboolean
n_updates_reached (gpointer data)
{
  Watch *w = data;

  return w->updates->len >= w->want;
}

static gboolean
n_delays_reached (gpointer data)
{
  Watch *w = data;

  return w->delays->len >= w->want;
}

static gboolean
state_reached (gpointer data)
{
  Watch *w = data;

  return paddock_trade_stream_get_state (w->stream) == w->want_state;
}

static void
wait_connected (Watch *w,
                guint  n)
{
  w->want = n;
  paddock_test_wait_until (n_connected_reached, w, "the stream to be live");
  g_assert_cmpuint (w->n_connected, ==, n);
}

static void
wait_updates (Watch *w,
              guint  n)
{
  w->want = n;
  paddock_test_wait_until (n_updates_reached, w, "trade updates");
}

static void
wait_delays (Watch *w,
             guint  n)
{
  w->want = n;
  paddock_test_wait_until (n_delays_reached, w, "a reconnect to be scheduled");
}

static void
wait_state (Watch                   *w,
            PaddockTradeStreamState  state)
{
  w->want_state = state;
  paddock_test_wait_until (state_reached, w, "a state of the stream");
}

static gboolean
timeout_flag_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main context for ms: a window for something that must NOT happen. */
static void
run_for (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, timeout_flag_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

/* Places a limit order far below the market (it stays "new"); returns its id. */
static char *
place_order (SandboxFixture *f)
{
  TestReply *reply = test_request (f, "POST", "paper:/v2/orders", f->token, LIMIT_ORDER);
  char *id;

  g_assert_cmpuint (reply->status, ==, 200);
  id = g_strdup (json_object_get_string_member (test_reply_object (reply), "id"));
  test_reply_free (reply);
  return id;
}

static void
assert_update (Watch             *w,
               guint              index,
               PaddockTradeEvent  event,
               const char        *order_id)
{
  PaddockTradeUpdate *update;

  g_assert_cmpuint (index, <, w->updates->len);
  update = g_ptr_array_index (w->updates, index);
  g_assert_cmpint (paddock_trade_update_get_event (update), ==, event);
  if (order_id != NULL)
    g_assert_cmpstr (paddock_order_get_id (paddock_trade_update_get_order (update)), ==,
                     order_id);
}

typedef struct
{
  PaddockSandbox *sandbox;
  const char *text;
  gboolean raw;
} EmitCall;

static gboolean
emit_cb (gpointer data)
{
  EmitCall *call = data;

  if (call->raw)
    _sandbox_stream_send_raw (call->sandbox, SANDBOX_ENV_PAPER, call->text);
  else
    {
      JsonNode *node = json_from_string (call->text, NULL);

      g_assert_nonnull (node);
      _sandbox_stream_emit (call->sandbox, SANDBOX_ENV_PAPER, node);
    }
  return G_SOURCE_REMOVE;
}

static void
emit (SandboxFixture *f,
      const char     *text,
      gboolean        raw)
{
  EmitCall call = { f->sandbox, text, raw };

  _sandbox_run_sync (f->sandbox, emit_cb, &call);
}

/* ---- tests -------------------------------------------------------------------------- */

static void
test_backoff_sequence (void)
{
  const guint nominal[] = { 1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000 };

  for (guint i = 0; i < G_N_ELEMENTS (nominal); i++)
    for (guint round = 0; round < 20; round++)
      {
        guint got_nominal = 0;
        guint delay = paddock_trade_stream_backoff_delay_ms (1000, 30000, i + 1, &got_nominal);

        g_assert_cmpuint (got_nominal, ==, nominal[i]);
        g_assert_cmpuint (delay, >=, nominal[i]);
        g_assert_cmpuint (delay, <=, nominal[i] + nominal[i] / 4);
      }
  /* a huge failure count does not overflow */
  g_assert_cmpuint (paddock_trade_stream_backoff_delay_ms (1000, 30000, G_MAXUINT, NULL), <=,
                    37500);
}

static void
test_plain_ws_only_for_loopback (void)
{
  g_autoptr (PaddockTradeStream) stream =
    paddock_trade_stream_new ("ws://example.invalid/paper/stream", "token");
  const GError *error;

  paddock_trade_stream_start (stream);
  g_assert_cmpint (paddock_trade_stream_get_state (stream), ==,
                   PADDOCK_TRADE_STREAM_STATE_FAILED);
  error = paddock_trade_stream_get_error (stream);
  g_assert_error ((GError *) error, PADDOCK_ERROR, PADDOCK_ERROR_INVALID_INPUT);
  g_assert_cmpuint (paddock_trade_stream_get_n_attempts (stream), ==, 0);
}

static void
check_events (SandboxFixture *f,
              gboolean        text_frames)
{
  g_autoptr (Watch) w = NULL;
  g_autofree char *id = NULL;
  g_autoptr (JsonNode) data = NULL;

  paddock_sandbox_set_text_frames (f->sandbox, text_frames);
  w = watch_new (f, f->token);
  paddock_trade_stream_start (w->stream);
  g_assert_cmpint (paddock_trade_stream_get_state (w->stream), ==,
                   PADDOCK_TRADE_STREAM_STATE_CONNECTING);
  wait_connected (w, 1);

  id = place_order (f);
  wait_updates (w, 1);
  assert_update (w, 0, PADDOCK_TRADE_EVENT_NEW, id);

  /* the data as sent: the event and the whole order */
  data = json_from_string (g_ptr_array_index (w->data, 0), NULL);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (data), "event"), ==,
                   "new");
  g_assert_cmpstr (json_object_get_string_member (
                     json_object_get_object_member (json_node_get_object (data), "order"), "id"),
                   ==, id);

  g_assert_cmpint (paddock_trade_stream_get_state (w->stream), ==,
                   PADDOCK_TRADE_STREAM_STATE_LIVE);
  g_assert_cmpuint (paddock_trade_stream_get_n_attempts (w->stream), ==, 1);
  g_assert_cmpuint (w->delays->len, ==, 0);

  paddock_trade_stream_stop (w->stream);
  g_assert_cmpint (paddock_trade_stream_get_state (w->stream), ==,
                   PADDOCK_TRADE_STREAM_STATE_STOPPED);
}

static void
test_binary_frames (SandboxFixture *f,
                    gconstpointer   unused)
{
  check_events (f, FALSE);
}

static void
test_text_frames (SandboxFixture *f,
                  gconstpointer   unused)
{
  check_events (f, TRUE);
}

static void
test_revoked_token (SandboxFixture *f,
                    gconstpointer   unused)
{
  g_autoptr (Watch) w = watch_new (f, f->token);
  const GError *error;

  g_assert_true (paddock_sandbox_revoke_token (f->sandbox, f->token));
  paddock_trade_stream_start (w->stream);
  wait_state (w, PADDOCK_TRADE_STREAM_STATE_FAILED);

  error = paddock_trade_stream_get_error (w->stream);
  g_assert_error ((GError *) error, PADDOCK_ERROR, PADDOCK_ERROR_NOT_AUTHORIZED);

  /* many base delays later: still one attempt, nothing scheduled */
  run_for (TEST_BASE_MS * 15);
  g_assert_cmpint (paddock_trade_stream_get_state (w->stream), ==,
                   PADDOCK_TRADE_STREAM_STATE_FAILED);
  g_assert_cmpuint (paddock_trade_stream_get_n_attempts (w->stream), ==, 1);
  g_assert_cmpuint (w->delays->len, ==, 0);
  g_assert_cmpint (paddock_trade_stream_get_reconnect_at (w->stream), ==, 0);
  g_assert_cmpuint (w->n_connected, ==, 0);
}

static void
test_reconnect_backoff (SandboxFixture *f,
                        gconstpointer   unused)
{
  g_autoptr (Watch) w = watch_new (f, f->token);
  g_autofree char *last = NULL;
  const guint rounds = 3;

  /* the next three connections are closed after one event each */
  paddock_sandbox_add_fault (f->sandbox, NULL, "/paper/stream",
                             PADDOCK_SANDBOX_FAULT_WS_CLOSE_AFTER, 1, rounds);
  paddock_trade_stream_start (w->stream);

  for (guint i = 0; i < rounds; i++)
    {
      g_autofree char *id = NULL;

      wait_connected (w, i + 1);
      id = place_order (f);
      wait_delays (w, i + 1);
      assert_update (w, w->updates->len - 1, PADDOCK_TRADE_EVENT_NEW, id);
    }

  /* it came back by itself, and "connected" (the resync) fired every time */
  wait_connected (w, rounds + 1);
  g_assert_cmpuint (paddock_trade_stream_get_n_attempts (w->stream), ==, rounds + 1);

  /* 20, 40, 80 ms, each plus up to a quarter of jitter */
  g_assert_cmpuint (w->delays->len, ==, rounds);
  for (guint i = 0; i < rounds; i++)
    {
      guint nominal = TEST_BASE_MS << i;
      guint delay = g_array_index (w->delays, guint, i);

      g_assert_cmpuint (delay, >=, nominal);
      g_assert_cmpuint (delay, <=, nominal + nominal / 4);
      g_assert_cmpint (g_array_index (w->error_codes, int, i), ==, PADDOCK_ERROR_NETWORK);
    }

  /* the fourth connection is not closed */
  last = place_order (f);
  wait_updates (w, rounds + 1);
  assert_update (w, rounds, PADDOCK_TRADE_EVENT_NEW, last);
  g_assert_cmpint (paddock_trade_stream_get_state (w->stream), ==,
                   PADDOCK_TRADE_STREAM_STATE_LIVE);
  g_assert_cmpuint (w->delays->len, ==, rounds);
}

static void
test_silent_connection (SandboxFixture *f,
                        gconstpointer   unused)
{
  g_autoptr (Watch) w = watch_new (f, f->token);
  g_autofree char *id = NULL;

  /* open, listening, then silent: no answers (probes included), no events */
  paddock_sandbox_add_fault (f->sandbox, NULL, "/paper/stream",
                             PADDOCK_SANDBOX_FAULT_WS_SILENT, 0, 1);
  /* short, but generous enough that a loaded machine answers a healthy probe in time */
  paddock_trade_stream_set_ping (w->stream, 100, 1500);
  paddock_trade_stream_start (w->stream);

  wait_connected (w, 1);
  wait_connected (w, 2);
  g_assert_cmpuint (w->delays->len, ==, 1);
  g_assert_cmpint (g_array_index (w->error_codes, int, 0), ==, PADDOCK_ERROR_TIMED_OUT);
  g_assert_cmpuint (paddock_trade_stream_get_n_attempts (w->stream), ==, 2);

  /* the new connection answers the probes, so it stays, and it delivers */
  run_for (600);
  g_assert_cmpuint (w->delays->len, ==, 1);
  g_assert_cmpuint (w->n_connected, ==, 2);
  id = place_order (f);
  wait_updates (w, 1);
  assert_update (w, 0, PADDOCK_TRADE_EVENT_NEW, id);
}

static void
test_handshake_429 (SandboxFixture *f,
                    gconstpointer   unused)
{
  g_autoptr (Watch) w = watch_new (f, f->token);

  paddock_sandbox_add_fault (f->sandbox, "GET", "/paper/stream",
                             PADDOCK_SANDBOX_FAULT_STATUS, 429, 1);
  paddock_trade_stream_start (w->stream);
  wait_connected (w, 1);

  g_assert_cmpuint (w->delays->len, ==, 1);
  g_assert_cmpint (g_array_index (w->error_codes, int, 0), ==, PADDOCK_ERROR_RATE_LIMITED);
  /* the sandbox's Retry-After: 1 wins over the 20 ms base */
  g_assert_cmpuint (g_array_index (w->delays, guint, 0), >=, 1000);
  g_assert_cmpuint (paddock_trade_stream_get_n_attempts (w->stream), ==, 2);
}

static void
test_unknown_messages (SandboxFixture *f,
                       gconstpointer   unused)
{
  g_autoptr (Watch) w = watch_new (f, f->token);
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *future = NULL;
  g_autoptr (JsonNode) first_data = NULL;
  JsonNode *order;
  PaddockTradeUpdate *update;

  paddock_trade_stream_start (w->stream);
  wait_connected (w, 1);
  first = place_order (f);
  wait_updates (w, 1);

  /* an event this version does not know, with a real order */
  first_data = json_from_string (g_ptr_array_index (w->data, 0), NULL);
  order = json_object_get_member (json_node_get_object (first_data), "order");
  {
    g_autoptr (JsonGenerator) gen = json_generator_new ();
    g_autofree char *order_text = NULL;

    json_generator_set_root (gen, order);
    order_text = json_generator_to_data (gen, NULL);
    future = g_strdup_printf ("{\"event\":\"teleported\",\"order\":%s,\"flux\":[1,2]}",
                              order_text);
  }
  emit (f, future, FALSE);
  wait_updates (w, 2);
  update = g_ptr_array_index (w->updates, 1);
  g_assert_cmpint (paddock_trade_update_get_event (update), ==, PADDOCK_TRADE_EVENT_UNKNOWN);
  g_assert_cmpstr (paddock_trade_update_get_event_code (update), ==, "teleported");

  /* another stream, a message that is not JSON, a trade update without an order */
  emit (f, "{\"stream\":\"news\",\"data\":{\"headline\":\"x\"}}", TRUE);
  emit (f, "{\"stream\":\"authorization\",\"data\":{\"action\":\"authenticate\","
           "\"status\":\"pondering\"}}", TRUE);
  emit (f, "this is not json", TRUE);
  emit (f, "{\"stream\":\"trade_updates\",\"data\":{\"event\":\"new\"}}", TRUE);

  second = place_order (f);
  wait_updates (w, 3);
  assert_update (w, 2, PADDOCK_TRADE_EVENT_NEW, second);
  g_assert_cmpint (paddock_trade_stream_get_state (w->stream), ==,
                   PADDOCK_TRADE_STREAM_STATE_LIVE);
  g_assert_cmpuint (paddock_trade_stream_get_n_attempts (w->stream), ==, 1);
  g_assert_cmpuint (w->n_connected, ==, 1);
  g_assert_cmpuint (w->delays->len, ==, 0);
}

static void
redirect_cb (SoupServer        *server,
             SoupServerMessage *msg,
             const char        *path,
             GHashTable        *query,
             gpointer           user_data)
{
  soup_server_message_set_redirect (msg, 302, user_data);
}

/* The upgrade answered with a redirect (to the real stream, on another loopback port) is
 * not followed: it counts as a failed attempt. */
static void
test_handshake_redirect_not_followed (SandboxFixture *f,
                                      gconstpointer   unused)
{
  g_autoptr (SoupServer) server = soup_server_new (NULL, NULL);
  g_autoptr (GError) error = NULL;
  g_autofree char *target = test_url (f, "paper:/stream");
  g_autofree char *url = NULL;
  g_autoptr (Watch) w = NULL;
  GSList *uris;

  soup_server_add_handler (server, NULL, redirect_cb, target, NULL);
  g_assert_true (soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  url = g_strdup_printf ("ws://127.0.0.1:%d/stream", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  w = watch_new_for_url (f, url, f->token);
  paddock_trade_stream_set_backoff (w->stream, 5000, 5000);

  paddock_trade_stream_start (w->stream);
  wait_delays (w, 1);
  g_assert_cmpuint (w->n_connected, ==, 0);
  g_assert_cmpint (g_array_index (w->error_codes, int, 0), ==, PADDOCK_ERROR_NETWORK);
  g_assert_cmpuint (paddock_error_get_http_status (paddock_trade_stream_get_error (w->stream)),
                    ==, 302);
  paddock_trade_stream_stop (w->stream);
}

/* A server that takes the connection but never answers the upgrade: the connect timeout */
static void
test_connect_timeout (SandboxFixture *f,
                      gconstpointer   unused)
{
  g_autoptr (GSocket) listener = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                               G_SOCKET_PROTOCOL_TCP, NULL);
  g_autoptr (GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr (GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
  g_autoptr (GSocketAddress) bound = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *url = NULL;
  g_autoptr (Watch) w = NULL;

  g_assert_true (g_socket_bind (listener, any, TRUE, &error));
  g_assert_true (g_socket_listen (listener, &error));
  g_assert_no_error (error);
  bound = g_socket_get_local_address (listener, &error);
  url = g_strdup_printf ("ws://127.0.0.1:%u/stream",
                         g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));

  /* the listener never accepts: the kernel completes the TCP handshake, nobody answers */
  w = watch_new_for_url (f, url, f->token);
  g_object_set (w->stream, "connect-timeout-ms", 200, "backoff-base-ms", 5000, NULL);

  paddock_trade_stream_start (w->stream);
  wait_delays (w, 1);
  g_assert_cmpint (g_array_index (w->error_codes, int, 0), ==, PADDOCK_ERROR_TIMED_OUT);
  paddock_trade_stream_stop (w->stream);
}

static void
test_dispose_while_connecting (SandboxFixture *f,
                               gconstpointer   unused)
{
  Watch *w = watch_new (f, f->token);

  paddock_trade_stream_start (w->stream);
  /* disposing cancels the connect: its callback must not touch the stream */
  watch_free (w);
  run_for (50);
}

typedef struct
{
  Watch *w;
  guint total;
  guint between;                /* probe runs between the first and the last update */
} Probe;

/* a consumer that takes its time over every update */
static void
slow_update_cb (PaddockTradeStream *stream,
                PaddockTradeUpdate *update,
                JsonNode           *data,
                gpointer            unused)
{
  g_usleep (1000);
}

static gboolean
probe_cb (gpointer data)
{
  Probe *p = data;

  if (p->w->updates->len > 0 && p->w->updates->len < p->total)
    p->between++;
  return G_SOURCE_CONTINUE;
}

/* A burst already waiting on the socket is handled in order, every update of it, but not
 * in one go: other sources of the main loop get their turn in between */
static void
test_burst_leaves_main_loop_free (SandboxFixture *f,
                                  gconstpointer   unused)
{
  g_autoptr (Watch) w = watch_new (f, f->token);
  g_autoptr (TestReply) list = NULL;
  Probe p = { w, 200, 0 };
  JsonArray *orders;
  guint probe;

  g_assert_cmpuint (paddock_sandbox_seed_orders (f->sandbox, "paper", 10, "AAPL"), ==, 10);
  list = test_request (f, "GET", "paper:/v2/orders?status=all&direction=desc&limit=10",
                       f->token, NULL);
  orders = test_reply_array (list);
  g_assert_cmpuint (json_array_get_length (orders), ==, 10);

  paddock_trade_stream_start (w->stream);
  wait_connected (w, 1);
  g_signal_connect (w->stream, "update", G_CALLBACK (slow_update_cb), NULL);

  g_assert_cmpuint (paddock_sandbox_burst_trade_updates (f->sandbox, "paper", p.total), ==,
                    p.total);
  /* the frames reach the socket before the stream reads one */
  g_usleep (300 * 1000);
  probe = g_idle_add_full (G_PRIORITY_DEFAULT, probe_cb, &p, NULL);
  wait_updates (w, p.total);
  g_source_remove (probe);

  g_assert_cmpuint (w->updates->len, ==, p.total);
  /* in order: the newest order first, round again */
  for (guint i = 0; i < p.total; i++)
    {
      PaddockTradeUpdate *update = g_ptr_array_index (w->updates, i);
      PaddockTradeEvent event = paddock_trade_update_get_event (update);

      g_assert_cmpstr (paddock_order_get_id (paddock_trade_update_get_order (update)), ==,
                       json_object_get_string_member (
                         json_array_get_object_element (orders, i % 10), "id"));
      g_assert_true (event == PADDOCK_TRADE_EVENT_CANCELED ||
                     event == PADDOCK_TRADE_EVENT_EXPIRED);
    }
  g_assert_cmpuint (p.between, >, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/trade-stream/backoff-sequence", test_backoff_sequence);
  g_test_add_func ("/trade-stream/plain-ws-only-for-loopback", test_plain_ws_only_for_loopback);
  PADDOCK_TEST_ADD_FIXTURE ("/trade-stream/binary-frames", SandboxFixture, sandbox_fixture,
                            test_binary_frames);
  PADDOCK_TEST_ADD_FIXTURE ("/trade-stream/text-frames", SandboxFixture, sandbox_fixture,
                            test_text_frames);
  PADDOCK_TEST_ADD_FIXTURE ("/trade-stream/revoked-token", SandboxFixture, sandbox_fixture,
                            test_revoked_token);
  PADDOCK_TEST_ADD_FIXTURE ("/trade-stream/reconnect-backoff", SandboxFixture, sandbox_fixture,
                            test_reconnect_backoff);
  PADDOCK_TEST_ADD_FIXTURE ("/trade-stream/silent-connection", SandboxFixture, sandbox_fixture,
                            test_silent_connection);
  PADDOCK_TEST_ADD_FIXTURE ("/trade-stream/handshake-429", SandboxFixture, sandbox_fixture,
                            test_handshake_429);
  PADDOCK_TEST_ADD_FIXTURE ("/trade-stream/unknown-messages", SandboxFixture, sandbox_fixture,
                            test_unknown_messages);
  PADDOCK_TEST_ADD_FIXTURE ("/trade-stream/handshake-redirect-not-followed", SandboxFixture,
                            sandbox_fixture, test_handshake_redirect_not_followed);
  PADDOCK_TEST_ADD_FIXTURE ("/trade-stream/connect-timeout", SandboxFixture, sandbox_fixture,
                            test_connect_timeout);
  PADDOCK_TEST_ADD_FIXTURE ("/trade-stream/dispose-while-connecting", SandboxFixture,
                            sandbox_fixture, test_dispose_while_connecting);
  PADDOCK_TEST_ADD_FIXTURE ("/trade-stream/burst-leaves-main-loop-free", SandboxFixture,
                            sandbox_fixture, test_burst_leaves_main_loop_free);

  return g_test_run ();
}
