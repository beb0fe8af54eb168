/* paddock-position.h: Alpaca's position object
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every member of the Position object (alpaca-api.md §2.5) is a read-only property named
 * after it ("avg_entry_price" → "avg-entry-price"), decimals as the strings sent, NULL
 * when null or absent. A short position has side SHORT and a negative qty and
 * market_value, exactly as sent. side is an enum whose UNKNOWN value stands for a code this
 * version does not know; the code is kept ("side-code").
 *
 * What is refused (PADDOCK_ERROR_PROTOCOL, the whole position) and what is tolerated:
 * - symbol (a string) and qty (a decimal) are required: missing, null or of the wrong
 *   type refuses the position.
 * - every other decimal (qty_available, avg_entry_price, market_value, cost_basis,
 *   unrealized_pl, unrealized_plpc, unrealized_intraday_pl, unrealized_intraday_plpc,
 *   current_price, lastday_price, change_today) may be null or absent, but one that is
 *   there and is not decimal text (or is absurdly long) refuses the position. A JSON
 *   number is accepted as its text. The *_plpc and change_today members are fractions
 *   (0.01 is 1 %).
 * - asset_id, exchange, asset_class, asset_marginable and side of the wrong type are
 *   treated as absent (logged at debug level).
 * Unknown members are ignored.
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef enum {
  PADDOCK_POSITION_SIDE_UNKNOWN,
  PADDOCK_POSITION_SIDE_LONG,
  PADDOCK_POSITION_SIDE_SHORT,
} PaddockPositionSide;

#define PADDOCK_TYPE_POSITION_SIDE (paddock_position_side_get_type ())
GType paddock_position_side_get_type (void) G_GNUC_CONST;

#define PADDOCK_TYPE_POSITION (paddock_position_get_type ())
G_DECLARE_FINAL_TYPE (PaddockPosition, paddock_position, PADDOCK, POSITION, GObject)

PaddockPosition     *paddock_position_new_from_json                 (JsonNode         *node,
                                                                     GError          **error);
gboolean             paddock_position_update_from_json              (PaddockPosition  *self,
                                                                     JsonNode         *node,
                                                                     gboolean         *changed,
                                                                     GError          **error);

const char          *paddock_position_get_asset_id                  (PaddockPosition  *self);
const char          *paddock_position_get_symbol                    (PaddockPosition  *self);
const char          *paddock_position_get_exchange                  (PaddockPosition  *self);
const char          *paddock_position_get_asset_class               (PaddockPosition  *self);
gboolean             paddock_position_get_asset_marginable          (PaddockPosition  *self);
const char          *paddock_position_get_qty                       (PaddockPosition  *self);
const char          *paddock_position_get_qty_available             (PaddockPosition  *self);
const char          *paddock_position_get_avg_entry_price           (PaddockPosition  *self);
PaddockPositionSide  paddock_position_get_side                      (PaddockPosition  *self);
const char          *paddock_position_get_side_code                 (PaddockPosition  *self);
const char          *paddock_position_get_market_value              (PaddockPosition  *self);
const char          *paddock_position_get_cost_basis                (PaddockPosition  *self);
const char          *paddock_position_get_unrealized_pl             (PaddockPosition  *self);
const char          *paddock_position_get_unrealized_plpc           (PaddockPosition  *self);
const char          *paddock_position_get_unrealized_intraday_pl    (PaddockPosition  *self);
const char          *paddock_position_get_unrealized_intraday_plpc  (PaddockPosition  *self);
const char          *paddock_position_get_current_price             (PaddockPosition  *self);
const char          *paddock_position_get_lastday_price             (PaddockPosition  *self);
const char          *paddock_position_get_change_today              (PaddockPosition  *self);

G_END_DECLS
