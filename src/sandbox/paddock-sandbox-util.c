/* paddock-sandbox-util.c: decimals, ids, times and bounded JSON for the sandbox
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "paddock-sandbox-util"

#include "config.h"

#include <string.h>
#include <stdio.h>
#include <errno.h>
#include <sys/random.h>

#include "paddock-sandbox-private.h"

static void
fill_random (guint8 *buf,
             gsize   len)
{
  gsize done = 0;

  while (done < len)
    {
      ssize_t r = getrandom (buf + done, len - done, 0);

      if (r < 0)
        {
          if (errno == EINTR)
            continue;
          g_error ("getrandom failed: %s", g_strerror (errno));
        }
      done += (gsize) r;
    }
}

/* Parses a plain decimal ("12", "-0.5", "370.50") into a fixed-point integer with
 * scale_digits fraction digits. Extra fraction digits beyond the scale are refused, as
 * are exponents, spaces and empty strings. */
gboolean
_sandbox_parse_decimal (const char *text,
                        int         scale_digits,
                        gint64     *out)
{
  const char *p = text;
  gboolean negative = FALSE;
  gboolean any_digit = FALSE;
  guint64 int_part = 0;
  guint64 frac_part = 0;
  int frac_digits = 0;
  guint64 scale = 1;
  guint64 total;

  if (text == NULL || *text == '\0')
    return FALSE;

  if (*p == '-' || *p == '+')
    {
      negative = (*p == '-');
      p++;
    }

  while (g_ascii_isdigit (*p))
    {
      if (int_part > G_GUINT64_CONSTANT (1000000000000))
        return FALSE;
      int_part = int_part * 10 + (guint64) (*p - '0');
      any_digit = TRUE;
      p++;
    }

  if (*p == '.')
    {
      p++;
      while (g_ascii_isdigit (*p))
        {
          if (frac_digits < scale_digits)
            {
              frac_part = frac_part * 10 + (guint64) (*p - '0');
              frac_digits++;
            }
          else if (*p != '0')
            return FALSE;
          any_digit = TRUE;
          p++;
        }
    }

  if (*p != '\0' || !any_digit)
    return FALSE;

  for (int i = 0; i < scale_digits; i++)
    scale *= 10;
  for (int i = frac_digits; i < scale_digits; i++)
    frac_part *= 10;

  total = int_part * scale + frac_part;
  if (total > (guint64) G_MAXINT64)
    return FALSE;

  *out = negative ? -(gint64) total : (gint64) total;
  return TRUE;
}

char *
_sandbox_format_decimal (gint64 value,
                         int    scale_digits,
                         int    min_fraction_digits)
{
  guint64 scale = 1;
  guint64 abs_value = value < 0 ? (guint64) (-(value + 1)) + 1 : (guint64) value;
  guint64 int_part;
  guint64 frac_part;
  char frac[32];
  int len;

  for (int i = 0; i < scale_digits; i++)
    scale *= 10;

  int_part = abs_value / scale;
  frac_part = abs_value % scale;

  g_snprintf (frac, sizeof frac, "%0*" G_GUINT64_FORMAT, scale_digits, frac_part);
  len = scale_digits;
  while (len > min_fraction_digits && frac[len - 1] == '0')
    len--;
  frac[len] = '\0';

  return g_strdup_printf ("%s%" G_GUINT64_FORMAT "%s%s",
                          value < 0 ? "-" : "",
                          int_part,
                          len > 0 ? "." : "",
                          frac);
}

gint64
_sandbox_mul_qty_price (gint64 qty_nano,
                        gint64 price_micro)
{
  __int128 product = (__int128) qty_nano * (__int128) price_micro;
  __int128 half = product >= 0 ? SANDBOX_NANO / 2 : -(SANDBOX_NANO / 2);

  /* round half away from zero to the micro-dollar */
  return (gint64) ((product + half) / SANDBOX_NANO);
}

double
_sandbox_to_double (gint64 value,
                    int    scale_digits)
{
  double scale = 1;

  for (int i = 0; i < scale_digits; i++)
    scale *= 10;

  return (double) value / scale;
}

/* A deterministic 64-bit mix (splitmix64's finalizer), for the simulated past. */
guint64
_sandbox_mix64 (guint64 x)
{
  x += G_GUINT64_CONSTANT (0x9E3779B97F4A7C15);
  x = (x ^ (x >> 30)) * G_GUINT64_CONSTANT (0xBF58476D1CE4E5B9);
  x = (x ^ (x >> 27)) * G_GUINT64_CONSTANT (0x94D049BB133111EB);
  return x ^ (x >> 31);
}

char *
_sandbox_uuid_from_bytes (guint8 b[16])
{
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;

  return g_strdup_printf ("%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-"
                          "%02x%02x%02x%02x%02x%02x",
                          b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7],
                          b[8], b[9], b[10], b[11], b[12], b[13], b[14], b[15]);
}

char *
_sandbox_new_uuid (void)
{
  guint8 b[16];

  fill_random (b, sizeof b);
  return _sandbox_uuid_from_bytes (b);
}

char *
_sandbox_base64url (const guint8 *data,
                    gsize         len)
{
  g_autofree char *b64 = g_base64_encode (data, len);
  GString *out = g_string_sized_new (strlen (b64));

  for (const char *p = b64; *p; p++)
    {
      if (*p == '+')
        g_string_append_c (out, '-');
      else if (*p == '/')
        g_string_append_c (out, '_');
      else if (*p != '=')
        g_string_append_c (out, *p);
    }

  return g_string_free (out, FALSE);
}

char *
_sandbox_random_token (gsize n_bytes)
{
  g_autofree guint8 *buf = g_malloc (n_bytes);

  fill_random (buf, n_bytes);
  return _sandbox_base64url (buf, n_bytes);
}

char *
_sandbox_format_time (gint64 real_time_us)
{
  g_autoptr (GDateTime) dt = g_date_time_new_from_unix_utc (real_time_us / G_USEC_PER_SEC);
  g_autofree char *base = NULL;

  if (dt == NULL)
    return g_strdup ("1970-01-01T00:00:00Z");

  base = g_date_time_format (dt, "%Y-%m-%dT%H:%M:%S");
  return g_strdup_printf ("%s.%06" G_GINT64_FORMAT "Z", base,
                          (gint64) (real_time_us % G_USEC_PER_SEC));
}

gboolean
_sandbox_parse_time (const char *text,
                     gint64     *real_time_us)
{
  g_autoptr (GDateTime) dt = NULL;
  g_autoptr (GTimeZone) utc = g_time_zone_new_utc ();

  if (text == NULL || *text == '\0')
    return FALSE;

  dt = g_date_time_new_from_iso8601 (text, utc);
  if (dt == NULL)
    {
      /* a bare date: YYYY-MM-DD */
      int y, m, d;
      char tail;

      if (sscanf (text, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3)
        return FALSE;
      dt = g_date_time_new (utc, y, m, d, 0, 0, 0);
      if (dt == NULL)
        return FALSE;
    }

  *real_time_us = g_date_time_to_unix (dt) * G_USEC_PER_SEC + g_date_time_get_microsecond (dt);
  return TRUE;
}

gboolean
_sandbox_const_equal (const char *a,
                      const char *b)
{
  gsize la, lb;
  guint8 diff = 0;

  if (a == NULL || b == NULL)
    return FALSE;

  la = strlen (a);
  lb = strlen (b);
  diff = (la != lb);
  for (gsize i = 0; i < la; i++)
    diff |= (guint8) a[i] ^ (guint8) b[i % (lb ? lb : 1)];

  return diff == 0;
}

/* Refuses a text nested deeper than max_depth, in one flat pass: json-glib's parser
 * recurses once per level, so it must never see such a text. */
static gboolean
json_depth_within (const char *data,
                   gsize       len,
                   guint       max_depth)
{
  guint depth = 0;
  gboolean in_string = FALSE;

  for (gsize i = 0; i < len; i++)
    {
      if (in_string)
        {
          if (data[i] == '\\')
            i++;
          else if (data[i] == '"')
            in_string = FALSE;
        }
      else if (data[i] == '"')
        in_string = TRUE;
      else if (data[i] == '[' || data[i] == '{')
        {
          if (++depth > max_depth)
            return FALSE;
        }
      else if ((data[i] == ']' || data[i] == '}') && depth > 0)
        depth--;
    }

  return TRUE;
}

/* Whether another value follows the first one, as in "{} []": json-glib 1.6 takes the
 * first and leaks the rest (found by tests/fuzz/fuzz-sandbox-order-request). Nothing may
 * follow a closed array or object, and no array or object may follow a scalar. */
static gboolean
json_has_trailing_value (const char *data,
                         gsize       len)
{
  guint depth = 0;
  gboolean in_string = FALSE;
  gboolean root_seen = FALSE;
  gboolean root_closed = FALSE;

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
      if (depth == 0 && !g_ascii_isspace (c))
        {
          if (root_closed || (root_seen && (c == '[' || c == '{')))
            return TRUE;
          root_seen = TRUE;
        }
      if (c == '"')
        in_string = TRUE;
      else if (c == '[' || c == '{')
        depth++;
      else if ((c == ']' || c == '}') && depth > 0 && --depth == 0)
        root_closed = TRUE;
    }

  return FALSE;
}

/* The value of the 4 hex digits at p (at least 4 bytes readable), or -1 */
static gint
json_hex4 (const char *p)
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

/* Whether a string holds a malformed \u escape, as core's paddock_json_parse() checks (the
 * sandbox does not depend on core): \u takes exactly four hex digits (json-glib 1.6 reads
 * a shorter one its own way), and json-glib 1.6 reads any surrogate followed by a \u
 * escape as a pair and leaks the string when that is no high surrogate followed by a low
 * one ("\ud800\u0041", "\udc00\u0041"). A well-formed pair is skipped whole. */
static gboolean
json_has_bad_escape (const char *data,
                     gsize       len)
{
  gboolean in_string = FALSE;

  for (gsize i = 0; i < len; i++)
    {
      char c = data[i];
      gint unit, low;

      if (!in_string)
        {
          if (c == '"')
            in_string = TRUE;
          continue;
        }
      if (c == '"')
        in_string = FALSE;
      if (c != '\\')
        continue;
      i++;
      if (i >= len || data[i] != 'u')
        continue;
      if (i + 4 >= len || (unit = json_hex4 (data + i + 1)) < 0)
        return TRUE;
      if (unit < 0xd800 || unit > 0xdfff ||
          i + 6 >= len || data[i + 5] != '\\' || data[i + 6] != 'u')
        continue;
      if (i + 10 >= len || (low = json_hex4 (data + i + 7)) < 0 ||
          unit > 0xdbff || low < 0xdc00 || low > 0xdfff)
        return TRUE;
      i += 10;
    }

  return FALSE;
}

/* Every JSON text the sandbox receives (request bodies, websocket messages) is parsed
 * here, within SANDBOX_JSON_MAX_BYTES and SANDBOX_JSON_MAX_DEPTH. */
SandboxJsonResult
_sandbox_json_parse (const char  *data,
                     gsize        len,
                     JsonNode   **root)
{
  g_autoptr (JsonParser) parser = NULL;

  *root = NULL;
  if (len > SANDBOX_JSON_MAX_BYTES)
    return SANDBOX_JSON_TOO_LARGE;
  if (data == NULL || len == 0)
    return SANDBOX_JSON_INVALID;
  if (!json_depth_within (data, len, SANDBOX_JSON_MAX_DEPTH))
    return SANDBOX_JSON_TOO_DEEP;
  if (json_has_trailing_value (data, len) || json_has_bad_escape (data, len))
    return SANDBOX_JSON_INVALID;

  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, data, (gssize) len, NULL) ||
      json_parser_get_root (parser) == NULL)
    return SANDBOX_JSON_INVALID;

  *root = json_parser_steal_root (parser);
  return SANDBOX_JSON_OK;
}

gboolean
_sandbox_json_get_string (JsonObject  *obj,
                          const char  *name,
                          const char **out)
{
  JsonNode *node = json_object_get_member (obj, name);

  *out = NULL;
  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return FALSE;
  *out = json_node_get_string (node);
  return TRUE;
}

gboolean
_sandbox_json_get_int (JsonObject *obj,
                       const char *name,
                       gint64      min,
                       gint64      max,
                       gint64     *out)
{
  JsonNode *node = json_object_get_member (obj, name);
  gint64 value;

  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    return FALSE;
  value = json_node_get_int (node);
  if (value < min || value > max)
    return FALSE;
  *out = value;
  return TRUE;
}
