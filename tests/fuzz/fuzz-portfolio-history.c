/* fuzz-portfolio-history.c: the portfolio history, from replies of /v2/account/portfolio/history
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "paddock-fuzz"

#include "config.h"

#include "fuzz-common.h"
#include "paddock-portfolio-history.h"

static void
visit (const char *name,
       JsonNode   *node)
{
  g_autoptr (PaddockPortfolioHistory) history =
    paddock_portfolio_history_new_from_json (node, NULL);

  if (history != NULL)
    {
      guint n = paddock_portfolio_history_get_n_points (history);

      for (guint i = 0; i < n; i++)
        {
          (void) paddock_portfolio_history_get_equity (history, i);
          (void) paddock_portfolio_history_get_profit_loss (history, i);
          (void) paddock_portfolio_history_get_profit_loss_pct (history, i);
        }
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  return fuzz_models (data, size, visit);
}
