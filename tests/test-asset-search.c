/* test-asset-search.c: the cached list of assets and searching it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "paddock-asset-cache.h"
#include "paddock-error.h"
#include "paddock-json.h"
#include "sandbox-fixture.h"

static PaddockClient *
client_for (SandboxFixture *f)
{
  PaddockClient *client = paddock_client_new (paddock_sandbox_get_paper_url (f->sandbox),
                                              f->token);

  paddock_client_set_retry_policy (client, 0, 10, 10);
  return client;
}

static gboolean
load (PaddockAssetCache  *cache,
      GError            **error)
{
  g_auto (PaddockTestAsync) w = { 0 };

  paddock_asset_cache_load_async (cache, NULL, paddock_test_async_cb, &w);
  return paddock_asset_cache_load_finish (cache, paddock_test_async_wait (&w), error);
}

/* the symbols of a search's results, space-separated */
static char *
search (PaddockAssetCache *cache,
        const char        *text,
        guint              max)
{
  g_autoptr (GPtrArray) found = paddock_asset_cache_search (cache, text, max);
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_auto (GStrv) symbols = NULL;

  for (guint i = 0; i < found->len; i++)
    g_strv_builder_add (builder, paddock_asset_get_symbol (g_ptr_array_index (found, i)));
  symbols = g_strv_builder_end (builder);
  return g_strjoinv (" ", symbols);
}

static void
test_sandbox_list (SandboxFixture *f,
                   gconstpointer   data)
{
  g_autoptr (PaddockClient) client = client_for (f);
  g_autoptr (PaddockAssetCache) cache = paddock_asset_cache_new (client);
  g_autoptr (TestReply) reply = test_request (f, "GET", "paper:/v2/assets?status=active",
                                              f->token, NULL);
  JsonArray *theirs = test_reply_array (reply);
  g_autoptr (GError) error = NULL;
  GListModel *assets = paddock_asset_cache_get_assets (cache);
  g_autofree char *found = NULL;

  g_assert_false (paddock_asset_cache_is_loaded (cache));
  g_assert_cmpuint (g_list_model_get_n_items (assets), ==, 0);

  /* two loads at once: both finish with the one list */
  {
    g_auto (PaddockTestAsync) w1 = { 0 };
    g_auto (PaddockTestAsync) w2 = { 0 };

    paddock_asset_cache_load_async (cache, NULL, paddock_test_async_cb, &w1);
    paddock_asset_cache_load_async (cache, NULL, paddock_test_async_cb, &w2);
    g_assert_true (paddock_asset_cache_load_finish (cache, paddock_test_async_wait (&w1),
                                                    &error));
    g_assert_no_error (error);
    g_assert_true (paddock_asset_cache_load_finish (cache, paddock_test_async_wait (&w2),
                                                    &error));
    g_assert_no_error (error);
  }
  g_assert_true (paddock_asset_cache_is_loaded (cache));

  /* the server's list, in its order */
  g_assert_cmpuint (g_list_model_get_n_items (assets), ==, json_array_get_length (theirs));
  g_assert_cmpuint (json_array_get_length (theirs), >, 10);
  for (guint i = 0; i < json_array_get_length (theirs); i++)
    {
      g_autoptr (PaddockAsset) asset = g_list_model_get_item (assets, i);
      JsonObject *o = json_array_get_object_element (theirs, i);

      g_assert_cmpstr (paddock_asset_get_symbol (asset), ==,
                       json_object_get_string_member (o, "symbol"));
      g_assert_cmpstr (paddock_asset_get_name (asset), ==,
                       json_object_get_string_member (o, "name"));
      g_assert_true (paddock_asset_cache_lookup (cache, paddock_asset_get_symbol (asset)) ==
                     asset);
    }
  g_assert_null (paddock_asset_cache_lookup (cache, "NOPE"));

  /* fetched once: with the server failing every request now, loading again still works */
  paddock_sandbox_add_fault (f->sandbox, "GET", "/paper/v2/assets", PADDOCK_SANDBOX_FAULT_STATUS,
                             500, -1);
  g_assert_true (load (cache, &error));
  g_assert_no_error (error);

  /* the sandbox's real listings, ranked */
  found = search (cache, "goog", 0);
  g_assert_cmpstr (found, ==, "GOOG GOOGL");
  g_free (found);
  /* names: a word's start, earlier in the name first (Microsoft, then Advanced Micro) */
  found = search (cache, "MICRO", 0);
  g_assert_cmpstr (found, ==, "MSFT AMD");
  g_free (found);
  found = search (cache, "  ma ", 1);
  g_assert_cmpstr (found, ==, "MA");
}

static void
test_failed_load_is_not_kept (SandboxFixture *f,
                              gconstpointer   data)
{
  g_autoptr (PaddockClient) client = client_for (f);
  g_autoptr (PaddockAssetCache) cache = paddock_asset_cache_new (client);
  g_autoptr (GError) error = NULL;

  paddock_sandbox_add_fault (f->sandbox, "GET", "/paper/v2/assets", PADDOCK_SANDBOX_FAULT_STATUS,
                             500, 1);
  g_assert_false (load (cache, &error));
  g_assert_error (error, PADDOCK_ERROR, PADDOCK_ERROR_NETWORK);
  g_clear_error (&error);
  g_assert_false (paddock_asset_cache_is_loaded (cache));

  g_assert_true (load (cache, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (paddock_asset_cache_get_assets (cache)), >, 10);

  /* a reply that is not a list */
  {
    g_autoptr (PaddockAssetCache) other = paddock_asset_cache_new (client);

    paddock_sandbox_add_fault (f->sandbox, "GET", "/paper/v2/assets",
                               PADDOCK_SANDBOX_FAULT_MALFORMED, 0, 1);
    g_assert_false (load (other, &error));
    g_assert_error (error, PADDOCK_ERROR, PADDOCK_ERROR_PROTOCOL);
    g_assert_false (paddock_asset_cache_is_loaded (other));
  }
}

static void
add_asset (GString    *json,
           const char *symbol,
           const char *name)
{
  if (json->len > 1)
    g_string_append_c (json, ',');
  g_string_append_printf (json, "{\"id\":\"%s-id\",\"class\":\"us_equity\",\"exchange\":\"NYSE\","
                          "\"symbol\":\"%s\",\"name\":\"%s\",\"status\":\"active\","
                          "\"tradable\":true}", symbol, symbol, name);
}

/* ten thousand assets, as Alpaca's list has, and the ranking on a chosen few */
static void
test_ranking (void)
{
  g_autoptr (GString) json = g_string_new ("[");
  g_autoptr (PaddockAssetCache) cache = paddock_asset_cache_new (NULL);
  g_autoptr (JsonNode) node = NULL;
  g_autoptr (GError) error = NULL;
  char *found;

  for (guint i = 0; i < 10000; i++)
    {
      char symbol[16], name[64];

      g_snprintf (symbol, sizeof symbol, "S%04u", i);
      g_snprintf (name, sizeof name, "Company %04u Holdings", i);
      add_asset (json, symbol, name);
    }
  add_asset (json, "XYZ", "Tabby Holdings");          /* "ab" inside a word */
  add_asset (json, "QRS", "Abbott Laboratories");      /* "ab" starting the name */
  add_asset (json, "LMN", "The Abacus Group");         /* "ab" starting a later word */
  add_asset (json, "ABCD", "Delta Corp");
  add_asset (json, "AB", "Alpha Beta");
  add_asset (json, "ABC", "ABC Corp");
  add_asset (json, "BRK.B", "Berkshire Hathaway Inc. Class B");
  /* one without a symbol is left out, not the whole list */
  g_string_append (json, ",{\"name\":\"No Symbol Inc.\"}]");

  node = paddock_json_parse (json->str, json->len, PADDOCK_JSON_MAX_BYTES,
                             PADDOCK_JSON_MAX_DEPTH, &error);
  g_assert_no_error (error);
  g_assert_true (paddock_asset_cache_load_from_json (cache, node, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (paddock_asset_cache_get_assets (cache)), ==,
                    10007);

  /* exact symbol, then symbol prefixes (shorter first), then names: a word's start (earlier
   * first), then inside a word */
  found = search (cache, "ab", 0);
  g_assert_cmpstr (found, ==, "AB ABC ABCD QRS LMN XYZ");
  g_free (found);
  /* case does not matter, nor spaces around */
  found = search (cache, " aBc ", 0);
  g_assert_cmpstr (found, ==, "ABC ABCD");
  g_free (found);
  found = search (cache, "brk.", 0);
  g_assert_cmpstr (found, ==, "BRK.B");
  g_free (found);
  found = search (cache, "hathaway", 0);
  g_assert_cmpstr (found, ==, "BRK.B");
  g_free (found);
  found = search (cache, "no symbol", 0);
  g_assert_cmpstr (found, ==, "");
  g_free (found);
  found = search (cache, "", 0);
  g_assert_cmpstr (found, ==, "");
  g_free (found);
  found = search (cache, "S999", 0);
  g_assert_cmpstr (found, ==, "S9990 S9991 S9992 S9993 S9994 S9995 S9996 S9997 S9998 S9999");
  g_free (found);
  found = search (cache, "S999", 3);
  g_assert_cmpstr (found, ==, "S9990 S9991 S9992");
  g_free (found);

  /* as-you-type over the whole list: many searches, each over every asset (the bound only
   * proves that it did not hang) */
  {
    gint64 start = g_get_monotonic_time ();

    for (guint i = 0; i < 200; i++)
      {
        g_autoptr (GPtrArray) results = paddock_asset_cache_search (cache, i % 2 ? "hold" : "co",
                                                                    50);

        g_assert_cmpuint (results->len, ==, 50);
      }
    g_assert_cmpint (g_get_monotonic_time () - start, <, 60 * G_USEC_PER_SEC);
  }

  /* a reply that is not an array leaves the list as it was */
  {
    g_autoptr (JsonNode) object = paddock_json_parse ("{}", 2, 1024, 8, NULL);

    g_assert_false (paddock_asset_cache_load_from_json (cache, object, &error));
    g_assert_error (error, PADDOCK_ERROR, PADDOCK_ERROR_PROTOCOL);
    g_assert_cmpuint (g_list_model_get_n_items (paddock_asset_cache_get_assets (cache)), ==,
                      10007);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  PADDOCK_TEST_ADD_SANDBOX ("/asset-search/sandbox/list", test_sandbox_list);
  PADDOCK_TEST_ADD_SANDBOX ("/asset-search/sandbox/failed-load", test_failed_load_is_not_kept);
  g_test_add_func ("/asset-search/ranking", test_ranking);

  return g_test_run ();
}
