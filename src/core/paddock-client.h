/* paddock-client.h: Alpaca's REST API over one SoupSession
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "paddock-account.h"

G_BEGIN_DECLS

/**
 * PaddockRequestFlags:
 * @PADDOCK_REQUEST_DEFAULT: sent once; never retried
 * @PADDOCK_REQUEST_IDEMPOTENT: may be retried on 408, 429, 5xx and connection errors
 *
 * GETs are always idempotent. Cancelling an order is too (a second cancel only answers
 * "already done"). Anything that can create or change an order never is.
 */
typedef enum {
  PADDOCK_REQUEST_DEFAULT = 0,
  PADDOCK_REQUEST_IDEMPOTENT = 1 << 0,
} PaddockRequestFlags;

#define PADDOCK_TYPE_CLIENT (paddock_client_get_type ())
G_DECLARE_FINAL_TYPE (PaddockClient, paddock_client, PADDOCK, CLIENT, GObject)

PaddockClient  *paddock_client_new               (const char           *base_url,
                                                  const char           *access_token);
const char     *paddock_client_get_base_url      (PaddockClient        *self);
void            paddock_client_set_retry_policy  (PaddockClient        *self,
                                                  guint                 max_retries,
                                                  guint                 base_delay_ms,
                                                  guint                 max_delay_ms);
void            paddock_client_set_timeout       (PaddockClient        *self,
                                                  guint                 seconds);

void            paddock_client_request_async     (PaddockClient        *self,
                                                  const char           *method,
                                                  const char           *path,
                                                  GHashTable           *query,
                                                  JsonNode             *body,
                                                  PaddockRequestFlags   flags,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
JsonNode       *paddock_client_request_finish    (PaddockClient        *self,
                                                  GAsyncResult         *result,
                                                  GError              **error);

void            paddock_client_get_account_async  (PaddockClient       *self,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
PaddockAccount *paddock_client_get_account_finish (PaddockClient       *self,
                                                   GAsyncResult        *result,
                                                   GError             **error);

char           *paddock_redact_url               (const char           *url);

G_END_DECLS
