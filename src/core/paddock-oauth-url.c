/* paddock-oauth-url.c: the OAuth authorize URL
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "paddock-oauth-url"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "paddock-error.h"
#include "paddock-oauth-url.h"

static void
append_param (GString    *url,
              const char *name,
              const char *value,
              const char *allowed)
{
  g_autofree char *escaped = g_uri_escape_string (value, allowed, FALSE);

  g_string_append_printf (url, "&%s=%s", name, escaped);
}

/**
 * paddock_oauth_build_authorize_url:
 * @endpoints: the endpoints, for the authorize URL
 * @client_id: (nullable): the OAuth app's client ID
 * @redirect_uri: the loopback redirect URI, e.g. `http://127.0.0.1:48721/callback`
 * @state: the anti-forgery state
 * @scopes: (nullable) (array zero-terminated=1): the scopes to ask for, e.g.
 *   `account:write`, `trading`, `data`; %NULL or empty asks for read-only access
 * @environment: which accounts to ask for: paper, live (demo asks for paper)
 * @code_challenge: the PKCE S256 challenge of the flow's verifier
 * @error: return location for a #GError
 *
 * Builds the URL the browser opens:
 * `{authorize}?response_type=code&client_id=…&redirect_uri=…&state=…&scope=…&env=…
 * &code_challenge=…&code_challenge_method=S256`, appended with `&` when the
 * authorize URL already has a query. Every value is percent-encoded; scopes are
 * joined with `%20` and keep their `:` raw, as Alpaca's documentation shows
 * (`scope=account:write%20trading%20data`). Without scopes, `scope` is left out.
 *
 * Returns: (transfer full): the URL, or %NULL with %PADDOCK_ERROR_INVALID_INPUT
 *   when no client ID is configured
 */
char *
paddock_oauth_build_authorize_url (PaddockEndpoints   *endpoints,
                                   const char         *client_id,
                                   const char         *redirect_uri,
                                   const char         *state,
                                   const char * const *scopes,
                                   PaddockEnvironment  environment,
                                   const char         *code_challenge,
                                   GError            **error)
{
  g_autoptr (GString) url = NULL;
  const char *authorize_url;

  g_return_val_if_fail (PADDOCK_IS_ENDPOINTS (endpoints), NULL);
  g_return_val_if_fail (redirect_uri != NULL, NULL);
  g_return_val_if_fail (state != NULL, NULL);
  g_return_val_if_fail (code_challenge != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (client_id == NULL || *client_id == '\0')
    {
      g_set_error_literal (error, PADDOCK_ERROR, PADDOCK_ERROR_INVALID_INPUT,
                           _("No OAuth client ID is configured"));
      return NULL;
    }

  authorize_url = paddock_endpoints_get_authorize_url (endpoints);
  url = g_string_new (authorize_url);
  if (strchr (authorize_url, '?') == NULL)
    g_string_append_c (url, '?');
  else if (!g_str_has_suffix (authorize_url, "?") && !g_str_has_suffix (authorize_url, "&"))
    g_string_append_c (url, '&');
  g_string_append (url, "response_type=code");

  append_param (url, "client_id", client_id, NULL);
  append_param (url, "redirect_uri", redirect_uri, NULL);
  append_param (url, "state", state, NULL);

  if (scopes != NULL && scopes[0] != NULL)
    {
      g_string_append (url, "&scope=");
      for (guint i = 0; scopes[i] != NULL; i++)
        {
          g_autofree char *escaped = g_uri_escape_string (scopes[i], ":", FALSE);

          if (i > 0)
            g_string_append (url, "%20");
          g_string_append (url, escaped);
        }
    }

  append_param (url, "env", environment == PADDOCK_ENVIRONMENT_LIVE ? "live" : "paper", NULL);
  append_param (url, "code_challenge", code_challenge, NULL);
  append_param (url, "code_challenge_method", "S256", NULL);

  return g_string_free (g_steal_pointer (&url), FALSE);
}
