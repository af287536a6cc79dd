/* test-article-geometry.c: the reading view's blocks, measured on screen
 *
 * Lays out articles in a real TreatiesArticleView under Xvfb and reads the
 * geometry back from the text view (gtk_text_view_get_iter_location and
 * get_line_yrange) and the boxes the view draws behind callouts and notes:
 * every box ends above the next block's first line, and every gap between
 * two blocks (a box's edge counting as its block's) is at least
 * TREATIES_ARTICLE_VIEW_BLOCK_GAP. The articles are generated
 * (tests/article-generator.h), at several widths and zooms, plus one written
 * here with the block orders that once went wrong.
 *
 * TREATIES_GEOMETRY_SEEDS=N changes how many generated articles (200).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include <adwaita.h>

#include "article-generator.h"
#include "treaties-article-view.h"
#include "ui-test-utils.h"

#define N_SEEDS 200

/* Callout → paragraph, list → paragraph, reading list → paragraph,
 * note → note, note → heading, callout without a label → list, and a
 * section with only a subsection. */
static const char block_orders[] =
  "{ \"format\": 1, \"id\": \"orders\", \"title\": \"Block orders\", \"date\": \"1931-09-29\","
  "  \"language\": \"en\","
  "  \"sections\": ["
  "    { \"id\": \"a\", \"title\": \"Callout, then text\", \"blocks\": ["
  "      { \"type\": \"callout\", \"label\": \"In short\", \"text\": [\"A callout with a label and one line.\"] },"
  "      { \"type\": \"paragraph\", \"text\": [\"The paragraph straight after the callout.\"] },"
  "      { \"type\": \"list\", \"items\": [[\"One\"], [\"Two\"], [\"Three\"]] },"
  "      { \"type\": \"paragraph\", \"text\": [\"The paragraph straight after a list.\"] },"
  "      { \"type\": \"reading-list\", \"items\": [[\"A. Author, \", { \"text\": \"A Book\", \"style\": \"title\" }]] },"
  "      { \"type\": \"paragraph\", \"text\": [\"The paragraph straight after a reading list.\"] },"
  "      { \"type\": \"editor-note\", \"text\": [\"A note.\"] },"
  "      { \"type\": \"editor-note\", \"label\": \"Another\", \"text\": [\"A note after a note.\"] }"
  "    ] },"
  "    { \"id\": \"b\", \"title\": \"Only subsections\", \"blocks\": [],"
  "      \"subsections\": ["
  "        { \"id\": \"b1\", \"title\": \"A subsection\", \"blocks\": ["
  "          { \"type\": \"callout\", \"text\": [\"A callout without a label.\"] },"
  "          { \"type\": \"list\", \"items\": [[\"After the callout\"]] },"
  "          { \"type\": \"callout\", \"text\": [\"A callout that ends the text.\"] }"
  "        ] }"
  "      ] }"
  "  ] }";

typedef struct
{
  GtkWindow           *window;
  TreatiesArticleView *view;
} Fixture;

/* GtkTextView lays its lines out in idle time, from the top; a line not
 * laid out yet has no height. */
static gboolean
is_laid_out (gpointer data)
{
  GtkTextView *view = data;
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter iter;

  gtk_text_buffer_get_start_iter (buffer, &iter);
  do
    {
      int y, height;

      gtk_text_view_get_line_yrange (view, &iter, &y, &height);
      if (height <= 0)
        return FALSE;
    }
  while (gtk_text_iter_forward_line (&iter));
  return TRUE;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  GtkWidget *scroller = gtk_scrolled_window_new ();

  f->window = GTK_WINDOW (gtk_window_new ());
  f->view = TREATIES_ARTICLE_VIEW (treaties_article_view_new ());
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), GTK_WIDGET (f->view));
  gtk_window_set_child (f->window, scroller);
  gtk_window_set_default_size (f->window, 720, 600);
  gtk_window_present (f->window);
  g_assert_true (wait_until (is_mapped, f->view));
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  gtk_window_destroy (f->window);
  settle ();
}

static void
set_article (Fixture         *f,
             TreatiesArticle *article,
             int              width,
             double           zoom)
{
  treaties_article_view_set_zoom (f->view, zoom);
  treaties_article_view_set_article (f->view, article);
  gtk_window_set_default_size (f->window, width, 600);
  g_assert_true (wait_until (is_mapped, f->view));
  /* The new width is allocated, then the lines are laid out at it. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_true (wait_until (is_laid_out, f->view));
}

static int
text_top (GtkTextView *view,
          int          offset)
{
  GtkTextIter iter;
  GdkRectangle rect;

  gtk_text_buffer_get_iter_at_offset (gtk_text_view_get_buffer (view), &iter, offset);
  gtk_text_view_get_iter_location (view, &iter, &rect);
  return rect.y;
}

/* The bottom of the text of the last display line that holds @offset.
 * Pango places lines in 1/1024 px and GTK rounds each rectangle on its
 * own, so a line's last rectangle can overrun the height GTK gave the
 * line by a pixel: the line's end is where the text ends at the latest. */
static int
text_bottom (GtkTextView *view,
             int          offset)
{
  GtkTextIter iter;
  GdkRectangle rect;
  int y, height;

  gtk_text_buffer_get_iter_at_offset (gtk_text_view_get_buffer (view), &iter, offset);
  gtk_text_view_get_iter_location (view, &iter, &rect);
  gtk_text_view_get_line_yrange (view, &iter, &y, &height);
  return MIN (rect.y + rect.height, y + height);
}

static char *
block_text (GtkTextView                    *view,
            const TreatiesArticleViewBlock *block)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_iter_at_offset (buffer, &start, block->start);
  gtk_text_buffer_get_iter_at_offset (buffer, &end, MIN (block->end, block->start + 40));
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/* No display line reaches past the text's margins: a word too long for a
 * line breaks rather than runs off the page. */
static void
check_lines_fit (GtkTextView *view,
                 const char  *what)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  int right = gtk_widget_get_width (GTK_WIDGET (view)) - gtk_text_view_get_right_margin (view);
  GtkTextIter iter;

  gtk_text_buffer_get_start_iter (buffer, &iter);
  do
    {
      GtkTextIter end = iter;
      GdkRectangle first, last;

      if (!gtk_text_iter_ends_line (&end))
        gtk_text_view_forward_display_line_end (view, &end);
      gtk_text_view_get_iter_location (view, &iter, &first);
      gtk_text_view_get_iter_location (view, &end, &last);
      if (MIN (first.x, last.x) < 0 || MAX (first.x, last.x) > right)
        {
          g_autofree char *text = gtk_text_iter_get_text (&iter, &end);
          g_error ("%s: a line runs from x = %d to %d, past the margins (0 to %d): “%s”",
                   what, first.x, last.x, right, text);
        }
    }
  while (gtk_text_view_forward_display_line (view, &iter));
}

/* Checks the view's blocks and returns how many boxes it saw. */
static guint
check_geometry (Fixture    *f,
                const char *what)
{
  GtkTextView *view = GTK_TEXT_VIEW (f->view);
  g_autoptr(GArray) blocks = treaties_article_view_get_block_extents (f->view);
  guint n_boxes = 0;
  int last_bottom = G_MININT;
  const TreatiesArticleViewBlock *last = NULL;

  g_assert_cmpuint (blocks->len, >, 1);
  check_lines_fit (view, what);
  for (guint i = 0; i < blocks->len; i++)
    {
      const TreatiesArticleViewBlock *block = &g_array_index (blocks, TreatiesArticleViewBlock, i);
      int top = text_top (view, block->start);
      int bottom = text_bottom (view, block->end);

      g_assert_cmpint (block->start, <=, block->end);
      g_assert_cmpint (top, <, bottom);
      if (block->boxed)
        {
          /* The box holds its own text, with room round it. */
          if (block->box.y >= top || block->box.y + block->box.height <= bottom)
            {
              g_autofree char *text = block_text (view, block);
              g_error ("%s: the box %d..%d does not hold its text %d..%d (“%s”)", what,
                       block->box.y, block->box.y + block->box.height, top, bottom, text);
            }
          top = block->box.y;
          bottom = block->box.y + block->box.height;
          n_boxes++;
        }

      if (last != NULL && top - last_bottom < TREATIES_ARTICLE_VIEW_BLOCK_GAP)
        {
          g_autofree char *above = block_text (view, last);
          g_autofree char *below = block_text (view, block);
          g_error ("%s: %d px between “%s”%s (ending at %d) and “%s”%s (starting at %d); at least %d wanted",
                   what, top - last_bottom, above, last->boxed ? " (its box)" : "", last_bottom,
                   below, block->boxed ? " (its box)" : "", top, TREATIES_ARTICLE_VIEW_BLOCK_GAP);
        }
      last = block;
      last_bottom = bottom;
    }
  return n_boxes;
}

static void
test_block_orders (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (block_orders, strlen (block_orders));
  g_autoptr(GError) error = NULL;
  g_autoptr(TreatiesArticle) article = treaties_article_new_from_bytes (bytes, "orders.json", &error);
  static const int widths[] = { 720, 360 };

  g_assert_no_error (error);
  for (guint w = 0; w < G_N_ELEMENTS (widths); w++)
    {
      g_autoptr(GArray) blocks = NULL;

      set_article (f, article, widths[w], 1.0);
      /* Title and date, 2 headings + 1 subheading, 8 + 3 blocks. */
      blocks = treaties_article_view_get_block_extents (f->view);
      g_assert_cmpuint (blocks->len, ==, 1 + 3 + 11);
      g_assert_cmpuint (check_geometry (f, "block orders"), ==, 5);
      treaties_article_view_set_article (f->view, NULL);
    }
}

/* Generated articles: narrow and wide, at three zooms. */
static void
test_generated (Fixture       *f,
                gconstpointer  data)
{
  static const int widths[] = { 720, 360, 520 };
  static const double zooms[] = { 1.0, 1.6, 0.8 };
  const char *env = g_getenv ("TREATIES_GEOMETRY_SEEDS");
  guint n_seeds = env != NULL ? (guint) g_ascii_strtoull (env, NULL, 10) : N_SEEDS;
  guint n_boxes = 0;

  for (guint32 seed = 1; seed <= n_seeds; seed++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) bytes = treaties_test_generate_article_bytes (seed, &error);
      g_autoptr(TreatiesArticle) article = NULL;
      g_autofree char *what = g_strdup_printf ("seed %u", seed);

      g_assert_no_error (error);
      article = treaties_article_new_from_bytes (bytes, "generated.json", &error);
      g_assert_no_error (error);
      set_article (f, article, widths[seed % G_N_ELEMENTS (widths)], zooms[seed % G_N_ELEMENTS (zooms)]);
      n_boxes += check_geometry (f, what);
    }
  /* The generator puts boxes in nearly every article. */
  g_assert_cmpuint (n_boxes, >=, n_seeds);
  g_test_message ("%u articles, %u boxes", n_seeds, n_boxes);
}

int
main (int   argc,
      char *argv[])
{
  ui_test_init (&argc, &argv);

  g_test_add ("/article-geometry/block-orders", Fixture, NULL, fixture_setup, test_block_orders, fixture_teardown);
  g_test_add ("/article-geometry/generated", Fixture, NULL, fixture_setup, test_generated, fixture_teardown);

  return g_test_run ();
}
