/* paddock-account-config.c: the account's settings (/v2/account/configurations)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The members are described once, in a table (paddock-model-private.h); the reply's whole
 * object is kept beside the values so that members this version does not know survive.
 */
#define G_LOG_DOMAIN "paddock-account-config"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "paddock-account-config.h"
#include "paddock-error.h"
#include "paddock-model-private.h"

G_DEFINE_ENUM_TYPE (PaddockConfigCheck, paddock_config_check,
  G_DEFINE_ENUM_VALUE (PADDOCK_CONFIG_CHECK_UNKNOWN, "unknown"),
  G_DEFINE_ENUM_VALUE (PADDOCK_CONFIG_CHECK_BOTH, "both"),
  G_DEFINE_ENUM_VALUE (PADDOCK_CONFIG_CHECK_ENTRY, "entry"),
  G_DEFINE_ENUM_VALUE (PADDOCK_CONFIG_CHECK_EXIT, "exit"))

G_DEFINE_ENUM_TYPE (PaddockConfirmEmail, paddock_confirm_email,
  G_DEFINE_ENUM_VALUE (PADDOCK_CONFIRM_EMAIL_UNKNOWN, "unknown"),
  G_DEFINE_ENUM_VALUE (PADDOCK_CONFIRM_EMAIL_ALL, "all"),
  G_DEFINE_ENUM_VALUE (PADDOCK_CONFIRM_EMAIL_NONE, "none"))

enum {
  F_DTBP_CHECK,
  F_PDT_CHECK,
  F_TRADE_CONFIRM_EMAIL,
  F_SUSPEND_TRADE,
  F_NO_SHORTING,
  F_FRACTIONAL_TRADING,
  F_MAX_MARGIN_MULTIPLIER,
  F_PTP_NO_EXCEPTION_ENTRY,
  F_MAX_OPTIONS_TRADING_LEVEL,
  N_FIELDS
};

#define LENIENT PADDOCK_FIELD_LENIENT

static const PaddockField fields[N_FIELDS] = {
  [F_DTBP_CHECK] = { "dtbp_check", PADDOCK_FIELD_ENUM, LENIENT, paddock_config_check_get_type },
  [F_PDT_CHECK] = { "pdt_check", PADDOCK_FIELD_ENUM, LENIENT, paddock_config_check_get_type },
  [F_TRADE_CONFIRM_EMAIL] = { "trade_confirm_email", PADDOCK_FIELD_ENUM, LENIENT,
                              paddock_confirm_email_get_type },
  [F_SUSPEND_TRADE] = { "suspend_trade", PADDOCK_FIELD_BOOL, LENIENT },
  [F_NO_SHORTING] = { "no_shorting", PADDOCK_FIELD_BOOL, LENIENT },
  [F_FRACTIONAL_TRADING] = { "fractional_trading", PADDOCK_FIELD_BOOL, LENIENT },
  [F_MAX_MARGIN_MULTIPLIER] = { "max_margin_multiplier", PADDOCK_FIELD_DECIMAL, LENIENT },
  [F_PTP_NO_EXCEPTION_ENTRY] = { "ptp_no_exception_entry", PADDOCK_FIELD_BOOL, LENIENT },
  [F_MAX_OPTIONS_TRADING_LEVEL] = { "max_options_trading_level", PADDOCK_FIELD_DECIMAL,
                                    LENIENT },
};

static GParamSpec *field_pspecs[N_FIELDS];
static GParamSpec *code_pspecs[N_FIELDS];

static const PaddockFieldTable table = {
  "account configuration", fields, N_FIELDS, field_pspecs, code_pspecs,
};

/* what a person may change, and the values each takes (NULL: true or false) */
static const char *const settable_keys[] = {
  "dtbp_check", "pdt_check", "trade_confirm_email", "suspend_trade", "no_shorting",
  "fractional_trading", "max_margin_multiplier", "ptp_no_exception_entry", NULL,
};
static const char *const check_values[] = { "both", "entry", "exit", NULL };
static const char *const email_values[] = { "all", "none", NULL };
static const char *const multiplier_values[] = { "1", "2", "4", NULL };

struct _PaddockAccountConfig
{
  GObject parent_instance;

  PaddockFieldValue values[N_FIELDS];
  JsonNode *json;   /* the object as sent */
};

G_DEFINE_FINAL_TYPE (PaddockAccountConfig, paddock_account_config, G_TYPE_OBJECT)

static void
paddock_account_config_finalize (GObject *object)
{
  PaddockAccountConfig *self = PADDOCK_ACCOUNT_CONFIG (object);

  _paddock_model_clear (&table, self->values);
  g_clear_pointer (&self->json, json_node_unref);
  G_OBJECT_CLASS (paddock_account_config_parent_class)->finalize (object);
}

static void
paddock_account_config_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  PaddockAccountConfig *self = PADDOCK_ACCOUNT_CONFIG (object);

  if (!_paddock_model_get_property (&table, self->values, prop_id, value))
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
paddock_account_config_class_init (PaddockAccountConfigClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = paddock_account_config_finalize;
  object_class->get_property = paddock_account_config_get_property;
  _paddock_model_install (object_class, &table);
}

static void
paddock_account_config_init (PaddockAccountConfig *self)
{
}

/**
 * paddock_account_config_new_from_json:
 * @node: the configurations object as Alpaca sends it
 *
 * Returns: (transfer full): the settings, or %NULL with %PADDOCK_ERROR_PROTOCOL
 */
PaddockAccountConfig *
paddock_account_config_new_from_json (JsonNode  *node,
                                      GError   **error)
{
  g_autoptr (PaddockAccountConfig) self = g_object_new (PADDOCK_TYPE_ACCOUNT_CONFIG, NULL);

  if (!_paddock_model_check_object (&table, node, error) ||
      !_paddock_model_parse (&table, json_node_get_object (node), self->values, error))
    return NULL;
  self->json = json_node_copy (node);
  return g_steal_pointer (&self);
}

static int
field_index (const char *key)
{
  for (int i = 0; key != NULL && i < N_FIELDS; i++)
    if (g_str_equal (fields[i].name, key))
      return i;
  return -1;
}

/**
 * paddock_account_config_has:
 * @key: a member, e.g. "no_shorting"
 *
 * Returns: whether the server sent @key with a value of its type
 */
gboolean
paddock_account_config_has (PaddockAccountConfig *self,
                            const char           *key)
{
  int i = field_index (key);

  g_return_val_if_fail (PADDOCK_IS_ACCOUNT_CONFIG (self), FALSE);
  return i >= 0 && self->values[i].set;
}

#define ENUM_GETTER(fn, Type, f) \
  Type \
  paddock_account_config_get_##fn (PaddockAccountConfig *self) \
  { \
    g_return_val_if_fail (PADDOCK_IS_ACCOUNT_CONFIG (self), 0); \
    return (Type) self->values[f].number; \
  }

#define BOOL_GETTER(fn, f) \
  gboolean \
  paddock_account_config_get_##fn (PaddockAccountConfig *self) \
  { \
    g_return_val_if_fail (PADDOCK_IS_ACCOUNT_CONFIG (self), FALSE); \
    return self->values[f].number; \
  }

#define TEXT_GETTER(fn, f) \
  const char * \
  paddock_account_config_get_##fn (PaddockAccountConfig *self) \
  { \
    g_return_val_if_fail (PADDOCK_IS_ACCOUNT_CONFIG (self), NULL); \
    return self->values[f].text; \
  }

ENUM_GETTER (dtbp_check, PaddockConfigCheck, F_DTBP_CHECK)
ENUM_GETTER (pdt_check, PaddockConfigCheck, F_PDT_CHECK)
ENUM_GETTER (trade_confirm_email, PaddockConfirmEmail, F_TRADE_CONFIRM_EMAIL)
BOOL_GETTER (suspend_trade, F_SUSPEND_TRADE)
BOOL_GETTER (no_shorting, F_NO_SHORTING)
BOOL_GETTER (fractional_trading, F_FRACTIONAL_TRADING)
BOOL_GETTER (ptp_no_exception_entry, F_PTP_NO_EXCEPTION_ENTRY)
TEXT_GETTER (max_margin_multiplier, F_MAX_MARGIN_MULTIPLIER)
TEXT_GETTER (max_options_trading_level, F_MAX_OPTIONS_TRADING_LEVEL)

/**
 * paddock_account_config_get_text:
 * @key: a member this version knows, e.g. "dtbp_check"
 *
 * Returns: (nullable): the member as text ("entry", "true", "2"), %NULL when it is unset
 *   or not known
 */
const char *
paddock_account_config_get_text (PaddockAccountConfig *self,
                                 const char           *key)
{
  int i = field_index (key);

  g_return_val_if_fail (PADDOCK_IS_ACCOUNT_CONFIG (self), NULL);
  if (i < 0 || !self->values[i].set)
    return NULL;
  if (fields[i].type == PADDOCK_FIELD_BOOL)
    return self->values[i].number ? "true" : "false";
  return self->values[i].text;
}

/**
 * paddock_account_config_to_json:
 *
 * Returns: (transfer none): the object exactly as the server sent it, unknown members too
 */
JsonNode *
paddock_account_config_to_json (PaddockAccountConfig *self)
{
  g_return_val_if_fail (PADDOCK_IS_ACCOUNT_CONFIG (self), NULL);
  return self->json;
}

/**
 * paddock_account_config_get_unknown_keys:
 *
 * Returns: (transfer full): the members this version does not know, in the reply's order
 */
GStrv
paddock_account_config_get_unknown_keys (PaddockAccountConfig *self)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr (GList) members = NULL;

  g_return_val_if_fail (PADDOCK_IS_ACCOUNT_CONFIG (self), NULL);

  members = json_object_get_members (json_node_get_object (self->json));
  for (GList *l = members; l != NULL; l = l->next)
    if (field_index (l->data) < 0)
      g_strv_builder_add (builder, l->data);
  return g_strv_builder_end (builder);
}

/**
 * paddock_account_config_settable_keys:
 *
 * Returns: (transfer none): the members paddock_account_config_add_change() takes
 */
const char * const *
paddock_account_config_settable_keys (void)
{
  return settable_keys;
}

/**
 * paddock_account_config_add_change:
 * @changes: the object to send
 * @key: a settable member (paddock_account_config_settable_keys())
 * @value: its new value as text: both|entry|exit for the checks, all|none for
 *   trade_confirm_email, true|false for the flags, 1|2|4 for max_margin_multiplier
 *
 * Returns: %TRUE with @key set in @changes (typed as Alpaca wants it), or %FALSE with
 *   %PADDOCK_ERROR_INVALID_INPUT saying what is allowed
 */
gboolean
paddock_account_config_add_change (JsonObject  *changes,
                                   const char  *key,
                                   const char  *value,
                                   GError     **error)
{
  const char *const *allowed = NULL;
  g_autofree char *list = NULL;

  g_return_val_if_fail (changes != NULL, FALSE);

  if (key == NULL || !g_strv_contains (settable_keys, key))
    {
      list = g_strjoinv (", ", (char **) settable_keys);
      g_set_error (error, PADDOCK_ERROR, PADDOCK_ERROR_INVALID_INPUT,
                   /* Translators: %s is a list of setting names */
                   _("There is no such setting. Settings: %s."), list);
      return FALSE;
    }

  if (g_str_equal (key, "dtbp_check") || g_str_equal (key, "pdt_check"))
    allowed = check_values;
  else if (g_str_equal (key, "trade_confirm_email"))
    allowed = email_values;
  else if (g_str_equal (key, "max_margin_multiplier"))
    allowed = multiplier_values;

  if (allowed == NULL)
    {
      if (g_strcmp0 (value, "true") != 0 && g_strcmp0 (value, "false") != 0)
        {
          g_set_error (error, PADDOCK_ERROR, PADDOCK_ERROR_INVALID_INPUT,
                       /* Translators: %s is a setting's name */
                       _("%s is true or false."), key);
          return FALSE;
        }
      json_object_set_boolean_member (changes, key, g_str_equal (value, "true"));
      return TRUE;
    }

  if (value == NULL || !g_strv_contains (allowed, value))
    {
      list = g_strjoinv (", ", (char **) allowed);
      g_set_error (error, PADDOCK_ERROR, PADDOCK_ERROR_INVALID_INPUT,
                   /* Translators: the first %s is a setting's name, the second its values */
                   _("%s is one of: %s."), key, list);
      return FALSE;
    }
  json_object_set_string_member (changes, key, value);
  return TRUE;
}

/* ---- requests --------------------------------------------------------------------------- */

static void
config_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) node = NULL;
  PaddockAccountConfig *config;

  node = paddock_client_request_finish (PADDOCK_CLIENT (object), result, &error);
  if (node == NULL && error != NULL &&
      g_task_get_source_tag (task) == paddock_account_config_update_async &&
      paddock_error_get_http_status (error) == 403)
    {
      /* the only refusal of this call that is not a bad value (400): the scope */
      GError *scope = g_error_new (PADDOCK_ERROR, PADDOCK_ERROR_MISSING_SCOPE, "%s",
                                   _("Changing account settings needs the “account:write” "
                                     "permission, which this sign-in does not have. Sign in "
                                     "again and allow it."));

      paddock_error_set_api_details (scope, 403, paddock_error_get_api_code (error));
      g_task_return_error (task, scope);
      return;
    }
  if (node == NULL || (config = paddock_account_config_new_from_json (node, &error)) == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, config, g_object_unref);
}

/**
 * paddock_account_config_get_async:
 * @client: a Trading API client
 *
 * Asks for `GET /v2/account/configurations`.
 */
void
paddock_account_config_get_async (PaddockClient       *client,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (PADDOCK_IS_CLIENT (client));

  task = g_task_new (client, cancellable, callback, user_data);
  g_task_set_source_tag (task, paddock_account_config_get_async);
  paddock_client_request_async (client, "GET", "/v2/account/configurations", NULL, NULL,
                                PADDOCK_REQUEST_IDEMPOTENT, cancellable, config_cb, task);
}

/**
 * paddock_account_config_get_finish:
 *
 * Returns: (transfer full): the settings, or %NULL with an error
 */
PaddockAccountConfig *
paddock_account_config_get_finish (PaddockClient  *client,
                                   GAsyncResult   *result,
                                   GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, client), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * paddock_account_config_update_async:
 * @client: a Trading API client
 * @changes: the members to change (made with paddock_account_config_add_change())
 *
 * Sends `PATCH /v2/account/configurations` with @changes. Setting the same values twice
 * changes nothing, so a failed attempt is retried like a read. An empty @changes is
 * %PADDOCK_ERROR_INVALID_INPUT and nothing is sent.
 */
void
paddock_account_config_update_async (PaddockClient       *client,
                                     JsonObject          *changes,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autoptr (JsonNode) body = NULL;
  GTask *task;

  g_return_if_fail (PADDOCK_IS_CLIENT (client));
  g_return_if_fail (changes != NULL);

  task = g_task_new (client, cancellable, callback, user_data);
  g_task_set_source_tag (task, paddock_account_config_update_async);
  if (json_object_get_size (changes) == 0)
    {
      g_task_return_new_error (task, PADDOCK_ERROR, PADDOCK_ERROR_INVALID_INPUT, "%s",
                               _("Nothing to change."));
      g_object_unref (task);
      return;
    }
  body = json_node_new (JSON_NODE_OBJECT);
  json_node_set_object (body, changes);
  paddock_client_request_async (client, "PATCH", "/v2/account/configurations", NULL, body,
                                PADDOCK_REQUEST_IDEMPOTENT, cancellable, config_cb, task);
}

/**
 * paddock_account_config_update_finish:
 *
 * Returns: (transfer full): the settings the server read back, or %NULL:
 *   %PADDOCK_ERROR_MISSING_SCOPE without `account:write`, %PADDOCK_ERROR_REJECTED for a
 *   value the server refuses, or another error of the client
 */
PaddockAccountConfig *
paddock_account_config_update_finish (PaddockClient  *client,
                                      GAsyncResult   *result,
                                      GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, client), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
