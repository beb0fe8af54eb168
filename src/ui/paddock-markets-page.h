/* paddock-markets-page.h: the account's watchlists with live prices, and today's movers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>
#include <json-glib/json-glib.h>

#include "paddock-session.h"
#include "paddock-watchlist.h"

G_BEGIN_DECLS

#define PADDOCK_TYPE_MARKETS_PAGE (paddock_markets_page_get_type ())
G_DECLARE_FINAL_TYPE (PaddockMarketsPage, paddock_markets_page, PADDOCK, MARKETS_PAGE, GtkWidget)

GtkWidget      *paddock_markets_page_new               (void);
PaddockSession *paddock_markets_page_get_session       (PaddockMarketsPage *self);
void            paddock_markets_page_set_session       (PaddockMarketsPage *self,
                                                        PaddockSession     *session);
void            paddock_markets_page_refresh           (PaddockMarketsPage *self);
const char     *paddock_markets_page_get_section       (PaddockMarketsPage *self);
void            paddock_markets_page_set_section       (PaddockMarketsPage *self,
                                                        const char         *section);

const char     *paddock_markets_page_get_selected_id   (PaddockMarketsPage *self);
void            paddock_markets_page_select_watchlist  (PaddockMarketsPage *self,
                                                        const char         *id);
void            paddock_markets_page_create_watchlist  (PaddockMarketsPage *self,
                                                        const char         *name);
void            paddock_markets_page_rename_watchlist  (PaddockMarketsPage *self,
                                                        const char         *name);
void            paddock_markets_page_delete_watchlist  (PaddockMarketsPage *self);
void            paddock_markets_page_add_symbol        (PaddockMarketsPage *self,
                                                        const char         *text);
void            paddock_markets_page_remove_symbol     (PaddockMarketsPage *self,
                                                        const char         *symbol);
void            paddock_markets_page_move_symbol       (PaddockMarketsPage *self,
                                                        const char         *symbol,
                                                        int                 delta);
void            paddock_markets_page_watchlist_changed (PaddockMarketsPage *self,
                                                        PaddockWatchlist   *watchlist);
gboolean        paddock_markets_page_get_busy          (PaddockMarketsPage *self);
void            paddock_markets_page_describe          (PaddockMarketsPage *self,
                                                        JsonBuilder        *builder);

G_END_DECLS
