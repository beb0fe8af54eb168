/* paddock-problem-page.h: what went wrong, and the one button that helps
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "paddock-endpoints.h"

G_BEGIN_DECLS

/* The ids PaddockProblemPage::action is emitted with. */
#define PADDOCK_PROBLEM_ACTION_TRY_AGAIN     "try-again"
#define PADDOCK_PROBLEM_ACTION_COPY_LINK     "copy-link"
#define PADDOCK_PROBLEM_ACTION_SIGN_IN_AGAIN "sign-in-again"
#define PADDOCK_PROBLEM_ACTION_OPEN_PREFERENCES "open-preferences"

#define PADDOCK_TYPE_PROBLEM_PAGE (paddock_problem_page_get_type ())
G_DECLARE_FINAL_TYPE (PaddockProblemPage, paddock_problem_page, PADDOCK, PROBLEM_PAGE, GtkWidget)

GtkWidget  *paddock_problem_page_new           (void);
void        paddock_problem_page_set_error     (PaddockProblemPage *self,
                                                const GError       *error);
const char *paddock_problem_page_get_title     (PaddockProblemPage *self);
void        paddock_problem_page_set_context   (PaddockProblemPage *self,
                                                PaddockEnvironment  environment,
                                                const char         *account_number);
const char *paddock_problem_page_get_action_id (PaddockProblemPage *self);

G_END_DECLS
