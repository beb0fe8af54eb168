/* paddock-orders-page.c: orders, open and past, with bracket legs under their parent
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The page binds to a GListModel of PaddockOrder it is given (the session's order store)
 * and keeps no copy: filter → tree (each order's legs model as its children) → sort →
 * column view. The column view recycles its rows, so ten thousand orders cost the widgets
 * of the rows on screen. Cancel, Replace… and Cancel All… are asked for with signals; the
 * store pages its history in on ::load-more-requested when the list nears its end.
 */
#define G_LOG_DOMAIN "paddock-orders-page"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "paddock-format.h"
#include "paddock-freshness-bar.h"
#include "paddock-order.h"
#include "paddock-order-details.h"
#include "paddock-orders-page.h"
#include "paddock-table.h"

#define CURRENCY "USD"
/* ask for more when fewer than this many screens of rows are left below */
#define LOAD_MORE_SCREENS 2.0

struct _PaddockOrdersPage
{
  GtkWidget parent_instance;

  PaddockFreshnessBar *freshness;
  GtkWidget *toolbar;
  GtkToggleButton *open_toggle;
  GtkToggleButton *closed_toggle;
  GtkToggleButton *all_toggle;
  GtkSearchEntry *search_entry;
  GtkDropDown *side_dropdown;
  GtkStack *stack;
  AdwStatusPage *empty_page;
  GtkScrolledWindow *scrolled;
  GtkScrolledWindow *row_scrolled;
  GtkListView *row_view;
  GtkColumnView *column_view;

  GListModel *model;
  GtkCustomFilter *filter;
  GtkFilterListModel *filtered;
  GtkTreeListModel *tree;
  GtkSortListModel *sorted;

  PaddockOrdersFilter status_filter;
  char *search;                   /* casefolded, or NULL */
  PaddockOrderSide side;          /* UNKNOWN: both */
  guint load_more_at;             /* the row count at the last ::load-more-requested */
  gulong open_watch;              /* paddock_order_add_open_watch(), while a model is shown */
  GHashTable *expanded;           /* ids of the orders whose legs are shown */
};

G_DEFINE_FINAL_TYPE (PaddockOrdersPage, paddock_orders_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_MODEL,
  PROP_FILTER,
  PROP_UPDATED_AT,
  PROP_LOADING,
  PROP_ERROR,
  N_PROPS
};

enum {
  SIGNAL_CANCEL_REQUESTED,
  SIGNAL_REPLACE_REQUESTED,
  SIGNAL_CANCEL_ALL_REQUESTED,
  SIGNAL_LOAD_MORE_REQUESTED,
  SIGNAL_REFRESH_REQUESTED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

#define ORDER(o) PADDOCK_ORDER (o)

/* ---- words -------------------------------------------------------------------------- */

static const char *
status_words (PaddockOrder *order)
{
  switch (paddock_order_get_status (order))
    {
    case PADDOCK_ORDER_STATUS_NEW: return _("New");
    case PADDOCK_ORDER_STATUS_PARTIALLY_FILLED: return _("Partially Filled");
    case PADDOCK_ORDER_STATUS_FILLED: return _("Filled");
    case PADDOCK_ORDER_STATUS_DONE_FOR_DAY: return _("Done for Day");
    case PADDOCK_ORDER_STATUS_CANCELED: return _("Canceled");
    case PADDOCK_ORDER_STATUS_EXPIRED: return _("Expired");
    case PADDOCK_ORDER_STATUS_REPLACED: return _("Replaced");
    case PADDOCK_ORDER_STATUS_PENDING_CANCEL: return _("Pending Cancel");
    case PADDOCK_ORDER_STATUS_PENDING_REPLACE: return _("Pending Replace");
    case PADDOCK_ORDER_STATUS_ACCEPTED: return _("Accepted");
    case PADDOCK_ORDER_STATUS_PENDING_NEW: return _("Pending New");
    case PADDOCK_ORDER_STATUS_ACCEPTED_FOR_BIDDING: return _("Accepted for Bidding");
    case PADDOCK_ORDER_STATUS_STOPPED: return _("Stopped");
    case PADDOCK_ORDER_STATUS_REJECTED: return _("Rejected");
    case PADDOCK_ORDER_STATUS_SUSPENDED: return _("Suspended");
    case PADDOCK_ORDER_STATUS_CALCULATED: return _("Calculated");
    case PADDOCK_ORDER_STATUS_PENDING_REVIEW: return _("Pending Review");
    case PADDOCK_ORDER_STATUS_HELD: return _("Held");
    case PADDOCK_ORDER_STATUS_UNKNOWN:
    default:
      /* a status this version does not know: shown by its code */
      return paddock_order_get_status_code (order);
    }
}

/* the dot's colour class: filled green, rejected red, working blue, ended grey */
static const char *
status_class (PaddockOrder *order)
{
  switch (paddock_order_get_status (order))
    {
    case PADDOCK_ORDER_STATUS_FILLED:
      return "filled";
    case PADDOCK_ORDER_STATUS_REJECTED:
    case PADDOCK_ORDER_STATUS_SUSPENDED:
      return "rejected";
    case PADDOCK_ORDER_STATUS_UNKNOWN:
      return "unknown";
    default:
      return paddock_order_is_open (order) ? "working" : "canceled";
    }
}

static const char *
side_words (PaddockOrder *order)
{
  switch (paddock_order_get_side (order))
    {
    case PADDOCK_ORDER_SIDE_BUY: return _("Buy");
    case PADDOCK_ORDER_SIDE_SELL: return _("Sell");
    case PADDOCK_ORDER_SIDE_UNKNOWN:
    default: return paddock_order_get_side_code (order);
    }
}

static const char *
type_words (PaddockOrder *order)
{
  switch (paddock_order_get_kind (order))
    {
    case PADDOCK_ORDER_TYPE_MARKET: return _("Market");
    case PADDOCK_ORDER_TYPE_LIMIT: return _("Limit");
    case PADDOCK_ORDER_TYPE_STOP: return _("Stop");
    case PADDOCK_ORDER_TYPE_STOP_LIMIT: return _("Stop Limit");
    case PADDOCK_ORDER_TYPE_TRAILING_STOP: return _("Trailing Stop");
    case PADDOCK_ORDER_TYPE_UNKNOWN:
    default: return paddock_order_get_type_code (order);
    }
}

static const char *
tif_words (PaddockOrder *order)
{
  switch (paddock_order_get_time_in_force (order))
    {
    case PADDOCK_TIME_IN_FORCE_DAY: return _("Day");
    case PADDOCK_TIME_IN_FORCE_GTC: return _("Good till Canceled");
    case PADDOCK_TIME_IN_FORCE_OPG: return _("At the Open");
    case PADDOCK_TIME_IN_FORCE_CLS: return _("At the Close");
    case PADDOCK_TIME_IN_FORCE_IOC: return _("Immediate or Cancel");
    case PADDOCK_TIME_IN_FORCE_FOK: return _("Fill or Kill");
    case PADDOCK_TIME_IN_FORCE_UNKNOWN:
    default: return paddock_order_get_time_in_force_code (order);
    }
}

static GDateTime *
submitted_time (PaddockOrder *order)
{
  GDateTime *time = paddock_order_get_submitted_at (order);

  return time != NULL ? time : paddock_order_get_created_at (order);
}

/* ---- cells -------------------------------------------------------------------------- */

static void
set_text (GtkLabel *label,
          char     *text)
{
  gtk_label_set_label (label, text != NULL ? text : "—");
  g_free (text);
}

static void
set_printable (GtkLabel   *label,
               const char *text)
{
  set_text (label, text != NULL ? paddock_format_printable (text) : NULL);
}

static void
submitted_text (GObject *item, GtkLabel *label)
{
  GDateTime *time = submitted_time (ORDER (item));
  g_autoptr (GDateTime) local = time != NULL ? g_date_time_to_local (time) : NULL;

  set_text (label, local != NULL ? g_date_time_format (local, "%Y-%m-%d %H:%M") : NULL);
}

static void
symbol_text (GObject *item, GtkLabel *label)
{
  set_printable (label, paddock_order_get_symbol (ORDER (item)));
}

static void
side_text (GObject *item, GtkLabel *label)
{
  set_printable (label, side_words (ORDER (item)));
}

static void
type_text (GObject *item, GtkLabel *label)
{
  set_printable (label, type_words (ORDER (item)));
}

static void
qty_text (GObject *item, GtkLabel *label)
{
  PaddockOrder *order = ORDER (item);

  if (paddock_order_get_qty (order) == NULL && paddock_order_get_notional (order) != NULL)
    set_text (label, paddock_format_money (paddock_order_get_notional (order), CURRENCY));
  else
    set_text (label, paddock_format_quantity (paddock_order_get_qty (order)));
}

static void
filled_text (GObject *item, GtkLabel *label)
{
  PaddockOrder *order = ORDER (item);
  g_autofree char *qty = paddock_format_quantity (paddock_order_get_filled_qty (order));
  g_autofree char *price = paddock_format_money (paddock_order_get_filled_avg_price (order),
                                                 CURRENCY);

  if (qty != NULL && price != NULL && paddock_decimal_compare (paddock_order_get_filled_qty (order), "0") != 0)
    /* Translators: a quantity filled and its average price, e.g. "10 at $150.00" */
    set_text (label, g_strdup_printf (_("%s at %s"), qty, price));
  else
    set_text (label, g_steal_pointer (&qty));
}

static void
limit_stop_text (GObject *item, GtkLabel *label)
{
  PaddockOrder *order = ORDER (item);
  g_autofree char *limit = paddock_format_money (paddock_order_get_limit_price (order), CURRENCY);
  g_autofree char *stop = paddock_format_money (paddock_order_get_stop_price (order), CURRENCY);

  if (limit != NULL && stop != NULL)
    set_text (label, g_strdup_printf ("%s / %s", limit, stop));
  else if (limit != NULL)
    set_text (label, g_steal_pointer (&limit));
  else if (stop != NULL)
    set_text (label, g_steal_pointer (&stop));
  else if (paddock_order_get_trail_percent (order) != NULL)
    set_text (label, g_strdup_printf ("%s%%", paddock_order_get_trail_percent (order)));
  else
    set_text (label, paddock_format_money (paddock_order_get_trail_price (order), CURRENCY));
}

static void
tif_text (GObject *item, GtkLabel *label)
{
  set_printable (label, tif_words (ORDER (item)));
}

static int
time_compare (GDateTime *a,
              GDateTime *b)
{
  if (a == NULL || b == NULL)
    return (a == NULL) - (b == NULL);
  return g_date_time_compare (a, b);
}

static int
submitted_compare (GObject *a, GObject *b)
{
  return time_compare (submitted_time (ORDER (a)), submitted_time (ORDER (b)));
}

static int
symbol_compare (GObject *a, GObject *b)
{
  return paddock_table_compare_text (paddock_order_get_symbol (ORDER (a)),
                                     paddock_order_get_symbol (ORDER (b)));
}

static int
side_compare (GObject *a, GObject *b)
{
  return paddock_table_compare_text (paddock_order_get_side_code (ORDER (a)),
                                     paddock_order_get_side_code (ORDER (b)));
}

static int
type_compare (GObject *a, GObject *b)
{
  return paddock_table_compare_text (type_words (ORDER (a)), type_words (ORDER (b)));
}

static int
qty_compare (GObject *a, GObject *b)
{
  return paddock_table_compare_decimal (paddock_order_get_qty (ORDER (a)),
                                        paddock_order_get_qty (ORDER (b)));
}

static int
filled_compare (GObject *a, GObject *b)
{
  return paddock_table_compare_decimal (paddock_order_get_filled_qty (ORDER (a)),
                                        paddock_order_get_filled_qty (ORDER (b)));
}

static const char *
limit_or_stop (PaddockOrder *order)
{
  const char *limit = paddock_order_get_limit_price (order);

  return limit != NULL ? limit : paddock_order_get_stop_price (order);
}

static int
limit_stop_compare (GObject *a, GObject *b)
{
  return paddock_table_compare_decimal (limit_or_stop (ORDER (a)), limit_or_stop (ORDER (b)));
}

static int
status_compare (GObject *a, GObject *b)
{
  return paddock_table_compare_text (status_words (ORDER (a)), status_words (ORDER (b)));
}

static int
tif_compare (GObject *a, GObject *b)
{
  return paddock_table_compare_text (tif_words (ORDER (a)), tif_words (ORDER (b)));
}

/* Status: a dot and the words. */
static void
status_update (PaddockOrder *order,
               GtkWidget    *box)
{
  static const char *classes[] = { "filled", "rejected", "working", "canceled", "unknown" };
  GtkWidget *dot = gtk_widget_get_first_child (box);
  GtkWidget *label = gtk_widget_get_next_sibling (dot);

  for (gsize i = 0; i < G_N_ELEMENTS (classes); i++)
    gtk_widget_remove_css_class (dot, classes[i]);
  gtk_widget_add_css_class (dot, status_class (order));
  set_printable (GTK_LABEL (label), status_words (order));
}

static void
status_notify_cb (PaddockOrder *order,
                  GParamSpec   *pspec,
                  GtkWidget    *box)
{
  status_update (order, box);
}

static void
status_setup_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *dot = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *label = gtk_label_new (NULL);

  gtk_widget_add_css_class (dot, "status-dot");
  gtk_widget_set_valign (dot, GTK_ALIGN_CENTER);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_box_append (GTK_BOX (box), dot);
  gtk_box_append (GTK_BOX (box), label);
  gtk_list_item_set_child (list_item, box);
}

static void
status_bind_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item)
{
  GtkWidget *box = gtk_list_item_get_child (list_item);
  GObject *order = paddock_table_unwrap_item (gtk_list_item_get_item (list_item));

  status_update (ORDER (order), box);
  g_signal_connect_object (order, "notify::status", G_CALLBACK (status_notify_cb), box, 0);
  g_object_set_data_full (G_OBJECT (box), "paddock-item", g_object_ref (order), g_object_unref);
}

static void
status_unbind_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *list_item)
{
  GtkWidget *box = gtk_list_item_get_child (list_item);
  GObject *order = g_object_get_data (G_OBJECT (box), "paddock-item");

  if (order != NULL)
    g_signal_handlers_disconnect_by_func (order, status_notify_cb, box);
  g_object_set_data (G_OBJECT (box), "paddock-item", NULL);
}

/* The first column: the expander of a bracket order's legs, and the time. */
static void
expander_setup_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *list_item)
{
  GtkWidget *expander = gtk_tree_expander_new ();
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_widget_add_css_class (label, "figure-value");
  gtk_tree_expander_set_child (GTK_TREE_EXPANDER (expander), label);
  gtk_list_item_set_child (list_item, expander);
}

static void
expander_bind_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *list_item)
{
  GtkWidget *expander = gtk_list_item_get_child (list_item);
  GtkTreeListRow *row = gtk_list_item_get_item (list_item);

  gtk_tree_expander_set_list_row (GTK_TREE_EXPANDER (expander), row);
  submitted_text (paddock_table_unwrap_item (row),
                  GTK_LABEL (gtk_tree_expander_get_child (GTK_TREE_EXPANDER (expander))));
}

static void
expander_unbind_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *list_item)
{
  gtk_tree_expander_set_list_row (GTK_TREE_EXPANDER (gtk_list_item_get_child (list_item)), NULL);
}

/* An order whose legs are shown, or whose legs were just hidden (by its expander, or by
 * anyone holding its row), is remembered by its id; rows (re)made from the sorted orders
 * (a new sort, a filter, a page) are opened again if they were. Connected after the column
 * view's selection, so that it has seen the new rows before their legs come in. */
static void
tree_changed_cb (GListModel        *tree,
                 guint              position,
                 guint              removed,
                 guint              added,
                 PaddockOrdersPage *self)
{
  if (position > 0 && (added == 0) != (removed == 0))
    {
      g_autoptr (GtkTreeListRow) above = g_list_model_get_item (tree, position - 1);
      g_autoptr (GtkTreeListRow) first = added > 0 ? g_list_model_get_item (tree, position)
                                                   : NULL;
      GObject *item = paddock_table_unwrap_item (above);

      if (item != NULL && gtk_tree_list_row_get_depth (above) == 0)
        {
          const char *id = paddock_order_get_id (ORDER (item));

          if (first != NULL && gtk_tree_list_row_get_depth (first) == 1 &&
              gtk_tree_list_row_get_expanded (above))
            g_hash_table_add (self->expanded, g_strdup (id));
          else if (first == NULL && !gtk_tree_list_row_get_expanded (above))
            g_hash_table_remove (self->expanded, id);
        }
    }

  if (g_hash_table_size (self->expanded) == 0)
    return;
  for (guint i = position; i < position + added && i < g_list_model_get_n_items (tree); i++)
    {
      g_autoptr (GtkTreeListRow) row = g_list_model_get_item (tree, i);
      GObject *item = paddock_table_unwrap_item (row);

      if (item != NULL && gtk_tree_list_row_get_depth (row) == 0 &&
          !gtk_tree_list_row_get_expanded (row) &&
          g_hash_table_contains (self->expanded, paddock_order_get_id (ORDER (item))))
        {
          guint before = g_list_model_get_n_items (tree);

          gtk_tree_list_row_set_expanded (row, TRUE);
          /* its legs came in below it: step over them */
          added += g_list_model_get_n_items (tree) - before;
          i += g_list_model_get_n_items (tree) - before;
        }
    }
}

/* Cancel and Replace… while @order works, Details always; every item for @order's id */
static void
fill_menu (GMenu        *menu,
           PaddockOrder *order)
{
  const char *id = paddock_order_get_id (order);
  g_autoptr (GMenuItem) cancel = g_menu_item_new (_("_Cancel Order"), NULL);
  g_autoptr (GMenuItem) replace = g_menu_item_new (_("_Replace…"), NULL);
  g_autoptr (GMenuItem) details = g_menu_item_new (_("_Details"), NULL);

  g_menu_item_set_action_and_target (cancel, "orders.cancel", "s", id);
  g_menu_item_set_action_and_target (replace, "orders.replace", "s", id);
  g_menu_item_set_action_and_target (details, "orders.details", "s", id);
  g_menu_remove_all (menu);
  if (paddock_order_is_open (order))
    {
      g_menu_append_item (menu, cancel);
      g_menu_append_item (menu, replace);
    }
  g_menu_append_item (menu, details);
}

/* the order of an open menu started or stopped working: its items follow, the menu stays */
static void
menu_order_cb (PaddockOrder *order,
               GParamSpec   *pspec,
               GMenu        *menu)
{
  fill_menu (menu, order);
}

/* Built when it opens, for the order the row shows then: its items name that order by id
 * (whatever the row shows later) and follow that order's state while the menu lives. */
static void
build_menu_cb (GtkMenuButton *button,
               gpointer       user_data)
{
  GtkListItem *list_item = user_data;
  GObject *item = paddock_table_unwrap_item (gtk_list_item_get_item (list_item));
  g_autoptr (GMenu) menu = NULL;

  if (item == NULL)
    return;
  menu = g_menu_new ();
  fill_menu (menu, ORDER (item));
  /* (the menu goes when the next one is built; the handler with it) */
  g_signal_connect_object (item, "notify::is-open", G_CALLBACK (menu_order_cb), menu, 0);
  gtk_menu_button_set_menu_model (button, G_MENU_MODEL (menu));
}

/* the row menu: Cancel and Replace… while the order works, Details always */
static GtkWidget *
menu_button_new (GtkListItem *list_item)
{
  GtkWidget *button = gtk_menu_button_new ();

  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "view-more-symbolic");
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, _("Order Actions"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Order Actions"), -1);
  gtk_menu_button_set_create_popup_func (GTK_MENU_BUTTON (button), build_menu_cb, list_item, NULL);
  return button;
}

static void
menu_setup_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item)
{
  gtk_list_item_set_child (list_item, menu_button_new (list_item));
}

/* the narrow form: symbol and what the order does on the left, its price and status on the
 * right */
static void
row_text (GObject  *item,
          GtkLabel *title,
          GtkLabel *subtitle,
          GtkLabel *value,
          GtkLabel *detail)
{
  PaddockOrder *order = ORDER (item);
  g_autofree char *qty = NULL;
  g_autofree char *what = NULL;

  set_printable (title, paddock_order_get_symbol (order));
  if (paddock_order_get_qty (order) == NULL && paddock_order_get_notional (order) != NULL)
    qty = paddock_format_money (paddock_order_get_notional (order), CURRENCY);
  else
    qty = paddock_format_quantity (paddock_order_get_qty (order));
  /* Translators: an order in a narrow list: side, quantity and type, "Buy 10 · Limit" */
  what = g_strdup_printf (_("%s %s · %s"), side_words (order) != NULL ? side_words (order) : "",
                          qty != NULL ? qty : "—", type_words (order) != NULL ? type_words (order) : "");
  set_printable (subtitle, what);
  if (paddock_order_get_filled_qty (order) != NULL &&
      paddock_decimal_compare (paddock_order_get_filled_qty (order), "0") > 0)
    filled_text (item, value);
  else
    limit_stop_text (item, value);
  set_printable (detail, status_words (order));
}

/* ---- models ------------------------------------------------------------------------- */

static GListModel *
legs_cb (gpointer item,
         gpointer user_data)
{
  GListModel *legs = paddock_order_get_legs (ORDER (item));

  if (legs == NULL || g_list_model_get_n_items (legs) == 0)
    return NULL;
  return g_object_ref (legs);
}

static gboolean
filter_cb (gpointer item,
           gpointer user_data)
{
  PaddockOrdersPage *self = user_data;
  PaddockOrder *order = ORDER (item);

  switch (self->status_filter)
    {
    case PADDOCK_ORDERS_FILTER_OPEN:
      if (!paddock_order_is_open (order))
        return FALSE;
      break;
    case PADDOCK_ORDERS_FILTER_CLOSED:
      if (paddock_order_is_open (order))
        return FALSE;
      break;
    case PADDOCK_ORDERS_FILTER_ALL:
    default:
      break;
    }

  if (self->side != PADDOCK_ORDER_SIDE_UNKNOWN && paddock_order_get_side (order) != self->side)
    return FALSE;

  if (self->search != NULL)
    {
      const char *symbol = paddock_order_get_symbol (order);
      g_autofree char *folded = symbol != NULL ? g_utf8_casefold (symbol, -1) : NULL;

      if (folded == NULL || strstr (folded, self->search) == NULL)
        return FALSE;
    }
  return TRUE;
}

static void
update_state (PaddockOrdersPage *self)
{
  guint n_source = self->model != NULL ? g_list_model_get_n_items (self->model) : 0;
  guint n_shown = g_list_model_get_n_items (G_LIST_MODEL (self->filtered));
  gboolean any_open = FALSE;

  for (guint i = 0; i < n_source && !any_open; i++)
    {
      g_autoptr (PaddockOrder) order = g_list_model_get_item (self->model, i);

      any_open = paddock_order_is_open (order);
    }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "orders.cancel-all", any_open);

  if (n_shown > 0)
    {
      gtk_stack_set_visible_child_name (self->stack, "list");
      return;
    }

  if (self->search != NULL || self->side != PADDOCK_ORDER_SIDE_UNKNOWN)
    {
      adw_status_page_set_title (self->empty_page, _("No Matching Orders"));
      adw_status_page_set_description (self->empty_page, _("No order matches the symbol or side chosen."));
    }
  else if (self->status_filter == PADDOCK_ORDERS_FILTER_OPEN)
    {
      adw_status_page_set_title (self->empty_page, _("No Open Orders"));
      adw_status_page_set_description (self->empty_page, _("Orders waiting to be filled show here."));
    }
  else
    {
      adw_status_page_set_title (self->empty_page, _("No Orders"));
      adw_status_page_set_description (self->empty_page, _("Orders you place show here."));
    }
  gtk_stack_set_visible_child_name (self->stack, "empty");
}

static void refilter (PaddockOrdersPage *self);

/* An order updated in place that starts or stops working moves between Open and Closed.
 * One watch for every order (paddock_order_add_open_watch()): a notify::is-open handler on
 * each of 10,000 orders cost about 4 MB. */
static void
is_open_cb (PaddockOrder *order,
            gpointer      user_data)
{
  refilter (user_data);
}

static void
unwatch_orders (PaddockOrdersPage *self)
{
  if (self->open_watch != 0)
    paddock_order_remove_open_watch (self->open_watch);
  self->open_watch = 0;
}

static void
items_changed_cb (PaddockOrdersPage *self)
{
  update_state (self);
}

static void
source_changed_cb (GListModel        *model,
                   guint              position,
                   guint              removed,
                   guint              added,
                   PaddockOrdersPage *self)
{
  update_state (self);
}

static void
refilter (PaddockOrdersPage *self)
{
  GtkAdjustment *table = gtk_scrolled_window_get_vadjustment (self->scrolled);
  GtkAdjustment *rows = gtk_scrolled_window_get_vadjustment (self->row_scrolled);

  /* Another choice of orders is read from its newest. Left alone, the list would keep in
   * view whichever row of the old choice is also in the new one, somewhere in its middle.
   * To the top before the change too: the list then holds on to a row it has measured, and
   * does not take an unmeasured new first row for empty space (GTK 4.8 does). */
  gtk_adjustment_set_value (table, 0.0);
  gtk_adjustment_set_value (rows, 0.0);
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  gtk_adjustment_set_value (table, 0.0);
  gtk_adjustment_set_value (rows, 0.0);
  self->load_more_at = 0;
  update_state (self);
}

static void
filter_toggled_cb (PaddockOrdersPage *self)
{
  PaddockOrdersFilter filter;

  if (gtk_toggle_button_get_active (self->open_toggle))
    filter = PADDOCK_ORDERS_FILTER_OPEN;
  else if (gtk_toggle_button_get_active (self->closed_toggle))
    filter = PADDOCK_ORDERS_FILTER_CLOSED;
  else if (gtk_toggle_button_get_active (self->all_toggle))
    filter = PADDOCK_ORDERS_FILTER_ALL;
  else
    return;   /* the button being untoggled; its partner's signal follows */

  paddock_orders_page_set_filter (self, filter);
}

static void
search_changed_cb (PaddockOrdersPage *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *stripped = g_strstrip (g_strdup (text));

  g_clear_pointer (&self->search, g_free);
  if (*stripped != '\0')
    self->search = g_utf8_casefold (stripped, -1);
  refilter (self);
}

static void
side_changed_cb (PaddockOrdersPage *self)
{
  switch (gtk_drop_down_get_selected (self->side_dropdown))
    {
    case 1: self->side = PADDOCK_ORDER_SIDE_BUY; break;
    case 2: self->side = PADDOCK_ORDER_SIDE_SELL; break;
    default: self->side = PADDOCK_ORDER_SIDE_UNKNOWN; break;
    }
  refilter (self);
}

/* Near the end of the list: the store may have older orders to page in. */
static void
scrolled_cb (GtkAdjustment     *adj,
             PaddockOrdersPage *self)
{
  double left = gtk_adjustment_get_upper (adj) - gtk_adjustment_get_value (adj) -
                gtk_adjustment_get_page_size (adj);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->tree));

  if (n == 0 || gtk_adjustment_get_page_size (adj) <= 0)
    return;
  if (left > gtk_adjustment_get_page_size (adj) * LOAD_MORE_SCREENS)
    return;
  /* once per length of the list: a new page makes it longer, and asks again only then */
  if (self->load_more_at == n)
    return;
  self->load_more_at = n;
  g_signal_emit (self, signals[SIGNAL_LOAD_MORE_REQUESTED], 0);
}

/* ---- actions ------------------------------------------------------------------------ */

static PaddockOrder *
find_in (GListModel *model,
         const char *id)
{
  guint n = model != NULL ? g_list_model_get_n_items (model) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (PaddockOrder) order = g_list_model_get_item (model, i);
      PaddockOrder *leg;

      if (g_strcmp0 (paddock_order_get_id (order), id) == 0)
        return g_steal_pointer (&order);
      leg = find_in (paddock_order_get_legs (order), id);
      if (leg != NULL)
        return leg;
    }
  return NULL;
}

static void
cancel_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  PaddockOrdersPage *self = PADDOCK_ORDERS_PAGE (widget);
  g_autoptr (PaddockOrder) order = find_in (self->model, g_variant_get_string (parameter, NULL));

  if (order != NULL)
    g_signal_emit (self, signals[SIGNAL_CANCEL_REQUESTED], 0, order);
}

static void
replace_action_cb (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  PaddockOrdersPage *self = PADDOCK_ORDERS_PAGE (widget);
  g_autoptr (PaddockOrder) order = find_in (self->model, g_variant_get_string (parameter, NULL));

  if (order != NULL)
    g_signal_emit (self, signals[SIGNAL_REPLACE_REQUESTED], 0, order);
}

static void
details_action_cb (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  PaddockOrdersPage *self = PADDOCK_ORDERS_PAGE (widget);
  g_autoptr (PaddockOrder) order = find_in (self->model, g_variant_get_string (parameter, NULL));
  GtkRoot *root = gtk_widget_get_root (widget);
  PaddockOrderDetails *details;

  if (order == NULL)
    return;
  details = paddock_order_details_new (order);
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (details), GTK_WINDOW (root));
  gtk_window_present (GTK_WINDOW (details));
}

static void
cancel_all_response_cb (AdwMessageDialog  *dialog,
                        const char        *response,
                        PaddockOrdersPage *self)
{
  if (g_strcmp0 (response, "cancel-all") == 0)
    g_signal_emit (self, signals[SIGNAL_CANCEL_ALL_REQUESTED], 0);
}

static void
cancel_all_action_cb (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                       _("Cancel All Open Orders?"),
                                                       _("Orders already filled stay filled.")));
  adw_message_dialog_add_responses (dialog, "keep", _("_Keep Orders"),
                                    "cancel-all", _("_Cancel All"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "cancel-all", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "keep");
  adw_message_dialog_set_close_response (dialog, "keep");
  g_signal_connect_object (dialog, "response", G_CALLBACK (cancel_all_response_cb), widget, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
retry_cb (PaddockOrdersPage *self)
{
  g_signal_emit (self, signals[SIGNAL_REFRESH_REQUESTED], 0);
}

static void
freshness_notify_cb (PaddockOrdersPage *self,
                     GParamSpec        *pspec)
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
paddock_orders_page_dispose (GObject *object)
{
  PaddockOrdersPage *self = PADDOCK_ORDERS_PAGE (object);
  GtkWidget *child;

  if (self->model != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->model, self);
      unwatch_orders (self);
    }
  g_clear_object (&self->model);
  gtk_widget_dispose_template (GTK_WIDGET (object), PADDOCK_TYPE_ORDERS_PAGE);
  /* the template's children without an id too */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->tree);
  g_clear_object (&self->sorted);
  g_clear_pointer (&self->expanded, g_hash_table_unref);
  g_clear_object (&self->filtered);
  g_clear_object (&self->filter);

  G_OBJECT_CLASS (paddock_orders_page_parent_class)->dispose (object);
}

static void
paddock_orders_page_finalize (GObject *object)
{
  PaddockOrdersPage *self = PADDOCK_ORDERS_PAGE (object);

  g_free (self->search);

  G_OBJECT_CLASS (paddock_orders_page_parent_class)->finalize (object);
}

static void
paddock_orders_page_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  PaddockOrdersPage *self = PADDOCK_ORDERS_PAGE (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      g_value_set_object (value, self->model);
      break;
    case PROP_FILTER:
      g_value_set_int (value, self->status_filter);
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
paddock_orders_page_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  PaddockOrdersPage *self = PADDOCK_ORDERS_PAGE (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      paddock_orders_page_set_model (self, g_value_get_object (value));
      break;
    case PROP_FILTER:
      paddock_orders_page_set_filter (self, g_value_get_int (value));
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
paddock_orders_page_class_init (PaddockOrdersPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = paddock_orders_page_dispose;
  object_class->finalize = paddock_orders_page_finalize;
  object_class->get_property = paddock_orders_page_get_property;
  object_class->set_property = paddock_orders_page_set_property;

  /**
   * PaddockOrdersPage:model:
   *
   * The orders: a #GListModel of #PaddockOrder (the session's store), legs nested.
   */
  properties[PROP_MODEL] =
    g_param_spec_object ("model", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * PaddockOrdersPage:filter:
   *
   * Which orders show: a #PaddockOrdersFilter (Open, Closed or All).
   */
  properties[PROP_FILTER] =
    g_param_spec_int ("filter", NULL, NULL, PADDOCK_ORDERS_FILTER_OPEN, PADDOCK_ORDERS_FILTER_ALL,
                      PADDOCK_ORDERS_FILTER_OPEN,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_UPDATED_AT] =
    g_param_spec_boxed ("updated-at", NULL, NULL, G_TYPE_DATE_TIME,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ERROR] =
    g_param_spec_boxed ("error", NULL, NULL, G_TYPE_ERROR,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * PaddockOrdersPage::cancel-requested:
   * @self: the page
   * @order: the #PaddockOrder to cancel
   */
  signals[SIGNAL_CANCEL_REQUESTED] =
    g_signal_new ("cancel-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                  NULL, NULL, G_TYPE_NONE, 1, PADDOCK_TYPE_ORDER);
  /**
   * PaddockOrdersPage::replace-requested:
   * @self: the page
   * @order: the #PaddockOrder to replace (the controller opens the Replace dialog)
   */
  signals[SIGNAL_REPLACE_REQUESTED] =
    g_signal_new ("replace-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                  NULL, NULL, G_TYPE_NONE, 1, PADDOCK_TYPE_ORDER);
  /**
   * PaddockOrdersPage::cancel-all-requested:
   *
   * The person confirmed Cancel All….
   */
  signals[SIGNAL_CANCEL_ALL_REQUESTED] =
    g_signal_new ("cancel-all-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                  NULL, NULL, G_TYPE_NONE, 0);
  /**
   * PaddockOrdersPage::load-more-requested:
   *
   * The list was scrolled near its end: page in older orders, if there are any. Emitted
   * once per length of the list.
   */
  signals[SIGNAL_LOAD_MORE_REQUESTED] =
    g_signal_new ("load-more-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                  NULL, NULL, G_TYPE_NONE, 0);
  /**
   * PaddockOrdersPage::refresh-requested:
   *
   * The person pressed Retry on the stale banner.
   */
  signals[SIGNAL_REFRESH_REQUESTED] =
    g_signal_new ("refresh-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                  NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (PADDOCK_TYPE_FRESHNESS_BAR);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/paddockapp/Paddock/paddock-orders-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PaddockOrdersPage, freshness);
  gtk_widget_class_bind_template_child (widget_class, PaddockOrdersPage, toolbar);
  gtk_widget_class_bind_template_child (widget_class, PaddockOrdersPage, open_toggle);
  gtk_widget_class_bind_template_child (widget_class, PaddockOrdersPage, closed_toggle);
  gtk_widget_class_bind_template_child (widget_class, PaddockOrdersPage, all_toggle);
  gtk_widget_class_bind_template_child (widget_class, PaddockOrdersPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, PaddockOrdersPage, side_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PaddockOrdersPage, stack);
  gtk_widget_class_bind_template_child (widget_class, PaddockOrdersPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, PaddockOrdersPage, scrolled);
  gtk_widget_class_bind_template_child (widget_class, PaddockOrdersPage, row_scrolled);
  gtk_widget_class_bind_template_child (widget_class, PaddockOrdersPage, row_view);
  gtk_widget_class_bind_template_child (widget_class, PaddockOrdersPage, column_view);
  gtk_widget_class_bind_template_callback (widget_class, retry_cb);
  gtk_widget_class_bind_template_callback (widget_class, filter_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, side_changed_cb);

  gtk_widget_class_install_action (widget_class, "orders.cancel", "s", cancel_action_cb);
  gtk_widget_class_install_action (widget_class, "orders.replace", "s", replace_action_cb);
  gtk_widget_class_install_action (widget_class, "orders.details", "s", details_action_cb);
  gtk_widget_class_install_action (widget_class, "orders.cancel-all", NULL, cancel_all_action_cb);
}

static void
add_factory_column (GtkColumnView *view,
                    const char    *id,
                    const char    *title,
                    GCallback      setup,
                    GCallback      bind,
                    GCallback      unbind,
                    GtkSorter     *sorter)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  g_autoptr (GtkColumnViewColumn) column = NULL;

  g_signal_connect (factory, "setup", setup, NULL);
  if (bind != NULL)
    g_signal_connect (factory, "bind", bind, NULL);
  if (unbind != NULL)
    g_signal_connect (factory, "unbind", unbind, NULL);
  column = gtk_column_view_column_new (title, factory);
  g_object_set_data_full (G_OBJECT (column), "paddock-column-id", g_strdup (id), g_free);
  gtk_column_view_column_set_resizable (column, TRUE);
  if (sorter != NULL)
    gtk_column_view_column_set_sorter (column, sorter);
  gtk_column_view_append_column (view, column);
}

static int
tree_sort_cb (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  PaddockCellCompareFunc compare = user_data;

  return compare (G_OBJECT (a), G_OBJECT (b));
}

static void
paddock_orders_page_init (PaddockOrdersPage *self)
{
  g_autoptr (GtkCustomSorter) submitted_sorter =
    gtk_custom_sorter_new (tree_sort_cb, submitted_compare, NULL);
  g_autoptr (GtkCustomSorter) status_sorter =
    gtk_custom_sorter_new (tree_sort_cb, status_compare, NULL);
  g_autoptr (GtkSingleSelection) selection = NULL;
  g_autoptr (GtkListItemFactory) row_factory = NULL;
  GtkColumnViewColumn *column;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->status_filter = PADDOCK_ORDERS_FILTER_OPEN;
  /* the toolbar's boxes only lay its controls out: Tab goes to the controls, not to the
   * boxes around them first */
  for (GtkWidget *child = gtk_widget_get_first_child (self->toolbar); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    gtk_widget_set_focusable (child, FALSE);

  add_factory_column (self->column_view, "submitted", _("Submitted"),
                      G_CALLBACK (expander_setup_cb), G_CALLBACK (expander_bind_cb),
                      G_CALLBACK (expander_unbind_cb), GTK_SORTER (submitted_sorter));
  column = paddock_table_add_column (self->column_view, "symbol", _("Symbol"), FALSE,
                                     symbol_text, symbol_compare);
  gtk_column_view_column_set_expand (column, TRUE);
  paddock_table_add_column (self->column_view, "side", _("Side"), FALSE, side_text, side_compare);
  paddock_table_add_column (self->column_view, "type", _("Type"), FALSE, type_text, type_compare);
  paddock_table_add_column (self->column_view, "qty", _("Quantity"), TRUE, qty_text, qty_compare);
  paddock_table_add_column (self->column_view, "filled", _("Filled"), TRUE, filled_text,
                            filled_compare);
  paddock_table_add_column (self->column_view, "limit-stop", _("Limit / Stop"), TRUE,
                            limit_stop_text, limit_stop_compare);
  add_factory_column (self->column_view, "status", _("Status"), G_CALLBACK (status_setup_cb),
                      G_CALLBACK (status_bind_cb), G_CALLBACK (status_unbind_cb),
                      GTK_SORTER (status_sorter));
  paddock_table_add_column (self->column_view, "time-in-force", _("Time in Force"), FALSE,
                            tif_text, tif_compare);
  add_factory_column (self->column_view, "menu", NULL, G_CALLBACK (menu_setup_cb), NULL, NULL,
                      NULL);

  self->filter = gtk_custom_filter_new (filter_cb, self, NULL);
  self->filtered = gtk_filter_list_model_new (NULL, g_object_ref (GTK_FILTER (self->filter)));
  /* The orders are sorted, then their legs hung under them: legs stay under their parent
   * whatever the column sorted by. (Sorting the tree's rows instead, with a
   * GtkTreeListRowSorter, kept a GtkTreeListRow and its sort keys alive for every order:
   * about 0.6 KB an order.) */
  self->sorted = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (self->filtered)),
                                          g_object_ref (gtk_column_view_get_sorter (self->column_view)));
  self->tree = gtk_tree_list_model_new (g_object_ref (G_LIST_MODEL (self->sorted)), FALSE, FALSE,
                                        legs_cb, NULL, NULL);
  self->expanded = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->tree)));
  gtk_single_selection_set_autoselect (selection, FALSE);
  gtk_single_selection_set_can_unselect (selection, TRUE);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (selection));
  g_signal_connect_object (self->tree, "items-changed", G_CALLBACK (tree_changed_cb), self, 0);
  g_signal_connect_object (self->filtered, "items-changed", G_CALLBACK (items_changed_cb), self,
                           G_CONNECT_SWAPPED);

  g_signal_connect_object (gtk_scrolled_window_get_vadjustment (self->scrolled), "value-changed",
                           G_CALLBACK (scrolled_cb), self, 0);
  /* the narrow form: the same rows, selection and paging */
  row_factory = paddock_table_row_factory_new (row_text, menu_button_new);
  gtk_list_view_set_factory (self->row_view, row_factory);
  gtk_list_view_set_model (self->row_view, GTK_SELECTION_MODEL (selection));
  g_signal_connect_object (gtk_scrolled_window_get_vadjustment (self->row_scrolled),
                           "value-changed", G_CALLBACK (scrolled_cb), self, 0);
  g_signal_connect_object (self->freshness, "notify", G_CALLBACK (freshness_notify_cb), self,
                           G_CONNECT_SWAPPED);
  update_state (self);
}

/**
 * paddock_orders_page_new:
 *
 * Returns: (transfer floating): a new page, without orders until given a model
 */
GtkWidget *
paddock_orders_page_new (void)
{
  return g_object_new (PADDOCK_TYPE_ORDERS_PAGE, NULL);
}

GListModel *
paddock_orders_page_get_model (PaddockOrdersPage *self)
{
  g_return_val_if_fail (PADDOCK_IS_ORDERS_PAGE (self), NULL);

  return self->model;
}

/**
 * paddock_orders_page_set_model:
 * @self: an orders page
 * @model: (nullable): a #GListModel of #PaddockOrder
 *
 * Shows @model's orders, following its changes; the page keeps no copy.
 */
void
paddock_orders_page_set_model (PaddockOrdersPage *self,
                               GListModel        *model)
{
  g_return_if_fail (PADDOCK_IS_ORDERS_PAGE (self));
  g_return_if_fail (model == NULL || G_IS_LIST_MODEL (model));
  g_return_if_fail (model == NULL ||
                    g_type_is_a (g_list_model_get_item_type (model), PADDOCK_TYPE_ORDER));

  if (self->model == model)
    return;
  if (self->model != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->model, self);
      unwatch_orders (self);
    }
  g_set_object (&self->model, model);
  if (model != NULL)
    {
      g_signal_connect (model, "items-changed", G_CALLBACK (source_changed_cb), self);
      self->open_watch = paddock_order_add_open_watch (is_open_cb, self);
    }
  self->load_more_at = 0;
  g_hash_table_remove_all (self->expanded);
  gtk_filter_list_model_set_model (self->filtered, model);
  update_state (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODEL]);
}

PaddockOrdersFilter
paddock_orders_page_get_filter (PaddockOrdersPage *self)
{
  g_return_val_if_fail (PADDOCK_IS_ORDERS_PAGE (self), PADDOCK_ORDERS_FILTER_OPEN);

  return self->status_filter;
}

/**
 * paddock_orders_page_set_filter:
 * @self: an orders page
 * @filter: which orders to show
 *
 * What the Open / Closed / All toggle does.
 */
void
paddock_orders_page_set_filter (PaddockOrdersPage   *self,
                                PaddockOrdersFilter  filter)
{
  g_return_if_fail (PADDOCK_IS_ORDERS_PAGE (self));
  g_return_if_fail (filter <= PADDOCK_ORDERS_FILTER_ALL);

  if (self->status_filter == filter)
    return;
  self->status_filter = filter;
  gtk_toggle_button_set_active (filter == PADDOCK_ORDERS_FILTER_OPEN ? self->open_toggle :
                                filter == PADDOCK_ORDERS_FILTER_CLOSED ? self->closed_toggle :
                                self->all_toggle, TRUE);
  refilter (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILTER]);
}

/**
 * paddock_orders_page_get_column_view:
 * @self: an orders page
 *
 * Returns: (transfer none): the table, whose model holds the rows shown (GtkTreeListRows)
 */
GtkColumnView *
paddock_orders_page_get_column_view (PaddockOrdersPage *self)
{
  g_return_val_if_fail (PADDOCK_IS_ORDERS_PAGE (self), NULL);

  return self->column_view;
}

/**
 * paddock_orders_page_status_words:
 * @order: an order
 *
 * Returns: (transfer none): the order's status in words ("Partially Filled"), an unknown
 *   one by its code; for other views that show orders the way this page does
 */
const char *
paddock_orders_page_status_words (PaddockOrder *order)
{
  return status_words (order);
}

/**
 * paddock_orders_page_status_class:
 *
 * Returns: (transfer none): the CSS class of the status's dot ("filled", "working", …)
 */
const char *
paddock_orders_page_status_class (PaddockOrder *order)
{
  return status_class (order);
}

/**
 * paddock_orders_page_side_words:
 *
 * Returns: (transfer none): "Buy", "Sell", or an unknown side's code
 */
const char *
paddock_orders_page_side_words (PaddockOrder *order)
{
  return side_words (order);
}

/**
 * paddock_orders_page_type_words:
 *
 * Returns: (transfer none): "Limit", "Trailing Stop", …, or an unknown type's code
 */
const char *
paddock_orders_page_type_words (PaddockOrder *order)
{
  return type_words (order);
}
