/* paddock-activity-page.c: fills, dividends, transfers and fees, by day
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The page binds to a GListModel of PaddockActivity it is given (the session's activity
 * store) through a sort model, newest first. List sections are GTK 4.12; on 4.8 each row
 * carries its day's heading and shows it when it is the first row of that day, which it
 * checks again whenever its position changes (a row inserted or removed above).
 */
#define G_LOG_DOMAIN "paddock-activity-page"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "paddock-activity.h"
#include "paddock-activity-page.h"
#include "paddock-format.h"
#include "paddock-freshness-bar.h"
#include "paddock-table.h"

#define CURRENCY "USD"

struct _PaddockActivityPage
{
  GtkWidget parent_instance;

  PaddockFreshnessBar *freshness;
  GtkStack *stack;
  GtkListView *list_view;
  GtkListView *row_view;

  GListModel *model;
  GtkSortListModel *sorted;
};

G_DEFINE_FINAL_TYPE (PaddockActivityPage, paddock_activity_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_MODEL,
  PROP_UPDATED_AT,
  PROP_LOADING,
  PROP_ERROR,
  N_PROPS
};

enum {
  SIGNAL_REFRESH_REQUESTED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* The local day of an activity, "2024-01-08": a fill's time in this time zone, a
 * non-trade activity's date as sent. */
static char *
day_key (PaddockActivity *activity)
{
  GDateTime *time = paddock_activity_get_transaction_time (activity);
  const char *date = paddock_activity_get_date (activity);

  if (time != NULL)
    {
      g_autoptr (GDateTime) local = g_date_time_to_local (time);

      return g_date_time_format (local, "%Y-%m-%d");
    }
  if (date != NULL && strlen (date) >= 10)
    return g_strndup (date, 10);
  return g_strdup ("");
}

static char *
day_heading (const char *key)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autoptr (GDateTime) yesterday = g_date_time_add_days (now, -1);
  g_autofree char *today_key = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *yesterday_key = g_date_time_format (yesterday, "%Y-%m-%d");
  int y, m, d;
  g_autoptr (GDateTime) date = NULL;

  if (g_strcmp0 (key, today_key) == 0)
    return g_strdup (_("Today"));
  if (g_strcmp0 (key, yesterday_key) == 0)
    return g_strdup (_("Yesterday"));
  if (sscanf (key, "%4d-%2d-%2d", &y, &m, &d) == 3)
    date = g_date_time_new_local (y, m, d, 12, 0, 0);
  if (date == NULL)
    return g_strdup (_("Unknown Date"));
  /* Translators: a day heading in the activity list; see g_date_time_format() */
  return g_date_time_format (date, _("%A, %B %-d, %Y"));
}

static int
sort_cb (gconstpointer a,
         gconstpointer b,
         gpointer      user_data)
{
  PaddockActivity *x = PADDOCK_ACTIVITY ((gpointer) a);
  PaddockActivity *y = PADDOCK_ACTIVITY ((gpointer) b);
  g_autofree char *day_x = day_key (x);
  g_autofree char *day_y = day_key (y);
  GDateTime *time_x = paddock_activity_get_transaction_time (x);
  GDateTime *time_y = paddock_activity_get_transaction_time (y);
  int order;

  /* newest day first; within a day, newest first, then by id (its time) */
  order = -g_strcmp0 (day_x, day_y);
  if (order != 0)
    return order;
  if (time_x != NULL && time_y != NULL)
    {
      order = -g_date_time_compare (time_x, time_y);
      if (order != 0)
        return order;
    }
  return -g_strcmp0 (paddock_activity_get_id (x), paddock_activity_get_id (y));
}

/* ---- rows --------------------------------------------------------------------------- */

typedef struct
{
  GtkLabel *heading;
  GtkLabel *type;
  GtkLabel *symbol;
  GtkLabel *detail;
  GtkLabel *amount;
  GtkLabel *time;
} Row;

static GtkLabel *
row_label (GtkWidget  *box,
           const char *name,
           float       xalign,
           const char *css_class)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_widget_set_name (label, name);
  gtk_label_set_xalign (GTK_LABEL (label), xalign);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  gtk_box_append (GTK_BOX (box), label);
  return GTK_LABEL (label);
}

static void
update_heading (GtkListItem *list_item)
{
  GtkWidget *box = gtk_list_item_get_child (list_item);
  Row *row = g_object_get_data (G_OBJECT (box), "paddock-row");
  PaddockActivity *activity = gtk_list_item_get_item (list_item);
  GtkListView *view = GTK_LIST_VIEW (gtk_widget_get_ancestor (box, GTK_TYPE_LIST_VIEW));
  GListModel *model = view != NULL ? G_LIST_MODEL (gtk_list_view_get_model (view)) : NULL;
  guint position = gtk_list_item_get_position (list_item);
  g_autofree char *key = NULL;
  gboolean first = TRUE;

  if (activity == NULL)
    return;
  key = day_key (activity);
  if (model != NULL && position != GTK_INVALID_LIST_POSITION && position > 0)
    {
      g_autoptr (PaddockActivity) previous = g_list_model_get_item (model, position - 1);
      g_autofree char *previous_key = previous != NULL ? day_key (previous) : NULL;

      first = g_strcmp0 (key, previous_key) != 0;
    }
  if (first)
    {
      g_autofree char *heading = day_heading (key);

      gtk_label_set_label (row->heading, heading);
    }
  gtk_widget_set_visible (GTK_WIDGET (row->heading), first);
}

static void
position_cb (GtkListItem *list_item)
{
  update_heading (list_item);
}

/* An activity's row does nothing: with GTK 4.12 or later (the GNOME runtime) it takes no
 * focus either; GTK 4.8 has no way to say so, and makes each row of a list a Tab stop. */
static void
idle_row (GtkListItem *list_item)
{
#if GTK_CHECK_VERSION (4, 12, 0)
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_list_item_set_focusable (list_item, FALSE);
  G_GNUC_END_IGNORE_DEPRECATIONS
#else
  (void) list_item;
#endif
}

/* The narrow form: the symbol, the kind and the amount on the first line, the detail and
 * the time under them. */
static void
narrow_setup_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *lines = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *first = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *second = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  Row *row = g_new0 (Row, 1);

  row->heading = row_label (box, "activity-day", 0.0, "heading");
  gtk_widget_add_css_class (GTK_WIDGET (row->heading), "activity-day");
  gtk_widget_add_css_class (lines, "activity-row");
  gtk_box_append (GTK_BOX (box), lines);
  gtk_box_append (GTK_BOX (lines), first);
  gtk_box_append (GTK_BOX (lines), second);
  row->symbol = row_label (first, "activity-symbol", 0.0, "heading");
  row->type = row_label (first, "activity-type", 0.0, "dim-label");
  gtk_widget_set_hexpand (GTK_WIDGET (row->type), TRUE);
  row->amount = row_label (first, "activity-amount", 1.0, "figure-value");
  gtk_label_set_ellipsize (row->amount, PANGO_ELLIPSIZE_NONE);
  row->detail = row_label (second, "activity-detail", 0.0, "dim-label");
  gtk_widget_add_css_class (GTK_WIDGET (row->detail), "caption");
  gtk_widget_set_hexpand (GTK_WIDGET (row->detail), TRUE);
  row->time = row_label (second, "activity-time", 1.0, "figure-value");
  gtk_widget_add_css_class (GTK_WIDGET (row->time), "dim-label");
  gtk_widget_add_css_class (GTK_WIDGET (row->time), "caption");
  gtk_label_set_ellipsize (row->time, PANGO_ELLIPSIZE_NONE);
  g_object_set_data_full (G_OBJECT (box), "paddock-row", row, g_free);
  gtk_list_item_set_child (list_item, box);
  gtk_list_item_set_activatable (list_item, FALSE);
  idle_row (list_item);
  g_signal_connect (list_item, "notify::position", G_CALLBACK (position_cb), NULL);
}

static void
setup_cb (GtkSignalListItemFactory *factory,
          GtkListItem              *list_item)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  Row *row = g_new0 (Row, 1);

  row->heading = row_label (box, "activity-day", 0.0, "heading");
  gtk_widget_add_css_class (GTK_WIDGET (row->heading), "activity-day");
  gtk_widget_add_css_class (line, "activity-row");
  gtk_box_append (GTK_BOX (box), line);
  row->type = row_label (line, "activity-type", 0.0, NULL);
  gtk_label_set_width_chars (row->type, 12);
  row->symbol = row_label (line, "activity-symbol", 0.0, "heading");
  gtk_label_set_width_chars (row->symbol, 6);
  row->detail = row_label (line, "activity-detail", 0.0, "dim-label");
  gtk_widget_set_hexpand (GTK_WIDGET (row->detail), TRUE);
  row->amount = row_label (line, "activity-amount", 1.0, "figure-value");
  row->time = row_label (line, "activity-time", 1.0, "figure-value");
  gtk_widget_add_css_class (GTK_WIDGET (row->time), "dim-label");
  gtk_label_set_width_chars (row->time, 5);
  gtk_label_set_ellipsize (row->amount, PANGO_ELLIPSIZE_NONE);
  g_object_set_data_full (G_OBJECT (box), "paddock-row", row, g_free);
  gtk_list_item_set_child (list_item, box);
  gtk_list_item_set_activatable (list_item, FALSE);
  idle_row (list_item);
  g_signal_connect (list_item, "notify::position", G_CALLBACK (position_cb), NULL);
}

static void
set_printable (GtkLabel   *label,
               const char *text)
{
  g_autofree char *safe = text != NULL ? paddock_format_printable (text) : NULL;

  gtk_label_set_label (label, safe);
}

static void
bind_cb (GtkSignalListItemFactory *factory,
         GtkListItem              *list_item)
{
  Row *row = g_object_get_data (G_OBJECT (gtk_list_item_get_child (list_item)), "paddock-row");
  PaddockActivity *activity = gtk_list_item_get_item (list_item);
  GDateTime *time = paddock_activity_get_transaction_time (activity);
  g_autofree char *detail = NULL;
  g_autofree char *amount = NULL;
  const char *amount_value = NULL;

  set_printable (row->type, paddock_activity_get_type_label (activity));
  set_printable (row->symbol, paddock_activity_get_symbol (activity));

  if (paddock_activity_is_trade (activity))
    {
      g_autofree char *qty = paddock_format_quantity (paddock_activity_get_qty (activity));
      g_autofree char *price = paddock_format_money (paddock_activity_get_price (activity), CURRENCY);
      g_autofree char *value = paddock_table_decimal_mul (paddock_activity_get_qty (activity),
                                                          paddock_activity_get_price (activity));
      gboolean buy = g_strcmp0 (paddock_activity_get_side (activity), "buy") == 0;

      if (qty != NULL && price != NULL)
        detail = g_strdup_printf (buy ? _("Bought %s at %s") : _("Sold %s at %s"), qty, price);
      /* from the cash's side: a purchase takes money out */
      if (value != NULL && buy)
        {
          g_autofree char *negated = paddock_decimal_sub ("0", value);

          g_free (value);
          value = g_steal_pointer (&negated);
        }
      if (value != NULL)
        {
          amount = paddock_format_money_full (value, CURRENCY, PADDOCK_FORMAT_ALWAYS_SIGN);
          paddock_table_set_signed (row->amount, value, g_steal_pointer (&amount));
        }
      else
        paddock_table_set_signed (row->amount, NULL, NULL);
    }
  else
    {
      amount_value = paddock_activity_get_net_amount (activity);
      detail = g_strdup (paddock_activity_get_description (activity));
      paddock_table_set_signed (row->amount, amount_value,
                                paddock_format_money_full (amount_value, CURRENCY,
                                                           PADDOCK_FORMAT_ALWAYS_SIGN));
    }
  set_printable (row->detail, detail);

  if (time != NULL)
    {
      g_autoptr (GDateTime) local = g_date_time_to_local (time);
      g_autofree char *text = g_date_time_format (local, "%H:%M");

      gtk_label_set_label (row->time, text);
    }
  else
    gtk_label_set_label (row->time, NULL);

  update_heading (list_item);
}

/* ---- state -------------------------------------------------------------------------- */

static void
update_state (PaddockActivityPage *self)
{
  guint n = self->model != NULL ? g_list_model_get_n_items (self->model) : 0;

  gtk_stack_set_visible_child_name (self->stack, n > 0 ? "list" : "empty");
}

static void
items_changed_cb (PaddockActivityPage *self)
{
  update_state (self);
}

static void
retry_cb (PaddockActivityPage *self)
{
  g_signal_emit (self, signals[SIGNAL_REFRESH_REQUESTED], 0);
}

static void
freshness_notify_cb (PaddockActivityPage *self,
                     GParamSpec          *pspec)
{
  const char *name = g_param_spec_get_name (pspec);

  if (g_str_equal (name, "updated-at"))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UPDATED_AT]);
  else if (g_str_equal (name, "loading"))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
  else if (g_str_equal (name, "error"))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
}

static void
paddock_activity_page_dispose (GObject *object)
{
  PaddockActivityPage *self = PADDOCK_ACTIVITY_PAGE (object);
  GtkWidget *child;

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  g_clear_object (&self->model);
  gtk_widget_dispose_template (GTK_WIDGET (object), PADDOCK_TYPE_ACTIVITY_PAGE);
  /* the template's children without an id too */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->sorted);

  G_OBJECT_CLASS (paddock_activity_page_parent_class)->dispose (object);
}

static void
paddock_activity_page_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  PaddockActivityPage *self = PADDOCK_ACTIVITY_PAGE (object);

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
paddock_activity_page_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  PaddockActivityPage *self = PADDOCK_ACTIVITY_PAGE (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      paddock_activity_page_set_model (self, g_value_get_object (value));
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
paddock_activity_page_class_init (PaddockActivityPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = paddock_activity_page_dispose;
  object_class->get_property = paddock_activity_page_get_property;
  object_class->set_property = paddock_activity_page_set_property;

  /**
   * PaddockActivityPage:model:
   *
   * The activities: a #GListModel of #PaddockActivity (the session's store).
   */
  properties[PROP_MODEL] =
    g_param_spec_object ("model", NULL, NULL, G_TYPE_LIST_MODEL,
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
   * PaddockActivityPage::refresh-requested:
   *
   * The person pressed Retry on the stale banner.
   */
  signals[SIGNAL_REFRESH_REQUESTED] =
    g_signal_new ("refresh-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                  NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (PADDOCK_TYPE_FRESHNESS_BAR);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/paddockapp/Paddock/paddock-activity-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PaddockActivityPage, freshness);
  gtk_widget_class_bind_template_child (widget_class, PaddockActivityPage, stack);
  gtk_widget_class_bind_template_child (widget_class, PaddockActivityPage, list_view);
  gtk_widget_class_bind_template_child (widget_class, PaddockActivityPage, row_view);
  gtk_widget_class_bind_template_callback (widget_class, retry_cb);
}

static void
paddock_activity_page_init (PaddockActivityPage *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  g_autoptr (GtkNoSelection) selection = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect (factory, "setup", G_CALLBACK (setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cb), NULL);
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (factory);

  self->sorted = gtk_sort_list_model_new (NULL, GTK_SORTER (gtk_custom_sorter_new (sort_cb, NULL, NULL)));
  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->sorted)));
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (selection));

  /* the narrow form: the same rows on two lines each */
  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (narrow_setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cb), NULL);
  gtk_list_view_set_factory (self->row_view, factory);
  g_object_unref (factory);
  gtk_list_view_set_model (self->row_view, GTK_SELECTION_MODEL (selection));

  g_signal_connect_object (self->freshness, "notify", G_CALLBACK (freshness_notify_cb), self,
                           G_CONNECT_SWAPPED);
  update_state (self);
}

/**
 * paddock_activity_page_new:
 *
 * Returns: (transfer floating): a new page, empty until given a model
 */
GtkWidget *
paddock_activity_page_new (void)
{
  return g_object_new (PADDOCK_TYPE_ACTIVITY_PAGE, NULL);
}

GListModel *
paddock_activity_page_get_model (PaddockActivityPage *self)
{
  g_return_val_if_fail (PADDOCK_IS_ACTIVITY_PAGE (self), NULL);

  return self->model;
}

/**
 * paddock_activity_page_set_model:
 * @self: an activity page
 * @model: (nullable): a #GListModel of #PaddockActivity
 *
 * Shows @model's activities by day, following its changes; the page keeps no copy.
 */
void
paddock_activity_page_set_model (PaddockActivityPage *self,
                                 GListModel          *model)
{
  g_return_if_fail (PADDOCK_IS_ACTIVITY_PAGE (self));
  g_return_if_fail (model == NULL || G_IS_LIST_MODEL (model));
  g_return_if_fail (model == NULL ||
                    g_type_is_a (g_list_model_get_item_type (model), PADDOCK_TYPE_ACTIVITY));

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
 * paddock_activity_page_get_list_view:
 * @self: an activity page
 *
 * Returns: (transfer none): the list, whose model is what the page shows
 */
GtkListView *
paddock_activity_page_get_list_view (PaddockActivityPage *self)
{
  g_return_val_if_fail (PADDOCK_IS_ACTIVITY_PAGE (self), NULL);

  return self->list_view;
}
