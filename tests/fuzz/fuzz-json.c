/* fuzz-json.c: paddock_json_parse(), and its fast path against json-glib
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Whatever text the fast path reads, json-glib must read too, into the same tree (written
 * out, byte for byte): the fast path may only decline what it is unsure of, never read
 * anything differently from the parser it stands in for. And paddock_json_parse() gives a
 * tree or an error, never both, never neither.
 */
#define G_LOG_DOMAIN "paddock-fuzz"

#include "config.h"

#include "fuzz-common.h"
#include "paddock-json-private.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  const char *text = (const char *) data;
  g_autoptr (JsonNode) fast = _paddock_json_parse_fast (text, size, PADDOCK_JSON_MAX_DEPTH);
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) root = NULL;

  if (fast != NULL)
    {
      g_autoptr (JsonParser) parser = json_parser_new ();
      g_autofree char *mine = json_to_string (fast, FALSE);
      g_autofree char *theirs = NULL;

      g_assert (json_parser_load_from_data (parser, text, (gssize) size, NULL));
      g_assert (json_parser_get_root (parser) != NULL);
      theirs = json_to_string (json_parser_get_root (parser), FALSE);
      g_assert (g_str_equal (mine, theirs));
    }
  root = paddock_json_parse (text, size, PADDOCK_JSON_MAX_BYTES, PADDOCK_JSON_MAX_DEPTH,
                             &error);
  g_assert ((root == NULL) != (error == NULL));
  return 0;
}
