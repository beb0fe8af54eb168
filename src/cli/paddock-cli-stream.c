/* paddock-cli-stream.c: `paddock-cli stream`, trade updates as JSON lines
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every trade update is printed as one line of JSON on standard output (the message's
 * `data`, as the server sent it) and flushed at once, so that a pipe sees it immediately.
 * How the connection fares (connecting, live, reconnecting in N s, failed) goes to standard
 * error, for people. SIGINT and SIGTERM end it cleanly with status 0; a refused token ends
 * it with status 3.
 */
#define G_LOG_DOMAIN "paddock-cli"

#include "config.h"

#include <glib-unix.h>
#include <stdio.h>

#include "paddock-cli-private.h"
#include "paddock-error.h"
#include "paddock-trade-stream.h"

typedef struct
{
  GMainLoop *loop;
  int status;
} StreamRun;

static void
update_cb (PaddockTradeStream *stream,
           PaddockTradeUpdate *update,
           JsonNode           *data,
           StreamRun          *run)
{
  cli_print_json (data);
  fflush (stdout);
}

static void
state_cb (PaddockTradeStream *stream,
          GParamSpec         *pspec,
          StreamRun          *run)
{
  const GError *error = paddock_trade_stream_get_error (stream);

  switch (paddock_trade_stream_get_state (stream))
    {
    case PADDOCK_TRADE_STREAM_STATE_CONNECTING:
      cli_print_error (_("connecting to trade updates…"));
      break;

    case PADDOCK_TRADE_STREAM_STATE_LIVE:
      cli_print_error (_("live: waiting for trade updates (Ctrl+C ends)"));
      break;

    case PADDOCK_TRADE_STREAM_STATE_RECONNECTING:
      {
        g_autofree char *text =
          g_strdup_printf (_("reconnecting in %u s: %s"),
                           paddock_trade_stream_get_seconds_until_reconnect (stream),
                           error != NULL ? error->message : _("the connection was lost"));

        cli_print_error (text);
      }
      break;

    case PADDOCK_TRADE_STREAM_STATE_FAILED:
      run->status = error != NULL ? cli_fail (error) : EXIT_FAILED;
      g_main_loop_quit (run->loop);
      break;

    case PADDOCK_TRADE_STREAM_STATE_STOPPED:
    default:
      break;
    }
}

static gboolean
signal_cb (gpointer user_data)
{
  StreamRun *run = user_data;

  run->status = EXIT_OK;
  g_main_loop_quit (run->loop);
  return G_SOURCE_CONTINUE;
}

int
cli_cmd_stream (PaddockTokenStore *store,
                const char        *wanted,
                int                argc,
                char             **argv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PaddockCredentials) credentials = NULL;
  g_autoptr (PaddockEndpoints) endpoints = NULL;
  g_autoptr (PaddockTradeStream) stream = NULL;
  StreamRun run = { NULL, EXIT_OK };
  guint sigint, sigterm;

  if (argc != 1)
    return cli_usage_error (_("stream takes no arguments"));

  credentials = cli_choose_account (store, wanted, &error);
  if (credentials == NULL)
    return cli_fail (error);
  endpoints = cli_endpoints_for_credentials (store, credentials, &error);
  if (endpoints == NULL)
    return cli_fail (error);

  run.loop = g_main_loop_new (NULL, FALSE);
  stream = paddock_trade_stream_new (paddock_endpoints_get_stream_url (endpoints),
                                     paddock_credentials_get_access_token (credentials));
  g_signal_connect (stream, "update", G_CALLBACK (update_cb), &run);
  g_signal_connect (stream, "notify::state", G_CALLBACK (state_cb), &run);
  sigint = g_unix_signal_add (SIGINT, signal_cb, &run);
  sigterm = g_unix_signal_add (SIGTERM, signal_cb, &run);

  paddock_trade_stream_start (stream);
  if (paddock_trade_stream_get_state (stream) != PADDOCK_TRADE_STREAM_STATE_FAILED)
    g_main_loop_run (run.loop);

  g_signal_handlers_disconnect_by_data (stream, &run);
  paddock_trade_stream_stop (stream);
  g_source_remove (sigint);
  g_source_remove (sigterm);
  g_main_loop_unref (run.loop);
  fflush (stdout);
  return run.status;
}
