/* paddock-credentials.c: what Paddock keeps in the keyring for one account
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "paddock-credentials"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "paddock-credentials.h"
#include "paddock-error.h"
#include "paddock-json.h"

/**
 * PaddockCredentials:
 *
 * An immutable record of one signed-in account: the environment (`demo`, `paper` or `live`),
 * the Alpaca account id and number, and the OAuth access token with its type and scope.
 *
 * Credentials listed by #PaddockTokenStore without their secret have no access token
 * (paddock_credentials_has_token() is %FALSE); load them to get it. The access token is
 * never part of a label, a debug message or an error.
 */
struct _PaddockCredentials
{
  GObject    parent_instance;

  PaddockEnvironment environment;
  char      *account_id;
  char      *account_number;
  char      *access_token;
  char      *token_type;
  char      *scope;
  char      *label;
  GDateTime *created_at;
};

G_DEFINE_FINAL_TYPE (PaddockCredentials, paddock_credentials, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ENVIRONMENT,
  PROP_ACCOUNT_ID,
  PROP_ACCOUNT_NUMBER,
  PROP_ACCESS_TOKEN,
  PROP_TOKEN_TYPE,
  PROP_SCOPE,
  PROP_LABEL,
  PROP_CREATED_AT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* What paddock_credentials_to_json() writes is one flat object */
#define MAX_JSON_DEPTH 1

static void
clear_secret_string (char **str)
{
  if (*str != NULL)
    {
      /* the token must not linger in freed memory */
      explicit_bzero (*str, strlen (*str));
      g_clear_pointer (str, g_free);
    }
}

/* Looks a member up, checking its type: a wrong type is a damaged item, never a critical. */
static gboolean
get_optional_string (JsonObject  *object,
                     const char  *member,
                     const char **out)
{
  JsonNode *node = json_object_get_member (object, member);

  *out = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return FALSE;
  *out = json_node_get_string (node);
  return TRUE;
}

static void
add_string_member (JsonBuilder *builder,
                   const char  *member,
                   const char  *value)
{
  if (value == NULL)
    return;
  json_builder_set_member_name (builder, member);
  json_builder_add_string_value (builder, value);
}

static void
paddock_credentials_finalize (GObject *object)
{
  PaddockCredentials *self = (PaddockCredentials *)object;

  clear_secret_string (&self->access_token);
  g_clear_pointer (&self->account_id, g_free);
  g_clear_pointer (&self->account_number, g_free);
  g_clear_pointer (&self->token_type, g_free);
  g_clear_pointer (&self->scope, g_free);
  g_clear_pointer (&self->label, g_free);
  g_clear_pointer (&self->created_at, g_date_time_unref);

  G_OBJECT_CLASS (paddock_credentials_parent_class)->finalize (object);
}

static void
paddock_credentials_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  PaddockCredentials *self = PADDOCK_CREDENTIALS (object);

  switch (prop_id)
    {
    case PROP_ENVIRONMENT:
      g_value_set_enum (value, self->environment);
      break;
    case PROP_ACCOUNT_ID:
      g_value_set_string (value, self->account_id);
      break;
    case PROP_ACCOUNT_NUMBER:
      g_value_set_string (value, self->account_number);
      break;
    case PROP_ACCESS_TOKEN:
      g_value_set_string (value, self->access_token);
      break;
    case PROP_TOKEN_TYPE:
      g_value_set_string (value, self->token_type);
      break;
    case PROP_SCOPE:
      g_value_set_string (value, self->scope);
      break;
    case PROP_LABEL:
      g_value_set_string (value, self->label);
      break;
    case PROP_CREATED_AT:
      g_value_set_boxed (value, self->created_at);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
paddock_credentials_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  PaddockCredentials *self = PADDOCK_CREDENTIALS (object);

  switch (prop_id)
    {
    case PROP_ENVIRONMENT:
      self->environment = g_value_get_enum (value);
      break;
    case PROP_ACCOUNT_ID:
      self->account_id = g_value_dup_string (value);
      break;
    case PROP_ACCOUNT_NUMBER:
      self->account_number = g_value_dup_string (value);
      break;
    case PROP_ACCESS_TOKEN:
      self->access_token = g_value_dup_string (value);
      break;
    case PROP_TOKEN_TYPE:
      self->token_type = g_value_dup_string (value);
      break;
    case PROP_SCOPE:
      self->scope = g_value_dup_string (value);
      break;
    case PROP_LABEL:
      self->label = g_value_dup_string (value);
      break;
    case PROP_CREATED_AT:
      self->created_at = g_value_dup_boxed (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
paddock_credentials_class_init (PaddockCredentialsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = paddock_credentials_finalize;
  object_class->get_property = paddock_credentials_get_property;
  object_class->set_property = paddock_credentials_set_property;

#define STRING_PROP(id, name, blurb)                                                  \
  properties[id] = g_param_spec_string (name, NULL, blurb, NULL,                      \
                                        (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | \
                                         G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS))
  STRING_PROP (PROP_ACCOUNT_ID, "account-id", "The Alpaca account id");
  STRING_PROP (PROP_ACCOUNT_NUMBER, "account-number", "The Alpaca account number");
  STRING_PROP (PROP_ACCESS_TOKEN, "access-token", "The OAuth access token");
  STRING_PROP (PROP_TOKEN_TYPE, "token-type", "The OAuth token type");
  STRING_PROP (PROP_SCOPE, "scope", "The granted OAuth scope");
  STRING_PROP (PROP_LABEL, "label", "The keyring item's label");
#undef STRING_PROP

  properties[PROP_ENVIRONMENT] =
    g_param_spec_enum ("environment", NULL, "The environment", PADDOCK_TYPE_ENVIRONMENT,
                       PADDOCK_ENVIRONMENT_PAPER,
                       (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                        G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_CREATED_AT] =
    g_param_spec_boxed ("created-at", NULL, "When the sign-in happened", G_TYPE_DATE_TIME,
                        (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
paddock_credentials_init (PaddockCredentials *self)
{
}

/**
 * paddock_credentials_new:
 * @environment: the environment the account lives in
 * @account_id: the Alpaca account id
 * @account_number: (nullable): the Alpaca account number
 * @access_token: (nullable): the OAuth access token
 * @token_type: (nullable): the OAuth token type, usually `bearer`
 * @scope: (nullable): the granted scope
 * @created_at: (nullable): when the token was issued; %NULL for now
 *
 * Returns: (transfer full): new credentials
 */
PaddockCredentials *
paddock_credentials_new (PaddockEnvironment  environment,
                         const char         *account_id,
                         const char         *account_number,
                         const char         *access_token,
                         const char         *token_type,
                         const char         *scope,
                         GDateTime          *created_at)
{
  g_autoptr (GDateTime) now = NULL;

  g_return_val_if_fail (paddock_environment_to_string (environment) != NULL, NULL);
  g_return_val_if_fail (account_id != NULL, NULL);

  if (created_at == NULL)
    created_at = now = g_date_time_new_now_utc ();

  return g_object_new (PADDOCK_TYPE_CREDENTIALS,
                       "environment", environment,
                       "account-id", account_id,
                       "account-number", account_number,
                       "access-token", access_token,
                       "token-type", token_type,
                       "scope", scope,
                       "created-at", created_at,
                       NULL);
}

/**
 * paddock_credentials_new_from_json:
 * @environment: the environment the keyring item is filed under
 * @account_id: the account id the keyring item is filed under
 * @json: the stored secret
 * @length: the length of @json in bytes
 * @error: return location for a #GError
 *
 * Parses what paddock_credentials_to_json() wrote. The secret must be a JSON object of at
 * most %PADDOCK_CREDENTIALS_MAX_JSON_BYTES, parsed with paddock_json_parse(), whose string
 * `access_token` passes paddock_access_token_is_valid(); the other members are optional
 * but, when present, must be strings, and `environment` and `account_id` must match the
 * item's attributes. Anything else fails with %PADDOCK_ERROR_KEYRING_DAMAGED ("The stored
 * sign-in for this account is damaged. Sign in again."); the message never quotes the
 * secret.
 *
 * Returns: (transfer full): the credentials, or %NULL with @error set
 */
PaddockCredentials *
paddock_credentials_new_from_json (PaddockEnvironment   environment,
                                   const char          *account_id,
                                   const char          *json,
                                   gsize                length,
                                   GError             **error)
{
  g_autoptr (GDateTime) created_at = NULL;
  g_autoptr (JsonNode) root = NULL;
  JsonObject *object;
  const char *access_token, *token_type, *scope, *account_number;
  const char *stored_environment, *stored_account_id, *created;

  g_return_val_if_fail (paddock_environment_to_string (environment) != NULL, NULL);
  g_return_val_if_fail (account_id != NULL, NULL);

  /* the size first: the item may be anything another program put under our schema */
  if (json == NULL || length == 0 || length > PADDOCK_CREDENTIALS_MAX_JSON_BYTES ||
      !g_utf8_validate (json, length, NULL))
    goto damaged;
  root = paddock_json_parse (json, length, PADDOCK_CREDENTIALS_MAX_JSON_BYTES, MAX_JSON_DEPTH,
                             NULL);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    goto damaged;
  object = json_node_get_object (root);

  if (!get_optional_string (object, "access_token", &access_token) ||
      !get_optional_string (object, "token_type", &token_type) ||
      !get_optional_string (object, "scope", &scope) ||
      !get_optional_string (object, "account_number", &account_number) ||
      !get_optional_string (object, "environment", &stored_environment) ||
      !get_optional_string (object, "account_id", &stored_account_id) ||
      !get_optional_string (object, "created_at", &created))
    goto damaged;

  /* it goes into an Authorization header as it is */
  if (!paddock_access_token_is_valid (access_token))
    goto damaged;
  if (stored_environment != NULL &&
      g_strcmp0 (stored_environment, paddock_environment_to_string (environment)) != 0)
    goto damaged;
  if (stored_account_id != NULL && g_strcmp0 (stored_account_id, account_id) != 0)
    goto damaged;
  if (created != NULL && (created_at = g_date_time_new_from_iso8601 (created, NULL)) == NULL)
    goto damaged;

  return paddock_credentials_new (environment, account_id, account_number, access_token,
                                  token_type, scope, created_at);

damaged:
  g_set_error_literal (error, PADDOCK_ERROR, PADDOCK_ERROR_KEYRING_DAMAGED,
                       _("The stored sign-in for this account is damaged. Sign in again."));
  return NULL;
}

/**
 * paddock_credentials_to_json:
 * @self: credentials with a token
 *
 * Serialises @self as the keyring secret. The result holds the access token: wipe it with
 * explicit_bzero() before freeing it, and never log it.
 *
 * Returns: (transfer full): a JSON object
 */
char *
paddock_credentials_to_json (PaddockCredentials *self)
{
  g_autoptr (JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  g_autoptr (JsonNode) root = NULL;
  g_autofree char *created_at = NULL;

  g_return_val_if_fail (PADDOCK_IS_CREDENTIALS (self), NULL);
  g_return_val_if_fail (paddock_credentials_has_token (self), NULL);

  created_at = g_date_time_format_iso8601 (self->created_at);

  json_builder_begin_object (builder);
  add_string_member (builder, "access_token", self->access_token);
  add_string_member (builder, "token_type", self->token_type);
  add_string_member (builder, "scope", self->scope);
  add_string_member (builder, "account_number", self->account_number);
  add_string_member (builder, "environment", paddock_environment_to_string (self->environment));
  add_string_member (builder, "account_id", self->account_id);
  add_string_member (builder, "created_at", created_at);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);

  return json_generator_to_data (generator, NULL);
}

/**
 * paddock_credentials_dup_default_label:
 * @self: credentials
 *
 * Returns: (transfer full): the keyring label for @self, e.g. "Paddock token for paper
 *   account PA123"; it never contains the token
 */
char *
paddock_credentials_dup_default_label (PaddockCredentials *self)
{
  g_return_val_if_fail (PADDOCK_IS_CREDENTIALS (self), NULL);

  return g_strdup_printf ("Paddock token for %s account %s",
                          paddock_environment_to_string (self->environment),
                          self->account_number != NULL ? self->account_number
                                                       : self->account_id);
}

/**
 * paddock_credentials_get_environment:
 * @self: credentials
 *
 * Returns: the environment the account lives in
 */
PaddockEnvironment
paddock_credentials_get_environment (PaddockCredentials *self)
{
  g_return_val_if_fail (PADDOCK_IS_CREDENTIALS (self), PADDOCK_ENVIRONMENT_PAPER);
  return self->environment;
}

/**
 * paddock_credentials_get_account_id:
 * @self: credentials
 *
 * Returns: the Alpaca account id
 */
const char *
paddock_credentials_get_account_id (PaddockCredentials *self)
{
  g_return_val_if_fail (PADDOCK_IS_CREDENTIALS (self), NULL);
  return self->account_id;
}

/**
 * paddock_credentials_get_account_number:
 * @self: credentials
 *
 * Returns: (nullable): the Alpaca account number, if known
 */
const char *
paddock_credentials_get_account_number (PaddockCredentials *self)
{
  g_return_val_if_fail (PADDOCK_IS_CREDENTIALS (self), NULL);
  return self->account_number;
}

/**
 * paddock_credentials_get_access_token:
 * @self: credentials
 *
 * Returns: (nullable): the access token, or %NULL for listed credentials; never log it
 */
const char *
paddock_credentials_get_access_token (PaddockCredentials *self)
{
  g_return_val_if_fail (PADDOCK_IS_CREDENTIALS (self), NULL);
  return self->access_token;
}

/**
 * paddock_credentials_get_token_type:
 * @self: credentials
 *
 * Returns: (nullable): the token type, usually `bearer`
 */
const char *
paddock_credentials_get_token_type (PaddockCredentials *self)
{
  g_return_val_if_fail (PADDOCK_IS_CREDENTIALS (self), NULL);
  return self->token_type;
}

/**
 * paddock_credentials_get_scope:
 * @self: credentials
 *
 * Returns: (nullable): the granted scope, space separated
 */
const char *
paddock_credentials_get_scope (PaddockCredentials *self)
{
  g_return_val_if_fail (PADDOCK_IS_CREDENTIALS (self), NULL);
  return self->scope;
}

/**
 * paddock_credentials_get_created_at:
 * @self: credentials
 *
 * Returns: (transfer none) (nullable): when the sign-in was stored
 */
GDateTime *
paddock_credentials_get_created_at (PaddockCredentials *self)
{
  g_return_val_if_fail (PADDOCK_IS_CREDENTIALS (self), NULL);
  return self->created_at;
}

/**
 * paddock_credentials_get_label:
 * @self: credentials
 *
 * Returns: (nullable): the keyring item's label, for credentials that came from a list
 */
const char *
paddock_credentials_get_label (PaddockCredentials *self)
{
  g_return_val_if_fail (PADDOCK_IS_CREDENTIALS (self), NULL);
  return self->label;
}

/**
 * paddock_credentials_has_token:
 * @self: credentials
 *
 * Returns: %TRUE if @self carries an access token
 */
gboolean
paddock_credentials_has_token (PaddockCredentials *self)
{
  g_return_val_if_fail (PADDOCK_IS_CREDENTIALS (self), FALSE);
  return self->access_token != NULL && self->access_token[0] != '\0';
}

/**
 * paddock_access_token_is_valid:
 * @token: (nullable): an access token from a token endpoint or the keyring
 *
 * A Bearer token is sent as an HTTP header value, so only RFC 6750's `b64token`
 * characters are accepted (`1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="`),
 * and at most 4096 of them: a CR or LF would otherwise reach the header.
 *
 * Returns: %TRUE when @token may be sent as a Bearer token
 */
gboolean
paddock_access_token_is_valid (const char *token)
{
  gsize i = 0;

  if (token == NULL)
    return FALSE;
  while (token[i] != '\0' && (g_ascii_isalnum (token[i]) || strchr ("-._~+/", token[i])))
    i++;
  if (i == 0)
    return FALSE;
  while (token[i] == '=')
    i++;
  return token[i] == '\0' && i <= PADDOCK_ACCESS_TOKEN_MAX_LEN;
}
