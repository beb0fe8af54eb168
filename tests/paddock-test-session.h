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
void              paddock_test_session_setup     (SandboxFixture    *sf,
                                                  PaddockEndpoints **endpoints,
                                                  PaddockSession   **session);
void              paddock_test_session_teardown  (SandboxFixture    *sf,
                                                  PaddockEndpoints **endpoints,
                                                  PaddockSession   **session);

G_END_DECLS
