/* paddock-account-item.h: one stored account, as the account switcher lists it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "paddock-endpoints.h"

G_BEGIN_DECLS

#define PADDOCK_TYPE_ACCOUNT_ITEM (paddock_account_item_get_type ())
G_DECLARE_FINAL_TYPE (PaddockAccountItem, paddock_account_item, PADDOCK, ACCOUNT_ITEM, GObject)

PaddockAccountItem *paddock_account_item_new                (const char         *id,
                                                             PaddockEnvironment  environment,
                                                             const char         *account_number);
const char         *paddock_account_item_get_id             (PaddockAccountItem *self);
PaddockEnvironment  paddock_account_item_get_environment    (PaddockAccountItem *self);
const char         *paddock_account_item_get_account_number (PaddockAccountItem *self);
const char         *paddock_account_item_get_equity         (PaddockAccountItem *self);
void                paddock_account_item_set_equity         (PaddockAccountItem *self,
                                                             const char         *equity);

G_END_DECLS
