/* paddock-stream-message.c: one message of Alpaca's trading stream
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * See paddock-stream-message.h for what is read and what is refused. The text comes from
 * a server, so it goes through paddock_json_parse() with the standard limits.
 */
#define G_LOG_DOMAIN "paddock-stream-message"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "paddock-error.h"
#include "paddock-json.h"
#include "paddock-stream-message.h"

struct _PaddockStreamMessage
{
  PaddockStreamMessageKind kind;
  char *stream;
  JsonNode *data;

  /* authorization */
  PaddockStreamAuthorization authorization;
  char *status_code;
  char *action;

  /* listening */
  GStrv streams;

  /* trade_updates */
  PaddockTradeUpdate *trade_update;
};

G_DEFINE_BOXED_TYPE (PaddockStreamMessage, paddock_stream_message, paddock_stream_message_ref,
                     paddock_stream_message_unref)

static void
message_clear (gpointer data)
{
  PaddockStreamMessage *self = data;

  g_clear_pointer (&self->stream, g_free);
  g_clear_pointer (&self->data, json_node_unref);
  g_clear_pointer (&self->status_code, g_free);
  g_clear_pointer (&self->action, g_free);
  g_clear_pointer (&self->streams, g_strfreev);
  g_clear_object (&self->trade_update);
}

static gboolean
malformed (GError     **error,
           const char  *member)
{
  /* Translators: %s is the name of a JSON member, e.g. "stream" */
  g_set_error (error, PADDOCK_ERROR, PADDOCK_ERROR_PROTOCOL,
               _("The server sent a malformed stream message: “%s” is not valid."), member);
  return FALSE;
}

static const char *
string_member (JsonObject *object,
               const char *name)
{
  JsonNode *member = json_object_get_member (object, name);

  if (member == NULL || !JSON_NODE_HOLDS_VALUE (member) ||
      json_node_get_value_type (member) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (member);
}

static gboolean
parse_authorization (PaddockStreamMessage  *self,
                     GError               **error)
{
  JsonObject *data;
  const char *status;

  if (self->data == NULL || !JSON_NODE_HOLDS_OBJECT (self->data))
    return malformed (error, "data");

  data = json_node_get_object (self->data);
  status = string_member (data, "status");
  if (status == NULL)
    return malformed (error, "status");

  self->status_code = g_strdup (status);
  self->action = g_strdup (string_member (data, "action"));
  if (strcmp (status, "authorized") == 0)
    self->authorization = PADDOCK_STREAM_AUTHORIZATION_AUTHORIZED;
  else if (strcmp (status, "unauthorized") == 0)
    self->authorization = PADDOCK_STREAM_AUTHORIZATION_UNAUTHORIZED;
  else if (strcmp (status, "exceeded") == 0)
    self->authorization = PADDOCK_STREAM_AUTHORIZATION_EXCEEDED;
  else
    self->authorization = PADDOCK_STREAM_AUTHORIZATION_UNKNOWN;

  return TRUE;
}

static gboolean
parse_listening (PaddockStreamMessage  *self,
                 GError               **error)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  JsonNode *streams;
  JsonArray *array;

  if (self->data == NULL || !JSON_NODE_HOLDS_OBJECT (self->data))
    return malformed (error, "data");

  streams = json_object_get_member (json_node_get_object (self->data), "streams");
  if (streams == NULL || !JSON_NODE_HOLDS_ARRAY (streams))
    return malformed (error, "streams");

  array = json_node_get_array (streams);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_VALUE (element) || json_node_get_value_type (element) != G_TYPE_STRING)
        return malformed (error, "streams");
      g_strv_builder_add (builder, json_node_get_string (element));
    }

  self->streams = g_strv_builder_end (builder);
  return TRUE;
}

/**
 * paddock_stream_message_parse:
 * @data: the text of one frame (not necessarily nul-terminated)
 * @len: its length in bytes
 *
 * Returns: (transfer full): the message, or %NULL with %PADDOCK_ERROR_PROTOCOL
 */
PaddockStreamMessage *
paddock_stream_message_parse (const char  *data,
                              gsize        len,
                              GError     **error)
{
  g_autoptr (PaddockStreamMessage) self = NULL;
  g_autoptr (JsonNode) root = NULL;
  JsonObject *object;
  JsonNode *member;
  const char *stream;

  root = paddock_json_parse (data, len, PADDOCK_JSON_MAX_BYTES, PADDOCK_JSON_MAX_DEPTH, error);
  if (root == NULL)
    return NULL;

  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      malformed (error, "stream");
      return NULL;
    }

  object = json_node_get_object (root);
  stream = string_member (object, "stream");
  if (stream == NULL)
    {
      malformed (error, "stream");
      return NULL;
    }

  self = g_atomic_rc_box_new0 (PaddockStreamMessage);
  self->stream = g_strdup (stream);
  member = json_object_get_member (object, "data");
  if (member != NULL)
    self->data = json_node_copy (member);

  if (strcmp (stream, "authorization") == 0)
    {
      self->kind = PADDOCK_STREAM_MESSAGE_AUTHORIZATION;
      if (!parse_authorization (self, error))
        return NULL;
    }
  else if (strcmp (stream, "listening") == 0)
    {
      self->kind = PADDOCK_STREAM_MESSAGE_LISTENING;
      if (!parse_listening (self, error))
        return NULL;
    }
  else if (strcmp (stream, "trade_updates") == 0)
    {
      self->kind = PADDOCK_STREAM_MESSAGE_TRADE_UPDATES;
      self->trade_update = paddock_trade_update_new_from_json (self->data, error);
      if (self->trade_update == NULL)
        return NULL;
    }
  else
    self->kind = PADDOCK_STREAM_MESSAGE_UNKNOWN;

  return g_steal_pointer (&self);
}

PaddockStreamMessage *
paddock_stream_message_ref (PaddockStreamMessage *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return g_atomic_rc_box_acquire (self);
}

void
paddock_stream_message_unref (PaddockStreamMessage *self)
{
  g_return_if_fail (self != NULL);

  g_atomic_rc_box_release_full (self, message_clear);
}

PaddockStreamMessageKind
paddock_stream_message_get_kind (PaddockStreamMessage *self)
{
  g_return_val_if_fail (self != NULL, PADDOCK_STREAM_MESSAGE_UNKNOWN);

  return self->kind;
}

/**
 * paddock_stream_message_get_stream:
 *
 * Returns: the stream's name as sent, such as "trade_updates"
 */
const char *
paddock_stream_message_get_stream (PaddockStreamMessage *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->stream;
}

/**
 * paddock_stream_message_get_data:
 *
 * Returns: (nullable) (transfer none): the `data` member as sent, or %NULL without one
 */
JsonNode *
paddock_stream_message_get_data (PaddockStreamMessage *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->data;
}

/**
 * paddock_stream_message_get_authorization:
 *
 * Returns: the status of an authorization message; UNKNOWN for other messages and for a
 *   status this version does not know (see paddock_stream_message_get_status_code())
 */
PaddockStreamAuthorization
paddock_stream_message_get_authorization (PaddockStreamMessage *self)
{
  g_return_val_if_fail (self != NULL, PADDOCK_STREAM_AUTHORIZATION_UNKNOWN);

  return self->authorization;
}

/**
 * paddock_stream_message_get_status_code:
 *
 * Returns: (nullable): the status of an authorization message as sent
 */
const char *
paddock_stream_message_get_status_code (PaddockStreamMessage *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->status_code;
}

/**
 * paddock_stream_message_get_action:
 *
 * Returns: (nullable): what an authorization message answers ("authenticate", "listen")
 */
const char *
paddock_stream_message_get_action (PaddockStreamMessage *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->action;
}

/**
 * paddock_stream_message_get_streams:
 *
 * Returns: (nullable) (array zero-terminated=1): the streams a listening message lists
 */
const char * const *
paddock_stream_message_get_streams (PaddockStreamMessage *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return (const char * const *) self->streams;
}

/**
 * paddock_stream_message_get_trade_update:
 *
 * Returns: (nullable) (transfer none): the event of a trade_updates message
 */
PaddockTradeUpdate *
paddock_stream_message_get_trade_update (PaddockStreamMessage *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->trade_update;
}
