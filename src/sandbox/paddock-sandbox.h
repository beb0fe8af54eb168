/* paddock-sandbox.h: a local, Alpaca-compatible simulated brokerage
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The sandbox runs a SoupServer bound to 127.0.0.1 on its own thread and main context.
 * Every public function may be called from any thread: the work is done on the
 * sandbox's thread and the call waits for it.
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define PADDOCK_TYPE_SANDBOX (paddock_sandbox_get_type ())
G_DECLARE_FINAL_TYPE (PaddockSandbox, paddock_sandbox, PADDOCK, SANDBOX, GObject)

/**
 * PaddockSandboxFaultKind:
 * @PADDOCK_SANDBOX_FAULT_LATENCY: delay the reply by @param milliseconds
 * @PADDOCK_SANDBOX_FAULT_STATUS: answer with HTTP status @param (400 to 599: 429, 500, 502, 503)
 * @PADDOCK_SANDBOX_FAULT_RESET: close the connection without answering
 * @PADDOCK_SANDBOX_FAULT_MALFORMED: answer 200 with a body that is not JSON
 * @PADDOCK_SANDBOX_FAULT_TRUNCATED: answer 200 and close the connection halfway through the body
 * @PADDOCK_SANDBOX_FAULT_DROP_AFTER_COMMIT: do the work (commit the order), then drop the reply
 * @PADDOCK_SANDBOX_FAULT_WS_CLOSE_AFTER: close trade-update websockets after @param events
 * @PADDOCK_SANDBOX_FAULT_WS_SILENT: trade-update websockets go silent (stay open, answer
 *   nothing, send no events) once listening and after @param events
 * @PADDOCK_SANDBOX_FAULT_REJECT_AFTER_ACCEPT: a new order (POST …/v2/orders) is accepted and
 *   answered as `new`, then the broker rejects it: a `rejected` trade update follows
 * @PADDOCK_SANDBOX_FAULT_HTML: answer with HTTP status @param (400 to 599) and an HTML error
 *   page (`text/html`), as a proxy or load balancer in front of an API does
 * @PADDOCK_SANDBOX_FAULT_DEEP: answer 200 with a JSON text of @param nested arrays (1 to
 *   16,777,216 levels)
 * @PADDOCK_SANDBOX_FAULT_LARGE: answer 200 with a valid JSON array of exactly @param bytes
 *   (2 to 1,073,741,824), written in pieces so the sandbox never holds it
 * @PADDOCK_SANDBOX_FAULT_INVALID_UTF8: answer 200 with a JSON object whose strings are not
 *   valid UTF-8
 */
typedef enum {
  PADDOCK_SANDBOX_FAULT_LATENCY,
  PADDOCK_SANDBOX_FAULT_STATUS,
  PADDOCK_SANDBOX_FAULT_RESET,
  PADDOCK_SANDBOX_FAULT_MALFORMED,
  PADDOCK_SANDBOX_FAULT_TRUNCATED,
  PADDOCK_SANDBOX_FAULT_DROP_AFTER_COMMIT,
  PADDOCK_SANDBOX_FAULT_WS_CLOSE_AFTER,
  PADDOCK_SANDBOX_FAULT_WS_SILENT,
  PADDOCK_SANDBOX_FAULT_REJECT_AFTER_ACCEPT,
  PADDOCK_SANDBOX_FAULT_HTML,
  PADDOCK_SANDBOX_FAULT_DEEP,
  PADDOCK_SANDBOX_FAULT_LARGE,
  PADDOCK_SANDBOX_FAULT_INVALID_UTF8,
} PaddockSandboxFaultKind;

PaddockSandbox *paddock_sandbox_new                (guint64                  seed);
gboolean        paddock_sandbox_start              (PaddockSandbox          *self,
                                                    guint16                  port,
                                                    GError                 **error);
void            paddock_sandbox_stop               (PaddockSandbox          *self);
guint16         paddock_sandbox_get_port           (PaddockSandbox          *self);
const char     *paddock_sandbox_get_base_url       (PaddockSandbox          *self);
const char     *paddock_sandbox_get_authorize_url  (PaddockSandbox          *self);
const char     *paddock_sandbox_get_live_url       (PaddockSandbox          *self);
const char     *paddock_sandbox_get_paper_url      (PaddockSandbox          *self);
const char     *paddock_sandbox_get_data_url       (PaddockSandbox          *self);
const char     *paddock_sandbox_get_polygon_url    (PaddockSandbox          *self);
const char     *paddock_sandbox_get_client_id      (PaddockSandbox          *self);
const char     *paddock_sandbox_get_client_secret  (PaddockSandbox          *self);
char           *paddock_sandbox_describe_json      (PaddockSandbox          *self);

void            paddock_sandbox_set_text_frames    (PaddockSandbox          *self,
                                                    gboolean                 text_frames);
void            paddock_sandbox_set_demo_history   (PaddockSandbox          *self,
                                                    gboolean                 demo_history);
void            paddock_sandbox_set_app_demo       (PaddockSandbox          *self,
                                                    gboolean                 app_demo);
void            paddock_sandbox_set_history_format (PaddockSandbox          *self,
                                                    gboolean                 milliseconds,
                                                    guint                    leading_gaps);
guint           paddock_sandbox_seed_orders        (PaddockSandbox          *self,
                                                    const char              *environment,
                                                    guint                    count,
                                                    const char              *symbol);
guint           paddock_sandbox_burst_trade_updates (PaddockSandbox         *self,
                                                    const char              *environment,
                                                    guint                    count);
void            paddock_sandbox_set_rate_limit     (PaddockSandbox          *self,
                                                    guint                    per_minute);
void            paddock_sandbox_set_tick_interval  (PaddockSandbox          *self,
                                                    guint                    milliseconds);
void            paddock_sandbox_add_fault          (PaddockSandbox          *self,
                                                    const char              *method,
                                                    const char              *path_prefix,
                                                    PaddockSandboxFaultKind  kind,
                                                    int                      param,
                                                    int                      count);
void            paddock_sandbox_clear_faults       (PaddockSandbox          *self);
guint           paddock_sandbox_count_requests     (PaddockSandbox          *self,
                                                    const char              *method,
                                                    const char              *path_prefix);
gboolean        paddock_sandbox_revoke_token       (PaddockSandbox          *self,
                                                    const char              *access_token);
guint           paddock_sandbox_revoke_all_tokens  (PaddockSandbox          *self);
gboolean        paddock_sandbox_set_price          (PaddockSandbox          *self,
                                                    const char              *symbol,
                                                    const char              *price);
void            paddock_sandbox_tick               (PaddockSandbox          *self);
char           *paddock_sandbox_issue_token        (PaddockSandbox          *self,
                                                    const char              *scope,
                                                    const char              *environment);
gboolean        paddock_sandbox_restore_token      (PaddockSandbox          *self,
                                                    const char              *access_token,
                                                    const char              *scope,
                                                    const char              *environment);
void            paddock_sandbox_set_sip_plan       (PaddockSandbox          *self,
                                                    gboolean                 sip_plan);
char          **paddock_sandbox_dup_data_requests  (PaddockSandbox          *self);
void            paddock_sandbox_clear_data_requests (PaddockSandbox         *self);

G_END_DECLS
