/* test-hostile-view.c: allowed but extreme content in the reading view
 *
 * One word of 80,000 characters is allowed (a string may hold 1 MiB); pango
 * lays out a word with no break opportunity in time that grows with the
 * square of its length, which froze the window for seconds. The view must
 * lay it out about as fast as the same letters in ordinary words, and show
 * the same text.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "treaties-article-view.h"
#include "treaties-text-match.h"
#include "ui-test-utils.h"

#define WORD_LENGTH 80000

static TreatiesArticle *
article_with_paragraph (const char *text)
{
  g_autofree char *json = g_strdup_printf ("{\"format\": 1, \"id\": \"a\", \"title\": \"T\", \"sections\": "
                                           "[{\"id\": \"s\", \"title\": \"S\", \"blocks\": "
                                           "[{\"type\": \"paragraph\", \"text\": \"%s\"}]}]}", text);
  g_autoptr(GBytes) bytes = g_bytes_new_take (g_steal_pointer (&json), strlen (json));
  g_autoptr(GError) error = NULL;
  TreatiesArticle *article = treaties_article_new_from_bytes (bytes, "long.json", &error);

  g_assert_no_error (error);
  return article;
}

/* The buffer's text without the zero-width spaces the view may add. */
static char *
visible_text (TreatiesArticleView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  GtkTextIter start, end;
  g_autofree char *text = NULL;
  GString *out = g_string_new (NULL);

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, TRUE);
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (g_utf8_get_char (p) != 0x200B)
      g_string_append_unichar (out, g_utf8_get_char (p));
  return g_string_free (out, FALSE);
}

/* Microseconds to lay out the paragraph (the article's last line) of
 * @article in @view: asking for a position in it lays out the whole line. */
static gint64
time_layout (TreatiesArticleView *view,
             TreatiesArticle     *article)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  GtkTextIter end;
  GdkRectangle where;
  gint64 start;

  treaties_article_view_set_article (view, article);
  gtk_text_buffer_get_end_iter (buffer, &end);
  start = g_get_monotonic_time ();
  gtk_text_view_get_iter_location (GTK_TEXT_VIEW (view), &end, &where);
  return g_get_monotonic_time () - start;
}

static void
test_long_word (void)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *scroller = gtk_scrolled_window_new ();
  TreatiesArticleView *view = TREATIES_ARTICLE_VIEW (treaties_article_view_new ());
  g_autoptr(GString) word = g_string_new (NULL);
  g_autoptr(GString) words = g_string_new (NULL);
  g_autoptr(TreatiesArticle) word_article = NULL;
  g_autoptr(TreatiesArticle) words_article = NULL;
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  g_autofree char *shown = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *buffer_text = NULL;
  g_autoptr(GArray) matches = NULL;
  GtkTextIter start, end;
  gint64 word_us, words_us;

  /* The same letters, once as one word and once as words of 8. */
  while (word->len < WORD_LENGTH)
    {
      g_string_append (word, "Pneumono");
      g_string_append (words, "Pneumono ");
    }
  word_article = article_with_paragraph (word->str);
  words_article = article_with_paragraph (words->str);

  gtk_window_set_default_size (GTK_WINDOW (window), 900, 600);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), GTK_WIDGET (view));
  gtk_window_set_child (GTK_WINDOW (window), scroller);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (wait_until (is_mapped, view));
  settle ();

  words_us = time_layout (view, words_article);
  word_us = time_layout (view, word_article);
  g_test_message ("laying out %d characters: as words %" G_GINT64_FORMAT " ms, as one word %" G_GINT64_FORMAT " ms",
                  WORD_LENGTH, words_us / 1000, word_us / 1000);
  g_assert_cmpint (word_us, <, 4 * words_us + 100 * 1000);

  /* It reads as written, and search (which looks at the buffer) finds a
   * stretch longer than any unbroken piece. */
  shown = visible_text (view);
  expected = g_strconcat ("T\nS\n", word->str, NULL);
  g_assert_cmpstr (shown, ==, expected);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  buffer_text = gtk_text_buffer_get_text (buffer, &start, &end, TRUE);
  matches = treaties_text_match_find_all (buffer_text, word->str + 3 + 8 * 100);
  g_assert_cmpuint (matches->len, ==, 1);

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  ui_test_init (&argc, &argv);

  g_test_add_func ("/hostile-view/long-word", test_long_word);

  return g_test_run ();
}
