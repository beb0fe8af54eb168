/* paddock-cli-common.c: what every command of paddock-cli shares: running async calls,
 * printing for people and for --json, exit codes, choosing the stored account
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "paddock-cli"

#include "config.h"

#include <stdio.h>

#include "paddock-error.h"
#include "paddock-format.h"

#include "paddock-cli-private.h"

void
cli_waiter_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  CliWaiter *w = user_data;

  w->result = g_object_ref (result);
  g_main_loop_quit (w->loop);
}

/* Runs the main loop until the callback handed out by waiter_begin() has run. */
GAsyncResult *
cli_waiter_wait (CliWaiter *w)
{
  while (w->result == NULL)
    g_main_loop_run (w->loop);
  return w->result;
}

void
cli_waiter_clear (CliWaiter *w)
{
  g_clear_object (&w->result);
  g_clear_pointer (&w->loop, g_main_loop_unref);
}



/* Server messages, account fields and keyring labels come from outside: on a terminal
 * their escape sequences would move the cursor, recolour or retitle it, or fake output. */
void
cli_print_error (const char *text)
{
  g_autofree char *safe = paddock_format_printable (text);

  g_printerr ("paddock-cli: %s\n", safe);
}

void
cli_print_row (const char *label,
               const char *value)
{
  g_autofree char *safe = paddock_format_printable (value);

  g_print ("%-14s %s\n", label, value != NULL ? safe : "—");
}

/* The exit code of each error code (see usage_text) */
int
cli_fail (const GError *error)
{
  cli_print_error (error->message);

  if (g_error_matches (error, PADDOCK_ERROR, PADDOCK_ERROR_NOT_AUTHORIZED))
    {
      g_printerr ("paddock-cli: Your access was revoked or has expired, or you are not signed "
                  "in: sign in again with “paddock-cli login”.\n");
      return EXIT_SIGN_IN;
    }
  if (g_error_matches (error, PADDOCK_ERROR, PADDOCK_ERROR_KEYRING_DAMAGED))
    {
      /* signing in again replaces the item */
      g_printerr ("paddock-cli: Sign in again with “paddock-cli login”, or remove the sign-in "
                  "with “paddock-cli logout”.\n");
      return EXIT_SIGN_IN;
    }

  /* KEYRING_UNAVAILABLE, KEYRING_LOCKED, KEYRING, the network, the server… */
  if (g_error_matches (error, PADDOCK_ERROR, PADDOCK_ERROR_INVALID_INPUT))
    return EXIT_USAGE;
  return EXIT_FAILED;
}

int
cli_usage_error (const char *message)
{
  g_printerr ("paddock-cli: %s\nTry “paddock-cli --help”.\n", message);
  return EXIT_USAGE;
}

void
cli_print_json (JsonNode *node)
{
  g_autoptr (JsonGenerator) gen = json_generator_new ();
  g_autofree char *text = NULL;
  gsize len = 0;

  json_generator_set_root (gen, node);
  json_generator_set_pretty (gen, FALSE);
  text = json_generator_to_data (gen, &len);
  /* as it is: megabytes of orders need no printf copy */
  fwrite (text, 1, len, stdout);
  fputc ('\n', stdout);
}

/* How an account's environment is printed: its name, as in the keyring and --json */
const char *
cli_environment_name (PaddockCredentials *credentials)
{
  return paddock_environment_to_string (paddock_credentials_get_environment (credentials));
}

/* ---- stored accounts ------------------------------------------------------------------- */

GListModel *
cli_list_accounts (PaddockTokenStore  *store,
                   GError            **error)
{
  CliWaiter w = CLI_WAITER_INIT;
  GListModel *list;

  paddock_token_store_list_async (store, NULL, cli_waiter_cb, &w);
  list = paddock_token_store_list_finish (store, cli_waiter_wait (&w), error);
  cli_waiter_clear (&w);
  return list;
}

/* Finds the stored account the person means; with no --account, the only one there is. */
PaddockCredentials *
cli_choose_account (PaddockTokenStore  *store,
                    const char         *wanted,
                    GError            **error)
{
  g_autoptr (GListModel) list = cli_list_accounts (store, error);
  g_autoptr (PaddockCredentials) found = NULL;
  g_auto (CliWaiter) w = CLI_WAITER_INIT;
  PaddockCredentials *loaded;
  guint n;

  if (list == NULL)
    return NULL;

  n = g_list_model_get_n_items (list);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (PaddockCredentials) c = g_list_model_get_item (list, i);

      if (wanted == NULL ||
          g_strcmp0 (wanted, paddock_credentials_get_account_id (c)) == 0 ||
          g_strcmp0 (wanted, paddock_credentials_get_account_number (c)) == 0)
        {
          if (found != NULL)
            {
              g_set_error_literal (error, PADDOCK_ERROR, PADDOCK_ERROR_INVALID_INPUT,
                                   "Several accounts are signed in: choose one with --account "
                                   "(see “paddock-cli accounts”).");
              return NULL;
            }
          found = g_object_ref (c);
        }
    }

  if (found == NULL)
    {
      if (wanted != NULL)
        g_set_error (error, PADDOCK_ERROR, PADDOCK_ERROR_NOT_AUTHORIZED,
                     "No account “%s” is signed in on this computer.", wanted);
      else
        g_set_error_literal (error, PADDOCK_ERROR, PADDOCK_ERROR_NOT_AUTHORIZED,
                             "No account is signed in on this computer.");
      return NULL;
    }

  paddock_token_store_load_async (store, paddock_credentials_get_environment (found),
                                  paddock_credentials_get_account_id (found), NULL, cli_waiter_cb, &w);
  loaded = paddock_token_store_load_finish (store, cli_waiter_wait (&w), error);
  cli_waiter_clear (&w);
  return loaded;
}

PaddockEndpoints *
cli_endpoints_for_credentials (PaddockTokenStore   *store,
                               PaddockCredentials  *credentials,
                               GError             **error)
{
  PaddockEnvironment environment = paddock_credentials_get_environment (credentials);

  if (environment == PADDOCK_ENVIRONMENT_DEMO)
    {
      g_set_error_literal (error, PADDOCK_ERROR, PADDOCK_ERROR_INVALID_INPUT,
                           "This is the app’s demo account; its brokerage runs inside the app "
                           "only.");
      return NULL;
    }

  return paddock_endpoints_new (environment, error);
}
