/* test-json.c: JSON from outside, parsed within limits
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "paddock-error.h"
#include "paddock-json.h"
#include "paddock-json-private.h"

static char *
nested (guint depth,
        char  open,
        char  close)
{
  char *text = g_malloc (2 * (gsize) depth + 1);

  memset (text, open, depth);
  memset (text + depth, close, depth);
  text[2 * (gsize) depth] = '\0';
  return text;
}

static void
test_depth_scan (void)
{
  g_autofree char *deep = nested (129, '[', ']');
  g_autofree char *edge = nested (128, '{', '}');

  g_assert_true (paddock_json_check_depth ("{}", 2, 1));
  g_assert_false (paddock_json_check_depth ("[[]]", 4, 1));
  g_assert_true (paddock_json_check_depth (edge, strlen (edge), 128));
  g_assert_false (paddock_json_check_depth (deep, strlen (deep), 128));
  /* brackets inside strings, escaped quotes included, do not count */
  g_assert_true (paddock_json_check_depth ("[\"[[[\\\"[[[\"]", 12, 1));
  /* closing brackets without openers never make room for more depth */
  g_assert_false (paddock_json_check_depth ("]]]][[", 6, 1));
}

static void
test_parse_accepts (void)
{
  const char *text = "{\"a\":[1,{\"b\":\"}]\"}],\"c\":\"1.50\"}";
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) root = paddock_json_parse (text, strlen (text), 1024, 4, &error);

  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (root), "c"), ==,
                   "1.50");
}

static void
test_parse_refuses_deep (void)
{
  /* 80,000 levels crashed json-glib 1.6 with a stack overflow */
  g_autofree char *deep = nested (100000, '[', ']');
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) root = paddock_json_parse (deep, strlen (deep), PADDOCK_JSON_MAX_BYTES,
                                                  PADDOCK_JSON_MAX_DEPTH, &error);

  g_assert_null (root);
  g_assert_error (error, PADDOCK_ERROR, PADDOCK_ERROR_PROTOCOL);
}

static void
test_parse_refuses_large_empty_malformed (void)
{
  const char *cases[] = { "[1,2,3]", "", "{\"a\":", "nul" };
  gsize limits[] = { 6, 100, 100, 100 };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (JsonNode) root = paddock_json_parse (cases[i], strlen (cases[i]), limits[i],
                                                      PADDOCK_JSON_MAX_DEPTH, &error);

      g_assert_null (root);
      g_assert_error (error, PADDOCK_ERROR, PADDOCK_ERROR_PROTOCOL);
    }
}

/* What json-glib 1.6 would read wrongly without an error */
static void
test_parse_refuses_silent_damage (void)
{
  const char *refused[] = {
    "{\"account_number\": \"PA1\\u0000X\"}",          /* read as "PA1" */
    "[\"a\", \"\\u0000\"]",
    "{\"equity\": 123456789012345678901234567890123456789}",   /* read as -1 */
    "[18446744073709551615]",                                /* read as -1 */
    "[9223372036854775808]",                                 /* read as G_MININT64 */
    "[-9223372036854775809]",
    "[1e400]",                                               /* read as inf */
    "[-1e400]",
  };
  const char *accepted[] = {
    "[9223372036854775807, -9223372036854775808, 0, -0, 1e300, 1e-400, 0.5]",
    "[\"\\\\u0000 is only text here\", \"\\u00a0\"]",
  };

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (JsonNode) root = paddock_json_parse (refused[i], strlen (refused[i]), 1024,
                                                      PADDOCK_JSON_MAX_DEPTH, &error);

      g_test_message ("refused: %s", refused[i]);
      g_assert_null (root);
      g_assert_error (error, PADDOCK_ERROR, PADDOCK_ERROR_PROTOCOL);
    }
  /* a raw NUL byte within the length */
  {
    g_autoptr (GError) error = NULL;
    g_autoptr (JsonNode) root = paddock_json_parse ("[\"a\0b\"]", 7, 1024,
                                                    PADDOCK_JSON_MAX_DEPTH, &error);

    g_assert_null (root);
    g_assert_error (error, PADDOCK_ERROR, PADDOCK_ERROR_PROTOCOL);
  }
  for (guint i = 0; i < G_N_ELEMENTS (accepted); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (JsonNode) root = paddock_json_parse (accepted[i], strlen (accepted[i]), 1024,
                                                      PADDOCK_JSON_MAX_DEPTH, &error);

      g_test_message ("accepted: %s", accepted[i]);
      g_assert_no_error (error);
      g_assert_nonnull (root);
    }
}

/* json-glib 1.6 takes "{} []" as "{}" and leaks the second value; "{"a":1}[]}" fails but
 * leaks "[]" too (found by tests/fuzz/fuzz-watchlist): text with more than one value is
 * refused before json-glib sees it. */
static void
test_parse_refuses_trailing_values (void)
{
  const char *refused[] = {
    "{} []",
    "{}[]",
    "{\"id\": \"a\"}{\"id\": \"b\", \"assets\": [1, 2, 3]}",
    "{\"id\":\"6a1b\",\"tes\":[]}[]}",
    "[1] 2",
    "[] \"x\"",
    "1 []",
    "\"s\" {}",
    "true [1, 2]",
    "{}\n\n{}",
  };
  /* a high surrogate and no low one after it: json-glib 1.6 refuses it but leaks the
   * string (found by tests/fuzz/fuzz-activity), so json-glib must never see it: the
   * refusal is the scan's, not json-glib's (whose messages name "<data>") */
  const char *surrogates[] = {
    "[\"\\ud800\\u0041\"]",
    "{\"e\": \"x\\udbff\\ud800\"}",
    "[\"\\ud800\\uzzzz\"]",
    "{\"e\": \"u7\\udc@\\ur2Pi,t2v\"}",
    "[\"\\uzzzz\"]",
    /* json-glib 1.6 reads a low surrogate followed by an escape as a pair too, and leaks
     * the string the same way: the 152-byte leak of the whole-run fuzzer leak check */
    "[\"\\udc00\\u0041\"]",
    "{\"e\": \"\\udfff\\udc00\"}",
    "[\"\\ud83d\\ude00\\udc00\\u0041\"]",
  };
  const char *accepted[] = {
    " \t\r\n{\"a\": [1, {\"b\": \"}{\"}]} \t\r\n",
    "\"[] {}\"",
    "[[], {}, [{}]]",
    "[\"\\ud83d\\ude00\", \"\\u00e9\"]",
    "[\"\\ud83d\\ude00\\u0041\\ud83d\\ude00\"]",
    "12",
  };

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (JsonNode) root = paddock_json_parse (refused[i], strlen (refused[i]), 1024,
                                                      PADDOCK_JSON_MAX_DEPTH, &error);

      g_test_message ("refused: %s", refused[i]);
      g_assert_null (root);
      g_assert_error (error, PADDOCK_ERROR, PADDOCK_ERROR_PROTOCOL);
    }
  for (guint i = 0; i < G_N_ELEMENTS (surrogates); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (JsonNode) root = paddock_json_parse (surrogates[i], strlen (surrogates[i]),
                                                      1024, PADDOCK_JSON_MAX_DEPTH, &error);

      g_test_message ("refused before json-glib: %s", surrogates[i]);
      g_assert_null (root);
      g_assert_error (error, PADDOCK_ERROR, PADDOCK_ERROR_PROTOCOL);
      g_assert_null (strstr (error->message, "<data>"));
    }
  for (guint i = 0; i < G_N_ELEMENTS (accepted); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (JsonNode) root = paddock_json_parse (accepted[i], strlen (accepted[i]), 1024,
                                                      PADDOCK_JSON_MAX_DEPTH, &error);

      g_test_message ("accepted: %s", accepted[i]);
      g_assert_no_error (error);
      g_assert_nonnull (root);
    }
}

/* json-glib's own reading of @text, as paddock_json_parse() did before its fast path */
static char *
json_glib_reading (const char *text,
                   gsize       len)
{
  g_autoptr (JsonParser) parser = json_parser_new ();

  if (!json_parser_load_from_data (parser, text, (gssize) len, NULL) ||
      json_parser_get_root (parser) == NULL)
    return NULL;
  return json_to_string (json_parser_get_root (parser), FALSE);
}

/* The fast path reads strict JSON into the tree json-glib builds (same types, values,
 * members in the same order), and declines everything it must leave to the checks and
 * json-glib */
static void
test_fast_path (void)
{
  const char *read[] = {
    "{\"a\":[1,{\"b\":\"}]\"}],\"c\":\"1.50\"}",
    " \t\r\n{\"a\": [1, {\"b\": \"}{\"}]} \t\r\n",
    "[[], {}, [{}], [[[]]], {\"\": {}}]",
    "[\"\\ud83d\\ude00\", \"\\u00e9\", \"\\u20AC\", \"caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80\"]",
    "[\"\\\"\\\\\\/\\b\\f\\n\\r\\t\", \"a\\\\u0000b\", \"\", \"\\u0001\\u001f\\u007f\"]",
    "[9223372036854775807, -9223372036854775808, 0, -0, 1, -1, 10, 1234567890]",
    "[0.5, -0.5, 0.1, 1.5e-7, 123.456, -2.5E+3, 1e22, 1E5, 2e-5, 1.0, 0.0, -0.0, 1e300, "
    "2.2250738585072014e-308, 1.7976931348623157e308, 0.30000000000000004, "
    "123456789.123456789, 4.35, 189.97, 0.000001]",
    "[true, false, null, [true], {\"t\": false, \"n\": null}]",
    "12", "-3.25", "\"x\"", "true", "null",
    "{\"id\":\"61e69015-8549-4bfd-b9c3-01e75843f47d\",\"client_order_id\":\"eb9e2aaa\","
    "\"created_at\":\"2026-11-29T10:00:00.123456Z\",\"submitted_at\":\"2026-11-29T10:00:00Z\","
    "\"filled_at\":null,\"asset_class\":\"us_equity\",\"qty\":\"10\",\"filled_qty\":\"0\","
    "\"limit_price\":\"189.97\",\"extended_hours\":false,\"legs\":[{\"id\":\"x\",\"legs\":null}],"
    "\"trail_percent\":null,\"hwm\":null,\"subtag\":null,\"source\":null}",
    "{\"stream\":\"trade_updates\",\"data\":{\"event\":\"fill\",\"price\":\"179.08\","
    "\"timestamp\":\"2026-11-29T10:00:00.1Z\",\"position_qty\":\"100\",\"order\":{}}}",
  };
  const char *declined[] = {
    "", " ", "[1,]", "{\"a\":1,}", "[01]", "[1.]", "[.5]", "[+1]", "[1e]", "[-]", "[0x10]",
    "{\"a\":1,\"a\":2}", "{\"a\":1 \"b\":2}", "{a:1}", "{'a':1}", "[1 2]", "[true false]",
    "[nul]", "[True]", "[NaN]", "[Infinity]",
    "[\"\\u0000\"]", "[\"\\ud800\"]", "[\"\\udc00\"]", "[\"\\ud800\\u0041\"]", "[\"\\uzzzz\"]",
    "[\"\\u12\"]", "[\"\\x41\"]", "[\"\\'\"]", "[\"a\tb\"]", "[\"a\nb\"]", "[\"\xff\"]",
    "[\"\xc3\"]", "[\"\xed\xa0\x80\"]", "[\"unterminated]",
    "[1e400]", "[-1e400]", "[9223372036854775808]", "[-9223372036854775809]",
    "[18446744073709551616]", "{} []", "[] 1", "1 2", "[]]", "[", "{",
    "\xef\xbb\xbf[]", "[]\x0c", "\x0b[]", "/* c */ []",
  };

  for (guint i = 0; i < G_N_ELEMENTS (read); i++)
    {
      g_autoptr (JsonNode) fast = _paddock_json_parse_fast (read[i], strlen (read[i]), 128);
      g_autofree char *mine = NULL;
      g_autofree char *theirs = json_glib_reading (read[i], strlen (read[i]));
      g_autofree char *shown = g_strescape (read[i], NULL);

      g_test_message ("read: %s", shown);
      g_assert_nonnull (fast);
      mine = json_to_string (fast, FALSE);
      g_assert_cmpstr (mine, ==, theirs);
    }
  for (guint i = 0; i < G_N_ELEMENTS (declined); i++)
    {
      g_autoptr (JsonNode) fast = _paddock_json_parse_fast (declined[i], strlen (declined[i]), 128);
      g_autofree char *shown = g_strescape (declined[i], NULL);   /* TAP wants valid UTF-8 */

      g_test_message ("declined: %s", shown);
      g_assert_null (fast);
    }
  /* a raw NUL byte within the length, and nesting beyond the limit */
  g_assert_null (_paddock_json_parse_fast ("[\"a\0b\"]", 7, 128));
  g_assert_null (_paddock_json_parse_fast ("[[[]]]", 6, 2));
  {
    g_autoptr (JsonNode) shallow = _paddock_json_parse_fast ("[[]]", 4, 2);

    g_assert_nonnull (shallow);
  }
  /* a tree from the fast path is what paddock_json_parse() returns */
  {
    const char *text = "{\"a\":[1,2.5,\"x\",null]}";
    g_autoptr (JsonNode) root = paddock_json_parse (text, strlen (text), 1024, 4, NULL);
    g_autofree char *written = json_to_string (root, FALSE);

    g_assert_cmpstr (written, ==, text);
    g_assert_true (json_node_get_parent (json_array_get_element (
      json_object_get_array_member (json_node_get_object (root), "a"), 0)) != NULL);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/json/depth-scan", test_depth_scan);
  g_test_add_func ("/core/json/parse-accepts", test_parse_accepts);
  g_test_add_func ("/core/json/parse-refuses-deep", test_parse_refuses_deep);
  g_test_add_func ("/core/json/parse-refuses-large-empty-malformed",
                   test_parse_refuses_large_empty_malformed);
  g_test_add_func ("/core/json/parse-refuses-silent-damage", test_parse_refuses_silent_damage);
  g_test_add_func ("/core/json/parse-refuses-trailing-values",
                   test_parse_refuses_trailing_values);
  g_test_add_func ("/core/json/fast-path", test_fast_path);

  return g_test_run ();
}
