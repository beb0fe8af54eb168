/* paddock-about.c: the About window, from the facts the metainfo states
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The name, version, developer, website, issue address and license are those of
 * data/io.github.paddockapp.Paddock.metainfo.xml.in (AdwAboutWindow reads a metainfo
 * itself only from libadwaita 1.4; tests/test-ui-settings.c checks they agree), with the
 * statement that Paddock is not made by or affiliated with Alpaca.
 */
#define G_LOG_DOMAIN "paddock-about"

#include "config.h"

#include <glib/gi18n.h>

#include "paddock-about.h"

/**
 * paddock_about_new:
 * @parent: (nullable): the window it is about
 *
 * Returns: (transfer none): a new About window, transient for @parent, not yet shown
 */
GtkWidget *
paddock_about_new (GtkWindow *parent)
{
  const char *developers[] = { _("The Paddock authors"), NULL };

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);

  return g_object_new (ADW_TYPE_ABOUT_WINDOW,
                       "transient-for", parent,
                       "application-name", _("Paddock"),
                       "application-icon", APP_ID,
                       "version", PACKAGE_VERSION,
                       "developer-name", _("The Paddock authors"),
                       "developers", developers,
                       "website", PADDOCK_ABOUT_WEBSITE,
                       "issue-url", PADDOCK_ABOUT_ISSUE_URL,
                       /* GPL-3.0-or-later */
                       "license-type", GTK_LICENSE_GPL_3_0,
                       "copyright", _("© 2026 The Paddock authors"),
                       "comments", _("Follow and trade your Alpaca account from your desktop.\n\n"
                                     "Paddock is an independent project. It is not made by, "
                                     "endorsed by or affiliated with Alpaca."),
                       NULL);
}
