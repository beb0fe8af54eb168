/* fuzz-pasted-address.c: an address pasted from the browser into the sign-in dialog
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "paddock-fuzz"

#include "config.h"

#include "fuzz-common.h"
#include "paddock-error.h"
#include "paddock-oauth-flow-private.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *address = g_strndup ((const char *) data, size);
  g_autoptr (GError) error = NULL;
  g_autofree char *code = NULL;

  /* the state of the fake sign-in the seeds carry */
  code = _paddock_oauth_code_from_address ("fuzz-state-0123456789", address, &error);
  g_assert ((code == NULL) != (error == NULL));
  g_assert (code == NULL || *code != 0);
  return 0;
}
