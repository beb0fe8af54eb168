/* paddock-sandbox-main.c: `paddock-sandbox`, the sandbox brokerage as a program
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib-unix.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>

#include "paddock-sandbox.h"

static gboolean
quit_cb (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (PaddockSandbox) sandbox = NULL;
  g_autoptr (GMainLoop) loop = NULL;
  g_autofree char *line = NULL;
  int port = 0;
  gint64 seed = 1;
  int tick_ms = 1000;
  int rate_limit = 200;
  gboolean text_frames = FALSE;
  gboolean demo_history = FALSE;
  gboolean version = FALSE;
  GOptionEntry entries[] = {
    { "port", 'p', 0, G_OPTION_ARG_INT, &port, "Loopback port to listen on (0: any free port)", "N" },
    { "seed", 's', 0, G_OPTION_ARG_INT64, &seed, "Seed of the simulated market", "S" },
    { "tick-ms", 0, 0, G_OPTION_ARG_INT, &tick_ms, "Milliseconds between market steps (0: never)", "MS" },
    { "rate-limit", 0, 0, G_OPTION_ARG_INT, &rate_limit, "Requests per minute per token (default 200)", "N" },
    { "text-frames", 0, 0, G_OPTION_ARG_NONE, &text_frames, "Send trade updates as text frames, not binary", NULL },
    { "demo-history", 0, 0, G_OPTION_ARG_NONE, &demo_history, "Give the paper account weeks of past orders, positions and activities", NULL },
    { "version", 0, 0, G_OPTION_ARG_NONE, &version, "Print the version and exit", NULL },
    { NULL }
  };

  setlocale (LC_ALL, "");

  context = g_option_context_new ("— a local, Alpaca-compatible simulated brokerage");
  g_option_context_set_summary (context,
    "Serves Paddock's sandbox brokerage on 127.0.0.1 and prints one JSON line with its\n"
    "addresses and the demo OAuth client once it is ready. Stops on SIGTERM or SIGINT.");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("paddock-sandbox: %s\n", error->message);
      return 2;
    }

  if (version)
    {
      g_print ("paddock-sandbox %s\n", PACKAGE_VERSION);
      return 0;
    }

  if (port < 0 || port > 65535 || tick_ms < 0 || rate_limit < 1)
    {
      g_printerr ("paddock-sandbox: --port, --tick-ms or --rate-limit is out of range\n");
      return 2;
    }

  sandbox = paddock_sandbox_new ((guint64) seed);
  paddock_sandbox_set_tick_interval (sandbox, (guint) tick_ms);
  paddock_sandbox_set_rate_limit (sandbox, (guint) rate_limit);
  paddock_sandbox_set_text_frames (sandbox, text_frames);
  paddock_sandbox_set_demo_history (sandbox, demo_history);

  if (!paddock_sandbox_start (sandbox, (guint16) port, &error))
    {
      g_printerr ("paddock-sandbox: cannot listen on 127.0.0.1:%d: %s\n", port, error->message);
      return 1;
    }

  loop = g_main_loop_new (NULL, FALSE);
  g_unix_signal_add (SIGTERM, quit_cb, loop);
  g_unix_signal_add (SIGINT, quit_cb, loop);

  line = paddock_sandbox_describe_json (sandbox);
  printf ("%s\n", line);
  fflush (stdout);

  g_main_loop_run (loop);
  paddock_sandbox_stop (sandbox);

  return 0;
}
