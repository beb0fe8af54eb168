/* paddock-store-private.h: what the order, position and activity stores share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every row of a store keeps the JSON the server last sent for it (for `--json` output,
 * exactly as sent); a store's failures are kept until its next success.
 */
#pragma once

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

G_END_DECLS
