/* paddock-sandbox-order-request.c: what an order request body asks for
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The bodies of POST /v2/orders and PATCH /v2/orders/{order_id}, read and checked against
 * the order's type, class and time in force and the account's settings. The handlers in
 * paddock-sandbox-orders.c answer 422 with the message these give; the funds checks
 * (403) are theirs.
 */
#define G_LOG_DOMAIN "paddock-sandbox-order-request"

#include "config.h"

#include <math.h>
#include <string.h>

#include "paddock-sandbox-trading-private.h"

typedef enum {
  FIELD_ABSENT,
  FIELD_OK,
  FIELD_BAD,
} FieldResult;

/* ---- fields ------------------------------------------------------------------------- */

static FieldResult
get_string (JsonObject  *obj,
            const char  *name,
            const char **out)
{
  JsonNode *node = obj != NULL ? json_object_get_member (obj, name) : NULL;

  *out = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return FIELD_ABSENT;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return FIELD_BAD;
  *out = json_node_get_string (node);
  return FIELD_OK;
}

/* Decimals arrive as JSON strings (recommended) or as numbers (some SDKs): take both. */
static FieldResult
get_decimal (JsonObject *obj,
             const char *name,
             int         scale,
             gint64     *out)
{
  JsonNode *node = obj != NULL ? json_object_get_member (obj, name) : NULL;
  char buf[G_ASCII_DTOSTR_BUF_SIZE + 32];
  const char *text;

  *out = 0;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return FIELD_ABSENT;
  if (!JSON_NODE_HOLDS_VALUE (node))
    return FIELD_BAD;

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      text = json_node_get_string (node);
      break;
    case G_TYPE_INT64:
      g_snprintf (buf, sizeof buf, "%" G_GINT64_FORMAT, json_node_get_int (node));
      text = buf;
      break;
    case G_TYPE_DOUBLE:
      {
        double d = json_node_get_double (node);

        if (!isfinite (d) || fabs (d) > 1e12)
          return FIELD_BAD;
        g_ascii_formatd (buf, sizeof buf, scale >= 9 ? "%.9f" : "%.6f", d);
        text = buf;
      }
      break;
    default:
      return FIELD_BAD;
    }

  return _sandbox_parse_decimal (text, scale, out) ? FIELD_OK : FIELD_BAD;
}

static FieldResult
get_bool (JsonObject *obj,
          const char *name,
          gboolean   *out)
{
  JsonNode *node = obj != NULL ? json_object_get_member (obj, name) : NULL;

  *out = FALSE;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return FIELD_ABSENT;
  if (!JSON_NODE_HOLDS_VALUE (node))
    return FIELD_BAD;
  if (json_node_get_value_type (node) == G_TYPE_BOOLEAN)
    {
      *out = json_node_get_boolean (node);
      return FIELD_OK;
    }
  if (json_node_get_value_type (node) == G_TYPE_STRING)
    {
      const char *text = json_node_get_string (node);

      if (g_str_equal (text, "true") || g_str_equal (text, "false"))
        {
          *out = g_str_equal (text, "true");
          return FIELD_OK;
        }
    }
  return FIELD_BAD;
}

static FieldResult
get_object (JsonObject  *obj,
            const char  *name,
            JsonObject **out)
{
  JsonNode *node = json_object_get_member (obj, name);

  *out = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return FIELD_ABSENT;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return FIELD_BAD;
  *out = json_node_get_object (node);
  return FIELD_OK;
}

/* Fractional shares: fractionable assets, market orders for the day, if the account allows. */
const char *
_order_request_check_fractional (SandboxAccount *account,
                                 SandboxSymbol  *sym,
                                 OrderType       type,
                                 OrderTif        tif)
{
  if (!sym->fractionable)
    return "asset is not fractionable";
  if (!account->fractional_trading)
    return "fractional trading is disabled for this account";
  if (type != ORDER_MARKET || tif != TIF_DAY)
    return "fractional orders must be market orders with time_in_force day";
  return NULL;
}

/* ---- the bodies --------------------------------------------------------------------- */

#define MAX_CLIENT_ORDER_ID 48

#define FAIL(...) \
  G_STMT_START { *message = g_strdup_printf (__VA_ARGS__); return FALSE; } G_STMT_END

static gboolean
parse_price (JsonObject  *obj,
             const char  *name,
             gboolean    *has,
             gint64      *value,
             char       **message)
{
  switch (get_decimal (obj, name, 6, value))
    {
    case FIELD_ABSENT:
      *has = FALSE;
      return TRUE;
    case FIELD_BAD:
      FAIL ("invalid %s", name);
    case FIELD_OK:
    default:
      break;
    }
  if (*value <= 0)
    FAIL ("%s must be > 0", name);
  *has = TRUE;
  return TRUE;
}

gboolean
_order_request_parse (PaddockSandbox *self,
                      SandboxAccount *account,
                      JsonObject     *obj,
                      OrderSpec      *spec,
                      char          **message)
{
  const char *text;
  JsonObject *tp = NULL, *sl = NULL;
  FieldResult r;
  int idx;
  gboolean advanced;

  memset (spec, 0, sizeof *spec);

  if (get_string (obj, "symbol", &text) != FIELD_OK || *text == '\0')
    FAIL ("symbol is required");
  spec->sym = _sandbox_lookup_symbol (self, text);
  if (spec->sym == NULL)
    FAIL ("asset \"%s\" not found", text);

  if (get_string (obj, "side", &text) != FIELD_OK)
    FAIL ("side is required");
  if (!g_str_equal (text, "buy") && !g_str_equal (text, "sell"))
    FAIL ("invalid side \"%s\"", text);
  spec->buy = g_str_equal (text, "buy");

  if (get_string (obj, "type", &text) != FIELD_OK)
    FAIL ("type is required");
  if ((idx = _orders_name_index (_orders_type_names, text)) < 0)
    FAIL ("invalid order type \"%s\"", text);
  spec->type = (OrderType) idx;

  if (get_string (obj, "time_in_force", &text) != FIELD_OK)
    FAIL ("time_in_force is required");
  if ((idx = _orders_name_index (_orders_tif_names, text)) < 0)
    FAIL ("invalid time_in_force \"%s\"", text);
  spec->tif = (OrderTif) idx;

  r = get_string (obj, "order_class", &text);
  if (r == FIELD_BAD)
    FAIL ("invalid order_class");
  if (r == FIELD_ABSENT)
    spec->order_class = CLASS_SIMPLE;
  else if (*text == '\0')
    {
      spec->order_class = CLASS_SIMPLE;
      spec->class_empty = TRUE;
    }
  else if ((idx = _orders_name_index (_orders_class_names, text)) >= 0)
    spec->order_class = (OrderClass) idx;
  else
    FAIL ("invalid order_class \"%s\"", text);
  advanced = spec->order_class != CLASS_SIMPLE;

  switch (get_decimal (obj, "qty", 9, &spec->qty))
    {
    case FIELD_BAD:
      FAIL ("invalid qty");
    case FIELD_OK:
      spec->has_qty = TRUE;
      break;
    case FIELD_ABSENT:
    default:
      break;
    }
  switch (get_decimal (obj, "notional", 6, &spec->notional))
    {
    case FIELD_BAD:
      FAIL ("invalid notional");
    case FIELD_OK:
      spec->has_notional = TRUE;
      break;
    case FIELD_ABSENT:
    default:
      break;
    }
  if (spec->has_qty && spec->has_notional)
    FAIL ("only one of qty or notional may be given");
  if (!spec->has_qty && !spec->has_notional)
    FAIL ("qty or notional is required");
  if (spec->has_qty && spec->qty <= 0)
    FAIL ("qty must be > 0");
  if (spec->has_notional && spec->notional <= 0)
    FAIL ("notional must be > 0");

  if (!parse_price (obj, "limit_price", &spec->has_limit, &spec->limit_price, message) ||
      !parse_price (obj, "stop_price", &spec->has_stop, &spec->stop_price, message) ||
      !parse_price (obj, "trail_price", &spec->has_trail_price, &spec->trail_price, message) ||
      !parse_price (obj, "trail_percent", &spec->has_trail_percent, &spec->trail_percent,
                    message))
    return FALSE;

  if (get_object (obj, "take_profit", &tp) == FIELD_BAD)
    FAIL ("take_profit must be an object");
  if (get_object (obj, "stop_loss", &sl) == FIELD_BAD)
    FAIL ("stop_loss must be an object");
  if (tp != NULL)
    {
      if (!parse_price (tp, "limit_price", &spec->has_tp, &spec->tp_limit, message))
        return FALSE;
      if (!spec->has_tp)
        FAIL ("take_profit.limit_price is required");
    }
  if (sl != NULL)
    {
      if (!parse_price (sl, "stop_price", &spec->has_sl, &spec->sl_stop, message) ||
          !parse_price (sl, "limit_price", &spec->has_sl_limit, &spec->sl_limit, message))
        return FALSE;
      if (!spec->has_sl)
        FAIL ("stop_loss.stop_price is required");
    }

  if (get_bool (obj, "extended_hours", &spec->extended_hours) == FIELD_BAD)
    FAIL ("invalid extended_hours");

  r = get_string (obj, "client_order_id", &spec->client_order_id);
  if (r == FIELD_BAD)
    FAIL ("invalid client_order_id");
  if (spec->client_order_id != NULL && strlen (spec->client_order_id) > MAX_CLIENT_ORDER_ID)
    FAIL ("client_order_id must be no more than %d characters", MAX_CLIENT_ORDER_ID);

  /* the classes */
  switch (spec->order_class)
    {
    case CLASS_SIMPLE:
      if (tp != NULL || sl != NULL)
        FAIL ("take_profit and stop_loss are only for bracket, oco and oto orders");
      break;
    case CLASS_BRACKET:
      if (!spec->has_tp || !spec->has_sl)
        FAIL ("bracket orders require both take_profit and stop_loss");
      if (spec->type == ORDER_TRAILING_STOP)
        FAIL ("bracket orders cannot be trailing_stop orders");
      break;
    case CLASS_OCO:
      if (spec->type != ORDER_LIMIT)
        FAIL ("oco orders must be limit orders");
      if (!spec->has_tp || !spec->has_sl)
        FAIL ("oco orders require both take_profit and stop_loss");
      /* the order itself is the take-profit limit */
      if (!spec->has_limit)
        {
          spec->has_limit = TRUE;
          spec->limit_price = spec->tp_limit;
        }
      break;
    case CLASS_OTO:
      if (spec->has_tp == spec->has_sl)
        FAIL ("oto orders require exactly one of take_profit or stop_loss");
      if (spec->type == ORDER_TRAILING_STOP)
        FAIL ("oto orders cannot be trailing_stop orders");
      break;
    default:
      g_assert_not_reached ();
    }

  if (advanced)
    {
      gboolean exit_sell = spec->order_class == CLASS_OCO ? !spec->buy : spec->buy;
      const char *class_name = _orders_class_names[spec->order_class];

      if (spec->tif != TIF_DAY && spec->tif != TIF_GTC)
        FAIL ("%s orders must have time_in_force day or gtc", class_name);
      if (spec->extended_hours)
        FAIL ("extended hours are not available for %s orders", class_name);
      if (spec->has_notional || _orders_qty_is_fractional (spec->qty))
        FAIL ("%s orders need a whole number of shares", class_name);
      if (spec->has_tp && spec->has_sl &&
          (exit_sell ? spec->tp_limit <= spec->sl_stop : spec->tp_limit >= spec->sl_stop))
        FAIL ("take_profit.limit_price must be %s stop_loss.stop_price",
              exit_sell ? "above" : "below");
      if (spec->has_sl_limit &&
          (exit_sell ? spec->sl_limit > spec->sl_stop : spec->sl_limit < spec->sl_stop))
        FAIL ("stop_loss.limit_price must be %s stop_loss.stop_price",
              exit_sell ? "at or below" : "at or above");
    }

  /* the types */
  if ((spec->type == ORDER_LIMIT || spec->type == ORDER_STOP_LIMIT) && !spec->has_limit)
    FAIL ("limit_price is required for %s orders", _orders_type_names[spec->type]);
  if ((spec->type == ORDER_STOP || spec->type == ORDER_STOP_LIMIT) && !spec->has_stop)
    FAIL ("stop_price is required for %s orders", _orders_type_names[spec->type]);
  if (spec->has_limit && spec->type != ORDER_LIMIT && spec->type != ORDER_STOP_LIMIT)
    FAIL ("limit_price is not allowed for %s orders", _orders_type_names[spec->type]);
  if (spec->has_stop && spec->type != ORDER_STOP && spec->type != ORDER_STOP_LIMIT)
    FAIL ("stop_price is not allowed for %s orders", _orders_type_names[spec->type]);
  if (spec->type == ORDER_TRAILING_STOP)
    {
      if (spec->has_trail_price == spec->has_trail_percent)
        FAIL ("trailing_stop orders require exactly one of trail_price or trail_percent");
      if (spec->has_trail_percent && spec->trail_percent >= 100 * SANDBOX_MICRO)
        FAIL ("trail_percent must be below 100");
    }
  else if (spec->has_trail_price || spec->has_trail_percent)
    FAIL ("trail_price and trail_percent are only for trailing_stop orders");

  if (spec->has_notional)
    {
      const char *why;

      if (spec->type != ORDER_MARKET || spec->tif != TIF_DAY)
        FAIL ("notional orders must be market orders with time_in_force day");
      why = _order_request_check_fractional (account, spec->sym, spec->type, spec->tif);
      if (why != NULL)
        FAIL ("%s", why);
    }
  if (spec->has_qty && _orders_qty_is_fractional (spec->qty))
    {
      const char *why = _order_request_check_fractional (account, spec->sym, spec->type, spec->tif);

      if (why != NULL)
        FAIL ("%s", why);
    }
  if (spec->extended_hours && (spec->type != ORDER_LIMIT || spec->tif != TIF_DAY))
    FAIL ("extended hours orders must be limit orders with time_in_force day");

  return TRUE;
}

gboolean
_order_request_parse_replace (SandboxAccount *account,
                              SandboxOrder   *old,
                              JsonObject     *obj,
                              ReplaceSpec    *spec,
                              char          **message)
{
  FieldResult has_qty, has_limit, has_stop, has_trail;
  const char *tif_text = NULL;

  memset (spec, 0, sizeof *spec);

  has_qty = get_decimal (obj, "qty", 9, &spec->qty);
  has_limit = get_decimal (obj, "limit_price", 6, &spec->limit_price);
  has_stop = get_decimal (obj, "stop_price", 6, &spec->stop_price);
  has_trail = get_decimal (obj, "trail", 6, &spec->trail);
  if (has_qty == FIELD_BAD || (has_qty == FIELD_OK && spec->qty <= 0))
    FAIL ("qty must be > 0");
  if (has_limit == FIELD_BAD || has_stop == FIELD_BAD || has_trail == FIELD_BAD ||
      (has_limit == FIELD_OK && spec->limit_price <= 0) ||
      (has_stop == FIELD_OK && spec->stop_price <= 0) ||
      (has_trail == FIELD_OK && spec->trail <= 0))
    FAIL ("prices and trail must be > 0");
  spec->has_qty = has_qty == FIELD_OK;
  spec->has_limit = has_limit == FIELD_OK;
  spec->has_stop = has_stop == FIELD_OK;
  spec->has_trail = has_trail == FIELD_OK;
  if (get_string (obj, "time_in_force", &tif_text) == FIELD_BAD ||
      get_string (obj, "client_order_id", &spec->client_order_id) == FIELD_BAD)
    FAIL ("time_in_force and client_order_id are strings");

  spec->tif = old->tif;
  if (tif_text != NULL)
    {
      int idx = _orders_name_index (_orders_tif_names, tif_text);

      if (idx < 0)
        FAIL ("invalid time_in_force");
      spec->tif = (OrderTif) idx;
    }
  if ((old->parent != NULL || old->order_class != CLASS_SIMPLE) &&
      spec->tif != TIF_DAY && spec->tif != TIF_GTC)
    FAIL ("legs must have time_in_force day or gtc");
  if (old->extended_hours && spec->tif != TIF_DAY)
    FAIL ("extended hours orders must be day orders");
  if (spec->has_limit && old->type != ORDER_LIMIT && old->type != ORDER_STOP_LIMIT)
    FAIL ("limit_price is only for limit and stop_limit orders");
  if (spec->has_stop && old->type != ORDER_STOP && old->type != ORDER_STOP_LIMIT)
    FAIL ("stop_price is only for stop and stop_limit orders");
  if (spec->has_trail && old->type != ORDER_TRAILING_STOP)
    FAIL ("trail is only for trailing_stop orders");
  if (spec->has_trail && old->has_trail_percent && spec->trail >= 100 * SANDBOX_MICRO)
    FAIL ("trail_percent must be below 100");
  if (spec->has_qty && old->has_notional)
    FAIL ("the qty of a notional order cannot be replaced");
  if (spec->has_qty && _orders_qty_is_fractional (spec->qty))
    {
      const char *why = _order_request_check_fractional (account, old->sym, old->type,
                                                         spec->tif);

      if (why != NULL)
        FAIL ("%s", why);
    }
  if (spec->client_order_id != NULL && strlen (spec->client_order_id) > MAX_CLIENT_ORDER_ID)
    FAIL ("client_order_id must be no more than %d characters", MAX_CLIENT_ORDER_ID);

  return TRUE;
}

#undef FAIL
