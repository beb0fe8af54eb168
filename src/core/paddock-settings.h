/* paddock-settings.h: what Paddock reads from its GSettings, shared by the app and the CLI
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "paddock-market-data.h"

G_BEGIN_DECLS

GSettings *paddock_settings_new                (void);
GArray    *paddock_settings_get_redirect_ports (GSettings *settings);
PaddockDataFeed paddock_settings_get_data_feed (GSettings *settings);
void       paddock_settings_follow_data_feed   (GSettings         *settings,
                                                PaddockMarketData *data);

G_END_DECLS
