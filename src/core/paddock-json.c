/* paddock-json.c: JSON from outside, parsed within limits
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * json-glib builds its tree recursively, so a reply nested deeply enough overflows the
 * stack before any of our code sees it. Every JSON text that comes from a server, the
 * keyring or a file goes through paddock_json_parse(), which measures the nesting with a
 * flat scan first and refuses anything too large or too deep.
 */
#define G_LOG_DOMAIN "paddock-json"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "paddock-error.h"
#include "paddock-json.h"

/**
 * paddock_json_check_depth:
 * @data: (array length=len): JSON text, not necessarily valid
 * @len: its length in bytes
 * @max_depth: how many arrays and objects may be open at once
 *
 * Scans @data without recursion; brackets inside strings (escapes included) do not count.
 * The scan does not validate: malformed text within the limit passes and is left to the
 * parser.
 *
 * Returns: %TRUE when no point of @data is nested deeper than @max_depth
 */
gboolean
paddock_json_check_depth (const char *data,
                          gsize       len,
                          guint       max_depth)
{
  guint depth = 0;
  gboolean in_string = FALSE;

  g_return_val_if_fail (data != NULL || len == 0, FALSE);

  for (gsize i = 0; i < len; i++)
    {
      char c = data[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
          continue;
        }
      switch (c)
        {
        case '"':
          in_string = TRUE;
          break;
        case '[':
        case '{':
          if (++depth > max_depth)
            return FALSE;
          break;
        case ']':
        case '}':
          if (depth > 0)
            depth--;
          break;
        default:
          break;
        }
    }
  return TRUE;
}

/* Whether the integer literal @digits (no sign, @n of them) fits in a gint64: json-glib 1.6
 * turns any larger one into -1 without an error. */
static gboolean
integer_fits (const char *digits,
              gsize       n,
              gboolean    negative)
{
  const char *limit = negative ? "9223372036854775808" : "9223372036854775807";

  while (n > 1 && *digits == '0')
    {
      digits++;
      n--;
    }
  if (n != strlen (limit))
    return n < strlen (limit);
  return strncmp (digits, limit, n) <= 0;
}

static inline gboolean
is_number_char (char c)
{
  return g_ascii_isdigit (c) || c == '+' || c == '-' || c == '.' || c == 'e' || c == 'E';
}

typedef enum {
  TEXT_OK,
  TEXT_TOO_DEEP,
  TEXT_NUL,
  TEXT_TOO_LARGE,
  TEXT_TRAILING,
  TEXT_SURROGATE,
} TextCheck;

/* The value of the 4 hex digits at p, or -1 */
static gint
hex4 (const char *p)
{
  gint value = 0;

  for (guint k = 0; k < 4; k++)
    {
      gint digit = g_ascii_xdigit_value (p[k]);

      if (digit < 0)
        return -1;
      value = value * 16 + digit;
    }
  return value;
}

/* json-glib 1.6 reads "\u0000" as the end of the string, an integer beyond 64 bits as -1
 * and 1e400 as infinity, all silently: such text is refused before it is parsed. Like the
 * depth scan it does not validate; anything malformed is left to the parser. One pass
 * does both (the text of a page of orders is megabytes): nesting deeper than max_depth
 * wins over a bad literal, as if the depth were scanned first. */
static TextCheck
check_text (const char *data,
            gsize       len,
            guint       max_depth)
{
  TextCheck literal = TEXT_OK;
  gboolean in_string = FALSE;
  gboolean root_seen = FALSE;
  gboolean root_closed = FALSE;
  guint depth = 0;

  for (gsize i = 0; i < len; i++)
    {
      char c = data[i];

      if (c == '\0' && literal == TEXT_OK)
        literal = TEXT_NUL;
      /* json-glib 1.6 takes "{} []" (or "1 {}") as "{}" and leaks the value after it (found
       * by tests/fuzz): nothing may follow a closed root, no array or object a scalar one */
      if (!in_string && depth == 0 && !g_ascii_isspace (c))
        {
          if (literal == TEXT_OK &&
              (root_closed || (root_seen && (c == '[' || c == '{'))))
            literal = TEXT_TRAILING;
          root_seen = TRUE;
        }
      if (in_string)
        {
          if (c == '\\' && i + 1 < len)
            {
              i++;
              if (literal == TEXT_OK && data[i] == 'u' && i + 4 < len &&
                  memcmp (data + i + 1, "0000", 4) == 0)
                literal = TEXT_NUL;
              /* json-glib 1.6 leaks the string when a high surrogate is followed by an
               * escape that is no low one, "\ud800\u0041", and reads "\udc@" its own
               * way (found by tests/fuzz): \u takes exactly four hex digits */
              else if (literal == TEXT_OK && data[i] == 'u' &&
                       (i + 4 >= len || hex4 (data + i + 1) < 0))
                literal = TEXT_SURROGATE;
              else if (literal == TEXT_OK && data[i] == 'u' && i + 10 < len &&
                       hex4 (data + i + 1) >= 0xd800 && hex4 (data + i + 1) <= 0xdbff &&
                       data[i + 5] == '\\' && data[i + 6] == 'u' &&
                       (hex4 (data + i + 7) < 0xdc00 || hex4 (data + i + 7) > 0xdfff))
                literal = TEXT_SURROGATE;
            }
          else if (c == '"')
            in_string = FALSE;
          continue;
        }
      switch (c)
        {
        case '"':
          in_string = TRUE;
          break;
        case '[':
        case '{':
          if (++depth > max_depth)
            return TEXT_TOO_DEEP;
          break;
        case ']':
        case '}':
          if (depth > 0 && --depth == 0)
            root_closed = TRUE;
          break;
        default:
          if (literal == TEXT_OK && (c == '-' || g_ascii_isdigit (c)))
            {
              gsize start = i, end = i;
              gboolean negative = c == '-';
              gboolean integer = TRUE;

              while (end < len && is_number_char (data[end]))
                {
                  if (data[end] == '.' || data[end] == 'e' || data[end] == 'E')
                    integer = FALSE;
                  end++;
                }
              if (integer)
                {
                  gsize skip = negative ? 1 : 0;

                  if (!integer_fits (data + start + skip, end - start - skip, negative))
                    literal = TEXT_TOO_LARGE;
                }
              else
                {
                  g_autofree char *text = g_strndup (data + start, end - start);

                  if (!isfinite (g_ascii_strtod (text, NULL)))
                    literal = TEXT_TOO_LARGE;
                }
              i = end - 1;
            }
          break;
        }
    }
  return literal;
}

/**
 * paddock_json_parse:
 * @data: (array length=len) (nullable): JSON text
 * @len: its length in bytes
 * @max_bytes: the largest @len accepted (%PADDOCK_JSON_MAX_BYTES for server replies)
 * @max_depth: the deepest nesting accepted (%PADDOCK_JSON_MAX_DEPTH)
 * @error: %PADDOCK_ERROR_PROTOCOL when the text is too large, too deep, empty or malformed,
 *   or holds what json-glib would read wrongly without saying so: a NUL character
 *   (`\u0000`), an integer beyond 64 bits, a number beyond a double's range
 *
 * The tree is not sealed (json-glib's immutable parser hashes every object of it, 4 % of
 * reading ten thousand orders, for json_node_hash() that nothing here calls): treat it as
 * read-only all the same, it may be shared.
 *
 * Returns: (transfer full): the root node
 */
JsonNode *
paddock_json_parse (const char  *data,
                    gsize        len,
                    gsize        max_bytes,
                    guint        max_depth,
                    GError     **error)
{
  g_autoptr (JsonParser) parser = NULL;
  g_autoptr (GError) local_error = NULL;
  JsonNode *root;

  if (data == NULL || len == 0)
    {
      g_set_error (error, PADDOCK_ERROR, PADDOCK_ERROR_PROTOCOL, _("The reply was empty."));
      return NULL;
    }
  if (len > max_bytes)
    {
      g_set_error (error, PADDOCK_ERROR, PADDOCK_ERROR_PROTOCOL,
                   _("The reply was larger than %lu bytes."), (gulong) max_bytes);
      return NULL;
    }
  switch (check_text (data, len, max_depth))
    {
    case TEXT_OK:
      break;
    case TEXT_TOO_DEEP:
      g_set_error (error, PADDOCK_ERROR, PADDOCK_ERROR_PROTOCOL,
                   _("The reply was nested more than %u levels deep."), max_depth);
      return NULL;
    case TEXT_NUL:
      g_set_error_literal (error, PADDOCK_ERROR, PADDOCK_ERROR_PROTOCOL,
                           _("The reply held a text with a NUL character."));
      return NULL;
    case TEXT_SURROGATE:
      g_set_error (error, PADDOCK_ERROR, PADDOCK_ERROR_PROTOCOL,
                   _("The reply was not valid JSON: %s"), "malformed \\u escape");
      return NULL;
    case TEXT_TRAILING:
      g_set_error_literal (error, PADDOCK_ERROR, PADDOCK_ERROR_PROTOCOL,
                           _("The reply held more than one JSON value."));
      return NULL;
    case TEXT_TOO_LARGE:
    default:
      g_set_error_literal (error, PADDOCK_ERROR, PADDOCK_ERROR_PROTOCOL,
                           _("The reply held a number too large to read."));
      return NULL;
    }

  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, data, (gssize) len, &local_error))
    {
      g_set_error (error, PADDOCK_ERROR, PADDOCK_ERROR_PROTOCOL,
                   _("The reply was not valid JSON: %s"), local_error->message);
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (root == NULL)
    {
      g_set_error (error, PADDOCK_ERROR, PADDOCK_ERROR_PROTOCOL, _("The reply was empty."));
      return NULL;
    }
  return json_node_ref (root);
}
