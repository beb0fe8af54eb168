/* paddock-chart-axis.h: what PaddockChart and PaddockCandleChart share (private)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* The axes of one chart at one size: the plot rectangle, the data ranges mapped onto
 * it, and the ticks with their labels, computed once per data or size change. */
typedef struct
{
  graphene_rect_t plot;       /* grid and time axis span this */
  graphene_rect_t value_area; /* the values map onto this (the plot minus any strip) */
  gint64 t_min, t_max;
  double v_min, v_max;
  gint64 span_ms;
  GArray *value_ticks;        /* double */
  GPtrArray *value_labels;    /* PangoLayout */
  GArray *time_ticks;         /* gint64 */
  GPtrArray *time_labels;     /* PangoLayout */
} PaddockChartAxis;

void     paddock_chart_axis_clear        (PaddockChartAxis *axis);
void     paddock_chart_axis_layout       (PaddockChartAxis *axis,
                                          GtkWidget        *widget,
                                          int               width,
                                          int               height,
                                          gint64            t_min,
                                          gint64            t_max,
                                          double            v_min,
                                          double            v_max,
                                          const char       *currency,
                                          double            strip_height);
double   paddock_chart_axis_x            (const PaddockChartAxis *axis,
                                          gint64                  time_unix_ms);
double   paddock_chart_axis_y            (const PaddockChartAxis *axis,
                                          double                  value);
gint64   paddock_chart_axis_time_at      (const PaddockChartAxis *axis,
                                          double                  x);
void     paddock_chart_axis_snapshot     (const PaddockChartAxis *axis,
                                          GtkWidget              *widget,
                                          GtkSnapshot            *snapshot);

void     paddock_chart_nice_ticks        (double  min,
                                          double  max,
                                          guint   target,
                                          GArray *ticks,
                                          int    *decimals);
void     paddock_chart_time_ticks        (gint64  t_min,
                                          gint64  t_max,
                                          guint   target,
                                          GArray *ticks);
char    *paddock_chart_format_time       (gint64  time_unix_ms,
                                          gint64  span_ms,
                                          gboolean precise);
char    *paddock_chart_format_value      (double      value,
                                          int         decimals,
                                          const char *currency);
char    *paddock_chart_format_percent    (double first,
                                          double last);

gboolean paddock_chart_lookup_color      (GtkWidget  *widget,
                                          const char *name,
                                          GdkRGBA    *color);
void     paddock_chart_foreground        (GtkWidget *widget,
                                          GdkRGBA   *color);

gsize    paddock_chart_nearest           (const gint64 *times,
                                          gsize         n,
                                          gint64        time_unix_ms);
gboolean paddock_chart_key_move          (guint   keyval,
                                          gssize  current,
                                          gsize   n,
                                          gssize *next);

void     paddock_chart_crosshair_snapshot (const PaddockChartAxis *axis,
                                           GtkWidget              *widget,
                                           GtkSnapshot            *snapshot,
                                           double                  x,
                                           double                  y,
                                           const GdkRGBA          *dot_color,
                                           const char             *text);
cairo_surface_t *paddock_chart_layer_new   (GtkWidget             *widget,
                                           const graphene_rect_t *bounds);
void     paddock_chart_layer_append      (GtkSnapshot           *snapshot,
                                          cairo_surface_t       *surface,
                                          const graphene_rect_t *bounds);
void     paddock_chart_empty_snapshot    (GtkWidget   *widget,
                                          GtkSnapshot *snapshot,
                                          const char  *text);

G_END_DECLS
