/* paddock-watchlist-quotes-private.h: the snapshot parser of PaddockWatchlistQuotes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "paddock-watchlist-quotes.h"

G_BEGIN_DECLS

/* One symbol's snapshot (GET /v2/stocks/snapshots), as a refresh reads it; NULL when it
 * has no usable latest trade. Free with _paddock_watchlist_quote_free(). */
PaddockWatchlistQuote *_paddock_watchlist_quote_from_snapshot (const char            *symbol,
                                                               JsonNode              *node);
void                   _paddock_watchlist_quote_free          (PaddockWatchlistQuote *quote);

G_END_DECLS
