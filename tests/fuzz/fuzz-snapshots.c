/* fuzz-snapshots.c: the snapshots a watchlist's refresh reads (GET /v2/stocks/snapshots)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "paddock-fuzz"

#include "config.h"

#include "fuzz-common.h"
#include "paddock-watchlist-quotes-private.h"

static void
visit (const char *name,
       JsonNode   *node)
{
  PaddockWatchlistQuote *quote = _paddock_watchlist_quote_from_snapshot (name, node);

  g_clear_pointer (&quote, _paddock_watchlist_quote_free);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  return fuzz_models (data, size, visit);
}
