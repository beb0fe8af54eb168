/* paddock-asset.c: Alpaca's asset object, and looking up an asset and its last trade
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The members are described once, in a table (paddock-model-private.h); what is refused
 * and what is tolerated is listed in paddock-asset.h. The latest trade is read through a
 * table of its own (no GObject: the order ticket only needs its price).
 */
#define G_LOG_DOMAIN "paddock-asset"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "paddock-asset.h"
#include "paddock-error.h"
#include "paddock-model-private.h"

/* the longest symbol looked up (Alpaca's are far shorter; this only bounds the path) */
#define MAX_SYMBOL_LENGTH 64

enum {
  F_ID,
  F_CLASS,
  F_EXCHANGE,
  F_SYMBOL,
  F_NAME,
  F_STATUS,
  F_TRADABLE,
  F_MARGINABLE,
  F_SHORTABLE,
  F_EASY_TO_BORROW,
  F_FRACTIONABLE,
  F_MAINTENANCE_MARGIN_REQUIREMENT,
  F_MIN_ORDER_SIZE,
  F_MIN_TRADE_INCREMENT,
  F_PRICE_INCREMENT,
  N_FIELDS
};

#define REQUIRED PADDOCK_FIELD_REQUIRED
#define STRICT PADDOCK_FIELD_STRICT
#define LENIENT PADDOCK_FIELD_LENIENT

static const PaddockField fields[N_FIELDS] = {
  [F_ID] = { "id", PADDOCK_FIELD_STRING, LENIENT },
  [F_CLASS] = { "class", PADDOCK_FIELD_STRING, LENIENT },
  [F_EXCHANGE] = { "exchange", PADDOCK_FIELD_STRING, LENIENT },
  [F_SYMBOL] = { "symbol", PADDOCK_FIELD_STRING, REQUIRED },
  [F_NAME] = { "name", PADDOCK_FIELD_STRING, LENIENT },
  [F_STATUS] = { "status", PADDOCK_FIELD_STRING, LENIENT },
  [F_TRADABLE] = { "tradable", PADDOCK_FIELD_BOOL, LENIENT },
  [F_MARGINABLE] = { "marginable", PADDOCK_FIELD_BOOL, LENIENT },
  [F_SHORTABLE] = { "shortable", PADDOCK_FIELD_BOOL, LENIENT },
  [F_EASY_TO_BORROW] = { "easy_to_borrow", PADDOCK_FIELD_BOOL, LENIENT },
  [F_FRACTIONABLE] = { "fractionable", PADDOCK_FIELD_BOOL, LENIENT },
  [F_MAINTENANCE_MARGIN_REQUIREMENT] = { "maintenance_margin_requirement",
                                         PADDOCK_FIELD_DECIMAL, STRICT },
  [F_MIN_ORDER_SIZE] = { "min_order_size", PADDOCK_FIELD_DECIMAL, STRICT },
  [F_MIN_TRADE_INCREMENT] = { "min_trade_increment", PADDOCK_FIELD_DECIMAL, STRICT },
  [F_PRICE_INCREMENT] = { "price_increment", PADDOCK_FIELD_DECIMAL, STRICT },
};

static GParamSpec *field_pspecs[N_FIELDS];
static GParamSpec *code_pspecs[N_FIELDS];

static const PaddockFieldTable table = {
  "asset", fields, N_FIELDS, field_pspecs, code_pspecs,
};

enum {
  PROP_ATTRIBUTES = PADDOCK_MODEL_OWN_PROP_BASE,
};

struct _PaddockAsset
{
  GObject parent_instance;

  PaddockFieldValue values[N_FIELDS];
  GStrv attributes;  /* never NULL once parsed */
};

G_DEFINE_FINAL_TYPE (PaddockAsset, paddock_asset, G_TYPE_OBJECT)

static void
paddock_asset_finalize (GObject *object)
{
  PaddockAsset *self = PADDOCK_ASSET (object);

  _paddock_model_clear (&table, self->values);
  g_clear_pointer (&self->attributes, g_strfreev);

  G_OBJECT_CLASS (paddock_asset_parent_class)->finalize (object);
}

static void
paddock_asset_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  PaddockAsset *self = PADDOCK_ASSET (object);

  if (prop_id == PROP_ATTRIBUTES)
    g_value_set_boxed (value, self->attributes);
  else if (!_paddock_model_get_property (&table, self->values, prop_id, value))
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
paddock_asset_class_init (PaddockAssetClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = paddock_asset_finalize;
  object_class->get_property = paddock_asset_get_property;

  _paddock_model_install (object_class, &table);
  g_object_class_install_property (object_class, PROP_ATTRIBUTES,
                                   g_param_spec_boxed ("attributes", NULL, NULL, G_TYPE_STRV,
                                                       G_PARAM_READABLE |
                                                       G_PARAM_STATIC_STRINGS));
}

static void
paddock_asset_init (PaddockAsset *self)
{
}

/* attributes: the strings of a string array; anything else is treated as absent */
static GStrv
parse_attributes (JsonObject *object)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  JsonNode *member = json_object_get_member (object, "attributes");
  JsonArray *array;

  if (member == NULL || !JSON_NODE_HOLDS_ARRAY (member))
    {
      if (member != NULL && !JSON_NODE_HOLDS_NULL (member))
        g_debug ("The asset's attributes are not an array: ignored");
      return g_strv_builder_end (builder);
    }

  array = json_node_get_array (member);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (JSON_NODE_HOLDS_VALUE (element) && json_node_get_value_type (element) == G_TYPE_STRING)
        g_strv_builder_add (builder, json_node_get_string (element));
      else
        g_debug ("An asset attribute is not a string: ignored");
    }
  return g_strv_builder_end (builder);
}

/**
 * paddock_asset_new_from_json:
 * @node: the asset object as Alpaca sends it
 *
 * Returns: (transfer full): the asset, or %NULL with %PADDOCK_ERROR_PROTOCOL
 */
PaddockAsset *
paddock_asset_new_from_json (JsonNode  *node,
                             GError   **error)
{
  g_autoptr (PaddockAsset) self = g_object_new (PADDOCK_TYPE_ASSET, NULL);

  if (!_paddock_model_check_object (&table, node, error) ||
      !_paddock_model_parse (&table, json_node_get_object (node), self->values, error))
    return NULL;

  self->attributes = parse_attributes (json_node_get_object (node));
  return g_steal_pointer (&self);
}

#define TEXT_GETTER(fn, f) \
  const char * \
  paddock_asset_get_##fn (PaddockAsset *self) \
  { \
    g_return_val_if_fail (PADDOCK_IS_ASSET (self), NULL); \
    return self->values[f].text; \
  }

#define BOOL_GETTER(fn, f) \
  gboolean \
  paddock_asset_get_##fn (PaddockAsset *self) \
  { \
    g_return_val_if_fail (PADDOCK_IS_ASSET (self), FALSE); \
    return self->values[f].number; \
  }

TEXT_GETTER (id, F_ID)
TEXT_GETTER (asset_class, F_CLASS)
TEXT_GETTER (exchange, F_EXCHANGE)
TEXT_GETTER (symbol, F_SYMBOL)
TEXT_GETTER (name, F_NAME)
TEXT_GETTER (status, F_STATUS)
TEXT_GETTER (maintenance_margin_requirement, F_MAINTENANCE_MARGIN_REQUIREMENT)
TEXT_GETTER (min_order_size, F_MIN_ORDER_SIZE)
TEXT_GETTER (min_trade_increment, F_MIN_TRADE_INCREMENT)
TEXT_GETTER (price_increment, F_PRICE_INCREMENT)
BOOL_GETTER (tradable, F_TRADABLE)
BOOL_GETTER (marginable, F_MARGINABLE)
BOOL_GETTER (shortable, F_SHORTABLE)
BOOL_GETTER (easy_to_borrow, F_EASY_TO_BORROW)
BOOL_GETTER (fractionable, F_FRACTIONABLE)

/**
 * paddock_asset_get_attributes:
 *
 * Returns: (transfer none): the asset's attributes, an empty array when it has none
 */
const char * const *
paddock_asset_get_attributes (PaddockAsset *self)
{
  g_return_val_if_fail (PADDOCK_IS_ASSET (self), NULL);
  return (const char * const *) self->attributes;
}

/* ---- lookups ------------------------------------------------------------------------ */

/* The path for @symbol under @prefix and @suffix, or NULL with PADDOCK_ERROR_INVALID_INPUT */
static char *
symbol_path (const char  *prefix,
             const char  *symbol,
             const char  *suffix,
             GError     **error)
{
  g_autofree char *escaped = NULL;

  if (symbol == NULL || *symbol == '\0' || strlen (symbol) > MAX_SYMBOL_LENGTH ||
      !g_utf8_validate (symbol, -1, NULL))
    {
      g_set_error_literal (error, PADDOCK_ERROR, PADDOCK_ERROR_INVALID_INPUT,
                           _("Enter a symbol, such as AAPL."));
      return NULL;
    }
  for (const char *p = symbol; *p != '\0'; p++)
    if (g_ascii_iscntrl (*p) || *p == ' ' || *p == '/')
      {
        g_set_error_literal (error, PADDOCK_ERROR, PADDOCK_ERROR_INVALID_INPUT,
                             _("A symbol has no spaces or slashes."));
        return NULL;
      }

  escaped = g_uri_escape_string (symbol, NULL, FALSE);
  return g_strconcat (prefix, escaped, suffix, NULL);
}

static void
asset_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) node = NULL;
  PaddockAsset *asset;

  node = paddock_client_request_finish (PADDOCK_CLIENT (object), result, &error);
  if (node == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  asset = paddock_asset_new_from_json (node, &error);
  if (asset == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, asset, g_object_unref);
}

/**
 * paddock_asset_lookup_async:
 * @client: a Trading API client
 * @symbol: the symbol (or asset id) to look up, e.g. "AAPL"
 *
 * Asks for `GET /v2/assets/{symbol}` (idempotent, so retried when the network fails).
 */
void
paddock_asset_lookup_async (PaddockClient       *client,
                            const char          *symbol,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;
  g_autofree char *path = NULL;
  GError *error = NULL;

  g_return_if_fail (PADDOCK_IS_CLIENT (client));

  task = g_task_new (client, cancellable, callback, user_data);
  g_task_set_source_tag (task, paddock_asset_lookup_async);
  path = symbol_path ("/v2/assets/", symbol, "", &error);
  if (path == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  paddock_client_request_async (client, "GET", path, NULL, NULL, PADDOCK_REQUEST_IDEMPOTENT,
                                cancellable, asset_cb, g_steal_pointer (&task));
}

/**
 * paddock_asset_lookup_finish:
 *
 * Returns: (transfer full): the asset, or %NULL: %PADDOCK_ERROR_NOT_FOUND for a symbol
 *   the broker does not know, %PADDOCK_ERROR_INVALID_INPUT for one that cannot be asked
 *   for (nothing was sent), or the client's error
 */
PaddockAsset *
paddock_asset_lookup_finish (PaddockClient  *client,
                             GAsyncResult   *result,
                             GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, client), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- the latest trade --------------------------------------------------------------- */

enum {
  T_TIME,
  T_EXCHANGE,
  T_PRICE,
  T_SIZE,
  N_TRADE_FIELDS
};

static const PaddockField trade_fields[N_TRADE_FIELDS] = {
  [T_TIME] = { "t", PADDOCK_FIELD_TIME, LENIENT },
  [T_EXCHANGE] = { "x", PADDOCK_FIELD_STRING, LENIENT },
  [T_PRICE] = { "p", PADDOCK_FIELD_DECIMAL, REQUIRED },
  [T_SIZE] = { "s", PADDOCK_FIELD_DECIMAL, LENIENT },
};

static const PaddockFieldTable trade_table = {
  "trade", trade_fields, N_TRADE_FIELDS, NULL, NULL,
};

void
paddock_trade_free (PaddockTrade *trade)
{
  if (trade == NULL)
    return;
  g_free (trade->symbol);
  g_free (trade->price);
  g_free (trade->size);
  g_free (trade->exchange);
  g_clear_pointer (&trade->time, g_date_time_unref);
  g_free (trade);
}

/**
 * paddock_trade_new_from_json:
 * @node: the reply `{"symbol": "MSFT", "trade": {Trade}}`
 *
 * The price (`p`) is required; the time, exchange and size of the wrong type are treated
 * as absent.
 *
 * Returns: (transfer full): the trade, or %NULL with %PADDOCK_ERROR_PROTOCOL
 */
PaddockTrade *
paddock_trade_new_from_json (JsonNode  *node,
                             GError   **error)
{
  PaddockFieldValue values[N_TRADE_FIELDS] = { { 0 } };
  JsonObject *object;
  JsonNode *trade_node;
  PaddockTrade *trade;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error_literal (error, PADDOCK_ERROR, PADDOCK_ERROR_PROTOCOL,
                           _("The latest trade is not a JSON object."));
      return NULL;
    }
  object = json_node_get_object (node);
  trade_node = json_object_get_member (object, "trade");
  if (!_paddock_model_check_object (&trade_table, trade_node, error) ||
      !_paddock_model_parse (&trade_table, json_node_get_object (trade_node), values, error))
    return NULL;

  trade = g_new0 (PaddockTrade, 1);
  if (json_object_has_member (object, "symbol") &&
      JSON_NODE_HOLDS_VALUE (json_object_get_member (object, "symbol")) &&
      json_node_get_value_type (json_object_get_member (object, "symbol")) == G_TYPE_STRING)
    trade->symbol = g_strdup (json_object_get_string_member (object, "symbol"));
  trade->price = g_steal_pointer (&values[T_PRICE].text);
  trade->size = g_steal_pointer (&values[T_SIZE].text);
  trade->exchange = g_steal_pointer (&values[T_EXCHANGE].text);
  trade->time = values[T_TIME].time != NULL ? g_date_time_ref (values[T_TIME].time) : NULL;
  _paddock_model_clear (&trade_table, values);
  return trade;
}

static void
trade_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) node = NULL;
  PaddockTrade *trade;

  node = paddock_client_request_finish (PADDOCK_CLIENT (object), result, &error);
  if (node == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  trade = paddock_trade_new_from_json (node, &error);
  if (trade == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (trade->symbol == NULL)
    trade->symbol = g_strdup (g_task_get_task_data (task));
  g_task_return_pointer (task, trade, (GDestroyNotify) paddock_trade_free);
}

/**
 * paddock_asset_latest_trade_async:
 * @data_client: a Market Data API client (paddock_session_get_data_client())
 * @symbol: the stock's symbol
 *
 * Asks for `GET /v2/stocks/{symbol}/trades/latest?feed=iex` (free plans get the IEX feed
 * only, alpaca-api.md §5.1).
 */
void
paddock_asset_latest_trade_async (PaddockClient       *data_client,
                                  const char          *symbol,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;
  g_autoptr (GHashTable) query = NULL;
  g_autofree char *path = NULL;
  GError *error = NULL;

  g_return_if_fail (PADDOCK_IS_CLIENT (data_client));

  task = g_task_new (data_client, cancellable, callback, user_data);
  g_task_set_source_tag (task, paddock_asset_latest_trade_async);
  path = symbol_path ("/v2/stocks/", symbol, "/trades/latest", &error);
  if (path == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_set_task_data (task, g_strdup (symbol), g_free);
  query = g_hash_table_new (g_str_hash, g_str_equal);
  g_hash_table_insert (query, (gpointer) "feed", (gpointer) "iex");
  paddock_client_request_async (data_client, "GET", path, query, NULL,
                                PADDOCK_REQUEST_IDEMPOTENT, cancellable, trade_cb,
                                g_steal_pointer (&task));
}

/**
 * paddock_asset_latest_trade_finish:
 *
 * Returns: (transfer full): the latest trade, or %NULL: %PADDOCK_ERROR_NOT_FOUND for a
 *   symbol the data API does not know, or the client's error
 */
PaddockTrade *
paddock_asset_latest_trade_finish (PaddockClient  *data_client,
                                   GAsyncResult   *result,
                                   GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, data_client), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
