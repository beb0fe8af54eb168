/* sandbox-fixture.h: a sandbox on its own thread and a blocking HTTP client for tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The sandbox serves from its own thread, so the test thread may use libsoup's
 * blocking calls against it.
 */
#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "paddock-sandbox.h"
#include "paddock-test-utils.h"

G_BEGIN_DECLS

typedef struct
{
  PaddockSandbox *sandbox;
  SoupSession *session;
  char *token;          /* paper token with every scope */
} SandboxFixture;

typedef struct
{
  guint status;
  SoupMessageHeaders *headers;   /* response headers */
  GBytes *body;
  JsonNode *json;                /* NULL when the body is not JSON */
  GError *error;                 /* transport error, status is 0 then */
} TestReply;

void       sandbox_fixture_setup    (SandboxFixture *f,
                                     gconstpointer   data);
void       sandbox_fixture_teardown (SandboxFixture *f,
                                     gconstpointer   data);

/* g_test_add() of a test on a SandboxFixture */
#define PADDOCK_TEST_ADD_SANDBOX(path, func) \
  PADDOCK_TEST_ADD_FIXTURE (path, SandboxFixture, sandbox_fixture, func)

/* url may be absolute or start with "paper:", "live:", "data:", "polygon:", "root:"
 * e.g. "paper:/v2/account". body is sent as JSON unless content_type says otherwise. */
TestReply *test_request             (SandboxFixture *f,
                                     const char     *method,
                                     const char     *url,
                                     const char     *token,
                                     const char     *body);
TestReply *test_request_full        (SandboxFixture *f,
                                     const char     *method,
                                     const char     *url,
                                     const char     *token,
                                     const char     *content_type,
                                     const char     *body,
                                     gboolean        follow_redirects);
char      *test_url                 (SandboxFixture *f,
                                     const char     *url);
void       test_reply_free          (TestReply      *reply);
JsonObject *test_reply_object       (TestReply      *reply); /* asserts an object */
JsonArray  *test_reply_array        (TestReply      *reply); /* asserts an array */
const char *test_reply_header       (TestReply      *reply,
                                     const char     *name);

/* Plays the browser on the sandbox's consent page, blocking (call it from a thread when the
 * redirect target runs on this thread's main loop): GET authorize_url, submit the form with
 * decision ("approve" or "deny"), then follow the redirect to the loopback receiver.
 * Returns the redirect address (holding code and state) or NULL; *status_out gets the
 * receiver's HTTP status when follow is TRUE. */
char      *test_browser_consent     (const char     *authorize_url,
                                     const char     *decision,
                                     gboolean        follow,
                                     guint          *status_out);

/* Registers an OAuth client for tests with redirect URIs on the given ports. */
void       test_register_client     (SandboxFixture *f,
                                     const char     *client_id,
                                     const char     *secret,
                                     const guint16  *ports,
                                     gsize           n_ports);

/* n free loopback ports (bound then released) */
void       test_free_ports          (guint16        *ports,
                                     gsize           n_ports);

/* Asserts the Alpaca error shape {"code": int, "message": string} */
void       test_assert_alpaca_error (TestReply      *reply,
                                     guint           status);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TestReply, test_reply_free)

G_END_DECLS
