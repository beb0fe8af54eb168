/* paddock-test-gtk.h: what the GTK test programs of Paddock's share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reading a widget tree, running the main loop, pressing keys, reading the test hooks'
 * report, and setting up the app signed in to a stored paper account of the in-process
 * sandbox (tests/sandbox-fixture.h).
 */
#pragma once

#include <adwaita.h>
#include <json-glib/json-glib.h>

#include "paddock-controller.h"
#include "paddock-endpoints.h"
#include "paddock-token-store.h"
#include "paddock-window.h"
#include "sandbox-fixture.h"
#include "paddock-test-session.h"

G_BEGIN_DECLS

/* ---- the widget tree ---------------------------------------------------------------- */

GtkWidget        *paddock_test_find_named          (gpointer     root,
                                                    const char  *name);
GtkWidget        *paddock_test_get_named           (gpointer     root,
                                                    const char  *name);
void              paddock_test_collect_named       (GtkWidget   *root,
                                                    const char  *name,
                                                    GPtrArray   *found);
GtkWidget        *paddock_test_find_type           (GtkWidget   *root,
                                                    GType        type);
const char       *paddock_test_label_text          (gpointer     root,
                                                    const char  *name);
gboolean          paddock_test_has_label_with_text (GtkWidget   *root,
                                                    const char  *text);
gboolean          paddock_test_is_shown            (GtkWidget   *widget);
AdwMessageDialog *paddock_test_find_message_dialog (void);

/* ---- main() --------------------------------------------------------------------------- */

gboolean          paddock_test_no_display          (int          *argc,
                                                    char       ***argv,
                                                    const char   *path);
gboolean          paddock_test_no_keyring_display  (int          *argc,
                                                    char       ***argv);
void              paddock_test_load_app_resources  (void);

/* ---- the main loop and the keys ----------------------------------------------------- */

void              paddock_test_spin                (guint        milliseconds);
void              paddock_test_wait_frames         (GtkWidget   *widget,
                                                    guint        count);
void              paddock_test_size_content        (PaddockWindow *window,
                                                    int            width,
                                                    int            height);
void              paddock_test_save_screenshot     (PaddockWindow *window,
                                                    const char    *path);
gboolean          paddock_test_press_key           (GtkWidget   *widget,
                                                    guint        keyval);
GPtrArray        *paddock_test_shortcuts           (GtkWidget   *widget);
gboolean          paddock_test_activate_shortcut   (GtkWidget   *widget,
                                                    const char  *trigger);
gboolean          paddock_test_activate_shortcut_full (GtkWidget              *widget,
                                                       const char             *trigger,
                                                       GtkShortcutActionFlags  flags);

/* ---- the test hooks' report (paddock-test-hooks.h) ---------------------------------- */

JsonObject       *paddock_test_report              (PaddockWindow *window,
                                                    JsonNode     **node);
JsonObject       *paddock_test_report_member       (PaddockWindow *window,
                                                    const char    *member,
                                                    JsonNode     **node);

/* ---- the Markets page and the sandbox's watchlists, as comma-separated lists ---------- */

char             *paddock_test_joined_strings      (JsonArray   *array,
                                                    const char  *member);
gboolean          paddock_test_same                (char        *owned,
                                                    const char  *expected);
char             *paddock_test_markets_rows        (PaddockWindow  *window);
char             *paddock_test_markets_watchlists  (PaddockWindow  *window);
char             *paddock_test_sandbox_watchlists  (SandboxFixture *sf);
char             *paddock_test_sandbox_create_watchlist (SandboxFixture *sf,
                                                         const char     *body);

/* ---- the app on the sandbox, signed in ---------------------------------------------- */

void              paddock_test_app_use_sandbox     (PaddockSandbox *sandbox);
void              paddock_test_demo_sandbox_setup  (SandboxFixture *sf);
GListStore       *paddock_test_fetch_items         (SandboxFixture *sf,
                                                    const char     *url,
                                                    GType           type);
void              paddock_test_store_save          (PaddockTokenStore  *store,
                                                    PaddockCredentials *credentials);
PaddockTokenStore *paddock_test_store_paper_account (SandboxFixture  *sf,
                                                     const char      *token,
                                                     const char      *scope,
                                                     char           **account_id,
                                                     char           **account_number);
void              paddock_test_controller_release  (PaddockController **controller);
void              paddock_test_account_menu_item   (SandboxFixture     *sf,
                                                    const char         *button_name,
                                                    const char         *signal);

const char       *paddock_test_shown_number        (PaddockWindow      *window);
gboolean          paddock_test_showing             (PaddockWindow      *window,
                                                    PaddockEnvironment  environment);

/* A controller driving a real window, on a stored paper account of the sandbox (for
 * PADDOCK_TEST_ADD_FIXTURE (…, PaddockTestControllerFixture, paddock_test_controller_fixture,
 * …)) */
typedef struct
{
  SandboxFixture sf;
  PaddockTokenStore *store;
  PaddockWindow *window;
  PaddockController *controller;
  char *paper_id;
  char *paper_number;
} PaddockTestControllerFixture;

void              paddock_test_controller_fixture_store    (PaddockTestControllerFixture *f);
void              paddock_test_controller_fixture_open     (PaddockTestControllerFixture *f);
void              paddock_test_controller_fixture_setup    (PaddockTestControllerFixture *f,
                                                            gconstpointer                 data);
void              paddock_test_controller_fixture_teardown (PaddockTestControllerFixture *f,
                                                            gconstpointer                 data);

void              paddock_test_screenshot_language (void);

G_END_DECLS
