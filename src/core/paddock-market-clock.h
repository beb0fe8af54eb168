/* paddock-market-clock.h: the market clock and calendar, and what to say about them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `GET /v2/clock` (alpaca-api.md §2.8) says whether the market is open now and when it
 * next opens and closes; `GET /v2/calendar` lists the trading days with their open and
 * close times in New York ("09:30", "16:00"; "13:00" on an early close).
 *
 * What is refused (PADDOCK_ERROR_PROTOCOL): a clock without a boolean `is_open` or with
 * `next_open` / `next_close` that are not RFC 3339 times; a calendar that is not an array,
 * or a day without a `date` (YYYY-MM-DD) and `open` / `close` (HH:MM). `timestamp`,
 * `session_open` and `session_close` are optional. Unknown members are ignored.
 *
 * paddock_market_clock_describe() is the short sentence a person reads ("Open until 13:00
 * ET, early close", "Opens tomorrow at 09:30 ET"); the calendar, when given, decides the
 * close time of the day (an early close the clock itself may not know yet).
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "paddock-client.h"

G_BEGIN_DECLS

/* the close time of a regular session, in New York, "HH:MM" */
#define PADDOCK_MARKET_REGULAR_CLOSE "16:00"

/**
 * PaddockMarketClock:
 * @is_open: whether the market is open now
 * @timestamp: (nullable): the server's time when it answered
 * @next_open: when the market opens next
 * @next_close: when the market closes next
 */
typedef struct
{
  gboolean is_open;
  GDateTime *timestamp;
  GDateTime *next_open;
  GDateTime *next_close;
} PaddockMarketClock;

/**
 * PaddockMarketDay:
 * @date: the day, "YYYY-MM-DD"
 * @open: the open in New York, "HH:MM"
 * @close: the close in New York, "HH:MM"
 * @session_open: (nullable): the extended session's open, "HHMM"
 * @session_close: (nullable): the extended session's close, "HHMM"
 * @early_close: whether @close is before the regular 16:00
 */
typedef struct
{
  char *date;
  char *open;
  char *close;
  char *session_open;
  char *session_close;
  gboolean early_close;
} PaddockMarketDay;

void                paddock_market_clock_free          (PaddockMarketClock   *clock);
void                paddock_market_day_free            (PaddockMarketDay     *day);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PaddockMarketClock, paddock_market_clock_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PaddockMarketDay, paddock_market_day_free)

PaddockMarketClock *paddock_market_clock_new_from_json (JsonNode             *node,
                                                        GError              **error);
GPtrArray          *paddock_market_calendar_new_from_json (JsonNode          *node,
                                                           GError           **error);

void                paddock_market_clock_get_async     (PaddockClient        *client,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
PaddockMarketClock *paddock_market_clock_get_finish    (PaddockClient        *client,
                                                        GAsyncResult         *result,
                                                        GError              **error);

void                paddock_market_calendar_get_async  (PaddockClient        *client,
                                                        const char           *start,
                                                        const char           *end,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
GPtrArray          *paddock_market_calendar_get_finish (PaddockClient        *client,
                                                        GAsyncResult         *result,
                                                        GError              **error);

const PaddockMarketDay *paddock_market_calendar_find   (GPtrArray            *calendar,
                                                        GDateTime            *when);

char               *paddock_market_clock_describe      (const PaddockMarketClock *clock,
                                                        GPtrArray            *calendar,
                                                        GDateTime            *now);

G_END_DECLS
