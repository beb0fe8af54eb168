/* paddock-client.c: Alpaca's REST API over one SoupSession
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every request carries the Bearer token in a header, never in the URL. Replies become
 * JSON nodes; Alpaca's errors become PADDOCK_ERROR codes that keep Alpaca's `code` and
 * `message`. Only idempotent requests are retried (408, 429, 5xx, connection errors) with
 * jittered exponential backoff that honours Retry-After and X-Ratelimit-*; a POST or PATCH
 * is sent exactly once, whatever happens.
 *
 * Replies are read through paddock_http_send_and_read_async(): at most `max-bytes` of body,
 * no redirects, and one deadline for the whole call, retries and waits included. A wait the
 * server asks for is clamped to PADDOCK_HTTP_MAX_SERVER_WAIT_S before any arithmetic; one
 * that would pass the deadline ends the call at once with PADDOCK_ERROR_RATE_LIMITED.
 */
#define G_LOG_DOMAIN "paddock-client"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>
#include <string.h>

#include "paddock-client.h"
#include "paddock-client-private.h"
#include "paddock-credentials.h"
#include "paddock-error.h"
#include "paddock-http.h"
#include "paddock-json.h"
#include "paddock-random.h"

#define DEFAULT_TIMEOUT_S 30
#define DEFAULT_MAX_RETRIES 3
#define DEFAULT_BASE_DELAY_MS 500
#define DEFAULT_MAX_DELAY_MS 30000
#define MIN_ATTEMPT_MS 1000       /* a wait must leave this much of the deadline for the request */

struct _PaddockClient
{
  GObject parent_instance;

  SoupSession *session;
  char *base_url;
  char *access_token;
  guint max_retries;
  guint base_delay_ms;
  guint max_delay_ms;
  guint64 max_bytes;
  guint deadline_ms;
  gint64 rate_reset_at_us;  /* real time: no requests until then (X-Ratelimit-Remaining: 0) */
  GCancellable *cancellable;
};

G_DEFINE_FINAL_TYPE (PaddockClient, paddock_client, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_MAX_BYTES,
  PROP_DEADLINE_MS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

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
  gint64 deadline_us;         /* monotonic: the whole call, retries and waits included */
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

/* A header's decimal number of seconds; FALSE when it is not one. g_ascii_strtoll()
 * saturates, so nothing here overflows. */
static gboolean
parse_seconds (const char *text,
               gint64     *seconds)
{
  char *end = NULL;

  *seconds = g_ascii_strtoll (text, &end, 10);
  return end != text && *end == '\0';
}

/* A wait the server asked for, in seconds, clamped before anything is multiplied */
static gint64
clamp_wait_s (gint64 seconds)
{
  return CLAMP (seconds, 0, PADDOCK_HTTP_MAX_SERVER_WAIT_S);
}

/* X-Ratelimit-Reset is an epoch time; tolerate servers that send "seconds from now".
 * Returns the clamped wait in seconds. */
static gint64
reset_wait_s (const char *reset,
              gint64      now_s)
{
  gint64 reset_s = g_ascii_strtoll (reset, NULL, 10);

  /* reset_s > 0 and now_s > 0 here, so the difference cannot overflow */
  if (reset_s > 1000000000)
    return clamp_wait_s (reset_s - now_s);
  return clamp_wait_s (reset_s);
}

/* Milliseconds the server asked us to wait (at most PADDOCK_HTTP_MAX_SERVER_WAIT_S), or -1. */
static gint64
server_wait_ms (SoupMessageHeaders *headers)
{
  const char *retry_after = soup_message_headers_get_one (headers, "Retry-After");
  const char *remaining = soup_message_headers_get_one (headers, "X-Ratelimit-Remaining");
  const char *reset = soup_message_headers_get_one (headers, "X-Ratelimit-Reset");
  gint64 now_s = g_get_real_time () / G_USEC_PER_SEC;

  if (retry_after != NULL)
    {
      gint64 seconds;

      if (parse_seconds (retry_after, &seconds) && seconds >= 0)
        return clamp_wait_s (seconds) * 1000;
      else
        {
          g_autoptr (GDateTime) when = soup_date_time_new_from_http_string (retry_after);

          /* years 1 to 9999: the difference fits */
          if (when != NULL)
            return clamp_wait_s (g_date_time_to_unix (when) - now_s) * 1000;
        }
    }

  if (remaining != NULL && reset != NULL && g_ascii_strtoll (remaining, NULL, 10) <= 0)
    return reset_wait_s (reset, now_s) * 1000;

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
      gint64 now = g_get_real_time ();

      if (g_ascii_strtoll (reset, NULL, 10) > 1000000000)
        self->rate_reset_at_us = now + reset_wait_s (reset, now / G_USEC_PER_SEC) * G_USEC_PER_SEC;
    }
  else
    self->rate_reset_at_us = 0;
}

static GError *
rate_limited_error (gint64 wait_ms)
{
  gint64 seconds = (wait_ms + 999) / 1000;

  return g_error_new (PADDOCK_ERROR, PADDOCK_ERROR_RATE_LIMITED,
                      g_dngettext (GETTEXT_PACKAGE,
                                   "The server asked to wait %lld second. Try again later.",
                                   "The server asked to wait %lld seconds. Try again later.",
                                   (gulong) CLAMP (seconds, 0, G_MAXINT32)),
                      (long long) seconds);
}

GError *
_paddock_client_error_from_reply (guint   status,
                                  GBytes *body,
                                  gsize   max_bytes)
{
  g_autoptr (JsonNode) root = NULL;
  const char *message = NULL;
  gint64 api_code = 0;
  gsize len = 0;
  const char *data = body ? g_bytes_get_data (body, &len) : NULL;
  PaddockError code;
  GError *error;

  /* the status decides the code; a body that is not Alpaca's error object only loses the
   * message */
  if (data != NULL && len > 0)
    root = paddock_json_parse (data, len, max_bytes, PADDOCK_JSON_MAX_DEPTH, NULL);
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

  req->wait_source = g_timeout_source_new ((guint) CLAMP (delay_ms, 0, G_MAXUINT));
  g_source_set_callback (req->wait_source, retry_cb, task, NULL);
  g_source_attach (req->wait_source, g_task_get_context (task));
}

/* Whether a wait of @delay_ms (at most a minute) leaves time for another attempt before
 * the deadline */
static gboolean
wait_fits (Request *req,
           gint64   delay_ms)
{
  return g_get_monotonic_time () + (delay_ms + MIN_ATTEMPT_MS) * 1000 < req->deadline_us;
}

/* Retries if allowed; returns TRUE when a retry is scheduled (the task is kept). When the
 * server asked for a wait that would pass the deadline, sets @wait_error instead. */
static gboolean
maybe_retry (GTask               *task,
             SoupMessageHeaders  *headers,
             GError             **wait_error)
{
  PaddockClient *self = g_task_get_source_object (task);
  Request *req = g_task_get_task_data (task);
  gint64 server_wait;
  gint64 delay;

  if (!(req->flags & PADDOCK_REQUEST_IDEMPOTENT) || req->attempt > self->max_retries)
    return FALSE;

  server_wait = headers ? server_wait_ms (headers) : -1;
  delay = server_wait >= 0 ? server_wait : backoff_ms (self, req->attempt);
  if (!wait_fits (req, delay))
    {
      /* the caller should tell the person to wait, not hang */
      if (server_wait >= 0 && wait_error != NULL)
        *wait_error = rate_limited_error (server_wait);
      return FALSE;
    }

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
  SoupMessage *msg = SOUP_MESSAGE (object);
  g_autoptr (GError) error = NULL;
  g_autoptr (GError) wait_error = NULL;
  g_autoptr (GBytes) body = NULL;
  SoupMessageHeaders *headers;
  JsonNode *node;
  guint status;
  gsize len = 0;
  const char *data;

  body = paddock_http_send_and_read_finish (msg, result, &error);

  if (error != NULL)
    {
      if (g_cancellable_is_cancelled (req->cancellable))
        {
          g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "Cancelled");
          return;
        }
      g_debug ("%s %s failed: %s", req->method, g_task_get_name (task), error->message);
      if (error->domain == PADDOCK_ERROR)
        {
          /* too large, a redirect, or out of time: asking again would not help */
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      if (is_retryable_error (error) && maybe_retry (task, NULL, NULL))
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
      if (is_retryable_status (status) && maybe_retry (task, headers, &wait_error))
        {
          g_steal_pointer (&task);
          return;
        }
      if (wait_error != NULL)
        {
          paddock_error_set_api_details (wait_error, status, 0);
          g_task_return_error (task, g_steal_pointer (&wait_error));
          return;
        }
      g_task_return_error (task, _paddock_client_error_from_reply (status, body, self->max_bytes));
      return;
    }

  data = g_bytes_get_data (body, &len);
  if (status == 204 || len == 0)
    {
      g_task_return_pointer (task, json_node_new (JSON_NODE_NULL), (GDestroyNotify) json_node_unref);
      return;
    }

  node = paddock_json_parse (data, len, self->max_bytes, PADDOCK_JSON_MAX_DEPTH, &error);
  if (node == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_pointer (task, node, (GDestroyNotify) json_node_unref);
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

  /* the server said the window is used up: wait for its reset instead of earning a 429
   * (rate_reset_at_us is at most PADDOCK_HTTP_MAX_SERVER_WAIT_S ahead) */
  if (self->rate_reset_at_us > now && (req->flags & PADDOCK_REQUEST_IDEMPOTENT))
    {
      gint64 delay_ms = (self->rate_reset_at_us - now) / 1000;

      if (!wait_fits (req, delay_ms))
        {
          g_task_return_error (task, rate_limited_error (delay_ms));
          g_object_unref (task);
          return;
        }
      self->rate_reset_at_us = 0;
      schedule_attempt (task, delay_ms);
      return;
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
  auth = g_strdup_printf ("Bearer %s", self->access_token);
  soup_message_headers_replace (headers, "Authorization", auth);
  soup_message_headers_replace (headers, "Accept", "application/json");
  if (req->body != NULL)
    soup_message_set_request_body_from_bytes (msg, "application/json", req->body);
  /* libsoup silently sends an idempotent method (DELETE, PUT) again when a reused
   * connection closes before the reply: closing a position twice. A fresh connection is
   * never "reused", so a request that must go out once does. */
  if (!(req->flags & PADDOCK_REQUEST_IDEMPOTENT))
    soup_message_add_flags (msg, SOUP_MESSAGE_NEW_CONNECTION);

  req->attempt++;
  g_signal_emit (self, signals[ATTEMPT], 0, req->method, g_task_get_name (task), req->attempt);
  g_debug ("→ %s %s", req->method, g_task_get_name (task));

  paddock_http_send_and_read_async (self->session, msg, (gsize) self->max_bytes,
                                    req->deadline_us, req->cancellable, send_cb, task);
}

static void
caller_cancelled_cb (GCancellable *caller,
                     gpointer      user_data)
{
  g_cancellable_cancel (G_CANCELLABLE (user_data));
}

static void
paddock_client_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  PaddockClient *self = PADDOCK_CLIENT (object);

  switch (prop_id)
    {
    case PROP_MAX_BYTES:
      g_value_set_uint64 (value, self->max_bytes);
      break;
    case PROP_DEADLINE_MS:
      g_value_set_uint (value, self->deadline_ms);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
paddock_client_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  PaddockClient *self = PADDOCK_CLIENT (object);

  switch (prop_id)
    {
    case PROP_MAX_BYTES:
      if (self->max_bytes != g_value_get_uint64 (value))
        {
          self->max_bytes = g_value_get_uint64 (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_DEADLINE_MS:
      if (self->deadline_ms != g_value_get_uint (value))
        {
          self->deadline_ms = g_value_get_uint (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
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

  object_class->get_property = paddock_client_get_property;
  object_class->set_property = paddock_client_set_property;
  object_class->dispose = paddock_client_dispose;
  object_class->finalize = paddock_client_finalize;

  /**
   * PaddockClient:max-bytes:
   *
   * The largest reply body read, counted after decompression; a larger one is
   * %PADDOCK_ERROR_PROTOCOL.
   */
  properties[PROP_MAX_BYTES] =
    g_param_spec_uint64 ("max-bytes", NULL, NULL, 1, PADDOCK_HTTP_MAX_BYTES,
                         PADDOCK_HTTP_MAX_BYTES,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * PaddockClient:deadline-ms:
   *
   * How long one call may take, retries and waits included. Passing it is
   * %PADDOCK_ERROR_NETWORK; a wait the server asks for that would pass it is
   * %PADDOCK_ERROR_RATE_LIMITED at once.
   */
  properties[PROP_DEADLINE_MS] =
    g_param_spec_uint ("deadline-ms", NULL, NULL, 1, 10 * 60 * 1000, PADDOCK_HTTP_DEADLINE_MS,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

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
  self->max_bytes = PADDOCK_HTTP_MAX_BYTES;
  self->deadline_ms = PADDOCK_HTTP_DEADLINE_MS;
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

  /* a token with a CR, an LF or a space would break (or inject into) the header */
  if (!paddock_access_token_is_valid (self->access_token))
    {
      g_task_return_new_error (task, PADDOCK_ERROR, PADDOCK_ERROR_NOT_AUTHORIZED,
                               _("The stored access token is not usable. Sign in again."));
      return;
    }

  req = g_new0 (Request, 1);
  req->method = g_strdup (method);
  req->flags = flags;
  req->deadline_us = paddock_http_deadline_after (self->deadline_ms);
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
