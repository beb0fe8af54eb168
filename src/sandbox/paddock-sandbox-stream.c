/* paddock-sandbox-stream.c: the trade-updates websocket
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `/paper/stream` and `/live/stream` speak Alpaca's trade_updates protocol: the client
 * authenticates with an OAuth token of that environment, then listens to
 * "trade_updates". Server messages go out as binary frames carrying UTF-8 JSON, as on
 * Alpaca's paper endpoint, unless the sandbox was asked for text frames; clients may send
 * either kind.
 */
#define G_LOG_DOMAIN "paddock-sandbox-stream"

#include "config.h"

#include <string.h>

#include "paddock-sandbox-private.h"

#define STREAM_TRADE_UPDATES "trade_updates"

typedef struct
{
  PaddockSandbox *sandbox;          /* not owned: the module lives inside it */
  SoupWebsocketConnection *conn;
  SandboxEnv env;
  char *access_token;               /* NULL until authorized */
  gboolean listening;               /* to trade_updates */
  int close_after;                  /* the ws_close_after fault, < 0: none */
  int silent_after;                 /* the ws_silent fault, < 0: none */
  gboolean silent;                  /* answers nothing, sends nothing */
  guint n_events;
} StreamConnection;

typedef struct
{
  GPtrArray *connections;           /* StreamConnection* */
} StreamState;

/* ---- helpers ------------------------------------------------------------------------ */

static void
stream_connection_free (StreamConnection *sc)
{
  g_signal_handlers_disconnect_by_data (sc->conn, sc);
  g_clear_object (&sc->conn);
  g_free (sc->access_token);
  g_free (sc);
}

static void
stream_state_free (StreamState *state)
{
  g_ptr_array_unref (state->connections);
  g_free (state);
}

static gboolean
stream_connection_is_open (StreamConnection *sc)
{
  return soup_websocket_connection_get_state (sc->conn) == SOUP_WEBSOCKET_STATE_OPEN;
}

static char *
envelope_to_text (const char *stream,
                  JsonNode   *data)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  g_autoptr (JsonGenerator) gen = json_generator_new ();
  g_autoptr (JsonNode) root = NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "stream");
  json_builder_add_string_value (b, stream);
  json_builder_set_member_name (b, "data");
  json_builder_add_value (b, data);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);

  return json_generator_to_data (gen, NULL);
}

static void
send_text (StreamConnection *sc,
           const char       *text)
{
  if (!stream_connection_is_open (sc))
    return;

  if (_sandbox_get_text_frames (sc->sandbox))
    soup_websocket_connection_send_text (sc->conn, text);
  else
    soup_websocket_connection_send_binary (sc->conn, text, strlen (text));
}

/* Sends {"stream": stream, "data": data}; consumes data. */
static void
send_envelope (StreamConnection *sc,
               const char       *stream,
               JsonNode         *data)
{
  g_autofree char *text = envelope_to_text (stream, data);

  send_text (sc, text);
}

static void
send_authorization (StreamConnection *sc,
                    const char       *action,
                    gboolean          authorized)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "action");
  json_builder_add_string_value (b, action);
  json_builder_set_member_name (b, "status");
  json_builder_add_string_value (b, authorized ? "authorized" : "unauthorized");
  json_builder_end_object (b);
  send_envelope (sc, "authorization", json_builder_get_root (b));
}

/* Alpaca does not document the stream's error payload; the sandbox answers in the
 * envelope every other message uses, with the REST API's {"code","message"} inside. */
static void
send_error (StreamConnection *sc,
            const char       *message)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "code");
  json_builder_add_int_value (b, 40010001);
  json_builder_set_member_name (b, "message");
  json_builder_add_string_value (b, message);
  json_builder_end_object (b);
  send_envelope (sc, "error", json_builder_get_root (b));
}

static void
send_listening (StreamConnection *sc)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "streams");
  json_builder_begin_array (b);
  if (sc->listening)
    json_builder_add_string_value (b, STREAM_TRADE_UPDATES);
  json_builder_end_array (b);
  json_builder_end_object (b);
  send_envelope (sc, "listening", json_builder_get_root (b));
}

/* The token, if it still may read this connection's account. */
static SandboxToken *
stream_connection_get_token (StreamConnection *sc)
{
  SandboxToken *token = _sandbox_lookup_token (sc->sandbox, sc->access_token);

  if (token == NULL || token->revoked || token->env != sc->env)
    return NULL;
  return token;
}

static void
handle_authenticate (StreamConnection *sc,
                     JsonObject       *data)
{
  const char *oauth_token = NULL;
  SandboxToken *token = NULL;

  /* key_id/secret_key pairs are not issued by the sandbox, so they never authorize */
  if (data != NULL && json_object_has_member (data, "oauth_token"))
    {
      JsonNode *node = json_object_get_member (data, "oauth_token");

      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
        oauth_token = json_node_get_string (node);
    }

  if (oauth_token != NULL)
    token = _sandbox_lookup_token (sc->sandbox, oauth_token);

  if (token == NULL || token->revoked || token->env != sc->env)
    {
      g_clear_pointer (&sc->access_token, g_free);
      sc->listening = FALSE;
      send_authorization (sc, "authenticate", FALSE);
      soup_websocket_connection_close (sc->conn, SOUP_WEBSOCKET_CLOSE_POLICY_VIOLATION,
                                       "unauthorized");
      return;
    }

  g_free (sc->access_token);
  sc->access_token = g_strdup (token->access_token);
  send_authorization (sc, "authenticate", TRUE);
}

static void
handle_listen (StreamConnection *sc,
               JsonObject       *data)
{
  JsonNode *streams = data ? json_object_get_member (data, "streams") : NULL;
  JsonArray *array;
  gboolean listening = FALSE;

  if (sc->access_token == NULL)
    {
      send_authorization (sc, "listen", FALSE);
      return;
    }

  /* revoked since it authenticated: the same end as on the next event */
  if (stream_connection_get_token (sc) == NULL)
    {
      g_clear_pointer (&sc->access_token, g_free);
      sc->listening = FALSE;
      send_authorization (sc, "listen", FALSE);
      soup_websocket_connection_close (sc->conn, SOUP_WEBSOCKET_CLOSE_POLICY_VIOLATION,
                                       "token revoked");
      return;
    }

  if (streams == NULL || !JSON_NODE_HOLDS_ARRAY (streams))
    {
      send_error (sc, "listen needs data.streams, an array of stream names");
      return;
    }

  /* the list replaces the current set; names the sandbox does not serve are dropped */
  array = json_node_get_array (streams);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (JSON_NODE_HOLDS_VALUE (element) &&
          json_node_get_value_type (element) == G_TYPE_STRING &&
          g_strcmp0 (json_node_get_string (element), STREAM_TRADE_UPDATES) == 0)
        listening = TRUE;
    }

  sc->listening = listening;
  send_listening (sc);
  /* the ws_silent fault: open but dead from here on */
  if (listening && sc->silent_after >= 0 && sc->n_events >= (guint) sc->silent_after)
    sc->silent = TRUE;
}

static void
handle_message (StreamConnection *sc,
                GBytes           *message)
{
  g_autoptr (JsonNode) root = NULL;
  gsize len = 0;
  const char *bytes = g_bytes_get_data (message, &len);
  JsonObject *obj;
  JsonNode *data_node;
  JsonObject *data = NULL;
  const char *action;

  if (len == 0 || !g_utf8_validate (bytes, (gssize) len, NULL))
    {
      send_error (sc, "message is not valid JSON");
      return;
    }

  switch (_sandbox_json_parse (bytes, len, &root))
    {
    case SANDBOX_JSON_TOO_LARGE:
      send_error (sc, "message is too large");
      return;
    case SANDBOX_JSON_TOO_DEEP:
      send_error (sc, "message is nested too deeply");
      return;
    case SANDBOX_JSON_INVALID:
      send_error (sc, "message is not valid JSON");
      return;
    case SANDBOX_JSON_OK:
    default:
      break;
    }

  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      send_error (sc, "message is not a JSON object");
      return;
    }

  obj = json_node_get_object (root);
  if (!_sandbox_json_get_string (obj, "action", &action))
    {
      send_error (sc, "action must be a string");
      return;
    }
  data_node = json_object_get_member (obj, "data");
  if (data_node != NULL && JSON_NODE_HOLDS_OBJECT (data_node))
    data = json_node_get_object (data_node);

  if (g_strcmp0 (action, "authenticate") == 0)
    handle_authenticate (sc, data);
  else if (g_strcmp0 (action, "listen") == 0)
    handle_listen (sc, data);
  else
    send_error (sc, "unknown action");
}

static StreamState *
stream_state (PaddockSandbox *self)
{
  return _sandbox_get_module (self, SANDBOX_MODULE_STREAM);
}

/* ---- callbacks ---------------------------------------------------------------------- */

static void
message_cb (SoupWebsocketConnection *conn,
            int                      type,
            GBytes                  *message,
            gpointer                 user_data)
{
  StreamConnection *sc = user_data;

  if (sc->silent)
    return;
  /* binary or text alike: both carry UTF-8 JSON */
  handle_message (sc, message);
}

static void
closed_cb (SoupWebsocketConnection *conn,
           gpointer                 user_data)
{
  StreamConnection *sc = user_data;
  StreamState *state = stream_state (sc->sandbox);

  /* the array frees sc, after which nothing may touch it */
  if (state != NULL)
    g_ptr_array_remove (state->connections, sc);
}

static void
websocket_cb (SoupServer              *server,
              SoupServerMessage       *msg,
              const char              *path,
              SoupWebsocketConnection *connection,
              gpointer                 user_data)
{
  PaddockSandbox *self = user_data;
  StreamState *state = stream_state (self);
  StreamConnection *sc;

  if (state == NULL)
    {
      soup_websocket_connection_close (connection, SOUP_WEBSOCKET_CLOSE_GOING_AWAY, NULL);
      return;
    }

  sc = g_new0 (StreamConnection, 1);
  sc->sandbox = self;
  sc->conn = g_object_ref (connection);
  sc->env = g_str_has_prefix (path, "/live/") ? SANDBOX_ENV_LIVE : SANDBOX_ENV_PAPER;
  sc->close_after = _sandbox_take_ws_close_after (self, path);
  sc->silent_after = _sandbox_take_ws_silent (self, path);

  g_signal_connect (connection, "message", G_CALLBACK (message_cb), sc);
  g_signal_connect (connection, "closed", G_CALLBACK (closed_cb), sc);
  g_ptr_array_add (state->connections, sc);
}

/* A `status` fault on the stream's path answers the upgrade request itself (429 with
 * `Retry-After: 1`, as the router does), before libsoup's websocket handler accepts it. */
static void
early_cb (SoupServer        *server,
          SoupServerMessage *msg,
          const char        *path,
          GHashTable        *query,
          gpointer           user_data)
{
  PaddockSandbox *self = user_data;
  guint status = _sandbox_take_handshake_status (self, soup_server_message_get_method (msg),
                                                 path);
  g_autofree char *body = NULL;
  gsize len;

  if (status == 0)
    return;

  if (status == 429)
    soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                  "Retry-After", "1");
  body = g_strdup_printf ("{\"code\":%u,\"message\":\"%s\"}", status * 100000,
                          soup_status_get_phrase (status));
  len = strlen (body);
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE,
                                    g_steal_pointer (&body), len);
}

/* ---- module API --------------------------------------------------------------------- */

void
_sandbox_stream_init (PaddockSandbox *self,
                      SoupServer     *server)
{
  StreamState *state = g_new0 (StreamState, 1);

  state->connections = g_ptr_array_new_with_free_func ((GDestroyNotify) stream_connection_free);
  _sandbox_set_module (self, SANDBOX_MODULE_STREAM, state, (GDestroyNotify) stream_state_free);

  /* these paths are more specific than the catch-all handler, so they win */
  soup_server_add_websocket_handler (server, "/paper/stream", NULL, NULL,
                                     websocket_cb, self, NULL);
  soup_server_add_websocket_handler (server, "/live/stream", NULL, NULL,
                                     websocket_cb, self, NULL);
  soup_server_add_early_handler (server, "/paper/stream", early_cb, self, NULL);
  soup_server_add_early_handler (server, "/live/stream", early_cb, self, NULL);
}

void
_sandbox_stream_shutdown (PaddockSandbox *self)
{
  StreamState *state = stream_state (self);
  g_autoptr (GPtrArray) open = NULL;

  if (state == NULL)
    return;

  /* closing may emit "closed" synchronously, which edits the list: walk a copy */
  open = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < state->connections->len; i++)
    {
      StreamConnection *sc = g_ptr_array_index (state->connections, i);

      g_ptr_array_add (open, g_object_ref (sc->conn));
    }

  for (guint i = 0; i < open->len; i++)
    {
      SoupWebsocketConnection *conn = g_ptr_array_index (open, i);

      if (soup_websocket_connection_get_state (conn) == SOUP_WEBSOCKET_STATE_OPEN)
        soup_websocket_connection_close (conn, SOUP_WEBSOCKET_CLOSE_GOING_AWAY,
                                         "sandbox stopping");
    }

  /* let the close frames go out before the server is torn down */
  while (g_main_context_iteration (_sandbox_get_context (self), FALSE))
    ;
}

void
_sandbox_stream_emit (PaddockSandbox *self,
                      SandboxEnv      env,
                      JsonNode       *data)
{
  StreamState *state = stream_state (self);
  g_autoptr (JsonNode) owned = data;
  g_autofree char *text = NULL;
  g_autoptr (GPtrArray) targets = NULL;

  if (state == NULL)
    return;

  /* closing a connection edits the list, so pick the targets first */
  targets = g_ptr_array_new ();
  for (guint i = 0; i < state->connections->len; i++)
    {
      StreamConnection *sc = g_ptr_array_index (state->connections, i);

      if (sc->env == env && sc->access_token != NULL && stream_connection_is_open (sc))
        g_ptr_array_add (targets, sc);
    }
  if (targets->len == 0)
    return;

  text = envelope_to_text (STREAM_TRADE_UPDATES, json_node_ref (owned));

  for (guint i = 0; i < targets->len; i++)
    {
      StreamConnection *sc = g_ptr_array_index (targets, i);
      SoupWebsocketConnection *conn = sc->conn;

      /* sc may be freed by a synchronous "closed" below; conn stays in our hands */
      if (stream_connection_get_token (sc) == NULL)
        {
          /* revoked since it authenticated */
          g_clear_pointer (&sc->access_token, g_free);
          sc->listening = FALSE;
          soup_websocket_connection_close (conn, SOUP_WEBSOCKET_CLOSE_POLICY_VIOLATION,
                                           "token revoked");
          continue;
        }

      if (!sc->listening || sc->silent)
        continue;

      if (sc->close_after >= 0 && sc->n_events >= (guint) sc->close_after)
        {
          soup_websocket_connection_close (conn, SOUP_WEBSOCKET_CLOSE_NORMAL, NULL);
          continue;
        }

      send_text (sc, text);
      sc->n_events++;
      if (sc->silent_after >= 0 && sc->n_events >= (guint) sc->silent_after)
        sc->silent = TRUE;
      if (sc->close_after >= 0 && sc->n_events >= (guint) sc->close_after)
        soup_websocket_connection_close (conn, SOUP_WEBSOCKET_CLOSE_NORMAL, NULL);
    }
}

/* For tests of clients: sends text as is (any stream, even not JSON) to every listening
 * connection of env, as the next message. */
void
_sandbox_stream_send_raw (PaddockSandbox *self,
                          SandboxEnv      env,
                          const char     *text)
{
  StreamState *state = stream_state (self);

  if (state == NULL)
    return;

  for (guint i = 0; i < state->connections->len; i++)
    {
      StreamConnection *sc = g_ptr_array_index (state->connections, i);

      if (sc->env == env && sc->access_token != NULL && sc->listening && !sc->silent)
        send_text (sc, text);
    }
}
