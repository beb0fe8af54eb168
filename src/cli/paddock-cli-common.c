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
#include "paddock-settings.h"

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
      g_printerr (_("paddock-cli: Your access was revoked or has expired, or you are not signed "
                    "in: sign in again with “paddock-cli login”.\n"));
      return EXIT_SIGN_IN;
    }
  if (g_error_matches (error, PADDOCK_ERROR, PADDOCK_ERROR_KEYRING_DAMAGED))
    {
      /* signing in again replaces the item */
      g_printerr (_("paddock-cli: Sign in again with “paddock-cli login”, or remove the sign-in "
                    "with “paddock-cli logout”.\n"));
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
  g_printerr (_("paddock-cli: %s\nTry “paddock-cli --help”.\n"), message);
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

/* An account's members in --json output: environment, account_id, account_number */
void
cli_add_account_members (JsonBuilder        *b,
                         PaddockCredentials *credentials)
{
  json_builder_set_member_name (b, "environment");
  json_builder_add_string_value (b, cli_environment_name (credentials));
  json_builder_set_member_name (b, "account_id");
  json_builder_add_string_value (b, paddock_credentials_get_account_id (credentials));
  json_builder_set_member_name (b, "account_number");
  json_builder_add_string_value (b, paddock_credentials_get_account_number (credentials));
}

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

/* How the `cli-account` setting names an account, as `last-account` does */
char *
cli_account_key (PaddockCredentials *credentials)
{
  return g_strdup_printf ("%s:%s", cli_environment_name (credentials),
                          paddock_credentials_get_account_id (credentials));
}

/* The account `paddock-cli use` chose ("environment:account-id"), or NULL: none, or the
 * settings schema is not installed */
char *
cli_dup_used_account (void)
{
  g_autoptr (GSettings) settings = paddock_settings_new ();
  g_autofree char *key = NULL;

  if (settings == NULL)
    return NULL;
  key = g_settings_get_string (settings, "cli-account");
  return *key != '\0' ? g_steal_pointer (&key) : NULL;
}

/* The account --account names (its id or its number), or NULL when it names none or
 * several */
PaddockCredentials *
cli_find_named_account (GListModel  *list,
                        const char  *wanted,
                        GError     **error)
{
  g_autoptr (PaddockCredentials) found = NULL;
  guint n = g_list_model_get_n_items (list);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (PaddockCredentials) c = g_list_model_get_item (list, i);

      if (g_strcmp0 (wanted, paddock_credentials_get_account_id (c)) != 0 &&
          g_strcmp0 (wanted, paddock_credentials_get_account_number (c)) != 0)
        continue;
      if (found != NULL)
        {
          g_set_error (error, PADDOCK_ERROR, PADDOCK_ERROR_INVALID_INPUT,
                       _("Several signed-in accounts are called “%s”: name one by its id "
                         "(see “paddock-cli accounts”)."), wanted);
          return NULL;
        }
      found = g_object_ref (c);
    }

  if (found == NULL)
    g_set_error (error, PADDOCK_ERROR, PADDOCK_ERROR_NOT_AUTHORIZED,
                 _("No account “%s” is signed in on this computer (see “paddock-cli accounts”)."),
                 wanted);
  return g_steal_pointer (&found);
}

/* --account, or else the account `paddock-cli use` chose, or else the one signed in last
 * (the keyring item made last). Returns the list's entry, without its token: it knows the
 * account number (from the item's label). */
PaddockCredentials *
cli_find_account (PaddockTokenStore  *store,
                  const char         *wanted,
                  CliAccountSource   *source,
                  GError            **error)
{
  g_autoptr (GListModel) list = cli_list_accounts (store, error);
  g_autoptr (PaddockCredentials) latest = NULL;
  g_autofree char *used = NULL;
  guint n;

  if (list == NULL)
    return NULL;

  if (wanted != NULL)
    {
      *source = CLI_ACCOUNT_FROM_OPTION;
      return cli_find_named_account (list, wanted, error);
    }

  n = g_list_model_get_n_items (list);
  used = cli_dup_used_account ();
  if (used != NULL)
    {
      for (guint i = 0; i < n; i++)
        {
          g_autoptr (PaddockCredentials) c = g_list_model_get_item (list, i);
          g_autofree char *key = cli_account_key (c);

          if (g_str_equal (key, used))
            {
              *source = CLI_ACCOUNT_FROM_USE;
              return g_steal_pointer (&c);
            }
        }
      /* never quietly trade on another account than the one chosen */
      g_set_error_literal (error, PADDOCK_ERROR, PADDOCK_ERROR_NOT_AUTHORIZED,
                           _("The account chosen with “paddock-cli use” is no longer signed in "
                             "on this computer: sign in to it again, or choose another with "
                             "“paddock-cli use ACCOUNT” (see “paddock-cli accounts”)."));
      return NULL;
    }

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (PaddockCredentials) c = g_list_model_get_item (list, i);
      GDateTime *t = paddock_credentials_get_created_at (c);
      GDateTime *best = latest != NULL ? paddock_credentials_get_created_at (latest) : NULL;

      if (latest == NULL || (t != NULL && (best == NULL || g_date_time_compare (t, best) >= 0)))
        g_set_object (&latest, c);
    }
  if (latest == NULL)
    {
      g_set_error_literal (error, PADDOCK_ERROR, PADDOCK_ERROR_NOT_AUTHORIZED,
                           _("No account is signed in on this computer."));
      return NULL;
    }
  *source = n == 1 ? CLI_ACCOUNT_FROM_ONLY : CLI_ACCOUNT_FROM_LAST;
  return g_steal_pointer (&latest);
}

/* How an account is named for people: its number, or its id when the label has none */
char *
cli_account_name (PaddockCredentials *credentials)
{
  const char *number = paddock_credentials_get_account_number (credentials);

  /* both come from the keyring item, which any program may have written */
  return paddock_format_printable (number != NULL ? number
                                   : paddock_credentials_get_account_id (credentials));
}

const char *
cli_account_source_text (CliAccountSource source)
{
  switch (source)
    {
    case CLI_ACCOUNT_FROM_OPTION:
      /* Translators: why a command uses an account, said in parentheses after it; this
       * and the next three */
      return _("named with --account");
    case CLI_ACCOUNT_FROM_USE:
      return _("chosen with “paddock-cli use”");
    case CLI_ACCOUNT_FROM_LAST:
      return _("signed in last");
    case CLI_ACCOUNT_FROM_ONLY:
    default:
      return _("the only one signed in");
    }
}

/* Finds the stored account the person means (see cli_find_account()), loads its token and
 * says on stderr which account it is and why: stdout may be --json for a script. */
PaddockCredentials *
cli_choose_account (PaddockTokenStore  *store,
                    const char         *wanted,
                    GError            **error)
{
  CliAccountSource source = CLI_ACCOUNT_FROM_ONLY;
  g_autoptr (PaddockCredentials) found = cli_find_account (store, wanted, &source, error);
  g_auto (CliWaiter) w = CLI_WAITER_INIT;
  g_autofree char *name = NULL;
  PaddockCredentials *loaded;

  if (found == NULL)
    return NULL;

  paddock_token_store_load_async (store, paddock_credentials_get_environment (found),
                                  paddock_credentials_get_account_id (found), NULL, cli_waiter_cb, &w);
  loaded = paddock_token_store_load_finish (store, cli_waiter_wait (&w), error);
  cli_waiter_clear (&w);

  /* named even when its token cannot be used: the person sees which sign-in is broken */
  name = cli_account_name (found);
  /* Translators: the first %s is the environment as the API names it (“paper” or “live”),
   * the second the account number, the third why this account (“signed in last”…) */
  g_printerr (_("Using the %s account %s (%s).\n"), cli_environment_name (found), name,
              cli_account_source_text (source));
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
                           _("This is the app’s demo account; its brokerage runs inside the app "
                             "only."));
      return NULL;
    }

  return paddock_endpoints_new (environment, error);
}
