/* paddock-controller.c: what the app does, between the window and the core
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window shows pages and emits what the person asked for; the core keeps tokens and
 * talks to the brokerage. The controller joins them for accounts and sessions:
 *
 * start      stored accounts (keyring, async) → the last one used, or the welcome page
 * switcher   the equity of each stored account not shown is fetched in the background,
 *            with the account's own stored token, whenever the accounts are listed
 * sign-in    PaddockSignIn (paddock-sign-in.c) drives it; its ::signed-in shows the account
 * demo       the sandbox brokerage in-process (its own thread), signed in through the same
 *            sign-in and the same browser; the demo token is kept in the keyring like any
 *            other and handed back to the new sandbox on the next start
 * account    a PaddockSession; the overview binds to its PaddockAccount; a 401 anywhere
 *            becomes "Your access was revoked or has expired" with Sign In Again
 * trading    the Positions, Orders and Activity pages show the session's stores (their
 *            freshness bound to the stores'), the trade stream runs while the session is
 *            shown, and what the pages ask for (cancel, close, load more) goes through
 *            paddock-trading.h, ends in a toast and a refresh; Replace… opens the
 *            PaddockReplaceDialog, whose changes are sent once with a fresh client_order_id;
 *            the overview lists the stores' newest open orders and largest positions
 * search     Ctrl+K opens the symbol search (paddock-symbol-search.c) on the session shown
 * ticket     Ctrl+N and Buy… / Sell… on a position open the order ticket
 *            (paddock-order-ticket.c) on the session shown; a placed order ends in a toast
 *            and a refresh
 * stream     the header's indicator follows the trade stream's state; fills, partial fills
 *            and rejections become desktop notifications while the window is not active
 */
#define G_LOG_DOMAIN "paddock-controller"

#include "config.h"

#include <glib/gi18n.h>
#ifdef HAVE_MALLOC_TRIM
#include <malloc.h>
#endif

#include "paddock-account-item.h"
#include "paddock-controller.h"
#include "paddock-error.h"
#include "paddock-format.h"
#include "paddock-oauth-app.h"
#include "paddock-random.h"
#include "paddock-replace-dialog.h"
#include "paddock-order-ticket.h"
#include "paddock-symbol-search.h"
#include "paddock-sandbox.h"
#include "paddock-session.h"
#include "paddock-sign-in.h"
#include "paddock-symbol-window.h"
#include "paddock-token-details.h"
#include "paddock-account-settings.h"
#include "paddock-token-store.h"
#include "paddock-trading.h"

#define DEMO_SEED 20261129
#define LOADING_DELAY_MS 300

struct _PaddockController
{
  GObject parent_instance;

  PaddockWindow *window;          /* weak */
  PaddockTokenStore *store;
  GSettings *settings;
  GListStore *accounts;           /* PaddockAccountItem */
  GHashTable *equities;           /* "environment:id" → the equity last fetched */
  GCancellable *cancellable;

  PaddockSandbox *sandbox;        /* the demo brokerage, once started */
  PaddockEndpoints *demo_endpoints;
  PaddockOAuthApp *demo_app;

  PaddockSession *session;
  PaddockEnvironment session_environment;
  GPtrArray *page_bindings;       /* GBinding (a ref each): the pages' freshness ← stores' */

  PaddockSignIn *sign_in;
  PaddockOrderTicket *ticket;     /* weak: the ticket open, if any */

  guint loading_source;           /* shows the loading page if an account takes a while */
  PaddockEnvironment loading_environment;
};

G_DEFINE_FINAL_TYPE (PaddockController, paddock_controller, G_TYPE_OBJECT)

enum {
  SIGNAL_NOTIFICATION_SENT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *all_scopes[] = { "account:write", "trading", "data", NULL };

static void open_account        (PaddockController *self,
                                 PaddockEnvironment environment,
                                 const char        *account_id);
static void start_sign_in       (PaddockController *self,
                                 PaddockEnvironment environment);
static void cancel_loading      (PaddockController *self);
static void reload_accounts     (PaddockController *self,
                                 gboolean           open_preferred,
                                 gboolean           demo);

/* ---- helpers ---------------------------------------------------------------------------- */

static void
show_problem (PaddockController *self,
              const GError      *error)
{
  cancel_loading (self);
  if (self->window == NULL)
    return;
  paddock_window_show_problem (self->window, error);
}

/* A toast's title is Pango markup, and @text may hold a server's words ("<data>:1:32: …"):
 * escaped, it is shown as it is instead of failing to parse. */
static void
toast (PaddockController *self,
       const char        *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  if (self->window != NULL)
    paddock_window_add_toast (self->window, adw_toast_new (escaped));
}

/* Starts the demo brokerage on its own thread, once. */
static gboolean
ensure_sandbox (PaddockController  *self,
                GError            **error)
{
  g_autoptr (PaddockSandbox) sandbox = NULL;

  if (self->sandbox != NULL)
    return TRUE;

  sandbox = paddock_sandbox_new (DEMO_SEED);
  /* weeks of orders, fills, dividends and holdings: something to look at */
  paddock_sandbox_set_demo_history (sandbox, TRUE);
  /* its consent page says "Demo", as the app does */
  paddock_sandbox_set_app_demo (sandbox, TRUE);
  if (!paddock_sandbox_start (sandbox, 0, error))
    return FALSE;

  self->demo_endpoints =
    paddock_endpoints_new_for_sandbox (paddock_sandbox_get_authorize_url (sandbox),
                                       paddock_sandbox_get_live_url (sandbox),
                                       paddock_sandbox_get_paper_url (sandbox),
                                       paddock_sandbox_get_data_url (sandbox),
                                       paddock_sandbox_get_polygon_url (sandbox),
                                       error);
  if (self->demo_endpoints == NULL)
    {
      paddock_sandbox_stop (sandbox);
      return FALSE;
    }

  self->demo_app = paddock_oauth_app_new (paddock_sandbox_get_client_id (sandbox),
                                          paddock_sandbox_get_client_secret (sandbox));
  g_debug ("the demo brokerage serves %s", paddock_sandbox_get_paper_url (sandbox));
  self->sandbox = g_steal_pointer (&sandbox);
  return TRUE;
}

/* Where a stored account lives: the in-app sandbox for the demo, Alpaca (or what the
 * PADDOCK_*_URL variables say) for paper and live. No OAuth app: API calls need only
 * the token. */
static PaddockEndpoints *
endpoints_for (PaddockController  *self,
               PaddockEnvironment  environment,
               GError            **error)
{
  if (environment == PADDOCK_ENVIRONMENT_DEMO)
    return ensure_sandbox (self, error) ? g_object_ref (self->demo_endpoints) : NULL;

  return paddock_endpoints_new (environment, error);
}

/* ---- the session ------------------------------------------------------------------------ */

static gboolean
show_loading_cb (gpointer user_data)
{
  PaddockController *self = user_data;

  self->loading_source = 0;
  if (self->window != NULL)
    paddock_window_show_account (self->window, NULL, self->loading_environment);
  return G_SOURCE_REMOVE;
}

static void
cancel_loading (PaddockController *self)
{
  g_clear_handle_id (&self->loading_source, g_source_remove);
}

/* Most accounts load in a blink: the loading page (a spinner) only if it takes longer. */
static void
show_loading_soon (PaddockController *self,
                   PaddockEnvironment environment)
{
  cancel_loading (self);
  self->loading_environment = environment;
  self->loading_source = g_timeout_add (LOADING_DELAY_MS, show_loading_cb, self);
}

static void
session_state_cb (PaddockSession    *session,
                  GParamSpec        *pspec,
                  PaddockController *self)
{
  const GError *error = paddock_session_get_error (session);

  if (session != self->session || self->window == NULL)
    return;

  if (paddock_session_get_state (session) != PADDOCK_SESSION_LOADING)
    cancel_loading (self);

  switch (paddock_session_get_state (session))
    {
    case PADDOCK_SESSION_READY:
      paddock_window_show_account (self->window, paddock_session_get_account (session),
                                   self->session_environment);
      break;

    case PADDOCK_SESSION_REVOKED:
      /* in place: the chosen account stays, Sign In Again signs in to the same environment */
      show_problem (self, error);
      break;

    case PADDOCK_SESSION_FAILED:
      if (paddock_session_get_account (session) == NULL)
        {
          /* the loading page may not be up yet: the error page takes its place */
          paddock_window_show_account (self->window, NULL, self->session_environment);
          paddock_account_view_set_error (paddock_window_get_account_view (self->window), error);
        }
      else
        {
          g_autofree char *text = g_strdup_printf (_("Could not refresh: %s"), error->message);

          toast (self, text);
        }
      break;

    case PADDOCK_SESSION_LOADING:
    default:
      break;
    }
}

static void
refresh_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr (GError) error = NULL;

  /* the state change reports errors; here they only need collecting */
  if (!paddock_session_refresh_finish (PADDOCK_SESSION (object), result, &error))
    g_debug ("refresh failed: %s", error->message);
}

/* ---- the trading pages ------------------------------------------------------------------ */

static void
bind_page (PaddockController *self,
           gpointer           store,
           gpointer           page)
{
  static const char *names[] = { "updated-at", "loading", "error" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      GBinding *binding = g_object_bind_property (store, names[i], page, names[i],
                                                  G_BINDING_SYNC_CREATE);

      g_ptr_array_add (self->page_bindings, g_object_ref (binding));
    }
}

/* ---- the trade stream: the header's indicator and desktop notifications ----------------- */

static void
stream_state_cb (PaddockTradeStream *stream,
                 GParamSpec         *pspec,
                 PaddockController  *self)
{
  if (self->window != NULL)
    paddock_window_set_stream_state (self->window, paddock_trade_stream_get_state (stream),
                                     paddock_trade_stream_get_error (stream),
                                     paddock_trade_stream_get_reconnect_at (stream));
}

/* The one place that decides whether the person sees the window (then the pages say it):
 * the window has the focus, or the order ticket is open over it (the person is placing an
 * order there: the focus is in the ticket or its confirmation, or on its way back from it,
 * when that order fills). */
static gboolean
window_is_watched (PaddockController *self)
{
  return self->window != NULL &&
         (gtk_window_is_active (GTK_WINDOW (self->window)) ||
          (self->ticket != NULL && gtk_widget_get_mapped (GTK_WIDGET (self->ticket))));
}

/* The words of a notification for what a trade update says; FALSE when it is not worth
 * one. */
static gboolean
notification_for_update (PaddockTradeUpdate  *update,
                         char               **out_title,
                         char               **out_body)
{
  PaddockOrder *order = paddock_trade_update_get_order (update);
  PaddockTradeEvent event = paddock_trade_update_get_event (update);
  gboolean buy = paddock_order_get_side (order) == PADDOCK_ORDER_SIDE_BUY;
  g_autofree char *symbol = paddock_format_printable (paddock_order_get_symbol (order));
  g_autofree char *title = NULL;
  g_autofree char *body = NULL;

  switch (event)
    {
    case PADDOCK_TRADE_EVENT_FILL:
    case PADDOCK_TRADE_EVENT_PARTIAL_FILL:
    case PADDOCK_TRADE_EVENT_PARTIALLY_FILLED:
      {
        const char *qty = paddock_trade_update_get_qty (update);
        const char *price = paddock_trade_update_get_price (update);
        g_autofree char *quantity = NULL;
        g_autofree char *money = NULL;

        if (qty == NULL)
          qty = paddock_order_get_filled_qty (order);
        if (price == NULL)
          price = paddock_order_get_filled_avg_price (order);
        if (qty == NULL || price == NULL)
          return FALSE;
        quantity = paddock_format_quantity (qty);
        money = paddock_format_money (price, "USD");
        if (buy)
          /* Translators: "Bought 10 AAPL at $189.12" */
          title = g_strdup_printf (_("Bought %s %s at %s"), quantity, symbol, money);
        else
          /* Translators: "Sold 5 MSFT at $370.00" */
          title = g_strdup_printf (_("Sold %s %s at %s"), quantity, symbol, money);
        if (event == PADDOCK_TRADE_EVENT_FILL)
          body = g_strdup (_("The order is filled"));
        else
          body = g_strdup (_("The order is partially filled"));
      }
      break;

    case PADDOCK_TRADE_EVENT_REJECTED:
      {
        g_autofree char *quantity = paddock_order_get_qty (order) != NULL
                                    ? paddock_format_quantity (paddock_order_get_qty (order))
                                    : NULL;

        /* Translators: %s is the symbol: "Order rejected: AAPL" */
        title = g_strdup_printf (_("Order rejected: %s"), symbol);
        if (quantity != NULL && buy)
          body = g_strdup_printf (_("Buy %s %s"), quantity, symbol);
        else if (quantity != NULL)
          body = g_strdup_printf (_("Sell %s %s"), quantity, symbol);
      }
      break;

    default:
      return FALSE;
    }

  *out_title = g_steal_pointer (&title);
  *out_body = g_steal_pointer (&body);
  return TRUE;
}

static void
stream_update_cb (PaddockTradeStream *stream,
                  PaddockTradeUpdate *update,
                  JsonNode           *node,
                  PaddockController  *self)
{
  g_autoptr (GNotification) notification = NULL;
  g_autofree char *id = NULL;
  g_autofree char *title = NULL;
  g_autofree char *body = NULL;
  GtkApplication *application;

  if (window_is_watched (self) || !g_settings_get_boolean (self->settings, "notifications") ||
      !notification_for_update (update, &title, &body))
    return;
  notification = g_notification_new (title);
  if (body != NULL)
    g_notification_set_body (notification, body);

  /* one per order: a later fill replaces an earlier partial one */
  id = g_strdup_printf ("order-%s", paddock_order_get_id (paddock_trade_update_get_order (update)));
  application = self->window != NULL ? gtk_window_get_application (GTK_WINDOW (self->window))
                                     : NULL;
  if (application != NULL)
    g_application_send_notification (G_APPLICATION (application), id, notification);
  g_signal_emit (self, signals[SIGNAL_NOTIFICATION_SENT], 0, id, title, body);
}

/* A paging run parses its replies (0.4 MB of JSON each, twenty of them for 10,000 orders)
 * between the orders that stay; glibc keeps the pages those trees freed in its heap. Once
 * the run is merged, the wholly free pages go back to the system (about 5 MB then). */
static guint trim_source;

static gboolean
trim_heap_cb (gpointer user_data)
{
  trim_source = 0;
#ifdef HAVE_MALLOC_TRIM
  malloc_trim (0);
#endif
  return G_SOURCE_REMOVE;
}

static void
orders_loading_cb (PaddockOrderStore *orders,
                   GParamSpec        *pspec,
                   PaddockController *self)
{
  if (!paddock_order_store_get_loading (orders) && trim_source == 0)
    trim_source = g_idle_add (trim_heap_cb, NULL);
}

/* The pages show the session's stores; the trade stream keeps the orders current. */
static void
wire_pages (PaddockController *self)
{
  PaddockOrderStore *orders = paddock_session_get_order_store (self->session);
  PaddockPositionStore *positions = paddock_session_get_position_store (self->session);
  PaddockActivityStore *activities = paddock_session_get_activity_store (self->session);
  PaddockTradeStream *stream;

  if (self->window != NULL)
    {
      PaddockPositionsPage *positions_page = paddock_window_get_positions_page (self->window);
      PaddockOrdersPage *orders_page = paddock_window_get_orders_page (self->window);
      PaddockActivityPage *activity_page = paddock_window_get_activity_page (self->window);

      paddock_positions_page_set_model (positions_page, G_LIST_MODEL (positions));
      /* the page never prints the server's JSON: ten thousand parsed trees are not kept */
      paddock_order_store_set_keep_json (orders, FALSE);
      paddock_orders_page_set_model (orders_page, G_LIST_MODEL (orders));
      paddock_activity_page_set_model (activity_page, G_LIST_MODEL (activities));
      paddock_account_view_set_stores (paddock_window_get_account_view (self->window),
                                       G_LIST_MODEL (orders), G_LIST_MODEL (positions));
      paddock_portfolio_panel_set_client (paddock_account_view_get_portfolio_panel (
                                            paddock_window_get_account_view (self->window)),
                                          paddock_session_get_client (self->session));
      bind_page (self, positions, positions_page);
      bind_page (self, orders, orders_page);
      bind_page (self, activities, activity_page);
      paddock_markets_page_set_session (paddock_window_get_markets_page (self->window),
                                        self->session);
    }
  g_signal_connect (orders, "notify::loading", G_CALLBACK (orders_loading_cb), self);
  paddock_session_start_trade_stream (self->session);
  stream = paddock_session_get_trade_stream (self->session);
  g_signal_connect (stream, "notify::state", G_CALLBACK (stream_state_cb), self);
  g_signal_connect (stream, "notify::error", G_CALLBACK (stream_state_cb), self);
  g_signal_connect (stream, "notify::reconnect-at", G_CALLBACK (stream_state_cb), self);
  g_signal_connect (stream, "update", G_CALLBACK (stream_update_cb), self);
  stream_state_cb (stream, NULL, self);
}

/* Undoes wire_pages() for the session that is going away. */
static void
unwire_pages (PaddockController *self)
{
  for (guint i = 0; i < self->page_bindings->len; i++)
    g_binding_unbind (g_ptr_array_index (self->page_bindings, i));  /* safe when already gone */
  g_ptr_array_set_size (self->page_bindings, 0);

  if (self->window != NULL)
    {
      paddock_positions_page_set_model (paddock_window_get_positions_page (self->window), NULL);
      paddock_orders_page_set_model (paddock_window_get_orders_page (self->window), NULL);
      paddock_activity_page_set_model (paddock_window_get_activity_page (self->window), NULL);
      paddock_markets_page_set_session (paddock_window_get_markets_page (self->window), NULL);
      paddock_account_view_set_stores (paddock_window_get_account_view (self->window), NULL,
                                       NULL);
      paddock_portfolio_panel_set_client (paddock_account_view_get_portfolio_panel (
                                            paddock_window_get_account_view (self->window)),
                                          NULL);
    }
  if (self->session != NULL)
    {
      PaddockTradeStream *stream = paddock_session_get_trade_stream (self->session);

      g_signal_handlers_disconnect_by_data (stream, self);
      g_signal_handlers_disconnect_by_func (paddock_session_get_order_store (self->session),
                                            orders_loading_cb, self);
      paddock_trade_stream_stop (stream);
    }
  if (self->window != NULL)
    paddock_window_set_stream_state (self->window, PADDOCK_TRADE_STREAM_STATE_STOPPED, NULL, 0);
}

static void
set_session (PaddockController *self,
             PaddockSession    *session)
{
  if (self->session != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->session, self);
      unwire_pages (self);
    }
  g_set_object (&self->session, session);

  if (session == NULL)
    {
      cancel_loading (self);
      if (self->window != NULL)
        paddock_window_set_current_account (self->window, NULL, NULL, PADDOCK_ENVIRONMENT_PAPER);
      return;
    }

  self->session_environment =
    paddock_credentials_get_environment (paddock_session_get_credentials (session));
  /* named before it loads: an account that fails to load can still be signed out of */
  if (self->window != NULL)
    {
      PaddockCredentials *credentials = paddock_session_get_credentials (session);

      paddock_window_set_current_account (self->window,
                                          paddock_credentials_get_account_id (credentials),
                                          paddock_credentials_get_account_number (credentials),
                                          self->session_environment);
    }
  g_signal_connect (session, "notify::state", G_CALLBACK (session_state_cb), self);
  wire_pages (self);
  show_loading_soon (self, self->session_environment);
  paddock_session_refresh_async (session, self->cancellable, refresh_cb, NULL);
}

/* One stored account, for the callbacks of what is done to it (open, sign out) */
typedef struct
{
  PaddockController *self;
  PaddockEnvironment environment;
  char *account_id;
} AccountRef;

static AccountRef *
account_ref_new (PaddockController *self,
                 PaddockEnvironment environment,
                 const char        *account_id)
{
  AccountRef *ref = g_new0 (AccountRef, 1);

  ref->self = g_object_ref (self);
  ref->environment = environment;
  ref->account_id = g_strdup (account_id);
  return ref;
}

static void
account_ref_free (AccountRef *ref)
{
  g_object_unref (ref->self);
  g_free (ref->account_id);
  g_free (ref);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AccountRef, account_ref_free)

/* How GSettings "last-account" names an account */
static char *
account_key (PaddockEnvironment  environment,
             const char         *account_id)
{
  return g_strdup_printf ("%s:%s", paddock_environment_to_string (environment), account_id);
}

static void
load_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr (AccountRef) data = user_data;
  PaddockController *self = data->self;
  g_autoptr (GError) error = NULL;
  g_autoptr (PaddockCredentials) credentials = NULL;
  g_autoptr (PaddockEndpoints) endpoints = NULL;
  g_autoptr (PaddockSession) session = NULL;
  g_autofree char *last = NULL;

  credentials = paddock_token_store_load_finish (PADDOCK_TOKEN_STORE (object), result, &error);
  if (credentials == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_problem (self, error);
      return;
    }

  endpoints = endpoints_for (self, data->environment, &error);
  if (endpoints == NULL)
    {
      show_problem (self, error);
      return;
    }
  if (data->environment == PADDOCK_ENVIRONMENT_DEMO)
    /* the demo brokerage lives in memory: give it back the token it issued before */
    paddock_sandbox_restore_token (self->sandbox, paddock_credentials_get_access_token (credentials),
                                   paddock_credentials_get_scope (credentials),
                                   paddock_environment_to_string (PADDOCK_ENVIRONMENT_PAPER));

  session = paddock_session_new (endpoints, credentials);
  set_session (self, session);

  last = account_key (data->environment, data->account_id);
  g_settings_set_string (self->settings, "last-account", last);
}

static void
open_account (PaddockController *self,
              PaddockEnvironment environment,
              const char        *account_id)
{
  AccountRef *data = account_ref_new (self, environment, account_id);

  show_loading_soon (self, environment);
  paddock_token_store_load_async (self->store, environment, account_id, self->cancellable,
                                  load_cb, data);
}

/* ---- the other accounts' equity, for the switcher --------------------------------------- */

/* One stored account whose equity is being fetched */
typedef struct
{
  PaddockController *self;
  PaddockAccountItem *item;
  PaddockSession *session;
} EquityFetch;

static void
equity_fetch_free (EquityFetch *fetch)
{
  g_object_unref (fetch->self);
  g_object_unref (fetch->item);
  g_clear_object (&fetch->session);
  g_free (fetch);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EquityFetch, equity_fetch_free)

static void
equity_account_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr (EquityFetch) fetch = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (PaddockAccount) account = NULL;
  const char *equity;

  account = paddock_client_get_account_finish (PADDOCK_CLIENT (object), result, &error);
  /* a failure leaves the "—": the person sees the account's trouble when choosing it */
  if (account == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("no equity for an account in the switcher: %s", error->message);
      return;
    }
  equity = paddock_account_get_equity (account);
  if (equity == NULL)
    return;
  g_hash_table_replace (fetch->self->equities,
                        account_key (paddock_account_item_get_environment (fetch->item),
                                     paddock_account_item_get_id (fetch->item)),
                        g_strdup (equity));
  paddock_account_item_set_equity (fetch->item, equity);
}

static void
equity_load_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr (EquityFetch) fetch = user_data;
  PaddockController *self = fetch->self;
  PaddockEnvironment environment = paddock_account_item_get_environment (fetch->item);
  g_autoptr (GError) error = NULL;
  g_autoptr (PaddockCredentials) credentials = NULL;
  g_autoptr (PaddockEndpoints) endpoints = NULL;
  PaddockClient *client;

  credentials = paddock_token_store_load_finish (PADDOCK_TOKEN_STORE (object), result, &error);
  if (credentials == NULL || g_cancellable_is_cancelled (self->cancellable))
    {
      if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("no sign-in for an account in the switcher: %s", error->message);
      return;
    }
  endpoints = endpoints_for (self, environment, &error);
  if (endpoints == NULL)
    {
      g_debug ("no endpoints for an account in the switcher: %s", error->message);
      return;
    }
  if (environment == PADDOCK_ENVIRONMENT_DEMO)
    /* as when it is opened: the demo brokerage gets back the token it issued */
    paddock_sandbox_restore_token (self->sandbox,
                                   paddock_credentials_get_access_token (credentials),
                                   paddock_credentials_get_scope (credentials),
                                   paddock_environment_to_string (PADDOCK_ENVIRONMENT_PAPER));

  fetch->session = paddock_session_new (endpoints, credentials);
  client = paddock_session_get_client (fetch->session);
  paddock_client_get_account_async (client, self->cancellable, equity_account_cb,
                                    g_steal_pointer (&fetch));
}

/* Fills in the equity of every stored account the switcher has none for: the one shown
 * (and @opening, about to be) excepted, the window follows those. Each with its own stored
 * token, in the background; dispose cancels them. */
static void
fetch_equities (PaddockController  *self,
                PaddockAccountItem *opening)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->accounts));
  PaddockCredentials *current = self->session != NULL
                                ? paddock_session_get_credentials (self->session) : NULL;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (PaddockAccountItem) item =
        g_list_model_get_item (G_LIST_MODEL (self->accounts), i);
      PaddockEnvironment environment = paddock_account_item_get_environment (item);
      const char *id = paddock_account_item_get_id (item);
      EquityFetch *fetch;

      if (item == opening || paddock_account_item_get_equity (item) != NULL ||
          (current != NULL && paddock_credentials_get_environment (current) == environment &&
           g_strcmp0 (paddock_credentials_get_account_id (current), id) == 0))
        continue;

      fetch = g_new0 (EquityFetch, 1);
      fetch->self = g_object_ref (self);
      fetch->item = g_object_ref (item);
      paddock_token_store_load_async (self->store, environment, id, self->cancellable,
                                      equity_load_cb, fetch);
    }
}

/* ---- stored accounts -------------------------------------------------------------------- */

typedef struct
{
  PaddockController *self;
  gboolean open_preferred;
  gboolean demo;
} ListData;

static void
list_data_free (ListData *data)
{
  g_object_unref (data->self);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ListData, list_data_free)

static void
list_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr (ListData) data = user_data;
  PaddockController *self = data->self;
  g_autoptr (GError) error = NULL;
  g_autoptr (GListModel) list = NULL;
  g_autofree char *last = NULL;
  PaddockAccountItem *preferred = NULL;
  PaddockAccountItem *demo_item = NULL;
  guint n;

  list = paddock_token_store_list_finish (PADDOCK_TOKEN_STORE (object), result, &error);
  if (list == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_problem (self, error);
      return;
    }

  g_list_store_remove_all (self->accounts);
  n = g_list_model_get_n_items (list);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (PaddockCredentials) c = g_list_model_get_item (list, i);
      g_autoptr (PaddockAccountItem) item =
        paddock_account_item_new (paddock_credentials_get_account_id (c),
                                  paddock_credentials_get_environment (c),
                                  paddock_credentials_get_account_number (c));
      g_autofree char *key = account_key (paddock_credentials_get_environment (c),
                                          paddock_credentials_get_account_id (c));
      const char *equity = g_hash_table_lookup (self->equities, key);

      if (equity != NULL)
        paddock_account_item_set_equity (item, equity);
      g_list_store_append (self->accounts, item);
    }
  paddock_window_set_accounts (self->window, G_LIST_MODEL (self->accounts));

  /* a sign-in that began meanwhile (app.try-demo at start) decides what is shown */
  if (!data->open_preferred || paddock_sign_in_is_running (self->sign_in))
    {
      fetch_equities (self, NULL);
      return;
    }

  last = g_settings_get_string (self->settings, "last-account");
  n = g_list_model_get_n_items (G_LIST_MODEL (self->accounts));
  for (guint i = 0; i < n; i++)
    {
      PaddockAccountItem *item = g_list_model_get_item (G_LIST_MODEL (self->accounts), i);
      g_autofree char *key = account_key (paddock_account_item_get_environment (item),
                                          paddock_account_item_get_id (item));

      if (g_str_equal (key, last) || preferred == NULL)
        preferred = item;
      if (demo_item == NULL &&
          paddock_account_item_get_environment (item) == PADDOCK_ENVIRONMENT_DEMO)
        demo_item = item;
      g_object_unref (item);  /* the store keeps it */
    }

  fetch_equities (self, data->demo ? demo_item : preferred);
  if (data->demo)
    {
      if (demo_item != NULL)
        open_account (self, PADDOCK_ENVIRONMENT_DEMO, paddock_account_item_get_id (demo_item));
      else
        paddock_controller_try_demo (self);
    }
  else if (preferred != NULL)
    open_account (self, paddock_account_item_get_environment (preferred),
                  paddock_account_item_get_id (preferred));
  else
    {
      cancel_loading (self);
      paddock_window_show_welcome (self->window);
        }
}

static void
reload_accounts (PaddockController *self,
                 gboolean           open_preferred,
                 gboolean           demo)
{
  ListData *data = g_new0 (ListData, 1);

  data->self = g_object_ref (self);
  data->open_preferred = open_preferred;
  data->demo = demo;
  paddock_token_store_list_async (self->store, self->cancellable, list_cb, data);
}

/* ---- signing in (PaddockSignIn drives it) ----------------------------------------------- */

/* The demo brokerage runs here (its accounts need it too); the rest is the sign-in's. */
static void
start_sign_in (PaddockController *self,
               PaddockEnvironment environment)
{
  g_autoptr (GError) error = NULL;

  if (environment != PADDOCK_ENVIRONMENT_DEMO)
    {
      paddock_sign_in_start (self->sign_in, environment, all_scopes, NULL, NULL);
      return;
    }

  if (!ensure_sandbox (self, &error))
    {
      show_problem (self, error);
      return;
    }
  paddock_sign_in_start (self->sign_in, environment, all_scopes, self->demo_endpoints,
                         self->demo_app);
}

static void
sign_in_window_changed_cb (PaddockSignIn     *sign_in,
                           PaddockController *self)
{
  cancel_loading (self);
}

static void
signed_in_cb (PaddockSignIn      *sign_in,
              PaddockCredentials *credentials,
              PaddockEndpoints   *endpoints,
              PaddockController  *self)
{
  g_autoptr (PaddockSession) session = paddock_session_new (endpoints, credentials);
  g_autofree char *last = account_key (paddock_credentials_get_environment (credentials),
                                       paddock_credentials_get_account_id (credentials));

  set_session (self, session);
  g_settings_set_string (self->settings, "last-account", last);
  reload_accounts (self, FALSE, FALSE);
}

/* ---- what the window asks for ----------------------------------------------------------- */

static void
demo_requested_cb (PaddockWindow     *window,
                   PaddockController *self)
{
  paddock_controller_try_demo (self);
}

static void
problem_action_cb (PaddockProblemPage *page,
                   const char         *action_id,
                   PaddockController  *self)
{
  if (g_strcmp0 (action_id, "sign-in-again") == 0)
    {
      /* keep the chosen account's environment; the demo signs in to the demo again */
      PaddockEnvironment environment = self->session != NULL ? self->session_environment
                                                             : PADDOCK_ENVIRONMENT_PAPER;

      start_sign_in (self, environment);
    }
  else if (g_strcmp0 (action_id, PADDOCK_PROBLEM_ACTION_OPEN_PREFERENCES) == 0)
    {
      if (self->window != NULL)
        gtk_widget_activate_action (GTK_WIDGET (self->window), "app.preferences", NULL);
    }
  else if (g_strcmp0 (action_id, "try-again") == 0)
    {
      /* a sign-in that failed tries again; else the stored accounts are read again */
      if (!paddock_sign_in_try_again (self->sign_in))
        reload_accounts (self, TRUE, FALSE);
    }
}

static void
account_selected_cb (PaddockWindow      *window,
                     PaddockAccountItem *item,
                     PaddockController  *self)
{
  open_account (self, paddock_account_item_get_environment (item),
                paddock_account_item_get_id (item));
}

static void
delete_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr (AccountRef) data = user_data;
  PaddockController *self = data->self;
  g_autoptr (GError) error = NULL;

  if (!paddock_token_store_delete_finish (PADDOCK_TOKEN_STORE (object), result, &error))
    show_problem (self, error);
  else
    {
      PaddockCredentials *current = self->session ? paddock_session_get_credentials (self->session) : NULL;

      if (current != NULL &&
          g_strcmp0 (paddock_credentials_get_account_id (current), data->account_id) == 0 &&
          paddock_credentials_get_environment (current) == data->environment)
        set_session (self, NULL);
      g_settings_reset (self->settings, "last-account");
      toast (self, _("Signed out"));
      reload_accounts (self, TRUE, FALSE);
    }
}

static void
sign_out_requested_cb (PaddockWindow     *window,
                       const char        *account_id,
                       PaddockController *self)
{
  AccountRef *data;
  PaddockAccountItem *item = NULL;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->accounts));

  for (guint i = 0; i < n && item == NULL; i++)
    {
      g_autoptr (PaddockAccountItem) candidate = g_list_model_get_item (G_LIST_MODEL (self->accounts), i);

      if (g_strcmp0 (paddock_account_item_get_id (candidate), account_id) == 0 &&
          (self->session == NULL ||
           paddock_account_item_get_environment (candidate) == self->session_environment))
        item = candidate;
    }

  data = account_ref_new (self, item != NULL ? paddock_account_item_get_environment (item)
                                              : self->session_environment,
                          account_id);
  paddock_token_store_delete_async (self->store, data->environment, account_id, self->cancellable,
                                    delete_cb, data);
}

static void
refresh_requested_cb (PaddockWindow     *window,
                      PaddockController *self)
{
  if (self->session == NULL)
    return;
  paddock_session_refresh_async (self->session, self->cancellable, refresh_cb, NULL);
  /* the chart and the clock follow the account's refresh */
  if (self->window != NULL)
    paddock_portfolio_panel_refresh (paddock_account_view_get_portfolio_panel (
                                       paddock_window_get_account_view (self->window)));
  paddock_markets_page_refresh (paddock_window_get_markets_page (window));
}

/* Sign In Again on the Markets page's missing-permission banner */
static void
markets_sign_in_cb (PaddockMarketsPage *page,
                    PaddockController  *self)
{
  paddock_controller_sign_in (self);
}

/* A watchlist's or a mover's row activated on the Markets page */
static void
markets_symbol_activated_cb (PaddockMarketsPage *page,
                             const char         *symbol,
                             PaddockController  *self)
{
  if (self->session == NULL || self->window == NULL)
    return;
  paddock_symbol_window_open (GTK_WINDOW (self->window), self->session, symbol);
}

static void
token_details_requested_cb (PaddockWindow     *window,
                            PaddockController *self)
{
  PaddockTokenDetails *dialog;

  if (self->session == NULL)
    return;
  dialog = paddock_token_details_new (self->session);
  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (window));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The banner's Reconnect Now: the live updates try again at once, whatever their wait. */
static void
stream_reconnect_requested_cb (PaddockWindow     *window,
                               PaddockController *self)
{
  if (self->session != NULL)
    paddock_session_start_trade_stream (self->session);
}

static void
settings_sign_in_requested_cb (PaddockAccountSettings *dialog,
                               PaddockController      *self)
{
  gtk_window_destroy (GTK_WINDOW (dialog));
  /* the same as the problem page's Sign In Again: this account's environment again */
  problem_action_cb (NULL, PADDOCK_PROBLEM_ACTION_SIGN_IN_AGAIN, self);
}

static void
account_settings_requested_cb (PaddockWindow     *window,
                               PaddockController *self)
{
  PaddockAccountSettings *dialog;

  if (self->session == NULL)
    return;
  dialog = paddock_account_settings_new (self->session);
  g_signal_connect_object (dialog, "sign-in-requested",
                           G_CALLBACK (settings_sign_in_requested_cb), self, 0);
  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (window));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- what the trading pages ask for ----------------------------------------------------- */

static void
page_refresh_requested_cb (GtkWidget         *page,
                           PaddockController *self)
{
  refresh_requested_cb (NULL, self);
}

static void
load_more_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr (GError) error = NULL;

  /* the store's error property reports it on the page */
  if (!paddock_order_store_load_more_finish (PADDOCK_ORDER_STORE (object), result, &error))
    g_debug ("loading more orders failed: %s", error->message);
}

static void
load_more_requested_cb (PaddockOrdersPage *page,
                        PaddockController *self)
{
  if (self->session != NULL)
    paddock_order_store_load_more_async (paddock_session_get_order_store (self->session),
                                         self->cancellable, load_more_cb, NULL);
}

/* After an action: its toast, and the pages brought up to date (the stream does too). */
static void
action_done (PaddockController *self,
             PaddockClient     *client,
             const GError      *error,
             const char        *text)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  toast (self, text);
  /* the session that did it may be gone by now */
  if (self->session != NULL && paddock_session_get_client (self->session) == client)
    paddock_session_refresh_async (self->session, self->cancellable, refresh_cb, NULL);
}

static void
cancel_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr (PaddockController) self = user_data;
  PaddockClient *client = PADDOCK_CLIENT (object);
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;

  if (paddock_trading_cancel_finish (client, result, &error))
    text = g_strdup (_("Order canceled"));
  else
    text = g_strdup_printf (_("Could not cancel the order: %s"), error->message);
  action_done (self, client, error, text);
}

static void
cancel_requested_cb (PaddockOrdersPage *page,
                     PaddockOrder      *order,
                     PaddockController *self)
{
  if (self->session == NULL)
    return;
  paddock_trading_cancel_async (paddock_session_get_client (self->session),
                                paddock_order_get_id (order), self->cancellable, cancel_cb,
                                g_object_ref (self));
}

/* How many parts of a 207 reply went through */
static guint
count_succeeded (GPtrArray *results,
                 guint     *failed)
{
  guint ok = 0;

  *failed = 0;
  for (guint i = 0; results != NULL && i < results->len; i++)
    {
      PaddockBulkResult *part = g_ptr_array_index (results, i);

      if (part->error == NULL)
        ok++;
      else
        (*failed)++;
    }
  return ok;
}

static void
cancel_all_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr (PaddockController) self = user_data;
  PaddockClient *client = PADDOCK_CLIENT (object);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) results = NULL;
  g_autofree char *text = NULL;
  guint ok, failed;

  results = paddock_trading_cancel_all_finish (client, result, &error);
  ok = count_succeeded (results, &failed);
  if (results == NULL)
    text = g_strdup_printf (_("Could not cancel the orders: %s"), error->message);
  else if (failed > 0)
    text = g_strdup_printf (ngettext ("%u order canceled, %u could not be canceled",
                                      "%u orders canceled, %u could not be canceled", ok),
                            ok, failed);
  else if (ok == 0)
    text = g_strdup (_("No open orders to cancel"));
  else
    text = g_strdup_printf (ngettext ("%u order canceled", "%u orders canceled", ok), ok);
  action_done (self, client, error, text);
}

static void
cancel_all_requested_cb (PaddockOrdersPage *page,
                         PaddockController *self)
{
  if (self->session == NULL)
    return;
  paddock_trading_cancel_all_async (paddock_session_get_client (self->session),
                                    self->cancellable, cancel_all_cb, g_object_ref (self));
}

static void
close_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr (PaddockController) self = user_data;
  PaddockClient *client = PADDOCK_CLIENT (object);
  g_autoptr (GError) error = NULL;
  g_autoptr (PaddockOrder) order = NULL;
  g_autofree char *text = NULL;
  gboolean reply_lost = FALSE;

  order = paddock_trading_close_position_finish (client, result, &reply_lost, &error);
  if (order != NULL && reply_lost)
    /* found after the reply was lost: placed once, nothing sent again */
    text = g_strdup (_("Closing order placed (the reply was lost; nothing was sent again)"));
  else if (order != NULL)
    text = g_strdup (_("Closing order placed"));
  else if (g_error_matches (error, PADDOCK_ERROR, PADDOCK_ERROR_OUTCOME_UNKNOWN))
    text = g_strdup (_("The closing order may or may not have been placed: "
                       "check the Orders page"));
  else
    text = g_strdup_printf (_("Could not close the position: %s"), error->message);
  action_done (self, client, error, text);
}

static void
close_requested_cb (PaddockPositionsPage *page,
                    const char           *symbol,
                    const char           *qty,
                    PaddockController    *self)
{
  if (self->session == NULL)
    return;
  paddock_trading_close_position_async (paddock_session_get_client (self->session), symbol, qty,
                                        NULL, self->cancellable, close_cb, g_object_ref (self));
}

static void
close_all_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr (PaddockController) self = user_data;
  PaddockClient *client = PADDOCK_CLIENT (object);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) results = NULL;
  g_autofree char *text = NULL;
  guint ok, failed;

  results = paddock_trading_close_all_positions_finish (client, result, &error);
  ok = count_succeeded (results, &failed);
  if (results == NULL && g_error_matches (error, PADDOCK_ERROR, PADDOCK_ERROR_OUTCOME_UNKNOWN))
    text = g_strdup (_("The positions may or may not have been closed: check the Orders page"));
  else if (results == NULL)
    text = g_strdup_printf (_("Could not close the positions: %s"), error->message);
  else if (failed > 0)
    text = g_strdup_printf (ngettext ("Closing order placed for %u position, "
                                      "%u could not be closed",
                                      "Closing orders placed for %u positions, "
                                      "%u could not be closed", ok),
                            ok, failed);
  else if (ok == 0)
    text = g_strdup (_("No open positions to close"));
  else
    text = g_strdup_printf (ngettext ("Closing order placed for %u position",
                                      "Closing orders placed for %u positions", ok), ok);
  action_done (self, client, error, text);
}

static void
close_all_requested_cb (PaddockPositionsPage *page,
                        PaddockController    *self)
{
  if (self->session == NULL)
    return;
  paddock_trading_close_all_positions_async (paddock_session_get_client (self->session), TRUE,
                                             self->cancellable, close_all_cb,
                                             g_object_ref (self));
}

/* Replace…: the dialog asks, the client that listed the order sends it, once, with a fresh
 * client_order_id (what finds it again when the reply is lost) */
typedef struct
{
  PaddockController *self;
  PaddockReplaceDialog *dialog;
} ReplaceData;

static void
replace_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  ReplaceData *data = user_data;
  g_autoptr (PaddockController) self = data->self;
  g_autoptr (PaddockReplaceDialog) dialog = data->dialog;
  PaddockClient *client = PADDOCK_CLIENT (object);
  g_autoptr (GError) error = NULL;
  g_autoptr (PaddockOrder) order = NULL;
  gboolean reply_lost = FALSE;

  g_free (data);
  order = paddock_trading_replace_finish (client, result, &reply_lost, &error);
  if (order == NULL && !g_error_matches (error, PADDOCK_ERROR, PADDOCK_ERROR_OUTCOME_UNKNOWN) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      /* the broker did not take it: its words, the input kept, nothing changed */
      paddock_replace_dialog_show_error (dialog, error);
      return;
    }

  gtk_window_destroy (GTK_WINDOW (dialog));
  if (order == NULL && g_error_matches (error, PADDOCK_ERROR, PADDOCK_ERROR_OUTCOME_UNKNOWN))
    {
      if (self->window != NULL)
        {
          /* stays until dismissed: the person has to go and look */
          AdwToast *unknown = adw_toast_new (_("The order may or may not have been replaced: "
                                               "check the Orders page"));

          adw_toast_set_timeout (unknown, 0);
          paddock_window_add_toast (self->window, unknown);
        }
      if (self->session != NULL && paddock_session_get_client (self->session) == client)
        paddock_session_refresh_async (self->session, self->cancellable, refresh_cb, NULL);
      return;
    }
  action_done (self, client, error,
               reply_lost ? _("Order replaced (the reply was lost; nothing was sent again)")
                          : _("Order replaced"));
}

static void
replace_submit_cb (PaddockReplaceDialog *dialog,
                   const char           *qty,
                   const char           *limit_price,
                   const char           *stop_price,
                   const char           *trail,
                   PaddockTimeInForce    time_in_force,
                   PaddockController    *self)
{
  PaddockClient *client = g_object_get_data (G_OBJECT (dialog), "paddock-client");
  g_autofree char *client_order_id = paddock_random_uuid4 ();
  ReplaceData *data = g_new0 (ReplaceData, 1);

  data->self = g_object_ref (self);
  data->dialog = g_object_ref (dialog);
  paddock_trading_replace_async (client,
                                 paddock_order_get_id (paddock_replace_dialog_get_order (dialog)),
                                 qty, limit_price, stop_price, trail, time_in_force,
                                 client_order_id, self->cancellable, replace_cb, data);
}

static void
replace_requested_cb (PaddockOrdersPage *page,
                      PaddockOrder      *order,
                      PaddockController *self)
{
  PaddockReplaceDialog *dialog;

  if (self->session == NULL || self->window == NULL || !paddock_order_is_open (order))
    return;
  dialog = paddock_replace_dialog_new (order, self->session_environment);
  g_object_set_data_full (G_OBJECT (dialog), "paddock-client",
                          g_object_ref (paddock_session_get_client (self->session)),
                          g_object_unref);
  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (self->window));
  g_signal_connect_object (dialog, "submit", G_CALLBACK (replace_submit_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- GObject ---------------------------------------------------------------------------- */

/* ---- the order ticket --------------------------------------------------------------- */

static void
ticket_placed_cb (PaddockOrderTicket *ticket,
                  PaddockOrder       *order,
                  gboolean            reply_lost,
                  PaddockController  *self)
{
  PaddockClient *client = paddock_session_get_client (paddock_order_ticket_get_session (ticket));

  action_done (self, client, NULL,
               reply_lost ? _("Order placed; the reply was lost, so check its details")
                          : _("Order placed"));
}

static void
ticket_destroy_cb (PaddockOrderTicket *ticket,
                   PaddockController  *self)
{
  /* gone from the screen now; its callbacks may keep it alive a little longer */
  if (self->ticket == ticket)
    {
      g_object_remove_weak_pointer (G_OBJECT (ticket), (gpointer *) &self->ticket);
      self->ticket = NULL;
    }
}

/* Opens the ticket on the session shown (or brings the open one forward) */
static void
open_ticket (PaddockController *self,
             const char        *symbol,
             PaddockOrderSide   side,
             const char        *qty)
{
  if (self->window == NULL || self->session == NULL)
    return;
  if (self->ticket != NULL && gtk_widget_get_visible (GTK_WIDGET (self->ticket)))
    {
      gtk_window_present (GTK_WINDOW (self->ticket));
      return;
    }
  /* closed, though its callbacks may keep it alive a little longer */
  if (self->ticket != NULL)
    ticket_destroy_cb (self->ticket, self);

  self->ticket = paddock_order_ticket_new (GTK_WINDOW (self->window), self->session);
  g_object_add_weak_pointer (G_OBJECT (self->ticket), (gpointer *) &self->ticket);
  paddock_order_ticket_set_precaution (self->ticket,
                                       g_settings_get_uint (self->settings,
                                                            "confirm-order-value-above"),
                                       g_settings_get_uint (self->settings,
                                                            "confirm-price-away-percent"));
  if (symbol != NULL)
    paddock_order_ticket_prefill (self->ticket, symbol, side, qty);
  g_signal_connect_object (self->ticket, "placed", G_CALLBACK (ticket_placed_cb), self, 0);
  g_signal_connect_object (self->ticket, "destroy", G_CALLBACK (ticket_destroy_cb), self, 0);
  gtk_window_present (GTK_WINDOW (self->ticket));
}

static void
new_order_requested_cb (PaddockWindow     *window,
                        PaddockController *self)
{
  open_ticket (self, NULL, PADDOCK_ORDER_SIDE_UNKNOWN, NULL);
}

/* Ctrl+K: the symbol search over the window, on the session shown */
static void
search_requested_cb (PaddockWindow     *window,
                     PaddockController *self)
{
  if (self->session == NULL)
    return;
  gtk_window_present (GTK_WINDOW (paddock_symbol_search_new (GTK_WINDOW (self->window),
                                                             self->session)));
}

static void
order_requested_cb (PaddockPositionsPage *page,
                    const char           *symbol,
                    const char           *side,
                    const char           *qty,
                    PaddockController    *self)
{
  open_ticket (self, symbol,
               g_strcmp0 (side, "sell") == 0 ? PADDOCK_ORDER_SIDE_SELL : PADDOCK_ORDER_SIDE_BUY,
               qty);
}

static void
paddock_controller_dispose (GObject *object)
{
  PaddockController *self = PADDOCK_CONTROLLER (object);

  g_cancellable_cancel (self->cancellable);
  cancel_loading (self);
  if (self->ticket != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (self->ticket), (gpointer *) &self->ticket);
      self->ticket = NULL;
    }
  if (self->sign_in != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->sign_in, self);
      g_object_run_dispose (G_OBJECT (self->sign_in));
    }
  g_clear_object (&self->sign_in);
  if (self->session != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->session, self);
      unwire_pages (self);
    }
  g_clear_object (&self->session);
  if (self->window != NULL)
    {
      PaddockWindow *window = self->window;

      g_signal_handlers_disconnect_by_data (paddock_window_get_positions_page (window), self);
      g_signal_handlers_disconnect_by_data (paddock_window_get_orders_page (window), self);
      g_signal_handlers_disconnect_by_data (paddock_window_get_activity_page (window), self);
      g_signal_handlers_disconnect_by_data (paddock_window_get_markets_page (window), self);
      g_signal_handlers_disconnect_by_data (self->window, self);
      g_object_remove_weak_pointer (G_OBJECT (self->window), (gpointer *) &self->window);
      self->window = NULL;
    }
  g_clear_object (&self->demo_endpoints);
  g_clear_object (&self->demo_app);
  if (self->sandbox != NULL)
    paddock_sandbox_stop (self->sandbox);
  g_clear_object (&self->sandbox);

  G_OBJECT_CLASS (paddock_controller_parent_class)->dispose (object);
}

static void
paddock_controller_finalize (GObject *object)
{
  PaddockController *self = PADDOCK_CONTROLLER (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_object (&self->accounts);
  g_clear_pointer (&self->equities, g_hash_table_unref);
  g_clear_pointer (&self->page_bindings, g_ptr_array_unref);

  G_OBJECT_CLASS (paddock_controller_parent_class)->finalize (object);
}

static void
paddock_controller_class_init (PaddockControllerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = paddock_controller_dispose;
  object_class->finalize = paddock_controller_finalize;

  /**
   * PaddockController::notification-sent:
   * @id: the notification's id
   * @title: its title
   * @body: (nullable): its body
   *
   * A desktop notification went out (a fill, a partial fill or a rejection while the
   * window was not active).
   */
  signals[SIGNAL_NOTIFICATION_SENT] =
    g_signal_new ("notification-sent", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 3, G_TYPE_STRING, G_TYPE_STRING, G_TYPE_STRING);
}

static void
paddock_controller_init (PaddockController *self)
{
  self->cancellable = g_cancellable_new ();
  self->store = paddock_token_store_new ();
  self->settings = g_settings_new (SETTINGS_SCHEMA_ID);
  self->accounts = g_list_store_new (PADDOCK_TYPE_ACCOUNT_ITEM);
  self->equities = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->page_bindings = g_ptr_array_new_with_free_func (g_object_unref);
}

/* ---- public API ------------------------------------------------------------------------- */

/**
 * paddock_controller_new:
 * @window: the window to drive (not owned)
 */
PaddockController *
paddock_controller_new (PaddockWindow *window)
{
  PaddockController *self = g_object_new (PADDOCK_TYPE_CONTROLLER, NULL);
  PaddockPositionsPage *positions_page;
  PaddockOrdersPage *orders_page;

  self->window = window;
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &self->window);

  g_signal_connect (window, "demo-requested", G_CALLBACK (demo_requested_cb), self);
  g_signal_connect (window, "account-selected", G_CALLBACK (account_selected_cb), self);
  g_signal_connect (window, "sign-out-requested", G_CALLBACK (sign_out_requested_cb), self);
  g_signal_connect (window, "refresh-requested", G_CALLBACK (refresh_requested_cb), self);
  g_signal_connect (window, "new-order-requested", G_CALLBACK (new_order_requested_cb), self);
  g_signal_connect (window, "stream-reconnect-requested",
                    G_CALLBACK (stream_reconnect_requested_cb), self);
  g_signal_connect (window, "search-requested", G_CALLBACK (search_requested_cb), self);
  g_signal_connect (window, "token-details-requested", G_CALLBACK (token_details_requested_cb),
                    self);
  g_signal_connect (window, "account-settings-requested",
                    G_CALLBACK (account_settings_requested_cb), self);
  self->sign_in = paddock_sign_in_new (window, self->store, self->settings);
  g_signal_connect (self->sign_in, "window-changed", G_CALLBACK (sign_in_window_changed_cb), self);
  g_signal_connect (self->sign_in, "signed-in", G_CALLBACK (signed_in_cb), self);
  g_signal_connect_object (paddock_window_get_problem_page (window), "action",
                           G_CALLBACK (problem_action_cb), self, 0);
  positions_page = paddock_window_get_positions_page (window);
  orders_page = paddock_window_get_orders_page (window);
  g_signal_connect (positions_page, "refresh-requested", G_CALLBACK (page_refresh_requested_cb),
                    self);
  g_signal_connect (positions_page, "close-requested", G_CALLBACK (close_requested_cb), self);
  g_signal_connect (positions_page, "order-requested", G_CALLBACK (order_requested_cb), self);
  g_signal_connect (positions_page, "close-all-requested", G_CALLBACK (close_all_requested_cb),
                    self);
  g_signal_connect (orders_page, "refresh-requested", G_CALLBACK (page_refresh_requested_cb),
                    self);
  g_signal_connect (orders_page, "load-more-requested", G_CALLBACK (load_more_requested_cb),
                    self);
  g_signal_connect (orders_page, "cancel-requested", G_CALLBACK (cancel_requested_cb), self);
  g_signal_connect (orders_page, "cancel-all-requested", G_CALLBACK (cancel_all_requested_cb),
                    self);
  g_signal_connect (orders_page, "replace-requested", G_CALLBACK (replace_requested_cb), self);
  g_signal_connect (paddock_window_get_activity_page (window), "refresh-requested",
                    G_CALLBACK (page_refresh_requested_cb), self);
  g_signal_connect (paddock_window_get_markets_page (window), "sign-in-requested",
                    G_CALLBACK (markets_sign_in_cb), self);
  g_signal_connect (paddock_window_get_markets_page (window), "symbol-activated",
                    G_CALLBACK (markets_symbol_activated_cb), self);
  return self;
}

/**
 * paddock_controller_start:
 * @demo: go straight into the demo (`paddock --demo`)
 *
 * Loads the stored accounts and shows the last one used, or the welcome page.
 */
void
paddock_controller_start (PaddockController *self,
                          gboolean           demo)
{
  g_return_if_fail (PADDOCK_IS_CONTROLLER (self));

  reload_accounts (self, TRUE, demo);
}

/**
 * paddock_controller_try_demo:
 *
 * Starts the demo brokerage and signs in to it through the browser.
 */
void
paddock_controller_try_demo (PaddockController *self)
{
  g_return_if_fail (PADDOCK_IS_CONTROLLER (self));

  start_sign_in (self, PADDOCK_ENVIRONMENT_DEMO);
}

/**
 * paddock_controller_sign_in:
 *
 * Shows the sign-in assistant.
 */
void
paddock_controller_sign_in (PaddockController *self)
{
  g_return_if_fail (PADDOCK_IS_CONTROLLER (self));

  if (self->window != NULL)
    g_signal_emit_by_name (self->window, "sign-in-requested");
}

/**
 * paddock_controller_get_session:
 * @self: a controller
 *
 * Returns: (transfer none) (nullable): the session of the account shown, if any
 */
PaddockSession *
paddock_controller_get_session (PaddockController *self)
{
  g_return_val_if_fail (PADDOCK_IS_CONTROLLER (self), NULL);

  return self->session;
}
