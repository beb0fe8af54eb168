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
#include "paddock-asset-cache.h"

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
  guint refreshing_what;     /* RefreshWhat of the refresh on its way */
  guint again_what;          /* asked for while it is: one more runs when it ends */
  GPtrArray *current_tasks;  /* GTask, finished when the refresh on its way ends */
  GPtrArray *again_tasks;    /* GTask, finished with the one more */
  gboolean again_internal;   /* the one more was asked for by the stream (no task) */
  PaddockOrderStore *order_store;
  PaddockPositionStore *position_store;
  PaddockActivityStore *activity_store;
  PaddockAssetCache *asset_cache;       /* made on first use */
  PaddockTradeStream *trade_stream;  /* made on first use */
  PaddockClient *data_client;        /* Market Data API, made on first use */
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

/* What a refresh brings up to date once the account answered (the account always) */
typedef enum {
  REFRESH_POSITIONS = 1 << 0,
  REFRESH_ORDERS = 1 << 1,
  REFRESH_ACTIVITIES = 1 << 2,
  REFRESH_ALL = REFRESH_POSITIONS | REFRESH_ORDERS | REFRESH_ACTIVITIES,
} RefreshWhat;

static void start_refresh (PaddockSession *self);

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

/* Finishes (and drops) every task of *tasks; callbacks may ask for more meanwhile */
static void
finish_tasks (GPtrArray    **tasks,
              const GError  *error)
{
  g_autoptr (GPtrArray) done = g_steal_pointer (tasks);

  *tasks = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < done->len; i++)
    {
      GTask *task = g_ptr_array_index (done, i);

      if (error != NULL)
        g_task_return_error (task, g_error_copy (error));
      else
        g_task_return_boolean (task, TRUE);
    }
}

/* Whether a task still waits for its result (its cancellable not cancelled) */
static gboolean
any_task_waits (GPtrArray *tasks)
{
  for (guint i = 0; i < tasks->len; i++)
    if (!g_cancellable_is_cancelled (g_task_get_cancellable (g_ptr_array_index (tasks, i))))
      return TRUE;
  return FALSE;
}

/* Applies the fetched account; FALSE with @error when it failed */
static gboolean
take_account (PaddockSession  *self,
              PaddockAccount  *fresh,
              GError         **error)
{
  g_autoptr (JsonNode) node = NULL;

  if (self->account == NULL)
    {
      self->account = g_object_ref (fresh);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACCOUNT]);
      return TRUE;
    }
  /* update in place: bound widgets follow, only changed properties notify */
  node = paddock_account_to_json (fresh);
  return paddock_account_update_from_json (self->account, node, error);
}

static void
get_account_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  GWeakRef *weak = user_data;
  g_autoptr (PaddockSession) self = g_weak_ref_get (weak);
  g_autoptr (GError) error = NULL;
  g_autoptr (PaddockAccount) fresh = NULL;
  guint what;

  g_weak_ref_clear (weak);
  g_free (weak);
  fresh = paddock_client_get_account_finish (PADDOCK_CLIENT (object), result, &error);
  /* gone: nobody waited (a caller's task holds the session), nothing more to do */
  if (self == NULL)
    return;

  /* still "refreshing" until the tasks are finished: a refresh asked for by a handler
   * meanwhile is the one more */
  what = self->refreshing_what;

  if (fresh == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      /* the session goes away: nothing more runs */
      self->again_what = 0;
      self->again_internal = FALSE;
      finish_tasks (&self->current_tasks, error);
      finish_tasks (&self->again_tasks, error);
      self->refreshing = FALSE;
      return;
    }

  if (fresh == NULL)
    {
      if (g_error_matches (error, PADDOCK_ERROR, PADDOCK_ERROR_NOT_AUTHORIZED))
        set_state (self, PADDOCK_SESSION_REVOKED, error);
      else
        /* with an account, keep showing it; the error says the figures may be stale */
        set_state (self, PADDOCK_SESSION_FAILED, error);
    }
  else if (!take_account (self, fresh, &error))
    set_state (self, PADDOCK_SESSION_FAILED, error);
  else if (self->order_store != NULL)  /* NULL once disposed */
    {
      set_state (self, PADDOCK_SESSION_READY, NULL);
      /* the stores follow once the account answered (not while it fails or is revoked);
       * their own refreshes queue, so each ends with a fetch made after this request */
      if (what & REFRESH_ORDERS)
        paddock_order_store_refresh_async (self->order_store, NULL, NULL, NULL);
      if (what & REFRESH_POSITIONS)
        paddock_position_store_refresh_async (self->position_store, NULL, NULL, NULL);
      if (what & REFRESH_ACTIVITIES)
        paddock_activity_store_refresh_async (self->activity_store, NULL, NULL, NULL);
    }
  finish_tasks (&self->current_tasks, error);
  self->refreshing = FALSE;
  self->refreshing_what = 0;

  /* asked for again while this one was on its way: exactly one more, unless every caller
   * of it stopped waiting */
  if (self->again_what != 0 && (self->again_internal || any_task_waits (self->again_tasks)))
    start_refresh (self);
  else
    {
      /* their cancellables make them end cancelled */
      self->again_what = 0;
      finish_tasks (&self->again_tasks, NULL);
    }
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
  g_clear_object (&self->asset_cache);
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
  g_clear_pointer (&self->current_tasks, g_ptr_array_unref);
  g_clear_pointer (&self->again_tasks, g_ptr_array_unref);
  g_clear_object (&self->order_store);
  g_clear_object (&self->position_store);
  g_clear_object (&self->activity_store);
  g_clear_object (&self->asset_cache);
  g_clear_object (&self->client);
  g_clear_object (&self->data_client);
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
  self->current_tasks = g_ptr_array_new_with_free_func (g_object_unref);
  self->again_tasks = g_ptr_array_new_with_free_func (g_object_unref);
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
 * paddock_session_get_data_client:
 *
 * The client of the Market Data API (paddock_endpoints_get_data_url()), with the same
 * token as the trading client, made on first use.
 *
 * Returns: (transfer none): the data client
 */
PaddockClient *
paddock_session_get_data_client (PaddockSession *self)
{
  g_return_val_if_fail (PADDOCK_IS_SESSION (self), NULL);

  if (self->data_client == NULL)
    self->data_client =
      paddock_client_new (paddock_endpoints_get_data_url (self->endpoints),
                          paddock_credentials_get_access_token (self->credentials));
  return self->data_client;
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

static void
start_refresh (PaddockSession *self)
{
  GPtrArray *tasks = self->current_tasks;
  GWeakRef *weak = g_new0 (GWeakRef, 1);

  /* the asked-for-again ones become the one on its way */
  self->current_tasks = self->again_tasks;
  self->again_tasks = tasks;
  self->refreshing_what = self->again_what;
  self->again_what = 0;
  self->again_internal = FALSE;
  self->refreshing = TRUE;
  if (self->state == PADDOCK_SESSION_FAILED && self->account == NULL)
    set_state (self, PADDOCK_SESSION_LOADING, NULL);
  /* the fetch does not hold the session: dropping it cancels the fetch */
  g_weak_ref_init (weak, self);
  paddock_client_get_account_async (self->client, self->cancellable, get_account_cb, weak);
}

/* Asks for a refresh of the account and @what; runs now, or once more after the one on
 * its way. @task is NULL when the stream asks. */
static void
request_refresh (PaddockSession *self,
                 guint           what,
                 GTask          *task)
{
  self->again_what |= what;
  if (task != NULL)
    g_ptr_array_add (self->again_tasks, task);
  else
    self->again_internal = TRUE;
  if (!self->refreshing)
    start_refresh (self);
}

/**
 * paddock_session_refresh_async:
 *
 * Fetches the account again; once it is there, refreshes the order, position and activity
 * stores too (each keeps its own loading and error state; this call finishes with the
 * account's fetch).
 * Refreshes do not pile up, and none is lost: asked for while one is on its way, exactly
 * one more runs when that one ends (however many were asked for meanwhile), and this call
 * finishes with it. @cancellable only stops waiting; the fetch ends when the session is
 * disposed.
 */
void
paddock_session_refresh_async (PaddockSession      *self,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (PADDOCK_IS_SESSION (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, paddock_session_refresh_async);
  request_refresh (self, REFRESH_ALL, task);
}

/**
 * paddock_session_get_refreshing:
 *
 * Returns: whether the account's fetch of a refresh is on its way (the stores say their
 *   own with their "loading" property)
 */
gboolean
paddock_session_get_refreshing (PaddockSession *self)
{
  g_return_val_if_fail (PADDOCK_IS_SESSION (self), FALSE);
  return self->refreshing;
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

/* After every (re)connect: what the stream missed meanwhile comes through a refresh, the
 * same path as Ctrl+R */
static void
trade_stream_connected_cb (PaddockTradeStream *stream,
                           PaddockSession     *self)
{
  request_refresh (self, REFRESH_ALL, NULL);
}

static void
trade_stream_update_cb (PaddockTradeStream *stream,
                        PaddockTradeUpdate *update,
                        JsonNode           *data,
                        PaddockSession     *self)
{
  PaddockTradeEvent event = paddock_trade_update_get_event (update);

  paddock_order_store_apply_trade_update (self->order_store, update);
  /* a fill changes cash and positions */
  if (event == PADDOCK_TRADE_EVENT_FILL || event == PADDOCK_TRADE_EVENT_PARTIAL_FILL)
    request_refresh (self, REFRESH_POSITIONS, NULL);
}

/**
 * paddock_session_get_trade_stream:
 * @self: a #PaddockSession
 *
 * The account's trade_updates stream, made on first use and stopped until someone calls
 * paddock_session_start_trade_stream() (or paddock_trade_stream_start()). Its events are
 * applied to the order store, each (re)connect refreshes the session, and its token being
 * refused turns the session REVOKED.
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
      g_signal_connect (self->trade_stream, "connected",
                        G_CALLBACK (trade_stream_connected_cb), self);
      g_signal_connect (self->trade_stream, "update",
                        G_CALLBACK (trade_stream_update_cb), self);
    }
  return self->trade_stream;
}

/**
 * paddock_session_start_trade_stream:
 * @self: a #PaddockSession
 *
 * Starts the account's trade stream (see paddock_session_get_trade_stream()). Its events
 * update the order store as they come (a fill refreshes the account and the positions
 * too); after every (re)connect the session refreshes, as paddock_session_refresh_async()
 * does, so that nothing missed while it was down stays missing.
 */
void
paddock_session_start_trade_stream (PaddockSession *self)
{
  g_return_if_fail (PADDOCK_IS_SESSION (self));
  paddock_trade_stream_start (paddock_session_get_trade_stream (self));
}

/**
 * paddock_session_get_asset_cache:
 * @self: a session
 *
 * The session's one list of active assets (made on first use, loaded when asked), which
 * symbol search reads.
 *
 * Returns: (transfer none): the session's asset cache
 */
PaddockAssetCache *
paddock_session_get_asset_cache (PaddockSession *self)
{
  g_return_val_if_fail (PADDOCK_IS_SESSION (self), NULL);

  if (self->asset_cache == NULL)
    self->asset_cache = paddock_asset_cache_new (self->client);
  return self->asset_cache;
}
