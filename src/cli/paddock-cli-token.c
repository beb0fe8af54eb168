/* paddock-cli-token.c: `paddock-cli token`, what the token may do and what the server says
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The same as the app's Token Details window: the environment and the scopes from the
 * keyring, then token introspection (paddock-token-info.h) when the server answers it, and
 * with --last-trade SYMBOL the Polygon last trade through the introspection id. The token
 * itself is never printed. --json prints one object; people get rows, every outside string
 * made printable.
 */
#define G_LOG_DOMAIN "paddock-cli"

#include "config.h"

#include "paddock-error.h"
#include "paddock-format.h"
#include "paddock-token-info.h"

#include "paddock-cli-private.h"

static char *
iso_time (GDateTime *time)
{
  return time != NULL ? g_date_time_format_iso8601 (time) : NULL;
}

static char *
local_time (GDateTime *time)
{
  g_autoptr (GDateTime) local = NULL;

  if (time == NULL)
    return NULL;
  local = g_date_time_to_local (time);
  return g_date_time_format (local, "%Y-%m-%d %H:%M:%S %Z");
}

static void
add_string (JsonBuilder *b,
            const char  *name,
            const char  *value)
{
  json_builder_set_member_name (b, name);
  if (value != NULL)
    json_builder_add_string_value (b, value);
  else
    json_builder_add_null_value (b);
}

static void
print_json (PaddockCredentials  *credentials,
            PaddockTokenInfo    *info,
            PaddockPolygonTrade *trade)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  g_autoptr (JsonNode) root = NULL;
  g_auto (GStrv) scopes = g_strsplit (paddock_credentials_get_scope (credentials) ?: "", " ", -1);

  json_builder_begin_object (b);
  cli_add_account_members (b, credentials);
  json_builder_set_member_name (b, "scopes");
  json_builder_begin_array (b);
  for (guint i = 0; scopes[i] != NULL; i++)
    if (*scopes[i] != '\0')
      json_builder_add_string_value (b, scopes[i]);
  json_builder_end_array (b);

  json_builder_set_member_name (b, "introspection");
  if (info == NULL)
    json_builder_add_null_value (b);
  else
    {
      g_autofree char *iat = iso_time (paddock_token_info_get_iat (info));

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "active");
      json_builder_add_boolean_value (b, paddock_token_info_get_active (info));
      add_string (b, "aud", paddock_token_info_get_aud (info));
      add_string (b, "client_id", paddock_token_info_get_client_id (info));
      add_string (b, "iat", iat);
      add_string (b, "id", paddock_token_info_get_id (info));
      add_string (b, "owner_id", paddock_token_info_get_owner_id (info));
      add_string (b, "scope", paddock_token_info_get_scope (info));
      add_string (b, "token_type", paddock_token_info_get_token_type (info));
      json_builder_end_object (b);
    }

  if (trade != NULL)
    {
      g_autofree char *time = iso_time (trade->timestamp);

      json_builder_set_member_name (b, "last_trade");
      json_builder_begin_object (b);
      add_string (b, "symbol", trade->symbol);
      add_string (b, "price", trade->price);
      json_builder_set_member_name (b, "size");
      json_builder_add_int_value (b, trade->size);
      json_builder_set_member_name (b, "exchange");
      json_builder_add_int_value (b, trade->exchange);
      add_string (b, "timestamp", time);
      json_builder_end_object (b);
    }
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  cli_print_json (root);
}

static void
print_text (PaddockCredentials  *credentials,
            PaddockTokenInfo    *info,
            PaddockPolygonTrade *trade)
{
  g_autofree char *name = cli_account_name (credentials);

  cli_print_row (C_("cli label", "Account"), name);
  cli_print_row (C_("cli label", "Environment"), cli_environment_name (credentials));
  cli_print_row (C_("cli label", "Scopes"), paddock_credentials_get_scope (credentials));

  if (info == NULL)
    {
      g_print (_("The server does not answer token introspection.\n"));
    }
  else
    {
      g_autofree char *issued = local_time (paddock_token_info_get_iat (info));

      cli_print_row (C_("cli label", "Active"), paddock_token_info_get_active (info)
                                                ? C_("cli value", "yes") : C_("cli value", "no"));
      cli_print_row (C_("cli label", "Scope"), paddock_token_info_get_scope (info));
      cli_print_row (C_("cli label", "Token type"), paddock_token_info_get_token_type (info));
      cli_print_row (C_("cli label", "Issued"), issued);
      cli_print_row (C_("cli label", "Audience"), paddock_token_info_get_aud (info));
      cli_print_row (C_("cli label", "Client ID"), paddock_token_info_get_client_id (info));
      cli_print_row (C_("cli label", "Key ID"), paddock_token_info_get_id (info));
      cli_print_row (C_("cli label", "Owner ID"), paddock_token_info_get_owner_id (info));
    }

  if (trade != NULL)
    {
      g_autofree char *price = paddock_format_money (trade->price, "USD");
      g_autofree char *size = g_strdup_printf ("%" G_GINT64_FORMAT, trade->size);
      g_autofree char *exchange = g_strdup_printf ("%" G_GINT64_FORMAT, trade->exchange);
      g_autofree char *time = local_time (trade->timestamp);

      g_print (_("\nPolygon last trade\n"));
      cli_print_row (C_("cli label", "Symbol"), trade->symbol);
      cli_print_row (C_("cli label", "Price"), price != NULL ? price : trade->price);
      cli_print_row (C_("cli label", "Size"), size);
      cli_print_row (C_("cli label", "Exchange"), exchange);
      cli_print_row (C_("cli label", "Time"), time);
    }
}

int
cli_cmd_token (PaddockTokenStore *store,
               gboolean           json,
               const char        *wanted,
               int                argc,
               char             **argv)
{
  g_autofree char *symbol = NULL;
  g_autoptr (GOptionContext) context = g_option_context_new (NULL);
  g_autoptr (GError) error = NULL;
  GOptionEntry entries[] = {
    { "last-trade", 0, 0, G_OPTION_ARG_STRING, &symbol,
      N_("Also look up SYMBOL’s last trade on Polygon with the token’s key id"), "SYMBOL" },
    { NULL }
  };
  g_autoptr (PaddockCredentials) credentials = NULL;
  g_autoptr (PaddockEndpoints) endpoints = NULL;
  g_autoptr (PaddockTokenInfo) info = NULL;
  g_autoptr (PaddockPolygonTrade) trade = NULL;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return cli_usage_error (error->message);
  if (argc > 1)
    return cli_usage_error (_("token takes no arguments"));

  credentials = cli_choose_account (store, wanted, &error);
  if (credentials == NULL)
    return cli_fail (error);
  endpoints = cli_endpoints_for_credentials (store, credentials, &error);
  if (endpoints == NULL)
    return cli_fail (error);

  {
    g_auto (CliWaiter) w = CLI_WAITER_INIT;

    paddock_token_introspect_async (endpoints, credentials, NULL, cli_waiter_cb, &w);
    if (!paddock_token_introspect_finish (cli_waiter_wait (&w), &info, &error))
      return cli_fail (error);
  }

  if (symbol != NULL)
    {
      g_auto (CliWaiter) w = CLI_WAITER_INIT;
      const char *key = info != NULL ? paddock_token_info_get_id (info) : NULL;

      if (key == NULL)
        {
          cli_print_error (_("The server does not answer token introspection, so there is no "
                             "key id to look up a last trade with."));
          return EXIT_FAILED;
        }
      paddock_polygon_last_trade_async (endpoints, key, symbol, NULL, cli_waiter_cb, &w);
      trade = paddock_polygon_last_trade_finish (cli_waiter_wait (&w), &error);
      if (trade == NULL)
        return cli_fail (error);
    }

  if (json)
    print_json (credentials, info, trade);
  else
    print_text (credentials, info, trade);
  return EXIT_OK;
}
