/* paddock-chart-axis.c: axes, ticks, labels and the cross-hair of Paddock's charts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Private to PaddockChart and PaddockCandleChart. The axes are laid out once per data or
 * size change (ticks, their labels as PangoLayouts); drawing them is then only appending
 * nodes. The cross-hair is drawn on its own, over the chart's cached nodes. Also what both
 * widgets keep and do alike (PaddockChartCommon): texts, properties, cross-hair, cache.
 */
#define G_LOG_DOMAIN "paddock-chart"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "paddock-chart-axis.h"
#include "paddock-format.h"

#define PAD 6.0
#define LABEL_GAP 6.0
#define MS_MINUTE G_GINT64_CONSTANT (60000)
#define MS_HOUR (60 * MS_MINUTE)
#define MS_DAY (24 * MS_HOUR)

void
paddock_chart_axis_clear (PaddockChartAxis *axis)
{
  g_clear_pointer (&axis->value_ticks, g_array_unref);
  g_clear_pointer (&axis->value_labels, g_ptr_array_unref);
  g_clear_pointer (&axis->time_ticks, g_array_unref);
  g_clear_pointer (&axis->time_labels, g_ptr_array_unref);
}

/* Ticks at 1, 2, 2.5 or 5 times a power of ten, about @target of them, inside [min, max];
 * @decimals is how many decimals their labels need. */
void
paddock_chart_nice_ticks (double  min,
                          double  max,
                          guint   target,
                          GArray *ticks,
                          int    *decimals)
{
  double range = max - min;
  double rough, magnitude, norm, step, first;
  int digits;

  g_array_set_size (ticks, 0);
  if (!isfinite (range) || range <= 0 || target == 0)
    {
      if (isfinite (min))
        g_array_append_val (ticks, min);
      *decimals = 2;
      return;
    }

  rough = range / target;
  magnitude = pow (10, floor (log10 (rough)));
  norm = rough / magnitude;
  if (norm < 1.5)
    step = 1;
  else if (norm < 2.25)
    step = 2;
  else if (norm < 3.5)
    step = 2.5;
  else if (norm < 7.5)
    step = 5;
  else
    step = 10;
  step *= magnitude;

  digits = (int) -floor (log10 (step) + 1e-9);
  if (step / pow (10, floor (log10 (step) + 1e-9)) == 2.5)
    digits++;
  *decimals = CLAMP (digits, 0, 8);

  first = ceil (min / step - 1e-9) * step;
  for (double v = first; v <= max + step * 1e-9; v += step)
    {
      double rounded = fabs (v) < step * 1e-9 ? 0 : v;

      g_array_append_val (ticks, rounded);
      if (ticks->len > 100)
        break;
    }
}

/* Time ticks at round minutes, hours, days, weeks or months, about @target of them. */
void
paddock_chart_time_ticks (gint64  t_min,
                          gint64  t_max,
                          guint   target,
                          GArray *ticks)
{
  static const gint64 steps[] = {
    MS_MINUTE, 2 * MS_MINUTE, 5 * MS_MINUTE, 10 * MS_MINUTE, 15 * MS_MINUTE, 30 * MS_MINUTE,
    MS_HOUR, 2 * MS_HOUR, 3 * MS_HOUR, 6 * MS_HOUR, 12 * MS_HOUR,
    MS_DAY, 2 * MS_DAY, 7 * MS_DAY, 14 * MS_DAY, 30 * MS_DAY, 91 * MS_DAY, 182 * MS_DAY,
    365 * MS_DAY, 730 * MS_DAY, 1826 * MS_DAY,
  };
  gint64 span = t_max - t_min;
  gint64 step = steps[G_N_ELEMENTS (steps) - 1];
  g_autoptr (GDateTime) start = NULL;
  gint64 offset;

  g_array_set_size (ticks, 0);
  if (span <= 0 || target == 0)
    return;

  /* over more than a day the labels are days: no two ticks on one day */
  for (gsize i = 0; i < G_N_ELEMENTS (steps); i++)
    if (span / steps[i] <= (gint64) target && (span <= MS_DAY || steps[i] >= MS_DAY))
      {
        step = steps[i];
        break;
      }

  /* round in local time, so day ticks fall at midnight where the person is */
  start = g_date_time_new_from_unix_local (t_min / 1000);
  offset = start != NULL ? g_date_time_get_utc_offset (start) / 1000 : 0;

  if (step >= 30 * MS_DAY)
    {
      /* whole months (or several), from the first of the month after t_min */
      int months = (int) (step / (30 * MS_DAY));
      g_autoptr (GDateTime) month = NULL;

      if (start == NULL)
        return;
      months = step == 91 * MS_DAY ? 3 : step == 182 * MS_DAY ? 6 : months;
      if (step >= 365 * MS_DAY)
        months = 12 * (int) (step / (365 * MS_DAY));
      month = g_date_time_new_local (g_date_time_get_year (start),
                                     g_date_time_get_month (start), 1, 0, 0, 0);
      while (month != NULL && ticks->len < 100)
        {
          gint64 t = g_date_time_to_unix (month) * 1000;
          GDateTime *next;

          if (t > t_max)
            break;
          if (t >= t_min && (g_date_time_get_month (month) - 1) % MIN (months, 12) == 0
              && (months <= 12 || g_date_time_get_year (month) % (months / 12) == 0))
            g_array_append_val (ticks, t);
          next = g_date_time_add_months (month, 1);
          g_date_time_unref (month);
          month = next;
        }
      g_clear_pointer (&month, g_date_time_unref);
      return;
    }

  for (gint64 t = ((t_min + offset + step - 1) / step) * step - offset;
       t <= t_max && ticks->len < 100; t += step)
    g_array_append_val (ticks, t);
}

/* A time for an axis label (@precise FALSE) or for the cross-hair (@precise TRUE), in
 * local time and the locale's names, adapted to the span the chart shows. */
char *
paddock_chart_format_time (gint64   time_unix_ms,
                           gint64   span_ms,
                           gboolean precise)
{
  g_autoptr (GDateTime) utc = g_date_time_new_from_unix_utc (time_unix_ms / 1000);
  g_autoptr (GDateTime) local = NULL;
  const char *format;

  if (utc == NULL)
    return g_strdup ("");
  local = g_date_time_to_local (utc);

  if (span_ms <= MS_DAY)
    /* Translators: a time of day on a chart's axis; see g_date_time_format() */
    format = precise ? C_("chart time", "%-d %b %H:%M") : C_("chart time", "%H:%M");
  else if (span_ms <= 400 * MS_DAY)
    /* Translators: a day on a chart's axis (day and month); see g_date_time_format() */
    format = precise ? C_("chart time", "%-d %b %Y %H:%M") : C_("chart time", "%-d %b");
  else
    /* Translators: a month on a chart's axis; see g_date_time_format() */
    format = precise ? C_("chart time", "%-d %b %Y") : C_("chart time", "%b %Y");

  return g_date_time_format (local, format);
}

/* @value rounded to @decimals, in the locale's format; as money with a @currency. */
char *
paddock_chart_format_value (double      value,
                            int         decimals,
                            const char *currency)
{
  char format[16];
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];
  char *text;

  if (!isfinite (value))
    return g_strdup ("—");
  decimals = CLAMP (decimals, 0, 8);
  /* no "−0.00" */
  if (fabs (value) < 0.5 * pow (10, -decimals))
    value = 0;
  g_snprintf (format, sizeof format, "%%.%df", decimals);
  g_ascii_formatd (buffer, sizeof buffer, format, value);

  text = currency != NULL ? paddock_format_money (buffer, currency)
                          : paddock_format_quantity (buffer);
  return text != NULL ? text : g_strdup (buffer);
}

/* "up 10.0 %", "down 2.5 %" or "unchanged", from @first to @last. */
char *
paddock_chart_format_percent (double first,
                              double last)
{
  double change;

  if (first == 0 || !isfinite (first) || !isfinite (last))
    return g_strdup (last > first ? _("up") : last < first ? _("down") : _("unchanged"));
  change = (last - first) / fabs (first) * 100;
  if (fabs (change) < 0.05)
    return g_strdup (_("unchanged"));
  if (change > 0)
    /* Translators: a rise on a chart, as a percentage */
    return g_strdup_printf (_("up %'.1f%%"), change);
  /* Translators: a fall on a chart, as a percentage */
  return g_strdup_printf (_("down %'.1f%%"), -change);
}

/* One of libadwaita's named colours (success_color, error_color, …), which follow the
 * light or dark style. */
gboolean
paddock_chart_lookup_color (GtkWidget  *widget,
                            const char *name,
                            GdkRGBA    *color)
{
  GtkStyleContext *context = gtk_widget_get_style_context (widget);

  return gtk_style_context_lookup_color (context, name, color);
}

void
paddock_chart_foreground (GtkWidget *widget,
                          GdkRGBA   *color)
{
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), color);
}

static PangoLayout *
small_layout (GtkWidget  *widget,
              const char *text)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (widget, text);
  PangoAttrList *attrs = pango_attr_list_new ();

  pango_attr_list_insert (attrs, pango_attr_scale_new (PANGO_SCALE_SMALL));
  pango_attr_list_insert (attrs, pango_attr_font_features_new ("tnum"));
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
  return layout;
}

/* Lays the axes out in @width × @height: value labels on the left, time labels under the
 * plot; @strip_height pixels at the bottom of the plot are left out of the value scale
 * (the candle chart's volume strip). */
void
paddock_chart_axis_layout (PaddockChartAxis *axis,
                           GtkWidget        *widget,
                           int               width,
                           int               height,
                           gint64            t_min,
                           gint64            t_max,
                           double            v_min,
                           double            v_max,
                           const char       *currency,
                           double            strip_height)
{
  double label_width = 0, label_height = 0, plot_w, plot_h, pad;
  int decimals = 2;
  guint value_target;

  paddock_chart_axis_clear (axis);
  axis->value_ticks = g_array_new (FALSE, FALSE, sizeof (double));
  axis->value_labels = g_ptr_array_new_with_free_func (g_object_unref);
  axis->time_ticks = g_array_new (FALSE, FALSE, sizeof (gint64));
  axis->time_labels = g_ptr_array_new_with_free_func (g_object_unref);

  if (t_max <= t_min)
    {
      t_min -= MS_HOUR / 2;
      t_max += MS_HOUR / 2;
    }
  if (!(v_max > v_min))
    {
      double d = fabs (v_min) > 0 ? fabs (v_min) * 0.01 : 1;

      v_min -= d;
      v_max += d;
    }
  /* a little room above and below the data */
  pad = (v_max - v_min) * 0.06;
  v_min -= pad;
  v_max += pad;

  axis->t_min = t_min;
  axis->t_max = t_max;
  axis->v_min = v_min;
  axis->v_max = v_max;
  axis->span_ms = t_max - t_min;

  {
    PangoLayout *probe = small_layout (widget, "0");
    int h;

    pango_layout_get_pixel_size (probe, NULL, &h);
    label_height = h;
    g_object_unref (probe);
  }

  value_target = (guint) CLAMP ((height - strip_height) / (label_height * 3), 2, 8);
  paddock_chart_nice_ticks (v_min, v_max, value_target, axis->value_ticks, &decimals);
  for (guint i = 0; i < axis->value_ticks->len; i++)
    {
      g_autofree char *text = paddock_chart_format_value (g_array_index (axis->value_ticks,
                                                                         double, i),
                                                          decimals, currency);
      PangoLayout *layout = small_layout (widget, text);
      int w;

      pango_layout_get_pixel_size (layout, &w, NULL);
      label_width = MAX (label_width, w);
      g_ptr_array_add (axis->value_labels, layout);
    }

  plot_w = MAX (width - PAD * 2 - label_width - LABEL_GAP, 1);
  plot_h = MAX (height - PAD * 2 - label_height - LABEL_GAP, 1);
  axis->plot = GRAPHENE_RECT_INIT (PAD + label_width + LABEL_GAP, PAD, plot_w, plot_h);
  axis->value_area = GRAPHENE_RECT_INIT (axis->plot.origin.x, axis->plot.origin.y, plot_w,
                                         MAX (plot_h - strip_height, 1));

  {
    g_autofree char *sample = paddock_chart_format_time (t_max, axis->span_ms, FALSE);
    PangoLayout *probe = small_layout (widget, sample);
    int w;

    pango_layout_get_pixel_size (probe, &w, NULL);
    g_object_unref (probe);
    paddock_chart_time_ticks (t_min, t_max, (guint) CLAMP (plot_w / (w * 2.2 + 1), 1, 12),
                              axis->time_ticks);
  }
  for (guint i = 0; i < axis->time_ticks->len; i++)
    {
      g_autofree char *text = paddock_chart_format_time (g_array_index (axis->time_ticks,
                                                                        gint64, i),
                                                         axis->span_ms, FALSE);

      g_ptr_array_add (axis->time_labels, small_layout (widget, text));
    }
}

double
paddock_chart_axis_x (const PaddockChartAxis *axis,
                      gint64                  time_unix_ms)
{
  return axis->plot.origin.x
         + (double) (time_unix_ms - axis->t_min) / (double) (axis->t_max - axis->t_min)
           * axis->plot.size.width;
}

double
paddock_chart_axis_y (const PaddockChartAxis *axis,
                      double                  value)
{
  return axis->value_area.origin.y + axis->value_area.size.height
         - (value - axis->v_min) / (axis->v_max - axis->v_min) * axis->value_area.size.height;
}

/* The time at @x on the widget (clamped to the plot). */
gint64
paddock_chart_axis_time_at (const PaddockChartAxis *axis,
                            double                  x)
{
  double f;

  if (axis->plot.size.width <= 0)
    return axis->t_min;
  f = CLAMP ((x - axis->plot.origin.x) / axis->plot.size.width, 0, 1);
  return axis->t_min + (gint64) (f * (double) (axis->t_max - axis->t_min));
}

/* The grid lines and the labels, in the widget's foreground colour. */
void
paddock_chart_axis_snapshot (const PaddockChartAxis *axis,
                             GtkWidget              *widget,
                             GtkSnapshot            *snapshot)
{
  GdkRGBA fg, grid, label;
  const graphene_rect_t *plot = &axis->plot;

  if (axis->value_ticks == NULL)
    return;

  paddock_chart_foreground (widget, &fg);
  grid = fg;
  grid.alpha *= 0.1;
  label = fg;
  label.alpha *= 0.7;

  for (guint i = 0; i < axis->value_ticks->len; i++)
    {
      double y = round (paddock_chart_axis_y (axis, g_array_index (axis->value_ticks,
                                                                   double, i)));
      PangoLayout *layout = g_ptr_array_index (axis->value_labels, i);
      int w, h;

      if (y < plot->origin.y - 0.5 || y > axis->value_area.origin.y
                                          + axis->value_area.size.height + 0.5)
        continue;
      gtk_snapshot_append_color (snapshot, &grid,
                                 &GRAPHENE_RECT_INIT (plot->origin.x, y, plot->size.width, 1));
      pango_layout_get_pixel_size (layout, &w, &h);
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (plot->origin.x - LABEL_GAP - w,
                                                              y - h / 2.0));
      gtk_snapshot_append_layout (snapshot, layout, &label);
      gtk_snapshot_restore (snapshot);
    }

  /* the time axis */
  gtk_snapshot_append_color (snapshot, &grid,
                             &GRAPHENE_RECT_INIT (plot->origin.x,
                                                  plot->origin.y + plot->size.height,
                                                  plot->size.width, 1));
  for (guint i = 0; i < axis->time_ticks->len; i++)
    {
      double x = round (paddock_chart_axis_x (axis, g_array_index (axis->time_ticks,
                                                                   gint64, i)));
      PangoLayout *layout = g_ptr_array_index (axis->time_labels, i);
      int w, h;
      double left;

      pango_layout_get_pixel_size (layout, &w, &h);
      gtk_snapshot_append_color (snapshot, &grid,
                                 &GRAPHENE_RECT_INIT (x, plot->origin.y + plot->size.height,
                                                      1, 4));
      left = CLAMP (x - w / 2.0, plot->origin.x - LABEL_GAP,
                    plot->origin.x + plot->size.width + PAD - w);
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot,
                              &GRAPHENE_POINT_INIT (left, plot->origin.y + plot->size.height
                                                          + LABEL_GAP));
      gtk_snapshot_append_layout (snapshot, layout, &label);
      gtk_snapshot_restore (snapshot);
    }
}

/* The index in the sorted @times nearest to @time_unix_ms (@n > 0). */
gsize
paddock_chart_nearest (const gint64 *times,
                       gsize         n,
                       gint64        time_unix_ms)
{
  gsize lo = 0, hi = n;

  g_return_val_if_fail (n > 0, 0);
  while (lo < hi)
    {
      gsize mid = lo + (hi - lo) / 2;

      if (times[mid] < time_unix_ms)
        lo = mid + 1;
      else
        hi = mid;
    }
  if (lo == n)
    return n - 1;
  if (lo > 0 && time_unix_ms - times[lo - 1] <= times[lo] - time_unix_ms)
    return lo - 1;
  return lo;
}

/* Left/Right one point, Home/End to the ends; from no cross-hair (-1), Right and Left
 * start at the first and last point. Returns whether @keyval is one of these keys. */
gboolean
paddock_chart_key_move (guint   keyval,
                        gssize  current,
                        gsize   n,
                        gssize *next)
{
  gssize last = (gssize) n - 1;

  switch (keyval)
    {
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      *next = current < 0 ? last : MAX (current - 1, 0);
      break;
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      *next = current < 0 ? 0 : MIN (current + 1, last);
      break;
    case GDK_KEY_Home:
    case GDK_KEY_KP_Home:
      *next = 0;
      break;
    case GDK_KEY_End:
    case GDK_KEY_KP_End:
      *next = last;
      break;
    case GDK_KEY_Escape:
      *next = -1;
      return current >= 0;
    default:
      return FALSE;
    }
  if (n == 0)
    *next = -1;
  return TRUE;
}

/* The cross-hair at (@x, @y) with @text in a small box near it. */
void
paddock_chart_crosshair_snapshot (const PaddockChartAxis *axis,
                                  GtkWidget              *widget,
                                  GtkSnapshot            *snapshot,
                                  double                  x,
                                  double                  y,
                                  const GdkRGBA          *dot_color,
                                  const char             *text)
{
  const graphene_rect_t *plot = &axis->plot;
  g_autoptr (PangoLayout) layout = small_layout (widget, text);
  GdkRGBA fg, line, box;
  GskRoundedRect dot, rounded;
  int w, h;
  double bx, by;

  paddock_chart_foreground (widget, &fg);
  line = fg;
  line.alpha *= 0.45;
  box = (GdkRGBA) { 0, 0, 0, 0 };
  if (!paddock_chart_lookup_color (widget, "popover_bg_color", &box))
    box = (GdkRGBA) { 1, 1, 1, 1 };
  box.alpha = 0.92;

  x = round (x);
  gtk_snapshot_append_color (snapshot, &line,
                             &GRAPHENE_RECT_INIT (x, plot->origin.y, 1, plot->size.height));
  gtk_snapshot_append_color (snapshot, &line,
                             &GRAPHENE_RECT_INIT (plot->origin.x, round (y), plot->size.width,
                                                  1));
  gsk_rounded_rect_init_from_rect (&dot, &GRAPHENE_RECT_INIT (x - 3.5, y - 3.5, 8, 8), 4);
  gtk_snapshot_push_rounded_clip (snapshot, &dot);
  gtk_snapshot_append_color (snapshot, dot_color, &dot.bounds);
  gtk_snapshot_pop (snapshot);

  pango_layout_get_pixel_size (layout, &w, &h);
  bx = x + 10 + w + 12 > plot->origin.x + plot->size.width ? x - 10 - w - 12 : x + 10;
  by = plot->origin.y + 4;
  gsk_rounded_rect_init_from_rect (&rounded, &GRAPHENE_RECT_INIT (bx, by, w + 12, h + 6), 5);
  gtk_snapshot_push_rounded_clip (snapshot, &rounded);
  gtk_snapshot_append_color (snapshot, &box, &rounded.bounds);
  gtk_snapshot_pop (snapshot);
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (bx + 6, by + 3));
  gtk_snapshot_append_layout (snapshot, layout, &fg);
  gtk_snapshot_restore (snapshot);
}

/* An image to draw the data into, once per data, size or colour change: cairo draws in
 * @bounds' coordinates at the widget's scale. Drawing the paths into a cairo node instead
 * would replay them (the whole path filled and stroked again) at every frame, cross-hair
 * moves included; the node only paints this image (paddock_chart_layer_append()).
 *
 * The images of the last two drawings are kept: the previous one's node is usually still
 * on screen, the one before is not, and its memory is cleared and drawn into again when
 * the size is the same (a new image is fresh memory: page faults and zeroing, and freeing
 * an image a node still paints makes cairo copy it first). Should a node still paint it,
 * cairo copies it before it is changed, so reuse is always safe. */
cairo_surface_t *
paddock_chart_common_layer_new (PaddockChartCommon    *common,
                                const graphene_rect_t *bounds)
{
  int scale = gtk_widget_get_scale_factor (common->widget);
  int width = MAX ((int) ceil (bounds->size.width * scale), 1);
  int height = MAX ((int) ceil (bounds->size.height * scale), 1);
  cairo_surface_t *surface = g_steal_pointer (&common->layers[1]);

  if (surface != NULL && (cairo_image_surface_get_width (surface) != width
                          || cairo_image_surface_get_height (surface) != height))
    g_clear_pointer (&surface, cairo_surface_destroy);
  if (surface != NULL)
    {
      cairo_t *cr = cairo_create (surface);

      cairo_set_operator (cr, CAIRO_OPERATOR_CLEAR);
      cairo_paint (cr);
      cairo_destroy (cr);
    }
  else
    surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cairo_surface_set_device_scale (surface, scale, scale);
  cairo_surface_set_device_offset (surface, -bounds->origin.x * scale,
                                   -bounds->origin.y * scale);

  common->layers[1] = g_steal_pointer (&common->layers[0]);
  common->layers[0] = cairo_surface_reference (surface);
  return surface;
}

/* Appends what was drawn into @surface (and frees it) at @bounds, as a cairo node that
 * only paints the image. Not a texture node: GTK 4.8's cairo renderer converts a memory
 * texture for cairo at every frame, pixel by pixel through floats (about three quarters of
 * a cross-hair frame's instructions), whereas painting an image surface is a blit. */
void
paddock_chart_layer_append (GtkSnapshot           *snapshot,
                            cairo_surface_t       *surface,
                            const graphene_rect_t *bounds)
{
  cairo_t *cr = gtk_snapshot_append_cairo (snapshot, bounds);

  cairo_surface_flush (surface);
  cairo_set_source_surface (cr, surface, 0, 0);
  cairo_paint (cr);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

/* The empty state: "No history yet", dimmed, in the middle. */
void
paddock_chart_empty_snapshot (GtkWidget   *widget,
                              GtkSnapshot *snapshot)
{
  g_autoptr (PangoLayout) layout = gtk_widget_create_pango_layout (widget, _("No history yet"));
  GdkRGBA fg;
  int w, h;

  paddock_chart_foreground (widget, &fg);
  fg.alpha *= 0.55;
  pango_layout_get_pixel_size (layout, &w, &h);
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot,
                          &GRAPHENE_POINT_INIT (round ((gtk_widget_get_width (widget) - w) / 2.0),
                                                round ((gtk_widget_get_height (widget) - h)
                                                       / 2.0)));
  gtk_snapshot_append_layout (snapshot, layout, &fg);
  gtk_snapshot_restore (snapshot);
}

static int
compare_times (gconstpointer a,
               gconstpointer b,
               gpointer      user_data G_GNUC_UNUSED)
{
  gint64 ta = *(const gint64 *) a, tb = *(const gint64 *) b;

  return ta < tb ? -1 : ta > tb;
}

/* A copy of @n @items of @size bytes, each starting with its time (a gint64), sorted by
 * it (stable for the ones already in order); %NULL for none. */
gpointer
paddock_chart_copy_sorted (gconstpointer items,
                           gsize         n,
                           gsize         size)
{
  guchar *copy;
  gboolean sorted = TRUE;

  if (n == 0)
    return NULL;
  copy = g_memdup2 (items, n * size);
  for (gsize i = 1; i < n && sorted; i++)
    sorted = compare_times (copy + (i - 1) * size, copy + i * size, NULL) <= 0;
  if (!sorted)
    g_qsort_with_data (copy, (gint) n, size, compare_times, NULL);
  return copy;
}

/* ---- what both widgets keep and do -------------------------------------------------- */

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

static void
motion_cb (GtkEventControllerMotion *controller G_GNUC_UNUSED,
           double                    x,
           double                    y G_GNUC_UNUSED,
           PaddockChartCommon       *common)
{
  gint64 t;

  if (common->n_times == 0 || common->cache == NULL)
    return;
  t = paddock_chart_axis_time_at (&common->axis, x);
  paddock_chart_common_set_crosshair (common, (gssize) paddock_chart_nearest (common->times,
                                                                              common->n_times,
                                                                              t));
}

static void
leave_cb (GtkEventControllerMotion *controller G_GNUC_UNUSED,
          PaddockChartCommon       *common)
{
  if (!gtk_widget_has_focus (common->widget))
    paddock_chart_common_set_crosshair (common, -1);
}

static gboolean
key_pressed_cb (GtkEventControllerKey *controller G_GNUC_UNUSED,
                guint                  keyval,
                guint                  keycode G_GNUC_UNUSED,
                GdkModifierType        state G_GNUC_UNUSED,
                PaddockChartCommon    *common)
{
  gssize next;

  if (!paddock_chart_key_move (keyval, common->crosshair, common->n_times, &next))
    return GDK_EVENT_PROPAGATE;
  paddock_chart_common_set_crosshair (common, next);
  return GDK_EVENT_STOP;
}

static void
pressed_cb (GtkGestureClick    *gesture G_GNUC_UNUSED,
            int                 n_press G_GNUC_UNUSED,
            double              x G_GNUC_UNUSED,
            double              y G_GNUC_UNUSED,
            PaddockChartCommon *common)
{
  gtk_widget_grab_focus (common->widget);
}

/* Fills @properties[PADDOCK_CHART_PROP_CURRENCY … _SUMMARY] (the widget installs them with
 * its own), and gives the widget its CSS name and accessible role. */
void
paddock_chart_common_class_init (GtkWidgetClass  *widget_class,
                                 GParamSpec     **properties)
{
  properties[PADDOCK_CHART_PROP_CURRENCY] =
    g_param_spec_string ("currency", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PADDOCK_CHART_PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PADDOCK_CHART_PROP_SUMMARY] =
    g_param_spec_string ("summary", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  gtk_widget_class_set_css_name (widget_class, "chart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

/* For @widget's init: no data, no cross-hair; focusable, with the pointer and keyboard
 * controllers; @default_title (untranslated) when no title is set. The summary is made
 * by @describe when there is data. */
void
paddock_chart_common_init (PaddockChartCommon  *common,
                           GtkWidget           *widget,
                           const char          *default_title,
                           PaddockChartDescribe describe,
                           GParamSpec         **properties)
{
  GtkEventController *motion = gtk_event_controller_motion_new ();
  GtkEventController *key = gtk_event_controller_key_new ();
  GtkGesture *click = gtk_gesture_click_new ();

  common->widget = widget;
  common->default_title = default_title;
  common->describe = describe;
  common->properties = properties;
  common->crosshair = -1;

  gtk_widget_set_focusable (widget, TRUE);
  gtk_widget_add_css_class (widget, "paddock-chart");

  g_signal_connect (motion, "enter", G_CALLBACK (motion_cb), common);
  g_signal_connect (motion, "motion", G_CALLBACK (motion_cb), common);
  g_signal_connect (motion, "leave", G_CALLBACK (leave_cb), common);
  gtk_widget_add_controller (widget, motion);
  g_signal_connect (key, "key-pressed", G_CALLBACK (key_pressed_cb), common);
  gtk_widget_add_controller (widget, key);
  g_signal_connect (click, "pressed", G_CALLBACK (pressed_cb), common);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (click));
}

void
paddock_chart_common_finalize (PaddockChartCommon *common)
{
  g_clear_pointer (&common->currency, g_free);
  g_clear_pointer (&common->title, g_free);
  g_clear_pointer (&common->summary, g_free);
  g_clear_pointer (&common->times, g_free);
  g_clear_pointer (&common->cache, gsk_render_node_unref);
  g_clear_pointer (&common->layers[0], cairo_surface_destroy);
  g_clear_pointer (&common->layers[1], cairo_surface_destroy);
  paddock_chart_axis_clear (&common->axis);
}

/* Returns whether @prop_id is one of the PADDOCK_CHART_PROP_ ones. */
gboolean
paddock_chart_common_get_property (PaddockChartCommon *common,
                                   guint               prop_id,
                                   GValue             *value)
{
  switch (prop_id)
    {
    case PADDOCK_CHART_PROP_CURRENCY:
      g_value_set_string (value, common->currency);
      return TRUE;
    case PADDOCK_CHART_PROP_TITLE:
      g_value_set_string (value, paddock_chart_common_get_title (common));
      return TRUE;
    case PADDOCK_CHART_PROP_SUMMARY:
      g_value_set_string (value, common->summary);
      return TRUE;
    default:
      return FALSE;
    }
}

gboolean
paddock_chart_common_set_property (PaddockChartCommon *common,
                                   guint               prop_id,
                                   const GValue       *value)
{
  switch (prop_id)
    {
    case PADDOCK_CHART_PROP_CURRENCY:
      paddock_chart_common_set_currency (common, g_value_get_string (value));
      return TRUE;
    case PADDOCK_CHART_PROP_TITLE:
      paddock_chart_common_set_title (common, g_value_get_string (value));
      return TRUE;
    default:
      return FALSE;
    }
}

void
paddock_chart_common_set_currency (PaddockChartCommon *common,
                                   const char         *currency)
{
  if (set_str (&common->currency, currency))
    {
      paddock_chart_common_update_summary (common);
      g_object_notify_by_pspec (G_OBJECT (common->widget),
                                common->properties[PADDOCK_CHART_PROP_CURRENCY]);
      paddock_chart_common_invalidate (common);
    }
}

void
paddock_chart_common_set_title (PaddockChartCommon *common,
                                const char         *title)
{
  if (set_str (&common->title, title))
    {
      paddock_chart_common_update_summary (common);
      g_object_notify_by_pspec (G_OBJECT (common->widget),
                                common->properties[PADDOCK_CHART_PROP_TITLE]);
    }
}

const char *
paddock_chart_common_get_title (PaddockChartCommon *common)
{
  return common->title != NULL ? common->title : _(common->default_title);
}

/* The summary again (after the data, currency or title changed), for screen readers too. */
void
paddock_chart_common_update_summary (PaddockChartCommon *common)
{
  const char *title = paddock_chart_common_get_title (common);

  g_free (common->summary);
  common->summary = common->n_times == 0 ? g_strdup (_("No history yet"))
                                         : common->describe (common->widget, title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (common->widget),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, common->summary,
                                  -1);
  g_object_notify_by_pspec (G_OBJECT (common->widget),
                            common->properties[PADDOCK_CHART_PROP_SUMMARY]);
}

/* New data: @times (copied) are where the cross-hair can be. A cross-hair stays on the
 * same time when @times have it (a refresh of the same history), else it goes away. */
void
paddock_chart_common_set_times (PaddockChartCommon *common,
                                const gint64       *times,
                                gsize               n)
{
  gboolean kept = common->crosshair >= 0 && (gsize) common->crosshair < common->n_times;
  gint64 kept_time = kept ? common->times[common->crosshair] : 0;

  g_free (common->times);
  common->times = g_new (gint64, MAX (n, 1));
  if (n > 0)
    memcpy (common->times, times, n * sizeof *times);
  common->n_times = n;

  /* new data (a refresh) keeps the cross-hair on the same time if it is still there */
  common->crosshair = -1;
  for (gsize i = 0; kept && i < n; i++)
    if (times[i] == kept_time)
      {
        common->crosshair = (gssize) i;
        break;
      }
}

void
paddock_chart_common_set_crosshair (PaddockChartCommon *common,
                                    gssize              index)
{
  if (index == common->crosshair)
    return;
  common->crosshair = index;
  /* only the cross-hair layer changes: the cached node stays */
  gtk_widget_queue_draw (common->widget);
}

void
paddock_chart_common_invalidate (PaddockChartCommon *common)
{
  g_clear_pointer (&common->cache, gsk_render_node_unref);
  gtk_widget_queue_draw (common->widget);
}

/* Whether the cached drawing is of this size and these colours: a new style (dark, high
 * contrast) is a new drawing; a moved cross-hair is not. */
gboolean
paddock_chart_common_cache_valid (PaddockChartCommon *common,
                                  int                 width,
                                  int                 height,
                                  const GdkRGBA      *colors,
                                  guint               n_colors)
{
  g_assert (n_colors <= PADDOCK_CHART_MAX_COLORS);

  if (common->cache == NULL || width != common->cache_width || height != common->cache_height)
    return FALSE;
  for (guint i = 0; i < n_colors; i++)
    if (!gdk_rgba_equal (&colors[i], &common->cache_colors[i]))
      return FALSE;
  return TRUE;
}

/* Keeps @node (taken) as the drawing for this size and these colours. */
void
paddock_chart_common_set_cache (PaddockChartCommon *common,
                                GskRenderNode      *node,
                                int                 width,
                                int                 height,
                                const GdkRGBA      *colors,
                                guint               n_colors)
{
  g_assert (n_colors <= PADDOCK_CHART_MAX_COLORS);

  g_clear_pointer (&common->cache, gsk_render_node_unref);
  common->cache = node;
  common->cache_width = width;
  common->cache_height = height;
  for (guint i = 0; i < n_colors; i++)
    common->cache_colors[i] = colors[i];
}
