/* paddock-account-settings.c: the account's settings (/v2/account/configurations), explained
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Opens on the settings read from the server (paddock-account-config.h), each row with a
 * sentence saying what it does. A change is sent at once with PATCH, one member at a time,
 * and the rows then show the whole object the server read back; members this version does
 * not know are never sent, so the server keeps them as they are. The risky changes (suspend
 * trading on, more margin, fewer checks) ask first; in Live the question says real money is
 * at stake. A refusal puts the row back and says why; a token without `account:write` is
 * told so, with Sign In Again (the ::sign-in-requested signal). While a change is on its way
 * the spinner turns and the rows wait.
 */
#define G_LOG_DOMAIN "paddock-account-settings"

#include "config.h"

#include <glib/gi18n.h>

#include "paddock-account-config.h"
#include "paddock-account-settings.h"
#include "paddock-error.h"
#include "paddock-format.h"

static const char * const keys[] = {
  "dtbp_check", "pdt_check", "suspend_trade", "no_shorting", "fractional_trading",
  "max_margin_multiplier", "trade_confirm_email", NULL,
};

/* the combo rows' items, in the order of the .ui's string lists */
static const char * const check_values[] = { "both", "entry", "exit", NULL };
static const char * const margin_values[] = { "1", "2", "4", NULL };

struct _PaddockAccountSettings
{
  AdwPreferencesWindow parent_instance;

  GtkSpinner *spinner;
  GtkLabel *environment_label;
  AdwActionRow *message_row;
  GtkButton *retry_button;
  GtkButton *sign_in_button;
  AdwPreferencesGroup *checks_group;
  AdwPreferencesGroup *trading_group;
  AdwPreferencesGroup *email_group;
  AdwComboRow *dtbp_check_row;
  AdwComboRow *pdt_check_row;
  AdwComboRow *max_margin_multiplier_row;
  GtkSwitch *suspend_trade_switch;
  GtkSwitch *no_shorting_switch;
  GtkSwitch *fractional_trading_switch;
  GtkSwitch *trade_confirm_email_switch;

  PaddockSession *session;
  PaddockAccountConfig *config;      /* as the server last read it back */
  PaddockAccountSettingsState state;
  char *message;
  gboolean missing_scope;
  gboolean showing;                  /* the rows are being set from the config */
  char *pending_key;                 /* a risky change waiting for its answer */
  char *pending_value;
  GCancellable *cancellable;         /* the read or the PATCH on its way */
  gboolean saving;
};

enum {
  SIGNAL_SIGN_IN_REQUESTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (PaddockAccountSettings, paddock_account_settings,
                     ADW_TYPE_PREFERENCES_WINDOW)

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

static PaddockEnvironment
environment (PaddockAccountSettings *self)
{
  return paddock_credentials_get_environment (paddock_session_get_credentials (self->session));
}

static guint
value_index (const char * const *values,
             const char         *value)
{
  for (guint i = 0; value != NULL && values[i] != NULL; i++)
    if (g_str_equal (values[i], value))
      return i;
  return GTK_INVALID_LIST_POSITION;
}

static AdwComboRow *
combo_for_key (PaddockAccountSettings *self,
               const char             *key,
               const char * const    **values)
{
  if (g_str_equal (key, "dtbp_check") || g_str_equal (key, "pdt_check"))
    {
      *values = (const char * const *) check_values;
      return g_str_equal (key, "dtbp_check") ? self->dtbp_check_row : self->pdt_check_row;
    }
  if (g_str_equal (key, "max_margin_multiplier"))
    {
      *values = (const char * const *) margin_values;
      return self->max_margin_multiplier_row;
    }
  return NULL;
}

static GtkSwitch *
switch_for_key (PaddockAccountSettings *self,
                const char             *key)
{
  if (g_str_equal (key, "suspend_trade"))
    return self->suspend_trade_switch;
  if (g_str_equal (key, "no_shorting"))
    return self->no_shorting_switch;
  if (g_str_equal (key, "fractional_trading"))
    return self->fractional_trading_switch;
  if (g_str_equal (key, "trade_confirm_email"))
    return self->trade_confirm_email_switch;
  return NULL;
}

static GtkWidget *
row_widget (PaddockAccountSettings *self,
            const char             *key)
{
  const char * const *values;
  AdwComboRow *combo = combo_for_key (self, key, &values);

  return combo != NULL ? GTK_WIDGET (combo) : GTK_WIDGET (switch_for_key (self, key));
}

/* The text a switch stands for: "true"/"false", or "all"/"none" for the e-mails */
static const char *
switch_value (const char *key,
              gboolean    active)
{
  if (g_str_equal (key, "trade_confirm_email"))
    return active ? "all" : "none";
  return active ? "true" : "false";
}

/* What the server's config says for @key, as add_change() takes it; NULL when unset. */
static char *
config_value (PaddockAccountConfig *config,
              const char           *key)
{
  if (config == NULL || !paddock_account_config_has (config, key))
    return NULL;
  if (g_str_equal (key, "suspend_trade"))
    return g_strdup (switch_value (key, paddock_account_config_get_suspend_trade (config)));
  if (g_str_equal (key, "no_shorting"))
    return g_strdup (switch_value (key, paddock_account_config_get_no_shorting (config)));
  if (g_str_equal (key, "fractional_trading"))
    return g_strdup (switch_value (key, paddock_account_config_get_fractional_trading (config)));
  return g_strdup (paddock_account_config_get_text (config, key));
}

static void
update_sensitivity (PaddockAccountSettings *self)
{
  gboolean ready = self->state == PADDOCK_ACCOUNT_SETTINGS_READY && !self->saving &&
                   self->pending_key == NULL;

  for (guint i = 0; keys[i] != NULL; i++)
    {
      g_autofree char *value = config_value (self->config, keys[i]);
      gboolean known = value != NULL;
      const char * const *values;
      AdwComboRow *combo = combo_for_key (self, keys[i], &values);

      if (combo != NULL)
        known = known && value_index (values, value) != GTK_INVALID_LIST_POSITION;
      else if (g_str_equal (keys[i], "trade_confirm_email"))
        known = known && (g_str_equal (value, "all") || g_str_equal (value, "none"));
      gtk_widget_set_sensitive (row_widget (self, keys[i]), ready && known);
    }
  gtk_spinner_set_spinning (self->spinner,
                            self->saving || self->state == PADDOCK_ACCOUNT_SETTINGS_LOADING);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner),
                          self->saving || self->state == PADDOCK_ACCOUNT_SETTINGS_LOADING);
}

/* Sets every row to what the server last read back. */
static void
show_config (PaddockAccountSettings *self)
{
  self->showing = TRUE;
  for (guint i = 0; keys[i] != NULL; i++)
    {
      g_autofree char *value = config_value (self->config, keys[i]);
      const char * const *values;
      AdwComboRow *combo = combo_for_key (self, keys[i], &values);

      if (combo != NULL)
        adw_combo_row_set_selected (combo, value_index (values, value));
      else
        gtk_switch_set_active (switch_for_key (self, keys[i]),
                               value != NULL && (g_str_equal (value, "true") ||
                                                 g_str_equal (value, "all")));
    }
  self->showing = FALSE;
  update_sensitivity (self);
}

static void
set_message (PaddockAccountSettings *self,
             const char             *title,
             const char             *message,
             gboolean                retry,
             gboolean                missing_scope)
{
  g_free (self->message);
  self->message = g_strdup (message);
  self->missing_scope = missing_scope;
  gtk_widget_set_visible (GTK_WIDGET (self->message_row), message != NULL);
  if (title != NULL)
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->message_row), title);
  adw_action_row_set_subtitle (self->message_row, message ?: "");
  gtk_widget_set_visible (GTK_WIDGET (self->retry_button), retry);
  gtk_widget_set_visible (GTK_WIDGET (self->sign_in_button), missing_scope);
}

static char *
error_text (const GError *error,
            gboolean      saving)
{
  g_autofree char *printable = NULL;

  if (error->domain == PADDOCK_ERROR)
    switch (error->code)
      {
      case PADDOCK_ERROR_MISSING_SCOPE:
        return g_strdup (_("This sign-in did not grant Paddock permission to change account "
                           "settings. Sign in again and allow it."));
      case PADDOCK_ERROR_NOT_AUTHORIZED:
        return g_strdup (_("The server refused this sign-in. Sign in again."));
      case PADDOCK_ERROR_NETWORK:
      case PADDOCK_ERROR_TIMED_OUT:
        return g_strdup (_("The server could not be reached. Check the connection and try "
                           "again."));
      case PADDOCK_ERROR_RATE_LIMITED:
        return g_strdup (_("Too many requests. Wait a minute and try again."));
      case PADDOCK_ERROR_PROTOCOL:
        return g_strdup (_("The server’s reply could not be read."));
      case PADDOCK_ERROR_REJECTED:
        printable = paddock_format_printable (error->message);
        return g_strdup_printf (_("The broker refused the change: %s"), printable);
      default:
        break;
      }
  printable = paddock_format_printable (error->message);
  return saving ? g_strdup_printf (_("The change could not be saved: %s"), printable)
                : g_strdup_printf (_("The settings could not be read: %s"), printable);
}

static void
set_state (PaddockAccountSettings      *self,
           PaddockAccountSettingsState  state)
{
  self->state = state;
  update_sensitivity (self);
}

static void
get_cb (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  g_autoptr (PaddockAccountSettings) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (PaddockAccountConfig) config =
    paddock_account_config_get_finish (PADDOCK_CLIENT (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->cancellable);

  if (config == NULL)
    {
      g_autofree char *text = error_text (error, FALSE);

      set_message (self, _("Settings Not Read"), text, TRUE,
                   g_error_matches (error, PADDOCK_ERROR, PADDOCK_ERROR_NOT_AUTHORIZED));
      set_state (self, PADDOCK_ACCOUNT_SETTINGS_FAILED);
      return;
    }

  g_set_object (&self->config, config);
  set_message (self, NULL, NULL, FALSE, FALSE);
  self->state = PADDOCK_ACCOUNT_SETTINGS_READY;
  show_config (self);
}

static void
load (PaddockAccountSettings *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  set_state (self, PADDOCK_ACCOUNT_SETTINGS_LOADING);
  paddock_account_config_get_async (paddock_session_get_client (self->session),
                                    self->cancellable, get_cb, g_object_ref (self));
}

static void
update_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr (PaddockAccountSettings) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (PaddockAccountConfig) config =
    paddock_account_config_update_finish (PADDOCK_CLIENT (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->cancellable);
  self->saving = FALSE;

  if (config == NULL)
    {
      g_autofree char *text = error_text (error, TRUE);

      set_message (self, _("Not Saved"), text, FALSE,
                   g_error_matches (error, PADDOCK_ERROR, PADDOCK_ERROR_MISSING_SCOPE) ||
                   g_error_matches (error, PADDOCK_ERROR, PADDOCK_ERROR_NOT_AUTHORIZED));
    }
  else
    {
      g_set_object (&self->config, config);
      set_message (self, NULL, NULL, FALSE, FALSE);
    }
  /* the row shows what the server holds: the new value, or the old one back */
  show_config (self);
}

static void
save (PaddockAccountSettings *self,
      const char             *key,
      const char             *value)
{
  g_autoptr (JsonObject) changes = json_object_new ();
  g_autoptr (GError) error = NULL;

  if (!paddock_account_config_add_change (changes, key, value, &error))
    {
      g_autofree char *printable = paddock_format_printable (error->message);

      set_message (self, _("Not Saved"), printable, FALSE, FALSE);
      show_config (self);
      return;
    }

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->saving = TRUE;
  update_sensitivity (self);
  paddock_account_config_update_async (paddock_session_get_client (self->session), changes,
                                       self->cancellable, update_cb, g_object_ref (self));
}

/* The question for a risky change, or NULL when it needs none. */
static char *
risk_question (PaddockAccountSettings *self,
               const char             *key,
               const char             *value,
               char                  **heading)
{
  g_autofree char *old = config_value (self->config, key);

  if (g_str_equal (key, "suspend_trade") && g_str_equal (value, "true"))
    {
      *heading = g_strdup (_("Suspend Trading?"));
      return g_strdup (_("No new orders can be placed for this account until trading is "
                         "turned back on. Orders already open stay open."));
    }
  if (g_str_equal (key, "max_margin_multiplier") &&
      g_ascii_strtod (value, NULL) > (old != NULL ? g_ascii_strtod (old, NULL) : 0))
    {
      *heading = g_strdup (_("Allow More Margin?"));
      return g_strdup_printf (_("The broker may lend you up to %s× your equity. Borrowed money "
                                "makes losses bigger, and they can exceed what you put in."),
                              value);
    }
  if ((g_str_equal (key, "dtbp_check") || g_str_equal (key, "pdt_check")) &&
      g_strcmp0 (old, "both") == 0 && !g_str_equal (value, "both"))
    {
      if (g_str_equal (key, "dtbp_check"))
        {
          *heading = g_strdup (_("Check Day-Trade Buying Power Less Often?"));
          return g_strdup (_("Orders will be checked against your day-trade buying power "
                             "less often: a day trade that exceeds it can lead to a margin "
                             "call."));
        }
      *heading = g_strdup (_("Check Pattern Day Trading Less Often?"));
      return g_strdup (_("Orders that make you a pattern day trader will be stopped less "
                         "often: the account can then be restricted for 90 days."));
    }
  return NULL;
}

static void
clear_pending (PaddockAccountSettings *self)
{
  g_clear_pointer (&self->pending_key, g_free);
  g_clear_pointer (&self->pending_value, g_free);
}

static void
confirm_response_cb (AdwMessageDialog       *dialog,
                     const char             *response,
                     PaddockAccountSettings *self)
{
  g_autofree char *key = g_steal_pointer (&self->pending_key);
  g_autofree char *value = g_steal_pointer (&self->pending_value);

  if (key == NULL)
    return;
  if (g_strcmp0 (response, "change") == 0)
    save (self, key, value);
  else
    show_config (self);
}

static void
ask_first (PaddockAccountSettings *self,
           const char             *key,
           const char             *value,
           char                   *heading,
           char                   *question)
{
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;

  if (environment (self) == PADDOCK_ENVIRONMENT_LIVE)
    body = g_strdup_printf (_("This is a Live account with real money. %s"), question);
  else
    body = g_strdup_printf (_("This is a %s account. %s"),
                            environment_name (environment (self)), question);

  clear_pending (self);
  self->pending_key = g_strdup (key);
  self->pending_value = g_strdup (value);
  update_sensitivity (self);

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), heading, body));
  gtk_widget_set_name (GTK_WIDGET (dialog), "settings-confirm");
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "change", _("_Change"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "change", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (confirm_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  g_free (heading);
  g_free (question);
}

static void
changed (PaddockAccountSettings *self,
         const char             *key,
         const char             *value)
{
  g_autofree char *old = NULL;
  char *heading = NULL;
  char *question;

  if (self->showing || self->config == NULL || value == NULL)
    return;
  old = config_value (self->config, key);
  if (g_strcmp0 (old, value) == 0)
    return;

  question = risk_question (self, key, value, &heading);
  if (question != NULL)
    ask_first (self, key, value, heading, question);
  else
    save (self, key, value);
}

static void
switch_changed_cb (PaddockAccountSettings *self,
                   GParamSpec             *pspec,
                   GtkSwitch              *widget)
{
  for (guint i = 0; keys[i] != NULL; i++)
    if (switch_for_key (self, keys[i]) == widget)
      changed (self, keys[i], switch_value (keys[i], gtk_switch_get_active (widget)));
}

static void
combo_changed_cb (PaddockAccountSettings *self,
                  GParamSpec             *pspec,
                  AdwComboRow            *row)
{
  for (guint i = 0; keys[i] != NULL; i++)
    {
      const char * const *values;
      guint selected;

      if (combo_for_key (self, keys[i], &values) != row)
        continue;
      selected = adw_combo_row_get_selected (row);
      if (selected < g_strv_length ((char **) values))
        changed (self, keys[i], values[selected]);
    }
}

static void
retry_clicked_cb (PaddockAccountSettings *self)
{
  set_message (self, NULL, NULL, FALSE, FALSE);
  load (self);
}

static void
sign_in_clicked_cb (PaddockAccountSettings *self)
{
  g_signal_emit (self, signals[SIGNAL_SIGN_IN_REQUESTED], 0);
}

static void
paddock_account_settings_dispose (GObject *object)
{
  PaddockAccountSettings *self = PADDOCK_ACCOUNT_SETTINGS (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), PADDOCK_TYPE_ACCOUNT_SETTINGS);
  g_clear_object (&self->config);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (paddock_account_settings_parent_class)->dispose (object);
}

static void
paddock_account_settings_finalize (GObject *object)
{
  PaddockAccountSettings *self = PADDOCK_ACCOUNT_SETTINGS (object);

  g_free (self->message);
  clear_pending (self);

  G_OBJECT_CLASS (paddock_account_settings_parent_class)->finalize (object);
}

static void
paddock_account_settings_class_init (PaddockAccountSettingsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = paddock_account_settings_dispose;
  object_class->finalize = paddock_account_settings_finalize;

  /**
   * PaddockAccountSettings::sign-in-requested:
   *
   * The person chose Sign In Again: this sign-in lacks the account-settings permission.
   */
  signals[SIGNAL_SIGN_IN_REQUESTED] =
    g_signal_new ("sign-in-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                  NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/paddockapp/Paddock/paddock-account-settings.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, PaddockAccountSettings, name)
  BIND (spinner);
  BIND (environment_label);
  BIND (message_row);
  BIND (retry_button);
  BIND (sign_in_button);
  BIND (checks_group);
  BIND (trading_group);
  BIND (email_group);
  BIND (dtbp_check_row);
  BIND (pdt_check_row);
  BIND (max_margin_multiplier_row);
  BIND (suspend_trade_switch);
  BIND (no_shorting_switch);
  BIND (fractional_trading_switch);
  BIND (trade_confirm_email_switch);
#undef BIND
  gtk_widget_class_bind_template_callback (widget_class, switch_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, combo_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, retry_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, sign_in_clicked_cb);
}

/* The combo rows' values in full ("Entry and Exit"): the default factory's labels are
 * ellipsized to nothing beside the long explanations */
static void
value_setup_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_list_item_set_child (item, label);
}

static void
value_bind_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item)
{
  gtk_label_set_label (GTK_LABEL (gtk_list_item_get_child (item)),
                       gtk_string_object_get_string (gtk_list_item_get_item (item)));
}

static void
paddock_account_settings_init (PaddockAccountSettings *self)
{
  AdwComboRow *combos[3];

  self->showing = TRUE;   /* the template's rows settle before there is a config */
  gtk_widget_init_template (GTK_WIDGET (self));
  combos[0] = self->dtbp_check_row;
  combos[1] = self->pdt_check_row;
  combos[2] = self->max_margin_multiplier_row;
  for (guint i = 0; i < G_N_ELEMENTS (combos); i++)
    {
      g_autoptr (GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

      g_signal_connect (factory, "setup", G_CALLBACK (value_setup_cb), NULL);
      g_signal_connect (factory, "bind", G_CALLBACK (value_bind_cb), NULL);
      adw_combo_row_set_factory (combos[i], factory);
    }
  self->showing = FALSE;
}

/**
 * paddock_account_settings_new:
 * @session: the signed-in account
 *
 * Opens naming the session's environment and reads its settings.
 */
PaddockAccountSettings *
paddock_account_settings_new (PaddockSession *session)
{
  PaddockAccountSettings *self;
  g_autofree char *title = NULL;

  g_return_val_if_fail (PADDOCK_IS_SESSION (session), NULL);

  self = g_object_new (PADDOCK_TYPE_ACCOUNT_SETTINGS, NULL);
  self->session = g_object_ref (session);
  gtk_label_set_label (self->environment_label, environment_name (environment (self)));
  /* Translators: the window's title, with the environment (Demo, Paper, Live) */
  title = g_strdup_printf (_("Account Settings — %s"), environment_name (environment (self)));
  gtk_window_set_title (GTK_WINDOW (self), title);
  set_message (self, NULL, NULL, FALSE, FALSE);
  load (self);
  return self;
}

PaddockAccountSettingsState
paddock_account_settings_get_state (PaddockAccountSettings *self)
{
  g_return_val_if_fail (PADDOCK_IS_ACCOUNT_SETTINGS (self), PADDOCK_ACCOUNT_SETTINGS_LOADING);
  return self->state;
}

/**
 * paddock_account_settings_get_saving:
 *
 * Returns: whether a change is on its way to the server
 */
gboolean
paddock_account_settings_get_saving (PaddockAccountSettings *self)
{
  g_return_val_if_fail (PADDOCK_IS_ACCOUNT_SETTINGS (self), FALSE);
  return self->saving;
}

/**
 * paddock_account_settings_get_message:
 *
 * Returns: (nullable): the sentence shown about the last read or change that failed
 */
const char *
paddock_account_settings_get_message (PaddockAccountSettings *self)
{
  g_return_val_if_fail (PADDOCK_IS_ACCOUNT_SETTINGS (self), NULL);
  return self->message;
}

/**
 * paddock_account_settings_get_missing_scope:
 *
 * Returns: whether Sign In Again is offered
 */
gboolean
paddock_account_settings_get_missing_scope (PaddockAccountSettings *self)
{
  g_return_val_if_fail (PADDOCK_IS_ACCOUNT_SETTINGS (self), FALSE);
  return self->missing_scope;
}

/**
 * paddock_account_settings_get_pending_key:
 *
 * Returns: (nullable): the setting whose risky change waits for the person's answer
 */
const char *
paddock_account_settings_get_pending_key (PaddockAccountSettings *self)
{
  g_return_val_if_fail (PADDOCK_IS_ACCOUNT_SETTINGS (self), NULL);
  return self->pending_key;
}

/**
 * paddock_account_settings_get_keys:
 *
 * Returns: the members the window has a row for
 */
const char * const *
paddock_account_settings_get_keys (void)
{
  return keys;
}

/**
 * paddock_account_settings_dup_row_value:
 * @key: one of paddock_account_settings_get_keys()
 *
 * Returns: (nullable): what the row shows, as the server's text ("both", "true", "all",
 *   "2", …), read back from the row's widget; NULL when it shows nothing
 */
char *
paddock_account_settings_dup_row_value (PaddockAccountSettings *self,
                                        const char             *key)
{
  const char * const *values;
  AdwComboRow *combo;
  GtkSwitch *toggle;

  g_return_val_if_fail (PADDOCK_IS_ACCOUNT_SETTINGS (self), NULL);

  combo = combo_for_key (self, key, &values);
  if (combo != NULL)
    {
      guint selected = adw_combo_row_get_selected (combo);

      return selected < g_strv_length ((char **) values) ? g_strdup (values[selected]) : NULL;
    }
  toggle = switch_for_key (self, key);
  if (toggle == NULL)
    return NULL;
  return g_strdup (switch_value (key, gtk_switch_get_active (toggle)));
}

/**
 * paddock_account_settings_get_row_sensitive:
 * @key: one of paddock_account_settings_get_keys()
 *
 * Returns: whether the row takes a change now
 */
gboolean
paddock_account_settings_get_row_sensitive (PaddockAccountSettings *self,
                                            const char             *key)
{
  const char * const *values;
  GtkWidget *widget;

  g_return_val_if_fail (PADDOCK_IS_ACCOUNT_SETTINGS (self), FALSE);

  widget = combo_for_key (self, key, &values) != NULL ? GTK_WIDGET (combo_for_key (self, key, &values))
                                                      : GTK_WIDGET (switch_for_key (self, key));
  return widget != NULL && gtk_widget_is_sensitive (widget);
}
