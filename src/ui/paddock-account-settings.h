/* paddock-account-settings.h: the account's settings (/v2/account/configurations), explained
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "paddock-session.h"

G_BEGIN_DECLS

/**
 * PaddockAccountSettingsState:
 * @PADDOCK_ACCOUNT_SETTINGS_LOADING: the settings are on their way: a spinner
 * @PADDOCK_ACCOUNT_SETTINGS_READY: the rows show what the server read back
 * @PADDOCK_ACCOUNT_SETTINGS_FAILED: reading them failed: the error in words and Try Again
 */
typedef enum {
  PADDOCK_ACCOUNT_SETTINGS_LOADING,
  PADDOCK_ACCOUNT_SETTINGS_READY,
  PADDOCK_ACCOUNT_SETTINGS_FAILED,
} PaddockAccountSettingsState;

#define PADDOCK_TYPE_ACCOUNT_SETTINGS (paddock_account_settings_get_type ())
G_DECLARE_FINAL_TYPE (PaddockAccountSettings, paddock_account_settings, PADDOCK,
                      ACCOUNT_SETTINGS, AdwPreferencesWindow)

PaddockAccountSettings     *paddock_account_settings_new         (PaddockSession         *session);
PaddockAccountSettingsState paddock_account_settings_get_state   (PaddockAccountSettings *self);
gboolean                    paddock_account_settings_get_saving  (PaddockAccountSettings *self);
const char                 *paddock_account_settings_get_message (PaddockAccountSettings *self);
gboolean                    paddock_account_settings_get_missing_scope (PaddockAccountSettings *self);
const char                 *paddock_account_settings_get_pending_key (PaddockAccountSettings *self);
const char * const         *paddock_account_settings_get_keys    (void);
char                       *paddock_account_settings_dup_row_value (PaddockAccountSettings *self,
                                                                  const char             *key);
gboolean                    paddock_account_settings_get_row_sensitive (PaddockAccountSettings *self,
                                                                      const char             *key);

G_END_DECLS
