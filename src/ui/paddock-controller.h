/* paddock-controller.h: what the app does, between the window and the core
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "paddock-session.h"
#include "paddock-window.h"

G_BEGIN_DECLS

#define PADDOCK_TYPE_CONTROLLER (paddock_controller_get_type ())
G_DECLARE_FINAL_TYPE (PaddockController, paddock_controller, PADDOCK, CONTROLLER, GObject)

PaddockController *paddock_controller_new          (PaddockWindow     *window);
void               paddock_controller_start        (PaddockController *self,
                                                    gboolean           demo);
void               paddock_controller_try_demo     (PaddockController *self);
void               paddock_controller_sign_in      (PaddockController *self);
PaddockSession    *paddock_controller_get_session  (PaddockController *self);

G_END_DECLS
