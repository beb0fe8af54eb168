/* paddock-session.c: one signed-in account: its token, its client and its figures
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The session owns the REST client of one account and keeps one PaddockAccount up to date:
 * a refresh updates the same object in place, so widgets bound to its properties follow.
 * A 401 anywhere turns the session REVOKED, which the UI offers to mend with a new sign-in.
 */
#define G_LOG_DOMAIN "paddock-session"

#include "config.h"

#include "paddock-error.h"
#include "paddock-session.h"

struct _PaddockSession
{
  GObject parent_instance;

  PaddockEndpoints *endpoints;
  PaddockCredentials *credentials;
  PaddockClient *client;
  PaddockAccount *account;
  PaddockSessionState state;
  GError *error;
  GCancellable *cancellable;
  gboolean refreshing;
  PaddockOrderStore *order_store;
  PaddockPositionStore *position_store;
  PaddockActivityStore *activity_store;
  PaddockTradeStream *trade_stream;  /* made on first use */
};

G_DEFINE_FINAL_TYPE (PaddockSession, paddock_session, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (PaddockSessionState, paddock_session_state,
                    G_DEFINE_ENUM_VALUE (PADDOCK_SESSION_LOADING, "loading"),
                    G_DEFINE_ENUM_VALUE (PADDOCK_SESSION_READY, "ready"),
                    G_DEFINE_ENUM_VALUE (PADDOCK_SESSION_FAILED, "failed"),
                    G_DEFINE_ENUM_VALUE (PADDOCK_SESSION_REVOKED, "revoked"))

enum {
  PROP_0,
  PROP_ACCOUNT,
  PROP_STATE,
  PROP_ERROR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
set_state (PaddockSession      *self,
           PaddockSessionState  state,
           const GError        *error)
{
  gboolean error_changed = (error != NULL) != (self->error != NULL) ||
                           (error != NULL && g_strcmp0 (error->message, self->error->message) != 0);

  g_clear_error (&self->error);
  if (error != NULL)
    self->error = g_error_copy (error);

  if (self->state != state)
    {
      self->state = state;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
    }
  if (error_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
}

static void
get_account_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  PaddockSession *self = g_task_get_source_object (task);
  g_autoptr (GError) error = NULL;
  g_autoptr (PaddockAccount) fresh = NULL;

  self->refreshing = FALSE;
  fresh = paddock_client_get_account_finish (PADDOCK_CLIENT (object), result, &error);

  if (fresh == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      if (g_error_matches (error, PADDOCK_ERROR, PADDOCK_ERROR_NOT_AUTHORIZED))
        set_state (self, PADDOCK_SESSION_REVOKED, error);
      else if (self->account != NULL)
        /* keep showing what we have; the error says the figures may be stale */
        set_state (self, PADDOCK_SESSION_FAILED, error);
      else
        set_state (self, PADDOCK_SESSION_FAILED, error);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (self->account == NULL)
    {
      self->account = g_steal_pointer (&fresh);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACCOUNT]);
    }
  else
    {
      g_autoptr (JsonNode) node = paddock_account_to_json (fresh);

      /* update in place: bound widgets follow, only changed properties notify */
      if (!paddock_account_update_from_json (self->account, node, &error))
        {
          set_state (self, PADDOCK_SESSION_FAILED, error);
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
    }

  set_state (self, PADDOCK_SESSION_READY, NULL);
  /* the stores follow once the account answered (not while it fails or is revoked) */
  paddock_order_store_refresh_async (self->order_store, NULL, NULL, NULL);
  paddock_position_store_refresh_async (self->position_store, NULL, NULL, NULL);
  paddock_activity_store_refresh_async (self->activity_store, NULL, NULL, NULL);
  g_task_return_boolean (task, TRUE);
}

static void
paddock_session_dispose (GObject *object)
{
  PaddockSession *self = PADDOCK_SESSION (object);

  g_cancellable_cancel (self->cancellable);
  /* stop the stores' requests on their way too: they hold the stores until they end */
  if (self->order_store != NULL)
    g_object_run_dispose (G_OBJECT (self->order_store));
  if (self->position_store != NULL)
    g_object_run_dispose (G_OBJECT (self->position_store));
  if (self->activity_store != NULL)
    g_object_run_dispose (G_OBJECT (self->activity_store));
  g_clear_object (&self->order_store);
  g_clear_object (&self->position_store);
  g_clear_object (&self->activity_store);
  if (self->trade_stream != NULL)
    g_signal_handlers_disconnect_by_data (self->trade_stream, self);
  g_clear_object (&self->trade_stream);

  G_OBJECT_CLASS (paddock_session_parent_class)->dispose (object);
}

static void
paddock_session_finalize (GObject *object)
{
  PaddockSession *self = PADDOCK_SESSION (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->order_store);
  g_clear_object (&self->position_store);
  g_clear_object (&self->activity_store);
  g_clear_object (&self->client);
  g_clear_object (&self->account);
  g_clear_object (&self->credentials);
  g_clear_object (&self->endpoints);
  g_clear_error (&self->error);

  G_OBJECT_CLASS (paddock_session_parent_class)->finalize (object);
}

static void
paddock_session_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  PaddockSession *self = PADDOCK_SESSION (object);

  switch (prop_id)
    {
    case PROP_ACCOUNT:
      g_value_set_object (value, self->account);
      break;
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_ERROR:
      g_value_set_boxed (value, self->error);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
paddock_session_class_init (PaddockSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = paddock_session_dispose;
  object_class->finalize = paddock_session_finalize;
  object_class->get_property = paddock_session_get_property;

  properties[PROP_ACCOUNT] =
    g_param_spec_object ("account", NULL, NULL, PADDOCK_TYPE_ACCOUNT,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, PADDOCK_TYPE_SESSION_STATE, PADDOCK_SESSION_LOADING,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ERROR] =
    g_param_spec_boxed ("error", NULL, NULL, G_TYPE_ERROR,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
paddock_session_init (PaddockSession *self)
{
  self->cancellable = g_cancellable_new ();
  self->state = PADDOCK_SESSION_LOADING;
}

/**
 * paddock_session_new:
 * @endpoints: where the account lives
 * @credentials: the account's stored sign-in, with its token
 */
PaddockSession *
paddock_session_new (PaddockEndpoints   *endpoints,
                     PaddockCredentials *credentials)
{
  PaddockSession *self;

  g_return_val_if_fail (PADDOCK_IS_ENDPOINTS (endpoints), NULL);
  g_return_val_if_fail (PADDOCK_IS_CREDENTIALS (credentials), NULL);
  g_return_val_if_fail (paddock_credentials_has_token (credentials), NULL);

  self = g_object_new (PADDOCK_TYPE_SESSION, NULL);
  self->endpoints = g_object_ref (endpoints);
  self->credentials = g_object_ref (credentials);
  self->client = paddock_client_new (paddock_endpoints_get_trading_url (endpoints),
                                     paddock_credentials_get_access_token (credentials));
  self->order_store = paddock_order_store_new (self->client);
  self->position_store = paddock_position_store_new (self->client);
  self->activity_store = paddock_activity_store_new (self->client);
  return self;
}

PaddockCredentials *
paddock_session_get_credentials (PaddockSession *self)
{
  g_return_val_if_fail (PADDOCK_IS_SESSION (self), NULL);
  return self->credentials;
}

PaddockEndpoints *
paddock_session_get_endpoints (PaddockSession *self)
{
  g_return_val_if_fail (PADDOCK_IS_SESSION (self), NULL);
  return self->endpoints;
}

PaddockClient *
paddock_session_get_client (PaddockSession *self)
{
  g_return_val_if_fail (PADDOCK_IS_SESSION (self), NULL);
  return self->client;
}

/**
 * paddock_session_get_account:
 *
 * Returns: (nullable): the account, once the first fetch succeeded; refreshes update it
 *   in place
 */
PaddockAccount *
paddock_session_get_account (PaddockSession *self)
{
  g_return_val_if_fail (PADDOCK_IS_SESSION (self), NULL);
  return self->account;
}

PaddockSessionState
paddock_session_get_state (PaddockSession *self)
{
  g_return_val_if_fail (PADDOCK_IS_SESSION (self), PADDOCK_SESSION_FAILED);
  return self->state;
}

const GError *
paddock_session_get_error (PaddockSession *self)
{
  g_return_val_if_fail (PADDOCK_IS_SESSION (self), NULL);
  return self->error;
}

/**
 * paddock_session_refresh_async:
 *
 * Fetches the account again; once it is there, refreshes the order, position and activity
 * stores too (each keeps its own loading and error state; this call finishes with the
 * account's fetch).
 * Refreshes do not pile up: while one is on its way, another finishes at once with success.
 */
void
paddock_session_refresh_async (PaddockSession      *self,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (PADDOCK_IS_SESSION (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, paddock_session_refresh_async);

  if (self->refreshing)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  self->refreshing = TRUE;
  if (self->state == PADDOCK_SESSION_FAILED && self->account == NULL)
    set_state (self, PADDOCK_SESSION_LOADING, NULL);
  paddock_client_get_account_async (self->client, cancellable ? cancellable : self->cancellable,
                                    get_account_cb, g_steal_pointer (&task));
}

gboolean
paddock_session_refresh_finish (PaddockSession  *self,
                                GAsyncResult    *result,
                                GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * paddock_session_get_order_store:
 *
 * Returns: (transfer none): the account's orders
 */
PaddockOrderStore *
paddock_session_get_order_store (PaddockSession *self)
{
  g_return_val_if_fail (PADDOCK_IS_SESSION (self), NULL);
  return self->order_store;
}

/**
 * paddock_session_get_position_store:
 *
 * Returns: (transfer none): the account's positions
 */
PaddockPositionStore *
paddock_session_get_position_store (PaddockSession *self)
{
  g_return_val_if_fail (PADDOCK_IS_SESSION (self), NULL);
  return self->position_store;
}

/**
 * paddock_session_get_activity_store:
 *
 * Returns: (transfer none): the account's activities
 */
PaddockActivityStore *
paddock_session_get_activity_store (PaddockSession *self)
{
  g_return_val_if_fail (PADDOCK_IS_SESSION (self), NULL);
  return self->activity_store;
}

/* The stream refusing the token is the same news as a 401 on REST */
static void
trade_stream_state_cb (PaddockTradeStream *stream,
                       GParamSpec         *pspec,
                       PaddockSession     *self)
{
  const GError *error = paddock_trade_stream_get_error (stream);

  if (paddock_trade_stream_get_state (stream) == PADDOCK_TRADE_STREAM_STATE_FAILED &&
      g_error_matches (error, PADDOCK_ERROR, PADDOCK_ERROR_NOT_AUTHORIZED))
    set_state (self, PADDOCK_SESSION_REVOKED, error);
}

/**
 * paddock_session_get_trade_stream:
 * @self: a #PaddockSession
 *
 * The account's trade_updates stream, made on first use and stopped until someone calls
 * paddock_trade_stream_start(). Its token being refused turns the session REVOKED.
 *
 * Returns: (transfer none): the stream
 */
PaddockTradeStream *
paddock_session_get_trade_stream (PaddockSession *self)
{
  g_return_val_if_fail (PADDOCK_IS_SESSION (self), NULL);

  if (self->trade_stream == NULL)
    {
      self->trade_stream =
        paddock_trade_stream_new (paddock_endpoints_get_stream_url (self->endpoints),
                                  paddock_credentials_get_access_token (self->credentials));
      g_signal_connect (self->trade_stream, "notify::state",
                        G_CALLBACK (trade_stream_state_cb), self);
    }
  return self->trade_stream;
}
