/* paddock-order-details.c: every field of one order, its fills, timestamps and legs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The rows come from the order's properties, which are the members of Alpaca's order
 * object one for one (paddock-order.h): a member added there shows here without a change.
 * Every text from the server goes through paddock_format_printable().
 */
#define G_LOG_DOMAIN "paddock-order-details"

#include "config.h"

#include <glib/gi18n.h>

#include "paddock-format.h"
#include "paddock-order-details.h"

struct _PaddockOrderDetails
{
  AdwWindow parent_instance;

  GtkListBox *fields;
  PaddockOrder *order;
};

G_DEFINE_FINAL_TYPE (PaddockOrderDetails, paddock_order_details, ADW_TYPE_WINDOW)

static char *
value_text (PaddockOrder *order,
            GParamSpec   *pspec)
{
  g_auto (GValue) value = G_VALUE_INIT;
  GType type = G_PARAM_SPEC_VALUE_TYPE (pspec);

  g_value_init (&value, type);
  g_object_get_property (G_OBJECT (order), pspec->name, &value);

  if (type == G_TYPE_STRING)
    return g_strdup (g_value_get_string (&value));
  if (type == G_TYPE_BOOLEAN)
    return g_strdup (g_value_get_boolean (&value) ? _("Yes") : _("No"));
  if (type == G_TYPE_DATE_TIME)
    {
      GDateTime *time = g_value_get_boxed (&value);
      g_autoptr (GDateTime) local = NULL;

      if (time == NULL)
        return NULL;
      local = g_date_time_to_local (time);
      return g_date_time_format (local, "%Y-%m-%d %H:%M:%S %Z");
    }
  if (G_TYPE_IS_ENUM (type))
    return NULL;   /* the member's code is its own property ("status-code") */
  if (g_type_is_a (type, G_TYPE_LIST_MODEL))
    {
      GListModel *legs = g_value_get_object (&value);
      GString *text;
      guint n = legs != NULL ? g_list_model_get_n_items (legs) : 0;

      if (n == 0)
        return NULL;
      text = g_string_new (NULL);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr (PaddockOrder) leg = g_list_model_get_item (legs, i);

          if (i > 0)
            g_string_append_c (text, '\n');
          g_string_append_printf (text, "%s %s %s %s", paddock_order_get_side_code (leg),
                                  paddock_order_get_type_code (leg),
                                  paddock_order_get_status_code (leg),
                                  paddock_order_get_id (leg));
        }
      return g_string_free (text, FALSE);
    }
  return NULL;
}

static void
add_row (PaddockOrderDetails *self,
         const char          *name,
         const char          *text)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *label = gtk_label_new (text != NULL ? text : "—");
  /* the member's name in the API: "client-order-id" is client_order_id */
  g_autofree char *safe_name = g_strdelimit (paddock_format_printable (name), "-", '_');

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), safe_name);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 1.0);
  gtk_widget_add_css_class (label, "figure-value");
  if (text == NULL)
    gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_set_name (row, name);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
  gtk_list_box_append (self->fields, row);
}

static void
fill (PaddockOrderDetails *self)
{
  guint n_props = 0;
  g_autofree GParamSpec **props = g_object_class_list_properties (G_OBJECT_GET_CLASS (self->order),
                                                                  &n_props);

  for (guint i = 0; i < n_props; i++)
    {
      g_autofree char *raw = NULL;
      g_autofree char *text = NULL;

      if (G_TYPE_IS_ENUM (G_PARAM_SPEC_VALUE_TYPE (props[i])))
        continue;
      raw = value_text (self->order, props[i]);
      text = raw != NULL ? paddock_format_printable (raw) : NULL;
      add_row (self, props[i]->name, text);
    }
}

static void
paddock_order_details_dispose (GObject *object)
{
  PaddockOrderDetails *self = PADDOCK_ORDER_DETAILS (object);

  g_clear_object (&self->order);
  gtk_widget_dispose_template (GTK_WIDGET (object), PADDOCK_TYPE_ORDER_DETAILS);

  G_OBJECT_CLASS (paddock_order_details_parent_class)->dispose (object);
}

static void
paddock_order_details_class_init (PaddockOrderDetailsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = paddock_order_details_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/paddockapp/Paddock/paddock-order-details.ui");
  gtk_widget_class_bind_template_child (widget_class, PaddockOrderDetails, fields);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
paddock_order_details_init (PaddockOrderDetails *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * paddock_order_details_new:
 * @order: an order
 *
 * Returns: (transfer full): a window listing every member of @order, by its API name
 */
PaddockOrderDetails *
paddock_order_details_new (PaddockOrder *order)
{
  PaddockOrderDetails *self;

  g_return_val_if_fail (PADDOCK_IS_ORDER (order), NULL);

  self = g_object_new (PADDOCK_TYPE_ORDER_DETAILS, NULL);
  self->order = g_object_ref (order);
  fill (self);
  return self;
}

PaddockOrder *
paddock_order_details_get_order (PaddockOrderDetails *self)
{
  g_return_val_if_fail (PADDOCK_IS_ORDER_DETAILS (self), NULL);

  return self->order;
}
