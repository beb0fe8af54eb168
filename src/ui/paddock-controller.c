/* paddock-controller.c: what the app does, between the window and the core
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window shows pages and emits what the person asked for; the core signs in, keeps
 * tokens and talks to the brokerage. The controller joins them:
 *
 * start      stored accounts (keyring, async) → the last one used, or the welcome page
 * sign-in    PaddockOAuthFlow → the browser through the desktop's URI launcher → waiting
 *            page → credentials saved in the keyring → the account
 * demo       the sandbox brokerage in-process (its own thread), signed in through the same
 *            flow and the same browser; the demo token is kept in the keyring like any
 *            other and handed back to the new sandbox on the next start
 * account    a PaddockSession; the overview binds to its PaddockAccount; a 401 anywhere
 *            becomes "Your access was revoked or has expired" with Sign In Again
 */
#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "paddock-controller"

#include "config.h"

#include <glib/gi18n.h>

#include "paddock-account-item.h"
#include "paddock-controller.h"
#include "paddock-error.h"
#include "paddock-loopback-receiver.h"
#include "paddock-oauth-flow.h"
#include "paddock-sandbox.h"
#include "paddock-session.h"
#include "paddock-settings.h"
#include "paddock-token-store.h"

#define DEMO_SEED 20261129
#define LOADING_DELAY_MS 300

struct _PaddockController
{
  GObject parent_instance;

  PaddockWindow *window;          /* weak */
  PaddockTokenStore *store;
  GSettings *settings;
  GListStore *accounts;           /* PaddockAccountItem */
  GCancellable *cancellable;

  PaddockSandbox *sandbox;        /* the demo brokerage, once started */
  PaddockEndpoints *demo_endpoints;

  PaddockSession *session;
  char *session_environment;

  PaddockOAuthFlow *flow;
  GCancellable *flow_cancellable;
  char *flow_environment;         /* "demo", "paper", "live" */
  GStrv flow_scopes;

  char *report_path;              /* PADDOCK_TEST_REPORT */
  char *screenshot_path;          /* PADDOCK_TEST_SCREENSHOT */
  char *screenshot_dir;           /* PADDOCK_SCREENSHOT_DIR: one PNG per page shown */
  gboolean benchmark_reported;    /* PADDOCK_BENCHMARK */
  guint loading_source;           /* shows the loading page if an account takes a while */
  gboolean ask_oauth_app;         /* the last sign-in failed on the OAuth app's credentials */
  char *loading_environment;
};

G_DEFINE_FINAL_TYPE (PaddockController, paddock_controller, G_TYPE_OBJECT)

static const char *all_scopes[] = { "account:write", "trading", "data", NULL };

static void open_account        (PaddockController *self,
                                 const char        *environment,
                                 const char        *account_id);
static void start_sign_in       (PaddockController *self,
                                 const char        *environment,
                                 const char * const *scopes,
                                 const char        *client_id,
                                 const char        *client_secret);
static void cancel_loading      (PaddockController *self);
static void reload_accounts     (PaddockController *self,
                                 gboolean           open_preferred,
                                 gboolean           demo);

/* ---- reporting, for end-to-end tests ---------------------------------------------------- */

static gboolean
report_idle_cb (gpointer user_data)
{
  PaddockController *self = user_data;
  g_autofree char *text = NULL;
  g_autoptr (GError) error = NULL;

  g_object_set_data (G_OBJECT (self), "report-idle", NULL);
  if (self->window == NULL)
    return G_SOURCE_REMOVE;

  text = paddock_window_describe (self->window);
  if (self->report_path != NULL &&
      !g_file_set_contents (self->report_path, text, -1, &error))
    g_warning ("Could not write the test report: %s", error->message);

  if (self->screenshot_path != NULL &&
      g_strcmp0 (paddock_window_get_page (self->window), "account") == 0 &&
      paddock_account_view_get_account (paddock_window_get_account_view (self->window)) != NULL)
    {
      g_clear_error (&error);
      if (!paddock_window_save_screenshot (self->window, self->screenshot_path, &error))
        g_debug ("no screenshot: %s", error->message);
    }

  if (self->screenshot_dir != NULL)
    {
      const char *page = paddock_window_get_page (self->window);
      g_autofree char *name = g_strdup_printf ("%s.png", page);
      g_autofree char *path = g_build_filename (self->screenshot_dir, name, NULL);

      /* the overview only once its figures are there */
      if (g_strcmp0 (page, "account") != 0 ||
          paddock_account_view_get_account (paddock_window_get_account_view (self->window)) != NULL)
        {
          g_clear_error (&error);
          if (!paddock_window_save_screenshot (self->window, path, &error))
            g_debug ("no screenshot: %s", error->message);
        }
    }

  return G_SOURCE_REMOVE;
}

/* After the window changed: let it lay out and draw, then describe it. */
static void
report (PaddockController *self)
{
  if (self->report_path == NULL && self->screenshot_path == NULL && self->screenshot_dir == NULL)
    return;
  if (g_object_get_data (G_OBJECT (self), "report-idle") != NULL)
    return;
  g_object_set_data (G_OBJECT (self), "report-idle", GUINT_TO_POINTER (1));
  /* after the page's cross-fade (250 ms) has ended, so a screenshot shows one page */
  g_timeout_add_full (G_PRIORITY_DEFAULT, 700, report_idle_cb, g_object_ref (self),
                      g_object_unref);
}

/* ---- helpers ---------------------------------------------------------------------------- */

static void
figures_painted_cb (GdkFrameClock *clock,
                    gpointer       user_data)
{
  g_signal_handlers_disconnect_by_func (clock, figures_painted_cb, user_data);
  g_printerr ("paddock-benchmark figures %" G_GINT64_FORMAT "\n", g_get_real_time ());
}

static void
show_problem (PaddockController *self,
              const GError      *error)
{
  cancel_loading (self);
  if (self->window == NULL)
    return;
  paddock_window_show_problem (self->window, error);
  report (self);
}

static void
toast (PaddockController *self,
       const char        *text)
{
  if (self->window != NULL)
    paddock_window_add_toast (self->window, adw_toast_new (text));
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
  if (!paddock_sandbox_start (sandbox, 0, error))
    return FALSE;

  self->demo_endpoints =
    paddock_endpoints_new_for_sandbox (paddock_sandbox_get_authorize_url (sandbox),
                                       paddock_sandbox_get_live_url (sandbox),
                                       paddock_sandbox_get_paper_url (sandbox),
                                       paddock_sandbox_get_data_url (sandbox),
                                       paddock_sandbox_get_polygon_url (sandbox),
                                       paddock_sandbox_get_client_id (sandbox),
                                       paddock_sandbox_get_client_secret (sandbox),
                                       error);
  if (self->demo_endpoints == NULL)
    {
      paddock_sandbox_stop (sandbox);
      return FALSE;
    }

  g_debug ("the demo brokerage serves %s", paddock_sandbox_get_paper_url (sandbox));
  self->sandbox = g_steal_pointer (&sandbox);
  return TRUE;
}

/* Where a stored account lives: the in-app sandbox for "demo", Alpaca (or what the
 * PADDOCK_*_URL variables say) for "paper" and "live". No client secret: API calls need
 * only the token. */
static PaddockEndpoints *
endpoints_for (PaddockController  *self,
               const char         *environment,
               GError            **error)
{
  PaddockEnvironment env = PADDOCK_ENVIRONMENT_PAPER;
  g_autofree char *client_id = NULL;

  if (g_strcmp0 (environment, "demo") == 0)
    return ensure_sandbox (self, error) ? g_object_ref (self->demo_endpoints) : NULL;

  client_id = paddock_settings_dup_client_id (self->settings);
  paddock_environment_from_string (environment, &env);
  return paddock_endpoints_new (env, client_id, NULL, error);
}

/* ---- the session ------------------------------------------------------------------------ */

static gboolean
show_loading_cb (gpointer user_data)
{
  PaddockController *self = user_data;

  self->loading_source = 0;
  if (self->window != NULL)
    {
      paddock_window_show_account (self->window, NULL, self->loading_environment);
      report (self);
    }
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
                   const char        *environment)
{
  cancel_loading (self);
  g_free (self->loading_environment);
  self->loading_environment = g_strdup (environment);
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
      if (g_getenv ("PADDOCK_BENCHMARK") != NULL && !self->benchmark_reported)
        {
          /* the figures are in their labels; they are on screen at the next frame */
          self->benchmark_reported = TRUE;
          g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (self->window)), "after-paint",
                            G_CALLBACK (figures_painted_cb), NULL);
        }
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
  report (self);
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

static void
set_session (PaddockController *self,
             PaddockSession    *session,
             const char        *environment)
{
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_set_object (&self->session, session);
  g_free (self->session_environment);
  self->session_environment = g_strdup (environment);

  if (session == NULL)
    {
      cancel_loading (self);
      return;
    }

  g_signal_connect (session, "notify::state", G_CALLBACK (session_state_cb), self);
  show_loading_soon (self, environment);
  report (self);
  paddock_session_refresh_async (session, self->cancellable, refresh_cb, NULL);
}

/* One stored account, for the callbacks of what is done to it (open, sign out) */
typedef struct
{
  PaddockController *self;
  char *environment;
  char *account_id;
} AccountRef;

static AccountRef *
account_ref_new (PaddockController *self,
                 const char        *environment,
                 const char        *account_id)
{
  AccountRef *ref = g_new0 (AccountRef, 1);

  ref->self = g_object_ref (self);
  ref->environment = g_strdup (environment);
  ref->account_id = g_strdup (account_id);
  return ref;
}

static void
account_ref_free (AccountRef *ref)
{
  g_object_unref (ref->self);
  g_free (ref->environment);
  g_free (ref->account_id);
  g_free (ref);
}

/* How GSettings "last-account" names an account */
static char *
account_key (const char *environment,
             const char *account_id)
{
  return g_strdup_printf ("%s:%s", environment, account_id);
}

static void
load_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  AccountRef *data = user_data;
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
      goto out;
    }

  endpoints = endpoints_for (self, data->environment, &error);
  if (endpoints == NULL)
    {
      show_problem (self, error);
      goto out;
    }
  if (g_str_equal (data->environment, "demo"))
    /* the demo brokerage lives in memory: give it back the token it issued before */
    paddock_sandbox_restore_token (self->sandbox, paddock_credentials_get_access_token (credentials),
                                   paddock_credentials_get_scope (credentials), "paper");

  session = paddock_session_new (endpoints, credentials);
  set_session (self, session, data->environment);

  last = account_key (data->environment, data->account_id);
  g_settings_set_string (self->settings, "last-account", last);

out:
  account_ref_free (data);
}

static void
open_account (PaddockController *self,
              const char        *environment,
              const char        *account_id)
{
  AccountRef *data = account_ref_new (self, environment, account_id);

  show_loading_soon (self, environment);
  paddock_token_store_load_async (self->store, environment, account_id, self->cancellable,
                                  load_cb, data);
}

/* ---- stored accounts -------------------------------------------------------------------- */

typedef struct
{
  PaddockController *self;
  gboolean open_preferred;
  gboolean demo;
} ListData;

static void
list_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  ListData *data = user_data;
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
      goto out;
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

      g_list_store_append (self->accounts, item);
    }
  paddock_window_set_accounts (self->window, G_LIST_MODEL (self->accounts));

  /* a sign-in that began meanwhile (app.try-demo at start) decides what is shown */
  if (!data->open_preferred || self->flow != NULL)
    goto out;

  last = g_settings_get_string (self->settings, "last-account");
  n = g_list_model_get_n_items (G_LIST_MODEL (self->accounts));
  for (guint i = 0; i < n; i++)
    {
      PaddockAccountItem *item = g_list_model_get_item (G_LIST_MODEL (self->accounts), i);
      g_autofree char *key = account_key (paddock_account_item_get_environment (item),
                                          paddock_account_item_get_id (item));

      if (g_str_equal (key, last) || preferred == NULL)
        preferred = item;
      if (demo_item == NULL && g_strcmp0 (paddock_account_item_get_environment (item), "demo") == 0)
        demo_item = item;
      g_object_unref (item);  /* the store keeps it */
    }

  if (data->demo)
    {
      if (demo_item != NULL)
        open_account (self, "demo", paddock_account_item_get_id (demo_item));
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
      report (self);
    }

out:
  g_object_unref (data->self);
  g_free (data);
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

/* ---- signing in ------------------------------------------------------------------------- */

static void
save_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr (PaddockCredentials) credentials = user_data;
  PaddockController *self = g_object_get_data (G_OBJECT (credentials), "paddock-controller");
  g_autoptr (GError) error = NULL;
  g_autoptr (PaddockSession) session = NULL;
  g_autofree char *last = NULL;
  const char *environment = paddock_credentials_get_environment (credentials);
  PaddockEndpoints *endpoints;

  if (!paddock_token_store_save_finish (PADDOCK_TOKEN_STORE (object), result, &error))
    {
      show_problem (self, error);
      g_object_unref (self);
      return;
    }

  endpoints = g_object_get_data (G_OBJECT (credentials), "paddock-endpoints");
  session = paddock_session_new (endpoints, credentials);
  set_session (self, session, environment);

  last = account_key (environment, paddock_credentials_get_account_id (credentials));
  g_settings_set_string (self->settings, "last-account", last);
  reload_accounts (self, FALSE, FALSE);
  g_object_unref (self);
}

static void
flow_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr (PaddockController) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) accounts = NULL;
  PaddockOAuthFlow *flow = PADDOCK_OAUTH_FLOW (object);

  accounts = paddock_oauth_flow_run_finish (flow, result, &error);
  if (flow != self->flow)
    return;  /* an older sign-in, replaced since */

  if (accounts == NULL)
    {
      g_clear_object (&self->flow);
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;  /* the person cancelled; the window already went back */
      /* the token endpoint refused the OAuth app itself: Try Again asks for it anew */
      self->ask_oauth_app = g_error_matches (error, PADDOCK_ERROR, PADDOCK_ERROR_REJECTED) &&
                            paddock_error_get_http_status (error) == 401 &&
                            g_strcmp0 (self->flow_environment, "demo") != 0;
      show_problem (self, error);
      return;
    }

  /* one keyring item per account the token reaches; the first one is shown */
  for (guint i = 0; i < accounts->len; i++)
    {
      PaddockCredentials *c = g_ptr_array_index (accounts, i);
      PaddockEndpoints *endpoints = endpoints_for (self, paddock_credentials_get_environment (c),
                                                   &error);

      if (endpoints == NULL)
        {
          show_problem (self, error);
          g_clear_object (&self->flow);
          return;
        }

      g_object_set_data_full (G_OBJECT (c), "paddock-endpoints", endpoints, g_object_unref);
      g_object_set_data (G_OBJECT (c), "paddock-controller", self);
      if (i == 0)
        {
          /* save_cb shows it once it is safe in the keyring */
          g_object_ref (self);
          paddock_token_store_save_async (self->store, c, self->cancellable, save_cb,
                                          g_object_ref (c));
        }
      else
        paddock_token_store_save_async (self->store, c, self->cancellable, NULL, NULL);
    }
  g_clear_object (&self->flow);
}

static void
launch_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr (PaddockController) self = user_data;
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
open_browser (PaddockController *self,
              const char        *uri)
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

static void
cancel_flow (PaddockController *self)
{
  if (self->flow_cancellable != NULL)
    g_cancellable_cancel (self->flow_cancellable);
  g_clear_object (&self->flow_cancellable);
  g_clear_object (&self->flow);
}

static void
start_flow (PaddockController *self,
            PaddockEndpoints  *endpoints,
            PaddockEnvironment environment)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) ports = paddock_settings_get_redirect_ports (self->settings);

  cancel_flow (self);
  self->flow_cancellable = g_cancellable_new ();
  self->flow = paddock_oauth_flow_new (endpoints, environment,
                                       (const char * const *) self->flow_scopes,
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

  cancel_loading (self);
  paddock_window_set_environment (self->window, self->flow_environment);
  paddock_window_show_waiting (self->window, paddock_oauth_flow_get_authorize_url (self->flow));
  report (self);
  paddock_oauth_flow_run_async (self->flow, self->flow_cancellable, flow_cb, g_object_ref (self));
  open_browser (self, paddock_oauth_flow_get_start_url (self->flow));
}

typedef struct
{
  PaddockController *self;
  PaddockEnvironment environment;
  char *client_id;
} SecretData;

static void
secret_loaded_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  SecretData *data = user_data;
  PaddockController *self = data->self;
  g_autoptr (GError) error = NULL;
  g_autofree char *secret = NULL;
  g_autoptr (PaddockEndpoints) endpoints = NULL;

  secret = paddock_token_store_load_client_secret_finish (PADDOCK_TOKEN_STORE (object), result,
                                                          &error);
  if (secret == NULL && !g_error_matches (error, PADDOCK_ERROR, PADDOCK_ERROR_NOT_FOUND))
    show_problem (self, error);
  else if (secret == NULL)
    /* the app is configured, but its secret is gone: ask again */
    paddock_window_show_assistant (self->window, TRUE);
  else
    {
      endpoints = paddock_endpoints_new (data->environment, data->client_id, secret, &error);
      if (endpoints == NULL)
        show_problem (self, error);
      else
        start_flow (self, endpoints, data->environment);
    }

  g_object_unref (data->self);
  g_free (data->client_id);
  g_free (data);
}

static void
client_secret_saved_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr (PaddockController) self = user_data;
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

static void
start_sign_in (PaddockController  *self,
               const char         *environment,
               const char * const *scopes,
               const char         *client_id,
               const char         *client_secret)
{
  g_autoptr (GError) error = NULL;
  PaddockEnvironment env = PADDOCK_ENVIRONMENT_PAPER;
  const char *env_secret = g_getenv ("PADDOCK_CLIENT_SECRET");
  g_autofree char *configured = NULL;
  g_autoptr (PaddockEndpoints) endpoints = NULL;
  SecretData *data;

  g_free (self->flow_environment);
  self->flow_environment = g_strdup (environment);
  g_strfreev (self->flow_scopes);
  self->flow_scopes = g_strdupv ((char **) (scopes ? scopes : all_scopes));

  if (g_strcmp0 (environment, "demo") == 0)
    {
      if (!ensure_sandbox (self, &error))
        {
          show_problem (self, error);
          return;
        }
      start_flow (self, self->demo_endpoints, PADDOCK_ENVIRONMENT_PAPER);
      return;
    }

  paddock_environment_from_string (environment, &env);

  if (client_id != NULL && client_secret != NULL)
    {
      /* a new OAuth app from the assistant: the ID in the settings, the secret in the keyring */
      g_settings_set_string (self->settings, "client-id", client_id);
      paddock_token_store_save_client_secret_async (self->store, client_id, client_secret,
                                                    self->cancellable, client_secret_saved_cb,
                                                    g_object_ref (self));
      endpoints = paddock_endpoints_new (env, client_id, client_secret, &error);
      if (endpoints == NULL)
        show_problem (self, error);
      else
        start_flow (self, endpoints, env);
      return;
    }

  if ((g_getenv ("PADDOCK_CLIENT_ID") != NULL && env_secret != NULL && *env_secret != '\0') ||
      (*PADDOCK_DEFAULT_CLIENT_SECRET != '\0'))
    {
      configured = paddock_settings_dup_client_id (self->settings);
      endpoints = paddock_endpoints_new (env, configured, NULL, &error);
      if (endpoints == NULL)
        show_problem (self, error);
      else
        start_flow (self, endpoints, env);
      return;
    }

  configured = paddock_settings_dup_client_id (self->settings);
  if (configured == NULL && g_getenv ("PADDOCK_CLIENT_ID") == NULL)
    {
      paddock_window_show_assistant (self->window, TRUE);
      return;
    }

  data = g_new0 (SecretData, 1);
  data->self = g_object_ref (self);
  data->environment = env;
  data->client_id = g_strdup (g_getenv ("PADDOCK_CLIENT_ID") ? g_getenv ("PADDOCK_CLIENT_ID")
                                                              : configured);
  paddock_token_store_load_client_secret_async (self->store, data->client_id, self->cancellable,
                                                secret_loaded_cb, data);
}

/* ---- what the window asks for ----------------------------------------------------------- */

static void
demo_requested_cb (PaddockWindow     *window,
                   PaddockController *self)
{
  paddock_controller_try_demo (self);
}

static void
assistant_finished_cb (PaddockSignInAssistant *assistant,
                       const char             *environment,
                       const char * const     *scopes,
                       const char             *client_id,
                       const char             *client_secret,
                       PaddockController      *self)
{
  start_sign_in (self, environment, scopes, client_id, client_secret);
}

static void
waiting_cancelled_cb (PaddockWaitingPage *page,
                      PaddockController  *self)
{
  cancel_flow (self);
}

static void
address_pasted_cb (PaddockWaitingPage *page,
                   const char         *address,
                   PaddockController  *self)
{
  g_autoptr (GError) error = NULL;

  if (self->flow == NULL)
    return;
  if (!paddock_oauth_flow_submit_address (self->flow, address, &error) &&
      g_error_matches (error, PADDOCK_ERROR, PADDOCK_ERROR_INVALID_INPUT))
    toast (self, error->message);
}

static void
problem_action_cb (PaddockProblemPage *page,
                   const char         *action_id,
                   PaddockController  *self)
{
  if (g_strcmp0 (action_id, "sign-in-again") == 0)
    {
      /* keep the chosen account's environment; the demo signs in to the demo again */
      const char *environment = self->session_environment ? self->session_environment : "paper";

      start_sign_in (self, environment, all_scopes, NULL, NULL);
    }
  else if (g_strcmp0 (action_id, "try-again") == 0)
    {
      if (self->ask_oauth_app)
        {
          self->ask_oauth_app = FALSE;
          paddock_window_show_assistant (self->window, TRUE);
        }
      else if (self->flow_environment != NULL)
        start_sign_in (self, self->flow_environment, (const char * const *) self->flow_scopes,
                       NULL, NULL);
      else
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
  AccountRef *data = user_data;
  PaddockController *self = data->self;
  g_autoptr (GError) error = NULL;

  if (!paddock_token_store_delete_finish (PADDOCK_TOKEN_STORE (object), result, &error))
    show_problem (self, error);
  else
    {
      PaddockCredentials *current = self->session ? paddock_session_get_credentials (self->session) : NULL;

      if (current != NULL &&
          g_strcmp0 (paddock_credentials_get_account_id (current), data->account_id) == 0 &&
          g_strcmp0 (paddock_credentials_get_environment (current), data->environment) == 0)
        set_session (self, NULL, NULL);
      g_settings_reset (self->settings, "last-account");
      toast (self, _("Signed out"));
      reload_accounts (self, TRUE, FALSE);
    }

  account_ref_free (data);
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
          (self->session_environment == NULL ||
           g_strcmp0 (paddock_account_item_get_environment (candidate), self->session_environment) == 0))
        item = candidate;
    }

  data = account_ref_new (self, item ? paddock_account_item_get_environment (item)
                                      : self->session_environment,
                          account_id);
  paddock_token_store_delete_async (self->store, data->environment, account_id, self->cancellable,
                                    delete_cb, data);
}

static void
refresh_requested_cb (PaddockWindow     *window,
                      PaddockController *self)
{
  if (self->session != NULL)
    paddock_session_refresh_async (self->session, self->cancellable, refresh_cb, NULL);
}

static void
page_changed_cb (PaddockWindow     *window,
                 GParamSpec        *pspec,
                 PaddockController *self)
{
  report (self);
}

/* ---- GObject ---------------------------------------------------------------------------- */

static void
paddock_controller_dispose (GObject *object)
{
  PaddockController *self = PADDOCK_CONTROLLER (object);

  g_cancellable_cancel (self->cancellable);
  cancel_loading (self);
  cancel_flow (self);
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_clear_object (&self->session);
  if (self->window != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->window, self);
      g_object_remove_weak_pointer (G_OBJECT (self->window), (gpointer *) &self->window);
      self->window = NULL;
    }
  g_clear_object (&self->demo_endpoints);
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
  g_free (self->session_environment);
  g_free (self->flow_environment);
  g_strfreev (self->flow_scopes);
  g_free (self->report_path);
  g_free (self->screenshot_path);
  g_free (self->screenshot_dir);
  g_free (self->loading_environment);

  G_OBJECT_CLASS (paddock_controller_parent_class)->finalize (object);
}

static void
paddock_controller_class_init (PaddockControllerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = paddock_controller_dispose;
  object_class->finalize = paddock_controller_finalize;
}

static void
paddock_controller_init (PaddockController *self)
{
  self->cancellable = g_cancellable_new ();
  self->store = paddock_token_store_new ();
  self->settings = g_settings_new (BASE_APP_ID);
  self->accounts = g_list_store_new (PADDOCK_TYPE_ACCOUNT_ITEM);
  self->report_path = g_strdup (g_getenv ("PADDOCK_TEST_REPORT"));
  self->screenshot_path = g_strdup (g_getenv ("PADDOCK_TEST_SCREENSHOT"));
  self->screenshot_dir = g_strdup (g_getenv ("PADDOCK_SCREENSHOT_DIR"));
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

  self->window = window;
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &self->window);

  g_signal_connect (window, "demo-requested", G_CALLBACK (demo_requested_cb), self);
  g_signal_connect (window, "account-selected", G_CALLBACK (account_selected_cb), self);
  g_signal_connect (window, "sign-out-requested", G_CALLBACK (sign_out_requested_cb), self);
  g_signal_connect (window, "refresh-requested", G_CALLBACK (refresh_requested_cb), self);
  g_signal_connect (window, "notify::page", G_CALLBACK (page_changed_cb), self);
  g_signal_connect_object (paddock_window_get_sign_in_assistant (window), "finished",
                           G_CALLBACK (assistant_finished_cb), self, 0);
  g_signal_connect_object (paddock_window_get_waiting_page (window), "cancelled",
                           G_CALLBACK (waiting_cancelled_cb), self, 0);
  g_signal_connect_object (paddock_window_get_waiting_page (window), "address-pasted",
                           G_CALLBACK (address_pasted_cb), self, 0);
  g_signal_connect_object (paddock_window_get_problem_page (window), "action",
                           G_CALLBACK (problem_action_cb), self, 0);
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

  start_sign_in (self, "demo", all_scopes, NULL, NULL);
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
