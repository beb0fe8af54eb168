/* paddock-sign-in.c: signing in, from the assistant to the stored accounts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The whole sign-in, in the order the person sees it:
 *
 * assistant   Sign In (or Add Account) shows the assistant; Back on its first step goes
 *             back to the account shown, or the welcome page
 * OAuth app   the assistant's OAuth-app step, or PaddockOAuthApp (environment, settings,
 *             keyring, distributor); without a complete one the assistant asks for it
 * flow        PaddockOAuthFlow → the browser through the desktop's URI launcher → the
 *             waiting page (Copy Link, Paste Address…, Cancel)
 * accounts    one keyring item per account the token reaches; ::signed-in hands the first
 *             one over to whoever shows accounts (the controller)
 *
 * Problems on the way are shown on the problem page; paddock_sign_in_try_again() is what
 * its Try Again means for a sign-in: ask for the OAuth app again, find the accounts of a
 * token already granted again, or start over.
 */
#define G_LOG_DOMAIN "paddock-sign-in"

#include "config.h"

#include <glib/gi18n.h>

#include "paddock-error.h"
#include "paddock-oauth-flow.h"
#include "paddock-settings.h"
#include "paddock-sign-in.h"

struct _PaddockSignIn
{
  GObject parent_instance;

  PaddockWindow *window;          /* weak */
  PaddockTokenStore *store;
  GSettings *settings;
  GCancellable *cancellable;

  PaddockOAuthFlow *flow;
  GCancellable *flow_cancellable;
  PaddockEnvironment environment;
  GStrv scopes;                   /* set once a sign-in has begun */
  PaddockEndpoints *given_endpoints;  /* the demo's, to start it over */
  PaddockOAuthApp *given_app;
  gboolean ask_oauth_app;         /* the last sign-in failed on the OAuth app's credentials */
};

G_DEFINE_FINAL_TYPE (PaddockSignIn, paddock_sign_in, G_TYPE_OBJECT)

enum {
  SIGNAL_WINDOW_CHANGED,
  SIGNAL_SIGNED_IN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void start_flow (PaddockSignIn      *self,
                        PaddockEndpoints   *endpoints,
                        PaddockOAuthApp    *app,
                        PaddockEnvironment  environment);

/* ---- callback data ---------------------------------------------------------------------- */

/* A sign-in waiting for the OAuth app to be looked up */
typedef struct
{
  PaddockSignIn *self;
  PaddockEnvironment environment;
} LookupData;

static void
lookup_data_free (LookupData *data)
{
  g_object_unref (data->self);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LookupData, lookup_data_free)

/* The first account the token reaches, on its way into the keyring */
typedef struct
{
  PaddockSignIn *self;
  PaddockCredentials *credentials;
  PaddockEndpoints *endpoints;
} SaveData;

static void
save_data_free (SaveData *data)
{
  g_object_unref (data->self);
  g_object_unref (data->credentials);
  g_object_unref (data->endpoints);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SaveData, save_data_free)

/* ---- helpers ---------------------------------------------------------------------------- */

static void
window_changed (PaddockSignIn *self)
{
  g_signal_emit (self, signals[SIGNAL_WINDOW_CHANGED], 0);
}

static void
show_problem (PaddockSignIn *self,
              const GError  *error)
{
  if (self->window == NULL)
    return;
  paddock_window_show_problem (self->window, error);
  window_changed (self);
}

static void
show_assistant (PaddockSignIn *self,
                gboolean       ask_oauth_app)
{
  if (self->window == NULL)
    return;
  paddock_window_show_assistant (self->window, ask_oauth_app);
  window_changed (self);
}

static void
toast (PaddockSignIn *self,
       const char    *text)
{
  /* a toast's title is markup, and the text may hold a server's or the keyring's words */
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  if (self->window != NULL)
    paddock_window_add_toast (self->window, adw_toast_new (escaped));
}

static void
cancel_flow (PaddockSignIn *self)
{
  if (self->flow_cancellable != NULL)
    g_cancellable_cancel (self->flow_cancellable);
  g_clear_object (&self->flow_cancellable);
  g_clear_object (&self->flow);
}

/* Where an account the token reaches lives: the demo's are where the sign-in went, paper
 * and live ones at Alpaca (or where PADDOCK_*_URL say). */
static PaddockEndpoints *
endpoints_for (PaddockSignIn       *self,
               PaddockEnvironment   environment,
               GError             **error)
{
  if (environment == PADDOCK_ENVIRONMENT_DEMO && self->given_endpoints != NULL)
    return g_object_ref (self->given_endpoints);
  return paddock_endpoints_new (environment, error);
}

/* ---- the accounts the token reaches ----------------------------------------------------- */

static void
save_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr (SaveData) data = user_data;
  g_autoptr (GError) error = NULL;

  if (!paddock_token_store_save_finish (PADDOCK_TOKEN_STORE (object), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_problem (data->self, error);
      return;
    }

  g_signal_emit (data->self, signals[SIGNAL_SIGNED_IN], 0, data->credentials, data->endpoints);
}

/* What a sign-in (or a second try at finding its accounts) ended with */
static void
flow_done (PaddockSignIn    *self,
           PaddockOAuthFlow *flow,
           GPtrArray        *accounts,
           GError           *error)
{
  if (flow != self->flow)
    return;  /* an older sign-in, replaced since */

  if (accounts == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_clear_object (&self->flow);
          return;  /* the person cancelled; the window already went back */
        }
      /* a token granted but its accounts not found (the network, a server error): the
       * flow keeps it, and Try Again asks again without another trip to the browser */
      if (!paddock_oauth_flow_has_token (flow))
        g_clear_object (&self->flow);
      /* the token endpoint refused the OAuth app itself: Try Again asks for it anew */
      self->ask_oauth_app = g_error_matches (error, PADDOCK_ERROR, PADDOCK_ERROR_REJECTED) &&
                            paddock_error_get_http_status (error) == 401 &&
                            self->environment != PADDOCK_ENVIRONMENT_DEMO;
      show_problem (self, error);
      return;
    }

  /* one keyring item per account the token reaches; the first one is shown */
  for (guint i = 0; i < accounts->len; i++)
    {
      PaddockCredentials *c = g_ptr_array_index (accounts, i);
      g_autoptr (GError) local_error = NULL;
      g_autoptr (PaddockEndpoints) endpoints =
        endpoints_for (self, paddock_credentials_get_environment (c), &local_error);

      if (endpoints == NULL)
        {
          show_problem (self, local_error);
          g_clear_object (&self->flow);
          return;
        }

      if (i == 0)
        {
          SaveData *data = g_new0 (SaveData, 1);

          data->self = g_object_ref (self);
          data->credentials = g_object_ref (c);
          data->endpoints = g_steal_pointer (&endpoints);
          /* save_cb hands it over once it is safe in the keyring */
          paddock_token_store_save_async (self->store, c, self->cancellable, save_cb, data);
        }
      else
        paddock_token_store_save_async (self->store, c, self->cancellable, NULL, NULL);
    }
  g_clear_object (&self->flow);
}

static void
flow_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr (PaddockSignIn) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) accounts = NULL;

  accounts = paddock_oauth_flow_run_finish (PADDOCK_OAUTH_FLOW (object), result, &error);
  flow_done (self, PADDOCK_OAUTH_FLOW (object), accounts, error);
}

static void
discover_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr (PaddockSignIn) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) accounts = NULL;

  accounts = paddock_oauth_flow_discover_finish (PADDOCK_OAUTH_FLOW (object), result, &error);
  flow_done (self, PADDOCK_OAUTH_FLOW (object), accounts, error);
}

/* ---- the browser ------------------------------------------------------------------------ */

static void
launch_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr (PaddockSignIn) self = user_data;
  g_autoptr (GError) error = NULL;
  gboolean ok;

#if GTK_CHECK_VERSION (4, 10, 0)
  ok = gtk_uri_launcher_launch_finish (GTK_URI_LAUNCHER (object), result, &error);
#else
  ok = gtk_show_uri_full_finish (GTK_WINDOW (object), result, &error);
#endif

  if (!ok && self->flow != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      /* the flow goes on: the problem page offers Copy Link, back to the waiting page */
      g_debug ("the browser could not be opened: %s", error->message);
      show_problem (self, error);
    }
}

static void
open_browser (PaddockSignIn *self,
              const char    *uri)
{
#if GTK_CHECK_VERSION (4, 10, 0)
  g_autoptr (GtkUriLauncher) launcher = gtk_uri_launcher_new (uri);

  gtk_uri_launcher_launch (launcher, GTK_WINDOW (self->window), self->flow_cancellable,
                           launch_cb, g_object_ref (self));
#else
  /* portal-aware inside Flatpak (GIO's OpenURI portal); reports its errors, unlike
   * gtk_show_uri() */
  gtk_show_uri_full (GTK_WINDOW (self->window), uri, GDK_CURRENT_TIME, self->flow_cancellable,
                     launch_cb, g_object_ref (self));
#endif
}

/* ---- starting ----------------------------------------------------------------------------- */

static void
start_flow (PaddockSignIn      *self,
            PaddockEndpoints   *endpoints,
            PaddockOAuthApp    *app,
            PaddockEnvironment  environment)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) ports = paddock_settings_get_redirect_ports (self->settings);

  if (self->window == NULL)
    return;

  cancel_flow (self);
  self->flow_cancellable = g_cancellable_new ();
  self->flow = paddock_oauth_flow_new (endpoints, app, environment,
                                       (const char * const *) self->scopes,
                                       (const guint16 *) (void *) ports->data, ports->len);

  if (!paddock_oauth_flow_start (self->flow, &error))
    {
      g_clear_object (&self->flow);
      if (g_error_matches (error, PADDOCK_ERROR, PADDOCK_ERROR_FAILED))
        {
          /* every redirect port is taken */
          g_autoptr (GError) busy = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_ADDRESS_IN_USE,
                                                         error->message);
          show_problem (self, busy);
        }
      else
        show_problem (self, error);
      return;
    }

  paddock_window_set_environment (self->window, self->environment);
  paddock_window_show_waiting (self->window, paddock_oauth_flow_get_authorize_url (self->flow));
  window_changed (self);
  paddock_oauth_flow_run_async (self->flow, self->flow_cancellable, flow_cb, g_object_ref (self));
  open_browser (self, paddock_oauth_flow_get_start_url (self->flow));
}

static void
oauth_app_found_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr (LookupData) data = user_data;
  PaddockSignIn *self = data->self;
  g_autoptr (GError) error = NULL;
  g_autoptr (PaddockOAuthApp) app = NULL;
  g_autoptr (PaddockEndpoints) endpoints = NULL;

  app = paddock_oauth_app_lookup_finish (result, &error);
  if (app == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_problem (self, error);
      return;
    }
  if (!paddock_oauth_app_is_complete (app))
    {
      /* no OAuth app, or its secret is gone: ask for it */
      show_assistant (self, TRUE);
      return;
    }

  endpoints = paddock_endpoints_new (data->environment, &error);
  if (endpoints == NULL)
    show_problem (self, error);
  else
    start_flow (self, endpoints, app, data->environment);
}

static void
client_secret_saved_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr (PaddockSignIn) self = user_data;
  g_autoptr (GError) error = NULL;

  /* the sign-in goes on with the secret in memory; next time it is asked for again */
  if (!paddock_token_store_save_client_secret_finish (PADDOCK_TOKEN_STORE (object), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_autofree char *text = g_strdup_printf (_("The client secret could not be kept: %s"),
                                               error->message);

      toast (self, text);
    }
}

/* ---- what the window asks for ----------------------------------------------------------- */

static void
sign_in_requested_cb (PaddockWindow *window,
                      PaddockSignIn *self)
{
  g_autoptr (PaddockOAuthApp) app = paddock_oauth_app_new_configured (self->settings);

  /* the OAuth-app step only when no client ID is configured at all */
  show_assistant (self, paddock_oauth_app_get_client_id (app) == NULL);
}

/* Back to where the person came from: the account shown before, or the welcome page. */
static void
go_back (PaddockSignIn *self)
{
  PaddockAccount *account;

  if (self->window == NULL)
    return;
  account = paddock_account_view_get_account (paddock_window_get_account_view (self->window));
  if (account != NULL)
    paddock_window_show_account (self->window, account,
                                 paddock_window_get_environment (self->window));
  else
    paddock_window_show_welcome (self->window);
}

static void
assistant_finished_cb (PaddockSignInAssistant *assistant,
                       PaddockEnvironment      environment,
                       const char * const     *scopes,
                       const char             *client_id,
                       const char             *client_secret,
                       PaddockSignIn          *self)
{
  g_autoptr (PaddockOAuthApp) app = NULL;
  g_autoptr (PaddockEndpoints) endpoints = NULL;
  g_autoptr (GError) error = NULL;

  if (client_id == NULL || client_secret == NULL)
    {
      paddock_sign_in_start (self, environment, scopes, NULL, NULL);
      return;
    }

  /* a new OAuth app from the assistant: the ID in the settings, the secret in the keyring */
  g_settings_set_string (self->settings, "client-id", client_id);
  paddock_token_store_save_client_secret_async (self->store, client_id, client_secret,
                                                self->cancellable, client_secret_saved_cb,
                                                g_object_ref (self));

  self->environment = environment;
  g_strfreev (self->scopes);
  self->scopes = g_strdupv ((char **) scopes);
  g_clear_object (&self->given_endpoints);
  g_clear_object (&self->given_app);
  app = paddock_oauth_app_new (client_id, client_secret);
  endpoints = paddock_endpoints_new (environment, &error);
  if (endpoints == NULL)
    show_problem (self, error);
  else
    start_flow (self, endpoints, app, environment);
}

static void
assistant_cancelled_cb (PaddockSignIn *self)
{
  go_back (self);
}

static void
waiting_cancelled_cb (PaddockSignIn *self)
{
  paddock_sign_in_cancel (self);
  go_back (self);
}

static void
address_pasted_cb (PaddockWaitingPage *page,
                   const char         *address,
                   PaddockSignIn      *self)
{
  g_autoptr (GError) error = NULL;

  if (self->flow == NULL)
    return;
  if (!paddock_oauth_flow_submit_address (self->flow, address, &error) &&
      g_error_matches (error, PADDOCK_ERROR, PADDOCK_ERROR_INVALID_INPUT))
    toast (self, error->message);
}

/* ---- GObject ---------------------------------------------------------------------------- */

static void
paddock_sign_in_dispose (GObject *object)
{
  PaddockSignIn *self = PADDOCK_SIGN_IN (object);

  g_cancellable_cancel (self->cancellable);
  cancel_flow (self);
  if (self->window != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->window, self);
      g_object_remove_weak_pointer (G_OBJECT (self->window), (gpointer *) &self->window);
      self->window = NULL;
    }
  g_clear_object (&self->given_endpoints);
  g_clear_object (&self->given_app);

  G_OBJECT_CLASS (paddock_sign_in_parent_class)->dispose (object);
}

static void
paddock_sign_in_finalize (GObject *object)
{
  PaddockSignIn *self = PADDOCK_SIGN_IN (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_strfreev (self->scopes);

  G_OBJECT_CLASS (paddock_sign_in_parent_class)->finalize (object);
}

static void
paddock_sign_in_class_init (PaddockSignInClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = paddock_sign_in_dispose;
  object_class->finalize = paddock_sign_in_finalize;

  /**
   * PaddockSignIn::window-changed:
   * @self: the sign-in
   *
   * The sign-in has shown a page of its own (the assistant, the waiting page, a problem,
   * the loading page while it finds the accounts).
   */
  signals[SIGNAL_WINDOW_CHANGED] =
    g_signal_new ("window-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);

  /**
   * PaddockSignIn::signed-in:
   * @self: the sign-in
   * @credentials: the first account the token reaches, now in the keyring
   * @endpoints: where that account lives
   *
   * The sign-in is done: show the account. (Other accounts the token reaches are
   * stored too.)
   */
  signals[SIGNAL_SIGNED_IN] =
    g_signal_new ("signed-in", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 2,
                  PADDOCK_TYPE_CREDENTIALS, PADDOCK_TYPE_ENDPOINTS);
}

static void
paddock_sign_in_init (PaddockSignIn *self)
{
  self->cancellable = g_cancellable_new ();
  self->environment = PADDOCK_ENVIRONMENT_PAPER;
}

/* ---- public API ------------------------------------------------------------------------- */

/**
 * paddock_sign_in_new:
 * @window: the window to sign in from (not owned)
 * @store: where the accounts are kept
 * @settings: Paddock's settings (the OAuth app's client ID, the redirect ports)
 *
 * Takes over the window's sign-in: Sign In and Add Account, the assistant, the waiting
 * page.
 */
PaddockSignIn *
paddock_sign_in_new (PaddockWindow     *window,
                     PaddockTokenStore *store,
                     GSettings         *settings)
{
  PaddockSignIn *self;

  g_return_val_if_fail (PADDOCK_IS_WINDOW (window), NULL);
  g_return_val_if_fail (PADDOCK_IS_TOKEN_STORE (store), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (PADDOCK_TYPE_SIGN_IN, NULL);
  self->store = g_object_ref (store);
  self->settings = g_object_ref (settings);
  self->window = window;
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &self->window);

  g_signal_connect (window, "sign-in-requested", G_CALLBACK (sign_in_requested_cb), self);
  g_signal_connect (window, "add-account-requested", G_CALLBACK (sign_in_requested_cb), self);
  g_signal_connect_object (paddock_window_get_sign_in_assistant (window), "finished",
                           G_CALLBACK (assistant_finished_cb), self, 0);
  g_signal_connect_object (paddock_window_get_sign_in_assistant (window), "cancelled",
                           G_CALLBACK (assistant_cancelled_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (paddock_window_get_waiting_page (window), "cancelled",
                           G_CALLBACK (waiting_cancelled_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (paddock_window_get_waiting_page (window), "address-pasted",
                           G_CALLBACK (address_pasted_cb), self, 0);
  return self;
}

/**
 * paddock_sign_in_start:
 * @environment: where to sign in
 * @scopes: (nullable): the scopes to ask for; %NULL for all of them
 * @endpoints: (nullable): where to sign in, for the demo brokerage; %NULL for Alpaca (or
 *   where PADDOCK_*_URL say)
 * @app: (nullable): the OAuth app that goes with @endpoints; %NULL to look it up
 *
 * Signs in through the browser, and stores the accounts the token reaches.
 */
void
paddock_sign_in_start (PaddockSignIn      *self,
                       PaddockEnvironment  environment,
                       const char * const *scopes,
                       PaddockEndpoints   *endpoints,
                       PaddockOAuthApp    *app)
{
  static const char *all_scopes[] = { "account:write", "trading", "data", NULL };
  LookupData *data;

  g_return_if_fail (PADDOCK_IS_SIGN_IN (self));
  g_return_if_fail ((endpoints == NULL) == (app == NULL));

  self->environment = environment;
  if ((const char * const *) self->scopes != scopes)
    {
      g_strfreev (self->scopes);
      self->scopes = g_strdupv ((char **) (scopes ? scopes : all_scopes));
    }

  if (endpoints != NULL)
    {
      g_set_object (&self->given_endpoints, endpoints);
      g_set_object (&self->given_app, app);
      /* the demo brokerage grants paper accounts */
      start_flow (self, endpoints, app,
                  environment == PADDOCK_ENVIRONMENT_DEMO ? PADDOCK_ENVIRONMENT_PAPER
                                                          : environment);
      return;
    }

  g_clear_object (&self->given_endpoints);
  g_clear_object (&self->given_app);
  data = g_new0 (LookupData, 1);
  data->self = g_object_ref (self);
  data->environment = environment;
  paddock_oauth_app_lookup_async (self->settings, self->store, self->cancellable,
                                  oauth_app_found_cb, data);
}

/**
 * paddock_sign_in_try_again:
 *
 * What Try Again on the problem page means for the last sign-in: ask for the OAuth app
 * when it was refused, find the accounts of the token already granted when only that
 * failed, else sign in again from the start.
 *
 * Returns: %FALSE when there was no sign-in to try again
 */
gboolean
paddock_sign_in_try_again (PaddockSignIn *self)
{
  g_return_val_if_fail (PADDOCK_IS_SIGN_IN (self), FALSE);

  if (self->ask_oauth_app)
    {
      self->ask_oauth_app = FALSE;
      show_assistant (self, TRUE);
      return TRUE;
    }

  if (self->flow != NULL && paddock_oauth_flow_has_token (self->flow))
    {
      /* the token was granted; only finding its accounts failed: no browser again */
      if (self->window != NULL)
        {
          paddock_window_show_account (self->window, NULL, self->environment);
          window_changed (self);
        }
      paddock_oauth_flow_discover_async (self->flow, self->flow_cancellable, discover_cb,
                                         g_object_ref (self));
      return TRUE;
    }

  if (self->scopes != NULL)
    {
      paddock_sign_in_start (self, self->environment, (const char * const *) self->scopes,
                             self->given_endpoints, self->given_app);
      return TRUE;
    }

  return FALSE;
}

/**
 * paddock_sign_in_is_running:
 *
 * Returns: %TRUE while a sign-in waits for the browser or the server
 */
gboolean
paddock_sign_in_is_running (PaddockSignIn *self)
{
  g_return_val_if_fail (PADDOCK_IS_SIGN_IN (self), FALSE);

  return self->flow != NULL && !paddock_oauth_flow_has_token (self->flow);
}

/**
 * paddock_sign_in_cancel:
 *
 * Stops the sign-in under way, if any; the window stays as it is.
 */
void
paddock_sign_in_cancel (PaddockSignIn *self)
{
  g_return_if_fail (PADDOCK_IS_SIGN_IN (self));

  cancel_flow (self);
}
