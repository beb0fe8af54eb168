/* paddock-sandbox-control.c: the control API, /_sandbox/…
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Not part of Alpaca's API: tests of a standalone paddock-sandbox use it to add faults,
 * revoke tokens, move the market and seed past orders over HTTP, as the in-process ones
 * call the public functions. No token is needed, so every member of a body is checked for
 * its type.
 */
#define G_LOG_DOMAIN "paddock-sandbox-control"

#include "config.h"

#include "paddock-sandbox-private.h"

static gboolean
parse_fault_kind (const char              *text,
                  PaddockSandboxFaultKind *kind)
{
  static const struct { const char *name; PaddockSandboxFaultKind kind; } kinds[] = {
    { "latency", PADDOCK_SANDBOX_FAULT_LATENCY },
    { "status", PADDOCK_SANDBOX_FAULT_STATUS },
    { "reset", PADDOCK_SANDBOX_FAULT_RESET },
    { "malformed", PADDOCK_SANDBOX_FAULT_MALFORMED },
    { "truncated", PADDOCK_SANDBOX_FAULT_TRUNCATED },
    { "drop_after_commit", PADDOCK_SANDBOX_FAULT_DROP_AFTER_COMMIT },
    { "ws_close_after", PADDOCK_SANDBOX_FAULT_WS_CLOSE_AFTER },
    { "ws_silent", PADDOCK_SANDBOX_FAULT_WS_SILENT },
    { "reject_after_accept", PADDOCK_SANDBOX_FAULT_REJECT_AFTER_ACCEPT },
    { "html", PADDOCK_SANDBOX_FAULT_HTML },
    { "deep", PADDOCK_SANDBOX_FAULT_DEEP },
    { "large", PADDOCK_SANDBOX_FAULT_LARGE },
    { "invalid_utf8", PADDOCK_SANDBOX_FAULT_INVALID_UTF8 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (g_strcmp0 (text, kinds[i].name) == 0)
      {
        *kind = kinds[i].kind;
        return TRUE;
      }
  return FALSE;
}

static void
control_add_fault (SandboxRequest *req)
{
  JsonObject *obj = _sandbox_request_json_object (req);
  const char *kind_text, *method, *path;
  gint64 param = 0, count = 1;
  PaddockSandboxFaultKind kind;

  if (obj == NULL)
    return;
  if (!_sandbox_json_get_string (obj, "kind", &kind_text) ||
      !_sandbox_json_get_string (obj, "method", &method) ||
      !_sandbox_json_get_string (obj, "path", &path))
    {
      _sandbox_reply_error (req, 400, 40010000, "kind, method and path must be strings");
      return;
    }
  if (!_sandbox_json_get_int (obj, "param", G_MININT, G_MAXINT, &param) ||
      !_sandbox_json_get_int (obj, "count", G_MININT, G_MAXINT, &count))
    {
      _sandbox_reply_error (req, 400, 40010000, "param and count must be 32-bit integers");
      return;
    }
  if (!parse_fault_kind (kind_text, &kind))
    {
      _sandbox_reply_error (req, 422, 40010000, "unknown fault kind");
      return;
    }
  if (kind == PADDOCK_SANDBOX_FAULT_STATUS && !SANDBOX_FAULT_STATUS_VALID (param))
    {
      _sandbox_reply_error (req, 400, 40010000,
                            "a status fault's param must be an HTTP status from 400 to 599");
      return;
    }
  if (!SANDBOX_FAULT_PARAM_VALID (kind, param))
    {
      _sandbox_reply_error (req, 400, 40010000,
                            "an html fault's param must be an HTTP status from 400 to 599, "
                            "a deep fault's from 1 to 16777216 levels, a large fault's from 2 "
                            "to 1073741824 bytes");
      return;
    }
  paddock_sandbox_add_fault (req->sandbox, method ? method : "*", path ? path : "/", kind,
                             (int) param, (int) count);
  _sandbox_reply_empty (req, 204);
}

static void
control_clear_faults (SandboxRequest *req)
{
  paddock_sandbox_clear_faults (req->sandbox);
  _sandbox_reply_empty (req, 204);
}

static void
control_revoke (SandboxRequest *req)
{
  JsonObject *obj = _sandbox_request_json_object (req);
  const char *token;

  if (obj == NULL)
    return;
  /* only a missing member means "every token": anything else must name one */
  if (!_sandbox_json_get_string (obj, "access_token", &token))
    {
      _sandbox_reply_error (req, 400, 40010000, "access_token must be a string");
      return;
    }
  if (token != NULL)
    {
      if (!paddock_sandbox_revoke_token (req->sandbox, token))
        {
          _sandbox_reply_error (req, 404, 40410000, "no such token");
          return;
        }
    }
  else
    paddock_sandbox_revoke_all_tokens (req->sandbox);
  _sandbox_reply_empty (req, 204);
}

static void
control_price (SandboxRequest *req)
{
  JsonObject *obj = _sandbox_request_json_object (req);
  const char *symbol, *price;

  if (obj == NULL)
    return;
  if (!_sandbox_json_get_string (obj, "symbol", &symbol) ||
      !_sandbox_json_get_string (obj, "price", &price))
    {
      _sandbox_reply_error (req, 400, 40010000, "symbol and price must be strings");
      return;
    }
  if (!paddock_sandbox_set_price (req->sandbox, symbol ? symbol : "", price ? price : ""))
    {
      _sandbox_reply_error (req, 422, 40010000, "unknown symbol or bad price");
      return;
    }
  _sandbox_reply_empty (req, 204);
}

static void
control_tick (SandboxRequest *req)
{
  paddock_sandbox_tick (req->sandbox);
  _sandbox_reply_empty (req, 204);
}

/* {"milliseconds": 0…3600000}: the time between market steps; 0 stops the market (steps
 * then only by POST /_sandbox/tick), so that a client's figures can be compared with the
 * account's exactly */
static void
control_tick_interval (SandboxRequest *req)
{
  JsonObject *obj = _sandbox_request_json_object (req);
  gint64 milliseconds = -1;

  if (obj == NULL)
    return;
  if (!_sandbox_json_get_int (obj, "milliseconds", 0, 3600000, &milliseconds) || milliseconds < 0)
    {
      _sandbox_reply_error (req, 400, 40010000, "milliseconds must be an integer from 0 to 3600000");
      return;
    }
  paddock_sandbox_set_tick_interval (req->sandbox, (guint) milliseconds);
  _sandbox_reply_empty (req, 204);
}

/* {"milliseconds": true|false, "leading_gaps": 0…100000}: how the portfolio history is
 * answered (see paddock_sandbox_set_history_format()); both members are required */
static void
control_history_format (SandboxRequest *req)
{
  JsonObject *obj = _sandbox_request_json_object (req);
  JsonNode *ms;
  gint64 gaps = -1;

  if (obj == NULL)
    return;
  ms = json_object_get_member (obj, "milliseconds");
  if (ms == NULL || !JSON_NODE_HOLDS_VALUE (ms) ||
      json_node_get_value_type (ms) != G_TYPE_BOOLEAN ||
      !_sandbox_json_get_int (obj, "leading_gaps", 0, 100000, &gaps) || gaps < 0)
    {
      _sandbox_reply_error (req, 400, 40010000,
                            "milliseconds must be a boolean and leading_gaps an integer from 0 "
                            "to 100000");
      return;
    }
  paddock_sandbox_set_history_format (req->sandbox, json_node_get_boolean (ms), (guint) gaps);
  _sandbox_reply_empty (req, 204);
}

/* {"count": 1…100000, "symbol": optional, "environment": "paper" (default) or "live"} */
static void
control_seed_orders (SandboxRequest *req)
{
  JsonObject *obj = _sandbox_request_json_object (req);
  const char *symbol, *environment;
  gint64 count = -1;
  guint added;

  if (obj == NULL)
    return;
  if (!_sandbox_json_get_string (obj, "symbol", &symbol) ||
      !_sandbox_json_get_string (obj, "environment", &environment))
    {
      _sandbox_reply_error (req, 400, 40010000, "symbol and environment must be strings");
      return;
    }
  if (!_sandbox_json_get_int (obj, "count", G_MININT, G_MAXINT, &count))
    {
      _sandbox_reply_error (req, 400, 40010000, "count must be a 32-bit integer");
      return;
    }
  if (count < 1 || count > 100000)
    {
      _sandbox_reply_error (req, 422, 40010000, "count must be from 1 to 100000");
      return;
    }
  if (environment != NULL && !g_str_equal (environment, "paper") &&
      !g_str_equal (environment, "live"))
    {
      _sandbox_reply_error (req, 422, 40010000, "environment must be paper or live");
      return;
    }
  if (symbol != NULL && _sandbox_lookup_symbol (req->sandbox, symbol) == NULL)
    {
      _sandbox_reply_error (req, 422, 40010000, "unknown symbol");
      return;
    }
  added = paddock_sandbox_seed_orders (req->sandbox, environment ? environment : "paper",
                                       (guint) count, symbol);
  if (added == 0)
    {
      _sandbox_reply_error (req, 422, 40010000, "the account holds too many orders");
      return;
    }
  {
    g_autoptr (JsonBuilder) b = json_builder_new ();

    json_builder_begin_object (b);
    json_builder_set_member_name (b, "count");
    json_builder_add_int_value (b, added);
    json_builder_end_object (b);
    _sandbox_reply_builder (req, 200, b);
  }
}

/* {"count": 1…100000, "environment": "paper" (default) or "live"}: that many trade updates
 * at once, for benchmarks of clients */
static void
control_burst (SandboxRequest *req)
{
  JsonObject *obj = _sandbox_request_json_object (req);
  const char *environment;
  gint64 count = -1;
  guint sent;

  if (obj == NULL)
    return;
  if (!_sandbox_json_get_string (obj, "environment", &environment))
    {
      _sandbox_reply_error (req, 400, 40010000, "environment must be a string");
      return;
    }
  if (!_sandbox_json_get_int (obj, "count", G_MININT, G_MAXINT, &count))
    {
      _sandbox_reply_error (req, 400, 40010000, "count must be a 32-bit integer");
      return;
    }
  if (count < 1 || count > 100000)
    {
      _sandbox_reply_error (req, 422, 40010000, "count must be from 1 to 100000");
      return;
    }
  if (environment != NULL && !g_str_equal (environment, "paper") &&
      !g_str_equal (environment, "live"))
    {
      _sandbox_reply_error (req, 422, 40010000, "environment must be paper or live");
      return;
    }
  sent = _sandbox_trading_burst (req->sandbox,
                                 g_strcmp0 (environment, "live") == 0 ? SANDBOX_ENV_LIVE
                                                                      : SANDBOX_ENV_PAPER,
                                 (guint) count);
  if (sent == 0)
    {
      _sandbox_reply_error (req, 422, 40010000, "the account has no orders");
      return;
    }
  {
    g_autoptr (JsonBuilder) b = json_builder_new ();

    json_builder_begin_object (b);
    json_builder_set_member_name (b, "count");
    json_builder_add_int_value (b, sent);
    json_builder_end_object (b);
    _sandbox_reply_builder (req, 200, b);
  }
}

/* {"sip": bool}: whether the account's market data plan includes SIP */
static void
control_data_plan (SandboxRequest *req)
{
  JsonObject *obj = _sandbox_request_json_object (req);
  JsonNode *sip;

  if (obj == NULL)
    return;
  sip = json_object_get_member (obj, "sip");
  if (sip == NULL || !JSON_NODE_HOLDS_VALUE (sip) ||
      json_node_get_value_type (sip) != G_TYPE_BOOLEAN)
    {
      _sandbox_reply_error (req, 400, 40010000, "sip must be a boolean");
      return;
    }
  paddock_sandbox_set_sip_plan (req->sandbox, json_node_get_boolean (sip));
  _sandbox_reply_empty (req, 204);
}

/* {"requests": ["GET /v2/…?…", …]}: the data host's requests, oldest first */
static void
control_data_requests (SandboxRequest *req)
{
  g_auto (GStrv) requests = paddock_sandbox_dup_data_requests (req->sandbox);
  g_autoptr (JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "requests");
  json_builder_begin_array (b);
  for (guint i = 0; requests[i] != NULL; i++)
    json_builder_add_string_value (b, requests[i]);
  json_builder_end_array (b);
  json_builder_end_object (b);
  _sandbox_reply_builder (req, 200, b);
}

static void
control_clear_data_requests (SandboxRequest *req)
{
  paddock_sandbox_clear_data_requests (req->sandbox);
  _sandbox_reply_empty (req, 204);
}

const SandboxRoute _sandbox_control_routes[] = {
  { "POST", SANDBOX_BASE_ROOT, "/_sandbox/seed_orders", SANDBOX_AUTH_NONE, control_seed_orders },
  { "POST", SANDBOX_BASE_ROOT, "/_sandbox/burst", SANDBOX_AUTH_NONE, control_burst },
  { "POST", SANDBOX_BASE_ROOT, "/_sandbox/faults", SANDBOX_AUTH_NONE, control_add_fault },
  { "DELETE", SANDBOX_BASE_ROOT, "/_sandbox/faults", SANDBOX_AUTH_NONE, control_clear_faults },
  { "POST", SANDBOX_BASE_ROOT, "/_sandbox/revoke", SANDBOX_AUTH_NONE, control_revoke },
  { "POST", SANDBOX_BASE_ROOT, "/_sandbox/price", SANDBOX_AUTH_NONE, control_price },
  { "POST", SANDBOX_BASE_ROOT, "/_sandbox/tick", SANDBOX_AUTH_NONE, control_tick },
  { "POST", SANDBOX_BASE_ROOT, "/_sandbox/tick_interval", SANDBOX_AUTH_NONE, control_tick_interval },
  { "POST", SANDBOX_BASE_ROOT, "/_sandbox/data_plan", SANDBOX_AUTH_NONE, control_data_plan },
  { "GET", SANDBOX_BASE_ROOT, "/_sandbox/data_requests", SANDBOX_AUTH_NONE, control_data_requests },
  { "DELETE", SANDBOX_BASE_ROOT, "/_sandbox/data_requests", SANDBOX_AUTH_NONE,
    control_clear_data_requests },
  { "POST", SANDBOX_BASE_ROOT, "/_sandbox/history_format", SANDBOX_AUTH_NONE,
    control_history_format },
  { NULL, 0, NULL, 0, NULL }
};
