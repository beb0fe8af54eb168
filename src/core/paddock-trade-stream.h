/* paddock-trade-stream.h: Alpaca's trade_updates websocket, kept connected
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "paddock-trade-update.h"

G_BEGIN_DECLS

/**
 * PaddockTradeStreamState:
 * @PADDOCK_TRADE_STREAM_STATE_STOPPED: not started, or stopped
 * @PADDOCK_TRADE_STREAM_STATE_CONNECTING: the websocket is being opened, authenticated
 *   and told to listen
 * @PADDOCK_TRADE_STREAM_STATE_LIVE: listening to trade_updates
 * @PADDOCK_TRADE_STREAM_STATE_RECONNECTING: the connection was lost or refused for a
 *   while; a new attempt is scheduled (see "reconnect-at" and "error")
 * @PADDOCK_TRADE_STREAM_STATE_FAILED: the server refused the token ("error" says why);
 *   nothing is retried until paddock_trade_stream_start() is called again
 */
typedef enum {
  PADDOCK_TRADE_STREAM_STATE_STOPPED,
  PADDOCK_TRADE_STREAM_STATE_CONNECTING,
  PADDOCK_TRADE_STREAM_STATE_LIVE,
  PADDOCK_TRADE_STREAM_STATE_RECONNECTING,
  PADDOCK_TRADE_STREAM_STATE_FAILED,
} PaddockTradeStreamState;

#define PADDOCK_TYPE_TRADE_STREAM_STATE (paddock_trade_stream_state_get_type ())
GType paddock_trade_stream_state_get_type (void);

/**
 * PADDOCK_TRADE_STREAM_CONNECT_TIMEOUT_MS:
 *
 * How long opening the websocket (TCP, TLS and the HTTP upgrade) may take.
 */
#define PADDOCK_TRADE_STREAM_CONNECT_TIMEOUT_MS 30000

#define PADDOCK_TYPE_TRADE_STREAM (paddock_trade_stream_get_type ())
G_DECLARE_FINAL_TYPE (PaddockTradeStream, paddock_trade_stream, PADDOCK, TRADE_STREAM, GObject)

PaddockTradeStream      *paddock_trade_stream_new                       (const char          *url,
                                                                         const char          *access_token);
void                     paddock_trade_stream_start                     (PaddockTradeStream  *self);
void                     paddock_trade_stream_stop                      (PaddockTradeStream  *self);

const char              *paddock_trade_stream_get_url                   (PaddockTradeStream  *self);
PaddockTradeStreamState  paddock_trade_stream_get_state                 (PaddockTradeStream  *self);
const GError            *paddock_trade_stream_get_error                 (PaddockTradeStream  *self);
gint64                   paddock_trade_stream_get_reconnect_at          (PaddockTradeStream  *self);
guint                    paddock_trade_stream_get_seconds_until_reconnect (PaddockTradeStream *self);
guint                    paddock_trade_stream_get_n_attempts            (PaddockTradeStream  *self);

void                     paddock_trade_stream_set_backoff               (PaddockTradeStream  *self,
                                                                         guint                base_ms,
                                                                         guint                max_ms);
void                     paddock_trade_stream_set_ping                  (PaddockTradeStream  *self,
                                                                         guint                interval_ms,
                                                                         guint                deadline_ms);

guint                    paddock_trade_stream_backoff_delay_ms          (guint                base_ms,
                                                                         guint                max_ms,
                                                                         guint                failures,
                                                                         guint               *out_nominal_ms);

G_END_DECLS
