/* paddock-trading.c: placing, changing, cancelling orders and closing positions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * See paddock-trading.h for what happens when a reply is lost. The rule in one line: a
 * request that can create or change an order is sent once; when its answer does not come
 * back, the broker is asked what it did, never told again.
 */
#define G_LOG_DOMAIN "paddock-trading"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "paddock-error.h"
#include "paddock-format.h"
#include "paddock-random.h"
#include "paddock-trading.h"

#define LOOKUP_TRIES 2                 /* a "not there" is asked twice… */
#define LOOKUP_CONFIRM_DELAY_MS 1000   /* …this far apart: the broker may still be at work */
#define CLOSE_SNAPSHOT_LIMIT "500"

void
paddock_bulk_result_free (PaddockBulkResult *result)
{
  if (result == NULL)
    return;
  g_free (result->id);
  g_clear_object (&result->order);
  g_clear_error (&result->error);
  g_free (result);
}

static char *
escape_segment (const char *text)
{
  return g_uri_escape_string (text, NULL, FALSE);
}

/* ---- one-shot actions: submit, replace, close a position, close all ------------------- */

typedef enum {
  ACTION_SUBMIT,
  ACTION_REPLACE,
  ACTION_CLOSE,
  ACTION_CLOSE_ALL,
} ActionKind;

typedef struct
{
  ActionKind kind;
  char *method;
  char *path;
  GHashTable *query;
  JsonNode *body;
  char *client_order_id;    /* submit, replace: what the lookup asks for */
  char *symbol;             /* close: whose orders to list */
  GHashTable *known_ids;    /* close: the symbol's order ids before the request */
  GError *send_error;       /* why the reply was lost */
  guint lookups;
  gboolean reply_lost;
} Action;

static void
action_free (Action *a)
{
  g_free (a->method);
  g_free (a->path);
  g_clear_pointer (&a->query, g_hash_table_unref);
  g_clear_pointer (&a->body, json_node_unref);
  g_free (a->client_order_id);
  g_free (a->symbol);
  g_clear_pointer (&a->known_ids, g_hash_table_unref);
  g_clear_error (&a->send_error);
  g_free (a);
}

static GTask *
action_task_new (PaddockClient       *client,
                 ActionKind           kind,
                 gpointer             source_tag,
                 GCancellable        *cancellable,
                 GAsyncReadyCallback  callback,
                 gpointer             user_data)
{
  GTask *task = g_task_new (client, cancellable, callback, user_data);
  Action *a = g_new0 (Action, 1);

  a->kind = kind;
  g_task_set_source_tag (task, source_tag);
  /* once a request is out, cancelling must not hide whether it was carried out */
  g_task_set_check_cancellable (task, FALSE);
  g_task_set_task_data (task, a, (GDestroyNotify) action_free);
  return task;
}

static const char *
what_failed (Action *a)
{
  switch (a->kind)
    {
    case ACTION_REPLACE:
      return _("The order was not changed");
    case ACTION_CLOSE:
    case ACTION_CLOSE_ALL:
      return _("The position was not closed");
    case ACTION_SUBMIT:
    default:
      return _("The order was not placed");
    }
}

/* The broker has confirmed that it does not have the order */
static void
return_not_done (GTask *task)
{
  Action *a = g_task_get_task_data (task);
  GError *error;

  /* Translators: the first %s is e.g. "The order was not placed", the second why */
  error = g_error_new (PADDOCK_ERROR, PADDOCK_ERROR_NETWORK, _("%s: %s. It is safe to try again."),
                       what_failed (a), a->send_error->message);
  paddock_error_set_api_details (error, paddock_error_get_http_status (a->send_error),
                                 paddock_error_get_api_code (a->send_error));
  g_task_return_error (task, error);
}

static void
return_unknown (GTask        *task,
                const GError *lookup_error)
{
  Action *a = g_task_get_task_data (task);
  const char *why = a->send_error != NULL ? a->send_error->message : "";
  GError *error;

  if (a->kind == ACTION_CLOSE_ALL)
    error = g_error_new (PADDOCK_ERROR, PADDOCK_ERROR_OUTCOME_UNKNOWN,
                         _("The broker’s answer was lost (%s). Some positions may have been "
                           "closed: check the Positions and Orders pages before trying again."),
                         why);
  else if (lookup_error != NULL)
    error = g_error_new (PADDOCK_ERROR, PADDOCK_ERROR_OUTCOME_UNKNOWN,
                         _("The broker’s answer was lost (%s) and looking the order up failed "
                           "too (%s). It may or may not have been placed: check the Orders page "
                           "before trying again."), why, lookup_error->message);
  else
    error = g_error_new (PADDOCK_ERROR, PADDOCK_ERROR_OUTCOME_UNKNOWN,
                         _("The broker’s answer was lost (%s) and the order could not be told "
                           "apart from others. It may or may not have been placed: check the "
                           "Orders page before trying again."), why);
  if (a->send_error != NULL)
    paddock_error_set_api_details (error, paddock_error_get_http_status (a->send_error), 0);
  g_task_return_error (task, error);
}

/* Whether an error after sending leaves the outcome open (so that the broker must be
 * asked), rather than being the broker's refusal or a failure before anything was sent */
static gboolean
outcome_is_open (const GError *error)
{
  guint status;

  if (error->domain != PADDOCK_ERROR)
    return TRUE;
  status = paddock_error_get_http_status (error);
  if (status >= 400 && status <= 499 && status != 408)
    return FALSE;   /* the broker answered: refused */
  if (status == 0 && (error->code == PADDOCK_ERROR_NOT_AUTHORIZED ||
                      error->code == PADDOCK_ERROR_INVALID_INPUT))
    return FALSE;   /* refused before sending */
  return TRUE;
}

static void lookup (GTask *task);

static gboolean
lookup_again_cb (gpointer user_data)
{
  lookup (user_data);
  return G_SOURCE_REMOVE;
}

/* The broker has no such order (yet): ask once more a moment later, then believe it */
static void
lookup_found_nothing (GTask *task)
{
  Action *a = g_task_get_task_data (task);

  if (a->lookups < LOOKUP_TRIES)
    {
      GSource *source = g_timeout_source_new (LOOKUP_CONFIRM_DELAY_MS);

      g_source_set_callback (source, lookup_again_cb, task, NULL);
      g_source_attach (source, g_task_get_context (task));
      g_source_unref (source);
      return;
    }
  return_not_done (task);
  g_object_unref (task);
}

static void
lookup_by_id_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GTask *task = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) node = paddock_client_request_finish (PADDOCK_CLIENT (object), result,
                                                             &error);
  Action *a = g_task_get_task_data (task);
  PaddockOrder *order = NULL;

  if (node != NULL)
    order = paddock_order_new_from_json (node, &error);

  if (order != NULL)
    {
      /* the broker's message is outside text: not in the log */
      g_debug ("the reply to %s %s was lost; the order is there", a->method, a->path);
      a->reply_lost = TRUE;
      g_task_return_pointer (task, order, g_object_unref);
    }
  else if (g_error_matches (error, PADDOCK_ERROR, PADDOCK_ERROR_NOT_FOUND))
    {
      lookup_found_nothing (task);
      return;
    }
  else
    return_unknown (task, error);
  g_object_unref (task);
}

static GHashTable *
order_ids_of (JsonNode  *node,
              GError   **error)
{
  g_autoptr (GHashTable) ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  JsonArray *array;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      g_set_error_literal (error, PADDOCK_ERROR, PADDOCK_ERROR_PROTOCOL,
                           _("The list of orders is not a list."));
      return NULL;
    }
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autoptr (PaddockOrder) order = paddock_order_new_from_json (json_array_get_element (array, i),
                                                                    error);

      if (order == NULL)
        return NULL;
      g_hash_table_add (ids, g_strdup (paddock_order_get_id (order)));
    }
  return g_steal_pointer (&ids);
}

static void
lookup_close_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GTask *task = user_data;
  Action *a = g_task_get_task_data (task);
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) node = paddock_client_request_finish (PADDOCK_CLIENT (object), result,
                                                             &error);
  g_autoptr (PaddockOrder) found = NULL;
  guint n_new = 0;
  JsonArray *array;

  if (node != NULL && !JSON_NODE_HOLDS_ARRAY (node))
    g_set_error_literal (&error, PADDOCK_ERROR, PADDOCK_ERROR_PROTOCOL,
                         _("The list of orders is not a list."));
  if (error != NULL)
    {
      return_unknown (task, error);
      g_object_unref (task);
      return;
    }

  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autoptr (PaddockOrder) order = paddock_order_new_from_json (json_array_get_element (array, i),
                                                                    &error);

      if (order == NULL)
        {
          return_unknown (task, error);
          g_object_unref (task);
          return;
        }
      if (g_hash_table_contains (a->known_ids, paddock_order_get_id (order)) ||
          g_strcmp0 (paddock_order_get_symbol (order), a->symbol) != 0)
        continue;
      n_new++;
      g_set_object (&found, order);
    }

  if (n_new == 1)
    {
      g_debug ("the reply to %s %s was lost; its closing order is there", a->method, a->path);
      a->reply_lost = TRUE;
      g_task_return_pointer (task, g_steal_pointer (&found), g_object_unref);
    }
  else if (n_new == 0)
    {
      lookup_found_nothing (task);
      return;
    }
  else
    return_unknown (task, NULL);
  g_object_unref (task);
}

static GHashTable *
symbol_orders_query (const char *symbol)
{
  GHashTable *query = g_hash_table_new (g_str_hash, g_str_equal);

  g_hash_table_insert (query, "status", "all");
  g_hash_table_insert (query, "symbols", (char *) symbol);
  g_hash_table_insert (query, "limit", CLOSE_SNAPSHOT_LIMIT);
  g_hash_table_insert (query, "direction", "desc");
  return query;
}

static void
lookup (GTask *task)
{
  PaddockClient *client = g_task_get_source_object (task);
  Action *a = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);

  if (g_cancellable_is_cancelled (cancellable))
    {
      g_autoptr (GError) error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                                      _("Cancelled"));

      return_unknown (task, error);
      g_object_unref (task);
      return;
    }

  a->lookups++;
  if (a->client_order_id != NULL)
    {
      g_autoptr (GHashTable) query = g_hash_table_new (g_str_hash, g_str_equal);

      g_hash_table_insert (query, "client_order_id", a->client_order_id);
      paddock_client_request_async (client, "GET", "/v2/orders:by_client_order_id", query, NULL,
                                    PADDOCK_REQUEST_IDEMPOTENT, cancellable, lookup_by_id_cb,
                                    task);
    }
  else
    {
      g_autoptr (GHashTable) query = symbol_orders_query (a->symbol);

      paddock_client_request_async (client, "GET", "/v2/orders", query, NULL,
                                    PADDOCK_REQUEST_IDEMPOTENT, cancellable, lookup_close_cb, task);
    }
}

static void
send_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  GTask *task = user_data;
  Action *a = g_task_get_task_data (task);
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) node = paddock_client_request_finish (PADDOCK_CLIENT (object), result,
                                                             &error);

  if (node != NULL)
    {
      if (a->kind == ACTION_CLOSE_ALL)
        {
          g_task_return_pointer (task, g_steal_pointer (&node), (GDestroyNotify) json_node_unref);
          g_object_unref (task);
          return;
        }
      else
        {
          PaddockOrder *order = paddock_order_new_from_json (node, &error);

          if (order != NULL)
            {
              g_task_return_pointer (task, order, g_object_unref);
              g_object_unref (task);
              return;
            }
          /* a 2xx we cannot read: the broker did something; find out what */
        }
    }

  if (!outcome_is_open (error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }

  g_debug ("%s %s: no answer to rely on (%s %d, HTTP %u): looking up what happened", a->method,
           a->path, g_quark_to_string (error->domain), error->code,
           paddock_error_get_http_status (error));
  a->send_error = g_steal_pointer (&error);
  if (a->kind == ACTION_CLOSE_ALL)
    {
      return_unknown (task, NULL);
      g_object_unref (task);
      return;
    }
  lookup (task);
}

static void
send (GTask *task)
{
  PaddockClient *client = g_task_get_source_object (task);
  Action *a = g_task_get_task_data (task);

  if (g_task_return_error_if_cancelled (task))
    {
      g_object_unref (task);
      return;
    }
  paddock_client_request_async (client, a->method, a->path, a->query, a->body,
                                PADDOCK_REQUEST_DEFAULT, g_task_get_cancellable (task), send_cb,
                                task);
}

static void
snapshot_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  GTask *task = user_data;
  Action *a = g_task_get_task_data (task);
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) node = paddock_client_request_finish (PADDOCK_CLIENT (object), result,
                                                             &error);

  if (node != NULL)
    a->known_ids = order_ids_of (node, &error);
  if (a->known_ids == NULL)
    {
      /* nothing was sent yet */
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }
  send (task);
}

static PaddockOrder *
action_finish (PaddockClient  *client,
               GAsyncResult   *result,
               gpointer        source_tag,
               gboolean       *reply_lost,
               GError        **error)
{
  Action *a;

  g_return_val_if_fail (g_task_is_valid (result, client), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);

  a = g_task_get_task_data (G_TASK (result));
  if (reply_lost != NULL)
    *reply_lost = a->reply_lost;
  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * paddock_trading_submit_async:
 * @request: the order; checked first (paddock_order_request_check()), nothing is sent when
 *   it is not valid (%PADDOCK_ERROR_INVALID_INPUT)
 *
 * Places an order: `POST /v2/orders`, once. See paddock-trading.h for a lost reply.
 */
void
paddock_trading_submit_async (PaddockClient       *client,
                              PaddockOrderRequest *request,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  GTask *task;
  Action *a;
  GError *error = NULL;

  g_return_if_fail (PADDOCK_IS_CLIENT (client));
  g_return_if_fail (PADDOCK_IS_ORDER_REQUEST (request));

  task = action_task_new (client, ACTION_SUBMIT, paddock_trading_submit_async, cancellable,
                          callback, user_data);
  if (!paddock_order_request_validate (request, &error))
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  a = g_task_get_task_data (task);
  a->method = g_strdup ("POST");
  a->path = g_strdup ("/v2/orders");
  a->body = paddock_order_request_to_json (request);
  a->client_order_id = g_strdup (paddock_order_request_get_client_order_id (request));
  send (task);
}

/**
 * paddock_trading_submit_finish:
 * @reply_lost: (out) (optional): set when the order was placed but the broker's reply was
 *   lost (the order returned is the one looked up by its client_order_id)
 *
 * Returns: (transfer full): the order the broker has, or %NULL
 */
PaddockOrder *
paddock_trading_submit_finish (PaddockClient  *client,
                               GAsyncResult   *result,
                               gboolean       *reply_lost,
                               GError        **error)
{
  return action_finish (client, result, paddock_trading_submit_async, reply_lost, error);
}

static gboolean
check_decimal_arg (const char  *value,
                   const char  *label,
                   GError     **error)
{
  if (value == NULL)
    return TRUE;
  if (!paddock_order_decimal_is_valid (value) || paddock_decimal_compare (value, "0") <= 0)
    {
      g_autofree char *example = paddock_decimal_to_input ("12.50");

      g_set_error (error, PADDOCK_ERROR, PADDOCK_ERROR_INVALID_INPUT,
                   /* Translators: the first %s is the name of an input, e.g. "Limit
                    * price"; the second is the number 12.50 written as the reader types
                    * numbers, e.g. "12.50" or "12,50" */
                   _("%s must be a number above zero, such as 10 or %s."), label, example);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_id_arg (const char  *id,
              GError     **error)
{
  if (id == NULL || *id == '\0' || strlen (id) > 128)
    {
      g_set_error_literal (error, PADDOCK_ERROR, PADDOCK_ERROR_INVALID_INPUT,
                           _("Give the order’s ID."));
      return FALSE;
    }
  return TRUE;
}

/* "/v2/orders/{id}", the id escaped as one path segment */
static char *
order_path (const char *order_id)
{
  g_autofree char *escaped = escape_segment (order_id);

  return g_strconcat ("/v2/orders/", escaped, NULL);
}

/* The task of a call about one order, or NULL when @id is refused (the task has returned
 * the error then) */
static GTask *
order_task_new (PaddockClient       *client,
                const char          *id,
                gpointer             source_tag,
                GCancellable        *cancellable,
                GAsyncReadyCallback  callback,
                gpointer             user_data)
{
  GTask *task = g_task_new (client, cancellable, callback, user_data);
  GError *error = NULL;

  g_task_set_source_tag (task, source_tag);
  if (!check_id_arg (id, &error))
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return NULL;
    }
  return task;
}

/**
 * paddock_trading_replace_async:
 * @order_id: the order to change
 * @qty: (nullable): the new quantity
 * @limit_price: (nullable): the new limit price
 * @stop_price: (nullable): the new stop price
 * @trail: (nullable): the new trail (price or percent, as the order has it)
 * @time_in_force: the new time in force, %PADDOCK_TIME_IN_FORCE_UNKNOWN to keep it
 * @client_order_id: (nullable): the new order's client_order_id; %NULL for a fresh UUID v4
 *
 * Changes an order: `PATCH /v2/orders/{id}`, once. The broker answers with a new order
 * (its `replaces` is @order_id); the old one becomes `replaced`. A lost reply is looked up
 * by the new client_order_id. At least one change must be given.
 */
void
paddock_trading_replace_async (PaddockClient       *client,
                               const char          *order_id,
                               const char          *qty,
                               const char          *limit_price,
                               const char          *stop_price,
                               const char          *trail,
                               PaddockTimeInForce   time_in_force,
                               const char          *client_order_id,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  GError *error = NULL;
  GTask *task;
  Action *a;

  g_return_if_fail (PADDOCK_IS_CLIENT (client));

  task = action_task_new (client, ACTION_REPLACE, paddock_trading_replace_async, cancellable,
                          callback, user_data);
  a = g_task_get_task_data (task);
  a->client_order_id = client_order_id != NULL ? g_strdup (client_order_id)
                                               : paddock_random_uuid4 ();

  if (!check_id_arg (order_id, &error) ||
      !check_decimal_arg (qty, _("Quantity"), &error) ||
      !check_decimal_arg (limit_price, _("Limit price"), &error) ||
      !check_decimal_arg (stop_price, _("Stop price"), &error) ||
      !check_decimal_arg (trail, _("Trail"), &error))
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  if (time_in_force > PADDOCK_TIME_IN_FORCE_FOK ||
      (qty == NULL && limit_price == NULL && stop_price == NULL && trail == NULL &&
       time_in_force == PADDOCK_TIME_IN_FORCE_UNKNOWN))
    {
      g_task_return_new_error (task, PADDOCK_ERROR, PADDOCK_ERROR_INVALID_INPUT,
                               _("Give at least one thing to change."));
      g_object_unref (task);
      return;
    }
  if (strlen (a->client_order_id) == 0 ||
      strlen (a->client_order_id) > PADDOCK_CLIENT_ORDER_ID_MAX_LEN)
    {
      g_task_return_new_error (task, PADDOCK_ERROR, PADDOCK_ERROR_INVALID_INPUT,
                               _("The client order ID must be 1 to %d characters without "
                                 "spaces."), PADDOCK_CLIENT_ORDER_ID_MAX_LEN);
      g_object_unref (task);
      return;
    }

  json_builder_begin_object (b);
#define ADD(name, value) \
  if ((value) != NULL) \
    { \
      json_builder_set_member_name (b, name); \
      json_builder_add_string_value (b, value); \
    }
  ADD ("qty", qty);
  ADD ("limit_price", limit_price);
  ADD ("stop_price", stop_price);
  ADD ("trail", trail);
  if (time_in_force != PADDOCK_TIME_IN_FORCE_UNKNOWN)
    {
      g_autoptr (GEnumClass) klass = g_type_class_ref (PADDOCK_TYPE_TIME_IN_FORCE);

      ADD ("time_in_force", g_enum_get_value (klass, time_in_force)->value_nick);
    }
  ADD ("client_order_id", a->client_order_id);
#undef ADD
  json_builder_end_object (b);

  a->method = g_strdup ("PATCH");
  a->path = order_path (order_id);
  a->body = json_builder_get_root (b);
  send (task);
}

/**
 * paddock_trading_replace_finish:
 * @reply_lost: (out) (optional): set when the order was changed but the reply was lost
 *
 * Returns: (transfer full): the new order, or %NULL
 */
PaddockOrder *
paddock_trading_replace_finish (PaddockClient  *client,
                                GAsyncResult   *result,
                                gboolean       *reply_lost,
                                GError        **error)
{
  return action_finish (client, result, paddock_trading_replace_async, reply_lost, error);
}

/**
 * paddock_trading_close_position_async:
 * @symbol: the position's symbol
 * @qty: (nullable): how many shares to close
 * @percentage: (nullable): how much of the position to close, above 0 and at most 100
 *
 * Closes all of a position, or @qty shares, or @percentage of it (not both):
 * `DELETE /v2/positions/{symbol}`, once; the broker places a closing order. Before that,
 * the symbol's latest orders are listed, so that a lost reply can be looked up.
 */
void
paddock_trading_close_position_async (PaddockClient       *client,
                                      const char          *symbol,
                                      const char          *qty,
                                      const char          *percentage,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_autoptr (GHashTable) snapshot_query = NULL;
  g_autofree char *escaped = NULL;
  GError *error = NULL;
  GTask *task;
  Action *a;

  g_return_if_fail (PADDOCK_IS_CLIENT (client));

  task = action_task_new (client, ACTION_CLOSE, paddock_trading_close_position_async,
                          cancellable, callback, user_data);
  if (symbol == NULL || *symbol == '\0' || strlen (symbol) > 64)
    g_set_error_literal (&error, PADDOCK_ERROR, PADDOCK_ERROR_INVALID_INPUT, _("Enter a symbol."));
  else if (qty != NULL && percentage != NULL)
    g_set_error_literal (&error, PADDOCK_ERROR, PADDOCK_ERROR_INVALID_INPUT,
                         _("Give either a quantity or a percentage, not both."));
  else if (check_decimal_arg (qty, _("Quantity"), &error) &&
           check_decimal_arg (percentage, _("Percentage"), &error) &&
           percentage != NULL && paddock_decimal_compare (percentage, "100") > 0)
    g_set_error_literal (&error, PADDOCK_ERROR, PADDOCK_ERROR_INVALID_INPUT,
                         _("The percentage must be at most 100."));
  if (error != NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }

  a = g_task_get_task_data (task);
  escaped = escape_segment (symbol);
  a->method = g_strdup ("DELETE");
  a->path = g_strconcat ("/v2/positions/", escaped, NULL);
  a->symbol = g_strdup (symbol);
  a->query = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  if (qty != NULL)
    g_hash_table_insert (a->query, "qty", g_strdup (qty));
  if (percentage != NULL)
    g_hash_table_insert (a->query, "percentage", g_strdup (percentage));

  snapshot_query = symbol_orders_query (symbol);
  paddock_client_request_async (client, "GET", "/v2/orders", snapshot_query, NULL,
                                PADDOCK_REQUEST_IDEMPOTENT, cancellable, snapshot_cb, task);
}

/**
 * paddock_trading_close_position_finish:
 * @reply_lost: (out) (optional): set when the position was closed but the reply was lost
 *
 * Returns: (transfer full): the closing order, or %NULL
 */
PaddockOrder *
paddock_trading_close_position_finish (PaddockClient  *client,
                                       GAsyncResult   *result,
                                       gboolean       *reply_lost,
                                       GError        **error)
{
  return action_finish (client, result, paddock_trading_close_position_async, reply_lost, error);
}

/* ---- 207 Multi-Status ----------------------------------------------------------------- */

static GError *
part_error (guint       status,
            JsonObject *body)
{
  const char *message = NULL;
  gint64 api_code = 0;
  PaddockError code;
  GError *error;

  if (body != NULL)
    {
      JsonNode *m = json_object_get_member (body, "message");
      JsonNode *c = json_object_get_member (body, "code");

      if (m != NULL && JSON_NODE_HOLDS_VALUE (m) && json_node_get_value_type (m) == G_TYPE_STRING)
        message = json_node_get_string (m);
      if (c != NULL && JSON_NODE_HOLDS_VALUE (c) && json_node_get_value_type (c) == G_TYPE_INT64)
        api_code = json_node_get_int (c);
    }
  if (status == 404)
    code = PADDOCK_ERROR_NOT_FOUND;
  else if (status == 401)
    code = PADDOCK_ERROR_NOT_AUTHORIZED;
  else if (status == 429)
    code = PADDOCK_ERROR_RATE_LIMITED;
  else if (status == 408 || status >= 500)
    code = PADDOCK_ERROR_NETWORK;
  else if (status == 400 || status == 403 || status == 409 || status == 422)
    code = PADDOCK_ERROR_REJECTED;
  else
    code = PADDOCK_ERROR_FAILED;

  if (message != NULL && *message != '\0')
    error = g_error_new_literal (PADDOCK_ERROR, code, message);
  else
    error = g_error_new (PADDOCK_ERROR, code, _("The broker answered with status %u."), status);
  paddock_error_set_api_details (error, status, api_code);
  return error;
}

/* Every part must be readable: a part left out would hide an order */
static GPtrArray *
parse_multi_status (JsonNode    *node,
                    const char  *id_member,
                    GError     **error)
{
  g_autoptr (GPtrArray) results = g_ptr_array_new_with_free_func ((GDestroyNotify) paddock_bulk_result_free);
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      g_set_error_literal (error, PADDOCK_ERROR, PADDOCK_ERROR_PROTOCOL,
                           _("The broker’s answer is not a list of results."));
      return NULL;
    }
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      g_autoptr (PaddockBulkResult) r = g_new0 (PaddockBulkResult, 1);
      JsonObject *obj;
      JsonNode *id, *status, *body;
      gint64 code;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        goto bad;
      obj = json_node_get_object (element);
      id = json_object_get_member (obj, id_member);
      status = json_object_get_member (obj, "status");
      body = json_object_get_member (obj, "body");
      if (id == NULL || !JSON_NODE_HOLDS_VALUE (id) || json_node_get_value_type (id) != G_TYPE_STRING ||
          status == NULL || !JSON_NODE_HOLDS_VALUE (status) ||
          json_node_get_value_type (status) != G_TYPE_INT64)
        goto bad;
      code = json_node_get_int (status);
      if (code < 100 || code > 599)
        goto bad;
      r->id = g_strdup (json_node_get_string (id));
      r->http_status = (guint) code;
      if (code >= 200 && code <= 299)
        {
          if (body != NULL && JSON_NODE_HOLDS_OBJECT (body))
            {
              r->order = paddock_order_new_from_json (body, error);
              if (r->order == NULL)
                return NULL;
            }
        }
      else
        r->error = part_error (r->http_status, body != NULL && JSON_NODE_HOLDS_OBJECT (body)
                                                 ? json_node_get_object (body) : NULL);
      g_ptr_array_add (results, g_steal_pointer (&r));
    }
  return g_steal_pointer (&results);

bad:
  g_set_error_literal (error, PADDOCK_ERROR, PADDOCK_ERROR_PROTOCOL,
                       _("A part of the broker’s answer is not readable."));
  return NULL;
}

static void
cancel_all_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) node = paddock_client_request_finish (PADDOCK_CLIENT (object), result,
                                                             &error);
  GPtrArray *results;

  if (node == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  results = parse_multi_status (node, "id", &error);
  if (results == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, results, (GDestroyNotify) g_ptr_array_unref);
}

/**
 * paddock_trading_cancel_all_async:
 *
 * Cancels every open order: `DELETE /v2/orders` (retried when needed: cancelling twice
 * changes nothing).
 */
void
paddock_trading_cancel_all_async (PaddockClient       *client,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (PADDOCK_IS_CLIENT (client));

  task = g_task_new (client, cancellable, callback, user_data);
  g_task_set_source_tag (task, paddock_trading_cancel_all_async);
  paddock_client_request_async (client, "DELETE", "/v2/orders", NULL, NULL,
                                PADDOCK_REQUEST_IDEMPOTENT, cancellable, cancel_all_cb, task);
}

/**
 * paddock_trading_cancel_all_finish:
 *
 * Returns: (transfer full) (element-type PaddockBulkResult): one result per order the
 *   broker tried to cancel (@id is the order's id), or %NULL
 */
GPtrArray *
paddock_trading_cancel_all_finish (PaddockClient  *client,
                                   GAsyncResult   *result,
                                   GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, client), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * paddock_trading_close_all_positions_async:
 * @cancel_orders: cancel the open orders first
 *
 * Closes every position: `DELETE /v2/positions?cancel_orders=…`, once. A lost reply
 * cannot be looked up: %PADDOCK_ERROR_OUTCOME_UNKNOWN.
 */
void
paddock_trading_close_all_positions_async (PaddockClient       *client,
                                           gboolean             cancel_orders,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data)
{
  GTask *task;
  Action *a;

  g_return_if_fail (PADDOCK_IS_CLIENT (client));

  task = action_task_new (client, ACTION_CLOSE_ALL, paddock_trading_close_all_positions_async,
                          cancellable, callback, user_data);
  a = g_task_get_task_data (task);
  a->method = g_strdup ("DELETE");
  a->path = g_strdup ("/v2/positions");
  a->query = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  g_hash_table_insert (a->query, "cancel_orders", g_strdup (cancel_orders ? "true" : "false"));
  send (task);
}

/**
 * paddock_trading_close_all_positions_finish:
 *
 * Returns: (transfer full) (element-type PaddockBulkResult): one result per position
 *   (@id is its symbol, @order the closing order), or %NULL
 */
GPtrArray *
paddock_trading_close_all_positions_finish (PaddockClient  *client,
                                            GAsyncResult   *result,
                                            GError        **error)
{
  g_autoptr (JsonNode) node = NULL;

  g_return_val_if_fail (g_task_is_valid (result, client), NULL);

  node = g_task_propagate_pointer (G_TASK (result), error);
  if (node == NULL)
    return NULL;
  return parse_multi_status (node, "symbol", error);
}

/* ---- reads and cancel ----------------------------------------------------------------- */

static void
order_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) node = paddock_client_request_finish (PADDOCK_CLIENT (object), result,
                                                             &error);
  PaddockOrder *order = NULL;

  if (node != NULL)
    order = paddock_order_new_from_json (node, &error);
  if (order == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, order, g_object_unref);
}

/**
 * paddock_trading_get_order_async:
 *
 * `GET /v2/orders/{id}`; an unknown id is %PADDOCK_ERROR_NOT_FOUND.
 */
void
paddock_trading_get_order_async (PaddockClient       *client,
                                 const char          *order_id,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;
  g_autofree char *path = NULL;

  g_return_if_fail (PADDOCK_IS_CLIENT (client));

  task = order_task_new (client, order_id, paddock_trading_get_order_async, cancellable,
                         callback, user_data);
  if (task == NULL)
    return;
  path = order_path (order_id);
  paddock_client_request_async (client, "GET", path, NULL, NULL, PADDOCK_REQUEST_IDEMPOTENT,
                                cancellable, order_cb, g_steal_pointer (&task));
}

/**
 * paddock_trading_get_order_finish:
 *
 * Returns: (transfer full): the order, or %NULL
 */
PaddockOrder *
paddock_trading_get_order_finish (PaddockClient  *client,
                                  GAsyncResult   *result,
                                  GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, client), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * paddock_trading_get_order_by_client_id_async:
 *
 * `GET /v2/orders:by_client_order_id?client_order_id=…`; an unknown id is
 * %PADDOCK_ERROR_NOT_FOUND.
 */
void
paddock_trading_get_order_by_client_id_async (PaddockClient       *client,
                                              const char          *client_order_id,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;
  g_autoptr (GHashTable) query = g_hash_table_new (g_str_hash, g_str_equal);

  g_return_if_fail (PADDOCK_IS_CLIENT (client));

  task = order_task_new (client, client_order_id, paddock_trading_get_order_by_client_id_async,
                         cancellable, callback, user_data);
  if (task == NULL)
    return;
  g_hash_table_insert (query, "client_order_id", (char *) client_order_id);
  paddock_client_request_async (client, "GET", "/v2/orders:by_client_order_id", query, NULL,
                                PADDOCK_REQUEST_IDEMPOTENT, cancellable, order_cb,
                                g_steal_pointer (&task));
}

/**
 * paddock_trading_get_order_by_client_id_finish:
 *
 * Returns: (transfer full): the order, or %NULL
 */
PaddockOrder *
paddock_trading_get_order_by_client_id_finish (PaddockClient  *client,
                                               GAsyncResult   *result,
                                               GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, client), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* A refused cancel (422) may be the answer to our own retry, the first DELETE having
 * cancelled the order and its reply lost: the order is then looked at, and one that is
 * cancelled (or being cancelled) is the outcome asked for. */
static void
cancel_check_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  g_autoptr (PaddockOrder) order = paddock_trading_get_order_finish (PADDOCK_CLIENT (object),
                                                                     result, NULL);
  GError *refusal = g_task_get_task_data (task);

  if (order != NULL &&
      (paddock_order_get_status (order) == PADDOCK_ORDER_STATUS_CANCELED ||
       paddock_order_get_status (order) == PADDOCK_ORDER_STATUS_PENDING_CANCEL))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_error_copy (refusal));
}

static void
cancel_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) node = paddock_client_request_finish (PADDOCK_CLIENT (object), result,
                                                             &error);

  if (node != NULL)
    g_task_return_boolean (task, TRUE);
  else if (g_error_matches (error, PADDOCK_ERROR, PADDOCK_ERROR_REJECTED))
    {
      const char *order_id = g_object_get_data (G_OBJECT (task), "paddock-order-id");

      g_task_set_task_data (task, g_steal_pointer (&error), (GDestroyNotify) g_error_free);
      paddock_trading_get_order_async (PADDOCK_CLIENT (object), order_id,
                                       g_task_get_cancellable (task), cancel_check_cb,
                                       g_object_ref (task));
    }
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

/**
 * paddock_trading_cancel_async:
 *
 * Asks for an order to be cancelled: `DELETE /v2/orders/{id}` (204; retried when needed).
 * An order that can no longer be cancelled is %PADDOCK_ERROR_REJECTED (422), an unknown
 * one %PADDOCK_ERROR_NOT_FOUND; a refused one that turns out to be cancelled already (the
 * reply to a first attempt lost, a retry refused) is the success it is. The cancellation itself arrives on trade_updates.
 */
void
paddock_trading_cancel_async (PaddockClient       *client,
                              const char          *order_id,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;
  g_autofree char *path = NULL;

  g_return_if_fail (PADDOCK_IS_CLIENT (client));

  task = order_task_new (client, order_id, paddock_trading_cancel_async, cancellable, callback,
                         user_data);
  if (task == NULL)
    return;
  g_object_set_data_full (G_OBJECT (task), "paddock-order-id", g_strdup (order_id), g_free);
  path = order_path (order_id);
  paddock_client_request_async (client, "DELETE", path, NULL, NULL, PADDOCK_REQUEST_IDEMPOTENT,
                                cancellable, cancel_cb, g_steal_pointer (&task));
}

gboolean
paddock_trading_cancel_finish (PaddockClient  *client,
                               GAsyncResult   *result,
                               GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, client), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
