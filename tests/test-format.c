/* test-format.c: money, changes and quantities for people
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <limits.h>
#include <gio/gio.h>
#include <locale.h>
#include <string.h>

#include "paddock-error.h"
#include "paddock-format-private.h"
#include "paddock-order-request.h"

#define MINUS "\xe2\x88\x92"

static void
assert_money (const char *decimal,
              const char *expected)
{
  g_autofree char *text = paddock_format_money (decimal, "USD");

  g_assert_cmpstr (text, ==, expected);
}

static void
use_c_locale (void)
{
  _paddock_format_override_locale (NULL, NULL, NULL);
  g_assert_nonnull (setlocale (LC_ALL, "C.UTF-8"));
}

static void
test_money_c_locale (void)
{
  use_c_locale ();

  assert_money ("24310.90", "$24310.90");
  assert_money ("24310.9", "$24310.90");
  assert_money ("0", "$0.00");
  assert_money ("-12.3", MINUS "$12.30");
  assert_money ("+7", "$7.00");
  assert_money ("000123.4500", "$123.45");
  assert_money (".5", "$0.50");
  assert_money ("5.", "$5.00");
  assert_money ("1e3", "$1000.00");
  assert_money ("1.5E-1", "$0.15");
}

static void
test_money_rounding (void)
{
  use_c_locale ();

  /* half away from zero, on the digits: no binary surprises such as 1.005 → 1.00 */
  assert_money ("1.005", "$1.01");
  assert_money ("-1.005", MINUS "$1.01");
  assert_money ("0.0049999", "$0.00");
  assert_money ("2.675", "$2.68");
  assert_money ("9.995", "$10.00");
  assert_money ("999.999", "$1000.00");
  /* a negative amount that rounds to nothing has no sign */
  assert_money ("-0.004", "$0.00");
  assert_money ("-0", "$0.00");
  /* beyond a double's precision */
  assert_money ("12345678901234567.891", "$12345678901234567.89");
}

static void
test_money_invalid (void)
{
  const char *invalid[] = { "", "abc", "1.2.3", "--1", "1e", "1e+", "+", ".", "1,000", " 1",
                            "1 ", "0x10", "nan", "inf", "1e999" };

  use_c_locale ();

  for (gsize i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      g_autofree char *text = paddock_format_money (invalid[i], "USD");

      g_assert_null (text);
      g_assert_false (paddock_decimal_is_valid (invalid[i]));
    }
  g_assert_null (paddock_format_money (NULL, "USD"));
  g_assert_null (paddock_format_quantity ("x"));
  g_assert_null (paddock_format_change ("1", "y", "USD"));
  g_assert_null (paddock_decimal_sub ("1", ""));
}

static void
test_money_sign_and_currency (void)
{
  g_autofree char *plus = NULL;
  g_autofree char *zero = NULL;
  g_autofree char *minus = NULL;
  g_autofree char *other = NULL;
  g_autofree char *none = NULL;
  g_autofree char *euro = NULL;

  use_c_locale ();

  plus = paddock_format_money_full ("208.75", "USD", PADDOCK_FORMAT_ALWAYS_SIGN);
  zero = paddock_format_money_full ("0.001", "USD", PADDOCK_FORMAT_ALWAYS_SIGN);
  minus = paddock_format_money_full ("-3", "USD", PADDOCK_FORMAT_ALWAYS_SIGN);
  other = paddock_format_money ("12", "CHF");
  none = paddock_format_money ("12", NULL);
  euro = paddock_format_money ("-12", "eur");

  g_assert_cmpstr (plus, ==, "+$208.75");
  g_assert_cmpstr (zero, ==, "+$0.00");
  g_assert_cmpstr (minus, ==, MINUS "$3.00");
  g_assert_cmpstr (other, ==, "CHF\u00a012.00");
  g_assert_cmpstr (none, ==, "12.00");
  g_assert_cmpstr (euro, ==, MINUS "€12.00");
}

static void
test_grouping (void)
{
  use_c_locale ();

  _paddock_format_override_locale (",", ".", "\3");
  assert_money ("24310.90", "$24,310.90");
  assert_money ("1234567.891", "$1,234,567.89");
  assert_money ("-1000", MINUS "$1,000.00");
  assert_money ("100", "$100.00");
  assert_money ("999999.995", "$1,000,000.00");

  /* the last group size repeats; Indian grouping */
  _paddock_format_override_locale (",", ".", "\3\2");
  assert_money ("12345678", "$1,23,45,678.00");

  /* CHAR_MAX stops grouping */
  {
    const char grouping[] = { 3, CHAR_MAX, 0 };

    _paddock_format_override_locale (",", ".", grouping);
    assert_money ("1234567", "$1234,567.00");
  }

  /* German-style separators, and a multi-byte separator */
  _paddock_format_override_locale (".", ",", "\3\3");
  assert_money ("24310.9", "$24.310,90");
  _paddock_format_override_locale ("\u202f", ",", "\3");
  assert_money ("-24310.9", MINUS "$24\u202f310,90");

  /* no separator: no grouping even when the sizes are given */
  _paddock_format_override_locale ("", ".", "\3");
  assert_money ("24310.9", "$24310.90");

  _paddock_format_override_locale (NULL, NULL, NULL);
}

static void
test_change (void)
{
  struct {
    const char *equity;
    const char *last_equity;
    const char *expected;
  } cases[] = {
    { "24310.90", "24102.15", "+$208.75 (+0.87%)" },
    { "24089.85", "24102.15", MINUS "$12.30 (" MINUS "0.05%)" },
    { "24102.15", "24102.15", "+$0.00 (+0.00%)" },
    { "100", "0", "+$100.00" },
    { "0.3", "0.1", "+$0.20 (+200.00%)" },
    { "50", "100.00", MINUS "$50.00 (" MINUS "50.00%)" },
    { "2000000.00", "1000000", "+$1,000,000.00 (+100.00%)" },
  };

  use_c_locale ();
  _paddock_format_override_locale (",", ".", "\3");

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = paddock_format_change (cases[i].equity, cases[i].last_equity, "USD");

      g_assert_cmpstr (text, ==, cases[i].expected);
    }

  _paddock_format_override_locale (NULL, NULL, NULL);
}

static void
test_quantity (void)
{
  struct {
    const char *decimal;
    const char *expected;
  } cases[] = {
    { "10", "10" },
    { "10.500000000", "10.5" },
    { "0.123456789", "0.123456789" },
    { "0.1234567894", "0.123456789" },
    { "0.1234567895", "0.12345679" },
    { "0.0000000004", "0" },
    { "-3", MINUS "3" },
    { "-0.0000000001", "0" },
    { "1e-9", "0.000000001" },
    { "1250.25", "1,250.25" },
  };

  use_c_locale ();
  _paddock_format_override_locale (",", ".", "\3");

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = paddock_format_quantity (cases[i].decimal);

      g_assert_cmpstr (text, ==, cases[i].expected);
    }

  _paddock_format_override_locale (NULL, NULL, NULL);
}

static void
test_decimal_mul (void)
{
  struct { const char *a, *b, *product; } cases[] = {
    { "10", "189.25", "1892.50" },
    { "0.5", "0.5", "0.25" },
    { "-3", "2.5", "-7.5" },
    { "-3", "-2.5", "7.5" },
    { "0", "-12.34", "0.00" },
    { "123456789.123456789", "1000", "123456789123.456789000" },
    { "0.001", "0.001", "0.000001" },
    { "99999999999999999999", "99999999999999999999",
      "9999999999999999999800000000000000000001" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = paddock_decimal_mul (cases[i].a, cases[i].b);

      g_assert_cmpstr (text, ==, cases[i].product);
    }
  g_assert_null (paddock_decimal_mul ("1", ""));
  g_assert_null (paddock_decimal_mul ("x", "2"));
}

static void
test_decimal_sub (void)
{
  struct {
    const char *a;
    const char *b;
    const char *expected;
  } cases[] = {
    { "24310.90", "24102.15", "208.75" },
    { "0.1", "0.3", "-0.2" },
    { "0.3", "0.1", "0.2" },
    { "1", "1.000", "0.000" },
    { "-5", "-7.5", "2.5" },
    { "-5", "7.5", "-12.5" },
    { "5", "-7.5", "12.5" },
    { "99999999999999999999.99", "-0.01", "100000000000000000000.00" },
    { "1e2", "0.5", "99.5" },
    { "10", "3", "7" },
    { "1000", "999.999", "0.001" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = paddock_decimal_sub (cases[i].a, cases[i].b);

      g_assert_cmpstr (text, ==, cases[i].expected);
    }
}

static void
test_decimal_compare (void)
{
  g_assert_cmpint (paddock_decimal_compare ("1.50", "1.5"), ==, 0);
  g_assert_cmpint (paddock_decimal_compare ("-0", "0.00"), ==, 0);
  g_assert_cmpint (paddock_decimal_compare ("-1", "0"), ==, -1);
  g_assert_cmpint (paddock_decimal_compare ("0.001", "0"), ==, 1);
  g_assert_cmpint (paddock_decimal_compare ("-2", "-10"), ==, 1);
  g_assert_cmpint (paddock_decimal_compare ("10", "9.999"), ==, 1);
  g_assert_cmpint (paddock_decimal_compare ("24102.15", "24310.90"), ==, -1);
  g_assert_cmpint (paddock_decimal_compare ("1e3", "999.9"), ==, 1);
}

static void
test_en_us_locale (void)
{
  g_autofree char *money = NULL;
  g_autofree char *change = NULL;
  g_autofree char *quantity = NULL;

  _paddock_format_override_locale (NULL, NULL, NULL);
  if (setlocale (LC_ALL, "en_US.UTF-8") == NULL)
    {
      g_test_skip ("the en_US.UTF-8 locale is not installed");
      use_c_locale ();
      return;
    }

  money = paddock_format_money ("24310.90", "USD");
  change = paddock_format_change ("24310.90", "24102.15", "USD");
  quantity = paddock_format_quantity ("12500.250000000");

  use_c_locale ();

  g_assert_cmpstr (money, ==, "$24,310.90");
  g_assert_cmpstr (change, ==, "+$208.75 (+0.87%)");
  g_assert_cmpstr (quantity, ==, "12,500.25");
}

static void
assert_input (const char *typed,
              const char *expected)
{
  g_autofree char *decimal = paddock_decimal_from_input (typed);

  g_assert_cmpstr (decimal, ==, expected);
}

static void
assert_to_input (const char *decimal,
                 const char *expected)
{
  g_autofree char *text = paddock_decimal_to_input (decimal);

  g_assert_cmpstr (text, ==, expected);
}

/* What every locale refuses: not a plain number as the order forms take it */
static void
assert_never_a_number (void)
{
  static const char *refused[] = {
    "", " ", "\t", "-1", "+1", "−1", "1e3", "1E3", "abc", "12a", "0x10", "1 2", "..", ".",
    ",", "1..2", "1,,2", "12.", "12,", ".5", ",5", "1.1234567891", "1,1234567891",
    "1234567890123456789012345", "١٢", "NaN", "inf", "1\n2", "\xff",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autofree char *decimal = paddock_decimal_from_input (refused[i]);

      if (decimal != NULL)
        g_error ("\"%s\" was read as %s", refused[i], decimal);
    }
  g_assert_null (paddock_decimal_from_input (NULL));
}

static void
test_input_german (void)
{
  _paddock_format_override_locale (".", ",", "\3\3");

  assert_input ("12,50", "12.50");
  assert_input ("12,50 ", "12.50");
  assert_input ("  12,50\t", "12.50");
  assert_input (" 3 ", "3");
  assert_input ("0,5", "0.5");
  assert_input ("0", "0");
  assert_input ("10", "10");
  assert_input ("1,123456789", "1.123456789");
  /* "." groups thousands here: one or a thousand? refused, not guessed */
  assert_input ("1.000", NULL);
  assert_input ("12.50", NULL);
  assert_input ("1.000,5", NULL);
  assert_input ("1,000.5", NULL);
  assert_input ("1,2,3", NULL);
  assert_input ("1 000", NULL);
  assert_input ("1\u202f000", NULL);
  assert_input ("12,5,", NULL);
  assert_never_a_number ();

  assert_to_input ("190.00", "190,00");
  assert_to_input ("185.5", "185,5");
  assert_to_input ("12500.25", "12500,25");   /* no grouping: it reads back */
  assert_to_input ("10", "10");
  assert_to_input ("1e-05", "0,00001");
  assert_to_input ("-3.5", "-3,5");
  assert_to_input ("abc", NULL);
  assert_to_input ("1.000,5", NULL);
  assert_to_input (NULL, NULL);

  _paddock_format_override_locale (NULL, NULL, NULL);
}

static void
test_input_french (void)
{
  const char *spaces[] = { "\u202f", " ", "\u00a0" };

  for (gsize i = 0; i < G_N_ELEMENTS (spaces); i++)
    {
      g_autofree char *grouped = g_strconcat ("1", spaces[i], "000", NULL);

      _paddock_format_override_locale (spaces[i], ",", "\3");

      assert_input ("12,50", "12.50");
      /* "." groups nothing here: it is a decimal point too */
      assert_input ("12.50", "12.50");
      assert_input (" 12,50 ", "12.50");
      assert_input (grouped, NULL);
      assert_input ("1 000", NULL);
      assert_input ("1.000,5", NULL);
      assert_input ("1,000.5", NULL);
      assert_input ("1,2,3", NULL);
      assert_never_a_number ();

      assert_to_input ("190.00", "190,00");
      assert_to_input ("12500.25", "12500,25");
    }

  _paddock_format_override_locale (NULL, NULL, NULL);
}

static void
test_input_c_locale (void)
{
  use_c_locale ();

  assert_input ("12.50", "12.50");
  assert_input (" 12.50 ", "12.50");
  assert_input ("3", "3");
  assert_input ("12,50", NULL);
  assert_input ("1,000", NULL);
  assert_input ("1,000.5", NULL);
  assert_never_a_number ();

  assert_to_input ("190.00", "190.00");
  assert_to_input ("1e2", "100");

  /* American: "," groups thousands, and is refused rather than dropped */
  _paddock_format_override_locale (",", ".", "\3");
  assert_input ("12.50", "12.50");
  assert_input ("1,000", NULL);
  assert_input ("1,000.50", NULL);
  assert_never_a_number ();
  assert_to_input ("12500.25", "12500.25");

  _paddock_format_override_locale (NULL, NULL, NULL);
}

/* paddock-cli's choice: "." whatever the locale, and the examples say so */
static void
test_input_c_format (void)
{
  _paddock_format_override_locale (".", ",", "\3\3");
  paddock_format_set_c_input (TRUE);

  assert_input ("12.50", "12.50");
  assert_input ("1.000", "1.000");
  assert_input ("12,50", NULL);
  assert_input ("1.000,5", NULL);
  assert_never_a_number ();
  assert_to_input ("190.00", "190.00");
  {
    /* people still read numbers in the locale's format */
    g_autofree char *money = paddock_format_money ("1234.5", "USD");

    g_assert_cmpstr (money, ==, "$1.234,50");
  }

  paddock_format_set_c_input (FALSE);
  assert_input ("12,50", "12.50");
  assert_input ("1.000", NULL);
  assert_to_input ("190.00", "190,00");

  _paddock_format_override_locale (NULL, NULL, NULL);
}

static char *
check_message (const char        *qty,
               PaddockOrderField *field)
{
  g_autoptr (PaddockOrderRequest) request = paddock_order_request_new ();
  g_autoptr (GError) error = NULL;

  paddock_order_request_set_symbol (request, "AAPL");
  paddock_order_request_set_side (request, PADDOCK_ORDER_SIDE_BUY);
  paddock_order_request_set_kind (request, PADDOCK_ORDER_TYPE_MARKET);
  paddock_order_request_set_time_in_force (request, PADDOCK_TIME_IN_FORCE_DAY);
  paddock_order_request_set_qty (request, qty);
  g_assert_false (paddock_order_request_check (request, field, &error));
  g_assert_error (error, PADDOCK_ERROR, PADDOCK_ERROR_INVALID_INPUT);
  return g_strdup (error->message);
}

/* The example in "must be a number" is written as numbers are typed */
static void
test_input_messages (void)
{
  PaddockOrderField field = PADDOCK_ORDER_FIELD_NONE;
  g_autoptr (GError) error = NULL;
  g_autofree char *german = NULL;
  g_autofree char *c_format = NULL;
  g_autofree char *c_locale = NULL;

  _paddock_format_override_locale (".", ",", "\3\3");
  german = check_message ("abc", &field);
  g_assert_cmpint (field, ==, PADDOCK_ORDER_FIELD_QTY);
  g_assert_cmpstr (german, ==, "Quantity must be a number such as 10 or 12,50.");
  paddock_order_set_not_a_number_error (PADDOCK_ORDER_FIELD_STOP_LOSS_LIMIT_PRICE, &error);
  g_assert_error (error, PADDOCK_ERROR, PADDOCK_ERROR_INVALID_INPUT);
  g_assert_cmpstr (error->message, ==,
                   "Stop-loss limit price must be a number such as 10 or 12,50.");

  /* paddock-cli takes "12.50" whatever the locale, and says so */
  paddock_format_set_c_input (TRUE);
  c_format = check_message ("12,50", &field);
  paddock_format_set_c_input (FALSE);
  g_assert_cmpstr (c_format, ==, "Quantity must be a number such as 10 or 12.50.");

  use_c_locale ();
  c_locale = check_message ("1,000", &field);
  g_assert_cmpstr (c_locale, ==, "Quantity must be a number such as 10 or 12.50.");
}

/* American English for the en-us case without installing anything system-wide: compile
 * it into a private directory (the `locales` package has its source) and point LOCPATH at it. */
static char *
private_en_us_locale (void)
{
  g_autofree char *dir = g_dir_make_tmp ("paddock-locale-XXXXXX", NULL);
  g_autofree char *target = NULL;
  g_autofree char *localedef = g_find_program_in_path ("localedef");
  int status = -1;

  if (dir == NULL || localedef == NULL)
    return NULL;
  target = g_build_filename (dir, "en_US.UTF-8", NULL);
  {
    const char *argv[] = { localedef, "-i", "en_US", "-f", "UTF-8", target, NULL };

    if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL |
                       G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, NULL, NULL, &status, NULL) ||
        !g_spawn_check_wait_status (status, NULL))
      return NULL;
  }
  return g_steal_pointer (&dir);
}

static void
remove_tree (const char *path)
{
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GFileEnumerator) children = g_file_enumerate_children (file, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                                                    G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS,
                                                                    NULL, NULL);
  GFileInfo *info;

  while (children != NULL && (info = g_file_enumerator_next_file (children, NULL, NULL)) != NULL)
    {
      g_autoptr (GFile) child = g_file_get_child (file, g_file_info_get_name (info));
      g_autofree char *child_path = g_file_get_path (child);

      if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
        remove_tree (child_path);
      else
        g_file_delete (child, NULL, NULL);
      g_object_unref (info);
    }
  g_file_delete (file, NULL, NULL);
}

/* Out-of-range amounts are written exactly or not at all, never as "inf" or a wrapped -1 */
static void
test_money_huge (void)
{
  use_c_locale ();

  assert_money ("123456789012345678901234567890123456789",
                "$123456789012345678901234567890123456789.00");
  assert_money ("-123456789012345678901234567890123456789.005",
                MINUS "$123456789012345678901234567890123456789.01");
  assert_money ("inf", NULL);
  assert_money ("-inf", NULL);
  assert_money ("nan", NULL);
  assert_money ("1e400", NULL);
  assert_money ("18446744073709551615", "$18446744073709551615.00");
  {
    g_autofree char *change = paddock_format_change ("1e39", "0.000001", "USD");

    /* the amount is exact; a percentage wider than any amount is left out */
    g_assert_nonnull (change);
    g_assert_true (g_str_has_prefix (change, "+$1000000000"));
    g_assert_null (strstr (change, "inf"));
    g_assert_null (strstr (change, "%"));
  }
}

static void
test_printable (void)
{
  const struct {
    const char *in;
    const char *out;
  } cases[] = {
    { "ACTIVE", "ACTIVE" },
    { "Ünïcödé €100 ✓", "Ünïcödé €100 ✓" },
    { "ok\033[2J\033[H", "ok\uFFFD[2J\uFFFD[H" },
    { "title\033]0;pwned\007", "title\uFFFD]0;pwned\uFFFD" },
    { "two\nlines\r\tand tab", "two\uFFFDlines\uFFFD\uFFFDand tab" },
    { "c1 \xc2\x9b" "31m csi", "c1 \uFFFD" "31m csi" },
    { "del\x7f", "del\uFFFD" },
    { "bidi \xe2\x80\xae" "txt.exe", "bidi \uFFFD" "txt.exe" },
    { "bad \xff\xfe utf8", "bad \uFFFD\uFFFD utf8" },
    { "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = paddock_format_printable (cases[i].in);

      g_assert_cmpstr (text, ==, cases[i].out);
      g_assert_true (g_utf8_validate (text, -1, NULL));
    }
  {
    g_autofree char *text = paddock_format_printable (NULL);

    g_assert_cmpstr (text, ==, "");
  }
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *locales = NULL;
  int rc;

  if (setlocale (LC_ALL, "en_US.UTF-8") == NULL && (locales = private_en_us_locale ()) != NULL)
    g_setenv ("LOCPATH", locales, TRUE);
  setlocale (LC_ALL, "C");

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/format/money/c-locale", test_money_c_locale);
  g_test_add_func ("/format/money/rounding", test_money_rounding);
  g_test_add_func ("/format/money/invalid", test_money_invalid);
  g_test_add_func ("/format/money/sign-and-currency", test_money_sign_and_currency);
  g_test_add_func ("/format/money/grouping", test_grouping);
  g_test_add_func ("/format/money/en-us", test_en_us_locale);
  g_test_add_func ("/format/change", test_change);
  g_test_add_func ("/format/quantity", test_quantity);
  g_test_add_func ("/format/money/huge", test_money_huge);
  g_test_add_func ("/format/printable", test_printable);
  g_test_add_func ("/format/decimal/sub", test_decimal_sub);
  g_test_add_func ("/format/decimal/mul", test_decimal_mul);
  g_test_add_func ("/format/decimal/compare", test_decimal_compare);
  g_test_add_func ("/format/input/german", test_input_german);
  g_test_add_func ("/format/input/french", test_input_french);
  g_test_add_func ("/format/input/c-locale", test_input_c_locale);
  g_test_add_func ("/format/input/c-format", test_input_c_format);
  g_test_add_func ("/format/input/messages", test_input_messages);

  rc = g_test_run ();
  if (locales != NULL)
    remove_tree (locales);
  return rc;
}
