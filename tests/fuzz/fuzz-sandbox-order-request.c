/* fuzz-sandbox-order-request.c: the body of POST /v2/orders (and PATCH) as the sandbox reads it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "paddock-fuzz"

#include "config.h"

#include <stddef.h>
#include <stdint.h>

#include "paddock-sandbox.h"
#include "paddock-sandbox-private.h"
#include "paddock-sandbox-trading-private.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);
int LLVMFuzzerInitialize   (int           *argc,
                            char        ***argv);

static PaddockSandbox *sandbox;

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_log_set_always_fatal (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  sandbox = paddock_sandbox_new (1);
  /* the modules the order engine needs, as the sandbox's thread sets them up, without
   * the server: nothing listens */
  _sandbox_market_init (sandbox);
  _sandbox_oauth_init (sandbox);
  _sandbox_trading_init (sandbox);
  _sandbox_catalog_init (sandbox);
  _sandbox_data_init (sandbox);
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  SandboxAccount *account = _sandbox_get_account (sandbox, SANDBOX_ENV_PAPER);
  g_autoptr (JsonNode) root = NULL;
  g_autofree char *message = NULL;
  OrderSpec spec;

  /* as _sandbox_request_body_object(): its own limits, then an object */
  if (_sandbox_json_parse ((const char *) data, size, &root) != SANDBOX_JSON_OK ||
      !JSON_NODE_HOLDS_OBJECT (root))
    return 0;

  if (!_order_request_parse (sandbox, account, json_node_get_object (root), &spec, &message))
    g_assert (message != NULL);
  else
    g_assert (message == NULL && spec.sym != NULL);
  return 0;
}
