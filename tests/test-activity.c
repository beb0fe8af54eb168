/* test-activity.c: PaddockActivity from JSON
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "paddock-activity.h"
#include "paddock-error.h"

/* A trade and a non-trade activity with every member alpaca-api.md §2.10 lists. */
static const char *fill =
  "{'id':'20240108153210004512::c4d1a9e2-7b3f-4e60-9a85-1f2e3d4c5b6a',"
  "'activity_type':'FILL','transaction_time':'2024-01-08T15:32:10.004512Z',"
  "'type':'partial_fill','price':'370.48','qty':'4','side':'buy','symbol':'MSFT',"
  "'leaves_qty':'6','cum_qty':'4','order_id':'9b2e6f0c-1a3d-4e5f-8a7b-6c5d4e3f2a10',"
  "'order_status':'partially_filled'}";

static const char *dividend =
  "{'id':'20240110000000000::1f0e9d8c-7b6a-4594-8372-615049382716',"
  "'activity_type':'DIV','date':'2024-01-10','net_amount':'12.00','symbol':'MSFT',"
  "'qty':'16','per_share_amount':'0.75','description':'Cash DIV @ 0.75, Pos QTY 16',"
  "'status':'executed'}";

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

static PaddockActivity *
parse (const char  *text,
       GError     **error)
{
  g_autoptr (JsonNode) node = json (text);

  return paddock_activity_new_from_json (node, error);
}

static PaddockActivity *
parse_ok (const char *text)
{
  g_autoptr (GError) error = NULL;
  PaddockActivity *activity = parse (text, &error);

  g_assert_no_error (error);
  g_assert_true (PADDOCK_IS_ACTIVITY (activity));
  return activity;
}

static void
assert_properties (PaddockActivity *activity,
                   const char      *text)
{
  g_autoptr (JsonNode) in = json (text);
  JsonObjectIter iter;
  const char *name;
  JsonNode *member;

  json_object_iter_init (&iter, json_node_get_object (in));
  while (json_object_iter_next (&iter, &name, &member))
    {
      g_autofree char *prop = g_strdelimit (g_strdup (name), "_", '-');
      GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (activity), prop);

      g_assert_nonnull (pspec);
      g_assert_true (pspec->flags & G_PARAM_EXPLICIT_NOTIFY);
      g_assert_false (pspec->flags & G_PARAM_WRITABLE);
    }
}

static void
test_trade (void)
{
  g_autoptr (PaddockActivity) a = parse_ok (fill);
  g_autoptr (GDateTime) want = g_date_time_new_from_iso8601 ("2024-01-08T15:32:10.004512Z", NULL);
  g_autofree char *leaves = NULL;
  gboolean is_trade = FALSE;

  g_assert_true (paddock_activity_is_trade (a));
  g_assert_cmpstr (paddock_activity_get_id (a), ==,
                   "20240108153210004512::c4d1a9e2-7b3f-4e60-9a85-1f2e3d4c5b6a");
  g_assert_cmpstr (paddock_activity_get_id_time (a), ==, "20240108153210004512");
  g_assert_cmpstr (paddock_activity_get_id_uuid (a), ==, "c4d1a9e2-7b3f-4e60-9a85-1f2e3d4c5b6a");
  g_assert_cmpstr (paddock_activity_get_activity_type (a), ==, "FILL");
  g_assert_true (g_date_time_equal (paddock_activity_get_transaction_time (a), want));
  g_assert_cmpstr (paddock_activity_get_fill_type (a), ==, "partial_fill");
  g_assert_cmpstr (paddock_activity_get_price (a), ==, "370.48");
  g_assert_cmpstr (paddock_activity_get_qty (a), ==, "4");
  g_assert_cmpstr (paddock_activity_get_side (a), ==, "buy");
  g_assert_cmpstr (paddock_activity_get_symbol (a), ==, "MSFT");
  g_assert_cmpstr (paddock_activity_get_leaves_qty (a), ==, "6");
  g_assert_cmpstr (paddock_activity_get_cum_qty (a), ==, "4");
  g_assert_cmpstr (paddock_activity_get_order_id (a), ==, "9b2e6f0c-1a3d-4e5f-8a7b-6c5d4e3f2a10");
  g_assert_cmpstr (paddock_activity_get_order_status (a), ==, "partially_filled");
  /* the members of the other kind are unset */
  g_assert_null (paddock_activity_get_date (a));
  g_assert_null (paddock_activity_get_net_amount (a));
  g_assert_null (paddock_activity_get_per_share_amount (a));
  g_assert_null (paddock_activity_get_description (a));
  g_assert_null (paddock_activity_get_status (a));

  g_object_get (a, "leaves-qty", &leaves, "is-trade", &is_trade, NULL);
  g_assert_cmpstr (leaves, ==, "6");
  g_assert_true (is_trade);
  assert_properties (a, fill);
}

static void
test_non_trade (void)
{
  g_autoptr (PaddockActivity) a = parse_ok (dividend);
  g_autoptr (PaddockActivity) deposit = NULL;
  g_autofree char *label = NULL;

  g_assert_false (paddock_activity_is_trade (a));
  g_assert_cmpstr (paddock_activity_get_activity_type (a), ==, "DIV");
  g_assert_cmpstr (paddock_activity_get_date (a), ==, "2024-01-10");
  g_assert_cmpstr (paddock_activity_get_net_amount (a), ==, "12.00");
  g_assert_cmpstr (paddock_activity_get_symbol (a), ==, "MSFT");
  g_assert_cmpstr (paddock_activity_get_qty (a), ==, "16");
  g_assert_cmpstr (paddock_activity_get_per_share_amount (a), ==, "0.75");
  g_assert_cmpstr (paddock_activity_get_description (a), ==, "Cash DIV @ 0.75, Pos QTY 16");
  g_assert_cmpstr (paddock_activity_get_status (a), ==, "executed");
  g_assert_null (paddock_activity_get_transaction_time (a));
  g_assert_null (paddock_activity_get_price (a));
  g_assert_null (paddock_activity_get_order_id (a));
  g_assert_cmpstr (paddock_activity_get_type_label (a), ==, "Dividend");
  g_object_get (a, "type-label", &label, NULL);
  g_assert_cmpstr (label, ==, "Dividend");
  assert_properties (a, dividend);

  /* 17 digits of time: not the documented form, kept as an opaque page token */
  g_assert_null (paddock_activity_get_id_time (a));
  g_assert_null (paddock_activity_get_id_uuid (a));

  /* a withdrawal has a negative amount and no symbol */
  deposit = parse_ok ("{'id':'20240105120000000000::5a4b3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d',"
                      "'activity_type':'CSW','date':'2024-01-05','net_amount':'-500',"
                      "'description':'','status':'executed','symbol':null}");
  g_assert_cmpstr (paddock_activity_get_net_amount (deposit), ==, "-500");
  g_assert_null (paddock_activity_get_symbol (deposit));
  g_assert_null (paddock_activity_get_qty (deposit));
  g_assert_cmpstr (paddock_activity_get_description (deposit), ==, "");
  g_assert_cmpstr (paddock_activity_get_id_time (deposit), ==, "20240105120000000000");
  g_assert_cmpstr (paddock_activity_get_type_label (deposit), ==, "Cash withdrawal");
}

static void
test_type_labels (void)
{
  const char *known[] = {
    "FILL", "TRANS", "MISC", "ACATC", "ACATS", "CSD", "CSW", "DIV", "DIVCGL", "DIVCGS",
    "DIVFEE", "DIVFT", "DIVNRA", "DIVROC", "DIVTW", "DIVTXEX", "FEE", "INT", "INTNRA",
    "INTTW", "JNL", "JNLC", "JNLS", "MA", "NC", "OPASN", "OPEXP", "OPXRC", "PTC", "PTR",
    "REORG", "SC", "SSO", "SSP",
  };
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (PaddockActivity) unknown = NULL;

  /* every type the client libraries know has its own name */
  for (guint i = 0; i < G_N_ELEMENTS (known); i++)
    {
      const char *label = paddock_activity_type_label (known[i]);

      g_assert_nonnull (label);
      g_assert_cmpstr (label, !=, known[i]);
      g_assert_false (g_hash_table_contains (seen, label));
      g_hash_table_add (seen, (gpointer) label);
    }

  /* an unknown type is shown by its code, never refused */
  g_assert_cmpstr (paddock_activity_type_label ("CFEE"), ==, "CFEE");
  g_assert_cmpstr (paddock_activity_type_label ("fill"), ==, "fill");
  g_assert_null (paddock_activity_type_label (NULL));
  unknown = parse_ok ("{'id':'x1','activity_type':'VOF','net_amount':'1','date':'2024-01-02',"
                      "'brand_new':{'nested':[true]}}");
  g_assert_false (paddock_activity_is_trade (unknown));
  g_assert_cmpstr (paddock_activity_get_type_label (unknown), ==, "VOF");
  g_assert_cmpstr (paddock_activity_get_id (unknown), ==, "x1");
  g_assert_null (paddock_activity_get_id_time (unknown));
}

static void
test_id_forms (void)
{
  const char *not_the_form[] = {
    "2024010815321000451::c4d1a9e2-7b3f-4e60-9a85-1f2e3d4c5b6a",   /* 19 digits */
    "20240108153210004512:c4d1a9e2-7b3f-4e60-9a85-1f2e3d4c5b6a",   /* one colon */
    "20240108153210004512::c4d1a9e2-7b3f-4e60-9a85-1f2e3d4c5b6",   /* short uuid */
    "20240108153210004512::c4d1a9e2-7b3f-4e60-9a85-1f2e3d4c5b6a0", /* long uuid */
    "20240108153210004512::c4d1a9e2x7b3f-4e60-9a85-1f2e3d4c5b6a",  /* no dash */
    "2024010815321000451a::c4d1a9e2-7b3f-4e60-9a85-1f2e3d4c5b6a",  /* a letter */
    "20240108153210004512::g4d1a9e2-7b3f-4e60-9a85-1f2e3d4c5b6a",  /* not hex */
    "short",
  };

  for (guint i = 0; i < G_N_ELEMENTS (not_the_form); i++)
    {
      g_autofree char *text = g_strdup_printf ("{'id':'%s','activity_type':'FILL'}",
                                               not_the_form[i]);
      g_autoptr (PaddockActivity) a = parse_ok (text);

      g_assert_cmpstr (paddock_activity_get_id (a), ==, not_the_form[i]);
      g_assert_null (paddock_activity_get_id_time (a));
      g_assert_null (paddock_activity_get_id_uuid (a));
    }
}

static void
test_wrong_types (void)
{
  const char *bad[] = {
    "{'activity_type':'FILL'}",
    "{'id':null,'activity_type':'FILL'}",
    "{'id':12,'activity_type':'FILL'}",
    "{'id':'','activity_type':'FILL'}",
    "{'id':'x'}",
    "{'id':'x','activity_type':null}",
    "{'id':'x','activity_type':['FILL']}",
    "{'id':'x','activity_type':'FILL','price':'abc'}",
    "{'id':'x','activity_type':'FILL','qty':true}",
    "{'id':'x','activity_type':'FILL','leaves_qty':'1 000'}",
    "{'id':'x','activity_type':'FILL','cum_qty':{}}",
    "{'id':'x','activity_type':'DIV','net_amount':'12,00'}",
    "{'id':'x','activity_type':'DIV','per_share_amount':'0.75%'}",
    "[]",
    "7",
  };
  g_autoptr (PaddockActivity) tolerated = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (PaddockActivity) a = parse (bad[i], &error);

      g_test_message ("%s", bad[i]);
      g_assert_null (a);
      g_assert_error (error, PADDOCK_ERROR, PADDOCK_ERROR_PROTOCOL);
    }

  /* the other members of the wrong type are as if absent; numbers are kept as text */
  tolerated = parse_ok ("{'id':'x','activity_type':'FILL','transaction_time':'noon',"
                        "'type':1,'side':true,'symbol':[],'order_id':{},'order_status':2,"
                        "'date':20240110,'description':false,'status':null,'price':370.5,"
                        "'qty':4}");
  g_assert_null (paddock_activity_get_transaction_time (tolerated));
  g_assert_null (paddock_activity_get_fill_type (tolerated));
  g_assert_null (paddock_activity_get_side (tolerated));
  g_assert_null (paddock_activity_get_symbol (tolerated));
  g_assert_null (paddock_activity_get_order_id (tolerated));
  g_assert_null (paddock_activity_get_order_status (tolerated));
  g_assert_null (paddock_activity_get_date (tolerated));
  g_assert_null (paddock_activity_get_description (tolerated));
  g_assert_null (paddock_activity_get_status (tolerated));
  g_assert_cmpstr (paddock_activity_get_price (tolerated), ==, "370.5");
  g_assert_cmpstr (paddock_activity_get_qty (tolerated), ==, "4");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/activity/trade", test_trade);
  g_test_add_func ("/activity/non-trade", test_non_trade);
  g_test_add_func ("/activity/type-labels", test_type_labels);
  g_test_add_func ("/activity/id-forms", test_id_forms);
  g_test_add_func ("/activity/wrong-types", test_wrong_types);

  return g_test_run ();
}
