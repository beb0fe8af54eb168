/* paddock-trade-update.c: one event of the trade_updates stream
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The members are described once, in a table (paddock-model-private.h); what is refused
 * and what is tolerated is listed in paddock-trade-update.h. The order's JSON is kept
 * next to the parsed order, so that a store can merge the event into the order it
 * already shows (paddock_order_update_from_json()) instead of replacing it.
 */
#define G_LOG_DOMAIN "paddock-trade-update"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "paddock-error.h"
#include "paddock-model-private.h"
#include "paddock-trade-update.h"

enum {
  F_EVENT,
  F_TIMESTAMP,
  F_PRICE,
  F_QTY,
  F_POSITION_QTY,
  F_EXECUTION_ID,
  F_AT,
  F_EVENT_ID,
  N_FIELDS
};

static const PaddockField fields[N_FIELDS] = {
  [F_EVENT] = { "event", PADDOCK_FIELD_ENUM, PADDOCK_FIELD_REQUIRED,
                paddock_trade_event_get_type },
  [F_TIMESTAMP] = { "timestamp", PADDOCK_FIELD_TIME, PADDOCK_FIELD_LENIENT },
  [F_PRICE] = { "price", PADDOCK_FIELD_DECIMAL, PADDOCK_FIELD_STRICT },
  [F_QTY] = { "qty", PADDOCK_FIELD_DECIMAL, PADDOCK_FIELD_STRICT },
  [F_POSITION_QTY] = { "position_qty", PADDOCK_FIELD_DECIMAL, PADDOCK_FIELD_STRICT },
  [F_EXECUTION_ID] = { "execution_id", PADDOCK_FIELD_STRING, PADDOCK_FIELD_LENIENT },
  [F_AT] = { "at", PADDOCK_FIELD_TIME, PADDOCK_FIELD_LENIENT },
  [F_EVENT_ID] = { "event_id", PADDOCK_FIELD_STRING, PADDOCK_FIELD_LENIENT },
};

static GParamSpec *field_pspecs[N_FIELDS];
static GParamSpec *code_pspecs[N_FIELDS];

static const PaddockFieldTable table = {
  "trade update", fields, N_FIELDS, field_pspecs, code_pspecs,
};

struct _PaddockTradeUpdate
{
  GObject parent_instance;

  PaddockFieldValue values[N_FIELDS];
  PaddockOrder *order;
  JsonNode *order_json;
};

G_DEFINE_FINAL_TYPE (PaddockTradeUpdate, paddock_trade_update, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (PaddockTradeEvent, paddock_trade_event,
  G_DEFINE_ENUM_VALUE (PADDOCK_TRADE_EVENT_UNKNOWN, "unknown"),
  G_DEFINE_ENUM_VALUE (PADDOCK_TRADE_EVENT_NEW, "new"),
  G_DEFINE_ENUM_VALUE (PADDOCK_TRADE_EVENT_FILL, "fill"),
  G_DEFINE_ENUM_VALUE (PADDOCK_TRADE_EVENT_PARTIAL_FILL, "partial_fill"),
  G_DEFINE_ENUM_VALUE (PADDOCK_TRADE_EVENT_CANCELED, "canceled"),
  G_DEFINE_ENUM_VALUE (PADDOCK_TRADE_EVENT_EXPIRED, "expired"),
  G_DEFINE_ENUM_VALUE (PADDOCK_TRADE_EVENT_DONE_FOR_DAY, "done_for_day"),
  G_DEFINE_ENUM_VALUE (PADDOCK_TRADE_EVENT_REPLACED, "replaced"),
  G_DEFINE_ENUM_VALUE (PADDOCK_TRADE_EVENT_REJECTED, "rejected"),
  G_DEFINE_ENUM_VALUE (PADDOCK_TRADE_EVENT_PENDING_NEW, "pending_new"),
  G_DEFINE_ENUM_VALUE (PADDOCK_TRADE_EVENT_STOPPED, "stopped"),
  G_DEFINE_ENUM_VALUE (PADDOCK_TRADE_EVENT_PENDING_CANCEL, "pending_cancel"),
  G_DEFINE_ENUM_VALUE (PADDOCK_TRADE_EVENT_PENDING_REPLACE, "pending_replace"),
  G_DEFINE_ENUM_VALUE (PADDOCK_TRADE_EVENT_CALCULATED, "calculated"),
  G_DEFINE_ENUM_VALUE (PADDOCK_TRADE_EVENT_SUSPENDED, "suspended"),
  G_DEFINE_ENUM_VALUE (PADDOCK_TRADE_EVENT_ORDER_REPLACE_REJECTED, "order_replace_rejected"),
  G_DEFINE_ENUM_VALUE (PADDOCK_TRADE_EVENT_ORDER_CANCEL_REJECTED, "order_cancel_rejected"),
  G_DEFINE_ENUM_VALUE (PADDOCK_TRADE_EVENT_ACCEPTED, "accepted"),
  G_DEFINE_ENUM_VALUE (PADDOCK_TRADE_EVENT_RESTATED, "restated"),
  G_DEFINE_ENUM_VALUE (PADDOCK_TRADE_EVENT_HELD, "held"),
  G_DEFINE_ENUM_VALUE (PADDOCK_TRADE_EVENT_PENDING_REVIEW, "pending_review"),
  G_DEFINE_ENUM_VALUE (PADDOCK_TRADE_EVENT_PARTIALLY_FILLED, "partially_filled"))

enum {
  PROP_ORDER = PADDOCK_MODEL_OWN_PROP_BASE,
};

static void
paddock_trade_update_finalize (GObject *object)
{
  PaddockTradeUpdate *self = PADDOCK_TRADE_UPDATE (object);

  _paddock_model_clear (&table, self->values);
  g_clear_object (&self->order);
  g_clear_pointer (&self->order_json, json_node_unref);

  G_OBJECT_CLASS (paddock_trade_update_parent_class)->finalize (object);
}

static void
paddock_trade_update_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  PaddockTradeUpdate *self = PADDOCK_TRADE_UPDATE (object);

  if (prop_id == PROP_ORDER)
    g_value_set_object (value, self->order);
  else if (!_paddock_model_get_property (&table, self->values, prop_id, value))
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
paddock_trade_update_class_init (PaddockTradeUpdateClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = paddock_trade_update_finalize;
  object_class->get_property = paddock_trade_update_get_property;

  _paddock_model_install (object_class, &table);

  /**
   * PaddockTradeUpdate:order:
   *
   * The order as it is after the event.
   */
  g_object_class_install_property (object_class, PROP_ORDER,
                                   g_param_spec_object ("order", NULL, NULL, PADDOCK_TYPE_ORDER,
                                                        flags));
}

static void
paddock_trade_update_init (PaddockTradeUpdate *self)
{
}

/**
 * paddock_trade_update_new_from_json:
 * @node: the `data` member of a trade_updates message
 *
 * Returns: (transfer full): the trade update, or %NULL with %PADDOCK_ERROR_PROTOCOL
 */
PaddockTradeUpdate *
paddock_trade_update_new_from_json (JsonNode  *node,
                                    GError   **error)
{
  g_autoptr (PaddockTradeUpdate) self = g_object_new (PADDOCK_TYPE_TRADE_UPDATE, NULL);
  JsonNode *order;

  if (!_paddock_model_check_object (&table, node, error) ||
      !_paddock_model_parse (&table, json_node_get_object (node), self->values, error))
    return NULL;

  order = json_object_get_member (json_node_get_object (node), "order");
  if (order == NULL || JSON_NODE_HOLDS_NULL (order))
    {
      g_set_error (error, PADDOCK_ERROR, PADDOCK_ERROR_PROTOCOL,
                   _("The server sent a malformed reply: “%s” is missing."), "order");
      return NULL;
    }

  self->order = paddock_order_new_from_json (order, error);
  if (self->order == NULL)
    return NULL;
  self->order_json = json_node_copy (order);

  return g_steal_pointer (&self);
}

/**
 * paddock_trade_update_get_order:
 *
 * Returns: (transfer none): the order as it is after the event
 */
PaddockOrder *
paddock_trade_update_get_order (PaddockTradeUpdate *self)
{
  g_return_val_if_fail (PADDOCK_IS_TRADE_UPDATE (self), NULL);

  return self->order;
}

/**
 * paddock_trade_update_get_order_json:
 *
 * Returns: (transfer none): the order's JSON as sent, to merge the event into an order
 *   already shown with paddock_order_update_from_json()
 */
JsonNode *
paddock_trade_update_get_order_json (PaddockTradeUpdate *self)
{
  g_return_val_if_fail (PADDOCK_IS_TRADE_UPDATE (self), NULL);

  return self->order_json;
}

PaddockTradeEvent
paddock_trade_update_get_event (PaddockTradeUpdate *self)
{
  g_return_val_if_fail (PADDOCK_IS_TRADE_UPDATE (self), PADDOCK_TRADE_EVENT_UNKNOWN);

  return self->values[F_EVENT].number;
}

#define TEXT_GETTER(fn, f) \
  const char * \
  paddock_trade_update_get_##fn (PaddockTradeUpdate *self) \
  { \
    g_return_val_if_fail (PADDOCK_IS_TRADE_UPDATE (self), NULL); \
    return self->values[f].text; \
  }

#define TIME_GETTER(fn, f) \
  GDateTime * \
  paddock_trade_update_get_##fn (PaddockTradeUpdate *self) \
  { \
    g_return_val_if_fail (PADDOCK_IS_TRADE_UPDATE (self), NULL); \
    return self->values[f].time; \
  }

TEXT_GETTER (event_code, F_EVENT)
TIME_GETTER (timestamp, F_TIMESTAMP)
TEXT_GETTER (price, F_PRICE)
TEXT_GETTER (qty, F_QTY)
TEXT_GETTER (position_qty, F_POSITION_QTY)
TEXT_GETTER (execution_id, F_EXECUTION_ID)
TIME_GETTER (at, F_AT)
TEXT_GETTER (event_id, F_EVENT_ID)
