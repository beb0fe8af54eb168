/* paddock-activity.c: one entry of Alpaca's account activities, every field a property
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The members are described once, in a table (paddock-model-private.h); what is refused
 * and what is tolerated is listed in paddock-activity.h.
 */
#define G_LOG_DOMAIN "paddock-activity"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "paddock-activity.h"
#include "paddock-error.h"
#include "paddock-model-private.h"

#define ID_TIME_DIGITS 20
#define UUID_LENGTH 36

enum {
  F_ID,
  F_ACTIVITY_TYPE,
  F_TRANSACTION_TIME,
  F_TYPE,
  F_PRICE,
  F_QTY,
  F_SIDE,
  F_SYMBOL,
  F_LEAVES_QTY,
  F_CUM_QTY,
  F_ORDER_ID,
  F_ORDER_STATUS,
  F_DATE,
  F_NET_AMOUNT,
  F_PER_SHARE_AMOUNT,
  F_DESCRIPTION,
  F_STATUS,
  N_FIELDS
};

#define REQUIRED PADDOCK_FIELD_REQUIRED
#define STRICT PADDOCK_FIELD_STRICT
#define LENIENT PADDOCK_FIELD_LENIENT

static const PaddockField fields[N_FIELDS] = {
  [F_ID] = { "id", PADDOCK_FIELD_STRING, REQUIRED },
  [F_ACTIVITY_TYPE] = { "activity_type", PADDOCK_FIELD_STRING, REQUIRED },
  [F_TRANSACTION_TIME] = { "transaction_time", PADDOCK_FIELD_TIME, LENIENT },
  [F_TYPE] = { "type", PADDOCK_FIELD_STRING, LENIENT },
  [F_PRICE] = { "price", PADDOCK_FIELD_DECIMAL, STRICT },
  [F_QTY] = { "qty", PADDOCK_FIELD_DECIMAL, STRICT },
  [F_SIDE] = { "side", PADDOCK_FIELD_STRING, LENIENT },
  [F_SYMBOL] = { "symbol", PADDOCK_FIELD_STRING, LENIENT },
  [F_LEAVES_QTY] = { "leaves_qty", PADDOCK_FIELD_DECIMAL, STRICT },
  [F_CUM_QTY] = { "cum_qty", PADDOCK_FIELD_DECIMAL, STRICT },
  [F_ORDER_ID] = { "order_id", PADDOCK_FIELD_STRING, LENIENT },
  [F_ORDER_STATUS] = { "order_status", PADDOCK_FIELD_STRING, LENIENT },
  [F_DATE] = { "date", PADDOCK_FIELD_STRING, LENIENT },
  [F_NET_AMOUNT] = { "net_amount", PADDOCK_FIELD_DECIMAL, STRICT },
  [F_PER_SHARE_AMOUNT] = { "per_share_amount", PADDOCK_FIELD_DECIMAL, STRICT },
  [F_DESCRIPTION] = { "description", PADDOCK_FIELD_STRING, LENIENT },
  [F_STATUS] = { "status", PADDOCK_FIELD_STRING, LENIENT },
};

static GParamSpec *field_pspecs[N_FIELDS];
static GParamSpec *code_pspecs[N_FIELDS];

static const PaddockFieldTable table = {
  "activity", fields, N_FIELDS, field_pspecs, code_pspecs,
};

/* The types client libraries know (alpaca-api.md §2.10), with Alpaca's meaning. */
static const struct {
  const char *code;
  const char *label;
} type_labels[] = {
  { "FILL", N_("Order fill") },
  { "TRANS", N_("Cash transaction") },
  { "MISC", N_("Miscellaneous") },
  /* Translators: ACATS is the US system for moving an account between brokers */
  { "ACATC", N_("ACATS transfer (cash)") },
  /* Translators: ACATS is the US system for moving an account between brokers */
  { "ACATS", N_("ACATS transfer (securities)") },
  { "CSD", N_("Cash deposit") },
  { "CSW", N_("Cash withdrawal") },
  { "DIV", N_("Dividend") },
  { "DIVCGL", N_("Dividend (long-term capital gain)") },
  { "DIVCGS", N_("Dividend (short-term capital gain)") },
  { "DIVFEE", N_("Dividend fee") },
  { "DIVFT", N_("Dividend (foreign tax withheld)") },
  /* Translators: NRA is a non-resident alien, for US taxes */
  { "DIVNRA", N_("Dividend (NRA tax withheld)") },
  { "DIVROC", N_("Dividend (return of capital)") },
  /* Translators: TEFRA is a US tax law; the tax is withheld from the amount */
  { "DIVTW", N_("Dividend (TEFRA tax withheld)") },
  { "DIVTXEX", N_("Dividend (tax exempt)") },
  { "FEE", N_("Fee") },
  { "INT", N_("Interest") },
  /* Translators: NRA is a non-resident alien, for US taxes */
  { "INTNRA", N_("Interest (NRA tax withheld)") },
  /* Translators: TEFRA is a US tax law; the tax is withheld from the amount */
  { "INTTW", N_("Interest (TEFRA tax withheld)") },
  { "JNL", N_("Journal entry") },
  { "JNLC", N_("Journal entry (cash)") },
  { "JNLS", N_("Journal entry (stock)") },
  { "MA", N_("Merger or acquisition") },
  { "NC", N_("Name change") },
  { "OPASN", N_("Option assignment") },
  { "OPEXP", N_("Option expiration") },
  { "OPXRC", N_("Option exercise") },
  { "PTC", N_("Pass-through charge") },
  { "PTR", N_("Pass-through rebate") },
  { "REORG", N_("Reorganization") },
  { "SC", N_("Symbol change") },
  { "SSO", N_("Stock spin-off") },
  { "SSP", N_("Stock split") },
};

struct _PaddockActivity
{
  GObject parent_instance;

  PaddockFieldValue values[N_FIELDS];
  char *id_time;
  char *id_uuid;
};

G_DEFINE_FINAL_TYPE (PaddockActivity, paddock_activity, G_TYPE_OBJECT)

enum {
  PROP_IS_TRADE = PADDOCK_MODEL_OWN_PROP_BASE,
  PROP_TYPE_LABEL,
};

static gboolean
is_uuid (const char *text)
{
  if (strlen (text) != UUID_LENGTH)
    return FALSE;

  for (guint i = 0; i < UUID_LENGTH; i++)
    {
      if (i == 8 || i == 13 || i == 18 || i == 23)
        {
          if (text[i] != '-')
            return FALSE;
        }
      else if (!g_ascii_isxdigit (text[i]))
        return FALSE;
    }
  return TRUE;
}

/* `<20-digit time>::<uuid>` */
static void
split_id (PaddockActivity *self)
{
  const char *id = self->values[F_ID].text;

  for (guint i = 0; i < ID_TIME_DIGITS; i++)
    if (!g_ascii_isdigit (id[i]))
      return;

  if (strncmp (id + ID_TIME_DIGITS, "::", 2) != 0 || !is_uuid (id + ID_TIME_DIGITS + 2))
    return;

  self->id_time = g_strndup (id, ID_TIME_DIGITS);
  self->id_uuid = g_strdup (id + ID_TIME_DIGITS + 2);
}

static void
paddock_activity_finalize (GObject *object)
{
  PaddockActivity *self = PADDOCK_ACTIVITY (object);

  _paddock_model_clear (&table, self->values);
  g_clear_pointer (&self->id_time, g_free);
  g_clear_pointer (&self->id_uuid, g_free);

  G_OBJECT_CLASS (paddock_activity_parent_class)->finalize (object);
}

static void
paddock_activity_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  PaddockActivity *self = PADDOCK_ACTIVITY (object);

  switch (prop_id)
    {
    case PROP_IS_TRADE:
      g_value_set_boolean (value, paddock_activity_is_trade (self));
      break;
    case PROP_TYPE_LABEL:
      g_value_set_string (value, paddock_activity_get_type_label (self));
      break;
    default:
      if (!_paddock_model_get_property (&table, self->values, prop_id, value))
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      break;
    }
}

static void
paddock_activity_class_init (PaddockActivityClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = paddock_activity_finalize;
  object_class->get_property = paddock_activity_get_property;

  _paddock_model_install (object_class, &table);

  /**
   * PaddockActivity:is-trade:
   *
   * Whether this is a trade activity (activity_type "FILL").
   */
  g_object_class_install_property (object_class, PROP_IS_TRADE,
                                   g_param_spec_boolean ("is-trade", NULL, NULL, FALSE, flags));

  /**
   * PaddockActivity:type-label:
   *
   * The activity type for people: see paddock_activity_type_label().
   */
  g_object_class_install_property (object_class, PROP_TYPE_LABEL,
                                   g_param_spec_string ("type-label", NULL, NULL, NULL, flags));
}

static void
paddock_activity_init (PaddockActivity *self)
{
}

/**
 * paddock_activity_new_from_json:
 * @node: one element of the activities array as Alpaca sends it
 *
 * Returns: (transfer full): the activity, or %NULL with %PADDOCK_ERROR_PROTOCOL
 */
PaddockActivity *
paddock_activity_new_from_json (JsonNode  *node,
                                GError   **error)
{
  g_autoptr (PaddockActivity) self = g_object_new (PADDOCK_TYPE_ACTIVITY, NULL);

  if (!_paddock_model_check_object (&table, node, error) ||
      !_paddock_model_parse (&table, json_node_get_object (node), self->values, error))
    return NULL;

  if (*self->values[F_ID].text == '\0')
    {
      g_set_error (error, PADDOCK_ERROR, PADDOCK_ERROR_PROTOCOL,
                   _("The server sent a malformed reply: “%s” is not valid."), "id");
      return NULL;
    }

  split_id (self);

  return g_steal_pointer (&self);
}

/**
 * paddock_activity_type_label:
 * @activity_type: (nullable): an activity type code, such as "DIV"
 *
 * Returns: (nullable): the translated name of a known activity type, or @activity_type
 *   itself for one this version does not know
 */
const char *
paddock_activity_type_label (const char *activity_type)
{
  if (activity_type == NULL)
    return NULL;

  for (guint i = 0; i < G_N_ELEMENTS (type_labels); i++)
    if (strcmp (type_labels[i].code, activity_type) == 0)
      return _(type_labels[i].label);

  return activity_type;
}

/**
 * paddock_activity_is_trade:
 *
 * Returns: whether this is a trade activity (activity_type "FILL")
 */
gboolean
paddock_activity_is_trade (PaddockActivity *self)
{
  g_return_val_if_fail (PADDOCK_IS_ACTIVITY (self), FALSE);

  return g_strcmp0 (self->values[F_ACTIVITY_TYPE].text, "FILL") == 0;
}

/**
 * paddock_activity_get_type_label:
 *
 * Returns: the activity type for people: its translated name, or its code when this
 *   version does not know it
 */
const char *
paddock_activity_get_type_label (PaddockActivity *self)
{
  g_return_val_if_fail (PADDOCK_IS_ACTIVITY (self), NULL);

  return paddock_activity_type_label (self->values[F_ACTIVITY_TYPE].text);
}

/**
 * paddock_activity_get_id_time:
 *
 * Returns: (nullable): the 20 digits of time that begin the id (they sort as the
 *   activities do), or %NULL when the id is not of the form `<20-digit time>::<uuid>`
 */
const char *
paddock_activity_get_id_time (PaddockActivity *self)
{
  g_return_val_if_fail (PADDOCK_IS_ACTIVITY (self), NULL);

  return self->id_time;
}

/**
 * paddock_activity_get_id_uuid:
 *
 * Returns: (nullable): the UUID that ends the id, or %NULL when the id is not of the form
 *   `<20-digit time>::<uuid>`
 */
const char *
paddock_activity_get_id_uuid (PaddockActivity *self)
{
  g_return_val_if_fail (PADDOCK_IS_ACTIVITY (self), NULL);

  return self->id_uuid;
}

/**
 * paddock_activity_get_transaction_time:
 *
 * Returns: (nullable) (transfer none): when a trade activity happened
 */
GDateTime *
paddock_activity_get_transaction_time (PaddockActivity *self)
{
  g_return_val_if_fail (PADDOCK_IS_ACTIVITY (self), NULL);

  return self->values[F_TRANSACTION_TIME].time;
}

#define TEXT_GETTER(fn, f) \
  const char * \
  paddock_activity_get_##fn (PaddockActivity *self) \
  { \
    g_return_val_if_fail (PADDOCK_IS_ACTIVITY (self), NULL); \
    return self->values[f].text; \
  }

TEXT_GETTER (id, F_ID)
TEXT_GETTER (activity_type, F_ACTIVITY_TYPE)
TEXT_GETTER (fill_type, F_TYPE)
TEXT_GETTER (price, F_PRICE)
TEXT_GETTER (qty, F_QTY)
TEXT_GETTER (side, F_SIDE)
TEXT_GETTER (symbol, F_SYMBOL)
TEXT_GETTER (leaves_qty, F_LEAVES_QTY)
TEXT_GETTER (cum_qty, F_CUM_QTY)
TEXT_GETTER (order_id, F_ORDER_ID)
TEXT_GETTER (order_status, F_ORDER_STATUS)
TEXT_GETTER (date, F_DATE)
TEXT_GETTER (net_amount, F_NET_AMOUNT)
TEXT_GETTER (per_share_amount, F_PER_SHARE_AMOUNT)
TEXT_GETTER (description, F_DESCRIPTION)
TEXT_GETTER (status, F_STATUS)
