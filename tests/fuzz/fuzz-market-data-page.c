/* fuzz-market-data-page.c: PaddockMarketData's reading of a page of bars or news
 * (GET /v2/stocks/{symbol}/bars, /v1beta1/news): parse_page(), with its item limit and
 * the page token that must come with progress
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "paddock-fuzz"

#include "config.h"

#include "fuzz-common.h"
#include "paddock-market-data-private.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr (JsonNode) root = fuzz_parse (data, size);
  /* all items; one item; the last page the loop guard allows */
  const struct { guint limit; guint pages_before; } cases[] = { { 0, 0 }, { 1, 0 }, { 0, 99999 } };

  if (root == NULL)
    return 0;

  for (guint news = 0; news < 2; news++)
    for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
      {
        g_autoptr (GError) error = NULL;
        g_autofree char *next = NULL;
        g_autoptr (GPtrArray) items =
          _paddock_market_data_parse_page (news, cases[c].limit, cases[c].pages_before, root,
                                           &next, &error);

        g_assert ((items == NULL) != (error == NULL));
        if (items == NULL)
          continue;
        if (cases[c].limit != 0)
          g_assert_cmpuint (items->len, <=, cases[c].limit);
        /* a token only with progress, and never one that is empty */
        if (next != NULL)
          {
            g_assert_cmpuint (items->len, >, 0);
            g_assert_cmpstr (next, !=, "");
          }
      }
  return 0;
}
