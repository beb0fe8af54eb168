/* paddock-http.h: one HTTP exchange, read within a size cap and a deadline
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <libsoup/soup.h>

#include "paddock-json.h"

G_BEGIN_DECLS

/**
 * PADDOCK_HTTP_MAX_BYTES:
 *
 * The most bytes of one reply body read, counted after decompression: a larger reply is
 * refused, so an endless body or a gzip bomb costs at most this much memory.
 */
#define PADDOCK_HTTP_MAX_BYTES PADDOCK_JSON_MAX_BYTES

/**
 * PADDOCK_HTTP_DEADLINE_MS:
 *
 * How long one REST call may take from start to end, retries and waits included.
 */
#define PADDOCK_HTTP_DEADLINE_MS 60000

/**
 * PADDOCK_HTTP_TOKEN_DEADLINE_MS:
 *
 * How long the code-for-token exchange may take: the person is watching a spinner.
 */
#define PADDOCK_HTTP_TOKEN_DEADLINE_MS 20000

/**
 * PADDOCK_HTTP_TOKEN_MAX_BYTES:
 *
 * The most bytes of a token endpoint's reply: a token reply is a few hundred bytes, an
 * error page a few kilobytes.
 */
#define PADDOCK_HTTP_TOKEN_MAX_BYTES (64 * 1024)

/**
 * PADDOCK_HTTP_MAX_SERVER_WAIT_S:
 *
 * The longest wait a server may ask for (`Retry-After`, `X-Ratelimit-Reset`); larger
 * values are clamped to it before any arithmetic.
 */
#define PADDOCK_HTTP_MAX_SERVER_WAIT_S 60

gint64  paddock_http_deadline_after         (guint          timeout_ms);

void    paddock_http_send_and_read_async    (SoupSession   *session,
                                             SoupMessage   *msg,
                                             gsize          max_bytes,
                                             gint64         deadline_us,
                                             GCancellable  *cancellable,
                                             GAsyncReadyCallback callback,
                                             gpointer       user_data);
GBytes *paddock_http_send_and_read_finish   (SoupMessage   *msg,
                                             GAsyncResult  *result,
                                             GError       **error);

G_END_DECLS
