/* test-loopback-receiver.c: the loopback redirect listener, over real sockets
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <ifaddrs.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <libsoup/soup.h>

#include "paddock-error.h"
#include "paddock-loopback-receiver.h"
#include "paddock-random.h"
#include "paddock-test-utils.h"

/* ---- helpers: ports ---------------------------------------------------------------- */

static GSocket *
listen_on_loopback (guint16 port)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GInetAddress) lo = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr (GSocketAddress) address = g_inet_socket_address_new (lo, port);
  g_autoptr (GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                             G_SOCKET_PROTOCOL_DEFAULT, &error);

  g_assert_no_error (error);
  g_assert_true (g_socket_bind (socket, address, FALSE, &error));
  g_assert_no_error (error);
  g_assert_true (g_socket_listen (socket, &error));
  g_assert_no_error (error);

  return g_steal_pointer (&socket);
}

static guint16
socket_port (GSocket *socket)
{
  g_autoptr (GSocketAddress) address = g_socket_get_local_address (socket, NULL);

  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (address));
}

/* A port the kernel just handed out and nobody holds, so parallel runs of
 * this test do not collide on fixed numbers. */
static guint16
free_port (void)
{
  g_autoptr (GSocket) socket = listen_on_loopback (0);
  guint16 port = socket_port (socket);

  g_socket_close (socket, NULL);

  return port;
}

static void
assert_port_closed (guint16 port)
{
  g_autoptr (GSocketClient) client = g_socket_client_new ();
  g_autoptr (GInetAddress) lo = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr (GSocketAddress) address = g_inet_socket_address_new (lo, port);
  g_autoptr (GSocketConnection) connection = NULL;
  g_autoptr (GError) error = NULL;

  connection = g_socket_client_connect (client, G_SOCKET_CONNECTABLE (address), NULL, &error);
  g_assert_null (connection);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED);
}

/* ---- helpers: raw HTTP from another thread ---------------------------------------- */

typedef struct {
  guint   status;
  GHashTable *headers;  /* lowercase name → value */
  char   *body;
} Reply;

static void
reply_free (Reply *reply)
{
  g_clear_pointer (&reply->headers, g_hash_table_unref);
  g_free (reply->body);
  g_free (reply);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Reply, reply_free)

typedef struct {
  GSocketAddress *address;
  char           *request;
  GString        *response;
  GError         *error;
  int             done;
  GMainContext   *context;
} Exchange;

/* A blocking client on its own thread: the receiver keeps running on the
 * test's main context meanwhile. */
static gpointer
exchange_thread (gpointer data)
{
  Exchange *x = data;
  g_autoptr (GSocketClient) client = g_socket_client_new ();
  g_autoptr (GSocketConnection) connection = NULL;

  g_socket_client_set_timeout (client, 20);
  connection = g_socket_client_connect (client, G_SOCKET_CONNECTABLE (x->address), NULL,
                                        &x->error);
  if (connection != NULL &&
      g_output_stream_write_all (g_io_stream_get_output_stream (G_IO_STREAM (connection)),
                                 x->request, strlen (x->request), NULL, NULL, &x->error))
    {
      GInputStream *in = g_io_stream_get_input_stream (G_IO_STREAM (connection));
      char buffer[4096];
      gssize n;

      while ((n = g_input_stream_read (in, buffer, sizeof buffer, NULL, &x->error)) > 0)
        g_string_append_len (x->response, buffer, n);
    }

  g_atomic_int_set (&x->done, 1);
  g_main_context_wakeup (x->context);

  return NULL;
}

static Reply *
parse_reply (const char *raw)
{
  g_autoptr (Reply) reply = g_new0 (Reply, 1);
  const char *end = strstr (raw, "\r\n\r\n");
  g_autofree char *head = NULL;
  g_auto (GStrv) lines = NULL;

  g_assert_nonnull (end);
  head = g_strndup (raw, end - raw);
  reply->body = g_strdup (end + 4);
  lines = g_strsplit (head, "\r\n", -1);
  g_assert_true (g_str_has_prefix (lines[0], "HTTP/1."));
  reply->status = (guint) g_ascii_strtoull (lines[0] + 9, NULL, 10);
  reply->headers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint i = 1; lines[i] != NULL; i++)
    {
      const char *colon = strchr (lines[i], ':');

      g_assert_nonnull (colon);
      g_hash_table_insert (reply->headers, g_ascii_strdown (lines[i], colon - lines[i]),
                           g_strstrip (g_strdup (colon + 1)));
    }

  return g_steal_pointer (&reply);
}

static Reply *
exchange_with (GSocketAddress *address,
               const char     *request)
{
  Exchange x = { address, (char *) request, g_string_new (NULL), NULL, 0,
                 g_main_context_default () };
  GThread *thread = g_thread_new ("test-client", exchange_thread, &x);
  g_autoptr (GString) response = NULL;

  while (!g_atomic_int_get (&x.done))
    g_main_context_iteration (NULL, TRUE);
  g_thread_join (thread);

  response = x.response;
  g_assert_no_error (x.error);

  return parse_reply (response->str);
}

/* Sends @method @target with the given Host header (NULL: the right one). */
static Reply *
send_request (guint16     port,
              const char *method,
              const char *target,
              const char *host)
{
  g_autoptr (GInetAddress) lo = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr (GSocketAddress) address = g_inet_socket_address_new (lo, port);
  g_autofree char *right_host = g_strdup_printf ("127.0.0.1:%u", port);
  g_autofree char *request =
    g_strdup_printf ("%s %s HTTP/1.1\r\nHost: %s\r\nContent-Length: 0\r\n"
                     "Connection: close\r\n\r\n", method, target, host ? host : right_host);

  return exchange_with (address, request);
}

static void
assert_safe_headers (Reply *reply)
{
  g_assert_cmpstr (g_hash_table_lookup (reply->headers, "cache-control"), ==, "no-store");
  g_assert_cmpstr (g_hash_table_lookup (reply->headers, "referrer-policy"), ==, "no-referrer");
  g_assert_cmpstr (g_hash_table_lookup (reply->headers, "connection"), ==, "close");
}

/* ---- helpers: the wait ------------------------------------------------------------ */

typedef struct {
  gboolean  done;
  char     *code;
  GError   *error;
} WaitResult;

static void
wait_result_clear (WaitResult *result)
{
  g_clear_pointer (&result->code, g_free);
  g_clear_error (&result->error);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (WaitResult, wait_result_clear)

static void
wait_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  WaitResult *r = user_data;

  g_assert_false (r->done);
  r->code = paddock_loopback_receiver_wait_finish (PADDOCK_LOOPBACK_RECEIVER (source), result,
                                                   &r->error);
  r->done = TRUE;
}

/* Lets pending sources run, to show that nothing ends the wait by itself. */
static void
assert_still_waiting (WaitResult *r)
{
  paddock_test_drain ();
  g_assert_false (r->done);
}

static PaddockLoopbackReceiver *
start_receiver (guint16 *out_port)
{
  const guint16 ports[] = { free_port () };
  g_autoptr (GError) error = NULL;
  PaddockLoopbackReceiver *receiver = paddock_loopback_receiver_new (ports, 1);

  *out_port = paddock_loopback_receiver_start (receiver, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (*out_port, ==, ports[0]);

  return receiver;
}

/* ---- tests ------------------------------------------------------------------------ */

typedef struct {
  GBytes *body;
  GError *error;
  guint   status;
  char   *cache_control;
  char   *referrer_policy;
  char   *connection;
  gboolean done;
} SoupResult;

static void
soup_send_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  SoupResult *r = user_data;
  SoupMessage *msg = soup_session_get_async_result_message (SOUP_SESSION (source), result);
  SoupMessageHeaders *headers = soup_message_get_response_headers (msg);

  r->body = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &r->error);
  r->status = soup_message_get_status (msg);
  r->cache_control = g_strdup (soup_message_headers_get_one (headers, "Cache-Control"));
  r->referrer_policy = g_strdup (soup_message_headers_get_one (headers, "Referrer-Policy"));
  r->connection = g_strdup (soup_message_headers_get_one (headers, "Connection"));
  r->done = TRUE;
}

static void
test_success (void)
{
  g_autofree char *state = paddock_random_state ();
  g_autoptr (PaddockLoopbackReceiver) receiver = NULL;
  g_autoptr (SoupSession) session = soup_session_new_with_options ("proxy-resolver", NULL, NULL);
  g_autoptr (SoupMessage) msg = NULL;
  g_autofree char *expected_uri = NULL;
  g_autofree char *url = NULL;
  g_autofree char *uri_prop = NULL;
  g_autofree char *body = NULL;
  g_auto (WaitResult) result = { 0, };
  SoupResult sr = { 0, };
  guint16 port;
  guint port_prop;

  receiver = start_receiver (&port);
  expected_uri = g_strdup_printf ("http://127.0.0.1:%u/callback", port);
  g_assert_cmpstr (paddock_loopback_receiver_get_redirect_uri (receiver), ==, expected_uri);
  g_assert_cmpuint (paddock_loopback_receiver_get_port (receiver), ==, port);
  g_object_get (receiver, "port", &port_prop, "redirect-uri", &uri_prop, NULL);
  g_assert_cmpuint (port_prop, ==, port);
  g_assert_cmpstr (uri_prop, ==, expected_uri);
  /* starting again is harmless and keeps the port */
  g_assert_cmpuint (paddock_loopback_receiver_start (receiver, NULL), ==, port);

  paddock_loopback_receiver_wait_async (receiver, state, NULL, wait_cb, &result);

  /* a browser-like client: libsoup's async API on the same main context */
  url = g_strdup_printf ("%s?code=a%%2Fcode-42&state=%s", expected_uri, state);
  msg = soup_message_new ("GET", url);
  soup_session_send_and_read_async (session, msg, G_PRIORITY_DEFAULT, NULL, soup_send_cb, &sr);
  while (!sr.done)
    g_main_context_iteration (NULL, TRUE);

  g_assert_no_error (sr.error);
  g_assert_cmpuint (sr.status, ==, 200);
  g_assert_cmpstr (sr.cache_control, ==, "no-store");
  g_assert_cmpstr (sr.referrer_policy, ==, "no-referrer");
  g_assert_cmpstr (sr.connection, ==, "close");
  body = g_strndup (g_bytes_get_data (sr.body, NULL), g_bytes_get_size (sr.body));
  g_assert_nonnull (strstr (body, "You can close this tab and return to Paddock"));
  g_assert_null (strstr (body, state));
  g_assert_null (strstr (body, "code-42"));

  paddock_test_wait_flag (&result.done, "the receiver's wait to end");
  g_assert_no_error (result.error);
  g_assert_cmpstr (result.code, ==, "a/code-42");

  assert_port_closed (port);

  g_bytes_unref (sr.body);
  g_free (sr.cache_control);
  g_free (sr.referrer_policy);
  g_free (sr.connection);
  g_assert_finalize_object (g_steal_pointer (&receiver));
}

static void
test_rejects_and_continues (void)
{
  g_autofree char *state = paddock_random_state ();
  g_autofree char *other_state = paddock_random_state ();
  g_autoptr (PaddockLoopbackReceiver) receiver = NULL;
  g_auto (WaitResult) result = { 0, };
  g_autofree char *good = NULL;
  g_autofree char *wrong_state = NULL;
  g_autofree char *short_state = NULL;
  g_autofree char *twice = NULL;
  g_autofree char *error_wrong_state = NULL;
  g_autofree char *no_code = NULL;
  g_autofree char *host_no_port = NULL;
  g_autofree char *host_localhost = NULL;
  g_autofree char *host_v6 = NULL;
  g_autofree char *host_other_port = NULL;
  guint16 port;
  const struct {
    const char *method;
    const char **target;
    const char **host;
    guint status;
  } cases[] = {
    { "GET", (const char **) &wrong_state, NULL, 400 },
    { "GET", (const char **) &short_state, NULL, 400 },
    { "GET", (const char **) &twice, NULL, 400 },
    { "GET", (const char **) &error_wrong_state, NULL, 400 },
    { "GET", (const char **) &no_code, NULL, 400 },
    { "GET", (const char **) &good, (const char **) &host_localhost, 400 },
    { "GET", (const char **) &good, (const char **) &host_no_port, 400 },
    { "GET", (const char **) &good, (const char **) &host_v6, 400 },
    { "GET", (const char **) &good, (const char **) &host_other_port, 400 },
    { "POST", (const char **) &good, NULL, 405 },
    { "PUT", (const char **) &good, NULL, 405 },
    { "HEAD", (const char **) &good, NULL, 405 },
  };
  const char *not_found[] = { "/favicon.ico", "/", "/callback/x", "/callbackx?code=c" };

  receiver = start_receiver (&port);
  good = g_strdup_printf ("/callback?code=the-code&state=%s", state);
  wrong_state = g_strdup_printf ("/callback?code=evil&state=%s", other_state);
  short_state = g_strdup_printf ("/callback?code=evil&state=%.42s", state);
  twice = g_strdup_printf ("/callback?code=evil&state=%s&state=%s", other_state, state);
  error_wrong_state = g_strdup_printf ("/callback?error=access_denied&state=%s", other_state);
  no_code = g_strdup_printf ("/callback?state=%s", state);
  host_localhost = g_strdup_printf ("localhost:%u", port);
  host_no_port = g_strdup ("127.0.0.1");
  host_v6 = g_strdup_printf ("[::1]:%u", port);
  host_other_port = g_strdup_printf ("127.0.0.1:%u", port + 1);

  /* before anyone waits, even the right callback is turned away */
  {
    g_autoptr (Reply) early = send_request (port, "GET", good, NULL);

    g_assert_cmpuint (early->status, ==, 503);
    assert_safe_headers (early);
  }

  paddock_loopback_receiver_wait_async (receiver, state, NULL, wait_cb, &result);

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (Reply) reply = send_request (port, cases[i].method, *cases[i].target,
                                              cases[i].host ? *cases[i].host : NULL);

      g_test_message ("case %" G_GSIZE_FORMAT, i);
      g_assert_cmpuint (reply->status, ==, cases[i].status);
      assert_safe_headers (reply);
      if (cases[i].status == 405)
        g_assert_cmpstr (g_hash_table_lookup (reply->headers, "allow"), ==, "GET");
      assert_still_waiting (&result);
    }

  for (gsize i = 0; i < G_N_ELEMENTS (not_found); i++)
    {
      g_autoptr (Reply) reply = send_request (port, "GET", not_found[i], NULL);

      g_assert_cmpuint (reply->status, ==, 404);
      assert_safe_headers (reply);
      assert_still_waiting (&result);
    }

  {
    g_autoptr (Reply) reply = send_request (port, "GET", good, NULL);

    g_assert_cmpuint (reply->status, ==, 200);
    assert_safe_headers (reply);
    g_assert_true (g_str_has_prefix (g_hash_table_lookup (reply->headers, "content-type"),
                                     "text/html"));
  }

  paddock_test_wait_flag (&result.done, "the receiver's wait to end");
  g_assert_no_error (result.error);
  g_assert_cmpstr (result.code, ==, "the-code");
  assert_port_closed (port);
  g_assert_finalize_object (g_steal_pointer (&receiver));
}

static void
test_access_denied (void)
{
  g_autofree char *state = paddock_random_state ();
  g_autoptr (PaddockLoopbackReceiver) receiver = NULL;
  g_autoptr (Reply) reply = NULL;
  g_autofree char *target = NULL;
  g_auto (WaitResult) result = { 0, };
  guint16 port;

  receiver = start_receiver (&port);
  paddock_loopback_receiver_wait_async (receiver, state, NULL, wait_cb, &result);

  target = g_strdup_printf ("/callback?error=access_denied&state=%s", state);
  reply = send_request (port, "GET", target, NULL);
  g_assert_cmpuint (reply->status, ==, 200);
  assert_safe_headers (reply);
  g_assert_nonnull (strstr (reply->body, "Access was denied"));

  paddock_test_wait_flag (&result.done, "the receiver's wait to end");
  g_assert_null (result.code);
  g_assert_error (result.error, PADDOCK_ERROR, PADDOCK_ERROR_ACCESS_DENIED);
  assert_port_closed (port);
}

static void
test_rejected (void)
{
  const struct {
    const char *query;
    const char *in_message;
  } cases[] = {
    { "error=server_error&error_description=The+server+broke%21", "The server broke!" },
    { "error=invalid_scope", "invalid_scope" },
    { "error=temporarily_unavailable&code=ignored", "temporarily_unavailable" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *state = paddock_random_state ();
      g_autoptr (PaddockLoopbackReceiver) receiver = NULL;
      g_autoptr (Reply) reply = NULL;
      g_autofree char *target = NULL;
      g_auto (WaitResult) result = { 0, };
      guint16 port;

      receiver = start_receiver (&port);
      paddock_loopback_receiver_wait_async (receiver, state, NULL, wait_cb, &result);

      target = g_strdup_printf ("/callback?%s&state=%s", cases[i].query, state);
      reply = send_request (port, "GET", target, NULL);
      g_assert_cmpuint (reply->status, ==, 200);
      assert_safe_headers (reply);

      paddock_test_wait_flag (&result.done, "the receiver's wait to end");
      g_assert_null (result.code);
      g_assert_error (result.error, PADDOCK_ERROR, PADDOCK_ERROR_REJECTED);
      g_assert_nonnull (strstr (result.error->message, cases[i].in_message));
      assert_port_closed (port);
    }
}

static void
assert_unreachable_at (GSocketAddress *address)
{
  g_autoptr (GSocketClient) client = g_socket_client_new ();
  g_autoptr (GSocketConnection) connection = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *text = g_socket_connectable_to_string (G_SOCKET_CONNECTABLE (address));

  g_test_message ("trying %s", text);
  g_socket_client_set_timeout (client, 2);
  connection = g_socket_client_connect (client, G_SOCKET_CONNECTABLE (address), NULL, &error);
  g_assert_null (connection);
  g_assert_nonnull (error);
}

static void
test_loopback_only (void)
{
  g_autoptr (PaddockLoopbackReceiver) receiver = NULL;
  g_autoptr (GResolver) resolver = g_resolver_get_default ();
  GList *addresses;
  struct ifaddrs *interfaces = NULL;
  guint16 port;
  guint tried = 0;

  receiver = start_receiver (&port);

  /* not over IPv6 loopback either: the socket is IPv4 127.0.0.1 only */
  {
    g_autoptr (GInetAddress) lo6 = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV6);
    g_autoptr (GSocketAddress) sa = g_inet_socket_address_new (lo6, port);

    assert_unreachable_at (sa);
  }

  /* every address the host name resolves to */
  addresses = g_resolver_lookup_by_name (resolver, g_get_host_name (), NULL, NULL);
  for (GList *l = addresses; l != NULL; l = l->next)
    if (!g_inet_address_get_is_loopback (l->data))
      {
        g_autoptr (GSocketAddress) sa = g_inet_socket_address_new (l->data, port);

        assert_unreachable_at (sa);
        tried++;
      }
  g_resolver_free_addresses (addresses);

  /* every address of every interface, with its scope for IPv6 link-local ones */
  g_assert_cmpint (getifaddrs (&interfaces), ==, 0);
  for (struct ifaddrs *i = interfaces; i != NULL; i = i->ifa_next)
    {
      g_autoptr (GSocketAddress) sa = NULL;
      struct sockaddr_in v4;
      struct sockaddr_in6 v6;

      if (i->ifa_addr == NULL)
        continue;
      if (i->ifa_addr->sa_family == AF_INET)
        {
          memcpy (&v4, i->ifa_addr, sizeof v4);
          v4.sin_port = g_htons (port);
          sa = g_socket_address_new_from_native (&v4, sizeof v4);
        }
      else if (i->ifa_addr->sa_family == AF_INET6)
        {
          memcpy (&v6, i->ifa_addr, sizeof v6);
          v6.sin6_port = g_htons (port);
          sa = g_socket_address_new_from_native (&v6, sizeof v6);
        }
      else
        continue;

      if (g_inet_address_get_is_loopback (
            g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (sa))))
        continue;
      assert_unreachable_at (sa);
      tried++;
    }
  freeifaddrs (interfaces);

  if (tried == 0)
    g_test_message ("this machine has no non-loopback address to try");

  /* while 127.0.0.1 answers */
  {
    g_autoptr (Reply) reply = send_request (port, "GET", "/favicon.ico", NULL);

    g_assert_cmpuint (reply->status, ==, 404);
  }
}

static void
test_next_port_when_busy (void)
{
  g_autoptr (GSocket) busy = listen_on_loopback (0);
  const guint16 ports[] = { socket_port (busy), free_port () };
  g_autoptr (PaddockLoopbackReceiver) receiver = paddock_loopback_receiver_new (ports, 2);
  g_autoptr (GError) error = NULL;
  g_autofree char *expected_uri = g_strdup_printf ("http://127.0.0.1:%u/callback", ports[1]);

  g_assert_cmpuint (paddock_loopback_receiver_start (receiver, &error), ==, ports[1]);
  g_assert_no_error (error);
  g_assert_cmpuint (paddock_loopback_receiver_get_port (receiver), ==, ports[1]);
  g_assert_cmpstr (paddock_loopback_receiver_get_redirect_uri (receiver), ==, expected_uri);

  paddock_loopback_receiver_close (receiver);
  assert_port_closed (ports[1]);
}

static void
test_all_busy (void)
{
  g_autoptr (GSocket) busy1 = listen_on_loopback (0);
  g_autoptr (GSocket) busy2 = listen_on_loopback (0);
  const guint16 ports[] = { socket_port (busy1), socket_port (busy2) };
  g_autoptr (PaddockLoopbackReceiver) receiver = paddock_loopback_receiver_new (ports, 2);
  g_autoptr (GError) error = NULL;
  g_autofree char *port1 = g_strdup_printf ("%u", ports[0]);
  g_autofree char *port2 = g_strdup_printf ("%u", ports[1]);

  g_assert_cmpuint (paddock_loopback_receiver_start (receiver, &error), ==, 0);
  g_assert_error (error, PADDOCK_ERROR, PADDOCK_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "busy"));
  g_assert_nonnull (strstr (error->message, port1));
  g_assert_nonnull (strstr (error->message, port2));
  g_assert_cmpuint (paddock_loopback_receiver_get_port (receiver), ==, 0);
  g_assert_null (paddock_loopback_receiver_get_redirect_uri (receiver));
}

static void
test_timeout (void)
{
  g_autofree char *state = paddock_random_state ();
  g_autoptr (PaddockLoopbackReceiver) receiver = NULL;
  g_auto (WaitResult) result = { 0, };
  gint64 started;
  guint16 port;

  receiver = start_receiver (&port);
  g_assert_cmpuint (paddock_loopback_receiver_get_timeout (receiver), ==, 5 * 60 * 1000);
  paddock_loopback_receiver_set_timeout (receiver, 150);
  g_assert_cmpuint (paddock_loopback_receiver_get_timeout (receiver), ==, 150);

  started = g_get_monotonic_time ();
  paddock_loopback_receiver_wait_async (receiver, state, NULL, wait_cb, &result);
  paddock_test_wait_flag (&result.done, "the receiver's wait to end");

  g_assert_cmpint (g_get_monotonic_time () - started, >=, 150 * 1000);
  g_assert_null (result.code);
  g_assert_error (result.error, PADDOCK_ERROR, PADDOCK_ERROR_TIMED_OUT);
  assert_port_closed (port);
}

static gboolean
cancel_cb (gpointer data)
{
  g_cancellable_cancel (data);
  return G_SOURCE_REMOVE;
}

static void
test_cancel (void)
{
  g_autofree char *state = paddock_random_state ();
  g_autoptr (PaddockLoopbackReceiver) receiver = NULL;
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_auto (WaitResult) result = { 0, };
  gint64 started;
  guint16 port;

  receiver = start_receiver (&port);
  paddock_loopback_receiver_wait_async (receiver, state, cancellable, wait_cb, &result);
  started = g_get_monotonic_time ();
  g_timeout_add (20, cancel_cb, cancellable);
  paddock_test_wait_flag (&result.done, "the receiver's wait to end");

  /* at once, not at the (five-minute) timeout */
  g_assert_cmpint (g_get_monotonic_time () - started, <, 5 * G_USEC_PER_SEC);
  g_assert_null (result.code);
  g_assert_error (result.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  assert_port_closed (port);
  g_assert_finalize_object (g_steal_pointer (&receiver));
}

static void
test_dispose_closes (void)
{
  g_autofree char *state = paddock_random_state ();
  g_auto (WaitResult) result = { 0, };
  PaddockLoopbackReceiver *receiver;
  guint16 port;

  /* started, never waited on */
  receiver = start_receiver (&port);
  g_assert_finalize_object (receiver);
  assert_port_closed (port);

  /* disposed while waiting: the wait ends as cancelled */
  receiver = start_receiver (&port);
  paddock_loopback_receiver_wait_async (receiver, state, NULL, wait_cb, &result);
  g_object_run_dispose (G_OBJECT (receiver));
  paddock_test_wait_flag (&result.done, "the receiver's wait to end");
  g_assert_error (result.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  assert_port_closed (port);
  g_assert_finalize_object (receiver);
}

static void
test_single_use (void)
{
  g_autofree char *state = paddock_random_state ();
  const guint16 ports[] = { free_port () };
  g_autoptr (PaddockLoopbackReceiver) receiver = paddock_loopback_receiver_new (ports, 1);
  g_autoptr (GError) error = NULL;
  g_auto (WaitResult) not_started = { 0, };
  g_auto (WaitResult) after_close = { 0, };

  /* waiting before starting is an error, not a hang */
  paddock_loopback_receiver_wait_async (receiver, state, NULL, wait_cb, &not_started);
  paddock_test_wait_flag (&not_started.done, "the receiver's wait to end");
  g_assert_error (not_started.error, PADDOCK_ERROR, PADDOCK_ERROR_FAILED);

  g_assert_cmpuint (paddock_loopback_receiver_start (receiver, &error), ==, ports[0]);
  g_assert_no_error (error);
  paddock_loopback_receiver_close (receiver);
  assert_port_closed (ports[0]);

  /* once closed, it stays closed */
  g_assert_cmpuint (paddock_loopback_receiver_start (receiver, &error), ==, 0);
  g_assert_error (error, PADDOCK_ERROR, PADDOCK_ERROR_FAILED);
  paddock_loopback_receiver_wait_async (receiver, state, NULL, wait_cb, &after_close);
  paddock_test_wait_flag (&after_close.done, "the receiver's wait to end");
  g_assert_error (after_close.error, PADDOCK_ERROR, PADDOCK_ERROR_FAILED);
}

static void
test_default_ports (void)
{
  g_autoptr (PaddockLoopbackReceiver) receiver = paddock_loopback_receiver_new (NULL, 0);
  g_autoptr (GError) error = NULL;
  g_autofree char *expected_uri = NULL;
  guint16 port;

  port = paddock_loopback_receiver_start (receiver, &error);
  if (g_error_matches (error, PADDOCK_ERROR, PADDOCK_ERROR_FAILED))
    {
      g_test_skip ("all default redirect ports are busy on this machine");
      return;
    }
  g_assert_no_error (error);
  g_assert_cmpuint (port, >=, 48721);
  g_assert_cmpuint (port, <=, 48725);
  expected_uri = g_strdup_printf ("http://127.0.0.1:%u/callback", port);
  g_assert_cmpstr (paddock_loopback_receiver_get_redirect_uri (receiver), ==, expected_uri);
  paddock_loopback_receiver_close (receiver);
}

/* ---- robustness: what any local process can do to the listener -------------------- */

/* Lowers (or restores) the soft limit of open files; returns the old one. */
static rlim_t
set_fd_soft_limit (rlim_t soft)
{
  struct rlimit limit;
  rlim_t old;

  g_assert_cmpint (getrlimit (RLIMIT_NOFILE, &limit), ==, 0);
  old = limit.rlim_cur;
  limit.rlim_cur = MIN (soft, limit.rlim_max);
  g_assert_cmpint (setrlimit (RLIMIT_NOFILE, &limit), ==, 0);

  return old;
}

typedef struct {
  GThreadFunc func;
  gpointer    data;
  gpointer    result;
  int         done;
} Job;

static gpointer
job_thread (gpointer data)
{
  Job *job = data;

  job->result = job->func (job->data);
  g_atomic_int_set (&job->done, 1);
  g_main_context_wakeup (NULL);

  return NULL;
}

/* Runs @func on another thread while the receiver runs on this one. */
static gpointer
run_on_thread (GThreadFunc func,
               gpointer    data)
{
  Job job = { func, data, NULL, 0 };
  GThread *thread = g_thread_new ("test-client", job_thread, &job);

  while (!g_atomic_int_get (&job.done))
    g_main_context_iteration (NULL, TRUE);
  g_thread_join (thread);

  return job.result;
}

/* Lets the receiver run for @ms milliseconds. */
static void
run_for (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * G_TIME_SPAN_MILLISECOND;

  while (g_get_monotonic_time () < end)
    {
      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_usleep (5000);
    }
}

static GSocket *
connect_blocking (guint16   port,
                  GError  **error)
{
  g_autoptr (GInetAddress) lo = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr (GSocketAddress) address = g_inet_socket_address_new (lo, port);
  g_autoptr (GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                             G_SOCKET_PROTOCOL_TCP, error);

  if (socket == NULL)
    return NULL;
  /* generous: only there so that a wedged listener fails the test instead of hanging it */
  g_socket_set_timeout (socket, 10);
  if (!g_socket_connect (socket, address, NULL, error))
    return NULL;

  return g_steal_pointer (&socket);
}

/* On a client thread: sends @request and reads one answer, to the end of its
 * body (Content-Length) or of the stream. *@out_closed tells whether the
 * server then closed the connection (checked only if not %NULL). */
static char *
roundtrip (GSocket     *socket,
           const char  *request,
           gsize        request_len,
           gboolean    *out_closed,
           GError     **error)
{
  g_autoptr (GString) raw = g_string_new (NULL);
  gsize sent = 0;
  gssize expected = -1;
  gboolean eof = FALSE;

  while (sent < request_len)
    {
      gssize n = g_socket_send (socket, request + sent, request_len - sent, NULL, error);

      if (n < 0)
        return NULL;
      sent += n;
    }

  while (expected < 0 || raw->len < (gsize) expected)
    {
      char buffer[4096];
      gssize n = g_socket_receive (socket, buffer, sizeof buffer, NULL, error);
      const char *end;

      if (n < 0)
        return NULL;
      if (n == 0)
        {
          eof = TRUE;
          break;
        }
      g_string_append_len (raw, buffer, n);
      end = strstr (raw->str, "\r\n\r\n");
      if (expected < 0 && end != NULL)
        {
          g_autofree char *head = g_ascii_strdown (raw->str, end - raw->str);
          const char *length = strstr (head, "\r\ncontent-length:");

          if (length != NULL)
            expected = (end - raw->str) + 4 + g_ascii_strtoll (length + 17, NULL, 10);
        }
    }

  if (out_closed != NULL)
    {
      if (!eof)
        {
          char byte;

          eof = g_socket_receive (socket, &byte, 1, NULL, NULL) == 0;
        }
      *out_closed = eof;
    }

  return g_string_free (g_steal_pointer (&raw), FALSE);
}

typedef struct {
  guint16  port;
  guint    n;
  guint    answered;
  guint    said_close;
  GError  *error;
} Flood;

/* 1,000 keep-alive requests, each on its own connection, which the client
 * closes once it has the answer (a browser tab that goes away, or a script). */
static gpointer
keep_alive_flood_thread (gpointer data)
{
  Flood *flood = data;
  g_autofree char *request =
    g_strdup_printf ("GET /x HTTP/1.1\r\nHost: 127.0.0.1:%u\r\n\r\n", flood->port);

  for (guint i = 0; i < flood->n; i++)
    {
      g_autoptr (GSocket) socket = connect_blocking (flood->port, &flood->error);
      g_autofree char *raw = NULL;

      if (socket == NULL)
        return NULL;
      raw = roundtrip (socket, request, strlen (request), NULL, &flood->error);
      if (raw == NULL)
        return NULL;
      if (g_str_has_prefix (raw, "HTTP/1.1 404 "))
        flood->answered++;
      if (strstr (raw, "\r\nConnection: close\r\n") != NULL)
        flood->said_close++;
      g_socket_close (socket, NULL);
    }

  return NULL;
}

static void
test_keep_alive_flood (void)
{
  g_autofree char *state = paddock_random_state ();
  g_autoptr (PaddockLoopbackReceiver) receiver = NULL;
  g_autoptr (Reply) reply = NULL;
  g_autofree char *target = NULL;
  g_auto (WaitResult) result = { 0, };
  Flood flood = { 0, };
  guint16 port;
  rlim_t old_limit;

  /* few file descriptors, so that leaked sockets would run out of them soon */
  old_limit = set_fd_soft_limit (128);
  receiver = start_receiver (&port);
  paddock_loopback_receiver_wait_async (receiver, state, NULL, wait_cb, &result);

  flood.port = port;
  flood.n = 1000;
  run_on_thread (keep_alive_flood_thread, &flood);
  g_assert_no_error (flood.error);
  g_assert_cmpuint (flood.answered, ==, 1000);
  g_assert_cmpuint (flood.said_close, ==, 1000);
  assert_still_waiting (&result);

  target = g_strdup_printf ("/callback?code=after-the-flood&state=%s", state);
  reply = send_request (port, "GET", target, NULL);
  g_assert_cmpuint (reply->status, ==, 200);
  paddock_test_wait_flag (&result.done, "the receiver's wait to end");
  g_assert_no_error (result.error);
  g_assert_cmpstr (result.code, ==, "after-the-flood");

  set_fd_soft_limit (old_limit);
}

/* A child process (with its own, higher limit) that connects @n times and
 * holds the connections, sending nothing, until @release_fd is closed. */
static pid_t
hold_connections (guint16  port,
                  guint    n,
                  int     *release_fd)
{
  int ready[2];
  int release[2];
  char byte = 0;
  pid_t pid;

  g_assert_cmpint (pipe (ready), ==, 0);
  g_assert_cmpint (pipe (release), ==, 0);
  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      /* only system calls from here on */
      struct rlimit limit;
      struct sockaddr_in address = { 0, };
      struct pollfd fds[1024];
      guint opened = 0;
      gint64 deadline;

      close (ready[0]);
      close (release[1]);
      if (getrlimit (RLIMIT_NOFILE, &limit) == 0)
        {
          limit.rlim_cur = limit.rlim_max;
          setrlimit (RLIMIT_NOFILE, &limit);
        }
      address.sin_family = AF_INET;
      address.sin_port = g_htons (port);
      address.sin_addr.s_addr = g_htonl (INADDR_LOOPBACK);
      for (; opened < MIN (n, G_N_ELEMENTS (fds)); opened++)
        {
          int fd = socket (AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);

          if (fd < 0)
            break;
          connect (fd, (struct sockaddr *) &address, sizeof address);
          fds[opened].fd = fd;
          fds[opened].events = POLLOUT;
          /* paced, so that the listener takes them from its backlog as they come */
          g_usleep (2000);
        }
      /* until every connection is established (or refused), at most 10 s */
      deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
      for (guint i = 0; i < opened && g_get_monotonic_time () < deadline; )
        {
          fds[i].revents = 0;
          if (poll (&fds[i], 1, 100) == 1)
            i++;
        }
      if (write (ready[1], &byte, 1) != 1)
        _exit (1);
      while (read (release[0], &byte, 1) < 0 && errno == EINTR)
        ;
      /* the one way this child ends well, told apart from _exit (1) above; a kill, not an
       * exit, because under valgrind an exit runs a leak check in the child, where memory
       * only the parent's other threads pointed to looks lost */
      raise (SIGKILL);
      _exit (2);
    }

  close (ready[1]);
  close (release[0]);
  /* the receiver accepts them meanwhile */
  for (;;)
    {
      struct pollfd fd = { ready[0], POLLIN, 0 };

      while (g_main_context_iteration (NULL, FALSE))
        ;
      if (poll (&fd, 1, 5) == 1)
        break;
    }
  g_assert_cmpint (read (ready[0], &byte, 1), ==, 1);
  close (ready[0]);
  *release_fd = release[1];

  return pid;
}

static void
test_idle_connections (void)
{
  g_autofree char *state = paddock_random_state ();
  g_autoptr (PaddockLoopbackReceiver) receiver = NULL;
  g_autoptr (Reply) reply = NULL;
  g_autofree char *target = NULL;
  g_auto (WaitResult) result = { 0, };
  guint idle_timeout;
  guint16 port;
  rlim_t old_limit;
  int release_fd;
  int status;
  pid_t pid;

  old_limit = set_fd_soft_limit (128);
  receiver = start_receiver (&port);
  g_assert_cmpuint (paddock_loopback_receiver_get_idle_timeout (receiver), ==, 5000);
  g_object_set (receiver, "idle-timeout", 1000, NULL);
  g_object_get (receiver, "idle-timeout", &idle_timeout, NULL);
  g_assert_cmpuint (idle_timeout, ==, 1000);
  paddock_loopback_receiver_wait_async (receiver, state, NULL, wait_cb, &result);

  /* more idle connections than this process may have file descriptors */
  pid = hold_connections (port, 300, &release_fd);
  run_for (1500);
  assert_still_waiting (&result);

  /* the real callback still gets through, while they are held */
  target = g_strdup_printf ("/callback?code=through-the-crowd&state=%s", state);
  reply = send_request (port, "GET", target, NULL);
  g_assert_cmpuint (reply->status, ==, 200);
  paddock_test_wait_flag (&result.done, "the receiver's wait to end");
  g_assert_no_error (result.error);
  g_assert_cmpstr (result.code, ==, "through-the-crowd");

  close (release_fd);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  /* the child held its connections until released, and ended as it should */
  g_assert_true (WIFSIGNALED (status));
  g_assert_cmpint (WTERMSIG (status), ==, SIGKILL);
  set_fd_soft_limit (old_limit);
}

typedef struct {
  guint16  port;
  gboolean closed;
  gint64   elapsed_us;
  GError  *error;
} Idle;

static gpointer
idle_connection_thread (gpointer data)
{
  Idle *idle = data;
  g_autoptr (GSocket) socket = connect_blocking (idle->port, &idle->error);
  gint64 started = g_get_monotonic_time ();
  char byte;

  if (socket == NULL)
    return NULL;
  /* send nothing: the server closes (0) well before the 10 s socket timeout */
  idle->closed = g_socket_receive (socket, &byte, 1, NULL, &idle->error) == 0;
  idle->elapsed_us = g_get_monotonic_time () - started;

  return NULL;
}

static void
test_idle_timeout (void)
{
  g_autoptr (PaddockLoopbackReceiver) receiver = NULL;
  Idle idle = { 0, };
  guint16 port;

  receiver = start_receiver (&port);
  paddock_loopback_receiver_set_idle_timeout (receiver, 1000);
  g_assert_cmpuint (paddock_loopback_receiver_get_idle_timeout (receiver), ==, 1000);

  idle.port = port;
  run_on_thread (idle_connection_thread, &idle);
  g_assert_no_error (idle.error);
  g_assert_true (idle.closed);
  g_assert_cmpint (idle.elapsed_us, >=, 900 * G_TIME_SPAN_MILLISECOND);

  /* and the listener is still there */
  {
    g_autoptr (Reply) reply = send_request (port, "GET", "/favicon.ico", NULL);

    g_assert_cmpuint (reply->status, ==, 404);
  }
}

static void
test_accept_emfile (void)
{
  g_autofree char *state = paddock_random_state ();
  g_autoptr (PaddockLoopbackReceiver) receiver = NULL;
  g_autoptr (GArray) spent = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr (Reply) reply = NULL;
  g_autofree char *target = NULL;
  g_auto (WaitResult) result = { 0, };
  struct sockaddr_in address = { 0, };
  struct pollfd pending;
  guint16 port;
  rlim_t old_limit;
  int fd;

  old_limit = set_fd_soft_limit (128);
  receiver = start_receiver (&port);
  paddock_loopback_receiver_wait_async (receiver, state, NULL, wait_cb, &result);

  /* a connection waiting in the backlog… */
  address.sin_family = AF_INET;
  address.sin_port = g_htons (port);
  address.sin_addr.s_addr = g_htonl (INADDR_LOOPBACK);
  pending.fd = socket (AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
  pending.events = POLLOUT;
  g_assert_cmpint (pending.fd, >=, 0);
  connect (pending.fd, (struct sockaddr *) &address, sizeof address);
  g_assert_cmpint (poll (&pending, 1, 10000), ==, 1);

  /* …while the process has no file descriptor left: accept() fails with EMFILE */
  while ((fd = dup (STDERR_FILENO)) >= 0)
    g_array_append_val (spent, fd);
  g_assert_cmpint (errno, ==, EMFILE);
  run_for (300);

  for (guint i = 0; i < spent->len; i++)
    close (g_array_index (spent, int, i));
  close (pending.fd);
  assert_still_waiting (&result);

  /* the listener listens on */
  target = g_strdup_printf ("/callback?code=after-emfile&state=%s", state);
  reply = send_request (port, "GET", target, NULL);
  g_assert_cmpuint (reply->status, ==, 200);
  paddock_test_wait_flag (&result.done, "the receiver's wait to end");
  g_assert_no_error (result.error);
  g_assert_cmpstr (result.code, ==, "after-emfile");

  set_fd_soft_limit (old_limit);
}

typedef struct {
  guint16  port;
  char    *raw;
  GError  *error;
} Huge;

static gpointer
huge_headers_thread (gpointer data)
{
  Huge *huge = data;
  g_autoptr (GSocket) socket = connect_blocking (huge->port, &huge->error);
  g_autoptr (GString) request = g_string_new (NULL);

  if (socket == NULL)
    return NULL;
  g_string_append_printf (request, "GET /callback?code=x&state=y HTTP/1.1\r\n"
                                   "Host: 127.0.0.1:%u\r\n", huge->port);
  for (guint i = 0; i < 1050; i++)
    {
      g_string_append_printf (request, "X-Padding-%04u: ", i);
      for (guint j = 0; j < 1000; j++)
        g_string_append_c (request, 'a');
      g_string_append (request, "\r\n");
    }
  g_string_append (request, "\r\n");
  g_assert_cmpuint (request->len, >, 1024 * 1024);
  huge->raw = roundtrip (socket, request->str, request->len, NULL, &huge->error);

  return NULL;
}

static void
test_huge_headers (void)
{
  g_autofree char *state = paddock_random_state ();
  g_autoptr (PaddockLoopbackReceiver) receiver = NULL;
  g_autoptr (Reply) refused = NULL;
  g_autoptr (Reply) reply = NULL;
  g_autofree char *target = NULL;
  g_auto (WaitResult) result = { 0, };
  Huge huge = { 0, };
  guint16 port;

  receiver = start_receiver (&port);
  paddock_loopback_receiver_wait_async (receiver, state, NULL, wait_cb, &result);

  huge.port = port;
  run_on_thread (huge_headers_thread, &huge);
  g_assert_no_error (huge.error);
  refused = parse_reply (huge.raw);
  g_assert_cmpuint (refused->status, ==, 431);
  assert_safe_headers (refused);
  assert_still_waiting (&result);
  g_free (huge.raw);

  target = g_strdup_printf ("/callback?code=after-the-headers&state=%s", state);
  reply = send_request (port, "GET", target, NULL);
  g_assert_cmpuint (reply->status, ==, 200);
  paddock_test_wait_flag (&result.done, "the receiver's wait to end");
  g_assert_no_error (result.error);
  g_assert_cmpstr (result.code, ==, "after-the-headers");
}

typedef struct {
  guint16     port;
  const char *request;
  char       *raw;
  gboolean    closed;
  GError     *error;
} KeepAlive;

static gpointer
keep_alive_thread (gpointer data)
{
  KeepAlive *k = data;
  g_autoptr (GSocket) socket = connect_blocking (k->port, &k->error);

  if (socket != NULL)
    k->raw = roundtrip (socket, k->request, strlen (k->request), &k->closed, &k->error);

  return NULL;
}

/* Sends a keep-alive request (no "Connection: close"); the answer must close. */
static Reply *
send_keep_alive (guint16     port,
                 const char *method,
                 const char *target)
{
  g_autofree char *request =
    g_strdup_printf ("%s %s HTTP/1.1\r\nHost: 127.0.0.1:%u\r\n\r\n", method, target, port);
  KeepAlive k = { port, request, NULL, FALSE, NULL };
  Reply *reply;

  run_on_thread (keep_alive_thread, &k);
  g_assert_no_error (k.error);
  g_assert_true (k.closed);
  reply = parse_reply (k.raw);
  g_free (k.raw);

  return reply;
}

static void
test_connection_close (void)
{
  g_autofree char *state = paddock_random_state ();
  g_autofree char *authorize = NULL;
  g_autofree char *good = NULL;
  g_autofree char *wrong = NULL;
  g_autoptr (PaddockLoopbackReceiver) receiver = NULL;
  g_auto (WaitResult) result = { 0, };
  guint16 port;

  receiver = start_receiver (&port);
  authorize = g_strdup_printf ("http://127.0.0.1:%u/oauth/authorize?state=%s", free_port (), state);
  paddock_loopback_receiver_set_start_target (receiver, authorize);
  good = g_strdup_printf ("/callback?code=c&state=%s", state);
  wrong = g_strdup_printf ("/callback?code=c&state=x%s", state);

  {
    g_autoptr (Reply) not_waiting = send_keep_alive (port, "GET", good);

    g_assert_cmpuint (not_waiting->status, ==, 503);
    assert_safe_headers (not_waiting);
  }
  paddock_loopback_receiver_wait_async (receiver, state, NULL, wait_cb, &result);

  {
    const struct { const char *method; const char *target; guint status; } cases[] = {
      { "GET", "/x", 404 },
      { "GET", wrong, 400 },
      { "POST", good, 405 },
      { "GET", "/start", 303 },
      { "GET", "/start", 410 },
      { "GET", good, 200 },
    };

    for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
      {
        g_autoptr (Reply) reply = send_keep_alive (port, cases[i].method, cases[i].target);

        g_test_message ("case %" G_GSIZE_FORMAT, i);
        g_assert_cmpuint (reply->status, ==, cases[i].status);
        assert_safe_headers (reply);
      }
  }

  paddock_test_wait_flag (&result.done, "the receiver's wait to end");
  g_assert_no_error (result.error);
  g_assert_cmpstr (result.code, ==, "c");
}

static void
test_start_redirect (void)
{
  g_autofree char *state = paddock_random_state ();
  g_autoptr (PaddockLoopbackReceiver) receiver = NULL;
  g_autofree char *authorize = NULL;
  g_autofree char *expected_start = NULL;
  g_autofree char *start_prop = NULL;
  g_auto (WaitResult) result = { 0, };
  guint16 port;

  receiver = start_receiver (&port);
  expected_start = g_strdup_printf ("http://127.0.0.1:%u/start", port);
  g_assert_cmpstr (paddock_loopback_receiver_get_start_uri (receiver), ==, expected_start);
  g_object_get (receiver, "start-uri", &start_prop, NULL);
  g_assert_cmpstr (start_prop, ==, expected_start);

  /* nothing to send the browser to yet */
  {
    g_autoptr (Reply) reply = send_request (port, "GET", "/start", NULL);

    g_assert_cmpuint (reply->status, ==, 404);
    assert_safe_headers (reply);
  }

  authorize = g_strdup_printf ("http://127.0.0.1:%u/oauth/authorize?response_type=code&"
                               "state=%s&redirect_uri=http%%3A%%2F%%2F127.0.0.1%%3A%u%%2Fcallback",
                               free_port (), state, port);
  paddock_loopback_receiver_set_start_target (receiver, authorize);

  /* wrong Host, wrong method: refused, and the start address is not used up */
  {
    g_autoptr (Reply) rebound = send_request (port, "GET", "/start", "evil.example:80");
    g_autoptr (Reply) post = send_request (port, "POST", "/start", NULL);

    g_assert_cmpuint (rebound->status, ==, 400);
    g_assert_null (g_hash_table_lookup (rebound->headers, "location"));
    g_assert_null (strstr (rebound->body, state));
    g_assert_cmpuint (post->status, ==, 405);
    g_assert_null (g_hash_table_lookup (post->headers, "location"));
  }

  /* before the wait has begun (the CLI opens the browser first) */
  {
    g_autoptr (Reply) reply = send_request (port, "GET", "/start", NULL);

    g_assert_cmpuint (reply->status, ==, 303);
    g_assert_cmpstr (g_hash_table_lookup (reply->headers, "location"), ==, authorize);
    assert_safe_headers (reply);
    g_assert_null (strstr (reply->body, state));
  }

  /* once only: whoever asks later learns nothing */
  paddock_loopback_receiver_wait_async (receiver, state, NULL, wait_cb, &result);
  {
    g_autoptr (Reply) reply = send_request (port, "GET", "/start", NULL);

    g_assert_cmpuint (reply->status, ==, 410);
    g_assert_null (g_hash_table_lookup (reply->headers, "location"));
    g_assert_null (strstr (reply->body, state));
    assert_safe_headers (reply);
  }
  assert_still_waiting (&result);

  paddock_loopback_receiver_close (receiver);
  assert_port_closed (port);
}

typedef struct {
  guint16     port;
  const char *request;
  char       *raw;
  GError     *error;
} Trickle;

/* Sends the request a byte at a time, as a slow client would */
static gpointer
trickle_thread (gpointer data)
{
  Trickle *t = data;
  g_autoptr (GSocket) socket = connect_blocking (t->port, &t->error);
  gsize len = strlen (t->request);

  if (socket == NULL)
    return NULL;
  g_socket_set_option (socket, IPPROTO_TCP, TCP_NODELAY, 1, NULL);
  for (gsize i = 0; i + 1 < len; i++)
    {
      if (g_socket_send (socket, t->request + i, 1, NULL, &t->error) != 1)
        return NULL;
      g_usleep (500);
    }
  t->raw = roundtrip (socket, t->request + len - 1, 1, NULL, &t->error);

  return NULL;
}

static void
test_trickled_request (void)
{
  g_autofree char *state = paddock_random_state ();
  g_autoptr (PaddockLoopbackReceiver) receiver = NULL;
  g_autoptr (Reply) reply = NULL;
  g_autofree char *request = NULL;
  g_auto (WaitResult) result = { 0, };
  Trickle t = { 0, };
  guint16 port;

  receiver = start_receiver (&port);
  paddock_loopback_receiver_wait_async (receiver, state, NULL, wait_cb, &result);
  request = g_strdup_printf ("GET /callback?code=slowly&state=%s HTTP/1.1\r\n"
                             "Host: 127.0.0.1:%u\r\nUser-Agent: trickle\r\n\r\n", state, port);
  t.port = port;
  t.request = request;
  run_on_thread (trickle_thread, &t);
  g_assert_no_error (t.error);
  reply = parse_reply (t.raw);
  g_free (t.raw);
  g_assert_cmpuint (reply->status, ==, 200);
  assert_safe_headers (reply);
  paddock_test_wait_flag (&result.done, "the receiver's wait to end");
  g_assert_no_error (result.error);
  g_assert_cmpstr (result.code, ==, "slowly");
}

static void
test_raise_fd_limit (void)
{
  struct rlimit limit;
  rlim_t old_limit = set_fd_soft_limit (128);

  g_assert_true (paddock_raise_fd_limit ());
  g_assert_cmpint (getrlimit (RLIMIT_NOFILE, &limit), ==, 0);
  g_assert_cmpuint (limit.rlim_cur, ==, limit.rlim_max);
  /* already raised: nothing to do, still fine */
  g_assert_true (paddock_raise_fd_limit ());

  set_fd_soft_limit (old_limit);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/loopback-receiver/success", test_success);
  g_test_add_func ("/core/loopback-receiver/rejects-and-continues", test_rejects_and_continues);
  g_test_add_func ("/core/loopback-receiver/access-denied", test_access_denied);
  g_test_add_func ("/core/loopback-receiver/rejected", test_rejected);
  g_test_add_func ("/core/loopback-receiver/loopback-only", test_loopback_only);
  g_test_add_func ("/core/loopback-receiver/next-port-when-busy", test_next_port_when_busy);
  g_test_add_func ("/core/loopback-receiver/all-busy", test_all_busy);
  g_test_add_func ("/core/loopback-receiver/timeout", test_timeout);
  g_test_add_func ("/core/loopback-receiver/cancel", test_cancel);
  g_test_add_func ("/core/loopback-receiver/dispose-closes", test_dispose_closes);
  g_test_add_func ("/core/loopback-receiver/single-use", test_single_use);
  g_test_add_func ("/core/loopback-receiver/default-ports", test_default_ports);
  g_test_add_func ("/core/loopback-receiver/start-redirect", test_start_redirect);
  g_test_add_func ("/core/loopback-receiver/connection-close", test_connection_close);
  g_test_add_func ("/core/loopback-receiver/keep-alive-flood", test_keep_alive_flood);
  g_test_add_func ("/core/loopback-receiver/idle-timeout", test_idle_timeout);
  g_test_add_func ("/core/loopback-receiver/idle-connections", test_idle_connections);
  g_test_add_func ("/core/loopback-receiver/accept-emfile", test_accept_emfile);
  g_test_add_func ("/core/loopback-receiver/huge-headers", test_huge_headers);
  g_test_add_func ("/core/loopback-receiver/trickled-request", test_trickled_request);
  g_test_add_func ("/core/loopback-receiver/raise-fd-limit", test_raise_fd_limit);

  return g_test_run ();
}
