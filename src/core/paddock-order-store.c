/* paddock-order-store.c: the account's orders, newest first, paged from the server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A GListModel of the top-level PaddockOrder rows (requested with nested=true: the legs of
 * a bracket, OCO or OTO order are in its "legs" model, never rows of their own), newest
 * submission first, each order exactly once.
 *
 * History is paged 500 at a time with direction=desc from the oldest order paged so far:
 * before_order_id names it (cursor paging, exact even when many orders share one
 * submitted_at) and until is its submitted_at plus a microsecond, so that a server that
 * does not know before_order_id still sends everything at or before it; rows are merged
 * by id, so the overlap never shows twice. Should such a server send a whole page of
 * orders already shown, the next request moves until to the submission time itself.
 *
 * Filtering is done by the server: paddock_order_store_set_filter() sets the status,
 * symbol and side query parameters and empties the store (load or refresh it again);
 * orders that trade updates bring in are held to the same filter.
 *
 * A refresh fetches the open orders and the newest page and merges them by id: known
 * orders update in place (unless the copy sent is older, by updated_at, than the one
 * shown: a trade update may overtake a refresh's reply), new ones are inserted at their
 * place by submitted_at. The
 * trade stream's resync after a reconnect is this same call. Calls are queued and run one
 * after another, so paging and refreshing never interleave.
 */
#define G_LOG_DOMAIN "paddock-order-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "paddock-error.h"
#include "paddock-order-store.h"
#include "paddock-store-private.h"

typedef enum {
  OP_REFRESH,
  OP_LOAD_MORE,
  OP_LOAD_ALL,
} OpKind;

typedef struct
{
  OpKind kind;
  int phase;              /* refresh: 0 open orders, 1 newest page */
  GHashTable *seen;       /* refresh with the open filter: ids the server still lists */
} Op;

struct _PaddockOrderStore
{
  GObject parent_instance;

  PaddockClient *client;
  GPtrArray *rows;            /* top-level PaddockOrder, owned, newest first */
  GHashTable *by_id;          /* id → top-level PaddockOrder (ref) */
  GHashTable *leg_parent;     /* leg id → parent id */

  PaddockOrderQueryStatus status;
  char *symbol;
  char *side;

  char *cursor_id;            /* the oldest order paged so far */
  GDateTime *cursor_time;
  gboolean strict_until;
  gboolean has_more;

  PaddockStoreFreshness fresh;
  GCancellable *cancellable;
  GQueue ops;                 /* GTask, the head is running */
  GHashTable *fetching;       /* ids of replacements being fetched */

  guint batch_pos;
  guint batch_n;

  gboolean keep_json;         /* rows keep the JSON the server sent (dup_json) */
};

static void paddock_order_store_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (PaddockOrderStore, paddock_order_store, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      paddock_order_store_list_model_init))

enum {
  PROP_LOADING = PADDOCK_STORE_PROP_LOADING,
  PROP_HAS_MORE = PADDOCK_STORE_N_PROPS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void run_op (PaddockOrderStore *self);

static void
op_free (Op *op)
{
  g_clear_pointer (&op->seen, g_hash_table_unref);
  g_free (op);
}

/* ---- GListModel --------------------------------------------------------------------- */

static GType
list_get_item_type (GListModel *model)
{
  return PADDOCK_TYPE_ORDER;
}

static guint
list_get_n_items (GListModel *model)
{
  return PADDOCK_ORDER_STORE (model)->rows->len;
}

static gpointer
list_get_item (GListModel *model,
               guint       position)
{
  PaddockOrderStore *self = PADDOCK_ORDER_STORE (model);

  if (position >= self->rows->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->rows, position));
}

static void
paddock_order_store_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = list_get_item_type;
  iface->get_n_items = list_get_n_items;
  iface->get_item = list_get_item;
}

/* ---- rows --------------------------------------------------------------------------- */

/* Insertions next to each other are announced as one change */
static void
flush_batch (PaddockOrderStore *self)
{
  if (self->batch_n > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), self->batch_pos, 0, self->batch_n);
  self->batch_n = 0;
}

static void
note_inserted (PaddockOrderStore *self,
               guint              position)
{
  if (self->batch_n > 0 && position == self->batch_pos + self->batch_n)
    {
      self->batch_n++;
      return;
    }
  flush_batch (self);
  self->batch_pos = position;
  self->batch_n = 1;
}

static GDateTime *
order_time (PaddockOrder *o)
{
  GDateTime *t = paddock_order_get_submitted_at (o);

  return t != NULL ? t : paddock_order_get_created_at (o);
}

/* newest first: after every row submitted at the same time or later (an order without a
 * time counts as the newest) */
static guint
insert_position (PaddockOrderStore *self,
                 PaddockOrder      *order)
{
  GDateTime *t = order_time (order);
  guint i;

  if (t == NULL)
    return 0;
  for (i = self->rows->len; i > 0; i--)
    {
      GDateTime *other = order_time (g_ptr_array_index (self->rows, i - 1));

      if (other == NULL || g_date_time_compare (other, t) >= 0)
        break;
    }
  return i;
}

static void
index_legs (PaddockOrderStore *self,
            PaddockOrder      *order)
{
  guint n = paddock_order_get_n_legs (order);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (PaddockOrder) leg = g_list_model_get_item (paddock_order_get_legs (order), i);

      g_hash_table_insert (self->leg_parent, g_strdup (paddock_order_get_id (leg)),
                           g_strdup (paddock_order_get_id (order)));
    }
}

static gboolean
status_matches (PaddockOrderStore *self,
                PaddockOrder      *o)
{
  switch (self->status)
    {
    case PADDOCK_ORDER_QUERY_OPEN:
      return paddock_order_is_open (o);
    case PADDOCK_ORDER_QUERY_CLOSED:
      return !paddock_order_is_open (o);
    case PADDOCK_ORDER_QUERY_ALL:
    default:
      return TRUE;
    }
}

/* the server's rule: a parent shows while it or one of its legs matches */
static gboolean
matches_filter (PaddockOrderStore *self,
                PaddockOrder      *o)
{
  gboolean match;

  if (self->symbol != NULL && g_strcmp0 (self->symbol, paddock_order_get_symbol (o)) != 0)
    return FALSE;
  if (self->side != NULL && g_strcmp0 (self->side, paddock_order_get_side_code (o)) != 0)
    return FALSE;

  match = status_matches (self, o);
  for (guint i = 0; !match && i < paddock_order_get_n_legs (o); i++)
    {
      g_autoptr (PaddockOrder) leg = g_list_model_get_item (paddock_order_get_legs (o), i);

      match = status_matches (self, leg);
    }
  return match;
}

static void
remove_row (PaddockOrderStore *self,
            PaddockOrder      *row)
{
  guint at;

  flush_batch (self);
  if (!g_ptr_array_find (self->rows, row, &at))
    return;
  g_hash_table_remove (self->by_id, paddock_order_get_id (row));
  g_ptr_array_remove_index (self->rows, at);
  g_list_model_items_changed (G_LIST_MODEL (self), at, 1, 0);
}

static void
clear_rows (PaddockOrderStore *self)
{
  guint n = self->rows->len;

  flush_batch (self);
  g_hash_table_remove_all (self->by_id);
  g_hash_table_remove_all (self->leg_parent);
  g_ptr_array_set_size (self->rows, 0);
  if (n > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, n, 0);
}

/* Merges one order (the JSON the server sent, already parsed into @parsed) by id.
 * Returns the row, or NULL when it is not shown (filtered out). */
static PaddockOrder *
merge_order (PaddockOrderStore  *self,
             PaddockOrder       *parsed,
             JsonNode           *node,
             gboolean           *is_new)
{
  const char *id = paddock_order_get_id (parsed);
  PaddockOrder *row = g_hash_table_lookup (self->by_id, id);
  const char *parent_id = g_hash_table_lookup (self->leg_parent, id);
  g_autoptr (GError) error = NULL;

  if (is_new != NULL)
    *is_new = FALSE;

  if (row == NULL && parent_id != NULL)
    {
      /* a leg: update it under its parent */
      PaddockOrder *parent = g_hash_table_lookup (self->by_id, parent_id);
      GListModel *legs = parent != NULL ? paddock_order_get_legs (parent) : NULL;

      for (guint i = 0; legs != NULL && i < g_list_model_get_n_items (legs); i++)
        {
          g_autoptr (PaddockOrder) leg = g_list_model_get_item (legs, i);

          if (g_strcmp0 (paddock_order_get_id (leg), id) != 0)
            continue;
          if (!paddock_order_update_from_json (leg, node, NULL, &error))
            g_debug ("a leg update was refused: %s", error->message);
          return parent;
        }
    }

  if (row != NULL)
    {
      GDateTime *have = paddock_order_get_updated_at (row);
      GDateTime *got = paddock_order_get_updated_at (parsed);

      /* a refresh's reply may come after a trade update newer than it: keep the newer */
      if (have != NULL && got != NULL && g_date_time_compare (got, have) < 0)
        return row;
      if (!paddock_order_update_from_json (row, node, NULL, &error))
        {
          g_debug ("an order update was refused: %s", error->message);
          return row;
        }
      if (self->keep_json)
        paddock_store_set_row_json (row, node);
      index_legs (self, row);
      if (!matches_filter (self, row))
        {
          remove_row (self, row);
          return NULL;
        }
      return row;
    }

  if (!matches_filter (self, parsed))
    return NULL;

  {
    guint at = insert_position (self, parsed);

    if (self->batch_n > 0 && at < self->batch_pos + self->batch_n)
      flush_batch (self);
    if (self->keep_json)
      paddock_store_set_row_json (parsed, node);
    else
      g_object_set_data (G_OBJECT (parsed), PADDOCK_STORE_JSON_KEY, NULL);
    g_ptr_array_insert (self->rows, at, g_object_ref (parsed));
    g_hash_table_insert (self->by_id, g_strdup (id), g_object_ref (parsed));
    index_legs (self, parsed);
    note_inserted (self, at);
  }
  if (is_new != NULL)
    *is_new = TRUE;
  return parsed;
}

/* Parses every element first: a malformed page changes nothing */
static GPtrArray *
parse_page (JsonNode  *root,
            GError   **error)
{
  g_autoptr (GPtrArray) orders = g_ptr_array_new_with_free_func (g_object_unref);
  JsonArray *array;

  if (!JSON_NODE_HOLDS_ARRAY (root))
    {
      g_set_error_literal (error, PADDOCK_ERROR, PADDOCK_ERROR_PROTOCOL,
                           _("The server sent a malformed reply: orders are not a list."));
      return NULL;
    }
  array = json_node_get_array (root);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      PaddockOrder *o = paddock_order_new_from_json (node, error);

      if (o == NULL)
        return NULL;
      paddock_store_set_row_json (o, node);
      g_ptr_array_add (orders, o);
    }
  return g_steal_pointer (&orders);
}

/* ---- requests ----------------------------------------------------------------------- */

static GHashTable *
base_query (PaddockOrderStore *self,
            gboolean           open_only)
{
  GHashTable *query = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  static const char *const names[] = { "all", "open", "closed" };

  g_hash_table_insert (query, "status",
                       g_strdup (open_only ? "open" : names[self->status]));
  g_hash_table_insert (query, "limit", g_strdup_printf ("%d", PADDOCK_ORDER_STORE_PAGE_SIZE));
  g_hash_table_insert (query, "direction", g_strdup ("desc"));
  g_hash_table_insert (query, "nested", g_strdup ("true"));
  if (self->symbol != NULL)
    g_hash_table_insert (query, "symbols", g_strdup (self->symbol));
  if (self->side != NULL)
    g_hash_table_insert (query, "side", g_strdup (self->side));
  return query;
}

static void
set_has_more (PaddockOrderStore *self,
              gboolean           has_more)
{
  paddock_store_set_boolean (self, &self->has_more, has_more, properties[PROP_HAS_MORE]);
}

static void
op_done (PaddockOrderStore *self,
         GError            *error)
{
  g_autoptr (GTask) task = g_queue_pop_head (&self->ops);

  flush_batch (self);
  if (error != NULL)
    {
      paddock_store_failed (self, &self->fresh, properties, "loading orders", error);
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

/* Takes one page of history into the rows; moves the cursor */
static void
take_page (PaddockOrderStore *self,
           GPtrArray         *orders)
{
  gboolean has_more = orders->len >= PADDOCK_ORDER_STORE_PAGE_SIZE;
  gboolean ignored_cursor = FALSE;
  guint n_new = 0;

  for (guint i = 0; i < orders->len; i++)
    {
      PaddockOrder *o = g_ptr_array_index (orders, i);
      gboolean is_new;

      if (g_strcmp0 (self->cursor_id, paddock_order_get_id (o)) == 0)
        ignored_cursor = TRUE;
      merge_order (self, o, paddock_store_get_row_json (o), &is_new);
      if (is_new)
        n_new++;
    }

  if (orders->len > 0)
    {
      PaddockOrder *last = g_ptr_array_index (orders, orders->len - 1);
      GDateTime *t = order_time (last);

      /* a server that ignores before_order_id sends the cursor's order again; should the
       * whole page be orders already shown, go past their submission time */
      self->strict_until = ignored_cursor && n_new == 0;
      g_free (self->cursor_id);
      self->cursor_id = g_strdup (paddock_order_get_id (last));
      g_clear_pointer (&self->cursor_time, g_date_time_unref);
      self->cursor_time = t != NULL ? g_date_time_ref (t) : NULL;
      if (self->strict_until && self->cursor_time == NULL)
        has_more = FALSE;   /* nothing to go past: stop */
    }
  /* each page is announced as it lands: loading all, the rows are there before the last
   * page (and the model never holds rows it has not announced) */
  flush_batch (self);
  set_has_more (self, has_more);
}

static void
page_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  PaddockOrderStore *self = user_data;
  GTask *task = g_queue_peek_head (&self->ops);
  Op *op = g_task_get_task_data (task);
  GError *error = NULL;
  g_autoptr (JsonNode) root = NULL;
  g_autoptr (GPtrArray) orders = NULL;

  root = paddock_client_request_finish (PADDOCK_CLIENT (object), result, &error);
  if (root == NULL || (orders = parse_page (root, &error)) == NULL)
    {
      op_done (self, error);
      g_object_unref (self);
      return;
    }

  take_page (self, orders);
  if (op->kind == OP_LOAD_ALL && self->has_more)
    run_op (self);
  else
    op_done (self, NULL);
  g_object_unref (self);
}

static void
request_page (PaddockOrderStore *self)
{
  g_autoptr (GHashTable) query = base_query (self, FALSE);

  if (self->cursor_id != NULL)
    {
      g_autoptr (GDateTime) until = NULL;

      g_hash_table_insert (query, "before_order_id", g_strdup (self->cursor_id));
      if (self->cursor_time != NULL)
        {
          until = self->strict_until ? g_date_time_ref (self->cursor_time)
                                     : g_date_time_add (self->cursor_time, 1);
          g_hash_table_insert (query, "until", g_date_time_format_iso8601 (until));
        }
    }
  paddock_client_request_async (self->client, "GET", "/v2/orders", query, NULL,
                                PADDOCK_REQUEST_IDEMPOTENT, self->cancellable, page_cb,
                                g_object_ref (self));
}

static void refresh_step (PaddockOrderStore *self);

static void
refresh_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  PaddockOrderStore *self = user_data;
  GTask *task = g_queue_peek_head (&self->ops);
  Op *op = g_task_get_task_data (task);
  GError *error = NULL;
  g_autoptr (JsonNode) root = NULL;
  g_autoptr (GPtrArray) orders = NULL;

  root = paddock_client_request_finish (PADDOCK_CLIENT (object), result, &error);
  if (root == NULL || (orders = parse_page (root, &error)) == NULL)
    {
      op_done (self, error);
      g_object_unref (self);
      return;
    }

  if (op->phase == 0)
    {
      /* the open orders */
      for (guint i = 0; i < orders->len; i++)
        {
          PaddockOrder *o = g_ptr_array_index (orders, i);

          if (op->seen != NULL)
            g_hash_table_add (op->seen, g_strdup (paddock_order_get_id (o)));
          merge_order (self, o, paddock_store_get_row_json (o), NULL);
        }
      if (op->seen != NULL && orders->len < PADDOCK_ORDER_STORE_PAGE_SIZE)
        {
          /* showing open orders only: what the server no longer lists is done */
          for (guint i = self->rows->len; i > 0; i--)
            {
              PaddockOrder *row = g_ptr_array_index (self->rows, i - 1);

              if (!g_hash_table_contains (op->seen, paddock_order_get_id (row)))
                remove_row (self, row);
            }
        }
      op->phase = 1;
      refresh_step (self);
      g_object_unref (self);
      return;
    }

  /* the newest page */
  if (self->cursor_id == NULL)
    take_page (self, orders);
  else
    {
      gboolean known = FALSE;

      for (guint i = 0; !known && i < orders->len; i++)
        known = g_hash_table_contains (self->by_id,
                                       paddock_order_get_id (g_ptr_array_index (orders, i))) ||
                g_hash_table_contains (self->leg_parent,
                                       paddock_order_get_id (g_ptr_array_index (orders, i)));
      if (!known && orders->len >= PADDOCK_ORDER_STORE_PAGE_SIZE)
        {
          /* more than a page is new since: start over from this page, leaving no gap */
          clear_rows (self);
          g_clear_pointer (&self->cursor_id, g_free);
          g_clear_pointer (&self->cursor_time, g_date_time_unref);
          take_page (self, orders);
        }
      else
        for (guint i = 0; i < orders->len; i++)
          {
            PaddockOrder *o = g_ptr_array_index (orders, i);

            merge_order (self, o, paddock_store_get_row_json (o), NULL);
          }
    }
  op_done (self, NULL);
  g_object_unref (self);
}

static void
refresh_step (PaddockOrderStore *self)
{
  GTask *task = g_queue_peek_head (&self->ops);
  Op *op = g_task_get_task_data (task);
  g_autoptr (GHashTable) query = NULL;

  if (op->phase == 0 && self->status == PADDOCK_ORDER_QUERY_CLOSED)
    op->phase = 1;
  if (op->phase == 0 && self->status == PADDOCK_ORDER_QUERY_OPEN)
    op->seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  query = base_query (self, op->phase == 0);
  paddock_client_request_async (self->client, "GET", "/v2/orders", query, NULL,
                                PADDOCK_REQUEST_IDEMPOTENT, self->cancellable, refresh_cb,
                                g_object_ref (self));
}

static void
run_op (PaddockOrderStore *self)
{
  GTask *task = g_queue_peek_head (&self->ops);
  Op *op = g_task_get_task_data (task);

  if (op->kind == OP_REFRESH)
    {
      refresh_step (self);
      return;
    }
  if (!self->has_more)
    {
      op_done (self, NULL);
      return;
    }
  request_page (self);
}

static void
queue_op (PaddockOrderStore   *self,
          OpKind               kind,
          gpointer             source_tag,
          GCancellable        *cancellable,
          GAsyncReadyCallback  callback,
          gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  Op *op = g_new0 (Op, 1);

  op->kind = kind;
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, op, (GDestroyNotify) op_free);
  g_task_set_check_cancellable (task, FALSE);

  g_queue_push_tail (&self->ops, task);
  if (self->ops.length == 1)
    {
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
      run_op (self);
    }
}

/* ---- replacements brought by trade updates ------------------------------------------ */

static void
replacement_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  PaddockOrderStore *self = g_task_get_source_object (task);
  const char *id = g_task_get_task_data (task);
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) root = NULL;
  g_autoptr (PaddockOrder) order = NULL;

  root = paddock_client_request_finish (PADDOCK_CLIENT (object), result, &error);
  if (root != NULL)
    order = paddock_order_new_from_json (root, &error);
  if (order == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("fetching the replacement %s failed: %s", id, error->message);
      g_hash_table_remove (self->fetching, id);
      g_task_return_boolean (task, FALSE);
      return;
    }
  g_hash_table_remove (self->fetching, id);
  if (!g_hash_table_contains (self->by_id, paddock_order_get_id (order)))
    {
      merge_order (self, order, root, NULL);
      flush_batch (self);
    }
  g_task_return_boolean (task, TRUE);
}

static void
fetch_replacement (PaddockOrderStore *self,
                   const char        *id)
{
  g_autofree char *path = NULL;
  g_autoptr (GHashTable) query = NULL;
  GTask *task;

  if (!g_uuid_string_is_valid (id) || g_hash_table_contains (self->fetching, id))
    return;
  g_hash_table_add (self->fetching, g_strdup (id));
  task = g_task_new (self, NULL, NULL, NULL);
  g_task_set_task_data (task, g_strdup (id), g_free);
  path = g_strdup_printf ("/v2/orders/%s", id);
  query = g_hash_table_new (g_str_hash, g_str_equal);
  g_hash_table_insert (query, "nested", "true");
  paddock_client_request_async (self->client, "GET", path, query, NULL,
                                PADDOCK_REQUEST_IDEMPOTENT, self->cancellable, replacement_cb,
                                task);
}

/* ---- GObject ------------------------------------------------------------------------ */

static void
paddock_order_store_dispose (GObject *object)
{
  PaddockOrderStore *self = PADDOCK_ORDER_STORE (object);

  g_cancellable_cancel (self->cancellable);

  G_OBJECT_CLASS (paddock_order_store_parent_class)->dispose (object);
}

static void
paddock_order_store_finalize (GObject *object)
{
  PaddockOrderStore *self = PADDOCK_ORDER_STORE (object);

  g_clear_object (&self->client);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->by_id, g_hash_table_unref);
  g_clear_pointer (&self->leg_parent, g_hash_table_unref);
  g_clear_pointer (&self->fetching, g_hash_table_unref);
  g_clear_pointer (&self->symbol, g_free);
  g_clear_pointer (&self->side, g_free);
  g_clear_pointer (&self->cursor_id, g_free);
  g_clear_pointer (&self->cursor_time, g_date_time_unref);
  paddock_store_freshness_clear (&self->fresh);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (paddock_order_store_parent_class)->finalize (object);
}

static void
paddock_order_store_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  PaddockOrderStore *self = PADDOCK_ORDER_STORE (object);

  if (paddock_store_get_freshness_property (&self->fresh, paddock_order_store_get_loading (self),
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
paddock_order_store_class_init (PaddockOrderStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = paddock_order_store_dispose;
  object_class->finalize = paddock_order_store_finalize;
  object_class->get_property = paddock_order_store_get_property;

  /* loading, updated-at, error and has-more: see paddock-store-private.h */
  paddock_store_class_add_freshness (properties);
  properties[PROP_HAS_MORE] = paddock_store_has_more_pspec ();
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
paddock_order_store_init (PaddockOrderStore *self)
{
  self->keep_json = TRUE;
  self->rows = g_ptr_array_new_with_free_func (g_object_unref);
  self->by_id = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->leg_parent = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->fetching = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->cancellable = g_cancellable_new ();
  self->has_more = TRUE;
  g_queue_init (&self->ops);
}

/* ---- public ------------------------------------------------------------------------- */

/**
 * paddock_order_store_new:
 * @client: the account's client
 *
 * Returns: (transfer full): an empty store showing every order; load or refresh it
 */
PaddockOrderStore *
paddock_order_store_new (PaddockClient *client)
{
  PaddockOrderStore *self;

  g_return_val_if_fail (PADDOCK_IS_CLIENT (client), NULL);

  self = g_object_new (PADDOCK_TYPE_ORDER_STORE, NULL);
  self->client = g_object_ref (client);
  return self;
}

/**
 * paddock_order_store_set_filter:
 * @status: which orders by status
 * @symbol: (nullable): only this symbol's orders
 * @side: (nullable): only "buy" or "sell" orders
 *
 * Sets the server-side filter. The store empties (loads on their way end cancelled) and
 * "has-more" turns TRUE: load or refresh it again.
 */
void
paddock_order_store_set_filter (PaddockOrderStore       *self,
                                PaddockOrderQueryStatus  status,
                                const char              *symbol,
                                const char              *side)
{
  g_return_if_fail (PADDOCK_IS_ORDER_STORE (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  self->status = status;
  g_free (self->symbol);
  self->symbol = symbol != NULL && *symbol != '\0' ? g_strdup (symbol) : NULL;
  g_free (self->side);
  self->side = side != NULL && *side != '\0' ? g_strdup (side) : NULL;

  clear_rows (self);
  g_clear_pointer (&self->cursor_id, g_free);
  g_clear_pointer (&self->cursor_time, g_date_time_unref);
  self->strict_until = FALSE;
  set_has_more (self, TRUE);
}

PaddockOrderQueryStatus
paddock_order_store_get_status_filter (PaddockOrderStore *self)
{
  g_return_val_if_fail (PADDOCK_IS_ORDER_STORE (self), PADDOCK_ORDER_QUERY_ALL);
  return self->status;
}

const char *
paddock_order_store_get_symbol_filter (PaddockOrderStore *self)
{
  g_return_val_if_fail (PADDOCK_IS_ORDER_STORE (self), NULL);
  return self->symbol;
}

const char *
paddock_order_store_get_side_filter (PaddockOrderStore *self)
{
  g_return_val_if_fail (PADDOCK_IS_ORDER_STORE (self), NULL);
  return self->side;
}

gboolean
paddock_order_store_get_loading (PaddockOrderStore *self)
{
  g_return_val_if_fail (PADDOCK_IS_ORDER_STORE (self), FALSE);
  return !g_queue_is_empty (&self->ops);
}

gboolean
paddock_order_store_get_has_more (PaddockOrderStore *self)
{
  g_return_val_if_fail (PADDOCK_IS_ORDER_STORE (self), FALSE);
  return self->has_more;
}

GDateTime *
paddock_order_store_get_updated_at (PaddockOrderStore *self)
{
  g_return_val_if_fail (PADDOCK_IS_ORDER_STORE (self), NULL);
  return self->fresh.updated_at;
}

const GError *
paddock_order_store_get_error (PaddockOrderStore *self)
{
  g_return_val_if_fail (PADDOCK_IS_ORDER_STORE (self), NULL);
  return self->fresh.error;
}

/**
 * paddock_order_store_lookup:
 * @id: an order's id, a leg's too
 *
 * Returns: (transfer none) (nullable): the order (a leg is found under its parent)
 */
PaddockOrder *
paddock_order_store_lookup (PaddockOrderStore *self,
                            const char        *id)
{
  PaddockOrder *row;
  const char *parent_id;
  GListModel *legs;

  g_return_val_if_fail (PADDOCK_IS_ORDER_STORE (self), NULL);

  if (id == NULL)
    return NULL;
  if ((row = g_hash_table_lookup (self->by_id, id)) != NULL)
    return row;
  if ((parent_id = g_hash_table_lookup (self->leg_parent, id)) == NULL ||
      (row = g_hash_table_lookup (self->by_id, parent_id)) == NULL)
    return NULL;
  legs = paddock_order_get_legs (row);
  for (guint i = 0; i < g_list_model_get_n_items (legs); i++)
    {
      g_autoptr (PaddockOrder) leg = g_list_model_get_item (legs, i);

      if (g_strcmp0 (paddock_order_get_id (leg), id) == 0)
        return leg;   /* the legs model holds it */
    }
  return NULL;
}

/**
 * paddock_order_store_dup_json:
 *
 * Returns: (transfer full): a JSON array of the rows as the server last sent them
 */
JsonNode *
paddock_order_store_dup_json (PaddockOrderStore *self)
{
  g_return_val_if_fail (PADDOCK_IS_ORDER_STORE (self), NULL);
  return paddock_store_rows_to_json (self->rows);
}

/**
 * paddock_order_store_set_keep_json:
 * @keep_json: whether rows keep the JSON the server sent
 *
 * A store keeps, for every row, the JSON the server last sent (%TRUE, the default), which
 * paddock_order_store_dup_json() returns. A view that never asks for it turns it off: the
 * parsed trees of ten thousand orders take more memory than the orders themselves. Rows
 * kept without it are null in paddock_order_store_dup_json().
 */
void
paddock_order_store_set_keep_json (PaddockOrderStore *self,
                                   gboolean           keep_json)
{
  g_return_if_fail (PADDOCK_IS_ORDER_STORE (self));

  self->keep_json = keep_json;
  if (!keep_json)
    for (guint i = 0; i < self->rows->len; i++)
      g_object_set_data (g_ptr_array_index (self->rows, i), PADDOCK_STORE_JSON_KEY, NULL);
}

/**
 * paddock_order_store_apply_trade_update:
 * @update: an event of the trade stream
 *
 * Merges the event's order by id: a known order (or leg) is updated in place, an unknown
 * one is inserted at its place by submitted_at (when it passes the filter). A replaced
 * order links to its replacement through "replaced-by"; a replacement the store does not
 * hold yet is fetched and inserted.
 */
void
paddock_order_store_apply_trade_update (PaddockOrderStore  *self,
                                        PaddockTradeUpdate *update)
{
  JsonNode *node;
  g_autoptr (PaddockOrder) parsed = NULL;
  g_autoptr (GError) error = NULL;
  const char *replaced_by;

  g_return_if_fail (PADDOCK_IS_ORDER_STORE (self));
  g_return_if_fail (PADDOCK_IS_TRADE_UPDATE (update));

  node = paddock_trade_update_get_order_json (update);
  parsed = paddock_order_new_from_json (node, &error);
  if (parsed == NULL)
    {
      g_debug ("a trade update's order was refused: %s", error->message);
      return;
    }
  merge_order (self, parsed, node, NULL);
  flush_batch (self);

  replaced_by = paddock_order_get_replaced_by (parsed);
  if (replaced_by != NULL && paddock_order_store_lookup (self, replaced_by) == NULL)
    fetch_replacement (self, replaced_by);
}

/**
 * paddock_order_store_refresh_async:
 *
 * Fetches the open orders and the newest page and merges them by id. The trade stream's
 * resync calls this after every reconnect. @cancellable only stops waiting.
 */
void
paddock_order_store_refresh_async (PaddockOrderStore   *self,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_return_if_fail (PADDOCK_IS_ORDER_STORE (self));
  queue_op (self, OP_REFRESH, paddock_order_store_refresh_async, cancellable, callback,
            user_data);
}

gboolean
paddock_order_store_refresh_finish (PaddockOrderStore  *self,
                                    GAsyncResult       *result,
                                    GError            **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * paddock_order_store_load_more_async:
 *
 * Pages in the next 500 older orders (the first page when nothing is loaded yet); does
 * nothing once "has-more" is FALSE.
 */
void
paddock_order_store_load_more_async (PaddockOrderStore   *self,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_return_if_fail (PADDOCK_IS_ORDER_STORE (self));
  queue_op (self, OP_LOAD_MORE, paddock_order_store_load_more_async, cancellable, callback,
            user_data);
}

gboolean
paddock_order_store_load_more_finish (PaddockOrderStore  *self,
                                      GAsyncResult       *result,
                                      GError            **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * paddock_order_store_load_all_async:
 *
 * Pages in every order the server has, to the end.
 */
void
paddock_order_store_load_all_async (PaddockOrderStore   *self,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_return_if_fail (PADDOCK_IS_ORDER_STORE (self));
  queue_op (self, OP_LOAD_ALL, paddock_order_store_load_all_async, cancellable, callback,
            user_data);
}

gboolean
paddock_order_store_load_all_finish (PaddockOrderStore  *self,
                                     GAsyncResult       *result,
                                     GError            **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
