/* paddock-portfolio-panel.c: the overview's portfolio chart and market clock
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The account's equity over a period (1D, 1W, 1M, 3M, 1A or All: linked toggle buttons),
 * drawn by a PaddockChart from `GET /v2/account/portfolio/history` (gaps stay gaps, the base
 * value is the chart's baseline). One request at a time: choosing another period cancels
 * the one on its way. While the first chart of an account or of a period loads, a spinner
 * sits over the chart; a failure says so in words with Try Again, and the last chart stays.
 *
 * A refresh (the account's, every 30 s, or Ctrl+R) of a chart already shown is quiet: no
 * spinner, the chart stays as it is until the new history replaces it in place (the
 * cross-hair kept on the same time), and a failure leaves the chart alone with a discreet
 * line under it saying from when it is, its reason in a tooltip, and Try Again.
 *
 * Above the chart, the market clock in words (paddock_market_clock_describe(), with the
 * calendar of the days up to the next open or close, so early closes are told), fetched
 * again at that next open or close and on every refresh.
 */
#define G_LOG_DOMAIN "paddock-portfolio-panel"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "paddock-market-clock.h"
#include "paddock-portfolio-history.h"
#include "paddock-portfolio-panel.h"

#define DEFAULT_PERIOD "1M"
/* the clock is read again at least this often, whatever its next open or close */
#define CLOCK_MAX_WAIT_S (6 * 3600)

static const struct {
  const char *id;          /* what the buttons and the report call it */
  const char *label;
  const char *tooltip;
  const char *period;      /* the request's */
  const char *timeframe;
} periods[] = {
  { "1D", N_("1D"), N_("One day"), "1D", "5Min" },
  { "1W", N_("1W"), N_("One week"), "1W", "1H" },
  { "1M", N_("1M"), N_("One month"), "1M", "1D" },
  { "3M", N_("3M"), N_("Three months"), "3M", "1D" },
  { "1A", N_("1Y"), N_("One year"), "1A", "1D" },
  /* ten years: as far back as the history goes */
  { "All", N_("All"), N_("All the history"), "10A", "1D" },
};

struct _PaddockPortfolioPanel
{
  GtkWidget parent_instance;

  GtkWidget *box;
  GtkLabel *clock_label;
  GtkWidget *buttons[G_N_ELEMENTS (periods)];
  PaddockChart *chart;
  GtkSpinner *spinner;
  GtkWidget *error_box;
  GtkLabel *error_label;
  GtkWidget *retry_button;

  PaddockClient *client;
  guint period;
  GCancellable *history_cancellable;
  gboolean loading;            /* the spinner's: a first load for this account or period */
  gboolean refreshing;         /* a quiet refresh of the chart shown is on its way */
  gboolean has_chart;          /* the chart shows this account's and period's history */
  gboolean stale;              /* the last quiet refresh failed: the chart is older */
  GDateTime *updated;          /* when the chart shown was loaded */
  char *error;

  GCancellable *clock_cancellable;
  char *clock_text;
  guint clock_source;
};

G_DEFINE_FINAL_TYPE (PaddockPortfolioPanel, paddock_portfolio_panel, GTK_TYPE_WIDGET)

enum {
  SIGNAL_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void load_clock (PaddockPortfolioPanel *self);

static void
changed (PaddockPortfolioPanel *self)
{
  GtkWidget *label = GTK_WIDGET (self->error_label);

  gtk_spinner_set_spinning (self->spinner, self->loading);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), self->loading);
  gtk_widget_set_visible (self->error_box, self->error != NULL);
  gtk_label_set_label (self->error_label, self->error != NULL ? self->error : "");
  /* a chart that is merely older is not an error: said quietly */
  if (self->stale)
    {
      gtk_widget_remove_css_class (label, "error");
      gtk_widget_add_css_class (label, "dim-label");
      gtk_widget_add_css_class (label, "caption");
      gtk_widget_add_css_class (self->retry_button, "flat");
    }
  else
    {
      gtk_widget_add_css_class (label, "error");
      gtk_widget_remove_css_class (label, "dim-label");
      gtk_widget_remove_css_class (label, "caption");
      gtk_widget_remove_css_class (self->retry_button, "flat");
      gtk_widget_set_tooltip_text (label, NULL);
    }
  gtk_widget_set_sensitive (self->retry_button, !self->loading && !self->refreshing);
  gtk_label_set_label (self->clock_label, self->clock_text != NULL ? self->clock_text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->clock_label), self->clock_text != NULL);
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

/* ---- the history ------------------------------------------------------------------------ */

static void
show_history (PaddockPortfolioPanel   *self,
              PaddockPortfolioHistory *history)
{
  guint n = paddock_portfolio_history_get_n_points (history);
  const gint64 *times = paddock_portfolio_history_get_timestamps (history);
  const double *equity = paddock_portfolio_history_get_equity_values (history);
  const char *base = paddock_portfolio_history_get_base_value (history);
  g_autofree PaddockChartPoint *points = g_new0 (PaddockChartPoint, MAX (n, 1));
  gint64 crosshair_ms = 0;
  gboolean crosshair = self->has_chart &&
                       paddock_chart_get_crosshair (self->chart, &crosshair_ms, NULL);

  for (guint i = 0; i < n; i++)
    {
      /* the history's times are seconds, whatever the server sent */
      points[i].time_unix_ms = times[i] * 1000;
      points[i].value = equity[i];
      points[i].present = isfinite (equity[i]);
    }
  paddock_chart_set_points (self->chart, points, n);
  paddock_chart_set_base (self->chart, base != NULL ? g_ascii_strtod (base, NULL) : NAN);

  /* a refresh swaps the data under the cross-hair: it stays on the same time */
  if (crosshair && n > 0)
    {
      guint nearest = 0;

      for (guint i = 1; i < n; i++)
        if (ABS (points[i].time_unix_ms - crosshair_ms) <
            ABS (points[nearest].time_unix_ms - crosshair_ms))
          nearest = i;
      paddock_chart_set_crosshair_index (self->chart, nearest);
    }
}

static void
history_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr (PaddockPortfolioPanel) self = user_data;
  g_autoptr (PaddockPortfolioHistory) history = NULL;
  g_autoptr (GError) error = NULL;

  history = paddock_portfolio_history_fetch_finish (PADDOCK_CLIENT (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;  /* another period, another account, or the panel is going */

  g_clear_object (&self->history_cancellable);
  g_clear_pointer (&self->error, g_free);
  if (history != NULL)
    {
      show_history (self, history);
      self->has_chart = TRUE;
      self->stale = FALSE;
      g_clear_pointer (&self->updated, g_date_time_unref);
      self->updated = g_date_time_new_now_local ();
    }
  else if (self->refreshing && self->has_chart)
    {
      g_autofree char *time = g_date_time_format (self->updated, "%H:%M");

      self->stale = TRUE;
      /* Translators: under the chart when a refresh failed; %s is when it was loaded,
       * e.g. "10:42" */
      self->error = g_strdup_printf (_("Not updated since %s"), time);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->error_label), error->message);
    }
  else
    /* Translators: %s says why, e.g. a network error */
    self->error = g_strdup_printf (_("The portfolio history could not be loaded: %s"),
                                   error->message);
  self->loading = FALSE;
  self->refreshing = FALSE;
  changed (self);
}

/* quietly: a refresh of the chart shown, if one is (no spinner, the chart stays) */
static void
load_history (PaddockPortfolioPanel *self,
              gboolean               quietly)
{
  quietly = quietly && self->has_chart;
  if (quietly && self->history_cancellable != NULL)
    return;  /* one on its way already brings the latest */
  g_cancellable_cancel (self->history_cancellable);
  g_clear_object (&self->history_cancellable);
  self->refreshing = FALSE;
  if (self->client == NULL)
    {
      self->loading = FALSE;
      changed (self);
      return;
    }
  self->history_cancellable = g_cancellable_new ();
  if (quietly)
    self->refreshing = TRUE;
  else
    {
      self->loading = TRUE;
      self->stale = FALSE;
      g_clear_pointer (&self->error, g_free);
    }
  paddock_portfolio_history_fetch_async (self->client, periods[self->period].period,
                                         periods[self->period].timeframe, NULL, FALSE,
                                         self->history_cancellable, history_cb,
                                         g_object_ref (self));
  changed (self);
}

static void
period_toggled_cb (GtkToggleButton       *button,
                   PaddockPortfolioPanel *self)
{
  if (!gtk_toggle_button_get_active (button))
    return;
  for (guint i = 0; i < G_N_ELEMENTS (periods); i++)
    if (self->buttons[i] == GTK_WIDGET (button) && self->period != i)
      {
        self->period = i;
        self->has_chart = FALSE;
        load_history (self, FALSE);
      }
}

static void
retry_clicked_cb (PaddockPortfolioPanel *self)
{
  load_history (self, TRUE);
}

/* ---- the market clock ------------------------------------------------------------------- */

typedef struct
{
  PaddockPortfolioPanel *self;    /* a reference */
  PaddockMarketClock *clock;
} ClockData;

static void
clock_data_free (ClockData *data)
{
  g_object_unref (data->self);
  g_clear_pointer (&data->clock, paddock_market_clock_free);
  g_free (data);
}

static gboolean
clock_due_cb (gpointer user_data)
{
  PaddockPortfolioPanel *self = user_data;

  self->clock_source = 0;
  load_clock (self);
  return G_SOURCE_REMOVE;
}

static void
show_clock (PaddockPortfolioPanel *self,
            PaddockMarketClock    *clock,
            GPtrArray             *calendar)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  GDateTime *next = clock->is_open ? clock->next_close : clock->next_open;
  gint64 wait_s;

  g_free (self->clock_text);
  self->clock_text = paddock_market_clock_describe (clock, calendar, NULL);

  /* read again once it opens or closes (a second late, so the server agrees) */
  wait_s = g_date_time_difference (next, now) / G_USEC_PER_SEC + 1;
  wait_s = CLAMP (wait_s, 1, CLOCK_MAX_WAIT_S);
  g_clear_handle_id (&self->clock_source, g_source_remove);
  self->clock_source = g_timeout_add_seconds ((guint) wait_s, clock_due_cb, self);
  changed (self);
}

static void
calendar_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  ClockData *data = user_data;
  g_autoptr (GPtrArray) calendar = NULL;
  g_autoptr (GError) error = NULL;

  calendar = paddock_market_calendar_get_finish (PADDOCK_CLIENT (object), result, &error);
  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      if (error != NULL)
        g_debug ("no calendar: %s", error->message);
      /* without the calendar, the clock's own times */
      show_clock (data->self, data->clock, calendar);
    }
  clock_data_free (data);
}

static char *
new_york_date (GDateTime *time)
{
  g_autoptr (GTimeZone) tz = g_time_zone_new_identifier ("America/New_York");
  g_autoptr (GDateTime) local = NULL;

  if (tz == NULL)
    tz = g_time_zone_new_offset (-5 * 3600);
  local = g_date_time_to_timezone (time, tz);
  return g_date_time_format (local, "%Y-%m-%d");
}

static void
clock_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr (PaddockPortfolioPanel) self = user_data;
  g_autoptr (PaddockMarketClock) clock = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GDateTime) now = NULL;
  g_autofree char *start = NULL;
  g_autofree char *end = NULL;
  ClockData *data;

  clock = paddock_market_clock_get_finish (PADDOCK_CLIENT (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (clock == NULL)
    {
      g_debug ("no market clock: %s", error->message);
      g_free (self->clock_text);
      self->clock_text = g_strdup (_("The market’s hours are not known"));
      g_clear_handle_id (&self->clock_source, g_source_remove);
      changed (self);
      return;
    }

  /* the days from today up to the later of the next open and the next close */
  now = clock->timestamp != NULL ? g_date_time_ref (clock->timestamp)
                                 : g_date_time_new_now_utc ();
  start = new_york_date (now);
  end = new_york_date (g_date_time_compare (clock->next_open, clock->next_close) > 0
                         ? clock->next_open : clock->next_close);
  data = g_new0 (ClockData, 1);
  data->self = g_object_ref (self);
  data->clock = g_steal_pointer (&clock);
  paddock_market_calendar_get_async (PADDOCK_CLIENT (object), start, end,
                                     self->clock_cancellable, calendar_cb, data);
}

static void
load_clock (PaddockPortfolioPanel *self)
{
  g_cancellable_cancel (self->clock_cancellable);
  g_clear_object (&self->clock_cancellable);
  g_clear_handle_id (&self->clock_source, g_source_remove);
  if (self->client == NULL)
    return;
  self->clock_cancellable = g_cancellable_new ();
  paddock_market_clock_get_async (self->client, self->clock_cancellable, clock_cb,
                                  g_object_ref (self));
}

/* ---- the widget ------------------------------------------------------------------------- */

static void
paddock_portfolio_panel_dispose (GObject *object)
{
  PaddockPortfolioPanel *self = PADDOCK_PORTFOLIO_PANEL (object);

  g_cancellable_cancel (self->history_cancellable);
  g_clear_object (&self->history_cancellable);
  g_cancellable_cancel (self->clock_cancellable);
  g_clear_object (&self->clock_cancellable);
  g_clear_handle_id (&self->clock_source, g_source_remove);
  g_clear_object (&self->client);
  g_clear_pointer (&self->box, gtk_widget_unparent);

  G_OBJECT_CLASS (paddock_portfolio_panel_parent_class)->dispose (object);
}

static void
paddock_portfolio_panel_finalize (GObject *object)
{
  PaddockPortfolioPanel *self = PADDOCK_PORTFOLIO_PANEL (object);

  g_free (self->error);
  g_free (self->clock_text);
  g_clear_pointer (&self->updated, g_date_time_unref);

  G_OBJECT_CLASS (paddock_portfolio_panel_parent_class)->finalize (object);
}

static void
paddock_portfolio_panel_class_init (PaddockPortfolioPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = paddock_portfolio_panel_dispose;
  object_class->finalize = paddock_portfolio_panel_finalize;

  /**
   * PaddockPortfolioPanel::changed:
   *
   * The period, the loading, the error or the clock's words changed.
   */
  signals[SIGNAL_CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                          G_TYPE_NONE, 0);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "portfolio-panel");
}

static void
paddock_portfolio_panel_init (PaddockPortfolioPanel *self)
{
  GtkWidget *header, *title, *linked, *scroller, *overlay, *retry;

  self->period = 2;  /* DEFAULT_PERIOD */

  gtk_widget_add_css_class (GTK_WIDGET (self), "card");
  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_set_margin_top (self->box, 12);
  gtk_widget_set_margin_bottom (self->box, 12);
  gtk_widget_set_margin_start (self->box, 12);
  gtk_widget_set_margin_end (self->box, 12);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_box_append (GTK_BOX (self->box), header);
  title = gtk_label_new (_("Portfolio"));
  gtk_widget_add_css_class (title, "heading");
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_widget_set_hexpand (title, TRUE);
  gtk_widget_set_valign (title, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (header), title);

  self->clock_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_set_name (GTK_WIDGET (self->clock_label), "market-clock");
  gtk_widget_add_css_class (GTK_WIDGET (self->clock_label), "dim-label");
  gtk_label_set_wrap (self->clock_label, TRUE);
  gtk_label_set_xalign (self->clock_label, 1);
  gtk_widget_set_valign (GTK_WIDGET (self->clock_label), GTK_ALIGN_CENTER);
  gtk_widget_set_visible (GTK_WIDGET (self->clock_label), FALSE);
  gtk_box_append (GTK_BOX (header), GTK_WIDGET (self->clock_label));

  linked = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_widget_add_css_class (linked, "linked");
  gtk_widget_set_halign (linked, GTK_ALIGN_START);
  gtk_widget_set_name (linked, "chart-periods");
  gtk_accessible_update_property (GTK_ACCESSIBLE (linked), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Period"), -1);
  /* scrolled, so that a narrow window (360 px) is not made wider by six buttons */
  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_AUTOMATIC,
                                  GTK_POLICY_NEVER);
  gtk_scrolled_window_set_propagate_natural_width (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), linked);
  gtk_widget_set_halign (scroller, GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (self->box), scroller);
  for (guint i = 0; i < G_N_ELEMENTS (periods); i++)
    {
      g_autofree char *name = g_strdup_printf ("chart-period-%s", periods[i].id);
      GtkWidget *button = gtk_toggle_button_new_with_label (_(periods[i].label));

      gtk_widget_set_name (button, name);
      gtk_widget_set_tooltip_text (button, _(periods[i].tooltip));
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _(periods[i].tooltip), -1);
      if (i > 0)
        gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (button),
                                     GTK_TOGGLE_BUTTON (self->buttons[0]));
      gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (button), i == self->period);
      g_signal_connect (button, "toggled", G_CALLBACK (period_toggled_cb), self);
      gtk_box_append (GTK_BOX (linked), button);
      self->buttons[i] = button;
    }

  overlay = gtk_overlay_new ();
  gtk_box_append (GTK_BOX (self->box), overlay);
  self->chart = PADDOCK_CHART (paddock_chart_new ());
  gtk_widget_set_name (GTK_WIDGET (self->chart), "portfolio-chart");
  gtk_widget_set_size_request (GTK_WIDGET (self->chart), -1, 260);
  gtk_widget_set_hexpand (GTK_WIDGET (self->chart), TRUE);
  paddock_chart_set_title (self->chart, _("Equity"));
  gtk_overlay_set_child (GTK_OVERLAY (overlay), GTK_WIDGET (self->chart));
  self->spinner = GTK_SPINNER (gtk_spinner_new ());
  gtk_widget_set_name (GTK_WIDGET (self->spinner), "chart-spinner");
  gtk_widget_set_size_request (GTK_WIDGET (self->spinner), 32, 32);
  gtk_widget_set_halign (GTK_WIDGET (self->spinner), GTK_ALIGN_CENTER);
  gtk_widget_set_valign (GTK_WIDGET (self->spinner), GTK_ALIGN_CENTER);
  gtk_widget_set_can_target (GTK_WIDGET (self->spinner), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), FALSE);
  gtk_overlay_add_overlay (GTK_OVERLAY (overlay), GTK_WIDGET (self->spinner));

  self->error_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_set_name (self->error_box, "chart-error");
  gtk_widget_set_visible (self->error_box, FALSE);
  gtk_box_append (GTK_BOX (self->box), self->error_box);
  self->error_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_set_name (GTK_WIDGET (self->error_label), "chart-error-label");
  gtk_label_set_wrap (self->error_label, TRUE);
  gtk_label_set_xalign (self->error_label, 0);
  gtk_widget_set_hexpand (GTK_WIDGET (self->error_label), TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->error_label), "error");
  gtk_box_append (GTK_BOX (self->error_box), GTK_WIDGET (self->error_label));
  retry = gtk_button_new_with_mnemonic (_("_Try Again"));
  self->retry_button = retry;
  gtk_widget_set_name (retry, "chart-retry");
  gtk_widget_set_valign (retry, GTK_ALIGN_CENTER);
  g_signal_connect_swapped (retry, "clicked", G_CALLBACK (retry_clicked_cb), self);
  gtk_box_append (GTK_BOX (self->error_box), retry);
}

GtkWidget *
paddock_portfolio_panel_new (void)
{
  return g_object_new (PADDOCK_TYPE_PORTFOLIO_PANEL, NULL);
}

/**
 * paddock_portfolio_panel_set_client:
 * @client: (nullable): the session's client, or %NULL to stop
 *
 * Shows that account's history and the market clock (an empty chart first).
 */
void
paddock_portfolio_panel_set_client (PaddockPortfolioPanel *self,
                                    PaddockClient         *client)
{
  g_return_if_fail (PADDOCK_IS_PORTFOLIO_PANEL (self));

  if (!g_set_object (&self->client, client))
    return;
  paddock_chart_set_points (self->chart, NULL, 0);
  paddock_chart_set_base (self->chart, NAN);
  self->has_chart = FALSE;
  self->stale = FALSE;
  g_clear_pointer (&self->error, g_free);
  g_clear_pointer (&self->clock_text, g_free);
  paddock_portfolio_panel_refresh (self);
}

void
paddock_portfolio_panel_set_currency (PaddockPortfolioPanel *self,
                                      const char            *currency)
{
  g_return_if_fail (PADDOCK_IS_PORTFOLIO_PANEL (self));
  paddock_chart_set_currency (self->chart, currency);
}

/* Fetches the history of the period shown and the clock again: quietly, in place, when a
 * chart is shown (see the top of this file) */
void
paddock_portfolio_panel_refresh (PaddockPortfolioPanel *self)
{
  g_return_if_fail (PADDOCK_IS_PORTFOLIO_PANEL (self));

  load_history (self, TRUE);
  load_clock (self);
}

/* "1D", "1W", "1M", "3M", "1A" or "All" */
const char *
paddock_portfolio_panel_get_period (PaddockPortfolioPanel *self)
{
  g_return_val_if_fail (PADDOCK_IS_PORTFOLIO_PANEL (self), NULL);
  return periods[self->period].id;
}

/* As if its button was pressed */
void
paddock_portfolio_panel_set_period (PaddockPortfolioPanel *self,
                                    const char            *period)
{
  g_return_if_fail (PADDOCK_IS_PORTFOLIO_PANEL (self));

  for (guint i = 0; i < G_N_ELEMENTS (periods); i++)
    if (g_strcmp0 (periods[i].id, period) == 0)
      gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->buttons[i]), TRUE);
}

PaddockChart *
paddock_portfolio_panel_get_chart (PaddockPortfolioPanel *self)
{
  g_return_val_if_fail (PADDOCK_IS_PORTFOLIO_PANEL (self), NULL);
  return self->chart;
}

gboolean
paddock_portfolio_panel_get_loading (PaddockPortfolioPanel *self)
{
  g_return_val_if_fail (PADDOCK_IS_PORTFOLIO_PANEL (self), FALSE);
  return self->loading;
}

/* Whether a quiet refresh of the chart shown is on its way (no spinner for it) */
gboolean
paddock_portfolio_panel_get_refreshing (PaddockPortfolioPanel *self)
{
  g_return_val_if_fail (PADDOCK_IS_PORTFOLIO_PANEL (self), FALSE);
  return self->refreshing;
}

/* Whether the chart shown is older than the last refresh, which failed */
gboolean
paddock_portfolio_panel_get_stale (PaddockPortfolioPanel *self)
{
  g_return_val_if_fail (PADDOCK_IS_PORTFOLIO_PANEL (self), FALSE);
  return self->stale;
}

/* What the panel says about the last request's failure, or %NULL */
const char *
paddock_portfolio_panel_get_error (PaddockPortfolioPanel *self)
{
  g_return_val_if_fail (PADDOCK_IS_PORTFOLIO_PANEL (self), NULL);
  return self->error;
}

/* The market clock in words, or %NULL before it is known */
const char *
paddock_portfolio_panel_get_clock_text (PaddockPortfolioPanel *self)
{
  g_return_val_if_fail (PADDOCK_IS_PORTFOLIO_PANEL (self), NULL);
  return self->clock_text;
}
