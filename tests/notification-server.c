/* notification-server.c: a desktop notification server for the end-to-end tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Owns org.freedesktop.Notifications on the session bus (the test's private one) and
 * implements what GLib's freedesktop GNotification backend calls: Notify, GetCapabilities,
 * GetServerInformation and CloseNotification. Prints {"ready": true} once it owns the name,
 * then one JSON line per Notify ({"app_name", "replaces_id", "summary", "body"}), flushed at
 * once. Exits 0 on SIGTERM or SIGINT, 1 when the name is taken or lost.
 *
 *   notification-server > notifications.jsonl &
 */
#define G_LOG_DOMAIN "paddock-notification-server"

#include "config.h"

#include <gio/gio.h>
#include <glib-unix.h>
#include <json-glib/json-glib.h>
#include <stdio.h>

static const char introspection_xml[] =
  "<node>"
  "  <interface name='org.freedesktop.Notifications'>"
  "    <method name='Notify'>"
  "      <arg type='s' name='app_name' direction='in'/>"
  "      <arg type='u' name='replaces_id' direction='in'/>"
  "      <arg type='s' name='app_icon' direction='in'/>"
  "      <arg type='s' name='summary' direction='in'/>"
  "      <arg type='s' name='body' direction='in'/>"
  "      <arg type='as' name='actions' direction='in'/>"
  "      <arg type='a{sv}' name='hints' direction='in'/>"
  "      <arg type='i' name='expire_timeout' direction='in'/>"
  "      <arg type='u' name='id' direction='out'/>"
  "    </method>"
  "    <method name='CloseNotification'>"
  "      <arg type='u' name='id' direction='in'/>"
  "    </method>"
  "    <method name='GetCapabilities'>"
  "      <arg type='as' name='capabilities' direction='out'/>"
  "    </method>"
  "    <method name='GetServerInformation'>"
  "      <arg type='s' name='name' direction='out'/>"
  "      <arg type='s' name='vendor' direction='out'/>"
  "      <arg type='s' name='version' direction='out'/>"
  "      <arg type='s' name='spec_version' direction='out'/>"
  "    </method>"
  "    <signal name='NotificationClosed'>"
  "      <arg type='u' name='id'/>"
  "      <arg type='u' name='reason'/>"
  "    </signal>"
  "    <signal name='ActionInvoked'>"
  "      <arg type='u' name='id'/>"
  "      <arg type='s' name='action_key'/>"
  "    </signal>"
  "  </interface>"
  "</node>";

typedef struct
{
  GMainLoop *loop;
  guint last_id;
  int status;
} Server;

static void
print_json (JsonBuilder *b)
{
  g_autoptr (JsonGenerator) gen = json_generator_new ();
  g_autoptr (JsonNode) root = json_builder_get_root (b);
  g_autofree char *text = NULL;

  json_generator_set_root (gen, root);
  text = json_generator_to_data (gen, NULL);
  g_print ("%s\n", text);
  fflush (stdout);
}

static void
method_call_cb (GDBusConnection       *connection,
                const char            *sender,
                const char            *object_path,
                const char            *interface_name,
                const char            *method_name,
                GVariant              *parameters,
                GDBusMethodInvocation *invocation,
                gpointer               user_data)
{
  Server *server = user_data;

  if (g_strcmp0 (method_name, "Notify") == 0)
    {
      g_autoptr (JsonBuilder) b = json_builder_new ();
      const char *app_name, *icon, *summary, *body;
      guint32 replaces_id, id;

      g_variant_get (parameters, "(&su&s&s&s@as@a{sv}i)", &app_name, &replaces_id, &icon,
                     &summary, &body, NULL, NULL, NULL);
      id = replaces_id != 0 ? replaces_id : ++server->last_id;
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "app_name");
      json_builder_add_string_value (b, app_name);
      json_builder_set_member_name (b, "replaces_id");
      json_builder_add_int_value (b, replaces_id);
      json_builder_set_member_name (b, "id");
      json_builder_add_int_value (b, id);
      json_builder_set_member_name (b, "summary");
      json_builder_add_string_value (b, summary);
      json_builder_set_member_name (b, "body");
      json_builder_add_string_value (b, body);
      json_builder_end_object (b);
      print_json (b);
      g_dbus_method_invocation_return_value (invocation, g_variant_new ("(u)", id));
    }
  else if (g_strcmp0 (method_name, "CloseNotification") == 0)
    {
      guint32 id;

      g_variant_get (parameters, "(u)", &id);
      /* reason 3: closed by a call to CloseNotification */
      g_dbus_connection_emit_signal (connection, sender, "/org/freedesktop/Notifications",
                                     "org.freedesktop.Notifications", "NotificationClosed",
                                     g_variant_new ("(uu)", id, 3), NULL);
      g_dbus_method_invocation_return_value (invocation, NULL);
    }
  else if (g_strcmp0 (method_name, "GetCapabilities") == 0)
    {
      const char *caps[] = { "body", NULL };

      g_dbus_method_invocation_return_value (invocation,
                                             g_variant_new ("(^as)", caps));
    }
  else if (g_strcmp0 (method_name, "GetServerInformation") == 0)
    {
      g_dbus_method_invocation_return_value (invocation,
                                             g_variant_new ("(ssss)", "paddock-test-notifications",
                                                            "Paddock", "1.0", "1.2"));
    }
  else
    {
      g_dbus_method_invocation_return_error (invocation, G_DBUS_ERROR,
                                             G_DBUS_ERROR_UNKNOWN_METHOD, "No method %s",
                                             method_name);
    }
}

static const GDBusInterfaceVTable vtable = { method_call_cb, NULL, NULL, { 0 } };

static void
bus_acquired_cb (GDBusConnection *connection,
                 const char      *name,
                 gpointer         user_data)
{
  Server *server = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GDBusNodeInfo) info = g_dbus_node_info_new_for_xml (introspection_xml, &error);

  g_assert_no_error (error);
  if (g_dbus_connection_register_object (connection, "/org/freedesktop/Notifications",
                                         info->interfaces[0], &vtable, server, NULL,
                                         &error) == 0)
    {
      g_printerr ("notification-server: %s\n", error->message);
      server->status = 1;
      g_main_loop_quit (server->loop);
    }
}

static void
name_acquired_cb (GDBusConnection *connection,
                  const char      *name,
                  gpointer         user_data)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "ready");
  json_builder_add_boolean_value (b, TRUE);
  json_builder_end_object (b);
  print_json (b);
}

static void
name_lost_cb (GDBusConnection *connection,
              const char      *name,
              gpointer         user_data)
{
  Server *server = user_data;

  g_printerr ("notification-server: %s is taken or the bus is gone\n", name);
  server->status = 1;
  g_main_loop_quit (server->loop);
}

static gboolean
signal_cb (gpointer user_data)
{
  Server *server = user_data;

  g_main_loop_quit (server->loop);
  return G_SOURCE_CONTINUE;
}

int
main (int    argc,
      char **argv)
{
  Server server = { 0 };
  guint owner;

  server.loop = g_main_loop_new (NULL, FALSE);
  g_unix_signal_add (SIGTERM, signal_cb, &server);
  g_unix_signal_add (SIGINT, signal_cb, &server);
  owner = g_bus_own_name (G_BUS_TYPE_SESSION, "org.freedesktop.Notifications",
                          G_BUS_NAME_OWNER_FLAGS_DO_NOT_QUEUE, bus_acquired_cb,
                          name_acquired_cb, name_lost_cb, &server, NULL);
  g_main_loop_run (server.loop);
  g_bus_unown_name (owner);
  g_main_loop_unref (server.loop);
  return server.status;
}
