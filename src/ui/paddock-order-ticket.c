/* paddock-order-ticket.c: the order ticket, a modal window to place one order
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What it does and which keys it takes is in paddock-order-ticket.h. Inside: every change
 * of the form builds a fresh PaddockOrderRequest from the rows that are shown (so a
 * hidden field is never sent) and checks it; the request, with its client_order_id, stays
 * the same until the form changes again, so that trying again after an unknown outcome
 * cannot place a second order (the broker refuses a client_order_id it has seen).
 */
#define G_LOG_DOMAIN "paddock-order-ticket"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "paddock-error.h"
#include "paddock-format.h"
#include "paddock-order-ticket.h"
#include "paddock-trading.h"

/* how long typing must pause before the symbol is looked up */
#define LOOKUP_DELAY_MS 300

struct _PaddockOrderTicket
{
  AdwWindow parent_instance;

  PaddockSession *session;
  PaddockEnvironment environment;

  /* template */
  GtkWidget *cancel_button;
  GtkWidget *review_button;
  GtkWidget *spinner;
  GtkWidget *form;
  GtkWidget *broker_label;
  GtkWidget *symbol_row;
  GtkWidget *asset_row;
  GtkWidget *last_price_label;
  GtkWidget *buy_button;
  GtkWidget *sell_button;
  GtkWidget *type_row;
  GtkWidget *amount_kind_row;
  GtkWidget *qty_row;
  GtkWidget *notional_row;
  GtkWidget *limit_row;
  GtkWidget *stop_row;
  GtkWidget *trail_kind_row;
  GtkWidget *trail_row;
  GtkWidget *tif_row;
  GtkWidget *advanced_row;
  GtkWidget *extended_row;
  GtkWidget *extended_switch;
  GtkWidget *class_row;
  GtkWidget *tp_row;
  GtkWidget *sl_stop_row;
  GtkWidget *sl_limit_row;
  GtkWidget *error_label;
  GtkWidget *estimate_label;
  GtkWidget *buying_power_label;
  GtkWidget *warning_label;

  /* the order as the form says it now */
  PaddockOrderRequest *request;
  gboolean valid;
  PaddockOrderField error_field;
  char *error_message;
  PaddockOrderField unreadable;  /* the first number field that is not a number */
  char *estimate;            /* decimal text, NULL when unknown */
  char *estimate_text;       /* as shown */
  gboolean over_buying_power;
  char *symbol;              /* upper case, NULL when empty */

  /* the symbol looked up */
  GCancellable *lookup_cancellable;
  guint lookup_source;
  char *looked_up;           /* the symbol the asset and price below are about */
  PaddockAsset *asset;
  GError *asset_error;
  char *last_price;

  /* the precaution; 0 turns a check off */
  guint value_above;
  guint percent_away;

  /* confirming and sending */
  AdwMessageDialog *dialog;  /* weak */
  PaddockTicketConfirmation confirmation;
  gboolean submitting;
  GCancellable *submit_cancellable;
  char *broker_error;
  gboolean updating;         /* changing the form from code */
  gboolean disposed;         /* the widgets are gone; callbacks may still come */
};

G_DEFINE_FINAL_TYPE (PaddockOrderTicket, paddock_order_ticket, ADW_TYPE_WINDOW)

enum {
  SIGNAL_PLACED,
  SIGNAL_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* the rows of the lists, in their order in the .ui */
static const PaddockOrderType types[] = {
  PADDOCK_ORDER_TYPE_MARKET, PADDOCK_ORDER_TYPE_LIMIT, PADDOCK_ORDER_TYPE_STOP,
  PADDOCK_ORDER_TYPE_STOP_LIMIT, PADDOCK_ORDER_TYPE_TRAILING_STOP,
};
static const PaddockTimeInForce tifs[] = {
  PADDOCK_TIME_IN_FORCE_DAY, PADDOCK_TIME_IN_FORCE_GTC, PADDOCK_TIME_IN_FORCE_OPG,
  PADDOCK_TIME_IN_FORCE_CLS, PADDOCK_TIME_IN_FORCE_IOC, PADDOCK_TIME_IN_FORCE_FOK,
};
static const PaddockOrderClassKind classes[] = {
  PADDOCK_ORDER_CLASS_SIMPLE, PADDOCK_ORDER_CLASS_BRACKET, PADDOCK_ORDER_CLASS_OCO,
  PADDOCK_ORDER_CLASS_OTO,
};

static void update (PaddockOrderTicket *self,
                    gboolean            form_changed);

/* ---- reading the form --------------------------------------------------------------- */

/* What a text row holds, without surrounding spaces; NULL when empty or hidden */
static char *
row_text (GtkWidget *row)
{
  g_autofree char *text = NULL;

  if (!gtk_widget_get_visible (row))
    return NULL;
  text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
  return *text != '\0' ? g_steal_pointer (&text) : NULL;
}

/* What a number row holds as decimal text, read in the locale's format ("12,50" in German
 * is "12.50"); NULL when empty or hidden. What is not a plain number is left out of the
 * request, never guessed at, and the first such field is kept for check() to name. */
static char *
row_number (PaddockOrderTicket *self,
            GtkWidget          *row,
            PaddockOrderField   field)
{
  g_autofree char *text = row_text (row);
  char *decimal;

  if (text == NULL)
    return NULL;
  decimal = paddock_decimal_from_input (text);
  if (decimal == NULL && self->unreadable == PADDOCK_ORDER_FIELD_NONE)
    self->unreadable = field;
  return decimal;
}

static guint
combo_selected (GtkWidget *row)
{
  return adw_combo_row_get_selected (ADW_COMBO_ROW (row));
}

static PaddockOrderType
form_type (PaddockOrderTicket *self)
{
  guint i = combo_selected (self->type_row);

  return i < G_N_ELEMENTS (types) ? types[i] : PADDOCK_ORDER_TYPE_MARKET;
}

static PaddockTimeInForce
form_tif (PaddockOrderTicket *self)
{
  guint i = combo_selected (self->tif_row);

  return i < G_N_ELEMENTS (tifs) ? tifs[i] : PADDOCK_TIME_IN_FORCE_DAY;
}

static PaddockOrderClassKind
form_class (PaddockOrderTicket *self)
{
  guint i = combo_selected (self->class_row);

  return i < G_N_ELEMENTS (classes) ? classes[i] : PADDOCK_ORDER_CLASS_SIMPLE;
}

static PaddockOrderSide
form_side (PaddockOrderTicket *self)
{
  if (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->sell_button)))
    return PADDOCK_ORDER_SIDE_SELL;
  return PADDOCK_ORDER_SIDE_BUY;
}

static gboolean
form_in_dollars (PaddockOrderTicket *self)
{
  return combo_selected (self->amount_kind_row) == 1;
}

/* Shows the rows the type, the amount and the class need, and only those */
static void
update_visibility (PaddockOrderTicket *self)
{
  PaddockOrderType type = form_type (self);
  PaddockOrderClassKind klass = form_class (self);
  gboolean legs = klass != PADDOCK_ORDER_CLASS_SIMPLE;

  gtk_widget_set_visible (self->qty_row, !form_in_dollars (self));
  gtk_widget_set_visible (self->notional_row, form_in_dollars (self));
  gtk_widget_set_visible (self->limit_row, type == PADDOCK_ORDER_TYPE_LIMIT ||
                                           type == PADDOCK_ORDER_TYPE_STOP_LIMIT);
  gtk_widget_set_visible (self->stop_row, type == PADDOCK_ORDER_TYPE_STOP ||
                                          type == PADDOCK_ORDER_TYPE_STOP_LIMIT);
  gtk_widget_set_visible (self->trail_kind_row, type == PADDOCK_ORDER_TYPE_TRAILING_STOP);
  gtk_widget_set_visible (self->trail_row, type == PADDOCK_ORDER_TYPE_TRAILING_STOP);
  gtk_widget_set_visible (self->tp_row, legs);
  gtk_widget_set_visible (self->sl_stop_row, legs);
  gtk_widget_set_visible (self->sl_limit_row, legs);
}

static PaddockOrderRequest *
build_request (PaddockOrderTicket *self)
{
  PaddockOrderRequest *request = paddock_order_request_new ();
  gboolean percent = combo_selected (self->trail_kind_row) == 1;
  g_autofree char *qty = NULL;
  g_autofree char *notional = NULL;
  g_autofree char *limit = NULL;
  g_autofree char *stop = NULL;
  g_autofree char *trail = NULL;
  g_autofree char *tp = NULL;
  g_autofree char *sl_stop = NULL;
  g_autofree char *sl_limit = NULL;

  /* in the form's order, so that the first unreadable field is the one named */
  self->unreadable = PADDOCK_ORDER_FIELD_NONE;
  qty = row_number (self, self->qty_row, PADDOCK_ORDER_FIELD_QTY);
  notional = row_number (self, self->notional_row, PADDOCK_ORDER_FIELD_NOTIONAL);
  limit = row_number (self, self->limit_row, PADDOCK_ORDER_FIELD_LIMIT_PRICE);
  stop = row_number (self, self->stop_row, PADDOCK_ORDER_FIELD_STOP_PRICE);
  trail = row_number (self, self->trail_row, percent ? PADDOCK_ORDER_FIELD_TRAIL_PERCENT
                                                     : PADDOCK_ORDER_FIELD_TRAIL_PRICE);
  tp = row_number (self, self->tp_row, PADDOCK_ORDER_FIELD_TAKE_PROFIT_LIMIT_PRICE);
  sl_stop = row_number (self, self->sl_stop_row, PADDOCK_ORDER_FIELD_STOP_LOSS_STOP_PRICE);
  sl_limit = row_number (self, self->sl_limit_row, PADDOCK_ORDER_FIELD_STOP_LOSS_LIMIT_PRICE);

  paddock_order_request_set_symbol (request, self->symbol);
  paddock_order_request_set_side (request, form_side (self));
  paddock_order_request_set_kind (request, form_type (self));
  paddock_order_request_set_qty (request, qty);
  paddock_order_request_set_notional (request, notional);
  paddock_order_request_set_limit_price (request, limit);
  paddock_order_request_set_stop_price (request, stop);
  if (percent)
    paddock_order_request_set_trail_percent (request, trail);
  else
    paddock_order_request_set_trail_price (request, trail);
  paddock_order_request_set_time_in_force (request, form_tif (self));
  paddock_order_request_set_extended_hours (request,
                                            gtk_switch_get_active (GTK_SWITCH (self->extended_switch)));
  paddock_order_request_set_order_class (request, form_class (self));
  paddock_order_request_set_take_profit (request, tp);
  paddock_order_request_set_stop_loss (request, sl_stop, sl_limit);
  return request;
}

static GtkWidget *
row_for_field (PaddockOrderTicket *self,
               PaddockOrderField   field)
{
  switch (field)
    {
    case PADDOCK_ORDER_FIELD_SYMBOL: return self->symbol_row;
    case PADDOCK_ORDER_FIELD_TYPE: return self->type_row;
    case PADDOCK_ORDER_FIELD_QTY: return self->qty_row;
    case PADDOCK_ORDER_FIELD_NOTIONAL:
      /* "a quantity or a dollar amount" is about the amount shown */
      return form_in_dollars (self) ? self->notional_row : self->qty_row;
    case PADDOCK_ORDER_FIELD_LIMIT_PRICE: return self->limit_row;
    case PADDOCK_ORDER_FIELD_STOP_PRICE: return self->stop_row;
    case PADDOCK_ORDER_FIELD_TRAIL_PRICE:
    case PADDOCK_ORDER_FIELD_TRAIL_PERCENT: return self->trail_row;
    case PADDOCK_ORDER_FIELD_TIME_IN_FORCE: return self->tif_row;
    case PADDOCK_ORDER_FIELD_EXTENDED_HOURS: return self->extended_row;
    case PADDOCK_ORDER_FIELD_ORDER_CLASS: return self->class_row;
    case PADDOCK_ORDER_FIELD_TAKE_PROFIT_LIMIT_PRICE: return self->tp_row;
    case PADDOCK_ORDER_FIELD_STOP_LOSS_STOP_PRICE: return self->sl_stop_row;
    case PADDOCK_ORDER_FIELD_STOP_LOSS_LIMIT_PRICE: return self->sl_limit_row;
    case PADDOCK_ORDER_FIELD_SIDE: return self->buy_button;
    case PADDOCK_ORDER_FIELD_CLIENT_ORDER_ID:
    case PADDOCK_ORDER_FIELD_NONE:
    default:
      return NULL;
    }
}

/* ---- checking ----------------------------------------------------------------------- */

static void
set_error (PaddockOrderTicket *self,
           PaddockOrderField   field,
           const char         *message)
{
  self->valid = FALSE;
  self->error_field = field;
  g_free (self->error_message);
  self->error_message = g_strdup (message);
}

/* What the broker's rules say, then what the asset says */
static void
check (PaddockOrderTicket *self)
{
  g_autoptr (GError) error = NULL;
  PaddockOrderField field = PADDOCK_ORDER_FIELD_NONE;

  self->valid = TRUE;
  self->error_field = PADDOCK_ORDER_FIELD_NONE;
  g_clear_pointer (&self->error_message, g_free);

  /* a number that could not be read is named first: the request does not have it */
  if (self->unreadable != PADDOCK_ORDER_FIELD_NONE)
    {
      paddock_order_set_not_a_number_error (self->unreadable, &error);
      set_error (self, self->unreadable, error->message);
      return;
    }
  if (!paddock_order_request_check (self->request, &field, &error))
    {
      set_error (self, field, error->message);
      return;
    }

  /* the asset, once it is known to be this symbol's */
  if (g_strcmp0 (self->looked_up, self->symbol) != 0)
    return;
  if (g_error_matches (self->asset_error, PADDOCK_ERROR, PADDOCK_ERROR_NOT_FOUND))
    {
      g_autofree char *message = NULL;

      /* Translators: %s is what the person typed as a stock symbol */
      message = g_strdup_printf (_("There is no asset with the symbol %s."), self->symbol);
      set_error (self, PADDOCK_ORDER_FIELD_SYMBOL, message);
      return;
    }
  if (self->asset == NULL)
    return;
  if (!paddock_asset_get_tradable (self->asset))
    {
      g_autofree char *message = NULL;

      /* Translators: %s is a stock symbol */
      message = g_strdup_printf (_("%s cannot be traded."), self->symbol);
      set_error (self, PADDOCK_ORDER_FIELD_SYMBOL, message);
      return;
    }
  if (!paddock_asset_get_fractionable (self->asset))
    {
      const char *qty = paddock_order_request_get_qty (self->request);

      if (paddock_order_request_get_notional (self->request) != NULL)
        {
          g_autofree char *message = NULL;

          /* Translators: %s is a stock symbol */
          message = g_strdup_printf (_("%s is traded in whole shares only: give a number of "
                                       "shares."), self->symbol);
          set_error (self, PADDOCK_ORDER_FIELD_NOTIONAL, message);
          return;
        }
      if (qty != NULL && strchr (qty, '.') != NULL)
        {
          g_autofree char *rest = g_strdup (strchr (qty, '.') + 1);

          g_strdelimit (rest, "0", ' ');
          g_strstrip (rest);
          if (*rest != '\0')
            {
              g_autofree char *message = NULL;

              /* Translators: %s is a stock symbol */
              message = g_strdup_printf (_("%s is traded in whole shares only."), self->symbol);
              set_error (self, PADDOCK_ORDER_FIELD_QTY, message);
              return;
            }
        }
    }
}

/* The price one share is estimated at: the limit, the stop, or the last trade's */
static const char *
estimate_price (PaddockOrderTicket *self)
{
  const char *limit = paddock_order_request_get_limit_price (self->request);
  const char *stop = paddock_order_request_get_stop_price (self->request);

  if (limit != NULL && paddock_decimal_is_valid (limit))
    return limit;
  if (stop != NULL && paddock_decimal_is_valid (stop))
    return stop;
  if (self->last_price != NULL && g_strcmp0 (self->looked_up, self->symbol) == 0)
    return self->last_price;
  return NULL;
}

static const char *
currency (PaddockOrderTicket *self)
{
  PaddockAccount *account = paddock_session_get_account (self->session);

  return account != NULL ? paddock_account_get_currency (account) : NULL;
}

static void
update_summary (PaddockOrderTicket *self)
{
  PaddockAccount *account = paddock_session_get_account (self->session);
  const char *buying_power = account != NULL ? paddock_account_get_buying_power (account) : NULL;
  const char *notional = paddock_order_request_get_notional (self->request);
  const char *qty = paddock_order_request_get_qty (self->request);
  const char *price = estimate_price (self);
  gboolean buy = form_side (self) == PADDOCK_ORDER_SIDE_BUY;
  GtkWidget *estimate_row = gtk_widget_get_ancestor (self->estimate_label, ADW_TYPE_ACTION_ROW);
  g_autofree char *bp_text = NULL;

  g_clear_pointer (&self->estimate, g_free);
  g_clear_pointer (&self->estimate_text, g_free);
  if (notional != NULL && paddock_decimal_is_valid (notional))
    self->estimate = g_strdup (notional);
  else if (qty != NULL && price != NULL && paddock_decimal_is_valid (qty))
    self->estimate = paddock_decimal_mul (qty, price);

  self->estimate_text = self->estimate != NULL ? paddock_format_money (self->estimate, currency (self))
                                               : g_strdup ("—");
  gtk_label_set_label (GTK_LABEL (self->estimate_label), self->estimate_text);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (estimate_row),
                                 buy ? _("Estimated Cost") : _("Estimated Proceeds"));

  bp_text = buying_power != NULL && paddock_decimal_is_valid (buying_power)
              ? paddock_format_money (buying_power, currency (self)) : g_strdup ("—");
  gtk_label_set_label (GTK_LABEL (self->buying_power_label), bp_text);

  self->over_buying_power = buy && self->estimate != NULL && buying_power != NULL &&
                            paddock_decimal_is_valid (buying_power) &&
                            paddock_decimal_compare (self->estimate, buying_power) > 0;
  if (self->over_buying_power)
    {
      g_autofree char *text =
        /* Translators: %s is an amount of money, e.g. "$12,000.00" */
        g_strdup_printf (_("This order costs more than your buying power of %s: the broker "
                           "will likely refuse it."), bp_text);

      gtk_label_set_label (GTK_LABEL (self->warning_label), text);
      gtk_widget_add_css_class (self->estimate_label, "warning");
    }
  else
    gtk_widget_remove_css_class (self->estimate_label, "warning");
  gtk_widget_set_visible (self->warning_label, self->over_buying_power);
}

static void
update_asset_row (PaddockOrderTicket *self)
{
  gboolean current = self->symbol != NULL && g_strcmp0 (self->looked_up, self->symbol) == 0;
  g_autoptr (GString) subtitle = g_string_new (NULL);
  g_autofree char *price = NULL;

  if (!current || (self->asset == NULL && self->asset_error == NULL))
    {
      gtk_widget_set_visible (self->asset_row, FALSE);
      return;
    }

  if (self->asset == NULL)
    {
      if (g_error_matches (self->asset_error, PADDOCK_ERROR, PADDOCK_ERROR_NOT_FOUND))
        adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->asset_row), _("Unknown Symbol"));
      else
        adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->asset_row),
                                       _("The asset could not be looked up"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (self->asset_row),
                                   g_error_matches (self->asset_error, PADDOCK_ERROR,
                                                    PADDOCK_ERROR_NOT_FOUND)
                                     ? "" : self->asset_error->message);
      gtk_label_set_label (GTK_LABEL (self->last_price_label), "");
      gtk_widget_set_visible (self->asset_row, TRUE);
      return;
    }

  if (paddock_asset_get_exchange (self->asset) != NULL)
    g_string_append (subtitle, paddock_asset_get_exchange (self->asset));
#define BADGE(text) G_STMT_START { \
    if (subtitle->len > 0) g_string_append (subtitle, " · "); \
    g_string_append (subtitle, text); } G_STMT_END
  BADGE (paddock_asset_get_tradable (self->asset) ? _("Tradable") : _("Not tradable"));
  BADGE (paddock_asset_get_fractionable (self->asset) ? _("Fractionable") : _("Whole shares only"));
  BADGE (paddock_asset_get_shortable (self->asset) ? _("Shortable") : _("Not shortable"));
#undef BADGE

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->asset_row),
                                 paddock_asset_get_name (self->asset) != NULL
                                   ? paddock_asset_get_name (self->asset)
                                   : paddock_asset_get_symbol (self->asset));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self->asset_row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->asset_row), subtitle->str);
  price = self->last_price != NULL ? paddock_format_money (self->last_price, currency (self))
                                   : g_strdup ("");
  gtk_label_set_label (GTK_LABEL (self->last_price_label), price);
  gtk_widget_set_tooltip_text (self->last_price_label,
                               self->last_price != NULL ? _("Last trade") : NULL);
  gtk_widget_set_visible (self->asset_row, TRUE);
}

static const char *error_rows[] = { "symbol_row", "type_row", "qty_row", "notional_row",
                                    "limit_row", "stop_row", "trail_row", "tif_row",
                                    "extended_row", "class_row", "tp_row", "sl_stop_row",
                                    "sl_limit_row", "buy_button" };

/* Brings everything shown up to date with the form; @form_changed: the person (or a
 * prefill) changed it, so the order is a new one */
static void
update (PaddockOrderTicket *self,
        gboolean            form_changed)
{
  GtkWidget *error_row;

  if (self->disposed)
    return;
  if (form_changed || self->request == NULL)
    {
      update_visibility (self);
      g_set_object (&self->request, NULL);
      self->request = build_request (self);
    }

  check (self);

  for (guint i = 0; i < G_N_ELEMENTS (error_rows); i++)
    {
      GObject *row = gtk_widget_get_template_child (GTK_WIDGET (self),
                                                      PADDOCK_TYPE_ORDER_TICKET, error_rows[i]);

      if (row != NULL)
        gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
    }
  error_row = self->valid ? NULL : row_for_field (self, self->error_field);
  /* nothing typed yet is not an error to paint: the message says what is missing */
  if (error_row != NULL &&
      !(self->error_field == PADDOCK_ORDER_FIELD_SYMBOL && self->symbol == NULL))
    gtk_widget_add_css_class (error_row, "error");
  gtk_label_set_label (GTK_LABEL (self->error_label),
                       self->error_message != NULL ? self->error_message : "");
  gtk_widget_set_visible (self->error_label, self->error_message != NULL);

  gtk_widget_set_sensitive (self->review_button, self->valid && !self->submitting);
  update_asset_row (self);
  update_summary (self);

  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

/* ---- the symbol's asset and price --------------------------------------------------- */

/* The lookups hold the ticket weakly: closing it lets it go at once (a window kept alive
 * by a callback would outlive its parent) */
static GWeakRef *
weak_ref_new (gpointer object)
{
  GWeakRef *weak = g_new0 (GWeakRef, 1);

  g_weak_ref_init (weak, object);
  return weak;
}

static PaddockOrderTicket *
weak_ref_steal (GWeakRef *weak)
{
  PaddockOrderTicket *self = g_weak_ref_get (weak);

  g_weak_ref_clear (weak);
  g_free (weak);
  return self;
}

static void
asset_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr (PaddockOrderTicket) self = weak_ref_steal (user_data);
  g_autoptr (GError) error = NULL;
  g_autoptr (PaddockAsset) asset = NULL;

  asset = paddock_asset_lookup_finish (PADDOCK_CLIENT (object), result, &error);
  if (self == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_set_object (&self->asset, asset);
  g_clear_error (&self->asset_error);
  self->asset_error = g_steal_pointer (&error);
  update (self, FALSE);
}

static void
trade_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr (PaddockOrderTicket) self = weak_ref_steal (user_data);
  g_autoptr (GError) error = NULL;
  g_autoptr (PaddockTrade) trade = NULL;

  trade = paddock_asset_latest_trade_finish (PADDOCK_CLIENT (object), result, &error);
  if (self == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (trade == NULL)
    g_debug ("No last price for %s: %s", self->looked_up, error->message);
  g_free (self->last_price);
  self->last_price = trade != NULL ? g_strdup (trade->price) : NULL;
  update (self, FALSE);
}

static gboolean
lookup_cb (gpointer user_data)
{
  PaddockOrderTicket *self = user_data;

  self->lookup_source = 0;
  if (self->symbol == NULL)
    return G_SOURCE_REMOVE;

  self->lookup_cancellable = g_cancellable_new ();
  g_free (self->looked_up);
  self->looked_up = g_strdup (self->symbol);
  paddock_asset_lookup_async (paddock_session_get_client (self->session), self->symbol,
                              self->lookup_cancellable, asset_cb, weak_ref_new (self));
  paddock_asset_latest_trade_async (paddock_session_get_data_client (self->session),
                                    self->symbol, self->lookup_cancellable, trade_cb,
                                    weak_ref_new (self));
  return G_SOURCE_REMOVE;
}

/* The symbol changed: forget the old asset, look the new one up once typing pauses */
static void
symbol_changed (PaddockOrderTicket *self)
{
  g_autofree char *text = row_text (self->symbol_row);
  g_autofree char *symbol = text != NULL ? g_ascii_strup (text, -1) : NULL;

  if (g_strcmp0 (symbol, self->symbol) == 0)
    return;
  g_free (self->symbol);
  self->symbol = g_steal_pointer (&symbol);

  g_clear_handle_id (&self->lookup_source, g_source_remove);
  g_cancellable_cancel (self->lookup_cancellable);
  g_clear_object (&self->lookup_cancellable);
  g_clear_pointer (&self->looked_up, g_free);
  g_clear_object (&self->asset);
  g_clear_error (&self->asset_error);
  g_clear_pointer (&self->last_price, g_free);

  if (self->symbol != NULL)
    {
      self->lookup_source = g_timeout_add (LOOKUP_DELAY_MS, lookup_cb, self);
      g_source_set_name_by_id (self->lookup_source, "[paddock] look up symbol");
    }
}

/* ---- the summary sentence ----------------------------------------------------------- */

static char *
money (PaddockOrderTicket *self,
       const char         *decimal)
{
  return paddock_format_money (decimal, currency (self));
}

/**
 * paddock_order_ticket_dup_summary:
 *
 * The order in one sentence, e.g. "Buy 10 AAPL at market, day order."
 *
 * Returns: (transfer full): the sentence, or %NULL while the order is not valid
 */
char *
paddock_order_ticket_dup_summary (PaddockOrderTicket *self)
{
  PaddockOrderRequest *r;
  g_autoptr (GString) s = g_string_new (NULL);
  g_autofree char *amount = NULL;
  g_autofree char *price = NULL;
  const char *tif;
  gboolean buy;

  g_return_val_if_fail (PADDOCK_IS_ORDER_TICKET (self), NULL);

  if (!self->valid)
    return NULL;
  r = self->request;
  buy = paddock_order_request_get_side (r) == PADDOCK_ORDER_SIDE_BUY;

  if (paddock_order_request_get_notional (r) != NULL)
    {
      g_autofree char *dollars = money (self, paddock_order_request_get_notional (r));

      amount = buy
        /* Translators: "Buy $500.00 of AAPL"; the first %s is money, the second a symbol */
        ? g_strdup_printf (_("Buy %s of %s"), dollars, paddock_order_request_get_symbol (r))
        /* Translators: "Sell $500.00 of AAPL" */
        : g_strdup_printf (_("Sell %s of %s"), dollars, paddock_order_request_get_symbol (r));
    }
  else
    {
      g_autofree char *qty = paddock_format_quantity (paddock_order_request_get_qty (r));

      amount = buy
        /* Translators: "Buy 10 AAPL"; the first %s is a number of shares, the second a symbol */
        ? g_strdup_printf (_("Buy %s %s"), qty, paddock_order_request_get_symbol (r))
        /* Translators: "Sell 10 AAPL" */
        : g_strdup_printf (_("Sell %s %s"), qty, paddock_order_request_get_symbol (r));
    }

  switch (paddock_order_request_get_kind (r))
    {
    case PADDOCK_ORDER_TYPE_LIMIT:
      {
        g_autofree char *limit = money (self, paddock_order_request_get_limit_price (r) != NULL
                                                ? paddock_order_request_get_limit_price (r)
                                                : paddock_order_request_get_take_profit (r));

        /* Translators: follows "Buy 10 AAPL"; %s is a price */
        price = g_strdup_printf (_("with a limit of %s"), limit);
      }
      break;
    case PADDOCK_ORDER_TYPE_STOP:
      {
        g_autofree char *stop = money (self, paddock_order_request_get_stop_price (r));

        /* Translators: follows "Buy 10 AAPL"; %s is a price */
        price = g_strdup_printf (_("with a stop at %s"), stop);
      }
      break;
    case PADDOCK_ORDER_TYPE_STOP_LIMIT:
      {
        g_autofree char *stop = money (self, paddock_order_request_get_stop_price (r));
        g_autofree char *limit = money (self, paddock_order_request_get_limit_price (r));

        /* Translators: follows "Buy 10 AAPL"; both %s are prices */
        price = g_strdup_printf (_("with a stop at %s and a limit of %s"), stop, limit);
      }
      break;
    case PADDOCK_ORDER_TYPE_TRAILING_STOP:
      if (paddock_order_request_get_trail_percent (r) != NULL)
        /* Translators: follows "Sell 10 AAPL"; %s is a number, e.g. 1.5 */
        price = g_strdup_printf (_("with a stop trailing by %s%%"),
                                 paddock_order_request_get_trail_percent (r));
      else
        {
          g_autofree char *trail = money (self, paddock_order_request_get_trail_price (r));

          /* Translators: follows "Sell 10 AAPL"; %s is an amount of money */
          price = g_strdup_printf (_("with a stop trailing by %s"), trail);
        }
      break;
    case PADDOCK_ORDER_TYPE_MARKET:
    case PADDOCK_ORDER_TYPE_UNKNOWN:
    default:
      price = g_strdup (_("at market"));
      break;
    }

  switch (paddock_order_request_get_time_in_force (r))
    {
    case PADDOCK_TIME_IN_FORCE_GTC: tif = _("good till canceled"); break;
    case PADDOCK_TIME_IN_FORCE_OPG: tif = _("at the open"); break;
    case PADDOCK_TIME_IN_FORCE_CLS: tif = _("at the close"); break;
    case PADDOCK_TIME_IN_FORCE_IOC: tif = _("immediate or cancel"); break;
    case PADDOCK_TIME_IN_FORCE_FOK: tif = _("fill or kill"); break;
    case PADDOCK_TIME_IN_FORCE_DAY:
    case PADDOCK_TIME_IN_FORCE_UNKNOWN:
    default:
      tif = _("day order");
      break;
    }

  /* Translators: "Buy 10 AAPL" "at market", "day order" */
  g_string_printf (s, _("%s %s, %s"), amount, price, tif);
  if (paddock_order_request_get_extended_hours (r))
    g_string_append_printf (s, _(", extended hours"));

  switch (paddock_order_request_get_order_class (r))
    {
    case PADDOCK_ORDER_CLASS_BRACKET:
    case PADDOCK_ORDER_CLASS_OCO:
    case PADDOCK_ORDER_CLASS_OTO:
      if (paddock_order_request_get_take_profit (r) != NULL)
        {
          g_autofree char *tp = money (self, paddock_order_request_get_take_profit (r));

          /* Translators: %s is a price */
          g_string_append_printf (s, _("; take profit at %s"), tp);
        }
      if (paddock_order_request_get_stop_loss_stop (r) != NULL)
        {
          g_autofree char *sl = money (self, paddock_order_request_get_stop_loss_stop (r));

          /* Translators: %s is a price */
          g_string_append_printf (s, _("; stop loss at %s"), sl);
        }
      if (paddock_order_request_get_stop_loss_limit (r) != NULL)
        {
          g_autofree char *sll = money (self, paddock_order_request_get_stop_loss_limit (r));

          /* Translators: %s is a price */
          g_string_append_printf (s, _(" with a limit of %s"), sll);
        }
      break;
    case PADDOCK_ORDER_CLASS_SIMPLE:
    case PADDOCK_ORDER_CLASS_UNKNOWN:
    case PADDOCK_ORDER_CLASS_MLEG:
    default:
      break;
    }
  g_string_append (s, ".");
  return g_string_free (g_steal_pointer (&s), FALSE);
}

/* ---- confirming and sending --------------------------------------------------------- */

static void
set_submitting (PaddockOrderTicket *self,
                gboolean            submitting)
{
  self->submitting = submitting;
  gtk_widget_set_visible (self->spinner, submitting);
  gtk_spinner_set_spinning (GTK_SPINNER (self->spinner), submitting);
  gtk_widget_set_sensitive (self->form, !submitting);
  gtk_widget_set_sensitive (self->cancel_button, !submitting);
  gtk_widget_set_sensitive (self->review_button, self->valid && !submitting);
}

static void
show_broker_error (PaddockOrderTicket *self,
                   const char         *text)
{
  g_free (self->broker_error);
  self->broker_error = g_strdup (text);
  gtk_label_set_label (GTK_LABEL (self->broker_label), text != NULL ? text : "");
  gtk_widget_set_visible (self->broker_label, text != NULL);
}

static void
submit_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr (PaddockOrderTicket) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (PaddockOrder) order = NULL;
  gboolean reply_lost = FALSE;

  order = paddock_trading_submit_finish (PADDOCK_CLIENT (object), result, &reply_lost, &error);
  g_clear_object (&self->submit_cancellable);
  if (self->disposed)
    {
      /* closed with its parent meanwhile: the order still gets its toast */
      if (order != NULL)
        g_signal_emit (self, signals[SIGNAL_PLACED], 0, order, reply_lost);
      return;
    }
  set_submitting (self, FALSE);

  if (order != NULL)
    {
      g_signal_emit (self, signals[SIGNAL_PLACED], 0, order, reply_lost);
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }

  if (g_error_matches (error, PADDOCK_ERROR, PADDOCK_ERROR_OUTCOME_UNKNOWN))
    {
      g_autofree char *text =
        g_strdup_printf (_("Paddock cannot tell whether the order was placed. Check the "
                           "Orders page before you try again.\n%s"), error->message);

      show_broker_error (self, text);
    }
  else if (g_error_matches (error, PADDOCK_ERROR, PADDOCK_ERROR_REJECTED) ||
           paddock_error_get_http_status (error) >= 400)
    {
      g_autofree char *text =
        /* Translators: %s is the broker's own message, e.g. "insufficient buying power" */
        g_strdup_printf (_("The broker refused the order: %s"), error->message);

      show_broker_error (self, text);
    }
  else
    {
      g_autofree char *text =
        /* Translators: %s says what went wrong */
        g_strdup_printf (_("The order was not placed: %s"), error->message);

      show_broker_error (self, text);
    }
  update (self, FALSE);
}

static void
submit (PaddockOrderTicket *self)
{
  if (!self->valid || self->submitting)
    return;
  show_broker_error (self, NULL);
  set_submitting (self, TRUE);
  self->submit_cancellable = g_cancellable_new ();
  paddock_trading_submit_async (paddock_session_get_client (self->session), self->request,
                                self->submit_cancellable, submit_cb, g_object_ref (self));
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

/* Why the precaution asks again, or NULL */
static char *
precaution_reasons (PaddockOrderTicket *self)
{
  g_autoptr (GString) reasons = g_string_new (NULL);
  const char *prices[2] = { paddock_order_request_get_limit_price (self->request),
                            paddock_order_request_get_stop_price (self->request) };
  const char *last = g_strcmp0 (self->looked_up, self->symbol) == 0 ? self->last_price : NULL;

  if (self->value_above > 0 && self->estimate != NULL)
    {
      g_autofree char *limit = g_strdup_printf ("%u", self->value_above);

      if (paddock_decimal_compare (self->estimate, limit) > 0)
        {
          g_autofree char *value = money (self, self->estimate);
          g_autofree char *limit_text = money (self, limit);

          /* Translators: both %s are amounts of money */
          g_string_append_printf (reasons, _("This order is worth about %s, more than %s."),
                                  value, limit_text);
        }
    }

  if (self->percent_away > 0 && last != NULL && paddock_decimal_is_valid (last))
    for (guint i = 0; i < G_N_ELEMENTS (prices); i++)
      {
        g_autofree char *diff = NULL;
        g_autofree char *scaled_diff = NULL;
        g_autofree char *percent = NULL;
        g_autofree char *allowed = NULL;

        if (prices[i] == NULL || !paddock_decimal_is_valid (prices[i]))
          continue;
        /* |price − last| × 100 > N × last */
        diff = paddock_decimal_sub (prices[i], last);
        if (diff[0] == '-')
          memmove (diff, diff + 1, strlen (diff));
        scaled_diff = paddock_decimal_mul (diff, "100");
        percent = g_strdup_printf ("%u", self->percent_away);
        allowed = paddock_decimal_mul (percent, last);
        if (paddock_decimal_compare (scaled_diff, allowed) > 0)
          {
            g_autofree char *price_text = money (self, prices[i]);
            g_autofree char *last_text = money (self, last);

            if (reasons->len > 0)
              g_string_append_c (reasons, '\n');
            g_string_append_printf (reasons,
                                    i == 0
                                      /* Translators: "The limit price $150.00 is more than 5 % away from the last price, $189.25." */
                                      ? _("The limit price %s is more than %u%% away from the last price, %s.")
                                      /* Translators: as above, for the stop price */
                                      : _("The stop price %s is more than %u%% away from the last price, %s."),
                                    price_text, self->percent_away, last_text);
          }
      }

  return reasons->len > 0 ? g_string_free (g_steal_pointer (&reasons), FALSE) : NULL;
}

static void
dialog_gone (PaddockOrderTicket *self)
{
  self->dialog = NULL;
  self->confirmation = PADDOCK_TICKET_CONFIRMATION_NONE;
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

static void show_dialog (PaddockOrderTicket        *self,
                         PaddockTicketConfirmation  kind);

static void
response_cb (AdwMessageDialog   *dialog,
             const char         *response,
             PaddockOrderTicket *self)
{
  PaddockTicketConfirmation kind = self->confirmation;

  if (self->dialog == dialog)
    {
      g_object_remove_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->dialog);
      dialog_gone (self);
    }
  if (g_strcmp0 (response, "place") != 0)
    return;

  if (kind != PADDOCK_TICKET_CONFIRMATION_PRECAUTION)
    {
      g_autofree char *reasons = precaution_reasons (self);

      if (reasons != NULL)
        {
          show_dialog (self, PADDOCK_TICKET_CONFIRMATION_PRECAUTION);
          return;
        }
    }
  submit (self);
}

static const char *
environment_name (PaddockEnvironment environment)
{
  switch (environment)
    {
    case PADDOCK_ENVIRONMENT_LIVE: return _("Live");
    case PADDOCK_ENVIRONMENT_PAPER: return _("Paper");
    case PADDOCK_ENVIRONMENT_DEMO:
    default:
      return _("Demo");
    }
}

static void
show_dialog (PaddockOrderTicket        *self,
             PaddockTicketConfirmation  kind)
{
  g_autofree char *summary = paddock_order_ticket_dup_summary (self);
  g_autoptr (GString) body = g_string_new (summary);
  AdwMessageDialog *dialog;
  const char *heading;
  const char *place;
  gboolean live = self->environment == PADDOCK_ENVIRONMENT_LIVE;

  if (self->estimate != NULL)
    {
      g_autofree char *value = money (self, self->estimate);

      g_string_append (body, "\n\n");
      g_string_append_printf (body,
                              form_side (self) == PADDOCK_ORDER_SIDE_BUY
                                /* Translators: %s is an amount of money */
                                ? _("Estimated cost: %s") : _("Estimated proceeds: %s"),
                              value);
    }
  g_string_append (body, "\n\n");

  switch (kind)
    {
    case PADDOCK_TICKET_CONFIRMATION_PRECAUTION:
      {
        g_autofree char *reasons = precaution_reasons (self);

        heading = _("Place This Order Anyway?");
        g_string_printf (body, "%s\n\n%s", reasons != NULL ? reasons : "", summary);
        place = live ? _("Place _Live Order Anyway") : _("Place Order _Anyway");
      }
      break;
    case PADDOCK_TICKET_CONFIRMATION_LIVE:
      heading = _("Place a Live Order?");
      /* Translators: %s is the environment's name, "Live" */
      g_string_append_printf (body, _("This order uses real money in your %s account."),
                              environment_name (self->environment));
      place = _("Place _Live Order");
      break;
    case PADDOCK_TICKET_CONFIRMATION_CONFIRM:
    case PADDOCK_TICKET_CONFIRMATION_NONE:
    default:
      heading = _("Place This Order?");
      if (self->environment == PADDOCK_ENVIRONMENT_PAPER)
        g_string_append (body, _("Paper account: simulated money."));
      else
        g_string_append (body, _("Demo brokerage: nothing real is traded."));
      place = _("_Place Order");
      break;
    }

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), heading, body->str));
  gtk_widget_set_name (GTK_WIDGET (dialog), "ticket-confirmation");
  adw_message_dialog_add_responses (dialog, "cancel", _("_Back"), "place", place, NULL);
  adw_message_dialog_set_response_appearance (dialog, "place",
                                              live || kind == PADDOCK_TICKET_CONFIRMATION_PRECAUTION
                                                ? ADW_RESPONSE_DESTRUCTIVE
                                                : ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "place");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (response_cb), self, 0);

  self->dialog = dialog;
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->dialog);
  self->confirmation = kind;
  gtk_window_present (GTK_WINDOW (dialog));
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

static void
review (PaddockOrderTicket *self)
{
  if (!self->valid || self->submitting || self->dialog != NULL)
    return;
  show_dialog (self, self->environment == PADDOCK_ENVIRONMENT_LIVE
                       ? PADDOCK_TICKET_CONFIRMATION_LIVE
                       : PADDOCK_TICKET_CONFIRMATION_CONFIRM);
}

/* ---- template callbacks ------------------------------------------------------------- */

static void
form_changed_cb (PaddockOrderTicket *self)
{
  if (self->updating)
    return;
  symbol_changed (self);
  update (self, TRUE);
}

static void
entry_activated_cb (PaddockOrderTicket *self)
{
  review (self);
}

static void
review_clicked_cb (PaddockOrderTicket *self)
{
  review (self);
}

static void
account_changed_cb (PaddockOrderTicket *self)
{
  update (self, FALSE);
}

/* ---- keyboard ----------------------------------------------------------------------- */

/* Tab and Shift+Tab go through every control shown, in the order of paddock-order-ticket.h
 * (a GtkListBox alone would take Tab out of the list after its first row) */
static void
paddock_order_ticket_move_focus (GtkWidget        *widget,
                                 GtkDirectionType  direction)
{
  PaddockOrderTicket *self = PADDOCK_ORDER_TICKET (widget);
  gboolean expanded = adw_expander_row_get_expanded (ADW_EXPANDER_ROW (self->advanced_row));
  GtkWidget *chain[] = {
    self->symbol_row, self->buy_button, self->sell_button, self->type_row,
    self->amount_kind_row, self->qty_row, self->notional_row, self->limit_row, self->stop_row,
    self->trail_kind_row, self->trail_row, self->tif_row, self->advanced_row,
    expanded ? self->extended_row : NULL, expanded ? self->class_row : NULL,
    expanded ? self->tp_row : NULL, expanded ? self->sl_stop_row : NULL,
    expanded ? self->sl_limit_row : NULL, self->cancel_button, self->review_button,
  };
  guint n = G_N_ELEMENTS (chain);
  GtkWidget *focus = gtk_window_get_focus (GTK_WINDOW (self));
  int current = -1;

  if (direction != GTK_DIR_TAB_FORWARD && direction != GTK_DIR_TAB_BACKWARD)
    {
      GTK_WIDGET_CLASS (paddock_order_ticket_parent_class)->move_focus (widget, direction);
      return;
    }

  /* the last one holding the focus: Advanced holds its own rows */
  for (guint i = 0; i < n; i++)
    if (chain[i] != NULL && focus != NULL &&
        (focus == chain[i] || gtk_widget_is_ancestor (focus, chain[i])))
      current = i;

  for (guint step = 1; step <= n; step++)
    {
      int i = current < 0 ? (direction == GTK_DIR_TAB_FORWARD ? (int) step - 1 : (int) (n - step))
                          : (direction == GTK_DIR_TAB_FORWARD ? (current + (int) step) % (int) n
                                                              : (current - (int) step + (int) n) % (int) n);
      GtkWidget *target = chain[i];

      if (target == NULL || !gtk_widget_is_visible (target) || !gtk_widget_is_sensitive (target))
        continue;
      if (gtk_widget_grab_focus (target) ||
          gtk_widget_child_focus (target, GTK_DIR_TAB_FORWARD))
        return;
    }
}

/* ---- GObject ------------------------------------------------------------------------ */

/* Closed (gtk_window_destroy() hides it first): let go of the parent now, in case the
 * order on its way keeps the ticket alive past the parent */
static void
paddock_order_ticket_hide (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (paddock_order_ticket_parent_class)->hide (widget);
  gtk_window_set_transient_for (GTK_WINDOW (widget), NULL);
}

static gboolean
paddock_order_ticket_close_request (GtkWindow *window)
{
  PaddockOrderTicket *self = PADDOCK_ORDER_TICKET (window);

  /* the order is on its way: closing would leave its outcome unknown */
  if (self->submitting)
    return TRUE;
  return GTK_WINDOW_CLASS (paddock_order_ticket_parent_class)->close_request (window);
}

static void
paddock_order_ticket_dispose (GObject *object)
{
  PaddockOrderTicket *self = PADDOCK_ORDER_TICKET (object);

  /* the rows going away may still say they changed: nothing reads them any more */
  self->updating = TRUE;
  self->disposed = TRUE;
  g_clear_handle_id (&self->lookup_source, g_source_remove);
  g_cancellable_cancel (self->lookup_cancellable);
  g_clear_object (&self->lookup_cancellable);
  /* not the submission: its callback holds the ticket, and the order must be answered for */
  if (self->dialog != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (self->dialog), (gpointer *) &self->dialog);
      gtk_window_destroy (GTK_WINDOW (self->dialog));
      self->dialog = NULL;
    }
  if (self->session != NULL)
    {
      PaddockAccount *account = paddock_session_get_account (self->session);

      if (account != NULL)
        g_signal_handlers_disconnect_by_data (account, self);
      g_signal_handlers_disconnect_by_data (self->session, self);
    }

  gtk_widget_dispose_template (GTK_WIDGET (self), PADDOCK_TYPE_ORDER_TICKET);

  G_OBJECT_CLASS (paddock_order_ticket_parent_class)->dispose (object);
}

static void
paddock_order_ticket_finalize (GObject *object)
{
  PaddockOrderTicket *self = PADDOCK_ORDER_TICKET (object);

  g_clear_object (&self->session);
  g_clear_object (&self->request);
  g_clear_object (&self->asset);
  g_clear_object (&self->submit_cancellable);
  g_clear_error (&self->asset_error);
  g_free (self->error_message);
  g_free (self->estimate);
  g_free (self->estimate_text);
  g_free (self->symbol);
  g_free (self->looked_up);
  g_free (self->last_price);
  g_free (self->broker_error);

  G_OBJECT_CLASS (paddock_order_ticket_parent_class)->finalize (object);
}

static void
paddock_order_ticket_class_init (PaddockOrderTicketClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = paddock_order_ticket_dispose;
  object_class->finalize = paddock_order_ticket_finalize;
  window_class->close_request = paddock_order_ticket_close_request;
  widget_class->move_focus = paddock_order_ticket_move_focus;
  widget_class->hide = paddock_order_ticket_hide;

  /**
   * PaddockOrderTicket::placed:
   * @self: the ticket
   * @order: the order as the broker has it
   * @reply_lost: the broker's reply was lost and the order was found by its
   *   client_order_id ("placed, the reply was lost")
   *
   * The broker took the order; the ticket closes right after.
   */
  signals[SIGNAL_PLACED] =
    g_signal_new ("placed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, PADDOCK_TYPE_ORDER, G_TYPE_BOOLEAN);
  /**
   * PaddockOrderTicket::changed:
   *
   * Something the ticket shows changed: the form's check, the asset, a dialog, sending
   * (for the test hooks).
   */
  signals[SIGNAL_CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/paddockapp/Paddock/paddock-order-ticket.ui");
#define CHILD(name) gtk_widget_class_bind_template_child (widget_class, PaddockOrderTicket, name)
  CHILD (cancel_button);
  CHILD (review_button);
  CHILD (spinner);
  CHILD (form);
  CHILD (broker_label);
  CHILD (symbol_row);
  CHILD (asset_row);
  CHILD (last_price_label);
  CHILD (buy_button);
  CHILD (sell_button);
  CHILD (type_row);
  CHILD (amount_kind_row);
  CHILD (qty_row);
  CHILD (notional_row);
  CHILD (limit_row);
  CHILD (stop_row);
  CHILD (trail_kind_row);
  CHILD (trail_row);
  CHILD (tif_row);
  CHILD (advanced_row);
  CHILD (extended_row);
  CHILD (extended_switch);
  CHILD (class_row);
  CHILD (tp_row);
  CHILD (sl_stop_row);
  CHILD (sl_limit_row);
  CHILD (error_label);
  CHILD (estimate_label);
  CHILD (buying_power_label);
  CHILD (warning_label);
#undef CHILD
  gtk_widget_class_bind_template_callback (widget_class, form_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, entry_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, review_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
paddock_order_ticket_init (PaddockOrderTicket *self)
{
  self->updating = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));
  self->updating = FALSE;
}

/**
 * paddock_order_ticket_new:
 * @parent: the main window (the ticket is modal over it, and opens no bigger than it)
 * @session: the account the order is for
 *
 * Returns: (transfer full): a new ticket: a market order to buy, for the day, with the
 *   focus in the Symbol field; present it with gtk_window_present()
 */
PaddockOrderTicket *
paddock_order_ticket_new (GtkWindow      *parent,
                          PaddockSession *session)
{
  PaddockOrderTicket *self;
  PaddockAccount *account;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (PADDOCK_IS_SESSION (session), NULL);

  self = g_object_new (PADDOCK_TYPE_ORDER_TICKET, "transient-for", parent,
                       "destroy-with-parent", TRUE, NULL);
  /* never bigger than the window it is over (a phone's 360 × 640): the form scrolls */
  if (parent != NULL && gtk_widget_get_width (GTK_WIDGET (parent)) > 0)
    {
      int width = 0, height = 0;

      gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
      gtk_window_set_default_size (GTK_WINDOW (self),
                                   MIN (width, gtk_widget_get_width (GTK_WIDGET (parent))),
                                   MIN (height, gtk_widget_get_height (GTK_WIDGET (parent))));
    }
  self->session = g_object_ref (session);
  self->environment = paddock_credentials_get_environment (paddock_session_get_credentials (session));
  account = paddock_session_get_account (session);
  if (account != NULL)
    g_signal_connect_swapped (account, "notify", G_CALLBACK (account_changed_cb), self);
  if (self->environment == PADDOCK_ENVIRONMENT_LIVE)
    gtk_widget_add_css_class (GTK_WIDGET (self), "live");

  update (self, TRUE);
  gtk_window_set_focus (GTK_WINDOW (self), self->symbol_row);
  gtk_widget_grab_focus (self->symbol_row);
  return self;
}

/**
 * paddock_order_ticket_prefill:
 * @symbol: (nullable): the symbol
 * @side: buy or sell (%PADDOCK_ORDER_SIDE_UNKNOWN leaves it)
 * @qty: (nullable): a number of shares
 *
 * Fills the form in as Buy / Sell on a position row does; the symbol is looked up.
 */
void
paddock_order_ticket_prefill (PaddockOrderTicket *self,
                              const char         *symbol,
                              PaddockOrderSide    side,
                              const char         *qty)
{
  g_return_if_fail (PADDOCK_IS_ORDER_TICKET (self));

  self->updating = TRUE;
  if (symbol != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->symbol_row), symbol);
  if (side == PADDOCK_ORDER_SIDE_SELL)
    gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->sell_button), TRUE);
  else if (side == PADDOCK_ORDER_SIDE_BUY)
    gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->buy_button), TRUE);
  if (qty != NULL)
    {
      /* written as the person types numbers: "0,5" in German */
      g_autofree char *text = paddock_decimal_to_input (qty);

      adw_combo_row_set_selected (ADW_COMBO_ROW (self->amount_kind_row), 0);
      gtk_editable_set_text (GTK_EDITABLE (self->qty_row), text != NULL ? text : qty);
    }
  self->updating = FALSE;

  form_changed_cb (self);
}

/**
 * paddock_order_ticket_set_precaution:
 * @value_above: ask again when the order is worth more than this many dollars (0: never)
 * @percent_away: ask again when a limit or stop price is more than this many percent
 *   away from the last price (0: never)
 */
void
paddock_order_ticket_set_precaution (PaddockOrderTicket *self,
                                     guint               value_above,
                                     guint               percent_away)
{
  g_return_if_fail (PADDOCK_IS_ORDER_TICKET (self));

  self->value_above = value_above;
  self->percent_away = percent_away;
}

/* ---- getters (the controller, the test hooks, the tests) ---------------------------- */

PaddockSession *
paddock_order_ticket_get_session (PaddockOrderTicket *self)
{
  g_return_val_if_fail (PADDOCK_IS_ORDER_TICKET (self), NULL);
  return self->session;
}

PaddockEnvironment
paddock_order_ticket_get_environment (PaddockOrderTicket *self)
{
  g_return_val_if_fail (PADDOCK_IS_ORDER_TICKET (self), PADDOCK_ENVIRONMENT_DEMO);
  return self->environment;
}

/**
 * paddock_order_ticket_get_symbol:
 *
 * Returns: (nullable): the symbol typed, in upper case
 */
const char *
paddock_order_ticket_get_symbol (PaddockOrderTicket *self)
{
  g_return_val_if_fail (PADDOCK_IS_ORDER_TICKET (self), NULL);
  return self->symbol;
}

PaddockOrderSide
paddock_order_ticket_get_side (PaddockOrderTicket *self)
{
  g_return_val_if_fail (PADDOCK_IS_ORDER_TICKET (self), PADDOCK_ORDER_SIDE_UNKNOWN);
  return form_side (self);
}

gboolean
paddock_order_ticket_is_valid (PaddockOrderTicket *self)
{
  g_return_val_if_fail (PADDOCK_IS_ORDER_TICKET (self), FALSE);
  return self->valid;
}

PaddockOrderField
paddock_order_ticket_get_error_field (PaddockOrderTicket *self)
{
  g_return_val_if_fail (PADDOCK_IS_ORDER_TICKET (self), PADDOCK_ORDER_FIELD_NONE);
  return self->error_field;
}

/**
 * paddock_order_ticket_get_error_message:
 *
 * Returns: (nullable): what is wrong with the form, as shown under it
 */
const char *
paddock_order_ticket_get_error_message (PaddockOrderTicket *self)
{
  g_return_val_if_fail (PADDOCK_IS_ORDER_TICKET (self), NULL);
  return self->error_message;
}

/**
 * paddock_order_ticket_get_estimate:
 *
 * Returns: (nullable): the estimated cost as decimal text, %NULL when it cannot be told
 */
const char *
paddock_order_ticket_get_estimate (PaddockOrderTicket *self)
{
  g_return_val_if_fail (PADDOCK_IS_ORDER_TICKET (self), NULL);
  return self->estimate;
}

/**
 * paddock_order_ticket_get_estimate_text:
 *
 * Returns: the estimated cost as the summary shows it ("$1,892.50", or "—")
 */
const char *
paddock_order_ticket_get_estimate_text (PaddockOrderTicket *self)
{
  g_return_val_if_fail (PADDOCK_IS_ORDER_TICKET (self), NULL);
  return self->estimate_text;
}

gboolean
paddock_order_ticket_is_over_buying_power (PaddockOrderTicket *self)
{
  g_return_val_if_fail (PADDOCK_IS_ORDER_TICKET (self), FALSE);
  return self->over_buying_power;
}

/**
 * paddock_order_ticket_get_asset:
 *
 * Returns: (nullable) (transfer none): the asset of the symbol typed, once looked up
 */
PaddockAsset *
paddock_order_ticket_get_asset (PaddockOrderTicket *self)
{
  g_return_val_if_fail (PADDOCK_IS_ORDER_TICKET (self), NULL);
  return g_strcmp0 (self->looked_up, self->symbol) == 0 ? self->asset : NULL;
}

/**
 * paddock_order_ticket_get_last_price:
 *
 * Returns: (nullable): the last trade's price of the symbol typed, once known
 */
const char *
paddock_order_ticket_get_last_price (PaddockOrderTicket *self)
{
  g_return_val_if_fail (PADDOCK_IS_ORDER_TICKET (self), NULL);
  return g_strcmp0 (self->looked_up, self->symbol) == 0 ? self->last_price : NULL;
}

/**
 * paddock_order_ticket_get_request:
 *
 * Returns: (transfer none): the order as the form says it now (valid or not)
 */
PaddockOrderRequest *
paddock_order_ticket_get_request (PaddockOrderTicket *self)
{
  g_return_val_if_fail (PADDOCK_IS_ORDER_TICKET (self), NULL);
  return self->request;
}

PaddockTicketConfirmation
paddock_order_ticket_get_confirmation (PaddockOrderTicket *self)
{
  g_return_val_if_fail (PADDOCK_IS_ORDER_TICKET (self), PADDOCK_TICKET_CONFIRMATION_NONE);
  return self->confirmation;
}

/**
 * paddock_order_ticket_get_dialog:
 *
 * Returns: (nullable) (transfer none): the confirmation or precaution showing
 */
AdwMessageDialog *
paddock_order_ticket_get_dialog (PaddockOrderTicket *self)
{
  g_return_val_if_fail (PADDOCK_IS_ORDER_TICKET (self), NULL);
  return self->dialog;
}

gboolean
paddock_order_ticket_is_submitting (PaddockOrderTicket *self)
{
  g_return_val_if_fail (PADDOCK_IS_ORDER_TICKET (self), FALSE);
  return self->submitting;
}

/**
 * paddock_order_ticket_get_broker_error:
 *
 * Returns: (nullable): why the last attempt to place the order failed, as shown
 */
const char *
paddock_order_ticket_get_broker_error (PaddockOrderTicket *self)
{
  g_return_val_if_fail (PADDOCK_IS_ORDER_TICKET (self), NULL);
  return self->broker_error;
}

/**
 * paddock_order_ticket_get_focus_name:
 *
 * Returns: (nullable): the name ("ticket-…", see paddock-order-ticket.h) of the control
 *   that has the keyboard focus, or %NULL
 */
const char *
paddock_order_ticket_get_focus_name (PaddockOrderTicket *self)
{
  g_return_val_if_fail (PADDOCK_IS_ORDER_TICKET (self), NULL);

  for (GtkWidget *w = gtk_window_get_focus (GTK_WINDOW (self)); w != NULL;
       w = gtk_widget_get_parent (w))
    if (g_str_has_prefix (gtk_widget_get_name (w), "ticket-"))
      return gtk_widget_get_name (w);
  return NULL;
}
