/* paddock-test-session.c: a signed-in PaddockSession on the in-process sandbox, for tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "paddock-test"

#include "config.h"

#include "paddock-test-session.h"

/* Endpoints for @sandbox's authorize, live, paper, data and polygon addresses */
PaddockEndpoints *
paddock_test_sandbox_endpoints (PaddockSandbox *sandbox)
{
  g_autoptr (GError) error = NULL;
  PaddockEndpoints *endpoints =
    paddock_endpoints_new_for_sandbox (paddock_sandbox_get_authorize_url (sandbox),
                                       paddock_sandbox_get_live_url (sandbox),
                                       paddock_sandbox_get_paper_url (sandbox),
                                       paddock_sandbox_get_data_url (sandbox),
                                       paddock_sandbox_get_polygon_url (sandbox),
                                       &error);

  g_assert_no_error (error);
  return endpoints;
}

/* A session on @endpoints signed in to account "acct" ("PA1") of @environment with
 * @token, granted @scope */
PaddockSession *
paddock_test_session_new (PaddockEndpoints   *endpoints,
                          PaddockEnvironment  environment,
                          const char         *token,
                          const char         *scope)
{
  g_autoptr (PaddockCredentials) credentials =
    paddock_credentials_new (environment, "acct", "PA1", token, "bearer", scope, NULL);

  return paddock_session_new (endpoints, credentials);
}

/**
 * paddock_test_session_setup:
 * @sf: the sandbox fixture to set up
 * @endpoints: (out): the sandbox's endpoints
 * @session: (out): a session on them, signed in to account "acct" ("PA1") with @sf's token
 *   and every scope, as a demo account
 *
 * sandbox_fixture_setup() and a session on it. The caller sets the session's client's
 * retry policy as its test wants it.
 */
void
paddock_test_session_setup (SandboxFixture    *sf,
                            PaddockEndpoints **endpoints,
                            PaddockSession   **session)
{
  sandbox_fixture_setup (sf, NULL);
  *endpoints = paddock_test_sandbox_endpoints (sf->sandbox);
  *session = paddock_test_session_new (*endpoints, PADDOCK_ENVIRONMENT_DEMO, sf->token,
                                       "account:write trading data");
}

/* Asserts that the session and the endpoints go with their last references (nothing
 * leaked one), then tears the sandbox fixture down */
void
paddock_test_session_teardown (SandboxFixture    *sf,
                               PaddockEndpoints **endpoints,
                               PaddockSession   **session)
{
  g_assert_finalize_object (g_steal_pointer (session));
  g_assert_finalize_object (g_steal_pointer (endpoints));
  sandbox_fixture_teardown (sf, NULL);
}

void
paddock_test_endpoints_fixture_setup (PaddockTestEndpointsFixture *f,
                                      gconstpointer                data)
{
  sandbox_fixture_setup (&f->sf, NULL);
  f->endpoints = paddock_test_sandbox_endpoints (f->sf.sandbox);
}

void
paddock_test_endpoints_fixture_teardown (PaddockTestEndpointsFixture *f,
                                         gconstpointer                data)
{
  g_assert_finalize_object (g_steal_pointer (&f->endpoints));
  sandbox_fixture_teardown (&f->sf, NULL);
}
