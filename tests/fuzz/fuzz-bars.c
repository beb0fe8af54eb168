/* fuzz-bars.c: bars, from replies of /v2/stocks/bars
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "paddock-fuzz"

#include "config.h"

#include "fuzz-common.h"
#include "paddock-market-models.h"

static void
visit (const char *name,
       JsonNode   *node)
{
  PaddockBar *bar = paddock_bar_new_from_json (node, NULL);

  g_clear_pointer (&bar, paddock_bar_free);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  return fuzz_models (data, size, visit);
}
