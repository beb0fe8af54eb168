/* test-trade-update.c: PaddockTradeUpdate and the trading stream's messages
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "paddock-error.h"
#include "paddock-stream-message.h"
#include "paddock-trade-update.h"

/* The trade_updates example of alpaca-api.md §4, as written there. */
static const char *example =
  "{\"stream\":\"trade_updates\",\"data\":{\"event\":\"partial_fill\","
  "\"execution_id\":\"c4d1a9e2-7b3f-4e60-9a85-1f2e3d4c5b6a\",\n"
  " \"timestamp\":\"2024-01-08T15:32:10.004512Z\",\"price\":\"370.48\",\"qty\":\"4\","
  "\"position_qty\":\"4\",\n"
  " \"order\":{\"id\":\"9b2e6f0c-1a3d-4e5f-8a7b-6c5d4e3f2a10\",\"symbol\":\"MSFT\","
  "\"side\":\"buy\",\"type\":\"limit\",\n"
  "  \"qty\":\"10\",\"filled_qty\":\"4\",\"filled_avg_price\":\"370.48\","
  "\"status\":\"partially_filled\", \"...\":\"rest of Order\"}}}";

static const char *order_json =
  "{'id':'9b2e6f0c-1a3d-4e5f-8a7b-6c5d4e3f2a10','symbol':'MSFT','side':'buy','type':'limit',"
  "'qty':'10','filled_qty':'0','status':'new'}";

static char *
quotes (const char *text)
{
  return g_strdelimit (g_strdup (text), "'", '"');
}

static PaddockStreamMessage *
parse_message (const char  *text,
               GError     **error)
{
  g_autofree char *copy = quotes (text);

  return paddock_stream_message_parse (copy, strlen (copy), error);
}

static PaddockStreamMessage *
parse_message_ok (const char *text)
{
  g_autoptr (GError) error = NULL;
  PaddockStreamMessage *message = parse_message (text, &error);

  g_assert_no_error (error);
  g_assert_nonnull (message);
  return message;
}

static PaddockTradeUpdate *
parse_update (const char  *text,
              GError     **error)
{
  g_autofree char *copy = quotes (text);
  g_autoptr (JsonNode) node = json_from_string (copy, NULL);

  g_assert_nonnull (node);
  return paddock_trade_update_new_from_json (node, error);
}

static void
test_example (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PaddockStreamMessage) message = NULL;
  g_autoptr (GDateTime) want = g_date_time_new_from_iso8601 ("2024-01-08T15:32:10.004512Z", NULL);
  g_autoptr (PaddockOrder) order_prop = NULL;
  g_autofree char *position_qty = NULL;
  g_autofree char *event_code = NULL;
  PaddockTradeEvent event = 0;
  PaddockTradeUpdate *update;
  PaddockOrder *order;

  message = paddock_stream_message_parse (example, strlen (example), &error);
  g_assert_no_error (error);
  g_assert_cmpint (paddock_stream_message_get_kind (message), ==,
                   PADDOCK_STREAM_MESSAGE_TRADE_UPDATES);
  g_assert_cmpstr (paddock_stream_message_get_stream (message), ==, "trade_updates");
  g_assert_true (JSON_NODE_HOLDS_OBJECT (paddock_stream_message_get_data (message)));
  g_assert_null (paddock_stream_message_get_streams (message));
  g_assert_null (paddock_stream_message_get_status_code (message));

  update = paddock_stream_message_get_trade_update (message);
  g_assert_true (PADDOCK_IS_TRADE_UPDATE (update));
  g_assert_cmpint (paddock_trade_update_get_event (update), ==, PADDOCK_TRADE_EVENT_PARTIAL_FILL);
  g_assert_cmpstr (paddock_trade_update_get_event_code (update), ==, "partial_fill");
  g_assert_cmpstr (paddock_trade_update_get_execution_id (update), ==,
                   "c4d1a9e2-7b3f-4e60-9a85-1f2e3d4c5b6a");
  g_assert_true (g_date_time_equal (paddock_trade_update_get_timestamp (update), want));
  g_assert_cmpstr (paddock_trade_update_get_price (update), ==, "370.48");
  g_assert_cmpstr (paddock_trade_update_get_qty (update), ==, "4");
  g_assert_cmpstr (paddock_trade_update_get_position_qty (update), ==, "4");
  g_assert_null (paddock_trade_update_get_at (update));
  g_assert_null (paddock_trade_update_get_event_id (update));

  order = paddock_trade_update_get_order (update);
  g_assert_cmpstr (paddock_order_get_id (order), ==, "9b2e6f0c-1a3d-4e5f-8a7b-6c5d4e3f2a10");
  g_assert_cmpstr (paddock_order_get_symbol (order), ==, "MSFT");
  g_assert_cmpint (paddock_order_get_side (order), ==, PADDOCK_ORDER_SIDE_BUY);
  g_assert_cmpint (paddock_order_get_kind (order), ==, PADDOCK_ORDER_TYPE_LIMIT);
  g_assert_cmpstr (paddock_order_get_qty (order), ==, "10");
  g_assert_cmpstr (paddock_order_get_filled_qty (order), ==, "4");
  g_assert_cmpstr (paddock_order_get_filled_avg_price (order), ==, "370.48");
  g_assert_cmpint (paddock_order_get_status (order), ==, PADDOCK_ORDER_STATUS_PARTIALLY_FILLED);
  g_assert_true (paddock_order_is_open (order));

  g_object_get (update, "position-qty", &position_qty, "event", &event, "event-code",
                &event_code, "order", &order_prop, NULL);
  g_assert_cmpstr (position_qty, ==, "4");
  g_assert_cmpint (event, ==, PADDOCK_TRADE_EVENT_PARTIAL_FILL);
  g_assert_cmpstr (event_code, ==, "partial_fill");
  g_assert_true (order_prop == order);

  /* the message outlives nothing it hands out: a ref keeps it all */
  {
    PaddockStreamMessage *again = paddock_stream_message_ref (message);

    g_assert_true (again == message);
    paddock_stream_message_unref (again);
    g_assert_true (g_type_is_a (PADDOCK_TYPE_STREAM_MESSAGE, G_TYPE_BOXED));
  }
}

static void
test_merge_into_order (void)
{
  g_autofree char *text = quotes (order_json);
  g_autoptr (JsonNode) node = json_from_string (text, NULL);
  g_autoptr (PaddockOrder) shown = paddock_order_new_from_json (node, NULL);
  g_autoptr (PaddockStreamMessage) message = NULL;
  g_autoptr (GError) error = NULL;
  PaddockTradeUpdate *update;
  gboolean changed = FALSE;

  message = paddock_stream_message_parse (example, strlen (example), &error);
  g_assert_no_error (error);
  update = paddock_stream_message_get_trade_update (message);

  /* a store merges the event into the order it shows, by id */
  g_assert_cmpstr (paddock_order_get_id (shown), ==,
                   paddock_order_get_id (paddock_trade_update_get_order (update)));
  g_assert_true (paddock_order_update_from_json (shown,
                                                 paddock_trade_update_get_order_json (update),
                                                 &changed, &error));
  g_assert_no_error (error);
  g_assert_true (changed);
  g_assert_cmpstr (paddock_order_get_filled_qty (shown), ==, "4");
  g_assert_cmpint (paddock_order_get_status (shown), ==, PADDOCK_ORDER_STATUS_PARTIALLY_FILLED);
}

static void
test_every_event (void)
{
  static const struct {
    const char *code;
    PaddockTradeEvent event;
  } events[] = {
    { "new", PADDOCK_TRADE_EVENT_NEW },
    { "fill", PADDOCK_TRADE_EVENT_FILL },
    { "partial_fill", PADDOCK_TRADE_EVENT_PARTIAL_FILL },
    { "canceled", PADDOCK_TRADE_EVENT_CANCELED },
    { "expired", PADDOCK_TRADE_EVENT_EXPIRED },
    { "done_for_day", PADDOCK_TRADE_EVENT_DONE_FOR_DAY },
    { "replaced", PADDOCK_TRADE_EVENT_REPLACED },
    { "rejected", PADDOCK_TRADE_EVENT_REJECTED },
    { "pending_new", PADDOCK_TRADE_EVENT_PENDING_NEW },
    { "stopped", PADDOCK_TRADE_EVENT_STOPPED },
    { "pending_cancel", PADDOCK_TRADE_EVENT_PENDING_CANCEL },
    { "pending_replace", PADDOCK_TRADE_EVENT_PENDING_REPLACE },
    { "calculated", PADDOCK_TRADE_EVENT_CALCULATED },
    { "suspended", PADDOCK_TRADE_EVENT_SUSPENDED },
    { "order_replace_rejected", PADDOCK_TRADE_EVENT_ORDER_REPLACE_REJECTED },
    { "order_cancel_rejected", PADDOCK_TRADE_EVENT_ORDER_CANCEL_REJECTED },
    { "accepted", PADDOCK_TRADE_EVENT_ACCEPTED },
    { "restated", PADDOCK_TRADE_EVENT_RESTATED },
    { "held", PADDOCK_TRADE_EVENT_HELD },
    { "pending_review", PADDOCK_TRADE_EVENT_PENDING_REVIEW },
    { "partially_filled", PADDOCK_TRADE_EVENT_PARTIALLY_FILLED },
    { "teleported", PADDOCK_TRADE_EVENT_UNKNOWN },
    { "", PADDOCK_TRADE_EVENT_UNKNOWN },
  };

  for (guint i = 0; i < G_N_ELEMENTS (events); i++)
    {
      g_autofree char *text = g_strdup_printf ("{'stream':'trade_updates','data':{'event':'%s',"
                                               "'timestamp':'2024-01-08T15:40:00Z',"
                                               "'order':%s}}", events[i].code, order_json);
      g_autoptr (PaddockStreamMessage) message = parse_message_ok (text);
      PaddockTradeUpdate *update = paddock_stream_message_get_trade_update (message);

      g_assert_cmpint (paddock_trade_update_get_event (update), ==, events[i].event);
      g_assert_cmpstr (paddock_trade_update_get_event_code (update), ==, events[i].code);
      /* events without a fill carry no figures */
      g_assert_null (paddock_trade_update_get_price (update));
      g_assert_null (paddock_trade_update_get_qty (update));
      g_assert_null (paddock_trade_update_get_position_qty (update));
      g_assert_null (paddock_trade_update_get_execution_id (update));
      g_assert_nonnull (paddock_trade_update_get_timestamp (update));
    }
}

static void
test_update_types (void)
{
  g_autofree char *template = NULL;
  const char *bad[] = {
    "{'order':ORDER}",
    "{'event':null,'order':ORDER}",
    "{'event':7,'order':ORDER}",
    "{'event':'fill'}",
    "{'event':'fill','order':null}",
    "{'event':'fill','order':'9b2e6f0c'}",
    "{'event':'fill','order':{'id':'x'}}",
    "{'event':'fill','order':{'id':'x','symbol':'X','side':'buy','status':'new','qty':'x'}}",
    "{'event':'fill','price':'370,48','order':ORDER}",
    "{'event':'fill','qty':true,'order':ORDER}",
    "{'event':'fill','position_qty':'-','order':ORDER}",
    "[ORDER]",
  };
  g_autoptr (PaddockTradeUpdate) tolerated = NULL;
  g_autoptr (PaddockTradeUpdate) sse = NULL;
  g_autoptr (GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (GError) local = NULL;
      g_autoptr (GString) text = g_string_new (bad[i]);
      g_autoptr (PaddockTradeUpdate) update = NULL;

      g_string_replace (text, "ORDER", order_json, 0);
      update = parse_update (text->str, &local);
      g_test_message ("%s", text->str);
      g_assert_null (update);
      g_assert_error (local, PADDOCK_ERROR, PADDOCK_ERROR_PROTOCOL);
    }

  /* members that are not figures and not required: of the wrong type, as if absent;
   * unknown members ignored; a number for a decimal kept as its text */
  template = g_strdup_printf ("{'event':'fill','timestamp':5,'execution_id':{},'at':'then',"
                              "'event_id':[],'price':370.5,'qty':null,'position_qty':'-4',"
                              "'surprise':true,'order':%s}", order_json);
  tolerated = parse_update (template, &error);
  g_assert_no_error (error);
  g_assert_null (paddock_trade_update_get_timestamp (tolerated));
  g_assert_null (paddock_trade_update_get_execution_id (tolerated));
  g_assert_null (paddock_trade_update_get_at (tolerated));
  g_assert_null (paddock_trade_update_get_event_id (tolerated));
  g_assert_cmpstr (paddock_trade_update_get_price (tolerated), ==, "370.5");
  g_assert_null (paddock_trade_update_get_qty (tolerated));
  g_assert_cmpstr (paddock_trade_update_get_position_qty (tolerated), ==, "-4");

  /* the SSE form's extra members */
  g_clear_pointer (&template, g_free);
  template = g_strdup_printf ("{'event':'new','at':'2024-01-08T15:31:02.114502Z',"
                              "'event_id':'01HKM3A0000000000000000000','order':%s}",
                              order_json);
  sse = parse_update (template, &error);
  g_assert_no_error (error);
  g_assert_nonnull (paddock_trade_update_get_at (sse));
  g_assert_cmpstr (paddock_trade_update_get_event_id (sse), ==, "01HKM3A0000000000000000000");
}

static void
test_authorization (void)
{
  static const struct {
    const char *text;
    PaddockStreamAuthorization authorization;
    const char *status;
    const char *action;
  } cases[] = {
    { "{'stream':'authorization','data':{'action':'authenticate','status':'authorized'}}",
      PADDOCK_STREAM_AUTHORIZATION_AUTHORIZED, "authorized", "authenticate" },
    { "{'stream':'authorization','data':{'action':'authenticate','status':'unauthorized'}}",
      PADDOCK_STREAM_AUTHORIZATION_UNAUTHORIZED, "unauthorized", "authenticate" },
    { "{'stream':'authorization','data':{'action':'listen','status':'unauthorized'}}",
      PADDOCK_STREAM_AUTHORIZATION_UNAUTHORIZED, "unauthorized", "listen" },
    { "{'stream':'authorization','data':{'action':'authenticate','status':'exceeded'}}",
      PADDOCK_STREAM_AUTHORIZATION_EXCEEDED, "exceeded", "authenticate" },
    { "{'stream':'authorization','data':{'status':'on_probation','action':7,'extra':[]}}",
      PADDOCK_STREAM_AUTHORIZATION_UNKNOWN, "on_probation", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (PaddockStreamMessage) message = parse_message_ok (cases[i].text);

      g_assert_cmpint (paddock_stream_message_get_kind (message), ==,
                       PADDOCK_STREAM_MESSAGE_AUTHORIZATION);
      g_assert_cmpstr (paddock_stream_message_get_stream (message), ==, "authorization");
      g_assert_cmpint (paddock_stream_message_get_authorization (message), ==,
                       cases[i].authorization);
      g_assert_cmpstr (paddock_stream_message_get_status_code (message), ==, cases[i].status);
      g_assert_cmpstr (paddock_stream_message_get_action (message), ==, cases[i].action);
      g_assert_null (paddock_stream_message_get_trade_update (message));
    }
}

static void
test_listening (void)
{
  g_autoptr (PaddockStreamMessage) listening = NULL;
  g_autoptr (PaddockStreamMessage) none = NULL;
  const char * const *streams;

  listening = parse_message_ok ("{'stream':'listening','data':{'streams':['trade_updates']}}");
  g_assert_cmpint (paddock_stream_message_get_kind (listening), ==,
                   PADDOCK_STREAM_MESSAGE_LISTENING);
  streams = paddock_stream_message_get_streams (listening);
  g_assert_nonnull (streams);
  g_assert_cmpuint (g_strv_length ((char **) streams), ==, 1);
  g_assert_cmpstr (streams[0], ==, "trade_updates");
  g_assert_cmpint (paddock_stream_message_get_authorization (listening), ==,
                   PADDOCK_STREAM_AUTHORIZATION_UNKNOWN);

  none = parse_message_ok ("{'stream':'listening','data':{'streams':[]}}");
  streams = paddock_stream_message_get_streams (none);
  g_assert_nonnull (streams);
  g_assert_null (streams[0]);
}

static void
test_unknown_stream (void)
{
  g_autoptr (PaddockStreamMessage) message = NULL;
  g_autoptr (PaddockStreamMessage) bare = NULL;
  JsonNode *data;

  message = parse_message_ok ("{'stream':'account_updates','data':{'cash':'1'},'extra':1}");
  g_assert_cmpint (paddock_stream_message_get_kind (message), ==, PADDOCK_STREAM_MESSAGE_UNKNOWN);
  g_assert_cmpstr (paddock_stream_message_get_stream (message), ==, "account_updates");
  data = paddock_stream_message_get_data (message);
  g_assert_nonnull (data);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (data), "cash"), ==, "1");
  g_assert_null (paddock_stream_message_get_trade_update (message));

  bare = parse_message_ok ("{'stream':'heartbeat'}");
  g_assert_cmpint (paddock_stream_message_get_kind (bare), ==, PADDOCK_STREAM_MESSAGE_UNKNOWN);
  g_assert_null (paddock_stream_message_get_data (bare));
}

static void
test_malformed_messages (void)
{
  const char *bad[] = {
    "",
    "not json",
    "{'stream':'authorization'",
    "[{'stream':'authorization'}]",
    "'trade_updates'",
    "{}",
    "{'data':{}}",
    "{'stream':null,'data':{}}",
    "{'stream':7,'data':{}}",
    "{'stream':['trade_updates'],'data':{}}",
    "{'stream':'authorization'}",
    "{'stream':'authorization','data':'authorized'}",
    "{'stream':'authorization','data':{'action':'authenticate'}}",
    "{'stream':'authorization','data':{'status':true}}",
    "{'stream':'listening'}",
    "{'stream':'listening','data':{}}",
    "{'stream':'listening','data':{'streams':'trade_updates'}}",
    "{'stream':'listening','data':{'streams':['trade_updates',7]}}",
    "{'stream':'trade_updates'}",
    "{'stream':'trade_updates','data':[]}",
    "{'stream':'trade_updates','data':{'event':'fill'}}",
  };
  g_autoptr (GString) deep = g_string_new ("{\"stream\":\"x\",\"data\":");

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (PaddockStreamMessage) message = parse_message (bad[i], &error);

      g_test_message ("%s", bad[i]);
      g_assert_null (message);
      g_assert_error (error, PADDOCK_ERROR, PADDOCK_ERROR_PROTOCOL);
    }

  /* the standard depth limit applies, even in a stream we would skip */
  for (guint i = 0; i < 200; i++)
    g_string_append_c (deep, '[');
  for (guint i = 0; i < 200; i++)
    g_string_append_c (deep, ']');
  g_string_append_c (deep, '}');
  {
    g_autoptr (GError) error = NULL;
    g_autoptr (PaddockStreamMessage) message = paddock_stream_message_parse (deep->str, deep->len,
                                                                            &error);

    g_assert_null (message);
    g_assert_error (error, PADDOCK_ERROR, PADDOCK_ERROR_PROTOCOL);
  }
}

static void
test_length_is_honoured (void)
{
  const char *listening = "{\"stream\":\"listening\",\"data\":{\"streams\":[]}}";
  g_autofree char *buffer = g_strconcat (listening, "GARBAGE", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (PaddockStreamMessage) message = NULL;
  g_autoptr (PaddockStreamMessage) cut = NULL;

  /* a frame's payload is not nul-terminated: only len bytes are read */
  message = paddock_stream_message_parse (buffer, strlen (listening), &error);
  g_assert_no_error (error);
  g_assert_cmpint (paddock_stream_message_get_kind (message), ==, PADDOCK_STREAM_MESSAGE_LISTENING);

  cut = paddock_stream_message_parse (buffer, strlen (listening) - 1, &error);
  g_assert_null (cut);
  g_assert_error (error, PADDOCK_ERROR, PADDOCK_ERROR_PROTOCOL);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/trade-update/example", test_example);
  g_test_add_func ("/trade-update/merge-into-order", test_merge_into_order);
  g_test_add_func ("/trade-update/every-event", test_every_event);
  g_test_add_func ("/trade-update/member-types", test_update_types);
  g_test_add_func ("/stream-message/authorization", test_authorization);
  g_test_add_func ("/stream-message/listening", test_listening);
  g_test_add_func ("/stream-message/unknown-stream", test_unknown_stream);
  g_test_add_func ("/stream-message/malformed", test_malformed_messages);
  g_test_add_func ("/stream-message/length-is-honoured", test_length_is_honoured);

  return g_test_run ();
}
