/* paddock-sandbox-catalog.c: watchlists, assets and the market clock
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "paddock-sandbox-catalog"

#include "config.h"

#include "paddock-sandbox-private.h"

void
_sandbox_catalog_init (PaddockSandbox *self)
{
}

const SandboxRoute _sandbox_catalog_routes[] = {
  { NULL, 0, NULL, 0, NULL }
};
