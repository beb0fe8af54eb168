/* sandbox-fixture.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "sandbox-fixture.h"
#include "paddock-sandbox-private.h"

void
sandbox_fixture_setup (SandboxFixture *f,
                       gconstpointer   data)
{
  g_autoptr (GError) error = NULL;
  const char *known;

  f->sandbox = paddock_sandbox_new (42);
  /* the tests move the market themselves */
  paddock_sandbox_set_tick_interval (f->sandbox, 0);
  g_assert_true (paddock_sandbox_start (f->sandbox, 0, &error));
  g_assert_no_error (error);
  f->session = soup_session_new_with_options ("timeout", 20 * paddock_test_slowdown (), NULL);
  known = g_getenv ("PADDOCK_TEST_ACCESS_TOKEN");
  if (known != NULL && *known != '\0')
    {
      /* a token the caller knows (tests/secrets-hygiene.sh looks for it in the output) */
      g_assert_true (paddock_sandbox_restore_token (f->sandbox, known,
                                                    "account:write trading data", "paper"));
      f->token = g_strdup (known);
    }
  else
    f->token = paddock_sandbox_issue_token (f->sandbox, "account:write trading data", "paper");
}

void
sandbox_fixture_teardown (SandboxFixture *f,
                          gconstpointer   data)
{
  paddock_sandbox_stop (f->sandbox);
  g_assert_finalize_object (f->sandbox);
  g_clear_object (&f->session);
  g_clear_pointer (&f->token, g_free);
}

char *
test_url (SandboxFixture *f,
          const char     *url)
{
  static const struct { const char *prefix; const char *(*get) (PaddockSandbox *); } bases[] = {
    { "paper:", paddock_sandbox_get_paper_url },
    { "live:", paddock_sandbox_get_live_url },
    { "data:", paddock_sandbox_get_data_url },
    { "polygon:", paddock_sandbox_get_polygon_url },
    { "root:", paddock_sandbox_get_base_url },
  };

  for (guint i = 0; i < G_N_ELEMENTS (bases); i++)
    if (g_str_has_prefix (url, bases[i].prefix))
      return g_strconcat (bases[i].get (f->sandbox), url + strlen (bases[i].prefix), NULL);

  return g_strdup (url);
}

TestReply *
test_request_full (SandboxFixture *f,
                   const char     *method,
                   const char     *url,
                   const char     *token,
                   const char     *content_type,
                   const char     *body,
                   gboolean        follow_redirects)
{
  g_autofree char *full = test_url (f, url);
  g_autoptr (SoupMessage) msg = soup_message_new (method, full);
  TestReply *reply = g_new0 (TestReply, 1);
  g_autoptr (JsonParser) parser = json_parser_new ();
  gsize len = 0;
  const char *data;

  g_assert_nonnull (msg);
  if (!follow_redirects)
    soup_message_add_flags (msg, SOUP_MESSAGE_NO_REDIRECT);

  if (token != NULL)
    {
      g_autofree char *value = g_strdup_printf ("Bearer %s", token);

      soup_message_headers_replace (soup_message_get_request_headers (msg),
                                    "Authorization", value);
    }

  if (body != NULL)
    {
      g_autoptr (GBytes) bytes = g_bytes_new (body, strlen (body));

      soup_message_set_request_body_from_bytes (msg, content_type ? content_type
                                                                  : "application/json",
                                                bytes);
    }

  reply->body = soup_session_send_and_read (f->session, msg, NULL, &reply->error);
  if (reply->error != NULL)
    return reply;

  reply->status = soup_message_get_status (msg);
  reply->headers = soup_message_headers_ref (soup_message_get_response_headers (msg));

  data = g_bytes_get_data (reply->body, &len);
  if (len > 0 && json_parser_load_from_data (parser, data, (gssize) len, NULL))
    reply->json = json_node_copy (json_parser_get_root (parser));

  return reply;
}

TestReply *
test_request (SandboxFixture *f,
              const char     *method,
              const char     *url,
              const char     *token,
              const char     *body)
{
  return test_request_full (f, method, url, token, NULL, body, FALSE);
}

void
test_reply_free (TestReply *reply)
{
  if (reply == NULL)
    return;
  g_clear_pointer (&reply->headers, soup_message_headers_unref);
  g_clear_pointer (&reply->body, g_bytes_unref);
  g_clear_pointer (&reply->json, json_node_unref);
  g_clear_error (&reply->error);
  g_free (reply);
}

JsonObject *
test_reply_object (TestReply *reply)
{
  g_assert_no_error (reply->error);
  g_assert_nonnull (reply->json);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (reply->json));
  return json_node_get_object (reply->json);
}

JsonArray *
test_reply_array (TestReply *reply)
{
  g_assert_no_error (reply->error);
  g_assert_nonnull (reply->json);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (reply->json));
  return json_node_get_array (reply->json);
}

const char *
test_reply_header (TestReply  *reply,
                   const char *name)
{
  g_assert_nonnull (reply->headers);
  return soup_message_headers_get_one (reply->headers, name);
}

void
test_assert_alpaca_error (TestReply *reply,
                          guint      status)
{
  JsonObject *obj;

  g_assert_no_error (reply->error);
  g_assert_cmpuint (reply->status, ==, status);
  obj = test_reply_object (reply);
  g_assert_true (json_object_has_member (obj, "code"));
  g_assert_cmpint (json_node_get_value_type (json_object_get_member (obj, "code")), ==, G_TYPE_INT64);
  g_assert_true (json_object_has_member (obj, "message"));
  g_assert_cmpint (json_node_get_value_type (json_object_get_member (obj, "message")), ==, G_TYPE_STRING);
}

char *
test_browser_consent (const char *authorize_url,
                      const char *decision,
                      gboolean    follow,
                      guint      *status_out)
{
  g_autoptr (SoupSession) session =
    soup_session_new_with_options ("timeout", 20 * paddock_test_slowdown (), NULL);
  g_autoptr (SoupMessage) get = soup_message_new ("GET", authorize_url);
  g_autoptr (SoupMessage) post = NULL;
  g_autoptr (GBytes) page = NULL;
  g_autoptr (GBytes) reply = NULL;
  g_autoptr (GRegex) re = g_regex_new ("name=\"request_id\" value=\"([^\"]+)\"", 0, 0, NULL);
  g_autoptr (GMatchInfo) match = NULL;
  g_autoptr (GHashTable) form = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GUri) base = NULL;
  g_autoptr (GUri) action = NULL;
  g_autofree char *html = NULL;
  g_autofree char *request_id = NULL;
  g_autofree char *encoded = NULL;
  g_autofree char *location = NULL;
  g_autofree char *action_url = NULL;

  page = soup_session_send_and_read (session, get, NULL, NULL);
  if (page == NULL || soup_message_get_status (get) != 200)
    return NULL;
  html = g_strndup (g_bytes_get_data (page, NULL), g_bytes_get_size (page));
  if (!g_regex_match (re, html, 0, &match))
    return NULL;
  request_id = g_match_info_fetch (match, 1);

  g_hash_table_insert (form, "request_id", request_id);
  g_hash_table_insert (form, "decision", (char *) decision);
  encoded = soup_form_encode_hash (form);
  base = g_uri_parse (authorize_url, G_URI_FLAGS_NONE, NULL);
  action = g_uri_parse_relative (base, "/oauth/authorize", G_URI_FLAGS_NONE, NULL);
  action_url = g_uri_to_string (action);
  post = soup_message_new ("POST", action_url);
  soup_message_add_flags (post, SOUP_MESSAGE_NO_REDIRECT);
  {
    g_autoptr (GBytes) body = g_bytes_new (encoded, strlen (encoded));

    soup_message_set_request_body_from_bytes (post, "application/x-www-form-urlencoded", body);
  }
  reply = soup_session_send_and_read (session, post, NULL, NULL);
  if (reply == NULL || soup_message_get_status (post) != 302)
    return NULL;
  location = g_strdup (soup_message_headers_get_one (soup_message_get_response_headers (post),
                                                     "Location"));
  if (location != NULL && follow)
    {
      g_autoptr (SoupMessage) cb = soup_message_new ("GET", location);
      g_autoptr (GBytes) cb_body = NULL;

      if (cb == NULL)
        return NULL;
      cb_body = soup_session_send_and_read (session, cb, NULL, NULL);
      if (status_out != NULL)
        *status_out = cb_body ? soup_message_get_status (cb) : 0;
    }

  return g_steal_pointer (&location);
}

typedef struct
{
  PaddockSandbox *sandbox;
  const char *id;
  const char *secret;
  GStrv uris;
} ClientData;

static gboolean
register_client_cb (gpointer data)
{
  ClientData *c = data;

  _sandbox_oauth_add_client (c->sandbox, c->id, "Paddock Test", c->secret,
                             (const char * const *) c->uris);
  return G_SOURCE_REMOVE;
}

void
test_register_client (SandboxFixture *f,
                      const char     *client_id,
                      const char     *secret,
                      const guint16  *ports,
                      gsize           n_ports)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  ClientData c = { f->sandbox, client_id, secret, NULL };

  for (gsize i = 0; i < n_ports; i++)
    {
      g_autofree char *uri = g_strdup_printf ("http://127.0.0.1:%u/callback", ports[i]);

      g_strv_builder_add (builder, uri);
    }
  c.uris = g_strv_builder_end (builder);
  _sandbox_run_sync (f->sandbox, register_client_cb, &c);
  g_strfreev (c.uris);
}

void
test_free_ports (guint16 *ports,
                 gsize    n_ports)
{
  g_autoptr (GPtrArray) sockets = g_ptr_array_new_with_free_func (g_object_unref);

  /* hold them all open at once so they differ, then let them go */
  for (gsize i = 0; i < n_ports; i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (GInetAddress) lo = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
      g_autoptr (GSocketAddress) any = g_inet_socket_address_new (lo, 0);
      g_autoptr (GSocketAddress) bound = NULL;
      GSocket *socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                      G_SOCKET_PROTOCOL_TCP, &error);

      g_assert_no_error (error);
      g_assert_true (g_socket_bind (socket, any, FALSE, &error));
      g_assert_no_error (error);
      bound = g_socket_get_local_address (socket, &error);
      g_assert_no_error (error);
      ports[i] = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
      g_ptr_array_add (sockets, socket);
    }
}
