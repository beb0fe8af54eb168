/* paddock-endpoints.h: where the brokerage lives, per environment
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/**
 * PaddockEnvironment:
 * @PADDOCK_ENVIRONMENT_DEMO: the built-in sandbox brokerage, nothing real
 * @PADDOCK_ENVIRONMENT_PAPER: Alpaca's paper trading (simulated money)
 * @PADDOCK_ENVIRONMENT_LIVE: Alpaca's live trading (real money)
 *
 * Which brokerage a session trades against.
 */
typedef enum {
  PADDOCK_ENVIRONMENT_DEMO,
  PADDOCK_ENVIRONMENT_PAPER,
  PADDOCK_ENVIRONMENT_LIVE,
} PaddockEnvironment;

#define PADDOCK_TYPE_ENVIRONMENT (paddock_environment_get_type ())
GType paddock_environment_get_type (void);

const char *paddock_environment_to_string   (PaddockEnvironment  environment);
gboolean    paddock_environment_from_string (const char         *str,
                                             PaddockEnvironment *out_environment);

/**
 * PADDOCK_DEFAULT_AUTHORIZE_URL:
 *
 * Alpaca's authorize endpoint, unless `PADDOCK_AUTHORIZE_URL` says otherwise.
 */
#define PADDOCK_DEFAULT_AUTHORIZE_URL "https://app.alpaca.markets/oauth/authorize"
#define PADDOCK_DEFAULT_LIVE_URL      "https://api.alpaca.markets"
#define PADDOCK_DEFAULT_PAPER_URL     "https://paper-api.alpaca.markets"
#define PADDOCK_DEFAULT_DATA_URL      "https://data.alpaca.markets"
#define PADDOCK_DEFAULT_POLYGON_URL   "https://api.polygon.io"

typedef struct _PaddockOAuthApp PaddockOAuthApp;

#define PADDOCK_TYPE_ENDPOINTS (paddock_endpoints_get_type ())
G_DECLARE_FINAL_TYPE (PaddockEndpoints, paddock_endpoints, PADDOCK, ENDPOINTS, GObject)

PaddockEndpoints   *paddock_endpoints_new                   (PaddockEnvironment   environment,
                                                             GError             **error);
PaddockEndpoints   *paddock_endpoints_new_from_environ      (PaddockEnvironment   environment,
                                                             const char * const  *envp,
                                                             GError             **error);
PaddockEndpoints   *paddock_endpoints_new_for_sandbox       (const char          *authorize_url,
                                                             const char          *live_url,
                                                             const char          *paper_url,
                                                             const char          *data_url,
                                                             const char          *polygon_url,
                                                             GError             **error);
PaddockEndpoints   *paddock_endpoints_new_from_sandbox_json (const char          *json,
                                                             PaddockOAuthApp    **out_app,
                                                             GError             **error);

PaddockEnvironment  paddock_endpoints_get_environment       (PaddockEndpoints    *self);
const char         *paddock_endpoints_get_authorize_url     (PaddockEndpoints    *self);
const char         *paddock_endpoints_get_token_url         (PaddockEndpoints    *self);
const char         *paddock_endpoints_get_live_url          (PaddockEndpoints    *self);
const char         *paddock_endpoints_get_paper_url         (PaddockEndpoints    *self);
const char         *paddock_endpoints_get_trading_url       (PaddockEndpoints    *self);
const char         *paddock_endpoints_get_data_url          (PaddockEndpoints    *self);
const char         *paddock_endpoints_get_polygon_url       (PaddockEndpoints    *self);
const char         *paddock_endpoints_get_stream_url        (PaddockEndpoints    *self);

char               *paddock_endpoints_join_url              (const char          *base,
                                                             const char          *path);

G_END_DECLS
