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
  char *currency;
  char *title;
  char *summary;

  gssize crosshair;         /* index in present_times, or -1 */

  /* what one data, size and colour change draws */
  GskRenderNode *cache;
  PaddockChartAxis axis;
  int cache_width, cache_height;
  GdkRGBA cache_line, cache_fg;
};

G_DEFINE_FINAL_TYPE (PaddockChart, paddock_chart, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CURRENCY,
  PROP_TITLE,
  PROP_SUMMARY,
  PROP_N_POINTS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
invalidate (PaddockChart *self)
{
  g_clear_pointer (&self->cache, gsk_render_node_unref);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static gboolean
set_str (char       **field,
         const char  *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;
  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

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

static void
update_summary (PaddockChart *self)
{
  const char *title = self->title != NULL ? self->title : _("Equity");

  g_free (self->summary);
  if (self->n_present == 0)
    self->summary = g_strdup (_("No history yet"));
  else
    {
      g_autofree char *first = paddock_chart_format_value (first_value (self), 2,
                                                           self->currency);
      g_autofree char *last = paddock_chart_format_value (last_value (self), 2,
                                                          self->currency);
      g_autofree char *change = paddock_chart_format_percent (first_value (self),
                                                              last_value (self));
      gint64 span = self->present_times[self->n_present - 1] - self->present_times[0];
      g_autofree char *from = paddock_chart_format_time (self->present_times[0], span, TRUE);
      g_autofree char *to = paddock_chart_format_time (self->present_times[self->n_present - 1],
                                                       span, TRUE);

      /* Translators: the text screen readers say for a chart: "Equity from $24,000.00 to
       * $24,310.90, up 1.3 %, between 2 Mar 2026 09:30 and 2 Mar 2026 16:00" */
      self->summary = g_strdup_printf (_("%s from %s to %s, %s, between %s and %s"),
                                       title, first, last, change, from, to);
    }

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, self->summary,
                                  -1);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUMMARY]);
}

static int
compare_points (gconstpointer a,
                gconstpointer b,
                gpointer      user_data G_GNUC_UNUSED)
{
  const PaddockChartPoint *pa = a, *pb = b;

  return pa->time_unix_ms < pb->time_unix_ms ? -1 : pa->time_unix_ms > pb->time_unix_ms;
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
  gboolean sorted = TRUE;
  gboolean kept = FALSE;
  gint64 kept_time = 0;

  g_return_if_fail (PADDOCK_IS_CHART (self));
  g_return_if_fail (points != NULL || n == 0);

  if (self->crosshair >= 0 && (gsize) self->crosshair < self->n_present)
    {
      kept = TRUE;
      kept_time = self->present_times[self->crosshair];
    }
  g_free (self->points);
  g_free (self->present_times);
  g_free (self->present_index);
  self->points = n > 0 ? g_memdup2 (points, n * sizeof *points) : NULL;
  self->n_points = n;

  for (gsize i = 1; i < n && sorted; i++)
    sorted = points[i - 1].time_unix_ms <= points[i].time_unix_ms;
  if (!sorted)
    g_qsort_with_data (self->points, (gint) n, sizeof *self->points, compare_points, NULL);

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

  self->crosshair = -1;
  for (gsize i = 0; kept && i < self->n_present; i++)
    if (self->present_times[i] == kept_time)
      self->crosshair = (gssize) i;
  update_summary (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_POINTS]);
  invalidate (self);
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
  invalidate (self);
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

  if (set_str (&self->currency, currency))
    {
      update_summary (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENCY]);
      invalidate (self);
    }
}

const char *
paddock_chart_get_currency (PaddockChart *self)
{
  g_return_val_if_fail (PADDOCK_IS_CHART (self), NULL);
  return self->currency;
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

  if (set_str (&self->title, title))
    {
      update_summary (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
    }
}

const char *
paddock_chart_get_title (PaddockChart *self)
{
  g_return_val_if_fail (PADDOCK_IS_CHART (self), NULL);
  return self->title != NULL ? self->title : _("Equity");
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
  return self->summary;
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

  if (self->crosshair < 0)
    return FALSE;
  point = &self->points[self->present_index[self->crosshair]];
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
  return self->crosshair < 0 ? -1 : (gssize) self->present_index[self->crosshair];
}

static void
set_crosshair (PaddockChart *self,
               gssize        present)
{
  if (present == self->crosshair)
    return;
  self->crosshair = present;
  /* only the cross-hair layer changes: the cached node stays */
  gtk_widget_queue_draw (GTK_WIDGET (self));
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
    set_crosshair (self, -1);
  else
    set_crosshair (self, (gssize) paddock_chart_nearest (self->present_times, self->n_present,
                                                         self->points[MIN ((gsize) index,
                                                                           self->n_points - 1)]
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

  if (self->cache == NULL)
    return FALSE;
  *x = paddock_chart_axis_x (&self->axis, self->points[index].time_unix_ms);
  *y = paddock_chart_axis_y (&self->axis, self->points[index].value);
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
  const PaddockChartAxis *axis = &self->axis;
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
         const GdkRGBA *line,
         const GdkRGBA *fg)
{
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

  paddock_chart_axis_layout (&self->axis, widget, width, height, self->present_times[0],
                             self->present_times[self->n_present - 1], v_min, v_max,
                             self->currency, 0);
  paddock_chart_axis_snapshot (&self->axis, widget, snapshot);

  graphene_rect_inset_r (&self->axis.plot, -3, -3, &bounds);
  bounds = GRAPHENE_RECT_INIT (floor (bounds.origin.x), floor (bounds.origin.y),
                               ceil (bounds.size.width), ceil (bounds.size.height));
  surface = paddock_chart_layer_new (widget, &bounds);
  cr = cairo_create (surface);
  draw_line (self, cr, line, fg);
  cairo_destroy (cr);
  paddock_chart_layer_append (snapshot, surface, &bounds);

  g_clear_pointer (&self->cache, gsk_render_node_unref);
  self->cache = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  self->cache_width = width;
  self->cache_height = height;
  self->cache_line = *line;
  self->cache_fg = *fg;
}

static void
paddock_chart_snapshot (GtkWidget   *widget,
                        GtkSnapshot *snapshot)
{
  PaddockChart *self = PADDOCK_CHART (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  GdkRGBA line, fg;

  if (self->n_present == 0)
    {
      paddock_chart_empty_snapshot (widget, snapshot, _("No history yet"));
      return;
    }

  if (!paddock_chart_lookup_color (widget, paddock_chart_get_up (self) ? "success_color"
                                                                       : "error_color",
                                   &line))
    line = paddock_chart_get_up (self) ? (GdkRGBA) { 0.15, 0.64, 0.41, 1 }
                                       : (GdkRGBA) { 0.75, 0.11, 0.16, 1 };
  paddock_chart_foreground (widget, &fg);

  /* a new style (dark, high contrast) is a new drawing; a moved cross-hair is not */
  if (self->cache == NULL || width != self->cache_width || height != self->cache_height
      || !gdk_rgba_equal (&line, &self->cache_line) || !gdk_rgba_equal (&fg, &self->cache_fg))
    rebuild (self, width, height, &line, &fg);

  if (self->cache != NULL)
    gtk_snapshot_append_node (snapshot, self->cache);

  if (self->crosshair >= 0)
    {
      const PaddockChartPoint *p = &self->points[self->present_index[self->crosshair]];
      g_autofree char *time = paddock_chart_format_time (p->time_unix_ms, self->axis.span_ms,
                                                         TRUE);
      g_autofree char *value = paddock_chart_format_value (p->value, 2, self->currency);
      g_autofree char *text = g_strdup_printf ("%s\n%s", time, value);

      paddock_chart_crosshair_snapshot (&self->axis, widget, snapshot,
                                        paddock_chart_axis_x (&self->axis, p->time_unix_ms),
                                        paddock_chart_axis_y (&self->axis, p->value),
                                        &line, text);
    }
}

/* ---- pointer and keyboard ----------------------------------------------------------- */

static void
motion_cb (GtkEventControllerMotion *controller G_GNUC_UNUSED,
           double                    x,
           double                    y G_GNUC_UNUSED,
           PaddockChart             *self)
{
  const PaddockChartAxis *axis = &self->axis;
  gint64 t;

  if (self->n_present == 0 || self->cache == NULL)
    return;
  t = paddock_chart_axis_time_at (axis, x);
  set_crosshair (self, (gssize) paddock_chart_nearest (self->present_times, self->n_present, t));
}

static void
leave_cb (GtkEventControllerMotion *controller G_GNUC_UNUSED,
          PaddockChart             *self)
{
  if (!gtk_widget_has_focus (GTK_WIDGET (self)))
    set_crosshair (self, -1);
}

static gboolean
key_pressed_cb (GtkEventControllerKey *controller G_GNUC_UNUSED,
                guint                  keyval,
                guint                  keycode G_GNUC_UNUSED,
                GdkModifierType        state G_GNUC_UNUSED,
                PaddockChart          *self)
{
  gssize next;

  if (!paddock_chart_key_move (keyval, self->crosshair, self->n_present, &next))
    return GDK_EVENT_PROPAGATE;
  set_crosshair (self, next);
  return GDK_EVENT_STOP;
}

static void
pressed_cb (GtkGestureClick *gesture G_GNUC_UNUSED,
            int              n_press G_GNUC_UNUSED,
            double           x G_GNUC_UNUSED,
            double           y G_GNUC_UNUSED,
            PaddockChart    *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self));
}

/* ---- GObject ------------------------------------------------------------------------ */

static void
paddock_chart_finalize (GObject *object)
{
  PaddockChart *self = PADDOCK_CHART (object);

  g_free (self->points);
  g_free (self->present_times);
  g_free (self->present_index);
  g_free (self->currency);
  g_free (self->title);
  g_free (self->summary);
  g_clear_pointer (&self->cache, gsk_render_node_unref);
  paddock_chart_axis_clear (&self->axis);

  G_OBJECT_CLASS (paddock_chart_parent_class)->finalize (object);
}

static void
paddock_chart_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  PaddockChart *self = PADDOCK_CHART (object);

  switch (prop_id)
    {
    case PROP_CURRENCY:
      g_value_set_string (value, self->currency);
      break;
    case PROP_TITLE:
      g_value_set_string (value, paddock_chart_get_title (self));
      break;
    case PROP_SUMMARY:
      g_value_set_string (value, self->summary);
      break;
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

  switch (prop_id)
    {
    case PROP_CURRENCY:
      paddock_chart_set_currency (self, g_value_get_string (value));
      break;
    case PROP_TITLE:
      paddock_chart_set_title (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
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

  properties[PROP_CURRENCY] =
    g_param_spec_string ("currency", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SUMMARY] =
    g_param_spec_string ("summary", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_POINTS] =
    g_param_spec_uint64 ("n-points", NULL, NULL, 0, G_MAXUINT64, 0,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "chart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
paddock_chart_init (PaddockChart *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  GtkEventController *motion = gtk_event_controller_motion_new ();
  GtkEventController *key = gtk_event_controller_key_new ();
  GtkGesture *click = gtk_gesture_click_new ();

  self->base = NAN;
  self->crosshair = -1;

  gtk_widget_set_focusable (widget, TRUE);
  gtk_widget_add_css_class (widget, "paddock-chart");
  gtk_widget_set_size_request (widget, 160, 100);

  g_signal_connect (motion, "enter", G_CALLBACK (motion_cb), self);
  g_signal_connect (motion, "motion", G_CALLBACK (motion_cb), self);
  g_signal_connect (motion, "leave", G_CALLBACK (leave_cb), self);
  gtk_widget_add_controller (widget, motion);
  g_signal_connect (key, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (widget, key);
  g_signal_connect (click, "pressed", G_CALLBACK (pressed_cb), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (click));

  update_summary (self);
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
