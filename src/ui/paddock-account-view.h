/* paddock-account-view.h: the account overview
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "paddock-account.h"
#include "paddock-portfolio-panel.h"

G_BEGIN_DECLS

/**
 * PaddockAccountViewState:
 * @PADDOCK_ACCOUNT_VIEW_LOADING: waiting for the first answer: a spinner
 * @PADDOCK_ACCOUNT_VIEW_LOADED: the figures of #PaddockAccountView:account
 * @PADDOCK_ACCOUNT_VIEW_ERROR: the account could not be loaded: a message and Retry
 */
typedef enum {
  PADDOCK_ACCOUNT_VIEW_LOADING,
  PADDOCK_ACCOUNT_VIEW_LOADED,
  PADDOCK_ACCOUNT_VIEW_ERROR,
} PaddockAccountViewState;

#define PADDOCK_TYPE_ACCOUNT_VIEW_STATE (paddock_account_view_state_get_type ())
GType paddock_account_view_state_get_type (void);

#define PADDOCK_TYPE_ACCOUNT_VIEW (paddock_account_view_get_type ())
G_DECLARE_FINAL_TYPE (PaddockAccountView, paddock_account_view, PADDOCK, ACCOUNT_VIEW, GtkWidget)

GtkWidget               *paddock_account_view_new         (void);
PaddockAccount          *paddock_account_view_get_account (PaddockAccountView *self);
void                     paddock_account_view_set_account (PaddockAccountView *self,
                                                           PaddockAccount     *account);
PaddockAccountViewState  paddock_account_view_get_state   (PaddockAccountView *self);
void                     paddock_account_view_set_loading (PaddockAccountView *self);
void                     paddock_account_view_set_error   (PaddockAccountView *self,
                                                           const GError       *error);
void                     paddock_account_view_set_stores  (PaddockAccountView *self,
                                                           GListModel         *orders,
                                                           GListModel         *positions);
GListModel              *paddock_account_view_get_open_orders       (PaddockAccountView *self);
GListModel              *paddock_account_view_get_largest_positions (PaddockAccountView *self);
PaddockPortfolioPanel   *paddock_account_view_get_portfolio_panel   (PaddockAccountView *self);

G_END_DECLS
