/* test-position.c: PaddockPosition from JSON
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "paddock-error.h"
#include "paddock-position.h"

/* The Position example of alpaca-api.md §2.5, as written there. */
static const char *example =
  "{\"asset_id\":\"1e7c2d44-5f0a-4b6e-9d3c-8a2b1c0d9e8f\",\"symbol\":\"MSFT\","
  "\"exchange\":\"NASDAQ\","
  " \"asset_class\":\"us_equity\",\"asset_marginable\":true,\"qty\":\"16\","
  "\"qty_available\":\"16\","
  " \"avg_entry_price\":\"368.25\",\"side\":\"long\",\"market_value\":\"6060.48\","
  "\"cost_basis\":\"5892.00\","
  " \"unrealized_pl\":\"168.48\",\"unrealized_plpc\":\"0.028595\","
  "\"unrealized_intraday_pl\":\"41.60\","
  " \"unrealized_intraday_plpc\":\"0.006911\",\"current_price\":\"378.78\","
  "\"lastday_price\":\"376.18\","
  " \"change_today\":\"0.006912\"}";

static const char *short_position =
  "{'asset_id':'2f8d3e55-6a1b-4c7f-8e4d-9b3c2d1e0f9a','symbol':'TSLA','exchange':'NASDAQ',"
  "'asset_class':'us_equity','asset_marginable':true,'qty':'-5','qty_available':'-5',"
  "'avg_entry_price':'240.10','side':'short','market_value':'-1190.50','cost_basis':'-1200.50',"
  "'unrealized_pl':'10.00','unrealized_plpc':'0.00833','unrealized_intraday_pl':'-2.25',"
  "'unrealized_intraday_plpc':'-0.00189','current_price':'238.10','lastday_price':'237.65',"
  "'change_today':'0.001894'}";

static JsonNode *
json (const char *text)
{
  g_autofree char *copy = g_strdelimit (g_strdup (text), "'", '"');
  g_autoptr (GError) error = NULL;
  JsonNode *node = json_from_string (copy, &error);

  g_assert_no_error (error);
  g_assert_nonnull (node);
  return node;
}

static PaddockPosition *
parse (const char  *text,
       GError     **error)
{
  g_autoptr (JsonNode) node = json (text);

  return paddock_position_new_from_json (node, error);
}

static PaddockPosition *
parse_ok (const char *text)
{
  g_autoptr (GError) error = NULL;
  PaddockPosition *position = parse (text, &error);

  g_assert_no_error (error);
  g_assert_true (PADDOCK_IS_POSITION (position));
  return position;
}

static void
test_every_field (void)
{
  g_autoptr (PaddockPosition) p = parse_ok (example);
  g_autoptr (JsonNode) in = json (example);
  g_autofree char *plpc = NULL;
  g_autofree char *side_code = NULL;
  PaddockPositionSide side = 0;
  gboolean marginable = FALSE;
  JsonObjectIter iter;
  const char *name;
  JsonNode *member;

  g_assert_cmpstr (paddock_position_get_asset_id (p), ==, "1e7c2d44-5f0a-4b6e-9d3c-8a2b1c0d9e8f");
  g_assert_cmpstr (paddock_position_get_symbol (p), ==, "MSFT");
  g_assert_cmpstr (paddock_position_get_exchange (p), ==, "NASDAQ");
  g_assert_cmpstr (paddock_position_get_asset_class (p), ==, "us_equity");
  g_assert_true (paddock_position_get_asset_marginable (p));
  g_assert_cmpstr (paddock_position_get_qty (p), ==, "16");
  g_assert_cmpstr (paddock_position_get_qty_available (p), ==, "16");
  g_assert_cmpstr (paddock_position_get_avg_entry_price (p), ==, "368.25");
  g_assert_cmpint (paddock_position_get_side (p), ==, PADDOCK_POSITION_SIDE_LONG);
  g_assert_cmpstr (paddock_position_get_side_code (p), ==, "long");
  g_assert_cmpstr (paddock_position_get_market_value (p), ==, "6060.48");
  /* trailing zeros are kept: the text is Alpaca's */
  g_assert_cmpstr (paddock_position_get_cost_basis (p), ==, "5892.00");
  g_assert_cmpstr (paddock_position_get_unrealized_pl (p), ==, "168.48");
  g_assert_cmpstr (paddock_position_get_unrealized_plpc (p), ==, "0.028595");
  g_assert_cmpstr (paddock_position_get_unrealized_intraday_pl (p), ==, "41.60");
  g_assert_cmpstr (paddock_position_get_unrealized_intraday_plpc (p), ==, "0.006911");
  g_assert_cmpstr (paddock_position_get_current_price (p), ==, "378.78");
  g_assert_cmpstr (paddock_position_get_lastday_price (p), ==, "376.18");
  g_assert_cmpstr (paddock_position_get_change_today (p), ==, "0.006912");

  g_object_get (p, "unrealized-plpc", &plpc, "side", &side, "side-code", &side_code,
                "asset-marginable", &marginable, NULL);
  g_assert_cmpstr (plpc, ==, "0.028595");
  g_assert_cmpint (side, ==, PADDOCK_POSITION_SIDE_LONG);
  g_assert_cmpstr (side_code, ==, "long");
  g_assert_true (marginable);

  /* every member is a read-only property that notifies explicitly */
  json_object_iter_init (&iter, json_node_get_object (in));
  while (json_object_iter_next (&iter, &name, &member))
    {
      g_autofree char *prop = g_strdelimit (g_strdup (name), "_", '-');
      GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (p), prop);

      g_assert_nonnull (pspec);
      g_assert_true (pspec->flags & G_PARAM_EXPLICIT_NOTIFY);
      g_assert_false (pspec->flags & G_PARAM_WRITABLE);
    }
}

static void
test_short (void)
{
  g_autoptr (PaddockPosition) p = parse_ok (short_position);

  g_assert_cmpint (paddock_position_get_side (p), ==, PADDOCK_POSITION_SIDE_SHORT);
  g_assert_cmpstr (paddock_position_get_qty (p), ==, "-5");
  g_assert_cmpstr (paddock_position_get_qty_available (p), ==, "-5");
  g_assert_cmpstr (paddock_position_get_market_value (p), ==, "-1190.50");
  g_assert_cmpstr (paddock_position_get_cost_basis (p), ==, "-1200.50");
  g_assert_cmpstr (paddock_position_get_unrealized_intraday_plpc (p), ==, "-0.00189");
}

static void
test_tolerated (void)
{
  g_autoptr (PaddockPosition) p = NULL;
  g_autoptr (PaddockPosition) minimal = NULL;

  /* unknown side kept by its code; non-amount members of the wrong type as if absent;
   * unknown members ignored; nulls unset; numbers for decimals kept as their text */
  p = parse_ok ("{'symbol':'BTCUSD','qty':0.0125,'side':'flat','asset_id':5,'exchange':[],"
                "'asset_class':'crypto','asset_marginable':'yes','market_value':null,"
                "'current_price':43000,'swap_rate':{'x':1},'usd':{'market_value':'1'}}");
  g_assert_cmpstr (paddock_position_get_qty (p), ==, "0.0125");
  g_assert_cmpint (paddock_position_get_side (p), ==, PADDOCK_POSITION_SIDE_UNKNOWN);
  g_assert_cmpstr (paddock_position_get_side_code (p), ==, "flat");
  g_assert_null (paddock_position_get_asset_id (p));
  g_assert_null (paddock_position_get_exchange (p));
  g_assert_cmpstr (paddock_position_get_asset_class (p), ==, "crypto");
  g_assert_false (paddock_position_get_asset_marginable (p));
  g_assert_null (paddock_position_get_market_value (p));
  g_assert_cmpstr (paddock_position_get_current_price (p), ==, "43000");

  minimal = parse_ok ("{'symbol':'X','qty':'1','side':7}");
  g_assert_cmpint (paddock_position_get_side (minimal), ==, PADDOCK_POSITION_SIDE_UNKNOWN);
  g_assert_null (paddock_position_get_side_code (minimal));
  g_assert_null (paddock_position_get_avg_entry_price (minimal));
  g_assert_null (paddock_position_get_change_today (minimal));
}

static void
test_refused (void)
{
  const char *bad[] = {
    "{'qty':'1'}",
    "{'symbol':null,'qty':'1'}",
    "{'symbol':3,'qty':'1'}",
    "{'symbol':'X'}",
    "{'symbol':'X','qty':null}",
    "{'symbol':'X','qty':'one'}",
    "{'symbol':'X','qty':true}",
    "{'symbol':'X','qty':'1','qty_available':'1/2'}",
    "{'symbol':'X','qty':'1','avg_entry_price':'$1'}",
    "{'symbol':'X','qty':'1','market_value':[]}",
    "{'symbol':'X','qty':'1','cost_basis':'1e3'}",
    "{'symbol':'X','qty':'1','unrealized_pl':'--1'}",
    "{'symbol':'X','qty':'1','unrealized_plpc':'2.8%'}",
    "{'symbol':'X','qty':'1','unrealized_intraday_pl':false}",
    "{'symbol':'X','qty':'1','unrealized_intraday_plpc':{}}",
    "{'symbol':'X','qty':'1','current_price':' 1'}",
    "{'symbol':'X','qty':'1','lastday_price':'Infinity'}",
    "{'symbol':'X','qty':'1','change_today':'0.1.2'}",
    "[]",
    "'MSFT'",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (PaddockPosition) p = parse (bad[i], &error);

      g_test_message ("%s", bad[i]);
      g_assert_null (p);
      g_assert_error (error, PADDOCK_ERROR, PADDOCK_ERROR_PROTOCOL);
    }
}

static void
notify_cb (GObject    *object,
           GParamSpec *pspec,
           GPtrArray  *names)
{
  g_ptr_array_add (names, g_strdup (pspec->name));
}

static gboolean
has_name (GPtrArray  *names,
          const char *name)
{
  for (guint i = 0; i < names->len; i++)
    if (strcmp (g_ptr_array_index (names, i), name) == 0)
      return TRUE;
  return FALSE;
}

static void
test_update_notifies_changes_only (void)
{
  g_autoptr (PaddockPosition) p = parse_ok (example);
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (JsonNode) node = json (example);
  JsonObject *obj = json_node_get_object (node);
  g_autoptr (GError) error = NULL;
  gboolean changed = TRUE;

  g_signal_connect (p, "notify", G_CALLBACK (notify_cb), names);

  g_assert_true (paddock_position_update_from_json (p, node, &changed, &error));
  g_assert_no_error (error);
  g_assert_false (changed);
  g_assert_cmpuint (names->len, ==, 0);

  /* the price moved: three figures change, nothing else is notified */
  json_object_set_string_member (obj, "current_price", "379.00");
  json_object_set_string_member (obj, "market_value", "6064.00");
  json_object_set_string_member (obj, "unrealized_pl", "172.00");
  g_assert_true (paddock_position_update_from_json (p, node, &changed, &error));
  g_assert_true (changed);
  g_assert_cmpuint (names->len, ==, 3);
  g_assert_true (has_name (names, "market-value"));
  g_assert_true (has_name (names, "unrealized-pl"));
  g_assert_true (has_name (names, "current-price"));
  g_assert_cmpstr (paddock_position_get_current_price (p), ==, "379.00");

  /* flipped to short: side and side-code and qty */
  g_ptr_array_set_size (names, 0);
  json_object_set_string_member (obj, "side", "short");
  json_object_set_string_member (obj, "qty", "-16");
  g_assert_true (paddock_position_update_from_json (p, node, NULL, &error));
  g_assert_cmpuint (names->len, ==, 3);
  g_assert_true (has_name (names, "side"));
  g_assert_true (has_name (names, "side-code"));
  g_assert_true (has_name (names, "qty"));
  g_assert_cmpint (paddock_position_get_side (p), ==, PADDOCK_POSITION_SIDE_SHORT);

  /* another symbol, another asset, or a malformed position: nothing changes */
  g_ptr_array_set_size (names, 0);
  {
    const char *others[] = {
      "{'symbol':'AAPL','qty':'1'}",
      "{'symbol':'MSFT','asset_id':'00000000-0000-4000-8000-000000000000','qty':'1'}",
    };

    for (guint i = 0; i < G_N_ELEMENTS (others); i++)
      {
        g_autoptr (GError) local = NULL;
        g_autoptr (JsonNode) other = json (others[i]);

        g_assert_false (paddock_position_update_from_json (p, other, &changed, &local));
        g_assert_error (local, PADDOCK_ERROR, PADDOCK_ERROR_FAILED);
        g_assert_false (changed);
      }
  }
  {
    g_autoptr (GError) local = NULL;
    g_autoptr (JsonNode) bad = json ("{'symbol':'MSFT','qty':'lots'}");

    g_assert_false (paddock_position_update_from_json (p, bad, NULL, &local));
    g_assert_error (local, PADDOCK_ERROR, PADDOCK_ERROR_PROTOCOL);
  }
  g_assert_cmpuint (names->len, ==, 0);
  g_assert_cmpstr (paddock_position_get_qty (p), ==, "-16");

  /* the same symbol without an asset_id is the same position */
  {
    g_autoptr (JsonNode) bare = json ("{'symbol':'MSFT','qty':'-16'}");

    g_assert_true (paddock_position_update_from_json (p, bare, &changed, &error));
    g_assert_true (changed);
    g_assert_null (paddock_position_get_asset_id (p));
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/position/every-field", test_every_field);
  g_test_add_func ("/position/short", test_short);
  g_test_add_func ("/position/tolerated", test_tolerated);
  g_test_add_func ("/position/refused", test_refused);
  g_test_add_func ("/position/update-notifies-changes-only", test_update_notifies_changes_only);

  return g_test_run ();
}
