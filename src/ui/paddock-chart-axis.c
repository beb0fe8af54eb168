/* paddock-chart-axis.c: axes, ticks, labels and the cross-hair of Paddock's charts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Private to PaddockChart and PaddockCandleChart. The axes are laid out once per data or
 * size change (ticks, their labels as PangoLayouts); drawing them is then only appending
 * nodes. The cross-hair is drawn on its own, over the chart's cached nodes.
 */
#define G_LOG_DOMAIN "paddock-chart"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

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
 * @bounds' coordinates at the widget's scale. A cairo node instead would be replayed (the
 * whole path filled and stroked again) at every frame, cross-hair moves included. */
cairo_surface_t *
paddock_chart_layer_new (GtkWidget             *widget,
                         const graphene_rect_t *bounds)
{
  int scale = gtk_widget_get_scale_factor (widget);
  cairo_surface_t *surface;

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32,
                                        MAX ((int) ceil (bounds->size.width * scale), 1),
                                        MAX ((int) ceil (bounds->size.height * scale), 1));
  cairo_surface_set_device_scale (surface, scale, scale);
  cairo_surface_set_device_offset (surface, -bounds->origin.x * scale,
                                   -bounds->origin.y * scale);
  return surface;
}

/* Appends what was drawn into @surface (and frees it) as a texture at @bounds. */
void
paddock_chart_layer_append (GtkSnapshot           *snapshot,
                            cairo_surface_t       *surface,
                            const graphene_rect_t *bounds)
{
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GdkTexture) texture = NULL;
  int height = cairo_image_surface_get_height (surface);
  int stride = cairo_image_surface_get_stride (surface);

  cairo_surface_flush (surface);
  bytes = g_bytes_new_with_free_func (cairo_image_surface_get_data (surface),
                                      (gsize) height * stride,
                                      (GDestroyNotify) cairo_surface_destroy, surface);
  /* GDK_MEMORY_DEFAULT is cairo's ARGB32 on either byte order */
  texture = gdk_memory_texture_new (cairo_image_surface_get_width (surface), height,
                                    GDK_MEMORY_DEFAULT, bytes, stride);
  gtk_snapshot_append_texture (snapshot, texture, bounds);
}

/* The empty state: @text, dimmed, in the middle. */
void
paddock_chart_empty_snapshot (GtkWidget   *widget,
                              GtkSnapshot *snapshot,
                              const char  *text)
{
  g_autoptr (PangoLayout) layout = gtk_widget_create_pango_layout (widget, text);
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
