/* paddock-preferences.c: the app's preferences (market data feed, order precautions)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every row is bound to its GSettings key: a change is written at once and read by the
 * next request (the data feed) or the next order (the precautions).
 */
#define G_LOG_DOMAIN "paddock-preferences"

#include "config.h"

#include "paddock-preferences.h"

/* the feed row's items, in the order of the .ui's string list */
static const char * const feeds[] = { "iex", "sip" };

struct _PaddockPreferences
{
  AdwPreferencesWindow parent_instance;

  AdwComboRow *feed_row;
  GtkSpinButton *value_spin;
  GtkSpinButton *percent_spin;

  GSettings *settings;
};

G_DEFINE_FINAL_TYPE (PaddockPreferences, paddock_preferences, ADW_TYPE_PREFERENCES_WINDOW)

static gboolean
feed_get_mapping (GValue   *value,
                  GVariant *variant,
                  gpointer  user_data)
{
  const char *feed = g_variant_get_string (variant, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (feeds); i++)
    if (g_str_equal (feed, feeds[i]))
      {
        g_value_set_uint (value, i);
        return TRUE;
      }
  g_value_set_uint (value, 0);
  return TRUE;
}

static GVariant *
feed_set_mapping (const GValue       *value,
                  const GVariantType *expected_type,
                  gpointer            user_data)
{
  guint selected = g_value_get_uint (value);

  if (selected >= G_N_ELEMENTS (feeds))
    return NULL;
  return g_variant_new_string (feeds[selected]);
}

static void
paddock_preferences_dispose (GObject *object)
{
  PaddockPreferences *self = PADDOCK_PREFERENCES (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), PADDOCK_TYPE_PREFERENCES);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (paddock_preferences_parent_class)->dispose (object);
}

static void
paddock_preferences_class_init (PaddockPreferencesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = paddock_preferences_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/paddockapp/Paddock/paddock-preferences.ui");
  gtk_widget_class_bind_template_child (widget_class, PaddockPreferences, feed_row);
  gtk_widget_class_bind_template_child (widget_class, PaddockPreferences, value_spin);
  gtk_widget_class_bind_template_child (widget_class, PaddockPreferences, percent_spin);
}

static void
paddock_preferences_init (PaddockPreferences *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * paddock_preferences_new:
 * @settings: (nullable): Paddock's settings (paddock_settings_new()); without them (the
 *   schema not installed) the rows are shown insensitive
 */
PaddockPreferences *
paddock_preferences_new (GSettings *settings)
{
  PaddockPreferences *self = g_object_new (PADDOCK_TYPE_PREFERENCES, NULL);

  g_return_val_if_fail (settings == NULL || G_IS_SETTINGS (settings), NULL);

  if (settings == NULL)
    {
      gtk_widget_set_sensitive (GTK_WIDGET (self->feed_row), FALSE);
      gtk_widget_set_sensitive (GTK_WIDGET (self->value_spin), FALSE);
      gtk_widget_set_sensitive (GTK_WIDGET (self->percent_spin), FALSE);
      return self;
    }

  self->settings = g_object_ref (settings);
  g_settings_bind_with_mapping (settings, "data-feed", self->feed_row, "selected",
                                G_SETTINGS_BIND_DEFAULT, feed_get_mapping, feed_set_mapping,
                                NULL, NULL);
  g_settings_bind (settings, "confirm-order-value-above", self->value_spin, "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "confirm-price-away-percent", self->percent_spin, "value",
                   G_SETTINGS_BIND_DEFAULT);
  return self;
}
