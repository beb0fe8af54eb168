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

  setlocale (LC_ALL, "");
  paddock_raise_fd_limit ();
  /* PADDOCK_LOCALEDIR: the catalogues of an uninstalled build (build-aux/screenshots.sh) */
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("PADDOCK_LOCALEDIR") != NULL
                                     ? g_getenv ("PADDOCK_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = paddock_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}
