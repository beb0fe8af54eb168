/* test-token-info.c: token introspection and the Polygon last trade against the sandbox
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "paddock-client.h"
#include "paddock-error.h"
#include "paddock-token-info.h"
#include "sandbox-fixture.h"

typedef struct
{
  SandboxFixture sf;
  PaddockEndpoints *endpoints;
  PaddockCredentials *credentials;
} Fixture;

/* every log message of the program, to prove what never reaches a log */
static GString *log_text;

static GLogWriterOutput
capture_writer (GLogLevelFlags   level,
                const GLogField *fields,
                gsize            n_fields,
                gpointer         user_data)
{
  for (gsize i = 0; i < n_fields; i++)
    if (g_str_equal (fields[i].key, "MESSAGE") || g_str_equal (fields[i].key, "GLIB_DOMAIN"))
      {
        if (fields[i].length < 0)
          g_string_append (log_text, fields[i].value);
        else
          g_string_append_len (log_text, fields[i].value, fields[i].length);
        g_string_append_c (log_text, ' ');
      }
  g_string_append_c (log_text, '\n');
  return g_log_writer_default (level, fields, n_fields, user_data);
}

static PaddockEndpoints *
endpoints_for (PaddockSandbox *sandbox,
               const char     *live_url)
{
  g_autoptr (GError) error = NULL;
  PaddockEndpoints *endpoints;

  endpoints = paddock_endpoints_new_for_sandbox (paddock_sandbox_get_authorize_url (sandbox),
                                                 live_url ? live_url
                                                          : paddock_sandbox_get_live_url (sandbox),
                                                 paddock_sandbox_get_paper_url (sandbox),
                                                 paddock_sandbox_get_data_url (sandbox),
                                                 paddock_sandbox_get_polygon_url (sandbox),
                                                 &error);
  g_assert_no_error (error);
  return endpoints;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  sandbox_fixture_setup (&f->sf, NULL);
  f->endpoints = endpoints_for (f->sf.sandbox, NULL);
  f->credentials = paddock_credentials_new (PADDOCK_ENVIRONMENT_DEMO, "acct", "PA1", f->sf.token,
                                            "bearer", "account:write trading data", NULL);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_assert_finalize_object (f->credentials);
  g_assert_finalize_object (f->endpoints);
  sandbox_fixture_teardown (&f->sf, NULL);
}

/* Runs introspection to the end; returns its result and sets *out_info. */
static gboolean
introspect (PaddockEndpoints   *endpoints,
            PaddockCredentials *credentials,
            PaddockTokenInfo  **out_info,
            GError            **error)
{
  g_auto (PaddockTestAsync) wait = { NULL };

  paddock_token_introspect_async (endpoints, credentials, NULL, paddock_test_async_cb, &wait);
  return paddock_token_introspect_finish (paddock_test_async_wait (&wait), out_info, error);
}

static PaddockPolygonTrade *
last_trade (PaddockEndpoints  *endpoints,
            const char        *key,
            const char        *symbol,
            GError           **error)
{
  g_auto (PaddockTestAsync) wait = { NULL };

  paddock_polygon_last_trade_async (endpoints, key, symbol, NULL, paddock_test_async_cb, &wait);
  return paddock_polygon_last_trade_finish (paddock_test_async_wait (&wait), error);
}

static void
test_introspect_fields (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PaddockTokenInfo) info = NULL;
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  GTimeSpan age;

  g_assert_true (introspect (f->endpoints, f->credentials, &info, &error));
  g_assert_no_error (error);
  g_assert_nonnull (info);

  g_assert_true (paddock_token_info_get_active (info));
  g_assert_nonnull (paddock_token_info_get_aud (info));
  g_assert_cmpstr (paddock_token_info_get_client_id (info), !=, NULL);
  g_assert_true (g_str_has_prefix (paddock_token_info_get_id (info), "AK"));
  g_assert_cmpuint (strlen (paddock_token_info_get_id (info)), ==, 20);
  g_assert_cmpstr (paddock_token_info_get_owner_id (info), !=, NULL);
  g_assert_cmpuint (strlen (paddock_token_info_get_owner_id (info)), ==, 36);
  g_assert_cmpstr (paddock_token_info_get_scope (info), ==, "account:write trading data");
  g_assert_cmpstr (paddock_token_info_get_token_type (info), ==, "Bearer");
  /* iat is epoch seconds: issued a moment ago, not in 1970 or in the year 50,000 */
  g_assert_nonnull (paddock_token_info_get_iat (info));
  age = g_date_time_difference (now, paddock_token_info_get_iat (info));
  g_assert_cmpint (age, >=, -5 * G_TIME_SPAN_SECOND);
  g_assert_cmpint (age, <, 10 * G_TIME_SPAN_MINUTE);
  /* the key id is not the token */
  g_assert_cmpstr (paddock_token_info_get_id (info), !=, f->sf.token);
}

static void
test_introspect_revoked (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  PaddockTokenInfo *info = (PaddockTokenInfo *) 0x1;

  g_assert_true (paddock_sandbox_revoke_token (f->sf.sandbox, f->sf.token));
  g_assert_false (introspect (f->endpoints, f->credentials, &info, &error));
  g_assert_error (error, PADDOCK_ERROR, PADDOCK_ERROR_NOT_AUTHORIZED);
  g_assert_null (info);
}

/* 404, 405 and 501, and a reply that is not JSON: "not answered", not an error */
static void
test_introspect_not_answered (Fixture       *f,
                              gconstpointer  data)
{
  static const int statuses[] = { 404, 405, 501 };

  for (gsize i = 0; i < G_N_ELEMENTS (statuses); i++)
    {
      g_autoptr (GError) error = NULL;
      PaddockTokenInfo *info = (PaddockTokenInfo *) 0x1;

      paddock_sandbox_add_fault (f->sf.sandbox, "GET", "/live/oauth/token",
                                 PADDOCK_SANDBOX_FAULT_STATUS, statuses[i], 1);
      g_assert_true (introspect (f->endpoints, f->credentials, &info, &error));
      g_assert_no_error (error);
      g_assert_null (info);
    }

  {
    g_autoptr (GError) error = NULL;
    PaddockTokenInfo *info = (PaddockTokenInfo *) 0x1;

    paddock_sandbox_add_fault (f->sf.sandbox, "GET", "/live/oauth/token",
                               PADDOCK_SANDBOX_FAULT_MALFORMED, 0, 1);
    g_assert_true (introspect (f->endpoints, f->credentials, &info, &error));
    g_assert_no_error (error);
    g_assert_null (info);
  }

  /* a server error is a failure, not "not answered" */
  {
    g_autoptr (GError) error = NULL;
    PaddockTokenInfo *info = (PaddockTokenInfo *) 0x1;

    paddock_sandbox_add_fault (f->sf.sandbox, "GET", "/live/oauth/token",
                               PADDOCK_SANDBOX_FAULT_STATUS, 503, 1);
    g_assert_false (introspect (f->endpoints, f->credentials, &info, &error));
    g_assert_error (error, PADDOCK_ERROR, PADDOCK_ERROR_NETWORK);
    g_assert_null (info);
  }

  /* and the faults are used up: it answers again */
  {
    g_autoptr (GError) error = NULL;
    g_autoptr (PaddockTokenInfo) info = NULL;

    g_assert_true (introspect (f->endpoints, f->credentials, &info, &error));
    g_assert_no_error (error);
    g_assert_nonnull (info);
  }
}

/* A tiny loopback server: what it was asked, and a reply with odd members. */
typedef struct
{
  char *path;
  char *query;
  char *authorization;
  guint status;
  const char *body;
} Recorder;

static void
recorder_cb (SoupServer        *server,
             SoupServerMessage *msg,
             const char        *path,
             GHashTable        *query,
             gpointer           user_data)
{
  Recorder *r = user_data;
  GUri *uri = soup_server_message_get_uri (msg);

  g_free (r->path);
  g_free (r->query);
  g_free (r->authorization);
  r->path = g_strdup (path);
  r->query = g_strdup (g_uri_get_query (uri));
  r->authorization = g_strdup (soup_message_headers_get_one (
    soup_server_message_get_request_headers (msg), "Authorization"));
  soup_server_message_set_status (msg, r->status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC, r->body,
                                    strlen (r->body));
}

static void
test_introspect_header_and_tolerance (Fixture       *f,
                                      gconstpointer  data)
{
  Recorder r = { NULL, NULL, NULL, 200,
                 "{\"active\":true,\"aud\":7,\"client_id\":null,\"iat\":1704466800,"
                 "\"id\":\"AKQ2W3E4R5T6Y7U8I9O0\",\"scope\":\"general\",\"exp\":1,"
                 "\"extra\":{\"nested\":[1,2]},\"token_type\":\"Bearer\"}" };
  g_autoptr (SoupServer) server = soup_server_new (NULL, NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (GSList) uris = NULL;
  g_autoptr (PaddockEndpoints) endpoints = NULL;
  g_autoptr (PaddockTokenInfo) info = NULL;
  g_autofree char *live = NULL;
  g_autofree char *expected_auth = g_strdup_printf ("Bearer %s", f->sf.token);
  g_autoptr (GDateTime) iat = NULL;

  soup_server_add_handler (server, NULL, recorder_cb, &r, NULL);
  g_assert_true (soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  live = g_strdup_printf ("http://127.0.0.1:%d/live", g_uri_get_port (uris->data));
  g_slist_free_full (g_steal_pointer (&uris), (GDestroyNotify) g_uri_unref);
  endpoints = endpoints_for (f->sf.sandbox, live);

  g_assert_true (introspect (endpoints, f->credentials, &info, &error));
  g_assert_no_error (error);
  g_assert_nonnull (info);

  /* the token is in the Authorization header and nowhere in the address */
  g_assert_cmpstr (r.path, ==, "/live/oauth/token");
  g_assert_null (r.query);
  g_assert_cmpstr (r.authorization, ==, expected_auth);

  /* wrong types are left unset, unknown members ignored */
  g_assert_true (paddock_token_info_get_active (info));
  g_assert_null (paddock_token_info_get_aud (info));
  g_assert_null (paddock_token_info_get_client_id (info));
  g_assert_null (paddock_token_info_get_owner_id (info));
  g_assert_cmpstr (paddock_token_info_get_id (info), ==, "AKQ2W3E4R5T6Y7U8I9O0");
  g_assert_cmpstr (paddock_token_info_get_scope (info), ==, "general");
  iat = g_date_time_new_utc (2024, 1, 5, 15, 0, 0);
  g_assert_true (g_date_time_equal (paddock_token_info_get_iat (info), iat));
  g_clear_object (&info);

  /* an HTML page with 200 is "not answered" */
  r.body = "<html><body>Welcome</body></html>";
  g_assert_true (introspect (endpoints, f->credentials, &info, &error));
  g_assert_no_error (error);
  g_assert_null (info);

  /* a JSON array is not an introspection reply either */
  r.body = "[1,2,3]";
  g_assert_true (introspect (endpoints, f->credentials, &info, &error));
  g_assert_no_error (error);
  g_assert_null (info);

  /* 404 from a server that has no such path */
  r.status = 404;
  r.body = "{\"message\":\"Not Found\"}";
  g_assert_true (introspect (endpoints, f->credentials, &info, &error));
  g_assert_no_error (error);
  g_assert_null (info);

  g_free (r.path);
  g_free (r.query);
  g_free (r.authorization);
}

static char *
key_id (Fixture *f)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PaddockTokenInfo) info = NULL;

  g_assert_true (introspect (f->endpoints, f->credentials, &info, &error));
  g_assert_no_error (error);
  g_assert_nonnull (info);
  return g_strdup (paddock_token_info_get_id (info));
}

static void
test_polygon_last_trade (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PaddockPolygonTrade) trade = NULL;
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *key = key_id (f);
  GTimeSpan age;

  g_assert_true (paddock_sandbox_set_price (f->sf.sandbox, "MSFT", "370.48"));
  trade = last_trade (f->endpoints, key, "msft", &error);
  g_assert_no_error (error);
  g_assert_nonnull (trade);
  g_assert_cmpstr (trade->symbol, ==, "MSFT");
  g_assert_cmpstr (trade->price, ==, "370.48");
  g_assert_cmpint (trade->size, >, 0);
  g_assert_cmpint (trade->exchange, >=, 10);
  g_assert_cmpint (trade->exchange, <=, 12);
  /* epoch milliseconds, read as such: today, not in the year 50,000 */
  g_assert_nonnull (trade->timestamp);
  age = g_date_time_difference (now, trade->timestamp);
  g_assert_cmpint (age, >, -G_TIME_SPAN_DAY);
  g_assert_cmpint (age, <, 7 * G_TIME_SPAN_DAY);
}

static void
test_polygon_errors (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *key = key_id (f);

  {
    g_autoptr (GError) error = NULL;
    g_autoptr (PaddockPolygonTrade) trade = last_trade (f->endpoints, key, "NOSUCH", &error);

    g_assert_error (error, PADDOCK_ERROR, PADDOCK_ERROR_NOT_FOUND);
    g_assert_null (trade);
  }
  {
    g_autoptr (GError) error = NULL;
    g_autoptr (PaddockPolygonTrade) trade = last_trade (f->endpoints, "AKNOTAKEY00000000000",
                                                        "MSFT", &error);

    g_assert_error (error, PADDOCK_ERROR, PADDOCK_ERROR_NOT_AUTHORIZED);
    g_assert_null (trade);
  }
  {
    g_autoptr (GError) error = NULL;
    g_autoptr (PaddockPolygonTrade) trade = last_trade (f->endpoints, key, "MS FT?x=1", &error);

    g_assert_error (error, PADDOCK_ERROR, PADDOCK_ERROR_INVALID_INPUT);
    g_assert_null (trade);
  }
  {
    g_autoptr (GError) error = NULL;
    g_autoptr (PaddockPolygonTrade) trade = NULL;

    paddock_sandbox_add_fault (f->sf.sandbox, "GET", "/polygon/v1/last/stocks",
                               PADDOCK_SANDBOX_FAULT_MALFORMED, 0, 1);
    trade = last_trade (f->endpoints, key, "MSFT", &error);
    g_assert_error (error, PADDOCK_ERROR, PADDOCK_ERROR_PROTOCOL);
    g_assert_null (trade);
  }
  /* a revoked token's key id stops working too */
  {
    g_autoptr (GError) error = NULL;
    g_autoptr (PaddockPolygonTrade) trade = NULL;

    g_assert_true (paddock_sandbox_revoke_token (f->sf.sandbox, f->sf.token));
    trade = last_trade (f->endpoints, key, "MSFT", &error);
    g_assert_error (error, PADDOCK_ERROR, PADDOCK_ERROR_NOT_AUTHORIZED);
    g_assert_null (trade);
  }
}

static void
test_polygon_trade_json (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) node = json_from_string (
    "{\"status\":\"success\",\"symbol\":\"MSFT\",\"last\":{\"price\":370.48,\"size\":100,"
    "\"exchange\":12,\"cond1\":14,\"cond2\":0,\"cond3\":0,\"cond4\":0,"
    "\"timestamp\":1704727930004}}", NULL);
  g_autoptr (PaddockPolygonTrade) trade = paddock_polygon_trade_new_from_json (node, &error);
  g_autoptr (PaddockPolygonTrade) copy = NULL;
  g_autoptr (GDateTime) expected = g_date_time_new_utc (2024, 1, 8, 15, 32, 10.004);
  g_autoptr (JsonNode) no_time = json_from_string (
    "{\"symbol\":\"MSFT\",\"last\":{\"price\":1.5,\"size\":1}}", NULL);
  g_autoptr (PaddockPolygonTrade) bad = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (trade->symbol, ==, "MSFT");
  g_assert_cmpstr (trade->price, ==, "370.48");
  g_assert_cmpint (trade->size, ==, 100);
  g_assert_cmpint (trade->exchange, ==, 12);
  /* milliseconds, to the millisecond */
  g_assert_cmpint (g_date_time_to_unix (trade->timestamp), ==, 1704727930);
  g_assert_cmpint (g_date_time_get_microsecond (trade->timestamp), ==, 4000);
  g_assert_cmpint (g_date_time_difference (trade->timestamp, expected), <, 1000);
  g_assert_cmpint (g_date_time_difference (trade->timestamp, expected), >, -1000);

  copy = paddock_polygon_trade_copy (trade);
  g_assert_cmpstr (copy->price, ==, "370.48");
  g_assert_true (g_date_time_equal (copy->timestamp, trade->timestamp));

  bad = paddock_polygon_trade_new_from_json (no_time, &error);
  g_assert_error (error, PADDOCK_ERROR, PADDOCK_ERROR_PROTOCOL);
  g_assert_null (bad);
}

/* The apiKey is in the address by the API's design: every log shows it redacted. */
static void
test_polygon_key_redacted (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PaddockPolygonTrade) trade = NULL;
  g_autofree char *key = key_id (f);
  g_autofree char *redacted = NULL;
  g_autofree char *url = g_strdup_printf ("http://127.0.0.1:1/polygon/v1/last/stocks/MSFT?apiKey=%s",
                                          key);
  g_autofree char *mixed = g_strdup_printf ("http://127.0.0.1:1/v1/last/stocks/MSFT?x=1&APIKEY=%s&y=2",
                                            key);

  redacted = paddock_redact_url (url);
  g_assert_null (strstr (redacted, key));
  g_assert_cmpstr (redacted, ==, "http://127.0.0.1:1/polygon/v1/last/stocks/MSFT?apiKey=[redacted]");
  g_clear_pointer (&redacted, g_free);
  redacted = paddock_redact_url (mixed);
  g_assert_cmpstr (redacted, ==, "http://127.0.0.1:1/v1/last/stocks/MSFT?x=1&APIKEY=[redacted]&y=2");

  /* the lookup itself logs its address, redacted */
  g_string_truncate (log_text, 0);
  trade = last_trade (f->endpoints, key, "AAPL", &error);
  g_assert_no_error (error);
  g_assert_nonnull (trade);
  g_assert_nonnull (strstr (log_text->str, "apiKey=[redacted]"));
  g_assert_null (strstr (log_text->str, key));
  g_assert_null (strstr (log_text->str, f->sf.token));
}

int
main (int   argc,
      char *argv[])
{
  log_text = g_string_new (NULL);
  g_log_set_writer_func (capture_writer, NULL, NULL);
  g_test_init (&argc, &argv, NULL);

  PADDOCK_TEST_ADD_FIXTURE ("/token-info/introspect/fields", Fixture, fixture,
                            test_introspect_fields);
  PADDOCK_TEST_ADD_FIXTURE ("/token-info/introspect/revoked", Fixture, fixture,
                            test_introspect_revoked);
  PADDOCK_TEST_ADD_FIXTURE ("/token-info/introspect/not-answered", Fixture, fixture,
                            test_introspect_not_answered);
  PADDOCK_TEST_ADD_FIXTURE ("/token-info/introspect/header-and-tolerance", Fixture, fixture,
                            test_introspect_header_and_tolerance);
  PADDOCK_TEST_ADD_FIXTURE ("/token-info/polygon/last-trade", Fixture, fixture,
                            test_polygon_last_trade);
  PADDOCK_TEST_ADD_FIXTURE ("/token-info/polygon/errors", Fixture, fixture, test_polygon_errors);
  PADDOCK_TEST_ADD_FIXTURE ("/token-info/polygon/key-redacted", Fixture, fixture,
                            test_polygon_key_redacted);
  g_test_add_func ("/token-info/polygon/json", test_polygon_trade_json);

  return g_test_run ();
}
