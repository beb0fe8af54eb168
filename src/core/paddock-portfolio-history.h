/* paddock-portfolio-history.h: the account's equity over time, for a chart
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `GET /v2/account/portfolio/history` (alpaca-api.md §2.3) answers parallel arrays of JSON
 * numbers. A point i has a time (epoch seconds: a reply in milliseconds — any timestamp
 * above 10^11 — is detected and converted, the whole array or none of it), and an equity,
 * profit/loss and profit/loss fraction that may each be null: a gap, kept as such (NULL text,
 * NaN number). Values are kept as the decimal text of the number sent and as a double for
 * drawing. base_value may be null.
 *
 * Refused (PADDOCK_ERROR_PROTOCOL): a reply that is not an object; no `timestamp` array, or
 * one with a member that is not an integer; `equity`, `profit_loss` or `profit_loss_pct`
 * that is there but not an array of the timestamps' length, or holds something other than a
 * number or null (a decimal string is accepted too); a number too large to be money
 * (10^15 or more); times that mix seconds and milliseconds.
 *
 * The request's parameters are checked before anything is sent (PADDOCK_ERROR_INVALID_INPUT):
 * period `<n>D|W|M|A` (n from 1 to 9999), timeframe `1Min|5Min|15Min|1H|1D`, date_end
 * `YYYY-MM-DD`; each NULL for the server's default.
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "paddock-client.h"

G_BEGIN_DECLS

#define PADDOCK_TYPE_PORTFOLIO_HISTORY (paddock_portfolio_history_get_type ())
G_DECLARE_FINAL_TYPE (PaddockPortfolioHistory, paddock_portfolio_history, PADDOCK,
                      PORTFOLIO_HISTORY, GObject)

PaddockPortfolioHistory *paddock_portfolio_history_new_from_json (JsonNode        *node,
                                                                  GError         **error);

gboolean      paddock_portfolio_history_check_request   (const char           *period,
                                                         const char           *timeframe,
                                                         const char           *date_end,
                                                         GError              **error);
void          paddock_portfolio_history_fetch_async     (PaddockClient        *client,
                                                         const char           *period,
                                                         const char           *timeframe,
                                                         const char           *date_end,
                                                         gboolean              extended_hours,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
PaddockPortfolioHistory *paddock_portfolio_history_fetch_finish (PaddockClient    *client,
                                                                 GAsyncResult     *result,
                                                                 GError          **error);

guint         paddock_portfolio_history_get_n_points        (PaddockPortfolioHistory *self);
gboolean      paddock_portfolio_history_get_in_milliseconds (PaddockPortfolioHistory *self);
const char   *paddock_portfolio_history_get_timeframe       (PaddockPortfolioHistory *self);
const char   *paddock_portfolio_history_get_base_value      (PaddockPortfolioHistory *self);

const gint64 *paddock_portfolio_history_get_timestamps      (PaddockPortfolioHistory *self);
const double *paddock_portfolio_history_get_equity_values   (PaddockPortfolioHistory *self);
const double *paddock_portfolio_history_get_profit_loss_values (PaddockPortfolioHistory *self);

gint64        paddock_portfolio_history_get_timestamp       (PaddockPortfolioHistory *self,
                                                             guint                    i);
const char   *paddock_portfolio_history_get_equity          (PaddockPortfolioHistory *self,
                                                             guint                    i);
const char   *paddock_portfolio_history_get_profit_loss     (PaddockPortfolioHistory *self,
                                                             guint                    i);
const char   *paddock_portfolio_history_get_profit_loss_pct (PaddockPortfolioHistory *self,
                                                             guint                    i);

G_END_DECLS
