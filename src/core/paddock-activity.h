/* paddock-activity.h: one entry of Alpaca's account activities
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Both kinds of activity (alpaca-api.md §2.10) are one class: a trade activity
 * (activity_type "FILL": transaction_time, type, price, qty, side, symbol, leaves_qty,
 * cum_qty, order_id, order_status) and a non-trade activity (DIV, CSD, FEE, …: date,
 * net_amount, symbol, qty, per_share_amount, description, status). Every member is a
 * read-only property named after it, decimals as the strings sent, NULL when null or
 * absent (and for the members of the other kind). activity_type is kept as its code:
 * paddock_activity_type_label() names the known ones and gives an unknown one back as
 * its code, so a new type is shown, never refused. An activity does not change once
 * made, so there is no update.
 *
 * The id has the form `<20-digit time>::<uuid>` and is the page_token of the next page;
 * paddock_activity_get_id_time() and paddock_activity_get_id_uuid() give its parts, or
 * NULL for an id of another form (kept as an opaque token).
 *
 * What is refused (PADDOCK_ERROR_PROTOCOL, the whole activity) and what is tolerated:
 * - id (a non-empty string) and activity_type (a string) are required.
 * - every decimal (price, qty, leaves_qty, cum_qty, net_amount, per_share_amount) may be
 *   null or absent, but one that is there and is not decimal text (or is absurdly long)
 *   refuses the activity. A JSON number is accepted as its text.
 * - every other member (transaction_time, date, type, side, symbol, order_id,
 *   order_status, description, status) of the wrong type is treated as absent (logged
 *   at debug level). date is kept as the text sent ("2024-01-08").
 * Unknown members are ignored.
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define PADDOCK_TYPE_ACTIVITY (paddock_activity_get_type ())
G_DECLARE_FINAL_TYPE (PaddockActivity, paddock_activity, PADDOCK, ACTIVITY, GObject)

PaddockActivity *paddock_activity_new_from_json          (JsonNode         *node,
                                                          GError          **error);

const char      *paddock_activity_type_label             (const char       *activity_type);

gboolean         paddock_activity_is_trade               (PaddockActivity  *self);
const char      *paddock_activity_get_id                 (PaddockActivity  *self);
const char      *paddock_activity_get_id_time            (PaddockActivity  *self);
const char      *paddock_activity_get_id_uuid            (PaddockActivity  *self);
const char      *paddock_activity_get_activity_type      (PaddockActivity  *self);
const char      *paddock_activity_get_type_label         (PaddockActivity  *self);

/* trade activities */
GDateTime       *paddock_activity_get_transaction_time   (PaddockActivity  *self);
const char      *paddock_activity_get_fill_type          (PaddockActivity  *self);
const char      *paddock_activity_get_price              (PaddockActivity  *self);
const char      *paddock_activity_get_side               (PaddockActivity  *self);
const char      *paddock_activity_get_leaves_qty         (PaddockActivity  *self);
const char      *paddock_activity_get_cum_qty            (PaddockActivity  *self);
const char      *paddock_activity_get_order_id           (PaddockActivity  *self);
const char      *paddock_activity_get_order_status       (PaddockActivity  *self);

/* both */
const char      *paddock_activity_get_symbol             (PaddockActivity  *self);
const char      *paddock_activity_get_qty                (PaddockActivity  *self);

/* non-trade activities */
const char      *paddock_activity_get_date               (PaddockActivity  *self);
const char      *paddock_activity_get_net_amount         (PaddockActivity  *self);
const char      *paddock_activity_get_per_share_amount   (PaddockActivity  *self);
const char      *paddock_activity_get_description        (PaddockActivity  *self);
const char      *paddock_activity_get_status             (PaddockActivity  *self);

G_END_DECLS
