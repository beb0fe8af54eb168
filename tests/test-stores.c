/* test-stores.c: the order, position and activity stores against the sandbox
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Paging 10,000 orders and the demo history's activities to the end (each exactly once,
 * in the server's order), trade updates from the sandbox's real stream merged by id,
 * refreshes that update rows in place and keep them when the server fails.
 */
#include "config.h"

#include <string.h>

#include "paddock-activity-store.h"
#include "paddock-error.h"
#include "paddock-order-store.h"
#include "paddock-position-store.h"
#include "paddock-session.h"
#include "paddock-stream-message.h"
#include "paddock-test-utils.h"
#include "sandbox-fixture.h"
#include "stream-client.h"

/* ---- helpers ------------------------------------------------------------------------ */

typedef struct
{
  guint calls;
  guint removed;
  guint added;
} Changes;

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Changes    *changes)
{
  changes->calls++;
  changes->removed += removed;
  changes->added += added;
}

static void
count_cb (GObject    *object,
          GParamSpec *pspec,
          guint      *count)
{
  (*count)++;
}

static PaddockClient *
new_client (SandboxFixture *f)
{
  PaddockClient *client = paddock_client_new (paddock_sandbox_get_paper_url (f->sandbox),
                                              f->token);

  /* a fault must reach the store, not be retried away */
  paddock_client_set_retry_policy (client, 0, 10, 10);
  return client;
}

static const char *
str (JsonObject *o,
     const char *name)
{
  return json_object_get_string_member (o, name);
}

static TestReply *
submit (SandboxFixture *f,
        const char     *body)
{
  TestReply *reply = test_request (f, "POST", "paper:/v2/orders", f->token, body);

  g_assert_no_error (reply->error);
  if (reply->status != 200)
    g_test_message ("%.*s", (int) g_bytes_get_size (reply->body),
                    (const char *) g_bytes_get_data (reply->body, NULL));
  g_assert_cmpuint (reply->status, ==, 200);
  return reply;
}

static char *
submit_id (SandboxFixture *f,
           const char     *body)
{
  g_autoptr (TestReply) reply = submit (f, body);

  return g_strdup (str (test_reply_object (reply), "id"));
}

static void
set_price (SandboxFixture *f,
           const char     *symbol,
           const char     *price)
{
  g_assert_true (paddock_sandbox_set_price (f->sandbox, symbol, price));
}

typedef enum { CALL_REFRESH, CALL_MORE, CALL_ALL } Call;

static gboolean
order_call (PaddockOrderStore  *store,
            Call                call,
            GError            **error)
{
  g_auto (PaddockTestAsync) w = { NULL };

  switch (call)
    {
    case CALL_REFRESH:
      paddock_order_store_refresh_async (store, NULL, paddock_test_async_cb, &w);
      return paddock_order_store_refresh_finish (store, paddock_test_async_wait (&w), error);
    case CALL_MORE:
      paddock_order_store_load_more_async (store, NULL, paddock_test_async_cb, &w);
      return paddock_order_store_load_more_finish (store, paddock_test_async_wait (&w), error);
    case CALL_ALL:
    default:
      paddock_order_store_load_all_async (store, NULL, paddock_test_async_cb, &w);
      return paddock_order_store_load_all_finish (store, paddock_test_async_wait (&w), error);
    }
}

static void
order_call_ok (PaddockOrderStore *store,
               Call               call)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (order_call (store, call, &error));
  g_assert_no_error (error);
  g_assert_false (paddock_order_store_get_loading (store));
}

static gboolean
activity_call (PaddockActivityStore  *store,
               Call                   call,
               GError               **error)
{
  g_auto (PaddockTestAsync) w = { NULL };

  switch (call)
    {
    case CALL_REFRESH:
      paddock_activity_store_refresh_async (store, NULL, paddock_test_async_cb, &w);
      return paddock_activity_store_refresh_finish (store, paddock_test_async_wait (&w), error);
    case CALL_MORE:
      paddock_activity_store_load_more_async (store, NULL, paddock_test_async_cb, &w);
      return paddock_activity_store_load_more_finish (store, paddock_test_async_wait (&w),
                                                      error);
    case CALL_ALL:
    default:
      paddock_activity_store_load_all_async (store, NULL, paddock_test_async_cb, &w);
      return paddock_activity_store_load_all_finish (store, paddock_test_async_wait (&w), error);
    }
}

static gboolean
position_refresh (PaddockPositionStore  *store,
                  GError               **error)
{
  g_auto (PaddockTestAsync) w = { NULL };

  paddock_position_store_refresh_async (store, NULL, paddock_test_async_cb, &w);
  return paddock_position_store_refresh_finish (store, paddock_test_async_wait (&w), error);
}

/* The ids of the sandbox's own order list, newest first, paged by before_order_id */
static GPtrArray *
server_order_ids (SandboxFixture *f,
                  const char     *status)
{
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);

  for (;;)
    {
      g_autofree char *url = g_strdup_printf ("paper:/v2/orders?status=%s&limit=500"
                                              "&direction=desc&nested=true%s%s", status,
                                              ids->len ? "&before_order_id=" : "",
                                              ids->len ? (char *) ids->pdata[ids->len - 1] : "");
      g_autoptr (TestReply) r = test_request (f, "GET", url, f->token, NULL);
      JsonArray *page = test_reply_array (r);
      guint n = json_array_get_length (page);

      for (guint i = 0; i < n; i++)
        g_ptr_array_add (ids, g_strdup (str (json_array_get_object_element (page, i), "id")));
      if (n < 500)
        break;
    }
  return ids;
}

/* The store's rows are exactly these ids, in this order */
static void
assert_rows_are (GListModel *model,
                 GPtrArray  *ids,
                 const char *(*get_id) (gpointer))
{
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  g_assert_cmpuint (g_list_model_get_n_items (model), ==, ids->len);
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr (GObject) row = g_list_model_get_item (model, i);
      const char *id = get_id (row);

      g_assert_false (g_hash_table_contains (seen, id));
      g_hash_table_add (seen, (gpointer) id);
      g_assert_cmpstr (id, ==, ids->pdata[i]);
    }
}

static const char *
order_id (gpointer row)
{
  return paddock_order_get_id (row);
}

static const char *
activity_id (gpointer row)
{
  return paddock_activity_get_id (row);
}

/* ---- orders: paging ----------------------------------------------------------------- */

static void
test_orders_paging (SandboxFixture *f,
                    gconstpointer   data)
{
  g_autoptr (PaddockClient) client = new_client (f);
  g_autoptr (PaddockOrderStore) store = paddock_order_store_new (client);
  g_autoptr (GPtrArray) expected = NULL;
  Changes changes = { 0 };
  guint has_more_notified = 0, loading_notified = 0;

  g_assert_cmpuint (paddock_sandbox_seed_orders (f->sandbox, "paper", 10000, "AAPL"), ==, 10000);
  /* and a few of today's, with legs */
  set_price (f, "MSFT", "370.00");
  g_free (submit_id (f, "{\"symbol\":\"MSFT\",\"qty\":\"10\",\"side\":\"buy\",\"type\":\"limit\","
                        "\"limit_price\":\"370.50\",\"time_in_force\":\"gtc\","
                        "\"order_class\":\"bracket\",\"take_profit\":{\"limit_price\":\"395\"},"
                        "\"stop_loss\":{\"stop_price\":\"355\"}}"));
  expected = server_order_ids (f, "all");
  g_assert_cmpuint (expected->len, ==, 10001);

  g_signal_connect (store, "items-changed", G_CALLBACK (items_changed_cb), &changes);
  g_signal_connect (store, "notify::has-more", G_CALLBACK (count_cb), &has_more_notified);
  g_signal_connect (store, "notify::loading", G_CALLBACK (count_cb), &loading_notified);
  g_assert_true (paddock_order_store_get_has_more (store));

  /* one page, then exactly one more */
  order_call_ok (store, CALL_MORE);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 500);
  g_assert_cmpuint (changes.added, ==, 500);
  g_assert_cmpuint (changes.removed, ==, 0);
  g_assert_cmpuint (loading_notified, ==, 2);
  g_assert_nonnull (paddock_order_store_get_updated_at (store));
  order_call_ok (store, CALL_MORE);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 1000);
  g_assert_true (paddock_order_store_get_has_more (store));
  g_assert_cmpuint (has_more_notified, ==, 0);

  /* the rest: each order exactly once, newest first, as the server lists them */
  order_call_ok (store, CALL_ALL);
  assert_rows_are (G_LIST_MODEL (store), expected, order_id);
  g_assert_cmpuint (changes.added, ==, 10001);
  g_assert_false (paddock_order_store_get_has_more (store));
  g_assert_cmpuint (has_more_notified, ==, 1);

  /* the bracket's legs are under it, never rows of their own */
  {
    g_autoptr (PaddockOrder) first = g_list_model_get_item (G_LIST_MODEL (store), 0);
    GListModel *legs = paddock_order_get_legs (first);

    g_assert_cmpint (paddock_order_get_order_class (first), ==, PADDOCK_ORDER_CLASS_BRACKET);
    g_assert_cmpuint (g_list_model_get_n_items (legs), ==, 2);
    for (guint i = 0; i < 2; i++)
      {
        g_autoptr (PaddockOrder) leg = g_list_model_get_item (legs, i);

        g_assert_true (paddock_order_store_lookup (store, paddock_order_get_id (leg)) == leg);
      }
  }

  /* at the end, another page adds nothing; a refresh adds no duplicate */
  order_call_ok (store, CALL_MORE);
  order_call_ok (store, CALL_REFRESH);
  assert_rows_are (G_LIST_MODEL (store), expected, order_id);
  g_assert_cmpuint (changes.added, ==, 10001);

  /* the JSON of the rows is what the server sent */
  {
    g_autoptr (JsonNode) json = paddock_order_store_dup_json (store);

    g_assert_cmpuint (json_array_get_length (json_node_get_array (json)), ==, 10001);
    g_assert_cmpstr (str (json_array_get_object_element (json_node_get_array (json), 0), "id"),
                     ==, expected->pdata[0]);
  }
}

/* Paging from a filter: only the symbol's closed orders, still each exactly once */
static void
test_orders_filter (SandboxFixture *f,
                    gconstpointer   data)
{
  g_autoptr (PaddockClient) client = new_client (f);
  g_autoptr (PaddockOrderStore) store = paddock_order_store_new (client);
  g_autoptr (GPtrArray) expected = NULL;
  g_autofree char *open_id = NULL;

  g_assert_cmpuint (paddock_sandbox_seed_orders (f->sandbox, "paper", 1200, "AAPL"), ==, 1200);
  g_assert_cmpuint (paddock_sandbox_seed_orders (f->sandbox, "paper", 700, "MSFT"), ==, 700);
  set_price (f, "AAPL", "190.00");
  open_id = submit_id (f, "{\"symbol\":\"AAPL\",\"qty\":\"1\",\"side\":\"buy\",\"type\":\"limit\","
                          "\"limit_price\":\"150\",\"time_in_force\":\"gtc\"}");

  order_call_ok (store, CALL_MORE);
  paddock_order_store_set_filter (store, PADDOCK_ORDER_QUERY_CLOSED, "AAPL", NULL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 0);
  g_assert_true (paddock_order_store_get_has_more (store));
  order_call_ok (store, CALL_ALL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 1200);
  for (guint i = 0; i < 1200; i++)
    {
      g_autoptr (PaddockOrder) o = g_list_model_get_item (G_LIST_MODEL (store), i);

      g_assert_cmpstr (paddock_order_get_symbol (o), ==, "AAPL");
      g_assert_false (paddock_order_is_open (o));
    }

  paddock_order_store_set_filter (store, PADDOCK_ORDER_QUERY_OPEN, NULL, NULL);
  order_call_ok (store, CALL_REFRESH);
  expected = server_order_ids (f, "open");
  g_assert_cmpuint (expected->len, ==, 1);
  assert_rows_are (G_LIST_MODEL (store), expected, order_id);

  /* canceled: an open-orders view drops it on the next refresh */
  {
    g_autofree char *url = g_strdup_printf ("paper:/v2/orders/%s", open_id);
    g_autoptr (TestReply) cancel = test_request (f, "DELETE", url, f->token, NULL);

    g_assert_cmpuint (cancel->status, ==, 204);
  }
  order_call_ok (store, CALL_REFRESH);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 0);
}

/* ---- orders: a server that does not know before_order_id --------------------------- */

#define OLD_SERVER_ORDERS 1300

typedef struct
{
  GPtrArray *ids;        /* newest first */
  GArray *times;         /* gint64 unix seconds, same order */
  guint requests;
} OldServer;

/* GET /v2/orders as servers before cursor paging: limit, until (exclusive), desc; it
 * ignores before_order_id. 300 orders share one submitted_at. */
static void
old_server_cb (SoupServer        *server,
               SoupServerMessage *msg,
               const char        *path,
               GHashTable        *query,
               gpointer           user_data)
{
  OldServer *old = user_data;
  g_autoptr (GString) body = g_string_new ("[");
  const char *until_text = query ? g_hash_table_lookup (query, "until") : NULL;
  const char *limit_text = query ? g_hash_table_lookup (query, "limit") : NULL;
  gint64 until = G_MAXINT64;
  guint limit = limit_text ? (guint) g_ascii_strtoull (limit_text, NULL, 10) : 50;
  guint n = 0;

  old->requests++;
  g_assert_cmpstr (g_hash_table_lookup (query, "direction"), ==, "desc");
  if (until_text != NULL)
    {
      g_autoptr (GDateTime) t = g_date_time_new_from_iso8601 (until_text, NULL);

      g_assert_nonnull (t);
      until = g_date_time_to_unix (t) * G_USEC_PER_SEC + g_date_time_get_microsecond (t);
    }
  for (guint i = 0; i < old->ids->len && n < limit; i++)
    {
      gint64 at = g_array_index (old->times, gint64, i);
      g_autoptr (GDateTime) t = g_date_time_new_from_unix_utc (at);
      g_autofree char *text = g_date_time_format_iso8601 (t);

      if (at * G_USEC_PER_SEC >= until)
        continue;
      g_string_append_printf (body, "%s{\"id\":\"%s\",\"symbol\":\"AAPL\",\"side\":\"buy\","
                              "\"status\":\"filled\",\"qty\":\"1\",\"filled_qty\":\"1\","
                              "\"created_at\":\"%s\",\"submitted_at\":\"%s\",\"legs\":null}",
                              n > 0 ? "," : "", (char *) old->ids->pdata[i], text, text);
      n++;
    }
  g_string_append (body, "]");
  soup_server_message_set_status (msg, 200, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, body->str,
                                    body->len);
}

static void
test_orders_old_server (void)
{
  g_autoptr (SoupServer) server = soup_server_new (NULL, NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (GSList) uris = NULL;
  g_autoptr (PaddockClient) client = NULL;
  g_autoptr (PaddockOrderStore) store = NULL;
  g_autofree char *base = NULL;
  OldServer old = { g_ptr_array_new_with_free_func (g_free), g_array_new (FALSE, FALSE,
                                                                          sizeof (gint64)), 0 };
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  for (guint i = 0; i < OLD_SERVER_ORDERS; i++)
    {
      gint64 at = now - (i >= 400 && i < 700 ? 400 : i);

      g_ptr_array_add (old.ids, g_uuid_string_random ());
      g_array_append_val (old.times, at);
    }
  soup_server_add_handler (server, "/v2/orders", old_server_cb, &old, NULL);
  g_assert_true (soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  base = g_uri_to_string (uris->data);
  g_slist_free_full (g_steal_pointer (&uris), (GDestroyNotify) g_uri_unref);
  if (g_str_has_suffix (base, "/"))
    base[strlen (base) - 1] = '\0';

  client = paddock_client_new (base, "token-of-the-old-server");
  store = paddock_order_store_new (client);
  order_call_ok (store, CALL_ALL);
  /* every order once, in the server's order, ties included */
  assert_rows_are (G_LIST_MODEL (store), old.ids, order_id);
  g_assert_false (paddock_order_store_get_has_more (store));
  g_assert_cmpuint (old.requests, <, 10);

  soup_server_disconnect (server);
  g_ptr_array_unref (old.ids);
  g_array_unref (old.times);
}

/* ---- orders: refresh ---------------------------------------------------------------- */

static void
test_orders_refresh (SandboxFixture *f,
                     gconstpointer   data)
{
  g_autoptr (PaddockClient) client = new_client (f);
  g_autoptr (PaddockOrderStore) store = paddock_order_store_new (client);
  g_autoptr (GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GPtrArray) expected = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *late = NULL;
  guint error_notified = 0;

  set_price (f, "AAPL", "190.00");
  for (guint i = 0; i < 3; i++)
    g_free (submit_id (f, "{\"symbol\":\"AAPL\",\"qty\":\"1\",\"side\":\"buy\","
                          "\"type\":\"limit\",\"limit_price\":\"150\",\"time_in_force\":\"gtc\"}"));
  g_free (submit_id (f, "{\"symbol\":\"AAPL\",\"qty\":\"2\",\"side\":\"buy\","
                        "\"type\":\"market\",\"time_in_force\":\"day\"}"));

  order_call_ok (store, CALL_REFRESH);
  expected = server_order_ids (f, "all");
  assert_rows_are (G_LIST_MODEL (store), expected, order_id);
  g_assert_false (paddock_order_store_get_has_more (store));
  for (guint i = 0; i < 4; i++)
    g_ptr_array_add (rows, g_list_model_get_item (G_LIST_MODEL (store), i));

  /* again, and with one more: same objects, the new one on top, nothing twice */
  late = submit_id (f, "{\"symbol\":\"AAPL\",\"qty\":\"3\",\"side\":\"buy\","
                       "\"type\":\"limit\",\"limit_price\":\"120\",\"time_in_force\":\"gtc\"}");
  order_call_ok (store, CALL_REFRESH);
  order_call_ok (store, CALL_REFRESH);
  g_clear_pointer (&expected, g_ptr_array_unref);
  expected = server_order_ids (f, "all");
  assert_rows_are (G_LIST_MODEL (store), expected, order_id);
  g_assert_cmpstr (expected->pdata[0], ==, late);
  for (guint i = 0; i < 4; i++)
    {
      g_autoptr (GObject) row = g_list_model_get_item (G_LIST_MODEL (store), i + 1);

      g_assert_true (row == g_ptr_array_index (rows, i));
    }

  /* the server fails: the rows stay, the error says why until the next success */
  g_signal_connect (store, "notify::error", G_CALLBACK (count_cb), &error_notified);
  paddock_sandbox_add_fault (f->sandbox, "GET", "/paper/v2/orders",
                             PADDOCK_SANDBOX_FAULT_STATUS, 503, -1);
  g_assert_false (order_call (store, CALL_REFRESH, &error));
  g_assert_nonnull (error);
  g_assert_cmpuint (error_notified, ==, 1);
  g_assert_nonnull (paddock_order_store_get_error (store));
  g_assert_true (g_error_matches (paddock_order_store_get_error (store), error->domain,
                                  error->code));
  assert_rows_are (G_LIST_MODEL (store), expected, order_id);
  paddock_sandbox_clear_faults (f->sandbox);
  order_call_ok (store, CALL_REFRESH);
  g_assert_null (paddock_order_store_get_error (store));
  g_assert_cmpuint (error_notified, ==, 2);
  assert_rows_are (G_LIST_MODEL (store), expected, order_id);
}

/* ---- orders: trade updates ---------------------------------------------------------- */

/* The next trade update of the stream, parsed from the message's text as the app does */
static PaddockTradeUpdate *
next_update (StreamClient *c)
{
  g_autoptr (PaddockStreamMessage) message = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;

  stream_client_next (c, "trade_updates", SOUP_WEBSOCKET_DATA_BINARY);
  text = json_to_string (g_ptr_array_index (c->messages, c->next - 1), FALSE);
  message = paddock_stream_message_parse (text, strlen (text), &error);
  g_assert_no_error (error);
  g_assert_cmpint (paddock_stream_message_get_kind (message), ==,
                   PADDOCK_STREAM_MESSAGE_TRADE_UPDATES);
  return g_object_ref (paddock_stream_message_get_trade_update (message));
}

/* Applies events until @id's @event has been applied; returns that update */
static PaddockTradeUpdate *
apply_until (PaddockOrderStore *store,
             StreamClient      *c,
             const char        *id,
             const char        *event)
{
  for (;;)
    {
      g_autoptr (PaddockTradeUpdate) update = next_update (c);
      PaddockOrder *order = paddock_trade_update_get_order (update);

      paddock_order_store_apply_trade_update (store, update);
      if (g_strcmp0 (paddock_order_get_id (order), id) == 0 &&
          g_strcmp0 (paddock_trade_update_get_event_code (update), event) == 0)
        return g_steal_pointer (&update);
    }
}

typedef struct
{
  PaddockOrderStore *store;
  const char *id;
} Lookup;

static gboolean
found (gpointer data)
{
  Lookup *l = data;

  return paddock_order_store_lookup (l->store, l->id) != NULL;
}

static void
assert_top_level_only (PaddockOrderStore *store)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (store));
  g_autoptr (GHashTable) leg_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (PaddockOrder) o = g_list_model_get_item (G_LIST_MODEL (store), i);
      GListModel *legs = paddock_order_get_legs (o);

      for (guint j = 0; j < g_list_model_get_n_items (legs); j++)
        {
          g_autoptr (PaddockOrder) leg = g_list_model_get_item (legs, j);

          g_hash_table_add (leg_ids, g_strdup (paddock_order_get_id (leg)));
        }
    }
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (PaddockOrder) o = g_list_model_get_item (G_LIST_MODEL (store), i);

      g_assert_false (g_hash_table_contains (leg_ids, paddock_order_get_id (o)));
    }
}

static void
test_orders_trade_updates (SandboxFixture *f,
                           gconstpointer   data)
{
  g_autoptr (PaddockClient) client = new_client (f);
  g_autoptr (PaddockOrderStore) store = paddock_order_store_new (client);
  g_autoptr (PaddockOrderStore) other = paddock_order_store_new (client);
  g_autoptr (StreamClient) c = stream_client_connect (f, "paper");
  g_autoptr (PaddockOrder) market_row = NULL;
  g_autoptr (TestReply) replacement = NULL;
  g_autoptr (TestReply) bracket = NULL;
  g_autofree char *market = NULL;
  g_autofree char *limit = NULL;
  g_autofree char *patch_url = NULL;
  const char *replacement_id, *bracket_id, *take_profit_id, *stop_loss_id;
  Changes changes = { 0 };
  guint filled_qty_notified = 0;

  order_call_ok (store, CALL_REFRESH);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 0);
  g_signal_connect (store, "items-changed", G_CALLBACK (items_changed_cb), &changes);
  stream_client_authenticate (c, f->token);
  stream_client_listen (c, "[\"trade_updates\"]", "[\"trade_updates\"]");

  /* a market order: inserted once, then its fill updates the same row */
  set_price (f, "AAPL", "190.00");
  market = submit_id (f, "{\"symbol\":\"AAPL\",\"qty\":\"5\",\"side\":\"buy\",\"type\":\"market\","
                         "\"time_in_force\":\"day\"}");
  g_object_unref (apply_until (store, c, market, "new"));
  market_row = g_object_ref (paddock_order_store_lookup (store, market));
  g_assert_nonnull (market_row);
  g_assert_cmpuint (changes.added, ==, 1);
  g_signal_connect (market_row, "notify::filled-qty", G_CALLBACK (count_cb), &filled_qty_notified);
  g_object_unref (apply_until (store, c, market, "fill"));
  g_assert_true (paddock_order_store_lookup (store, market) == market_row);
  g_assert_cmpint (paddock_order_get_status (market_row), ==, PADDOCK_ORDER_STATUS_FILLED);
  g_assert_cmpstr (paddock_order_get_filled_qty (market_row), ==, "5");
  g_assert_cmpuint (filled_qty_notified, ==, 1);
  g_assert_cmpuint (changes.added, ==, 1);
  g_assert_cmpuint (changes.removed, ==, 0);

  /* a limit order replaced: the old one links to its replacement, which is inserted on top */
  limit = submit_id (f, "{\"symbol\":\"AAPL\",\"qty\":\"10\",\"side\":\"buy\",\"type\":\"limit\","
                        "\"limit_price\":\"150\",\"time_in_force\":\"gtc\"}");
  g_object_unref (apply_until (store, c, limit, "new"));
  patch_url = g_strdup_printf ("paper:/v2/orders/%s", limit);
  replacement = test_request (f, "PATCH", patch_url, f->token, "{\"limit_price\":\"151\"}");
  g_assert_cmpuint (replacement->status, ==, 200);
  replacement_id = str (test_reply_object (replacement), "id");
  {
    g_autoptr (PaddockTradeUpdate) replaced = apply_until (store, c, limit, "replaced");
    PaddockOrder *old = paddock_order_store_lookup (store, limit);
    Lookup l = { other, replacement_id };

    g_assert_cmpint (paddock_order_get_status (old), ==, PADDOCK_ORDER_STATUS_REPLACED);
    g_assert_cmpstr (paddock_order_get_replaced_by (old), ==, replacement_id);

    /* a store that sees only the "replaced" event: it inserts the unknown order and
     * fetches its replacement */
    paddock_order_store_apply_trade_update (other, replaced);
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (other)), >=, 1);
    g_assert_nonnull (paddock_order_store_lookup (other, limit));
    paddock_test_wait_until (found, &l, "the replacement to be fetched");
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (other)), ==, 2);
    {
      g_autoptr (PaddockOrder) top = g_list_model_get_item (G_LIST_MODEL (other), 0);

      g_assert_cmpstr (paddock_order_get_id (top), ==, replacement_id);
      g_assert_cmpstr (paddock_order_get_replaces (top), ==, limit);
    }
  }
  g_object_unref (apply_until (store, c, replacement_id, "new"));
  {
    g_autoptr (PaddockOrder) top = g_list_model_get_item (G_LIST_MODEL (store), 0);

    g_assert_cmpstr (paddock_order_get_id (top), ==, replacement_id);
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 3);
  }

  /* a bracket: its legs stay under it while they change */
  set_price (f, "MSFT", "370.00");
  bracket = submit (f, "{\"symbol\":\"MSFT\",\"qty\":\"10\",\"side\":\"buy\",\"type\":\"limit\","
                       "\"limit_price\":\"370.50\",\"time_in_force\":\"gtc\","
                       "\"order_class\":\"bracket\",\"take_profit\":{\"limit_price\":\"395\"},"
                       "\"stop_loss\":{\"stop_price\":\"355\"}}");
  bracket_id = str (test_reply_object (bracket), "id");
  take_profit_id = str (json_array_get_object_element (
                          json_object_get_array_member (test_reply_object (bracket), "legs"), 0),
                        "id");
  stop_loss_id = str (json_array_get_object_element (
                        json_object_get_array_member (test_reply_object (bracket), "legs"), 1),
                      "id");
  g_object_unref (apply_until (store, c, bracket_id, "fill"));
  set_price (f, "MSFT", "396.00");
  g_object_unref (apply_until (store, c, take_profit_id, "fill"));
  g_object_unref (apply_until (store, c, stop_loss_id, "canceled"));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 4);
  assert_top_level_only (store);
  {
    PaddockOrder *parent = paddock_order_store_lookup (store, bracket_id);
    GListModel *legs = paddock_order_get_legs (parent);
    g_autoptr (PaddockOrder) tp = g_list_model_get_item (legs, 0);
    g_autoptr (PaddockOrder) sl = g_list_model_get_item (legs, 1);
    g_autoptr (PaddockOrder) top = g_list_model_get_item (G_LIST_MODEL (store), 0);

    g_assert_true (top == parent);
    g_assert_cmpuint (g_list_model_get_n_items (legs), ==, 2);
    g_assert_cmpstr (paddock_order_get_id (tp), ==, take_profit_id);
    g_assert_true (paddock_order_store_lookup (store, take_profit_id) == tp);
    g_assert_cmpint (paddock_order_get_status (parent), ==, PADDOCK_ORDER_STATUS_FILLED);
    g_assert_cmpint (paddock_order_get_status (tp), ==, PADDOCK_ORDER_STATUS_FILLED);
    g_assert_cmpint (paddock_order_get_status (sl), ==, PADDOCK_ORDER_STATUS_CANCELED);
  }

  /* what the events made is what the server has */
  {
    g_autoptr (GPtrArray) expected = server_order_ids (f, "all");

    assert_rows_are (G_LIST_MODEL (store), expected, order_id);
    for (guint i = 0; i < expected->len; i++)
      {
        g_autofree char *url = g_strdup_printf ("paper:/v2/orders/%s?nested=true",
                                                (char *) expected->pdata[i]);
        g_autoptr (TestReply) r = test_request (f, "GET", url, f->token, NULL);
        g_autoptr (PaddockOrder) row = g_list_model_get_item (G_LIST_MODEL (store), i);

        g_assert_cmpstr (paddock_order_get_status_code (row), ==,
                         str (test_reply_object (r), "status"));
        g_assert_cmpstr (paddock_order_get_filled_qty (row), ==,
                         str (test_reply_object (r), "filled_qty"));
      }
  }

  /* a refresh after all that (the stream's resync) changes no row */
  changes = (Changes) { 0 };
  order_call_ok (store, CALL_REFRESH);
  g_assert_cmpuint (changes.calls, ==, 0);
}

/* ---- positions ---------------------------------------------------------------------- */

static void
test_positions (SandboxFixture *f,
                gconstpointer   data)
{
  g_autoptr (PaddockClient) client = new_client (f);
  g_autoptr (PaddockPositionStore) store = paddock_position_store_new (client);
  g_autoptr (GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GError) error = NULL;
  Changes changes = { 0 };
  guint price_notified = 0, qty_notified = 0, error_notified = 0, updated_notified = 0;
  PaddockPosition *msft;

  set_price (f, "MSFT", "370.00");
  set_price (f, "AAPL", "190.00");
  set_price (f, "SPY", "474.60");
  g_free (submit_id (f, "{\"symbol\":\"MSFT\",\"qty\":\"10\",\"side\":\"buy\","
                        "\"type\":\"market\",\"time_in_force\":\"day\"}"));
  g_free (submit_id (f, "{\"symbol\":\"AAPL\",\"qty\":\"5\",\"side\":\"buy\","
                        "\"type\":\"market\",\"time_in_force\":\"day\"}"));
  g_free (submit_id (f, "{\"symbol\":\"SPY\",\"qty\":\"2\",\"side\":\"sell\","
                        "\"type\":\"market\",\"time_in_force\":\"day\"}"));

  g_signal_connect (store, "items-changed", G_CALLBACK (items_changed_cb), &changes);
  g_signal_connect (store, "notify::updated-at", G_CALLBACK (count_cb), &updated_notified);
  g_signal_connect (store, "notify::error", G_CALLBACK (count_cb), &error_notified);
  g_assert_true (position_refresh (store, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 3);
  g_assert_cmpuint (changes.added, ==, 3);
  g_assert_cmpuint (updated_notified, ==, 1);
  for (guint i = 0; i < 3; i++)
    g_ptr_array_add (rows, g_list_model_get_item (G_LIST_MODEL (store), i));
  {
    g_autoptr (TestReply) r = test_request (f, "GET", "paper:/v2/positions", f->token, NULL);
    g_autoptr (JsonNode) mine = paddock_position_store_dup_json (store);

    g_assert_true (json_node_equal (mine, r->json));
  }

  /* the market moves: the same objects, only what changed notifies, no row comes or goes */
  msft = paddock_position_store_lookup (store, "MSFT");
  g_signal_connect (msft, "notify::current-price", G_CALLBACK (count_cb), &price_notified);
  g_signal_connect (msft, "notify::qty", G_CALLBACK (count_cb), &qty_notified);
  set_price (f, "MSFT", "375.00");
  changes = (Changes) { 0 };
  g_assert_true (position_refresh (store, &error));
  g_assert_cmpuint (changes.calls, ==, 0);
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr (GObject) row = g_list_model_get_item (G_LIST_MODEL (store), i);

      g_assert_true (row == g_ptr_array_index (rows, i));
    }
  g_assert_cmpuint (price_notified, ==, 1);
  g_assert_cmpuint (qty_notified, ==, 0);
  g_assert_cmpstr (paddock_position_get_current_price (msft), ==, "375");

  /* a failing refresh keeps the rows and sets the error; the next success clears it */
  paddock_sandbox_add_fault (f->sandbox, "GET", "/paper/v2/positions",
                             PADDOCK_SANDBOX_FAULT_STATUS, 503, -1);
  g_assert_false (position_refresh (store, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_nonnull (paddock_position_store_get_error (store));
  g_assert_cmpuint (error_notified, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 3);
  g_assert_cmpuint (changes.calls, ==, 0);
  paddock_sandbox_clear_faults (f->sandbox);

  /* a position closes, another opens: one row goes, one comes, the others stay */
  {
    g_autoptr (TestReply) close = test_request (f, "DELETE", "paper:/v2/positions/AAPL",
                                                f->token, NULL);

    g_assert_cmpuint (close->status, ==, 200);
  }
  set_price (f, "NVDA", "480.00");
  g_free (submit_id (f, "{\"symbol\":\"NVDA\",\"qty\":\"1\",\"side\":\"buy\","
                        "\"type\":\"market\",\"time_in_force\":\"day\"}"));
  g_assert_true (position_refresh (store, &error));
  g_assert_no_error (error);
  g_assert_null (paddock_position_store_get_error (store));
  g_assert_cmpuint (error_notified, ==, 2);
  g_assert_cmpuint (changes.removed, ==, 1);
  g_assert_cmpuint (changes.added, ==, 1);
  g_assert_null (paddock_position_store_lookup (store, "AAPL"));
  g_assert_true (paddock_position_store_lookup (store, "MSFT") == msft);
  g_assert_nonnull (paddock_position_store_lookup (store, "NVDA"));
  {
    g_autoptr (TestReply) r = test_request (f, "GET", "paper:/v2/positions", f->token, NULL);
    g_autoptr (JsonNode) mine = paddock_position_store_dup_json (store);

    g_assert_true (json_node_equal (mine, r->json));
  }
}

/* ---- activities --------------------------------------------------------------------- */

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

static GPtrArray *
server_activity_ids (SandboxFixture *f,
                     const char     *types)
{
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);

  for (;;)
    {
      g_autofree char *url = g_strdup_printf ("paper:/v2/account/activities?page_size=100%s%s%s%s",
                                              types ? "&activity_types=" : "", types ? types : "",
                                              ids->len ? "&page_token=" : "",
                                              ids->len ? (char *) ids->pdata[ids->len - 1] : "");
      g_autoptr (TestReply) r = test_request (f, "GET", url, f->token, NULL);
      JsonArray *page = test_reply_array (r);
      guint n = json_array_get_length (page);

      for (guint i = 0; i < n; i++)
        g_ptr_array_add (ids, g_strdup (str (json_array_get_object_element (page, i), "id")));
      if (n < 100)
        break;
    }
  return ids;
}

static void
test_activities (SandboxFixture *f,
                 gconstpointer   data)
{
  g_autoptr (PaddockClient) client = new_client (f);
  g_autoptr (PaddockActivityStore) store = paddock_activity_store_new (client);
  g_autoptr (GPtrArray) expected = server_activity_ids (f, NULL);
  g_autoptr (GPtrArray) fills = server_activity_ids (f, "FILL");
  g_autoptr (GError) error = NULL;
  const char *const fill_type[] = { "FILL", NULL };
  Changes changes = { 0 };

  g_assert_cmpuint (expected->len, >, 200);
  g_assert_cmpuint (fills->len, >, 0);
  g_assert_cmpuint (fills->len, <, expected->len);
  g_signal_connect (store, "items-changed", G_CALLBACK (items_changed_cb), &changes);

  g_assert_true (activity_call (store, CALL_MORE, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 100);
  g_assert_true (paddock_activity_store_get_has_more (store));
  g_assert_true (activity_call (store, CALL_MORE, &error));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 200);

  g_assert_true (activity_call (store, CALL_ALL, &error));
  g_assert_no_error (error);
  assert_rows_are (G_LIST_MODEL (store), expected, activity_id);
  g_assert_false (paddock_activity_store_get_has_more (store));
  g_assert_cmpuint (changes.added, ==, expected->len);

  /* nothing new: a refresh changes nothing; more pages add nothing */
  changes = (Changes) { 0 };
  g_assert_true (activity_call (store, CALL_REFRESH, &error));
  g_assert_true (activity_call (store, CALL_MORE, &error));
  g_assert_cmpuint (changes.calls, ==, 0);
  assert_rows_are (G_LIST_MODEL (store), expected, activity_id);

  /* a new fill goes on top with a refresh */
  set_price (f, "AAPL", "190.00");
  g_free (submit_id (f, "{\"symbol\":\"AAPL\",\"qty\":\"1\",\"side\":\"buy\","
                        "\"type\":\"market\",\"time_in_force\":\"day\"}"));
  g_assert_true (activity_call (store, CALL_REFRESH, &error));
  g_assert_no_error (error);
  {
    g_autoptr (GPtrArray) now = server_activity_ids (f, NULL);

    g_assert_cmpuint (now->len, ==, expected->len + 1);
    assert_rows_are (G_LIST_MODEL (store), now, activity_id);
  }
  g_clear_pointer (&fills, g_ptr_array_unref);
  fills = server_activity_ids (f, "FILL");

  /* only fills */
  paddock_activity_store_set_types (store, fill_type);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 0);
  g_assert_true (activity_call (store, CALL_ALL, &error));
  g_assert_no_error (error);
  assert_rows_are (G_LIST_MODEL (store), fills, activity_id);
  for (guint i = 0; i < fills->len; i++)
    {
      g_autoptr (PaddockActivity) a = g_list_model_get_item (G_LIST_MODEL (store), i);

      g_assert_cmpstr (paddock_activity_get_activity_type (a), ==, "FILL");
    }

  /* a failure keeps the rows and sets the error until the next success */
  paddock_sandbox_add_fault (f->sandbox, "GET", "/paper/v2/account/activities",
                             PADDOCK_SANDBOX_FAULT_STATUS, 503, 1);
  g_assert_false (activity_call (store, CALL_REFRESH, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_nonnull (paddock_activity_store_get_error (store));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, fills->len);
  g_assert_true (activity_call (store, CALL_REFRESH, &error));
  g_assert_null (paddock_activity_store_get_error (store));
}

/* ---- the session owns them -------------------------------------------------------- */

typedef struct
{
  PaddockSession *session;
} SessionWait;

static gboolean
stores_loaded (gpointer data)
{
  SessionWait *w = data;
  PaddockOrderStore *orders = paddock_session_get_order_store (w->session);
  PaddockPositionStore *positions = paddock_session_get_position_store (w->session);
  PaddockActivityStore *activities = paddock_session_get_activity_store (w->session);

  return paddock_order_store_get_updated_at (orders) != NULL &&
         !paddock_order_store_get_loading (orders) &&
         paddock_position_store_get_updated_at (positions) != NULL &&
         !paddock_position_store_get_loading (positions) &&
         paddock_activity_store_get_updated_at (activities) != NULL &&
         !paddock_activity_store_get_loading (activities);
}

static gboolean
all_gone (gpointer data)
{
  gpointer *weak = data;

  return weak[0] == NULL && weak[1] == NULL && weak[2] == NULL;
}

static void
test_session (SandboxFixture *f,
              gconstpointer   data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PaddockEndpoints) endpoints = NULL;
  g_autoptr (PaddockCredentials) credentials = NULL;
  g_auto (PaddockTestAsync) w = { NULL };
  PaddockSession *session;
  SessionWait wait;
  gpointer weak[3];
  g_autofree char *id = NULL;

  endpoints = paddock_endpoints_new_for_sandbox (paddock_sandbox_get_authorize_url (f->sandbox),
                                                 paddock_sandbox_get_live_url (f->sandbox),
                                                 paddock_sandbox_get_paper_url (f->sandbox),
                                                 paddock_sandbox_get_data_url (f->sandbox),
                                                 paddock_sandbox_get_polygon_url (f->sandbox),
                                                 &error);
  g_assert_no_error (error);
  credentials = paddock_credentials_new (PADDOCK_ENVIRONMENT_DEMO, "acct", "PA1", f->token,
                                         "bearer", "account:write trading data", NULL);
  session = paddock_session_new (endpoints, credentials);
  wait.session = session;

  set_price (f, "AAPL", "190.00");
  id = submit_id (f, "{\"symbol\":\"AAPL\",\"qty\":\"5\",\"side\":\"buy\","
                     "\"type\":\"market\",\"time_in_force\":\"day\"}");

  /* one store of each, empty until the session's refresh fills them */
  g_assert_nonnull (paddock_session_get_order_store (session));
  g_assert_true (paddock_session_get_order_store (session) ==
                 paddock_session_get_order_store (session));
  g_assert_cmpuint (g_list_model_get_n_items (
                      G_LIST_MODEL (paddock_session_get_order_store (session))), ==, 0);

  paddock_session_refresh_async (session, NULL, paddock_test_async_cb, &w);
  g_assert_true (paddock_session_refresh_finish (session, paddock_test_async_wait (&w), &error));
  g_assert_no_error (error);
  paddock_test_async_clear (&w);   /* the result holds the session */
  paddock_test_wait_until (stores_loaded, &wait, "the session's stores to be refreshed");
  g_assert_nonnull (paddock_order_store_lookup (paddock_session_get_order_store (session), id));
  g_assert_cmpuint (g_list_model_get_n_items (
                      G_LIST_MODEL (paddock_session_get_order_store (session))), ==, 1);
  g_assert_nonnull (paddock_position_store_lookup (paddock_session_get_position_store (session),
                                                   "AAPL"));
  g_assert_cmpuint (g_list_model_get_n_items (
                      G_LIST_MODEL (paddock_session_get_activity_store (session))), >=, 1);

  /* they go with the session */
  weak[0] = paddock_session_get_order_store (session);
  weak[1] = paddock_session_get_position_store (session);
  weak[2] = paddock_session_get_activity_store (session);
  for (guint i = 0; i < 3; i++)
    g_object_add_weak_pointer (weak[i], &weak[i]);
  g_assert_finalize_object (session);
  paddock_test_wait_until (all_gone, weak, "the stores to go with their session");
}

/* The order as the server sends it, with another status and updated_at, as a trade update */
static PaddockTradeUpdate *
update_with (JsonObject *order,
             const char *status,
             GDateTime  *updated_at)
{
  g_autoptr (JsonNode) wrap = json_node_init_object (json_node_alloc (), order);
  g_autoptr (JsonNode) copy = json_node_copy (wrap);
  g_autoptr (JsonNode) data = json_node_new (JSON_NODE_OBJECT);
  g_autoptr (JsonObject) obj = json_object_new ();
  g_autofree char *stamp = g_date_time_format_iso8601 (updated_at);
  g_autoptr (GError) error = NULL;
  PaddockTradeUpdate *update;

  json_object_set_string_member (json_node_get_object (copy), "status", status);
  json_object_set_string_member (json_node_get_object (copy), "updated_at", stamp);
  json_object_set_string_member (obj, "event", status);
  json_object_set_member (obj, "order", g_steal_pointer (&copy));
  json_node_set_object (data, obj);
  update = paddock_trade_update_new_from_json (data, &error);
  g_assert_no_error (error);
  return update;
}

/* A trade update may overtake the reply of a refresh sent before it: the older copy (by
 * updated_at) does not replace the newer one, from a refresh or an update */
static void
test_orders_keep_newer (SandboxFixture *f,
                        gconstpointer   data)
{
  g_autoptr (PaddockClient) client = new_client (f);
  g_autoptr (PaddockOrderStore) store = paddock_order_store_new (client);
  g_autofree char *id = submit_id (f, "{\"symbol\":\"AAPL\",\"qty\":\"1\",\"side\":\"buy\","
                                      "\"type\":\"limit\",\"limit_price\":\"1.00\","
                                      "\"time_in_force\":\"gtc\"}");
  g_autofree char *url = g_strdup_printf ("paper:/v2/orders/%s", id);
  g_autoptr (TestReply) reply = test_request (f, "GET", url, f->token, NULL);
  g_autoptr (GDateTime) sent = NULL;
  g_autoptr (GDateTime) later = NULL;
  g_autoptr (GDateTime) earlier = NULL;
  g_autoptr (PaddockTradeUpdate) canceled = NULL;
  g_autoptr (PaddockTradeUpdate) stale = NULL;
  PaddockOrder *row;

  g_assert_cmpuint (reply->status, ==, 200);
  sent = g_date_time_new_from_iso8601 (str (test_reply_object (reply), "updated_at"), NULL);
  g_assert_nonnull (sent);
  later = g_date_time_add_seconds (sent, 60);
  earlier = g_date_time_add_seconds (sent, -60);

  order_call_ok (store, CALL_REFRESH);
  row = paddock_order_store_lookup (store, id);
  g_assert_nonnull (row);
  g_assert_cmpstr (paddock_order_get_status_code (row), ==, "new");

  /* newer than the server's copy: taken; the refresh's older copy is not */
  canceled = update_with (test_reply_object (reply), "canceled", later);
  paddock_order_store_apply_trade_update (store, canceled);
  g_assert_cmpstr (paddock_order_get_status_code (row), ==, "canceled");
  order_call_ok (store, CALL_REFRESH);
  g_assert_true (paddock_order_store_lookup (store, id) == row);
  g_assert_cmpstr (paddock_order_get_status_code (row), ==, "canceled");

  /* an update older than what is shown is not taken either */
  stale = update_with (test_reply_object (reply), "filled", earlier);
  paddock_order_store_apply_trade_update (store, stale);
  g_assert_cmpstr (paddock_order_get_status_code (row), ==, "canceled");
}

/* A store told not to keep the server's JSON drops it from every row, old and new, and
 * still pages and merges as before */
static void
test_orders_without_json (SandboxFixture *f,
                          gconstpointer   data)
{
  g_autoptr (PaddockClient) client = new_client (f);
  g_autoptr (PaddockOrderStore) store = paddock_order_store_new (client);
  g_autoptr (TestReply) reply = NULL;
  g_autoptr (PaddockTradeUpdate) update = NULL;
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr (GDateTime) later = NULL;
  JsonObject *newest;

  g_assert_cmpuint (paddock_sandbox_seed_orders (f->sandbox, "paper", 700, "AAPL"), ==, 700);
  order_call_ok (store, CALL_MORE);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 500);
  {
    g_autoptr (JsonNode) json = paddock_order_store_dup_json (store);

    g_assert_true (JSON_NODE_HOLDS_OBJECT (json_array_get_element (json_node_get_array (json), 0)));
  }

  paddock_order_store_set_keep_json (store, FALSE);
  order_call_ok (store, CALL_MORE);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 700);

  /* an update still merges by id, in place */
  reply = test_request (f, "GET", "paper:/v2/orders?status=all&direction=desc&limit=1", f->token,
                        NULL);
  newest = json_array_get_object_element (test_reply_array (reply), 0);
  later = g_date_time_add_seconds (now, 60);
  update = update_with (newest, "filled", later);
  paddock_order_store_apply_trade_update (store, update);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 700);
  g_assert_cmpstr (paddock_order_get_status_code (paddock_order_store_lookup (store,
                     str (newest, "id"))), ==, "filled");
  {
    g_autoptr (JsonNode) json = paddock_order_store_dup_json (store);
    JsonArray *array = json_node_get_array (json);

    g_assert_cmpuint (json_array_get_length (array), ==, 700);
    for (guint i = 0; i < json_array_get_length (array); i++)
      g_assert_true (JSON_NODE_HOLDS_NULL (json_array_get_element (array, i)));
  }
}

/* Loading all, every page is announced as it lands: between two turns of the main loop the
 * store never holds rows it has not announced */
static void
test_orders_pages_announced (SandboxFixture *f,
                             gconstpointer   data)
{
  g_autoptr (PaddockClient) client = new_client (f);
  g_autoptr (PaddockOrderStore) store = paddock_order_store_new (client);
  g_autoptr (GError) error = NULL;
  g_auto (PaddockTestAsync) w = { NULL };
  Changes changes = { 0 };
  guint checks = 0;

  g_assert_cmpuint (paddock_sandbox_seed_orders (f->sandbox, "paper", 1200, "AAPL"), ==, 1200);
  g_signal_connect (store, "items-changed", G_CALLBACK (items_changed_cb), &changes);

  paddock_order_store_load_all_async (store, NULL, paddock_test_async_cb, &w);
  while (w.result == NULL)
    {
      g_main_context_iteration (NULL, TRUE);
      g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==,
                        changes.added - changes.removed);
      checks++;
    }
  g_assert_true (paddock_order_store_load_all_finish (store, w.result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 1200);
  /* three pages, three announcements */
  g_assert_cmpuint (changes.calls, ==, 3);
  g_assert_cmpuint (changes.added, ==, 1200);
  g_assert_cmpuint (checks, >, 0);
}

/* A refresh asked for while one is on its way gets a fetch of its own, made after it asked:
 * here the first fetch fails, the one more succeeds */
static void
test_positions_refresh_again (SandboxFixture *f,
                              gconstpointer   data)
{
  g_autoptr (PaddockClient) client = new_client (f);
  g_autoptr (PaddockPositionStore) store = paddock_position_store_new (client);
  g_auto (PaddockTestAsync) first = { 0 };
  g_auto (PaddockTestAsync) second = { 0 };
  g_autoptr (GError) error = NULL;

  g_free (submit_id (f, "{\"symbol\":\"MSFT\",\"qty\":\"10\",\"side\":\"buy\","
                        "\"type\":\"market\",\"time_in_force\":\"day\"}"));
  paddock_sandbox_add_fault (f->sandbox, "GET", "/paper/v2/positions",
                             PADDOCK_SANDBOX_FAULT_STATUS, 503, 1);
  paddock_position_store_refresh_async (store, NULL, paddock_test_async_cb, &first);
  paddock_position_store_refresh_async (store, NULL, paddock_test_async_cb, &second);

  g_assert_false (paddock_position_store_refresh_finish (store,
                                                         paddock_test_async_wait (&first),
                                                         &error));
  g_assert_error (error, PADDOCK_ERROR, PADDOCK_ERROR_NETWORK);
  g_clear_error (&error);
  g_assert_true (paddock_position_store_get_loading (store));
  g_assert_true (paddock_position_store_refresh_finish (store,
                                                        paddock_test_async_wait (&second),
                                                        &error));
  g_assert_no_error (error);
  g_assert_null (paddock_position_store_get_error (store));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 1);
  /* exactly one more, not a loop */
  g_assert_false (paddock_position_store_get_loading (store));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  PADDOCK_TEST_ADD_FIXTURE ("/stores/orders/paging", SandboxFixture, sandbox_fixture,
                            test_orders_paging);
  PADDOCK_TEST_ADD_FIXTURE ("/stores/orders/filter", SandboxFixture, sandbox_fixture,
                            test_orders_filter);
  g_test_add_func ("/stores/orders/old-server", test_orders_old_server);
  PADDOCK_TEST_ADD_FIXTURE ("/stores/orders/refresh", SandboxFixture, sandbox_fixture,
                            test_orders_refresh);
  PADDOCK_TEST_ADD_FIXTURE ("/stores/orders/trade-updates", SandboxFixture, sandbox_fixture,
                            test_orders_trade_updates);
  PADDOCK_TEST_ADD_FIXTURE ("/stores/positions", SandboxFixture, sandbox_fixture,
                            test_positions);
  PADDOCK_TEST_ADD_FIXTURE ("/stores/orders/pages-announced", SandboxFixture, sandbox_fixture,
                            test_orders_pages_announced);
  PADDOCK_TEST_ADD_FIXTURE ("/stores/orders/without-json", SandboxFixture, sandbox_fixture,
                            test_orders_without_json);
  PADDOCK_TEST_ADD_FIXTURE ("/stores/orders/keep-newer", SandboxFixture, sandbox_fixture,
                            test_orders_keep_newer);
  PADDOCK_TEST_ADD_FIXTURE ("/stores/positions/refresh-again", SandboxFixture, sandbox_fixture,
                            test_positions_refresh_again);
  PADDOCK_TEST_ADD_FIXTURE ("/stores/session", SandboxFixture, sandbox_fixture, test_session);
  g_test_add ("/stores/activities", SandboxFixture, NULL, demo_fixture_setup, test_activities,
              sandbox_fixture_teardown);

  return g_test_run ();
}
