/* paddock-loopback-receiver-private.h: the receiver's request parsing, without sockets
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What PaddockLoopbackReceiver does with the bytes a connection sends, as pure functions,
 * so that they can be fuzzed (tests/fuzz) apart from the listener.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  char *method;
  char *path;
  char *query;      /* (nullable) */
  char *host;       /* (nullable) */
} PaddockLoopbackRequest;

/* Frees the members (the query is wiped first) */
void     _paddock_loopback_request_clear (PaddockLoopbackRequest  *request);
/* Where the head ends (just past its empty line), looking from @from on; 0 if not yet */
gsize    _paddock_loopback_find_head_end (const guint8            *data,
                                          gsize                    len,
                                          gsize                    from);
/* Parses the head of @len bytes strictly; FALSE (and @request cleared) if malformed */
gboolean _paddock_loopback_parse_request (const char              *head,
                                          gsize                    len,
                                          PaddockLoopbackRequest  *request);
/* Splits a query into a new table; FALSE if malformed or a parameter repeats */
gboolean _paddock_loopback_parse_query   (const char              *query,
                                          GHashTable             **out_params);

G_END_DECLS
