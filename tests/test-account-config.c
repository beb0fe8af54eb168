/* test-account-config.c: the account's settings against the sandbox: read, change, read back,
 * and the scope a change needs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "paddock-account-config.h"
#include "paddock-error.h"
#include "paddock-json.h"
#include "sandbox-fixture.h"

static PaddockAccountConfig *
get_config (PaddockClient  *client,
            GError        **error)
{
  g_auto (PaddockTestAsync) w = { 0 };

  paddock_account_config_get_async (client, NULL, paddock_test_async_cb, &w);
  return paddock_account_config_get_finish (client, paddock_test_async_wait (&w), error);
}

static PaddockAccountConfig *
update_config (PaddockClient  *client,
               JsonObject     *changes,
               GError        **error)
{
  g_auto (PaddockTestAsync) w = { 0 };

  paddock_account_config_update_async (client, changes, NULL, paddock_test_async_cb, &w);
  return paddock_account_config_update_finish (client, paddock_test_async_wait (&w), error);
}

static void
test_get (SandboxFixture *f,
          gconstpointer   data)
{
  g_autoptr (PaddockClient) client = paddock_client_new (paddock_sandbox_get_paper_url (f->sandbox),
                                                         f->token);
  g_autoptr (GError) error = NULL;
  g_autoptr (PaddockAccountConfig) config = get_config (client, &error);
  g_autoptr (TestReply) reply = test_request (f, "GET", "paper:/v2/account/configurations",
                                              f->token, NULL);
  g_auto (GStrv) unknown = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (config);
  test_reply_object (reply);
  /* the object as sent, and each member typed */
  g_assert_true (json_node_equal (paddock_account_config_to_json (config), reply->json));
  g_assert_cmpint (paddock_account_config_get_dtbp_check (config), !=, PADDOCK_CONFIG_CHECK_UNKNOWN);
  g_assert_cmpstr (paddock_account_config_get_text (config, "dtbp_check"), ==,
                   json_object_get_string_member (json_node_get_object (reply->json), "dtbp_check"));
  g_assert_cmpint (paddock_account_config_get_trade_confirm_email (config), !=,
                   PADDOCK_CONFIRM_EMAIL_UNKNOWN);
  g_assert_cmpint (paddock_account_config_get_no_shorting (config), ==,
                   json_object_get_boolean_member (json_node_get_object (reply->json), "no_shorting"));
  g_assert_cmpstr (paddock_account_config_get_max_margin_multiplier (config), ==,
                   json_object_get_string_member (json_node_get_object (reply->json),
                                                  "max_margin_multiplier"));
  g_assert_true (paddock_account_config_has (config, "suspend_trade"));
  g_assert_true (paddock_account_config_has (config, "fractional_trading"));
  unknown = paddock_account_config_get_unknown_keys (config);
  g_assert_cmpuint (g_strv_length (unknown), ==, 0);
}

static void
test_patch_reads_back (SandboxFixture *f,
                       gconstpointer   data)
{
  g_autoptr (PaddockClient) client = paddock_client_new (paddock_sandbox_get_paper_url (f->sandbox),
                                                         f->token);
  g_autoptr (JsonObject) changes = json_object_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (PaddockAccountConfig) before = get_config (client, &error);
  g_autoptr (PaddockAccountConfig) after = NULL;
  g_autoptr (PaddockAccountConfig) again = NULL;
  const char *new_dtbp;
  const char *new_email;

  g_assert_no_error (error);
  /* values other than the current ones, so that the read back proves the change */
  new_dtbp = paddock_account_config_get_dtbp_check (before) == PADDOCK_CONFIG_CHECK_EXIT ?
             "entry" : "exit";
  new_email = paddock_account_config_get_trade_confirm_email (before) == PADDOCK_CONFIRM_EMAIL_ALL ?
              "none" : "all";
  g_assert_true (paddock_account_config_add_change (changes, "dtbp_check", new_dtbp, &error));
  g_assert_true (paddock_account_config_add_change (changes, "trade_confirm_email", new_email,
                                                    &error));
  g_assert_true (paddock_account_config_add_change (changes, "no_shorting",
                                                    paddock_account_config_get_no_shorting (before) ?
                                                    "false" : "true", &error));
  g_assert_true (paddock_account_config_add_change (changes, "max_margin_multiplier", "1", &error));
  g_assert_no_error (error);
  /* typed as Alpaca wants them */
  g_assert_cmpint (json_node_get_value_type (json_object_get_member (changes, "no_shorting")), ==,
                   G_TYPE_BOOLEAN);
  g_assert_cmpstr (json_object_get_string_member (changes, "max_margin_multiplier"), ==, "1");

  after = update_config (client, changes, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (paddock_account_config_get_text (after, "dtbp_check"), ==, new_dtbp);
  g_assert_cmpstr (paddock_account_config_get_text (after, "trade_confirm_email"), ==, new_email);
  g_assert_cmpint (paddock_account_config_get_no_shorting (after), ==,
                   !paddock_account_config_get_no_shorting (before));
  g_assert_cmpstr (paddock_account_config_get_max_margin_multiplier (after), ==, "1");
  /* untouched members stay */
  g_assert_cmpstr (paddock_account_config_get_text (after, "pdt_check"), ==,
                   paddock_account_config_get_text (before, "pdt_check"));

  /* and the server keeps them */
  again = get_config (client, &error);
  g_assert_no_error (error);
  g_assert_true (json_node_equal (paddock_account_config_to_json (again),
                                  paddock_account_config_to_json (after)));

  /* a value the server refuses (sent around the checks): 400, rejected */
  {
    g_autoptr (JsonObject) bad = json_object_new ();
    g_autoptr (PaddockAccountConfig) none = NULL;

    json_object_set_string_member (bad, "dtbp_check", "sometimes");
    none = update_config (client, bad, &error);
    g_assert_error (error, PADDOCK_ERROR, PADDOCK_ERROR_REJECTED);
    g_assert_cmpuint (paddock_error_get_http_status (error), ==, 400);
    g_assert_null (none);
    g_clear_error (&error);
  }

  /* nothing to change: nothing sent */
  {
    g_autoptr (JsonObject) empty = json_object_new ();
    g_autoptr (PaddockAccountConfig) none = update_config (client, empty, &error);

    g_assert_error (error, PADDOCK_ERROR, PADDOCK_ERROR_INVALID_INPUT);
    g_assert_null (none);
  }
}

/* a token without account:write reads the settings but cannot change them */
static void
test_missing_scope (SandboxFixture *f,
                    gconstpointer   data)
{
  g_autofree char *token = paddock_sandbox_issue_token (f->sandbox, "trading data", "paper");
  g_autoptr (PaddockClient) client = paddock_client_new (paddock_sandbox_get_paper_url (f->sandbox),
                                                         token);
  g_autoptr (JsonObject) changes = json_object_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (PaddockAccountConfig) config = get_config (client, &error);
  g_autoptr (PaddockAccountConfig) changed = NULL;
  g_autoptr (PaddockAccountConfig) unchanged = NULL;
  gboolean suspended;

  g_assert_no_error (error);
  suspended = paddock_account_config_get_suspend_trade (config);
  g_assert_true (paddock_account_config_add_change (changes, "suspend_trade",
                                                    suspended ? "false" : "true", &error));

  changed = update_config (client, changes, &error);
  g_assert_error (error, PADDOCK_ERROR, PADDOCK_ERROR_MISSING_SCOPE);
  g_assert_cmpuint (paddock_error_get_http_status (error), ==, 403);
  g_assert_nonnull (strstr (error->message, "account:write"));
  g_assert_null (changed);
  g_clear_error (&error);

  unchanged = get_config (client, &error);
  g_assert_no_error (error);
  g_assert_cmpint (paddock_account_config_get_suspend_trade (unchanged), ==, suspended);
}

static void
test_add_change_checks (void)
{
  const char *bad[][2] = {
    { "dtbp", "both" }, { "DTBP_CHECK", "both" }, { "max_options_trading_level", "1" },
    { "dtbp_check", "sometimes" }, { "pdt_check", "" }, { "trade_confirm_email", "some" },
    { "no_shorting", "yes" }, { "suspend_trade", "1" }, { "fractional_trading", "TRUE" },
    { "max_margin_multiplier", "3" }, { "max_margin_multiplier", "2.0" },
    { NULL, "true" }, { "no_shorting", NULL },
  };
  g_autoptr (JsonObject) changes = json_object_new ();

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (GError) error = NULL;

      g_assert_false (paddock_account_config_add_change (changes, bad[i][0], bad[i][1], &error));
      g_assert_error (error, PADDOCK_ERROR, PADDOCK_ERROR_INVALID_INPUT);
    }
  g_assert_cmpuint (json_object_get_size (changes), ==, 0);

  for (const char * const *k = paddock_account_config_settable_keys (); *k != NULL; k++)
    g_assert_nonnull (*k);
  g_assert_true (g_strv_contains (paddock_account_config_settable_keys (), "pdt_check"));
}

/* members this version does not know are kept; a code it does not know is UNKNOWN */
static void
test_unknown_members (void)
{
  const char *text =
    "{\"dtbp_check\":\"sometimes\",\"pdt_check\":\"entry\",\"trade_confirm_email\":\"all\","
    "\"suspend_trade\":false,\"no_shorting\":\"no\",\"fractional_trading\":true,"
    "\"max_margin_multiplier\":\"4\",\"max_options_trading_level\":2,"
    "\"new_setting\":{\"x\":1},\"another\":\"y\"}";
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) node = paddock_json_parse (text, strlen (text), PADDOCK_JSON_MAX_BYTES,
                                                  PADDOCK_JSON_MAX_DEPTH, &error);
  g_autoptr (PaddockAccountConfig) config = paddock_account_config_new_from_json (node, &error);
  g_auto (GStrv) unknown = NULL;
  JsonObject *kept;

  g_assert_no_error (error);
  g_assert_cmpint (paddock_account_config_get_dtbp_check (config), ==, PADDOCK_CONFIG_CHECK_UNKNOWN);
  g_assert_cmpstr (paddock_account_config_get_text (config, "dtbp_check"), ==, "sometimes");
  g_assert_cmpint (paddock_account_config_get_pdt_check (config), ==, PADDOCK_CONFIG_CHECK_ENTRY);
  /* of the wrong type: unset, not refused */
  g_assert_false (paddock_account_config_has (config, "no_shorting"));
  g_assert_null (paddock_account_config_get_text (config, "no_shorting"));
  g_assert_false (paddock_account_config_has (config, "ptp_no_exception_entry"));
  g_assert_cmpstr (paddock_account_config_get_text (config, "fractional_trading"), ==, "true");
  g_assert_cmpstr (paddock_account_config_get_max_margin_multiplier (config), ==, "4");
  g_assert_cmpstr (paddock_account_config_get_max_options_trading_level (config), ==, "2");

  unknown = paddock_account_config_get_unknown_keys (config);
  g_assert_cmpuint (g_strv_length (unknown), ==, 2);
  g_assert_true (g_strv_contains ((const char * const *) unknown, "new_setting"));
  g_assert_true (g_strv_contains ((const char * const *) unknown, "another"));
  kept = json_node_get_object (paddock_account_config_to_json (config));
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (kept, "new_setting"),
                                               "x"), ==, 1);
  g_assert_true (json_node_equal (paddock_account_config_to_json (config), node));

  /* not an object */
  {
    g_autoptr (JsonNode) array = paddock_json_parse ("[]", 2, 1024, 8, NULL);
    g_autoptr (PaddockAccountConfig) none = NULL;

    g_clear_error (&error);
    none = paddock_account_config_new_from_json (array, &error);
    g_assert_error (error, PADDOCK_ERROR, PADDOCK_ERROR_PROTOCOL);
    g_assert_null (none);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  PADDOCK_TEST_ADD_SANDBOX ("/account-config/get", test_get);
  PADDOCK_TEST_ADD_SANDBOX ("/account-config/patch-reads-back", test_patch_reads_back);
  PADDOCK_TEST_ADD_SANDBOX ("/account-config/missing-scope", test_missing_scope);
  g_test_add_func ("/account-config/add-change-checks", test_add_change_checks);
  g_test_add_func ("/account-config/unknown-members", test_unknown_members);

  return g_test_run ();
}
