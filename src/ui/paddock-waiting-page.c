/* paddock-waiting-page.c: waiting for the browser to send the person back
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shown while the loopback receiver waits for the redirect. When the browser runs
 * elsewhere, the person can copy the authorize link and, once they approved access, paste
 * the address they were sent to.
 */
#define G_LOG_DOMAIN "paddock-waiting-page"

#include "config.h"

#include <glib/gi18n.h>

#include "paddock-waiting-page.h"

struct _PaddockWaitingPage
{
  GtkWidget parent_instance;

  AdwStatusPage *status_page;
  GtkSpinner *spinner;

  char *uri;
};

G_DEFINE_FINAL_TYPE (PaddockWaitingPage, paddock_waiting_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_URI,
  N_PROPS
};

enum {
  SIGNAL_ADDRESS_PASTED,
  SIGNAL_CANCELLED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
show_toast (PaddockWaitingPage *self,
            const char         *title)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  /* a toast's title is markup */
  g_autofree char *escaped = g_markup_escape_text (title, -1);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (escaped));
}

/* The redirect address the flow listens on, from the authorize link's redirect_uri: the
 * address to paste starts with it (its port is the one actually in use). */
static char *
dup_redirect_uri (PaddockWaitingPage *self)
{
  g_autoptr (GUri) uri = NULL;
  g_autoptr (GHashTable) params = NULL;
  const char *query;
  const char *redirect;

  if (self->uri == NULL || (uri = g_uri_parse (self->uri, G_URI_FLAGS_ENCODED, NULL)) == NULL)
    return NULL;
  query = g_uri_get_query (uri);
  if (query == NULL ||
      (params = g_uri_parse_params (query, -1, "&", G_URI_PARAMS_NONE, NULL)) == NULL)
    return NULL;
  redirect = g_hash_table_lookup (params, "redirect_uri");
  if (redirect == NULL || !g_str_has_prefix (redirect, "http://127.0.0.1:"))
    return NULL;
  return g_strdup (redirect);
}

static void
paste_entry_changed_cb (GtkEditable      *entry,
                        AdwMessageDialog *dialog)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  adw_message_dialog_set_response_enabled (dialog, "continue", text[0] != '\0');
}

static void
paste_entry_activate_cb (GtkEntry         *entry,
                         AdwMessageDialog *dialog)
{
  if (adw_message_dialog_get_response_enabled (dialog, "continue"))
    adw_message_dialog_response (dialog, "continue");
}

static void
paste_dialog_response_cb (AdwMessageDialog   *dialog,
                          const char         *response,
                          PaddockWaitingPage *self)
{
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  if (g_strcmp0 (response, "continue") == 0 && text[0] != '\0')
    g_signal_emit (self, signals[SIGNAL_ADDRESS_PASTED], 0, text);
}

static void
copy_link_cb (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  paddock_waiting_page_copy_link (PADDOCK_WAITING_PAGE (widget));
}

static void
paste_address_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  PaddockWaitingPage *self = PADDOCK_WAITING_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  AdwMessageDialog *dialog;
  GtkWidget *entry;
  g_autofree char *redirect = dup_redirect_uri (self);
  g_autofree char *placeholder = NULL;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                       _("Paste the Address"), NULL));
  /* Translators: %s is the address Paddock listens on, e.g. http://127.0.0.1:48721/callback */
  adw_message_dialog_format_body (dialog, _("If you approved access in a browser on another "
                                            "device, paste the address it was sent to. It "
                                            "starts with %s."),
                                  redirect != NULL ? redirect : "http://127.0.0.1");
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "continue", _("C_ontinue"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "continue", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (dialog, "continue", FALSE);
  adw_message_dialog_set_default_response (dialog, "continue");
  adw_message_dialog_set_close_response (dialog, "cancel");

  entry = gtk_entry_new ();
  gtk_widget_set_name (entry, "paste-address-entry");
  gtk_entry_set_input_purpose (GTK_ENTRY (entry), GTK_INPUT_PURPOSE_URL);
  /* the port actually in use, not the first of the list */
  placeholder = g_strconcat (redirect != NULL ? redirect : "http://127.0.0.1", "?…", NULL);
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), placeholder);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Address"),
                                  -1);
  g_signal_connect_object (entry, "changed", G_CALLBACK (paste_entry_changed_cb), dialog, 0);
  g_signal_connect_object (entry, "activate", G_CALLBACK (paste_entry_activate_cb), dialog, 0);
  adw_message_dialog_set_extra_child (dialog, entry);

  g_signal_connect_object (dialog, "response", G_CALLBACK (paste_dialog_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
cancel_cb (GtkWidget  *widget,
           const char *action_name,
           GVariant   *parameter)
{
  g_signal_emit (widget, signals[SIGNAL_CANCELLED], 0);
}

static void
paddock_waiting_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), PADDOCK_TYPE_WAITING_PAGE);

  G_OBJECT_CLASS (paddock_waiting_page_parent_class)->dispose (object);
}

static void
paddock_waiting_page_finalize (GObject *object)
{
  PaddockWaitingPage *self = PADDOCK_WAITING_PAGE (object);

  g_clear_pointer (&self->uri, g_free);

  G_OBJECT_CLASS (paddock_waiting_page_parent_class)->finalize (object);
}

static void
paddock_waiting_page_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  PaddockWaitingPage *self = PADDOCK_WAITING_PAGE (object);

  switch (prop_id)
    {
    case PROP_URI:
      g_value_set_string (value, self->uri);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
paddock_waiting_page_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  PaddockWaitingPage *self = PADDOCK_WAITING_PAGE (object);

  switch (prop_id)
    {
    case PROP_URI:
      paddock_waiting_page_set_uri (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
paddock_waiting_page_class_init (PaddockWaitingPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = paddock_waiting_page_dispose;
  object_class->finalize = paddock_waiting_page_finalize;
  object_class->get_property = paddock_waiting_page_get_property;
  object_class->set_property = paddock_waiting_page_set_property;

  /**
   * PaddockWaitingPage:uri:
   *
   * The authorize link that Copy Link puts on the clipboard.
   */
  properties[PROP_URI] =
    g_param_spec_string ("uri", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * PaddockWaitingPage::address-pasted:
   * @self: the page
   * @address: the address the person pasted, without surrounding white space
   *
   * The person pasted the address the browser was sent to after approving access.
   */
  signals[SIGNAL_ADDRESS_PASTED] =
    g_signal_new ("address-pasted", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE);

  /**
   * PaddockWaitingPage::cancelled:
   * @self: the page
   *
   * The person gave up waiting.
   */
  signals[SIGNAL_CANCELLED] =
    g_signal_new ("cancelled", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/paddockapp/Paddock/paddock-waiting-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PaddockWaitingPage, status_page);
  gtk_widget_class_bind_template_child (widget_class, PaddockWaitingPage, spinner);

  gtk_widget_class_install_action (widget_class, "waiting.copy-link", NULL, copy_link_cb);
  gtk_widget_class_install_action (widget_class, "waiting.paste-address", NULL, paste_address_cb);
  gtk_widget_class_install_action (widget_class, "waiting.cancel", NULL, cancel_cb);
}

static void
paddock_waiting_page_init (PaddockWaitingPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "waiting.copy-link", FALSE);
}

/**
 * paddock_waiting_page_new:
 *
 * Returns: (transfer floating): a new waiting page
 */
GtkWidget *
paddock_waiting_page_new (void)
{
  return g_object_new (PADDOCK_TYPE_WAITING_PAGE, NULL);
}

/**
 * paddock_waiting_page_get_uri:
 * @self: a waiting page
 *
 * Returns: (nullable): the authorize link
 */
const char *
paddock_waiting_page_get_uri (PaddockWaitingPage *self)
{
  g_return_val_if_fail (PADDOCK_IS_WAITING_PAGE (self), NULL);

  return self->uri;
}

/**
 * paddock_waiting_page_set_uri:
 * @self: a waiting page
 * @uri: (nullable): the authorize link; Copy Link is disabled without one
 */
void
paddock_waiting_page_set_uri (PaddockWaitingPage *self,
                              const char         *uri)
{
  g_return_if_fail (PADDOCK_IS_WAITING_PAGE (self));

  if (g_strcmp0 (self->uri, uri) != 0)
    {
      g_free (self->uri);
      self->uri = g_strdup (uri);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "waiting.copy-link", uri != NULL);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_URI]);
    }
}

/**
 * paddock_waiting_page_copy_link:
 * @self: a waiting page
 *
 * Puts the authorize link on the clipboard and says so in a toast.
 */
void
paddock_waiting_page_copy_link (PaddockWaitingPage *self)
{
  g_return_if_fail (PADDOCK_IS_WAITING_PAGE (self));

  if (self->uri == NULL)
    return;

  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), self->uri);
  show_toast (self, _("Link copied"));
}

/**
 * paddock_waiting_page_get_title:
 * @self: a waiting page
 *
 * Returns: the page's title, for the header
 */
const char *
paddock_waiting_page_get_title (PaddockWaitingPage *self)
{
  g_return_val_if_fail (PADDOCK_IS_WAITING_PAGE (self), NULL);

  return adw_status_page_get_title (self->status_page);
}
