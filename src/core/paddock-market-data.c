/* paddock-market-data.c: the Market Data API: latest quotes and trades, bars, news, screener
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One Call per async call: the path and query of its requests, the items gathered so far
 * and, for the lists that page, how many are still wanted. Each page is a new request
 * with the previous reply's next_page_token.
 */
#define G_LOG_DOMAIN "paddock-market-data"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "paddock-asset.h"
#include "paddock-error.h"
#include "paddock-market-data.h"
#include "paddock-market-data-private.h"

#define MAX_SYMBOL_LENGTH 32
#define MAX_SYMBOLS 1000
#define BARS_PAGE_MAX 10000
#define NEWS_PAGE_MAX 50
/* a server that keeps answering empty pages with a token must not keep us busy forever */
#define MAX_PAGES 100000

struct _PaddockMarketData
{
  GObject parent_instance;

  PaddockClient *client;
  PaddockDataFeed feed;
  GCancellable *cancellable;  /* cancelled by dispose */
};

G_DEFINE_FINAL_TYPE (PaddockMarketData, paddock_market_data, G_TYPE_OBJECT)

typedef enum {
  KIND_QUOTES,
  KIND_TRADES,
  KIND_BARS,
  KIND_NEWS,
  KIND_MOST_ACTIVES,
  KIND_MOVERS,
} CallKind;

typedef struct
{
  CallKind kind;
  char *path;
  GHashTable *query;          /* char* → char*, owned */
  gboolean sip;               /* the requests carry feed=sip */
  GStrv symbols;              /* KIND_QUOTES, KIND_TRADES: as asked, without duplicates */
  guint limit;                /* KIND_BARS, KIND_NEWS: 0 for all */
  guint page_max;
  guint pages;
  GPtrArray *items;
  GCancellable *cancellable;  /* cancelled by the caller's or by the object's */
  GCancellable *linked[2];
  gulong handlers[2];
} Call;

static void
call_free (Call *call)
{
  for (guint i = 0; i < G_N_ELEMENTS (call->linked); i++)
    if (call->linked[i] != NULL)
      {
        g_cancellable_disconnect (call->linked[i], call->handlers[i]);
        g_object_unref (call->linked[i]);
      }
  g_free (call->path);
  g_clear_pointer (&call->query, g_hash_table_unref);
  g_strfreev (call->symbols);
  g_clear_pointer (&call->items, g_ptr_array_unref);
  g_clear_object (&call->cancellable);
  g_free (call);
}

/* ---- feeds ---------------------------------------------------------------------------- */

const char *
paddock_data_feed_to_string (PaddockDataFeed feed)
{
  return feed == PADDOCK_DATA_FEED_SIP ? "sip" : "iex";
}

gboolean
paddock_data_feed_from_string (const char      *text,
                               PaddockDataFeed *feed)
{
  if (g_strcmp0 (text, "iex") == 0)
    *feed = PADDOCK_DATA_FEED_IEX;
  else if (g_strcmp0 (text, "sip") == 0)
    *feed = PADDOCK_DATA_FEED_SIP;
  else
    return FALSE;
  return TRUE;
}

/* ---- the object ----------------------------------------------------------------------- */

static void
paddock_market_data_dispose (GObject *object)
{
  PaddockMarketData *self = PADDOCK_MARKET_DATA (object);

  g_cancellable_cancel (self->cancellable);
  G_OBJECT_CLASS (paddock_market_data_parent_class)->dispose (object);
}

static void
paddock_market_data_finalize (GObject *object)
{
  PaddockMarketData *self = PADDOCK_MARKET_DATA (object);

  g_clear_object (&self->client);
  g_clear_object (&self->cancellable);
  G_OBJECT_CLASS (paddock_market_data_parent_class)->finalize (object);
}

static void
paddock_market_data_class_init (PaddockMarketDataClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = paddock_market_data_dispose;
  object_class->finalize = paddock_market_data_finalize;
}

static void
paddock_market_data_init (PaddockMarketData *self)
{
  self->cancellable = g_cancellable_new ();
}

/**
 * paddock_market_data_new:
 * @data_client: a client of the Market Data API (paddock_session_get_data_client())
 * @feed: the feed to ask for (paddock_settings_get_data_feed())
 */
PaddockMarketData *
paddock_market_data_new (PaddockClient   *data_client,
                         PaddockDataFeed  feed)
{
  PaddockMarketData *self;

  g_return_val_if_fail (PADDOCK_IS_CLIENT (data_client), NULL);

  self = g_object_new (PADDOCK_TYPE_MARKET_DATA, NULL);
  self->client = g_object_ref (data_client);
  self->feed = feed;
  return self;
}

PaddockClient *
paddock_market_data_get_client (PaddockMarketData *self)
{
  g_return_val_if_fail (PADDOCK_IS_MARKET_DATA (self), NULL);
  return self->client;
}

PaddockDataFeed
paddock_market_data_get_feed (PaddockMarketData *self)
{
  g_return_val_if_fail (PADDOCK_IS_MARKET_DATA (self), PADDOCK_DATA_FEED_IEX);
  return self->feed;
}

void
paddock_market_data_set_feed (PaddockMarketData *self,
                              PaddockDataFeed    feed)
{
  g_return_if_fail (PADDOCK_IS_MARKET_DATA (self));
  self->feed = feed;
}

/* ---- calls ---------------------------------------------------------------------------- */

static void
cancel_linked_cb (GCancellable *from,
                  GCancellable *to)
{
  g_cancellable_cancel (to);
}

static Call *
call_new (PaddockMarketData *self,
          CallKind           kind,
          GCancellable      *cancellable,
          gboolean           with_feed)
{
  Call *call = g_new0 (Call, 1);
  GCancellable *sources[] = { cancellable, self->cancellable };

  call->kind = kind;
  call->query = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  call->cancellable = g_cancellable_new ();
  for (guint i = 0; i < G_N_ELEMENTS (sources); i++)
    if (sources[i] != NULL)
      {
        call->linked[i] = g_object_ref (sources[i]);
        /* runs at once when it is already cancelled */
        call->handlers[i] = g_cancellable_connect (sources[i], G_CALLBACK (cancel_linked_cb),
                                                   call->cancellable, NULL);
      }
  if (with_feed)
    {
      call->sip = self->feed == PADDOCK_DATA_FEED_SIP;
      g_hash_table_insert (call->query, g_strdup ("feed"),
                           g_strdup (paddock_data_feed_to_string (self->feed)));
    }
  return call;
}

static gboolean
check_symbol (const char  *symbol,
              GError     **error)
{
  if (symbol == NULL || *symbol == '\0' || strlen (symbol) > MAX_SYMBOL_LENGTH ||
      !g_utf8_validate (symbol, -1, NULL))
    {
      g_set_error_literal (error, PADDOCK_ERROR, PADDOCK_ERROR_INVALID_INPUT,
                           _("Enter a symbol, such as AAPL."));
      return FALSE;
    }
  for (const char *p = symbol; *p != '\0'; p++)
    if (g_ascii_iscntrl (*p) || *p == ' ' || *p == '/' || *p == ',')
      {
        g_set_error_literal (error, PADDOCK_ERROR, PADDOCK_ERROR_INVALID_INPUT,
                             _("A symbol has no spaces, commas or slashes."));
        return FALSE;
      }
  return TRUE;
}

/* The symbols without duplicates, in the order given; NULL with an error when there are
 * none (unless allow_none) or one is not a symbol. */
static GStrv
check_symbols (const char * const  *symbols,
               gboolean             allow_none,
               GError             **error)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  guint n = 0;

  for (guint i = 0; symbols != NULL && symbols[i] != NULL; i++)
    {
      if (!check_symbol (symbols[i], error))
        return NULL;
      if (!g_hash_table_add (seen, (gpointer) symbols[i]))
        continue;
      g_strv_builder_add (builder, symbols[i]);
      n++;
    }
  if ((n == 0 && !allow_none) || n > MAX_SYMBOLS)
    {
      g_set_error (error, PADDOCK_ERROR, PADDOCK_ERROR_INVALID_INPUT,
                   _("Enter from 1 to %d symbols."), MAX_SYMBOLS);
      return NULL;
    }
  return g_strv_builder_end (builder);
}

/* A 403 to a request for SIP data is the plan's refusal (alpaca-api.md §5.1), decided on
 * the status and what was asked, never on the message. */
static GError *
map_error (Call   *call,
           GError *error)
{
  GError *sip;

  if (!call->sip || !g_error_matches (error, PADDOCK_ERROR, PADDOCK_ERROR_REJECTED) ||
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

static void send_page (GTask *task);

static GError *
protocol_error (const char *what)
{
  g_debug ("Malformed market data reply: %s", what);
  return g_error_new_literal (PADDOCK_ERROR, PADDOCK_ERROR_PROTOCOL,
                              _("The server sent a malformed reply."));
}

/* {member: {"A": {...}, ...}}: the items of the symbols asked for, in that order */
static gboolean
parse_latest (Call      *call,
              JsonNode  *node,
              GError   **error)
{
  const char *member = call->kind == KIND_QUOTES ? "quotes" : "trades";
  JsonNode *map;

  if (!JSON_NODE_HOLDS_OBJECT (node) ||
      (map = json_object_get_member (json_node_get_object (node), member)) == NULL ||
      !(JSON_NODE_HOLDS_OBJECT (map) || JSON_NODE_HOLDS_NULL (map)))
    {
      g_propagate_error (error, protocol_error (member));
      return FALSE;
    }
  if (JSON_NODE_HOLDS_NULL (map))
    return TRUE;

  for (guint i = 0; call->symbols[i] != NULL; i++)
    {
      const char *symbol = call->symbols[i];
      JsonNode *item = json_object_get_member (json_node_get_object (map), symbol);

      if (item == NULL)
        continue;
      if (call->kind == KIND_QUOTES)
        {
          PaddockQuote *quote = paddock_quote_new_from_json (symbol, item, error);

          if (quote == NULL)
            return FALSE;
          g_ptr_array_add (call->items, quote);
        }
      else
        {
          g_autoptr (JsonObject) wrapper = json_object_new ();
          g_autoptr (JsonNode) wrapped = json_node_new (JSON_NODE_OBJECT);
          PaddockTrade *trade;

          json_object_set_string_member (wrapper, "symbol", symbol);
          json_object_set_member (wrapper, "trade", json_node_ref (item));
          json_node_set_object (wrapped, wrapper);
          trade = paddock_trade_new_from_json (wrapped, error);
          if (trade == NULL)
            return FALSE;
          g_ptr_array_add (call->items, trade);
        }
    }
  return TRUE;
}

/* {member: [...] or null, "next_page_token": "..." or null}; *next the token or NULL */
static gboolean
parse_page (Call      *call,
            JsonNode  *node,
            char     **next,
            GError   **error)
{
  const char *member = call->kind == KIND_BARS ? "bars" : "news";
  JsonObject *object;
  JsonNode *list, *token;
  guint before = call->items->len;

  *next = NULL;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_propagate_error (error, protocol_error (member));
      return FALSE;
    }
  object = json_node_get_object (node);
  list = json_object_get_member (object, member);
  if (list != NULL && !JSON_NODE_HOLDS_NULL (list))
    {
      JsonArray *array;

      if (!JSON_NODE_HOLDS_ARRAY (list))
        {
          g_propagate_error (error, protocol_error (member));
          return FALSE;
        }
      array = json_node_get_array (list);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *item = json_array_get_element (array, i);
          gpointer parsed;

          if (call->limit != 0 && call->items->len == call->limit)
            break;
          parsed = call->kind == KIND_BARS
            ? (gpointer) paddock_bar_new_from_json (item, error)
            : (gpointer) paddock_news_article_new_from_json (item, error);
          if (parsed == NULL)
            return FALSE;
          g_ptr_array_add (call->items, parsed);
        }
    }

  token = json_object_get_member (object, "next_page_token");
  if (token != NULL && JSON_NODE_HOLDS_VALUE (token) &&
      json_node_get_value_type (token) == G_TYPE_STRING &&
      *json_node_get_string (token) != '\0')
    {
      if (call->items->len == before || ++call->pages >= MAX_PAGES)
        {
          g_propagate_error (error, protocol_error ("a page token without progress"));
          return FALSE;
        }
      *next = g_strdup (json_node_get_string (token));
    }
  return TRUE;
}

GPtrArray *
_paddock_market_data_parse_latest (gboolean             trades,
                                   const char * const  *symbols,
                                   JsonNode            *node,
                                   GError             **error)
{
  Call call = { 0, };
  gboolean ok;

  g_return_val_if_fail (symbols != NULL, NULL);

  call.kind = trades ? KIND_TRADES : KIND_QUOTES;
  call.symbols = g_strdupv ((GStrv) symbols);
  call.items = trades
    ? g_ptr_array_new_with_free_func ((GDestroyNotify) paddock_trade_free)
    : g_ptr_array_new_with_free_func ((GDestroyNotify) paddock_quote_free);
  ok = parse_latest (&call, node, error);
  g_strfreev (call.symbols);
  if (!ok)
    g_clear_pointer (&call.items, g_ptr_array_unref);
  return call.items;
}

GPtrArray *
_paddock_market_data_parse_page (gboolean    news,
                                 guint       limit,
                                 guint       pages_before,
                                 JsonNode   *node,
                                 char      **next,
                                 GError    **error)
{
  Call call = { 0, };

  call.kind = news ? KIND_NEWS : KIND_BARS;
  call.limit = limit;
  call.pages = pages_before;
  call.items = news
    ? g_ptr_array_new_with_free_func ((GDestroyNotify) paddock_news_article_free)
    : g_ptr_array_new_with_free_func ((GDestroyNotify) paddock_bar_free);
  if (!parse_page (&call, node, next, error))
    g_clear_pointer (&call.items, g_ptr_array_unref);
  return call.items;
}

/* {"most_actives": [...], "last_updated": ...} */
static gboolean
parse_most_actives (Call      *call,
                    JsonNode  *node,
                    GError   **error)
{
  JsonNode *list = JSON_NODE_HOLDS_OBJECT (node)
    ? json_object_get_member (json_node_get_object (node), "most_actives") : NULL;
  JsonArray *array;

  if (list == NULL || !JSON_NODE_HOLDS_ARRAY (list))
    {
      g_propagate_error (error, protocol_error ("most_actives"));
      return FALSE;
    }
  array = json_node_get_array (list);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      PaddockMostActive *m = paddock_most_active_new_from_json (json_array_get_element (array, i),
                                                                error);

      if (m == NULL)
        return FALSE;
      g_ptr_array_add (call->items, m);
    }
  return TRUE;
}

static void
set_page_limit (Call *call)
{
  guint n = call->page_max;

  if (call->limit != 0)
    n = MIN (n, call->limit - call->items->len);
  g_hash_table_replace (call->query, g_strdup ("limit"), g_strdup_printf ("%u", n));
}

static void
page_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  Call *call = g_task_get_task_data (task);
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) node = NULL;
  g_autofree char *next = NULL;
  gboolean ok = FALSE;
  gpointer out = NULL;

  node = paddock_client_request_finish (PADDOCK_CLIENT (object), result, &error);
  if (node == NULL)
    {
      g_task_return_error (task, map_error (call, g_steal_pointer (&error)));
      return;
    }

  switch (call->kind)
    {
    case KIND_QUOTES:
    case KIND_TRADES:
      ok = parse_latest (call, node, &error);
      break;
    case KIND_BARS:
    case KIND_NEWS:
      ok = parse_page (call, node, &next, &error);
      if (ok && next != NULL && (call->limit == 0 || call->items->len < call->limit))
        {
          g_hash_table_replace (call->query, g_strdup ("page_token"), g_steal_pointer (&next));
          set_page_limit (call);
          send_page (g_steal_pointer (&task));
          return;
        }
      break;
    case KIND_MOST_ACTIVES:
      ok = parse_most_actives (call, node, &error);
      break;
    case KIND_MOVERS:
      out = paddock_movers_new_from_json (node, &error);
      if (out == NULL)
        break;
      g_task_return_pointer (task, out, (GDestroyNotify) paddock_movers_free);
      return;
    default:
      g_assert_not_reached ();
    }

  if (!ok)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_pointer (task, g_ptr_array_ref (call->items), (GDestroyNotify) g_ptr_array_unref);
}

static void
send_page (GTask *task)
{
  PaddockMarketData *self = g_task_get_source_object (task);
  Call *call = g_task_get_task_data (task);

  paddock_client_request_async (self->client, "GET", call->path, call->query, NULL,
                                PADDOCK_REQUEST_IDEMPOTENT, call->cancellable, page_cb, task);
}

static GTask *
start_task (PaddockMarketData   *self,
            Call                *call,
            gpointer             source_tag,
            GCancellable        *cancellable,
            GAsyncReadyCallback  callback,
            gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, call, (GDestroyNotify) call_free);
  return task;
}

static gpointer
finish_pointer (PaddockMarketData  *self,
                GAsyncResult       *result,
                gpointer            source_tag,
                GError            **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- latest quotes and trades --------------------------------------------------------- */

static void
latest_async (PaddockMarketData   *self,
              CallKind             kind,
              const char * const  *symbols,
              gpointer             source_tag,
              GCancellable        *cancellable,
              GAsyncReadyCallback  callback,
              gpointer             user_data)
{
  Call *call = call_new (self, kind, cancellable, TRUE);
  g_autoptr (GTask) task = start_task (self, call, source_tag, cancellable, callback, user_data);
  GError *error = NULL;

  call->items = kind == KIND_QUOTES
    ? g_ptr_array_new_with_free_func ((GDestroyNotify) paddock_quote_free)
    : g_ptr_array_new_with_free_func ((GDestroyNotify) paddock_trade_free);
  call->symbols = check_symbols (symbols, FALSE, &error);
  if (call->symbols == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  call->path = g_strdup (kind == KIND_QUOTES ? "/v2/stocks/quotes/latest"
                                             : "/v2/stocks/trades/latest");
  g_hash_table_insert (call->query, g_strdup ("symbols"), g_strjoinv (",", call->symbols));
  send_page (g_steal_pointer (&task));
}

/**
 * paddock_market_data_latest_quotes_async:
 * @symbols: the symbols (1 to 1000; duplicates are asked for once)
 *
 * Asks for the latest quote of every symbol in one request,
 * `GET /v2/stocks/quotes/latest?symbols=A,B,…`.
 */
void
paddock_market_data_latest_quotes_async (PaddockMarketData   *self,
                                         const char * const  *symbols,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  g_return_if_fail (PADDOCK_IS_MARKET_DATA (self));
  latest_async (self, KIND_QUOTES, symbols, paddock_market_data_latest_quotes_async,
                cancellable, callback, user_data);
}

/**
 * paddock_market_data_latest_quotes_finish:
 *
 * Returns: (transfer full) (element-type PaddockQuote): the quotes, in the order the
 *   symbols were given; a symbol the server does not know is left out
 */
GPtrArray *
paddock_market_data_latest_quotes_finish (PaddockMarketData  *self,
                                          GAsyncResult       *result,
                                          GError            **error)
{
  return finish_pointer (self, result, paddock_market_data_latest_quotes_async, error);
}

/**
 * paddock_market_data_latest_trades_async:
 * @symbols: the symbols (1 to 1000)
 *
 * Asks for the latest trade of every symbol in one request,
 * `GET /v2/stocks/trades/latest?symbols=A,B,…`.
 */
void
paddock_market_data_latest_trades_async (PaddockMarketData   *self,
                                         const char * const  *symbols,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  g_return_if_fail (PADDOCK_IS_MARKET_DATA (self));
  latest_async (self, KIND_TRADES, symbols, paddock_market_data_latest_trades_async,
                cancellable, callback, user_data);
}

/**
 * paddock_market_data_latest_trades_finish:
 *
 * Returns: (transfer full) (element-type PaddockTrade): the trades, in the order the
 *   symbols were given; a symbol the server does not know is left out
 */
GPtrArray *
paddock_market_data_latest_trades_finish (PaddockMarketData  *self,
                                          GAsyncResult       *result,
                                          GError            **error)
{
  return finish_pointer (self, result, paddock_market_data_latest_trades_async, error);
}

/* ---- bars ----------------------------------------------------------------------------- */

static char *
format_time (GDateTime *t)
{
  g_autoptr (GDateTime) utc = g_date_time_to_utc (t);

  return g_date_time_format_iso8601 (utc);
}

/**
 * paddock_market_data_bars_async:
 * @symbol: the symbol
 * @timeframe: "1Min", "15Min", "1Hour", "1Day", "1Week", "1Month"…
 * @start: (nullable): the first bar's earliest start (the server's default: today)
 * @end: (nullable): the last bar's latest start (the server's default: now)
 * @limit: how many bars at most, or 0 for all of the range
 *
 * Asks for `GET /v2/stocks/{symbol}/bars`, oldest first, following next_page_token until
 * the range ends or @limit bars have come.
 */
void
paddock_market_data_bars_async (PaddockMarketData   *self,
                                const char          *symbol,
                                const char          *timeframe,
                                GDateTime           *start,
                                GDateTime           *end,
                                guint                limit,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  Call *call;
  g_autoptr (GTask) task = NULL;
  g_autofree char *escaped = NULL;
  GError *error = NULL;

  g_return_if_fail (PADDOCK_IS_MARKET_DATA (self));

  call = call_new (self, KIND_BARS, cancellable, TRUE);
  task = start_task (self, call, paddock_market_data_bars_async, cancellable, callback,
                     user_data);
  call->items = g_ptr_array_new_with_free_func ((GDestroyNotify) paddock_bar_free);
  if (!check_symbol (symbol, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  if (timeframe == NULL || *timeframe == '\0' || strlen (timeframe) > 16)
    {
      g_task_return_new_error (task, PADDOCK_ERROR, PADDOCK_ERROR_INVALID_INPUT,
                               _("Choose a timeframe, such as 1Day."));
      return;
    }
  escaped = g_uri_escape_string (symbol, NULL, FALSE);
  call->path = g_strconcat ("/v2/stocks/", escaped, "/bars", NULL);
  call->limit = limit;
  call->page_max = BARS_PAGE_MAX;
  g_hash_table_insert (call->query, g_strdup ("timeframe"), g_strdup (timeframe));
  if (start != NULL)
    g_hash_table_insert (call->query, g_strdup ("start"), format_time (start));
  if (end != NULL)
    g_hash_table_insert (call->query, g_strdup ("end"), format_time (end));
  set_page_limit (call);
  send_page (g_steal_pointer (&task));
}

/**
 * paddock_market_data_bars_finish:
 *
 * Returns: (transfer full) (element-type PaddockBar): the bars, oldest first
 */
GPtrArray *
paddock_market_data_bars_finish (PaddockMarketData  *self,
                                 GAsyncResult       *result,
                                 GError            **error)
{
  return finish_pointer (self, result, paddock_market_data_bars_async, error);
}

/* ---- news ----------------------------------------------------------------------------- */

/**
 * paddock_market_data_news_async:
 * @symbols: (nullable): only news about these symbols; %NULL or empty for all
 * @limit: how many articles at most, or 0 for all there are
 * @include_content: whether to ask for the articles' content (HTML)
 *
 * Asks for `GET /v1beta1/news`, newest first, following next_page_token until there are
 * no more or @limit articles have come. News takes no feed.
 */
void
paddock_market_data_news_async (PaddockMarketData   *self,
                                const char * const  *symbols,
                                guint                limit,
                                gboolean             include_content,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  Call *call;
  g_autoptr (GTask) task = NULL;
  GError *error = NULL;

  g_return_if_fail (PADDOCK_IS_MARKET_DATA (self));

  call = call_new (self, KIND_NEWS, cancellable, FALSE);
  task = start_task (self, call, paddock_market_data_news_async, cancellable, callback,
                     user_data);
  call->items = g_ptr_array_new_with_free_func ((GDestroyNotify) paddock_news_article_free);
  call->symbols = check_symbols (symbols, TRUE, &error);
  if (call->symbols == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  call->path = g_strdup ("/v1beta1/news");
  call->limit = limit;
  call->page_max = NEWS_PAGE_MAX;
  if (call->symbols[0] != NULL)
    g_hash_table_insert (call->query, g_strdup ("symbols"), g_strjoinv (",", call->symbols));
  g_hash_table_insert (call->query, g_strdup ("sort"), g_strdup ("desc"));
  if (include_content)
    g_hash_table_insert (call->query, g_strdup ("include_content"), g_strdup ("true"));
  set_page_limit (call);
  send_page (g_steal_pointer (&task));
}

/**
 * paddock_market_data_news_finish:
 *
 * Returns: (transfer full) (element-type PaddockNewsArticle): the articles, newest first
 */
GPtrArray *
paddock_market_data_news_finish (PaddockMarketData  *self,
                                 GAsyncResult       *result,
                                 GError            **error)
{
  return finish_pointer (self, result, paddock_market_data_news_async, error);
}

/* ---- screener ------------------------------------------------------------------------- */

/**
 * paddock_market_data_most_actives_async:
 * @top: how many (1 to 100)
 *
 * Asks for `GET /v1beta1/screener/stocks/most-actives?by=volume&top=N`.
 */
void
paddock_market_data_most_actives_async (PaddockMarketData   *self,
                                        guint                top,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  Call *call;
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (PADDOCK_IS_MARKET_DATA (self));

  call = call_new (self, KIND_MOST_ACTIVES, cancellable, FALSE);
  task = start_task (self, call, paddock_market_data_most_actives_async, cancellable, callback,
                     user_data);
  call->items = g_ptr_array_new_with_free_func ((GDestroyNotify) paddock_most_active_free);
  call->path = g_strdup ("/v1beta1/screener/stocks/most-actives");
  g_hash_table_insert (call->query, g_strdup ("by"), g_strdup ("volume"));
  g_hash_table_insert (call->query, g_strdup ("top"), g_strdup_printf ("%u", CLAMP (top, 1, 100)));
  send_page (g_steal_pointer (&task));
}

/**
 * paddock_market_data_most_actives_finish:
 *
 * Returns: (transfer full) (element-type PaddockMostActive): the most active stocks
 */
GPtrArray *
paddock_market_data_most_actives_finish (PaddockMarketData  *self,
                                         GAsyncResult       *result,
                                         GError            **error)
{
  return finish_pointer (self, result, paddock_market_data_most_actives_async, error);
}

/**
 * paddock_market_data_movers_async:
 * @top: how many gainers and losers (1 to 50)
 *
 * Asks for `GET /v1beta1/screener/stocks/movers?top=N`.
 */
void
paddock_market_data_movers_async (PaddockMarketData   *self,
                                  guint                top,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  Call *call;
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (PADDOCK_IS_MARKET_DATA (self));

  call = call_new (self, KIND_MOVERS, cancellable, FALSE);
  task = start_task (self, call, paddock_market_data_movers_async, cancellable, callback,
                     user_data);
  call->path = g_strdup ("/v1beta1/screener/stocks/movers");
  g_hash_table_insert (call->query, g_strdup ("top"), g_strdup_printf ("%u", CLAMP (top, 1, 50)));
  send_page (g_steal_pointer (&task));
}

/**
 * paddock_market_data_movers_finish:
 *
 * Returns: (transfer full): the day's top gainers and losers
 */
PaddockMovers *
paddock_market_data_movers_finish (PaddockMarketData  *self,
                                   GAsyncResult       *result,
                                   GError            **error)
{
  return finish_pointer (self, result, paddock_market_data_movers_async, error);
}
