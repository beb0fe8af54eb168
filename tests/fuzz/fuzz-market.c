/* fuzz-market.c: assets, the market clock and calendar, most actives and movers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "paddock-fuzz"

#include "config.h"

#include "fuzz-common.h"
#include "paddock-asset.h"
#include "paddock-market-clock.h"
#include "paddock-market-models.h"

static void
visit (const char *name,
       JsonNode   *node)
{
  PaddockAsset *asset = paddock_asset_new_from_json (node, NULL);
  PaddockMarketClock *clock = paddock_market_clock_new_from_json (node, NULL);
  GPtrArray *calendar = paddock_market_calendar_new_from_json (node, NULL);
  PaddockMostActive *active = paddock_most_active_new_from_json (node, NULL);
  PaddockMover *mover = paddock_mover_new_from_json (node, NULL);
  PaddockMovers *movers = paddock_movers_new_from_json (node, NULL);

  g_clear_object (&asset);
  g_clear_pointer (&clock, paddock_market_clock_free);
  g_clear_pointer (&calendar, g_ptr_array_unref);
  g_clear_pointer (&active, paddock_most_active_free);
  g_clear_pointer (&mover, paddock_mover_free);
  g_clear_pointer (&movers, paddock_movers_free);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  return fuzz_models (data, size, visit);
}
