/* paddock-random.c: random tokens, PKCE and constant-time comparison
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "paddock-random"

#include "config.h"

#include <errno.h>
#include <string.h>
#include <sys/random.h>

#include "paddock-random.h"

/* Wipes a buffer in a way the compiler may not optimise away. */
static void
wipe (void  *buffer,
      gsize  len)
{
  explicit_bzero (buffer, len);
}

/**
 * paddock_random_bytes:
 * @buffer: (out caller-allocates) (array length=n_bytes): where to write
 * @n_bytes: how many bytes to draw
 *
 * Fills @buffer from the kernel's CSPRNG with getrandom(2), retrying after
 * interruptions and short reads. There is no safe way to go on without
 * randomness, so a failing getrandom(2) aborts the program.
 */
void
paddock_random_bytes (guint8 *buffer,
                      gsize   n_bytes)
{
  gsize done = 0;

  g_return_if_fail (buffer != NULL || n_bytes == 0);

  while (done < n_bytes)
    {
      ssize_t got = getrandom (buffer + done, n_bytes - done, 0);

      if (got < 0)
        {
          int saved_errno = errno;

          if (saved_errno == EINTR)
            continue;
          g_error ("getrandom() failed: %s", g_strerror (saved_errno));
        }
      done += (gsize) got;
    }
}

/**
 * paddock_base64url_encode:
 * @data: (array length=len): the bytes to encode
 * @len: the length of @data
 *
 * Encodes @data as base64url without padding (RFC 4648 §5, RFC 7636 §A).
 *
 * Returns: (transfer full): the encoded string
 */
char *
paddock_base64url_encode (const guint8 *data,
                          gsize         len)
{
  char *encoded;
  gsize out = 0;

  g_return_val_if_fail (data != NULL || len == 0, NULL);

  encoded = g_base64_encode (data, len);
  for (gsize in = 0; encoded[in] != '\0'; in++)
    {
      char c = encoded[in];

      if (c == '=')
        break;
      if (c == '+')
        c = '-';
      else if (c == '/')
        c = '_';
      encoded[out++] = c;
    }
  encoded[out] = '\0';

  return encoded;
}

/**
 * paddock_random_base64url:
 * @n_bytes: how many random bytes to draw
 *
 * Draws @n_bytes random bytes and encodes them as unpadded base64url.
 *
 * Returns: (transfer full): a string of ceil(4 * @n_bytes / 3) characters
 *   from `[A-Za-z0-9_-]`
 */
char *
paddock_random_base64url (gsize n_bytes)
{
  g_autofree guint8 *bytes = g_malloc (MAX (n_bytes, 1));
  char *encoded;

  paddock_random_bytes (bytes, n_bytes);
  encoded = paddock_base64url_encode (bytes, n_bytes);
  wipe (bytes, n_bytes);

  return encoded;
}

/**
 * paddock_random_state:
 *
 * Draws an OAuth `state` value: %PADDOCK_STATE_N_BYTES random bytes, base64url.
 *
 * Returns: (transfer full): a 43-character string
 */
char *
paddock_random_state (void)
{
  return paddock_random_base64url (PADDOCK_STATE_N_BYTES);
}

/**
 * paddock_pkce_new_verifier:
 *
 * Draws a PKCE code verifier as RFC 7636 §4.1 recommends: 32 random bytes,
 * base64url without padding, which stays within the unreserved characters.
 *
 * Returns: (transfer full): a 43-character verifier
 */
char *
paddock_pkce_new_verifier (void)
{
  return paddock_random_base64url (PADDOCK_PKCE_VERIFIER_N_BYTES);
}

/**
 * paddock_pkce_challenge_s256:
 * @verifier: a PKCE code verifier
 *
 * Computes the S256 code challenge of @verifier:
 * BASE64URL-NOPAD (SHA256 (ASCII (@verifier))) (RFC 7636 §4.2).
 *
 * Returns: (transfer full): the 43-character challenge
 */
char *
paddock_pkce_challenge_s256 (const char *verifier)
{
  g_autoptr (GChecksum) checksum = NULL;
  guint8 digest[32];
  gsize digest_len = sizeof digest;
  char *challenge;

  g_return_val_if_fail (verifier != NULL, NULL);

  checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_checksum_update (checksum, (const guchar *) verifier, strlen (verifier));
  g_checksum_get_digest (checksum, digest, &digest_len);
  g_assert (digest_len == sizeof digest);

  challenge = paddock_base64url_encode (digest, digest_len);
  wipe (digest, sizeof digest);

  return challenge;
}

/**
 * paddock_random_uuid4:
 *
 * Draws a random (version 4, RFC 4122 variant) UUID, for example for an
 * order's `client_order_id`.
 *
 * Returns: (transfer full): a lowercase UUID such as
 *   `1b4e28ba-2fa1-41d2-883f-0016d3cca427`
 */
char *
paddock_random_uuid4 (void)
{
  guint8 b[16];

  paddock_random_bytes (b, sizeof b);
  b[6] = (guint8) ((b[6] & 0x0f) | 0x40);
  b[8] = (guint8) ((b[8] & 0x3f) | 0x80);

  return g_strdup_printf ("%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-"
                          "%02x%02x%02x%02x%02x%02x",
                          b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7],
                          b[8], b[9], b[10], b[11], b[12], b[13], b[14], b[15]);
}

/**
 * paddock_secret_equal:
 * @a: (nullable): a secret
 * @b: (nullable): another secret
 *
 * Compares two secrets in time that depends only on their lengths, never on
 * where their contents first differ. A length difference does not end the
 * comparison early: every byte of the longer string is still looked at.
 * %NULL equals nothing, not even %NULL.
 *
 * Returns: %TRUE if both are non-%NULL and equal
 */
gboolean
paddock_secret_equal (const char *a,
                      const char *b)
{
  volatile guint64 diff;
  gsize len_a, len_b, n;

  if (a == NULL || b == NULL)
    return FALSE;

  len_a = strlen (a);
  len_b = strlen (b);
  n = MAX (len_a, len_b);
  diff = (guint64) (len_a ^ len_b);

  for (gsize i = 0; i < n; i++)
    {
      /* Past the end of the shorter string, compare against 0, which no byte
       * inside a C string can be: the lengths already differ anyway. */
      guint8 ca = i < len_a ? (guint8) a[i] : 0;
      guint8 cb = i < len_b ? (guint8) b[i] : 0;

      diff = diff | (guint64) (ca ^ cb);
    }

  return diff == 0;
}
