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
void     paddock_chart_layer_append      (GtkSnapshot           *snapshot,
                                          cairo_surface_t       *surface,
                                          const graphene_rect_t *bounds);
void     paddock_chart_empty_snapshot    (GtkWidget   *widget,
                                          GtkSnapshot *snapshot);
gpointer paddock_chart_copy_sorted       (gconstpointer items,
                                          gsize         n,
                                          gsize         size);

/* What PaddockChart and PaddockCandleChart both keep and do, embedded in each: the
 * currency, title and summary (with their properties and what screen readers are told),
 * the cross-hair over the sorted times of the data (pointer, keyboard), and the drawing
 * cached for one size and set of colours. */

/* The summary of the data, which is there (@n_times > 0). */
typedef char *(*PaddockChartDescribe) (GtkWidget  *widget,
                                       const char *title);

enum
{
  PADDOCK_CHART_PROP_CURRENCY = 1,
  PADDOCK_CHART_PROP_TITLE,
  PADDOCK_CHART_PROP_SUMMARY,
  PADDOCK_CHART_N_COMMON_PROPS
};

#define PADDOCK_CHART_MAX_COLORS 3

typedef struct
{
  GtkWidget *widget;
  const char *default_title;      /* untranslated (N_()) */
  PaddockChartDescribe describe;
  GParamSpec **properties;        /* the widget's, the PADDOCK_CHART_PROP_ ones included */

  char *currency;
  char *title;
  char *summary;

  gint64 *times;                  /* where the cross-hair can be, sorted (a copy) */
  gsize n_times;
  gssize crosshair;               /* index in times, or -1 */

  GskRenderNode *cache;           /* what one data, size and colour change draws */
  PaddockChartAxis axis;
  int cache_width, cache_height;
  GdkRGBA cache_colors[PADDOCK_CHART_MAX_COLORS];
  cairo_surface_t *layers[2];     /* the images of the last two drawings, newest first */
} PaddockChartCommon;

void        paddock_chart_common_class_init    (GtkWidgetClass      *widget_class,
                                                GParamSpec         **properties);
void        paddock_chart_common_init          (PaddockChartCommon  *common,
                                                GtkWidget           *widget,
                                                const char          *default_title,
                                                PaddockChartDescribe describe,
                                                GParamSpec         **properties);
void        paddock_chart_common_finalize      (PaddockChartCommon  *common);
gboolean    paddock_chart_common_get_property  (PaddockChartCommon  *common,
                                                guint                prop_id,
                                                GValue              *value);
gboolean    paddock_chart_common_set_property  (PaddockChartCommon  *common,
                                                guint                prop_id,
                                                const GValue        *value);
void        paddock_chart_common_set_currency  (PaddockChartCommon  *common,
                                                const char          *currency);
void        paddock_chart_common_set_title     (PaddockChartCommon  *common,
                                                const char          *title);
const char *paddock_chart_common_get_title     (PaddockChartCommon  *common);
void        paddock_chart_common_update_summary (PaddockChartCommon *common);
void        paddock_chart_common_set_times     (PaddockChartCommon  *common,
                                                const gint64        *times,
                                                gsize                n);
void        paddock_chart_common_set_crosshair (PaddockChartCommon  *common,
                                                gssize               index);
void        paddock_chart_common_invalidate    (PaddockChartCommon  *common);
gboolean    paddock_chart_common_cache_valid   (PaddockChartCommon  *common,
                                                int                  width,
                                                int                  height,
                                                const GdkRGBA       *colors,
                                                guint                n_colors);
cairo_surface_t *paddock_chart_common_layer_new (PaddockChartCommon    *common,
                                                const graphene_rect_t *bounds);
void        paddock_chart_common_set_cache     (PaddockChartCommon  *common,
                                                GskRenderNode       *node,
                                                int                  width,
                                                int                  height,
                                                const GdkRGBA       *colors,
                                                guint                n_colors);

G_END_DECLS
