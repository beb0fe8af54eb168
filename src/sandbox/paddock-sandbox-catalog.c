/* paddock-sandbox-catalog.c: watchlists, assets and the market clock
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Watchlists belong to the account the token reaches (one per environment). Assets are
 * the simulated market's symbols. The clock and the calendar describe a market that is
 * always open (see clock_get), with the exchange's early closes (see is_early_close).
 */
#define G_LOG_DOMAIN "paddock-sandbox-catalog"

#include "config.h"

#include <stdio.h>

#include "paddock-sandbox-private.h"

#define WATCHLIST_NAME_MAX 64
#define CALENDAR_DEFAULT_DAYS 30
#define CALENDAR_MAX_DAYS 3660

#define CODE_INVALID G_GINT64_CONSTANT (40010001)
#define CODE_NOT_FOUND G_GINT64_CONSTANT (40410000)

typedef struct
{
  char *id;
  char *account_id;
  char *name;
  gint64 created_at;          /* g_get_real_time () */
  gint64 updated_at;
  GPtrArray *assets;          /* SandboxSymbol* (owned by the sandbox), insertion order */
} Watchlist;

typedef struct
{
  GPtrArray *watchlists;      /* Watchlist*, every account's, in creation order */
  GTimeZone *new_york;
} CatalogState;

/* ---- helpers ------------------------------------------------------------------------ */

static void
watchlist_free (Watchlist *wl)
{
  g_free (wl->id);
  g_free (wl->account_id);
  g_free (wl->name);
  g_ptr_array_unref (wl->assets);
  g_free (wl);
}

static void
catalog_state_free (CatalogState *state)
{
  g_ptr_array_unref (state->watchlists);
  g_time_zone_unref (state->new_york);
  g_free (state);
}

static CatalogState *
catalog_state (SandboxRequest *req)
{
  return _sandbox_get_module (req->sandbox, SANDBOX_MODULE_CATALOG);
}

static const char *
request_account_id (SandboxRequest *req)
{
  return _sandbox_account_get_id (req->account);
}

static void
reply_invalid (SandboxRequest *req,
               const char     *message)
{
  _sandbox_reply_error (req, 422, CODE_INVALID, message);
}

static void
reply_not_found (SandboxRequest *req,
                 const char     *message)
{
  _sandbox_reply_error (req, 404, CODE_NOT_FOUND, message);
}

static void
add_asset (JsonBuilder   *b,
           SandboxSymbol *sym)
{
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "id");
  json_builder_add_string_value (b, sym->asset_id);
  json_builder_set_member_name (b, "class");
  json_builder_add_string_value (b, "us_equity");
  json_builder_set_member_name (b, "exchange");
  json_builder_add_string_value (b, sym->exchange);
  json_builder_set_member_name (b, "symbol");
  json_builder_add_string_value (b, sym->symbol);
  json_builder_set_member_name (b, "name");
  json_builder_add_string_value (b, sym->name);
  json_builder_set_member_name (b, "status");
  json_builder_add_string_value (b, "active");
  json_builder_set_member_name (b, "tradable");
  json_builder_add_boolean_value (b, TRUE);
  json_builder_set_member_name (b, "marginable");
  json_builder_add_boolean_value (b, sym->marginable);
  json_builder_set_member_name (b, "shortable");
  json_builder_add_boolean_value (b, sym->shortable);
  json_builder_set_member_name (b, "easy_to_borrow");
  json_builder_add_boolean_value (b, sym->easy_to_borrow);
  json_builder_set_member_name (b, "fractionable");
  json_builder_add_boolean_value (b, sym->fractionable);
  /* Reg T's 30 % for marginable stock; a stock that cannot be bought on margin needs
   * its full value */
  json_builder_set_member_name (b, "maintenance_margin_requirement");
  json_builder_add_int_value (b, sym->marginable ? 30 : 100);
  json_builder_set_member_name (b, "attributes");
  json_builder_begin_array (b);
  json_builder_end_array (b);
  json_builder_end_object (b);
}

static void
add_time_member (JsonBuilder *b,
                 const char  *name,
                 gint64       real_time_us)
{
  g_autofree char *text = _sandbox_format_time (real_time_us);

  json_builder_set_member_name (b, name);
  json_builder_add_string_value (b, text);
}

static void
add_watchlist (JsonBuilder *b,
               Watchlist   *wl,
               gboolean     with_assets)
{
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "id");
  json_builder_add_string_value (b, wl->id);
  json_builder_set_member_name (b, "account_id");
  json_builder_add_string_value (b, wl->account_id);
  add_time_member (b, "created_at", wl->created_at);
  add_time_member (b, "updated_at", wl->updated_at);
  json_builder_set_member_name (b, "name");
  json_builder_add_string_value (b, wl->name);
  if (with_assets)
    {
      json_builder_set_member_name (b, "assets");
      json_builder_begin_array (b);
      for (guint i = 0; i < wl->assets->len; i++)
        add_asset (b, g_ptr_array_index (wl->assets, i));
      json_builder_end_array (b);
    }
  json_builder_end_object (b);
}

static void
reply_watchlist (SandboxRequest *req,
                 Watchlist      *wl)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();

  add_watchlist (b, wl, TRUE);
  _sandbox_reply_builder (req, 200, b);
}

static Watchlist *
find_watchlist (SandboxRequest *req,
                const char     *id,
                const char     *name)
{
  CatalogState *state = catalog_state (req);
  const char *account_id = request_account_id (req);

  for (guint i = 0; i < state->watchlists->len; i++)
    {
      Watchlist *wl = g_ptr_array_index (state->watchlists, i);

      if (g_strcmp0 (wl->account_id, account_id) != 0)
        continue;
      if ((id != NULL && g_strcmp0 (wl->id, id) == 0) ||
          (name != NULL && g_strcmp0 (wl->name, name) == 0))
        return wl;
    }

  return NULL;
}

/* The watchlist a /v2/watchlists/{id}… or /v2/watchlists:by_name?name= route names;
 * NULL when it has answered 404 or 422. */
static Watchlist *
lookup_watchlist (SandboxRequest *req)
{
  Watchlist *wl;

  if (req->segments[0] != NULL)
    wl = find_watchlist (req, req->segments[0], NULL);
  else
    {
      const char *name = _sandbox_query (req, "name");

      if (name == NULL || *name == '\0')
        {
          reply_invalid (req, "name is required");
          return NULL;
        }
      wl = find_watchlist (req, NULL, name);
    }

  if (wl == NULL)
    reply_not_found (req, "watchlist not found");
  return wl;
}

/* The request body as a JSON object (a new reference), or NULL after an error reply. */
static JsonObject *
read_body (SandboxRequest *req)
{
  JsonObject *obj = _sandbox_request_body_object (req, "request body must be a JSON object");

  return obj != NULL ? json_object_ref (obj) : NULL;
}

static const char *
string_member (JsonObject *obj,
               const char *name,
               gboolean   *wrong_type)
{
  JsonNode *node = json_object_get_member (obj, name);

  *wrong_type = FALSE;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      *wrong_type = TRUE;
      return NULL;
    }
  return json_node_get_string (node);
}

/* A valid, unused (but by `self`) watchlist name from the body; NULL after a 422. */
static const char *
parse_name (SandboxRequest *req,
            JsonObject     *obj,
            Watchlist      *self)
{
  gboolean wrong_type;
  const char *name = string_member (obj, "name", &wrong_type);
  Watchlist *other;

  if (wrong_type)
    {
      reply_invalid (req, "name must be a string");
      return NULL;
    }
  if (name == NULL || *name == '\0')
    {
      reply_invalid (req, "name is required");
      return NULL;
    }
  if (g_utf8_strlen (name, -1) > WATCHLIST_NAME_MAX)
    {
      reply_invalid (req, "name must be at most 64 characters");
      return NULL;
    }

  other = find_watchlist (req, NULL, name);
  if (other != NULL && other != self)
    {
      reply_invalid (req, "a watchlist with this name already exists");
      return NULL;
    }

  return name;
}

/* The body's "symbols" (absent or null: none) as SandboxSymbol*; NULL after 404/422. */
static GPtrArray *
parse_symbols (SandboxRequest *req,
               JsonObject     *obj)
{
  JsonNode *node = json_object_get_member (obj, "symbols");
  g_autoptr (GPtrArray) assets = g_ptr_array_new ();
  JsonArray *array;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return g_steal_pointer (&assets);

  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      reply_invalid (req, "symbols must be an array of strings");
      return NULL;
    }

  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      SandboxSymbol *sym;

      if (!JSON_NODE_HOLDS_VALUE (element) || json_node_get_value_type (element) != G_TYPE_STRING)
        {
          reply_invalid (req, "symbols must be an array of strings");
          return NULL;
        }

      sym = _sandbox_lookup_symbol (req->sandbox, json_node_get_string (element));
      if (sym == NULL)
        {
          g_autofree char *message = g_strdup_printf ("asset not found: %s",
                                                      json_node_get_string (element));

          reply_not_found (req, message);
          return NULL;
        }
      if (g_ptr_array_find (assets, sym, NULL))
        {
          g_autofree char *message = g_strdup_printf ("duplicate symbol: %s", sym->symbol);

          reply_invalid (req, message);
          return NULL;
        }
      g_ptr_array_add (assets, sym);
    }

  return g_steal_pointer (&assets);
}

/* ---- watchlist handlers ------------------------------------------------------------- */

/* The list leaves out each watchlist's assets, as Alpaca's does (the fact sheet: "items
 * may omit assets"); GET /v2/watchlists/{id} has them. */
static void
watchlists_list (SandboxRequest *req)
{
  CatalogState *state = catalog_state (req);
  const char *account_id = request_account_id (req);
  g_autoptr (JsonBuilder) b = json_builder_new ();

  json_builder_begin_array (b);
  for (guint i = 0; i < state->watchlists->len; i++)
    {
      Watchlist *wl = g_ptr_array_index (state->watchlists, i);

      if (g_strcmp0 (wl->account_id, account_id) == 0)
        add_watchlist (b, wl, FALSE);
    }
  json_builder_end_array (b);
  _sandbox_reply_builder (req, 200, b);
}

static void
watchlists_create (SandboxRequest *req)
{
  CatalogState *state = catalog_state (req);
  g_autoptr (JsonObject) obj = read_body (req);
  g_autoptr (GPtrArray) assets = NULL;
  const char *name;
  Watchlist *wl;

  if (obj == NULL)
    return;
  if ((name = parse_name (req, obj, NULL)) == NULL)
    return;
  if ((assets = parse_symbols (req, obj)) == NULL)
    return;

  wl = g_new0 (Watchlist, 1);
  wl->id = _sandbox_new_uuid ();
  wl->account_id = g_strdup (request_account_id (req));
  wl->name = g_strdup (name);
  wl->created_at = wl->updated_at = g_get_real_time ();
  wl->assets = g_steal_pointer (&assets);
  g_ptr_array_add (state->watchlists, wl);

  reply_watchlist (req, wl);
}

static void
watchlist_get (SandboxRequest *req)
{
  Watchlist *wl = lookup_watchlist (req);

  if (wl != NULL)
    reply_watchlist (req, wl);
}

/* PUT replaces the name and the symbols (none when "symbols" is left out). */
static void
watchlist_update (SandboxRequest *req)
{
  Watchlist *wl = lookup_watchlist (req);
  g_autoptr (JsonObject) obj = NULL;
  g_autoptr (GPtrArray) assets = NULL;
  const char *name;

  if (wl == NULL || (obj = read_body (req)) == NULL)
    return;
  if ((name = parse_name (req, obj, wl)) == NULL)
    return;
  if ((assets = parse_symbols (req, obj)) == NULL)
    return;

  g_free (wl->name);
  wl->name = g_strdup (name);
  g_ptr_array_unref (wl->assets);
  wl->assets = g_steal_pointer (&assets);
  wl->updated_at = g_get_real_time ();

  reply_watchlist (req, wl);
}

static void
watchlist_add_asset (SandboxRequest *req)
{
  Watchlist *wl = lookup_watchlist (req);
  g_autoptr (JsonObject) obj = NULL;
  gboolean wrong_type;
  const char *symbol;
  SandboxSymbol *sym;

  if (wl == NULL || (obj = read_body (req)) == NULL)
    return;

  symbol = string_member (obj, "symbol", &wrong_type);
  if (symbol == NULL || *symbol == '\0')
    {
      reply_invalid (req, wrong_type ? "symbol must be a string" : "symbol is required");
      return;
    }
  if ((sym = _sandbox_lookup_symbol (req->sandbox, symbol)) == NULL)
    {
      reply_not_found (req, "asset not found");
      return;
    }
  if (g_ptr_array_find (wl->assets, sym, NULL))
    {
      reply_invalid (req, "symbol is already in the watchlist");
      return;
    }

  g_ptr_array_add (wl->assets, sym);
  wl->updated_at = g_get_real_time ();
  reply_watchlist (req, wl);
}

static void
watchlist_delete (SandboxRequest *req)
{
  Watchlist *wl = lookup_watchlist (req);

  if (wl == NULL)
    return;

  g_ptr_array_remove (catalog_state (req)->watchlists, wl);
  _sandbox_reply_empty (req, 204);
}

static void
watchlist_remove_asset (SandboxRequest *req)
{
  Watchlist *wl = lookup_watchlist (req);
  SandboxSymbol *sym;

  if (wl == NULL)
    return;

  sym = _sandbox_lookup_symbol (req->sandbox, req->segments[1]);
  if (sym == NULL || !g_ptr_array_remove (wl->assets, sym))
    {
      reply_not_found (req, "symbol not found in watchlist");
      return;
    }

  wl->updated_at = g_get_real_time ();
  reply_watchlist (req, wl);
}

/* ---- assets ------------------------------------------------------------------------- */

static void
assets_list (SandboxRequest *req)
{
  GPtrArray *symbols = _sandbox_get_symbols (req->sandbox);
  const char *status = _sandbox_query (req, "status");
  const char *asset_class = _sandbox_query (req, "asset_class");
  const char *exchange = _sandbox_query (req, "exchange");
  g_autoptr (JsonBuilder) b = json_builder_new ();
  gboolean none;

  if (status != NULL && *status != '\0' &&
      g_strcmp0 (status, "active") != 0 && g_strcmp0 (status, "inactive") != 0)
    {
      reply_invalid (req, "status must be active or inactive");
      return;
    }
  if (asset_class != NULL && *asset_class != '\0' &&
      g_strcmp0 (asset_class, "us_equity") != 0 && g_strcmp0 (asset_class, "crypto") != 0 &&
      g_strcmp0 (asset_class, "us_option") != 0)
    {
      reply_invalid (req, "asset_class must be us_equity, crypto or us_option");
      return;
    }

  /* every simulated asset is an active US equity */
  none = g_strcmp0 (status, "inactive") == 0 ||
         (asset_class != NULL && *asset_class != '\0' && g_strcmp0 (asset_class, "us_equity") != 0);

  json_builder_begin_array (b);
  for (guint i = 0; i < symbols->len && !none; i++)
    {
      SandboxSymbol *sym = g_ptr_array_index (symbols, i);

      if (exchange != NULL && *exchange != '\0' && g_strcmp0 (exchange, sym->exchange) != 0)
        continue;
      add_asset (b, sym);
    }
  json_builder_end_array (b);
  _sandbox_reply_builder (req, 200, b);
}

static void
asset_get (SandboxRequest *req)
{
  SandboxSymbol *sym = _sandbox_lookup_symbol (req->sandbox, req->segments[0]);
  g_autoptr (JsonBuilder) b = NULL;

  if (sym == NULL)
    {
      reply_not_found (req, "asset not found");
      return;
    }

  b = json_builder_new ();
  add_asset (b, sym);
  _sandbox_reply_builder (req, 200, b);
}

/* ---- clock and calendar ------------------------------------------------------------- */

static GDateTime *
new_york_at (CatalogState *state,
             GDate        *date,
             int           hour,
             int           minute)
{
  return g_date_time_new (state->new_york, g_date_get_year (date), g_date_get_month (date),
                          g_date_get_day (date), hour, minute, 0);
}

/* RFC 3339 with New York's offset, e.g. 2024-01-08T16:00:00-05:00 */
static char *
format_new_york (GDateTime *dt,
                 gboolean   with_microseconds)
{
  g_autofree char *base = g_date_time_format (dt, "%Y-%m-%dT%H:%M:%S");
  g_autofree char *offset = g_date_time_format (dt, "%:z");

  if (with_microseconds)
    return g_strdup_printf ("%s.%06d%s", base, g_date_time_get_microsecond (dt), offset);
  return g_strconcat (base, offset, NULL);
}

static void
add_string_member (JsonBuilder *b,
                   const char  *name,
                   const char  *value)
{
  json_builder_set_member_name (b, name);
  json_builder_add_string_value (b, value);
}

/* The NYSE's early closes (13:00; the extended session ends at 17:00): the day after
 * Thanksgiving (the fourth Thursday of November), and 24 December and 3 July when they
 * fall on Monday to Thursday (on a Friday they are the observed holiday instead). The
 * sandbox knows no holidays. */
static gboolean
is_early_close (const GDate *date)
{
  GDateWeekday weekday = g_date_get_weekday (date);
  GDateMonth month = g_date_get_month (date);
  GDateDay day = g_date_get_day (date);

  if (month == G_DATE_NOVEMBER && weekday == G_DATE_FRIDAY)
    {
      /* the Friday after the fourth Thursday: the Thursday is the 22nd to the 28th */
      return day >= 23 && day <= 29;
    }
  if ((month == G_DATE_DECEMBER && day == 24) || (month == G_DATE_JULY && day == 3))
    return weekday >= G_DATE_MONDAY && weekday <= G_DATE_THURSDAY;
  return FALSE;
}

/* The sandbox's market is always open, so that the demo can trade at any hour and on any
 * day: is_open is always true. The times around it still look like a real session's:
 * next_close is today's 16:00 in New York (13:00 on an early close; tomorrow's once that has
 * passed) and next_open the 09:30 of the day after that close. */
static void
clock_get (SandboxRequest *req)
{
  CatalogState *state = catalog_state (req);
  gint64 now_us = g_get_real_time ();
  g_autoptr (GDateTime) utc = g_date_time_new_from_unix_utc (now_us / G_USEC_PER_SEC);
  g_autoptr (GDateTime) utc_us = g_date_time_add (utc, now_us % G_USEC_PER_SEC);
  g_autoptr (GDateTime) now = g_date_time_to_timezone (utc_us, state->new_york);
  g_autoptr (GDateTime) close_at = NULL;
  g_autoptr (GDateTime) open_at = NULL;
  g_autoptr (JsonBuilder) b = json_builder_new ();
  g_autofree char *timestamp = NULL;
  g_autofree char *next_open = NULL;
  g_autofree char *next_close = NULL;
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, (GDateDay) g_date_time_get_day_of_month (now),
                  (GDateMonth) g_date_time_get_month (now), (GDateYear) g_date_time_get_year (now));
  close_at = new_york_at (state, &date, is_early_close (&date) ? 13 : 16, 0);
  if (g_date_time_compare (now, close_at) >= 0)
    {
      g_date_add_days (&date, 1);
      g_date_time_unref (close_at);
      close_at = new_york_at (state, &date, is_early_close (&date) ? 13 : 16, 0);
    }
  g_date_add_days (&date, 1);
  open_at = new_york_at (state, &date, 9, 30);

  timestamp = format_new_york (now, TRUE);
  next_open = format_new_york (open_at, FALSE);
  next_close = format_new_york (close_at, FALSE);

  json_builder_begin_object (b);
  add_string_member (b, "timestamp", timestamp);
  json_builder_set_member_name (b, "is_open");
  json_builder_add_boolean_value (b, TRUE);
  add_string_member (b, "next_open", next_open);
  add_string_member (b, "next_close", next_close);
  json_builder_end_object (b);
  _sandbox_reply_builder (req, 200, b);
}

static gboolean
parse_date (const char *text,
            GDate      *date)
{
  int y, m, d;
  char tail;

  if (text == NULL || sscanf (text, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3 ||
      !g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y))
    return FALSE;

  g_date_set_dmy (date, (GDateDay) d, (GDateMonth) m, (GDateYear) y);
  return TRUE;
}

/* Every weekday is a session (the sandbox knows no holidays; early closes end at 13:00);
 * without start the
 * calendar begins today in New York, without end it runs for CALENDAR_DEFAULT_DAYS. */
static void
calendar_get (SandboxRequest *req)
{
  CatalogState *state = catalog_state (req);
  const char *start_text = _sandbox_query (req, "start");
  const char *end_text = _sandbox_query (req, "end");
  g_autoptr (JsonBuilder) b = json_builder_new ();
  GDate start;
  GDate end;

  g_date_clear (&start, 1);
  g_date_clear (&end, 1);

  if (start_text != NULL && *start_text != '\0')
    {
      if (!parse_date (start_text, &start))
        {
          reply_invalid (req, "start must be a date, YYYY-MM-DD");
          return;
        }
    }
  else
    {
      g_autoptr (GDateTime) now = g_date_time_new_now (state->new_york);

      g_date_set_dmy (&start, (GDateDay) g_date_time_get_day_of_month (now),
                      (GDateMonth) g_date_time_get_month (now),
                      (GDateYear) g_date_time_get_year (now));
    }

  if (end_text != NULL && *end_text != '\0')
    {
      if (!parse_date (end_text, &end))
        {
          reply_invalid (req, "end must be a date, YYYY-MM-DD");
          return;
        }
    }
  else
    {
      end = start;
      g_date_add_days (&end, CALENDAR_DEFAULT_DAYS);
    }

  if (g_date_days_between (&start, &end) > CALENDAR_MAX_DAYS)
    {
      reply_invalid (req, "the range from start to end is too long");
      return;
    }

  json_builder_begin_array (b);
  for (GDate day = start; g_date_compare (&day, &end) <= 0; g_date_add_days (&day, 1))
    {
      GDateWeekday weekday = g_date_get_weekday (&day);
      char text[16];

      if (weekday == G_DATE_SATURDAY || weekday == G_DATE_SUNDAY)
        continue;

      g_date_strftime (text, sizeof text, "%Y-%m-%d", &day);
      json_builder_begin_object (b);
      add_string_member (b, "date", text);
      add_string_member (b, "open", "09:30");
      add_string_member (b, "close", is_early_close (&day) ? "13:00" : "16:00");
      add_string_member (b, "session_open", "0400");
      add_string_member (b, "session_close", is_early_close (&day) ? "1700" : "2000");
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  _sandbox_reply_builder (req, 200, b);
}

/* ---- module API --------------------------------------------------------------------- */

void
_sandbox_catalog_init (PaddockSandbox *self)
{
  CatalogState *state = g_new0 (CatalogState, 1);

  state->watchlists = g_ptr_array_new_with_free_func ((GDestroyNotify) watchlist_free);
  /* without tzdata, the POSIX rule of US Eastern time since 2007 */
  state->new_york = g_time_zone_new_identifier ("America/New_York");
  if (state->new_york == NULL)
    state->new_york = g_time_zone_new_identifier ("EST5EDT,M3.2.0,M11.1.0");
  g_assert (state->new_york != NULL);

  _sandbox_set_module (self, SANDBOX_MODULE_CATALOG, state, (GDestroyNotify) catalog_state_free);
}

/* Routes with {id} and their :by_name twins share handlers: lookup_watchlist() tells them
 * apart by whether a segment was captured. */
const SandboxRoute _sandbox_catalog_routes[] = {
  { "GET", SANDBOX_BASE_LIVE, "/v2/watchlists", SANDBOX_AUTH_READ, watchlists_list },
  { "POST", SANDBOX_BASE_LIVE, "/v2/watchlists", SANDBOX_AUTH_ACCOUNT_WRITE, watchlists_create },
  { "GET", SANDBOX_BASE_LIVE, "/v2/watchlists:by_name", SANDBOX_AUTH_READ, watchlist_get },
  { "PUT", SANDBOX_BASE_LIVE, "/v2/watchlists:by_name", SANDBOX_AUTH_ACCOUNT_WRITE,
    watchlist_update },
  { "POST", SANDBOX_BASE_LIVE, "/v2/watchlists:by_name", SANDBOX_AUTH_ACCOUNT_WRITE,
    watchlist_add_asset },
  { "DELETE", SANDBOX_BASE_LIVE, "/v2/watchlists:by_name", SANDBOX_AUTH_ACCOUNT_WRITE,
    watchlist_delete },
  { "GET", SANDBOX_BASE_LIVE, "/v2/watchlists/{id}", SANDBOX_AUTH_READ, watchlist_get },
  { "PUT", SANDBOX_BASE_LIVE, "/v2/watchlists/{id}", SANDBOX_AUTH_ACCOUNT_WRITE,
    watchlist_update },
  { "POST", SANDBOX_BASE_LIVE, "/v2/watchlists/{id}", SANDBOX_AUTH_ACCOUNT_WRITE,
    watchlist_add_asset },
  { "DELETE", SANDBOX_BASE_LIVE, "/v2/watchlists/{id}", SANDBOX_AUTH_ACCOUNT_WRITE,
    watchlist_delete },
  { "DELETE", SANDBOX_BASE_LIVE, "/v2/watchlists/{id}/{symbol}", SANDBOX_AUTH_ACCOUNT_WRITE,
    watchlist_remove_asset },
  { "GET", SANDBOX_BASE_LIVE, "/v2/assets", SANDBOX_AUTH_READ, assets_list },
  { "GET", SANDBOX_BASE_LIVE, "/v2/assets/{symbol_or_asset_id}", SANDBOX_AUTH_READ, asset_get },
  { "GET", SANDBOX_BASE_LIVE, "/v2/clock", SANDBOX_AUTH_READ, clock_get },
  { "GET", SANDBOX_BASE_LIVE, "/v2/calendar", SANDBOX_AUTH_READ, calendar_get },
  { NULL, 0, NULL, 0, NULL }
};
