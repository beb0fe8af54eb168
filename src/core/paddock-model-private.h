/* paddock-model-private.h: the field tables behind the trading models
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * PaddockOrder, PaddockPosition, PaddockActivity and PaddockTradeUpdate describe their
 * JSON members once, in a table of PaddockField; these helpers turn the table into
 * read-only GObject properties, parse a JSON object into values, and move new values into
 * an object while notifying only the properties whose value really changed.
 *
 * How a member is read, by type:
 * - STRING: a JSON string.
 * - DECIMAL: a JSON string holding decimal text (optional sign, digits, optional point),
 *   at most PADDOCK_MODEL_MAX_DECIMAL_LENGTH characters, kept exactly as sent. A JSON
 *   integer, or a JSON real that prints without an exponent, is accepted and kept as its
 *   text (some servers and SDKs send numbers). Anything else is of the wrong type.
 * - TIME: an RFC 3339 string, kept as a GDateTime (not as text).
 * - BOOL: a JSON boolean.
 * - ENUM: a JSON string, kept as its code; the enum value is the one whose nick is the
 *   code, or 0 (the type's UNKNOWN) for a code this version does not know.
 *
 * What happens to a member, by flags:
 * - missing or null: the field is unset (NULL, FALSE, UNKNOWN) — unless REQUIRED, then
 *   the whole object is refused with PADDOCK_ERROR_PROTOCOL.
 * - of the wrong type: unset and logged at debug level (LENIENT, the default), or the
 *   whole object refused (STRICT, and always for REQUIRED).
 * - SHARED (STRING and ENUM, for members with few distinct values: symbol, status, side):
 *   the text is shared, not copied for each object — an ENUM's known code is its nick, a
 *   STRING of at most PADDOCK_MODEL_MAX_SHARED_LENGTH bytes is interned. Such a value's
 *   text is never stolen or freed by its holder.
 * Unknown members are ignored.
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define PADDOCK_MODEL_MAX_DECIMAL_LENGTH 64
#define PADDOCK_MODEL_MAX_SHARED_LENGTH 32

/* property ids: field i is i + 1, the code of an ENUM field i is CODE_PROP_BASE + i, a
 * class's own properties start at OWN_PROP_BASE */
#define PADDOCK_MODEL_CODE_PROP_BASE 1001
#define PADDOCK_MODEL_OWN_PROP_BASE 2001

typedef enum {
  PADDOCK_FIELD_STRING,
  PADDOCK_FIELD_DECIMAL,
  PADDOCK_FIELD_TIME,
  PADDOCK_FIELD_BOOL,
  PADDOCK_FIELD_ENUM,
} PaddockFieldType;

typedef enum {
  PADDOCK_FIELD_LENIENT = 0,
  PADDOCK_FIELD_REQUIRED = 1 << 0,
  PADDOCK_FIELD_STRICT = 1 << 1,
  PADDOCK_FIELD_SHARED = 1 << 2,
} PaddockFieldFlags;

typedef struct
{
  const char *name;           /* the JSON member; the property is it with '-' for '_' */
  PaddockFieldType type;
  PaddockFieldFlags flags;
  GType (*enum_type) (void);  /* ENUM only */
  const char *empty_nick;     /* ENUM only: the nick an empty string stands for, or NULL */
} PaddockField;

/* 16 bytes: a model has a slot for each of its fields (35 for an order), set or not */
typedef struct
{
  int number;                 /* BOOL, ENUM */
  guint set : 1;
  guint shared : 1;           /* text is static or interned: not freed */
  guint is_time : 1;          /* the union holds time */
  union {
    char *text;               /* STRING, DECIMAL, ENUM (the code) */
    GDateTime *time;          /* TIME */
  };
} PaddockFieldValue;

typedef struct
{
  const char *what;           /* "order", for messages */
  const PaddockField *fields;
  guint n_fields;
  GParamSpec **pspecs;        /* n_fields of them, filled by _paddock_model_install */
  GParamSpec **code_pspecs;   /* n_fields of them, NULL for fields that are not ENUM */
} PaddockFieldTable;

gboolean     _paddock_model_decimal_is_valid (const char              *text);
char        *_paddock_model_decimal_from_number (JsonNode             *member);
gboolean     _paddock_model_check_object     (const PaddockFieldTable *table,
                                              JsonNode                *node,
                                              GError                 **error);
void         _paddock_model_install          (GObjectClass            *klass,
                                              const PaddockFieldTable *table);
gboolean     _paddock_model_get_property     (const PaddockFieldTable *table,
                                              const PaddockFieldValue *values,
                                              guint                    prop_id,
                                              GValue                  *value);
gboolean     _paddock_model_parse            (const PaddockFieldTable *table,
                                              JsonObject              *object,
                                              PaddockFieldValue       *values,
                                              GError                 **error);
gboolean     _paddock_model_assign           (GObject                 *object,
                                              const PaddockFieldTable *table,
                                              PaddockFieldValue       *values,
                                              PaddockFieldValue       *next);
void         _paddock_model_clear            (const PaddockFieldTable *table,
                                              PaddockFieldValue       *values);

G_END_DECLS
