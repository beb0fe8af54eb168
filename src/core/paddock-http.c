/* paddock-http.c: one HTTP exchange, read within a size cap and a deadline
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * soup_session_send_and_read() reads whatever the server sends, for as long as it sends
 * it: an endless chunked body or a gzip bomb fills the memory, and a server that drips one
 * byte just inside the session's idle timeout never ends. Every API and token request
 * therefore goes through paddock_http_send_and_read_async(), which streams the decoded
 * body in chunks, stops at a byte cap (decompressed bytes are what is counted, so
 * decompression is bounded too), ends the exchange at an absolute deadline, and never
 * follows a redirect: a 3xx is an error and the redirected-to server sees nothing.
 */
#define G_LOG_DOMAIN "paddock-http"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "paddock-error.h"
#include "paddock-http.h"

#define CHUNK_SIZE (64 * 1024)

typedef struct
{
  GInputStream *stream;
  GByteArray *body;
  gsize max_bytes;
  guint8 *buffer;
  GCancellable *cancellable;         /* ours: the caller's cancellable and the deadline */
  GCancellable *caller_cancellable;
  gulong cancel_id;
  GSource *deadline_source;
  gint64 deadline_us;
  gboolean timed_out;
} ReadData;

static void
read_data_free (ReadData *data)
{
  if (data->deadline_source != NULL)
    {
      g_source_destroy (data->deadline_source);
      g_source_unref (data->deadline_source);
    }
  if (data->caller_cancellable != NULL && data->cancel_id != 0)
    g_cancellable_disconnect (data->caller_cancellable, data->cancel_id);
  g_clear_object (&data->caller_cancellable);
  if (data->stream != NULL && !g_input_stream_is_closed (data->stream))
    {
      /* closing a body that was not read to its end must not read the rest (it may never
       * end): with our cancellable cancelled, libsoup drops the connection instead */
      g_cancellable_cancel (data->cancellable);
      g_input_stream_close (data->stream, data->cancellable, NULL);
    }
  g_clear_object (&data->stream);
  g_clear_object (&data->cancellable);
  g_clear_pointer (&data->body, g_byte_array_unref);
  g_free (data->buffer);
  g_free (data);
}

static void read_next (GTask *task);

/* The error to hand back for @error, which ended the exchange early. */
static GError *
translate_error (GTask  *task,
                 GError *error)
{
  ReadData *data = g_task_get_task_data (task);
  GCancellable *caller = g_task_get_cancellable (task);

  if (caller != NULL && g_cancellable_is_cancelled (caller))
    {
      g_error_free (error);
      return g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Cancelled"));
    }
  if (data->timed_out)
    {
      g_error_free (error);
      return g_error_new_literal (PADDOCK_ERROR, PADDOCK_ERROR_NETWORK,
                                  _("The server did not send a complete reply in time."));
    }
  return error;
}

/* Ends the exchange before the body's end. */
static void
fail (GTask  *task,
      GError *error)
{
  ReadData *data = g_task_get_task_data (task);

  g_cancellable_cancel (data->cancellable);
  if (data->stream != NULL && !g_input_stream_is_closed (data->stream))
    g_input_stream_close (data->stream, data->cancellable, NULL);
  g_task_return_error (task, error);
}

static gboolean
deadline_cb (gpointer user_data)
{
  ReadData *data = user_data;

  data->timed_out = TRUE;
  g_clear_pointer (&data->deadline_source, g_source_unref);
  g_cancellable_cancel (data->cancellable);

  return G_SOURCE_REMOVE;
}

static void
caller_cancelled_cb (GCancellable *caller,
                     gpointer      user_data)
{
  g_cancellable_cancel (G_CANCELLABLE (user_data));
}

static void
read_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  ReadData *data = g_task_get_task_data (task);
  GError *error = NULL;
  gssize n;

  n = g_input_stream_read_finish (G_INPUT_STREAM (object), result, &error);
  if (n < 0)
    {
      fail (task, translate_error (task, error));
      return;
    }
  if (n == 0)
    {
      g_input_stream_close (data->stream, NULL, NULL);
      g_task_return_pointer (task, g_byte_array_free_to_bytes (g_steal_pointer (&data->body)),
                             (GDestroyNotify) g_bytes_unref);
      return;
    }

  g_byte_array_append (data->body, data->buffer, (guint) n);
  if (data->body->len > data->max_bytes)
    {
      fail (task, g_error_new (PADDOCK_ERROR, PADDOCK_ERROR_PROTOCOL,
                               _("The reply was larger than %lu bytes."),
                               (gulong) data->max_bytes));
      return;
    }

  read_next (g_steal_pointer (&task));
}

static void
read_next (GTask *task)
{
  ReadData *data = g_task_get_task_data (task);
  /* never ask for more than one byte past the cap: the cap is the memory bound */
  gsize want = MIN ((gsize) CHUNK_SIZE, data->max_bytes - data->body->len + 1);

  g_input_stream_read_async (data->stream, data->buffer, want, G_PRIORITY_DEFAULT,
                             data->cancellable, read_cb, task);
}

static void
send_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  ReadData *data = g_task_get_task_data (task);
  SoupMessage *msg = g_task_get_source_object (task);
  GError *error = NULL;
  guint status;

  data->stream = soup_session_send_finish (SOUP_SESSION (object), result, &error);
  if (data->stream == NULL)
    {
      g_task_return_error (task, translate_error (task, error));
      return;
    }

  status = soup_message_get_status (msg);
  if (SOUP_STATUS_IS_REDIRECTION (status))
    {
      error = g_error_new (PADDOCK_ERROR, PADDOCK_ERROR_PROTOCOL,
                           _("The server sent a redirect (%u), which Paddock does not follow."),
                           status);
      paddock_error_set_api_details (error, status, 0);
      fail (g_steal_pointer (&task), error);
      return;
    }

  data->body = g_byte_array_new ();
  data->buffer = g_malloc (CHUNK_SIZE);
  read_next (g_steal_pointer (&task));
}

/**
 * paddock_http_deadline_after:
 * @timeout_ms: how long from now
 *
 * Returns: the monotonic time (g_get_monotonic_time()) @timeout_ms from now, for
 *   paddock_http_send_and_read_async()
 */
gint64
paddock_http_deadline_after (guint timeout_ms)
{
  return g_get_monotonic_time () + (gint64) timeout_ms * 1000;
}

/**
 * paddock_http_send_and_read_async:
 * @session: the session to send on
 * @msg: the request; it gets %SOUP_MESSAGE_NO_REDIRECT
 * @max_bytes: the most body bytes accepted, counted after decompression
 *   (%PADDOCK_HTTP_MAX_BYTES for API replies)
 * @deadline_us: monotonic time by which the whole body must be in, or 0 for none
 * @cancellable: (nullable): a #GCancellable
 *
 * Sends @msg and reads its reply body within the limits. A redirect (3xx) is refused with
 * %PADDOCK_ERROR_PROTOCOL, a body larger than @max_bytes too; passing @deadline_us is
 * %PADDOCK_ERROR_NETWORK; cancelling is %G_IO_ERROR_CANCELLED. Transport errors are handed
 * back as they are (%G_IO_ERROR, %G_TLS_ERROR, …), so that the caller can decide whether
 * to retry. Any other status, 4xx and 5xx included, is a success: read its status from
 * @msg. The callback's source object is @msg.
 */
void
paddock_http_send_and_read_async (SoupSession         *session,
                                  SoupMessage         *msg,
                                  gsize                max_bytes,
                                  gint64               deadline_us,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;
  ReadData *data;

  g_return_if_fail (SOUP_IS_SESSION (session));
  g_return_if_fail (SOUP_IS_MESSAGE (msg));
  g_return_if_fail (max_bytes > 0 && max_bytes < G_MAXUINT - CHUNK_SIZE);

  task = g_task_new (msg, cancellable, callback, user_data);
  g_task_set_source_tag (task, paddock_http_send_and_read_async);

  data = g_new0 (ReadData, 1);
  data->max_bytes = max_bytes;
  data->deadline_us = deadline_us;
  data->cancellable = g_cancellable_new ();
  g_task_set_task_data (task, data, (GDestroyNotify) read_data_free);

  soup_message_add_flags (msg, SOUP_MESSAGE_NO_REDIRECT);

  if (cancellable != NULL)
    {
      data->caller_cancellable = g_object_ref (cancellable);
      data->cancel_id = g_cancellable_connect (cancellable, G_CALLBACK (caller_cancelled_cb),
                                               g_object_ref (data->cancellable),
                                               g_object_unref);
    }

  if (deadline_us > 0)
    {
      gint64 left_ms = (deadline_us - g_get_monotonic_time ()) / 1000;

      if (left_ms <= 0)
        {
          data->timed_out = TRUE;
          g_cancellable_cancel (data->cancellable);
        }
      data->deadline_source = g_timeout_source_new ((guint) CLAMP (left_ms, 0, G_MAXUINT));
      g_source_set_callback (data->deadline_source, deadline_cb, data, NULL);
      g_source_attach (data->deadline_source, g_task_get_context (task));
    }

  soup_session_send_async (session, msg, G_PRIORITY_DEFAULT, data->cancellable, send_cb,
                           g_steal_pointer (&task));
}

/**
 * paddock_http_send_and_read_finish:
 * @msg: the message given to paddock_http_send_and_read_async()
 *
 * Returns: (transfer full): the body (possibly empty), or %NULL with @error set
 */
GBytes *
paddock_http_send_and_read_finish (SoupMessage   *msg,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, msg), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
