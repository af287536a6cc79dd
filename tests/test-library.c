/* test-library.c: the library's listing and its search index
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every test runs with its own XDG_DATA_HOME and XDG_CACHE_HOME
 * (G_TEST_OPTION_ISOLATE_DIRS), on articles it writes itself.
 */
#include <fcntl.h>
#include <locale.h>
#include <string.h>
#include <sys/stat.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "library-fixtures.h"
#include "treaties-cli-search.h"
#include "treaties-library.h"
#include "treaties-search-hit.h"
#include "treaties-safe-text.h"
#include "treaties-search-index.h"

/* Long enough for a loaded machine; a test that waits this long fails. */
#define WAIT_LIMIT_S 20

static const char * const french_sections[] = {
  "contexte|Le contexte|La Société des Nations siégeait à Genève. L’État polonais signa à Łódź.|Le traité fut ratifié.",
  "suite|La suite|- Première garantie|- Seconde œuvre commune",
  NULL,
};

static const char * const russian_sections[] = {
  "nachalo|Начало|СССР и Франция подписали договор о ненападении.|Договор был ещё не ратифицирован.",
  NULL,
};

static GFile *
scratch_dir (const char *name)
{
  return g_file_new_build_filename (g_get_user_data_dir (), name, NULL);
}

static GFile *
write_article (GFile              *dir,
               const char         *name,
               const char         *id,
               const char         *title,
               const char         *date,
               const char * const *sections)
{
  g_autofree char *json = fixture_article_json (id, title, date, "A. Author", sections);
  return fixture_write (dir, name, json);
}

static GPtrArray *
files_of (GFile *first,
          ...)
{
  GPtrArray *files = g_ptr_array_new_with_free_func (g_object_unref);
  va_list args;

  va_start (args, first);
  for (GFile *f = first; f != NULL; f = va_arg (args, GFile *))
    g_ptr_array_add (files, g_object_ref (f));
  va_end (args);
  return files;
}

static GPtrArray *
update (TreatiesSearchIndex *index,
        GPtrArray           *files,
        gboolean             prune)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *entries = treaties_search_index_update (index, files, NULL, prune, NULL, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (entries);
  g_assert_cmpuint (entries->len, ==, files->len);
  return entries;
}

/* The ids of the articles with hits for @query, in order, one each. */
static char *
articles_found (TreatiesSearchIndex *index,
                const char          *query)
{
  g_autoptr(GListModel) hits = treaties_search_index_search (index, query, 0);
  g_autoptr(GString) ids = g_string_new (NULL);
  const char *last = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (hits); i++)
    {
      g_autoptr(TreatiesSearchHit) hit = g_list_model_get_item (hits, i);
      const char *id = treaties_search_hit_get_article_id (hit);

      if (g_strcmp0 (id, last) == 0)
        continue;
      if (ids->len > 0)
        g_string_append_c (ids, ' ');
      g_string_append (ids, id);
      last = g_intern_string (id);
    }
  return g_string_free (g_steal_pointer (&ids), FALSE);
}

static TreatiesSearchIndex *
cache_index (void)
{
  g_autoptr(GFile) file = treaties_search_index_default_file ();
  return treaties_search_index_new (file);
}

/* ------------------------------------------------------------------ */

static void
test_index_add_update_remove (void)
{
  g_autoptr(GFile) dir = scratch_dir ("articles");
  g_autoptr(GFile) a = write_article (dir, "a.json", "alpha", "Alpha", "1925-10-16",
                                      (const char *[]) { "s|S|The zeppelin flew over Locarno.", NULL });
  g_autoptr(GFile) b = write_article (dir, "b.json", "beta", "Beta", "1922-04-16",
                                      (const char *[]) { "s|S|Rapallo surprised the conference.", NULL });
  g_autoptr(TreatiesSearchIndex) index = cache_index ();
  g_autoptr(GPtrArray) both = files_of (a, b, NULL);
  g_autoptr(GPtrArray) only_b = files_of (b, NULL);
  g_autoptr(GPtrArray) entries = NULL;
  g_autofree char *found = NULL;
  g_autoptr(GFile) cache = treaties_search_index_default_file ();

  entries = update (index, both, TRUE);
  g_assert_cmpstr (treaties_library_entry_get_article_id (entries->pdata[0]), ==, "alpha");
  g_assert_cmpstr (treaties_library_entry_get_title (entries->pdata[1]), ==, "Beta");
  g_assert_true (g_file_query_exists (cache, NULL));

  found = articles_found (index, "zeppelin");
  g_assert_cmpstr (found, ==, "alpha");
  g_free (found);
  found = articles_found (index, "conference");
  g_assert_cmpstr (found, ==, "beta");
  g_free (found);

  /* Changed: the old words leave, the new ones come. */
  g_clear_object (&a);
  a = write_article (dir, "a.json", "alpha", "Alpha", "1925-10-16",
                     (const char *[]) { "s|S|A dirigible crossed the lake, and the conference met.", NULL });
  g_clear_pointer (&entries, g_ptr_array_unref);
  entries = update (index, both, TRUE);
  found = articles_found (index, "zeppelin");
  g_assert_cmpstr (found, ==, "");
  g_free (found);
  found = articles_found (index, "dirigible");
  g_assert_cmpstr (found, ==, "alpha");
  g_free (found);
  found = articles_found (index, "conference");
  g_assert_true (g_str_equal (found, "alpha beta") || g_str_equal (found, "beta alpha"));
  g_free (found);

  /* Gone from the list: gone from the index. */
  g_clear_pointer (&entries, g_ptr_array_unref);
  entries = update (index, only_b, TRUE);
  found = articles_found (index, "dirigible");
  g_assert_cmpstr (found, ==, "");
  g_free (found);
  found = articles_found (index, "conference");
  g_assert_cmpstr (found, ==, "beta");
  g_assert_cmpuint (treaties_search_index_get_n_rebuilds (index), ==, 0);
}

/* A file whose time and size are unchanged is not read again: its cached
 * entry stands even when its bytes (not its stamp) were swapped behind the
 * index's back. A real change of size is seen. */
static void
test_index_unchanged_not_reread (void)
{
  g_autoptr(GFile) dir = scratch_dir ("articles");
  g_autoptr(GFile) a = write_article (dir, "a.json", "alpha", "Alpha", "1925-10-16",
                                      (const char *[]) { "s|S|Locarno.", NULL });
  g_autoptr(TreatiesSearchIndex) index = cache_index ();
  g_autoptr(GPtrArray) files = files_of (a, NULL);
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  struct stat before;
  gsize length;

  entries = update (index, files, FALSE);
  g_assert_true (treaties_library_entry_is_valid (entries->pdata[0]));

  g_assert_cmpint (stat (g_file_peek_path (a), &before), ==, 0);
  g_file_load_contents (a, NULL, &contents, &length, NULL, &error);
  g_assert_no_error (error);
  memset (contents, 'x', length);
  g_file_replace_contents (a, contents, length, NULL, FALSE, G_FILE_CREATE_NONE, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (utimensat (AT_FDCWD, g_file_peek_path (a), (struct timespec[]) { before.st_atim, before.st_mtim }, 0),
                   ==, 0);

  g_clear_pointer (&entries, g_ptr_array_unref);
  entries = update (index, files, FALSE);
  g_assert_true (treaties_library_entry_is_valid (entries->pdata[0]));
  g_assert_cmpstr (treaties_library_entry_get_title (entries->pdata[0]), ==, "Alpha");

  g_file_replace_contents (a, "{", 1, NULL, FALSE, G_FILE_CREATE_NONE, NULL, NULL, &error);
  g_assert_no_error (error);
  g_clear_pointer (&entries, g_ptr_array_unref);
  entries = update (index, files, FALSE);
  g_assert_false (treaties_library_entry_is_valid (entries->pdata[0]));
  g_assert_cmpstr (treaties_library_entry_get_title (entries->pdata[0]), ==, "a.json");
}

static void
assert_finds (TreatiesSearchIndex *index,
              const char          *query,
              const char          *ids)
{
  g_autofree char *found = articles_found (index, query);

  if (g_strcmp0 (found, ids) != 0)
    g_error ("searching “%s” found “%s”, expected “%s”", query, found, ids);
}

static void
test_index_folding (void)
{
  g_autoptr(GFile) dir = scratch_dir ("articles");
  g_autoptr(GFile) fr = write_article (dir, "fr.json", "fr", "Le traité", "1931-10-29", french_sections);
  g_autoptr(GFile) ru = write_article (dir, "ru.json", "ru", "Договор", "1932-11-29", russian_sections);
  g_autoptr(TreatiesSearchIndex) index = treaties_search_index_new (NULL);
  g_autoptr(GPtrArray) files = files_of (fr, ru, NULL);
  g_autoptr(GPtrArray) entries = update (index, files, TRUE);

  g_assert_true (treaties_library_entry_is_valid (entries->pdata[1]));
  /* French: accents and case, either side. */
  assert_finds (index, "societe", "fr");
  assert_finds (index, "SOCIÉTÉ", "fr");
  assert_finds (index, "Societe des nations", "fr");
  assert_finds (index, "etat", "fr");
  assert_finds (index, "geneve", "fr");
  assert_finds (index, "GENÈVE", "fr");
  assert_finds (index, "lodz", "fr");
  assert_finds (index, "oeuvre", "fr");
  assert_finds (index, "premiere", "fr");
  /* A word finds the words it begins. */
  assert_finds (index, "ratif", "fr");
  assert_finds (index, "ратиф", "ru");
  assert_finds (index, "soc", "fr");
  /* Russian: case, and ё as е. */
  assert_finds (index, "ссср", "ru");
  assert_finds (index, "СССР", "ru");
  assert_finds (index, "франция", "ru");
  assert_finds (index, "ФРАНЦ", "ru");
  assert_finds (index, "еще", "ru");
  assert_finds (index, "ЕЩЁ", "ru");
  assert_finds (index, "договор", "ru");
  /* Every word must be there. */
  assert_finds (index, "societe ссср", "");
  assert_finds (index, "zeppelin", "");
}

/* Any text typed is words, never FTS5 syntax. */
static void
test_index_query_escaping (void)
{
  static const char *queries[] = {
    "\"", "\"\"", "'", "(", ")", "*", "-", "^", ":", "NEAR(", "NOT", "AND OR", "text:x", "{text}: x",
    "a\"b", "\"unterminated", "x*", "-x", "+", "\\", "%", "\x01", "  ", "", "'; DROP TABLE files; --",
  };
  g_autoptr(GFile) dir = scratch_dir ("articles");
  g_autoptr(GFile) fr = write_article (dir, "fr.json", "fr", "Le traité", "1931-10-29", french_sections);
  g_autoptr(TreatiesSearchIndex) index = treaties_search_index_new (NULL);
  g_autoptr(GPtrArray) files = files_of (fr, NULL);
  g_autoptr(GPtrArray) entries = update (index, files, TRUE);
  g_autofree char *match = NULL;

  g_assert_true (treaties_library_entry_is_valid (entries->pdata[0]));
  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      g_autoptr(GListModel) hits = treaties_search_index_search (index, queries[i], 0);
      g_assert_nonnull (hits);
    }

  match = treaties_search_index_build_match ("le \"traité\"  fut*");
  g_assert_cmpstr (match, ==, "\"le\"* \"\"\"traité\"\"\"* \"fut*\"*");
  g_assert_null (treaties_search_index_build_match (" - ( ) "));

  /* Quotes and operators typed around words still find the words. */
  assert_finds (index, "\"Société\"", "fr");
  assert_finds (index, "(traité)", "fr");
  assert_finds (index, "traité AND", "");   /* "and" is a word the text lacks */
  assert_finds (index, "NOT traité", "");
  assert_finds (index, "-", "");
  /* The table is still there. */
  assert_finds (index, "'; DROP TABLE files; --", "");
  assert_finds (index, "traité", "fr");
}

static void
test_index_hits (void)
{
  g_autoptr(GFile) dir = scratch_dir ("articles");
  g_autoptr(GFile) a = write_article (dir, "a.json", "alpha", "Alpha", "1925-10-16",
                                      (const char *[]) {
                                        "one|One|Nothing here.|The frontier was fixed.",
                                        "two|Two|- A list item.|- The frontier again, in a list.",
                                        NULL });
  g_autoptr(GFile) b = write_article (dir, "b.json", "beta", "Beta", "1922-04-16",
                                      (const char *[]) { "s|S|Frontier, frontier, frontier: the frontier.|No.|The frontier held.",
                                                         "t|T|A frontier post.", NULL });
  g_autoptr(TreatiesSearchIndex) index = treaties_search_index_new (NULL);
  g_autoptr(GPtrArray) files = files_of (a, b, NULL);
  g_autoptr(GPtrArray) entries = update (index, files, TRUE);
  g_autoptr(GListModel) hits = treaties_search_index_search (index, "frontier", 0);
  g_autoptr(GListModel) one = treaties_search_index_search (index, "frontier", 1);
  g_autoptr(TreatiesSearchHit) first = NULL;
  g_autoptr(TreatiesSearchHit) second = NULL;
  g_autoptr(TreatiesSearchHit) third = NULL;
  g_autofree char *marked = NULL;
  GArray *matches;

  g_assert_cmpuint (entries->len, ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (hits), ==, 5);
  g_assert_cmpuint (g_list_model_get_n_items (one), ==, 1);
  first = g_list_model_get_item (hits, 0);
  second = g_list_model_get_item (hits, 3);
  third = g_list_model_get_item (hits, 4);

  /* Beta says it in more passages: its article comes first, its hits in
   * reading order. */
  for (guint i = 1; i < 3; i++)
    {
      g_autoptr(TreatiesSearchHit) hit = g_list_model_get_item (hits, i);

      g_assert_cmpstr (treaties_search_hit_get_article_id (hit), ==, "beta");
      g_assert_cmpstr (treaties_search_hit_get_section_id (hit), ==, i == 1 ? "s" : "t");
      g_assert_cmpuint (treaties_search_hit_get_block (hit), ==, i == 1 ? 2 : 0);
    }
  {
    g_autoptr(TreatiesSearchHit) best = g_list_model_get_item (one, 0);
    g_assert_cmpstr (treaties_search_hit_get_article_id (best), ==, "beta");
    g_assert_cmpuint (treaties_search_hit_get_block (best), ==, 0);
  }
  g_assert_cmpstr (treaties_search_hit_get_article_id (first), ==, "beta");
  g_assert_cmpstr (treaties_search_hit_get_article_title (first), ==, "Beta");
  g_assert_true (g_file_equal (treaties_search_hit_get_file (first), b));
  matches = treaties_search_hit_get_matches (first);
  g_assert_cmpuint (matches->len, ==, 4);
  for (guint i = 0; i < matches->len; i++)
    {
      TreatiesSnippetMatch *m = &g_array_index (matches, TreatiesSnippetMatch, i);
      g_autofree char *word = g_strndup (treaties_search_hit_get_snippet (first) + m->start, m->end - m->start);
      g_autofree char *folded = g_utf8_casefold (word, -1);

      g_assert_cmpstr (folded, ==, "frontier");
    }
  marked = treaties_search_hit_dup_snippet_marked (first, "<b>", "</b>");
  g_assert_cmpstr (marked, ==, "<b>Frontier</b>, <b>frontier</b>, <b>frontier</b>: the <b>frontier</b>.");

  /* Then Alpha's, in reading order, with where each is. */
  g_assert_cmpstr (treaties_search_hit_get_article_id (second), ==, "alpha");
  g_assert_cmpstr (treaties_search_hit_get_section_id (second), ==, "one");
  g_assert_cmpstr (treaties_search_hit_get_section_title (second), ==, "One");
  g_assert_cmpuint (treaties_search_hit_get_block (second), ==, 1);
  g_assert_cmpuint (treaties_search_hit_get_item (second), ==, 0);
  g_assert_cmpstr (treaties_search_hit_get_article_id (third), ==, "alpha");
  g_assert_cmpstr (treaties_search_hit_get_section_id (third), ==, "two");
  g_assert_cmpuint (treaties_search_hit_get_block (third), ==, 0);
  g_assert_cmpuint (treaties_search_hit_get_item (third), ==, 1);
}

/* Garbage where the cache was: made again, and nothing is lost. */
static void
test_index_corrupt (void)
{
  g_autoptr(GFile) dir = scratch_dir ("articles");
  g_autoptr(GFile) a = write_article (dir, "a.json", "alpha", "Alpha", "1925-10-16",
                                      (const char *[]) { "s|S|Locarno.", NULL });
  g_autoptr(GFile) cache = treaties_search_index_default_file ();
  g_autoptr(GFile) cache_dir = g_file_get_parent (cache);
  g_autoptr(GPtrArray) files = files_of (a, NULL);
  g_autoptr(GError) error = NULL;
  char garbage[8192];

  for (guint i = 0; i < sizeof garbage; i++)
    garbage[i] = (char) (i * 7 + 3);

  for (guint round = 0; round < 2; round++)
    {
      g_autoptr(TreatiesSearchIndex) index = cache_index ();
      g_autoptr(GPtrArray) entries = NULL;

      /* Round 0: no database at all; round 1: one damaged after use. */
      g_file_make_directory_with_parents (cache_dir, NULL, NULL);
      if (round == 0)
        g_file_replace_contents (cache, garbage, sizeof garbage, NULL, FALSE, G_FILE_CREATE_NONE, NULL, NULL, &error);
      else
        {
          g_autoptr(GFileIOStream) stream = g_file_open_readwrite (cache, NULL, &error);
          g_assert_no_error (error);
          g_seekable_seek (G_SEEKABLE (stream), 0, G_SEEK_SET, NULL, &error);
          g_output_stream_write_all (g_io_stream_get_output_stream (G_IO_STREAM (stream)), garbage, 100,
                                     NULL, NULL, &error);
          g_io_stream_close (G_IO_STREAM (stream), NULL, NULL);
        }
      g_assert_no_error (error);

      entries = update (index, files, TRUE);
      g_assert_true (treaties_library_entry_is_valid (entries->pdata[0]));
      assert_finds (index, "locarno", "alpha");
      g_assert_cmpuint (treaties_search_index_get_n_rebuilds (index), ==, 1);
    }
}

/* Another connection holds the cache locked: the update goes on in a new
 * file, and the search finds what it should. */
static void
test_index_locked (void)
{
  g_autoptr(GFile) dir = scratch_dir ("articles");
  g_autoptr(GFile) a = write_article (dir, "a.json", "alpha", "Alpha", "1925-10-16",
                                      (const char *[]) { "s|S|Locarno.", NULL });
  g_autoptr(GFile) cache = treaties_search_index_default_file ();
  g_autoptr(GPtrArray) files = files_of (a, NULL);
  g_autoptr(TreatiesSearchIndex) first = cache_index ();
  g_autoptr(TreatiesSearchIndex) second = cache_index ();
  g_autoptr(GPtrArray) entries = update (first, files, TRUE);
  g_autoptr(GPtrArray) again = NULL;
  sqlite3 *db = NULL;

  g_assert_true (treaties_library_entry_is_valid (entries->pdata[0]));
  g_clear_object (&first);
  g_assert_cmpint (sqlite3_open (g_file_peek_path (cache), &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE;", NULL, NULL, NULL),
                   ==, SQLITE_OK);

  again = update (second, files, TRUE);
  g_assert_true (treaties_library_entry_is_valid (again->pdata[0]));
  assert_finds (second, "locarno", "alpha");
  g_assert_cmpuint (treaties_search_index_get_n_rebuilds (second), ==, 1);

  sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
  sqlite3_close (db);
}

/* From another version of the schema: made again. */
static void
test_index_stale (void)
{
  g_autoptr(GFile) dir = scratch_dir ("articles");
  g_autoptr(GFile) a = write_article (dir, "a.json", "alpha", "Alpha", "1925-10-16",
                                      (const char *[]) { "s|S|Locarno.", NULL });
  g_autoptr(GFile) cache = treaties_search_index_default_file ();
  g_autoptr(GFile) cache_dir = g_file_get_parent (cache);
  g_autoptr(GPtrArray) files = files_of (a, NULL);
  g_autoptr(TreatiesSearchIndex) index = cache_index ();
  g_autoptr(GPtrArray) entries = NULL;
  sqlite3 *db = NULL;

  g_file_make_directory_with_parents (cache_dir, NULL, NULL);
  g_assert_cmpint (sqlite3_open (g_file_peek_path (cache), &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE files (x); PRAGMA user_version = 999;", NULL, NULL, NULL),
                   ==, SQLITE_OK);
  sqlite3_close (db);

  entries = update (index, files, TRUE);
  assert_finds (index, "locarno", "alpha");
  g_assert_cmpuint (treaties_search_index_get_n_rebuilds (index), ==, 1);
}

/* Where the cache should be, something that is not a folder: the index
 * lives in memory, and works. */
static void
test_index_unwritable (void)
{
  g_autoptr(GFile) dir = scratch_dir ("articles");
  g_autoptr(GFile) a = write_article (dir, "a.json", "alpha", "Alpha", "1925-10-16",
                                      (const char *[]) { "s|S|Locarno.", NULL });
  g_autoptr(GFile) cache = treaties_search_index_default_file ();
  g_autoptr(GFile) cache_dir = g_file_get_parent (cache);
  g_autoptr(GFile) cache_home = g_file_get_parent (cache_dir);
  g_autoptr(GFile) blocker = NULL;
  g_autoptr(GPtrArray) files = files_of (a, NULL);
  g_autoptr(TreatiesSearchIndex) index = cache_index ();
  g_autoptr(GPtrArray) entries = NULL;

  g_file_make_directory_with_parents (cache_home, NULL, NULL);
  blocker = fixture_write (cache_home, "treaties", "a file, not a folder");

  entries = update (index, files, TRUE);
  g_assert_true (treaties_library_entry_is_valid (entries->pdata[0]));
  assert_finds (index, "locarno", "alpha");
  g_assert_false (g_file_query_exists (cache, NULL));
}

/* ------------------------------------------------------------------ */

typedef struct {
  gboolean done;
  gboolean saw_loading;
  double   last_progress;
  guint    n_progress;
} LoadState;

static void
load_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  LoadState *state = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (treaties_library_load_finish (TREATIES_LIBRARY (source), result, &error));
  g_assert_no_error (error);
  state->done = TRUE;
}

static void
progress_cb (TreatiesLibrary *library,
             GParamSpec      *pspec,
             LoadState       *state)
{
  double progress = treaties_library_get_progress (library);

  if (treaties_library_get_loading (library))
    state->saw_loading = TRUE;
  g_assert_cmpfloat (progress, >=, 0.0);
  g_assert_cmpfloat (progress, <=, 1.0);
  state->last_progress = progress;
  state->n_progress++;
}

static gboolean
deadline_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Iterates the main loop until @check(@data) holds, failing after
 * WAIT_LIMIT_S: no fixed sleep, only a bound. */
static void
wait_until (gboolean (*check) (gpointer),
            gpointer   data,
            const char *what)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (WAIT_LIMIT_S, deadline_cb, &timed_out);

  while (!check (data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (timed_out)
    g_error ("waited %d s for %s", WAIT_LIMIT_S, what);
  g_source_remove (id);
}

static gboolean
load_done (gpointer data)
{
  return ((LoadState *) data)->done;
}

static void
load (TreatiesLibrary *library)
{
  LoadState state = { 0, };
  gulong id = g_signal_connect (library, "notify::progress", G_CALLBACK (progress_cb), &state);

  treaties_library_load_async (library, NULL, load_done_cb, &state);
  g_assert_true (treaties_library_get_loading (library));
  wait_until (load_done, &state, "the library to load");
  g_assert_false (treaties_library_get_loading (library));
  g_assert_cmpfloat (treaties_library_get_progress (library), ==, 1.0);
  g_assert_cmpfloat (state.last_progress, ==, 1.0);
  g_signal_handler_disconnect (library, id);
}

static TreatiesLibraryEntry *
entry_at (TreatiesLibrary *library,
          guint            i)
{
  /* The list keeps a reference: a borrowed one is enough here. */
  TreatiesLibraryEntry *entry = g_list_model_get_item (G_LIST_MODEL (library), i);

  g_object_unref (entry);
  return entry;
}

static TreatiesLibrary *
test_library (GFile *shipped)
{
  static const char * const no_builtin[] = { NULL };

  return treaties_library_new_full (shipped, no_builtin, NULL, NULL);
}

static void
test_library_listing (void)
{
  g_autoptr(GFile) shipped = scratch_dir ("shipped");
  g_autoptr(GFile) elsewhere = scratch_dir ("elsewhere");
  g_autoptr(GFile) mine = g_file_new_build_filename (g_get_user_data_dir (), "treaties", "articles", NULL);
  g_autoptr(GFile) s1 = write_article (shipped, "versailles.treaty.json", "versailles", "Versailles", "1919-06-28",
                                      (const char *[]) { "s|S|The treaty was signed in the Hall of Mirrors. It was long.", NULL });
  g_autoptr(GFile) s2 = write_article (shipped, "locarno.json", "locarno", "Locarno", "1925-10-16",
                                      (const char *[]) { "s|S|- a list first|Mr. Chamberlain and J. Smith agreed at Locarno. Later more.", NULL });
  g_autoptr(GFile) ignored = fixture_write (shipped, "notes.txt", "not an article");
  g_autoptr(GFile) m1 = write_article (mine, "b-rapallo.treaty.json", "rapallo", "Rapallo", "1922-04-16",
                                      (const char *[]) { "s|S|Rapallo.", NULL });
  g_autoptr(GFile) m2 = write_article (mine, "a-rapallo-too.json", "rapallo-2", "Another Rapallo", "1922-04-16",
                                      (const char *[]) { "s|S|Rapallo again.", NULL });
  g_autoptr(GFile) m3 = fixture_write (mine, "broken.json", "{\"format\": 1, \"title\": 3}");
  g_autoptr(GFile) o1 = write_article (elsewhere, "munich.json", "munich", "Munich", NULL,
                                      (const char *[]) { "s|S|Munich.", NULL });
  g_autoptr(GFile) gone = g_file_get_child (elsewhere, "gone.json");
  g_autofree char *o1_uri = g_file_get_uri (o1);
  g_autofree char *gone_uri = g_file_get_uri (gone);
  g_autofree char *m1_uri = g_file_get_uri (m1);
  const char *opened[] = { o1_uri, gone_uri, m1_uri, NULL };
  g_autoptr(TreatiesLibrary) library = test_library (shipped);
  TreatiesLibraryEntry *e;

  treaties_library_set_opened (library, opened);
  load (library);

  /* By date, then title; the undated and the invalid last. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (library)), ==, 6);
  e = entry_at (library, 0);
  g_assert_cmpstr (treaties_library_entry_get_article_id (e), ==, "versailles");
  g_assert_cmpint (treaties_library_entry_get_origin (e), ==, TREATIES_LIBRARY_ORIGIN_SHIPPED);
  g_assert_cmpstr (treaties_library_entry_get_summary (e), ==, "The treaty was signed in the Hall of Mirrors.");
  g_assert_cmpstr (treaties_library_entry_get_author (e), ==, "A. Author");
  g_assert_cmpuint (treaties_library_entry_get_date (e), ==, treaties_day_from_ymd (1919, 6, 28));
  e = entry_at (library, 1);
  g_assert_cmpstr (treaties_library_entry_get_title (e), ==, "Another Rapallo");
  g_assert_cmpint (treaties_library_entry_get_origin (e), ==, TREATIES_LIBRARY_ORIGIN_FOLDER);
  e = entry_at (library, 2);
  g_assert_cmpstr (treaties_library_entry_get_title (e), ==, "Rapallo");
  /* Opened before, but in the folder: listed once, as the folder's. */
  g_assert_cmpint (treaties_library_entry_get_origin (e), ==, TREATIES_LIBRARY_ORIGIN_FOLDER);
  e = entry_at (library, 3);
  g_assert_cmpstr (treaties_library_entry_get_article_id (e), ==, "locarno");
  g_assert_cmpstr (treaties_library_entry_get_summary (e), ==, "Mr. Chamberlain and J. Smith agreed at Locarno.");
  e = entry_at (library, 4);
  g_assert_cmpstr (treaties_library_entry_get_article_id (e), ==, "munich");
  g_assert_cmpint (treaties_library_entry_get_origin (e), ==, TREATIES_LIBRARY_ORIGIN_OPENED);
  g_assert_cmpuint (treaties_library_entry_get_date (e), ==, TREATIES_DAY_INVALID);
  e = entry_at (library, 5);
  g_assert_false (treaties_library_entry_is_valid (e));
  g_assert_cmpstr (treaties_library_entry_get_title (e), ==, "broken.json");
  g_assert_null (treaties_library_entry_get_article_id (e));
  g_assert_nonnull (strstr (treaties_library_entry_get_problems (e), "broken.json: title: expected a string"));
  g_assert_nonnull (treaties_library_lookup (library, m3));
  g_assert_null (treaties_library_lookup (library, ignored));
  g_assert_true (entry_at (library, 0) == treaties_library_lookup (library, s1));
  g_assert_true (entry_at (library, 1) == treaties_library_lookup (library, m2));
  g_assert_true (entry_at (library, 3) == treaties_library_lookup (library, s2));

  /* Everything listed is searchable. */
  assert_finds (treaties_library_get_index (library), "mirrors", "versailles");
  assert_finds (treaties_library_get_index (library), "munich", "munich");
}

typedef struct {
  TreatiesLibrary *library;
  GFile           *file;
  gboolean         want_present;
  gboolean         want_valid;
} Presence;

static gboolean
presence_reached (gpointer data)
{
  Presence *p = data;
  TreatiesLibraryEntry *entry = treaties_library_lookup (p->library, p->file);

  if (!p->want_present)
    return entry == NULL;
  return entry != NULL && treaties_library_entry_is_valid (entry) == p->want_valid;
}

static void
wait_for (TreatiesLibrary *library,
          GFile           *file,
          gboolean         present,
          gboolean         valid,
          const char      *what)
{
  Presence p = { library, file, present, valid };

  wait_until (presence_reached, &p, what);
}

static void
count_changes_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  guint      *n)
{
  (*n)++;
}

static void
test_library_watch (void)
{
  g_autoptr(GFile) shipped = scratch_dir ("shipped");
  g_autoptr(TreatiesLibrary) library = test_library (shipped);
  GFile *mine = treaties_library_get_user_folder (library);
  g_autoptr(GFile) dropped = NULL;
  g_autoptr(GFile) bad = NULL;
  g_autoptr(GError) error = NULL;
  guint n_changes = 0;

  load (library);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (library)), ==, 0);
  g_assert_true (g_file_query_exists (mine, NULL));
  g_signal_connect (library, "items-changed", G_CALLBACK (count_changes_cb), &n_changes);

  /* Dropped in: appears, and is searchable. */
  dropped = write_article (mine, "dropped.treaty.json", "dropped", "Dropped", "1935-05-02",
                           (const char *[]) { "s|S|The zeppelin landed.", NULL });
  wait_for (library, dropped, TRUE, TRUE, "a dropped file to appear");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (library)), ==, 1);
  assert_finds (treaties_library_get_index (library), "zeppelin", "dropped");

  /* Something else than an article: stays, with its problems. */
  bad = fixture_write (mine, "bad.json", "{\"format\": 1,");
  wait_for (library, bad, TRUE, FALSE, "an invalid file to be listed");
  g_assert_nonnull (strstr (treaties_library_entry_get_problems (treaties_library_lookup (library, bad)), "bad.json:1:"));

  /* Made invalid: still listed, with its problems, and out of the search. */
  g_file_replace_contents (dropped, "[]", 2, NULL, FALSE, G_FILE_CREATE_NONE, NULL, NULL, &error);
  g_assert_no_error (error);
  wait_for (library, dropped, TRUE, FALSE, "a broken file to show its problems");
  assert_finds (treaties_library_get_index (library), "zeppelin", "");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (library)), ==, 2);

  /* Removed: goes. */
  g_file_delete (dropped, NULL, &error);
  g_assert_no_error (error);
  wait_for (library, dropped, FALSE, FALSE, "a removed file to go");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (library)), ==, 1);
  g_assert_cmpuint (n_changes, >, 0);
}

/* Once indexed, a new library lists from the cache, and a second load
 * finds the same. */
static void
test_library_reload (void)
{
  g_autoptr(GFile) shipped = scratch_dir ("shipped");
  g_autoptr(GFile) s1 = write_article (shipped, "v.json", "versailles", "Versailles", "1919-06-28",
                                      (const char *[]) { "s|S|Mirrors.", NULL });
  g_autoptr(TreatiesLibrary) first = test_library (shipped);
  g_autoptr(TreatiesLibrary) second = NULL;

  load (first);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (first)), ==, 1);
  g_assert_nonnull (treaties_library_lookup (first, s1));
  g_clear_object (&first);

  second = test_library (shipped);
  load (second);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (second)), ==, 1);
  g_assert_cmpstr (treaties_library_entry_get_title (entry_at (second, 0)), ==, "Versailles");
  load (second);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (second)), ==, 1);
  g_assert_cmpuint (treaties_search_index_get_n_rebuilds (treaties_library_get_index (second)), ==, 0);

  /* A second load asked for during the first is answered by a load that
   * started after it: it sees a file written in between. */
  {
    LoadState first_state = { 0, }, second_state = { 0, };
    g_autoptr(GFile) s2 = NULL;

    treaties_library_load_async (second, NULL, load_done_cb, &first_state);
    s2 = write_article (shipped, "w.json", "washington", "Washington", "1922-02-06",
                        (const char *[]) { "s|S|Naval.", NULL });
    treaties_library_load_async (second, NULL, load_done_cb, &second_state);
    wait_until (load_done, &second_state, "the second load");
    g_assert_true (first_state.done);
    g_assert_nonnull (treaties_library_lookup (second, s2));
  }
}

/* An article's own "summary" is its line in the library, not its first
 * sentence; a date its editor's note disputes is said to be so, also when
 * the entry comes back from the index. */
static void
test_library_editor_summary (void)
{
  g_autoptr(GFile) shipped = scratch_dir ("summary");
  g_autoptr(GFile) file =
    fixture_write (shipped, "s.treaty.json",
                   "{\"format\":1,\"id\":\"s\",\"title\":\"S\",\"summary\":\"In the editor’s words.\","
                   "\"date\":\"1931-10-29\",\"date_note\":\"a\","
                   "\"sections\":[{\"id\":\"a\",\"title\":\"A\",\"blocks\":["
                   "{\"type\":\"paragraph\",\"text\":\"The disputed first sentence. More.\"},"
                   "{\"type\":\"editor-note\",\"text\":\"The record gives another day.\"}]}]}");
  g_autoptr(GFile) plain =
    write_article (shipped, "p.treaty.json", "p", "P", "1925-10-16", (const char *[]) { "s|S|Plain.", NULL });
  g_autoptr(TreatiesLibrary) library = test_library (shipped);
  g_autoptr(TreatiesLibrary) again = NULL;

  load (library);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (library)), ==, 2);
  g_assert_cmpstr (treaties_library_entry_get_summary (treaties_library_lookup (library, file)), ==,
                   "In the editor’s words.");
  g_assert_true (treaties_library_entry_get_date_disputed (treaties_library_lookup (library, file)));
  g_assert_false (treaties_library_entry_get_date_disputed (treaties_library_lookup (library, plain)));
  g_clear_object (&library);

  again = test_library (shipped);
  load (again);
  g_assert_cmpuint (treaties_search_index_get_n_rebuilds (treaties_library_get_index (again)), ==, 0);
  g_assert_true (treaties_library_entry_get_date_disputed (treaties_library_lookup (again, file)));
  g_assert_false (treaties_library_entry_get_date_disputed (treaties_library_lookup (again, plain)));
}

static void
search_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  GListModel **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = treaties_search_index_search_finish (TREATIES_SEARCH_INDEX (source), result, &error);
  g_assert_no_error (error);
}

static gboolean
pointer_set (gpointer data)
{
  return *(gpointer *) data != NULL;
}

/* Off the main thread, for a UI that searches while the reader types. */
static void
test_index_search_async (void)
{
  g_autoptr(GFile) dir = scratch_dir ("articles");
  g_autoptr(GFile) fr = write_article (dir, "fr.json", "fr", "Le traité", "1931-10-29", french_sections);
  g_autoptr(TreatiesSearchIndex) index = treaties_search_index_new (NULL);
  g_autoptr(GPtrArray) files = files_of (fr, NULL);
  g_autoptr(GPtrArray) entries = update (index, files, TRUE);
  g_autoptr(GListModel) hits = NULL;
  g_autoptr(TreatiesSearchHit) hit = NULL;

  g_assert_true (treaties_library_entry_is_valid (entries->pdata[0]));
  treaties_search_index_search_async (index, "geneve", 10, NULL, search_done_cb, &hits);
  wait_until (pointer_set, &hits, "an asynchronous search");
  g_assert_cmpuint (g_list_model_get_n_items (hits), ==, 1);
  hit = g_list_model_get_item (hits, 0);
  g_assert_cmpstr (treaties_search_hit_get_section_id (hit), ==, "contexte");
}

static void
test_first_sentence (void)
{
  static const struct { const char *text, *want; } cases[] = {
    { "One. Two.", "One." },
    { "Mr. Eden and J. Smith met in Geneva. They talked.", "Mr. Eden and J. Smith met in Geneva." },
    { "It was 16 October 1925 (Friday). Then.", "It was 16 October 1925 (Friday)." },
    { "He said “no.” Then left.", "He said “no.”" },
    { "Why? Because.", "Why?" },
    { "  Spaced\n  out   text.  More.", "Spaced out text." },
    { "No full stop", "No full stop" },
    { "3.5 per cent fell. Then.", "3.5 per cent fell." },
    { "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *got = treaties_library_first_sentence (cases[i].text);
      g_assert_cmpstr (got, ==, cases[i].want);
    }

  {
    g_autoptr(GString) long_text = g_string_new (NULL);
    g_autofree char *got = NULL;

    for (guint i = 0; i < 100; i++)
      g_string_append (long_text, "word ");
    got = treaties_library_first_sentence (long_text->str);
    g_assert_true (g_str_has_suffix (got, "…"));
    g_assert_cmpuint (g_utf8_strlen (got, -1), <=, 210);
  }
}

/* What `treaties --search` prints can never act on a terminal. */
static void
test_cli_escape (void)
{
  static const struct { const char *text, *want; } cases[] = {
    { "plain Société СССР", "plain Société СССР" },
    { "a\nb\tc\rd", "a\\nb\\tc\\rd" },
    { "\033[31mred\033[0m", "\\u001B[31mred\\u001B[0m" },
    { "bell\007 del\177", "bell\\u0007 del\\u007F" },
    { "c1 \xc2\x9b csi", "c1 \\u009B csi" },
    { "\xe2\x80\xae rtl \xe2\x81\xa6 iso \xe2\x80\xa8 ls", "\\u202E rtl \\u2066 iso \\u2028 ls" },
    { "bad \xff\xc3 utf8", "bad \\xFF\\xC3 utf8" },
  };
  g_autoptr(GRand) rand = g_rand_new_with_seed (14);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *got = treaties_safe_text_escape (cases[i].text, FALSE);
      g_assert_cmpstr (got, ==, cases[i].want);
    }

  /* Random bytes: always valid UTF-8, never a control character. */
  for (guint i = 0; i < 2000; i++)
    {
      char bytes[64];
      g_autofree char *got = NULL;
      guint n = g_rand_int_range (rand, 1, sizeof bytes);

      for (guint j = 0; j < n - 1; j++)
        bytes[j] = (char) g_rand_int_range (rand, 1, 256);
      bytes[n - 1] = '\0';
      got = treaties_safe_text_escape (bytes, FALSE);
      g_assert_true (g_utf8_validate (got, -1, NULL));
      for (const char *p = got; *p != '\0'; p = g_utf8_next_char (p))
        {
          gunichar c = g_utf8_get_char (p);

          g_assert_false (g_unichar_iscntrl (c));
          g_assert_false (c >= 0x202a && c <= 0x202e);
          g_assert_false (c >= 0x2066 && c <= 0x2069);
        }
    }
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/library/index/add-update-remove", test_index_add_update_remove);
  g_test_add_func ("/library/index/unchanged-not-reread", test_index_unchanged_not_reread);
  g_test_add_func ("/library/index/folding", test_index_folding);
  g_test_add_func ("/library/index/query-escaping", test_index_query_escaping);
  g_test_add_func ("/library/index/hits", test_index_hits);
  g_test_add_func ("/library/index/corrupt", test_index_corrupt);
  g_test_add_func ("/library/index/locked", test_index_locked);
  g_test_add_func ("/library/index/stale", test_index_stale);
  g_test_add_func ("/library/index/unwritable", test_index_unwritable);
  g_test_add_func ("/library/index/search-async", test_index_search_async);
  g_test_add_func ("/library/listing", test_library_listing);
  g_test_add_func ("/library/watch", test_library_watch);
  g_test_add_func ("/library/reload", test_library_reload);
  g_test_add_func ("/library/editor-summary", test_library_editor_summary);
  g_test_add_func ("/library/first-sentence", test_first_sentence);
  g_test_add_func ("/library/cli-escape", test_cli_escape);

  return g_test_run ();
}
