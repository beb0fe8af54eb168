/* paddock-symbol-window.c: one symbol in a window of its own: quote, candles, news, trading
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the window shows, top to bottom:
 * - the asset (alpaca-api.md §2.7): name, exchange, tradable / fractionable / shortable;
 * - the latest quote (bid / ask) and trade, asked for every few seconds while the window
 *   is on screen (one quotes request and one trades request per refresh, never two at
 *   once);
 * - the candlestick chart with its volume strip for 1D / 1W / 1M / 1A / 5A (a timeframe
 *   per range; PaddockMarketData follows next_page_token); a spinner while the bars come,
 *   "No bars" when there are none, the error's sentence when they cannot be had (the SIP
 *   refusal says to choose IEX);
 * - the account's position in the symbol and its open orders in it, from the session's
 *   stores, kept up to date as they change;
 * - the latest news for the symbol: headline, source and time, and the summary as plain
 *   text (HTML is turned into text with paddock_html_to_text(), never rendered); an article
 *   with an http(s) URL opens it in the browser, one without is not activatable;
 * - Buy and Sell in the header bar open the order ticket pre-filled with the symbol;
 * - Add to Watchlist in the header bar: a menu of the account's watchlists (read when it
 *   opens, each one for its symbols) with a check on those holding the symbol; choosing
 *   one adds the symbol to it or removes it, New Watchlist… creates one holding it. Each
 *   change is shown from the broker's answer, and so are the Markets pages of the account
 *   (paddock_markets_page_watchlist_changed()); a refusal is said in a banner under the
 *   header, the missing account:write permission with Sign In Again (::sign-in-requested).
 *
 * The quote and the bars follow the `data-feed` setting while the window is open: a change
 * asks for them again at once with the new feed (what was in flight is dropped), and the
 * SIP refusal is explained with a button to Preferences until the feed changes.
 */
#define G_LOG_DOMAIN "paddock-symbol-window"

#include "config.h"

#include <glib/gi18n.h>

#include "paddock-asset.h"
#include "paddock-candle-chart.h"
#include "paddock-error.h"
#include "paddock-format.h"
#include "paddock-market-data.h"
#include "paddock-order-ticket.h"
#include "paddock-markets-page.h"
#include "paddock-settings.h"
#include "paddock-symbol-window.h"
#include "paddock-watchlist.h"
#include "paddock-window.h"

#define QUOTE_REFRESH_SECONDS 5  /* without settings; else quote-refresh-interval */
#define NEWS_LIMIT 10
#define BARS_LIMIT 10000

struct _PaddockSymbolWindow
{
  AdwWindow parent_instance;

  PaddockSession *session;
  char *symbol;
  PaddockMarketData *data;
  GSettings *settings;             /* nullable: the data-feed setting, followed */
  GCancellable *cancellable;       /* everything but the bars */
  GCancellable *quote_cancellable; /* the quote and trade asked for with the current feed */
  GCancellable *bars_cancellable;  /* the bars of the range shown */

  PaddockAsset *asset;
  char *bid;
  char *ask;
  char *last_price;
  gboolean quote_busy;
  gboolean trade_busy;
  guint refresh_id;

  PaddockSymbolRange range;
  GDateTime *bars_start;
  gboolean bars_loading;
  guint bars_requests;
  gsize n_bars;
  char *data_error;
  GPtrArray *news;                 /* PaddockNewsArticle */

  AdwWindowTitle *title;
  GtkLabel *name_label;
  GtkLabel *exchange_label;
  GtkLabel *flags_label;
  GtkLabel *bid_label;
  GtkLabel *ask_label;
  GtkLabel *last_label;
  GtkLabel *error_label;
  GtkWidget *preferences_button;
  GtkWidget *range_buttons[5];
  GtkStack *chart_stack;
  PaddockCandleChart *chart;
  GtkLabel *chart_message;
  GtkLabel *position_label;
  GtkListBox *orders_box;
  GtkLabel *orders_empty;
  GtkListBox *news_box;
  GtkLabel *news_message;

  /* watchlists */
  AdwToastOverlay *toasts;
  GtkMenuButton *watch_button;
  GtkStack *watch_stack;
  GtkListBox *watch_list;
  GtkLabel *watch_empty;
  GtkLabel *watch_error_label;
  GtkWidget *watch_new;
  GtkRevealer *watch_banner;
  GtkLabel *watch_message;
  GtkWidget *watch_sign_in;
  GPtrArray *watchlists;           /* PaddockWatchlist, with their assets; NULL until read */
  char *watch_error;               /* why they could not be read */
  guint watch_generation;          /* the menu's latest reading */
  guint watch_pending;             /* replies it waits for */
  guint watch_changing;            /* changes on their way */
};

enum {
  SIGNAL_SIGN_IN_REQUESTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (PaddockSymbolWindow, paddock_symbol_window, ADW_TYPE_WINDOW)

static const struct
{
  const char *label;
  const char *timeframe;
  int days;
} ranges[] = {
  [PADDOCK_SYMBOL_RANGE_DAY] = { N_("1D"), "5Min", 1 },
  [PADDOCK_SYMBOL_RANGE_WEEK] = { N_("1W"), "30Min", 7 },
  [PADDOCK_SYMBOL_RANGE_MONTH] = { N_("1M"), "1Hour", 30 },
  [PADDOCK_SYMBOL_RANGE_YEAR] = { N_("1A"), "1Day", 365 },
  [PADDOCK_SYMBOL_RANGE_FIVE_YEARS] = { N_("5A"), "1Week", 5 * 365 },
};

static void load_bars (PaddockSymbolWindow *self);

/* ---- small helpers ------------------------------------------------------------------ */

static char *
money_or_dash (const char *decimal)
{
  char *text = decimal != NULL ? paddock_format_money (decimal, "USD") : NULL;

  return text != NULL ? text : g_strdup ("—");
}

static void
set_data_error (PaddockSymbolWindow *self,
                const GError        *error)
{
  g_clear_pointer (&self->data_error, g_free);
  if (error != NULL)
    self->data_error = g_strdup (error->message);
  gtk_label_set_text (self->error_label, self->data_error != NULL ? self->data_error : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), self->data_error != NULL);
  gtk_widget_set_visible (self->preferences_button,
                          g_error_matches (error, PADDOCK_ERROR,
                                           PADDOCK_ERROR_SIP_NOT_PERMITTED));
}

static GtkWidget *
new_label (const char *name,
           const char *css_class)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_selectable (GTK_LABEL (label), FALSE);
  if (name != NULL)
    gtk_widget_set_name (label, name);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

static GtkWidget *
new_heading (const char *text)
{
  GtkWidget *label = new_label (NULL, "heading");

  gtk_label_set_text (GTK_LABEL (label), text);
  gtk_widget_set_margin_top (label, 12);
  return label;
}

static GtkWidget *
new_card_list (const char *name)
{
  GtkWidget *list = gtk_list_box_new ();

  gtk_widget_set_name (list, name);
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  return list;
}

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

/* ---- the asset ---------------------------------------------------------------------- */

static void
show_asset (PaddockSymbolWindow *self)
{
  PaddockAsset *asset = self->asset;
  g_autoptr (GString) flags = g_string_new (NULL);

  adw_window_title_set_subtitle (self->title, paddock_asset_get_name (asset) != NULL
                                              ? paddock_asset_get_name (asset) : "");
  gtk_label_set_text (self->name_label, paddock_asset_get_name (asset) != NULL
                                        ? paddock_asset_get_name (asset) : self->symbol);
  gtk_label_set_text (self->exchange_label, paddock_asset_get_exchange (asset) != NULL
                                            ? paddock_asset_get_exchange (asset) : "");
  g_string_append (flags, paddock_asset_get_tradable (asset) ? _("Tradable") : _("Not tradable"));
  g_string_append (flags, " · ");
  g_string_append (flags, paddock_asset_get_fractionable (asset) ? _("Fractionable")
                                                                 : _("Not fractionable"));
  g_string_append (flags, " · ");
  g_string_append (flags, paddock_asset_get_shortable (asset) ? _("Shortable") : _("Not shortable"));
  gtk_label_set_text (self->flags_label, flags->str);
}

static void
asset_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr (PaddockSymbolWindow) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (PaddockAsset) asset = paddock_asset_lookup_finish (PADDOCK_CLIENT (source), result,
                                                                &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (asset == NULL)
    {
      gtk_label_set_text (self->name_label, error->message);
      return;
    }
  g_set_object (&self->asset, asset);
  show_asset (self);
}

/* ---- quote and trade ---------------------------------------------------------------- */

static void
show_quote (PaddockSymbolWindow *self)
{
  g_autofree char *bid = money_or_dash (self->bid);
  g_autofree char *ask = money_or_dash (self->ask);
  g_autofree char *last = money_or_dash (self->last_price);

  gtk_label_set_text (self->bid_label, bid);
  gtk_label_set_text (self->ask_label, ask);
  gtk_label_set_text (self->last_label, last);
}

static void
quotes_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr (PaddockSymbolWindow) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) quotes = paddock_market_data_latest_quotes_finish (PADDOCK_MARKET_DATA (source),
                                                                           result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->quote_busy = FALSE;
  if (quotes == NULL)
    {
      if (g_error_matches (error, PADDOCK_ERROR, PADDOCK_ERROR_SIP_NOT_PERMITTED))
        set_data_error (self, error);
      g_debug ("no quote for %s: %s", self->symbol, error->message);
      return;
    }
  for (guint i = 0; i < quotes->len; i++)
    {
      PaddockQuote *quote = g_ptr_array_index (quotes, i);

      if (g_strcmp0 (quote->symbol, self->symbol) != 0)
        continue;
      g_free (self->bid);
      self->bid = g_strdup (quote->bid_price);
      g_free (self->ask);
      self->ask = g_strdup (quote->ask_price);
    }
  show_quote (self);
}

static void
trades_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr (PaddockSymbolWindow) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) trades = paddock_market_data_latest_trades_finish (PADDOCK_MARKET_DATA (source),
                                                                           result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->trade_busy = FALSE;
  if (trades == NULL)
    {
      if (g_error_matches (error, PADDOCK_ERROR, PADDOCK_ERROR_SIP_NOT_PERMITTED))
        set_data_error (self, error);
      g_debug ("no trade for %s: %s", self->symbol, error->message);
      return;
    }
  for (guint i = 0; i < trades->len; i++)
    {
      PaddockTrade *trade = g_ptr_array_index (trades, i);

      if (g_strcmp0 (trade->symbol, self->symbol) != 0)
        continue;
      g_free (self->last_price);
      self->last_price = g_strdup (trade->price);
    }
  show_quote (self);
}

static gboolean
refresh_quote_cb (gpointer user_data)
{
  PaddockSymbolWindow *self = user_data;
  const char *symbols[] = { self->symbol, NULL };

  if (!self->quote_busy)
    {
      self->quote_busy = TRUE;
      paddock_market_data_latest_quotes_async (self->data, symbols, self->quote_cancellable,
                                               quotes_cb, g_object_ref (self));
    }
  if (!self->trade_busy)
    {
      self->trade_busy = TRUE;
      paddock_market_data_latest_trades_async (self->data, symbols, self->quote_cancellable,
                                               trades_cb, g_object_ref (self));
    }
  return G_SOURCE_CONTINUE;
}

static void
map_cb (PaddockSymbolWindow *self)
{
  refresh_quote_cb (self);
  if (self->refresh_id == 0)
    self->refresh_id = g_timeout_add_seconds (self->settings != NULL
                                              ? g_settings_get_uint (self->settings,
                                                                     "quote-refresh-interval")
                                              : QUOTE_REFRESH_SECONDS,
                                              refresh_quote_cb, self);
}

static void
unmap_cb (PaddockSymbolWindow *self)
{
  g_clear_handle_id (&self->refresh_id, g_source_remove);
}

/* Preferences changed the feed: what is shown is asked for again with it, now */
static void
data_feed_changed_cb (PaddockSymbolWindow *self)
{
  PaddockDataFeed feed = paddock_settings_get_data_feed (self->settings);

  if (feed == paddock_market_data_get_feed (self->data))
    return;
  paddock_market_data_set_feed (self->data, feed);
  set_data_error (self, NULL);

  /* the quote and trade in flight asked for the other feed: dropped, not waited for */
  g_cancellable_cancel (self->quote_cancellable);
  g_clear_object (&self->quote_cancellable);
  self->quote_cancellable = g_cancellable_new ();
  self->quote_busy = FALSE;
  self->trade_busy = FALSE;
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    refresh_quote_cb (self);
  load_bars (self);
}

/* ---- bars --------------------------------------------------------------------------- */

static void
bars_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr (PaddockSymbolWindow) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) bars = paddock_market_data_bars_finish (PADDOCK_MARKET_DATA (source),
                                                                result, &error);
  g_autofree PaddockCandleBar *candles = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->bars_loading = FALSE;
  if (bars == NULL)
    {
      self->n_bars = 0;
      paddock_candle_chart_set_bars (self->chart, NULL, 0);
      gtk_label_set_text (self->chart_message, error->message);
      gtk_stack_set_visible_child_name (self->chart_stack, "message");
      if (g_error_matches (error, PADDOCK_ERROR, PADDOCK_ERROR_SIP_NOT_PERMITTED))
        set_data_error (self, error);
      return;
    }

  candles = g_new0 (PaddockCandleBar, MAX (bars->len, 1));
  for (guint i = 0; i < bars->len; i++)
    {
      PaddockBar *bar = g_ptr_array_index (bars, i);

      candles[i].time_unix_ms = bar->time != NULL ? g_date_time_to_unix (bar->time) * 1000 : 0;
      candles[i].open = bar->open != NULL ? g_ascii_strtod (bar->open, NULL) : 0;
      candles[i].high = bar->high != NULL ? g_ascii_strtod (bar->high, NULL) : 0;
      candles[i].low = bar->low != NULL ? g_ascii_strtod (bar->low, NULL) : 0;
      candles[i].close = bar->close != NULL ? g_ascii_strtod (bar->close, NULL) : 0;
      candles[i].volume = bar->volume != NULL ? g_ascii_strtoull (bar->volume, NULL, 10) : 0;
    }
  self->n_bars = bars->len;
  paddock_candle_chart_set_bars (self->chart, candles, bars->len);
  if (bars->len == 0)
    {
      gtk_label_set_text (self->chart_message, _("No bars for this range"));
      gtk_stack_set_visible_child_name (self->chart_stack, "message");
    }
  else
    gtk_stack_set_visible_child_name (self->chart_stack, "chart");
}

static void
load_bars (PaddockSymbolWindow *self)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();

  g_cancellable_cancel (self->bars_cancellable);
  g_clear_object (&self->bars_cancellable);
  self->bars_cancellable = g_cancellable_new ();

  g_clear_pointer (&self->bars_start, g_date_time_unref);
  self->bars_start = g_date_time_add_days (now, -ranges[self->range].days);
  self->bars_loading = TRUE;
  self->bars_requests++;
  gtk_stack_set_visible_child_name (self->chart_stack, "loading");
  paddock_market_data_bars_async (self->data, self->symbol, ranges[self->range].timeframe,
                                  self->bars_start, NULL, BARS_LIMIT, self->bars_cancellable,
                                  bars_cb, g_object_ref (self));
}

static void
range_toggled_cb (GtkToggleButton     *button,
                  PaddockSymbolWindow *self)
{
  if (!gtk_toggle_button_get_active (button))
    return;
  for (guint i = 0; i < G_N_ELEMENTS (self->range_buttons); i++)
    if (self->range_buttons[i] == GTK_WIDGET (button) && self->range != i)
      {
        self->range = i;
        load_bars (self);
      }
}

/* ---- news --------------------------------------------------------------------------- */

static gboolean
url_is_web (const char *url)
{
  return url != NULL && (g_ascii_strncasecmp (url, "https://", 8) == 0 ||
                         g_ascii_strncasecmp (url, "http://", 7) == 0);
}

static GtkWidget *
news_row (PaddockNewsArticle *article)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *headline = new_label ("news-headline", "heading");
  GtkWidget *meta = new_label ("news-meta", "dim-label");
  GtkWidget *summary = new_label ("news-summary", NULL);
  g_autofree char *when = article->created_at != NULL
                          ? g_date_time_format (article->created_at, "%x %H:%M") : NULL;
  g_autofree char *html_text = article->summary != NULL && article->summary[0] != '\0'
                               ? paddock_html_to_text (article->summary)
                               : paddock_news_article_dup_plain_content (article);
  /* outside text: made printable, and set as text, never as markup */
  g_autofree char *text = html_text != NULL ? paddock_format_printable (html_text) : NULL;
  g_autofree char *title = paddock_format_printable (article->headline != NULL
                                                     ? article->headline : "");
  g_autofree char *source = article->source != NULL ? paddock_format_printable (article->source)
                                                    : NULL;
  g_autofree char *meta_text = g_strdup_printf ("%s%s%s", source != NULL ? source : "",
                                                source != NULL && when != NULL ? " · " : "",
                                                when != NULL ? when : "");

  gtk_widget_set_margin_top (box, 10);
  gtk_widget_set_margin_bottom (box, 10);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_label_set_text (GTK_LABEL (headline), title);
  gtk_label_set_text (GTK_LABEL (meta), meta_text);
  gtk_widget_add_css_class (meta, "caption");
  gtk_label_set_text (GTK_LABEL (summary), text != NULL ? text : "");
  gtk_label_set_lines (GTK_LABEL (summary), 4);
  gtk_label_set_ellipsize (GTK_LABEL (summary), PANGO_ELLIPSIZE_END);
  gtk_widget_set_visible (summary, text != NULL && text[0] != '\0');
  gtk_box_append (GTK_BOX (box), headline);
  gtk_box_append (GTK_BOX (box), meta);
  gtk_box_append (GTK_BOX (box), summary);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), url_is_web (article->url));
  if (url_is_web (article->url))
    gtk_widget_set_tooltip_text (row, article->url);
  g_object_set_data_full (G_OBJECT (row), "url",
                          url_is_web (article->url) ? g_strdup (article->url) : NULL, g_free);
  return row;
}

static void
news_activated_cb (GtkListBox          *box,
                   GtkListBoxRow       *row,
                   PaddockSymbolWindow *self)
{
  const char *url = g_object_get_data (G_OBJECT (row), "url");

  if (url == NULL)
    return;
#if GTK_CHECK_VERSION (4, 10, 0)
  {
    g_autoptr (GtkUriLauncher) launcher = gtk_uri_launcher_new (url);

    gtk_uri_launcher_launch (launcher, GTK_WINDOW (self), NULL, NULL, NULL);
  }
#else
  gtk_show_uri (GTK_WINDOW (self), url, GDK_CURRENT_TIME);
#endif
}

static void
news_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr (PaddockSymbolWindow) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) news = paddock_market_data_news_finish (PADDOCK_MARKET_DATA (source),
                                                                result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  clear_list (self->news_box);
  g_clear_pointer (&self->news, g_ptr_array_unref);
  if (news == NULL)
    {
      gtk_label_set_text (self->news_message, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->news_message), TRUE);
      gtk_widget_set_visible (GTK_WIDGET (self->news_box), FALSE);
      return;
    }
  self->news = g_ptr_array_ref (news);
  for (guint i = 0; i < news->len; i++)
    gtk_list_box_append (self->news_box, news_row (g_ptr_array_index (news, i)));
  gtk_label_set_text (self->news_message, _("No news"));
  gtk_widget_set_visible (GTK_WIDGET (self->news_message), news->len == 0);
  gtk_widget_set_visible (GTK_WIDGET (self->news_box), news->len > 0);
}

/* ---- position and open orders ------------------------------------------------------- */

static void
positions_changed_cb (PaddockSymbolWindow *self)
{
  g_autofree char *text = paddock_symbol_window_dup_position_text (self);

  gtk_label_set_text (self->position_label, text != NULL ? text : _("No position"));
}

static char *
order_text (PaddockOrder *order)
{
  const char *side = paddock_order_get_side (order) == PADDOCK_ORDER_SIDE_SELL ? _("Sell") : _("Buy");
  const char *amount = paddock_order_get_qty (order);
  g_autofree char *qty = amount != NULL ? paddock_format_quantity (amount) : NULL;
  g_autofree char *notional = qty == NULL ? money_or_dash (paddock_order_get_notional (order)) : NULL;
  const char *price = paddock_order_get_limit_price (order) != NULL
                      ? paddock_order_get_limit_price (order) : paddock_order_get_stop_price (order);
  g_autofree char *price_text = price != NULL ? paddock_format_money (price, "USD") : NULL;

  return g_strdup_printf ("%s %s · %s%s%s · %s", side, qty != NULL ? qty : notional,
                          paddock_order_get_order_type (order) != NULL
                          ? paddock_order_get_order_type (order) : "",
                          price_text != NULL ? " " : "", price_text != NULL ? price_text : "",
                          paddock_order_get_status_code (order) != NULL
                          ? paddock_order_get_status_code (order) : "");
}

static void
orders_changed_cb (PaddockSymbolWindow *self)
{
  g_auto (GStrv) orders = paddock_symbol_window_dup_open_orders (self);

  clear_list (self->orders_box);
  for (guint i = 0; orders[i] != NULL; i++)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), orders[i]);
      gtk_list_box_append (self->orders_box, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->orders_box), orders[0] != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->orders_empty), orders[0] == NULL);
}

/* ---- trading ------------------------------------------------------------------------ */

static void
buy_clicked_cb (PaddockSymbolWindow *self)
{
  paddock_symbol_window_trade (self, TRUE);
}

static void
sell_clicked_cb (PaddockSymbolWindow *self)
{
  paddock_symbol_window_trade (self, FALSE);
}

/* ---- watchlists --------------------------------------------------------------------- */

static void load_watchlists (PaddockSymbolWindow *self);

static gboolean
watchlist_holds (PaddockWatchlist *watchlist,
                 const char       *symbol)
{
  g_auto (GStrv) symbols = paddock_watchlist_dup_symbols (watchlist);

  return symbols != NULL && g_strv_contains ((const char * const *) symbols, symbol);
}

static void
set_watchlist_banner (PaddockSymbolWindow *self,
                      const char          *message,
                      gboolean             sign_in)
{
  gtk_label_set_text (self->watch_message, message != NULL ? message : "");
  gtk_widget_set_visible (self->watch_sign_in, sign_in);
  gtk_revealer_set_reveal_child (self->watch_banner, message != NULL);
}

/* A change the broker refused: the missing permission with Sign In Again, else its words */
static void
show_watchlist_error (PaddockSymbolWindow *self,
                      const GError        *error)
{
  g_autofree char *text = NULL;
  g_autofree char *message = NULL;

  if (g_error_matches (error, PADDOCK_ERROR, PADDOCK_ERROR_MISSING_SCOPE))
    {
      set_watchlist_banner (self, _("This sign-in did not grant permission to change account "
                                    "settings, so watchlists cannot be changed. Sign in again "
                                    "and allow it."), TRUE);
      return;
    }
  text = paddock_format_printable (error->message);
  message = g_strdup_printf (_("The watchlist was not changed: %s"), text);
  set_watchlist_banner (self, message, FALSE);
}

/* The Markets pages showing this account show the broker's answer too */
static void
tell_markets_pages (PaddockSymbolWindow *self,
                    PaddockWatchlist    *watchlist)
{
  g_autoptr (GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    {
      PaddockMarketsPage *page;

      if (!PADDOCK_IS_WINDOW (l->data))
        continue;
      page = paddock_window_get_markets_page (l->data);
      if (page != NULL && paddock_markets_page_get_session (page) == self->session)
        paddock_markets_page_watchlist_changed (page, watchlist);
    }
}

static GtkWidget *
watchlist_row (PaddockSymbolWindow *self,
               PaddockWatchlist    *watchlist)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *name = new_label ("symbol-watchlist-name", NULL);
  GtkWidget *check = gtk_image_new_from_icon_name ("object-select-symbolic");
  g_autofree char *text = paddock_format_printable (paddock_watchlist_get_name (watchlist));
  gboolean holds = watchlist_holds (watchlist, self->symbol);

  gtk_widget_set_name (row, "symbol-watchlist-row");
  gtk_label_set_text (GTK_LABEL (name), text);
  gtk_label_set_wrap (GTK_LABEL (name), FALSE);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (name), 32);
  gtk_widget_set_hexpand (name, TRUE);
  gtk_widget_set_name (check, "symbol-watchlist-check");
  gtk_widget_set_visible (check, holds);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), check);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_widget_set_tooltip_text (row, holds ? _("Remove from this watchlist")
                                          : _("Add to this watchlist"));
  g_object_set_data_full (G_OBJECT (row), "id", g_strdup (paddock_watchlist_get_id (watchlist)),
                          g_free);
  return row;
}

static void
fill_watchlists (PaddockSymbolWindow *self)
{
  clear_list (self->watch_list);
  for (guint i = 0; self->watchlists != NULL && i < self->watchlists->len; i++)
    gtk_list_box_append (self->watch_list, watchlist_row (self,
                                                          g_ptr_array_index (self->watchlists, i)));
  gtk_widget_set_visible (GTK_WIDGET (self->watch_list),
                          self->watchlists != NULL && self->watchlists->len > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->watch_empty),
                          self->watchlists != NULL && self->watchlists->len == 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->watch_list), self->watch_changing == 0);
  gtk_widget_set_sensitive (self->watch_new, self->watch_changing == 0);
  gtk_stack_set_visible_child_name (self->watch_stack,
                                    self->watch_pending > 0 && self->watchlists == NULL
                                    ? "loading" : self->watch_error != NULL ? "error" : "list");
}

typedef struct
{
  PaddockSymbolWindow *self;
  guint generation;
  guint index;
} WatchLoad;

static void
watch_load_free (WatchLoad *load)
{
  g_object_unref (load->self);
  g_free (load);
}

static void
watch_loaded (PaddockSymbolWindow *self)
{
  if (--self->watch_pending > 0)
    return;
  if (self->watch_error != NULL)
    {
      g_clear_pointer (&self->watchlists, g_ptr_array_unref);
      gtk_label_set_text (self->watch_error_label, self->watch_error);
    }
  fill_watchlists (self);
}

static void
watch_get_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  WatchLoad *load = user_data;
  PaddockSymbolWindow *self = load->self;
  g_autoptr (GError) error = NULL;
  g_autoptr (PaddockWatchlist) watchlist =
    paddock_watchlist_get_finish (PADDOCK_CLIENT (source), result, &error);

  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
      load->generation == self->watch_generation)
    {
      if (watchlist != NULL && self->watchlists != NULL && load->index < self->watchlists->len)
        {
          g_object_unref (g_ptr_array_index (self->watchlists, load->index));
          g_ptr_array_index (self->watchlists, load->index) = g_steal_pointer (&watchlist);
        }
      else if (error != NULL && self->watch_error == NULL)
        self->watch_error = paddock_format_printable (error->message);
      watch_loaded (self);
    }
  watch_load_free (load);
}

static void
watch_list_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  WatchLoad *load = user_data;
  PaddockSymbolWindow *self = load->self;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) watchlists =
    paddock_watchlists_list_finish (PADDOCK_CLIENT (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      load->generation != self->watch_generation)
    {
      watch_load_free (load);
      return;
    }
  if (watchlists == NULL)
    self->watch_error = paddock_format_printable (error->message);
  else
    {
      /* the list leaves the assets out: each one is read for its symbols */
      g_clear_pointer (&self->watchlists, g_ptr_array_unref);
      self->watchlists = g_steal_pointer (&watchlists);
      for (guint i = 0; i < self->watchlists->len; i++)
        {
          WatchLoad *get = g_new0 (WatchLoad, 1);
          PaddockWatchlist *listed = g_ptr_array_index (self->watchlists, i);

          get->self = g_object_ref (self);
          get->generation = self->watch_generation;
          get->index = i;
          self->watch_pending++;
          paddock_watchlist_get_async (paddock_session_get_client (self->session),
                                       paddock_watchlist_get_id (listed), self->cancellable,
                                       watch_get_cb, get);
        }
    }
  watch_loaded (self);
  watch_load_free (load);
}

/* Reads the account's watchlists and which of them hold the symbol (the menu opening) */
static void
load_watchlists (PaddockSymbolWindow *self)
{
  WatchLoad *load = g_new0 (WatchLoad, 1);

  self->watch_generation++;
  self->watch_pending = 1;
  g_clear_pointer (&self->watch_error, g_free);
  g_clear_pointer (&self->watchlists, g_ptr_array_unref);
  fill_watchlists (self);
  load->self = g_object_ref (self);
  load->generation = self->watch_generation;
  paddock_watchlists_list_async (paddock_session_get_client (self->session), self->cancellable,
                                 watch_list_cb, load);
}

static void
watch_popover_show_cb (PaddockSymbolWindow *self)
{
  if (self->watch_changing == 0)
    load_watchlists (self);
}

typedef enum {
  WATCH_ADD,
  WATCH_REMOVE,
  WATCH_CREATE,
} WatchChange;

typedef struct
{
  PaddockSymbolWindow *self;
  WatchChange kind;
} WatchChangeData;

static void
watch_change_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  WatchChangeData *change = user_data;
  g_autoptr (PaddockSymbolWindow) self = change->self;
  PaddockClient *client = PADDOCK_CLIENT (source);
  g_autoptr (GError) error = NULL;
  g_autoptr (PaddockWatchlist) watchlist = NULL;
  g_autofree char *name = NULL;
  g_autofree char *text = NULL;
  g_autofree char *escaped = NULL;
  WatchChange kind = change->kind;
  gboolean listed = FALSE;

  g_free (change);
  switch (kind)
    {
    case WATCH_ADD:
      watchlist = paddock_watchlist_add_symbol_finish (client, result, &error);
      break;
    case WATCH_REMOVE:
      watchlist = paddock_watchlist_remove_symbol_finish (client, result, &error);
      break;
    case WATCH_CREATE:
      watchlist = paddock_watchlist_create_finish (client, result, &error);
      break;
    default:
      g_assert_not_reached ();
    }
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->watch_changing--;
  if (watchlist == NULL)
    {
      show_watchlist_error (self, error);
      fill_watchlists (self);
      return;
    }
  set_watchlist_banner (self, NULL, FALSE);
  for (guint i = 0; self->watchlists != NULL && i < self->watchlists->len; i++)
    if (g_strcmp0 (paddock_watchlist_get_id (g_ptr_array_index (self->watchlists, i)),
                   paddock_watchlist_get_id (watchlist)) == 0)
      {
        g_object_unref (g_ptr_array_index (self->watchlists, i));
        g_ptr_array_index (self->watchlists, i) = g_object_ref (watchlist);
        listed = TRUE;
      }
  if (!listed && self->watchlists != NULL)
    g_ptr_array_add (self->watchlists, g_object_ref (watchlist));
  fill_watchlists (self);

  name = paddock_format_printable (paddock_watchlist_get_name (watchlist));
  if (watchlist_holds (watchlist, self->symbol))
    /* TRANSLATORS: a toast: "AAPL added to “Tech”" */
    text = g_strdup_printf (_("%s added to “%s”"), self->symbol, name);
  else
    /* TRANSLATORS: a toast: "AAPL removed from “Tech”" */
    text = g_strdup_printf (_("%s removed from “%s”"), self->symbol, name);
  /* a toast's title is markup, and a watchlist's name is anybody's words */
  escaped = g_markup_escape_text (text, -1);
  adw_toast_overlay_add_toast (self->toasts, adw_toast_new (escaped));
  tell_markets_pages (self, watchlist);
}

static void
change_watchlist (PaddockSymbolWindow *self,
                  WatchChange          kind,
                  const char          *id_or_name)
{
  WatchChangeData *change = g_new0 (WatchChangeData, 1);
  PaddockClient *client = paddock_session_get_client (self->session);
  const char *symbols[] = { self->symbol, NULL };

  change->self = g_object_ref (self);
  change->kind = kind;
  self->watch_changing++;
  fill_watchlists (self);
  switch (kind)
    {
    case WATCH_ADD:
      paddock_watchlist_add_symbol_async (client, id_or_name, self->symbol, self->cancellable,
                                          watch_change_cb, change);
      break;
    case WATCH_REMOVE:
      paddock_watchlist_remove_symbol_async (client, id_or_name, self->symbol, self->cancellable,
                                             watch_change_cb, change);
      break;
    case WATCH_CREATE:
      paddock_watchlist_create_async (client, id_or_name, symbols, self->cancellable,
                                      watch_change_cb, change);
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
watch_row_activated_cb (GtkListBox          *box,
                        GtkListBoxRow       *row,
                        PaddockSymbolWindow *self)
{
  const char *id = g_object_get_data (G_OBJECT (row), "id");

  if (self->watch_changing > 0 || self->watchlists == NULL || id == NULL)
    return;
  for (guint i = 0; i < self->watchlists->len; i++)
    {
      PaddockWatchlist *watchlist = g_ptr_array_index (self->watchlists, i);

      if (g_strcmp0 (paddock_watchlist_get_id (watchlist), id) == 0)
        {
          change_watchlist (self, watchlist_holds (watchlist, self->symbol) ? WATCH_REMOVE
                                                                            : WATCH_ADD, id);
          return;
        }
    }
}

static void
new_name_changed_cb (GtkEditable      *entry,
                     AdwMessageDialog *dialog)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  adw_message_dialog_set_response_enabled (dialog, "create",
                                           *name != '\0' &&
                                           g_utf8_strlen (name, -1) <= PADDOCK_WATCHLIST_NAME_MAX);
}

static void
new_name_activate_cb (GtkEntry         *entry,
                      AdwMessageDialog *dialog)
{
  if (adw_message_dialog_get_response_enabled (dialog, "create"))
    {
      adw_message_dialog_response (dialog, "create");
      gtk_window_close (GTK_WINDOW (dialog));
    }
}

static void
new_response_cb (AdwMessageDialog    *dialog,
                 const char          *response,
                 PaddockSymbolWindow *self)
{
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  if (g_strcmp0 (response, "create") == 0 && *name != '\0')
    change_watchlist (self, WATCH_CREATE, name);
}

static void
new_watchlist_clicked_cb (PaddockSymbolWindow *self)
{
  GtkWidget *entry = gtk_entry_new ();
  g_autofree char *body = g_strdup_printf (_("A new watchlist holding %s."), self->symbol);
  AdwMessageDialog *dialog =
    ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("New Watchlist"), body));

  gtk_menu_button_popdown (self->watch_button);
  gtk_widget_set_name (GTK_WIDGET (dialog), "symbol-new-watchlist-dialog");
  gtk_entry_set_max_length (GTK_ENTRY (entry), PADDOCK_WATCHLIST_NAME_MAX);
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Name"));
  adw_message_dialog_set_extra_child (dialog, entry);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "create", _("C_reate"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "create", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "create");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect (entry, "changed", G_CALLBACK (new_name_changed_cb), dialog);
  g_signal_connect (entry, "activate", G_CALLBACK (new_name_activate_cb), dialog);
  new_name_changed_cb (GTK_EDITABLE (entry), dialog);
  g_signal_connect_object (dialog, "response", G_CALLBACK (new_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

static void
watch_sign_in_clicked_cb (PaddockSymbolWindow *self)
{
  g_signal_emit (self, signals[SIGNAL_SIGN_IN_REQUESTED], 0);
}

static void
watch_dismiss_clicked_cb (PaddockSymbolWindow *self)
{
  set_watchlist_banner (self, NULL, FALSE);
}

/* the default: the window it belongs to signs in again (as the Markets page's banner does) */
static void
paddock_symbol_window_real_sign_in_requested (PaddockSymbolWindow *self)
{
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));

  if (PADDOCK_IS_WINDOW (parent))
    {
      g_signal_emit_by_name (parent, "sign-in-requested");
      gtk_window_present (parent);
    }
}

/* The header's menu button and its popover, and the banner under the header */
static GtkWidget *
build_watchlists (PaddockSymbolWindow *self)
{
  GtkWidget *content = adw_button_content_new ();
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *heading = new_label (NULL, "heading");
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *spinner = gtk_spinner_new ();
  GtkWidget *error_label = new_label ("symbol-watchlist-error", "dim-label");
  GtkWidget *list = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *empty = new_label ("symbol-watchlist-empty", "dim-label");
  GtkWidget *new_button = gtk_button_new_with_mnemonic (_("_New Watchlist…"));

  self->watch_button = GTK_MENU_BUTTON (gtk_menu_button_new ());
  gtk_widget_set_name (GTK_WIDGET (self->watch_button), "symbol-watchlists");
  adw_button_content_set_icon_name (ADW_BUTTON_CONTENT (content), "view-list-bullet-symbolic");
  adw_button_content_set_label (ADW_BUTTON_CONTENT (content), _("Add to _Watchlist"));
  adw_button_content_set_use_underline (ADW_BUTTON_CONTENT (content), TRUE);
  gtk_menu_button_set_child (self->watch_button, content);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->watch_button),
                               _("Add this symbol to a watchlist, or remove it"));
  /* GTK 4.8 would name a menu button with its own child after its type */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->watch_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Add to Watchlist"), -1);

  gtk_label_set_text (GTK_LABEL (heading), _("Watchlists"));
  gtk_widget_set_margin_start (heading, 6);
  gtk_box_append (GTK_BOX (box), heading);

  self->watch_stack = GTK_STACK (gtk_stack_new ());
  gtk_widget_set_name (GTK_WIDGET (self->watch_stack), "symbol-watchlist-stack");
  gtk_stack_set_vhomogeneous (self->watch_stack, FALSE);
  gtk_spinner_set_spinning (GTK_SPINNER (spinner), TRUE);
  gtk_widget_set_size_request (spinner, 24, 24);
  gtk_widget_set_margin_top (spinner, 12);
  gtk_widget_set_margin_bottom (spinner, 12);
  gtk_stack_add_named (self->watch_stack, spinner, "loading");
  self->watch_error_label = GTK_LABEL (error_label);
  gtk_widget_set_margin_start (error_label, 6);
  gtk_widget_set_margin_end (error_label, 6);
  gtk_stack_add_named (self->watch_stack, error_label, "error");

  self->watch_list = GTK_LIST_BOX (new_card_list ("symbol-watchlist-list"));
  g_signal_connect (self->watch_list, "row-activated", G_CALLBACK (watch_row_activated_cb), self);
  self->watch_empty = GTK_LABEL (empty);
  gtk_label_set_text (self->watch_empty, _("No watchlists yet"));
  gtk_widget_set_margin_start (empty, 6);
  gtk_box_append (GTK_BOX (list), GTK_WIDGET (self->watch_list));
  gtk_box_append (GTK_BOX (list), empty);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), list);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 360);
  gtk_stack_add_named (self->watch_stack, scrolled, "list");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->watch_stack));

  self->watch_new = new_button;
  gtk_widget_set_name (new_button, "symbol-watchlist-new");
  g_signal_connect_swapped (new_button, "clicked", G_CALLBACK (new_watchlist_clicked_cb), self);
  gtk_box_append (GTK_BOX (box), new_button);

  gtk_widget_set_size_request (box, 260, -1);
  gtk_popover_set_child (GTK_POPOVER (popover), box);
  gtk_widget_set_name (popover, "symbol-watchlist-popover");
  g_signal_connect_swapped (popover, "show", G_CALLBACK (watch_popover_show_cb), self);
  gtk_menu_button_set_popover (self->watch_button, popover);
  return GTK_WIDGET (self->watch_button);
}

static GtkWidget *
build_watchlist_banner (PaddockSymbolWindow *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *label = new_label ("symbol-watchlist-message", NULL);
  GtkWidget *sign_in = gtk_button_new_with_mnemonic (_("Sign In _Again"));
  GtkWidget *close = gtk_button_new_from_icon_name ("window-close-symbolic");

  self->watch_banner = GTK_REVEALER (gtk_revealer_new ());
  gtk_widget_set_name (GTK_WIDGET (self->watch_banner), "symbol-watchlist-banner");
  gtk_revealer_set_transition_type (self->watch_banner, GTK_REVEALER_TRANSITION_TYPE_SLIDE_DOWN);
  gtk_widget_add_css_class (box, "stale-banner");
  gtk_widget_set_hexpand (label, TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0.5);
  gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
  self->watch_message = GTK_LABEL (label);
  gtk_widget_set_name (sign_in, "symbol-sign-in-again");
  gtk_widget_set_valign (sign_in, GTK_ALIGN_CENTER);
  g_signal_connect_swapped (sign_in, "clicked", G_CALLBACK (watch_sign_in_clicked_cb), self);
  self->watch_sign_in = sign_in;
  gtk_widget_set_valign (close, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (close, "flat");
  gtk_widget_set_tooltip_text (close, _("Dismiss"));
  g_signal_connect_swapped (close, "clicked", G_CALLBACK (watch_dismiss_clicked_cb), self);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), sign_in);
  gtk_box_append (GTK_BOX (box), close);
  gtk_revealer_set_child (self->watch_banner, box);
  return GTK_WIDGET (self->watch_banner);
}

/* ---- the window --------------------------------------------------------------------- */

static GtkWidget *
quote_figure (const char  *caption,
              const char  *name,
              GtkLabel   **value)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *label = new_label (NULL, "caption");
  GtkWidget *figure = new_label (name, "title-3");

  gtk_label_set_text (GTK_LABEL (label), caption);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_label_set_text (GTK_LABEL (figure), "—");
  gtk_widget_add_css_class (figure, "numeric");
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), figure);
  gtk_widget_set_hexpand (box, TRUE);
  *value = GTK_LABEL (figure);
  return box;
}

static void
build (PaddockSymbolWindow *self)
{
  GtkWidget *toolbar = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *buy = gtk_button_new_with_mnemonic (_("_Buy"));
  GtkWidget *sell = gtk_button_new_with_mnemonic (_("_Sell"));
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *columns = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *news_scrolled = gtk_scrolled_window_new ();
  GtkWidget *news_column = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  GtkWidget *quotes = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *range_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *spinner = gtk_spinner_new ();
  GtkWidget *message;
  GtkWidget *chart;

  self->title = ADW_WINDOW_TITLE (adw_window_title_new (self->symbol, ""));
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), GTK_WIDGET (self->title));
  gtk_widget_set_name (buy, "symbol-buy");
  gtk_widget_set_name (sell, "symbol-sell");
  gtk_widget_add_css_class (buy, "suggested-action");
  g_signal_connect_swapped (buy, "clicked", G_CALLBACK (buy_clicked_cb), self);
  g_signal_connect_swapped (sell, "clicked", G_CALLBACK (sell_clicked_cb), self);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), buy);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), sell);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), build_watchlists (self));
  gtk_box_append (GTK_BOX (toolbar), header);
  gtk_box_append (GTK_BOX (toolbar), build_watchlist_banner (self));

  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 24);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);

  self->name_label = GTK_LABEL (new_label ("symbol-name", "title-2"));
  gtk_label_set_text (self->name_label, self->symbol);
  self->exchange_label = GTK_LABEL (new_label ("symbol-exchange", "dim-label"));
  self->flags_label = GTK_LABEL (new_label ("symbol-flags", "caption"));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->name_label));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->exchange_label));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->flags_label));

  gtk_box_append (GTK_BOX (quotes), quote_figure (_("Bid"), "symbol-bid", &self->bid_label));
  gtk_box_append (GTK_BOX (quotes), quote_figure (_("Ask"), "symbol-ask", &self->ask_label));
  gtk_box_append (GTK_BOX (quotes), quote_figure (_("Last Trade"), "symbol-last", &self->last_label));
  gtk_widget_set_margin_top (quotes, 6);
  gtk_box_append (GTK_BOX (box), quotes);

  self->error_label = GTK_LABEL (new_label ("symbol-data-error", "error"));
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->error_label));
  self->preferences_button = gtk_button_new_with_mnemonic (_("Open _Preferences"));
  gtk_widget_set_name (self->preferences_button, "symbol-feed-preferences");
  gtk_widget_set_halign (self->preferences_button, GTK_ALIGN_START);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->preferences_button), "app.preferences");
  gtk_widget_set_visible (self->preferences_button, FALSE);
  gtk_box_append (GTK_BOX (box), self->preferences_button);

  /* the range of the chart */
  gtk_widget_add_css_class (range_box, "linked");
  gtk_widget_set_halign (range_box, GTK_ALIGN_START);
  gtk_widget_set_margin_top (range_box, 12);
  for (guint i = 0; i < G_N_ELEMENTS (ranges); i++)
    {
      GtkWidget *button = gtk_toggle_button_new_with_label (_(ranges[i].label));
      g_autofree char *name = g_strdup_printf ("symbol-range-%u", i);

      gtk_widget_set_name (button, name);
      if (i > 0)
        gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (button),
                                     GTK_TOGGLE_BUTTON (self->range_buttons[0]));
      self->range_buttons[i] = button;
      gtk_box_append (GTK_BOX (range_box), button);
    }
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->range_buttons[self->range]), TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (ranges); i++)
    g_signal_connect (self->range_buttons[i], "toggled", G_CALLBACK (range_toggled_cb), self);
  gtk_box_append (GTK_BOX (box), range_box);

  self->chart_stack = GTK_STACK (gtk_stack_new ());
  gtk_widget_set_name (GTK_WIDGET (self->chart_stack), "symbol-chart-stack");
  gtk_widget_set_size_request (GTK_WIDGET (self->chart_stack), -1, 320);
  gtk_spinner_set_spinning (GTK_SPINNER (spinner), TRUE);
  gtk_widget_set_halign (spinner, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (spinner, GTK_ALIGN_CENTER);
  gtk_widget_set_size_request (spinner, 32, 32);
  gtk_stack_add_named (self->chart_stack, spinner, "loading");
  chart = paddock_candle_chart_new ();
  self->chart = PADDOCK_CANDLE_CHART (chart);
  gtk_widget_set_name (chart, "symbol-chart");
  paddock_candle_chart_set_currency (self->chart, "USD");
  paddock_candle_chart_set_title (self->chart, self->symbol);
  gtk_stack_add_named (self->chart_stack, chart, "chart");
  message = new_label ("symbol-chart-message", "dim-label");
  gtk_label_set_xalign (GTK_LABEL (message), 0.5);
  gtk_label_set_justify (GTK_LABEL (message), GTK_JUSTIFY_CENTER);
  self->chart_message = GTK_LABEL (message);
  gtk_stack_add_named (self->chart_stack, message, "message");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->chart_stack));

  gtk_box_append (GTK_BOX (box), new_heading (_("Position")));
  self->position_label = GTK_LABEL (new_label ("symbol-position", NULL));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->position_label));

  gtk_box_append (GTK_BOX (box), new_heading (_("Open Orders")));
  self->orders_box = GTK_LIST_BOX (new_card_list ("symbol-orders"));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->orders_box));
  self->orders_empty = GTK_LABEL (new_label ("symbol-orders-empty", "dim-label"));
  gtk_label_set_text (self->orders_empty, _("No open orders"));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->orders_empty));

  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 900);
  adw_clamp_set_child (ADW_CLAMP (clamp), box);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_widget_set_hexpand (scrolled, TRUE);
  gtk_box_append (GTK_BOX (columns), scrolled);
  gtk_box_append (GTK_BOX (columns), gtk_separator_new (GTK_ORIENTATION_VERTICAL));

  /* the news, in a column of its own beside the chart */
  gtk_widget_set_margin_top (news_column, 0);
  gtk_widget_set_margin_bottom (news_column, 24);
  gtk_widget_set_margin_start (news_column, 12);
  gtk_widget_set_margin_end (news_column, 12);
  gtk_box_append (GTK_BOX (news_column), new_heading (_("News")));
  self->news_box = GTK_LIST_BOX (new_card_list ("symbol-news"));
  g_signal_connect (self->news_box, "row-activated", G_CALLBACK (news_activated_cb), self);
  gtk_widget_set_visible (GTK_WIDGET (self->news_box), FALSE);
  gtk_box_append (GTK_BOX (news_column), GTK_WIDGET (self->news_box));
  self->news_message = GTK_LABEL (new_label ("symbol-news-message", "dim-label"));
  gtk_label_set_text (self->news_message, _("Loading news…"));
  gtk_box_append (GTK_BOX (news_column), GTK_WIDGET (self->news_message));
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (news_scrolled), news_column);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (news_scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_widget_set_size_request (news_scrolled, 340, -1);
  gtk_box_append (GTK_BOX (columns), news_scrolled);

  gtk_widget_set_vexpand (columns, TRUE);
  gtk_box_append (GTK_BOX (toolbar), columns);
  self->toasts = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  adw_toast_overlay_set_child (self->toasts, toolbar);
  adw_window_set_content (ADW_WINDOW (self), GTK_WIDGET (self->toasts));
}

static void
paddock_symbol_window_dispose (GObject *object)
{
  PaddockSymbolWindow *self = PADDOCK_SYMBOL_WINDOW (object);

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->quote_cancellable);
  g_cancellable_cancel (self->bars_cancellable);
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  G_OBJECT_CLASS (paddock_symbol_window_parent_class)->dispose (object);
}

static void
paddock_symbol_window_finalize (GObject *object)
{
  PaddockSymbolWindow *self = PADDOCK_SYMBOL_WINDOW (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->quote_cancellable);
  g_clear_object (&self->bars_cancellable);
  g_clear_object (&self->settings);
  g_clear_object (&self->data);
  g_clear_object (&self->asset);
  g_clear_object (&self->session);
  g_clear_pointer (&self->bars_start, g_date_time_unref);
  g_clear_pointer (&self->news, g_ptr_array_unref);
  g_clear_pointer (&self->watchlists, g_ptr_array_unref);
  g_free (self->watch_error);
  g_free (self->symbol);
  g_free (self->bid);
  g_free (self->ask);
  g_free (self->last_price);
  g_free (self->data_error);
  G_OBJECT_CLASS (paddock_symbol_window_parent_class)->finalize (object);
}

static void
paddock_symbol_window_class_init (PaddockSymbolWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = paddock_symbol_window_dispose;
  object_class->finalize = paddock_symbol_window_finalize;
  /**
   * PaddockSymbolWindow::sign-in-requested:
   *
   * Sign In Again on the banner saying the sign-in lacks the permission to change
   * watchlists. By default the window it belongs to (a #PaddockWindow) signs in.
   */
  signals[SIGNAL_SIGN_IN_REQUESTED] =
    g_signal_new_class_handler ("sign-in-requested", G_TYPE_FROM_CLASS (klass),
                                G_SIGNAL_RUN_LAST,
                                G_CALLBACK (paddock_symbol_window_real_sign_in_requested),
                                NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK,
                                       "window.close", NULL);
}

static void
paddock_symbol_window_init (PaddockSymbolWindow *self)
{
  self->cancellable = g_cancellable_new ();
  self->quote_cancellable = g_cancellable_new ();
  self->range = PADDOCK_SYMBOL_RANGE_MONTH;
  gtk_window_set_default_size (GTK_WINDOW (self), 1120, 760);
  g_signal_connect (self, "map", G_CALLBACK (map_cb), NULL);
  g_signal_connect (self, "unmap", G_CALLBACK (unmap_cb), NULL);
}

/* The window it belongs to is going: so is this one, and what it waits for */
static void
parent_destroyed_cb (PaddockSymbolWindow *self)
{
  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->quote_cancellable);
  g_cancellable_cancel (self->bars_cancellable);
  gtk_window_set_transient_for (GTK_WINDOW (self), NULL);
  gtk_window_destroy (GTK_WINDOW (self));
}

/**
 * paddock_symbol_window_new:
 * @parent: (nullable): the window it belongs to (closed with it; not modal)
 * @session: the account whose position, orders and data client to use
 * @symbol: the symbol, e.g. "AAPL"
 *
 * Returns: (transfer none): a new symbol window, not yet shown
 */
PaddockSymbolWindow *
paddock_symbol_window_new (GtkWindow      *parent,
                           PaddockSession *session,
                           const char     *symbol)
{
  PaddockSymbolWindow *self;
  g_autofree char *title = NULL;
  PaddockAssetCache *cache;
  PaddockAsset *cached;
  const char *symbols[2] = { NULL, NULL };

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (PADDOCK_IS_SESSION (session), NULL);
  g_return_val_if_fail (symbol != NULL && symbol[0] != '\0', NULL);

  self = g_object_new (PADDOCK_TYPE_SYMBOL_WINDOW, NULL);
  self->session = g_object_ref (session);
  self->symbol = g_ascii_strup (symbol, -1);
  self->settings = paddock_settings_new ();
  self->data = paddock_market_data_new (paddock_session_get_data_client (session),
                                        paddock_settings_get_data_feed (self->settings));
  if (self->settings != NULL)
    g_signal_connect_swapped (self->settings, "changed::data-feed",
                              G_CALLBACK (data_feed_changed_cb), self);
  title = g_strdup_printf ("%s — %s", self->symbol, _("Paddock"));
  gtk_window_set_title (GTK_WINDOW (self), title);
  if (parent != NULL)
    {
      gtk_window_set_transient_for (GTK_WINDOW (self), parent);
      /* not destroy-with-parent: GTK then keeps the parent's pointer until our dispose,
       * which a reply still on its way may delay past the parent's end */
      g_signal_connect_object (parent, "destroy", G_CALLBACK (parent_destroyed_cb), self,
                               G_CONNECT_SWAPPED);
      gtk_window_set_application (GTK_WINDOW (self), gtk_window_get_application (parent));
    }
  gtk_window_set_modal (GTK_WINDOW (self), FALSE);
  build (self);

  cache = paddock_session_get_asset_cache (session);
  cached = paddock_asset_cache_is_loaded (cache) ? paddock_asset_cache_lookup (cache, self->symbol)
                                                 : NULL;
  if (cached != NULL)
    {
      self->asset = g_object_ref (cached);
      show_asset (self);
    }
  else
    paddock_asset_lookup_async (paddock_session_get_client (session), self->symbol,
                                self->cancellable, asset_cb, g_object_ref (self));

  symbols[0] = self->symbol;
  paddock_market_data_news_async (self->data, symbols, NEWS_LIMIT, TRUE, self->cancellable,
                                  news_cb, g_object_ref (self));
  load_bars (self);

  g_signal_connect_object (paddock_session_get_position_store (session), "items-changed",
                           G_CALLBACK (positions_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (paddock_session_get_order_store (session), "items-changed",
                           G_CALLBACK (orders_changed_cb), self, G_CONNECT_SWAPPED);
  positions_changed_cb (self);
  orders_changed_cb (self);
  return self;
}

/**
 * paddock_symbol_window_open:
 * @parent: (nullable): the window asking (the symbol window closes with it; not modal)
 * @session: the account shown
 * @symbol: the symbol, e.g. "AAPL" (any case)
 *
 * Brings forward the window already open on @symbol for @session, or opens a new one.
 *
 * Returns: (transfer none): the window, presented
 */
PaddockSymbolWindow *
paddock_symbol_window_open (GtkWindow      *parent,
                            PaddockSession *session,
                            const char     *symbol)
{
  g_autoptr (GList) toplevels = gtk_window_list_toplevels ();
  PaddockSymbolWindow *window = NULL;

  g_return_val_if_fail (PADDOCK_IS_SESSION (session), NULL);
  g_return_val_if_fail (symbol != NULL && symbol[0] != '\0', NULL);

  for (GList *l = toplevels; l != NULL && window == NULL; l = l->next)
    if (PADDOCK_IS_SYMBOL_WINDOW (l->data) &&
        PADDOCK_SYMBOL_WINDOW (l->data)->session == session &&
        g_ascii_strcasecmp (PADDOCK_SYMBOL_WINDOW (l->data)->symbol, symbol) == 0)
      window = l->data;
  if (window == NULL)
    window = paddock_symbol_window_new (parent, session, symbol);
  gtk_window_present (GTK_WINDOW (window));
  return window;
}

PaddockSession *
paddock_symbol_window_get_session (PaddockSymbolWindow *self)
{
  g_return_val_if_fail (PADDOCK_IS_SYMBOL_WINDOW (self), NULL);
  return self->session;
}

const char *
paddock_symbol_window_get_symbol (PaddockSymbolWindow *self)
{
  g_return_val_if_fail (PADDOCK_IS_SYMBOL_WINDOW (self), NULL);
  return self->symbol;
}

/* The asset's name, NULL until it is known */
const char *
paddock_symbol_window_get_name (PaddockSymbolWindow *self)
{
  g_return_val_if_fail (PADDOCK_IS_SYMBOL_WINDOW (self), NULL);
  return self->asset != NULL ? paddock_asset_get_name (self->asset) : NULL;
}

const char *
paddock_symbol_window_get_bid (PaddockSymbolWindow *self)
{
  g_return_val_if_fail (PADDOCK_IS_SYMBOL_WINDOW (self), NULL);
  return self->bid;
}

const char *
paddock_symbol_window_get_ask (PaddockSymbolWindow *self)
{
  g_return_val_if_fail (PADDOCK_IS_SYMBOL_WINDOW (self), NULL);
  return self->ask;
}

const char *
paddock_symbol_window_get_last_price (PaddockSymbolWindow *self)
{
  g_return_val_if_fail (PADDOCK_IS_SYMBOL_WINDOW (self), NULL);
  return self->last_price;
}

PaddockSymbolRange
paddock_symbol_window_get_range (PaddockSymbolWindow *self)
{
  g_return_val_if_fail (PADDOCK_IS_SYMBOL_WINDOW (self), PADDOCK_SYMBOL_RANGE_MONTH);
  return self->range;
}

/* Shows @range, as its toggle button does (asks for its bars again) */
void
paddock_symbol_window_set_range (PaddockSymbolWindow *self,
                                 PaddockSymbolRange   range)
{
  g_return_if_fail (PADDOCK_IS_SYMBOL_WINDOW (self));
  g_return_if_fail (range <= PADDOCK_SYMBOL_RANGE_FIVE_YEARS);

  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->range_buttons[range]), TRUE);
}

/* The timeframe of the bars of the range shown ("5Min", "1Day", …) */
const char *
paddock_symbol_window_get_timeframe (PaddockSymbolWindow *self)
{
  g_return_val_if_fail (PADDOCK_IS_SYMBOL_WINDOW (self), NULL);
  return ranges[self->range].timeframe;
}

/* Where the bars of the range shown begin (the request's `start`) */
GDateTime *
paddock_symbol_window_get_bars_start (PaddockSymbolWindow *self)
{
  g_return_val_if_fail (PADDOCK_IS_SYMBOL_WINDOW (self), NULL);
  return self->bars_start;
}

gboolean
paddock_symbol_window_get_bars_loading (PaddockSymbolWindow *self)
{
  g_return_val_if_fail (PADDOCK_IS_SYMBOL_WINDOW (self), FALSE);
  return self->bars_loading;
}

/* How many times the bars were asked for (every range shown counts one) */
guint
paddock_symbol_window_get_bars_requests (PaddockSymbolWindow *self)
{
  g_return_val_if_fail (PADDOCK_IS_SYMBOL_WINDOW (self), 0);
  return self->bars_requests;
}

gsize
paddock_symbol_window_get_n_bars (PaddockSymbolWindow *self)
{
  g_return_val_if_fail (PADDOCK_IS_SYMBOL_WINDOW (self), 0);
  return self->n_bars;
}

/* The sentence shown when market data was refused (the SIP refusal), or NULL */
const char *
paddock_symbol_window_get_data_error (PaddockSymbolWindow *self)
{
  g_return_val_if_fail (PADDOCK_IS_SYMBOL_WINDOW (self), NULL);
  return self->data_error;
}

/* Returns: (transfer none) (nullable): the articles shown (PaddockNewsArticle), NULL before */
GPtrArray *
paddock_symbol_window_get_news (PaddockSymbolWindow *self)
{
  g_return_val_if_fail (PADDOCK_IS_SYMBOL_WINDOW (self), NULL);
  return self->news;
}

/* Returns: (transfer full) (nullable): the position in the symbol as shown, NULL without */
char *
paddock_symbol_window_dup_position_text (PaddockSymbolWindow *self)
{
  PaddockPosition *position;
  g_autofree char *qty = NULL;
  g_autofree char *value = NULL;
  g_autofree char *pl = NULL;

  g_return_val_if_fail (PADDOCK_IS_SYMBOL_WINDOW (self), NULL);

  position = paddock_position_store_lookup (paddock_session_get_position_store (self->session),
                                            self->symbol);
  if (position == NULL)
    return NULL;
  qty = paddock_format_quantity (paddock_position_get_qty (position));
  value = money_or_dash (paddock_position_get_market_value (position));
  pl = paddock_position_get_unrealized_pl (position) != NULL
       ? paddock_format_money_full (paddock_position_get_unrealized_pl (position), "USD",
                                    PADDOCK_FORMAT_ALWAYS_SIGN)
       : NULL;
  /* TRANSLATORS: a position: quantity, market value, unrealized profit or loss */
  return g_strdup_printf (_("%s shares · %s · %s"), qty != NULL ? qty : "—", value,
                          pl != NULL ? pl : "—");
}

/* Returns: (transfer full): the open orders in the symbol as shown, newest first */
GStrv
paddock_symbol_window_dup_open_orders (PaddockSymbolWindow *self)
{
  GListModel *orders;
  GPtrArray *texts = g_ptr_array_new ();

  g_return_val_if_fail (PADDOCK_IS_SYMBOL_WINDOW (self), NULL);

  orders = G_LIST_MODEL (paddock_session_get_order_store (self->session));
  for (guint i = 0; i < g_list_model_get_n_items (orders); i++)
    {
      g_autoptr (PaddockOrder) order = g_list_model_get_item (orders, i);

      if (paddock_order_is_open (order) &&
          g_strcmp0 (paddock_order_get_symbol (order), self->symbol) == 0)
        g_ptr_array_add (texts, order_text (order));
    }
  g_ptr_array_add (texts, NULL);
  return (GStrv) g_ptr_array_free (texts, FALSE);
}

/**
 * paddock_symbol_window_trade:
 * @self: a symbol window
 * @buy: %TRUE for Buy, %FALSE for Sell
 *
 * Opens the order ticket over the window, pre-filled with the symbol and the side (as the
 * Buy and Sell buttons do).
 *
 * Returns: (transfer none): the ticket
 */
GtkWindow *
paddock_symbol_window_trade (PaddockSymbolWindow *self,
                             gboolean             buy)
{
  PaddockOrderTicket *ticket;

  g_return_val_if_fail (PADDOCK_IS_SYMBOL_WINDOW (self), NULL);

  ticket = paddock_order_ticket_new (GTK_WINDOW (self), self->session);
  paddock_order_ticket_prefill (ticket, self->symbol,
                                buy ? PADDOCK_ORDER_SIDE_BUY : PADDOCK_ORDER_SIDE_SELL, NULL);
  gtk_window_present (GTK_WINDOW (ticket));
  return GTK_WINDOW (ticket);
}

/* Whether the watchlists' menu waits for the broker (reading them, or a change) */
gboolean
paddock_symbol_window_get_watchlists_busy (PaddockSymbolWindow *self)
{
  g_return_val_if_fail (PADDOCK_IS_SYMBOL_WINDOW (self), FALSE);

  return self->watch_pending > 0 || self->watch_changing > 0;
}
