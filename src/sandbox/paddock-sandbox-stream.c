/* paddock-sandbox-stream.c: the trade-updates websocket
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "paddock-sandbox-stream"

#include "config.h"

#include "paddock-sandbox-private.h"

void
_sandbox_stream_init (PaddockSandbox *self,
                      SoupServer     *server)
{
}

void
_sandbox_stream_shutdown (PaddockSandbox *self)
{
}

void
_sandbox_stream_emit (PaddockSandbox *self,
                      SandboxEnv      env,
                      JsonNode       *data)
{
  json_node_unref (data);
}
