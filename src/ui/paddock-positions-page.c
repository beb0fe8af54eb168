/* paddock-positions-page.c: the open positions, in a sortable table
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The page binds to a GListModel of PaddockPosition it is given (the session's position
 * store) and never copies it: a sort model over it feeds the column view. Closing is
 * asked for with ::close-requested and ::close-all-requested after a confirmation; the
 * controller does the rest.
 */
#define G_LOG_DOMAIN "paddock-positions-page"

#include "config.h"

#include <glib/gi18n.h>

#include "paddock-format.h"
#include "paddock-freshness-bar.h"
#include "paddock-position.h"
#include "paddock-positions-page.h"
#include "paddock-table.h"

#define CURRENCY "USD"

struct _PaddockPositionsPage
{
  GtkWidget parent_instance;

  PaddockFreshnessBar *freshness;
  GtkStack *stack;
  GtkColumnView *column_view;
  GtkListView *row_view;
  GtkWidget *close_all_button;

  GListModel *model;
  GtkSortListModel *sorted;
};

G_DEFINE_FINAL_TYPE (PaddockPositionsPage, paddock_positions_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_MODEL,
  PROP_UPDATED_AT,
  PROP_LOADING,
  PROP_ERROR,
  N_PROPS
};

enum {
  SIGNAL_CLOSE_REQUESTED,
  SIGNAL_CLOSE_ALL_REQUESTED,
  SIGNAL_ORDER_REQUESTED,
  SIGNAL_REFRESH_REQUESTED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* ---- cells -------------------------------------------------------------------------- */

#define POSITION(o) PADDOCK_POSITION (o)

static void
set_text (GtkLabel *label,
          char     *text)
{
  gtk_label_set_label (label, text != NULL ? text : "—");
  g_free (text);
}

static void
symbol_text (GObject *item, GtkLabel *label)
{
  gtk_label_set_label (label, paddock_position_get_symbol (POSITION (item)));
  gtk_widget_add_css_class (GTK_WIDGET (label), "heading");
}

static void
qty_text (GObject *item, GtkLabel *label)
{
  set_text (label, paddock_format_quantity (paddock_position_get_qty (POSITION (item))));
}

static void
entry_text (GObject *item, GtkLabel *label)
{
  set_text (label, paddock_format_money (paddock_position_get_avg_entry_price (POSITION (item)),
                                         CURRENCY));
}

static void
price_text (GObject *item, GtkLabel *label)
{
  set_text (label, paddock_format_money (paddock_position_get_current_price (POSITION (item)),
                                         CURRENCY));
}

static void
value_text (GObject *item, GtkLabel *label)
{
  set_text (label, paddock_format_money (paddock_position_get_market_value (POSITION (item)),
                                         CURRENCY));
}

static void
pl_text (GObject *item, GtkLabel *label)
{
  const char *pl = paddock_position_get_unrealized_pl (POSITION (item));

  paddock_table_set_signed (label, pl,
                            paddock_format_money_full (pl, CURRENCY, PADDOCK_FORMAT_ALWAYS_SIGN));
}

static void
plpc_text (GObject *item, GtkLabel *label)
{
  const char *plpc = paddock_position_get_unrealized_plpc (POSITION (item));

  paddock_table_set_signed (label, plpc, paddock_table_format_percent (plpc));
}

static void
today_text (GObject *item, GtkLabel *label)
{
  const char *pl = paddock_position_get_unrealized_intraday_pl (POSITION (item));

  paddock_table_set_signed (label, pl,
                            paddock_format_money_full (pl, CURRENCY, PADDOCK_FORMAT_ALWAYS_SIGN));
}

#define COMPARE(name, getter, how) \
  static int \
  name (GObject *a, GObject *b) \
  { \
    return how (getter (POSITION (a)), getter (POSITION (b))); \
  }

COMPARE (symbol_compare, paddock_position_get_symbol, paddock_table_compare_text)
COMPARE (qty_compare, paddock_position_get_qty, paddock_table_compare_decimal)
COMPARE (entry_compare, paddock_position_get_avg_entry_price, paddock_table_compare_decimal)
COMPARE (price_compare, paddock_position_get_current_price, paddock_table_compare_decimal)
COMPARE (value_compare, paddock_position_get_market_value, paddock_table_compare_decimal)
COMPARE (pl_compare, paddock_position_get_unrealized_pl, paddock_table_compare_decimal)
COMPARE (plpc_compare, paddock_position_get_unrealized_plpc, paddock_table_compare_decimal)
COMPARE (today_compare, paddock_position_get_unrealized_intraday_pl, paddock_table_compare_decimal)

/* Built when it opens, for the position the row shows then. Not at bind: GTK 4.8's signal
 * factory binds a row again whenever its position changes (a position that came in above
 * it), and a new menu model there would close the menu under the person's pointer. */
static void
build_menu_cb (GtkMenuButton *button,
               gpointer       user_data)
{
  GtkListItem *list_item = user_data;
  gpointer item = gtk_list_item_get_item (list_item);
  const char *symbol;
  g_autoptr (GMenu) menu = NULL;
  g_autoptr (GMenuItem) close = NULL;
  g_autoptr (GMenuItem) buy = NULL;
  g_autoptr (GMenuItem) sell = NULL;

  if (!PADDOCK_IS_POSITION (item))
    return;
  symbol = paddock_position_get_symbol (PADDOCK_POSITION (item));
  menu = g_menu_new ();
  close = g_menu_item_new (_("_Close Position…"), NULL);
  buy = g_menu_item_new (_("_Buy…"), NULL);
  sell = g_menu_item_new (_("_Sell…"), NULL);
  g_menu_item_set_action_and_target (buy, "positions.buy", "s", symbol);
  g_menu_item_set_action_and_target (sell, "positions.sell", "s", symbol);
  g_menu_append_item (menu, buy);
  g_menu_append_item (menu, sell);
  g_menu_item_set_action_and_target (close, "positions.close", "s", symbol);
  g_menu_append_item (menu, close);
  gtk_menu_button_set_menu_model (button, G_MENU_MODEL (menu));
}

/* the row menu: one button per recycled row, its menu pointing at the row's symbol */
static GtkWidget *
menu_button_new (GtkListItem *list_item)
{
  GtkWidget *button = gtk_menu_button_new ();

  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "view-more-symbolic");
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, _("Position Actions"));
  gtk_menu_button_set_create_popup_func (GTK_MENU_BUTTON (button), build_menu_cb, list_item, NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Position Actions"), -1);
  return button;
}

static void
menu_setup_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item)
{
  gtk_list_item_set_child (list_item, menu_button_new (list_item));
}

/* the narrow form: the symbol and the shares on the left, the value and P/L on the right */
static void
row_text (GObject  *item,
          GtkLabel *title,
          GtkLabel *subtitle,
          GtkLabel *value,
          GtkLabel *detail)
{
  PaddockPosition *position = POSITION (item);
  g_autofree char *qty = paddock_format_quantity (paddock_position_get_qty (position));
  g_autofree char *price = paddock_format_money (paddock_position_get_current_price (position),
                                                 CURRENCY);
  g_autofree char *shares = NULL;
  g_autofree char *pl = NULL;
  g_autofree char *plpc = NULL;
  const char *pl_value = paddock_position_get_unrealized_pl (position);

  gtk_label_set_label (title, paddock_position_get_symbol (position));
  /* Translators: a position in a narrow list: "16 shares at $378.78" */
  shares = g_strdup_printf (_("%s shares at %s"), qty != NULL ? qty : "—",
                            price != NULL ? price : "—");
  gtk_label_set_label (subtitle, shares);
  set_text (value, paddock_format_money (paddock_position_get_market_value (position), CURRENCY));
  pl = paddock_format_money_full (pl_value, CURRENCY, PADDOCK_FORMAT_ALWAYS_SIGN);
  plpc = paddock_table_format_percent (paddock_position_get_unrealized_plpc (position));
  paddock_table_set_signed (detail, pl_value,
                            pl != NULL ? g_strdup_printf ("%s (%s)", pl, plpc != NULL ? plpc : "—")
                                       : NULL);
}

/* ---- state -------------------------------------------------------------------------- */

static void
update_state (PaddockPositionsPage *self)
{
  guint n = self->model != NULL ? g_list_model_get_n_items (self->model) : 0;

  gtk_stack_set_visible_child_name (self->stack, n > 0 ? "list" : "empty");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "positions.close-all", n > 0);
}

static void
items_changed_cb (PaddockPositionsPage *self)
{
  update_state (self);
}

static PaddockPosition *
find_position (PaddockPositionsPage *self,
               const char           *symbol)
{
  guint n = self->model != NULL ? g_list_model_get_n_items (self->model) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (PaddockPosition) position = g_list_model_get_item (self->model, i);

      if (g_strcmp0 (paddock_position_get_symbol (position), symbol) == 0)
        return g_steal_pointer (&position);
    }
  return NULL;
}

static void
close_response_cb (AdwMessageDialog     *dialog,
                   const char           *response,
                   PaddockPositionsPage *self)
{
  const char *symbol = g_object_get_data (G_OBJECT (dialog), "symbol");

  if (g_strcmp0 (response, "close") != 0)
    return;
  if (symbol != NULL)
    g_signal_emit (self, signals[SIGNAL_CLOSE_REQUESTED], 0, symbol, NULL);
  else
    g_signal_emit (self, signals[SIGNAL_CLOSE_ALL_REQUESTED], 0);
}

static void
confirm (PaddockPositionsPage *self,
         const char           *symbol,
         const char           *heading,
         const char           *body)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                       heading, body));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "close", _("C_lose"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "close", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "symbol", g_strdup (symbol), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (close_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
close_action_cb (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  PaddockPositionsPage *self = PADDOCK_POSITIONS_PAGE (widget);
  const char *symbol = g_variant_get_string (parameter, NULL);
  g_autoptr (PaddockPosition) position = find_position (self, symbol);
  g_autofree char *qty = NULL;
  g_autofree char *body = NULL;
  g_autofree char *heading = NULL;

  if (position == NULL)
    return;

  qty = paddock_format_quantity (paddock_position_get_qty (position));
  /* Translators: %s is a stock symbol */
  heading = g_strdup_printf (_("Close %s?"), symbol);
  if (paddock_position_get_side (position) == PADDOCK_POSITION_SIDE_SHORT)
    /* Translators: the first %s is a number of shares, the second a stock symbol */
    body = g_strdup_printf (_("Buys back %s shares of %s at the market price."), qty, symbol);
  else
    body = g_strdup_printf (_("Sells %s shares of %s at the market price."), qty, symbol);
  confirm (self, symbol, heading, body);
}

/* Buy… and Sell… open the order ticket: Sell with the position's quantity (a long one) */
static void
order_action_cb (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  PaddockPositionsPage *self = PADDOCK_POSITIONS_PAGE (widget);
  const char *symbol = g_variant_get_string (parameter, NULL);
  gboolean sell = g_str_equal (action_name, "positions.sell");
  g_autoptr (PaddockPosition) position = find_position (self, symbol);
  const char *qty = NULL;

  if (position == NULL)
    return;
  if (sell && paddock_position_get_side (position) != PADDOCK_POSITION_SIDE_SHORT)
    qty = paddock_position_get_qty (position);
  g_signal_emit (self, signals[SIGNAL_ORDER_REQUESTED], 0, symbol, sell ? "sell" : "buy", qty);
}

static void
close_all_action_cb (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  confirm (PADDOCK_POSITIONS_PAGE (widget), NULL, _("Close All Positions?"),
           _("Every position is sold or bought back at the market price, and open orders are "
             "canceled."));
}

static void
retry_cb (PaddockPositionsPage *self)
{
  g_signal_emit (self, signals[SIGNAL_REFRESH_REQUESTED], 0);
}

static void
freshness_notify_cb (PaddockPositionsPage *self,
                     GParamSpec           *pspec)
{
  const char *name = g_param_spec_get_name (pspec);

  if (g_str_equal (name, "updated-at"))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UPDATED_AT]);
  else if (g_str_equal (name, "loading"))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
  else if (g_str_equal (name, "error"))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
}

/* ---- GObject ------------------------------------------------------------------------ */

static void
paddock_positions_page_dispose (GObject *object)
{
  PaddockPositionsPage *self = PADDOCK_POSITIONS_PAGE (object);
  GtkWidget *child;

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  g_clear_object (&self->model);
  gtk_widget_dispose_template (GTK_WIDGET (object), PADDOCK_TYPE_POSITIONS_PAGE);
  /* the template's children without an id too */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->sorted);

  G_OBJECT_CLASS (paddock_positions_page_parent_class)->dispose (object);
}

static void
paddock_positions_page_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  PaddockPositionsPage *self = PADDOCK_POSITIONS_PAGE (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      g_value_set_object (value, self->model);
      break;
    case PROP_UPDATED_AT:
    case PROP_LOADING:
    case PROP_ERROR:
      g_object_get_property (G_OBJECT (self->freshness), g_param_spec_get_name (pspec), value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
paddock_positions_page_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  PaddockPositionsPage *self = PADDOCK_POSITIONS_PAGE (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      paddock_positions_page_set_model (self, g_value_get_object (value));
      break;
    case PROP_UPDATED_AT:
    case PROP_LOADING:
    case PROP_ERROR:
      g_object_set_property (G_OBJECT (self->freshness), g_param_spec_get_name (pspec), value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
paddock_positions_page_class_init (PaddockPositionsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = paddock_positions_page_dispose;
  object_class->get_property = paddock_positions_page_get_property;
  object_class->set_property = paddock_positions_page_set_property;

  /**
   * PaddockPositionsPage:model:
   *
   * The positions shown: a #GListModel of #PaddockPosition (the session's store).
   */
  properties[PROP_MODEL] =
    g_param_spec_object ("model", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * PaddockPositionsPage:updated-at:
   *
   * When the positions were fetched: "Updated 10:42". Bind the store's.
   */
  properties[PROP_UPDATED_AT] =
    g_param_spec_boxed ("updated-at", NULL, NULL, G_TYPE_DATE_TIME,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * PaddockPositionsPage:loading:
   *
   * Whether a refresh runs: a spinner. Bind the store's.
   */
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * PaddockPositionsPage:error:
   *
   * Why the last refresh failed: the stale banner shows while set. Bind the store's.
   */
  properties[PROP_ERROR] =
    g_param_spec_boxed ("error", NULL, NULL, G_TYPE_ERROR,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * PaddockPositionsPage::close-requested:
   * @self: the page
   * @symbol: the position's symbol
   * @qty: (nullable): how much to close, or %NULL for all of it
   *
   * The person confirmed closing a position.
   */
  signals[SIGNAL_CLOSE_REQUESTED] =
    g_signal_new ("close-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 2, G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE,
                  G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE);
  /**
   * PaddockPositionsPage::close-all-requested:
   *
   * The person confirmed Close All….
   */
  signals[SIGNAL_CLOSE_ALL_REQUESTED] =
    g_signal_new ("close-all-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                  NULL, NULL, G_TYPE_NONE, 0);
  /**
   * PaddockPositionsPage::order-requested:
   * @self: the page
   * @symbol: the position's symbol
   * @side: "buy" or "sell"
   * @qty: (nullable): the quantity to fill in (Sell on a long position: all of it)
   *
   * The person chose Buy… or Sell… on a position's row: open the order ticket.
   */
  signals[SIGNAL_ORDER_REQUESTED] =
    g_signal_new ("order-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                  NULL, NULL, G_TYPE_NONE, 3, G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE,
                  G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE,
                  G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE);
  /**
   * PaddockPositionsPage::refresh-requested:
   *
   * The person pressed Retry on the stale banner.
   */
  signals[SIGNAL_REFRESH_REQUESTED] =
    g_signal_new ("refresh-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                  NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (PADDOCK_TYPE_FRESHNESS_BAR);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/paddockapp/Paddock/paddock-positions-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PaddockPositionsPage, freshness);
  gtk_widget_class_bind_template_child (widget_class, PaddockPositionsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, PaddockPositionsPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, PaddockPositionsPage, row_view);
  gtk_widget_class_bind_template_child (widget_class, PaddockPositionsPage, close_all_button);
  gtk_widget_class_bind_template_callback (widget_class, retry_cb);

  gtk_widget_class_install_action (widget_class, "positions.close", "s", close_action_cb);
  gtk_widget_class_install_action (widget_class, "positions.close-all", NULL, close_all_action_cb);
  gtk_widget_class_install_action (widget_class, "positions.buy", "s", order_action_cb);
  gtk_widget_class_install_action (widget_class, "positions.sell", "s", order_action_cb);
}

static void
paddock_positions_page_init (PaddockPositionsPage *self)
{
  GtkColumnViewColumn *column;
  g_autoptr (GtkListItemFactory) menu_factory = gtk_signal_list_item_factory_new ();
  g_autoptr (GtkColumnViewColumn) menu_column = NULL;
  g_autoptr (GtkNoSelection) selection = NULL;
  g_autoptr (GtkListItemFactory) row_factory = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  column = paddock_table_add_column (self->column_view, "symbol", _("Symbol"), FALSE,
                                     symbol_text, symbol_compare);
  gtk_column_view_column_set_expand (column, TRUE);
  paddock_table_add_column (self->column_view, "qty", _("Quantity"), TRUE, qty_text, qty_compare);
  paddock_table_add_column (self->column_view, "avg-entry", _("Avg. Entry"), TRUE, entry_text,
                            entry_compare);
  paddock_table_add_column (self->column_view, "price", _("Price"), TRUE, price_text,
                            price_compare);
  paddock_table_add_column (self->column_view, "market-value", _("Market Value"), TRUE,
                            value_text, value_compare);
  paddock_table_add_column (self->column_view, "unrealized-pl", _("Unrealized P/L"), TRUE,
                            pl_text, pl_compare);
  paddock_table_add_column (self->column_view, "unrealized-plpc", _("P/L %"), TRUE, plpc_text,
                            plpc_compare);
  paddock_table_add_column (self->column_view, "today", _("Today"), TRUE, today_text,
                            today_compare);

  g_signal_connect (menu_factory, "setup", G_CALLBACK (menu_setup_cb), NULL);
  menu_column = gtk_column_view_column_new (NULL, g_object_ref (menu_factory));
  gtk_column_view_append_column (self->column_view, menu_column);

  self->sorted = gtk_sort_list_model_new (NULL, g_object_ref (gtk_column_view_get_sorter (self->column_view)));
  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->sorted)));
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (selection));
  /* the narrow form shows the same rows, in the same order */
  row_factory = paddock_table_row_factory_new (row_text, menu_button_new);
  gtk_list_view_set_factory (self->row_view, row_factory);
  gtk_list_view_set_model (self->row_view, GTK_SELECTION_MODEL (selection));

  g_signal_connect_object (self->freshness, "notify", G_CALLBACK (freshness_notify_cb), self,
                           G_CONNECT_SWAPPED);
  update_state (self);
}

/**
 * paddock_positions_page_new:
 *
 * Returns: (transfer floating): a new page, without positions until given a model
 */
GtkWidget *
paddock_positions_page_new (void)
{
  return g_object_new (PADDOCK_TYPE_POSITIONS_PAGE, NULL);
}

GListModel *
paddock_positions_page_get_model (PaddockPositionsPage *self)
{
  g_return_val_if_fail (PADDOCK_IS_POSITIONS_PAGE (self), NULL);

  return self->model;
}

/**
 * paddock_positions_page_set_model:
 * @self: a positions page
 * @model: (nullable): a #GListModel of #PaddockPosition
 *
 * Shows @model's positions, following its changes; the page keeps no copy.
 */
void
paddock_positions_page_set_model (PaddockPositionsPage *self,
                                  GListModel           *model)
{
  g_return_if_fail (PADDOCK_IS_POSITIONS_PAGE (self));
  g_return_if_fail (model == NULL || G_IS_LIST_MODEL (model));
  g_return_if_fail (model == NULL ||
                    g_type_is_a (g_list_model_get_item_type (model), PADDOCK_TYPE_POSITION));

  if (self->model == model)
    return;
  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  g_set_object (&self->model, model);
  if (model != NULL)
    g_signal_connect_swapped (model, "items-changed", G_CALLBACK (items_changed_cb), self);
  gtk_sort_list_model_set_model (self->sorted, model);
  update_state (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODEL]);
}

/**
 * paddock_positions_page_get_column_view:
 * @self: a positions page
 *
 * Returns: (transfer none): the table, whose model is what the page shows
 */
GtkColumnView *
paddock_positions_page_get_column_view (PaddockPositionsPage *self)
{
  g_return_val_if_fail (PADDOCK_IS_POSITIONS_PAGE (self), NULL);

  return self->column_view;
}
