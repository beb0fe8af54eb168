/* paddock-json.c: JSON from outside, parsed within limits
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * json-glib builds its tree recursively, so a reply nested deeply enough overflows the
 * stack before any of our code sees it. Every JSON text that comes from a server, the
 * keyring or a file goes through paddock_json_parse(), which measures the nesting with a
 * flat scan first and refuses anything too large or too deep.
 *
 * Reading a reply is most of what the CLI does with 10,000 orders, and json-glib's
 * GScanner-based parser spent about 200 instructions a byte on it. Strict JSON (RFC 8259
 * with nothing json-glib would read wrongly) is therefore read by a small parser of our
 * own that builds the very tree json-glib builds, with json-glib's own node and object
 * calls; anything else (malformed text, a \u0000, a lone surrogate, a number out of range,
 * a duplicate member, raw control characters, too deep) is left to the checks and
 * json-glib exactly as before, so what is accepted or refused, and how, does not change.
 */
#define G_LOG_DOMAIN "paddock-json"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <errno.h>
#include <math.h>
#include <string.h>

#include "paddock-error.h"
#include "paddock-json.h"
#include "paddock-json-private.h"

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

/* Checks the \u escape whose 'u' is at data[*i]. It takes exactly four hex digits (json-glib
 * 1.6 reads "\udc@" its own way); "\u0000" is a NUL. json-glib 1.6 reads any surrogate
 * followed by a \u escape as a pair, and leaks the string (152 bytes, found by tests/fuzz)
 * when that is no high surrogate followed by a low one: "\ud800\u0041", "\udc00\u0041",
 * "\udc00\udc00". A well-formed pair is skipped whole (*i then at its last digit), so that
 * its low half is not read as the start of another. */
static TextCheck
check_u_escape (const char *data,
                gsize       len,
                gsize      *i)
{
  gint unit, low;

  if (*i + 4 >= len || (unit = hex4 (data + *i + 1)) < 0)
    return TEXT_SURROGATE;
  if (unit == 0)
    return TEXT_NUL;
  if (unit < 0xd800 || unit > 0xdfff ||
      *i + 6 >= len || data[*i + 5] != '\\' || data[*i + 6] != 'u')
    return TEXT_OK;
  if (*i + 10 >= len || (low = hex4 (data + *i + 7)) < 0 ||
      unit > 0xdbff || low < 0xdc00 || low > 0xdfff)
    return TEXT_SURROGATE;
  *i += 10;
  return TEXT_OK;
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
              if (literal == TEXT_OK && data[i] == 'u')
                literal = check_u_escape (data, len, &i);
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

/* ---- the fast path -------------------------------------------------------------------- */

typedef struct
{
  const char *p;
  const char *end;
  guint       depth;
  guint       max_depth;
  GString    *buf;
} Fast;

#define FAST_MAX_DEPTH 512   /* recursion of the fast path; deeper text takes the slow one */

static inline void
fast_space (Fast *f)
{
  while (f->p < f->end && (*f->p == ' ' || *f->p == '\n' || *f->p == '\r' || *f->p == '\t'))
    f->p++;
}

/* The string whose opening quote f->p is at, unescaped into f->buf; FALSE to decline */
static gboolean
fast_string (Fast *f)
{
  const char *run;

  g_string_truncate (f->buf, 0);
  f->p++;
  run = f->p;
  for (;;)
    {
      guchar c;

      while (f->p < f->end && (c = (guchar) *f->p) != '"' && c != '\\' && c >= 0x20)
        f->p++;
      if (f->p >= f->end)
        return FALSE;
      c = (guchar) *f->p;
      if (c < 0x20)
        return FALSE;
      if (!g_utf8_validate_len (run, f->p - run, NULL))
        return FALSE;
      g_string_append_len (f->buf, run, f->p - run);
      if (c == '"')
        {
          f->p++;
          return TRUE;
        }
      /* an escape */
      if (f->end - f->p < 2)
        return FALSE;
      switch (f->p[1])
        {
        case '"': g_string_append_c (f->buf, '"'); break;
        case '\\': g_string_append_c (f->buf, '\\'); break;
        case '/': g_string_append_c (f->buf, '/'); break;
        case 'b': g_string_append_c (f->buf, '\b'); break;
        case 'f': g_string_append_c (f->buf, '\f'); break;
        case 'n': g_string_append_c (f->buf, '\n'); break;
        case 'r': g_string_append_c (f->buf, '\r'); break;
        case 't': g_string_append_c (f->buf, '\t'); break;
        case 'u':
          {
            gint unit, low;
            gunichar ch;

            if (f->end - f->p < 6 || (unit = hex4 (f->p + 2)) <= 0)
              return FALSE;   /* malformed, or \u0000: the checks refuse it */
            if (unit >= 0xdc00 && unit <= 0xdfff)
              return FALSE;
            if (unit >= 0xd800 && unit <= 0xdbff)
              {
                if (f->end - f->p < 12 || f->p[6] != '\\' || f->p[7] != 'u' ||
                    (low = hex4 (f->p + 8)) < 0xdc00 || low > 0xdfff)
                  return FALSE;
                ch = 0x10000 + (((gunichar) unit - 0xd800) << 10) + ((gunichar) low - 0xdc00);
                f->p += 6;
              }
            else
              ch = (gunichar) unit;
            g_string_append_unichar (f->buf, ch);
            f->p += 4;
          }
          break;
        default:
          return FALSE;
        }
      f->p += 2;
      run = f->p;
    }
}

/* A number as RFC 8259 writes it, integer or double as json-glib reads them; NULL for
 * anything else, or what the checks refuse (beyond 64 bits, beyond a double's range) */
static JsonNode *
fast_number (Fast *f)
{
  const char *start = f->p;
  gboolean integer = TRUE;
  char text[64];
  char *end;

  if (f->p < f->end && *f->p == '-')
    f->p++;
  if (f->p >= f->end || !g_ascii_isdigit (*f->p))
    return NULL;
  if (*f->p == '0')
    f->p++;
  else
    while (f->p < f->end && g_ascii_isdigit (*f->p))
      f->p++;
  if (f->p < f->end && *f->p == '.')
    {
      integer = FALSE;
      f->p++;
      if (f->p >= f->end || !g_ascii_isdigit (*f->p))
        return NULL;
      while (f->p < f->end && g_ascii_isdigit (*f->p))
        f->p++;
    }
  if (f->p < f->end && (*f->p == 'e' || *f->p == 'E'))
    {
      integer = FALSE;
      f->p++;
      if (f->p < f->end && (*f->p == '+' || *f->p == '-'))
        f->p++;
      if (f->p >= f->end || !g_ascii_isdigit (*f->p))
        return NULL;
      while (f->p < f->end && g_ascii_isdigit (*f->p))
        f->p++;
    }
  if ((gsize) (f->p - start) >= sizeof text)
    return NULL;
  memcpy (text, start, f->p - start);
  text[f->p - start] = '\0';
  errno = 0;
  if (integer)
    {
      gint64 value = g_ascii_strtoll (text, &end, 10);

      if (errno != 0 || *end != '\0')
        return NULL;
      return json_node_init_int (json_node_alloc (), value);
    }
  else
    {
      double value = g_ascii_strtod (text, &end);

      if (errno != 0 || *end != '\0' || !isfinite (value))
        return NULL;
      return json_node_init_double (json_node_alloc (), value);
    }
}

static JsonNode *fast_value (Fast *f);

static JsonNode *
fast_object (Fast *f)
{
  JsonObject *object = json_object_new ();
  JsonNode *node = json_node_init_object (json_node_alloc (), object);

  json_object_unref (object);
  f->p++;
  fast_space (f);
  if (f->p < f->end && *f->p == '}')
    {
      f->p++;
      return node;
    }
  for (;;)
    {
      g_autofree char *long_name = NULL;
      char short_name[64];
      const char *name;
      JsonNode *member;
      guint size;

      if (f->p >= f->end || *f->p != '"' || !fast_string (f))
        break;
      /* the value's strings reuse f->buf: keep the name apart, on the stack when short */
      if (f->buf->len < sizeof short_name)
        name = memcpy (short_name, f->buf->str, f->buf->len + 1);
      else
        name = long_name = g_strndup (f->buf->str, f->buf->len);
      fast_space (f);
      if (f->p >= f->end || *f->p != ':')
        break;
      f->p++;
      if ((member = fast_value (f)) == NULL)
        break;
      json_node_set_parent (member, node);
      size = json_object_get_size (object);
      json_object_set_member (object, name, member);
      if (json_object_get_size (object) == size)
        break;   /* a duplicate member: left to json-glib */
      fast_space (f);
      if (f->p < f->end && *f->p == ',')
        {
          f->p++;
          fast_space (f);
          continue;
        }
      if (f->p < f->end && *f->p == '}')
        {
          f->p++;
          return node;
        }
      break;
    }
  json_node_unref (node);
  return NULL;
}

static JsonNode *
fast_array (Fast *f)
{
  JsonArray *array = json_array_new ();
  JsonNode *node = json_node_init_array (json_node_alloc (), array);

  json_array_unref (array);
  f->p++;
  fast_space (f);
  if (f->p < f->end && *f->p == ']')
    {
      f->p++;
      return node;
    }
  for (;;)
    {
      JsonNode *element = fast_value (f);

      if (element == NULL)
        break;
      json_node_set_parent (element, node);
      json_array_add_element (array, element);
      fast_space (f);
      if (f->p < f->end && *f->p == ',')
        {
          f->p++;
          continue;
        }
      if (f->p < f->end && *f->p == ']')
        {
          f->p++;
          return node;
        }
      break;
    }
  json_node_unref (node);
  return NULL;
}

static gboolean
fast_word (Fast       *f,
           const char *word,
           gsize       n)
{
  if ((gsize) (f->end - f->p) < n || memcmp (f->p, word, n) != 0)
    return FALSE;
  f->p += n;
  return TRUE;
}

static JsonNode *
fast_value (Fast *f)
{
  JsonNode *node = NULL;

  fast_space (f);
  if (f->p >= f->end)
    return NULL;
  switch (*f->p)
    {
    case '{':
    case '[':
      if (++f->depth > f->max_depth)
        return NULL;
      node = *f->p == '{' ? fast_object (f) : fast_array (f);
      f->depth--;
      return node;
    case '"':
      if (!fast_string (f))
        return NULL;
      return json_node_init_string (json_node_alloc (), f->buf->str);
    case 't':
      return fast_word (f, "true", 4) ? json_node_init_boolean (json_node_alloc (), TRUE) : NULL;
    case 'f':
      return fast_word (f, "false", 5) ? json_node_init_boolean (json_node_alloc (), FALSE)
                                       : NULL;
    case 'n':
      return fast_word (f, "null", 4) ? json_node_init_null (json_node_alloc ()) : NULL;
    default:
      return fast_number (f);
    }
}

/*
 * _paddock_json_parse_fast:
 * @data: (array length=len): JSON text
 * @len: its length in bytes
 * @max_depth: the deepest nesting accepted
 *
 * Reads @data when it is strict JSON that json-glib 1.6 reads right: one value, RFC 8259's
 * grammar and whitespace, valid UTF-8, no raw control character or \u0000 in a string,
 * surrogates only in pairs, integers within 64 bits, numbers within a double's range, no
 * member twice in an object, nested at most @max_depth deep. The tree is the one
 * json-glib's parser would build (the same calls: nodes with their parent set, members in
 * order). For anything else it declines, and paddock_json_parse() falls back on the checks
 * and json-glib.
 *
 * Returns: (transfer full) (nullable): the root node, or %NULL when it declines
 */
JsonNode *
_paddock_json_parse_fast (const char *data,
                          gsize       len,
                          guint       max_depth)
{
  g_autoptr (GString) buf = g_string_sized_new (64);
  Fast f = { data, data + len, 0, MIN (max_depth, FAST_MAX_DEPTH), buf };
  JsonNode *root;

  if (data == NULL)
    return NULL;
  root = fast_value (&f);
  if (root == NULL)
    return NULL;
  fast_space (&f);
  if (f.p != f.end)
    {
      json_node_unref (root);
      return NULL;
    }
  return root;
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
      g_autofree char *limit = g_format_size (max_bytes);

      /* Translators: %s is a size such as "8.4 MB" */
      g_set_error (error, PADDOCK_ERROR, PADDOCK_ERROR_PROTOCOL,
                   _("The reply was larger than %s."), limit);
      return NULL;
    }
  root = _paddock_json_parse_fast (data, len, max_depth);
  if (root != NULL)
    return root;

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
