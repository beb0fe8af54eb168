/* paddock-model.c: the field tables behind the trading models
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * See paddock-model-private.h for how each member is read.
 */
#define G_LOG_DOMAIN "paddock-model"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "paddock-error.h"
#include "paddock-model-private.h"

/* The same text paddock-account.c accepts: an optional sign, digits with an optional
 * point, at least one digit. Longer than PADDOCK_MODEL_MAX_DECIMAL_LENGTH is absurd for
 * money or a quantity and refused like any other bad decimal. */
gboolean
_paddock_model_decimal_is_valid (const char *text)
{
  const char *p = text;
  gboolean digits = FALSE;

  if (text == NULL || strlen (text) > PADDOCK_MODEL_MAX_DECIMAL_LENGTH)
    return FALSE;

  if (*p == '-' || *p == '+')
    p++;
  while (g_ascii_isdigit (*p))
    {
      digits = TRUE;
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

gboolean
_paddock_model_check_object (const PaddockFieldTable  *table,
                             JsonNode                 *node,
                             GError                  **error)
{
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_debug ("Expected an %s object", table->what);
      g_set_error_literal (error, PADDOCK_ERROR, PADDOCK_ERROR_PROTOCOL,
                           _("The server sent a malformed reply: an object was expected."));
      return FALSE;
    }
  return TRUE;
}


G_STATIC_ASSERT (sizeof (PaddockFieldValue) == 16);
static GParamSpec *
make_pspec (const PaddockField *field,
            const char         *name)
{
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  switch (field->type)
    {
    case PADDOCK_FIELD_STRING:
    case PADDOCK_FIELD_DECIMAL:
      return g_param_spec_string (name, NULL, NULL, NULL, flags);
    case PADDOCK_FIELD_TIME:
      return g_param_spec_boxed (name, NULL, NULL, G_TYPE_DATE_TIME, flags);
    case PADDOCK_FIELD_BOOL:
      return g_param_spec_boolean (name, NULL, NULL, FALSE, flags);
    case PADDOCK_FIELD_ENUM:
      return g_param_spec_enum (name, NULL, NULL, field->enum_type (), 0, flags);
    default:
      g_assert_not_reached ();
      return NULL;
    }
}

void
_paddock_model_install (GObjectClass            *klass,
                        const PaddockFieldTable *table)
{
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  for (guint i = 0; i < table->n_fields; i++)
    {
      const PaddockField *field = &table->fields[i];
      g_autofree char *nick = g_strdelimit (g_strdup (field->name), "_", '-');

      table->pspecs[i] = make_pspec (field, g_intern_string (nick));
      g_object_class_install_property (klass, i + 1, table->pspecs[i]);

      if (field->type == PADDOCK_FIELD_ENUM)
        {
          g_autofree char *code = g_strconcat (nick, "-code", NULL);

          table->code_pspecs[i] = g_param_spec_string (g_intern_string (code), NULL, NULL, NULL,
                                                       flags);
          g_object_class_install_property (klass, PADDOCK_MODEL_CODE_PROP_BASE + i,
                                           table->code_pspecs[i]);
        }
    }
}

gboolean
_paddock_model_get_property (const PaddockFieldTable *table,
                             const PaddockFieldValue *values,
                             guint                    prop_id,
                             GValue                  *value)
{
  const PaddockFieldValue *v;

  if (prop_id >= PADDOCK_MODEL_CODE_PROP_BASE &&
      prop_id < PADDOCK_MODEL_CODE_PROP_BASE + table->n_fields)
    {
      g_value_set_string (value, values[prop_id - PADDOCK_MODEL_CODE_PROP_BASE].text);
      return TRUE;
    }

  if (prop_id == 0 || prop_id > table->n_fields)
    return FALSE;

  v = &values[prop_id - 1];
  switch (table->fields[prop_id - 1].type)
    {
    case PADDOCK_FIELD_STRING:
    case PADDOCK_FIELD_DECIMAL:
      g_value_set_string (value, v->text);
      break;
    case PADDOCK_FIELD_TIME:
      g_value_set_boxed (value, v->time);
      break;
    case PADDOCK_FIELD_BOOL:
      g_value_set_boolean (value, v->number);
      break;
    case PADDOCK_FIELD_ENUM:
      g_value_set_enum (value, v->number);
      break;
    default:
      return FALSE;
    }
  return TRUE;
}

static char *
decimal_from_number (JsonNode *member)
{
  GType vtype = json_node_get_value_type (member);

  if (vtype == G_TYPE_INT64)
    return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (member));

  if (vtype == G_TYPE_DOUBLE)
    {
      double d = json_node_get_double (member);
      char buf[G_ASCII_DTOSTR_BUF_SIZE];

      /* the shortest text without an exponent that reads back as the same double
       * (0.0125, not 0.012500000000000001; 200, not 2e+02); "1e-05" or "1e+300" are
       * refused rather than expanded into digits nobody sent */
      for (int precision = 1; precision <= 17; precision++)
        {
          g_autofree char *format = g_strdup_printf ("%%.%dg", precision);

          g_ascii_formatd (buf, sizeof buf, format, d);
          if (g_ascii_strtod (buf, NULL) == d && strchr (buf, 'e') == NULL)
            break;
        }
      if (_paddock_model_decimal_is_valid (buf))
        return g_strdup (buf);
    }

  return NULL;
}

/* A JSON number (integer, or a real that prints without an exponent) as decimal text, or
 * NULL: for models that read numbers outside a field table (portfolio history) */
char *
_paddock_model_decimal_from_number (JsonNode *member)
{
  if (member == NULL || !JSON_NODE_HOLDS_VALUE (member))
    return NULL;
  return decimal_from_number (member);
}

/* out->number from the code; for a SHARED field, out->text is the code as the enum's
 * static nick (or a static "") when it is known, a copy otherwise */
static void
enum_lookup (const PaddockField *field,
             const char         *code,
             PaddockFieldValue  *out)
{
  g_autoptr (GEnumClass) klass = g_type_class_ref (field->enum_type ());
  const char *nick = code;
  GEnumValue *ev;

  if (*code == '\0' && field->empty_nick != NULL)
    nick = field->empty_nick;

  ev = g_enum_get_value_by_nick (klass, nick);
  out->number = ev != NULL ? ev->value : 0;
  if ((field->flags & PADDOCK_FIELD_SHARED) && (ev != NULL || *code == '\0'))
    {
      out->text = (char *) (*code == '\0' ? "" : ev->value_nick);
      out->shared = TRUE;
    }
  else
    out->text = g_strdup (code);
}

/* Reads a member that is present and not null. FALSE: it has the wrong type. */
static gboolean
parse_value (const PaddockField *field,
             JsonNode           *member,
             PaddockFieldValue  *out)
{
  GType vtype;

  if (!JSON_NODE_HOLDS_VALUE (member))
    return FALSE;

  vtype = json_node_get_value_type (member);

  switch (field->type)
    {
    case PADDOCK_FIELD_STRING:
      if (vtype != G_TYPE_STRING)
        return FALSE;
      if ((field->flags & PADDOCK_FIELD_SHARED) &&
          strlen (json_node_get_string (member)) <= PADDOCK_MODEL_MAX_SHARED_LENGTH)
        {
          out->text = (char *) g_intern_string (json_node_get_string (member));
          out->shared = TRUE;
        }
      else
        out->text = json_node_dup_string (member);
      break;

    case PADDOCK_FIELD_DECIMAL:
      if (vtype == G_TYPE_STRING)
        {
          const char *text = json_node_get_string (member);

          if (!_paddock_model_decimal_is_valid (text))
            return FALSE;
          out->text = g_strdup (text);
        }
      else if ((out->text = decimal_from_number (member)) == NULL)
        return FALSE;
      break;

    case PADDOCK_FIELD_TIME:
      if (vtype != G_TYPE_STRING)
        return FALSE;
      /* kept as the time only: its text was a second copy nobody read (1.4 MB over
       * 10,000 orders) */
      out->time = g_date_time_new_from_iso8601 (json_node_get_string (member), NULL);
      if (out->time == NULL)
        return FALSE;
      out->is_time = TRUE;
      break;

    case PADDOCK_FIELD_BOOL:
      if (vtype != G_TYPE_BOOLEAN)
        return FALSE;
      out->number = json_node_get_boolean (member);
      break;

    case PADDOCK_FIELD_ENUM:
      if (vtype != G_TYPE_STRING)
        return FALSE;
      enum_lookup (field, json_node_get_string (member), out);
      break;

    default:
      return FALSE;
    }

  out->set = TRUE;
  return TRUE;
}

static void
value_clear (PaddockFieldValue *v)
{
  if (v->is_time)
    g_clear_pointer (&v->time, g_date_time_unref);
  else if (v->shared)
    v->text = NULL;
  else
    g_clear_pointer (&v->text, g_free);
  v->number = 0;
  v->set = FALSE;
  v->shared = FALSE;
  v->is_time = FALSE;
}

void
_paddock_model_clear (const PaddockFieldTable *table,
                      PaddockFieldValue       *values)
{
  for (guint i = 0; i < table->n_fields; i++)
    value_clear (&values[i]);
}

/**
 * _paddock_model_parse:
 * @values: (out caller-allocates): n_fields cleared values
 *
 * Reads every field of @table from @object. On error @values are left cleared.
 */
gboolean
_paddock_model_parse (const PaddockFieldTable  *table,
                      JsonObject               *object,
                      PaddockFieldValue        *values,
                      GError                  **error)
{
  for (guint i = 0; i < table->n_fields; i++)
    {
      const PaddockField *field = &table->fields[i];
      JsonNode *member = json_object_get_member (object, field->name);

      if (member == NULL || JSON_NODE_HOLDS_NULL (member))
        {
          if (field->flags & PADDOCK_FIELD_REQUIRED)
            {
              /* Translators: %s is the name of a JSON member, e.g. "symbol" */
              g_set_error (error, PADDOCK_ERROR, PADDOCK_ERROR_PROTOCOL,
                           _("The server sent a malformed reply: “%s” is missing."),
                           field->name);
              _paddock_model_clear (table, values);
              return FALSE;
            }
          continue;
        }

      if (!parse_value (field, member, &values[i]))
        {
          value_clear (&values[i]);
          if (field->flags & (PADDOCK_FIELD_REQUIRED | PADDOCK_FIELD_STRICT))
            {
              /* Translators: %s is the name of a JSON member, e.g. "qty" */
              g_set_error (error, PADDOCK_ERROR, PADDOCK_ERROR_PROTOCOL,
                           _("The server sent a malformed reply: “%s” is not valid."),
                           field->name);
              _paddock_model_clear (table, values);
              return FALSE;
            }
          g_debug ("Ignoring the %s's “%s”: not of the expected type", table->what,
                   field->name);
        }
    }

  return TRUE;
}

/**
 * _paddock_model_assign:
 * @values: the object's values
 * @next: the new values; taken (left cleared)
 *
 * Moves @next into @values and notifies the properties of @object that changed (the
 * caller freezes notifications around it if it changes more).
 *
 * Returns: whether anything changed
 */
gboolean
_paddock_model_assign (GObject                 *object,
                       const PaddockFieldTable *table,
                       PaddockFieldValue       *values,
                       PaddockFieldValue       *next)
{
  gboolean any = FALSE;

  for (guint i = 0; i < table->n_fields; i++)
    {
      PaddockFieldValue *cur = &values[i];
      PaddockFieldValue *nv = &next[i];
      gboolean is_time = table->fields[i].type == PADDOCK_FIELD_TIME;
      gboolean text_changed = !is_time && g_strcmp0 (cur->text, nv->text) != 0;
      gboolean number_changed = cur->number != nv->number;
      gboolean time_changed = is_time &&
                              ((cur->time == NULL) != (nv->time == NULL) ||
                               (cur->time != NULL && !g_date_time_equal (cur->time, nv->time)));
      gboolean changed = cur->set != nv->set || text_changed || number_changed || time_changed;

      value_clear (cur);
      *cur = *nv;
      memset (nv, 0, sizeof *nv);

      if (!changed)
        continue;
      any = TRUE;

      if (table->fields[i].type == PADDOCK_FIELD_ENUM)
        {
          /* an unknown code for another unknown code changes the code, not the value */
          if (number_changed)
            g_object_notify_by_pspec (object, table->pspecs[i]);
          if (text_changed)
            g_object_notify_by_pspec (object, table->code_pspecs[i]);
        }
      else
        g_object_notify_by_pspec (object, table->pspecs[i]);
    }

  return any;
}
