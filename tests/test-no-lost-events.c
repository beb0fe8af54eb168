/* test-no-lost-events.c: the session's stores end equal to the server's, however the
 * trade stream is dropped or goes silent while orders fill
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A session on an in-process sandbox, its trade stream started; the sandbox drops (or
 * silences) every websocket after a few events while orders are placed, filled and
 * cancelled. Once the faults are gone and everything is quiet, the order store must hold
 * exactly the sandbox's orders (ids, statuses, filled quantities) and the position store
 * its positions: what the stream missed came through the resync after each reconnect.
 */
#include "config.h"

#include "paddock-error.h"
#include "paddock-session.h"
#include "paddock-test-utils.h"
#include "sandbox-fixture.h"

typedef struct
{
  SandboxFixture sf;
  PaddockEndpoints *endpoints;
  PaddockSession *session;
  PaddockTradeStream *stream;
  guint n_updates;
  guint n_connected;
} Fixture;

static void
update_cb (PaddockTradeStream *stream,
           PaddockTradeUpdate *update,
           JsonNode           *data,
           Fixture            *f)
{
  f->n_updates++;
}

static void
connected_cb (PaddockTradeStream *stream,
              Fixture            *f)
{
  f->n_connected++;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PaddockCredentials) credentials = NULL;

  sandbox_fixture_setup (&f->sf, NULL);
  f->endpoints =
    paddock_endpoints_new_for_sandbox (paddock_sandbox_get_authorize_url (f->sf.sandbox),
                                       paddock_sandbox_get_live_url (f->sf.sandbox),
                                       paddock_sandbox_get_paper_url (f->sf.sandbox),
                                       paddock_sandbox_get_data_url (f->sf.sandbox),
                                       paddock_sandbox_get_polygon_url (f->sf.sandbox),
                                       &error);
  g_assert_no_error (error);
  credentials = paddock_credentials_new (PADDOCK_ENVIRONMENT_DEMO, "acct", "PA1", f->sf.token,
                                         "bearer", "account:write trading data", NULL);
  f->session = paddock_session_new (f->endpoints, credentials);
  paddock_client_set_retry_policy (paddock_session_get_client (f->session), 1, 10, 20);
  f->stream = paddock_session_get_trade_stream (f->session);
  /* short, so that the test does not wait long for each reconnect; the ping deadline is
   * short too (a healthy probe answered late only costs one more reconnect) */
  paddock_trade_stream_set_backoff (f->stream, 20, 200);
  paddock_trade_stream_set_ping (f->stream, 50, 600);
  g_signal_connect (f->stream, "update", G_CALLBACK (update_cb), f);
  g_signal_connect (f->stream, "connected", G_CALLBACK (connected_cb), f);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_signal_handlers_disconnect_by_data (f->stream, f);
  paddock_trade_stream_stop (f->stream);
  g_assert_finalize_object (f->session);
  g_assert_finalize_object (f->endpoints);
  sandbox_fixture_teardown (&f->sf, NULL);
}

/* Places an order through the sandbox's HTTP API; returns its id */
static char *
place (Fixture    *f,
       const char *symbol,
       const char *side,
       const char *qty,
       const char *limit_price)
{
  g_autoptr (TestReply) reply = NULL;
  g_autofree char *body = NULL;

  if (limit_price != NULL)
    body = g_strdup_printf ("{\"symbol\":\"%s\",\"qty\":\"%s\",\"side\":\"%s\","
                            "\"type\":\"limit\",\"limit_price\":\"%s\","
                            "\"time_in_force\":\"gtc\"}", symbol, qty, side, limit_price);
  else
    body = g_strdup_printf ("{\"symbol\":\"%s\",\"qty\":\"%s\",\"side\":\"%s\","
                            "\"type\":\"market\",\"time_in_force\":\"day\"}",
                            symbol, qty, side);
  reply = test_request (&f->sf, "POST", "paper:/v2/orders", f->sf.token, body);
  g_assert_cmpuint (reply->status, ==, 200);
  return g_strdup (json_object_get_string_member (test_reply_object (reply), "id"));
}

static void
cancel (Fixture    *f,
        const char *id)
{
  g_autofree char *url = g_strdup_printf ("paper:/v2/orders/%s", id);
  g_autoptr (TestReply) reply = test_request (&f->sf, "DELETE", url, f->sf.token, NULL);

  g_assert_cmpuint (reply->status, ==, 204);
}

typedef struct
{
  Fixture *f;
  guint n_updates;
  guint n_connected;
} Progress;

/* The stream took an event since, or (having lost it) connected again */
static gboolean
progressed (gpointer data)
{
  Progress *p = data;

  return p->f->n_updates > p->n_updates || p->f->n_connected > p->n_connected;
}

typedef struct
{
  Fixture *f;
  const char *marker;
} Settle;

/* Live, nothing on its way, and the last order placed is in the store */
static gboolean
settled (gpointer data)
{
  Settle *s = data;
  PaddockSession *session = s->f->session;

  return paddock_trade_stream_get_state (s->f->stream) == PADDOCK_TRADE_STREAM_STATE_LIVE &&
         !paddock_session_get_refreshing (session) &&
         !paddock_order_store_get_loading (paddock_session_get_order_store (session)) &&
         !paddock_position_store_get_loading (paddock_session_get_position_store (session)) &&
         paddock_order_store_lookup (paddock_session_get_order_store (session),
                                     s->marker) != NULL;
}

static gboolean
live (gpointer data)
{
  Fixture *f = data;

  return paddock_trade_stream_get_state (f->stream) == PADDOCK_TRADE_STREAM_STATE_LIVE &&
         paddock_session_get_state (f->session) == PADDOCK_SESSION_READY;
}

static void
assert_orders_equal (Fixture *f)
{
  PaddockOrderStore *store = paddock_session_get_order_store (f->session);
  g_autoptr (TestReply) reply =
    test_request (&f->sf, "GET", "paper:/v2/orders?status=all&nested=true&limit=500",
                  f->sf.token, NULL);
  JsonArray *orders;
  guint n;

  g_assert_cmpuint (reply->status, ==, 200);
  orders = test_reply_array (reply);
  n = json_array_get_length (orders);
  g_assert_cmpuint (n, >, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, n);
  for (guint i = 0; i < n; i++)
    {
      JsonObject *o = json_array_get_object_element (orders, i);
      const char *id = json_object_get_string_member (o, "id");
      PaddockOrder *row = paddock_order_store_lookup (store, id);

      g_assert_nonnull (row);
      g_assert_cmpstr (paddock_order_get_id (row), ==, id);
      g_assert_cmpstr (paddock_order_get_status_code (row), ==,
                       json_object_get_string_member (o, "status"));
      g_assert_cmpstr (paddock_order_get_filled_qty (row), ==,
                       json_object_get_string_member (o, "filled_qty"));
    }
}

static void
assert_positions_equal (Fixture *f)
{
  PaddockPositionStore *store = paddock_session_get_position_store (f->session);
  g_autoptr (TestReply) reply = test_request (&f->sf, "GET", "paper:/v2/positions",
                                              f->sf.token, NULL);
  JsonArray *positions;
  guint n;

  g_assert_cmpuint (reply->status, ==, 200);
  positions = test_reply_array (reply);
  n = json_array_get_length (positions);
  g_assert_cmpuint (n, >, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, n);
  for (guint i = 0; i < n; i++)
    {
      JsonObject *p = json_array_get_object_element (positions, i);
      const char *symbol = json_object_get_string_member (p, "symbol");
      PaddockPosition *row = paddock_position_store_lookup (store, symbol);

      g_assert_nonnull (row);
      g_assert_cmpstr (paddock_position_get_qty (row), ==,
                       json_object_get_string_member (p, "qty"));
      g_assert_cmpstr (paddock_position_get_avg_entry_price (row), ==,
                       json_object_get_string_member (p, "avg_entry_price"));
    }
}

/* Places n_orders orders (market ones fill, limit ones far from the market stay open,
 * every fourth cancels a limit one) with the fault on, then checks the stores */
static void
run_scenario (Fixture                 *f,
              PaddockSandboxFaultKind  kind,
              int                      n_events,
              guint                    n_orders)
{
  g_autoptr (GPtrArray) open_ids = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *marker = NULL;
  Settle settle = { f, NULL };

  /* as the app does at sign-in: a first refresh, then the stream */
  paddock_session_refresh_async (f->session, NULL, NULL, NULL);
  /* every websocket, not just the next one */
  paddock_sandbox_add_fault (f->sf.sandbox, NULL, "/paper/stream", kind, n_events, -1);
  paddock_session_start_trade_stream (f->session);
  paddock_test_wait_until (live, f, "the stream is live and the session ready");

  for (guint i = 0; i < n_orders; i++)
    {
      Progress p = { f, f->n_updates, f->n_connected };

      switch (i % 4)
        {
        case 0:
          g_free (place (f, i % 8 == 0 ? "AAPL" : "MSFT", "buy", "3", NULL));
          break;
        case 1:
          g_ptr_array_add (open_ids, place (f, "AAPL", "buy", "1", "1.00"));
          break;
        case 2:
          g_free (place (f, i % 8 == 2 ? "AAPL" : "MSFT", "sell", "1", NULL));
          break;
        default:
          /* cancel every other open limit order */
          if (open_ids->len % 2 == 1)
            cancel (f, g_ptr_array_index (open_ids, open_ids->len - 1));
          else
            g_ptr_array_add (open_ids, place (f, "MSFT", "sell", "1", "100000.00"));
          break;
        }
      /* let the stream take the events (or be dropped) before the next order */
      paddock_test_wait_until (progressed, &p,
                               "the stream delivered an event, or connected again");
    }
  g_assert_cmpuint (f->n_connected, >, 1);

  /* the faults end; one more order marks the end: once the store holds it and nothing is
   * on its way, every earlier change came either through the live stream or through a
   * resync made after it */
  paddock_sandbox_clear_faults (f->sf.sandbox);
  marker = place (f, "AAPL", "buy", "1", "2.00");
  settle.marker = marker;
  paddock_test_wait_until (settled, &settle,
                           "the stream is live, the stores are idle and hold the last order");

  assert_orders_equal (f);
  assert_positions_equal (f);
}

static void
test_dropped (Fixture       *f,
              gconstpointer  data)
{
  run_scenario (f, PADDOCK_SANDBOX_FAULT_WS_CLOSE_AFTER, 3, 40);
}

static void
test_silent (Fixture       *f,
             gconstpointer  data)
{
  run_scenario (f, PADDOCK_SANDBOX_FAULT_WS_SILENT, 4, 24);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  PADDOCK_TEST_ADD_FIXTURE ("/no-lost-events/dropped", Fixture, fixture, test_dropped);
  PADDOCK_TEST_ADD_FIXTURE ("/no-lost-events/silent", Fixture, fixture, test_silent);
  return g_test_run ();
}
