/* paddock-client.c: Alpaca's REST API over one SoupSession
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every request carries the Bearer token in a header, never in the URL. Replies become
 * JSON nodes; Alpaca's errors become PADDOCK_ERROR codes that keep Alpaca's `code` and
 * `message`. Only idempotent requests are retried (408, 429, 5xx, connection errors) with
 * jittered exponential backoff that honours Retry-After and X-Ratelimit-*; a POST or PATCH
 * is sent exactly once, whatever happens.
 */
#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "paddock-client"

#include "config.h"

#include <libsoup/soup.h>
#include <string.h>

#include "paddock-client.h"
#include "paddock-error.h"
#include "paddock-random.h"

#define DEFAULT_TIMEOUT_S 30
#define DEFAULT_MAX_RETRIES 3
#define DEFAULT_BASE_DELAY_MS 500
#define DEFAULT_MAX_DELAY_MS 30000
#define MAX_RETRY_AFTER_MS 120000

struct _PaddockClient
{
  GObject parent_instance;

  SoupSession *session;
  char *base_url;
  char *access_token;
  guint max_retries;
  guint base_delay_ms;
  guint max_delay_ms;
  gint64 rate_reset_at_us;  /* real time: no requests until then (X-Ratelimit-Remaining: 0) */
  GCancellable *cancellable;
};

G_DEFINE_FINAL_TYPE (PaddockClient, paddock_client, G_TYPE_OBJECT)

enum {
  ATTEMPT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct
{
  char *method;
  char *url;
  GBytes *body;
  PaddockRequestFlags flags;
  guint attempt;
  GSource *wait_source;
  GCancellable *cancellable;  /* the caller's and the client's, together */
  gulong cancel_id;
  GCancellable *caller_cancellable;
} Request;

static void
request_free (Request *req)
{
  if (req->wait_source != NULL)
    {
      g_source_destroy (req->wait_source);
      g_source_unref (req->wait_source);
    }
  if (req->caller_cancellable != NULL && req->cancel_id != 0)
    g_cancellable_disconnect (req->caller_cancellable, req->cancel_id);
  g_clear_object (&req->caller_cancellable);
  g_clear_object (&req->cancellable);
  g_free (req->method);
  g_free (req->url);
  g_clear_pointer (&req->body, g_bytes_unref);
  g_free (req);
}

static void send_attempt (GTask *task);

/**
 * paddock_redact_url:
 *
 * Returns: (transfer full): @url with the values of query parameters that could hold a
 *   secret replaced by "[redacted]", for debug logs
 */
char *
paddock_redact_url (const char *url)
{
  static const char *secret_names[] = { "apikey", "token", "access_token", "code",
                                        "client_secret", "code_verifier", "secret",
                                        "state", "oauth_token", NULL };
  const char *q = url ? strchr (url, '?') : NULL;
  GString *out;
  g_auto (GStrv) pairs = NULL;

  if (q == NULL)
    return g_strdup (url);

  out = g_string_new_len (url, q - url + 1);
  pairs = g_strsplit (q + 1, "&", -1);
  for (guint i = 0; pairs[i] != NULL; i++)
    {
      const char *eq = strchr (pairs[i], '=');
      g_autofree char *name = g_ascii_strdown (pairs[i], eq ? eq - pairs[i] : -1);

      if (i > 0)
        g_string_append_c (out, '&');
      if (eq != NULL && g_strv_contains (secret_names, name))
        g_string_append_printf (out, "%.*s=[redacted]", (int) (eq - pairs[i]), pairs[i]);
      else
        g_string_append (out, pairs[i]);
    }

  return g_string_free (out, FALSE);
}

static gboolean
is_retryable_status (guint status)
{
  return status == 408 || status == 429 || (status >= 500 && status <= 599);
}

static gboolean
is_retryable_error (const GError *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return FALSE;
  if (error->domain == G_TLS_ERROR)
    return FALSE;  /* a certificate problem does not heal by asking again */
  return error->domain == G_IO_ERROR || error->domain == G_RESOLVER_ERROR ||
         error->domain == SOUP_SESSION_ERROR;
}

/* Milliseconds the server asked us to wait, or -1. */
static gint64
server_wait_ms (SoupMessageHeaders *headers)
{
  const char *retry_after = soup_message_headers_get_one (headers, "Retry-After");
  const char *remaining = soup_message_headers_get_one (headers, "X-Ratelimit-Remaining");
  const char *reset = soup_message_headers_get_one (headers, "X-Ratelimit-Reset");
  gint64 now_s = g_get_real_time () / G_USEC_PER_SEC;

  if (retry_after != NULL)
    {
      char *end = NULL;
      gint64 seconds = g_ascii_strtoll (retry_after, &end, 10);

      if (end != retry_after && *end == '\0' && seconds >= 0)
        return seconds * 1000;
      else
        {
          g_autoptr (GDateTime) when = soup_date_time_new_from_http_string (retry_after);

          if (when != NULL)
            return MAX (0, (g_date_time_to_unix (when) - now_s) * 1000);
        }
    }

  if (remaining != NULL && reset != NULL && g_ascii_strtoll (remaining, NULL, 10) <= 0)
    {
      gint64 reset_s = g_ascii_strtoll (reset, NULL, 10);

      /* the reset is an epoch time; tolerate servers that send "seconds from now" */
      if (reset_s > 1000000000)
        return MAX (0, (reset_s - now_s) * 1000);
      return MAX (0, reset_s * 1000);
    }

  return -1;
}

static guint
backoff_ms (PaddockClient *self,
            guint          attempt)
{
  guint64 delay = self->base_delay_ms;

  for (guint i = 1; i < attempt && delay < self->max_delay_ms; i++)
    delay *= 2;
  delay = MIN (delay, self->max_delay_ms);

  /* "equal jitter": half fixed, half random, so retries of many clients spread out */
  {
    guint32 r;

    paddock_random_bytes ((guint8 *) &r, sizeof r);
    return (guint) (delay / 2 + (guint64) r % (delay / 2 + 1));
  }
}

static void
note_rate_limit (PaddockClient      *self,
                 SoupMessageHeaders *headers)
{
  const char *remaining = soup_message_headers_get_one (headers, "X-Ratelimit-Remaining");
  const char *reset = soup_message_headers_get_one (headers, "X-Ratelimit-Reset");

  if (remaining != NULL && reset != NULL && g_ascii_strtoll (remaining, NULL, 10) <= 0)
    {
      gint64 reset_s = g_ascii_strtoll (reset, NULL, 10);

      if (reset_s > 1000000000)
        self->rate_reset_at_us = reset_s * G_USEC_PER_SEC;
    }
  else
    self->rate_reset_at_us = 0;
}

static GError *
error_from_reply (guint   status,
                  GBytes *body)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  const char *message = NULL;
  gint64 api_code = 0;
  gsize len = 0;
  const char *data = body ? g_bytes_get_data (body, &len) : NULL;
  PaddockError code;
  GError *error;

  if (data != NULL && len > 0 && json_parser_load_from_data (parser, data, (gssize) len, NULL))
    {
      JsonNode *root = json_parser_get_root (parser);

      if (root != NULL && JSON_NODE_HOLDS_OBJECT (root))
        {
          JsonObject *obj = json_node_get_object (root);
          JsonNode *m = json_object_get_member (obj, "message");
          JsonNode *c = json_object_get_member (obj, "code");

          if (m != NULL && JSON_NODE_HOLDS_VALUE (m) && json_node_get_value_type (m) == G_TYPE_STRING)
            message = json_node_get_string (m);
          if (c != NULL && JSON_NODE_HOLDS_VALUE (c) && json_node_get_value_type (c) == G_TYPE_INT64)
            api_code = json_node_get_int (c);
        }
    }

  if (status == 401)
    code = PADDOCK_ERROR_NOT_AUTHORIZED;
  else if (status == 404)
    code = PADDOCK_ERROR_NOT_FOUND;
  else if (status == 429)
    code = PADDOCK_ERROR_RATE_LIMITED;
  else if (status == 408 || status >= 500)
    code = PADDOCK_ERROR_NETWORK;
  else if (status == 400 || status == 403 || status == 409 || status == 422)
    code = PADDOCK_ERROR_REJECTED;
  else
    code = PADDOCK_ERROR_FAILED;

  error = g_error_new (PADDOCK_ERROR, code, "%s",
                       message && *message ? message : soup_status_get_phrase (status));
  paddock_error_set_api_details (error, status, api_code);
  return error;
}

static gboolean
retry_cb (gpointer user_data)
{
  GTask *task = user_data;
  Request *req = g_task_get_task_data (task);

  g_clear_pointer (&req->wait_source, g_source_unref);
  send_attempt (task);

  return G_SOURCE_REMOVE;
}

static void
schedule_attempt (GTask  *task,
                  gint64  delay_ms)
{
  Request *req = g_task_get_task_data (task);

  req->wait_source = g_timeout_source_new ((guint) CLAMP (delay_ms, 0, MAX_RETRY_AFTER_MS));
  g_source_set_callback (req->wait_source, retry_cb, task, NULL);
  g_source_attach (req->wait_source, g_task_get_context (task));
}

/* Retries if allowed; returns TRUE when a retry is scheduled (the task is kept). */
static gboolean
maybe_retry (GTask              *task,
             SoupMessageHeaders *headers)
{
  PaddockClient *self = g_task_get_source_object (task);
  Request *req = g_task_get_task_data (task);
  gint64 delay;

  if (!(req->flags & PADDOCK_REQUEST_IDEMPOTENT) || req->attempt > self->max_retries)
    return FALSE;

  delay = headers ? server_wait_ms (headers) : -1;
  if (delay < 0)
    delay = backoff_ms (self, req->attempt);
  if (delay > MAX_RETRY_AFTER_MS)
    return FALSE;  /* the caller should tell the person to wait, not hang */

  g_debug ("retrying %s %s in %" G_GINT64_FORMAT " ms (attempt %u)", req->method,
           g_task_get_name (task), delay, req->attempt + 1);
  schedule_attempt (task, delay);
  return TRUE;
}

static void
send_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  PaddockClient *self = g_task_get_source_object (task);
  Request *req = g_task_get_task_data (task);
  SoupMessage *msg = soup_session_get_async_result_message (SOUP_SESSION (object), result);
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) body = NULL;
  g_autoptr (JsonParser) parser = NULL;
  SoupMessageHeaders *headers;
  guint status;
  gsize len = 0;
  const char *data;

  body = soup_session_send_and_read_finish (SOUP_SESSION (object), result, &error);

  if (error != NULL)
    {
      if (g_cancellable_is_cancelled (req->cancellable))
        {
          g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "Cancelled");
          return;
        }
      g_debug ("%s %s failed: %s", req->method, g_task_get_name (task), error->message);
      if (is_retryable_error (error) && maybe_retry (task, NULL))
        {
          g_steal_pointer (&task);
          return;
        }
      g_task_return_new_error (task, PADDOCK_ERROR, PADDOCK_ERROR_NETWORK,
                               "Could not reach the server: %s", error->message);
      return;
    }

  status = soup_message_get_status (msg);
  headers = soup_message_get_response_headers (msg);
  note_rate_limit (self, headers);
  g_debug ("%s %s → %u", req->method, g_task_get_name (task), status);

  if (status < 200 || status >= 300)
    {
      if (is_retryable_status (status) && maybe_retry (task, headers))
        {
          g_steal_pointer (&task);
          return;
        }
      g_task_return_error (task, error_from_reply (status, body));
      return;
    }

  data = g_bytes_get_data (body, &len);
  if (status == 204 || len == 0)
    {
      g_task_return_pointer (task, json_node_new (JSON_NODE_NULL), (GDestroyNotify) json_node_unref);
      return;
    }

  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, data, (gssize) len, NULL) ||
      json_parser_get_root (parser) == NULL)
    {
      g_task_return_new_error (task, PADDOCK_ERROR, PADDOCK_ERROR_PROTOCOL,
                               "The server sent a reply that is not valid JSON");
      return;
    }

  g_task_return_pointer (task, json_node_copy (json_parser_get_root (parser)),
                         (GDestroyNotify) json_node_unref);
}

static void
send_attempt (GTask *task)
{
  PaddockClient *self = g_task_get_source_object (task);
  Request *req = g_task_get_task_data (task);
  g_autoptr (SoupMessage) msg = NULL;
  g_autofree char *auth = NULL;
  SoupMessageHeaders *headers;
  gint64 now = g_get_real_time ();

  if (g_cancellable_is_cancelled (req->cancellable))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "Cancelled");
      g_object_unref (task);
      return;
    }

  /* the server said the window is used up: wait for its reset instead of earning a 429 */
  if (self->rate_reset_at_us > now && (req->flags & PADDOCK_REQUEST_IDEMPOTENT))
    {
      gint64 delay_ms = (self->rate_reset_at_us - now) / 1000;

      self->rate_reset_at_us = 0;
      if (delay_ms <= MAX_RETRY_AFTER_MS)
        {
          schedule_attempt (task, delay_ms);
          return;
        }
    }

  msg = soup_message_new (req->method, req->url);
  if (msg == NULL)
    {
      g_task_return_new_error (task, PADDOCK_ERROR, PADDOCK_ERROR_INVALID_INPUT,
                               "Not a valid address: %s", g_task_get_name (task));
      g_object_unref (task);
      return;
    }

  headers = soup_message_get_request_headers (msg);
  auth = g_strdup_printf ("Bearer %s", self->access_token ? self->access_token : "");
  soup_message_headers_replace (headers, "Authorization", auth);
  soup_message_headers_replace (headers, "Accept", "application/json");
  if (req->body != NULL)
    soup_message_set_request_body_from_bytes (msg, "application/json", req->body);

  req->attempt++;
  g_signal_emit (self, signals[ATTEMPT], 0, req->method, g_task_get_name (task), req->attempt);
  g_debug ("→ %s %s", req->method, g_task_get_name (task));

  soup_session_send_and_read_async (self->session, msg, G_PRIORITY_DEFAULT, req->cancellable,
                                    send_cb, task);
}

static void
caller_cancelled_cb (GCancellable *caller,
                     gpointer      user_data)
{
  g_cancellable_cancel (G_CANCELLABLE (user_data));
}

static void
paddock_client_dispose (GObject *object)
{
  PaddockClient *self = PADDOCK_CLIENT (object);

  g_cancellable_cancel (self->cancellable);

  G_OBJECT_CLASS (paddock_client_parent_class)->dispose (object);
}

static void
paddock_client_finalize (GObject *object)
{
  PaddockClient *self = PADDOCK_CLIENT (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->session);
  g_free (self->base_url);
  if (self->access_token != NULL)
    {
      memset (self->access_token, 0, strlen (self->access_token));
      g_free (self->access_token);
    }

  G_OBJECT_CLASS (paddock_client_parent_class)->finalize (object);
}

static void
paddock_client_class_init (PaddockClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = paddock_client_dispose;
  object_class->finalize = paddock_client_finalize;

  /**
   * PaddockClient::attempt:
   * @method: the HTTP method
   * @path: the path and query (secrets redacted)
   * @attempt: 1 for the first try, 2 for the first retry…
   *
   * Emitted each time a request is sent over the wire.
   */
  signals[ATTEMPT] = g_signal_new ("attempt", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 3,
                                   G_TYPE_STRING, G_TYPE_STRING, G_TYPE_UINT);
}

static void
paddock_client_init (PaddockClient *self)
{
  g_autofree char *user_agent = g_strdup_printf ("Paddock/%s", PACKAGE_VERSION);

  self->cancellable = g_cancellable_new ();
  self->session = soup_session_new_with_options ("timeout", DEFAULT_TIMEOUT_S,
                                                 "user-agent", user_agent,
                                                 NULL);
  self->max_retries = DEFAULT_MAX_RETRIES;
  self->base_delay_ms = DEFAULT_BASE_DELAY_MS;
  self->max_delay_ms = DEFAULT_MAX_DELAY_MS;
}

/**
 * paddock_client_new:
 * @base_url: the trading or data base URL (already validated: https, or http on loopback)
 * @access_token: the OAuth access token, kept in memory only
 */
PaddockClient *
paddock_client_new (const char *base_url,
                    const char *access_token)
{
  PaddockClient *self = g_object_new (PADDOCK_TYPE_CLIENT, NULL);
  gsize len = strlen (base_url);

  while (len > 0 && base_url[len - 1] == '/')
    len--;
  self->base_url = g_strndup (base_url, len);
  self->access_token = g_strdup (access_token);

  return self;
}

const char *
paddock_client_get_base_url (PaddockClient *self)
{
  return self->base_url;
}

/**
 * paddock_client_set_retry_policy:
 * @max_retries: retries after the first attempt (idempotent requests only)
 * @base_delay_ms: the first backoff; each retry doubles it, with jitter
 * @max_delay_ms: the longest backoff
 */
void
paddock_client_set_retry_policy (PaddockClient *self,
                                 guint          max_retries,
                                 guint          base_delay_ms,
                                 guint          max_delay_ms)
{
  g_return_if_fail (PADDOCK_IS_CLIENT (self));

  self->max_retries = max_retries;
  self->base_delay_ms = MAX (1u, base_delay_ms);
  self->max_delay_ms = MAX (self->base_delay_ms, max_delay_ms);
}

void
paddock_client_set_timeout (PaddockClient *self,
                            guint          seconds)
{
  g_return_if_fail (PADDOCK_IS_CLIENT (self));

  g_object_set (self->session, "timeout", seconds, NULL);
}

/**
 * paddock_client_request_async:
 * @method: "GET", "POST", "PATCH", "PUT" or "DELETE"
 * @path: the path below the base URL, e.g. "/v2/account"
 * @query: (nullable): query parameters (name → value)
 * @body: (nullable): a JSON body
 * @flags: whether the request may be retried; GET always may
 */
void
paddock_client_request_async (PaddockClient        *self,
                              const char           *method,
                              const char           *path,
                              GHashTable           *query,
                              JsonNode             *body,
                              PaddockRequestFlags   flags,
                              GCancellable         *cancellable,
                              GAsyncReadyCallback   callback,
                              gpointer              user_data)
{
  g_autoptr (GTask) task = NULL;
  g_autofree char *log_path = NULL;
  Request *req;

  g_return_if_fail (PADDOCK_IS_CLIENT (self));
  g_return_if_fail (method != NULL && path != NULL && path[0] == '/');

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, paddock_client_request_async);

  req = g_new0 (Request, 1);
  req->method = g_strdup (method);
  req->flags = flags;
  if (g_str_equal (method, "GET"))
    req->flags |= PADDOCK_REQUEST_IDEMPOTENT;

  if (query != NULL && g_hash_table_size (query) > 0)
    {
      g_autofree char *encoded = soup_form_encode_hash (query);

      req->url = g_strdup_printf ("%s%s?%s", self->base_url, path, encoded);
    }
  else
    req->url = g_strconcat (self->base_url, path, NULL);

  if (body != NULL)
    {
      g_autoptr (JsonGenerator) gen = json_generator_new ();
      gsize len = 0;
      char *text;

      json_generator_set_root (gen, body);
      text = json_generator_to_data (gen, &len);
      req->body = g_bytes_new_take (text, len);
    }

  /* one cancellable for the caller's and the client's own (cancelled in dispose) */
  req->cancellable = g_cancellable_new ();
  if (cancellable != NULL)
    {
      req->caller_cancellable = g_object_ref (cancellable);
      req->cancel_id = g_cancellable_connect (cancellable, G_CALLBACK (caller_cancelled_cb),
                                              g_object_ref (req->cancellable), g_object_unref);
    }
  g_signal_connect_object (self->cancellable, "cancelled", G_CALLBACK (g_cancellable_cancel),
                           req->cancellable, G_CONNECT_SWAPPED);

  log_path = paddock_redact_url (req->url + strlen (self->base_url));
  g_task_set_name (task, log_path);
  g_task_set_task_data (task, req, (GDestroyNotify) request_free);

  send_attempt (g_steal_pointer (&task));
}

/**
 * paddock_client_request_finish:
 *
 * Returns: (transfer full): the reply's JSON (a null node for an empty reply), or %NULL
 */
JsonNode *
paddock_client_request_finish (PaddockClient  *self,
                               GAsyncResult   *result,
                               GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
get_account_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) node = paddock_client_request_finish (PADDOCK_CLIENT (object), result,
                                                             &error);
  PaddockAccount *account;

  if (node == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  account = paddock_account_new_from_json (node, &error);
  if (account == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, account, g_object_unref);
}

/**
 * paddock_client_get_account_async:
 *
 * Fetches `GET /v2/account`.
 */
void
paddock_client_get_account_async (PaddockClient       *self,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (PADDOCK_IS_CLIENT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, paddock_client_get_account_async);
  paddock_client_request_async (self, "GET", "/v2/account", NULL, NULL, PADDOCK_REQUEST_IDEMPOTENT,
                                cancellable, get_account_cb, g_steal_pointer (&task));
}

/**
 * paddock_client_get_account_finish:
 *
 * Returns: (transfer full): the account, or %NULL
 */
PaddockAccount *
paddock_client_get_account_finish (PaddockClient  *self,
                                   GAsyncResult   *result,
                                   GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
