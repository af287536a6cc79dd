/* fuzz-article.c: libFuzzer target for the article loader
 *
 * Feeds arbitrary bytes to treaties_article_new_from_bytes(), the code behind
 * opening a file and `treaties --check`, and walks whatever it returns. Built
 * with clang and -Dfuzzing=true (see tests/fuzz/meson.build); run by
 * build-aux/run-fuzz, and docs/testing.md says how to fuzz for longer.
 *
 * Besides crashes and sanitizer reports, these count as failures (abort):
 *  - a GLib warning or critical (a g_return_if_fail hit by hostile input);
 *  - a result that breaks the loader's contract: an article and an error, or
 *    neither; an error outside TREATIES_ARTICLE_ERROR, or whose message is not
 *    valid UTF-8 or holds more than TREATIES_MAX_PROBLEMS + 1 lines;
 *  - a model that does not agree with itself (lookups, sorting, counts).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "treaties-article.h"
#include "treaties-limits.h"

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static void
check (gboolean    condition,
       const char *what)
{
  if (!condition)
    g_error ("contract broken: %s", what);
}

static void
walk_runs (GPtrArray *runs)
{
  g_autofree char *plain = treaties_runs_to_plain (runs);

  check (plain != NULL && g_utf8_validate (plain, -1, NULL), "run text is valid UTF-8");
}

static void
walk_sections (TreatiesArticle *article)
{
  GListModel *outline = treaties_article_get_outline (article);
  GListModel *sections = treaties_article_get_sections (article);
  guint n = g_list_model_get_n_items (outline);

  check (n >= g_list_model_get_n_items (sections), "the outline holds every section");
  check (n <= TREATIES_MAX_SECTIONS, "the section limit holds");

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TreatiesSection) section = g_list_model_get_item (outline, i);
      g_autoptr(GPtrArray) events = NULL;
      GListModel *blocks = treaties_section_get_blocks (section);
      const char *id = treaties_section_get_id (section);

      check (treaties_article_lookup_section (article, id) == section, "sections are found by id");
      check (treaties_section_get_title (section) != NULL, "a section has a title");
      check (treaties_section_get_depth (section) <= 1, "subsections have no subsections");

      for (guint j = 0; j < g_list_model_get_n_items (blocks); j++)
        {
          g_autoptr(TreatiesBlock) block = g_list_model_get_item (blocks, j);
          g_autofree char *text = treaties_block_dup_text (block);

          check (text != NULL && g_utf8_validate (text, -1, NULL), "block text is valid UTF-8");
          for (guint k = 0; k < treaties_block_get_n_items (block); k++)
            walk_runs (treaties_block_get_item (block, k));
        }

      events = treaties_article_dup_events_for_section (article, id);
      check (events != NULL, "events for a section");
    }
}

/* Every passage lies in its item: runs and characters. */
static void
walk_passages (TreatiesArticle *article,
               TreatiesEvent   *event)
{
  GPtrArray *passages = treaties_article_get_passages (article, event);

  check (passages != NULL, "an event has passages, maybe none");
  for (guint i = 0; i < passages->len; i++)
    {
      const TreatiesPassage *p = g_ptr_array_index (passages, i);
      GListModel *blocks = treaties_section_get_blocks (p->section);
      g_autoptr(TreatiesBlock) block = NULL;
      g_autofree char *plain = NULL;
      GPtrArray *runs;

      check (treaties_article_lookup_section (article, treaties_section_get_id (p->section)) == p->section,
             "a passage is in a section of the article");
      if (!p->marked)
        continue;
      check (p->block < g_list_model_get_n_items (blocks), "a passage's block exists");
      block = g_list_model_get_item (blocks, p->block);
      check (p->item < treaties_block_get_n_items (block), "a passage's item exists");
      runs = treaties_block_get_item (block, p->item);
      check (p->run_start < p->run_end && p->run_end <= runs->len, "a passage's runs exist");
      plain = treaties_runs_to_plain (runs);
      check (p->start <= p->end && p->end <= (guint) g_utf8_strlen (plain, -1), "a passage's words are in its item");
      for (guint r = p->run_start; r < p->run_end; r++)
        check (g_strcmp0 (((const TreatiesRun *) g_ptr_array_index (runs, r))->event_id,
                          treaties_event_get_id (event)) == 0, "a passage's runs mark its event");
    }
}

static void
walk_timeline (TreatiesArticle *article)
{
  GListModel *events = treaties_article_get_events (article);
  GListModel *eras = treaties_article_get_eras (article);
  TreatiesDay start = treaties_article_get_timeline_start (article);
  TreatiesDay end = treaties_article_get_timeline_end (article);
  TreatiesDay previous = start;

  for (guint i = 0; i < g_list_model_get_n_items (events); i++)
    {
      g_autoptr(TreatiesEvent) event = g_list_model_get_item (events, i);
      TreatiesDay date = treaties_event_get_date (event);
      const char * const *ids = treaties_event_get_section_ids (event);

      check (date >= previous && date <= end, "events are sorted and within the range");
      previous = date;
      check (treaties_article_lookup_event (article, treaties_event_get_id (event)) == event,
             "events are found by id");
      for (guint j = 0; ids != NULL && ids[j] != NULL; j++)
        check (treaties_article_lookup_section (article, ids[j]) != NULL, "event sections exist");
      walk_passages (article, event);
    }

  for (guint i = 0; i < g_list_model_get_n_items (eras); i++)
    {
      g_autoptr(TreatiesEra) era = g_list_model_get_item (eras, i);

      check (treaties_era_get_start (era) >= start && treaties_era_get_end (era) <= end,
             "eras lie within the range");
    }
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  /* GLib 2.74 still has its slice allocator, which would hide leaks and
   * use-after-free from AddressSanitizer; read on first use, so in time. */
  setenv ("G_SLICE", "always-malloc", 1);
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(TreatiesArticle) article = NULL;

  article = treaties_article_new_from_bytes (bytes, "fuzz.json", &error);

  if (article == NULL)
    {
      g_auto(GStrv) lines = NULL;

      check (error != NULL, "a failure sets an error");
      check (error->domain == TREATIES_ARTICLE_ERROR, "the error is an article error");
      check (error->code >= TREATIES_ARTICLE_ERROR_IO && error->code <= TREATIES_ARTICLE_ERROR_REFERENCE,
             "the error code is known");
      check (g_utf8_validate (error->message, -1, NULL), "the message is valid UTF-8");
      lines = g_strsplit (error->message, "\n", -1);
      check (g_strv_length (lines) <= TREATIES_MAX_PROBLEMS + 1, "at most 50 problems, and a count");
      return 0;
    }

  check (error == NULL, "a success sets no error");
  check (treaties_article_get_id (article) != NULL, "an article has an id");
  check (treaties_article_get_title (article) != NULL, "an article has a title");
  g_free (treaties_article_dup_date_line (article));
  g_free (treaties_article_dup_subtitle (article));
  g_strfreev (treaties_article_dup_warnings (article));
  walk_sections (article);
  walk_timeline (article);

  /* Whatever it made, it gives back. */
  g_assert_finalize_object (g_steal_pointer (&article));
  return 0;
}
