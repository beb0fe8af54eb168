/* paddock-test-utils.h: what every GLib test program of Paddock's needs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/**
 * PADDOCK_TEST_WAIT_SECONDS:
 *
 * How long a test waits for something that should happen before it gives up with a
 * message naming what it waited for (not a speed check: a hang detector).
 */
#define PADDOCK_TEST_WAIT_SECONDS 60

/* The result of one async call, caught by paddock_test_async_cb(). */
typedef struct
{
  GAsyncResult *result;
} PaddockTestAsync;

void          paddock_test_async_cb    (GObject          *source,
                                        GAsyncResult     *result,
                                        gpointer          user_data);
GAsyncResult *paddock_test_async_wait  (PaddockTestAsync *wait);
void          paddock_test_async_clear (PaddockTestAsync *wait);

void          paddock_test_wait_until  (gboolean        (*done) (gpointer data),
                                        gpointer          data,
                                        const char       *what);
void          paddock_test_wait_flag   (const gboolean   *flag,
                                        const char       *what);
void          paddock_test_wait_flag_seconds (const gboolean *flag,
                                              guint           seconds,
                                              const char     *what);
void          paddock_test_drain       (void);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (PaddockTestAsync, paddock_test_async_clear)

/* for PADDOCK_TEST_WAIT_UNTIL(): a source that fails the test when it fires */
guint         paddock_test_watchdog_start (guint       seconds,
                                           const char *what);

/**
 * PADDOCK_TEST_WAIT_UNTIL:
 * @cond: an expression, evaluated again after every main context iteration
 *
 * paddock_test_wait_until() for a condition written in place: runs the default main context
 * until @cond holds; fails the test, naming @cond, after %PADDOCK_TEST_WAIT_SECONDS.
 */
#define PADDOCK_TEST_WAIT_UNTIL(cond) \
  G_STMT_START { \
    guint paddock_test_watchdog_ = \
      paddock_test_watchdog_start (PADDOCK_TEST_WAIT_SECONDS, #cond); \
    while (!(cond)) \
      g_main_context_iteration (NULL, TRUE); \
    g_source_remove (paddock_test_watchdog_); \
  } G_STMT_END

/**
 * PADDOCK_TEST_ADD_FIXTURE:
 * @path: the test's path
 * @Fixture: the fixture type, with `fixture_setup` and `fixture_teardown` functions named
 *   by @prefix
 * @prefix: the prefix of those functions (e.g. `sandbox_fixture`)
 * @func: the test function
 *
 * g_test_add() with the fixture's setup and teardown, so that a test program's main()
 * lists only paths and functions.
 */
#define PADDOCK_TEST_ADD_FIXTURE(path, Fixture, prefix, func) \
  g_test_add (path, Fixture, NULL, prefix##_setup, func, prefix##_teardown)

/**
 * paddock_test_slowdown:
 *
 * Returns: how many times longer than usual a test may wait for a reply: 10 under valgrind
 *   (PADDOCK_MEMCHECK=1, set by `meson test --setup=valgrind` and build-aux/memcheck.sh),
 *   else 1. Only for upper bounds that prove nothing hung.
 */
guint paddock_test_slowdown (void);

G_END_DECLS
