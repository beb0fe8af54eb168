/* paddock-chart.h: a line chart of values over time (the portfolio's equity)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/**
 * PaddockChartPoint:
 * @time_unix_ms: when, in milliseconds since the Unix epoch
 * @value: the value then
 * @present: %FALSE for a gap (no value known then): the line breaks there
 *
 * One point of a #PaddockChart.
 */
typedef struct
{
  gint64 time_unix_ms;
  double value;
  gboolean present;
} PaddockChartPoint;

#define PADDOCK_TYPE_CHART (paddock_chart_get_type ())
G_DECLARE_FINAL_TYPE (PaddockChart, paddock_chart, PADDOCK, CHART, GtkWidget)

GtkWidget  *paddock_chart_new            (void);
void        paddock_chart_set_points     (PaddockChart            *self,
                                          const PaddockChartPoint *points,
                                          gsize                    n);
gsize       paddock_chart_get_n_points   (PaddockChart            *self);
void        paddock_chart_set_base       (PaddockChart            *self,
                                          double                   base);
double      paddock_chart_get_base       (PaddockChart            *self);
void        paddock_chart_set_currency   (PaddockChart            *self,
                                          const char              *currency);
const char *paddock_chart_get_currency   (PaddockChart            *self);
void        paddock_chart_set_title      (PaddockChart            *self,
                                          const char              *title);
const char *paddock_chart_get_title      (PaddockChart            *self);
gboolean    paddock_chart_get_up         (PaddockChart            *self);
gboolean    paddock_chart_get_crosshair  (PaddockChart            *self,
                                          gint64                  *time_unix_ms,
                                          double                  *value);
gssize      paddock_chart_get_crosshair_index (PaddockChart       *self);
void        paddock_chart_set_crosshair_index (PaddockChart       *self,
                                               gssize              index);
const char *paddock_chart_get_summary    (PaddockChart            *self);
gboolean    paddock_chart_get_point_position (PaddockChart        *self,
                                              gsize                index,
                                              double              *x,
                                              double              *y);

G_END_DECLS
