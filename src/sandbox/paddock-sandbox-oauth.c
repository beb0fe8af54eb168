/* paddock-sandbox-oauth.c: consent page, token endpoint and introspection
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "paddock-sandbox-oauth"

#include "config.h"

#include "paddock-sandbox-private.h"

typedef struct
{
  char *demo_secret;
} OAuthState;

static void
oauth_state_free (OAuthState *state)
{
  g_free (state->demo_secret);
  g_free (state);
}

void
_sandbox_oauth_init (PaddockSandbox *self)
{
  OAuthState *state = g_new0 (OAuthState, 1);

  state->demo_secret = _sandbox_random_token (24);
  _sandbox_set_module (self, SANDBOX_MODULE_OAUTH, state, (GDestroyNotify) oauth_state_free);
}

const char *
_sandbox_oauth_get_demo_secret (PaddockSandbox *self)
{
  OAuthState *state = _sandbox_get_module (self, SANDBOX_MODULE_OAUTH);

  return state ? state->demo_secret : NULL;
}

const SandboxRoute _sandbox_oauth_routes[] = {
  { NULL, 0, NULL, 0, NULL }
};
