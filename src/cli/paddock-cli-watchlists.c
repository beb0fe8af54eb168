/* paddock-cli-watchlists.c: paddock-cli watchlists …
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The commands run the core's watchlist calls (paddock-watchlist.h). --json prints the
 * Watchlist object (alpaca-api.md §2.6) with its assets when the broker sent them; people
 * get the name, the id and a table of the symbols, every outside string made printable.
 * `show` adds each symbol's latest price and today's change, fetched with the one
 * multi-symbol request PaddockWatchlistQuotes makes. A change refused because the sign-in
 * lacks account:write is explained, with exit 3 (sign in again).
 */
#define G_LOG_DOMAIN "paddock-cli"

#include "config.h"

#include <string.h>

#include "paddock-client.h"
#include "paddock-error.h"
#include "paddock-format.h"
#include "paddock-watchlist-quotes.h"
#include "paddock-watchlist.h"

#include "paddock-cli-private.h"

/* ---- printing -------------------------------------------------------------------------- */

static void
add_text (JsonBuilder *b,
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
add_bool (JsonBuilder *b,
          const char  *name,
          gboolean     value)
{
  json_builder_set_member_name (b, name);
  json_builder_add_boolean_value (b, value);
}

static void
add_time (JsonBuilder *b,
          const char  *name,
          GDateTime   *value)
{
  g_autofree char *text = value != NULL ? g_date_time_format_iso8601 (value) : NULL;

  add_text (b, name, text);
}

static void
add_asset (JsonBuilder  *b,
           PaddockAsset *asset)
{
  json_builder_begin_object (b);
  add_text (b, "id", paddock_asset_get_id (asset));
  add_text (b, "class", paddock_asset_get_asset_class (asset));
  add_text (b, "exchange", paddock_asset_get_exchange (asset));
  add_text (b, "symbol", paddock_asset_get_symbol (asset));
  add_text (b, "name", paddock_asset_get_name (asset));
  add_text (b, "status", paddock_asset_get_status (asset));
  add_bool (b, "tradable", paddock_asset_get_tradable (asset));
  add_bool (b, "marginable", paddock_asset_get_marginable (asset));
  add_bool (b, "shortable", paddock_asset_get_shortable (asset));
  add_bool (b, "easy_to_borrow", paddock_asset_get_easy_to_borrow (asset));
  add_bool (b, "fractionable", paddock_asset_get_fractionable (asset));
  json_builder_end_object (b);
}

/* The watchlist as Alpaca's JSON names it; "assets" only when the broker sent them */
static void
add_watchlist (JsonBuilder      *b,
               PaddockWatchlist *wl)
{
  json_builder_begin_object (b);
  add_text (b, "id", paddock_watchlist_get_id (wl));
  add_text (b, "account_id", paddock_watchlist_get_account_id (wl));
  add_time (b, "created_at", paddock_watchlist_get_created_at (wl));
  add_time (b, "updated_at", paddock_watchlist_get_updated_at (wl));
  add_text (b, "name", paddock_watchlist_get_name (wl));
  if (paddock_watchlist_get_has_assets (wl))
    {
      GListModel *assets = paddock_watchlist_get_assets (wl);

      json_builder_set_member_name (b, "assets");
      json_builder_begin_array (b);
      for (guint i = 0; i < g_list_model_get_n_items (assets); i++)
        {
          g_autoptr (PaddockAsset) asset = g_list_model_get_item (assets, i);

          add_asset (b, asset);
        }
      json_builder_end_array (b);
    }
  json_builder_end_object (b);
}

static void
print_json_watchlist (PaddockWatchlist *wl)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  g_autoptr (JsonNode) node = NULL;

  add_watchlist (b, wl);
  node = json_builder_get_root (b);
  cli_print_json (node);
}

static char *
format_time (GDateTime *t)
{
  g_autoptr (GDateTime) local = NULL;

  if (t == NULL)
    return NULL;
  local = g_date_time_to_local (t);
  return g_date_time_format (local, "%Y-%m-%d %H:%M:%S");
}

/* Prints rows of cells (NULL: "—"), made printable, in aligned columns */
static void
print_table (GPtrArray      *rows,
             guint           n_columns,
             const gboolean *right)
{
  g_autofree glong *widths = g_new0 (glong, n_columns);

  for (guint r = 0; r < rows->len; r++)
    {
      char **row = g_ptr_array_index (rows, r);

      for (guint i = 0; i < n_columns; i++)
        widths[i] = MAX (widths[i], g_utf8_strlen (row[i], -1));
    }
  for (guint r = 0; r < rows->len; r++)
    {
      char **row = g_ptr_array_index (rows, r);
      g_autoptr (GString) line = g_string_new (NULL);

      for (guint i = 0; i < n_columns; i++)
        {
          glong pad = widths[i] - g_utf8_strlen (row[i], -1);

          if (i > 0)
            g_string_append (line, "  ");
          if (right[i])
            for (glong p = 0; p < pad; p++)
              g_string_append_c (line, ' ');
          g_string_append (line, row[i]);
          if (!right[i] && i + 1 < n_columns)
            for (glong p = 0; p < pad; p++)
              g_string_append_c (line, ' ');
        }
      g_print ("%s\n", line->str);
    }
}

static void
add_row (GPtrArray          *rows,
         guint               n_columns,
         const char * const *cells)
{
  char **row = g_new0 (char *, n_columns + 1);

  for (guint i = 0; i < n_columns; i++)
    row[i] = cells[i] != NULL ? paddock_format_printable (cells[i]) : g_strdup ("—");
  g_ptr_array_add (rows, row);
}

/* The watchlist for people; with quotes, each symbol's price and today's change */
static void
print_watchlist (PaddockWatchlist       *wl,
                 PaddockWatchlistQuotes *quotes)
{
  g_autofree char *updated = format_time (paddock_watchlist_get_updated_at (wl));
  GListModel *assets = paddock_watchlist_get_assets (wl);
  guint n = g_list_model_get_n_items (assets);
  g_autoptr (GPtrArray) rows = NULL;
  const char *const header[] = {
    C_("cli column", "SYMBOL"), C_("cli column", "NAME"), C_("cli column", "EXCHANGE"),
    C_("cli column", "PRICE"), C_("cli column", "TODAY"), NULL
  };
  static const gboolean right[] = { FALSE, FALSE, FALSE, TRUE, TRUE };
  guint n_columns = quotes != NULL ? 5 : 3;

  cli_print_row (C_("cli label", "Name"), paddock_watchlist_get_name (wl));
  cli_print_row (C_("cli label", "ID"), paddock_watchlist_get_id (wl));
  cli_print_row (C_("cli label", "Updated"), updated);
  if (n == 0)
    {
      g_print (_("\nNo symbols.\n"));
      return;
    }

  g_print ("\n");
  rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  add_row (rows, n_columns, header);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (PaddockAsset) asset = g_list_model_get_item (assets, i);
      const char *symbol = paddock_asset_get_symbol (asset);
      const PaddockWatchlistQuote *q = quotes != NULL
        ? paddock_watchlist_quotes_lookup (quotes, symbol) : NULL;
      g_autofree char *price = q != NULL ? paddock_format_money (q->price, "USD") : NULL;
      g_autofree char *change = NULL;
      const char *cells[5];

      if (q != NULL && q->change != NULL)
        {
          g_autofree char *amount = paddock_format_money_full (q->change, "USD",
                                                               PADDOCK_FORMAT_ALWAYS_SIGN);

          change = q->change_percent != NULL
            ? g_strdup_printf ("%s (%s%s %%)", amount,
                               q->change_percent[0] == '-' ? "" : "+", q->change_percent)
            : g_strdup (amount);
        }
      cells[0] = symbol;
      cells[1] = paddock_asset_get_name (asset);
      cells[2] = paddock_asset_get_exchange (asset);
      cells[3] = price;
      cells[4] = change;
      add_row (rows, n_columns, cells);
    }
  print_table (rows, n_columns, right);
}

/* The error's exit code; a missing scope is explained */
static int
fail (const GError *error)
{
  if (g_error_matches (error, PADDOCK_ERROR, PADDOCK_ERROR_MISSING_SCOPE))
    {
      cli_print_error (error->message);
      g_printerr (_("paddock-cli: Sign in again with “paddock-cli login” (it asks for the "
                    "account:write scope unless --scope says otherwise) and approve it.\n"));
      return EXIT_SIGN_IN;
    }
  return cli_fail (error);
}

/* ---- connecting -------------------------------------------------------------------------- */

/* The trading client of the account and, when data_client is given, its data client */
static PaddockClient *
clients_for (PaddockTokenStore  *store,
             const char         *wanted,
             PaddockClient     **data_client,
             GError            **error)
{
  g_autoptr (PaddockCredentials) credentials = cli_choose_account (store, wanted, error);
  g_autoptr (PaddockEndpoints) endpoints = NULL;
  const char *token;

  if (credentials == NULL)
    return NULL;
  endpoints = cli_endpoints_for_credentials (store, credentials, error);
  if (endpoints == NULL)
    return NULL;
  token = paddock_credentials_get_access_token (credentials);
  if (data_client != NULL)
    *data_client = paddock_client_new (paddock_endpoints_get_data_url (endpoints), token);
  return paddock_client_new (paddock_endpoints_get_trading_url (endpoints), token);
}

/* ---- the commands ------------------------------------------------------------------------- */

static int
watchlists_list (PaddockClient *client,
                 gboolean       json)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) list = NULL;
  g_auto (CliWaiter) w = CLI_WAITER_INIT;

  paddock_watchlists_list_async (client, NULL, cli_waiter_cb, &w);
  list = paddock_watchlists_list_finish (client, cli_waiter_wait (&w), &error);
  if (list == NULL)
    return fail (error);

  if (json)
    {
      g_autoptr (JsonBuilder) b = json_builder_new ();
      g_autoptr (JsonNode) node = NULL;

      json_builder_begin_array (b);
      for (guint i = 0; i < list->len; i++)
        add_watchlist (b, g_ptr_array_index (list, i));
      json_builder_end_array (b);
      node = json_builder_get_root (b);
      cli_print_json (node);
      return EXIT_OK;
    }

  if (list->len == 0)
    {
      g_print (_("No watchlists.\n"));
      return EXIT_OK;
    }
  {
    g_autoptr (GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
    const char *const header[] = {
      C_("cli column", "NAME"), C_("cli column", "ID"), C_("cli column", "UPDATED"), NULL
    };
    static const gboolean right[] = { FALSE, FALSE, FALSE };

    add_row (rows, 3, header);
    for (guint i = 0; i < list->len; i++)
      {
        PaddockWatchlist *wl = g_ptr_array_index (list, i);
        g_autofree char *updated = format_time (paddock_watchlist_get_updated_at (wl));
        const char *cells[] = {
          paddock_watchlist_get_name (wl), paddock_watchlist_get_id (wl), updated,
        };

        add_row (rows, 3, cells);
      }
    print_table (rows, 3, right);
  }
  return EXIT_OK;
}

static int
watchlists_show (PaddockClient *client,
                 PaddockClient *data_client,
                 gboolean       json,
                 const char    *id)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PaddockWatchlist) wl = NULL;
  g_autoptr (PaddockWatchlistQuotes) quotes = NULL;
  g_auto (CliWaiter) w = CLI_WAITER_INIT;
  g_auto (GStrv) symbols = NULL;

  paddock_watchlist_get_async (client, id, NULL, cli_waiter_cb, &w);
  wl = paddock_watchlist_get_finish (client, cli_waiter_wait (&w), &error);
  if (wl == NULL)
    return fail (error);
  if (json)
    {
      print_json_watchlist (wl);
      return EXIT_OK;
    }

  /* every symbol's price in one request; without them the list is still worth showing */
  symbols = paddock_watchlist_dup_symbols (wl);
  if (symbols[0] != NULL)
    {
      g_auto (CliWaiter) qw = CLI_WAITER_INIT;

      quotes = paddock_watchlist_quotes_new (data_client);
      paddock_watchlist_quotes_set_symbols (quotes, (const char * const *) symbols);
      paddock_watchlist_quotes_refresh_async (quotes, NULL, cli_waiter_cb, &qw);
      if (!paddock_watchlist_quotes_refresh_finish (quotes, cli_waiter_wait (&qw), &error))
        {
          g_autofree char *msg = g_strdup_printf (_("No prices: %s"), error->message);

          cli_print_error (msg);
          g_clear_object (&quotes);
        }
    }
  print_watchlist (wl, quotes);
  return EXIT_OK;
}

/* Prints what a change answered: the watchlist as the broker has it now */
static int
print_result (PaddockWatchlist *wl,
              GError           *error,
              gboolean          json)
{
  if (wl == NULL)
    return fail (error);
  if (json)
    print_json_watchlist (wl);
  else
    print_watchlist (wl, NULL);
  return EXIT_OK;
}

/**
 * cli_cmd_watchlists:
 *
 * `paddock-cli watchlists [list | show ID | create NAME [SYMBOL…] | add ID SYMBOL |
 * remove ID SYMBOL | rename ID NAME | delete ID]`
 */
int
cli_cmd_watchlists (PaddockTokenStore *store,
                    gboolean           json,
                    const char        *wanted,
                    int                argc,
                    char             **argv)
{
  const char *sub = argc >= 2 ? argv[1] : "list";
  int n_args = MAX (argc - 2, 0);
  char **args = argv + MIN (argc, 2);
  g_autoptr (PaddockClient) client = NULL;
  g_autoptr (PaddockClient) data_client = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (PaddockWatchlist) wl = NULL;
  g_auto (CliWaiter) w = CLI_WAITER_INIT;
  static const struct { const char *name; int min, max; const char *usage; } subs[] = {
    { "list", 0, 0, N_("watchlists list takes no arguments") },
    { "show", 1, 1, N_("watchlists show takes a watchlist ID") },
    { "create", 1, G_MAXINT, N_("watchlists create takes a NAME and optional SYMBOLs") },
    { "add", 2, 2, N_("watchlists add takes a watchlist ID and a SYMBOL") },
    { "remove", 2, 2, N_("watchlists remove takes a watchlist ID and a SYMBOL") },
    { "rename", 2, 2, N_("watchlists rename takes a watchlist ID and a NAME") },
    { "delete", 1, 1, N_("watchlists delete takes a watchlist ID") },
  };
  gboolean known = FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (subs); i++)
    if (g_str_equal (sub, subs[i].name))
      {
        known = TRUE;
        if (n_args < subs[i].min || n_args > subs[i].max)
          return cli_usage_error (_(subs[i].usage));
      }
  for (int i = 0; i < n_args; i++)
    if (g_str_has_prefix (args[i], "--"))
      {
        g_autofree char *msg = g_strdup_printf (_("unknown option “%s” for watchlists"), args[i]);

        return cli_usage_error (msg);
      }
  if (!known)
    return cli_usage_error (_("watchlists needs list, show, create, add, remove, rename or "
                              "delete"));

  client = clients_for (store, wanted, g_str_equal (sub, "show") ? &data_client : NULL, &error);
  if (client == NULL)
    return cli_fail (error);

  if (g_str_equal (sub, "list"))
    return watchlists_list (client, json);
  if (g_str_equal (sub, "show"))
    return watchlists_show (client, data_client, json, args[0]);

  if (g_str_equal (sub, "create"))
    {
      paddock_watchlist_create_async (client, args[0], (const char * const *) args + 1, NULL,
                                      cli_waiter_cb, &w);
      wl = paddock_watchlist_create_finish (client, cli_waiter_wait (&w), &error);
    }
  else if (g_str_equal (sub, "add"))
    {
      paddock_watchlist_add_symbol_async (client, args[0], args[1], NULL, cli_waiter_cb, &w);
      wl = paddock_watchlist_add_symbol_finish (client, cli_waiter_wait (&w), &error);
    }
  else if (g_str_equal (sub, "remove"))
    {
      paddock_watchlist_remove_symbol_async (client, args[0], args[1], NULL, cli_waiter_cb, &w);
      wl = paddock_watchlist_remove_symbol_finish (client, cli_waiter_wait (&w), &error);
    }
  else if (g_str_equal (sub, "rename"))
    {
      paddock_watchlist_rename_async (client, args[0], args[1], NULL, cli_waiter_cb, &w);
      wl = paddock_watchlist_rename_finish (client, cli_waiter_wait (&w), &error);
    }
  else
    {
      g_autofree char *shown = NULL;

      paddock_watchlist_delete_async (client, args[0], NULL, cli_waiter_cb, &w);
      if (!paddock_watchlist_delete_finish (client, cli_waiter_wait (&w), &error))
        return fail (error);
      if (json)
        {
          g_autoptr (JsonBuilder) b = json_builder_new ();
          g_autoptr (JsonNode) node = NULL;

          json_builder_begin_object (b);
          add_text (b, "id", args[0]);
          add_bool (b, "deleted", TRUE);
          json_builder_end_object (b);
          node = json_builder_get_root (b);
          cli_print_json (node);
        }
      else
        {
          shown = paddock_format_printable (args[0]);
          g_print (_("Deleted the watchlist %s.\n"), shown);
        }
      return EXIT_OK;
    }

  return print_result (wl, error, json);
}
