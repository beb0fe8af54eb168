/* paddock-account-item.c: one stored account, as the account switcher lists it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The account's id (Alpaca's account UUID), its environment (demo, paper or live) and the
 * account number people recognise, which never change; and its equity when last seen (a
 * decimal string, or %NULL while unknown), which the switcher shows and follows.
 */
#define G_LOG_DOMAIN "paddock-account-item"

#include "config.h"

#include "paddock-account-item.h"

struct _PaddockAccountItem
{
  GObject parent_instance;

  char *id;
  PaddockEnvironment environment;
  char *account_number;
  char *equity;
};

G_DEFINE_FINAL_TYPE (PaddockAccountItem, paddock_account_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_ENVIRONMENT,
  PROP_ACCOUNT_NUMBER,
  PROP_EQUITY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
paddock_account_item_finalize (GObject *object)
{
  PaddockAccountItem *self = PADDOCK_ACCOUNT_ITEM (object);

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->account_number, g_free);
  g_clear_pointer (&self->equity, g_free);

  G_OBJECT_CLASS (paddock_account_item_parent_class)->finalize (object);
}

static void
paddock_account_item_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  PaddockAccountItem *self = PADDOCK_ACCOUNT_ITEM (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;

    case PROP_ENVIRONMENT:
      g_value_set_enum (value, self->environment);
      break;

    case PROP_ACCOUNT_NUMBER:
      g_value_set_string (value, self->account_number);
      break;

    case PROP_EQUITY:
      g_value_set_string (value, self->equity);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
paddock_account_item_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  PaddockAccountItem *self = PADDOCK_ACCOUNT_ITEM (object);

  switch (prop_id)
    {
    case PROP_ID:
      self->id = g_value_dup_string (value);
      break;

    case PROP_ENVIRONMENT:
      self->environment = g_value_get_enum (value);
      break;

    case PROP_ACCOUNT_NUMBER:
      self->account_number = g_value_dup_string (value);
      break;

    case PROP_EQUITY:
      paddock_account_item_set_equity (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
paddock_account_item_class_init (PaddockAccountItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = paddock_account_item_finalize;
  object_class->get_property = paddock_account_item_get_property;
  object_class->set_property = paddock_account_item_set_property;

  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, flags);
  properties[PROP_ENVIRONMENT] = g_param_spec_enum ("environment", NULL, NULL,
                                                    PADDOCK_TYPE_ENVIRONMENT,
                                                    PADDOCK_ENVIRONMENT_PAPER, flags);
  properties[PROP_ACCOUNT_NUMBER] = g_param_spec_string ("account-number", NULL, NULL, NULL, flags);
  /**
   * PaddockAccountItem:equity:
   *
   * The account's equity when last seen, a decimal string; %NULL while unknown.
   */
  properties[PROP_EQUITY] =
    g_param_spec_string ("equity", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
paddock_account_item_init (PaddockAccountItem *self)
{
}

/**
 * paddock_account_item_new:
 * @id: the account's id
 * @environment: the account's environment
 * @account_number: the account number
 *
 * Returns: (transfer full): a new item
 */
PaddockAccountItem *
paddock_account_item_new (const char         *id,
                          PaddockEnvironment  environment,
                          const char         *account_number)
{
  return g_object_new (PADDOCK_TYPE_ACCOUNT_ITEM,
                       "id", id,
                       "environment", environment,
                       "account-number", account_number,
                       NULL);
}

const char *
paddock_account_item_get_id (PaddockAccountItem *self)
{
  g_return_val_if_fail (PADDOCK_IS_ACCOUNT_ITEM (self), NULL);

  return self->id;
}

PaddockEnvironment
paddock_account_item_get_environment (PaddockAccountItem *self)
{
  g_return_val_if_fail (PADDOCK_IS_ACCOUNT_ITEM (self), PADDOCK_ENVIRONMENT_PAPER);

  return self->environment;
}

const char *
paddock_account_item_get_account_number (PaddockAccountItem *self)
{
  g_return_val_if_fail (PADDOCK_IS_ACCOUNT_ITEM (self), NULL);

  return self->account_number;
}

/**
 * paddock_account_item_get_equity:
 * @self: an account item
 *
 * Returns: (nullable): the equity when last seen, a decimal string, or %NULL
 */
const char *
paddock_account_item_get_equity (PaddockAccountItem *self)
{
  g_return_val_if_fail (PADDOCK_IS_ACCOUNT_ITEM (self), NULL);

  return self->equity;
}

/**
 * paddock_account_item_set_equity:
 * @self: an account item
 * @equity: (nullable): the account's equity, a decimal string
 */
void
paddock_account_item_set_equity (PaddockAccountItem *self,
                                 const char         *equity)
{
  g_return_if_fail (PADDOCK_IS_ACCOUNT_ITEM (self));

  if (g_strcmp0 (self->equity, equity) == 0)
    return;
  g_free (self->equity);
  self->equity = g_strdup (equity);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EQUITY]);
}
