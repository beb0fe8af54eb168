/* paddock-preferences.h: the app's preferences (market data feed, order precautions)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define PADDOCK_TYPE_PREFERENCES (paddock_preferences_get_type ())
G_DECLARE_FINAL_TYPE (PaddockPreferences, paddock_preferences, PADDOCK, PREFERENCES,
                      AdwPreferencesWindow)

PaddockPreferences *paddock_preferences_new (GSettings *settings);

G_END_DECLS
