/* paddock-order.c: Alpaca's order object, every field a GObject property
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The members are described once, in a table (paddock-model-private.h); what is refused
 * and what is tolerated is listed in paddock-order.h. An order is updated in place (from
 * a REST reply or a trade update): only the properties that changed are notified, and its
 * legs, a GListModel that stays the same object, are updated in place too while they are
 * the same orders, so that views bound to an order or a leg follow it.
 */
#define G_LOG_DOMAIN "paddock-order"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "paddock-error.h"
#include "paddock-model-private.h"
#include "paddock-order.h"

/* a bracket order's legs have no legs of their own; allow some room, not unbounded */
#define MAX_LEG_DEPTH 3

enum {
  F_ID,
  F_CLIENT_ORDER_ID,
  F_CREATED_AT,
  F_UPDATED_AT,
  F_SUBMITTED_AT,
  F_FILLED_AT,
  F_EXPIRED_AT,
  F_CANCELED_AT,
  F_FAILED_AT,
  F_REPLACED_AT,
  F_REPLACED_BY,
  F_REPLACES,
  F_ASSET_ID,
  F_SYMBOL,
  F_ASSET_CLASS,
  F_NOTIONAL,
  F_QTY,
  F_FILLED_QTY,
  F_FILLED_AVG_PRICE,
  F_ORDER_CLASS,
  F_ORDER_TYPE,
  F_TYPE,
  F_SIDE,
  F_TIME_IN_FORCE,
  F_LIMIT_PRICE,
  F_STOP_PRICE,
  F_TRAIL_PRICE,
  F_TRAIL_PERCENT,
  F_HWM,
  F_STATUS,
  F_EXTENDED_HOURS,
  F_POSITION_INTENT,
  F_EXPIRES_AT,
  F_RATIO_QTY,
  F_CANCEL_REQUESTED_AT,
  N_FIELDS
};

#define REQUIRED PADDOCK_FIELD_REQUIRED
#define STRICT PADDOCK_FIELD_STRICT
#define LENIENT PADDOCK_FIELD_LENIENT
#define SHARED PADDOCK_FIELD_SHARED

static const PaddockField fields[N_FIELDS] = {
  [F_ID] = { "id", PADDOCK_FIELD_STRING, REQUIRED },
  [F_CLIENT_ORDER_ID] = { "client_order_id", PADDOCK_FIELD_STRING, LENIENT },
  [F_CREATED_AT] = { "created_at", PADDOCK_FIELD_TIME, LENIENT },
  [F_UPDATED_AT] = { "updated_at", PADDOCK_FIELD_TIME, LENIENT },
  [F_SUBMITTED_AT] = { "submitted_at", PADDOCK_FIELD_TIME, LENIENT },
  [F_FILLED_AT] = { "filled_at", PADDOCK_FIELD_TIME, LENIENT },
  [F_EXPIRED_AT] = { "expired_at", PADDOCK_FIELD_TIME, LENIENT },
  [F_CANCELED_AT] = { "canceled_at", PADDOCK_FIELD_TIME, LENIENT },
  [F_FAILED_AT] = { "failed_at", PADDOCK_FIELD_TIME, LENIENT },
  [F_REPLACED_AT] = { "replaced_at", PADDOCK_FIELD_TIME, LENIENT },
  [F_REPLACED_BY] = { "replaced_by", PADDOCK_FIELD_STRING, LENIENT },
  [F_REPLACES] = { "replaces", PADDOCK_FIELD_STRING, LENIENT },
  [F_ASSET_ID] = { "asset_id", PADDOCK_FIELD_STRING, LENIENT },
  [F_SYMBOL] = { "symbol", PADDOCK_FIELD_STRING, REQUIRED | SHARED },
  [F_ASSET_CLASS] = { "asset_class", PADDOCK_FIELD_STRING, LENIENT | SHARED },
  [F_NOTIONAL] = { "notional", PADDOCK_FIELD_DECIMAL, STRICT },
  [F_QTY] = { "qty", PADDOCK_FIELD_DECIMAL, STRICT },
  [F_FILLED_QTY] = { "filled_qty", PADDOCK_FIELD_DECIMAL, STRICT },
  [F_FILLED_AVG_PRICE] = { "filled_avg_price", PADDOCK_FIELD_DECIMAL, STRICT },
  [F_ORDER_CLASS] = { "order_class", PADDOCK_FIELD_ENUM, LENIENT | SHARED,
                      paddock_order_class_kind_get_type, "simple" },
  [F_ORDER_TYPE] = { "order_type", PADDOCK_FIELD_STRING, LENIENT | SHARED },
  [F_TYPE] = { "type", PADDOCK_FIELD_ENUM, LENIENT | SHARED, paddock_order_type_get_type },
  [F_SIDE] = { "side", PADDOCK_FIELD_ENUM, REQUIRED | SHARED, paddock_order_side_get_type },
  [F_TIME_IN_FORCE] = { "time_in_force", PADDOCK_FIELD_ENUM, LENIENT | SHARED,
                        paddock_time_in_force_get_type },
  [F_LIMIT_PRICE] = { "limit_price", PADDOCK_FIELD_DECIMAL, STRICT },
  [F_STOP_PRICE] = { "stop_price", PADDOCK_FIELD_DECIMAL, STRICT },
  [F_TRAIL_PRICE] = { "trail_price", PADDOCK_FIELD_DECIMAL, STRICT },
  [F_TRAIL_PERCENT] = { "trail_percent", PADDOCK_FIELD_DECIMAL, STRICT },
  [F_HWM] = { "hwm", PADDOCK_FIELD_DECIMAL, STRICT },
  [F_STATUS] = { "status", PADDOCK_FIELD_ENUM, REQUIRED | SHARED, paddock_order_status_get_type },
  [F_EXTENDED_HOURS] = { "extended_hours", PADDOCK_FIELD_BOOL, LENIENT },
  [F_POSITION_INTENT] = { "position_intent", PADDOCK_FIELD_STRING, LENIENT | SHARED },
  [F_EXPIRES_AT] = { "expires_at", PADDOCK_FIELD_TIME, LENIENT },
  [F_RATIO_QTY] = { "ratio_qty", PADDOCK_FIELD_DECIMAL, STRICT },
  [F_CANCEL_REQUESTED_AT] = { "cancel_requested_at", PADDOCK_FIELD_TIME, LENIENT },
};

static GParamSpec *field_pspecs[N_FIELDS];
static GParamSpec *code_pspecs[N_FIELDS];

static const PaddockFieldTable table = {
  "order", fields, N_FIELDS, field_pspecs, code_pspecs,
};

struct _PaddockOrder
{
  GObject parent_instance;

  PaddockFieldValue values[N_FIELDS];
  GListStore *legs;           /* made when first needed: most orders have none */
};

G_DEFINE_FINAL_TYPE (PaddockOrder, paddock_order, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (PaddockOrderStatus, paddock_order_status,
  G_DEFINE_ENUM_VALUE (PADDOCK_ORDER_STATUS_UNKNOWN, "unknown"),
  G_DEFINE_ENUM_VALUE (PADDOCK_ORDER_STATUS_NEW, "new"),
  G_DEFINE_ENUM_VALUE (PADDOCK_ORDER_STATUS_PARTIALLY_FILLED, "partially_filled"),
  G_DEFINE_ENUM_VALUE (PADDOCK_ORDER_STATUS_FILLED, "filled"),
  G_DEFINE_ENUM_VALUE (PADDOCK_ORDER_STATUS_DONE_FOR_DAY, "done_for_day"),
  G_DEFINE_ENUM_VALUE (PADDOCK_ORDER_STATUS_CANCELED, "canceled"),
  G_DEFINE_ENUM_VALUE (PADDOCK_ORDER_STATUS_EXPIRED, "expired"),
  G_DEFINE_ENUM_VALUE (PADDOCK_ORDER_STATUS_REPLACED, "replaced"),
  G_DEFINE_ENUM_VALUE (PADDOCK_ORDER_STATUS_PENDING_CANCEL, "pending_cancel"),
  G_DEFINE_ENUM_VALUE (PADDOCK_ORDER_STATUS_PENDING_REPLACE, "pending_replace"),
  G_DEFINE_ENUM_VALUE (PADDOCK_ORDER_STATUS_ACCEPTED, "accepted"),
  G_DEFINE_ENUM_VALUE (PADDOCK_ORDER_STATUS_PENDING_NEW, "pending_new"),
  G_DEFINE_ENUM_VALUE (PADDOCK_ORDER_STATUS_ACCEPTED_FOR_BIDDING, "accepted_for_bidding"),
  G_DEFINE_ENUM_VALUE (PADDOCK_ORDER_STATUS_STOPPED, "stopped"),
  G_DEFINE_ENUM_VALUE (PADDOCK_ORDER_STATUS_REJECTED, "rejected"),
  G_DEFINE_ENUM_VALUE (PADDOCK_ORDER_STATUS_SUSPENDED, "suspended"),
  G_DEFINE_ENUM_VALUE (PADDOCK_ORDER_STATUS_CALCULATED, "calculated"),
  G_DEFINE_ENUM_VALUE (PADDOCK_ORDER_STATUS_PENDING_REVIEW, "pending_review"),
  G_DEFINE_ENUM_VALUE (PADDOCK_ORDER_STATUS_HELD, "held"))

G_DEFINE_ENUM_TYPE (PaddockOrderSide, paddock_order_side,
  G_DEFINE_ENUM_VALUE (PADDOCK_ORDER_SIDE_UNKNOWN, "unknown"),
  G_DEFINE_ENUM_VALUE (PADDOCK_ORDER_SIDE_BUY, "buy"),
  G_DEFINE_ENUM_VALUE (PADDOCK_ORDER_SIDE_SELL, "sell"))

G_DEFINE_ENUM_TYPE (PaddockOrderType, paddock_order_type,
  G_DEFINE_ENUM_VALUE (PADDOCK_ORDER_TYPE_UNKNOWN, "unknown"),
  G_DEFINE_ENUM_VALUE (PADDOCK_ORDER_TYPE_MARKET, "market"),
  G_DEFINE_ENUM_VALUE (PADDOCK_ORDER_TYPE_LIMIT, "limit"),
  G_DEFINE_ENUM_VALUE (PADDOCK_ORDER_TYPE_STOP, "stop"),
  G_DEFINE_ENUM_VALUE (PADDOCK_ORDER_TYPE_STOP_LIMIT, "stop_limit"),
  G_DEFINE_ENUM_VALUE (PADDOCK_ORDER_TYPE_TRAILING_STOP, "trailing_stop"))

G_DEFINE_ENUM_TYPE (PaddockTimeInForce, paddock_time_in_force,
  G_DEFINE_ENUM_VALUE (PADDOCK_TIME_IN_FORCE_UNKNOWN, "unknown"),
  G_DEFINE_ENUM_VALUE (PADDOCK_TIME_IN_FORCE_DAY, "day"),
  G_DEFINE_ENUM_VALUE (PADDOCK_TIME_IN_FORCE_GTC, "gtc"),
  G_DEFINE_ENUM_VALUE (PADDOCK_TIME_IN_FORCE_OPG, "opg"),
  G_DEFINE_ENUM_VALUE (PADDOCK_TIME_IN_FORCE_CLS, "cls"),
  G_DEFINE_ENUM_VALUE (PADDOCK_TIME_IN_FORCE_IOC, "ioc"),
  G_DEFINE_ENUM_VALUE (PADDOCK_TIME_IN_FORCE_FOK, "fok"))

G_DEFINE_ENUM_TYPE (PaddockOrderClassKind, paddock_order_class_kind,
  G_DEFINE_ENUM_VALUE (PADDOCK_ORDER_CLASS_UNKNOWN, "unknown"),
  G_DEFINE_ENUM_VALUE (PADDOCK_ORDER_CLASS_SIMPLE, "simple"),
  G_DEFINE_ENUM_VALUE (PADDOCK_ORDER_CLASS_BRACKET, "bracket"),
  G_DEFINE_ENUM_VALUE (PADDOCK_ORDER_CLASS_OCO, "oco"),
  G_DEFINE_ENUM_VALUE (PADDOCK_ORDER_CLASS_OTO, "oto"),
  G_DEFINE_ENUM_VALUE (PADDOCK_ORDER_CLASS_MLEG, "mleg"))

enum {
  PROP_IS_OPEN = PADDOCK_MODEL_OWN_PROP_BASE,
  PROP_LEGS,
};

static GParamSpec *prop_is_open;
static GParamSpec *prop_legs;

/* paddock_order_add_open_watch(): one list for every order, in the main thread */
static GHookList open_watches;

static void
call_open_watch (GHook    *hook,
                 gpointer  order)
{
  ((PaddockOrderOpenFunc) hook->func) (order, hook->data);
}

static GListStore *
ensure_legs (PaddockOrder *self)
{
  if (self->legs == NULL)
    self->legs = g_list_store_new (PADDOCK_TYPE_ORDER);
  return self->legs;
}

static guint
n_legs (PaddockOrder *self)
{
  return self->legs != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->legs)) : 0;
}

static PaddockOrder *
order_parse (JsonNode  *node,
             guint      depth,
             GError   **error)
{
  g_autoptr (PaddockOrder) self = g_object_new (PADDOCK_TYPE_ORDER, NULL);
  JsonObject *obj;
  JsonNode *legs;

  if (!_paddock_model_check_object (&table, node, error))
    return NULL;

  obj = json_node_get_object (node);
  if (!_paddock_model_parse (&table, obj, self->values, error))
    return NULL;

  /* `type` is the member to read; `order_type` is its deprecated copy */
  if (!self->values[F_TYPE].set && self->values[F_ORDER_TYPE].set)
    {
      g_autoptr (GEnumClass) klass = g_type_class_ref (PADDOCK_TYPE_ORDER_TYPE);
      GEnumValue *ev = g_enum_get_value_by_nick (klass, self->values[F_ORDER_TYPE].text);

      self->values[F_TYPE].set = TRUE;
      self->values[F_TYPE].text = g_strdup (self->values[F_ORDER_TYPE].text);
      self->values[F_TYPE].number = ev != NULL ? ev->value : PADDOCK_ORDER_TYPE_UNKNOWN;
    }

  legs = json_object_get_member (obj, "legs");
  if (legs != NULL && !JSON_NODE_HOLDS_NULL (legs))
    {
      JsonArray *array;
      guint n;

      if (!JSON_NODE_HOLDS_ARRAY (legs))
        goto bad_legs;

      array = json_node_get_array (legs);
      n = json_array_get_length (array);
      if (n > 0 && depth + 1 >= MAX_LEG_DEPTH)
        goto bad_legs;

      for (guint i = 0; i < n; i++)
        {
          g_autoptr (PaddockOrder) leg = order_parse (json_array_get_element (array, i),
                                                      depth + 1, error);

          if (leg == NULL)
            return NULL;
          g_list_store_append (ensure_legs (self), leg);
        }
    }

  return g_steal_pointer (&self);

bad_legs:
  g_set_error_literal (error, PADDOCK_ERROR, PADDOCK_ERROR_PROTOCOL,
                       _("The server sent a malformed reply: “legs” is not valid."));
  return NULL;
}

static gboolean
same_legs (PaddockOrder *a,
           PaddockOrder *b)
{
  guint n = n_legs (a);

  if (n != n_legs (b))
    return FALSE;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (PaddockOrder) x = g_list_model_get_item (G_LIST_MODEL (a->legs), i);
      g_autoptr (PaddockOrder) y = g_list_model_get_item (G_LIST_MODEL (b->legs), i);

      if (g_strcmp0 (x->values[F_ID].text, y->values[F_ID].text) != 0)
        return FALSE;
    }
  return TRUE;
}

/* Moves next's values into self, notifying what changed. next is left empty. */
static gboolean
order_assign (PaddockOrder *self,
              PaddockOrder *next)
{
  gboolean was_open = paddock_order_is_open (self);
  gboolean changed;

  g_object_freeze_notify (G_OBJECT (self));

  changed = _paddock_model_assign (G_OBJECT (self), &table, self->values, next->values);

  if (same_legs (self, next))
    {
      guint n = n_legs (self);

      for (guint i = 0; i < n; i++)
        {
          g_autoptr (PaddockOrder) leg = g_list_model_get_item (G_LIST_MODEL (self->legs), i);
          g_autoptr (PaddockOrder) next_leg = g_list_model_get_item (G_LIST_MODEL (next->legs),
                                                                     i);

          changed |= order_assign (leg, next_leg);
        }
    }
  else
    {
      guint n = n_legs (next);
      g_autoptr (GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

      for (guint i = 0; i < n; i++)
        g_ptr_array_add (items, g_list_model_get_item (G_LIST_MODEL (next->legs), i));
      if (next->legs != NULL)
        g_list_store_remove_all (next->legs);
      g_list_store_splice (ensure_legs (self), 0, n_legs (self), items->pdata, items->len);
      changed = TRUE;
    }

  if (was_open != paddock_order_is_open (self))
    g_object_notify_by_pspec (G_OBJECT (self), prop_is_open);

  g_object_thaw_notify (G_OBJECT (self));

  if (was_open != paddock_order_is_open (self) && open_watches.is_setup)
    g_hook_list_marshal (&open_watches, FALSE, call_open_watch, self);

  return changed;
}

static void
paddock_order_finalize (GObject *object)
{
  PaddockOrder *self = PADDOCK_ORDER (object);

  _paddock_model_clear (&table, self->values);
  g_clear_object (&self->legs);

  G_OBJECT_CLASS (paddock_order_parent_class)->finalize (object);
}

static void
paddock_order_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  PaddockOrder *self = PADDOCK_ORDER (object);

  switch (prop_id)
    {
    case PROP_IS_OPEN:
      g_value_set_boolean (value, paddock_order_is_open (self));
      break;
    case PROP_LEGS:
      g_value_set_object (value, ensure_legs (self));
      break;
    default:
      if (!_paddock_model_get_property (&table, self->values, prop_id, value))
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      break;
    }
}

static void
paddock_order_class_init (PaddockOrderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = paddock_order_finalize;
  object_class->get_property = paddock_order_get_property;

  _paddock_model_install (object_class, &table);

  /**
   * PaddockOrder:is-open:
   *
   * Whether the order can still fill or be canceled: see paddock_order_status_is_open().
   */
  prop_is_open = g_param_spec_boolean ("is-open", NULL, NULL, FALSE, flags);
  g_object_class_install_property (object_class, PROP_IS_OPEN, prop_is_open);

  /**
   * PaddockOrder:legs:
   *
   * The legs of a bracket, OCO or OTO order (a #GListModel of #PaddockOrder; empty when
   * the server sent none). The model stays the same object for the order's life.
   */
  prop_legs = g_param_spec_object ("legs", NULL, NULL, G_TYPE_LIST_MODEL, flags);
  g_object_class_install_property (object_class, PROP_LEGS, prop_legs);
}

static void
paddock_order_init (PaddockOrder *self)
{
}

/**
 * paddock_order_new_from_json:
 * @node: the order object as Alpaca sends it
 *
 * Returns: (transfer full): the order, or %NULL with %PADDOCK_ERROR_PROTOCOL
 */
PaddockOrder *
paddock_order_new_from_json (JsonNode  *node,
                             GError   **error)
{
  return order_parse (node, 0, error);
}

/**
 * paddock_order_update_from_json:
 * @node: the same order (same `id`) as Alpaca sends it now
 * @changed: (out) (optional): whether any property or leg changed
 *
 * Replaces every field with the one in @node and notifies the properties that changed;
 * legs that are the same orders (same ids, same order) are updated in place. On error
 * nothing changes: %PADDOCK_ERROR_PROTOCOL for a malformed order,
 * %PADDOCK_ERROR_FAILED for another order's id.
 */
gboolean
paddock_order_update_from_json (PaddockOrder  *self,
                                JsonNode      *node,
                                gboolean      *changed,
                                GError       **error)
{
  g_autoptr (PaddockOrder) next = NULL;
  gboolean any;

  g_return_val_if_fail (PADDOCK_IS_ORDER (self), FALSE);

  if (changed != NULL)
    *changed = FALSE;

  next = order_parse (node, 0, error);
  if (next == NULL)
    return FALSE;

  if (g_strcmp0 (self->values[F_ID].text, next->values[F_ID].text) != 0)
    {
      g_set_error (error, PADDOCK_ERROR, PADDOCK_ERROR_FAILED,
                   "Order %s cannot be updated from order %s", self->values[F_ID].text,
                   next->values[F_ID].text);
      return FALSE;
    }

  any = order_assign (self, next);
  if (changed != NULL)
    *changed = any;

  return TRUE;
}

/**
 * paddock_order_status_is_open:
 *
 * Alpaca's rule (alpaca-api.md §2.4): an order is cancelable until it is filled, canceled
 * or expired. Replaced and rejected are final too (a replaced order lives on as its
 * replacement, a rejected one never worked). Every other status, including done_for_day
 * (a GTC order works again the next day) and a status this version does not know, is
 * open: offering Cancel on an order that turns out to be done costs one refused request,
 * hiding it for a working order could cost money.
 *
 * Returns: whether an order in @status can still fill or be canceled
 */
gboolean
paddock_order_status_is_open (PaddockOrderStatus status)
{
  switch (status)
    {
    case PADDOCK_ORDER_STATUS_FILLED:
    case PADDOCK_ORDER_STATUS_CANCELED:
    case PADDOCK_ORDER_STATUS_EXPIRED:
    case PADDOCK_ORDER_STATUS_REPLACED:
    case PADDOCK_ORDER_STATUS_REJECTED:
      return FALSE;
    default:
      return TRUE;
    }
}

/**
 * paddock_order_is_open:
 *
 * Returns: whether the order can still fill or be canceled (the #PaddockOrder:is-open
 *   property)
 */
gboolean
paddock_order_is_open (PaddockOrder *self)
{
  g_return_val_if_fail (PADDOCK_IS_ORDER (self), FALSE);

  /* an empty object (never parsed) is not an order at all */
  if (!self->values[F_STATUS].set)
    return FALSE;

  return paddock_order_status_is_open (self->values[F_STATUS].number);
}

/**
 * paddock_order_add_open_watch:
 * @func: called with every order whose #PaddockOrder:is-open changes
 * @user_data: data for @func
 *
 * Watches every order at once: what a list of thousands of orders uses instead of a
 * `notify::is-open` handler on each (a handler costs about 0.2 KB an order). Orders
 * are updated, and @func called, in the main thread.
 *
 * Returns: an id for paddock_order_remove_open_watch()
 */
gulong
paddock_order_add_open_watch (PaddockOrderOpenFunc func,
                              gpointer             user_data)
{
  GHook *hook;

  g_return_val_if_fail (func != NULL, 0);

  if (!open_watches.is_setup)
    g_hook_list_init (&open_watches, sizeof (GHook));
  hook = g_hook_alloc (&open_watches);
  hook->func = (gpointer) func;
  hook->data = user_data;
  g_hook_append (&open_watches, hook);
  return hook->hook_id;
}

/**
 * paddock_order_remove_open_watch:
 * @id: what paddock_order_add_open_watch() returned
 */
void
paddock_order_remove_open_watch (gulong id)
{
  g_return_if_fail (id != 0 && open_watches.is_setup);

  if (!g_hook_destroy (&open_watches, id))
    g_warning ("no order watch %lu", id);
}

/**
 * paddock_order_get_legs:
 *
 * Returns: (transfer none): the legs, a #GListModel of #PaddockOrder
 */
GListModel *
paddock_order_get_legs (PaddockOrder *self)
{
  g_return_val_if_fail (PADDOCK_IS_ORDER (self), NULL);

  return G_LIST_MODEL (ensure_legs (self));
}

/**
 * paddock_order_get_n_legs:
 *
 * Returns: how many legs the order has (without making its legs model)
 */
guint
paddock_order_get_n_legs (PaddockOrder *self)
{
  g_return_val_if_fail (PADDOCK_IS_ORDER (self), 0);

  return n_legs (self);
}

#define TEXT_GETTER(fn, f) \
  const char * \
  paddock_order_get_##fn (PaddockOrder *self) \
  { \
    g_return_val_if_fail (PADDOCK_IS_ORDER (self), NULL); \
    return self->values[f].text; \
  }

#define TIME_GETTER(fn, f) \
  GDateTime * \
  paddock_order_get_##fn (PaddockOrder *self) \
  { \
    g_return_val_if_fail (PADDOCK_IS_ORDER (self), NULL); \
    return self->values[f].time; \
  }

#define ENUM_GETTER(type, fn, f) \
  type \
  paddock_order_get_##fn (PaddockOrder *self) \
  { \
    g_return_val_if_fail (PADDOCK_IS_ORDER (self), 0); \
    return (type) self->values[f].number; \
  }

TEXT_GETTER (id, F_ID)
TEXT_GETTER (client_order_id, F_CLIENT_ORDER_ID)
TIME_GETTER (created_at, F_CREATED_AT)
TIME_GETTER (updated_at, F_UPDATED_AT)
TIME_GETTER (submitted_at, F_SUBMITTED_AT)
TIME_GETTER (filled_at, F_FILLED_AT)
TIME_GETTER (expired_at, F_EXPIRED_AT)
TIME_GETTER (canceled_at, F_CANCELED_AT)
TIME_GETTER (failed_at, F_FAILED_AT)
TIME_GETTER (replaced_at, F_REPLACED_AT)
TIME_GETTER (expires_at, F_EXPIRES_AT)
TIME_GETTER (cancel_requested_at, F_CANCEL_REQUESTED_AT)
TEXT_GETTER (replaced_by, F_REPLACED_BY)
TEXT_GETTER (replaces, F_REPLACES)
TEXT_GETTER (asset_id, F_ASSET_ID)
TEXT_GETTER (symbol, F_SYMBOL)
TEXT_GETTER (asset_class, F_ASSET_CLASS)
TEXT_GETTER (notional, F_NOTIONAL)
TEXT_GETTER (qty, F_QTY)
TEXT_GETTER (filled_qty, F_FILLED_QTY)
TEXT_GETTER (filled_avg_price, F_FILLED_AVG_PRICE)
TEXT_GETTER (order_type, F_ORDER_TYPE)
TEXT_GETTER (limit_price, F_LIMIT_PRICE)
TEXT_GETTER (stop_price, F_STOP_PRICE)
TEXT_GETTER (trail_price, F_TRAIL_PRICE)
TEXT_GETTER (trail_percent, F_TRAIL_PERCENT)
TEXT_GETTER (hwm, F_HWM)
TEXT_GETTER (ratio_qty, F_RATIO_QTY)
TEXT_GETTER (position_intent, F_POSITION_INTENT)
ENUM_GETTER (gboolean, extended_hours, F_EXTENDED_HOURS)
ENUM_GETTER (PaddockOrderStatus, status, F_STATUS)
TEXT_GETTER (status_code, F_STATUS)
ENUM_GETTER (PaddockOrderSide, side, F_SIDE)
TEXT_GETTER (side_code, F_SIDE)
ENUM_GETTER (PaddockOrderType, kind, F_TYPE)
TEXT_GETTER (type_code, F_TYPE)
ENUM_GETTER (PaddockTimeInForce, time_in_force, F_TIME_IN_FORCE)
TEXT_GETTER (time_in_force_code, F_TIME_IN_FORCE)
ENUM_GETTER (PaddockOrderClassKind, order_class, F_ORDER_CLASS)
TEXT_GETTER (order_class_code, F_ORDER_CLASS)
