/* paddock-watchlist.c: Alpaca's watchlist object, and the calls that read and change them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The members are described once, in a table (paddock-model-private.h); the assets are
 * PaddockAsset objects in a GListStore. Renaming and reordering are a PUT, which replaces
 * the name and the symbols together: both read the watchlist first, so that the PUT
 * carries its current symbols (a rename) or its current name (a reorder) and a reorder
 * never drops a symbol added meanwhile.
 */
#define G_LOG_DOMAIN "paddock-watchlist"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "paddock-error.h"
#include "paddock-model-private.h"
#include "paddock-watchlist.h"

/* the longest id or symbol put into a path (this only bounds the path) */
#define MAX_PATH_SEGMENT_LENGTH 128

enum {
  F_ID,
  F_ACCOUNT_ID,
  F_NAME,
  F_CREATED_AT,
  F_UPDATED_AT,
  N_FIELDS
};

#define REQUIRED PADDOCK_FIELD_REQUIRED
#define LENIENT PADDOCK_FIELD_LENIENT

static const PaddockField fields[N_FIELDS] = {
  [F_ID] = { "id", PADDOCK_FIELD_STRING, REQUIRED },
  [F_ACCOUNT_ID] = { "account_id", PADDOCK_FIELD_STRING, LENIENT },
  [F_NAME] = { "name", PADDOCK_FIELD_STRING, REQUIRED },
  [F_CREATED_AT] = { "created_at", PADDOCK_FIELD_TIME, LENIENT },
  [F_UPDATED_AT] = { "updated_at", PADDOCK_FIELD_TIME, LENIENT },
};

static GParamSpec *field_pspecs[N_FIELDS];
static GParamSpec *code_pspecs[N_FIELDS];

static const PaddockFieldTable table = {
  "watchlist", fields, N_FIELDS, field_pspecs, code_pspecs,
};

enum {
  PROP_HAS_ASSETS = PADDOCK_MODEL_OWN_PROP_BASE,
  PROP_ASSETS,
};

struct _PaddockWatchlist
{
  GObject parent_instance;

  PaddockFieldValue values[N_FIELDS];
  gboolean has_assets;
  GListStore *assets;     /* PaddockAsset, the broker's order */
};

G_DEFINE_FINAL_TYPE (PaddockWatchlist, paddock_watchlist, G_TYPE_OBJECT)

/* What a call does, for its task data */
typedef enum {
  CALL_GET,
  CALL_CREATE,
  CALL_RENAME,
  CALL_REORDER,
  CALL_ADD_SYMBOL,
  CALL_REMOVE_SYMBOL,
  CALL_DELETE,
} Call;

typedef struct
{
  Call call;
  char *id;
  char *name;         /* RENAME */
  GStrv symbols;      /* REORDER */
} CallData;

static void
call_data_free (CallData *data)
{
  g_free (data->id);
  g_free (data->name);
  g_strfreev (data->symbols);
  g_free (data);
}

/* ---- the object --------------------------------------------------------------------- */

static void
paddock_watchlist_finalize (GObject *object)
{
  PaddockWatchlist *self = PADDOCK_WATCHLIST (object);

  _paddock_model_clear (&table, self->values);
  g_clear_object (&self->assets);

  G_OBJECT_CLASS (paddock_watchlist_parent_class)->finalize (object);
}

static void
paddock_watchlist_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  PaddockWatchlist *self = PADDOCK_WATCHLIST (object);

  if (prop_id == PROP_HAS_ASSETS)
    g_value_set_boolean (value, self->has_assets);
  else if (prop_id == PROP_ASSETS)
    g_value_set_object (value, self->assets);
  else if (!_paddock_model_get_property (&table, self->values, prop_id, value))
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
paddock_watchlist_class_init (PaddockWatchlistClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = paddock_watchlist_finalize;
  object_class->get_property = paddock_watchlist_get_property;

  _paddock_model_install (object_class, &table);
  g_object_class_install_property (object_class, PROP_HAS_ASSETS,
                                   g_param_spec_boolean ("has-assets", NULL, NULL, FALSE,
                                                         G_PARAM_READABLE |
                                                         G_PARAM_STATIC_STRINGS));
  g_object_class_install_property (object_class, PROP_ASSETS,
                                   g_param_spec_object ("assets", NULL, NULL, G_TYPE_LIST_MODEL,
                                                        G_PARAM_READABLE |
                                                        G_PARAM_STATIC_STRINGS));
}

static void
paddock_watchlist_init (PaddockWatchlist *self)
{
  self->assets = g_list_store_new (PADDOCK_TYPE_ASSET);
}

/**
 * paddock_watchlist_new_from_json:
 * @node: the watchlist object as Alpaca sends it
 *
 * Returns: (transfer full): the watchlist, or %NULL with %PADDOCK_ERROR_PROTOCOL
 */
PaddockWatchlist *
paddock_watchlist_new_from_json (JsonNode  *node,
                                 GError   **error)
{
  g_autoptr (PaddockWatchlist) self = g_object_new (PADDOCK_TYPE_WATCHLIST, NULL);
  JsonNode *assets;

  if (!_paddock_model_check_object (&table, node, error) ||
      !_paddock_model_parse (&table, json_node_get_object (node), self->values, error))
    return NULL;

  assets = json_object_get_member (json_node_get_object (node), "assets");
  if (assets == NULL || JSON_NODE_HOLDS_NULL (assets))
    return g_steal_pointer (&self);
  if (!JSON_NODE_HOLDS_ARRAY (assets))
    {
      g_set_error_literal (error, PADDOCK_ERROR, PADDOCK_ERROR_PROTOCOL,
                           _("The watchlist’s assets are not a list."));
      return NULL;
    }

  self->has_assets = TRUE;
  for (guint i = 0; i < json_array_get_length (json_node_get_array (assets)); i++)
    {
      JsonNode *element = json_array_get_element (json_node_get_array (assets), i);
      g_autoptr (PaddockAsset) asset = paddock_asset_new_from_json (element, error);

      if (asset == NULL)
        return NULL;
      g_list_store_append (self->assets, asset);
    }
  return g_steal_pointer (&self);
}

#define TEXT_GETTER(fn, f) \
  const char * \
  paddock_watchlist_get_##fn (PaddockWatchlist *self) \
  { \
    g_return_val_if_fail (PADDOCK_IS_WATCHLIST (self), NULL); \
    return self->values[f].text; \
  }

#define TIME_GETTER(fn, f) \
  GDateTime * \
  paddock_watchlist_get_##fn (PaddockWatchlist *self) \
  { \
    g_return_val_if_fail (PADDOCK_IS_WATCHLIST (self), NULL); \
    return self->values[f].time; \
  }

TEXT_GETTER (id, F_ID)
TEXT_GETTER (account_id, F_ACCOUNT_ID)
TEXT_GETTER (name, F_NAME)
TIME_GETTER (created_at, F_CREATED_AT)
TIME_GETTER (updated_at, F_UPDATED_AT)

/**
 * paddock_watchlist_get_has_assets:
 *
 * Returns: whether the reply carried the assets (the list of every watchlist may not)
 */
gboolean
paddock_watchlist_get_has_assets (PaddockWatchlist *self)
{
  g_return_val_if_fail (PADDOCK_IS_WATCHLIST (self), FALSE);
  return self->has_assets;
}

/**
 * paddock_watchlist_get_assets:
 *
 * Returns: (transfer none): the PaddockAsset objects, in the broker's order; empty when
 *   the reply left them out
 */
GListModel *
paddock_watchlist_get_assets (PaddockWatchlist *self)
{
  g_return_val_if_fail (PADDOCK_IS_WATCHLIST (self), NULL);
  return G_LIST_MODEL (self->assets);
}

/**
 * paddock_watchlist_dup_symbols:
 *
 * Returns: (transfer full): the symbols of the assets, in order
 */
GStrv
paddock_watchlist_dup_symbols (PaddockWatchlist *self)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  guint n;

  g_return_val_if_fail (PADDOCK_IS_WATCHLIST (self), NULL);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->assets));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (PaddockAsset) asset = g_list_model_get_item (G_LIST_MODEL (self->assets), i);

      g_strv_builder_add (builder, paddock_asset_get_symbol (asset));
    }
  return g_strv_builder_end (builder);
}

/* ---- checking input ----------------------------------------------------------------- */

/* @text escaped as one path segment, or NULL with PADDOCK_ERROR_INVALID_INPUT */
static char *
path_segment (const char  *text,
              const char  *empty_message,
              GError     **error)
{
  if (text == NULL || *text == '\0')
    {
      g_set_error_literal (error, PADDOCK_ERROR, PADDOCK_ERROR_INVALID_INPUT, empty_message);
      return NULL;
    }
  if (strlen (text) > MAX_PATH_SEGMENT_LENGTH || !g_utf8_validate (text, -1, NULL))
    {
      g_set_error_literal (error, PADDOCK_ERROR, PADDOCK_ERROR_INVALID_INPUT,
                           _("That is too long to be a watchlist or a symbol."));
      return NULL;
    }
  for (const char *p = text; *p != '\0'; p++)
    if (g_ascii_iscntrl (*p) || *p == ' ' || *p == '/')
      {
        g_set_error_literal (error, PADDOCK_ERROR, PADDOCK_ERROR_INVALID_INPUT,
                             _("A watchlist id or a symbol has no spaces or slashes."));
        return NULL;
      }
  return g_uri_escape_string (text, NULL, FALSE);
}

static char *
watchlist_path (const char  *id,
                const char  *symbol,
                GError     **error)
{
  g_autofree char *id_segment = path_segment (id, _("Choose a watchlist."), error);
  g_autofree char *symbol_segment = NULL;

  if (id_segment == NULL)
    return NULL;
  if (symbol == NULL)
    return g_strconcat ("/v2/watchlists/", id_segment, NULL);
  symbol_segment = path_segment (symbol, _("Enter a symbol, such as AAPL."), error);
  if (symbol_segment == NULL)
    return NULL;
  return g_strconcat ("/v2/watchlists/", id_segment, "/", symbol_segment, NULL);
}

static gboolean
check_name (const char  *name,
            GError     **error)
{
  g_autofree char *stripped = NULL;

  if (name == NULL || !g_utf8_validate (name, -1, NULL))
    name = "";
  stripped = g_strstrip (g_strdup (name));
  if (*stripped == '\0')
    {
      g_set_error_literal (error, PADDOCK_ERROR, PADDOCK_ERROR_INVALID_INPUT,
                           _("Give the watchlist a name."));
      return FALSE;
    }
  if (g_utf8_strlen (name, -1) > PADDOCK_WATCHLIST_NAME_MAX)
    {
      g_set_error (error, PADDOCK_ERROR, PADDOCK_ERROR_INVALID_INPUT,
                   _("A watchlist’s name has at most %d characters."),
                   PADDOCK_WATCHLIST_NAME_MAX);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_symbols (const char * const  *symbols,
               GError             **error)
{
  for (guint i = 0; symbols != NULL && symbols[i] != NULL; i++)
    {
      g_autofree char *segment = path_segment (symbols[i], _("Enter a symbol, such as AAPL."),
                                               error);

      if (segment == NULL)
        return FALSE;
    }
  return TRUE;
}

/* {"name": name, "symbols": [symbols…]} */
static JsonNode *
name_and_symbols_body (const char         *name,
                       const char * const *symbols)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "name");
  json_builder_add_string_value (b, name);
  json_builder_set_member_name (b, "symbols");
  json_builder_begin_array (b);
  for (guint i = 0; symbols != NULL && symbols[i] != NULL; i++)
    json_builder_add_string_value (b, symbols[i]);
  json_builder_end_array (b);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

/* ---- replies ------------------------------------------------------------------------ */

/* A refusal of a change: a 403 means the token lacks account:write (reads need no scope,
 * and nothing else about a watchlist is forbidden) */
static GError *
write_error (GError *error)
{
  GError *missing;

  if (!g_error_matches (error, PADDOCK_ERROR, PADDOCK_ERROR_REJECTED) ||
      paddock_error_get_http_status (error) != 403)
    return error;

  missing = g_error_new_literal (PADDOCK_ERROR, PADDOCK_ERROR_MISSING_SCOPE,
                                 _("Your sign-in did not grant Paddock the permission to "
                                   "change account settings and watchlists. Sign in again "
                                   "and allow it to make this change."));
  paddock_error_set_api_details (missing, 403, paddock_error_get_api_code (error));
  g_error_free (error);
  return missing;
}

static void
return_error (GTask  *task,
              GError *error)
{
  CallData *data = g_task_get_task_data (task);

  if (data->call != CALL_GET)
    error = write_error (error);
  g_task_return_error (task, error);
}

static void
return_watchlist (GTask    *task,
                  JsonNode *node)
{
  GError *error = NULL;
  PaddockWatchlist *watchlist = paddock_watchlist_new_from_json (node, &error);

  if (watchlist == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, watchlist, g_object_unref);
}

static void
watchlist_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  GError *error = NULL;
  g_autoptr (JsonNode) node = NULL;

  node = paddock_client_request_finish (PADDOCK_CLIENT (object), result, &error);
  if (node == NULL)
    return_error (task, error);
  else
    return_watchlist (task, node);
}

static void
removed_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  CallData *data = g_task_get_task_data (task);
  GError *error = NULL;
  g_autoptr (JsonNode) node = NULL;
  g_autofree char *path = NULL;
  GCancellable *cancellable;

  node = paddock_client_request_finish (PADDOCK_CLIENT (object), result, &error);
  if (node == NULL)
    {
      return_error (task, error);
      return;
    }
  if (!JSON_NODE_HOLDS_NULL (node))
    {
      return_watchlist (task, node);
      return;
    }

  /* older servers answer the removal without a body (alpaca-api.md §2.6): read it back */
  path = watchlist_path (data->id, NULL, &error);
  g_assert (path != NULL);
  cancellable = g_task_get_cancellable (task);
  paddock_client_request_async (PADDOCK_CLIENT (object), "GET", path, NULL, NULL,
                                PADDOCK_REQUEST_IDEMPOTENT, cancellable, watchlist_cb,
                                g_steal_pointer (&task));
}

/* a rename or reorder: the watchlist as it is now is read, then put back changed */
static void
read_before_put_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  CallData *data = g_task_get_task_data (task);
  GError *error = NULL;
  g_autoptr (JsonNode) node = NULL;
  g_autoptr (JsonNode) body = NULL;
  g_autoptr (PaddockWatchlist) current = NULL;
  g_auto (GStrv) symbols = NULL;
  g_autofree char *path = NULL;
  GCancellable *cancellable;

  node = paddock_client_request_finish (PADDOCK_CLIENT (object), result, &error);
  if (node == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  current = paddock_watchlist_new_from_json (node, &error);
  if (current == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  symbols = paddock_watchlist_dup_symbols (current);

  if (data->call == CALL_RENAME)
    body = name_and_symbols_body (data->name, (const char * const *) symbols);
  else
    {
      guint n = g_strv_length (symbols);
      gboolean same = g_strv_length (data->symbols) == n;

      /* a new order of exactly the symbols it holds: no more, no fewer, none twice */
      for (guint i = 0; same && i < n; i++)
        same = g_strv_contains ((const char * const *) data->symbols, symbols[i]) &&
               g_strv_contains ((const char * const *) symbols, data->symbols[i]);
      for (guint i = 0; same && i < n; i++)
        for (guint j = i + 1; same && j < n; j++)
          same = g_strcmp0 (data->symbols[i], data->symbols[j]) != 0;
      if (!same)
        {
          g_task_return_new_error (task, PADDOCK_ERROR, PADDOCK_ERROR_INVALID_INPUT,
                                   _("The new order must list each symbol of the watchlist "
                                     "exactly once."));
          return;
        }
      body = name_and_symbols_body (paddock_watchlist_get_name (current),
                                    (const char * const *) data->symbols);
    }

  path = watchlist_path (data->id, NULL, &error);
  g_assert (path != NULL);
  cancellable = g_task_get_cancellable (task);
  /* the same PUT twice leaves the same watchlist: it may be retried */
  paddock_client_request_async (PADDOCK_CLIENT (object), "PUT", path, NULL, body,
                                PADDOCK_REQUEST_IDEMPOTENT, cancellable, watchlist_cb,
                                g_steal_pointer (&task));
}

static void
list_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  GError *error = NULL;
  g_autoptr (JsonNode) node = NULL;
  g_autoptr (GPtrArray) list = NULL;
  JsonArray *array;

  node = paddock_client_request_finish (PADDOCK_CLIENT (object), result, &error);
  if (node == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      g_task_return_new_error (task, PADDOCK_ERROR, PADDOCK_ERROR_PROTOCOL,
                               _("The list of watchlists is not a JSON array."));
      return;
    }

  array = json_node_get_array (node);
  list = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      PaddockWatchlist *watchlist = paddock_watchlist_new_from_json (element, &error);

      if (watchlist == NULL)
        {
          g_task_return_error (task, error);
          return;
        }
      g_ptr_array_add (list, watchlist);
    }
  g_task_return_pointer (task, g_steal_pointer (&list), (GDestroyNotify) g_ptr_array_unref);
}

static void
deleted_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  GError *error = NULL;
  g_autoptr (JsonNode) node = NULL;

  node = paddock_client_request_finish (PADDOCK_CLIENT (object), result, &error);
  if (node == NULL)
    return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/* ---- the calls ---------------------------------------------------------------------- */

static GTask *
call_task_new (PaddockClient       *client,
               gpointer             source_tag,
               Call                 call,
               const char          *id,
               GCancellable        *cancellable,
               GAsyncReadyCallback  callback,
               gpointer             user_data)
{
  GTask *task = g_task_new (client, cancellable, callback, user_data);
  CallData *data = g_new0 (CallData, 1);

  g_task_set_source_tag (task, source_tag);
  data->call = call;
  data->id = g_strdup (id);
  g_task_set_task_data (task, data, (GDestroyNotify) call_data_free);
  return task;
}

static gpointer
call_finish (PaddockClient  *client,
             GAsyncResult   *result,
             gpointer        source_tag,
             GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, client), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * paddock_watchlists_list_async:
 * @client: a Trading API client
 *
 * Asks for `GET /v2/watchlists`: every watchlist of the account, usually without assets.
 */
void
paddock_watchlists_list_async (PaddockClient       *client,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (PADDOCK_IS_CLIENT (client));

  task = call_task_new (client, paddock_watchlists_list_async, CALL_GET, NULL, cancellable,
                        callback, user_data);
  paddock_client_request_async (client, "GET", "/v2/watchlists", NULL, NULL,
                                PADDOCK_REQUEST_IDEMPOTENT, cancellable, list_cb,
                                g_steal_pointer (&task));
}

/**
 * paddock_watchlists_list_finish:
 *
 * Returns: (transfer full) (element-type PaddockWatchlist): the watchlists, or %NULL
 */
GPtrArray *
paddock_watchlists_list_finish (PaddockClient  *client,
                                GAsyncResult   *result,
                                GError        **error)
{
  return call_finish (client, result, paddock_watchlists_list_async, error);
}

/**
 * paddock_watchlist_get_async:
 * @client: a Trading API client
 * @id: the watchlist's id
 *
 * Asks for `GET /v2/watchlists/{id}`, the watchlist with its assets.
 */
void
paddock_watchlist_get_async (PaddockClient       *client,
                             const char          *id,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;
  g_autofree char *path = NULL;
  GError *error = NULL;

  g_return_if_fail (PADDOCK_IS_CLIENT (client));

  task = call_task_new (client, paddock_watchlist_get_async, CALL_GET, id, cancellable,
                        callback, user_data);
  if ((path = watchlist_path (id, NULL, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  paddock_client_request_async (client, "GET", path, NULL, NULL, PADDOCK_REQUEST_IDEMPOTENT,
                                cancellable, watchlist_cb, g_steal_pointer (&task));
}

/**
 * paddock_watchlist_get_finish:
 *
 * Returns: (transfer full): the watchlist, or %NULL (%PADDOCK_ERROR_NOT_FOUND when the
 *   broker does not know it)
 */
PaddockWatchlist *
paddock_watchlist_get_finish (PaddockClient  *client,
                              GAsyncResult   *result,
                              GError        **error)
{
  return call_finish (client, result, paddock_watchlist_get_async, error);
}

/**
 * paddock_watchlist_create_async:
 * @client: a Trading API client
 * @name: the new watchlist's name (at most %PADDOCK_WATCHLIST_NAME_MAX characters)
 * @symbols: (nullable) (array zero-terminated=1): its symbols, in order
 *
 * `POST /v2/watchlists`, sent once (a second try could make a second list).
 */
void
paddock_watchlist_create_async (PaddockClient       *client,
                                const char          *name,
                                const char * const  *symbols,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;
  g_autoptr (JsonNode) body = NULL;
  GError *error = NULL;

  g_return_if_fail (PADDOCK_IS_CLIENT (client));

  task = call_task_new (client, paddock_watchlist_create_async, CALL_CREATE, NULL, cancellable,
                        callback, user_data);
  if (!check_name (name, &error) || !check_symbols (symbols, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  body = name_and_symbols_body (name, symbols);
  paddock_client_request_async (client, "POST", "/v2/watchlists", NULL, body,
                                PADDOCK_REQUEST_DEFAULT, cancellable, watchlist_cb,
                                g_steal_pointer (&task));
}

/**
 * paddock_watchlist_create_finish:
 *
 * Returns: (transfer full): the new watchlist, or %NULL (%PADDOCK_ERROR_REJECTED for a
 *   name in use, %PADDOCK_ERROR_NOT_FOUND for an unknown symbol,
 *   %PADDOCK_ERROR_MISSING_SCOPE without the permission)
 */
PaddockWatchlist *
paddock_watchlist_create_finish (PaddockClient  *client,
                                 GAsyncResult   *result,
                                 GError        **error)
{
  return call_finish (client, result, paddock_watchlist_create_async, error);
}

static void
read_then_put (PaddockClient       *client,
               gpointer             source_tag,
               Call                 call,
               const char          *id,
               const char          *name,
               const char * const  *symbols,
               GCancellable        *cancellable,
               GAsyncReadyCallback  callback,
               gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;
  g_autofree char *path = NULL;
  CallData *data;
  GError *error = NULL;

  task = call_task_new (client, source_tag, call, id, cancellable, callback, user_data);
  data = g_task_get_task_data (task);
  data->name = g_strdup (name);
  data->symbols = g_strdupv ((char **) symbols);
  if ((path = watchlist_path (id, NULL, &error)) == NULL ||
      (call == CALL_RENAME && !check_name (name, &error)) ||
      (call == CALL_REORDER && !check_symbols (symbols, &error)))
    {
      g_task_return_error (task, error);
      return;
    }
  paddock_client_request_async (client, "GET", path, NULL, NULL, PADDOCK_REQUEST_IDEMPOTENT,
                                cancellable, read_before_put_cb, g_steal_pointer (&task));
}

/**
 * paddock_watchlist_rename_async:
 * @client: a Trading API client
 * @id: the watchlist's id
 * @name: its new name
 *
 * Reads the watchlist, then `PUT /v2/watchlists/{id}` with the new name and its symbols.
 */
void
paddock_watchlist_rename_async (PaddockClient       *client,
                                const char          *id,
                                const char          *name,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_return_if_fail (PADDOCK_IS_CLIENT (client));

  read_then_put (client, paddock_watchlist_rename_async, CALL_RENAME, id, name, NULL,
                 cancellable, callback, user_data);
}

/**
 * paddock_watchlist_rename_finish:
 *
 * Returns: (transfer full): the renamed watchlist, or %NULL
 */
PaddockWatchlist *
paddock_watchlist_rename_finish (PaddockClient  *client,
                                 GAsyncResult   *result,
                                 GError        **error)
{
  return call_finish (client, result, paddock_watchlist_rename_async, error);
}

/**
 * paddock_watchlist_reorder_async:
 * @client: a Trading API client
 * @id: the watchlist's id
 * @symbols: (array zero-terminated=1): every symbol of the watchlist, in the new order
 *
 * Reads the watchlist, then `PUT /v2/watchlists/{id}` with its name and the symbols in
 * the new order. When @symbols is not exactly the watchlist's symbols (one was added or
 * removed meanwhile) nothing is changed: %PADDOCK_ERROR_INVALID_INPUT.
 */
void
paddock_watchlist_reorder_async (PaddockClient       *client,
                                 const char          *id,
                                 const char * const  *symbols,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  static const char * const none[] = { NULL };

  g_return_if_fail (PADDOCK_IS_CLIENT (client));

  read_then_put (client, paddock_watchlist_reorder_async, CALL_REORDER, id, NULL,
                 symbols != NULL ? symbols : none, cancellable, callback, user_data);
}

/**
 * paddock_watchlist_reorder_finish:
 *
 * Returns: (transfer full): the watchlist in its new order, or %NULL
 */
PaddockWatchlist *
paddock_watchlist_reorder_finish (PaddockClient  *client,
                                  GAsyncResult   *result,
                                  GError        **error)
{
  return call_finish (client, result, paddock_watchlist_reorder_async, error);
}

/**
 * paddock_watchlist_add_symbol_async:
 * @client: a Trading API client
 * @id: the watchlist's id
 * @symbol: the symbol to append
 *
 * `POST /v2/watchlists/{id}` with `{"symbol": …}`.
 */
void
paddock_watchlist_add_symbol_async (PaddockClient       *client,
                                    const char          *id,
                                    const char          *symbol,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;
  g_autoptr (JsonNode) body = NULL;
  g_autofree char *path = NULL;
  const char *symbols[] = { symbol != NULL ? symbol : "", NULL };
  GError *error = NULL;

  g_return_if_fail (PADDOCK_IS_CLIENT (client));

  task = call_task_new (client, paddock_watchlist_add_symbol_async, CALL_ADD_SYMBOL, id,
                        cancellable, callback, user_data);
  if ((path = watchlist_path (id, NULL, &error)) == NULL ||
      !check_symbols (symbols, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  /* the node takes the object: json_node_init_object() would add a reference of its own
   * and leak the object (found by memcheck) */
  body = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (body, json_object_new ());
  json_object_set_string_member (json_node_get_object (body), "symbol", symbol);
  /* a second try of an add that went through is refused (already there), not doubled */
  paddock_client_request_async (client, "POST", path, NULL, body, PADDOCK_REQUEST_DEFAULT,
                                cancellable, watchlist_cb, g_steal_pointer (&task));
}

/**
 * paddock_watchlist_add_symbol_finish:
 *
 * Returns: (transfer full): the watchlist with the symbol at its end, or %NULL
 *   (%PADDOCK_ERROR_NOT_FOUND for an unknown symbol, %PADDOCK_ERROR_REJECTED for one
 *   already in it)
 */
PaddockWatchlist *
paddock_watchlist_add_symbol_finish (PaddockClient  *client,
                                     GAsyncResult   *result,
                                     GError        **error)
{
  return call_finish (client, result, paddock_watchlist_add_symbol_async, error);
}

/**
 * paddock_watchlist_remove_symbol_async:
 * @client: a Trading API client
 * @id: the watchlist's id
 * @symbol: the symbol to remove
 *
 * `DELETE /v2/watchlists/{id}/{symbol}`.
 */
void
paddock_watchlist_remove_symbol_async (PaddockClient       *client,
                                       const char          *id,
                                       const char          *symbol,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;
  g_autofree char *path = NULL;
  GError *error = NULL;

  g_return_if_fail (PADDOCK_IS_CLIENT (client));

  task = call_task_new (client, paddock_watchlist_remove_symbol_async, CALL_REMOVE_SYMBOL, id,
                        cancellable, callback, user_data);
  if ((path = watchlist_path (id, symbol != NULL ? symbol : "", &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  paddock_client_request_async (client, "DELETE", path, NULL, NULL, PADDOCK_REQUEST_DEFAULT,
                                cancellable, removed_cb, g_steal_pointer (&task));
}

/**
 * paddock_watchlist_remove_symbol_finish:
 *
 * Returns: (transfer full): the watchlist without the symbol, or %NULL
 *   (%PADDOCK_ERROR_NOT_FOUND when it was not in it)
 */
PaddockWatchlist *
paddock_watchlist_remove_symbol_finish (PaddockClient  *client,
                                        GAsyncResult   *result,
                                        GError        **error)
{
  return call_finish (client, result, paddock_watchlist_remove_symbol_async, error);
}

/**
 * paddock_watchlist_delete_async:
 * @client: a Trading API client
 * @id: the watchlist's id
 *
 * `DELETE /v2/watchlists/{id}`.
 */
void
paddock_watchlist_delete_async (PaddockClient       *client,
                                const char          *id,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;
  g_autofree char *path = NULL;
  GError *error = NULL;

  g_return_if_fail (PADDOCK_IS_CLIENT (client));

  task = call_task_new (client, paddock_watchlist_delete_async, CALL_DELETE, id, cancellable,
                        callback, user_data);
  if ((path = watchlist_path (id, NULL, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  paddock_client_request_async (client, "DELETE", path, NULL, NULL, PADDOCK_REQUEST_DEFAULT,
                                cancellable, deleted_cb, g_steal_pointer (&task));
}

/**
 * paddock_watchlist_delete_finish:
 *
 * Returns: %TRUE once the broker has deleted it
 */
gboolean
paddock_watchlist_delete_finish (PaddockClient  *client,
                                 GAsyncResult   *result,
                                 GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, client), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        paddock_watchlist_delete_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
