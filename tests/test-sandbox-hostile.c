/* test-sandbox-hostile.c: the sandbox against hostile input
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every JSON text the sandbox receives goes through one parser with a size cap and a
 * depth limit checked before json-glib sees it, and the control API checks the types of
 * the members it reads. Nothing here may crash the sandbox or make it log a critical
 * (the tests run with G_DEBUG=fatal-warnings).
 */
#include "config.h"

#include <string.h>

#include "sandbox-fixture.h"
#include "stream-client.h"

#define DEEP_LEVELS 100000
#define MAX_DEPTH 128
#define MAX_BODY (16 * 1024 * 1024)

/* `levels` nested arrays: "[[[…]]]" */
static char *
nested_arrays (guint levels)
{
  GString *text = g_string_sized_new (2 * levels);

  for (guint i = 0; i < levels; i++)
    g_string_append_c (text, '[');
  for (guint i = 0; i < levels; i++)
    g_string_append_c (text, ']');
  return g_string_free (text, FALSE);
}

/* An object, itself one level, whose member "x" holds `levels - 1` nested arrays. */
static char *
object_of_depth (const char *members,
                 guint       levels)
{
  g_autofree char *inner = nested_arrays (levels - 1);

  return g_strdup_printf ("{%s,\"x\":%s}", members, inner);
}

/* The sandbox still serves: the token reads its account. */
static void
assert_still_serving (SandboxFixture *f)
{
  g_autoptr (TestReply) reply = test_request (f, "GET", "paper:/v2/account", f->token, NULL);

  g_assert_no_error (reply->error);
  g_assert_cmpuint (reply->status, ==, 200);
}

/* The last trade price of a symbol (the market must not tick on its own). */
static double
last_price (SandboxFixture *f,
            const char     *symbol)
{
  g_autofree char *url = g_strdup_printf ("data:/v2/stocks/%s/trades/latest", symbol);
  g_autoptr (TestReply) reply = test_request (f, "GET", url, f->token, NULL);

  g_assert_cmpuint (reply->status, ==, 200);
  return json_object_get_double_member (json_object_get_object_member (test_reply_object (reply),
                                                                       "trade"), "p");
}

static const char *
error_message (TestReply *reply)
{
  return json_object_get_string_member (test_reply_object (reply), "message");
}

static void
test_deep_json_bodies (SandboxFixture *f,
                       gconstpointer   data)
{
  g_autofree char *deep = nested_arrays (DEEP_LEVELS);
  g_autofree char *deep_object = g_strdup_printf ("{\"symbol\":\"AAPL\",\"x\":%s}", deep);
  const struct { const char *method; const char *url; gboolean auth; } targets[] = {
    { "POST", "root:/_sandbox/price", FALSE },
    { "POST", "root:/_sandbox/faults", FALSE },
    { "POST", "root:/_sandbox/revoke", FALSE },
    { "POST", "paper:/v2/orders", TRUE },
    { "POST", "paper:/v2/watchlists", TRUE },
    { "PATCH", "paper:/v2/account/configurations", TRUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (targets); i++)
    {
      const char *bodies[] = { deep, deep_object };

      for (guint j = 0; j < G_N_ELEMENTS (bodies); j++)
        {
          g_autoptr (TestReply) reply = test_request (f, targets[i].method, targets[i].url,
                                                      targets[i].auth ? f->token : NULL,
                                                      bodies[j]);

          test_assert_alpaca_error (reply, 400);
          g_assert_cmpint (json_object_get_int_member (test_reply_object (reply), "code"), ==,
                           40010001);
          g_assert_nonnull (strstr (error_message (reply), "nested too deeply"));
        }
    }

  /* nothing was revoked, and the sandbox still serves */
  assert_still_serving (f);
}

static void
test_depth_limit (SandboxFixture *f,
                  gconstpointer   data)
{
  /* an order body exactly at the limit is parsed (and refused for what it says) */
  g_autofree char *at_limit = object_of_depth ("\"symbol\":\"NOPE\"", MAX_DEPTH);
  g_autofree char *over_limit = object_of_depth ("\"symbol\":\"NOPE\"", MAX_DEPTH + 1);
  /* brackets inside strings are not nesting */
  g_autofree char *brackets = nested_arrays (DEEP_LEVELS);
  g_autofree char *in_string = g_strdup_printf ("{\"symbol\":\"%s\"}", brackets);
  g_autoptr (TestReply) at = NULL;
  g_autoptr (TestReply) over = NULL;
  g_autoptr (TestReply) string = NULL;

  at = test_request (f, "POST", "paper:/v2/orders", f->token, at_limit);
  test_assert_alpaca_error (at, 422);
  g_assert_nonnull (strstr (error_message (at), "not found"));

  over = test_request (f, "POST", "paper:/v2/orders", f->token, over_limit);
  test_assert_alpaca_error (over, 400);

  string = test_request (f, "POST", "paper:/v2/orders", f->token, in_string);
  test_assert_alpaca_error (string, 422);
  g_assert_nonnull (strstr (error_message (string), "not found"));

  /* the control API: moved at the limit, refused past it */
  {
    g_autofree char *price_at = object_of_depth ("\"symbol\":\"AAPL\",\"price\":\"123.45\"",
                                                 MAX_DEPTH);
    g_autofree char *price_over = object_of_depth ("\"symbol\":\"AAPL\",\"price\":\"99.5\"",
                                                   MAX_DEPTH + 1);
    g_autoptr (TestReply) moved = NULL;
    g_autoptr (TestReply) refused = NULL;

    paddock_sandbox_set_tick_interval (f->sandbox, 0);
    moved = test_request (f, "POST", "root:/_sandbox/price", NULL, price_at);
    g_assert_cmpuint (moved->status, ==, 204);
    g_assert_cmpfloat (last_price (f, "AAPL"), ==, 123.45);
    refused = test_request (f, "POST", "root:/_sandbox/price", NULL, price_over);
    test_assert_alpaca_error (refused, 400);
    g_assert_cmpfloat (last_price (f, "AAPL"), ==, 123.45);
  }
}

static void
test_body_too_large (SandboxFixture *f,
                     gconstpointer   data)
{
  GString *body = g_string_sized_new (MAX_BODY + 64);
  g_autoptr (TestReply) order = NULL;
  g_autoptr (TestReply) price = NULL;

  g_string_append (body, "{\"symbol\":\"AAPL\",\"pad\":\"");
  while (body->len < MAX_BODY)
    g_string_append (body, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
  g_string_append (body, "\"}");

  order = test_request (f, "POST", "paper:/v2/orders", f->token, body->str);
  test_assert_alpaca_error (order, 413);
  price = test_request (f, "POST", "root:/_sandbox/price", NULL, body->str);
  test_assert_alpaca_error (price, 413);
  g_string_free (body, TRUE);

  assert_still_serving (f);
}

/* json-glib 1.6 takes "{…} []" as its first value and leaks the rest (found by
 * tests/fuzz/fuzz-sandbox-order-request): a body holding more than one value is refused,
 * and no order comes of it. */
static void
test_trailing_values (SandboxFixture *f,
                      gconstpointer   data)
{
  const char *order = "{\"symbol\":\"AAPL\",\"qty\":\"1\",\"side\":\"buy\","
                      "\"type\":\"market\",\"time_in_force\":\"day\"}";
  const char *trailing[] = { " []", "{}", " {\"symbol\":\"MSFT\"}", "[]}" };
  g_autoptr (TestReply) accepted = NULL;
  g_autoptr (TestReply) list = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (trailing); i++)
    {
      g_autofree char *body = g_strconcat (order, trailing[i], NULL);
      g_autoptr (TestReply) refused = test_request (f, "POST", "paper:/v2/orders", f->token,
                                                    body);

      test_assert_alpaca_error (refused, 422);
      g_assert_cmpstr (error_message (refused), ==, "request body format is invalid");
    }

  /* the same order alone is taken, and it is the only one */
  accepted = test_request (f, "POST", "paper:/v2/orders", f->token, order);
  g_assert_cmpuint (accepted->status, ==, 200);
  list = test_request (f, "GET", "paper:/v2/orders?status=all", f->token, NULL);
  g_assert_cmpuint (list->status, ==, 200);
  g_assert_cmpuint (json_array_get_length (test_reply_array (list)), ==, 1);

  assert_still_serving (f);
}

/* A \u escape without four hex digits (json-glib 1.6 takes "\u12G4" its own way), or a
 * surrogate followed by an escape that does not complete a pair (json-glib 1.6 refuses it but
 * leaks the string: memcheck sees it) is refused like any malformed body; a pair is taken. */
static void
test_bad_escapes (SandboxFixture *f,
                  gconstpointer   data)
{
  const char *ids[] = { "\\ud800\\u0041", "\\udbff\\ue000", "\\udc00\\u0041", "\\udfff\\udc00",
                        "a\\u12G4", "a\\u12", "\\u" };
  g_autoptr (TestReply) accepted = NULL;
  g_autoptr (TestReply) list = NULL;
  JsonObject *order;

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_autofree char *body =
        g_strdup_printf ("{\"symbol\":\"AAPL\",\"qty\":\"1\",\"side\":\"buy\","
                         "\"type\":\"market\",\"time_in_force\":\"day\","
                         "\"client_order_id\":\"%s\"}", ids[i]);
      g_autoptr (TestReply) refused = test_request (f, "POST", "paper:/v2/orders", f->token,
                                                    body);

      test_assert_alpaca_error (refused, 422);
      g_assert_cmpstr (error_message (refused), ==, "request body format is invalid");
    }

  /* a surrogate pair is no malformed escape: the order is placed, with the character */
  accepted = test_request (f, "POST", "paper:/v2/orders", f->token,
                           "{\"symbol\":\"AAPL\",\"qty\":\"1\",\"side\":\"buy\","
                           "\"type\":\"market\",\"time_in_force\":\"day\","
                           "\"client_order_id\":\"x\\ud83d\\ude00\\u0041\"}");
  g_assert_cmpuint (accepted->status, ==, 200);
  order = test_reply_object (accepted);
  g_assert_cmpstr (json_object_get_string_member (order, "client_order_id"), ==,
                   "x\xf0\x9f\x98\x80" "A");

  /* nothing else was placed */
  list = test_request (f, "GET", "paper:/v2/orders?status=all", f->token, NULL);
  g_assert_cmpuint (list->status, ==, 200);
  g_assert_cmpuint (json_array_get_length (test_reply_array (list)), ==, 1);

  assert_still_serving (f);
}

static void
test_deep_websocket_message (SandboxFixture *f,
                             gconstpointer   data)
{
  g_autoptr (StreamClient) c = stream_client_connect (f, "paper");
  /* only the opening brackets: a message must stay under the websocket's 128 KiB */
  g_autofree char *deep = g_strnfill (DEEP_LEVELS, '[');
  g_autofree char *deep_data = g_strdup_printf ("{\"action\":\"listen\",\"data\":%s", deep);
  const char *messages[] = { deep, deep_data };

  for (guint i = 0; i < G_N_ELEMENTS (messages); i++)
    {
      JsonObject *error;

      stream_client_send (c, SOUP_WEBSOCKET_DATA_TEXT, messages[i]);
      error = stream_client_next (c, "error", SOUP_WEBSOCKET_DATA_BINARY);
      g_assert_cmpint (json_object_get_int_member (error, "code"), ==, 40010001);
      g_assert_cmpstr (json_object_get_string_member (error, "message"), ==,
                       "message is nested too deeply");
      g_assert_false (c->closed);
    }

  /* a member of the wrong type is an error too, not a critical */
  {
    JsonObject *error;

    stream_client_send (c, SOUP_WEBSOCKET_DATA_TEXT, "{\"action\":[\"authenticate\"]}");
    error = stream_client_next (c, "error", SOUP_WEBSOCKET_DATA_BINARY);
    g_assert_cmpstr (json_object_get_string_member (error, "message"), ==,
                     "action must be a string");
  }

  /* the connection is kept and still works */
  stream_client_authenticate (c, f->token);
  stream_client_listen (c, "[\"trade_updates\"]", "[\"trade_updates\"]");
}

static void
test_revoke_member_types (SandboxFixture *f,
                          gconstpointer   data)
{
  g_autofree char *other = paddock_sandbox_issue_token (f->sandbox, "", "paper");
  const char *bodies[] = {
    "{\"access_token\":[]}",
    "{\"access_token\":{}}",
    "{\"access_token\":5}",
    "{\"access_token\":true}",
    "{\"access_token\":null}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bodies); i++)
    {
      g_autoptr (TestReply) reply = test_request (f, "POST", "root:/_sandbox/revoke", NULL,
                                                  bodies[i]);

      test_assert_alpaca_error (reply, 400);
      g_assert_cmpstr (error_message (reply), ==, "access_token must be a string");
    }

  /* nothing was revoked: both tokens still work */
  assert_still_serving (f);
  {
    g_autoptr (TestReply) reply = test_request (f, "GET", "paper:/v2/account", other, NULL);

    g_assert_cmpuint (reply->status, ==, 200);
  }

  /* a string still revokes that token alone */
  {
    g_autofree char *body = g_strdup_printf ("{\"access_token\":\"%s\"}", other);
    g_autoptr (TestReply) revoke = test_request (f, "POST", "root:/_sandbox/revoke", NULL, body);
    g_autoptr (TestReply) gone = test_request (f, "GET", "paper:/v2/account", other, NULL);

    g_assert_cmpuint (revoke->status, ==, 204);
    test_assert_alpaca_error (gone, 401);
    assert_still_serving (f);
  }
}

static void
test_control_member_types (SandboxFixture *f,
                           gconstpointer   data)
{
  const struct { const char *url; const char *body; } bad[] = {
    { "root:/_sandbox/price", "{\"symbol\":[],\"price\":\"10\"}" },
    { "root:/_sandbox/price", "{\"symbol\":\"AAPL\",\"price\":{}}" },
    { "root:/_sandbox/price", "{\"symbol\":\"AAPL\",\"price\":10}" },
    { "root:/_sandbox/faults", "{\"kind\":[],\"path\":\"/paper/v2/y\"}" },
    { "root:/_sandbox/faults", "{\"kind\":\"status\",\"method\":{},\"param\":500}" },
    { "root:/_sandbox/faults", "{\"kind\":\"status\",\"path\":7,\"param\":500}" },
    { "root:/_sandbox/faults", "{\"kind\":\"status\",\"path\":\"/paper/v2/y\",\"param\":\"500\"}" },
    { "root:/_sandbox/faults", "{\"kind\":\"status\",\"path\":\"/paper/v2/y\",\"param\":[500]}" },
    { "root:/_sandbox/faults", "{\"kind\":\"status\",\"path\":\"/paper/v2/y\",\"param\":500,"
                               "\"count\":\"all\"}" },
    { "root:/_sandbox/faults", "{\"kind\":\"status\",\"path\":\"/paper/v2/y\",\"param\":500,"
                               "\"count\":4294967297}" },
    { "root:/_sandbox/faults", "{\"kind\":\"latency\",\"path\":\"/paper/v2/y\",\"param\":1.5}" },
  };

  paddock_sandbox_set_tick_interval (f->sandbox, 0);
  g_assert_true (paddock_sandbox_set_price (f->sandbox, "AAPL", "111"));

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (TestReply) reply = test_request (f, "POST", bad[i].url, NULL, bad[i].body);

      test_assert_alpaca_error (reply, 400);
    }

  /* no fault was added and the price did not move */
  g_assert_cmpfloat (last_price (f, "AAPL"), ==, 111.0);
  {
    g_autoptr (TestReply) y = test_request (f, "GET", "paper:/v2/y", f->token, NULL);

    test_assert_alpaca_error (y, 404);
  }
}

static void
test_fault_status_range (SandboxFixture *f,
                         gconstpointer   data)
{
  const char *params[] = { "0", "-1", "99", "100", "200", "399", "600", "2147483647" };

  for (guint i = 0; i < G_N_ELEMENTS (params); i++)
    {
      g_autofree char *body = g_strdup_printf ("{\"method\":\"GET\",\"path\":\"/paper/v2/y\","
                                               "\"kind\":\"status\",\"param\":%s,\"count\":-1}",
                                               params[i]);
      g_autoptr (TestReply) add = test_request (f, "POST", "root:/_sandbox/faults", NULL, body);
      g_autoptr (TestReply) hit = NULL;

      test_assert_alpaca_error (add, 400);
      /* nothing was added: the path answers as usual */
      hit = test_request (f, "GET", "paper:/v2/y", f->token, NULL);
      test_assert_alpaca_error (hit, 404);
    }

  /* the ends of the range are taken */
  {
    const guint statuses[] = { 400, 599 };

    for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
      {
        g_autofree char *body = g_strdup_printf ("{\"method\":\"GET\",\"path\":\"/paper/v2/y\","
                                                 "\"kind\":\"status\",\"param\":%u}",
                                                 statuses[i]);
        g_autoptr (TestReply) add = test_request (f, "POST", "root:/_sandbox/faults", NULL, body);
        g_autoptr (TestReply) hit = NULL;

        g_assert_cmpuint (add->status, ==, 204);
        hit = test_request (f, "GET", "paper:/v2/y", f->token, NULL);
        test_assert_alpaca_error (hit, statuses[i]);
      }
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  PADDOCK_TEST_ADD_SANDBOX ("/sandbox/hostile/deep-json-bodies", test_deep_json_bodies);
  PADDOCK_TEST_ADD_SANDBOX ("/sandbox/hostile/depth-limit", test_depth_limit);
  PADDOCK_TEST_ADD_SANDBOX ("/sandbox/hostile/body-too-large", test_body_too_large);
  PADDOCK_TEST_ADD_SANDBOX ("/sandbox/hostile/trailing-values", test_trailing_values);
  PADDOCK_TEST_ADD_SANDBOX ("/sandbox/hostile/bad-escapes", test_bad_escapes);
  PADDOCK_TEST_ADD_SANDBOX ("/sandbox/hostile/deep-websocket-message", test_deep_websocket_message);
  PADDOCK_TEST_ADD_SANDBOX ("/sandbox/hostile/revoke-member-types", test_revoke_member_types);
  PADDOCK_TEST_ADD_SANDBOX ("/sandbox/hostile/control-member-types", test_control_member_types);
  PADDOCK_TEST_ADD_SANDBOX ("/sandbox/hostile/fault-status-range", test_fault_status_range);

  return g_test_run ();
}
