/* paddock-cli.c: `paddock-cli`, scripting and tests over the same core as the app
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib.h>
#include <locale.h>
#include <string.h>

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");

  if (argc > 1 && strcmp (argv[1], "--version") == 0)
    {
      g_print ("paddock-cli %s\n", PACKAGE_VERSION);
      return 0;
    }

  g_printerr ("Usage: paddock-cli --version\n");
  return 2;
}
