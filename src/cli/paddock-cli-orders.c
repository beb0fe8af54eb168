/* paddock-cli-orders.c: paddock-cli order … and position close
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The commands run the core's trading actions (paddock-trading.h), so what they do after a
 * lost reply is what the app does: never send again, look up what happened. An order
 * that was placed although its reply was lost is printed like any other (exit 0) with a
 * note on stderr; an order whose fate is unknown is exit 1 with the message.
 */
#define G_LOG_DOMAIN "paddock-cli"

#include "config.h"

#include <string.h>

#include "paddock-client.h"
#include "paddock-error.h"
#include "paddock-format.h"
#include "paddock-order-request.h"
#include "paddock-trading.h"

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
add_time (JsonBuilder *b,
          const char  *name,
          GDateTime   *value)
{
  g_autofree char *text = value != NULL ? g_date_time_format_iso8601 (value) : NULL;

  add_text (b, name, text);
}

/* The order as Alpaca's JSON names it, decimals as the strings the broker sent */
static void
add_order (JsonBuilder  *b,
           PaddockOrder *order)
{
  GListModel *legs = paddock_order_get_legs (order);

  json_builder_begin_object (b);
  add_text (b, "id", paddock_order_get_id (order));
  add_text (b, "client_order_id", paddock_order_get_client_order_id (order));
  add_time (b, "created_at", paddock_order_get_created_at (order));
  add_time (b, "submitted_at", paddock_order_get_submitted_at (order));
  add_time (b, "filled_at", paddock_order_get_filled_at (order));
  add_time (b, "canceled_at", paddock_order_get_canceled_at (order));
  add_text (b, "replaced_by", paddock_order_get_replaced_by (order));
  add_text (b, "replaces", paddock_order_get_replaces (order));
  add_text (b, "symbol", paddock_order_get_symbol (order));
  add_text (b, "asset_class", paddock_order_get_asset_class (order));
  add_text (b, "notional", paddock_order_get_notional (order));
  add_text (b, "qty", paddock_order_get_qty (order));
  add_text (b, "filled_qty", paddock_order_get_filled_qty (order));
  add_text (b, "filled_avg_price", paddock_order_get_filled_avg_price (order));
  add_text (b, "order_class", paddock_order_get_order_class_code (order));
  add_text (b, "type", paddock_order_get_type_code (order));
  add_text (b, "side", paddock_order_get_side_code (order));
  add_text (b, "time_in_force", paddock_order_get_time_in_force_code (order));
  add_text (b, "limit_price", paddock_order_get_limit_price (order));
  add_text (b, "stop_price", paddock_order_get_stop_price (order));
  add_text (b, "trail_price", paddock_order_get_trail_price (order));
  add_text (b, "trail_percent", paddock_order_get_trail_percent (order));
  add_text (b, "hwm", paddock_order_get_hwm (order));
  add_text (b, "status", paddock_order_get_status_code (order));
  json_builder_set_member_name (b, "extended_hours");
  json_builder_add_boolean_value (b, paddock_order_get_extended_hours (order));
  json_builder_set_member_name (b, "legs");
  if (legs != NULL && g_list_model_get_n_items (legs) > 0)
    {
      json_builder_begin_array (b);
      for (guint i = 0; i < g_list_model_get_n_items (legs); i++)
        {
          g_autoptr (PaddockOrder) leg = g_list_model_get_item (legs, i);

          add_order (b, leg);
        }
      json_builder_end_array (b);
    }
  else
    json_builder_add_null_value (b);
  json_builder_end_object (b);
}

static void
print_money_row (const char *label,
                 const char *value)
{
  g_autofree char *text = value != NULL ? paddock_format_money (value, "USD") : NULL;

  if (value != NULL)
    cli_print_row (label, text);
}

static void
print_order_rows (PaddockOrder *order,
                  const char   *indent)
{
  GListModel *legs = paddock_order_get_legs (order);
  g_autofree char *id = g_strconcat (indent, C_("cli label", "Order ID"), NULL);
  g_autofree char *qty = paddock_order_get_qty (order)
                         ? paddock_format_quantity (paddock_order_get_qty (order)) : NULL;

  cli_print_row (id, paddock_order_get_id (order));
  cli_print_row (C_("cli label", "Client ID"), paddock_order_get_client_order_id (order));
  cli_print_row (C_("cli label", "Symbol"), paddock_order_get_symbol (order));
  cli_print_row (C_("cli label", "Side"), paddock_order_get_side_code (order));
  cli_print_row (C_("cli label", "Type"), paddock_order_get_type_code (order));
  if (paddock_order_get_order_class (order) != PADDOCK_ORDER_CLASS_SIMPLE)
    cli_print_row (C_("cli label", "Class"), paddock_order_get_order_class_code (order));
  if (qty != NULL)
    cli_print_row (C_("cli label", "Quantity"), qty);
  print_money_row (C_("cli label", "Amount"), paddock_order_get_notional (order));
  print_money_row (C_("cli label", "Limit price"), paddock_order_get_limit_price (order));
  print_money_row (C_("cli label", "Stop price"), paddock_order_get_stop_price (order));
  print_money_row (C_("cli label", "Trail price"), paddock_order_get_trail_price (order));
  if (paddock_order_get_trail_percent (order) != NULL)
    {
      g_autofree char *pct = g_strdup_printf ("%s %%", paddock_order_get_trail_percent (order));

      cli_print_row (C_("cli label", "Trail percent"), pct);
    }
  cli_print_row (C_("cli label", "Time in force"), paddock_order_get_time_in_force_code (order));
  if (paddock_order_get_extended_hours (order))
    cli_print_row (C_("cli label", "Extended hours"), C_("cli value", "yes"));
  cli_print_row (C_("cli label", "Status"), paddock_order_get_status_code (order));
  if (paddock_order_get_replaces (order) != NULL)
    cli_print_row (C_("cli label", "Replaces"), paddock_order_get_replaces (order));
  if (paddock_order_get_replaced_by (order) != NULL)
    cli_print_row (C_("cli label", "Replaced by"), paddock_order_get_replaced_by (order));
  for (guint i = 0; legs != NULL && i < g_list_model_get_n_items (legs); i++)
    {
      g_autoptr (PaddockOrder) leg = g_list_model_get_item (legs, i);

      g_print ("\n");
      /* Translators: put before the labels of a leg’s rows (“Leg Order ID”); keep the space */
      print_order_rows (leg, C_("cli label", "Leg "));
    }
}

static void
print_order (PaddockOrder *order,
             gboolean      json,
             gboolean      reply_lost)
{
  if (reply_lost)
    g_printerr (_("paddock-cli: The broker’s reply was lost, but the order is there: it was "
                  "placed once, as shown.\n"));
  if (json)
    {
      g_autoptr (JsonBuilder) b = json_builder_new ();
      g_autoptr (JsonNode) node = NULL;

      add_order (b, order);
      node = json_builder_get_root (b);
      cli_print_json (node);
    }
  else
    print_order_rows (order, "");
}

/* ---- connecting -------------------------------------------------------------------------- */

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

static gboolean
enum_from_nick (GType       type,
                const char *nick,
                int        *value)
{
  g_autoptr (GEnumClass) klass = g_type_class_ref (type);
  GEnumValue *ev = nick != NULL ? g_enum_get_value_by_nick (klass, nick) : NULL;

  if (ev == NULL || ev->value == 0)
    return FALSE;
  *value = ev->value;
  return TRUE;
}

/* The option that holds a field, for a validation message */
static const char *
option_for_field (PaddockOrderField field)
{
  switch (field)
    {
    case PADDOCK_ORDER_FIELD_SYMBOL: return "--symbol";
    case PADDOCK_ORDER_FIELD_SIDE: return "--side";
    case PADDOCK_ORDER_FIELD_TYPE: return "--type";
    case PADDOCK_ORDER_FIELD_QTY: return "--qty";
    case PADDOCK_ORDER_FIELD_NOTIONAL: return "--notional";
    case PADDOCK_ORDER_FIELD_LIMIT_PRICE: return "--limit-price";
    case PADDOCK_ORDER_FIELD_STOP_PRICE: return "--stop-price";
    case PADDOCK_ORDER_FIELD_TRAIL_PRICE: return "--trail-price";
    case PADDOCK_ORDER_FIELD_TRAIL_PERCENT: return "--trail-percent";
    case PADDOCK_ORDER_FIELD_TIME_IN_FORCE: return "--tif";
    case PADDOCK_ORDER_FIELD_EXTENDED_HOURS: return "--extended-hours";
    case PADDOCK_ORDER_FIELD_ORDER_CLASS: return "--class";
    case PADDOCK_ORDER_FIELD_TAKE_PROFIT_LIMIT_PRICE: return "--take-profit";
    case PADDOCK_ORDER_FIELD_STOP_LOSS_STOP_PRICE: return "--stop-loss";
    case PADDOCK_ORDER_FIELD_STOP_LOSS_LIMIT_PRICE: return "--stop-loss-limit";
    case PADDOCK_ORDER_FIELD_CLIENT_ORDER_ID: return "--client-order-id";
    case PADDOCK_ORDER_FIELD_NONE:
    default:
      return NULL;
    }
}

/* ---- order submit ------------------------------------------------------------------------ */

static int
order_submit (PaddockTokenStore *store,
              gboolean           json,
              const char        *wanted,
              int                argc,
              char             **argv)
{
  g_autofree char *symbol = NULL, *side = NULL, *type = NULL, *qty = NULL, *notional = NULL;
  g_autofree char *limit = NULL, *stop = NULL, *trail_price = NULL, *trail_percent = NULL;
  g_autofree char *tif = NULL, *klass = NULL, *tp = NULL, *sl = NULL, *sl_limit = NULL;
  g_autofree char *client_order_id = NULL;
  gboolean extended = FALSE;
  GOptionEntry entries[] = {
    { "symbol", 0, 0, G_OPTION_ARG_STRING, &symbol, N_("The symbol"), "S" },
    { "side", 0, 0, G_OPTION_ARG_STRING, &side, N_("buy or sell"), "SIDE" },
    { "type", 0, 0, G_OPTION_ARG_STRING, &type, N_("market, limit, stop, stop_limit or trailing_stop"), "TYPE" },
    { "qty", 0, 0, G_OPTION_ARG_STRING, &qty, N_("Shares"), "N" },
    { "notional", 0, 0, G_OPTION_ARG_STRING, &notional, N_("Dollar amount"), "N" },
    { "limit-price", 0, 0, G_OPTION_ARG_STRING, &limit, N_("Limit price"), "P" },
    { "stop-price", 0, 0, G_OPTION_ARG_STRING, &stop, N_("Stop price"), "P" },
    { "trail-price", 0, 0, G_OPTION_ARG_STRING, &trail_price, N_("Trail in dollars"), "P" },
    { "trail-percent", 0, 0, G_OPTION_ARG_STRING, &trail_percent, N_("Trail in percent"), "P" },
    { "tif", 0, 0, G_OPTION_ARG_STRING, &tif, N_("day, gtc, opg, cls, ioc or fok (default day)"), "T" },
    { "extended-hours", 0, 0, G_OPTION_ARG_NONE, &extended, N_("Trade in extended hours"), NULL },
    { "class", 0, 0, G_OPTION_ARG_STRING, &klass, N_("bracket, oco or oto"), "C" },
    { "take-profit", 0, 0, G_OPTION_ARG_STRING, &tp, N_("Take-profit limit price"), "P" },
    { "stop-loss", 0, 0, G_OPTION_ARG_STRING, &sl, N_("Stop-loss stop price"), "P" },
    { "stop-loss-limit", 0, 0, G_OPTION_ARG_STRING, &sl_limit, N_("Stop-loss limit price"), "P" },
    { "client-order-id", 0, 0, G_OPTION_ARG_STRING, &client_order_id, N_("Your own id for the order (default: a new UUID)"), "ID" },
    { NULL }
  };
  g_autoptr (GOptionContext) context = g_option_context_new (N_("— place an order"));
  g_autoptr (PaddockOrderRequest) request = paddock_order_request_new ();
  g_autoptr (PaddockClient) client = NULL;
  g_autoptr (PaddockOrder) order = NULL;
  g_autoptr (GError) error = NULL;
  g_auto (CliWaiter) w = CLI_WAITER_INIT;
  PaddockOrderField field;
  gboolean reply_lost = FALSE;
  int value;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return cli_usage_error (error->message);
  if (argc != 1)
    return cli_usage_error (_("order submit takes options only"));

  paddock_order_request_set_symbol (request, symbol);
  if (side != NULL)
    {
      if (!enum_from_nick (PADDOCK_TYPE_ORDER_SIDE, side, &value))
        return cli_usage_error (_("--side is buy or sell"));
      paddock_order_request_set_side (request, value);
    }
  if (type != NULL)
    {
      if (!enum_from_nick (PADDOCK_TYPE_ORDER_TYPE, type, &value))
        return cli_usage_error (_("--type is market, limit, stop, stop_limit or trailing_stop"));
      paddock_order_request_set_kind (request, value);
    }
  if (tif != NULL)
    {
      if (!enum_from_nick (PADDOCK_TYPE_TIME_IN_FORCE, tif, &value))
        return cli_usage_error (_("--tif is day, gtc, opg, cls, ioc or fok"));
      paddock_order_request_set_time_in_force (request, value);
    }
  if (klass != NULL)
    {
      if (!enum_from_nick (PADDOCK_TYPE_ORDER_CLASS_KIND, klass, &value) ||
          value == PADDOCK_ORDER_CLASS_MLEG)
        return cli_usage_error (_("--class is simple, bracket, oco or oto"));
      paddock_order_request_set_order_class (request, value);
    }
  /* given but empty is not "not given" here: the request must see it to refuse it */
#define SET_TEXT(setter, v) setter (request, (v) != NULL && *(v) == '\0' ? " " : (v))
  SET_TEXT (paddock_order_request_set_qty, qty);
  SET_TEXT (paddock_order_request_set_notional, notional);
  SET_TEXT (paddock_order_request_set_limit_price, limit);
  SET_TEXT (paddock_order_request_set_stop_price, stop);
  SET_TEXT (paddock_order_request_set_trail_price, trail_price);
  SET_TEXT (paddock_order_request_set_trail_percent, trail_percent);
  SET_TEXT (paddock_order_request_set_take_profit, tp);
#undef SET_TEXT
  paddock_order_request_set_stop_loss (request, sl != NULL && *sl == '\0' ? " " : sl,
                                       sl_limit != NULL && *sl_limit == '\0' ? " " : sl_limit);
  paddock_order_request_set_extended_hours (request, extended);
  if (client_order_id != NULL)
    paddock_order_request_set_client_order_id (request, client_order_id);

  /* refused here, nothing is sent: exit 2 */
  if (!paddock_order_request_check (request, &field, &error))
    {
      const char *option = option_for_field (field);
      g_autofree char *text = option != NULL ? g_strdup_printf ("%s: %s", option, error->message)
                                             : g_strdup (error->message);

      cli_print_error (text);
      return EXIT_USAGE;
    }

  client = client_for (store, wanted, &error);
  if (client == NULL)
    return cli_fail (error);
  paddock_trading_submit_async (client, request, NULL, cli_waiter_cb, &w);
  order = paddock_trading_submit_finish (client, cli_waiter_wait (&w), &reply_lost, &error);
  if (order == NULL)
    return cli_fail (error);   /* the message says whether the order was placed */
  print_order (order, json, reply_lost);
  return EXIT_OK;
}

/* ---- order get, cancel, replace ---------------------------------------------------------- */

static int
order_get (PaddockTokenStore *store,
           gboolean           json,
           const char        *wanted,
           int                argc,
           char             **argv)
{
  g_autoptr (PaddockClient) client = NULL;
  g_autoptr (PaddockOrder) order = NULL;
  g_autoptr (GError) error = NULL;
  g_auto (CliWaiter) w = CLI_WAITER_INIT;

  if (argc != 2)
    return cli_usage_error (_("order get takes an order ID"));
  client = client_for (store, wanted, &error);
  if (client == NULL)
    return cli_fail (error);
  paddock_trading_get_order_async (client, argv[1], NULL, cli_waiter_cb, &w);
  order = paddock_trading_get_order_finish (client, cli_waiter_wait (&w), &error);
  if (order == NULL)
    return cli_fail (error);
  print_order (order, json, FALSE);
  return EXIT_OK;
}

static void
print_bulk (GPtrArray  *results,
            gboolean    json,
            const char *id_name)
{
  if (json)
    {
      g_autoptr (JsonBuilder) b = json_builder_new ();
      g_autoptr (JsonNode) node = NULL;

      json_builder_begin_array (b);
      for (guint i = 0; i < results->len; i++)
        {
          PaddockBulkResult *r = g_ptr_array_index (results, i);

          json_builder_begin_object (b);
          add_text (b, id_name, r->id);
          json_builder_set_member_name (b, "status");
          json_builder_add_int_value (b, r->http_status);
          if (r->order != NULL)
            {
              json_builder_set_member_name (b, "order");
              add_order (b, r->order);
            }
          if (r->error != NULL)
            add_text (b, "message", r->error->message);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      node = json_builder_get_root (b);
      cli_print_json (node);
      return;
    }

  if (results->len == 0)
    g_print (_("Nothing to do.\n"));
  for (guint i = 0; i < results->len; i++)
    {
      PaddockBulkResult *r = g_ptr_array_index (results, i);

      cli_print_row (r->id, r->error != NULL ? r->error->message : C_("cli value", "done"));
    }
}

static int
order_cancel (PaddockTokenStore *store,
              gboolean           json,
              const char        *wanted,
              int                argc,
              char             **argv)
{
  gboolean all = FALSE;
  GOptionEntry entries[] = {
    { "all", 0, 0, G_OPTION_ARG_NONE, &all, N_("Cancel every open order"), NULL },
    { NULL }
  };
  g_autoptr (GOptionContext) context = g_option_context_new (N_("ID|--all — cancel orders"));
  g_autoptr (PaddockClient) client = NULL;
  g_autoptr (GError) error = NULL;
  g_auto (CliWaiter) w = CLI_WAITER_INIT;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return cli_usage_error (error->message);
  if ((all && argc != 1) || (!all && argc != 2))
    return cli_usage_error (_("order cancel takes an order ID or --all"));

  client = client_for (store, wanted, &error);
  if (client == NULL)
    return cli_fail (error);
  if (all)
    {
      g_autoptr (GPtrArray) results = NULL;

      paddock_trading_cancel_all_async (client, NULL, cli_waiter_cb, &w);
      results = paddock_trading_cancel_all_finish (client, cli_waiter_wait (&w), &error);
      if (results == NULL)
        return cli_fail (error);
      print_bulk (results, json, "id");
      for (guint i = 0; i < results->len; i++)
        if (((PaddockBulkResult *) g_ptr_array_index (results, i))->error != NULL)
          return EXIT_FAILED;
      return EXIT_OK;
    }

  paddock_trading_cancel_async (client, argv[1], NULL, cli_waiter_cb, &w);
  if (!paddock_trading_cancel_finish (client, cli_waiter_wait (&w), &error))
    return cli_fail (error);
  if (json)
    {
      g_autoptr (JsonBuilder) b = json_builder_new ();
      g_autoptr (JsonNode) node = NULL;

      json_builder_begin_object (b);
      add_text (b, "id", argv[1]);
      add_text (b, "result", "cancel_requested");
      json_builder_end_object (b);
      node = json_builder_get_root (b);
      cli_print_json (node);
    }
  else
    {
      g_autofree char *safe = paddock_format_printable (argv[1]);

      g_print (_("Asked to cancel order %s.\n"), safe);
    }
  return EXIT_OK;
}

static int
order_replace (PaddockTokenStore *store,
               gboolean           json,
               const char        *wanted,
               int                argc,
               char             **argv)
{
  g_autofree char *qty = NULL, *limit = NULL, *stop = NULL, *trail = NULL, *tif = NULL;
  g_autofree char *client_order_id = NULL;
  GOptionEntry entries[] = {
    { "qty", 0, 0, G_OPTION_ARG_STRING, &qty, N_("New quantity"), "N" },
    { "limit-price", 0, 0, G_OPTION_ARG_STRING, &limit, N_("New limit price"), "P" },
    { "stop-price", 0, 0, G_OPTION_ARG_STRING, &stop, N_("New stop price"), "P" },
    { "trail", 0, 0, G_OPTION_ARG_STRING, &trail, N_("New trail (price or percent)"), "P" },
    { "tif", 0, 0, G_OPTION_ARG_STRING, &tif, N_("New time in force"), "T" },
    { "client-order-id", 0, 0, G_OPTION_ARG_STRING, &client_order_id, N_("The new order’s id (default: a new UUID)"), "ID" },
    { NULL }
  };
  g_autoptr (GOptionContext) context = g_option_context_new (N_("ID — change an order"));
  g_autoptr (PaddockClient) client = NULL;
  g_autoptr (PaddockOrder) order = NULL;
  g_autoptr (GError) error = NULL;
  g_auto (CliWaiter) w = CLI_WAITER_INIT;
  int tif_value = PADDOCK_TIME_IN_FORCE_UNKNOWN;
  gboolean reply_lost = FALSE;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return cli_usage_error (error->message);
  if (argc != 2)
    return cli_usage_error (_("order replace takes an order ID"));
  if (tif != NULL && !enum_from_nick (PADDOCK_TYPE_TIME_IN_FORCE, tif, &tif_value))
    return cli_usage_error (_("--tif is day, gtc, opg, cls, ioc or fok"));

  client = client_for (store, wanted, &error);
  if (client == NULL)
    return cli_fail (error);
  paddock_trading_replace_async (client, argv[1], qty, limit, stop, trail, tif_value,
                                 client_order_id, NULL, cli_waiter_cb, &w);
  order = paddock_trading_replace_finish (client, cli_waiter_wait (&w), &reply_lost, &error);
  if (order == NULL)
    return cli_fail (error);
  print_order (order, json, reply_lost);
  return EXIT_OK;
}

/**
 * cli_cmd_order:
 *
 * `paddock-cli order submit|get|cancel|replace …`
 */
int
cli_cmd_order (PaddockTokenStore *store,
               gboolean           json,
               const char        *wanted,
               int                argc,
               char             **argv)
{
  if (argc < 2)
    return cli_usage_error (_("order needs submit, get, cancel or replace"));
  if (g_str_equal (argv[1], "submit"))
    return order_submit (store, json, wanted, argc - 1, argv + 1);
  if (g_str_equal (argv[1], "get"))
    return order_get (store, json, wanted, argc - 1, argv + 1);
  if (g_str_equal (argv[1], "cancel"))
    return order_cancel (store, json, wanted, argc - 1, argv + 1);
  if (g_str_equal (argv[1], "replace"))
    return order_replace (store, json, wanted, argc - 1, argv + 1);
  return cli_usage_error (_("order needs submit, get, cancel or replace"));
}

/* ---- position close ---------------------------------------------------------------------- */

/**
 * cli_cmd_position:
 *
 * `paddock-cli position close SYMBOL [--qty N | --percentage P]` and
 * `position close --all [--cancel-orders]`
 */
int
cli_cmd_position (PaddockTokenStore *store,
                  gboolean           json,
                  const char        *wanted,
                  int                argc,
                  char             **argv)
{
  g_autofree char *qty = NULL, *percentage = NULL;
  gboolean all = FALSE, cancel_orders = FALSE;
  GOptionEntry entries[] = {
    { "qty", 0, 0, G_OPTION_ARG_STRING, &qty, N_("Shares to close"), "N" },
    { "percentage", 0, 0, G_OPTION_ARG_STRING, &percentage, N_("Percent of the position to close"), "P" },
    { "all", 0, 0, G_OPTION_ARG_NONE, &all, N_("Close every position"), NULL },
    { "cancel-orders", 0, 0, G_OPTION_ARG_NONE, &cancel_orders, N_("With --all: cancel open orders first"), NULL },
    { NULL }
  };
  g_autoptr (GOptionContext) context =
    g_option_context_new (N_("close SYMBOL|--all — close positions"));
  g_autoptr (PaddockClient) client = NULL;
  g_autoptr (GError) error = NULL;
  g_auto (CliWaiter) w = CLI_WAITER_INIT;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return cli_usage_error (error->message);
  if (argc < 2 || !g_str_equal (argv[1], "close"))
    return cli_usage_error (_("position needs close"));
  if ((all && (argc != 2 || qty != NULL || percentage != NULL)) || (!all && argc != 3) ||
      (!all && cancel_orders))
    return cli_usage_error (_("position close takes a symbol (with --qty or --percentage), or "
                              "--all"));

  client = client_for (store, wanted, &error);
  if (client == NULL)
    return cli_fail (error);
  if (all)
    {
      g_autoptr (GPtrArray) results = NULL;

      paddock_trading_close_all_positions_async (client, cancel_orders, NULL, cli_waiter_cb, &w);
      results = paddock_trading_close_all_positions_finish (client, cli_waiter_wait (&w), &error);
      if (results == NULL)
        return cli_fail (error);
      print_bulk (results, json, "symbol");
      for (guint i = 0; i < results->len; i++)
        if (((PaddockBulkResult *) g_ptr_array_index (results, i))->error != NULL)
          return EXIT_FAILED;
      return EXIT_OK;
    }

  {
    g_autoptr (PaddockOrder) order = NULL;
    gboolean reply_lost = FALSE;

    paddock_trading_close_position_async (client, argv[2], qty, percentage, NULL, cli_waiter_cb,
                                          &w);
    order = paddock_trading_close_position_finish (client, cli_waiter_wait (&w), &reply_lost,
                                                   &error);
    if (order == NULL)
      return cli_fail (error);
    print_order (order, json, reply_lost);
  }
  return EXIT_OK;
}
