/* paddock-watchlist-quotes.c: the latest price and today's change of a watchlist's symbols
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A refresh in flight holds only a weak reference to the object, so that dropping the
 * object (dispose cancels the refresh) never waits for the network. The periodic refresh
 * is started again only after the previous one ended, and only by the start() that
 * began it (a generation number), so stop() then start() never runs two timers.
 */
#define G_LOG_DOMAIN "paddock-watchlist-quotes"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "paddock-error.h"
#include "paddock-format.h"
#include "paddock-model-private.h"
#include "paddock-watchlist-quotes.h"
#include "paddock-watchlist-quotes-private.h"

struct _PaddockWatchlistQuotes
{
  GObject parent_instance;

  PaddockClient *client;
  GStrv symbols;               /* never NULL, no duplicates */
  char *feed;
  guint interval_ms;

  gboolean running;
  guint generation;            /* one more at every start() */
  guint timeout_id;
  GCancellable *cancellable;   /* cancelled in dispose */
  GCancellable *running_cancellable;  /* the periodic refresh's; cancelled by stop() */

  GHashTable *quotes;          /* symbol → PaddockWatchlistQuote* */
};

G_DEFINE_FINAL_TYPE (PaddockWatchlistQuotes, paddock_watchlist_quotes, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_RUNNING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  QUOTE_CHANGED,
  REFRESHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct
{
  GWeakRef self;
  GTask *task;                 /* paddock_watchlist_quotes_refresh_async()'s, or NULL */
  gboolean periodic;
  guint generation;
  GStrv symbols;               /* the symbols asked for */
  gboolean sip;                /* asked with feed=sip */
} RefreshCall;

static void send_refresh (PaddockWatchlistQuotes *self,
                          RefreshCall            *call,
                          GCancellable           *cancellable);

/* ---- snapshots ---------------------------------------------------------------------- */

static const PaddockField trade_fields[] = {
  { "p", PADDOCK_FIELD_DECIMAL, PADDOCK_FIELD_REQUIRED },
  { "t", PADDOCK_FIELD_TIME, PADDOCK_FIELD_LENIENT },
};

static const PaddockFieldTable trade_table = {
  "trade", trade_fields, G_N_ELEMENTS (trade_fields), NULL, NULL,
};

static const PaddockField bar_fields[] = {
  { "c", PADDOCK_FIELD_DECIMAL, PADDOCK_FIELD_REQUIRED },
};

static const PaddockFieldTable bar_table = {
  "bar", bar_fields, G_N_ELEMENTS (bar_fields), NULL, NULL,
};

static void
quote_free (PaddockWatchlistQuote *quote)
{
  g_free (quote->symbol);
  g_free (quote->price);
  g_clear_pointer (&quote->time, g_date_time_unref);
  g_free (quote->previous_close);
  g_free (quote->change);
  g_free (quote->change_percent);
  g_free (quote);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PaddockWatchlistQuote, quote_free)

static gboolean
quote_equal (const PaddockWatchlistQuote *a,
             const PaddockWatchlistQuote *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return g_strcmp0 (a->price, b->price) == 0 &&
         g_strcmp0 (a->previous_close, b->previous_close) == 0 &&
         ((a->time == NULL && b->time == NULL) ||
          (a->time != NULL && b->time != NULL && g_date_time_equal (a->time, b->time)));
}

/* change as a percentage of base, two decimals; NULL when base is zero */
static char *
percent_of (const char *change,
            const char *base)
{
  double c = g_ascii_strtod (change, NULL);
  double b = g_ascii_strtod (base, NULL);
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (b == 0.0)
    return NULL;
  g_ascii_formatd (buffer, sizeof buffer, "%.2f", c / b * 100.0);
  if (g_str_equal (buffer, "-0.00"))
    return g_strdup ("0.00");
  return g_strdup (buffer);
}

/* One symbol's snapshot; NULL (logged) when it has no usable latest trade */
static PaddockWatchlistQuote *
quote_from_snapshot (const char *symbol,
                     JsonNode   *node)
{
  PaddockFieldValue trade[G_N_ELEMENTS (trade_fields)] = { { 0 } };
  PaddockFieldValue bar[G_N_ELEMENTS (bar_fields)] = { { 0 } };
  g_autoptr (PaddockWatchlistQuote) quote = NULL;
  g_autoptr (GError) error = NULL;
  JsonNode *trade_node, *bar_node;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  trade_node = json_object_get_member (json_node_get_object (node), "latestTrade");
  bar_node = json_object_get_member (json_node_get_object (node), "prevDailyBar");
  if (trade_node == NULL || JSON_NODE_HOLDS_NULL (trade_node))
    return NULL;
  if (!_paddock_model_check_object (&trade_table, trade_node, &error) ||
      !_paddock_model_parse (&trade_table, json_node_get_object (trade_node), trade, &error))
    {
      g_debug ("The latest trade of a snapshot is unusable: %s", error->message);
      return NULL;
    }

  quote = g_new0 (PaddockWatchlistQuote, 1);
  quote->symbol = g_strdup (symbol);
  quote->price = g_steal_pointer (&trade[0].text);
  if (trade[1].time != NULL)
    quote->time = g_date_time_ref (trade[1].time);
  _paddock_model_clear (&trade_table, trade);

  if (bar_node != NULL && !JSON_NODE_HOLDS_NULL (bar_node))
    {
      if (_paddock_model_check_object (&bar_table, bar_node, &error) &&
          _paddock_model_parse (&bar_table, json_node_get_object (bar_node), bar, &error))
        {
          quote->previous_close = g_steal_pointer (&bar[0].text);
          quote->change = paddock_decimal_sub (quote->price, quote->previous_close);
          if (quote->change != NULL)
            quote->change_percent = percent_of (quote->change, quote->previous_close);
          _paddock_model_clear (&bar_table, bar);
        }
      else
        g_debug ("The previous daily bar of a snapshot is unusable: %s", error->message);
    }
  return g_steal_pointer (&quote);
}

PaddockWatchlistQuote *
_paddock_watchlist_quote_from_snapshot (const char *symbol,
                                        JsonNode   *node)
{
  return quote_from_snapshot (symbol, node);
}

void
_paddock_watchlist_quote_free (PaddockWatchlistQuote *quote)
{
  quote_free (quote);
}

/* Takes in a snapshots reply for `asked`; FALSE with PADDOCK_ERROR_PROTOCOL if it is not
 * one. Signals every symbol whose figures changed. */
static gboolean
apply_snapshots (PaddockWatchlistQuotes  *self,
                 const char * const      *asked,
                 JsonNode                *node,
                 GError                 **error)
{
  g_autoptr (GPtrArray) changed = g_ptr_array_new_with_free_func (g_free);
  JsonObject *object;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error_literal (error, PADDOCK_ERROR, PADDOCK_ERROR_PROTOCOL,
                           _("The latest prices are not a JSON object."));
      return FALSE;
    }
  object = json_node_get_object (node);

  for (guint i = 0; asked[i] != NULL; i++)
    {
      PaddockWatchlistQuote *quote;

      /* a symbol dropped from the list meanwhile is not brought back */
      if (!g_strv_contains ((const char * const *) self->symbols, asked[i]))
        continue;
      quote = quote_from_snapshot (asked[i], json_object_get_member (object, asked[i]));
      if (quote_equal (quote, g_hash_table_lookup (self->quotes, asked[i])))
        {
          g_clear_pointer (&quote, quote_free);
          continue;
        }
      if (quote != NULL)
        g_hash_table_replace (self->quotes, g_strdup (asked[i]), quote);
      else
        g_hash_table_remove (self->quotes, asked[i]);
      g_ptr_array_add (changed, g_strdup (asked[i]));
    }

  for (guint i = 0; i < changed->len; i++)
    g_signal_emit (self, signals[QUOTE_CHANGED], 0, g_ptr_array_index (changed, i));
  return TRUE;
}

/* ---- refreshing --------------------------------------------------------------------- */

static void
refresh_call_free (RefreshCall *call)
{
  g_weak_ref_clear (&call->self);
  g_clear_object (&call->task);
  g_strfreev (call->symbols);
  g_free (call);
}

static gboolean
tick_cb (gpointer user_data)
{
  PaddockWatchlistQuotes *self = user_data;
  RefreshCall *call = g_new0 (RefreshCall, 1);

  self->timeout_id = 0;
  g_weak_ref_init (&call->self, self);
  call->periodic = TRUE;
  call->generation = self->generation;
  send_refresh (self, call, self->running_cancellable);
  return G_SOURCE_REMOVE;
}

static void
schedule_next (PaddockWatchlistQuotes *self)
{
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  self->timeout_id = g_timeout_add (self->interval_ms, tick_cb, self);
}

/* Ends one refresh: the object's part (when it is still there), then the caller's task */
static void
refresh_done (RefreshCall *call,
              JsonNode    *node,
              GError      *error)
{
  g_autoptr (PaddockWatchlistQuotes) self = g_weak_ref_get (&call->self);
  gboolean cancelled = error != NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  if (self != NULL && !cancelled)
    {
      if (error == NULL && node != NULL)
        apply_snapshots (self, (const char * const *) call->symbols, node, &error);
      g_signal_emit (self, signals[REFRESHED], 0, error);
      if (call->periodic && self->running && call->generation == self->generation)
        schedule_next (self);
    }

  if (call->task != NULL)
    {
      if (error != NULL)
        g_task_return_error (call->task, g_steal_pointer (&error));
      else
        g_task_return_boolean (call->task, TRUE);
    }
  g_clear_error (&error);
  refresh_call_free (call);
}

/* A 403 to a request for SIP data is the plan's refusal (alpaca-api.md §5.1), decided on
 * the status and what was asked, never on the message, as PaddockMarketData does. */
static GError *
map_error (RefreshCall *call,
           GError      *error)
{
  GError *sip;

  if (error == NULL || !call->sip ||
      !g_error_matches (error, PADDOCK_ERROR, PADDOCK_ERROR_REJECTED) ||
      paddock_error_get_http_status (error) != 403)
    return error;

  g_debug ("SIP refused: %s", error->message);
  sip = g_error_new_literal (PADDOCK_ERROR, PADDOCK_ERROR_SIP_NOT_PERMITTED,
                             _("Your market data plan does not include SIP data. "
                               "Choose IEX in Preferences."));
  paddock_error_set_api_details (sip, 403, paddock_error_get_api_code (error));
  g_error_free (error);
  return sip;
}

static void
snapshots_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  RefreshCall *call = user_data;
  GError *error = NULL;
  g_autoptr (JsonNode) node = paddock_client_request_finish (PADDOCK_CLIENT (object), result,
                                                             &error);

  refresh_done (call, node, map_error (call, error));
}

static void
send_refresh (PaddockWatchlistQuotes *self,
              RefreshCall            *call,
              GCancellable           *cancellable)
{
  g_autoptr (GHashTable) query = NULL;
  g_autofree char *joined = NULL;

  call->symbols = g_strdupv (self->symbols);
  if (call->symbols[0] == NULL)
    {
      /* nothing to ask for: a refresh that changes nothing */
      refresh_done (call, NULL, NULL);
      return;
    }

  joined = g_strjoinv (",", call->symbols);
  query = g_hash_table_new (g_str_hash, g_str_equal);
  g_hash_table_insert (query, (gpointer) "symbols", joined);
  g_hash_table_insert (query, (gpointer) "feed", self->feed);
  call->sip = g_str_equal (self->feed, "sip");
  paddock_client_request_async (self->client, "GET", "/v2/stocks/snapshots", query, NULL,
                                PADDOCK_REQUEST_IDEMPOTENT, cancellable, snapshots_cb, call);
}

/* ---- GObject ------------------------------------------------------------------------ */

static void
paddock_watchlist_quotes_dispose (GObject *object)
{
  PaddockWatchlistQuotes *self = PADDOCK_WATCHLIST_QUOTES (object);

  paddock_watchlist_quotes_stop (self);
  g_cancellable_cancel (self->cancellable);

  G_OBJECT_CLASS (paddock_watchlist_quotes_parent_class)->dispose (object);
}

static void
paddock_watchlist_quotes_finalize (GObject *object)
{
  PaddockWatchlistQuotes *self = PADDOCK_WATCHLIST_QUOTES (object);

  g_clear_object (&self->client);
  g_clear_pointer (&self->symbols, g_strfreev);
  g_clear_pointer (&self->feed, g_free);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->running_cancellable);
  g_clear_pointer (&self->quotes, g_hash_table_unref);

  G_OBJECT_CLASS (paddock_watchlist_quotes_parent_class)->finalize (object);
}

static void
paddock_watchlist_quotes_get_property (GObject    *object,
                                       guint       prop_id,
                                       GValue     *value,
                                       GParamSpec *pspec)
{
  PaddockWatchlistQuotes *self = PADDOCK_WATCHLIST_QUOTES (object);

  switch (prop_id)
    {
    case PROP_RUNNING:
      g_value_set_boolean (value, self->running);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
paddock_watchlist_quotes_class_init (PaddockWatchlistQuotesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = paddock_watchlist_quotes_dispose;
  object_class->finalize = paddock_watchlist_quotes_finalize;
  object_class->get_property = paddock_watchlist_quotes_get_property;

  /**
   * PaddockWatchlistQuotes:running:
   *
   * Whether it refreshes on its interval (between start() and stop()).
   */
  properties[PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * PaddockWatchlistQuotes::quote-changed:
   * @symbol: the symbol whose figures changed (or that has none any more)
   */
  signals[QUOTE_CHANGED] = g_signal_new ("quote-changed", G_TYPE_FROM_CLASS (klass),
                                         G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                         G_TYPE_NONE, 1, G_TYPE_STRING);
  /**
   * PaddockWatchlistQuotes::refreshed:
   * @error: (nullable): why the refresh failed, or %NULL
   *
   * Emitted once at the end of every refresh that was not cancelled.
   */
  signals[REFRESHED] = g_signal_new ("refreshed", G_TYPE_FROM_CLASS (klass),
                                     G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                     G_TYPE_NONE, 1, G_TYPE_ERROR);
}

static void
paddock_watchlist_quotes_init (PaddockWatchlistQuotes *self)
{
  self->symbols = g_new0 (char *, 1);
  self->feed = g_strdup ("iex");
  self->interval_ms = PADDOCK_WATCHLIST_QUOTES_DEFAULT_INTERVAL_MS;
  self->cancellable = g_cancellable_new ();
  self->quotes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                        (GDestroyNotify) quote_free);
}

/* ---- public API --------------------------------------------------------------------- */

/**
 * paddock_watchlist_quotes_new:
 * @data_client: a Market Data API client (paddock_session_get_data_client())
 *
 * Returns: (transfer full): an object with no symbols, stopped, asking for the IEX feed
 *   every %PADDOCK_WATCHLIST_QUOTES_DEFAULT_INTERVAL_MS milliseconds once started
 */
PaddockWatchlistQuotes *
paddock_watchlist_quotes_new (PaddockClient *data_client)
{
  PaddockWatchlistQuotes *self;

  g_return_val_if_fail (PADDOCK_IS_CLIENT (data_client), NULL);

  self = g_object_new (PADDOCK_TYPE_WATCHLIST_QUOTES, NULL);
  self->client = g_object_ref (data_client);
  return self;
}

/**
 * paddock_watchlist_quotes_set_symbols:
 * @symbols: (nullable) (array zero-terminated=1): the watchlist's symbols
 *
 * Sets the symbols asked for from the next refresh on (duplicates are asked for once);
 * the figures of symbols no longer in the list are forgotten.
 */
void
paddock_watchlist_quotes_set_symbols (PaddockWatchlistQuotes *self,
                                      const char * const     *symbols)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr (GPtrArray) seen = g_ptr_array_new ();
  GHashTableIter iter;
  const char *symbol;

  g_return_if_fail (PADDOCK_IS_WATCHLIST_QUOTES (self));

  for (guint i = 0; symbols != NULL && symbols[i] != NULL; i++)
    {
      if (*symbols[i] == '\0' ||
          g_ptr_array_find_with_equal_func (seen, symbols[i], g_str_equal, NULL))
        continue;
      g_ptr_array_add (seen, (gpointer) symbols[i]);
      g_strv_builder_add (builder, symbols[i]);
    }
  g_strfreev (self->symbols);
  self->symbols = g_strv_builder_end (builder);

  g_hash_table_iter_init (&iter, self->quotes);
  while (g_hash_table_iter_next (&iter, (gpointer *) &symbol, NULL))
    if (!g_strv_contains ((const char * const *) self->symbols, symbol))
      g_hash_table_iter_remove (&iter);
}

/**
 * paddock_watchlist_quotes_get_symbols:
 *
 * Returns: (transfer none): the symbols asked for
 */
const char * const *
paddock_watchlist_quotes_get_symbols (PaddockWatchlistQuotes *self)
{
  g_return_val_if_fail (PADDOCK_IS_WATCHLIST_QUOTES (self), NULL);
  return (const char * const *) self->symbols;
}

/**
 * paddock_watchlist_quotes_set_interval:
 * @milliseconds: the time from the end of one refresh to the next (at least 1)
 */
void
paddock_watchlist_quotes_set_interval (PaddockWatchlistQuotes *self,
                                       guint                   milliseconds)
{
  g_return_if_fail (PADDOCK_IS_WATCHLIST_QUOTES (self));
  self->interval_ms = MAX (milliseconds, 1);
}

guint
paddock_watchlist_quotes_get_interval (PaddockWatchlistQuotes *self)
{
  g_return_val_if_fail (PADDOCK_IS_WATCHLIST_QUOTES (self), 0);
  return self->interval_ms;
}

/**
 * paddock_watchlist_quotes_set_feed:
 * @feed: "iex" (free plans) or "sip"
 *
 * Sets the feed asked for. While started, a change of feed cancels the refresh in flight
 * (it asked for the other feed) and refreshes at once with the new one.
 */
void
paddock_watchlist_quotes_set_feed (PaddockWatchlistQuotes *self,
                                   const char             *feed)
{
  g_return_if_fail (PADDOCK_IS_WATCHLIST_QUOTES (self));
  g_return_if_fail (feed != NULL && *feed != '\0');

  if (g_str_equal (self->feed, feed))
    return;
  g_free (self->feed);
  self->feed = g_strdup (feed);
  if (!self->running)
    return;

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  g_cancellable_cancel (self->running_cancellable);
  g_clear_object (&self->running_cancellable);
  self->running_cancellable = g_cancellable_new ();
  g_signal_connect_object (self->cancellable, "cancelled", G_CALLBACK (g_cancellable_cancel),
                           self->running_cancellable, G_CONNECT_SWAPPED);
  self->generation++;
  tick_cb (self);
}

const char *
paddock_watchlist_quotes_get_feed (PaddockWatchlistQuotes *self)
{
  g_return_val_if_fail (PADDOCK_IS_WATCHLIST_QUOTES (self), NULL);
  return self->feed;
}

/**
 * paddock_watchlist_quotes_start:
 *
 * The list is visible: refresh now, then on the interval until stopped.
 */
void
paddock_watchlist_quotes_start (PaddockWatchlistQuotes *self)
{
  g_return_if_fail (PADDOCK_IS_WATCHLIST_QUOTES (self));

  if (self->running)
    return;
  self->running = TRUE;
  self->generation++;
  g_clear_object (&self->running_cancellable);
  self->running_cancellable = g_cancellable_new ();
  g_signal_connect_object (self->cancellable, "cancelled", G_CALLBACK (g_cancellable_cancel),
                           self->running_cancellable, G_CONNECT_SWAPPED);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
  tick_cb (self);
}

/**
 * paddock_watchlist_quotes_stop:
 *
 * The list is hidden: no more refreshes; the one in flight, if any, is cancelled.
 */
void
paddock_watchlist_quotes_stop (PaddockWatchlistQuotes *self)
{
  g_return_if_fail (PADDOCK_IS_WATCHLIST_QUOTES (self));

  if (!self->running)
    return;
  self->running = FALSE;
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  g_cancellable_cancel (self->running_cancellable);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
}

gboolean
paddock_watchlist_quotes_get_running (PaddockWatchlistQuotes *self)
{
  g_return_val_if_fail (PADDOCK_IS_WATCHLIST_QUOTES (self), FALSE);
  return self->running;
}

/**
 * paddock_watchlist_quotes_lookup:
 * @symbol: one of the symbols
 *
 * Returns: (transfer none) (nullable): the symbol's figures after the last refresh that
 *   had them, or %NULL; valid until the next refresh or paddock_watchlist_quotes_set_symbols()
 */
const PaddockWatchlistQuote *
paddock_watchlist_quotes_lookup (PaddockWatchlistQuotes *self,
                                 const char             *symbol)
{
  g_return_val_if_fail (PADDOCK_IS_WATCHLIST_QUOTES (self), NULL);
  return symbol != NULL ? g_hash_table_lookup (self->quotes, symbol) : NULL;
}

/**
 * paddock_watchlist_quotes_refresh_async:
 *
 * One refresh now (one request for every symbol), whether started or not.
 */
void
paddock_watchlist_quotes_refresh_async (PaddockWatchlistQuotes *self,
                                        GCancellable           *cancellable,
                                        GAsyncReadyCallback     callback,
                                        gpointer                user_data)
{
  RefreshCall *call;

  g_return_if_fail (PADDOCK_IS_WATCHLIST_QUOTES (self));

  call = g_new0 (RefreshCall, 1);
  g_weak_ref_init (&call->self, self);
  call->task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (call->task, paddock_watchlist_quotes_refresh_async);
  send_refresh (self, call, cancellable);
}

/**
 * paddock_watchlist_quotes_refresh_finish:
 *
 * Returns: %TRUE when the figures are up to date
 */
gboolean
paddock_watchlist_quotes_refresh_finish (PaddockWatchlistQuotes  *self,
                                         GAsyncResult            *result,
                                         GError                 **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
