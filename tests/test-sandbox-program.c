/* test-sandbox-program.c: the `paddock-sandbox` program, run as a subprocess
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Scripts and other tools see the sandbox only through its command line, its one line of
 * JSON on stdout, its HTTP API and its exit status; this is what they rely on. Every wait
 * is bounded so that a program that hangs fails the test instead of hanging it.
 */
#include "config.h"

#include <signal.h>
#include <string.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "paddock-test-utils.h"

#define TIMEOUT_SECONDS 15
#define EXIT_SECONDS 5

static char *sandbox_path;

/* ---- helpers ------------------------------------------------------------------------ */

static void
child_setup (gpointer data)
{
#ifdef __linux__
  /* should the test abort, the sandbox must not outlive it */
  prctl (PR_SET_PDEATHSIG, SIGTERM);
#endif
}

static GSubprocess *
spawn (GSubprocessFlags    flags,
       const char * const *args)
{
  g_autoptr (GSubprocessLauncher) launcher = g_subprocess_launcher_new (flags);
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_auto (GStrv) argv = NULL;
  g_autoptr (GError) error = NULL;
  GSubprocess *process;

  g_strv_builder_add (builder, sandbox_path);
  g_strv_builder_addv (builder, (const char **) args);
  argv = g_strv_builder_end (builder);

  g_subprocess_launcher_set_child_setup (launcher, child_setup, NULL, NULL);
  /* fixed English messages */
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C", TRUE);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv, &error);
  g_assert_no_error (error);
  g_assert_nonnull (process);

  return process;
}

typedef struct
{
  gboolean done;
  char *out;
  char *err;
  GError *error;
} Communicate;

static void
communicate_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  Communicate *c = user_data;

  g_subprocess_communicate_utf8_finish (G_SUBPROCESS (source), result, &c->out, &c->err,
                                        &c->error);
  c->done = TRUE;
}

/* Runs the program with args (NULL-terminated) to its end; returns its exit status. */
static int
run (const char * const  *args,
     char               **out,
     char               **err)
{
  g_autoptr (GSubprocess) process = spawn (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                           G_SUBPROCESS_FLAGS_STDERR_PIPE, args);
  Communicate c = { 0 };

  g_subprocess_communicate_utf8_async (process, NULL, NULL, communicate_cb, &c);
  paddock_test_wait_flag_seconds (&c.done, TIMEOUT_SECONDS, "paddock-sandbox to exit");
  g_assert_no_error (c.error);
  g_assert_true (g_subprocess_get_if_exited (process));

  *out = c.out;
  *err = c.err;

  return g_subprocess_get_exit_status (process);
}

typedef struct
{
  gboolean done;
  char *line;
  GError *error;
} ReadLine;

static void
read_line_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  ReadLine *r = user_data;

  r->line = g_data_input_stream_read_line_finish_utf8 (G_DATA_INPUT_STREAM (source), result,
                                                       NULL, &r->error);
  r->done = TRUE;
}

static void
wait_check_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  gboolean *done = user_data;

  g_subprocess_wait_finish (G_SUBPROCESS (source), result, NULL);
  *done = TRUE;
}

/* Waits for the program to end by itself within seconds; returns its exit status. */
static int
wait_exit (GSubprocess *process,
           guint        seconds)
{
  gboolean done = FALSE;

  g_subprocess_wait_async (process, NULL, wait_check_cb, &done);
  paddock_test_wait_flag_seconds (&done, seconds, "paddock-sandbox to exit");
  g_assert_true (g_subprocess_get_if_exited (process));

  return g_subprocess_get_exit_status (process);
}

/* A running `paddock-sandbox --port 0 --seed 5` and what it printed */
typedef struct
{
  GSubprocess *process;
  GDataInputStream *out;
  char *line;
  JsonObject *info;
  char *base_url;
} Program;

static Program *
program_start (void)
{
  const char * const args[] = { "--port", "0", "--seed", "5", NULL };
  Program *p = g_new0 (Program, 1);
  g_autoptr (JsonNode) root = NULL;
  g_autoptr (GError) error = NULL;
  ReadLine r = { 0 };
  const char *authorize_url;

  p->process = spawn (G_SUBPROCESS_FLAGS_STDOUT_PIPE, args);
  p->out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (p->process));
  g_data_input_stream_read_line_async (p->out, G_PRIORITY_DEFAULT, NULL, read_line_cb, &r);
  paddock_test_wait_flag_seconds (&r.done, TIMEOUT_SECONDS, "the sandbox's line on stdout");
  g_assert_no_error (r.error);
  g_assert_nonnull (r.line);
  p->line = r.line;

  root = json_from_string (p->line, &error);
  g_assert_no_error (error);
  g_assert_nonnull (root);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));
  p->info = json_object_ref (json_node_get_object (root));

  authorize_url = json_object_get_string_member_with_default (p->info, "authorize_url", "");
  g_assert_true (g_str_has_suffix (authorize_url, "/oauth/authorize"));
  p->base_url = g_strndup (authorize_url, strlen (authorize_url) - strlen ("/oauth/authorize"));

  return p;
}

/* Stops it with SIGTERM: it must exit 0 within a few seconds, having printed no more. */
static void
program_stop (Program *p)
{
  g_autoptr (GBytes) rest = NULL;
  g_autoptr (GError) error = NULL;

  g_subprocess_send_signal (p->process, SIGTERM);
  g_assert_cmpint (wait_exit (p->process, EXIT_SECONDS), ==, 0);

  /* exactly one line: what is left on stdout after it is empty (the pipe is at its end
   * now that the program has exited, so the read does not block) */
  rest = g_input_stream_read_bytes (G_INPUT_STREAM (p->out), 4096, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (rest), ==, 0);
}

static void
program_free (Program *p)
{
  if (p->process != NULL && g_subprocess_get_identifier (p->process) != NULL)
    g_subprocess_force_exit (p->process);
  g_clear_object (&p->process);
  g_clear_object (&p->out);
  g_clear_pointer (&p->line, g_free);
  g_clear_pointer (&p->info, json_object_unref);
  g_clear_pointer (&p->base_url, g_free);
  g_free (p);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Program, program_free)

typedef struct
{
  guint status;
  JsonNode *json;
} Reply;

static void
reply_free (Reply *reply)
{
  g_clear_pointer (&reply->json, json_node_unref);
  g_free (reply);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Reply, reply_free)

static Reply *
request (const char *method,
         const char *url,
         const char *body)
{
  g_autoptr (SoupSession) session = soup_session_new_with_options ("timeout",
                                                                   TIMEOUT_SECONDS, NULL);
  g_autoptr (SoupMessage) msg = soup_message_new (method, url);
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GError) error = NULL;
  Reply *reply = g_new0 (Reply, 1);

  g_assert_nonnull (msg);
  if (body != NULL)
    {
      g_autoptr (GBytes) request_body = g_bytes_new (body, strlen (body));

      soup_message_set_request_body_from_bytes (msg, "application/json", request_body);
    }
  bytes = soup_session_send_and_read (session, msg, NULL, &error);
  g_assert_no_error (error);
  reply->status = soup_message_get_status (msg);
  if (g_bytes_get_size (bytes) > 0)
    {
      g_autoptr (JsonParser) parser = json_parser_new ();

      if (json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL),
                                      (gssize) g_bytes_get_size (bytes), NULL))
        reply->json = json_node_copy (json_parser_get_root (parser));
    }

  return reply;
}

/* {"code": int, "message": string} */
static void
assert_alpaca_error (Reply *reply,
                     guint  status)
{
  JsonObject *obj;

  g_assert_cmpuint (reply->status, ==, status);
  g_assert_nonnull (reply->json);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (reply->json));
  obj = json_node_get_object (reply->json);
  g_assert_cmpuint (json_object_get_size (obj), ==, 2);
  g_assert_cmpint (json_node_get_value_type (json_object_get_member (obj, "code")), ==,
                   G_TYPE_INT64);
  g_assert_cmpint (json_node_get_value_type (json_object_get_member (obj, "message")), ==,
                   G_TYPE_STRING);
}

static char *
member_url (Program    *p,
            const char *name,
            const char *path)
{
  return g_strconcat (json_object_get_string_member (p->info, name), path, NULL);
}

/* ---- tests -------------------------------------------------------------------------- */

static void
test_ready_line (void)
{
  g_autoptr (Program) p = program_start ();
  const struct { const char *name; const char *path; } urls[] = {
    { "authorize_url", "/oauth/authorize" },
    { "live_url", "/live" },
    { "paper_url", "/paper" },
    { "data_url", "/data" },
    { "polygon_url", "/polygon" },
  };
  const char *keys[] = { "authorize_url", "live_url", "paper_url", "data_url", "polygon_url",
                         "client_id", "client_secret" };
  g_autofree char *clock_url = member_url (p, "paper_url", "/v2/clock");
  g_autoptr (Reply) clock = NULL;
  guint64 port = 0;

  /* exactly these keys, every one a non-empty string */
  g_assert_null (strchr (p->line, '\n'));
  g_assert_cmpuint (json_object_get_size (p->info), ==, G_N_ELEMENTS (keys));
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      JsonNode *node = json_object_get_member (p->info, keys[i]);

      if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING)
        g_error ("\"%s\" is not a string member of %s", keys[i], p->line);
      g_assert_cmpstr (json_node_get_string (node), !=, "");
    }
  g_assert_cmpstr (json_object_get_string_member (p->info, "client_id"), ==, "paddock-demo");

  /* http://127.0.0.1:PORT, the same port with a real number for every URL */
  g_assert_true (g_str_has_prefix (p->base_url, "http://127.0.0.1:"));
  g_assert_true (g_ascii_string_to_unsigned (p->base_url + strlen ("http://127.0.0.1:"), 10,
                                             1, 65535, &port, NULL));
  for (guint i = 0; i < G_N_ELEMENTS (urls); i++)
    {
      g_autofree char *want = g_strconcat (p->base_url, urls[i].path, NULL);

      g_assert_cmpstr (json_object_get_string_member (p->info, urls[i].name), ==, want);
    }

  /* and it listens there: an API call without a token is refused in Alpaca's shape */
  clock = request ("GET", clock_url, NULL);
  assert_alpaca_error (clock, 401);

  program_stop (p);
}

static void
test_secret_per_start (void)
{
  g_autoptr (Program) a = program_start ();
  g_autoptr (Program) b = program_start ();

  /* two at once, each on its own port, with its own demo secret */
  g_assert_cmpstr (a->base_url, !=, b->base_url);
  g_assert_cmpstr (json_object_get_string_member (a->info, "client_secret"), !=,
                   json_object_get_string_member (b->info, "client_secret"));

  program_stop (a);
  program_stop (b);
}

static void
test_control_api (void)
{
  g_autoptr (Program) p = program_start ();
  g_autofree char *faults_url = g_strconcat (p->base_url, "/_sandbox/faults", NULL);
  g_autofree char *clock_url = member_url (p, "paper_url", "/v2/clock");
  g_autofree char *account_url = member_url (p, "paper_url", "/v2/account");

  {
    g_autoptr (Reply) add = request ("POST", faults_url,
                                     "{\"method\":\"GET\",\"path\":\"/paper/v2/clock\","
                                     "\"kind\":\"status\",\"param\":503,\"count\":-1}");

    g_assert_cmpuint (add->status, ==, 204);
  }

  /* every matching request, before any authentication; others are untouched */
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr (Reply) clock = request ("GET", clock_url, NULL);

      assert_alpaca_error (clock, 503);
    }
  {
    g_autoptr (Reply) account = request ("GET", account_url, NULL);

    assert_alpaca_error (account, 401);
  }

  {
    g_autoptr (Reply) clear = request ("DELETE", faults_url, NULL);
    g_autoptr (Reply) clock = NULL;

    g_assert_cmpuint (clear->status, ==, 204);
    clock = request ("GET", clock_url, NULL);
    assert_alpaca_error (clock, 401);
  }

  {
    g_autoptr (Reply) bad = request ("POST", faults_url,
                                     "{\"path\":\"/paper\",\"kind\":\"earthquake\"}");

    assert_alpaca_error (bad, 422);
  }

  program_stop (p);
}

static void
test_busy_port (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GInetAddress) lo = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr (GSocketAddress) any = g_inet_socket_address_new (lo, 0);
  g_autoptr (GSocketAddress) bound = NULL;
  g_autoptr (GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                             G_SOCKET_PROTOCOL_TCP, &error);
  g_autofree char *port = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status;

  g_assert_no_error (error);
  g_assert_true (g_socket_bind (socket, any, FALSE, &error));
  g_assert_no_error (error);
  g_assert_true (g_socket_listen (socket, &error));
  g_assert_no_error (error);
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);
  port = g_strdup_printf ("%u", g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));

  {
    const char * const args[] = { "--port", port, "--seed", "5", NULL };

    status = run (args, &out, &err);
  }
  g_test_message ("stderr: %s", err);
  g_assert_cmpint (status, !=, 0);
  g_assert_cmpstr (out, ==, "");
  g_assert_true (g_str_has_prefix (err, "paddock-sandbox: "));
  g_assert_nonnull (strstr (err, port));
}

static void
test_bad_arguments (void)
{
  const char * const cases[][4] = {
    { "--no-such-option", NULL },
    { "--port", "eighty", NULL },
    { "--port", "70000", NULL },
    { "--port", "-1", NULL },
    { "--seed", "5", "--tick-ms", NULL },
    { "--rate-limit", "0", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      int status = run (cases[i], &out, &err);

      g_test_message ("case %u: %s", i, err);
      g_assert_cmpint (status, ==, 2);
      g_assert_cmpstr (out, ==, "");
      g_assert_true (g_str_has_prefix (err, "paddock-sandbox: "));
    }
}

static void
test_version (void)
{
  const char * const args[] = { "--version", NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (run (args, &out, &err), ==, 0);
  g_assert_cmpstr (out, ==, "paddock-sandbox " PACKAGE_VERSION "\n");
  g_assert_cmpstr (err, ==, "");
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  /* meson passes the built program; by hand, it is found in the build directory */
  if (argc > 1)
    sandbox_path = g_strdup (argv[1]);
  else if (g_getenv ("PADDOCK_BUILDDIR") != NULL)
    sandbox_path = g_build_filename (g_getenv ("PADDOCK_BUILDDIR"), "src", "sandbox",
                                     "paddock-sandbox", NULL);
  else
    g_error ("usage: %s PATH-OF-paddock-sandbox", argv[0]);
  if (!g_file_test (sandbox_path, G_FILE_TEST_IS_EXECUTABLE))
    g_error ("%s is not an executable", sandbox_path);

  g_test_add_func ("/sandbox/program/ready-line", test_ready_line);
  g_test_add_func ("/sandbox/program/secret-per-start", test_secret_per_start);
  g_test_add_func ("/sandbox/program/control-api", test_control_api);
  g_test_add_func ("/sandbox/program/busy-port", test_busy_port);
  g_test_add_func ("/sandbox/program/bad-arguments", test_bad_arguments);
  g_test_add_func ("/sandbox/program/version", test_version);

  status = g_test_run ();
  g_free (sandbox_path);

  return status;
}
