/* paddock-test-utils.c: what every GLib test program of Paddock's needs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "paddock-test-utils"

#include "config.h"

#include "paddock-test-utils.h"

/**
 * paddock_test_async_cb:
 *
 * A #GAsyncReadyCallback whose user data is a #PaddockTestAsync: keeps the result for
 * paddock_test_async_wait().
 */
void
paddock_test_async_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  PaddockTestAsync *wait = user_data;

  g_assert_null (wait->result);
  wait->result = g_object_ref (result);
  g_main_context_wakeup (NULL);
}

static gboolean
async_done (gpointer data)
{
  return ((PaddockTestAsync *) data)->result != NULL;
}

/**
 * paddock_test_async_wait:
 * @wait: where paddock_test_async_cb() keeps the result
 *
 * Runs the default main context until the call has ended.
 *
 * Returns: (transfer none): the result, for the call's `_finish`
 */
GAsyncResult *
paddock_test_async_wait (PaddockTestAsync *wait)
{
  paddock_test_wait_until (async_done, wait, "an async call to end");
  return wait->result;
}

void
paddock_test_async_clear (PaddockTestAsync *wait)
{
  g_clear_object (&wait->result);
}

static gboolean
watchdog_cb (gpointer data)
{
  g_error ("waited %s", (const char *) data);
  return G_SOURCE_REMOVE;
}

/**
 * paddock_test_watchdog_start:
 * @seconds: how long the wait may take
 * @what: what is waited for
 *
 * Adds a timeout to the default main context that fails the test, naming @what, when it
 * fires: the hang detector of a wait. Remove it with g_source_remove() when the wait is over.
 *
 * Returns: the source's id
 */
guint
paddock_test_watchdog_start (guint       seconds,
                             const char *what)
{
  return g_timeout_add_seconds_full (G_PRIORITY_DEFAULT, seconds, watchdog_cb,
                                     g_strdup_printf ("%u s in vain for %s", seconds, what),
                                     g_free);
}

static void
wait_until_seconds (gboolean  (*done) (gpointer data),
                    gpointer    data,
                    guint       seconds,
                    const char *what)
{
  guint id = paddock_test_watchdog_start (seconds, what);

  while (!done (data))
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (id);
}

/**
 * paddock_test_wait_until:
 * @done: tells whether the wait is over
 * @data: for @done
 * @what: what is waited for, for the message when it never comes
 *
 * Runs the default main context until @done says so; fails the test after
 * %PADDOCK_TEST_WAIT_SECONDS.
 */
void
paddock_test_wait_until (gboolean  (*done) (gpointer data),
                         gpointer    data,
                         const char *what)
{
  wait_until_seconds (done, data, PADDOCK_TEST_WAIT_SECONDS, what);
}

static gboolean
flag_set (gpointer data)
{
  return *(const gboolean *) data;
}

/**
 * paddock_test_wait_flag:
 * @flag: set by a callback when the awaited thing has happened
 * @what: what is waited for
 *
 * paddock_test_wait_until() on a flag.
 */
void
paddock_test_wait_flag (const gboolean *flag,
                        const char     *what)
{
  paddock_test_wait_until (flag_set, (gpointer) flag, what);
}

/**
 * paddock_test_wait_flag_seconds:
 * @flag: set by a callback when the awaited thing has happened
 * @seconds: how long it may take before the test fails
 * @what: what is waited for
 *
 * paddock_test_wait_flag() with a deadline of its own, for a test whose point is that
 * something happens within @seconds.
 */
void
paddock_test_wait_flag_seconds (const gboolean *flag,
                                guint           seconds,
                                const char     *what)
{
  wait_until_seconds (flag_set, (gpointer) flag, seconds, what);
}

/**
 * paddock_test_drain:
 *
 * Runs whatever the default main context has ready, without blocking: lets pending
 * callbacks (cancelled ones, idle sources) run before the test looks.
 */
void
paddock_test_drain (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

guint
paddock_test_slowdown (void)
{
  return g_strcmp0 (g_getenv ("PADDOCK_MEMCHECK"), "1") == 0 ? 10 : 1;
}
