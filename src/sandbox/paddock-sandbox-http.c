/* paddock-sandbox-http.c: replies and request bodies for the sandbox's handlers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "paddock-sandbox-http"

#include "config.h"

#include <string.h>

#include "paddock-sandbox-private.h"

static void
set_body (SandboxRequest *req,
          guint           status,
          const char     *content_type,
          char           *body,
          gsize           len)
{
  soup_server_message_set_status (req->msg, status, NULL);
  soup_message_headers_replace (soup_server_message_get_response_headers (req->msg),
                                "Cache-Control", "no-store");
  soup_server_message_set_response (req->msg, content_type, SOUP_MEMORY_TAKE, body, len);
}

void
_sandbox_reply_json (SandboxRequest *req,
                     guint           status,
                     JsonNode       *node)
{
  g_autoptr (JsonGenerator) gen = json_generator_new ();
  gsize len = 0;
  char *text;

  json_generator_set_root (gen, node);
  text = json_generator_to_data (gen, &len);
  json_node_unref (node);
  set_body (req, status, "application/json; charset=utf-8", text, len);
}

void
_sandbox_reply_builder (SandboxRequest *req,
                        guint           status,
                        JsonBuilder    *builder)
{
  _sandbox_reply_json (req, status, json_builder_get_root (builder));
}

void
_sandbox_reply_error (SandboxRequest *req,
                      guint           status,
                      gint64          code,
                      const char     *message)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "code");
  json_builder_add_int_value (b, code);
  json_builder_set_member_name (b, "message");
  json_builder_add_string_value (b, message);
  json_builder_end_object (b);
  _sandbox_reply_builder (req, status, b);
}

void
_sandbox_reply_message (SandboxRequest *req,
                        guint           status,
                        const char     *message)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "message");
  json_builder_add_string_value (b, message);
  json_builder_end_object (b);
  _sandbox_reply_builder (req, status, b);
}

void
_sandbox_reply_empty (SandboxRequest *req,
                      guint           status)
{
  soup_server_message_set_status (req->msg, status, NULL);
  soup_server_message_set_response (req->msg, NULL, SOUP_MEMORY_STATIC, NULL, 0);
}

void
_sandbox_reply_html (SandboxRequest *req,
                     guint           status,
                     const char     *html)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (req->msg);

  soup_message_headers_replace (headers, "Content-Security-Policy",
                                "default-src 'none'; style-src 'unsafe-inline'; "
                                "form-action *; frame-ancestors 'none'");
  soup_message_headers_replace (headers, "X-Frame-Options", "DENY");
  soup_message_headers_replace (headers, "Referrer-Policy", "no-referrer");
  set_body (req, status, "text/html; charset=utf-8", g_strdup (html), strlen (html));
}

void
_sandbox_reply_redirect (SandboxRequest *req,
                         const char     *location)
{
  soup_server_message_set_redirect (req->msg, SOUP_STATUS_FOUND, location);
  soup_message_headers_replace (soup_server_message_get_response_headers (req->msg),
                                "Cache-Control", "no-store");
}

JsonObject *
_sandbox_request_json_object (SandboxRequest *req)
{
  SoupMessageBody *body = soup_server_message_get_request_body (req->msg);
  g_autoptr (GBytes) bytes = soup_message_body_flatten (body);
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;
  gsize len = 0;
  const char *data = g_bytes_get_data (bytes, &len);
  JsonNode *root;

  if (len == 0 || !json_parser_load_from_data (parser, data, (gssize) len, &error))
    {
      _sandbox_reply_error (req, 422, 40010001, "request body format is invalid");
      return NULL;
    }

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      _sandbox_reply_error (req, 422, 40010001, "request body format is invalid");
      return NULL;
    }

  /* keep the object alive after the parser goes away: the request owns it */
  {
    JsonObject *obj = json_node_dup_object (root);

    g_object_set_data_full (G_OBJECT (req->msg), "sandbox-json-body", obj,
                            (GDestroyNotify) json_object_unref);
    return obj;
  }
}

GHashTable *
_sandbox_request_form (SandboxRequest *req)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (req->msg);
  SoupMessageBody *body = soup_server_message_get_request_body (req->msg);
  const char *ctype = soup_message_headers_get_content_type (headers, NULL);
  g_autoptr (GBytes) bytes = NULL;
  g_autofree char *text = NULL;
  gsize len = 0;
  const char *data;

  if (ctype == NULL || g_ascii_strcasecmp (ctype, "application/x-www-form-urlencoded") != 0)
    return NULL;

  bytes = soup_message_body_flatten (body);
  data = g_bytes_get_data (bytes, &len);
  text = g_strndup (data ? data : "", len);

  return soup_form_decode (text);
}

const char *
_sandbox_query (SandboxRequest *req,
                const char     *name)
{
  return g_hash_table_lookup (req->query, name);
}
