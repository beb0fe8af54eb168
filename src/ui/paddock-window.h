/* paddock-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define PADDOCK_TYPE_WINDOW (paddock_window_get_type ())
G_DECLARE_FINAL_TYPE (PaddockWindow, paddock_window, PADDOCK, WINDOW, AdwApplicationWindow)

PaddockWindow *paddock_window_new (AdwApplication *application);

G_END_DECLS
