/* paddock-freshness-bar.h: "Updated 10:42", a spinner, and the stale-data banner of a page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define PADDOCK_TYPE_FRESHNESS_BAR (paddock_freshness_bar_get_type ())
G_DECLARE_FINAL_TYPE (PaddockFreshnessBar, paddock_freshness_bar, PADDOCK, FRESHNESS_BAR, GtkWidget)

GDateTime    *paddock_freshness_bar_get_updated_at (PaddockFreshnessBar *self);
void          paddock_freshness_bar_set_updated_at (PaddockFreshnessBar *self,
                                                    GDateTime           *updated_at);
gboolean      paddock_freshness_bar_get_loading    (PaddockFreshnessBar *self);
void          paddock_freshness_bar_set_loading    (PaddockFreshnessBar *self,
                                                    gboolean             loading);
const GError *paddock_freshness_bar_get_error      (PaddockFreshnessBar *self);
void          paddock_freshness_bar_set_error      (PaddockFreshnessBar *self,
                                                    const GError        *error);
gboolean      paddock_freshness_bar_get_stale      (PaddockFreshnessBar *self);

G_END_DECLS
