/* fuzz-market-data-latest.c: PaddockMarketData's reading of the latest quotes and trades
 * (GET /v2/stocks/quotes/latest, /v2/stocks/trades/latest): parse_latest(), which walks
 * the symbols asked for in the reply's map
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "paddock-fuzz"

#include "config.h"

#include "fuzz-common.h"
#include "paddock-market-data-private.h"

#define MAX_ASKED 16

/* The symbols asked for: those the reply names (as a real reply does), and two it may not */
static GStrv
asked_symbols (JsonNode   *root,
               const char *member)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  JsonNode *map = JSON_NODE_HOLDS_OBJECT (root)
    ? json_object_get_member (json_node_get_object (root), member) : NULL;

  if (map != NULL && JSON_NODE_HOLDS_OBJECT (map))
    {
      JsonObjectIter iter;
      const char *name;
      guint n = 0;

      json_object_iter_init (&iter, json_node_get_object (map));
      while (n++ < MAX_ASKED && json_object_iter_next (&iter, &name, NULL))
        g_strv_builder_add (builder, name);
    }
  g_strv_builder_add (builder, "AAPL");
  g_strv_builder_add (builder, "BRK.B");
  return g_strv_builder_end (builder);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr (JsonNode) root = fuzz_parse (data, size);

  if (root == NULL)
    return 0;

  for (guint trades = 0; trades < 2; trades++)
    {
      g_auto (GStrv) symbols = asked_symbols (root, trades ? "trades" : "quotes");
      g_autoptr (GError) error = NULL;
      g_autoptr (GPtrArray) items =
        _paddock_market_data_parse_latest (trades, (const char * const *) symbols, root,
                                           &error);

      /* an error or items, never both; at most one item per symbol asked */
      g_assert ((items == NULL) != (error == NULL));
      if (items != NULL)
        g_assert_cmpuint (items->len, <=, g_strv_length (symbols));
    }
  return 0;
}
