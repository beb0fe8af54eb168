/* paddock-oauth-flow.c: the native-app OAuth sign-in (RFC 8252) from start to token
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * start():   draws `state` and a PKCE verifier from getrandom, starts the loopback
 *            receiver on the first free redirect port and builds the authorize URL. The
 *            browser is opened on the receiver's start address, which redirects to it, so
 *            that `state` never appears on a command line.
 * run():     waits for the browser's redirect (or an address pasted from a browser on
 *            another machine), exchanges the code (form POST with code_verifier, through
 *            the bounded reader: 64 KiB, 20 s in all, no redirects), then asks which
 *            accounts (live, paper) the token reaches.
 * The result is one PaddockCredentials per account, ready for the token store.
 *
 * Finding the accounts can fail for reasons that say nothing about the token (the
 * network, a server error): then the flow keeps the token, and discover() asks again
 * without another trip to the browser. Only a token every environment refuses (401 or
 * 403) reaches no account.
 */
#define G_LOG_DOMAIN "paddock-oauth-flow"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>
#include <string.h>

#include "paddock-client.h"
#include "paddock-credentials.h"
#include "paddock-error.h"
#include "paddock-oauth-flow-private.h"
#include "paddock-http.h"
#include "paddock-json.h"
#include "paddock-loopback-receiver.h"
#include "paddock-oauth-app.h"
#include "paddock-oauth-flow.h"
#include "paddock-oauth-url.h"
#include "paddock-random.h"

#define TOKEN_TIMEOUT_S 15

struct _PaddockOAuthFlow
{
  GObject parent_instance;

  PaddockEndpoints *endpoints;
  PaddockOAuthApp *app;
  PaddockEnvironment environment;
  GStrv scopes;
  guint16 *ports;
  gsize n_ports;

  PaddockLoopbackReceiver *receiver;
  char *state;
  char *verifier;
  char *authorize_url;

  GTask *task;                   /* the running run_async, not owned */
  GCancellable *wait_cancellable;
  GCancellable *cancellable;     /* cancelled in dispose */
  SoupSession *session;
  gboolean code_received;
  guint64 token_max_bytes;
  guint token_deadline_ms;

  /* the token granted, kept while its accounts are not found yet */
  char *access_token;
  char *token_type;
  char *scope;
};

G_DEFINE_FINAL_TYPE (PaddockOAuthFlow, paddock_oauth_flow, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TOKEN_MAX_BYTES,
  PROP_TOKEN_DEADLINE_MS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct
{
  GPtrArray *credentials;
  guint pending;
  GError *failure;    /* the first failure that does not refuse the token */
} RunData;

static void exchange_code       (GTask      *task,
                                 const char *code);
static void discover_accounts   (GTask      *task);

static void
wipe_string (char **s)
{
  if (*s != NULL)
    {
      memset (*s, 0, strlen (*s));
      g_clear_pointer (s, g_free);
    }
}

static void
run_data_free (RunData *data)
{
  g_clear_pointer (&data->credentials, g_ptr_array_unref);
  g_clear_error (&data->failure);
  g_free (data);
}

static void
forget_token (PaddockOAuthFlow *self)
{
  wipe_string (&self->access_token);
  g_clear_pointer (&self->token_type, g_free);
  g_clear_pointer (&self->scope, g_free);
}

/* What the account server says about the token itself: 401, or 403 for an account the
 * token was not granted for. Anything else (no answer, 5xx, 429, a malformed reply) says
 * nothing about it. */
static gboolean
refuses_token (const GError *error)
{
  return g_error_matches (error, PADDOCK_ERROR, PADDOCK_ERROR_NOT_AUTHORIZED) ||
         (error->domain == PADDOCK_ERROR && paddock_error_get_http_status (error) == 403);
}

/* ---- the code arrives ------------------------------------------------------------------- */

static void
wait_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  PaddockOAuthFlow *self = g_task_get_source_object (task);
  g_autoptr (GError) error = NULL;
  g_autofree char *code = NULL;

  code = paddock_loopback_receiver_wait_finish (PADDOCK_LOOPBACK_RECEIVER (object), result, &error);

  if (self->code_received)
    {
      /* a pasted address won the race: that path owns the task now */
      wipe_string (&code);
      return;
    }

  if (code == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      self->task = NULL;
      return;
    }

  self->code_received = TRUE;
  exchange_code (g_steal_pointer (&task), code);
  wipe_string (&code);
}

/* Parses an address the browser was sent to, as the receiver would. */
char *
_paddock_oauth_code_from_address (const char  *expected_state,
                                  char        *address,
                                  GError     **error)
{
  g_autoptr (GUri) uri = NULL;
  g_autoptr (GHashTable) params = NULL;
  const char *query;
  const char *state;
  const char *code;
  const char *oauth_error;

  uri = g_uri_parse (g_strstrip (address), G_URI_FLAGS_ENCODED_QUERY, NULL);
  query = uri ? g_uri_get_query (uri) : NULL;
  if (query == NULL)
    {
      g_set_error_literal (error, PADDOCK_ERROR, PADDOCK_ERROR_INVALID_INPUT,
                           _("This is not the address the browser was sent to. Copy the whole "
                             "address from the browser’s address bar after approving access."));
      return NULL;
    }

  params = soup_form_decode (query);
  state = g_hash_table_lookup (params, "state");
  if (state == NULL || !paddock_secret_equal (state, expected_state))
    {
      g_set_error_literal (error, PADDOCK_ERROR, PADDOCK_ERROR_INVALID_INPUT,
                           _("This address does not belong to this sign-in. Start the "
                             "sign-in again and use the newest browser tab."));
      return NULL;
    }

  oauth_error = g_hash_table_lookup (params, "error");
  if (oauth_error != NULL)
    {
      if (g_str_equal (oauth_error, "access_denied"))
        g_set_error_literal (error, PADDOCK_ERROR, PADDOCK_ERROR_ACCESS_DENIED,
                             _("Access was denied in the browser."));
      else
        {
          const char *description = g_hash_table_lookup (params, "error_description");

          g_set_error (error, PADDOCK_ERROR, PADDOCK_ERROR_REJECTED,
                       _("The sign-in was refused: %s"), description ? description : oauth_error);
        }
      return NULL;
    }

  code = g_hash_table_lookup (params, "code");
  if (code == NULL || *code == '\0')
    {
      g_set_error_literal (error, PADDOCK_ERROR, PADDOCK_ERROR_INVALID_INPUT,
                           _("The address holds no sign-in code."));
      return NULL;
    }

  return g_strdup (code);
}

/* ---- the token exchange ----------------------------------------------------------------- */

static void
discover_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  PaddockOAuthFlow *self = g_task_get_source_object (task);
  RunData *data = g_task_get_task_data (task);
  g_autoptr (GError) error = NULL;
  g_autoptr (PaddockAccount) account = NULL;
  PaddockEnvironment environment =
    GPOINTER_TO_INT (g_object_get_data (object, "paddock-environment"));

  account = paddock_client_get_account_finish (PADDOCK_CLIENT (object), result, &error);
  if (account != NULL)
    {
      g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
      PaddockCredentials *credentials =
        paddock_credentials_new (environment,
                                 paddock_account_get_id (account),
                                 paddock_account_get_account_number (account),
                                 self->access_token,
                                 self->token_type,
                                 self->scope,
                                 now);

      g_object_set_data_full (G_OBJECT (credentials), "paddock-account",
                              g_object_ref (account), g_object_unref);
      g_ptr_array_add (data->credentials, credentials);
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      /* reported below, once */
    }
  else if (refuses_token (error))
    g_debug ("the token does not reach the %s account: %s",
             paddock_environment_to_string (environment), error->message);
  else
    {
      g_message ("the %s account could not be asked about: %s",
                 paddock_environment_to_string (environment), error->message);
      if (data->failure == NULL)
        data->failure = g_steal_pointer (&error);
    }

  if (--data->pending > 0)
    return;

  self->task = NULL;
  if (g_task_return_error_if_cancelled (task))
    return;

  if (data->credentials->len > 0)
    {
      forget_token (self);
      g_task_return_pointer (task, g_ptr_array_ref (data->credentials),
                             (GDestroyNotify) g_ptr_array_unref);
      return;
    }

  if (data->failure != NULL)
    {
      /* the token stays: discover() tries again with it */
      GError *failure = data->failure;
      GError *reported = g_error_new (PADDOCK_ERROR,
                                      failure->domain == PADDOCK_ERROR ? failure->code
                                                                       : PADDOCK_ERROR_NETWORK,
                                      _("Access was granted, but the accounts could not be "
                                        "found: %s"), failure->message);

      if (failure->domain == PADDOCK_ERROR)
        paddock_error_set_api_details (reported, paddock_error_get_http_status (failure),
                                       paddock_error_get_api_code (failure));
      g_task_return_error (task, reported);
      return;
    }

  forget_token (self);
  g_task_return_new_error (task, PADDOCK_ERROR, PADDOCK_ERROR_NOT_AUTHORIZED,
                           _("Access was granted, but the token reaches no account."));
}

static void
discover_accounts (GTask *task)
{
  PaddockOAuthFlow *self = g_task_get_source_object (task);
  RunData *data = g_task_get_task_data (task);
  struct { PaddockEnvironment environment; const char *url; } targets[2];
  guint n = 0;

  if (paddock_endpoints_get_environment (self->endpoints) == PADDOCK_ENVIRONMENT_DEMO)
    {
      targets[n].environment = PADDOCK_ENVIRONMENT_DEMO;
      targets[n++].url = paddock_endpoints_get_trading_url (self->endpoints);
    }
  else
    {
      targets[n].environment = PADDOCK_ENVIRONMENT_LIVE;
      targets[n++].url = paddock_endpoints_get_live_url (self->endpoints);
      targets[n].environment = PADDOCK_ENVIRONMENT_PAPER;
      targets[n++].url = paddock_endpoints_get_paper_url (self->endpoints);
    }

  g_clear_pointer (&data->credentials, g_ptr_array_unref);
  g_clear_error (&data->failure);
  data->credentials = g_ptr_array_new_with_free_func (g_object_unref);
  data->pending = n;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (PaddockClient) client = paddock_client_new (targets[i].url, self->access_token);

      g_object_set_data (G_OBJECT (client), "paddock-environment",
                         GINT_TO_POINTER (targets[i].environment));
      paddock_client_get_account_async (client, g_task_get_cancellable (task), discover_cb,
                                        g_object_ref (task));
    }
  g_object_unref (task);
}

static const char *
member_string (JsonObject *obj,
               const char *name)
{
  JsonNode *node = json_object_get_member (obj, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

GError *
_paddock_oauth_token_error (guint   status,
                            GBytes *body)
{
  g_autoptr (JsonNode) root = NULL;
  const char *oauth_error = NULL;
  gsize len = 0;
  const char *text = body ? g_bytes_get_data (body, &len) : NULL;
  GError *error;

  /* the status decides; a body that is no OAuth error object only loses the detail */
  if (text != NULL && len > 0)
    root = paddock_json_parse (text, len, PADDOCK_JSON_MAX_BYTES, PADDOCK_JSON_MAX_DEPTH, NULL);
  if (root != NULL && JSON_NODE_HOLDS_OBJECT (root))
    oauth_error = member_string (json_node_get_object (root), "error");

  if (g_strcmp0 (oauth_error, "invalid_client") == 0 || status == 401)
    error = g_error_new_literal (PADDOCK_ERROR, PADDOCK_ERROR_REJECTED,
                                 _("The OAuth app’s client ID or secret was not accepted. Enter "
                                   "them again as Alpaca shows them for your app."));
  else if (g_strcmp0 (oauth_error, "invalid_grant") == 0)
    error = g_error_new_literal (PADDOCK_ERROR, PADDOCK_ERROR_REJECTED,
                                 _("The sign-in code was not accepted: it was used already, has "
                                   "expired, or was meant for another app. Sign in again."));
  else if (status >= 500)
    error = g_error_new (PADDOCK_ERROR, PADDOCK_ERROR_NETWORK,
                         _("The sign-in server had a problem (%u). Try again later."), status);
  else
    error = g_error_new (PADDOCK_ERROR, PADDOCK_ERROR_REJECTED,
                         _("The sign-in server refused the request (%s)."),
                         oauth_error ? oauth_error : soup_status_get_phrase (status));

  paddock_error_set_api_details (error, status, 0);
  return error;
}

static void
token_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  PaddockOAuthFlow *self = g_task_get_source_object (task);
  SoupMessage *msg = SOUP_MESSAGE (object);
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) body = NULL;
  g_autoptr (JsonNode) root = NULL;
  JsonObject *obj;
  const char *access_token;
  const char *token_type;
  const char *scope;
  gsize len = 0;
  const char *text;
  guint status;

  body = paddock_http_send_and_read_finish (msg, result, &error);
  if (body == NULL)
    {
      self->task = NULL;
      /* cancelled, or the reader's own: too large, a redirect, out of time */
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
          error->domain == PADDOCK_ERROR)
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_new_error (task, PADDOCK_ERROR, PADDOCK_ERROR_NETWORK,
                                 _("Could not reach the sign-in server: %s"), error->message);
      return;
    }

  status = soup_message_get_status (msg);
  if (status != 200)
    {
      self->task = NULL;
      g_task_return_error (task, _paddock_oauth_token_error (status, body));
      return;
    }

  text = g_bytes_get_data (body, &len);
  root = paddock_json_parse (text, len, PADDOCK_JSON_MAX_BYTES, PADDOCK_JSON_MAX_DEPTH, NULL);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    goto malformed;

  obj = json_node_get_object (root);
  access_token = member_string (obj, "access_token");
  token_type = member_string (obj, "token_type");
  scope = member_string (obj, "scope");
  /* the token goes into an Authorization header: a CR or LF must never get that far */
  if (!paddock_access_token_is_valid (access_token) ||
      token_type == NULL || g_ascii_strcasecmp (token_type, "bearer") != 0)
    goto malformed;

  forget_token (self);
  self->access_token = g_strdup (access_token);
  self->token_type = g_ascii_strdown (token_type, -1);
  self->scope = g_strdup (scope ? scope : "");
  discover_accounts (g_steal_pointer (&task));
  return;

malformed:
  self->task = NULL;
  g_task_return_new_error (task, PADDOCK_ERROR, PADDOCK_ERROR_PROTOCOL,
                           _("The sign-in server sent a token reply that Paddock cannot read."));
}

static void
exchange_code (GTask      *task,
               const char *code)
{
  PaddockOAuthFlow *self = g_task_get_source_object (task);
  g_autoptr (SoupMessage) msg = NULL;
  g_autoptr (GHashTable) form = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *encoded = NULL;
  g_autoptr (GBytes) body = NULL;
  gsize len;
  const char *secret = paddock_oauth_app_get_client_secret (self->app);

  /* the listener has done its work: close it at once, not when the flow goes away */
  paddock_loopback_receiver_close (self->receiver);
  g_cancellable_cancel (self->wait_cancellable);

  g_hash_table_insert (form, "grant_type", "authorization_code");
  g_hash_table_insert (form, "code", (char *) code);
  g_hash_table_insert (form, "client_id", (char *) paddock_oauth_app_get_client_id (self->app));
  g_hash_table_insert (form, "client_secret", (char *) (secret ? secret : ""));
  g_hash_table_insert (form, "redirect_uri", (char *) paddock_loopback_receiver_get_redirect_uri (self->receiver));
  g_hash_table_insert (form, "code_verifier", self->verifier);
  encoded = soup_form_encode_hash (form);
  len = strlen (encoded);
  body = g_bytes_new_take (g_steal_pointer (&encoded), len);

  msg = soup_message_new ("POST", paddock_endpoints_get_token_url (self->endpoints));
  soup_message_headers_replace (soup_message_get_request_headers (msg), "Accept", "application/json");
  soup_message_set_request_body_from_bytes (msg, "application/x-www-form-urlencoded", body);

  g_debug ("exchanging the authorization code at the token endpoint");
  paddock_http_send_and_read_async (self->session, msg, (gsize) self->token_max_bytes,
                                    paddock_http_deadline_after (self->token_deadline_ms),
                                    g_task_get_cancellable (task), token_cb, task);
}

/* ---- GObject ---------------------------------------------------------------------------- */

static void
paddock_oauth_flow_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  PaddockOAuthFlow *self = PADDOCK_OAUTH_FLOW (object);

  switch (prop_id)
    {
    case PROP_TOKEN_MAX_BYTES:
      g_value_set_uint64 (value, self->token_max_bytes);
      break;
    case PROP_TOKEN_DEADLINE_MS:
      g_value_set_uint (value, self->token_deadline_ms);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
paddock_oauth_flow_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  PaddockOAuthFlow *self = PADDOCK_OAUTH_FLOW (object);

  switch (prop_id)
    {
    case PROP_TOKEN_MAX_BYTES:
      if (self->token_max_bytes != g_value_get_uint64 (value))
        {
          self->token_max_bytes = g_value_get_uint64 (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_TOKEN_DEADLINE_MS:
      if (self->token_deadline_ms != g_value_get_uint (value))
        {
          self->token_deadline_ms = g_value_get_uint (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
paddock_oauth_flow_dispose (GObject *object)
{
  PaddockOAuthFlow *self = PADDOCK_OAUTH_FLOW (object);

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->wait_cancellable);
  if (self->receiver != NULL)
    paddock_loopback_receiver_close (self->receiver);
  g_clear_object (&self->receiver);

  G_OBJECT_CLASS (paddock_oauth_flow_parent_class)->dispose (object);
}

static void
paddock_oauth_flow_finalize (GObject *object)
{
  PaddockOAuthFlow *self = PADDOCK_OAUTH_FLOW (object);

  g_clear_object (&self->endpoints);
  g_clear_object (&self->app);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->wait_cancellable);
  g_clear_object (&self->session);
  g_strfreev (self->scopes);
  g_free (self->ports);
  wipe_string (&self->state);
  wipe_string (&self->verifier);
  g_free (self->authorize_url);
  forget_token (self);

  G_OBJECT_CLASS (paddock_oauth_flow_parent_class)->finalize (object);
}

static void
paddock_oauth_flow_class_init (PaddockOAuthFlowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = paddock_oauth_flow_get_property;
  object_class->set_property = paddock_oauth_flow_set_property;
  object_class->dispose = paddock_oauth_flow_dispose;
  object_class->finalize = paddock_oauth_flow_finalize;

  /**
   * PaddockOAuthFlow:token-max-bytes:
   *
   * The largest token endpoint reply read, counted after decompression.
   */
  properties[PROP_TOKEN_MAX_BYTES] =
    g_param_spec_uint64 ("token-max-bytes", NULL, NULL, 1, PADDOCK_HTTP_MAX_BYTES,
                         PADDOCK_HTTP_TOKEN_MAX_BYTES,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * PaddockOAuthFlow:token-deadline-ms:
   *
   * How long the code exchange may take in all; passing it is %PADDOCK_ERROR_NETWORK.
   */
  properties[PROP_TOKEN_DEADLINE_MS] =
    g_param_spec_uint ("token-deadline-ms", NULL, NULL, 1, 10 * 60 * 1000,
                       PADDOCK_HTTP_TOKEN_DEADLINE_MS,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
paddock_oauth_flow_init (PaddockOAuthFlow *self)
{
  self->cancellable = g_cancellable_new ();
  self->wait_cancellable = g_cancellable_new ();
  self->session = soup_session_new_with_options ("timeout", TOKEN_TIMEOUT_S, NULL);
  self->token_max_bytes = PADDOCK_HTTP_TOKEN_MAX_BYTES;
  self->token_deadline_ms = PADDOCK_HTTP_TOKEN_DEADLINE_MS;
}

/* ---- public API ------------------------------------------------------------------------- */

/**
 * paddock_oauth_flow_new:
 * @endpoints: where to sign in
 * @app: the OAuth app to sign in as (see paddock_oauth_app_lookup_async())
 * @environment: %PADDOCK_ENVIRONMENT_PAPER or %PADDOCK_ENVIRONMENT_LIVE (the `env` asked for)
 * @scopes: the scopes to ask for, e.g. { "account:write", "trading", "data", NULL }
 * @ports: the redirect ports to try in order (each registered with the OAuth app)
 */
PaddockOAuthFlow *
paddock_oauth_flow_new (PaddockEndpoints   *endpoints,
                        PaddockOAuthApp    *app,
                        PaddockEnvironment  environment,
                        const char * const *scopes,
                        const guint16      *ports,
                        gsize               n_ports)
{
  PaddockOAuthFlow *self;

  g_return_val_if_fail (PADDOCK_IS_ENDPOINTS (endpoints), NULL);
  g_return_val_if_fail (PADDOCK_IS_OAUTH_APP (app), NULL);
  g_return_val_if_fail (n_ports > 0, NULL);

  self = g_object_new (PADDOCK_TYPE_OAUTH_FLOW, NULL);
  self->endpoints = g_object_ref (endpoints);
  self->app = g_object_ref (app);
  self->environment = environment;
  self->scopes = g_strdupv ((char **) scopes);
  self->ports = g_memdup2 (ports, n_ports * sizeof (guint16));
  self->n_ports = n_ports;
  self->receiver = paddock_loopback_receiver_new (self->ports, self->n_ports);

  return self;
}

/**
 * paddock_oauth_flow_start:
 *
 * Draws the state and the PKCE verifier, starts the loopback receiver and builds the
 * authorize URL. Fails when no redirect port is free.
 */
gboolean
paddock_oauth_flow_start (PaddockOAuthFlow  *self,
                          GError           **error)
{
  g_autofree char *challenge = NULL;

  g_return_val_if_fail (PADDOCK_IS_OAUTH_FLOW (self), FALSE);
  g_return_val_if_fail (self->state == NULL, FALSE);

  if (paddock_loopback_receiver_start (self->receiver, error) == 0)
    return FALSE;

  self->state = paddock_random_state ();
  self->verifier = paddock_pkce_new_verifier ();
  challenge = paddock_pkce_challenge_s256 (self->verifier);
  self->authorize_url =
    paddock_oauth_build_authorize_url (self->endpoints,
                                       paddock_oauth_app_get_client_id (self->app),
                                       paddock_loopback_receiver_get_redirect_uri (self->receiver),
                                       self->state,
                                       (const char * const *) self->scopes,
                                       self->environment,
                                       challenge,
                                       error);
  if (self->authorize_url == NULL)
    {
      paddock_loopback_receiver_close (self->receiver);
      return FALSE;
    }
  paddock_loopback_receiver_set_start_target (self->receiver, self->authorize_url);

  return TRUE;
}

/**
 * paddock_oauth_flow_get_authorize_url:
 *
 * Returns: the authorize address (holds the state and the PKCE challenge, never the
 *   verifier): for the person to copy ("Copy Link", the CLI's printout), never for a
 *   command line; open paddock_oauth_flow_get_start_url() instead
 */
const char *
paddock_oauth_flow_get_authorize_url (PaddockOAuthFlow *self)
{
  g_return_val_if_fail (PADDOCK_IS_OAUTH_FLOW (self), NULL);

  return self->authorize_url;
}

/**
 * paddock_oauth_flow_get_start_url:
 *
 * Returns: (nullable): `http://127.0.0.1:PORT/start`, the address to open in the browser:
 *   the receiver answers it (once) with a redirect to the authorize address. It holds no
 *   secret, so it may go on the browser's command line. %NULL before a successful start.
 */
const char *
paddock_oauth_flow_get_start_url (PaddockOAuthFlow *self)
{
  g_return_val_if_fail (PADDOCK_IS_OAUTH_FLOW (self), NULL);

  if (self->authorize_url == NULL)
    return NULL;

  return paddock_loopback_receiver_get_start_uri (self->receiver);
}

const char *
paddock_oauth_flow_get_redirect_uri (PaddockOAuthFlow *self)
{
  g_return_val_if_fail (PADDOCK_IS_OAUTH_FLOW (self), NULL);

  return paddock_loopback_receiver_get_redirect_uri (self->receiver);
}

/**
 * paddock_oauth_flow_set_timeout:
 *
 * How long to wait for the browser (default: the receiver's, 5 minutes).
 */
void
paddock_oauth_flow_set_timeout (PaddockOAuthFlow *self,
                                guint             timeout_ms)
{
  g_return_if_fail (PADDOCK_IS_OAUTH_FLOW (self));

  paddock_loopback_receiver_set_timeout (self->receiver, timeout_ms);
}

/**
 * paddock_oauth_flow_run_async:
 *
 * Waits for the browser's redirect, exchanges the code and finds the accounts. Call
 * paddock_oauth_flow_start() first.
 */
void
paddock_oauth_flow_run_async (PaddockOAuthFlow    *self,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (PADDOCK_IS_OAUTH_FLOW (self));
  g_return_if_fail (self->authorize_url != NULL);
  g_return_if_fail (self->task == NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, paddock_oauth_flow_run_async);
  g_task_set_task_data (task, g_new0 (RunData, 1), (GDestroyNotify) run_data_free);
  self->task = task;

  if (cancellable != NULL)
    g_signal_connect_object (cancellable, "cancelled", G_CALLBACK (g_cancellable_cancel),
                             self->wait_cancellable, G_CONNECT_SWAPPED);

  paddock_loopback_receiver_wait_async (self->receiver, self->state, self->wait_cancellable,
                                        wait_cb, g_steal_pointer (&task));
}

/**
 * paddock_oauth_flow_submit_address:
 * @address: the address the browser ended on, pasted by the person
 *
 * For a browser on another machine, whose redirect cannot reach this one's loopback
 * receiver. The state must match, as for the receiver.
 *
 * Returns: %TRUE if the address was accepted and the flow goes on with it
 */
gboolean
paddock_oauth_flow_submit_address (PaddockOAuthFlow  *self,
                                   const char        *address,
                                   GError           **error)
{
  g_autofree char *copy = NULL;
  g_autofree char *code = NULL;
  g_autoptr (GError) local_error = NULL;
  GTask *task;

  g_return_val_if_fail (PADDOCK_IS_OAUTH_FLOW (self), FALSE);

  if (self->task == NULL || self->code_received)
    {
      g_set_error_literal (error, PADDOCK_ERROR, PADDOCK_ERROR_INVALID_INPUT,
                           _("No sign-in is waiting for an address."));
      return FALSE;
    }

  copy = g_strdup (address ? address : "");
  code = _paddock_oauth_code_from_address (self->state, copy, &local_error);
  task = self->task;

  if (code == NULL)
    {
      /* a denial ends the flow; a wrong paste does not */
      if (local_error->code == PADDOCK_ERROR_ACCESS_DENIED || local_error->code == PADDOCK_ERROR_REJECTED)
        {
          self->code_received = TRUE;
          self->task = NULL;
          g_cancellable_cancel (self->wait_cancellable);
          paddock_loopback_receiver_close (self->receiver);
          /* the receiver's wait still holds the task and drops it when it ends */
          g_task_return_error (task, g_error_copy (local_error));
        }
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  self->code_received = TRUE;
  /* the receiver's pending wait returns "cancelled" to wait_cb, which leaves the task be
   * and drops its own reference: the exchange takes one of its own */
  exchange_code (g_object_ref (task), code);
  wipe_string (&code);
  return TRUE;
}

/**
 * paddock_oauth_flow_run_finish:
 *
 * Returns: (transfer container) (element-type PaddockCredentials): one per account the
 *   token reaches; each carries its PaddockAccount as object data "paddock-account"
 */
GPtrArray *
paddock_oauth_flow_run_finish (PaddockOAuthFlow  *self,
                               GAsyncResult      *result,
                               GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * paddock_oauth_flow_has_token:
 *
 * Whether the flow holds a granted token whose accounts are not found yet: after a run
 * (or a discover) that failed for a reason other than the token itself, such as
 * %PADDOCK_ERROR_NETWORK. paddock_oauth_flow_discover_async() then tries again with it.
 *
 * Returns: %TRUE if finding the accounts can be tried again without the browser
 */
gboolean
paddock_oauth_flow_has_token (PaddockOAuthFlow *self)
{
  g_return_val_if_fail (PADDOCK_IS_OAUTH_FLOW (self), FALSE);

  return self->access_token != NULL && self->task == NULL;
}

/**
 * paddock_oauth_flow_discover_async:
 *
 * Asks again which accounts the token granted by the last run reaches, after that run
 * failed to find them (see paddock_oauth_flow_has_token()). The browser plays no part.
 */
void
paddock_oauth_flow_discover_async (PaddockOAuthFlow    *self,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (PADDOCK_IS_OAUTH_FLOW (self));
  g_return_if_fail (paddock_oauth_flow_has_token (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, paddock_oauth_flow_discover_async);
  g_task_set_task_data (task, g_new0 (RunData, 1), (GDestroyNotify) run_data_free);
  self->task = task;
  discover_accounts (g_steal_pointer (&task));
}

/**
 * paddock_oauth_flow_discover_finish:
 *
 * Returns: (transfer container) (element-type PaddockCredentials): as
 *   paddock_oauth_flow_run_finish()
 */
GPtrArray *
paddock_oauth_flow_discover_finish (PaddockOAuthFlow  *self,
                                    GAsyncResult      *result,
                                    GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
