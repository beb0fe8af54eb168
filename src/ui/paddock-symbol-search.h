/* paddock-symbol-search.h: find a symbol as you type and open it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "paddock-session.h"

G_BEGIN_DECLS

#define PADDOCK_TYPE_SYMBOL_SEARCH (paddock_symbol_search_get_type ())
G_DECLARE_FINAL_TYPE (PaddockSymbolSearch, paddock_symbol_search, PADDOCK, SYMBOL_SEARCH, AdwWindow)

PaddockSymbolSearch *paddock_symbol_search_new          (GtkWindow           *parent,
                                                         PaddockSession      *session);
PaddockSession      *paddock_symbol_search_get_session  (PaddockSymbolSearch *self);
const char          *paddock_symbol_search_get_text     (PaddockSymbolSearch *self);
void                 paddock_symbol_search_set_text     (PaddockSymbolSearch *self,
                                                         const char          *text);
gboolean             paddock_symbol_search_get_loading  (PaddockSymbolSearch *self);
const char          *paddock_symbol_search_get_error    (PaddockSymbolSearch *self);
const char          *paddock_symbol_search_get_searched (PaddockSymbolSearch *self);
GPtrArray           *paddock_symbol_search_get_matches  (PaddockSymbolSearch *self);
int                  paddock_symbol_search_get_selected (PaddockSymbolSearch *self);
void                 paddock_symbol_search_move         (PaddockSymbolSearch *self,
                                                         int                  delta);
gboolean             paddock_symbol_search_activate     (PaddockSymbolSearch *self);

G_END_DECLS
