/* paddock-position.c: Alpaca's position object, every field a GObject property
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The members are described once, in a table (paddock-model-private.h); what is refused
 * and what is tolerated is listed in paddock-position.h. A position is updated in place
 * from the next reply, notifying only the properties that changed, so that the views
 * bound to it follow the market.
 */
#define G_LOG_DOMAIN "paddock-position"

#include "config.h"

#include "paddock-error.h"
#include "paddock-model-private.h"
#include "paddock-position.h"

enum {
  F_ASSET_ID,
  F_SYMBOL,
  F_EXCHANGE,
  F_ASSET_CLASS,
  F_ASSET_MARGINABLE,
  F_QTY,
  F_QTY_AVAILABLE,
  F_AVG_ENTRY_PRICE,
  F_SIDE,
  F_MARKET_VALUE,
  F_COST_BASIS,
  F_UNREALIZED_PL,
  F_UNREALIZED_PLPC,
  F_UNREALIZED_INTRADAY_PL,
  F_UNREALIZED_INTRADAY_PLPC,
  F_CURRENT_PRICE,
  F_LASTDAY_PRICE,
  F_CHANGE_TODAY,
  N_FIELDS
};

#define REQUIRED PADDOCK_FIELD_REQUIRED
#define STRICT PADDOCK_FIELD_STRICT
#define LENIENT PADDOCK_FIELD_LENIENT

static const PaddockField fields[N_FIELDS] = {
  [F_ASSET_ID] = { "asset_id", PADDOCK_FIELD_STRING, LENIENT },
  [F_SYMBOL] = { "symbol", PADDOCK_FIELD_STRING, REQUIRED },
  [F_EXCHANGE] = { "exchange", PADDOCK_FIELD_STRING, LENIENT },
  [F_ASSET_CLASS] = { "asset_class", PADDOCK_FIELD_STRING, LENIENT },
  [F_ASSET_MARGINABLE] = { "asset_marginable", PADDOCK_FIELD_BOOL, LENIENT },
  [F_QTY] = { "qty", PADDOCK_FIELD_DECIMAL, REQUIRED },
  [F_QTY_AVAILABLE] = { "qty_available", PADDOCK_FIELD_DECIMAL, STRICT },
  [F_AVG_ENTRY_PRICE] = { "avg_entry_price", PADDOCK_FIELD_DECIMAL, STRICT },
  [F_SIDE] = { "side", PADDOCK_FIELD_ENUM, LENIENT, paddock_position_side_get_type },
  [F_MARKET_VALUE] = { "market_value", PADDOCK_FIELD_DECIMAL, STRICT },
  [F_COST_BASIS] = { "cost_basis", PADDOCK_FIELD_DECIMAL, STRICT },
  [F_UNREALIZED_PL] = { "unrealized_pl", PADDOCK_FIELD_DECIMAL, STRICT },
  [F_UNREALIZED_PLPC] = { "unrealized_plpc", PADDOCK_FIELD_DECIMAL, STRICT },
  [F_UNREALIZED_INTRADAY_PL] = { "unrealized_intraday_pl", PADDOCK_FIELD_DECIMAL, STRICT },
  [F_UNREALIZED_INTRADAY_PLPC] = { "unrealized_intraday_plpc", PADDOCK_FIELD_DECIMAL, STRICT },
  [F_CURRENT_PRICE] = { "current_price", PADDOCK_FIELD_DECIMAL, STRICT },
  [F_LASTDAY_PRICE] = { "lastday_price", PADDOCK_FIELD_DECIMAL, STRICT },
  [F_CHANGE_TODAY] = { "change_today", PADDOCK_FIELD_DECIMAL, STRICT },
};

static GParamSpec *field_pspecs[N_FIELDS];
static GParamSpec *code_pspecs[N_FIELDS];

static const PaddockFieldTable table = {
  "position", fields, N_FIELDS, field_pspecs, code_pspecs,
};

struct _PaddockPosition
{
  GObject parent_instance;

  PaddockFieldValue values[N_FIELDS];
};

G_DEFINE_FINAL_TYPE (PaddockPosition, paddock_position, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (PaddockPositionSide, paddock_position_side,
  G_DEFINE_ENUM_VALUE (PADDOCK_POSITION_SIDE_UNKNOWN, "unknown"),
  G_DEFINE_ENUM_VALUE (PADDOCK_POSITION_SIDE_LONG, "long"),
  G_DEFINE_ENUM_VALUE (PADDOCK_POSITION_SIDE_SHORT, "short"))

static gboolean
parse_values (JsonNode           *node,
              PaddockFieldValue  *values,
              GError            **error)
{
  if (!_paddock_model_check_object (&table, node, error))
    return FALSE;

  return _paddock_model_parse (&table, json_node_get_object (node), values, error);
}

static void
paddock_position_finalize (GObject *object)
{
  PaddockPosition *self = PADDOCK_POSITION (object);

  _paddock_model_clear (&table, self->values);

  G_OBJECT_CLASS (paddock_position_parent_class)->finalize (object);
}

static void
paddock_position_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  PaddockPosition *self = PADDOCK_POSITION (object);

  if (!_paddock_model_get_property (&table, self->values, prop_id, value))
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
paddock_position_class_init (PaddockPositionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = paddock_position_finalize;
  object_class->get_property = paddock_position_get_property;

  _paddock_model_install (object_class, &table);
}

static void
paddock_position_init (PaddockPosition *self)
{
}

/**
 * paddock_position_new_from_json:
 * @node: the position object as Alpaca sends it
 *
 * Returns: (transfer full): the position, or %NULL with %PADDOCK_ERROR_PROTOCOL
 */
PaddockPosition *
paddock_position_new_from_json (JsonNode  *node,
                                GError   **error)
{
  g_autoptr (PaddockPosition) self = g_object_new (PADDOCK_TYPE_POSITION, NULL);

  if (!parse_values (node, self->values, error))
    return NULL;

  return g_steal_pointer (&self);
}

/**
 * paddock_position_update_from_json:
 * @node: the same position as Alpaca sends it now
 * @changed: (out) (optional): whether any property changed
 *
 * Replaces every field with the one in @node and notifies the properties that changed.
 * The position must be the same: the same symbol, and the same asset_id when both have
 * one. On error nothing changes: %PADDOCK_ERROR_PROTOCOL for a malformed position,
 * %PADDOCK_ERROR_FAILED for another position.
 */
gboolean
paddock_position_update_from_json (PaddockPosition  *self,
                                   JsonNode         *node,
                                   gboolean         *changed,
                                   GError          **error)
{
  PaddockFieldValue next[N_FIELDS] = { { 0 } };
  gboolean any;

  g_return_val_if_fail (PADDOCK_IS_POSITION (self), FALSE);

  if (changed != NULL)
    *changed = FALSE;

  if (!parse_values (node, next, error))
    return FALSE;

  if (g_strcmp0 (self->values[F_SYMBOL].text, next[F_SYMBOL].text) != 0 ||
      (self->values[F_ASSET_ID].set && next[F_ASSET_ID].set &&
       g_strcmp0 (self->values[F_ASSET_ID].text, next[F_ASSET_ID].text) != 0))
    {
      g_set_error (error, PADDOCK_ERROR, PADDOCK_ERROR_FAILED,
                   "The position in %s cannot be updated from the one in %s",
                   self->values[F_SYMBOL].text, next[F_SYMBOL].text);
      _paddock_model_clear (&table, next);
      return FALSE;
    }

  g_object_freeze_notify (G_OBJECT (self));
  any = _paddock_model_assign (G_OBJECT (self), &table, self->values, next);
  g_object_thaw_notify (G_OBJECT (self));

  if (changed != NULL)
    *changed = any;

  return TRUE;
}

#define TEXT_GETTER(fn, f) \
  const char * \
  paddock_position_get_##fn (PaddockPosition *self) \
  { \
    g_return_val_if_fail (PADDOCK_IS_POSITION (self), NULL); \
    return self->values[f].text; \
  }

TEXT_GETTER (asset_id, F_ASSET_ID)
TEXT_GETTER (symbol, F_SYMBOL)
TEXT_GETTER (exchange, F_EXCHANGE)
TEXT_GETTER (asset_class, F_ASSET_CLASS)
TEXT_GETTER (qty, F_QTY)
TEXT_GETTER (qty_available, F_QTY_AVAILABLE)
TEXT_GETTER (avg_entry_price, F_AVG_ENTRY_PRICE)
TEXT_GETTER (side_code, F_SIDE)
TEXT_GETTER (market_value, F_MARKET_VALUE)
TEXT_GETTER (cost_basis, F_COST_BASIS)
TEXT_GETTER (unrealized_pl, F_UNREALIZED_PL)
TEXT_GETTER (unrealized_plpc, F_UNREALIZED_PLPC)
TEXT_GETTER (unrealized_intraday_pl, F_UNREALIZED_INTRADAY_PL)
TEXT_GETTER (unrealized_intraday_plpc, F_UNREALIZED_INTRADAY_PLPC)
TEXT_GETTER (current_price, F_CURRENT_PRICE)
TEXT_GETTER (lastday_price, F_LASTDAY_PRICE)
TEXT_GETTER (change_today, F_CHANGE_TODAY)

gboolean
paddock_position_get_asset_marginable (PaddockPosition *self)
{
  g_return_val_if_fail (PADDOCK_IS_POSITION (self), FALSE);

  return self->values[F_ASSET_MARGINABLE].number;
}

PaddockPositionSide
paddock_position_get_side (PaddockPosition *self)
{
  g_return_val_if_fail (PADDOCK_IS_POSITION (self), PADDOCK_POSITION_SIDE_UNKNOWN);

  return self->values[F_SIDE].number;
}
