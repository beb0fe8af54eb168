/* paddock-account-view.c: the account overview
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The figures follow the PaddockAccount they show: labels are bound to its properties
 * (through paddock-format), so a refresh that updates the account in place updates the
 * page. Today's change is written with its sign always, and coloured as well; colour is
 * never the only clue.
 *
 * Under the figures: the newest open orders and the largest positions, five each, straight
 * from the session's stores through a filter, a sort and a slice model (never a copy), so
 * that rows come, go and change with the stores. An order that stops working leaves, a
 * position whose value moves is sorted again (both through the items' notify signals,
 * coalesced in an idle). Show All switches the view stack the overview sits in.
 */
#define G_LOG_DOMAIN "paddock-account-view"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "paddock-account-view.h"
#include "paddock-format.h"
#include "paddock-order.h"
#include "paddock-orders-page.h"
#include "paddock-portfolio-panel.h"
#include "paddock-position.h"
#include "paddock-table.h"

#define DEFAULT_CURRENCY "USD"
/* what a label shows when the server sent something that is not a number */
#define NO_VALUE "—"
/* rows in each of the overview's lists */
#define OVERVIEW_ROWS 5

struct _PaddockAccountView
{
  GtkWidget parent_instance;

  GtkStack *state_stack;
  GtkSpinner *spinner;
  GtkWidget *restrictions_strip;
  GtkLabel *restrictions_label;
  GtkLabel *equity_label;
  GtkLabel *today_label;
  GtkLabel *cash_label;
  GtkLabel *buying_power_label;
  GtkLabel *account_number_label;
  GtkLabel *status_label;
  AdwStatusPage *error_page;
  GtkListBox *orders_list;
  GtkListBox *positions_list;
  GtkLabel *orders_placeholder;
  GtkLabel *positions_placeholder;
  PaddockPortfolioPanel *portfolio_panel;

  GListModel *orders;                   /* the session's order store */
  GListModel *positions;                /* the session's position store */
  GtkFilterListModel *open_filtered;    /* orders → open ones (owned by the slice's chain) */
  GtkCustomFilter *open_filter;
  GtkSliceListModel *open_orders;       /* … newest first, the first five */
  GtkSortListModel *positions_sorted;   /* positions → by absolute value */
  GtkCustomSorter *value_sorter;
  GtkSliceListModel *largest_positions; /* … the first five */
  guint resort_source;
  gulong open_watch;           /* paddock_order_add_open_watch(), while orders are shown */

  PaddockAccount *account;
  GPtrArray *bindings;
  PaddockAccountViewState state;
};

G_DEFINE_FINAL_TYPE (PaddockAccountView, paddock_account_view, GTK_TYPE_WIDGET)

G_DEFINE_ENUM_TYPE (PaddockAccountViewState, paddock_account_view_state,
                    G_DEFINE_ENUM_VALUE (PADDOCK_ACCOUNT_VIEW_LOADING, "loading"),
                    G_DEFINE_ENUM_VALUE (PADDOCK_ACCOUNT_VIEW_LOADED, "loaded"),
                    G_DEFINE_ENUM_VALUE (PADDOCK_ACCOUNT_VIEW_ERROR, "error"))

enum {
  PROP_0,
  PROP_ACCOUNT,
  PROP_STATE,
  N_PROPS
};

enum {
  SIGNAL_RETRY,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static const char *
account_currency (PaddockAccountView *self)
{
  const char *currency = paddock_account_get_currency (self->account);

  return currency != NULL && currency[0] != '\0' ? currency : DEFAULT_CURRENCY;
}

static const char *
status_in_words (const char *status)
{
  static const struct {
    const char *status;
    const char *words;
  } statuses[] = {
    { "ACTIVE", N_("Active") },
    { "ONBOARDING", N_("Onboarding") },
    { "SUBMITTED", N_("Submitted") },
    { "SUBMISSION_FAILED", N_("Submission Failed") },
    { "ACCOUNT_UPDATED", N_("Account Updated") },
    { "APPROVAL_PENDING", N_("Approval Pending") },
    { "REJECTED", N_("Rejected") },
    { "ACCOUNT_CLOSED", N_("Closed") },
    { "INACTIVE", N_("Inactive") },
    { "DISABLED", N_("Disabled") },
  };

  if (status == NULL)
    return NO_VALUE;
  for (gsize i = 0; i < G_N_ELEMENTS (statuses); i++)
    if (g_str_equal (status, statuses[i].status))
      return _(statuses[i].words);
  return status;
}

static void
set_state (PaddockAccountView      *self,
           PaddockAccountViewState  state)
{
  static const char *pages[] = { "loading", "loaded", "error" };

  gtk_stack_set_visible_child_name (self->state_stack, pages[state]);
  gtk_spinner_set_spinning (self->spinner, state == PADDOCK_ACCOUNT_VIEW_LOADING);

  if (self->state != state)
    {
      self->state = state;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
    }
}

static gboolean
money_transform (GBinding     *binding,
                 const GValue *from,
                 GValue       *to,
                 gpointer      user_data)
{
  PaddockAccountView *self = user_data;
  char *text = paddock_format_money (g_value_get_string (from), account_currency (self));

  g_value_take_string (to, text != NULL ? text : g_strdup (NO_VALUE));
  return TRUE;
}

static gboolean
status_transform (GBinding     *binding,
                  const GValue *from,
                  GValue       *to,
                  gpointer      user_data)
{
  g_value_set_string (to, status_in_words (g_value_get_string (from)));
  return TRUE;
}

static void
update_today (PaddockAccountView *self)
{
  const char *equity = paddock_account_get_equity (self->account);
  const char *last_equity = paddock_account_get_last_equity (self->account);
  g_autofree char *text = paddock_format_change (equity, last_equity, account_currency (self));
  int direction = text != NULL ? paddock_decimal_compare (equity, last_equity) : 0;

  gtk_label_set_label (self->today_label, text != NULL ? text : NO_VALUE);
  if (direction > 0)
    gtk_widget_add_css_class (GTK_WIDGET (self->today_label), "success");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->today_label), "success");
  if (direction < 0)
    gtk_widget_add_css_class (GTK_WIDGET (self->today_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->today_label), "error");
}

static void
update_restrictions (PaddockAccountView *self)
{
  g_autoptr (GPtrArray) lines = g_ptr_array_new ();
  gboolean blocked = FALSE;
  g_autofree char *text = NULL;

  if (paddock_account_get_account_blocked (self->account))
    {
      g_ptr_array_add (lines, _("This account is blocked: Alpaca allows no activity on it."));
      blocked = TRUE;
    }
  if (paddock_account_get_trading_blocked (self->account))
    {
      g_ptr_array_add (lines, _("Trading is blocked: orders cannot be placed."));
      blocked = TRUE;
    }
  if (paddock_account_get_pattern_day_trader (self->account))
    g_ptr_array_add (lines, _("This account is flagged as a pattern day trader: day trades "
                              "need at least $25,000 in equity."));
  g_ptr_array_add (lines, NULL);

  text = g_strjoinv ("\n", (char **) lines->pdata);
  gtk_label_set_label (self->restrictions_label, text);
  gtk_widget_set_visible (self->restrictions_strip, lines->len > 1);
  if (blocked)
    gtk_widget_add_css_class (self->restrictions_strip, "blocked");
  else
    gtk_widget_remove_css_class (self->restrictions_strip, "blocked");
}

static void
unbind_account (PaddockAccountView *self)
{
  for (guint i = 0; i < self->bindings->len; i++)
    g_binding_unbind (g_ptr_array_index (self->bindings, i));
  g_ptr_array_set_size (self->bindings, 0);

  if (self->account != NULL)
    g_signal_handlers_disconnect_by_data (self->account, self);
}

static void bind_account (PaddockAccountView *self);

static void
currency_changed_cb (PaddockAccountView *self)
{
  /* every amount is written with the currency: bind again to write them anew */
  unbind_account (self);
  bind_account (self);
}

static void
bind_money (PaddockAccountView *self,
            const char         *property,
            GtkLabel           *label)
{
  GBinding *binding;

  binding = g_object_bind_property_full (self->account, property, label, "label",
                                         G_BINDING_SYNC_CREATE, money_transform, NULL, self, NULL);
  g_ptr_array_add (self->bindings, binding);
}

static void
bind_account (PaddockAccountView *self)
{
  GBinding *binding;

  bind_money (self, "equity", self->equity_label);
  bind_money (self, "cash", self->cash_label);
  bind_money (self, "buying-power", self->buying_power_label);

  binding = g_object_bind_property (self->account, "account-number",
                                    self->account_number_label, "label", G_BINDING_SYNC_CREATE);
  g_ptr_array_add (self->bindings, binding);
  binding = g_object_bind_property_full (self->account, "status", self->status_label, "label",
                                         G_BINDING_SYNC_CREATE, status_transform, NULL, NULL, NULL);
  g_ptr_array_add (self->bindings, binding);

  g_signal_connect_swapped (self->account, "notify::equity", G_CALLBACK (update_today), self);
  g_signal_connect_swapped (self->account, "notify::last-equity", G_CALLBACK (update_today), self);
  g_signal_connect_swapped (self->account, "notify::currency", G_CALLBACK (currency_changed_cb),
                            self);
  g_signal_connect_swapped (self->account, "notify::pattern-day-trader",
                            G_CALLBACK (update_restrictions), self);
  g_signal_connect_swapped (self->account, "notify::trading-blocked",
                            G_CALLBACK (update_restrictions), self);
  g_signal_connect_swapped (self->account, "notify::account-blocked",
                            G_CALLBACK (update_restrictions), self);

  paddock_portfolio_panel_set_currency (self->portfolio_panel, account_currency (self));
  update_today (self);
  update_restrictions (self);
}

/* ---- open orders and largest positions -------------------------------------------------- */

static gboolean
order_is_open (gpointer item,
               gpointer user_data)
{
  return paddock_order_is_open (PADDOCK_ORDER (item));
}

static GDateTime *
order_time (PaddockOrder *order)
{
  GDateTime *time = paddock_order_get_submitted_at (order);

  return time != NULL ? time : paddock_order_get_created_at (order);
}

static int
newest_first (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  GDateTime *x = order_time (PADDOCK_ORDER ((gpointer) a));
  GDateTime *y = order_time (PADDOCK_ORDER ((gpointer) b));
  int order;

  if (x == NULL || y == NULL)
    return (x == NULL) - (y == NULL);   /* without a time: last */
  order = g_date_time_compare (y, x);
  if (order != 0)
    return order;
  return g_strcmp0 (paddock_order_get_id (PADDOCK_ORDER ((gpointer) a)),
                    paddock_order_get_id (PADDOCK_ORDER ((gpointer) b)));
}

/* the value as a number, only to sort by: the text itself is what is shown */
static double
absolute_value (PaddockPosition *position)
{
  const char *value = paddock_position_get_market_value (position);

  return value != NULL && paddock_decimal_is_valid (value) ? fabs (g_ascii_strtod (value, NULL))
                                                           : -1.0;
}

static int
largest_first (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  double x = absolute_value (PADDOCK_POSITION ((gpointer) a));
  double y = absolute_value (PADDOCK_POSITION ((gpointer) b));

  if (x != y)
    return (x < y) - (x > y);
  return g_strcmp0 (paddock_position_get_symbol (PADDOCK_POSITION ((gpointer) a)),
                    paddock_position_get_symbol (PADDOCK_POSITION ((gpointer) b)));
}

static gboolean
resort_cb (gpointer user_data)
{
  PaddockAccountView *self = user_data;

  self->resort_source = 0;
  gtk_filter_changed (GTK_FILTER (self->open_filter), GTK_FILTER_CHANGE_DIFFERENT);
  gtk_sorter_changed (GTK_SORTER (self->value_sorter), GTK_SORTER_CHANGE_DIFFERENT);
  return G_SOURCE_REMOVE;
}

/* An order that starts or stops working, a position whose value moves: once per burst. */
static void
item_moved_cb (PaddockAccountView *self)
{
  if (self->resort_source == 0)
    self->resort_source = g_idle_add (resort_cb, self);
}

static void
watch_items (PaddockAccountView *self,
             GListModel         *model,
             const char         *signal,
             guint               position,
             guint               added)
{
  for (guint i = position; i < position + added; i++)
    {
      g_autoptr (GObject) item = g_list_model_get_item (model, i);

      /* once per item, however often it comes back */
      g_signal_handlers_disconnect_by_func (item, item_moved_cb, self);
      g_signal_connect_object (item, signal, G_CALLBACK (item_moved_cb), self,
                               G_CONNECT_SWAPPED);
    }
}

static void
unwatch_items (PaddockAccountView *self,
               GListModel         *model)
{
  guint n = model != NULL ? g_list_model_get_n_items (model) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (GObject) item = g_list_model_get_item (model, i);

      g_signal_handlers_disconnect_by_func (item, item_moved_cb, self);
    }
}

/* any order that starts or stops working (one watch for all, nothing per order) */
static void
order_open_changed_cb (PaddockOrder *order,
                       gpointer      user_data)
{
  item_moved_cb (user_data);
}

static void
positions_changed_cb (GListModel         *model,
                      guint               position,
                      guint               removed,
                      guint               added,
                      PaddockAccountView *self)
{
  watch_items (self, model, "notify::market-value", position, added);
}

/* What an empty list says: loading, could not be loaded, or really nothing */
static void
update_placeholder (GtkLabel   *label,
                    GListModel *store,
                    const char *loading,
                    const char *failed,
                    const char *empty)
{
  g_autoptr (GDateTime) updated_at = NULL;
  g_autoptr (GError) error = NULL;

  if (store != NULL)
    g_object_get (store, "updated-at", &updated_at, "error", &error, NULL);
  if (updated_at != NULL)
    gtk_label_set_label (label, empty);
  else if (error != NULL)
    gtk_label_set_label (label, failed);
  else
    gtk_label_set_label (label, loading);
}

static void
update_placeholders (PaddockAccountView *self)
{
  update_placeholder (self->orders_placeholder, self->orders, _("Loading orders…"),
                      _("The orders could not be loaded."), _("No open orders"));
  update_placeholder (self->positions_placeholder, self->positions, _("Loading positions…"),
                      _("The positions could not be loaded."), _("No positions"));
}

static GtkLabel *
new_placeholder (const char *name)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_widget_set_name (label, name);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_set_margin_top (label, 18);
  gtk_widget_set_margin_bottom (label, 18);
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_end (label, 12);
  gtk_widget_add_css_class (label, "dim-label");
  return GTK_LABEL (label);
}

static GtkWidget *
new_row (const char *name)
{
  GtkWidget *row = adw_action_row_new ();

  gtk_widget_set_name (row, name);
  /* the row does nothing: no Tab stop (Show All leads to the page where rows act) */
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_can_focus (row, FALSE);
  /* symbols and codes are outside text: never markup */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  return row;
}

static GtkWidget *
new_figure (GtkWidget  *row,
            const char *name,
            const char *key)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_widget_set_name (label, name);
  gtk_label_set_xalign (GTK_LABEL (label), 1.0);
  gtk_widget_add_css_class (label, "figure-value");
  g_object_set_data (G_OBJECT (row), key, label);
  return label;
}

/* "Limit $190.00", "Stop $181.50, Limit $180.00", "Trailing Stop 5 %", "Market" */
static char *
order_price_words (PaddockOrder *order)
{
  const char *type = paddock_orders_page_type_words (order);
  g_autofree char *limit = paddock_order_get_limit_price (order) != NULL
    ? paddock_format_money (paddock_order_get_limit_price (order), DEFAULT_CURRENCY) : NULL;
  g_autofree char *stop = paddock_order_get_stop_price (order) != NULL
    ? paddock_format_money (paddock_order_get_stop_price (order), DEFAULT_CURRENCY) : NULL;
  g_autofree char *trail = NULL;

  if (paddock_order_get_trail_price (order) != NULL)
    trail = paddock_format_money (paddock_order_get_trail_price (order), DEFAULT_CURRENCY);
  else if (paddock_order_get_trail_percent (order) != NULL)
    {
      g_autofree char *percent = paddock_format_printable (paddock_order_get_trail_percent (order));

      /* Translators: a trail in percent, e.g. "5 %" */
      trail = g_strdup_printf (_("%s%%"), percent);
    }

  switch (paddock_order_get_kind (order))
    {
    case PADDOCK_ORDER_TYPE_LIMIT:
      /* Translators: an order type and its price: "Limit $190.00" */
      return limit != NULL ? g_strdup_printf (_("%s %s"), type, limit) : g_strdup (type);
    case PADDOCK_ORDER_TYPE_STOP:
      return stop != NULL ? g_strdup_printf (_("%s %s"), type, stop) : g_strdup (type);
    case PADDOCK_ORDER_TYPE_STOP_LIMIT:
      if (stop != NULL && limit != NULL)
        /* Translators: "Stop $181.50, Limit $180.00" */
        return g_strdup_printf (_("Stop %s, Limit %s"), stop, limit);
      return g_strdup (type);
    case PADDOCK_ORDER_TYPE_TRAILING_STOP:
      return trail != NULL ? g_strdup_printf (_("%s %s"), type, trail) : g_strdup (type);
    case PADDOCK_ORDER_TYPE_MARKET:
    case PADDOCK_ORDER_TYPE_UNKNOWN:
    default:
      return g_strdup (type != NULL ? type : NO_VALUE);
    }
}

static void
update_order_row (GtkWidget *row)
{
  PaddockOrder *order = g_object_get_data (G_OBJECT (row), "paddock-item");
  GtkWidget *dot = g_object_get_data (G_OBJECT (row), "paddock-dot");
  GtkLabel *status = g_object_get_data (G_OBJECT (row), "paddock-status");
  g_autofree char *symbol = paddock_format_printable (paddock_order_get_symbol (order));
  g_autofree char *side = paddock_format_printable (paddock_orders_page_side_words (order));
  g_autofree char *amount = NULL;
  g_autofree char *price = order_price_words (order);
  g_autofree char *subtitle = NULL;
  g_autofree char *words = paddock_format_printable (paddock_orders_page_status_words (order));
  const char *dot_classes[] = { "status-dot", paddock_orders_page_status_class (order), NULL };

  if (paddock_order_get_qty (order) != NULL)
    amount = paddock_format_quantity (paddock_order_get_qty (order));
  else if (paddock_order_get_notional (order) != NULL)
    amount = paddock_format_money (paddock_order_get_notional (order), DEFAULT_CURRENCY);

  /* Translators: side, quantity and type with price: "Buy 10 · Limit $190.00" */
  subtitle = g_strdup_printf (_("%s %s · %s"), side != NULL ? side : NO_VALUE,
                              amount != NULL ? amount : NO_VALUE, price);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), symbol != NULL ? symbol : NO_VALUE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_label_set_label (status, words != NULL ? words : NO_VALUE);
  gtk_widget_set_css_classes (dot, dot_classes);
}

static GtkWidget *
create_order_row (gpointer item,
                  gpointer user_data)
{
  GtkWidget *row = new_row ("overview-order");
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *dot = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *status = gtk_label_new (NULL);

  gtk_widget_set_valign (dot, GTK_ALIGN_CENTER);
  gtk_widget_set_name (status, "overview-order-status");
  gtk_box_append (GTK_BOX (box), dot);
  gtk_box_append (GTK_BOX (box), status);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), box);

  g_object_set_data_full (G_OBJECT (row), "paddock-item", g_object_ref (item), g_object_unref);
  g_object_set_data (G_OBJECT (row), "paddock-dot", dot);
  g_object_set_data (G_OBJECT (row), "paddock-status", status);
  update_order_row (row);
  /* an order updated in place (a partial fill, a new price) */
  g_signal_connect_object (item, "notify", G_CALLBACK (update_order_row), row,
                           G_CONNECT_SWAPPED);
  return row;
}

static void
update_position_row (GtkWidget *row)
{
  PaddockPosition *position = g_object_get_data (G_OBJECT (row), "paddock-item");
  GtkLabel *value = g_object_get_data (G_OBJECT (row), "paddock-value");
  GtkLabel *pl_label = g_object_get_data (G_OBJECT (row), "paddock-pl");
  const char *qty = paddock_position_get_qty (position);
  const char *pl = paddock_position_get_unrealized_pl (position);
  const char *plpc = paddock_position_get_unrealized_plpc (position);
  g_autofree char *symbol = paddock_format_printable (paddock_position_get_symbol (position));
  g_autofree char *quantity = qty != NULL ? paddock_format_quantity (qty) : NULL;
  g_autofree char *money = paddock_format_money (paddock_position_get_market_value (position),
                                                 DEFAULT_CURRENCY);
  g_autofree char *pl_money = paddock_format_money_full (pl, DEFAULT_CURRENCY,
                                                         PADDOCK_FORMAT_ALWAYS_SIGN);
  g_autofree char *pl_percent = paddock_table_format_percent (plpc);
  g_autofree char *subtitle = NULL;
  char *pl_text = NULL;
  double n = qty != NULL ? fabs (g_ascii_strtod (qty, NULL)) : 0.0;
  /* a fraction of a share reads as plural */
  gulong count = n == floor (n) && n < G_MAXULONG ? (gulong) n : 2;

  if (quantity != NULL)
    /* Translators: a position's size: "10 shares" */
    subtitle = g_strdup_printf (ngettext ("%s share", "%s shares", count), quantity);
  if (pl_money != NULL && pl_percent != NULL)
    /* Translators: unrealized profit or loss: "+$123.45 (+2.10 %)" */
    pl_text = g_strdup_printf (_("%s (%s)"), pl_money, pl_percent);
  else if (pl_money != NULL)
    pl_text = g_strdup (pl_money);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), symbol != NULL ? symbol : NO_VALUE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle != NULL ? subtitle : NO_VALUE);
  gtk_label_set_label (value, money != NULL ? money : NO_VALUE);
  paddock_table_set_signed (pl_label, pl, pl_text);
}

static GtkWidget *
create_position_row (gpointer item,
                     gpointer user_data)
{
  GtkWidget *row = new_row ("overview-position");
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *pl = new_figure (row, "overview-position-pl", "paddock-pl");

  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), new_figure (row, "overview-position-value", "paddock-value"));
  gtk_widget_add_css_class (pl, "caption");
  gtk_box_append (GTK_BOX (box), pl);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), box);

  g_object_set_data_full (G_OBJECT (row), "paddock-item", g_object_ref (item), g_object_unref);
  update_position_row (row);
  g_signal_connect_object (item, "notify", G_CALLBACK (update_position_row), row,
                           G_CONNECT_SWAPPED);
  return row;
}

static void
drop_stores (PaddockAccountView *self)
{
  if (self->orders != NULL)
    g_signal_handlers_disconnect_by_data (self->orders, self);
  if (self->open_watch != 0)
    {
      paddock_order_remove_open_watch (self->open_watch);
      self->open_watch = 0;
    }
  if (self->positions != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->positions, self);
      unwatch_items (self, self->positions);
    }
  g_clear_object (&self->orders);
  g_clear_object (&self->positions);
  g_clear_handle_id (&self->resort_source, g_source_remove);
}

static void
show_all_cb (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  GtkWidget *stack = gtk_widget_get_ancestor (widget, ADW_TYPE_VIEW_STACK);

  if (stack != NULL)
    adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (stack),
                                           g_variant_get_string (parameter, NULL));
}

static void
retry_cb (GtkWidget  *widget,
          const char *action_name,
          GVariant   *parameter)
{
  g_signal_emit (widget, signals[SIGNAL_RETRY], 0);
}

static void
paddock_account_view_dispose (GObject *object)
{
  PaddockAccountView *self = PADDOCK_ACCOUNT_VIEW (object);

  if (self->bindings != NULL)
    unbind_account (self);
  g_clear_object (&self->account);
  drop_stores (self);
  gtk_widget_dispose_template (GTK_WIDGET (object), PADDOCK_TYPE_ACCOUNT_VIEW);
  g_clear_object (&self->open_orders);
  g_clear_object (&self->largest_positions);
  g_clear_object (&self->open_filter);
  g_clear_object (&self->value_sorter);

  G_OBJECT_CLASS (paddock_account_view_parent_class)->dispose (object);
}

static void
paddock_account_view_finalize (GObject *object)
{
  PaddockAccountView *self = PADDOCK_ACCOUNT_VIEW (object);

  g_clear_pointer (&self->bindings, g_ptr_array_unref);

  G_OBJECT_CLASS (paddock_account_view_parent_class)->finalize (object);
}

static void
paddock_account_view_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  PaddockAccountView *self = PADDOCK_ACCOUNT_VIEW (object);

  switch (prop_id)
    {
    case PROP_ACCOUNT:
      g_value_set_object (value, self->account);
      break;

    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
paddock_account_view_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  PaddockAccountView *self = PADDOCK_ACCOUNT_VIEW (object);

  switch (prop_id)
    {
    case PROP_ACCOUNT:
      paddock_account_view_set_account (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
paddock_account_view_class_init (PaddockAccountViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = paddock_account_view_dispose;
  object_class->finalize = paddock_account_view_finalize;
  object_class->get_property = paddock_account_view_get_property;
  object_class->set_property = paddock_account_view_set_property;

  /**
   * PaddockAccountView:account:
   *
   * The account shown. Setting one shows its figures; %NULL shows the spinner.
   */
  properties[PROP_ACCOUNT] =
    g_param_spec_object ("account", NULL, NULL, PADDOCK_TYPE_ACCOUNT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * PaddockAccountView:state:
   *
   * Loading, loaded or error.
   */
  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, PADDOCK_TYPE_ACCOUNT_VIEW_STATE,
                       PADDOCK_ACCOUNT_VIEW_LOADING,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * PaddockAccountView::retry:
   * @self: the view
   *
   * The person pressed Retry on the error page.
   */
  signals[SIGNAL_RETRY] = g_signal_new ("retry", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                        NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (PADDOCK_TYPE_PORTFOLIO_PANEL);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/paddockapp/Paddock/paddock-account-view.ui");
  gtk_widget_class_bind_template_child (widget_class, PaddockAccountView, state_stack);
  gtk_widget_class_bind_template_child (widget_class, PaddockAccountView, spinner);
  gtk_widget_class_bind_template_child (widget_class, PaddockAccountView, restrictions_strip);
  gtk_widget_class_bind_template_child (widget_class, PaddockAccountView, restrictions_label);
  gtk_widget_class_bind_template_child (widget_class, PaddockAccountView, equity_label);
  gtk_widget_class_bind_template_child (widget_class, PaddockAccountView, today_label);
  gtk_widget_class_bind_template_child (widget_class, PaddockAccountView, cash_label);
  gtk_widget_class_bind_template_child (widget_class, PaddockAccountView, buying_power_label);
  gtk_widget_class_bind_template_child (widget_class, PaddockAccountView, account_number_label);
  gtk_widget_class_bind_template_child (widget_class, PaddockAccountView, status_label);
  gtk_widget_class_bind_template_child (widget_class, PaddockAccountView, error_page);
  gtk_widget_class_bind_template_child (widget_class, PaddockAccountView, orders_list);
  gtk_widget_class_bind_template_child (widget_class, PaddockAccountView, positions_list);
  gtk_widget_class_bind_template_child (widget_class, PaddockAccountView, portfolio_panel);

  gtk_widget_class_install_action (widget_class, "account-view.retry", NULL, retry_cb);
  gtk_widget_class_install_action (widget_class, "account-view.show-all", "s", show_all_cb);
}

/* A figure card keeps one width whatever its number: its value asks from the start for
 * the room of a sample as wide as a large ordinary figure, measured in the label's own font
 * with its tabular digits (all of one width), so "$1.00" and "$1,000,000.00" take the same. */
static void
reserve_figure_width_cb (GtkWidget  *label,
                         const char *sample)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (label, sample);
  PangoAttrList *attributes = pango_attr_list_new ();
  int width = 0;

  pango_attr_list_insert (attributes, pango_attr_font_features_new ("tnum"));
  pango_layout_set_attributes (layout, attributes);
  pango_layout_get_pixel_size (layout, &width, NULL);
  pango_attr_list_unref (attributes);
  g_object_unref (layout);
  gtk_widget_set_size_request (label, width, -1);
}

static void
reserve_figure_width (GtkLabel *label,
                      char     *sample)
{
  g_object_set_data_full (G_OBJECT (label), "paddock-sample", sample, g_free);
  g_signal_connect (label, "realize", G_CALLBACK (reserve_figure_width_cb), sample);
}

static void
paddock_account_view_init (PaddockAccountView *self)
{
  GtkSortListModel *sorted;

  gtk_widget_init_template (GTK_WIDGET (self));
  reserve_figure_width (self->equity_label, paddock_format_money ("8888888.88", "USD"));
  reserve_figure_width (self->today_label,
                        paddock_format_change ("1088888.88", "1000000.00", "USD"));
  reserve_figure_width (self->cash_label, paddock_format_money ("8888888.88", "USD"));
  reserve_figure_width (self->buying_power_label, paddock_format_money ("8888888.88", "USD"));

  /* orders → open ones → newest first → five; positions → largest first → five */
  self->open_filter = gtk_custom_filter_new (order_is_open, NULL, NULL);
  self->open_filtered = gtk_filter_list_model_new (NULL,
                                                   g_object_ref (GTK_FILTER (self->open_filter)));
  sorted = gtk_sort_list_model_new (G_LIST_MODEL (self->open_filtered),
                                    GTK_SORTER (gtk_custom_sorter_new (newest_first, NULL, NULL)));
  self->open_orders = gtk_slice_list_model_new (G_LIST_MODEL (sorted), 0, OVERVIEW_ROWS);
  self->value_sorter = gtk_custom_sorter_new (largest_first, NULL, NULL);
  self->positions_sorted = gtk_sort_list_model_new (NULL,
                                                    g_object_ref (GTK_SORTER (self->value_sorter)));
  self->largest_positions = gtk_slice_list_model_new (G_LIST_MODEL (self->positions_sorted), 0,
                                                      OVERVIEW_ROWS);
  gtk_list_box_bind_model (self->orders_list, G_LIST_MODEL (self->open_orders),
                           create_order_row, self, NULL);
  gtk_list_box_bind_model (self->positions_list, G_LIST_MODEL (self->largest_positions),
                           create_position_row, self, NULL);
  self->orders_placeholder = new_placeholder ("overview-orders-empty");
  self->positions_placeholder = new_placeholder ("overview-positions-empty");
  gtk_list_box_set_placeholder (self->orders_list, GTK_WIDGET (self->orders_placeholder));
  gtk_list_box_set_placeholder (self->positions_list, GTK_WIDGET (self->positions_placeholder));
  update_placeholders (self);

  self->bindings = g_ptr_array_new ();
  self->state = PADDOCK_ACCOUNT_VIEW_LOADING;
  set_state (self, PADDOCK_ACCOUNT_VIEW_LOADING);
}

/**
 * paddock_account_view_new:
 *
 * Returns: (transfer floating): a new view, loading
 */
GtkWidget *
paddock_account_view_new (void)
{
  return g_object_new (PADDOCK_TYPE_ACCOUNT_VIEW, NULL);
}

/**
 * paddock_account_view_get_account:
 * @self: a view
 *
 * Returns: (transfer none) (nullable): the account shown
 */
PaddockAccount *
paddock_account_view_get_account (PaddockAccountView *self)
{
  g_return_val_if_fail (PADDOCK_IS_ACCOUNT_VIEW (self), NULL);

  return self->account;
}

/**
 * paddock_account_view_set_account:
 * @self: a view
 * @account: (nullable): the account to show; %NULL shows the spinner until one comes
 *
 * Shows @account's figures and follows its changes.
 */
void
paddock_account_view_set_account (PaddockAccountView *self,
                                  PaddockAccount     *account)
{
  g_return_if_fail (PADDOCK_IS_ACCOUNT_VIEW (self));
  g_return_if_fail (account == NULL || PADDOCK_IS_ACCOUNT (account));

  if (self->account != account)
    {
      unbind_account (self);
      g_set_object (&self->account, account);
      if (account != NULL)
        bind_account (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACCOUNT]);
    }

  set_state (self, account != NULL ? PADDOCK_ACCOUNT_VIEW_LOADED : PADDOCK_ACCOUNT_VIEW_LOADING);
}

PaddockAccountViewState
paddock_account_view_get_state (PaddockAccountView *self)
{
  g_return_val_if_fail (PADDOCK_IS_ACCOUNT_VIEW (self), PADDOCK_ACCOUNT_VIEW_LOADING);

  return self->state;
}

/**
 * paddock_account_view_set_loading:
 * @self: a view
 *
 * Shows the spinner, e.g. while the first answer for a new account is awaited.
 */
void
paddock_account_view_set_loading (PaddockAccountView *self)
{
  g_return_if_fail (PADDOCK_IS_ACCOUNT_VIEW (self));

  set_state (self, PADDOCK_ACCOUNT_VIEW_LOADING);
}

/**
 * paddock_account_view_set_error:
 * @self: a view
 * @error: why the account could not be loaded
 *
 * Shows the error's message with a Retry button (see #PaddockAccountView::retry).
 */
void
paddock_account_view_set_error (PaddockAccountView *self,
                                const GError       *error)
{
  g_autofree char *description = NULL;

  g_return_if_fail (PADDOCK_IS_ACCOUNT_VIEW (self));
  g_return_if_fail (error != NULL);

  description = g_markup_escape_text (error->message != NULL ? error->message : "", -1);
  adw_status_page_set_description (self->error_page, description);
  set_state (self, PADDOCK_ACCOUNT_VIEW_ERROR);
}

/**
 * paddock_account_view_set_stores:
 * @self: a view
 * @orders: (nullable): the session's #PaddockOrderStore
 * @positions: (nullable): the session's #PaddockPositionStore
 *
 * Shows the newest open orders of @orders and the largest positions of @positions, five
 * each, following them live; %NULL shows none.
 */
void
paddock_account_view_set_stores (PaddockAccountView *self,
                                 GListModel         *orders,
                                 GListModel         *positions)
{
  g_return_if_fail (PADDOCK_IS_ACCOUNT_VIEW (self));
  g_return_if_fail (orders == NULL || G_IS_LIST_MODEL (orders));
  g_return_if_fail (positions == NULL || G_IS_LIST_MODEL (positions));

  drop_stores (self);
  if (orders != NULL)
    {
      self->orders = g_object_ref (orders);
      self->open_watch = paddock_order_add_open_watch (order_open_changed_cb, self);
      g_signal_connect_swapped (orders, "notify::updated-at", G_CALLBACK (update_placeholders),
                                self);
      g_signal_connect_swapped (orders, "notify::error", G_CALLBACK (update_placeholders), self);
    }
  if (positions != NULL)
    {
      self->positions = g_object_ref (positions);
      watch_items (self, positions, "notify::market-value", 0,
                   g_list_model_get_n_items (positions));
      g_signal_connect (positions, "items-changed", G_CALLBACK (positions_changed_cb), self);
      g_signal_connect_swapped (positions, "notify::updated-at", G_CALLBACK (update_placeholders),
                                self);
      g_signal_connect_swapped (positions, "notify::error", G_CALLBACK (update_placeholders),
                                self);
    }
  gtk_filter_list_model_set_model (self->open_filtered, orders);
  gtk_sort_list_model_set_model (self->positions_sorted, positions);
  update_placeholders (self);
}

/**
 * paddock_account_view_get_open_orders:
 *
 * Returns: (transfer none): what the Open Orders list shows: at most five open orders,
 *   newest first
 */
GListModel *
paddock_account_view_get_open_orders (PaddockAccountView *self)
{
  g_return_val_if_fail (PADDOCK_IS_ACCOUNT_VIEW (self), NULL);

  return G_LIST_MODEL (self->open_orders);
}

/**
 * paddock_account_view_get_largest_positions:
 *
 * Returns: (transfer none): what the Largest Positions list shows: at most five positions,
 *   by absolute market value
 */
GListModel *
paddock_account_view_get_largest_positions (PaddockAccountView *self)
{
  g_return_val_if_fail (PADDOCK_IS_ACCOUNT_VIEW (self), NULL);

  return G_LIST_MODEL (self->largest_positions);
}

/**
 * paddock_account_view_get_portfolio_panel:
 *
 * Returns: (transfer none): the portfolio chart and market clock under the figures
 */
PaddockPortfolioPanel *
paddock_account_view_get_portfolio_panel (PaddockAccountView *self)
{
  g_return_val_if_fail (PADDOCK_IS_ACCOUNT_VIEW (self), NULL);

  return self->portfolio_panel;
}
