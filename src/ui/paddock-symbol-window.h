/* paddock-symbol-window.h: one symbol in a window of its own: quote, candles, news, trading
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * paddock_symbol_window_open() is what anything that shows a symbol (search, watchlists,
 * movers) calls: it brings forward the window already open on that symbol and session, or
 * opens a new one. The windows are not modal, so several can stay open side by side.
 */
#pragma once

#include <adwaita.h>

#include "paddock-session.h"

G_BEGIN_DECLS

/**
 * PaddockSymbolRange:
 * @PADDOCK_SYMBOL_RANGE_DAY: one day of 5-minute bars
 * @PADDOCK_SYMBOL_RANGE_WEEK: one week of 30-minute bars
 * @PADDOCK_SYMBOL_RANGE_MONTH: one month of hourly bars
 * @PADDOCK_SYMBOL_RANGE_YEAR: one year of daily bars
 * @PADDOCK_SYMBOL_RANGE_FIVE_YEARS: five years of weekly bars
 *
 * What the candlestick chart shows.
 */
typedef enum {
  PADDOCK_SYMBOL_RANGE_DAY,
  PADDOCK_SYMBOL_RANGE_WEEK,
  PADDOCK_SYMBOL_RANGE_MONTH,
  PADDOCK_SYMBOL_RANGE_YEAR,
  PADDOCK_SYMBOL_RANGE_FIVE_YEARS,
} PaddockSymbolRange;

#define PADDOCK_TYPE_SYMBOL_WINDOW (paddock_symbol_window_get_type ())
G_DECLARE_FINAL_TYPE (PaddockSymbolWindow, paddock_symbol_window, PADDOCK, SYMBOL_WINDOW, AdwWindow)

PaddockSymbolWindow *paddock_symbol_window_open            (GtkWindow           *parent,
                                                            PaddockSession      *session,
                                                            const char          *symbol);
PaddockSymbolWindow *paddock_symbol_window_new             (GtkWindow           *parent,
                                                            PaddockSession      *session,
                                                            const char          *symbol);
PaddockSession      *paddock_symbol_window_get_session     (PaddockSymbolWindow *self);
const char          *paddock_symbol_window_get_symbol      (PaddockSymbolWindow *self);
const char          *paddock_symbol_window_get_name        (PaddockSymbolWindow *self);
const char          *paddock_symbol_window_get_bid         (PaddockSymbolWindow *self);
const char          *paddock_symbol_window_get_ask         (PaddockSymbolWindow *self);
const char          *paddock_symbol_window_get_last_price  (PaddockSymbolWindow *self);
PaddockSymbolRange   paddock_symbol_window_get_range       (PaddockSymbolWindow *self);
void                 paddock_symbol_window_set_range       (PaddockSymbolWindow *self,
                                                            PaddockSymbolRange   range);
const char          *paddock_symbol_window_get_timeframe   (PaddockSymbolWindow *self);
GDateTime           *paddock_symbol_window_get_bars_start  (PaddockSymbolWindow *self);
gboolean             paddock_symbol_window_get_bars_loading (PaddockSymbolWindow *self);
guint                paddock_symbol_window_get_bars_requests (PaddockSymbolWindow *self);
gsize                paddock_symbol_window_get_n_bars      (PaddockSymbolWindow *self);
const char          *paddock_symbol_window_get_data_error  (PaddockSymbolWindow *self);
GPtrArray           *paddock_symbol_window_get_news        (PaddockSymbolWindow *self);
char                *paddock_symbol_window_dup_position_text (PaddockSymbolWindow *self);
GStrv                paddock_symbol_window_dup_open_orders (PaddockSymbolWindow *self);
gboolean             paddock_symbol_window_get_watchlists_busy (PaddockSymbolWindow *self);
GtkWindow           *paddock_symbol_window_trade           (PaddockSymbolWindow *self,
                                                            gboolean             buy);

G_END_DECLS
