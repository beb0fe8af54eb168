/* paddock-token-store.c: sign-ins and the OAuth client secret in the system keyring
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "paddock-token-store"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <libsecret/secret.h>

#include "paddock-error.h"
#include "paddock-token-store.h"

/**
 * PaddockTokenStore:
 *
 * Keeps one keyring item per signed-in account, and the client secret of the person's own
 * OAuth app, in the keyring through libsecret's password API (secret_password_*()). Outside
 * a sandbox that API talks to the Secret Service (GNOME Keyring, KWallet, KeePassXC…) over
 * D-Bus. Inside a Flatpak, when the Secret portal answers, libsecret keeps the items in its
 * own encrypted file in the app's data directory, with a key the portal hands out from the
 * person's keyring; the app then needs no access to the org.freedesktop.secrets bus name.
 * Paddock itself has deliberately no fallback: if neither answers, operations fail with an
 * error that says so, and Paddock never writes a secret to a file of its own.
 *
 * Every keyring call runs under a timeout (paddock_token_store_set_timeout()), because an
 * unlock prompt nobody can see would otherwise keep it waiting forever.
 *
 * See paddock-token-store.h for the error mapping.
 */
struct _PaddockTokenStore
{
  GObject       parent_instance;

  GCancellable *cancellable;
  guint         timeout_ms;
};

typedef struct
{
  /* handed to libsecret; cancelled by the caller, by dispose, or by the timer */
  GCancellable *cancellable;
  GCancellable *caller_cancellable;
  gulong        caller_handler;
  GCancellable *store_cancellable;
  gulong        store_handler;
  GSource      *timeout_source;
  gboolean      timed_out;

  PaddockEnvironment environment;
  char         *account_id;
  const SecretSchema *schema;  /* of the items searched for */
  GHashTable   *attributes;     /* of the items to delete, to check that none is left */
  /* called with the secret of the item found, or NULL when there is none */
  void        (*got_value) (GTask       *task,
                            SecretValue *value);
} Operation;

G_DEFINE_FINAL_TYPE (PaddockTokenStore, paddock_token_store, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TIMEOUT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

#define TOKEN_SCHEMA_VERSION 1
#define CLIENT_SECRET_SCHEMA_VERSION 1

static const SecretSchema token_schema = {
  .name = "io.github.paddockapp.Paddock.Token",
  .flags = SECRET_SCHEMA_DONT_MATCH_NAME,
  .attributes = {
    { .name = "environment", .type = SECRET_SCHEMA_ATTRIBUTE_STRING },
    { .name = "account-id", .type = SECRET_SCHEMA_ATTRIBUTE_STRING },
    { .name = "schema-version", .type = SECRET_SCHEMA_ATTRIBUTE_INTEGER },
    { .name = NULL, .type = 0 },
  },
};

static const SecretSchema client_secret_schema = {
  .name = "io.github.paddockapp.Paddock.ClientSecret",
  .flags = SECRET_SCHEMA_NONE,
  .attributes = {
    { .name = "client-id", .type = SECRET_SCHEMA_ATTRIBUTE_STRING },
    { .name = "schema-version", .type = SECRET_SCHEMA_ATTRIBUTE_INTEGER },
    { .name = NULL, .type = 0 },
  },
};

static void
return_no_service (GTask *task)
{
  g_task_return_new_error (task, PADDOCK_ERROR, PADDOCK_ERROR_KEYRING_UNAVAILABLE, "%s",
                           _("No keyring is available. Paddock keeps your sign-in in the system "
                             "keyring (Secret Service): start GNOME Keyring or another Secret "
                             "Service provider, then try again."));
}

static void
return_locked (GTask *task)
{
  g_task_return_new_error (task, PADDOCK_ERROR, PADDOCK_ERROR_KEYRING_LOCKED, "%s",
                           _("The keyring is locked, or its unlock prompt was dismissed or never "
                             "answered: unlock it and try again."));
}

static void
wipe_and_free (gpointer data)
{
  char *str = data;

  if (str != NULL)
    {
      explicit_bzero (str, strlen (str));
      g_free (str);
    }
}

static void
operation_free (gpointer data)
{
  Operation *op = data;

  if (op->caller_handler != 0)
    g_cancellable_disconnect (op->caller_cancellable, op->caller_handler);
  if (op->store_handler != 0)
    g_cancellable_disconnect (op->store_cancellable, op->store_handler);
  if (op->timeout_source != NULL)
    {
      g_source_destroy (op->timeout_source);
      g_clear_pointer (&op->timeout_source, g_source_unref);
    }
  g_clear_object (&op->caller_cancellable);
  g_clear_object (&op->store_cancellable);
  g_clear_object (&op->cancellable);
  g_clear_pointer (&op->account_id, g_free);
  g_clear_pointer (&op->attributes, g_hash_table_unref);
  g_free (op);
}

static gboolean
is_no_service_error (const GError *error)
{
  if (error->domain == G_DBUS_ERROR)
    {
      switch (error->code)
        {
        case G_DBUS_ERROR_SERVICE_UNKNOWN:
        case G_DBUS_ERROR_NAME_HAS_NO_OWNER:
        case G_DBUS_ERROR_NO_SERVER:
        case G_DBUS_ERROR_NO_NETWORK:
        case G_DBUS_ERROR_DISCONNECTED:
        case G_DBUS_ERROR_FILE_NOT_FOUND:
        case G_DBUS_ERROR_SPAWN_EXEC_FAILED:
        case G_DBUS_ERROR_SPAWN_FORK_FAILED:
        case G_DBUS_ERROR_SPAWN_CHILD_EXITED:
        case G_DBUS_ERROR_SPAWN_CHILD_SIGNALED:
        case G_DBUS_ERROR_SPAWN_FAILED:
        case G_DBUS_ERROR_SPAWN_SETUP_FAILED:
        case G_DBUS_ERROR_SPAWN_CONFIG_INVALID:
        case G_DBUS_ERROR_SPAWN_SERVICE_INVALID:
        case G_DBUS_ERROR_SPAWN_SERVICE_NOT_FOUND:
        case G_DBUS_ERROR_SPAWN_PERMISSIONS_INVALID:
        case G_DBUS_ERROR_SPAWN_FILE_INVALID:
        case G_DBUS_ERROR_SPAWN_NO_MEMORY:
          return TRUE;
        default:
          return FALSE;
        }
    }

  /* No session bus at all: "Cannot autolaunch D-Bus without X11 $DISPLAY" (FAILED),
   * "Could not connect: No such file or directory" (NOT_FOUND), a refused or closed
   * socket. Cancellation and time-outs are handled apart. */
  if (error->domain == G_IO_ERROR)
    return error->code != G_IO_ERROR_CANCELLED && error->code != G_IO_ERROR_TIMED_OUT;

  return FALSE;
}

static gboolean
is_locked_error (const GError *error)
{
  if (g_error_matches (error, SECRET_ERROR, SECRET_ERROR_IS_LOCKED))
    return TRUE;

  /* Without a login collection, gnome-keyring wants to prompt for a new password; when the
   * prompt cannot be shown the collection stays missing. The person must set it up (unlock
   * it) before anything can be stored. */
  if (g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_UNKNOWN_METHOD) ||
      g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_UNKNOWN_OBJECT))
    return TRUE;

  /* A Secret Service that is there but does not answer in time */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT) ||
      g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_TIMEOUT) ||
      g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_TIMED_OUT) ||
      g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_NO_REPLY))
    return TRUE;

  if (g_dbus_error_is_remote_error (error))
    {
      g_autofree char *name = g_dbus_error_get_remote_error (error);

      if (g_strcmp0 (name, "org.freedesktop.Secret.Error.IsLocked") == 0)
        return TRUE;
    }

  return FALSE;
}

/* Turns what libsecret said into a PADDOCK_ERROR_KEYRING_* code that tells the person what
 * to do. Cancellation by the caller stays G_IO_ERROR_CANCELLED. */
static void
return_error (GTask  *task,
              GError *error)
{
  Operation *op = g_task_get_task_data (task);
  g_autoptr (GError) owned = error;

  g_debug ("Keyring operation failed: %s %d: %s", g_quark_to_string (error->domain),
           error->code, error->message);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      if (op->timed_out && !g_cancellable_is_cancelled (op->caller_cancellable) &&
          !g_cancellable_is_cancelled (op->store_cancellable))
        return_locked (task);
      else
        g_task_return_error (task, g_steal_pointer (&owned));
    }
  else if (error->domain == PADDOCK_ERROR)
    g_task_return_error (task, g_steal_pointer (&owned));
  else if (is_locked_error (error))
    return_locked (task);
  else if (is_no_service_error (error))
    return_no_service (task);
  else
    g_task_return_new_error (task, PADDOCK_ERROR, PADDOCK_ERROR_KEYRING,
                             _("The keyring could not be used (%s). Try again."), error->message);
}

static gboolean
operation_timeout_cb (gpointer user_data)
{
  Operation *op = user_data;

  g_debug ("Keyring operation timed out");
  op->timed_out = TRUE;
  g_clear_pointer (&op->timeout_source, g_source_unref);
  g_cancellable_cancel (op->cancellable);

  return G_SOURCE_REMOVE;
}

static void
forward_cancel_cb (GCancellable *cancellable,
                   gpointer      user_data)
{
  g_cancellable_cancel (G_CANCELLABLE (user_data));
}

static GTask *
operation_new (PaddockTokenStore   *self,
               gpointer             source_tag,
               const char          *account_id,
               GCancellable        *cancellable,
               GAsyncReadyCallback  callback,
               gpointer             user_data)
{
  g_autoptr (GTask) task = g_task_new (self, cancellable, callback, user_data);
  Operation *op = g_new0 (Operation, 1);

  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, op, operation_free);

  op->cancellable = g_cancellable_new ();
  op->account_id = g_strdup (account_id);

  if (cancellable != NULL)
    {
      op->caller_cancellable = g_object_ref (cancellable);
      op->caller_handler = g_cancellable_connect (cancellable, G_CALLBACK (forward_cancel_cb),
                                                  g_object_ref (op->cancellable),
                                                  g_object_unref);
    }

  op->store_cancellable = g_object_ref (self->cancellable);
  op->store_handler = g_cancellable_connect (self->cancellable, G_CALLBACK (forward_cancel_cb),
                                             g_object_ref (op->cancellable), g_object_unref);

  if (self->timeout_ms > 0)
    {
      op->timeout_source = g_timeout_source_new (self->timeout_ms);
      g_source_set_static_name (op->timeout_source, "[paddock] keyring timeout");
      /* op outlives the source: operation_free destroys it */
      g_source_set_callback (op->timeout_source, operation_timeout_cb, op, NULL);
      g_source_attach (op->timeout_source, g_task_get_context (task));
    }

  return g_steal_pointer (&task);
}

/* The schema name is always one of the attributes, stored and matched. DONT_MATCH_NAME (the
 * token schema's) would otherwise let a search find another program's item that carries the
 * same attribute names; and libsecret's file backend (inside a Flatpak) stores only the
 * attributes it is given, while the Secret Service adds the schema name itself. */
static GHashTable *
with_schema_name (GHashTable         *attributes,
                  const SecretSchema *schema)
{
  g_hash_table_replace (attributes, g_strdup ("xdg:schema"), g_strdup (schema->name));
  return attributes;
}

static GHashTable *
token_attributes (PaddockEnvironment  environment,
                  const char         *account_id)
{
  return with_schema_name (secret_attributes_build (&token_schema,
                                                    "environment",
                                                    paddock_environment_to_string (environment),
                                                    "account-id", account_id,
                                                    "schema-version", TOKEN_SCHEMA_VERSION,
                                                    NULL),
                           &token_schema);
}

static GHashTable *
client_secret_attributes (const char *client_id)
{
  return with_schema_name (secret_attributes_build (&client_secret_schema,
                                                    "client-id", client_id,
                                                    "schema-version",
                                                    CLIENT_SECRET_SCHEMA_VERSION,
                                                    NULL),
                           &client_secret_schema);
}

/* Inside a Flatpak, libsecret first asks the Secret portal on the session bus, and only
 * warns when there is no bus; with no bus there is no keyring at all. Returns TRUE, having
 * returned the error on @task, when that is the case. */
static gboolean
sandbox_without_bus (GTask *task)
{
  g_autoptr (GDBusConnection) bus = NULL;
  GError *error = NULL;

  if (!g_file_test ("/.flatpak-info", G_FILE_TEST_EXISTS))
    return FALSE;
  bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  if (bus != NULL)
    return FALSE;
  return_error (task, error);
  return TRUE;
}

/* Searches for items of @schema only (see with_schema_name()); each item found is checked
 * again. */
static void
search_schema (Operation           *op,
               const SecretSchema  *schema,
               GHashTable          *attributes,
               SecretSearchFlags    flags,
               GAsyncReadyCallback  callback,
               GTask               *task)
{
  op->schema = schema;
  if (sandbox_without_bus (task))
    {
      g_object_unref (task);
      return;
    }
  secret_password_searchv (schema, with_schema_name (attributes, schema), flags,
                           op->cancellable, callback, task);
}

static gboolean
item_has_schema (SecretRetrievable  *item,
                 const SecretSchema *schema)
{
  g_autoptr (GHashTable) attributes = secret_retrievable_get_attributes (item);

  return attributes != NULL &&
         g_strcmp0 (g_hash_table_lookup (attributes, "xdg:schema"), schema->name) == 0;
}

/* Drops (and unrefs) the items of other schemas from @items. */
static GList *
keep_schema (GList              *items,
             const SecretSchema *schema)
{
  GList *l = items;

  while (l != NULL)
    {
      GList *next = l->next;

      if (!item_has_schema (l->data, schema))
        {
          g_object_unref (l->data);
          items = g_list_delete_link (items, l);
        }
      l = next;
    }
  return items;
}

static gboolean
check_account (GTask              *task,
               PaddockEnvironment  environment,
               const char         *account_id)
{
  g_autoptr (GEnumClass) environments = g_type_class_ref (PADDOCK_TYPE_ENVIRONMENT);

  if (g_enum_get_value (environments, (int) environment) == NULL)
    {
      g_task_return_new_error (task, PADDOCK_ERROR, PADDOCK_ERROR_INVALID_INPUT,
                               _("Unknown environment %d: use demo, paper or live."),
                               (int) environment);
      return FALSE;
    }
  if (account_id == NULL || account_id[0] == '\0')
    {
      g_task_return_new_error (task, PADDOCK_ERROR, PADDOCK_ERROR_INVALID_INPUT,
                               _("An account id is needed."));
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_client_id (GTask      *task,
                 const char *client_id)
{
  if (client_id == NULL || client_id[0] == '\0')
    {
      g_task_return_new_error (task, PADDOCK_ERROR, PADDOCK_ERROR_INVALID_INPUT,
                               _("An OAuth client ID is needed."));
      return FALSE;
    }
  return TRUE;
}

/* Only items that really are ours (see search_schema()) */
static PaddockCredentials *
credentials_from_item (SecretRetrievable *item)
{
  g_autoptr (GHashTable) attributes = secret_retrievable_get_attributes (item);
  g_autoptr (GDateTime) created_at = NULL;
  g_autofree char *label = secret_retrievable_get_label (item);
  g_autofree char *label_prefix = NULL;
  const char *environment_name;
  const char *account_id;
  PaddockEnvironment environment;
  const char *schema;
  const char *account_number = NULL;
  guint64 created = secret_retrievable_get_created (item);

  if (attributes == NULL)
    return NULL;
  environment_name = g_hash_table_lookup (attributes, "environment");
  account_id = g_hash_table_lookup (attributes, "account-id");
  schema = g_hash_table_lookup (attributes, "xdg:schema");
  if (g_strcmp0 (schema, token_schema.name) != 0)
    return NULL;
  if (!paddock_environment_from_string (environment_name, &environment) ||
      account_id == NULL || account_id[0] == '\0')
    return NULL;

  /* The account number is not an attribute; our own label carries it, so a list can show
   * it without unlocking the keyring. A label renamed by the person just hides it. */
  label_prefix = g_strdup_printf ("Paddock token for %s account ", environment_name);
  if (label != NULL && g_str_has_prefix (label, label_prefix) &&
      label[strlen (label_prefix)] != '\0' && strchr (label + strlen (label_prefix), ' ') == NULL)
    account_number = label + strlen (label_prefix);

  if (created > 0 && created <= G_MAXINT64)
    created_at = g_date_time_new_from_unix_utc ((gint64)created);

  return g_object_new (PADDOCK_TYPE_CREDENTIALS,
                       "environment", environment,
                       "account-id", account_id,
                       "account-number", account_number,
                       "label", label,
                       "created-at", created_at,
                       NULL);
}

static int
compare_credentials (gconstpointer a,
                     gconstpointer b,
                     gpointer      user_data)
{
  PaddockCredentials *ca = (PaddockCredentials *)a;
  PaddockCredentials *cb = (PaddockCredentials *)b;
  /* by name, as the keyring's attributes read */
  int ret = g_strcmp0 (paddock_environment_to_string (paddock_credentials_get_environment (ca)),
                       paddock_environment_to_string (paddock_credentials_get_environment (cb)));

  if (ret == 0)
    ret = g_strcmp0 (paddock_credentials_get_account_id (ca),
                     paddock_credentials_get_account_id (cb));
  return ret;
}

static void
store_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  GError *error = NULL;

  if (secret_password_store_finish (result, &error))
    g_task_return_boolean (task, TRUE);
  else if (error != NULL)
    return_error (task, error);
  else /* the unlock prompt was dismissed */
    return_locked (task);
}

static void
search_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  g_autoptr (GListStore) store = NULL;
  GError *error = NULL;
  GList *items;

  items = secret_password_search_finish (result, &error);
  if (error != NULL)
    {
      return_error (task, error);
      return;
    }

  store = g_list_store_new (PADDOCK_TYPE_CREDENTIALS);
  for (GList *l = items; l != NULL; l = l->next)
    {
      g_autoptr (PaddockCredentials) credentials = credentials_from_item (l->data);

      if (credentials != NULL)
        g_list_store_insert_sorted (store, credentials, compare_credentials, NULL);
    }
  g_list_free_full (items, g_object_unref);

  g_task_return_pointer (task, g_steal_pointer (&store), g_object_unref);
}

static void
retrieve_secret_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  g_autoptr (SecretValue) value = NULL;
  Operation *op = g_task_get_task_data (task);
  GError *error = NULL;

  value = secret_retrievable_retrieve_secret_finish (SECRET_RETRIEVABLE (object), result,
                                                     &error);
  if (error != NULL)
    return_error (task, error);
  else if (value == NULL) /* the item stayed locked: the unlock prompt was dismissed */
    return_locked (task);
  else
    op->got_value (task, value);
}

/* libsecret's lookup answers NULL both when nothing is stored and when the unlock prompt
 * was dismissed, so search, unlocking, and tell the two apart: op->got_value gets NULL only
 * when nothing is stored. */
static void
search_for_secret_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  Operation *op = g_task_get_task_data (task);
  GError *error = NULL;
  GList *items;

  items = secret_password_search_finish (result, &error);
  if (error != NULL)
    {
      return_error (task, error);
      return;
    }
  items = keep_schema (items, op->schema);
  if (items == NULL)
    {
      op->got_value (task, NULL);
      return;
    }

  secret_retrievable_retrieve_secret (items->data, op->cancellable, retrieve_secret_cb,
                                      g_steal_pointer (&task));
  g_list_free_full (items, g_object_unref);
}

static void
got_token (GTask       *task,
           SecretValue *value)
{
  g_autoptr (PaddockCredentials) credentials = NULL;
  Operation *op = g_task_get_task_data (task);
  GError *error = NULL;
  const char *data;
  gsize length = 0;

  if (value == NULL)
    {
      g_task_return_new_error (task, PADDOCK_ERROR, PADDOCK_ERROR_NOT_AUTHORIZED, "%s",
                               _("You are not signed in to this account. Sign in to continue."));
      return;
    }

  data = secret_value_get (value, &length);
  credentials = paddock_credentials_new_from_json (op->environment, op->account_id,
                                                   data, length, &error);
  if (credentials == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, g_steal_pointer (&credentials), g_object_unref);
}

static void
got_client_secret (GTask       *task,
                   SecretValue *value)
{
  const char *data;
  gsize length = 0;

  if (value == NULL)
    {
      g_task_return_new_error (task, PADDOCK_ERROR, PADDOCK_ERROR_NOT_FOUND, "%s",
                               _("No client secret is stored for this OAuth app. Enter it again "
                                 "to continue."));
      return;
    }

  data = secret_value_get (value, &length);
  if (data == NULL || length == 0 || length > PADDOCK_CLIENT_SECRET_MAX_LEN ||
      memchr (data, '\0', length) != NULL || !g_utf8_validate (data, length, NULL))
    {
      /* as good as none: the person must enter it again, which replaces it */
      g_task_return_new_error (task, PADDOCK_ERROR, PADDOCK_ERROR_NOT_FOUND, "%s",
                               _("The stored client secret is damaged. Enter it again."));
      return;
    }

  g_task_return_pointer (task, g_strndup (data, length), wipe_and_free);
}

static void
search_after_delete_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  Operation *op = g_task_get_task_data (task);
  GError *error = NULL;
  GList *items;

  items = secret_password_search_finish (result, &error);
  if (error != NULL)
    {
      return_error (task, error);
      return;
    }
  items = keep_schema (items, op->schema);
  if (items != NULL)
    {
      /* the prompt to confirm or unlock was dismissed, or another program stored it again */
      g_list_free_full (items, g_object_unref);
      return_locked (task);
      return;
    }

  /* nothing is stored any more, which is what was asked for */
  g_task_return_boolean (task, TRUE);
}

static void
clear_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  Operation *op = g_task_get_task_data (task);
  GError *error = NULL;

  /* FALSE without an error both when nothing was stored and when a prompt was dismissed:
   * look again */
  if (!secret_password_clear_finish (result, &error) && error != NULL)
    {
      return_error (task, error);
      return;
    }

  search_schema (op, op->schema, op->attributes, SECRET_SEARCH_ALL,
                 search_after_delete_cb, g_steal_pointer (&task));
}

/* Removes the items of @schema that match @attributes (owned), and checks that none is left */
static void
clear_schema (GTask              *task,
              const SecretSchema *schema,
              GHashTable         *attributes)
{
  Operation *op = g_task_get_task_data (task);

  op->schema = schema;
  op->attributes = with_schema_name (attributes, schema);
  if (sandbox_without_bus (task))
    {
      g_object_unref (task);
      return;
    }
  secret_password_clearv (schema, op->attributes, op->cancellable, clear_cb, task);
}

static void
paddock_token_store_dispose (GObject *object)
{
  PaddockTokenStore *self = (PaddockTokenStore *)object;

  g_cancellable_cancel (self->cancellable);

  G_OBJECT_CLASS (paddock_token_store_parent_class)->dispose (object);
}

static void
paddock_token_store_finalize (GObject *object)
{
  PaddockTokenStore *self = (PaddockTokenStore *)object;

  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (paddock_token_store_parent_class)->finalize (object);
}

static void
paddock_token_store_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  PaddockTokenStore *self = PADDOCK_TOKEN_STORE (object);

  switch (prop_id)
    {
    case PROP_TIMEOUT:
      g_value_set_uint (value, self->timeout_ms);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
paddock_token_store_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  PaddockTokenStore *self = PADDOCK_TOKEN_STORE (object);

  switch (prop_id)
    {
    case PROP_TIMEOUT:
      paddock_token_store_set_timeout (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
paddock_token_store_class_init (PaddockTokenStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = paddock_token_store_dispose;
  object_class->finalize = paddock_token_store_finalize;
  object_class->get_property = paddock_token_store_get_property;
  object_class->set_property = paddock_token_store_set_property;

  /**
   * PaddockTokenStore:timeout:
   *
   * Milliseconds one keyring operation may take, 0 for no limit. Operations started
   * afterwards use the new value.
   */
  properties[PROP_TIMEOUT] =
    g_param_spec_uint ("timeout", NULL, "Milliseconds one keyring operation may take",
                       0, G_MAXUINT, PADDOCK_TOKEN_STORE_DEFAULT_TIMEOUT_MS,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
paddock_token_store_init (PaddockTokenStore *self)
{
  self->cancellable = g_cancellable_new ();
  self->timeout_ms = PADDOCK_TOKEN_STORE_DEFAULT_TIMEOUT_MS;
}

/**
 * paddock_token_store_new:
 *
 * Returns: (transfer full): a new token store
 */
PaddockTokenStore *
paddock_token_store_new (void)
{
  return g_object_new (PADDOCK_TYPE_TOKEN_STORE, NULL);
}

/**
 * paddock_token_store_get_timeout:
 * @self: a #PaddockTokenStore
 *
 * Returns: milliseconds one keyring operation may take, 0 for no limit
 */
guint
paddock_token_store_get_timeout (PaddockTokenStore *self)
{
  g_return_val_if_fail (PADDOCK_IS_TOKEN_STORE (self), 0);

  return self->timeout_ms;
}

/**
 * paddock_token_store_set_timeout:
 * @self: a #PaddockTokenStore
 * @timeout_ms: milliseconds, 0 for no limit
 *
 * Sets how long one keyring operation may take before it fails with the "keyring is
 * locked" error. The default is %PADDOCK_TOKEN_STORE_DEFAULT_TIMEOUT_MS.
 */
void
paddock_token_store_set_timeout (PaddockTokenStore *self,
                                 guint              timeout_ms)
{
  g_return_if_fail (PADDOCK_IS_TOKEN_STORE (self));

  if (self->timeout_ms == timeout_ms)
    return;

  self->timeout_ms = timeout_ms;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIMEOUT]);
}

/**
 * paddock_token_store_save_async:
 * @self: a #PaddockTokenStore
 * @credentials: credentials with an access token
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Stores @credentials in the default collection, replacing what was stored for the same
 * environment and account id. The label names the environment and account number only.
 */
void
paddock_token_store_save_async (PaddockTokenStore   *self,
                                PaddockCredentials  *credentials,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;
  g_autoptr (GHashTable) attributes = NULL;
  g_autoptr (SecretValue) value = NULL;
  g_autofree char *label = NULL;
  PaddockEnvironment environment;
  const char *account_id;
  Operation *op;

  g_return_if_fail (PADDOCK_IS_TOKEN_STORE (self));
  g_return_if_fail (PADDOCK_IS_CREDENTIALS (credentials));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  environment = paddock_credentials_get_environment (credentials);
  account_id = paddock_credentials_get_account_id (credentials);

  task = operation_new (self, paddock_token_store_save_async, account_id,
                        cancellable, callback, user_data);
  op = g_task_get_task_data (task);

  if (!check_account (task, environment, account_id))
    return;
  if (!paddock_credentials_has_token (credentials))
    {
      g_task_return_new_error (task, PADDOCK_ERROR, PADDOCK_ERROR_INVALID_INPUT, "%s",
                               _("There is no access token to save."));
      return;
    }

  attributes = token_attributes (environment, account_id);
  label = paddock_credentials_dup_default_label (credentials);
  value = secret_value_new_full (paddock_credentials_to_json (credentials), -1,
                                 "application/json", wipe_and_free);

  if (sandbox_without_bus (task))
    return;
  secret_password_storev_binary (&token_schema, attributes, SECRET_COLLECTION_DEFAULT, label,
                                 value, op->cancellable, store_cb, g_steal_pointer (&task));
}

/**
 * paddock_token_store_save_finish:
 * @self: a #PaddockTokenStore
 * @result: the result passed to the callback
 * @error: return location for a #GError
 *
 * Returns: %TRUE if the credentials were stored
 */
gboolean
paddock_token_store_save_finish (PaddockTokenStore  *self,
                                 GAsyncResult       *result,
                                 GError            **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * paddock_token_store_list_async:
 * @self: a #PaddockTokenStore
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Lists the stored sign-ins without reading their secrets, so it needs no unlocked
 * keyring. The credentials have an environment, an account id, the item's label and
 * creation time, and the account number when the label is still the one Paddock wrote;
 * they have no access token: load one to get it.
 */
void
paddock_token_store_list_async (PaddockTokenStore   *self,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;
  g_autoptr (GHashTable) attributes = NULL;
  Operation *op;

  g_return_if_fail (PADDOCK_IS_TOKEN_STORE (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = operation_new (self, paddock_token_store_list_async, NULL, cancellable,
                        callback, user_data);
  op = g_task_get_task_data (task);

  attributes = secret_attributes_build (&token_schema,
                                        "schema-version", TOKEN_SCHEMA_VERSION,
                                        NULL);
  search_schema (op, &token_schema, attributes, SECRET_SEARCH_ALL, search_cb,
                 g_steal_pointer (&task));
}

/**
 * paddock_token_store_list_finish:
 * @self: a #PaddockTokenStore
 * @result: the result passed to the callback
 * @error: return location for a #GError
 *
 * Returns: (transfer full): a #GListModel of #PaddockCredentials without tokens, sorted by
 *   environment and account id, or %NULL with @error set
 */
GListModel *
paddock_token_store_list_finish (PaddockTokenStore  *self,
                                 GAsyncResult       *result,
                                 GError            **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * paddock_token_store_load_async:
 * @self: a #PaddockTokenStore
 * @environment: the account's environment
 * @account_id: the Alpaca account id
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Reads the stored sign-in of one account, with its access token. This may ask the
 * Secret Service to unlock the keyring.
 */
void
paddock_token_store_load_async (PaddockTokenStore   *self,
                                PaddockEnvironment   environment,
                                const char          *account_id,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;
  g_autoptr (GHashTable) attributes = NULL;
  Operation *op;

  g_return_if_fail (PADDOCK_IS_TOKEN_STORE (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = operation_new (self, paddock_token_store_load_async, account_id,
                        cancellable, callback, user_data);
  op = g_task_get_task_data (task);
  op->environment = environment;

  if (!check_account (task, environment, account_id))
    return;

  attributes = token_attributes (environment, account_id);
  op->got_value = got_token;
  search_schema (op, &token_schema, attributes, SECRET_SEARCH_UNLOCK, search_for_secret_cb,
                 g_steal_pointer (&task));
}

/**
 * paddock_token_store_load_finish:
 * @self: a #PaddockTokenStore
 * @result: the result passed to the callback
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the credentials with their access token, or %NULL with @error
 *   set; %PADDOCK_ERROR_NOT_AUTHORIZED if nothing is stored for the account
 */
PaddockCredentials *
paddock_token_store_load_finish (PaddockTokenStore  *self,
                                 GAsyncResult       *result,
                                 GError            **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * paddock_token_store_delete_async:
 * @self: a #PaddockTokenStore
 * @environment: the account's environment
 * @account_id: the Alpaca account id
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Removes the stored sign-in of one account (sign out). Removing what is not stored
 * succeeds.
 */
void
paddock_token_store_delete_async (PaddockTokenStore   *self,
                                  PaddockEnvironment   environment,
                                  const char          *account_id,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;
  g_autoptr (GHashTable) attributes = NULL;

  g_return_if_fail (PADDOCK_IS_TOKEN_STORE (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = operation_new (self, paddock_token_store_delete_async, account_id,
                        cancellable, callback, user_data);

  if (!check_account (task, environment, account_id))
    return;

  attributes = token_attributes (environment, account_id);
  clear_schema (g_steal_pointer (&task), &token_schema, g_steal_pointer (&attributes));
}

/**
 * paddock_token_store_delete_finish:
 * @self: a #PaddockTokenStore
 * @result: the result passed to the callback
 * @error: return location for a #GError
 *
 * Returns: %TRUE if nothing is stored for the account any more
 */
gboolean
paddock_token_store_delete_finish (PaddockTokenStore  *self,
                                   GAsyncResult       *result,
                                   GError            **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * paddock_token_store_save_client_secret_async:
 * @self: a #PaddockTokenStore
 * @client_id: the OAuth client ID
 * @client_secret: the OAuth client secret
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Stores the client secret of the person's own OAuth app, replacing an earlier one.
 */
void
paddock_token_store_save_client_secret_async (PaddockTokenStore   *self,
                                              const char          *client_id,
                                              const char          *client_secret,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;
  g_autoptr (GHashTable) attributes = NULL;
  g_autoptr (SecretValue) value = NULL;
  g_autofree char *label = NULL;
  Operation *op;

  g_return_if_fail (PADDOCK_IS_TOKEN_STORE (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = operation_new (self, paddock_token_store_save_client_secret_async, NULL,
                        cancellable, callback, user_data);
  op = g_task_get_task_data (task);

  if (!check_client_id (task, client_id))
    return;
  if (client_secret == NULL || client_secret[0] == '\0')
    {
      g_task_return_new_error (task, PADDOCK_ERROR, PADDOCK_ERROR_INVALID_INPUT, "%s",
                               _("The client secret is empty."));
      return;
    }
  if (strlen (client_secret) > PADDOCK_CLIENT_SECRET_MAX_LEN ||
      !g_utf8_validate (client_secret, -1, NULL))
    {
      g_task_return_new_error (task, PADDOCK_ERROR, PADDOCK_ERROR_INVALID_INPUT,
                               _("A client secret is text of at most %d bytes."),
                               PADDOCK_CLIENT_SECRET_MAX_LEN);
      return;
    }

  attributes = client_secret_attributes (client_id);
  label = g_strdup_printf ("Paddock OAuth client secret for %s", client_id);
  value = secret_value_new (client_secret, -1, "text/plain");
  if (sandbox_without_bus (task))
    return;
  secret_password_storev_binary (&client_secret_schema, attributes, SECRET_COLLECTION_DEFAULT,
                                 label, value, op->cancellable, store_cb,
                                 g_steal_pointer (&task));
}

/**
 * paddock_token_store_save_client_secret_finish:
 * @self: a #PaddockTokenStore
 * @result: the result passed to the callback
 * @error: return location for a #GError
 *
 * Returns: %TRUE if the client secret was stored
 */
gboolean
paddock_token_store_save_client_secret_finish (PaddockTokenStore  *self,
                                               GAsyncResult       *result,
                                               GError            **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * paddock_token_store_load_client_secret_async:
 * @self: a #PaddockTokenStore
 * @client_id: the OAuth client ID
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Reads the stored client secret of an OAuth app.
 */
void
paddock_token_store_load_client_secret_async (PaddockTokenStore   *self,
                                              const char          *client_id,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;
  g_autoptr (GHashTable) attributes = NULL;
  Operation *op;

  g_return_if_fail (PADDOCK_IS_TOKEN_STORE (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = operation_new (self, paddock_token_store_load_client_secret_async, NULL,
                        cancellable, callback, user_data);
  op = g_task_get_task_data (task);

  if (!check_client_id (task, client_id))
    return;

  attributes = client_secret_attributes (client_id);
  op->got_value = got_client_secret;
  search_schema (op, &client_secret_schema, attributes, SECRET_SEARCH_UNLOCK,
                 search_for_secret_cb,
                 g_steal_pointer (&task));
}

/**
 * paddock_token_store_load_client_secret_finish:
 * @self: a #PaddockTokenStore
 * @result: the result passed to the callback
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the client secret (wipe it when done), or %NULL with @error
 *   set; %PADDOCK_ERROR_NOT_FOUND if none is stored
 */
char *
paddock_token_store_load_client_secret_finish (PaddockTokenStore  *self,
                                               GAsyncResult       *result,
                                               GError            **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * paddock_token_store_delete_client_secret_async:
 * @self: a #PaddockTokenStore
 * @client_id: the OAuth client ID
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Removes the stored client secret of an OAuth app. Removing what is not stored succeeds.
 */
void
paddock_token_store_delete_client_secret_async (PaddockTokenStore   *self,
                                                const char          *client_id,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;
  g_autoptr (GHashTable) attributes = NULL;

  g_return_if_fail (PADDOCK_IS_TOKEN_STORE (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = operation_new (self, paddock_token_store_delete_client_secret_async, NULL,
                        cancellable, callback, user_data);

  if (!check_client_id (task, client_id))
    return;

  attributes = client_secret_attributes (client_id);
  clear_schema (g_steal_pointer (&task), &client_secret_schema, g_steal_pointer (&attributes));
}

/**
 * paddock_token_store_delete_client_secret_finish:
 * @self: a #PaddockTokenStore
 * @result: the result passed to the callback
 * @error: return location for a #GError
 *
 * Returns: %TRUE if no client secret is stored for the app any more
 */
gboolean
paddock_token_store_delete_client_secret_finish (PaddockTokenStore  *self,
                                                 GAsyncResult       *result,
                                                 GError            **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
