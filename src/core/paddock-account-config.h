/* paddock-account-config.h: the account's settings (/v2/account/configurations)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each member of alpaca-api.md §2.2 is a read-only property named after it
 * ("dtbp_check" → "dtbp-check"): dtbp_check and pdt_check are PaddockConfigCheck (their
 * text in "dtbp-check-code"), trade_confirm_email a PaddockConfirmEmail, suspend_trade,
 * no_shorting, fractional_trading and ptp_no_exception_entry booleans,
 * max_margin_multiplier and max_options_trading_level decimal text. A member missing,
 * null or of the wrong type is unset (see paddock_account_config_has()); a code this
 * version does not know is the enum's UNKNOWN with its text kept. Members this version does
 * not know are kept too: paddock_account_config_to_json() is the object as the server sent
 * it, and paddock_account_config_get_unknown_keys() names them. A reply that is not an
 * object is %PADDOCK_ERROR_PROTOCOL.
 *
 * Changing settings: paddock_account_config_add_change() checks one KEY=VALUE (as a person
 * types them) and adds it, typed, to a JSON object; paddock_account_config_update_async()
 * sends that object with PATCH and reads back the whole object the server answers. A PATCH
 * needs the `account:write` scope: a 403 is %PADDOCK_ERROR_MISSING_SCOPE (sign in again and
 * allow it); a value the server refuses is %PADDOCK_ERROR_REJECTED (400).
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "paddock-client.h"

G_BEGIN_DECLS

typedef enum {
  PADDOCK_CONFIG_CHECK_UNKNOWN,
  PADDOCK_CONFIG_CHECK_BOTH,
  PADDOCK_CONFIG_CHECK_ENTRY,
  PADDOCK_CONFIG_CHECK_EXIT,
} PaddockConfigCheck;

typedef enum {
  PADDOCK_CONFIRM_EMAIL_UNKNOWN,
  PADDOCK_CONFIRM_EMAIL_ALL,
  PADDOCK_CONFIRM_EMAIL_NONE,
} PaddockConfirmEmail;

#define PADDOCK_TYPE_CONFIG_CHECK (paddock_config_check_get_type ())
GType paddock_config_check_get_type (void) G_GNUC_CONST;
#define PADDOCK_TYPE_CONFIRM_EMAIL (paddock_confirm_email_get_type ())
GType paddock_confirm_email_get_type (void) G_GNUC_CONST;

#define PADDOCK_TYPE_ACCOUNT_CONFIG (paddock_account_config_get_type ())
G_DECLARE_FINAL_TYPE (PaddockAccountConfig, paddock_account_config, PADDOCK, ACCOUNT_CONFIG,
                      GObject)

PaddockAccountConfig *paddock_account_config_new_from_json (JsonNode              *node,
                                                            GError               **error);

gboolean            paddock_account_config_has                   (PaddockAccountConfig *self,
                                                                  const char           *key);
PaddockConfigCheck  paddock_account_config_get_dtbp_check        (PaddockAccountConfig *self);
PaddockConfigCheck  paddock_account_config_get_pdt_check         (PaddockAccountConfig *self);
PaddockConfirmEmail paddock_account_config_get_trade_confirm_email (PaddockAccountConfig *self);
gboolean            paddock_account_config_get_suspend_trade     (PaddockAccountConfig *self);
gboolean            paddock_account_config_get_no_shorting       (PaddockAccountConfig *self);
gboolean            paddock_account_config_get_fractional_trading (PaddockAccountConfig *self);
gboolean            paddock_account_config_get_ptp_no_exception_entry (PaddockAccountConfig *self);
const char         *paddock_account_config_get_max_margin_multiplier (PaddockAccountConfig *self);
const char         *paddock_account_config_get_max_options_trading_level (PaddockAccountConfig *self);
const char         *paddock_account_config_get_text              (PaddockAccountConfig *self,
                                                                  const char           *key);
JsonNode           *paddock_account_config_to_json               (PaddockAccountConfig *self);
GStrv               paddock_account_config_get_unknown_keys      (PaddockAccountConfig *self);

const char * const *paddock_account_config_settable_keys         (void);
gboolean            paddock_account_config_add_change            (JsonObject           *changes,
                                                                  const char           *key,
                                                                  const char           *value,
                                                                  GError              **error);

void                paddock_account_config_get_async     (PaddockClient        *client,
                                                          GCancellable         *cancellable,
                                                          GAsyncReadyCallback   callback,
                                                          gpointer              user_data);
PaddockAccountConfig *paddock_account_config_get_finish  (PaddockClient        *client,
                                                          GAsyncResult         *result,
                                                          GError              **error);
void                paddock_account_config_update_async  (PaddockClient        *client,
                                                          JsonObject           *changes,
                                                          GCancellable         *cancellable,
                                                          GAsyncReadyCallback   callback,
                                                          gpointer              user_data);
PaddockAccountConfig *paddock_account_config_update_finish (PaddockClient      *client,
                                                            GAsyncResult       *result,
                                                            GError            **error);

G_END_DECLS
