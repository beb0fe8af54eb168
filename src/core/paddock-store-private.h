/* paddock-store-private.h: what the order, position and activity stores share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every row of a store keeps the JSON the server last sent for it (for `--json` output,
 * exactly as sent); a store's failures are kept until its next success.
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define PADDOCK_STORE_JSON_KEY "paddock-store-json"

static inline void
paddock_store_set_row_json (gpointer  row,
                            JsonNode *node)
{
  g_object_set_data_full (G_OBJECT (row), PADDOCK_STORE_JSON_KEY, json_node_ref (node),
                          (GDestroyNotify) json_node_unref);
}

static inline JsonNode *
paddock_store_get_row_json (gpointer row)
{
  return g_object_get_data (G_OBJECT (row), PADDOCK_STORE_JSON_KEY);
}

/* A JSON array of the rows' JSON, in the rows' order */
static inline JsonNode *
paddock_store_rows_to_json (GPtrArray *rows)
{
  JsonArray *array = json_array_sized_new (rows->len);
  JsonNode *node = json_node_new (JSON_NODE_ARRAY);

  for (guint i = 0; i < rows->len; i++)
    {
      JsonNode *row = paddock_store_get_row_json (g_ptr_array_index (rows, i));

      json_array_add_element (array, row != NULL ? json_node_copy (row)
                                                 : json_node_new (JSON_NODE_NULL));
    }
  json_node_take_array (node, array);
  return node;
}

/* Replaces *slot with a copy of error (NULL clears it); TRUE when it changed */
static inline gboolean
paddock_store_set_error (GError       **slot,
                         const GError  *error)
{
  if (*slot == NULL && error == NULL)
    return FALSE;
  g_clear_error (slot);
  if (error != NULL)
    *slot = g_error_copy (error);
  return TRUE;
}

/* ---- freshness: "loading", "updated-at" and "error" --------------------------------------
 *
 * Every store says whether a load is on its way, when the last one succeeded and why the
 * last one failed (kept until the next success). The three properties come first in each
 * store's property enum, as PADDOCK_STORE_PROP_*; a store's own ones follow. The helpers are
 * inline so that their debug messages keep the store's log domain.
 */

typedef struct
{
  GDateTime *updated_at;    /* of the last success, UTC; NULL before the first */
  GError *error;            /* of the last failure, until the next success */
} PaddockStoreFreshness;

enum {
  PADDOCK_STORE_PROP_0,
  PADDOCK_STORE_PROP_LOADING,
  PADDOCK_STORE_PROP_UPDATED_AT,
  PADDOCK_STORE_PROP_ERROR,
  PADDOCK_STORE_N_PROPS
};

#define PADDOCK_STORE_PROP_FLAGS \
  (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS)

/* Fills properties[PADDOCK_STORE_PROP_LOADING … _ERROR]:
 * - loading: whether a refresh (or a page) is on its way
 * - updated-at: when the last successful load ended (a GDateTime in UTC), or NULL before
 *   the first
 * - error: why the last load failed (a GError), kept until the next success; NULL otherwise
 */
static inline void
paddock_store_class_add_freshness (GParamSpec **properties)
{
  properties[PADDOCK_STORE_PROP_LOADING] = g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                                                                 PADDOCK_STORE_PROP_FLAGS);
  properties[PADDOCK_STORE_PROP_UPDATED_AT] = g_param_spec_boxed ("updated-at", NULL, NULL,
                                                                  G_TYPE_DATE_TIME,
                                                                  PADDOCK_STORE_PROP_FLAGS);
  properties[PADDOCK_STORE_PROP_ERROR] = g_param_spec_boxed ("error", NULL, NULL, G_TYPE_ERROR,
                                                             PADDOCK_STORE_PROP_FLAGS);
}

/* "has-more" of the paged stores: whether older rows remain to be paged in */
static inline GParamSpec *
paddock_store_has_more_pspec (void)
{
  return g_param_spec_boolean ("has-more", NULL, NULL, TRUE, PADDOCK_STORE_PROP_FLAGS);
}

/* Sets a boolean property's field, notifying only a real change */
static inline void
paddock_store_set_boolean (gpointer    store,
                           gboolean   *field,
                           gboolean    value,
                           GParamSpec *pspec)
{
  if (*field == value)
    return;
  *field = value;
  g_object_notify_by_pspec (G_OBJECT (store), pspec);
}

/* get_property for the freshness properties; FALSE for a store's own */
static inline gboolean
paddock_store_get_freshness_property (const PaddockStoreFreshness *fresh,
                                      gboolean                     loading,
                                      guint                        prop_id,
                                      GValue                      *value)
{
  switch (prop_id)
    {
    case PADDOCK_STORE_PROP_LOADING:
      g_value_set_boolean (value, loading);
      return TRUE;
    case PADDOCK_STORE_PROP_UPDATED_AT:
      g_value_set_boxed (value, fresh->updated_at);
      return TRUE;
    case PADDOCK_STORE_PROP_ERROR:
      g_value_set_boxed (value, fresh->error);
      return TRUE;
    default:
      return FALSE;
    }
}

static inline void
paddock_store_freshness_clear (PaddockStoreFreshness *fresh)
{
  g_clear_pointer (&fresh->updated_at, g_date_time_unref);
  g_clear_error (&fresh->error);
}

/* A load succeeded: updated now, and no error any more */
static inline void
paddock_store_succeeded (gpointer               store,
                         PaddockStoreFreshness *fresh,
                         GParamSpec           **properties)
{
  g_clear_pointer (&fresh->updated_at, g_date_time_unref);
  fresh->updated_at = g_date_time_new_now_utc ();
  g_object_notify_by_pspec (G_OBJECT (store), properties[PADDOCK_STORE_PROP_UPDATED_AT]);
  if (paddock_store_set_error (&fresh->error, NULL))
    g_object_notify_by_pspec (G_OBJECT (store), properties[PADDOCK_STORE_PROP_ERROR]);
}

/* A load failed: kept as "error", unless it was only cancelled. @what names the load for
 * the debug log ("loading orders"). */
static inline void
paddock_store_failed (gpointer               store,
                      PaddockStoreFreshness *fresh,
                      GParamSpec           **properties,
                      const char            *what,
                      const GError          *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_debug ("%s failed: %s", what, error->message);
  paddock_store_set_error (&fresh->error, error);
  g_object_notify_by_pspec (G_OBJECT (store), properties[PADDOCK_STORE_PROP_ERROR]);
}

G_END_DECLS
