/* paddock-oauth-app.c: which OAuth app Paddock signs in as, and where that came from
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The one place that decides the client ID and secret, for the app and the CLI alike:
 *
 * client ID      PADDOCK_CLIENT_ID > the settings' client-id > the distributor's default
 * client secret  PADDOCK_CLIENT_SECRET > the keyring's secret for that client ID > the
 *                distributor's default, for the distributor's own client ID only
 *
 * The distributor's client ID comes with its secret: the keyring is not asked for it (it
 * keeps the secrets of apps the person set up), unless the build has an ID but no secret.
 */
#define G_LOG_DOMAIN "paddock-oauth-app"

#include "config.h"

#include <string.h>

#include "paddock-error.h"
#include "paddock-oauth-app.h"

struct _PaddockOAuthApp
{
  GObject                parent_instance;

  char                  *client_id;
  char                  *client_secret;
  PaddockOAuthAppSource  id_source;
  PaddockOAuthAppSource  secret_source;
};

G_DEFINE_FINAL_TYPE (PaddockOAuthApp, paddock_oauth_app, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (PaddockOAuthAppSource, paddock_oauth_app_source,
  G_DEFINE_ENUM_VALUE (PADDOCK_OAUTH_APP_SOURCE_NONE, "none"),
  G_DEFINE_ENUM_VALUE (PADDOCK_OAUTH_APP_SOURCE_ENVIRONMENT, "environment"),
  G_DEFINE_ENUM_VALUE (PADDOCK_OAUTH_APP_SOURCE_SETTINGS, "settings"),
  G_DEFINE_ENUM_VALUE (PADDOCK_OAUTH_APP_SOURCE_KEYRING, "keyring"),
  G_DEFINE_ENUM_VALUE (PADDOCK_OAUTH_APP_SOURCE_DISTRIBUTOR, "distributor"),
  G_DEFINE_ENUM_VALUE (PADDOCK_OAUTH_APP_SOURCE_GIVEN, "given"))

enum {
  PROP_0,
  PROP_CLIENT_ID,
  PROP_ID_SOURCE,
  PROP_SECRET_SOURCE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *
non_empty (const char *s)
{
  return s != NULL && *s != '\0' ? s : NULL;
}

static void
set_secret (PaddockOAuthApp       *self,
            const char            *secret,
            PaddockOAuthAppSource  source)
{
  self->client_secret = g_strdup (secret);
  self->secret_source = secret != NULL ? source : PADDOCK_OAUTH_APP_SOURCE_NONE;
}

static gboolean
is_distributor_app (PaddockOAuthApp *self)
{
  return non_empty (PADDOCK_DEFAULT_CLIENT_ID) != NULL &&
         g_strcmp0 (self->client_id, PADDOCK_DEFAULT_CLIENT_ID) == 0;
}

static void
secret_loaded_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  PaddockOAuthApp *app = g_task_get_task_data (task);
  g_autoptr (GError) error = NULL;
  g_autofree char *secret = NULL;

  secret = paddock_token_store_load_client_secret_finish (PADDOCK_TOKEN_STORE (object), result,
                                                          &error);
  if (secret != NULL)
    {
      set_secret (app, non_empty (secret), PADDOCK_OAUTH_APP_SOURCE_KEYRING);
      explicit_bzero (secret, strlen (secret));
    }
  else if (g_error_matches (error, PADDOCK_ERROR, PADDOCK_ERROR_NOT_FOUND))
    {
      if (is_distributor_app (app))
        set_secret (app, non_empty (PADDOCK_DEFAULT_CLIENT_SECRET),
                    PADDOCK_OAUTH_APP_SOURCE_DISTRIBUTOR);
    }
  else
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_pointer (task, g_object_ref (app), g_object_unref);
}

static void
paddock_oauth_app_finalize (GObject *object)
{
  PaddockOAuthApp *self = PADDOCK_OAUTH_APP (object);

  g_clear_pointer (&self->client_id, g_free);
  if (self->client_secret != NULL)
    explicit_bzero (self->client_secret, strlen (self->client_secret));
  g_clear_pointer (&self->client_secret, g_free);

  G_OBJECT_CLASS (paddock_oauth_app_parent_class)->finalize (object);
}

static void
paddock_oauth_app_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  PaddockOAuthApp *self = PADDOCK_OAUTH_APP (object);

  switch (prop_id)
    {
    case PROP_CLIENT_ID:
      g_value_set_string (value, self->client_id);
      break;
    case PROP_ID_SOURCE:
      g_value_set_enum (value, self->id_source);
      break;
    case PROP_SECRET_SOURCE:
      g_value_set_enum (value, self->secret_source);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
paddock_oauth_app_class_init (PaddockOAuthAppClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = paddock_oauth_app_finalize;
  object_class->get_property = paddock_oauth_app_get_property;

  /**
   * PaddockOAuthApp:client-id:
   *
   * The OAuth client ID, or %NULL when none is configured. (The secret is deliberately
   * not a property, so it does not show up in property dumps.)
   */
  properties[PROP_CLIENT_ID] = g_param_spec_string ("client-id", NULL, NULL, NULL, flags);
  /**
   * PaddockOAuthApp:id-source:
   *
   * Where the client ID came from.
   */
  properties[PROP_ID_SOURCE] =
    g_param_spec_enum ("id-source", NULL, NULL, PADDOCK_TYPE_OAUTH_APP_SOURCE,
                       PADDOCK_OAUTH_APP_SOURCE_NONE, flags);
  /**
   * PaddockOAuthApp:secret-source:
   *
   * Where the client secret came from.
   */
  properties[PROP_SECRET_SOURCE] =
    g_param_spec_enum ("secret-source", NULL, NULL, PADDOCK_TYPE_OAUTH_APP_SOURCE,
                       PADDOCK_OAUTH_APP_SOURCE_NONE, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
paddock_oauth_app_init (PaddockOAuthApp *self)
{
}

/**
 * paddock_oauth_app_new:
 * @client_id: (nullable): a client ID
 * @client_secret: (nullable): its client secret
 *
 * An OAuth app given by the caller: what the person typed in the assistant, or the demo
 * brokerage's own app. Empty strings count as unset.
 *
 * Returns: (transfer full): the app
 */
PaddockOAuthApp *
paddock_oauth_app_new (const char *client_id,
                       const char *client_secret)
{
  PaddockOAuthApp *self = g_object_new (PADDOCK_TYPE_OAUTH_APP, NULL);

  self->client_id = g_strdup (non_empty (client_id));
  self->id_source = self->client_id ? PADDOCK_OAUTH_APP_SOURCE_GIVEN : PADDOCK_OAUTH_APP_SOURCE_NONE;
  set_secret (self, non_empty (client_secret), PADDOCK_OAUTH_APP_SOURCE_GIVEN);
  return self;
}

/**
 * paddock_oauth_app_new_configured:
 * @settings: (nullable): Paddock's settings (see paddock_settings_new())
 *
 * The OAuth app as far as it is known without the keyring: the client ID from
 * `PADDOCK_CLIENT_ID`, the settings or the distributor, and the secret from
 * `PADDOCK_CLIENT_SECRET` or, for the distributor's client ID, the distributor. Use
 * paddock_oauth_app_lookup_async() to complete the secret from the keyring.
 *
 * Returns: (transfer full): the app; its client ID is %NULL when none is configured
 */
PaddockOAuthApp *
paddock_oauth_app_new_configured (GSettings *settings)
{
  PaddockOAuthApp *self;
  g_autofree char *configured = NULL;
  const char *env_id = non_empty (g_getenv ("PADDOCK_CLIENT_ID"));
  const char *env_secret = non_empty (g_getenv ("PADDOCK_CLIENT_SECRET"));

  g_return_val_if_fail (settings == NULL || G_IS_SETTINGS (settings), NULL);

  self = g_object_new (PADDOCK_TYPE_OAUTH_APP, NULL);
  if (settings != NULL)
    configured = g_settings_get_string (settings, "client-id");

  if (env_id != NULL)
    {
      self->client_id = g_strdup (env_id);
      self->id_source = PADDOCK_OAUTH_APP_SOURCE_ENVIRONMENT;
    }
  else if (non_empty (configured) != NULL)
    {
      self->client_id = g_steal_pointer (&configured);
      self->id_source = PADDOCK_OAUTH_APP_SOURCE_SETTINGS;
    }
  else if (non_empty (PADDOCK_DEFAULT_CLIENT_ID) != NULL)
    {
      self->client_id = g_strdup (PADDOCK_DEFAULT_CLIENT_ID);
      self->id_source = PADDOCK_OAUTH_APP_SOURCE_DISTRIBUTOR;
    }

  if (env_secret != NULL)
    set_secret (self, env_secret, PADDOCK_OAUTH_APP_SOURCE_ENVIRONMENT);
  else if (self->id_source == PADDOCK_OAUTH_APP_SOURCE_DISTRIBUTOR)
    set_secret (self, non_empty (PADDOCK_DEFAULT_CLIENT_SECRET),
                PADDOCK_OAUTH_APP_SOURCE_DISTRIBUTOR);

  return self;
}

/**
 * paddock_oauth_app_lookup_async:
 * @settings: (nullable): Paddock's settings
 * @store: (nullable): the keyring, or %NULL to leave it out
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Finds the OAuth app to sign in as: paddock_oauth_app_new_configured(), with the client
 * secret read from the keyring when neither the environment nor the distributor gives
 * it. A secret the keyring does not hold is no error: the app is then not complete
 * (paddock_oauth_app_is_complete()).
 */
void
paddock_oauth_app_lookup_async (GSettings           *settings,
                                PaddockTokenStore   *store,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;
  g_autoptr (PaddockOAuthApp) app = NULL;

  g_return_if_fail (settings == NULL || G_IS_SETTINGS (settings));
  g_return_if_fail (store == NULL || PADDOCK_IS_TOKEN_STORE (store));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, paddock_oauth_app_lookup_async);

  app = paddock_oauth_app_new_configured (settings);
  if (app->client_id == NULL || app->client_secret != NULL || store == NULL)
    {
      g_task_return_pointer (task, g_steal_pointer (&app), g_object_unref);
      return;
    }

  g_task_set_task_data (task, g_object_ref (app), g_object_unref);
  paddock_token_store_load_client_secret_async (store, app->client_id, cancellable,
                                                secret_loaded_cb, g_steal_pointer (&task));
}

/**
 * paddock_oauth_app_lookup_finish:
 * @result: the result passed to the callback
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the app, or %NULL with the keyring's error when the keyring
 *   could not be read (locked, missing)
 */
PaddockOAuthApp *
paddock_oauth_app_lookup_finish (GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * paddock_oauth_app_get_client_id:
 *
 * Returns: (nullable): the client ID, or %NULL when none is configured
 */
const char *
paddock_oauth_app_get_client_id (PaddockOAuthApp *self)
{
  g_return_val_if_fail (PADDOCK_IS_OAUTH_APP (self), NULL);

  return self->client_id;
}

/**
 * paddock_oauth_app_get_client_secret:
 *
 * Returns: (nullable): the client secret, or %NULL; never log it
 */
const char *
paddock_oauth_app_get_client_secret (PaddockOAuthApp *self)
{
  g_return_val_if_fail (PADDOCK_IS_OAUTH_APP (self), NULL);

  return self->client_secret;
}

/**
 * paddock_oauth_app_get_id_source:
 *
 * Returns: where the client ID came from
 */
PaddockOAuthAppSource
paddock_oauth_app_get_id_source (PaddockOAuthApp *self)
{
  g_return_val_if_fail (PADDOCK_IS_OAUTH_APP (self), PADDOCK_OAUTH_APP_SOURCE_NONE);

  return self->id_source;
}

/**
 * paddock_oauth_app_get_secret_source:
 *
 * Returns: where the client secret came from
 */
PaddockOAuthAppSource
paddock_oauth_app_get_secret_source (PaddockOAuthApp *self)
{
  g_return_val_if_fail (PADDOCK_IS_OAUTH_APP (self), PADDOCK_OAUTH_APP_SOURCE_NONE);

  return self->secret_source;
}

/**
 * paddock_oauth_app_is_complete:
 *
 * Returns: %TRUE when both the client ID and the secret are known: enough to sign in
 */
gboolean
paddock_oauth_app_is_complete (PaddockOAuthApp *self)
{
  g_return_val_if_fail (PADDOCK_IS_OAUTH_APP (self), FALSE);

  return self->client_id != NULL && self->client_secret != NULL;
}
