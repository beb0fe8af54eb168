/* sandbox-fixture.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "sandbox-fixture.h"

void
sandbox_fixture_setup (SandboxFixture *f,
                       gconstpointer   data)
{
  g_autoptr (GError) error = NULL;

  f->sandbox = paddock_sandbox_new (42);
  /* the tests move the market themselves */
  paddock_sandbox_set_tick_interval (f->sandbox, 0);
  g_assert_true (paddock_sandbox_start (f->sandbox, 0, &error));
  g_assert_no_error (error);
  f->session = soup_session_new_with_options ("timeout", 20, NULL);
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
