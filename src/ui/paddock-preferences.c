/* paddock-preferences.c: the app's preferences
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every control is bound to its GSettings key, both ways: a change is written at once (or,
 * for the typed rows of the OAuth app, when applied) and read by what uses it, and a
 * change of the key made elsewhere shows here.
 *
 * The client secret is the exception: it lives only in the keyring (PaddockTokenStore),
 * under the client ID. The window never reads it back to show it; the password row only
 * takes a new one, is emptied as soon as it is applied, and a status row says whether one
 * is stored for the client ID.
 */
#define G_LOG_DOMAIN "paddock-preferences"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "paddock-error.h"
#include "paddock-preferences.h"
#include "paddock-settings.h"
#include "paddock-token-store.h"

#define MAX_PORTS 10

struct _PaddockPreferences
{
  AdwPreferencesWindow parent_instance;

  AdwComboRow *environment_row;
  GtkSpinButton *refresh_spin;
  GtkSpinButton *quote_spin;
  GtkSwitch *notifications_switch;
  AdwComboRow *feed_row;
  GtkSpinButton *value_spin;
  GtkSpinButton *percent_spin;
  AdwEntryRow *client_id_row;
  AdwActionRow *secret_status_row;
  AdwEntryRow *secret_row;
  AdwPreferencesGroup *redirect_group;
  AdwEntryRow *ports_row;

  GSettings *settings;
  PaddockTokenStore *store;
  GCancellable *cancellable;
  GPtrArray *redirect_rows;
  gboolean secret_saving;
};

G_DEFINE_FINAL_TYPE (PaddockPreferences, paddock_preferences, ADW_TYPE_PREFERENCES_WINDOW)

/* ---- mappings of the combo rows -------------------------------------------------------- */

static gboolean
choice_get_mapping (GValue   *value,
                    GVariant *variant,
                    gpointer  user_data)
{
  const char * const *choices = user_data;
  const char *text = g_variant_get_string (variant, NULL);

  g_value_set_uint (value, 0);
  for (guint i = 0; choices[i] != NULL; i++)
    if (g_str_equal (text, choices[i]))
      g_value_set_uint (value, i);
  return TRUE;
}

static GVariant *
choice_set_mapping (const GValue       *value,
                    const GVariantType *expected_type,
                    gpointer            user_data)
{
  const char * const *choices = user_data;
  guint selected = g_value_get_uint (value);

  for (guint i = 0; choices[i] != NULL; i++)
    if (i == selected)
      return g_variant_new_string (choices[i]);
  return NULL;
}

/* the combo rows' items, in the order of the .ui's string lists */
static const char * const feed_choices[] = { "iex", "sip", NULL };
static const char * const environment_choices[] = { "paper", "live", NULL };

/* ---- the OAuth app ---------------------------------------------------------------------- */

static void
toast (PaddockPreferences *self,
       const char         *text)
{
  /* a toast's title is markup; the text may hold the keyring's words */
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (escaped));
}

static char *
dup_client_id (PaddockPreferences *self)
{
  g_autofree char *id = self->settings != NULL
                        ? g_settings_get_string (self->settings, "client-id") : NULL;

  return id != NULL ? g_strstrip (g_steal_pointer (&id)) : g_strdup ("");
}

static void
set_secret_status (PaddockPreferences *self,
                   const char         *status)
{
  adw_action_row_set_subtitle (self->secret_status_row, status);
}

static void
secret_checked_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr (PaddockPreferences) self = user_data;
  g_autoptr (GError) error = NULL;
  char *secret = paddock_token_store_load_client_secret_finish (PADDOCK_TOKEN_STORE (object),
                                                                result, &error);

  if (secret != NULL)
    {
      /* only whether there is one was wanted */
      memset (secret, 0, strlen (secret));
      g_free (secret);
      set_secret_status (self, _("Stored in the keyring"));
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  else if (g_error_matches (error, PADDOCK_ERROR, PADDOCK_ERROR_NOT_FOUND))
    set_secret_status (self, _("None stored for this client ID"));
  else
    set_secret_status (self, _("The keyring could not be read"));
}

/* Says whether a secret is stored for the client ID (reading it, never showing it) */
static void
check_secret (PaddockPreferences *self)
{
  g_autofree char *client_id = dup_client_id (self);

  gtk_widget_set_sensitive (GTK_WIDGET (self->secret_row), *client_id != '\0');
  if (*client_id == '\0')
    {
      set_secret_status (self, _("Enter the client ID first"));
      return;
    }
  if (self->secret_saving)
    return;
  set_secret_status (self, _("Looking in the keyring…"));
  paddock_token_store_load_client_secret_async (self->store, client_id, self->cancellable,
                                                secret_checked_cb, g_object_ref (self));
}

static void
client_id_changed_cb (PaddockPreferences *self)
{
  g_autofree char *client_id = dup_client_id (self);

  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->client_id_row)), client_id) != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->client_id_row), client_id);
  check_secret (self);
}

static void
client_id_apply_cb (PaddockPreferences *self)
{
  g_autofree char *client_id = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->client_id_row))));

  if (self->settings == NULL)
    return;
  g_settings_set_string (self->settings, "client-id", client_id);
}

static void
secret_saved_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr (PaddockPreferences) self = user_data;
  g_autoptr (GError) error = NULL;

  if (!paddock_token_store_save_client_secret_finish (PADDOCK_TOKEN_STORE (object), result,
                                                      &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      self->secret_saving = FALSE;
      g_message ("The client secret could not be stored: %s", error->message);
      set_secret_status (self, _("Not stored: the keyring could not be reached"));
      toast (self, _("The client secret could not be stored in the keyring"));
      return;
    }
  self->secret_saving = FALSE;
  set_secret_status (self, _("Stored in the keyring"));
  toast (self, _("Client secret replaced"));
}

static void
secret_apply_cb (PaddockPreferences *self)
{
  g_autofree char *client_id = dup_client_id (self);
  char *secret;

  if (*client_id == '\0' || self->store == NULL)
    return;
  secret = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->secret_row)));
  /* never shown back: the row is emptied at once */
  gtk_editable_set_text (GTK_EDITABLE (self->secret_row), "");
  if (*g_strstrip (secret) != '\0')
    {
      self->secret_saving = TRUE;
      set_secret_status (self, _("Storing in the keyring…"));
      paddock_token_store_save_client_secret_async (self->store, client_id, secret,
                                                    self->cancellable, secret_saved_cb,
                                                    g_object_ref (self));
    }
  memset (secret, 0, strlen (secret));
  g_free (secret);
}

/* ---- the redirect addresses ----------------------------------------------------------- */

static void
copy_text (PaddockPreferences *self,
           const char         *text,
           const char         *done)
{
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), text);
  toast (self, done);
}

static void
copy_clicked_cb (GtkButton          *button,
                 PaddockPreferences *self)
{
  copy_text (self, g_object_get_data (G_OBJECT (button), "uri"), _("Address copied"));
}

static char *
redirect_uri (guint16 port)
{
  return g_strdup_printf ("http://127.0.0.1:%u/callback", port);
}

static void
copy_all_clicked_cb (PaddockPreferences *self)
{
  g_autoptr (GArray) ports = paddock_settings_get_redirect_ports (self->settings);
  g_autoptr (GString) text = g_string_new (NULL);

  for (guint i = 0; i < ports->len; i++)
    {
      g_autofree char *uri = redirect_uri (g_array_index (ports, guint16, i));

      g_string_append_printf (text, "%s%s", i > 0 ? "\n" : "", uri);
    }
  copy_text (self, text->str, _("Addresses copied"));
}

static char *
ports_text (GArray *ports)
{
  g_autoptr (GString) text = g_string_new (NULL);

  for (guint i = 0; i < ports->len; i++)
    g_string_append_printf (text, "%s%u", i > 0 ? ", " : "", g_array_index (ports, guint16, i));
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
rebuild_redirect_rows (PaddockPreferences *self)
{
  g_autoptr (GArray) ports = paddock_settings_get_redirect_ports (self->settings);
  g_autofree char *text = ports_text (ports);

  for (guint i = 0; i < self->redirect_rows->len; i++)
    adw_preferences_group_remove (self->redirect_group,
                                  g_ptr_array_index (self->redirect_rows, i));
  g_ptr_array_set_size (self->redirect_rows, 0);

  /* the addresses, then the row of ports that makes them */
  g_object_ref (self->ports_row);
  adw_preferences_group_remove (self->redirect_group, GTK_WIDGET (self->ports_row));
  for (guint i = 0; i < ports->len; i++)
    {
      g_autofree char *uri = redirect_uri (g_array_index (ports, guint16, i));
      g_autofree char *label = g_strdup_printf (_("Copy %s"), uri);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *button = gtk_button_new_from_icon_name ("edit-copy-symbolic");

      gtk_widget_set_name (row, "preferences-redirect-address");
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), uri);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title_selectable (ADW_PREFERENCES_ROW (row), TRUE);
      gtk_widget_set_name (button, "preferences-copy-redirect");
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (button, _("Copy Address"));
      gtk_widget_add_css_class (button, "flat");
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      label, -1);
      g_object_set_data_full (G_OBJECT (button), "uri", g_steal_pointer (&uri), g_free);
      g_signal_connect (button, "clicked", G_CALLBACK (copy_clicked_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      adw_preferences_group_add (self->redirect_group, row);
      g_ptr_array_add (self->redirect_rows, row);
    }
  adw_preferences_group_add (self->redirect_group, GTK_WIDGET (self->ports_row));
  g_object_unref (self->ports_row);
  gtk_editable_set_text (GTK_EDITABLE (self->ports_row), text);
  gtk_widget_remove_css_class (GTK_WIDGET (self->ports_row), "error");
}

/* "48721, 48722": 1 to MAX_PORTS different ports from 1024 to 65535; NULL if it is not */
static GArray *
parse_ports (const char *text)
{
  g_auto (GStrv) parts = g_strsplit_set (text, ", ", -1);
  g_autoptr (GArray) ports = g_array_new (FALSE, FALSE, sizeof (guint16));

  for (guint i = 0; parts[i] != NULL; i++)
    {
      guint64 value;
      guint16 port;

      if (*parts[i] == '\0')
        continue;
      if (!g_ascii_string_to_unsigned (parts[i], 10, 1024, 65535, &value, NULL))
        return NULL;
      port = (guint16) value;
      for (guint j = 0; j < ports->len; j++)
        if (g_array_index (ports, guint16, j) == port)
          return NULL;
      g_array_append_val (ports, port);
    }
  if (ports->len == 0 || ports->len > MAX_PORTS)
    return NULL;
  return g_steal_pointer (&ports);
}

static void
ports_changed_cb (PaddockPreferences *self)
{
  gtk_widget_remove_css_class (GTK_WIDGET (self->ports_row), "error");
}

static void
ports_apply_cb (PaddockPreferences *self)
{
  g_autoptr (GArray) ports = parse_ports (gtk_editable_get_text (GTK_EDITABLE (self->ports_row)));

  if (self->settings == NULL)
    return;
  if (ports == NULL)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->ports_row), "error");
      toast (self, _("Enter 1 to 10 different ports from 1024 to 65535, separated by commas"));
      return;
    }
  g_settings_set_value (self->settings, "redirect-ports",
                        g_variant_new_fixed_array (G_VARIANT_TYPE_UINT16, ports->data, ports->len,
                                                   sizeof (guint16)));
  /* the same ports as before change no key: show them as written */
  rebuild_redirect_rows (self);
}

/* ---- GObject ---------------------------------------------------------------------------- */

static void
paddock_preferences_dispose (GObject *object)
{
  PaddockPreferences *self = PADDOCK_PREFERENCES (object);

  g_cancellable_cancel (self->cancellable);
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), PADDOCK_TYPE_PREFERENCES);
  g_clear_object (&self->settings);
  g_clear_object (&self->store);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->redirect_rows, g_ptr_array_unref);

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
  gtk_widget_class_bind_template_child (widget_class, PaddockPreferences, environment_row);
  gtk_widget_class_bind_template_child (widget_class, PaddockPreferences, refresh_spin);
  gtk_widget_class_bind_template_child (widget_class, PaddockPreferences, quote_spin);
  gtk_widget_class_bind_template_child (widget_class, PaddockPreferences, notifications_switch);
  gtk_widget_class_bind_template_child (widget_class, PaddockPreferences, feed_row);
  gtk_widget_class_bind_template_child (widget_class, PaddockPreferences, value_spin);
  gtk_widget_class_bind_template_child (widget_class, PaddockPreferences, percent_spin);
  gtk_widget_class_bind_template_child (widget_class, PaddockPreferences, client_id_row);
  gtk_widget_class_bind_template_child (widget_class, PaddockPreferences, secret_status_row);
  gtk_widget_class_bind_template_child (widget_class, PaddockPreferences, secret_row);
  gtk_widget_class_bind_template_child (widget_class, PaddockPreferences, redirect_group);
  gtk_widget_class_bind_template_child (widget_class, PaddockPreferences, ports_row);
  gtk_widget_class_bind_template_callback (widget_class, client_id_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, secret_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, copy_all_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, ports_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, ports_changed_cb);
}

static void
paddock_preferences_init (PaddockPreferences *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  self->redirect_rows = g_ptr_array_new ();
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
  GtkWidget *rows[] = {
    GTK_WIDGET (self->environment_row), GTK_WIDGET (self->refresh_spin),
    GTK_WIDGET (self->quote_spin), GTK_WIDGET (self->notifications_switch),
    GTK_WIDGET (self->feed_row), GTK_WIDGET (self->value_spin), GTK_WIDGET (self->percent_spin),
    GTK_WIDGET (self->client_id_row), GTK_WIDGET (self->secret_row),
    GTK_WIDGET (self->ports_row),
  };

  g_return_val_if_fail (settings == NULL || G_IS_SETTINGS (settings), NULL);

  if (settings == NULL)
    {
      for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
        gtk_widget_set_sensitive (rows[i], FALSE);
      rebuild_redirect_rows (self);
      return self;
    }

  self->settings = g_object_ref (settings);
  self->store = paddock_token_store_new ();
  g_settings_bind_with_mapping (settings, "default-environment", self->environment_row,
                                "selected", G_SETTINGS_BIND_DEFAULT, choice_get_mapping,
                                choice_set_mapping, (gpointer) environment_choices, NULL);
  g_settings_bind (settings, "refresh-interval", self->refresh_spin, "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "quote-refresh-interval", self->quote_spin, "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "notifications", self->notifications_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind_with_mapping (settings, "data-feed", self->feed_row, "selected",
                                G_SETTINGS_BIND_DEFAULT, choice_get_mapping, choice_set_mapping,
                                (gpointer) feed_choices, NULL);
  g_settings_bind (settings, "confirm-order-value-above", self->value_spin, "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "confirm-price-away-percent", self->percent_spin, "value",
                   G_SETTINGS_BIND_DEFAULT);

  g_signal_connect_swapped (settings, "changed::client-id", G_CALLBACK (client_id_changed_cb),
                            self);
  g_signal_connect_swapped (settings, "changed::redirect-ports",
                            G_CALLBACK (rebuild_redirect_rows), self);
  client_id_changed_cb (self);
  rebuild_redirect_rows (self);
  return self;
}
