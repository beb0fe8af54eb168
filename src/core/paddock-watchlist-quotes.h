/* paddock-watchlist-quotes.h: the latest price and today's change of a watchlist's symbols
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One refresh is ONE request for every symbol: `GET /v2/stocks/snapshots?symbols=A,B,…`
 * on the Market Data API (alpaca-api.md §5), never one per row. From each symbol's
 * snapshot it keeps the latest trade's price and the previous trading day's close
 * (prevDailyBar.c); today's change is their exact difference, as decimal text.
 *
 * While told the list is visible (paddock_watchlist_quotes_start()) it refreshes at once
 * and then every interval after the previous refresh has ended; paddock_watchlist_quotes_stop()
 * (the list is hidden) ends the refreshing and cancels one in flight; dispose does too.
 * A change of feed while started asks again at once with the new feed; a 403 to a SIP
 * request is %PADDOCK_ERROR_SIP_NOT_PERMITTED, as from PaddockMarketData.
 * "quote-changed" is emitted for each symbol whose figures changed, then "refreshed" once
 * per refresh (with its error, or NULL).
 */
#pragma once

#include <gio/gio.h>

#include "paddock-client.h"

G_BEGIN_DECLS

#define PADDOCK_WATCHLIST_QUOTES_DEFAULT_INTERVAL_MS 5000

/**
 * PaddockWatchlistQuote:
 * @symbol: the symbol
 * @price: the latest trade's price, decimal text as the server sent it
 * @time: (nullable): when that trade happened
 * @previous_close: (nullable): the previous trading day's close, decimal text
 * @change: (nullable): @price − @previous_close, exact decimal text ("-1.25", "0.40")
 * @change_percent: (nullable): @change as a percentage of @previous_close, rounded to two
 *   decimals ("1.93", "-0.07"), for display only; %NULL when @previous_close is zero
 */
typedef struct
{
  char *symbol;
  char *price;
  GDateTime *time;
  char *previous_close;
  char *change;
  char *change_percent;
} PaddockWatchlistQuote;

#define PADDOCK_TYPE_WATCHLIST_QUOTES (paddock_watchlist_quotes_get_type ())
G_DECLARE_FINAL_TYPE (PaddockWatchlistQuotes, paddock_watchlist_quotes, PADDOCK,
                      WATCHLIST_QUOTES, GObject)

PaddockWatchlistQuotes *paddock_watchlist_quotes_new          (PaddockClient          *data_client);

void                paddock_watchlist_quotes_set_symbols  (PaddockWatchlistQuotes *self,
                                                           const char * const     *symbols);
const char * const *paddock_watchlist_quotes_get_symbols  (PaddockWatchlistQuotes *self);
void                paddock_watchlist_quotes_set_interval (PaddockWatchlistQuotes *self,
                                                           guint                   milliseconds);
guint               paddock_watchlist_quotes_get_interval (PaddockWatchlistQuotes *self);
void                paddock_watchlist_quotes_set_feed     (PaddockWatchlistQuotes *self,
                                                           const char             *feed);
const char         *paddock_watchlist_quotes_get_feed     (PaddockWatchlistQuotes *self);

void                paddock_watchlist_quotes_start        (PaddockWatchlistQuotes *self);
void                paddock_watchlist_quotes_stop         (PaddockWatchlistQuotes *self);
gboolean            paddock_watchlist_quotes_get_running  (PaddockWatchlistQuotes *self);

const PaddockWatchlistQuote *
                    paddock_watchlist_quotes_lookup       (PaddockWatchlistQuotes *self,
                                                           const char             *symbol);

void                paddock_watchlist_quotes_refresh_async  (PaddockWatchlistQuotes *self,
                                                             GCancellable           *cancellable,
                                                             GAsyncReadyCallback     callback,
                                                             gpointer                user_data);
gboolean            paddock_watchlist_quotes_refresh_finish (PaddockWatchlistQuotes *self,
                                                             GAsyncResult           *result,
                                                             GError                **error);

G_END_DECLS
