/* paddock-stream-message.h: one message of Alpaca's trading stream
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the server sends on `wss://…/stream` (alpaca-api.md §4), parsed from the text of
 * one frame (binary or text frames are the transport's business; both carry the same
 * UTF-8 JSON). Every message is `{"stream": name, "data": …}`:
 * - "authorization": data `{"action": "authenticate"|"listen", "status": "authorized"|
 *   "unauthorized"|"exceeded"}`; an unknown status is kept by its code.
 * - "listening": data `{"streams": ["trade_updates", …]}`.
 * - "trade_updates": data is a PaddockTradeUpdate.
 * - any other stream: kind UNKNOWN, the stream's name and data kept as sent, so that a
 *   new stream is skipped, never an error.
 *
 * Refused with PADDOCK_ERROR_PROTOCOL: text that is not JSON or is beyond
 * PADDOCK_JSON_MAX_BYTES / PADDOCK_JSON_MAX_DEPTH, a message that is not an object or
 * whose "stream" is not a string, an authorization without a string "status", a
 * listening message whose "streams" is not an array of strings, and a trade update that
 * paddock_trade_update_new_from_json() refuses. Unknown members are ignored.
 */
#pragma once

#include <json-glib/json-glib.h>

#include "paddock-trade-update.h"

G_BEGIN_DECLS

typedef enum {
  PADDOCK_STREAM_MESSAGE_UNKNOWN,
  PADDOCK_STREAM_MESSAGE_AUTHORIZATION,
  PADDOCK_STREAM_MESSAGE_LISTENING,
  PADDOCK_STREAM_MESSAGE_TRADE_UPDATES,
} PaddockStreamMessageKind;

typedef enum {
  PADDOCK_STREAM_AUTHORIZATION_UNKNOWN,
  PADDOCK_STREAM_AUTHORIZATION_AUTHORIZED,
  PADDOCK_STREAM_AUTHORIZATION_UNAUTHORIZED,
  PADDOCK_STREAM_AUTHORIZATION_EXCEEDED,
} PaddockStreamAuthorization;

typedef struct _PaddockStreamMessage PaddockStreamMessage;

#define PADDOCK_TYPE_STREAM_MESSAGE (paddock_stream_message_get_type ())
GType                       paddock_stream_message_get_type          (void) G_GNUC_CONST;

PaddockStreamMessage       *paddock_stream_message_parse             (const char            *data,
                                                                      gsize                  len,
                                                                      GError               **error);
PaddockStreamMessage       *paddock_stream_message_ref               (PaddockStreamMessage  *self);
void                        paddock_stream_message_unref             (PaddockStreamMessage  *self);

PaddockStreamMessageKind    paddock_stream_message_get_kind          (PaddockStreamMessage  *self);
const char                 *paddock_stream_message_get_stream        (PaddockStreamMessage  *self);
JsonNode                   *paddock_stream_message_get_data          (PaddockStreamMessage  *self);

PaddockStreamAuthorization  paddock_stream_message_get_authorization (PaddockStreamMessage  *self);
const char                 *paddock_stream_message_get_status_code   (PaddockStreamMessage  *self);
const char                 *paddock_stream_message_get_action        (PaddockStreamMessage  *self);

const char * const         *paddock_stream_message_get_streams       (PaddockStreamMessage  *self);

PaddockTradeUpdate         *paddock_stream_message_get_trade_update  (PaddockStreamMessage  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PaddockStreamMessage, paddock_stream_message_unref)

G_END_DECLS
