/* paddock-sandbox-trading.c: accounts, orders, positions and the fill engine
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "paddock-sandbox-trading"

#include "config.h"

#include "paddock-sandbox-private.h"

struct _SandboxAccount
{
  char *id;
  SandboxEnv env;
};

typedef struct
{
  SandboxAccount *accounts[2];
} TradingState;

static void
account_free (SandboxAccount *account)
{
  g_free (account->id);
  g_free (account);
}

static void
trading_state_free (TradingState *state)
{
  for (guint i = 0; i < G_N_ELEMENTS (state->accounts); i++)
    account_free (state->accounts[i]);
  g_free (state);
}

void
_sandbox_trading_init (PaddockSandbox *self)
{
  TradingState *state = g_new0 (TradingState, 1);

  for (guint i = 0; i < G_N_ELEMENTS (state->accounts); i++)
    {
      state->accounts[i] = g_new0 (SandboxAccount, 1);
      state->accounts[i]->id = _sandbox_new_uuid ();
      state->accounts[i]->env = (SandboxEnv) i;
    }
  _sandbox_set_module (self, SANDBOX_MODULE_TRADING, state, (GDestroyNotify) trading_state_free);
}

SandboxAccount *
_sandbox_get_account (PaddockSandbox *self,
                      SandboxEnv      env)
{
  TradingState *state = _sandbox_get_module (self, SANDBOX_MODULE_TRADING);

  return state->accounts[env];
}

const char *
_sandbox_account_get_id (SandboxAccount *account)
{
  return account->id;
}

void
_sandbox_trading_on_tick (PaddockSandbox *self)
{
}

const SandboxRoute _sandbox_trading_routes[] = {
  { NULL, 0, NULL, 0, NULL }
};
