/* paddock-account.c: Alpaca's account object, every field a GObject property
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The fields are described once, in a table, which drives the properties, the JSON
 * parsing (unknown members ignored, missing optional ones tolerated, wrong types refused
 * as PADDOCK_ERROR_PROTOCOL) and the JSON output of `paddock-cli account --json`.
 * Money stays a decimal string, exactly as Alpaca sent it. Numbers out of any sensible range
 * (more than MAX_INTEGER_DIGITS before the point, infinity, a negative count) are refused
 * rather than shown wrong. Strings are kept as sent: whoever prints them to a terminal
 * strips control characters first (paddock_format_printable()).
 */
#define G_LOG_DOMAIN "paddock-account"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "paddock-account.h"
#include "paddock-error.h"

typedef enum {
  FIELD_STRING,     /* a plain string */
  FIELD_DECIMAL,    /* a decimal string (a JSON number is accepted and kept as text) */
  FIELD_INT,        /* a count, tier or level: 0 to MAX_INT */
  FIELD_BOOL,
} FieldType;

/* A quintillion dollars is far beyond any account; more digits are a broken reply. */
#define MAX_INTEGER_DIGITS 18
#define MAX_DECIMAL_LENGTH 64
#define MAX_INT G_MAXINT32

typedef struct
{
  const char *name;
  FieldType type;
  gboolean required;
} Field;

/* Alpaca's account object (alpaca-api.md §2.1) plus the SDK-only optional extras. */
static const Field fields[] = {
  { "id", FIELD_STRING, TRUE },
  { "account_number", FIELD_STRING, TRUE },
  { "status", FIELD_STRING, TRUE },
  { "crypto_status", FIELD_STRING, FALSE },
  { "currency", FIELD_STRING, FALSE },
  { "cash", FIELD_DECIMAL, TRUE },
  { "portfolio_value", FIELD_DECIMAL, FALSE },
  { "equity", FIELD_DECIMAL, TRUE },
  { "last_equity", FIELD_DECIMAL, FALSE },
  { "long_market_value", FIELD_DECIMAL, FALSE },
  { "short_market_value", FIELD_DECIMAL, FALSE },
  { "buying_power", FIELD_DECIMAL, FALSE },
  { "regt_buying_power", FIELD_DECIMAL, FALSE },
  { "daytrading_buying_power", FIELD_DECIMAL, FALSE },
  { "non_marginable_buying_power", FIELD_DECIMAL, FALSE },
  { "effective_buying_power", FIELD_DECIMAL, FALSE },
  { "options_buying_power", FIELD_DECIMAL, FALSE },
  { "bod_dtbp", FIELD_DECIMAL, FALSE },
  { "position_market_value", FIELD_DECIMAL, FALSE },
  { "initial_margin", FIELD_DECIMAL, FALSE },
  { "maintenance_margin", FIELD_DECIMAL, FALSE },
  { "last_maintenance_margin", FIELD_DECIMAL, FALSE },
  { "sma", FIELD_DECIMAL, FALSE },
  { "multiplier", FIELD_DECIMAL, FALSE },
  { "daytrade_count", FIELD_INT, FALSE },
  { "crypto_tier", FIELD_INT, FALSE },
  { "options_approved_level", FIELD_INT, FALSE },
  { "options_trading_level", FIELD_INT, FALSE },
  { "pattern_day_trader", FIELD_BOOL, FALSE },
  { "trading_blocked", FIELD_BOOL, FALSE },
  { "transfers_blocked", FIELD_BOOL, FALSE },
  { "account_blocked", FIELD_BOOL, FALSE },
  { "trade_suspended_by_user", FIELD_BOOL, FALSE },
  { "shorting_enabled", FIELD_BOOL, FALSE },
  { "accrued_fees", FIELD_DECIMAL, FALSE },
  { "pending_transfer_in", FIELD_DECIMAL, FALSE },
  { "pending_transfer_out", FIELD_DECIMAL, FALSE },
  { "created_at", FIELD_STRING, FALSE },
};

#define N_FIELDS G_N_ELEMENTS (fields)

typedef union
{
  char *s;
  gint64 i;
  gboolean b;
} FieldValue;

struct _PaddockAccount
{
  GObject parent_instance;

  FieldValue values[N_FIELDS];
  gboolean present[N_FIELDS];
};

G_DEFINE_FINAL_TYPE (PaddockAccount, paddock_account, G_TYPE_OBJECT)

/* property ids are field index + 1 */
static GParamSpec *properties[N_FIELDS + 1];

static int
field_index (const char *name)
{
  for (guint i = 0; i < N_FIELDS; i++)
    if (strcmp (fields[i].name, name) == 0)
      return (int) i;
  g_assert_not_reached ();
  return -1;
}

static gboolean
is_decimal_text (const char *text)
{
  const char *p = text;
  gboolean digits = FALSE;
  guint integer_digits = 0;

  if (strlen (text) > MAX_DECIMAL_LENGTH)
    return FALSE;
  if (*p == '-' || *p == '+')
    p++;
  while (*p == '0' && g_ascii_isdigit (p[1]))
    p++;
  while (g_ascii_isdigit (*p))
    {
      digits = TRUE;
      if (++integer_digits > MAX_INTEGER_DIGITS)
        return FALSE;
      p++;
    }
  if (*p == '.')
    {
      p++;
      while (g_ascii_isdigit (*p))
        {
          digits = TRUE;
          p++;
        }
    }
  return digits && *p == '\0';
}

static gboolean
parse_field (const Field *field,
             JsonNode    *member,
             FieldValue  *out,
             GError     **error)
{
  GType vtype;

  if (JSON_NODE_HOLDS_NULL (member))
    {
      if (field->required)
        goto wrong_type;
      return TRUE;
    }
  if (!JSON_NODE_HOLDS_VALUE (member))
    goto wrong_type;

  vtype = json_node_get_value_type (member);

  switch (field->type)
    {
    case FIELD_STRING:
      if (vtype != G_TYPE_STRING)
        goto wrong_type;
      out->s = json_node_dup_string (member);
      return TRUE;

    case FIELD_DECIMAL:
      if (vtype == G_TYPE_STRING)
        {
          const char *text = json_node_get_string (member);

          if (!is_decimal_text (text))
            goto wrong_type;
          out->s = g_strdup (text);
        }
      else if (vtype == G_TYPE_INT64)
        {
          g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT,
                                                   json_node_get_int (member));

          if (!is_decimal_text (text))
            goto out_of_range;
          out->s = g_steal_pointer (&text);
        }
      else if (vtype == G_TYPE_DOUBLE)
        {
          double value = json_node_get_double (member);
          char buf[G_ASCII_DTOSTR_BUF_SIZE];

          /* 1e400 arrives as infinity; "inf" must never be shown as an amount */
          if (!isfinite (value) || fabs (value) >= 1e18)
            goto out_of_range;
          /* a decimal string, never "1e-05": up to 9 places, trailing zeros dropped */
          g_ascii_formatd (buf, sizeof buf, "%.9f", value);
          for (gsize n = strlen (buf); n > 0 && (buf[n - 1] == '0' || buf[n - 1] == '.'); n--)
            {
              gboolean point = buf[n - 1] == '.';

              buf[n - 1] = '\0';
              if (point)
                break;
            }
          out->s = g_strdup (buf[0] != '\0' && strcmp (buf, "-") != 0 ? buf : "0");
        }
      else
        goto wrong_type;
      return TRUE;

    case FIELD_INT:
      if (vtype == G_TYPE_INT64)
        out->i = json_node_get_int (member);
      else if (vtype == G_TYPE_STRING)
        {
          /* one of Alpaca's examples sends daytrade_count as "0" */
          const char *text = json_node_get_string (member);
          char *end = NULL;

          errno = 0;
          out->i = g_ascii_strtoll (text, &end, 10);
          if (errno == ERANGE)
            goto out_of_range;
          if (*text == '\0' || end == NULL || *end != '\0')
            goto wrong_type;
        }
      else
        goto wrong_type;
      /* json-glib reads an integer beyond 64 bits as -1: a count is never negative */
      if (out->i < 0 || out->i > MAX_INT)
        goto out_of_range;
      return TRUE;

    case FIELD_BOOL:
      if (vtype != G_TYPE_BOOLEAN)
        goto wrong_type;
      out->b = json_node_get_boolean (member);
      return TRUE;

    default:
      break;
    }

wrong_type:
  g_set_error (error, PADDOCK_ERROR, PADDOCK_ERROR_PROTOCOL,
               _("The server sent an account whose “%s” is not valid."), field->name);
  return FALSE;

out_of_range:
  g_set_error (error, PADDOCK_ERROR, PADDOCK_ERROR_PROTOCOL,
               _("The server sent an account whose “%s” is out of range."), field->name);
  return FALSE;
}

static void
clear_values (FieldValue *values,
              gboolean   *present)
{
  for (guint i = 0; i < N_FIELDS; i++)
    {
      if (fields[i].type == FIELD_STRING || fields[i].type == FIELD_DECIMAL)
        g_clear_pointer (&values[i].s, g_free);
      present[i] = FALSE;
    }
}

static gboolean
values_equal (guint             i,
              const FieldValue *a,
              const FieldValue *b)
{
  switch (fields[i].type)
    {
    case FIELD_STRING:
    case FIELD_DECIMAL:
      return g_strcmp0 (a->s, b->s) == 0;
    case FIELD_INT:
      return a->i == b->i;
    case FIELD_BOOL:
      return a->b == b->b;
    default:
      return FALSE;
    }
}

static void
paddock_account_finalize (GObject *object)
{
  PaddockAccount *self = PADDOCK_ACCOUNT (object);

  clear_values (self->values, self->present);

  G_OBJECT_CLASS (paddock_account_parent_class)->finalize (object);
}

static void
paddock_account_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  PaddockAccount *self = PADDOCK_ACCOUNT (object);
  guint i = prop_id - 1;

  if (prop_id == 0 || prop_id > N_FIELDS)
    {
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      return;
    }

  switch (fields[i].type)
    {
    case FIELD_STRING:
    case FIELD_DECIMAL:
      g_value_set_string (value, self->values[i].s);
      break;
    case FIELD_INT:
      g_value_set_int64 (value, self->values[i].i);
      break;
    case FIELD_BOOL:
      g_value_set_boolean (value, self->values[i].b);
      break;
    default:
      break;
    }
}

static void
paddock_account_class_init (PaddockAccountClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = paddock_account_finalize;
  object_class->get_property = paddock_account_get_property;

  for (guint i = 0; i < N_FIELDS; i++)
    {
      g_autofree char *nick = g_strdelimit (g_strdup (fields[i].name), "_", '-');
      const char *name = g_intern_string (nick);

      switch (fields[i].type)
        {
        case FIELD_STRING:
        case FIELD_DECIMAL:
          properties[i + 1] = g_param_spec_string (name, NULL, NULL, NULL, flags);
          break;
        case FIELD_INT:
          properties[i + 1] = g_param_spec_int64 (name, NULL, NULL, G_MININT64, G_MAXINT64, 0,
                                                  flags);
          break;
        case FIELD_BOOL:
          properties[i + 1] = g_param_spec_boolean (name, NULL, NULL, FALSE, flags);
          break;
        default:
          g_assert_not_reached ();
        }
    }

  g_object_class_install_properties (object_class, N_FIELDS + 1, properties);
}

static void
paddock_account_init (PaddockAccount *self)
{
}

/**
 * paddock_account_new_from_json:
 * @node: the account object as Alpaca sends it
 *
 * Returns: (transfer full): the account, or %NULL with %PADDOCK_ERROR_PROTOCOL
 */
PaddockAccount *
paddock_account_new_from_json (JsonNode  *node,
                               GError   **error)
{
  g_autoptr (PaddockAccount) self = g_object_new (PADDOCK_TYPE_ACCOUNT, NULL);

  if (!paddock_account_update_from_json (self, node, error))
    return NULL;

  return g_steal_pointer (&self);
}

/**
 * paddock_account_update_from_json:
 *
 * Replaces every field with the one in @node and notifies the properties that changed.
 * On error nothing changes.
 */
gboolean
paddock_account_update_from_json (PaddockAccount *self,
                                  JsonNode       *node,
                                  GError        **error)
{
  FieldValue values[N_FIELDS] = { { 0 } };
  gboolean present[N_FIELDS] = { FALSE };
  JsonObject *obj;

  g_return_val_if_fail (PADDOCK_IS_ACCOUNT (self), FALSE);

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error_literal (error, PADDOCK_ERROR, PADDOCK_ERROR_PROTOCOL,
                           _("The server sent something that is not an account."));
      return FALSE;
    }

  obj = json_node_get_object (node);
  for (guint i = 0; i < N_FIELDS; i++)
    {
      JsonNode *member = json_object_get_member (obj, fields[i].name);

      if (member == NULL)
        {
          if (fields[i].required)
            {
              g_set_error (error, PADDOCK_ERROR, PADDOCK_ERROR_PROTOCOL,
                           _("The server sent an account without “%s”."), fields[i].name);
              clear_values (values, present);
              return FALSE;
            }
          continue;
        }

      if (!parse_field (&fields[i], member, &values[i], error))
        {
          clear_values (values, present);
          return FALSE;
        }
      present[i] = !JSON_NODE_HOLDS_NULL (member);
    }

  g_object_freeze_notify (G_OBJECT (self));
  for (guint i = 0; i < N_FIELDS; i++)
    {
      gboolean changed = present[i] != self->present[i] ||
                         !values_equal (i, &values[i], &self->values[i]);

      if (fields[i].type == FIELD_STRING || fields[i].type == FIELD_DECIMAL)
        g_free (self->values[i].s);
      self->values[i] = values[i];
      self->present[i] = present[i];
      if (changed)
        g_object_notify_by_pspec (G_OBJECT (self), properties[i + 1]);
    }
  g_object_thaw_notify (G_OBJECT (self));

  return TRUE;
}

#define STRING_GETTER(fn, field) \
  const char * \
  paddock_account_get_##fn (PaddockAccount *self) \
  { \
    static int idx = -1; \
    g_return_val_if_fail (PADDOCK_IS_ACCOUNT (self), NULL); \
    if (idx < 0) \
      idx = field_index (field); \
    return self->values[idx].s; \
  }

#define BOOL_GETTER(fn, field) \
  gboolean \
  paddock_account_get_##fn (PaddockAccount *self) \
  { \
    static int idx = -1; \
    g_return_val_if_fail (PADDOCK_IS_ACCOUNT (self), FALSE); \
    if (idx < 0) \
      idx = field_index (field); \
    return self->values[idx].b; \
  }

STRING_GETTER (id, "id")
STRING_GETTER (account_number, "account_number")
STRING_GETTER (status, "status")
STRING_GETTER (currency, "currency")
STRING_GETTER (cash, "cash")
STRING_GETTER (equity, "equity")
STRING_GETTER (last_equity, "last_equity")
STRING_GETTER (buying_power, "buying_power")
BOOL_GETTER (pattern_day_trader, "pattern_day_trader")
BOOL_GETTER (trading_blocked, "trading_blocked")
BOOL_GETTER (account_blocked, "account_blocked")

/**
 * paddock_account_to_json:
 *
 * Returns: (transfer full): the account as a JSON object with Alpaca's field names; money
 *   as the decimal strings that were received
 */
JsonNode *
paddock_account_to_json (PaddockAccount *self)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  for (guint i = 0; i < N_FIELDS; i++)
    {
      if (!self->present[i])
        continue;
      json_builder_set_member_name (b, fields[i].name);
      switch (fields[i].type)
        {
        case FIELD_STRING:
        case FIELD_DECIMAL:
          json_builder_add_string_value (b, self->values[i].s);
          break;
        case FIELD_INT:
          json_builder_add_int_value (b, self->values[i].i);
          break;
        case FIELD_BOOL:
          json_builder_add_boolean_value (b, self->values[i].b);
          break;
        default:
          break;
        }
    }
  json_builder_end_object (b);

  return json_builder_get_root (b);
}
