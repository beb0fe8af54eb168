/* paddock-random.h: random tokens, PKCE and constant-time comparison
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * PADDOCK_STATE_N_BYTES:
 *
 * How many random bytes an OAuth `state` carries.
 */
#define PADDOCK_STATE_N_BYTES 32

/**
 * PADDOCK_PKCE_VERIFIER_N_BYTES:
 *
 * How many random bytes a PKCE code verifier carries (43 characters once encoded).
 */
#define PADDOCK_PKCE_VERIFIER_N_BYTES 32

void      paddock_random_bytes          (guint8     *buffer,
                                         gsize       n_bytes);
char     *paddock_random_base64url      (gsize       n_bytes);
char     *paddock_random_state          (void);
char     *paddock_random_uuid4          (void);
char     *paddock_base64url_encode      (const guint8 *data,
                                         gsize         len);
char     *paddock_pkce_new_verifier     (void);
char     *paddock_pkce_challenge_s256   (const char *verifier);
gboolean  paddock_secret_equal          (const char *a,
                                         const char *b);

G_END_DECLS
