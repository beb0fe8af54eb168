/* paddock-portfolio-history.c: the account's equity over time, for a chart
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each series is kept twice: the decimal text of every number (NULL for a gap), for people
 * and for --json, and doubles (NaN for a gap) that a chart reads as one array. What is
 * refused and what is tolerated is listed in paddock-portfolio-history.h.
 */
#define G_LOG_DOMAIN "paddock-portfolio-history"

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "paddock-error.h"
#include "paddock-model-private.h"
#include "paddock-portfolio-history.h"

/* above this, a timestamp is in milliseconds (10^11 seconds is the year 5138) */
#define MILLISECONDS_ABOVE G_GINT64_CONSTANT (100000000000)
/* no account holds 10^15 dollars; larger numbers are not money */
#define MAX_MAGNITUDE 1e15

typedef struct
{
  char **text;      /* n entries, NULL for a gap */
  double *values;   /* n entries, NaN for a gap */
} Series;

enum {
  S_EQUITY,
  S_PROFIT_LOSS,
  S_PROFIT_LOSS_PCT,
  N_SERIES
};

static const char *const series_names[N_SERIES] = {
  "equity", "profit_loss", "profit_loss_pct",
};

struct _PaddockPortfolioHistory
{
  GObject parent_instance;

  guint n_points;
  gint64 *timestamps;
  Series series[N_SERIES];
  gboolean in_milliseconds;
  char *timeframe;
  char *base_value;
};

G_DEFINE_FINAL_TYPE (PaddockPortfolioHistory, paddock_portfolio_history, G_TYPE_OBJECT)

static void
paddock_portfolio_history_finalize (GObject *object)
{
  PaddockPortfolioHistory *self = PADDOCK_PORTFOLIO_HISTORY (object);

  g_free (self->timestamps);
  for (guint s = 0; s < N_SERIES; s++)
    {
      for (guint i = 0; self->series[s].text != NULL && i < self->n_points; i++)
        g_free (self->series[s].text[i]);
      g_free (self->series[s].text);
      g_free (self->series[s].values);
    }
  g_free (self->timeframe);
  g_free (self->base_value);
  G_OBJECT_CLASS (paddock_portfolio_history_parent_class)->finalize (object);
}

static void
paddock_portfolio_history_class_init (PaddockPortfolioHistoryClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = paddock_portfolio_history_finalize;
}

static void
paddock_portfolio_history_init (PaddockPortfolioHistory *self)
{
}

static gboolean
protocol_error (GError     **error,
                const char  *what)
{
  g_set_error (error, PADDOCK_ERROR, PADDOCK_ERROR_PROTOCOL,
               /* Translators: %s is a member of the reply, such as "equity" */
               _("The portfolio history’s “%s” is not what Alpaca sends."), what);
  return FALSE;
}

/* A number (or decimal text) as decimal text and as a double; *text NULL for null. */
static gboolean
read_value (JsonNode  *node,
            char     **text,
            double    *value)
{
  GType type;
  double d;

  *text = NULL;
  *value = NAN;
  if (JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node))
    return FALSE;

  type = json_node_get_value_type (node);
  if (type == G_TYPE_STRING)
    {
      const char *s = json_node_get_string (node);

      if (!_paddock_model_decimal_is_valid (s))
        return FALSE;
      d = g_ascii_strtod (s, NULL);
      if (!(fabs (d) < MAX_MAGNITUDE))
        return FALSE;
      *text = g_strdup (s);
      *value = d;
      return TRUE;
    }
  if (type != G_TYPE_INT64 && type != G_TYPE_DOUBLE)
    return FALSE;

  d = type == G_TYPE_INT64 ? (double) json_node_get_int (node) : json_node_get_double (node);
  if (!(fabs (d) < MAX_MAGNITUDE))
    return FALSE;
  *text = _paddock_model_decimal_from_number (node);
  if (*text == NULL)
    {
      /* a tiny fraction Alpaca's encoder wrote with an exponent (1e-05): fixed digits */
      char buf[64];
      char *end;

      g_ascii_formatd (buf, sizeof buf, "%.15f", d);
      end = buf + strlen (buf) - 1;
      while (end > buf && *end == '0')
        *end-- = '\0';
      if (*end == '.')
        *end = '\0';
      *text = g_strdup (strcmp (buf, "-0") == 0 ? "0" : buf);
    }
  *value = d;
  return TRUE;
}

static gboolean
read_timestamps (PaddockPortfolioHistory  *self,
                 JsonObject               *object,
                 GError                  **error)
{
  JsonNode *member = json_object_get_member (object, "timestamp");
  JsonArray *array;
  guint n_ms = 0;

  if (member == NULL || !JSON_NODE_HOLDS_ARRAY (member))
    return protocol_error (error, "timestamp");
  array = json_node_get_array (member);
  self->n_points = json_array_get_length (array);
  self->timestamps = g_new0 (gint64, MAX (self->n_points, 1));
  for (guint i = 0; i < self->n_points; i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      gint64 t;

      if (JSON_NODE_HOLDS_VALUE (element) && json_node_get_value_type (element) == G_TYPE_INT64)
        t = json_node_get_int (element);
      else if (JSON_NODE_HOLDS_VALUE (element) &&
               json_node_get_value_type (element) == G_TYPE_DOUBLE &&
               fabs (json_node_get_double (element)) < 1e15 &&
               json_node_get_double (element) == floor (json_node_get_double (element)))
        t = (gint64) json_node_get_double (element);
      else
        return protocol_error (error, "timestamp");
      if (t < 0)
        return protocol_error (error, "timestamp");
      if (t > MILLISECONDS_ABOVE)
        n_ms++;
      self->timestamps[i] = t;
    }

  if (n_ms > 0 && n_ms < self->n_points)
    return protocol_error (error, "timestamp");
  self->in_milliseconds = n_ms > 0;
  if (self->in_milliseconds)
    for (guint i = 0; i < self->n_points; i++)
      self->timestamps[i] /= 1000;
  return TRUE;
}

static gboolean
read_series (PaddockPortfolioHistory  *self,
             JsonObject               *object,
             guint                     s,
             GError                  **error)
{
  JsonNode *member = json_object_get_member (object, series_names[s]);
  Series *series = &self->series[s];
  JsonArray *array;

  series->text = g_new0 (char *, self->n_points + 1);
  series->values = g_new (double, self->n_points + 1);
  for (guint i = 0; i <= self->n_points; i++)
    series->values[i] = NAN;

  /* a series that is absent (or null) is all gaps */
  if (member == NULL || JSON_NODE_HOLDS_NULL (member))
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (member))
    return protocol_error (error, series_names[s]);
  array = json_node_get_array (member);
  if (json_array_get_length (array) != self->n_points)
    return protocol_error (error, series_names[s]);
  for (guint i = 0; i < self->n_points; i++)
    if (!read_value (json_array_get_element (array, i), &series->text[i], &series->values[i]))
      return protocol_error (error, series_names[s]);
  return TRUE;
}

/**
 * paddock_portfolio_history_new_from_json:
 * @node: the reply of `GET /v2/account/portfolio/history`
 *
 * Returns: (transfer full): the history, or %NULL with %PADDOCK_ERROR_PROTOCOL
 */
PaddockPortfolioHistory *
paddock_portfolio_history_new_from_json (JsonNode  *node,
                                         GError   **error)
{
  g_autoptr (PaddockPortfolioHistory) self = g_object_new (PADDOCK_TYPE_PORTFOLIO_HISTORY,
                                                           NULL);
  JsonObject *object;
  JsonNode *member;
  double ignored;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error_literal (error, PADDOCK_ERROR, PADDOCK_ERROR_PROTOCOL,
                           _("The portfolio history is not a JSON object."));
      return NULL;
    }
  object = json_node_get_object (node);

  if (!read_timestamps (self, object, error))
    return NULL;
  for (guint s = 0; s < N_SERIES; s++)
    if (!read_series (self, object, s, error))
      return NULL;

  member = json_object_get_member (object, "base_value");
  if (member != NULL && !read_value (member, &self->base_value, &ignored))
    return protocol_error (error, "base_value"), NULL;

  member = json_object_get_member (object, "timeframe");
  if (member != NULL && JSON_NODE_HOLDS_VALUE (member) &&
      json_node_get_value_type (member) == G_TYPE_STRING)
    self->timeframe = g_strdup (json_node_get_string (member));
  else if (member != NULL && !JSON_NODE_HOLDS_NULL (member))
    g_debug ("The portfolio history's timeframe is not a string: ignored");

  return g_steal_pointer (&self);
}

/* ---- the request ------------------------------------------------------------------------ */

static gboolean
period_is_valid (const char *period)
{
  gsize len = strlen (period);

  if (len < 2 || len > 5 || period[0] == '0' || strchr ("DWMA", period[len - 1]) == NULL ||
      period[len - 1] == '\0')
    return FALSE;
  for (gsize i = 0; i + 1 < len; i++)
    if (!g_ascii_isdigit (period[i]))
      return FALSE;
  return TRUE;
}

static gboolean
date_is_valid (const char *text)
{
  int y, m, d;
  char tail;

  return strlen (text) == 10 && text[4] == '-' && text[7] == '-' &&
         sscanf (text, "%4d-%2d-%2d%c", &y, &m, &d, &tail) == 3 &&
         g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y);
}

/**
 * paddock_portfolio_history_check_request:
 * @period: (nullable): e.g. "1M"
 * @timeframe: (nullable): e.g. "1D"
 * @date_end: (nullable): e.g. "2024-01-08"
 *
 * Returns: %TRUE, or %FALSE with %PADDOCK_ERROR_INVALID_INPUT saying what is wrong
 */
gboolean
paddock_portfolio_history_check_request (const char  *period,
                                         const char  *timeframe,
                                         const char  *date_end,
                                         GError     **error)
{
  static const char *const timeframes[] = { "1Min", "5Min", "15Min", "1H", "1D", NULL };

  if (period != NULL && !period_is_valid (period))
    {
      g_set_error_literal (error, PADDOCK_ERROR, PADDOCK_ERROR_INVALID_INPUT,
                           _("A period is a number and D, W, M or A (days, weeks, months, "
                             "years), such as 1M."));
      return FALSE;
    }
  if (timeframe != NULL && !g_strv_contains (timeframes, timeframe))
    {
      g_set_error_literal (error, PADDOCK_ERROR, PADDOCK_ERROR_INVALID_INPUT,
                           _("A timeframe is 1Min, 5Min, 15Min, 1H or 1D."));
      return FALSE;
    }
  if (date_end != NULL && !date_is_valid (date_end))
    {
      g_set_error_literal (error, PADDOCK_ERROR, PADDOCK_ERROR_INVALID_INPUT,
                           _("A date is written YYYY-MM-DD, such as 2024-01-08."));
      return FALSE;
    }
  return TRUE;
}

static void
history_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) node = NULL;
  PaddockPortfolioHistory *history;

  node = paddock_client_request_finish (PADDOCK_CLIENT (object), result, &error);
  if (node == NULL ||
      (history = paddock_portfolio_history_new_from_json (node, &error)) == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, history, g_object_unref);
}

/**
 * paddock_portfolio_history_fetch_async:
 * @client: a Trading API client
 * @period: (nullable): `<n>D|W|M|A`, or %NULL for the server's default (1M)
 * @timeframe: (nullable): `1Min|5Min|15Min|1H|1D`, or %NULL for the server's choice
 * @date_end: (nullable): the last day, `YYYY-MM-DD`, or %NULL for today
 * @extended_hours: include the extended sessions (timeframes under 1D only)
 *
 * Asks for `GET /v2/account/portfolio/history`; parameters that are not valid are
 * %PADDOCK_ERROR_INVALID_INPUT and nothing is sent.
 */
void
paddock_portfolio_history_fetch_async (PaddockClient       *client,
                                       const char          *period,
                                       const char          *timeframe,
                                       const char          *date_end,
                                       gboolean             extended_hours,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_autoptr (GHashTable) query = g_hash_table_new (g_str_hash, g_str_equal);
  GError *error = NULL;
  GTask *task;

  g_return_if_fail (PADDOCK_IS_CLIENT (client));

  task = g_task_new (client, cancellable, callback, user_data);
  g_task_set_source_tag (task, paddock_portfolio_history_fetch_async);
  if (!paddock_portfolio_history_check_request (period, timeframe, date_end, &error))
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  if (period != NULL)
    g_hash_table_insert (query, (gpointer) "period", (gpointer) period);
  if (timeframe != NULL)
    g_hash_table_insert (query, (gpointer) "timeframe", (gpointer) timeframe);
  if (date_end != NULL)
    g_hash_table_insert (query, (gpointer) "date_end", (gpointer) date_end);
  if (extended_hours)
    g_hash_table_insert (query, (gpointer) "extended_hours", (gpointer) "true");
  paddock_client_request_async (client, "GET", "/v2/account/portfolio/history", query, NULL,
                                PADDOCK_REQUEST_IDEMPOTENT, cancellable, history_cb, task);
}

/**
 * paddock_portfolio_history_fetch_finish:
 *
 * Returns: (transfer full): the history, or %NULL with an error
 */
PaddockPortfolioHistory *
paddock_portfolio_history_fetch_finish (PaddockClient  *client,
                                        GAsyncResult   *result,
                                        GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, client), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- reading it ------------------------------------------------------------------------- */

guint
paddock_portfolio_history_get_n_points (PaddockPortfolioHistory *self)
{
  g_return_val_if_fail (PADDOCK_IS_PORTFOLIO_HISTORY (self), 0);
  return self->n_points;
}

/* whether the server sent its timestamps in milliseconds (they are seconds here) */
gboolean
paddock_portfolio_history_get_in_milliseconds (PaddockPortfolioHistory *self)
{
  g_return_val_if_fail (PADDOCK_IS_PORTFOLIO_HISTORY (self), FALSE);
  return self->in_milliseconds;
}

const char *
paddock_portfolio_history_get_timeframe (PaddockPortfolioHistory *self)
{
  g_return_val_if_fail (PADDOCK_IS_PORTFOLIO_HISTORY (self), NULL);
  return self->timeframe;
}

/* decimal text, or NULL when the server sent null or nothing */
const char *
paddock_portfolio_history_get_base_value (PaddockPortfolioHistory *self)
{
  g_return_val_if_fail (PADDOCK_IS_PORTFOLIO_HISTORY (self), NULL);
  return self->base_value;
}

/**
 * paddock_portfolio_history_get_timestamps:
 *
 * Returns: (array) (transfer none): n_points epoch seconds, in the server's order
 */
const gint64 *
paddock_portfolio_history_get_timestamps (PaddockPortfolioHistory *self)
{
  g_return_val_if_fail (PADDOCK_IS_PORTFOLIO_HISTORY (self), NULL);
  return self->timestamps;
}

/**
 * paddock_portfolio_history_get_equity_values:
 *
 * Returns: (array) (transfer none): n_points equities, NaN for a gap
 */
const double *
paddock_portfolio_history_get_equity_values (PaddockPortfolioHistory *self)
{
  g_return_val_if_fail (PADDOCK_IS_PORTFOLIO_HISTORY (self), NULL);
  return self->series[S_EQUITY].values;
}

/**
 * paddock_portfolio_history_get_profit_loss_values:
 *
 * Returns: (array) (transfer none): n_points profits (negative: losses), NaN for a gap
 */
const double *
paddock_portfolio_history_get_profit_loss_values (PaddockPortfolioHistory *self)
{
  g_return_val_if_fail (PADDOCK_IS_PORTFOLIO_HISTORY (self), NULL);
  return self->series[S_PROFIT_LOSS].values;
}

gint64
paddock_portfolio_history_get_timestamp (PaddockPortfolioHistory *self,
                                         guint                    i)
{
  g_return_val_if_fail (PADDOCK_IS_PORTFOLIO_HISTORY (self), 0);
  g_return_val_if_fail (i < self->n_points, 0);
  return self->timestamps[i];
}

static const char *
series_text (PaddockPortfolioHistory *self,
             guint                    s,
             guint                    i)
{
  g_return_val_if_fail (PADDOCK_IS_PORTFOLIO_HISTORY (self), NULL);
  g_return_val_if_fail (i < self->n_points, NULL);
  return self->series[s].text[i];
}

/* decimal text, or NULL for a gap */
const char *
paddock_portfolio_history_get_equity (PaddockPortfolioHistory *self,
                                      guint                    i)
{
  return series_text (self, S_EQUITY, i);
}

const char *
paddock_portfolio_history_get_profit_loss (PaddockPortfolioHistory *self,
                                           guint                    i)
{
  return series_text (self, S_PROFIT_LOSS, i);
}

/* a fraction (0.01 is 1 %), decimal text, or NULL for a gap */
const char *
paddock_portfolio_history_get_profit_loss_pct (PaddockPortfolioHistory *self,
                                               guint                    i)
{
  return series_text (self, S_PROFIT_LOSS_PCT, i);
}
