/* fuzz-stream-message.c: one frame of the trade_updates websocket, as PaddockTradeStream handles it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "paddock-fuzz"

#include "config.h"

#include <string.h>

#include "fuzz-common.h"
#include "paddock-order.h"
#include "paddock-stream-message.h"
#include "paddock-trade-update.h"

static void
visit (const char *name,
       JsonNode   *node)
{
  PaddockTradeUpdate *update = paddock_trade_update_new_from_json (node, NULL);

  g_clear_object (&update);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr (PaddockStreamMessage) message = NULL;

  /* what the stream does with each frame (paddock-trade-stream.c, handle_message) */
  message = paddock_stream_message_parse ((const char *) data, size, NULL);
  if (message != NULL)
    {
      (void) paddock_stream_message_get_stream (message);
      (void) paddock_stream_message_get_data (message);
      switch (paddock_stream_message_get_kind (message))
        {
        case PADDOCK_STREAM_MESSAGE_AUTHORIZATION:
          (void) paddock_stream_message_get_authorization (message);
          (void) paddock_stream_message_get_status_code (message);
          (void) paddock_stream_message_get_action (message);
          break;
        case PADDOCK_STREAM_MESSAGE_LISTENING:
          {
            const char * const *streams = paddock_stream_message_get_streams (message);

            for (guint i = 0; streams != NULL && streams[i] != NULL; i++)
              (void) strlen (streams[i]);
          }
          break;
        case PADDOCK_STREAM_MESSAGE_TRADE_UPDATES:
          {
            PaddockTradeUpdate *update = paddock_stream_message_get_trade_update (message);

            (void) paddock_trade_update_get_event (update);
            (void) paddock_trade_update_get_event_code (update);
            (void) paddock_trade_update_get_order (update);
            (void) paddock_trade_update_get_order_json (update);
            (void) paddock_trade_update_get_timestamp (update);
            (void) paddock_trade_update_get_price (update);
            (void) paddock_trade_update_get_qty (update);
            (void) paddock_trade_update_get_position_qty (update);
            (void) paddock_trade_update_get_execution_id (update);
          }
          break;
        case PADDOCK_STREAM_MESSAGE_UNKNOWN:
        default:
          break;
        }
    }

  /* the data of a trade update on its own */
  return fuzz_models (data, size, visit);
}
