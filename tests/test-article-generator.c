/* test-article-generator.c: the generated articles are what the tests of
 * the screen and the page rely on: valid, deterministic and varied
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "article-generator.h"
#include "treaties-article.h"
#include "treaties-block.h"
#include "treaties-section.h"

#define N_SEEDS 200

static void
test_deterministic (void)
{
  for (guint32 seed = 0; seed < 20; seed++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *a = treaties_test_generate_article (seed, &error);
      g_autofree char *b = NULL;

      g_assert_no_error (error);
      b = treaties_test_generate_article (seed, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (a, ==, b);
      if (seed > 0)
        {
          g_autofree char *prev = treaties_test_generate_article (seed - 1, &error);
          g_assert_cmpstr (a, !=, prev);
        }
    }
}

static TreatiesBlockKind
block_kind (TreatiesSection *section,
            guint            i)
{
  g_autoptr(TreatiesBlock) block = g_list_model_get_item (treaties_section_get_blocks (section), i);

  return treaties_block_get_kind (block);
}

/* Every article loads (as `treaties --check` would), starts with the pair
 * of block kinds its seed names, and the whole set covers what the tests
 * need to meet. */
static void
test_valid_and_varied (void)
{
  gboolean pairs[5][5] = { { FALSE } };
  const char *needles[] = {
    "<b>&amp;", "%5C@evil.example", "mailto:", "(with)parens", "editors@example.org",
    "https://example.org/archives", "978-2-07-036822-8", "\xd8\xa7", /* Arabic alef */
    "\xd7\x94", /* Hebrew he */ "\xcc\x81", /* combining acute */ "\xe2\x80\x8d", /* ZWJ */
    "\xd0\xb4", /* Cyrillic de */ "\xc3\xa9", /* é */ "Donaudampf",
  };
  guint found[G_N_ELEMENTS (needles)] = { 0 };
  guint only_subsections = 0, subsections = 0, timelines = 0, same_day = 0;

  for (guint32 seed = 0; seed < N_SEEDS; seed++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) bytes = treaties_test_generate_article_bytes (seed, &error);
      g_autoptr(TreatiesArticle) article = NULL;
      g_autoptr(TreatiesSection) first = NULL;
      GListModel *sections, *events;
      const char *json;

      g_assert_no_error (error);
      article = treaties_article_new_from_bytes (bytes, "generated.json", &error);
      g_assert_no_error (error);
      json = g_bytes_get_data (bytes, NULL);
      for (guint i = 0; i < G_N_ELEMENTS (needles); i++)
        if (strstr (json, needles[i]) != NULL)
          found[i]++;

      sections = treaties_article_get_sections (article);
      first = g_list_model_get_item (sections, 0);
      g_assert_cmpuint (g_list_model_get_n_items (treaties_section_get_blocks (first)), >=, 2);
      g_assert_cmpint (block_kind (first, 0), ==, seed % 5);
      g_assert_cmpint (block_kind (first, 1), ==, (seed / 5) % 5);
      pairs[block_kind (first, 0)][block_kind (first, 1)] = TRUE;

      for (guint i = 0; i < g_list_model_get_n_items (sections); i++)
        {
          g_autoptr(TreatiesSection) s = g_list_model_get_item (sections, i);
          guint n_sub = g_list_model_get_n_items (treaties_section_get_subsections (s));

          subsections += n_sub;
          if (n_sub > 0 && g_list_model_get_n_items (treaties_section_get_blocks (s)) == 0)
            only_subsections++;
        }

      events = treaties_article_get_events (article);
      if (g_list_model_get_n_items (events) > 0)
        timelines++;
      for (guint i = 1; i < g_list_model_get_n_items (events); i++)
        {
          g_autoptr(TreatiesEvent) a = g_list_model_get_item (events, i - 1);
          g_autoptr(TreatiesEvent) b = g_list_model_get_item (events, i);

          if (treaties_event_get_date (a) == treaties_event_get_date (b))
            same_day++;
        }
    }

  for (guint a = 0; a < 5; a++)
    for (guint b = 0; b < 5; b++)
      g_assert_true (pairs[a][b]);
  for (guint i = 0; i < G_N_ELEMENTS (needles); i++)
    {
      if (found[i] == 0)
        g_test_message ("no generated article contains “%s”", needles[i]);
      g_assert_cmpuint (found[i], >, 0);
    }
  g_assert_cmpuint (only_subsections, >, 0);
  g_assert_cmpuint (subsections, >, only_subsections);
  g_assert_cmpuint (timelines, >, N_SEEDS / 2);
  g_assert_cmpuint (same_day, >, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/article-generator/deterministic", test_deterministic);
  g_test_add_func ("/article-generator/valid-and-varied", test_valid_and_varied);

  return g_test_run ();
}
