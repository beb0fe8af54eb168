/* test-sandbox-core.c: the sandbox's server, routing, rate limit and faults
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "sandbox-fixture.h"

static void
test_describe_json (SandboxFixture *f,
                    gconstpointer   data)
{
  g_autofree char *line = paddock_sandbox_describe_json (f->sandbox);
  g_autoptr (JsonParser) parser = json_parser_new ();
  const char *keys[] = { "authorize_url", "live_url", "paper_url", "data_url", "polygon_url",
                         "client_id", "client_secret" };
  JsonObject *obj;

  g_assert_null (strchr (line, '\n'));
  g_assert_true (json_parser_load_from_data (parser, line, -1, NULL));
  obj = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpuint (json_object_get_size (obj), ==, G_N_ELEMENTS (keys));
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      const char *value = json_object_get_string_member (obj, keys[i]);

      g_assert_nonnull (value);
      g_assert_cmpstr (value, !=, "");
      if (g_str_has_suffix (keys[i], "_url"))
        g_assert_true (g_str_has_prefix (value, "http://127.0.0.1:"));
    }
  g_assert_true (g_str_has_suffix (json_object_get_string_member (obj, "authorize_url"),
                                   "/oauth/authorize"));
}

static void
test_binds_loopback_only (SandboxFixture *f,
                          gconstpointer   data)
{
  g_autoptr (GSocketClient) client = g_socket_client_new ();
  g_autoptr (GResolver) resolver = g_resolver_get_default ();
  g_autoptr (GList) addresses = NULL;
  g_autoptr (GError) error = NULL;
  const char *hostname = g_get_host_name ();
  guint tried = 0;

  /* every non-loopback address of this machine must refuse the sandbox's port */
  addresses = g_resolver_lookup_by_name (resolver, hostname, NULL, NULL);
  for (GList *l = addresses; l != NULL; l = l->next)
    {
      GInetAddress *addr = l->data;
      g_autoptr (GSocketAddress) sa = NULL;
      g_autoptr (GSocketConnection) conn = NULL;
      g_autoptr (GError) conn_error = NULL;

      if (g_inet_address_get_is_loopback (addr))
        continue;
      sa = g_inet_socket_address_new (addr, paddock_sandbox_get_port (f->sandbox));
      conn = g_socket_client_connect (client, G_SOCKET_CONNECTABLE (sa), NULL, &conn_error);
      g_assert_null (conn);
      tried++;
    }
  g_resolver_free_addresses (g_steal_pointer (&addresses));

  if (tried == 0)
    g_test_message ("no non-loopback address resolved for %s", hostname);

  {
    g_autoptr (GInetAddress) lo = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
    g_autoptr (GSocketAddress) sa = g_inet_socket_address_new (lo, paddock_sandbox_get_port (f->sandbox));
    g_autoptr (GSocketConnection) conn = g_socket_client_connect (client, G_SOCKET_CONNECTABLE (sa),
                                                                  NULL, &error);
    g_assert_no_error (error);
    g_assert_nonnull (conn);
  }
}

static void
test_unknown_endpoint (SandboxFixture *f,
                       gconstpointer   data)
{
  g_autoptr (TestReply) reply = test_request (f, "GET", "paper:/v2/no-such-thing", f->token, NULL);

  test_assert_alpaca_error (reply, 404);
}

static void
test_rate_limit (SandboxFixture *f,
                 gconstpointer   data)
{
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  paddock_sandbox_set_rate_limit (f->sandbox, 5);

  for (int i = 1; i <= 5; i++)
    {
      g_autoptr (TestReply) reply = test_request (f, "GET", "paper:/v2/nothing", f->token, NULL);
      g_autofree char *expected = g_strdup_printf ("%d", 5 - i);
      gint64 reset;

      g_assert_cmpuint (reply->status, ==, 404);
      g_assert_cmpstr (test_reply_header (reply, "X-Ratelimit-Limit"), ==, "5");
      g_assert_cmpstr (test_reply_header (reply, "X-Ratelimit-Remaining"), ==, expected);
      reset = g_ascii_strtoll (test_reply_header (reply, "X-Ratelimit-Reset"), NULL, 10);
      g_assert_cmpint (reset, >=, now + 59);
      g_assert_cmpint (reset, <=, now + 61);
    }

  {
    g_autoptr (TestReply) reply = test_request (f, "GET", "paper:/v2/nothing", f->token, NULL);
    gint64 retry;

    test_assert_alpaca_error (reply, 429);
    g_assert_cmpstr (test_reply_header (reply, "X-Ratelimit-Remaining"), ==, "0");
    retry = g_ascii_strtoll (test_reply_header (reply, "Retry-After"), NULL, 10);
    g_assert_cmpint (retry, >=, 1);
    g_assert_cmpint (retry, <=, 60);
  }

  /* the limit is per token: another token is not affected */
  {
    g_autofree char *other = paddock_sandbox_issue_token (f->sandbox, "", "paper");
    g_autoptr (TestReply) reply = test_request (f, "GET", "paper:/v2/nothing", other, NULL);

    g_assert_cmpuint (reply->status, ==, 404);
    g_assert_cmpstr (test_reply_header (reply, "X-Ratelimit-Remaining"), ==, "4");
  }
}

static void
test_fault_status (SandboxFixture *f,
                   gconstpointer   data)
{
  const guint statuses[] = { 429, 500, 502, 503 };

  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    {
      g_autoptr (TestReply) first = NULL;
      g_autoptr (TestReply) second = NULL;

      paddock_sandbox_add_fault (f->sandbox, "GET", "/paper/v2/x", PADDOCK_SANDBOX_FAULT_STATUS,
                                 (int) statuses[i], 1);
      first = test_request (f, "GET", "paper:/v2/x", f->token, NULL);
      test_assert_alpaca_error (first, statuses[i]);
      if (statuses[i] == 429)
        g_assert_nonnull (test_reply_header (first, "Retry-After"));

      /* count = 1: the next request is served normally */
      second = test_request (f, "GET", "paper:/v2/x", f->token, NULL);
      g_assert_cmpuint (second->status, ==, 404);
    }
}

static void
test_fault_method_and_path (SandboxFixture *f,
                            gconstpointer   data)
{
  g_autoptr (TestReply) other_method = NULL;
  g_autoptr (TestReply) other_path = NULL;
  g_autoptr (TestReply) hit = NULL;

  paddock_sandbox_add_fault (f->sandbox, "POST", "/paper/v2/orders", PADDOCK_SANDBOX_FAULT_STATUS,
                             503, -1);
  other_method = test_request (f, "GET", "paper:/v2/orders-x", f->token, NULL);
  g_assert_cmpuint (other_method->status, !=, 503);
  other_path = test_request (f, "POST", "paper:/v2/positions", f->token, "{}");
  g_assert_cmpuint (other_path->status, !=, 503);
  hit = test_request (f, "POST", "paper:/v2/orders", f->token, "{}");
  g_assert_cmpuint (hit->status, ==, 503);

  paddock_sandbox_clear_faults (f->sandbox);
  {
    g_autoptr (TestReply) after = test_request (f, "POST", "paper:/v2/orders", f->token, "{}");

    g_assert_cmpuint (after->status, !=, 503);
  }
}

static void
test_fault_latency (SandboxFixture *f,
                    gconstpointer   data)
{
  gint64 start;
  gint64 elapsed;
  g_autoptr (TestReply) reply = NULL;

  paddock_sandbox_add_fault (f->sandbox, NULL, "/paper/", PADDOCK_SANDBOX_FAULT_LATENCY, 400, 1);
  start = g_get_monotonic_time ();
  reply = test_request (f, "GET", "paper:/v2/x", f->token, NULL);
  elapsed = g_get_monotonic_time () - start;
  g_assert_cmpuint (reply->status, ==, 404);
  /* a lower bound only: the delay is the fault's, not a speed measurement */
  g_assert_cmpint (elapsed, >=, 400 * 1000);
}

static void
test_fault_reset (SandboxFixture *f,
                  gconstpointer   data)
{
  g_autoptr (TestReply) reply = NULL;

  paddock_sandbox_add_fault (f->sandbox, "GET", "/paper/v2/x", PADDOCK_SANDBOX_FAULT_RESET, 0, 1);
  reply = test_request (f, "GET", "paper:/v2/x", f->token, NULL);
  g_assert_nonnull (reply->error);
  g_assert_cmpuint (reply->status, ==, 0);
}

static void
test_fault_malformed (SandboxFixture *f,
                      gconstpointer   data)
{
  g_autoptr (TestReply) reply = NULL;

  paddock_sandbox_add_fault (f->sandbox, "GET", "/paper/v2/x", PADDOCK_SANDBOX_FAULT_MALFORMED, 0, 1);
  reply = test_request (f, "GET", "paper:/v2/x", f->token, NULL);
  g_assert_no_error (reply->error);
  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_null (reply->json);
  g_assert_cmpuint (g_bytes_get_size (reply->body), >, 0);
}

static void
test_fault_truncated (SandboxFixture *f,
                      gconstpointer   data)
{
  g_autoptr (TestReply) reply = NULL;

  paddock_sandbox_add_fault (f->sandbox, "GET", "/paper/v2/x", PADDOCK_SANDBOX_FAULT_TRUNCATED, 0, 1);
  reply = test_request (f, "GET", "paper:/v2/x", f->token, NULL);
  /* the body ends before its Content-Length: either libsoup reports it, or what arrived
   * is a cut-off JSON text */
  if (reply->error == NULL)
    {
      g_assert_cmpuint (reply->status, ==, 200);
      g_assert_cmpuint (g_bytes_get_size (reply->body), <, 512);
      g_assert_cmpuint (g_bytes_get_size (reply->body), >, 0);
    }
  g_assert_null (reply->json);
}

/* the raw reply, without the fixture's JSON parsing (a 100,000-deep text would overflow
 * json-glib's recursive parser) */
static GBytes *
raw_get (SandboxFixture *f,
         const char     *url,
         guint          *status,
         char          **content_type)
{
  g_autofree char *full = test_url (f, url);
  g_autoptr (SoupMessage) msg = soup_message_new ("GET", full);
  g_autoptr (GError) error = NULL;
  GBytes *body;

  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization",
                                "Bearer unused");
  body = soup_session_send_and_read (f->session, msg, NULL, &error);
  g_assert_no_error (error);
  *status = soup_message_get_status (msg);
  if (content_type != NULL)
    *content_type = g_strdup (soup_message_headers_get_content_type (
                                soup_message_get_response_headers (msg), NULL));
  return body;
}

static void
test_fault_html (SandboxFixture *f,
                 gconstpointer   data)
{
  const guint statuses[] = { 500, 502, 503 };

  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    {
      g_autofree char *type = NULL;
      g_autofree char *title = g_strdup_printf ("<title>%u %s</title>", statuses[i],
                                                soup_status_get_phrase (statuses[i]));
      g_autoptr (GBytes) body = NULL;
      guint status = 0;

      paddock_sandbox_add_fault (f->sandbox, "GET", "/paper/v2/x", PADDOCK_SANDBOX_FAULT_HTML,
                                 (int) statuses[i], 1);
      body = raw_get (f, "paper:/v2/x", &status, &type);
      g_assert_cmpuint (status, ==, statuses[i]);
      g_assert_cmpstr (type, ==, "text/html");
      g_assert_nonnull (g_strstr_len (g_bytes_get_data (body, NULL), g_bytes_get_size (body),
                                      title));
    }
}

static void
test_fault_deep (SandboxFixture *f,
                 gconstpointer   data)
{
  g_autoptr (GBytes) body = NULL;
  const char *text;
  guint status = 0;

  paddock_sandbox_add_fault (f->sandbox, "GET", "/paper/v2/x", PADDOCK_SANDBOX_FAULT_DEEP,
                             100000, 1);
  body = raw_get (f, "paper:/v2/x", &status, NULL);
  g_assert_cmpuint (status, ==, 200);
  g_assert_cmpuint (g_bytes_get_size (body), ==, 200000);
  text = g_bytes_get_data (body, NULL);
  for (gsize i = 0; i < 100000; i++)
    {
      g_assert_cmpint (text[i], ==, '[');
      g_assert_cmpint (text[199999 - i], ==, ']');
    }
}

static void
test_fault_large (SandboxFixture *f,
                  gconstpointer   data)
{
  /* small sizes parse as an array of zeros; the sizes around a piece's end too */
  const int sizes[] = { 2, 3, 4, 5, 65537, 65538, 65539, 65540, 200001 };

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autoptr (GBytes) body = NULL;
      g_autoptr (JsonParser) parser = json_parser_new ();
      g_autoptr (GError) error = NULL;
      JsonArray *array;
      guint status = 0;

      paddock_sandbox_add_fault (f->sandbox, "GET", "/paper/v2/x", PADDOCK_SANDBOX_FAULT_LARGE,
                                 sizes[i], 1);
      body = raw_get (f, "paper:/v2/x", &status, NULL);
      g_assert_cmpuint (status, ==, 200);
      g_assert_cmpuint (g_bytes_get_size (body), ==, (gsize) sizes[i]);
      json_parser_load_from_data (parser, g_bytes_get_data (body, NULL),
                                  (gssize) g_bytes_get_size (body), &error);
      g_assert_no_error (error);
      array = json_node_get_array (json_parser_get_root (parser));
      g_assert_cmpuint (json_array_get_length (array), ==, sizes[i] == 2 ? 0 : (sizes[i] - 1) / 2);
      if (json_array_get_length (array) > 0)
        g_assert_cmpint (json_array_get_int_element (array, json_array_get_length (array) - 1),
                         ==, 0);
    }

  /* 50 MB: the exact size, in the right shape (not handed to json-glib: 26 million nodes) */
  {
    g_autoptr (GBytes) body = NULL;
    const char *text;
    guint status = 0;
    gsize size;

    paddock_sandbox_add_fault (f->sandbox, "GET", "/paper/v2/x", PADDOCK_SANDBOX_FAULT_LARGE,
                               50 * 1000 * 1000, 1);
    body = raw_get (f, "paper:/v2/x", &status, NULL);
    text = g_bytes_get_data (body, &size);
    g_assert_cmpuint (status, ==, 200);
    g_assert_cmpuint (size, ==, 50 * 1000 * 1000);
    g_assert_cmpint (text[0], ==, '[');
    g_assert_cmpint (text[1], ==, ' ');   /* 50,000,000 − 3 is odd */
    for (gsize i = 2; i < size - 2; i += 2)
      if (text[i] != '0' || text[i + 1] != ',')
        g_error ("byte %" G_GSIZE_FORMAT " of the large body is wrong", i);
    g_assert_cmpmem (text + size - 2, 2, "0]", 2);
  }
}

static void
test_fault_invalid_utf8 (SandboxFixture *f,
                         gconstpointer   data)
{
  g_autoptr (GBytes) body = NULL;
  g_autofree char *type = NULL;
  guint status = 0;

  paddock_sandbox_add_fault (f->sandbox, "GET", "/paper/v2/x", PADDOCK_SANDBOX_FAULT_INVALID_UTF8,
                             0, 1);
  body = raw_get (f, "paper:/v2/x", &status, &type);
  g_assert_cmpuint (status, ==, 200);
  g_assert_cmpstr (type, ==, "application/json");
  g_assert_false (g_utf8_validate (g_bytes_get_data (body, NULL), (gssize) g_bytes_get_size (body),
                                   NULL));
  g_assert_cmpint (((const char *) g_bytes_get_data (body, NULL))[0], ==, '{');
}

/* the new kinds over the control API, and their params checked */
static void
test_fault_generated_control (SandboxFixture *f,
                              gconstpointer   data)
{
  const struct { const char *body; guint status; } cases[] = {
    { "{\"method\":\"GET\",\"path\":\"/paper/v2/y\",\"kind\":\"html\",\"param\":200}", 400 },
    { "{\"method\":\"GET\",\"path\":\"/paper/v2/y\",\"kind\":\"deep\",\"param\":0}", 400 },
    { "{\"method\":\"GET\",\"path\":\"/paper/v2/y\",\"kind\":\"deep\",\"param\":16777217}", 400 },
    { "{\"method\":\"GET\",\"path\":\"/paper/v2/y\",\"kind\":\"large\",\"param\":1}", 400 },
    { "{\"method\":\"GET\",\"path\":\"/paper/v2/y\",\"kind\":\"large\",\"param\":1073741825}", 400 },
    { "{\"method\":\"GET\",\"path\":\"/paper/v2/y\",\"kind\":\"html\",\"param\":502}", 204 },
    { "{\"method\":\"GET\",\"path\":\"/paper/v2/y\",\"kind\":\"deep\",\"param\":3}", 204 },
    { "{\"method\":\"GET\",\"path\":\"/paper/v2/y\",\"kind\":\"large\",\"param\":7}", 204 },
    { "{\"method\":\"GET\",\"path\":\"/paper/v2/y\",\"kind\":\"invalid_utf8\"}", 204 },
  };
  const struct { guint status; const char *type; const char *body; } served[] = {
    { 502, "text/html", NULL },
    { 200, "application/json", "[[[]]]" },
    { 200, "application/json", "[0,0,0]" },
    { 200, "application/json", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (TestReply) reply = test_request (f, "POST", "root:/_sandbox/faults", NULL,
                                                  cases[i].body);

      g_assert_cmpuint (reply->status, ==, cases[i].status);
    }
  /* the refused ones added nothing: the accepted ones answer in order */
  for (guint i = 0; i < G_N_ELEMENTS (served); i++)
    {
      g_autoptr (GBytes) body = NULL;
      g_autofree char *type = NULL;
      guint status = 0;

      body = raw_get (f, "paper:/v2/y", &status, &type);
      g_assert_cmpuint (status, ==, served[i].status);
      g_assert_cmpstr (type, ==, served[i].type);
      if (served[i].body != NULL)
        g_assert_cmpmem (g_bytes_get_data (body, NULL), g_bytes_get_size (body), served[i].body,
                         strlen (served[i].body));
    }
}

static void
test_control_api (SandboxFixture *f,
                  gconstpointer   data)
{
  g_autoptr (TestReply) add = NULL;
  g_autoptr (TestReply) hit = NULL;
  g_autoptr (TestReply) clear = NULL;
  g_autoptr (TestReply) bad = NULL;

  add = test_request (f, "POST", "root:/_sandbox/faults", NULL,
                      "{\"method\":\"GET\",\"path\":\"/paper/v2/y\",\"kind\":\"status\","
                      "\"param\":502,\"count\":-1}");
  g_assert_cmpuint (add->status, ==, 204);
  hit = test_request (f, "GET", "paper:/v2/y", f->token, NULL);
  g_assert_cmpuint (hit->status, ==, 502);
  clear = test_request (f, "DELETE", "root:/_sandbox/faults", NULL, NULL);
  g_assert_cmpuint (clear->status, ==, 204);
  bad = test_request (f, "POST", "root:/_sandbox/faults", NULL, "{\"kind\":\"nonsense\"}");
  test_assert_alpaca_error (bad, 422);
  {
    g_autoptr (TestReply) after = test_request (f, "GET", "paper:/v2/y", f->token, NULL);

    g_assert_cmpuint (after->status, ==, 404);
  }
}

static void
test_shortest_numbers (SandboxFixture *f,
                       gconstpointer   data)
{
  g_autoptr (TestReply) reply = NULL;
  g_autoptr (GRegex) long_tail = g_regex_new ("[0-9]\\.[0-9]*(0000000|9999999)[0-9]", 0, 0, NULL);
  g_autofree char *text = NULL;

  g_assert_true (paddock_sandbox_set_price (f->sandbox, "AAPL", "383.26"));
  reply = test_request (f, "GET", "data:/v2/stocks/AAPL/trades/latest", f->token, NULL);
  g_assert_cmpuint (reply->status, ==, 200);
  text = g_strndup (g_bytes_get_data (reply->body, NULL), g_bytes_get_size (reply->body));
  /* 383.26, not 383.25999999999999 */
  g_assert_nonnull (strstr (text, "\"p\":383.26"));
  g_assert_false (g_regex_match (long_tail, text, 0, NULL));
  g_assert_cmpfloat (json_object_get_double_member (
                       json_object_get_object_member (test_reply_object (reply), "trade"), "p"),
                     ==, 383.26);
}

static double
latest_price (SandboxFixture *f)
{
  g_autoptr (TestReply) reply = test_request (f, "GET", "data:/v2/stocks/AAPL/trades/latest",
                                              f->token, NULL);

  g_assert_cmpuint (reply->status, ==, 200);
  return json_object_get_double_member (json_object_get_object_member (test_reply_object (reply),
                                                                       "trade"), "p");
}

/* POST /_sandbox/tick_interval starts the market walking and stops it again. */
static void
test_control_tick_interval (SandboxFixture *f,
                            gconstpointer   data)
{
  const char *bad[] = { "{\"milliseconds\":-1}", "{\"milliseconds\":\"10\"}",
                        "{\"milliseconds\":3600001}", "{}" };
  double before, after;
  gint64 deadline;

  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (TestReply) refused = test_request (f, "POST", "root:/_sandbox/tick_interval",
                                                    NULL, bad[i]);

      g_assert_cmpuint (refused->status, ==, 400);
    }

  /* the fixture's market stands still */
  before = latest_price (f);
  {
    g_autoptr (TestReply) started = test_request (f, "POST", "root:/_sandbox/tick_interval", NULL,
                                                  "{\"milliseconds\":20}");

    g_assert_cmpuint (started->status, ==, 204);
  }
  deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  do
    {
      g_usleep (50 * 1000);
      after = latest_price (f);
    }
  while (after == before && g_get_monotonic_time () < deadline);
  g_assert_cmpfloat (after, !=, before);

  {
    g_autoptr (TestReply) stopped = test_request (f, "POST", "root:/_sandbox/tick_interval", NULL,
                                                  "{\"milliseconds\":0}");

    g_assert_cmpuint (stopped->status, ==, 204);
  }
  before = latest_price (f);
  g_usleep (300 * 1000);   /* fifteen steps, had it gone on */
  g_assert_cmpfloat (latest_price (f), ==, before);
}

static void
test_demo_identity_survives_restart (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *first_id = NULL;
  g_autofree char *token = NULL;
  g_autofree char *scope = g_strdup ("account:write trading data");

  for (int run = 0; run < 2; run++)
    {
      SandboxFixture f = { 0 };
      g_autoptr (TestReply) reply = NULL;
      const char *id;

      sandbox_fixture_setup (&f, NULL);
      if (run == 0)
        token = g_strdup (f.token);
      else
        {
          /* a token from the earlier run, handed back: accepted once, never twice */
          g_assert_true (paddock_sandbox_restore_token (f.sandbox, token, scope, "paper"));
          g_assert_false (paddock_sandbox_restore_token (f.sandbox, token, scope, "paper"));
          g_assert_false (paddock_sandbox_restore_token (f.sandbox, "short", scope, "paper"));
        }
      reply = test_request (&f, "GET", "paper:/v2/account", token, NULL);
      g_assert_cmpuint (reply->status, ==, 200);
      id = json_object_get_string_member (test_reply_object (reply), "id");
      if (run == 0)
        first_id = g_strdup (id);
      else
        g_assert_cmpstr (id, ==, first_id);   /* same seed, same account */
      sandbox_fixture_teardown (&f, NULL);
    }
  g_assert_no_error (error);
}

static void
test_start_stop_twice (void)
{
  g_autoptr (GError) error = NULL;
  PaddockSandbox *a = paddock_sandbox_new (1);
  PaddockSandbox *b = paddock_sandbox_new (1);

  g_assert_true (paddock_sandbox_start (a, 0, &error));
  g_assert_no_error (error);
  /* a busy port is an error, not a crash */
  g_assert_false (paddock_sandbox_start (b, paddock_sandbox_get_port (a), &error));
  g_assert_nonnull (error);
  paddock_sandbox_stop (a);
  paddock_sandbox_stop (a);
  g_assert_finalize_object (a);
  g_assert_finalize_object (b);
}

/* Every request is counted once as it arrives, by method and full path, whatever the
 * answer (a refused token, an unknown path, a fault's latency) */
static void
test_count_requests (SandboxFixture *f,
                     gconstpointer   data)
{
  guint before_all = paddock_sandbox_count_requests (f->sandbox, NULL, NULL);

  g_assert_cmpuint (paddock_sandbox_count_requests (f->sandbox, "GET", "/paper/v2/clock"), ==, 0);

  for (guint i = 0; i < 3; i++)
    {
      g_autoptr (TestReply) r = test_request (f, "GET", "paper:/v2/clock", f->token, NULL);

      g_assert_cmpuint (r->status, ==, 200);
    }
  {
    g_autoptr (TestReply) refused = test_request (f, "GET", "paper:/v2/clock", "not-a-token", NULL);
    g_autoptr (TestReply) unknown = test_request (f, "POST", "paper:/v2/clock/x", f->token, "{}");

    g_assert_cmpuint (refused->status, ==, 401);
    g_assert_cmpuint (unknown->status, ==, 404);
  }
  /* a delayed request is counted once, not again when it is dispatched */
  paddock_sandbox_add_fault (f->sandbox, "GET", "/data/", PADDOCK_SANDBOX_FAULT_LATENCY, 50, 1);
  {
    g_autoptr (TestReply) snap = test_request (f, "GET",
                                               "data:/v2/stocks/snapshots?symbols=AAPL,MSFT",
                                               f->token, NULL);

    g_assert_cmpuint (snap->status, ==, 200);
  }

  g_assert_cmpuint (paddock_sandbox_count_requests (f->sandbox, "GET", "/paper/v2/clock"), ==, 4);
  g_assert_cmpuint (paddock_sandbox_count_requests (f->sandbox, NULL, "/paper/v2/clock"), ==, 5);
  g_assert_cmpuint (paddock_sandbox_count_requests (f->sandbox, "POST", "/paper/"), ==, 1);
  g_assert_cmpuint (paddock_sandbox_count_requests (f->sandbox, "*", "/data/v2/stocks/snapshots"),
                    ==, 1);
  g_assert_cmpuint (paddock_sandbox_count_requests (f->sandbox, "GET", "/live/"), ==, 0);
  g_assert_cmpuint (paddock_sandbox_count_requests (f->sandbox, NULL, NULL), ==, before_all + 6);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  PADDOCK_TEST_ADD_SANDBOX ("/sandbox/core/describe-json", test_describe_json);
  PADDOCK_TEST_ADD_SANDBOX ("/sandbox/core/binds-loopback-only", test_binds_loopback_only);
  PADDOCK_TEST_ADD_SANDBOX ("/sandbox/core/unknown-endpoint", test_unknown_endpoint);
  PADDOCK_TEST_ADD_SANDBOX ("/sandbox/core/rate-limit", test_rate_limit);
  PADDOCK_TEST_ADD_SANDBOX ("/sandbox/core/fault/status", test_fault_status);
  PADDOCK_TEST_ADD_SANDBOX ("/sandbox/core/fault/method-and-path", test_fault_method_and_path);
  PADDOCK_TEST_ADD_SANDBOX ("/sandbox/core/fault/latency", test_fault_latency);
  PADDOCK_TEST_ADD_SANDBOX ("/sandbox/core/fault/reset", test_fault_reset);
  PADDOCK_TEST_ADD_SANDBOX ("/sandbox/core/fault/malformed", test_fault_malformed);
  PADDOCK_TEST_ADD_SANDBOX ("/sandbox/core/fault/truncated", test_fault_truncated);
  PADDOCK_TEST_ADD_SANDBOX ("/sandbox/core/fault/html", test_fault_html);
  PADDOCK_TEST_ADD_SANDBOX ("/sandbox/core/fault/deep", test_fault_deep);
  PADDOCK_TEST_ADD_SANDBOX ("/sandbox/core/fault/large", test_fault_large);
  PADDOCK_TEST_ADD_SANDBOX ("/sandbox/core/fault/invalid-utf8", test_fault_invalid_utf8);
  PADDOCK_TEST_ADD_SANDBOX ("/sandbox/core/fault/generated-control", test_fault_generated_control);
  PADDOCK_TEST_ADD_SANDBOX ("/sandbox/core/control-api", test_control_api);
  PADDOCK_TEST_ADD_SANDBOX ("/sandbox/core/shortest-numbers", test_shortest_numbers);
  PADDOCK_TEST_ADD_SANDBOX ("/sandbox/core/control-tick-interval", test_control_tick_interval);
  PADDOCK_TEST_ADD_SANDBOX ("/sandbox/core/count-requests", test_count_requests);
  g_test_add_func ("/sandbox/core/start-stop", test_start_stop_twice);
  g_test_add_func ("/sandbox/core/demo-identity-survives-restart", test_demo_identity_survives_restart);

  return g_test_run ();
}
