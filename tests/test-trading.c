/* test-trading.c: order requests and the trading actions against the in-process sandbox
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every kind of order reaches the sandbox with the decimal text given; every rule refuses
 * its request before anything is sent; and a lost reply never leads to a second order.
 * Requests are counted on the client's "attempt" signal (one per request on the wire).
 */
#include "config.h"

#include <string.h>

#include "paddock-error.h"
#include "paddock-format.h"
#include "paddock-order-request.h"
#include "paddock-test-utils.h"
#include "paddock-trading.h"
#include "sandbox-fixture.h"

/* ---- helpers ------------------------------------------------------------------------ */

typedef struct
{
  guint posts;
  guint patches;
  guint deletes;
  guint gets;
} Counts;

static void
attempt_cb (PaddockClient *client,
            const char    *method,
            const char    *path,
            guint          attempt,
            Counts        *counts)
{
  if (g_str_equal (method, "POST"))
    counts->posts++;
  else if (g_str_equal (method, "PATCH"))
    counts->patches++;
  else if (g_str_equal (method, "DELETE"))
    counts->deletes++;
  else if (g_str_equal (method, "GET"))
    counts->gets++;
}

static PaddockClient *
new_client (SandboxFixture *f,
            Counts         *counts)
{
  PaddockClient *client = paddock_client_new (paddock_sandbox_get_paper_url (f->sandbox),
                                              f->token);

  paddock_client_set_retry_policy (client, 2, 10, 50);
  g_signal_connect (client, "attempt", G_CALLBACK (attempt_cb), counts);
  return client;
}

static PaddockOrder *
submit (PaddockClient        *client,
        PaddockOrderRequest  *request,
        gboolean             *reply_lost,
        GError              **error)
{
  g_auto (PaddockTestAsync) w = { 0 };

  paddock_trading_submit_async (client, request, NULL, paddock_test_async_cb, &w);
  return paddock_trading_submit_finish (client, paddock_test_async_wait (&w), reply_lost, error);
}

static PaddockOrder *
submit_ok (PaddockClient       *client,
           PaddockOrderRequest *request)
{
  g_autoptr (GError) error = NULL;
  gboolean lost = TRUE;
  PaddockOrder *order = submit (client, request, &lost, &error);

  g_assert_no_error (error);
  g_assert_nonnull (order);
  g_assert_false (lost);
  return order;
}

static PaddockOrderRequest *
limit_buy (const char *symbol,
           const char *qty,
           const char *limit)
{
  PaddockOrderRequest *r = paddock_order_request_new ();

  paddock_order_request_set_symbol (r, symbol);
  paddock_order_request_set_side (r, PADDOCK_ORDER_SIDE_BUY);
  paddock_order_request_set_kind (r, PADDOCK_ORDER_TYPE_LIMIT);
  paddock_order_request_set_qty (r, qty);
  paddock_order_request_set_limit_price (r, limit);
  return r;
}

static PaddockOrderRequest *
market (const char       *symbol,
        PaddockOrderSide  side,
        const char       *qty)
{
  PaddockOrderRequest *r = paddock_order_request_new ();

  paddock_order_request_set_symbol (r, symbol);
  paddock_order_request_set_side (r, side);
  paddock_order_request_set_qty (r, qty);
  return r;
}

/* The sandbox's orders (all statuses) that carry @client_order_id */
static GPtrArray *
sandbox_orders_with (SandboxFixture *f,
                     const char     *client_order_id)
{
  g_autoptr (TestReply) reply = test_request (f, "GET", "paper:/v2/orders?status=all&limit=500",
                                              f->token, NULL);
  GPtrArray *found = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  JsonArray *array;

  g_assert_cmpuint (reply->status, ==, 200);
  array = test_reply_array (reply);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *o = json_array_get_object_element (array, i);

      if (g_strcmp0 (json_object_get_string_member_with_default (o, "client_order_id", ""),
                     client_order_id) == 0)
        g_ptr_array_add (found, json_object_ref (o));
    }
  return found;
}

static JsonObject *
the_sandbox_order (SandboxFixture *f,
                   const char     *client_order_id)
{
  g_autoptr (GPtrArray) found = sandbox_orders_with (f, client_order_id);

  g_assert_cmpuint (found->len, ==, 1);
  return json_object_ref (g_ptr_array_index (found, 0));
}

static const char *
member_string (JsonObject *o,
               const char *name)
{
  JsonNode *node = json_object_get_member (o, name);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;
  return json_node_get_string (node);
}

/* A decimal the sandbox holds: the same number as the one sent */
static void
assert_decimal (JsonObject *o,
                const char *name,
                const char *sent)
{
  const char *held = member_string (o, name);

  if (sent == NULL)
    {
      g_assert_null (held);
      return;
    }
  g_assert_nonnull (held);
  if (paddock_decimal_compare (held, sent) != 0)
    g_error ("%s: sent %s, the sandbox holds %s", name, sent, held);
}

static const char *
body_string (JsonObject *body,
             const char *name)
{
  return json_object_has_member (body, name) ? json_object_get_string_member (body, name) : NULL;
}

/* ---- every kind of order ------------------------------------------------------------ */

typedef struct
{
  const char *name;
  const char *symbol;
  PaddockOrderSide side;
  PaddockOrderType type;
  const char *qty;
  const char *notional;
  const char *limit;
  const char *stop;
  const char *trail_price;
  const char *trail_percent;
  PaddockTimeInForce tif;
  gboolean extended;
  PaddockOrderClassKind klass;
  const char *tp;
  const char *sl;
  const char *sl_limit;
  PaddockOrderField field;     /* for the validation table: the field named */
} Row;

#define BUY PADDOCK_ORDER_SIDE_BUY
#define SELL PADDOCK_ORDER_SIDE_SELL
#define MKT PADDOCK_ORDER_TYPE_MARKET
#define LMT PADDOCK_ORDER_TYPE_LIMIT
#define STP PADDOCK_ORDER_TYPE_STOP
#define STL PADDOCK_ORDER_TYPE_STOP_LIMIT
#define TRL PADDOCK_ORDER_TYPE_TRAILING_STOP
#define DAY PADDOCK_TIME_IN_FORCE_DAY
#define GTC PADDOCK_TIME_IN_FORCE_GTC
#define SIMPLE PADDOCK_ORDER_CLASS_SIMPLE
#define BRACKET PADDOCK_ORDER_CLASS_BRACKET
#define OCO PADDOCK_ORDER_CLASS_OCO
#define OTO PADDOCK_ORDER_CLASS_OTO

static PaddockOrderRequest *
request_from_row (const Row *row)
{
  PaddockOrderRequest *r = paddock_order_request_new ();

  paddock_order_request_set_symbol (r, row->symbol);
  paddock_order_request_set_side (r, row->side);
  paddock_order_request_set_kind (r, row->type);
  paddock_order_request_set_qty (r, row->qty);
  paddock_order_request_set_notional (r, row->notional);
  paddock_order_request_set_limit_price (r, row->limit);
  paddock_order_request_set_stop_price (r, row->stop);
  paddock_order_request_set_trail_price (r, row->trail_price);
  paddock_order_request_set_trail_percent (r, row->trail_percent);
  paddock_order_request_set_time_in_force (r, row->tif);
  paddock_order_request_set_extended_hours (r, row->extended);
  /* a row that names no class is a simple order */
  paddock_order_request_set_order_class (r, row->klass ? row->klass : SIMPLE);
  paddock_order_request_set_take_profit (r, row->tp);
  paddock_order_request_set_stop_loss (r, row->sl, row->sl_limit);
  return r;
}

static const Row kinds[] = {
  { "market qty", "AAPL", BUY, MKT, "3", .tif = DAY },
  { "market fractional qty", "AAPL", BUY, MKT, "0.125", .tif = DAY },
  { "market notional", "AAPL", BUY, MKT, NULL, "150.25", .tif = DAY },
  { "market sell", "AAPL", SELL, MKT, "1", .tif = DAY },
  { "limit day", "AAPL", BUY, LMT, "2", .limit = "150.50", .tif = DAY },
  { "limit gtc", "AAPL", BUY, LMT, "2", .limit = "150.5", .tif = GTC },
  { "limit opg", "AAPL", BUY, LMT, "2", .limit = "150", .tif = PADDOCK_TIME_IN_FORCE_OPG },
  { "limit cls", "AAPL", BUY, LMT, "2", .limit = "150", .tif = PADDOCK_TIME_IN_FORCE_CLS },
  { "limit ioc", "AAPL", BUY, LMT, "2", .limit = "150", .tif = PADDOCK_TIME_IN_FORCE_IOC },
  { "limit fok", "AAPL", BUY, LMT, "2", .limit = "150", .tif = PADDOCK_TIME_IN_FORCE_FOK },
  { "limit extended hours", "AAPL", BUY, LMT, "2", .limit = "151.25", .tif = DAY,
    .extended = TRUE },
  { "stop", "AAPL", BUY, STP, "1", .stop = "250.75", .tif = GTC },
  { "stop limit", "AAPL", BUY, STL, "1", .limit = "251.5", .stop = "250.75", .tif = DAY },
  { "trailing stop price", "AAPL", SELL, TRL, "1", .trail_price = "2.50", .tif = GTC },
  { "trailing stop percent", "AAPL", SELL, TRL, "1", .trail_percent = "1.5", .tif = DAY },
  { "bracket", "MSFT", BUY, LMT, "4", .limit = "300.50", .tif = GTC, .klass = BRACKET,
    .tp = "330.25", .sl = "280.5", .sl_limit = "279.75" },
  { "bracket market", "MSFT", BUY, MKT, "1", .tif = DAY, .klass = BRACKET,
    .tp = "400", .sl = "200" },
  { "oco", "AAPL", SELL, LMT, "2", .tif = GTC, .klass = OCO, .tp = "260.5", .sl = "150.25" },
  { "oto", "MSFT", BUY, LMT, "2", .limit = "300", .tif = DAY, .klass = OTO, .sl = "290.5" },
};

static void
test_every_kind (SandboxFixture *f,
                 gconstpointer   data)
{
  Counts counts = { 0 };
  g_autoptr (PaddockClient) client = new_client (f, &counts);

  g_assert_true (paddock_sandbox_set_price (f->sandbox, "AAPL", "200.00"));
  g_assert_true (paddock_sandbox_set_price (f->sandbox, "MSFT", "310.00"));
  /* the sells below sell shares the account has */
  {
    g_autoptr (PaddockOrderRequest) r = market ("AAPL", BUY, "20");
    g_autoptr (PaddockOrder) o = submit_ok (client, r);
  }

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      const Row *row = &kinds[i];
      g_autoptr (PaddockOrderRequest) r = request_from_row (row);
      g_autoptr (JsonNode) body = paddock_order_request_to_json (r);
      JsonObject *b = json_node_get_object (body);
      g_autoptr (PaddockOrder) order = NULL;
      g_autoptr (JsonObject) held = NULL;
      g_autoptr (GError) error = NULL;
      gboolean lost = TRUE;
      guint posts = counts.posts;

      g_test_message ("%s", row->name);
      /* the body holds exactly the text given, as JSON strings */
      g_assert_cmpstr (body_string (b, "qty"), ==, row->qty);
      g_assert_cmpstr (body_string (b, "notional"), ==, row->notional);
      g_assert_cmpstr (body_string (b, "limit_price"), ==, row->limit);
      g_assert_cmpstr (body_string (b, "stop_price"), ==, row->stop);
      g_assert_cmpstr (body_string (b, "trail_price"), ==, row->trail_price);
      g_assert_cmpstr (body_string (b, "trail_percent"), ==, row->trail_percent);
      g_assert_cmpstr (body_string (b, "client_order_id"), ==,
                       paddock_order_request_get_client_order_id (r));
      if (row->tp != NULL)
        g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (b, "take_profit"),
                                                        "limit_price"), ==, row->tp);
      if (row->sl != NULL)
        {
          JsonObject *sl = json_object_get_object_member (b, "stop_loss");

          g_assert_cmpstr (body_string (sl, "stop_price"), ==, row->sl);
          g_assert_cmpstr (body_string (sl, "limit_price"), ==, row->sl_limit);
        }

      order = submit (client, r, &lost, &error);
      g_assert_no_error (error);
      g_assert_nonnull (order);
      g_assert_false (lost);
      g_assert_cmpuint (counts.posts, ==, posts + 1);
      g_assert_cmpstr (paddock_order_get_client_order_id (order), ==,
                       paddock_order_request_get_client_order_id (r));

      held = the_sandbox_order (f, paddock_order_request_get_client_order_id (r));
      g_assert_cmpstr (member_string (held, "id"), ==, paddock_order_get_id (order));
      g_assert_cmpstr (member_string (held, "symbol"), ==, row->symbol);
      g_assert_cmpstr (member_string (held, "side"), ==, row->side == BUY ? "buy" : "sell");
      g_assert_cmpstr (member_string (held, "type"), ==, paddock_order_get_type_code (order));
      g_assert_cmpint (paddock_order_get_kind (order), ==, row->type);
      g_assert_cmpint (paddock_order_get_time_in_force (order), ==, row->tif);
      g_assert_cmpint (paddock_order_get_order_class (order), ==, row->klass ? row->klass : SIMPLE);
      g_assert_cmpint (json_object_get_boolean_member (held, "extended_hours"), ==, row->extended);
      assert_decimal (held, "qty", row->qty);
      assert_decimal (held, "notional", row->notional);
      /* a trailing stop's stop price is the broker's, moving with the market */
      if (row->type != TRL)
        assert_decimal (held, "stop_price", row->stop);
      assert_decimal (held, "trail_price", row->trail_price);
      assert_decimal (held, "trail_percent", row->trail_percent);
      /* an OCO order's own limit is its take-profit */
      assert_decimal (held, "limit_price", row->klass == OCO ? row->tp : row->limit);
      if (row->klass == BRACKET || row->klass == OTO || row->klass == OCO)
        {
          GListModel *legs = paddock_order_get_legs (order);
          gboolean seen_tp = FALSE, seen_sl = FALSE;

          for (guint l = 0; legs != NULL && l < g_list_model_get_n_items (legs); l++)
            {
              g_autoptr (PaddockOrder) leg = g_list_model_get_item (legs, l);

              if (paddock_order_get_kind (leg) == LMT)
                {
                  g_assert_cmpint (paddock_decimal_compare (paddock_order_get_limit_price (leg),
                                                            row->tp), ==, 0);
                  seen_tp = TRUE;
                }
              else
                {
                  g_assert_cmpint (paddock_decimal_compare (paddock_order_get_stop_price (leg),
                                                            row->sl), ==, 0);
                  seen_sl = TRUE;
                }
            }
          /* the bracket and OTO legs are their own orders; an OCO's other half is its leg */
          g_assert_true (seen_sl == (row->sl != NULL) || row->klass == OCO);
          g_assert_true (seen_tp == (row->tp != NULL && row->klass != OCO));
        }
    }
}

/* ---- validation before sending ------------------------------------------------------ */

#define F(x) PADDOCK_ORDER_FIELD_##x

static const Row invalid[] = {
  { "no symbol", NULL, BUY, MKT, "1", .tif = DAY, .field = F (SYMBOL) },
  { "symbol with a space", "AA PL", BUY, MKT, "1", .tif = DAY, .field = F (SYMBOL) },
  { "no side", "AAPL", PADDOCK_ORDER_SIDE_UNKNOWN, MKT, "1", .tif = DAY, .field = F (SIDE) },
  { "no type", "AAPL", BUY, PADDOCK_ORDER_TYPE_UNKNOWN, "1", .tif = DAY, .field = F (TYPE) },
  { "no time in force", "AAPL", BUY, MKT, "1", .tif = PADDOCK_TIME_IN_FORCE_UNKNOWN,
    .field = F (TIME_IN_FORCE) },
  { "qty and notional", "AAPL", BUY, MKT, "1", "100", .tif = DAY, .field = F (NOTIONAL) },
  { "no amount", "AAPL", BUY, MKT, NULL, NULL, .tif = DAY, .field = F (QTY) },
  { "exponent", "AAPL", BUY, MKT, "1e3", .tif = DAY, .field = F (QTY) },
  { "negative", "AAPL", BUY, MKT, "-1", .tif = DAY, .field = F (QTY) },
  { "zero", "AAPL", BUY, MKT, "0.000", .tif = DAY, .field = F (QTY) },
  { "space", "AAPL", BUY, MKT, " 1", .tif = DAY, .field = F (QTY) },
  { "ten decimals", "AAPL", BUY, MKT, "1.0000000001", .tif = DAY, .field = F (QTY) },
  { "bare point", "AAPL", BUY, MKT, "1.", .tif = DAY, .field = F (QTY) },
  { "comma", "AAPL", BUY, LMT, "1", .limit = "12,50", .tif = DAY, .field = F (LIMIT_PRICE) },
  { "zero notional", "AAPL", BUY, MKT, NULL, "0", .tif = DAY, .field = F (NOTIONAL) },
  { "limit without price", "AAPL", BUY, LMT, "1", .tif = DAY, .field = F (LIMIT_PRICE) },
  { "market with limit", "AAPL", BUY, MKT, "1", .limit = "10", .tif = DAY,
    .field = F (LIMIT_PRICE) },
  { "market with stop", "AAPL", BUY, MKT, "1", .stop = "10", .tif = DAY, .field = F (STOP_PRICE) },
  { "limit with stop", "AAPL", BUY, LMT, "1", .limit = "10", .stop = "9", .tif = DAY,
    .field = F (STOP_PRICE) },
  { "stop without price", "AAPL", BUY, STP, "1", .tif = DAY, .field = F (STOP_PRICE) },
  { "stop with limit", "AAPL", BUY, STP, "1", .limit = "10", .stop = "9", .tif = DAY,
    .field = F (LIMIT_PRICE) },
  { "stop limit without limit", "AAPL", BUY, STL, "1", .stop = "10", .tif = DAY,
    .field = F (LIMIT_PRICE) },
  { "stop limit without stop", "AAPL", BUY, STL, "1", .limit = "10", .tif = DAY,
    .field = F (STOP_PRICE) },
  { "trailing without trail", "AAPL", SELL, TRL, "1", .tif = DAY, .field = F (TRAIL_PRICE) },
  { "trailing with both", "AAPL", SELL, TRL, "1", .trail_price = "1", .trail_percent = "1",
    .tif = DAY, .field = F (TRAIL_PERCENT) },
  { "trail percent 100", "AAPL", SELL, TRL, "1", .trail_percent = "100.0", .tif = DAY,
    .field = F (TRAIL_PERCENT) },
  { "trail on a limit", "AAPL", BUY, LMT, "1", .limit = "10", .trail_price = "1", .tif = DAY,
    .field = F (TRAIL_PRICE) },
  { "trail percent on a market", "AAPL", BUY, MKT, "1", .trail_percent = "1", .tif = DAY,
    .field = F (TRAIL_PERCENT) },
  { "notional limit", "AAPL", BUY, LMT, NULL, "100", .limit = "10", .tif = DAY,
    .field = F (NOTIONAL) },
  { "notional gtc", "AAPL", BUY, MKT, NULL, "100", .tif = GTC, .field = F (NOTIONAL) },
  { "fractional limit", "AAPL", BUY, LMT, "0.5", .limit = "10", .tif = DAY, .field = F (QTY) },
  { "fractional gtc", "AAPL", BUY, MKT, "0.5", .tif = GTC, .field = F (QTY) },
  { "extended market", "AAPL", BUY, MKT, "1", .tif = DAY, .extended = TRUE,
    .field = F (EXTENDED_HOURS) },
  { "extended gtc", "AAPL", BUY, LMT, "1", .limit = "10", .tif = GTC, .extended = TRUE,
    .field = F (EXTENDED_HOURS) },
  { "multi-leg class", "AAPL", BUY, MKT, "1", .tif = DAY, .klass = PADDOCK_ORDER_CLASS_MLEG,
    .field = F (ORDER_CLASS) },
  { "simple with take profit", "AAPL", BUY, MKT, "1", .tif = DAY, .klass = SIMPLE, .tp = "20",
    .field = F (TAKE_PROFIT_LIMIT_PRICE) },
  { "simple with stop loss", "AAPL", BUY, MKT, "1", .tif = DAY, .klass = SIMPLE, .sl = "5",
    .field = F (STOP_LOSS_STOP_PRICE) },
  { "bracket without take profit", "AAPL", BUY, LMT, "1", .limit = "10", .tif = DAY,
    .klass = BRACKET, .sl = "5", .field = F (TAKE_PROFIT_LIMIT_PRICE) },
  { "bracket without stop loss", "AAPL", BUY, LMT, "1", .limit = "10", .tif = DAY,
    .klass = BRACKET, .tp = "20", .field = F (STOP_LOSS_STOP_PRICE) },
  { "stop-loss limit without stop", "AAPL", BUY, LMT, "1", .limit = "10", .tif = DAY,
    .klass = BRACKET, .tp = "20", .sl_limit = "4", .field = F (STOP_LOSS_STOP_PRICE) },
  { "bracket ioc", "AAPL", BUY, LMT, "1", .limit = "10", .tif = PADDOCK_TIME_IN_FORCE_IOC,
    .klass = BRACKET, .tp = "20", .sl = "5", .field = F (TIME_IN_FORCE) },
  { "bracket extended hours", "AAPL", BUY, LMT, "1", .limit = "10", .tif = DAY, .extended = TRUE,
    .klass = BRACKET, .tp = "20", .sl = "5", .field = F (EXTENDED_HOURS) },
  { "bracket trailing stop", "AAPL", BUY, TRL, "1", .trail_price = "1", .tif = DAY,
    .klass = BRACKET, .tp = "20", .sl = "5", .field = F (TYPE) },
  { "bracket notional", "AAPL", BUY, MKT, NULL, "100", .tif = DAY, .klass = BRACKET,
    .tp = "20", .sl = "5", .field = F (NOTIONAL) },
  { "bracket buy take profit below stop loss", "AAPL", BUY, MKT, "1", .tif = DAY,
    .klass = BRACKET, .tp = "5", .sl = "20", .field = F (TAKE_PROFIT_LIMIT_PRICE) },
  { "bracket sell take profit above stop loss", "AAPL", SELL, MKT, "1", .tif = DAY,
    .klass = BRACKET, .tp = "20", .sl = "5", .field = F (TAKE_PROFIT_LIMIT_PRICE) },
  { "bracket buy stop-loss limit above its stop", "AAPL", BUY, MKT, "1", .tif = DAY,
    .klass = BRACKET, .tp = "20", .sl = "5", .sl_limit = "5.01",
    .field = F (STOP_LOSS_LIMIT_PRICE) },
  { "bracket buy take profit below the limit", "AAPL", BUY, LMT, "1", .limit = "10", .tif = DAY,
    .klass = BRACKET, .tp = "9.99", .sl = "5", .field = F (TAKE_PROFIT_LIMIT_PRICE) },
  { "bracket buy stop loss above the limit", "AAPL", BUY, LMT, "1", .limit = "10", .tif = DAY,
    .klass = BRACKET, .tp = "20", .sl = "10.50", .field = F (STOP_LOSS_STOP_PRICE) },
  { "oco market", "AAPL", SELL, MKT, "1", .tif = DAY, .klass = OCO, .tp = "20", .sl = "5",
    .field = F (TYPE) },
  { "oco without stop loss", "AAPL", SELL, LMT, "1", .tif = DAY, .klass = OCO, .tp = "20",
    .field = F (STOP_LOSS_STOP_PRICE) },
  { "oco sell take profit below stop loss", "AAPL", SELL, LMT, "1", .tif = DAY, .klass = OCO,
    .tp = "5", .sl = "20", .field = F (TAKE_PROFIT_LIMIT_PRICE) },
  { "oto with both legs", "AAPL", BUY, LMT, "1", .limit = "10", .tif = DAY, .klass = OTO,
    .tp = "20", .sl = "5", .field = F (STOP_LOSS_STOP_PRICE) },
  { "oto without a leg", "AAPL", BUY, LMT, "1", .limit = "10", .tif = DAY, .klass = OTO,
    .field = F (TAKE_PROFIT_LIMIT_PRICE) },
  { "oto fractional", "AAPL", BUY, MKT, "1.5", .tif = DAY, .klass = OTO, .sl = "5",
    .field = F (QTY) },
};

static void
test_validation (SandboxFixture *f,
                 gconstpointer   data)
{
  Counts counts = { 0 };
  g_autoptr (PaddockClient) client = new_client (f, &counts);

  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      const Row *row = &invalid[i];
      g_autoptr (PaddockOrderRequest) r = request_from_row (row);
      g_autoptr (PaddockOrder) order = NULL;
      g_autoptr (GError) error = NULL;
      PaddockOrderField field = PADDOCK_ORDER_FIELD_NONE;

      g_test_message ("%s", row->name);
      g_assert_false (paddock_order_request_check (r, &field, &error));
      g_assert_error (error, PADDOCK_ERROR, PADDOCK_ERROR_INVALID_INPUT);
      g_assert_cmpint (field, ==, row->field);
      g_assert_cmpstr (paddock_order_field_get_name (field), !=, "");
      g_clear_error (&error);

      order = submit (client, r, NULL, &error);
      g_assert_null (order);
      g_assert_error (error, PADDOCK_ERROR, PADDOCK_ERROR_INVALID_INPUT);
      g_assert_cmpuint (counts.posts + counts.gets + counts.deletes + counts.patches, ==, 0);
    }

  /* the client order id */
  {
    g_autoptr (PaddockOrderRequest) r = market ("AAPL", BUY, "1");
    g_autoptr (GError) error = NULL;
    g_autofree char *long_id = g_strnfill (PADDOCK_CLIENT_ORDER_ID_MAX_LEN + 1, 'a');
    PaddockOrderField field;

    paddock_order_request_set_client_order_id (r, long_id);
    g_assert_false (paddock_order_request_check (r, &field, &error));
    g_assert_cmpint (field, ==, PADDOCK_ORDER_FIELD_CLIENT_ORDER_ID);
    g_clear_error (&error);
    long_id[PADDOCK_CLIENT_ORDER_ID_MAX_LEN] = '\0';
    paddock_order_request_set_client_order_id (r, long_id);
    g_assert_true (paddock_order_request_check (r, &field, &error));
    g_assert_no_error (error);
    g_assert_cmpint (field, ==, PADDOCK_ORDER_FIELD_NONE);
    paddock_order_request_set_client_order_id (r, "has space");
    g_assert_false (paddock_order_request_check (r, &field, &error));
    g_assert_cmpint (field, ==, PADDOCK_ORDER_FIELD_CLIENT_ORDER_ID);
  }

  /* a fresh request carries a fresh UUID v4 */
  {
    g_autoptr (PaddockOrderRequest) a = paddock_order_request_new ();
    g_autoptr (PaddockOrderRequest) b = paddock_order_request_new ();
    const char *id = paddock_order_request_get_client_order_id (a);

    g_assert_true (g_uuid_string_is_valid (id));
    g_assert_cmpint (id[14], ==, '4');
    g_assert_cmpstr (id, !=, paddock_order_request_get_client_order_id (b));
  }

  /* every valid kind passes */
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      g_autoptr (PaddockOrderRequest) r = request_from_row (&kinds[i]);
      g_autoptr (GError) error = NULL;

      g_assert_true (paddock_order_request_validate (r, &error));
      g_assert_no_error (error);
    }
  g_assert_cmpuint (counts.posts + counts.gets + counts.deletes + counts.patches, ==, 0);
}

/* ---- a lost reply ------------------------------------------------------------------- */

static void
test_submit_reply_lost (SandboxFixture *f,
                        gconstpointer   data)
{
  Counts counts = { 0 };
  g_autoptr (PaddockClient) client = new_client (f, &counts);
  g_autoptr (PaddockOrderRequest) r = limit_buy ("AAPL", "5", "150.50");
  g_autoptr (PaddockOrder) order = NULL;
  g_autoptr (GPtrArray) held = NULL;
  g_autoptr (GError) error = NULL;
  gboolean lost = FALSE;

  g_assert_true (paddock_sandbox_set_price (f->sandbox, "AAPL", "200.00"));
  paddock_sandbox_add_fault (f->sandbox, "POST", "/paper/v2/orders",
                             PADDOCK_SANDBOX_FAULT_DROP_AFTER_COMMIT, 0, 1);
  order = submit (client, r, &lost, &error);
  g_assert_no_error (error);
  g_assert_nonnull (order);
  g_assert_true (lost);
  g_assert_cmpuint (counts.posts, ==, 1);
  g_assert_cmpstr (paddock_order_get_client_order_id (order), ==,
                   paddock_order_request_get_client_order_id (r));
  g_assert_cmpstr (paddock_order_get_limit_price (order), ==, "150.5");

  held = sandbox_orders_with (f, paddock_order_request_get_client_order_id (r));
  g_assert_cmpuint (held->len, ==, 1);
  g_assert_cmpstr (member_string (g_ptr_array_index (held, 0), "id"), ==,
                   paddock_order_get_id (order));
}

static void
test_submit_not_placed (SandboxFixture *f,
                        gconstpointer   data)
{
  PaddockSandboxFaultKind faults[] = { PADDOCK_SANDBOX_FAULT_STATUS, PADDOCK_SANDBOX_FAULT_RESET };

  for (guint i = 0; i < G_N_ELEMENTS (faults); i++)
    {
      Counts counts = { 0 };
      g_autoptr (PaddockClient) client = new_client (f, &counts);
      g_autoptr (PaddockOrderRequest) r = limit_buy ("AAPL", "5", "150.50");
      g_autoptr (PaddockOrder) order = NULL;
      g_autoptr (GPtrArray) held = NULL;
      g_autoptr (GError) error = NULL;
      gboolean lost = TRUE;

      paddock_sandbox_add_fault (f->sandbox, "POST", "/paper/v2/orders", faults[i], 503, 1);
      order = submit (client, r, &lost, &error);
      g_assert_null (order);
      /* NOT placed: any code but OUTCOME_UNKNOWN says so; NETWORK says "try again" */
      g_assert_error (error, PADDOCK_ERROR, PADDOCK_ERROR_NETWORK);
      if (faults[i] == PADDOCK_SANDBOX_FAULT_STATUS)
        g_assert_cmpuint (paddock_error_get_http_status (error), ==, 503);
      g_assert_false (lost);
      g_assert_cmpuint (counts.posts, ==, 1);
      g_assert_cmpuint (counts.gets, >=, 2);   /* looked up, and confirmed a moment later */

      held = sandbox_orders_with (f, paddock_order_request_get_client_order_id (r));
      g_assert_cmpuint (held->len, ==, 0);
      paddock_sandbox_clear_faults (f->sandbox);
    }
}

static void
test_submit_outcome_unknown (SandboxFixture *f,
                             gconstpointer   data)
{
  Counts counts = { 0 };
  g_autoptr (PaddockClient) client = new_client (f, &counts);
  g_autoptr (PaddockOrderRequest) r = limit_buy ("AAPL", "5", "150.50");
  g_autoptr (PaddockOrder) order = NULL;
  g_autoptr (GPtrArray) held = NULL;
  g_autoptr (GError) error = NULL;

  paddock_sandbox_add_fault (f->sandbox, "POST", "/paper/v2/orders",
                             PADDOCK_SANDBOX_FAULT_DROP_AFTER_COMMIT, 0, 1);
  paddock_sandbox_add_fault (f->sandbox, "GET", "/paper/v2/orders:by_client_order_id",
                             PADDOCK_SANDBOX_FAULT_STATUS, 503, -1);
  order = submit (client, r, NULL, &error);
  g_assert_null (order);
  g_assert_error (error, PADDOCK_ERROR, PADDOCK_ERROR_OUTCOME_UNKNOWN);
  g_assert_cmpuint (counts.posts, ==, 1);
  g_assert_cmpuint (counts.gets, >=, 1);

  paddock_sandbox_clear_faults (f->sandbox);
  held = sandbox_orders_with (f, paddock_order_request_get_client_order_id (r));
  g_assert_cmpuint (held->len, ==, 1);
}

/* ---- replace, cancel ---------------------------------------------------------------- */

static PaddockOrder *
replace (PaddockClient  *client,
         const char     *id,
         const char     *qty,
         const char     *limit,
         const char     *client_order_id,
         gboolean       *lost,
         GError        **error)
{
  g_auto (PaddockTestAsync) w = { 0 };

  paddock_trading_replace_async (client, id, qty, limit, NULL, NULL,
                                 PADDOCK_TIME_IN_FORCE_UNKNOWN, client_order_id, NULL,
                                 paddock_test_async_cb, &w);
  return paddock_trading_replace_finish (client, paddock_test_async_wait (&w), lost, error);
}

static PaddockOrder *
get_order (PaddockClient *client,
           const char    *id)
{
  g_auto (PaddockTestAsync) w = { 0 };
  g_autoptr (GError) error = NULL;
  PaddockOrder *order;

  paddock_trading_get_order_async (client, id, NULL, paddock_test_async_cb, &w);
  order = paddock_trading_get_order_finish (client, paddock_test_async_wait (&w), &error);
  g_assert_no_error (error);
  return order;
}

static void
test_replace (SandboxFixture *f,
              gconstpointer   data)
{
  Counts counts = { 0 };
  g_autoptr (PaddockClient) client = new_client (f, &counts);
  g_autoptr (PaddockOrderRequest) r = limit_buy ("AAPL", "5", "150.50");
  g_autoptr (PaddockOrder) first = NULL;
  g_autoptr (PaddockOrder) second = NULL;
  g_autoptr (PaddockOrder) third = NULL;
  g_autoptr (PaddockOrder) old = NULL;
  g_autoptr (GPtrArray) held = NULL;
  g_autoptr (GError) error = NULL;
  gboolean lost = TRUE;

  g_assert_true (paddock_sandbox_set_price (f->sandbox, "AAPL", "200.00"));
  first = submit_ok (client, r);

  second = replace (client, paddock_order_get_id (first), "7", "151.25", "mine-1", &lost, &error);
  g_assert_no_error (error);
  g_assert_false (lost);
  g_assert_cmpstr (paddock_order_get_replaces (second), ==, paddock_order_get_id (first));
  g_assert_cmpstr (paddock_order_get_client_order_id (second), ==, "mine-1");
  g_assert_cmpstr (paddock_order_get_qty (second), ==, "7");
  g_assert_cmpint (paddock_decimal_compare (paddock_order_get_limit_price (second), "151.25"), ==, 0);
  old = get_order (client, paddock_order_get_id (first));
  g_assert_cmpint (paddock_order_get_status (old), ==, PADDOCK_ORDER_STATUS_REPLACED);
  g_assert_cmpstr (paddock_order_get_replaced_by (old), ==, paddock_order_get_id (second));
  g_assert_cmpuint (counts.patches, ==, 1);

  /* nothing to change, a bad price: refused before sending */
  g_clear_object (&third);
  third = replace (client, paddock_order_get_id (second), NULL, NULL, NULL, NULL, &error);
  g_assert_error (error, PADDOCK_ERROR, PADDOCK_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  third = replace (client, paddock_order_get_id (second), NULL, "1e2", NULL, NULL, &error);
  g_assert_error (error, PADDOCK_ERROR, PADDOCK_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_cmpuint (counts.patches, ==, 1);

  /* the reply lost: the new order is found by its fresh client_order_id */
  paddock_sandbox_add_fault (f->sandbox, "PATCH", "/paper/v2/orders",
                             PADDOCK_SANDBOX_FAULT_DROP_AFTER_COMMIT, 0, 1);
  third = replace (client, paddock_order_get_id (second), NULL, "152", NULL, &lost, &error);
  g_assert_no_error (error);
  g_assert_true (lost);
  g_assert_cmpuint (counts.patches, ==, 2);
  g_assert_cmpstr (paddock_order_get_replaces (third), ==, paddock_order_get_id (second));
  g_assert_true (g_uuid_string_is_valid (paddock_order_get_client_order_id (third)));
  held = sandbox_orders_with (f, paddock_order_get_client_order_id (third));
  g_assert_cmpuint (held->len, ==, 1);
}

static gboolean
cancel (PaddockClient  *client,
        const char     *id,
        GError        **error)
{
  g_auto (PaddockTestAsync) w = { 0 };

  paddock_trading_cancel_async (client, id, NULL, paddock_test_async_cb, &w);
  return paddock_trading_cancel_finish (client, paddock_test_async_wait (&w), error);
}

static void
test_cancel (SandboxFixture *f,
             gconstpointer   data)
{
  Counts counts = { 0 };
  g_autoptr (PaddockClient) client = new_client (f, &counts);
  g_autoptr (PaddockOrderRequest) r = limit_buy ("AAPL", "5", "150.50");
  g_autoptr (PaddockOrderRequest) r2 = limit_buy ("AAPL", "1", "140");
  g_autoptr (PaddockOrderRequest) r3 = limit_buy ("MSFT", "2", "100");
  g_autoptr (PaddockOrderRequest) r4 = limit_buy ("AAPL", "1", "140");
  g_autoptr (PaddockOrder) order = NULL;
  g_autoptr (PaddockOrder) o2 = NULL;
  g_autoptr (PaddockOrder) o3 = NULL;
  g_autoptr (PaddockOrder) after = NULL;
  g_autoptr (PaddockOrder) by_client = NULL;
  g_autoptr (GPtrArray) results = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_true (paddock_sandbox_set_price (f->sandbox, "AAPL", "200.00"));
  order = submit_ok (client, r);
  g_assert_true (cancel (client, paddock_order_get_id (order), &error));
  g_assert_no_error (error);
  after = get_order (client, paddock_order_get_id (order));
  g_assert_cmpint (paddock_order_get_status (after), ==, PADDOCK_ORDER_STATUS_CANCELED);

  /* a cancel is retried when the server fails */
  paddock_sandbox_add_fault (f->sandbox, "DELETE", "/paper/v2/orders", PADDOCK_SANDBOX_FAULT_STATUS,
                             503, 1);
  o2 = submit_ok (client, r2);
  g_assert_true (cancel (client, paddock_order_get_id (o2), &error));
  g_assert_no_error (error);

  g_assert_false (cancel (client, "00000000-0000-4000-8000-000000000000", &error));
  g_assert_error (error, PADDOCK_ERROR, PADDOCK_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* by client order id */
  {
    g_auto (PaddockTestAsync) w = { 0 };

    paddock_trading_get_order_by_client_id_async (client, paddock_order_request_get_client_order_id (r),
                                                  NULL, paddock_test_async_cb, &w);
    by_client = paddock_trading_get_order_by_client_id_finish (client, paddock_test_async_wait (&w),
                                                               &error);
    g_assert_no_error (error);
    g_assert_cmpstr (paddock_order_get_id (by_client), ==, paddock_order_get_id (order));
  }

  /* cancel all: one result per open order */
  g_clear_object (&o2);
  o2 = submit_ok (client, r4);
  o3 = submit_ok (client, r3);
  {
    g_auto (PaddockTestAsync) w = { 0 };
    gboolean seen2 = FALSE, seen3 = FALSE;

    paddock_trading_cancel_all_async (client, NULL, paddock_test_async_cb, &w);
    results = paddock_trading_cancel_all_finish (client, paddock_test_async_wait (&w), &error);
    g_assert_no_error (error);
    g_assert_cmpuint (results->len, ==, 2);
    for (guint i = 0; i < results->len; i++)
      {
        PaddockBulkResult *res = g_ptr_array_index (results, i);

        g_assert_cmpuint (res->http_status, ==, 200);
        g_assert_null (res->error);
        g_assert_nonnull (res->order);
        g_assert_cmpstr (paddock_order_get_id (res->order), ==, res->id);
        seen2 |= g_str_equal (res->id, paddock_order_get_id (o2));
        seen3 |= g_str_equal (res->id, paddock_order_get_id (o3));
      }
    g_assert_true (seen2 && seen3);
  }
  g_clear_object (&after);
  after = get_order (client, paddock_order_get_id (o3));
  g_assert_cmpint (paddock_order_get_status (after), ==, PADDOCK_ORDER_STATUS_CANCELED);
}

/* ---- positions ---------------------------------------------------------------------- */

static PaddockOrder *
close_position (PaddockClient  *client,
                const char     *symbol,
                const char     *qty,
                const char     *percentage,
                gboolean       *lost,
                GError        **error)
{
  g_auto (PaddockTestAsync) w = { 0 };

  paddock_trading_close_position_async (client, symbol, qty, percentage, NULL,
                                        paddock_test_async_cb, &w);
  return paddock_trading_close_position_finish (client, paddock_test_async_wait (&w), lost,
                                                error);
}

static const char *
position_qty (SandboxFixture *f,
              const char     *symbol,
              TestReply     **keep)
{
  g_autofree char *url = g_strdup_printf ("paper:/v2/positions/%s", symbol);

  *keep = test_request (f, "GET", url, f->token, NULL);
  if ((*keep)->status == 404)
    return NULL;
  g_assert_cmpuint ((*keep)->status, ==, 200);
  return json_object_get_string_member (test_reply_object (*keep), "qty");
}

static void
test_close_positions (SandboxFixture *f,
                      gconstpointer   data)
{
  Counts counts = { 0 };
  g_autoptr (PaddockClient) client = new_client (f, &counts);
  g_autoptr (GError) error = NULL;
  gboolean lost = TRUE;

  g_assert_true (paddock_sandbox_set_price (f->sandbox, "AAPL", "200.00"));
  g_assert_true (paddock_sandbox_set_price (f->sandbox, "MSFT", "310.00"));
  {
    g_autoptr (PaddockOrderRequest) a = market ("AAPL", BUY, "20");
    g_autoptr (PaddockOrderRequest) m = market ("MSFT", BUY, "3");
    g_autoptr (PaddockOrder) oa = submit_ok (client, a);
    g_autoptr (PaddockOrder) om = submit_ok (client, m);
  }

  /* part, by quantity and by percentage */
  {
    g_autoptr (PaddockOrder) o = close_position (client, "AAPL", "4", NULL, &lost, &error);
    g_autoptr (TestReply) keep = NULL;

    g_assert_no_error (error);
    g_assert_false (lost);
    g_assert_cmpint (paddock_order_get_side (o), ==, PADDOCK_ORDER_SIDE_SELL);
    g_assert_cmpstr (paddock_order_get_qty (o), ==, "4");
    g_assert_cmpstr (position_qty (f, "AAPL", &keep), ==, "16");
  }
  {
    g_autoptr (PaddockOrder) o = close_position (client, "AAPL", NULL, "25", &lost, &error);
    g_autoptr (TestReply) keep = NULL;

    g_assert_no_error (error);
    g_assert_cmpstr (paddock_order_get_qty (o), ==, "4");
    g_assert_cmpstr (position_qty (f, "AAPL", &keep), ==, "12");
  }
  /* refused before sending */
  {
    guint deletes = counts.deletes;
    g_autoptr (PaddockOrder) both = close_position (client, "AAPL", "1", "10", NULL, &error);

    g_assert_error (error, PADDOCK_ERROR, PADDOCK_ERROR_INVALID_INPUT);
    g_clear_error (&error);
    g_assert_null (close_position (client, "AAPL", NULL, "100.5", NULL, &error));
    g_assert_error (error, PADDOCK_ERROR, PADDOCK_ERROR_INVALID_INPUT);
    g_clear_error (&error);
    g_assert_cmpuint (counts.deletes, ==, deletes);
  }

  /* the reply lost: the closing order is found, nothing is sent twice */
  {
    guint deletes = counts.deletes;
    g_autoptr (PaddockOrder) o = NULL;
    g_autoptr (TestReply) keep = NULL;

    paddock_sandbox_add_fault (f->sandbox, "DELETE", "/paper/v2/positions",
                               PADDOCK_SANDBOX_FAULT_DROP_AFTER_COMMIT, 0, 1);
    o = close_position (client, "AAPL", "2", NULL, &lost, &error);
    g_assert_no_error (error);
    g_assert_true (lost);
    g_assert_cmpuint (counts.deletes, ==, deletes + 1);
    g_assert_cmpstr (paddock_order_get_symbol (o), ==, "AAPL");
    g_assert_cmpint (paddock_order_get_side (o), ==, PADDOCK_ORDER_SIDE_SELL);
    g_assert_cmpstr (paddock_order_get_qty (o), ==, "2");
    g_assert_cmpstr (position_qty (f, "AAPL", &keep), ==, "10");
  }
  /* a 503 that did nothing: not closed */
  {
    guint deletes = counts.deletes;
    g_autoptr (PaddockOrder) o = NULL;
    g_autoptr (TestReply) keep = NULL;

    paddock_sandbox_add_fault (f->sandbox, "DELETE", "/paper/v2/positions",
                               PADDOCK_SANDBOX_FAULT_STATUS, 503, 1);
    o = close_position (client, "AAPL", "2", NULL, &lost, &error);
    g_assert_null (o);
    g_assert_error (error, PADDOCK_ERROR, PADDOCK_ERROR_NETWORK);
    g_clear_error (&error);
    g_assert_cmpuint (counts.deletes, ==, deletes + 1);
    g_assert_cmpstr (position_qty (f, "AAPL", &keep), ==, "10");
  }

  /* all of one position */
  {
    g_autoptr (PaddockOrder) o = close_position (client, "AAPL", NULL, NULL, &lost, &error);
    g_autoptr (TestReply) keep = NULL;

    g_assert_no_error (error);
    g_assert_false (lost);
    g_assert_cmpstr (paddock_order_get_qty (o), ==, "10");
    g_assert_null (position_qty (f, "AAPL", &keep));
  }

  /* close all: one result per position */
  {
    g_autoptr (PaddockOrderRequest) a = market ("AAPL", BUY, "6");
    g_autoptr (PaddockOrder) oa = submit_ok (client, a);
    g_auto (PaddockTestAsync) w = { 0 };
    g_autoptr (GPtrArray) results = NULL;
    g_autoptr (TestReply) keep1 = NULL;
    g_autoptr (TestReply) keep2 = NULL;
    gboolean seen_aapl = FALSE, seen_msft = FALSE;

    paddock_trading_close_all_positions_async (client, TRUE, NULL, paddock_test_async_cb, &w);
    results = paddock_trading_close_all_positions_finish (client, paddock_test_async_wait (&w),
                                                          &error);
    g_assert_no_error (error);
    g_assert_cmpuint (results->len, ==, 2);
    for (guint i = 0; i < results->len; i++)
      {
        PaddockBulkResult *res = g_ptr_array_index (results, i);

        g_assert_cmpuint (res->http_status, ==, 200);
        g_assert_nonnull (res->order);
        g_assert_cmpstr (paddock_order_get_symbol (res->order), ==, res->id);
        if (g_str_equal (res->id, "AAPL"))
          {
            seen_aapl = TRUE;
            g_assert_cmpstr (paddock_order_get_qty (res->order), ==, "6");
          }
        if (g_str_equal (res->id, "MSFT"))
          {
            seen_msft = TRUE;
            g_assert_cmpstr (paddock_order_get_qty (res->order), ==, "3");
          }
      }
    g_assert_true (seen_aapl && seen_msft);
    g_assert_null (position_qty (f, "AAPL", &keep1));
    g_assert_null (position_qty (f, "MSFT", &keep2));
  }

  /* close all with its reply lost: the outcome is unknown, nothing is sent twice */
  {
    g_autoptr (PaddockOrderRequest) a = market ("AAPL", BUY, "1");
    g_autoptr (PaddockOrder) oa = submit_ok (client, a);
    g_auto (PaddockTestAsync) w = { 0 };
    g_autoptr (GPtrArray) results = NULL;
    guint deletes = counts.deletes;

    paddock_sandbox_add_fault (f->sandbox, "DELETE", "/paper/v2/positions",
                               PADDOCK_SANDBOX_FAULT_DROP_AFTER_COMMIT, 0, 1);
    paddock_trading_close_all_positions_async (client, FALSE, NULL, paddock_test_async_cb, &w);
    results = paddock_trading_close_all_positions_finish (client, paddock_test_async_wait (&w),
                                                          &error);
    g_assert_null (results);
    g_assert_error (error, PADDOCK_ERROR, PADDOCK_ERROR_OUTCOME_UNKNOWN);
    g_assert_cmpuint (counts.deletes, ==, deletes + 1);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  PADDOCK_TEST_ADD_FIXTURE ("/trading/every-kind", SandboxFixture, sandbox_fixture, test_every_kind);
  PADDOCK_TEST_ADD_FIXTURE ("/trading/validation", SandboxFixture, sandbox_fixture, test_validation);
  PADDOCK_TEST_ADD_FIXTURE ("/trading/submit/reply-lost", SandboxFixture, sandbox_fixture,
                            test_submit_reply_lost);
  PADDOCK_TEST_ADD_FIXTURE ("/trading/submit/not-placed", SandboxFixture, sandbox_fixture,
                            test_submit_not_placed);
  PADDOCK_TEST_ADD_FIXTURE ("/trading/submit/outcome-unknown", SandboxFixture, sandbox_fixture,
                            test_submit_outcome_unknown);
  PADDOCK_TEST_ADD_FIXTURE ("/trading/replace", SandboxFixture, sandbox_fixture, test_replace);
  PADDOCK_TEST_ADD_FIXTURE ("/trading/cancel", SandboxFixture, sandbox_fixture, test_cancel);
  PADDOCK_TEST_ADD_FIXTURE ("/trading/close-positions", SandboxFixture, sandbox_fixture,
                            test_close_positions);

  return g_test_run ();
}
