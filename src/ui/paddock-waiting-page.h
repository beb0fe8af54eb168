/* paddock-waiting-page.h: waiting for the browser to send the person back
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define PADDOCK_TYPE_WAITING_PAGE (paddock_waiting_page_get_type ())
G_DECLARE_FINAL_TYPE (PaddockWaitingPage, paddock_waiting_page, PADDOCK, WAITING_PAGE, GtkWidget)

GtkWidget  *paddock_waiting_page_new       (void);
const char *paddock_waiting_page_get_uri   (PaddockWaitingPage *self);
void        paddock_waiting_page_set_uri   (PaddockWaitingPage *self,
                                            const char         *uri);
void        paddock_waiting_page_copy_link (PaddockWaitingPage *self);
const char *paddock_waiting_page_get_title (PaddockWaitingPage *self);

G_END_DECLS
