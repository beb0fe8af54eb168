/* paddock-portfolio-panel.h: the overview's portfolio chart and market clock
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "paddock-chart.h"
#include "paddock-client.h"

G_BEGIN_DECLS

#define PADDOCK_TYPE_PORTFOLIO_PANEL (paddock_portfolio_panel_get_type ())
G_DECLARE_FINAL_TYPE (PaddockPortfolioPanel, paddock_portfolio_panel, PADDOCK, PORTFOLIO_PANEL,
                      GtkWidget)

GtkWidget    *paddock_portfolio_panel_new          (void);
void          paddock_portfolio_panel_set_client   (PaddockPortfolioPanel *self,
                                                    PaddockClient         *client);
void          paddock_portfolio_panel_set_currency (PaddockPortfolioPanel *self,
                                                    const char            *currency);
void          paddock_portfolio_panel_refresh      (PaddockPortfolioPanel *self);
const char   *paddock_portfolio_panel_get_period   (PaddockPortfolioPanel *self);
void          paddock_portfolio_panel_set_period   (PaddockPortfolioPanel *self,
                                                    const char            *period);
PaddockChart *paddock_portfolio_panel_get_chart    (PaddockPortfolioPanel *self);
gboolean      paddock_portfolio_panel_get_loading  (PaddockPortfolioPanel *self);
gboolean      paddock_portfolio_panel_get_refreshing (PaddockPortfolioPanel *self);
gboolean      paddock_portfolio_panel_get_stale    (PaddockPortfolioPanel *self);
const char   *paddock_portfolio_panel_get_error    (PaddockPortfolioPanel *self);
const char   *paddock_portfolio_panel_get_clock_text (PaddockPortfolioPanel *self);

G_END_DECLS
