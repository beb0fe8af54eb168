/* stream-client.h: a trade-updates websocket client for tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The client runs on the test thread's main context while the sandbox serves from its
 * own thread; every wait is bounded so that a broken server fails the test instead of
 * hanging it.
 */
#pragma once

#include "sandbox-fixture.h"

G_BEGIN_DECLS

#define STREAM_TIMEOUT_SECONDS 15

typedef struct
{
  SoupWebsocketConnection *conn;
  GPtrArray *messages;   /* JsonNode* per received frame, NULL when the frame was not JSON */
  GArray *types;         /* SoupWebsocketDataType per received frame */
  guint next;            /* the first message stream_client_next() has not returned yet */
  gboolean closed;
  GError *error;         /* of the connect */
  gboolean connect_done;
} StreamClient;

void          stream_client_free                  (StreamClient          *c);

/* Iterates the test thread's main context until done (c) holds; fails after a timeout. */
void          stream_client_wait                  (StreamClient          *c,
                                                   gboolean             (*done) (StreamClient *c),
                                                   const char            *what);

/* Opens `{paper,live}/stream` (env is "paper" or "live") and asserts the upgrade worked. */
StreamClient *stream_client_connect               (SandboxFixture        *f,
                                                   const char            *env);
void          stream_client_send                  (StreamClient          *c,
                                                   SoupWebsocketDataType  type,
                                                   const char            *text);

/* Waits for the next message, asserts it is {"stream": stream, "data": {…}} sent in a
 * frame of type frame_type, and returns its data (owned by c). */
JsonObject   *stream_client_next                  (StreamClient          *c,
                                                   const char            *stream,
                                                   SoupWebsocketDataType  frame_type);

/* Waits for the next message and returns its "stream" member without consuming it. */
const char   *stream_client_peek_stream           (StreamClient          *c);

/* Asserts an authorization message for action with status. */
void          stream_client_expect_authorization  (StreamClient          *c,
                                                   const char            *action,
                                                   const char            *status);
void          stream_client_authenticate          (StreamClient          *c,
                                                   const char            *token);

/* Sends listen with streams (a JSON array text) and asserts the listening answer is
 * exactly expected (a JSON array text). */
void          stream_client_listen                (StreamClient          *c,
                                                   const char            *streams,
                                                   const char            *expected);

/* A round trip that asserts nothing was sent before it. */
void          stream_client_assert_nothing_pending (StreamClient         *c);
void          stream_client_wait_closed           (StreamClient          *c,
                                                   gushort                code);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (StreamClient, stream_client_free)

G_END_DECLS
