/* fuzz-common.h: what every libFuzzer target of Paddock shares
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A target is one small .c that hands the fuzzer's bytes to the real parser in src/core or
 * src/sandbox. GLib's criticals and warnings abort, so a g_return_if_fail() that a hostile
 * input reaches counts as a crash.
 */
#pragma once

#include <stddef.h>
#include <stdint.h>

#include <json-glib/json-glib.h>

#include "paddock-json.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);
int LLVMFuzzerInitialize   (int           *argc,
                            char        ***argv);

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_log_set_always_fatal (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  return 0;
}

/* As the app reads a server's reply: within PADDOCK_JSON_MAX_BYTES and _MAX_DEPTH */
static inline JsonNode *
fuzz_parse (const uint8_t *data,
            size_t         size)
{
  return paddock_json_parse ((const char *) data, size, PADDOCK_JSON_MAX_BYTES,
                             PADDOCK_JSON_MAX_DEPTH, NULL);
}

typedef void (*FuzzVisit) (const char *name,
                           JsonNode   *node);

/* Visits the root and, one and two levels down, each element and member: the shapes of
 * Alpaca's replies are one object, a list, {"bars": […]} and {"quotes": {"AAPL": {…}}}. */
static inline void
fuzz_visit_level (const char *name,
                  JsonNode   *node,
                  FuzzVisit   visit,
                  guint       depth)
{
  visit (name, node);
  if (depth == 0)
    return;
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        fuzz_visit_level (name, json_array_get_element (array, i), visit, depth - 1);
    }
  else if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObjectIter iter;
      const char *member;
      JsonNode *child;

      json_object_iter_init (&iter, json_node_get_object (node));
      while (json_object_iter_next (&iter, &member, &child))
        fuzz_visit_level (member, child, visit, depth - 1);
    }
}

static inline int
fuzz_models (const uint8_t *data,
             size_t         size,
             FuzzVisit      visit)
{
  g_autoptr (JsonNode) root = fuzz_parse (data, size);

  if (root != NULL)
    fuzz_visit_level ("", root, visit, 2);
  return 0;
}
