/* paddock-json-private.h: paddock-json.c's fast path, for its tests and fuzzer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

JsonNode *_paddock_json_parse_fast (const char *data,
                                    gsize       len,
                                    guint       max_depth);

G_END_DECLS
