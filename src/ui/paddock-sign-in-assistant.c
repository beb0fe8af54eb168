/* paddock-sign-in-assistant.c: the steps before signing in
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One page per step, with Back and Next: the environment (paper or live), the
 * permissions to ask for, and — only when no OAuth app is configured — how to register
 * one, with the redirect addresses to copy and the client ID and secret. The assistant
 * only collects; ::finished hands everything to whoever starts the OAuth flow.
 */
#define G_LOG_DOMAIN "paddock-sign-in-assistant"

#include "config.h"

#include <glib/gi18n.h>

#include "paddock-a11y.h"
#include "paddock-sign-in-assistant.h"

#define FIRST_REDIRECT_PORT 48721
#define N_REDIRECT_PORTS 5

/* Where an Alpaca user registers OAuth apps (the dashboard's "OAuth Apps" section) */
#define OAUTH_APPS_URL "https://app.alpaca.markets/brokerage/apps/manage"

struct _PaddockSignInAssistant
{
  GtkWidget parent_instance;

  GtkStack *stack;
  GtkCheckButton *paper_check;
  GtkCheckButton *live_check;
  GtkSwitch *trading_switch;
  GtkSwitch *account_write_switch;
  GtkSwitch *data_switch;
  AdwPreferencesGroup *redirect_group;
  AdwExpanderRow *redirect_row;
  GtkLabel *environment_title;
  GtkLabel *permissions_title;
  GtkLabel *oauth_app_title;
  GtkLabel *missing_label;
  AdwEntryRow *client_id_row;
  AdwPasswordEntryRow *client_secret_row;
  GtkButton *back_button;
  GtkButton *next_button;
  GtkLabel *step_label;

  GPtrArray *redirect_rows;
  char **redirect_uris;
  gboolean ask_oauth_app;
};

G_DEFINE_FINAL_TYPE (PaddockSignInAssistant, paddock_sign_in_assistant, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_ENVIRONMENT,
  PROP_ASK_OAUTH_APP,
  PROP_REDIRECT_URIS,
  PROP_CLIENT_ID,
  PROP_STEP,
  N_PROPS
};

enum {
  SIGNAL_FINISHED,
  SIGNAL_CANCELLED,
  SIGNAL_DEMO_REQUESTED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static guint
list_steps (PaddockSignInAssistant *self,
            const char             *steps[3])
{
  guint n = 0;

  steps[n++] = "environment";
  steps[n++] = "permissions";
  if (self->ask_oauth_app)
    steps[n++] = "oauth-app";
  return n;
}

static guint
current_step_index (PaddockSignInAssistant *self)
{
  const char *steps[3];
  guint n = list_steps (self, steps);
  const char *current = gtk_stack_get_visible_child_name (self->stack);

  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (steps[i], current) == 0)
      return i;
  return 0;
}

static char *
dup_entry_text (gpointer editable)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (editable))));
}

/* What Sign In still waits for, in words; NULL when nothing */
static const char *
describe_missing (PaddockSignInAssistant *self)
{
  g_autofree char *id = dup_entry_text (self->client_id_row);
  g_autofree char *secret = dup_entry_text (self->client_secret_row);

  if (id[0] == '\0' && secret[0] == '\0')
    return _("Enter the client ID and the client secret to sign in.");
  if (id[0] == '\0')
    return _("Enter the client ID to sign in.");
  if (secret[0] == '\0')
    return _("Enter the client secret to sign in.");
  return NULL;
}

static void
update_buttons (PaddockSignInAssistant *self)
{
  const char *steps[3];
  guint n = list_steps (self, steps);
  guint i = current_step_index (self);
  gboolean last = (i + 1 == n);
  g_autofree char *step = NULL;
  const char *missing = describe_missing (self);
  gboolean waiting = last && self->ask_oauth_app && missing != NULL;

  gtk_button_set_label (self->next_button, last ? _("_Sign In") : _("_Next"));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "assistant.next", !waiting);
  /* Sign In says why it cannot be pressed yet, under the fields and on the button */
  gtk_label_set_label (self->missing_label, missing);
  gtk_widget_set_visible (GTK_WIDGET (self->missing_label), missing != NULL);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->next_button), waiting ? missing : NULL);

  /* Translators: the position in the sign-in assistant, e.g. "Step 1 of 3" */
  step = g_strdup_printf (_("Step %u of %u"), i + 1, n);
  gtk_label_set_label (self->step_label, step);
}

static void
rebuild_redirect_rows (PaddockSignInAssistant *self)
{
  guint n = self->redirect_uris != NULL ? g_strv_length (self->redirect_uris) : 0;
  g_autofree char *subtitle = NULL;

  for (guint i = 0; i < self->redirect_rows->len; i++)
    adw_expander_row_remove (self->redirect_row, g_ptr_array_index (self->redirect_rows, i));
  g_ptr_array_set_size (self->redirect_rows, 0);

  /* Translators: the redirect addresses the person adds to their OAuth app */
  subtitle = g_strdup_printf (ngettext ("Add this address to your app",
                                        "Add all %u addresses to your app", n), n);
  adw_expander_row_set_subtitle (self->redirect_row, subtitle);

  for (guint i = 0; self->redirect_uris != NULL && self->redirect_uris[i] != NULL; i++)
    {
      const char *uri = self->redirect_uris[i];
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *button = gtk_button_new_from_icon_name ("edit-copy-symbolic");
      g_autofree char *label = g_strdup_printf (_("Copy %s"), uri);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), uri);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title_selectable (ADW_PREFERENCES_ROW (row), TRUE);

      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (button, _("Copy"));
      gtk_widget_add_css_class (button, "flat");
      gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                      -1);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "assistant.copy");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", uri);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);

      adw_expander_row_add_row (self->redirect_row, row);
      g_ptr_array_add (self->redirect_rows, row);
    }
}

static void
step_changed_cb (PaddockSignInAssistant *self)
{
  update_buttons (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STEP]);
}

static void
environment_toggled_cb (PaddockSignInAssistant *self,
                        GtkCheckButton         *check)
{
  if (gtk_check_button_get_active (check))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ENVIRONMENT]);
}

static void
credentials_changed_cb (PaddockSignInAssistant *self)
{
  update_buttons (self);
}

/* Enter in the client ID or secret: signs in once both are there, else goes on to the
 * field still empty. */
static void
credentials_activated_cb (PaddockSignInAssistant *self,
                          AdwEntryRow            *row)
{
  g_autofree char *id = dup_entry_text (self->client_id_row);

  if (gtk_widget_is_sensitive (GTK_WIDGET (self->next_button)) &&
      describe_missing (self) == NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "assistant.next", NULL);
  else if (id[0] == '\0')
    gtk_widget_grab_focus (GTK_WIDGET (self->client_id_row));
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->client_secret_row));
}

/* a step as it appears: the focus goes to its first choice */
static void
focus_step (PaddockSignInAssistant *self)
{
  gtk_widget_child_focus (gtk_stack_get_visible_child (self->stack), GTK_DIR_TAB_FORWARD);
}

static void
back_cb (GtkWidget  *widget,
         const char *action_name,
         GVariant   *parameter)
{
  PaddockSignInAssistant *self = PADDOCK_SIGN_IN_ASSISTANT (widget);
  const char *steps[3];
  guint i = current_step_index (self);

  list_steps (self, steps);
  if (i == 0)
    g_signal_emit (self, signals[SIGNAL_CANCELLED], 0);
  else
    {
      gtk_stack_set_visible_child_name (self->stack, steps[i - 1]);
      focus_step (self);
    }
}

static void
next_cb (GtkWidget  *widget,
         const char *action_name,
         GVariant   *parameter)
{
  PaddockSignInAssistant *self = PADDOCK_SIGN_IN_ASSISTANT (widget);
  const char *steps[3];
  guint n = list_steps (self, steps);
  guint i = current_step_index (self);
  g_auto (GStrv) scopes = NULL;
  g_autofree char *client_id = NULL;
  g_autofree char *client_secret = NULL;

  if (i + 1 < n)
    {
      gtk_stack_set_visible_child_name (self->stack, steps[i + 1]);
      focus_step (self);
      return;
    }

  scopes = paddock_sign_in_assistant_dup_scopes (self);
  if (self->ask_oauth_app)
    {
      client_id = dup_entry_text (self->client_id_row);
      client_secret = dup_entry_text (self->client_secret_row);
    }

  g_signal_emit (self, signals[SIGNAL_FINISHED], 0,
                 paddock_sign_in_assistant_get_environment (self), scopes, client_id,
                 client_secret);
}

static void
copy_cb (GtkWidget  *widget,
         const char *action_name,
         GVariant   *parameter)
{
  const char *uri = g_variant_get_string (parameter, NULL);
  GtkWidget *overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);

  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), uri);
  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (_("Address copied")));
}

static void
copy_all_cb (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  PaddockSignInAssistant *self = PADDOCK_SIGN_IN_ASSISTANT (widget);
  g_autofree char *all = NULL;
  GtkWidget *overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);

  if (self->redirect_uris == NULL)
    return;
  /* one per line: the dashboard's redirect field takes them that way */
  all = g_strjoinv ("\n", self->redirect_uris);
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), all);
  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay),
                                 adw_toast_new (_("All redirect addresses copied")));
}

static void
dashboard_shown_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr (PaddockSignInAssistant) self = user_data;
  g_autoptr (GError) error = NULL;
  GtkWidget *overlay;
  gboolean ok;

#if GTK_CHECK_VERSION (4, 10, 0)
  ok = gtk_uri_launcher_launch_finish (GTK_URI_LAUNCHER (object), result, &error);
#else
  ok = gtk_show_uri_full_finish (GTK_WINDOW (object), result, &error);
#endif
  if (ok || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_debug ("the browser could not be opened: %s", error->message);
  overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay),
                                 adw_toast_new (_("The browser could not be opened. "
                                                  "Go to app.alpaca.markets yourself.")));
}

/* Alpaca's OAuth Apps page in the browser, through the desktop's URI launcher like the
 * sign-in itself (portal-aware in Flatpak); never inside Paddock */
static void
open_dashboard_cb (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWindow *parent = GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;

#if GTK_CHECK_VERSION (4, 10, 0)
  g_autoptr (GtkUriLauncher) launcher = gtk_uri_launcher_new (OAUTH_APPS_URL);

  gtk_uri_launcher_launch (launcher, parent, NULL, dashboard_shown_cb, g_object_ref (widget));
#else
  gtk_show_uri_full (parent, OAUTH_APPS_URL, GDK_CURRENT_TIME, NULL, dashboard_shown_cb,
                     g_object_ref (widget));
#endif
}

static void
demo_cb (GtkWidget  *widget,
         const char *action_name,
         GVariant   *parameter)
{
  g_signal_emit (widget, signals[SIGNAL_DEMO_REQUESTED], 0);
}

static void
paddock_sign_in_assistant_dispose (GObject *object)
{
  PaddockSignInAssistant *self = PADDOCK_SIGN_IN_ASSISTANT (object);
  GtkWidget *child;

  g_clear_pointer (&self->redirect_rows, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (object), PADDOCK_TYPE_SIGN_IN_ASSISTANT);
  /* the separator and the button bar are not bound, so not disposed with the template */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (paddock_sign_in_assistant_parent_class)->dispose (object);
}

static void
paddock_sign_in_assistant_finalize (GObject *object)
{
  PaddockSignInAssistant *self = PADDOCK_SIGN_IN_ASSISTANT (object);

  g_clear_pointer (&self->redirect_uris, g_strfreev);

  G_OBJECT_CLASS (paddock_sign_in_assistant_parent_class)->finalize (object);
}

static void
paddock_sign_in_assistant_get_property (GObject    *object,
                                        guint       prop_id,
                                        GValue     *value,
                                        GParamSpec *pspec)
{
  PaddockSignInAssistant *self = PADDOCK_SIGN_IN_ASSISTANT (object);

  switch (prop_id)
    {
    case PROP_ENVIRONMENT:
      g_value_set_enum (value, paddock_sign_in_assistant_get_environment (self));
      break;

    case PROP_ASK_OAUTH_APP:
      g_value_set_boolean (value, self->ask_oauth_app);
      break;

    case PROP_REDIRECT_URIS:
      g_value_set_boxed (value, self->redirect_uris);
      break;

    case PROP_CLIENT_ID:
      g_value_set_string (value, paddock_sign_in_assistant_get_client_id (self));
      break;

    case PROP_STEP:
      g_value_set_string (value, paddock_sign_in_assistant_get_step (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
paddock_sign_in_assistant_set_property (GObject      *object,
                                        guint         prop_id,
                                        const GValue *value,
                                        GParamSpec   *pspec)
{
  PaddockSignInAssistant *self = PADDOCK_SIGN_IN_ASSISTANT (object);

  switch (prop_id)
    {
    case PROP_ENVIRONMENT:
      paddock_sign_in_assistant_set_environment (self, g_value_get_enum (value));
      break;

    case PROP_ASK_OAUTH_APP:
      paddock_sign_in_assistant_set_ask_oauth_app (self, g_value_get_boolean (value));
      break;

    case PROP_REDIRECT_URIS:
      paddock_sign_in_assistant_set_redirect_uris (self, g_value_get_boxed (value));
      break;

    case PROP_CLIENT_ID:
      paddock_sign_in_assistant_set_client_id (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
paddock_sign_in_assistant_class_init (PaddockSignInAssistantClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = paddock_sign_in_assistant_dispose;
  object_class->finalize = paddock_sign_in_assistant_finalize;
  object_class->get_property = paddock_sign_in_assistant_get_property;
  object_class->set_property = paddock_sign_in_assistant_set_property;

  /**
   * PaddockSignInAssistant:environment:
   *
   * The environment chosen: paper or live.
   */
  properties[PROP_ENVIRONMENT] =
    g_param_spec_enum ("environment", NULL, NULL, PADDOCK_TYPE_ENVIRONMENT,
                       PADDOCK_ENVIRONMENT_PAPER,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * PaddockSignInAssistant:ask-oauth-app:
   *
   * Whether the last step asks for the person's own OAuth app (when none is configured).
   */
  properties[PROP_ASK_OAUTH_APP] =
    g_param_spec_boolean ("ask-oauth-app", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * PaddockSignInAssistant:redirect-uris:
   *
   * The redirect addresses to register with the OAuth app, each with a copy button.
   * Defaults to http://127.0.0.1:48721/callback … 48725.
   */
  properties[PROP_REDIRECT_URIS] =
    g_param_spec_boxed ("redirect-uris", NULL, NULL, G_TYPE_STRV,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * PaddockSignInAssistant:client-id:
   *
   * The client ID in the entry; set it to fill in a known one.
   */
  properties[PROP_CLIENT_ID] =
    g_param_spec_string ("client-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * PaddockSignInAssistant:step:
   *
   * The step shown: "environment", "permissions" or "oauth-app".
   */
  properties[PROP_STEP] =
    g_param_spec_string ("step", NULL, NULL, "environment",
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * PaddockSignInAssistant::finished:
   * @self: the assistant
   * @environment: %PADDOCK_ENVIRONMENT_PAPER or %PADDOCK_ENVIRONMENT_LIVE
   * @scopes: the OAuth scopes to ask for: any of "trading", "account:write", "data"
   * @client_id: (nullable): the client ID entered, or %NULL without the OAuth app step
   * @client_secret: (nullable): the client secret entered, or %NULL without that step
   *
   * The person went through every step and pressed Sign In.
   */
  signals[SIGNAL_FINISHED] =
    g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 4,
                  PADDOCK_TYPE_ENVIRONMENT,
                  G_TYPE_STRV | G_SIGNAL_TYPE_STATIC_SCOPE,
                  G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE,
                  G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE);

  /**
   * PaddockSignInAssistant::cancelled:
   * @self: the assistant
   *
   * The person pressed Back on the first step.
   */
  signals[SIGNAL_CANCELLED] =
    g_signal_new ("cancelled", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  /**
   * PaddockSignInAssistant::demo-requested:
   * @self: the assistant
   *
   * The person chose to try the demo instead of signing in to Alpaca.
   */
  signals[SIGNAL_DEMO_REQUESTED] =
    g_signal_new ("demo-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/paddockapp/Paddock/paddock-sign-in-assistant.ui");
  gtk_widget_class_bind_template_child (widget_class, PaddockSignInAssistant, stack);
  gtk_widget_class_bind_template_child (widget_class, PaddockSignInAssistant, paper_check);
  gtk_widget_class_bind_template_child (widget_class, PaddockSignInAssistant, live_check);
  gtk_widget_class_bind_template_child (widget_class, PaddockSignInAssistant, trading_switch);
  gtk_widget_class_bind_template_child (widget_class, PaddockSignInAssistant, account_write_switch);
  gtk_widget_class_bind_template_child (widget_class, PaddockSignInAssistant, data_switch);
  gtk_widget_class_bind_template_child (widget_class, PaddockSignInAssistant, redirect_group);
  gtk_widget_class_bind_template_child (widget_class, PaddockSignInAssistant, redirect_row);
  gtk_widget_class_bind_template_child (widget_class, PaddockSignInAssistant, environment_title);
  gtk_widget_class_bind_template_child (widget_class, PaddockSignInAssistant, permissions_title);
  gtk_widget_class_bind_template_child (widget_class, PaddockSignInAssistant, oauth_app_title);
  gtk_widget_class_bind_template_child (widget_class, PaddockSignInAssistant, missing_label);
  gtk_widget_class_bind_template_child (widget_class, PaddockSignInAssistant, client_id_row);
  gtk_widget_class_bind_template_child (widget_class, PaddockSignInAssistant, client_secret_row);
  gtk_widget_class_bind_template_child (widget_class, PaddockSignInAssistant, back_button);
  gtk_widget_class_bind_template_child (widget_class, PaddockSignInAssistant, next_button);
  gtk_widget_class_bind_template_child (widget_class, PaddockSignInAssistant, step_label);
  gtk_widget_class_bind_template_callback (widget_class, step_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, environment_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, credentials_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, credentials_activated_cb);

  gtk_widget_class_install_action (widget_class, "assistant.back", NULL, back_cb);
  gtk_widget_class_install_action (widget_class, "assistant.next", NULL, next_cb);
  gtk_widget_class_install_action (widget_class, "assistant.copy", "s", copy_cb);
  gtk_widget_class_install_action (widget_class, "assistant.copy-all", NULL, copy_all_cb);
  gtk_widget_class_install_action (widget_class, "assistant.open-dashboard", NULL,
                                   open_dashboard_cb);
  gtk_widget_class_install_action (widget_class, "assistant.demo", NULL, demo_cb);
}

static void
paddock_sign_in_assistant_init (PaddockSignInAssistant *self)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_auto (GStrv) uris = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));
  /* the client secret row's Show Text button */
  paddock_a11y_label_icon_buttons (GTK_WIDGET (self));

  self->redirect_rows = g_ptr_array_new ();

  for (guint i = 0; i < N_REDIRECT_PORTS; i++)
    {
      g_autofree char *uri = g_strdup_printf ("http://127.0.0.1:%u/callback",
                                              FIRST_REDIRECT_PORT + i);

      g_strv_builder_add (builder, uri);
    }
  uris = g_strv_builder_end (builder);
  paddock_sign_in_assistant_set_redirect_uris (self, (const char * const *) uris);

  update_buttons (self);
}

/**
 * paddock_sign_in_assistant_new:
 *
 * Returns: (transfer floating): a new assistant on its first step
 */
GtkWidget *
paddock_sign_in_assistant_new (void)
{
  return g_object_new (PADDOCK_TYPE_SIGN_IN_ASSISTANT, NULL);
}

/**
 * paddock_sign_in_assistant_reset:
 * @self: an assistant
 *
 * Goes back to the first step and forgets the client secret typed in.
 */
void
paddock_sign_in_assistant_reset (PaddockSignInAssistant *self)
{
  g_return_if_fail (PADDOCK_IS_SIGN_IN_ASSISTANT (self));

  gtk_editable_set_text (GTK_EDITABLE (self->client_secret_row), "");
  gtk_stack_set_visible_child_full (self->stack, "environment", GTK_STACK_TRANSITION_TYPE_NONE);
  update_buttons (self);
}

/**
 * paddock_sign_in_assistant_get_environment:
 * @self: an assistant
 *
 * Returns: %PADDOCK_ENVIRONMENT_PAPER or %PADDOCK_ENVIRONMENT_LIVE
 */
PaddockEnvironment
paddock_sign_in_assistant_get_environment (PaddockSignInAssistant *self)
{
  g_return_val_if_fail (PADDOCK_IS_SIGN_IN_ASSISTANT (self), PADDOCK_ENVIRONMENT_PAPER);

  return gtk_check_button_get_active (self->live_check) ? PADDOCK_ENVIRONMENT_LIVE
                                                        : PADDOCK_ENVIRONMENT_PAPER;
}

/**
 * paddock_sign_in_assistant_set_environment:
 * @self: an assistant
 * @environment: %PADDOCK_ENVIRONMENT_PAPER or %PADDOCK_ENVIRONMENT_LIVE
 */
void
paddock_sign_in_assistant_set_environment (PaddockSignInAssistant *self,
                                           PaddockEnvironment      environment)
{
  g_return_if_fail (PADDOCK_IS_SIGN_IN_ASSISTANT (self));
  g_return_if_fail (environment == PADDOCK_ENVIRONMENT_PAPER ||
                    environment == PADDOCK_ENVIRONMENT_LIVE);

  /* the check buttons' ::toggled notifies */
  if (environment == PADDOCK_ENVIRONMENT_LIVE)
    gtk_check_button_set_active (self->live_check, TRUE);
  else
    gtk_check_button_set_active (self->paper_check, TRUE);
}

gboolean
paddock_sign_in_assistant_get_ask_oauth_app (PaddockSignInAssistant *self)
{
  g_return_val_if_fail (PADDOCK_IS_SIGN_IN_ASSISTANT (self), FALSE);

  return self->ask_oauth_app;
}

/**
 * paddock_sign_in_assistant_set_ask_oauth_app:
 * @self: an assistant
 * @ask_oauth_app: whether to add the step that asks for the person's own OAuth app
 */
void
paddock_sign_in_assistant_set_ask_oauth_app (PaddockSignInAssistant *self,
                                             gboolean                ask_oauth_app)
{
  g_return_if_fail (PADDOCK_IS_SIGN_IN_ASSISTANT (self));

  ask_oauth_app = !!ask_oauth_app;
  if (self->ask_oauth_app == ask_oauth_app)
    return;

  self->ask_oauth_app = ask_oauth_app;
  if (!ask_oauth_app && g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "oauth-app") == 0)
    gtk_stack_set_visible_child_name (self->stack, "permissions");
  update_buttons (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ASK_OAUTH_APP]);
}

const char * const *
paddock_sign_in_assistant_get_redirect_uris (PaddockSignInAssistant *self)
{
  g_return_val_if_fail (PADDOCK_IS_SIGN_IN_ASSISTANT (self), NULL);

  return (const char * const *) self->redirect_uris;
}

/**
 * paddock_sign_in_assistant_set_redirect_uris:
 * @self: an assistant
 * @uris: (array zero-terminated=1): the redirect addresses to show
 */
void
paddock_sign_in_assistant_set_redirect_uris (PaddockSignInAssistant *self,
                                             const char * const     *uris)
{
  g_return_if_fail (PADDOCK_IS_SIGN_IN_ASSISTANT (self));

  if (self->redirect_uris != NULL && uris != NULL &&
      g_strv_equal ((const char * const *) self->redirect_uris, uris))
    return;

  g_strfreev (self->redirect_uris);
  self->redirect_uris = g_strdupv ((char **) uris);
  rebuild_redirect_rows (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REDIRECT_URIS]);
}

const char *
paddock_sign_in_assistant_get_client_id (PaddockSignInAssistant *self)
{
  g_return_val_if_fail (PADDOCK_IS_SIGN_IN_ASSISTANT (self), NULL);

  return gtk_editable_get_text (GTK_EDITABLE (self->client_id_row));
}

/**
 * paddock_sign_in_assistant_set_client_id:
 * @self: an assistant
 * @client_id: (nullable): a client ID to fill in
 */
void
paddock_sign_in_assistant_set_client_id (PaddockSignInAssistant *self,
                                         const char             *client_id)
{
  g_return_if_fail (PADDOCK_IS_SIGN_IN_ASSISTANT (self));

  if (g_strcmp0 (paddock_sign_in_assistant_get_client_id (self), client_id ? client_id : "") == 0)
    return;

  gtk_editable_set_text (GTK_EDITABLE (self->client_id_row), client_id ? client_id : "");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLIENT_ID]);
}

/**
 * paddock_sign_in_assistant_dup_scopes:
 * @self: an assistant
 *
 * Returns: (transfer full): the scopes switched on, in Alpaca's spelling
 */
char **
paddock_sign_in_assistant_dup_scopes (PaddockSignInAssistant *self)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (PADDOCK_IS_SIGN_IN_ASSISTANT (self), NULL);

  if (gtk_switch_get_active (self->account_write_switch))
    g_strv_builder_add (builder, "account:write");
  if (gtk_switch_get_active (self->trading_switch))
    g_strv_builder_add (builder, "trading");
  if (gtk_switch_get_active (self->data_switch))
    g_strv_builder_add (builder, "data");

  return g_strv_builder_end (builder);
}

/**
 * paddock_sign_in_assistant_get_step:
 * @self: an assistant
 *
 * Returns: the step shown: "environment", "permissions" or "oauth-app"
 */
const char *
paddock_sign_in_assistant_get_step (PaddockSignInAssistant *self)
{
  g_return_val_if_fail (PADDOCK_IS_SIGN_IN_ASSISTANT (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}

/**
 * paddock_sign_in_assistant_get_title:
 * @self: an assistant
 *
 * Returns: the title of the step shown ("Choose an Environment", …), for the header
 */
const char *
paddock_sign_in_assistant_get_title (PaddockSignInAssistant *self)
{
  const char *step;

  g_return_val_if_fail (PADDOCK_IS_SIGN_IN_ASSISTANT (self), NULL);

  step = gtk_stack_get_visible_child_name (self->stack);
  if (g_strcmp0 (step, "permissions") == 0)
    return gtk_label_get_label (self->permissions_title);
  if (g_strcmp0 (step, "oauth-app") == 0)
    return gtk_label_get_label (self->oauth_app_title);
  return gtk_label_get_label (self->environment_title);
}
