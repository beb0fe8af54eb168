/* paddock-format-private.h: test hooks of paddock-format
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "paddock-format.h"

G_BEGIN_DECLS

/* Replaces the locale's thousands separator, decimal point and grouping (in
 * localeconv()'s encoding, e.g. "\3\3") until called again with NULLs. Tests use it to
 * check the grouping on machines that have only the C locale. Not thread-safe. */
void _paddock_format_override_locale (const char *thousands_sep,
                                      const char *decimal_point,
                                      const char *grouping);

G_END_DECLS
