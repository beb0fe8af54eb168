/* paddock-cli-use.c: `paddock-cli use`, the account commands use when --account says nothing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The choice is the GSettings key `cli-account` ("environment:account-id", as
 * `last-account` names accounts): nothing secret, the token stays in the keyring. Only an
 * account signed in on this computer can be chosen; `logout` forgets the choice with the
 * account. Without a choice, commands use the account signed in last (see
 * cli_find_account()).
 */
#define G_LOG_DOMAIN "paddock-cli"

#include "config.h"

#include "paddock-error.h"
#include "paddock-settings.h"

#include "paddock-cli-private.h"

static void
print_account (PaddockCredentials *credentials,
               CliAccountSource    source,
               gboolean            json)
{
  static const char *source_names[] = {
    [CLI_ACCOUNT_FROM_OPTION] = "option",
    [CLI_ACCOUNT_FROM_USE] = "use",
    [CLI_ACCOUNT_FROM_LAST] = "last_sign_in",
    [CLI_ACCOUNT_FROM_ONLY] = "only",
  };

  if (json)
    {
      g_autoptr (JsonBuilder) b = json_builder_new ();
      g_autoptr (JsonNode) root = NULL;

      json_builder_begin_object (b);
      cli_add_account_members (b, credentials);
      json_builder_set_member_name (b, "chosen_by");
      json_builder_add_string_value (b, source_names[source]);
      json_builder_end_object (b);
      root = json_builder_get_root (b);
      cli_print_json (root);
    }
  else
    {
      g_autofree char *name = cli_account_name (credentials);

      if (source == CLI_ACCOUNT_FROM_USE)
        g_print (_("Commands use the %s account %s.\n"), cli_environment_name (credentials), name);
      else
        g_print (_("No account is chosen with “paddock-cli use”: commands use the %s account %s "
                   "(%s).\n"), cli_environment_name (credentials), name,
                 cli_account_source_text (source));
    }
}

static int
show_choice (PaddockTokenStore *store,
             gboolean           json)
{
  g_autoptr (GError) error = NULL;
  CliAccountSource source = CLI_ACCOUNT_FROM_ONLY;
  g_autoptr (PaddockCredentials) found = cli_find_account (store, NULL, &source, &error);

  if (found == NULL)
    return cli_fail (error);
  print_account (found, source, json);
  return EXIT_OK;
}

int
cli_cmd_use (PaddockTokenStore *store,
             gboolean           json,
             const char        *wanted,
             int                argc,
             char             **argv)
{
  gboolean clear = FALSE;
  g_autoptr (GOptionContext) context = g_option_context_new ("[ACCOUNT]");
  g_autoptr (GError) error = NULL;
  GOptionEntry entries[] = {
    { "clear", 0, 0, G_OPTION_ARG_NONE, &clear,
      N_("Forget the choice: use the account signed in last"), NULL },
    { NULL }
  };
  g_autoptr (GSettings) settings = NULL;
  g_autoptr (GListModel) list = NULL;
  g_autoptr (PaddockCredentials) found = NULL;
  g_autofree char *key = NULL;
  const char *account;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return cli_usage_error (error->message);
  if (argc > 2)
    return cli_usage_error (_("use takes one account ID or number"));
  account = argc == 2 ? argv[1] : wanted;
  if (argc == 2 && wanted != NULL && !g_str_equal (wanted, argv[1]))
    return cli_usage_error (_("use takes one account: name it once"));
  if (clear && account != NULL)
    return cli_usage_error (_("choose an account or --clear, not both"));

  if (!clear && account == NULL)
    return show_choice (store, json);

  settings = paddock_settings_new ();
  if (settings == NULL)
    {
      g_printerr (_("paddock-cli: The settings schema %s is not installed: the choice cannot "
                    "be kept.\n"), SETTINGS_SCHEMA_ID);
      return EXIT_FAILED;
    }

  if (clear)
    {
      g_settings_reset (settings, "cli-account");
      g_settings_sync ();
      g_print (_("No account is chosen: commands use the one signed in last.\n"));
      return EXIT_OK;
    }

  if (*account == '\0')
    return cli_usage_error (_("use needs an account ID or number (see “paddock-cli accounts”)"));

  list = cli_list_accounts (store, &error);
  if (list == NULL)
    return cli_fail (error);
  found = cli_find_named_account (list, account, &error);
  if (found == NULL)
    return cli_fail (error);

  key = cli_account_key (found);
  g_settings_set_string (settings, "cli-account", key);
  g_settings_sync ();
  print_account (found, CLI_ACCOUNT_FROM_USE, json);
  return EXIT_OK;
}
