/* paddock-account-view.c: the account overview
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The figures follow the PaddockAccount they show: labels are bound to its properties
 * (through paddock-format), so a refresh that updates the account in place updates the
 * page. Today's change is written with its sign always, and coloured as well; colour is
 * never the only clue.
 */
#define G_LOG_DOMAIN "paddock-account-view"

#include "config.h"

#include <glib/gi18n.h>

#include "paddock-account-view.h"
#include "paddock-format.h"

#define DEFAULT_CURRENCY "USD"
/* what a label shows when the server sent something that is not a number */
#define NO_VALUE "—"

struct _PaddockAccountView
{
  GtkWidget parent_instance;

  GtkStack *state_stack;
  GtkSpinner *spinner;
  GtkWidget *restrictions_strip;
  GtkLabel *restrictions_label;
  GtkLabel *equity_label;
  GtkLabel *today_label;
  GtkLabel *cash_label;
  GtkLabel *buying_power_label;
  GtkLabel *account_number_label;
  GtkLabel *status_label;
  AdwStatusPage *error_page;

  PaddockAccount *account;
  GPtrArray *bindings;
  PaddockAccountViewState state;
};

G_DEFINE_FINAL_TYPE (PaddockAccountView, paddock_account_view, GTK_TYPE_WIDGET)

G_DEFINE_ENUM_TYPE (PaddockAccountViewState, paddock_account_view_state,
                    G_DEFINE_ENUM_VALUE (PADDOCK_ACCOUNT_VIEW_LOADING, "loading"),
                    G_DEFINE_ENUM_VALUE (PADDOCK_ACCOUNT_VIEW_LOADED, "loaded"),
                    G_DEFINE_ENUM_VALUE (PADDOCK_ACCOUNT_VIEW_ERROR, "error"))

enum {
  PROP_0,
  PROP_ACCOUNT,
  PROP_STATE,
  N_PROPS
};

enum {
  SIGNAL_RETRY,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static const char *
account_currency (PaddockAccountView *self)
{
  const char *currency = paddock_account_get_currency (self->account);

  return currency != NULL && currency[0] != '\0' ? currency : DEFAULT_CURRENCY;
}

static const char *
status_in_words (const char *status)
{
  static const struct {
    const char *status;
    const char *words;
  } statuses[] = {
    { "ACTIVE", N_("Active") },
    { "ONBOARDING", N_("Onboarding") },
    { "SUBMITTED", N_("Submitted") },
    { "SUBMISSION_FAILED", N_("Submission Failed") },
    { "ACCOUNT_UPDATED", N_("Account Updated") },
    { "APPROVAL_PENDING", N_("Approval Pending") },
    { "REJECTED", N_("Rejected") },
    { "ACCOUNT_CLOSED", N_("Closed") },
    { "INACTIVE", N_("Inactive") },
    { "DISABLED", N_("Disabled") },
  };

  if (status == NULL)
    return NO_VALUE;
  for (gsize i = 0; i < G_N_ELEMENTS (statuses); i++)
    if (g_str_equal (status, statuses[i].status))
      return _(statuses[i].words);
  return status;
}

static void
set_state (PaddockAccountView      *self,
           PaddockAccountViewState  state)
{
  static const char *pages[] = { "loading", "loaded", "error" };

  gtk_stack_set_visible_child_name (self->state_stack, pages[state]);
  gtk_spinner_set_spinning (self->spinner, state == PADDOCK_ACCOUNT_VIEW_LOADING);

  if (self->state != state)
    {
      self->state = state;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
    }
}

static gboolean
money_transform (GBinding     *binding,
                 const GValue *from,
                 GValue       *to,
                 gpointer      user_data)
{
  PaddockAccountView *self = user_data;
  char *text = paddock_format_money (g_value_get_string (from), account_currency (self));

  g_value_take_string (to, text != NULL ? text : g_strdup (NO_VALUE));
  return TRUE;
}

static gboolean
status_transform (GBinding     *binding,
                  const GValue *from,
                  GValue       *to,
                  gpointer      user_data)
{
  g_value_set_string (to, status_in_words (g_value_get_string (from)));
  return TRUE;
}

static void
update_today (PaddockAccountView *self)
{
  const char *equity = paddock_account_get_equity (self->account);
  const char *last_equity = paddock_account_get_last_equity (self->account);
  g_autofree char *text = paddock_format_change (equity, last_equity, account_currency (self));
  int direction = text != NULL ? paddock_decimal_compare (equity, last_equity) : 0;

  gtk_label_set_label (self->today_label, text != NULL ? text : NO_VALUE);
  if (direction > 0)
    gtk_widget_add_css_class (GTK_WIDGET (self->today_label), "success");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->today_label), "success");
  if (direction < 0)
    gtk_widget_add_css_class (GTK_WIDGET (self->today_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->today_label), "error");
}

static void
update_restrictions (PaddockAccountView *self)
{
  g_autoptr (GPtrArray) lines = g_ptr_array_new ();
  gboolean blocked = FALSE;
  g_autofree char *text = NULL;

  if (paddock_account_get_account_blocked (self->account))
    {
      g_ptr_array_add (lines, _("This account is blocked: Alpaca allows no activity on it."));
      blocked = TRUE;
    }
  if (paddock_account_get_trading_blocked (self->account))
    {
      g_ptr_array_add (lines, _("Trading is blocked: orders cannot be placed."));
      blocked = TRUE;
    }
  if (paddock_account_get_pattern_day_trader (self->account))
    g_ptr_array_add (lines, _("This account is flagged as a pattern day trader: day trades "
                              "need at least $25,000 in equity."));
  g_ptr_array_add (lines, NULL);

  text = g_strjoinv ("\n", (char **) lines->pdata);
  gtk_label_set_label (self->restrictions_label, text);
  gtk_widget_set_visible (self->restrictions_strip, lines->len > 1);
  if (blocked)
    gtk_widget_add_css_class (self->restrictions_strip, "blocked");
  else
    gtk_widget_remove_css_class (self->restrictions_strip, "blocked");
}

static void
unbind_account (PaddockAccountView *self)
{
  for (guint i = 0; i < self->bindings->len; i++)
    g_binding_unbind (g_ptr_array_index (self->bindings, i));
  g_ptr_array_set_size (self->bindings, 0);

  if (self->account != NULL)
    g_signal_handlers_disconnect_by_data (self->account, self);
}

static void bind_account (PaddockAccountView *self);

static void
currency_changed_cb (PaddockAccountView *self)
{
  /* every amount is written with the currency: bind again to write them anew */
  unbind_account (self);
  bind_account (self);
}

static void
bind_money (PaddockAccountView *self,
            const char         *property,
            GtkLabel           *label)
{
  GBinding *binding;

  binding = g_object_bind_property_full (self->account, property, label, "label",
                                         G_BINDING_SYNC_CREATE, money_transform, NULL, self, NULL);
  g_ptr_array_add (self->bindings, binding);
}

static void
bind_account (PaddockAccountView *self)
{
  GBinding *binding;

  bind_money (self, "equity", self->equity_label);
  bind_money (self, "cash", self->cash_label);
  bind_money (self, "buying-power", self->buying_power_label);

  binding = g_object_bind_property (self->account, "account-number",
                                    self->account_number_label, "label", G_BINDING_SYNC_CREATE);
  g_ptr_array_add (self->bindings, binding);
  binding = g_object_bind_property_full (self->account, "status", self->status_label, "label",
                                         G_BINDING_SYNC_CREATE, status_transform, NULL, NULL, NULL);
  g_ptr_array_add (self->bindings, binding);

  g_signal_connect_swapped (self->account, "notify::equity", G_CALLBACK (update_today), self);
  g_signal_connect_swapped (self->account, "notify::last-equity", G_CALLBACK (update_today), self);
  g_signal_connect_swapped (self->account, "notify::currency", G_CALLBACK (currency_changed_cb),
                            self);
  g_signal_connect_swapped (self->account, "notify::pattern-day-trader",
                            G_CALLBACK (update_restrictions), self);
  g_signal_connect_swapped (self->account, "notify::trading-blocked",
                            G_CALLBACK (update_restrictions), self);
  g_signal_connect_swapped (self->account, "notify::account-blocked",
                            G_CALLBACK (update_restrictions), self);

  update_today (self);
  update_restrictions (self);
}

static void
retry_cb (GtkWidget  *widget,
          const char *action_name,
          GVariant   *parameter)
{
  g_signal_emit (widget, signals[SIGNAL_RETRY], 0);
}

static void
paddock_account_view_dispose (GObject *object)
{
  PaddockAccountView *self = PADDOCK_ACCOUNT_VIEW (object);

  if (self->bindings != NULL)
    unbind_account (self);
  g_clear_object (&self->account);
  gtk_widget_dispose_template (GTK_WIDGET (object), PADDOCK_TYPE_ACCOUNT_VIEW);

  G_OBJECT_CLASS (paddock_account_view_parent_class)->dispose (object);
}

static void
paddock_account_view_finalize (GObject *object)
{
  PaddockAccountView *self = PADDOCK_ACCOUNT_VIEW (object);

  g_clear_pointer (&self->bindings, g_ptr_array_unref);

  G_OBJECT_CLASS (paddock_account_view_parent_class)->finalize (object);
}

static void
paddock_account_view_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  PaddockAccountView *self = PADDOCK_ACCOUNT_VIEW (object);

  switch (prop_id)
    {
    case PROP_ACCOUNT:
      g_value_set_object (value, self->account);
      break;

    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
paddock_account_view_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  PaddockAccountView *self = PADDOCK_ACCOUNT_VIEW (object);

  switch (prop_id)
    {
    case PROP_ACCOUNT:
      paddock_account_view_set_account (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
paddock_account_view_class_init (PaddockAccountViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = paddock_account_view_dispose;
  object_class->finalize = paddock_account_view_finalize;
  object_class->get_property = paddock_account_view_get_property;
  object_class->set_property = paddock_account_view_set_property;

  /**
   * PaddockAccountView:account:
   *
   * The account shown. Setting one shows its figures; %NULL shows the spinner.
   */
  properties[PROP_ACCOUNT] =
    g_param_spec_object ("account", NULL, NULL, PADDOCK_TYPE_ACCOUNT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * PaddockAccountView:state:
   *
   * Loading, loaded or error.
   */
  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, PADDOCK_TYPE_ACCOUNT_VIEW_STATE,
                       PADDOCK_ACCOUNT_VIEW_LOADING,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * PaddockAccountView::retry:
   * @self: the view
   *
   * The person pressed Retry on the error page.
   */
  signals[SIGNAL_RETRY] = g_signal_new ("retry", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                        NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/paddockapp/Paddock/paddock-account-view.ui");
  gtk_widget_class_bind_template_child (widget_class, PaddockAccountView, state_stack);
  gtk_widget_class_bind_template_child (widget_class, PaddockAccountView, spinner);
  gtk_widget_class_bind_template_child (widget_class, PaddockAccountView, restrictions_strip);
  gtk_widget_class_bind_template_child (widget_class, PaddockAccountView, restrictions_label);
  gtk_widget_class_bind_template_child (widget_class, PaddockAccountView, equity_label);
  gtk_widget_class_bind_template_child (widget_class, PaddockAccountView, today_label);
  gtk_widget_class_bind_template_child (widget_class, PaddockAccountView, cash_label);
  gtk_widget_class_bind_template_child (widget_class, PaddockAccountView, buying_power_label);
  gtk_widget_class_bind_template_child (widget_class, PaddockAccountView, account_number_label);
  gtk_widget_class_bind_template_child (widget_class, PaddockAccountView, status_label);
  gtk_widget_class_bind_template_child (widget_class, PaddockAccountView, error_page);

  gtk_widget_class_install_action (widget_class, "account-view.retry", NULL, retry_cb);
}

static void
paddock_account_view_init (PaddockAccountView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->bindings = g_ptr_array_new ();
  self->state = PADDOCK_ACCOUNT_VIEW_LOADING;
  set_state (self, PADDOCK_ACCOUNT_VIEW_LOADING);
}

/**
 * paddock_account_view_new:
 *
 * Returns: (transfer floating): a new view, loading
 */
GtkWidget *
paddock_account_view_new (void)
{
  return g_object_new (PADDOCK_TYPE_ACCOUNT_VIEW, NULL);
}

/**
 * paddock_account_view_get_account:
 * @self: a view
 *
 * Returns: (transfer none) (nullable): the account shown
 */
PaddockAccount *
paddock_account_view_get_account (PaddockAccountView *self)
{
  g_return_val_if_fail (PADDOCK_IS_ACCOUNT_VIEW (self), NULL);

  return self->account;
}

/**
 * paddock_account_view_set_account:
 * @self: a view
 * @account: (nullable): the account to show; %NULL shows the spinner until one comes
 *
 * Shows @account's figures and follows its changes.
 */
void
paddock_account_view_set_account (PaddockAccountView *self,
                                  PaddockAccount     *account)
{
  g_return_if_fail (PADDOCK_IS_ACCOUNT_VIEW (self));
  g_return_if_fail (account == NULL || PADDOCK_IS_ACCOUNT (account));

  if (self->account != account)
    {
      unbind_account (self);
      g_set_object (&self->account, account);
      if (account != NULL)
        bind_account (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACCOUNT]);
    }

  set_state (self, account != NULL ? PADDOCK_ACCOUNT_VIEW_LOADED : PADDOCK_ACCOUNT_VIEW_LOADING);
}

PaddockAccountViewState
paddock_account_view_get_state (PaddockAccountView *self)
{
  g_return_val_if_fail (PADDOCK_IS_ACCOUNT_VIEW (self), PADDOCK_ACCOUNT_VIEW_LOADING);

  return self->state;
}

/**
 * paddock_account_view_set_loading:
 * @self: a view
 *
 * Shows the spinner, e.g. while the first answer for a new account is awaited.
 */
void
paddock_account_view_set_loading (PaddockAccountView *self)
{
  g_return_if_fail (PADDOCK_IS_ACCOUNT_VIEW (self));

  set_state (self, PADDOCK_ACCOUNT_VIEW_LOADING);
}

/**
 * paddock_account_view_set_error:
 * @self: a view
 * @error: why the account could not be loaded
 *
 * Shows the error's message with a Retry button (see #PaddockAccountView::retry).
 */
void
paddock_account_view_set_error (PaddockAccountView *self,
                                const GError       *error)
{
  g_autofree char *description = NULL;

  g_return_if_fail (PADDOCK_IS_ACCOUNT_VIEW (self));
  g_return_if_fail (error != NULL);

  description = g_markup_escape_text (error->message != NULL ? error->message : "", -1);
  adw_status_page_set_description (self->error_page, description);
  set_state (self, PADDOCK_ACCOUNT_VIEW_ERROR);
}
