/* treaties-cli-search.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <unistd.h>

#include <gio/gio.h>

#include "treaties-cli-search.h"
#include "treaties-library.h"
#include "treaties-search-hit.h"
#include "treaties-safe-text.h"
#include "treaties-search-index.h"

/* Bold on a terminal that takes it, brackets elsewhere (a file, a pipe). */
static gboolean
use_bold (void)
{
  const char *term = g_getenv ("TERM");

  return isatty (STDOUT_FILENO) && g_getenv ("NO_COLOR") == NULL && term != NULL && !g_str_equal (term, "dumb");
}

static void
load_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  gboolean *done = user_data;

  treaties_library_load_finish (TREATIES_LIBRARY (source), result, NULL);
  *done = TRUE;
}

/* The files opened before, when the app's settings can be read. */
static char **
opened_before (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettings) settings = NULL;

  if (source == NULL || (schema = g_settings_schema_source_lookup (source, APPLICATION_ID, TRUE)) == NULL ||
      !g_settings_schema_has_key (schema, "recent-articles"))
    return NULL;
  settings = g_settings_new_full (schema, NULL, NULL);
  return g_settings_get_strv (settings, "recent-articles");
}

static TreatiesSearchIndex *
index_library (void)
{
  g_autoptr(TreatiesLibrary) library = treaties_library_new ();
  g_auto(GStrv) opened = opened_before ();
  gboolean done = FALSE;

  treaties_library_set_opened (library, (const char * const *) opened);
  treaties_library_load_async (library, NULL, load_done_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  return g_object_ref (treaties_library_get_index (library));
}

static TreatiesSearchIndex *
index_files (const char * const *files,
             GHashTable         *names)
{
  g_autoptr(TreatiesSearchIndex) index = treaties_search_index_new (NULL);
  g_autoptr(GPtrArray) gfiles = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) entries = NULL;

  for (guint i = 0; files[i] != NULL; i++)
    {
      GFile *file = g_file_new_for_commandline_arg (files[i]);

      g_ptr_array_add (gfiles, file);
      g_hash_table_insert (names, g_file_get_uri (file), g_strdup (files[i]));
    }
  entries = treaties_search_index_update (index, gfiles, NULL, FALSE, NULL, NULL, NULL, NULL);
  for (guint i = 0; entries != NULL && i < entries->len; i++)
    {
      const char *problems = treaties_library_entry_get_problems (entries->pdata[i]);

      if (problems != NULL)
        {
          /* One problem a line, as --check prints them. */
          g_auto(GStrv) lines = g_strsplit (problems, "\n", -1);

          for (guint j = 0; lines[j] != NULL; j++)
            {
              g_autofree char *escaped = treaties_safe_text_escape (lines[j], FALSE);
              g_printerr ("%s\n", escaped);
            }
        }
    }
  return g_steal_pointer (&index);
}

static char *
file_name (GFile      *file,
           GHashTable *names)
{
  g_autofree char *uri = g_file_get_uri (file);
  const char *given = g_hash_table_lookup (names, uri);

  if (given != NULL)
    return g_strdup (given);
  if (g_file_peek_path (file) != NULL)
    return g_strdup (g_file_peek_path (file));
  return g_steal_pointer (&uri);
}

int
treaties_cli_search (const char         *query,
                     const char * const *files)
{
  g_autoptr(GHashTable) names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(TreatiesSearchIndex) index = NULL;
  g_autoptr(GListModel) hits = NULL;
  const char *open = "[", *close = "]";
  guint n;

  g_return_val_if_fail (query != NULL, 2);

  if (files != NULL && files[0] != NULL)
    index = index_files (files, names);
  else
    index = index_library ();

  if (use_bold ())
    {
      open = "\033[1m";
      close = "\033[22m";
    }

  hits = treaties_search_index_search (index, query, 0);
  n = g_list_model_get_n_items (hits);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TreatiesSearchHit) hit = g_list_model_get_item (hits, i);
      g_autofree char *name = file_name (treaties_search_hit_get_file (hit), names);
      g_autofree char *name_e = treaties_safe_text_escape (name, FALSE);
      g_autofree char *id_e = treaties_safe_text_escape (treaties_search_hit_get_article_id (hit), FALSE);
      g_autofree char *section_e = treaties_safe_text_escape (treaties_search_hit_get_section_id (hit), FALSE);
      const char *snippet = treaties_search_hit_get_snippet (hit);
      GArray *matches = treaties_search_hit_get_matches (hit);
      g_autoptr(GString) line = g_string_new (NULL);
      guint at = 0;

      /* Escaped piece by piece, so the markers stay live and nothing in
       * the text can end or fake them. */
      for (guint j = 0; j <= matches->len; j++)
        {
          TreatiesSnippetMatch *m = j < matches->len ? &g_array_index (matches, TreatiesSnippetMatch, j) : NULL;
          g_autofree char *before = g_strndup (snippet + at, (m != NULL ? m->start : strlen (snippet)) - at);
          g_autofree char *before_e = treaties_safe_text_escape (before, FALSE);

          g_string_append (line, before_e);
          if (m != NULL)
            {
              g_autofree char *word = g_strndup (snippet + m->start, m->end - m->start);
              g_autofree char *word_e = treaties_safe_text_escape (word, FALSE);

              g_string_append_printf (line, "%s%s%s", open, word_e, close);
              at = m->end;
            }
        }
      g_print ("%s: %s › %s: %s\n", name_e, id_e, section_e, line->str);
    }
  return n > 0 ? 0 : 1;
}
