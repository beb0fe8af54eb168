/* test-account.c: PaddockAccount from JSON
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "paddock-account.h"
#include "paddock-error.h"
#include "paddock-json.h"

static const char *example =
  "{\"id\":\"3f2c9a1e-5b7d-4c1a-9e8f-0a1b2c3d4e5f\",\"account_number\":\"PA31Z8KQ0XYZ\","
  "\"status\":\"ACTIVE\",\"crypto_status\":\"ACTIVE\",\"currency\":\"USD\",\"cash\":\"18250.40\","
  "\"portfolio_value\":\"24310.90\",\"equity\":\"24310.90\",\"last_equity\":\"24102.15\","
  "\"long_market_value\":\"6060.50\",\"short_market_value\":\"0\",\"buying_power\":\"48621.80\","
  "\"regt_buying_power\":\"48621.80\",\"daytrading_buying_power\":\"0\","
  "\"non_marginable_buying_power\":\"18250.40\",\"initial_margin\":\"3030.25\","
  "\"maintenance_margin\":\"1818.15\",\"last_maintenance_margin\":\"1790.00\",\"sma\":\"0\","
  "\"multiplier\":\"2\",\"daytrade_count\":0,\"pattern_day_trader\":false,"
  "\"trading_blocked\":false,\"transfers_blocked\":false,\"account_blocked\":false,"
  "\"trade_suspended_by_user\":false,\"shorting_enabled\":true,\"accrued_fees\":\"0\","
  "\"pending_transfer_in\":\"0\",\"pending_transfer_out\":\"0\","
  "\"created_at\":\"2023-05-04T15:22:31.123456Z\"}";

static PaddockAccount *
parse (const char  *text,
       GError     **error)
{
  g_autoptr (JsonNode) node = json_from_string (text, NULL);

  g_assert_nonnull (node);
  return paddock_account_new_from_json (node, error);
}

static void
test_every_field (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PaddockAccount) account = parse (example, &error);
  g_autofree char *multiplier = NULL;
  gint64 daytrades = -1;
  gboolean shorting = FALSE;
  g_autoptr (JsonNode) out = NULL;
  g_autoptr (JsonNode) in = json_from_string (example, NULL);

  g_assert_no_error (error);
  g_assert_cmpstr (paddock_account_get_account_number (account), ==, "PA31Z8KQ0XYZ");
  g_assert_cmpstr (paddock_account_get_cash (account), ==, "18250.40");
  g_assert_cmpstr (paddock_account_get_equity (account), ==, "24310.90");
  g_assert_cmpstr (paddock_account_get_last_equity (account), ==, "24102.15");
  g_assert_cmpstr (paddock_account_get_buying_power (account), ==, "48621.80");
  g_assert_false (paddock_account_get_pattern_day_trader (account));

  /* every field is a property, with Alpaca's name in GObject spelling */
  g_object_get (account, "multiplier", &multiplier, "daytrade-count", &daytrades,
                "shorting-enabled", &shorting, NULL);
  g_assert_cmpstr (multiplier, ==, "2");
  g_assert_cmpint (daytrades, ==, 0);
  g_assert_true (shorting);
  {
    guint n = 0;
    g_autofree GParamSpec **specs = g_object_class_list_properties (G_OBJECT_GET_CLASS (account), &n);

    g_assert_cmpuint (n, >=, json_object_get_size (json_node_get_object (in)));
  }

  /* money goes out exactly as it came in */
  out = paddock_account_to_json (account);
  g_assert_true (json_node_equal (in, out));
}

static void
test_tolerant (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PaddockAccount) account = NULL;

  /* unknown members ignored, optional ones missing, daytrade_count as a string, a number
   * where a decimal string is expected */
  account = parse ("{\"id\":\"x\",\"account_number\":\"PA1\",\"status\":\"ACTIVE\",\"cash\":1000,"
                   "\"equity\":\"1000.5\",\"daytrade_count\":\"3\",\"brand_new_field\":[1,2],"
                   "\"last_equity\":null}", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (paddock_account_get_cash (account), ==, "1000");
  g_assert_null (paddock_account_get_last_equity (account));
  g_assert_null (paddock_account_get_buying_power (account));
}

static void
test_wrong_types (void)
{
  const char *bad[] = {
    "{\"id\":\"x\",\"account_number\":\"PA1\",\"status\":\"ACTIVE\",\"cash\":\"12abc\",\"equity\":\"1\"}",
    "{\"id\":\"x\",\"account_number\":\"PA1\",\"status\":\"ACTIVE\",\"cash\":\"1\",\"equity\":true}",
    "{\"id\":\"x\",\"account_number\":\"PA1\",\"status\":\"ACTIVE\",\"cash\":\"1\",\"equity\":\"1\",\"pattern_day_trader\":\"no\"}",
    "{\"id\":\"x\",\"account_number\":\"PA1\",\"status\":\"ACTIVE\",\"cash\":\"1\",\"equity\":\"1\",\"daytrade_count\":{}}",
    "{\"id\":7,\"account_number\":\"PA1\",\"status\":\"ACTIVE\",\"cash\":\"1\",\"equity\":\"1\"}",
    "{\"account_number\":\"PA1\",\"status\":\"ACTIVE\",\"cash\":\"1\",\"equity\":\"1\"}",
    "[1,2,3]",
    "\"account\"",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (PaddockAccount) account = parse (bad[i], &error);

      g_assert_null (account);
      g_assert_error (error, PADDOCK_ERROR, PADDOCK_ERROR_PROTOCOL);
    }
}

#define ACCOUNT_START "{\"id\":\"x\",\"account_number\":\"PA1\",\"status\":\"ACTIVE\","

/* Numbers json-glib reads wrongly or that no account has: refused, naming the field, never
 * kept as "-1", "inf" or a wrapped count. */
static void
test_out_of_range (void)
{
  const struct {
    const char *json;
    const char *field;
  } cases[] = {
    /* json-glib reads 2^64 - 1 as -1 */
    { ACCOUNT_START "\"cash\":\"1\",\"equity\":\"1\",\"daytrade_count\":18446744073709551615}",
      "daytrade_count" },
    { ACCOUNT_START "\"cash\":\"1\",\"equity\":\"1\",\"daytrade_count\":-1}", "daytrade_count" },
    { ACCOUNT_START "\"cash\":\"1\",\"equity\":\"1\",\"daytrade_count\":\"99999999999999999999\"}",
      "daytrade_count" },
    { ACCOUNT_START "\"cash\":\"1\",\"equity\":\"1\",\"crypto_tier\":4294967296}", "crypto_tier" },
    /* json-glib reads 1e400 as infinity */
    { ACCOUNT_START "\"cash\":\"1\",\"equity\":1e400}", "equity" },
    { ACCOUNT_START "\"cash\":-1e400,\"equity\":\"1\"}", "cash" },
    { ACCOUNT_START "\"cash\":\"1\",\"equity\":1e30}", "equity" },
    { ACCOUNT_START "\"cash\":\"1\",\"equity\":\"123456789012345678901234567890123456789\"}",
      "equity" },
    { ACCOUNT_START "\"cash\":\"1\",\"equity\":\"1\",\"buying_power\":\"-1000000000000000000.5\"}",
      "buying_power" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (PaddockAccount) account = parse (cases[i].json, &error);

      g_test_message ("%s", cases[i].json);
      g_assert_null (account);
      g_assert_error (error, PADDOCK_ERROR, PADDOCK_ERROR_PROTOCOL);
      g_assert_nonnull (strstr (error->message, cases[i].field));
    }
}

/* What the client reads goes through paddock_json_parse(), which refuses what json-glib
 * would misread without a word: a NUL in the account number, a 39-digit equity. */
static void
test_misread_refused (void)
{
  const char *cases[] = {
    ACCOUNT_START "\"cash\":\"1\",\"equity\":123456789012345678901234567890123456789}",
    "{\"id\":\"x\",\"account_number\":\"PA1\\u0000HIDDEN\",\"status\":\"ACTIVE\","
    "\"cash\":\"1\",\"equity\":\"1\"}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (JsonNode) node = paddock_json_parse (cases[i], strlen (cases[i]),
                                                      PADDOCK_JSON_MAX_BYTES,
                                                      PADDOCK_JSON_MAX_DEPTH, &error);

      g_assert_null (node);
      g_assert_error (error, PADDOCK_ERROR, PADDOCK_ERROR_PROTOCOL);
    }
}

static void
test_numbers_as_decimals (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PaddockAccount) account = NULL;

  account = parse (ACCOUNT_START "\"cash\":0.00001,\"equity\":-2500.5,\"buying_power\":"
                   "999999999999999999,\"last_equity\":1e-12,\"daytrade_count\":2147483647}",
                   &error);
  g_assert_no_error (error);
  g_assert_cmpstr (paddock_account_get_cash (account), ==, "0.00001");
  g_assert_cmpstr (paddock_account_get_equity (account), ==, "-2500.5");
  g_assert_cmpstr (paddock_account_get_buying_power (account), ==, "999999999999999999");
  g_assert_cmpstr (paddock_account_get_last_equity (account), ==, "0");
}

static void
notify_cb (GObject    *object,
           GParamSpec *pspec,
           GPtrArray  *names)
{
  g_ptr_array_add (names, g_strdup (pspec->name));
}

static void
test_update_notifies_changes_only (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PaddockAccount) account = parse (example, &error);
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (JsonNode) node = json_from_string (example, NULL);
  g_autoptr (JsonNode) bad = json_from_string ("{\"id\":\"x\"}", NULL);

  g_signal_connect (account, "notify", G_CALLBACK (notify_cb), names);

  g_assert_true (paddock_account_update_from_json (account, node, &error));
  g_assert_cmpuint (names->len, ==, 0);

  json_object_set_string_member (json_node_get_object (node), "cash", "100.00");
  g_assert_true (paddock_account_update_from_json (account, node, &error));
  g_assert_cmpuint (names->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (names, 0), ==, "cash");

  /* a bad update changes nothing */
  g_assert_false (paddock_account_update_from_json (account, bad, &error));
  g_assert_error (error, PADDOCK_ERROR, PADDOCK_ERROR_PROTOCOL);
  g_assert_cmpstr (paddock_account_get_cash (account), ==, "100.00");
  g_assert_cmpuint (names->len, ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/account/every-field", test_every_field);
  g_test_add_func ("/account/tolerant", test_tolerant);
  g_test_add_func ("/account/wrong-types", test_wrong_types);
  g_test_add_func ("/account/out-of-range", test_out_of_range);
  g_test_add_func ("/account/misread-refused", test_misread_refused);
  g_test_add_func ("/account/numbers-as-decimals", test_numbers_as_decimals);
  g_test_add_func ("/account/update-notifies-changes-only", test_update_notifies_changes_only);

  return g_test_run ();
}
