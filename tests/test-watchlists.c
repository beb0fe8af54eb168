/* test-watchlists.c: watchlists and their latest prices against the sandbox
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "paddock-error.h"
#include "paddock-format.h"
#include "paddock-session.h"
#include "paddock-test-session.h"
#include "paddock-watchlist-quotes.h"
#include "paddock-watchlist.h"
#include "sandbox-fixture.h"

#define SNAPSHOTS_PATH "/data/v2/stocks/snapshots"

typedef struct
{
  SandboxFixture sf;
  PaddockEndpoints *endpoints;
  PaddockSession *session;
  PaddockClient *no_write;    /* a paper client whose token lacks account:write */
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *token = NULL;

  sandbox_fixture_setup (&f->sf, data);
  paddock_sandbox_set_tick_interval (f->sf.sandbox, 0);  /* prices stay put */
  f->endpoints = paddock_test_sandbox_endpoints (f->sf.sandbox);
  f->session = paddock_test_session_new (f->endpoints, PADDOCK_ENVIRONMENT_DEMO, f->sf.token,
                                         "account:write trading data");

  token = paddock_sandbox_issue_token (f->sf.sandbox, "trading data", "paper");
  f->no_write = paddock_client_new (paddock_sandbox_get_paper_url (f->sf.sandbox), token);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->no_write);
  g_clear_object (&f->session);
  g_clear_object (&f->endpoints);
  sandbox_fixture_teardown (&f->sf, data);
}

#define ADD(path, func) PADDOCK_TEST_ADD_FIXTURE (path, Fixture, fixture, func)

#define SYMBOLS(...) ((const char * const[]) { __VA_ARGS__, NULL })
#define NO_SYMBOLS ((const char * const[]) { NULL })

/* ---- blocking wrappers -------------------------------------------------------------- */

static GPtrArray *
list_all (PaddockClient  *client,
          GError        **error)
{
  g_auto (PaddockTestAsync) w = { 0 };

  paddock_watchlists_list_async (client, NULL, paddock_test_async_cb, &w);
  return paddock_watchlists_list_finish (client, paddock_test_async_wait (&w), error);
}

static PaddockWatchlist *
get (PaddockClient  *client,
     const char     *id,
     GError        **error)
{
  g_auto (PaddockTestAsync) w = { 0 };

  paddock_watchlist_get_async (client, id, NULL, paddock_test_async_cb, &w);
  return paddock_watchlist_get_finish (client, paddock_test_async_wait (&w), error);
}

static PaddockWatchlist *
create (PaddockClient      *client,
        const char         *name,
        const char * const *symbols,
        GError            **error)
{
  g_auto (PaddockTestAsync) w = { 0 };

  paddock_watchlist_create_async (client, name, symbols, NULL, paddock_test_async_cb, &w);
  return paddock_watchlist_create_finish (client, paddock_test_async_wait (&w), error);
}

static PaddockWatchlist *
rename_list (PaddockClient  *client,
             const char     *id,
             const char     *name,
             GError        **error)
{
  g_auto (PaddockTestAsync) w = { 0 };

  paddock_watchlist_rename_async (client, id, name, NULL, paddock_test_async_cb, &w);
  return paddock_watchlist_rename_finish (client, paddock_test_async_wait (&w), error);
}

static PaddockWatchlist *
reorder (PaddockClient      *client,
         const char         *id,
         const char * const *symbols,
         GError            **error)
{
  g_auto (PaddockTestAsync) w = { 0 };

  paddock_watchlist_reorder_async (client, id, symbols, NULL, paddock_test_async_cb, &w);
  return paddock_watchlist_reorder_finish (client, paddock_test_async_wait (&w), error);
}

static PaddockWatchlist *
add_symbol (PaddockClient  *client,
            const char     *id,
            const char     *symbol,
            GError        **error)
{
  g_auto (PaddockTestAsync) w = { 0 };

  paddock_watchlist_add_symbol_async (client, id, symbol, NULL, paddock_test_async_cb, &w);
  return paddock_watchlist_add_symbol_finish (client, paddock_test_async_wait (&w), error);
}

static PaddockWatchlist *
remove_symbol (PaddockClient  *client,
               const char     *id,
               const char     *symbol,
               GError        **error)
{
  g_auto (PaddockTestAsync) w = { 0 };

  paddock_watchlist_remove_symbol_async (client, id, symbol, NULL, paddock_test_async_cb, &w);
  return paddock_watchlist_remove_symbol_finish (client, paddock_test_async_wait (&w), error);
}

static gboolean
delete_list (PaddockClient  *client,
             const char     *id,
             GError        **error)
{
  g_auto (PaddockTestAsync) w = { 0 };

  paddock_watchlist_delete_async (client, id, NULL, paddock_test_async_cb, &w);
  return paddock_watchlist_delete_finish (client, paddock_test_async_wait (&w), error);
}

/* Asserts the watchlist's assets are these symbols, in this order */
static void
assert_symbols (PaddockWatchlist   *wl,
                const char * const *expected)
{
  g_auto (GStrv) symbols = paddock_watchlist_dup_symbols (wl);
  GListModel *assets = paddock_watchlist_get_assets (wl);

  g_assert_true (paddock_watchlist_get_has_assets (wl));
  g_assert_cmpstrv (symbols, expected);
  g_assert_cmpuint (g_list_model_get_n_items (assets), ==, g_strv_length ((char **) expected));
  for (guint i = 0; expected[i] != NULL; i++)
    {
      g_autoptr (PaddockAsset) asset = g_list_model_get_item (assets, i);

      g_assert_true (PADDOCK_IS_ASSET (asset));
      g_assert_cmpstr (paddock_asset_get_symbol (asset), ==, expected[i]);
      g_assert_nonnull (paddock_asset_get_id (asset));
      g_assert_nonnull (paddock_asset_get_name (asset));
    }
}

/* ---- the calls ---------------------------------------------------------------------- */

static void
test_lifecycle (Fixture       *f,
                gconstpointer  data)
{
  PaddockClient *client = paddock_session_get_client (f->session);
  g_autoptr (GError) error = NULL;
  g_autoptr (PaddockWatchlist) created = NULL;
  g_autoptr (PaddockWatchlist) got = NULL;
  g_autoptr (PaddockWatchlist) added = NULL;
  g_autoptr (PaddockWatchlist) removed = NULL;
  g_autoptr (PaddockWatchlist) renamed = NULL;
  g_autoptr (PaddockWatchlist) reordered = NULL;
  g_autoptr (PaddockWatchlist) after_refusal = NULL;
  g_autoptr (PaddockWatchlist) gone = NULL;
  g_autoptr (GPtrArray) list = NULL;
  g_autoptr (GPtrArray) empty = NULL;
  g_autofree char *id = NULL;

  created = create (client, "Tech", SYMBOLS ("AAPL", "MSFT"), &error);
  g_assert_no_error (error);
  id = g_strdup (paddock_watchlist_get_id (created));
  g_assert_nonnull (id);
  g_assert_cmpstr (paddock_watchlist_get_name (created), ==, "Tech");
  g_assert_nonnull (paddock_watchlist_get_account_id (created));
  g_assert_nonnull (paddock_watchlist_get_created_at (created));
  g_assert_nonnull (paddock_watchlist_get_updated_at (created));
  assert_symbols (created, SYMBOLS ("AAPL", "MSFT"));

  /* the list names it, without its assets (as Alpaca's does) */
  list = list_all (client, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpstr (paddock_watchlist_get_id (g_ptr_array_index (list, 0)), ==, id);
  g_assert_cmpstr (paddock_watchlist_get_name (g_ptr_array_index (list, 0)), ==, "Tech");
  g_assert_false (paddock_watchlist_get_has_assets (g_ptr_array_index (list, 0)));

  got = get (client, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (paddock_watchlist_get_account_id (got), ==,
                   paddock_watchlist_get_account_id (created));
  assert_symbols (got, SYMBOLS ("AAPL", "MSFT"));

  added = add_symbol (client, id, "TSLA", &error);
  g_assert_no_error (error);
  assert_symbols (added, SYMBOLS ("AAPL", "MSFT", "TSLA"));

  removed = remove_symbol (client, id, "MSFT", &error);
  g_assert_no_error (error);
  assert_symbols (removed, SYMBOLS ("AAPL", "TSLA"));

  /* a rename keeps the symbols (PUT replaces both: they are sent back) */
  renamed = rename_list (client, id, "Cars and phones", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (paddock_watchlist_get_id (renamed), ==, id);
  g_assert_cmpstr (paddock_watchlist_get_name (renamed), ==, "Cars and phones");
  assert_symbols (renamed, SYMBOLS ("AAPL", "TSLA"));

  /* a reorder keeps the name */
  reordered = reorder (client, id, SYMBOLS ("TSLA", "AAPL"), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (paddock_watchlist_get_name (reordered), ==, "Cars and phones");
  assert_symbols (reordered, SYMBOLS ("TSLA", "AAPL"));

  /* a "reorder" that would drop, add or double a symbol changes nothing */
  {
    const char * const *wrong[] = {
      SYMBOLS ("TSLA"),
      SYMBOLS ("TSLA", "AAPL", "NVDA"),
      SYMBOLS ("TSLA", "TSLA"),
      SYMBOLS ("TSLA", "NVDA"),
      NO_SYMBOLS,
    };

    for (guint i = 0; i < G_N_ELEMENTS (wrong); i++)
      {
        g_autoptr (GError) refused = NULL;
        g_autoptr (PaddockWatchlist) none = reorder (client, id, wrong[i], &refused);

        g_assert_null (none);
        g_assert_error (refused, PADDOCK_ERROR, PADDOCK_ERROR_INVALID_INPUT);
      }
  }
  after_refusal = get (client, id, &error);
  g_assert_no_error (error);
  assert_symbols (after_refusal, SYMBOLS ("TSLA", "AAPL"));

  g_assert_true (delete_list (client, id, &error));
  g_assert_no_error (error);
  gone = get (client, id, &error);
  g_assert_null (gone);
  g_assert_error (error, PADDOCK_ERROR, PADDOCK_ERROR_NOT_FOUND);
  g_clear_error (&error);
  empty = list_all (client, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (empty->len, ==, 0);
}

static void
test_errors (Fixture       *f,
             gconstpointer  data)
{
  PaddockClient *client = paddock_session_get_client (f->session);
  g_autoptr (GError) error = NULL;
  g_autoptr (PaddockWatchlist) taken = create (client, "Taken", SYMBOLS ("AAPL"), &error);
  const char *id;
  g_autofree char *too_long = g_strnfill (PADDOCK_WATCHLIST_NAME_MAX + 1, 'x');
  g_autofree char *longest = g_strnfill (PADDOCK_WATCHLIST_NAME_MAX, 'y');
  guint paper_before;

  g_assert_no_error (error);
  id = paddock_watchlist_get_id (taken);

  /* refused before anything is sent */
  paper_before = paddock_sandbox_count_requests (f->sf.sandbox, NULL, "/paper/");
  {
    struct { const char *name; const char * const *symbols; } bad[] = {
      { "", NO_SYMBOLS },
      { "   ", NO_SYMBOLS },
      { NULL, NO_SYMBOLS },
      { too_long, NO_SYMBOLS },
      { "Fine", SYMBOLS ("AA PL") },
      { "Fine", SYMBOLS ("A/B") },
      { "Fine", SYMBOLS ("") },
    };

    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        g_autoptr (GError) refused = NULL;
        g_autoptr (PaddockWatchlist) none = create (client, bad[i].name, bad[i].symbols, &refused);

        g_assert_null (none);
        g_assert_error (refused, PADDOCK_ERROR, PADDOCK_ERROR_INVALID_INPUT);
      }
  }
  {
    const char *bad_ids[] = { "", "a/b", "a b", "a\nb" };

    for (guint i = 0; i < G_N_ELEMENTS (bad_ids); i++)
      {
        g_autoptr (GError) refused = NULL;
        g_autoptr (PaddockWatchlist) none = get (client, bad_ids[i], &refused);

        g_assert_null (none);
        g_assert_error (refused, PADDOCK_ERROR, PADDOCK_ERROR_INVALID_INPUT);
        g_clear_error (&refused);
        g_assert_false (delete_list (client, bad_ids[i], &refused));
        g_assert_error (refused, PADDOCK_ERROR, PADDOCK_ERROR_INVALID_INPUT);
      }
  }
  {
    g_autoptr (GError) refused = NULL;
    g_autoptr (PaddockWatchlist) none = remove_symbol (client, id, "A/B", &refused);

    g_assert_error (refused, PADDOCK_ERROR, PADDOCK_ERROR_INVALID_INPUT);
  }
  g_assert_cmpuint (paddock_sandbox_count_requests (f->sf.sandbox, NULL, "/paper/"), ==,
                    paper_before);

  /* the longest name is taken */
  {
    g_autoptr (PaddockWatchlist) longest_list = create (client, longest, NO_SYMBOLS, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (paddock_watchlist_get_name (longest_list), ==, longest);
    assert_symbols (longest_list, NO_SYMBOLS);
  }

  /* what the broker refuses */
  {
    g_autoptr (PaddockWatchlist) none = create (client, "Taken", NO_SYMBOLS, &error);

    g_assert_error (error, PADDOCK_ERROR, PADDOCK_ERROR_REJECTED);
    g_assert_cmpuint (paddock_error_get_http_status (error), ==, 422);
    g_clear_error (&error);
  }
  {
    g_autoptr (PaddockWatchlist) none = create (client, "New", SYMBOLS ("NOSUCH"), &error);

    g_assert_error (error, PADDOCK_ERROR, PADDOCK_ERROR_NOT_FOUND);
    g_clear_error (&error);
  }
  {
    g_autoptr (PaddockWatchlist) none = add_symbol (client, id, "NOSUCH", &error);

    g_assert_error (error, PADDOCK_ERROR, PADDOCK_ERROR_NOT_FOUND);
    g_clear_error (&error);
  }
  {
    g_autoptr (PaddockWatchlist) none = add_symbol (client, id, "AAPL", &error);

    g_assert_error (error, PADDOCK_ERROR, PADDOCK_ERROR_REJECTED);
    g_clear_error (&error);
  }
  {
    g_autoptr (PaddockWatchlist) none = remove_symbol (client, id, "MSFT", &error);

    g_assert_error (error, PADDOCK_ERROR, PADDOCK_ERROR_NOT_FOUND);
    g_clear_error (&error);
  }
  {
    g_autoptr (PaddockWatchlist) none = rename_list (client, id, "", &error);

    g_assert_error (error, PADDOCK_ERROR, PADDOCK_ERROR_INVALID_INPUT);
    g_clear_error (&error);
  }
  {
    g_autoptr (PaddockWatchlist) none = get (client, "00000000-0000-4000-8000-000000000000",
                                             &error);

    g_assert_error (error, PADDOCK_ERROR, PADDOCK_ERROR_NOT_FOUND);
    g_clear_error (&error);
  }
  g_assert_false (delete_list (client, "00000000-0000-4000-8000-000000000000", &error));
  g_assert_error (error, PADDOCK_ERROR, PADDOCK_ERROR_NOT_FOUND);
}

static void
assert_missing_scope (GError *error)
{
  g_assert_error (error, PADDOCK_ERROR, PADDOCK_ERROR_MISSING_SCOPE);
  g_assert_cmpuint (paddock_error_get_http_status (error), ==, 403);
  g_assert_cmpstr (error->message, !=, "");
}

/* A token without account:write reads watchlists but every change is refused with 403:
 * each is PADDOCK_ERROR_MISSING_SCOPE, and nothing changes */
static void
test_missing_scope (Fixture       *f,
                    gconstpointer  data)
{
  PaddockClient *client = paddock_session_get_client (f->session);
  g_autoptr (GError) error = NULL;
  g_autoptr (PaddockWatchlist) mine = create (client, "Mine", SYMBOLS ("AAPL", "MSFT"), &error);
  g_autoptr (PaddockWatchlist) read_back = NULL;
  g_autoptr (PaddockWatchlist) after = NULL;
  g_autoptr (GPtrArray) list = NULL;
  const char *id;

  g_assert_no_error (error);
  id = paddock_watchlist_get_id (mine);

  /* reads need no scope */
  list = list_all (f->no_write, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1);
  read_back = get (f->no_write, id, &error);
  g_assert_no_error (error);
  assert_symbols (read_back, SYMBOLS ("AAPL", "MSFT"));

  {
    g_autoptr (PaddockWatchlist) none = create (f->no_write, "Other", SYMBOLS ("AAPL"), &error);

    g_assert_null (none);
    assert_missing_scope (error);
    g_clear_error (&error);
  }
  {
    g_autoptr (PaddockWatchlist) none = add_symbol (f->no_write, id, "TSLA", &error);

    assert_missing_scope (error);
    g_clear_error (&error);
  }
  {
    g_autoptr (PaddockWatchlist) none = remove_symbol (f->no_write, id, "AAPL", &error);

    assert_missing_scope (error);
    g_clear_error (&error);
  }
  {
    g_autoptr (PaddockWatchlist) none = rename_list (f->no_write, id, "Renamed", &error);

    assert_missing_scope (error);
    g_clear_error (&error);
  }
  {
    g_autoptr (PaddockWatchlist) none = reorder (f->no_write, id, SYMBOLS ("MSFT", "AAPL"),
                                                 &error);

    assert_missing_scope (error);
    g_clear_error (&error);
  }
  g_assert_false (delete_list (f->no_write, id, &error));
  assert_missing_scope (error);
  g_clear_error (&error);

  after = get (client, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (paddock_watchlist_get_name (after), ==, "Mine");
  assert_symbols (after, SYMBOLS ("AAPL", "MSFT"));
}

/* The code is decided on the status and the call, not the message: any 403 on a change
 * is the missing scope, a 403 on a read is not */
static void
test_missing_scope_by_status (Fixture       *f,
                              gconstpointer  data)
{
  PaddockClient *client = paddock_session_get_client (f->session);
  g_autoptr (GError) error = NULL;
  g_autoptr (PaddockWatchlist) mine = create (client, "Mine", SYMBOLS ("AAPL"), &error);
  g_autofree char *path = NULL;

  g_assert_no_error (error);
  path = g_strdup_printf ("/paper/v2/watchlists/%s", paddock_watchlist_get_id (mine));

  /* the fault answers 403 with the message "Forbidden", nothing about scopes */
  paddock_sandbox_add_fault (f->sf.sandbox, "POST", path, PADDOCK_SANDBOX_FAULT_STATUS, 403, 1);
  {
    g_autoptr (PaddockWatchlist) none = add_symbol (client, paddock_watchlist_get_id (mine),
                                                    "TSLA", &error);

    assert_missing_scope (error);
    g_clear_error (&error);
  }
  paddock_sandbox_add_fault (f->sf.sandbox, "GET", path, PADDOCK_SANDBOX_FAULT_STATUS, 403, 1);
  {
    g_autoptr (PaddockWatchlist) none = get (client, paddock_watchlist_get_id (mine), &error);

    g_assert_error (error, PADDOCK_ERROR, PADDOCK_ERROR_REJECTED);
    g_assert_cmpuint (paddock_error_get_http_status (error), ==, 403);
    g_clear_error (&error);
  }
  /* other refusals of a change keep their codes */
  paddock_sandbox_add_fault (f->sf.sandbox, "DELETE", path, PADDOCK_SANDBOX_FAULT_STATUS, 422, 1);
  g_assert_false (delete_list (client, paddock_watchlist_get_id (mine), &error));
  g_assert_error (error, PADDOCK_ERROR, PADDOCK_ERROR_REJECTED);
}

/* A server that answers DELETE …/{symbol} with 204 and no body, as the old prose of the
 * API described (alpaca-api.md §2.6): the watchlist is read back */
typedef struct
{
  guint deletes;
  guint gets;
} OldServer;

static void
old_server_cb (SoupServer        *server,
               SoupServerMessage *msg,
               const char        *path,
               GHashTable        *query,
               gpointer           user_data)
{
  OldServer *old = user_data;
  const char *method = soup_server_message_get_method (msg);
  const char *body = "{\"id\":\"wl-1\",\"account_id\":\"acct\",\"name\":\"Old\","
                     "\"created_at\":\"2024-01-08T15:00:00Z\","
                     "\"updated_at\":\"2024-01-08T15:01:00Z\","
                     "\"assets\":[{\"id\":\"a-1\",\"class\":\"us_equity\",\"exchange\":\"NASDAQ\","
                     "\"symbol\":\"MSFT\",\"name\":\"Microsoft\",\"status\":\"active\","
                     "\"tradable\":true}]}";

  if (g_str_equal (method, "DELETE") && g_str_equal (path, "/v2/watchlists/wl-1/AAPL"))
    {
      old->deletes++;
      soup_server_message_set_status (msg, 204, NULL);
    }
  else if (g_str_equal (method, "GET") && g_str_equal (path, "/v2/watchlists/wl-1"))
    {
      old->gets++;
      soup_server_message_set_status (msg, 200, NULL);
      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC, body,
                                        strlen (body));
    }
  else
    soup_server_message_set_status (msg, 404, NULL);
}

static void
test_remove_without_body (void)
{
  g_autoptr (SoupServer) server = soup_server_new (NULL, NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (GSList) uris = NULL;
  g_autoptr (PaddockClient) client = NULL;
  g_autoptr (PaddockWatchlist) wl = NULL;
  g_autofree char *base = NULL;
  OldServer old = { 0 };

  soup_server_add_handler (server, "/v2/watchlists", old_server_cb, &old, NULL);
  g_assert_true (soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  base = g_uri_to_string (uris->data);
  g_slist_free_full (g_steal_pointer (&uris), (GDestroyNotify) g_uri_unref);
  if (g_str_has_suffix (base, "/"))
    base[strlen (base) - 1] = '\0';

  client = paddock_client_new (base, "token-of-the-old-server");
  wl = remove_symbol (client, "wl-1", "AAPL", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (old.deletes, ==, 1);
  g_assert_cmpuint (old.gets, ==, 1);
  g_assert_cmpstr (paddock_watchlist_get_name (wl), ==, "Old");
  assert_symbols (wl, SYMBOLS ("MSFT"));

  soup_server_disconnect (server);
}

/* ---- latest prices ------------------------------------------------------------------ */

typedef struct
{
  GPtrArray *changed;   /* symbols, in signal order */
  guint refreshed;
  GError *error;
  guint stop_after;     /* stop() from the handler of that many refreshes; 0: never */
} QuotesWatch;

static void
quote_changed_cb (PaddockWatchlistQuotes *quotes,
                  const char             *symbol,
                  QuotesWatch            *watch)
{
  g_ptr_array_add (watch->changed, g_strdup (symbol));
}

static void
refreshed_cb (PaddockWatchlistQuotes *quotes,
              const GError           *error,
              QuotesWatch            *watch)
{
  watch->refreshed++;
  g_clear_error (&watch->error);
  if (error != NULL)
    watch->error = g_error_copy (error);
  /* at the end of a refresh nothing is in flight: stopping here leaves none */
  if (watch->stop_after > 0 && watch->refreshed == watch->stop_after)
    paddock_watchlist_quotes_stop (quotes);
}

static void
quotes_watch_init (QuotesWatch            *watch,
                   PaddockWatchlistQuotes *quotes)
{
  watch->changed = g_ptr_array_new_with_free_func (g_free);
  g_signal_connect (quotes, "quote-changed", G_CALLBACK (quote_changed_cb), watch);
  g_signal_connect (quotes, "refreshed", G_CALLBACK (refreshed_cb), watch);
}

static void
quotes_watch_clear (QuotesWatch *watch)
{
  g_clear_pointer (&watch->changed, g_ptr_array_unref);
  g_clear_error (&watch->error);
}

static gboolean
refresh (PaddockWatchlistQuotes  *quotes,
         GError                 **error)
{
  g_auto (PaddockTestAsync) w = { 0 };

  paddock_watchlist_quotes_refresh_async (quotes, NULL, paddock_test_async_cb, &w);
  return paddock_watchlist_quotes_refresh_finish (quotes, paddock_test_async_wait (&w), error);
}

static guint
data_requests (Fixture *f)
{
  return paddock_sandbox_count_requests (f->sf.sandbox, NULL, "/data/");
}

/* The previous close the sandbox itself reports for symbol, as its JSON number's text */
static char *
sandbox_previous_close (Fixture    *f,
                        const char *symbol)
{
  g_autofree char *url = g_strdup_printf ("data:/v2/stocks/%s/snapshot?feed=iex", symbol);
  g_autoptr (TestReply) reply = test_request (&f->sf, "GET", url,
                                              f->sf.token, NULL);
  JsonObject *bar = json_object_get_object_member (test_reply_object (reply), "prevDailyBar");
  g_autoptr (JsonGenerator) gen = json_generator_new ();
  JsonNode *c = json_object_get_member (bar, "c");

  json_generator_set_root (gen, c);
  return json_generator_to_data (gen, NULL);
}

static void
test_quotes_one_request (Fixture       *f,
                         gconstpointer  data)
{
  const char * const symbols[] = { "AAPL", "MSFT", "TSLA", "NVDA", "SPY", "AMD", NULL };
  g_autoptr (PaddockWatchlistQuotes) quotes =
    paddock_watchlist_quotes_new (paddock_session_get_data_client (f->session));
  g_autoptr (GError) error = NULL;
  g_autofree char *aapl_close = NULL;
  QuotesWatch watch = { 0 };
  guint before;

  quotes_watch_init (&watch, quotes);
  g_assert_cmpstr (paddock_watchlist_quotes_get_feed (quotes), ==, "iex");
  g_assert_true (paddock_sandbox_set_price (f->sf.sandbox, "AAPL", "187.25"));
  aapl_close = sandbox_previous_close (f, "AAPL");

  paddock_watchlist_quotes_set_symbols (quotes, symbols);
  before = data_requests (f);
  g_assert_true (refresh (quotes, &error));
  g_assert_no_error (error);

  /* ONE request for the six symbols, and it was the multi-symbol snapshots */
  g_assert_cmpuint (data_requests (f) - before, ==, 1);
  g_assert_cmpuint (paddock_sandbox_count_requests (f->sf.sandbox, "GET", SNAPSHOTS_PATH), ==, 1);
  g_assert_cmpuint (watch.refreshed, ==, 1);
  g_assert_no_error (watch.error);

  /* each symbol changed once */
  g_assert_cmpuint (watch.changed->len, ==, g_strv_length ((char **) symbols));
  for (guint i = 0; symbols[i] != NULL; i++)
    {
      const PaddockWatchlistQuote *q = paddock_watchlist_quotes_lookup (quotes, symbols[i]);
      g_autofree char *expected_change = NULL;

      g_assert_true (g_ptr_array_find_with_equal_func (watch.changed, symbols[i], g_str_equal,
                                                       NULL));
      g_assert_nonnull (q);
      g_assert_cmpstr (q->symbol, ==, symbols[i]);
      g_assert_true (paddock_decimal_is_valid (q->price));
      g_assert_nonnull (q->time);
      g_assert_nonnull (q->previous_close);
      expected_change = paddock_decimal_sub (q->price, q->previous_close);
      g_assert_cmpstr (q->change, ==, expected_change);
      g_assert_nonnull (q->change_percent);
    }

  /* today's change is the latest price against the previous close, exactly */
  {
    const PaddockWatchlistQuote *q = paddock_watchlist_quotes_lookup (quotes, "AAPL");
    g_autofree char *expected_change = paddock_decimal_sub ("187.25", aapl_close);
    double percent = (187.25 - g_ascii_strtod (aapl_close, NULL)) /
                     g_ascii_strtod (aapl_close, NULL) * 100.0;

    g_assert_cmpstr (q->price, ==, "187.25");
    g_assert_cmpint (paddock_decimal_compare (q->previous_close, aapl_close), ==, 0);
    g_assert_nonnull (expected_change);
    g_assert_cmpint (paddock_decimal_compare (q->change, expected_change), ==, 0);
    g_assert_cmpfloat_with_epsilon (g_ascii_strtod (q->change_percent, NULL), percent, 0.0051);
  }

  /* nothing moved: a refresh signals no symbol; one moves: only it */
  g_ptr_array_set_size (watch.changed, 0);
  g_assert_true (refresh (quotes, &error));
  g_assert_cmpuint (watch.changed->len, ==, 0);
  g_assert_true (paddock_sandbox_set_price (f->sf.sandbox, "MSFT", "401.10"));
  g_assert_true (refresh (quotes, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (watch.changed->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (watch.changed, 0), ==, "MSFT");
  g_assert_cmpstr (paddock_watchlist_quotes_lookup (quotes, "MSFT")->price, ==, "401.1");
  g_assert_cmpuint (data_requests (f) - before, ==, 3);

  /* a symbol dropped from the list is forgotten and not asked for */
  paddock_watchlist_quotes_set_symbols (quotes, SYMBOLS ("AAPL"));
  g_assert_null (paddock_watchlist_quotes_lookup (quotes, "MSFT"));
  g_assert_true (refresh (quotes, &error));
  g_assert_null (paddock_watchlist_quotes_lookup (quotes, "MSFT"));
  g_assert_nonnull (paddock_watchlist_quotes_lookup (quotes, "AAPL"));
  g_assert_cmpuint (data_requests (f) - before, ==, 4);

  quotes_watch_clear (&watch);
}

static void
test_quotes_empty_and_unknown (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr (PaddockWatchlistQuotes) quotes =
    paddock_watchlist_quotes_new (paddock_session_get_data_client (f->session));
  g_autoptr (GError) error = NULL;
  QuotesWatch watch = { 0 };
  guint before = data_requests (f);

  quotes_watch_init (&watch, quotes);

  /* no symbols: nothing is asked for */
  g_assert_true (refresh (quotes, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (data_requests (f), ==, before);
  g_assert_cmpuint (watch.refreshed, ==, 1);

  /* a symbol the data API does not know has no figures; the others do */
  paddock_watchlist_quotes_set_symbols (quotes, SYMBOLS ("AAPL", "NOSUCH", "AAPL"));
  g_assert_cmpstrv ((GStrv) paddock_watchlist_quotes_get_symbols (quotes),
                    SYMBOLS ("AAPL", "NOSUCH"));
  g_assert_true (refresh (quotes, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (data_requests (f) - before, ==, 1);
  g_assert_nonnull (paddock_watchlist_quotes_lookup (quotes, "AAPL"));
  g_assert_null (paddock_watchlist_quotes_lookup (quotes, "NOSUCH"));

  /* a failed refresh says why and keeps the last figures */
  paddock_sandbox_add_fault (f->sf.sandbox, "GET", SNAPSHOTS_PATH, PADDOCK_SANDBOX_FAULT_MALFORMED,
                             0, 1);
  g_assert_false (refresh (quotes, &error));
  g_assert_error (error, PADDOCK_ERROR, PADDOCK_ERROR_PROTOCOL);
  g_assert_error (watch.error, PADDOCK_ERROR, PADDOCK_ERROR_PROTOCOL);
  g_assert_nonnull (paddock_watchlist_quotes_lookup (quotes, "AAPL"));

  quotes_watch_clear (&watch);
}

static gboolean
set_flag_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop for ms milliseconds */
static void
run_for (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, set_flag_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

static void
test_quotes_interval_and_stop (Fixture       *f,
                               gconstpointer  data)
{
  PaddockWatchlistQuotes *quotes =
    paddock_watchlist_quotes_new (paddock_session_get_data_client (f->session));
  QuotesWatch watch = { 0 };
  guint before = data_requests (f);
  guint requests, refreshed;

  quotes_watch_init (&watch, quotes);
  paddock_watchlist_quotes_set_symbols (quotes, SYMBOLS ("AAPL", "MSFT", "TSLA"));
  paddock_watchlist_quotes_set_interval (quotes, 20);
  g_assert_false (paddock_watchlist_quotes_get_running (quotes));

  /* visible: refreshes on its own, one request each time */
  watch.stop_after = 4;
  paddock_watchlist_quotes_start (quotes);
  g_assert_true (paddock_watchlist_quotes_get_running (quotes));
  paddock_watchlist_quotes_start (quotes);   /* twice is once */
  PADDOCK_TEST_WAIT_UNTIL (!paddock_watchlist_quotes_get_running (quotes));
  g_assert_no_error (watch.error);
  requests = data_requests (f) - before;
  refreshed = watch.refreshed;
  g_assert_cmpuint (refreshed, ==, 4);
  g_assert_cmpuint (requests, ==, 4);
  g_assert_nonnull (paddock_watchlist_quotes_lookup (quotes, "TSLA"));

  /* hidden: no more requests, no more refreshes */
  run_for (300);
  g_assert_cmpuint (data_requests (f) - before, ==, requests);
  g_assert_cmpuint (watch.refreshed, ==, refreshed);

  /* a refresh in flight when it stops is cancelled: it signals nothing */
  paddock_sandbox_add_fault (f->sf.sandbox, "GET", SNAPSHOTS_PATH, PADDOCK_SANDBOX_FAULT_LATENCY,
                             300, 1);
  paddock_watchlist_quotes_start (quotes);
  PADDOCK_TEST_WAIT_UNTIL (data_requests (f) - before == requests + 1);
  paddock_watchlist_quotes_stop (quotes);
  run_for (500);
  g_assert_cmpuint (watch.refreshed, ==, refreshed);
  g_assert_cmpuint (data_requests (f) - before, ==, requests + 1);

  /* visible again, then dropped while running: dispose ends it */
  paddock_watchlist_quotes_start (quotes);
  PADDOCK_TEST_WAIT_UNTIL (watch.refreshed >= refreshed + 2);
  g_assert_finalize_object (quotes);
  requests = data_requests (f) - before;
  run_for (300);
  g_assert_cmpuint (data_requests (f) - before, <=, requests + 1);
  refreshed = data_requests (f) - before;
  run_for (200);
  g_assert_cmpuint (data_requests (f) - before, ==, refreshed);

  quotes_watch_clear (&watch);
}

/* The feed parameter of every snapshots request in the data log, in order ("iex,sip") */
static char *
snapshot_feeds (Fixture *f)
{
  g_auto (GStrv) log = paddock_sandbox_dup_data_requests (f->sf.sandbox);
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_auto (GStrv) feeds = NULL;

  for (guint i = 0; log[i] != NULL; i++)
    {
      const char *feed;

      if (strstr (log[i], "/v2/stocks/snapshots?") == NULL)
        continue;
      feed = strstr (log[i], "feed=");
      if (feed == NULL)
        g_strv_builder_add (builder, "none");
      else
        {
          g_autofree char *value = g_strndup (feed + 5, strcspn (feed + 5, "&"));

          g_strv_builder_add (builder, value);
        }
    }
  feeds = g_strv_builder_end (builder);
  return g_strjoinv (",", feeds);
}

static gboolean
feeds_are (Fixture    *f,
           const char *expected)
{
  g_autofree char *feeds = snapshot_feeds (f);

  return g_strcmp0 (feeds, expected) == 0;
}

static void
test_quotes_feed (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr (PaddockWatchlistQuotes) quotes =
    paddock_watchlist_quotes_new (paddock_session_get_data_client (f->session));
  g_autoptr (GError) error = NULL;
  QuotesWatch watch = { 0 };
  guint refreshed;

  quotes_watch_init (&watch, quotes);
  paddock_watchlist_quotes_set_symbols (quotes, SYMBOLS ("AAPL", "MSFT"));
  paddock_watchlist_quotes_set_interval (quotes, 60 * 1000);
  paddock_sandbox_clear_data_requests (f->sf.sandbox);

  /* IEX by default */
  g_assert_true (refresh (quotes, &error));
  g_assert_no_error (error);
  g_assert_true (feeds_are (f, "iex"));

  /* SIP while stopped: the next refresh asks for it, and the free plan refuses it with
   * the plan's own error (not a generic refusal) */
  paddock_watchlist_quotes_set_feed (quotes, "sip");
  g_assert_cmpstr (paddock_watchlist_quotes_get_feed (quotes), ==, "sip");
  g_assert_true (feeds_are (f, "iex"));
  g_assert_false (refresh (quotes, &error));
  g_assert_error (error, PADDOCK_ERROR, PADDOCK_ERROR_SIP_NOT_PERMITTED);
  g_assert_error (watch.error, PADDOCK_ERROR, PADDOCK_ERROR_SIP_NOT_PERMITTED);
  g_assert_cmpuint (paddock_error_get_http_status (error), ==, 403);
  g_clear_error (&error);
  g_assert_true (feeds_are (f, "iex,sip"));
  /* the figures had before stay */
  g_assert_nonnull (paddock_watchlist_quotes_lookup (quotes, "AAPL"));

  /* a plan with SIP: the same request is answered */
  paddock_sandbox_set_sip_plan (f->sf.sandbox, TRUE);
  g_assert_true (refresh (quotes, &error));
  g_assert_no_error (error);
  g_assert_true (feeds_are (f, "iex,sip,sip"));
  paddock_sandbox_set_sip_plan (f->sf.sandbox, FALSE);

  /* running (the next periodic refresh a minute away): a change asks again at once with
   * the new feed; setting the same feed asks nothing */
  paddock_watchlist_quotes_start (quotes);
  PADDOCK_TEST_WAIT_UNTIL (feeds_are (f, "iex,sip,sip,sip"));
  PADDOCK_TEST_WAIT_UNTIL (watch.error != NULL);
  g_assert_error (watch.error, PADDOCK_ERROR, PADDOCK_ERROR_SIP_NOT_PERMITTED);
  refreshed = watch.refreshed;
  paddock_watchlist_quotes_set_feed (quotes, "iex");
  PADDOCK_TEST_WAIT_UNTIL (watch.refreshed > refreshed);
  g_assert_no_error (watch.error);
  g_assert_true (feeds_are (f, "iex,sip,sip,sip,iex"));
  paddock_watchlist_quotes_set_feed (quotes, "iex");
  run_for (300);
  g_assert_true (feeds_are (f, "iex,sip,sip,sip,iex"));

  /* a change while a refresh is in flight: that one is dropped, the new feed asked for */
  paddock_sandbox_add_fault (f->sf.sandbox, "GET", SNAPSHOTS_PATH, PADDOCK_SANDBOX_FAULT_LATENCY,
                             400, 1);
  paddock_watchlist_quotes_stop (quotes);
  refreshed = watch.refreshed;
  paddock_watchlist_quotes_start (quotes);
  PADDOCK_TEST_WAIT_UNTIL (paddock_sandbox_count_requests (f->sf.sandbox, "GET",
                                                           SNAPSHOTS_PATH) >= 6);
  paddock_watchlist_quotes_set_feed (quotes, "sip");
  PADDOCK_TEST_WAIT_UNTIL (feeds_are (f, "iex,sip,sip,sip,iex,iex,sip"));
  PADDOCK_TEST_WAIT_UNTIL (watch.refreshed > refreshed);
  run_for (600);
  /* only the SIP refresh ended: the cancelled IEX one signalled nothing */
  g_assert_cmpuint (watch.refreshed, ==, refreshed + 1);
  g_assert_error (watch.error, PADDOCK_ERROR, PADDOCK_ERROR_SIP_NOT_PERMITTED);
  paddock_watchlist_quotes_stop (quotes);

  quotes_watch_clear (&watch);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  ADD ("/watchlists/lifecycle", test_lifecycle);
  ADD ("/watchlists/errors", test_errors);
  ADD ("/watchlists/missing-scope", test_missing_scope);
  ADD ("/watchlists/missing-scope-by-status", test_missing_scope_by_status);
  g_test_add_func ("/watchlists/remove-without-body", test_remove_without_body);
  ADD ("/watchlists/quotes/one-request", test_quotes_one_request);
  ADD ("/watchlists/quotes/empty-and-unknown", test_quotes_empty_and_unknown);
  ADD ("/watchlists/quotes/interval-and-stop", test_quotes_interval_and_stop);
  ADD ("/watchlists/quotes/feed", test_quotes_feed);

  return g_test_run ();
}
