/* paddock-sandbox-http.c: replies and request bodies for the sandbox's handlers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
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

/* json-glib 1.6 writes every double with 17 significant digits (370.48 becomes
 * 370.48000000000002). Rewrite each number outside strings in its shortest form that reads
 * back to the same double, as a real server's JSON encoder does. */
static char *
shorten_numbers (const char *text,
                 gsize      *len)
{
  GString *out = g_string_sized_new (*len);
  gboolean in_string = FALSE;
  const char *p = text;

  while (*p != '\0')
    {
      if (in_string)
        {
          if (*p == '\\' && p[1] != '\0')
            {
              g_string_append_len (out, p, 2);
              p += 2;
              continue;
            }
          if (*p == '"')
            in_string = FALSE;
          g_string_append_c (out, *p++);
          continue;
        }

      if (*p == '"')
        {
          in_string = TRUE;
          g_string_append_c (out, *p++);
        }
      else if (*p == '-' || g_ascii_isdigit (*p))
        {
          const char *start = p;
          gboolean is_float = FALSE;

          while (*p == '-' || *p == '+' || *p == '.' || *p == 'e' || *p == 'E' ||
                 g_ascii_isdigit (*p))
            {
              if (*p == '.' || *p == 'e' || *p == 'E')
                is_float = TRUE;
              p++;
            }

          if (is_float)
            {
              g_autofree char *token = g_strndup (start, (gsize) (p - start));
              double value = g_ascii_strtod (token, NULL);
              char buf[G_ASCII_DTOSTR_BUF_SIZE];

              for (int digits = 1; digits <= 17; digits++)
                {
                  char fmt[8];

                  g_snprintf (fmt, sizeof fmt, "%%.%dg", digits);
                  g_ascii_formatd (buf, sizeof buf, fmt, value);
                  if (g_ascii_strtod (buf, NULL) == value)
                    break;
                }
              /* keep it a JSON float: "370" would read back as an integer */
              g_string_append (out, buf);
              if (strpbrk (buf, ".eEn") == NULL)
                g_string_append (out, ".0");
            }
          else
            g_string_append_len (out, start, p - start);
        }
      else
        g_string_append_c (out, *p++);
    }

  *len = out->len;
  return g_string_free (out, FALSE);
}

void
_sandbox_reply_json (SandboxRequest *req,
                     guint           status,
                     JsonNode       *node)
{
  g_autoptr (JsonGenerator) gen = json_generator_new ();
  g_autofree char *raw = NULL;
  gsize len = 0;
  char *text;

  json_generator_set_root (gen, node);
  raw = json_generator_to_data (gen, &len);
  json_node_unref (node);
  text = shorten_numbers (raw, &len);
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
_sandbox_request_body_object (SandboxRequest *req,
                              const char     *invalid_message)
{
  SoupMessageBody *body = soup_server_message_get_request_body (req->msg);
  g_autoptr (GBytes) bytes = soup_message_body_flatten (body);
  g_autoptr (JsonNode) root = NULL;
  gsize len = 0;
  const char *data = g_bytes_get_data (bytes, &len);
  JsonObject *obj;

  switch (_sandbox_json_parse (data, len, &root))
    {
    case SANDBOX_JSON_TOO_LARGE:
      _sandbox_reply_error (req, 413, 41310000, "request body is too large");
      return NULL;
    case SANDBOX_JSON_TOO_DEEP:
      _sandbox_reply_error (req, 400, 40010001, "request body is nested too deeply");
      return NULL;
    case SANDBOX_JSON_INVALID:
      _sandbox_reply_error (req, 422, 40010001, invalid_message);
      return NULL;
    case SANDBOX_JSON_OK:
    default:
      break;
    }

  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      _sandbox_reply_error (req, 422, 40010001, invalid_message);
      return NULL;
    }

  /* keep the object alive after the node goes away: the request owns it */
  obj = json_node_dup_object (root);
  g_object_set_data_full (G_OBJECT (req->msg), "sandbox-json-body", obj,
                          (GDestroyNotify) json_object_unref);
  return obj;
}

JsonObject *
_sandbox_request_json_object (SandboxRequest *req)
{
  return _sandbox_request_body_object (req, "request body format is invalid");
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
_sandbox_request_bearer (SandboxRequest *req)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (req->msg);
  const char *auth = soup_message_headers_get_one (headers, "Authorization");

  if (auth == NULL || g_ascii_strncasecmp (auth, "Bearer ", 7) != 0)
    return NULL;
  auth += 7;
  while (*auth == ' ')
    auth++;
  return *auth ? auth : NULL;
}

const char *
_sandbox_query (SandboxRequest *req,
                const char     *name)
{
  return g_hash_table_lookup (req->query, name);
}
