/* paddock-cli-account-data.c: paddock-cli clock, asset, search, history and config
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The commands run the core's calls (paddock-market-clock.h, paddock-asset-cache.h,
 * paddock-portfolio-history.h, paddock-account-config.h). --json prints what the server
 * said with decimals as decimal text (portfolio history's numbers included); people get
 * rows, money in the locale's format and every outside string made printable. Input is
 * checked before anything is sent (exit 2). A settings change without the account:write
 * scope says how to sign in with it (exit 3).
 */
#define G_LOG_DOMAIN "paddock-cli"

#include "config.h"

#include <string.h>

#include "paddock-account-config.h"
#include "paddock-asset-cache.h"
#include "paddock-client.h"
#include "paddock-error.h"
#include "paddock-format.h"
#include "paddock-market-clock.h"
#include "paddock-portfolio-history.h"

#include "paddock-cli-private.h"

#define DEFAULT_SEARCH_LIMIT 20

/* ---- shared ----------------------------------------------------------------------------- */

static PaddockClient *
client_for (PaddockTokenStore  *store,
            const char         *wanted,
            GError            **error)
{
  g_autoptr (PaddockCredentials) credentials = cli_choose_account (store, wanted, error);
  g_autoptr (PaddockEndpoints) endpoints = NULL;

  if (credentials == NULL)
    return NULL;
  endpoints = cli_endpoints_for_credentials (store, credentials, error);
  if (endpoints == NULL)
    return NULL;
  return paddock_client_new (paddock_endpoints_get_trading_url (endpoints),
                             paddock_credentials_get_access_token (credentials));
}

/* cli_fail(), and for a missing scope what to do about it */
static int
fail (const GError *error)
{
  if (g_error_matches (error, PADDOCK_ERROR, PADDOCK_ERROR_MISSING_SCOPE))
    {
      cli_print_error (error->message);
      g_printerr (_("paddock-cli: Sign in again with “paddock-cli login --scope account:write "
                    "--scope trading --scope data” to allow it.\n"));
      return EXIT_SIGN_IN;
    }
  return cli_fail (error);
}

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

/* RFC 3339 in the time's own offset, as Alpaca writes it */
static char *
format_time (GDateTime *t)
{
  return t != NULL ? g_date_time_format (t, "%Y-%m-%dT%H:%M:%S%:z") : NULL;
}

/* ---- clock ------------------------------------------------------------------------------ */

int
cli_cmd_clock (PaddockTokenStore *store,
               gboolean           json,
               const char        *wanted,
               int                argc,
               char             **argv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PaddockClient) client = NULL;
  g_autoptr (PaddockMarketClock) clock = NULL;
  g_autoptr (GPtrArray) calendar = NULL;
  g_autofree char *start = NULL;
  g_autofree char *end = NULL;
  g_autofree char *said = NULL;
  g_autofree char *next_open = NULL;
  g_autofree char *next_close = NULL;
  g_autofree char *timestamp = NULL;
  const PaddockMarketDay *today;

  if (argc != 1)
    return cli_usage_error (_("clock takes no arguments"));

  client = client_for (store, wanted, &error);
  if (client == NULL)
    return fail (error);

  {
    g_auto (CliWaiter) w = CLI_WAITER_INIT;

    paddock_market_clock_get_async (client, NULL, cli_waiter_cb, &w);
    clock = paddock_market_clock_get_finish (client, cli_waiter_wait (&w), &error);
    if (clock == NULL)
      return fail (error);
  }

  /* the days of the next close and the next open, for their early closes */
  start = g_date_time_format (g_date_time_compare (clock->next_close, clock->next_open) < 0 ?
                              clock->next_close : clock->next_open, "%Y-%m-%d");
  end = g_date_time_format (g_date_time_compare (clock->next_close, clock->next_open) < 0 ?
                            clock->next_open : clock->next_close, "%Y-%m-%d");
  {
    g_auto (CliWaiter) w = CLI_WAITER_INIT;

    paddock_market_calendar_get_async (client, start, end, NULL, cli_waiter_cb, &w);
    calendar = paddock_market_calendar_get_finish (client, cli_waiter_wait (&w), &error);
    if (calendar == NULL)
      return fail (error);
  }

  said = paddock_market_clock_describe (clock, calendar, NULL);
  timestamp = format_time (clock->timestamp);
  next_open = format_time (clock->next_open);
  next_close = format_time (clock->next_close);
  today = paddock_market_calendar_find (calendar, clock->is_open ? clock->next_close
                                                                 : clock->next_open);

  if (json)
    {
      g_autoptr (JsonBuilder) b = json_builder_new ();
      g_autoptr (JsonNode) root = NULL;

      json_builder_begin_object (b);
      add_text (b, "timestamp", timestamp);
      add_bool (b, "is_open", clock->is_open);
      add_text (b, "next_open", next_open);
      add_text (b, "next_close", next_close);
      add_text (b, "description", said);
      json_builder_set_member_name (b, "session");
      if (today != NULL)
        {
          json_builder_begin_object (b);
          add_text (b, "date", today->date);
          add_text (b, "open", today->open);
          add_text (b, "close", today->close);
          add_bool (b, "early_close", today->early_close);
          json_builder_end_object (b);
        }
      else
        json_builder_add_null_value (b);
      json_builder_end_object (b);
      root = json_builder_get_root (b);
      cli_print_json (root);
      return EXIT_OK;
    }

  cli_print_row (C_("cli label", "Market"), said);
  cli_print_row (C_("cli label", "Next open"), next_open);
  cli_print_row (C_("cli label", "Next close"), next_close);
  cli_print_row (C_("cli label", "Server time"), timestamp);
  return EXIT_OK;
}

/* ---- asset and search ------------------------------------------------------------------- */

static void
add_asset (JsonBuilder  *b,
           PaddockAsset *asset)
{
  const char * const *attributes = paddock_asset_get_attributes (asset);

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
  add_text (b, "maintenance_margin_requirement",
            paddock_asset_get_maintenance_margin_requirement (asset));
  json_builder_set_member_name (b, "attributes");
  json_builder_begin_array (b);
  for (guint i = 0; attributes != NULL && attributes[i] != NULL; i++)
    json_builder_add_string_value (b, attributes[i]);
  json_builder_end_array (b);
  json_builder_end_object (b);
}

static const char *
yes_no (gboolean value)
{
  return value ? C_("cli value", "yes") : C_("cli value", "no");
}

int
cli_cmd_asset (PaddockTokenStore *store,
               gboolean           json,
               const char        *wanted,
               int                argc,
               char             **argv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PaddockClient) client = NULL;
  g_autoptr (PaddockAsset) asset = NULL;
  g_auto (CliWaiter) w = CLI_WAITER_INIT;

  if (argc != 2)
    return cli_usage_error (_("asset takes one symbol, such as AAPL"));

  client = client_for (store, wanted, &error);
  if (client == NULL)
    return fail (error);
  paddock_asset_lookup_async (client, argv[1], NULL, cli_waiter_cb, &w);
  asset = paddock_asset_lookup_finish (client, cli_waiter_wait (&w), &error);
  if (asset == NULL)
    return fail (error);

  if (json)
    {
      g_autoptr (JsonBuilder) b = json_builder_new ();
      g_autoptr (JsonNode) root = NULL;

      add_asset (b, asset);
      root = json_builder_get_root (b);
      cli_print_json (root);
      return EXIT_OK;
    }

  cli_print_row (C_("cli label", "Symbol"), paddock_asset_get_symbol (asset));
  cli_print_row (C_("cli label", "Name"), paddock_asset_get_name (asset));
  cli_print_row (C_("cli label", "Exchange"), paddock_asset_get_exchange (asset));
  cli_print_row (C_("cli label", "Class"), paddock_asset_get_asset_class (asset));
  cli_print_row (C_("cli label", "Status"), paddock_asset_get_status (asset));
  cli_print_row (C_("cli label", "Tradable"), yes_no (paddock_asset_get_tradable (asset)));
  cli_print_row (C_("cli label", "Fractionable"), yes_no (paddock_asset_get_fractionable (asset)));
  cli_print_row (C_("cli label", "Shortable"), yes_no (paddock_asset_get_shortable (asset)));
  cli_print_row (C_("cli label", "Marginable"), yes_no (paddock_asset_get_marginable (asset)));
  return EXIT_OK;
}

int
cli_cmd_search (PaddockTokenStore *store,
                gboolean           json,
                const char        *wanted,
                int                argc,
                char             **argv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GOptionContext) context = g_option_context_new (NULL);
  g_autoptr (PaddockClient) client = NULL;
  g_autoptr (PaddockAssetCache) cache = NULL;
  g_autoptr (GPtrArray) found = NULL;
  g_autofree char *text = NULL;
  int limit = DEFAULT_SEARCH_LIMIT;
  const GOptionEntry entries[] = {
    { "limit", 0, 0, G_OPTION_ARG_INT, &limit, N_("Show at most N assets"), "N" },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_help_enabled (context, FALSE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return cli_usage_error (error->message);
  if (argc < 2)
    return cli_usage_error (_("search takes the text to look for, such as “apple” or “AA”"));
  if (limit < 1)
    return cli_usage_error (_("--limit must be at least 1"));
  text = g_strjoinv (" ", argv + 1);
  if (*g_strstrip (text) == '\0')
    return cli_usage_error (_("search takes the text to look for, such as “apple” or “AA”"));

  client = client_for (store, wanted, &error);
  if (client == NULL)
    return fail (error);
  cache = paddock_asset_cache_new (client);
  {
    g_auto (CliWaiter) w = CLI_WAITER_INIT;

    paddock_asset_cache_load_async (cache, NULL, cli_waiter_cb, &w);
    if (!paddock_asset_cache_load_finish (cache, cli_waiter_wait (&w), &error))
      return fail (error);
  }
  found = paddock_asset_cache_search (cache, text, (guint) limit);

  if (json)
    {
      g_autoptr (JsonBuilder) b = json_builder_new ();
      g_autoptr (JsonNode) root = NULL;

      json_builder_begin_array (b);
      for (guint i = 0; i < found->len; i++)
        add_asset (b, g_ptr_array_index (found, i));
      json_builder_end_array (b);
      root = json_builder_get_root (b);
      cli_print_json (root);
      return EXIT_OK;
    }

  if (found->len == 0)
    {
      g_print (_("No asset matches.\n"));
      return EXIT_OK;
    }
  for (guint i = 0; i < found->len; i++)
    {
      PaddockAsset *asset = g_ptr_array_index (found, i);
      g_autofree char *symbol = paddock_format_printable (paddock_asset_get_symbol (asset));
      g_autofree char *exchange = paddock_format_printable (paddock_asset_get_exchange (asset));
      g_autofree char *name = paddock_format_printable (paddock_asset_get_name (asset));

      g_print ("%-10s %-8s %s\n", symbol, exchange != NULL ? exchange : "",
               name != NULL ? name : "");
    }
  return EXIT_OK;
}

/* ---- history ---------------------------------------------------------------------------- */

static void
add_series (JsonBuilder             *b,
            const char              *name,
            PaddockPortfolioHistory *history,
            const char *           (*get) (PaddockPortfolioHistory *, guint))
{
  guint n = paddock_portfolio_history_get_n_points (history);

  json_builder_set_member_name (b, name);
  json_builder_begin_array (b);
  for (guint i = 0; i < n; i++)
    {
      const char *text = get (history, i);

      if (text != NULL)
        json_builder_add_string_value (b, text);
      else
        json_builder_add_null_value (b);
    }
  json_builder_end_array (b);
}

int
cli_cmd_history (PaddockTokenStore *store,
                 gboolean           json,
                 const char        *wanted,
                 int                argc,
                 char             **argv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GOptionContext) context = g_option_context_new (NULL);
  g_autoptr (PaddockClient) client = NULL;
  g_autoptr (PaddockPortfolioHistory) history = NULL;
  g_autofree char *period = NULL;
  g_autofree char *timeframe = NULL;
  g_autofree char *date_end = NULL;
  gboolean extended = FALSE;
  const GOptionEntry entries[] = {
    { "period", 0, 0, G_OPTION_ARG_STRING, &period, N_("1D, 1W, 1M, 3M, 1A…"), "P" },
    { "timeframe", 0, 0, G_OPTION_ARG_STRING, &timeframe, N_("1Min, 5Min, 15Min, 1H or 1D"), "TF" },
    { "date-end", 0, 0, G_OPTION_ARG_STRING, &date_end, N_("The last day, YYYY-MM-DD"), "DATE" },
    { "extended-hours", 0, 0, G_OPTION_ARG_NONE, &extended, N_("Include extended hours"), NULL },
    { NULL }
  };
  guint n;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_help_enabled (context, FALSE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return cli_usage_error (error->message);
  if (argc != 1)
    return cli_usage_error (_("history takes options only"));
  if (!paddock_portfolio_history_check_request (period, timeframe, date_end, &error))
    return fail (error);

  client = client_for (store, wanted, &error);
  if (client == NULL)
    return fail (error);
  {
    g_auto (CliWaiter) w = CLI_WAITER_INIT;

    paddock_portfolio_history_fetch_async (client, period, timeframe, date_end, extended, NULL,
                                           cli_waiter_cb, &w);
    history = paddock_portfolio_history_fetch_finish (client, cli_waiter_wait (&w), &error);
    if (history == NULL)
      return fail (error);
  }
  n = paddock_portfolio_history_get_n_points (history);

  if (json)
    {
      g_autoptr (JsonBuilder) b = json_builder_new ();
      g_autoptr (JsonNode) root = NULL;

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "timestamp");
      json_builder_begin_array (b);
      for (guint i = 0; i < n; i++)
        json_builder_add_int_value (b, paddock_portfolio_history_get_timestamp (history, i));
      json_builder_end_array (b);
      add_series (b, "equity", history, paddock_portfolio_history_get_equity);
      add_series (b, "profit_loss", history, paddock_portfolio_history_get_profit_loss);
      add_series (b, "profit_loss_pct", history, paddock_portfolio_history_get_profit_loss_pct);
      add_text (b, "base_value", paddock_portfolio_history_get_base_value (history));
      add_text (b, "timeframe", paddock_portfolio_history_get_timeframe (history));
      json_builder_end_object (b);
      root = json_builder_get_root (b);
      cli_print_json (root);
      return EXIT_OK;
    }

  if (n == 0)
    {
      g_print (_("No history yet.\n"));
      return EXIT_OK;
    }
  g_print ("%-20s %18s %18s\n", C_("cli column", "TIME"), C_("cli column", "EQUITY"),
           C_("cli column", "PROFIT/LOSS"));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (GDateTime) utc =
        g_date_time_new_from_unix_utc (paddock_portfolio_history_get_timestamp (history, i));
      g_autoptr (GDateTime) local = utc != NULL ? g_date_time_to_local (utc) : NULL;
      g_autofree char *when = local != NULL ? g_date_time_format (local, "%Y-%m-%d %H:%M") : NULL;
      const char *equity_text = paddock_portfolio_history_get_equity (history, i);
      const char *pl_text = paddock_portfolio_history_get_profit_loss (history, i);
      g_autofree char *equity = equity_text ? paddock_format_money (equity_text, "USD") : NULL;
      g_autofree char *pl = pl_text ? paddock_format_money_full (pl_text, "USD",
                                                                 PADDOCK_FORMAT_ALWAYS_SIGN)
                                    : NULL;

      g_print ("%-20s %18s %18s\n", when != NULL ? when : "?", equity != NULL ? equity : "—",
               pl != NULL ? pl : "—");
    }
  return EXIT_OK;
}

/* ---- config ----------------------------------------------------------------------------- */

static int
print_config (PaddockAccountConfig *config,
              gboolean              json)
{
  static const char *const shown[] = {
    "dtbp_check", "pdt_check", "trade_confirm_email", "suspend_trade", "no_shorting",
    "fractional_trading", "max_margin_multiplier", "ptp_no_exception_entry",
    "max_options_trading_level", NULL,
  };
  g_auto (GStrv) unknown = NULL;

  if (json)
    {
      cli_print_json (paddock_account_config_to_json (config));
      return EXIT_OK;
    }

  for (guint i = 0; shown[i] != NULL; i++)
    if (paddock_account_config_has (config, shown[i]))
      g_print ("%-26s %s\n", shown[i], paddock_account_config_get_text (config, shown[i]));

  /* members this version does not know: named, their values as the server wrote them */
  unknown = paddock_account_config_get_unknown_keys (config);
  for (guint i = 0; unknown[i] != NULL; i++)
    {
      JsonObject *object = json_node_get_object (paddock_account_config_to_json (config));
      g_autofree char *value = json_to_string (json_object_get_member (object, unknown[i]),
                                               FALSE);
      g_autofree char *key = paddock_format_printable (unknown[i]);
      g_autofree char *safe = paddock_format_printable (value);

      g_print ("%-26s %s\n", key, safe);
    }
  return EXIT_OK;
}

int
cli_cmd_config (PaddockTokenStore *store,
                gboolean           json,
                const char        *wanted,
                int                argc,
                char             **argv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PaddockClient) client = NULL;
  g_autoptr (PaddockAccountConfig) config = NULL;
  g_autoptr (JsonObject) changes = NULL;
  g_auto (CliWaiter) w = CLI_WAITER_INIT;

  if (argc == 2 && g_str_equal (argv[1], "get"))
    {
      client = client_for (store, wanted, &error);
      if (client == NULL)
        return fail (error);
      paddock_account_config_get_async (client, NULL, cli_waiter_cb, &w);
      config = paddock_account_config_get_finish (client, cli_waiter_wait (&w), &error);
      if (config == NULL)
        return fail (error);
      return print_config (config, json);
    }

  if (argc >= 2 && g_str_equal (argv[1], "set"))
    {
      if (argc != 4)
        return cli_usage_error (_("config set takes a KEY and a VALUE, such as no_shorting true"));
      /* checked before anything is sent */
      changes = json_object_new ();
      if (!paddock_account_config_add_change (changes, argv[2], argv[3], &error))
        return fail (error);

      client = client_for (store, wanted, &error);
      if (client == NULL)
        return fail (error);
      paddock_account_config_update_async (client, changes, NULL, cli_waiter_cb, &w);
      config = paddock_account_config_update_finish (client, cli_waiter_wait (&w), &error);
      if (config == NULL)
        return fail (error);
      /* what the server read back */
      return print_config (config, json);
    }

  return cli_usage_error (_("config takes “get” or “set KEY VALUE”"));
}
