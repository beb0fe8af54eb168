/* paddock-position-store.c: the account's open positions, a GListModel kept up to date
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A refresh (GET /v2/positions) updates the rows in place: a symbol already shown keeps
 * its PaddockPosition (only the properties that changed notify), a new one is inserted, a
 * closed one removed, rows end in the server's order, and items-changed names only the
 * rows that came or went. A failed refresh keeps the rows and sets "error" until the next
 * success, so that a view can say its figures may be stale. Refreshes do not pile up, and
 * none is lost: those asked for while one is on its way share exactly one more fetch, made
 * when it ends.
 */
#define G_LOG_DOMAIN "paddock-position-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "paddock-error.h"
#include "paddock-position-store.h"
#include "paddock-store-private.h"

struct _PaddockPositionStore
{
  GObject parent_instance;

  PaddockClient *client;
  GPtrArray *rows;          /* PaddockPosition, owned */
  GHashTable *by_symbol;    /* symbol (own copy) → PaddockPosition (borrowed from rows) */
  PaddockStoreFreshness fresh;
  GCancellable *cancellable;
  GPtrArray *waiting;       /* GTask of refreshes that finish with the one on its way */
  GPtrArray *again;         /* GTask of refreshes asked for since: one more fetch */
};

static void paddock_position_store_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (PaddockPositionStore, paddock_position_store, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      paddock_position_store_list_model_init))

enum {
  PROP_LOADING = PADDOCK_STORE_PROP_LOADING,
  PROP_N_ITEMS = PADDOCK_STORE_N_PROPS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GType
list_get_item_type (GListModel *model)
{
  return PADDOCK_TYPE_POSITION;
}

static guint
list_get_n_items (GListModel *model)
{
  return PADDOCK_POSITION_STORE (model)->rows->len;
}

static gpointer
list_get_item (GListModel *model,
               guint       position)
{
  PaddockPositionStore *self = PADDOCK_POSITION_STORE (model);

  if (position >= self->rows->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->rows, position));
}

static void
paddock_position_store_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = list_get_item_type;
  iface->get_n_items = list_get_n_items;
  iface->get_item = list_get_item;
}

static void
rows_changed (PaddockPositionStore *self,
              guint                 position,
              guint                 removed,
              guint                 added)
{
  g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
  if (removed != added)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

static void start_fetch (PaddockPositionStore *self);

static void
finish_waiting (PaddockPositionStore *self,
                const GError         *error)
{
  g_autoptr (GPtrArray) waiting = g_steal_pointer (&self->waiting);
  gboolean again = self->again->len > 0 && !g_cancellable_is_cancelled (self->cancellable);

  /* those asked for meanwhile get a fetch made after they asked */
  if (again)
    {
      self->waiting = g_steal_pointer (&self->again);
      self->again = g_ptr_array_new_with_free_func (g_object_unref);
    }
  else
    {
      self->waiting = g_ptr_array_new_with_free_func (g_object_unref);
      g_ptr_array_extend_and_steal (waiting, g_steal_pointer (&self->again));
      self->again = g_ptr_array_new_with_free_func (g_object_unref);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
    }
  for (guint i = 0; i < waiting->len; i++)
    {
      GTask *task = g_ptr_array_index (waiting, i);

      if (error != NULL)
        g_task_return_error (task, g_error_copy (error));
      else
        g_task_return_boolean (task, TRUE);
    }
  if (again)
    start_fetch (self);
}

/* Makes the rows the server's list: same symbol → same object updated in place */
static gboolean
apply_list (PaddockPositionStore  *self,
            JsonNode              *root,
            GError               **error)
{
  g_autoptr (GPtrArray) fresh = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GHashTable) wanted = g_hash_table_new (g_str_hash, g_str_equal);
  JsonArray *array;
  guint n;

  if (!JSON_NODE_HOLDS_ARRAY (root))
    {
      g_set_error_literal (error, PADDOCK_ERROR, PADDOCK_ERROR_PROTOCOL,
                           _("The server sent a malformed reply: positions are not a list."));
      return FALSE;
    }
  array = json_node_get_array (root);
  n = json_array_get_length (array);

  /* every element must be valid before anything shown changes */
  for (guint i = 0; i < n; i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      PaddockPosition *p = paddock_position_new_from_json (node, error);

      if (p == NULL)
        return FALSE;
      if (g_hash_table_contains (wanted, paddock_position_get_symbol (p)))
        {
          g_object_unref (p);
          continue;
        }
      paddock_store_set_row_json (p, node);
      g_hash_table_add (wanted, (gpointer) paddock_position_get_symbol (p));
      g_ptr_array_add (fresh, p);
    }

  /* gone: remove, back to front */
  for (guint i = self->rows->len; i > 0; i--)
    {
      PaddockPosition *row = g_ptr_array_index (self->rows, i - 1);
      const char *symbol = paddock_position_get_symbol (row);

      if (!g_hash_table_contains (wanted, symbol))
        {
          g_hash_table_remove (self->by_symbol, symbol);
          g_ptr_array_remove_index (self->rows, i - 1);
          rows_changed (self, i - 1, 1, 0);
        }
    }

  for (guint i = 0; i < fresh->len; i++)
    {
      PaddockPosition *next = g_ptr_array_index (fresh, i);
      PaddockPosition *row = g_hash_table_lookup (self->by_symbol,
                                                  paddock_position_get_symbol (next));
      JsonNode *node = paddock_store_get_row_json (next);

      if (row != NULL)
        {
          guint at;

          if (!paddock_position_update_from_json (row, node, NULL, error))
            return FALSE;
          paddock_store_set_row_json (row, node);
          if (g_ptr_array_find (self->rows, row, &at) && at != i)
            {
              /* the server's order changed: move the row */
              g_object_ref (row);
              g_ptr_array_remove_index (self->rows, at);
              rows_changed (self, at, 1, 0);
              g_ptr_array_insert (self->rows, i, row);
              rows_changed (self, i, 0, 1);
            }
        }
      else
        {
          g_ptr_array_insert (self->rows, i, g_object_ref (next));
          g_hash_table_insert (self->by_symbol, g_strdup (paddock_position_get_symbol (next)),
                               next);
          rows_changed (self, i, 0, 1);
        }
    }
  return TRUE;
}

static void
request_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr (PaddockPositionStore) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) root = NULL;

  root = paddock_client_request_finish (PADDOCK_CLIENT (object), result, &error);
  if (root != NULL && apply_list (self, root, &error))
    paddock_store_succeeded (self, &self->fresh, properties);
  else
    paddock_store_failed (self, &self->fresh, properties, "refreshing positions", error);
  finish_waiting (self, error);
}

static void
paddock_position_store_dispose (GObject *object)
{
  PaddockPositionStore *self = PADDOCK_POSITION_STORE (object);

  g_cancellable_cancel (self->cancellable);

  G_OBJECT_CLASS (paddock_position_store_parent_class)->dispose (object);
}

static void
paddock_position_store_finalize (GObject *object)
{
  PaddockPositionStore *self = PADDOCK_POSITION_STORE (object);

  g_clear_object (&self->client);
  g_clear_pointer (&self->by_symbol, g_hash_table_unref);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  paddock_store_freshness_clear (&self->fresh);
  g_clear_pointer (&self->waiting, g_ptr_array_unref);
  g_clear_pointer (&self->again, g_ptr_array_unref);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (paddock_position_store_parent_class)->finalize (object);
}

static void
paddock_position_store_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  PaddockPositionStore *self = PADDOCK_POSITION_STORE (object);

  if (paddock_store_get_freshness_property (&self->fresh,
                                            paddock_position_store_get_loading (self),
                                            prop_id, value))
    return;

  switch (prop_id)
    {
    case PROP_N_ITEMS:
      g_value_set_uint (value, self->rows->len);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
paddock_position_store_class_init (PaddockPositionStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = paddock_position_store_dispose;
  object_class->finalize = paddock_position_store_finalize;
  object_class->get_property = paddock_position_store_get_property;

  /* loading, updated-at, error: see paddock-store-private.h */
  paddock_store_class_add_freshness (properties);
  properties[PROP_N_ITEMS] = g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                                                PADDOCK_STORE_PROP_FLAGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
paddock_position_store_init (PaddockPositionStore *self)
{
  self->rows = g_ptr_array_new_with_free_func (g_object_unref);
  /* keys of their own: an update may replace a row's strings */
  self->by_symbol = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->cancellable = g_cancellable_new ();
  self->waiting = g_ptr_array_new_with_free_func (g_object_unref);
  self->again = g_ptr_array_new_with_free_func (g_object_unref);
}

/**
 * paddock_position_store_new:
 * @client: the account's client
 *
 * Returns: (transfer full): an empty store; refresh it to fill it
 */
PaddockPositionStore *
paddock_position_store_new (PaddockClient *client)
{
  PaddockPositionStore *self;

  g_return_val_if_fail (PADDOCK_IS_CLIENT (client), NULL);

  self = g_object_new (PADDOCK_TYPE_POSITION_STORE, NULL);
  self->client = g_object_ref (client);
  return self;
}

gboolean
paddock_position_store_get_loading (PaddockPositionStore *self)
{
  g_return_val_if_fail (PADDOCK_IS_POSITION_STORE (self), FALSE);
  return self->waiting->len > 0;
}

GDateTime *
paddock_position_store_get_updated_at (PaddockPositionStore *self)
{
  g_return_val_if_fail (PADDOCK_IS_POSITION_STORE (self), NULL);
  return self->fresh.updated_at;
}

const GError *
paddock_position_store_get_error (PaddockPositionStore *self)
{
  g_return_val_if_fail (PADDOCK_IS_POSITION_STORE (self), NULL);
  return self->fresh.error;
}

/**
 * paddock_position_store_lookup:
 *
 * Returns: (transfer none) (nullable): the row of @symbol
 */
PaddockPosition *
paddock_position_store_lookup (PaddockPositionStore *self,
                               const char           *symbol)
{
  g_return_val_if_fail (PADDOCK_IS_POSITION_STORE (self), NULL);
  return symbol != NULL ? g_hash_table_lookup (self->by_symbol, symbol) : NULL;
}

/**
 * paddock_position_store_dup_json:
 *
 * Returns: (transfer full): a JSON array of the rows as the server last sent them
 */
JsonNode *
paddock_position_store_dup_json (PaddockPositionStore *self)
{
  g_return_val_if_fail (PADDOCK_IS_POSITION_STORE (self), NULL);
  return paddock_store_rows_to_json (self->rows);
}

static void
start_fetch (PaddockPositionStore *self)
{
  paddock_client_request_async (self->client, "GET", "/v2/positions", NULL, NULL,
                                PADDOCK_REQUEST_IDEMPOTENT, self->cancellable, request_cb,
                                g_object_ref (self));
}

/**
 * paddock_position_store_refresh_async:
 *
 * Fetches the positions again and updates the rows in place. @cancellable cancels only
 * the wait of this call; the store's own fetch ends when the store is disposed.
 */
void
paddock_position_store_refresh_async (PaddockPositionStore *self,
                                      GCancellable         *cancellable,
                                      GAsyncReadyCallback   callback,
                                      gpointer              user_data)
{
  GTask *task;

  g_return_if_fail (PADDOCK_IS_POSITION_STORE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, paddock_position_store_refresh_async);
  g_task_set_check_cancellable (task, FALSE);

  if (self->waiting->len > 0)
    {
      /* one is on its way: this one gets the next fetch */
      g_ptr_array_add (self->again, task);
      return;
    }
  g_ptr_array_add (self->waiting, task);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
  start_fetch (self);
}

gboolean
paddock_position_store_refresh_finish (PaddockPositionStore  *self,
                                       GAsyncResult          *result,
                                       GError               **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
