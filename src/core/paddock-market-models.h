/* paddock-market-models.h: what the Market Data API answers, as plain boxed structs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Quotes, bars, news articles and the screener's lists (alpaca-api.md §5, §5.1). They are
 * read-only values, so plain structs (with a boxed GType for bindings and list models)
 * rather than GObjects. Prices and sizes are decimal text: the API sends JSON numbers,
 * kept as the digits sent (a real that would print with an exponent is refused like any
 * other bad decimal, see paddock-model-private.h). Times are RFC 3339, nanoseconds
 * accepted. What is required is said per struct; a member of the wrong type is otherwise
 * treated as absent (NULL).
 */
#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/**
 * PaddockQuote:
 * @symbol: the symbol
 * @time: (nullable): when it was quoted
 * @ask_price: the ask, decimal text (required)
 * @ask_size: (nullable): the ask size (round lots), decimal text
 * @ask_exchange: (nullable): the exchange code of the ask
 * @bid_price: the bid, decimal text (required)
 * @bid_size: (nullable): the bid size, decimal text
 * @bid_exchange: (nullable): the exchange code of the bid
 */
typedef struct
{
  char *symbol;
  GDateTime *time;
  char *ask_price;
  char *ask_size;
  char *ask_exchange;
  char *bid_price;
  char *bid_size;
  char *bid_exchange;
} PaddockQuote;

/**
 * PaddockBar:
 * @time: the start of the bar (required)
 * @open: @high: @low: @close: prices, decimal text (required)
 * @volume: (nullable): the volume, decimal text
 * @trade_count: (nullable): the number of trades, decimal text
 * @vwap: (nullable): the volume-weighted average price, decimal text
 */
typedef struct
{
  GDateTime *time;
  char *open;
  char *high;
  char *low;
  char *close;
  char *volume;
  char *trade_count;
  char *vwap;
} PaddockBar;

/**
 * PaddockNewsImage:
 * @size: "large", "small" or "thumb" (or another the API adds)
 * @url: its address
 */
typedef struct
{
  char *size;
  char *url;
} PaddockNewsImage;

/**
 * PaddockNewsArticle:
 * @id: the article's id (required)
 * @headline: the headline (required; may be empty)
 * @author: the author, "" when not known
 * @summary: the summary, "" when none
 * @content: the body as sent: HTML text, "" unless asked for; never render it (see
 *   paddock_news_article_dup_plain_content())
 * @url: (nullable): the article's address
 * @source: (nullable): where it comes from ("benzinga")
 * @created_at: (nullable): when it was published
 * @updated_at: (nullable): when it was last changed
 * @symbols: the symbols it is about (never %NULL)
 * @images: (element-type PaddockNewsImage): its images (never %NULL)
 */
typedef struct
{
  gint64 id;
  char *headline;
  char *author;
  char *summary;
  char *content;
  char *url;
  char *source;
  GDateTime *created_at;
  GDateTime *updated_at;
  GStrv symbols;
  GPtrArray *images;
} PaddockNewsArticle;

/**
 * PaddockMostActive:
 * @symbol: the symbol (required)
 * @volume: (nullable): the day's volume, decimal text
 * @trade_count: (nullable): the day's number of trades, decimal text
 */
typedef struct
{
  char *symbol;
  char *volume;
  char *trade_count;
} PaddockMostActive;

/**
 * PaddockMover:
 * @symbol: the symbol (required)
 * @percent_change: the change since the last close in percent, decimal text (required)
 * @change: (nullable): the change in dollars, decimal text
 * @price: (nullable): the price, decimal text
 */
typedef struct
{
  char *symbol;
  char *percent_change;
  char *change;
  char *price;
} PaddockMover;

/**
 * PaddockMovers:
 * @gainers: (element-type PaddockMover): the top gainers, best first
 * @losers: (element-type PaddockMover): the top losers, worst first
 * @last_updated: (nullable): when the lists were made
 */
typedef struct
{
  GPtrArray *gainers;
  GPtrArray *losers;
  GDateTime *last_updated;
} PaddockMovers;

#define PADDOCK_TYPE_QUOTE (paddock_quote_get_type ())
#define PADDOCK_TYPE_BAR (paddock_bar_get_type ())
#define PADDOCK_TYPE_NEWS_ARTICLE (paddock_news_article_get_type ())
#define PADDOCK_TYPE_MOST_ACTIVE (paddock_most_active_get_type ())
#define PADDOCK_TYPE_MOVER (paddock_mover_get_type ())
#define PADDOCK_TYPE_MOVERS (paddock_movers_get_type ())

GType               paddock_quote_get_type                  (void) G_GNUC_CONST;
PaddockQuote       *paddock_quote_new_from_json             (const char          *symbol,
                                                             JsonNode            *node,
                                                             GError             **error);
PaddockQuote       *paddock_quote_copy                      (const PaddockQuote  *quote);
void                paddock_quote_free                      (PaddockQuote        *quote);

GType               paddock_bar_get_type                    (void) G_GNUC_CONST;
PaddockBar         *paddock_bar_new_from_json               (JsonNode            *node,
                                                             GError             **error);
PaddockBar         *paddock_bar_copy                        (const PaddockBar    *bar);
void                paddock_bar_free                        (PaddockBar          *bar);

GType               paddock_news_article_get_type           (void) G_GNUC_CONST;
PaddockNewsArticle *paddock_news_article_new_from_json      (JsonNode            *node,
                                                             GError             **error);
PaddockNewsArticle *paddock_news_article_copy               (const PaddockNewsArticle *article);
void                paddock_news_article_free               (PaddockNewsArticle  *article);
char               *paddock_news_article_dup_plain_content  (const PaddockNewsArticle *article);
char               *paddock_html_to_text                    (const char          *html);

GType               paddock_most_active_get_type            (void) G_GNUC_CONST;
PaddockMostActive  *paddock_most_active_new_from_json       (JsonNode            *node,
                                                             GError             **error);
PaddockMostActive  *paddock_most_active_copy                (const PaddockMostActive *item);
void                paddock_most_active_free                (PaddockMostActive   *item);

GType               paddock_mover_get_type                  (void) G_GNUC_CONST;
PaddockMover       *paddock_mover_new_from_json             (JsonNode            *node,
                                                             GError             **error);
PaddockMover       *paddock_mover_copy                      (const PaddockMover  *mover);
void                paddock_mover_free                      (PaddockMover        *mover);

GType               paddock_movers_get_type                 (void) G_GNUC_CONST;
PaddockMovers      *paddock_movers_new_from_json            (JsonNode            *node,
                                                             GError             **error);
PaddockMovers      *paddock_movers_copy                     (const PaddockMovers *movers);
void                paddock_movers_free                     (PaddockMovers       *movers);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PaddockQuote, paddock_quote_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PaddockBar, paddock_bar_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PaddockNewsArticle, paddock_news_article_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PaddockMostActive, paddock_most_active_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PaddockMover, paddock_mover_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PaddockMovers, paddock_movers_free)

G_END_DECLS
