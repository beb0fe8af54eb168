/* paddock-sandbox-data.c: market data v2 and the legacy Polygon last trade
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "paddock-sandbox-data"

#include "config.h"

#include "paddock-sandbox-private.h"

void
_sandbox_data_init (PaddockSandbox *self)
{
}

const SandboxRoute _sandbox_data_routes[] = {
  { NULL, 0, NULL, 0, NULL }
};
