/* paddock-cli.c: `paddock-cli`, scripting and tests over the same core as the app
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each command runs the core's asynchronous API on a main loop until it is done. The
 * exit codes are part of the interface (see usage_text).
 */
#define G_LOG_DOMAIN "paddock-cli"

#include "config.h"

#include <gio/gio.h>
#include <gio/gunixinputstream.h>
#include <glib/gi18n.h>
#include <errno.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "paddock-account.h"
#include "paddock-client.h"
#include "paddock-credentials.h"
#include "paddock-endpoints.h"
#include "paddock-error.h"
#include "paddock-format.h"
#include "paddock-loopback-receiver.h"
#include "paddock-oauth-app.h"
#include "paddock-oauth-flow.h"
#include "paddock-settings.h"
#include "paddock-token-store.h"

#include "paddock-cli-private.h"


static const char *usage_text =
  /* Translators: keep the command and option names, their values (paper, live, buy, sell,
   * market, limit, iex, sip…) and the environment variables as they are: they are typed */
  N_("Usage: paddock-cli COMMAND [OPTIONS]\n"
  "\n"
  "Commands:\n"
  "  app set --client-id ID     Use your own Alpaca OAuth app; its client secret is read\n"
  "                             from standard input and kept in the keyring\n"
  "  app show                   Show the OAuth app in use\n"
  "  app clear                  Forget the OAuth app and its secret\n"
  "  login [--paper|--live] [--scope SCOPE]... [--no-browser] [--timeout SECONDS]\n"
  "                             Sign in through the browser; prints the address to open.\n"
  "                             Scopes: account:write, trading, data (default: all three).\n"
  "                             An address pasted on standard input (from a browser on\n"
  "                             another machine) completes the sign-in too\n"
  "  accounts [--json]          List the accounts signed in on this computer\n"
  "  account [--json] [--account ID|NUMBER]\n"
  "                             Show an account’s figures\n"
  "  whoami [--json] [--account ID|NUMBER]\n"
  "                             Show what the token is (app, scopes, environment)\n"
  "  logout [--account ID|NUMBER | --all]\n"
  "                             Remove the sign-in from the keyring\n"
  "  positions [--json] [--account ID|NUMBER]\n"
  "                             List the open positions\n"
  "  orders [--json] [--account ID|NUMBER] [--status open|closed|all] [--symbol S]\n"
  "         [--limit N | --all] List orders, newest first (default: all statuses, 50)\n"
  "  activity [--json] [--account ID|NUMBER] [--type T]... [--limit N | --all]\n"
  "                             List account activity (fills, dividends, transfers...),\n"
  "                             newest first (default: 50)\n"
  "  use [ACCOUNT | --clear] [--json]\n"
  "                             Choose the account the commands use (its ID or number);\n"
  "                             with none, print the one they use. Without --account or\n"
  "                             a choice, commands use the account signed in last. Each\n"
  "                             says on standard error which account it used\n"
  "  order submit --symbol S --side buy|sell\n"
  "      --type market|limit|stop|stop_limit|trailing_stop (--qty N | --notional N)\n"
  "      [--limit-price P] [--stop-price P] [--trail-price P | --trail-percent P]\n"
  "      [--tif day|gtc|opg|cls|ioc|fok] [--extended-hours]\n"
  "      [--class bracket|oco|oto --take-profit P --stop-loss P [--stop-loss-limit P]]\n"
  "      [--client-order-id ID] [--json] [--account ID|NUMBER]\n"
  "                             Place an order (checked before anything is sent). It is\n"
  "                             sent once: if the reply is lost, the order is looked up\n"
  "  order get ID [--json]      Show an order\n"
  "  order cancel ID|--all [--json]\n"
  "                             Cancel an order, or every open order\n"
  "  order replace ID [--qty N] [--limit-price P] [--stop-price P] [--trail P] [--tif T]\n"
  "      [--client-order-id ID] [--json]\n"
  "                             Change an order (the broker makes a new one)\n"
  "  position close SYMBOL [--qty N | --percentage P] [--json]\n"
  "  position close --all [--cancel-orders] [--json]\n"
  "                             Close a position (all, or part), or every position\n"
  "  watchlists [list | show ID | create NAME [SYMBOL...] | add ID SYMBOL | remove ID SYMBOL\n"
  "             | rename ID NAME | delete ID] [--json] [--account ID|NUMBER]\n"
  "                             List, show (with each symbol’s latest price and today’s\n"
  "                             change) and change watchlists; changes need the\n"
  "                             account:write scope (exit 3 without it)\n"
  "  stream [--account ID|NUMBER]\n"
  "                             Print every trade update as one line of JSON until\n"
  "                             interrupted; the connection’s state goes to stderr\n"
  "  quote SYMBOL... [--feed iex|sip] [--json]\n"
  "                             Show the latest bid and ask of each symbol (one request)\n"
  "  bars SYMBOL --timeframe TF [--start T] [--end T] [--limit N] [--feed iex|sip]\n"
  "       [--json]\n"
  "                             List price bars, oldest first (TF: 1Min, 15Min, 1Hour,\n"
  "                             1Day, 1Week, 1Month; T: a date or an RFC 3339 time;\n"
  "                             default: today, every bar)\n"
  "  news [SYMBOL...] [--limit N] [--json]\n"
  "                             Show the latest news, as plain text (default: 10)\n"
  "  movers [--top N] [--json]  Show the most active stocks, the top gainers and losers\n"
  "                             The market data feed is IEX unless the data-feed setting\n"
  "                             or --feed says SIP (which needs a plan that includes it)\n"
  "  clock [--json]             Whether the market is open, and its next open and close\n"
  "                             (early closes included)\n"
  "  asset SYMBOL [--json]      Show an asset (exchange, tradable, fractionable...)\n"
  "  search TEXT [--limit N] [--json]\n"
  "                             Find assets by symbol or name (default: 20)\n"
  "  history [--period P] [--timeframe TF] [--date-end YYYY-MM-DD] [--extended-hours]\n"
  "          [--json]           The account’s equity over time (P: 1D, 1W, 1M, 3M, 1A...;\n"
  "                             TF: 1Min, 5Min, 15Min, 1H, 1D)\n"
  "  config get [--json]        Show the account’s settings\n"
  "  config set KEY VALUE [--json]\n"
  "                             Change a setting (checked before sending; needs the\n"
  "                             account:write scope) and show what the broker read back\n"
  "  token [--json] [--account ID|NUMBER] [--last-trade SYMBOL]\n"
  "                             Show the token’s environment, scopes and what the server\n"
  "                             says of it (introspection), never the token; with\n"
  "                             --last-trade, SYMBOL’s last trade on Polygon\n"
  "  --version                  Print the version\n"
  "\n"
  "Environment: PADDOCK_AUTHORIZE_URL, PADDOCK_LIVE_URL, PADDOCK_PAPER_URL, PADDOCK_DATA_URL,\n"
  "PADDOCK_POLYGON_URL, PADDOCK_CLIENT_ID and PADDOCK_CLIENT_SECRET point Paddock at another\n"
  "compatible server and OAuth app (plain http:// only for loopback addresses).\n"
  "\n"
  "Exit status:\n"
  "  0  done\n"
  "  1  failed (the message says why); for an order, also: the reply was lost and it is\n"
  "     not known whether the broker has it (check your orders before trying again)\n"
  "  2  bad usage, or input refused before anything was sent\n"
  "  3  you must sign in again (nothing stored, the stored sign-in is damaged, or the\n"
  "     server refused the token)\n");

/* ---- settings: the user's own OAuth app ------------------------------------------------ */

/* The OAuth app to sign in as (PaddockOAuthApp decides where from), or an error that says
 * how to set one up. */
static PaddockOAuthApp *
oauth_app_for_login (PaddockTokenStore  *store,
                     GError            **error)
{
  g_autoptr (GSettings) settings = paddock_settings_new ();
  g_autoptr (PaddockOAuthApp) app = NULL;
  CliWaiter w = CLI_WAITER_INIT;
  const char *id;

  paddock_oauth_app_lookup_async (settings, store, NULL, cli_waiter_cb, &w);
  app = paddock_oauth_app_lookup_finish (cli_waiter_wait (&w), error);
  cli_waiter_clear (&w);
  if (app == NULL)
    return NULL;

  id = paddock_oauth_app_get_client_id (app);
  if (id == NULL)
    {
      g_set_error_literal (error, PADDOCK_ERROR, PADDOCK_ERROR_INVALID_INPUT,
                           _("No OAuth app is set up. Register one with Alpaca (OAuth Apps), "
                             "then run “paddock-cli app set --client-id ID” and type its "
                             "client secret."));
      return NULL;
    }
  if (!paddock_oauth_app_is_complete (app))
    {
      g_set_error (error, PADDOCK_ERROR, PADDOCK_ERROR_INVALID_INPUT,
                   _("The client secret of the OAuth app “%s” is not in the keyring: run "
                     "“paddock-cli app set --client-id %s” again."), id, id);
      return NULL;
    }
  return g_steal_pointer (&app);
}

/* ---- reading the client secret --------------------------------------------------------- */

/* the secret, a byte more to tell a longer one, and the NUL */
#define SECRET_BUFFER_SIZE (PADDOCK_CLIENT_SECRET_MAX_LEN + 2)

typedef enum {
  SECRET_READ_OK,
  SECRET_READ_NONE,
  SECRET_READ_EMPTY,
  SECRET_READ_TOO_LONG,
  SECRET_READ_NOT_TEXT,
} SecretRead;

static struct termios saved_termios;

/* Ctrl-C while the secret is typed must not leave the terminal without echo */
static void
restore_echo_cb (int signum)
{
  tcsetattr (STDIN_FILENO, TCSANOW, &saved_termios);
  signal (signum, SIG_DFL);
  raise (signum);
}

/* Reads one line from standard input into @buffer (SECRET_BUFFER_SIZE bytes), without
 * echo on a terminal, and strips the whitespace around it. Nothing after the line and
 * nothing beyond the limit is read; the caller wipes @buffer. */
static SecretRead
read_secret (char *buffer)
{
  gboolean tty = isatty (STDIN_FILENO);
  gboolean quiet = FALSE;
  gboolean ended = FALSE;
  gsize len = 0;
  SecretRead ret;
  char *start, *end;

  if (tty && tcgetattr (STDIN_FILENO, &saved_termios) == 0)
    {
      struct termios no_echo = saved_termios;

      no_echo.c_lflag &= ~(tcflag_t) ECHO;
      signal (SIGINT, restore_echo_cb);
      signal (SIGTERM, restore_echo_cb);
      signal (SIGHUP, restore_echo_cb);
      quiet = tcsetattr (STDIN_FILENO, TCSAFLUSH, &no_echo) == 0;
    }
  if (tty)
    g_printerr (_("Client secret (not shown): "));

  /* byte by byte: no stdio buffer keeps a copy, and nothing past the line is consumed */
  while (len < SECRET_BUFFER_SIZE - 1)
    {
      char c;
      ssize_t n = read (STDIN_FILENO, &c, 1);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        break;
      if (c == '\n')
        {
          ended = TRUE;
          break;
        }
      buffer[len++] = c;
    }
  buffer[len] = '\0';

  if (quiet)
    {
      tcsetattr (STDIN_FILENO, TCSAFLUSH, &saved_termios);
      g_printerr ("\n");
    }
  if (tty)
    {
      signal (SIGINT, SIG_DFL);
      signal (SIGTERM, SIG_DFL);
      signal (SIGHUP, SIG_DFL);
    }

  if (len == 0 && !ended)
    ret = SECRET_READ_NONE;
  else if (len > PADDOCK_CLIENT_SECRET_MAX_LEN)
    ret = SECRET_READ_TOO_LONG;
  else if (memchr (buffer, '\0', len) != NULL || !g_utf8_validate (buffer, (gssize) len, NULL))
    ret = SECRET_READ_NOT_TEXT;
  else
    {
      start = buffer;
      end = buffer + len;
      while (start < end && g_ascii_isspace (*start))
        start++;
      while (end > start && g_ascii_isspace (end[-1]))
        end--;
      memmove (buffer, start, (gsize) (end - start));
      memset (buffer + (end - start), 0, len - (gsize) (end - start) + 1);
      ret = buffer[0] == '\0' ? SECRET_READ_EMPTY : SECRET_READ_OK;
    }

  if (ret != SECRET_READ_OK)
    explicit_bzero (buffer, SECRET_BUFFER_SIZE);
  return ret;
}

/* ---- commands ------------------------------------------------------------------------- */

static int
cmd_app (PaddockTokenStore *store,
         int                argc,
         char             **argv)
{
  g_autofree char *client_id = NULL;
  g_autoptr (GOptionContext) context = g_option_context_new ("set|show|clear");
  g_autoptr (GError) error = NULL;
  GOptionEntry entries[] = {
    { "client-id", 0, 0, G_OPTION_ARG_STRING, &client_id, N_("The OAuth app’s client ID"), "ID" },
    { NULL }
  };
  g_autoptr (GSettings) settings = NULL;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_help_enabled (context, TRUE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return cli_usage_error (error->message);
  if (argc != 2)
    return cli_usage_error (_("app needs one of: set, show, clear"));

  settings = paddock_settings_new ();

  if (g_str_equal (argv[1], "show"))
    {
      g_autoptr (PaddockOAuthApp) app = paddock_oauth_app_new_configured (settings);
      const char *id = paddock_oauth_app_get_client_id (app);

      if (id != NULL && paddock_oauth_app_get_id_source (app) == PADDOCK_OAUTH_APP_SOURCE_ENVIRONMENT)
        g_print (_("client ID: %s (from PADDOCK_CLIENT_ID)\n"), id);
      else if (id != NULL)
        g_print (_("client ID: %s\n"), id);
      else
        g_print (_("No OAuth app is set up.\n"));
      return EXIT_OK;
    }

  if (settings == NULL)
    {
      g_printerr (_("paddock-cli: The settings schema %s is not installed.\n"), SETTINGS_SCHEMA_ID);
      return EXIT_FAILED;
    }

  if (g_str_equal (argv[1], "set"))
    {
      char secret[SECRET_BUFFER_SIZE];
      g_auto (CliWaiter) w = CLI_WAITER_INIT;
      SecretRead read;
      gboolean ok;

      if (client_id == NULL || *client_id == '\0')
        return cli_usage_error (_("app set needs --client-id ID"));

      read = read_secret (secret);
      switch (read)
        {
        case SECRET_READ_OK:
          break;
        case SECRET_READ_NONE:
          return cli_usage_error (_("no client secret on standard input"));
        case SECRET_READ_EMPTY:
          return cli_usage_error (_("the client secret is empty"));
        case SECRET_READ_TOO_LONG:
          g_printerr (ngettext ("paddock-cli: The client secret is longer than %d byte: "
                                "nothing was stored.\n",
                                "paddock-cli: The client secret is longer than %d bytes: "
                                "nothing was stored.\n", PADDOCK_CLIENT_SECRET_MAX_LEN),
                      PADDOCK_CLIENT_SECRET_MAX_LEN);
          return EXIT_USAGE;
        case SECRET_READ_NOT_TEXT:
        default:
          return cli_usage_error (_("the client secret is not text: nothing was stored"));
        }

      paddock_token_store_save_client_secret_async (store, client_id, secret, NULL, cli_waiter_cb, &w);
      ok = paddock_token_store_save_client_secret_finish (store, cli_waiter_wait (&w), &error);
      cli_waiter_clear (&w);
      explicit_bzero (secret, sizeof secret);
      if (!ok)
        return cli_fail (error);

      g_settings_set_string (settings, "client-id", client_id);
      g_settings_sync ();
      g_print (_("The OAuth app %s is set up; its secret is in the keyring.\n"), client_id);
      return EXIT_OK;
    }

  if (g_str_equal (argv[1], "clear"))
    {
      g_autofree char *id = g_settings_get_string (settings, "client-id");
      g_auto (CliWaiter) w = CLI_WAITER_INIT;
      gboolean ok = TRUE;

      if (*id != '\0')
        {
          paddock_token_store_delete_client_secret_async (store, id, NULL, cli_waiter_cb, &w);
          ok = paddock_token_store_delete_client_secret_finish (store, cli_waiter_wait (&w), &error);
          cli_waiter_clear (&w);
        }
      if (!ok)
        return cli_fail (error);
      g_settings_reset (settings, "client-id");
      g_settings_sync ();
      g_print (_("The OAuth app is forgotten.\n"));
      return EXIT_OK;
    }

  return cli_usage_error (_("app needs one of: set, show, clear"));
}

typedef struct
{
  PaddockOAuthFlow *flow;
  GDataInputStream *input;
  GCancellable *cancellable;
} PasteReader;

static void read_line_cb (GObject      *object,
                          GAsyncResult *result,
                          gpointer      user_data);

static void
paste_reader_next (PasteReader *reader)
{
  g_data_input_stream_read_line_async (reader->input, G_PRIORITY_DEFAULT, reader->cancellable,
                                       read_line_cb, reader);
}

static void
read_line_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  PasteReader *reader = user_data;
  g_autoptr (GError) error = NULL;
  g_autofree char *line = g_data_input_stream_read_line_finish (G_DATA_INPUT_STREAM (object),
                                                                result, NULL, &error);

  if (line == NULL)
    return;  /* end of input or cancelled: the browser's redirect may still come */

  g_strstrip (line);
  if (*line != '\0' && !paddock_oauth_flow_submit_address (reader->flow, line, &error))
    {
      cli_print_error (error->message);
      if (error->code == PADDOCK_ERROR_INVALID_INPUT)
        paste_reader_next (reader);
      return;
    }
  if (*line == '\0')
    paste_reader_next (reader);
}

static void
launch_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr (GError) error = NULL;

  if (!g_app_info_launch_default_for_uri_finish (result, &error))
    {
      g_autofree char *safe = paddock_format_printable (error->message);

      g_printerr (_("paddock-cli: The browser could not be opened (%s). Open the address above "
                    "yourself.\n"), safe);
    }
}

static int
cmd_login (PaddockTokenStore *store,
           int                argc,
           char             **argv)
{
  gboolean paper = FALSE, live = FALSE, no_browser = FALSE;
  g_auto (GStrv) scopes = NULL;
  int timeout_s = 300;
  g_autoptr (GOptionContext) context = g_option_context_new (NULL);
  g_autoptr (GError) error = NULL;
  GOptionEntry entries[] = {
    { "paper", 0, 0, G_OPTION_ARG_NONE, &paper, N_("Sign in to paper trading (default)"), NULL },
    { "live", 0, 0, G_OPTION_ARG_NONE, &live, N_("Sign in to live trading"), NULL },
    { "scope", 0, 0, G_OPTION_ARG_STRING_ARRAY, &scopes, N_("A scope to ask for (repeatable)"), "SCOPE" },
    { "no-browser", 0, 0, G_OPTION_ARG_NONE, &no_browser, N_("Only print the address"), NULL },
    { "timeout", 0, 0, G_OPTION_ARG_INT, &timeout_s, N_("Seconds to wait (default 300)"), "S" },
    { NULL }
  };
  static const char *default_scopes[] = { "account:write", "trading", "data", NULL };
  static const char *known_scopes[] = { "account:write", "trading", "data", NULL };
  g_autoptr (PaddockEndpoints) endpoints = NULL;
  g_autoptr (PaddockOAuthApp) app = NULL;
  g_autoptr (PaddockOAuthFlow) flow = NULL;
  g_autoptr (GArray) ports = NULL;
  g_autoptr (GPtrArray) accounts = NULL;
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GInputStream) stdin_stream = NULL;
  PasteReader reader = { 0 };
  g_auto (CliWaiter) w = CLI_WAITER_INIT;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return cli_usage_error (error->message);
  if (argc != 1)
    return cli_usage_error (_("login takes no arguments"));
  if (paper && live)
    return cli_usage_error (_("choose --paper or --live, not both"));
  if (timeout_s < 1)
    return cli_usage_error (_("--timeout must be at least 1 second"));
  for (guint i = 0; scopes != NULL && scopes[i] != NULL; i++)
    if (!g_strv_contains (known_scopes, scopes[i]))
      {
        g_autofree char *msg = g_strdup_printf (_("unknown scope “%s” (known: account:write, "
                                                  "trading, data)"), scopes[i]);
        return cli_usage_error (msg);
      }

  /* find out now whether the keyring works, not after the person approved in the browser */
  {
    g_autoptr (GListModel) probe = cli_list_accounts (store, &error);

    if (probe == NULL)
      return cli_fail (error);
  }

  app = oauth_app_for_login (store, &error);
  if (app == NULL)
    return cli_fail (error);
  endpoints = paddock_endpoints_new (live ? PADDOCK_ENVIRONMENT_LIVE : PADDOCK_ENVIRONMENT_PAPER,
                                     &error);
  if (endpoints == NULL)
    return cli_fail (error);

  {
    g_autoptr (GSettings) settings = paddock_settings_new ();

    ports = paddock_settings_get_redirect_ports (settings);
  }
  flow = paddock_oauth_flow_new (endpoints, app,
                                 live ? PADDOCK_ENVIRONMENT_LIVE : PADDOCK_ENVIRONMENT_PAPER,
                                 scopes ? (const char * const *) scopes : default_scopes,
                                 (const guint16 *) (void *) ports->data, ports->len);
  paddock_oauth_flow_set_timeout (flow, (guint) timeout_s * 1000);
  if (!paddock_oauth_flow_start (flow, &error))
    return cli_fail (error);

  g_print (_("To sign in, open this address in your browser and approve access:\n\n  %s\n\n"),
           paddock_oauth_flow_get_authorize_url (flow));
  g_print (_("Waiting for the browser… (or paste the address the browser ended on here)\n"));
  fflush (stdout);

  if (!no_browser)
    g_app_info_launch_default_for_uri_async (paddock_oauth_flow_get_start_url (flow), NULL,
                                             cancellable, launch_cb, NULL);

  stdin_stream = g_unix_input_stream_new (STDIN_FILENO, FALSE);
  reader.flow = flow;
  reader.cancellable = cancellable;
  reader.input = g_data_input_stream_new (stdin_stream);
  paste_reader_next (&reader);

  paddock_oauth_flow_run_async (flow, NULL, cli_waiter_cb, &w);
  accounts = paddock_oauth_flow_run_finish (flow, cli_waiter_wait (&w), &error);
  cli_waiter_clear (&w);
  g_cancellable_cancel (cancellable);
  g_clear_object (&reader.input);

  if (accounts == NULL)
    {
      if (g_error_matches (error, PADDOCK_ERROR, PADDOCK_ERROR_NOT_AUTHORIZED))
        {
          cli_print_error (error->message);
          return EXIT_FAILED;
        }
      return cli_fail (error);
    }

  for (guint i = 0; i < accounts->len; i++)
    {
      PaddockCredentials *c = g_ptr_array_index (accounts, i);
      g_auto (CliWaiter) sw = CLI_WAITER_INIT;
      g_autofree char *number = NULL;
      g_autofree char *scope = NULL;
      gboolean ok;

      paddock_token_store_save_async (store, c, NULL, cli_waiter_cb, &sw);
      ok = paddock_token_store_save_finish (store, cli_waiter_wait (&sw), &error);
      cli_waiter_clear (&sw);
      if (!ok)
        return cli_fail (error);
      number = paddock_format_printable (paddock_credentials_get_account_number (c));
      scope = paddock_format_printable (paddock_credentials_get_scope (c));
      /* Translators: the environment as the API names it (“paper” or “live”), the account
       * number, then the scopes the sign-in allows (“account:write trading data”) */
      g_print (_("Signed in to the %s account %s (%s).\n"), cli_environment_name (c),
               number, *scope ? scope : C_("scope", "read-only"));
    }

  return EXIT_OK;
}

static int
cmd_accounts (PaddockTokenStore *store,
              gboolean           json,
              int                argc,
              char             **argv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GListModel) list = NULL;
  guint n;

  if (argc != 1)
    return cli_usage_error (_("accounts takes no arguments"));

  list = cli_list_accounts (store, &error);
  if (list == NULL)
    return cli_fail (error);
  n = g_list_model_get_n_items (list);

  if (json)
    {
      g_autoptr (JsonBuilder) b = json_builder_new ();
      g_autoptr (JsonNode) root = NULL;

      json_builder_begin_array (b);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr (PaddockCredentials) c = g_list_model_get_item (list, i);

          json_builder_begin_object (b);
          cli_add_account_members (b, c);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      root = json_builder_get_root (b);
      cli_print_json (root);
      return EXIT_OK;
    }

  if (n == 0)
    {
      g_print (_("No account is signed in. Sign in with “paddock-cli login”.\n"));
      return EXIT_OK;
    }

  g_print ("%-12s %-16s %s\n", C_("cli column", "ENVIRONMENT"), C_("cli column", "ACCOUNT"),
           C_("cli column", "ID"));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (PaddockCredentials) c = g_list_model_get_item (list, i);
      /* both come from the keyring item, which any program may have written */
      g_autofree char *number = paddock_format_printable (paddock_credentials_get_account_number (c));
      g_autofree char *id = paddock_format_printable (paddock_credentials_get_account_id (c));

      g_print ("%-12s %-16s %s\n", cli_environment_name (c), number, id);
    }
  return EXIT_OK;
}

static int
cmd_account (PaddockTokenStore *store,
             gboolean           json,
             const char        *wanted,
             int                argc,
             char             **argv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PaddockCredentials) credentials = NULL;
  g_autoptr (PaddockEndpoints) endpoints = NULL;
  g_autoptr (PaddockClient) client = NULL;
  g_autoptr (PaddockAccount) account = NULL;
  g_auto (CliWaiter) w = CLI_WAITER_INIT;

  if (argc != 1)
    return cli_usage_error (_("account takes no arguments"));

  credentials = cli_choose_account (store, wanted, &error);
  if (credentials == NULL)
    return cli_fail (error);
  endpoints = cli_endpoints_for_credentials (store, credentials, &error);
  if (endpoints == NULL)
    return cli_fail (error);

  client = paddock_client_new (paddock_endpoints_get_trading_url (endpoints),
                               paddock_credentials_get_access_token (credentials));
  paddock_client_get_account_async (client, NULL, cli_waiter_cb, &w);
  account = paddock_client_get_account_finish (client, cli_waiter_wait (&w), &error);
  cli_waiter_clear (&w);
  if (account == NULL)
    return cli_fail (error);

  if (json)
    {
      g_autoptr (JsonNode) node = paddock_account_to_json (account);

      cli_print_json (node);
      return EXIT_OK;
    }

  {
    const char *currency = paddock_account_get_currency (account);
    g_autofree char *equity = paddock_format_money (paddock_account_get_equity (account), currency);
    g_autofree char *today = paddock_account_get_last_equity (account)
      ? paddock_format_change (paddock_account_get_equity (account),
                               paddock_account_get_last_equity (account), currency)
      : NULL;
    g_autofree char *cash = paddock_format_money (paddock_account_get_cash (account), currency);
    g_autofree char *buying_power = paddock_account_get_buying_power (account)
      ? paddock_format_money (paddock_account_get_buying_power (account), currency)
      : NULL;
    /* people get the locale's format; --json keeps Alpaca's decimal strings */
    const struct { const char *label; const char *value; } rows[] = {
      { C_("cli label", "Account"), paddock_account_get_account_number (account) },
      { C_("cli label", "Environment"), cli_environment_name (credentials) },
      { C_("cli label", "Status"), paddock_account_get_status (account) },
      { C_("cli label", "Equity"), equity },
      { C_("cli label", "Today"), today },
      { C_("cli label", "Cash"), cash },
      { C_("cli label", "Buying power"), buying_power },
    };

    for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
      cli_print_row (rows[i].label, rows[i].value);
    if (paddock_account_get_pattern_day_trader (account))
      g_print ("%-14s %s\n", C_("cli label", "Restriction"), _("pattern day trader"));
    if (paddock_account_get_trading_blocked (account))
      g_print ("%-14s %s\n", C_("cli label", "Restriction"), _("trading blocked"));
    if (paddock_account_get_account_blocked (account))
      g_print ("%-14s %s\n", C_("cli label", "Restriction"), _("account blocked"));
  }
  return EXIT_OK;
}

static void
whoami_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  cli_waiter_cb (object, result, user_data);
}

static int
cmd_whoami (PaddockTokenStore *store,
            gboolean           json,
            const char        *wanted,
            int                argc,
            char             **argv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PaddockCredentials) credentials = NULL;
  g_autoptr (PaddockEndpoints) endpoints = NULL;
  g_autoptr (PaddockClient) client = NULL;
  g_autoptr (JsonNode) node = NULL;
  g_autoptr (JsonBuilder) b = json_builder_new ();
  g_autoptr (JsonNode) out = NULL;
  g_auto (CliWaiter) w = CLI_WAITER_INIT;
  JsonObject *obj;
  const char *fields[] = { "active", "client_id", "aud", "owner_id", "scope", "iat", "token_type" };

  if (argc != 1)
    return cli_usage_error (_("whoami takes no arguments"));

  credentials = cli_choose_account (store, wanted, &error);
  if (credentials == NULL)
    return cli_fail (error);
  endpoints = cli_endpoints_for_credentials (store, credentials, &error);
  if (endpoints == NULL)
    return cli_fail (error);

  /* the legacy introspection: GET {live}/oauth/token with the Bearer token */
  client = paddock_client_new (paddock_endpoints_get_live_url (endpoints),
                               paddock_credentials_get_access_token (credentials));
  paddock_client_request_async (client, "GET", "/oauth/token", NULL, NULL,
                                PADDOCK_REQUEST_IDEMPOTENT, NULL, whoami_cb, &w);
  node = paddock_client_request_finish (client, cli_waiter_wait (&w), &error);
  cli_waiter_clear (&w);
  if (node == NULL)
    return cli_fail (error);
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_printerr (_("paddock-cli: The server’s answer about the token is not readable.\n"));
      return EXIT_FAILED;
    }
  obj = json_node_get_object (node);

  /* the key id ("id") works as an API key for the Polygon legacy API: not printed */
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "environment");
  json_builder_add_string_value (b, cli_environment_name (credentials));
  json_builder_set_member_name (b, "account_number");
  json_builder_add_string_value (b, paddock_credentials_get_account_number (credentials));
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      JsonNode *member = json_object_get_member (obj, fields[i]);

      if (member != NULL && JSON_NODE_HOLDS_VALUE (member))
        {
          json_builder_set_member_name (b, fields[i]);
          json_builder_add_value (b, json_node_copy (member));
        }
    }
  json_builder_end_object (b);
  out = json_builder_get_root (b);

  if (json)
    cli_print_json (out);
  else
    {
      JsonObject *o = json_node_get_object (out);

      cli_print_row (C_("cli label", "Account"), json_object_get_string_member_with_default (o, "account_number", ""));
      cli_print_row (C_("cli label", "Environment"), json_object_get_string_member_with_default (o, "environment", ""));
      cli_print_row (C_("cli label", "App"), json_object_get_string_member_with_default (o, "aud", ""));
      cli_print_row (C_("cli label", "Client ID"), json_object_get_string_member_with_default (o, "client_id", ""));
      cli_print_row (C_("cli label", "Scopes"), json_object_get_string_member_with_default (o, "scope", ""));
      g_print ("%-14s %s\n", C_("cli label", "Active"),
               json_object_get_boolean_member_with_default (o, "active", FALSE)
               ? C_("cli value", "yes") : C_("cli value", "no"));
    }
  return EXIT_OK;
}

/* `paddock-cli use` must not go on naming an account that is signed out */
static void
forget_used_account (PaddockCredentials *credentials)
{
  g_autofree char *used = cli_dup_used_account ();
  g_autofree char *key = cli_account_key (credentials);
  g_autoptr (GSettings) settings = NULL;

  if (used == NULL || !g_str_equal (used, key))
    return;
  settings = paddock_settings_new ();
  g_settings_reset (settings, "cli-account");
  g_settings_sync ();
}

static int
cmd_logout (PaddockTokenStore *store,
            const char        *wanted,
            int                argc,
            char             **argv)
{
  gboolean all = FALSE;
  g_autoptr (GOptionContext) context = g_option_context_new (NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (GListModel) list = NULL;
  GOptionEntry entries[] = {
    { "all", 0, 0, G_OPTION_ARG_NONE, &all, N_("Sign out of every account"), NULL },
    { NULL }
  };
  guint removed = 0;
  guint n;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return cli_usage_error (error->message);
  if (argc != 1)
    return cli_usage_error (_("logout takes no arguments"));

  list = cli_list_accounts (store, &error);
  if (list == NULL)
    return cli_fail (error);
  n = g_list_model_get_n_items (list);
  if (!all && wanted == NULL && n > 1)
    return cli_usage_error (_("several accounts are signed in: choose one with --account, or "
                              "--all"));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (PaddockCredentials) c = g_list_model_get_item (list, i);
      g_auto (CliWaiter) w = CLI_WAITER_INIT;
      g_autofree char *name = NULL;
      gboolean ok;

      if (!all && wanted != NULL &&
          g_strcmp0 (wanted, paddock_credentials_get_account_id (c)) != 0 &&
          g_strcmp0 (wanted, paddock_credentials_get_account_number (c)) != 0)
        continue;

      paddock_token_store_delete_async (store, paddock_credentials_get_environment (c),
                                        paddock_credentials_get_account_id (c), NULL, cli_waiter_cb, &w);
      ok = paddock_token_store_delete_finish (store, cli_waiter_wait (&w), &error);
      cli_waiter_clear (&w);
      if (!ok)
        return cli_fail (error);
      forget_used_account (c);
      name = paddock_format_printable (paddock_credentials_get_account_number (c)
                                       ?: paddock_credentials_get_account_id (c));
      /* Translators: the environment as the API names it (“paper” or “live”), then the
       * account number */
      g_print (_("Signed out of the %s account %s.\n"), cli_environment_name (c),
               name);
      removed++;
    }

  if (removed == 0)
    {
      if (wanted != NULL)
        {
          g_printerr (_("paddock-cli: No account “%s” is signed in.\n"), wanted);
          return EXIT_FAILED;
        }
      g_print (_("No account was signed in.\n"));
    }
  return EXIT_OK;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr (PaddockTokenStore) store = NULL;
  g_autofree char *wanted = NULL;
  gboolean json = FALSE;
  gboolean version = FALSE;
  const char *command;
  g_autoptr (GPtrArray) rest = g_ptr_array_new ();

  setlocale (LC_ALL, "");
  /* Numbers given as arguments (--qty, --limit-price…) are read in the C format whatever
   * the locale: "12.50", never "12,50". Scripts write them that way everywhere, and a
   * German "1.000" (a thousand) would otherwise be read as one. The arguments are passed
   * to the checks as they are; this only makes the examples in their messages ("such as
   * 10 or 12.50") show the format the CLI takes. Numbers for people are still written in
   * the locale's format. */
  paddock_format_set_c_input (TRUE);
  paddock_raise_fd_limit ();
  /* stdout is for results (--json); every log message, debug ones too, goes to stderr */
  g_log_writer_default_set_use_stderr (TRUE);
  /* PADDOCK_LOCALEDIR: the tests run the CLI uninstalled, with the catalogs of the build
   * tree (BUILDDIR/po); nothing else sets it */
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("PADDOCK_LOCALEDIR") != NULL &&
                                   *g_getenv ("PADDOCK_LOCALEDIR") != '\0'
                                   ? g_getenv ("PADDOCK_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* global options may stand anywhere; the rest goes to the command */
  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--json"))
        json = TRUE;
      else if (g_str_equal (argv[i], "--version"))
        version = TRUE;
      else if (g_str_equal (argv[i], "--help") || g_str_equal (argv[i], "-h"))
        {
          if (rest->len == 0)
            {
              g_print ("%s", _(usage_text));
              return EXIT_OK;
            }
          g_ptr_array_add (rest, argv[i]);
        }
      else if (g_str_equal (argv[i], "--account"))
        {
          if (i + 1 >= argc)
            return cli_usage_error (_("--account needs an account ID or number"));
          g_free (wanted);
          wanted = g_strdup (argv[++i]);
        }
      else if (g_str_has_prefix (argv[i], "--account="))
        {
          g_free (wanted);
          wanted = g_strdup (argv[i] + strlen ("--account="));
        }
      else
        g_ptr_array_add (rest, argv[i]);
    }

  if (version)
    {
      g_print ("paddock-cli %s\n", PACKAGE_VERSION);
      return EXIT_OK;
    }
  if (rest->len == 0)
    {
      g_printerr ("%s", _(usage_text));
      return EXIT_USAGE;
    }

  command = g_ptr_array_index (rest, 0);
  g_ptr_array_insert (rest, 0, argv[0]);
  g_ptr_array_remove_index (rest, 1);
  {
    g_autofree char *prog = g_strdup_printf ("paddock-cli %s", command);

    g_ptr_array_insert (rest, 0, prog);
    g_ptr_array_remove_index (rest, 1);
    g_ptr_array_add (rest, NULL);
    store = paddock_token_store_new ();

    if (g_str_equal (command, "app"))
      return cmd_app (store, (int) rest->len - 1, (char **) rest->pdata);
    if (g_str_equal (command, "login"))
      return cmd_login (store, (int) rest->len - 1, (char **) rest->pdata);
    if (g_str_equal (command, "accounts"))
      return cmd_accounts (store, json, (int) rest->len - 1, (char **) rest->pdata);
    if (g_str_equal (command, "account"))
      return cmd_account (store, json, wanted, (int) rest->len - 1, (char **) rest->pdata);
    if (g_str_equal (command, "whoami"))
      return cmd_whoami (store, json, wanted, (int) rest->len - 1, (char **) rest->pdata);
    if (g_str_equal (command, "logout"))
      return cmd_logout (store, wanted, (int) rest->len - 1, (char **) rest->pdata);
    if (g_str_equal (command, "positions"))
      return cli_cmd_positions (store, json, wanted, (int) rest->len - 1, (char **) rest->pdata);
    if (g_str_equal (command, "orders"))
      return cli_cmd_orders (store, json, wanted, (int) rest->len - 1, (char **) rest->pdata);
    if (g_str_equal (command, "activity"))
      return cli_cmd_activity (store, json, wanted, (int) rest->len - 1, (char **) rest->pdata);
    if (g_str_equal (command, "order"))
      return cli_cmd_order (store, json, wanted, (int) rest->len - 1, (char **) rest->pdata);
    if (g_str_equal (command, "position"))
      return cli_cmd_position (store, json, wanted, (int) rest->len - 1, (char **) rest->pdata);
    if (g_str_equal (command, "use"))
      return cli_cmd_use (store, json, wanted, (int) rest->len - 1, (char **) rest->pdata);
    if (g_str_equal (command, "watchlists"))
      return cli_cmd_watchlists (store, json, wanted, (int) rest->len - 1, (char **) rest->pdata);
    if (g_str_equal (command, "stream"))
      return cli_cmd_stream (store, wanted, (int) rest->len - 1, (char **) rest->pdata);
    if (g_str_equal (command, "quote"))
      return cli_cmd_quote (store, json, wanted, (int) rest->len - 1, (char **) rest->pdata);
    if (g_str_equal (command, "bars"))
      return cli_cmd_bars (store, json, wanted, (int) rest->len - 1, (char **) rest->pdata);
    if (g_str_equal (command, "news"))
      return cli_cmd_news (store, json, wanted, (int) rest->len - 1, (char **) rest->pdata);
    if (g_str_equal (command, "movers"))
      return cli_cmd_movers (store, json, wanted, (int) rest->len - 1, (char **) rest->pdata);
    if (g_str_equal (command, "clock"))
      return cli_cmd_clock (store, json, wanted, (int) rest->len - 1, (char **) rest->pdata);
    if (g_str_equal (command, "asset"))
      return cli_cmd_asset (store, json, wanted, (int) rest->len - 1, (char **) rest->pdata);
    if (g_str_equal (command, "search"))
      return cli_cmd_search (store, json, wanted, (int) rest->len - 1, (char **) rest->pdata);
    if (g_str_equal (command, "history"))
      return cli_cmd_history (store, json, wanted, (int) rest->len - 1, (char **) rest->pdata);
    if (g_str_equal (command, "config"))
      return cli_cmd_config (store, json, wanted, (int) rest->len - 1, (char **) rest->pdata);
    if (g_str_equal (command, "token"))
      return cli_cmd_token (store, json, wanted, (int) rest->len - 1, (char **) rest->pdata);
  }

  {
    g_autofree char *msg = g_strdup_printf (_("unknown command “%s”"), command);

    return cli_usage_error (msg);
  }
}
