/* paddock-table.h: columns of text bound to model objects, for the GtkColumnViews
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Sets @label from @item (a model object); called at bind and again whenever @item
 * notifies a change, so the cell follows an object updated in place. */
typedef void (*PaddockCellFunc) (GObject  *item,
                                 GtkLabel *label);

/* Compares two model objects for a column's sorter. */
typedef int (*PaddockCellCompareFunc) (GObject *a,
                                       GObject *b);

/* Sets a narrow row's four labels from @item: @title and @subtitle on the left (the
 * symbol, what it is), @value and @detail on the right (the main figures). */
typedef void (*PaddockRowFunc) (GObject  *item,
                                GtkLabel *title,
                                GtkLabel *subtitle,
                                GtkLabel *value,
                                GtkLabel *detail);

/* Makes the widget at a narrow row's end (its menu button) for @list_item. */
typedef GtkWidget *(*PaddockRowEndFunc) (GtkListItem *list_item);

GtkListItemFactory  *paddock_table_row_factory_new (PaddockRowFunc         row_func,
                                                    PaddockRowEndFunc      end_func);
GtkColumnViewColumn *paddock_table_add_column     (GtkColumnView          *view,
                                                   const char             *id,
                                                   const char             *title,
                                                   gboolean                numeric,
                                                   PaddockCellFunc         text_func,
                                                   PaddockCellCompareFunc  compare_func);
GObject             *paddock_table_unwrap_item    (gpointer                item);
int                  paddock_table_compare_decimal (const char            *a,
                                                   const char             *b);
int                  paddock_table_compare_text   (const char             *a,
                                                   const char             *b);
void                 paddock_table_set_signed     (GtkLabel               *label,
                                                   const char             *decimal,
                                                   char                   *text);
char                *paddock_table_format_percent (const char             *fraction);
char                *paddock_table_decimal_mul    (const char             *a,
                                                   const char             *b);

G_END_DECLS
