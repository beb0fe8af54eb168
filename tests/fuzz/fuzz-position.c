/* fuzz-position.c: the position model, from replies of /v2/positions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "paddock-fuzz"

#include "config.h"

#include "fuzz-common.h"
#include "paddock-position.h"

static void
visit (const char *name,
       JsonNode   *node)
{
  g_autoptr (PaddockPosition) position = paddock_position_new_from_json (node, NULL);

  gboolean changed = FALSE;

  if (position != NULL)
    {
      paddock_position_update_from_json (position, node, &changed, NULL);
      g_assert (!changed);   /* the same object twice changes nothing */
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  return fuzz_models (data, size, visit);
}
