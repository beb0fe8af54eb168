/* paddock-candle-chart.c: candlesticks with a volume strip
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Plain data in (an array of open/high/low/close/volume bars). Like PaddockChart, the
 * axes and bars are drawn once per data, size or colour change into one cached node and
 * the cross-hair over it; bars closer together than two pixels are merged per pixel column
 * the way a longer bar would be (first open, highest high, lowest low, last close, summed
 * volume), so 5,000 bars cost about as much as the plot is wide. Up bars (close ≥ open)
 * are in libadwaita's success colour, down bars in the error colour.
 */
#define G_LOG_DOMAIN "paddock-chart"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "paddock-candle-chart.h"
#include "paddock-chart-axis.h"
#include "paddock-format.h"

#define VOLUME_GAP 4.0

struct _PaddockCandleChart
{
  GtkWidget parent_instance;

  PaddockCandleBar *bars;
  gsize n_bars;
  gint64 *times;
  gint64 interval;          /* the shortest time between two bars */
  double bar_width;

  /* currency, title, summary; the cross-hair (an index in bars); the cache */
  PaddockChartCommon common;
};

G_STATIC_ASSERT (G_STRUCT_OFFSET (PaddockCandleBar, time_unix_ms) == 0);

G_DEFINE_FINAL_TYPE (PaddockCandleChart, paddock_candle_chart, GTK_TYPE_WIDGET)

enum {
  PROP_N_BARS = PADDOCK_CHART_N_COMMON_PROPS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static char *
format_volume (guint64 volume)
{
  g_autofree char *digits = g_strdup_printf ("%" G_GUINT64_FORMAT, volume);

  return paddock_format_quantity (digits);
}

static char *
describe (GtkWidget  *widget,
          const char *title)
{
  PaddockCandleChart *self = PADDOCK_CANDLE_CHART (widget);
  const char *currency = self->common.currency;
  const PaddockCandleBar *first = &self->bars[0], *last = &self->bars[self->n_bars - 1];
  double low = G_MAXDOUBLE, high = -G_MAXDOUBLE;
  gint64 span = last->time_unix_ms - first->time_unix_ms;
  g_autofree char *open = paddock_chart_format_value (first->open, 2, currency);
  g_autofree char *close = paddock_chart_format_value (last->close, 2, currency);
  g_autofree char *change = paddock_chart_format_percent (first->open, last->close);
  g_autofree char *from = paddock_chart_format_time (first->time_unix_ms, span, TRUE);
  g_autofree char *to = paddock_chart_format_time (last->time_unix_ms, span, TRUE);
  g_autofree char *low_text = NULL, *high_text = NULL;

  for (gsize i = 0; i < self->n_bars; i++)
    {
      low = MIN (low, self->bars[i].low);
      high = MAX (high, self->bars[i].high);
    }
  low_text = paddock_chart_format_value (low, 2, currency);
  high_text = paddock_chart_format_value (high, 2, currency);

  /* Translators: the text screen readers say for a candlestick chart: "Price from
   * $100.00 to $104.50, up 4.5 %, 390 bars between … and …, low $99.10, high $105.00" */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%s from %s to %s, %s, %u bar between %s "
                                       "and %s, low %s, high %s",
                                       "%s from %s to %s, %s, %u bars between %s "
                                       "and %s, low %s, high %s",
                                       self->n_bars),
                          title, open, close, change, (guint) self->n_bars, from, to,
                          low_text, high_text);
}

/**
 * paddock_candle_chart_set_bars:
 * @self: a #PaddockCandleChart
 * @bars: (array length=n) (nullable): the bars, in time order (sorted if not)
 * @n: how many
 *
 * Replaces the chart's data (copied). With no bar the chart says "No history yet". The
 * cross-hair stays on the bar of the same time if the new bars have one (a refresh of the
 * same range keeps where the pointer or the keys put it), else it goes away.
 */
void
paddock_candle_chart_set_bars (PaddockCandleChart     *self,
                               const PaddockCandleBar *bars,
                               gsize                   n)
{
  g_return_if_fail (PADDOCK_IS_CANDLE_CHART (self));
  g_return_if_fail (bars != NULL || n == 0);

  g_free (self->bars);
  g_free (self->times);
  self->bars = paddock_chart_copy_sorted (bars, n, sizeof *bars);
  self->n_bars = n;

  self->times = g_new (gint64, MAX (n, 1));
  self->interval = G_MAXINT64;
  for (gsize i = 0; i < n; i++)
    {
      self->times[i] = self->bars[i].time_unix_ms;
      if (i > 0 && self->times[i] > self->times[i - 1])
        self->interval = MIN (self->interval, self->times[i] - self->times[i - 1]);
    }
  if (self->interval == G_MAXINT64)
    self->interval = 60 * 60 * 1000;

  /* keeps the cross-hair on the bar with the same time */
  paddock_chart_common_set_times (&self->common, self->times, self->n_bars);
  paddock_chart_common_update_summary (&self->common);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_BARS]);
  paddock_chart_common_invalidate (&self->common);
}

gsize
paddock_candle_chart_get_n_bars (PaddockCandleChart *self)
{
  g_return_val_if_fail (PADDOCK_IS_CANDLE_CHART (self), 0);
  return self->n_bars;
}

/**
 * paddock_candle_chart_set_currency:
 * @self: a #PaddockCandleChart
 * @currency: (nullable): an ISO 4217 code: prices are money in it; %NULL for plain numbers
 */
void
paddock_candle_chart_set_currency (PaddockCandleChart *self,
                                   const char         *currency)
{
  g_return_if_fail (PADDOCK_IS_CANDLE_CHART (self));
  paddock_chart_common_set_currency (&self->common, currency);
}

const char *
paddock_candle_chart_get_currency (PaddockCandleChart *self)
{
  g_return_val_if_fail (PADDOCK_IS_CANDLE_CHART (self), NULL);
  return self->common.currency;
}

/**
 * paddock_candle_chart_set_title:
 * @self: a #PaddockCandleChart
 * @title: (nullable): what is charted ("Price" when %NULL; a symbol, say), for the
 *   accessible label and summary
 */
void
paddock_candle_chart_set_title (PaddockCandleChart *self,
                                const char         *title)
{
  g_return_if_fail (PADDOCK_IS_CANDLE_CHART (self));
  paddock_chart_common_set_title (&self->common, title);
}

const char *
paddock_candle_chart_get_title (PaddockCandleChart *self)
{
  g_return_val_if_fail (PADDOCK_IS_CANDLE_CHART (self), NULL);
  return paddock_chart_common_get_title (&self->common);
}

/**
 * paddock_candle_chart_get_summary:
 * @self: a #PaddockCandleChart
 *
 * Returns: the text screen readers get as the chart's description
 */
const char *
paddock_candle_chart_get_summary (PaddockCandleChart *self)
{
  g_return_val_if_fail (PADDOCK_IS_CANDLE_CHART (self), NULL);
  return self->common.summary;
}

/**
 * paddock_candle_chart_get_crosshair:
 * @self: a #PaddockCandleChart
 * @bar: (out) (optional): the bar under the cross-hair
 *
 * Returns: whether the cross-hair is shown (by the pointer or the keyboard)
 */
gboolean
paddock_candle_chart_get_crosshair (PaddockCandleChart *self,
                                    PaddockCandleBar   *bar)
{
  g_return_val_if_fail (PADDOCK_IS_CANDLE_CHART (self), FALSE);

  if (self->common.crosshair < 0)
    return FALSE;
  if (bar != NULL)
    *bar = self->bars[self->common.crosshair];
  return TRUE;
}

gssize
paddock_candle_chart_get_crosshair_index (PaddockCandleChart *self)
{
  g_return_val_if_fail (PADDOCK_IS_CANDLE_CHART (self), -1);
  return self->common.crosshair;
}

/**
 * paddock_candle_chart_set_crosshair_index:
 * @self: a #PaddockCandleChart
 * @index: a bar's index (among the bars as sorted), or -1 to hide the cross-hair
 */
void
paddock_candle_chart_set_crosshair_index (PaddockCandleChart *self,
                                          gssize              index)
{
  g_return_if_fail (PADDOCK_IS_CANDLE_CHART (self));

  paddock_chart_common_set_crosshair (&self->common,
                                      index < 0 || self->n_bars == 0
                                        ? -1 : MIN (index, (gssize) self->n_bars - 1));
}

/**
 * paddock_candle_chart_get_bar_x:
 * @self: a #PaddockCandleChart
 * @index: a bar's index (among the bars as sorted)
 * @x: (out): the middle of its candle on the widget
 * @width: (out): the candle's body width
 *
 * Only meaningful once the chart has been drawn at its size.
 */
void
paddock_candle_chart_get_bar_x (PaddockCandleChart *self,
                                gsize               index,
                                double             *x,
                                double             *width)
{
  g_return_if_fail (PADDOCK_IS_CANDLE_CHART (self));
  g_return_if_fail (index < self->n_bars);

  *x = paddock_chart_axis_x (&self->common.axis, self->times[index]);
  *width = self->bar_width;
}

/**
 * paddock_candle_chart_get_value_y:
 * @self: a #PaddockCandleChart
 * @price: a price
 * @y: (out): where it is on the widget
 *
 * Returns: %FALSE if the chart has not been drawn since its data or size changed
 */
gboolean
paddock_candle_chart_get_value_y (PaddockCandleChart *self,
                                  double              price,
                                  double             *y)
{
  g_return_val_if_fail (PADDOCK_IS_CANDLE_CHART (self), FALSE);

  if (self->common.cache == NULL)
    return FALSE;
  *y = paddock_chart_axis_y (&self->common.axis, price);
  return TRUE;
}

/* ---- drawing ------------------------------------------------------------------------ */

typedef struct
{
  double x, open, high, low, close;
  guint64 volume;
} Candle;

static void
add_candle (PaddockCandleChart *self,
            const Candle       *c,
            double              max_volume,
            cairo_t            *up,
            cairo_t            *down,
            cairo_t            *up_volume,
            cairo_t            *down_volume)
{
  const PaddockChartAxis *axis = &self->common.axis;
  gboolean rising = c->close >= c->open;
  cairo_t *cr = rising ? up : down;
  cairo_t *vr = rising ? up_volume : down_volume;
  double bw = self->bar_width;
  double left = round (c->x - bw / 2);
  double wick = round (c->x - 0.5);
  double y_high = paddock_chart_axis_y (axis, c->high);
  double y_low = paddock_chart_axis_y (axis, c->low);
  double y_open = paddock_chart_axis_y (axis, c->open);
  double y_close = paddock_chart_axis_y (axis, c->close);
  double top = round (MIN (y_open, y_close));
  double body = MAX (round (MAX (y_open, y_close)) - top, 1);
  double strip_top = axis->value_area.origin.y + axis->value_area.size.height + VOLUME_GAP;
  double strip_bottom = axis->plot.origin.y + axis->plot.size.height;

  cairo_rectangle (cr, wick, round (y_high), 1, MAX (round (y_low) - round (y_high), 1));
  cairo_rectangle (cr, left, top, MAX (bw, 1), body);
  if (max_volume > 0 && strip_bottom > strip_top)
    {
      double h = round ((double) c->volume / max_volume * (strip_bottom - strip_top));

      if (h > 0)
        cairo_rectangle (vr, left, strip_bottom - h, MAX (bw, 1), h);
    }
}

static void
draw_candles (PaddockCandleChart *self,
              cairo_t            *up,
              cairo_t            *down,
              cairo_t            *up_volume,
              cairo_t            *down_volume)
{
  const PaddockChartAxis *axis = &self->common.axis;
  double max_volume = 0;
  gboolean merge = self->bar_width < 2;
  Candle c = { 0, };
  int column = G_MININT;
  gboolean have = FALSE;

  if (merge)
    {
      /* the volume scale of the merged columns */
      guint64 sum = 0;

      for (gsize i = 0; i < self->n_bars; i++)
        {
          int col = (int) floor (paddock_chart_axis_x (axis, self->times[i]));

          if (col != column)
            {
              max_volume = MAX (max_volume, (double) sum);
              sum = 0;
              column = col;
            }
          sum += self->bars[i].volume;
        }
      max_volume = MAX (max_volume, (double) sum);
      column = G_MININT;
    }
  else
    for (gsize i = 0; i < self->n_bars; i++)
      max_volume = MAX (max_volume, (double) self->bars[i].volume);

  for (gsize i = 0; i < self->n_bars; i++)
    {
      const PaddockCandleBar *b = &self->bars[i];
      double x = paddock_chart_axis_x (axis, b->time_unix_ms);
      int col = (int) floor (x);

      if (merge && have && col == column)
        {
          c.high = MAX (c.high, b->high);
          c.low = MIN (c.low, b->low);
          c.close = b->close;
          c.volume += b->volume;
          continue;
        }
      if (have)
        add_candle (self, &c, max_volume, up, down, up_volume, down_volume);
      c = (Candle) { merge ? col + 0.5 : x, b->open, b->high, b->low, b->close, b->volume };
      column = col;
      have = TRUE;
    }
  if (have)
    add_candle (self, &c, max_volume, up, down, up_volume, down_volume);
}

static void
rebuild (PaddockCandleChart *self,
         int                 width,
         int                 height,
         const GdkRGBA       style[3])
{
  const GdkRGBA *up_color = &style[0], *down_color = &style[1];
  PaddockChartAxis *axis = &self->common.axis;
  GtkWidget *widget = GTK_WIDGET (self);
  g_autoptr (GtkSnapshot) snapshot = gtk_snapshot_new ();
  double v_min = G_MAXDOUBLE, v_max = -G_MAXDOUBLE, strip, interval_px;
  gint64 half = self->interval / 2 + 1;
  const graphene_rect_t *plot;
  graphene_rect_t bounds;
  cairo_surface_t *surface;
  cairo_t *crs[4];
  const GdkRGBA *colors[4] = { up_color, down_color, up_color, down_color };

  for (gsize i = 0; i < self->n_bars; i++)
    {
      v_min = MIN (v_min, MIN (self->bars[i].low, MIN (self->bars[i].open,
                                                       self->bars[i].close)));
      v_max = MAX (v_max, MAX (self->bars[i].high, MAX (self->bars[i].open,
                                                        self->bars[i].close)));
    }

  strip = round (MAX (height * 0.18, 12));
  paddock_chart_axis_layout (axis, widget, width, height, self->times[0] - half,
                             self->times[self->n_bars - 1] + half, v_min, v_max,
                             self->common.currency, strip + VOLUME_GAP);
  plot = &axis->plot;
  interval_px = (double) self->interval / (double) (axis->t_max - axis->t_min)
                * plot->size.width;
  self->bar_width = interval_px < 2 ? 1 : MAX (floor (interval_px * 0.7), 1);
  if (self->bar_width >= 3 && (int) self->bar_width % 2 == 0)
    self->bar_width -= 1;  /* odd, so the wick sits in the middle */

  paddock_chart_axis_snapshot (axis, widget, snapshot);

  /* the four colours (bars up and down, volume up and down) as four fills, one path each */
  bounds = GRAPHENE_RECT_INIT (floor (plot->origin.x), floor (plot->origin.y),
                               ceil (plot->size.width), ceil (plot->size.height));
  surface = paddock_chart_common_layer_new (&self->common, &bounds);
  for (guint i = 0; i < 4; i++)
    crs[i] = cairo_create (surface);
  draw_candles (self, crs[0], crs[1], crs[2], crs[3]);
  for (guint i = 0; i < 4; i++)
    {
      cairo_set_source_rgba (crs[i], colors[i]->red, colors[i]->green, colors[i]->blue,
                             colors[i]->alpha * (i < 2 ? 1 : 0.45));
      cairo_fill (crs[i]);
      cairo_destroy (crs[i]);
    }
  paddock_chart_layer_append (snapshot, surface, &bounds);

  paddock_chart_common_set_cache (&self->common,
                                  gtk_snapshot_free_to_node (g_steal_pointer (&snapshot)),
                                  width, height, style, 3);
}

static void
paddock_candle_chart_snapshot (GtkWidget   *widget,
                               GtkSnapshot *snapshot)
{
  PaddockCandleChart *self = PADDOCK_CANDLE_CHART (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  PaddockChartCommon *common = &self->common;
  GdkRGBA colors[3];  /* up, down, the foreground */

  if (self->n_bars == 0)
    {
      paddock_chart_empty_snapshot (widget, snapshot);
      return;
    }

  if (!paddock_chart_lookup_color (widget, "success_color", &colors[0]))
    colors[0] = (GdkRGBA) { 0.15, 0.64, 0.41, 1 };
  if (!paddock_chart_lookup_color (widget, "error_color", &colors[1]))
    colors[1] = (GdkRGBA) { 0.75, 0.11, 0.16, 1 };
  paddock_chart_foreground (widget, &colors[2]);

  if (!paddock_chart_common_cache_valid (common, width, height, colors, 3))
    rebuild (self, width, height, colors);

  gtk_snapshot_append_node (snapshot, common->cache);

  if (common->crosshair >= 0)
    {
      const PaddockCandleBar *b = &self->bars[common->crosshair];
      const char *currency = common->currency;
      g_autofree char *time = paddock_chart_format_time (b->time_unix_ms, common->axis.span_ms,
                                                         TRUE);
      g_autofree char *open = paddock_chart_format_value (b->open, 2, currency);
      g_autofree char *high = paddock_chart_format_value (b->high, 2, currency);
      g_autofree char *low = paddock_chart_format_value (b->low, 2, currency);
      g_autofree char *close = paddock_chart_format_value (b->close, 2, currency);
      g_autofree char *volume = format_volume (b->volume);
      /* Translators: the cross-hair's box on a candlestick chart: the bar's time, its
       * open, high, low and close prices, and its volume */
      g_autofree char *text = g_strdup_printf (_("%s\nOpen %s  High %s\nLow %s  Close %s\n"
                                                 "Volume %s"),
                                               time, open, high, low, close, volume);

      paddock_chart_crosshair_snapshot (&common->axis, widget, snapshot,
                                        paddock_chart_axis_x (&common->axis, b->time_unix_ms),
                                        paddock_chart_axis_y (&common->axis, b->close),
                                        b->close >= b->open ? &colors[0] : &colors[1], text);
    }
}

/* ---- GObject ------------------------------------------------------------------------ */

static void
paddock_candle_chart_finalize (GObject *object)
{
  PaddockCandleChart *self = PADDOCK_CANDLE_CHART (object);

  g_free (self->bars);
  g_free (self->times);
  paddock_chart_common_finalize (&self->common);

  G_OBJECT_CLASS (paddock_candle_chart_parent_class)->finalize (object);
}

static void
paddock_candle_chart_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  PaddockCandleChart *self = PADDOCK_CANDLE_CHART (object);

  if (paddock_chart_common_get_property (&self->common, prop_id, value))
    return;
  switch (prop_id)
    {
    case PROP_N_BARS:
      g_value_set_uint64 (value, self->n_bars);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
paddock_candle_chart_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  PaddockCandleChart *self = PADDOCK_CANDLE_CHART (object);

  if (!paddock_chart_common_set_property (&self->common, prop_id, value))
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
paddock_candle_chart_class_init (PaddockCandleChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = paddock_candle_chart_finalize;
  object_class->get_property = paddock_candle_chart_get_property;
  object_class->set_property = paddock_candle_chart_set_property;
  widget_class->snapshot = paddock_candle_chart_snapshot;

  paddock_chart_common_class_init (widget_class, properties);
  properties[PROP_N_BARS] =
    g_param_spec_uint64 ("n-bars", NULL, NULL, 0, G_MAXUINT64, 0,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
paddock_candle_chart_init (PaddockCandleChart *self)
{
  paddock_chart_common_init (&self->common, GTK_WIDGET (self), N_("Price"), describe,
                             properties);
  gtk_widget_set_size_request (GTK_WIDGET (self), 160, 120);
  paddock_chart_common_update_summary (&self->common);
}

/**
 * paddock_candle_chart_new:
 *
 * Returns: (transfer floating): a new, empty candlestick chart ("No history yet")
 */
GtkWidget *
paddock_candle_chart_new (void)
{
  return g_object_new (PADDOCK_TYPE_CANDLE_CHART, NULL);
}
