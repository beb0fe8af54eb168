/* test-credentials.c: what the keyring holds for one account
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "paddock-credentials.h"

static void
test_access_token_syntax (void)
{
  g_autofree char *longest = g_strnfill (PADDOCK_ACCESS_TOKEN_MAX_LEN, 'a');
  g_autofree char *too_long = g_strnfill (PADDOCK_ACCESS_TOKEN_MAX_LEN + 1, 'a');
  const char *good[] = {
    "79500537-5796-4230-9661-7f7108877c60", "a.b_c~d+e/f", "YWJj==", "x", longest,
  };
  const char *bad[] = {
    NULL, "", "abc\r\nX-Evil: 1", "abc\n", "a b", "a\tb", "=abc", "ab=c", "tök", "a\"b",
    too_long,
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    g_assert_true (paddock_access_token_is_valid (good[i]));
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    g_assert_false (paddock_access_token_is_valid (bad[i]));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/credentials/access-token-syntax", test_access_token_syntax);

  return g_test_run ();
}
