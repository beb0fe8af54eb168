/* paddock-cli-lists.c: positions, orders and activity, read through the stores
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The commands read the same PaddockPositionStore, PaddockOrderStore and
 * PaddockActivityStore the app's pages bind to (through a PaddockSession), so they
 * exercise the app's paging and merging. --json prints an array of the objects as the
 * server sent them (decimals as strings); people get aligned columns, money in the
 * locale's format, quantities with trailing zeros dropped, and every outside string made
 * printable. The account is cli_choose_account()'s: --account, `paddock-cli use`, or the
 * one signed in last; which one is said on standard error.
 */
#define G_LOG_DOMAIN "paddock-cli"

#include "config.h"

#include <string.h>

#include "paddock-error.h"
#include "paddock-format.h"
#include "paddock-session.h"

#include "paddock-cli-private.h"

#define DEFAULT_LIMIT 50

/* ---- the account ---------------------------------------------------------------------- */

static PaddockSession *
open_session (PaddockTokenStore  *store,
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
  return paddock_session_new (endpoints, credentials);
}

/* ---- tables for people ---------------------------------------------------------------- */

typedef struct
{
  guint n_columns;
  const gboolean *right;     /* right-aligned columns (numbers) */
  GPtrArray *rows;           /* GStrv, printable */
} Table;

static void
table_init (Table              *t,
            const char * const *header,
            const gboolean     *right)
{
  t->n_columns = g_strv_length ((char **) header);
  t->right = right;
  t->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_ptr_array_add (t->rows, g_strdupv ((char **) header));
}

/* cells: n_columns strings, each may be NULL (shown as "—"); made printable here */
static void
table_add (Table              *t,
           const char * const *cells)
{
  char **row = g_new0 (char *, t->n_columns + 1);

  for (guint i = 0; i < t->n_columns; i++)
    row[i] = cells[i] != NULL ? paddock_format_printable (cells[i]) : g_strdup ("—");
  g_ptr_array_add (t->rows, row);
}

static void
table_print (Table *t)
{
  g_autofree glong *widths = g_new0 (glong, t->n_columns);
  g_autoptr (GString) line = g_string_new (NULL);

  for (guint r = 0; r < t->rows->len; r++)
    {
      char **row = g_ptr_array_index (t->rows, r);

      for (guint i = 0; i < t->n_columns; i++)
        widths[i] = MAX (widths[i], g_utf8_strlen (row[i], -1));
    }
  for (guint r = 0; r < t->rows->len; r++)
    {
      char **row = g_ptr_array_index (t->rows, r);

      g_string_truncate (line, 0);
      for (guint i = 0; i < t->n_columns; i++)
        {
          glong pad = widths[i] - g_utf8_strlen (row[i], -1);
          gboolean last = i + 1 == t->n_columns;

          if (i > 0)
            g_string_append (line, "  ");
          if (t->right[i])
            for (glong p = 0; p < pad; p++)
              g_string_append_c (line, ' ');
          g_string_append (line, row[i]);
          if (!t->right[i] && !last)
            for (glong p = 0; p < pad; p++)
              g_string_append_c (line, ' ');
        }
      g_print ("%s\n", line->str);
    }
  g_ptr_array_unref (t->rows);
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

static char *
money (const char *decimal)
{
  return decimal != NULL ? paddock_format_money (decimal, "USD") : NULL;
}

static char *
quantity (const char *decimal)
{
  return decimal != NULL ? paddock_format_quantity (decimal) : NULL;
}

/* The process ends right after printing: freeing ten thousand orders and their JSON trees
 * one by one took a third of `orders --all --json`'s time, and the system frees them at
 * once. Kept reachable, so that leak checkers do not count them. */
static void
keep_until_exit (PaddockSession *session)
{
  static PaddockSession *kept;

  g_clear_object (&kept);
  kept = session;
}

/* Prints the first limit elements of a JSON array (all of them for G_MAXUINT) */
static void
print_json_limited (JsonNode *node,
                    guint     limit)
{
  JsonArray *array = json_node_get_array (node);

  while (json_array_get_length (array) > limit)
    json_array_remove_element (array, json_array_get_length (array) - 1);
  cli_print_json (node);
}

/* ---- positions ------------------------------------------------------------------------ */

int
cli_cmd_positions (PaddockTokenStore *store,
                   gboolean           json,
                   const char        *wanted,
                   int                argc,
                   char             **argv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PaddockSession) session = NULL;
  PaddockPositionStore *positions;
  g_auto (CliWaiter) w = CLI_WAITER_INIT;
  const char *const header[] = {
    C_("cli column", "SYMBOL"), C_("cli column", "SIDE"), C_("cli column", "QTY"),
    C_("cli column", "AVG ENTRY"), C_("cli column", "PRICE"), C_("cli column", "MARKET VALUE"),
    C_("cli column", "UNREALIZED P/L"), NULL
  };
  static const gboolean right[] = { FALSE, FALSE, TRUE, TRUE, TRUE, TRUE, TRUE };
  Table table;
  guint n;

  if (argc != 1)
    return cli_usage_error (_("positions takes no arguments"));

  session = open_session (store, wanted, &error);
  if (session == NULL)
    return cli_fail (error);
  positions = paddock_session_get_position_store (session);
  paddock_position_store_refresh_async (positions, NULL, cli_waiter_cb, &w);
  if (!paddock_position_store_refresh_finish (positions, cli_waiter_wait (&w), &error))
    return cli_fail (error);

  if (json)
    {
      g_autoptr (JsonNode) node = paddock_position_store_dup_json (positions);

      cli_print_json (node);
      return EXIT_OK;
    }

  n = g_list_model_get_n_items (G_LIST_MODEL (positions));
  if (n == 0)
    {
      g_print (_("No open positions.\n"));
      return EXIT_OK;
    }
  table_init (&table, header, right);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (PaddockPosition) p = g_list_model_get_item (G_LIST_MODEL (positions), i);
      g_autofree char *qty = quantity (paddock_position_get_qty (p));
      g_autofree char *entry = money (paddock_position_get_avg_entry_price (p));
      g_autofree char *price = money (paddock_position_get_current_price (p));
      g_autofree char *value = money (paddock_position_get_market_value (p));
      g_autofree char *pl = paddock_position_get_unrealized_pl (p) != NULL
        ? paddock_format_money_full (paddock_position_get_unrealized_pl (p), "USD",
                                     PADDOCK_FORMAT_ALWAYS_SIGN)
        : NULL;
      const char *cells[] = {
        paddock_position_get_symbol (p), paddock_position_get_side_code (p), qty, entry, price,
        value, pl,
      };

      table_add (&table, cells);
    }
  table_print (&table);
  return EXIT_OK;
}

/* ---- orders --------------------------------------------------------------------------- */

static void
add_order_row (Table        *table,
               PaddockOrder *o,
               gboolean      leg)
{
  g_autofree char *submitted = format_time (paddock_order_get_submitted_at (o));
  g_autofree char *symbol = leg ? g_strdup_printf ("└ %s", paddock_order_get_symbol (o))
                                : g_strdup (paddock_order_get_symbol (o));
  g_autofree char *qty = paddock_order_get_qty (o) != NULL
    ? quantity (paddock_order_get_qty (o))
    : money (paddock_order_get_notional (o));
  g_autofree char *filled = quantity (paddock_order_get_filled_qty (o));
  g_autofree char *limit = money (paddock_order_get_limit_price (o));
  g_autofree char *stop = money (paddock_order_get_stop_price (o));
  g_autofree char *avg = money (paddock_order_get_filled_avg_price (o));
  const char *cells[] = {
    leg ? "" : submitted, symbol, paddock_order_get_side_code (o), paddock_order_get_type_code (o),
    qty, filled, limit != NULL ? limit : stop, avg, paddock_order_get_status_code (o),
  };

  table_add (table, cells);
}

static gboolean
parse_status (const char              *text,
              PaddockOrderQueryStatus *status)
{
  if (text == NULL || g_str_equal (text, "all"))
    *status = PADDOCK_ORDER_QUERY_ALL;
  else if (g_str_equal (text, "open"))
    *status = PADDOCK_ORDER_QUERY_OPEN;
  else if (g_str_equal (text, "closed"))
    *status = PADDOCK_ORDER_QUERY_CLOSED;
  else
    return FALSE;
  return TRUE;
}

int
cli_cmd_orders (PaddockTokenStore *store,
                gboolean           json,
                const char        *wanted,
                int                argc,
                char             **argv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PaddockSession) session = NULL;
  g_autoptr (GOptionContext) context = g_option_context_new (NULL);
  g_autofree char *status_text = NULL;
  g_autofree char *symbol = NULL;
  int limit = -1;
  gboolean all = FALSE;
  gboolean limit_given;
  PaddockOrderQueryStatus status;
  PaddockOrderStore *orders;
  const GOptionEntry entries[] = {
    { "status", 0, 0, G_OPTION_ARG_STRING, &status_text, N_("open, closed or all"), "STATUS" },
    { "symbol", 0, 0, G_OPTION_ARG_STRING, &symbol, N_("Only this symbol’s orders"), "SYMBOL" },
    { "limit", 0, 0, G_OPTION_ARG_INT, &limit, N_("Show at most N orders"), "N" },
    { "all", 0, 0, G_OPTION_ARG_NONE, &all, N_("Show every order"), NULL },
    { NULL }
  };
  const char *const header[] = {
    C_("cli column", "SUBMITTED"), C_("cli column", "SYMBOL"), C_("cli column", "SIDE"),
    C_("cli column", "TYPE"), C_("cli column", "QTY"), C_("cli column", "FILLED"),
    C_("cli column", "PRICE"), C_("cli column", "AVG FILL"), C_("cli column", "STATUS"), NULL
  };
  static const gboolean right[] = { FALSE, FALSE, FALSE, FALSE, TRUE, TRUE, TRUE, TRUE, FALSE };
  guint n;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_help_enabled (context, FALSE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return cli_usage_error (error->message);
  if (argc != 1)
    return cli_usage_error (_("orders takes options only"));
  if (!parse_status (status_text, &status))
    return cli_usage_error (_("--status must be open, closed or all"));
  limit_given = limit != -1;
  if (limit_given && all)
    return cli_usage_error (_("--limit and --all cannot be used together"));
  if (limit_given && limit < 1)
    return cli_usage_error (_("--limit must be at least 1"));
  if (!limit_given)
    limit = DEFAULT_LIMIT;

  session = open_session (store, wanted, &error);
  if (session == NULL)
    return cli_fail (error);
  orders = paddock_session_get_order_store (session);
  paddock_order_store_set_filter (orders, status, symbol, NULL);

  while (paddock_order_store_get_has_more (orders) &&
         (all || g_list_model_get_n_items (G_LIST_MODEL (orders)) < (guint) limit))
    {
      g_auto (CliWaiter) w = CLI_WAITER_INIT;

      if (all)
        paddock_order_store_load_all_async (orders, NULL, cli_waiter_cb, &w);
      else
        paddock_order_store_load_more_async (orders, NULL, cli_waiter_cb, &w);
      if (!(all ? paddock_order_store_load_all_finish (orders, cli_waiter_wait (&w), &error)
                : paddock_order_store_load_more_finish (orders, cli_waiter_wait (&w), &error)))
        return cli_fail (error);
    }

  n = g_list_model_get_n_items (G_LIST_MODEL (orders));
  if (!all)
    n = MIN (n, (guint) limit);

  if (json)
    {
      g_autoptr (JsonNode) node = paddock_order_store_dup_json (orders);

      print_json_limited (node, n);
      keep_until_exit (g_steal_pointer (&session));
      return EXIT_OK;
    }

  if (n == 0)
    {
      g_print (_("No orders.\n"));
      return EXIT_OK;
    }
  {
    Table table;

    table_init (&table, header, right);
    for (guint i = 0; i < n; i++)
      {
        g_autoptr (PaddockOrder) o = g_list_model_get_item (G_LIST_MODEL (orders), i);
        GListModel *legs = paddock_order_get_legs (o);

        add_order_row (&table, o, FALSE);
        for (guint j = 0; j < g_list_model_get_n_items (legs); j++)
          {
            g_autoptr (PaddockOrder) leg = g_list_model_get_item (legs, j);

            add_order_row (&table, leg, TRUE);
          }
      }
    table_print (&table);
  }
  if (!all && paddock_order_store_get_has_more (orders))
    g_printerr (_("More orders are older: see them with --limit N or --all.\n"));
  return EXIT_OK;
}

/* ---- activity ------------------------------------------------------------------------- */

int
cli_cmd_activity (PaddockTokenStore *store,
                  gboolean           json,
                  const char        *wanted,
                  int                argc,
                  char             **argv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PaddockSession) session = NULL;
  g_autoptr (GOptionContext) context = g_option_context_new (NULL);
  g_auto (GStrv) types = NULL;
  int limit = -1;
  gboolean all = FALSE;
  PaddockActivityStore *activities;
  const GOptionEntry entries[] = {
    { "type", 0, 0, G_OPTION_ARG_STRING_ARRAY, &types, N_("Only this type (FILL, DIV, …)"), "T" },
    { "limit", 0, 0, G_OPTION_ARG_INT, &limit, N_("Show at most N activities"), "N" },
    { "all", 0, 0, G_OPTION_ARG_NONE, &all, N_("Show every activity"), NULL },
    { NULL }
  };
  const char *const header[] = {
    C_("cli column", "DATE"), C_("cli column", "TYPE"), C_("cli column", "SYMBOL"),
    C_("cli column", "SIDE"), C_("cli column", "QTY"), C_("cli column", "PRICE"),
    C_("cli column", "AMOUNT"), C_("cli column", "STATUS"), NULL
  };
  static const gboolean right[] = { FALSE, FALSE, FALSE, FALSE, TRUE, TRUE, TRUE, FALSE };
  guint n;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_help_enabled (context, FALSE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return cli_usage_error (error->message);
  if (argc != 1)
    return cli_usage_error (_("activity takes options only"));
  if (limit != -1 && all)
    return cli_usage_error (_("--limit and --all cannot be used together"));
  if (limit != -1 && limit < 1)
    return cli_usage_error (_("--limit must be at least 1"));
  if (limit == -1)
    limit = DEFAULT_LIMIT;
  for (guint i = 0; types != NULL && types[i] != NULL; i++)
    if (types[i][0] == '\0' || strchr (types[i], ',') != NULL)
      return cli_usage_error (_("--type takes one activity type (repeat it for more)"));

  session = open_session (store, wanted, &error);
  if (session == NULL)
    return cli_fail (error);
  activities = paddock_session_get_activity_store (session);
  paddock_activity_store_set_types (activities, (const char * const *) types);

  while (paddock_activity_store_get_has_more (activities) &&
         (all || g_list_model_get_n_items (G_LIST_MODEL (activities)) < (guint) limit))
    {
      g_auto (CliWaiter) w = CLI_WAITER_INIT;
      gboolean ok;

      if (all)
        {
          paddock_activity_store_load_all_async (activities, NULL, cli_waiter_cb, &w);
          ok = paddock_activity_store_load_all_finish (activities, cli_waiter_wait (&w), &error);
        }
      else
        {
          paddock_activity_store_load_more_async (activities, NULL, cli_waiter_cb, &w);
          ok = paddock_activity_store_load_more_finish (activities, cli_waiter_wait (&w), &error);
        }
      if (!ok)
        return cli_fail (error);
    }

  n = g_list_model_get_n_items (G_LIST_MODEL (activities));
  if (!all)
    n = MIN (n, (guint) limit);

  if (json)
    {
      g_autoptr (JsonNode) node = paddock_activity_store_dup_json (activities);

      print_json_limited (node, n);
      return EXIT_OK;
    }

  if (n == 0)
    {
      g_print (_("No activity.\n"));
      return EXIT_OK;
    }
  {
    Table table;

    table_init (&table, header, right);
    for (guint i = 0; i < n; i++)
      {
        g_autoptr (PaddockActivity) a = g_list_model_get_item (G_LIST_MODEL (activities), i);
        g_autofree char *when = paddock_activity_is_trade (a)
          ? format_time (paddock_activity_get_transaction_time (a))
          : g_strdup (paddock_activity_get_date (a));
        g_autofree char *qty = quantity (paddock_activity_get_qty (a));
        g_autofree char *price = money (paddock_activity_get_price (a) != NULL
                                        ? paddock_activity_get_price (a)
                                        : paddock_activity_get_per_share_amount (a));
        g_autofree char *amount = paddock_activity_get_net_amount (a) != NULL
          ? paddock_format_money_full (paddock_activity_get_net_amount (a), "USD",
                                       PADDOCK_FORMAT_ALWAYS_SIGN)
          : NULL;
        const char *cells[] = {
          when, paddock_activity_get_type_label (a), paddock_activity_get_symbol (a),
          paddock_activity_get_side (a), qty, price, amount,
          paddock_activity_is_trade (a) ? paddock_activity_get_order_status (a)
                                        : paddock_activity_get_status (a),
        };

        table_add (&table, cells);
      }
    table_print (&table);
  }
  if (!all && paddock_activity_store_get_has_more (activities))
    g_printerr (_("More activity is older: see it with --limit N or --all.\n"));
  return EXIT_OK;
}
