/* treaties-cli.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <gio/gio.h>

#include "treaties-article.h"
#include "treaties-cli.h"
#include "treaties-pdf-exporter.h"
#include "treaties-safe-text.h"

/* Everything printed can come from an article or a file name: control
 * characters are written out, so that nothing printed can retitle or clear
 * the terminal, or forge a line. A message's own lines stay lines. */
static void
print_error (const GError *error)
{
  g_autofree char *safe = treaties_safe_text_escape (error->message, TRUE);

  g_printerr ("%s\n", safe);
}

static int
check_one (const char *path,
           gboolean    strict)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(TreatiesArticle) article = NULL;
  g_autofree char *safe_path = NULL;
  g_autofree char *safe_title = NULL;
  g_auto(GStrv) warnings = NULL;
  guint n_sections, n_events;

  article = treaties_article_new_from_file (file, NULL, &error);
  if (article == NULL)
    {
      print_error (error);
      return 1;
    }

  safe_path = treaties_safe_text_escape (path, FALSE);
  /* In the loader's words and shape, untranslated like its errors; ids
   * and titles come from the article, so escaped like everything else. */
  warnings = treaties_article_dup_warnings (article);
  for (guint i = 0; warnings[i] != NULL; i++)
    {
      g_autofree char *safe = treaties_safe_text_escape (warnings[i], FALSE);

      g_printerr ("%s: %s%s\n", safe_path, strict ? "" : "warning: ", safe);
    }
  if (strict && warnings[0] != NULL)
    return 1;

  n_sections = g_list_model_get_n_items (treaties_article_get_outline (article));
  n_events = g_list_model_get_n_items (treaties_article_get_events (article));
  /* Translators: the summary of a valid article: file, title, counts */
  safe_title = treaties_safe_text_escape (treaties_article_get_title (article), FALSE);
  g_print (_("%s: valid: “%s”, %u sections, %u events\n"), safe_path, safe_title, n_sections, n_events);
  return 0;
}

int
treaties_cli_check (const char * const *files,
                    gboolean            strict)
{
  int status = 0;

  g_return_val_if_fail (files != NULL, 2);

  for (guint i = 0; files[i] != NULL; i++)
    if (check_one (files[i], strict) != 0)
      status = 1;
  return status;
}

int
treaties_cli_export_pdf (const char *out_path,
                         const char *article_path_or_null)
{
  g_autoptr(TreatiesArticle) article = NULL;
  g_autoptr(GFile) dest = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (out_path != NULL, 2);

  if (article_path_or_null != NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (article_path_or_null);
      article = treaties_article_new_from_file (file, NULL, &error);
    }
  else
    article = treaties_article_new_from_resource (SHIPPED_ARTICLE, &error);

  if (article == NULL)
    {
      print_error (error);
      return 1;
    }

  dest = g_file_new_for_commandline_arg (out_path);
  if (!treaties_pdf_export (article, dest, NULL, &error))
    {
      print_error (error);
      return 1;
    }
  return 0;
}
