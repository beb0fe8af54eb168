/* paddock-error.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "paddock-error.h"

G_DEFINE_QUARK (paddock-error-quark, paddock_error)
