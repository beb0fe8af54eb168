/* stream-client.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "stream-client.h"

void
stream_client_free (StreamClient *c)
{
  if (c->conn != NULL)
    {
      g_signal_handlers_disconnect_by_data (c->conn, c);
      if (soup_websocket_connection_get_state (c->conn) == SOUP_WEBSOCKET_STATE_OPEN)
        soup_websocket_connection_close (c->conn, SOUP_WEBSOCKET_CLOSE_NORMAL, NULL);
      g_clear_object (&c->conn);
    }
  g_ptr_array_unref (c->messages);
  g_array_unref (c->types);
  g_clear_error (&c->error);
  g_free (c);
}

static void
stream_client_message_cb (SoupWebsocketConnection *conn,
                          int                      type,
                          GBytes                  *message,
                          gpointer                 user_data)
{
  StreamClient *c = user_data;
  g_autoptr (JsonParser) parser = json_parser_new ();
  gsize len = 0;
  const char *data = g_bytes_get_data (message, &len);
  JsonNode *node = NULL;
  SoupWebsocketDataType data_type = (SoupWebsocketDataType) type;

  if (json_parser_load_from_data (parser, data, (gssize) len, NULL))
    node = json_node_copy (json_parser_get_root (parser));
  g_ptr_array_add (c->messages, node);
  g_array_append_val (c->types, data_type);
}

static void
stream_client_closed_cb (SoupWebsocketConnection *conn,
                         gpointer                 user_data)
{
  StreamClient *c = user_data;

  c->closed = TRUE;
}

static void
stream_client_connected_cb (GObject      *source,
                            GAsyncResult *result,
                            gpointer      user_data)
{
  StreamClient *c = user_data;

  c->conn = soup_session_websocket_connect_finish (SOUP_SESSION (source), result, &c->error);
  c->connect_done = TRUE;
  if (c->conn != NULL)
    {
      g_signal_connect (c->conn, "message", G_CALLBACK (stream_client_message_cb), c);
      g_signal_connect (c->conn, "closed", G_CALLBACK (stream_client_closed_cb), c);
    }
}

static gboolean
timed_out_cb (gpointer user_data)
{
  gboolean *timed_out = user_data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

/* Iterates the test thread's main context until done (c) holds; fails after a timeout. */
void
stream_client_wait (StreamClient *c,
                    gboolean    (*done) (StreamClient *c),
                    const char   *what)
{
  gboolean timed_out = FALSE;
  GSource *timeout = g_timeout_source_new_seconds (STREAM_TIMEOUT_SECONDS);

  g_source_set_callback (timeout, timed_out_cb, &timed_out, NULL);
  g_source_attach (timeout, NULL);
  while (!done (c) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  g_source_destroy (timeout);
  g_source_unref (timeout);

  if (!done (c))
    g_error ("timed out waiting for %s", what);
}

static gboolean
connect_done (StreamClient *c)
{
  return c->connect_done;
}

static gboolean
has_message (StreamClient *c)
{
  return c->next < c->messages->len;
}

static gboolean
is_closed (StreamClient *c)
{
  return c->closed;
}

/* Opens `{paper,live}/stream` (env is "paper" or "live") and asserts the upgrade worked. */
StreamClient *
stream_client_connect (SandboxFixture *f,
                       const char     *env)
{
  StreamClient *c = g_new0 (StreamClient, 1);
  g_autofree char *http = test_url (f, g_str_equal (env, "live") ? "live:/stream"
                                                                  : "paper:/stream");
  g_autofree char *ws = NULL;
  g_autoptr (SoupMessage) msg = NULL;

  g_assert_true (g_str_has_prefix (http, "http://"));
  ws = g_strconcat ("ws://", http + strlen ("http://"), NULL);
  msg = soup_message_new ("GET", ws);
  g_assert_nonnull (msg);

  c->messages = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
  c->types = g_array_new (FALSE, FALSE, sizeof (SoupWebsocketDataType));
  soup_session_websocket_connect_async (f->session, msg, NULL, NULL, G_PRIORITY_DEFAULT,
                                        NULL, stream_client_connected_cb, c);
  stream_client_wait (c, connect_done, "the websocket upgrade");
  g_assert_no_error (c->error);
  g_assert_nonnull (c->conn);

  return c;
}

void
stream_client_send (StreamClient          *c,
                    SoupWebsocketDataType  type,
                    const char            *text)
{
  g_assert_cmpint (soup_websocket_connection_get_state (c->conn), ==, SOUP_WEBSOCKET_STATE_OPEN);
  if (type == SOUP_WEBSOCKET_DATA_BINARY)
    soup_websocket_connection_send_binary (c->conn, text, strlen (text));
  else
    soup_websocket_connection_send_text (c->conn, text);
}

/* Waits for the next message, asserts it is {"stream": stream, "data": {…}} sent in a
 * frame of type frame_type, and returns its data (owned by c). */
JsonObject *
stream_client_next (StreamClient          *c,
                    const char            *stream,
                    SoupWebsocketDataType  frame_type)
{
  JsonNode *node;
  JsonObject *obj;
  JsonNode *data;

  stream_client_wait (c, has_message, stream);
  node = g_ptr_array_index (c->messages, c->next);
  g_assert_cmpint (g_array_index (c->types, SoupWebsocketDataType, c->next), ==, frame_type);
  c->next++;

  g_assert_nonnull (node);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  obj = json_node_get_object (node);
  g_assert_cmpuint (json_object_get_size (obj), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (obj, "stream"), ==, stream);
  data = json_object_get_member (obj, "data");
  g_assert_nonnull (data);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (data));

  return json_node_get_object (data);
}

const char *
stream_client_peek_stream (StreamClient *c)
{
  JsonNode *node;

  stream_client_wait (c, has_message, "a message");
  node = g_ptr_array_index (c->messages, c->next);
  g_assert_nonnull (node);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));

  return json_object_get_string_member_with_default (json_node_get_object (node), "stream",
                                                     NULL);
}

/* Asserts an authorization message for action with status. */
void
stream_client_expect_authorization (StreamClient *c,
                                    const char   *action,
                                    const char   *status)
{
  JsonObject *data = stream_client_next (c, "authorization", SOUP_WEBSOCKET_DATA_BINARY);

  g_assert_cmpuint (json_object_get_size (data), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (data, "action"), ==, action);
  g_assert_cmpstr (json_object_get_string_member (data, "status"), ==, status);
}

void
stream_client_authenticate (StreamClient *c,
                            const char   *token)
{
  g_autofree char *msg = g_strdup_printf ("{\"action\":\"authenticate\","
                                          "\"data\":{\"oauth_token\":\"%s\"}}", token);

  stream_client_send (c, SOUP_WEBSOCKET_DATA_TEXT, msg);
  stream_client_expect_authorization (c, "authenticate", "authorized");
}

/* Sends listen with streams (a JSON array text) and asserts the listening answer is
 * exactly expected (a JSON array text). */
void
stream_client_listen (StreamClient *c,
                      const char   *streams,
                      const char   *expected)
{
  g_autofree char *msg = g_strdup_printf ("{\"action\":\"listen\",\"data\":{\"streams\":%s}}",
                                          streams);
  g_autoptr (JsonNode) want = json_from_string (expected, NULL);
  JsonObject *data;

  stream_client_send (c, SOUP_WEBSOCKET_DATA_TEXT, msg);
  data = stream_client_next (c, "listening", SOUP_WEBSOCKET_DATA_BINARY);
  g_assert_cmpuint (json_object_get_size (data), ==, 1);
  g_assert_nonnull (want);
  g_assert_true (json_node_equal (json_object_get_member (data, "streams"), want));
}

/* A round trip: an unknown action is answered with an error, and the server handles a
 * connection's messages in order, so anything it sent before (an event emitted earlier)
 * would arrive first. Asserts that nothing did. */
void
stream_client_assert_nothing_pending (StreamClient *c)
{
  JsonObject *data;

  g_assert_false (c->closed);
  stream_client_send (c, SOUP_WEBSOCKET_DATA_TEXT, "{\"action\":\"round_trip\"}");
  data = stream_client_next (c, "error", SOUP_WEBSOCKET_DATA_BINARY);
  g_assert_cmpint (json_object_get_int_member (data, "code"), ==, 40010001);
  g_assert_cmpuint (c->next, ==, c->messages->len);
}

void
stream_client_wait_closed (StreamClient *c,
                           gushort       code)
{
  stream_client_wait (c, is_closed, "the connection to close");
  g_assert_cmpuint (soup_websocket_connection_get_close_code (c->conn), ==, code);
}

