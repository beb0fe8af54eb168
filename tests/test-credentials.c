/* test-credentials.c: what the keyring holds for one account
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "paddock-credentials.h"
#include "paddock-error.h"

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

/* The environment is an enum inside Paddock and its name in the keyring's JSON */
static void
test_environment_in_json (void)
{
  g_autoptr (PaddockCredentials) live =
    paddock_credentials_new (PADDOCK_ENVIRONMENT_LIVE, "acct-1", "3AB1", "tok-1", "bearer",
                             "trading", NULL);
  g_autoptr (PaddockCredentials) back = NULL;
  g_autoptr (PaddockCredentials) other = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *json = paddock_credentials_to_json (live);
  g_autofree char *label = paddock_credentials_dup_default_label (live);

  g_assert_nonnull (strstr (json, "\"environment\":\"live\""));
  g_assert_cmpstr (label, ==, "Paddock token for live account 3AB1");

  back = paddock_credentials_new_from_json (PADDOCK_ENVIRONMENT_LIVE, "acct-1", json,
                                            strlen (json), &error);
  g_assert_no_error (error);
  g_assert_cmpint (paddock_credentials_get_environment (back), ==, PADDOCK_ENVIRONMENT_LIVE);
  g_assert_cmpstr (paddock_credentials_get_access_token (back), ==, "tok-1");

  /* filed under another environment than the one it names: damaged */
  other = paddock_credentials_new_from_json (PADDOCK_ENVIRONMENT_PAPER, "acct-1", json,
                                             strlen (json), &error);
  g_assert_null (other);
  g_assert_error (error, PADDOCK_ERROR, PADDOCK_ERROR_KEYRING_DAMAGED);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/credentials/access-token-syntax", test_access_token_syntax);
  g_test_add_func ("/core/credentials/environment-in-json", test_environment_in_json);

  return g_test_run ();
}
