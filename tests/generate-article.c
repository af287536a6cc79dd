/* generate-article.c: prints the generated article for a seed
 *
 *   generate-article SEED > article.json
 *
 * The same article the tests use for that seed (tests/article-generator.h),
 * to open in the app or export: `treaties --export-pdf out.pdf article.json`.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>

#include "article-generator.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  guint64 seed;

  if (argc != 2 || !g_ascii_string_to_unsigned (argv[1], 10, 0, G_MAXUINT32, &seed, &error))
    {
      fprintf (stderr, "usage: %s SEED   (0 to %u)\n%s%s", argv[0], G_MAXUINT32,
               error != NULL ? error->message : "", error != NULL ? "\n" : "");
      return 2;
    }

  json = treaties_test_generate_article ((guint32) seed, &error);
  if (json == NULL)
    {
      fprintf (stderr, "%s: seed %s: %s\n", argv[0], argv[1], error->message);
      return 1;
    }
  fputs (json, stdout);
  fputc ('\n', stdout);
  return 0;
}
