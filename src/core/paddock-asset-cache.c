/* paddock-asset-cache.c: the list of active assets, fetched once, and searching it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The list is a GListStore of PaddockAsset, in the server's order; beside it, one entry per
 * asset holds the folded symbol and name the search compares with.
 */
#define G_LOG_DOMAIN "paddock-asset-cache"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "paddock-asset-cache.h"
#include "paddock-error.h"

/* the longest search text folded (a person types a few letters) */
#define MAX_SEARCH_LENGTH 256

typedef struct
{
  PaddockAsset *asset;       /* owned by the store as well */
  char *symbol_fold;
  char *name_fold;           /* NULL when the asset has no name */
} Entry;

typedef struct
{
  Entry *entry;
  guint rank;
  gsize key;
} Hit;

struct _PaddockAssetCache
{
  GObject parent_instance;

  PaddockClient *client;
  GCancellable *cancellable;   /* the load under way; cancelled by dispose */
  GListStore *assets;
  GArray *entries;             /* Entry */
  GHashTable *by_symbol;       /* symbol → Entry index + 1 */
  GPtrArray *waiting;          /* GTask*: loads that finish when the request does */
  gboolean loaded;
};

G_DEFINE_FINAL_TYPE (PaddockAssetCache, paddock_asset_cache, G_TYPE_OBJECT)

static void
entry_clear (Entry *entry)
{
  g_free (entry->symbol_fold);
  g_free (entry->name_fold);
}

static char *
fold (const char *text)
{
  g_autofree char *normal = NULL;

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return NULL;
  normal = g_utf8_normalize (text, -1, G_NORMALIZE_ALL);
  return normal != NULL ? g_utf8_casefold (normal, -1) : NULL;
}

static void
paddock_asset_cache_dispose (GObject *object)
{
  PaddockAssetCache *self = PADDOCK_ASSET_CACHE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->client);
  G_OBJECT_CLASS (paddock_asset_cache_parent_class)->dispose (object);
}

static void
paddock_asset_cache_finalize (GObject *object)
{
  PaddockAssetCache *self = PADDOCK_ASSET_CACHE (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->assets);
  g_clear_pointer (&self->entries, g_array_unref);
  g_clear_pointer (&self->by_symbol, g_hash_table_unref);
  g_clear_pointer (&self->waiting, g_ptr_array_unref);
  G_OBJECT_CLASS (paddock_asset_cache_parent_class)->finalize (object);
}

static void
paddock_asset_cache_class_init (PaddockAssetCacheClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = paddock_asset_cache_dispose;
  object_class->finalize = paddock_asset_cache_finalize;
}

static void
paddock_asset_cache_init (PaddockAssetCache *self)
{
  self->cancellable = g_cancellable_new ();
  self->assets = g_list_store_new (PADDOCK_TYPE_ASSET);
  self->entries = g_array_new (FALSE, TRUE, sizeof (Entry));
  g_array_set_clear_func (self->entries, (GDestroyNotify) entry_clear);
  self->by_symbol = g_hash_table_new (g_str_hash, g_str_equal);
  self->waiting = g_ptr_array_new_with_free_func (g_object_unref);
}

/**
 * paddock_asset_cache_new:
 * @client: a Trading API client
 *
 * Returns: (transfer full): an empty cache; load it with paddock_asset_cache_load_async()
 */
PaddockAssetCache *
paddock_asset_cache_new (PaddockClient *client)
{
  PaddockAssetCache *self;

  g_return_val_if_fail (client == NULL || PADDOCK_IS_CLIENT (client), NULL);

  self = g_object_new (PADDOCK_TYPE_ASSET_CACHE, NULL);
  self->client = client != NULL ? g_object_ref (client) : NULL;
  return self;
}

/**
 * paddock_asset_cache_load_from_json:
 * @node: an Asset[] reply
 *
 * Replaces the list with the assets of @node (what the load does with the server's reply).
 *
 * Returns: %TRUE, or %FALSE with %PADDOCK_ERROR_PROTOCOL when @node is not an array (the
 *   list is unchanged then)
 */
gboolean
paddock_asset_cache_load_from_json (PaddockAssetCache  *self,
                                    JsonNode           *node,
                                    GError            **error)
{
  g_autoptr (GPtrArray) parsed = NULL;
  JsonArray *array;
  guint removed;

  g_return_val_if_fail (PADDOCK_IS_ASSET_CACHE (self), FALSE);

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      g_set_error_literal (error, PADDOCK_ERROR, PADDOCK_ERROR_PROTOCOL,
                           _("The list of assets is not a JSON array."));
      return FALSE;
    }

  array = json_node_get_array (node);
  parsed = g_ptr_array_new_full (json_array_get_length (array), g_object_unref);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autoptr (GError) local = NULL;
      PaddockAsset *asset = paddock_asset_new_from_json (json_array_get_element (array, i),
                                                         &local);

      if (asset == NULL)
        g_debug ("An asset of the list was left out: %s", local->message);
      else
        g_ptr_array_add (parsed, asset);
    }

  g_hash_table_remove_all (self->by_symbol);
  g_array_set_size (self->entries, 0);
  for (guint i = 0; i < parsed->len; i++)
    {
      PaddockAsset *asset = g_ptr_array_index (parsed, i);
      Entry entry = {
        asset,
        g_ascii_strdown (paddock_asset_get_symbol (asset), -1),
        fold (paddock_asset_get_name (asset)),
      };

      g_array_append_val (self->entries, entry);
      /* the first of two assets with one symbol is the one looked up */
      if (!g_hash_table_contains (self->by_symbol, paddock_asset_get_symbol (asset)))
        g_hash_table_insert (self->by_symbol, (gpointer) paddock_asset_get_symbol (asset),
                             GUINT_TO_POINTER (self->entries->len));
    }

  removed = g_list_model_get_n_items (G_LIST_MODEL (self->assets));
  g_list_store_splice (self->assets, 0, removed, parsed->pdata, parsed->len);
  self->loaded = TRUE;
  return TRUE;
}

static void
load_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr (PaddockAssetCache) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) node = NULL;
  g_autoptr (GPtrArray) waiting = NULL;

  node = paddock_client_request_finish (PADDOCK_CLIENT (object), result, &error);
  if (node != NULL)
    paddock_asset_cache_load_from_json (self, node, &error);

  waiting = g_steal_pointer (&self->waiting);
  self->waiting = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < waiting->len; i++)
    {
      GTask *task = g_ptr_array_index (waiting, i);

      if (g_task_return_error_if_cancelled (task))
        continue;
      if (error != NULL)
        g_task_return_error (task, g_error_copy (error));
      else
        g_task_return_boolean (task, TRUE);
    }
}

/**
 * paddock_asset_cache_load_async:
 *
 * Fetches the active assets, once: when the list is there already it finishes at once.
 * Cancelling @cancellable finishes this call with %G_IO_ERROR_CANCELLED when the request
 * ends; the request goes on for the other callers (disposing the cache cancels it).
 */
void
paddock_asset_cache_load_async (PaddockAssetCache   *self,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr (GHashTable) query = NULL;
  GTask *task;

  g_return_if_fail (PADDOCK_IS_ASSET_CACHE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, paddock_asset_cache_load_async);
  if (self->loaded)
    {
      g_task_return_boolean (task, TRUE);
      g_object_unref (task);
      return;
    }
  if (self->client == NULL)
    {
      g_task_return_new_error (task, PADDOCK_ERROR, PADDOCK_ERROR_FAILED, "%s",
                               _("There is no account to ask for the list of assets."));
      g_object_unref (task);
      return;
    }

  g_ptr_array_add (self->waiting, task);
  if (self->waiting->len > 1)
    return;

  query = g_hash_table_new (g_str_hash, g_str_equal);
  g_hash_table_insert (query, (gpointer) "status", (gpointer) "active");
  paddock_client_request_async (self->client, "GET", "/v2/assets", query, NULL,
                                PADDOCK_REQUEST_IDEMPOTENT, self->cancellable, load_cb,
                                g_object_ref (self));
}

/**
 * paddock_asset_cache_load_finish:
 *
 * Returns: %TRUE when the list is there, or %FALSE with the client's error or
 *   %PADDOCK_ERROR_PROTOCOL
 */
gboolean
paddock_asset_cache_load_finish (PaddockAssetCache  *self,
                                 GAsyncResult       *result,
                                 GError            **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

gboolean
paddock_asset_cache_is_loaded (PaddockAssetCache *self)
{
  g_return_val_if_fail (PADDOCK_IS_ASSET_CACHE (self), FALSE);
  return self->loaded;
}

/**
 * paddock_asset_cache_get_assets:
 *
 * Returns: (transfer none): the assets (PaddockAsset), empty until loaded
 */
GListModel *
paddock_asset_cache_get_assets (PaddockAssetCache *self)
{
  g_return_val_if_fail (PADDOCK_IS_ASSET_CACHE (self), NULL);
  return G_LIST_MODEL (self->assets);
}

/**
 * paddock_asset_cache_lookup:
 * @symbol: a symbol, exactly as the broker writes it
 *
 * Returns: (transfer none) (nullable): the asset of that symbol
 */
PaddockAsset *
paddock_asset_cache_lookup (PaddockAssetCache *self,
                            const char        *symbol)
{
  guint index;

  g_return_val_if_fail (PADDOCK_IS_ASSET_CACHE (self), NULL);

  if (symbol == NULL)
    return NULL;
  index = GPOINTER_TO_UINT (g_hash_table_lookup (self->by_symbol, symbol));
  return index > 0 ? g_array_index (self->entries, Entry, index - 1).asset : NULL;
}

/* where @needle starts in @name at the start of a word, or else anywhere; G_MAXSIZE when
 * it is not there. *word says which. */
static gsize
find_in_name (const char *name,
              const char *needle,
              gboolean   *word)
{
  const char *first = strstr (name, needle);

  *word = FALSE;
  if (first == NULL)
    return G_MAXSIZE;
  for (const char *p = first; p != NULL; p = strstr (p + 1, needle))
    if (p == name || !g_unichar_isalnum (g_utf8_get_char (g_utf8_find_prev_char (name, p))))
      {
        *word = TRUE;
        return (gsize) (p - name);
      }
  return (gsize) (first - name);
}

static int
hit_compare (gconstpointer a,
             gconstpointer b)
{
  const Hit *x = a;
  const Hit *y = b;

  if (x->rank != y->rank)
    return x->rank < y->rank ? -1 : 1;
  if (x->key != y->key)
    return x->key < y->key ? -1 : 1;
  return strcmp (x->entry->symbol_fold, y->entry->symbol_fold);
}

/**
 * paddock_asset_cache_search:
 * @text: what the person typed; spaces around it do not count
 * @max_results: the most assets returned, 0 for all
 *
 * Returns: (transfer container) (element-type PaddockAsset): the matching assets, best
 *   first (see paddock-asset-cache.h); empty for an empty @text
 */
GPtrArray *
paddock_asset_cache_search (PaddockAssetCache *self,
                            const char        *text,
                            guint              max_results)
{
  g_autoptr (GPtrArray) results = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GArray) hits = NULL;
  g_autofree char *trimmed = NULL;
  g_autofree char *needle = NULL;
  g_autofree char *symbol_needle = NULL;
  gsize needle_len;

  g_return_val_if_fail (PADDOCK_IS_ASSET_CACHE (self), NULL);

  if (text == NULL || strlen (text) > MAX_SEARCH_LENGTH)
    return g_steal_pointer (&results);
  trimmed = g_strstrip (g_strdup (text));
  needle = fold (trimmed);
  if (needle == NULL || *needle == '\0')
    return g_steal_pointer (&results);
  symbol_needle = g_ascii_strdown (trimmed, -1);
  needle_len = strlen (symbol_needle);

  hits = g_array_new (FALSE, FALSE, sizeof (Hit));
  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *entry = &g_array_index (self->entries, Entry, i);
      Hit hit = { entry, 0, 0 };
      gboolean word;
      gsize at;

      if (strncmp (entry->symbol_fold, symbol_needle, needle_len) == 0)
        {
          hit.rank = entry->symbol_fold[needle_len] == '\0' ? 0 : 1;
          hit.key = strlen (entry->symbol_fold);
        }
      else if (entry->name_fold != NULL &&
               (at = find_in_name (entry->name_fold, needle, &word)) != G_MAXSIZE)
        {
          hit.rank = word ? 2 : 3;
          hit.key = at;
        }
      else
        continue;
      g_array_append_val (hits, hit);
    }

  g_array_sort (hits, hit_compare);
  for (guint i = 0; i < hits->len && (max_results == 0 || i < max_results); i++)
    g_ptr_array_add (results, g_object_ref (g_array_index (hits, Hit, i).entry->asset));
  return g_steal_pointer (&results);
}
