/* test-hostile-server.c: PaddockClient and the token exchange against a server that means
 * harm: replies nested 100,000 deep, endless and dripping bodies, a gzip bomb, huge
 * Retry-After and X-Ratelimit-Reset values, redirects, a token with CR/LF in it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The server is a raw socket on 127.0.0.1 served by its own thread with blocking I/O, so it
 * can do what no well-behaved HTTP library would. Every address is loopback.
 */
#include "config.h"

#include <string.h>
#include <sys/resource.h>

#include "paddock-client.h"
#include "paddock-credentials.h"
#include "paddock-endpoints.h"
#include "paddock-error.h"
#include "paddock-http.h"
#include "paddock-oauth-app.h"
#include "paddock-oauth-flow.h"
#include "paddock-test-utils.h"

#define CLIENT_ID "paddock-hostile-test"
#define CLIENT_SECRET "hostile-test-secret-1234567890"
#define DEEP 100000

/* ---- the hostile server ----------------------------------------------------------------- */

typedef enum {
  REPLY_FIXED,        /* status, headers, body, then close */
  REPLY_ENDLESS,      /* a chunked body that never ends */
  REPLY_DRIP,         /* Content-Length: 1000, then one byte every drip_ms */
  REPLY_DRIP_HEADERS, /* the status line, then the headers one byte every drip_ms */
} ReplyKind;

typedef struct
{
  ReplyKind kind;
  guint status;
  char *headers;      /* extra header lines, each ending in \r\n */
  GBytes *body;
  guint drip_ms;
} Behaviour;

typedef struct
{
  GSocket *listener;
  guint16 port;
  GThread *thread;
  GCancellable *cancellable;
  GMutex lock;
  GPtrArray *requests;      /* request lines, "GET /path HTTP/1.1" */
  Behaviour behaviour;
  gint64 bytes_sent;
} Hostile;

static gboolean
send_all (Hostile    *h,
          GSocket    *conn,
          const void *data,
          gsize       len)
{
  const char *p = data;

  while (len > 0)
    {
      gssize n = g_socket_send (conn, p, len, h->cancellable, NULL);

      if (n <= 0)
        return FALSE;
      p += n;
      len -= (gsize) n;
      g_mutex_lock (&h->lock);
      h->bytes_sent += n;
      g_mutex_unlock (&h->lock);
    }
  return TRUE;
}

static gboolean
send_str (Hostile    *h,
          GSocket    *conn,
          const char *text)
{
  return send_all (h, conn, text, strlen (text));
}

/* Waits @ms, or less when the server is stopped; FALSE once it is. */
static gboolean
nap (Hostile *h,
     guint    ms)
{
  for (guint i = 0; i < ms; i += 10)
    {
      if (g_cancellable_is_cancelled (h->cancellable))
        return FALSE;
      g_usleep (10 * 1000);
    }
  return !g_cancellable_is_cancelled (h->cancellable);
}

/* Reads the request head and any body; returns the head or NULL. */
static char *
read_request (Hostile *h,
              GSocket *conn)
{
  GString *in = g_string_new (NULL);
  char buf[4096];
  const char *end;
  const char *cl;
  gsize want = 0;

  while ((end = strstr (in->str, "\r\n\r\n")) == NULL)
    {
      gssize n = g_socket_receive (conn, buf, sizeof buf, h->cancellable, NULL);

      if (n <= 0 || in->len > 65536)
        return g_string_free (in, TRUE), NULL;
      g_string_append_len (in, buf, n);
    }

  {
    g_autofree char *lower = g_ascii_strdown (in->str, end - in->str);

    cl = strstr (lower, "\r\ncontent-length:");
    if (cl != NULL)
      want = (gsize) g_ascii_strtoull (cl + strlen ("\r\ncontent-length:"), NULL, 10);
  }
  want += (gsize) (end - in->str) + 4;
  while (in->len < want)
    {
      gssize n = g_socket_receive (conn, buf, MIN (sizeof buf, want - in->len), h->cancellable,
                                   NULL);

      if (n <= 0)
        break;
      g_string_append_len (in, buf, n);
    }
  g_string_truncate (in, (gsize) (end - in->str));
  return g_string_free (in, FALSE);
}

/* The test plays the browser: the "authorize" endpoint sends it straight back to the
 * redirect URI with a code and the state it was given. */
static void
serve_authorize (Hostile    *h,
                 GSocket    *conn,
                 const char *target)
{
  const char *q = strchr (target, '?');
  g_autoptr (GHashTable) params = q ? soup_form_decode (q + 1) : NULL;
  const char *redirect = params ? g_hash_table_lookup (params, "redirect_uri") : NULL;
  const char *state = params ? g_hash_table_lookup (params, "state") : NULL;
  g_autofree char *state_enc = g_uri_escape_string (state ? state : "", NULL, FALSE);
  g_autofree char *reply = NULL;

  reply = g_strdup_printf ("HTTP/1.1 302 Found\r\nLocation: %s?code=hostile-code&state=%s\r\n"
                           "Content-Length: 0\r\nConnection: close\r\n\r\n",
                           redirect ? redirect : "/", state_enc);
  send_str (h, conn, reply);
}

static void
serve (Hostile *h,
       GSocket *conn)
{
  g_autofree char *head = read_request (h, conn);
  g_auto (GStrv) words = NULL;
  g_autofree char *status_line = NULL;
  g_autofree char *headers = NULL;
  g_autoptr (GBytes) body = NULL;
  Behaviour copy;
  Behaviour *b = &copy;

  if (head == NULL)
    return;
  words = g_strsplit (head, " ", 3);
  if (g_strv_length (words) < 2)
    return;

  if (g_str_has_prefix (words[1], "/oauth/authorize"))
    {
      serve_authorize (h, conn, words[1]);
      return;
    }

  g_mutex_lock (&h->lock);
  g_ptr_array_add (h->requests, g_strdup_printf ("%s %s", words[0], words[1]));
  copy = h->behaviour;
  copy.headers = headers = g_strdup (h->behaviour.headers);
  copy.body = body = h->behaviour.body ? g_bytes_ref (h->behaviour.body) : NULL;
  g_mutex_unlock (&h->lock);

  status_line = g_strdup_printf ("HTTP/1.1 %u Hostile\r\n", b->status);
  switch (b->kind)
    {
    case REPLY_FIXED:
      {
        gsize len = b->body ? g_bytes_get_size (b->body) : 0;
        g_autofree char *rest = g_strdup_printf ("%sContent-Length: %" G_GSIZE_FORMAT "\r\n"
                                                 "Connection: close\r\n\r\n",
                                                 b->headers ? b->headers : "", len);

        if (send_str (h, conn, status_line) && send_str (h, conn, rest) && len > 0)
          send_all (h, conn, g_bytes_get_data (b->body, NULL), len);
      }
      break;

    case REPLY_ENDLESS:
      {
        g_autofree char *chunk = g_malloc (65536 + 16);
        gsize n = 0;

        n += (gsize) g_snprintf (chunk, 16, "%x\r\n", 65536);
        memset (chunk + n, '[', 65536);
        n += 65536;
        memcpy (chunk + n, "\r\n", 2);
        n += 2;
        if (!send_str (h, conn, status_line) ||
            !send_str (h, conn, "Content-Type: application/json\r\n"
                                "Transfer-Encoding: chunked\r\n\r\n"))
          break;
        while (send_all (h, conn, chunk, n))
          ;
      }
      break;

    case REPLY_DRIP:
      if (!send_str (h, conn, status_line) ||
          !send_str (h, conn, "Content-Type: application/json\r\nContent-Length: 1000\r\n"
                              "Connection: close\r\n\r\n"))
        break;
      for (guint i = 0; i < 1000 && nap (h, b->drip_ms); i++)
        if (!send_str (h, conn, " "))
          break;
      break;

    case REPLY_DRIP_HEADERS:
      if (!send_str (h, conn, status_line))
        break;
      for (guint i = 0; i < 1000 && nap (h, b->drip_ms); i++)
        if (!send_str (h, conn, "X"))
          break;
      break;
    }
}

static gpointer
server_thread (gpointer data)
{
  Hostile *h = data;

  for (;;)
    {
      g_autoptr (GSocket) conn = g_socket_accept (h->listener, h->cancellable, NULL);

      if (conn == NULL)
        break;
      g_socket_set_timeout (conn, 30);
      serve (h, conn);
      g_socket_shutdown (conn, FALSE, TRUE, NULL);
      g_socket_close (conn, NULL);
    }
  return NULL;
}

static Hostile *
hostile_new (void)
{
  Hostile *h = g_new0 (Hostile, 1);
  g_autoptr (GInetAddress) lo = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr (GSocketAddress) any = g_inet_socket_address_new (lo, 0);
  g_autoptr (GSocketAddress) bound = NULL;
  g_autoptr (GError) error = NULL;

  g_mutex_init (&h->lock);
  h->requests = g_ptr_array_new_with_free_func (g_free);
  h->cancellable = g_cancellable_new ();
  h->behaviour.status = 200;
  h->listener = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                              G_SOCKET_PROTOCOL_TCP, &error);
  g_assert_no_error (error);
  g_assert_true (g_socket_bind (h->listener, any, TRUE, &error));
  g_assert_true (g_socket_listen (h->listener, &error));
  g_assert_no_error (error);
  bound = g_socket_get_local_address (h->listener, &error);
  g_assert_no_error (error);
  h->port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  h->thread = g_thread_new ("hostile-server", server_thread, h);
  return h;
}

static void
hostile_free (Hostile *h)
{
  g_cancellable_cancel (h->cancellable);
  g_thread_join (h->thread);
  g_socket_close (h->listener, NULL);
  g_object_unref (h->listener);
  g_object_unref (h->cancellable);
  g_ptr_array_unref (h->requests);
  g_free (h->behaviour.headers);
  g_clear_pointer (&h->behaviour.body, g_bytes_unref);
  g_mutex_clear (&h->lock);
  g_free (h);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Hostile, hostile_free)

static void
hostile_set (Hostile    *h,
             ReplyKind   kind,
             guint       status,
             const char *headers,
             GBytes     *body)
{
  g_mutex_lock (&h->lock);
  h->behaviour.kind = kind;
  h->behaviour.status = status;
  g_free (h->behaviour.headers);
  h->behaviour.headers = g_strdup (headers);
  g_clear_pointer (&h->behaviour.body, g_bytes_unref);
  h->behaviour.body = body ? g_bytes_ref (body) : NULL;
  h->behaviour.drip_ms = 500;
  g_mutex_unlock (&h->lock);
}

static guint
hostile_count (Hostile    *h,
               const char *prefix)
{
  guint n = 0;

  g_mutex_lock (&h->lock);
  for (guint i = 0; i < h->requests->len; i++)
    if (prefix == NULL || g_str_has_prefix (g_ptr_array_index (h->requests, i), prefix))
      n++;
  g_mutex_unlock (&h->lock);
  return n;
}

static gint64
hostile_bytes_sent (Hostile *h)
{
  gint64 n;

  g_mutex_lock (&h->lock);
  n = h->bytes_sent;
  g_mutex_unlock (&h->lock);
  return n;
}

static char *
hostile_url (Hostile    *h,
             const char *path)
{
  return g_strdup_printf ("http://127.0.0.1:%u%s", h->port, path);
}

static GBytes *
deep_json (guint depth)
{
  GString *s = g_string_sized_new (depth * 2);

  for (guint i = 0; i < depth; i++)
    g_string_append_c (s, '[');
  for (guint i = 0; i < depth; i++)
    g_string_append_c (s, ']');
  return g_string_free_to_bytes (s);
}

/* ---- running client requests ------------------------------------------------------------ */

typedef struct
{
  JsonNode *node;
  GError *error;
  guint attempts;
  gboolean done;
} Run;

static void
attempt_cb (PaddockClient *client,
            const char    *method,
            const char    *path,
            guint          attempt,
            Run           *run)
{
  run->attempts++;
}

static void
request_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Run *run = user_data;

  run->node = paddock_client_request_finish (PADDOCK_CLIENT (object), result, &run->error);
  run->done = TRUE;
}

static void
run_request (PaddockClient *client,
             const char    *method,
             const char    *path,
             Run           *run)
{
  g_autoptr (JsonNode) body = NULL;
  gulong handler;

  if (!g_str_equal (method, "GET"))
    body = json_from_string ("{\"symbol\":\"AAPL\"}", NULL);
  handler = g_signal_connect (client, "attempt", G_CALLBACK (attempt_cb), run);
  paddock_client_request_async (client, method, path, NULL, body, PADDOCK_REQUEST_DEFAULT, NULL,
                                request_cb, run);
  paddock_test_wait_flag (&run->done, "the call to finish");
  g_signal_handler_disconnect (client, handler);
}

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->node, json_node_unref);
  g_clear_error (&run->error);
  run->attempts = 0;
  run->done = FALSE;
}

static PaddockClient *
new_client (Hostile *h)
{
  g_autofree char *base = hostile_url (h, "/paper");
  PaddockClient *client = paddock_client_new (base, "hostile-test-token");

  paddock_client_set_retry_policy (client, 3, 20, 200);
  return client;
}

/* ---- JSON nested 100,000 deep ----------------------------------------------------------- */

static void
test_deep_reply (void)
{
  g_autoptr (Hostile) h = hostile_new ();
  g_autoptr (PaddockClient) client = new_client (h);
  g_autoptr (GBytes) deep = deep_json (DEEP);
  Run run = { 0 };

  hostile_set (h, REPLY_FIXED, 200, "Content-Type: application/json\r\n", deep);
  run_request (client, "GET", "/v2/account", &run);
  g_assert_error (run.error, PADDOCK_ERROR, PADDOCK_ERROR_PROTOCOL);
  g_assert_null (run.node);
  g_assert_cmpuint (run.attempts, ==, 1);
  run_clear (&run);

  /* an error body is only read for its message: the status still decides */
  hostile_set (h, REPLY_FIXED, 401, "Content-Type: application/json\r\n", deep);
  run_request (client, "GET", "/v2/account", &run);
  g_assert_error (run.error, PADDOCK_ERROR, PADDOCK_ERROR_NOT_AUTHORIZED);
  g_assert_cmpuint (paddock_error_get_http_status (run.error), ==, 401);
  run_clear (&run);

  /* a shallow one keeps working */
  {
    const char *text = "{\"code\":40110000,\"message\":\"nope\"}";
    g_autoptr (GBytes) fine = g_bytes_new_static (text, strlen (text));

    hostile_set (h, REPLY_FIXED, 401, "Content-Type: application/json\r\n", fine);
    run_request (client, "GET", "/v2/account", &run);
    g_assert_error (run.error, PADDOCK_ERROR, PADDOCK_ERROR_NOT_AUTHORIZED);
    g_assert_cmpstr (run.error->message, ==, "nope");
    g_assert_cmpint (paddock_error_get_api_code (run.error), ==, 40110000);
    run_clear (&run);
  }
}

/* ---- bodies without end ----------------------------------------------------------------- */

static void
test_endless_body (void)
{
  g_autoptr (Hostile) h = hostile_new ();
  g_autoptr (PaddockClient) client = new_client (h);
  Run run = { 0 };

  hostile_set (h, REPLY_ENDLESS, 200, NULL, NULL);
  g_object_set (client, "max-bytes", (guint64) 1024 * 1024, NULL);
  run_request (client, "GET", "/v2/orders", &run);
  g_assert_error (run.error, PADDOCK_ERROR, PADDOCK_ERROR_PROTOCOL);
  g_assert_cmpuint (run.attempts, ==, 1);  /* too large is not asked again */
  /* what the server could push: the cap plus what the sockets' buffers hold */
  g_assert_cmpint (hostile_bytes_sent (h), <, 64 * 1024 * 1024);
  run_clear (&run);
}

static void
test_endless_body_default_cap (void)
{
  g_autoptr (Hostile) h = hostile_new ();
  g_autoptr (PaddockClient) client = new_client (h);
  guint64 max_bytes = 0;
  Run run = { 0 };

  g_object_get (client, "max-bytes", &max_bytes, NULL);
  g_assert_cmpuint (max_bytes, ==, PADDOCK_HTTP_MAX_BYTES);
  hostile_set (h, REPLY_ENDLESS, 200, NULL, NULL);
  run_request (client, "GET", "/v2/orders", &run);
  g_assert_error (run.error, PADDOCK_ERROR, PADDOCK_ERROR_PROTOCOL);
  g_assert_cmpint (hostile_bytes_sent (h), >, PADDOCK_HTTP_MAX_BYTES);
  g_assert_cmpint (hostile_bytes_sent (h), <, PADDOCK_HTTP_MAX_BYTES + 64 * 1024 * 1024);
  run_clear (&run);
}

static GBytes *
gzip_zeros (gsize total)
{
  g_autoptr (GOutputStream) mem = g_memory_output_stream_new_resizable ();
  g_autoptr (GZlibCompressor) compressor = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP, 9);
  g_autoptr (GOutputStream) out = g_converter_output_stream_new (mem, G_CONVERTER (compressor));
  g_autofree guint8 *zeros = g_malloc0 (1024 * 1024);
  g_autoptr (GError) error = NULL;

  for (gsize done = 0; done < total; done += 1024 * 1024)
    {
      g_output_stream_write_all (out, zeros, 1024 * 1024, NULL, NULL, &error);
      g_assert_no_error (error);
    }
  g_output_stream_close (out, NULL, &error);
  g_assert_no_error (error);
  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (mem));
}

static GBytes *
gzip_text (const char *text)
{
  g_autoptr (GZlibCompressor) compressor = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP, 9);
  g_autoptr (GOutputStream) mem = g_memory_output_stream_new_resizable ();
  g_autoptr (GOutputStream) out = g_converter_output_stream_new (mem, G_CONVERTER (compressor));

  g_assert_true (g_output_stream_write_all (out, text, strlen (text), NULL, NULL, NULL));
  g_assert_true (g_output_stream_close (out, NULL, NULL));
  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (mem));
}

static glong
peak_rss_kb (void)
{
  struct rusage usage;

  g_assert_cmpint (getrusage (RUSAGE_SELF, &usage), ==, 0);
  return usage.ru_maxrss;
}

/* 64 MB of zeros, sent as 64 KB of gzip: the decoded bytes are what is counted, so reading
 * stops at the cap and the 64 MB never exist in memory. Runs in a fresh process so that
 * its peak memory is its own. */
static void
test_gzip_bomb (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr (Hostile) h = hostile_new ();
      g_autoptr (PaddockClient) client = new_client (h);
      g_autoptr (GBytes) bomb = gzip_zeros (64 * 1024 * 1024);
      g_autoptr (GBytes) small = gzip_text ("{\"ok\":true}");
      Run run = { 0 };
      glong before;

      g_assert_cmpuint (g_bytes_get_size (bomb), <, 1024 * 1024);
      g_object_set (client, "max-bytes", (guint64) 1024 * 1024, NULL);

      /* gzip is decoded: a small compressed reply arrives as its JSON */
      hostile_set (h, REPLY_FIXED, 200, "Content-Type: application/json\r\n"
                                        "Content-Encoding: gzip\r\n", small);
      run_request (client, "GET", "/v2/account", &run);
      g_assert_no_error (run.error);
      g_assert_true (JSON_NODE_HOLDS_OBJECT (run.node));
      run_clear (&run);

      before = peak_rss_kb ();
      hostile_set (h, REPLY_FIXED, 200, "Content-Type: application/json\r\n"
                                        "Content-Encoding: gzip\r\n", bomb);
      run_request (client, "GET", "/v2/account", &run);
      g_assert_error (run.error, PADDOCK_ERROR, PADDOCK_ERROR_PROTOCOL);
      g_assert_cmpuint (run.attempts, ==, 1);
      g_assert_cmpint (peak_rss_kb () - before, <, 32 * 1024);
      run_clear (&run);
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

/* ---- slow servers and the deadline ------------------------------------------------------ */

static void
test_drip (void)
{
  const ReplyKind kinds[] = { REPLY_DRIP, REPLY_DRIP_HEADERS };

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      g_autoptr (Hostile) h = hostile_new ();
      g_autoptr (PaddockClient) client = new_client (h);
      guint deadline = 0;
      Run run = { 0 };

      g_object_get (client, "deadline-ms", &deadline, NULL);
      g_assert_cmpuint (deadline, ==, PADDOCK_HTTP_DEADLINE_MS);

      /* one byte every 500 ms keeps the session's idle timeout happy for 500 s */
      hostile_set (h, kinds[i], 200, NULL, NULL);
      g_object_set (client, "deadline-ms", 2000, NULL);
      run_request (client, "GET", "/v2/account", &run);
      g_assert_error (run.error, PADDOCK_ERROR, PADDOCK_ERROR_NETWORK);
      g_assert_cmpuint (run.attempts, ==, 1);
      run_clear (&run);
    }
}

static void
test_deadline_covers_retries (void)
{
  g_autoptr (Hostile) h = hostile_new ();
  g_autoptr (PaddockClient) client = new_client (h);
  Run run = { 0 };

  /* 503 with Retry-After: 2, a retry budget of 100: only the deadline can end it */
  paddock_client_set_retry_policy (client, 100, 20, 200);
  g_object_set (client, "deadline-ms", 3000, NULL);
  hostile_set (h, REPLY_FIXED, 503, "Retry-After: 2\r\n", NULL);
  run_request (client, "GET", "/v2/account", &run);
  g_assert_error (run.error, PADDOCK_ERROR, PADDOCK_ERROR_RATE_LIMITED);
  g_assert_cmpuint (run.attempts, >=, 1);
  g_assert_cmpuint (run.attempts, <=, 2);
  run_clear (&run);
}

/* ---- waits the server asks for ---------------------------------------------------------- */

static void
test_retry_after_huge (void)
{
  const char *headers[] = {
    "Retry-After: 9223372036854775807\r\n",
    "Retry-After: 120\r\n",
    "X-Ratelimit-Remaining: 0\r\nX-Ratelimit-Reset: 9223372036854775807\r\n",
  };

  for (guint i = 0; i < G_N_ELEMENTS (headers); i++)
    {
      g_autoptr (Hostile) h = hostile_new ();
      g_autoptr (PaddockClient) client = new_client (h);
      gint64 started = g_get_monotonic_time ();
      Run run = { 0 };

      /* a wait past the deadline (60 s by default) ends the call at once */
      hostile_set (h, REPLY_FIXED, 429, headers[i], NULL);
      run_request (client, "GET", "/v2/account", &run);
      g_assert_error (run.error, PADDOCK_ERROR, PADDOCK_ERROR_RATE_LIMITED);
      g_assert_cmpuint (paddock_error_get_http_status (run.error), ==, 429);
      g_assert_cmpuint (run.attempts, ==, 1);
      g_assert_cmpint (g_get_monotonic_time () - started, <, 30 * G_USEC_PER_SEC);
      run_clear (&run);
    }
}

static void
test_ratelimit_reset_huge (void)
{
  const char *resets[] = { "9223372036854775807", "-9223372036854775808", "99999999999999999999" };

  for (guint i = 0; i < G_N_ELEMENTS (resets); i++)
    {
      g_autoptr (Hostile) h = hostile_new ();
      g_autoptr (PaddockClient) client = new_client (h);
      g_autofree char *headers = g_strdup_printf ("X-Ratelimit-Limit: 200\r\n"
                                                  "X-Ratelimit-Remaining: 0\r\n"
                                                  "X-Ratelimit-Reset: %s\r\n", resets[i]);
      g_autoptr (GBytes) ok = g_bytes_new_static ("{}", 2);
      Run run = { 0 };

      hostile_set (h, REPLY_FIXED, 200, headers, ok);
      run_request (client, "GET", "/v2/account", &run);
      g_assert_no_error (run.error);
      run_clear (&run);

      run_request (client, "GET", "/v2/account", &run);
      if (resets[i][0] == '-')
        {
          /* a reset in the past is no reason to wait */
          g_assert_no_error (run.error);
          g_assert_cmpuint (hostile_count (h, NULL), ==, 2);
        }
      else
        {
          /* the window is used up until after the deadline: refused without asking */
          g_assert_error (run.error, PADDOCK_ERROR, PADDOCK_ERROR_RATE_LIMITED);
          g_assert_cmpuint (run.attempts, ==, 0);
          g_assert_cmpuint (hostile_count (h, NULL), ==, 1);
        }
      run_clear (&run);
    }
}

/* ---- redirects -------------------------------------------------------------------------- */

static void
test_redirect_refused (void)
{
  const char *methods[] = { "GET", "POST", "DELETE" };
  g_autoptr (Hostile) elsewhere = hostile_new ();

  for (guint i = 0; i < G_N_ELEMENTS (methods); i++)
    {
      const guint statuses[] = { 301, 302, 307, 308 };

      for (guint j = 0; j < G_N_ELEMENTS (statuses); j++)
        {
          g_autoptr (Hostile) h = hostile_new ();
          g_autoptr (PaddockClient) client = new_client (h);
          g_autofree char *target = hostile_url (elsewhere, "/paper/v2/account");
          g_autofree char *headers = g_strdup_printf ("Location: %s\r\n", target);
          Run run = { 0 };

          hostile_set (h, REPLY_FIXED, statuses[j], headers, NULL);
          run_request (client, methods[i], "/v2/account", &run);
          g_assert_error (run.error, PADDOCK_ERROR, PADDOCK_ERROR_PROTOCOL);
          g_assert_cmpuint (paddock_error_get_http_status (run.error), ==, statuses[j]);
          g_assert_cmpuint (run.attempts, ==, 1);
          g_assert_cmpuint (hostile_count (h, NULL), ==, 1);
          run_clear (&run);
        }
    }
  g_assert_cmpuint (hostile_count (elsewhere, NULL), ==, 0);
}

/* ---- the token the client sends --------------------------------------------------------- */

static void
test_invalid_token_not_sent (void)
{
  const char *tokens[] = { "abc\r\nX-Injected: 1", "abc\n", "abc def", "", NULL };
  g_autoptr (Hostile) h = hostile_new ();
  g_autofree char *base = hostile_url (h, "/paper");

  for (guint i = 0; i < G_N_ELEMENTS (tokens); i++)
    {
      g_autoptr (PaddockClient) client = paddock_client_new (base, tokens[i]);
      Run run = { 0 };

      run_request (client, "GET", "/v2/account", &run);
      g_assert_error (run.error, PADDOCK_ERROR, PADDOCK_ERROR_NOT_AUTHORIZED);
      g_assert_cmpuint (run.attempts, ==, 0);
      run_clear (&run);
    }
  g_assert_cmpuint (hostile_count (h, NULL), ==, 0);
}

/* ---- the token exchange ----------------------------------------------------------------- */

typedef struct
{
  Hostile *h;
  PaddockEndpoints *endpoints;
  PaddockOAuthApp *app;
  PaddockOAuthFlow *flow;
  GPtrArray *result;
  GError *error;
  gboolean done;
  char *browser_url;
  guint browser_status;
} Flow;

static void
free_ports (guint16 *ports,
            gsize    n)
{
  g_autoptr (GPtrArray) sockets = g_ptr_array_new_with_free_func (g_object_unref);

  for (gsize i = 0; i < n; i++)
    {
      g_autoptr (GInetAddress) lo = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
      g_autoptr (GSocketAddress) any = g_inet_socket_address_new (lo, 0);
      g_autoptr (GSocketAddress) bound = NULL;
      GSocket *socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                      G_SOCKET_PROTOCOL_TCP, NULL);

      g_assert_true (g_socket_bind (socket, any, FALSE, NULL));
      bound = g_socket_get_local_address (socket, NULL);
      ports[i] = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
      g_ptr_array_add (sockets, socket);
    }
}

static void
flow_setup (Flow          *f,
            gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *authorize = NULL;
  g_autofree char *live = NULL;
  g_autofree char *paper = NULL;
  g_autofree char *data_url = NULL;
  g_autofree char *polygon = NULL;
  static const char *scopes[] = { "account:write", "trading", "data", NULL };
  guint16 ports[2];

  f->h = hostile_new ();
  authorize = hostile_url (f->h, "/oauth/authorize");
  live = hostile_url (f->h, "/live");
  paper = hostile_url (f->h, "/paper");
  data_url = hostile_url (f->h, "/data");
  polygon = hostile_url (f->h, "/polygon");
  f->endpoints = paddock_endpoints_new_for_sandbox (authorize, live, paper, data_url, polygon,
                                                    &error);
  g_assert_no_error (error);
  f->app = paddock_oauth_app_new (CLIENT_ID, CLIENT_SECRET);
  free_ports (ports, G_N_ELEMENTS (ports));
  f->flow = paddock_oauth_flow_new (f->endpoints, f->app, PADDOCK_ENVIRONMENT_PAPER, scopes,
                                    ports, G_N_ELEMENTS (ports));
}

static void
flow_teardown (Flow          *f,
               gconstpointer  data)
{
  g_clear_pointer (&f->result, g_ptr_array_unref);
  g_clear_error (&f->error);
  g_assert_finalize_object (f->flow);
  g_assert_finalize_object (f->endpoints);
  g_assert_finalize_object (f->app);
  g_free (f->browser_url);
  hostile_free (f->h);
}

static void
run_cb (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  Flow *f = user_data;

  f->result = paddock_oauth_flow_run_finish (PADDOCK_OAUTH_FLOW (object), result, &f->error);
  f->done = TRUE;
}

/* The browser: opens the sign-in address and follows the redirects to the receiver. */
static gpointer
browser_thread (gpointer data)
{
  Flow *f = data;
  g_autoptr (GMainContext) context = g_main_context_new ();
  g_autoptr (SoupSession) session = NULL;
  g_autoptr (SoupMessage) msg = NULL;
  g_autoptr (GBytes) body = NULL;

  g_main_context_push_thread_default (context);
  session = soup_session_new ();
  msg = soup_message_new ("GET", f->browser_url);
  body = soup_session_send_and_read (session, msg, NULL, NULL);
  f->browser_status = soup_message_get_status (msg);
  g_clear_object (&msg);
  g_clear_object (&session);
  g_main_context_pop_thread_default (context);
  return NULL;
}

/* Signs in against the hostile server, whose token endpoint does what the test set. */
static void
flow_run (Flow *f)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GThread) thread = NULL;

  g_assert_true (paddock_oauth_flow_start (f->flow, &error));
  g_assert_no_error (error);
  paddock_oauth_flow_run_async (f->flow, NULL, run_cb, f);
  f->browser_url = g_strdup (paddock_oauth_flow_get_authorize_url (f->flow));
  thread = g_thread_new ("browser", browser_thread, f);
  paddock_test_wait_flag (&f->done, "the sign-in to finish");
  g_thread_join (g_steal_pointer (&thread));
  g_assert_cmpuint (f->browser_status, ==, 200);
  g_assert_null (f->result);
  g_assert_cmpuint (hostile_count (f->h, "POST /live/oauth/token"), ==, 1);
}

static void
test_token_deep (Flow          *f,
                 gconstpointer  data)
{
  g_autoptr (GBytes) deep = deep_json (DEEP);

  g_object_set (f->flow, "token-max-bytes", (guint64) PADDOCK_HTTP_MAX_BYTES, NULL);
  hostile_set (f->h, REPLY_FIXED, 200, "Content-Type: application/json\r\n", deep);
  flow_run (f);
  g_assert_error (f->error, PADDOCK_ERROR, PADDOCK_ERROR_PROTOCOL);
  g_assert_cmpuint (hostile_count (f->h, NULL), ==, 1);
}

static void
test_token_error_deep (Flow          *f,
                       gconstpointer  data)
{
  g_autoptr (GBytes) deep = deep_json (DEEP);

  g_object_set (f->flow, "token-max-bytes", (guint64) PADDOCK_HTTP_MAX_BYTES, NULL);
  hostile_set (f->h, REPLY_FIXED, 400, "Content-Type: application/json\r\n", deep);
  flow_run (f);
  g_assert_error (f->error, PADDOCK_ERROR, PADDOCK_ERROR_REJECTED);
  g_assert_cmpuint (paddock_error_get_http_status (f->error), ==, 400);
}

static void
test_token_crlf (Flow          *f,
                 gconstpointer  data)
{
  const char *replies[] = {
    "{\"access_token\":\"abc\\r\\nX-Injected: 1\",\"token_type\":\"bearer\",\"scope\":\"trading\"}",
    "{\"access_token\":\"abc def\",\"token_type\":\"bearer\",\"scope\":\"trading\"}",
  };
  g_autoptr (GBytes) body = g_bytes_new_static (replies[GPOINTER_TO_UINT (data)],
                                                strlen (replies[GPOINTER_TO_UINT (data)]));

  hostile_set (f->h, REPLY_FIXED, 200, "Content-Type: application/json\r\n", body);
  flow_run (f);
  g_assert_error (f->error, PADDOCK_ERROR, PADDOCK_ERROR_PROTOCOL);
  /* the token was never used: no account lookups */
  g_assert_cmpuint (hostile_count (f->h, NULL), ==, 1);
}

static void
test_token_endless (Flow          *f,
                    gconstpointer  data)
{
  guint64 max_bytes = 0;

  g_object_get (f->flow, "token-max-bytes", &max_bytes, NULL);
  g_assert_cmpuint (max_bytes, ==, PADDOCK_HTTP_TOKEN_MAX_BYTES);
  hostile_set (f->h, REPLY_ENDLESS, 200, NULL, NULL);
  flow_run (f);
  g_assert_error (f->error, PADDOCK_ERROR, PADDOCK_ERROR_PROTOCOL);
  g_assert_cmpint (hostile_bytes_sent (f->h), <, 64 * 1024 * 1024);
}

static void
test_token_drip (Flow          *f,
                 gconstpointer  data)
{
  guint deadline = 0;

  g_object_get (f->flow, "token-deadline-ms", &deadline, NULL);
  g_assert_cmpuint (deadline, ==, PADDOCK_HTTP_TOKEN_DEADLINE_MS);
  g_object_set (f->flow, "token-deadline-ms", 1500, NULL);
  hostile_set (f->h, REPLY_DRIP, 200, NULL, NULL);
  flow_run (f);
  g_assert_error (f->error, PADDOCK_ERROR, PADDOCK_ERROR_NETWORK);
}

static void
test_token_redirect (Flow          *f,
                     gconstpointer  data)
{
  g_autoptr (Hostile) elsewhere = hostile_new ();
  g_autofree char *target = hostile_url (elsewhere, "/live/oauth/token");
  g_autofree char *headers = g_strdup_printf ("Location: %s\r\n", target);
  guint status = GPOINTER_TO_UINT (data);

  /* a 302 is followed as a GET, a 307 or 308 would resend the code and client secret */
  hostile_set (f->h, REPLY_FIXED, status, headers, NULL);
  flow_run (f);
  g_assert_error (f->error, PADDOCK_ERROR, PADDOCK_ERROR_PROTOCOL);
  g_assert_cmpuint (paddock_error_get_http_status (f->error), ==, status);
  g_assert_cmpuint (hostile_count (elsewhere, NULL), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/hostile/client/deep-reply", test_deep_reply);
  g_test_add_func ("/hostile/client/endless-body", test_endless_body);
  g_test_add_func ("/hostile/client/endless-body-default-cap", test_endless_body_default_cap);
  g_test_add_func ("/hostile/client/gzip-bomb", test_gzip_bomb);
  g_test_add_func ("/hostile/client/drip", test_drip);
  g_test_add_func ("/hostile/client/deadline-covers-retries", test_deadline_covers_retries);
  g_test_add_func ("/hostile/client/retry-after-huge", test_retry_after_huge);
  g_test_add_func ("/hostile/client/ratelimit-reset-huge", test_ratelimit_reset_huge);
  g_test_add_func ("/hostile/client/redirect-refused", test_redirect_refused);
  g_test_add_func ("/hostile/client/invalid-token-not-sent", test_invalid_token_not_sent);

#define ADD(path, func, data) g_test_add (path, Flow, data, flow_setup, func, flow_teardown)
  ADD ("/hostile/token/deep", test_token_deep, NULL);
  ADD ("/hostile/token/error-deep", test_token_error_deep, NULL);
  ADD ("/hostile/token/crlf", test_token_crlf, GUINT_TO_POINTER (0));
  ADD ("/hostile/token/space", test_token_crlf, GUINT_TO_POINTER (1));
  ADD ("/hostile/token/endless", test_token_endless, NULL);
  ADD ("/hostile/token/drip", test_token_drip, NULL);
  ADD ("/hostile/token/redirect-302", test_token_redirect, GUINT_TO_POINTER (302));
  ADD ("/hostile/token/redirect-307", test_token_redirect, GUINT_TO_POINTER (307));
  ADD ("/hostile/token/redirect-308", test_token_redirect, GUINT_TO_POINTER (308));

  return g_test_run ();
}
