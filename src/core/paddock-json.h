/* paddock-json.h: JSON from outside, parsed within limits
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/**
 * PADDOCK_JSON_MAX_DEPTH:
 *
 * How deeply arrays and objects from outside may nest. Alpaca's replies nest four levels
 * at most; json-glib 1.6 recurses once per level and overflows the stack near 80,000.
 */
#define PADDOCK_JSON_MAX_DEPTH 128

/**
 * PADDOCK_JSON_MAX_BYTES:
 *
 * The largest JSON text read from a server: far above a page of 500 orders (about 1 MB).
 */
#define PADDOCK_JSON_MAX_BYTES (16 * 1024 * 1024)

gboolean  paddock_json_check_depth (const char  *data,
                                    gsize        len,
                                    guint        max_depth);
JsonNode *paddock_json_parse       (const char  *data,
                                    gsize        len,
                                    gsize        max_bytes,
                                    guint        max_depth,
                                    GError     **error);

G_END_DECLS
