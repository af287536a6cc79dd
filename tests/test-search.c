/* test-search.c: find in the article, driven as a reader would
 *
 * A window put together like the reading window (search bar, sidebar, text,
 * timeline) and joined with treaties_window_search_attach(). Runs under Xvfb
 * (see tests/meson.build) with G_DEBUG=fatal-criticals.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <locale.h>
#include <string.h>

#include <adwaita.h>

#include "treaties-article-view.h"
#include "treaties-resources.h"
#include "treaties-search-bar.h"
#include "treaties-text-match.h"
#include "treaties-timeline.h"
#include "treaties-window-search.h"
#include "ui-test-utils.h"

/* Where the words searched for are, section by section (see make_article):
 *   intro:   "Litvinov", "État", "München"
 *   talks:   "ETAT", "LITVINOV" (after a long stretch of text)
 *   munich:  "MUNCHEN", "Munchen", "litvinov"
 *   epilogue: none of them
 * and the events: "Litvinov Protocol", "Munich Agreement",
 * "Conférence de Genève", "Wall Street Crash". */
static const char *section_ids[] = { "intro", "talks", "munich", "epilogue" };

static const char filler[] =
  "The delegates met again in the long hall and read the drafts aloud, clause by clause, "
  "until the light went and the secretaries lit the lamps. ";

static void
append_paragraph (GString    *json,
                  const char *text,
                  gboolean    last)
{
  g_string_append_printf (json, "{\"type\": \"paragraph\", \"text\": \"%s\"}%s", text, last ? "" : ",");
}

static void
append_filler (GString *json,
               guint    n)
{
  for (guint i = 0; i < n; i++)
    append_paragraph (json, filler, FALSE);
}

static TreatiesArticle *
make_article (void)
{
  g_autoptr(GString) json = g_string_new (NULL);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  TreatiesArticle *article;

  g_string_append (json,
                   "{\"format\": 1, \"id\": \"search-test\", \"title\": \"A Treaty to Search\","
                   " \"date\": \"1931-10-29\", \"sections\": [");

  g_string_append (json, "{\"id\": \"intro\", \"title\": \"Introduction\", \"blocks\": [");
  append_paragraph (json, "Litvinov wrote to the Conseil d’État from München.", FALSE);
  append_filler (json, 3);
  append_paragraph (json, "So it began.", TRUE);
  g_string_append (json, "]},");

  g_string_append (json, "{\"id\": \"talks\", \"title\": \"The Talks\", \"blocks\": [");
  append_filler (json, 14);
  append_paragraph (json, "The ETAT papers reached LITVINOV at last.", FALSE);
  append_filler (json, 4);
  append_paragraph (json, "Nothing more.", TRUE);
  g_string_append (json, "]},");

  g_string_append (json, "{\"id\": \"munich\", \"title\": \"At Munich\", \"blocks\": [");
  append_paragraph (json, "MUNCHEN in capitals, Munchen without its accent, and litvinov in lower case.", FALSE);
  append_filler (json, 6);
  append_paragraph (json, "The end of that.", TRUE);
  g_string_append (json, "]},");

  g_string_append (json, "{\"id\": \"epilogue\", \"title\": \"Epilogue\", \"blocks\": [");
  append_filler (json, 8);
  append_paragraph (json, "Quiet.", TRUE);
  g_string_append (json, "]}],");

  g_string_append (json,
                   " \"timeline\": {\"start\": \"1925-01-01\", \"end\": \"1939-12-31\", \"events\": ["
                   "  {\"id\": \"geneva\", \"date\": \"1927-05-04\", \"title\": \"Conférence de Genève\", \"sections\": [\"intro\"]},"
                   "  {\"id\": \"litvinov\", \"date\": \"1929-02-09\", \"title\": \"Litvinov Protocol\", \"sections\": [\"talks\"]},"
                   "  {\"id\": \"crash\", \"date\": \"1929-10-24\", \"title\": \"Wall Street Crash\", \"sections\": [\"talks\"]},"
                   "  {\"id\": \"munich\", \"date\": \"1938-09-30\", \"title\": \"Munich Agreement\", \"sections\": [\"munich\"]}]}}");

  bytes = g_bytes_new (json->str, json->len);
  article = treaties_article_new_from_bytes (bytes, "search-test.json", &error);
  g_assert_no_error (error);
  return article;
}

typedef struct
{
  GtkWindow           *window;
  TreatiesSearchBar   *bar;
  GtkWidget           *entry;
  TreatiesArticleView *view;
  GtkScrolledWindow   *scroller;
  TreatiesTimeline    *timeline;
  TreatiesSidebar     *sidebar;
  TreatiesArticle     *article;
} Fixture;

static void
set_article (Fixture         *f,
             TreatiesArticle *article)
{
  treaties_sidebar_set_article (f->sidebar, article);
  treaties_article_view_set_article (f->view, article);
  treaties_timeline_set_article (f->timeline, article);
  /* As the window does once all three show it. */
  treaties_window_search_refresh (f->bar);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  GtkWidget *box, *paned, *content;

  f->article = make_article ();

  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, 1000, 640);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_window_set_child (f->window, box);

  f->bar = TREATIES_SEARCH_BAR (treaties_search_bar_new ());
  f->entry = treaties_search_bar_get_entry (f->bar);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (f->bar));

  paned = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_widget_set_vexpand (paned, TRUE);
  gtk_box_append (GTK_BOX (box), paned);

  f->sidebar = TREATIES_SIDEBAR (treaties_sidebar_new ());
  gtk_widget_set_size_request (GTK_WIDGET (f->sidebar), 220, -1);
  gtk_box_append (GTK_BOX (paned), GTK_WIDGET (f->sidebar));
  gtk_box_append (GTK_BOX (paned), gtk_separator_new (GTK_ORIENTATION_VERTICAL));

  content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_set_hexpand (content, TRUE);
  gtk_box_append (GTK_BOX (paned), content);

  f->view = TREATIES_ARTICLE_VIEW (treaties_article_view_new ());
  f->scroller = GTK_SCROLLED_WINDOW (gtk_scrolled_window_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (f->scroller), TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (f->scroller), "view");
  gtk_scrolled_window_set_policy (f->scroller, GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (f->scroller, GTK_WIDGET (f->view));
  gtk_box_append (GTK_BOX (content), GTK_WIDGET (f->scroller));
  gtk_box_append (GTK_BOX (content), gtk_separator_new (GTK_ORIENTATION_HORIZONTAL));

  f->timeline = TREATIES_TIMELINE (treaties_timeline_new ());
  gtk_widget_set_margin_top (GTK_WIDGET (f->timeline), 6);
  gtk_widget_set_margin_bottom (GTK_WIDGET (f->timeline), 6);
  gtk_box_append (GTK_BOX (content), GTK_WIDGET (f->timeline));

  set_article (f, f->article);
  treaties_window_search_attach (f->bar, f->view, f->timeline, f->sidebar, NULL);

  gtk_window_present (f->window);
  g_assert_true (wait_until (is_mapped, f->view));
  settle ();
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  gtk_window_destroy (f->window);
  g_clear_object (&f->article);
  settle ();
}

typedef struct
{
  Fixture    *f;
  const char *text;
} CountWait;

static gboolean
count_is (gpointer data)
{
  CountWait *w = data;

  return g_strcmp0 (treaties_search_bar_get_count_text (w->f->bar), w->text) == 0;
}

/* Types @query as the reader does and waits for the count to say @count. */
static void
type_query (Fixture    *f,
            const char *query,
            const char *count)
{
  CountWait w = { f, count };

  gtk_editable_set_text (GTK_EDITABLE (f->entry), query);
  if (!wait_until (count_is, &w))
    g_error ("“%s”: the count says “%s”, expected “%s”",
             query, treaties_search_bar_get_count_text (f->bar), count);
}

static void
start (Fixture *f)
{
  treaties_search_bar_start (f->bar);
  settle ();
  g_assert_true (treaties_search_bar_get_search_mode_enabled (f->bar));
}

static char *
match_text (Fixture *f,
            guint    index)
{
  GtkTextIter start, end;

  g_assert_true (treaties_article_view_get_match_bounds (f->view, index, &start, &end));
  return gtk_text_iter_get_text (&start, &end);
}

/* The section whose heading is the last one above match @index. */
static const char *
section_of_match (Fixture *f,
                  guint    index)
{
  const char *found = NULL;
  GtkTextIter start, end;
  GdkRectangle location;
  int match_y;

  g_assert_true (treaties_article_view_get_match_bounds (f->view, index, &start, &end));
  gtk_text_view_get_iter_location (GTK_TEXT_VIEW (f->view), &start, &location);
  match_y = location.y + gtk_text_view_get_top_margin (GTK_TEXT_VIEW (f->view));
  for (guint i = 0; i < G_N_ELEMENTS (section_ids); i++)
    {
      int y;

      g_assert_true (treaties_article_view_get_section_y (f->view, section_ids[i], &y));
      if (y <= match_y)
        found = section_ids[i];
    }
  return found;
}

/* The selected match is in view, not at the very edge. */
static gboolean
selected_in_view (gpointer data)
{
  Fixture *f = data;
  int index = treaties_article_view_get_selected_match (f->view);
  GtkTextIter start, end;
  GdkRectangle visible, location;

  if (index < 0 || !treaties_article_view_get_match_bounds (f->view, index, &start, &end))
    return FALSE;
  gtk_text_view_get_visible_rect (GTK_TEXT_VIEW (f->view), &visible);
  gtk_text_view_get_iter_location (GTK_TEXT_VIEW (f->view), &start, &location);
  return location.y >= visible.y + visible.height / 10 &&
         location.y + location.height <= visible.y + visible.height - visible.height / 10;
}

static void
assert_selected (Fixture *f,
                 int      index)
{
  g_assert_cmpint (treaties_article_view_get_selected_match (f->view), ==, index);
  if (!wait_until (selected_in_view, f))
    g_error ("match %d is not in view", index);
}

static void
emit_key (GtkWidget       *widget,
          guint            keyval,
          GdkModifierType  state)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  gboolean handled = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers) && !handled; i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller) &&
          g_strcmp0 (gtk_event_controller_get_name (controller), "treaties-search-keys") == 0)
        g_signal_emit_by_name (controller, "key-pressed", keyval, 0, state, &handled);
    }
  g_assert_true (handled);
}

static void
test_count (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *first = NULL;

  start (f);
  /* The entry has the focus (its text child, in fact). */
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (f->window)), f->entry));

  type_query (f, "litvinov", "1 of 3");
  g_assert_cmpuint (treaties_article_view_get_n_matches (f->view), ==, 3);
  first = match_text (f, 0);
  g_assert_cmpstr (first, ==, "Litvinov");
  assert_selected (f, 0);

  /* Nothing, and a query without matches. */
  type_query (f, "  ", "");
  g_assert_cmpuint (treaties_article_view_get_n_matches (f->view), ==, 0);
  type_query (f, "zzyzx", "No matches");
  g_assert_cmpuint (treaties_article_view_get_n_matches (f->view), ==, 0);
  g_assert_true (gtk_widget_has_css_class (f->entry, "error"));
  type_query (f, "litvinov", "1 of 3");
  g_assert_false (gtk_widget_has_css_class (f->entry, "error"));
}

static void
test_next_previous (Fixture       *f,
                    gconstpointer  data)
{
  CountWait w = { f, NULL };
  const char *expected[] = { "intro", "talks", "munich" };

  start (f);
  type_query (f, "litvinov", "1 of 3");

  /* Enter goes on, round to the first. */
  for (guint i = 1; i <= 3; i++)
    {
      g_autofree char *count = g_strdup_printf ("%u of 3", i % 3 + 1);

      g_signal_emit_by_name (f->entry, "activate");
      w.text = count;
      g_assert_true (count_is (&w));
      assert_selected (f, i % 3);
      /* The match's section is the current one, as after a jump. */
      g_assert_cmpstr (treaties_article_view_get_current_section (f->view), ==, expected[i % 3]);
      g_assert_cmpstr (section_of_match (f, i % 3), ==, expected[i % 3]);
    }

  /* Shift+Enter goes back, round to the last. */
  emit_key (f->entry, GDK_KEY_Return, GDK_SHIFT_MASK);
  w.text = "3 of 3";
  g_assert_true (count_is (&w));
  assert_selected (f, 2);
  emit_key (f->entry, GDK_KEY_KP_Enter, GDK_SHIFT_MASK);
  assert_selected (f, 1);

  /* Ctrl+G and Ctrl+Shift+G are the entry's next-match and previous-match. */
  g_signal_emit_by_name (f->entry, "next-match");
  assert_selected (f, 2);
  g_signal_emit_by_name (f->entry, "previous-match");
  g_signal_emit_by_name (f->entry, "previous-match");
  assert_selected (f, 0);

  /* And the buttons' actions. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->bar), "search-bar.previous-match", NULL));
  assert_selected (f, 2);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->bar), "search-bar.next-match", NULL));
  assert_selected (f, 0);
}

/* Only the current match carries "search-current", every match carries
 * "search-match". */
static void
test_highlights (Fixture       *f,
                 gconstpointer  data)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (f->view));
  GtkTextTagTable *table = gtk_text_buffer_get_tag_table (buffer);
  GtkTextTag *match = gtk_text_tag_table_lookup (table, "search-match");
  GtkTextTag *current = gtk_text_tag_table_lookup (table, "search-current");
  GtkTextIter iter;
  guint n_match = 0, n_current = 0;

  start (f);
  type_query (f, "litvinov", "1 of 3");
  g_signal_emit_by_name (f->entry, "activate");

  gtk_text_buffer_get_start_iter (buffer, &iter);
  while (gtk_text_iter_forward_to_tag_toggle (&iter, NULL))
    {
      if (gtk_text_iter_starts_tag (&iter, match))
        n_match++;
      if (gtk_text_iter_starts_tag (&iter, current))
        {
          GtkTextIter start, end;

          g_assert_true (treaties_article_view_get_match_bounds (f->view, 1, &start, &end));
          g_assert_true (gtk_text_iter_equal (&iter, &start));
          n_current++;
        }
    }
  g_assert_cmpuint (n_match, ==, 3);
  g_assert_cmpuint (n_current, ==, 1);
}

static void
test_case_and_accents (Fixture       *f,
                       gconstpointer  data)
{
  const char *etat[] = { "État", "ETAT" };
  const char *munchen[] = { "München", "MUNCHEN", "Munchen" };

  start (f);
  type_query (f, "etat", "1 of 2");
  for (guint i = 0; i < G_N_ELEMENTS (etat); i++)
    {
      g_autofree char *text = match_text (f, i);
      g_assert_cmpstr (text, ==, etat[i]);
    }

  type_query (f, "munchen", "1 of 3");
  for (guint i = 0; i < G_N_ELEMENTS (munchen); i++)
    {
      g_autofree char *text = match_text (f, i);
      g_assert_cmpstr (text, ==, munchen[i]);
    }

  /* Typed with the accent, it finds the plain spellings too. */
  type_query (f, "MÜNCHEN", "1 of 3");
}

/* Whether the sidebar marks @id's row, which is on screen (all the test
 * article's are) and agrees. */
static gboolean
row_has_match (Fixture    *f,
               const char *id)
{
  GListModel *outline = treaties_article_get_outline (treaties_sidebar_get_article (f->sidebar));

  for (guint i = 0; i < g_list_model_get_n_items (outline); i++)
    {
      g_autoptr(TreatiesSection) section = g_list_model_get_item (outline, i);
      GtkWidget *row;

      if (!g_str_equal (treaties_section_get_id (section), id))
        continue;
      row = treaties_sidebar_get_row (f->sidebar, i);
      g_assert_nonnull (row);
      g_assert_cmpint (gtk_widget_has_css_class (row, "has-match"), ==, treaties_sidebar_has_match (f->sidebar, id));
      return gtk_widget_has_css_class (row, "has-match");
    }
  g_error ("no row for %s", id);
}

static void
assert_marked_sections (Fixture    *f,
                        const char *ids)
{
  g_auto(GStrv) marked = g_strsplit (ids, " ", -1);
  g_auto(GStrv) with_matches = treaties_article_view_dup_sections_with_matches (f->view);

  for (guint i = 0; i < G_N_ELEMENTS (section_ids); i++)
    {
      gboolean expected = *ids != '\0' && g_strv_contains ((const char * const *) marked, section_ids[i]);

      if (row_has_match (f, section_ids[i]) != expected)
        g_error ("section %s: marked %d, expected %d", section_ids[i], !expected, expected);
      g_assert_cmpint (g_strv_contains ((const char * const *) with_matches, section_ids[i]), ==, expected);
    }
}

static void
test_sections_marked (Fixture       *f,
                      gconstpointer  data)
{
  start (f);
  type_query (f, "litvinov", "1 of 3");
  assert_marked_sections (f, "intro talks munich");
  type_query (f, "etat", "1 of 2");
  assert_marked_sections (f, "intro talks");
  type_query (f, "capitals", "1 of 1");
  assert_marked_sections (f, "munich");
  type_query (f, "", "");
  assert_marked_sections (f, "");
}

static void
assert_marked_events (Fixture    *f,
                      const char *ids)
{
  g_auto(GStrv) expected_ids = g_strsplit (ids, " ", -1);
  GListModel *events = treaties_article_get_events (f->article);
  guint n_marked = 0;

  for (guint i = 0; i < g_list_model_get_n_items (events); i++)
    {
      g_autoptr(TreatiesEvent) event = g_list_model_get_item (events, i);
      gboolean expected = *ids != '\0' &&
                          g_strv_contains ((const char * const *) expected_ids, treaties_event_get_id (event));

      if (treaties_timeline_is_matching_event (f->timeline, event) != expected)
        g_error ("event %s: marked %d, expected %d", treaties_event_get_id (event), !expected, expected);
      n_marked += expected;
    }
  g_assert_cmpuint (n_marked, ==, *ids != '\0' ? g_strv_length (expected_ids) : 0);
}

static void
test_events_marked (Fixture       *f,
                    gconstpointer  data)
{
  start (f);
  type_query (f, "litvinov", "1 of 3");
  assert_marked_events (f, "litvinov");
  /* Accents in titles are ignored too; a title can match with no match
   * in the text. */
  type_query (f, "geneve", "No matches");
  assert_marked_events (f, "geneva");
  type_query (f, "munich", "1 of 1");
  assert_marked_events (f, "munich");
  type_query (f, "", "");
  assert_marked_events (f, "");
}

static gboolean
is_stopped (gpointer data)
{
  Fixture *f = data;
  return !treaties_search_bar_get_search_mode_enabled (f->bar);
}

static void
assert_cleared (Fixture *f)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (f->view));
  GtkTextTagTable *table = gtk_text_buffer_get_tag_table (buffer);
  GtkTextIter iter;

  g_assert_cmpuint (treaties_article_view_get_n_matches (f->view), ==, 0);
  g_assert_cmpint (treaties_article_view_get_selected_match (f->view), ==, -1);
  gtk_text_buffer_get_start_iter (buffer, &iter);
  g_assert_false (gtk_text_iter_forward_to_tag_toggle (&iter, gtk_text_tag_table_lookup (table, "search-match")));
  gtk_text_buffer_get_start_iter (buffer, &iter);
  g_assert_false (gtk_text_iter_forward_to_tag_toggle (&iter, gtk_text_tag_table_lookup (table, "search-current")));
  assert_marked_sections (f, "");
  assert_marked_events (f, "");
}

static void
count_cb (guint *count)
{
  (*count)++;
}

static void
test_escape_clears (Fixture       *f,
                    gconstpointer  data)
{
  guint stopped = 0;

  start (f);
  type_query (f, "litvinov", "1 of 3");
  g_signal_emit_by_name (f->entry, "activate");
  assert_selected (f, 1);

  /* Escape in the entry. */
  {
    gulong id = g_signal_connect_swapped (f->bar, "stopped", G_CALLBACK (count_cb), &stopped);

    g_signal_emit_by_name (f->entry, "stop-search");
    g_assert_true (wait_until (is_stopped, f));
    g_signal_handler_disconnect (f->bar, id);
  }
  g_assert_cmpuint (stopped, ==, 1);
  assert_cleared (f);
  /* The reader is back in the text. */
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (f->view)));

  /* Ctrl+F again: the last query, selected, with its highlights, from
   * where the reader was. */
  {
    CountWait w = { f, "2 of 3" };

    start (f);
    if (!count_is (&w))
      g_error ("the count says “%s”", treaties_search_bar_get_count_text (f->bar));
  }
  assert_selected (f, 1);
  g_assert_cmpstr (treaties_search_bar_get_query (f->bar), ==, "litvinov");
  g_assert_cmpuint (treaties_article_view_get_n_matches (f->view), ==, 3);
  {
    int sel_start = -1, sel_end = -1;

    g_assert_true (gtk_editable_get_selection_bounds (GTK_EDITABLE (f->entry), &sel_start, &sel_end));
    g_assert_cmpint (sel_start, ==, 0);
    g_assert_cmpint (sel_end, ==, strlen ("litvinov"));
  }
  assert_marked_sections (f, "intro talks munich");

  /* The API, as the window's close does. */
  treaties_search_bar_stop (f->bar);
  g_assert_true (wait_until (is_stopped, f));
  assert_cleared (f);
}

/* The first match is the first at or after where the reader is. */
static void
test_starts_at_reading_position (Fixture       *f,
                                 gconstpointer  data)
{
  GtkAdjustment *adj = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (f->view));
  int y;

  g_assert_true (treaties_article_view_get_section_y (f->view, "munich", &y));
  gtk_adjustment_set_value (adj, y);
  settle ();

  start (f);
  type_query (f, "litvinov", "3 of 3");
  assert_selected (f, 2);
  /* Typing on refines around the same match. */
  type_query (f, "litvinov in", "1 of 1");
  type_query (f, "litvinov", "3 of 3");

  /* Past the last match, round to the first. */
  treaties_search_bar_stop (f->bar);
  g_assert_true (treaties_article_view_get_section_y (f->view, "epilogue", &y));
  gtk_adjustment_set_value (adj, gtk_adjustment_get_upper (adj));
  settle ();
  start (f);
  {
    CountWait w = { f, "1 of 3" };
    g_assert_true (wait_until (count_is, &w));
  }
  assert_selected (f, 0);
}

static void
test_new_article (Fixture       *f,
                  gconstpointer  data)
{
  static const char other[] =
    "{\"format\": 1, \"id\": \"other\", \"title\": \"Another Treaty\", \"date\": \"1925-12-01\","
    " \"sections\": ["
    "  {\"id\": \"one\", \"title\": \"First Part\", \"blocks\": [{\"type\": \"paragraph\", \"text\": \"Litvinov was not there.\"}]},"
    "  {\"id\": \"two\", \"title\": \"Second Part\", \"blocks\": [{\"type\": \"paragraph\", \"text\": \"Beta text.\"}]}],"
    " \"timeline\": {\"start\": \"1920-01-01\", \"end\": \"1930-01-01\", \"events\": ["
    "  {\"id\": \"e\", \"date\": \"1925-12-01\", \"title\": \"Signed\", \"sections\": [\"two\"]}]}}";
  g_autoptr(GBytes) bytes = g_bytes_new_static (other, strlen (other));
  g_autoptr(GError) error = NULL;
  g_autoptr(TreatiesArticle) article = treaties_article_new_from_bytes (bytes, "other.json", &error);
  CountWait w = { f, "1 of 1" };

  g_assert_no_error (error);
  start (f);
  type_query (f, "litvinov", "1 of 3");

  /* The search runs again on the new text. */
  set_article (f, article);
  g_assert_true (wait_until (count_is, &w));
  g_assert_cmpuint (treaties_article_view_get_n_matches (f->view), ==, 1);
  settle ();
  g_assert_true (row_has_match (f, "one"));
  g_assert_false (row_has_match (f, "two"));

  /* Closed, a new article brings no highlights. */
  treaties_search_bar_stop (f->bar);
  set_article (f, f->article);
  settle ();
  g_assert_cmpuint (treaties_article_view_get_n_matches (f->view), ==, 0);
}

static void
test_search_bar_leaks (void)
{
  GtkWidget *bar = treaties_search_bar_new ();

  g_object_ref_sink (bar);
  treaties_search_bar_set_count (TREATIES_SEARCH_BAR (bar), 2, 5);
  g_assert_cmpstr (treaties_search_bar_get_count_text (TREATIES_SEARCH_BAR (bar)), ==, "2 of 5");
  treaties_search_bar_set_count (TREATIES_SEARCH_BAR (bar), 0, 5);
  g_assert_cmpstr (treaties_search_bar_get_count_text (TREATIES_SEARCH_BAR (bar)), ==, "5 matches");
  g_assert_finalize_object (bar);
}

int
main (int   argc,
      char *argv[])
{
  ui_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("/search/count", test_count);
  ADD ("/search/next-previous", test_next_previous);
  ADD ("/search/highlights", test_highlights);
  ADD ("/search/case-and-accents", test_case_and_accents);
  ADD ("/search/sections-marked", test_sections_marked);
  ADD ("/search/events-marked", test_events_marked);
  ADD ("/search/escape-clears", test_escape_clears);
  ADD ("/search/starts-at-reading-position", test_starts_at_reading_position);
  ADD ("/search/new-article", test_new_article);
  g_test_add_func ("/search/bar/leaks", test_search_bar_leaks);

  return g_test_run ();
}
