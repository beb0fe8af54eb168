/* paddock-market-models.c: quotes, bars, news articles and the screener's lists
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each struct's JSON members are described once in a field table and read through
 * paddock-model.c, like the trading models: decimals as the digits sent, times as RFC 3339.
 */
#define G_LOG_DOMAIN "paddock-market-models"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "paddock-error.h"
#include "paddock-market-models.h"
#include "paddock-model-private.h"

#define REQUIRED PADDOCK_FIELD_REQUIRED
#define LENIENT PADDOCK_FIELD_LENIENT

static char *
steal_text (PaddockFieldValue *v)
{
  return g_steal_pointer (&v->text);
}

static GDateTime *
ref_time (PaddockFieldValue *v)
{
  return v->time != NULL ? g_date_time_ref (v->time) : NULL;
}

static GDateTime *
maybe_ref (GDateTime *t)
{
  return t != NULL ? g_date_time_ref (t) : NULL;
}

static gboolean
parse_object (const PaddockFieldTable *table,
              JsonNode                *node,
              PaddockFieldValue       *values,
              GError                 **error)
{
  return _paddock_model_check_object (table, node, error) &&
         _paddock_model_parse (table, json_node_get_object (node), values, error);
}

/* ---- quotes --------------------------------------------------------------------------- */

enum { Q_TIME, Q_AX, Q_AP, Q_AS, Q_BX, Q_BP, Q_BS, N_QUOTE_FIELDS };

static const PaddockField quote_fields[N_QUOTE_FIELDS] = {
  [Q_TIME] = { "t", PADDOCK_FIELD_TIME, LENIENT },
  [Q_AX] = { "ax", PADDOCK_FIELD_STRING, LENIENT },
  [Q_AP] = { "ap", PADDOCK_FIELD_DECIMAL, REQUIRED },
  [Q_AS] = { "as", PADDOCK_FIELD_DECIMAL, LENIENT },
  [Q_BX] = { "bx", PADDOCK_FIELD_STRING, LENIENT },
  [Q_BP] = { "bp", PADDOCK_FIELD_DECIMAL, REQUIRED },
  [Q_BS] = { "bs", PADDOCK_FIELD_DECIMAL, LENIENT },
};

static const PaddockFieldTable quote_table = {
  "quote", quote_fields, N_QUOTE_FIELDS, NULL, NULL,
};

/**
 * paddock_quote_new_from_json:
 * @symbol: the symbol the quote is of (the key it came under)
 * @node: a Quote object
 *
 * Returns: (transfer full): the quote, or %NULL with %PADDOCK_ERROR_PROTOCOL
 */
PaddockQuote *
paddock_quote_new_from_json (const char  *symbol,
                             JsonNode    *node,
                             GError     **error)
{
  PaddockFieldValue v[N_QUOTE_FIELDS] = { { 0 } };
  PaddockQuote *q;

  g_return_val_if_fail (symbol != NULL, NULL);

  if (!parse_object (&quote_table, node, v, error))
    return NULL;
  q = g_new0 (PaddockQuote, 1);
  q->symbol = g_strdup (symbol);
  q->time = ref_time (&v[Q_TIME]);
  q->ask_exchange = steal_text (&v[Q_AX]);
  q->ask_price = steal_text (&v[Q_AP]);
  q->ask_size = steal_text (&v[Q_AS]);
  q->bid_exchange = steal_text (&v[Q_BX]);
  q->bid_price = steal_text (&v[Q_BP]);
  q->bid_size = steal_text (&v[Q_BS]);
  _paddock_model_clear (&quote_table, v);
  return q;
}

PaddockQuote *
paddock_quote_copy (const PaddockQuote *quote)
{
  PaddockQuote *q = g_new0 (PaddockQuote, 1);

  q->symbol = g_strdup (quote->symbol);
  q->time = maybe_ref (quote->time);
  q->ask_price = g_strdup (quote->ask_price);
  q->ask_size = g_strdup (quote->ask_size);
  q->ask_exchange = g_strdup (quote->ask_exchange);
  q->bid_price = g_strdup (quote->bid_price);
  q->bid_size = g_strdup (quote->bid_size);
  q->bid_exchange = g_strdup (quote->bid_exchange);
  return q;
}

void
paddock_quote_free (PaddockQuote *quote)
{
  if (quote == NULL)
    return;
  g_free (quote->symbol);
  g_clear_pointer (&quote->time, g_date_time_unref);
  g_free (quote->ask_price);
  g_free (quote->ask_size);
  g_free (quote->ask_exchange);
  g_free (quote->bid_price);
  g_free (quote->bid_size);
  g_free (quote->bid_exchange);
  g_free (quote);
}

G_DEFINE_BOXED_TYPE (PaddockQuote, paddock_quote, paddock_quote_copy, paddock_quote_free)

/* ---- bars ----------------------------------------------------------------------------- */

enum { B_TIME, B_OPEN, B_HIGH, B_LOW, B_CLOSE, B_VOLUME, B_COUNT, B_VWAP, N_BAR_FIELDS };

static const PaddockField bar_fields[N_BAR_FIELDS] = {
  [B_TIME] = { "t", PADDOCK_FIELD_TIME, REQUIRED },
  [B_OPEN] = { "o", PADDOCK_FIELD_DECIMAL, REQUIRED },
  [B_HIGH] = { "h", PADDOCK_FIELD_DECIMAL, REQUIRED },
  [B_LOW] = { "l", PADDOCK_FIELD_DECIMAL, REQUIRED },
  [B_CLOSE] = { "c", PADDOCK_FIELD_DECIMAL, REQUIRED },
  [B_VOLUME] = { "v", PADDOCK_FIELD_DECIMAL, LENIENT },
  [B_COUNT] = { "n", PADDOCK_FIELD_DECIMAL, LENIENT },
  [B_VWAP] = { "vw", PADDOCK_FIELD_DECIMAL, LENIENT },
};

static const PaddockFieldTable bar_table = {
  "bar", bar_fields, N_BAR_FIELDS, NULL, NULL,
};

/**
 * paddock_bar_new_from_json:
 * @node: a Bar object
 *
 * Returns: (transfer full): the bar, or %NULL with %PADDOCK_ERROR_PROTOCOL
 */
PaddockBar *
paddock_bar_new_from_json (JsonNode  *node,
                           GError   **error)
{
  PaddockFieldValue v[N_BAR_FIELDS] = { { 0 } };
  PaddockBar *b;

  if (!parse_object (&bar_table, node, v, error))
    return NULL;
  b = g_new0 (PaddockBar, 1);
  b->time = ref_time (&v[B_TIME]);
  b->open = steal_text (&v[B_OPEN]);
  b->high = steal_text (&v[B_HIGH]);
  b->low = steal_text (&v[B_LOW]);
  b->close = steal_text (&v[B_CLOSE]);
  b->volume = steal_text (&v[B_VOLUME]);
  b->trade_count = steal_text (&v[B_COUNT]);
  b->vwap = steal_text (&v[B_VWAP]);
  _paddock_model_clear (&bar_table, v);
  return b;
}

PaddockBar *
paddock_bar_copy (const PaddockBar *bar)
{
  PaddockBar *b = g_new0 (PaddockBar, 1);

  b->time = maybe_ref (bar->time);
  b->open = g_strdup (bar->open);
  b->high = g_strdup (bar->high);
  b->low = g_strdup (bar->low);
  b->close = g_strdup (bar->close);
  b->volume = g_strdup (bar->volume);
  b->trade_count = g_strdup (bar->trade_count);
  b->vwap = g_strdup (bar->vwap);
  return b;
}

void
paddock_bar_free (PaddockBar *bar)
{
  if (bar == NULL)
    return;
  g_clear_pointer (&bar->time, g_date_time_unref);
  g_free (bar->open);
  g_free (bar->high);
  g_free (bar->low);
  g_free (bar->close);
  g_free (bar->volume);
  g_free (bar->trade_count);
  g_free (bar->vwap);
  g_free (bar);
}

G_DEFINE_BOXED_TYPE (PaddockBar, paddock_bar, paddock_bar_copy, paddock_bar_free)

/* ---- news ----------------------------------------------------------------------------- */

enum {
  N_HEADLINE, N_AUTHOR, N_SUMMARY, N_CONTENT, N_URL, N_SOURCE, N_CREATED, N_UPDATED,
  N_NEWS_FIELDS
};

static const PaddockField news_fields[N_NEWS_FIELDS] = {
  [N_HEADLINE] = { "headline", PADDOCK_FIELD_STRING, REQUIRED },
  [N_AUTHOR] = { "author", PADDOCK_FIELD_STRING, LENIENT },
  [N_SUMMARY] = { "summary", PADDOCK_FIELD_STRING, LENIENT },
  [N_CONTENT] = { "content", PADDOCK_FIELD_STRING, LENIENT },
  [N_URL] = { "url", PADDOCK_FIELD_STRING, LENIENT },
  [N_SOURCE] = { "source", PADDOCK_FIELD_STRING, LENIENT },
  [N_CREATED] = { "created_at", PADDOCK_FIELD_TIME, LENIENT },
  [N_UPDATED] = { "updated_at", PADDOCK_FIELD_TIME, LENIENT },
};

static const PaddockFieldTable news_table = {
  "news article", news_fields, N_NEWS_FIELDS, NULL, NULL,
};

static void
news_image_free (PaddockNewsImage *image)
{
  g_free (image->size);
  g_free (image->url);
  g_free (image);
}

static const char *
string_member (JsonObject *object,
               const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

/**
 * paddock_news_article_new_from_json:
 * @node: an article of `{"news": [...]}`
 *
 * The id (an integer) and the headline are required; symbols and images that are not
 * strings or image objects are left out.
 *
 * Returns: (transfer full): the article, or %NULL with %PADDOCK_ERROR_PROTOCOL
 */
PaddockNewsArticle *
paddock_news_article_new_from_json (JsonNode  *node,
                                    GError   **error)
{
  PaddockFieldValue v[N_NEWS_FIELDS] = { { 0 } };
  PaddockNewsArticle *a;
  JsonObject *object;
  JsonNode *id, *member;
  g_autoptr (GStrvBuilder) symbols = g_strv_builder_new ();

  if (!parse_object (&news_table, node, v, error))
    return NULL;
  object = json_node_get_object (node);
  id = json_object_get_member (object, "id");
  if (id == NULL || !JSON_NODE_HOLDS_VALUE (id) || json_node_get_value_type (id) != G_TYPE_INT64)
    {
      _paddock_model_clear (&news_table, v);
      g_set_error_literal (error, PADDOCK_ERROR, PADDOCK_ERROR_PROTOCOL,
                           _("The server sent a news article without an id."));
      return NULL;
    }

  a = g_new0 (PaddockNewsArticle, 1);
  a->id = json_node_get_int (id);
  a->headline = steal_text (&v[N_HEADLINE]);
  a->author = v[N_AUTHOR].text != NULL ? steal_text (&v[N_AUTHOR]) : g_strdup ("");
  a->summary = v[N_SUMMARY].text != NULL ? steal_text (&v[N_SUMMARY]) : g_strdup ("");
  a->content = v[N_CONTENT].text != NULL ? steal_text (&v[N_CONTENT]) : g_strdup ("");
  a->url = steal_text (&v[N_URL]);
  a->source = steal_text (&v[N_SOURCE]);
  a->created_at = ref_time (&v[N_CREATED]);
  a->updated_at = ref_time (&v[N_UPDATED]);
  _paddock_model_clear (&news_table, v);

  member = json_object_get_member (object, "symbols");
  if (member != NULL && JSON_NODE_HOLDS_ARRAY (member))
    {
      JsonArray *array = json_node_get_array (member);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *s = json_array_get_element (array, i);

          if (JSON_NODE_HOLDS_VALUE (s) && json_node_get_value_type (s) == G_TYPE_STRING)
            g_strv_builder_add (symbols, json_node_get_string (s));
        }
    }
  a->symbols = g_strv_builder_end (symbols);

  a->images = g_ptr_array_new_with_free_func ((GDestroyNotify) news_image_free);
  member = json_object_get_member (object, "images");
  if (member != NULL && JSON_NODE_HOLDS_ARRAY (member))
    {
      JsonArray *array = json_node_get_array (member);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *item = json_array_get_element (array, i);
          PaddockNewsImage *image;

          if (!JSON_NODE_HOLDS_OBJECT (item) ||
              string_member (json_node_get_object (item), "url") == NULL)
            continue;
          image = g_new0 (PaddockNewsImage, 1);
          image->size = g_strdup (string_member (json_node_get_object (item), "size"));
          image->url = g_strdup (string_member (json_node_get_object (item), "url"));
          g_ptr_array_add (a->images, image);
        }
    }
  return a;
}

PaddockNewsArticle *
paddock_news_article_copy (const PaddockNewsArticle *article)
{
  PaddockNewsArticle *a = g_new0 (PaddockNewsArticle, 1);

  a->id = article->id;
  a->headline = g_strdup (article->headline);
  a->author = g_strdup (article->author);
  a->summary = g_strdup (article->summary);
  a->content = g_strdup (article->content);
  a->url = g_strdup (article->url);
  a->source = g_strdup (article->source);
  a->created_at = maybe_ref (article->created_at);
  a->updated_at = maybe_ref (article->updated_at);
  a->symbols = g_strdupv (article->symbols);
  a->images = g_ptr_array_new_with_free_func ((GDestroyNotify) news_image_free);
  for (guint i = 0; i < article->images->len; i++)
    {
      const PaddockNewsImage *from = g_ptr_array_index (article->images, i);
      PaddockNewsImage *image = g_new0 (PaddockNewsImage, 1);

      image->size = g_strdup (from->size);
      image->url = g_strdup (from->url);
      g_ptr_array_add (a->images, image);
    }
  return a;
}

void
paddock_news_article_free (PaddockNewsArticle *article)
{
  if (article == NULL)
    return;
  g_free (article->headline);
  g_free (article->author);
  g_free (article->summary);
  g_free (article->content);
  g_free (article->url);
  g_free (article->source);
  g_clear_pointer (&article->created_at, g_date_time_unref);
  g_clear_pointer (&article->updated_at, g_date_time_unref);
  g_strfreev (article->symbols);
  g_clear_pointer (&article->images, g_ptr_array_unref);
  g_free (article);
}

G_DEFINE_BOXED_TYPE (PaddockNewsArticle, paddock_news_article, paddock_news_article_copy,
                     paddock_news_article_free)

static void
append_entity (GString    *out,
               const char *name)
{
  static const struct { const char *name; const char *text; } named[] = {
    { "amp", "&" }, { "lt", "<" }, { "gt", ">" }, { "quot", "\"" }, { "apos", "'" },
    { "nbsp", " " },
  };
  gunichar c = 0;

  if (name[0] == '#')
    {
      guint64 value = 0;
      gboolean ok = name[1] == 'x' || name[1] == 'X'
        ? g_ascii_string_to_unsigned (name + 2, 16, 1, 0x10FFFF, &value, NULL)
        : g_ascii_string_to_unsigned (name + 1, 10, 1, 0x10FFFF, &value, NULL);

      c = (gunichar) value;
      if (ok && g_unichar_validate (c))
        g_string_append_unichar (out, c);
      else
        g_string_append_unichar (out, 0xFFFD);
      return;
    }
  for (guint i = 0; i < G_N_ELEMENTS (named); i++)
    if (g_str_equal (name, named[i].name))
      {
        g_string_append (out, named[i].text);
        return;
      }
  g_string_append_printf (out, "&%s;", name);
}

/**
 * paddock_html_to_text:
 * @html: (nullable): HTML text
 *
 * Drops the tags (a paragraph or line break becomes a line break), comments, scripts and
 * styles, and decodes character references. Nothing is rendered or fetched. The result
 * is still outside text: make it printable (paddock_format_printable()) before it reaches
 * a terminal or a label.
 *
 * Returns: (transfer full): plain text, runs of blank lines squeezed, trimmed
 */
char *
paddock_html_to_text (const char *html)
{
  GString *out = g_string_new (NULL);
  const char *p = html != NULL ? html : "";

  while (*p != '\0')
    {
      if (*p == '<')
        {
          const char *end;
          g_autofree char *tag = NULL;

          if (g_str_has_prefix (p, "<!--"))
            {
              end = strstr (p + 4, "-->");
              p = end != NULL ? end + 3 : p + strlen (p);
              continue;
            }
          end = strchr (p, '>');
          if (end == NULL)
            break;
          tag = g_ascii_strdown (p + 1, end - p - 1);
          p = end + 1;
          if (g_str_has_prefix (tag, "script") || g_str_has_prefix (tag, "style"))
            {
              const char *close = strstr (p, tag[1] == 'c' ? "</script" : "</style");

              if (close == NULL)
                close = strstr (p, tag[1] == 'c' ? "</SCRIPT" : "</STYLE");
              p = close != NULL ? close : p + strlen (p);
              continue;
            }
          if (g_str_has_prefix (tag, "br") || g_str_has_prefix (tag, "/p") ||
              g_str_has_prefix (tag, "/div") || g_str_has_prefix (tag, "/li") ||
              g_str_has_prefix (tag, "/h"))
            g_string_append_c (out, '\n');
          continue;
        }
      if (*p == '&')
        {
          const char *semi = strchr (p, ';');

          if (semi != NULL && semi - p > 1 && semi - p <= 10)
            {
              g_autofree char *name = g_strndup (p + 1, semi - p - 1);

              append_entity (out, name);
              p = semi + 1;
              continue;
            }
        }
      g_string_append_c (out, *p++);
    }

  /* no more than one blank line in a row */
  while (strstr (out->str, "\n\n\n") != NULL)
    {
      char *at = strstr (out->str, "\n\n\n");

      g_string_erase (out, at - out->str, 1);
    }
  return g_strstrip (g_string_free (out, FALSE));
}

/**
 * paddock_news_article_dup_plain_content:
 *
 * Returns: (transfer full): the article's content as plain text (paddock_html_to_text())
 */
char *
paddock_news_article_dup_plain_content (const PaddockNewsArticle *article)
{
  return paddock_html_to_text (article->content);
}

/* ---- screener ------------------------------------------------------------------------- */

enum { A_SYMBOL, A_VOLUME, A_COUNT, N_ACTIVE_FIELDS };

static const PaddockField active_fields[N_ACTIVE_FIELDS] = {
  [A_SYMBOL] = { "symbol", PADDOCK_FIELD_STRING, REQUIRED },
  [A_VOLUME] = { "volume", PADDOCK_FIELD_DECIMAL, LENIENT },
  [A_COUNT] = { "trade_count", PADDOCK_FIELD_DECIMAL, LENIENT },
};

static const PaddockFieldTable active_table = {
  "most active stock", active_fields, N_ACTIVE_FIELDS, NULL, NULL,
};

PaddockMostActive *
paddock_most_active_new_from_json (JsonNode  *node,
                                   GError   **error)
{
  PaddockFieldValue v[N_ACTIVE_FIELDS] = { { 0 } };
  PaddockMostActive *m;

  if (!parse_object (&active_table, node, v, error))
    return NULL;
  m = g_new0 (PaddockMostActive, 1);
  m->symbol = steal_text (&v[A_SYMBOL]);
  m->volume = steal_text (&v[A_VOLUME]);
  m->trade_count = steal_text (&v[A_COUNT]);
  _paddock_model_clear (&active_table, v);
  return m;
}

PaddockMostActive *
paddock_most_active_copy (const PaddockMostActive *item)
{
  PaddockMostActive *m = g_new0 (PaddockMostActive, 1);

  m->symbol = g_strdup (item->symbol);
  m->volume = g_strdup (item->volume);
  m->trade_count = g_strdup (item->trade_count);
  return m;
}

void
paddock_most_active_free (PaddockMostActive *item)
{
  if (item == NULL)
    return;
  g_free (item->symbol);
  g_free (item->volume);
  g_free (item->trade_count);
  g_free (item);
}

G_DEFINE_BOXED_TYPE (PaddockMostActive, paddock_most_active, paddock_most_active_copy,
                     paddock_most_active_free)

enum { M_SYMBOL, M_PERCENT, M_CHANGE, M_PRICE, N_MOVER_FIELDS };

static const PaddockField mover_fields[N_MOVER_FIELDS] = {
  [M_SYMBOL] = { "symbol", PADDOCK_FIELD_STRING, REQUIRED },
  [M_PERCENT] = { "percent_change", PADDOCK_FIELD_DECIMAL, REQUIRED },
  [M_CHANGE] = { "change", PADDOCK_FIELD_DECIMAL, LENIENT },
  [M_PRICE] = { "price", PADDOCK_FIELD_DECIMAL, LENIENT },
};

static const PaddockFieldTable mover_table = {
  "mover", mover_fields, N_MOVER_FIELDS, NULL, NULL,
};

PaddockMover *
paddock_mover_new_from_json (JsonNode  *node,
                             GError   **error)
{
  PaddockFieldValue v[N_MOVER_FIELDS] = { { 0 } };
  PaddockMover *m;

  if (!parse_object (&mover_table, node, v, error))
    return NULL;
  m = g_new0 (PaddockMover, 1);
  m->symbol = steal_text (&v[M_SYMBOL]);
  m->percent_change = steal_text (&v[M_PERCENT]);
  m->change = steal_text (&v[M_CHANGE]);
  m->price = steal_text (&v[M_PRICE]);
  _paddock_model_clear (&mover_table, v);
  return m;
}

PaddockMover *
paddock_mover_copy (const PaddockMover *mover)
{
  PaddockMover *m = g_new0 (PaddockMover, 1);

  m->symbol = g_strdup (mover->symbol);
  m->percent_change = g_strdup (mover->percent_change);
  m->change = g_strdup (mover->change);
  m->price = g_strdup (mover->price);
  return m;
}

void
paddock_mover_free (PaddockMover *mover)
{
  if (mover == NULL)
    return;
  g_free (mover->symbol);
  g_free (mover->percent_change);
  g_free (mover->change);
  g_free (mover->price);
  g_free (mover);
}

G_DEFINE_BOXED_TYPE (PaddockMover, paddock_mover, paddock_mover_copy, paddock_mover_free)

static GPtrArray *
parse_movers (JsonObject  *object,
              const char  *name,
              GError     **error)
{
  JsonNode *member = json_object_get_member (object, name);
  g_autoptr (GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) paddock_mover_free);

  if (member == NULL || JSON_NODE_HOLDS_NULL (member))
    return g_steal_pointer (&list);
  if (!JSON_NODE_HOLDS_ARRAY (member))
    {
      g_set_error_literal (error, PADDOCK_ERROR, PADDOCK_ERROR_PROTOCOL,
                           _("The server sent a malformed reply: a list was expected."));
      return NULL;
    }
  for (guint i = 0; i < json_array_get_length (json_node_get_array (member)); i++)
    {
      JsonNode *item = json_array_get_element (json_node_get_array (member), i);
      PaddockMover *m = paddock_mover_new_from_json (item, error);

      if (m == NULL)
        return NULL;
      g_ptr_array_add (list, m);
    }
  return g_steal_pointer (&list);
}

/**
 * paddock_movers_new_from_json:
 * @node: the reply `{"gainers": [...], "losers": [...], "last_updated": ...}`
 *
 * Returns: (transfer full): the movers, or %NULL with %PADDOCK_ERROR_PROTOCOL
 */
PaddockMovers *
paddock_movers_new_from_json (JsonNode  *node,
                              GError   **error)
{
  g_autoptr (PaddockMovers) movers = g_new0 (PaddockMovers, 1);
  JsonObject *object;
  const char *updated;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error_literal (error, PADDOCK_ERROR, PADDOCK_ERROR_PROTOCOL,
                           _("The server sent a malformed reply: an object was expected."));
      return NULL;
    }
  object = json_node_get_object (node);
  if ((movers->gainers = parse_movers (object, "gainers", error)) == NULL ||
      (movers->losers = parse_movers (object, "losers", error)) == NULL)
    return NULL;
  updated = string_member (object, "last_updated");
  if (updated != NULL)
    movers->last_updated = g_date_time_new_from_iso8601 (updated, NULL);
  return g_steal_pointer (&movers);
}

static GPtrArray *
copy_movers (GPtrArray *list)
{
  GPtrArray *copy = g_ptr_array_new_with_free_func ((GDestroyNotify) paddock_mover_free);

  for (guint i = 0; list != NULL && i < list->len; i++)
    g_ptr_array_add (copy, paddock_mover_copy (g_ptr_array_index (list, i)));
  return copy;
}

PaddockMovers *
paddock_movers_copy (const PaddockMovers *movers)
{
  PaddockMovers *m = g_new0 (PaddockMovers, 1);

  m->gainers = copy_movers (movers->gainers);
  m->losers = copy_movers (movers->losers);
  m->last_updated = maybe_ref (movers->last_updated);
  return m;
}

void
paddock_movers_free (PaddockMovers *movers)
{
  if (movers == NULL)
    return;
  g_clear_pointer (&movers->gainers, g_ptr_array_unref);
  g_clear_pointer (&movers->losers, g_ptr_array_unref);
  g_clear_pointer (&movers->last_updated, g_date_time_unref);
  g_free (movers);
}

G_DEFINE_BOXED_TYPE (PaddockMovers, paddock_movers, paddock_movers_copy, paddock_movers_free)
