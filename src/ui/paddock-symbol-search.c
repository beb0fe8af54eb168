/* paddock-symbol-search.c: find a symbol as you type and open it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A small modal window over the main one (Ctrl+K, win.search): a search entry and the
 * ranked matches (symbol, name, exchange) from the session's asset cache
 * (paddock_session_get_asset_cache(): the list of assets is fetched once per session).
 * While that list is on its way a spinner says so; an error says why and the next
 * keystroke asks again. GtkSearchEntry's own delay debounces the typing. Up and Down move
 * the selection without leaving the entry, Enter (or a click) opens the symbol selected in
 * its own window (paddock_symbol_window_open()) and closes the search, Escape closes it.
 */
#define G_LOG_DOMAIN "paddock-symbol-search"

#include "config.h"

#include <glib/gi18n.h>

#include "paddock-asset-cache.h"
#include "paddock-symbol-search.h"
#include "paddock-symbol-window.h"

#define MAX_MATCHES 50

struct _PaddockSymbolSearch
{
  AdwWindow parent_instance;

  PaddockSession *session;
  GCancellable *cancellable;
  gboolean loading;
  char *error;
  char *searched;             /* the text the matches are for */
  GPtrArray *matches;         /* PaddockAsset */

  GtkSearchEntry *entry;
  GtkStack *stack;
  GtkListBox *list;
  GtkLabel *message;
};

G_DEFINE_FINAL_TYPE (PaddockSymbolSearch, paddock_symbol_search, ADW_TYPE_WINDOW)

static void search_now (PaddockSymbolSearch *self);

static GtkWidget *
match_row (PaddockAsset *asset)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *symbol = gtk_label_new (paddock_asset_get_symbol (asset));
  GtkWidget *name = gtk_label_new (paddock_asset_get_name (asset));
  GtkWidget *exchange = gtk_label_new (paddock_asset_get_exchange (asset));

  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_add_css_class (symbol, "heading");
  gtk_widget_set_size_request (symbol, 72, -1);
  gtk_label_set_xalign (GTK_LABEL (symbol), 0);
  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (name, TRUE);
  gtk_widget_add_css_class (exchange, "dim-label");
  gtk_widget_add_css_class (exchange, "caption");
  gtk_box_append (GTK_BOX (box), symbol);
  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), exchange);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  return row;
}

static void
show_message (PaddockSymbolSearch *self,
              const char          *text)
{
  gtk_label_set_text (self->message, text);
  gtk_stack_set_visible_child_name (self->stack, "message");
}

static void
loaded_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr (PaddockSymbolSearch) self = user_data;
  g_autoptr (GError) error = NULL;

  if (!paddock_asset_cache_load_finish (PADDOCK_ASSET_CACHE (source), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      self->loading = FALSE;
      g_free (self->error);
      self->error = g_strdup (error->message);
      show_message (self, error->message);
      return;
    }
  self->loading = FALSE;
  search_now (self);
}

static void
search_now (PaddockSymbolSearch *self)
{
  PaddockAssetCache *cache = paddock_session_get_asset_cache (self->session);
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->entry));
  g_autofree char *stripped = g_strstrip (g_strdup (text));
  GtkWidget *child;

  if (!paddock_asset_cache_is_loaded (cache))
    {
      if (!self->loading)
        {
          self->loading = TRUE;
          g_clear_pointer (&self->error, g_free);
          paddock_asset_cache_load_async (cache, self->cancellable, loaded_cb, g_object_ref (self));
        }
      gtk_stack_set_visible_child_name (self->stack, "loading");
      return;
    }

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
  g_clear_pointer (&self->matches, g_ptr_array_unref);
  g_free (self->searched);
  self->searched = g_strdup (stripped);

  if (stripped[0] == '\0')
    {
      self->matches = g_ptr_array_new_with_free_func (g_object_unref);
      show_message (self, _("Type a symbol or a company name"));
      return;
    }
  self->matches = paddock_asset_cache_search (cache, stripped, MAX_MATCHES);
  if (self->matches->len == 0)
    {
      show_message (self, _("No matches"));
      return;
    }
  for (guint i = 0; i < self->matches->len; i++)
    gtk_list_box_append (self->list, match_row (g_ptr_array_index (self->matches, i)));
  gtk_list_box_select_row (self->list, gtk_list_box_get_row_at_index (self->list, 0));
  gtk_stack_set_visible_child_name (self->stack, "list");
}

static void
open_asset (PaddockSymbolSearch *self,
            PaddockAsset        *asset)
{
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  g_autoptr (PaddockSession) session = g_object_ref (self->session);
  g_autofree char *symbol = g_strdup (paddock_asset_get_symbol (asset));

  gtk_window_destroy (GTK_WINDOW (self));
  paddock_symbol_window_open (parent, session, symbol);
}

static void
row_activated_cb (GtkListBox          *list,
                  GtkListBoxRow       *row,
                  PaddockSymbolSearch *self)
{
  int index = gtk_list_box_row_get_index (row);

  if (self->matches != NULL && index >= 0 && (guint) index < self->matches->len)
    open_asset (self, g_ptr_array_index (self->matches, index));
}

static void
entry_activate_cb (PaddockSymbolSearch *self)
{
  /* Enter right after typing: match what is typed now, not what was typed 150 ms ago */
  if (!self->loading &&
      g_strcmp0 (self->searched, gtk_editable_get_text (GTK_EDITABLE (self->entry))) != 0)
    search_now (self);
  paddock_symbol_search_activate (self);
}

static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                PaddockSymbolSearch   *self)
{
  switch (keyval)
    {
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      paddock_symbol_search_move (self, 1);
      return TRUE;
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      paddock_symbol_search_move (self, -1);
      return TRUE;
    default:
      return FALSE;
    }
}

static void
stop_search_cb (PaddockSymbolSearch *self)
{
  gtk_window_close (GTK_WINDOW (self));
}

static void
paddock_symbol_search_dispose (GObject *object)
{
  PaddockSymbolSearch *self = PADDOCK_SYMBOL_SEARCH (object);

  g_cancellable_cancel (self->cancellable);
  G_OBJECT_CLASS (paddock_symbol_search_parent_class)->dispose (object);
}

static void
paddock_symbol_search_finalize (GObject *object)
{
  PaddockSymbolSearch *self = PADDOCK_SYMBOL_SEARCH (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->session);
  g_clear_pointer (&self->matches, g_ptr_array_unref);
  g_free (self->error);
  g_free (self->searched);
  G_OBJECT_CLASS (paddock_symbol_search_parent_class)->finalize (object);
}

static void
paddock_symbol_search_class_init (PaddockSymbolSearchClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = paddock_symbol_search_dispose;
  object_class->finalize = paddock_symbol_search_finalize;
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
paddock_symbol_search_init (PaddockSymbolSearch *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *spinner = gtk_spinner_new ();
  GtkWidget *loading = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *loading_label = gtk_label_new (_("Loading the list of symbols…"));
  GtkEventController *keys = gtk_event_controller_key_new ();

  self->cancellable = g_cancellable_new ();
  gtk_window_set_title (GTK_WINDOW (self), _("Search Symbols"));
  gtk_window_set_default_size (GTK_WINDOW (self), 520, 480);
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);

  self->entry = GTK_SEARCH_ENTRY (gtk_search_entry_new ());
  gtk_widget_set_name (GTK_WIDGET (self->entry), "symbol-search-entry");
  gtk_widget_set_hexpand (GTK_WIDGET (self->entry), TRUE);
  g_object_set (self->entry, "placeholder-text", _("Symbol or company name"), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Search symbols"), -1);
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), GTK_WIDGET (self->entry));
  g_signal_connect_swapped (self->entry, "search-changed", G_CALLBACK (search_now), self);
  g_signal_connect_swapped (self->entry, "activate", G_CALLBACK (entry_activate_cb), self);
  g_signal_connect_swapped (self->entry, "stop-search", G_CALLBACK (stop_search_cb), self);
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->entry), keys);
  gtk_box_append (GTK_BOX (box), header);

  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->stack), TRUE);

  gtk_spinner_set_spinning (GTK_SPINNER (spinner), TRUE);
  gtk_widget_set_size_request (spinner, 32, 32);
  gtk_widget_add_css_class (loading_label, "dim-label");
  gtk_widget_set_valign (loading, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (loading), spinner);
  gtk_box_append (GTK_BOX (loading), loading_label);
  gtk_stack_add_named (self->stack, loading, "loading");

  self->message = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_set_name (GTK_WIDGET (self->message), "symbol-search-message");
  gtk_widget_add_css_class (GTK_WIDGET (self->message), "dim-label");
  gtk_label_set_wrap (self->message, TRUE);
  gtk_stack_add_named (self->stack, GTK_WIDGET (self->message), "message");

  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_widget_set_name (GTK_WIDGET (self->list), "symbol-search-list");
  gtk_list_box_set_selection_mode (self->list, GTK_SELECTION_BROWSE);
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "navigation-sidebar");
  g_signal_connect (self->list, "row-activated", G_CALLBACK (row_activated_cb), self);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (self->list));
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_stack_add_named (self->stack, scrolled, "list");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->stack));

  adw_window_set_content (ADW_WINDOW (self), box);
}

/* The window it belongs to is going: so is this one, and what it waits for */
static void
parent_destroyed_cb (PaddockSymbolSearch *self)
{
  g_cancellable_cancel (self->cancellable);
  gtk_window_set_transient_for (GTK_WINDOW (self), NULL);
  gtk_window_destroy (GTK_WINDOW (self));
}

/**
 * paddock_symbol_search_new:
 * @parent: the main window (the symbol opened belongs to it)
 * @session: the account shown: its asset cache is searched
 *
 * Returns: (transfer none): a new search window, not yet shown; it asks for the list of
 *   assets at once when the session's cache does not have it yet
 */
PaddockSymbolSearch *
paddock_symbol_search_new (GtkWindow      *parent,
                           PaddockSession *session)
{
  PaddockSymbolSearch *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (PADDOCK_IS_SESSION (session), NULL);

  self = g_object_new (PADDOCK_TYPE_SYMBOL_SEARCH, NULL);
  self->session = g_object_ref (session);
  if (parent != NULL)
    {
      gtk_window_set_transient_for (GTK_WINDOW (self), parent);
      /* not destroy-with-parent: GTK then keeps the parent's pointer until our dispose,
       * which a reply still on its way may delay past the parent's end */
      g_signal_connect_object (parent, "destroy", G_CALLBACK (parent_destroyed_cb), self,
                               G_CONNECT_SWAPPED);
    }
  search_now (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->entry));
  return self;
}

PaddockSession *
paddock_symbol_search_get_session (PaddockSymbolSearch *self)
{
  g_return_val_if_fail (PADDOCK_IS_SYMBOL_SEARCH (self), NULL);
  return self->session;
}

const char *
paddock_symbol_search_get_text (PaddockSymbolSearch *self)
{
  g_return_val_if_fail (PADDOCK_IS_SYMBOL_SEARCH (self), NULL);
  return gtk_editable_get_text (GTK_EDITABLE (self->entry));
}

/* Types @text into the entry (the matches follow after the entry's delay) */
void
paddock_symbol_search_set_text (PaddockSymbolSearch *self,
                                const char          *text)
{
  g_return_if_fail (PADDOCK_IS_SYMBOL_SEARCH (self));
  gtk_editable_set_text (GTK_EDITABLE (self->entry), text != NULL ? text : "");
  gtk_editable_set_position (GTK_EDITABLE (self->entry), -1);
}

/* TRUE while the list of assets is on its way */
gboolean
paddock_symbol_search_get_loading (PaddockSymbolSearch *self)
{
  g_return_val_if_fail (PADDOCK_IS_SYMBOL_SEARCH (self), FALSE);
  return self->loading;
}

/* Why the list of assets could not be had, or NULL */
const char *
paddock_symbol_search_get_error (PaddockSymbolSearch *self)
{
  g_return_val_if_fail (PADDOCK_IS_SYMBOL_SEARCH (self), NULL);
  return self->error;
}

/* The text the matches shown are for (NULL before the list of assets is there) */
const char *
paddock_symbol_search_get_searched (PaddockSymbolSearch *self)
{
  g_return_val_if_fail (PADDOCK_IS_SYMBOL_SEARCH (self), NULL);
  return self->searched;
}

/* Returns: (transfer none) (nullable) (element-type PaddockAsset): the matches shown */
GPtrArray *
paddock_symbol_search_get_matches (PaddockSymbolSearch *self)
{
  g_return_val_if_fail (PADDOCK_IS_SYMBOL_SEARCH (self), NULL);
  return self->matches;
}

/* The index of the match selected, -1 when none */
int
paddock_symbol_search_get_selected (PaddockSymbolSearch *self)
{
  GtkListBoxRow *row;

  g_return_val_if_fail (PADDOCK_IS_SYMBOL_SEARCH (self), -1);
  row = gtk_list_box_get_selected_row (self->list);
  return row != NULL ? gtk_list_box_row_get_index (row) : -1;
}

/* Moves the selection by @delta matches (what Up and Down do), staying in the list */
void
paddock_symbol_search_move (PaddockSymbolSearch *self,
                            int                  delta)
{
  int n, index;
  GtkListBoxRow *row;

  g_return_if_fail (PADDOCK_IS_SYMBOL_SEARCH (self));

  n = self->matches != NULL ? (int) self->matches->len : 0;
  if (n == 0)
    return;
  index = CLAMP (paddock_symbol_search_get_selected (self) + delta, 0, n - 1);
  row = gtk_list_box_get_row_at_index (self->list, index);
  gtk_list_box_select_row (self->list, row);
}

/* Opens the match selected, as Enter does; FALSE when there is none */
gboolean
paddock_symbol_search_activate (PaddockSymbolSearch *self)
{
  int index;

  g_return_val_if_fail (PADDOCK_IS_SYMBOL_SEARCH (self), FALSE);

  index = paddock_symbol_search_get_selected (self);
  if (self->matches == NULL || index < 0 || (guint) index >= self->matches->len)
    return FALSE;
  open_asset (self, g_ptr_array_index (self->matches, index));
  return TRUE;
}
