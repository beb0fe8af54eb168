/* paddock-market-data-private.h: the reply parsers of PaddockMarketData, without requests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For tests/fuzz: the same code page_cb() runs on each reply.
 */
#pragma once

#include <json-glib/json-glib.h>

#include "paddock-market-data.h"

G_BEGIN_DECLS

/* A reply of /v2/stocks/quotes/latest (trades FALSE) or /v2/stocks/trades/latest (TRUE)
 * to a request for @symbols: the PaddockQuote or PaddockTrade items of those symbols, in
 * that order, or NULL with an error. */
GPtrArray *_paddock_market_data_parse_latest (gboolean             trades,
                                              const char * const  *symbols,
                                              JsonNode            *node,
                                              GError             **error);
/* One page of bars (news FALSE) or news (TRUE), at most @limit items (0: all), after
 * @pages_before pages: the PaddockBar or PaddockNewsArticle items of this page, and in
 * *next the next page's token (or NULL); NULL with an error. */
GPtrArray *_paddock_market_data_parse_page   (gboolean             news,
                                              guint                limit,
                                              guint                pages_before,
                                              JsonNode            *node,
                                              char               **next,
                                              GError             **error);

G_END_DECLS
