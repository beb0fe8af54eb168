/* test-random.c: random tokens, PKCE and constant-time comparison
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "paddock-random.h"

#define N_DRAWS 2000

static gboolean
is_base64url (const char *s)
{
  for (const char *p = s; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_')
      return FALSE;
  return TRUE;
}

static void
test_rfc7636_vector (void)
{
  /* RFC 7636 Appendix B */
  g_autofree char *challenge =
    paddock_pkce_challenge_s256 ("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk");

  g_assert_cmpstr (challenge, ==, "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
}

static void
test_rfc7636_verifier_encoding (void)
{
  /* RFC 7636 Appendix B: these 32 octets encode to the verifier above */
  static const guint8 octets[32] = {
    116, 24, 223, 180, 151, 153, 224, 37, 79, 250, 96, 125, 216, 173, 187, 186,
    22, 212, 37, 77, 105, 214, 191, 240, 91, 88, 5, 88, 83, 132, 141, 121
  };
  g_autofree char *verifier = paddock_base64url_encode (octets, sizeof octets);

  g_assert_cmpstr (verifier, ==, "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk");
}

static void
test_base64url_padding (void)
{
  const guint8 bytes[] = { 0xfb, 0xff, 0xbf };
  g_autofree char *one = paddock_base64url_encode (bytes, 1);
  g_autofree char *two = paddock_base64url_encode (bytes, 2);
  g_autofree char *three = paddock_base64url_encode (bytes, 3);
  g_autofree char *none = paddock_base64url_encode (bytes, 0);

  /* standard base64 would be "+w==", "+/8=" and "+/+/" */
  g_assert_cmpstr (one, ==, "-w");
  g_assert_cmpstr (two, ==, "-_8");
  g_assert_cmpstr (three, ==, "-_-_");
  g_assert_cmpstr (none, ==, "");
}

static void
test_lengths_and_alphabet (void)
{
  for (gsize n = 0; n <= 64; n++)
    {
      g_autofree char *s = paddock_random_base64url (n);

      g_assert_cmpuint (strlen (s), ==, (4 * n + 2) / 3);
      g_assert_true (is_base64url (s));
    }

  for (int i = 0; i < 100; i++)
    {
      g_autofree char *state = paddock_random_state ();
      g_autofree char *verifier = paddock_pkce_new_verifier ();
      g_autofree char *challenge = paddock_pkce_challenge_s256 (verifier);

      g_assert_cmpuint (strlen (state), ==, 43);
      g_assert_true (is_base64url (state));
      /* RFC 7636 §4.1: 43 to 128 characters of [A-Z] / [a-z] / [0-9] / "-" / "." / "_" / "~" */
      g_assert_cmpuint (strlen (verifier), ==, 43);
      g_assert_true (is_base64url (verifier));
      g_assert_cmpuint (strlen (challenge), ==, 43);
      g_assert_true (is_base64url (challenge));
      g_assert_cmpstr (challenge, !=, verifier);
    }
}

static void
test_unique (void)
{
  g_autoptr (GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (int i = 0; i < N_DRAWS; i++)
    {
      g_assert_true (g_hash_table_add (seen, paddock_random_state ()));
      g_assert_true (g_hash_table_add (seen, paddock_pkce_new_verifier ()));
      g_assert_true (g_hash_table_add (seen, paddock_random_uuid4 ()));
    }
  g_assert_cmpuint (g_hash_table_size (seen), ==, 3 * N_DRAWS);
}

static void
test_bytes_cover_all_values (void)
{
  guint8 buffer[4096];
  gboolean seen[256] = { FALSE, };
  guint distinct = 0;

  /* a 4 KiB draw misses one of 256 byte values with probability ~256 * e^-16 */
  paddock_random_bytes (buffer, sizeof buffer);
  for (gsize i = 0; i < sizeof buffer; i++)
    seen[buffer[i]] = TRUE;
  for (guint v = 0; v < 256; v++)
    distinct += seen[v];
  g_assert_cmpuint (distinct, ==, 256);

  /* zero bytes is allowed and touches nothing */
  paddock_random_bytes (NULL, 0);
}

static void
test_uuid4_format (void)
{
  g_autoptr (GRegex) regex =
    g_regex_new ("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$",
                 0, 0, NULL);
  gboolean variant_seen[4] = { FALSE, };

  for (int i = 0; i < 500; i++)
    {
      g_autofree char *uuid = paddock_random_uuid4 ();

      g_assert_true (g_regex_match (regex, uuid, 0, NULL));
      g_assert_true (g_uuid_string_is_valid (uuid));
      variant_seen[g_ascii_xdigit_value (uuid[19]) - 8] = TRUE;
    }
  /* the two random bits after the variant are not stuck */
  for (int i = 0; i < 4; i++)
    g_assert_true (variant_seen[i]);
}

static void
test_secret_equal (void)
{
  const struct {
    const char *a;
    const char *b;
    gboolean equal;
  } cases[] = {
    { "abc", "abc", TRUE },
    { "", "", TRUE },
    { "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk",
      "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk", TRUE },
    { "abc", "abd", FALSE },
    { "abc", "xbc", FALSE },
    { "abc", "ab", FALSE },
    { "ab", "abc", FALSE },
    { "abc", "", FALSE },
    { "", "abc", FALSE },
    { "abc", "ABC", FALSE },
    { NULL, "abc", FALSE },
    { "abc", NULL, FALSE },
    { NULL, NULL, FALSE },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("case %" G_GSIZE_FORMAT, i);
      g_assert_cmpint (paddock_secret_equal (cases[i].a, cases[i].b), ==, cases[i].equal);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/random/pkce/rfc7636-challenge", test_rfc7636_vector);
  g_test_add_func ("/core/random/pkce/rfc7636-verifier-encoding", test_rfc7636_verifier_encoding);
  g_test_add_func ("/core/random/base64url-padding", test_base64url_padding);
  g_test_add_func ("/core/random/lengths-and-alphabet", test_lengths_and_alphabet);
  g_test_add_func ("/core/random/unique", test_unique);
  g_test_add_func ("/core/random/bytes-cover-all-values", test_bytes_cover_all_values);
  g_test_add_func ("/core/random/uuid4-format", test_uuid4_format);
  g_test_add_func ("/core/random/secret-equal", test_secret_equal);

  return g_test_run ();
}
