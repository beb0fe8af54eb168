/* main.c: the thin entry point of the Paddock app
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "paddock-application.h"
#include "paddock-loopback-receiver.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr (PaddockApplication) app = NULL;
  const char *test_localedir;

  setlocale (LC_ALL, "");
  paddock_raise_fd_limit ();
  /* For an uninstalled build only: the tests (tests/app-e2e-de.sh) and the screenshot
   * script set it to BUILDDIR/po to use the build tree's translations. */
  test_localedir = g_getenv ("PADDOCK_LOCALEDIR");
  bindtextdomain (GETTEXT_PACKAGE, test_localedir != NULL && *test_localedir != '\0'
                                   ? test_localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = paddock_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}
