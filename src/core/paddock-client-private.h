/* paddock-client-private.h: the parts of PaddockClient its fuzzer reaches
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The error for a reply with @status and (nullable) @body: Alpaca's error object
 * {"code", "message"} gives the message and the API code; anything else only loses them. */
GError *_paddock_client_error_from_reply (guint   status,
                                          GBytes *body,
                                          gsize   max_bytes);

G_END_DECLS
