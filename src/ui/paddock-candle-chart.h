/* paddock-candle-chart.h: candlesticks with a volume strip
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/**
 * PaddockCandleBar:
 * @time_unix_ms: the bar's start, in milliseconds since the Unix epoch
 * @open: the first price
 * @high: the highest
 * @low: the lowest
 * @close: the last
 * @volume: how many traded
 *
 * One bar of a #PaddockCandleChart.
 */
typedef struct
{
  gint64 time_unix_ms;
  double open, high, low, close;
  guint64 volume;
} PaddockCandleBar;

#define PADDOCK_TYPE_CANDLE_CHART (paddock_candle_chart_get_type ())
G_DECLARE_FINAL_TYPE (PaddockCandleChart, paddock_candle_chart, PADDOCK, CANDLE_CHART, GtkWidget)

GtkWidget  *paddock_candle_chart_new                (void);
void        paddock_candle_chart_set_bars           (PaddockCandleChart     *self,
                                                     const PaddockCandleBar *bars,
                                                     gsize                   n);
gsize       paddock_candle_chart_get_n_bars         (PaddockCandleChart     *self);
void        paddock_candle_chart_set_currency       (PaddockCandleChart     *self,
                                                     const char             *currency);
const char *paddock_candle_chart_get_currency       (PaddockCandleChart     *self);
void        paddock_candle_chart_set_title          (PaddockCandleChart     *self,
                                                     const char             *title);
const char *paddock_candle_chart_get_title          (PaddockCandleChart     *self);
gboolean    paddock_candle_chart_get_crosshair      (PaddockCandleChart     *self,
                                                     PaddockCandleBar       *bar);
gssize      paddock_candle_chart_get_crosshair_index (PaddockCandleChart    *self);
void        paddock_candle_chart_set_crosshair_index (PaddockCandleChart    *self,
                                                      gssize                 index);
const char *paddock_candle_chart_get_summary        (PaddockCandleChart     *self);
void        paddock_candle_chart_get_bar_x          (PaddockCandleChart     *self,
                                                     gsize                  index,
                                                     double                *x,
                                                     double                *width);
gboolean    paddock_candle_chart_get_value_y        (PaddockCandleChart     *self,
                                                     double                  price,
                                                     double                 *y);

G_END_DECLS
