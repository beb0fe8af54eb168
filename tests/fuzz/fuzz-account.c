/* fuzz-account.c: the account model, from a reply of GET /v2/account
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "paddock-fuzz"

#include "config.h"

#include "fuzz-common.h"
#include "paddock-account.h"

static void
visit (const char *name,
       JsonNode   *node)
{
  g_autoptr (PaddockAccount) account = paddock_account_new_from_json (node, NULL);

  if (account != NULL)
    {
      g_autoptr (JsonNode) back = NULL;

      paddock_account_update_from_json (account, node, NULL);
      back = paddock_account_to_json (account);
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  return fuzz_models (data, size, visit);
}
