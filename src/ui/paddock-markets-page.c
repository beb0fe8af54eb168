/* paddock-markets-page.c: the account's watchlists with live prices, and today's movers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The page is given the session and does its own calls: the watchlists through the trading
 * client, their prices through a PaddockWatchlistQuotes (one snapshots request per refresh,
 * running only while the watchlist is on screen), the movers through PaddockMarketData when
 * they are shown. Every change is sent first and shown from the broker's answer: a refused
 * change (a sign-in without account:write is refused with PADDOCK_ERROR_MISSING_SCOPE)
 * leaves the list as it was.
 */
#define G_LOG_DOMAIN "paddock-markets-page"

#include "config.h"

#include <glib/gi18n.h>

#include "paddock-asset-cache.h"
#include "paddock-error.h"
#include "paddock-format.h"
#include "paddock-market-data.h"
#include "paddock-markets-page.h"
#include "paddock-settings.h"
#include "paddock-watchlist-quotes.h"
#include "paddock-watchlist.h"

#define MOVERS_TOP 10
#define SUGGESTIONS_MAX 8

struct _PaddockMarketsPage
{
  GtkWidget parent_instance;

  GtkRevealer *scope_banner;
  GtkRevealer *feed_banner;
  GtkStack *section_stack;
  GtkWidget *watchlists_box;
  GtkDropDown *chooser;
  GtkWidget *rename_button;
  GtkWidget *delete_button;
  GtkWidget *add_box;
  GtkEntry *symbol_entry;
  GtkWidget *add_button;
  GtkLabel *message_label;
  GtkStack *list_stack;
  AdwStatusPage *list_error_page;
  GtkListBox *rows_box;
  GtkStack *movers_stack;
  AdwStatusPage *movers_error_page;
  GtkWidget *movers_columns;
  GtkPopover *suggestions;
  GtkListBox *suggestions_box;

  PaddockSession *session;
  GSettings *settings;               /* nullable: the data-feed setting is followed */
  GCancellable *cancellable;         /* everything of this session */
  PaddockWatchlistQuotes *quotes;
  PaddockMarketData *market_data;
  PaddockAssetCache *asset_cache;

  GPtrArray *watchlists;             /* PaddockWatchlist, as listed */
  PaddockWatchlist *current;         /* the chosen one, with its assets */
  char *selected_id;
  gboolean filling_chooser;
  guint busy;

  guint movers_pending;
  GPtrArray *most_actives;
  PaddockMovers *movers;
  GError *movers_error;
};

G_DEFINE_FINAL_TYPE (PaddockMarketsPage, paddock_markets_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SESSION,
  PROP_BUSY,
  N_PROPS
};

enum {
  SIGNAL_SYMBOL_ACTIVATED,
  SIGNAL_SIGN_IN_REQUESTED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void load_lists      (PaddockMarketsPage *self);
static void ensure_assets   (PaddockMarketsPage *self);
static void load_current    (PaddockMarketsPage *self);
static void update_quotes   (PaddockMarketsPage *self);

/* ---- small helpers ------------------------------------------------------------------- */

static PaddockClient *
trading_client (PaddockMarketsPage *self)
{
  return self->session != NULL ? paddock_session_get_client (self->session) : NULL;
}

static void
set_busy (PaddockMarketsPage *self,
          gboolean            busy)
{
  gboolean was = self->busy > 0;

  if (busy)
    self->busy++;
  else if (self->busy > 0)
    self->busy--;
  if (was != (self->busy > 0))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
show_message (PaddockMarketsPage *self,
              const char         *message)
{
  gtk_label_set_label (self->message_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), message != NULL);
}

/* A change the broker refused: the missing permission in words, anything else as sent */
static void
show_write_error (PaddockMarketsPage *self,
                  const GError       *error)
{
  g_autofree char *text = NULL;
  g_autofree char *message = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (g_error_matches (error, PADDOCK_ERROR, PADDOCK_ERROR_MISSING_SCOPE))
    {
      gtk_revealer_set_reveal_child (self->scope_banner, TRUE);
      show_message (self, NULL);
      return;
    }
  text = paddock_format_printable (error->message);
  message = g_strdup_printf (_("The watchlist was not changed: %s"), text);
  show_message (self, message);
}

/* "+1.25" / "−0.40" style: the sign always, and the colour of the direction */
static void
set_signed_label (GtkLabel   *label,
                  const char *text,
                  const char *decimal)
{
  gtk_widget_remove_css_class (GTK_WIDGET (label), "success");
  gtk_widget_remove_css_class (GTK_WIDGET (label), "error");
  gtk_label_set_label (label, text);
  if (decimal == NULL)
    return;
  if (paddock_decimal_compare (decimal, "0") > 0)
    gtk_widget_add_css_class (GTK_WIDGET (label), "success");
  else if (paddock_decimal_compare (decimal, "0") < 0)
    gtk_widget_add_css_class (GTK_WIDGET (label), "error");
}

static char *
format_percent (const char *percent)
{
  if (percent == NULL)
    return g_strdup ("—");
  if (*percent == '-')
    return g_strdup_printf ("−%s%%", percent + 1);
  if (paddock_decimal_compare (percent, "0") > 0)
    return g_strdup_printf ("+%s%%", percent);
  return g_strdup_printf ("%s%%", percent);
}

static GtkWidget *
cell_label (const char *name,
            const char *text,
            float       xalign,
            int         width_chars)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_set_name (label, name);
  gtk_label_set_xalign (GTK_LABEL (label), xalign);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (width_chars > 0)
    gtk_label_set_width_chars (GTK_LABEL (label), width_chars);
  return label;
}

static GtkWidget *
find_child_named (GtkWidget  *root,
                  const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (root), name) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_child_named (child, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static const char *
label_text (GtkWidget  *root,
            const char *name)
{
  GtkWidget *label = find_child_named (root, name);

  return label != NULL && GTK_IS_LABEL (label) ? gtk_label_get_label (GTK_LABEL (label)) : NULL;
}

/* ---- the chosen watchlist's rows ------------------------------------------------------ */

static GtkWidget *
find_row (PaddockMarketsPage *self,
          const char         *symbol)
{
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->rows_box)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (g_strcmp0 (g_object_get_data (G_OBJECT (row), "symbol"), symbol) == 0)
      return row;
  return NULL;
}

static void
update_row_quote (PaddockMarketsPage *self,
                  GtkWidget          *row)
{
  const char *symbol = g_object_get_data (G_OBJECT (row), "symbol");
  const PaddockWatchlistQuote *quote = paddock_watchlist_quotes_lookup (self->quotes, symbol);
  GtkLabel *price = GTK_LABEL (find_child_named (row, "markets-row-price"));
  GtkLabel *change = GTK_LABEL (find_child_named (row, "markets-row-change"));
  g_autofree char *price_text = NULL;
  g_autofree char *change_text = NULL;
  g_autofree char *percent_text = NULL;
  g_autofree char *both = NULL;

  if (quote == NULL || quote->price == NULL)
    {
      gtk_label_set_label (price, "—");
      set_signed_label (change, "—", NULL);
      return;
    }
  price_text = paddock_format_money (quote->price, "USD");
  gtk_label_set_label (price, price_text);
  if (quote->change == NULL)
    {
      set_signed_label (change, "—", NULL);
      return;
    }
  change_text = paddock_format_money_full (quote->change, "USD", PADDOCK_FORMAT_ALWAYS_SIGN);
  percent_text = format_percent (quote->change_percent);
  both = g_strdup_printf ("%s (%s)", change_text, percent_text);
  set_signed_label (change, both, quote->change);
}

static void
quote_changed_cb (PaddockMarketsPage *self,
                  const char         *symbol)
{
  GtkWidget *row = find_row (self, symbol);

  if (row != NULL)
    update_row_quote (self, row);
}

/* The plan's refusal of SIP prices stays explained until a refresh succeeds or the feed
 * changes; other failures of a refresh keep the last prices (the next one may work) */
static void
quotes_refreshed_cb (PaddockMarketsPage *self,
                     const GError       *error)
{
  if (g_error_matches (error, PADDOCK_ERROR, PADDOCK_ERROR_SIP_NOT_PERMITTED))
    gtk_revealer_set_reveal_child (self->feed_banner, TRUE);
  else if (error == NULL)
    gtk_revealer_set_reveal_child (self->feed_banner, FALSE);
}

/* Preferences' price refresh interval, from the next refresh on */
static void
apply_quote_interval (PaddockMarketsPage *self)
{
  if (self->quotes != NULL && self->settings != NULL)
    paddock_watchlist_quotes_set_interval (self->quotes,
                                           g_settings_get_uint (self->settings,
                                                                "quote-refresh-interval") * 1000);
}

/* Everything shown asks for the feed the data-feed setting names; a change asks again */
static void
apply_data_feed (PaddockMarketsPage *self)
{
  PaddockDataFeed feed = paddock_settings_get_data_feed (self->settings);

  gtk_revealer_set_reveal_child (self->feed_banner, FALSE);
  if (self->market_data != NULL)
    paddock_market_data_set_feed (self->market_data, feed);
  if (self->quotes != NULL)
    paddock_watchlist_quotes_set_feed (self->quotes, paddock_data_feed_to_string (feed));
}

static void
move_clicked_cb (GtkButton *button,
                 gpointer   user_data)
{
  PaddockMarketsPage *self = PADDOCK_MARKETS_PAGE (user_data);

  paddock_markets_page_move_symbol (self, g_object_get_data (G_OBJECT (button), "symbol"),
                                    GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button),
                                                                        "delta")));
}

static void
remove_clicked_cb (GtkButton *button,
                   gpointer   user_data)
{
  paddock_markets_page_remove_symbol (PADDOCK_MARKETS_PAGE (user_data),
                                      g_object_get_data (G_OBJECT (button), "symbol"));
}

static GtkWidget *
row_button (PaddockMarketsPage *self,
            const char         *icon,
            const char         *tooltip,
            const char         *name,
            const char         *symbol,
            int                 delta,
            gboolean            sensitive)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_name (button, name);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_sensitive (button, sensitive);
  g_object_set_data_full (G_OBJECT (button), "symbol", g_strdup (symbol), g_free);
  g_object_set_data (G_OBJECT (button), "delta", GINT_TO_POINTER (delta));
  if (delta != 0)
    g_signal_connect (button, "clicked", G_CALLBACK (move_clicked_cb), self);
  else
    g_signal_connect (button, "clicked", G_CALLBACK (remove_clicked_cb), self);
  return button;
}

static GtkWidget *
watch_row_new (PaddockMarketsPage *self,
               PaddockAsset       *asset,
               guint               position,
               guint               n)
{
  const char *symbol = paddock_asset_get_symbol (asset);
  g_autofree char *name = paddock_format_printable (paddock_asset_get_name (asset) != NULL ?
                                                    paddock_asset_get_name (asset) : "");
  g_autofree char *up = g_strdup_printf (_("Move %s Up"), symbol);
  g_autofree char *down = g_strdup_printf (_("Move %s Down"), symbol);
  g_autofree char *remove = g_strdup_printf (_("Remove %s"), symbol);
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *symbol_label = cell_label ("markets-row-symbol", symbol, 0, 6);
  GtkWidget *name_label = cell_label ("markets-row-name", name, 0, -1);
  GtkWidget *figures = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *price = cell_label ("markets-row-price", "—", 1, -1);
  GtkWidget *change = cell_label ("markets-row-change", "—", 1, -1);

  g_object_set_data_full (G_OBJECT (row), "symbol", g_strdup (symbol), g_free);
  gtk_widget_set_name (row, "markets-row");
  gtk_widget_add_css_class (symbol_label, "heading");
  gtk_widget_add_css_class (name_label, "dim-label");
  gtk_widget_set_hexpand (name_label, TRUE);
  gtk_widget_add_css_class (price, "numeric");
  gtk_widget_add_css_class (change, "numeric");
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_box_append (GTK_BOX (box), symbol_label);
  gtk_box_append (GTK_BOX (box), name_label);
  gtk_widget_set_valign (figures, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (change, "caption");
  gtk_box_append (GTK_BOX (figures), price);
  gtk_box_append (GTK_BOX (figures), change);
  gtk_box_append (GTK_BOX (box), figures);
  gtk_box_append (GTK_BOX (buttons), row_button (self, "go-up-symbolic", up, "markets-row-up",
                                                 symbol, -1, position > 0));
  gtk_box_append (GTK_BOX (buttons), row_button (self, "go-down-symbolic", down,
                                                 "markets-row-down", symbol, 1,
                                                 position + 1 < n));
  gtk_box_append (GTK_BOX (buttons), row_button (self, "list-remove-symbolic", remove,
                                                 "markets-row-remove", symbol, 0, TRUE));
  gtk_box_append (GTK_BOX (box), buttons);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  return row;
}

static void
clear_box (GtkWidget *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (box)) != NULL)
    {
      if (GTK_IS_LIST_BOX (box))
        gtk_list_box_remove (GTK_LIST_BOX (box), child);
      else if (GTK_IS_FLOW_BOX (box))
        gtk_flow_box_remove (GTK_FLOW_BOX (box), child);
      else
        gtk_box_remove (GTK_BOX (box), child);
    }
}

static void
rebuild_rows (PaddockMarketsPage *self,
              const char         *focus_symbol)
{
  GListModel *assets = self->current != NULL ? paddock_watchlist_get_assets (self->current)
                                             : NULL;
  guint n = assets != NULL ? g_list_model_get_n_items (assets) : 0;

  clear_box (GTK_WIDGET (self->rows_box));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (PaddockAsset) asset = g_list_model_get_item (assets, i);
      GtkWidget *row = watch_row_new (self, asset, i, n);

      gtk_list_box_append (self->rows_box, row);
      update_row_quote (self, row);
    }
  if (self->current == NULL)
    gtk_stack_set_visible_child_name (self->list_stack, self->watchlists != NULL &&
                                      self->watchlists->len == 0 ? "none" : "loading");
  else
    gtk_stack_set_visible_child_name (self->list_stack, n > 0 ? "list" : "empty");
  gtk_widget_set_sensitive (self->rename_button, self->current != NULL);
  gtk_widget_set_sensitive (self->delete_button, self->current != NULL);
  gtk_widget_set_sensitive (self->add_box, self->current != NULL);
  if (focus_symbol != NULL)
    {
      GtkWidget *row = find_row (self, focus_symbol);

      if (row != NULL)
        {
          gtk_list_box_select_row (self->rows_box, GTK_LIST_BOX_ROW (row));
          gtk_widget_grab_focus (row);
        }
    }
  update_quotes (self);
}

/* The quotes follow the chosen list, and run only while it is on screen */
static void
update_quotes (PaddockMarketsPage *self)
{
  g_auto (GStrv) symbols = NULL;
  gboolean same;

  if (self->quotes == NULL)
    return;
  symbols = self->current != NULL ? paddock_watchlist_dup_symbols (self->current)
                                  : g_new0 (char *, 1);
  same = g_strv_equal ((const char * const *) symbols,
                       paddock_watchlist_quotes_get_symbols (self->quotes));
  if (!same)
    {
      paddock_watchlist_quotes_stop (self->quotes);
      paddock_watchlist_quotes_set_symbols (self->quotes, (const char * const *) symbols);
    }
  if (gtk_widget_get_mapped (self->watchlists_box) && symbols[0] != NULL)
    paddock_watchlist_quotes_start (self->quotes);
  else
    paddock_watchlist_quotes_stop (self->quotes);
}

static void
watchlists_map_cb (PaddockMarketsPage *self)
{
  ensure_assets (self);
  update_quotes (self);
}

static void
watchlists_unmap_cb (PaddockMarketsPage *self)
{
  if (self->quotes != NULL)
    paddock_watchlist_quotes_stop (self->quotes);
  gtk_popover_popdown (self->suggestions);
}

static void
set_current (PaddockMarketsPage *self,
             PaddockWatchlist   *watchlist,
             const char         *focus_symbol)
{
  g_set_object (&self->current, watchlist);
  if (watchlist != NULL && self->watchlists != NULL)
    {
      /* a rename shows in the chooser */
      for (guint i = 0; i < self->watchlists->len; i++)
        {
          PaddockWatchlist *listed = g_ptr_array_index (self->watchlists, i);

          if (g_strcmp0 (paddock_watchlist_get_id (listed),
                         paddock_watchlist_get_id (watchlist)) == 0 &&
              g_strcmp0 (paddock_watchlist_get_name (listed),
                         paddock_watchlist_get_name (watchlist)) != 0)
            {
              GtkStringList *names = GTK_STRING_LIST (gtk_drop_down_get_model (self->chooser));
              g_autofree char *name = paddock_format_printable (
                paddock_watchlist_get_name (watchlist));
              const char *additions[] = { name, NULL };

              g_ptr_array_index (self->watchlists, i) = g_object_ref (watchlist);
              g_object_unref (listed);
              self->filling_chooser = TRUE;
              gtk_string_list_splice (names, i, 1, additions);
              gtk_drop_down_set_selected (self->chooser, i);
              self->filling_chooser = FALSE;
            }
        }
    }
  rebuild_rows (self, focus_symbol);
}

/* ---- loading ------------------------------------------------------------------------- */

static void
get_cb (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  g_autoptr (PaddockMarketsPage) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (PaddockWatchlist) watchlist = NULL;

  watchlist = paddock_watchlist_get_finish (PADDOCK_CLIENT (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;  /* the session went away: the count started over */
  set_busy (self, FALSE);
  if (watchlist == NULL)
    {
      g_autofree char *text = paddock_format_printable (error->message);

      adw_status_page_set_description (self->list_error_page, text);
      gtk_stack_set_visible_child_name (self->list_stack, "error");
      return;
    }
  if (g_strcmp0 (paddock_watchlist_get_id (watchlist), self->selected_id) != 0)
    return;  /* another list was chosen meanwhile */
  set_current (self, watchlist, NULL);
}

static void
load_current (PaddockMarketsPage *self)
{
  g_clear_object (&self->current);
  rebuild_rows (self, NULL);
  if (self->selected_id == NULL || trading_client (self) == NULL)
    return;
  set_busy (self, TRUE);
  paddock_watchlist_get_async (trading_client (self), self->selected_id, self->cancellable,
                               get_cb, g_object_ref (self));
}

static void
fill_chooser (PaddockMarketsPage *self)
{
  g_autoptr (GtkStringList) names = gtk_string_list_new (NULL);
  guint selected = GTK_INVALID_LIST_POSITION;

  for (guint i = 0; self->watchlists != NULL && i < self->watchlists->len; i++)
    {
      PaddockWatchlist *watchlist = g_ptr_array_index (self->watchlists, i);
      g_autofree char *name = paddock_format_printable (paddock_watchlist_get_name (watchlist));

      gtk_string_list_append (names, name);
      if (g_strcmp0 (paddock_watchlist_get_id (watchlist), self->selected_id) == 0)
        selected = i;
    }
  if (selected == GTK_INVALID_LIST_POSITION)
    {
      g_clear_pointer (&self->selected_id, g_free);
      if (self->watchlists != NULL && self->watchlists->len > 0)
        {
          selected = 0;
          self->selected_id =
            g_strdup (paddock_watchlist_get_id (g_ptr_array_index (self->watchlists, 0)));
        }
    }
  self->filling_chooser = TRUE;
  gtk_drop_down_set_model (self->chooser, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->chooser, selected);
  self->filling_chooser = FALSE;
  gtk_widget_set_sensitive (GTK_WIDGET (self->chooser), selected != GTK_INVALID_LIST_POSITION);
}

static void
list_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr (PaddockMarketsPage) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) watchlists = NULL;

  watchlists = paddock_watchlists_list_finish (PADDOCK_CLIENT (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;  /* the session went away: the count started over */
  set_busy (self, FALSE);
  if (watchlists == NULL)
    {
      g_autofree char *text = paddock_format_printable (error->message);

      adw_status_page_set_description (self->list_error_page, text);
      gtk_stack_set_visible_child_name (self->list_stack, "error");
      return;
    }
  g_clear_pointer (&self->watchlists, g_ptr_array_unref);
  self->watchlists = g_steal_pointer (&watchlists);
  fill_chooser (self);
  load_current (self);
}

static void
load_lists (PaddockMarketsPage *self)
{
  if (trading_client (self) == NULL)
    return;
  gtk_stack_set_visible_child_name (self->list_stack, "loading");
  set_busy (self, TRUE);
  paddock_watchlists_list_async (trading_client (self), self->cancellable, list_cb,
                                 g_object_ref (self));
}

static void
lists_retry_cb (PaddockMarketsPage *self)
{
  load_lists (self);
}

static void
chooser_selected_cb (PaddockMarketsPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->chooser);

  if (self->filling_chooser || self->watchlists == NULL || selected >= self->watchlists->len)
    return;
  g_free (self->selected_id);
  self->selected_id =
    g_strdup (paddock_watchlist_get_id (g_ptr_array_index (self->watchlists, selected)));
  show_message (self, NULL);
  load_current (self);
}

/* ---- changes ------------------------------------------------------------------------- */

typedef enum {
  CHANGE_CREATE,
  CHANGE_RENAME,
  CHANGE_REORDER,
  CHANGE_ADD,
  CHANGE_REMOVE,
  CHANGE_DELETE,
} ChangeKind;

typedef struct
{
  PaddockMarketsPage *self;
  ChangeKind kind;
  char *focus_symbol;
  GCancellable *cancellable;
} Change;

static Change *
change_new (PaddockMarketsPage *self,
            ChangeKind          kind,
            const char         *focus_symbol)
{
  Change *change = g_new0 (Change, 1);

  change->self = g_object_ref (self);
  change->kind = kind;
  change->focus_symbol = g_strdup (focus_symbol);
  change->cancellable = g_object_ref (self->cancellable);
  set_busy (self, TRUE);
  show_message (self, NULL);
  return change;
}

static void
change_free (Change *change)
{
  if (!g_cancellable_is_cancelled (change->cancellable))
    set_busy (change->self, FALSE);  /* else the session went away: the count started over */
  g_object_unref (change->cancellable);
  g_object_unref (change->self);
  g_free (change->focus_symbol);
  g_free (change);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Change, change_free)

static void
change_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr (Change) change = user_data;
  PaddockMarketsPage *self = change->self;
  PaddockClient *client = PADDOCK_CLIENT (object);
  g_autoptr (GError) error = NULL;
  g_autoptr (PaddockWatchlist) watchlist = NULL;
  gboolean deleted = FALSE;

  switch (change->kind)
    {
    case CHANGE_CREATE:
      watchlist = paddock_watchlist_create_finish (client, result, &error);
      break;
    case CHANGE_RENAME:
      watchlist = paddock_watchlist_rename_finish (client, result, &error);
      break;
    case CHANGE_REORDER:
      watchlist = paddock_watchlist_reorder_finish (client, result, &error);
      break;
    case CHANGE_ADD:
      watchlist = paddock_watchlist_add_symbol_finish (client, result, &error);
      break;
    case CHANGE_REMOVE:
      watchlist = paddock_watchlist_remove_symbol_finish (client, result, &error);
      break;
    case CHANGE_DELETE:
      deleted = paddock_watchlist_delete_finish (client, result, &error);
      break;
    default:
      g_assert_not_reached ();
    }
  if (error != NULL)
    {
      show_write_error (self, error);
      return;
    }

  if (change->kind == CHANGE_CREATE)
    {
      g_free (self->selected_id);
      self->selected_id = g_strdup (paddock_watchlist_get_id (watchlist));
      load_lists (self);
    }
  else if (deleted)
    {
      g_clear_pointer (&self->selected_id, g_free);
      g_clear_object (&self->current);
      load_lists (self);
    }
  else if (watchlist != NULL &&
           g_strcmp0 (paddock_watchlist_get_id (watchlist), self->selected_id) == 0)
    {
      if (change->kind == CHANGE_ADD)
        gtk_editable_set_text (GTK_EDITABLE (self->symbol_entry), "");
      set_current (self, watchlist, change->focus_symbol);
    }
}

/**
 * paddock_markets_page_watchlist_changed:
 * @self: a page
 * @watchlist: a watchlist of the page's account as the broker answered a change made
 *   elsewhere (a symbol window's Add to Watchlist)
 *
 * Shows the change: the chosen list's rows when it is that one, the chooser's names when
 * it is new or renamed (and the lists again while they have not come or could not be read).
 */
void
paddock_markets_page_watchlist_changed (PaddockMarketsPage *self,
                                        PaddockWatchlist   *watchlist)
{
  gboolean listed = FALSE;

  g_return_if_fail (PADDOCK_IS_MARKETS_PAGE (self));
  g_return_if_fail (PADDOCK_IS_WATCHLIST (watchlist));

  if (self->session == NULL)
    return;
  for (guint i = 0; self->watchlists != NULL && i < self->watchlists->len; i++)
    if (g_strcmp0 (paddock_watchlist_get_id (g_ptr_array_index (self->watchlists, i)),
                   paddock_watchlist_get_id (watchlist)) == 0)
      listed = TRUE;
  if (!listed)
    load_lists (self);
  else if (g_strcmp0 (paddock_watchlist_get_id (watchlist), self->selected_id) == 0 &&
           paddock_watchlist_get_has_assets (watchlist))
    set_current (self, watchlist, NULL);
}

/**
 * paddock_markets_page_create_watchlist:
 * @self: a page
 * @name: the new list's name
 *
 * Creates an empty watchlist and chooses it (what the New Watchlist dialog does).
 */
void
paddock_markets_page_create_watchlist (PaddockMarketsPage *self,
                                       const char         *name)
{
  const char *none[] = { NULL };

  g_return_if_fail (PADDOCK_IS_MARKETS_PAGE (self));
  g_return_if_fail (name != NULL);

  if (trading_client (self) == NULL)
    return;
  paddock_watchlist_create_async (trading_client (self), name, none, self->cancellable,
                                  change_cb, change_new (self, CHANGE_CREATE, NULL));
}

/**
 * paddock_markets_page_rename_watchlist:
 * @self: a page
 * @name: the chosen list's new name
 */
void
paddock_markets_page_rename_watchlist (PaddockMarketsPage *self,
                                       const char         *name)
{
  g_return_if_fail (PADDOCK_IS_MARKETS_PAGE (self));
  g_return_if_fail (name != NULL);

  if (trading_client (self) == NULL || self->current == NULL)
    return;
  paddock_watchlist_rename_async (trading_client (self), paddock_watchlist_get_id (self->current),
                                  name, self->cancellable, change_cb,
                                  change_new (self, CHANGE_RENAME, NULL));
}

/**
 * paddock_markets_page_delete_watchlist:
 * @self: a page
 *
 * Deletes the chosen watchlist (what the confirmation's Delete does).
 */
void
paddock_markets_page_delete_watchlist (PaddockMarketsPage *self)
{
  g_return_if_fail (PADDOCK_IS_MARKETS_PAGE (self));

  if (trading_client (self) == NULL || self->current == NULL)
    return;
  paddock_watchlist_delete_async (trading_client (self), paddock_watchlist_get_id (self->current),
                                  self->cancellable, change_cb,
                                  change_new (self, CHANGE_DELETE, NULL));
}

/**
 * paddock_markets_page_add_symbol:
 * @self: a page
 * @text: what was typed
 *
 * Adds a symbol to the chosen list, if the asset list knows it; an unknown symbol is
 * refused with a message and nothing is sent.
 */
void
paddock_markets_page_add_symbol (PaddockMarketsPage *self,
                                 const char         *text)
{
  g_autofree char *symbol = NULL;
  PaddockAsset *asset;

  g_return_if_fail (PADDOCK_IS_MARKETS_PAGE (self));

  if (trading_client (self) == NULL || self->current == NULL || text == NULL)
    return;
  symbol = g_ascii_strup (g_strstrip (g_strdup (text)), -1);
  if (*symbol == '\0')
    return;
  asset = self->asset_cache != NULL && paddock_asset_cache_is_loaded (self->asset_cache) ?
          paddock_asset_cache_lookup (self->asset_cache, symbol) : NULL;
  if (asset == NULL)
    {
      g_autofree char *printable = paddock_format_printable (symbol);
      g_autofree char *message = NULL;

      if (self->asset_cache == NULL || !paddock_asset_cache_is_loaded (self->asset_cache))
        {
          ensure_assets (self);
          message = g_strdup (_("The list of symbols is still loading; try again in a moment."));
        }
      else
        message = g_strdup_printf (_("“%s” is not a symbol the broker knows."), printable);
      show_message (self, message);
      return;
    }
  {
    g_auto (GStrv) symbols = paddock_watchlist_dup_symbols (self->current);

    if (g_strv_contains ((const char * const *) symbols, paddock_asset_get_symbol (asset)))
      {
        g_autofree char *message =
          g_strdup_printf (_("%s is already in this watchlist."), paddock_asset_get_symbol (asset));

        show_message (self, message);
        return;
      }
  }
  gtk_popover_popdown (self->suggestions);
  paddock_watchlist_add_symbol_async (trading_client (self),
                                      paddock_watchlist_get_id (self->current),
                                      paddock_asset_get_symbol (asset), self->cancellable,
                                      change_cb,
                                      change_new (self, CHANGE_ADD,
                                                  paddock_asset_get_symbol (asset)));
}

/**
 * paddock_markets_page_remove_symbol:
 * @self: a page
 * @symbol: a symbol of the chosen list
 */
void
paddock_markets_page_remove_symbol (PaddockMarketsPage *self,
                                    const char         *symbol)
{
  g_return_if_fail (PADDOCK_IS_MARKETS_PAGE (self));
  g_return_if_fail (symbol != NULL);

  if (trading_client (self) == NULL || self->current == NULL)
    return;
  paddock_watchlist_remove_symbol_async (trading_client (self),
                                         paddock_watchlist_get_id (self->current), symbol,
                                         self->cancellable, change_cb,
                                         change_new (self, CHANGE_REMOVE, NULL));
}

/**
 * paddock_markets_page_move_symbol:
 * @self: a page
 * @symbol: a symbol of the chosen list
 * @delta: -1 to move it up, 1 down
 */
void
paddock_markets_page_move_symbol (PaddockMarketsPage *self,
                                  const char         *symbol,
                                  int                 delta)
{
  g_auto (GStrv) symbols = NULL;
  guint n, from = G_MAXUINT;
  int to;
  char *swap;

  g_return_if_fail (PADDOCK_IS_MARKETS_PAGE (self));
  g_return_if_fail (symbol != NULL);

  if (trading_client (self) == NULL || self->current == NULL || delta == 0)
    return;
  symbols = paddock_watchlist_dup_symbols (self->current);
  n = g_strv_length (symbols);
  for (guint i = 0; i < n; i++)
    if (g_str_equal (symbols[i], symbol))
      from = i;
  if (from == G_MAXUINT)
    return;
  to = (int) from + (delta < 0 ? -1 : 1);
  if (to < 0 || to >= (int) n)
    return;
  swap = symbols[from];
  symbols[from] = symbols[to];
  symbols[to] = swap;
  paddock_watchlist_reorder_async (trading_client (self),
                                   paddock_watchlist_get_id (self->current),
                                   (const char * const *) symbols, self->cancellable, change_cb,
                                   change_new (self, CHANGE_REORDER, symbol));
}

/* ---- dialogs ------------------------------------------------------------------------- */

static void
name_response_cb (AdwMessageDialog *dialog,
                  const char       *response,
                  gpointer          user_data)
{
  PaddockMarketsPage *self = PADDOCK_MARKETS_PAGE (user_data);
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  if (g_strcmp0 (response, "create") == 0)
    paddock_markets_page_create_watchlist (self, name);
  else if (g_strcmp0 (response, "rename") == 0)
    paddock_markets_page_rename_watchlist (self, name);
}

static void
name_changed_cb (GtkEditable      *entry,
                 AdwMessageDialog *dialog)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (entry)));
  gboolean ok = *name != '\0' && g_utf8_strlen (name, -1) <= PADDOCK_WATCHLIST_NAME_MAX;

  adw_message_dialog_set_response_enabled (dialog, g_object_get_data (G_OBJECT (dialog),
                                                                     "response"), ok);
}

static void
name_activate_cb (GtkEntry         *entry,
                  AdwMessageDialog *dialog)
{
  const char *response = adw_message_dialog_get_default_response (dialog);

  if (adw_message_dialog_get_response_enabled (dialog, response))
    adw_message_dialog_response (dialog, response);
  gtk_window_close (GTK_WINDOW (dialog));
}

static void
ask_name (PaddockMarketsPage *self,
          gboolean            create)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  const char *response = create ? "create" : "rename";
  GtkWidget *entry = gtk_entry_new ();
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root)
                                                                            : NULL,
                                                       create ? _("New Watchlist")
                                                              : _("Rename Watchlist"),
                                                       NULL));
  gtk_widget_set_name (GTK_WIDGET (dialog), "markets-name-dialog");
  gtk_entry_set_max_length (GTK_ENTRY (entry), PADDOCK_WATCHLIST_NAME_MAX);
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Name"));
  if (!create && self->current != NULL)
    gtk_editable_set_text (GTK_EDITABLE (entry), paddock_watchlist_get_name (self->current));
  adw_message_dialog_set_extra_child (dialog, entry);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), response,
                                    create ? _("C_reate") : _("_Rename"), NULL);
  adw_message_dialog_set_response_appearance (dialog, response, ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, response);
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data (G_OBJECT (dialog), "response", (gpointer) response);
  g_signal_connect (entry, "changed", G_CALLBACK (name_changed_cb), dialog);
  g_signal_connect (entry, "activate", G_CALLBACK (name_activate_cb), dialog);
  name_changed_cb (GTK_EDITABLE (entry), dialog);
  g_signal_connect_object (dialog, "response", G_CALLBACK (name_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

static void
new_clicked_cb (PaddockMarketsPage *self)
{
  ask_name (self, TRUE);
}

static void
rename_clicked_cb (PaddockMarketsPage *self)
{
  if (self->current != NULL)
    ask_name (self, FALSE);
}

static void
delete_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    gpointer          user_data)
{
  PaddockMarketsPage *self = PADDOCK_MARKETS_PAGE (user_data);

  /* only if the list asked about is still the one chosen */
  if (g_strcmp0 (response, "delete") == 0 && self->current != NULL &&
      g_strcmp0 (g_object_get_data (G_OBJECT (dialog), "id"),
                 paddock_watchlist_get_id (self->current)) == 0)
    paddock_markets_page_delete_watchlist (self);
}

static void
delete_clicked_cb (PaddockMarketsPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autofree char *name = NULL;
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;

  if (self->current == NULL)
    return;
  name = paddock_format_printable (paddock_watchlist_get_name (self->current));
  body = g_strdup_printf (_("“%s” and its symbols will be removed from the account."), name);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root)
                                                                            : NULL,
                                                       _("Delete Watchlist?"), body));
  gtk_widget_set_name (GTK_WIDGET (dialog), "markets-delete-dialog");
  g_object_set_data_full (G_OBJECT (dialog), "id",
                          g_strdup (paddock_watchlist_get_id (self->current)), g_free);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "delete", _("_Delete"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (delete_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
sign_in_clicked_cb (PaddockMarketsPage *self)
{
  g_signal_emit (self, signals[SIGNAL_SIGN_IN_REQUESTED], 0);
}

/* ---- adding a symbol: completion from the asset list -------------------------------- */

static void
add_activate_cb (PaddockMarketsPage *self)
{
  paddock_markets_page_add_symbol (self, gtk_editable_get_text (GTK_EDITABLE (self->symbol_entry)));
}

static void
suggestion_activated_cb (PaddockMarketsPage *self,
                         GtkListBoxRow      *row)
{
  const char *symbol = g_object_get_data (G_OBJECT (row), "symbol");

  gtk_popover_popdown (self->suggestions);
  gtk_editable_set_text (GTK_EDITABLE (self->symbol_entry), symbol);
  gtk_editable_set_position (GTK_EDITABLE (self->symbol_entry), -1);
  paddock_markets_page_add_symbol (self, symbol);
}

static void
entry_changed_cb (PaddockMarketsPage *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->symbol_entry));
  g_autoptr (GPtrArray) found = NULL;

  show_message (self, NULL);
  clear_box (GTK_WIDGET (self->suggestions_box));
  if (*text != '\0')
    ensure_assets (self);
  if (*text == '\0' || self->asset_cache == NULL ||
      !paddock_asset_cache_is_loaded (self->asset_cache) ||
      !gtk_widget_get_mapped (GTK_WIDGET (self->symbol_entry)))
    {
      gtk_popover_popdown (self->suggestions);
      return;
    }
  found = paddock_asset_cache_search (self->asset_cache, text, SUGGESTIONS_MAX);
  for (guint i = 0; found != NULL && i < found->len; i++)
    {
      PaddockAsset *asset = g_ptr_array_index (found, i);
      g_autofree char *name = paddock_format_printable (paddock_asset_get_name (asset) != NULL ?
                                                        paddock_asset_get_name (asset) : "");
      g_autofree char *line = g_strdup_printf ("%s  %s", paddock_asset_get_symbol (asset), name);
      GtkWidget *row = gtk_list_box_row_new ();
      GtkWidget *label = cell_label ("markets-suggestion", line, 0, -1);

      gtk_label_set_max_width_chars (GTK_LABEL (label), 40);
      g_object_set_data_full (G_OBJECT (row), "symbol",
                              g_strdup (paddock_asset_get_symbol (asset)), g_free);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), label);
      gtk_list_box_append (self->suggestions_box, row);
    }
  if (found != NULL && found->len > 0)
    gtk_popover_popup (self->suggestions);
  else
    gtk_popover_popdown (self->suggestions);
}

static void
asset_cache_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr (PaddockMarketsPage) self = user_data;
  g_autoptr (GError) error = NULL;

  if (!paddock_asset_cache_load_finish (PADDOCK_ASSET_CACHE (object), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_message ("The list of assets could not be loaded: %s", error->message);
      /* a failed load is not kept: the next need asks again */
      g_clear_object (&self->asset_cache);
    }
  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    set_busy (self, FALSE);
}

/* The session's list of assets (several MB with a real broker) is asked for the first time
 * the page needs it: when the watchlists are shown or a symbol is typed, not at sign-in. */
static void
ensure_assets (PaddockMarketsPage *self)
{
  if (self->session == NULL || self->asset_cache != NULL)
    return;
  self->asset_cache = g_object_ref (paddock_session_get_asset_cache (self->session));
  if (paddock_asset_cache_is_loaded (self->asset_cache))
    return;
  set_busy (self, TRUE);
  paddock_asset_cache_load_async (self->asset_cache, self->cancellable, asset_cache_cb,
                                  g_object_ref (self));
}

/* ---- rows: activation and Alt+Up/Down ------------------------------------------------ */

static void
row_activated_cb (PaddockMarketsPage *self,
                  GtkListBoxRow      *row)
{
  const char *symbol = g_object_get_data (G_OBJECT (row), "symbol");

  if (symbol != NULL)
    g_signal_emit (self, signals[SIGNAL_SYMBOL_ACTIVATED], 0, symbol);
}

static gboolean
rows_key_cb (GtkEventControllerKey *controller,
             guint                  keyval,
             guint                  keycode,
             GdkModifierType        state,
             gpointer               user_data)
{
  PaddockMarketsPage *self = PADDOCK_MARKETS_PAGE (user_data);
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (GTK_WIDGET (self->rows_box)));
  GtkWidget *row;

  if ((state & GDK_ALT_MASK) == 0 || (keyval != GDK_KEY_Up && keyval != GDK_KEY_Down))
    return FALSE;
  row = focus != NULL ? gtk_widget_get_ancestor (focus, GTK_TYPE_LIST_BOX_ROW) : NULL;
  if (row == NULL || gtk_widget_get_parent (row) != GTK_WIDGET (self->rows_box))
    return FALSE;
  paddock_markets_page_move_symbol (self, g_object_get_data (G_OBJECT (row), "symbol"),
                                    keyval == GDK_KEY_Up ? -1 : 1);
  return TRUE;
}

/* ---- movers -------------------------------------------------------------------------- */

static void
mover_row_activated_cb (GtkListBox    *box,
                        GtkListBoxRow *row,
                        gpointer       user_data)
{
  row_activated_cb (PADDOCK_MARKETS_PAGE (user_data), row);
}

static GtkWidget *
movers_column (PaddockMarketsPage *self,
               const char         *name,
               const char         *title,
               GtkWidget         **list)
{
  GtkWidget *column = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *heading = gtk_label_new (title);

  gtk_widget_set_name (column, name);
  gtk_widget_add_css_class (heading, "heading");
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  *list = gtk_list_box_new ();
  gtk_widget_set_name (*list, "markets-movers-list");
  gtk_widget_set_valign (*list, GTK_ALIGN_START);
  gtk_widget_add_css_class (*list, "boxed-list");
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (*list), GTK_SELECTION_NONE);
  g_signal_connect (*list, "row-activated", G_CALLBACK (mover_row_activated_cb), self);
  gtk_box_append (GTK_BOX (column), heading);
  gtk_box_append (GTK_BOX (column), *list);
  return column;
}

static GtkWidget *
mover_row_new (const char *symbol,
               const char *left,
               const char *right,
               const char *sign)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *symbol_label = cell_label ("markets-mover-symbol", symbol, 0, 6);
  GtkWidget *value = cell_label ("markets-mover-value", left, 1, -1);
  GtkWidget *change = right != NULL ? cell_label ("markets-mover-change", right, 1, 9) : NULL;

  g_object_set_data_full (G_OBJECT (row), "symbol", g_strdup (symbol), g_free);
  gtk_widget_add_css_class (symbol_label, "heading");
  gtk_widget_set_hexpand (value, TRUE);
  gtk_widget_add_css_class (value, "numeric");
  if (change != NULL)
    {
      gtk_widget_add_css_class (change, "numeric");
      set_signed_label (GTK_LABEL (change), right, sign);
    }
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_box_append (GTK_BOX (box), symbol_label);
  gtk_box_append (GTK_BOX (box), value);
  if (change != NULL)
    gtk_box_append (GTK_BOX (box), change);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  return row;
}

static void
fill_movers (PaddockMarketsPage *self)
{
  GtkWidget *actives, *gainers, *losers;

  clear_box (self->movers_columns);
  if (self->movers_error != NULL)
    {
      g_autofree char *text = paddock_format_printable (self->movers_error->message);

      adw_status_page_set_description (self->movers_error_page, text);
      gtk_stack_set_visible_child_name (self->movers_stack, "error");
      return;
    }
  gtk_flow_box_append (GTK_FLOW_BOX (self->movers_columns),
                       movers_column (self, "markets-most-actives", _("Most Active"), &actives));
  gtk_flow_box_append (GTK_FLOW_BOX (self->movers_columns),
                       movers_column (self, "markets-gainers", _("Top Gainers"), &gainers));
  gtk_flow_box_append (GTK_FLOW_BOX (self->movers_columns),
                       movers_column (self, "markets-losers", _("Top Losers"), &losers));

  for (guint i = 0; self->most_actives != NULL && i < self->most_actives->len; i++)
    {
      PaddockMostActive *item = g_ptr_array_index (self->most_actives, i);
      g_autofree char *volume = item->volume != NULL ? paddock_format_quantity (item->volume)
                                                     : g_strdup ("—");
      g_autofree char *trades = item->trade_count != NULL ?
                                paddock_format_quantity (item->trade_count) : g_strdup ("—");
      g_autofree char *volume_text = g_strdup_printf (_("%s shares"), volume);
      g_autofree char *trades_text = g_strdup_printf (_("%s trades"), trades);

      GtkWidget *row = mover_row_new (item->symbol, volume_text, NULL, NULL);

      /* ranked by volume; the number of trades on hover, to keep the column narrow */
      gtk_widget_set_tooltip_text (row, trades_text);
      gtk_list_box_append (GTK_LIST_BOX (actives), row);
    }
  for (guint side = 0; side < 2 && self->movers != NULL; side++)
    {
      GPtrArray *list = side == 0 ? self->movers->gainers : self->movers->losers;

      for (guint i = 0; list != NULL && i < list->len; i++)
        {
          PaddockMover *mover = g_ptr_array_index (list, i);
          g_autofree char *price = mover->price != NULL ? paddock_format_money (mover->price, "USD")
                                                        : g_strdup ("—");
          g_autofree char *percent = format_percent (mover->percent_change);

          gtk_list_box_append (GTK_LIST_BOX (side == 0 ? gainers : losers),
                               mover_row_new (mover->symbol, price, percent,
                                              mover->percent_change));
        }
    }
  gtk_stack_set_visible_child_name (self->movers_stack, "list");
}

static void
movers_part_done (PaddockMarketsPage *self,
                  GError             *error)
{
  if (error != NULL && self->movers_error == NULL)
    self->movers_error = g_error_copy (error);
  if (--self->movers_pending == 0)
    fill_movers (self);
  set_busy (self, FALSE);
}

static void
most_actives_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr (PaddockMarketsPage) self = user_data;
  g_autoptr (GError) error = NULL;
  GPtrArray *items = paddock_market_data_most_actives_finish (PADDOCK_MARKET_DATA (object),
                                                              result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_pointer (&self->most_actives, g_ptr_array_unref);
  self->most_actives = items;
  movers_part_done (self, error);
}

static void
movers_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr (PaddockMarketsPage) self = user_data;
  g_autoptr (GError) error = NULL;
  PaddockMovers *movers = paddock_market_data_movers_finish (PADDOCK_MARKET_DATA (object),
                                                             result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_pointer (&self->movers, paddock_movers_free);
  self->movers = movers;
  movers_part_done (self, error);
}

static void
load_movers (PaddockMarketsPage *self)
{
  if (self->market_data == NULL || self->movers_pending > 0)
    return;
  g_clear_error (&self->movers_error);
  if (gtk_stack_get_visible_child_name (self->movers_stack) != NULL &&
      g_strcmp0 (gtk_stack_get_visible_child_name (self->movers_stack), "list") != 0)
    gtk_stack_set_visible_child_name (self->movers_stack, "loading");
  self->movers_pending = 2;
  set_busy (self, TRUE);
  set_busy (self, TRUE);
  paddock_market_data_most_actives_async (self->market_data, MOVERS_TOP, self->cancellable,
                                          most_actives_cb, g_object_ref (self));
  paddock_market_data_movers_async (self->market_data, MOVERS_TOP, self->cancellable,
                                    movers_cb, g_object_ref (self));
}

static void
movers_map_cb (PaddockMarketsPage *self)
{
  load_movers (self);
}

static void
movers_retry_cb (PaddockMarketsPage *self)
{
  gtk_stack_set_visible_child_name (self->movers_stack, "loading");
  load_movers (self);
}

/* ---- the session --------------------------------------------------------------------- */

static void
clear_session (PaddockMarketsPage *self)
{
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->quotes != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->quotes, self);
      paddock_watchlist_quotes_stop (self->quotes);
    }
  g_clear_object (&self->quotes);
  g_clear_object (&self->market_data);
  g_clear_object (&self->asset_cache);
  g_clear_pointer (&self->watchlists, g_ptr_array_unref);
  g_clear_object (&self->current);
  g_clear_pointer (&self->selected_id, g_free);
  g_clear_pointer (&self->most_actives, g_ptr_array_unref);
  g_clear_pointer (&self->movers, paddock_movers_free);
  g_clear_error (&self->movers_error);
  self->movers_pending = 0;
  g_clear_object (&self->session);
}

/**
 * paddock_markets_page_set_session:
 * @self: a page
 * @session: (nullable): the account shown
 *
 * Shows @session's watchlists and the market's movers (loaded when shown).
 */
void
paddock_markets_page_set_session (PaddockMarketsPage *self,
                                  PaddockSession     *session)
{
  g_return_if_fail (PADDOCK_IS_MARKETS_PAGE (self));
  g_return_if_fail (session == NULL || PADDOCK_IS_SESSION (session));

  if (session == self->session)
    return;
  clear_session (self);
  gtk_revealer_set_reveal_child (self->scope_banner, FALSE);
  gtk_revealer_set_reveal_child (self->feed_banner, FALSE);
  show_message (self, NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->symbol_entry), "");
  clear_box (self->movers_columns);
  gtk_stack_set_visible_child_name (self->movers_stack, "loading");
  if (self->busy > 0)
    {
      self->busy = 0;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
    }
  if (session != NULL)
    {
      self->session = g_object_ref (session);
      self->cancellable = g_cancellable_new ();
      self->quotes = paddock_watchlist_quotes_new (paddock_session_get_data_client (session));
      g_signal_connect_swapped (self->quotes, "quote-changed", G_CALLBACK (quote_changed_cb),
                                self);
      g_signal_connect_swapped (self->quotes, "refreshed", G_CALLBACK (quotes_refreshed_cb),
                                self);
      self->market_data = paddock_market_data_new (paddock_session_get_data_client (session),
                                                   PADDOCK_DATA_FEED_IEX);
      apply_data_feed (self);
      apply_quote_interval (self);
      if (gtk_widget_get_mapped (self->watchlists_box))
        ensure_assets (self);
      load_lists (self);
      if (gtk_widget_get_mapped (GTK_WIDGET (self->movers_stack)))
        load_movers (self);
    }
  else
    {
      fill_chooser (self);
      rebuild_rows (self, NULL);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

/**
 * paddock_markets_page_get_session:
 *
 * Returns: (transfer none) (nullable): the account shown
 */
PaddockSession *
paddock_markets_page_get_session (PaddockMarketsPage *self)
{
  g_return_val_if_fail (PADDOCK_IS_MARKETS_PAGE (self), NULL);
  return self->session;
}

/**
 * paddock_markets_page_refresh:
 * @self: a page
 *
 * Ctrl+R: reloads what is on screen (the watchlists, or the movers).
 */
void
paddock_markets_page_refresh (PaddockMarketsPage *self)
{
  g_return_if_fail (PADDOCK_IS_MARKETS_PAGE (self));

  if (!gtk_widget_get_mapped (GTK_WIDGET (self)) || self->session == NULL)
    return;
  if (gtk_widget_get_mapped (GTK_WIDGET (self->movers_stack)))
    load_movers (self);
  else
    load_lists (self);
}

/**
 * paddock_markets_page_get_section:
 *
 * Returns: the section shown: "watchlists" or "movers"
 */
const char *
paddock_markets_page_get_section (PaddockMarketsPage *self)
{
  g_return_val_if_fail (PADDOCK_IS_MARKETS_PAGE (self), NULL);
  return gtk_stack_get_visible_child_name (self->section_stack);
}

/**
 * paddock_markets_page_set_section:
 * @self: a page
 * @section: "watchlists" or "movers"
 */
void
paddock_markets_page_set_section (PaddockMarketsPage *self,
                                  const char         *section)
{
  g_return_if_fail (PADDOCK_IS_MARKETS_PAGE (self));
  g_return_if_fail (section != NULL);
  gtk_stack_set_visible_child_name (self->section_stack, section);
}

/**
 * paddock_markets_page_get_selected_id:
 *
 * Returns: (nullable): the id of the chosen watchlist
 */
const char *
paddock_markets_page_get_selected_id (PaddockMarketsPage *self)
{
  g_return_val_if_fail (PADDOCK_IS_MARKETS_PAGE (self), NULL);
  return self->selected_id;
}

/**
 * paddock_markets_page_select_watchlist:
 * @self: a page
 * @id: a listed watchlist's id
 *
 * Chooses it, as the chooser does.
 */
void
paddock_markets_page_select_watchlist (PaddockMarketsPage *self,
                                       const char         *id)
{
  g_return_if_fail (PADDOCK_IS_MARKETS_PAGE (self));

  for (guint i = 0; self->watchlists != NULL && i < self->watchlists->len; i++)
    if (g_strcmp0 (paddock_watchlist_get_id (g_ptr_array_index (self->watchlists, i)), id) == 0)
      gtk_drop_down_set_selected (self->chooser, i);
}

/**
 * paddock_markets_page_get_busy:
 *
 * Returns: whether a call of the page is in flight (the quotes' own refreshes aside)
 */
gboolean
paddock_markets_page_get_busy (PaddockMarketsPage *self)
{
  g_return_val_if_fail (PADDOCK_IS_MARKETS_PAGE (self), FALSE);
  return self->busy > 0;
}

static void
describe_rows (JsonBuilder *b,
               GtkWidget   *box,
               const char  *value_name,
               const char  *change_name)
{
  json_builder_begin_array (b);
  for (GtkWidget *row = gtk_widget_get_first_child (box); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *change = find_child_named (row, change_name);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "symbol");
      json_builder_add_string_value (b, g_object_get_data (G_OBJECT (row), "symbol"));
      if (g_str_equal (value_name, "markets-row-price"))
        {
          json_builder_set_member_name (b, "name");
          json_builder_add_string_value (b, label_text (row, "markets-row-name"));
        }
      json_builder_set_member_name (b, g_str_equal (value_name, "markets-row-price") ? "price"
                                                                                      : "value");
      json_builder_add_string_value (b, label_text (row, value_name));
      json_builder_set_member_name (b, "change");
      json_builder_add_string_value (b, label_text (row, change_name));
      json_builder_set_member_name (b, "colour");
      json_builder_add_string_value (b, change == NULL ? NULL :
                                     gtk_widget_has_css_class (change, "success") ? "success" :
                                     gtk_widget_has_css_class (change, "error") ? "error" : NULL);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

/**
 * paddock_markets_page_describe:
 * @self: a page
 * @builder: a builder inside an object
 *
 * Adds what the page shows (for the test hooks): the watchlists, the chosen one's rows with
 * their price and change as written, the movers' lists, the permission banner if shown.
 */
void
paddock_markets_page_describe (PaddockMarketsPage *self,
                               JsonBuilder        *b)
{
  GListModel *names = gtk_drop_down_get_model (self->chooser);
  static const char *columns[] = { "markets-most-actives", "markets-gainers", "markets-losers" };
  static const char *members[] = { "most_actives", "gainers", "losers" };

  g_return_if_fail (PADDOCK_IS_MARKETS_PAGE (self));

  json_builder_set_member_name (b, "section");
  json_builder_add_string_value (b, gtk_stack_get_visible_child_name (self->section_stack));
  json_builder_set_member_name (b, "watchlists");
  json_builder_begin_array (b);
  for (guint i = 0; names != NULL && i < g_list_model_get_n_items (names); i++)
    json_builder_add_string_value (b, gtk_string_list_get_string (GTK_STRING_LIST (names), i));
  json_builder_end_array (b);
  json_builder_set_member_name (b, "selected");
  json_builder_add_string_value (b, self->current != NULL ?
                                 paddock_watchlist_get_name (self->current) : NULL);
  json_builder_set_member_name (b, "list_state");
  json_builder_add_string_value (b, gtk_stack_get_visible_child_name (self->list_stack));
  json_builder_set_member_name (b, "rows");
  describe_rows (b, GTK_WIDGET (self->rows_box), "markets-row-price", "markets-row-change");
  json_builder_set_member_name (b, "message");
  json_builder_add_string_value (b, gtk_widget_get_visible (GTK_WIDGET (self->message_label)) ?
                                 gtk_label_get_label (self->message_label) : NULL);
  json_builder_set_member_name (b, "banner");
  json_builder_add_string_value (b, gtk_revealer_get_reveal_child (self->scope_banner) ?
                                 label_text (GTK_WIDGET (self->scope_banner),
                                             "markets-scope-label") : NULL);
  json_builder_set_member_name (b, "feed_banner");
  json_builder_add_string_value (b, gtk_revealer_get_reveal_child (self->feed_banner) ?
                                 label_text (GTK_WIDGET (self->feed_banner),
                                             "markets-feed-label") : NULL);
  json_builder_set_member_name (b, "movers_state");
  json_builder_add_string_value (b, gtk_stack_get_visible_child_name (self->movers_stack));
  json_builder_set_member_name (b, "movers");
  json_builder_begin_object (b);
  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      GtkWidget *column = find_child_named (self->movers_columns, columns[i]);
      GtkWidget *list = column != NULL ? find_child_named (column, "markets-movers-list") : NULL;

      json_builder_set_member_name (b, members[i]);
      if (list == NULL)
        json_builder_add_null_value (b);
      else
        describe_rows (b, list, "markets-mover-value", "markets-mover-change");
    }
  json_builder_end_object (b);
}

/* ---- GObject ------------------------------------------------------------------------- */

static void
paddock_markets_page_dispose (GObject *object)
{
  PaddockMarketsPage *self = PADDOCK_MARKETS_PAGE (object);
  GtkWidget *child;

  clear_session (self);
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_clear_object (&self->settings);
  if (self->suggestions != NULL)
    {
      gtk_widget_unparent (GTK_WIDGET (self->suggestions));
      self->suggestions = NULL;
    }
  gtk_widget_dispose_template (GTK_WIDGET (self), PADDOCK_TYPE_MARKETS_PAGE);
  /* the template's children without an id too */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (paddock_markets_page_parent_class)->dispose (object);
}

static void
paddock_markets_page_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  PaddockMarketsPage *self = PADDOCK_MARKETS_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy > 0);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
paddock_markets_page_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  PaddockMarketsPage *self = PADDOCK_MARKETS_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      paddock_markets_page_set_session (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
paddock_markets_page_class_init (PaddockMarketsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = paddock_markets_page_dispose;
  object_class->get_property = paddock_markets_page_get_property;
  object_class->set_property = paddock_markets_page_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, PADDOCK_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * PaddockMarketsPage::symbol-activated:
   * @symbol: the symbol of the row activated (a watchlist's or a mover's)
   */
  signals[SIGNAL_SYMBOL_ACTIVATED] =
    g_signal_new ("symbol-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                  NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  /**
   * PaddockMarketsPage::sign-in-requested:
   *
   * Sign In Again on the banner saying the sign-in lacks the account-settings permission.
   */
  signals[SIGNAL_SIGN_IN_REQUESTED] =
    g_signal_new ("sign-in-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                  NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/paddockapp/Paddock/paddock-markets-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PaddockMarketsPage, scope_banner);
  gtk_widget_class_bind_template_child (widget_class, PaddockMarketsPage, feed_banner);
  gtk_widget_class_bind_template_child (widget_class, PaddockMarketsPage, section_stack);
  gtk_widget_class_bind_template_child (widget_class, PaddockMarketsPage, watchlists_box);
  gtk_widget_class_bind_template_child (widget_class, PaddockMarketsPage, chooser);
  gtk_widget_class_bind_template_child (widget_class, PaddockMarketsPage, rename_button);
  gtk_widget_class_bind_template_child (widget_class, PaddockMarketsPage, delete_button);
  gtk_widget_class_bind_template_child (widget_class, PaddockMarketsPage, add_box);
  gtk_widget_class_bind_template_child (widget_class, PaddockMarketsPage, symbol_entry);
  gtk_widget_class_bind_template_child (widget_class, PaddockMarketsPage, add_button);
  gtk_widget_class_bind_template_child (widget_class, PaddockMarketsPage, message_label);
  gtk_widget_class_bind_template_child (widget_class, PaddockMarketsPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, PaddockMarketsPage, list_error_page);
  gtk_widget_class_bind_template_child (widget_class, PaddockMarketsPage, rows_box);
  gtk_widget_class_bind_template_child (widget_class, PaddockMarketsPage, movers_stack);
  gtk_widget_class_bind_template_child (widget_class, PaddockMarketsPage, movers_error_page);
  gtk_widget_class_bind_template_child (widget_class, PaddockMarketsPage, movers_columns);
  gtk_widget_class_bind_template_callback (widget_class, sign_in_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, watchlists_map_cb);
  gtk_widget_class_bind_template_callback (widget_class, watchlists_unmap_cb);
  gtk_widget_class_bind_template_callback (widget_class, chooser_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, new_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, rename_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, delete_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, add_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, entry_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, lists_retry_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, movers_map_cb);
  gtk_widget_class_bind_template_callback (widget_class, movers_retry_cb);
}

static void
paddock_markets_page_init (PaddockMarketsPage *self)
{
  GtkEventController *keys;
  GtkWidget *scrolled;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = paddock_settings_new ();
  if (self->settings != NULL)
    g_signal_connect_swapped (self->settings, "changed::data-feed",
                              G_CALLBACK (apply_data_feed), self);
  if (self->settings != NULL)
    g_signal_connect_swapped (self->settings, "changed::quote-refresh-interval",
                              G_CALLBACK (apply_quote_interval), self);

  keys = gtk_event_controller_key_new ();
  g_signal_connect (keys, "key-pressed", G_CALLBACK (rows_key_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->rows_box), keys);

  /* the completion: GtkEntryCompletion is deprecated after 4.8, so a popover of matches */
  self->suggestions_box = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_activate_on_single_click (self->suggestions_box, TRUE);
  g_signal_connect_swapped (self->suggestions_box, "row-activated",
                            G_CALLBACK (suggestion_activated_cb), self);
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 320);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled),
                                 GTK_WIDGET (self->suggestions_box));
  self->suggestions = GTK_POPOVER (gtk_popover_new ());
  gtk_widget_set_name (GTK_WIDGET (self->suggestions), "markets-suggestions");
  gtk_popover_set_autohide (self->suggestions, FALSE);
  gtk_popover_set_has_arrow (self->suggestions, FALSE);
  gtk_popover_set_position (self->suggestions, GTK_POS_BOTTOM);
  gtk_widget_set_can_focus (GTK_WIDGET (self->suggestions), FALSE);
  gtk_popover_set_child (self->suggestions, scrolled);
  gtk_widget_set_parent (GTK_WIDGET (self->suggestions), GTK_WIDGET (self->symbol_entry));

  gtk_list_box_set_selection_mode (self->rows_box, GTK_SELECTION_SINGLE);
  rebuild_rows (self, NULL);
  gtk_stack_set_visible_child_name (self->movers_stack, "loading");
}

/**
 * paddock_markets_page_new:
 *
 * Returns: (transfer full): a new page, without a session
 */
GtkWidget *
paddock_markets_page_new (void)
{
  return g_object_new (PADDOCK_TYPE_MARKETS_PAGE, NULL);
}
