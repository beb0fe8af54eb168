/* fuzz-error-body.c: the error bodies of API and token endpoint replies
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "paddock-fuzz"

#include "config.h"

#include "fuzz-common.h"
#include "paddock-client-private.h"
#include "paddock-oauth-flow-private.h"

static const guint statuses[] = { 400, 401, 403, 404, 422, 429, 500 };

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr (GBytes) body = g_bytes_new (data, size);
  /* the first byte picks the status, as any of them can come with any body */
  guint status = statuses[size > 0 ? data[0] % G_N_ELEMENTS (statuses) : 0];
  g_autoptr (GError) api = _paddock_client_error_from_reply (status, body,
                                                             PADDOCK_JSON_MAX_BYTES);
  g_autoptr (GError) token = _paddock_oauth_token_error (status, body);

  g_assert (api != NULL && api->message != NULL);
  g_assert (token != NULL && token->message != NULL);
  return 0;
}
