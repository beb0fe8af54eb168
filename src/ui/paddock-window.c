/* paddock-window.c: the main window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A stack of top-level pages — welcome, sign-in assistant, waiting for the browser, a
 * problem, the account — under one header bar. The window does not sign in or fetch
 * anything itself: it shows what it is told (paddock_window_show_*()) and says what the
 * person asked for with signals, so the session code can drive it.
 *
 * Refreshing: Ctrl+R (win.refresh) emits ::refresh-requested, and so does a timer every
 * PaddockWindow:refresh-interval seconds (30 by default) — but only while the account
 * page is shown and the window is mapped and not minimized, so a hidden window costs no
 * requests. The timer starts over after every manual refresh.
 *
 * New order: Ctrl+N (win.new-order, enabled only while an account is shown) emits
 * ::new-order-requested; the controller opens the order ticket.
 * Symbol search: Ctrl+K or the search button (win.search, enabled only while an account is
 * shown) emits ::search-requested; the controller opens the search (paddock-symbol-search.c).
 */
#define G_LOG_DOMAIN "paddock-window"

#include "config.h"

#include <glib/gi18n.h>

#include "paddock-account-item.h"
#include "paddock-format.h"
#include "paddock-settings.h"
#include "paddock-about.h"
#include "paddock-window.h"

#define DEFAULT_REFRESH_INTERVAL_S 30

struct _PaddockWindow
{
  AdwApplicationWindow parent_instance;

  AdwToastOverlay *toast_overlay;
  AdwHeaderBar *header_bar;
  AdwViewSwitcherTitle *switcher_title;
  GtkWidget *search_button;
  GtkWidget *title_label;         /* the switcher title's, not cut */
  guint search_place_idle;
  GtkMenuButton *account_button;
  GtkLabel *account_number_label;
  GtkLabel *environment_badge;
  GtkLabel *sign_in_badge;
  GtkImage *stream_indicator;
  GtkRevealer *stream_banner;     /* while the live updates cannot (re)connect */
  GtkLabel *stream_banner_label;
  GtkPopover *account_popover;
  GtkListBox *accounts_list;
  GtkWidget *accounts_separator;
  GtkStack *main_stack;
  AdwStatusPage *welcome_page;
  PaddockSignInAssistant *assistant;
  PaddockWaitingPage *waiting_page;
  PaddockProblemPage *problem_page;
  AdwViewStack *view_stack;
  PaddockAccountView *account_view;
  PaddockPositionsPage *positions_page;
  PaddockOrdersPage *orders_page;
  PaddockActivityPage *activity_page;
  PaddockMarketsPage *markets_page;
  AdwViewSwitcherBar *switcher_bar;

  PaddockAccount *account;
  GBinding *account_number_binding;
  /* the account switcher's columns: number, environment, equity */
  GtkSizeGroup *account_columns[3];
  /* the equity of each account when last shown, by "environment:id" */
  GHashTable *equities;
  PaddockEnvironment environment;
  gboolean has_environment;       /* FALSE until an account or a sign-in names one */
  GListModel *accounts;

  /* the account chosen, even when it could not be loaded (no PaddockAccount then): it can
   * still be signed out of, and the problem pages about it keep the switcher */
  char *current_id;
  char *current_number;
  PaddockEnvironment current_environment;

  GtkCssProvider *toast_css;      /* lifts the toasts above the controls at the bottom */
  int toast_lift;
  guint toast_lift_idle;

  GdkSurface *surface;
  guint refresh_interval;
  guint refresh_source;
  guint focus_source;             /* focus_into_page(), once the page is laid out */

  PaddockTradeStreamState stream_state;
  char *stream_reason;            /* printable, while the stream is off or reconnecting */
  gint64 stream_reconnect_at;     /* monotonic µs, 0 when nothing is scheduled */
  gboolean stream_struggling;     /* reconnecting after several failed attempts */
  char *stream_status;            /* the indicator's words */
  guint stream_tick;              /* counts down "Reconnecting in N s" */
};

G_DEFINE_FINAL_TYPE (PaddockWindow, paddock_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_PAGE,
  PROP_ENVIRONMENT,
  PROP_REFRESH_INTERVAL,
  PROP_STREAM_STATUS,
  N_PROPS
};

enum {
  SIGNAL_DEMO_REQUESTED,
  SIGNAL_SIGN_IN_REQUESTED,
  SIGNAL_ADD_ACCOUNT_REQUESTED,
  SIGNAL_ACCOUNT_SELECTED,
  SIGNAL_SIGN_OUT_REQUESTED,
  SIGNAL_REFRESH_REQUESTED,
  SIGNAL_NEW_ORDER_REQUESTED,
  SIGNAL_SEARCH_REQUESTED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];
static guint token_details_requested_signal;
static guint stream_reconnect_requested_signal;

/* A reconnection this far away means several attempts in a row failed (the delays grow
 * 1, 2, 4, 8, 16 s…): the banner then says so, not only the header's indicator. */
#define STREAM_BANNER_WAIT_US (15 * G_USEC_PER_SEC)
static guint account_settings_requested_signal;

/* The badge's CSS class is the environment's name (style.css colours it). */
static void
style_environment_badge (GtkLabel           *badge,
                         PaddockEnvironment  environment)
{
  static const PaddockEnvironment environments[] = {
    PADDOCK_ENVIRONMENT_DEMO, PADDOCK_ENVIRONMENT_PAPER, PADDOCK_ENVIRONMENT_LIVE,
  };
  const char *label = NULL;
  const char *tooltip = NULL;

  for (gsize i = 0; i < G_N_ELEMENTS (environments); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (badge),
                                 paddock_environment_to_string (environments[i]));

  switch (environment)
    {
    case PADDOCK_ENVIRONMENT_DEMO:
      /* Translators: the badge of an account in the built-in demo brokerage */
      label = C_("environment", "Demo");
      tooltip = _("A simulated brokerage on this computer: nothing is real");
      break;
    case PADDOCK_ENVIRONMENT_PAPER:
      /* Translators: the badge of an Alpaca paper trading account */
      label = C_("environment", "Paper");
      tooltip = _("Alpaca paper trading: simulated money");
      break;
    case PADDOCK_ENVIRONMENT_LIVE:
      /* Translators: the badge of an Alpaca live trading account */
      label = C_("environment", "Live");
      tooltip = _("Live trading: real money");
      break;
    default:
      break;
    }

  gtk_label_set_label (badge, label);
  gtk_widget_set_tooltip_text (GTK_WIDGET (badge), tooltip);
  gtk_widget_set_visible (GTK_WIDGET (badge), label != NULL);
  if (label != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (badge), paddock_environment_to_string (environment));
}

/* The id and number of the account the window is about: the one shown, else the one
 * chosen (whose load may have failed) */
static const char *
current_account_id (PaddockWindow *self)
{
  if (self->account != NULL && self->current_id == NULL)
    return paddock_account_get_id (self->account);
  return self->current_id;
}

static const char *
current_account_number (PaddockWindow *self)
{
  const char *number = self->account != NULL ? paddock_account_get_account_number (self->account)
                                             : NULL;

  return number != NULL ? number : self->current_number;
}

static gboolean
is_minimized (PaddockWindow *self)
{
  return self->surface != NULL && GDK_IS_TOPLEVEL (self->surface) &&
         (gdk_toplevel_get_state (GDK_TOPLEVEL (self->surface)) & GDK_TOPLEVEL_STATE_MINIMIZED);
}

static gboolean
refresh_timeout_cb (gpointer user_data)
{
  PaddockWindow *self = user_data;

  g_signal_emit (self, signals[SIGNAL_REFRESH_REQUESTED], 0);
  return G_SOURCE_CONTINUE;
}

/* Runs the timer exactly while a refresh is worth it; @restart starts the wait over. */
static void
update_refresh_timer (PaddockWindow *self,
                      gboolean       restart)
{
  gboolean wanted = self->refresh_interval > 0 &&
                    gtk_widget_get_mapped (GTK_WIDGET (self)) &&
                    !is_minimized (self) &&
                    g_strcmp0 (paddock_window_get_page (self), "account") == 0;

  if (!wanted || restart)
    g_clear_handle_id (&self->refresh_source, g_source_remove);
  g_clear_handle_id (&self->focus_source, g_source_remove);

  if (wanted && self->refresh_source == 0)
    {
      self->refresh_source = g_timeout_add_seconds (self->refresh_interval,
                                                    refresh_timeout_cb, self);
      g_source_set_name_by_id (self->refresh_source, "[paddock] refresh account");
    }
}

static gboolean
is_current_item (PaddockWindow      *self,
                 PaddockAccountItem *account)
{
  return current_account_id (self) != NULL &&
         g_strcmp0 (paddock_account_item_get_id (account), current_account_id (self)) == 0 &&
         (self->current_id != NULL
            ? paddock_account_item_get_environment (account) == self->current_environment
            : self->has_environment &&
              paddock_account_item_get_environment (account) == self->environment);
}

static char *
item_key (PaddockAccountItem *account)
{
  return g_strdup_printf ("%s:%s",
                          paddock_environment_to_string (paddock_account_item_get_environment (account)),
                          paddock_account_item_get_id (account));
}

/* The switcher shows each account's equity as last seen: the one shown now follows it. */
static void
sync_equities (PaddockWindow *self)
{
  guint n = self->accounts != NULL ? g_list_model_get_n_items (self->accounts) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (PaddockAccountItem) item = g_list_model_get_item (self->accounts, i);
      g_autofree char *key = item_key (item);
      const char *equity = self->account != NULL && is_current_item (self, item) &&
                           g_strcmp0 (paddock_account_get_id (self->account),
                                      paddock_account_item_get_id (item)) == 0
                             ? paddock_account_get_equity (self->account) : NULL;

      if (equity != NULL)
        g_hash_table_replace (self->equities, g_steal_pointer (&key), g_strdup (equity));
      else if (paddock_account_item_get_equity (item) == NULL)
        equity = g_hash_table_lookup (self->equities, key);
      if (equity != NULL)
        paddock_account_item_set_equity (item, equity);
    }
}

static void
row_equity_cb (PaddockAccountItem *account,
               GParamSpec         *pspec,
               GtkLabel           *label)
{
  g_autofree char *text = paddock_format_money (paddock_account_item_get_equity (account), "USD");

  gtk_label_set_label (label, text != NULL ? text : "—");
}

static GtkWidget *
create_account_row_cb (gpointer item,
                       gpointer user_data)
{
  PaddockWindow *self = user_data;
  PaddockAccountItem *account = item;
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *number = gtk_label_new (paddock_account_item_get_account_number (account));
  GtkWidget *badge_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *badge = gtk_label_new (NULL);
  GtkWidget *equity = gtk_label_new (NULL);
  GtkWidget *check = gtk_image_new_from_icon_name ("object-select-symbolic");
  gboolean current = is_current_item (self, account);

  /* three columns, the same in every row: number, environment, equity */
  gtk_widget_set_name (number, "account-row-number");
  gtk_label_set_xalign (GTK_LABEL (number), 0);
  gtk_widget_add_css_class (number, "figure-value");
  gtk_size_group_add_widget (self->account_columns[0], number);
  gtk_widget_set_name (badge, "account-row-environment");
  gtk_widget_add_css_class (badge, "environment-badge");
  gtk_widget_set_valign (badge, GTK_ALIGN_CENTER);
  gtk_widget_set_halign (badge, GTK_ALIGN_START);
  style_environment_badge (GTK_LABEL (badge), paddock_account_item_get_environment (account));
  gtk_box_append (GTK_BOX (badge_box), badge);
  gtk_size_group_add_widget (self->account_columns[1], badge_box);
  gtk_widget_set_name (equity, "account-row-equity");
  gtk_label_set_xalign (GTK_LABEL (equity), 1);
  gtk_widget_set_hexpand (equity, TRUE);
  gtk_widget_add_css_class (equity, "figure-value");
  gtk_widget_add_css_class (equity, "dim-label");
  gtk_size_group_add_widget (self->account_columns[2], equity);
  row_equity_cb (account, NULL, GTK_LABEL (equity));
  g_signal_connect_object (account, "notify::equity", G_CALLBACK (row_equity_cb), equity, 0);
  gtk_widget_set_opacity (check, current ? 1.0 : 0.0);
  if (current)
    gtk_accessible_update_state (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_STATE_SELECTED, TRUE, -1);

  gtk_box_append (GTK_BOX (box), number);
  gtk_box_append (GTK_BOX (box), badge_box);
  gtk_box_append (GTK_BOX (box), equity);
  gtk_box_append (GTK_BOX (box), check);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

  return row;
}

/* The list and its separator show while there are accounts: also when the model given
 * earlier fills up later (the first sign-in). */
static void
update_accounts_visible (PaddockWindow *self)
{
  gboolean any = self->accounts != NULL && g_list_model_get_n_items (self->accounts) > 0;

  sync_equities (self);
  gtk_widget_set_visible (GTK_WIDGET (self->accounts_list), any);
  gtk_widget_set_visible (self->accounts_separator, any);
}

static void
rebuild_account_rows (PaddockWindow *self)
{
  gtk_list_box_bind_model (self->accounts_list, self->accounts, create_account_row_cb, self, NULL);
  update_accounts_visible (self);
}

static void
show_page (PaddockWindow *self,
           const char    *name)
{
  /* the first page appears at once; later changes cross-fade */
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "starting") == 0)
    gtk_stack_set_visible_child_full (self->main_stack, name, GTK_STACK_TRANSITION_TYPE_NONE);
  else
    gtk_stack_set_visible_child_name (self->main_stack, name);
}

/* The environment is always in the header: with the account once one is shown, on its own
 * while signing in to it (waiting, or a problem on the way). */
static void
update_badges (PaddockWindow *self)
{
  const char *page = paddock_window_get_page (self);
  gboolean account_page = g_strcmp0 (page, "account") == 0;
  /* a problem never traps: the account chosen stays in the header, with its switcher and
   * Sign Out… */
  gboolean switcher = account_page ||
                      (g_strcmp0 (page, "problem") == 0 && current_account_id (self) != NULL);

  gtk_widget_set_visible (GTK_WIDGET (self->account_button), switcher);
  gtk_widget_set_visible (GTK_WIDGET (self->stream_indicator),
                          account_page && self->stream_state != PADDOCK_TRADE_STREAM_STATE_STOPPED);
  gtk_widget_set_visible (GTK_WIDGET (self->sign_in_badge),
                          !switcher && self->has_environment &&
                          (g_strcmp0 (page, "waiting") == 0 || g_strcmp0 (page, "problem") == 0));
}

/* How much of the bottom of the window holds controls a toast must not cover: the
 * assistant's Back / step / Next bar, or the view switcher bar of a narrow window. */
static int
bottom_controls_height (PaddockWindow *self)
{
  const char *page = paddock_window_get_page (self);
  graphene_rect_t bounds;

  if (g_strcmp0 (page, "assistant") == 0)
    {
      /* the separator over the assistant's button bar, and everything under it */
      GtkWidget *bar = gtk_widget_get_last_child (GTK_WIDGET (self->assistant));
      GtkWidget *separator = bar != NULL ? gtk_widget_get_prev_sibling (bar) : NULL;

      if (separator != NULL &&
          gtk_widget_compute_bounds (separator, GTK_WIDGET (self->assistant), &bounds))
        return MAX (0, gtk_widget_get_height (GTK_WIDGET (self->assistant)) -
                       (int) bounds.origin.y);
    }
  else if (g_strcmp0 (page, "account") == 0 &&
           adw_view_switcher_bar_get_reveal (self->switcher_bar))
    return gtk_widget_get_height (GTK_WIDGET (self->switcher_bar));
  return 0;
}

static gboolean
lift_toasts_cb (gpointer user_data)
{
  PaddockWindow *self = user_data;
  int lift = bottom_controls_height (self);

  self->toast_lift_idle = 0;
  if (lift != self->toast_lift)
    {
      /* libadwaita's own bottom margin is 24 px; keep it above the controls */
      g_autofree char *css = g_strdup_printf ("window.paddock-main toast { margin-bottom: %dpx; }",
                                              24 + lift);

      self->toast_lift = lift;
      gtk_css_provider_load_from_data (self->toast_css, css, -1);
    }
  return G_SOURCE_REMOVE;
}

/* The page shown now: the main stack's, or on the account the view's. */
static GtkWidget *
shown_page (PaddockWindow *self)
{
  if (g_strcmp0 (paddock_window_get_page (self), "account") == 0)
    return adw_view_stack_get_visible_child (self->view_stack);
  return gtk_stack_get_visible_child (self->main_stack);
}

/* Focus goes into a page as it appears: its first control (Try the Demo, the assistant's
 * first choice, the overview's first period), not the header's buttons nor a control of the
 * page gone; a focus already in the page stays. Once the page is mapped and laid out: until
 * then nothing in it can take the focus. */
static gboolean
focus_into_page_cb (gpointer user_data)
{
  PaddockWindow *self = user_data;
  GtkWidget *page = shown_page (self);
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  self->focus_source = 0;
  if (page == NULL || !gtk_widget_get_mapped (page) ||
      gtk_widget_in_destruction (GTK_WIDGET (self)))
    return G_SOURCE_REMOVE;
  if (focus != NULL && (focus == page || gtk_widget_is_ancestor (focus, page)))
    return G_SOURCE_REMOVE;
  gtk_widget_child_focus (page, GTK_DIR_TAB_FORWARD);
  return G_SOURCE_REMOVE;
}

static void
queue_lift_toasts (PaddockWindow *self)
{
  if (self->toast_lift_idle == 0)
    self->toast_lift_idle = g_idle_add (lift_toasts_cb, self);
}

/* The header names the page shown: the assistant's step, the problem, … */
static void
update_header_title (PaddockWindow *self)
{
  const char *page = paddock_window_get_page (self);
  const char *title = _("Paddock");

  if (g_strcmp0 (page, "account") == 0)
    /* on the account the switcher (or, narrow, the bottom bar) says where one is; the
     * app's name would only take the room the account button needs at 360 px */
    title = NULL;
  else if (g_strcmp0 (page, "assistant") == 0)
    title = paddock_sign_in_assistant_get_title (self->assistant);
  else if (g_strcmp0 (page, "waiting") == 0)
    title = paddock_waiting_page_get_title (self->waiting_page);
  else if (g_strcmp0 (page, "problem") == 0)
    title = paddock_problem_page_get_title (self->problem_page);
  adw_view_switcher_title_set_title (self->switcher_title, title);
  /* the switcher title measures as small as its switchers even while they are off: it asks
   * for its title's whole width then, and the squeezer around it drops what does not fit */
  if (self->title_label != NULL && title != NULL)
    {
      int natural = 0;

      gtk_widget_measure (self->title_label, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &natural,
                          NULL, NULL);
      gtk_widget_set_size_request (GTK_WIDGET (self->switcher_title), natural, -1);
    }
  else
    gtk_widget_set_size_request (GTK_WIDGET (self->switcher_title), -1, -1);
}

static void
focus_into_page (PaddockWindow *self)
{
  /* the idle holds the window: it may be queued while the window goes */
  if (self->focus_source == 0 && !gtk_widget_in_destruction (GTK_WIDGET (self)))
    self->focus_source = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, focus_into_page_cb,
                                          g_object_ref (self), g_object_unref);
}

/* Narrow (the views in the bottom bar), the search button gives its room in the header to
 * the account number and moves into the main menu. */
static void
update_search_place (PaddockWindow *self)
{
  gboolean account_page = g_strcmp0 (paddock_window_get_page (self), "account") == 0;
  gboolean narrow = adw_view_switcher_title_get_title_visible (self->switcher_title);

  gtk_widget_set_visible (self->search_button, account_page && !narrow);
  /* the header's centre takes all but the sides' minimum: ask for the number's end */
  gtk_label_set_width_chars (self->account_number_label, narrow ? 7 : -1);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.search-narrow", account_page && narrow);
}

static gboolean
search_place_idle_cb (gpointer user_data)
{
  PaddockWindow *self = user_data;

  self->search_place_idle = 0;
  update_search_place (self);
  return G_SOURCE_REMOVE;
}

/* title-visible changes while the header is allocated: move things right after that,
 * before the next frame is laid out and drawn */
static void
queue_search_place (PaddockWindow *self)
{
  if (self->search_place_idle == 0)
    self->search_place_idle = g_idle_add_full (G_PRIORITY_HIGH_IDLE + 10, search_place_idle_cb,
                                               self, NULL);
}

static void
page_changed_cb (PaddockWindow *self)
{
  gboolean account_page = g_strcmp0 (paddock_window_get_page (self), "account") == 0;

  update_badges (self);
  adw_view_switcher_title_set_view_switcher_enabled (self->switcher_title, account_page);
  update_header_title (self);
  queue_lift_toasts (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.refresh", account_page);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.new-order", account_page);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.search", account_page);
  update_search_place (self);
  update_refresh_timer (self, FALSE);

  focus_into_page (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAGE]);
}

static void
problem_action_cb (PaddockWindow *self,
                   const char    *action_id)
{
  /* The browser could not be opened, but the flow still waits for the redirect: copy
   * the link and go back to waiting, where the address can be pasted. */
  if (g_strcmp0 (action_id, PADDOCK_PROBLEM_ACTION_COPY_LINK) == 0 &&
      paddock_waiting_page_get_uri (self->waiting_page) != NULL)
    {
      paddock_waiting_page_copy_link (self->waiting_page);
      show_page (self, "waiting");
    }
}

static void
account_retry_cb (PaddockWindow *self)
{
  paddock_account_view_set_loading (self->account_view);
  g_signal_emit (self, signals[SIGNAL_REFRESH_REQUESTED], 0);
  update_refresh_timer (self, TRUE);
}

static void
account_row_activated_cb (PaddockWindow *self,
                          GtkListBoxRow *row)
{
  g_autoptr (PaddockAccountItem) item = NULL;

  if (self->accounts == NULL)
    return;

  item = g_list_model_get_item (self->accounts, gtk_list_box_row_get_index (row));
  gtk_popover_popdown (self->account_popover);
  if (item != NULL)
    g_signal_emit (self, signals[SIGNAL_ACCOUNT_SELECTED], 0, item);
}

static void
surface_state_cb (PaddockWindow *self)
{
  update_refresh_timer (self, FALSE);
}

static void
sign_out_response_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      PaddockWindow    *self)
{
  if (g_strcmp0 (response, "sign-out") == 0 && current_account_id (self) != NULL)
    g_signal_emit (self, signals[SIGNAL_SIGN_OUT_REQUESTED], 0, current_account_id (self));
}

static void
try_demo_cb (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  g_signal_emit (widget, signals[SIGNAL_DEMO_REQUESTED], 0);
}

static void
assistant_demo_requested_cb (PaddockWindow *self)
{
  g_signal_emit (self, signals[SIGNAL_DEMO_REQUESTED], 0);
}

static void
sign_in_cb (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  g_signal_emit (widget, signals[SIGNAL_SIGN_IN_REQUESTED], 0);
}

static void
refresh_cb (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  PaddockWindow *self = PADDOCK_WINDOW (widget);

  g_signal_emit (self, signals[SIGNAL_REFRESH_REQUESTED], 0);
  update_refresh_timer (self, TRUE);
}

static void
new_order_cb (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  g_signal_emit (widget, signals[SIGNAL_NEW_ORDER_REQUESTED], 0);
}

static void
search_cb (GtkWidget  *widget,
           const char *action_name,
           GVariant   *parameter)
{
  g_signal_emit (widget, signals[SIGNAL_SEARCH_REQUESTED], 0);
}

static void
add_account_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  PaddockWindow *self = PADDOCK_WINDOW (widget);

  gtk_popover_popdown (self->account_popover);
  g_signal_emit (self, signals[SIGNAL_ADD_ACCOUNT_REQUESTED], 0);
}

static void
reconnect_stream_cb (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  g_signal_emit (widget, stream_reconnect_requested_signal, 0);
}

static void
token_details_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  PaddockWindow *self = PADDOCK_WINDOW (widget);

  gtk_popover_popdown (self->account_popover);
  g_signal_emit (self, token_details_requested_signal, 0);
}

static void
account_settings_cb (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  PaddockWindow *self = PADDOCK_WINDOW (widget);

  gtk_popover_popdown (self->account_popover);
  g_signal_emit (self, account_settings_requested_signal, 0);
}

static void
sign_out_cb (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  PaddockWindow *self = PADDOCK_WINDOW (widget);
  AdwMessageDialog *dialog;
  const char *number;

  /* also for an account that could not be loaded: signing out must never be out of reach */
  if (current_account_id (self) == NULL)
    return;

  gtk_popover_popdown (self->account_popover);
  number = current_account_number (self);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Sign Out?"), NULL));
  adw_message_dialog_format_body (dialog,
                                  _("Paddock will forget its access to account %s on this "
                                    "computer. The account itself stays as it is, and you can "
                                    "sign in again at any time."),
                                  number != NULL ? number : "");
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "sign-out", _("_Sign Out"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "sign-out", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (sign_out_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
about_cb (GtkWidget  *widget,
          const char *action_name,
          GVariant   *parameter)
{
  gtk_window_present (GTK_WINDOW (paddock_about_new (GTK_WINDOW (widget))));
}

static void
paddock_window_map (GtkWidget *widget)
{
  PaddockWindow *self = PADDOCK_WINDOW (widget);

  GTK_WIDGET_CLASS (paddock_window_parent_class)->map (widget);

  self->surface = gtk_native_get_surface (GTK_NATIVE (self));
  if (self->surface != NULL)
    g_signal_connect_object (self->surface, "notify::state", G_CALLBACK (surface_state_cb),
                             self, G_CONNECT_SWAPPED);
  update_refresh_timer (self, FALSE);
  focus_into_page (self);
}

/* The controls at the bottom move with the size (the switcher bar comes and goes): the
 * toasts follow once the new sizes are known. */
static void
paddock_window_size_allocate (GtkWidget *widget,
                              int        width,
                              int        height,
                              int        baseline)
{
  PaddockWindow *self = PADDOCK_WINDOW (widget);

  GTK_WIDGET_CLASS (paddock_window_parent_class)->size_allocate (widget, width, height, baseline);

  if (bottom_controls_height (self) != self->toast_lift)
    queue_lift_toasts (self);
}

static void
paddock_window_unmap (GtkWidget *widget)
{
  PaddockWindow *self = PADDOCK_WINDOW (widget);

  if (self->surface != NULL)
    g_signal_handlers_disconnect_by_func (self->surface, surface_state_cb, self);
  self->surface = NULL;

  GTK_WIDGET_CLASS (paddock_window_parent_class)->unmap (widget);

  update_refresh_timer (self, FALSE);
}

static void
paddock_window_dispose (GObject *object)
{
  PaddockWindow *self = PADDOCK_WINDOW (object);

  g_clear_handle_id (&self->refresh_source, g_source_remove);
  g_clear_handle_id (&self->stream_tick, g_source_remove);
  g_clear_handle_id (&self->toast_lift_idle, g_source_remove);
  g_clear_handle_id (&self->search_place_idle, g_source_remove);
  if (self->toast_css != NULL)
    gtk_style_context_remove_provider_for_display (gtk_widget_get_display (GTK_WIDGET (self)),
                                                   GTK_STYLE_PROVIDER (self->toast_css));
  g_clear_object (&self->toast_css);
  g_clear_pointer (&self->current_id, g_free);
  g_clear_pointer (&self->current_number, g_free);
  g_clear_pointer (&self->stream_reason, g_free);
  g_clear_pointer (&self->stream_status, g_free);
  if (self->account_number_binding != NULL)
    g_binding_unbind (self->account_number_binding);
  self->account_number_binding = NULL;
  if (self->accounts_list != NULL)
    gtk_list_box_bind_model (self->accounts_list, NULL, NULL, NULL, NULL);
  if (self->account != NULL)
    g_signal_handlers_disconnect_by_func (self->account, sync_equities, self);
  g_clear_object (&self->account);
  if (self->accounts != NULL)
    g_signal_handlers_disconnect_by_func (self->accounts, update_accounts_visible, self);
  g_clear_object (&self->accounts);
  for (guint i = 0; i < G_N_ELEMENTS (self->account_columns); i++)
    g_clear_object (&self->account_columns[i]);
  g_clear_pointer (&self->equities, g_hash_table_unref);

  gtk_widget_dispose_template (GTK_WIDGET (object), PADDOCK_TYPE_WINDOW);

  G_OBJECT_CLASS (paddock_window_parent_class)->dispose (object);
}

static void
paddock_window_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  PaddockWindow *self = PADDOCK_WINDOW (object);

  switch (prop_id)
    {
    case PROP_PAGE:
      g_value_set_string (value, paddock_window_get_page (self));
      break;

    case PROP_STREAM_STATUS:
      g_value_set_string (value, self->stream_status);
      break;

    case PROP_ENVIRONMENT:
      g_value_set_enum (value, self->environment);
      break;

    case PROP_REFRESH_INTERVAL:
      g_value_set_uint (value, self->refresh_interval);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
paddock_window_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  PaddockWindow *self = PADDOCK_WINDOW (object);

  switch (prop_id)
    {
    case PROP_REFRESH_INTERVAL:
      paddock_window_set_refresh_interval (self, g_value_get_uint (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* The size and maximized state of the last window closed come back at the next start. */
static void
restore_size (PaddockWindow *self)
{
  g_autoptr (GSettings) settings = paddock_settings_new ();

  if (settings == NULL)
    return;
  gtk_window_set_default_size (GTK_WINDOW (self),
                               MAX (360, g_settings_get_int (settings, "window-width")),
                               MAX (600, g_settings_get_int (settings, "window-height")));
  if (g_settings_get_boolean (settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

/**
 * paddock_window_save_size:
 *
 * Keeps the window's size and maximized state for the next start (on close, and when the
 * app quits with the window open).
 */
void
paddock_window_save_size (PaddockWindow *self)
{
  GtkWindow *window = GTK_WINDOW (self);
  g_autoptr (GSettings) settings = paddock_settings_new ();
  int width, height;

  if (settings != NULL)
    {
      gtk_window_get_default_size (window, &width, &height);
      g_settings_delay (settings);
      g_settings_set_boolean (settings, "window-maximized", gtk_window_is_maximized (window));
      if (!gtk_window_is_maximized (window) && width > 0 && height > 0)
        {
          g_settings_set_int (settings, "window-width", width);
          g_settings_set_int (settings, "window-height", height);
        }
      g_settings_apply (settings);
    }
}

static gboolean
paddock_window_close_request (GtkWindow *window)
{
  paddock_window_save_size (PADDOCK_WINDOW (window));

  return GTK_WINDOW_CLASS (paddock_window_parent_class)->close_request (window);
}

/* Alt+1…5, in the order of the view switcher */
static const char *views[] = { "overview", "positions", "orders", "activity", "markets" };

static gboolean
show_view_cb (GtkWidget *widget,
              GVariant  *args,
              gpointer   user_data)
{
  PaddockWindow *self = PADDOCK_WINDOW (widget);

  if (g_strcmp0 (paddock_window_get_page (self), "account") != 0)
    return FALSE;
  paddock_window_set_view (self, g_variant_get_string (args, NULL));
  /* Alt+N: the keyboard goes along into the view shown */
  focus_into_page (self);
  return TRUE;
}

static void
paddock_window_class_init (PaddockWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = paddock_window_dispose;
  object_class->get_property = paddock_window_get_property;
  object_class->set_property = paddock_window_set_property;
  widget_class->map = paddock_window_map;
  window_class->close_request = paddock_window_close_request;
  widget_class->unmap = paddock_window_unmap;
  widget_class->size_allocate = paddock_window_size_allocate;

  /**
   * PaddockWindow:page:
   *
   * The page shown: "starting" (until the app knows what to show), "welcome", "assistant",
   * "waiting", "problem" or "account".
   */
  properties[PROP_PAGE] =
    g_param_spec_string ("page", NULL, NULL, "starting",
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * PaddockWindow:environment:
   *
   * The environment of the account shown, or of the one being signed in to.
   */
  properties[PROP_ENVIRONMENT] =
    g_param_spec_enum ("environment", NULL, NULL, PADDOCK_TYPE_ENVIRONMENT,
                       PADDOCK_ENVIRONMENT_PAPER,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * PaddockWindow:refresh-interval:
   *
   * Seconds between two ::refresh-requested while the account is on screen; 0 stops the
   * timer.
   */
  properties[PROP_REFRESH_INTERVAL] =
    g_param_spec_uint ("refresh-interval", NULL, NULL, 0, G_MAXUINT, DEFAULT_REFRESH_INTERVAL_S,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * PaddockWindow:stream-status:
   *
   * The words of the live updates' indicator, %NULL while no stream runs.
   */
  properties[PROP_STREAM_STATUS] =
    g_param_spec_string ("stream-status", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * PaddockWindow::demo-requested:
   *
   * The person pressed Try the Demo.
   */
  signals[SIGNAL_DEMO_REQUESTED] =
    g_signal_new ("demo-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 0);

  /**
   * PaddockWindow::sign-in-requested:
   *
   * The person pressed Sign In to Alpaca on the welcome page.
   */
  signals[SIGNAL_SIGN_IN_REQUESTED] =
    g_signal_new ("sign-in-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                  NULL, NULL, G_TYPE_NONE, 0);

  /**
   * PaddockWindow::add-account-requested:
   *
   * The person chose Add Account… in the account switcher.
   */
  signals[SIGNAL_ADD_ACCOUNT_REQUESTED] =
    g_signal_new ("add-account-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                  NULL, NULL, G_TYPE_NONE, 0);

  /**
   * PaddockWindow::account-selected:
   * @self: the window
   * @item: the #PaddockAccountItem chosen
   *
   * The person chose an account in the account switcher.
   */
  signals[SIGNAL_ACCOUNT_SELECTED] =
    g_signal_new ("account-selected", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                  NULL, NULL, G_TYPE_NONE, 1, PADDOCK_TYPE_ACCOUNT_ITEM);

  /**
   * PaddockWindow::sign-out-requested:
   * @self: the window
   * @account_id: the id of the account shown
   *
   * The person chose Sign Out… and confirmed it.
   */
  signals[SIGNAL_SIGN_OUT_REQUESTED] =
    g_signal_new ("sign-out-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                  NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE);

  /**
   * PaddockWindow::refresh-requested:
   *
   * The account shown should be fetched again: the person pressed Ctrl+R or Retry, or
   * PaddockWindow:refresh-interval seconds passed while the account page was on screen
   * (mapped, not minimized).
   */
  signals[SIGNAL_REFRESH_REQUESTED] =
    g_signal_new ("refresh-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                  NULL, NULL, G_TYPE_NONE, 0);
  /**
   * PaddockWindow::new-order-requested:
   *
   * The person asked for a new order on the account shown (Ctrl+N, win.new-order).
   */
  signals[SIGNAL_NEW_ORDER_REQUESTED] =
    g_signal_new ("new-order-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                  NULL, NULL, G_TYPE_NONE, 0);
  /**
   * PaddockWindow::search-requested:
   *
   * The person asked to search a symbol on the account shown (Ctrl+K, win.search).
   */
  signals[SIGNAL_SEARCH_REQUESTED] =
    g_signal_new ("search-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                  NULL, NULL, G_TYPE_NONE, 0);

  /**
   * PaddockWindow::token-details-requested:
   *
   * The person chose Token Details in the account menu (win.token-details).
   */
  token_details_requested_signal =
    g_signal_new ("token-details-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);

  /**
   * PaddockWindow::stream-reconnect-requested:
   *
   * The person asked for the live updates to connect again now (win.reconnect-stream, the
   * banner shown while they cannot connect).
   */
  stream_reconnect_requested_signal =
    g_signal_new ("stream-reconnect-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  /**
   * PaddockWindow::account-settings-requested:
   *
   * The person chose Account Settings in the account menu (win.account-settings).
   */
  account_settings_requested_signal =
    g_signal_new ("account-settings-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (PADDOCK_TYPE_ACCOUNT_VIEW);
  g_type_ensure (PADDOCK_TYPE_ACTIVITY_PAGE);
  g_type_ensure (PADDOCK_TYPE_MARKETS_PAGE);
  g_type_ensure (PADDOCK_TYPE_ORDERS_PAGE);
  g_type_ensure (PADDOCK_TYPE_POSITIONS_PAGE);
  g_type_ensure (PADDOCK_TYPE_PROBLEM_PAGE);
  g_type_ensure (PADDOCK_TYPE_SIGN_IN_ASSISTANT);
  g_type_ensure (PADDOCK_TYPE_WAITING_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/paddockapp/Paddock/paddock-window.ui");
  gtk_widget_class_bind_template_child (widget_class, PaddockWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, PaddockWindow, header_bar);
  gtk_widget_class_bind_template_child (widget_class, PaddockWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, PaddockWindow, search_button);
  gtk_widget_class_bind_template_child (widget_class, PaddockWindow, account_button);
  gtk_widget_class_bind_template_child (widget_class, PaddockWindow, account_number_label);
  gtk_widget_class_bind_template_child (widget_class, PaddockWindow, environment_badge);
  gtk_widget_class_bind_template_child (widget_class, PaddockWindow, sign_in_badge);
  gtk_widget_class_bind_template_child (widget_class, PaddockWindow, stream_indicator);
  gtk_widget_class_bind_template_child (widget_class, PaddockWindow, stream_banner);
  gtk_widget_class_bind_template_child (widget_class, PaddockWindow, stream_banner_label);
  gtk_widget_class_bind_template_child (widget_class, PaddockWindow, account_popover);
  gtk_widget_class_bind_template_child (widget_class, PaddockWindow, accounts_list);
  gtk_widget_class_bind_template_child (widget_class, PaddockWindow, accounts_separator);
  gtk_widget_class_bind_template_child (widget_class, PaddockWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, PaddockWindow, welcome_page);
  gtk_widget_class_bind_template_child (widget_class, PaddockWindow, assistant);
  gtk_widget_class_bind_template_child (widget_class, PaddockWindow, waiting_page);
  gtk_widget_class_bind_template_child (widget_class, PaddockWindow, problem_page);
  gtk_widget_class_bind_template_child (widget_class, PaddockWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, PaddockWindow, account_view);
  gtk_widget_class_bind_template_child (widget_class, PaddockWindow, positions_page);
  gtk_widget_class_bind_template_child (widget_class, PaddockWindow, orders_page);
  gtk_widget_class_bind_template_child (widget_class, PaddockWindow, activity_page);
  gtk_widget_class_bind_template_child (widget_class, PaddockWindow, markets_page);
  gtk_widget_class_bind_template_child (widget_class, PaddockWindow, switcher_bar);
  gtk_widget_class_bind_template_callback (widget_class, page_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, problem_action_cb);
  gtk_widget_class_bind_template_callback (widget_class, account_retry_cb);
  gtk_widget_class_bind_template_callback (widget_class, account_row_activated_cb);

  gtk_widget_class_install_action (widget_class, "win.try-demo", NULL, try_demo_cb);
  gtk_widget_class_install_action (widget_class, "win.sign-in", NULL, sign_in_cb);
  gtk_widget_class_install_action (widget_class, "win.refresh", NULL, refresh_cb);
  gtk_widget_class_install_action (widget_class, "win.new-order", NULL, new_order_cb);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_cb);
  /* the main menu's Search Symbols, there only while narrow */
  gtk_widget_class_install_action (widget_class, "win.search-narrow", NULL, search_cb);
  gtk_widget_class_install_action (widget_class, "win.add-account", NULL, add_account_cb);
  gtk_widget_class_install_action (widget_class, "win.sign-out", NULL, sign_out_cb);
  gtk_widget_class_install_action (widget_class, "win.token-details", NULL, token_details_cb);
  gtk_widget_class_install_action (widget_class, "win.account-settings", NULL,
                                   account_settings_cb);
  gtk_widget_class_install_action (widget_class, "win.about", NULL, about_cb);
  gtk_widget_class_install_action (widget_class, "win.reconnect-stream", NULL,
                                   reconnect_stream_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK, "win.refresh", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "win.new-order", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_k, GDK_CONTROL_MASK, "win.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close", NULL);
  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    gtk_widget_class_add_binding (widget_class, GDK_KEY_1 + i, GDK_ALT_MASK, show_view_cb, "s",
                                  views[i]);
}

/* The header's title is shown whole or not at all: its label never ellipsizes, so the
 * squeezer around the switcher title drops it when it does not fit (the page repeats it). */
static GtkWidget *
unellipsize_title (GtkWidget *widget)
{
  GtkWidget *found = NULL;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *inner;

      if (GTK_IS_LABEL (child) && gtk_widget_has_css_class (child, "title"))
        {
          gtk_label_set_ellipsize (GTK_LABEL (child), PANGO_ELLIPSIZE_NONE);
          found = child;
        }
      if ((inner = unellipsize_title (child)) != NULL)
        found = inner;
    }
  return found;
}

static void
paddock_window_init (PaddockWindow *self)
{
  self->refresh_interval = DEFAULT_REFRESH_INTERVAL_S;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->title_label = unellipsize_title (GTK_WIDGET (self->switcher_title));
  for (guint i = 0; i < G_N_ELEMENTS (self->account_columns); i++)
    self->account_columns[i] = gtk_size_group_new (GTK_SIZE_GROUP_HORIZONTAL);
  self->equities = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  /* the overview's controls come with its figures: the focus goes in then */
  g_signal_connect_object (self->account_view, "notify::state", G_CALLBACK (focus_into_page),
                           self, G_CONNECT_SWAPPED);

  if (DEVELOPMENT_BUILD)
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.sign-out", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.token-details", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.account-settings", FALSE);
  gtk_widget_add_css_class (GTK_WIDGET (self), "paddock-main");
  self->toast_css = gtk_css_provider_new ();
  gtk_style_context_add_provider_for_display (gtk_widget_get_display (GTK_WIDGET (self)),
                                              GTK_STYLE_PROVIDER (self->toast_css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION + 1);
  g_signal_connect_object (self->switcher_bar, "notify::reveal", G_CALLBACK (queue_lift_toasts),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->switcher_title, "notify::title-visible",
                           G_CALLBACK (queue_search_place), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->assistant, "notify::step", G_CALLBACK (update_header_title),
                           self, G_CONNECT_SWAPPED);
  /* the assistant's Try the Demo Instead is the welcome page's Try the Demo */
  g_signal_connect_object (self->assistant, "demo-requested",
                           G_CALLBACK (assistant_demo_requested_cb), self, G_CONNECT_SWAPPED);
  rebuild_account_rows (self);
  page_changed_cb (self);
  restore_size (self);
}

/**
 * paddock_window_new:
 * @application: (nullable): the application
 *
 * Returns: (transfer full): a new window on the welcome page
 */
PaddockWindow *
paddock_window_new (AdwApplication *application)
{
  return g_object_new (PADDOCK_TYPE_WINDOW, "application", application, NULL);
}

/**
 * paddock_window_show_welcome:
 * @self: a window
 *
 * Shows the welcome page: Try the Demo and Sign In to Alpaca.
 */
void
paddock_window_show_welcome (PaddockWindow *self)
{
  g_return_if_fail (PADDOCK_IS_WINDOW (self));

  show_page (self, "welcome");
}

/**
 * paddock_window_show_assistant:
 * @self: a window
 * @ask_oauth_app: whether to ask for the person's own OAuth app (none is configured)
 *
 * Shows the sign-in assistant from its first step. Its signals tell the outcome: see
 * paddock_window_get_sign_in_assistant().
 */
void
paddock_window_show_assistant (PaddockWindow *self,
                               gboolean       ask_oauth_app)
{
  g_return_if_fail (PADDOCK_IS_WINDOW (self));

  g_autoptr (GSettings) settings = paddock_settings_new ();

  paddock_sign_in_assistant_set_ask_oauth_app (self->assistant, ask_oauth_app);
  paddock_sign_in_assistant_reset (self->assistant);
  /* Preferences' default environment is the one chosen first */
  if (settings != NULL)
    {
      g_autofree char *environment = g_settings_get_string (settings, "default-environment");

      paddock_sign_in_assistant_set_environment (self->assistant,
                                                 g_str_equal (environment, "live")
                                                 ? PADDOCK_ENVIRONMENT_LIVE
                                                 : PADDOCK_ENVIRONMENT_PAPER);
    }
  show_page (self, "assistant");
}

/**
 * paddock_window_show_waiting:
 * @self: a window
 * @uri: (nullable): the authorize link opened in the browser, for Copy Link
 *
 * Shows that Paddock waits for the browser. The waiting page's signals tell what the
 * person did: see paddock_window_get_waiting_page().
 */
void
paddock_window_show_waiting (PaddockWindow *self,
                             const char    *uri)
{
  g_return_if_fail (PADDOCK_IS_WINDOW (self));

  paddock_waiting_page_set_uri (self->waiting_page, uri);
  show_page (self, "waiting");
}

/**
 * paddock_window_show_problem:
 * @self: a window
 * @error: what went wrong
 *
 * Shows a problem page for @error (see paddock_problem_page_set_error()). Its Copy Link
 * button copies the link of the waiting page and goes back to it; the other buttons are
 * for the caller: see paddock_window_get_problem_page().
 */
void
paddock_window_show_problem (PaddockWindow *self,
                             const GError  *error)
{
  g_return_if_fail (PADDOCK_IS_WINDOW (self));
  g_return_if_fail (error != NULL);

  /* the demo's problems speak of the demo; a revoked access names the account */
  paddock_problem_page_set_context (self->problem_page,
                                    self->has_environment ? self->environment
                                                          : PADDOCK_ENVIRONMENT_PAPER,
                                    current_account_number (self));
  paddock_problem_page_set_error (self->problem_page, error);
  show_page (self, "problem");
  update_header_title (self);
}

/**
 * paddock_window_show_account:
 * @self: a window
 * @account: (nullable): the account, or %NULL while its first fetch runs (a spinner)
 * @environment: the account's environment: the badge next to the account number
 *
 * Shows the account pages. The figures follow @account's properties, so refreshing it in
 * place (paddock_account_update_from_json()) updates them.
 */
void
paddock_window_show_account (PaddockWindow  *self,
                             PaddockAccount     *account,
                             PaddockEnvironment  environment)
{
  g_return_if_fail (PADDOCK_IS_WINDOW (self));
  g_return_if_fail (account == NULL || PADDOCK_IS_ACCOUNT (account));

  if (self->account != account || (account != NULL && self->account_number_binding == NULL))
    {
      if (self->account_number_binding != NULL)
        g_binding_unbind (self->account_number_binding);
      self->account_number_binding = NULL;
      if (self->account != NULL)
        g_signal_handlers_disconnect_by_func (self->account, sync_equities, self);
      g_set_object (&self->account, account);
      if (account != NULL)
        g_signal_connect_object (account, "notify::equity", G_CALLBACK (sync_equities), self,
                                 G_CONNECT_SWAPPED);
      if (account != NULL)
        self->account_number_binding =
          g_object_bind_property (account, "account-number", self->account_number_label,
                                  "label", G_BINDING_SYNC_CREATE);
      else
        gtk_label_set_label (self->account_number_label, self->current_number);
    }

  paddock_window_set_environment (self, environment);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.sign-out",
                                 current_account_id (self) != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.token-details", account != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.account-settings", account != NULL);
  paddock_account_view_set_account (self->account_view, account);
  rebuild_account_rows (self);
  show_page (self, "account");
}

/**
 * paddock_window_set_environment:
 * @environment: an environment
 *
 * The environment the window is about: the account shown, or the one being signed in to
 * (its badge then stands in the header on the waiting and problem pages).
 */
void
paddock_window_set_environment (PaddockWindow      *self,
                                PaddockEnvironment  environment)
{
  g_return_if_fail (PADDOCK_IS_WINDOW (self));

  if (!self->has_environment || self->environment != environment)
    {
      self->has_environment = TRUE;
      self->environment = environment;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ENVIRONMENT]);
    }
  /* the account button keeps the chosen account's badge while another is signed in to */
  if (self->current_id == NULL)
    style_environment_badge (self->environment_badge, environment);
  style_environment_badge (self->sign_in_badge, environment);
  update_badges (self);
}

/**
 * paddock_window_set_current_account:
 * @self: a window
 * @account_id: (nullable): the id of the account chosen, or %NULL for none
 * @account_number: (nullable): its number, as stored
 * @environment: its environment
 *
 * Names the account the window is about before (or without) its #PaddockAccount: an
 * account that could not be loaded can still be signed out of, and the problem pages
 * about it keep the account switcher and name it.
 */
void
paddock_window_set_current_account (PaddockWindow      *self,
                                    const char         *account_id,
                                    const char         *account_number,
                                    PaddockEnvironment  environment)
{
  g_return_if_fail (PADDOCK_IS_WINDOW (self));

  g_free (self->current_id);
  self->current_id = g_strdup (account_id);
  g_free (self->current_number);
  self->current_number = g_strdup (account_number);
  self->current_environment = environment;

  if (account_id != NULL)
    {
      style_environment_badge (self->environment_badge, environment);
      if (self->account == NULL ||
          g_strcmp0 (paddock_account_get_id (self->account), account_id) != 0)
        {
          /* not shown yet: the stored number stands in the header until it is */
          if (self->account_number_binding != NULL)
            g_binding_unbind (self->account_number_binding);
          self->account_number_binding = NULL;
          gtk_label_set_label (self->account_number_label, account_number);
        }
    }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.sign-out",
                                 current_account_id (self) != NULL);
  rebuild_account_rows (self);
  update_badges (self);
}

/**
 * paddock_window_set_accounts:
 * @self: a window
 * @accounts: (nullable): a #GListModel of #PaddockAccountItem: the stored accounts
 *
 * Fills the account switcher. Choosing one emits #PaddockWindow::account-selected.
 */
void
paddock_window_set_accounts (PaddockWindow *self,
                             GListModel    *accounts)
{
  g_return_if_fail (PADDOCK_IS_WINDOW (self));
  g_return_if_fail (accounts == NULL || G_IS_LIST_MODEL (accounts));
  g_return_if_fail (accounts == NULL ||
                    g_type_is_a (g_list_model_get_item_type (accounts), PADDOCK_TYPE_ACCOUNT_ITEM));

  if (self->accounts == accounts)
    return;
  if (self->accounts != NULL)
    g_signal_handlers_disconnect_by_func (self->accounts, update_accounts_visible, self);
  g_set_object (&self->accounts, accounts);
  if (accounts != NULL)
    g_signal_connect_object (accounts, "items-changed", G_CALLBACK (update_accounts_visible),
                             self, G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  rebuild_account_rows (self);
}

/**
 * paddock_window_add_toast:
 * @self: a window
 * @toast: (transfer full): a toast
 *
 * Shows @toast, for things the person just did ("Order placed").
 */
void
paddock_window_add_toast (PaddockWindow *self,
                          AdwToast      *toast)
{
  g_return_if_fail (PADDOCK_IS_WINDOW (self));
  g_return_if_fail (ADW_IS_TOAST (toast));

  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/**
 * paddock_window_get_page:
 * @self: a window
 *
 * Returns: the page shown: "starting", "welcome", "assistant", "waiting", "problem" or
 *   "account"
 */
const char *
paddock_window_get_page (PaddockWindow *self)
{
  g_return_val_if_fail (PADDOCK_IS_WINDOW (self), NULL);

  return gtk_stack_get_visible_child_name (self->main_stack);
}

/**
 * paddock_window_get_environment:
 * @self: a window
 *
 * Returns: the environment of the account shown, or of the one being signed in to
 */
PaddockEnvironment
paddock_window_get_environment (PaddockWindow *self)
{
  g_return_val_if_fail (PADDOCK_IS_WINDOW (self), PADDOCK_ENVIRONMENT_PAPER);

  return self->environment;
}

guint
paddock_window_get_refresh_interval (PaddockWindow *self)
{
  g_return_val_if_fail (PADDOCK_IS_WINDOW (self), 0);

  return self->refresh_interval;
}

/**
 * paddock_window_set_refresh_interval:
 * @self: a window
 * @seconds: seconds between two automatic refreshes; 0 for none
 */
void
paddock_window_set_refresh_interval (PaddockWindow *self,
                                     guint          seconds)
{
  g_return_if_fail (PADDOCK_IS_WINDOW (self));

  if (self->refresh_interval == seconds)
    return;

  self->refresh_interval = seconds;
  update_refresh_timer (self, TRUE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REFRESH_INTERVAL]);
}

/**
 * paddock_window_is_refreshing:
 * @self: a window
 *
 * Returns: whether the refresh timer runs now
 */
gboolean
paddock_window_is_refreshing (PaddockWindow *self)
{
  g_return_val_if_fail (PADDOCK_IS_WINDOW (self), FALSE);

  return self->refresh_source != 0;
}

/**
 * paddock_window_get_sign_in_assistant:
 * @self: a window
 *
 * Returns: (transfer none): the assistant, to connect to its ::finished and ::cancelled
 */
PaddockSignInAssistant *
paddock_window_get_sign_in_assistant (PaddockWindow *self)
{
  g_return_val_if_fail (PADDOCK_IS_WINDOW (self), NULL);

  return self->assistant;
}

/**
 * paddock_window_get_waiting_page:
 * @self: a window
 *
 * Returns: (transfer none): the waiting page, for ::address-pasted and ::cancelled
 */
PaddockWaitingPage *
paddock_window_get_waiting_page (PaddockWindow *self)
{
  g_return_val_if_fail (PADDOCK_IS_WINDOW (self), NULL);

  return self->waiting_page;
}

/**
 * paddock_window_get_problem_page:
 * @self: a window
 *
 * Returns: (transfer none): the problem page, for ::action
 */
PaddockProblemPage *
paddock_window_get_problem_page (PaddockWindow *self)
{
  g_return_val_if_fail (PADDOCK_IS_WINDOW (self), NULL);

  return self->problem_page;
}

/**
 * paddock_window_get_account_view:
 * @self: a window
 *
 * Returns: (transfer none): the overview, e.g. for paddock_account_view_set_error()
 */
PaddockAccountView *
paddock_window_get_account_view (PaddockWindow *self)
{
  g_return_val_if_fail (PADDOCK_IS_WINDOW (self), NULL);

  return self->account_view;
}

/**
 * paddock_window_get_positions_page:
 * @self: a window
 *
 * Returns: (transfer none): the Positions page, to give it the session's position store
 */
PaddockPositionsPage *
paddock_window_get_positions_page (PaddockWindow *self)
{
  g_return_val_if_fail (PADDOCK_IS_WINDOW (self), NULL);

  return self->positions_page;
}

/**
 * paddock_window_get_orders_page:
 * @self: a window
 *
 * Returns: (transfer none): the Orders page, to give it the session's order store
 */
PaddockOrdersPage *
paddock_window_get_orders_page (PaddockWindow *self)
{
  g_return_val_if_fail (PADDOCK_IS_WINDOW (self), NULL);

  return self->orders_page;
}

/**
 * paddock_window_get_activity_page:
 * @self: a window
 *
 * Returns: (transfer none): the Activity page, to give it the session's activity store
 */
PaddockActivityPage *
paddock_window_get_activity_page (PaddockWindow *self)
{
  g_return_val_if_fail (PADDOCK_IS_WINDOW (self), NULL);

  return self->activity_page;
}

/**
 * paddock_window_get_markets_page:
 * @self: a window
 *
 * Returns: (transfer none): the Markets page (watchlists and movers), to give it the session
 */
PaddockMarketsPage *
paddock_window_get_markets_page (PaddockWindow *self)
{
  g_return_val_if_fail (PADDOCK_IS_WINDOW (self), NULL);

  return self->markets_page;
}

/**
 * paddock_window_get_view:
 * @self: a window
 *
 * Returns: the account's view shown: "overview", "positions", "orders", "activity" or
 * "markets"
 */
const char *
paddock_window_get_view (PaddockWindow *self)
{
  g_return_val_if_fail (PADDOCK_IS_WINDOW (self), NULL);

  return adw_view_stack_get_visible_child_name (self->view_stack);
}

/**
 * paddock_window_set_view:
 * @self: a window
 * @view: "overview", "positions", "orders", "activity" or "markets"
 */
void
paddock_window_set_view (PaddockWindow *self,
                         const char    *view)
{
  g_return_if_fail (PADDOCK_IS_WINDOW (self));
  g_return_if_fail (view != NULL);

  adw_view_stack_set_visible_child_name (self->view_stack, view);
}

/* ---- the trade stream's indicator ------------------------------------------------------- */

static gboolean stream_tick_cb (gpointer user_data);

/* The banner over the pages: shown while the live updates are off for good (the server
 * refused them) or keep failing to reconnect, with a way to try again now. */
static void
update_stream_banner (PaddockWindow *self)
{
  g_autofree char *text = NULL;

  if (self->stream_state == PADDOCK_TRADE_STREAM_STATE_FAILED)
    {
      if (self->stream_reason != NULL)
        /* Translators: %s says why (from the server or the network) */
        text = g_strdup_printf (_("Live updates stopped: %s. Orders and positions are not "
                                  "updated as they change."), self->stream_reason);
      else
        text = g_strdup (_("Live updates stopped. Orders and positions are not updated as "
                           "they change."));
    }
  else if (self->stream_state == PADDOCK_TRADE_STREAM_STATE_RECONNECTING &&
           self->stream_struggling)
    text = g_strdup_printf (_("Live updates are interrupted. %s."), self->stream_status);

  if (text != NULL)
    gtk_label_set_text (self->stream_banner_label, text);
  gtk_revealer_set_reveal_child (self->stream_banner, text != NULL);
}

/* The icon and its words; colour is never all it says. */
static void
update_stream_indicator (PaddockWindow *self)
{
  const char *icon = NULL;
  char *text = NULL;
  gboolean tick = FALSE;

  switch (self->stream_state)
    {
    case PADDOCK_TRADE_STREAM_STATE_CONNECTING:
      icon = "network-transmit-receive-symbolic";
      text = g_strdup (_("Connecting…"));
      break;
    case PADDOCK_TRADE_STREAM_STATE_LIVE:
      icon = "emblem-ok-symbolic";
      text = g_strdup (_("Live updates"));
      break;
    case PADDOCK_TRADE_STREAM_STATE_RECONNECTING:
      {
        gint64 left_us = self->stream_reconnect_at - g_get_monotonic_time ();

        icon = "view-refresh-symbolic";
        if (self->stream_reconnect_at > 0 && left_us > 0)
          {
            guint seconds = (guint) ((left_us + G_USEC_PER_SEC - 1) / G_USEC_PER_SEC);

            /* Translators: the live updates were lost; the next try is in %u seconds */
            text = g_strdup_printf (ngettext ("Reconnecting in %u s", "Reconnecting in %u s",
                                              seconds), seconds);
            tick = TRUE;
          }
        else
          text = g_strdup (_("Reconnecting…"));
      }
      break;
    case PADDOCK_TRADE_STREAM_STATE_FAILED:
      icon = "network-offline-symbolic";
      if (self->stream_reason != NULL)
        /* Translators: %s says why (from the server or the network) */
        text = g_strdup_printf (_("Live updates are off: %s"), self->stream_reason);
      else
        text = g_strdup (_("Live updates are off"));
      break;
    case PADDOCK_TRADE_STREAM_STATE_STOPPED:
    default:
      break;
    }

  if (g_strcmp0 (text, self->stream_status) != 0)
    {
      g_free (self->stream_status);
      self->stream_status = text;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STREAM_STATUS]);
    }
  else
    g_free (text);
  text = self->stream_status;
  gtk_image_set_from_icon_name (self->stream_indicator, icon);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->stream_indicator), text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->stream_indicator),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, text != NULL ? text : "", -1);
  if (!tick)
    g_clear_handle_id (&self->stream_tick, g_source_remove);
  else if (self->stream_tick == 0)
    {
      self->stream_tick = g_timeout_add_seconds (1, stream_tick_cb, self);
      g_source_set_name_by_id (self->stream_tick, "[paddock] stream countdown");
    }
  update_stream_banner (self);
  update_badges (self);
}

static gboolean
stream_tick_cb (gpointer user_data)
{
  PaddockWindow *self = user_data;

  self->stream_tick = 0;
  update_stream_indicator (self);
  return G_SOURCE_REMOVE;
}

/**
 * paddock_window_set_stream_state:
 * @self: a window
 * @state: the trade stream's state
 * @error: (nullable): why it is off or reconnecting
 * @reconnect_at: the monotonic time (µs) of the next try, or 0
 *
 * Shows the state of the live updates in the header bar, while an account is shown.
 */
void
paddock_window_set_stream_state (PaddockWindow           *self,
                                 PaddockTradeStreamState  state,
                                 const GError            *error,
                                 gint64                   reconnect_at)
{
  g_return_if_fail (PADDOCK_IS_WINDOW (self));

  self->stream_state = state;
  self->stream_reconnect_at = reconnect_at;
  self->stream_struggling = state == PADDOCK_TRADE_STREAM_STATE_RECONNECTING &&
                            reconnect_at - g_get_monotonic_time () >= STREAM_BANNER_WAIT_US;
  g_clear_pointer (&self->stream_reason, g_free);
  if (error != NULL)
    self->stream_reason = paddock_format_printable (error->message);
  update_stream_indicator (self);
}

/**
 * paddock_window_get_stream_status:
 * @self: a window
 *
 * Returns: (nullable): the words of the stream indicator (its tooltip and accessible
 *   label), or %NULL while no stream runs
 */
const char *
paddock_window_get_stream_status (PaddockWindow *self)
{
  g_return_val_if_fail (PADDOCK_IS_WINDOW (self), NULL);

  return self->stream_status;
}

/**
 * paddock_window_get_stream_banner:
 * @self: a window
 *
 * Returns: (nullable): the words of the banner shown while the live updates cannot
 *   (re)connect, or %NULL while it is hidden
 */
const char *
paddock_window_get_stream_banner (PaddockWindow *self)
{
  g_return_val_if_fail (PADDOCK_IS_WINDOW (self), NULL);

  if (!gtk_revealer_get_reveal_child (self->stream_banner))
    return NULL;
  return gtk_label_get_text (self->stream_banner_label);
}
