/* test-sandbox-history.c: account activities, the demo history and seeded orders
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Contract tests over HTTP of GET /v2/account/activities (§2.10 of the API fact sheet),
 * of the paper account's demo history (its figures must add up from its own activities)
 * and of POST /_sandbox/seed_orders with the order list's paging.
 */
#include "config.h"

#include <string.h>

#include "sandbox-fixture.h"
#include "stream-client.h"

#define NANO G_GINT64_CONSTANT (1000000000)
#define MICRO G_GINT64_CONSTANT (1000000)

/* ---- helpers ------------------------------------------------------------------------ */

/* The test's own reading of a decimal string: value × 10^scale (digits past scale must be
 * zeros). Not the sandbox's parser, so that a bug there cannot hide here. */
static gint64
fixed (const char *text,
       int         scale)
{
  const char *p = text;
  gboolean negative = FALSE;
  gint64 value = 0;
  int digits = -1;

  g_assert_nonnull (text);
  if (*p == '-')
    {
      negative = TRUE;
      p++;
    }
  g_assert_true (g_ascii_isdigit (*p));
  for (; *p != '\0'; p++)
    {
      if (*p == '.')
        {
          g_assert_cmpint (digits, ==, -1);
          digits = 0;
          continue;
        }
      g_assert_true (g_ascii_isdigit (*p));
      if (digits >= scale)
        {
          g_assert_cmpint (*p, ==, '0');
          continue;
        }
      value = value * 10 + (*p - '0');
      if (digits >= 0)
        digits++;
    }
  for (int i = MAX (digits, 0); i < scale; i++)
    value *= 10;
  return negative ? -value : value;
}

static const char *
str (JsonObject *obj,
     const char *name)
{
  JsonNode *node = json_object_get_member (obj, name);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;
  g_assert_cmpint (json_node_get_value_type (node), ==, G_TYPE_STRING);
  return json_node_get_string (node);
}

static gint64
time_of (const char *text)
{
  g_autoptr (GDateTime) dt = g_date_time_new_from_iso8601 (text, NULL);

  g_assert_nonnull (dt);
  return g_date_time_to_unix (dt) * G_USEC_PER_SEC + g_date_time_get_microsecond (dt);
}

static char *
format_time (gint64 t_us)
{
  g_autoptr (GDateTime) dt = g_date_time_new_from_unix_utc (t_us / G_USEC_PER_SEC);
  g_autoptr (GDateTime) exact = g_date_time_add (dt, t_us % G_USEC_PER_SEC);

  return g_date_time_format (exact, "%Y-%m-%dT%H:%M:%S.%fZ");
}

static void
expect_status (SandboxFixture *f,
               const char     *url,
               guint           status,
               const char     *message)
{
  g_autoptr (TestReply) r = test_request (f, "GET", url, f->token, NULL);

  if (r->status != status)
    g_test_message ("%s answered %u", url, r->status);
  g_assert_cmpuint (r->status, ==, status);
  if (message != NULL)
    {
      JsonObject *obj = test_reply_object (r);

      g_assert_cmpint (json_object_get_int_member (obj, "code"), ==, 40010001);
      g_assert_cmpstr (str (obj, "message"), ==, message);
    }
}

/* Every item of a paged list, following `page_token` (activities) until an empty page.
 * query is the first part of the URL, with its "?…" already. Returns the items (each a
 * new reference), asserting that no page is larger than page_size. */
static GPtrArray *
all_activities (SandboxFixture *f,
                const char     *url,
                int             page_size,
                guint          *n_pages)
{
  GPtrArray *items = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autofree char *token = NULL;

  *n_pages = 0;
  for (;;)
    {
      g_autofree char *page_url = token != NULL
                                  ? g_strdup_printf ("%s&page_size=%d&page_token=%s", url,
                                                     page_size, token)
                                  : g_strdup_printf ("%s&page_size=%d", url, page_size);
      g_autoptr (TestReply) r = test_request (f, "GET", page_url, f->token, NULL);
      JsonArray *page = test_reply_array (r);
      guint n = json_array_get_length (page);

      g_assert_cmpuint (n, <=, (guint) page_size);
      if (n == 0)
        break;
      (*n_pages)++;
      g_assert_cmpuint (*n_pages, <, 10000);
      for (guint i = 0; i < n; i++)
        g_ptr_array_add (items, json_object_ref (json_array_get_object_element (page, i)));
      g_free (token);
      token = g_strdup (str (json_array_get_object_element (page, n - 1), "id"));
    }
  return items;
}

/* Asserts that the items' ids are strictly ordered (desc or asc), hence each there once. */
static void
assert_strictly_ordered (GPtrArray *items,
                         gboolean   asc)
{
  for (guint i = 1; i < items->len; i++)
    {
      int cmp = strcmp (str (g_ptr_array_index (items, i - 1), "id"),
                        str (g_ptr_array_index (items, i), "id"));

      if (asc ? cmp >= 0 : cmp <= 0)
        g_assert_cmpstr (str (g_ptr_array_index (items, i), "id"), ==, "an id in order");
    }
}

static void
assert_activity_id (const char *id)
{
  g_assert_cmpuint (strlen (id), ==, 20 + 2 + 36);
  for (guint i = 0; i < 20; i++)
    g_assert_true (g_ascii_isdigit (id[i]));
  g_assert_true (g_str_has_prefix (id + 20, "::"));
  g_assert_true (g_uuid_string_is_valid (id + 22));
}

static JsonObject *
get_object (SandboxFixture *f,
            const char     *url,
            TestReply     **keep)
{
  *keep = test_request (f, "GET", url, f->token, NULL);
  g_assert_cmpuint ((*keep)->status, ==, 200);
  return test_reply_object (*keep);
}

static void
demo_fixture_setup (SandboxFixture *f,
                    gconstpointer   data)
{
  g_autoptr (GError) error = NULL;

  f->sandbox = paddock_sandbox_new (42);
  paddock_sandbox_set_demo_history (f->sandbox, TRUE);
  paddock_sandbox_set_tick_interval (f->sandbox, 0);
  g_assert_true (paddock_sandbox_start (f->sandbox, 0, &error));
  g_assert_no_error (error);
  f->session = soup_session_new_with_options ("timeout", 20, NULL);
  f->token = paddock_sandbox_issue_token (f->sandbox, "account:write trading data", "paper");
}

/* Every order of the account, oldest first, paged by after_order_id */
static GPtrArray *
all_orders (SandboxFixture *f,
            const char     *env)
{
  GPtrArray *items = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autofree char *cursor = NULL;

  for (;;)
    {
      g_autofree char *url = g_strdup_printf ("%s:/v2/orders?status=all&limit=500"
                                              "&direction=asc%s%s", env,
                                              cursor ? "&after_order_id=" : "",
                                              cursor ? cursor : "");
      g_autoptr (TestReply) r = test_request (f, "GET", url, f->token, NULL);
      JsonArray *page = test_reply_array (r);
      guint n = json_array_get_length (page);

      for (guint i = 0; i < n; i++)
        g_ptr_array_add (items, json_object_ref (json_array_get_object_element (page, i)));
      if (n < 500)
        break;
      g_free (cursor);
      cursor = g_strdup (str (json_array_get_object_element (page, n - 1), "id"));
    }
  return items;
}

/* ---- activities --------------------------------------------------------------------- */

static void
test_initial_deposit (SandboxFixture *f,
                      gconstpointer   data)
{
  static const struct { const char *env; const char *amount; } cases[] = {
    { "paper", "100000.00" }, { "live", "25000.00" },
  };

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autofree char *token = paddock_sandbox_issue_token (f->sandbox, "", cases[c].env);
      g_autofree char *url = g_strdup_printf ("%s:/v2/account/activities", cases[c].env);
      g_autofree char *account_url = g_strdup_printf ("%s:/v2/account", cases[c].env);
      g_autoptr (TestReply) r = test_request (f, "GET", url, token, NULL);
      g_autoptr (TestReply) account = test_request (f, "GET", account_url, token, NULL);
      JsonArray *list = test_reply_array (r);
      JsonObject *a;
      g_autoptr (GDateTime) created = NULL;
      g_autofree char *created_day = NULL;

      /* a token without any scope reads them, as every account read */
      g_assert_cmpuint (r->status, ==, 200);
      g_assert_cmpuint (json_array_get_length (list), ==, 1);
      a = json_array_get_object_element (list, 0);
      assert_activity_id (str (a, "id"));
      g_assert_cmpstr (str (a, "activity_type"), ==, "CSD");
      g_assert_cmpstr (str (a, "net_amount"), ==, cases[c].amount);
      g_assert_cmpstr (str (a, "status"), ==, "executed");
      g_assert_nonnull (str (a, "description"));
      g_assert_false (json_object_has_member (a, "symbol"));
      g_assert_false (json_object_has_member (a, "qty"));
      g_assert_false (json_object_has_member (a, "per_share_amount"));
      /* on the day the account was opened (a day in New York) */
      g_assert_cmpstr (str (test_reply_object (account), "cash"), ==, cases[c].amount);
      created = g_date_time_new_from_iso8601 (str (test_reply_object (account), "created_at"),
                                              NULL);
      {
        g_autoptr (GTimeZone) tz = g_time_zone_new_identifier ("America/New_York");
        g_autoptr (GDateTime) local = g_date_time_to_timezone (created, tz);

        created_day = g_date_time_format (local, "%Y-%m-%d");
      }
      g_assert_cmpstr (str (a, "date"), ==, created_day);
    }

  /* like every account read, it needs a token for that environment */
  {
    g_autoptr (TestReply) none = test_request (f, "GET", "paper:/v2/account/activities", NULL,
                                               NULL);
    g_autofree char *live = paddock_sandbox_issue_token (f->sandbox, "", "live");
    g_autoptr (TestReply) wrong = test_request (f, "GET", "paper:/v2/account/activities", live,
                                                NULL);

    g_assert_cmpuint (none->status, ==, 401);
    g_assert_cmpuint (wrong->status, ==, 401);
  }
}

static JsonObject *
submit (SandboxFixture *f,
        const char     *body,
        TestReply     **keep)
{
  *keep = test_request (f, "POST", "paper:/v2/orders", f->token, body);
  g_assert_cmpuint ((*keep)->status, ==, 200);
  return test_reply_object (*keep);
}

static void
test_fill_activity (SandboxFixture *f,
                    gconstpointer   data)
{
  g_autoptr (TestReply) order_reply = NULL;
  g_autoptr (TestReply) fills_reply = NULL;
  g_autoptr (TestReply) account = NULL;
  JsonObject *order, *a;
  JsonArray *fills;
  gint64 cash;

  g_assert_true (paddock_sandbox_set_price (f->sandbox, "AAPL", "187.31"));
  order = submit (f, "{\"symbol\":\"AAPL\",\"qty\":\"3\",\"side\":\"buy\",\"type\":\"market\","
                     "\"time_in_force\":\"day\"}", &order_reply);
  g_assert_cmpstr (str (order, "status"), ==, "filled");

  fills_reply = test_request (f, "GET", "paper:/v2/account/activities/FILL", f->token, NULL);
  fills = test_reply_array (fills_reply);
  g_assert_cmpuint (json_array_get_length (fills), ==, 1);
  a = json_array_get_object_element (fills, 0);
  assert_activity_id (str (a, "id"));
  g_assert_cmpstr (str (a, "activity_type"), ==, "FILL");
  g_assert_cmpstr (str (a, "type"), ==, "fill");
  g_assert_cmpstr (str (a, "price"), ==, "187.31");
  g_assert_cmpstr (str (a, "price"), ==, str (order, "filled_avg_price"));
  g_assert_cmpstr (str (a, "qty"), ==, "3");
  g_assert_cmpstr (str (a, "side"), ==, "buy");
  g_assert_cmpstr (str (a, "symbol"), ==, "AAPL");
  g_assert_cmpstr (str (a, "leaves_qty"), ==, "0");
  g_assert_cmpstr (str (a, "cum_qty"), ==, "3");
  g_assert_cmpstr (str (a, "order_id"), ==, str (order, "id"));
  g_assert_cmpstr (str (a, "order_status"), ==, "filled");
  g_assert_cmpint (time_of (str (a, "transaction_time")), ==, time_of (str (order, "filled_at")));
  /* the id begins with the transaction time */
  {
    g_autoptr (GDateTime) t = g_date_time_new_from_iso8601 (str (a, "transaction_time"), NULL);
    g_autofree char *digits = g_date_time_format (t, "%Y%m%d%H%M%S");
    g_autofree char *micro = g_strdup_printf ("%s%06d", digits,
                                              g_date_time_get_microsecond (t));

    g_assert_true (g_str_has_prefix (str (a, "id"), micro));
  }

  /* the cash is the deposit less the fill */
  cash = fixed (str (get_object (f, "paper:/v2/account", &account), "cash"), 6);
  g_assert_cmpint (cash, ==, 100000 * MICRO - 3 * 187310000);
}

static void
test_partial_fill_activities (SandboxFixture *f,
                              gconstpointer   data)
{
  g_autoptr (TestReply) order_reply = NULL;
  g_autoptr (TestReply) r = NULL;
  JsonObject *order;
  JsonArray *fills;
  static const struct { const char *type, *qty, *leaves, *cum, *status; } expected[] = {
    { "partial_fill", "1000", "1500", "1000", "partially_filled" },
    { "partial_fill", "1000", "500", "2000", "partially_filled" },
    { "fill", "500", "0", "2500", "filled" },
  };

  g_assert_true (paddock_sandbox_set_price (f->sandbox, "F", "12.05"));
  order = submit (f, "{\"symbol\":\"F\",\"qty\":\"2500\",\"side\":\"buy\",\"type\":\"market\","
                     "\"time_in_force\":\"day\"}", &order_reply);
  paddock_sandbox_tick (f->sandbox);
  paddock_sandbox_tick (f->sandbox);

  r = test_request (f, "GET", "paper:/v2/account/activities?activity_types=FILL&direction=asc",
                    f->token, NULL);
  fills = test_reply_array (r);
  g_assert_cmpuint (json_array_get_length (fills), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      JsonObject *a = json_array_get_object_element (fills, i);

      g_assert_cmpstr (str (a, "type"), ==, expected[i].type);
      g_assert_cmpstr (str (a, "qty"), ==, expected[i].qty);
      g_assert_cmpstr (str (a, "leaves_qty"), ==, expected[i].leaves);
      g_assert_cmpstr (str (a, "cum_qty"), ==, expected[i].cum);
      g_assert_cmpstr (str (a, "order_status"), ==, expected[i].status);
      g_assert_cmpstr (str (a, "order_id"), ==, str (order, "id"));
    }
}

/* A fill's activity and its trade update are the same execution (§4's execution_id) */
static void
test_fill_matches_trade_update (SandboxFixture *f,
                                gconstpointer   data)
{
  g_autoptr (StreamClient) c = stream_client_connect (f, "paper");
  g_autoptr (TestReply) order_reply = NULL;
  g_autoptr (TestReply) r = NULL;
  JsonObject *update, *a;
  JsonArray *fills;

  stream_client_authenticate (c, f->token);
  stream_client_listen (c, "[\"trade_updates\"]", "[\"trade_updates\"]");
  submit (f, "{\"symbol\":\"MSFT\",\"qty\":\"2\",\"side\":\"sell\",\"type\":\"market\","
             "\"time_in_force\":\"day\"}", &order_reply);

  g_assert_cmpstr (str (stream_client_next (c, "trade_updates", SOUP_WEBSOCKET_DATA_BINARY),
                        "event"), ==, "new");
  update = stream_client_next (c, "trade_updates", SOUP_WEBSOCKET_DATA_BINARY);
  g_assert_cmpstr (str (update, "event"), ==, "fill");

  r = test_request (f, "GET", "paper:/v2/account/activities/FILL", f->token, NULL);
  fills = test_reply_array (r);
  g_assert_cmpuint (json_array_get_length (fills), ==, 1);
  a = json_array_get_object_element (fills, 0);
  g_assert_cmpstr (str (a, "id") + 22, ==, str (update, "execution_id"));
  g_assert_cmpint (time_of (str (a, "transaction_time")), ==, time_of (str (update, "timestamp")));
  g_assert_cmpstr (str (a, "price"), ==, str (update, "price"));
  g_assert_cmpstr (str (a, "qty"), ==, str (update, "qty"));
  /* the order's side, a short sale too */
  g_assert_cmpstr (str (a, "side"), ==, "sell");
  g_assert_cmpstr (str (update, "position_qty"), ==, "-2");
}

static void
test_activity_errors (SandboxFixture *f,
                      gconstpointer   data)
{
  expect_status (f, "paper:/v2/account/activities/NOPE", 422, "invalid activity type: NOPE");
  expect_status (f, "paper:/v2/account/activities?activity_types=FILL,XYZ", 422,
                 "invalid activity type: XYZ");
  expect_status (f, "paper:/v2/account/activities/fill", 422, "invalid activity type: fill");
  expect_status (f, "paper:/v2/account/activities/DIV?activity_types=DIV", 422, NULL);
  expect_status (f, "paper:/v2/account/activities?category=trades", 422, NULL);
  expect_status (f, "paper:/v2/account/activities?category=trade_activity&activity_types=FILL",
                 422, NULL);
  expect_status (f, "paper:/v2/account/activities?direction=up", 422, NULL);
  expect_status (f, "paper:/v2/account/activities?page_size=101", 422, NULL);
  expect_status (f, "paper:/v2/account/activities?page_size=0", 422, NULL);
  expect_status (f, "paper:/v2/account/activities?page_size=ten", 422, NULL);
  expect_status (f, "paper:/v2/account/activities?page_token=abc", 422, NULL);
  expect_status (f, "paper:/v2/account/activities?date=2024-13-01", 422, NULL);
  expect_status (f, "paper:/v2/account/activities?date=2024-01-05&until=2024-01-06", 422, NULL);
  expect_status (f, "paper:/v2/account/activities?after=yesterday", 422, NULL);
  /* with date, a page may hold more than 100 */
  expect_status (f, "paper:/v2/account/activities?page_size=500", 422, NULL);
  expect_status (f, "paper:/v2/account/activities?date=2024-01-05&page_size=500", 200, NULL);
  /* known types the account has none of: an empty list */
  {
    g_autoptr (TestReply) r = test_request (f, "GET", "paper:/v2/account/activities/REORG",
                                            f->token, NULL);

    g_assert_cmpuint (json_array_get_length (test_reply_array (r)), ==, 0);
  }
}

/* ---- the demo history: activities ------------------------------------------------------ */

static void
test_activity_paging (SandboxFixture *f,
                      gconstpointer   data)
{
  g_autoptr (GPtrArray) desc = NULL;
  g_autoptr (GPtrArray) asc = NULL;
  g_autoptr (GPtrArray) big = NULL;
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  guint pages;

  /* one fill now, so that the list has both the past and the present */
  {
    g_autoptr (TestReply) o = NULL;

    submit (f, "{\"symbol\":\"KO\",\"qty\":\"1\",\"side\":\"buy\",\"type\":\"market\","
               "\"time_in_force\":\"day\"}", &o);
  }

  desc = all_activities (f, "paper:/v2/account/activities?direction=desc", 7, &pages);
  g_assert_cmpuint (desc->len, >, 150);
  g_assert_cmpuint (pages, ==, (desc->len + 6) / 7);
  assert_strictly_ordered (desc, FALSE);
  for (guint i = 0; i < desc->len; i++)
    {
      const char *id = str (g_ptr_array_index (desc, i), "id");

      assert_activity_id (id);
      g_assert_false (g_hash_table_contains (seen, id));
      g_hash_table_add (seen, (gpointer) id);
    }

  /* the default direction is desc; asc is the same list backwards */
  asc = all_activities (f, "paper:/v2/account/activities?direction=asc", 100, &pages);
  big = all_activities (f, "paper:/v2/account/activities?x=1", 100, &pages);
  g_assert_cmpuint (asc->len, ==, desc->len);
  g_assert_cmpuint (big->len, ==, desc->len);
  assert_strictly_ordered (asc, TRUE);
  for (guint i = 0; i < asc->len; i++)
    {
      g_assert_cmpstr (str (g_ptr_array_index (asc, i), "id"), ==,
                       str (g_ptr_array_index (desc, desc->len - 1 - i), "id"));
      g_assert_cmpstr (str (g_ptr_array_index (big, i), "id"), ==,
                       str (g_ptr_array_index (desc, i), "id"));
    }

  /* without page_size a page holds 100 */
  {
    g_autoptr (TestReply) r = test_request (f, "GET", "paper:/v2/account/activities", f->token,
                                            NULL);

    g_assert_cmpuint (json_array_get_length (test_reply_array (r)), ==, 100);
  }
}

static void
count_types (GPtrArray  *items,
             GHashTable *counts)
{
  for (guint i = 0; i < items->len; i++)
    {
      const char *type = str (g_ptr_array_index (items, i), "activity_type");

      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (counts, type));

      g_hash_table_insert (counts, (gpointer) type, GUINT_TO_POINTER (n + 1));
    }
}

static void
test_activity_filters (SandboxFixture *f,
                       gconstpointer   data)
{
  g_autoptr (GPtrArray) all = NULL;
  g_autoptr (GPtrArray) trade = NULL;
  g_autoptr (GPtrArray) non_trade = NULL;
  g_autoptr (GPtrArray) some = NULL;
  g_autoptr (GPtrArray) path_div = NULL;
  g_autoptr (GHashTable) counts = g_hash_table_new (g_str_hash, g_str_equal);
  guint pages, n_fill;
  gint64 middle;

  all = all_activities (f, "paper:/v2/account/activities?direction=asc", 100, &pages);
  count_types (all, counts);
  n_fill = GPOINTER_TO_UINT (g_hash_table_lookup (counts, "FILL"));
  g_assert_cmpuint (n_fill, >, 100);
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (counts, "CSD")), >=, 3);
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (counts, "DIV")), >=, 1);
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (counts, "FEE")), >=, 1);

  trade = all_activities (f, "paper:/v2/account/activities?category=trade_activity", 100, &pages);
  non_trade = all_activities (f, "paper:/v2/account/activities?category=non_trade_activity", 100,
                              &pages);
  g_assert_cmpuint (trade->len, ==, n_fill);
  g_assert_cmpuint (trade->len + non_trade->len, ==, all->len);
  for (guint i = 0; i < trade->len; i++)
    g_assert_cmpstr (str (g_ptr_array_index (trade, i), "activity_type"), ==, "FILL");
  for (guint i = 0; i < non_trade->len; i++)
    {
      JsonObject *a = g_ptr_array_index (non_trade, i);

      g_assert_cmpstr (str (a, "activity_type"), !=, "FILL");
      g_assert_cmpstr (str (a, "status"), ==, "executed");
      g_assert_nonnull (str (a, "date"));
      fixed (str (a, "net_amount"), 2);
    }

  some = all_activities (f, "paper:/v2/account/activities?activity_types=CSD,DIV", 100, &pages);
  path_div = all_activities (f, "paper:/v2/account/activities/DIV?direction=desc", 100, &pages);
  g_assert_cmpuint (some->len, ==,
                    GPOINTER_TO_UINT (g_hash_table_lookup (counts, "CSD")) +
                    GPOINTER_TO_UINT (g_hash_table_lookup (counts, "DIV")));
  g_assert_cmpuint (path_div->len, ==, GPOINTER_TO_UINT (g_hash_table_lookup (counts, "DIV")));
  for (guint i = 0; i < path_div->len; i++)
    {
      JsonObject *a = g_ptr_array_index (path_div, i);
      gint64 amount = fixed (str (a, "net_amount"), 6);
      gint64 shares = fixed (str (a, "qty"), 9);
      gint64 per_share = fixed (str (a, "per_share_amount"), 6);
      gint64 exact = (gint64) ((__int128) shares * per_share / NANO);

      g_assert_nonnull (str (a, "symbol"));
      /* the shares held times the dividend, to the cent */
      g_assert_cmpint (ABS (amount - exact), <=, 5000);
    }

  /* date: the day of an activity in the middle, in New York */
  {
    JsonObject *mid = g_ptr_array_index (trade, trade->len / 2);
    g_autoptr (GDateTime) t = g_date_time_new_from_iso8601 (str (mid, "transaction_time"), NULL);
    g_autoptr (GTimeZone) tz = g_time_zone_new_identifier ("America/New_York");
    g_autoptr (GDateTime) local = g_date_time_to_timezone (t, tz);
    g_autofree char *date = g_date_time_format (local, "%Y-%m-%d");
    g_autofree char *url = g_strdup_printf ("paper:/v2/account/activities?date=%s", date);
    g_autoptr (TestReply) r = test_request (f, "GET", url, f->token, NULL);
    JsonArray *list = test_reply_array (r);
    guint expected = 0;

    middle = time_of (str (mid, "transaction_time"));
    for (guint i = 0; i < trade->len; i++)
      {
        g_autoptr (GDateTime) ti = g_date_time_new_from_iso8601 (str (g_ptr_array_index (trade, i),
                                                                      "transaction_time"), NULL);
        g_autoptr (GDateTime) li = g_date_time_to_timezone (ti, tz);
        g_autofree char *di = g_date_time_format (li, "%Y-%m-%d");

        expected += g_str_equal (di, date);
      }
    for (guint i = 0; i < non_trade->len; i++)
      expected += g_str_equal (str (g_ptr_array_index (non_trade, i), "date"), date);
    /* with date, a page holds the whole day */
    g_assert_cmpuint (json_array_get_length (list), ==, expected);
    g_assert_cmpuint (expected, >=, 1);
  }

  /* after and until (RFC 3339), exclusive, on the time */
  {
    g_autofree char *after = format_time (middle);
    g_autofree char *url = g_strdup_printf ("paper:/v2/account/activities?category=trade_activity"
                                            "&direction=asc&after=%s", after);
    g_autofree char *until_url = g_strdup_printf ("paper:/v2/account/activities"
                                                  "?category=trade_activity&until=%s", after);
    g_autoptr (GPtrArray) later = all_activities (f, url, 50, &pages);
    g_autoptr (GPtrArray) earlier = all_activities (f, until_url, 50, &pages);

    g_assert_cmpuint (later->len + earlier->len + 1, ==, trade->len);
    for (guint i = 0; i < later->len; i++)
      g_assert_cmpint (time_of (str (g_ptr_array_index (later, i), "transaction_time")), >, middle);
    for (guint i = 0; i < earlier->len; i++)
      g_assert_cmpint (time_of (str (g_ptr_array_index (earlier, i), "transaction_time")), <,
                       middle);
  }
}

/* ---- the demo history: the account adds up ------------------------------------------- */

typedef struct
{
  gint64 qty;      /* nano-shares */
  gint64 basis;    /* micro-dollars */
} Holding;

static void
test_history_adds_up (SandboxFixture *f,
                      gconstpointer   data)
{
  g_autoptr (GPtrArray) acts = NULL;
  g_autoptr (GPtrArray) orders = NULL;
  g_autoptr (GHashTable) holdings = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  g_autoptr (GHashTable) filled = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  g_autoptr (TestReply) account_reply = NULL;
  g_autoptr (TestReply) positions_reply = NULL;
  JsonObject *account;
  JsonArray *positions;
  gint64 cash = 0, deposits = 0, long_value = 0, reserved = 0;
  gint64 now = g_get_real_time ();
  guint pages, n_open = 0, n_by_status[4] = { 0, };
  static const char *const statuses[] = { "filled", "canceled", "expired", "new" };

  acts = all_activities (f, "paper:/v2/account/activities?direction=asc", 100, &pages);
  for (guint i = 0; i < acts->len; i++)
    {
      JsonObject *a = g_ptr_array_index (acts, i);

      if (g_str_equal (str (a, "activity_type"), "FILL"))
        {
          gint64 q = fixed (str (a, "qty"), 9);
          gint64 cost = (gint64) (((__int128) q * fixed (str (a, "price"), 6) + NANO / 2) / NANO);
          gboolean buy = g_str_equal (str (a, "side"), "buy");
          Holding *h = g_hash_table_lookup (holdings, str (a, "symbol"));
          gint64 *sum = g_hash_table_lookup (filled, str (a, "order_id"));

          if (h == NULL)
            {
              h = g_new0 (Holding, 1);
              g_hash_table_insert (holdings, (gpointer) str (a, "symbol"), h);
            }
          if (sum == NULL)
            {
              sum = g_new0 (gint64, 1);
              g_hash_table_insert (filled, (gpointer) str (a, "order_id"), sum);
            }
          *sum += q;
          g_assert_cmpint (fixed (str (a, "cum_qty"), 9), ==, *sum);
          cash += buy ? -cost : cost;
          if (buy)
            {
              h->qty += q;
              h->basis += cost;
            }
          else
            {
              /* long only: what stays keeps its average price */
              g_assert_cmpint (q, <=, h->qty);
              h->basis = (gint64) (((__int128) h->basis * (h->qty - q) * 2 + h->qty) /
                                   (2 * h->qty));
              h->qty -= q;
            }
          /* every past fill is in the past */
          g_assert_cmpint (time_of (str (a, "transaction_time")), <, now);
        }
      else
        {
          gint64 amount = fixed (str (a, "net_amount"), 6);

          cash += amount;
          if (g_str_equal (str (a, "activity_type"), "CSD") ||
              g_str_equal (str (a, "activity_type"), "CSW"))
            deposits += amount;
          if (g_str_equal (str (a, "activity_type"), "FEE"))
            g_assert_cmpint (amount, <, 0);
        }
    }
  g_assert_cmpint (deposits, >=, 5000 * MICRO);

  /* cash = deposits − buys + sells + dividends + interest − fees, to the micro-dollar */
  account = get_object (f, "paper:/v2/account", &account_reply);
  g_assert_cmpint (fixed (str (account, "cash"), 6), ==, cash);
  g_assert_cmpint (cash, >, 0);
  /* whole shares at prices in cents: every amount is in cents */
  g_assert_cmpint (fixed (str (account, "cash"), 2) * 10000, ==, cash);
  fixed (str (account, "equity"), 2);

  /* the positions are the net of the fills, at their average cost */
  positions_reply = test_request (f, "GET", "paper:/v2/positions", f->token, NULL);
  positions = test_reply_array (positions_reply);
  g_assert_cmpuint (json_array_get_length (positions), >=, 5);
  g_assert_cmpuint (json_array_get_length (positions), <=, 6);
  {
    GHashTableIter iter;
    Holding *h;
    guint n_held = 0;

    g_hash_table_iter_init (&iter, holdings);
    while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &h))
      n_held += h->qty != 0;
    g_assert_cmpuint (n_held, ==, json_array_get_length (positions));
  }
  for (guint i = 0; i < json_array_get_length (positions); i++)
    {
      JsonObject *p = json_array_get_object_element (positions, i);
      Holding *h = g_hash_table_lookup (holdings, str (p, "symbol"));

      g_assert_nonnull (h);
      g_assert_cmpint (fixed (str (p, "qty"), 9), ==, h->qty);
      g_assert_cmpint (fixed (str (p, "cost_basis"), 6), ==, h->basis);
      g_assert_cmpstr (str (p, "side"), ==, "long");
      long_value += fixed (str (p, "market_value"), 6);
    }
  /* "a few thousand dollars in five or six positions" */
  g_assert_cmpint (long_value, >, 1500 * MICRO);
  g_assert_cmpint (long_value, <, 15000 * MICRO);
  g_assert_cmpint (fixed (str (account, "long_market_value"), 6), ==, long_value);
  g_assert_cmpint (fixed (str (account, "equity"), 6), ==, cash + long_value);

  /* the orders: a few hundred, in the past, their fills those of the activities */
  orders = all_orders (f, "paper");
  g_assert_cmpuint (orders->len, >=, 200);
  g_assert_cmpuint (orders->len, <=, 500);
  for (guint i = 0; i < orders->len; i++)
    {
      JsonObject *o = g_ptr_array_index (orders, i);
      const char *status = str (o, "status");
      gint64 submitted = time_of (str (o, "submitted_at"));
      gint64 *sum = g_hash_table_lookup (filled, str (o, "id"));

      g_assert_cmpint (submitted, <, now - G_GINT64_CONSTANT (3600) * G_USEC_PER_SEC);
      g_assert_cmpint (time_of (str (o, "created_at")), ==, submitted);
      g_assert_cmpint (fixed (str (o, "filled_qty"), 9), ==, sum ? *sum : 0);
      if (i > 0)
        g_assert_cmpint (time_of (str (g_ptr_array_index (orders, i - 1), "submitted_at")), <=,
                         submitted);
      for (guint s = 0; s < G_N_ELEMENTS (statuses); s++)
        n_by_status[s] += g_str_equal (status, statuses[s]);

      if (g_str_equal (status, "filled"))
        {
          g_assert_cmpint (time_of (str (o, "filled_at")), >=, submitted);
          g_assert_cmpint (fixed (str (o, "filled_qty"), 9), ==, fixed (str (o, "qty"), 9));
          g_assert_null (str (o, "canceled_at"));
          g_assert_null (str (o, "expired_at"));
        }
      else if (g_str_equal (status, "canceled"))
        {
          g_assert_cmpint (time_of (str (o, "canceled_at")), >, submitted);
          g_assert_cmpint (time_of (str (o, "canceled_at")), <, now);
          g_assert_null (str (o, "filled_at"));
        }
      else if (g_str_equal (status, "expired"))
        {
          g_assert_cmpint (time_of (str (o, "expired_at")), >, submitted);
          g_assert_cmpint (time_of (str (o, "expired_at")), <, now);
          g_assert_cmpint (fixed (str (o, "filled_qty"), 9), ==, 0);
          g_assert_cmpstr (str (o, "time_in_force"), ==, "day");
        }
      else
        {
          /* the open ones: limit orders good till canceled */
          g_assert_cmpstr (status, ==, "new");
          g_assert_cmpstr (str (o, "type"), ==, "limit");
          g_assert_cmpstr (str (o, "time_in_force"), ==, "gtc");
          n_open++;
          if (g_str_equal (str (o, "side"), "buy"))
            reserved += (gint64) ((__int128) fixed (str (o, "qty"), 9) *
                                  fixed (str (o, "limit_price"), 6) / NANO);
        }
    }
  for (guint s = 0; s < G_N_ELEMENTS (statuses); s++)
    g_assert_cmpuint (n_by_status[s], >=, 1);
  g_assert_cmpuint (n_open, >=, 2);
  /* the oldest is weeks old */
  g_assert_cmpint (time_of (str (g_ptr_array_index (orders, 0), "submitted_at")), <,
                   now - G_GINT64_CONSTANT (21) * 24 * 3600 * G_USEC_PER_SEC);

  /* open buy orders hold buying power, as any open order */
  g_assert_cmpint (reserved, >, 0);
  g_assert_cmpint (fixed (str (account, "non_marginable_buying_power"), 6), ==, cash - reserved);
  {
    g_autoptr (TestReply) open = test_request (f, "GET", "paper:/v2/orders", f->token, NULL);

    g_assert_cmpuint (json_array_get_length (test_reply_array (open)), ==, n_open);
  }
}

static void
test_history_paging (SandboxFixture *f,
                     gconstpointer   data)
{
  g_autoptr (GPtrArray) asc = all_orders (f, "paper");
  g_autoptr (GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *cursor = NULL;
  guint total = 0;

  /* desc, by before_order_id, against the asc list */
  for (;;)
    {
      g_autofree char *url = g_strdup_printf ("paper:/v2/orders?status=all&limit=37%s%s",
                                              cursor ? "&before_order_id=" : "",
                                              cursor ? cursor : "");
      g_autoptr (TestReply) r = test_request (f, "GET", url, f->token, NULL);
      JsonArray *page = test_reply_array (r);
      guint n = json_array_get_length (page);

      for (guint i = 0; i < n; i++)
        {
          const char *id = str (json_array_get_object_element (page, i), "id");

          g_assert_cmpstr (id, ==, str (g_ptr_array_index (asc, asc->len - 1 - total), "id"));
          g_assert_false (g_hash_table_contains (seen, id));
          g_hash_table_add (seen, g_strdup (id));
          total++;
        }
      if (n < 37)
        break;
      g_free (cursor);
      cursor = g_strdup (str (json_array_get_object_element (page, n - 1), "id"));
    }
  g_assert_cmpuint (total, ==, asc->len);

  /* until and after take the past orders by their submission time */
  {
    JsonObject *mid = g_ptr_array_index (asc, asc->len / 2);
    g_autofree char *url = g_strdup_printf ("paper:/v2/orders?status=all&limit=500&until=%s",
                                            str (mid, "submitted_at"));
    g_autoptr (TestReply) r = test_request (f, "GET", url, f->token, NULL);
    JsonArray *page = test_reply_array (r);

    g_assert_cmpuint (json_array_get_length (page), ==, asc->len / 2);
    g_assert_cmpstr (str (json_array_get_object_element (page, 0), "id"), ==,
                     str (g_ptr_array_index (asc, asc->len / 2 - 1), "id"));
  }
}

static void
test_history_portfolio (SandboxFixture *f,
                        gconstpointer   data)
{
  g_autoptr (TestReply) r = NULL;
  g_autoptr (TestReply) account_reply = NULL;
  JsonObject *history, *account;
  JsonArray *equity;
  guint n, changes = 0;
  double last;

  r = test_request (f, "GET", "paper:/v2/account/portfolio/history?period=1A&timeframe=1D",
                    f->token, NULL);
  history = test_reply_object (r);
  equity = json_object_get_array_member (history, "equity");
  n = json_array_get_length (equity);
  g_assert_cmpuint (n, >, 200);
  /* a year ago: the first deposit only, no positions */
  g_assert_cmpfloat (json_array_get_double_element (equity, 0), ==, 5000.0);
  g_assert_cmpfloat (json_array_get_double_element (equity, n / 2), ==, 5000.0);
  for (guint i = 1; i < n; i++)
    changes += json_array_get_double_element (equity, i) !=
               json_array_get_double_element (equity, i - 1);
  /* then deposits and the market move it */
  g_assert_cmpuint (changes, >, 20);
  /* today's point is the account's equity */
  account = get_object (f, "paper:/v2/account", &account_reply);
  last = json_array_get_double_element (equity, n - 1);
  g_assert_cmpfloat (ABS (last * 1e6 - (double) fixed (str (account, "equity"), 6)), <, 10000.0);
  /* and last_equity is the close of yesterday: the cash and the shares at lastday_price */
  {
    g_autoptr (TestReply) pr = test_request (f, "GET", "paper:/v2/positions", f->token, NULL);
    JsonArray *positions = test_reply_array (pr);
    gint64 expected = fixed (str (account, "cash"), 6);

    for (guint i = 0; i < json_array_get_length (positions); i++)
      {
        JsonObject *p = json_array_get_object_element (positions, i);

        expected += (gint64) ((__int128) fixed (str (p, "qty"), 9) *
                              fixed (str (p, "lastday_price"), 6) / NANO);
      }
    g_assert_cmpint (ABS (fixed (str (account, "last_equity"), 6) - expected), <=, 10);
  }
}

static void
test_history_deterministic (void)
{
  GPtrArray *ids[3];
  char *cash[3], *account_id[3];

  /* two sandboxes of the same seed with the history, and one without */
  for (guint k = 0; k < 3; k++)
    {
      SandboxFixture fx = { 0, };
      g_autoptr (TestReply) account = NULL;
      guint pages;

      if (k < 2)
        demo_fixture_setup (&fx, NULL);
      else
        sandbox_fixture_setup (&fx, NULL);
      ids[k] = all_activities (&fx, "paper:/v2/account/activities?direction=asc", 100, &pages);
      cash[k] = g_strdup (str (get_object (&fx, "paper:/v2/account", &account), "cash"));
      account_id[k] = g_strdup (str (test_reply_object (account), "id"));
      sandbox_fixture_teardown (&fx, NULL);
    }

  g_assert_cmpuint (ids[0]->len, ==, ids[1]->len);
  for (guint i = 0; i < ids[0]->len; i++)
    g_assert_cmpstr (str (g_ptr_array_index (ids[0], i), "id"), ==,
                     str (g_ptr_array_index (ids[1], i), "id"));
  g_assert_cmpstr (cash[0], ==, cash[1]);
  /* the history changes what the account holds, not who it is */
  g_assert_cmpstr (account_id[0], ==, account_id[2]);
  g_assert_cmpstr (cash[2], ==, "100000.00");
  g_assert_cmpuint (ids[2]->len, ==, 1);
  for (guint k = 0; k < 3; k++)
    {
      g_ptr_array_unref (ids[k]);
      g_free (cash[k]);
      g_free (account_id[k]);
    }
}

/* ---- seeded orders ------------------------------------------------------------------ */

static void
seed (SandboxFixture *f,
      const char     *body,
      guint           status,
      gint64          count)
{
  g_autoptr (TestReply) r = test_request (f, "POST", "root:/_sandbox/seed_orders", NULL, body);

  g_assert_cmpuint (r->status, ==, status);
  if (status == 200)
    g_assert_cmpint (json_object_get_int_member (test_reply_object (r), "count"), ==, count);
  else
    g_assert_cmpint (json_object_get_int_member (test_reply_object (r), "code") / 100000, ==, 400);
}

static void
test_seed_orders_checks (SandboxFixture *f,
                         gconstpointer   data)
{
  g_autoptr (TestReply) list = NULL;
  g_autoptr (TestReply) account = NULL;

  seed (f, "{\"count\":\"10\"}", 400, 0);
  seed (f, "{\"count\":null}", 400, 0);
  seed (f, "{\"count\":1.5}", 400, 0);
  seed (f, "{\"count\":10,\"symbol\":5}", 400, 0);
  seed (f, "{\"count\":10,\"environment\":[]}", 400, 0);
  seed (f, "{}", 422, 0);
  seed (f, "{\"count\":0}", 422, 0);
  seed (f, "{\"count\":100001}", 422, 0);
  seed (f, "{\"count\":10,\"symbol\":\"NOPE\"}", 422, 0);
  seed (f, "{\"count\":10,\"environment\":\"demo\"}", 422, 0);
  seed (f, "[10]", 422, 0);

  /* nothing was added by any of those */
  list = test_request (f, "GET", "paper:/v2/orders?status=all&limit=500", f->token, NULL);
  g_assert_cmpuint (json_array_get_length (test_reply_array (list)), ==, 0);

  /* in-process, to the live account */
  g_assert_cmpuint (paddock_sandbox_seed_orders (f->sandbox, "live", 0, NULL), ==, 0);
  g_assert_cmpuint (paddock_sandbox_seed_orders (f->sandbox, "live", 120, "NOPE"), ==, 0);
  g_assert_cmpuint (paddock_sandbox_seed_orders (f->sandbox, "live", 120, NULL), ==, 120);
  {
    g_autofree char *live = paddock_sandbox_issue_token (f->sandbox, "", "live");
    g_autoptr (TestReply) r = test_request (f, "GET", "live:/v2/orders?status=closed&limit=500",
                                            live, NULL);
    g_autoptr (TestReply) paper = test_request (f, "GET", "paper:/v2/orders?status=all", f->token,
                                                NULL);
    JsonArray *orders = test_reply_array (r);
    gint64 now = g_get_real_time ();

    g_assert_cmpuint (json_array_get_length (orders), ==, 120);
    g_assert_cmpuint (json_array_get_length (test_reply_array (paper)), ==, 0);
    for (guint i = 0; i < 120; i++)
      {
        JsonObject *o = json_array_get_object_element (orders, i);
        gint64 submitted = time_of (str (o, "submitted_at"));

        g_assert_cmpint (submitted, <, now);
        g_assert_cmpstr (str (o, "filled_qty"), ==, "0");
        g_assert_null (str (o, "filled_at"));
        if (g_str_equal (str (o, "status"), "canceled"))
          g_assert_cmpint (time_of (str (o, "canceled_at")), >, submitted);
        else
          {
            g_assert_cmpstr (str (o, "status"), ==, "expired");
            g_assert_cmpint (time_of (str (o, "expired_at")), >, submitted);
            g_assert_cmpint (time_of (str (o, "expired_at")), <, now);
          }
      }
  }
  /* they changed no figure of the account */
  g_assert_cmpstr (str (get_object (f, "paper:/v2/account", &account), "cash"), ==, "100000.00");
}

static void
test_seed_orders_paging (SandboxFixture *f,
                         gconstpointer   data)
{
  g_autoptr (GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GHashTable) seen_by_time = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                               NULL);
  g_autoptr (GHashTable) times = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *until = format_time (g_get_real_time ());
  g_autofree char *cursor = NULL;
  gint64 page_until;
  guint shared = 0, pages = 0;

  seed (f, "{\"count\":10000,\"symbol\":\"AAPL\"}", 200, 10000);

  /* until fixed, then before_order_id: each order exactly once, newest first */
  for (;;)
    {
      g_autofree char *url = g_strdup_printf ("paper:/v2/orders?status=closed&limit=500"
                                              "&direction=desc&until=%s%s%s", until,
                                              cursor ? "&before_order_id=" : "",
                                              cursor ? cursor : "");
      g_autoptr (TestReply) r = test_request (f, "GET", url, f->token, NULL);
      JsonArray *page = test_reply_array (r);
      guint n = json_array_get_length (page);

      for (guint i = 0; i < n; i++)
        {
          JsonObject *o = json_array_get_object_element (page, i);

          g_assert_cmpstr (str (o, "symbol"), ==, "AAPL");
          g_assert_false (g_hash_table_contains (seen, str (o, "id")));
          g_hash_table_add (seen, g_strdup (str (o, "id")));
          if (g_hash_table_contains (times, str (o, "submitted_at")))
            shared++;
          else
            g_hash_table_add (times, g_strdup (str (o, "submitted_at")));
        }
      if (n == 0)
        break;
      pages++;
      g_assert_cmpuint (n, ==, 500);
      g_free (cursor);
      cursor = g_strdup (str (json_array_get_object_element (page, n - 1), "id"));
    }
  g_assert_cmpuint (g_hash_table_size (seen), ==, 10000);
  g_assert_cmpuint (pages, ==, 20);
  /* some orders share a submitted_at: what cursor paging by order id is for */
  g_assert_cmpuint (shared, >, 100);
  g_assert_cmpuint (g_hash_table_size (times), >, 5000);

  /* by time alone: until moves to the last one's submitted_at (+1 µs, skipping what was
   * seen, since orders share times); each order exactly once again */
  page_until = time_of (until);
  for (guint guard = 0; guard < 100; guard++)
    {
      g_autofree char *at = format_time (page_until);
      g_autofree char *url = g_strdup_printf ("paper:/v2/orders?status=closed&limit=500"
                                              "&direction=desc&until=%s", at);
      g_autoptr (TestReply) r = test_request (f, "GET", url, f->token, NULL);
      JsonArray *page = test_reply_array (r);
      guint n = json_array_get_length (page), fresh = 0;

      for (guint i = 0; i < n; i++)
        {
          JsonObject *o = json_array_get_object_element (page, i);

          g_assert_cmpint (time_of (str (o, "submitted_at")), <, page_until);
          if (i > 0)
            g_assert_cmpint (time_of (str (o, "submitted_at")), <=,
                             time_of (str (json_array_get_object_element (page, i - 1),
                                           "submitted_at")));
          if (!g_hash_table_contains (seen_by_time, str (o, "id")))
            {
              g_hash_table_add (seen_by_time, g_strdup (str (o, "id")));
              fresh++;
            }
        }
      if (fresh == 0)
        break;
      page_until = time_of (str (json_array_get_object_element (page, n - 1), "submitted_at")) + 1;
    }
  g_assert_cmpuint (g_hash_table_size (seen_by_time), ==, 10000);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD_DEMO(path, func) \
  g_test_add (path, SandboxFixture, NULL, demo_fixture_setup, func, sandbox_fixture_teardown)

  PADDOCK_TEST_ADD_SANDBOX ("/sandbox/activities/initial-deposit", test_initial_deposit);
  PADDOCK_TEST_ADD_SANDBOX ("/sandbox/activities/fill", test_fill_activity);
  PADDOCK_TEST_ADD_SANDBOX ("/sandbox/activities/partial-fills", test_partial_fill_activities);
  PADDOCK_TEST_ADD_SANDBOX ("/sandbox/activities/trade-update", test_fill_matches_trade_update);
  PADDOCK_TEST_ADD_SANDBOX ("/sandbox/activities/errors", test_activity_errors);
  ADD_DEMO ("/sandbox/activities/paging", test_activity_paging);
  ADD_DEMO ("/sandbox/activities/filters", test_activity_filters);
  ADD_DEMO ("/sandbox/history/adds-up", test_history_adds_up);
  ADD_DEMO ("/sandbox/history/order-paging", test_history_paging);
  ADD_DEMO ("/sandbox/history/portfolio", test_history_portfolio);
  g_test_add_func ("/sandbox/history/deterministic", test_history_deterministic);
  PADDOCK_TEST_ADD_SANDBOX ("/sandbox/seed-orders/checks", test_seed_orders_checks);
  PADDOCK_TEST_ADD_SANDBOX ("/sandbox/seed-orders/paging", test_seed_orders_paging);

  return g_test_run ();
}
