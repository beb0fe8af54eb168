/* paddock-format.h: decimal strings for people, in the locale's number format
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * PaddockFormatFlags:
 * @PADDOCK_FORMAT_DEFAULT: only a negative amount gets a sign
 * @PADDOCK_FORMAT_ALWAYS_SIGN: write "+" before a positive or zero amount too
 *
 * How paddock_format_money_full() writes an amount.
 */
typedef enum {
  PADDOCK_FORMAT_DEFAULT = 0,
  PADDOCK_FORMAT_ALWAYS_SIGN = 1 << 0,
} PaddockFormatFlags;

char     *paddock_format_money        (const char         *decimal,
                                       const char         *currency);
char     *paddock_format_money_full   (const char         *decimal,
                                       const char         *currency,
                                       PaddockFormatFlags  flags);
char     *paddock_format_change       (const char         *equity,
                                       const char         *last_equity,
                                       const char         *currency);
char     *paddock_format_quantity     (const char         *decimal);
char     *paddock_format_printable    (const char         *text);

gboolean  paddock_decimal_is_valid    (const char         *decimal);
int       paddock_decimal_compare     (const char         *a,
                                       const char         *b);
char     *paddock_decimal_sub         (const char         *a,
                                       const char         *b);
char     *paddock_decimal_mul         (const char         *a,
                                       const char         *b);

char     *paddock_decimal_from_input  (const char         *text);
char     *paddock_decimal_to_input    (const char         *decimal);
void      paddock_format_set_c_input  (gboolean            c_format);

G_END_DECLS
