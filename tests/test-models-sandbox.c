/* test-models-sandbox.c: the trading models parse the sandbox's real replies and events
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Orders (a bracket with its legs, a market order, a short sale), positions and the
 * trade_updates stream come from the in-process sandbox; every element must parse, and
 * every member the server sent must be a property holding exactly what was sent.
 */
#include "config.h"

#include <string.h>

#include "paddock-error.h"
#include "paddock-order.h"
#include "paddock-position.h"
#include "paddock-stream-message.h"
#include "paddock-trade-update.h"
#include "sandbox-fixture.h"
#include "stream-client.h"

/* ---- helpers ------------------------------------------------------------------------ */

static void assert_model_is_json (GObject    *model,
                                  JsonObject *object);

static void
assert_legs_are_json (GListModel *legs,
                      JsonNode   *member)
{
  JsonArray *array;

  if (JSON_NODE_HOLDS_NULL (member))
    {
      g_assert_cmpuint (g_list_model_get_n_items (legs), ==, 0);
      return;
    }

  g_assert_true (JSON_NODE_HOLDS_ARRAY (member));
  array = json_node_get_array (member);
  g_assert_cmpuint (g_list_model_get_n_items (legs), ==, json_array_get_length (array));
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autoptr (GObject) leg = g_list_model_get_item (legs, i);

      assert_model_is_json (leg, json_array_get_object_element (array, i));
    }
}

/* Every member is a property of the model, with the same value: strings and decimals
 * equal as text, timestamps as instants, enums by their code (and known to this version),
 * legs element by element. */
static void
assert_model_is_json (GObject    *model,
                      JsonObject *object)
{
  JsonObjectIter iter;
  const char *name;
  JsonNode *member;

  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &name, &member))
    {
      g_autofree char *prop = g_strdelimit (g_strdup (name), "_", '-');
      GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (model), prop);
      g_auto (GValue) value = G_VALUE_INIT;

      if (pspec == NULL)
        g_error ("“%s” of %s is not a property", name, G_OBJECT_TYPE_NAME (model));

      if (strcmp (name, "legs") == 0)
        {
          g_autoptr (GListModel) legs = NULL;

          g_object_get (model, "legs", &legs, NULL);
          assert_legs_are_json (legs, member);
          continue;
        }

      if (G_IS_PARAM_SPEC_ENUM (pspec))
        {
          g_autofree char *code_prop = g_strconcat (prop, "-code", NULL);
          g_autofree char *code = NULL;
          int number = -1;

          g_object_get (model, code_prop, &code, prop, &number, NULL);
          if (JSON_NODE_HOLDS_NULL (member))
            g_assert_null (code);
          else
            {
              g_assert_cmpstr (code, ==, json_node_get_string (member));
              g_assert_cmpint (number, !=, 0);
            }
          continue;
        }

      g_value_init (&value, pspec->value_type);
      g_object_get_property (model, prop, &value);

      if (G_VALUE_HOLDS_STRING (&value))
        {
          if (JSON_NODE_HOLDS_NULL (member))
            g_assert_null (g_value_get_string (&value));
          else
            g_assert_cmpstr (g_value_get_string (&value), ==, json_node_get_string (member));
        }
      else if (G_VALUE_HOLDS_BOOLEAN (&value))
        g_assert_cmpint (g_value_get_boolean (&value), ==, json_node_get_boolean (member));
      else if (G_VALUE_HOLDS (&value, G_TYPE_DATE_TIME))
        {
          GDateTime *time = g_value_get_boxed (&value);

          if (JSON_NODE_HOLDS_NULL (member))
            g_assert_null (time);
          else
            {
              const char *text = json_node_get_string (member);
              g_autoptr (GDateTime) want = g_date_time_new_from_iso8601 (text, NULL);

              g_assert_nonnull (time);
              g_assert_nonnull (want);
              g_assert_true (g_date_time_equal (time, want));
            }
        }
      else if (G_VALUE_HOLDS_OBJECT (&value))
        {
          /* a trade update's order */
          g_assert_true (JSON_NODE_HOLDS_OBJECT (member));
          g_assert_nonnull (g_value_get_object (&value));
          assert_model_is_json (g_value_get_object (&value), json_node_get_object (member));
        }
      else
        g_error ("“%s” has a property of an unexpected type", name);
    }
}

static TestReply *
submit (SandboxFixture *f,
        const char     *body)
{
  TestReply *reply = test_request (f, "POST", "paper:/v2/orders", f->token, body);

  g_assert_no_error (reply->error);
  if (reply->status != 200)
    g_test_message ("%.*s", (int) g_bytes_get_size (reply->body),
                    (const char *) g_bytes_get_data (reply->body, NULL));
  g_assert_cmpuint (reply->status, ==, 200);
  return reply;
}

static TestReply *
get (SandboxFixture *f,
     const char     *url)
{
  TestReply *reply = test_request (f, "GET", url, f->token, NULL);

  g_assert_no_error (reply->error);
  g_assert_cmpuint (reply->status, ==, 200);
  return reply;
}

static PaddockOrder *
order_from (JsonNode *node)
{
  g_autoptr (GError) error = NULL;
  PaddockOrder *order = paddock_order_new_from_json (node, &error);

  g_assert_no_error (error);
  assert_model_is_json (G_OBJECT (order), json_node_get_object (node));
  return order;
}

static void
set_price (SandboxFixture *f,
           const char     *symbol,
           const char     *price)
{
  g_assert_true (paddock_sandbox_set_price (f->sandbox, symbol, price));
}

static const char *bracket_body =
  "{\"symbol\":\"MSFT\",\"qty\":\"10\",\"side\":\"buy\",\"type\":\"limit\","
  "\"limit_price\":\"370.50\",\"time_in_force\":\"gtc\",\"client_order_id\":\"gtk-7f3a\","
  "\"order_class\":\"bracket\",\"take_profit\":{\"limit_price\":\"395\"},"
  "\"stop_loss\":{\"stop_price\":\"355\",\"limit_price\":\"354.50\"}}";

static void
count_cb (GObject    *object,
          GParamSpec *pspec,
          guint      *count)
{
  (*count)++;
}

/* ---- tests -------------------------------------------------------------------------- */

static void
test_orders (SandboxFixture *f,
             gconstpointer   data)
{
  g_autoptr (TestReply) bracket = NULL;
  g_autoptr (TestReply) market = NULL;
  g_autoptr (TestReply) resting = NULL;
  g_autoptr (PaddockOrder) parent = NULL;
  g_autoptr (PaddockOrder) market_order = NULL;
  const char *lists[] = {
    "paper:/v2/orders?status=all&nested=true",
    "paper:/v2/orders?status=all",
    "paper:/v2/orders?status=open&nested=true",
    "paper:/v2/orders?status=closed",
  };
  guint n_legs = 0;

  set_price (f, "MSFT", "370.00");
  set_price (f, "AAPL", "190.00");

  /* a bracket that fills at once (its exits live), a market order, a limit that rests */
  bracket = submit (f, bracket_body);
  parent = order_from (bracket->json);
  g_assert_cmpint (paddock_order_get_order_class (parent), ==, PADDOCK_ORDER_CLASS_BRACKET);
  g_assert_cmpuint (g_list_model_get_n_items (paddock_order_get_legs (parent)), ==, 2);
  g_assert_cmpint (paddock_order_get_status (parent), ==, PADDOCK_ORDER_STATUS_FILLED);
  g_assert_false (paddock_order_is_open (parent));

  market = submit (f, "{\"symbol\":\"AAPL\",\"qty\":\"5\",\"side\":\"buy\",\"type\":\"market\","
                      "\"time_in_force\":\"day\"}");
  market_order = order_from (market->json);
  g_assert_cmpint (paddock_order_get_kind (market_order), ==, PADDOCK_ORDER_TYPE_MARKET);
  g_assert_cmpint (paddock_order_get_side (market_order), ==, PADDOCK_ORDER_SIDE_BUY);
  g_assert_cmpstr (paddock_order_get_symbol (market_order), ==, "AAPL");

  resting = submit (f, "{\"symbol\":\"AAPL\",\"qty\":\"2\",\"side\":\"buy\",\"type\":\"limit\","
                       "\"limit_price\":\"150\",\"time_in_force\":\"day\"}");
  {
    g_autoptr (PaddockOrder) order = order_from (resting->json);

    g_assert_true (paddock_order_is_open (order));
    g_assert_cmpstr (paddock_order_get_qty (order), ==, "2");
  }

  /* every element of every list parses and holds what was sent */
  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    {
      g_autoptr (TestReply) list = get (f, lists[l]);
      JsonArray *array = test_reply_array (list);

      g_assert_cmpuint (json_array_get_length (array), >, 0);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          g_autoptr (PaddockOrder) order = order_from (json_array_get_element (array, i));

          n_legs += g_list_model_get_n_items (paddock_order_get_legs (order));
        }
    }
  g_assert_cmpuint (n_legs, >=, 2);

  /* the bracket, fetched again after its take-profit filled, updates the order in place:
   * the same leg objects, each notified */
  set_price (f, "MSFT", "396.00");
  {
    g_autofree char *url = g_strdup_printf ("paper:/v2/orders/%s?nested=true",
                                            paddock_order_get_id (parent));
    g_autoptr (TestReply) now = get (f, url);
    g_autoptr (PaddockOrder) tp = g_list_model_get_item (paddock_order_get_legs (parent), 0);
    g_autoptr (PaddockOrder) sl = g_list_model_get_item (paddock_order_get_legs (parent), 1);
    g_autoptr (GError) error = NULL;
    gboolean changed = FALSE;
    guint tp_notified = 0;

    g_assert_true (paddock_order_is_open (tp));
    g_signal_connect (tp, "notify::status", G_CALLBACK (count_cb), &tp_notified);
    g_assert_true (paddock_order_update_from_json (parent, now->json, &changed, &error));
    g_signal_handlers_disconnect_by_func (tp, count_cb, &tp_notified);
    g_assert_no_error (error);
    g_assert_true (changed);
    g_assert_cmpuint (tp_notified, ==, 1);
    assert_model_is_json (G_OBJECT (parent), test_reply_object (now));
    g_assert_cmpint (paddock_order_get_status (tp), ==, PADDOCK_ORDER_STATUS_FILLED);
    g_assert_cmpint (paddock_order_get_status (sl), ==, PADDOCK_ORDER_STATUS_CANCELED);
    g_assert_false (paddock_order_is_open (tp));
    g_assert_false (paddock_order_is_open (sl));
  }
}

static void
test_positions (SandboxFixture *f,
                gconstpointer   data)
{
  g_autoptr (TestReply) list = NULL;
  g_autoptr (GPtrArray) positions = g_ptr_array_new_with_free_func (g_object_unref);
  JsonArray *array;
  gboolean seen_long = FALSE;
  gboolean seen_short = FALSE;

  set_price (f, "MSFT", "370.00");
  set_price (f, "AAPL", "190.00");
  set_price (f, "SPY", "474.60");
  test_reply_free (submit (f, bracket_body));
  test_reply_free (submit (f, "{\"symbol\":\"AAPL\",\"qty\":\"5\",\"side\":\"buy\","
                              "\"type\":\"market\",\"time_in_force\":\"day\"}"));
  /* a short sale */
  test_reply_free (submit (f, "{\"symbol\":\"SPY\",\"qty\":\"2\",\"side\":\"sell\","
                              "\"type\":\"market\",\"time_in_force\":\"day\"}"));

  list = get (f, "paper:/v2/positions");
  array = test_reply_array (list);
  g_assert_cmpuint (json_array_get_length (array), ==, 3);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      g_autoptr (GError) error = NULL;
      PaddockPosition *p = paddock_position_new_from_json (node, &error);

      g_assert_no_error (error);
      assert_model_is_json (G_OBJECT (p), json_node_get_object (node));
      if (paddock_position_get_side (p) == PADDOCK_POSITION_SIDE_SHORT)
        {
          seen_short = TRUE;
          g_assert_cmpstr (paddock_position_get_symbol (p), ==, "SPY");
          g_assert_cmpstr (paddock_position_get_qty (p), ==, "-2");
          g_assert_true (paddock_position_get_market_value (p)[0] == '-');
        }
      else
        {
          g_assert_cmpint (paddock_position_get_side (p), ==, PADDOCK_POSITION_SIDE_LONG);
          seen_long = TRUE;
        }
      g_ptr_array_add (positions, p);
    }
  g_assert_true (seen_long);
  g_assert_true (seen_short);

  /* the market moves: the next reply updates each position in place */
  set_price (f, "MSFT", "375.00");
  {
    g_autoptr (TestReply) again = get (f, "paper:/v2/positions");
    JsonArray *now = test_reply_array (again);
    guint n_changed = 0;

    g_assert_cmpuint (json_array_get_length (now), ==, positions->len);
    for (guint i = 0; i < positions->len; i++)
      {
        PaddockPosition *p = g_ptr_array_index (positions, i);
        g_autoptr (GError) error = NULL;
        gboolean changed = FALSE;
        JsonNode *node = NULL;

        for (guint j = 0; j < json_array_get_length (now); j++)
          if (g_strcmp0 (json_object_get_string_member (json_array_get_object_element (now, j),
                                                        "symbol"),
                         paddock_position_get_symbol (p)) == 0)
            node = json_array_get_element (now, j);
        g_assert_nonnull (node);

        g_assert_true (paddock_position_update_from_json (p, node, &changed, &error));
        g_assert_no_error (error);
        assert_model_is_json (G_OBJECT (p), json_node_get_object (node));
        if (changed)
          n_changed++;
        if (strcmp (paddock_position_get_symbol (p), "MSFT") == 0)
          {
            g_assert_true (changed);
            g_assert_cmpstr (paddock_position_get_current_price (p), ==, "375");
          }
      }
    g_assert_cmpuint (n_changed, >=, 1);
  }
}

typedef struct
{
  GPtrArray *frames;   /* GBytes */
} Capture;

static void
frame_cb (SoupWebsocketConnection *conn,
          gint                     type,
          GBytes                  *message,
          Capture                 *capture)
{
  g_ptr_array_add (capture->frames, g_bytes_ref (message));
}

static void
test_stream (SandboxFixture *f,
             gconstpointer   data)
{
  g_autoptr (StreamClient) c = stream_client_connect (f, "paper");
  g_autoptr (TestReply) market = NULL;
  Capture capture = { g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref) };
  const char *order_id;
  gboolean filled = FALSE;
  guint n_updates = 0;
  gboolean seen_new = FALSE;

  g_signal_connect (c->conn, "message", G_CALLBACK (frame_cb), &capture);
  stream_client_authenticate (c, f->token);
  stream_client_listen (c, "[\"trade_updates\"]", "[\"trade_updates\"]");

  set_price (f, "AAPL", "190.00");
  market = submit (f, "{\"symbol\":\"AAPL\",\"qty\":\"5\",\"side\":\"buy\",\"type\":\"market\","
                      "\"time_in_force\":\"day\"}");
  order_id = json_object_get_string_member (test_reply_object (market), "id");
  while (!filled)
    {
      JsonObject *event = stream_client_next (c, "trade_updates", SOUP_WEBSOCKET_DATA_BINARY);
      JsonObject *order = json_object_get_object_member (event, "order");

      filled = strcmp (json_object_get_string_member (event, "event"), "fill") == 0 &&
               strcmp (json_object_get_string_member (order, "id"), order_id) == 0;
    }

  /* every frame, parsed from its own bytes, is the message the stream client read */
  g_assert_cmpuint (capture.frames->len, ==, c->messages->len);
  for (guint i = 0; i < capture.frames->len; i++)
    {
      GBytes *frame = g_ptr_array_index (capture.frames, i);
      gsize len;
      const char *text = g_bytes_get_data (frame, &len);
      JsonObject *sent = json_node_get_object (g_ptr_array_index (c->messages, i));
      JsonNode *sent_data = json_object_get_member (sent, "data");
      g_autoptr (GError) error = NULL;
      g_autoptr (PaddockStreamMessage) message = paddock_stream_message_parse (text, len, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (paddock_stream_message_get_stream (message), ==,
                       json_object_get_string_member (sent, "stream"));
      g_assert_true (json_node_equal (paddock_stream_message_get_data (message), sent_data));

      switch (i)
        {
        case 0:
          g_assert_cmpint (paddock_stream_message_get_kind (message), ==,
                           PADDOCK_STREAM_MESSAGE_AUTHORIZATION);
          g_assert_cmpint (paddock_stream_message_get_authorization (message), ==,
                           PADDOCK_STREAM_AUTHORIZATION_AUTHORIZED);
          g_assert_cmpstr (paddock_stream_message_get_action (message), ==, "authenticate");
          break;
        case 1:
          g_assert_cmpint (paddock_stream_message_get_kind (message), ==,
                           PADDOCK_STREAM_MESSAGE_LISTENING);
          g_assert_cmpstr (paddock_stream_message_get_streams (message)[0], ==, "trade_updates");
          g_assert_null (paddock_stream_message_get_streams (message)[1]);
          break;
        default:
          {
            PaddockTradeUpdate *update = paddock_stream_message_get_trade_update (message);

            g_assert_cmpint (paddock_stream_message_get_kind (message), ==,
                             PADDOCK_STREAM_MESSAGE_TRADE_UPDATES);
            assert_model_is_json (G_OBJECT (update), json_node_get_object (sent_data));
            n_updates++;
            if (paddock_trade_update_get_event (update) == PADDOCK_TRADE_EVENT_NEW)
              seen_new = TRUE;
            if (paddock_trade_update_get_event (update) == PADDOCK_TRADE_EVENT_FILL)
              {
                g_assert_nonnull (paddock_trade_update_get_price (update));
                g_assert_cmpstr (paddock_trade_update_get_qty (update), ==, "5");
                g_assert_cmpstr (paddock_trade_update_get_position_qty (update), ==, "5");
                g_assert_nonnull (paddock_trade_update_get_execution_id (update));
                g_assert_nonnull (paddock_trade_update_get_timestamp (update));
              }
          }
          break;
        }
    }
  g_assert_cmpuint (n_updates, >=, 2);
  g_assert_true (seen_new);

  g_signal_handlers_disconnect_by_func (c->conn, frame_cb, &capture);
  g_ptr_array_unref (capture.frames);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  PADDOCK_TEST_ADD_SANDBOX ("/models-sandbox/orders", test_orders);
  PADDOCK_TEST_ADD_SANDBOX ("/models-sandbox/positions", test_positions);
  PADDOCK_TEST_ADD_SANDBOX ("/models-sandbox/stream", test_stream);

  return g_test_run ();
}
