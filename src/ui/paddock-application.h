/* paddock-application.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "paddock-controller.h"

G_BEGIN_DECLS

#define PADDOCK_TYPE_APPLICATION (paddock_application_get_type ())
G_DECLARE_FINAL_TYPE (PaddockApplication, paddock_application, PADDOCK, APPLICATION, AdwApplication)

PaddockApplication *paddock_application_new (void);
/* the controller of the window, once there is one (for the test hooks) */
PaddockController  *paddock_application_get_controller (PaddockApplication *self);

G_END_DECLS
