/* paddock-trade-stream.c: Alpaca's trade_updates websocket, kept connected
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One connection at a time to `{trading}/stream` (alpaca-api.md §4): authenticate with the
 * OAuth token, listen to trade_updates, emit "update" for every event. Binary and text
 * frames are both accepted (Alpaca's paper endpoint sends binary frames of UTF-8 JSON).
 *
 * Staying connected:
 * - A lost connection (closed, an error, a refused or timed-out handshake, a 429 or 5xx
 *   answering the upgrade) schedules a new attempt after 1 s, doubling up to 30 s, plus up
 *   to a quarter more of random jitter (getrandom, so that many clients spread out). A
 *   `Retry-After` on the handshake's answer is honoured, clamped to
 *   PADDOCK_HTTP_MAX_SERVER_WAIT_S. The doubling starts over once a connection stayed live
 *   for "stable-after-ms".
 * - The server refusing the token (`unauthorized`, or 401/403 on the upgrade) ends in
 *   FAILED with PADDOCK_ERROR_NOT_AUTHORIZED and no further attempt: retrying a revoked
 *   token only hammers the server.
 * - Open but silent: libsoup 3.2 (Debian 12) can send websocket pings
 *   (soup_websocket_connection_set_keepalive_interval) but neither reports pongs nor
 *   closes a connection whose pongs stop ("keepalive-pong-timeout" and the "pong" signal
 *   came later), and Alpaca sends no heartbeat of its own. So the stream checks liveness
 *   at the application level: every "ping-interval-ms" it sends `listen` again (the same
 *   stream list, which changes nothing and which the server answers with `listening`),
 *   and when nothing at all arrived within "ping-deadline-ms" after that probe (or after
 *   the connection opened), the connection is dropped and a new one scheduled. The
 *   transport-level keepalive pings are sent too, so that proxies see traffic.
 * - After every successful (re)connect, once the server confirmed `listening`, the
 *   "connected" signal is emitted: the owner then fetches open and recent orders and
 *   positions again, so that events missed while disconnected are not lost.
 *
 * Messages are handled in arrival order but in slices of at most DRAIN_BUDGET_US of the
 * main loop: libsoup reads every frame already on the socket in one go, and a burst of
 * thousands of trade updates handled there would freeze the window for a second. What was
 * received is always delivered, even once its connection is gone; only stopping the
 * stream drops what is still waiting.
 *
 * The access token only travels in the authenticate message, never in the URL or a log.
 */
#define G_LOG_DOMAIN "paddock-trade-stream"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>
#include <string.h>

#include "paddock-error.h"
#include "paddock-http.h"
#include "paddock-random.h"
#include "paddock-stream-message.h"
#include "paddock-trade-stream.h"

#define DEFAULT_BACKOFF_BASE_MS  1000
#define DEFAULT_BACKOFF_MAX_MS   30000
#define DEFAULT_STABLE_AFTER_MS  60000
#define DEFAULT_PING_INTERVAL_MS 15000
#define DEFAULT_PING_DEADLINE_MS 10000
#define STREAM_TRADE_UPDATES     "trade_updates"
#define DRAIN_BUDGET_US          4000

typedef struct
{
  SoupWebsocketConnection *conn;  /* the connection it came on */
  GBytes *bytes;
} Received;

struct _PaddockTradeStream
{
  GObject parent_instance;

  char *url;
  char *access_token;

  PaddockTradeStreamState state;
  GError *error;
  gint64 reconnect_at;          /* monotonic µs, 0 when nothing is scheduled */
  guint reconnect_delay_ms;     /* the last delay scheduled */
  guint n_attempts;             /* connection attempts since construction */
  guint failures;               /* consecutive failed attempts, for the backoff */
  gint64 live_since;            /* monotonic µs */

  guint backoff_base_ms;
  guint backoff_max_ms;
  guint stable_after_ms;
  guint ping_interval_ms;
  guint ping_deadline_ms;
  guint connect_timeout_ms;

  SoupSession *session;
  GCancellable *cancellable;    /* of the running connect */
  SoupWebsocketConnection *conn;
  gboolean authorized;
  gint64 last_activity;         /* monotonic µs of the last frame received */
  gint64 probe_sent;            /* monotonic µs of the last probe (or of the open) */

  GSource *reconnect_source;
  GSource *connect_timeout_source;
  GSource *ping_source;
  GSource *deadline_source;

  GQueue received;              /* Received: not handled yet, oldest first */
  GSource *drain_source;
};

G_DEFINE_FINAL_TYPE (PaddockTradeStream, paddock_trade_stream, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (PaddockTradeStreamState, paddock_trade_stream_state,
                    G_DEFINE_ENUM_VALUE (PADDOCK_TRADE_STREAM_STATE_STOPPED, "stopped"),
                    G_DEFINE_ENUM_VALUE (PADDOCK_TRADE_STREAM_STATE_CONNECTING, "connecting"),
                    G_DEFINE_ENUM_VALUE (PADDOCK_TRADE_STREAM_STATE_LIVE, "live"),
                    G_DEFINE_ENUM_VALUE (PADDOCK_TRADE_STREAM_STATE_RECONNECTING, "reconnecting"),
                    G_DEFINE_ENUM_VALUE (PADDOCK_TRADE_STREAM_STATE_FAILED, "failed"))

enum {
  PROP_0,
  PROP_URL,
  PROP_ACCESS_TOKEN,
  PROP_STATE,
  PROP_ERROR,
  PROP_RECONNECT_AT,
  PROP_RECONNECT_DELAY_MS,
  PROP_N_ATTEMPTS,
  PROP_BACKOFF_BASE_MS,
  PROP_BACKOFF_MAX_MS,
  PROP_STABLE_AFTER_MS,
  PROP_PING_INTERVAL_MS,
  PROP_PING_DEADLINE_MS,
  PROP_CONNECT_TIMEOUT_MS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SIGNAL_UPDATE,
  SIGNAL_CONNECTED,
  SIGNAL_RECONNECT_SCHEDULED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void connect_now (PaddockTradeStream *self);

/* ---- helpers ------------------------------------------------------------------------ */

static void
clear_source (GSource **source)
{
  if (*source != NULL)
    {
      g_source_destroy (*source);
      g_clear_pointer (source, g_source_unref);
    }
}

static GSource *
add_timeout (guint        ms,
             GSourceFunc  func,
             gpointer     data)
{
  GSource *source = g_timeout_source_new (ms);

  g_source_set_callback (source, func, data, NULL);
  g_source_attach (source, g_main_context_get_thread_default ());
  return source;
}

static void
set_state (PaddockTradeStream      *self,
           PaddockTradeStreamState  state)
{
  g_autofree char *name = NULL;

  if (self->state == state)
    return;
  self->state = state;
  /* g_enum_to_string() returns a new string (a leak per change, found by memcheck) */
  name = g_enum_to_string (PADDOCK_TYPE_TRADE_STREAM_STATE, state);
  g_debug ("state %s", name);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

/* takes error (may be NULL) */
static void
set_error (PaddockTradeStream *self,
           GError             *error)
{
  if (self->error == NULL && error == NULL)
    return;
  g_clear_error (&self->error);
  self->error = error;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
}

static void
set_reconnect_at (PaddockTradeStream *self,
                  gint64              at)
{
  if (self->reconnect_at == at)
    return;
  self->reconnect_at = at;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RECONNECT_AT]);
}

/* A header's decimal number of seconds, or an HTTP date; -1 when absent or neither.
 * Clamped to PADDOCK_HTTP_MAX_SERVER_WAIT_S before it is multiplied. */
static gint64
retry_after_ms (SoupMessage *msg)
{
  const char *text = soup_message_headers_get_one (soup_message_get_response_headers (msg),
                                                   "Retry-After");
  char *end = NULL;
  gint64 seconds;

  if (text == NULL)
    return -1;

  seconds = g_ascii_strtoll (text, &end, 10);
  if (end == text || *end != '\0')
    {
      g_autoptr (GDateTime) when = soup_date_time_new_from_http_string (text);

      if (when == NULL)
        return -1;
      /* years 1 to 9999: the difference fits */
      seconds = g_date_time_to_unix (when) - g_get_real_time () / G_USEC_PER_SEC;
    }

  return CLAMP (seconds, 0, PADDOCK_HTTP_MAX_SERVER_WAIT_S) * 1000;
}

/**
 * paddock_trade_stream_backoff_delay_ms:
 * @base_ms: the first delay
 * @max_ms: the most the doubling reaches
 * @failures: how many attempts failed in a row (1 for the first)
 * @out_nominal_ms: (out) (optional): the delay before jitter
 *
 * The delay before the next attempt: @base_ms doubled for every failure after the first,
 * at most @max_ms, plus a random jitter of up to a quarter of that (from getrandom).
 *
 * Returns: the delay in milliseconds
 */
guint
paddock_trade_stream_backoff_delay_ms (guint  base_ms,
                                       guint  max_ms,
                                       guint  failures,
                                       guint *out_nominal_ms)
{
  guint64 nominal = MAX (base_ms, 1);
  guint32 r;

  for (guint i = 1; i < failures && nominal < max_ms; i++)
    nominal *= 2;
  nominal = MIN (nominal, MAX (max_ms, 1));

  if (out_nominal_ms != NULL)
    *out_nominal_ms = (guint) nominal;

  paddock_random_bytes ((guint8 *) &r, sizeof r);
  return (guint) (nominal + (guint64) r % (nominal / 4 + 1));
}

static void
send_json (PaddockTradeStream *self,
           JsonBuilder        *builder)
{
  g_autoptr (JsonGenerator) gen = json_generator_new ();
  g_autoptr (JsonNode) root = json_builder_get_root (builder);
  g_autofree char *text = NULL;

  if (self->conn == NULL ||
      soup_websocket_connection_get_state (self->conn) != SOUP_WEBSOCKET_STATE_OPEN)
    return;

  json_generator_set_root (gen, root);
  text = json_generator_to_data (gen, NULL);
  soup_websocket_connection_send_text (self->conn, text);
}

static void
send_authenticate (PaddockTradeStream *self)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "action");
  json_builder_add_string_value (b, "authenticate");
  json_builder_set_member_name (b, "data");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "oauth_token");
  json_builder_add_string_value (b, self->access_token);
  json_builder_end_object (b);
  json_builder_end_object (b);
  send_json (self, b);
}

static void
send_listen (PaddockTradeStream *self)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "action");
  json_builder_add_string_value (b, "listen");
  json_builder_set_member_name (b, "data");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "streams");
  json_builder_begin_array (b);
  json_builder_add_string_value (b, STREAM_TRADE_UPDATES);
  json_builder_end_array (b);
  json_builder_end_object (b);
  json_builder_end_object (b);
  send_json (self, b);
}

/* Drops the connection and everything that watches it, without touching the state. */
static void
drop_connection (PaddockTradeStream *self)
{
  clear_source (&self->connect_timeout_source);
  clear_source (&self->ping_source);
  clear_source (&self->deadline_source);

  if (self->cancellable != NULL)
    {
      g_cancellable_cancel (self->cancellable);
      g_clear_object (&self->cancellable);
    }

  if (self->conn != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->conn, self);
      if (soup_websocket_connection_get_state (self->conn) == SOUP_WEBSOCKET_STATE_OPEN)
        soup_websocket_connection_close (self->conn, SOUP_WEBSOCKET_CLOSE_NORMAL, NULL);
      g_clear_object (&self->conn);
    }

  self->authorized = FALSE;
}

static gboolean
reconnect_cb (gpointer user_data)
{
  PaddockTradeStream *self = user_data;

  g_clear_pointer (&self->reconnect_source, g_source_unref);
  connect_now (self);
  return G_SOURCE_REMOVE;
}

/* The connection was lost or refused (error says why; taken). server_wait_ms is what the
 * server asked for, or -1. */
static void
schedule_reconnect (PaddockTradeStream *self,
                    GError             *error,
                    gint64              server_wait_ms)
{
  guint delay;
  gint64 now = g_get_monotonic_time ();

  if (self->state == PADDOCK_TRADE_STREAM_STATE_LIVE && self->live_since > 0 &&
      now - self->live_since >= (gint64) self->stable_after_ms * 1000)
    self->failures = 0;

  drop_connection (self);
  clear_source (&self->reconnect_source);

  self->failures++;
  delay = paddock_trade_stream_backoff_delay_ms (self->backoff_base_ms, self->backoff_max_ms,
                                                 self->failures, NULL);
  if (server_wait_ms >= 0 && (guint64) server_wait_ms > delay)
    delay = (guint) server_wait_ms;

  g_debug ("reconnecting in %u ms: %s", delay, error ? error->message : "closed");

  self->reconnect_delay_ms = delay;
  self->reconnect_source = add_timeout (delay, reconnect_cb, self);
  set_error (self, error);
  set_reconnect_at (self, now + (gint64) delay * 1000);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RECONNECT_DELAY_MS]);
  set_state (self, PADDOCK_TRADE_STREAM_STATE_RECONNECTING);
  g_signal_emit (self, signals[SIGNAL_RECONNECT_SCHEDULED], 0, delay);
}

/* The token was refused: no reconnect loop. Takes error. */
static void
fail (PaddockTradeStream *self,
      GError             *error)
{
  drop_connection (self);
  clear_source (&self->reconnect_source);
  set_reconnect_at (self, 0);
  set_error (self, error);
  set_state (self, PADDOCK_TRADE_STREAM_STATE_FAILED);
}

/* ---- liveness ----------------------------------------------------------------------- */

static gboolean
deadline_cb (gpointer user_data)
{
  PaddockTradeStream *self = user_data;

  g_clear_pointer (&self->deadline_source, g_source_unref);

  if (self->last_activity < self->probe_sent)
    {
      schedule_reconnect (self,
                          g_error_new (PADDOCK_ERROR, PADDOCK_ERROR_TIMED_OUT,
                                       _("The trade updates stream stopped answering")),
                          -1);
      return G_SOURCE_REMOVE;
    }

  return G_SOURCE_REMOVE;
}

static void
start_deadline (PaddockTradeStream *self)
{
  self->probe_sent = g_get_monotonic_time ();
  clear_source (&self->deadline_source);
  self->deadline_source = add_timeout (self->ping_deadline_ms, deadline_cb, self);
}

static gboolean
ping_cb (gpointer user_data)
{
  PaddockTradeStream *self = user_data;

  /* while a deadline runs, the previous probe is still unanswered: let it decide */
  if (self->deadline_source != NULL)
    return G_SOURCE_CONTINUE;

  if (self->authorized)
    send_listen (self);
  start_deadline (self);
  return G_SOURCE_CONTINUE;
}

/* ---- messages ----------------------------------------------------------------------- */

static void
handle_authorization (PaddockTradeStream   *self,
                      PaddockStreamMessage *message)
{
  switch (paddock_stream_message_get_authorization (message))
    {
    case PADDOCK_STREAM_AUTHORIZATION_AUTHORIZED:
      if (g_strcmp0 (paddock_stream_message_get_action (message), "listen") == 0)
        return;
      self->authorized = TRUE;
      send_listen (self);
      return;

    case PADDOCK_STREAM_AUTHORIZATION_UNAUTHORIZED:
      fail (self, g_error_new (PADDOCK_ERROR, PADDOCK_ERROR_NOT_AUTHORIZED,
                               _("The server refused the sign-in for trade updates")));
      return;

    case PADDOCK_STREAM_AUTHORIZATION_EXCEEDED:
      schedule_reconnect (self,
                          g_error_new (PADDOCK_ERROR, PADDOCK_ERROR_RATE_LIMITED,
                                       _("Too many trade update connections")),
                          -1);
      return;

    case PADDOCK_STREAM_AUTHORIZATION_UNKNOWN:
    default:
      g_debug ("authorization with an unknown status; ignored");
      return;
    }
}

static void
handle_listening (PaddockTradeStream   *self,
                  PaddockStreamMessage *message)
{
  const char * const *streams = paddock_stream_message_get_streams (message);

  if (streams == NULL || !g_strv_contains (streams, STREAM_TRADE_UPDATES))
    {
      g_debug ("listening without trade_updates; ignored");
      return;
    }

  if (self->state == PADDOCK_TRADE_STREAM_STATE_LIVE)
    return;  /* the answer to a liveness probe */

  self->live_since = g_get_monotonic_time ();
  set_reconnect_at (self, 0);
  set_error (self, NULL);
  set_state (self, PADDOCK_TRADE_STREAM_STATE_LIVE);
  g_signal_emit (self, signals[SIGNAL_CONNECTED], 0);
}

static void
received_free (Received *r)
{
  g_object_unref (r->conn);
  g_bytes_unref (r->bytes);
  g_free (r);
}

static void
clear_received (PaddockTradeStream *self)
{
  clear_source (&self->drain_source);
  g_queue_clear_full (&self->received, (GDestroyNotify) received_free);
}

static void
handle_received (PaddockTradeStream *self,
                 Received           *r)
{
  g_autoptr (PaddockStreamMessage) message = NULL;
  g_autoptr (GError) error = NULL;
  gsize len = 0;
  const char *data = g_bytes_get_data (r->bytes, &len);

  /* binary or text frames alike: both carry UTF-8 JSON */
  message = paddock_stream_message_parse (data, len, &error);
  if (message == NULL)
    {
      g_debug ("a message that is not understood was skipped: %s", error->message);
      return;
    }

  switch (paddock_stream_message_get_kind (message))
    {
    case PADDOCK_STREAM_MESSAGE_AUTHORIZATION:
      /* answers on a connection since dropped concern it only */
      if (r->conn == self->conn)
        handle_authorization (self, message);
      break;

    case PADDOCK_STREAM_MESSAGE_LISTENING:
      if (r->conn == self->conn)
        handle_listening (self, message);
      break;

    case PADDOCK_STREAM_MESSAGE_TRADE_UPDATES:
      g_signal_emit (self, signals[SIGNAL_UPDATE], 0,
                     paddock_stream_message_get_trade_update (message),
                     paddock_stream_message_get_data (message));
      break;

    case PADDOCK_STREAM_MESSAGE_UNKNOWN:
    default:
      g_debug ("a message of stream %s was skipped",
               paddock_stream_message_get_stream (message));
      break;
    }
}

/* Handles what was received, oldest first, for at most DRAIN_BUDGET_US at a time */
static gboolean
drain_cb (gpointer user_data)
{
  /* a handler may stop or drop the stream: keep it alive until the end */
  g_autoptr (PaddockTradeStream) self = g_object_ref (user_data);
  gint64 start = g_get_monotonic_time ();

  while (!g_queue_is_empty (&self->received))
    {
      Received *r = g_queue_pop_head (&self->received);

      handle_received (self, r);
      received_free (r);
      if (g_get_monotonic_time () - start >= DRAIN_BUDGET_US)
        break;
    }
  if (!g_queue_is_empty (&self->received))
    return G_SOURCE_CONTINUE;
  g_clear_pointer (&self->drain_source, g_source_unref);
  return G_SOURCE_REMOVE;
}

static void
message_cb (SoupWebsocketConnection *conn,
            int                      type,
            GBytes                  *bytes,
            gpointer                 user_data)
{
  PaddockTradeStream *self = user_data;
  Received *r = g_new0 (Received, 1);

  self->last_activity = g_get_monotonic_time ();
  r->conn = g_object_ref (conn);
  r->bytes = g_bytes_ref (bytes);
  g_queue_push_tail (&self->received, r);
  if (self->drain_source == NULL)
    {
      /* at the default priority: input, drawing and the other sources get their turn */
      self->drain_source = g_idle_source_new ();
      g_source_set_priority (self->drain_source, G_PRIORITY_DEFAULT);
      g_source_set_callback (self->drain_source, drain_cb, self, NULL);
      g_source_attach (self->drain_source, g_main_context_get_thread_default ());
    }
}

static void
closed_cb (SoupWebsocketConnection *conn,
           gpointer                 user_data)
{
  g_autoptr (PaddockTradeStream) self = g_object_ref (user_data);
  /* schedule_reconnect() drops the stream's reference to @conn, which emits this */
  SoupWebsocketConnection *hold = g_object_ref (conn);
  gushort code = soup_websocket_connection_get_close_code (conn);

  schedule_reconnect (self,
                      g_error_new (PADDOCK_ERROR, PADDOCK_ERROR_NETWORK,
                                   _("The trade updates stream was closed (code %u)"),
                                   (guint) code),
                      -1);
  g_object_unref (hold);
}

static void
error_cb (SoupWebsocketConnection *conn,
          GError                  *error,
          gpointer                 user_data)
{
  /* "closed" follows and schedules the reconnect */
  g_debug ("websocket error: %s", error->message);
}

/* ---- connecting --------------------------------------------------------------------- */

static gboolean
connect_timeout_cb (gpointer user_data)
{
  PaddockTradeStream *self = user_data;

  g_clear_pointer (&self->connect_timeout_source, g_source_unref);
  schedule_reconnect (self,
                      g_error_new (PADDOCK_ERROR, PADDOCK_ERROR_TIMED_OUT,
                                   _("Opening the trade updates stream timed out")),
                      -1);
  return G_SOURCE_REMOVE;
}

static void
connect_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr (SoupMessage) msg = user_data;
  g_autoptr (GError) error = NULL;
  SoupWebsocketConnection *conn;
  PaddockTradeStream *self;
  GCancellable *cancellable = g_object_get_data (G_OBJECT (msg), "paddock-cancellable");
  guint status;

  conn = soup_session_websocket_connect_finish (SOUP_SESSION (source), result, &error);
  if (g_cancellable_is_cancelled (cancellable))
    {
      /* stopped, disposed or timed out: self may be gone */
      if (conn != NULL)
        {
          soup_websocket_connection_close (conn, SOUP_WEBSOCKET_CLOSE_NORMAL, NULL);
          g_object_unref (conn);
        }
      return;
    }

  self = g_object_get_data (G_OBJECT (msg), "paddock-trade-stream");
  g_assert (PADDOCK_IS_TRADE_STREAM (self));
  g_clear_object (&self->cancellable);
  clear_source (&self->connect_timeout_source);

  if (conn == NULL)
    {
      status = soup_message_get_status (msg);
      g_debug ("websocket handshake failed (HTTP %u): %s", status, error->message);

      if (status == SOUP_STATUS_UNAUTHORIZED || status == SOUP_STATUS_FORBIDDEN)
        {
          GError *e = g_error_new (PADDOCK_ERROR, PADDOCK_ERROR_NOT_AUTHORIZED,
                                   _("The server refused the sign-in for trade updates"));

          paddock_error_set_api_details (e, status, 0);
          fail (self, e);
        }
      else if (status == 429)
        {
          GError *e = g_error_new (PADDOCK_ERROR, PADDOCK_ERROR_RATE_LIMITED,
                                   _("Too many requests: trade updates will resume shortly"));

          paddock_error_set_api_details (e, status, 0);
          schedule_reconnect (self, e, retry_after_ms (msg));
        }
      else if (status != SOUP_STATUS_NONE)
        {
          GError *e = g_error_new (PADDOCK_ERROR, PADDOCK_ERROR_NETWORK,
                                   _("The trade updates stream answered HTTP %u"), status);

          paddock_error_set_api_details (e, status, 0);
          schedule_reconnect (self, e, retry_after_ms (msg));
        }
      else
        schedule_reconnect (self,
                            g_error_new (PADDOCK_ERROR, PADDOCK_ERROR_NETWORK,
                                         _("Could not reach the trade updates stream: %s"),
                                         error->message),
                            -1);
      return;
    }

  self->conn = conn;
  soup_websocket_connection_set_max_incoming_payload_size (conn, PADDOCK_HTTP_MAX_BYTES);
  soup_websocket_connection_set_keepalive_interval (conn,
                                                    MAX (1, self->ping_interval_ms / 1000));
  g_signal_connect (conn, "message", G_CALLBACK (message_cb), self);
  g_signal_connect (conn, "closed", G_CALLBACK (closed_cb), self);
  g_signal_connect (conn, "error", G_CALLBACK (error_cb), self);

  self->last_activity = 0;
  send_authenticate (self);
  start_deadline (self);
  self->ping_source = add_timeout (self->ping_interval_ms, ping_cb, self);
}

static void
connect_now (PaddockTradeStream *self)
{
  g_autoptr (SoupMessage) msg = NULL;

  drop_connection (self);
  clear_source (&self->reconnect_source);

  msg = soup_message_new ("GET", self->url);
  if (msg == NULL)
    {
      fail (self, g_error_new (PADDOCK_ERROR, PADDOCK_ERROR_INVALID_INPUT,
                               _("The trade updates address is not valid")));
      return;
    }
  soup_message_add_flags (msg, SOUP_MESSAGE_NO_REDIRECT);
  g_object_set_data (G_OBJECT (msg), "paddock-trade-stream", self);

  self->n_attempts++;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ATTEMPTS]);
  set_reconnect_at (self, 0);
  set_state (self, PADDOCK_TRADE_STREAM_STATE_CONNECTING);

  self->cancellable = g_cancellable_new ();
  g_object_set_data_full (G_OBJECT (msg), "paddock-cancellable",
                          g_object_ref (self->cancellable), g_object_unref);
  self->connect_timeout_source = add_timeout (self->connect_timeout_ms, connect_timeout_cb,
                                              self);
  soup_session_websocket_connect_async (self->session, msg, NULL, NULL, G_PRIORITY_DEFAULT,
                                        self->cancellable, connect_cb, g_object_ref (msg));
}

/* plain ws:// only to loopback hosts, like plain http:// */
static gboolean
url_is_allowed (const char *url)
{
  g_autoptr (GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  const char *host;
  g_autoptr (GInetAddress) address = NULL;

  if (uri == NULL || g_uri_get_host (uri) == NULL)
    return FALSE;
  if (g_ascii_strcasecmp (g_uri_get_scheme (uri), "wss") == 0)
    return TRUE;
  if (g_ascii_strcasecmp (g_uri_get_scheme (uri), "ws") != 0)
    return FALSE;

  host = g_uri_get_host (uri);
  if (g_ascii_strcasecmp (host, "localhost") == 0)
    return TRUE;
  address = g_inet_address_new_from_string (host);
  return address != NULL && g_inet_address_get_is_loopback (address);
}

/* ---- GObject ------------------------------------------------------------------------ */

static void
paddock_trade_stream_dispose (GObject *object)
{
  PaddockTradeStream *self = PADDOCK_TRADE_STREAM (object);

  drop_connection (self);
  clear_received (self);
  clear_source (&self->reconnect_source);
  if (self->session != NULL)
    soup_session_abort (self->session);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (paddock_trade_stream_parent_class)->dispose (object);
}

static void
paddock_trade_stream_finalize (GObject *object)
{
  PaddockTradeStream *self = PADDOCK_TRADE_STREAM (object);

  g_free (self->url);
  if (self->access_token != NULL)
    {
      memset (self->access_token, 0, strlen (self->access_token));
      g_free (self->access_token);
    }
  g_clear_error (&self->error);

  G_OBJECT_CLASS (paddock_trade_stream_parent_class)->finalize (object);
}

static void
paddock_trade_stream_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  PaddockTradeStream *self = PADDOCK_TRADE_STREAM (object);

  switch (prop_id)
    {
    case PROP_URL:
      g_value_set_string (value, self->url);
      break;
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_ERROR:
      g_value_set_boxed (value, self->error);
      break;
    case PROP_RECONNECT_AT:
      g_value_set_int64 (value, self->reconnect_at);
      break;
    case PROP_RECONNECT_DELAY_MS:
      g_value_set_uint (value, self->reconnect_delay_ms);
      break;
    case PROP_N_ATTEMPTS:
      g_value_set_uint (value, self->n_attempts);
      break;
    case PROP_BACKOFF_BASE_MS:
      g_value_set_uint (value, self->backoff_base_ms);
      break;
    case PROP_BACKOFF_MAX_MS:
      g_value_set_uint (value, self->backoff_max_ms);
      break;
    case PROP_STABLE_AFTER_MS:
      g_value_set_uint (value, self->stable_after_ms);
      break;
    case PROP_PING_INTERVAL_MS:
      g_value_set_uint (value, self->ping_interval_ms);
      break;
    case PROP_PING_DEADLINE_MS:
      g_value_set_uint (value, self->ping_deadline_ms);
      break;
    case PROP_CONNECT_TIMEOUT_MS:
      g_value_set_uint (value, self->connect_timeout_ms);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
paddock_trade_stream_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  PaddockTradeStream *self = PADDOCK_TRADE_STREAM (object);

  switch (prop_id)
    {
    case PROP_URL:
      self->url = g_value_dup_string (value);
      break;
    case PROP_ACCESS_TOKEN:
      self->access_token = g_value_dup_string (value);
      break;
    case PROP_BACKOFF_BASE_MS:
      self->backoff_base_ms = g_value_get_uint (value);
      break;
    case PROP_BACKOFF_MAX_MS:
      self->backoff_max_ms = g_value_get_uint (value);
      break;
    case PROP_STABLE_AFTER_MS:
      self->stable_after_ms = g_value_get_uint (value);
      break;
    case PROP_PING_INTERVAL_MS:
      self->ping_interval_ms = g_value_get_uint (value);
      break;
    case PROP_PING_DEADLINE_MS:
      self->ping_deadline_ms = g_value_get_uint (value);
      break;
    case PROP_CONNECT_TIMEOUT_MS:
      self->connect_timeout_ms = g_value_get_uint (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
paddock_trade_stream_class_init (PaddockTradeStreamClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS;
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->dispose = paddock_trade_stream_dispose;
  object_class->finalize = paddock_trade_stream_finalize;
  object_class->get_property = paddock_trade_stream_get_property;
  object_class->set_property = paddock_trade_stream_set_property;

  /**
   * PaddockTradeStream:url:
   *
   * The websocket, `{trading}/stream` with ws:// (loopback only) or wss://.
   */
  properties[PROP_URL] =
    g_param_spec_string ("url", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /**
   * PaddockTradeStream:access-token:
   *
   * The OAuth access token sent in the authenticate message (write-only).
   */
  properties[PROP_ACCESS_TOKEN] =
    g_param_spec_string ("access-token", NULL, NULL, NULL,
                         G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /**
   * PaddockTradeStream:state:
   *
   * Where the connection is; see #PaddockTradeStreamState.
   */
  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, PADDOCK_TYPE_TRADE_STREAM_STATE,
                       PADDOCK_TRADE_STREAM_STATE_STOPPED, ro | G_PARAM_EXPLICIT_NOTIFY);
  /**
   * PaddockTradeStream:error:
   *
   * Why the stream is RECONNECTING or FAILED (a #PADDOCK_ERROR), or %NULL.
   */
  properties[PROP_ERROR] =
    g_param_spec_boxed ("error", NULL, NULL, G_TYPE_ERROR, ro | G_PARAM_EXPLICIT_NOTIFY);
  /**
   * PaddockTradeStream:reconnect-at:
   *
   * When the next attempt starts (g_get_monotonic_time() units), or 0.
   */
  properties[PROP_RECONNECT_AT] =
    g_param_spec_int64 ("reconnect-at", NULL, NULL, 0, G_MAXINT64, 0,
                        ro | G_PARAM_EXPLICIT_NOTIFY);
  /**
   * PaddockTradeStream:reconnect-delay-ms:
   *
   * The delay of the last reconnect scheduled, jitter included.
   */
  properties[PROP_RECONNECT_DELAY_MS] =
    g_param_spec_uint ("reconnect-delay-ms", NULL, NULL, 0, G_MAXUINT, 0,
                       ro | G_PARAM_EXPLICIT_NOTIFY);
  /**
   * PaddockTradeStream:n-attempts:
   *
   * How many connections were attempted since the stream was made.
   */
  properties[PROP_N_ATTEMPTS] =
    g_param_spec_uint ("n-attempts", NULL, NULL, 0, G_MAXUINT, 0,
                       ro | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_BACKOFF_BASE_MS] =
    g_param_spec_uint ("backoff-base-ms", NULL, NULL, 1, G_MAXINT, DEFAULT_BACKOFF_BASE_MS,
                       rw | G_PARAM_CONSTRUCT);
  properties[PROP_BACKOFF_MAX_MS] =
    g_param_spec_uint ("backoff-max-ms", NULL, NULL, 1, G_MAXINT, DEFAULT_BACKOFF_MAX_MS,
                       rw | G_PARAM_CONSTRUCT);
  /**
   * PaddockTradeStream:stable-after-ms:
   *
   * How long a connection must have been live for the backoff to start over.
   */
  properties[PROP_STABLE_AFTER_MS] =
    g_param_spec_uint ("stable-after-ms", NULL, NULL, 0, G_MAXINT, DEFAULT_STABLE_AFTER_MS,
                       rw | G_PARAM_CONSTRUCT);
  /**
   * PaddockTradeStream:ping-interval-ms:
   *
   * How often an open connection is probed (a `listen` the server answers).
   */
  properties[PROP_PING_INTERVAL_MS] =
    g_param_spec_uint ("ping-interval-ms", NULL, NULL, 1, G_MAXINT, DEFAULT_PING_INTERVAL_MS,
                       rw | G_PARAM_CONSTRUCT);
  /**
   * PaddockTradeStream:ping-deadline-ms:
   *
   * How long after a probe (or the open) something must have arrived before the
   * connection counts as dead and is replaced.
   */
  properties[PROP_PING_DEADLINE_MS] =
    g_param_spec_uint ("ping-deadline-ms", NULL, NULL, 1, G_MAXINT, DEFAULT_PING_DEADLINE_MS,
                       rw | G_PARAM_CONSTRUCT);
  properties[PROP_CONNECT_TIMEOUT_MS] =
    g_param_spec_uint ("connect-timeout-ms", NULL, NULL, 1, G_MAXINT,
                       PADDOCK_TRADE_STREAM_CONNECT_TIMEOUT_MS, rw | G_PARAM_CONSTRUCT);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * PaddockTradeStream::update:
   * @self: the stream
   * @update: the event
   * @data: the message's `data` as the server sent it
   */
  signals[SIGNAL_UPDATE] =
    g_signal_new ("update", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, PADDOCK_TYPE_TRADE_UPDATE, JSON_TYPE_NODE);
  /**
   * PaddockTradeStream::connected:
   * @self: the stream
   *
   * The stream is live again after a (re)connect: events may have been missed, so open
   * and recent orders and positions should be fetched again.
   */
  signals[SIGNAL_CONNECTED] =
    g_signal_new ("connected", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 0);
  /**
   * PaddockTradeStream::reconnect-scheduled:
   * @self: the stream
   * @delay_ms: how long until the next attempt, jitter included
   */
  signals[SIGNAL_RECONNECT_SCHEDULED] =
    g_signal_new ("reconnect-scheduled", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);
}

static void
paddock_trade_stream_init (PaddockTradeStream *self)
{
  self->state = PADDOCK_TRADE_STREAM_STATE_STOPPED;
  /* no "timeout": a quiet websocket is normal; the connect has its own timer */
  self->session = soup_session_new ();
}

/**
 * paddock_trade_stream_new:
 * @url: the websocket (see paddock_endpoints_get_stream_url())
 * @access_token: the OAuth access token
 *
 * Returns: (transfer full): a stopped stream
 */
PaddockTradeStream *
paddock_trade_stream_new (const char *url,
                          const char *access_token)
{
  g_return_val_if_fail (url != NULL, NULL);
  g_return_val_if_fail (access_token != NULL, NULL);

  return g_object_new (PADDOCK_TYPE_TRADE_STREAM, "url", url, "access-token", access_token,
                       NULL);
}

/**
 * paddock_trade_stream_start:
 * @self: a #PaddockTradeStream
 *
 * Connects now (also from FAILED or RECONNECTING). Does nothing when CONNECTING or LIVE.
 */
void
paddock_trade_stream_start (PaddockTradeStream *self)
{
  g_return_if_fail (PADDOCK_IS_TRADE_STREAM (self));

  if (self->state == PADDOCK_TRADE_STREAM_STATE_CONNECTING ||
      self->state == PADDOCK_TRADE_STREAM_STATE_LIVE)
    return;

  if (!url_is_allowed (self->url))
    {
      fail (self, g_error_new (PADDOCK_ERROR, PADDOCK_ERROR_INVALID_INPUT,
                               _("Trade updates need a wss:// address (ws:// only on this "
                                 "computer)")));
      return;
    }

  self->failures = 0;
  connect_now (self);
}

/**
 * paddock_trade_stream_stop:
 * @self: a #PaddockTradeStream
 *
 * Closes the connection and cancels any scheduled attempt.
 */
void
paddock_trade_stream_stop (PaddockTradeStream *self)
{
  g_return_if_fail (PADDOCK_IS_TRADE_STREAM (self));

  drop_connection (self);
  clear_received (self);
  clear_source (&self->reconnect_source);
  set_reconnect_at (self, 0);
  set_error (self, NULL);
  set_state (self, PADDOCK_TRADE_STREAM_STATE_STOPPED);
}

const char *
paddock_trade_stream_get_url (PaddockTradeStream *self)
{
  g_return_val_if_fail (PADDOCK_IS_TRADE_STREAM (self), NULL);
  return self->url;
}

PaddockTradeStreamState
paddock_trade_stream_get_state (PaddockTradeStream *self)
{
  g_return_val_if_fail (PADDOCK_IS_TRADE_STREAM (self), PADDOCK_TRADE_STREAM_STATE_STOPPED);
  return self->state;
}

/**
 * paddock_trade_stream_get_error:
 * @self: a #PaddockTradeStream
 *
 * Returns: (nullable) (transfer none): why the stream is RECONNECTING or FAILED
 */
const GError *
paddock_trade_stream_get_error (PaddockTradeStream *self)
{
  g_return_val_if_fail (PADDOCK_IS_TRADE_STREAM (self), NULL);
  return self->error;
}

/**
 * paddock_trade_stream_get_reconnect_at:
 * @self: a #PaddockTradeStream
 *
 * Returns: when the next attempt starts, in g_get_monotonic_time() units, or 0
 */
gint64
paddock_trade_stream_get_reconnect_at (PaddockTradeStream *self)
{
  g_return_val_if_fail (PADDOCK_IS_TRADE_STREAM (self), 0);
  return self->reconnect_at;
}

/**
 * paddock_trade_stream_get_seconds_until_reconnect:
 * @self: a #PaddockTradeStream
 *
 * Returns: whole seconds (rounded up) until the next attempt, or 0 when none is scheduled
 */
guint
paddock_trade_stream_get_seconds_until_reconnect (PaddockTradeStream *self)
{
  gint64 left;

  g_return_val_if_fail (PADDOCK_IS_TRADE_STREAM (self), 0);

  if (self->reconnect_at == 0)
    return 0;
  left = self->reconnect_at - g_get_monotonic_time ();
  if (left <= 0)
    return 0;
  return (guint) ((left + G_USEC_PER_SEC - 1) / G_USEC_PER_SEC);
}

guint
paddock_trade_stream_get_n_attempts (PaddockTradeStream *self)
{
  g_return_val_if_fail (PADDOCK_IS_TRADE_STREAM (self), 0);
  return self->n_attempts;
}

/**
 * paddock_trade_stream_set_backoff:
 * @self: a #PaddockTradeStream
 * @base_ms: the first reconnect delay (default 1000)
 * @max_ms: where the doubling stops (default 30000)
 */
void
paddock_trade_stream_set_backoff (PaddockTradeStream *self,
                                  guint               base_ms,
                                  guint               max_ms)
{
  g_return_if_fail (PADDOCK_IS_TRADE_STREAM (self));
  g_object_set (self, "backoff-base-ms", MAX (base_ms, 1), "backoff-max-ms", MAX (max_ms, 1),
                NULL);
}

/**
 * paddock_trade_stream_set_ping:
 * @self: a #PaddockTradeStream
 * @interval_ms: how often to probe an open connection (default 15000)
 * @deadline_ms: how long a probe may stay unanswered (default 10000)
 *
 * Applies from the next connection on.
 */
void
paddock_trade_stream_set_ping (PaddockTradeStream *self,
                               guint               interval_ms,
                               guint               deadline_ms)
{
  g_return_if_fail (PADDOCK_IS_TRADE_STREAM (self));
  g_object_set (self, "ping-interval-ms", MAX (interval_ms, 1),
                "ping-deadline-ms", MAX (deadline_ms, 1), NULL);
}
