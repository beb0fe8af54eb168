/* paddock-cli-market.c: quote, bars, news and movers, from the Market Data API
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The commands go through PaddockMarketData, as the app does: the latest quotes of every
 * symbol in one request, bars and news following next_page_token, feed=iex unless the
 * data-feed setting (or --feed) says sip. --json prints what was received with every price
 * as the decimal text sent; people get columns, and every outside string (a headline, an
 * article's HTML made plain text) goes through paddock_format_printable() first.
 */
#define G_LOG_DOMAIN "paddock-cli"

#include "config.h"

#include <string.h>

#include "paddock-asset.h"
#include "paddock-error.h"
#include "paddock-format.h"
#include "paddock-market-data.h"
#include "paddock-session.h"
#include "paddock-settings.h"

#include "paddock-cli-private.h"

#define NEWS_DEFAULT_LIMIT 10
#define MOVERS_DEFAULT_TOP 10

/* ---- the connection ------------------------------------------------------------------- */

static PaddockMarketData *
open_market_data (PaddockTokenStore  *store,
                  const char         *wanted,
                  const char         *feed_text,
                  GError            **error)
{
  g_autoptr (PaddockCredentials) credentials = NULL;
  g_autoptr (PaddockEndpoints) endpoints = NULL;
  g_autoptr (PaddockSession) session = NULL;
  g_autoptr (GSettings) settings = paddock_settings_new ();
  PaddockDataFeed feed = paddock_settings_get_data_feed (settings);

  if (feed_text != NULL && !paddock_data_feed_from_string (feed_text, &feed))
    {
      g_set_error (error, PADDOCK_ERROR, PADDOCK_ERROR_INVALID_INPUT,
                   _("--feed must be iex or sip"));
      return NULL;
    }
  credentials = cli_choose_account (store, wanted, error);
  if (credentials == NULL)
    return NULL;
  endpoints = cli_endpoints_for_credentials (store, credentials, error);
  if (endpoints == NULL)
    return NULL;
  session = paddock_session_new (endpoints, credentials);
  return paddock_market_data_new (paddock_session_get_data_client (session), feed);
}

/* ---- options -------------------------------------------------------------------------- */

/* "--name VALUE" or "--name=VALUE" at argv[*i]; moves *i past it. FALSE if not this
 * option; *missing when it has no value. */
static gboolean
take_option (int          argc,
             char       **argv,
             int         *i,
             const char  *name,
             const char **value,
             gboolean    *missing)
{
  gsize n = strlen (name);

  if (g_str_equal (argv[*i], name))
    {
      if (*i + 1 >= argc)
        {
          *missing = TRUE;
          return TRUE;
        }
      *value = argv[++*i];
      return TRUE;
    }
  if (g_str_has_prefix (argv[*i], name) && argv[*i][n] == '=')
    {
      *value = argv[*i] + n + 1;
      return TRUE;
    }
  return FALSE;
}

static gboolean
parse_count (const char *text,
             guint       max,
             guint      *out)
{
  guint64 value = 0;

  if (text == NULL || !g_ascii_string_to_unsigned (text, 10, 1, max, &value, NULL))
    return FALSE;
  *out = (guint) value;
  return TRUE;
}

/* RFC 3339, or a date (midnight UTC) */
static GDateTime *
parse_time (const char *text)
{
  g_autofree char *full = NULL;

  if (text == NULL)
    return NULL;
  if (strlen (text) == 10)
    full = g_strconcat (text, "T00:00:00Z", NULL);
  return g_date_time_new_from_iso8601 (full != NULL ? full : text, NULL);
}

/* Symbols are upper case; anything else is left to the checks of the core */
static char *
symbol_arg (const char *text)
{
  return g_ascii_strup (text, -1);
}

/* ---- printing ------------------------------------------------------------------------- */

typedef struct
{
  guint n_columns;
  const gboolean *right;
  GPtrArray *rows;           /* GStrv, printable */
} Table;

static void
table_init (Table              *t,
            const char * const *header,
            const gboolean     *right)
{
  t->n_columns = g_strv_length ((char **) header);
  t->right = right;
  t->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_ptr_array_add (t->rows, g_strdupv ((char **) header));
}

static void
table_add (Table              *t,
           const char * const *cells)
{
  char **row = g_new0 (char *, t->n_columns + 1);

  for (guint i = 0; i < t->n_columns; i++)
    row[i] = cells[i] != NULL ? paddock_format_printable (cells[i]) : g_strdup ("—");
  g_ptr_array_add (t->rows, row);
}

static void
table_print (Table *t)
{
  g_autofree glong *widths = g_new0 (glong, t->n_columns);
  g_autoptr (GString) line = g_string_new (NULL);

  for (guint r = 0; r < t->rows->len; r++)
    {
      char **row = g_ptr_array_index (t->rows, r);

      for (guint i = 0; i < t->n_columns; i++)
        widths[i] = MAX (widths[i], g_utf8_strlen (row[i], -1));
    }
  for (guint r = 0; r < t->rows->len; r++)
    {
      char **row = g_ptr_array_index (t->rows, r);

      g_string_truncate (line, 0);
      for (guint i = 0; i < t->n_columns; i++)
        {
          glong pad = widths[i] - g_utf8_strlen (row[i], -1);

          if (i > 0)
            g_string_append (line, "  ");
          if (t->right[i])
            for (glong p = 0; p < pad; p++)
              g_string_append_c (line, ' ');
          g_string_append (line, row[i]);
          if (!t->right[i] && i + 1 < t->n_columns)
            for (glong p = 0; p < pad; p++)
              g_string_append_c (line, ' ');
        }
      g_print ("%s\n", line->str);
    }
  g_clear_pointer (&t->rows, g_ptr_array_unref);
}

static char *
local_time (GDateTime *t)
{
  g_autoptr (GDateTime) local = NULL;

  if (t == NULL)
    return NULL;
  local = g_date_time_to_local (t);
  return g_date_time_format (local, "%Y-%m-%d %H:%M:%S");
}

static char *
utc_time (GDateTime *t)
{
  g_autoptr (GDateTime) utc = NULL;

  if (t == NULL)
    return NULL;
  utc = g_date_time_to_utc (t);
  return g_date_time_format_iso8601 (utc);
}

/* JSON for --json: strings as received (decimal text), null when absent */
static void
add_string (JsonBuilder *b,
            const char  *name,
            const char  *value)
{
  json_builder_set_member_name (b, name);
  if (value != NULL)
    json_builder_add_string_value (b, value);
  else
    json_builder_add_null_value (b);
}

static void
add_time (JsonBuilder *b,
          const char  *name,
          GDateTime   *value)
{
  g_autofree char *text = utc_time (value);

  add_string (b, name, text);
}

static void
print_builder (JsonBuilder *b)
{
  g_autoptr (JsonNode) root = json_builder_get_root (b);

  cli_print_json (root);
}

/* ---- quote ---------------------------------------------------------------------------- */

int
cli_cmd_quote (PaddockTokenStore *store,
               gboolean           json,
               const char        *wanted,
               int                argc,
               char             **argv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PaddockMarketData) data = NULL;
  g_autoptr (GPtrArray) symbols = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) quotes = NULL;
  g_auto (CliWaiter) w = CLI_WAITER_INIT;
  const char *feed = NULL;
  const char *const header[] = {
    C_("cli column", "SYMBOL"), C_("cli column", "BID"), C_("cli column", "BID SIZE"),
    C_("cli column", "ASK"), C_("cli column", "ASK SIZE"), C_("cli column", "TIME"), NULL
  };
  static const gboolean right[] = { FALSE, TRUE, TRUE, TRUE, TRUE, FALSE };

  for (int i = 1; i < argc; i++)
    {
      gboolean missing = FALSE;

      if (take_option (argc, argv, &i, "--feed", &feed, &missing))
        {
          if (missing)
            return cli_usage_error (_("--feed needs iex or sip"));
          continue;
        }
      if (argv[i][0] == '-')
        {
          g_autofree char *msg = g_strdup_printf (_("quote: unknown option “%s”"), argv[i]);

          return cli_usage_error (msg);
        }
      g_ptr_array_add (symbols, symbol_arg (argv[i]));
    }
  if (symbols->len == 0)
    return cli_usage_error (_("quote needs at least one symbol"));
  g_ptr_array_add (symbols, NULL);

  data = open_market_data (store, wanted, feed, &error);
  if (data == NULL)
    return cli_fail (error);
  paddock_market_data_latest_quotes_async (data, (const char * const *) symbols->pdata, NULL,
                                           cli_waiter_cb, &w);
  quotes = paddock_market_data_latest_quotes_finish (data, cli_waiter_wait (&w), &error);
  if (quotes == NULL)
    return cli_fail (error);

  /* the symbols the server does not know are left out: say which */
  for (guint i = 0; i + 1 < symbols->len; i++)
    {
      gboolean found = FALSE;

      for (guint j = 0; j < quotes->len && !found; j++)
        found = g_str_equal (((PaddockQuote *) quotes->pdata[j])->symbol, symbols->pdata[i]);
      if (!found)
        {
          g_autofree char *msg = g_strdup_printf (_("No quote for %s."),
                                                  (char *) symbols->pdata[i]);

          cli_print_error (msg);
        }
    }
  if (quotes->len == 0)
    return EXIT_FAILED;

  if (json)
    {
      g_autoptr (JsonBuilder) b = json_builder_new ();

      json_builder_begin_array (b);
      for (guint i = 0; i < quotes->len; i++)
        {
          PaddockQuote *q = quotes->pdata[i];

          json_builder_begin_object (b);
          add_string (b, "symbol", q->symbol);
          add_string (b, "bid_price", q->bid_price);
          add_string (b, "bid_size", q->bid_size);
          add_string (b, "bid_exchange", q->bid_exchange);
          add_string (b, "ask_price", q->ask_price);
          add_string (b, "ask_size", q->ask_size);
          add_string (b, "ask_exchange", q->ask_exchange);
          add_time (b, "time", q->time);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      print_builder (b);
    }
  else
    {
      Table table;

      table_init (&table, header, right);
      for (guint i = 0; i < quotes->len; i++)
        {
          PaddockQuote *q = quotes->pdata[i];
          g_autofree char *time = local_time (q->time);
          const char *cells[] = { q->symbol, q->bid_price, q->bid_size, q->ask_price, q->ask_size,
                                  time };

          table_add (&table, cells);
        }
      table_print (&table);
    }
  return EXIT_OK;
}

/* ---- bars ----------------------------------------------------------------------------- */

int
cli_cmd_bars (PaddockTokenStore *store,
              gboolean           json,
              const char        *wanted,
              int                argc,
              char             **argv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PaddockMarketData) data = NULL;
  g_autoptr (GPtrArray) bars = NULL;
  g_autoptr (GDateTime) start = NULL;
  g_autoptr (GDateTime) end = NULL;
  g_autofree char *symbol = NULL;
  g_auto (CliWaiter) w = CLI_WAITER_INIT;
  const char *timeframe = NULL, *start_text = NULL, *end_text = NULL, *limit_text = NULL;
  const char *feed = NULL;
  guint limit = 0;
  const char *const header[] = {
    C_("cli column", "TIME"), C_("cli column", "OPEN"), C_("cli column", "HIGH"),
    C_("cli column", "LOW"), C_("cli column", "CLOSE"), C_("cli column", "VOLUME"), NULL
  };
  static const gboolean right[] = { FALSE, TRUE, TRUE, TRUE, TRUE, TRUE };

  for (int i = 1; i < argc; i++)
    {
      gboolean missing = FALSE;

      if (take_option (argc, argv, &i, "--timeframe", &timeframe, &missing) ||
          take_option (argc, argv, &i, "--start", &start_text, &missing) ||
          take_option (argc, argv, &i, "--end", &end_text, &missing) ||
          take_option (argc, argv, &i, "--limit", &limit_text, &missing) ||
          take_option (argc, argv, &i, "--feed", &feed, &missing))
        {
          if (missing)
            {
              g_autofree char *msg = g_strdup_printf (_("bars: %s needs a value"), argv[i]);

              return cli_usage_error (msg);
            }
          continue;
        }
      if (argv[i][0] == '-' || symbol != NULL)
        {
          g_autofree char *msg = g_strdup_printf (_("bars: unexpected “%s”"), argv[i]);

          return cli_usage_error (msg);
        }
      symbol = symbol_arg (argv[i]);
    }
  if (symbol == NULL)
    return cli_usage_error (_("bars needs a symbol"));
  if (timeframe == NULL)
    return cli_usage_error (_("bars needs --timeframe (1Min, 5Min, 1Hour, 1Day, 1Week, 1Month…)"));
  if (start_text != NULL && (start = parse_time (start_text)) == NULL)
    return cli_usage_error (_("--start must be a date (2024-01-08) or an RFC 3339 time"));
  if (end_text != NULL && (end = parse_time (end_text)) == NULL)
    return cli_usage_error (_("--end must be a date (2024-01-08) or an RFC 3339 time"));
  if (limit_text != NULL && !parse_count (limit_text, G_MAXINT, &limit))
    return cli_usage_error (_("--limit must be a positive number"));

  data = open_market_data (store, wanted, feed, &error);
  if (data == NULL)
    return cli_fail (error);
  paddock_market_data_bars_async (data, symbol, timeframe, start, end, limit, NULL,
                                  cli_waiter_cb, &w);
  bars = paddock_market_data_bars_finish (data, cli_waiter_wait (&w), &error);
  if (bars == NULL)
    return cli_fail (error);

  if (json)
    {
      g_autoptr (JsonBuilder) b = json_builder_new ();

      json_builder_begin_array (b);
      for (guint i = 0; i < bars->len; i++)
        {
          PaddockBar *bar = bars->pdata[i];

          json_builder_begin_object (b);
          add_time (b, "t", bar->time);
          add_string (b, "o", bar->open);
          add_string (b, "h", bar->high);
          add_string (b, "l", bar->low);
          add_string (b, "c", bar->close);
          add_string (b, "v", bar->volume);
          add_string (b, "n", bar->trade_count);
          add_string (b, "vw", bar->vwap);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      print_builder (b);
      return EXIT_OK;
    }

  if (bars->len == 0)
    {
      g_print (_("No bars in that range.\n"));
      return EXIT_OK;
    }
  {
    Table table;

    table_init (&table, header, right);
    for (guint i = 0; i < bars->len; i++)
      {
        PaddockBar *bar = bars->pdata[i];
        g_autofree char *time = local_time (bar->time);
        const char *cells[] = { time, bar->open, bar->high, bar->low, bar->close, bar->volume };

        table_add (&table, cells);
      }
    table_print (&table);
  }
  return EXIT_OK;
}

/* ---- news ----------------------------------------------------------------------------- */

/* Outside text, one printable line per line of it, indented */
static void
print_text (const char *text,
            const char *indent)
{
  g_auto (GStrv) lines = g_strsplit (text != NULL ? text : "", "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autofree char *safe = paddock_format_printable (g_strstrip (lines[i]));

      if (*safe != '\0')
        g_print ("%s%s\n", indent, safe);
    }
}

int
cli_cmd_news (PaddockTokenStore *store,
              gboolean           json,
              const char        *wanted,
              int                argc,
              char             **argv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PaddockMarketData) data = NULL;
  g_autoptr (GPtrArray) symbols = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) articles = NULL;
  g_auto (CliWaiter) w = CLI_WAITER_INIT;
  const char *limit_text = NULL;
  guint limit = NEWS_DEFAULT_LIMIT;

  for (int i = 1; i < argc; i++)
    {
      gboolean missing = FALSE;

      if (take_option (argc, argv, &i, "--limit", &limit_text, &missing))
        {
          if (missing)
            return cli_usage_error (_("--limit needs a number"));
          continue;
        }
      if (argv[i][0] == '-')
        {
          g_autofree char *msg = g_strdup_printf (_("news: unknown option “%s”"), argv[i]);

          return cli_usage_error (msg);
        }
      g_ptr_array_add (symbols, symbol_arg (argv[i]));
    }
  if (limit_text != NULL && !parse_count (limit_text, 100000, &limit))
    return cli_usage_error (_("--limit must be a number from 1 to 100000"));
  g_ptr_array_add (symbols, NULL);

  data = open_market_data (store, wanted, NULL, &error);
  if (data == NULL)
    return cli_fail (error);
  paddock_market_data_news_async (data, (const char * const *) symbols->pdata, limit, TRUE, NULL,
                                  cli_waiter_cb, &w);
  articles = paddock_market_data_news_finish (data, cli_waiter_wait (&w), &error);
  if (articles == NULL)
    return cli_fail (error);

  if (json)
    {
      g_autoptr (JsonBuilder) b = json_builder_new ();

      json_builder_begin_array (b);
      for (guint i = 0; i < articles->len; i++)
        {
          PaddockNewsArticle *a = articles->pdata[i];

          json_builder_begin_object (b);
          json_builder_set_member_name (b, "id");
          json_builder_add_int_value (b, a->id);
          add_string (b, "headline", a->headline);
          add_string (b, "author", a->author);
          add_time (b, "created_at", a->created_at);
          add_time (b, "updated_at", a->updated_at);
          add_string (b, "summary", a->summary);
          add_string (b, "content", a->content);
          add_string (b, "url", a->url);
          json_builder_set_member_name (b, "symbols");
          json_builder_begin_array (b);
          for (guint j = 0; a->symbols[j] != NULL; j++)
            json_builder_add_string_value (b, a->symbols[j]);
          json_builder_end_array (b);
          add_string (b, "source", a->source);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      print_builder (b);
      return EXIT_OK;
    }

  if (articles->len == 0)
    {
      g_print (_("No news.\n"));
      return EXIT_OK;
    }
  for (guint i = 0; i < articles->len; i++)
    {
      PaddockNewsArticle *a = articles->pdata[i];
      g_autofree char *when = local_time (a->created_at);
      g_autofree char *about = g_strjoinv (", ", a->symbols);
      g_autofree char *byline = g_strdup_printf ("%s · %s%s%s", when != NULL ? when : "—", about,
                                                 *a->author != '\0' ? " · " : "", a->author);
      g_autofree char *plain = paddock_news_article_dup_plain_content (a);

      if (i > 0)
        g_print ("\n");
      print_text (a->headline, "");
      print_text (byline, "  ");
      if (*a->summary != '\0')
        print_text (a->summary, "  ");
      print_text (plain, "    ");
      if (a->url != NULL)
        print_text (a->url, "  ");
    }
  return EXIT_OK;
}

/* ---- movers --------------------------------------------------------------------------- */

static void
add_movers_json (JsonBuilder *b,
                 const char  *name,
                 GPtrArray   *list)
{
  json_builder_set_member_name (b, name);
  json_builder_begin_array (b);
  for (guint i = 0; i < list->len; i++)
    {
      PaddockMover *m = list->pdata[i];

      json_builder_begin_object (b);
      add_string (b, "symbol", m->symbol);
      add_string (b, "percent_change", m->percent_change);
      add_string (b, "change", m->change);
      add_string (b, "price", m->price);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

static void
print_movers (const char *title,
              GPtrArray  *list)
{
  const char *const header[] = {
    C_("cli column", "SYMBOL"), C_("cli column", "PRICE"), C_("cli column", "CHANGE"),
    C_("cli column", "CHANGE %"), NULL
  };
  static const gboolean right[] = { FALSE, TRUE, TRUE, TRUE };
  Table table;

  g_print ("\n%s\n", title);
  if (list->len == 0)
    {
      g_print (_("None.\n"));
      return;
    }
  table_init (&table, header, right);
  for (guint i = 0; i < list->len; i++)
    {
      PaddockMover *m = list->pdata[i];
      g_autofree char *percent = g_strdup_printf ("%s%%", m->percent_change);
      const char *cells[] = { m->symbol, m->price, m->change, percent };

      table_add (&table, cells);
    }
  table_print (&table);
}

int
cli_cmd_movers (PaddockTokenStore *store,
                gboolean           json,
                const char        *wanted,
                int                argc,
                char             **argv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PaddockMarketData) data = NULL;
  g_autoptr (GPtrArray) actives = NULL;
  g_autoptr (PaddockMovers) movers = NULL;
  const char *top_text = NULL;
  guint top = MOVERS_DEFAULT_TOP;

  for (int i = 1; i < argc; i++)
    {
      gboolean missing = FALSE;

      if (take_option (argc, argv, &i, "--top", &top_text, &missing) && !missing)
        continue;
      {
        g_autofree char *msg = g_strdup_printf (_("movers: unexpected “%s”"), argv[i]);

        return cli_usage_error (msg);
      }
    }
  if (top_text != NULL && !parse_count (top_text, 50, &top))
    return cli_usage_error (_("--top must be a number from 1 to 50"));

  data = open_market_data (store, wanted, NULL, &error);
  if (data == NULL)
    return cli_fail (error);
  {
    g_auto (CliWaiter) w = CLI_WAITER_INIT;

    paddock_market_data_most_actives_async (data, top, NULL, cli_waiter_cb, &w);
    actives = paddock_market_data_most_actives_finish (data, cli_waiter_wait (&w), &error);
    if (actives == NULL)
      return cli_fail (error);
  }
  {
    g_auto (CliWaiter) w = CLI_WAITER_INIT;

    paddock_market_data_movers_async (data, top, NULL, cli_waiter_cb, &w);
    movers = paddock_market_data_movers_finish (data, cli_waiter_wait (&w), &error);
    if (movers == NULL)
      return cli_fail (error);
  }

  if (json)
    {
      g_autoptr (JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "most_actives");
      json_builder_begin_array (b);
      for (guint i = 0; i < actives->len; i++)
        {
          PaddockMostActive *m = actives->pdata[i];

          json_builder_begin_object (b);
          add_string (b, "symbol", m->symbol);
          add_string (b, "volume", m->volume);
          add_string (b, "trade_count", m->trade_count);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      add_movers_json (b, "gainers", movers->gainers);
      add_movers_json (b, "losers", movers->losers);
      add_time (b, "last_updated", movers->last_updated);
      json_builder_end_object (b);
      print_builder (b);
      return EXIT_OK;
    }

  {
    const char *const header[] = {
      C_("cli column", "SYMBOL"), C_("cli column", "VOLUME"), C_("cli column", "TRADES"), NULL
    };
    static const gboolean right[] = { FALSE, TRUE, TRUE };
    Table table;

    g_print (_("Most active\n"));
    table_init (&table, header, right);
    for (guint i = 0; i < actives->len; i++)
      {
        PaddockMostActive *m = actives->pdata[i];
        g_autofree char *volume = m->volume != NULL ? paddock_format_quantity (m->volume) : NULL;
        g_autofree char *trades = m->trade_count != NULL ? paddock_format_quantity (m->trade_count)
                                                         : NULL;
        const char *cells[] = { m->symbol, volume, trades };

        table_add (&table, cells);
      }
    table_print (&table);
  }
  print_movers (_("Gainers"), movers->gainers);
  print_movers (_("Losers"), movers->losers);
  return EXIT_OK;
}
