/* test-ui-chart.c: PaddockChart and PaddockCandleChart, drawn and read back pixel by pixel
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Run under tests/xvfb-env.sh (cairo renderer). Without a display it skips — unless the
 * wrapper promised one, in which case that is a failure. Each widget is shown in a window,
 * rendered by that window's renderer into a texture, and its pixels are checked.
 */
#include "config.h"

#include <adwaita.h>
#include <locale.h>
#include <math.h>
#include <string.h>

#include "paddock-candle-chart.h"
#include "paddock-chart.h"
#include "paddock-chart-axis.h"
#include "paddock-format-private.h"
#include "paddock-test-gtk.h"

#define T0 G_GINT64_CONSTANT (1772442000000) /* 2026-03-02 09:00 UTC */
#define MINUTE G_GINT64_CONSTANT (60000)
#define DAY (24 * 60 * MINUTE)

/* ---- helpers ------------------------------------------------------------------------ */

/* Shows @chart alone in a window of @width × @height. */
static GtkWindow *
show (GtkWidget *chart,
      int        width,
      int        height)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());

  gtk_window_set_decorated (window, FALSE);
  gtk_window_set_default_size (window, width, height);
  gtk_window_set_child (window, chart);
  gtk_window_present (window);
  paddock_test_wait_frames (chart, 3);
  g_assert_cmpint (gtk_widget_get_width (chart), >, 100);
  return window;
}

typedef struct
{
  int width, height;
  gsize stride;
  guchar *data;  /* B, G, R, A premultiplied (GDK_MEMORY_DEFAULT) */
} Pixels;

static void
pixels_free (Pixels *p)
{
  g_free (p->data);
  g_free (p);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Pixels, pixels_free)

/* What @widget draws now, rendered by its window's renderer. */
static Pixels *
render (GtkWidget *widget)
{
  g_autoptr (GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr (GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr (GskRenderNode) node = NULL;
  g_autoptr (GdkTexture) texture = NULL;
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  Pixels *p = g_new0 (Pixels, 1);

  p->width = gtk_widget_get_width (widget);
  p->height = gtk_widget_get_height (widget);
  gdk_paintable_snapshot (paintable, snapshot, p->width, p->height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (renderer, node,
                                         &GRAPHENE_RECT_INIT (0, 0, p->width, p->height));
  g_assert_cmpint (gdk_texture_get_width (texture), ==, p->width);
  p->stride = (gsize) p->width * 4;
  p->data = g_malloc0 (p->stride * p->height);
  gdk_texture_download (texture, p->data, p->stride);

  /* to look at them: PADDOCK_SCREENSHOT_DIR=… */
  if (g_getenv ("PADDOCK_SCREENSHOT_DIR") != NULL)
    {
      static guint count;
      g_autofree char *name = g_strdup_printf ("chart-%02u-%s.png", ++count,
                                               G_OBJECT_TYPE_NAME (widget));
      g_autofree char *path = g_build_filename (g_getenv ("PADDOCK_SCREENSHOT_DIR"), name, NULL);

      g_assert_true (gdk_texture_save_to_png (texture, path));
    }
  return p;
}

static void
named_color (GtkWidget  *widget,
             const char *name,
             GdkRGBA    *color)
{
  g_assert_true (gtk_style_context_lookup_color (gtk_widget_get_style_context (widget), name,
                                                 color));
}

/* An opaque pixel of @color (the line's or a candle body's core, not its antialiased
 * edge, the faint area under the line or the lighter volume). */
static gboolean
is_color (const Pixels  *p,
          int            x,
          int            y,
          const GdkRGBA *color)
{
  const guchar *px;

  if (x < 0 || y < 0 || x >= p->width || y >= p->height)
    return FALSE;
  px = p->data + (gsize) y * p->stride + (gsize) x * 4;
  return px[3] > 230
         && abs (px[2] - (int) round (color->red * 255)) < 30
         && abs (px[1] - (int) round (color->green * 255)) < 30
         && abs (px[0] - (int) round (color->blue * 255)) < 30;
}

/* A pixel of @color at the volume strip's opacity. */
static gboolean
is_faint_color (const Pixels  *p,
                int            x,
                int            y,
                const GdkRGBA *color)
{
  const guchar *px = p->data + (gsize) y * p->stride + (gsize) x * 4;
  double a = px[3] / 255.0;

  return px[3] > 90 && px[3] < 140
         && fabs (px[2] / a - color->red * 255) < 30
         && fabs (px[1] / a - color->green * 255) < 30
         && fabs (px[0] / a - color->blue * 255) < 30;
}

static gsize
count_color (const Pixels  *p,
             int            x0,
             int            x1,
             const GdkRGBA *color)
{
  gsize n = 0;

  for (int x = MAX (x0, 0); x <= MIN (x1, p->width - 1); x++)
    for (int y = 0; y < p->height; y++)
      n += is_color (p, x, y, color);
  return n;
}

static gsize
count_drawn (const Pixels *p,
             int           x0,
             int           x1,
             int           y0,
             int           y1)
{
  gsize n = 0;

  for (int x = MAX (x0, 0); x <= MIN (x1, p->width - 1); x++)
    for (int y = MAX (y0, 0); y <= MIN (y1, p->height - 1); y++)
      n += p->data[(gsize) y * p->stride + (gsize) x * 4 + 3] > 60;
  return n;
}

static void
close_window (GtkWindow *window)
{
  gtk_window_destroy (window);
  paddock_test_drain ();
}

/* The pointer moving to (@x, @y) over @widget. */
static void
move_pointer (GtkWidget *widget,
              double     x,
              double     y)
{
  g_autoptr (GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr (GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_MOTION (controller))
        g_signal_emit_by_name (controller, "motion", x, y);
    }
}

static PaddockChartPoint *
line_points (gsize    n,
             double   from,
             double   to,
             gint64   step)
{
  PaddockChartPoint *points = g_new (PaddockChartPoint, n);

  for (gsize i = 0; i < n; i++)
    points[i] = (PaddockChartPoint) { T0 + (gint64) i * step,
                                      from + (to - from) * i / (double) (n - 1), TRUE };
  return points;
}

/* ---- the line chart ----------------------------------------------------------------- */

static void
check_line_colour (gboolean up)
{
  GtkWidget *chart = paddock_chart_new ();
  g_autofree PaddockChartPoint *points = line_points (20, up ? 100 : 120, up ? 120 : 100,
                                                      15 * MINUTE);
  g_autoptr (Pixels) p = NULL;
  GtkWindow *window;
  GdkRGBA success, error;
  double x0, y0, x1, y1;

  paddock_chart_set_points (PADDOCK_CHART (chart), points, 20);
  paddock_chart_set_base (PADDOCK_CHART (chart), 110);
  window = show (chart, 480, 260);
  named_color (chart, "success_color", &success);
  named_color (chart, "error_color", &error);
  g_assert_false (gdk_rgba_equal (&success, &error));
  g_assert_cmpint (paddock_chart_get_up (PADDOCK_CHART (chart)), ==, up);

  p = render (chart);
  g_assert_true (paddock_chart_get_point_position (PADDOCK_CHART (chart), 0, &x0, &y0));
  g_assert_true (paddock_chart_get_point_position (PADDOCK_CHART (chart), 19, &x1, &y1));
  g_assert_cmpfloat (x1 - x0, >, 200);

  /* the line, in the right colour, runs along the data and nothing is in the other */
  g_assert_cmpuint (count_color (p, (int) x0, (int) x1, up ? &success : &error), >,
                    (gsize) (x1 - x0));
  g_assert_cmpuint (count_color (p, 0, p->width, up ? &error : &success), ==, 0);
  /* at the first point's place: the line passes through it */
  {
    gboolean near = FALSE;

    for (int dy = -2; dy <= 2; dy++)
      near |= is_color (p, (int) x0 + 2, (int) round (y0) + dy, up ? &success : &error);
    g_assert_true (near);
  }

  close_window (window);
}

static void
test_line_up (void)
{
  check_line_colour (TRUE);
}

static void
test_line_down (void)
{
  check_line_colour (FALSE);
}

/* The colours follow the style: in dark mode, libadwaita's dark success colour. */
static void
test_line_dark (void)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();
  GtkWidget *chart = paddock_chart_new ();
  g_autofree PaddockChartPoint *points = line_points (20, 100, 120, 15 * MINUTE);
  g_autoptr (Pixels) light = NULL;
  g_autoptr (Pixels) dark = NULL;
  GtkWindow *window;
  GdkRGBA light_success, dark_success;

  paddock_chart_set_points (PADDOCK_CHART (chart), points, 20);
  window = show (chart, 480, 260);
  named_color (chart, "success_color", &light_success);
  light = render (chart);

  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_DARK);
  paddock_test_wait_frames (chart, 2);
  named_color (chart, "success_color", &dark_success);
  g_assert_false (gdk_rgba_equal (&light_success, &dark_success));
  dark = render (chart);
  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_DEFAULT);

  g_assert_cmpuint (count_color (light, 0, light->width, &light_success), >, 200);
  g_assert_cmpuint (count_color (dark, 0, dark->width, &dark_success), >, 200);
  g_assert_cmpuint (count_color (dark, 0, dark->width, &light_success), ==, 0);
  close_window (window);
}

/* Without a base, the first value is the base. */
static void
test_line_no_base (void)
{
  PaddockChart *chart = g_object_ref_sink (PADDOCK_CHART (paddock_chart_new ()));
  g_autofree PaddockChartPoint *points = line_points (5, 50, 40, DAY);

  g_assert_true (isnan (paddock_chart_get_base (chart)));
  paddock_chart_set_points (chart, points, 5);
  g_assert_false (paddock_chart_get_up (chart));
  points[4].value = 50;
  paddock_chart_set_points (chart, points, 5);
  g_assert_true (paddock_chart_get_up (chart));
  g_object_unref (chart);
}

static void
test_line_gap (void)
{
  GtkWidget *chart = paddock_chart_new ();
  g_autofree PaddockChartPoint *points = line_points (10, 100, 140, 30 * MINUTE);
  g_autoptr (Pixels) p = NULL;
  GtkWindow *window;
  GdkRGBA success;
  double x1, x2, x3, x6, y;

  points[4].present = FALSE;
  points[5].present = FALSE;
  paddock_chart_set_points (PADDOCK_CHART (chart), points, 10);
  window = show (chart, 600, 260);
  named_color (chart, "success_color", &success);
  p = render (chart);

  g_assert_true (paddock_chart_get_point_position (PADDOCK_CHART (chart), 1, &x1, &y));
  g_assert_true (paddock_chart_get_point_position (PADDOCK_CHART (chart), 2, &x2, &y));
  g_assert_true (paddock_chart_get_point_position (PADDOCK_CHART (chart), 3, &x3, &y));
  g_assert_true (paddock_chart_get_point_position (PADDOCK_CHART (chart), 6, &x6, &y));
  g_assert_cmpfloat (x6 - x3, >, 100);

  /* between two present points the line is drawn… */
  for (int x = (int) x1 + 3; x < (int) x2 - 3; x++)
    g_assert_cmpuint (count_color (p, x, x, &success), >, 0);
  /* …over the gap not a single line pixel, in any column */
  for (int x = (int) x3 + 3; x < (int) x6 - 3; x++)
    g_assert_cmpuint (count_color (p, x, x, &success), ==, 0);
  /* and after it again */
  g_assert_cmpuint (count_color (p, (int) x6 + 3, (int) x6 + 10, &success), >, 0);

  /* the keyboard skips the gap */
  paddock_chart_set_crosshair_index (PADDOCK_CHART (chart), 3);
  g_assert_true (paddock_test_press_key (chart, GDK_KEY_Right));
  g_assert_cmpint (paddock_chart_get_crosshair_index (PADDOCK_CHART (chart)), ==, 6);

  close_window (window);
}

static void
check_empty (GtkWidget *chart,
             const char *summary)
{
  g_autoptr (Pixels) p = NULL;
  GtkWindow *window;
  GdkRGBA success, error;
  int w, h;

  window = show (chart, 400, 220);
  named_color (chart, "success_color", &success);
  named_color (chart, "error_color", &error);
  p = render (chart);
  w = p->width;
  h = p->height;

  /* the text in the middle, nothing else anywhere: no line, no axes */
  g_assert_cmpuint (count_drawn (p, w / 4, w * 3 / 4, h / 2 - 12, h / 2 + 12), >, 30);
  g_assert_cmpuint (count_drawn (p, 0, w - 1, 0, h / 2 - 20), ==, 0);
  g_assert_cmpuint (count_drawn (p, 0, w - 1, h / 2 + 20, h - 1), ==, 0);
  g_assert_cmpuint (count_color (p, 0, w, &success), ==, 0);
  g_assert_cmpuint (count_color (p, 0, w, &error), ==, 0);
  g_assert_cmpstr (summary, ==, "No history yet");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (chart),
                                       GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, "No history yet");

  /* the keyboard has nothing to move to */
  g_assert_true (paddock_test_press_key (chart, GDK_KEY_Right));
  if (PADDOCK_IS_CHART (chart))
    g_assert_false (paddock_chart_get_crosshair (PADDOCK_CHART (chart), NULL, NULL));
  else
    g_assert_false (paddock_candle_chart_get_crosshair (PADDOCK_CANDLE_CHART (chart), NULL));
  close_window (window);
}

static void
test_line_empty (void)
{
  GtkWidget *chart = paddock_chart_new ();
  PaddockChartPoint absent[3] = {
    { T0, 100, FALSE }, { T0 + MINUTE, 101, FALSE }, { T0 + 2 * MINUTE, NAN, TRUE },
  };

  /* nothing at all */
  g_assert_false (paddock_chart_get_crosshair (PADDOCK_CHART (chart), NULL, NULL));
  check_empty (chart, paddock_chart_get_summary (PADDOCK_CHART (chart)));

  /* only absent (or not-a-number) points is no history either */
  chart = paddock_chart_new ();
  paddock_chart_set_points (PADDOCK_CHART (chart), absent, G_N_ELEMENTS (absent));
  check_empty (chart, paddock_chart_get_summary (PADDOCK_CHART (chart)));
}

/* New points (a refresh) keep the cross-hair on the point of the same time, if any */
static void
test_line_crosshair_kept (void)
{
  GtkWidget *chart = g_object_ref_sink (paddock_chart_new ());
  g_autofree PaddockChartPoint *points = line_points (8, 100, 135, 15 * MINUTE);
  g_autofree PaddockChartPoint *later = line_points (8, 100, 135, 15 * MINUTE);
  gint64 time;
  double value;

  paddock_chart_set_points (PADDOCK_CHART (chart), points, 8);
  paddock_chart_set_crosshair_index (PADDOCK_CHART (chart), 5);
  g_assert_cmpint (paddock_chart_get_crosshair_index (PADDOCK_CHART (chart)), ==, 5);

  /* the same history again, with a new last value: still on point 5 */
  later[7].value = 140;
  paddock_chart_set_points (PADDOCK_CHART (chart), later, 8);
  g_assert_true (paddock_chart_get_crosshair (PADDOCK_CHART (chart), &time, &value));
  g_assert_cmpint (time, ==, points[5].time_unix_ms);
  g_assert_cmpfloat (value, ==, points[5].value);

  /* a history one step later, which has that time at index 4 */
  for (gsize i = 0; i < 8; i++)
    later[i].time_unix_ms += 15 * MINUTE;
  paddock_chart_set_points (PADDOCK_CHART (chart), later, 8);
  g_assert_cmpint (paddock_chart_get_crosshair_index (PADDOCK_CHART (chart)), ==, 4);
  g_assert_true (paddock_chart_get_crosshair (PADDOCK_CHART (chart), &time, &value));
  g_assert_cmpint (time, ==, points[5].time_unix_ms);

  /* points without that time: the cross-hair goes; so it does with none */
  for (gsize i = 0; i < 8; i++)
    later[i].time_unix_ms += 7 * MINUTE;
  paddock_chart_set_points (PADDOCK_CHART (chart), later, 8);
  g_assert_false (paddock_chart_get_crosshair (PADDOCK_CHART (chart), NULL, NULL));
  paddock_chart_set_crosshair_index (PADDOCK_CHART (chart), 2);
  paddock_chart_set_points (PADDOCK_CHART (chart), NULL, 0);
  g_assert_false (paddock_chart_get_crosshair (PADDOCK_CHART (chart), NULL, NULL));
  g_object_unref (chart);
}

static void
test_line_keyboard (void)
{
  GtkWidget *chart = paddock_chart_new ();
  g_autofree PaddockChartPoint *points = line_points (8, 100, 135, 15 * MINUTE);
  g_autoptr (Pixels) before = NULL;
  g_autoptr (Pixels) after = NULL;
  GtkWindow *window;
  gint64 time;
  double value, x2, y2;

  paddock_chart_set_points (PADDOCK_CHART (chart), points, 8);
  window = show (chart, 500, 260);
  g_assert_true (gtk_widget_get_focusable (chart));
  gtk_widget_grab_focus (chart);
  g_assert_true (gtk_widget_has_focus (chart));
  g_assert_false (paddock_chart_get_crosshair (PADDOCK_CHART (chart), NULL, NULL));
  before = render (chart);

  /* a visible focus ring (style.css) once the keyboard is in use: the widget's edge
   * changes, in the accent colour */
  {
    g_autoptr (Pixels) ring = NULL;
    GdkRGBA accent;
    const guchar *px;
    double a;

    gtk_window_set_focus_visible (window, TRUE);
    paddock_test_wait_frames (chart, 1);
    ring = render (chart);
    named_color (chart, "accent_color", &accent);
    px = ring->data + (gsize) (ring->height / 2) * ring->stride;  /* the left edge */
    a = px[3] / 255.0;
    g_assert_cmpint (px[3], >, 60);
    g_assert_cmpfloat (fabs (px[0] / a - accent.blue * 255), <, 40);
    g_assert_cmpfloat (fabs (px[2] / a - accent.red * 255), <, 40);
    g_assert_cmpint (before->data[(gsize) (before->height / 2) * before->stride + 3], ==, 0);
  }

  /* Right from nothing: the first point; then point by point */
  g_assert_true (paddock_test_press_key (chart, GDK_KEY_Right));
  g_assert_true (paddock_chart_get_crosshair (PADDOCK_CHART (chart), &time, &value));
  g_assert_cmpint (time, ==, points[0].time_unix_ms);
  g_assert_cmpfloat (value, ==, points[0].value);
  g_assert_true (paddock_test_press_key (chart, GDK_KEY_Right));
  g_assert_true (paddock_test_press_key (chart, GDK_KEY_Right));
  g_assert_true (paddock_chart_get_crosshair (PADDOCK_CHART (chart), &time, &value));
  g_assert_cmpint (time, ==, points[2].time_unix_ms);
  g_assert_cmpfloat (value, ==, points[2].value);
  g_assert_cmpint (paddock_chart_get_crosshair_index (PADDOCK_CHART (chart)), ==, 2);

  /* the cross-hair is drawn there: a vertical line through the point's column */
  paddock_test_wait_frames (chart, 1);
  after = render (chart);
  g_assert_true (paddock_chart_get_point_position (PADDOCK_CHART (chart), 2, &x2, &y2));
  {
    int x = (int) round (x2);
    gsize changed = 0;

    for (int y = 0; y < after->height; y++)
      changed += memcmp (before->data + y * before->stride + x * 4,
                         after->data + y * after->stride + x * 4, 4) != 0;
    g_assert_cmpuint (changed, >, (gsize) after->height / 2);
  }

  g_assert_true (paddock_test_press_key (chart, GDK_KEY_Left));
  g_assert_cmpint (paddock_chart_get_crosshair_index (PADDOCK_CHART (chart)), ==, 1);
  g_assert_true (paddock_test_press_key (chart, GDK_KEY_End));
  g_assert_true (paddock_chart_get_crosshair (PADDOCK_CHART (chart), &time, &value));
  g_assert_cmpint (time, ==, points[7].time_unix_ms);
  g_assert_cmpfloat (value, ==, 135);
  g_assert_true (paddock_test_press_key (chart, GDK_KEY_Right));  /* stays at the last */
  g_assert_cmpint (paddock_chart_get_crosshair_index (PADDOCK_CHART (chart)), ==, 7);
  g_assert_true (paddock_test_press_key (chart, GDK_KEY_Home));
  g_assert_cmpint (paddock_chart_get_crosshair_index (PADDOCK_CHART (chart)), ==, 0);
  g_assert_true (paddock_test_press_key (chart, GDK_KEY_Left));  /* stays at the first */
  g_assert_cmpint (paddock_chart_get_crosshair_index (PADDOCK_CHART (chart)), ==, 0);
  g_assert_true (paddock_test_press_key (chart, GDK_KEY_Escape));
  g_assert_false (paddock_chart_get_crosshair (PADDOCK_CHART (chart), NULL, NULL));
  g_assert_false (paddock_test_press_key (chart, GDK_KEY_a));

  /* the pointer: the nearest point to it, left or right */
  {
    double x5, y5, x6, y6;

    g_assert_true (paddock_chart_get_point_position (PADDOCK_CHART (chart), 5, &x5, &y5));
    g_assert_true (paddock_chart_get_point_position (PADDOCK_CHART (chart), 6, &x6, &y6));
    move_pointer (chart, x5 + (x6 - x5) * 0.3, 10);
    g_assert_cmpint (paddock_chart_get_crosshair_index (PADDOCK_CHART (chart)), ==, 5);
    move_pointer (chart, x5 + (x6 - x5) * 0.7, 10);
    g_assert_true (paddock_chart_get_crosshair (PADDOCK_CHART (chart), &time, &value));
    g_assert_cmpint (time, ==, points[6].time_unix_ms);
    g_assert_cmpfloat (value, ==, points[6].value);
    move_pointer (chart, -50, 10);
    g_assert_cmpint (paddock_chart_get_crosshair_index (PADDOCK_CHART (chart)), ==, 0);
  }

  close_window (window);
}

static void
test_line_summary (void)
{
  PaddockChart *chart = g_object_ref_sink (PADDOCK_CHART (paddock_chart_new ()));
  PaddockChartPoint points[3] = {
    { T0, 24000, TRUE }, { T0 + 60 * MINUTE, 23000, TRUE }, { T0 + 120 * MINUTE, 24310.9, TRUE },
  };
  const char *summary;

  paddock_chart_set_currency (chart, "USD");
  paddock_chart_set_points (chart, points, 3);
  summary = paddock_chart_get_summary (chart);
  g_assert_true (g_str_has_prefix (summary, "Equity from $24,000.00 to $24,310.90, up 1.3%"));
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (chart),
                                       GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, summary);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (chart),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "Equity");
  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (chart), GTK_ACCESSIBLE_ROLE_IMG);

  /* it follows the data */
  points[2].value = 21600;
  paddock_chart_set_title (chart, "Portfolio");
  paddock_chart_set_points (chart, points, 3);
  summary = paddock_chart_get_summary (chart);
  g_assert_true (g_str_has_prefix (summary,
                                   "Portfolio from $24,000.00 to $21,600.00, down 10.0%"));
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (chart),
                                       GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, summary);
  g_object_unref (chart);
}

static void
test_line_many (void)
{
  GtkWidget *chart = paddock_chart_new ();
  g_autofree PaddockChartPoint *points = g_new (PaddockChartPoint, 10000);
  g_autoptr (Pixels) p = NULL;
  GtkWindow *window;
  GdkRGBA success;
  gint64 time;
  double value;

  for (gsize i = 0; i < 10000; i++)
    points[i] = (PaddockChartPoint) { T0 + (gint64) i * MINUTE,
                                      20000 + 800 * sin (i / 300.0) + i * 0.1, i % 997 != 5 };
  paddock_chart_set_points (PADDOCK_CHART (chart), points, 10000);
  window = show (chart, 900, 320);
  named_color (chart, "success_color", &success);
  p = render (chart);
  g_assert_cmpuint (count_color (p, 0, p->width, &success), >, 800);

  gtk_widget_grab_focus (chart);
  g_assert_true (paddock_test_press_key (chart, GDK_KEY_End));
  g_assert_true (paddock_chart_get_crosshair (PADDOCK_CHART (chart), &time, &value));
  g_assert_cmpint (time, ==, points[9999].time_unix_ms);
  g_assert_cmpfloat (value, ==, points[9999].value);
  paddock_test_wait_frames (chart, 1);
  g_clear_pointer (&p, pixels_free);
  p = render (chart);
  close_window (window);
}

/* ---- the candlestick chart ---------------------------------------------------------- */

static void
test_candles_colours (void)
{
  GtkWidget *chart = paddock_candle_chart_new ();
  PaddockCandleBar bars[6] = {
    { T0, 100, 104, 99, 103, 1000 },
    { T0 + 60 * MINUTE, 103, 112, 102, 110, 4000 },   /* up */
    { T0 + 120 * MINUTE, 110, 111, 100, 101, 3000 },  /* down */
    { T0 + 180 * MINUTE, 101, 106, 100, 105, 1500 },
    { T0 + 240 * MINUTE, 105, 106, 101, 102, 800 },
    { T0 + 300 * MINUTE, 102, 108, 101, 107, 2500 },
  };
  g_autoptr (Pixels) p = NULL;
  GtkWindow *window;
  GdkRGBA success, error;
  double x_up, x_down, width;
  PaddockCandleBar bar;

  paddock_candle_chart_set_bars (PADDOCK_CANDLE_CHART (chart), bars, 6);
  window = show (chart, 600, 320);
  named_color (chart, "success_color", &success);
  named_color (chart, "error_color", &error);
  p = render (chart);

  paddock_candle_chart_get_bar_x (PADDOCK_CANDLE_CHART (chart), 1, &x_up, &width);
  paddock_candle_chart_get_bar_x (PADDOCK_CANDLE_CHART (chart), 2, &x_down, &width);
  g_assert_cmpfloat (width, >=, 5);
  g_assert_cmpfloat (x_down - x_up, >, width + 4);

  /* the up bar's body in the success colour, the down bar's in the error colour */
  g_assert_cmpuint (count_color (p, (int) x_up - 1, (int) x_up + 1, &success), >, 20);
  g_assert_cmpuint (count_color (p, (int) x_up - 1, (int) x_up + 1, &error), ==, 0);
  g_assert_cmpuint (count_color (p, (int) x_down - 1, (int) x_down + 1, &error), >, 20);
  g_assert_cmpuint (count_color (p, (int) x_down - 1, (int) x_down + 1, &success), ==, 0);
  /* between the bars, no bar */
  g_assert_cmpuint (count_color (p, (int) (x_up + width / 2 + 2), (int) (x_down - width / 2 - 2),
                                 &success), ==, 0);
  g_assert_cmpuint (count_color (p, (int) (x_up + width / 2 + 2), (int) (x_down - width / 2 - 2),
                                 &error), ==, 0);

  /* the volume strip under the bars: the up bar's volume (the largest) is its full height,
   * the down bar's three quarters of it, in the lighter colours */
  {
    int up_rows = 0, down_rows = 0;

    for (int y = p->height / 2; y < p->height; y++)
      {
        up_rows += is_faint_color (p, (int) x_up, y, &success);
        down_rows += is_faint_color (p, (int) x_down, y, &error);
      }
    g_assert_cmpint (up_rows, >, 20);
    g_assert_cmpint (abs (down_rows - up_rows * 3 / 4), <=, 2);
  }

  /* keyboard */
  gtk_widget_grab_focus (chart);
  g_assert_true (paddock_test_press_key (chart, GDK_KEY_Right));
  g_assert_true (paddock_test_press_key (chart, GDK_KEY_Right));
  g_assert_true (paddock_candle_chart_get_crosshair (PADDOCK_CANDLE_CHART (chart), &bar));
  g_assert_cmpint (bar.time_unix_ms, ==, bars[1].time_unix_ms);
  g_assert_cmpfloat (bar.close, ==, 110);
  g_assert_cmpuint (bar.volume, ==, 4000);
  g_assert_true (paddock_test_press_key (chart, GDK_KEY_End));
  g_assert_cmpint (paddock_candle_chart_get_crosshair_index (PADDOCK_CANDLE_CHART (chart)), ==, 5);
  g_assert_true (paddock_test_press_key (chart, GDK_KEY_Left));
  g_assert_cmpint (paddock_candle_chart_get_crosshair_index (PADDOCK_CANDLE_CHART (chart)), ==, 4);
  paddock_test_wait_frames (chart, 1);
  g_clear_pointer (&p, pixels_free);
  p = render (chart);

  close_window (window);
}

/* A refresh of the same range keeps the cross-hair on the bar of the same time, as the
 * line chart does (/chart/line/crosshair-kept) */
static void
test_candles_crosshair_kept (void)
{
  GtkWidget *chart = g_object_ref_sink (paddock_candle_chart_new ());
  PaddockCandleBar bars[8];
  PaddockCandleBar later[8];
  PaddockCandleBar bar;

  for (gsize i = 0; i < 8; i++)
    {
      bars[i] = (PaddockCandleBar) { T0 + (gint64) i * 60 * MINUTE, 100 + i, 104 + i, 99 + i,
                                     103 + i, 1000 + i };
      later[i] = bars[i];
    }
  paddock_candle_chart_set_bars (PADDOCK_CANDLE_CHART (chart), bars, 8);
  paddock_candle_chart_set_crosshair_index (PADDOCK_CANDLE_CHART (chart), 5);
  g_assert_cmpint (paddock_candle_chart_get_crosshair_index (PADDOCK_CANDLE_CHART (chart)), ==, 5);

  /* the same range again, the last bar still moving: still on bar 5 */
  later[7].close = 120;
  later[7].high = 121;
  paddock_candle_chart_set_bars (PADDOCK_CANDLE_CHART (chart), later, 8);
  g_assert_cmpint (paddock_candle_chart_get_crosshair_index (PADDOCK_CANDLE_CHART (chart)), ==, 5);
  g_assert_true (paddock_candle_chart_get_crosshair (PADDOCK_CANDLE_CHART (chart), &bar));
  g_assert_cmpint (bar.time_unix_ms, ==, bars[5].time_unix_ms);
  g_assert_cmpfloat (bar.close, ==, bars[5].close);

  /* a range one bar later, which has that time at index 4 */
  for (gsize i = 0; i < 8; i++)
    later[i].time_unix_ms += 60 * MINUTE;
  paddock_candle_chart_set_bars (PADDOCK_CANDLE_CHART (chart), later, 8);
  g_assert_cmpint (paddock_candle_chart_get_crosshair_index (PADDOCK_CANDLE_CHART (chart)), ==, 4);
  g_assert_true (paddock_candle_chart_get_crosshair (PADDOCK_CANDLE_CHART (chart), &bar));
  g_assert_cmpint (bar.time_unix_ms, ==, bars[5].time_unix_ms);

  /* bars without that time: the cross-hair goes; so it does with none */
  for (gsize i = 0; i < 8; i++)
    later[i].time_unix_ms += 7 * MINUTE;
  paddock_candle_chart_set_bars (PADDOCK_CANDLE_CHART (chart), later, 8);
  g_assert_false (paddock_candle_chart_get_crosshair (PADDOCK_CANDLE_CHART (chart), NULL));
  g_assert_cmpint (paddock_candle_chart_get_crosshair_index (PADDOCK_CANDLE_CHART (chart)), ==, -1);
  paddock_candle_chart_set_crosshair_index (PADDOCK_CANDLE_CHART (chart), 2);
  paddock_candle_chart_set_bars (PADDOCK_CANDLE_CHART (chart), NULL, 0);
  g_assert_false (paddock_candle_chart_get_crosshair (PADDOCK_CANDLE_CHART (chart), NULL));
  g_object_unref (chart);
}

static void
test_candles_summary_and_empty (void)
{
  PaddockCandleChart *chart = g_object_ref_sink (PADDOCK_CANDLE_CHART (paddock_candle_chart_new ()));
  PaddockCandleBar bars[2] = {
    { T0 + DAY, 100, 104, 99, 103, 1000 },
    { T0, 90, 101, 89.5, 100, 2000 },  /* out of order: sorted */
  };
  const char *summary;

  g_assert_cmpstr (paddock_candle_chart_get_summary (chart), ==, "No history yet");
  paddock_candle_chart_set_currency (chart, "USD");
  paddock_candle_chart_set_title (chart, "AAPL");
  paddock_candle_chart_set_bars (chart, bars, 2);
  summary = paddock_candle_chart_get_summary (chart);
  g_assert_true (g_str_has_prefix (summary, "AAPL from $90.00 to $103.00, up 14.4%, 2 bars"));
  g_assert_nonnull (strstr (summary, "low $89.50, high $104.00"));
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (chart),
                                       GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, summary);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (chart),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "AAPL");
  paddock_candle_chart_set_crosshair_index (chart, 0);
  g_assert_true (paddock_candle_chart_get_crosshair (chart, NULL));
  paddock_candle_chart_set_bars (chart, NULL, 0);
  g_assert_false (paddock_candle_chart_get_crosshair (chart, NULL));
  g_object_unref (chart);

  check_empty (paddock_candle_chart_new (), "No history yet");
}

static void
test_candles_many (void)
{
  GtkWidget *chart = paddock_candle_chart_new ();
  g_autofree PaddockCandleBar *bars = g_new (PaddockCandleBar, 5000);
  g_autoptr (Pixels) p = NULL;
  GtkWindow *window;
  GdkRGBA success, error;
  PaddockCandleBar bar;
  double price = 100;

  for (gsize i = 0; i < 5000; i++)
    {
      double next = price + sin (i * 0.37) * 0.8 + 0.01;

      bars[i] = (PaddockCandleBar) { T0 + (gint64) i * MINUTE, price, MAX (price, next) + 0.3,
                                     MIN (price, next) - 0.3, next, 1000 + (i * 37) % 5000 };
      price = next;
    }
  paddock_candle_chart_set_bars (PADDOCK_CANDLE_CHART (chart), bars, 5000);
  window = show (chart, 900, 360);
  named_color (chart, "success_color", &success);
  named_color (chart, "error_color", &error);
  p = render (chart);
  g_assert_cmpuint (count_color (p, 0, p->width, &success), >, 100);
  g_assert_cmpuint (count_color (p, 0, p->width, &error), >, 100);

  gtk_widget_grab_focus (chart);
  g_assert_true (paddock_test_press_key (chart, GDK_KEY_End));
  g_assert_true (paddock_candle_chart_get_crosshair (PADDOCK_CANDLE_CHART (chart), &bar));
  g_assert_cmpint (bar.time_unix_ms, ==, bars[4999].time_unix_ms);
  paddock_test_wait_frames (chart, 1);
  g_clear_pointer (&p, pixels_free);
  p = render (chart);
  close_window (window);
}

/* ---- decimation and the cached drawing ---------------------------------------------- */

/* Whether @x, @y of @p is in @a or @b (either candle colour). */
static gboolean
is_either (const Pixels  *p,
           int            x,
           int            y,
           const GdkRGBA *a,
           const GdkRGBA *b)
{
  return is_color (p, x, y, a) || (b != NULL && is_color (p, x, y, b));
}

/* 10,000 points on 900 pixels: every pixel column shows its points' true extremes — a
 * spike of one point in a column reaches exactly its height, however many points share
 * the column — and the cross-hair names the exact point under the pointer. */
static void
test_line_decimated_extremes (void)
{
  GtkWidget *chart = paddock_chart_new ();
  const gsize n = 10000;
  g_autofree PaddockChartPoint *points = g_new (PaddockChartPoint, n);
  g_autofree double *xs = g_new (double, n);
  g_autofree double *ys = g_new (double, n);
  g_autoptr (Pixels) p = NULL;
  GtkWindow *window;
  GdkRGBA success;
  guint checked = 0;

  for (gsize i = 0; i < n; i++)
    {
      double v = 20000 + 300 * sin (i / 700.0);

      /* a lone spike up or down every 97 points, of a size of its own */
      if (i % 97 == 13)
        v += (i % 2 ? 1 : -1) * (150 + (i % 7) * 20);
      points[i] = (PaddockChartPoint) { T0 + (gint64) i * MINUTE, v, TRUE };
    }
  paddock_chart_set_points (PADDOCK_CHART (chart), points, n);
  window = show (chart, 900, 320);
  named_color (chart, "success_color", &success);
  if (!paddock_chart_get_up (PADDOCK_CHART (chart)))
    named_color (chart, "error_color", &success);
  p = render (chart);
  for (gsize i = 0; i < n; i++)
    g_assert_true (paddock_chart_get_point_position (PADDOCK_CHART (chart), i, &xs[i], &ys[i]));
  g_assert_cmpfloat (xs[n - 1] - xs[0], <, n / 4);  /* several points a column */

  for (gsize i = 0; i < n;)
    {
      int column = (int) floor (xs[i]);
      double top = ys[i], bottom = ys[i], reach_top, reach_bottom;
      gsize j = i;

      for (; j < n && (int) floor (xs[j]) == column; j++)
        {
          top = MIN (top, ys[j]);
          bottom = MAX (bottom, ys[j]);
        }
      /* the line joins the previous column's last point too */
      reach_top = i > 0 ? MIN (top, ys[i - 1]) : top;
      reach_bottom = i > 0 ? MAX (bottom, ys[i - 1]) : bottom;
      if (column > (int) xs[0] + 2 && column < (int) xs[n - 1] - 2)
        {
          /* the highest and the lowest point of the column are drawn… */
          g_assert_true (is_color (p, column, (int) round (top), &success));
          g_assert_true (is_color (p, column, (int) round (bottom), &success));
          /* …and the line goes no further than they (and the join) do */
          g_assert_false (is_color (p, column, (int) floor (reach_top) - 3, &success));
          g_assert_false (is_color (p, column, (int) ceil (reach_bottom) + 3, &success));
          checked++;
        }
      i = j;
    }
  g_assert_cmpuint (checked, >, 700);

  /* the pointer over a spike: that very point, not its column's summary */
  for (gsize i = 13; i < n; i += 97 * 11)
    {
      gint64 time;
      double value;

      move_pointer (chart, xs[i], 10);
      g_assert_cmpint (paddock_chart_get_crosshair_index (PADDOCK_CHART (chart)), ==, i);
      g_assert_true (paddock_chart_get_crosshair (PADDOCK_CHART (chart), &time, &value));
      g_assert_cmpint (time, ==, points[i].time_unix_ms);
      g_assert_cmpfloat (value, ==, points[i].value);
    }
  close_window (window);
}

/* 5,000 bars on 900 pixels, merged per pixel column: each column's wick runs from the
 * highest high to the lowest low of its bars, exactly; the cross-hair names the bar. */
static void
test_candles_decimated_extremes (void)
{
  GtkWidget *chart = paddock_candle_chart_new ();
  const gsize n = 5000;
  g_autofree PaddockCandleBar *bars = g_new (PaddockCandleBar, n);
  g_autoptr (Pixels) p = NULL;
  GtkWindow *window;
  GdkRGBA success, error;
  double price = 100, width;
  guint checked = 0;

  for (gsize i = 0; i < n; i++)
    {
      double next = price + sin (i * 0.37) * 0.8 + 0.01;
      double high = MAX (price, next) + 0.3, low = MIN (price, next) - 0.3;

      /* a lone long wick up or down every 61 bars */
      if (i % 61 == 7)
        high += 4 + (i % 5);
      if (i % 61 == 37)
        low -= 4 + (i % 3);
      bars[i] = (PaddockCandleBar) { T0 + (gint64) i * MINUTE, price, high, low, next,
                                     1000 + (i * 37) % 5000 };
      price = next;
    }
  paddock_candle_chart_set_bars (PADDOCK_CANDLE_CHART (chart), bars, n);
  window = show (chart, 900, 360);
  named_color (chart, "success_color", &success);
  named_color (chart, "error_color", &error);
  p = render (chart);

  for (gsize i = 0; i < n;)
    {
      double x, high = -G_MAXDOUBLE, low = G_MAXDOUBLE, y_high, y_low;
      int column;
      gsize j = i;

      paddock_candle_chart_get_bar_x (PADDOCK_CANDLE_CHART (chart), i, &x, &width);
      g_assert_cmpfloat (width, ==, 1);
      column = (int) floor (x);
      for (; j < n; j++)
        {
          double xj;

          paddock_candle_chart_get_bar_x (PADDOCK_CANDLE_CHART (chart), j, &xj, &width);
          if ((int) floor (xj) != column)
            break;
          high = MAX (high, bars[j].high);
          low = MIN (low, bars[j].low);
        }
      g_assert_true (paddock_candle_chart_get_value_y (PADDOCK_CANDLE_CHART (chart), high,
                                                       &y_high));
      g_assert_true (paddock_candle_chart_get_value_y (PADDOCK_CANDLE_CHART (chart), low,
                                                       &y_low));
      /* the wick: from the highest high's row to the lowest low's, no further */
      g_assert_true (is_either (p, column, (int) round (y_high), &success, &error));
      g_assert_true (is_either (p, column, (int) round (y_low) - 1, &success, &error));
      g_assert_false (is_either (p, column, (int) round (y_high) - 1, &success, &error));
      g_assert_false (is_either (p, column, (int) round (y_low), &success, &error));
      checked++;
      i = j;
    }
  g_assert_cmpuint (checked, >, 700);

  /* the pointer over a bar with a long wick: that bar, all of it */
  for (gsize i = 7; i < n; i += 61 * 7)
    {
      PaddockCandleBar bar;
      double x;

      paddock_candle_chart_get_bar_x (PADDOCK_CANDLE_CHART (chart), i, &x, &width);
      move_pointer (chart, x, 10);
      g_assert_cmpint (paddock_candle_chart_get_crosshair_index (PADDOCK_CANDLE_CHART (chart)),
                       ==, i);
      g_assert_true (paddock_candle_chart_get_crosshair (PADDOCK_CANDLE_CHART (chart), &bar));
      g_assert_true (memcmp (&bar, &bars[i], sizeof bar) == 0);
    }
  close_window (window);
}

/* The texture and cairo nodes under @node, in @textures and @cairos. */
static void
collect_nodes (GskRenderNode *node,
               GPtrArray     *textures,
               GPtrArray     *cairos)
{
  switch (gsk_render_node_get_node_type (node))
    {
    case GSK_CONTAINER_NODE:
      for (guint i = 0; i < gsk_container_node_get_n_children (node); i++)
        collect_nodes (gsk_container_node_get_child (node, i), textures, cairos);
      break;
    case GSK_TRANSFORM_NODE:
      collect_nodes (gsk_transform_node_get_child (node), textures, cairos);
      break;
    case GSK_CLIP_NODE:
      collect_nodes (gsk_clip_node_get_child (node), textures, cairos);
      break;
    case GSK_ROUNDED_CLIP_NODE:
      collect_nodes (gsk_rounded_clip_node_get_child (node), textures, cairos);
      break;
    case GSK_OPACITY_NODE:
      collect_nodes (gsk_opacity_node_get_child (node), textures, cairos);
      break;
    case GSK_DEBUG_NODE:
      collect_nodes (gsk_debug_node_get_child (node), textures, cairos);
      break;
    case GSK_TEXTURE_NODE:
      g_ptr_array_add (textures, node);
      break;
    case GSK_CAIRO_NODE:
      g_ptr_array_add (cairos, node);
      break;
    default:
      break;
    }
}

/* One snapshot of @widget, as its frame would draw it. */
static GskRenderNode *
snapshot_node (GtkWidget *widget)
{
  GtkSnapshot *snapshot = gtk_snapshot_new ();

  GTK_WIDGET_GET_CLASS (widget)->snapshot (widget, snapshot);
  return gtk_snapshot_free_to_node (snapshot);
}

/* The data is drawn once into an image, painted by a cairo node that the frames while the
 * cross-hair moves reuse as it is; no texture node, which GTK 4.8's cairo renderer would
 * convert pixel by pixel at every frame. New data is a new drawing. */
static void
check_cached_data (GtkWidget *chart,
                   void     (*set_crosshair) (GtkWidget *chart, gssize index),
                   void     (*set_data) (GtkWidget *chart))
{
  g_autoptr (GPtrArray) textures = g_ptr_array_new ();
  g_autoptr (GPtrArray) first = g_ptr_array_new ();
  g_autoptr (GPtrArray) moved = g_ptr_array_new ();
  g_autoptr (GPtrArray) renewed = g_ptr_array_new ();
  g_autoptr (GskRenderNode) a = NULL, b = NULL, c = NULL;
  GtkWindow *window = show (chart, 700, 300);

  a = snapshot_node (chart);
  collect_nodes (a, textures, first);
  g_assert_cmpuint (textures->len, ==, 0);
  g_assert_cmpuint (first->len, ==, 1);

  set_crosshair (chart, 3);
  b = snapshot_node (chart);
  collect_nodes (b, textures, moved);
  g_assert_cmpuint (textures->len, ==, 0);
  g_assert_cmpuint (moved->len, ==, 1);
  g_assert_true (g_ptr_array_index (moved, 0) == g_ptr_array_index (first, 0));

  set_data (chart);
  c = snapshot_node (chart);
  collect_nodes (c, textures, renewed);
  g_assert_cmpuint (renewed->len, ==, 1);
  g_assert_true (g_ptr_array_index (renewed, 0) != g_ptr_array_index (first, 0));
  close_window (window);
}

static void
line_crosshair (GtkWidget *chart,
                gssize     index)
{
  paddock_chart_set_crosshair_index (PADDOCK_CHART (chart), index);
}

static void
line_data (GtkWidget *chart)
{
  g_autofree PaddockChartPoint *points = line_points (300, 100, 90, MINUTE);

  paddock_chart_set_points (PADDOCK_CHART (chart), points, 300);
}

static void
candle_crosshair (GtkWidget *chart,
                  gssize     index)
{
  paddock_candle_chart_set_crosshair_index (PADDOCK_CANDLE_CHART (chart), index);
}

static void
candle_data (GtkWidget *chart)
{
  PaddockCandleBar bars[40];

  for (guint i = 0; i < G_N_ELEMENTS (bars); i++)
    bars[i] = (PaddockCandleBar) { T0 + i * 5 * MINUTE, 100 + i, 103 + i, 99 + i, 101 + i,
                                   100 * (i + 1) };
  paddock_candle_chart_set_bars (PADDOCK_CANDLE_CHART (chart), bars, G_N_ELEMENTS (bars));
}

/* A chart drawn again into the image of a drawing before (same size) shows only the new
 * data: exactly what a new chart with that data shows. */
static void
test_reused_image (void)
{
  g_autofree PaddockChartPoint *a = line_points (200, 100, 150, MINUTE);
  g_autofree PaddockChartPoint *b = line_points (200, 150, 100, MINUTE);
  g_autofree PaddockChartPoint *c = line_points (200, 120, 125, MINUTE);
  GtkWidget *fresh = paddock_chart_new ();
  GtkWidget *chart = paddock_chart_new ();
  g_autoptr (Pixels) expected = NULL;
  g_autoptr (Pixels) got = NULL;
  GtkWindow *window;

  paddock_chart_set_points (PADDOCK_CHART (fresh), a, 200);
  window = show (fresh, 600, 280);
  expected = render (fresh);
  close_window (window);

  paddock_chart_set_points (PADDOCK_CHART (chart), b, 200);
  window = show (chart, 600, 280);
  paddock_chart_set_points (PADDOCK_CHART (chart), c, 200);
  paddock_test_wait_frames (chart, 2);
  paddock_chart_set_points (PADDOCK_CHART (chart), a, 200);  /* into b's image */
  paddock_test_wait_frames (chart, 2);
  got = render (chart);
  g_assert_cmpint (got->width, ==, expected->width);
  g_assert_cmpint (got->height, ==, expected->height);
  g_assert_true (memcmp (got->data, expected->data, got->stride * got->height) == 0);
  close_window (window);
}

static void
test_cached_data (void)
{
  GtkWidget *line = paddock_chart_new ();
  GtkWidget *candles = paddock_candle_chart_new ();

  line_data (line);
  check_cached_data (line, line_crosshair, line_data);
  candle_data (candles);
  check_cached_data (candles, candle_crosshair, candle_data);
}

/* ---- the shared axis code ----------------------------------------------------------- */

static void
test_axis_ticks (void)
{
  g_autoptr (GArray) ticks = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) times = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *hm = NULL, *day = NULL;
  int decimals;

  paddock_chart_nice_ticks (23012, 24987, 5, ticks, &decimals);
  g_assert_cmpuint (ticks->len, >=, 3);
  g_assert_cmpuint (ticks->len, <=, 8);
  for (guint i = 0; i < ticks->len; i++)
    {
      double v = g_array_index (ticks, double, i);

      g_assert_cmpfloat (v, >=, 23012);
      g_assert_cmpfloat (v, <=, 24987);
      g_assert_cmpfloat (fmod (v, 250), ==, 0);
    }
  g_assert_cmpint (decimals, ==, 0);
  paddock_chart_nice_ticks (0.12, 0.19, 4, ticks, &decimals);
  g_assert_cmpint (decimals, ==, 2);

  /* within a day: round times of day; over weeks: days */
  paddock_chart_time_ticks (T0, T0 + 7 * 60 * MINUTE, 6, times);
  g_assert_cmpuint (times->len, >=, 3);
  for (guint i = 0; i < times->len; i++)
    g_assert_cmpint (g_array_index (times, gint64, i) % (30 * MINUTE), ==, 0);
  /* 3.5 days: one tick a day at most (the labels name days) */
  paddock_chart_time_ticks (T0, T0 + 84 * 60 * MINUTE, 12, times);
  g_assert_cmpuint (times->len, >=, 3);
  for (guint i = 1; i < times->len; i++)
    g_assert_cmpint (g_array_index (times, gint64, i) - g_array_index (times, gint64, i - 1),
                     >=, DAY);
  paddock_chart_time_ticks (T0, T0 + 30 * DAY, 6, times);
  g_assert_cmpuint (times->len, >=, 3);
  g_assert_cmpuint (times->len, <=, 8);

  /* months, and years over a long span, never many more ticks than asked for */
  paddock_chart_time_ticks (T0, T0 + 200 * DAY, 6, times);
  g_assert_cmpuint (times->len, >=, 3);
  g_assert_cmpuint (times->len, <=, 8);
  paddock_chart_time_ticks (T0, T0 + 20 * 365 * DAY, 6, times);
  g_assert_cmpuint (times->len, >=, 3);
  g_assert_cmpuint (times->len, <=, 8);

  hm = paddock_chart_format_time (T0, 6 * 60 * MINUTE, FALSE);
  day = paddock_chart_format_time (T0, 30 * DAY, FALSE);
  g_assert_true (g_regex_match_simple ("^[0-9][0-9]:[0-9][0-9]$", hm, 0, 0));
  g_assert_false (g_regex_match_simple (":", day, 0, 0));
  g_assert_nonnull (strstr (day, "Mar"));
}

/* The app's styles, as AdwApplication loads them at startup. */
static void
load_app_styles (void)
{
  g_autoptr (GtkCssProvider) provider = gtk_css_provider_new ();

  gtk_css_provider_load_from_resource (provider, "/io/github/paddockapp/Paddock/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                              GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

static void
test_no_display (void)
{
  g_test_skip ("no display: run under tests/xvfb-env.sh");
}

int
main (int   argc,
      char *argv[])
{
  gboolean has_display = g_getenv ("DISPLAY") != NULL || g_getenv ("WAYLAND_DISPLAY") != NULL;

  if (!has_display)
    {
      g_test_init (&argc, &argv, NULL);
      if (g_getenv ("PADDOCK_XVFB_WRAPPER") != NULL)
        g_error ("tests/xvfb-env.sh promised a display, but there is none");
      g_test_add_func ("/chart/no-display", test_no_display);
      return g_test_run ();
    }

  /* GTK's test accessibility backend, which keeps what the widgets tell screen readers */
  g_setenv ("GTK_A11Y", "test", TRUE);
  /* English names, a fixed time zone */
  g_setenv ("LANGUAGE", "C", TRUE);
  g_setenv ("TZ", "UTC", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  load_app_styles ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
  if (setlocale (LC_NUMERIC, "en_US.UTF-8") == NULL)
    _paddock_format_override_locale (",", ".", "\3\3");

  g_test_add_func ("/chart/line/up", test_line_up);
  g_test_add_func ("/chart/line/down", test_line_down);
  g_test_add_func ("/chart/line/no-base", test_line_no_base);
  g_test_add_func ("/chart/line/dark", test_line_dark);
  g_test_add_func ("/chart/line/gap", test_line_gap);
  g_test_add_func ("/chart/line/empty", test_line_empty);
  g_test_add_func ("/chart/line/keyboard", test_line_keyboard);
  g_test_add_func ("/chart/line/crosshair-kept", test_line_crosshair_kept);
  g_test_add_func ("/chart/line/summary", test_line_summary);
  g_test_add_func ("/chart/line/ten-thousand", test_line_many);
  g_test_add_func ("/chart/candles/colours", test_candles_colours);
  g_test_add_func ("/chart/candles/summary-empty", test_candles_summary_and_empty);
  g_test_add_func ("/chart/candles/crosshair-kept", test_candles_crosshair_kept);
  g_test_add_func ("/chart/candles/five-thousand", test_candles_many);
  g_test_add_func ("/chart/axis/ticks", test_axis_ticks);
  g_test_add_func ("/chart/line/decimated-extremes", test_line_decimated_extremes);
  g_test_add_func ("/chart/candles/decimated-extremes", test_candles_decimated_extremes);
  g_test_add_func ("/chart/cached-data", test_cached_data);
  g_test_add_func ("/chart/reused-image", test_reused_image);

  return g_test_run ();
}
