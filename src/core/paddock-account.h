/* paddock-account.h: Alpaca's account object
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define PADDOCK_TYPE_ACCOUNT (paddock_account_get_type ())
G_DECLARE_FINAL_TYPE (PaddockAccount, paddock_account, PADDOCK, ACCOUNT, GObject)

PaddockAccount *paddock_account_new_from_json       (JsonNode       *node,
                                                     GError        **error);
gboolean        paddock_account_update_from_json    (PaddockAccount *self,
                                                     JsonNode       *node,
                                                     GError        **error);

const char     *paddock_account_get_id              (PaddockAccount *self);
const char     *paddock_account_get_account_number  (PaddockAccount *self);
const char     *paddock_account_get_status          (PaddockAccount *self);
const char     *paddock_account_get_currency        (PaddockAccount *self);
const char     *paddock_account_get_cash            (PaddockAccount *self);
const char     *paddock_account_get_equity          (PaddockAccount *self);
const char     *paddock_account_get_last_equity     (PaddockAccount *self);
const char     *paddock_account_get_buying_power    (PaddockAccount *self);
gboolean        paddock_account_get_pattern_day_trader (PaddockAccount *self);
gboolean        paddock_account_get_trading_blocked (PaddockAccount *self);
gboolean        paddock_account_get_account_blocked (PaddockAccount *self);
JsonNode       *paddock_account_to_json             (PaddockAccount *self);

G_END_DECLS
