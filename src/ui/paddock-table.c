/* paddock-table.c: columns of text bound to model objects, for the GtkColumnViews
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each cell is one label made once per recycled row (setup) and pointed at the row's
 * object at bind: no widget per model object, so a table of ten thousand rows only has
 * the widgets of the rows on screen. The label follows its object's "notify" while bound.
 */
#define G_LOG_DOMAIN "paddock-table"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "paddock-format.h"
#include "paddock-table.h"

typedef struct
{
  gboolean numeric;
  PaddockCellFunc text_func;
} Column;

/**
 * paddock_table_unwrap_item:
 * @item: a list item's item: a model object, or a #GtkTreeListRow holding one
 *
 * Returns: (transfer none): the model object
 */
GObject *
paddock_table_unwrap_item (gpointer item)
{
  if (GTK_IS_TREE_LIST_ROW (item))
    {
      GObject *inner = gtk_tree_list_row_get_item (item);

      /* the row keeps its item: the reference returned is not needed */
      if (inner != NULL)
        g_object_unref (inner);
      return inner;
    }
  return item;
}

static void
refresh_cb (GObject    *item,
            GParamSpec *pspec,
            GtkLabel   *label)
{
  Column *column = g_object_get_data (G_OBJECT (label), "paddock-column");

  column->text_func (item, label);
}

static void
setup_cb (GtkSignalListItemFactory *factory,
          GtkListItem              *list_item,
          Column                   *column)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), column->numeric ? 1.0 : 0.0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (column->numeric)
    gtk_widget_add_css_class (label, "figure-value");
  g_object_set_data (G_OBJECT (label), "paddock-column", column);
  gtk_list_item_set_child (list_item, label);
}

static void
bind_cb (GtkSignalListItemFactory *factory,
         GtkListItem              *list_item,
         Column                   *column)
{
  GtkLabel *label = GTK_LABEL (gtk_list_item_get_child (list_item));
  GObject *item = paddock_table_unwrap_item (gtk_list_item_get_item (list_item));

  if (item == NULL)
    return;
  column->text_func (item, label);
  g_signal_connect_object (item, "notify", G_CALLBACK (refresh_cb), label, 0);
  g_object_set_data_full (G_OBJECT (label), "paddock-item", g_object_ref (item), g_object_unref);
}

static void
unbind_cb (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item,
           Column                   *column)
{
  GtkWidget *label = gtk_list_item_get_child (list_item);
  GObject *item = g_object_get_data (G_OBJECT (label), "paddock-item");

  if (item != NULL)
    g_signal_handlers_disconnect_by_func (item, refresh_cb, label);
  g_object_set_data (G_OBJECT (label), "paddock-item", NULL);
}

static int
sort_cb (gconstpointer a,
         gconstpointer b,
         gpointer      user_data)
{
  PaddockCellCompareFunc compare = user_data;

  return compare (paddock_table_unwrap_item ((gpointer) a),
                  paddock_table_unwrap_item ((gpointer) b));
}

/**
 * paddock_table_add_column:
 * @view: a column view
 * @id: the column's id (for tests and sorting)
 * @title: its header, translated
 * @numeric: whether it holds figures: right-aligned, tabular digits
 * @text_func: sets a cell's label from a row's object
 * @compare_func: (nullable): orders two objects, for sorting by this column
 *
 * Returns: (transfer none): the column appended to @view
 */
GtkColumnViewColumn *
paddock_table_add_column (GtkColumnView          *view,
                          const char             *id,
                          const char             *title,
                          gboolean                numeric,
                          PaddockCellFunc         text_func,
                          PaddockCellCompareFunc  compare_func)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  Column *column = g_new0 (Column, 1);
  g_autoptr (GtkColumnViewColumn) view_column = NULL;

  column->numeric = numeric;
  column->text_func = text_func;
  /* the factory keeps the column description */
  g_object_set_data_full (G_OBJECT (factory), "paddock-column", column, g_free);
  g_signal_connect (factory, "setup", G_CALLBACK (setup_cb), column);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cb), column);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cb), column);

  view_column = gtk_column_view_column_new (title, factory);
  g_object_set_data_full (G_OBJECT (view_column), "paddock-column-id", g_strdup (id), g_free);
  gtk_column_view_column_set_resizable (view_column, TRUE);
  if (compare_func != NULL)
    {
      g_autoptr (GtkCustomSorter) sorter =
        gtk_custom_sorter_new (sort_cb, compare_func, NULL);

      gtk_column_view_column_set_sorter (view_column, GTK_SORTER (sorter));
    }
  gtk_column_view_append_column (view, view_column);
  return view_column;
}

/* ---- the narrow form: one row per item, its main figures on two lines --------------- */

typedef struct
{
  PaddockRowFunc row_func;
  PaddockRowEndFunc end_func;
} RowFactory;

typedef struct
{
  RowFactory *factory;
  GtkTreeExpander *expander;
  GtkLabel *labels[4];
  GObject *item;
} RowWidgets;

static void
row_refresh (RowWidgets *row)
{
  row->factory->row_func (row->item, row->labels[0], row->labels[1], row->labels[2],
                          row->labels[3]);
}

static void
row_notify_cb (GObject    *item,
               GParamSpec *pspec,
               RowWidgets *row)
{
  row_refresh (row);
}

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
  gtk_widget_add_css_class (label, css_class);
  gtk_box_append (GTK_BOX (box), label);
  return GTK_LABEL (label);
}

static void
row_setup_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              RowFactory               *description)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *left = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *right = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *expander = gtk_tree_expander_new ();
  RowWidgets *row = g_new0 (RowWidgets, 1);

  row->factory = description;
  row->expander = GTK_TREE_EXPANDER (expander);
  gtk_widget_add_css_class (box, "table-row");
  gtk_widget_set_hexpand (expander, TRUE);
  gtk_tree_expander_set_child (row->expander, left);
  gtk_widget_set_valign (right, GTK_ALIGN_CENTER);
  row->labels[0] = row_label (left, "row-title", 0.0, "heading");
  row->labels[1] = row_label (left, "row-subtitle", 0.0, "dim-label");
  row->labels[2] = row_label (right, "row-value", 1.0, "figure-value");
  row->labels[3] = row_label (right, "row-detail", 1.0, "figure-value");
  /* the figures are what the row is for: the words give way first */
  gtk_label_set_ellipsize (row->labels[2], PANGO_ELLIPSIZE_NONE);
  gtk_label_set_ellipsize (row->labels[3], PANGO_ELLIPSIZE_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (row->labels[1]), "caption");
  gtk_widget_add_css_class (GTK_WIDGET (row->labels[3]), "caption");
  gtk_box_append (GTK_BOX (box), expander);
  gtk_box_append (GTK_BOX (box), right);
  if (description->end_func != NULL)
    {
      GtkWidget *end = description->end_func (list_item);

      gtk_widget_set_valign (end, GTK_ALIGN_CENTER);
      gtk_box_append (GTK_BOX (box), end);
    }
  g_object_set_data_full (G_OBJECT (box), "paddock-row", row, g_free);
  gtk_list_item_set_child (list_item, box);
}

static void
row_bind_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             RowFactory               *description)
{
  GtkWidget *box = gtk_list_item_get_child (list_item);
  RowWidgets *row = g_object_get_data (G_OBJECT (box), "paddock-row");
  gpointer item = gtk_list_item_get_item (list_item);

  gtk_tree_expander_set_list_row (row->expander, GTK_IS_TREE_LIST_ROW (item) ? item : NULL);
  row->item = paddock_table_unwrap_item (item);
  if (row->item == NULL)
    return;
  g_object_ref (row->item);
  row_refresh (row);
  g_signal_connect (row->item, "notify", G_CALLBACK (row_notify_cb), row);
}

static void
row_unbind_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               RowFactory               *description)
{
  GtkWidget *box = gtk_list_item_get_child (list_item);
  RowWidgets *row = g_object_get_data (G_OBJECT (box), "paddock-row");

  gtk_tree_expander_set_list_row (row->expander, NULL);
  if (row->item != NULL)
    g_signal_handlers_disconnect_by_func (row->item, row_notify_cb, row);
  g_clear_object (&row->item);
}

static void
row_teardown_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 RowFactory               *description)
{
  GtkWidget *box = gtk_list_item_get_child (list_item);
  RowWidgets *row = box != NULL ? g_object_get_data (G_OBJECT (box), "paddock-row") : NULL;

  if (row != NULL && row->item != NULL)
    {
      g_signal_handlers_disconnect_by_func (row->item, row_notify_cb, row);
      g_clear_object (&row->item);
    }
}

/**
 * paddock_table_row_factory_new:
 * @row_func: sets a row's labels from its item
 * @end_func: (nullable): makes the widget at the row's end (a menu button)
 *
 * The narrow form of a table: a factory for a #GtkListView over the same selection model
 * as the #GtkColumnView, one row per item with its main figures. A #GtkTreeListRow item
 * gets an expander (an order's legs).
 *
 * Returns: (transfer full): the factory
 */
GtkListItemFactory *
paddock_table_row_factory_new (PaddockRowFunc    row_func,
                               PaddockRowEndFunc end_func)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  RowFactory *description = g_new0 (RowFactory, 1);

  description->row_func = row_func;
  description->end_func = end_func;
  g_object_set_data_full (G_OBJECT (factory), "paddock-row-factory", description, g_free);
  g_signal_connect (factory, "setup", G_CALLBACK (row_setup_cb), description);
  g_signal_connect (factory, "bind", G_CALLBACK (row_bind_cb), description);
  g_signal_connect (factory, "unbind", G_CALLBACK (row_unbind_cb), description);
  g_signal_connect (factory, "teardown", G_CALLBACK (row_teardown_cb), description);
  return factory;
}

/**
 * paddock_table_compare_decimal:
 *
 * Orders decimal strings by value; a missing one comes last. The strings are parsed to
 * doubles for ordering only, never for what is shown.
 */
int
paddock_table_compare_decimal (const char *a,
                               const char *b)
{
  double x, y;

  if (a == NULL || b == NULL)
    return (a == NULL) - (b == NULL);
  x = g_ascii_strtod (a, NULL);
  y = g_ascii_strtod (b, NULL);
  return (x > y) - (x < y);
}

int
paddock_table_compare_text (const char *a,
                            const char *b)
{
  if (a == NULL || b == NULL)
    return (a == NULL) - (b == NULL);
  return g_utf8_collate (a, b);
}

/**
 * paddock_table_set_signed:
 * @label: a cell's label
 * @decimal: (nullable): the amount, to choose the colour
 * @text: (transfer full) (nullable): the amount as written, with its sign
 *
 * Shows a gain or a loss: the sign is in the text and the colour only repeats it.
 */
void
paddock_table_set_signed (GtkLabel   *label,
                          const char *decimal,
                          char       *text)
{
  int sign = decimal != NULL ? paddock_decimal_compare (decimal, "0") : 0;

  gtk_label_set_label (label, text != NULL ? text : "—");
  g_free (text);
  if (sign > 0)
    gtk_widget_add_css_class (GTK_WIDGET (label), "success");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (label), "success");
  if (sign < 0)
    gtk_widget_add_css_class (GTK_WIDGET (label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (label), "error");
}

/**
 * paddock_table_format_percent:
 * @fraction: (nullable): a fraction as a decimal string ("0.0125" is 1.25 %)
 *
 * Returns: (transfer full) (nullable): "+1.25 %", "−0.50 %", or %NULL
 */
char *
paddock_table_format_percent (const char *fraction)
{
  g_autofree char *percent = NULL;
  g_autofree char *number = NULL;

  if (fraction == NULL || !paddock_decimal_is_valid (fraction))
    return NULL;
  /* exactly, on the decimal text; a fraction too long for that through a double */
  percent = paddock_table_decimal_mul (fraction, "100");
  if (percent == NULL)
    {
      char buffer[G_ASCII_DTOSTR_BUF_SIZE];
      double value = g_ascii_strtod (fraction, NULL) * 100.0;

      if (!isfinite (value) || fabs (value) >= 1e15)
        return NULL;
      percent = g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%.2f", value));
    }
  number = paddock_format_money_full (percent, NULL, PADDOCK_FORMAT_ALWAYS_SIGN);
  if (number == NULL)
    return NULL;
  /* Translators: a percentage, e.g. "+1.25 %" */
  return g_strdup_printf (_("%s%%"), number);
}

typedef struct
{
  gint64 mantissa;
  guint scale;
} Fixed;

static gboolean
fixed_parse (const char *text,
             Fixed      *out)
{
  gboolean negative = FALSE, point = FALSE;
  guint digits = 0;

  out->mantissa = 0;
  out->scale = 0;
  if (*text == '-' || *text == '+')
    negative = *text++ == '-';
  for (; *text != '\0'; text++)
    {
      if (*text == '.' && !point)
        {
          point = TRUE;
          continue;
        }
      if (!g_ascii_isdigit (*text) || ++digits > 18)
        return FALSE;
      out->mantissa = out->mantissa * 10 + (*text - '0');
      if (point)
        out->scale++;
    }
  if (digits == 0)
    return FALSE;
  if (negative)
    out->mantissa = -out->mantissa;
  return TRUE;
}

/**
 * paddock_table_decimal_mul:
 * @a: a decimal string
 * @b: a decimal string
 *
 * Multiplies exactly (a fill's quantity by its price), for amounts of up to 18 digits each.
 *
 * Returns: (transfer full) (nullable): the product as a decimal string, or %NULL
 */
char *
paddock_table_decimal_mul (const char *a,
                           const char *b)
{
  Fixed x, y;
  __int128 product;
  gboolean negative;
  char digits[48];
  int n = 0;
  guint scale;
  GString *out;

  if (a == NULL || b == NULL || !fixed_parse (a, &x) || !fixed_parse (b, &y))
    return NULL;
  product = (__int128) x.mantissa * y.mantissa;
  scale = x.scale + y.scale;
  negative = product < 0;
  if (negative)
    product = -product;
  do
    {
      digits[n++] = '0' + (int) (product % 10);
      product /= 10;
    }
  while (product != 0 && n < (int) sizeof digits);
  while ((guint) n <= scale)
    digits[n++] = '0';

  out = g_string_new (negative ? "-" : NULL);
  for (int i = n - 1; i >= 0; i--)
    {
      g_string_append_c (out, digits[i]);
      if (i == (int) scale && i > 0)
        g_string_append_c (out, '.');
    }
  return g_string_free (out, FALSE);
}
