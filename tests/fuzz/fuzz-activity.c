/* fuzz-activity.c: the activity model, from replies of /v2/account/activities
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "paddock-fuzz"

#include "config.h"

#include "fuzz-common.h"
#include "paddock-activity.h"

static void
visit (const char *name,
       JsonNode   *node)
{
  g_autoptr (PaddockActivity) activity = paddock_activity_new_from_json (node, NULL);

  if (activity != NULL)
    (void) paddock_activity_get_type_label (activity);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  return fuzz_models (data, size, visit);
}
