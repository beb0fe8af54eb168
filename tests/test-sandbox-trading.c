/* test-sandbox-trading.c: the sandbox's accounts, orders, positions and fills, over HTTP
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "sandbox-fixture.h"
#include "paddock-sandbox-private.h"
#include "stream-client.h"

/* ---- helpers ------------------------------------------------------------------------ */

typedef enum {
  T_STRING,
  T_DECIMAL,            /* a decimal in a JSON string */
  T_DECIMAL_OR_NULL,
  T_TIME,               /* an RFC 3339 string */
  T_TIME_OR_NULL,
  T_UUID,
  T_UUID_OR_NULL,
  T_INT,
  T_BOOL,
  T_ARRAY_OR_NULL,
} FieldType;

typedef struct
{
  const char *name;
  FieldType type;
} Field;

static const Field order_fields[] = {
  { "id", T_UUID }, { "client_order_id", T_STRING }, { "created_at", T_TIME },
  { "updated_at", T_TIME_OR_NULL }, { "submitted_at", T_TIME_OR_NULL },
  { "filled_at", T_TIME_OR_NULL }, { "expired_at", T_TIME_OR_NULL },
  { "canceled_at", T_TIME_OR_NULL }, { "failed_at", T_TIME_OR_NULL },
  { "replaced_at", T_TIME_OR_NULL }, { "replaced_by", T_UUID_OR_NULL },
  { "replaces", T_UUID_OR_NULL }, { "asset_id", T_UUID }, { "symbol", T_STRING },
  { "asset_class", T_STRING }, { "notional", T_DECIMAL_OR_NULL }, { "qty", T_DECIMAL_OR_NULL },
  { "filled_qty", T_DECIMAL }, { "filled_avg_price", T_DECIMAL_OR_NULL },
  { "order_class", T_STRING }, { "order_type", T_STRING }, { "type", T_STRING },
  { "side", T_STRING }, { "time_in_force", T_STRING }, { "limit_price", T_DECIMAL_OR_NULL },
  { "stop_price", T_DECIMAL_OR_NULL }, { "trail_price", T_DECIMAL_OR_NULL },
  { "trail_percent", T_DECIMAL_OR_NULL }, { "hwm", T_DECIMAL_OR_NULL }, { "status", T_STRING },
  { "extended_hours", T_BOOL }, { "legs", T_ARRAY_OR_NULL },
};

static const Field account_fields[] = {
  { "id", T_UUID }, { "account_number", T_STRING }, { "status", T_STRING },
  { "crypto_status", T_STRING }, { "currency", T_STRING }, { "cash", T_DECIMAL },
  { "portfolio_value", T_DECIMAL }, { "equity", T_DECIMAL }, { "last_equity", T_DECIMAL },
  { "long_market_value", T_DECIMAL }, { "short_market_value", T_DECIMAL },
  { "buying_power", T_DECIMAL }, { "regt_buying_power", T_DECIMAL },
  { "daytrading_buying_power", T_DECIMAL }, { "non_marginable_buying_power", T_DECIMAL },
  { "initial_margin", T_DECIMAL }, { "maintenance_margin", T_DECIMAL },
  { "last_maintenance_margin", T_DECIMAL }, { "sma", T_DECIMAL }, { "multiplier", T_DECIMAL },
  { "daytrade_count", T_INT }, { "pattern_day_trader", T_BOOL }, { "trading_blocked", T_BOOL },
  { "transfers_blocked", T_BOOL }, { "account_blocked", T_BOOL },
  { "trade_suspended_by_user", T_BOOL }, { "shorting_enabled", T_BOOL },
  { "accrued_fees", T_DECIMAL }, { "pending_transfer_in", T_DECIMAL },
  { "pending_transfer_out", T_DECIMAL }, { "created_at", T_TIME },
};

static const Field position_fields[] = {
  { "asset_id", T_UUID }, { "symbol", T_STRING }, { "exchange", T_STRING },
  { "asset_class", T_STRING }, { "asset_marginable", T_BOOL }, { "qty", T_DECIMAL },
  { "qty_available", T_DECIMAL }, { "avg_entry_price", T_DECIMAL }, { "side", T_STRING },
  { "market_value", T_DECIMAL }, { "cost_basis", T_DECIMAL }, { "unrealized_pl", T_DECIMAL },
  { "unrealized_plpc", T_DECIMAL }, { "unrealized_intraday_pl", T_DECIMAL },
  { "unrealized_intraday_plpc", T_DECIMAL }, { "current_price", T_DECIMAL },
  { "lastday_price", T_DECIMAL }, { "change_today", T_DECIMAL },
};

static const Field config_fields[] = {
  { "dtbp_check", T_STRING }, { "pdt_check", T_STRING }, { "trade_confirm_email", T_STRING },
  { "suspend_trade", T_BOOL }, { "no_shorting", T_BOOL }, { "fractional_trading", T_BOOL },
  { "max_margin_multiplier", T_DECIMAL }, { "ptp_no_exception_entry", T_BOOL },
};

/* The test's own fixed-point reading of a decimal string: value × 10^scale. It does not
 * use the sandbox's parser, so that a bug there cannot hide here. */
static gint64
fixed (const char *text,
       int         scale)
{
  const char *p = text;
  gboolean negative = FALSE;
  gint64 value = 0;
  int digits = -1;

  g_assert_nonnull (text);
  if (*p == '-')
    {
      negative = TRUE;
      p++;
    }
  g_assert_true (g_ascii_isdigit (*p));
  for (; *p != '\0'; p++)
    {
      if (*p == '.')
        {
          g_assert_cmpint (digits, ==, -1);
          digits = 0;
          continue;
        }
      g_assert_true (g_ascii_isdigit (*p));
      if (digits >= scale)
        {
          g_assert_cmpint (*p, ==, '0');
          continue;
        }
      value = value * 10 + (*p - '0');
      if (digits >= 0)
        digits++;
    }
  for (int i = MAX (digits, 0); i < scale; i++)
    value *= 10;

  return negative ? -value : value;
}

static gboolean
is_decimal (const char *text)
{
  const char *p = text;
  gboolean digit = FALSE, dot = FALSE;

  if (*p == '-')
    p++;
  for (; *p != '\0'; p++)
    {
      if (*p == '.' && !dot)
        dot = TRUE;
      else if (g_ascii_isdigit (*p))
        digit = TRUE;
      else
        return FALSE;
    }
  return digit;
}

static void
assert_fields (JsonObject  *obj,
               const Field *fields,
               guint        n_fields)
{
  for (guint i = 0; i < n_fields; i++)
    {
      JsonNode *node = json_object_get_member (obj, fields[i].name);
      gboolean null_ok = fields[i].type == T_DECIMAL_OR_NULL || fields[i].type == T_TIME_OR_NULL ||
                         fields[i].type == T_UUID_OR_NULL || fields[i].type == T_ARRAY_OR_NULL;
      const char *text;

      if (node == NULL)
        g_assert_cmpstr (fields[i].name, ==, "a member that is present");
      if (JSON_NODE_HOLDS_NULL (node))
        {
          if (!null_ok)
            g_assert_cmpstr (fields[i].name, ==, "a member that is not null");
          continue;
        }

      switch (fields[i].type)
        {
        case T_INT:
          g_assert_cmpint (json_node_get_value_type (node), ==, G_TYPE_INT64);
          break;
        case T_BOOL:
          g_assert_cmpint (json_node_get_value_type (node), ==, G_TYPE_BOOLEAN);
          break;
        case T_ARRAY_OR_NULL:
          g_assert_true (JSON_NODE_HOLDS_ARRAY (node));
          break;
        case T_STRING:
        case T_DECIMAL:
        case T_DECIMAL_OR_NULL:
        case T_TIME:
        case T_TIME_OR_NULL:
        case T_UUID:
        case T_UUID_OR_NULL:
        default:
          if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
            g_assert_cmpstr (fields[i].name, ==, "a member that is a string");
          text = json_node_get_string (node);
          if ((fields[i].type == T_DECIMAL || fields[i].type == T_DECIMAL_OR_NULL) &&
              !is_decimal (text))
            g_assert_cmpstr (text, ==, "a decimal");
          if (fields[i].type == T_TIME || fields[i].type == T_TIME_OR_NULL)
            {
              g_autoptr (GDateTime) dt = g_date_time_new_from_iso8601 (text, NULL);

              if (dt == NULL)
                g_assert_cmpstr (text, ==, "an RFC 3339 time");
            }
          if ((fields[i].type == T_UUID || fields[i].type == T_UUID_OR_NULL) &&
              !g_uuid_string_is_valid (text))
            g_assert_cmpstr (text, ==, "a UUID");
          break;
        }
    }
  /* every standard field and nothing else */
  g_assert_cmpuint (json_object_get_size (obj), ==, n_fields);
}

static void
assert_order (JsonObject *order)
{
  JsonNode *legs;

  assert_fields (order, order_fields, G_N_ELEMENTS (order_fields));
  g_assert_cmpstr (json_object_get_string_member (order, "type"), ==,
                   json_object_get_string_member (order, "order_type"));
  g_assert_cmpstr (json_object_get_string_member (order, "asset_class"), ==, "us_equity");
  legs = json_object_get_member (order, "legs");
  if (JSON_NODE_HOLDS_ARRAY (legs))
    {
      JsonArray *array = json_node_get_array (legs);

      for (guint i = 0; i < json_array_get_length (array); i++)
        assert_order (json_array_get_object_element (array, i));
    }
}

static void
assert_account (JsonObject *account)
{
  assert_fields (account, account_fields, G_N_ELEMENTS (account_fields));
}

static void
assert_position (JsonObject *position)
{
  assert_fields (position, position_fields, G_N_ELEMENTS (position_fields));
}

static const char *
str (JsonObject *obj,
     const char *name)
{
  return json_object_get_string_member (obj, name);
}

static TestReply *
post_order (SandboxFixture *f,
            const char     *body)
{
  return test_request (f, "POST", "paper:/v2/orders", f->token, body);
}

/* POSTs an order that must be accepted; returns its reply (the order is its object). */
static TestReply *
submit (SandboxFixture *f,
        const char     *body)
{
  TestReply *reply = post_order (f, body);

  g_assert_no_error (reply->error);
  if (reply->status != 200)
    g_test_message ("%.*s", (int) g_bytes_get_size (reply->body),
                    (const char *) g_bytes_get_data (reply->body, NULL));
  g_assert_cmpuint (reply->status, ==, 200);
  assert_order (test_reply_object (reply));
  return reply;
}

static TestReply *
get_order (SandboxFixture *f,
           const char     *id,
           gboolean        nested)
{
  g_autofree char *url = g_strdup_printf ("paper:/v2/orders/%s%s", id,
                                          nested ? "?nested=true" : "");
  TestReply *reply = test_request (f, "GET", url, f->token, NULL);

  g_assert_cmpuint (reply->status, ==, 200);
  assert_order (test_reply_object (reply));
  return reply;
}

static char *
order_status (SandboxFixture *f,
              const char     *id)
{
  g_autoptr (TestReply) reply = get_order (f, id, FALSE);

  return g_strdup (str (test_reply_object (reply), "status"));
}

static TestReply *
get_account (SandboxFixture *f)
{
  TestReply *reply = test_request (f, "GET", "paper:/v2/account", f->token, NULL);

  g_assert_cmpuint (reply->status, ==, 200);
  assert_account (test_reply_object (reply));
  return reply;
}

static gint64
account_money (SandboxFixture *f,
               const char     *name)
{
  g_autoptr (TestReply) reply = get_account (f);

  return fixed (str (test_reply_object (reply), name), 6);
}

/* The position's qty in nano-shares, 0 if there is none */
static gint64
position_qty (SandboxFixture *f,
              const char     *symbol)
{
  g_autofree char *url = g_strdup_printf ("paper:/v2/positions/%s", symbol);
  g_autoptr (TestReply) reply = test_request (f, "GET", url, f->token, NULL);

  if (reply->status == 404)
    {
      test_assert_alpaca_error (reply, 404);
      return 0;
    }
  g_assert_cmpuint (reply->status, ==, 200);
  assert_position (test_reply_object (reply));
  return fixed (str (test_reply_object (reply), "qty"), 9);
}

static void
set_price (SandboxFixture *f,
           const char     *symbol,
           const char     *price)
{
  g_assert_true (paddock_sandbox_set_price (f->sandbox, symbol, price));
}

static void
assert_code (TestReply *reply,
             guint      status,
             gint64     code)
{
  test_assert_alpaca_error (reply, status);
  g_assert_cmpint (json_object_get_int_member (test_reply_object (reply), "code"), ==, code);
}

static gboolean
end_of_day_cb (gpointer data)
{
  _sandbox_trading_end_of_day (data);
  return G_SOURCE_REMOVE;
}

/* ---- account ------------------------------------------------------------------------ */

static void
test_account_fields (SandboxFixture *f,
                     gconstpointer   data)
{
  g_autoptr (TestReply) paper = get_account (f);
  g_autofree char *live_token = paddock_sandbox_issue_token (f->sandbox, "", "live");
  g_autoptr (TestReply) live = test_request (f, "GET", "live:/v2/account", live_token, NULL);
  JsonObject *p = test_reply_object (paper);
  JsonObject *l;
  gint64 equity;

  g_assert_cmpstr (str (p, "status"), ==, "ACTIVE");
  g_assert_cmpstr (str (p, "currency"), ==, "USD");
  g_assert_true (g_str_has_prefix (str (p, "account_number"), "PA"));
  g_assert_cmpint (fixed (str (p, "cash"), 6), ==, fixed ("100000", 6));
  equity = fixed (str (p, "cash"), 6) + fixed (str (p, "long_market_value"), 6) +
           fixed (str (p, "short_market_value"), 6);
  g_assert_cmpint (fixed (str (p, "equity"), 6), ==, equity);
  g_assert_cmpstr (str (p, "portfolio_value"), ==, str (p, "equity"));
  g_assert_cmpstr (str (p, "last_equity"), ==, str (p, "equity"));
  /* a margin account (multiplier 2) with no positions: twice the equity */
  g_assert_cmpstr (str (p, "multiplier"), ==, "2");
  g_assert_cmpint (fixed (str (p, "buying_power"), 6), ==, 2 * equity);
  g_assert_cmpint (json_object_get_int_member (p, "daytrade_count"), ==, 0);
  g_assert_false (json_object_get_boolean_member (p, "trading_blocked"));

  /* the live account is another account with its own cash */
  g_assert_cmpuint (live->status, ==, 200);
  l = test_reply_object (live);
  assert_account (l);
  g_assert_cmpstr (str (l, "id"), !=, str (p, "id"));
  g_assert_false (g_str_has_prefix (str (l, "account_number"), "PA"));
  g_assert_cmpint (fixed (str (l, "cash"), 6), ==, fixed ("25000", 6));
}

static void
test_account_wrong_environment (SandboxFixture *f,
                                gconstpointer   data)
{
  g_autofree char *live_token = paddock_sandbox_issue_token (f->sandbox, "trading", "live");
  g_autoptr (TestReply) paper = test_request (f, "GET", "paper:/v2/account", live_token, NULL);
  g_autoptr (TestReply) order = test_request (f, "POST", "paper:/v2/orders", live_token,
                                              "{\"symbol\":\"AAPL\",\"qty\":\"1\",\"side\":\"buy\","
                                              "\"type\":\"market\",\"time_in_force\":\"day\"}");
  g_autoptr (TestReply) none = test_request (f, "GET", "paper:/v2/account", NULL, NULL);

  test_assert_alpaca_error (paper, 401);
  test_assert_alpaca_error (order, 401);
  test_assert_alpaca_error (none, 401);
}

static void
test_configurations (SandboxFixture *f,
                     gconstpointer   data)
{
  g_autoptr (TestReply) get = test_request (f, "GET", "paper:/v2/account/configurations",
                                            f->token, NULL);
  JsonObject *c;

  g_assert_cmpuint (get->status, ==, 200);
  c = test_reply_object (get);
  assert_fields (c, config_fields, G_N_ELEMENTS (config_fields));
  g_assert_cmpstr (str (c, "dtbp_check"), ==, "entry");
  g_assert_cmpstr (str (c, "trade_confirm_email"), ==, "all");
  g_assert_false (json_object_get_boolean_member (c, "suspend_trade"));
  g_assert_true (json_object_get_boolean_member (c, "fractional_trading"));

  /* a subset changes, the full object comes back */
  {
    g_autoptr (TestReply) patch = test_request (f, "PATCH", "paper:/v2/account/configurations",
                                                f->token,
                                                "{\"dtbp_check\":\"both\",\"trade_confirm_email\":"
                                                "\"none\",\"max_margin_multiplier\":\"1\"}");

    g_assert_cmpuint (patch->status, ==, 200);
    c = test_reply_object (patch);
    assert_fields (c, config_fields, G_N_ELEMENTS (config_fields));
    g_assert_cmpstr (str (c, "dtbp_check"), ==, "both");
    g_assert_cmpstr (str (c, "trade_confirm_email"), ==, "none");
    g_assert_cmpstr (str (c, "max_margin_multiplier"), ==, "1");
    g_assert_cmpstr (str (c, "pdt_check"), ==, "entry");
  }

  /* the multiplier reaches the account: a cash account buys with its cash only */
  {
    g_autoptr (TestReply) account = get_account (f);

    g_assert_cmpstr (str (test_reply_object (account), "multiplier"), ==, "1");
    g_assert_cmpint (fixed (str (test_reply_object (account), "buying_power"), 6), ==,
                     fixed ("100000", 6));
  }

  /* unacceptable values and types: 400, nothing changes */
  {
    const char *bad[] = {
      "{\"dtbp_check\":\"sometimes\"}",
      "{\"trade_confirm_email\":\"weekly\"}",
      "{\"suspend_trade\":\"yes\"}",
      "{\"no_shorting\":1}",
      "{\"max_margin_multiplier\":\"3\"}",
      "{\"pdt_check\":true}",
      "{\"dtbp_check\":\"exit\",\"fractional_trading\":\"no\"}",
    };

    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        g_autoptr (TestReply) reply = test_request (f, "PATCH", "paper:/v2/account/configurations",
                                                    f->token, bad[i]);

        assert_code (reply, 400, 40010001);
      }
  }
  {
    g_autoptr (TestReply) again = test_request (f, "GET", "paper:/v2/account/configurations",
                                                f->token, NULL);

    g_assert_cmpstr (str (test_reply_object (again), "dtbp_check"), ==, "both");
    g_assert_true (json_object_get_boolean_member (test_reply_object (again),
                                                   "fractional_trading"));
  }

  /* account:write is needed to change it, not to read it */
  {
    g_autofree char *reader = paddock_sandbox_issue_token (f->sandbox, "trading data", "paper");
    g_autoptr (TestReply) read = test_request (f, "GET", "paper:/v2/account/configurations",
                                               reader, NULL);
    g_autoptr (TestReply) write = test_request (f, "PATCH", "paper:/v2/account/configurations",
                                                reader, "{\"no_shorting\":true}");

    g_assert_cmpuint (read->status, ==, 200);
    test_assert_alpaca_error (write, 403);
  }
}

static void
test_suspend_trade (SandboxFixture *f,
                    gconstpointer   data)
{
  g_autoptr (TestReply) patch = NULL;
  g_autoptr (TestReply) order = NULL;
  g_autoptr (TestReply) account = NULL;
  g_autoptr (TestReply) resume = NULL;
  g_autoptr (TestReply) after = NULL;

  patch = test_request (f, "PATCH", "paper:/v2/account/configurations", f->token,
                        "{\"suspend_trade\":true}");
  g_assert_cmpuint (patch->status, ==, 200);
  account = get_account (f);
  g_assert_true (json_object_get_boolean_member (test_reply_object (account),
                                                 "trade_suspended_by_user"));

  order = post_order (f, "{\"symbol\":\"AAPL\",\"qty\":\"1\",\"side\":\"buy\","
                         "\"type\":\"market\",\"time_in_force\":\"day\"}");
  assert_code (order, 403, 40310000);
  g_assert_cmpstr (str (test_reply_object (order), "message"), ==,
                   "new orders are rejected by user request");

  resume = test_request (f, "PATCH", "paper:/v2/account/configurations", f->token,
                         "{\"suspend_trade\":false}");
  g_assert_cmpuint (resume->status, ==, 200);
  after = submit (f, "{\"symbol\":\"AAPL\",\"qty\":\"1\",\"side\":\"buy\","
                     "\"type\":\"market\",\"time_in_force\":\"day\"}");
}

static void
test_no_shorting (SandboxFixture *f,
                  gconstpointer   data)
{
  const char *short_sale = "{\"symbol\":\"AAPL\",\"qty\":\"5\",\"side\":\"sell\","
                           "\"type\":\"market\",\"time_in_force\":\"day\"}";
  g_autoptr (TestReply) patch = NULL;
  g_autoptr (TestReply) refused = NULL;
  g_autoptr (TestReply) allow = NULL;
  g_autoptr (TestReply) accepted = NULL;
  g_autoptr (TestReply) not_shortable = NULL;

  patch = test_request (f, "PATCH", "paper:/v2/account/configurations", f->token,
                        "{\"no_shorting\":true}");
  g_assert_cmpuint (patch->status, ==, 200);
  refused = post_order (f, short_sale);
  assert_code (refused, 403, 40310000);
  g_assert_cmpint (position_qty (f, "AAPL"), ==, 0);

  allow = test_request (f, "PATCH", "paper:/v2/account/configurations", f->token,
                        "{\"no_shorting\":false}");
  g_assert_cmpuint (allow->status, ==, 200);
  accepted = submit (f, short_sale);
  g_assert_cmpstr (str (test_reply_object (accepted), "status"), ==, "filled");
  g_assert_cmpint (position_qty (f, "AAPL"), ==, -5 * G_GINT64_CONSTANT (1000000000));

  /* GME is not shortable in the simulated market */
  not_shortable = post_order (f, "{\"symbol\":\"GME\",\"qty\":\"5\",\"side\":\"sell\","
                                 "\"type\":\"market\",\"time_in_force\":\"day\"}");
  assert_code (not_shortable, 403, 40310000);
}

/* ---- orders ------------------------------------------------------------------------- */

static void
test_market_buy_fills (SandboxFixture *f,
                       gconstpointer   data)
{
  gint64 cash_before = account_money (f, "cash");
  g_autoptr (TestReply) order = submit (f, "{\"symbol\":\"AAPL\",\"qty\":\"10\",\"side\":\"buy\","
                                           "\"type\":\"market\",\"time_in_force\":\"day\"}");
  JsonObject *o = test_reply_object (order);
  g_autoptr (TestReply) position = test_request (f, "GET", "paper:/v2/positions/AAPL", f->token,
                                                 NULL);
  g_autoptr (TestReply) again = NULL;
  gint64 cash_after = account_money (f, "cash");
  gint64 avg = fixed (str (o, "filled_avg_price"), 6);
  JsonObject *p;

  g_assert_cmpstr (str (o, "status"), ==, "filled");
  g_assert_cmpstr (str (o, "symbol"), ==, "AAPL");
  g_assert_cmpstr (str (o, "side"), ==, "buy");
  g_assert_cmpstr (str (o, "qty"), ==, "10");
  g_assert_cmpstr (str (o, "filled_qty"), ==, "10");
  g_assert_nonnull (str (o, "filled_at"));
  g_assert_true (g_uuid_string_is_valid (str (o, "client_order_id")));
  g_assert_cmpint (avg, >, 0);

  g_assert_cmpuint (position->status, ==, 200);
  p = test_reply_object (position);
  assert_position (p);
  g_assert_cmpstr (str (p, "qty"), ==, "10");
  g_assert_cmpstr (str (p, "side"), ==, "long");
  g_assert_cmpint (fixed (str (p, "avg_entry_price"), 6), ==, avg);
  g_assert_cmpint (fixed (str (p, "cost_basis"), 6), ==, 10 * avg);

  /* exactly qty × price, in micro-dollars */
  g_assert_cmpint (cash_before - cash_after, ==, 10 * avg);

  /* the order reads back the same */
  again = get_order (f, str (o, "id"), FALSE);
  g_assert_cmpstr (str (test_reply_object (again), "status"), ==, "filled");
  g_assert_cmpstr (str (test_reply_object (again), "filled_avg_price"), ==,
                   str (o, "filled_avg_price"));
}

static void
test_numbers_accepted (SandboxFixture *f,
                       gconstpointer   data)
{
  g_autoptr (TestReply) market = NULL;
  g_autoptr (TestReply) limit = NULL;
  JsonObject *o;

  set_price (f, "MSFT", "378.80");
  market = submit (f, "{\"symbol\":\"MSFT\",\"qty\":2,\"side\":\"buy\","
                      "\"type\":\"market\",\"time_in_force\":\"day\"}");
  g_assert_cmpstr (str (test_reply_object (market), "qty"), ==, "2");
  g_assert_cmpstr (str (test_reply_object (market), "status"), ==, "filled");

  limit = submit (f, "{\"symbol\":\"MSFT\",\"qty\":1.5,\"side\":\"buy\",\"type\":\"market\","
                     "\"time_in_force\":\"day\"}");
  o = test_reply_object (limit);
  g_assert_cmpstr (str (o, "qty"), ==, "1.5");
  g_assert_cmpint (position_qty (f, "MSFT"), ==, G_GINT64_CONSTANT (3500000000));

  {
    g_autoptr (TestReply) lim = submit (f, "{\"symbol\":\"MSFT\",\"qty\":\"1\",\"side\":\"buy\","
                                           "\"type\":\"limit\",\"limit_price\":300.5,"
                                           "\"time_in_force\":\"gtc\"}");

    g_assert_cmpstr (str (test_reply_object (lim), "limit_price"), ==, "300.5");
    g_assert_cmpstr (str (test_reply_object (lim), "status"), ==, "new");
  }
}

static void
test_validation (SandboxFixture *f,
                 gconstpointer   data)
{
  g_autofree char *long_id = g_strnfill (49, 'x');
  g_autofree char *too_long = g_strdup_printf ("{'symbol':'AAPL','qty':'1','side':'buy',"
                                               "'type':'market','time_in_force':'day',"
                                               "'client_order_id':'%s'}", long_id);
  const char *bad[] = {
    /* missing or unknown basics */
    "{'qty':'1','side':'buy','type':'market','time_in_force':'day'}",
    "{'symbol':'NOPE','qty':'1','side':'buy','type':'market','time_in_force':'day'}",
    "{'symbol':'aapl','qty':'1','side':'buy','type':'market','time_in_force':'day'}",
    "{'symbol':'AAPL','qty':'1','side':'hold','type':'market','time_in_force':'day'}",
    "{'symbol':'AAPL','qty':'1','side':'buy','type':'iceberg','time_in_force':'day'}",
    "{'symbol':'AAPL','qty':'1','side':'buy','type':'market','time_in_force':'week'}",
    "{'symbol':'AAPL','qty':'1','side':'buy','type':'market'}",
    /* qty XOR notional */
    "{'symbol':'AAPL','side':'buy','type':'market','time_in_force':'day'}",
    "{'symbol':'AAPL','qty':'1','notional':'100','side':'buy','type':'market',"
    "'time_in_force':'day'}",
    "{'symbol':'AAPL','qty':'0','side':'buy','type':'market','time_in_force':'day'}",
    "{'symbol':'AAPL','qty':'ten','side':'buy','type':'market','time_in_force':'day'}",
    /* notional: market + day only */
    "{'symbol':'AAPL','notional':'100','side':'buy','type':'limit',"
    "'limit_price':'100','time_in_force':'day'}",
    "{'symbol':'AAPL','notional':'100','side':'buy','type':'market','time_in_force':'gtc'}",
    /* prices by type */
    "{'symbol':'AAPL','qty':'1','side':'buy','type':'limit','time_in_force':'day'}",
    "{'symbol':'AAPL','qty':'1','side':'buy','type':'stop','time_in_force':'day'}",
    "{'symbol':'AAPL','qty':'1','side':'buy','type':'stop_limit','stop_price':'200',"
    "'time_in_force':'day'}",
    "{'symbol':'AAPL','qty':'1','side':'buy','type':'limit','limit_price':'-1',"
    "'time_in_force':'day'}",
    /* trailing stop: exactly one trail */
    "{'symbol':'AAPL','qty':'1','side':'sell','type':'trailing_stop','time_in_force':'day'}",
    "{'symbol':'AAPL','qty':'1','side':'sell','type':'trailing_stop','trail_price':'1',"
    "'trail_percent':'1','time_in_force':'day'}",
    "{'symbol':'AAPL','qty':'1','side':'buy','type':'market','trail_price':'1',"
    "'time_in_force':'day'}",
    /* extended hours: limit + day */
    "{'symbol':'AAPL','qty':'1','side':'buy','type':'market','time_in_force':'day',"
    "'extended_hours':true}",
    "{'symbol':'AAPL','qty':'1','side':'buy','type':'limit','limit_price':'100',"
    "'time_in_force':'gtc','extended_hours':true}",
    /* classes */
    "{'symbol':'AAPL','qty':'1','side':'buy','type':'market','time_in_force':'day',"
    "'order_class':'bracket','take_profit':{'limit_price':'300'}}",
    "{'symbol':'AAPL','qty':'1','side':'buy','type':'market','time_in_force':'ioc',"
    "'order_class':'bracket','take_profit':{'limit_price':'300'},"
    "'stop_loss':{'stop_price':'100'}}",
    "{'symbol':'AAPL','qty':'1','side':'buy','type':'market','time_in_force':'day',"
    "'order_class':'bracket','take_profit':{'limit_price':'100'},"
    "'stop_loss':{'stop_price':'300'}}",
    "{'symbol':'AAPL','qty':'1','side':'sell','type':'market','time_in_force':'gtc',"
    "'order_class':'oco','take_profit':{'limit_price':'300'},"
    "'stop_loss':{'stop_price':'100'}}",
    "{'symbol':'AAPL','qty':'1','side':'buy','type':'market','time_in_force':'day',"
    "'order_class':'oto'}",
    "{'symbol':'AAPL','qty':'1','side':'buy','type':'market','time_in_force':'day',"
    "'order_class':'oto','take_profit':{'limit_price':'300'},"
    "'stop_loss':{'stop_price':'100'}}",
    "{'symbol':'AAPL','qty':'1','side':'buy','type':'market','time_in_force':'day',"
    "'order_class':'pyramid'}",
    "{'symbol':'AAPL','qty':'1','side':'buy','type':'market','time_in_force':'day',"
    "'take_profit':{'limit_price':'300'}}",
    /* fractional: fractionable symbols, market + day only */
    "{'symbol':'AAPL','qty':'0.5','side':'buy','type':'limit','limit_price':'100',"
    "'time_in_force':'day'}",
    "{'symbol':'AAPL','qty':'0.5','side':'buy','type':'market','time_in_force':'gtc'}",
    "{'symbol':'GME','qty':'0.5','side':'buy','type':'market','time_in_force':'day'}",
    too_long,
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      /* the table quotes with ' for legibility */
      g_autofree char *body = g_strdelimit (g_strdup (bad[i]), "'", '"');
      g_autoptr (TestReply) reply = post_order (f, body);

      if (reply->status != 422)
        g_test_message ("accepted: %s", body);
      assert_code (reply, 422, 40010001);
    }

  /* not JSON at all */
  {
    g_autoptr (TestReply) reply = post_order (f, "symbol=AAPL");

    test_assert_alpaca_error (reply, 422);
  }

  /* nothing was created */
  {
    g_autoptr (TestReply) list = test_request (f, "GET", "paper:/v2/orders?status=all", f->token,
                                               NULL);

    g_assert_cmpuint (json_array_get_length (test_reply_array (list)), ==, 0);
  }
}

static void
test_order_scope (SandboxFixture *f,
                  gconstpointer   data)
{
  g_autofree char *reader = paddock_sandbox_issue_token (f->sandbox, "account:write data", "paper");
  const char *body = "{\"symbol\":\"AAPL\",\"qty\":\"1\",\"side\":\"buy\","
                     "\"type\":\"market\",\"time_in_force\":\"day\"}";
  g_autoptr (TestReply) post = test_request (f, "POST", "paper:/v2/orders", reader, body);
  g_autoptr (TestReply) list = test_request (f, "GET", "paper:/v2/orders", reader, NULL);
  g_autoptr (TestReply) cancel_all = test_request (f, "DELETE", "paper:/v2/orders", reader, NULL);
  g_autoptr (TestReply) close_all = test_request (f, "DELETE", "paper:/v2/positions", reader, NULL);

  test_assert_alpaca_error (post, 403);
  test_assert_alpaca_error (cancel_all, 403);
  test_assert_alpaca_error (close_all, 403);
  /* reads need no scope */
  g_assert_cmpuint (list->status, ==, 200);
  g_assert_cmpint (position_qty (f, "AAPL"), ==, 0);
}

static void
test_limit_fills_on_cross (SandboxFixture *f,
                           gconstpointer   data)
{
  g_autoptr (TestReply) order = NULL;
  g_autoptr (TestReply) filled = NULL;
  g_autofree char *status = NULL;
  const char *id;
  gint64 cash_before;

  set_price (f, "MSFT", "380.00");
  cash_before = account_money (f, "cash");
  order = submit (f, "{\"symbol\":\"MSFT\",\"qty\":\"4\",\"side\":\"buy\",\"type\":\"limit\","
                     "\"limit_price\":\"375.50\",\"time_in_force\":\"gtc\"}");
  id = str (test_reply_object (order), "id");
  g_assert_cmpstr (str (test_reply_object (order), "status"), ==, "new");
  g_assert_cmpstr (str (test_reply_object (order), "limit_price"), ==, "375.5");

  /* the open order holds buying power: 2 × 100000 − 4 × 375.50 */
  g_assert_cmpint (account_money (f, "buying_power"), ==,
                   fixed ("200000", 6) - 4 * fixed ("375.50", 6));

  set_price (f, "MSFT", "376.00");
  status = order_status (f, id);
  g_assert_cmpstr (status, ==, "new");
  g_assert_cmpint (position_qty (f, "MSFT"), ==, 0);

  /* the price falls through the limit: a buy fills at the better of the two */
  set_price (f, "MSFT", "374.10");
  filled = get_order (f, id, FALSE);
  g_assert_cmpstr (str (test_reply_object (filled), "status"), ==, "filled");
  g_assert_cmpstr (str (test_reply_object (filled), "filled_avg_price"), ==, "374.1");
  g_assert_cmpint (position_qty (f, "MSFT"), ==, 4 * G_GINT64_CONSTANT (1000000000));
  g_assert_cmpint (cash_before - account_money (f, "cash"), ==, 4 * fixed ("374.10", 6));

  /* a sell limit fills when the price rises to it */
  {
    g_autoptr (TestReply) sell = submit (f, "{\"symbol\":\"MSFT\",\"qty\":\"4\",\"side\":\"sell\","
                                            "\"type\":\"limit\",\"limit_price\":\"390\","
                                            "\"time_in_force\":\"day\"}");
    g_autofree char *sell_status = NULL;

    set_price (f, "MSFT", "389.99");
    sell_status = order_status (f, str (test_reply_object (sell), "id"));
    g_assert_cmpstr (sell_status, ==, "new");
    set_price (f, "MSFT", "391.00");
    g_clear_pointer (&sell_status, g_free);
    sell_status = order_status (f, str (test_reply_object (sell), "id"));
    g_assert_cmpstr (sell_status, ==, "filled");
    g_assert_cmpint (position_qty (f, "MSFT"), ==, 0);
  }
}

static void
test_stop_triggers (SandboxFixture *f,
                    gconstpointer   data)
{
  g_autoptr (TestReply) buy = NULL;
  g_autoptr (TestReply) stop = NULL;
  g_autoptr (TestReply) stop_limit = NULL;
  g_autoptr (TestReply) done = NULL;
  g_autofree char *status = NULL;

  set_price (f, "NVDA", "500.00");
  buy = submit (f, "{\"symbol\":\"NVDA\",\"qty\":\"20\",\"side\":\"buy\","
                   "\"type\":\"market\",\"time_in_force\":\"day\"}");

  stop = submit (f, "{\"symbol\":\"NVDA\",\"qty\":\"10\",\"side\":\"sell\",\"type\":\"stop\","
                    "\"stop_price\":\"490\",\"time_in_force\":\"gtc\"}");
  stop_limit = submit (f, "{\"symbol\":\"NVDA\",\"qty\":\"10\",\"side\":\"sell\","
                          "\"type\":\"stop_limit\",\"stop_price\":\"480\",\"limit_price\":\"479\","
                          "\"time_in_force\":\"gtc\"}");

  set_price (f, "NVDA", "495.00");
  status = order_status (f, str (test_reply_object (stop), "id"));
  g_assert_cmpstr (status, ==, "new");

  /* through the stop: it becomes a market order and fills at the price */
  set_price (f, "NVDA", "489.00");
  done = get_order (f, str (test_reply_object (stop), "id"), FALSE);
  g_assert_cmpstr (str (test_reply_object (done), "status"), ==, "filled");
  g_assert_cmpstr (str (test_reply_object (done), "filled_avg_price"), ==, "489");
  g_assert_cmpint (position_qty (f, "NVDA"), ==, 10 * G_GINT64_CONSTANT (1000000000));

  /* the stop-limit triggers at 480 but gaps below its limit: no fill until back at 479 */
  set_price (f, "NVDA", "470.00");
  g_clear_pointer (&status, g_free);
  status = order_status (f, str (test_reply_object (stop_limit), "id"));
  g_assert_cmpstr (status, ==, "new");
  set_price (f, "NVDA", "479.50");
  g_clear_pointer (&status, g_free);
  status = order_status (f, str (test_reply_object (stop_limit), "id"));
  g_assert_cmpstr (status, ==, "filled");
  g_assert_cmpint (position_qty (f, "NVDA"), ==, 0);
}

static void
test_trailing_stop (SandboxFixture *f,
                    gconstpointer   data)
{
  g_autoptr (TestReply) buy = NULL;
  g_autoptr (TestReply) trail = NULL;
  g_autoptr (TestReply) pct = NULL;
  const char *id;

  set_price (f, "TSLA", "240.00");
  buy = submit (f, "{\"symbol\":\"TSLA\",\"qty\":\"10\",\"side\":\"buy\","
                   "\"type\":\"market\",\"time_in_force\":\"day\"}");
  trail = submit (f, "{\"symbol\":\"TSLA\",\"qty\":\"5\",\"side\":\"sell\","
                     "\"type\":\"trailing_stop\",\"trail_price\":\"5\",\"time_in_force\":\"gtc\"}");
  id = str (test_reply_object (trail), "id");
  g_assert_cmpstr (str (test_reply_object (trail), "hwm"), ==, "240");
  g_assert_cmpstr (str (test_reply_object (trail), "trail_price"), ==, "5");
  g_assert_cmpstr (str (test_reply_object (trail), "stop_price"), ==, "235");

  /* the high-water mark follows the price up, and the stop with it */
  set_price (f, "TSLA", "250.00");
  set_price (f, "TSLA", "246.00");
  {
    g_autoptr (TestReply) now = get_order (f, id, FALSE);

    g_assert_cmpstr (str (test_reply_object (now), "status"), ==, "new");
    g_assert_cmpstr (str (test_reply_object (now), "hwm"), ==, "250");
    g_assert_cmpstr (str (test_reply_object (now), "stop_price"), ==, "245");
  }

  /* 244 is 6 below the mark: triggered, fills as a market order */
  set_price (f, "TSLA", "244.00");
  {
    g_autoptr (TestReply) now = get_order (f, id, FALSE);

    g_assert_cmpstr (str (test_reply_object (now), "status"), ==, "filled");
    g_assert_cmpstr (str (test_reply_object (now), "filled_avg_price"), ==, "244");
  }
  g_assert_cmpint (position_qty (f, "TSLA"), ==, 5 * G_GINT64_CONSTANT (1000000000));

  /* by percent: 10 % under the mark */
  pct = submit (f, "{\"symbol\":\"TSLA\",\"qty\":\"5\",\"side\":\"sell\","
                   "\"type\":\"trailing_stop\",\"trail_percent\":\"10\","
                   "\"time_in_force\":\"gtc\"}");
  g_assert_cmpstr (str (test_reply_object (pct), "trail_percent"), ==, "10");
  g_assert_cmpstr (str (test_reply_object (pct), "stop_price"), ==, "219.6");
  set_price (f, "TSLA", "220.00");
  {
    g_autofree char *status = order_status (f, str (test_reply_object (pct), "id"));

    g_assert_cmpstr (status, ==, "new");
  }
  set_price (f, "TSLA", "219.00");
  {
    g_autofree char *status = order_status (f, str (test_reply_object (pct), "id"));

    g_assert_cmpstr (status, ==, "filled");
  }
  g_assert_cmpint (position_qty (f, "TSLA"), ==, 0);
}

static void
test_partial_fills (SandboxFixture *f,
                    gconstpointer   data)
{
  g_autoptr (TestReply) order = NULL;
  gint64 cash_before;
  const char *id;

  set_price (f, "F", "12.05");
  cash_before = account_money (f, "cash");
  order = submit (f, "{\"symbol\":\"F\",\"qty\":\"2500\",\"side\":\"buy\","
                     "\"type\":\"market\",\"time_in_force\":\"day\"}");
  id = str (test_reply_object (order), "id");

  /* the first lot at once, then one lot per market step */
  g_assert_cmpstr (str (test_reply_object (order), "status"), ==, "partially_filled");
  g_assert_cmpstr (str (test_reply_object (order), "filled_qty"), ==, "1000");
  g_assert_cmpstr (str (test_reply_object (order), "filled_avg_price"), ==, "12.05");
  g_assert_true (json_object_get_null_member (test_reply_object (order), "filled_at"));

  paddock_sandbox_tick (f->sandbox);
  {
    g_autoptr (TestReply) now = get_order (f, id, FALSE);

    g_assert_cmpstr (str (test_reply_object (now), "status"), ==, "partially_filled");
    g_assert_cmpstr (str (test_reply_object (now), "filled_qty"), ==, "2000");
  }
  g_assert_cmpint (position_qty (f, "F"), ==, 2000 * G_GINT64_CONSTANT (1000000000));

  paddock_sandbox_tick (f->sandbox);
  {
    g_autoptr (TestReply) now = get_order (f, id, FALSE);
    g_autoptr (TestReply) position = test_request (f, "GET", "paper:/v2/positions/F", f->token,
                                                   NULL);
    JsonObject *o = test_reply_object (now);
    gint64 cost = fixed (str (test_reply_object (position), "cost_basis"), 6);
    gint64 avg = fixed (str (o, "filled_avg_price"), 6);

    g_assert_cmpstr (str (o, "status"), ==, "filled");
    g_assert_cmpstr (str (o, "filled_qty"), ==, "2500");
    g_assert_nonnull (str (o, "filled_at"));
    /* the cash paid is exactly the sum of the fills, which the position's cost keeps;
     * the average price is that sum over the shares, to the micro-dollar */
    g_assert_cmpint (cash_before - account_money (f, "cash"), ==, cost);
    g_assert_cmpint (ABS (cost - 2500 * avg), <=, 2500);
  }
}

static void
test_ioc_fok (SandboxFixture *f,
              gconstpointer   data)
{
  g_autoptr (TestReply) ioc = NULL;
  g_autoptr (TestReply) fok = NULL;
  g_autoptr (TestReply) ioc_fill = NULL;
  g_autoptr (TestReply) ioc_part = NULL;

  set_price (f, "AMD", "138.60");

  /* not marketable: canceled at once, nothing filled */
  ioc = submit (f, "{\"symbol\":\"AMD\",\"qty\":\"10\",\"side\":\"buy\",\"type\":\"limit\","
                   "\"limit_price\":\"130\",\"time_in_force\":\"ioc\"}");
  g_assert_cmpstr (str (test_reply_object (ioc), "status"), ==, "canceled");
  g_assert_nonnull (str (test_reply_object (ioc), "canceled_at"));
  g_assert_cmpstr (str (test_reply_object (ioc), "filled_qty"), ==, "0");
  fok = submit (f, "{\"symbol\":\"AMD\",\"qty\":\"10\",\"side\":\"buy\",\"type\":\"limit\","
                   "\"limit_price\":\"130\",\"time_in_force\":\"fok\"}");
  g_assert_cmpstr (str (test_reply_object (fok), "status"), ==, "canceled");

  /* a later cross does not bring them back */
  set_price (f, "AMD", "120.00");
  g_assert_cmpint (position_qty (f, "AMD"), ==, 0);

  ioc_fill = submit (f, "{\"symbol\":\"AMD\",\"qty\":\"10\",\"side\":\"buy\",\"type\":\"limit\","
                        "\"limit_price\":\"130\",\"time_in_force\":\"ioc\"}");
  g_assert_cmpstr (str (test_reply_object (ioc_fill), "status"), ==, "filled");

  /* an ioc bigger than one lot takes the lot and cancels the rest */
  ioc_part = submit (f, "{\"symbol\":\"AMD\",\"qty\":\"1500\",\"side\":\"buy\",\"type\":\"market\","
                        "\"time_in_force\":\"ioc\"}");
  g_assert_cmpstr (str (test_reply_object (ioc_part), "status"), ==, "canceled");
  g_assert_cmpstr (str (test_reply_object (ioc_part), "filled_qty"), ==, "1000");
  g_assert_cmpint (position_qty (f, "AMD"), ==, 1010 * G_GINT64_CONSTANT (1000000000));
}

static void
test_duplicate_client_order_id (SandboxFixture *f,
                                gconstpointer   data)
{
  const char *body = "{\"symbol\":\"AAPL\",\"qty\":\"1\",\"side\":\"buy\",\"type\":\"limit\","
                     "\"limit_price\":\"100\",\"time_in_force\":\"gtc\","
                     "\"client_order_id\":\"gtk-dup-1\"}";
  g_autoptr (TestReply) first = submit (f, body);
  g_autoptr (TestReply) second = post_order (f, body);
  g_autoptr (TestReply) list = test_request (f, "GET", "paper:/v2/orders?status=all", f->token,
                                             NULL);

  g_assert_cmpstr (str (test_reply_object (first), "client_order_id"), ==, "gtk-dup-1");
  assert_code (second, 422, 40010001);
  g_assert_cmpuint (json_array_get_length (test_reply_array (list)), ==, 1);
}

static void
test_drop_after_commit (SandboxFixture *f,
                        gconstpointer   data)
{
  g_autoptr (TestReply) dropped = NULL;
  g_autoptr (TestReply) found = NULL;
  g_autoptr (TestReply) list = NULL;
  g_autoptr (TestReply) missing = NULL;

  paddock_sandbox_add_fault (f->sandbox, "POST", "/paper/v2/orders",
                             PADDOCK_SANDBOX_FAULT_DROP_AFTER_COMMIT, 0, 1);
  dropped = post_order (f, "{\"symbol\":\"AAPL\",\"qty\":\"3\",\"side\":\"buy\","
                           "\"type\":\"market\",\"time_in_force\":\"day\","
                           "\"client_order_id\":\"gtk-lost-reply\"}");
  /* no reply reached the client */
  g_assert_nonnull (dropped->error);
  g_assert_cmpuint (dropped->status, ==, 0);

  /* but the order was committed, and the client finds it by its own id */
  found = test_request (f, "GET",
                        "paper:/v2/orders:by_client_order_id?client_order_id=gtk-lost-reply",
                        f->token, NULL);
  g_assert_cmpuint (found->status, ==, 200);
  assert_order (test_reply_object (found));
  g_assert_cmpstr (str (test_reply_object (found), "client_order_id"), ==, "gtk-lost-reply");
  g_assert_cmpstr (str (test_reply_object (found), "status"), ==, "filled");
  g_assert_cmpint (position_qty (f, "AAPL"), ==, 3 * G_GINT64_CONSTANT (1000000000));

  /* exactly once */
  list = test_request (f, "GET", "paper:/v2/orders?status=all", f->token, NULL);
  g_assert_cmpuint (json_array_get_length (test_reply_array (list)), ==, 1);

  missing = test_request (f, "GET", "paper:/v2/orders:by_client_order_id?client_order_id=nope",
                          f->token, NULL);
  assert_code (missing, 404, 40410000);
}

/* The reject_after_accept fault: the order is answered as new, then the broker rejects it
 * on the stream; it changes no figure, and the next order is served normally. */
static void
test_reject_after_accept (SandboxFixture *f,
                          gconstpointer   data)
{
  g_autoptr (StreamClient) c = stream_client_connect (f, "paper");
  g_autoptr (TestReply) fault = NULL;
  g_autoptr (TestReply) accepted = NULL;
  g_autoptr (TestReply) now = NULL;
  g_autoptr (TestReply) next = NULL;
  gint64 cash_before = account_money (f, "cash");
  JsonObject *event;
  JsonObject *order;
  g_autofree char *id = NULL;

  stream_client_authenticate (c, f->token);
  stream_client_listen (c, "[\"trade_updates\"]", "[\"trade_updates\"]");
  set_price (f, "AAPL", "190.00");
  /* through the control API, as a standalone sandbox is driven */
  fault = test_request (f, "POST", "root:/_sandbox/faults", NULL,
                        "{\"method\":\"POST\",\"path\":\"/paper/v2/orders\","
                        "\"kind\":\"reject_after_accept\",\"count\":1}");
  g_assert_cmpuint (fault->status, ==, 204);
  accepted = submit (f, "{\"symbol\":\"AAPL\",\"qty\":\"4\",\"side\":\"buy\","
                        "\"type\":\"market\",\"time_in_force\":\"day\"}");
  id = g_strdup (str (test_reply_object (accepted), "id"));
  g_assert_cmpstr (str (test_reply_object (accepted), "status"), ==, "new");

  event = stream_client_next (c, "trade_updates", SOUP_WEBSOCKET_DATA_BINARY);
  g_assert_cmpstr (str (event, "event"), ==, "new");
  event = stream_client_next (c, "trade_updates", SOUP_WEBSOCKET_DATA_BINARY);
  g_assert_cmpstr (str (event, "event"), ==, "rejected");
  order = json_object_get_object_member (event, "order");
  g_assert_cmpstr (str (order, "id"), ==, id);
  g_assert_cmpstr (str (order, "status"), ==, "rejected");
  g_assert_cmpstr (str (order, "qty"), ==, "4");
  g_assert_cmpstr (str (order, "filled_qty"), ==, "0");
  g_assert_nonnull (str (order, "failed_at"));

  now = get_order (f, id, FALSE);
  g_assert_cmpstr (str (test_reply_object (now), "status"), ==, "rejected");
  g_assert_cmpint (position_qty (f, "AAPL"), ==, 0);
  g_assert_cmpint (account_money (f, "cash"), ==, cash_before);

  /* the fault was for one request */
  next = submit (f, "{\"symbol\":\"AAPL\",\"qty\":\"1\",\"side\":\"buy\","
                    "\"type\":\"market\",\"time_in_force\":\"day\"}");
  g_assert_cmpstr (str (test_reply_object (next), "status"), ==, "filled");
}

static void
test_insufficient_buying_power (SandboxFixture *f,
                                gconstpointer   data)
{
  g_autoptr (TestReply) reply = NULL;
  JsonObject *err;

  /* 600 × 1090.15 is far more than 2 × 100000 */
  set_price (f, "AVGO", "1090.15");
  reply = post_order (f, "{\"symbol\":\"AVGO\",\"qty\":\"600\",\"side\":\"buy\","
                         "\"type\":\"market\",\"time_in_force\":\"day\"}");
  assert_code (reply, 403, 40310000);
  err = test_reply_object (reply);
  g_assert_cmpstr (str (err, "message"), ==, "insufficient buying power");
  g_assert_cmpint (fixed (str (err, "buying_power"), 6), ==, fixed ("200000", 6));
  g_assert_cmpint (fixed (str (err, "cost_basis"), 6), ==, 600 * fixed ("1090.15", 6));
  g_assert_cmpint (position_qty (f, "AVGO"), ==, 0);

  /* a limit order is measured at its limit */
  {
    g_autoptr (TestReply) limit = post_order (f, "{\"symbol\":\"AVGO\",\"qty\":\"250\","
                                                 "\"side\":\"buy\",\"type\":\"limit\","
                                                 "\"limit_price\":\"801\","
                                                 "\"time_in_force\":\"gtc\"}");

    assert_code (limit, 403, 40310000);
    g_assert_cmpstr (str (test_reply_object (limit), "cost_basis"), ==, "200250.00");
  }

  /* selling shares one does not have (on a non-shortable asset) is refused as well */
  {
    g_autoptr (TestReply) sell = NULL;
    g_autoptr (TestReply) buy = NULL;

    buy = submit (f, "{\"symbol\":\"GME\",\"qty\":\"10\",\"side\":\"buy\","
                     "\"type\":\"market\",\"time_in_force\":\"day\"}");
    sell = post_order (f, "{\"symbol\":\"GME\",\"qty\":\"11\",\"side\":\"sell\","
                          "\"type\":\"market\",\"time_in_force\":\"day\"}");
    assert_code (sell, 403, 40310000);
    g_assert_cmpstr (str (test_reply_object (sell), "available"), ==, "10");
    g_assert_cmpstr (str (test_reply_object (sell), "existing_qty"), ==, "10");
    g_assert_cmpstr (str (test_reply_object (sell), "symbol"), ==, "GME");
  }
}

static void
test_get_order_errors (SandboxFixture *f,
                       gconstpointer   data)
{
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *url = g_strdup_printf ("paper:/v2/orders/%s", uuid);
  g_autoptr (TestReply) unknown = test_request (f, "GET", url, f->token, NULL);
  g_autoptr (TestReply) not_uuid = test_request (f, "GET", "paper:/v2/orders/not-a-uuid", f->token,
                                                 NULL);
  g_autoptr (TestReply) delete_unknown = test_request (f, "DELETE", url, f->token, NULL);
  g_autoptr (TestReply) patch_unknown = test_request (f, "PATCH", url, f->token, "{\"qty\":\"1\"}");
  g_autoptr (TestReply) no_param = test_request (f, "GET", "paper:/v2/orders:by_client_order_id",
                                                 f->token, NULL);

  assert_code (unknown, 404, 40410000);
  assert_code (not_uuid, 422, 40010001);
  g_assert_cmpstr (str (test_reply_object (not_uuid), "message"), ==, "order_id is missing");
  assert_code (delete_unknown, 404, 40410000);
  assert_code (patch_unknown, 404, 40410000);
  assert_code (no_param, 422, 40010001);

  /* orders of the paper account are not visible to the live account */
  {
    g_autoptr (TestReply) order = submit (f, "{\"symbol\":\"AAPL\",\"qty\":\"1\",\"side\":\"buy\","
                                             "\"type\":\"limit\",\"limit_price\":\"50\","
                                             "\"time_in_force\":\"gtc\"}");
    g_autofree char *live_token = paddock_sandbox_issue_token (f->sandbox, "", "live");
    g_autofree char *live_url = g_strdup_printf ("live:/v2/orders/%s",
                                                 str (test_reply_object (order), "id"));
    g_autoptr (TestReply) other = test_request (f, "GET", live_url, live_token, NULL);

    assert_code (other, 404, 40410000);
  }
}

static guint
list_length (SandboxFixture *f,
             const char     *query)
{
  g_autofree char *url = g_strdup_printf ("paper:/v2/orders%s", query);
  g_autoptr (TestReply) reply = test_request (f, "GET", url, f->token, NULL);
  JsonArray *array;

  g_assert_cmpuint (reply->status, ==, 200);
  array = test_reply_array (reply);
  for (guint i = 0; i < json_array_get_length (array); i++)
    assert_order (json_array_get_object_element (array, i));
  return json_array_get_length (array);
}

static void
test_list_orders (SandboxFixture *f,
                  gconstpointer   data)
{
  g_autoptr (GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *submitted = NULL;

  set_price (f, "AAPL", "190.00");
  for (int i = 0; i < 4; i++)
    {
      g_autofree char *body = g_strdup_printf ("{\"symbol\":\"%s\",\"qty\":\"1\",\"side\":\"buy\","
                                               "\"type\":\"limit\",\"limit_price\":\"%d\","
                                               "\"time_in_force\":\"gtc\"}",
                                               i % 2 ? "MSFT" : "AAPL", 100 + i);
      g_autoptr (TestReply) reply = submit (f, body);

      g_ptr_array_add (ids, g_strdup (str (test_reply_object (reply), "id")));
      if (i == 1)
        submitted = g_strdup (str (test_reply_object (reply), "submitted_at"));
    }
  {
    g_autoptr (TestReply) filled = submit (f, "{\"symbol\":\"AAPL\",\"qty\":\"1\",\"side\":\"buy\","
                                              "\"type\":\"market\",\"time_in_force\":\"day\"}");

    g_ptr_array_add (ids, g_strdup (str (test_reply_object (filled), "id")));
  }

  g_assert_cmpuint (list_length (f, ""), ==, 4);
  g_assert_cmpuint (list_length (f, "?status=open"), ==, 4);
  g_assert_cmpuint (list_length (f, "?status=closed"), ==, 1);
  g_assert_cmpuint (list_length (f, "?status=all"), ==, 5);
  g_assert_cmpuint (list_length (f, "?status=all&limit=2"), ==, 2);
  g_assert_cmpuint (list_length (f, "?status=all&symbols=MSFT"), ==, 2);
  g_assert_cmpuint (list_length (f, "?status=all&symbols=MSFT,AAPL"), ==, 5);
  g_assert_cmpuint (list_length (f, "?status=all&side=sell"), ==, 0);
  g_assert_cmpuint (list_length (f, "?status=all&side=buy"), ==, 5);

  /* desc by default, asc on request */
  {
    g_autoptr (TestReply) desc = test_request (f, "GET", "paper:/v2/orders?status=all", f->token,
                                               NULL);
    g_autoptr (TestReply) asc = test_request (f, "GET", "paper:/v2/orders?status=all&direction=asc",
                                              f->token, NULL);

    g_assert_cmpstr (str (json_array_get_object_element (test_reply_array (desc), 0), "id"), ==,
                     g_ptr_array_index (ids, 4));
    g_assert_cmpstr (str (json_array_get_object_element (test_reply_array (asc), 0), "id"), ==,
                     g_ptr_array_index (ids, 0));
  }

  /* after and until are exclusive */
  {
    g_autofree char *escaped = g_uri_escape_string (submitted, NULL, FALSE);
    g_autofree char *after = g_strdup_printf ("?status=all&after=%s", escaped);
    g_autofree char *until = g_strdup_printf ("?status=all&until=%s", escaped);

    g_assert_cmpuint (list_length (f, after), ==, 3);
    g_assert_cmpuint (list_length (f, until), ==, 1);
  }

  /* cursor paging by order id, exclusive */
  {
    g_autofree char *after = g_strdup_printf ("?status=all&after_order_id=%s",
                                              (char *) g_ptr_array_index (ids, 1));
    g_autofree char *before = g_strdup_printf ("?status=all&before_order_id=%s",
                                               (char *) g_ptr_array_index (ids, 1));

    g_assert_cmpuint (list_length (f, after), ==, 3);
    g_assert_cmpuint (list_length (f, before), ==, 1);
  }

  /* bad parameters */
  {
    const char *bad[] = { "?limit=501", "?limit=0", "?limit=ten", "?status=pending",
                          "?direction=up", "?after=yesterday", "?side=short", "?nested=maybe",
                          "?after_order_id=nope" };

    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        g_autofree char *url = g_strdup_printf ("paper:/v2/orders%s", bad[i]);
        g_autoptr (TestReply) reply = test_request (f, "GET", url, f->token, NULL);

        assert_code (reply, 422, 40010001);
      }
  }
  g_assert_cmpuint (list_length (f, "?status=all&limit=500"), ==, 5);
}

static void
test_replace (SandboxFixture *f,
              gconstpointer   data)
{
  g_autoptr (TestReply) order = NULL;
  g_autoptr (TestReply) replaced = NULL;
  g_autoptr (TestReply) old = NULL;
  g_autofree char *old_url = NULL;
  g_autofree char *old_id = NULL;
  JsonObject *n;

  set_price (f, "AAPL", "190.00");
  order = submit (f, "{\"symbol\":\"AAPL\",\"qty\":\"5\",\"side\":\"buy\",\"type\":\"limit\","
                     "\"limit_price\":\"180\",\"time_in_force\":\"day\"}");
  old_id = g_strdup (str (test_reply_object (order), "id"));
  old_url = g_strdup_printf ("paper:/v2/orders/%s", old_id);

  replaced = test_request (f, "PATCH", old_url, f->token,
                           "{\"qty\":\"7\",\"limit_price\":\"185.25\",\"time_in_force\":\"gtc\","
                           "\"client_order_id\":\"gtk-replaced\"}");
  g_assert_cmpuint (replaced->status, ==, 200);
  n = test_reply_object (replaced);
  assert_order (n);
  g_assert_cmpstr (str (n, "id"), !=, old_id);
  g_assert_cmpstr (str (n, "replaces"), ==, old_id);
  g_assert_cmpstr (str (n, "qty"), ==, "7");
  g_assert_cmpstr (str (n, "limit_price"), ==, "185.25");
  g_assert_cmpstr (str (n, "time_in_force"), ==, "gtc");
  g_assert_cmpstr (str (n, "client_order_id"), ==, "gtk-replaced");
  g_assert_cmpstr (str (n, "status"), ==, "new");

  old = get_order (f, old_id, FALSE);
  g_assert_cmpstr (str (test_reply_object (old), "status"), ==, "replaced");
  g_assert_cmpstr (str (test_reply_object (old), "replaced_by"), ==, str (n, "id"));
  g_assert_nonnull (str (test_reply_object (old), "replaced_at"));

  /* the old one is no longer replaceable or cancelable */
  {
    g_autoptr (TestReply) again = test_request (f, "PATCH", old_url, f->token, "{\"qty\":\"8\"}");
    g_autoptr (TestReply) cancel = test_request (f, "DELETE", old_url, f->token, NULL);

    assert_code (again, 422, 40010001);
    assert_code (cancel, 422, 40010001);
  }

  /* fields that do not fit the type */
  {
    g_autofree char *url = g_strdup_printf ("paper:/v2/orders/%s", str (n, "id"));
    g_autoptr (TestReply) stop = test_request (f, "PATCH", url, f->token, "{\"stop_price\":\"1\"}");
    g_autoptr (TestReply) trail = test_request (f, "PATCH", url, f->token, "{\"trail\":\"1\"}");
    g_autoptr (TestReply) qty = test_request (f, "PATCH", url, f->token, "{\"qty\":\"-1\"}");

    assert_code (stop, 422, 40010001);
    assert_code (trail, 422, 40010001);
    assert_code (qty, 422, 40010001);
  }

  /* the new order fills like any other */
  set_price (f, "AAPL", "185.00");
  g_assert_cmpint (position_qty (f, "AAPL"), ==, 7 * G_GINT64_CONSTANT (1000000000));

  /* a filled order is not replaceable */
  {
    g_autofree char *url = g_strdup_printf ("paper:/v2/orders/%s", str (n, "id"));
    g_autoptr (TestReply) late = test_request (f, "PATCH", url, f->token, "{\"qty\":\"1\"}");

    assert_code (late, 422, 40010001);
  }
}

static void
test_cancel (SandboxFixture *f,
             gconstpointer   data)
{
  g_autoptr (TestReply) order = submit (f, "{\"symbol\":\"AAPL\",\"qty\":\"5\",\"side\":\"buy\","
                                           "\"type\":\"limit\",\"limit_price\":\"100\","
                                           "\"time_in_force\":\"gtc\"}");
  const char *id = str (test_reply_object (order), "id");
  g_autofree char *url = g_strdup_printf ("paper:/v2/orders/%s", id);
  g_autoptr (TestReply) cancel = test_request (f, "DELETE", url, f->token, NULL);
  g_autoptr (TestReply) again = NULL;
  g_autoptr (TestReply) after = NULL;

  g_assert_cmpuint (cancel->status, ==, 204);
  g_assert_cmpuint (g_bytes_get_size (cancel->body), ==, 0);
  after = get_order (f, id, FALSE);
  g_assert_cmpstr (str (test_reply_object (after), "status"), ==, "canceled");
  g_assert_nonnull (str (test_reply_object (after), "canceled_at"));

  again = test_request (f, "DELETE", url, f->token, NULL);
  assert_code (again, 422, 40010001);

  /* a canceled order does not fill */
  set_price (f, "AAPL", "99.00");
  g_assert_cmpint (position_qty (f, "AAPL"), ==, 0);
  /* and no longer holds buying power */
  g_assert_cmpint (account_money (f, "buying_power"), ==, fixed ("200000", 6));
}

static void
test_cancel_all (SandboxFixture *f,
                 gconstpointer   data)
{
  g_autoptr (GHashTable) ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (TestReply) filled = NULL;
  g_autoptr (TestReply) reply = NULL;
  JsonArray *items;

  for (int i = 0; i < 3; i++)
    {
      g_autofree char *body = g_strdup_printf ("{\"symbol\":\"AAPL\",\"qty\":\"1\","
                                               "\"side\":\"buy\",\"type\":\"limit\","
                                               "\"limit_price\":\"%d\","
                                               "\"time_in_force\":\"gtc\"}", 100 + i);
      g_autoptr (TestReply) order = submit (f, body);

      g_hash_table_add (ids, g_strdup (str (test_reply_object (order), "id")));
    }
  filled = submit (f, "{\"symbol\":\"AAPL\",\"qty\":\"1\",\"side\":\"buy\","
                      "\"type\":\"market\",\"time_in_force\":\"day\"}");

  reply = test_request (f, "DELETE", "paper:/v2/orders", f->token, NULL);
  g_assert_cmpuint (reply->status, ==, 207);
  items = test_reply_array (reply);
  g_assert_cmpuint (json_array_get_length (items), ==, 3);
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *item = json_array_get_object_element (items, i);
      JsonObject *body = json_object_get_object_member (item, "body");

      g_assert_true (g_hash_table_contains (ids, str (item, "id")));
      g_assert_cmpint (json_node_get_value_type (json_object_get_member (item, "status")), ==,
                       G_TYPE_INT64);
      g_assert_cmpint (json_object_get_int_member (item, "status"), ==, 200);
      assert_order (body);
      g_assert_cmpstr (str (body, "id"), ==, str (item, "id"));
      g_assert_cmpstr (str (body, "status"), ==, "canceled");
    }
  g_assert_cmpuint (list_length (f, "?status=open"), ==, 0);

  /* nothing left: an empty 207 */
  {
    g_autoptr (TestReply) empty = test_request (f, "DELETE", "paper:/v2/orders", f->token, NULL);

    g_assert_cmpuint (empty->status, ==, 207);
    g_assert_cmpuint (json_array_get_length (test_reply_array (empty)), ==, 0);
  }
}

static void
test_bracket (SandboxFixture *f,
              gconstpointer   data)
{
  g_autoptr (TestReply) order = NULL;
  g_autoptr (TestReply) nested = NULL;
  JsonObject *o;
  JsonArray *legs;
  g_autofree char *tp_id = NULL;
  g_autofree char *sl_id = NULL;

  set_price (f, "MSFT", "370.00");
  order = submit (f, "{\"symbol\":\"MSFT\",\"qty\":\"10\",\"side\":\"buy\",\"type\":\"limit\","
                     "\"limit_price\":\"370.50\",\"time_in_force\":\"gtc\","
                     "\"client_order_id\":\"gtk-7f3a\",\"order_class\":\"bracket\","
                     "\"take_profit\":{\"limit_price\":\"395\"},"
                     "\"stop_loss\":{\"stop_price\":\"355\",\"limit_price\":\"354.50\"}}");
  o = test_reply_object (order);
  g_assert_cmpstr (str (o, "order_class"), ==, "bracket");
  /* marketable at once: the parent filled, so its exits are live */
  g_assert_cmpstr (str (o, "status"), ==, "filled");
  legs = json_object_get_array_member (o, "legs");
  g_assert_cmpuint (json_array_get_length (legs), ==, 2);
  {
    JsonObject *tp = json_array_get_object_element (legs, 0);
    JsonObject *sl = json_array_get_object_element (legs, 1);

    g_assert_cmpstr (str (tp, "type"), ==, "limit");
    g_assert_cmpstr (str (tp, "side"), ==, "sell");
    g_assert_cmpstr (str (tp, "limit_price"), ==, "395");
    g_assert_cmpstr (str (tp, "status"), ==, "new");
    g_assert_cmpstr (str (sl, "type"), ==, "stop_limit");
    g_assert_cmpstr (str (sl, "stop_price"), ==, "355");
    g_assert_cmpstr (str (sl, "limit_price"), ==, "354.5");
    g_assert_cmpstr (str (sl, "qty"), ==, "10");
    tp_id = g_strdup (str (tp, "id"));
    sl_id = g_strdup (str (sl, "id"));
  }

  /* nested=false leaves legs out; nested=true rolls them in */
  {
    g_autoptr (TestReply) flat = get_order (f, str (o, "id"), FALSE);

    g_assert_true (json_object_get_null_member (test_reply_object (flat), "legs"));
  }
  nested = get_order (f, str (o, "id"), TRUE);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (test_reply_object (nested),
                                                                        "legs")), ==, 2);
  g_assert_cmpuint (list_length (f, "?status=open&nested=true"), ==, 1);
  g_assert_cmpuint (list_length (f, "?status=open"), ==, 2);

  /* the exits hold the shares once */
  {
    g_autoptr (TestReply) position = test_request (f, "GET", "paper:/v2/positions/MSFT", f->token,
                                                   NULL);

    g_assert_cmpstr (str (test_reply_object (position), "qty_available"), ==, "0");
  }

  /* the take-profit fills; the stop-loss is canceled (OCO) */
  set_price (f, "MSFT", "396.00");
  {
    g_autofree char *tp_status = order_status (f, tp_id);
    g_autofree char *sl_status = order_status (f, sl_id);

    g_assert_cmpstr (tp_status, ==, "filled");
    g_assert_cmpstr (sl_status, ==, "canceled");
  }
  g_assert_cmpint (position_qty (f, "MSFT"), ==, 0);
  set_price (f, "MSFT", "350.00");
  g_assert_cmpint (position_qty (f, "MSFT"), ==, 0);
}

static void
test_bracket_held_legs (SandboxFixture *f,
                        gconstpointer   data)
{
  g_autoptr (TestReply) order = NULL;
  JsonArray *legs;
  const char *id;

  set_price (f, "AAPL", "190.00");
  order = submit (f, "{\"symbol\":\"AAPL\",\"qty\":\"3\",\"side\":\"buy\",\"type\":\"limit\","
                     "\"limit_price\":\"185\",\"time_in_force\":\"day\","
                     "\"order_class\":\"bracket\",\"take_profit\":{\"limit_price\":\"200\"},"
                     "\"stop_loss\":{\"stop_price\":\"180\"}}");
  id = str (test_reply_object (order), "id");
  legs = json_object_get_array_member (test_reply_object (order), "legs");
  g_assert_cmpstr (str (test_reply_object (order), "status"), ==, "new");
  g_assert_cmpstr (str (json_array_get_object_element (legs, 0), "status"), ==, "held");
  g_assert_cmpstr (str (json_array_get_object_element (legs, 1), "status"), ==, "held");
  g_assert_cmpstr (str (json_array_get_object_element (legs, 1), "type"), ==, "stop");

  /* the parent fills, its legs become active; then the stop-loss fires */
  set_price (f, "AAPL", "184.00");
  {
    g_autoptr (TestReply) now = get_order (f, id, TRUE);
    JsonArray *now_legs = json_object_get_array_member (test_reply_object (now), "legs");

    g_assert_cmpstr (str (test_reply_object (now), "status"), ==, "filled");
    g_assert_cmpstr (str (json_array_get_object_element (now_legs, 0), "status"), ==, "new");
    g_assert_cmpstr (str (json_array_get_object_element (now_legs, 1), "status"), ==, "new");
  }
  g_assert_cmpint (position_qty (f, "AAPL"), ==, 3 * G_GINT64_CONSTANT (1000000000));
  set_price (f, "AAPL", "179.00");
  {
    g_autoptr (TestReply) now = get_order (f, id, TRUE);
    JsonArray *now_legs = json_object_get_array_member (test_reply_object (now), "legs");

    g_assert_cmpstr (str (json_array_get_object_element (now_legs, 0), "status"), ==, "canceled");
    g_assert_cmpstr (str (json_array_get_object_element (now_legs, 1), "status"), ==, "filled");
  }
  g_assert_cmpint (position_qty (f, "AAPL"), ==, 0);

  /* canceling a parent cancels its held legs */
  {
    g_autoptr (TestReply) other = submit (f, "{\"symbol\":\"AAPL\",\"qty\":\"3\",\"side\":\"buy\","
                                             "\"type\":\"limit\",\"limit_price\":\"150\","
                                             "\"time_in_force\":\"gtc\",\"order_class\":\"oto\","
                                             "\"stop_loss\":{\"stop_price\":\"140\"}}");
    JsonArray *other_legs = json_object_get_array_member (test_reply_object (other), "legs");
    g_autofree char *url = g_strdup_printf ("paper:/v2/orders/%s",
                                            str (test_reply_object (other), "id"));
    g_autoptr (TestReply) cancel = NULL;
    g_autofree char *leg_status = NULL;

    g_assert_cmpuint (json_array_get_length (other_legs), ==, 1);
    cancel = test_request (f, "DELETE", url, f->token, NULL);
    g_assert_cmpuint (cancel->status, ==, 204);
    leg_status = order_status (f, str (json_array_get_object_element (other_legs, 0), "id"));
    g_assert_cmpstr (leg_status, ==, "canceled");
  }
}

static void
test_oco (SandboxFixture *f,
          gconstpointer   data)
{
  g_autoptr (TestReply) buy = NULL;
  g_autoptr (TestReply) oco = NULL;
  g_autoptr (TestReply) naked = NULL;
  JsonObject *o;
  const char *leg_id;

  set_price (f, "SPY", "474.60");
  /* exit-only: with no position an OCO sell is refused */
  naked = post_order (f, "{\"symbol\":\"SPY\",\"qty\":\"5\",\"side\":\"sell\",\"type\":\"limit\","
                         "\"time_in_force\":\"gtc\",\"order_class\":\"oco\","
                         "\"take_profit\":{\"limit_price\":\"500\"},"
                         "\"stop_loss\":{\"stop_price\":\"450\"}}");
  assert_code (naked, 403, 40310000);

  buy = submit (f, "{\"symbol\":\"SPY\",\"qty\":\"5\",\"side\":\"buy\","
                   "\"type\":\"market\",\"time_in_force\":\"day\"}");
  oco = submit (f, "{\"symbol\":\"SPY\",\"qty\":\"5\",\"side\":\"sell\",\"type\":\"limit\","
                   "\"time_in_force\":\"gtc\",\"order_class\":\"oco\","
                   "\"take_profit\":{\"limit_price\":\"500\"},"
                   "\"stop_loss\":{\"stop_price\":\"450\"}}");
  o = test_reply_object (oco);
  g_assert_cmpstr (str (o, "limit_price"), ==, "500");
  g_assert_cmpstr (str (o, "status"), ==, "new");
  leg_id = str (json_array_get_object_element (json_object_get_array_member (o, "legs"), 0), "id");

  set_price (f, "SPY", "449.00");
  {
    g_autofree char *leg = order_status (f, leg_id);
    g_autofree char *parent = order_status (f, str (o, "id"));

    g_assert_cmpstr (leg, ==, "filled");
    g_assert_cmpstr (parent, ==, "canceled");
  }
  g_assert_cmpint (position_qty (f, "SPY"), ==, 0);
}

static void
test_end_of_day (SandboxFixture *f,
                 gconstpointer   data)
{
  g_autoptr (TestReply) day = submit (f, "{\"symbol\":\"AAPL\",\"qty\":\"1\",\"side\":\"buy\","
                                         "\"type\":\"limit\",\"limit_price\":\"100\","
                                         "\"time_in_force\":\"day\"}");
  g_autoptr (TestReply) gtc = submit (f, "{\"symbol\":\"AAPL\",\"qty\":\"1\",\"side\":\"buy\","
                                         "\"type\":\"limit\",\"limit_price\":\"100\","
                                         "\"time_in_force\":\"gtc\"}");
  g_autoptr (TestReply) expired = NULL;
  g_autofree char *gtc_status = NULL;
  g_autofree char *url = NULL;
  g_autoptr (TestReply) cancel = NULL;

  _sandbox_run_sync (f->sandbox, end_of_day_cb, f->sandbox);

  expired = get_order (f, str (test_reply_object (day), "id"), FALSE);
  g_assert_cmpstr (str (test_reply_object (expired), "status"), ==, "expired");
  g_assert_nonnull (str (test_reply_object (expired), "expired_at"));
  gtc_status = order_status (f, str (test_reply_object (gtc), "id"));
  g_assert_cmpstr (gtc_status, ==, "new");

  /* an expired order is no longer cancelable, and does not fill */
  url = g_strdup_printf ("paper:/v2/orders/%s", str (test_reply_object (day), "id"));
  cancel = test_request (f, "DELETE", url, f->token, NULL);
  assert_code (cancel, 422, 40010001);
  set_price (f, "AAPL", "99.00");
  g_assert_cmpint (position_qty (f, "AAPL"), ==, G_GINT64_CONSTANT (1000000000));
}

/* ---- positions ---------------------------------------------------------------------- */

static void
test_positions (SandboxFixture *f,
                gconstpointer   data)
{
  g_autoptr (TestReply) empty = test_request (f, "GET", "paper:/v2/positions", f->token, NULL);
  g_autoptr (TestReply) none = test_request (f, "GET", "paper:/v2/positions/AAPL", f->token, NULL);
  g_autoptr (TestReply) unknown = test_request (f, "GET", "paper:/v2/positions/NOPE", f->token,
                                                NULL);
  g_autoptr (TestReply) buy = NULL;
  g_autoptr (TestReply) list = NULL;
  g_autoptr (TestReply) by_id = NULL;
  JsonObject *p;

  g_assert_cmpuint (empty->status, ==, 200);
  g_assert_cmpuint (json_array_get_length (test_reply_array (empty)), ==, 0);
  assert_code (none, 404, 40410000);
  g_assert_cmpstr (str (test_reply_object (none), "message"), ==, "position does not exist");
  assert_code (unknown, 404, 40410000);

  set_price (f, "AAPL", "200.00");
  buy = submit (f, "{\"symbol\":\"AAPL\",\"qty\":\"10\",\"side\":\"buy\","
                   "\"type\":\"market\",\"time_in_force\":\"day\"}");
  set_price (f, "AAPL", "210.00");

  list = test_request (f, "GET", "paper:/v2/positions", f->token, NULL);
  g_assert_cmpuint (json_array_get_length (test_reply_array (list)), ==, 1);
  p = json_array_get_object_element (test_reply_array (list), 0);
  assert_position (p);
  g_assert_cmpstr (str (p, "symbol"), ==, "AAPL");
  g_assert_cmpstr (str (p, "exchange"), ==, "NASDAQ");
  g_assert_cmpstr (str (p, "asset_class"), ==, "us_equity");
  g_assert_cmpstr (str (p, "qty"), ==, "10");
  g_assert_cmpstr (str (p, "qty_available"), ==, "10");
  g_assert_cmpstr (str (p, "avg_entry_price"), ==, "200");
  g_assert_cmpstr (str (p, "current_price"), ==, "210");
  g_assert_cmpstr (str (p, "market_value"), ==, "2100.00");
  g_assert_cmpstr (str (p, "cost_basis"), ==, "2000.00");
  g_assert_cmpstr (str (p, "unrealized_pl"), ==, "100.00");
  g_assert_cmpstr (str (p, "unrealized_plpc"), ==, "0.05");
  g_assert_cmpstr (str (p, "unrealized_intraday_pl"), ==, "100.00");
  g_assert_cmpstr (str (p, "lastday_price"), ==, "189.25");
  /* (210 − 189.25) / 189.25 */
  g_assert_cmpstr (str (p, "change_today"), ==, "0.109643");

  /* by asset id too */
  {
    g_autofree char *url = g_strdup_printf ("paper:/v2/positions/%s", str (p, "asset_id"));

    by_id = test_request (f, "GET", url, f->token, NULL);
    g_assert_cmpuint (by_id->status, ==, 200);
    g_assert_cmpstr (str (test_reply_object (by_id), "symbol"), ==, "AAPL");
  }

  /* the account follows: equity = cash + long market value */
  {
    g_autoptr (TestReply) account = get_account (f);
    JsonObject *a = test_reply_object (account);

    g_assert_cmpint (fixed (str (a, "cash"), 6), ==, fixed ("98000", 6));
    g_assert_cmpint (fixed (str (a, "long_market_value"), 6), ==, fixed ("2100", 6));
    g_assert_cmpint (fixed (str (a, "equity"), 6), ==, fixed ("100100", 6));
    g_assert_cmpint (fixed (str (a, "last_equity"), 6), ==, fixed ("100000", 6));
    g_assert_cmpint (fixed (str (a, "initial_margin"), 6), ==, fixed ("1050", 6));
    g_assert_cmpint (fixed (str (a, "buying_power"), 6), ==, 2 * (fixed ("100100", 6) -
                                                                  fixed ("1050", 6)));
  }
}

static void
test_short_position (SandboxFixture *f,
                     gconstpointer   data)
{
  g_autoptr (TestReply) sell = NULL;
  g_autoptr (TestReply) position = NULL;
  g_autoptr (TestReply) account = NULL;
  JsonObject *p;

  set_price (f, "INTC", "50.00");
  sell = submit (f, "{\"symbol\":\"INTC\",\"qty\":\"10\",\"side\":\"sell\","
                    "\"type\":\"market\",\"time_in_force\":\"day\"}");
  set_price (f, "INTC", "45.00");
  position = test_request (f, "GET", "paper:/v2/positions/INTC", f->token, NULL);
  g_assert_cmpuint (position->status, ==, 200);
  p = test_reply_object (position);
  assert_position (p);
  g_assert_cmpstr (str (p, "qty"), ==, "-10");
  g_assert_cmpstr (str (p, "side"), ==, "short");
  g_assert_cmpstr (str (p, "market_value"), ==, "-450.00");
  g_assert_cmpstr (str (p, "unrealized_pl"), ==, "50.00");

  account = get_account (f);
  g_assert_cmpint (fixed (str (test_reply_object (account), "cash"), 6), ==, fixed ("100500", 6));
  g_assert_cmpint (fixed (str (test_reply_object (account), "short_market_value"), 6), ==,
                   fixed ("-450", 6));
  g_assert_cmpint (fixed (str (test_reply_object (account), "equity"), 6), ==, fixed ("100050", 6));
}

static void
test_close_position (SandboxFixture *f,
                     gconstpointer   data)
{
  g_autoptr (TestReply) buy = NULL;
  g_autoptr (TestReply) both = NULL;
  g_autoptr (TestReply) bad_pct = NULL;
  g_autoptr (TestReply) by_qty = NULL;
  g_autoptr (TestReply) by_pct = NULL;
  g_autoptr (TestReply) rest = NULL;
  g_autoptr (TestReply) gone = NULL;
  g_autofree char *reader = paddock_sandbox_issue_token (f->sandbox, "data", "paper");
  g_autoptr (TestReply) no_scope = NULL;
  JsonObject *o;

  set_price (f, "KO", "59.35");
  buy = submit (f, "{\"symbol\":\"KO\",\"qty\":\"100\",\"side\":\"buy\","
                   "\"type\":\"market\",\"time_in_force\":\"day\"}");

  both = test_request (f, "DELETE", "paper:/v2/positions/KO?qty=1&percentage=10", f->token, NULL);
  assert_code (both, 422, 40010001);
  bad_pct = test_request (f, "DELETE", "paper:/v2/positions/KO?percentage=101", f->token, NULL);
  assert_code (bad_pct, 422, 40010001);
  no_scope = test_request (f, "DELETE", "paper:/v2/positions/KO", reader, NULL);
  test_assert_alpaca_error (no_scope, 403);

  by_qty = test_request (f, "DELETE", "paper:/v2/positions/KO?qty=30", f->token, NULL);
  g_assert_cmpuint (by_qty->status, ==, 200);
  o = test_reply_object (by_qty);
  assert_order (o);
  g_assert_cmpstr (str (o, "type"), ==, "market");
  g_assert_cmpstr (str (o, "side"), ==, "sell");
  g_assert_cmpstr (str (o, "qty"), ==, "30");
  g_assert_cmpstr (str (o, "status"), ==, "filled");
  g_assert_cmpint (position_qty (f, "KO"), ==, 70 * G_GINT64_CONSTANT (1000000000));

  by_pct = test_request (f, "DELETE", "paper:/v2/positions/KO?percentage=50", f->token, NULL);
  g_assert_cmpuint (by_pct->status, ==, 200);
  g_assert_cmpstr (str (test_reply_object (by_pct), "qty"), ==, "35");
  g_assert_cmpint (position_qty (f, "KO"), ==, 35 * G_GINT64_CONSTANT (1000000000));

  /* more than is held */
  {
    g_autoptr (TestReply) too_many = test_request (f, "DELETE", "paper:/v2/positions/KO?qty=36",
                                                   f->token, NULL);

    assert_code (too_many, 403, 40310000);
  }

  rest = test_request (f, "DELETE", "paper:/v2/positions/KO", f->token, NULL);
  g_assert_cmpuint (rest->status, ==, 200);
  g_assert_cmpstr (str (test_reply_object (rest), "qty"), ==, "35");
  g_assert_cmpint (position_qty (f, "KO"), ==, 0);
  /* all sold at the price paid: the cash is back where it was */
  g_assert_cmpint (account_money (f, "cash"), ==, fixed ("100000", 6));

  gone = test_request (f, "DELETE", "paper:/v2/positions/KO", f->token, NULL);
  assert_code (gone, 404, 40410000);
}

static void
test_close_all_positions (SandboxFixture *f,
                          gconstpointer   data)
{
  g_autoptr (TestReply) a = NULL;
  g_autoptr (TestReply) b = NULL;
  g_autoptr (TestReply) open = NULL;
  g_autoptr (TestReply) reply = NULL;
  g_autoptr (TestReply) bad = NULL;
  JsonArray *items;

  a = submit (f, "{\"symbol\":\"AAPL\",\"qty\":\"2\",\"side\":\"buy\","
                 "\"type\":\"market\",\"time_in_force\":\"day\"}");
  b = submit (f, "{\"symbol\":\"INTC\",\"qty\":\"3\",\"side\":\"sell\","
                 "\"type\":\"market\",\"time_in_force\":\"day\"}");
  /* an open sell holding the AAPL shares */
  open = submit (f, "{\"symbol\":\"AAPL\",\"qty\":\"2\",\"side\":\"sell\",\"type\":\"limit\","
                    "\"limit_price\":\"999\",\"time_in_force\":\"gtc\"}");

  bad = test_request (f, "DELETE", "paper:/v2/positions?cancel_orders=perhaps", f->token, NULL);
  assert_code (bad, 422, 40010001);

  /* without canceling, the held AAPL cannot be closed; INTC can */
  {
    g_autoptr (TestReply) partial = test_request (f, "DELETE", "paper:/v2/positions", f->token,
                                                  NULL);

    g_assert_cmpuint (partial->status, ==, 207);
    items = test_reply_array (partial);
    g_assert_cmpuint (json_array_get_length (items), ==, 2);
    g_assert_cmpstr (str (json_array_get_object_element (items, 0), "symbol"), ==, "AAPL");
    g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (items, 0),
                                                 "status"), ==, 403);
    g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (
                       json_array_get_object_element (items, 0), "body"), "code"), ==, 40310000);
    g_assert_cmpstr (str (json_array_get_object_element (items, 1), "symbol"), ==, "INTC");
    g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (items, 1),
                                                 "status"), ==, 200);
    g_assert_cmpint (position_qty (f, "INTC"), ==, 0);
  }

  reply = test_request (f, "DELETE", "paper:/v2/positions?cancel_orders=true", f->token, NULL);
  g_assert_cmpuint (reply->status, ==, 207);
  items = test_reply_array (reply);
  g_assert_cmpuint (json_array_get_length (items), ==, 1);
  {
    JsonObject *item = json_array_get_object_element (items, 0);
    JsonObject *body = json_object_get_object_member (item, "body");
    g_autofree char *open_status = order_status (f, str (test_reply_object (open), "id"));

    g_assert_cmpstr (str (item, "symbol"), ==, "AAPL");
    g_assert_cmpint (json_object_get_int_member (item, "status"), ==, 200);
    assert_order (body);
    g_assert_cmpstr (str (body, "side"), ==, "sell");
    g_assert_cmpstr (str (body, "qty"), ==, "2");
    g_assert_cmpstr (open_status, ==, "canceled");
  }
  {
    g_autoptr (TestReply) list = test_request (f, "GET", "paper:/v2/positions", f->token, NULL);

    g_assert_cmpuint (json_array_get_length (test_reply_array (list)), ==, 0);
  }
}

/* ---- portfolio history -------------------------------------------------------------- */

static void
assert_history (JsonObject *h,
                const char *timeframe)
{
  const char *arrays[] = { "timestamp", "equity", "profit_loss", "profit_loss_pct" };
  guint n = json_array_get_length (json_object_get_array_member (h, "timestamp"));
  JsonArray *ts = json_object_get_array_member (h, "timestamp");

  g_assert_cmpuint (json_object_get_size (h), ==, 6);
  g_assert_cmpstr (str (h, "timeframe"), ==, timeframe);
  g_assert_cmpuint (n, >, 0);
  for (guint a = 0; a < G_N_ELEMENTS (arrays); a++)
    {
      JsonArray *array = json_object_get_array_member (h, arrays[a]);

      g_assert_nonnull (array);
      g_assert_cmpuint (json_array_get_length (array), ==, n);
      for (guint i = 0; i < n; i++)
        {
          JsonNode *node = json_array_get_element (array, i);
          GType type;

          if (a == 3 && JSON_NODE_HOLDS_NULL (node))
            continue;
          g_assert_true (JSON_NODE_HOLDS_VALUE (node));
          type = json_node_get_value_type (node);
          if (a == 0)
            g_assert_cmpint (type, ==, G_TYPE_INT64);
          else
            g_assert_true (type == G_TYPE_DOUBLE || type == G_TYPE_INT64);
        }
    }
  /* epoch seconds (not milliseconds), rising */
  for (guint i = 0; i < n; i++)
    {
      gint64 t = json_array_get_int_element (ts, i);

      g_assert_cmpint (t, <, G_GINT64_CONSTANT (100000000000));
      g_assert_cmpint (t, <=, g_get_real_time () / G_USEC_PER_SEC);
      if (i > 0)
        g_assert_cmpint (t, >, json_array_get_int_element (ts, i - 1));
    }
  g_assert_true (JSON_NODE_HOLDS_VALUE (json_object_get_member (h, "base_value")));
}

static double
last_equity (JsonObject *h)
{
  JsonArray *equity = json_object_get_array_member (h, "equity");

  return json_array_get_double_element (equity, json_array_get_length (equity) - 1);
}

/* Millisecond timestamps and leading null entries, through the control API */
static void
test_portfolio_history_format (SandboxFixture *f,
                               gconstpointer   data)
{
  const char *url = "paper:/v2/account/portfolio/history?period=1M&timeframe=1D";
  g_autoptr (TestReply) plain = test_request (f, "GET", url, f->token, NULL);
  g_autoptr (TestReply) set = test_request (f, "POST", "root:/_sandbox/history_format", NULL,
                                            "{\"milliseconds\":true,\"leading_gaps\":3}");
  g_autoptr (TestReply) odd = test_request (f, "GET", url, f->token, NULL);
  g_autoptr (TestReply) reset = NULL;
  g_autoptr (TestReply) again = NULL;
  JsonObject *p = test_reply_object (plain);
  JsonObject *o;
  JsonArray *ts_plain = json_object_get_array_member (p, "timestamp");
  JsonArray *ts, *equity, *pl, *pct;
  const char *bad[] = {
    "{\"milliseconds\":1,\"leading_gaps\":3}", "{\"milliseconds\":true}",
    "{\"milliseconds\":true,\"leading_gaps\":-1}", "{\"leading_gaps\":0}",
    "{\"milliseconds\":null,\"leading_gaps\":0}",
  };

  g_assert_cmpuint (set->status, ==, 204);
  g_assert_cmpuint (odd->status, ==, 200);
  o = test_reply_object (odd);
  ts = json_object_get_array_member (o, "timestamp");
  equity = json_object_get_array_member (o, "equity");
  pl = json_object_get_array_member (o, "profit_loss");
  pct = json_object_get_array_member (o, "profit_loss_pct");
  g_assert_cmpuint (json_array_get_length (ts), ==, json_array_get_length (ts_plain));
  g_assert_cmpuint (json_array_get_length (ts), >, 4);
  for (guint i = 0; i < json_array_get_length (ts); i++)
    {
      g_assert_cmpint (json_array_get_int_element (ts, i), ==,
                       json_array_get_int_element (ts_plain, i) * 1000);
      g_assert_cmpint (JSON_NODE_HOLDS_NULL (json_array_get_element (equity, i)), ==, i < 3);
      g_assert_cmpint (JSON_NODE_HOLDS_NULL (json_array_get_element (pl, i)), ==, i < 3);
      g_assert_cmpint (JSON_NODE_HOLDS_NULL (json_array_get_element (pct, i)), ==, i < 3);
    }
  /* the base is the first point with a value */
  g_assert_cmpfloat (json_object_get_double_member (o, "base_value"), ==,
                     json_array_get_double_element (equity, 3));
  g_assert_cmpfloat (json_array_get_double_element (pl, 3), ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (TestReply) refused = test_request (f, "POST", "root:/_sandbox/history_format",
                                                    NULL, bad[i]);

      test_assert_alpaca_error (refused, 400);
      g_assert_cmpint (json_object_get_int_member (test_reply_object (refused), "code"), ==,
                       40010000);
    }

  /* back to seconds and no gaps (the refusals changed nothing before this) */
  reset = test_request (f, "POST", "root:/_sandbox/history_format", NULL,
                        "{\"milliseconds\":false,\"leading_gaps\":0}");
  g_assert_cmpuint (reset->status, ==, 204);
  again = test_request (f, "GET", url, f->token, NULL);
  o = test_reply_object (again);
  g_assert_cmpint (json_array_get_int_element (json_object_get_array_member (o, "timestamp"), 0),
                   ==, json_array_get_int_element (ts_plain, 0));
  g_assert_false (JSON_NODE_HOLDS_NULL (json_array_get_element (
                    json_object_get_array_member (o, "equity"), 0)));
}

static void
test_portfolio_history (SandboxFixture *f,
                        gconstpointer   data)
{
  g_autoptr (TestReply) before = NULL;
  g_autoptr (TestReply) after = NULL;
  g_autoptr (TestReply) daily = NULL;
  g_autoptr (TestReply) buy = NULL;
  g_autoptr (TestReply) defaults = NULL;

  before = test_request (f, "GET", "paper:/v2/account/portfolio/history?period=1D&timeframe=1Min",
                         f->token, NULL);
  g_assert_cmpuint (before->status, ==, 200);
  assert_history (test_reply_object (before), "1Min");
  g_assert_cmpfloat_with_epsilon (last_equity (test_reply_object (before)), 100000.0, 0.001);

  /* equity follows a fill and a move of the market */
  set_price (f, "AAPL", "190.00");
  buy = submit (f, "{\"symbol\":\"AAPL\",\"qty\":\"10\",\"side\":\"buy\","
                   "\"type\":\"market\",\"time_in_force\":\"day\"}");
  set_price (f, "AAPL", "200.00");
  after = test_request (f, "GET", "paper:/v2/account/portfolio/history?period=1D&timeframe=1Min",
                        f->token, NULL);
  g_assert_cmpuint (after->status, ==, 200);
  assert_history (test_reply_object (after), "1Min");
  g_assert_cmpfloat_with_epsilon (last_equity (test_reply_object (after)), 100100.0, 0.001);
  {
    JsonObject *h = test_reply_object (after);
    JsonArray *pl = json_object_get_array_member (h, "profit_loss");
    double base = json_object_get_double_member (h, "base_value");
    double last_pl = json_array_get_double_element (pl, json_array_get_length (pl) - 1);

    g_assert_cmpfloat_with_epsilon (last_pl, 100100.0 - base, 0.001);
  }

  /* one point a day (left edge: midnight), the last one today's */
  daily = test_request (f, "GET", "paper:/v2/account/portfolio/history?period=1M&timeframe=1D",
                        f->token, NULL);
  g_assert_cmpuint (daily->status, ==, 200);
  assert_history (test_reply_object (daily), "1D");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (test_reply_object (daily),
                                                                        "timestamp")), >=, 20);
  g_assert_cmpfloat_with_epsilon (last_equity (test_reply_object (daily)), 100100.0, 0.001);

  /* the default period is a month, in days */
  defaults = test_request (f, "GET", "paper:/v2/account/portfolio/history", f->token, NULL);
  g_assert_cmpuint (defaults->status, ==, 200);
  assert_history (test_reply_object (defaults), "1D");

  /* the back-history is deterministic */
  {
    g_autoptr (TestReply) again = NULL;
    JsonArray *e1, *e2;

    again = test_request (f, "GET", "paper:/v2/account/portfolio/history?period=1M&timeframe=1D",
                          f->token, NULL);
    e1 = json_object_get_array_member (test_reply_object (daily), "equity");
    e2 = json_object_get_array_member (test_reply_object (again), "equity");

    g_assert_cmpfloat (json_array_get_double_element (e1, 0), ==,
                       json_array_get_double_element (e2, 0));
  }

  {
    const char *bad[] = { "?period=1X", "?period=D", "?timeframe=2Min", "?date_end=tomorrow",
                          "?extended_hours=maybe", "?period=1A&timeframe=1Min" };

    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        g_autofree char *url = g_strdup_printf ("paper:/v2/account/portfolio/history%s", bad[i]);
        g_autoptr (TestReply) reply = test_request (f, "GET", url, f->token, NULL);

        assert_code (reply, 422, 40010001);
      }
  }
}

static void
test_notional_and_fractional (SandboxFixture *f,
                              gconstpointer   data)
{
  g_autoptr (TestReply) notional = NULL;
  g_autoptr (TestReply) fraction = NULL;
  gint64 cash_before;
  JsonObject *o;

  set_price (f, "AAPL", "200.00");
  cash_before = account_money (f, "cash");
  notional = submit (f, "{\"symbol\":\"AAPL\",\"notional\":\"500\",\"side\":\"buy\","
                        "\"type\":\"market\",\"time_in_force\":\"day\"}");
  o = test_reply_object (notional);
  g_assert_cmpstr (str (o, "notional"), ==, "500.00");
  g_assert_true (json_object_get_null_member (o, "qty"));
  g_assert_cmpstr (str (o, "status"), ==, "filled");
  g_assert_cmpstr (str (o, "filled_qty"), ==, "2.5");
  g_assert_cmpint (cash_before - account_money (f, "cash"), ==, fixed ("500", 6));

  fraction = submit (f, "{\"symbol\":\"AAPL\",\"qty\":\"0.25\",\"side\":\"sell\","
                        "\"type\":\"market\",\"time_in_force\":\"day\"}");
  g_assert_cmpstr (str (test_reply_object (fraction), "status"), ==, "filled");
  g_assert_cmpint (position_qty (f, "AAPL"), ==, G_GINT64_CONSTANT (2250000000));

  /* an account that turned fractional trading off refuses them */
  {
    g_autoptr (TestReply) off = test_request (f, "PATCH", "paper:/v2/account/configurations",
                                              f->token, "{\"fractional_trading\":false}");
    g_autoptr (TestReply) refused = post_order (f, "{\"symbol\":\"AAPL\",\"qty\":\"0.5\","
                                                   "\"side\":\"buy\",\"type\":\"market\","
                                                   "\"time_in_force\":\"day\"}");

    g_assert_cmpuint (off->status, ==, 200);
    assert_code (refused, 422, 40010001);
  }
}

static void
test_rejected_at_fill (SandboxFixture *f,
                       gconstpointer   data)
{
  g_autoptr (TestReply) avgo = NULL;
  g_autoptr (TestReply) stop = NULL;
  g_autoptr (TestReply) after = NULL;
  JsonObject *o;

  /* 180 × 1000 on margin leaves 2 × (100000 − 90000) of buying power */
  set_price (f, "AVGO", "1000.00");
  set_price (f, "AAPL", "190.00");
  avgo = submit (f, "{\"symbol\":\"AVGO\",\"qty\":\"180\",\"side\":\"buy\","
                    "\"type\":\"market\",\"time_in_force\":\"day\"}");
  g_assert_cmpint (account_money (f, "buying_power"), ==, fixed ("20000", 6));
  stop = submit (f, "{\"symbol\":\"AAPL\",\"qty\":\"100\",\"side\":\"buy\",\"type\":\"stop\","
                    "\"stop_price\":\"195\",\"time_in_force\":\"gtc\"}");
  g_assert_cmpint (account_money (f, "buying_power"), ==, fixed ("500", 6));

  /* the margin melts away before the stop triggers: the order is rejected, not filled */
  set_price (f, "AVGO", "900.00");
  set_price (f, "AAPL", "196.00");
  after = get_order (f, str (test_reply_object (stop), "id"), FALSE);
  o = test_reply_object (after);
  g_assert_cmpstr (str (o, "status"), ==, "rejected");
  g_assert_nonnull (str (o, "failed_at"));
  g_assert_cmpstr (str (o, "filled_qty"), ==, "0");
  g_assert_cmpint (position_qty (f, "AAPL"), ==, 0);
}

static void
test_opening_and_closing_auction (SandboxFixture *f,
                                  gconstpointer   data)
{
  g_autoptr (TestReply) opg = submit (f, "{\"symbol\":\"AAPL\",\"qty\":\"1\",\"side\":\"buy\","
                                         "\"type\":\"market\",\"time_in_force\":\"opg\"}");
  g_autoptr (TestReply) cls = submit (f, "{\"symbol\":\"AAPL\",\"qty\":\"2\",\"side\":\"buy\","
                                         "\"type\":\"market\",\"time_in_force\":\"cls\"}");
  g_autofree char *opg_status = NULL;
  g_autofree char *cls_status = NULL;

  /* they wait for the next market step, the sandbox's stand-in for the auction */
  g_assert_cmpstr (str (test_reply_object (opg), "status"), ==, "new");
  g_assert_cmpstr (str (test_reply_object (cls), "status"), ==, "new");
  g_assert_cmpint (position_qty (f, "AAPL"), ==, 0);
  paddock_sandbox_tick (f->sandbox);
  opg_status = order_status (f, str (test_reply_object (opg), "id"));
  cls_status = order_status (f, str (test_reply_object (cls), "id"));
  g_assert_cmpstr (opg_status, ==, "filled");
  g_assert_cmpstr (cls_status, ==, "filled");
  g_assert_cmpint (position_qty (f, "AAPL"), ==, 3 * G_GINT64_CONSTANT (1000000000));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  PADDOCK_TEST_ADD_SANDBOX ("/sandbox/trading/account/fields", test_account_fields);
  PADDOCK_TEST_ADD_SANDBOX ("/sandbox/trading/account/wrong-environment",
                            test_account_wrong_environment);
  PADDOCK_TEST_ADD_SANDBOX ("/sandbox/trading/configurations", test_configurations);
  PADDOCK_TEST_ADD_SANDBOX ("/sandbox/trading/configurations/suspend-trade", test_suspend_trade);
  PADDOCK_TEST_ADD_SANDBOX ("/sandbox/trading/configurations/no-shorting", test_no_shorting);
  PADDOCK_TEST_ADD_SANDBOX ("/sandbox/trading/orders/market-buy-fills", test_market_buy_fills);
  PADDOCK_TEST_ADD_SANDBOX ("/sandbox/trading/orders/numbers-accepted", test_numbers_accepted);
  PADDOCK_TEST_ADD_SANDBOX ("/sandbox/trading/orders/validation", test_validation);
  PADDOCK_TEST_ADD_SANDBOX ("/sandbox/trading/orders/scope", test_order_scope);
  PADDOCK_TEST_ADD_SANDBOX ("/sandbox/trading/orders/limit-fills-on-cross",
                            test_limit_fills_on_cross);
  PADDOCK_TEST_ADD_SANDBOX ("/sandbox/trading/orders/stop-triggers", test_stop_triggers);
  PADDOCK_TEST_ADD_SANDBOX ("/sandbox/trading/orders/trailing-stop", test_trailing_stop);
  PADDOCK_TEST_ADD_SANDBOX ("/sandbox/trading/orders/partial-fills", test_partial_fills);
  PADDOCK_TEST_ADD_SANDBOX ("/sandbox/trading/orders/ioc-fok", test_ioc_fok);
  PADDOCK_TEST_ADD_SANDBOX ("/sandbox/trading/orders/duplicate-client-order-id",
                            test_duplicate_client_order_id);
  PADDOCK_TEST_ADD_SANDBOX ("/sandbox/trading/orders/drop-after-commit", test_drop_after_commit);
  PADDOCK_TEST_ADD_SANDBOX ("/sandbox/trading/orders/reject-after-accept",
                            test_reject_after_accept);
  PADDOCK_TEST_ADD_SANDBOX ("/sandbox/trading/orders/insufficient-buying-power",
                            test_insufficient_buying_power);
  PADDOCK_TEST_ADD_SANDBOX ("/sandbox/trading/orders/get-errors", test_get_order_errors);
  PADDOCK_TEST_ADD_SANDBOX ("/sandbox/trading/orders/list", test_list_orders);
  PADDOCK_TEST_ADD_SANDBOX ("/sandbox/trading/orders/replace", test_replace);
  PADDOCK_TEST_ADD_SANDBOX ("/sandbox/trading/orders/cancel", test_cancel);
  PADDOCK_TEST_ADD_SANDBOX ("/sandbox/trading/orders/cancel-all", test_cancel_all);
  PADDOCK_TEST_ADD_SANDBOX ("/sandbox/trading/orders/bracket", test_bracket);
  PADDOCK_TEST_ADD_SANDBOX ("/sandbox/trading/orders/bracket-held-legs", test_bracket_held_legs);
  PADDOCK_TEST_ADD_SANDBOX ("/sandbox/trading/orders/oco", test_oco);
  PADDOCK_TEST_ADD_SANDBOX ("/sandbox/trading/orders/end-of-day", test_end_of_day);
  PADDOCK_TEST_ADD_SANDBOX ("/sandbox/trading/orders/notional-and-fractional",
                            test_notional_and_fractional);
  PADDOCK_TEST_ADD_SANDBOX ("/sandbox/trading/orders/rejected-at-fill", test_rejected_at_fill);
  PADDOCK_TEST_ADD_SANDBOX ("/sandbox/trading/orders/opg-cls", test_opening_and_closing_auction);
  PADDOCK_TEST_ADD_SANDBOX ("/sandbox/trading/positions", test_positions);
  PADDOCK_TEST_ADD_SANDBOX ("/sandbox/trading/positions/short", test_short_position);
  PADDOCK_TEST_ADD_SANDBOX ("/sandbox/trading/positions/close", test_close_position);
  PADDOCK_TEST_ADD_SANDBOX ("/sandbox/trading/positions/close-all", test_close_all_positions);
  PADDOCK_TEST_ADD_SANDBOX ("/sandbox/trading/portfolio-history", test_portfolio_history);
  PADDOCK_TEST_ADD_SANDBOX ("/sandbox/trading/portfolio-history/format",
                            test_portfolio_history_format);

  return g_test_run ();
}
