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
timed_out_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  g_main_context_wakeup (NULL);
  return G_SOURCE_REMOVE;
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
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (PADDOCK_TEST_WAIT_SECONDS, timed_out_cb, &timed_out);

  while (!done (data))
    {
      if (timed_out)
        g_error ("waited %d s in vain for %s", PADDOCK_TEST_WAIT_SECONDS, what);
      g_main_context_iteration (NULL, TRUE);
    }
  if (!timed_out)
    g_source_remove (id);
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
