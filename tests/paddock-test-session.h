/* paddock-test-session.h: a signed-in PaddockSession on the in-process sandbox, for tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The endpoints of a sandbox (tests/sandbox-fixture.h), and a session on them signed in
 * with the sandbox fixture's token, as test-session.c, test-faults.c and the GTK tests
 * (paddock-test-gtk.h) set them up.
 */
#pragma once

#include "paddock-endpoints.h"
#include "paddock-session.h"
#include "sandbox-fixture.h"

G_BEGIN_DECLS

PaddockEndpoints *paddock_test_sandbox_endpoints (PaddockSandbox    *sandbox);
PaddockSession   *paddock_test_session_new       (PaddockEndpoints  *endpoints,
                                                  PaddockEnvironment environment,
                                                  const char        *token,
                                                  const char        *scope);
void              paddock_test_session_setup     (SandboxFixture    *sf,
                                                  PaddockEndpoints **endpoints,
                                                  PaddockSession   **session);
void              paddock_test_session_teardown  (SandboxFixture    *sf,
                                                  PaddockEndpoints **endpoints,
                                                  PaddockSession   **session);

/* A sandbox and its endpoints (for PADDOCK_TEST_ADD_FIXTURE (…, PaddockTestEndpointsFixture,
 * paddock_test_endpoints_fixture, …)); the teardown asserts that nothing kept the
 * endpoints */
typedef struct
{
  SandboxFixture sf;
  PaddockEndpoints *endpoints;
} PaddockTestEndpointsFixture;

void              paddock_test_endpoints_fixture_setup    (PaddockTestEndpointsFixture *f,
                                                           gconstpointer                data);
void              paddock_test_endpoints_fixture_teardown (PaddockTestEndpointsFixture *f,
                                                           gconstpointer                data);

G_END_DECLS
