/* test-sandbox-catalog.c: watchlists, assets and the market clock of the sandbox
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "paddock-sandbox-private.h"
#include "sandbox-fixture.h"

/* ---- helpers ------------------------------------------------------------------------ */

static void
assert_error (TestReply *reply,
              guint      status,
              gint64     code)
{
  test_assert_alpaca_error (reply, status);
  g_assert_cmpint (json_object_get_int_member (test_reply_object (reply), "code"), ==, code);
}

static void
assert_member_type (JsonObject *obj,
                    const char *name,
                    GType       type)
{
  JsonNode *node = json_object_get_member (obj, name);

  if (node == NULL)
    g_error ("member %s is missing", name);
  g_assert_true (JSON_NODE_HOLDS_VALUE (node));
  g_assert_cmpstr (g_type_name (json_node_get_value_type (node)), ==, g_type_name (type));
}

static void
assert_timestamp (JsonObject *obj,
                  const char *name)
{
  g_autoptr (GDateTime) dt = NULL;

  assert_member_type (obj, name, G_TYPE_STRING);
  dt = g_date_time_new_from_iso8601 (json_object_get_string_member (obj, name), NULL);
  g_assert_nonnull (dt);
}

static void
assert_uuid (const char *text)
{
  g_assert_nonnull (text);
  g_assert_cmpuint (strlen (text), ==, 36);
  g_assert_true (g_uuid_string_is_valid (text));
}

/* Every Asset field of the fact sheet (§2.7), with its JSON type. */
static void
assert_asset (JsonObject *asset)
{
  const char *strings[] = { "id", "class", "exchange", "symbol", "name", "status" };
  const char *booleans[] = { "tradable", "marginable", "shortable", "easy_to_borrow",
                             "fractionable" };
  JsonNode *attributes;

  g_assert_cmpuint (json_object_get_size (asset), ==,
                    G_N_ELEMENTS (strings) + G_N_ELEMENTS (booleans) + 2);
  for (guint i = 0; i < G_N_ELEMENTS (strings); i++)
    assert_member_type (asset, strings[i], G_TYPE_STRING);
  for (guint i = 0; i < G_N_ELEMENTS (booleans); i++)
    assert_member_type (asset, booleans[i], G_TYPE_BOOLEAN);
  assert_member_type (asset, "maintenance_margin_requirement", G_TYPE_INT64);
  attributes = json_object_get_member (asset, "attributes");
  g_assert_nonnull (attributes);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (attributes));

  assert_uuid (json_object_get_string_member (asset, "id"));
  g_assert_cmpstr (json_object_get_string_member (asset, "class"), ==, "us_equity");
  g_assert_cmpstr (json_object_get_string_member (asset, "status"), ==, "active");
  g_assert_true (json_object_get_boolean_member (asset, "tradable"));
}

typedef struct
{
  PaddockSandbox *sandbox;
  SandboxEnv env;
  char *id;
} AccountIdCall;

static gboolean
account_id_cb (gpointer data)
{
  AccountIdCall *call = data;

  call->id = g_strdup (_sandbox_account_get_id (_sandbox_get_account (call->sandbox,
                                                                      call->env)));
  return G_SOURCE_REMOVE;
}

static char *
account_id (SandboxFixture *f,
            SandboxEnv      env)
{
  AccountIdCall call = { f->sandbox, env, NULL };

  _sandbox_run_sync (f->sandbox, account_id_cb, &call);
  return call.id;
}

/* Asserts a full Watchlist object named name holding these symbols in this order
 * (a NULL-terminated list); returns it. */
static JsonObject *
assert_watchlist (TestReply          *reply,
                  const char         *name,
                  const char * const *symbols)
{
  JsonObject *wl;
  JsonArray *assets;

  g_assert_no_error (reply->error);
  g_assert_cmpuint (reply->status, ==, 200);
  wl = test_reply_object (reply);
  g_assert_cmpuint (json_object_get_size (wl), ==, 6);
  assert_member_type (wl, "id", G_TYPE_STRING);
  assert_uuid (json_object_get_string_member (wl, "id"));
  assert_member_type (wl, "account_id", G_TYPE_STRING);
  assert_uuid (json_object_get_string_member (wl, "account_id"));
  assert_timestamp (wl, "created_at");
  assert_timestamp (wl, "updated_at");
  assert_member_type (wl, "name", G_TYPE_STRING);
  g_assert_cmpstr (json_object_get_string_member (wl, "name"), ==, name);

  g_assert_true (json_object_has_member (wl, "assets"));
  assets = json_object_get_array_member (wl, "assets");
  g_assert_nonnull (assets);
  g_assert_cmpuint (json_array_get_length (assets), ==, g_strv_length ((GStrv) symbols));
  for (guint i = 0; symbols[i] != NULL; i++)
    {
      JsonObject *asset = json_array_get_object_element (assets, i);

      assert_asset (asset);
      g_assert_cmpstr (json_object_get_string_member (asset, "symbol"), ==, symbols[i]);
    }

  return wl;
}

#define SYMBOLS(...) ((const char * const[]) { __VA_ARGS__, NULL })
#define NO_SYMBOLS ((const char * const[]) { NULL })

static char *
create_watchlist (SandboxFixture *f,
                  const char     *body)
{
  g_autoptr (TestReply) reply = test_request (f, "POST", "paper:/v2/watchlists", f->token, body);

  g_assert_cmpuint (reply->status, ==, 200);
  return g_strdup (json_object_get_string_member (test_reply_object (reply), "id"));
}

/* ---- assets ------------------------------------------------------------------------- */

static void
test_assets_list (SandboxFixture *f,
                  gconstpointer   data)
{
  g_autoptr (TestReply) all = test_request (f, "GET", "paper:/v2/assets", f->token, NULL);
  g_autoptr (TestReply) nyse = NULL;
  g_autoptr (TestReply) active = NULL;
  gboolean seen_msft = FALSE;
  JsonArray *array;
  guint n_all;

  g_assert_cmpuint (all->status, ==, 200);
  array = test_reply_array (all);
  n_all = json_array_get_length (array);
  g_assert_cmpuint (n_all, >, 10);
  for (guint i = 0; i < n_all; i++)
    {
      JsonObject *asset = json_array_get_object_element (array, i);

      assert_asset (asset);
      if (g_strcmp0 (json_object_get_string_member (asset, "symbol"), "MSFT") == 0)
        {
          seen_msft = TRUE;
          g_assert_cmpstr (json_object_get_string_member (asset, "exchange"), ==, "NASDAQ");
        }
    }
  g_assert_true (seen_msft);

  nyse = test_request (f, "GET", "paper:/v2/assets?exchange=NYSE", f->token, NULL);
  array = test_reply_array (nyse);
  g_assert_cmpuint (json_array_get_length (array), >, 0);
  g_assert_cmpuint (json_array_get_length (array), <, n_all);
  for (guint i = 0; i < json_array_get_length (array); i++)
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (array, i),
                                                    "exchange"), ==, "NYSE");

  active = test_request (f, "GET", "paper:/v2/assets?status=active&asset_class=us_equity",
                         f->token, NULL);
  g_assert_cmpuint (json_array_get_length (test_reply_array (active)), ==, n_all);

  {
    const char *empty[] = { "paper:/v2/assets?status=inactive",
                            "paper:/v2/assets?asset_class=crypto",
                            "paper:/v2/assets?exchange=OTC" };

    for (guint i = 0; i < G_N_ELEMENTS (empty); i++)
      {
        g_autoptr (TestReply) reply = test_request (f, "GET", empty[i], f->token, NULL);

        g_assert_cmpuint (reply->status, ==, 200);
        g_assert_cmpuint (json_array_get_length (test_reply_array (reply)), ==, 0);
      }
  }

  {
    g_autoptr (TestReply) bad_status = test_request (f, "GET", "paper:/v2/assets?status=gone",
                                                     f->token, NULL);
    g_autoptr (TestReply) bad_class = test_request (f, "GET", "paper:/v2/assets?asset_class=bonds",
                                                    f->token, NULL);

    assert_error (bad_status, 422, 40010001);
    assert_error (bad_class, 422, 40010001);
  }
}

static void
test_asset_get (SandboxFixture *f,
                gconstpointer   data)
{
  g_autoptr (TestReply) by_symbol = test_request (f, "GET", "paper:/v2/assets/MSFT", f->token,
                                                  NULL);
  g_autoptr (TestReply) by_id = NULL;
  g_autoptr (TestReply) by_exchange = NULL;
  g_autoptr (TestReply) unknown = NULL;
  g_autofree char *id_url = NULL;
  JsonObject *asset;

  g_assert_cmpuint (by_symbol->status, ==, 200);
  asset = test_reply_object (by_symbol);
  assert_asset (asset);
  g_assert_cmpstr (json_object_get_string_member (asset, "symbol"), ==, "MSFT");
  g_assert_cmpstr (json_object_get_string_member (asset, "name"), ==,
                   "Microsoft Corporation Common Stock");
  g_assert_cmpint (json_object_get_int_member (asset, "maintenance_margin_requirement"), ==, 30);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (asset, "attributes")),
                    ==, 0);

  id_url = g_strdup_printf ("paper:/v2/assets/%s", json_object_get_string_member (asset, "id"));
  by_id = test_request (f, "GET", id_url, f->token, NULL);
  g_assert_cmpuint (by_id->status, ==, 200);
  g_assert_true (json_node_equal (by_id->json, by_symbol->json));

  by_exchange = test_request (f, "GET", "paper:/v2/assets/MSFT:NASDAQ", f->token, NULL);
  g_assert_cmpuint (by_exchange->status, ==, 200);
  g_assert_true (json_node_equal (by_exchange->json, by_symbol->json));

  unknown = test_request (f, "GET", "paper:/v2/assets/NOPE", f->token, NULL);
  assert_error (unknown, 404, 40410000);

  /* symbols are case-sensitive */
  {
    g_autoptr (TestReply) lower = test_request (f, "GET", "paper:/v2/assets/msft", f->token, NULL);

    assert_error (lower, 404, 40410000);
  }
}

/* ---- clock and calendar ------------------------------------------------------------- */

static gboolean
has_new_york_offset (const char *text)
{
  return g_str_has_suffix (text, "-05:00") || g_str_has_suffix (text, "-04:00");
}

static void
test_clock (SandboxFixture *f,
            gconstpointer   data)
{
  gint64 before = g_get_real_time () / G_USEC_PER_SEC;
  g_autoptr (TestReply) reply = test_request (f, "GET", "paper:/v2/clock", f->token, NULL);
  gint64 after = g_get_real_time () / G_USEC_PER_SEC;
  g_autoptr (GDateTime) timestamp = NULL;
  g_autoptr (GDateTime) next_open = NULL;
  g_autoptr (GDateTime) next_close = NULL;
  g_autoptr (GDateTime) day_after_close = NULL;
  const char *text;
  JsonObject *clock;

  g_assert_cmpuint (reply->status, ==, 200);
  clock = test_reply_object (reply);
  g_assert_cmpuint (json_object_get_size (clock), ==, 4);
  assert_member_type (clock, "timestamp", G_TYPE_STRING);
  assert_member_type (clock, "is_open", G_TYPE_BOOLEAN);
  assert_member_type (clock, "next_open", G_TYPE_STRING);
  assert_member_type (clock, "next_close", G_TYPE_STRING);

  /* the sandbox's market never closes, so that the demo works at any hour */
  g_assert_true (json_object_get_boolean_member (clock, "is_open"));

  /* e.g. 2024-01-08T10:41:07.512334-05:00 */
  text = json_object_get_string_member (clock, "timestamp");
  g_assert_true (has_new_york_offset (text));
  g_assert_cmpuint (strlen (text), ==, strlen ("2024-01-08T10:41:07.512334-05:00"));
  timestamp = g_date_time_new_from_iso8601 (text, NULL);
  g_assert_nonnull (timestamp);
  g_assert_cmpint (g_date_time_to_unix (timestamp), >=, before);
  g_assert_cmpint (g_date_time_to_unix (timestamp), <=, after);

  text = json_object_get_string_member (clock, "next_close");
  g_assert_true (has_new_york_offset (text));
  /* 16:00, or 13:00 on a day the calendar says closes early */
  if (strstr (text, "T13:00:00") != NULL)
    {
      g_autofree char *date = g_strndup (text, 10);
      g_autofree char *url = g_strdup_printf ("paper:/v2/calendar?start=%s&end=%s", date, date);
      g_autoptr (TestReply) day = test_request (f, "GET", url, f->token, NULL);
      JsonArray *days = test_reply_array (day);

      g_assert_cmpuint (json_array_get_length (days), ==, 1);
      g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (days, 0),
                                                      "close"), ==, "13:00");
    }
  else
    g_assert_true (g_str_has_suffix (text, "T16:00:00-05:00") ||
                   g_str_has_suffix (text, "T16:00:00-04:00"));
  next_close = g_date_time_new_from_iso8601 (text, NULL);
  g_assert_nonnull (next_close);
  g_assert_cmpint (g_date_time_compare (next_close, timestamp), >, 0);
  g_assert_cmpint (g_date_time_difference (next_close, timestamp), <=, G_TIME_SPAN_DAY);

  text = json_object_get_string_member (clock, "next_open");
  g_assert_true (g_str_has_suffix (text, "T09:30:00-05:00") ||
                 g_str_has_suffix (text, "T09:30:00-04:00"));
  next_open = g_date_time_new_from_iso8601 (text, NULL);
  g_assert_nonnull (next_open);
  /* the 09:30 of the day after next_close, in New York */
  day_after_close = g_date_time_add_days (next_close, 1);
  g_assert_cmpint (g_date_time_compare (next_open, next_close), >, 0);
  g_assert_cmpint (g_date_time_get_day_of_month (next_open), ==,
                   g_date_time_get_day_of_month (day_after_close));
}

static void
test_calendar (SandboxFixture *f,
               gconstpointer   data)
{
  /* Friday 2024-01-05 to Tuesday 2024-01-09: the weekend is left out */
  g_autoptr (TestReply) reply = test_request (f, "GET",
                                              "paper:/v2/calendar?start=2024-01-05&end=2024-01-09",
                                              f->token, NULL);
  const char *dates[] = { "2024-01-05", "2024-01-08", "2024-01-09" };
  JsonArray *days;

  g_assert_cmpuint (reply->status, ==, 200);
  days = test_reply_array (reply);
  g_assert_cmpuint (json_array_get_length (days), ==, G_N_ELEMENTS (dates));
  for (guint i = 0; i < G_N_ELEMENTS (dates); i++)
    {
      JsonObject *day = json_array_get_object_element (days, i);

      g_assert_cmpuint (json_object_get_size (day), ==, 5);
      assert_member_type (day, "date", G_TYPE_STRING);
      assert_member_type (day, "open", G_TYPE_STRING);
      assert_member_type (day, "close", G_TYPE_STRING);
      assert_member_type (day, "session_open", G_TYPE_STRING);
      assert_member_type (day, "session_close", G_TYPE_STRING);
      g_assert_cmpstr (json_object_get_string_member (day, "date"), ==, dates[i]);
      g_assert_cmpstr (json_object_get_string_member (day, "open"), ==, "09:30");
      g_assert_cmpstr (json_object_get_string_member (day, "close"), ==, "16:00");
      g_assert_cmpstr (json_object_get_string_member (day, "session_open"), ==, "0400");
      g_assert_cmpstr (json_object_get_string_member (day, "session_close"), ==, "2000");
    }

  /* a weekend only, and an empty range */
  {
    g_autoptr (TestReply) weekend =
      test_request (f, "GET", "paper:/v2/calendar?start=2024-01-06&end=2024-01-07", f->token, NULL);
    g_autoptr (TestReply) backwards =
      test_request (f, "GET", "paper:/v2/calendar?start=2024-01-09&end=2024-01-05", f->token, NULL);

    g_assert_cmpuint (json_array_get_length (test_reply_array (weekend)), ==, 0);
    g_assert_cmpuint (json_array_get_length (test_reply_array (backwards)), ==, 0);
  }

  /* without parameters: from today on */
  {
    g_autoptr (TestReply) from_today = test_request (f, "GET", "paper:/v2/calendar", f->token,
                                                     NULL);

    g_assert_cmpuint (from_today->status, ==, 200);
    g_assert_cmpuint (json_array_get_length (test_reply_array (from_today)), >, 0);
  }

  {
    const char *bad[] = { "paper:/v2/calendar?start=yesterday",
                          "paper:/v2/calendar?start=2024-02-30",
                          "paper:/v2/calendar?start=2024-01-05&end=2024-01-09x",
                          "paper:/v2/calendar?start=1970-01-01&end=2100-01-01" };

    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        g_autoptr (TestReply) error = test_request (f, "GET", bad[i], f->token, NULL);

        assert_error (error, 422, 40010001);
      }
  }
}

/* The exchange's early closes: 13:00, the extended session until 17:00 */
static void
test_calendar_early_closes (SandboxFixture *f,
                            gconstpointer   data)
{
  static const struct { const char *range; const char *early; } cases[] = {
    /* Thanksgiving 2024-11-28: the Friday after it; Christmas Eve on a Tuesday */
    { "start=2024-11-25&end=2024-12-31", "2024-11-29 2024-12-24" },
    /* 3 July 2024 is a Wednesday */
    { "start=2024-07-01&end=2024-07-05", "2024-07-03" },
    /* Thanksgiving 2026-11-26; Christmas Eve 2026 is a Thursday */
    { "start=2026-11-20&end=2026-12-31", "2026-11-27 2026-12-24" },
    /* 3 July 2026 and 24 December 2027 are Fridays: no early close (observed holidays) */
    { "start=2026-07-01&end=2026-07-03", "" },
    { "start=2027-12-20&end=2027-12-24", "" },
  };

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autofree char *url = g_strconcat ("paper:/v2/calendar?", cases[c].range, NULL);
      g_autoptr (TestReply) reply = test_request (f, "GET", url, f->token, NULL);
      g_auto (GStrv) early = g_strsplit (cases[c].early, " ", -1);
      guint n_early = 0;
      JsonArray *days;

      g_assert_cmpuint (reply->status, ==, 200);
      days = test_reply_array (reply);
      g_assert_cmpuint (json_array_get_length (days), >, 0);
      for (guint i = 0; i < json_array_get_length (days); i++)
        {
          JsonObject *day = json_array_get_object_element (days, i);
          const char *date = json_object_get_string_member (day, "date");
          gboolean is_early = g_strv_contains ((const char * const *) early, date);

          g_assert_cmpstr (json_object_get_string_member (day, "open"), ==, "09:30");
          g_assert_cmpstr (json_object_get_string_member (day, "close"), ==,
                           is_early ? "13:00" : "16:00");
          g_assert_cmpstr (json_object_get_string_member (day, "session_close"), ==,
                           is_early ? "1700" : "2000");
          n_early += is_early;
        }
      g_assert_cmpuint (n_early, ==, *cases[c].early ? g_strv_length (early) : 0);
    }
}

/* ---- watchlists --------------------------------------------------------------------- */

static void
test_watchlist_lifecycle (SandboxFixture *f,
                          gconstpointer   data)
{
  g_autofree char *paper_account = account_id (f, SANDBOX_ENV_PAPER);
  g_autoptr (TestReply) created = NULL;
  g_autoptr (TestReply) list = NULL;
  g_autoptr (TestReply) got = NULL;
  g_autoptr (TestReply) added = NULL;
  g_autoptr (TestReply) removed = NULL;
  g_autoptr (TestReply) replaced = NULL;
  g_autoptr (TestReply) deleted = NULL;
  g_autoptr (TestReply) gone = NULL;
  g_autofree char *url = NULL;
  g_autofree char *remove_url = NULL;
  g_autofree char *created_at = NULL;
  JsonObject *wl;
  JsonArray *items;
  gint64 created_us = 0;
  gint64 updated_us = 0;

  created = test_request (f, "POST", "paper:/v2/watchlists", f->token,
                          "{\"name\":\"Tech\",\"symbols\":[\"AAPL\",\"MSFT\"]}");
  wl = assert_watchlist (created, "Tech", SYMBOLS ("AAPL", "MSFT"));
  g_assert_cmpstr (json_object_get_string_member (wl, "account_id"), ==, paper_account);
  created_at = g_strdup (json_object_get_string_member (wl, "created_at"));
  url = g_strdup_printf ("paper:/v2/watchlists/%s", json_object_get_string_member (wl, "id"));

  /* the list leaves the assets out (fact sheet §2.6: "items may omit assets") */
  list = test_request (f, "GET", "paper:/v2/watchlists", f->token, NULL);
  g_assert_cmpuint (list->status, ==, 200);
  items = test_reply_array (list);
  g_assert_cmpuint (json_array_get_length (items), ==, 1);
  {
    JsonObject *item = json_array_get_object_element (items, 0);

    g_assert_cmpuint (json_object_get_size (item), ==, 5);
    g_assert_false (json_object_has_member (item, "assets"));
    g_assert_cmpstr (json_object_get_string_member (item, "id"), ==,
                     json_object_get_string_member (wl, "id"));
    g_assert_cmpstr (json_object_get_string_member (item, "name"), ==, "Tech");
    g_assert_cmpstr (json_object_get_string_member (item, "account_id"), ==, paper_account);
    assert_timestamp (item, "created_at");
    assert_timestamp (item, "updated_at");
  }

  got = test_request (f, "GET", url, f->token, NULL);
  assert_watchlist (got, "Tech", SYMBOLS ("AAPL", "MSFT"));
  g_assert_true (json_node_equal (got->json, created->json));

  /* append, by symbol or by asset id */
  added = test_request (f, "POST", url, f->token, "{\"symbol\":\"TSLA\"}");
  wl = assert_watchlist (added, "Tech", SYMBOLS ("AAPL", "MSFT", "TSLA"));
  g_assert_cmpstr (json_object_get_string_member (wl, "created_at"), ==, created_at);
  g_assert_true (_sandbox_parse_time (json_object_get_string_member (wl, "created_at"),
                                      &created_us));
  g_assert_true (_sandbox_parse_time (json_object_get_string_member (wl, "updated_at"),
                                      &updated_us));
  g_assert_cmpint (updated_us, >=, created_us);
  {
    g_autoptr (TestReply) nvda = test_request (f, "GET", "paper:/v2/assets/NVDA", f->token, NULL);
    JsonObject *asset = test_reply_object (nvda);
    g_autofree char *body = g_strdup_printf ("{\"symbol\":\"%s\"}",
                                             json_object_get_string_member (asset, "id"));
    g_autoptr (TestReply) by_id = test_request (f, "POST", url, f->token, body);

    assert_watchlist (by_id, "Tech", SYMBOLS ("AAPL", "MSFT", "TSLA", "NVDA"));
  }

  remove_url = g_strdup_printf ("%s/MSFT", url);
  removed = test_request (f, "DELETE", remove_url, f->token, NULL);
  assert_watchlist (removed, "Tech", SYMBOLS ("AAPL", "TSLA", "NVDA"));
  {
    g_autoptr (TestReply) again = test_request (f, "DELETE", remove_url, f->token, NULL);

    assert_error (again, 404, 40410000);
  }

  /* PUT replaces name and symbols */
  replaced = test_request (f, "PUT", url, f->token,
                           "{\"name\":\"Chips\",\"symbols\":[\"AMD\",\"INTC\",\"NVDA\"]}");
  assert_watchlist (replaced, "Chips", SYMBOLS ("AMD", "INTC", "NVDA"));
  {
    g_autoptr (TestReply) name_only = test_request (f, "PUT", url, f->token,
                                                    "{\"name\":\"Empty\"}");

    assert_watchlist (name_only, "Empty", NO_SYMBOLS);
  }

  deleted = test_request (f, "DELETE", url, f->token, NULL);
  g_assert_cmpuint (deleted->status, ==, 204);
  g_assert_cmpuint (g_bytes_get_size (deleted->body), ==, 0);
  gone = test_request (f, "GET", url, f->token, NULL);
  assert_error (gone, 404, 40410000);
  {
    g_autoptr (TestReply) empty = test_request (f, "GET", "paper:/v2/watchlists", f->token, NULL);

    g_assert_cmpuint (json_array_get_length (test_reply_array (empty)), ==, 0);
  }
}

static void
test_watchlist_by_name (SandboxFixture *f,
                        gconstpointer   data)
{
  g_autofree char *id = create_watchlist (f, "{\"name\":\"My list\",\"symbols\":[\"SPY\"]}");
  const char *url = "paper:/v2/watchlists:by_name?name=My%20list";
  g_autoptr (TestReply) got = test_request (f, "GET", url, f->token, NULL);
  g_autoptr (TestReply) added = NULL;
  g_autoptr (TestReply) replaced = NULL;
  g_autoptr (TestReply) old_name = NULL;
  g_autoptr (TestReply) deleted = NULL;
  g_autoptr (TestReply) by_id = NULL;
  g_autofree char *id_url = g_strdup_printf ("paper:/v2/watchlists/%s", id);

  g_assert_cmpstr (json_object_get_string_member (assert_watchlist (got, "My list",
                                                                    SYMBOLS ("SPY")), "id"),
                   ==, id);

  added = test_request (f, "POST", url, f->token, "{\"symbol\":\"QQQ\"}");
  assert_watchlist (added, "My list", SYMBOLS ("SPY", "QQQ"));
  {
    g_autoptr (TestReply) twice = test_request (f, "POST", url, f->token, "{\"symbol\":\"QQQ\"}");

    assert_error (twice, 422, 40010001);
  }

  replaced = test_request (f, "PUT", url, f->token,
                           "{\"name\":\"ETFs\",\"symbols\":[\"DIA\",\"IWM\"]}");
  assert_watchlist (replaced, "ETFs", SYMBOLS ("DIA", "IWM"));
  old_name = test_request (f, "GET", url, f->token, NULL);
  assert_error (old_name, 404, 40410000);
  by_id = test_request (f, "GET", id_url, f->token, NULL);
  assert_watchlist (by_id, "ETFs", SYMBOLS ("DIA", "IWM"));

  deleted = test_request (f, "DELETE", "paper:/v2/watchlists:by_name?name=ETFs", f->token, NULL);
  g_assert_cmpuint (deleted->status, ==, 204);
  {
    g_autoptr (TestReply) gone = test_request (f, "GET", id_url, f->token, NULL);

    assert_error (gone, 404, 40410000);
  }

  /* the name parameter is required */
  {
    const char *methods[] = { "GET", "PUT", "POST", "DELETE" };

    for (guint i = 0; i < G_N_ELEMENTS (methods); i++)
      {
        g_autoptr (TestReply) missing = test_request (f, methods[i], "paper:/v2/watchlists:by_name",
                                                      f->token, "{\"name\":\"x\"}");

        assert_error (missing, 422, 40010001);
      }
  }
}

#define UNKNOWN_ID "5c0d1f7e-93a2-4b8e-a1c4-2f6d8e0b7a91"

static void
test_watchlist_errors (SandboxFixture *f,
                       gconstpointer   data)
{
  g_autofree char *long_name = g_strnfill (65, 'n');
  g_autofree char *max_name = g_strnfill (64, 'm');
  g_autofree char *too_long = g_strdup_printf ("{\"name\":\"%s\"}", long_name);
  g_autofree char *longest = g_strdup_printf ("{\"name\":\"%s\"}", max_name);
  g_autofree char *id = create_watchlist (f, "{\"name\":\"Taken\",\"symbols\":[\"AAPL\"]}");
  g_autofree char *other_id = create_watchlist (f, "{\"name\":\"Other\"}");
  g_autofree char *url = g_strdup_printf ("paper:/v2/watchlists/%s", id);
  g_autofree char *unknown_symbol_url = g_strdup_printf ("%s/NOPE", url);
  g_autofree char *absent_symbol_url = g_strdup_printf ("%s/MSFT", url);
  const struct
  {
    const char *method;
    const char *url;
    const char *body;
    guint status;
    gint64 code;
  } cases[] = {
    { "POST", "paper:/v2/watchlists", "{\"symbols\":[\"AAPL\"]}", 422, 40010001 },
    { "POST", "paper:/v2/watchlists", "{\"name\":\"\"}", 422, 40010001 },
    { "POST", "paper:/v2/watchlists", "{\"name\":7}", 422, 40010001 },
    { "POST", "paper:/v2/watchlists", too_long, 422, 40010001 },
    { "POST", "paper:/v2/watchlists", "{\"name\":\"Taken\"}", 422, 40010001 },
    { "POST", "paper:/v2/watchlists", "{\"name\":\"New\",\"symbols\":[\"NOPE\"]}", 404, 40410000 },
    { "POST", "paper:/v2/watchlists", "{\"name\":\"New\",\"symbols\":\"AAPL\"}", 422, 40010001 },
    { "POST", "paper:/v2/watchlists", "{\"name\":\"New\",\"symbols\":[1]}", 422, 40010001 },
    { "POST", "paper:/v2/watchlists", "{\"name\":\"New\",\"symbols\":[\"AAPL\",\"AAPL\"]}", 422,
      40010001 },
    { "POST", "paper:/v2/watchlists", "not json", 422, 40010001 },
    { "POST", "paper:/v2/watchlists", "[\"New\"]", 422, 40010001 },
    { "POST", url, "{}", 422, 40010001 },
    { "POST", url, "{\"symbol\":\"NOPE\"}", 404, 40410000 },
    { "POST", url, "{\"symbol\":\"AAPL\"}", 422, 40010001 },
    { "PUT", url, "{\"name\":\"Other\"}", 422, 40010001 },
    { "PUT", url, "{\"symbols\":[\"AAPL\"]}", 422, 40010001 },
    { "PUT", url, "{\"name\":\"Taken\",\"symbols\":[\"NOPE\"]}", 404, 40410000 },
    { "DELETE", "paper:/v2/watchlists/" UNKNOWN_ID "/AAPL", NULL, 404, 40410000 },
    { "DELETE", unknown_symbol_url, NULL, 404, 40410000 },
    { "DELETE", absent_symbol_url, NULL, 404, 40410000 },
    { "GET", "paper:/v2/watchlists/" UNKNOWN_ID, NULL, 404, 40410000 },
    { "PUT", "paper:/v2/watchlists/" UNKNOWN_ID, "{\"name\":\"x\"}", 404, 40410000 },
    { "GET", "paper:/v2/watchlists:by_name?name=Nope", NULL, 404, 40410000 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (TestReply) reply = test_request (f, cases[i].method, cases[i].url, f->token,
                                                  cases[i].body);

      g_test_message ("case %u: %s %s %s", i, cases[i].method, cases[i].url,
                      cases[i].body ? cases[i].body : "");
      assert_error (reply, cases[i].status, cases[i].code);
    }

  /* the failed requests changed nothing */
  {
    g_autoptr (TestReply) taken = test_request (f, "GET", url, f->token, NULL);
    g_autoptr (TestReply) list = test_request (f, "GET", "paper:/v2/watchlists", f->token, NULL);
    g_autoptr (TestReply) ok = test_request (f, "POST", "paper:/v2/watchlists", f->token, longest);

    assert_watchlist (taken, "Taken", SYMBOLS ("AAPL"));
    g_assert_cmpuint (json_array_get_length (test_reply_array (list)), ==, 2);
    /* 64 characters are fine */
    assert_watchlist (ok, max_name, NO_SYMBOLS);
  }
  g_assert_nonnull (other_id);
}

static void
test_watchlists_per_account (SandboxFixture *f,
                             gconstpointer   data)
{
  g_autofree char *live = paddock_sandbox_issue_token (f->sandbox, "account:write", "live");
  g_autofree char *live_account = account_id (f, SANDBOX_ENV_LIVE);
  g_autofree char *id = create_watchlist (f, "{\"name\":\"Paper only\"}");
  g_autofree char *live_url = g_strdup_printf ("live:/v2/watchlists/%s", id);
  g_autoptr (TestReply) live_list = test_request (f, "GET", "live:/v2/watchlists", live, NULL);
  g_autoptr (TestReply) live_get = test_request (f, "GET", live_url, live, NULL);
  g_autoptr (TestReply) live_create = NULL;

  g_assert_cmpuint (live_list->status, ==, 200);
  g_assert_cmpuint (json_array_get_length (test_reply_array (live_list)), ==, 0);
  assert_error (live_get, 404, 40410000);

  /* the same name may exist in the other account */
  live_create = test_request (f, "POST", "live:/v2/watchlists", live, "{\"name\":\"Paper only\"}");
  g_assert_cmpstr (json_object_get_string_member (assert_watchlist (live_create, "Paper only",
                                                                    NO_SYMBOLS),
                                                  "account_id"), ==, live_account);
}

static void
test_scopes (SandboxFixture *f,
             gconstpointer   data)
{
  g_autofree char *no_write = paddock_sandbox_issue_token (f->sandbox, "trading data", "paper");
  g_autofree char *read_only = paddock_sandbox_issue_token (f->sandbox, "", "paper");
  g_autofree char *id = create_watchlist (f, "{\"name\":\"Mine\",\"symbols\":[\"AAPL\"]}");
  g_autofree char *url = g_strdup_printf ("paper:/v2/watchlists/%s", id);
  g_autofree char *symbol_url = g_strdup_printf ("paper:/v2/watchlists/%s/AAPL", id);
  const struct { const char *method; const char *url; const char *body; } writes[] = {
    { "POST", "paper:/v2/watchlists", "{\"name\":\"Nope\"}" },
    { "PUT", url, "{\"name\":\"Nope\"}" },
    { "POST", url, "{\"symbol\":\"MSFT\"}" },
    { "DELETE", symbol_url, NULL },
    { "DELETE", url, NULL },
    { "PUT", "paper:/v2/watchlists:by_name?name=Mine", "{\"name\":\"Nope\"}" },
    { "POST", "paper:/v2/watchlists:by_name?name=Mine", "{\"symbol\":\"MSFT\"}" },
    { "DELETE", "paper:/v2/watchlists:by_name?name=Mine", NULL },
  };
  const char *reads[] = { "paper:/v2/watchlists", url, "paper:/v2/watchlists:by_name?name=Mine",
                          "paper:/v2/assets", "paper:/v2/assets/AAPL", "paper:/v2/clock",
                          "paper:/v2/calendar?start=2024-01-08&end=2024-01-12" };

  for (guint i = 0; i < G_N_ELEMENTS (writes); i++)
    {
      g_autoptr (TestReply) denied = test_request (f, writes[i].method, writes[i].url, no_write,
                                                   writes[i].body);
      g_autoptr (TestReply) also_denied = test_request (f, writes[i].method, writes[i].url,
                                                        read_only, writes[i].body);

      g_test_message ("write %u: %s %s", i, writes[i].method, writes[i].url);
      test_assert_alpaca_error (denied, 403);
      test_assert_alpaca_error (also_denied, 403);
    }

  for (guint i = 0; i < G_N_ELEMENTS (reads); i++)
    {
      g_autoptr (TestReply) reply = test_request (f, "GET", reads[i], read_only, NULL);
      g_autoptr (TestReply) anonymous = test_request (f, "GET", reads[i], NULL, NULL);

      g_test_message ("read %u: %s", i, reads[i]);
      g_assert_cmpuint (reply->status, ==, 200);
      test_assert_alpaca_error (anonymous, 401);
    }

  /* nothing was changed by the refused writes */
  {
    g_autoptr (TestReply) reply = test_request (f, "GET", url, read_only, NULL);

    assert_watchlist (reply, "Mine", SYMBOLS ("AAPL"));
  }
}

static void
test_live_base (SandboxFixture *f,
                gconstpointer   data)
{
  g_autofree char *live = paddock_sandbox_issue_token (f->sandbox, "", "live");
  const char *reads[] = { "live:/v2/watchlists", "live:/v2/assets/SPY", "live:/v2/clock",
                          "live:/v2/calendar" };

  for (guint i = 0; i < G_N_ELEMENTS (reads); i++)
    {
      g_autoptr (TestReply) ok = test_request (f, "GET", reads[i], live, NULL);
      /* a paper token does not reach the live host */
      g_autoptr (TestReply) wrong_env = test_request (f, "GET", reads[i], f->token, NULL);

      g_assert_cmpuint (ok->status, ==, 200);
      test_assert_alpaca_error (wrong_env, 401);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  PADDOCK_TEST_ADD_SANDBOX ("/sandbox/catalog/assets/list", test_assets_list);
  PADDOCK_TEST_ADD_SANDBOX ("/sandbox/catalog/assets/get", test_asset_get);
  PADDOCK_TEST_ADD_SANDBOX ("/sandbox/catalog/clock", test_clock);
  PADDOCK_TEST_ADD_SANDBOX ("/sandbox/catalog/calendar", test_calendar);
  PADDOCK_TEST_ADD_SANDBOX ("/sandbox/catalog/watchlists/lifecycle", test_watchlist_lifecycle);
  PADDOCK_TEST_ADD_SANDBOX ("/sandbox/catalog/watchlists/by-name", test_watchlist_by_name);
  PADDOCK_TEST_ADD_SANDBOX ("/sandbox/catalog/watchlists/errors", test_watchlist_errors);
  PADDOCK_TEST_ADD_SANDBOX ("/sandbox/catalog/watchlists/per-account", test_watchlists_per_account);
  PADDOCK_TEST_ADD_SANDBOX ("/sandbox/catalog/scopes", test_scopes);
  PADDOCK_TEST_ADD_SANDBOX ("/sandbox/catalog/calendar/early-closes", test_calendar_early_closes);
  PADDOCK_TEST_ADD_SANDBOX ("/sandbox/catalog/live-base", test_live_base);

  return g_test_run ();
}
