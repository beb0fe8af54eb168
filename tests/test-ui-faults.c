/* test-ui-faults.c: the rows of the fault matrix (docs/RELIABILITY.md) that people see:
 * the controller driving a real window, on a real keyring and X server, against a sandbox
 * with faults. With 10 s of latency on every call the main loop never stalls and the
 * window shows progress; a server that answers garbage gets a clear message and Retry
 * recovers.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "paddock-controller.h"
#include "paddock-token-store.h"
#include "sandbox-fixture.h"
#include "paddock-test-gtk.h"

/* The widget called @name that is on screen now (several pages have one) */
static GtkWidget *
find_mapped (GtkWidget  *root,
             const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (root), name) == 0 && gtk_widget_get_mapped (root))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_mapped (child, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
spinner_shown (PaddockWindow *window,
               const char    *name)
{
  GtkWidget *spinner = find_mapped (GTK_WIDGET (window), name);

  return spinner != NULL && gtk_spinner_get_spinning (GTK_SPINNER (spinner));
}

/* A stored paper account on this test's sandbox, shown last: the controller starts on it
 * without a sign-in. */
typedef PaddockTestControllerFixture Fixture;

/* ---- the main loop's longest stall ------------------------------------------------------ */

typedef struct
{
  gint64 last;
  gint64 longest;
  guint source;
} Stall;

static gboolean
stall_tick_cb (gpointer data)
{
  Stall *s = data;
  gint64 now = g_get_monotonic_time ();

  s->longest = MAX (s->longest, now - s->last);
  s->last = now;
  return G_SOURCE_CONTINUE;
}

static void
stall_start (Stall *s)
{
  s->last = g_get_monotonic_time ();
  s->longest = 0;
  s->source = g_timeout_add (10, stall_tick_cb, s);
}

static void
stall_stop (Stall *s)
{
  stall_tick_cb (s);
  g_clear_handle_id (&s->source, g_source_remove);
}

/* Far shorter than the latency: a call waited for on the main loop would stall it 10 s. */
#define STALL_BOUND_USEC (4 * G_USEC_PER_SEC)
#define LATENCY_MS 10000

static void
test_latency (Fixture       *f,
              gconstpointer  data)
{
  PaddockAccountView *view = paddock_window_get_account_view (f->window);
  Stall stall = { 0 };
  gint64 start;

  /* every call to this sandbox, the account's and the lists', the websocket's handshake
   * too, answers after 10 s */
  paddock_sandbox_add_fault (f->sf.sandbox, "*", "/", PADDOCK_SANDBOX_FAULT_LATENCY, LATENCY_MS,
                             -1);
  stall_start (&stall);
  start = g_get_monotonic_time ();
  paddock_controller_start (f->controller, FALSE);

  /* progress while the account is awaited: the spinner, on screen and spinning */
  PADDOCK_TEST_WAIT_UNTIL (g_strcmp0 (paddock_window_get_page (f->window), "account") == 0 &&
                           spinner_shown (f->window, "account-spinner"));
  g_assert_cmpint (paddock_account_view_get_state (view), ==, PADDOCK_ACCOUNT_VIEW_LOADING);
  g_assert_null (paddock_test_shown_number (f->window));

  /* the window answers meanwhile: another view can be chosen and comes up */
  paddock_window_set_view (f->window, "orders");
  PADDOCK_TEST_WAIT_UNTIL (g_strcmp0 (paddock_window_get_view (f->window), "orders") == 0);
  paddock_window_set_view (f->window, "overview");
  PADDOCK_TEST_WAIT_UNTIL (g_strcmp0 (paddock_window_get_view (f->window), "overview") == 0);
  g_assert_true (spinner_shown (f->window, "account-spinner"));
  g_assert_cmpint (g_get_monotonic_time () - start, <, LATENCY_MS * 1000);

  /* the account comes, late */
  PADDOCK_TEST_WAIT_UNTIL (paddock_test_showing (f->window, PADDOCK_ENVIRONMENT_PAPER));
  g_assert_cmpint (g_get_monotonic_time () - start, >=, LATENCY_MS * 1000);
  g_assert_cmpstr (paddock_test_shown_number (f->window), ==, f->paper_number);

  /* the orders, asked for once the account came, are as slow: their list says it loads */
  paddock_window_set_view (f->window, "orders");
  PADDOCK_TEST_WAIT_UNTIL (spinner_shown (f->window, "freshness-spinner"));
  g_assert_cmpstr (paddock_window_get_view (f->window), ==, "orders");

  stall_stop (&stall);
  g_test_message ("longest main loop stall: %" G_GINT64_FORMAT " ms over %" G_GINT64_FORMAT
                  " ms", stall.longest / 1000, (g_get_monotonic_time () - start) / 1000);
  g_assert_cmpint (stall.longest, <, STALL_BOUND_USEC);

  /* the delayed replies still on their way hold the sandbox: let them go before it does */
  paddock_sandbox_clear_faults (f->sf.sandbox);
  {
    gint64 until = g_get_monotonic_time () + (LATENCY_MS + 500) * 1000;

    PADDOCK_TEST_WAIT_UNTIL (g_get_monotonic_time () > until);
  }
}

/* ---- garbage instead of the account: a clear message, and recovery -------------------------- */

/* A toast on screen whose text starts with @start */
static gboolean
toast_shown (GtkWidget  *root,
             const char *start,
             gboolean    in_toast)
{
  in_toast |= g_strcmp0 (gtk_widget_get_css_name (root), "toast") == 0;
  if (in_toast && GTK_IS_LABEL (root) && gtk_widget_get_mapped (root) &&
      g_str_has_prefix (gtk_label_get_label (GTK_LABEL (root)), start))
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (toast_shown (child, start, in_toast))
      return TRUE;
  return FALSE;
}

/* Closes the toast on screen, as its close button does (without a window manager the
 * window is never active, so a toast's timeout never runs out and the next one waits) */
static gboolean
close_toast (GtkWidget *root,
             gboolean   in_toast)
{
  in_toast |= g_strcmp0 (gtk_widget_get_css_name (root), "toast") == 0;
  if (in_toast && GTK_IS_BUTTON (root) && gtk_widget_get_mapped (root))
    {
      g_signal_emit_by_name (root, "clicked");
      return TRUE;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (close_toast (child, in_toast))
      return TRUE;
  return FALSE;
}

typedef struct
{
  PaddockSandboxFaultKind kind;
  int param;
  const char *message_start;   /* what people are told */
} Garbage;

static void
test_clear_messages (Fixture       *f,
                     gconstpointer  data)
{
  const Garbage garbage[] = {
    { PADDOCK_SANDBOX_FAULT_HTML, 503, "Service Unavailable" },
    { PADDOCK_SANDBOX_FAULT_MALFORMED, 0, "The reply was not valid JSON" },
    { PADDOCK_SANDBOX_FAULT_DEEP, 100000, "The reply was nested more than" },
    { PADDOCK_SANDBOX_FAULT_LARGE, 50 * 1000 * 1000, "The reply was larger than" },
    { PADDOCK_SANDBOX_FAULT_INVALID_UTF8, 0, "The reply was not valid JSON" },
  };
  PaddockAccountView *view = paddock_window_get_account_view (f->window);
  GtkWidget *error_page = paddock_test_find_named (GTK_WIDGET (view), "account-error");
  const char *description;

  /* the first load meets a proxy's error page: the error page says what, in words */
  g_assert_nonnull (error_page);
  paddock_sandbox_add_fault (f->sf.sandbox, "GET", "/paper/v2/account",
                             PADDOCK_SANDBOX_FAULT_HTML, 502, -1);
  paddock_controller_start (f->controller, FALSE);
  PADDOCK_TEST_WAIT_UNTIL (paddock_account_view_get_state (view) == PADDOCK_ACCOUNT_VIEW_ERROR);
  g_assert_true (gtk_widget_get_mapped (error_page));
  description = adw_status_page_get_description (ADW_STATUS_PAGE (error_page));
  g_assert_cmpstr (description, ==, "Bad Gateway");
  g_assert_true (gtk_widget_is_sensitive (paddock_test_find_named (error_page, "account-retry")));

  /* the server well again: Retry brings the account */
  paddock_sandbox_clear_faults (f->sf.sandbox);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "account-view.retry", NULL));
  PADDOCK_TEST_WAIT_UNTIL (paddock_test_showing (f->window, PADDOCK_ENVIRONMENT_PAPER) &&
                           paddock_account_view_get_state (view) == PADDOCK_ACCOUNT_VIEW_LOADED);
  g_assert_cmpstr (paddock_test_shown_number (f->window), ==, f->paper_number);

  /* a refresh that meets garbage: the figures stay, a toast says why in words */
  for (guint i = 0; i < G_N_ELEMENTS (garbage); i++)
    {
      g_autofree char *start = g_strdup_printf ("Could not refresh: %s",
                                                garbage[i].message_start);
      PaddockAccount *account = paddock_account_view_get_account (view);
      guint positions;

      paddock_sandbox_add_fault (f->sf.sandbox, "GET", "/paper/v2/account", garbage[i].kind,
                                 garbage[i].param, -1);
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.refresh", NULL));
      g_test_message ("waiting for \"%s…\"", start);
      PADDOCK_TEST_WAIT_UNTIL (toast_shown (GTK_WIDGET (f->window), start, FALSE));
      g_assert_false (toast_shown (GTK_WIDGET (f->window), "Could not refresh: <", FALSE));
      g_assert_true (paddock_test_showing (f->window, PADDOCK_ENVIRONMENT_PAPER));
      g_assert_true (paddock_account_view_get_account (view) == account);
      g_assert_cmpint (paddock_account_view_get_state (view), ==, PADDOCK_ACCOUNT_VIEW_LOADED);
      g_assert_true (close_toast (GTK_WIDGET (f->window), FALSE));
      PADDOCK_TEST_WAIT_UNTIL (!toast_shown (GTK_WIDGET (f->window), start, FALSE));

      /* recovery: the next refresh works (the lists follow the account only once it came) */
      paddock_sandbox_clear_faults (f->sf.sandbox);
      positions = paddock_sandbox_count_requests (f->sf.sandbox, "GET", "/paper/v2/positions");
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.refresh", NULL));
      PADDOCK_TEST_WAIT_UNTIL (paddock_sandbox_count_requests (f->sf.sandbox, "GET",
                                                               "/paper/v2/positions") > positions);
      g_assert_true (paddock_account_view_get_account (view) == account);
    }
}

/* ---- the token revoked mid-session --------------------------------------------------------- */

/* Access removed in Alpaca's dashboard while the window is open: nobody refreshes, the next
 * trade update meets the revoked token on the open websocket, and the window shows the
 * revoked page in place of the figures, naming the account. */
static void
test_revoked_mid_session (Fixture       *f,
                          gconstpointer  data)
{
  PaddockProblemPage *problem = paddock_window_get_problem_page (f->window);
  g_autoptr (TestReply) order = NULL;

  g_assert_true (paddock_sandbox_set_price (f->sf.sandbox, "AAPL", "200.00"));
  order = test_request (&f->sf, "POST", "paper:/v2/orders", f->sf.token,
                        "{\"symbol\":\"AAPL\",\"qty\":\"1\",\"side\":\"buy\","
                        "\"type\":\"limit\",\"limit_price\":\"150\",\"time_in_force\":\"gtc\"}");
  g_assert_cmpuint (order->status, ==, 200);
  paddock_controller_start (f->controller, FALSE);
  PADDOCK_TEST_WAIT_UNTIL (paddock_test_showing (f->window, PADDOCK_ENVIRONMENT_PAPER));
  PADDOCK_TEST_WAIT_UNTIL (g_strcmp0 (paddock_window_get_stream_status (f->window),
                                      "Live updates") == 0);

  g_assert_true (paddock_sandbox_revoke_token (f->sf.sandbox, f->sf.token));
  /* the market reaches the open order: its fill is the next event on the stream */
  g_assert_true (paddock_sandbox_set_price (f->sf.sandbox, "AAPL", "140.00"));
  PADDOCK_TEST_WAIT_UNTIL (g_strcmp0 (paddock_window_get_page (f->window), "problem") == 0);
  g_assert_cmpstr (paddock_problem_page_get_title (problem), ==,
                   "Your Access Was Revoked or Has Expired");
  g_assert_nonnull (strstr (adw_status_page_get_description (
                              ADW_STATUS_PAGE (paddock_test_find_named (f->window,
                                                                        "problem-status"))),
                            f->paper_number));
  g_assert_cmpint (paddock_window_get_environment (f->window), ==, PADDOCK_ENVIRONMENT_PAPER);
}

int
main (int   argc,
      char *argv[])
{
  if (paddock_test_no_keyring_display (&argc, &argv))
    return 77;

  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  PADDOCK_TEST_ADD_FIXTURE ("/ui/faults/latency-10s", Fixture, paddock_test_controller_fixture,
                            test_latency);
  PADDOCK_TEST_ADD_FIXTURE ("/ui/faults/clear-messages", Fixture,
                            paddock_test_controller_fixture, test_clear_messages);
  PADDOCK_TEST_ADD_FIXTURE ("/ui/faults/revoked-mid-session", Fixture,
                            paddock_test_controller_fixture, test_revoked_mid_session);

  return g_test_run ();
}
