/* paddock-settings.c: what Paddock reads from its GSettings, shared by the app and the CLI
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "paddock-settings"

#include "config.h"

#include "paddock-loopback-receiver.h"
#include "paddock-settings.h"

/**
 * paddock_settings_new:
 *
 * Returns: (transfer full) (nullable): Paddock's settings, or %NULL when the schema is not
 *   installed (a CLI run from a build tree); callers then use the defaults
 */
GSettings *
paddock_settings_new (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr (GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, SETTINGS_SCHEMA_ID, TRUE);
  return schema != NULL ? g_settings_new_full (schema, NULL, NULL) : NULL;
}

/**
 * paddock_settings_get_redirect_ports:
 * @settings: (nullable): Paddock's settings
 *
 * Returns: (transfer full) (element-type guint16): the loopback redirect ports to try, in
 *   order (48721–48725 unless the settings say otherwise)
 */
GArray *
paddock_settings_get_redirect_ports (GSettings *settings)
{
  GArray *ports = g_array_new (FALSE, FALSE, sizeof (guint16));

  if (settings != NULL)
    {
      g_autoptr (GVariant) value = g_settings_get_value (settings, "redirect-ports");
      gsize n = 0;
      const guint16 *p = g_variant_get_fixed_array (value, &n, sizeof (guint16));

      g_array_append_vals (ports, p, (guint) n);
    }
  if (ports->len == 0)
    for (guint16 i = 0; i < PADDOCK_LOOPBACK_DEFAULT_N_PORTS; i++)
      {
        guint16 port = PADDOCK_LOOPBACK_DEFAULT_FIRST_PORT + i;

        g_array_append_val (ports, port);
      }
  return ports;
}

/**
 * paddock_settings_get_data_feed:
 * @settings: (nullable): Paddock's settings
 *
 * Returns: the market data feed to ask for: IEX unless the `data-feed` setting says
 *   "sip" (the person's plan includes SIP data)
 */
PaddockDataFeed
paddock_settings_get_data_feed (GSettings *settings)
{
  g_autofree char *text = NULL;
  PaddockDataFeed feed = PADDOCK_DATA_FEED_IEX;

  if (settings == NULL)
    return feed;
  text = g_settings_get_string (settings, "data-feed");
  if (!paddock_data_feed_from_string (text, &feed))
    feed = PADDOCK_DATA_FEED_IEX;
  return feed;
}

static void
data_feed_changed_cb (GSettings         *settings,
                      const char        *key,
                      PaddockMarketData *data)
{
  paddock_market_data_set_feed (data, paddock_settings_get_data_feed (settings));
}

/**
 * paddock_settings_follow_data_feed:
 * @settings: (nullable): Paddock's settings
 * @data: market data calls
 *
 * Sets @data's feed from the `data-feed` setting now and each time it changes (for as long
 * as @data lives): a call started after the person changes it in Preferences asks for the
 * new feed.
 */
void
paddock_settings_follow_data_feed (GSettings         *settings,
                                   PaddockMarketData *data)
{
  g_return_if_fail (PADDOCK_IS_MARKET_DATA (data));

  paddock_market_data_set_feed (data, paddock_settings_get_data_feed (settings));
  if (settings != NULL)
    g_signal_connect_object (settings, "changed::data-feed", G_CALLBACK (data_feed_changed_cb),
                             data, 0);
}
