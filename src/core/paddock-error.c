/* paddock-error.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "paddock-error"

#include "paddock-error.h"

typedef struct
{
  guint http_status;
  gint64 api_code;
} PaddockErrorPrivate;

/* What G_DEFINE_EXTENDED_ERROR (PaddockError, paddock_error) defines, written out: its
 * cast of a byte pointer to the private struct trips -Wcast-align under clang, although
 * GLib puts the private data at that (struct-aligned) offset before the GError. */

/* The private data's size rounded up as GLib aligns it (gtype.c's STRUCT_ALIGNMENT) */
#define PRIVATE_SPACE \
  ((sizeof (PaddockErrorPrivate) + (2 * sizeof (gsize) - 1)) & -(2 * sizeof (gsize)))

static PaddockErrorPrivate *
paddock_error_get_private (const GError *error)
{
  g_return_val_if_fail (error != NULL, NULL);
  g_return_val_if_fail (error->domain == paddock_error_quark (), NULL);
  return (PaddockErrorPrivate *) (gpointer) ((guint8 *) error - PRIVATE_SPACE);
}

static void
private_init (GError *error)
{
  PaddockErrorPrivate *priv = paddock_error_get_private (error);

  priv->http_status = 0;
  priv->api_code = 0;
}

static void
private_copy (const GError *src_error,
              GError       *dest_error)
{
  *paddock_error_get_private (dest_error) = *paddock_error_get_private (src_error);
}

static void
private_clear (GError *error)
{
}

GQuark
paddock_error_quark (void)
{
  static GQuark quark;
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      quark = g_error_domain_register_static ("PaddockError", sizeof (PaddockErrorPrivate),
                                              private_init, private_copy, private_clear);
      g_once_init_leave (&initialized, 1);
    }
  return quark;
}

/**
 * paddock_error_set_api_details:
 * @error: an error in the %PADDOCK_ERROR domain
 * @http_status: the HTTP status of the reply
 * @api_code: Alpaca's `code` from the error body, or 0
 */
void
paddock_error_set_api_details (GError *error,
                               guint   http_status,
                               gint64  api_code)
{
  PaddockErrorPrivate *priv = paddock_error_get_private (error);

  g_return_if_fail (priv != NULL);
  priv->http_status = http_status;
  priv->api_code = api_code;
}

/**
 * paddock_error_get_http_status:
 *
 * Returns: the HTTP status of the reply the error came from, or 0
 */
guint
paddock_error_get_http_status (const GError *error)
{
  PaddockErrorPrivate *priv = error ? paddock_error_get_private (error) : NULL;

  return priv ? priv->http_status : 0;
}

/**
 * paddock_error_get_api_code:
 *
 * Returns: Alpaca's own error `code` (e.g. 40310000), or 0
 */
gint64
paddock_error_get_api_code (const GError *error)
{
  PaddockErrorPrivate *priv = error ? paddock_error_get_private (error) : NULL;

  return priv ? priv->api_code : 0;
}
