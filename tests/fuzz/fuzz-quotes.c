/* fuzz-quotes.c: latest quotes and trades, from replies of /v2/stocks/{quotes,trades}/latest
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "paddock-fuzz"

#include "config.h"

#include "fuzz-common.h"
#include "paddock-asset.h"
#include "paddock-market-models.h"

static void
visit (const char *name,
       JsonNode   *node)
{
  PaddockQuote *quote = paddock_quote_new_from_json (name, node, NULL);
  PaddockTrade *trade = paddock_trade_new_from_json (node, NULL);

  g_clear_pointer (&quote, paddock_quote_free);
  g_clear_pointer (&trade, paddock_trade_free);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  return fuzz_models (data, size, visit);
}
