/* paddock-replace-dialog.h: change an open order's quantity, prices or time in force
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "paddock-endpoints.h"
#include "paddock-order.h"
#include "paddock-order-request.h"

G_BEGIN_DECLS

/**
 * PaddockReplaceDialogStage:
 * @PADDOCK_REPLACE_DIALOG_FORM: the fields, pre-filled from the order
 * @PADDOCK_REPLACE_DIALOG_CONFIRM: the confirmation: each change as old → new
 * @PADDOCK_REPLACE_DIALOG_SENDING: the replacement is on its way: a spinner
 */
typedef enum {
  PADDOCK_REPLACE_DIALOG_FORM,
  PADDOCK_REPLACE_DIALOG_CONFIRM,
  PADDOCK_REPLACE_DIALOG_SENDING,
} PaddockReplaceDialogStage;

#define PADDOCK_TYPE_REPLACE_DIALOG (paddock_replace_dialog_get_type ())
G_DECLARE_FINAL_TYPE (PaddockReplaceDialog, paddock_replace_dialog, PADDOCK, REPLACE_DIALOG,
                      AdwWindow)

PaddockReplaceDialog      *paddock_replace_dialog_new               (PaddockOrder         *order,
                                                                     PaddockEnvironment    environment);
PaddockOrder              *paddock_replace_dialog_get_order         (PaddockReplaceDialog *self);
PaddockEnvironment         paddock_replace_dialog_get_environment   (PaddockReplaceDialog *self);
PaddockReplaceDialogStage  paddock_replace_dialog_get_stage         (PaddockReplaceDialog *self);

GtkEditable               *paddock_replace_dialog_get_field         (PaddockReplaceDialog *self,
                                                                     PaddockOrderField     field);
void                       paddock_replace_dialog_set_time_in_force (PaddockReplaceDialog *self,
                                                                     PaddockTimeInForce    tif);
PaddockOrderField          paddock_replace_dialog_get_invalid_field (PaddockReplaceDialog *self);
const char                *paddock_replace_dialog_get_message       (PaddockReplaceDialog *self);
const char                *paddock_replace_dialog_get_summary       (PaddockReplaceDialog *self);

gboolean                   paddock_replace_dialog_review            (PaddockReplaceDialog *self);
void                       paddock_replace_dialog_confirm           (PaddockReplaceDialog *self);
void                       paddock_replace_dialog_show_error        (PaddockReplaceDialog *self,
                                                                     const GError         *error);

G_END_DECLS
