/* paddock-market-clock.c: the market clock and calendar, and what to say about them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Both replies are read through field tables (paddock-model-private.h); what is refused
 * and what is tolerated is listed in paddock-market-clock.h.
 */
#define G_LOG_DOMAIN "paddock-market-clock"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "paddock-error.h"
#include "paddock-market-clock.h"
#include "paddock-model-private.h"

/* the longest calendar asked for: Alpaca's own default is a few years */
#define MAX_CALENDAR_DAYS 100000

enum {
  C_TIMESTAMP,
  C_IS_OPEN,
  C_NEXT_OPEN,
  C_NEXT_CLOSE,
  N_CLOCK_FIELDS
};

static const PaddockField clock_fields[N_CLOCK_FIELDS] = {
  [C_TIMESTAMP] = { "timestamp", PADDOCK_FIELD_TIME, PADDOCK_FIELD_LENIENT },
  [C_IS_OPEN] = { "is_open", PADDOCK_FIELD_BOOL, PADDOCK_FIELD_REQUIRED },
  [C_NEXT_OPEN] = { "next_open", PADDOCK_FIELD_TIME, PADDOCK_FIELD_REQUIRED },
  [C_NEXT_CLOSE] = { "next_close", PADDOCK_FIELD_TIME, PADDOCK_FIELD_REQUIRED },
};

static const PaddockFieldTable clock_table = {
  "market clock", clock_fields, N_CLOCK_FIELDS, NULL, NULL,
};

enum {
  D_DATE,
  D_OPEN,
  D_CLOSE,
  D_SESSION_OPEN,
  D_SESSION_CLOSE,
  N_DAY_FIELDS
};

static const PaddockField day_fields[N_DAY_FIELDS] = {
  [D_DATE] = { "date", PADDOCK_FIELD_STRING, PADDOCK_FIELD_REQUIRED },
  [D_OPEN] = { "open", PADDOCK_FIELD_STRING, PADDOCK_FIELD_REQUIRED },
  [D_CLOSE] = { "close", PADDOCK_FIELD_STRING, PADDOCK_FIELD_REQUIRED },
  [D_SESSION_OPEN] = { "session_open", PADDOCK_FIELD_STRING, PADDOCK_FIELD_LENIENT },
  [D_SESSION_CLOSE] = { "session_close", PADDOCK_FIELD_STRING, PADDOCK_FIELD_LENIENT },
};

static const PaddockFieldTable day_table = {
  "calendar day", day_fields, N_DAY_FIELDS, NULL, NULL,
};

void
paddock_market_clock_free (PaddockMarketClock *clock)
{
  if (clock == NULL)
    return;
  g_clear_pointer (&clock->timestamp, g_date_time_unref);
  g_clear_pointer (&clock->next_open, g_date_time_unref);
  g_clear_pointer (&clock->next_close, g_date_time_unref);
  g_free (clock);
}

void
paddock_market_day_free (PaddockMarketDay *day)
{
  if (day == NULL)
    return;
  g_free (day->date);
  g_free (day->open);
  g_free (day->close);
  g_free (day->session_open);
  g_free (day->session_close);
  g_free (day);
}

/**
 * paddock_market_clock_new_from_json:
 * @node: the reply of `GET /v2/clock`
 *
 * Returns: (transfer full): the clock, or %NULL with %PADDOCK_ERROR_PROTOCOL
 */
PaddockMarketClock *
paddock_market_clock_new_from_json (JsonNode  *node,
                                    GError   **error)
{
  PaddockFieldValue values[N_CLOCK_FIELDS] = { { 0 } };
  PaddockMarketClock *clock;

  if (!_paddock_model_check_object (&clock_table, node, error) ||
      !_paddock_model_parse (&clock_table, json_node_get_object (node), values, error))
    {
      _paddock_model_clear (&clock_table, values);
      return NULL;
    }

  clock = g_new0 (PaddockMarketClock, 1);
  clock->is_open = values[C_IS_OPEN].number;
  clock->timestamp = values[C_TIMESTAMP].time ? g_date_time_ref (values[C_TIMESTAMP].time) : NULL;
  clock->next_open = g_date_time_ref (values[C_NEXT_OPEN].time);
  clock->next_close = g_date_time_ref (values[C_NEXT_CLOSE].time);
  _paddock_model_clear (&clock_table, values);
  return clock;
}

/* "YYYY-MM-DD" */
static gboolean
is_date (const char *text)
{
  int y, m, d;
  char tail;

  return text != NULL && strlen (text) == 10 && text[4] == '-' && text[7] == '-' &&
         sscanf (text, "%4d-%2d-%2d%c", &y, &m, &d, &tail) == 3 &&
         g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y);
}

/* "HH:MM" */
static gboolean
is_time_of_day (const char *text)
{
  return text != NULL && strlen (text) == 5 && g_ascii_isdigit (text[0]) &&
         g_ascii_isdigit (text[1]) && text[2] == ':' && g_ascii_isdigit (text[3]) &&
         g_ascii_isdigit (text[4]) && (text[0] - '0') * 10 + (text[1] - '0') < 24 &&
         text[3] < '6';
}

/**
 * paddock_market_calendar_new_from_json:
 * @node: the reply of `GET /v2/calendar`
 *
 * Returns: (transfer full) (element-type PaddockMarketDay): the days in the reply's order,
 *   or %NULL with %PADDOCK_ERROR_PROTOCOL
 */
GPtrArray *
paddock_market_calendar_new_from_json (JsonNode  *node,
                                       GError   **error)
{
  g_autoptr (GPtrArray) days = NULL;
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      g_set_error_literal (error, PADDOCK_ERROR, PADDOCK_ERROR_PROTOCOL,
                           _("The market calendar is not a JSON array."));
      return NULL;
    }

  array = json_node_get_array (node);
  days = g_ptr_array_new_with_free_func ((GDestroyNotify) paddock_market_day_free);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      PaddockFieldValue values[N_DAY_FIELDS] = { { 0 } };
      PaddockMarketDay *day;

      if (!_paddock_model_check_object (&day_table, element, error) ||
          !_paddock_model_parse (&day_table, json_node_get_object (element), values, error))
        {
          _paddock_model_clear (&day_table, values);
          return NULL;
        }
      if (!is_date (values[D_DATE].text) || !is_time_of_day (values[D_OPEN].text) ||
          !is_time_of_day (values[D_CLOSE].text))
        {
          _paddock_model_clear (&day_table, values);
          g_set_error_literal (error, PADDOCK_ERROR, PADDOCK_ERROR_PROTOCOL,
                               _("A day of the market calendar has no valid date, open or "
                                 "close."));
          return NULL;
        }

      day = g_new0 (PaddockMarketDay, 1);
      day->date = g_steal_pointer (&values[D_DATE].text);
      day->open = g_steal_pointer (&values[D_OPEN].text);
      day->close = g_steal_pointer (&values[D_CLOSE].text);
      day->session_open = g_steal_pointer (&values[D_SESSION_OPEN].text);
      day->session_close = g_steal_pointer (&values[D_SESSION_CLOSE].text);
      /* "HH:MM" texts compare as times */
      day->early_close = strcmp (day->close, PADDOCK_MARKET_REGULAR_CLOSE) < 0;
      _paddock_model_clear (&day_table, values);
      g_ptr_array_add (days, day);
    }

  return g_steal_pointer (&days);
}

/* ---- requests --------------------------------------------------------------------------- */

static void
clock_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) node = NULL;
  PaddockMarketClock *clock;

  node = paddock_client_request_finish (PADDOCK_CLIENT (object), result, &error);
  if (node == NULL || (clock = paddock_market_clock_new_from_json (node, &error)) == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, clock, (GDestroyNotify) paddock_market_clock_free);
}

/**
 * paddock_market_clock_get_async:
 * @client: a Trading API client
 *
 * Asks for `GET /v2/clock`.
 */
void
paddock_market_clock_get_async (PaddockClient       *client,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (PADDOCK_IS_CLIENT (client));

  task = g_task_new (client, cancellable, callback, user_data);
  g_task_set_source_tag (task, paddock_market_clock_get_async);
  paddock_client_request_async (client, "GET", "/v2/clock", NULL, NULL,
                                PADDOCK_REQUEST_IDEMPOTENT, cancellable, clock_cb, task);
}

/**
 * paddock_market_clock_get_finish:
 *
 * Returns: (transfer full): the clock, or %NULL with the client's error or
 *   %PADDOCK_ERROR_PROTOCOL
 */
PaddockMarketClock *
paddock_market_clock_get_finish (PaddockClient  *client,
                                 GAsyncResult   *result,
                                 GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, client), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
calendar_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) node = NULL;
  GPtrArray *days;

  node = paddock_client_request_finish (PADDOCK_CLIENT (object), result, &error);
  if (node == NULL || (days = paddock_market_calendar_new_from_json (node, &error)) == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, days, (GDestroyNotify) g_ptr_array_unref);
}

/**
 * paddock_market_calendar_get_async:
 * @client: a Trading API client
 * @start: (nullable): the first day, "YYYY-MM-DD"
 * @end: (nullable): the last day, "YYYY-MM-DD"
 *
 * Asks for `GET /v2/calendar`. A @start or @end that is not a date is
 * %PADDOCK_ERROR_INVALID_INPUT and nothing is sent.
 */
void
paddock_market_calendar_get_async (PaddockClient       *client,
                                   const char          *start,
                                   const char          *end,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr (GHashTable) query = g_hash_table_new (g_str_hash, g_str_equal);
  GTask *task;

  g_return_if_fail (PADDOCK_IS_CLIENT (client));

  task = g_task_new (client, cancellable, callback, user_data);
  g_task_set_source_tag (task, paddock_market_calendar_get_async);
  if ((start != NULL && !is_date (start)) || (end != NULL && !is_date (end)))
    {
      g_task_return_new_error (task, PADDOCK_ERROR, PADDOCK_ERROR_INVALID_INPUT, "%s",
                               _("A date is written YYYY-MM-DD, such as 2024-01-08."));
      g_object_unref (task);
      return;
    }
  if (start != NULL)
    g_hash_table_insert (query, (gpointer) "start", (gpointer) start);
  if (end != NULL)
    g_hash_table_insert (query, (gpointer) "end", (gpointer) end);
  paddock_client_request_async (client, "GET", "/v2/calendar", query, NULL,
                                PADDOCK_REQUEST_IDEMPOTENT, cancellable, calendar_cb, task);
}

/**
 * paddock_market_calendar_get_finish:
 *
 * Returns: (transfer full) (element-type PaddockMarketDay): the days, or %NULL
 */
GPtrArray *
paddock_market_calendar_get_finish (PaddockClient  *client,
                                    GAsyncResult   *result,
                                    GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, client), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- what to say ------------------------------------------------------------------------ */

/**
 * paddock_market_calendar_find:
 * @calendar: (element-type PaddockMarketDay) (nullable): days
 * @when: a time in the market's offset (as the clock's times are)
 *
 * Returns: (transfer none) (nullable): the day of @when's date
 */
const PaddockMarketDay *
paddock_market_calendar_find (GPtrArray *calendar,
                              GDateTime *when)
{
  g_autofree char *date = NULL;

  if (calendar == NULL || when == NULL)
    return NULL;
  date = g_date_time_format (when, "%Y-%m-%d");
  for (guint i = 0; i < calendar->len; i++)
    {
      const PaddockMarketDay *day = g_ptr_array_index (calendar, i);

      if (g_strcmp0 (day->date, date) == 0)
        return day;
    }
  return NULL;
}

/* the whole days from @a's date to @b's date, both in @b's offset */
static int
days_between (GDateTime *a,
              GDateTime *b)
{
  g_autoptr (GDateTime) a_there = g_date_time_to_timezone (a, g_date_time_get_timezone (b));
  GDate da, db;

  g_date_clear (&da, 1);
  g_date_clear (&db, 1);
  g_date_set_dmy (&da, (GDateDay) g_date_time_get_day_of_month (a_there),
                  (GDateMonth) g_date_time_get_month (a_there),
                  (GDateYear) g_date_time_get_year (a_there));
  g_date_set_dmy (&db, (GDateDay) g_date_time_get_day_of_month (b),
                  (GDateMonth) g_date_time_get_month (b), (GDateYear) g_date_time_get_year (b));
  return g_date_days_between (&da, &db);
}

/**
 * paddock_market_clock_describe:
 * @clock: the clock
 * @calendar: (element-type PaddockMarketDay) (nullable): the days around the clock's next
 *   open and close; its close time wins over the clock's (early closes)
 * @now: (nullable): the time to describe from; the clock's timestamp, or the current time,
 *   when %NULL
 *
 * Times are the market's own (New York, "ET"), as the calendar gives them.
 *
 * Returns: (transfer full): e.g. "Open until 13:00 ET (early close)" or "Closed · opens
 *   tomorrow at 09:30 ET"
 */
char *
paddock_market_clock_describe (const PaddockMarketClock *clock,
                               GPtrArray                *calendar,
                               GDateTime                *now)
{
  g_autoptr (GDateTime) current = NULL;
  const PaddockMarketDay *day;
  g_autofree char *at = NULL;
  g_autofree char *when = NULL;
  int days;

  g_return_val_if_fail (clock != NULL, NULL);

  if (now != NULL)
    current = g_date_time_ref (now);
  else if (clock->timestamp != NULL)
    current = g_date_time_ref (clock->timestamp);
  else
    current = g_date_time_new_now_utc ();

  if (clock->is_open)
    {
      gboolean early;

      day = paddock_market_calendar_find (calendar, clock->next_close);
      if (day != NULL)
        {
          at = g_strdup (day->close);
          early = day->early_close;
        }
      else
        {
          at = g_date_time_format (clock->next_close, "%H:%M");
          early = strcmp (at, PADDOCK_MARKET_REGULAR_CLOSE) < 0;
        }
      if (early)
        /* Translators: %s is a time in New York, such as 13:00 */
        return g_strdup_printf (_("Open until %s ET (early close)"), at);
      /* Translators: %s is a time in New York, such as 16:00 */
      return g_strdup_printf (_("Open until %s ET"), at);
    }

  day = paddock_market_calendar_find (calendar, clock->next_open);
  at = day != NULL ? g_strdup (day->open) : g_date_time_format (clock->next_open, "%H:%M");
  days = days_between (current, clock->next_open);
  if (days <= 0)
    /* Translators: %s is a time in New York, such as 09:30 */
    when = g_strdup_printf (_("Closed · opens today at %s ET"), at);
  else if (days == 1)
    /* Translators: %s is a time in New York, such as 09:30 */
    when = g_strdup_printf (_("Closed · opens tomorrow at %s ET"), at);
  else
    {
      g_autofree char *date = g_date_time_format (clock->next_open, days < 7 ? "%A" : "%x");

      /* Translators: the first %s is a weekday or a date, the second a time in New York */
      when = g_strdup_printf (_("Closed · opens %s at %s ET"), date, at);
    }

  if (day != NULL && day->early_close)
    /* Translators: the first %s is "Closed · opens … ET", the second a time, such as 13:00 */
    return g_strdup_printf (_("%s, closes early at %s"), when, day->close);
  return g_steal_pointer (&when);
}
