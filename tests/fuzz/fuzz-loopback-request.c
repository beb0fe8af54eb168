/* fuzz-loopback-request.c: what a connection to the loopback receiver sends, parsed as the receiver does
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "paddock-fuzz"

#include "config.h"

#include <string.h>

#include "fuzz-common.h"
#include "paddock-loopback-receiver.h"
#include "paddock-loopback-receiver-private.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  PaddockLoopbackRequest request = { NULL, };
  g_autoptr (GHashTable) params = NULL;
  gsize end;

  if (size > PADDOCK_LOOPBACK_MAX_HEADER_BYTES + 1)
    return 0;   /* the receiver reads no more */

  /* as connection_read_head(): the head ends at the empty line, then is parsed strictly */
  end = _paddock_loopback_find_head_end (data, size, 0);
  if (end == 0 || end > PADDOCK_LOOPBACK_MAX_HEADER_BYTES)
    return 0;
  g_assert (end <= size);
  if (!_paddock_loopback_parse_request ((const char *) data, end, &request))
    {
      g_assert (request.method == NULL && request.path == NULL);
      return 0;
    }
  g_assert (request.method != NULL && request.path != NULL && request.path[0] == 0x2f);

  /* as handle_callback(): the query */
  if (_paddock_loopback_parse_query (request.query, &params))
    {
      (void) g_hash_table_lookup (params, "state");
      (void) g_hash_table_lookup (params, "code");
    }
  _paddock_loopback_request_clear (&request);
  return 0;
}
