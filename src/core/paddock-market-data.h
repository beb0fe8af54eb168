/* paddock-market-data.h: the Market Data API: latest quotes and trades, bars, news, screener
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A PaddockMarketData asks a Market Data API client (paddock_session_get_data_client())
 * for what alpaca-api.md §5 and §5.1 describe. Every call that takes a feed sends
 * `feed=iex` unless the object's feed is SIP (the `data-feed` setting, see
 * paddock_settings_get_data_feed()); a 403 to a SIP request is
 * %PADDOCK_ERROR_SIP_NOT_PERMITTED, whose message says to choose IEX. Lists that page
 * (bars, news) follow `next_page_token` up to the limit asked for. Disposing of the object
 * cancels what is in flight.
 */
#pragma once

#include <gio/gio.h>

#include "paddock-client.h"
#include "paddock-market-models.h"

G_BEGIN_DECLS

/**
 * PaddockDataFeed:
 * @PADDOCK_DATA_FEED_IEX: the IEX exchange only (every plan)
 * @PADDOCK_DATA_FEED_SIP: every US exchange (plans that include SIP)
 */
typedef enum {
  PADDOCK_DATA_FEED_IEX,
  PADDOCK_DATA_FEED_SIP,
} PaddockDataFeed;

const char         *paddock_data_feed_to_string          (PaddockDataFeed      feed);
gboolean            paddock_data_feed_from_string        (const char          *text,
                                                          PaddockDataFeed     *feed);

#define PADDOCK_TYPE_MARKET_DATA (paddock_market_data_get_type ())
G_DECLARE_FINAL_TYPE (PaddockMarketData, paddock_market_data, PADDOCK, MARKET_DATA, GObject)

PaddockMarketData  *paddock_market_data_new              (PaddockClient       *data_client,
                                                          PaddockDataFeed      feed);
PaddockClient      *paddock_market_data_get_client       (PaddockMarketData   *self);
PaddockDataFeed     paddock_market_data_get_feed         (PaddockMarketData   *self);
void                paddock_market_data_set_feed         (PaddockMarketData   *self,
                                                          PaddockDataFeed      feed);

void                paddock_market_data_latest_quotes_async  (PaddockMarketData   *self,
                                                              const char * const  *symbols,
                                                              GCancellable        *cancellable,
                                                              GAsyncReadyCallback  callback,
                                                              gpointer             user_data);
GPtrArray          *paddock_market_data_latest_quotes_finish (PaddockMarketData   *self,
                                                              GAsyncResult        *result,
                                                              GError             **error);

void                paddock_market_data_latest_trades_async  (PaddockMarketData   *self,
                                                              const char * const  *symbols,
                                                              GCancellable        *cancellable,
                                                              GAsyncReadyCallback  callback,
                                                              gpointer             user_data);
GPtrArray          *paddock_market_data_latest_trades_finish (PaddockMarketData   *self,
                                                              GAsyncResult        *result,
                                                              GError             **error);

void                paddock_market_data_bars_async       (PaddockMarketData   *self,
                                                          const char          *symbol,
                                                          const char          *timeframe,
                                                          GDateTime           *start,
                                                          GDateTime           *end,
                                                          guint                limit,
                                                          GCancellable        *cancellable,
                                                          GAsyncReadyCallback  callback,
                                                          gpointer             user_data);
GPtrArray          *paddock_market_data_bars_finish      (PaddockMarketData   *self,
                                                          GAsyncResult        *result,
                                                          GError             **error);

void                paddock_market_data_news_async       (PaddockMarketData   *self,
                                                          const char * const  *symbols,
                                                          guint                limit,
                                                          gboolean             include_content,
                                                          GCancellable        *cancellable,
                                                          GAsyncReadyCallback  callback,
                                                          gpointer             user_data);
GPtrArray          *paddock_market_data_news_finish      (PaddockMarketData   *self,
                                                          GAsyncResult        *result,
                                                          GError             **error);

void                paddock_market_data_most_actives_async  (PaddockMarketData   *self,
                                                             guint                top,
                                                             GCancellable        *cancellable,
                                                             GAsyncReadyCallback  callback,
                                                             gpointer             user_data);
GPtrArray          *paddock_market_data_most_actives_finish (PaddockMarketData   *self,
                                                             GAsyncResult        *result,
                                                             GError             **error);

void                paddock_market_data_movers_async     (PaddockMarketData   *self,
                                                          guint                top,
                                                          GCancellable        *cancellable,
                                                          GAsyncReadyCallback  callback,
                                                          gpointer             user_data);
PaddockMovers      *paddock_market_data_movers_finish    (PaddockMarketData   *self,
                                                          GAsyncResult        *result,
                                                          GError             **error);

G_END_DECLS
