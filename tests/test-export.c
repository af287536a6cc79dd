/* test-export.c: page layout and PDF export, read back with poppler
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <locale.h>
#include <math.h>
#include <string.h>

#include <cairo.h>
#include <glib/gstdio.h>
#include <poppler.h>

#include "article-generator.h"
#include "export-fixtures.h"
#include "treaties-cli.h"
#include "treaties-hyphenator.h"
#include "treaties-page-renderer.h"
#include "treaties-pdf-exporter.h"
#include "test-files.h"
#include "treaties-timeline-figure.h"
#include <pango/pangocairo.h>

/* poppler-glib 22 has no autoptr cleanups of its own; local names avoid a
 * clash with a later version that does. */
typedef PopplerDocument PdfDoc;
typedef PopplerPage PdfPage;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdfDoc, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdfPage, g_object_unref)

#define A4_WIDTH  (210 * 72 / 25.4)
#define A4_HEIGHT (297 * 72 / 25.4)

typedef struct {
  char     *title;
  guint     depth;
  int       page;      /* from 0 */
  char     *dest;      /* named destination, or NULL */
} OutlineEntry;

static void
outline_entry_free (gpointer data)
{
  OutlineEntry *e = data;

  g_free (e->title);
  g_free (e->dest);
  g_free (e);
}

static char *
export_to_temp (TreatiesArticle *article,
                char           **out_dir)
{
  g_autoptr(GError) error = NULL;
  char *dir = test_make_temp_dir ("treaties-export-XXXXXX");
  char *path = g_build_filename (dir, "out.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  treaties_pdf_export (article, file, NULL, &error);
  g_assert_no_error (error);
  *out_dir = dir;
  return path;
}

static PopplerDocument *
open_pdf (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  PopplerDocument *doc = poppler_document_new_from_gfile (file, NULL, NULL, &error);

  g_assert_no_error (error);
  return doc;
}

static char *
page_text (PopplerDocument *doc,
           int              index)
{
  g_autoptr(PdfPage) page = poppler_document_get_page (doc, index);
  g_autofree char *text = poppler_page_get_text (page);

  return fixture_normalize (text);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static void
collect_outline (PopplerDocument  *doc,
                 PopplerIndexIter *iter,
                 guint             depth,
                 GPtrArray        *out)
{
  do
    {
      PopplerAction *action = poppler_index_iter_get_action (iter);
      PopplerIndexIter *child;
      OutlineEntry *e = g_new0 (OutlineEntry, 1);

      e->title = g_strdup (action->any.title);
      e->depth = depth;
      e->page = -1;
      if (action->type == POPPLER_ACTION_GOTO_DEST)
        {
          PopplerDest *dest = action->goto_dest.dest;

          if (dest->type == POPPLER_DEST_NAMED)
            {
              PopplerDest *found = poppler_document_find_dest (doc, dest->named_dest);

              e->dest = g_strdup (dest->named_dest);
              if (found != NULL)
                e->page = found->page_num - 1;
              poppler_dest_free (found);
            }
          else
            e->page = dest->page_num - 1;
        }
      g_ptr_array_add (out, e);
      poppler_action_free (action);

      child = poppler_index_iter_get_child (iter);
      if (child != NULL)
        {
          collect_outline (doc, child, depth + 1, out);
          poppler_index_iter_free (child);
        }
    }
  while (poppler_index_iter_next (iter));
}

/* Every link the PDF should have: the runs' and, in the chronology, the
 * events' sources. */
static void
collect_hrefs (TreatiesArticle *article,
               GHashTable      *hrefs)
{
  GListModel *outline = treaties_article_get_outline (article);
  GListModel *events = treaties_article_get_events (article);

  for (guint i = 0; i < g_list_model_get_n_items (events); i++)
    {
      g_autoptr(TreatiesEvent) event = g_list_model_get_item (events, i);

      if (treaties_event_get_href (event) != NULL)
        g_hash_table_add (hrefs, treaties_page_renderer_escape_uri (treaties_event_get_href (event)));
    }

  for (guint i = 0; i < g_list_model_get_n_items (outline); i++)
    {
      g_autoptr(TreatiesSection) section = g_list_model_get_item (outline, i);
      GListModel *blocks = treaties_section_get_blocks (section);

      for (guint j = 0; j < g_list_model_get_n_items (blocks); j++)
        {
          g_autoptr(TreatiesBlock) block = g_list_model_get_item (blocks, j);

          for (guint k = 0; k < treaties_block_get_n_items (block); k++)
            {
              GPtrArray *runs = treaties_block_get_item (block, k);

              for (guint r = 0; r < runs->len; r++)
                {
                  const TreatiesRun *run = g_ptr_array_index (runs, r);

                  if (run->href != NULL)
                    g_hash_table_add (hrefs, treaties_page_renderer_escape_uri (run->href));
                }
            }
        }
    }
}

/* --- the shipped article ------------------------------------------------- */

static void
test_seed_pages (void)
{
  g_autoptr(TreatiesArticle) article = fixture_load_shipped ();
  g_autoptr(TreatiesPageRenderer) renderer = treaties_page_renderer_new (article);
  g_autoptr(PdfDoc) doc = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = export_to_temp (article, &dir);
  int n_pages;

  treaties_page_renderer_paginate (renderer);
  doc = open_pdf (path);
  n_pages = poppler_document_get_n_pages (doc);
  g_assert_cmpint (n_pages, ==, (int) treaties_page_renderer_get_n_pages (renderer));
  /* the text, then the timeline on a page of its own */
  g_assert_cmpint (n_pages, >=, 2);

  for (int i = 0; i < n_pages; i++)
    {
      g_autoptr(PdfPage) page = poppler_document_get_page (doc, i);
      double width, height;

      poppler_page_get_size (page, &width, &height);
      g_assert_cmpfloat_with_epsilon (width, A4_WIDTH, 0.5);
      g_assert_cmpfloat_with_epsilon (height, A4_HEIGHT, 0.5);
    }

  test_remove_temp_dir (dir);
}

static void
test_seed_metadata (void)
{
  g_autoptr(TreatiesArticle) article = fixture_load_shipped ();
  g_autoptr(PdfDoc) doc = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = export_to_temp (article, &dir);
  g_autofree char *title = NULL;
  g_autofree char *creator = NULL;
  g_autofree char *subject = NULL;

  doc = open_pdf (path);
  title = poppler_document_get_title (doc);
  creator = poppler_document_get_creator (doc);
  subject = poppler_document_get_subject (doc);
  g_assert_cmpstr (title, ==, treaties_article_get_title (article));
  g_assert_cmpstr (creator, ==, "Treaties");
  g_assert_nonnull (subject);
  g_assert_nonnull (strstr (subject, "1931"));
  g_assert_cmpint (poppler_document_get_creation_date (doc), >, 0);

  test_remove_temp_dir (dir);
}

/* Every heading, in reading order; every sentence of the text, in reading
 * order, once the running heads and page numbers are set aside. */
static void
test_seed_text (void)
{
  g_autoptr(TreatiesArticle) article = fixture_load_shipped ();
  g_autoptr(PdfDoc) doc = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = export_to_temp (article, &dir);
  g_autoptr(GString) all = g_string_new (NULL);
  g_autofree char *running_head = fixture_normalize (treaties_article_get_title (article));
  GListModel *outline = treaties_article_get_outline (article);
  const char *cursor;

  doc = open_pdf (path);
  for (int i = 0; i < poppler_document_get_n_pages (doc); i++)
    {
      g_autoptr(PdfPage) page = poppler_document_get_page (doc, i);
      g_autofree char *text = poppler_page_get_text (page);
      g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
      g_autofree char *folio = g_strdup_printf ("%d/%d", i + 1, poppler_document_get_n_pages (doc));

      for (guint l = 0; lines[l] != NULL; l++)
        {
          g_autofree char *line = fixture_normalize (lines[l]);
          g_autoptr(GString) squeezed = g_string_new (line);

          g_string_replace (squeezed, " ", "", 0);
          if (i > 0 && l == 0 && g_str_equal (line, running_head))
            continue;
          if (g_str_equal (squeezed->str, folio))
            continue;
          g_string_append (all, lines[l]);
          g_string_append_c (all, '\n');
        }
    }

  {
    g_autoptr(GString) joined = g_string_new (all->str);
    g_autofree char *text = NULL;

    /* poppler joins a line that ends in a hyphen to the next without it */
    g_string_replace (joined, "-\n", "", 0);
    g_string_replace (joined, "-", "", 0);
    text = fixture_normalize (joined->str);
    cursor = text;
    g_assert_nonnull (strstr (cursor, treaties_article_get_title (article)));
    for (guint i = 0; i < g_list_model_get_n_items (outline); i++)
      {
        g_autoptr(TreatiesSection) section = g_list_model_get_item (outline, i);
        GListModel *blocks = treaties_section_get_blocks (section);
        g_autoptr(GString) title = g_string_new (treaties_section_get_title (section));
        g_autofree char *heading = NULL;
        const char *found;

        g_string_replace (title, "-", "", 0);
        heading = fixture_normalize (title->str);
        found = strstr (cursor, heading);

        if (found == NULL)
          g_error ("heading “%s” not found after: …%.80s", heading, cursor);
        cursor = found + strlen (heading);

        for (guint j = 0; j < g_list_model_get_n_items (blocks); j++)
          {
            g_autoptr(TreatiesBlock) block = g_list_model_get_item (blocks, j);

            for (guint k = 0; k < treaties_block_get_n_items (block); k++)
              {
                g_autofree char *plain = treaties_runs_to_plain (treaties_block_get_item (block, k));
                g_autoptr(GString) unhyphenated = g_string_new (plain);
                g_autofree char *item = NULL;

                g_string_replace (unhyphenated, "-", "", 0);
                item = fixture_normalize (unhyphenated->str);

                found = strstr (cursor, item);
                if (found == NULL)
                  g_error ("text “%.60s…” not found in order after: …%.80s", item, cursor);
                cursor = found + strlen (item);
              }
          }
      }
  }

  test_remove_temp_dir (dir);
}

/* One outline entry per section and subsection, nested, titled as the
 * sections and pointing at the pages where their headings are; and a named
 * destination per section on the same page. */
static void
test_seed_outline (void)
{
  g_autoptr(TreatiesArticle) article = fixture_load_shipped ();
  g_autoptr(PdfDoc) doc = NULL;
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func (outline_entry_free);
  g_autofree char *dir = NULL;
  g_autofree char *path = export_to_temp (article, &dir);
  GListModel *outline = treaties_article_get_outline (article);
  PopplerIndexIter *iter;

  doc = open_pdf (path);
  iter = poppler_index_iter_new (doc);
  g_assert_nonnull (iter);
  collect_outline (doc, iter, 0, entries);
  poppler_index_iter_free (iter);

  /* the title, its sections, then the timeline */
  g_assert_cmpuint (entries->len, ==, g_list_model_get_n_items (outline) + 2);
  g_assert_cmpstr (((OutlineEntry *) g_ptr_array_index (entries, 0))->title, ==, treaties_article_get_title (article));
  g_assert_cmpuint (((OutlineEntry *) g_ptr_array_index (entries, 0))->depth, ==, 0);
  g_assert_true (g_str_has_prefix (((OutlineEntry *) g_ptr_array_index (entries, entries->len - 1))->title, "Timeline"));
  g_assert_cmpuint (((OutlineEntry *) g_ptr_array_index (entries, entries->len - 1))->depth, ==, 1);
  for (guint i = 0; i + 2 < entries->len; i++)
    {
      g_autoptr(TreatiesSection) section = g_list_model_get_item (outline, i);
      const OutlineEntry *e = g_ptr_array_index (entries, i + 1);
      g_autofree char *heading = fixture_normalize (treaties_section_get_title (section));
      g_autofree char *text = NULL;
      PopplerDest *dest;

      g_assert_cmpstr (e->title, ==, treaties_section_get_title (section));
      g_assert_cmpuint (e->depth, ==, treaties_section_get_depth (section) + 1);
      g_assert_cmpint (e->page, >=, 0);
      text = page_text (doc, e->page);
      if (strstr (text, heading) == NULL)
        g_error ("outline entry “%s” points at page %d, which does not hold its heading",
                 e->title, e->page + 1);

      dest = poppler_document_find_dest (doc, treaties_section_get_id (section));
      g_assert_nonnull (dest);
      g_assert_cmpint (dest->page_num - 1, ==, e->page);
      poppler_dest_free (dest);
    }

  test_remove_temp_dir (dir);
}

static void
test_seed_links (void)
{
  g_autoptr(TreatiesArticle) article = fixture_load_shipped ();
  g_autoptr(PdfDoc) doc = NULL;
  g_autoptr(GHashTable) expected = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) found = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *dir = NULL;
  g_autofree char *path = export_to_temp (article, &dir);
  GHashTableIter iter;
  gpointer key;

  collect_hrefs (article, expected);
  g_assert_cmpuint (g_hash_table_size (expected), >, 0);

  doc = open_pdf (path);
  for (int i = 0; i < poppler_document_get_n_pages (doc); i++)
    {
      g_autoptr(PdfPage) page = poppler_document_get_page (doc, i);
      GList *mapping = poppler_page_get_link_mapping (page);

      for (GList *l = mapping; l != NULL; l = l->next)
        {
          PopplerLinkMapping *m = l->data;

          g_assert_cmpint (m->action->type, ==, POPPLER_ACTION_URI);
          g_assert_cmpfloat (m->area.x2 - m->area.x1, >, 1);
          g_assert_cmpfloat (m->area.y2 - m->area.y1, >, 1);
          g_hash_table_add (found, g_strdup (m->action->uri.uri));
        }
      poppler_page_free_link_mapping (mapping);
    }

  g_hash_table_iter_init (&iter, expected);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!g_hash_table_contains (found, key))
      g_error ("no link annotation for %s", (const char *) key);
  g_assert_cmpuint (g_hash_table_size (found), ==, g_hash_table_size (expected));

  test_remove_temp_dir (dir);
}

/* In the chronology after the timeline, each event's title links to its
 * source: one link per event that has one, to its address, on the
 * chronology's pages, and no other link there (generated articles). */
static void
test_chronology_links (void)
{
  guint n_checked = 0;

  for (guint32 seed = 1; seed <= 12; seed++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) bytes = treaties_test_generate_article_bytes (seed, &error);
      g_autoptr(TreatiesArticle) article = NULL;
      g_autoptr(TreatiesPageRenderer) renderer = NULL;
      g_autoptr(PdfDoc) doc = NULL;
      g_autoptr(GPtrArray) expected = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_free);
      g_autofree char *dir = NULL;
      g_autofree char *path = NULL;
      GListModel *events;
      guint timeline_page;

      g_assert_no_error (error);
      article = treaties_article_new_from_bytes (bytes, "generated.json", &error);
      g_assert_no_error (error);
      events = treaties_article_get_events (article);
      for (guint i = 0; i < g_list_model_get_n_items (events); i++)
        {
          g_autoptr(TreatiesEvent) event = g_list_model_get_item (events, i);

          if (treaties_event_get_href (event) != NULL)
            g_ptr_array_add (expected, treaties_page_renderer_escape_uri (treaties_event_get_href (event)));
        }
      if (expected->len == 0)
        continue;

      renderer = treaties_page_renderer_new (article);
      treaties_page_renderer_paginate (renderer);
      g_assert_true (treaties_page_renderer_get_timeline_position (renderer, &timeline_page, NULL));

      path = export_to_temp (article, &dir);
      doc = open_pdf (path);
      g_assert_cmpint (poppler_document_get_n_pages (doc), ==, treaties_page_renderer_get_n_pages (renderer));
      for (int i = (int) timeline_page; i < poppler_document_get_n_pages (doc); i++)
        {
          g_autoptr(PdfPage) page = poppler_document_get_page (doc, i);
          GList *mapping = poppler_page_get_link_mapping (page);

          for (GList *l = mapping; l != NULL; l = l->next)
            {
              PopplerLinkMapping *m = l->data;

              g_assert_cmpint (m->action->type, ==, POPPLER_ACTION_URI);
              g_assert_cmpfloat (m->area.x2 - m->area.x1, >, 1);
              g_ptr_array_add (found, g_strdup (m->action->uri.uri));
            }
          poppler_page_free_link_mapping (mapping);
        }

      g_ptr_array_sort (expected, compare_strings);
      g_ptr_array_sort (found, compare_strings);
      g_assert_cmpuint (found->len, ==, expected->len);
      for (guint i = 0; i < found->len; i++)
        g_assert_cmpstr (g_ptr_array_index (found, i), ==, g_ptr_array_index (expected, i));
      n_checked += expected->len;
      test_remove_temp_dir (dir);
    }
  g_assert_cmpuint (n_checked, >, 0);
}

/* --- layout -------------------------------------------------------------- */

static void
test_paper (void)
{
  static const char * const letter_locales[] = { "en_US.UTF-8", "en_US.utf8", "en_CA.UTF-8", "es_MX.UTF-8" };
  double w, h;

  /* The tests run in the C locale, whose paper is A4. */
  g_assert_cmpint (treaties_paper_get_default (), ==, TREATIES_PAPER_A4);
  treaties_paper_get_size (TREATIES_PAPER_A4, &w, &h);
  g_assert_cmpfloat_with_epsilon (w, A4_WIDTH, 0.01);
  g_assert_cmpfloat_with_epsilon (h, A4_HEIGHT, 0.01);
  treaties_paper_get_size (TREATIES_PAPER_LETTER, &w, &h);
  g_assert_cmpfloat (w, ==, 612);
  g_assert_cmpfloat (h, ==, 792);

  /* Where a Letter locale is installed, its paper is Letter. */
  for (guint i = 0; i < G_N_ELEMENTS (letter_locales); i++)
    if (setlocale (LC_PAPER, letter_locales[i]) != NULL)
      {
        g_test_message ("LC_PAPER=%s", letter_locales[i]);
        g_assert_cmpint (treaties_paper_get_default (), ==, TREATIES_PAPER_LETTER);
        setlocale (LC_PAPER, "C");
        g_assert_cmpint (treaties_paper_get_default (), ==, TREATIES_PAPER_A4);
        return;
      }
  g_test_message ("no Letter locale installed: only A4 checked");
}

/* Letter paper, drawn on a surface that is not PDF (as a printer's may
 * be): the tags are ignored and nothing goes wrong. */
static void
test_render_letter_image (void)
{
  g_autoptr(TreatiesArticle) article = fixture_load_shipped ();
  g_autoptr(TreatiesPageRenderer) renderer = treaties_page_renderer_new (article);
  guint page;
  double y;

  treaties_page_renderer_set_page_size (renderer, 612, 792);
  treaties_page_renderer_paginate (renderer);
  g_assert_cmpuint (treaties_page_renderer_get_n_pages (renderer), >=, 2);
  g_assert_true (treaties_page_renderer_get_section_position (renderer, "introduction", &page, &y));
  g_assert_cmpuint (page, ==, 0);
  g_assert_cmpfloat (y, >, 0);
  g_assert_cmpfloat (y, <, 792);
  g_assert_false (treaties_page_renderer_get_section_position (renderer, "no-such-section", NULL, NULL));

  /* small landscape paper (A6) works too, with more pages */
  {
    g_autoptr(TreatiesPageRenderer) small = treaties_page_renderer_new (article);

    treaties_page_renderer_set_page_size (small, 420, 298);
    treaties_page_renderer_paginate (small);
    g_assert_cmpuint (treaties_page_renderer_get_n_pages (small), >, treaties_page_renderer_get_n_pages (renderer));
  }

  for (guint i = 0; i < treaties_page_renderer_get_n_pages (renderer); i++)
    {
      cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 306, 396);
      cairo_t *cr = cairo_create (surface);

      cairo_scale (cr, 0.5, 0.5);
      treaties_page_renderer_draw_page (renderer, cr, i);
      g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
      cairo_destroy (cr);
      cairo_surface_destroy (surface);
    }
}

/* On a long article with many page breaks: no page ends with a heading,
 * and no outline entry points at the wrong page. */
static void
test_long_keep_with_next (void)
{
  g_autoptr(TreatiesArticle) article = fixture_make_long_article (12);
  g_autoptr(PdfDoc) doc = NULL;
  g_autoptr(GHashTable) headings = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *dir = NULL;
  g_autofree char *path = export_to_temp (article, &dir);
  GListModel *outline = treaties_article_get_outline (article);
  int n_pages;

  for (guint i = 0; i < g_list_model_get_n_items (outline); i++)
    {
      g_autoptr(TreatiesSection) section = g_list_model_get_item (outline, i);
      g_hash_table_add (headings, fixture_normalize (treaties_section_get_title (section)));
    }

  doc = open_pdf (path);
  n_pages = poppler_document_get_n_pages (doc);
  g_assert_cmpint (n_pages, >, 10);
  for (int i = 0; i < n_pages; i++)
    {
      g_autoptr(PdfPage) page = poppler_document_get_page (doc, i);
      g_autofree char *text = poppler_page_get_text (page);
      g_auto(GStrv) lines = g_strsplit (g_strstrip (text), "\n", -1);
      guint n = g_strv_length (lines);
      g_autofree char *last = NULL;

      /* the last line is the page number; the one before, the text's last */
      g_assert_cmpuint (n, >=, 2);
      last = fixture_normalize (lines[n - 2]);
      if (g_hash_table_contains (headings, last))
        g_error ("page %d ends with the heading “%s”", i + 1, last);
    }

  test_remove_temp_dir (dir);
}

/* One paragraph of 400,000 characters, of words or of one word: Pango 1.50
 * set such a paragraph on one line, far past the page's edge, after
 * seconds of work (issue 16). Now every page is full of text, and no ink
 * reaches past the measure. */
#define LONG_PARAGRAPH_CHARS 400000

static void
test_long_paragraphs (void)
{
  for (guint word = 0; word < 2; word++)
    {
      g_autoptr(TreatiesArticle) article = word ? fixture_make_word_article (LONG_PARAGRAPH_CHARS)
                                                : fixture_make_prose_article (LONG_PARAGRAPH_CHARS, G_MAXUINT);
      g_autoptr(TreatiesPageRenderer) renderer = treaties_page_renderer_new (article);
      double left = (A4_WIDTH - 425) / 2, right = (A4_WIDTH + 425) / 2;
      guint n_pages;

      treaties_page_renderer_set_page_size (renderer, A4_WIDTH, A4_HEIGHT);
      treaties_page_renderer_paginate (renderer);
      n_pages = treaties_page_renderer_get_n_pages (renderer);
      g_test_message ("%s of %u characters: %u pages", word ? "a word" : "a paragraph",
                      LONG_PARAGRAPH_CHARS, n_pages);
      /* A page holds 45 lines of 10.5 pt type, under 100 characters each. */
      g_assert_cmpuint (n_pages, >=, LONG_PARAGRAPH_CHARS / (45 * 100));

      for (guint i = 0; i < n_pages; i++)
        {
          cairo_surface_t *surface = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
          cairo_t *cr = cairo_create (surface);
          double x, y, width, height;

          treaties_page_renderer_draw_page (renderer, cr, i);
          g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
          cairo_recording_surface_ink_extents (surface, &x, &y, &width, &height);
          if (x < left - 1 || x + width > right + 1)
            g_error ("page %u of %u: ink from %.1f to %.1f pt, outside the measure (%.1f to %.1f)",
                     i + 1, n_pages, x, x + width, left, right);
          if (i + 1 < n_pages)
            g_assert_cmpfloat (height, >, A4_HEIGHT / 2);
          cairo_destroy (cr);
          cairo_surface_destroy (surface);
        }
    }
}

/* Article text is text: markup characters come out as they are. */
static void
test_text_is_not_markup (void)
{
  static const char json[] =
    "{ \"format\": 1, \"id\": \"markup\", \"title\": \"<b>Bold</b> & co\", \"language\": \"en\","
    "  \"sections\": [ { \"id\": \"s\", \"title\": \"<i>x</i>\", \"blocks\": ["
    "    { \"type\": \"paragraph\", \"text\": \"Tags <span weight='bold'>stay</span> &amp; entities too.\" } ] } ] }";
  g_autoptr(GBytes) bytes = g_bytes_new_static (json, sizeof json - 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(TreatiesArticle) article = treaties_article_new_from_bytes (bytes, "markup.json", &error);
  g_autoptr(PdfDoc) doc = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  g_autofree char *title = NULL;

  g_assert_no_error (error);
  path = export_to_temp (article, &dir);
  doc = open_pdf (path);
  g_assert_cmpint (poppler_document_get_n_pages (doc), ==, 1);
  text = page_text (doc, 0);
  g_assert_nonnull (strstr (text, "<b>Bold</b> & co"));
  g_assert_nonnull (strstr (text, "<i>x</i>"));
  g_assert_nonnull (strstr (text, "Tags <span weight='bold'>stay</span> &amp; entities too."));
  title = poppler_document_get_title (doc);
  g_assert_cmpstr (title, ==, "<b>Bold</b> & co");

  test_remove_temp_dir (dir);
}

static void
test_hyphenator (void)
{
  static const char dict[] = "UTF-8\nLEFTHYPHENMIN 2\nRIGHTHYPHENMIN 3\n% a comment\nn1a\nf1i\nc1k/k=k,1,2\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(TreatiesHyphenator) hyphenator = treaties_hyphenator_new_from_data (dict, sizeof dict - 1, &error);
  g_autoptr(GString) out = g_string_new (NULL);

  g_assert_no_error (error);
  /* ba-nana: the break before the last "na" would leave two letters */
  treaties_hyphenator_append_hyphenated (hyphenator, out, "Bananas, banana; BANANA nana «bananarama»");
  g_assert_cmpstr (out->str, ==,
                   "Ban\xc2\xad" "anas, ban\xc2\xad" "ana; BANANA nana «ban\xc2\xad" "an\xc2\xad" "arama»");

  /* never between f and i: the ligature would carry the soft hyphen */
  g_string_truncate (out, 0);
  treaties_hyphenator_append_hyphenated (hyphenator, out, "significant");
  g_assert_cmpstr (out->str, ==, "significant");

  g_assert_null (treaties_hyphenator_new_from_data ("no newline", 10, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
}

/* --- failures ------------------------------------------------------------ */

static void
assert_export_fails (TreatiesArticle *article,
                     const char      *path,
                     GCancellable    *cancellable)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;

  g_assert_false (treaties_pdf_export (article, file, cancellable, &error));
  g_assert_nonnull (error);
  /* the message names the file */
  if (strstr (error->message, path) == NULL)
    g_error ("“%s” does not name %s", error->message, path);
  g_test_message ("%s", error->message);
}

/* Tests run as root, whom permissions do not stop: a folder that cannot be
 * written to is made by putting a regular file where the folder should be
 * (ENOTDIR for everyone), and /proc, where no one can create files. */
static void
test_unwritable_folder (void)
{
  g_autoptr(TreatiesArticle) article = fixture_load_shipped ();
  g_autofree char *dir = test_make_temp_dir ("treaties-export-XXXXXX");
  g_autofree char *not_a_dir = g_build_filename (dir, "a-file", NULL);
  g_autofree char *inside = g_build_filename (not_a_dir, "out.pdf", NULL);
  g_autofree char *listing = NULL;
  g_autofree char *contents = NULL;

  g_assert_true (g_file_set_contents (not_a_dir, "plain", -1, NULL));
  assert_export_fails (article, inside, NULL);
  assert_export_fails (article, "/proc/treaties-test-export.pdf", NULL);
  g_assert_false (g_file_test ("/proc/treaties-test-export.pdf", G_FILE_TEST_EXISTS));

  listing = test_list_dir (dir);
  g_assert_cmpstr (listing, ==, "a-file");
  g_assert_true (g_file_get_contents (not_a_dir, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "plain");
  test_remove_temp_dir (dir);
}

static void
assert_file_is (const char *path,
                const char *expected,
                gsize       length)
{
  g_autofree char *contents = NULL;
  gsize read_length;

  g_assert_true (g_file_get_contents (path, &contents, &read_length, NULL));
  g_assert_cmpmem (contents, read_length, expected, length);
}

/* A cancelled export leaves an existing file as it was, byte for byte, and
 * no temporary file. */
static void
test_cancelled_keeps_existing (void)
{
  static const char old[] = "%PDF-1.4\nan older export, kept\n\xff\x00\x01";
  g_autoptr(TreatiesArticle) article = fixture_load_shipped ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *dir = test_make_temp_dir ("treaties-export-XXXXXX");
  g_autofree char *path = g_build_filename (dir, "out.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *listing = NULL;

  g_assert_true (g_file_set_contents (path, old, sizeof old, NULL));
  g_cancellable_cancel (cancellable);
  g_assert_false (treaties_pdf_export (article, file, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_nonnull (strstr (error->message, path));

  assert_file_is (path, old, sizeof old);
  listing = test_list_dir (dir);
  g_assert_cmpstr (listing, ==, "out.pdf");
  test_remove_temp_dir (dir);
}

typedef struct {
  GMainLoop *loop;
  GError    *error;
  gboolean   done;
} AsyncResult;

static void
export_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  AsyncResult *r = user_data;

  treaties_pdf_export_finish (result, &r->error);
  r->done = TRUE;
  g_main_loop_quit (r->loop);
}

static gboolean
cancel_cb (gpointer user_data)
{
  g_cancellable_cancel (user_data);
  return G_SOURCE_REMOVE;
}

/* Cancelled while the worker thread writes a long article: the old file
 * survives byte for byte and the temporary file is gone. */
static void
test_cancelled_midway_keeps_existing (void)
{
  static const char old[] = "an older export, kept";
  g_autoptr(TreatiesArticle) article = fixture_make_long_article (40);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *dir = test_make_temp_dir ("treaties-export-XXXXXX");
  g_autofree char *path = g_build_filename (dir, "out.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *listing = NULL;
  AsyncResult r = { g_main_loop_new (NULL, FALSE), NULL, FALSE };

  g_assert_true (g_file_set_contents (path, old, sizeof old, NULL));
  treaties_pdf_export_async (article, file, cancellable, export_done_cb, &r);
  g_timeout_add (30, cancel_cb, cancellable);
  g_main_loop_run (r.loop);
  g_main_loop_unref (r.loop);

  listing = test_list_dir (dir);
  g_assert_cmpstr (listing, ==, "out.pdf");
  if (r.error == NULL)
    g_test_incomplete ("the export finished before it could be cancelled");
  else
    {
      g_assert_error (r.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      assert_file_is (path, old, sizeof old);
      g_clear_error (&r.error);
    }
  test_remove_temp_dir (dir);
}

/* The rename itself fails (a folder has the file's name): the folder is
 * untouched and the finished temporary file is removed. */
static void
test_rename_fails_cleans_up (void)
{
  g_autoptr(TreatiesArticle) article = fixture_load_shipped ();
  g_autofree char *dir = test_make_temp_dir ("treaties-export-XXXXXX");
  g_autofree char *path = g_build_filename (dir, "out.pdf", NULL);
  g_autofree char *listing = NULL;

  g_assert_cmpint (g_mkdir (path, 0755), ==, 0);
  assert_export_fails (article, path, NULL);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_DIR));
  listing = test_list_dir (dir);
  g_assert_cmpstr (listing, ==, "out.pdf");
  test_remove_temp_dir (dir);
}

static void
test_async_replaces (void)
{
  g_autoptr(TreatiesArticle) article = fixture_load_shipped ();
  g_autofree char *dir = test_make_temp_dir ("treaties-export-XXXXXX");
  g_autofree char *path = g_build_filename (dir, "out.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(PdfDoc) doc = NULL;
  g_autofree char *listing = NULL;
  AsyncResult r = { g_main_loop_new (NULL, FALSE), NULL, FALSE };

  g_assert_true (g_file_set_contents (path, "old", -1, NULL));
  g_assert_cmpint (g_chmod (path, 0640), ==, 0);
  treaties_pdf_export_async (article, file, NULL, export_done_cb, &r);
  g_main_loop_run (r.loop);
  g_main_loop_unref (r.loop);
  g_assert_no_error (r.error);
  g_assert_true (r.done);

  doc = open_pdf (path);
  g_assert_cmpint (poppler_document_get_n_pages (doc), >=, 2);
  listing = test_list_dir (dir);
  g_assert_cmpstr (listing, ==, "out.pdf");
  {
    GStatBuf st;

    g_assert_cmpint (g_stat (path, &st), ==, 0);
    g_assert_cmpint (st.st_mode & 0777, ==, 0640);
  }
  test_remove_temp_dir (dir);
}

/* --- the command line ---------------------------------------------------- */

static void
test_cli (void)
{
  g_autofree char *article_path = fixture_shipped_path ();
  g_autofree char *dir = test_make_temp_dir ("treaties-export-XXXXXX");
  g_autofree char *out = g_build_filename (dir, "out.pdf", NULL);
  g_autofree char *bad = g_build_filename (dir, "bad.json", NULL);
  g_autofree char *nowhere = g_build_filename (dir, "bad.json", "out.pdf", NULL);
  g_autoptr(PdfDoc) doc = NULL;
  g_autofree char *listing = NULL;

  g_assert_cmpint (treaties_cli_export_pdf (out, article_path), ==, 0);
  doc = open_pdf (out);
  g_assert_cmpint (poppler_document_get_n_pages (doc), >=, 2);

  /* an invalid article: exit status 1, the existing PDF untouched */
  g_assert_true (g_file_set_contents (bad, "{ \"format\": 1 }", -1, NULL));
  g_assert_true (g_file_set_contents (out, "kept", -1, NULL));
  g_assert_cmpint (treaties_cli_export_pdf (out, bad), ==, 1);
  assert_file_is (out, "kept", 4);

  /* an unwritable path */
  g_assert_cmpint (treaties_cli_export_pdf (nowhere, article_path), ==, 1);

  listing = test_list_dir (dir);
  g_assert_cmpstr (listing, ==, "bad.json out.pdf");
  test_remove_temp_dir (dir);
}

/* The figure of an article with one event, @date, as the count of inked
 * pixels along its axis row. */
static guint
figure_ink (const char *date)
{
  g_autofree char *json = g_strdup_printf (
    "{\"format\":1,\"id\":\"f\",\"title\":\"F\",\"sections\":[{\"id\":\"s\",\"title\":\"S\","
    "\"blocks\":[{\"type\":\"paragraph\",\"text\":\"x\"}]}],"
    "\"timeline\":{\"start\":\"1918-11-11\",\"end\":\"1939-09-01\","
    "\"events\":[{\"id\":\"e\",\"date\":\"%s\",\"title\":\"E\"}]}}", date);
  g_autoptr(GBytes) bytes = g_bytes_new (json, strlen (json));
  g_autoptr(GError) error = NULL;
  g_autoptr(TreatiesArticle) article = treaties_article_new_from_bytes (bytes, "f.json", &error);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 500, 700);
  cairo_t *cr = cairo_create (surface);
  PangoContext *context;
  const guint8 *data;
  int stride;
  guint inked = 0;

  g_assert_no_error (error);
  context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  treaties_timeline_figure_draw (article, context, cr, 0, 0, 500, 700);
  cairo_surface_flush (surface);
  data = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);
  for (int y = 0; y < 700; y++)
    for (int x = 0; x < 500; x++)
      if (data[y * stride + 4 * x + 1] < 200)
        inked++;
  g_object_unref (context);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  return inked;
}

/* A span is drawn as a bar: a year-long span inks much more than its day. */
static void
test_figure_span (void)
{
  guint day = figure_ink ("1925-10-05");
  guint span = figure_ink ("1925-10-05/1931-10-16");
  guint year = figure_ink ("1927");

  g_test_message ("inked pixels: day %u, span %u, year %u", day, span, year);
  g_assert_cmpuint (span, >, day + 200);
  g_assert_cmpuint (year, >, day + 20);
}

/* The chronology after the figure words each date as the screen does:
 * spans, months and doubtful dates, not their first day. */
static void
test_chronology_dates (void)
{
  static const char json[] =
    "{\"format\":1,\"id\":\"c\",\"title\":\"C\",\"sections\":[{\"id\":\"s\",\"title\":\"S\","
    "\"blocks\":[{\"type\":\"paragraph\",\"text\":\"x\"}]}],"
    "\"timeline\":{\"start\":\"1918-11-11\",\"end\":\"1939-09-01\",\"events\":["
    "{\"id\":\"a\",\"date\":\"1923-01-11/1925-08-25\",\"title\":\"Occupation\",\"sections\":[\"s\"]},"
    "{\"id\":\"b\",\"date\":\"1931-04~\",\"title\":\"Talks\",\"sections\":[\"s\"]},"
    "{\"id\":\"c\",\"date\":\"1935\",\"title\":\"Year\",\"sections\":[\"s\"]}]}}";
  g_autoptr(GBytes) bytes = g_bytes_new_static (json, sizeof json - 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(TreatiesArticle) article = treaties_article_new_from_bytes (bytes, "c.json", &error);
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(PdfDoc) doc = NULL;
  g_autoptr(GString) all = g_string_new (NULL);
  GListModel *events;

  g_assert_no_error (error);
  path = export_to_temp (article, &dir);
  doc = open_pdf (path);
  for (int i = 0; i < poppler_document_get_n_pages (doc); i++)
    {
      g_autoptr(PdfPage) page = poppler_document_get_page (doc, i);
      g_autofree char *text = poppler_page_get_text (page);

      g_string_append (all, text);
      g_string_append_c (all, '\n');
    }
  events = treaties_article_get_events (article);
  for (guint i = 0; i < g_list_model_get_n_items (events); i++)
    {
      g_autoptr(TreatiesEvent) event = g_list_model_get_item (events, i);
      g_autofree char *date = treaties_event_format_date (event);

      if (strstr (all->str, g_strstrip (date)) == NULL)
        g_error ("the chronology lacks \"%s\" for %s", date, treaties_event_get_title (event));
    }
  test_remove_temp_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  /* The C locale: its paper is A4 whatever the machine's. */
  setlocale (LC_ALL, "C");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/export/pdf/seed/pages", test_seed_pages);
  g_test_add_func ("/export/pdf/chronology-dates", test_chronology_dates);
  g_test_add_func ("/export/pdf/seed/metadata", test_seed_metadata);
  g_test_add_func ("/export/pdf/seed/text", test_seed_text);
  g_test_add_func ("/export/pdf/seed/outline", test_seed_outline);
  g_test_add_func ("/export/pdf/seed/links", test_seed_links);
  g_test_add_func ("/export/pdf/chronology-links", test_chronology_links);
  g_test_add_func ("/export/layout/paper", test_paper);
  g_test_add_func ("/export/figure/span", test_figure_span);
  g_test_add_func ("/export/layout/letter-image-surface", test_render_letter_image);
  g_test_add_func ("/export/layout/long/keep-with-next", test_long_keep_with_next);
  g_test_add_func ("/export/layout/text-is-not-markup", test_text_is_not_markup);
  g_test_add_func ("/export/layout/long-paragraphs", test_long_paragraphs);
  g_test_add_func ("/export/hyphenator/patterns", test_hyphenator);
  g_test_add_func ("/export/pdf/failure/unwritable-folder", test_unwritable_folder);
  g_test_add_func ("/export/pdf/failure/cancelled-keeps-existing", test_cancelled_keeps_existing);
  g_test_add_func ("/export/pdf/failure/cancelled-midway-keeps-existing", test_cancelled_midway_keeps_existing);
  g_test_add_func ("/export/pdf/failure/rename-fails-cleans-up", test_rename_fails_cleans_up);
  g_test_add_func ("/export/pdf/async-replaces", test_async_replaces);
  g_test_add_func ("/export/cli", test_cli);

  return g_test_run ();
}
