/* paddock-cli-private.h: what every command of paddock-cli shares
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "paddock-credentials.h"
#include "paddock-endpoints.h"
#include "paddock-token-store.h"

G_BEGIN_DECLS

/* The exit codes are part of the interface (see the usage text) */
enum {
  EXIT_OK = 0,
  EXIT_FAILED = 1,
  EXIT_USAGE = 2,
  EXIT_SIGN_IN = 3,
};

/* Runs one async call of the core to its end on a main loop */
typedef struct
{
  GMainLoop *loop;
  GAsyncResult *result;
} CliWaiter;

void                cli_waiter_cb                 (GObject             *object,
                                                   GAsyncResult        *result,
                                                   gpointer             user_data);
GAsyncResult       *cli_waiter_wait               (CliWaiter           *w);
void                cli_waiter_clear              (CliWaiter           *w);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CliWaiter, cli_waiter_clear)

/* Every CliWaiter is g_auto(): an early return must not leak its main loop */
#define CLI_WAITER_INIT { g_main_loop_new (NULL, FALSE), NULL }

void                cli_print_error               (const char          *text);
void                cli_print_row                 (const char          *label,
                                                   const char          *value);
void                cli_print_json                (JsonNode            *node);
int                 cli_fail                      (const GError        *error);
int                 cli_usage_error               (const char          *message);
const char         *cli_environment_name          (PaddockCredentials  *credentials);
GListModel         *cli_list_accounts             (PaddockTokenStore   *store,
                                                   GError             **error);
/* Why a command uses the account it uses (see cli_find_account()) */
typedef enum {
  CLI_ACCOUNT_FROM_OPTION,  /* --account */
  CLI_ACCOUNT_FROM_USE,     /* paddock-cli use */
  CLI_ACCOUNT_FROM_LAST,    /* the one signed in last */
  CLI_ACCOUNT_FROM_ONLY,    /* the only one signed in */
} CliAccountSource;

void                cli_add_account_members       (JsonBuilder         *b,
                                                   PaddockCredentials  *credentials);
char               *cli_account_key               (PaddockCredentials  *credentials);
char               *cli_account_name              (PaddockCredentials  *credentials);
const char         *cli_account_source_text       (CliAccountSource     source);
char               *cli_dup_used_account          (void);
PaddockCredentials *cli_find_named_account        (GListModel          *list,
                                                   const char          *wanted,
                                                   GError             **error);
PaddockCredentials *cli_find_account              (PaddockTokenStore   *store,
                                                   const char          *wanted,
                                                   CliAccountSource    *source,
                                                   GError             **error);
PaddockCredentials *cli_choose_account            (PaddockTokenStore   *store,
                                                   const char          *wanted,
                                                   GError             **error);
PaddockEndpoints   *cli_endpoints_for_credentials (PaddockTokenStore   *store,
                                                   PaddockCredentials  *credentials,
                                                   GError             **error);

/* paddock-cli-lists.c */
int                 cli_cmd_positions             (PaddockTokenStore   *store,
                                                   gboolean             json,
                                                   const char          *wanted,
                                                   int                  argc,
                                                   char               **argv);
int                 cli_cmd_orders                (PaddockTokenStore   *store,
                                                   gboolean             json,
                                                   const char          *wanted,
                                                   int                  argc,
                                                   char               **argv);
int                 cli_cmd_activity              (PaddockTokenStore   *store,
                                                   gboolean             json,
                                                   const char          *wanted,
                                                   int                  argc,
                                                   char               **argv);

/* paddock-cli-orders.c */
int                 cli_cmd_order                 (PaddockTokenStore   *store,
                                                   gboolean             json,
                                                   const char          *wanted,
                                                   int                  argc,
                                                   char               **argv);
int                 cli_cmd_position              (PaddockTokenStore   *store,
                                                   gboolean             json,
                                                   const char          *wanted,
                                                   int                  argc,
                                                   char               **argv);

/* paddock-cli-use.c */
int                 cli_cmd_use                   (PaddockTokenStore   *store,
                                                   gboolean             json,
                                                   const char          *wanted,
                                                   int                  argc,
                                                   char               **argv);

/* paddock-cli-watchlists.c */
int                 cli_cmd_watchlists            (PaddockTokenStore   *store,
                                                   gboolean             json,
                                                   const char          *wanted,
                                                   int                  argc,
                                                   char               **argv);

/* paddock-cli-account-data.c */
int                 cli_cmd_clock                 (PaddockTokenStore   *store,
                                                   gboolean             json,
                                                   const char          *wanted,
                                                   int                  argc,
                                                   char               **argv);
int                 cli_cmd_asset                 (PaddockTokenStore   *store,
                                                   gboolean             json,
                                                   const char          *wanted,
                                                   int                  argc,
                                                   char               **argv);
int                 cli_cmd_search                (PaddockTokenStore   *store,
                                                   gboolean             json,
                                                   const char          *wanted,
                                                   int                  argc,
                                                   char               **argv);
int                 cli_cmd_history               (PaddockTokenStore   *store,
                                                   gboolean             json,
                                                   const char          *wanted,
                                                   int                  argc,
                                                   char               **argv);
int                 cli_cmd_config                (PaddockTokenStore   *store,
                                                   gboolean             json,
                                                   const char          *wanted,
                                                   int                  argc,
                                                   char               **argv);

/* paddock-cli-stream.c */
int                 cli_cmd_stream                (PaddockTokenStore   *store,
                                                   const char          *wanted,
                                                   int                  argc,
                                                   char               **argv);

/* paddock-cli-market.c */
int                 cli_cmd_quote                 (PaddockTokenStore   *store,
                                                   gboolean             json,
                                                   const char          *wanted,
                                                   int                  argc,
                                                   char               **argv);
int                 cli_cmd_bars                  (PaddockTokenStore   *store,
                                                   gboolean             json,
                                                   const char          *wanted,
                                                   int                  argc,
                                                   char               **argv);
int                 cli_cmd_news                  (PaddockTokenStore   *store,
                                                   gboolean             json,
                                                   const char          *wanted,
                                                   int                  argc,
                                                   char               **argv);
int                 cli_cmd_movers                (PaddockTokenStore   *store,
                                                   gboolean             json,
                                                   const char          *wanted,
                                                   int                  argc,
                                                   char               **argv);

/* paddock-cli-token.c */
int                 cli_cmd_token                 (PaddockTokenStore   *store,
                                                   gboolean             json,
                                                   const char          *wanted,
                                                   int                  argc,
                                                   char               **argv);

G_END_DECLS
