/* fuzz-watchlist.c: the watchlist model, from replies of /v2/watchlists
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "paddock-fuzz"

#include "config.h"

#include "fuzz-common.h"
#include "paddock-watchlist.h"

static void
visit (const char *name,
       JsonNode   *node)
{
  g_autoptr (PaddockWatchlist) watchlist = paddock_watchlist_new_from_json (node, NULL);

  if (watchlist != NULL)
    (void) paddock_watchlist_get_id (watchlist);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  return fuzz_models (data, size, visit);
}
