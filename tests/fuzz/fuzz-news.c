/* fuzz-news.c: news articles and their HTML, from replies of /v1beta1/news
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "paddock-fuzz"

#include "config.h"

#include "fuzz-common.h"
#include "paddock-market-models.h"

static void
visit (const char *name,
       JsonNode   *node)
{
  g_autoptr (PaddockNewsArticle) article = paddock_news_article_new_from_json (node, NULL);

  if (article != NULL)
    g_free (paddock_news_article_dup_plain_content (article));
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = g_strndup ((const char *) data, size);

  /* the HTML of an article body, taken as it comes */
  g_free (paddock_html_to_text (text));
  return fuzz_models (data, size, visit);
}
