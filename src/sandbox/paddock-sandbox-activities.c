/* paddock-sandbox-activities.c: GET /v2/account/activities[/{activity_type}]
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An account keeps its activities sorted by id. An id is "<20-digit UTC time>::<uuid>"
 * (YYYYMMDDhhmmss and the microseconds), so sorting the ids sorts the activities by time,
 * and a page token (the id of the last item of a page) is a position in that order.
 * Fills are recorded by the fill engine (paddock-sandbox-fill.c); cash movements by the
 * accounts (the initial deposit) and the demo history.
 */
#define G_LOG_DOMAIN "paddock-sandbox-activities"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include "paddock-sandbox-trading-private.h"

#define DEFAULT_PAGE_SIZE 100
#define MAX_PAGE_SIZE 100
/* with `date`, a page holds the whole day unless page_size says less */
#define MAX_DATE_PAGE_SIZE 100000

/* The activity types of Alpaca's clients (§2.10); any other is refused with 422 */
static const char *const known_types[] = {
  "FILL", "TRANS", "MISC", "ACATC", "ACATS", "CSD", "CSW", "DIV", "DIVCGL", "DIVCGS",
  "DIVFEE", "DIVFT", "DIVNRA", "DIVROC", "DIVTW", "DIVTXEX", "FEE", "INT", "INTNRA",
  "INTTW", "JNL", "JNLC", "JNLS", "MA", "NC", "OPASN", "OPEXP", "OPXRC", "PTC", "PTR",
  "REORG", "SC", "SSO", "SSP", NULL
};

void
_activities_free (SandboxActivity *activity)
{
  g_free (activity->id);
  g_free (activity->order_id);
  g_free (activity->description);
  g_free (activity);
}

static char *
make_id (gint64      time_us,
         const char *uuid)
{
  g_autoptr (GDateTime) dt = g_date_time_new_from_unix_utc (time_us / G_USEC_PER_SEC);
  g_autofree char *base = NULL;

  base = dt != NULL ? g_date_time_format (dt, "%Y%m%d%H%M%S") : g_strdup ("19700101000000");
  return g_strdup_printf ("%s%06" G_GINT64_FORMAT "::%s", base,
                          (gint64) (time_us % G_USEC_PER_SEC), uuid);
}

static GTimeZone *
market_zone (void)
{
  GTimeZone *tz = g_time_zone_new_identifier ("America/New_York");

  return tz != NULL ? tz : g_time_zone_new_offset (-5 * 3600);
}

char *
_activities_format_date (gint64 time_us)
{
  g_autoptr (GTimeZone) tz = market_zone ();
  g_autoptr (GDateTime) utc = g_date_time_new_from_unix_utc (time_us / G_USEC_PER_SEC);
  g_autoptr (GDateTime) local = NULL;

  if (utc == NULL)
    return g_strdup ("1970-01-01");
  local = g_date_time_to_timezone (utc, tz);
  return g_date_time_format (local, "%Y-%m-%d");
}

/* The index of the first activity whose id sorts after id (or equal when inclusive). */
static guint
lower_bound (GPtrArray  *list,
             const char *id,
             gboolean    inclusive)
{
  guint lo = 0, hi = list->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      int cmp = strcmp (((SandboxActivity *) g_ptr_array_index (list, mid))->id, id);

      if (cmp < 0 || (!inclusive && cmp == 0))
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

static SandboxActivity *
insert (SandboxAccount  *account,
        SandboxActivity *activity)
{
  GPtrArray *list = account->activities;

  /* fills happen now, so nearly every activity goes at the end */
  if (list->len == 0 ||
      strcmp (((SandboxActivity *) g_ptr_array_index (list, list->len - 1))->id,
              activity->id) < 0)
    g_ptr_array_add (list, activity);
  else
    g_ptr_array_insert (list, (int) lower_bound (list, activity->id, FALSE), activity);
  return activity;
}

SandboxActivity *
_activities_add_fill (SandboxAccount *account,
                      SandboxOrder   *o,
                      gint64          time_us,
                      const char     *execution_id,
                      gint64          qty,
                      gint64          price)
{
  SandboxActivity *a = g_new0 (SandboxActivity, 1);

  a->id = make_id (time_us, execution_id);
  a->time_us = time_us;
  a->activity_type = "FILL";
  a->sym = o->sym;
  a->partial = o->status != STATUS_FILLED;
  a->side_buy = o->side_buy;
  a->price = price;
  a->has_qty = TRUE;
  a->qty = qty;
  a->cum_qty = o->filled_qty;
  a->leaves_qty = o->has_qty && o->status != STATUS_FILLED ? MAX (0, o->qty - o->filled_qty) : 0;
  a->order_id = g_strdup (o->id);
  a->order_status = o->status;
  a->net_amount = _sandbox_mul_qty_price (qty, price) * (o->side_buy ? -1 : 1);
  return insert (account, a);
}

SandboxActivity *
_activities_add_cash (SandboxAccount *account,
                      const char     *activity_type,
                      gint64          time_us,
                      const char     *uuid,
                      gint64          net_amount,
                      const char     *description)
{
  SandboxActivity *a = g_new0 (SandboxActivity, 1);

  a->id = make_id (time_us, uuid);
  a->time_us = time_us;
  a->activity_type = activity_type;
  a->net_amount = net_amount;
  a->description = g_strdup (description);
  return insert (account, a);
}

/* ---- JSON --------------------------------------------------------------------------- */

static void
add_string (JsonBuilder *b,
            const char  *name,
            const char  *value)
{
  json_builder_set_member_name (b, name);
  json_builder_add_string_value (b, value);
}

static void
add_decimal (JsonBuilder *b,
             const char  *name,
             char        *value) /* consumed */
{
  add_string (b, name, value);
  g_free (value);
}

static void
add_activity_json (JsonBuilder     *b,
                   SandboxActivity *a)
{
  json_builder_begin_object (b);
  add_string (b, "id", a->id);
  add_string (b, "activity_type", a->activity_type);
  if (g_str_equal (a->activity_type, "FILL"))
    {
      add_decimal (b, "transaction_time", _sandbox_format_time (a->time_us));
      add_string (b, "type", a->partial ? "partial_fill" : "fill");
      add_decimal (b, "price", _sandbox_format_price (a->price));
      add_decimal (b, "qty", _sandbox_format_qty (a->qty));
      add_string (b, "side", a->side_buy ? "buy" : "sell");
      add_string (b, "symbol", a->sym->symbol);
      add_decimal (b, "leaves_qty", _sandbox_format_qty (a->leaves_qty));
      add_decimal (b, "cum_qty", _sandbox_format_qty (a->cum_qty));
      add_string (b, "order_id", a->order_id);
      add_string (b, "order_status", _orders_status_names[a->order_status]);
    }
  else
    {
      add_decimal (b, "date", _activities_format_date (a->time_us));
      add_decimal (b, "net_amount", _sandbox_format_money (a->net_amount));
      if (a->sym != NULL)
        add_string (b, "symbol", a->sym->symbol);
      if (a->has_qty)
        add_decimal (b, "qty", _sandbox_format_qty (a->qty));
      if (a->has_per_share)
        add_decimal (b, "per_share_amount", _sandbox_format_price (a->per_share_amount));
      add_string (b, "description", a->description != NULL ? a->description : "");
      add_string (b, "status", "executed");
    }
  json_builder_end_object (b);
}

/* ---- the endpoint ------------------------------------------------------------------- */

/* YYYY-MM-DD (midnight in New York, the market's dates) or an RFC 3339 time */
static gboolean
parse_day_or_time (const char *text,
                   gint64     *time_us,
                   gboolean   *is_day)
{
  int y, m, d;
  char tail;

  *is_day = FALSE;
  if (text == NULL || *text == '\0')
    return FALSE;
  if (strlen (text) == 10 && sscanf (text, "%4d-%2d-%2d%c", &y, &m, &d, &tail) == 3)
    {
      g_autoptr (GTimeZone) tz = market_zone ();
      g_autoptr (GDateTime) day = g_date_time_new (tz, y, m, d, 0, 0, 0);

      if (day == NULL)
        return FALSE;
      *time_us = g_date_time_to_unix (day) * G_USEC_PER_SEC;
      *is_day = TRUE;
      return TRUE;
    }
  if (strchr (text, 'T') == NULL && strchr (text, 't') == NULL)
    return FALSE;
  return _sandbox_parse_time (text, time_us);
}

/* "<20 digits>::<uuid>" */
static gboolean
is_activity_id (const char *text)
{
  if (text == NULL || strlen (text) != 20 + 2 + 36)
    return FALSE;
  for (guint i = 0; i < 20; i++)
    if (!g_ascii_isdigit (text[i]))
      return FALSE;
  return text[20] == ':' && text[21] == ':' && g_uuid_string_is_valid (text + 22);
}

static gboolean
type_known (const char *type)
{
  return type != NULL && g_strv_contains (known_types, type);
}

static void
reply_invalid_type (SandboxRequest *req,
                    const char     *type)
{
  g_autofree char *message = g_strdup_printf ("invalid activity type: %s", type);

  _sandbox_reply_error (req, 422, 40010001, message);
}

void
_activities_list (SandboxRequest *req)
{
  GPtrArray *list = req->account->activities;
  const char *path_type = req->segments[0];
  const char *types_text = _sandbox_query (req, "activity_types");
  const char *category = _sandbox_query (req, "category");
  const char *date_text = _sandbox_query (req, "date");
  const char *until_text = _sandbox_query (req, "until");
  const char *after_text = _sandbox_query (req, "after");
  const char *direction = _sandbox_query (req, "direction");
  const char *size_text = _sandbox_query (req, "page_size");
  const char *token = _sandbox_query (req, "page_token");
  g_autoptr (GPtrArray) types = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (JsonBuilder) b = json_builder_new ();
  gint64 after = G_MININT64, until = G_MAXINT64;
  gint64 page_size = DEFAULT_PAGE_SIZE, max_size = MAX_PAGE_SIZE;
  int want_trade = -1;  /* category: 1 trade, 0 non-trade, -1 either */
  gboolean asc = FALSE, is_day;
  guint64 n_found = 0;
  gint64 i, end, step;

  if (path_type != NULL)
    {
      if (!type_known (path_type))
        {
          reply_invalid_type (req, path_type);
          return;
        }
      if (types_text != NULL)
        {
          _sandbox_reply_error (req, 422, 40010001,
                                "activity_types cannot be used with an activity type in the path");
          return;
        }
      g_ptr_array_add (types, g_strdup (path_type));
    }
  else if (types_text != NULL)
    {
      g_auto (GStrv) names = g_strsplit (types_text, ",", -1);

      for (guint n = 0; names[n] != NULL; n++)
        {
          const char *name = g_strstrip (names[n]);

          if (!type_known (name))
            {
              reply_invalid_type (req, name);
              return;
            }
          g_ptr_array_add (types, g_strdup (name));
        }
    }

  if (category != NULL)
    {
      if (!g_str_equal (category, "trade_activity") &&
          !g_str_equal (category, "non_trade_activity"))
        {
          _sandbox_reply_error (req, 422, 40010001,
                                "category must be trade_activity or non_trade_activity");
          return;
        }
      if (types->len > 0)
        {
          _sandbox_reply_error (req, 422, 40010001,
                                "category cannot be used with activity types");
          return;
        }
      want_trade = g_str_equal (category, "trade_activity");
    }

  if (date_text != NULL)
    {
      if (until_text != NULL || after_text != NULL)
        {
          _sandbox_reply_error (req, 422, 40010001, "date cannot be used with until or after");
          return;
        }
      if (!parse_day_or_time (date_text, &after, &is_day) || !is_day)
        {
          _sandbox_reply_error (req, 422, 40010001, "date must be YYYY-MM-DD");
          return;
        }
      {
        g_autoptr (GTimeZone) tz = market_zone ();
        g_autoptr (GDateTime) utc = g_date_time_new_from_unix_utc (after / G_USEC_PER_SEC);
        g_autoptr (GDateTime) local = g_date_time_to_timezone (utc, tz);
        g_autoptr (GDateTime) next = g_date_time_add_days (local, 1);

        /* the whole day, 23 or 25 hours long on the days the clocks change */
        until = g_date_time_to_unix (next) * G_USEC_PER_SEC;
        after -= 1;
      }
      page_size = MAX_DATE_PAGE_SIZE;
      max_size = MAX_DATE_PAGE_SIZE;
    }
  if (until_text != NULL && !parse_day_or_time (until_text, &until, &is_day))
    {
      _sandbox_reply_error (req, 422, 40010001, "until must be YYYY-MM-DD or an RFC 3339 time");
      return;
    }
  if (after_text != NULL && !parse_day_or_time (after_text, &after, &is_day))
    {
      _sandbox_reply_error (req, 422, 40010001, "after must be YYYY-MM-DD or an RFC 3339 time");
      return;
    }
  if (direction != NULL)
    {
      if (!g_str_equal (direction, "asc") && !g_str_equal (direction, "desc"))
        {
          _sandbox_reply_error (req, 422, 40010001, "direction must be asc or desc");
          return;
        }
      asc = g_str_equal (direction, "asc");
    }
  if (size_text != NULL &&
      (!g_ascii_string_to_signed (size_text, 10, 1, max_size, &page_size, NULL)))
    {
      g_autofree char *message = g_strdup_printf ("page_size must be between 1 and %"
                                                  G_GINT64_FORMAT, max_size);

      _sandbox_reply_error (req, 422, 40010001, message);
      return;
    }
  if (token != NULL && !is_activity_id (token))
    {
      _sandbox_reply_error (req, 422, 40010001, "page_token must be the id of an activity");
      return;
    }

  /* where the page starts: after the token, in the page's direction */
  if (asc)
    {
      i = token != NULL ? (gint64) lower_bound (list, token, FALSE) : 0;
      end = list->len;
      step = 1;
    }
  else
    {
      i = (token != NULL ? (gint64) lower_bound (list, token, TRUE) : (gint64) list->len) - 1;
      end = -1;
      step = -1;
    }

  json_builder_begin_array (b);
  for (; i != end && n_found < (guint64) page_size; i += step)
    {
      SandboxActivity *a = g_ptr_array_index (list, i);
      gboolean trade = g_str_equal (a->activity_type, "FILL");

      if (a->time_us <= after || a->time_us >= until)
        continue;
      if (want_trade >= 0 && trade != want_trade)
        continue;
      if (types->len > 0 && !g_ptr_array_find_with_equal_func (types, a->activity_type,
                                                               g_str_equal, NULL))
        continue;
      add_activity_json (b, a);
      n_found++;
    }
  json_builder_end_array (b);
  _sandbox_reply_builder (req, 200, b);
}
