/* paddock-test-hooks.h: what tests, the screenshot script and the benchmark read from the app
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "paddock-window.h"

G_BEGIN_DECLS

void      paddock_test_hooks_attach          (PaddockWindow  *window);
char     *paddock_test_hooks_describe        (PaddockWindow  *window);
gboolean  paddock_test_hooks_save_screenshot (PaddockWindow  *window,
                                              const char     *path,
                                              GError        **error);

G_END_DECLS
