/* test-order.c: PaddockOrder from JSON
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "paddock-error.h"
#include "paddock-order.h"

/* The Order example of alpaca-api.md §2.4, as written there. */
static const char *example =
  "{\"id\":\"9b2e6f0c-1a3d-4e5f-8a7b-6c5d4e3f2a10\",\"client_order_id\":\"gtk-7f3a\","
  " \"created_at\":\"2024-01-08T15:31:02.114502Z\",\"updated_at\":\"2024-01-08T15:31:02.120011Z\","
  " \"submitted_at\":\"2024-01-08T15:31:02.109874Z\",\"filled_at\":null,\"expired_at\":null,"
  "\"canceled_at\":null,"
  " \"failed_at\":null,\"replaced_at\":null,\"replaced_by\":null,\"replaces\":null,"
  " \"asset_id\":\"1e7c2d44-5f0a-4b6e-9d3c-8a2b1c0d9e8f\",\"symbol\":\"MSFT\","
  "\"asset_class\":\"us_equity\","
  " \"notional\":null,\"qty\":\"10\",\"filled_qty\":\"0\",\"filled_avg_price\":null,"
  "\"order_class\":\"simple\","
  " \"order_type\":\"limit\",\"type\":\"limit\",\"side\":\"buy\",\"time_in_force\":\"gtc\","
  "\"limit_price\":\"370.5\","
  " \"stop_price\":null,\"trail_price\":null,\"trail_percent\":null,\"hwm\":null,"
  "\"status\":\"new\","
  " \"extended_hours\":false,\"legs\":null}";

/* A bracket order with its two legs, shaped like the sandbox's nested reply. */
static const char *bracket =
  "{'id':'a0000000-0000-4000-8000-000000000001','client_order_id':'gtk-b1',"
  "'created_at':'2024-01-08T15:31:02Z','symbol':'MSFT','asset_class':'us_equity',"
  "'qty':'10','filled_qty':'10','filled_avg_price':'370.42','order_class':'bracket',"
  "'order_type':'limit','type':'limit','side':'buy','time_in_force':'gtc',"
  "'limit_price':'370.5','status':'filled','extended_hours':false,"
  "'legs':["
  "{'id':'a0000000-0000-4000-8000-000000000002','symbol':'MSFT','qty':'10','filled_qty':'0',"
  "'order_class':'bracket','type':'limit','side':'sell','time_in_force':'gtc',"
  "'limit_price':'395','status':'new','legs':null},"
  "{'id':'a0000000-0000-4000-8000-000000000003','symbol':'MSFT','qty':'10','filled_qty':'0',"
  "'order_class':'bracket','type':'stop_limit','side':'sell','time_in_force':'gtc',"
  "'stop_price':'355','limit_price':'354.5','status':'new','legs':null}]}";

/* JSON with ' for " so that the texts stay readable */
static JsonNode *
json (const char *text)
{
  g_autofree char *copy = g_strdelimit (g_strdup (text), "'", '"');
  g_autoptr (GError) error = NULL;
  JsonNode *node = json_from_string (copy, &error);

  g_assert_no_error (error);
  g_assert_nonnull (node);
  return node;
}

static PaddockOrder *
parse (const char  *text,
       GError     **error)
{
  g_autoptr (JsonNode) node = json (text);

  return paddock_order_new_from_json (node, error);
}

static PaddockOrder *
parse_ok (const char *text)
{
  g_autoptr (GError) error = NULL;
  PaddockOrder *order = parse (text, &error);

  g_assert_no_error (error);
  g_assert_true (PADDOCK_IS_ORDER (order));
  return order;
}

static void
assert_time (GDateTime  *time,
             const char *expected)
{
  g_autoptr (GDateTime) want = g_date_time_new_from_iso8601 (expected, NULL);

  g_assert_nonnull (time);
  g_assert_nonnull (want);
  g_assert_true (g_date_time_equal (time, want));
}

static void
test_every_field (void)
{
  g_autoptr (PaddockOrder) order = parse_ok (example);
  g_autoptr (JsonNode) in = json (example);
  g_autofree char *limit = NULL;
  g_autofree char *status_code = NULL;
  g_autoptr (GDateTime) created = NULL;
  g_autoptr (GListModel) legs = NULL;
  PaddockOrderStatus status = 0;
  gboolean is_open = FALSE;

  g_assert_cmpstr (paddock_order_get_id (order), ==, "9b2e6f0c-1a3d-4e5f-8a7b-6c5d4e3f2a10");
  g_assert_cmpstr (paddock_order_get_client_order_id (order), ==, "gtk-7f3a");
  assert_time (paddock_order_get_created_at (order), "2024-01-08T15:31:02.114502Z");
  assert_time (paddock_order_get_updated_at (order), "2024-01-08T15:31:02.120011Z");
  assert_time (paddock_order_get_submitted_at (order), "2024-01-08T15:31:02.109874Z");
  g_assert_cmpint (g_date_time_get_microsecond (paddock_order_get_created_at (order)), ==,
                   114502);
  g_assert_null (paddock_order_get_filled_at (order));
  g_assert_null (paddock_order_get_expired_at (order));
  g_assert_null (paddock_order_get_canceled_at (order));
  g_assert_null (paddock_order_get_failed_at (order));
  g_assert_null (paddock_order_get_replaced_at (order));
  g_assert_null (paddock_order_get_replaced_by (order));
  g_assert_null (paddock_order_get_replaces (order));
  g_assert_cmpstr (paddock_order_get_asset_id (order), ==, "1e7c2d44-5f0a-4b6e-9d3c-8a2b1c0d9e8f");
  g_assert_cmpstr (paddock_order_get_symbol (order), ==, "MSFT");
  g_assert_cmpstr (paddock_order_get_asset_class (order), ==, "us_equity");
  g_assert_null (paddock_order_get_notional (order));
  g_assert_cmpstr (paddock_order_get_qty (order), ==, "10");
  g_assert_cmpstr (paddock_order_get_filled_qty (order), ==, "0");
  g_assert_null (paddock_order_get_filled_avg_price (order));
  g_assert_cmpint (paddock_order_get_order_class (order), ==, PADDOCK_ORDER_CLASS_SIMPLE);
  g_assert_cmpstr (paddock_order_get_order_class_code (order), ==, "simple");
  g_assert_cmpstr (paddock_order_get_order_type (order), ==, "limit");
  g_assert_cmpint (paddock_order_get_kind (order), ==, PADDOCK_ORDER_TYPE_LIMIT);
  g_assert_cmpstr (paddock_order_get_type_code (order), ==, "limit");
  g_assert_cmpint (paddock_order_get_side (order), ==, PADDOCK_ORDER_SIDE_BUY);
  g_assert_cmpstr (paddock_order_get_side_code (order), ==, "buy");
  g_assert_cmpint (paddock_order_get_time_in_force (order), ==, PADDOCK_TIME_IN_FORCE_GTC);
  g_assert_cmpstr (paddock_order_get_time_in_force_code (order), ==, "gtc");
  g_assert_cmpstr (paddock_order_get_limit_price (order), ==, "370.5");
  g_assert_null (paddock_order_get_stop_price (order));
  g_assert_null (paddock_order_get_trail_price (order));
  g_assert_null (paddock_order_get_trail_percent (order));
  g_assert_null (paddock_order_get_hwm (order));
  g_assert_cmpint (paddock_order_get_status (order), ==, PADDOCK_ORDER_STATUS_NEW);
  g_assert_cmpstr (paddock_order_get_status_code (order), ==, "new");
  g_assert_false (paddock_order_get_extended_hours (order));
  g_assert_cmpuint (g_list_model_get_n_items (paddock_order_get_legs (order)), ==, 0);
  g_assert_true (paddock_order_is_open (order));
  g_assert_null (paddock_order_get_position_intent (order));
  g_assert_null (paddock_order_get_expires_at (order));
  g_assert_null (paddock_order_get_ratio_qty (order));
  g_assert_null (paddock_order_get_cancel_requested_at (order));

  /* every member is a property with its name in GObject spelling */
  g_object_get (order, "limit-price", &limit, "status", &status, "status-code", &status_code,
                "created-at", &created, "is-open", &is_open, "legs", &legs, NULL);
  g_assert_cmpstr (limit, ==, "370.5");
  g_assert_cmpint (status, ==, PADDOCK_ORDER_STATUS_NEW);
  g_assert_cmpstr (status_code, ==, "new");
  assert_time (created, "2024-01-08T15:31:02.114502Z");
  g_assert_true (is_open);
  g_assert_true (legs == paddock_order_get_legs (order));
  {
    JsonObjectIter iter;
    const char *name;
    JsonNode *member;

    json_object_iter_init (&iter, json_node_get_object (in));
    while (json_object_iter_next (&iter, &name, &member))
      {
        g_autofree char *prop = g_strdelimit (g_strdup (name), "_", '-');
        GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (order), prop);

        g_assert_nonnull (pspec);
        g_assert_true (pspec->flags & G_PARAM_EXPLICIT_NOTIFY);
        g_assert_false (pspec->flags & G_PARAM_WRITABLE);
      }
    for (guint i = 0; i < 4; i++)
      {
        const char *newer[] = { "position-intent", "expires-at", "ratio-qty",
                                "cancel-requested-at" };

        g_assert_nonnull (g_object_class_find_property (G_OBJECT_GET_CLASS (order), newer[i]));
      }
  }
}

static void
test_newer_fields (void)
{
  g_autoptr (PaddockOrder) order = NULL;

  order = parse_ok ("{'id':'o1','symbol':'AAPL','side':'sell','status':'pending_cancel',"
                    "'qty':'2.5','filled_qty':'0','type':'market','time_in_force':'day',"
                    "'position_intent':'sell_to_close','expires_at':'2024-01-09T21:00:00-05:00',"
                    "'ratio_qty':'1','cancel_requested_at':'2024-01-08T15:40:00.5Z',"
                    "'notional':null}");
  g_assert_cmpstr (paddock_order_get_position_intent (order), ==, "sell_to_close");
  assert_time (paddock_order_get_expires_at (order), "2024-01-10T02:00:00Z");
  g_assert_cmpstr (paddock_order_get_ratio_qty (order), ==, "1");
  assert_time (paddock_order_get_cancel_requested_at (order), "2024-01-08T15:40:00.500Z");
  g_assert_cmpint (paddock_order_get_status (order), ==, PADDOCK_ORDER_STATUS_PENDING_CANCEL);
  g_assert_cmpint (paddock_order_get_kind (order), ==, PADDOCK_ORDER_TYPE_MARKET);
  g_assert_cmpint (paddock_order_get_side (order), ==, PADDOCK_ORDER_SIDE_SELL);
  g_assert_cmpint (paddock_order_get_time_in_force (order), ==, PADDOCK_TIME_IN_FORCE_DAY);
  /* optional members missing altogether */
  g_assert_null (paddock_order_get_created_at (order));
  g_assert_null (paddock_order_get_client_order_id (order));
  g_assert_null (paddock_order_get_order_type (order));
  g_assert_cmpint (paddock_order_get_order_class (order), ==, PADDOCK_ORDER_CLASS_UNKNOWN);
  g_assert_null (paddock_order_get_order_class_code (order));
}

static void
test_every_status (void)
{
  static const struct {
    const char *code;
    PaddockOrderStatus status;
    gboolean open;
  } statuses[] = {
    { "new", PADDOCK_ORDER_STATUS_NEW, TRUE },
    { "partially_filled", PADDOCK_ORDER_STATUS_PARTIALLY_FILLED, TRUE },
    { "filled", PADDOCK_ORDER_STATUS_FILLED, FALSE },
    { "done_for_day", PADDOCK_ORDER_STATUS_DONE_FOR_DAY, TRUE },
    { "canceled", PADDOCK_ORDER_STATUS_CANCELED, FALSE },
    { "expired", PADDOCK_ORDER_STATUS_EXPIRED, FALSE },
    { "replaced", PADDOCK_ORDER_STATUS_REPLACED, FALSE },
    { "pending_cancel", PADDOCK_ORDER_STATUS_PENDING_CANCEL, TRUE },
    { "pending_replace", PADDOCK_ORDER_STATUS_PENDING_REPLACE, TRUE },
    { "accepted", PADDOCK_ORDER_STATUS_ACCEPTED, TRUE },
    { "pending_new", PADDOCK_ORDER_STATUS_PENDING_NEW, TRUE },
    { "accepted_for_bidding", PADDOCK_ORDER_STATUS_ACCEPTED_FOR_BIDDING, TRUE },
    { "stopped", PADDOCK_ORDER_STATUS_STOPPED, TRUE },
    { "rejected", PADDOCK_ORDER_STATUS_REJECTED, FALSE },
    { "suspended", PADDOCK_ORDER_STATUS_SUSPENDED, TRUE },
    { "calculated", PADDOCK_ORDER_STATUS_CALCULATED, TRUE },
    { "pending_review", PADDOCK_ORDER_STATUS_PENDING_REVIEW, TRUE },
    { "held", PADDOCK_ORDER_STATUS_HELD, TRUE },
    { "being_invented", PADDOCK_ORDER_STATUS_UNKNOWN, TRUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    {
      g_autofree char *text = g_strdup_printf ("{'id':'o','symbol':'X','side':'buy',"
                                               "'status':'%s'}", statuses[i].code);
      g_autoptr (PaddockOrder) order = parse_ok (text);

      g_assert_cmpint (paddock_order_get_status (order), ==, statuses[i].status);
      g_assert_cmpstr (paddock_order_get_status_code (order), ==, statuses[i].code);
      g_assert_cmpint (paddock_order_is_open (order), ==, statuses[i].open);
      g_assert_cmpint (paddock_order_status_is_open (statuses[i].status), ==, statuses[i].open);
    }
}

static void
test_unknown_codes (void)
{
  g_autoptr (PaddockOrder) order = NULL;
  g_autoptr (PaddockOrder) empty_class = NULL;
  g_autoptr (PaddockOrder) mleg = NULL;
  g_autoptr (PaddockOrder) old = NULL;
  int status = -1;

  /* codes this version does not know are kept, with UNKNOWN as their value; unknown
   * members are ignored */
  order = parse_ok ("{'id':'o1','symbol':'MSFT','side':'sell_short','status':'frozen',"
                    "'type':'moon_shot','time_in_force':'gtd','order_class':'ladder',"
                    "'qty':'1','filled_qty':'0','brand_new_member':{'a':[1,2,3]},"
                    "'another':null}");
  g_assert_cmpint (paddock_order_get_side (order), ==, PADDOCK_ORDER_SIDE_UNKNOWN);
  g_assert_cmpstr (paddock_order_get_side_code (order), ==, "sell_short");
  g_assert_cmpint (paddock_order_get_status (order), ==, PADDOCK_ORDER_STATUS_UNKNOWN);
  g_assert_cmpstr (paddock_order_get_status_code (order), ==, "frozen");
  g_assert_cmpint (paddock_order_get_kind (order), ==, PADDOCK_ORDER_TYPE_UNKNOWN);
  g_assert_cmpstr (paddock_order_get_type_code (order), ==, "moon_shot");
  g_assert_cmpint (paddock_order_get_time_in_force (order), ==, PADDOCK_TIME_IN_FORCE_UNKNOWN);
  g_assert_cmpstr (paddock_order_get_time_in_force_code (order), ==, "gtd");
  g_assert_cmpint (paddock_order_get_order_class (order), ==, PADDOCK_ORDER_CLASS_UNKNOWN);
  g_assert_cmpstr (paddock_order_get_order_class_code (order), ==, "ladder");
  g_object_get (order, "status", &status, NULL);
  g_assert_cmpint (status, ==, PADDOCK_ORDER_STATUS_UNKNOWN);

  /* "" is a simple order; mleg is known */
  empty_class = parse_ok ("{'id':'o','symbol':'X','side':'buy','status':'new','order_class':''}");
  g_assert_cmpint (paddock_order_get_order_class (empty_class), ==, PADDOCK_ORDER_CLASS_SIMPLE);
  g_assert_cmpstr (paddock_order_get_order_class_code (empty_class), ==, "");
  mleg = parse_ok ("{'id':'o','symbol':'X','side':'buy','status':'new','order_class':'mleg',"
                   "'type':'trailing_stop','time_in_force':'fok'}");
  g_assert_cmpint (paddock_order_get_order_class (mleg), ==, PADDOCK_ORDER_CLASS_MLEG);
  g_assert_cmpint (paddock_order_get_kind (mleg), ==, PADDOCK_ORDER_TYPE_TRAILING_STOP);
  g_assert_cmpint (paddock_order_get_time_in_force (mleg), ==, PADDOCK_TIME_IN_FORCE_FOK);

  /* a server that only sends the deprecated order_type */
  old = parse_ok ("{'id':'o','symbol':'X','side':'buy','status':'new','order_type':'stop'}");
  g_assert_cmpint (paddock_order_get_kind (old), ==, PADDOCK_ORDER_TYPE_STOP);
  g_assert_cmpstr (paddock_order_get_type_code (old), ==, "stop");
}

static void
test_refused (void)
{
  g_autofree char *long_qty = g_strnfill (65, '1');
  g_autofree char *long_text = g_strdup_printf ("{'id':'o','symbol':'X','side':'buy',"
                                                "'status':'new','qty':'%s'}", long_qty);
  const char *bad[] = {
    /* required members: missing, null, wrong type */
    "{'symbol':'X','side':'buy','status':'new'}",
    "{'id':null,'symbol':'X','side':'buy','status':'new'}",
    "{'id':7,'symbol':'X','side':'buy','status':'new'}",
    "{'id':'o','side':'buy','status':'new'}",
    "{'id':'o','symbol':['X'],'side':'buy','status':'new'}",
    "{'id':'o','symbol':'X','status':'new'}",
    "{'id':'o','symbol':'X','side':true,'status':'new'}",
    "{'id':'o','symbol':'X','side':'buy'}",
    "{'id':'o','symbol':'X','side':'buy','status':3}",
    /* decimals that are there and are not decimal text */
    "{'id':'o','symbol':'X','side':'buy','status':'new','qty':'12abc'}",
    "{'id':'o','symbol':'X','side':'buy','status':'new','qty':''}",
    "{'id':'o','symbol':'X','side':'buy','status':'new','filled_qty':'1,000'}",
    "{'id':'o','symbol':'X','side':'buy','status':'new','filled_avg_price':true}",
    "{'id':'o','symbol':'X','side':'buy','status':'new','limit_price':'1e5'}",
    "{'id':'o','symbol':'X','side':'buy','status':'new','stop_price':{}}",
    "{'id':'o','symbol':'X','side':'buy','status':'new','trail_price':'NaN'}",
    "{'id':'o','symbol':'X','side':'buy','status':'new','trail_percent':[1]}",
    "{'id':'o','symbol':'X','side':'buy','status':'new','hwm':'- 1'}",
    "{'id':'o','symbol':'X','side':'buy','status':'new','notional':'.'}",
    "{'id':'o','symbol':'X','side':'buy','status':'new','ratio_qty':1e300}",
    long_text,
    /* legs that are not orders */
    "{'id':'o','symbol':'X','side':'buy','status':'new','legs':'none'}",
    "{'id':'o','symbol':'X','side':'buy','status':'new','legs':{}}",
    "{'id':'o','symbol':'X','side':'buy','status':'new','legs':[1]}",
    "{'id':'o','symbol':'X','side':'buy','status':'new','legs':[{'id':'l'}]}",
    /* legs nested deeper than three levels */
    "{'id':'o','symbol':'X','side':'buy','status':'new','legs':[{'id':'l','symbol':'X',"
    "'side':'buy','status':'new','legs':[{'id':'m','symbol':'X','side':'buy','status':'new',"
    "'legs':[{'id':'n','symbol':'X','side':'buy','status':'new'}]}]}]}",
    /* not an object */
    "[1,2,3]",
    "'order'",
    "null",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (PaddockOrder) order = parse (bad[i], &error);

      g_test_message ("%s", bad[i]);
      g_assert_null (order);
      g_assert_error (error, PADDOCK_ERROR, PADDOCK_ERROR_PROTOCOL);
    }

  /* three levels are fine */
  {
    g_autoptr (PaddockOrder) order = parse_ok ("{'id':'o','symbol':'X','side':'buy',"
                                               "'status':'new','legs':[{'id':'l','symbol':'X',"
                                               "'side':'buy','status':'new','legs':[{'id':'m',"
                                               "'symbol':'X','side':'buy','status':'new',"
                                               "'legs':[]}]}]}");
    g_autoptr (PaddockOrder) leg = g_list_model_get_item (paddock_order_get_legs (order), 0);

    g_assert_cmpuint (g_list_model_get_n_items (paddock_order_get_legs (leg)), ==, 1);
  }
  {
    g_autoptr (GError) error = NULL;

    g_assert_null (paddock_order_new_from_json (NULL, &error));
    g_assert_error (error, PADDOCK_ERROR, PADDOCK_ERROR_PROTOCOL);
  }
}

static void
test_tolerated (void)
{
  g_autoptr (PaddockOrder) order = NULL;
  g_autoptr (PaddockOrder) numbers = NULL;

  /* members that are not amounts and not required: the wrong type is as if absent */
  order = parse_ok ("{'id':'o','symbol':'X','side':'buy','status':'new',"
                    "'client_order_id':7,'created_at':5,'updated_at':'yesterday',"
                    "'filled_at':'2024-13-45T99:00:00Z','submitted_at':true,'asset_id':[],"
                    "'asset_class':{},'replaced_by':1,'replaces':false,'extended_hours':'no',"
                    "'type':3,'order_type':'limit','time_in_force':false,'order_class':1,"
                    "'position_intent':2,'expires_at':'soon','cancel_requested_at':{}}");
  g_assert_null (paddock_order_get_client_order_id (order));
  g_assert_null (paddock_order_get_created_at (order));
  g_assert_null (paddock_order_get_updated_at (order));
  g_assert_null (paddock_order_get_filled_at (order));
  g_assert_null (paddock_order_get_submitted_at (order));
  g_assert_null (paddock_order_get_asset_id (order));
  g_assert_null (paddock_order_get_asset_class (order));
  g_assert_null (paddock_order_get_replaced_by (order));
  g_assert_null (paddock_order_get_replaces (order));
  g_assert_false (paddock_order_get_extended_hours (order));
  /* type of the wrong type: the deprecated copy stands in */
  g_assert_cmpint (paddock_order_get_kind (order), ==, PADDOCK_ORDER_TYPE_LIMIT);
  g_assert_cmpint (paddock_order_get_time_in_force (order), ==, PADDOCK_TIME_IN_FORCE_UNKNOWN);
  g_assert_null (paddock_order_get_time_in_force_code (order));
  g_assert_cmpint (paddock_order_get_order_class (order), ==, PADDOCK_ORDER_CLASS_UNKNOWN);
  g_assert_null (paddock_order_get_order_class_code (order));
  g_assert_null (paddock_order_get_position_intent (order));
  g_assert_null (paddock_order_get_expires_at (order));
  g_assert_null (paddock_order_get_cancel_requested_at (order));

  /* JSON numbers where decimal strings belong are kept as their text; signs and a
   * missing leading digit are decimal text too */
  numbers = parse_ok ("{'id':'o','symbol':'X','side':'buy','status':'new','qty':10,"
                      "'filled_qty':2.5,'limit_price':'-0.5','stop_price':'+3','hwm':'.25',"
                      "'trail_percent':'7.'}");
  g_assert_cmpstr (paddock_order_get_qty (numbers), ==, "10");
  g_assert_cmpstr (paddock_order_get_filled_qty (numbers), ==, "2.5");
  g_assert_cmpstr (paddock_order_get_limit_price (numbers), ==, "-0.5");
  g_assert_cmpstr (paddock_order_get_stop_price (numbers), ==, "+3");
  g_assert_cmpstr (paddock_order_get_hwm (numbers), ==, ".25");
  g_assert_cmpstr (paddock_order_get_trail_percent (numbers), ==, "7.");
}

static void
test_bracket_legs (void)
{
  g_autoptr (PaddockOrder) order = parse_ok (bracket);
  GListModel *legs = paddock_order_get_legs (order);
  g_autoptr (PaddockOrder) tp = NULL;
  g_autoptr (PaddockOrder) sl = NULL;

  g_assert_cmpint (paddock_order_get_order_class (order), ==, PADDOCK_ORDER_CLASS_BRACKET);
  g_assert_cmpint (paddock_order_get_status (order), ==, PADDOCK_ORDER_STATUS_FILLED);
  g_assert_false (paddock_order_is_open (order));
  g_assert_cmpstr (paddock_order_get_filled_avg_price (order), ==, "370.42");
  g_assert_true (g_list_model_get_item_type (legs) == PADDOCK_TYPE_ORDER);
  g_assert_cmpuint (g_list_model_get_n_items (legs), ==, 2);

  tp = g_list_model_get_item (legs, 0);
  sl = g_list_model_get_item (legs, 1);
  g_assert_cmpstr (paddock_order_get_id (tp), ==, "a0000000-0000-4000-8000-000000000002");
  g_assert_cmpint (paddock_order_get_kind (tp), ==, PADDOCK_ORDER_TYPE_LIMIT);
  g_assert_cmpint (paddock_order_get_side (tp), ==, PADDOCK_ORDER_SIDE_SELL);
  g_assert_cmpstr (paddock_order_get_limit_price (tp), ==, "395");
  g_assert_null (paddock_order_get_stop_price (tp));
  g_assert_true (paddock_order_is_open (tp));
  g_assert_cmpuint (g_list_model_get_n_items (paddock_order_get_legs (tp)), ==, 0);
  g_assert_cmpstr (paddock_order_get_id (sl), ==, "a0000000-0000-4000-8000-000000000003");
  g_assert_cmpint (paddock_order_get_kind (sl), ==, PADDOCK_ORDER_TYPE_STOP_LIMIT);
  g_assert_cmpstr (paddock_order_get_stop_price (sl), ==, "355");
  g_assert_cmpstr (paddock_order_get_limit_price (sl), ==, "354.5");
  g_assert_cmpstr (paddock_order_get_qty (sl), ==, "10");
}

static void
notify_cb (GObject    *object,
           GParamSpec *pspec,
           GPtrArray  *names)
{
  g_ptr_array_add (names, g_strdup (pspec->name));
}

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  guint      *count)
{
  (*count)++;
}

static gboolean
has_name (GPtrArray  *names,
          const char *name)
{
  for (guint i = 0; i < names->len; i++)
    if (strcmp (g_ptr_array_index (names, i), name) == 0)
      return TRUE;
  return FALSE;
}

static void
assert_names (GPtrArray  *names,
              const char *expected[],
              guint       n)
{
  for (guint i = 0; i < names->len; i++)
    g_test_message ("notified: %s", (const char *) g_ptr_array_index (names, i));
  g_assert_cmpuint (names->len, ==, n);
  for (guint i = 0; i < n; i++)
    g_assert_true (has_name (names, expected[i]));
}

static void
update (PaddockOrder *order,
        JsonNode     *node,
        gboolean      expect_changed)
{
  g_autoptr (GError) error = NULL;
  gboolean changed = !expect_changed;

  g_assert_true (paddock_order_update_from_json (order, node, &changed, &error));
  g_assert_no_error (error);
  g_assert_cmpint (changed, ==, expect_changed);
}

static void
test_update_notifies_changes_only (void)
{
  g_autoptr (PaddockOrder) order = parse_ok (example);
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (JsonNode) node = json (example);
  JsonObject *obj = json_node_get_object (node);

  g_signal_connect (order, "notify", G_CALLBACK (notify_cb), names);

  /* the same order again: nothing */
  update (order, node, FALSE);
  g_assert_cmpuint (names->len, ==, 0);

  /* filled: exactly what changed, plus is-open */
  json_object_set_string_member (obj, "status", "filled");
  json_object_set_string_member (obj, "filled_qty", "10");
  json_object_set_string_member (obj, "filled_avg_price", "370.48");
  json_object_set_string_member (obj, "filled_at", "2024-01-08T15:32:10.004512Z");
  json_object_set_string_member (obj, "updated_at", "2024-01-08T15:32:10.004512Z");
  update (order, node, TRUE);
  {
    const char *expected[] = { "status", "status-code", "filled-qty", "filled-avg-price",
                               "filled-at", "updated-at", "is-open" };

    assert_names (names, expected, G_N_ELEMENTS (expected));
  }
  g_assert_cmpint (paddock_order_get_status (order), ==, PADDOCK_ORDER_STATUS_FILLED);
  g_assert_cmpstr (paddock_order_get_filled_avg_price (order), ==, "370.48");
  assert_time (paddock_order_get_filled_at (order), "2024-01-08T15:32:10.004512Z");
  g_assert_false (paddock_order_is_open (order));

  /* an unknown code for another unknown code: the code changes, the value does not; a
   * member that goes away is notified too */
  json_object_set_string_member (obj, "status", "frozen");
  update (order, node, TRUE);
  g_ptr_array_set_size (names, 0);
  json_object_set_string_member (obj, "status", "thawed");
  json_object_remove_member (obj, "client_order_id");
  update (order, node, TRUE);
  {
    const char *expected[] = { "status-code", "client-order-id" };

    assert_names (names, expected, G_N_ELEMENTS (expected));
  }
  g_assert_null (paddock_order_get_client_order_id (order));

  /* a malformed update or another order changes nothing */
  g_ptr_array_set_size (names, 0);
  {
    g_autoptr (GError) error = NULL;
    g_autoptr (JsonNode) bad = json ("{'id':'9b2e6f0c-1a3d-4e5f-8a7b-6c5d4e3f2a10',"
                                     "'symbol':'MSFT','side':'buy','status':'new',"
                                     "'qty':'ten'}");
    gboolean changed = TRUE;

    g_assert_false (paddock_order_update_from_json (order, bad, &changed, &error));
    g_assert_error (error, PADDOCK_ERROR, PADDOCK_ERROR_PROTOCOL);
    g_assert_false (changed);
  }
  {
    g_autoptr (GError) error = NULL;
    g_autoptr (JsonNode) other = json ("{'id':'another','symbol':'MSFT','side':'buy',"
                                       "'status':'new','qty':'1'}");

    g_assert_false (paddock_order_update_from_json (order, other, NULL, &error));
    g_assert_error (error, PADDOCK_ERROR, PADDOCK_ERROR_FAILED);
  }
  g_assert_cmpuint (names->len, ==, 0);
  g_assert_cmpstr (paddock_order_get_id (order), ==, "9b2e6f0c-1a3d-4e5f-8a7b-6c5d4e3f2a10");
  g_assert_cmpstr (paddock_order_get_qty (order), ==, "10");
  g_assert_cmpstr (paddock_order_get_status_code (order), ==, "thawed");
}

static void
test_update_legs_in_place (void)
{
  g_autoptr (PaddockOrder) order = parse_ok (bracket);
  GListModel *legs = paddock_order_get_legs (order);
  g_autoptr (PaddockOrder) tp = g_list_model_get_item (legs, 0);
  g_autoptr (PaddockOrder) sl = g_list_model_get_item (legs, 1);
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) tp_names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) sl_names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (JsonNode) node = json (bracket);
  JsonArray *array = json_object_get_array_member (json_node_get_object (node), "legs");
  guint items_changed = 0;

  g_signal_connect (order, "notify", G_CALLBACK (notify_cb), names);
  g_signal_connect (tp, "notify", G_CALLBACK (notify_cb), tp_names);
  g_signal_connect (sl, "notify", G_CALLBACK (notify_cb), sl_names);
  g_signal_connect (legs, "items-changed", G_CALLBACK (items_changed_cb), &items_changed);

  /* the take-profit fills, the stop-loss is canceled: the same leg objects follow */
  json_object_set_string_member (json_array_get_object_element (array, 0), "status", "filled");
  json_object_set_string_member (json_array_get_object_element (array, 0), "filled_qty", "10");
  json_object_set_string_member (json_array_get_object_element (array, 1), "status", "canceled");
  update (order, node, TRUE);
  g_assert_cmpuint (names->len, ==, 0);
  g_assert_cmpuint (items_changed, ==, 0);
  {
    const char *tp_expected[] = { "status", "status-code", "filled-qty", "is-open" };
    const char *sl_expected[] = { "status", "status-code", "is-open" };

    assert_names (tp_names, tp_expected, G_N_ELEMENTS (tp_expected));
    assert_names (sl_names, sl_expected, G_N_ELEMENTS (sl_expected));
  }
  g_assert_cmpint (paddock_order_get_status (sl), ==, PADDOCK_ORDER_STATUS_CANCELED);
  g_assert_true (paddock_order_get_legs (order) == legs);

  /* other legs (nested=false: none) replace the list's items */
  json_object_set_null_member (json_node_get_object (node), "legs");
  update (order, node, TRUE);
  g_assert_cmpuint (items_changed, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (legs), ==, 0);
  g_assert_cmpuint (names->len, ==, 0);
  update (order, node, FALSE);
  g_assert_cmpuint (items_changed, ==, 1);
}

static void
open_changed_cb (PaddockOrder *order,
                 gpointer      user_data)
{
  g_ptr_array_add (user_data, g_object_ref (order));
}

/* One watch sees every order (and leg) that starts or stops working, and only those */
static void
test_open_watch (void)
{
  g_autoptr (PaddockOrder) order = parse_ok (example);
  g_autoptr (PaddockOrder) other = parse_ok (bracket);
  g_autoptr (PaddockOrder) tp = g_list_model_get_item (paddock_order_get_legs (other), 0);
  g_autoptr (GPtrArray) seen = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GPtrArray) seen_too = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (JsonNode) node = json (example);
  g_autoptr (JsonNode) other_node = json (bracket);
  JsonObject *obj = json_node_get_object (node);
  JsonArray *legs = json_object_get_array_member (json_node_get_object (other_node), "legs");
  gulong id = paddock_order_add_open_watch (open_changed_cb, seen);
  gulong id_too = paddock_order_add_open_watch (open_changed_cb, seen_too);

  g_assert_cmpuint (id, !=, 0);
  g_assert_cmpuint (id_too, !=, id);
  g_assert_true (paddock_order_is_open (order));

  /* the same again, and a change that leaves it working: nothing */
  update (order, node, FALSE);
  json_object_set_string_member (obj, "status", "partially_filled");
  update (order, node, TRUE);
  g_assert_true (paddock_order_is_open (order));
  g_assert_cmpuint (seen->len, ==, 0);

  /* filled: once, with the order, for each watch */
  json_object_set_string_member (obj, "status", "filled");
  update (order, node, TRUE);
  g_assert_cmpuint (seen->len, ==, 1);
  g_assert_true (g_ptr_array_index (seen, 0) == order);
  g_assert_cmpuint (seen_too->len, ==, 1);

  /* a leg that fills is seen as itself, its parent staying filled is not */
  json_object_set_string_member (json_array_get_object_element (legs, 0), "status", "filled");
  update (other, other_node, TRUE);
  g_assert_cmpuint (seen->len, ==, 2);
  g_assert_true (g_ptr_array_index (seen, 1) == tp);

  /* removed: no longer called; the other watch still is */
  paddock_order_remove_open_watch (id);
  json_object_set_string_member (obj, "status", "new");
  update (order, node, TRUE);
  g_assert_true (paddock_order_is_open (order));
  g_assert_cmpuint (seen->len, ==, 2);
  g_assert_cmpuint (seen_too->len, ==, 3);
  paddock_order_remove_open_watch (id_too);
  json_object_set_string_member (obj, "status", "canceled");
  update (order, node, TRUE);
  g_assert_cmpuint (seen_too->len, ==, 3);
}

/* Texts with few distinct values are shared between orders, not copied for each; the
 * legs model is made only when asked for, and stays the same object once it is */
static void
test_shared_texts_and_lazy_legs (void)
{
  g_autoptr (PaddockOrder) a = parse_ok (example);
  g_autoptr (PaddockOrder) b = parse_ok (bracket);
  g_autoptr (PaddockOrder) c = parse_ok ("{'id':'o','symbol':'MSFT','side':'buy',"
                                         "'status':'new','order_class':'','type':'limit',"
                                         "'time_in_force':'gtc','asset_class':'us_equity'}");
  g_autoptr (PaddockOrder) odd = parse_ok ("{'id':'o2','symbol':'MSFT','side':'buy',"
                                           "'status':'frozen'}");
  g_autoptr (PaddockOrder) plain = NULL;
  g_autoptr (JsonNode) with_legs = NULL;
  g_autoptr (GError) error = NULL;
  GListModel *legs;

  g_assert_cmpstr (paddock_order_get_symbol (a), ==, "MSFT");
  g_assert_true (paddock_order_get_symbol (a) == paddock_order_get_symbol (b));
  g_assert_true (paddock_order_get_symbol (a) == paddock_order_get_symbol (c));
  g_assert_true (paddock_order_get_asset_class (a) == paddock_order_get_asset_class (c));
  g_assert_true (paddock_order_get_status_code (a) == paddock_order_get_status_code (c));
  g_assert_true (paddock_order_get_side_code (a) == paddock_order_get_side_code (b));
  g_assert_true (paddock_order_get_type_code (a) == paddock_order_get_type_code (b));
  g_assert_true (paddock_order_get_time_in_force_code (a) ==
                 paddock_order_get_time_in_force_code (c));
  /* "" stays "" (it stands for "simple", it is not replaced by it); unknown codes too */
  g_assert_cmpstr (paddock_order_get_order_class_code (c), ==, "");
  g_assert_cmpint (paddock_order_get_order_class (c), ==, PADDOCK_ORDER_CLASS_SIMPLE);
  g_assert_cmpstr (paddock_order_get_status_code (odd), ==, "frozen");
  /* ids are one per order: never shared */
  g_assert_false (paddock_order_get_id (c) == paddock_order_get_id (odd));

  g_assert_cmpuint (paddock_order_get_n_legs (a), ==, 0);
  g_assert_cmpuint (paddock_order_get_n_legs (b), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (paddock_order_get_legs (b)), ==, 2);

  /* an order without legs that gets some: a model asked for before is the one updated */
  plain = parse_ok ("{'id':'a0000000-0000-4000-8000-000000000001','symbol':'MSFT',"
                    "'side':'buy','status':'new','order_class':'bracket'}");
  g_assert_cmpuint (paddock_order_get_n_legs (plain), ==, 0);
  legs = paddock_order_get_legs (plain);
  g_assert_cmpuint (g_list_model_get_n_items (legs), ==, 0);
  g_assert_true (paddock_order_get_legs (plain) == legs);
  with_legs = json (bracket);
  g_assert_true (paddock_order_update_from_json (plain, with_legs, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (paddock_order_get_legs (plain) == legs);
  g_assert_cmpuint (g_list_model_get_n_items (legs), ==, 2);
  g_assert_cmpuint (paddock_order_get_n_legs (plain), ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/order/every-field", test_every_field);
  g_test_add_func ("/order/newer-fields", test_newer_fields);
  g_test_add_func ("/order/every-status", test_every_status);
  g_test_add_func ("/order/unknown-codes", test_unknown_codes);
  g_test_add_func ("/order/refused", test_refused);
  g_test_add_func ("/order/tolerated", test_tolerated);
  g_test_add_func ("/order/bracket-legs", test_bracket_legs);
  g_test_add_func ("/order/update-notifies-changes-only", test_update_notifies_changes_only);
  g_test_add_func ("/order/update-legs-in-place", test_update_legs_in_place);
  g_test_add_func ("/order/shared-texts-and-lazy-legs", test_shared_texts_and_lazy_legs);
  g_test_add_func ("/order/open-watch", test_open_watch);

  return g_test_run ();
}
