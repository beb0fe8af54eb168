/* test-session.c: PaddockSession against the sandbox
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "paddock-error.h"
#include "paddock-session.h"
#include "paddock-test-session.h"
#include "paddock-test-utils.h"
#include "sandbox-fixture.h"

typedef struct
{
  SandboxFixture sf;
  PaddockEndpoints *endpoints;
  PaddockSession *session;
  GMainLoop *loop;
  gboolean ok;
  GError *error;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  paddock_test_session_setup (&f->sf, &f->endpoints, &f->session);
  paddock_client_set_retry_policy (paddock_session_get_client (f->session), 1, 10, 20);
  f->loop = g_main_loop_new (NULL, FALSE);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_error (&f->error);
  g_main_loop_unref (f->loop);
  paddock_test_session_teardown (&f->sf, &f->endpoints, &f->session);
}

static void
refresh_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Fixture *f = user_data;

  g_clear_error (&f->error);
  f->ok = paddock_session_refresh_finish (PADDOCK_SESSION (object), result, &f->error);
  g_main_loop_quit (f->loop);
}

static void
refresh (Fixture *f)
{
  paddock_session_refresh_async (f->session, NULL, refresh_cb, f);
  g_main_loop_run (f->loop);
}

static void
count_cb (GObject    *object,
          GParamSpec *pspec,
          guint      *count)
{
  (*count)++;
}

static void
test_loads_and_updates_in_place (Fixture       *f,
                                 gconstpointer  data)
{
  PaddockAccount *account;
  g_autofree char *cash_before = NULL;
  guint cash_notifies = 0;

  g_assert_cmpint (paddock_session_get_state (f->session), ==, PADDOCK_SESSION_LOADING);
  g_assert_null (paddock_session_get_account (f->session));
  refresh (f);
  g_assert_true (f->ok);
  g_assert_cmpint (paddock_session_get_state (f->session), ==, PADDOCK_SESSION_READY);
  account = paddock_session_get_account (f->session);
  g_assert_nonnull (account);
  cash_before = g_strdup (paddock_account_get_cash (account));
  g_signal_connect (account, "notify::cash", G_CALLBACK (count_cb), &cash_notifies);

  /* the account changes on the server: the same object follows */
  {
    g_autoptr (TestReply) reply = test_request (&f->sf, "POST", "paper:/v2/orders", f->sf.token,
                                                "{\"symbol\":\"AAPL\",\"qty\":\"3\",\"side\":\"buy\","
                                                "\"type\":\"market\",\"time_in_force\":\"day\"}");
    g_assert_cmpuint (reply->status, ==, 200);
  }
  refresh (f);
  g_assert_true (f->ok);
  g_assert_true (paddock_session_get_account (f->session) == account);
  g_assert_cmpstr (paddock_account_get_cash (account), !=, cash_before);
  g_assert_cmpuint (cash_notifies, ==, 1);
}

static void
test_revoked (Fixture       *f,
              gconstpointer  data)
{
  refresh (f);
  g_assert_true (f->ok);
  g_assert_true (paddock_sandbox_revoke_token (f->sf.sandbox, f->sf.token));
  refresh (f);
  g_assert_false (f->ok);
  g_assert_error (f->error, PADDOCK_ERROR, PADDOCK_ERROR_NOT_AUTHORIZED);
  g_assert_cmpint (paddock_session_get_state (f->session), ==, PADDOCK_SESSION_REVOKED);
  /* what was shown stays available */
  g_assert_nonnull (paddock_session_get_account (f->session));
}

static void
test_failure_then_retry (Fixture       *f,
                         gconstpointer  data)
{
  paddock_sandbox_add_fault (f->sf.sandbox, "GET", "/paper/v2/account",
                             PADDOCK_SANDBOX_FAULT_STATUS, 503, 2);
  refresh (f);
  g_assert_false (f->ok);
  g_assert_error (f->error, PADDOCK_ERROR, PADDOCK_ERROR_NETWORK);
  g_assert_cmpint (paddock_session_get_state (f->session), ==, PADDOCK_SESSION_FAILED);
  g_assert_nonnull (paddock_session_get_error (f->session));
  g_assert_null (paddock_session_get_account (f->session));

  refresh (f);
  g_assert_true (f->ok);
  g_assert_cmpint (paddock_session_get_state (f->session), ==, PADDOCK_SESSION_READY);
  g_assert_null (paddock_session_get_error (f->session));
}

static gboolean
stream_is_settled (gpointer data)
{
  PaddockTradeStreamState state = paddock_trade_stream_get_state (data);

  return state == PADDOCK_TRADE_STREAM_STATE_LIVE || state == PADDOCK_TRADE_STREAM_STATE_FAILED;
}

static void
test_trade_stream (Fixture       *f,
                   gconstpointer  data)
{
  PaddockTradeStream *stream = paddock_session_get_trade_stream (f->session);

  g_assert_true (paddock_session_get_trade_stream (f->session) == stream);
  g_assert_cmpstr (paddock_trade_stream_get_url (stream), ==,
                   paddock_endpoints_get_stream_url (f->endpoints));
  g_assert_cmpint (paddock_trade_stream_get_state (stream), ==, PADDOCK_TRADE_STREAM_STATE_STOPPED);

  paddock_trade_stream_start (stream);
  paddock_test_wait_until (stream_is_settled, stream, "the session's stream to be live");
  g_assert_cmpint (paddock_trade_stream_get_state (stream), ==, PADDOCK_TRADE_STREAM_STATE_LIVE);
  paddock_trade_stream_stop (stream);

  /* the stream refusing the token revokes the session, like a 401 */
  g_assert_true (paddock_sandbox_revoke_token (f->sf.sandbox, f->sf.token));
  paddock_trade_stream_start (stream);
  paddock_test_wait_until (stream_is_settled, stream, "the session's stream to fail");
  g_assert_cmpint (paddock_trade_stream_get_state (stream), ==, PADDOCK_TRADE_STREAM_STATE_FAILED);
  g_assert_cmpint (paddock_session_get_state (f->session), ==, PADDOCK_SESSION_REVOKED);
  g_assert_error ((GError *) paddock_session_get_error (f->session), PADDOCK_ERROR,
                  PADDOCK_ERROR_NOT_AUTHORIZED);
}

typedef struct
{
  gboolean done;
  gboolean ok;
  GError *error;
  guint order;     /* which finished first: 1, 2, … */
  guint *counter;
} Refresh;

static void
refresh_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Refresh *r = user_data;

  r->ok = paddock_session_refresh_finish (PADDOCK_SESSION (object), result, &r->error);
  r->order = ++*r->counter;
  r->done = TRUE;
}

/* Refreshes asked for while one is on its way get exactly one more, made after they asked:
 * here the first fetch fails, the one more succeeds */
static void
test_refresh_again (Fixture       *f,
                    gconstpointer  data)
{
  guint counter = 0;
  Refresh first = { .counter = &counter };
  Refresh second = { .counter = &counter };
  Refresh third = { .counter = &counter };

  /* both attempts of the first fetch (the client retries once) */
  paddock_sandbox_add_fault (f->sf.sandbox, "GET", "/paper/v2/account",
                             PADDOCK_SANDBOX_FAULT_STATUS, 503, 2);
  paddock_session_refresh_async (f->session, NULL, refresh_done_cb, &first);
  g_assert_true (paddock_session_get_refreshing (f->session));
  paddock_session_refresh_async (f->session, NULL, refresh_done_cb, &second);
  paddock_session_refresh_async (f->session, NULL, refresh_done_cb, &third);

  paddock_test_wait_flag (&first.done, "the first refresh to finish");
  g_assert_false (first.ok);
  g_assert_error (first.error, PADDOCK_ERROR, PADDOCK_ERROR_NETWORK);
  g_assert_cmpuint (first.order, ==, 1);
  g_assert_false (second.done);

  paddock_test_wait_flag (&second.done, "the refresh asked for meanwhile to finish");
  paddock_test_wait_flag (&third.done, "the other one asked for meanwhile to finish");
  g_assert_true (second.ok);
  g_assert_no_error (second.error);
  g_assert_true (third.ok);
  g_assert_no_error (third.error);
  g_assert_cmpint (paddock_session_get_state (f->session), ==, PADDOCK_SESSION_READY);
  g_assert_nonnull (paddock_session_get_account (f->session));
  /* exactly one more, not a loop */
  g_assert_false (paddock_session_get_refreshing (f->session));
  g_clear_error (&first.error);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  PADDOCK_TEST_ADD_FIXTURE ("/session/loads-and-updates-in-place", Fixture, fixture,
                            test_loads_and_updates_in_place);
  PADDOCK_TEST_ADD_FIXTURE ("/session/revoked", Fixture, fixture, test_revoked);
  PADDOCK_TEST_ADD_FIXTURE ("/session/failure-then-retry", Fixture, fixture,
                            test_failure_then_retry);
  PADDOCK_TEST_ADD_FIXTURE ("/session/trade-stream", Fixture, fixture, test_trade_stream);
  PADDOCK_TEST_ADD_FIXTURE ("/session/refresh-again", Fixture, fixture, test_refresh_again);

  return g_test_run ();
}
