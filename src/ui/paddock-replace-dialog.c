/* paddock-replace-dialog.c: change an open order's quantity, prices or time in force
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Three stages in one window: the form (the fields the order's type has, pre-filled with
 * its values in the locale's number format, read back through paddock_decimal_from_input()
 * and checked as they are typed), the confirmation (each change as
 * old → new; for a live account it says so and the button is destructive) and the spinner
 * while the replacement is on its way. The dialog sends nothing itself: ::submit carries
 * what changed, and whoever sends it answers with paddock_replace_dialog_show_error() (the
 * broker's refusal, shown as it is, the input kept) or closes the dialog. It cannot be
 * closed while the request is out, so the outcome is never hidden.
 */
#define G_LOG_DOMAIN "paddock-replace-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "paddock-format.h"
#include "paddock-replace-dialog.h"

#define CURRENCY "USD"

struct _PaddockReplaceDialog
{
  AdwWindow parent_instance;

  AdwHeaderBar *header_bar;
  GtkStack *stack;
  GtkLabel *order_label;
  GtkWidget *refusal_box;
  GtkLabel *refusal_label;
  AdwEntryRow *qty_row;
  AdwEntryRow *limit_row;
  AdwEntryRow *stop_row;
  AdwEntryRow *trail_row;
  AdwComboRow *tif_row;
  GtkLabel *field_message;
  GtkLabel *confirm_order_label;
  GtkLabel *summary_label;
  GtkWidget *live_box;
  GtkButton *confirm_button;
  GtkSpinner *spinner;

  PaddockOrder *order;
  PaddockEnvironment environment;
  PaddockReplaceDialogStage stage;
  PaddockOrderField invalid_field;
  char *message;
  char *summary;

  /* what changed, as the last review found it: NULL (or UNKNOWN) when unchanged */
  char *new_qty;
  char *new_limit;
  char *new_stop;
  char *new_trail;
  PaddockTimeInForce new_tif;
};

G_DEFINE_FINAL_TYPE (PaddockReplaceDialog, paddock_replace_dialog, ADW_TYPE_WINDOW)

enum {
  SIGNAL_SUBMIT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* the combo's rows, in order */
static const PaddockTimeInForce tifs[] = {
  PADDOCK_TIME_IN_FORCE_DAY,
  PADDOCK_TIME_IN_FORCE_GTC,
  PADDOCK_TIME_IN_FORCE_OPG,
  PADDOCK_TIME_IN_FORCE_CLS,
  PADDOCK_TIME_IN_FORCE_IOC,
  PADDOCK_TIME_IN_FORCE_FOK,
};

/* ---- words ------------------------------------------------------------------------------ */

static const char *
tif_words (PaddockTimeInForce tif)
{
  switch (tif)
    {
    case PADDOCK_TIME_IN_FORCE_DAY: return _("Day");
    case PADDOCK_TIME_IN_FORCE_GTC: return _("Good till Canceled");
    case PADDOCK_TIME_IN_FORCE_OPG: return _("At the Open");
    case PADDOCK_TIME_IN_FORCE_CLS: return _("At the Close");
    case PADDOCK_TIME_IN_FORCE_IOC: return _("Immediate or Cancel");
    case PADDOCK_TIME_IN_FORCE_FOK: return _("Fill or Kill");
    case PADDOCK_TIME_IN_FORCE_UNKNOWN:
    default: return NULL;
    }
}

static const char *
type_words (PaddockOrder *order)
{
  switch (paddock_order_get_kind (order))
    {
    case PADDOCK_ORDER_TYPE_MARKET: return _("market order");
    case PADDOCK_ORDER_TYPE_LIMIT: return _("limit order");
    case PADDOCK_ORDER_TYPE_STOP: return _("stop order");
    case PADDOCK_ORDER_TYPE_STOP_LIMIT: return _("stop limit order");
    case PADDOCK_ORDER_TYPE_TRAILING_STOP: return _("trailing stop order");
    case PADDOCK_ORDER_TYPE_UNKNOWN:
    default: return _("order");
    }
}

/* "Buy 10 AAPL, limit order" */
static char *
order_words (PaddockOrder *order)
{
  g_autofree char *symbol = paddock_format_printable (paddock_order_get_symbol (order));
  g_autofree char *qty = paddock_order_get_qty (order) != NULL
                         ? paddock_format_quantity (paddock_order_get_qty (order)) : NULL;
  g_autofree char *notional = paddock_order_get_notional (order) != NULL
                              ? paddock_format_money (paddock_order_get_notional (order),
                                                      CURRENCY) : NULL;
  const char *amount = qty != NULL ? qty : notional != NULL ? notional : "—";

  if (paddock_order_get_side (order) == PADDOCK_ORDER_SIDE_SELL)
    /* Translators: "Sell 10 AAPL, limit order" */
    return g_strdup_printf (_("Sell %s %s, %s"), amount, symbol, type_words (order));
  /* Translators: "Buy 10 AAPL, limit order" */
  return g_strdup_printf (_("Buy %s %s, %s"), amount, symbol, type_words (order));
}

static gboolean
trail_is_percent (PaddockOrder *order)
{
  return paddock_order_get_trail_price (order) == NULL &&
         paddock_order_get_trail_percent (order) != NULL;
}

static const char *
old_trail (PaddockOrder *order)
{
  return trail_is_percent (order) ? paddock_order_get_trail_percent (order)
                                  : paddock_order_get_trail_price (order);
}

/* an amount as people read it: money, a quantity or a percentage */
static char *
amount_words (PaddockReplaceDialog *self,
              PaddockOrderField     field,
              const char           *value)
{
  char *text = NULL;

  if (value == NULL)
    return g_strdup ("—");
  if (field == PADDOCK_ORDER_FIELD_QTY)
    text = paddock_format_quantity (value);
  else if (field == PADDOCK_ORDER_FIELD_TRAIL_PERCENT)
    {
      g_autofree char *number = paddock_format_quantity (value);

      text = g_strdup_printf ("%s%%", number != NULL ? number : value);
    }
  else
    text = paddock_format_money (value, CURRENCY);
  return text != NULL ? text : g_strdup (value);
}

/* ---- the fields ------------------------------------------------------------------------- */

static AdwEntryRow *
row_for (PaddockReplaceDialog *self,
         PaddockOrderField     field)
{
  switch (field)
    {
    case PADDOCK_ORDER_FIELD_QTY: return self->qty_row;
    case PADDOCK_ORDER_FIELD_LIMIT_PRICE: return self->limit_row;
    case PADDOCK_ORDER_FIELD_STOP_PRICE: return self->stop_row;
    case PADDOCK_ORDER_FIELD_TRAIL_PRICE:
    case PADDOCK_ORDER_FIELD_TRAIL_PERCENT: return self->trail_row;
    default: return NULL;
    }
}

static const PaddockOrderField fields[] = {
  PADDOCK_ORDER_FIELD_QTY,
  PADDOCK_ORDER_FIELD_LIMIT_PRICE,
  PADDOCK_ORDER_FIELD_STOP_PRICE,
  PADDOCK_ORDER_FIELD_TRAIL_PRICE,
};

static PaddockOrderField
real_field (PaddockReplaceDialog *self,
            PaddockOrderField     field)
{
  if (field == PADDOCK_ORDER_FIELD_TRAIL_PRICE && trail_is_percent (self->order))
    return PADDOCK_ORDER_FIELD_TRAIL_PERCENT;
  return field;
}

static const char *
old_value (PaddockReplaceDialog *self,
           PaddockOrderField     field)
{
  switch (field)
    {
    case PADDOCK_ORDER_FIELD_QTY: return paddock_order_get_qty (self->order);
    case PADDOCK_ORDER_FIELD_LIMIT_PRICE: return paddock_order_get_limit_price (self->order);
    case PADDOCK_ORDER_FIELD_STOP_PRICE: return paddock_order_get_stop_price (self->order);
    case PADDOCK_ORDER_FIELD_TRAIL_PRICE:
    case PADDOCK_ORDER_FIELD_TRAIL_PERCENT: return old_trail (self->order);
    default: return NULL;
    }
}

static const char *
field_label (PaddockOrderField field)
{
  switch (field)
    {
    case PADDOCK_ORDER_FIELD_QTY: return _("Quantity");
    case PADDOCK_ORDER_FIELD_LIMIT_PRICE: return _("Limit price");
    case PADDOCK_ORDER_FIELD_STOP_PRICE: return _("Stop price");
    case PADDOCK_ORDER_FIELD_TRAIL_PRICE: return _("Trail in dollars");
    case PADDOCK_ORDER_FIELD_TRAIL_PERCENT: return _("Trail in percent");
    case PADDOCK_ORDER_FIELD_TIME_IN_FORCE: return _("Time in force");
    default: return "";
    }
}

static gboolean
field_shown (PaddockReplaceDialog *self,
             PaddockOrderField     field)
{
  AdwEntryRow *row = row_for (self, field);

  return row != NULL && gtk_widget_get_visible (GTK_WIDGET (row));
}

/* What a field holds as decimal text, read in the locale's format ("12,50" in German is
 * "12.50"); NULL when it is not a plain number (never guessed at: a German "1.000" is
 * refused) */
static char *
field_decimal (PaddockReplaceDialog *self,
               PaddockOrderField     field)
{
  GtkEditable *editable = GTK_EDITABLE (row_for (self, field));

  return paddock_decimal_from_input (gtk_editable_get_text (editable));
}

static gboolean
field_is_amount (PaddockReplaceDialog *self,
                 PaddockOrderField     field)
{
  g_autofree char *decimal = field_decimal (self, field);

  return decimal != NULL && paddock_decimal_compare (decimal, "0") > 0;
}

static void
mark_row (AdwEntryRow *row,
          gboolean     bad)
{
  if (bad)
    gtk_widget_add_css_class (GTK_WIDGET (row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
}

static void
set_field_message (PaddockReplaceDialog *self,
                   const char           *text)
{
  gtk_label_set_label (self->field_message, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->field_message), text != NULL);
}

/* Marks every shown field that is not a positive decimal; the first one is returned and its
 * message shown under the fields. */
static PaddockOrderField
check_fields (PaddockReplaceDialog *self)
{
  PaddockOrderField first = PADDOCK_ORDER_FIELD_NONE;

  for (gsize i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      gboolean bad;

      if (!field_shown (self, fields[i]))
        continue;
      bad = !field_is_amount (self, fields[i]);
      mark_row (row_for (self, fields[i]), bad);
      if (bad && first == PADDOCK_ORDER_FIELD_NONE)
        first = real_field (self, fields[i]);
    }

  if (first != PADDOCK_ORDER_FIELD_NONE)
    {
      g_autofree char *example = paddock_decimal_to_input ("12.50");
      g_autofree char *text =
        /* Translators: the first %s is the name of an input, e.g. "Limit price"; the second
         * is the number 12.50 written as the reader types numbers, e.g. "12.50" or
         * "12,50" */
        g_strdup_printf (_("%s must be a number greater than zero, such as 10 or %s."),
                         field_label (first), example);

      set_field_message (self, text);
    }
  else
    set_field_message (self, NULL);
  self->invalid_field = first;
  return first;
}

static PaddockTimeInForce
selected_tif (PaddockReplaceDialog *self)
{
  guint i = adw_combo_row_get_selected (self->tif_row);

  return i < G_N_ELEMENTS (tifs) ? tifs[i] : PADDOCK_TIME_IN_FORCE_UNKNOWN;
}

static void
entry_changed_cb (PaddockReplaceDialog *self)
{
  /* a field that was marked is checked again as it is corrected */
  if (self->invalid_field != PADDOCK_ORDER_FIELD_NONE)
    check_fields (self);
}

static void
clear_changes (PaddockReplaceDialog *self)
{
  g_clear_pointer (&self->new_qty, g_free);
  g_clear_pointer (&self->new_limit, g_free);
  g_clear_pointer (&self->new_stop, g_free);
  g_clear_pointer (&self->new_trail, g_free);
  self->new_tif = PADDOCK_TIME_IN_FORCE_UNKNOWN;
}

/* The value when it differs from the order's (as a number: "190" is "190.00"), else NULL */
static char *
changed_value (PaddockReplaceDialog *self,
               PaddockOrderField     field)
{
  g_autofree char *text = NULL;
  const char *old = old_value (self, field);

  if (!field_shown (self, field))
    return NULL;
  /* check_fields() found it a number: "12,50" is sent as "12.50" */
  text = field_decimal (self, field);
  if (text == NULL)
    return NULL;
  if (old != NULL && paddock_decimal_is_valid (old) && paddock_decimal_compare (text, old) == 0)
    return NULL;
  return g_steal_pointer (&text);
}

static void
add_summary_line (PaddockReplaceDialog *self,
                  GString              *summary,
                  PaddockOrderField     field,
                  const char           *new_value)
{
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;

  if (new_value == NULL)
    return;
  from = amount_words (self, field, old_value (self, field));
  to = amount_words (self, field, new_value);
  if (summary->len > 0)
    g_string_append_c (summary, '\n');
  /* Translators: "Limit price: $190.00 → $185.00" */
  g_string_append_printf (summary, _("%s: %s → %s"), field_label (field), from, to);
}

static void
set_stage (PaddockReplaceDialog      *self,
           PaddockReplaceDialogStage  stage)
{
  static const char *pages[] = { "form", "confirm", "sending" };
  gboolean sending = stage == PADDOCK_REPLACE_DIALOG_SENDING;

  self->stage = stage;
  gtk_stack_set_visible_child_name (self->stack, pages[stage]);
  gtk_spinner_set_spinning (self->spinner, sending);
  adw_header_bar_set_show_end_title_buttons (self->header_bar, !sending);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "replace.review",
                                 stage == PADDOCK_REPLACE_DIALOG_FORM);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "replace.back",
                                 stage == PADDOCK_REPLACE_DIALOG_CONFIRM);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "replace.confirm",
                                 stage == PADDOCK_REPLACE_DIALOG_CONFIRM);
}

/* ---- actions ---------------------------------------------------------------------------- */

static void
review_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  paddock_replace_dialog_review (PADDOCK_REPLACE_DIALOG (widget));
}

static void
back_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  PaddockReplaceDialog *self = PADDOCK_REPLACE_DIALOG (widget);

  if (self->stage == PADDOCK_REPLACE_DIALOG_CONFIRM)
    set_stage (self, PADDOCK_REPLACE_DIALOG_FORM);
}

static void
confirm_action_cb (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  paddock_replace_dialog_confirm (PADDOCK_REPLACE_DIALOG (widget));
}

/* While the request is out, the window stays: closing it would hide the outcome. */
static gboolean
paddock_replace_dialog_close_request (GtkWindow *window)
{
  PaddockReplaceDialog *self = PADDOCK_REPLACE_DIALOG (window);

  if (self->stage == PADDOCK_REPLACE_DIALOG_SENDING)
    return TRUE;
  return GTK_WINDOW_CLASS (paddock_replace_dialog_parent_class)->close_request (window);
}

/* ---- GObject ---------------------------------------------------------------------------- */

static void
paddock_replace_dialog_dispose (GObject *object)
{
  PaddockReplaceDialog *self = PADDOCK_REPLACE_DIALOG (object);

  g_clear_object (&self->order);
  gtk_widget_dispose_template (GTK_WIDGET (object), PADDOCK_TYPE_REPLACE_DIALOG);

  G_OBJECT_CLASS (paddock_replace_dialog_parent_class)->dispose (object);
}

static void
paddock_replace_dialog_finalize (GObject *object)
{
  PaddockReplaceDialog *self = PADDOCK_REPLACE_DIALOG (object);

  g_free (self->message);
  g_free (self->summary);
  clear_changes (self);

  G_OBJECT_CLASS (paddock_replace_dialog_parent_class)->finalize (object);
}

static void
paddock_replace_dialog_class_init (PaddockReplaceDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = paddock_replace_dialog_dispose;
  object_class->finalize = paddock_replace_dialog_finalize;
  window_class->close_request = paddock_replace_dialog_close_request;

  /**
   * PaddockReplaceDialog::submit:
   * @self: the dialog
   * @qty: (nullable): the new quantity, %NULL when unchanged
   * @limit_price: (nullable): the new limit price, %NULL when unchanged
   * @stop_price: (nullable): the new stop price, %NULL when unchanged
   * @trail: (nullable): the new trail (dollars or percent, as the order has it)
   * @time_in_force: the new #PaddockTimeInForce, %PADDOCK_TIME_IN_FORCE_UNKNOWN when
   *   unchanged
   *
   * The person confirmed the changes (at least one is given, each valid decimal text).
   * The dialog shows a spinner until paddock_replace_dialog_show_error() or until it is
   * destroyed.
   */
  signals[SIGNAL_SUBMIT] =
    g_signal_new ("submit", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 5, G_TYPE_STRING, G_TYPE_STRING, G_TYPE_STRING, G_TYPE_STRING,
                  PADDOCK_TYPE_TIME_IN_FORCE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/paddockapp/Paddock/"
                                               "paddock-replace-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, PaddockReplaceDialog, header_bar);
  gtk_widget_class_bind_template_child (widget_class, PaddockReplaceDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, PaddockReplaceDialog, order_label);
  gtk_widget_class_bind_template_child (widget_class, PaddockReplaceDialog, refusal_box);
  gtk_widget_class_bind_template_child (widget_class, PaddockReplaceDialog, refusal_label);
  gtk_widget_class_bind_template_child (widget_class, PaddockReplaceDialog, qty_row);
  gtk_widget_class_bind_template_child (widget_class, PaddockReplaceDialog, limit_row);
  gtk_widget_class_bind_template_child (widget_class, PaddockReplaceDialog, stop_row);
  gtk_widget_class_bind_template_child (widget_class, PaddockReplaceDialog, trail_row);
  gtk_widget_class_bind_template_child (widget_class, PaddockReplaceDialog, tif_row);
  gtk_widget_class_bind_template_child (widget_class, PaddockReplaceDialog, field_message);
  gtk_widget_class_bind_template_child (widget_class, PaddockReplaceDialog, confirm_order_label);
  gtk_widget_class_bind_template_child (widget_class, PaddockReplaceDialog, summary_label);
  gtk_widget_class_bind_template_child (widget_class, PaddockReplaceDialog, live_box);
  gtk_widget_class_bind_template_child (widget_class, PaddockReplaceDialog, confirm_button);
  gtk_widget_class_bind_template_child (widget_class, PaddockReplaceDialog, spinner);

  gtk_widget_class_install_action (widget_class, "replace.review", NULL, review_action_cb);
  gtk_widget_class_install_action (widget_class, "replace.back", NULL, back_action_cb);
  gtk_widget_class_install_action (widget_class, "replace.confirm", NULL, confirm_action_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
paddock_replace_dialog_init (PaddockReplaceDialog *self)
{
  g_autoptr (GtkStringList) names = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));

  for (gsize i = 0; i < G_N_ELEMENTS (tifs); i++)
    gtk_string_list_append (names, tif_words (tifs[i]));
  adw_combo_row_set_model (self->tif_row, G_LIST_MODEL (names));

  g_signal_connect_swapped (self->qty_row, "changed", G_CALLBACK (entry_changed_cb), self);
  g_signal_connect_swapped (self->limit_row, "changed", G_CALLBACK (entry_changed_cb), self);
  g_signal_connect_swapped (self->stop_row, "changed", G_CALLBACK (entry_changed_cb), self);
  g_signal_connect_swapped (self->trail_row, "changed", G_CALLBACK (entry_changed_cb), self);
  set_stage (self, PADDOCK_REPLACE_DIALOG_FORM);
}

/* ---- public API ------------------------------------------------------------------------- */

/* The order's value as the person types numbers ("190,00" in German), so that it reads
 * back as the same number */
static void
prefill (AdwEntryRow *row,
         gboolean     shown,
         const char  *value)
{
  g_autofree char *text = shown && value != NULL ? paddock_decimal_to_input (value) : NULL;

  gtk_widget_set_visible (GTK_WIDGET (row), shown);
  /* (a value that is not a number is shown as it is, and refused as it is) */
  gtk_editable_set_text (GTK_EDITABLE (row), text != NULL ? text
                                             : shown && value != NULL ? value : "");
}

/**
 * paddock_replace_dialog_new:
 * @order: the open order to change
 * @environment: where it lives (a live account's confirmation says so)
 *
 * Returns: (transfer full): a dialog showing the fields @order's type has (quantity, limit
 *   price, stop price, trail) and its time in force, pre-filled; set it transient for the
 *   window and present it
 */
PaddockReplaceDialog *
paddock_replace_dialog_new (PaddockOrder       *order,
                            PaddockEnvironment  environment)
{
  PaddockReplaceDialog *self;
  PaddockOrderType kind;
  g_autofree char *words = NULL;
  gboolean live = environment == PADDOCK_ENVIRONMENT_LIVE;

  g_return_val_if_fail (PADDOCK_IS_ORDER (order), NULL);

  self = g_object_new (PADDOCK_TYPE_REPLACE_DIALOG, NULL);
  self->order = g_object_ref (order);
  self->environment = environment;
  kind = paddock_order_get_kind (order);

  words = order_words (order);
  gtk_label_set_label (self->order_label, words);
  gtk_label_set_label (self->confirm_order_label, words);

  prefill (self->qty_row, paddock_order_get_qty (order) != NULL, paddock_order_get_qty (order));
  prefill (self->limit_row,
           kind == PADDOCK_ORDER_TYPE_LIMIT || kind == PADDOCK_ORDER_TYPE_STOP_LIMIT,
           paddock_order_get_limit_price (order));
  prefill (self->stop_row,
           kind == PADDOCK_ORDER_TYPE_STOP || kind == PADDOCK_ORDER_TYPE_STOP_LIMIT,
           paddock_order_get_stop_price (order));
  prefill (self->trail_row, kind == PADDOCK_ORDER_TYPE_TRAILING_STOP, old_trail (order));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->trail_row),
                                 trail_is_percent (order) ? _("Trail (Percent)")
                                                          : _("Trail (Dollars)"));
  for (gsize i = 0; i < G_N_ELEMENTS (tifs); i++)
    if (tifs[i] == paddock_order_get_time_in_force (order))
      adw_combo_row_set_selected (self->tif_row, (guint) i);

  gtk_widget_set_visible (self->live_box, live);
  gtk_button_set_label (self->confirm_button, live ? _("Replace in _Live Account")
                                                   : _("_Replace Order"));
  gtk_widget_add_css_class (GTK_WIDGET (self->confirm_button),
                            live ? "destructive-action" : "suggested-action");
  return self;
}

/**
 * paddock_replace_dialog_get_order:
 *
 * Returns: (transfer none): the order being changed
 */
PaddockOrder *
paddock_replace_dialog_get_order (PaddockReplaceDialog *self)
{
  g_return_val_if_fail (PADDOCK_IS_REPLACE_DIALOG (self), NULL);

  return self->order;
}

PaddockEnvironment
paddock_replace_dialog_get_environment (PaddockReplaceDialog *self)
{
  g_return_val_if_fail (PADDOCK_IS_REPLACE_DIALOG (self), PADDOCK_ENVIRONMENT_DEMO);

  return self->environment;
}

PaddockReplaceDialogStage
paddock_replace_dialog_get_stage (PaddockReplaceDialog *self)
{
  g_return_val_if_fail (PADDOCK_IS_REPLACE_DIALOG (self), PADDOCK_REPLACE_DIALOG_FORM);

  return self->stage;
}

/**
 * paddock_replace_dialog_get_field:
 * @field: %PADDOCK_ORDER_FIELD_QTY, _LIMIT_PRICE, _STOP_PRICE, _TRAIL_PRICE or _TRAIL_PERCENT
 *
 * Returns: (transfer none) (nullable): the field's entry, or %NULL when the order's type
 *   does not have it
 */
GtkEditable *
paddock_replace_dialog_get_field (PaddockReplaceDialog *self,
                                  PaddockOrderField     field)
{
  g_return_val_if_fail (PADDOCK_IS_REPLACE_DIALOG (self), NULL);

  return field_shown (self, field) ? GTK_EDITABLE (row_for (self, field)) : NULL;
}

/**
 * paddock_replace_dialog_set_time_in_force:
 *
 * Chooses a time in force, as the combo row does.
 */
void
paddock_replace_dialog_set_time_in_force (PaddockReplaceDialog *self,
                                          PaddockTimeInForce    tif)
{
  g_return_if_fail (PADDOCK_IS_REPLACE_DIALOG (self));

  for (gsize i = 0; i < G_N_ELEMENTS (tifs); i++)
    if (tifs[i] == tif)
      adw_combo_row_set_selected (self->tif_row, (guint) i);
}

/**
 * paddock_replace_dialog_get_invalid_field:
 *
 * Returns: the first field marked as invalid by the last review, or
 *   %PADDOCK_ORDER_FIELD_NONE
 */
PaddockOrderField
paddock_replace_dialog_get_invalid_field (PaddockReplaceDialog *self)
{
  g_return_val_if_fail (PADDOCK_IS_REPLACE_DIALOG (self), PADDOCK_ORDER_FIELD_NONE);

  return self->invalid_field;
}

/**
 * paddock_replace_dialog_get_message:
 *
 * Returns: (nullable): the refusal shown above the fields (as the broker wrote it)
 */
const char *
paddock_replace_dialog_get_message (PaddockReplaceDialog *self)
{
  g_return_val_if_fail (PADDOCK_IS_REPLACE_DIALOG (self), NULL);

  return self->message;
}

/**
 * paddock_replace_dialog_get_summary:
 *
 * Returns: (nullable): the confirmation's changes, one "Name: old → new" a line
 */
const char *
paddock_replace_dialog_get_summary (PaddockReplaceDialog *self)
{
  g_return_val_if_fail (PADDOCK_IS_REPLACE_DIALOG (self), NULL);

  return self->summary;
}

/**
 * paddock_replace_dialog_review:
 *
 * What Review Changes does: checks the fields (marking the bad ones) and, when they are
 * valid and something changed, shows the confirmation.
 *
 * Returns: whether the confirmation is shown
 */
gboolean
paddock_replace_dialog_review (PaddockReplaceDialog *self)
{
  g_autoptr (GString) summary = g_string_new (NULL);
  PaddockOrderField bad;
  PaddockTimeInForce tif;

  g_return_val_if_fail (PADDOCK_IS_REPLACE_DIALOG (self), FALSE);

  if (self->stage != PADDOCK_REPLACE_DIALOG_FORM)
    return FALSE;

  clear_changes (self);
  bad = check_fields (self);
  if (bad != PADDOCK_ORDER_FIELD_NONE)
    {
      gtk_widget_grab_focus (GTK_WIDGET (row_for (self, bad)));
      return FALSE;
    }

  self->new_qty = changed_value (self, PADDOCK_ORDER_FIELD_QTY);
  self->new_limit = changed_value (self, PADDOCK_ORDER_FIELD_LIMIT_PRICE);
  self->new_stop = changed_value (self, PADDOCK_ORDER_FIELD_STOP_PRICE);
  self->new_trail = changed_value (self, PADDOCK_ORDER_FIELD_TRAIL_PRICE);
  tif = selected_tif (self);
  if (tif != paddock_order_get_time_in_force (self->order))
    self->new_tif = tif;

  add_summary_line (self, summary, PADDOCK_ORDER_FIELD_QTY, self->new_qty);
  add_summary_line (self, summary, PADDOCK_ORDER_FIELD_LIMIT_PRICE, self->new_limit);
  add_summary_line (self, summary, PADDOCK_ORDER_FIELD_STOP_PRICE, self->new_stop);
  add_summary_line (self, summary, real_field (self, PADDOCK_ORDER_FIELD_TRAIL_PRICE),
                    self->new_trail);
  if (self->new_tif != PADDOCK_TIME_IN_FORCE_UNKNOWN)
    {
      const char *old = tif_words (paddock_order_get_time_in_force (self->order));

      if (summary->len > 0)
        g_string_append_c (summary, '\n');
      g_string_append_printf (summary, _("%s: %s → %s"),
                              field_label (PADDOCK_ORDER_FIELD_TIME_IN_FORCE),
                              old != NULL ? old : "—", tif_words (self->new_tif));
    }

  if (summary->len == 0)
    {
      set_field_message (self, _("Nothing has changed: change at least one value."));
      return FALSE;
    }

  g_free (self->summary);
  self->summary = g_string_free (g_steal_pointer (&summary), FALSE);
  gtk_label_set_label (self->summary_label, self->summary);
  set_stage (self, PADDOCK_REPLACE_DIALOG_CONFIRM);
  return TRUE;
}

/**
 * paddock_replace_dialog_confirm:
 *
 * What the confirmation's Replace button does: shows the spinner and emits
 * #PaddockReplaceDialog::submit with the changes. Only from the confirmation.
 */
void
paddock_replace_dialog_confirm (PaddockReplaceDialog *self)
{
  g_return_if_fail (PADDOCK_IS_REPLACE_DIALOG (self));

  if (self->stage != PADDOCK_REPLACE_DIALOG_CONFIRM)
    return;
  set_stage (self, PADDOCK_REPLACE_DIALOG_SENDING);
  g_signal_emit (self, signals[SIGNAL_SUBMIT], 0, self->new_qty, self->new_limit,
                 self->new_stop, self->new_trail, self->new_tif);
}

/**
 * paddock_replace_dialog_show_error:
 * @error: why the order was not changed (the broker's refusal, as it wrote it)
 *
 * Back to the form, the input kept, with @error's message above the fields.
 */
void
paddock_replace_dialog_show_error (PaddockReplaceDialog *self,
                                   const GError         *error)
{
  g_return_if_fail (PADDOCK_IS_REPLACE_DIALOG (self));
  g_return_if_fail (error != NULL);

  g_free (self->message);
  /* the broker's words as it wrote them, minus anything that is not printable */
  self->message = paddock_format_printable (error->message != NULL ? error->message : "");
  gtk_label_set_label (self->refusal_label, self->message);
  gtk_widget_set_visible (self->refusal_box, TRUE);
  set_stage (self, PADDOCK_REPLACE_DIALOG_FORM);
}
