/* test-asset.c: the asset model, the asset lookup and the latest trade against the sandbox
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "paddock-asset.h"
#include "paddock-error.h"
#include "paddock-json.h"
#include "paddock-session.h"
#include "sandbox-fixture.h"

typedef struct
{
  SandboxFixture sf;
  PaddockEndpoints *endpoints;
  PaddockSession *session;
  guint data_requests;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr (PaddockCredentials) credentials = NULL;
  g_autoptr (GError) error = NULL;

  sandbox_fixture_setup (&f->sf, data);
  paddock_sandbox_set_tick_interval (f->sf.sandbox, 0);  /* prices stay put */
  f->endpoints = paddock_endpoints_new_for_sandbox (paddock_sandbox_get_authorize_url (f->sf.sandbox),
                                                    paddock_sandbox_get_live_url (f->sf.sandbox),
                                                    paddock_sandbox_get_paper_url (f->sf.sandbox),
                                                    paddock_sandbox_get_data_url (f->sf.sandbox),
                                                    paddock_sandbox_get_polygon_url (f->sf.sandbox),
                                                    &error);
  g_assert_no_error (error);
  credentials = paddock_credentials_new (PADDOCK_ENVIRONMENT_DEMO, "acct", "PA1", f->sf.token,
                                         "bearer", "account:write trading data", NULL);
  f->session = paddock_session_new (f->endpoints, credentials);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->session);
  g_clear_object (&f->endpoints);
  sandbox_fixture_teardown (&f->sf, data);
}

#define ADD(path, func) PADDOCK_TEST_ADD_FIXTURE (path, Fixture, fixture, func)

static PaddockAsset *
lookup (PaddockClient  *client,
        const char     *symbol,
        GError        **error)
{
  g_auto (PaddockTestAsync) w = { 0 };

  paddock_asset_lookup_async (client, symbol, NULL, paddock_test_async_cb, &w);
  return paddock_asset_lookup_finish (client, paddock_test_async_wait (&w), error);
}

static PaddockTrade *
latest_trade (PaddockClient  *client,
              const char     *symbol,
              GError        **error)
{
  g_auto (PaddockTestAsync) w = { 0 };

  paddock_asset_latest_trade_async (client, symbol, NULL, paddock_test_async_cb, &w);
  return paddock_asset_latest_trade_finish (client, paddock_test_async_wait (&w), error);
}

static JsonNode *
parse (const char *text)
{
  g_autoptr (GError) error = NULL;
  JsonNode *node = paddock_json_parse (text, strlen (text), 1 << 20, 32, &error);

  g_assert_no_error (error);
  return node;
}

/* ---- the model ---------------------------------------------------------------------- */

static void
test_model_every_field (void)
{
  g_autoptr (JsonNode) node = parse (
    "{\"id\":\"1e7c2d44-5f0a-4b6e-9d3c-8a2b1c0d9e8f\",\"class\":\"us_equity\","
    "\"exchange\":\"NASDAQ\",\"symbol\":\"MSFT\",\"name\":\"Microsoft Corporation Common Stock\","
    "\"status\":\"active\",\"tradable\":true,\"marginable\":true,\"shortable\":false,"
    "\"easy_to_borrow\":true,\"fractionable\":true,\"maintenance_margin_requirement\":30,"
    "\"attributes\":[\"ptp_no_exception\",\"ipo\"],\"min_order_size\":\"0.0001\","
    "\"min_trade_increment\":\"0.0001\",\"price_increment\":0.01,"
    "\"some_future_member\":{\"nested\":[1,2,3]}}");
  g_autoptr (GError) error = NULL;
  g_autoptr (PaddockAsset) asset = paddock_asset_new_from_json (node, &error);
  g_autofree char *klass = NULL;
  gboolean easy = FALSE;
  g_auto (GStrv) attributes = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (asset);
  g_assert_cmpstr (paddock_asset_get_id (asset), ==, "1e7c2d44-5f0a-4b6e-9d3c-8a2b1c0d9e8f");
  g_assert_cmpstr (paddock_asset_get_asset_class (asset), ==, "us_equity");
  g_assert_cmpstr (paddock_asset_get_exchange (asset), ==, "NASDAQ");
  g_assert_cmpstr (paddock_asset_get_symbol (asset), ==, "MSFT");
  g_assert_cmpstr (paddock_asset_get_name (asset), ==, "Microsoft Corporation Common Stock");
  g_assert_cmpstr (paddock_asset_get_status (asset), ==, "active");
  g_assert_true (paddock_asset_get_tradable (asset));
  g_assert_true (paddock_asset_get_marginable (asset));
  g_assert_false (paddock_asset_get_shortable (asset));
  g_assert_true (paddock_asset_get_easy_to_borrow (asset));
  g_assert_true (paddock_asset_get_fractionable (asset));
  g_assert_cmpstr (paddock_asset_get_maintenance_margin_requirement (asset), ==, "30");
  g_assert_cmpstr (paddock_asset_get_min_order_size (asset), ==, "0.0001");
  g_assert_cmpstr (paddock_asset_get_min_trade_increment (asset), ==, "0.0001");
  g_assert_cmpstr (paddock_asset_get_price_increment (asset), ==, "0.01");
  g_assert_cmpuint (g_strv_length ((GStrv) paddock_asset_get_attributes (asset)), ==, 2);
  g_assert_cmpstr (paddock_asset_get_attributes (asset)[1], ==, "ipo");

  /* the same as properties ("class" keeps its name) */
  g_object_get (asset, "class", &klass, "easy-to-borrow", &easy, "attributes", &attributes,
                NULL);
  g_assert_cmpstr (klass, ==, "us_equity");
  g_assert_true (easy);
  g_assert_cmpstr (attributes[0], ==, "ptp_no_exception");
}

static void
test_model_tolerated_and_refused (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PaddockAsset) asset = NULL;
  g_autoptr (JsonNode) lenient = parse (
    "{\"symbol\":\"XYZ\",\"name\":7,\"tradable\":\"yes\",\"attributes\":[\"a\",3,null],"
    "\"exchange\":null}");
  g_autoptr (JsonNode) no_symbol = parse ("{\"name\":\"No symbol\"}");
  g_autoptr (JsonNode) bad_decimal = parse (
    "{\"symbol\":\"XYZ\",\"maintenance_margin_requirement\":\"thirty\"}");
  g_autoptr (JsonNode) not_object = parse ("[1,2]");

  asset = paddock_asset_new_from_json (lenient, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (paddock_asset_get_symbol (asset), ==, "XYZ");
  g_assert_null (paddock_asset_get_name (asset));
  g_assert_null (paddock_asset_get_exchange (asset));
  g_assert_false (paddock_asset_get_tradable (asset));
  g_assert_cmpuint (g_strv_length ((GStrv) paddock_asset_get_attributes (asset)), ==, 1);
  g_clear_object (&asset);

  g_assert_null (paddock_asset_new_from_json (no_symbol, &error));
  g_assert_error (error, PADDOCK_ERROR, PADDOCK_ERROR_PROTOCOL);
  g_clear_error (&error);
  g_assert_null (paddock_asset_new_from_json (bad_decimal, &error));
  g_assert_error (error, PADDOCK_ERROR, PADDOCK_ERROR_PROTOCOL);
  g_clear_error (&error);
  g_assert_null (paddock_asset_new_from_json (not_object, &error));
  g_assert_error (error, PADDOCK_ERROR, PADDOCK_ERROR_PROTOCOL);
}

static void
test_trade_model (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) node = parse (
    "{\"symbol\":\"MSFT\",\"trade\":{\"t\":\"2024-01-08T15:32:11.118004321Z\",\"x\":\"V\","
    "\"p\":370.52,\"s\":100,\"c\":[\"@\"],\"i\":52983525029461,\"z\":\"C\"}}");
  g_autoptr (JsonNode) round = parse ("{\"symbol\":\"X\",\"trade\":{\"p\":200.0,\"s\":1e2}}");
  g_autoptr (JsonNode) tiny = parse ("{\"symbol\":\"X\",\"trade\":{\"p\":1e-05}}");
  g_autoptr (PaddockTrade) round_trade = NULL;
  g_autoptr (JsonNode) no_price = parse ("{\"symbol\":\"MSFT\",\"trade\":{\"s\":100}}");
  g_autoptr (JsonNode) no_trade = parse ("{\"symbol\":\"MSFT\"}");
  g_autoptr (PaddockTrade) trade = paddock_trade_new_from_json (node, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (trade->symbol, ==, "MSFT");
  g_assert_cmpstr (trade->price, ==, "370.52");
  g_assert_cmpstr (trade->size, ==, "100");
  g_assert_cmpstr (trade->exchange, ==, "V");
  g_assert_nonnull (trade->time);
  g_assert_cmpint (g_date_time_get_year (trade->time), ==, 2024);

  /* a round price sent as a JSON real is its plain digits, never "2e+02" */
  round_trade = paddock_trade_new_from_json (round, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (round_trade->price, ==, "200");
  g_assert_cmpstr (round_trade->size, ==, "100");
  /* a price that only prints with an exponent is refused, not expanded */
  g_assert_null (paddock_trade_new_from_json (tiny, &error));
  g_assert_error (error, PADDOCK_ERROR, PADDOCK_ERROR_PROTOCOL);
  g_clear_error (&error);

  g_assert_null (paddock_trade_new_from_json (no_price, &error));
  g_assert_error (error, PADDOCK_ERROR, PADDOCK_ERROR_PROTOCOL);
  g_clear_error (&error);
  g_assert_null (paddock_trade_new_from_json (no_trade, &error));
  g_assert_error (error, PADDOCK_ERROR, PADDOCK_ERROR_PROTOCOL);
}

/* ---- against the sandbox ------------------------------------------------------------ */

static void
test_lookup_known (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PaddockAsset) aapl = lookup (paddock_session_get_client (f->session), "AAPL",
                                          &error);
  g_autoptr (PaddockAsset) gme = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (paddock_asset_get_symbol (aapl), ==, "AAPL");
  g_assert_cmpstr (paddock_asset_get_name (aapl), ==, "Apple Inc. Common Stock");
  g_assert_cmpstr (paddock_asset_get_exchange (aapl), ==, "NASDAQ");
  g_assert_cmpstr (paddock_asset_get_asset_class (aapl), ==, "us_equity");
  g_assert_true (paddock_asset_get_tradable (aapl));
  g_assert_true (paddock_asset_get_fractionable (aapl));
  g_assert_true (paddock_asset_get_shortable (aapl));
  g_assert_nonnull (paddock_asset_get_id (aapl));

  /* one the sandbox keeps whole-share only and not shortable */
  gme = lookup (paddock_session_get_client (f->session), "GME", &error);
  g_assert_no_error (error);
  g_assert_false (paddock_asset_get_fractionable (gme));
  g_assert_false (paddock_asset_get_shortable (gme));
}

static void
test_lookup_unknown (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PaddockAsset) asset = lookup (paddock_session_get_client (f->session),
                                           "NOSUCHSYM", &error);

  g_assert_null (asset);
  g_assert_error (error, PADDOCK_ERROR, PADDOCK_ERROR_NOT_FOUND);
  g_assert_cmpuint (paddock_error_get_http_status (error), ==, 404);
}

static void
attempt_cb (PaddockClient *client,
            const char    *method,
            const char    *path,
            guint          attempt,
            guint         *count)
{
  (*count)++;
}

static void
test_lookup_invalid_sends_nothing (Fixture       *f,
                                   gconstpointer  data)
{
  PaddockClient *client = paddock_session_get_client (f->session);
  const char *bad[] = { "", "A B", "A/B", "A\nB" };
  guint attempts = 0;

  g_signal_connect (client, "attempt", G_CALLBACK (attempt_cb), &attempts);
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (PaddockAsset) asset = lookup (client, bad[i], &error);

      g_assert_null (asset);
      g_assert_error (error, PADDOCK_ERROR, PADDOCK_ERROR_INVALID_INPUT);
    }
  g_assert_cmpuint (attempts, ==, 0);
}

static void
test_lookup_cancelled (Fixture       *f,
                       gconstpointer  data)
{
  PaddockClient *client = paddock_session_get_client (f->session);
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_auto (PaddockTestAsync) w = { 0 };
  g_autoptr (GError) error = NULL;
  g_autoptr (PaddockAsset) asset = NULL;

  paddock_asset_lookup_async (client, "AAPL", cancellable, paddock_test_async_cb, &w);
  g_cancellable_cancel (cancellable);
  asset = paddock_asset_lookup_finish (client, paddock_test_async_wait (&w), &error);
  g_assert_null (asset);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
data_attempt_cb (PaddockClient *client,
                 const char    *method,
                 const char    *path,
                 guint          attempt,
                 Fixture       *f)
{
  g_assert_true (g_str_has_prefix (path, "/v2/stocks/"));
  f->data_requests++;
}

static void
test_latest_trade (Fixture       *f,
                   gconstpointer  data)
{
  PaddockClient *data_client = paddock_session_get_data_client (f->session);
  g_autoptr (GError) error = NULL;
  g_autoptr (PaddockTrade) trade = NULL;

  /* its own client, for the data URL, kept by the session */
  g_assert_true (data_client != paddock_session_get_client (f->session));
  g_assert_true (data_client == paddock_session_get_data_client (f->session));
  g_assert_cmpstr (paddock_client_get_base_url (data_client), ==,
                   paddock_endpoints_get_data_url (f->endpoints));
  g_signal_connect (data_client, "attempt", G_CALLBACK (data_attempt_cb), f);

  g_assert_true (paddock_sandbox_set_price (f->sf.sandbox, "MSFT", "371.25"));
  trade = latest_trade (data_client, "MSFT", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (trade->symbol, ==, "MSFT");
  g_assert_cmpstr (trade->price, ==, "371.25");
  g_assert_nonnull (trade->time);
  g_assert_cmpuint (f->data_requests, ==, 1);
}

static void
test_latest_trade_unknown (Fixture       *f,
                           gconstpointer  data)
{
  PaddockClient *data_client = paddock_session_get_data_client (f->session);
  g_autoptr (GError) error = NULL;
  g_autoptr (PaddockTrade) trade = latest_trade (data_client, "NOSUCHSYM", &error);

  g_assert_null (trade);
  g_assert_error (error, PADDOCK_ERROR, PADDOCK_ERROR_NOT_FOUND);
  g_assert_cmpuint (paddock_error_get_http_status (error), ==, 404);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/asset/model/every-field", test_model_every_field);
  g_test_add_func ("/asset/model/tolerated-and-refused", test_model_tolerated_and_refused);
  g_test_add_func ("/asset/model/trade", test_trade_model);
  ADD ("/asset/lookup/known", test_lookup_known);
  ADD ("/asset/lookup/unknown", test_lookup_unknown);
  ADD ("/asset/lookup/invalid-sends-nothing", test_lookup_invalid_sends_nothing);
  ADD ("/asset/lookup/cancelled", test_lookup_cancelled);
  ADD ("/asset/latest-trade/price", test_latest_trade);
  ADD ("/asset/latest-trade/unknown", test_latest_trade_unknown);

  return g_test_run ();
}
