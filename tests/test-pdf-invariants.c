/* test-pdf-invariants.c: what every exported PDF must be, over articles
 * nobody has seen (tests/article-generator.h), read back with qpdf and
 * poppler:
 *
 *  - qpdf --check finds nothing wrong;
 *  - it is tagged: a structure tree under Document, with H1 (title), H2
 *    (sections, the timeline) and H3 (subsections) in the order, levels and
 *    pages of the outline, L > LI > Lbl + LBody for every list, a Note per
 *    callout and editor's note, a Link per link annotation, a Figure with
 *    alternative text for the timeline, and the article's language;
 *  - every link rectangle is one line high and lies over words of its own
 *    link's text, no two links' rectangles overlap, and every address is
 *    written so it means what the article says;
 *  - all the text is there, in order;
 *  - no URL or e-mail address has a hyphen put into it;
 *  - every event is identifiable on the timeline pages: every number from
 *    1 to the number of events is on the figure, and the chronology lists
 *    each with its title, date and the page of its first section.
 *
 * poppler 22.12 cuts the text of a structure element at the first nested
 * marked content (cairo marks soft hyphens and line-end spaces with
 * /ActualText), and reads it as PDFDocEncoding: headings are compared by
 * the text poppler gives, undone and as a prefix. Emoji are not compared:
 * without a colour emoji font Pango draws them as boxes of hex digits. Nor
 * are Arabic and Hebrew letters: poppler returns them in visual order with
 * ligatures taken apart; the text around them is compared.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <math.h>
#include <string.h>

#include <glib/gstdio.h>
#include <poppler.h>

#include "article-generator.h"
#include "treaties-article.h"
#include "treaties-block.h"
#include "treaties-hyphenator.h"
#include "treaties-page-renderer.h"
#include "treaties-pdf-exporter.h"
#include "treaties-run.h"

typedef PopplerDocument PdfDoc;
typedef PopplerPage PdfPage;
typedef PopplerStructureElement PdfElement;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdfDoc, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdfPage, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdfElement, g_object_unref)

/* 200 in CI; TREATIES_TEST_ARTICLES=N for more (or fewer), TREATIES_TEST_SEED=N
 * for one. */
#define DEFAULT_ARTICLES 200

static const char *qpdf_path;

/* g_error() would write the message in the locale's charset: "?" for all
 * but ASCII under the tests' C locale. */
G_GNUC_PRINTF (1, 2) G_GNUC_NORETURN static void
fail (const char *format,
      ...)
{
  va_list args;

  va_start (args, format);
  fputs ("# ", stderr);
  vfprintf (stderr, format, args);
  fputc ('\n', stderr);
  va_end (args);
  fflush (stderr);
  abort ();
}

/* --- text as compared -------------------------------------------------- */

static gboolean
is_ignored (gunichar c,
            gboolean keep_hyphens)
{
  GUnicodeType type = g_unichar_type (c);

  GUnicodeScript script = g_unichar_get_script (c);

  if (g_unichar_isspace (c) || c == '-')
    return TRUE;
  /* Right-to-left text comes back from poppler in visual order, the
   * Arabic lam-alef ligature taken apart backwards: not comparable letter
   * by letter. The text around it is. */
  if (script == G_UNICODE_SCRIPT_ARABIC || script == G_UNICODE_SCRIPT_HEBREW)
    return TRUE;
  if (c == 0x00AD || c == 0x2010)
    return !keep_hyphens;
  /* Combining marks left after NFKC (no precomposed letter has them):
   * poppler 22.12 drops the second of a stack. */
  if (g_unichar_type (c) == G_UNICODE_NON_SPACING_MARK)
    return TRUE;
  /* Punctuation: poppler moves it about next to right-to-left text. */
  if (g_unichar_ispunct (c))
    return TRUE;
  /* emoji and what joins or modifies them */
  return type == G_UNICODE_OTHER_SYMBOL || type == G_UNICODE_FORMAT ||
         type == G_UNICODE_MODIFIER_SYMBOL || c == 0xFE0F || c == 0xFE0E ||
         (c >= 0x1F1E6 && c <= 0x1F1FF);
}

/* @text without white space, punctuation (a line may end in an ASCII
 * hyphen that poppler joins up) and emoji; with soft and inserted hyphens kept only
 * if @keep_hyphens. NFKC, so ligatures and decomposed letters compare. */
static char *
squeeze (const char *text,
         gboolean    keep_hyphens)
{
  g_autofree char *nfkc = g_utf8_normalize (text, -1, G_NORMALIZE_NFKC);
  GString *out = g_string_new (NULL);

  for (const char *p = nfkc; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!is_ignored (c, keep_hyphens))
        g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

/* poppler-glib 22.12 returns a structure element's UTF-8 text read again
 * as PDFDocEncoding; this takes it back. */
static char *
undo_pdfdoc (const char *text)
{
  static const gunichar high[32] = {
    0x2022, 0x2020, 0x2021, 0x2026, 0x2014, 0x2013, 0x0192, 0x2044,
    0x2039, 0x203A, 0x2212, 0x2030, 0x201E, 0x201C, 0x201D, 0x2018,
    0x2019, 0x201A, 0x2122, 0xFB01, 0xFB02, 0x0141, 0x0152, 0x0160,
    0x0178, 0x017D, 0x0131, 0x0142, 0x0153, 0x0161, 0x017E, 0xFFFD,
  };
  GString *bytes = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      guint b = 0;

      if (c < 0x80 || (c >= 0xA1 && c <= 0xFF))
        b = c;
      else if (c == 0x20AC)
        b = 0xA0;
      else
        for (guint i = 0; i < G_N_ELEMENTS (high); i++)
          if (high[i] == c)
            b = 0x80 + i;
      if (b == 0)
        {
          g_string_free (bytes, TRUE);
          return g_strdup (text);
        }
      g_string_append_c (bytes, (char) b);
    }
  if (!g_utf8_validate (bytes->str, bytes->len, NULL))
    {
      g_string_free (bytes, TRUE);
      return g_strdup (text);
    }
  return g_string_free (bytes, FALSE);
}

/* --- the article -------------------------------------------------------- */

typedef struct {
  guint  level;     /* 1, 2, 3 */
  int    page;      /* from 0 */
  char  *text;
} Heading;

static void
heading_free (gpointer data)
{
  Heading *h = data;

  g_free (h->text);
  g_free (h);
}

typedef struct {
  GPtrArray  *texts;       /* of char *: every text item in reading order */
  GHashTable *link_texts;  /* escaped URI -> GPtrArray of squeezed link texts */
  GHashTable *link_words;  /* escaped URI -> GPtrArray of 3-letter pieces of its words */
  GPtrArray  *hrefs;       /* of const char *: every href, as written */
  GPtrArray  *event_uris;  /* of char *: each event's escaped href, if it has one */
  GPtrArray  *verbatim;    /* of char *: URLs and e-mail addresses in the text */
  guint       n_notes;
  guint       n_lists;
} Expected;

static void
expected_clear (Expected *e)
{
  g_clear_pointer (&e->texts, g_ptr_array_unref);
  g_clear_pointer (&e->link_texts, g_hash_table_unref);
  g_clear_pointer (&e->link_words, g_hash_table_unref);
  g_clear_pointer (&e->hrefs, g_ptr_array_unref);
  g_clear_pointer (&e->event_uris, g_ptr_array_unref);
  g_clear_pointer (&e->verbatim, g_ptr_array_unref);
}

static void
collect_verbatim (Expected   *e,
                  const char *text)
{
  g_auto(GStrv) tokens = g_strsplit_set (text, " \t\n", -1);

  for (guint i = 0; tokens[i] != NULL; i++)
    if (treaties_token_is_verbatim (tokens[i], strlen (tokens[i])) &&
        (strchr (tokens[i], '@') != NULL || strstr (tokens[i], "://") != NULL || strstr (tokens[i], "www.") != NULL))
      g_ptr_array_add (e->verbatim, g_strdup (tokens[i]));
}

static gboolean
has_rtl (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      GUnicodeScript script = g_unichar_get_script (g_utf8_get_char (p));

      if (script == G_UNICODE_SCRIPT_ARABIC || script == G_UNICODE_SCRIPT_HEBREW)
        return TRUE;
    }
  return FALSE;
}

/* The first and last three letters of every word of a link's text: a
 * line's fragment of the link holds at least one of them. */
static void
add_link_pieces (Expected   *e,
                 const char *uri,
                 const char *text)
{
  GPtrArray *pieces = g_hash_table_lookup (e->link_words, uri);
  g_auto(GStrv) words = g_strsplit_set (text, " \n", -1);

  if (pieces == NULL)
    {
      pieces = g_ptr_array_new_with_free_func (g_free);
      g_hash_table_insert (e->link_words, g_strdup (uri), pieces);
    }
  for (guint w = 0; words[w] != NULL; w++)
    {
      glong n = g_utf8_strlen (words[w], -1);

      if (n < 3 || has_rtl (words[w]))
        continue;
      g_ptr_array_add (pieces, g_utf8_substring (words[w], 0, 3));
      g_ptr_array_add (pieces, g_utf8_substring (words[w], n - 3, n));
    }
}

/* A link to @href over @text; returns its escaped address. */
static char *
add_link (Expected   *e,
          const char *href,
          const char *text)
{
  char *uri = treaties_page_renderer_escape_uri (href);
  GPtrArray *texts = g_hash_table_lookup (e->link_texts, uri);

  if (texts == NULL)
    {
      texts = g_ptr_array_new_with_free_func (g_free);
      g_hash_table_insert (e->link_texts, g_strdup (uri), texts);
    }
  g_ptr_array_add (texts, squeeze (text, FALSE));
  g_ptr_array_add (e->hrefs, (gpointer) href);
  add_link_pieces (e, uri, text);
  return uri;
}

static void
collect_item (Expected  *e,
              GPtrArray *runs)
{
  g_autofree char *plain = treaties_runs_to_plain (runs);

  for (guint r = 0; r < runs->len; r++)
    {
      const TreatiesRun *run = g_ptr_array_index (runs, r);

      collect_verbatim (e, run->text);
      if (run->href != NULL && run->text[0] != '\0')
        g_free (add_link (e, run->href, run->text));
    }
  g_ptr_array_add (e->texts, g_steal_pointer (&plain));
}

static void
collect_expected (TreatiesArticle *article,
                  Expected        *e)
{
  GListModel *outline = treaties_article_get_outline (article);

  e->texts = g_ptr_array_new_with_free_func (g_free);
  e->link_texts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_ptr_array_unref);
  e->link_words = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_ptr_array_unref);
  e->hrefs = g_ptr_array_new ();
  e->event_uris = g_ptr_array_new_with_free_func (g_free);
  e->verbatim = g_ptr_array_new_with_free_func (g_free);
  e->n_notes = e->n_lists = 0;

  /* The chronology: each event's title links to its source. */
  {
    GListModel *events = treaties_article_get_events (article);

    for (guint i = 0; i < g_list_model_get_n_items (events); i++)
      {
        g_autoptr(TreatiesEvent) event = g_list_model_get_item (events, i);
        const char *href = treaties_event_get_href (event);

        if (href != NULL && href[0] != '\0')
          g_ptr_array_add (e->event_uris, add_link (e, href, treaties_event_get_title (event)));
      }
  }

  g_ptr_array_add (e->texts, g_strdup (treaties_article_get_title (article)));
  for (guint i = 0; i < g_list_model_get_n_items (outline); i++)
    {
      g_autoptr(TreatiesSection) section = g_list_model_get_item (outline, i);
      GListModel *blocks = treaties_section_get_blocks (section);

      g_ptr_array_add (e->texts, g_strdup (treaties_section_get_title (section)));
      for (guint j = 0; j < g_list_model_get_n_items (blocks); j++)
        {
          g_autoptr(TreatiesBlock) block = g_list_model_get_item (blocks, j);
          TreatiesBlockKind kind = treaties_block_get_kind (block);

          if (kind == TREATIES_BLOCK_CALLOUT || kind == TREATIES_BLOCK_EDITOR_NOTE)
            e->n_notes++;
          if (kind == TREATIES_BLOCK_LIST || kind == TREATIES_BLOCK_READING_LIST)
            e->n_lists++;
          for (guint k = 0; k < treaties_block_get_n_items (block); k++)
            collect_item (e, treaties_block_get_item (block, k));
        }
    }
}

/* --- the PDF ------------------------------------------------------------- */

typedef struct {
  GPtrArray *headings;    /* of Heading */
  guint      n_links;     /* Link elements */
  guint      n_notes;
  guint      n_lists;
  guint      n_figures;
  gboolean   figures_have_alt;
} Tree;

static void
walk_tree (PopplerStructureElementIter *iter,
           PopplerStructureElementKind  parent,
           Tree                        *tree,
           guint32                      seed)
{
  do
    {
      g_autoptr(PdfElement) element = poppler_structure_element_iter_get_element (iter);
      PopplerStructureElementKind kind = poppler_structure_element_get_kind (element);
      PopplerStructureElementIter *child = poppler_structure_element_iter_get_child (iter);
      gboolean has_label = FALSE, has_body = FALSE, has_annot = FALSE;

      switch (kind)
        {
        case POPPLER_STRUCTURE_ELEMENT_HEADING_1:
        case POPPLER_STRUCTURE_ELEMENT_HEADING_2:
        case POPPLER_STRUCTURE_ELEMENT_HEADING_3:
          {
            Heading *h = g_new0 (Heading, 1);
            g_autofree char *text = poppler_structure_element_get_text (element, POPPLER_STRUCTURE_GET_TEXT_RECURSIVE);

            h->level = kind - POPPLER_STRUCTURE_ELEMENT_HEADING_1 + 1;
            h->page = poppler_structure_element_get_page (element);
            h->text = undo_pdfdoc (text != NULL ? text : "");
            g_ptr_array_add (tree->headings, h);
          }
          break;
        case POPPLER_STRUCTURE_ELEMENT_NOTE:
          tree->n_notes++;
          break;
        case POPPLER_STRUCTURE_ELEMENT_LIST:
          tree->n_lists++;
          break;
        case POPPLER_STRUCTURE_ELEMENT_LIST_ITEM:
          if (parent != POPPLER_STRUCTURE_ELEMENT_LIST)
            fail ("seed %u: a list item outside a list", seed);
          break;
        case POPPLER_STRUCTURE_ELEMENT_FIGURE:
          {
            g_autofree char *alt = poppler_structure_element_get_alt_text (element);

            tree->n_figures++;
            tree->figures_have_alt = alt != NULL && strlen (alt) > 20;
          }
          break;
        case POPPLER_STRUCTURE_ELEMENT_LINK:
          tree->n_links++;
          break;
        default:
          break;
        }

      if (child != NULL)
        {
          PopplerStructureElementIter *c = poppler_structure_element_iter_copy (child);

          /* what a list item and a link hold */
          do
            {
              g_autoptr(PdfElement) e = poppler_structure_element_iter_get_element (c);
              PopplerStructureElementKind k = poppler_structure_element_get_kind (e);

              has_label |= k == POPPLER_STRUCTURE_ELEMENT_LIST_LABEL;
              has_body |= k == POPPLER_STRUCTURE_ELEMENT_LIST_BODY;
              has_annot |= k == POPPLER_STRUCTURE_ELEMENT_OBJECT_REFERENCE;
            }
          while (poppler_structure_element_iter_next (c));
          poppler_structure_element_iter_free (c);

          walk_tree (child, kind, tree, seed);
          poppler_structure_element_iter_free (child);
        }

      if (kind == POPPLER_STRUCTURE_ELEMENT_LIST_ITEM && !(has_label && has_body))
        fail ("seed %u: a list item without its label (bullet, number) and body", seed);
      if (kind == POPPLER_STRUCTURE_ELEMENT_LINK && !has_annot)
        fail ("seed %u: a Link element without its annotation", seed);
    }
  while (poppler_structure_element_iter_next (iter));
}

typedef struct {
  char  *title;
  guint  depth;
  int    page;
} OutlineEntry;

static void
outline_entry_free (gpointer data)
{
  OutlineEntry *e = data;

  g_free (e->title);
  g_free (e);
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
      if (action->type == POPPLER_ACTION_GOTO_DEST && action->goto_dest.dest->type != POPPLER_DEST_NAMED)
        e->page = action->goto_dest.dest->page_num - 1;
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

static int
run_qpdf (const char  *path,
          char       **output)
{
  const char *argv[] = { qpdf_path, "--check", path, NULL };
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL | G_SPAWN_SEARCH_PATH, NULL, NULL,
                output, NULL, &status, &error);
  g_assert_no_error (error);
  return status;
}

/* The text of the pages from @first to @last (from 0, @last excluded) in
 * the order it is drawn (pdftotext -raw: poppler's reading-order analysis
 * takes a justified line with wide gaps for columns), running heads and
 * page numbers left out: they are drawn first on each page. */
static GStrv
raw_pages (const char *path)
{
  const char *argv[] = { "pdftotext", "-raw", "-enc", "UTF-8", path, "-", NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_cmpint (status, ==, 0);
  return g_strsplit (out, "\f", -1);
}

static char *
pages_text (GStrv pages,
            int   n_pages,
            int   first,
            int   last)
{
  GString *all = g_string_new (NULL);

  for (int i = first; i < last && i < (int) g_strv_length (pages); i++)
    {
      g_auto(GStrv) lines = g_strsplit (pages[i], "\n", -1);
      g_autofree char *folio_text = g_strdup_printf ("%d / %d", i + 1, n_pages);
      g_autofree char *folio = squeeze (folio_text, TRUE);
      g_autofree char *folio_rtl_text = g_strdup_printf ("%d / %d", n_pages, i + 1);
      g_autofree char *folio_rtl = squeeze (folio_rtl_text, TRUE);
      guint body = 0;

      /* the running head (lines of it, when it holds right-to-left
       * words) and the folio come first: the text starts after the folio,
       * "2 / 5" (in a right-to-left article, "5 / 2") */
      for (guint l = 0; lines[l] != NULL; l++)
        {
          g_autofree char *line = squeeze (lines[l], TRUE);

          if (g_str_equal (line, folio) || g_str_equal (line, folio_rtl))
            {
              body = l + 1;
              break;
            }
        }
      for (guint l = body; lines[l] != NULL; l++)
        {
          g_string_append (all, lines[l]);
          g_string_append_c (all, '\n');
        }
    }
  return g_string_free (all, FALSE);
}

static gboolean
rects_overlap (const PopplerRectangle *a,
               const PopplerRectangle *b)
{
  return MIN (a->x2, b->x2) - MAX (a->x1, b->x1) > 0.5 && MIN (a->y2, b->y2) - MAX (a->y1, b->y1) > 0.5;
}

/* Where poppler finds @piece on the page, cached per page: many links
 * share words. */
static GList *
find_cached (PopplerPage *page,
             GHashTable  *cache,
             const char  *piece)
{
  GList *found;

  if (g_hash_table_lookup_extended (cache, piece, NULL, (gpointer *) &found))
    return found;
  found = poppler_page_find_text_with_options (page, piece, POPPLER_FIND_CASE_SENSITIVE);
  g_hash_table_insert (cache, g_strdup (piece), found);
  return found;
}

static void
free_rectangles (gpointer data)
{
  g_list_free_full (data, (GDestroyNotify) poppler_rectangle_free);
}

static gboolean
piece_inside (PopplerPage            *page,
              GHashTable             *cache,
              GPtrArray              *pieces,
              const PopplerRectangle *area)
{
  for (guint i = 0; pieces != NULL && i < pieces->len; i++)
    for (GList *l = find_cached (page, cache, g_ptr_array_index (pieces, i)); l != NULL; l = l->next)
      {
        PopplerRectangle *r = l->data;
        double cx = (r->x1 + r->x2) / 2, cy = (r->y1 + r->y2) / 2;

        if (cx >= area->x1 && cx <= area->x2 && cy >= area->y1 && cy <= area->y2)
          return TRUE;
      }
  return FALSE;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* Links: one line high, over their own words, not overlapping another's;
 * returns how many annotations there are. */
static guint
check_links (PopplerDocument *doc,
             Expected        *e,
             int              timeline_page,
             GPtrArray       *timeline_uris,
             guint32          seed)
{
  guint n = 0;

  for (int i = 0; i < poppler_document_get_n_pages (doc); i++)
    {
      g_autoptr(PdfPage) page = poppler_document_get_page (doc, i);
      GList *mapping = poppler_page_get_link_mapping (page);
      g_autoptr(GHashTable) cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, free_rectangles);
      double width, height;

      poppler_page_get_size (page, &width, &height);
      for (GList *l = mapping; l != NULL; l = l->next)
        {
          PopplerLinkMapping *m = l->data;
          GPtrArray *texts, *pieces;
          g_autoptr(GUri) uri = NULL;

          n++;
          g_assert_cmpint (m->action->type, ==, POPPLER_ACTION_URI);
          if (i >= timeline_page)
            g_ptr_array_add (timeline_uris, g_strdup (m->action->uri.uri));
          texts = g_hash_table_lookup (e->link_texts, m->action->uri.uri);
          if (texts == NULL)
            fail ("seed %u: page %d: a link to %s, which the article does not have", seed, i + 1,
                     m->action->uri.uri);
          uri = g_uri_parse (m->action->uri.uri, G_URI_FLAGS_NONE, NULL);
          g_assert_nonnull (uri);
          /* "https://example.org\@evil.example/" goes to example.org, as
           * in the app (a browser reads the backslash as '/'). */
          if (strstr (m->action->uri.uri, "evil.example") != NULL)
            g_assert_cmpstr (g_uri_get_host (uri), ==, "example.org");

          /* One line high: no body text line is 20 pt. */
          if (m->area.y2 - m->area.y1 > 20.0 || m->area.y2 - m->area.y1 < 5.0)
            fail ("seed %u: page %d: a link rectangle %.1f pt high (%s)", seed, i + 1,
                     m->area.y2 - m->area.y1, m->action->uri.uri);

          /* Over its own words: a piece of one of them lies inside it
           * (poppler's text for an area follows its reading order, not
           * the area). */
          pieces = g_hash_table_lookup (e->link_words, m->action->uri.uri);
          if (m->area.x2 - m->area.x1 > 20 && pieces != NULL && pieces->len > 0 &&
              !piece_inside (page, cache, pieces, &m->area))
            fail ("seed %u: page %d: the link to %s (%.1f %.1f %.1f %.1f) lies over none of its own words (“%s”…)",
                  seed, i + 1, m->action->uri.uri, m->area.x1, m->area.y1, m->area.x2, m->area.y2,
                  (char *) g_ptr_array_index (texts, 0));

          for (GList *o = mapping; o != l; o = o->next)
            {
              PopplerLinkMapping *other = o->data;

              if (rects_overlap (&m->area, &other->area))
                fail ("seed %u: page %d: links to %s (%.1f %.1f %.1f %.1f) and %s (%.1f %.1f %.1f %.1f) overlap",
                      seed, i + 1, m->action->uri.uri, m->area.x1, m->area.y1, m->area.x2, m->area.y2,
                      other->action->uri.uri, other->area.x1, other->area.y1, other->area.x2, other->area.y2);
            }
        }
      poppler_page_free_link_mapping (mapping);
    }
  return n;
}

/* Whether @word stands as a word of its own on the page above @legend_y
 * (bottom-left origin, as find_text gives it). */
static gboolean
word_above (PopplerPage *page,
            const char  *word,
            double       legend_y)
{
  GList *found = poppler_page_find_text_with_options (page, word, POPPLER_FIND_WHOLE_WORDS_ONLY |
                                                                  POPPLER_FIND_CASE_SENSITIVE);
  gboolean above = FALSE;

  for (GList *l = found; l != NULL; l = l->next)
    above |= ((PopplerRectangle *) l->data)->y1 >= legend_y;
  g_list_free_full (found, (GDestroyNotify) poppler_rectangle_free);
  return above;
}

/* The figure's numbers: every one from 1 to @n_events, alone or in a
 * range "a–b", as a word above the figure's legend. */
static void
check_figure_numbers (PopplerDocument *doc,
                      int              page_index,
                      guint            n_events,
                      guint32          seed)
{
  g_autoptr(PdfPage) page = poppler_document_get_page (doc, page_index);
  GList *legend = poppler_page_find_text (page, "An event");
  double legend_y;

  g_assert_nonnull (legend);
  legend_y = ((PopplerRectangle *) legend->data)->y2;
  g_list_free_full (legend, (GDestroyNotify) poppler_rectangle_free);

  for (guint k = 1; k <= n_events; k++)
    {
      g_autofree char *number = g_strdup_printf ("%u", k);
      gboolean seen = word_above (page, number, legend_y);

      /* events on one marker share a range */
      for (guint a = 1; a <= k && !seen; a++)
        for (guint b = MAX (k, a + 1); b <= n_events && !seen; b++)
          {
            g_autofree char *range = g_strdup_printf ("%u–%u", a, b);

            seen = word_above (page, range, legend_y);
          }
      if (!seen)
        fail ("seed %u: event %u has no number on the timeline figure", seed, k);
    }
}


/* poppler reads a line that holds right-to-left words as a right-to-left
 * line, its left-to-right stretches in reverse order: of such a text, each
 * word must be there, close after @cursor, in any order. Returns where the
 * last of them ends. */
static const char *
find_words_near (const char *start,
                 const char *cursor,
                 const char *text,
                 gsize       length,
                 guint32     seed)
{
  g_auto(GStrv) words = g_strsplit_set (text, " \n", -1);
  /* a line's stretches may come before the previous text's */
  const char *from = cursor - MIN ((gsize) (cursor - start), 2 * length + 400);
  gsize window = (cursor - from) + MIN (strlen (cursor), 2 * length + 400);
  g_autofree char *region = g_strndup (from, window);
  const char *end = cursor;

  for (guint w = 0; words[w] != NULL; w++)
    {
      g_autofree char *word = squeeze (words[w], FALSE);
      const char *found;

      if (word[0] == '\0')
        continue;
      found = strstr (region, word);
      if (found == NULL)
        {
          /* poppler sometimes spells left-to-right words backwards in a
           * right-to-left line */
          g_autofree char *reversed = g_utf8_strreverse (word, -1);

          found = strstr (region, reversed);
        }
      if (found == NULL)
        {
          /* or, next to right-to-left words, its numbers in reverse
           * order ("1931-10-29" as "29-10-1931"): each of them is there */
          g_auto(GStrv) groups = g_regex_split_simple ("[^[:alnum:]]+", words[w], 0, 0);
          gboolean all = TRUE;

          for (guint k = 0; groups[k] != NULL; k++)
            {
              g_autofree char *group = squeeze (groups[k], FALSE);

              all &= group[0] == '\0' || strstr (region, group) != NULL;
            }
          if (all)
            found = region;
        }
      if (found == NULL)
        fail ("seed %u: the word “%s” of “%s” is not there: …%.300s…", seed, words[w], text, region);
      end = MAX (end, from + (found - region) + (found == region ? 0 : strlen (word)));
    }
  return end;
}

static void
check_article (guint32     seed,
               const char *dir)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = treaties_test_generate_article_bytes (seed, &error);
  g_autoptr(TreatiesArticle) article = NULL;
  g_autofree char *path = g_strdup_printf ("%s/%u.pdf", dir, seed);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(PdfDoc) doc = NULL;
  g_autoptr(GPtrArray) outline = g_ptr_array_new_with_free_func (outline_entry_free);
  g_autofree char *qpdf_out = NULL;
  Tree tree = { g_ptr_array_new_with_free_func (heading_free), 0, 0, 0, 0, FALSE };
  Expected e = { NULL, };
  PopplerStructureElementIter *iter;
  PopplerIndexIter *index;
  GListModel *events;
  int n_pages, timeline_page;
  const char *language;
  gboolean rtl_article;
  g_auto(GStrv) raw = NULL;
  guint n_annots;

  g_assert_no_error (error);
  article = treaties_article_new_from_bytes (bytes, "generated.json", &error);
  g_assert_no_error (error);
  events = treaties_article_get_events (article);
  collect_expected (article, &e);
  language = treaties_article_get_language (article);
  rtl_article = language != NULL && (g_str_has_prefix (language, "he") || g_str_has_prefix (language, "ar"));

  treaties_pdf_export (article, file, NULL, &error);
  g_assert_no_error (error);

  /* Valid. */
  if (run_qpdf (path, &qpdf_out) != 0)
    fail ("seed %u: qpdf --check: %s", seed, qpdf_out);

  doc = poppler_document_new_from_gfile (file, NULL, NULL, &error);
  g_assert_no_error (error);
  n_pages = poppler_document_get_n_pages (doc);
  raw = raw_pages (path);

  /* Tagged. */
  iter = poppler_structure_element_iter_new (doc);
  if (iter == NULL)
    fail ("seed %u: no structure tree", seed);
  {
    g_autoptr(PdfElement) root = poppler_structure_element_iter_get_element (iter);

    g_assert_cmpint (poppler_structure_element_get_kind (root), ==, POPPLER_STRUCTURE_ELEMENT_DOCUMENT);
  }
  walk_tree (iter, POPPLER_STRUCTURE_ELEMENT_DOCUMENT, &tree, seed);
  poppler_structure_element_iter_free (iter);

  g_assert_cmpuint (tree.n_notes, ==, e.n_notes);
  g_assert_cmpuint (tree.n_lists, ==, e.n_lists + (g_list_model_get_n_items (events) > 0 ? 1 : 0));
  g_assert_cmpuint (tree.n_figures, ==, g_list_model_get_n_items (events) > 0 ? 1 : 0);
  if (tree.n_figures > 0)
    g_assert_true (tree.figures_have_alt);

  /* The headings are the outline: title (H1), sections (H2), subsections
   * (H3), the timeline (H2), in order, on the same pages. */
  index = poppler_index_iter_new (doc);
  g_assert_nonnull (index);
  collect_outline (doc, index, 0, outline);
  poppler_index_iter_free (index);
  if (outline->len != tree.headings->len)
    fail ("seed %u: %u outline entries, %u headings", seed, outline->len, tree.headings->len);
  timeline_page = -1;
  for (guint i = 0; i < outline->len; i++)
    {
      const OutlineEntry *o = g_ptr_array_index (outline, i);
      const Heading *h = g_ptr_array_index (tree.headings, i);
      g_autofree char *title = squeeze (o->title, FALSE);
      g_autofree char *text = squeeze (h->text, FALSE);

      if (h->level != o->depth + 1 || h->page != o->page)
        fail ("seed %u: outline entry “%s” (level %u, page %d) against heading “%s” (H%u, page %d)",
                 seed, o->title, o->depth + 1, o->page + 1, h->text, h->level, h->page + 1);
      /* (all the text poppler gives may be right to left: nothing left to
       * compare) */
      if (!rtl_article && text[0] != '\0' && !g_str_has_prefix (title, text))
        fail ("seed %u: outline entry “%s” against heading “%s” (%s / %s)", seed, o->title, h->text, title, text);
      if (i == 0)
        g_assert_cmpuint (o->depth, ==, 0);
      else
        g_assert_cmpuint (o->depth, >=, 1);
      if (i + 1 == outline->len && g_list_model_get_n_items (events) > 0)
        timeline_page = o->page;
    }
  if (timeline_page < 0)
    timeline_page = n_pages;

  /* Links. */
  {
    g_autoptr(GPtrArray) timeline_uris = g_ptr_array_new_with_free_func (g_free);

    n_annots = check_links (doc, &e, timeline_page, timeline_uris, seed);
    g_assert_cmpuint (tree.n_links, ==, n_annots);

    /* The chronology's links are the events' sources, one for each event
     * that has one (its title takes one line), and nothing else. */
    g_ptr_array_sort (timeline_uris, compare_strings);
    g_ptr_array_sort (e.event_uris, compare_strings);
    if (timeline_uris->len != e.event_uris->len)
      fail ("seed %u: %u links after the text, %u events with a source", seed,
            timeline_uris->len, e.event_uris->len);
    for (guint i = 0; i < timeline_uris->len; i++)
      g_assert_cmpstr (g_ptr_array_index (timeline_uris, i), ==, g_ptr_array_index (e.event_uris, i));
  }
  for (guint i = 0; i < e.hrefs->len; i++)
    g_assert_null (strpbrk (g_ptr_array_index (e.hrefs, i), "\n"));

  /* All the text, in order; no URL or e-mail address hyphenated. Not for
   * a right-to-left article: poppler 22.12 reads its lines backwards and
   * leaves parts of them out. */
  if (!rtl_article)
  {
    g_autofree char *text = pages_text (raw, n_pages, 0, timeline_page);
    g_autofree char *plain = squeeze (text, FALSE);
    g_autofree char *with_hyphens = squeeze (text, TRUE);
    const char *cursor = plain;

    for (guint i = 0; i < e.texts->len; i++)
      {
        g_autofree char *item = squeeze (g_ptr_array_index (e.texts, i), FALSE);
        const char *found;

        if (item[0] == '\0')
          continue;
        if (has_rtl (g_ptr_array_index (e.texts, i)))
          {
            cursor = find_words_near (plain, cursor, g_ptr_array_index (e.texts, i), strlen (item), seed);
            continue;
          }
        found = strstr (cursor, item);
        if (found == NULL)
          {
            /* how much of it is there */
            gsize n = 0;
            const char *at = cursor;

            while (item[n] != '\0')
              {
                g_autofree char *part = g_strndup (item, g_utf8_next_char (item + n) - item);
                const char *f = strstr (cursor, part);

                if (f == NULL)
                  break;
                at = f;
                n = strlen (part);
              }
            fail ("seed %u: text “%s” not found in order: it stops at “%.60s” where the PDF has “%.120s”",
                  seed, (char *) g_ptr_array_index (e.texts, i), item + n, at + n);
          }
        cursor = found + strlen (item);
      }

    for (guint i = 0; i < e.verbatim->len; i++)
      {
        g_autofree char *token = squeeze (g_ptr_array_index (e.verbatim, i), TRUE);

        if (strstr (with_hyphens, token) == NULL)
          fail ("seed %u: “%s” is hyphenated (or missing)", seed, (char *) g_ptr_array_index (e.verbatim, i));
      }
  }

  /* Every event identifiable: a number on the figure, and in the
   * chronology its number, title, date and the page of its passage. */
  if (g_list_model_get_n_items (events) > 0)
    {
      g_autofree char *text = pages_text (raw, n_pages, timeline_page, n_pages);
      g_autofree char *plain = squeeze (text, FALSE);
      const char *cursor = plain;

      check_figure_numbers (doc, timeline_page, g_list_model_get_n_items (events), seed);
      if (rtl_article)
        cursor = NULL;

      for (guint i = 0; cursor != NULL && i < g_list_model_get_n_items (events); i++)
        {
          g_autoptr(TreatiesEvent) event = g_list_model_get_item (events, i);
          const char * const *sections = treaties_event_get_section_ids (event);
          g_autofree char *date = treaties_day_format_long (treaties_event_get_date (event));
          g_autofree char *title = g_utf8_substring (treaties_event_get_title (event), 0,
                                                     MIN (16, g_utf8_strlen (treaties_event_get_title (event), -1)));
          g_autofree char *entry = NULL;
          g_autofree char *want = NULL;
          const char *found;

          if (sections != NULL && sections[0] != NULL)
            {
              PopplerDest *dest = poppler_document_find_dest (doc, sections[0]);

              g_assert_nonnull (dest);
              entry = g_strdup_printf ("%u %s %s %s · p. %d", i + 1, title,
                                       treaties_event_get_title (event) + strlen (title), date, dest->page_num);
              poppler_dest_free (dest);
            }
          else
            entry = g_strdup_printf ("%u %s %s %s", i + 1, title,
                                     treaties_event_get_title (event) + strlen (title), date);
          want = squeeze (entry, FALSE);
          found = strstr (cursor, want);
          if (found == NULL)
            {
              /* a long title may be shortened: number, its start, then the date */
              g_autofree char *start = g_strdup_printf ("%u %s", i + 1, title);
              g_autofree char *start_squeezed = squeeze (start, FALSE);
              g_autofree char *date_squeezed = squeeze (date, FALSE);

              found = strstr (cursor, start_squeezed);
              if (found == NULL || strstr (found, date_squeezed) == NULL)
                fail ("seed %u: the chronology has no entry “%s” after: …%.80s", seed, entry, cursor);
              found = strstr (found, date_squeezed);
              want = g_steal_pointer (&date_squeezed);
            }
          cursor = found + strlen (want);
        }
    }

  g_ptr_array_unref (tree.headings);
  expected_clear (&e);
  g_unlink (path);
}

static void
test_generated (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("treaties-invariants-XXXXXX", &error);
  const char *env = g_getenv ("TREATIES_TEST_ARTICLES");
  guint n = env != NULL ? (guint) g_ascii_strtoull (env, NULL, 10) : DEFAULT_ARTICLES;

  g_assert_no_error (error);
  if (g_getenv ("TREATIES_TEST_SEED") != NULL)
    check_article ((guint32) g_ascii_strtoull (g_getenv ("TREATIES_TEST_SEED"), NULL, 10), dir);
  else
    for (guint32 seed = 0; seed < n; seed++)
      check_article (seed, dir);
  g_rmdir (dir);
}

/* The escaping itself, on the addresses that break a PDF string. */
static void
test_escape_uri (void)
{
  struct { const char *in, *out; } cases[] = {
    { "https://example.org/a(b)c", "https://example.org/a%28b%29c" },
    { "https://example.org\\@evil.example/", "https://example.org/@evil.example/" },
    { "https://example.org/x?q=a\\b", "https://example.org/x?q=a%5Cb" },
    { "https://example.org/'\"<>", "https://example.org/%27%22%3C%3E" },
    { "mailto:a\\b@example.org", "mailto:a%5Cb@example.org" },
    { "https://пример.example/", "https://%D0%BF%D1%80%D0%B8%D0%BC%D0%B5%D1%80.example/" },
    { "https://example.org/%E2%80%93", "https://example.org/%E2%80%93" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = treaties_page_renderer_escape_uri (cases[i].in);

      g_assert_cmpstr (out, ==, cases[i].out);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  qpdf_path = g_getenv ("QPDF");
  if (qpdf_path == NULL)
    qpdf_path = "qpdf";

  g_test_add_func ("/pdf-invariants/escape-uri", test_escape_uri);
  g_test_add_func ("/pdf-invariants/generated", test_generated);

  return g_test_run ();
}
