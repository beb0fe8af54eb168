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

static void
paddock_error_private_init (PaddockErrorPrivate *priv)
{
  priv->http_status = 0;
  priv->api_code = 0;
}

static void
paddock_error_private_copy (const PaddockErrorPrivate *src,
                            PaddockErrorPrivate       *dest)
{
  *dest = *src;
}

static void
paddock_error_private_clear (PaddockErrorPrivate *priv)
{
}

G_DEFINE_EXTENDED_ERROR (PaddockError, paddock_error)

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
