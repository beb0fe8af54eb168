/* paddock-endpoints.c: where the brokerage lives, per environment
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "paddock-endpoints"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "paddock-endpoints.h"
#include "paddock-error.h"
#include "paddock-oauth-app.h"

struct _PaddockEndpoints
{
  GObject             parent_instance;

  PaddockEnvironment  environment;
  char               *authorize_url;
  char               *token_url;
  char               *live_url;
  char               *paper_url;
  char               *data_url;
  char               *polygon_url;
  char               *stream_url;
};

G_DEFINE_FINAL_TYPE (PaddockEndpoints, paddock_endpoints, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (PaddockEnvironment, paddock_environment,
  G_DEFINE_ENUM_VALUE (PADDOCK_ENVIRONMENT_DEMO, "demo"),
  G_DEFINE_ENUM_VALUE (PADDOCK_ENVIRONMENT_PAPER, "paper"),
  G_DEFINE_ENUM_VALUE (PADDOCK_ENVIRONMENT_LIVE, "live"))

enum {
  PROP_0,
  PROP_ENVIRONMENT,
  PROP_AUTHORIZE_URL,
  PROP_TOKEN_URL,
  PROP_LIVE_URL,
  PROP_PAPER_URL,
  PROP_TRADING_URL,
  PROP_DATA_URL,
  PROP_POLYGON_URL,
  PROP_STREAM_URL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef enum {
  URL_BASE,      /* a base to join paths to: no query, no fragment */
  URL_ENDPOINT,  /* a full endpoint: may carry a query */
} UrlKind;

static gboolean
host_is_loopback (const char *host)
{
  g_autoptr (GInetAddress) address = NULL;

  if (g_ascii_strcasecmp (host, "localhost") == 0)
    return TRUE;

  address = g_inet_address_new_from_string (host);

  return address != NULL && g_inet_address_get_is_loopback (address);
}

/* Checks one URL from the environment or the sandbox and returns it without
 * trailing slashes. @name is what the person can fix: a variable's name.
 * (For translators, in the messages below the first %s is that name, such as
 * PADDOCK_LIVE_URL, and the second the URL.) */
static char *
check_url (const char  *name,
           const char  *value,
           UrlKind      kind,
           GError     **error)
{
  g_autoptr (GUri) uri = NULL;
  g_autoptr (GError) local_error = NULL;
  const char *scheme;
  const char *host;
  gsize len;

  uri = g_uri_parse (value, G_URI_FLAGS_ENCODED, &local_error);
  if (uri == NULL)
    {
      g_set_error (error, PADDOCK_ERROR, PADDOCK_ERROR_INVALID_INPUT,
                   _("%s is not a valid URL: %s"), name, local_error->message);
      return NULL;
    }

  /* Never echo a URL with userinfo: it may hold a password. */
  if (g_uri_get_userinfo (uri) != NULL)
    {
      g_set_error (error, PADDOCK_ERROR, PADDOCK_ERROR_INVALID_INPUT,
                   _("%s must not contain a user name or password"), name);
      return NULL;
    }

  scheme = g_uri_get_scheme (uri);
  host = g_uri_get_host (uri);
  if (host == NULL || *host == '\0')
    {
      g_set_error (error, PADDOCK_ERROR, PADDOCK_ERROR_INVALID_INPUT,
                   _("%s (“%s”) has no host"), name, value);
      return NULL;
    }

  if (g_ascii_strcasecmp (scheme, "https") == 0)
    ;
  else if (g_ascii_strcasecmp (scheme, "http") == 0)
    {
      if (!host_is_loopback (host))
        {
          g_set_error (error, PADDOCK_ERROR, PADDOCK_ERROR_INVALID_INPUT,
                       _("%s (“%s”) must use https://; plain http:// is only allowed for "
                       "loopback hosts (127.0.0.0/8, ::1, localhost)"), name, value);
          return NULL;
        }
    }
  else
    {
      g_set_error (error, PADDOCK_ERROR, PADDOCK_ERROR_INVALID_INPUT,
                   _("%s (“%s”) must be an https:// URL"), name, value);
      return NULL;
    }

  if (g_uri_get_fragment (uri) != NULL)
    {
      g_set_error (error, PADDOCK_ERROR, PADDOCK_ERROR_INVALID_INPUT,
                   _("%s (“%s”) must not contain a fragment (#…)"), name, value);
      return NULL;
    }

  if (kind == URL_BASE && g_uri_get_query (uri) != NULL)
    {
      g_set_error (error, PADDOCK_ERROR, PADDOCK_ERROR_INVALID_INPUT,
                   _("%s (“%s”) must not contain a query (?…)"), name, value);
      return NULL;
    }

  len = strlen (value);
  if (kind == URL_BASE)
    while (len > 0 && value[len - 1] == '/')
      len--;

  return g_strndup (value, len);
}

/* {base}/stream with ws:// for http:// and wss:// for https:// */
static char *
build_stream_url (const char *trading_url)
{
  const char *rest = strstr (trading_url, "://");
  gboolean secure = g_ascii_strncasecmp (trading_url, "https", 5) == 0;

  g_assert (rest != NULL);

  return g_strconcat (secure ? "wss" : "ws", rest, "/stream", NULL);
}

static const char *
non_empty (const char *s)
{
  return s != NULL && *s != '\0' ? s : NULL;
}

static PaddockEndpoints *
endpoints_new (PaddockEnvironment   environment,
               const char          *names[5],
               const char          *values[5],
               GError             **error)
{
  g_autoptr (PaddockEndpoints) self = g_object_new (PADDOCK_TYPE_ENDPOINTS, NULL);

  self->environment = environment;
  if (!(self->authorize_url = check_url (names[0], values[0], URL_ENDPOINT, error)) ||
      !(self->live_url = check_url (names[1], values[1], URL_BASE, error)) ||
      !(self->paper_url = check_url (names[2], values[2], URL_BASE, error)) ||
      !(self->data_url = check_url (names[3], values[3], URL_BASE, error)) ||
      !(self->polygon_url = check_url (names[4], values[4], URL_BASE, error)))
    return NULL;

  self->token_url = paddock_endpoints_join_url (self->live_url, "/oauth/token");
  self->stream_url = build_stream_url (paddock_endpoints_get_trading_url (self));

  return g_steal_pointer (&self);
}

static void
paddock_endpoints_finalize (GObject *object)
{
  PaddockEndpoints *self = (PaddockEndpoints *) object;

  g_clear_pointer (&self->authorize_url, g_free);
  g_clear_pointer (&self->token_url, g_free);
  g_clear_pointer (&self->live_url, g_free);
  g_clear_pointer (&self->paper_url, g_free);
  g_clear_pointer (&self->data_url, g_free);
  g_clear_pointer (&self->polygon_url, g_free);
  g_clear_pointer (&self->stream_url, g_free);

  G_OBJECT_CLASS (paddock_endpoints_parent_class)->finalize (object);
}

static void
paddock_endpoints_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  PaddockEndpoints *self = PADDOCK_ENDPOINTS (object);

  switch (prop_id)
    {
    case PROP_ENVIRONMENT:
      g_value_set_enum (value, self->environment);
      break;
    case PROP_AUTHORIZE_URL:
      g_value_set_string (value, self->authorize_url);
      break;
    case PROP_TOKEN_URL:
      g_value_set_string (value, self->token_url);
      break;
    case PROP_LIVE_URL:
      g_value_set_string (value, self->live_url);
      break;
    case PROP_PAPER_URL:
      g_value_set_string (value, self->paper_url);
      break;
    case PROP_TRADING_URL:
      g_value_set_string (value, paddock_endpoints_get_trading_url (self));
      break;
    case PROP_DATA_URL:
      g_value_set_string (value, self->data_url);
      break;
    case PROP_POLYGON_URL:
      g_value_set_string (value, self->polygon_url);
      break;
    case PROP_STREAM_URL:
      g_value_set_string (value, self->stream_url);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
paddock_endpoints_class_init (PaddockEndpointsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = paddock_endpoints_finalize;
  object_class->get_property = paddock_endpoints_get_property;

  /**
   * PaddockEndpoints:environment:
   *
   * The environment these endpoints trade in.
   */
  properties[PROP_ENVIRONMENT] =
    g_param_spec_enum ("environment", NULL, NULL, PADDOCK_TYPE_ENVIRONMENT,
                       PADDOCK_ENVIRONMENT_PAPER, flags);
  /**
   * PaddockEndpoints:authorize-url:
   *
   * The full OAuth authorize endpoint, opened in the browser.
   */
  properties[PROP_AUTHORIZE_URL] = g_param_spec_string ("authorize-url", NULL, NULL, NULL, flags);
  /**
   * PaddockEndpoints:token-url:
   *
   * The OAuth token endpoint, `{live}/oauth/token`.
   */
  properties[PROP_TOKEN_URL] = g_param_spec_string ("token-url", NULL, NULL, NULL, flags);
  /**
   * PaddockEndpoints:live-url:
   *
   * The base URL of the live Trading API.
   */
  properties[PROP_LIVE_URL] = g_param_spec_string ("live-url", NULL, NULL, NULL, flags);
  /**
   * PaddockEndpoints:paper-url:
   *
   * The base URL of the paper Trading API.
   */
  properties[PROP_PAPER_URL] = g_param_spec_string ("paper-url", NULL, NULL, NULL, flags);
  /**
   * PaddockEndpoints:trading-url:
   *
   * The base URL of the Trading API of #PaddockEndpoints:environment.
   */
  properties[PROP_TRADING_URL] = g_param_spec_string ("trading-url", NULL, NULL, NULL, flags);
  /**
   * PaddockEndpoints:data-url:
   *
   * The base URL of the Market Data API.
   */
  properties[PROP_DATA_URL] = g_param_spec_string ("data-url", NULL, NULL, NULL, flags);
  /**
   * PaddockEndpoints:polygon-url:
   *
   * The base URL of the Polygon API.
   */
  properties[PROP_POLYGON_URL] = g_param_spec_string ("polygon-url", NULL, NULL, NULL, flags);
  /**
   * PaddockEndpoints:stream-url:
   *
   * The trade-updates websocket, `{trading}/stream` with the ws or wss scheme.
   */
  properties[PROP_STREAM_URL] = g_param_spec_string ("stream-url", NULL, NULL, NULL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
paddock_endpoints_init (PaddockEndpoints *self)
{
  self->environment = PADDOCK_ENVIRONMENT_PAPER;
}

/**
 * paddock_environment_to_string:
 * @environment: a #PaddockEnvironment
 *
 * Returns: (transfer none): `demo`, `paper` or `live`
 */
const char *
paddock_environment_to_string (PaddockEnvironment environment)
{
  switch (environment)
    {
    case PADDOCK_ENVIRONMENT_DEMO:
      return "demo";
    case PADDOCK_ENVIRONMENT_PAPER:
      return "paper";
    case PADDOCK_ENVIRONMENT_LIVE:
      return "live";
    default:
      g_return_val_if_reached (NULL);
    }
}

/**
 * paddock_environment_from_string:
 * @str: (nullable): `demo`, `paper` or `live`
 * @out_environment: (out) (optional): where to store the environment
 *
 * Returns: %TRUE if @str names an environment
 */
gboolean
paddock_environment_from_string (const char         *str,
                                 PaddockEnvironment *out_environment)
{
  static const PaddockEnvironment all[] = {
    PADDOCK_ENVIRONMENT_DEMO, PADDOCK_ENVIRONMENT_PAPER, PADDOCK_ENVIRONMENT_LIVE,
  };

  if (str == NULL)
    return FALSE;

  for (gsize i = 0; i < G_N_ELEMENTS (all); i++)
    if (g_strcmp0 (str, paddock_environment_to_string (all[i])) == 0)
      {
        if (out_environment != NULL)
          *out_environment = all[i];
        return TRUE;
      }

  return FALSE;
}

/**
 * paddock_endpoints_new_from_environ:
 * @environment: %PADDOCK_ENVIRONMENT_PAPER or %PADDOCK_ENVIRONMENT_LIVE
 * @envp: (nullable) (array zero-terminated=1): an environment such as g_get_environ()
 *   returns; %NULL means an empty one
 * @error: return location for a #GError
 *
 * Builds Alpaca's endpoints, each overridden by its variable in @envp if set
 * and not empty: `PADDOCK_AUTHORIZE_URL`, `PADDOCK_LIVE_URL`, `PADDOCK_PAPER_URL`,
 * `PADDOCK_DATA_URL`, `PADDOCK_POLYGON_URL`. Base URLs may carry a path prefix.
 * Only https:// is allowed, or http:// to a loopback host; bases must carry no
 * query and no URL may carry a fragment or userinfo. (The OAuth app is
 * #PaddockOAuthApp's business.)
 *
 * Returns: (transfer full): the endpoints, or %NULL with
 *   %PADDOCK_ERROR_INVALID_INPUT naming the variable at fault
 */
PaddockEndpoints *
paddock_endpoints_new_from_environ (PaddockEnvironment   environment,
                                    const char * const  *envp,
                                    GError             **error)
{
  static const char *names[5] = {
    "PADDOCK_AUTHORIZE_URL", "PADDOCK_LIVE_URL", "PADDOCK_PAPER_URL", "PADDOCK_DATA_URL",
    "PADDOCK_POLYGON_URL",
  };
  static const char *defaults[5] = {
    PADDOCK_DEFAULT_AUTHORIZE_URL, PADDOCK_DEFAULT_LIVE_URL, PADDOCK_DEFAULT_PAPER_URL,
    PADDOCK_DEFAULT_DATA_URL, PADDOCK_DEFAULT_POLYGON_URL,
  };
  const char *values[5];
  const char *empty_env[] = { NULL };

  g_return_val_if_fail (environment == PADDOCK_ENVIRONMENT_PAPER ||
                        environment == PADDOCK_ENVIRONMENT_LIVE ||
                        environment == PADDOCK_ENVIRONMENT_DEMO, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (environment == PADDOCK_ENVIRONMENT_DEMO)
    {
      g_set_error_literal (error, PADDOCK_ERROR, PADDOCK_ERROR_INVALID_INPUT,
                           _("The demo environment’s endpoints come from the sandbox"));
      return NULL;
    }

  if (envp == NULL)
    envp = (const char * const *) empty_env;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    values[i] = non_empty (g_environ_getenv ((char **) envp, names[i])) ?: defaults[i];

  return endpoints_new (environment, names, values, error);
}

/**
 * paddock_endpoints_new:
 * @environment: %PADDOCK_ENVIRONMENT_PAPER or %PADDOCK_ENVIRONMENT_LIVE
 * @error: return location for a #GError
 *
 * Like paddock_endpoints_new_from_environ() with the process's environment.
 *
 * Returns: (transfer full): the endpoints, or %NULL
 */
PaddockEndpoints *
paddock_endpoints_new (PaddockEnvironment   environment,
                       GError             **error)
{
  g_auto (GStrv) envp = g_get_environ ();

  return paddock_endpoints_new_from_environ (environment, (const char * const *) envp, error);
}

/**
 * paddock_endpoints_new_for_sandbox:
 * @authorize_url: the sandbox's authorize endpoint
 * @live_url: the sandbox's live base URL (its token endpoint lives below it)
 * @paper_url: the sandbox's paper base URL, which demo mode trades against
 * @data_url: the sandbox's market data base URL
 * @polygon_url: the sandbox's Polygon base URL
 * @error: return location for a #GError
 *
 * Builds the endpoints of the demo environment. The URLs are checked like
 * those from the environment; environment variables play no part.
 *
 * Returns: (transfer full): the endpoints, or %NULL
 */
PaddockEndpoints *
paddock_endpoints_new_for_sandbox (const char  *authorize_url,
                                   const char  *live_url,
                                   const char  *paper_url,
                                   const char  *data_url,
                                   const char  *polygon_url,
                                   GError     **error)
{
  static const char *names[5] = {
    "The sandbox’s authorize_url", "The sandbox’s live_url", "The sandbox’s paper_url",
    "The sandbox’s data_url", "The sandbox’s polygon_url",
  };
  const char *values[5] = { authorize_url, live_url, paper_url, data_url, polygon_url };

  g_return_val_if_fail (authorize_url != NULL, NULL);
  g_return_val_if_fail (live_url != NULL, NULL);
  g_return_val_if_fail (paper_url != NULL, NULL);
  g_return_val_if_fail (data_url != NULL, NULL);
  g_return_val_if_fail (polygon_url != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return endpoints_new (PADDOCK_ENVIRONMENT_DEMO, names, values, error);
}

/**
 * paddock_endpoints_new_from_sandbox_json:
 * @json: the sandbox's description, one JSON object with the string members
 *   `authorize_url`, `live_url`, `paper_url`, `data_url`, `polygon_url`,
 *   `client_id` and (optionally) `client_secret`
 * @out_app: (out) (optional): the sandbox's OAuth app
 * @error: return location for a #GError
 *
 * Builds the demo environment's endpoints, and the OAuth app to sign in to it as, from
 * what `paddock-sandbox` prints when it is ready.
 *
 * Returns: (transfer full): the endpoints, or %NULL with %PADDOCK_ERROR_PROTOCOL
 *   for a malformed description or %PADDOCK_ERROR_INVALID_INPUT for a refused URL
 */
PaddockEndpoints *
paddock_endpoints_new_from_sandbox_json (const char        *json,
                                         PaddockOAuthApp  **out_app,
                                         GError           **error)
{
  static const char *keys[] = {
    "authorize_url", "live_url", "paper_url", "data_url", "polygon_url", "client_id",
  };
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) local_error = NULL;
  const char *values[G_N_ELEMENTS (keys)];
  const char *secret = NULL;
  PaddockEndpoints *endpoints;
  JsonNode *root;
  JsonObject *object;
  JsonNode *member;

  g_return_val_if_fail (json != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!json_parser_load_from_data (parser, json, -1, &local_error))
    {
      g_set_error (error, PADDOCK_ERROR, PADDOCK_ERROR_PROTOCOL,
                   _("The sandbox’s description is not JSON: %s"), local_error->message);
      return NULL;
    }

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, PADDOCK_ERROR, PADDOCK_ERROR_PROTOCOL,
                           _("The sandbox’s description is not a JSON object"));
      return NULL;
    }
  object = json_node_get_object (root);

  for (gsize i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      member = json_object_get_member (object, keys[i]);
      if (member == NULL || json_node_get_value_type (member) != G_TYPE_STRING)
        {
          g_set_error (error, PADDOCK_ERROR, PADDOCK_ERROR_PROTOCOL,
                       _("The sandbox’s description lacks the string “%s”"), keys[i]);
          return NULL;
        }
      values[i] = json_node_get_string (member);
    }

  member = json_object_get_member (object, "client_secret");
  if (member != NULL && !JSON_NODE_HOLDS_NULL (member))
    {
      if (json_node_get_value_type (member) != G_TYPE_STRING)
        {
          g_set_error_literal (error, PADDOCK_ERROR, PADDOCK_ERROR_PROTOCOL,
                               _("The sandbox’s “client_secret” is not a string"));
          return NULL;
        }
      secret = json_node_get_string (member);
    }

  endpoints = paddock_endpoints_new_for_sandbox (values[0], values[1], values[2], values[3],
                                                 values[4], error);
  if (endpoints != NULL && out_app != NULL)
    *out_app = paddock_oauth_app_new (values[5], secret);
  return endpoints;
}

/**
 * paddock_endpoints_get_environment:
 * @self: a #PaddockEndpoints
 *
 * Returns: the environment these endpoints trade in
 */
PaddockEnvironment
paddock_endpoints_get_environment (PaddockEndpoints *self)
{
  g_return_val_if_fail (PADDOCK_IS_ENDPOINTS (self), PADDOCK_ENVIRONMENT_PAPER);

  return self->environment;
}

/**
 * paddock_endpoints_get_authorize_url:
 * @self: a #PaddockEndpoints
 *
 * Returns: (transfer none): the full OAuth authorize endpoint
 */
const char *
paddock_endpoints_get_authorize_url (PaddockEndpoints *self)
{
  g_return_val_if_fail (PADDOCK_IS_ENDPOINTS (self), NULL);

  return self->authorize_url;
}

/**
 * paddock_endpoints_get_token_url:
 * @self: a #PaddockEndpoints
 *
 * Returns: (transfer none): the OAuth token endpoint, `{live}/oauth/token`
 */
const char *
paddock_endpoints_get_token_url (PaddockEndpoints *self)
{
  g_return_val_if_fail (PADDOCK_IS_ENDPOINTS (self), NULL);

  return self->token_url;
}

/**
 * paddock_endpoints_get_live_url:
 * @self: a #PaddockEndpoints
 *
 * Returns: (transfer none): the live Trading API's base URL, without a trailing slash
 */
const char *
paddock_endpoints_get_live_url (PaddockEndpoints *self)
{
  g_return_val_if_fail (PADDOCK_IS_ENDPOINTS (self), NULL);

  return self->live_url;
}

/**
 * paddock_endpoints_get_paper_url:
 * @self: a #PaddockEndpoints
 *
 * Returns: (transfer none): the paper Trading API's base URL, without a trailing slash
 */
const char *
paddock_endpoints_get_paper_url (PaddockEndpoints *self)
{
  g_return_val_if_fail (PADDOCK_IS_ENDPOINTS (self), NULL);

  return self->paper_url;
}

/**
 * paddock_endpoints_get_trading_url:
 * @self: a #PaddockEndpoints
 *
 * The Trading API of the environment: live for live, paper for paper and for
 * demo (the sandbox's paper host).
 *
 * Returns: (transfer none): a base URL without a trailing slash
 */
const char *
paddock_endpoints_get_trading_url (PaddockEndpoints *self)
{
  g_return_val_if_fail (PADDOCK_IS_ENDPOINTS (self), NULL);

  return self->environment == PADDOCK_ENVIRONMENT_LIVE ? self->live_url : self->paper_url;
}

/**
 * paddock_endpoints_get_data_url:
 * @self: a #PaddockEndpoints
 *
 * Returns: (transfer none): the Market Data API's base URL, without a trailing slash
 */
const char *
paddock_endpoints_get_data_url (PaddockEndpoints *self)
{
  g_return_val_if_fail (PADDOCK_IS_ENDPOINTS (self), NULL);

  return self->data_url;
}

/**
 * paddock_endpoints_get_polygon_url:
 * @self: a #PaddockEndpoints
 *
 * Returns: (transfer none): the Polygon API's base URL, without a trailing slash
 */
const char *
paddock_endpoints_get_polygon_url (PaddockEndpoints *self)
{
  g_return_val_if_fail (PADDOCK_IS_ENDPOINTS (self), NULL);

  return self->polygon_url;
}

/**
 * paddock_endpoints_get_stream_url:
 * @self: a #PaddockEndpoints
 *
 * Returns: (transfer none): the trade-updates websocket, `{trading}/stream`
 *   with the ws:// or wss:// scheme
 */
const char *
paddock_endpoints_get_stream_url (PaddockEndpoints *self)
{
  g_return_val_if_fail (PADDOCK_IS_ENDPOINTS (self), NULL);

  return self->stream_url;
}

/**
 * paddock_endpoints_join_url:
 * @base: a base URL, possibly with a path prefix such as `http://127.0.0.1:8080/paper`
 * @path: a path such as `/v2/account` (a leading slash is optional; it may
 *   end in a query)
 *
 * Appends @path to @base, keeping the base's own path: joining `/v2/account`
 * to `http://127.0.0.1:8080/paper/` gives `http://127.0.0.1:8080/paper/v2/account`.
 *
 * Returns: (transfer full): the joined URL
 */
char *
paddock_endpoints_join_url (const char *base,
                            const char *path)
{
  gsize len;

  g_return_val_if_fail (base != NULL, NULL);
  g_return_val_if_fail (path != NULL, NULL);

  len = strlen (base);
  while (len > 0 && base[len - 1] == '/')
    len--;
  while (*path == '/')
    path++;

  if (*path == '\0')
    return g_strndup (base, len);

  return g_strdup_printf ("%.*s/%s", (int) len, base, path);
}
