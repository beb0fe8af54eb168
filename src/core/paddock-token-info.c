/* paddock-token-info.c: what the server says about a token, and the Polygon last trade
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Introspection (alpaca-api.md §1.3) is `GET {live}/oauth/token` with the token in the
 * Authorization header, never in the address. It is a legacy call that a server may no
 * longer answer: a 404, 405 or 501, or a reply that is not a JSON object, means "not
 * answered", which paddock_token_introspect_finish() reports as a success without a
 * PaddockTokenInfo. Anything else that goes wrong is an error.
 *
 * The Polygon last trade (§6) is `GET {polygon}/v1/last/stocks/{symbol}?apiKey=<id>` where
 * the id is the introspection reply's `id`. It is sent with no Authorization header: the
 * Alpaca token never goes to Polygon's host.
 *
 * Both are one-shot lookups a person asked for, read through the bounded reader
 * (paddock-http.h) and never retried: the person can ask again.
 */
#define G_LOG_DOMAIN "paddock-token-info"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>
#include <math.h>
#include <string.h>

#include "paddock-client.h"
#include "paddock-error.h"
#include "paddock-http.h"
#include "paddock-json.h"
#include "paddock-token-info.h"

#define LOOKUP_TIMEOUT_S 20
#define LOOKUP_DEADLINE_MS 20000
#define LOOKUP_MAX_BYTES (64 * 1024)
#define MAX_SYMBOL_LENGTH 16

/* ---- PaddockTokenInfo ---------------------------------------------------------------- */

struct _PaddockTokenInfo
{
  GObject parent_instance;

  gboolean active;
  char *aud;
  char *client_id;
  GDateTime *iat;
  char *id;
  char *owner_id;
  char *scope;
  char *token_type;
};

G_DEFINE_FINAL_TYPE (PaddockTokenInfo, paddock_token_info, G_TYPE_OBJECT)

static void
paddock_token_info_finalize (GObject *object)
{
  PaddockTokenInfo *self = PADDOCK_TOKEN_INFO (object);

  g_free (self->aud);
  g_free (self->client_id);
  g_clear_pointer (&self->iat, g_date_time_unref);
  g_free (self->id);
  g_free (self->owner_id);
  g_free (self->scope);
  g_free (self->token_type);

  G_OBJECT_CLASS (paddock_token_info_parent_class)->finalize (object);
}

static void
paddock_token_info_class_init (PaddockTokenInfoClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = paddock_token_info_finalize;
}

static void
paddock_token_info_init (PaddockTokenInfo *self)
{
}

/* A string member, or NULL when it is missing or not a string (logged). */
static char *
dup_string_member (JsonObject *obj,
                   const char *name)
{
  JsonNode *member = json_object_get_member (obj, name);

  if (member == NULL || JSON_NODE_HOLDS_NULL (member))
    return NULL;
  if (JSON_NODE_HOLDS_VALUE (member) && json_node_get_value_type (member) == G_TYPE_STRING)
    return g_strdup (json_node_get_string (member));
  g_debug ("introspection member \"%s\" is not a string: ignored", name);
  return NULL;
}

static gboolean
get_int_member (JsonObject *obj,
                const char *name,
                gint64     *out)
{
  JsonNode *member = json_object_get_member (obj, name);

  if (member == NULL || !JSON_NODE_HOLDS_VALUE (member) ||
      json_node_get_value_type (member) != G_TYPE_INT64)
    return FALSE;
  *out = json_node_get_int (member);
  return TRUE;
}

/* Epoch milliseconds as a UTC GDateTime, NULL when out of range. */
static GDateTime *
date_time_from_unix_ms (gint64 ms)
{
  g_autoptr (GDateTime) seconds = NULL;

  /* years 1970 to 9999 */
  if (ms < 0 || ms > G_GINT64_CONSTANT (253402300799999))
    return NULL;
  seconds = g_date_time_new_from_unix_utc (ms / 1000);
  if (seconds == NULL)
    return NULL;
  return g_date_time_add (seconds, (ms % 1000) * G_TIME_SPAN_MILLISECOND);
}

/**
 * paddock_token_info_new_from_json:
 * @node: an introspection reply
 * @error: %PADDOCK_ERROR_PROTOCOL when @node is not an object
 *
 * Reads `active`, `aud`, `client_id`, `iat` (epoch seconds), `id`, `owner_id`, `scope`
 * and `token_type`. A member that is missing or of another type is left unset; unknown
 * members are ignored.
 *
 * Returns: (transfer full) (nullable): the token's details
 */
PaddockTokenInfo *
paddock_token_info_new_from_json (JsonNode  *node,
                                  GError   **error)
{
  g_autoptr (PaddockTokenInfo) self = NULL;
  JsonObject *obj;
  JsonNode *active;
  gint64 iat;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, PADDOCK_ERROR, PADDOCK_ERROR_PROTOCOL,
                   _("The token introspection reply is not a JSON object."));
      return NULL;
    }
  obj = json_node_get_object (node);
  self = g_object_new (PADDOCK_TYPE_TOKEN_INFO, NULL);

  active = json_object_get_member (obj, "active");
  self->active = active != NULL && JSON_NODE_HOLDS_VALUE (active) &&
                 json_node_get_value_type (active) == G_TYPE_BOOLEAN &&
                 json_node_get_boolean (active);
  self->aud = dup_string_member (obj, "aud");
  self->client_id = dup_string_member (obj, "client_id");
  self->id = dup_string_member (obj, "id");
  self->owner_id = dup_string_member (obj, "owner_id");
  self->scope = dup_string_member (obj, "scope");
  self->token_type = dup_string_member (obj, "token_type");
  if (get_int_member (obj, "iat", &iat) && iat >= 0 && iat <= G_MAXINT64 / 1000)
    self->iat = date_time_from_unix_ms (iat * 1000);

  return g_steal_pointer (&self);
}

/** paddock_token_info_get_active: Returns: whether the server says the token is active */
gboolean
paddock_token_info_get_active (PaddockTokenInfo *self)
{
  g_return_val_if_fail (PADDOCK_IS_TOKEN_INFO (self), FALSE);
  return self->active;
}

/** paddock_token_info_get_aud: Returns: (nullable): the audience (the OAuth app's name) */
const char *
paddock_token_info_get_aud (PaddockTokenInfo *self)
{
  g_return_val_if_fail (PADDOCK_IS_TOKEN_INFO (self), NULL);
  return self->aud;
}

/** paddock_token_info_get_client_id: Returns: (nullable): the OAuth client id */
const char *
paddock_token_info_get_client_id (PaddockTokenInfo *self)
{
  g_return_val_if_fail (PADDOCK_IS_TOKEN_INFO (self), NULL);
  return self->client_id;
}

/** paddock_token_info_get_iat: Returns: (transfer none) (nullable): when it was issued (UTC) */
GDateTime *
paddock_token_info_get_iat (PaddockTokenInfo *self)
{
  g_return_val_if_fail (PADDOCK_IS_TOKEN_INFO (self), NULL);
  return self->iat;
}

/**
 * paddock_token_info_get_id:
 *
 * Returns: (nullable): the token's key id: the Polygon `apiKey`. It is not the token and
 *   not a secret that lets anyone trade.
 */
const char *
paddock_token_info_get_id (PaddockTokenInfo *self)
{
  g_return_val_if_fail (PADDOCK_IS_TOKEN_INFO (self), NULL);
  return self->id;
}

/** paddock_token_info_get_owner_id: Returns: (nullable): the user's id */
const char *
paddock_token_info_get_owner_id (PaddockTokenInfo *self)
{
  g_return_val_if_fail (PADDOCK_IS_TOKEN_INFO (self), NULL);
  return self->owner_id;
}

/** paddock_token_info_get_scope: Returns: (nullable): the scope, as the server words it */
const char *
paddock_token_info_get_scope (PaddockTokenInfo *self)
{
  g_return_val_if_fail (PADDOCK_IS_TOKEN_INFO (self), NULL);
  return self->scope;
}

/** paddock_token_info_get_token_type: Returns: (nullable): the token type ("Bearer") */
const char *
paddock_token_info_get_token_type (PaddockTokenInfo *self)
{
  g_return_val_if_fail (PADDOCK_IS_TOKEN_INFO (self), NULL);
  return self->token_type;
}

/* ---- one GET --------------------------------------------------------------------------- */

typedef struct
{
  SoupSession *session;
  SoupMessage *msg;
} Lookup;

static void
lookup_free (Lookup *lookup)
{
  g_clear_object (&lookup->msg);
  g_clear_object (&lookup->session);
  g_free (lookup);
}

/* Starts a GET of @url (which holds no token) on @task, with @bearer in the Authorization
 * header when it is not NULL; read_cb gets the bounded body. */
static gboolean
start_get (GTask               *task,
           const char          *url,
           const char          *bearer,
           GAsyncReadyCallback  read_cb)
{
  g_autofree char *user_agent = g_strdup_printf ("Paddock/%s", PACKAGE_VERSION);
  g_autofree char *log_url = paddock_redact_url (url);
  SoupMessageHeaders *headers;
  Lookup *lookup;

  lookup = g_new0 (Lookup, 1);
  g_task_set_task_data (task, lookup, (GDestroyNotify) lookup_free);
  lookup->msg = soup_message_new ("GET", url);
  if (lookup->msg == NULL)
    {
      g_task_return_new_error (task, PADDOCK_ERROR, PADDOCK_ERROR_INVALID_INPUT,
                               _("Not a valid address: %s"), log_url);
      return FALSE;
    }
  lookup->session = soup_session_new_with_options ("timeout", LOOKUP_TIMEOUT_S,
                                                   "user-agent", user_agent, NULL);
  headers = soup_message_get_request_headers (lookup->msg);
  soup_message_headers_replace (headers, "Accept", "application/json");
  if (bearer != NULL)
    {
      g_autofree char *auth = g_strdup_printf ("Bearer %s", bearer);

      soup_message_headers_replace (headers, "Authorization", auth);
      memset (auth, 0, strlen (auth));
    }

  g_debug ("→ GET %s", log_url);
  paddock_http_send_and_read_async (lookup->session, lookup->msg, LOOKUP_MAX_BYTES,
                                    paddock_http_deadline_after (LOOKUP_DEADLINE_MS),
                                    g_task_get_cancellable (task), read_cb, task);
  return TRUE;
}

/* The body of a finished GET, or NULL with the task returned (a transport failure). */
static GBytes *
finish_get (GTask        *task,
            GAsyncResult *result,
            guint        *out_status)
{
  Lookup *lookup = g_task_get_task_data (task);
  g_autoptr (GError) error = NULL;
  GBytes *body;

  body = paddock_http_send_and_read_finish (lookup->msg, result, &error);
  if (body == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
          error->domain == PADDOCK_ERROR)
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_new_error (task, PADDOCK_ERROR, PADDOCK_ERROR_NETWORK,
                                 _("Could not reach the server: %s"), error->message);
      return NULL;
    }
  *out_status = soup_message_get_status (lookup->msg);
  g_debug ("GET → %u", *out_status);
  return body;
}

static JsonNode *
parse_body (GBytes *body)
{
  gsize len = 0;
  const char *data = g_bytes_get_data (body, &len);

  if (data == NULL || len == 0)
    return NULL;
  return paddock_json_parse (data, len, LOOKUP_MAX_BYTES, PADDOCK_JSON_MAX_DEPTH, NULL);
}

/* An error for a non-2xx reply, with the server's `message` when it sent one. */
static GError *
error_from_status (guint   status,
                   GBytes *body)
{
  g_autoptr (JsonNode) root = parse_body (body);
  const char *message = NULL;
  PaddockError code;
  GError *error;

  if (root != NULL && JSON_NODE_HOLDS_OBJECT (root))
    {
      JsonNode *m = json_object_get_member (json_node_get_object (root), "message");

      if (m != NULL && JSON_NODE_HOLDS_VALUE (m) && json_node_get_value_type (m) == G_TYPE_STRING)
        message = json_node_get_string (m);
    }

  if (status == 401)
    code = PADDOCK_ERROR_NOT_AUTHORIZED;
  else if (status == 404)
    code = PADDOCK_ERROR_NOT_FOUND;
  else if (status == 429)
    code = PADDOCK_ERROR_RATE_LIMITED;
  else if (status == 408 || status >= 500)
    code = PADDOCK_ERROR_NETWORK;
  else if (status == 400 || status == 403 || status == 422)
    code = PADDOCK_ERROR_REJECTED;
  else
    code = PADDOCK_ERROR_FAILED;

  error = g_error_new (PADDOCK_ERROR, code, "%s",
                       message && *message ? message : soup_status_get_phrase (status));
  paddock_error_set_api_details (error, status, 0);
  return error;
}

/* ---- introspection --------------------------------------------------------------------- */

static void
introspect_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  g_autoptr (GBytes) body = NULL;
  g_autoptr (JsonNode) root = NULL;
  guint status = 0;

  body = finish_get (task, result, &status);
  if (body == NULL)
    return;

  if (status == 404 || status == 405 || status == 501)
    {
      g_debug ("introspection not answered (HTTP %u)", status);
      g_task_return_pointer (task, NULL, NULL);
      return;
    }
  if (status < 200 || status >= 300)
    {
      g_task_return_error (task, error_from_status (status, body));
      return;
    }

  root = parse_body (body);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_debug ("introspection not answered (the reply is not a JSON object)");
      g_task_return_pointer (task, NULL, NULL);
      return;
    }

  g_task_return_pointer (task, paddock_token_info_new_from_json (root, NULL), g_object_unref);
}

/**
 * paddock_token_introspect_async:
 * @endpoints: where the brokerage lives (introspection is `{live}/oauth/token`)
 * @credentials: the signed-in account whose token is asked about
 *
 * Asks the server about @credentials' token. The token goes only in the Authorization
 * header.
 */
void
paddock_token_introspect_async (PaddockEndpoints    *endpoints,
                                PaddockCredentials  *credentials,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;
  const char *token;

  g_return_if_fail (PADDOCK_IS_ENDPOINTS (endpoints));
  g_return_if_fail (PADDOCK_IS_CREDENTIALS (credentials));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, paddock_token_introspect_async);

  /* a token with a CR, an LF or a space would break (or inject into) the header */
  token = paddock_credentials_get_access_token (credentials);
  if (!paddock_access_token_is_valid (token))
    {
      g_task_return_new_error (task, PADDOCK_ERROR, PADDOCK_ERROR_NOT_AUTHORIZED,
                               _("The stored access token is not usable. Sign in again."));
      return;
    }

  if (start_get (task, paddock_endpoints_get_token_url (endpoints), token, introspect_cb))
    g_steal_pointer (&task);
}

/**
 * paddock_token_introspect_finish:
 * @out_info: (out) (transfer full) (optional) (nullable): the server's reply, or %NULL
 *   when the server does not answer introspection
 *
 * Returns: %TRUE when the server answered or said it does not answer introspection (404,
 *   405, 501 or a reply that is not a JSON object); %FALSE with @error otherwise (for
 *   instance %PADDOCK_ERROR_NOT_AUTHORIZED for a refused token)
 */
gboolean
paddock_token_introspect_finish (GAsyncResult      *result,
                                 PaddockTokenInfo **out_info,
                                 GError           **error)
{
  g_autoptr (GError) local_error = NULL;
  PaddockTokenInfo *info;

  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == paddock_token_introspect_async,
                        FALSE);

  info = g_task_propagate_pointer (G_TASK (result), &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      if (out_info != NULL)
        *out_info = NULL;
      return FALSE;
    }
  if (out_info != NULL)
    *out_info = info;
  else
    g_clear_object (&info);
  return TRUE;
}

/* ---- Polygon last trade ---------------------------------------------------------------- */

G_DEFINE_BOXED_TYPE (PaddockPolygonTrade, paddock_polygon_trade,
                     paddock_polygon_trade_copy, paddock_polygon_trade_free)

PaddockPolygonTrade *
paddock_polygon_trade_copy (const PaddockPolygonTrade *trade)
{
  PaddockPolygonTrade *copy;

  g_return_val_if_fail (trade != NULL, NULL);

  copy = g_new0 (PaddockPolygonTrade, 1);
  copy->symbol = g_strdup (trade->symbol);
  copy->price = g_strdup (trade->price);
  copy->size = trade->size;
  copy->exchange = trade->exchange;
  copy->timestamp = trade->timestamp ? g_date_time_ref (trade->timestamp) : NULL;
  return copy;
}

void
paddock_polygon_trade_free (PaddockPolygonTrade *trade)
{
  if (trade == NULL)
    return;
  g_free (trade->symbol);
  g_free (trade->price);
  g_clear_pointer (&trade->timestamp, g_date_time_unref);
  g_free (trade);
}

/* A JSON number or decimal string as decimal text: never "1e-05", at most 9 places */
static char *
decimal_from_node (JsonNode *node)
{
  GType type;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return NULL;
  type = json_node_get_value_type (node);
  if (type == G_TYPE_INT64)
    return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
  if (type == G_TYPE_DOUBLE)
    {
      double value = json_node_get_double (node);
      char buf[G_ASCII_DTOSTR_BUF_SIZE];
      gsize n;

      if (!isfinite (value) || fabs (value) >= 1e15)
        return NULL;
      g_ascii_formatd (buf, sizeof buf, "%.9f", value);
      for (n = strlen (buf); n > 0 && buf[n - 1] == '0'; n--)
        buf[n - 1] = '\0';
      if (n > 0 && buf[n - 1] == '.')
        buf[n - 1] = '\0';
      return g_strdup (strcmp (buf, "-0") == 0 ? "0" : buf);
    }
  if (type == G_TYPE_STRING)
    {
      const char *text = json_node_get_string (node);
      const char *p = text;

      if (*p == '-')
        p++;
      if (!g_ascii_isdigit (*p) || strlen (text) > 32)
        return NULL;
      while (g_ascii_isdigit (*p))
        p++;
      if (*p == '.')
        for (p++; g_ascii_isdigit (*p); p++)
          ;
      return *p == '\0' ? g_strdup (text) : NULL;
    }
  return NULL;
}

/**
 * paddock_polygon_trade_new_from_json:
 * @node: a `/v1/last/stocks/{symbol}` reply
 * @error: %PADDOCK_ERROR_PROTOCOL when it is not one, or has no usable price or time
 *
 * Returns: (transfer full) (nullable): the trade
 */
PaddockPolygonTrade *
paddock_polygon_trade_new_from_json (JsonNode  *node,
                                     GError   **error)
{
  g_autoptr (PaddockPolygonTrade) trade = NULL;
  JsonObject *obj;
  JsonObject *last;
  JsonNode *member;
  gint64 ms = -1;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    goto malformed;
  obj = json_node_get_object (node);
  member = json_object_get_member (obj, "last");
  if (member == NULL || !JSON_NODE_HOLDS_OBJECT (member))
    goto malformed;
  last = json_node_get_object (member);

  trade = g_new0 (PaddockPolygonTrade, 1);
  trade->symbol = dup_string_member (obj, "symbol");
  trade->price = decimal_from_node (json_object_get_member (last, "price"));
  if (!get_int_member (last, "size", &trade->size))
    trade->size = 0;
  if (!get_int_member (last, "exchange", &trade->exchange))
    trade->exchange = -1;
  /* epoch milliseconds */
  if (get_int_member (last, "timestamp", &ms))
    trade->timestamp = date_time_from_unix_ms (ms);
  if (trade->price == NULL || trade->timestamp == NULL)
    goto malformed;

  return g_steal_pointer (&trade);

malformed:
  g_set_error (error, PADDOCK_ERROR, PADDOCK_ERROR_PROTOCOL,
               _("The last trade reply is malformed."));
  return NULL;
}

static void
last_trade_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  g_autoptr (GBytes) body = NULL;
  g_autoptr (JsonNode) root = NULL;
  GError *error = NULL;
  PaddockPolygonTrade *trade;
  guint status = 0;

  body = finish_get (task, result, &status);
  if (body == NULL)
    return;

  if (status < 200 || status >= 300)
    {
      g_task_return_error (task, error_from_status (status, body));
      return;
    }

  root = parse_body (body);
  trade = paddock_polygon_trade_new_from_json (root, &error);
  if (trade == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, trade, (GDestroyNotify) paddock_polygon_trade_free);
}

static gboolean
symbol_is_valid (const char *symbol)
{
  gsize len = strlen (symbol);

  if (len == 0 || len > MAX_SYMBOL_LENGTH)
    return FALSE;
  for (const char *p = symbol; *p; p++)
    if (!g_ascii_isalnum (*p) && *p != '.' && *p != '-' && *p != '/')
      return FALSE;
  return TRUE;
}

/**
 * paddock_polygon_last_trade_async:
 * @endpoints: where Polygon lives (paddock_endpoints_get_polygon_url())
 * @api_key: the introspection reply's `id` (paddock_token_info_get_id())
 * @symbol: a stock symbol such as `MSFT`
 *
 * Looks up the last trade of @symbol on Polygon's legacy API.
 */
void
paddock_polygon_last_trade_async (PaddockEndpoints    *endpoints,
                                  const char          *api_key,
                                  const char          *symbol,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;
  g_autofree char *upper = NULL;
  g_autofree char *escaped_symbol = NULL;
  g_autofree char *escaped_key = NULL;
  g_autofree char *path = NULL;
  g_autofree char *url = NULL;

  g_return_if_fail (PADDOCK_IS_ENDPOINTS (endpoints));
  g_return_if_fail (symbol != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, paddock_polygon_last_trade_async);

  upper = g_ascii_strup (symbol, -1);
  g_strstrip (upper);
  if (!symbol_is_valid (upper))
    {
      g_task_return_new_error (task, PADDOCK_ERROR, PADDOCK_ERROR_INVALID_INPUT,
                               _("Enter a stock symbol such as MSFT."));
      return;
    }
  if (api_key == NULL || *api_key == '\0')
    {
      g_task_return_new_error (task, PADDOCK_ERROR, PADDOCK_ERROR_INVALID_INPUT,
                               _("The server gave no key id for this token."));
      return;
    }

  /* The apiKey goes in the address because that is how this API takes it. It is the
   * token's key id from introspection, not the OAuth token and not a secret that can
   * trade; still, every log line shows the address through paddock_redact_url(), which
   * hides it. The Alpaca token itself is never sent to Polygon. */
  escaped_symbol = g_uri_escape_string (upper, NULL, FALSE);
  escaped_key = g_uri_escape_string (api_key, NULL, FALSE);
  path = g_strdup_printf ("/v1/last/stocks/%s?apiKey=%s", escaped_symbol, escaped_key);
  url = paddock_endpoints_join_url (paddock_endpoints_get_polygon_url (endpoints), path);

  if (start_get (task, url, NULL, last_trade_cb))
    g_steal_pointer (&task);
}

/**
 * paddock_polygon_last_trade_finish:
 * @error: %PADDOCK_ERROR_NOT_AUTHORIZED when Polygon does not know the key,
 *   %PADDOCK_ERROR_NOT_FOUND for an unknown symbol, %PADDOCK_ERROR_INVALID_INPUT for a
 *   symbol that cannot be one, …
 *
 * Returns: (transfer full) (nullable): the last trade
 */
PaddockPolygonTrade *
paddock_polygon_last_trade_finish (GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == paddock_polygon_last_trade_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
