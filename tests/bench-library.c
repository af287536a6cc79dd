/* bench-library.c: the library and its search index with 1,000 articles
 *
 * Generates articles (library-fixtures.h: seeded, about 1,200 words in 8
 * sections, words of English, French and Russian) in a throw-away
 * XDG_DATA_HOME, then measures, each beside a baseline in the same run:
 *
 *  - indexing 100, 300 and 1,000 articles from an empty cache, beside
 *    loading the same files with the article loader alone: the cost per
 *    article must not grow (linear), within MAX_GROWTH;
 *  - listing 1,000 indexed articles (a new TreatiesLibrary on the cache, as
 *    the app starts), beside enumerating and stat()ing the same files:
 *    under MAX_LISTING_S;
 *  - searching them (the first SEARCH_LIMIT hits, as a results page shows),
 *    beside a plain scan of the same text case-folded in advance, strstr()
 *    for each word: the median over the queries under MAX_SEARCH_MS.
 *
 * Prints medians and ratios; exits 1 when a target is missed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "library-fixtures.h"
#include "treaties-article.h"
#include "treaties-library.h"
#include "treaties-search-index.h"

#define N_ARTICLES     1000
#define N_SECTIONS     8
#define N_WORDS        1200
#define SEED           1931
#define MAX_LISTING_S  1.0
#define MAX_SEARCH_MS  50.0
#define MAX_GROWTH     1.5    /* cost per article, 1,000 against 100 */
#define SEARCH_LIMIT   100
#define INDEX_RUNS     3
#define LIST_RUNS      7
#define SEARCH_RUNS    9

/* Common and rare words, several words, prefixes, accents, Cyrillic, and
 * a word in no article. */
static const char *queries[] = {
  "the", "treaty", "locarno", "rhineland guarantee", "societe", "société des nations", "etat", "lodz",
  "ссср", "договор франция", "еще", "g", "gen", "kamiro", "к", "каро", "reparations ratified protocol", "zeppelin",
};

static double
now (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);
  return ts.tv_sec + ts.tv_nsec * 1e-9;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
median (GArray *samples)
{
  g_array_sort (samples, compare_doubles);
  return g_array_index (samples, double, samples->len / 2);
}

static void
add (GArray *samples,
     double  value)
{
  g_array_append_val (samples, value);
}

static void
loaded_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!treaties_library_load_finish (TREATIES_LIBRARY (source), result, &error))
    g_error ("the library did not load: %s", error->message);
  *(gboolean *) user_data = TRUE;
}

/* Seconds from asking a new library to load to its list being there. */
static double
time_library (GFile *empty,
              GFile *folder,
              GFile *cache,
              guint  expected)
{
  static const char * const no_builtin[] = { NULL };
  g_autoptr(TreatiesSearchIndex) index = treaties_search_index_new (cache);
  g_autoptr(TreatiesLibrary) library = treaties_library_new_full (empty, no_builtin, folder, index);
  gboolean done = FALSE;
  double start = now (), elapsed;

  treaties_library_load_async (library, NULL, loaded_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  elapsed = now () - start;
  if (g_list_model_get_n_items (G_LIST_MODEL (library)) != expected)
    g_error ("listed %u articles, not %u", g_list_model_get_n_items (G_LIST_MODEL (library)), expected);
  return elapsed;
}

static GPtrArray *
files_in (GFile *folder)
{
  g_autoptr(GFileEnumerator) children = g_file_enumerate_children (folder, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                                                   G_FILE_QUERY_INFO_NONE, NULL, NULL);
  GPtrArray *files = g_ptr_array_new_with_free_func (g_object_unref);
  GFileInfo *info;

  while ((info = g_file_enumerator_next_file (children, NULL, NULL)) != NULL)
    {
      g_ptr_array_add (files, g_file_get_child (folder, g_file_info_get_name (info)));
      g_object_unref (info);
    }
  return files;
}

/* The baseline of indexing: the loader alone, over the same files. */
static double
time_loading (GFile *folder)
{
  g_autoptr(GPtrArray) files = files_in (folder);
  double start = now ();

  for (guint i = 0; i < files->len; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(TreatiesArticle) article = treaties_article_new_from_file (files->pdata[i], NULL, &error);

      if (article == NULL)
        g_error ("%s", error->message);
    }
  return now () - start;
}

/* The baseline of listing: finding the files and their times and sizes. */
static double
time_stat (GFile *folder)
{
  double start = now ();
  g_autoptr(GFileEnumerator) children = g_file_enumerate_children (folder, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                                                   G_FILE_QUERY_INFO_NONE, NULL, NULL);
  GFileInfo *info;

  while ((info = g_file_enumerator_next_file (children, NULL, NULL)) != NULL)
    {
      g_autoptr(GFile) child = g_file_get_child (folder, g_file_info_get_name (info));
      g_autoptr(GFileInfo) stat = g_file_query_info (child, G_FILE_ATTRIBUTE_STANDARD_SIZE ","
                                                     G_FILE_ATTRIBUTE_TIME_MODIFIED,
                                                     G_FILE_QUERY_INFO_NONE, NULL, NULL);

      if (stat == NULL)
        g_error ("cannot stat %s", g_file_peek_path (child));
      g_object_unref (info);
    }
  return now () - start;
}

/* Every block's text, case-folded once: what a plain scan searches. */
static GPtrArray *
folded_texts (GFile *folder)
{
  g_autoptr(GPtrArray) files = files_in (folder);
  GPtrArray *texts = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < files->len; i++)
    {
      g_autoptr(TreatiesArticle) article = treaties_article_new_from_file (files->pdata[i], NULL, NULL);
      GListModel *outline = treaties_article_get_outline (article);

      for (guint j = 0; j < g_list_model_get_n_items (outline); j++)
        {
          g_autoptr(TreatiesSection) section = g_list_model_get_item (outline, j);
          GListModel *blocks = treaties_section_get_blocks (section);

          for (guint k = 0; k < g_list_model_get_n_items (blocks); k++)
            {
              g_autoptr(TreatiesBlock) block = g_list_model_get_item (blocks, k);
              g_autofree char *text = treaties_block_dup_text (block);

              g_ptr_array_add (texts, g_utf8_casefold (text, -1));
            }
        }
    }
  return texts;
}

static double
time_scan (GPtrArray  *texts,
           const char *query,
           guint      *n_found)
{
  double start = now ();
  g_autofree char *folded = g_utf8_casefold (query, -1);
  g_auto(GStrv) words = g_strsplit (folded, " ", -1);

  *n_found = 0;
  for (guint i = 0; i < texts->len; i++)
    {
      gboolean all = TRUE;

      for (guint w = 0; words[w] != NULL && all; w++)
        all = strstr (texts->pdata[i], words[w]) != NULL;
      if (all)
        (*n_found)++;
    }
  return now () - start;
}

static double
time_search (TreatiesSearchIndex *index,
             const char          *query,
             guint                limit,
             guint               *n_found)
{
  double start = now (), elapsed;
  g_autoptr(GListModel) hits = treaties_search_index_search (index, query, limit);

  elapsed = now () - start;
  *n_found = g_list_model_get_n_items (hits);
  return elapsed;
}

static void
link_first (GFile *from,
            GFile *to,
            guint  n)
{
  g_file_make_directory_with_parents (to, NULL, NULL);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = g_strdup_printf ("generated-%04u.treaty.json", i);
      g_autofree char *src = g_build_filename (g_file_peek_path (from), name, NULL);
      g_autofree char *dst = g_build_filename (g_file_peek_path (to), name, NULL);

      if (link (src, dst) != 0)
        g_error ("cannot link %s", dst);
    }
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir == NULL)
    {
      g_unlink (path);
      return;
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      remove_tree (child);
    }
  g_rmdir (path);
}

static void
delete_cache (GFile *cache)
{
  g_autofree char *journal = g_strconcat (g_file_peek_path (cache), "-journal", NULL);

  g_unlink (g_file_peek_path (cache));
  g_unlink (journal);
}

int
main (int   argc,
      char *argv[])
{
  static const guint sizes[] = { 100, 300, N_ARTICLES };
  g_autoptr(GError) error = NULL;
  g_autofree char *root = g_dir_make_tmp ("bench-library-XXXXXX", &error);
  g_autofree char *data_home = NULL;
  g_autofree char *cache_home = NULL;
  GFile *folders[G_N_ELEMENTS (sizes)] = { NULL, };
  g_autoptr(GFile) empty = NULL;
  g_autoptr(GFile) cache = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (SEED);
  g_autoptr(GPtrArray) texts = NULL;
  g_autoptr(TreatiesSearchIndex) index = NULL;
  g_autoptr(GArray) query_medians = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) scan_medians = g_array_new (FALSE, FALSE, sizeof (double));
  double per_article[G_N_ELEMENTS (sizes)];
  double listing, listing_base, search_median, scan_median, growth;
  gsize total_bytes = 0;
  int status = 0;

  setlocale (LC_ALL, "");
  setvbuf (stdout, NULL, _IOLBF, 0);
  if (root == NULL)
    g_error ("%s", error->message);
  /* Before GLib reads them: the cache and the reader's folder are ours. */
  data_home = g_build_filename (root, "data", NULL);
  cache_home = g_build_filename (root, "cache", NULL);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  g_setenv ("XDG_CACHE_HOME", cache_home, TRUE);
  empty = g_file_new_build_filename (root, "shipped", NULL);
  g_file_make_directory_with_parents (empty, NULL, NULL);
  cache = treaties_search_index_default_file ();

  folders[2] = g_file_new_build_filename (data_home, "treaties", "articles", NULL);
  for (guint i = 0; i < N_ARTICLES; i++)
    {
      g_autofree char *json = fixture_generated_json (rand, i, N_SECTIONS, N_WORDS);
      g_autofree char *name = g_strdup_printf ("generated-%04u.treaty.json", i);
      g_object_unref (fixture_write (folders[2], name, json));
      total_bytes += strlen (json);
    }
  for (guint s = 0; s < 2; s++)
    {
      g_autofree char *name = g_strdup_printf ("first-%u", sizes[s]);

      folders[s] = g_file_new_build_filename (root, name, NULL);
      link_first (folders[2], folders[s], sizes[s]);
    }
  printf ("# %u generated articles, %u words each, %.1f MiB\n", N_ARTICLES, N_WORDS,
          total_bytes / (1024.0 * 1024.0));

  /* Indexing from an empty cache, against loading alone. */
  printf ("\n| articles | indexing | loading alone | ratio | indexing per article |\n|---|---|---|---|---|\n");
  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    {
      g_autoptr(GArray) indexing = g_array_new (FALSE, FALSE, sizeof (double));
      g_autoptr(GArray) loading = g_array_new (FALSE, FALSE, sizeof (double));
      double m;

      for (guint r = 0; r < INDEX_RUNS; r++)
        {
          delete_cache (cache);
          add (indexing, time_library (empty, folders[s], cache, sizes[s]));
          add (loading, time_loading (folders[s]));
        }
      m = median (indexing);
      per_article[s] = m / sizes[s];
      printf ("| %u | %.0f ms | %.0f ms | %.2fx | %.2f ms |\n", sizes[s], m * 1e3, median (loading) * 1e3,
              m / median (loading), per_article[s] * 1e3);
    }
  growth = per_article[2] / per_article[0];
  printf ("\nindexing cost per article, %u against %u: %.2fx (target: at most %.1fx)\n",
          N_ARTICLES, sizes[0], growth, MAX_GROWTH);
  if (growth > MAX_GROWTH)
    status = 1;

  /* Listing, once indexed (the cache holds the 1,000 from above). */
  {
    g_autoptr(GArray) list = g_array_new (FALSE, FALSE, sizeof (double));
    g_autoptr(GArray) base = g_array_new (FALSE, FALSE, sizeof (double));

    for (guint r = 0; r < LIST_RUNS; r++)
      {
        add (list, time_library (empty, folders[2], cache, N_ARTICLES));
        add (base, time_stat (folders[2]));
      }
    listing = median (list);
    listing_base = median (base);
    printf ("\nlisting %u indexed articles: %.1f ms (target: under %.0f ms); enumerating and stat()ing them: %.1f ms (%.1fx)\n",
            N_ARTICLES, listing * 1e3, MAX_LISTING_S * 1e3, listing_base * 1e3, listing / listing_base);
    if (listing > MAX_LISTING_S)
      status = 1;
  }

  /* Searching. */
  index = treaties_search_index_new (cache);
  texts = folded_texts (folders[2]);
  printf ("\n| query | index, first %u hits | index, every hit | hits | plain scan | blocks |\n|---|---|---|---|---|---|\n",
          SEARCH_LIMIT);
  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      g_autoptr(GArray) limited = g_array_new (FALSE, FALSE, sizeof (double));
      g_autoptr(GArray) all = g_array_new (FALSE, FALSE, sizeof (double));
      g_autoptr(GArray) scan = g_array_new (FALSE, FALSE, sizeof (double));
      guint n_limited = 0, n_all = 0, n_scan = 0;
      double m_limited, m_scan;

      for (guint r = 0; r < SEARCH_RUNS; r++)
        {
          add (limited, time_search (index, queries[q], SEARCH_LIMIT, &n_limited));
          add (scan, time_scan (texts, queries[q], &n_scan));
        }
      /* Every hit with its snippet, as --search prints them: slow for a
       * common word, so measured fewer times. */
      for (guint r = 0; r < 3; r++)
        add (all, time_search (index, queries[q], 0, &n_all));
      m_limited = median (limited);
      m_scan = median (scan);
      add (query_medians, m_limited);
      add (scan_medians, m_scan);
      printf ("| %s | %.2f ms | %.1f ms | %u | %.2f ms | %u |\n", queries[q], m_limited * 1e3, median (all) * 1e3,
              n_all, m_scan * 1e3, n_scan);
    }
  search_median = median (query_medians);
  scan_median = median (scan_medians);
  printf ("\nsearch, median over the queries: %.2f ms (target: under %.0f ms); plain case-folded scan: %.2f ms (%.2fx)\n",
          search_median * 1e3, MAX_SEARCH_MS, scan_median * 1e3, search_median / scan_median);
  if (search_median * 1e3 > MAX_SEARCH_MS)
    status = 1;

  g_clear_object (&index);
  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    g_clear_object (&folders[s]);
  remove_tree (root);
  printf ("\n%s\n", status == 0 ? "every target met" : "A TARGET WAS MISSED");
  return status;
}
