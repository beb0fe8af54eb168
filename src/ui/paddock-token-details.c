/* paddock-token-details.c: what the signed-in token may do and what the server says of it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The environment and the scopes come from the stored credentials; the rest from token
 * introspection (paddock-token-info.h), asked for when the window opens: a spinner while
 * it loads, its fields when the server answers, one sentence when it does not. When the
 * reply has an `id`, the Polygon Last Trade group appears: that legacy service takes the id
 * as its key. The token itself is never shown. Every text from a server goes through
 * paddock_format_printable().
 */
#define G_LOG_DOMAIN "paddock-token-details"

#include "config.h"

#include <glib/gi18n.h>

#include "paddock-error.h"
#include "paddock-format.h"
#include "paddock-token-details.h"
#include "paddock-token-info.h"

#define MAX_VALUE_CHARS 36

struct _PaddockTokenDetails
{
  AdwWindow parent_instance;

  GtkLabel *environment_label;
  AdwPreferencesGroup *scopes_group;
  GtkStack *introspection_stack;
  GtkSpinner *spinner;
  GtkListBox *fields_list;
  GtkLabel *failed_label;
  AdwPreferencesGroup *polygon_group;
  GtkEntry *symbol_entry;
  GtkButton *look_up_button;
  GtkLabel *polygon_error_label;
  GtkListBox *trade_list;
  GtkLabel *price_label;
  GtkLabel *size_label;
  GtkLabel *exchange_label;
  GtkLabel *time_label;

  PaddockSession *session;
  PaddockTokenDetailsState state;
  char *key_id;                  /* the introspection id: Polygon's apiKey */
  GCancellable *cancellable;     /* introspection */
  GCancellable *lookup_cancellable;
};

G_DEFINE_FINAL_TYPE (PaddockTokenDetails, paddock_token_details, ADW_TYPE_WINDOW)

static const char *
environment_name (PaddockEnvironment environment)
{
  switch (environment)
    {
    case PADDOCK_ENVIRONMENT_DEMO:
      return C_("environment", "Demo");
    case PADDOCK_ENVIRONMENT_PAPER:
      return C_("environment", "Paper");
    case PADDOCK_ENVIRONMENT_LIVE:
      return C_("environment", "Live");
    default:
      return "";
    }
}

static const char *
scope_description (const char *scope)
{
  if (g_str_equal (scope, "trading"))
    return _("Place, change and cancel orders");
  if (g_str_equal (scope, "account:write"))
    return _("Change account settings and watchlists");
  if (g_str_equal (scope, "data"))
    return _("Read market data");
  return NULL;
}

static char *
format_local_time (GDateTime  *time,
                   const char *format)
{
  g_autoptr (GDateTime) local = NULL;

  if (time == NULL)
    return NULL;
  local = g_date_time_to_local (time);
  return g_date_time_format (local, format);
}

static void
fill_scopes (PaddockTokenDetails *self)
{
  PaddockCredentials *credentials = paddock_session_get_credentials (self->session);
  g_auto (GStrv) scopes = g_strsplit (paddock_credentials_get_scope (credentials) ?: "", " ", -1);
  guint n = 0;

  for (guint i = 0; scopes[i] != NULL; i++)
    {
      g_autofree char *title = NULL;
      g_autofree char *name = NULL;
      GtkWidget *row;

      if (*scopes[i] == '\0')
        continue;
      title = paddock_format_printable (scopes[i]);
      name = g_strdup_printf ("token-scope-%s", title);
      row = adw_action_row_new ();
      gtk_widget_set_name (row, name);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      if (scope_description (scopes[i]) != NULL)
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), scope_description (scopes[i]));
      adw_preferences_group_add (self->scopes_group, row);
      n++;
    }

  if (n == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      gtk_widget_set_name (row, "token-scope-none");
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No scopes were recorded"));
      adw_preferences_group_add (self->scopes_group, row);
    }
}

static void
add_field (PaddockTokenDetails *self,
           const char          *field,
           const char          *title,
           const char          *value,
           gboolean             selectable)
{
  g_autofree char *name = g_strdup_printf ("token-field-%s", field);
  g_autofree char *text = NULL;
  GtkWidget *row;
  GtkWidget *label;

  if (value == NULL)
    return;

  text = paddock_format_printable (value);
  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  label = gtk_label_new (text);
  gtk_widget_set_name (label, name);
  gtk_label_set_selectable (GTK_LABEL (label), selectable);
  /* one line, as wide as the value up to MAX_VALUE_CHARS (an ellipsis and the whole value
   * in the tooltip beyond): a row never squeezes it */
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_width_chars (GTK_LABEL (label), MIN (g_utf8_strlen (text, -1), MAX_VALUE_CHARS));
  gtk_label_set_max_width_chars (GTK_LABEL (label), MAX_VALUE_CHARS);
  gtk_label_set_xalign (GTK_LABEL (label), 1);
  gtk_widget_set_tooltip_text (label, text);
  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
  gtk_list_box_append (self->fields_list, row);
}

static void
clear_fields (PaddockTokenDetails *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->fields_list))) != NULL)
    gtk_list_box_remove (self->fields_list, child);
}

static void
set_state (PaddockTokenDetails      *self,
           PaddockTokenDetailsState  state)
{
  static const char *pages[] = { "loading", "answered", "not-answered", "failed" };

  self->state = state;
  gtk_stack_set_visible_child_name (self->introspection_stack, pages[state]);
  gtk_spinner_set_spinning (self->spinner, state == PADDOCK_TOKEN_DETAILS_LOADING);
  gtk_widget_set_visible (GTK_WIDGET (self->polygon_group),
                          state == PADDOCK_TOKEN_DETAILS_ANSWERED && self->key_id != NULL);
}

static void
show_info (PaddockTokenDetails *self,
           PaddockTokenInfo    *info)
{
  g_autofree char *issued = format_local_time (paddock_token_info_get_iat (info),
                                               "%Y-%m-%d %H:%M:%S %Z");
  const char *id = paddock_token_info_get_id (info);

  clear_fields (self);
  add_field (self, "active", _("Active"),
             paddock_token_info_get_active (info) ? _("Yes") : _("No"), FALSE);
  add_field (self, "scope", _("Scope"), paddock_token_info_get_scope (info), FALSE);
  add_field (self, "token_type", _("Token Type"), paddock_token_info_get_token_type (info),
             FALSE);
  add_field (self, "iat", _("Issued"), issued, FALSE);
  add_field (self, "aud", _("Audience"), paddock_token_info_get_aud (info), FALSE);
  add_field (self, "client_id", _("Client ID"), paddock_token_info_get_client_id (info), FALSE);
  /* the key id, not the token: people copy it, so it is selectable */
  add_field (self, "id", _("Key ID"), id, TRUE);
  add_field (self, "owner_id", _("Owner ID"), paddock_token_info_get_owner_id (info), FALSE);

  g_clear_pointer (&self->key_id, g_free);
  if (id != NULL && *id != '\0')
    self->key_id = g_strdup (id);
  set_state (self, PADDOCK_TOKEN_DETAILS_ANSWERED);
}

static void
introspect_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr (PaddockTokenDetails) self = user_data;
  g_autoptr (PaddockTokenInfo) info = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *message = NULL;

  if (!paddock_token_introspect_finish (result, &info, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      if (g_error_matches (error, PADDOCK_ERROR, PADDOCK_ERROR_NOT_AUTHORIZED))
        message = g_strdup (_("The server refused this token. Sign in again."));
      else if (g_error_matches (error, PADDOCK_ERROR, PADDOCK_ERROR_NETWORK) ||
               g_error_matches (error, PADDOCK_ERROR, PADDOCK_ERROR_TIMED_OUT))
        message = g_strdup (_("The server could not be reached. Check the connection and try again."));
      else
        {
          g_autofree char *printable = paddock_format_printable (error->message);

          message = g_strdup_printf (_("Asking the server about this token failed: %s"),
                                     printable);
        }
      gtk_label_set_label (self->failed_label, message);
      set_state (self, PADDOCK_TOKEN_DETAILS_FAILED);
      return;
    }

  if (info == NULL)
    set_state (self, PADDOCK_TOKEN_DETAILS_NOT_ANSWERED);
  else
    show_info (self, info);
}

static void
start_introspection (PaddockTokenDetails *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  set_state (self, PADDOCK_TOKEN_DETAILS_LOADING);
  paddock_token_introspect_async (paddock_session_get_endpoints (self->session),
                                  paddock_session_get_credentials (self->session),
                                  self->cancellable, introspect_cb, g_object_ref (self));
}

static void
retry_clicked_cb (PaddockTokenDetails *self)
{
  start_introspection (self);
}

static char *
exchange_text (gint64 exchange)
{
  /* Polygon's integer exchange ids */
  switch (exchange)
    {
    case 10:
      return g_strdup ("NYSE");
    case 11:
      return g_strdup ("NYSE Arca");
    case 12:
      return g_strdup ("Nasdaq");
    default:
      if (exchange < 0)
        return g_strdup (_("Unknown"));
      /* Translators: an exchange Paddock has no name for, by Polygon's number */
      return g_strdup_printf (_("Exchange %lld"), (long long) exchange);
    }
}

static char *
lookup_error_text (const GError *error,
                   const char   *symbol)
{
  g_autofree char *printable = NULL;

  if (error->domain == PADDOCK_ERROR)
    switch (error->code)
      {
      case PADDOCK_ERROR_NOT_AUTHORIZED:
        return g_strdup (_("Polygon does not accept this token’s key id."));
      case PADDOCK_ERROR_NOT_FOUND:
        printable = paddock_format_printable (symbol);
        return g_strdup_printf (_("Polygon knows no symbol “%s”."), printable);
      case PADDOCK_ERROR_INVALID_INPUT:
        return g_strdup (error->message);
      case PADDOCK_ERROR_RATE_LIMITED:
        return g_strdup (_("Too many requests to Polygon. Wait a minute and try again."));
      case PADDOCK_ERROR_NETWORK:
      case PADDOCK_ERROR_TIMED_OUT:
        return g_strdup (_("Polygon could not be reached. Check the connection and try again."));
      case PADDOCK_ERROR_PROTOCOL:
        return g_strdup (_("Polygon’s reply could not be read."));
      default:
        break;
      }
  printable = paddock_format_printable (error->message);
  return g_strdup_printf (_("The lookup failed: %s"), printable);
}

typedef struct
{
  PaddockTokenDetails *self;
  char *symbol;
} LookupData;

static void
lookup_data_free (LookupData *data)
{
  g_object_unref (data->self);
  g_free (data->symbol);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LookupData, lookup_data_free)

static void
set_looking_up (PaddockTokenDetails *self,
                gboolean             looking_up)
{
  gtk_widget_set_sensitive (GTK_WIDGET (self->look_up_button), !looking_up);
}

static void
last_trade_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr (LookupData) data = user_data;
  PaddockTokenDetails *self = data->self;
  g_autoptr (GError) error = NULL;
  g_autoptr (PaddockPolygonTrade) trade = paddock_polygon_last_trade_finish (result, &error);
  g_autofree char *price = NULL;
  g_autofree char *size_text = NULL;
  g_autofree char *size = NULL;
  g_autofree char *exchange = NULL;
  g_autofree char *time = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->lookup_cancellable);
  set_looking_up (self, FALSE);

  if (trade == NULL)
    {
      g_autofree char *text = lookup_error_text (error, data->symbol);

      gtk_label_set_label (self->polygon_error_label, text);
      gtk_widget_set_visible (GTK_WIDGET (self->polygon_error_label), TRUE);
      gtk_widget_set_visible (GTK_WIDGET (self->trade_list), FALSE);
      return;
    }

  price = paddock_format_money (trade->price, "USD");
  size_text = g_strdup_printf ("%" G_GINT64_FORMAT, trade->size);
  size = paddock_format_quantity (size_text);
  exchange = exchange_text (trade->exchange);
  time = format_local_time (trade->timestamp, "%Y-%m-%d %H:%M:%S %Z");
  gtk_label_set_label (self->price_label, price ? price : trade->price);
  gtk_label_set_label (self->size_label, size ? size : size_text);
  gtk_label_set_label (self->exchange_label, exchange);
  gtk_label_set_label (self->time_label, time);
  gtk_widget_set_visible (GTK_WIDGET (self->polygon_error_label), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->trade_list), TRUE);
}

static void
look_up_cb (PaddockTokenDetails *self)
{
  LookupData *data;
  g_autofree char *symbol = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->symbol_entry)));

  if (self->key_id == NULL)
    return;

  g_strstrip (symbol);
  g_cancellable_cancel (self->lookup_cancellable);
  g_clear_object (&self->lookup_cancellable);
  self->lookup_cancellable = g_cancellable_new ();
  set_looking_up (self, TRUE);

  data = g_new0 (LookupData, 1);
  data->self = g_object_ref (self);
  data->symbol = g_ascii_strup (symbol, -1);
  paddock_polygon_last_trade_async (paddock_session_get_endpoints (self->session), self->key_id,
                                    symbol, self->lookup_cancellable, last_trade_cb, data);
}

static void
paddock_token_details_dispose (GObject *object)
{
  PaddockTokenDetails *self = PADDOCK_TOKEN_DETAILS (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_cancellable_cancel (self->lookup_cancellable);
  g_clear_object (&self->lookup_cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), PADDOCK_TYPE_TOKEN_DETAILS);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (paddock_token_details_parent_class)->dispose (object);
}

static void
paddock_token_details_finalize (GObject *object)
{
  PaddockTokenDetails *self = PADDOCK_TOKEN_DETAILS (object);

  g_free (self->key_id);

  G_OBJECT_CLASS (paddock_token_details_parent_class)->finalize (object);
}

static void
paddock_token_details_class_init (PaddockTokenDetailsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = paddock_token_details_dispose;
  object_class->finalize = paddock_token_details_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/paddockapp/Paddock/paddock-token-details.ui");
  gtk_widget_class_bind_template_child (widget_class, PaddockTokenDetails, environment_label);
  gtk_widget_class_bind_template_child (widget_class, PaddockTokenDetails, scopes_group);
  gtk_widget_class_bind_template_child (widget_class, PaddockTokenDetails, introspection_stack);
  gtk_widget_class_bind_template_child (widget_class, PaddockTokenDetails, spinner);
  gtk_widget_class_bind_template_child (widget_class, PaddockTokenDetails, fields_list);
  gtk_widget_class_bind_template_child (widget_class, PaddockTokenDetails, failed_label);
  gtk_widget_class_bind_template_child (widget_class, PaddockTokenDetails, polygon_group);
  gtk_widget_class_bind_template_child (widget_class, PaddockTokenDetails, symbol_entry);
  gtk_widget_class_bind_template_child (widget_class, PaddockTokenDetails, look_up_button);
  gtk_widget_class_bind_template_child (widget_class, PaddockTokenDetails, polygon_error_label);
  gtk_widget_class_bind_template_child (widget_class, PaddockTokenDetails, trade_list);
  gtk_widget_class_bind_template_child (widget_class, PaddockTokenDetails, price_label);
  gtk_widget_class_bind_template_child (widget_class, PaddockTokenDetails, size_label);
  gtk_widget_class_bind_template_child (widget_class, PaddockTokenDetails, exchange_label);
  gtk_widget_class_bind_template_child (widget_class, PaddockTokenDetails, time_label);
  gtk_widget_class_bind_template_callback (widget_class, retry_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, look_up_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
paddock_token_details_init (PaddockTokenDetails *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * paddock_token_details_new:
 * @session: the signed-in account
 *
 * Opens on the session's environment and scopes and asks the server about its token.
 */
PaddockTokenDetails *
paddock_token_details_new (PaddockSession *session)
{
  PaddockTokenDetails *self;

  g_return_val_if_fail (PADDOCK_IS_SESSION (session), NULL);

  self = g_object_new (PADDOCK_TYPE_TOKEN_DETAILS, NULL);
  self->session = g_object_ref (session);
  gtk_label_set_label (self->environment_label,
                       environment_name (paddock_credentials_get_environment (
                         paddock_session_get_credentials (session))));
  fill_scopes (self);
  start_introspection (self);
  return self;
}

/**
 * paddock_token_details_get_state:
 *
 * Returns: what the introspection part shows
 */
PaddockTokenDetailsState
paddock_token_details_get_state (PaddockTokenDetails *self)
{
  g_return_val_if_fail (PADDOCK_IS_TOKEN_DETAILS (self), PADDOCK_TOKEN_DETAILS_LOADING);

  return self->state;
}

/**
 * paddock_token_details_get_looking_up:
 *
 * Returns: whether a Polygon lookup is on its way
 */
gboolean
paddock_token_details_get_looking_up (PaddockTokenDetails *self)
{
  g_return_val_if_fail (PADDOCK_IS_TOKEN_DETAILS (self), FALSE);

  return self->lookup_cancellable != NULL;
}
