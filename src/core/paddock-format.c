/* paddock-format.c: decimal strings for people, in the locale's number format
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Money stays a decimal string from Alpaca's JSON to the label: these functions work on
 * the digits themselves (rounding half away from zero, exact subtraction) and never pass
 * an amount through a double, so a cent is never lost. Only the percentage of a change is
 * computed in floating point, because it is only drawn.
 *
 * The separators and the grouping come from LC_NUMERIC (nl_langinfo() and localeconv()).
 * The currency symbol always goes before the amount ("$24,310.90", "−$12.30"): Alpaca's
 * accounts are in US dollars, written the American way whatever the reader's locale.
 */
#define G_LOG_DOMAIN "paddock-format"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <langinfo.h>
#include <limits.h>
#include <locale.h>
#include <math.h>
#include <string.h>

#include "paddock-format-private.h"
#include "paddock-order-request.h"

/* U+2212 MINUS SIGN: the typographic minus, as wide as the plus */
#define MINUS_SIGN "\xe2\x88\x92"
#define MAX_EXPONENT 400
#define MAX_INTEGER_DIGITS 40

typedef struct
{
  gboolean negative;
  GString *digits;  /* the magnitude's digits; always more than scale of them */
  guint scale;      /* how many of them are after the decimal point */
} Decimal;

typedef struct
{
  char *thousands_sep;
  char *decimal_point;
  char *grouping;
} Separators;

static Separators *override;
static gboolean c_input;

static void
decimal_clear (Decimal *d)
{
  if (d->digits != NULL)
    g_string_free (d->digits, TRUE);
  d->digits = NULL;
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Decimal, decimal_clear)

static gboolean
decimal_is_zero (const Decimal *d)
{
  for (gsize i = 0; i < d->digits->len; i++)
    if (d->digits->str[i] != '0')
      return FALSE;
  return TRUE;
}

/* Keeps one digit before the point and no other leading zeros; zero is never negative. */
static void
decimal_normalize (Decimal *d)
{
  gsize strip = 0;

  while (d->digits->len < d->scale + 1)
    g_string_prepend_c (d->digits, '0');
  while (d->digits->len - strip > d->scale + 1 && d->digits->str[strip] == '0')
    strip++;
  g_string_erase (d->digits, 0, strip);
  if (decimal_is_zero (d))
    d->negative = FALSE;
}

/* Accepts what JSON and Alpaca write: an optional sign, digits with an optional point,
 * and an optional exponent ("1e-05", as a JSON number may be printed). */
static gboolean
decimal_parse (const char *text,
               Decimal    *out)
{
  const char *p = text;
  gboolean seen_digit = FALSE;
  gboolean seen_point = FALSE;
  gint64 exponent = 0;

  out->negative = FALSE;
  out->digits = g_string_new (NULL);
  out->scale = 0;

  if (text == NULL)
    return FALSE;

  if (*p == '+' || *p == '-')
    out->negative = (*p++ == '-');

  for (; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        {
          g_string_append_c (out->digits, *p);
          seen_digit = TRUE;
          if (seen_point)
            out->scale++;
        }
      else if (*p == '.' && !seen_point)
        seen_point = TRUE;
      else
        break;
    }

  if (!seen_digit)
    return FALSE;

  if (*p == 'e' || *p == 'E')
    {
      gboolean negative_exponent = FALSE;
      gboolean seen_exponent_digit = FALSE;

      p++;
      if (*p == '+' || *p == '-')
        negative_exponent = (*p++ == '-');
      for (; g_ascii_isdigit (*p); p++)
        {
          exponent = exponent * 10 + (*p - '0');
          seen_exponent_digit = TRUE;
          if (exponent > MAX_EXPONENT)
            return FALSE;
        }
      if (!seen_exponent_digit)
        return FALSE;
      if (negative_exponent)
        exponent = -exponent;
    }

  if (*p != '\0')
    return FALSE;

  if (exponent > 0)
    {
      if ((guint) exponent <= out->scale)
        out->scale -= exponent;
      else
        {
          for (gint64 i = out->scale; i < exponent; i++)
            g_string_append_c (out->digits, '0');
          out->scale = 0;
        }
    }
  else
    out->scale += -exponent;

  decimal_normalize (out);
  /* "1e400" is text, not an amount anyone holds: refused rather than 401 digits wide */
  return out->digits->len - out->scale <= MAX_INTEGER_DIGITS;
}

static void
decimal_pad_scale (Decimal *d,
                   guint    scale)
{
  while (d->scale < scale)
    {
      g_string_append_c (d->digits, '0');
      d->scale++;
    }
}

/* Adds one unit of the last place to the magnitude. */
static void
digits_increment (GString *digits)
{
  for (gsize i = digits->len; i > 0; i--)
    {
      if (digits->str[i - 1] != '9')
        {
          digits->str[i - 1]++;
          return;
        }
      digits->str[i - 1] = '0';
    }
  g_string_prepend_c (digits, '1');
}

/* Rounds half away from zero to @places decimals (or pads to them). */
static void
decimal_round (Decimal *d,
               guint    places)
{
  if (d->scale > places)
    {
      gsize keep = d->digits->len - (d->scale - places);
      gboolean up = d->digits->str[keep] >= '5';

      g_string_truncate (d->digits, keep);
      d->scale = places;
      if (up)
        digits_increment (d->digits);
      decimal_normalize (d);
    }
  else
    decimal_pad_scale (d, places);
}

/* Compares magnitudes of two normalized decimals with the same scale. */
static int
magnitude_compare (const Decimal *a,
                   const Decimal *b)
{
  int c;

  if (a->digits->len != b->digits->len)
    return a->digits->len < b->digits->len ? -1 : 1;
  c = strcmp (a->digits->str, b->digits->str);
  return (c > 0) - (c < 0);
}

/* @out = |@big| - |@small| or |@big| + |@small|, all with the same scale and
 * |@big| >= |@small| for a subtraction. */
static void
magnitude_combine (const Decimal *big,
                   const Decimal *small,
                   gboolean       subtract,
                   Decimal       *out)
{
  gsize len = MAX (big->digits->len, small->digits->len);
  int carry = 0;

  out->digits = g_string_sized_new (len + 1);
  out->scale = big->scale;
  g_string_set_size (out->digits, len);

  for (gsize i = 0; i < len; i++)
    {
      gsize bi = big->digits->len - 1 - i;
      gsize si = small->digits->len - 1 - i;
      int x = i < big->digits->len ? big->digits->str[bi] - '0' : 0;
      int y = i < small->digits->len ? small->digits->str[si] - '0' : 0;
      int r = subtract ? x - y - carry : x + y + carry;

      if (subtract)
        {
          carry = r < 0;
          if (r < 0)
            r += 10;
        }
      else
        {
          carry = r >= 10;
          if (r >= 10)
            r -= 10;
        }
      out->digits->str[len - 1 - i] = '0' + r;
    }
  if (carry && !subtract)
    g_string_prepend_c (out->digits, '1');
}

/* @out = @a - @b, exactly. Both are padded to the same scale on the way. */
static void
decimal_subtract (Decimal *a,
                  Decimal *b,
                  Decimal *out)
{
  guint scale = MAX (a->scale, b->scale);
  gboolean b_negative = !b->negative;

  decimal_pad_scale (a, scale);
  decimal_pad_scale (b, scale);

  if (a->negative == b_negative)
    {
      magnitude_combine (a, b, FALSE, out);
      out->negative = a->negative;
    }
  else if (magnitude_compare (a, b) >= 0)
    {
      magnitude_combine (a, b, TRUE, out);
      out->negative = a->negative;
    }
  else
    {
      magnitude_combine (b, a, TRUE, out);
      out->negative = b_negative;
    }
  decimal_normalize (out);
}

static char *
locale_string (const char *text)
{
  if (text == NULL)
    return g_strdup ("");
  if (g_utf8_validate (text, -1, NULL))
    return g_strdup (text);
  return g_locale_to_utf8 (text, -1, NULL, NULL, NULL);
}

static void
separators_clear (Separators *s)
{
  g_clear_pointer (&s->thousands_sep, g_free);
  g_clear_pointer (&s->decimal_point, g_free);
  g_clear_pointer (&s->grouping, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Separators, separators_clear)

static void
separators_get (Separators *s)
{
  if (override != NULL)
    {
      s->thousands_sep = g_strdup (override->thousands_sep);
      s->decimal_point = g_strdup (override->decimal_point);
      s->grouping = g_strdup (override->grouping);
      return;
    }

  s->thousands_sep = locale_string (nl_langinfo (THOUSEP));
  s->decimal_point = locale_string (nl_langinfo (RADIXCHAR));
  s->grouping = g_strdup (localeconv ()->grouping);

  if (s->decimal_point == NULL || s->decimal_point[0] == '\0')
    {
      g_free (s->decimal_point);
      s->decimal_point = g_strdup (".");
    }
  if (s->thousands_sep == NULL)
    s->thousands_sep = g_strdup ("");
  if (s->grouping == NULL)
    s->grouping = g_strdup ("");
}

/* Writes the integer digits with the separator between groups, as localeconv() describes
 * them: each byte of @grouping is the size of the next group leftwards, the last one
 * repeats, and CHAR_MAX stops grouping. */
static void
append_grouped (GString    *out,
                const char *digits,
                gsize       len,
                const char *thousands_sep,
                const char *grouping)
{
  g_autofree gboolean *separator_before = g_new0 (gboolean, len + 1);
  const char *g = grouping;
  gsize pos = len;
  int size = 0;

  if (thousands_sep[0] != '\0')
    {
      for (;;)
        {
          if (*g != '\0')
            {
              if (*g == CHAR_MAX || *g < 0)
                break;
              size = *g++;
            }
          if (size <= 0 || pos <= (gsize) size)
            break;
          pos -= size;
          separator_before[pos] = TRUE;
        }
    }

  for (gsize i = 0; i < len; i++)
    {
      if (separator_before[i])
        g_string_append (out, thousands_sep);
      g_string_append_c (out, digits[i]);
    }
}

/* Writes the magnitude of @d with the locale's separators; @min_places decimals are
 * always written, trailing zeros beyond them are dropped. */
static void
append_magnitude (GString       *out,
                  const Decimal *d,
                  guint          min_places)
{
  g_auto (Separators) s = { NULL, };
  gsize int_len = d->digits->len - d->scale;
  guint places = d->scale;

  separators_get (&s);

  while (places > min_places && d->digits->str[int_len + places - 1] == '0')
    places--;

  append_grouped (out, d->digits->str, int_len, s.thousands_sep, s.grouping);
  if (places > 0)
    {
      g_string_append (out, s.decimal_point);
      g_string_append_len (out, d->digits->str + int_len, places);
    }
}

static const char *
currency_symbol (const char *currency)
{
  static const struct {
    const char *code;
    const char *symbol;
  } symbols[] = {
    { "USD", "$" },
    { "EUR", "€" },
    { "GBP", "£" },
    { "JPY", "¥" },
  };

  if (currency == NULL || currency[0] == '\0')
    return NULL;
  for (gsize i = 0; i < G_N_ELEMENTS (symbols); i++)
    if (g_ascii_strcasecmp (currency, symbols[i].code) == 0)
      return symbols[i].symbol;
  return NULL;
}

static void
append_sign (GString            *out,
             const Decimal      *d,
             PaddockFormatFlags  flags)
{
  if (d->negative)
    g_string_append (out, MINUS_SIGN);
  else if (flags & PADDOCK_FORMAT_ALWAYS_SIGN)
    g_string_append_c (out, '+');
}

static char *
format_money (Decimal            *d,
              const char         *currency,
              PaddockFormatFlags  flags)
{
  GString *out = g_string_new (NULL);
  const char *symbol = currency_symbol (currency);

  decimal_round (d, 2);
  append_sign (out, d, flags);
  if (symbol != NULL)
    g_string_append (out, symbol);
  else if (currency != NULL && currency[0] != '\0')
    g_string_append_printf (out, "%s\u00a0", currency);
  append_magnitude (out, d, 2);

  return g_string_free (out, FALSE);
}

/**
 * paddock_format_money:
 * @decimal: an amount as a decimal string, e.g. "-12.3"
 * @currency: (nullable): an ISO 4217 code, e.g. "USD"
 *
 * Formats an amount with two decimals (rounded half away from zero) and the locale's
 * grouping: "$24,310.90", "−$12.30" (with U+2212). An unknown currency is written as its
 * code: "CHF 12.00".
 *
 * Returns: (transfer full) (nullable): the text, or %NULL if @decimal is not a number
 */
char *
paddock_format_money (const char *decimal,
                      const char *currency)
{
  return paddock_format_money_full (decimal, currency, PADDOCK_FORMAT_DEFAULT);
}

/**
 * paddock_format_money_full:
 * @decimal: an amount as a decimal string
 * @currency: (nullable): an ISO 4217 code
 * @flags: how to write the sign
 *
 * Like paddock_format_money(), with the sign written for positive amounts (and zero)
 * too when @flags has %PADDOCK_FORMAT_ALWAYS_SIGN: "+$208.75".
 *
 * Returns: (transfer full) (nullable): the text, or %NULL if @decimal is not a number
 */
char *
paddock_format_money_full (const char         *decimal,
                           const char         *currency,
                           PaddockFormatFlags  flags)
{
  g_auto (Decimal) d = { 0, };

  if (!decimal_parse (decimal, &d))
    return NULL;

  return format_money (&d, currency, flags);
}

/**
 * paddock_format_change:
 * @equity: today's equity as a decimal string
 * @last_equity: the equity at the previous close as a decimal string
 * @currency: (nullable): an ISO 4217 code
 *
 * Formats the change since the previous close with its sign always written:
 * "+$208.75 (+0.87 %)", "−$12.30 (−0.05 %)". The amount is exact; the percentage is
 * left out when @last_equity is zero.
 *
 * Returns: (transfer full) (nullable): the text, or %NULL if either is not a number
 */
char *
paddock_format_change (const char *equity,
                       const char *last_equity,
                       const char *currency)
{
  g_autofree char *diff = paddock_decimal_sub (equity, last_equity);
  g_autofree char *money = NULL;
  g_auto (Decimal) percent = { 0, };
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];
  double base, ratio;
  GString *out;

  if (diff == NULL)
    return NULL;

  money = paddock_format_money_full (diff, currency, PADDOCK_FORMAT_ALWAYS_SIGN);
  base = fabs (g_ascii_strtod (last_equity, NULL));
  if (base == 0.0)
    return g_steal_pointer (&money);

  ratio = g_ascii_strtod (diff, NULL) / base * 100.0;
  /* the buffer holds 38 characters: a wider percentage would be cut short, not shown */
  if (!isfinite (ratio) || fabs (ratio) >= 1e15)
    return g_steal_pointer (&money);
  g_ascii_formatd (buffer, sizeof buffer, "%.2f", ratio);
  if (!decimal_parse (buffer, &percent))
    return g_steal_pointer (&money);

  out = g_string_new (NULL);
  append_sign (out, &percent, PADDOCK_FORMAT_ALWAYS_SIGN);
  append_magnitude (out, &percent, 2);
  {
    g_autofree char *percent_text = g_string_free (out, FALSE);

    /* Translators: a change in money and in percent, e.g. "+$208.75 (+0.87 %)" */
    return g_strdup_printf (_("%s (%s%%)"), money, percent_text);
  }
}

/**
 * paddock_format_quantity:
 * @decimal: a quantity as a decimal string, e.g. "10.500000000"
 *
 * Formats a quantity with the locale's grouping and up to nine decimals, rounded half
 * away from zero, trailing zeros dropped: "10.5", "1,250", "−3" for a short position.
 *
 * Returns: (transfer full) (nullable): the text, or %NULL if @decimal is not a number
 */
char *
paddock_format_quantity (const char *decimal)
{
  g_auto (Decimal) d = { 0, };
  GString *out;

  if (!decimal_parse (decimal, &d))
    return NULL;

  decimal_round (&d, 9);
  out = g_string_new (NULL);
  append_sign (out, &d, PADDOCK_FORMAT_DEFAULT);
  append_magnitude (out, &d, 0);
  return g_string_free (out, FALSE);
}

/**
 * paddock_decimal_is_valid:
 * @decimal: (nullable): a string
 *
 * Returns: whether @decimal is a number the functions here understand
 */
gboolean
paddock_decimal_is_valid (const char *decimal)
{
  g_auto (Decimal) d = { 0, };

  return decimal_parse (decimal, &d);
}

/**
 * paddock_decimal_compare:
 * @a: a decimal string
 * @b: a decimal string
 *
 * Compares two decimal strings exactly ("1.50" equals "1.5").
 *
 * Returns: -1, 0 or 1 as @a is less than, equal to or greater than @b
 */
int
paddock_decimal_compare (const char *a,
                         const char *b)
{
  g_auto (Decimal) da = { 0, };
  g_auto (Decimal) db = { 0, };
  guint scale;
  int c;

  g_return_val_if_fail (decimal_parse (a, &da), 0);
  g_return_val_if_fail (decimal_parse (b, &db), 0);

  if (da.negative != db.negative)
    return da.negative ? -1 : 1;

  scale = MAX (da.scale, db.scale);
  decimal_pad_scale (&da, scale);
  decimal_pad_scale (&db, scale);
  c = magnitude_compare (&da, &db);
  return da.negative ? -c : c;
}

/**
 * paddock_decimal_sub:
 * @a: a decimal string
 * @b: a decimal string
 *
 * Subtracts exactly: "24310.90" − "24102.15" is "208.75". The result has as many
 * decimals as the longer of the two and an ASCII "-" when negative.
 *
 * Returns: (transfer full) (nullable): @a − @b, or %NULL if either is not a number
 */
char *
paddock_decimal_sub (const char *a,
                     const char *b)
{
  g_auto (Decimal) da = { 0, };
  g_auto (Decimal) db = { 0, };
  g_auto (Decimal) diff = { 0, };
  gsize int_len;

  if (!decimal_parse (a, &da) || !decimal_parse (b, &db))
    return NULL;

  decimal_subtract (&da, &db, &diff);
  int_len = diff.digits->len - diff.scale;
  if (diff.scale == 0)
    return g_strdup_printf ("%s%s", diff.negative ? "-" : "", diff.digits->str);
  return g_strdup_printf ("%s%.*s.%s", diff.negative ? "-" : "", (int) int_len,
                          diff.digits->str, diff.digits->str + int_len);
}

/**
 * paddock_decimal_mul:
 * @a: a decimal string
 * @b: a decimal string
 *
 * Multiplies exactly: "10" × "189.25" is "1892.50". The result has the decimals of both
 * together and an ASCII "-" when negative.
 *
 * Returns: (transfer full) (nullable): @a × @b, or %NULL if either is not a number
 */
char *
paddock_decimal_mul (const char *a,
                     const char *b)
{
  g_auto (Decimal) da = { 0, };
  g_auto (Decimal) db = { 0, };
  g_auto (Decimal) product = { 0, };
  g_autofree guint *sums = NULL;
  gsize la, lb, len, int_len;

  if (!decimal_parse (a, &da) || !decimal_parse (b, &db))
    return NULL;

  la = da.digits->len;
  lb = db.digits->len;
  len = la + lb;
  sums = g_new0 (guint, len);
  /* schoolbook, least significant digit last */
  for (gsize i = 0; i < la; i++)
    for (gsize j = 0; j < lb; j++)
      sums[i + j + 1] += (guint) (da.digits->str[i] - '0') * (guint) (db.digits->str[j] - '0');
  for (gsize k = len - 1; k > 0; k--)
    {
      sums[k - 1] += sums[k] / 10;
      sums[k] %= 10;
    }

  product.digits = g_string_sized_new (len);
  for (gsize k = 0; k < len; k++)
    g_string_append_c (product.digits, (char) ('0' + sums[k]));
  product.scale = da.scale + db.scale;
  product.negative = da.negative != db.negative;
  decimal_normalize (&product);

  int_len = product.digits->len - product.scale;
  if (product.scale == 0)
    return g_strdup_printf ("%s%s", product.negative ? "-" : "", product.digits->str);
  return g_strdup_printf ("%s%.*s.%s", product.negative ? "-" : "", (int) int_len,
                          product.digits->str, product.digits->str + int_len);
}

/* The decimal mark typed numbers use, and whether "." is the decimal point too: the
 * locale's mark, and "." as well unless "." groups thousands in this locale. */
static char *
input_mark (gboolean *dot_is_point)
{
  g_auto (Separators) s = { NULL, };

  if (c_input)
    {
      *dot_is_point = TRUE;
      return g_strdup (".");
    }
  separators_get (&s);
  *dot_is_point = strcmp (s.thousands_sep, ".") != 0;
  return g_steal_pointer (&s.decimal_point);
}

/**
 * paddock_decimal_from_input:
 * @text: (nullable): what a person typed in a number field
 *
 * Reads a number typed in the locale's format as decimal text, the way the order forms
 * send it: "12,50" in a German locale is "12.50". Surrounding whitespace is dropped. The
 * locale's decimal mark is the decimal point, and so is "." unless "." is the locale's
 * thousands separator (then "1.000" could be one or a thousand: it is refused, not
 * guessed). Thousands separators are refused rather than dropped, so are a second decimal
 * mark, signs, exponents and anything else; what is left must be plain decimal text as
 * paddock_order_decimal_is_valid() takes it (at most 9 decimals).
 *
 * After paddock_format_set_c_input(), only "." is a decimal mark, whatever the locale.
 *
 * Returns: (transfer full) (nullable): the decimal text ("12.50"), or %NULL when @text is
 *   not a plain number
 */
char *
paddock_decimal_from_input (const char *text)
{
  g_autofree char *stripped = NULL;
  g_autofree char *mark = NULL;
  g_autoptr (GString) out = NULL;
  gboolean dot_is_point = FALSE;
  gsize mark_len;
  guint marks = 0;

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return NULL;

  stripped = g_strstrip (g_strdup (text));
  mark = input_mark (&dot_is_point);
  mark_len = strlen (mark);
  out = g_string_new (NULL);

  for (const char *p = stripped; *p != '\0';)
    {
      if (g_ascii_isdigit (*p))
        {
          g_string_append_c (out, *p++);
          continue;
        }
      if (mark_len > 0 && strncmp (p, mark, mark_len) == 0)
        p += mark_len;
      else if (*p == '.' && dot_is_point)
        p++;
      else
        return NULL;   /* a thousands separator, a sign, a space, a letter… */
      if (++marks > 1)
        return NULL;
      g_string_append_c (out, '.');
    }

  if (!paddock_order_decimal_is_valid (out->str) || !paddock_decimal_is_valid (out->str))
    return NULL;
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/**
 * paddock_decimal_to_input:
 * @decimal: (nullable): a decimal string from the app or the broker, e.g. "190.00"
 *
 * Writes a decimal string the way paddock_decimal_from_input() reads it back, to fill an
 * entry in: the locale's decimal mark, no grouping, every decimal kept ("190,00" in a
 * German locale); a negative amount gets an ASCII "-". After paddock_format_set_c_input()
 * the mark is ".".
 *
 * Returns: (transfer full) (nullable): the text, or %NULL if @decimal is not a number
 */
char *
paddock_decimal_to_input (const char *decimal)
{
  g_auto (Decimal) d = { 0, };
  g_autofree char *mark = NULL;
  gboolean dot_is_point;
  gsize int_len;
  GString *out;

  if (!decimal_parse (decimal, &d))
    return NULL;

  mark = input_mark (&dot_is_point);
  int_len = d.digits->len - d.scale;
  out = g_string_new (d.negative ? "-" : "");
  g_string_append_len (out, d.digits->str, int_len);
  if (d.scale > 0)
    {
      g_string_append (out, mark);
      g_string_append (out, d.digits->str + int_len);
    }
  return g_string_free (out, FALSE);
}

/**
 * paddock_format_set_c_input:
 * @c_format: whether typed numbers are in the C format
 *
 * Makes paddock_decimal_from_input() and paddock_decimal_to_input() use "." as the only
 * decimal mark, whatever the locale, for the whole process (the formatting of numbers for
 * people is not changed). paddock-cli does this: its arguments come from scripts as often
 * as from people, and a script's "12.50" must mean the same everywhere. Not thread-safe:
 * call it at the start.
 */
void
paddock_format_set_c_input (gboolean c_format)
{
  c_input = c_format;
}

/* Characters that make a terminal do something (C0 and C1 controls: ESC starts escape
 * sequences, C1 0x9B is a CSI of its own) or reorder or break what follows (bidi controls,
 * line and paragraph separators). */
static gboolean
is_unprintable (gunichar c)
{
  return c < 0x20 || (c >= 0x7f && c < 0xa0) ||
         c == 0x061c || c == 0x200e || c == 0x200f || (c >= 0x2028 && c <= 0x202e) ||
         (c >= 0x2066 && c <= 0x2069);
}

/**
 * paddock_format_printable:
 * @text: (nullable): text from outside: a server's message, an account's status, a label
 *
 * Makes @text safe to write to a terminal: invalid UTF-8 and every control character
 * (C0 and C1 controls, DEL, newlines and tabs included, bidirectional controls, line and
 * paragraph separators) becomes U+FFFD REPLACEMENT CHARACTER, so that nothing from outside
 * can move the cursor, change colours, retitle the window or fake a line of output, and
 * the reader still sees that something was there.
 *
 * Returns: (transfer full): one line of valid UTF-8; "" for %NULL
 */
char *
paddock_format_printable (const char *text)
{
  g_autofree char *valid = NULL;
  GString *out;

  if (text == NULL)
    return g_strdup ("");

  valid = g_utf8_make_valid (text, -1);
  out = g_string_sized_new (strlen (valid));
  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      g_string_append_unichar (out, is_unprintable (c) ? 0xfffd : c);
    }
  return g_string_free (out, FALSE);
}

void
_paddock_format_override_locale (const char *thousands_sep,
                                 const char *decimal_point,
                                 const char *grouping)
{
  if (override != NULL)
    {
      separators_clear (override);
      g_clear_pointer (&override, g_free);
    }

  if (thousands_sep == NULL && decimal_point == NULL && grouping == NULL)
    return;

  override = g_new0 (Separators, 1);
  override->thousands_sep = g_strdup (thousands_sep != NULL ? thousands_sep : "");
  override->decimal_point = g_strdup (decimal_point != NULL ? decimal_point : ".");
  override->grouping = g_strdup (grouping != NULL ? grouping : "");
}
