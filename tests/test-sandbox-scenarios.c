/* test-sandbox-scenarios.c: the foundation's end-to-end scenarios against the sandbox
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each test plays one whole story the way Paddock will: sign in through the consent page
 * with PKCE, then trade with the token it got while following the trade-updates
 * websocket. Everything goes over real HTTP and websocket connections on loopback.
 */
#include "config.h"

#include <string.h>

#include "sandbox-fixture.h"
#include "stream-client.h"

#define REDIRECT_URI "http://127.0.0.1:48721/callback"
#define UNREGISTERED_REDIRECT_URI "http://127.0.0.1:48730/callback"
#define ALL_SCOPES "account:write trading data"

#define NANO G_GINT64_CONSTANT (1000000000)

/* ---- helpers ------------------------------------------------------------------------ */

/* The test's own fixed-point reading of a decimal string: value × 10^scale. Digits past
 * the scale must be zeros, so nothing is rounded away unnoticed. */
static gint64
parse_fixed (const char *text,
             int         scale)
{
  const char *p = text;
  gboolean negative = FALSE;
  gboolean seen_dot = FALSE;
  int decimals = 0;
  gint64 value = 0;

  g_assert_nonnull (text);
  if (*p == '-')
    {
      negative = TRUE;
      p++;
    }
  g_assert_true (g_ascii_isdigit (*p));

  for (; *p != '\0'; p++)
    {
      if (*p == '.' && !seen_dot)
        {
          seen_dot = TRUE;
          continue;
        }
      g_assert_true (g_ascii_isdigit (*p));
      if (seen_dot && decimals == scale)
        {
          g_assert_cmpint (*p, ==, '0');
          continue;
        }
      g_assert_cmpint (value, <, G_MAXINT64 / 10);
      value = value * 10 + (*p - '0');
      if (seen_dot)
        decimals++;
    }
  for (; decimals < scale; decimals++)
    value *= 10;

  return negative ? -value : value;
}

static const char *
str (JsonObject *obj,
     const char *name)
{
  JsonNode *node = json_object_get_member (obj, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    g_error ("member \"%s\" is not a string", name);

  return json_node_get_string (node);
}

/* base64url without padding (RFC 7636 §3) */
static char *
base64url (const guint8 *data,
           gsize         len)
{
  char *text = g_base64_encode (data, len);

  g_strdelimit (text, "+", '-');
  g_strdelimit (text, "/", '_');
  text[strcspn (text, "=")] = '\0';

  return text;
}

static char *
pkce_verifier (void)
{
  guint8 bytes[32];

  for (guint i = 0; i < G_N_ELEMENTS (bytes); i++)
    bytes[i] = (guint8) g_random_int_range (0, 256);

  return base64url (bytes, sizeof bytes);
}

static char *
pkce_challenge (const char *verifier)
{
  g_autoptr (GChecksum) sha = g_checksum_new (G_CHECKSUM_SHA256);
  guint8 digest[32];
  gsize len = sizeof digest;

  g_checksum_update (sha, (const guchar *) verifier, (gssize) strlen (verifier));
  g_checksum_get_digest (sha, digest, &len);
  g_assert_cmpuint (len, ==, sizeof digest);

  return base64url (digest, len);
}

static char *
authorize_url (SandboxFixture *f,
               const char     *redirect_uri,
               const char     *state,
               const char     *challenge)
{
  g_autofree char *query = soup_form_encode ("response_type", "code",
                                             "client_id",
                                             paddock_sandbox_get_client_id (f->sandbox),
                                             "redirect_uri", redirect_uri,
                                             "state", state,
                                             "scope", ALL_SCOPES,
                                             "env", "paper",
                                             "code_challenge", challenge,
                                             "code_challenge_method", "S256",
                                             NULL);

  return g_strconcat (paddock_sandbox_get_authorize_url (f->sandbox), "?", query, NULL);
}

/* Plays the browser: consent page, Approve, and the redirect back (not followed: nothing
 * listens there). Returns the code after checking the state came back unchanged. */
static char *
approve (SandboxFixture *f,
         const char     *challenge)
{
  g_autofree char *state = g_strdup_printf ("st-%08x", g_random_int ());
  g_autofree char *url = authorize_url (f, REDIRECT_URI, state, challenge);
  g_autofree char *location = test_browser_consent (url, "approve", FALSE, NULL);
  g_autoptr (GHashTable) params = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_nonnull (location);
  g_assert_true (g_str_has_prefix (location, REDIRECT_URI "?"));
  params = g_uri_parse_params (location + strlen (REDIRECT_URI "?"), -1, "&",
                               G_URI_PARAMS_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (g_hash_table_lookup (params, "state"), ==, state);
  g_assert_null (g_hash_table_lookup (params, "error"));
  g_assert_nonnull (g_hash_table_lookup (params, "code"));
  g_assert_cmpstr (g_hash_table_lookup (params, "code"), !=, "");

  return g_strdup (g_hash_table_lookup (params, "code"));
}

static TestReply *
exchange (SandboxFixture *f,
          const char     *code,
          const char     *client_secret,
          const char     *verifier)
{
  g_autofree char *form = soup_form_encode ("grant_type", "authorization_code",
                                            "code", code,
                                            "client_id",
                                            paddock_sandbox_get_client_id (f->sandbox),
                                            "client_secret", client_secret,
                                            "redirect_uri", REDIRECT_URI,
                                            "code_verifier", verifier,
                                            NULL);

  return test_request_full (f, "POST", "live:/oauth/token", NULL,
                            "application/x-www-form-urlencoded", form, FALSE);
}

static void
assert_token_error (TestReply  *reply,
                    guint       status,
                    const char *error)
{
  JsonObject *obj;

  g_assert_no_error (reply->error);
  g_assert_cmpuint (reply->status, ==, status);
  obj = test_reply_object (reply);
  g_assert_cmpstr (json_object_get_string_member_with_default (obj, "error", NULL), ==, error);
  g_assert_false (json_object_has_member (obj, "access_token"));
}

/* Asserts a successful token reply and returns its access token. */
static char *
token_from_reply (TestReply *reply)
{
  JsonObject *obj;

  g_assert_no_error (reply->error);
  g_assert_cmpuint (reply->status, ==, 200);
  obj = test_reply_object (reply);
  g_assert_cmpstr (str (obj, "token_type"), ==, "bearer");
  g_assert_cmpstr (str (obj, "scope"), ==, ALL_SCOPES);
  g_assert_cmpstr (str (obj, "access_token"), !=, "");

  return g_strdup (str (obj, "access_token"));
}

/* The whole sign-in of the demo client for the paper account; returns the token. */
static char *
sign_in (SandboxFixture *f)
{
  g_autofree char *verifier = pkce_verifier ();
  g_autofree char *challenge = pkce_challenge (verifier);
  g_autofree char *code = approve (f, challenge);
  g_autoptr (TestReply) reply = exchange (f, code,
                                          paddock_sandbox_get_client_secret (f->sandbox),
                                          verifier);

  return token_from_reply (reply);
}

static JsonObject *
get_object (SandboxFixture *f,
            const char     *url,
            const char     *token,
            TestReply     **reply_out)
{
  TestReply *reply = test_request (f, "GET", url, token, NULL);

  g_assert_no_error (reply->error);
  g_assert_cmpuint (reply->status, ==, 200);
  *reply_out = reply;

  return test_reply_object (reply);
}

static gint64
cash (SandboxFixture *f,
      const char     *token)
{
  g_autoptr (TestReply) reply = NULL;
  JsonObject *account = get_object (f, "paper:/v2/account", token, &reply);

  return parse_fixed (str (account, "cash"), 6);
}

/* POSTs an order that must be accepted */
static TestReply *
submit (SandboxFixture *f,
        const char     *token,
        const char     *body)
{
  TestReply *reply = test_request (f, "POST", "paper:/v2/orders", token, body);

  g_assert_no_error (reply->error);
  if (reply->status != 200)
    g_test_message ("%.*s", (int) g_bytes_get_size (reply->body),
                    (const char *) g_bytes_get_data (reply->body, NULL));
  g_assert_cmpuint (reply->status, ==, 200);

  return reply;
}

static void
set_price (SandboxFixture *f,
           const char     *symbol,
           const char     *price)
{
  g_assert_true (paddock_sandbox_set_price (f->sandbox, symbol, price));
}

static char *
order_status (SandboxFixture *f,
              const char     *token,
              const char     *id)
{
  g_autofree char *url = g_strdup_printf ("paper:/v2/orders/%s", id);
  g_autoptr (TestReply) reply = NULL;
  JsonObject *order = get_object (f, url, token, &reply);

  return g_strdup (str (order, "status"));
}

/* Asserts both objects have exactly the same member names. */
static void
assert_same_members (JsonObject *a,
                     JsonObject *b)
{
  g_autoptr (GList) names = json_object_get_members (a);

  g_assert_cmpuint (json_object_get_size (a), ==, json_object_get_size (b));
  for (GList *l = names; l != NULL; l = l->next)
    if (!json_object_has_member (b, l->data))
      g_error ("member \"%s\" is missing", (const char *) l->data);
}

/* The next trade update: asserts its event, frame type and order id, and that the order
 * it carries is a whole Order object (the members of GET /v2/orders/{id}). */
static JsonObject *
expect_update (SandboxFixture        *f,
               StreamClient          *c,
               const char            *token,
               SoupWebsocketDataType  frame_type,
               const char            *event,
               const char            *order_id)
{
  JsonObject *data = stream_client_next (c, "trade_updates", frame_type);
  g_autofree char *url = g_strdup_printf ("paper:/v2/orders/%s?nested=true", order_id);
  g_autoptr (TestReply) reply = NULL;
  JsonObject *current = get_object (f, url, token, &reply);
  g_autoptr (GDateTime) timestamp = g_date_time_new_from_iso8601 (str (data, "timestamp"), NULL);
  JsonObject *order;

  g_assert_cmpstr (str (data, "event"), ==, event);
  g_assert_nonnull (timestamp);
  g_assert_true (json_object_has_member (data, "order"));
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_object_get_member (data, "order")));
  order = json_object_get_object_member (data, "order");
  g_assert_cmpstr (str (order, "id"), ==, order_id);
  assert_same_members (order, current);

  return data;
}

/* Asserts the price, qty and position_qty strings of a fill or partial_fill; returns its
 * qty in nano-shares. */
static gint64
assert_fill_fields (JsonObject *data,
                    gint64      position_qty)
{
  JsonObject *order = json_object_get_object_member (data, "order");
  gint64 qty = parse_fixed (str (data, "qty"), 9);

  g_assert_true (g_uuid_string_is_valid (str (data, "execution_id")));
  g_assert_cmpint (parse_fixed (str (data, "price"), 6), >, 0);
  g_assert_cmpint (qty, >, 0);
  g_assert_cmpint (parse_fixed (str (data, "position_qty"), 9), ==, position_qty);
  g_assert_cmpint (parse_fixed (str (order, "filled_qty"), 9), <=,
                   parse_fixed (str (order, "qty"), 9));

  return qty;
}

/* A round trip on the stream: returns the trade updates the server sent before answering
 * an unknown action, which it handles in order after anything it had already emitted. */
static GPtrArray *
drain_updates (StreamClient          *c,
               SoupWebsocketDataType  frame_type)
{
  GPtrArray *updates = g_ptr_array_new ();

  stream_client_send (c, SOUP_WEBSOCKET_DATA_TEXT, "{\"action\":\"round_trip\"}");
  while (g_strcmp0 (stream_client_peek_stream (c), "error") != 0)
    g_ptr_array_add (updates, stream_client_next (c, "trade_updates", frame_type));
  stream_client_next (c, "error", frame_type);

  return updates;
}

static StreamClient *
listen_to_trade_updates (SandboxFixture *f,
                         const char     *token)
{
  StreamClient *c = stream_client_connect (f, "paper");

  stream_client_authenticate (c, token);
  stream_client_listen (c, "[\"trade_updates\"]", "[\"trade_updates\"]");

  return c;
}

/* ---- scenarios ---------------------------------------------------------------------- */

static void
test_sign_in (SandboxFixture *f,
              gconstpointer   data)
{
  g_autofree char *verifier = pkce_verifier ();
  g_autofree char *challenge = pkce_challenge (verifier);
  g_autofree char *code = approve (f, challenge);
  g_autofree char *token = NULL;
  g_autofree char *wrong_secret = g_strconcat (paddock_sandbox_get_client_secret (f->sandbox),
                                               "x", NULL);
  const char *secret = paddock_sandbox_get_client_secret (f->sandbox);

  g_assert_cmpuint (strlen (verifier), ==, 43);

  /* the code and the verifier give a token that reaches the paper account */
  {
    g_autoptr (TestReply) reply = exchange (f, code, secret, verifier);
    g_autoptr (TestReply) account = NULL;
    g_autoptr (TestReply) live = NULL;
    JsonObject *obj;

    token = token_from_reply (reply);
    obj = get_object (f, "paper:/v2/account", token, &account);
    g_assert_true (g_uuid_string_is_valid (str (obj, "id")));
    g_assert_cmpstr (str (obj, "status"), ==, "ACTIVE");
    g_assert_cmpstr (str (obj, "currency"), ==, "USD");
    g_assert_cmpint (parse_fixed (str (obj, "cash"), 6), >, 0);

    /* granted for paper: the live host does not know it */
    live = test_request (f, "GET", "live:/v2/account", token, NULL);
    test_assert_alpaca_error (live, 401);
  }

  /* the code was used up */
  {
    g_autoptr (TestReply) reply = exchange (f, code, secret, verifier);
    g_autoptr (TestReply) account = NULL;

    assert_token_error (reply, 400, "invalid_grant");
    /* and replaying it revoked what it gave (RFC 6749 §4.1.2) */
    account = test_request (f, "GET", "paper:/v2/account", token, NULL);
    test_assert_alpaca_error (account, 401);
  }

  /* a new sign-in: a wrong client secret and a wrong verifier are refused, and neither
   * used up the code */
  {
    g_autofree char *other_verifier = pkce_verifier ();
    g_autofree char *other_challenge = pkce_challenge (other_verifier);
    g_autofree char *other_code = approve (f, other_challenge);
    g_autofree char *other_token = NULL;
    g_autoptr (TestReply) bad_secret = exchange (f, other_code, wrong_secret, other_verifier);
    g_autoptr (TestReply) bad_verifier = exchange (f, other_code, secret, verifier);
    g_autoptr (TestReply) good = NULL;
    g_autoptr (TestReply) account = NULL;

    assert_token_error (bad_secret, 401, "invalid_client");
    assert_token_error (bad_verifier, 400, "invalid_grant");

    good = exchange (f, other_code, secret, other_verifier);
    other_token = token_from_reply (good);
    get_object (f, "paper:/v2/account", other_token, &account);
  }

  /* a redirect URI the client did not register: an error page, and no redirect */
  {
    g_autofree char *url = authorize_url (f, UNREGISTERED_REDIRECT_URI, "st-1", challenge);
    g_autoptr (TestReply) reply = test_request_full (f, "GET", url, NULL, NULL, NULL, FALSE);
    g_autofree char *location = NULL;

    g_assert_no_error (reply->error);
    g_assert_cmpuint (reply->status, ==, 400);
    g_assert_null (test_reply_header (reply, "Location"));
    g_assert_true (g_str_has_prefix (test_reply_header (reply, "Content-Type"), "text/html"));

    /* so a browser gets no consent form to approve */
    location = test_browser_consent (url, "approve", FALSE, NULL);
    g_assert_null (location);
  }
}

static void
test_market_buy (SandboxFixture *f,
                 gconstpointer   data)
{
  g_autofree char *token = sign_in (f);
  g_autoptr (StreamClient) c = listen_to_trade_updates (f, token);
  gint64 cash_before = cash (f, token);
  g_autoptr (TestReply) reply = NULL;
  g_autoptr (TestReply) position = NULL;
  g_autoptr (TestReply) final = NULL;
  JsonObject *order;
  JsonObject *update;
  JsonObject *pos;
  const char *id;
  gint64 avg;

  reply = submit (f, token, "{\"symbol\":\"AAPL\",\"qty\":\"10\",\"side\":\"buy\","
                            "\"type\":\"market\",\"time_in_force\":\"day\"}");
  order = test_reply_object (reply);
  id = str (order, "id");
  g_assert_true (g_uuid_string_is_valid (id));
  g_assert_cmpstr (str (order, "status"), ==, "filled");
  g_assert_cmpstr (str (order, "filled_qty"), ==, "10");
  avg = parse_fixed (str (order, "filled_avg_price"), 6);
  g_assert_cmpint (avg, >, 0);

  pos = get_object (f, "paper:/v2/positions/AAPL", token, &position);
  g_assert_cmpstr (str (pos, "qty"), ==, "10");
  g_assert_cmpstr (str (pos, "side"), ==, "long");

  /* exactly 10 × the average price, to the micro-dollar */
  g_assert_cmpint (cash_before - cash (f, token), ==, 10 * avg);

  update = expect_update (f, c, token, SOUP_WEBSOCKET_DATA_BINARY, "new", id);
  g_assert_cmpstr (str (json_object_get_object_member (update, "order"), "symbol"), ==, "AAPL");

  update = expect_update (f, c, token, SOUP_WEBSOCKET_DATA_BINARY, "fill", id);
  g_assert_cmpint (assert_fill_fields (update, 10 * NANO), ==, 10 * NANO);
  g_assert_cmpstr (str (update, "qty"), ==, "10");
  g_assert_cmpstr (str (update, "position_qty"), ==, "10");
  g_assert_cmpint (parse_fixed (str (update, "price"), 6), ==, avg);
  {
    /* the fill carries the order as it now is */
    g_autofree char *url = g_strdup_printf ("paper:/v2/orders/%s?nested=true", id);
    JsonObject *now = get_object (f, url, token, &final);
    g_autoptr (JsonNode) now_node = json_node_init_object (json_node_alloc (), now);

    g_assert_true (json_node_equal (json_object_get_member (update, "order"), now_node));
  }

  stream_client_assert_nothing_pending (c);
}

static void
test_limit_and_stream (SandboxFixture *f,
                       gconstpointer   data)
{
  g_autofree char *token = sign_in (f);
  g_autoptr (StreamClient) c = listen_to_trade_updates (f, token);

  /* a limit buy below the market waits, and fills when the price falls through it */
  {
    g_autoptr (TestReply) reply = NULL;
    g_autofree char *status = NULL;
    JsonObject *update;
    const char *id;

    set_price (f, "MSFT", "380.00");
    reply = submit (f, token, "{\"symbol\":\"MSFT\",\"qty\":\"4\",\"side\":\"buy\","
                              "\"type\":\"limit\",\"limit_price\":\"375.50\","
                              "\"time_in_force\":\"gtc\"}");
    id = str (test_reply_object (reply), "id");
    g_assert_cmpstr (str (test_reply_object (reply), "status"), ==, "new");
    expect_update (f, c, token, SOUP_WEBSOCKET_DATA_BINARY, "new", id);

    set_price (f, "MSFT", "376.00");
    status = order_status (f, token, id);
    g_assert_cmpstr (status, ==, "new");
    stream_client_assert_nothing_pending (c);

    set_price (f, "MSFT", "374.10");
    update = expect_update (f, c, token, SOUP_WEBSOCKET_DATA_BINARY, "fill", id);
    g_assert_cmpint (assert_fill_fields (update, 4 * NANO), ==, 4 * NANO);
    g_assert_cmpint (parse_fixed (str (update, "price"), 6), <=, parse_fixed ("375.50", 6));
    g_assert_cmpstr (str (json_object_get_object_member (update, "order"), "status"), ==,
                     "filled");
    g_clear_pointer (&status, g_free);
    status = order_status (f, token, id);
    g_assert_cmpstr (status, ==, "filled");
  }

  /* a large order fills in parts over market steps, then completely */
  {
    g_autoptr (TestReply) reply = NULL;
    g_autoptr (TestReply) position = NULL;
    gint64 filled = 0;
    guint partials = 0;
    guint ticks = 0;
    gboolean done = FALSE;
    const char *id;

    set_price (f, "F", "12.05");
    reply = submit (f, token, "{\"symbol\":\"F\",\"qty\":\"2500\",\"side\":\"buy\","
                              "\"type\":\"market\",\"time_in_force\":\"day\"}");
    id = str (test_reply_object (reply), "id");
    g_assert_cmpstr (str (test_reply_object (reply), "status"), !=, "filled");
    expect_update (f, c, token, SOUP_WEBSOCKET_DATA_BINARY, "new", id);

    while (!done)
      {
        g_autoptr (GPtrArray) updates = drain_updates (c, SOUP_WEBSOCKET_DATA_BINARY);

        for (guint i = 0; i < updates->len; i++)
          {
            JsonObject *update = g_ptr_array_index (updates, i);
            JsonObject *order = json_object_get_object_member (update, "order");
            const char *event = str (update, "event");
            gint64 qty;

            g_assert_false (done);
            g_assert_cmpstr (str (order, "id"), ==, id);
            qty = assert_fill_fields (update, filled + parse_fixed (str (update, "qty"), 9));
            filled += qty;
            g_assert_cmpint (parse_fixed (str (order, "filled_qty"), 9), ==, filled);

            if (g_str_equal (event, "partial_fill"))
              {
                g_assert_cmpstr (str (order, "status"), ==, "partially_filled");
                partials++;
              }
            else
              {
                g_assert_cmpstr (event, ==, "fill");
                g_assert_cmpstr (str (order, "status"), ==, "filled");
                done = TRUE;
              }
          }

        if (!done)
          {
            g_assert_cmpuint (ticks, <, 20);
            paddock_sandbox_tick (f->sandbox);
            ticks++;
          }
      }

    g_test_message ("2500 shares in %u partial fills and a fill over %u market steps",
                    partials, ticks);
    g_assert_cmpint (filled, ==, 2500 * NANO);
    g_assert_cmpuint (partials, >=, 1);
    g_assert_cmpuint (ticks, >=, 1);
    g_assert_cmpstr (str (get_object (f, "paper:/v2/positions/F", token, &position), "qty"), ==,
                     "2500");
  }

  /* canceling an open order */
  {
    g_autoptr (TestReply) reply = NULL;
    g_autoptr (TestReply) cancel = NULL;
    g_autofree char *url = NULL;
    JsonObject *update;
    const char *id;

    set_price (f, "AAPL", "189.25");
    reply = submit (f, token, "{\"symbol\":\"AAPL\",\"qty\":\"5\",\"side\":\"buy\","
                              "\"type\":\"limit\",\"limit_price\":\"100\","
                              "\"time_in_force\":\"gtc\"}");
    id = str (test_reply_object (reply), "id");
    expect_update (f, c, token, SOUP_WEBSOCKET_DATA_BINARY, "new", id);

    url = g_strdup_printf ("paper:/v2/orders/%s", id);
    cancel = test_request (f, "DELETE", url, token, NULL);
    g_assert_no_error (cancel->error);
    g_assert_cmpuint (cancel->status, ==, 204);
    update = expect_update (f, c, token, SOUP_WEBSOCKET_DATA_BINARY, "canceled", id);
    g_assert_cmpstr (str (json_object_get_object_member (update, "order"), "status"), ==,
                     "canceled");
    stream_client_assert_nothing_pending (c);
  }

  /* with text frames switched on, the same connection gets its events as text */
  {
    g_autoptr (TestReply) reply = NULL;
    g_autoptr (TestReply) cancel = NULL;
    g_autofree char *url = NULL;
    const char *id;

    paddock_sandbox_set_text_frames (f->sandbox, TRUE);
    reply = submit (f, token, "{\"symbol\":\"AAPL\",\"qty\":\"3\",\"side\":\"buy\","
                              "\"type\":\"limit\",\"limit_price\":\"100\","
                              "\"time_in_force\":\"gtc\"}");
    id = str (test_reply_object (reply), "id");
    expect_update (f, c, token, SOUP_WEBSOCKET_DATA_TEXT, "new", id);

    url = g_strdup_printf ("paper:/v2/orders/%s", id);
    cancel = test_request (f, "DELETE", url, token, NULL);
    g_assert_cmpuint (cancel->status, ==, 204);
    expect_update (f, c, token, SOUP_WEBSOCKET_DATA_TEXT, "canceled", id);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  PADDOCK_TEST_ADD_SANDBOX ("/sandbox/scenario/sign-in", test_sign_in);
  PADDOCK_TEST_ADD_SANDBOX ("/sandbox/scenario/market-buy", test_market_buy);
  PADDOCK_TEST_ADD_SANDBOX ("/sandbox/scenario/limit-and-stream", test_limit_and_stream);

  return g_test_run ();
}
