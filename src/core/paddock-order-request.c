/* paddock-order-request.c: an order a person asks for, checked before it is sent
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The checks are Alpaca's own rules for POST /v2/orders (alpaca-api.md §2.4), applied
 * here so that a mistake is shown under its field before anything reaches the broker. The
 * broker keeps the last word (buying power, tick sizes, fractionable assets…).
 */
#define G_LOG_DOMAIN "paddock-order-request"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "paddock-error.h"
#include "paddock-format.h"
#include "paddock-order-request.h"
#include "paddock-random.h"

#define MAX_DECIMAL_LEN 24      /* digits and point */
#define MAX_FRACTION_DIGITS 9
#define MAX_SYMBOL_LEN 64

struct _PaddockOrderRequest
{
  GObject parent_instance;

  char *symbol;
  PaddockOrderSide side;
  PaddockOrderType type;
  char *qty;
  char *notional;
  char *limit_price;
  char *stop_price;
  char *trail_price;
  char *trail_percent;
  PaddockTimeInForce tif;
  gboolean extended_hours;
  PaddockOrderClassKind order_class;
  char *tp_limit;
  char *sl_stop;
  char *sl_limit;
  char *client_order_id;
};

G_DEFINE_FINAL_TYPE (PaddockOrderRequest, paddock_order_request, G_TYPE_OBJECT)

static const char *field_names[] = {
  [PADDOCK_ORDER_FIELD_NONE] = "",
  [PADDOCK_ORDER_FIELD_SYMBOL] = "symbol",
  [PADDOCK_ORDER_FIELD_SIDE] = "side",
  [PADDOCK_ORDER_FIELD_TYPE] = "type",
  [PADDOCK_ORDER_FIELD_QTY] = "qty",
  [PADDOCK_ORDER_FIELD_NOTIONAL] = "notional",
  [PADDOCK_ORDER_FIELD_LIMIT_PRICE] = "limit_price",
  [PADDOCK_ORDER_FIELD_STOP_PRICE] = "stop_price",
  [PADDOCK_ORDER_FIELD_TRAIL_PRICE] = "trail_price",
  [PADDOCK_ORDER_FIELD_TRAIL_PERCENT] = "trail_percent",
  [PADDOCK_ORDER_FIELD_TIME_IN_FORCE] = "time_in_force",
  [PADDOCK_ORDER_FIELD_EXTENDED_HOURS] = "extended_hours",
  [PADDOCK_ORDER_FIELD_ORDER_CLASS] = "order_class",
  [PADDOCK_ORDER_FIELD_TAKE_PROFIT_LIMIT_PRICE] = "take_profit.limit_price",
  [PADDOCK_ORDER_FIELD_STOP_LOSS_STOP_PRICE] = "stop_loss.stop_price",
  [PADDOCK_ORDER_FIELD_STOP_LOSS_LIMIT_PRICE] = "stop_loss.limit_price",
  [PADDOCK_ORDER_FIELD_CLIENT_ORDER_ID] = "client_order_id",
};

/**
 * paddock_order_field_get_name:
 *
 * Returns: the field's name in Alpaca's request body ("take_profit.limit_price" for a leg),
 *   "" for %PADDOCK_ORDER_FIELD_NONE
 */
const char *
paddock_order_field_get_name (PaddockOrderField field)
{
  g_return_val_if_fail (field <= PADDOCK_ORDER_FIELD_CLIENT_ORDER_ID, "");

  return field_names[field];
}

/**
 * paddock_order_decimal_is_valid:
 * @text: (nullable): what the person typed
 *
 * Returns: whether @text is plain decimal text as an order takes it: digits, optionally a
 *   point and more digits ("10", "370.50"), no sign, no exponent, no spaces, at most 9
 *   digits after the point
 */
gboolean
paddock_order_decimal_is_valid (const char *text)
{
  gsize len;
  const char *point;

  if (text == NULL)
    return FALSE;
  len = strlen (text);
  if (len == 0 || len > MAX_DECIMAL_LEN)
    return FALSE;
  point = strchr (text, '.');
  for (const char *p = text; *p != '\0'; p++)
    if (p != point && !g_ascii_isdigit (*p))
      return FALSE;
  if (point != NULL)
    {
      gsize frac = len - (gsize) (point - text) - 1;

      if (point == text || frac == 0 || frac > MAX_FRACTION_DIGITS)
        return FALSE;
    }
  return TRUE;
}

static gboolean
decimal_is_whole (const char *text)
{
  const char *point = strchr (text, '.');

  if (point == NULL)
    return TRUE;
  for (const char *p = point + 1; *p != '\0'; p++)
    if (*p != '0')
      return FALSE;
  return TRUE;
}

static void
paddock_order_request_finalize (GObject *object)
{
  PaddockOrderRequest *self = PADDOCK_ORDER_REQUEST (object);

  g_free (self->symbol);
  g_free (self->qty);
  g_free (self->notional);
  g_free (self->limit_price);
  g_free (self->stop_price);
  g_free (self->trail_price);
  g_free (self->trail_percent);
  g_free (self->tp_limit);
  g_free (self->sl_stop);
  g_free (self->sl_limit);
  g_free (self->client_order_id);

  G_OBJECT_CLASS (paddock_order_request_parent_class)->finalize (object);
}

static void
paddock_order_request_class_init (PaddockOrderRequestClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = paddock_order_request_finalize;
}

static void
paddock_order_request_init (PaddockOrderRequest *self)
{
  self->side = PADDOCK_ORDER_SIDE_UNKNOWN;
  self->type = PADDOCK_ORDER_TYPE_MARKET;
  self->tif = PADDOCK_TIME_IN_FORCE_DAY;
  self->order_class = PADDOCK_ORDER_CLASS_SIMPLE;
  self->client_order_id = paddock_random_uuid4 ();
}

/**
 * paddock_order_request_new:
 *
 * Returns: (transfer full): a market order for the day with a fresh client_order_id;
 *   symbol, side and an amount still to be set
 */
PaddockOrderRequest *
paddock_order_request_new (void)
{
  return g_object_new (PADDOCK_TYPE_ORDER_REQUEST, NULL);
}

/* NULL and "" both mean "not given" */
static void
set_text (char       **field,
          const char  *value)
{
  g_free (*field);
  *field = (value != NULL && *value != '\0') ? g_strdup (value) : NULL;
}

#define TEXT_ACCESSORS(name, member) \
  void \
  paddock_order_request_set_##name (PaddockOrderRequest *self, \
                                    const char          *value) \
  { \
    g_return_if_fail (PADDOCK_IS_ORDER_REQUEST (self)); \
    set_text (&self->member, value); \
  } \
  const char * \
  paddock_order_request_get_##name (PaddockOrderRequest *self) \
  { \
    g_return_val_if_fail (PADDOCK_IS_ORDER_REQUEST (self), NULL); \
    return self->member; \
  }

TEXT_ACCESSORS (symbol, symbol)
TEXT_ACCESSORS (qty, qty)
TEXT_ACCESSORS (notional, notional)
TEXT_ACCESSORS (limit_price, limit_price)
TEXT_ACCESSORS (stop_price, stop_price)
TEXT_ACCESSORS (trail_price, trail_price)
TEXT_ACCESSORS (trail_percent, trail_percent)
TEXT_ACCESSORS (take_profit, tp_limit)

#define VALUE_ACCESSORS(name, member, Type) \
  void \
  paddock_order_request_set_##name (PaddockOrderRequest *self, \
                                    Type                 value) \
  { \
    g_return_if_fail (PADDOCK_IS_ORDER_REQUEST (self)); \
    self->member = value; \
  } \
  Type \
  paddock_order_request_get_##name (PaddockOrderRequest *self) \
  { \
    g_return_val_if_fail (PADDOCK_IS_ORDER_REQUEST (self), 0); \
    return self->member; \
  }

VALUE_ACCESSORS (side, side, PaddockOrderSide)
VALUE_ACCESSORS (kind, type, PaddockOrderType)
VALUE_ACCESSORS (time_in_force, tif, PaddockTimeInForce)
VALUE_ACCESSORS (extended_hours, extended_hours, gboolean)
VALUE_ACCESSORS (order_class, order_class, PaddockOrderClassKind)

/**
 * paddock_order_request_set_stop_loss:
 * @stop_price: (nullable): the stop-loss leg's stop price
 * @limit_price: (nullable): its limit price, for a stop-limit leg
 */
void
paddock_order_request_set_stop_loss (PaddockOrderRequest *self,
                                     const char          *stop_price,
                                     const char          *limit_price)
{
  g_return_if_fail (PADDOCK_IS_ORDER_REQUEST (self));

  set_text (&self->sl_stop, stop_price);
  set_text (&self->sl_limit, limit_price);
}

const char *
paddock_order_request_get_stop_loss_stop (PaddockOrderRequest *self)
{
  g_return_val_if_fail (PADDOCK_IS_ORDER_REQUEST (self), NULL);

  return self->sl_stop;
}

const char *
paddock_order_request_get_stop_loss_limit (PaddockOrderRequest *self)
{
  g_return_val_if_fail (PADDOCK_IS_ORDER_REQUEST (self), NULL);

  return self->sl_limit;
}

/**
 * paddock_order_request_set_client_order_id:
 * @id: (nullable): the id to send, or %NULL for a fresh UUID v4
 */
void
paddock_order_request_set_client_order_id (PaddockOrderRequest *self,
                                           const char          *id)
{
  g_return_if_fail (PADDOCK_IS_ORDER_REQUEST (self));

  g_free (self->client_order_id);
  self->client_order_id = id != NULL ? g_strdup (id) : paddock_random_uuid4 ();
}

const char *
paddock_order_request_get_client_order_id (PaddockOrderRequest *self)
{
  g_return_val_if_fail (PADDOCK_IS_ORDER_REQUEST (self), NULL);

  return self->client_order_id;
}

/* ---- validation ----------------------------------------------------------------------- */

#define FAIL(f, ...) \
  G_STMT_START { \
    if (field != NULL) \
      *field = (f); \
    g_set_error (error, PADDOCK_ERROR, PADDOCK_ERROR_INVALID_INPUT, __VA_ARGS__); \
    return FALSE; \
  } G_STMT_END

/* The name of an amount's input, as the messages about it use it */
static const char *
amount_label (PaddockOrderField f)
{
  switch (f)
    {
    case PADDOCK_ORDER_FIELD_QTY: return _("Quantity");
    case PADDOCK_ORDER_FIELD_NOTIONAL: return _("Amount");
    case PADDOCK_ORDER_FIELD_LIMIT_PRICE: return _("Limit price");
    case PADDOCK_ORDER_FIELD_STOP_PRICE: return _("Stop price");
    case PADDOCK_ORDER_FIELD_TRAIL_PRICE: return _("Trail price");
    case PADDOCK_ORDER_FIELD_TRAIL_PERCENT: return _("Trail percent");
    case PADDOCK_ORDER_FIELD_TAKE_PROFIT_LIMIT_PRICE: return _("Take-profit limit price");
    case PADDOCK_ORDER_FIELD_STOP_LOSS_STOP_PRICE: return _("Stop-loss stop price");
    case PADDOCK_ORDER_FIELD_STOP_LOSS_LIMIT_PRICE: return _("Stop-loss limit price");
    case PADDOCK_ORDER_FIELD_NONE:
    case PADDOCK_ORDER_FIELD_SYMBOL:
    case PADDOCK_ORDER_FIELD_SIDE:
    case PADDOCK_ORDER_FIELD_TYPE:
    case PADDOCK_ORDER_FIELD_TIME_IN_FORCE:
    case PADDOCK_ORDER_FIELD_EXTENDED_HOURS:
    case PADDOCK_ORDER_FIELD_ORDER_CLASS:
    case PADDOCK_ORDER_FIELD_CLIENT_ORDER_ID:
    default:
      return _("Amount");
    }
}

/**
 * paddock_order_set_not_a_number_error:
 * @field: an amount's input (quantity, notional or a price)
 * @error: (nullable): where to put the message
 *
 * Sets @error to %PADDOCK_ERROR_INVALID_INPUT with the message paddock_order_request_check()
 * gives for an amount that is not a number, its example written in the format typed
 * numbers are read in (paddock_decimal_to_input()): "Limit price must be a number such as
 * 10 or 12,50." in a German locale. For a form that could not read what was typed.
 */
void
paddock_order_set_not_a_number_error (PaddockOrderField   field,
                                      GError            **error)
{
  g_autofree char *example = paddock_decimal_to_input ("12.50");

  g_set_error (error, PADDOCK_ERROR, PADDOCK_ERROR_INVALID_INPUT,
               /* Translators: the first %s is the name of an input, e.g. "Limit price";
                * the second is the number 12.50 written as the reader types numbers,
                * e.g. "12.50" or "12,50" */
               _("%s must be a number such as 10 or %s."), amount_label (field), example);
}

/* An amount that is given must be plain decimal text above zero */
static gboolean
check_amount (const char         *value,
              PaddockOrderField   f,
              PaddockOrderField  *field,
              GError            **error)
{
  if (value == NULL)
    return TRUE;
  if (!paddock_order_decimal_is_valid (value))
    {
      if (field != NULL)
        *field = f;
      paddock_order_set_not_a_number_error (f, error);
      return FALSE;
    }
  if (paddock_decimal_compare (value, "0") <= 0)
    /* Translators: %s is the name of an input, e.g. "Limit price" */
    FAIL (f, _("%s must be more than zero."), amount_label (f));
  return TRUE;
}

static gboolean
text_is_safe (const char *text,
              gsize       max_len)
{
  gsize len = strlen (text);

  if (len == 0 || len > max_len)
    return FALSE;
  for (const char *p = text; *p != '\0'; p++)
    if ((guchar) *p <= 0x20 || (guchar) *p >= 0x7f)
      return FALSE;
  return TRUE;
}

/**
 * paddock_order_request_check:
 * @field: (out) (optional): which input is wrong, %PADDOCK_ORDER_FIELD_NONE when none is
 *
 * Applies the broker's rules before anything is sent.
 *
 * Returns: %TRUE when the request may be sent; otherwise sets @error
 *   (%PADDOCK_ERROR_INVALID_INPUT, a translated message about @field)
 */
gboolean
paddock_order_request_check (PaddockOrderRequest  *self,
                             PaddockOrderField    *field,
                             GError              **error)
{
  gboolean advanced;
  gboolean buy;

  g_return_val_if_fail (PADDOCK_IS_ORDER_REQUEST (self), FALSE);

  if (field != NULL)
    *field = PADDOCK_ORDER_FIELD_NONE;

  /* what every order needs */
  if (self->symbol == NULL)
    FAIL (PADDOCK_ORDER_FIELD_SYMBOL, _("Enter a symbol."));
  if (!text_is_safe (self->symbol, MAX_SYMBOL_LEN))
    FAIL (PADDOCK_ORDER_FIELD_SYMBOL, _("The symbol may not contain spaces or special characters."));
  if (self->side != PADDOCK_ORDER_SIDE_BUY && self->side != PADDOCK_ORDER_SIDE_SELL)
    FAIL (PADDOCK_ORDER_FIELD_SIDE, _("Choose buy or sell."));
  if (self->type < PADDOCK_ORDER_TYPE_MARKET || self->type > PADDOCK_ORDER_TYPE_TRAILING_STOP)
    FAIL (PADDOCK_ORDER_FIELD_TYPE, _("Choose an order type."));
  if (self->tif < PADDOCK_TIME_IN_FORCE_DAY || self->tif > PADDOCK_TIME_IN_FORCE_FOK)
    FAIL (PADDOCK_ORDER_FIELD_TIME_IN_FORCE, _("Choose how long the order stays open."));
  if (self->order_class < PADDOCK_ORDER_CLASS_SIMPLE || self->order_class > PADDOCK_ORDER_CLASS_OTO)
    FAIL (PADDOCK_ORDER_FIELD_ORDER_CLASS, _("Choose simple, bracket, OCO or OTO."));
  if (self->client_order_id == NULL ||
      !text_is_safe (self->client_order_id, PADDOCK_CLIENT_ORDER_ID_MAX_LEN))
    FAIL (PADDOCK_ORDER_FIELD_CLIENT_ORDER_ID,
          _("The client order ID must be 1 to %d characters without spaces."),
          PADDOCK_CLIENT_ORDER_ID_MAX_LEN);

  /* the amount */
  if (self->qty != NULL && self->notional != NULL)
    FAIL (PADDOCK_ORDER_FIELD_NOTIONAL, _("Give either a quantity or a dollar amount, not both."));
  if (self->qty == NULL && self->notional == NULL)
    FAIL (PADDOCK_ORDER_FIELD_QTY, _("Enter a quantity."));
  if (!check_amount (self->qty, PADDOCK_ORDER_FIELD_QTY, field, error) ||
      !check_amount (self->notional, PADDOCK_ORDER_FIELD_NOTIONAL, field, error) ||
      !check_amount (self->limit_price, PADDOCK_ORDER_FIELD_LIMIT_PRICE, field, error) ||
      !check_amount (self->stop_price, PADDOCK_ORDER_FIELD_STOP_PRICE, field, error) ||
      !check_amount (self->trail_price, PADDOCK_ORDER_FIELD_TRAIL_PRICE, field, error) ||
      !check_amount (self->trail_percent, PADDOCK_ORDER_FIELD_TRAIL_PERCENT, field, error) ||
      !check_amount (self->tp_limit, PADDOCK_ORDER_FIELD_TAKE_PROFIT_LIMIT_PRICE, field,
                     error) ||
      !check_amount (self->sl_stop, PADDOCK_ORDER_FIELD_STOP_LOSS_STOP_PRICE, field, error) ||
      !check_amount (self->sl_limit, PADDOCK_ORDER_FIELD_STOP_LOSS_LIMIT_PRICE, field, error))
    return FALSE;
  if (self->notional != NULL &&
      (self->type != PADDOCK_ORDER_TYPE_MARKET || self->tif != PADDOCK_TIME_IN_FORCE_DAY))
    FAIL (PADDOCK_ORDER_FIELD_NOTIONAL,
          _("A dollar amount is only possible for a market order for the day."));
  if (self->qty != NULL && !decimal_is_whole (self->qty) &&
      (self->type != PADDOCK_ORDER_TYPE_MARKET || self->tif != PADDOCK_TIME_IN_FORCE_DAY))
    FAIL (PADDOCK_ORDER_FIELD_QTY,
          _("Fractional shares are only possible for a market order for the day."));

  /* the prices each type needs, and only those */
  switch (self->type)
    {
    case PADDOCK_ORDER_TYPE_LIMIT:
      /* an OCO order's own limit is its take-profit */
      if (self->limit_price == NULL && self->order_class != PADDOCK_ORDER_CLASS_OCO)
        FAIL (PADDOCK_ORDER_FIELD_LIMIT_PRICE, _("A limit order needs a limit price."));
      if (self->stop_price != NULL)
        FAIL (PADDOCK_ORDER_FIELD_STOP_PRICE, _("A limit order has no stop price."));
      break;
    case PADDOCK_ORDER_TYPE_STOP:
      if (self->stop_price == NULL)
        FAIL (PADDOCK_ORDER_FIELD_STOP_PRICE, _("A stop order needs a stop price."));
      if (self->limit_price != NULL)
        FAIL (PADDOCK_ORDER_FIELD_LIMIT_PRICE, _("A stop order has no limit price."));
      break;
    case PADDOCK_ORDER_TYPE_STOP_LIMIT:
      if (self->stop_price == NULL)
        FAIL (PADDOCK_ORDER_FIELD_STOP_PRICE, _("A stop-limit order needs a stop price."));
      if (self->limit_price == NULL)
        FAIL (PADDOCK_ORDER_FIELD_LIMIT_PRICE, _("A stop-limit order needs a limit price."));
      break;
    case PADDOCK_ORDER_TYPE_MARKET:
    case PADDOCK_ORDER_TYPE_TRAILING_STOP:
    case PADDOCK_ORDER_TYPE_UNKNOWN:
    default:
      if (self->limit_price != NULL)
        FAIL (PADDOCK_ORDER_FIELD_LIMIT_PRICE, _("Only limit and stop-limit orders have a limit price."));
      if (self->stop_price != NULL)
        FAIL (PADDOCK_ORDER_FIELD_STOP_PRICE, _("Only stop and stop-limit orders have a stop price."));
      break;
    }
  if (self->type == PADDOCK_ORDER_TYPE_TRAILING_STOP)
    {
      if (self->trail_price == NULL && self->trail_percent == NULL)
        FAIL (PADDOCK_ORDER_FIELD_TRAIL_PRICE,
              _("A trailing stop order needs a trail price or a trail percent."));
      if (self->trail_price != NULL && self->trail_percent != NULL)
        FAIL (PADDOCK_ORDER_FIELD_TRAIL_PERCENT,
              _("Give either a trail price or a trail percent, not both."));
      if (self->trail_percent != NULL && paddock_decimal_compare (self->trail_percent, "100") >= 0)
        FAIL (PADDOCK_ORDER_FIELD_TRAIL_PERCENT, _("The trail percent must be below 100."));
    }
  else if (self->trail_price != NULL)
    FAIL (PADDOCK_ORDER_FIELD_TRAIL_PRICE, _("Only trailing stop orders have a trail price."));
  else if (self->trail_percent != NULL)
    FAIL (PADDOCK_ORDER_FIELD_TRAIL_PERCENT, _("Only trailing stop orders have a trail percent."));

  if (self->extended_hours &&
      (self->type != PADDOCK_ORDER_TYPE_LIMIT || self->tif != PADDOCK_TIME_IN_FORCE_DAY))
    FAIL (PADDOCK_ORDER_FIELD_EXTENDED_HOURS,
          _("Extended hours are only possible for a limit order for the day."));

  /* the classes */
  if (self->sl_limit != NULL && self->sl_stop == NULL)
    FAIL (PADDOCK_ORDER_FIELD_STOP_LOSS_STOP_PRICE, _("A stop-loss limit price needs a stop price."));
  advanced = self->order_class != PADDOCK_ORDER_CLASS_SIMPLE;
  switch (self->order_class)
    {
    case PADDOCK_ORDER_CLASS_BRACKET:
      if (self->tp_limit == NULL)
        FAIL (PADDOCK_ORDER_FIELD_TAKE_PROFIT_LIMIT_PRICE, _("A bracket order needs a take-profit price."));
      if (self->sl_stop == NULL)
        FAIL (PADDOCK_ORDER_FIELD_STOP_LOSS_STOP_PRICE, _("A bracket order needs a stop-loss price."));
      break;
    case PADDOCK_ORDER_CLASS_OCO:
      if (self->type != PADDOCK_ORDER_TYPE_LIMIT)
        FAIL (PADDOCK_ORDER_FIELD_TYPE, _("An OCO order must be a limit order."));
      if (self->tp_limit == NULL)
        FAIL (PADDOCK_ORDER_FIELD_TAKE_PROFIT_LIMIT_PRICE, _("An OCO order needs a take-profit price."));
      if (self->sl_stop == NULL)
        FAIL (PADDOCK_ORDER_FIELD_STOP_LOSS_STOP_PRICE, _("An OCO order needs a stop-loss price."));
      if (self->limit_price != NULL && paddock_decimal_compare (self->limit_price, self->tp_limit) != 0)
        FAIL (PADDOCK_ORDER_FIELD_LIMIT_PRICE,
              _("An OCO order’s limit price is its take-profit price."));
      break;
    case PADDOCK_ORDER_CLASS_OTO:
      if (self->tp_limit == NULL && self->sl_stop == NULL)
        FAIL (PADDOCK_ORDER_FIELD_TAKE_PROFIT_LIMIT_PRICE,
              _("An OTO order needs a take-profit or a stop-loss price."));
      if (self->tp_limit != NULL && self->sl_stop != NULL)
        FAIL (PADDOCK_ORDER_FIELD_STOP_LOSS_STOP_PRICE,
              _("An OTO order has either a take-profit or a stop-loss, not both."));
      break;
    case PADDOCK_ORDER_CLASS_SIMPLE:
    default:
      if (self->tp_limit != NULL)
        FAIL (PADDOCK_ORDER_FIELD_TAKE_PROFIT_LIMIT_PRICE,
              _("Only bracket, OCO and OTO orders have a take-profit."));
      if (self->sl_stop != NULL)
        FAIL (PADDOCK_ORDER_FIELD_STOP_LOSS_STOP_PRICE,
              _("Only bracket, OCO and OTO orders have a stop-loss."));
      break;
    }
  if (!advanced)
    return TRUE;

  if (self->tif != PADDOCK_TIME_IN_FORCE_DAY && self->tif != PADDOCK_TIME_IN_FORCE_GTC)
    FAIL (PADDOCK_ORDER_FIELD_TIME_IN_FORCE,
          _("Bracket, OCO and OTO orders must be day or good-till-canceled orders."));
  if (self->extended_hours)
    FAIL (PADDOCK_ORDER_FIELD_EXTENDED_HOURS,
          _("Bracket, OCO and OTO orders cannot trade in extended hours."));
  if (self->type == PADDOCK_ORDER_TYPE_TRAILING_STOP)
    FAIL (PADDOCK_ORDER_FIELD_TYPE, _("Bracket and OTO orders cannot be trailing stop orders."));
  if (self->notional != NULL)
    FAIL (PADDOCK_ORDER_FIELD_NOTIONAL,
          _("Bracket, OCO and OTO orders need a quantity, not a dollar amount."));
  if (!decimal_is_whole (self->qty))
    FAIL (PADDOCK_ORDER_FIELD_QTY, _("Bracket, OCO and OTO orders need a whole number of shares."));

  /* Prices sane for the side. The legs close what the order opens: after a buy they sell,
   * so the take-profit is above the stop-loss. An OCO order is itself the exit: a sell OCO
   * closes a long position, so its take-profit is above its stop-loss too. */
  buy = self->side == PADDOCK_ORDER_SIDE_BUY;
  {
    gboolean exit_sells = self->order_class == PADDOCK_ORDER_CLASS_OCO ? !buy : buy;
    const char *entry = self->order_class != PADDOCK_ORDER_CLASS_OCO ? self->limit_price : NULL;

    if (self->tp_limit != NULL && self->sl_stop != NULL)
      {
        int c = paddock_decimal_compare (self->tp_limit, self->sl_stop);

        if (exit_sells && c <= 0)
          FAIL (PADDOCK_ORDER_FIELD_TAKE_PROFIT_LIMIT_PRICE,
                _("The take-profit price must be above the stop-loss price."));
        if (!exit_sells && c >= 0)
          FAIL (PADDOCK_ORDER_FIELD_TAKE_PROFIT_LIMIT_PRICE,
                _("The take-profit price must be below the stop-loss price."));
      }
    if (self->sl_limit != NULL)
      {
        int c = paddock_decimal_compare (self->sl_limit, self->sl_stop);

        if (exit_sells && c > 0)
          FAIL (PADDOCK_ORDER_FIELD_STOP_LOSS_LIMIT_PRICE,
                _("The stop-loss limit price must be at or below its stop price."));
        if (!exit_sells && c < 0)
          FAIL (PADDOCK_ORDER_FIELD_STOP_LOSS_LIMIT_PRICE,
                _("The stop-loss limit price must be at or above its stop price."));
      }
    /* against a limit entry: a buy at 100 takes profit above 100 and stops out below */
    if (entry != NULL && self->tp_limit != NULL)
      {
        int c = paddock_decimal_compare (self->tp_limit, entry);

        if (exit_sells && c <= 0)
          FAIL (PADDOCK_ORDER_FIELD_TAKE_PROFIT_LIMIT_PRICE,
                _("The take-profit price must be above the limit price."));
        if (!exit_sells && c >= 0)
          FAIL (PADDOCK_ORDER_FIELD_TAKE_PROFIT_LIMIT_PRICE,
                _("The take-profit price must be below the limit price."));
      }
    if (entry != NULL && self->sl_stop != NULL)
      {
        int c = paddock_decimal_compare (self->sl_stop, entry);

        if (exit_sells && c >= 0)
          FAIL (PADDOCK_ORDER_FIELD_STOP_LOSS_STOP_PRICE,
                _("The stop-loss price must be below the limit price."));
        if (!exit_sells && c <= 0)
          FAIL (PADDOCK_ORDER_FIELD_STOP_LOSS_STOP_PRICE,
                _("The stop-loss price must be above the limit price."));
      }
  }

  return TRUE;
}

/**
 * paddock_order_request_validate:
 *
 * paddock_order_request_check() without the field.
 */
gboolean
paddock_order_request_validate (PaddockOrderRequest  *self,
                                GError              **error)
{
  return paddock_order_request_check (self, NULL, error);
}

static const char *
enum_nick (GType type,
           int   value)
{
  g_autoptr (GEnumClass) klass = g_type_class_ref (type);
  GEnumValue *ev = g_enum_get_value (klass, value);

  return ev != NULL ? ev->value_nick : NULL;
}

static void
add_string (JsonBuilder *b,
            const char  *name,
            const char  *value)
{
  if (value == NULL)
    return;
  json_builder_set_member_name (b, name);
  json_builder_add_string_value (b, value);
}

/**
 * paddock_order_request_to_json:
 *
 * The body of POST /v2/orders, decimals as the strings given. Call it on a request that
 * paddock_order_request_check() accepted.
 *
 * Returns: (transfer full): a JSON object
 */
JsonNode *
paddock_order_request_to_json (PaddockOrderRequest *self)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();

  g_return_val_if_fail (PADDOCK_IS_ORDER_REQUEST (self), NULL);

  json_builder_begin_object (b);
  add_string (b, "symbol", self->symbol);
  add_string (b, "side", enum_nick (PADDOCK_TYPE_ORDER_SIDE, self->side));
  add_string (b, "type", enum_nick (PADDOCK_TYPE_ORDER_TYPE, self->type));
  add_string (b, "time_in_force", enum_nick (PADDOCK_TYPE_TIME_IN_FORCE, self->tif));
  add_string (b, "qty", self->qty);
  add_string (b, "notional", self->notional);
  add_string (b, "limit_price", self->limit_price);
  add_string (b, "stop_price", self->stop_price);
  add_string (b, "trail_price", self->trail_price);
  add_string (b, "trail_percent", self->trail_percent);
  if (self->extended_hours)
    {
      json_builder_set_member_name (b, "extended_hours");
      json_builder_add_boolean_value (b, TRUE);
    }
  add_string (b, "client_order_id", self->client_order_id);
  if (self->order_class != PADDOCK_ORDER_CLASS_SIMPLE)
    add_string (b, "order_class", enum_nick (PADDOCK_TYPE_ORDER_CLASS_KIND, self->order_class));
  if (self->tp_limit != NULL)
    {
      json_builder_set_member_name (b, "take_profit");
      json_builder_begin_object (b);
      add_string (b, "limit_price", self->tp_limit);
      json_builder_end_object (b);
    }
  if (self->sl_stop != NULL)
    {
      json_builder_set_member_name (b, "stop_loss");
      json_builder_begin_object (b);
      add_string (b, "stop_price", self->sl_stop);
      add_string (b, "limit_price", self->sl_limit);
      json_builder_end_object (b);
    }
  json_builder_end_object (b);

  return json_builder_get_root (b);
}
