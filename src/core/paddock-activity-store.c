/* paddock-activity-store.c: the account's activities, newest first, paged from the server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A GListModel of PaddockActivity in the server's order (newest first). History is paged
 * 100 at a time with page_token, the id of the last activity paged so far; rows are
 * merged by id so that each activity shows once. paddock_activity_store_set_types()
 * limits the list to some activity types (the server's activity_types) and empties the
 * store. A refresh fetches the newest page and inserts what is new at its place; should
 * none of a whole page be known, the store starts over from that page so that no gap is
 * left. Calls are queued and run one after another.
 */
#define G_LOG_DOMAIN "paddock-activity-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "paddock-activity-store.h"
#include "paddock-error.h"
#include "paddock-store-private.h"

typedef enum {
  OP_REFRESH,
  OP_LOAD_MORE,
  OP_LOAD_ALL,
} OpKind;

struct _PaddockActivityStore
{
  GObject parent_instance;

  PaddockClient *client;
  GPtrArray *rows;            /* PaddockActivity, owned, newest first */
  GHashTable *by_id;          /* id → PaddockActivity (borrowed from rows) */
  GStrv types;
  char *cursor_id;            /* the last activity paged so far */
  gboolean has_more;

  PaddockStoreFreshness fresh;
  GCancellable *cancellable;
  GQueue ops;                 /* GTask (task data: OpKind), the head is running */
};

static void paddock_activity_store_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (PaddockActivityStore, paddock_activity_store, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      paddock_activity_store_list_model_init))

enum {
  PROP_LOADING = PADDOCK_STORE_PROP_LOADING,
  PROP_HAS_MORE = PADDOCK_STORE_N_PROPS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void run_op (PaddockActivityStore *self);

static GType
list_get_item_type (GListModel *model)
{
  return PADDOCK_TYPE_ACTIVITY;
}

static guint
list_get_n_items (GListModel *model)
{
  return PADDOCK_ACTIVITY_STORE (model)->rows->len;
}

static gpointer
list_get_item (GListModel *model,
               guint       position)
{
  PaddockActivityStore *self = PADDOCK_ACTIVITY_STORE (model);

  if (position >= self->rows->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->rows, position));
}

static void
paddock_activity_store_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = list_get_item_type;
  iface->get_n_items = list_get_n_items;
  iface->get_item = list_get_item;
}

static void
set_has_more (PaddockActivityStore *self,
              gboolean              has_more)
{
  paddock_store_set_boolean (self, &self->has_more, has_more, properties[PROP_HAS_MORE]);
}

static void
clear_rows (PaddockActivityStore *self)
{
  guint n = self->rows->len;

  g_hash_table_remove_all (self->by_id);
  g_ptr_array_set_size (self->rows, 0);
  g_clear_pointer (&self->cursor_id, g_free);
  if (n > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, n, 0);
}

static GPtrArray *
parse_page (JsonNode  *root,
            GError   **error)
{
  g_autoptr (GPtrArray) activities = g_ptr_array_new_with_free_func (g_object_unref);
  JsonArray *array;

  if (!JSON_NODE_HOLDS_ARRAY (root))
    {
      g_set_error_literal (error, PADDOCK_ERROR, PADDOCK_ERROR_PROTOCOL,
                           _("The server sent a malformed reply: activities are not a list."));
      return NULL;
    }
  array = json_node_get_array (root);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      PaddockActivity *a = paddock_activity_new_from_json (node, error);

      if (a == NULL)
        return NULL;
      paddock_store_set_row_json (a, node);
      g_ptr_array_add (activities, a);
    }
  return g_steal_pointer (&activities);
}

/* Inserts the activities not shown yet, each after the one before it in @page (the first
 * ones before the first known one); an activity does not change, so known ones stay. */
static void
merge_page (PaddockActivityStore *self,
            GPtrArray            *page)
{
  guint at = 0, run_start = 0, run_n = 0;

  for (guint i = 0; i < page->len; i++)
    {
      PaddockActivity *a = g_ptr_array_index (page, i);
      PaddockActivity *row = g_hash_table_lookup (self->by_id, paddock_activity_get_id (a));
      guint found;

      if (row != NULL)
        {
          if (g_ptr_array_find (self->rows, row, &found))
            at = MAX (at, found + 1);
          continue;
        }
      if (run_n > 0 && at != run_start + run_n)
        {
          g_list_model_items_changed (G_LIST_MODEL (self), run_start, 0, run_n);
          run_n = 0;
        }
      if (run_n == 0)
        run_start = at;
      g_ptr_array_insert (self->rows, at, g_object_ref (a));
      g_hash_table_insert (self->by_id, (gpointer) paddock_activity_get_id (a), a);
      at++;
      run_n++;
    }
  if (run_n > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), run_start, 0, run_n);
}

/* One page of history at the end: moves the cursor */
static void
take_page (PaddockActivityStore *self,
           GPtrArray            *page)
{
  guint n = self->rows->len, added = 0;

  for (guint i = 0; i < page->len; i++)
    {
      PaddockActivity *a = g_ptr_array_index (page, i);

      if (g_hash_table_contains (self->by_id, paddock_activity_get_id (a)))
        continue;
      g_ptr_array_add (self->rows, g_object_ref (a));
      g_hash_table_insert (self->by_id, (gpointer) paddock_activity_get_id (a), a);
      added++;
    }
  if (added > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), n, 0, added);
  if (page->len > 0)
    {
      g_free (self->cursor_id);
      self->cursor_id = g_strdup (paddock_activity_get_id (g_ptr_array_index (page,
                                                                              page->len - 1)));
    }
  set_has_more (self, page->len >= PADDOCK_ACTIVITY_STORE_PAGE_SIZE);
}

static void
op_done (PaddockActivityStore *self,
         GError               *error)
{
  g_autoptr (GTask) task = g_queue_pop_head (&self->ops);

  if (error != NULL)
    {
      paddock_store_failed (self, &self->fresh, properties, "loading activities", error);
      g_task_return_error (task, error);
    }
  else
    {
      paddock_store_succeeded (self, &self->fresh, properties);
      g_task_return_boolean (task, TRUE);
    }

  if (g_queue_is_empty (&self->ops))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
  else
    run_op (self);
}

static void
page_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  PaddockActivityStore *self = user_data;
  GTask *task = g_queue_peek_head (&self->ops);
  OpKind kind = GPOINTER_TO_INT (g_task_get_task_data (task));
  GError *error = NULL;
  g_autoptr (JsonNode) root = NULL;
  g_autoptr (GPtrArray) page = NULL;

  root = paddock_client_request_finish (PADDOCK_CLIENT (object), result, &error);
  if (root == NULL || (page = parse_page (root, &error)) == NULL)
    {
      op_done (self, error);
      g_object_unref (self);
      return;
    }

  if (kind == OP_REFRESH)
    {
      gboolean known = FALSE;

      for (guint i = 0; !known && i < page->len; i++)
        known = g_hash_table_contains (self->by_id,
                                       paddock_activity_get_id (g_ptr_array_index (page, i)));
      if (self->cursor_id == NULL || (!known && page->len >= PADDOCK_ACTIVITY_STORE_PAGE_SIZE))
        {
          clear_rows (self);
          take_page (self, page);
        }
      else
        merge_page (self, page);
      op_done (self, NULL);
    }
  else
    {
      take_page (self, page);
      if (kind == OP_LOAD_ALL && self->has_more)
        run_op (self);
      else
        op_done (self, NULL);
    }
  g_object_unref (self);
}

static void
run_op (PaddockActivityStore *self)
{
  GTask *task = g_queue_peek_head (&self->ops);
  OpKind kind = GPOINTER_TO_INT (g_task_get_task_data (task));
  g_autoptr (GHashTable) query = NULL;

  if (kind != OP_REFRESH && !self->has_more)
    {
      op_done (self, NULL);
      return;
    }

  query = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  g_hash_table_insert (query, "direction", g_strdup ("desc"));
  g_hash_table_insert (query, "page_size",
                       g_strdup_printf ("%d", PADDOCK_ACTIVITY_STORE_PAGE_SIZE));
  if (self->types != NULL && self->types[0] != NULL)
    g_hash_table_insert (query, "activity_types", g_strjoinv (",", self->types));
  if (kind != OP_REFRESH && self->cursor_id != NULL)
    g_hash_table_insert (query, "page_token", g_strdup (self->cursor_id));

  paddock_client_request_async (self->client, "GET", "/v2/account/activities", query, NULL,
                                PADDOCK_REQUEST_IDEMPOTENT, self->cancellable, page_cb,
                                g_object_ref (self));
}

static void
queue_op (PaddockActivityStore *self,
          OpKind                kind,
          gpointer              source_tag,
          GCancellable         *cancellable,
          GAsyncReadyCallback   callback,
          gpointer              user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, GINT_TO_POINTER (kind), NULL);
  g_task_set_check_cancellable (task, FALSE);

  g_queue_push_tail (&self->ops, task);
  if (self->ops.length == 1)
    {
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
      run_op (self);
    }
}

static void
paddock_activity_store_dispose (GObject *object)
{
  PaddockActivityStore *self = PADDOCK_ACTIVITY_STORE (object);

  g_cancellable_cancel (self->cancellable);

  G_OBJECT_CLASS (paddock_activity_store_parent_class)->dispose (object);
}

static void
paddock_activity_store_finalize (GObject *object)
{
  PaddockActivityStore *self = PADDOCK_ACTIVITY_STORE (object);

  g_clear_object (&self->client);
  g_clear_pointer (&self->by_id, g_hash_table_unref);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->types, g_strfreev);
  g_clear_pointer (&self->cursor_id, g_free);
  paddock_store_freshness_clear (&self->fresh);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (paddock_activity_store_parent_class)->finalize (object);
}

static void
paddock_activity_store_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  PaddockActivityStore *self = PADDOCK_ACTIVITY_STORE (object);

  if (paddock_store_get_freshness_property (&self->fresh,
                                            paddock_activity_store_get_loading (self),
                                            prop_id, value))
    return;

  switch (prop_id)
    {
    case PROP_HAS_MORE:
      g_value_set_boolean (value, self->has_more);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
paddock_activity_store_class_init (PaddockActivityStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = paddock_activity_store_dispose;
  object_class->finalize = paddock_activity_store_finalize;
  object_class->get_property = paddock_activity_store_get_property;

  /* loading, updated-at, error and has-more: see paddock-store-private.h */
  paddock_store_class_add_freshness (properties);
  properties[PROP_HAS_MORE] = paddock_store_has_more_pspec ();
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
paddock_activity_store_init (PaddockActivityStore *self)
{
  self->rows = g_ptr_array_new_with_free_func (g_object_unref);
  self->by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->cancellable = g_cancellable_new ();
  self->has_more = TRUE;
  g_queue_init (&self->ops);
}

/**
 * paddock_activity_store_new:
 * @client: the account's client
 *
 * Returns: (transfer full): an empty store of every type; load or refresh it
 */
PaddockActivityStore *
paddock_activity_store_new (PaddockClient *client)
{
  PaddockActivityStore *self;

  g_return_val_if_fail (PADDOCK_IS_CLIENT (client), NULL);

  self = g_object_new (PADDOCK_TYPE_ACTIVITY_STORE, NULL);
  self->client = g_object_ref (client);
  return self;
}

/**
 * paddock_activity_store_set_types:
 * @types: (nullable) (array zero-terminated=1): activity types ("FILL", "DIV", …), or
 *   NULL for all
 *
 * Limits the store to these types. It empties (loads on their way end cancelled) and
 * "has-more" turns TRUE: load or refresh it again.
 */
void
paddock_activity_store_set_types (PaddockActivityStore *self,
                                  const char * const   *types)
{
  g_return_if_fail (PADDOCK_IS_ACTIVITY_STORE (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  g_clear_pointer (&self->types, g_strfreev);
  if (types != NULL && types[0] != NULL)
    self->types = g_strdupv ((char **) types);
  clear_rows (self);
  set_has_more (self, TRUE);
}

/**
 * paddock_activity_store_get_types:
 *
 * Returns: (nullable) (transfer none): the types shown, NULL for all
 */
const char * const *
paddock_activity_store_get_types (PaddockActivityStore *self)
{
  g_return_val_if_fail (PADDOCK_IS_ACTIVITY_STORE (self), NULL);
  return (const char * const *) self->types;
}

gboolean
paddock_activity_store_get_loading (PaddockActivityStore *self)
{
  g_return_val_if_fail (PADDOCK_IS_ACTIVITY_STORE (self), FALSE);
  return !g_queue_is_empty (&self->ops);
}

gboolean
paddock_activity_store_get_has_more (PaddockActivityStore *self)
{
  g_return_val_if_fail (PADDOCK_IS_ACTIVITY_STORE (self), FALSE);
  return self->has_more;
}

GDateTime *
paddock_activity_store_get_updated_at (PaddockActivityStore *self)
{
  g_return_val_if_fail (PADDOCK_IS_ACTIVITY_STORE (self), NULL);
  return self->fresh.updated_at;
}

const GError *
paddock_activity_store_get_error (PaddockActivityStore *self)
{
  g_return_val_if_fail (PADDOCK_IS_ACTIVITY_STORE (self), NULL);
  return self->fresh.error;
}

/**
 * paddock_activity_store_dup_json:
 *
 * Returns: (transfer full): a JSON array of the rows as the server sent them
 */
JsonNode *
paddock_activity_store_dup_json (PaddockActivityStore *self)
{
  g_return_val_if_fail (PADDOCK_IS_ACTIVITY_STORE (self), NULL);
  return paddock_store_rows_to_json (self->rows);
}

/**
 * paddock_activity_store_refresh_async:
 *
 * Fetches the newest page and inserts the activities not shown yet. @cancellable only
 * stops waiting.
 */
void
paddock_activity_store_refresh_async (PaddockActivityStore *self,
                                      GCancellable         *cancellable,
                                      GAsyncReadyCallback   callback,
                                      gpointer              user_data)
{
  g_return_if_fail (PADDOCK_IS_ACTIVITY_STORE (self));
  queue_op (self, OP_REFRESH, paddock_activity_store_refresh_async, cancellable, callback,
            user_data);
}

gboolean
paddock_activity_store_refresh_finish (PaddockActivityStore  *self,
                                       GAsyncResult          *result,
                                       GError               **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * paddock_activity_store_load_more_async:
 *
 * Pages in the next 100 older activities (the first page when nothing is loaded yet);
 * does nothing once "has-more" is FALSE.
 */
void
paddock_activity_store_load_more_async (PaddockActivityStore *self,
                                        GCancellable         *cancellable,
                                        GAsyncReadyCallback   callback,
                                        gpointer              user_data)
{
  g_return_if_fail (PADDOCK_IS_ACTIVITY_STORE (self));
  queue_op (self, OP_LOAD_MORE, paddock_activity_store_load_more_async, cancellable, callback,
            user_data);
}

gboolean
paddock_activity_store_load_more_finish (PaddockActivityStore  *self,
                                         GAsyncResult          *result,
                                         GError               **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * paddock_activity_store_load_all_async:
 *
 * Pages in every activity the server has, to the end.
 */
void
paddock_activity_store_load_all_async (PaddockActivityStore *self,
                                       GCancellable         *cancellable,
                                       GAsyncReadyCallback   callback,
                                       gpointer              user_data)
{
  g_return_if_fail (PADDOCK_IS_ACTIVITY_STORE (self));
  queue_op (self, OP_LOAD_ALL, paddock_activity_store_load_all_async, cancellable, callback,
            user_data);
}

gboolean
paddock_activity_store_load_all_finish (PaddockActivityStore  *self,
                                        GAsyncResult          *result,
                                        GError               **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
