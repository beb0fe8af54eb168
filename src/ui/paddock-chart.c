/* paddock-chart.c: a line chart of values over time (the portfolio's equity)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Plain data in (an array of points, absent ones are gaps), no chart library out: the
 * axes, the area and the line are drawn once per data, size or colour change into one
 * cached render node — the line decimated to at most one first/min/max/last group per
 * pixel column, so 10,000 points cost about as much as the plot is wide — and the
 * cross-hair is drawn over that node on its own, so moving it rebuilds nothing.
 * The line is in libadwaita's success colour when the last value is at or above the base
 * (the first value without one), in the error colour below it.
 */
#define G_LOG_DOMAIN "paddock-chart"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "paddock-chart.h"
#include "paddock-chart-axis.h"

struct _PaddockChart
{
  GtkWidget parent_instance;

  PaddockChartPoint *points;
  gsize n_points;
  gint64 *present_times;    /* the present points' times, sorted */
  gsize *present_index;     /* their index in points */
  gsize n_present;
  double base;              /* NAN: none */

  /* currency, title, summary; the cross-hair (an index in present_times); the cache */
  PaddockChartCommon common;
};

G_STATIC_ASSERT (G_STRUCT_OFFSET (PaddockChartPoint, time_unix_ms) == 0);

G_DEFINE_FINAL_TYPE (PaddockChart, paddock_chart, GTK_TYPE_WIDGET)

enum {
  PROP_N_POINTS = PADDOCK_CHART_N_COMMON_PROPS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static double
first_value (PaddockChart *self)
{
  return self->points[self->present_index[0]].value;
}

static double
last_value (PaddockChart *self)
{
  return self->points[self->present_index[self->n_present - 1]].value;
}

/**
 * paddock_chart_get_up:
 * @self: a #PaddockChart
 *
 * Returns: whether the last value is at or above the base (the first value without a
 *   base): the line is then in the success colour, else in the error colour
 */
gboolean
paddock_chart_get_up (PaddockChart *self)
{
  g_return_val_if_fail (PADDOCK_IS_CHART (self), TRUE);

  if (self->n_present == 0)
    return TRUE;
  return last_value (self) >= (isfinite (self->base) ? self->base : first_value (self));
}

static char *
describe (GtkWidget  *widget,
          const char *title)
{
  PaddockChart *self = PADDOCK_CHART (widget);
  const char *currency = self->common.currency;
  g_autofree char *first = paddock_chart_format_value (first_value (self), 2, currency);
  g_autofree char *last = paddock_chart_format_value (last_value (self), 2, currency);
  g_autofree char *change = paddock_chart_format_percent (first_value (self), last_value (self));
  gint64 span = self->present_times[self->n_present - 1] - self->present_times[0];
  g_autofree char *from = paddock_chart_format_time (self->present_times[0], span, TRUE);
  g_autofree char *to = paddock_chart_format_time (self->present_times[self->n_present - 1],
                                                   span, TRUE);

  /* Translators: the text screen readers say for a chart: "Equity from $24,000.00 to
   * $24,310.90, up 1.3 %, between 2 Mar 2026 09:30 and 2 Mar 2026 16:00" */
  return g_strdup_printf (_("%s from %s to %s, %s, between %s and %s"),
                          title, first, last, change, from, to);
}

/**
 * paddock_chart_set_points:
 * @self: a #PaddockChart
 * @points: (array length=n) (nullable): the points, in time order (sorted if not)
 * @n: how many
 *
 * Replaces the chart's data (copied). Points with @present %FALSE are gaps: the line
 * breaks there. With no present point the chart says "No history yet". The cross-hair
 * stays on the point of the same time if the new points have one (a refresh of the same
 * history keeps where the pointer or the keys put it), else it goes away.
 */
void
paddock_chart_set_points (PaddockChart            *self,
                          const PaddockChartPoint *points,
                          gsize                    n)
{
  g_return_if_fail (PADDOCK_IS_CHART (self));
  g_return_if_fail (points != NULL || n == 0);

  g_free (self->points);
  g_free (self->present_times);
  g_free (self->present_index);
  self->points = paddock_chart_copy_sorted (points, n, sizeof *points);
  self->n_points = n;

  self->present_times = g_new (gint64, MAX (n, 1));
  self->present_index = g_new (gsize, MAX (n, 1));
  self->n_present = 0;
  for (gsize i = 0; i < n; i++)
    if (self->points[i].present && isfinite (self->points[i].value))
      {
        self->present_times[self->n_present] = self->points[i].time_unix_ms;
        self->present_index[self->n_present] = i;
        self->n_present++;
      }

  /* keeps the cross-hair on the point with the same time */
  paddock_chart_common_set_times (&self->common, self->present_times, self->n_present);
  paddock_chart_common_update_summary (&self->common);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_POINTS]);
  paddock_chart_common_invalidate (&self->common);
}

gsize
paddock_chart_get_n_points (PaddockChart *self)
{
  g_return_val_if_fail (PADDOCK_IS_CHART (self), 0);
  return self->n_points;
}

/**
 * paddock_chart_set_base:
 * @self: a #PaddockChart
 * @base: the value the line is compared with (a dashed baseline), or NAN for none
 *
 * (Not a property: a GParamSpec cannot have NAN as its default.)
 */
void
paddock_chart_set_base (PaddockChart *self,
                        double        base)
{
  g_return_if_fail (PADDOCK_IS_CHART (self));

  if (base == self->base || (isnan (base) && isnan (self->base)))
    return;
  self->base = base;
  paddock_chart_common_invalidate (&self->common);
}

double
paddock_chart_get_base (PaddockChart *self)
{
  g_return_val_if_fail (PADDOCK_IS_CHART (self), NAN);
  return self->base;
}

/**
 * paddock_chart_set_currency:
 * @self: a #PaddockChart
 * @currency: (nullable): an ISO 4217 code: values are money in it; %NULL for plain numbers
 */
void
paddock_chart_set_currency (PaddockChart *self,
                            const char   *currency)
{
  g_return_if_fail (PADDOCK_IS_CHART (self));
  paddock_chart_common_set_currency (&self->common, currency);
}

const char *
paddock_chart_get_currency (PaddockChart *self)
{
  g_return_val_if_fail (PADDOCK_IS_CHART (self), NULL);
  return self->common.currency;
}

/**
 * paddock_chart_set_title:
 * @self: a #PaddockChart
 * @title: (nullable): what the values are ("Equity" when %NULL), for the accessible
 *   label and summary
 */
void
paddock_chart_set_title (PaddockChart *self,
                         const char   *title)
{
  g_return_if_fail (PADDOCK_IS_CHART (self));
  paddock_chart_common_set_title (&self->common, title);
}

const char *
paddock_chart_get_title (PaddockChart *self)
{
  g_return_val_if_fail (PADDOCK_IS_CHART (self), NULL);
  return paddock_chart_common_get_title (&self->common);
}

/**
 * paddock_chart_get_summary:
 * @self: a #PaddockChart
 *
 * Returns: the text screen readers get as the chart's description ("Equity from … to …,
 *   up … %, between … and …", or "No history yet")
 */
const char *
paddock_chart_get_summary (PaddockChart *self)
{
  g_return_val_if_fail (PADDOCK_IS_CHART (self), NULL);
  return self->common.summary;
}

/**
 * paddock_chart_get_crosshair:
 * @self: a #PaddockChart
 * @time_unix_ms: (out) (optional): the time of the point under the cross-hair
 * @value: (out) (optional): its value
 *
 * Returns: whether the cross-hair is shown (by the pointer or the keyboard)
 */
gboolean
paddock_chart_get_crosshair (PaddockChart *self,
                             gint64       *time_unix_ms,
                             double       *value)
{
  const PaddockChartPoint *point;

  g_return_val_if_fail (PADDOCK_IS_CHART (self), FALSE);

  if (self->common.crosshair < 0)
    return FALSE;
  point = &self->points[self->present_index[self->common.crosshair]];
  if (time_unix_ms != NULL)
    *time_unix_ms = point->time_unix_ms;
  if (value != NULL)
    *value = point->value;
  return TRUE;
}

/**
 * paddock_chart_get_crosshair_index:
 * @self: a #PaddockChart
 *
 * Returns: the index (among the points as sorted) of the point under the cross-hair,
 *   or -1
 */
gssize
paddock_chart_get_crosshair_index (PaddockChart *self)
{
  g_return_val_if_fail (PADDOCK_IS_CHART (self), -1);
  return self->common.crosshair < 0 ? -1
                                    : (gssize) self->present_index[self->common.crosshair];
}

/**
 * paddock_chart_set_crosshair_index:
 * @self: a #PaddockChart
 * @index: a point's index (among the points as sorted), or -1 to hide the cross-hair
 *
 * Puts the cross-hair on that point, or on the nearest present one for a gap.
 */
void
paddock_chart_set_crosshair_index (PaddockChart *self,
                                   gssize        index)
{
  g_return_if_fail (PADDOCK_IS_CHART (self));

  if (index < 0 || self->n_present == 0)
    paddock_chart_common_set_crosshair (&self->common, -1);
  else
    paddock_chart_common_set_crosshair (&self->common,
                                        (gssize) paddock_chart_nearest (
                                          self->present_times, self->n_present,
                                          self->points[MIN ((gsize) index, self->n_points - 1)]
                                            .time_unix_ms));
}

/**
 * paddock_chart_get_point_position:
 * @self: a #PaddockChart
 * @index: a point's index (among the points as sorted)
 * @x: (out): where its time is on the widget
 * @y: (out): where its value is
 *
 * Returns: %FALSE if the chart has not been drawn since its data or size changed
 */
gboolean
paddock_chart_get_point_position (PaddockChart *self,
                                  gsize         index,
                                  double       *x,
                                  double       *y)
{
  g_return_val_if_fail (PADDOCK_IS_CHART (self), FALSE);
  g_return_val_if_fail (index < self->n_points, FALSE);

  if (self->common.cache == NULL)
    return FALSE;
  *x = paddock_chart_axis_x (&self->common.axis, self->points[index].time_unix_ms);
  *y = paddock_chart_axis_y (&self->common.axis, self->points[index].value);
  return TRUE;
}

/* ---- drawing ------------------------------------------------------------------------ */

/* Whether the run's columns follow each other pixel by pixel (a point or more in each). */
static gboolean
dense_run (GArray *run)
{
  const graphene_point_t *v = (const graphene_point_t *) (void *) run->data;
  guint columns = 1;

  for (guint i = 1; i < run->len; i++)
    if (v[i].x != v[i - 1].x)
      {
        if (floor (v[i].x) - floor (v[i - 1].x) > 1)
          return FALSE;
        columns++;
      }
  return columns > 8;
}

static void
draw_run (cairo_t       *cr,
          GArray        *run,
          double         bottom,
          const GdkRGBA *color)
{
  const graphene_point_t *v = (const graphene_point_t *) (void *) run->data;

  if (run->len == 0)
    return;
  if (run->len == 1)
    {
      gdk_cairo_set_source_rgba (cr, color);
      cairo_arc (cr, v[0].x, v[0].y, 2, 0, 2 * G_PI);
      cairo_fill (cr);
      g_array_set_size (run, 0);
      return;
    }

  /* the area under the line, faint */
  cairo_move_to (cr, v[0].x, v[0].y);
  for (guint i = 1; i < run->len; i++)
    cairo_line_to (cr, v[i].x, v[i].y);
  cairo_line_to (cr, v[run->len - 1].x, bottom);
  cairo_line_to (cr, v[0].x, bottom);
  cairo_close_path (cr);
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha * 0.15);
  /* faint and under the line: its edge needs no antialiasing, which halves its cost */
  cairo_set_antialias (cr, CAIRO_ANTIALIAS_NONE);
  cairo_fill (cr);
  cairo_set_antialias (cr, CAIRO_ANTIALIAS_DEFAULT);

  gdk_cairo_set_source_rgba (cr, color);
  if (dense_run (run))
    {
      /* a point or more in every pixel column: each column's span, from the previous
       * column's last value through its own extremes, as a 1-pixel-wide bar 2 pixels
       * taller than the span — pixel-aligned rectangles, far cheaper than stroking */
      double previous = NAN;

      for (guint i = 0; i < run->len;)
        {
          double x = v[i].x, lo = v[i].y, hi = v[i].y, top, height;
          guint j = i;

          for (; j < run->len && v[j].x == x; j++)
            {
              lo = MIN (lo, v[j].y);
              hi = MAX (hi, v[j].y);
            }
          if (!isnan (previous))
            {
              lo = MIN (lo, previous);
              hi = MAX (hi, previous);
            }
          previous = v[j - 1].y;
          top = floor (lo - 1);
          height = MAX (ceil (hi + 1) - top, 2);
          cairo_rectangle (cr, floor (x), top, 1, height);
          i = j;
        }
      cairo_set_antialias (cr, CAIRO_ANTIALIAS_NONE);
      cairo_fill (cr);
      cairo_set_antialias (cr, CAIRO_ANTIALIAS_DEFAULT);
    }
  else
    {
      cairo_move_to (cr, v[0].x, v[0].y);
      for (guint i = 1; i < run->len; i++)
        cairo_line_to (cr, v[i].x, v[i].y);
      cairo_stroke (cr);
    }
  g_array_set_size (run, 0);
}

typedef struct
{
  int column;
  guint count;
  double x, first, min, max, last;
} Column;

static void
flush_column (Column *c,
              GArray *run)
{
  if (c->count == 0)
    return;
  g_array_append_val (run, GRAPHENE_POINT_INIT (c->x, c->first));
  if (c->count > 1)
    {
      /* the extremes in the order that keeps the line continuous */
      gboolean rising = c->last >= c->first;

      g_array_append_val (run, GRAPHENE_POINT_INIT (c->x, rising ? c->min : c->max));
      g_array_append_val (run, GRAPHENE_POINT_INIT (c->x, rising ? c->max : c->min));
      g_array_append_val (run, GRAPHENE_POINT_INIT (c->x, c->last));
    }
  c->count = 0;
}

static void
draw_line (PaddockChart  *self,
           cairo_t       *cr,
           const GdkRGBA *line,
           const GdkRGBA *fg)
{
  const PaddockChartAxis *axis = &self->common.axis;
  double bottom = axis->value_area.origin.y + axis->value_area.size.height;
  g_autoptr (GArray) run = g_array_sized_new (FALSE, FALSE, sizeof (graphene_point_t),
                                              (guint) axis->plot.size.width * 4 + 8);
  Column c = { G_MININT, 0, 0, 0, 0, 0, 0 };

  if (isfinite (self->base))
    {
      double y = round (paddock_chart_axis_y (axis, self->base)) + 0.5;
      static const double dash[] = { 4, 3 };

      cairo_save (cr);
      cairo_set_line_width (cr, 1);
      cairo_set_dash (cr, dash, G_N_ELEMENTS (dash), 0);
      cairo_set_source_rgba (cr, fg->red, fg->green, fg->blue, fg->alpha * 0.5);
      cairo_move_to (cr, axis->plot.origin.x, y);
      cairo_line_to (cr, axis->plot.origin.x + axis->plot.size.width, y);
      cairo_stroke (cr);
      cairo_restore (cr);
    }

  cairo_set_line_width (cr, 2);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_BEVEL);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);

  for (gsize i = 0; i < self->n_points; i++)
    {
      const PaddockChartPoint *p = &self->points[i];
      double x, y;
      int column;

      if (!p->present || !isfinite (p->value))
        {
          flush_column (&c, run);
          c.column = G_MININT;
          draw_run (cr, run, bottom, line);
          continue;
        }
      x = paddock_chart_axis_x (axis, p->time_unix_ms);
      y = paddock_chart_axis_y (axis, p->value);
      column = (int) floor (x);
      if (column != c.column || c.count == 0)
        {
          flush_column (&c, run);
          c.column = column;
          c.x = x;
          c.first = c.min = c.max = c.last = y;
        }
      else
        {
          c.min = MIN (c.min, y);
          c.max = MAX (c.max, y);
          c.last = y;
        }
      c.count++;
    }
  flush_column (&c, run);
  draw_run (cr, run, bottom, line);
}

static void
rebuild (PaddockChart  *self,
         int            width,
         int            height,
         const GdkRGBA  colors[2])
{
  const GdkRGBA *line = &colors[0], *fg = &colors[1];
  PaddockChartAxis *axis = &self->common.axis;
  GtkWidget *widget = GTK_WIDGET (self);
  g_autoptr (GtkSnapshot) snapshot = gtk_snapshot_new ();
  double v_min = G_MAXDOUBLE, v_max = -G_MAXDOUBLE;
  graphene_rect_t bounds;
  cairo_surface_t *surface;
  cairo_t *cr;

  for (gsize i = 0; i < self->n_present; i++)
    {
      double v = self->points[self->present_index[i]].value;

      v_min = MIN (v_min, v);
      v_max = MAX (v_max, v);
    }
  if (isfinite (self->base))
    {
      v_min = MIN (v_min, self->base);
      v_max = MAX (v_max, self->base);
    }

  paddock_chart_axis_layout (axis, widget, width, height, self->present_times[0],
                             self->present_times[self->n_present - 1], v_min, v_max,
                             self->common.currency, 0);
  paddock_chart_axis_snapshot (axis, widget, snapshot);

  graphene_rect_inset_r (&axis->plot, -3, -3, &bounds);
  bounds = GRAPHENE_RECT_INIT (floor (bounds.origin.x), floor (bounds.origin.y),
                               ceil (bounds.size.width), ceil (bounds.size.height));
  surface = paddock_chart_common_layer_new (&self->common, &bounds);
  cr = cairo_create (surface);
  draw_line (self, cr, line, fg);
  cairo_destroy (cr);
  paddock_chart_layer_append (snapshot, surface, &bounds);

  paddock_chart_common_set_cache (&self->common,
                                  gtk_snapshot_free_to_node (g_steal_pointer (&snapshot)),
                                  width, height, colors, 2);
}

static void
paddock_chart_snapshot (GtkWidget   *widget,
                        GtkSnapshot *snapshot)
{
  PaddockChart *self = PADDOCK_CHART (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  PaddockChartCommon *common = &self->common;
  GdkRGBA colors[2];  /* the line's, the foreground */

  if (self->n_present == 0)
    {
      paddock_chart_empty_snapshot (widget, snapshot);
      return;
    }

  if (!paddock_chart_lookup_color (widget, paddock_chart_get_up (self) ? "success_color"
                                                                       : "error_color",
                                   &colors[0]))
    colors[0] = paddock_chart_get_up (self) ? (GdkRGBA) { 0.15, 0.64, 0.41, 1 }
                                            : (GdkRGBA) { 0.75, 0.11, 0.16, 1 };
  paddock_chart_foreground (widget, &colors[1]);

  if (!paddock_chart_common_cache_valid (common, width, height, colors, 2))
    rebuild (self, width, height, colors);

  if (common->cache != NULL)
    gtk_snapshot_append_node (snapshot, common->cache);

  if (common->crosshair >= 0)
    {
      const PaddockChartPoint *p = &self->points[self->present_index[common->crosshair]];
      g_autofree char *time = paddock_chart_format_time (p->time_unix_ms, common->axis.span_ms,
                                                         TRUE);
      g_autofree char *value = paddock_chart_format_value (p->value, 2, common->currency);
      g_autofree char *text = g_strdup_printf ("%s\n%s", time, value);

      paddock_chart_crosshair_snapshot (&common->axis, widget, snapshot,
                                        paddock_chart_axis_x (&common->axis, p->time_unix_ms),
                                        paddock_chart_axis_y (&common->axis, p->value),
                                        &colors[0], text);
    }
}

/* ---- GObject ------------------------------------------------------------------------ */

static void
paddock_chart_finalize (GObject *object)
{
  PaddockChart *self = PADDOCK_CHART (object);

  g_free (self->points);
  g_free (self->present_times);
  g_free (self->present_index);
  paddock_chart_common_finalize (&self->common);

  G_OBJECT_CLASS (paddock_chart_parent_class)->finalize (object);
}

static void
paddock_chart_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  PaddockChart *self = PADDOCK_CHART (object);

  if (paddock_chart_common_get_property (&self->common, prop_id, value))
    return;
  switch (prop_id)
    {
    case PROP_N_POINTS:
      g_value_set_uint64 (value, self->n_points);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
paddock_chart_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  PaddockChart *self = PADDOCK_CHART (object);

  if (!paddock_chart_common_set_property (&self->common, prop_id, value))
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
paddock_chart_class_init (PaddockChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = paddock_chart_finalize;
  object_class->get_property = paddock_chart_get_property;
  object_class->set_property = paddock_chart_set_property;
  widget_class->snapshot = paddock_chart_snapshot;

  paddock_chart_common_class_init (widget_class, properties);
  properties[PROP_N_POINTS] =
    g_param_spec_uint64 ("n-points", NULL, NULL, 0, G_MAXUINT64, 0,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
paddock_chart_init (PaddockChart *self)
{
  self->base = NAN;
  paddock_chart_common_init (&self->common, GTK_WIDGET (self), N_("Equity"), describe,
                             properties);
  gtk_widget_set_size_request (GTK_WIDGET (self), 160, 100);
  paddock_chart_common_update_summary (&self->common);
}

/**
 * paddock_chart_new:
 *
 * Returns: (transfer floating): a new, empty chart ("No history yet")
 */
GtkWidget *
paddock_chart_new (void)
{
  return g_object_new (PADDOCK_TYPE_CHART, NULL);
}
