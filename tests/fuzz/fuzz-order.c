/* fuzz-order.c: the order model, from replies of /v2/orders
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "paddock-fuzz"

#include "config.h"

#include "fuzz-common.h"
#include "paddock-order.h"

static void
visit (const char *name,
       JsonNode   *node)
{
  g_autoptr (PaddockOrder) order = paddock_order_new_from_json (node, NULL);

  gboolean changed = FALSE;

  if (order != NULL)
    {
      paddock_order_update_from_json (order, node, &changed, NULL);
      g_assert (!changed);   /* the same object twice changes nothing */
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  return fuzz_models (data, size, visit);
}
