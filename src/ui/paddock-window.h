/* paddock-window.h: the main window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "paddock-account.h"
#include "paddock-account-view.h"
#include "paddock-activity-page.h"
#include "paddock-markets-page.h"
#include "paddock-orders-page.h"
#include "paddock-positions-page.h"
#include "paddock-problem-page.h"
#include "paddock-sign-in-assistant.h"
#include "paddock-trade-stream.h"
#include "paddock-waiting-page.h"

G_BEGIN_DECLS

#define PADDOCK_TYPE_WINDOW (paddock_window_get_type ())
G_DECLARE_FINAL_TYPE (PaddockWindow, paddock_window, PADDOCK, WINDOW, AdwApplicationWindow)

PaddockWindow          *paddock_window_new                 (AdwApplication  *application);

void                    paddock_window_show_welcome        (PaddockWindow   *self);
void                    paddock_window_show_assistant      (PaddockWindow   *self,
                                                            gboolean         ask_oauth_app);
void                    paddock_window_show_waiting        (PaddockWindow   *self,
                                                            const char      *uri);
void                    paddock_window_show_problem        (PaddockWindow   *self,
                                                            const GError    *error);
void                    paddock_window_show_account        (PaddockWindow   *self,
                                                            PaddockAccount  *account,
                                                            PaddockEnvironment environment);
void                    paddock_window_set_environment     (PaddockWindow   *self,
                                                            PaddockEnvironment environment);
void                    paddock_window_set_current_account (PaddockWindow   *self,
                                                            const char      *account_id,
                                                            const char      *account_number,
                                                            PaddockEnvironment environment);
void                    paddock_window_set_accounts        (PaddockWindow   *self,
                                                            GListModel      *accounts);
void                    paddock_window_add_toast           (PaddockWindow   *self,
                                                            AdwToast        *toast);

const char             *paddock_window_get_page            (PaddockWindow   *self);
PaddockEnvironment      paddock_window_get_environment     (PaddockWindow   *self);
guint                   paddock_window_get_refresh_interval (PaddockWindow  *self);
void                    paddock_window_set_refresh_interval (PaddockWindow  *self,
                                                             guint           seconds);
gboolean                paddock_window_is_refreshing       (PaddockWindow   *self);

void                    paddock_window_save_size           (PaddockWindow   *self);

PaddockSignInAssistant *paddock_window_get_sign_in_assistant (PaddockWindow *self);
PaddockWaitingPage     *paddock_window_get_waiting_page    (PaddockWindow   *self);
PaddockProblemPage     *paddock_window_get_problem_page    (PaddockWindow   *self);
PaddockAccountView     *paddock_window_get_account_view    (PaddockWindow   *self);
PaddockPositionsPage   *paddock_window_get_positions_page  (PaddockWindow   *self);
PaddockOrdersPage      *paddock_window_get_orders_page     (PaddockWindow   *self);
PaddockActivityPage    *paddock_window_get_activity_page   (PaddockWindow   *self);
PaddockMarketsPage     *paddock_window_get_markets_page    (PaddockWindow   *self);
const char             *paddock_window_get_view            (PaddockWindow   *self);
void                    paddock_window_set_view            (PaddockWindow   *self,
                                                            const char      *view);

void                    paddock_window_set_stream_state    (PaddockWindow   *self,
                                                            PaddockTradeStreamState state,
                                                            const GError    *error,
                                                            gint64           reconnect_at);
const char             *paddock_window_get_stream_status   (PaddockWindow   *self);
const char             *paddock_window_get_stream_banner   (PaddockWindow   *self);

G_END_DECLS
