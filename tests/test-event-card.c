/* test-event-card.c: from a timeline event to its passages and back
 *
 * Drives the reading window with a generated article whose events are
 * marked in its text: activating an event as a screen reader does, cycling
 * through its passages, activating the marked words, the card in its
 * popover and in the narrow window's sheet, and the events' accessible
 * elements. Runs under Xvfb (see tests/meson.build).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include <adwaita.h>

#include "treaties-article-view.h"
#include "treaties-event-card.h"
#include "treaties-timeline.h"
#include "treaties-window.h"
#include "treaties-sidebar.h"
#include "ui-test-utils.h"

#define FILLER "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor " \
               "incididunt ut labore et dolore magna aliqua. Ut enim ad minim veniam, quis nostrud " \
               "exercitation ullamco laboris nisi ut aliquip ex ea commodo consequat. "

typedef struct
{
  TreatiesWindow  *window;
  TreatiesArticle *article;
} Fixture;

/* An article of @n_sections sections of filler, long enough to scroll,
 * with "alpha" marked three times across two sections (the last two in the
 * same paragraph's neighbours), "beta" marked nowhere (its sections are the
 * fallback), "omega" on the range's last day, and two events on one day. */
static TreatiesArticle *
generate_article (guint n_sections)
{
  g_autoptr(GString) json = g_string_new (NULL);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  TreatiesArticle *article;

  g_string_append (json, "{\"format\": 1, \"id\": \"generated\", \"title\": \"Generated\", \"sections\": [");
  for (guint s = 0; s < n_sections; s++)
    {
      g_string_append_printf (json, "%s{\"id\": \"s%u\", \"title\": \"Section %u\", \"blocks\": [",
                              s ? "," : "", s, s);
      for (guint p = 0; p < 6; p++)
        {
          g_string_append_printf (json, "%s{\"type\": \"paragraph\", \"text\": [\"" FILLER FILLER "\"",
                                  p ? "," : "");
          if ((s == 1 && p == 3) || (s == 3 && (p == 1 || p == 4)))
            g_string_append_printf (json, ", \"Then came \", {\"text\": \"the alpha accord %u.%u\", "
                                    "\"event\": \"alpha\"}, \" of the story. \"", s, p);
          g_string_append (json, ", \"" FILLER "\"]}");
        }
      g_string_append (json, "]}");
    }
  g_string_append (json, "], \"timeline\": {\"start\": \"1918-11-11\", \"end\": \"1939-09-01\", \"events\": ["
                         "{\"id\": \"alpha\", \"date\": \"1925-10-16\", \"title\": \"Alpha accord\","
                         " \"description\": \"The alpha accord is signed.\", \"href\": \"https://example.org/alpha\"},"
                         "{\"id\": \"beta\", \"date\": \"1927-03-01\", \"title\": \"Beta talks\","
                         " \"description\": \"Talks about beta.\", \"sections\": [\"s4\", \"s2\"]},"
                         "{\"id\": \"twin-a\", \"date\": \"1930-05-05\", \"title\": \"Twin one\", \"description\": \"The first twin.\"},"
                         "{\"id\": \"twin-b\", \"date\": \"1930-05-05\", \"title\": \"Twin two\", \"description\": \"The second twin.\"},"
                         "{\"id\": \"omega\", \"date\": \"1939-09-01\", \"title\": \"Omega\","
                         " \"description\": \"The very last day.\"}]}}");

  bytes = g_bytes_new (json->str, json->len);
  article = treaties_article_new_from_bytes (bytes, "generated.json", &error);
  g_assert_no_error (error);
  return article;
}

static void
setup_size (Fixture *f,
            int      width)
{
  f->article = generate_article (6);
  f->window = treaties_window_new (NULL);
  gtk_window_set_default_size (GTK_WINDOW (f->window), width, 720);
  treaties_window_set_article (f->window, f->article);
  gtk_window_present (GTK_WINDOW (f->window));
  g_assert_true (wait_until (is_mapped, child (f->window, "article_view")));
  settle ();
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  setup_size (f, 1100);
}

static void
fixture_setup_narrow (Fixture       *f,
                      gconstpointer  data)
{
  setup_size (f, 480);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  g_clear_object (&f->article);
  settle ();
}

static TreatiesEvent *
event (Fixture    *f,
       const char *id)
{
  TreatiesEvent *e = treaties_article_lookup_event (f->article, id);

  g_assert_nonnull (e);
  return e;
}

/* As AT-SPI's "click" action on the event's accessible element does. */
static void
activate_accessible (Fixture       *f,
                     TreatiesEvent *e)
{
  GtkWidget *button = treaties_timeline_get_event_accessible (child (f->window, "timeline"), e);

  g_assert_nonnull (button);
  g_assert_true (gtk_widget_activate (button));
}

/* The card, wherever it is shown, or NULL if it is not open. */
static TreatiesEventCard *
open_card (Fixture *f)
{
  GtkWidget *timeline = child (f->window, "timeline");
  GtkRevealer *sheet = child (f->window, "card_sheet");

  for (GtkWidget *c = gtk_widget_get_first_child (timeline); c != NULL; c = gtk_widget_get_next_sibling (c))
    if (GTK_IS_POPOVER (c) && gtk_widget_get_visible (c))
      return TREATIES_EVENT_CARD (gtk_popover_get_child (GTK_POPOVER (c)));
  if (gtk_revealer_get_reveal_child (sheet))
    return TREATIES_EVENT_CARD (gtk_widget_get_first_child (gtk_revealer_get_child (sheet)));
  return NULL;
}

static gpointer
card_child (TreatiesEventCard *card,
            const char        *name)
{
  return gtk_widget_get_template_child (GTK_WIDGET (card), TREATIES_TYPE_EVENT_CARD, name);
}

typedef struct
{
  Fixture               *f;
  const TreatiesPassage *passage;
} PassageWait;

/* The passage's words are highlighted and on screen, their line in the
 * upper third of the view (not flush under the header either), and the
 * scrolling has come to rest. */
static gboolean
passage_in_upper_part (gpointer data)
{
  PassageWait *w = data;
  TreatiesArticleView *view = child (w->f->window, "article_view");
  GtkAdjustment *adj = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (view));
  GtkTextIter start, end, hs, he;
  GdkRectangle visible, location;
  double rel;

  if (!treaties_article_view_get_passage_bounds (view, w->passage, &start, &end) ||
      !treaties_article_view_get_highlighted_passage (view, &hs, &he) ||
      !gtk_text_iter_equal (&start, &hs) || !gtk_text_iter_equal (&end, &he))
    return FALSE;
  gtk_text_view_get_visible_rect (GTK_TEXT_VIEW (view), &visible);
  gtk_text_view_get_iter_location (GTK_TEXT_VIEW (view), &start, &location);
  rel = (location.y - visible.y) / (double) visible.height;
  /* Unless the text cannot scroll that far. */
  if (gtk_adjustment_get_value (adj) >= gtk_adjustment_get_upper (adj) - gtk_adjustment_get_page_size (adj) - 1)
    return rel >= 0 && rel < 1;
  return rel > 0.1 && rel < 1.0 / 3;
}

static void
assert_at_passage (Fixture       *f,
                   TreatiesEvent *e,
                   guint          index)
{
  GPtrArray *passages = treaties_article_get_passages (f->article, e);
  PassageWait w = { f, g_ptr_array_index (passages, index) };
  TreatiesArticleView *view = child (f->window, "article_view");
  g_autofree char *words = NULL;

  if (!wait_until (passage_in_upper_part, &w))
    {
      GtkTextIter start, end;
      GdkRectangle visible, location;

      g_assert_true (treaties_article_view_get_passage_bounds (view, w.passage, &start, &end));
      gtk_text_view_get_visible_rect (GTK_TEXT_VIEW (view), &visible);
      gtk_text_view_get_iter_location (GTK_TEXT_VIEW (view), &start, &location);
      g_error ("passage %u of %s is not highlighted in the upper part of the view: at %d in %d..%d%s",
               index, treaties_event_get_id (e), location.y, visible.y, visible.y + visible.height,
               treaties_article_view_get_highlighted_passage (view, NULL, NULL) ? "" : ", not highlighted");
    }
  settle ();
  g_assert_true (passage_in_upper_part (&w));
  /* The words highlighted are the words marked, and their section is the
   * one being read. */
  {
    GtkTextIter start, end;

    g_assert_true (treaties_article_view_get_highlighted_passage (view, &start, &end));
    words = gtk_text_iter_get_text (&start, &end);
  }
  g_assert_true (g_str_has_prefix (words, "the alpha accord "));
  g_assert_cmpstr (treaties_window_get_current_section (f->window), ==,
                   treaties_section_get_id (w.passage->section));
}

static gboolean
card_is_open (gpointer data)
{
  return open_card (data) != NULL;
}

static void
test_activate_event (Fixture       *f,
                     gconstpointer  data)
{
  TreatiesEvent *alpha = event (f, "alpha");
  TreatiesEventCard *card;
  GtkLinkButton *source;
  GPtrArray *passages = treaties_article_get_passages (f->article, alpha);
  TreatiesSidebar *sidebar = child (f->window, "sidebar");
  GtkWidget *first_button;

  g_assert_cmpuint (passages->len, ==, 3);
  activate_accessible (f, alpha);
  assert_at_passage (f, alpha, 0);
  g_assert_true (treaties_timeline_get_selected_event (child (f->window, "timeline")) == alpha);

  /* The card opened at the marker, with the event's date, title,
   * description and source, a "Read" button per passage, and the
   * keyboard on the first. */
  g_assert_true (wait_until (card_is_open, f));
  card = open_card (f);
  g_assert_true (gtk_widget_get_ancestor (GTK_WIDGET (card), GTK_TYPE_POPOVER) != NULL);
  g_assert_true (treaties_event_card_get_event (card) == alpha);
  g_assert_cmpstr (gtk_label_get_text (card_child (card, "title_label")), ==, "Alpha accord");
  g_assert_cmpstr (gtk_label_get_text (card_child (card, "date_label")), ==, "16 October 1925");
  g_assert_cmpstr (gtk_label_get_text (card_child (card, "description_label")), ==, "The alpha accord is signed.");
  source = card_child (card, "source_button");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (source)));
  g_assert_cmpstr (gtk_link_button_get_uri (source), ==, "https://example.org/alpha");
  first_button = treaties_event_card_get_default_widget (card);
  g_assert_nonnull (first_button);
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (first_button)), ==, "Read: Section 1");
  g_assert_true (gtk_widget_has_focus (first_button));
  g_assert_cmpstr (gtk_label_get_text (card_child (card, "position_label")), ==, "Passage 1 of 3");
  /* What a screen reader says on entering it. */
  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (card), GTK_ACCESSIBLE_ROLE_GROUP);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (card), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "16 October 1925 — Alpha accord");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (card), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                       "The alpha accord is signed.\nPassage 1 of 3");

  /* The sidebar marks the sections that tell of it, and says so. */
  for (guint i = 0; i < 6; i++)
    {
      GtkWidget *row = treaties_sidebar_get_row (sidebar, i);
      gboolean related = i == 1 || i == 3;
      g_autofree char *tooltip = treaties_sidebar_dup_row_tooltip (sidebar, i);

      g_assert_cmpint (gtk_widget_has_css_class (row, "related-section"), ==, related);
      g_assert_cmpint (strstr (tooltip, "tells of “Alpha accord”") != NULL, ==, related);
      if (related)
        gtk_test_accessible_assert_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                             "The bar at its edge: this section tells of “Alpha accord”");
    }
}

static void
test_cycle_passages (Fixture       *f,
                     gconstpointer  data)
{
  TreatiesEvent *alpha = event (f, "alpha");
  const char *expected[] = { "Passage 1 of 3", "Passage 2 of 3", "Passage 3 of 3", "Passage 1 of 3" };

  /* Again and again: the next passage, across sections, and round. */
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      TreatiesEventCard *card;

      activate_accessible (f, alpha);
      assert_at_passage (f, alpha, i % 3);
      card = open_card (f);
      g_assert_nonnull (card);
      g_assert_cmpint (treaties_event_card_get_position (card), ==, (int) (i % 3));
      g_assert_cmpstr (gtk_label_get_text (card_child (card, "position_label")), ==, expected[i]);
      /* Said to screen readers too. */
      {
        g_autofree char *description = g_strconcat ("The alpha accord is signed.\n", expected[i], NULL);

        gtk_test_accessible_assert_property (GTK_ACCESSIBLE (card), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description);
      }
    }

  /* "Read" goes to a passage too. */
  g_signal_emit_by_name (treaties_event_card_get_default_widget (open_card (f)), "clicked");
  assert_at_passage (f, alpha, 0);
}

typedef struct
{
  Fixture       *f;
  TreatiesEvent *event;
} EventWait;

static gboolean
card_shows (gpointer data)
{
  EventWait *w = data;
  TreatiesEventCard *card = open_card (w->f);

  return card != NULL && treaties_event_card_get_event (card) == w->event;
}

static void
test_marked_words (Fixture       *f,
                   gconstpointer  data)
{
  TreatiesEvent *alpha = event (f, "alpha");
  GPtrArray *passages = treaties_article_get_passages (f->article, alpha);
  TreatiesArticleView *view = child (f->window, "article_view");
  TreatiesTimeline *timeline = child (f->window, "timeline");
  GtkTextIter start, end, middle;
  GdkRectangle location;
  graphene_rect_t bounds;
  int x, y;
  EventWait w = { f, alpha };

  /* Words of its second passage, scrolled into view... */
  g_assert_true (treaties_article_view_get_passage_bounds (view, g_ptr_array_index (passages, 1), &start, &end));
  g_assert_true (treaties_article_view_scroll_to_section (view, "s3"));
  settle ();
  middle = start;
  gtk_text_iter_forward_chars (&middle, 3);
  gtk_text_view_scroll_to_iter (GTK_TEXT_VIEW (view), &middle, 0.1, FALSE, 0, 0);
  settle ();
  gtk_text_view_get_iter_location (GTK_TEXT_VIEW (view), &middle, &location);
  gtk_text_view_buffer_to_window_coords (GTK_TEXT_VIEW (view), GTK_TEXT_WINDOW_WIDGET,
                                         location.x + 1, location.y + location.height / 2, &x, &y);

  /* ...are its, and words elsewhere are not. */
  g_assert_true (treaties_article_view_get_event_at_iter (view, &middle) == alpha);
  g_assert_true (treaties_article_view_get_event_at_iter (view, &start) == alpha);
  g_assert_null (treaties_article_view_get_event_at_iter (view, &end));
  g_assert_false (treaties_article_view_activate_mark_at (view, 30, 10));

  /* A click on them selects the event on the timeline, scrolled into
   * view, and opens its card at that passage. */
  treaties_timeline_set_visible_range (timeline, treaties_event_get_date (event (f, "omega")) - 400,
                                       treaties_event_get_date (event (f, "omega")));
  g_assert_false (treaties_timeline_get_event_bounds (timeline, alpha, &bounds));
  g_assert_true (treaties_article_view_activate_mark_at (view, x, y));
  g_assert_true (wait_until (card_shows, &w));
  g_assert_true (treaties_timeline_get_selected_event (timeline) == alpha);
  g_assert_true (treaties_timeline_get_focused_event (timeline) == alpha);
  g_assert_true (treaties_timeline_get_event_bounds (timeline, alpha, &bounds));
  g_assert_cmpfloat (bounds.origin.x, >=, 0);
  g_assert_cmpfloat (bounds.origin.x + bounds.size.width, <=, gtk_widget_get_width (GTK_WIDGET (timeline)));
  g_assert_cmpint (treaties_event_card_get_position (open_card (f)), ==, 1);
  g_assert_true (treaties_article_view_get_highlighted_passage (view, &middle, NULL));
  g_assert_true (gtk_text_iter_equal (&middle, &start));

  /* Enter with the cursor in marked words does what a click does: here
   * the third passage's, the key given to the text view's key handler. */
  g_signal_emit_by_name (open_card (f), "close");
  g_assert_true (treaties_article_view_get_passage_bounds (view, g_ptr_array_index (passages, 2), &start, &end));
  gtk_text_iter_forward_char (&start);
  gtk_text_buffer_place_cursor (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), &start);
  {
    GListModel *controllers = gtk_widget_observe_controllers (GTK_WIDGET (view));
    gboolean handled = FALSE;

    for (guint i = 0; i < g_list_model_get_n_items (controllers) && !handled; i++)
      {
        g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

        if (GTK_IS_EVENT_CONTROLLER_KEY (controller) &&
            gtk_event_controller_get_propagation_phase (controller) == GTK_PHASE_CAPTURE)
          g_signal_emit_by_name (controller, "key-pressed", GDK_KEY_Return, 0, 0, &handled);
      }
    g_object_unref (controllers);
    g_assert_true (handled);
  }
  g_assert_true (wait_until (card_shows, &w));
  g_assert_cmpint (treaties_event_card_get_position (open_card (f)), ==, 2);

  /* Escape (the card's close) puts the keyboard back on the marker. */
  g_signal_emit_by_name (open_card (f), "close");
  g_assert_null (open_card (f));
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (timeline)));
  g_assert_true (treaties_timeline_get_focused_event (timeline) == alpha);
}

typedef struct
{
  TreatiesArticleView *view;
  const char          *id;
} HeadingWait;

static gboolean
heading_at_top (gpointer data)
{
  HeadingWait *w = data;
  GtkAdjustment *adj = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (w->view));
  int y;

  g_assert_true (treaties_article_view_get_section_y (w->view, w->id, &y));
  return fabs (gtk_adjustment_get_value (adj) - y) < 2.0;
}

static void
test_unmarked_event (Fixture       *f,
                     gconstpointer  data)
{
  TreatiesEvent *beta = event (f, "beta");
  TreatiesArticleView *view = child (f->window, "article_view");
  HeadingWait w = { view, "s4" };
  TreatiesEventCard *card;

  /* Marked nowhere: its sections' headings, as before, in the order given. */
  activate_accessible (f, beta);
  g_assert_true (wait_until (heading_at_top, &w));
  g_assert_false (treaties_article_view_get_highlighted_passage (view, NULL, NULL));
  g_assert_true (wait_until (card_is_open, f));
  card = open_card (f);
  g_assert_cmpstr (gtk_label_get_text (card_child (card, "position_label")), ==, "Section 1 of 2");
  /* No source: no link. */
  g_assert_false (gtk_widget_get_visible (card_child (card, "source_button")));

  activate_accessible (f, beta);
  w.id = "s2";
  g_assert_true (wait_until (heading_at_top, &w));
  g_assert_cmpstr (gtk_label_get_text (card_child (open_card (f), "position_label")), ==, "Section 2 of 2");
}

static void
test_choosing_a_section_ends_it (Fixture       *f,
                                 gconstpointer  data)
{
  TreatiesSidebar *sidebar = child (f->window, "sidebar");
  TreatiesArticleView *view = child (f->window, "article_view");

  activate_accessible (f, event (f, "alpha"));
  assert_at_passage (f, event (f, "alpha"), 0);
  g_assert_nonnull (open_card (f));

  /* As a click or Enter on the row does. */
  g_assert_true (gtk_widget_activate_action (treaties_sidebar_get_row (sidebar, 5), "list.activate-item", "u", 5));
  g_assert_null (open_card (f));
  g_assert_null (treaties_timeline_get_selected_event (child (f->window, "timeline")));
  g_assert_false (treaties_article_view_get_highlighted_passage (view, NULL, NULL));
  for (guint i = 0; i < 6; i++)
    g_assert_false (gtk_widget_has_css_class (treaties_sidebar_get_row (sidebar, i), "related-section"));
}

static gboolean
highlight_gone (gpointer data)
{
  return !treaties_article_view_get_highlighted_passage (data, NULL, NULL);
}

static void
test_scrolling_away_ends_highlight (Fixture       *f,
                                    gconstpointer  data)
{
  TreatiesArticleView *view = child (f->window, "article_view");
  GtkAdjustment *adj = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (view));

  activate_accessible (f, event (f, "alpha"));
  assert_at_passage (f, event (f, "alpha"), 0);
  /* Past the jump's settling time, the reader scrolls on. */
  {
    gint64 until = g_get_monotonic_time () + 600 * 1000;

    while (g_get_monotonic_time () < until)
      g_main_context_iteration (NULL, FALSE);
  }
  gtk_adjustment_set_value (adj, gtk_adjustment_get_value (adj) + 2 * gtk_adjustment_get_page_size (adj));
  g_assert_true (wait_until (highlight_gone, view));
}

static gboolean
sheet_done (gpointer data)
{
  return gtk_revealer_get_child_revealed (data);
}

static void
test_narrow_sheet (Fixture       *f,
                   gconstpointer  data)
{
  GtkRevealer *sheet = child (f->window, "card_sheet");
  TreatiesEventCard *card;

  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (f->window)), <=, 600);
  activate_accessible (f, event (f, "alpha"));
  /* The sheet takes its room under the text as it slides in: the passage
   * is judged once it has. */
  g_assert_true (wait_until (card_is_open, f));
  g_assert_true (wait_until (sheet_done, sheet));
  assert_at_passage (f, event (f, "alpha"), 0);
  card = open_card (f);
  /* A sheet under the timeline, not a popover. */
  g_assert_true (gtk_revealer_get_reveal_child (sheet));
  g_assert_true (gtk_widget_is_ancestor (GTK_WIDGET (card), GTK_WIDGET (sheet)));
  g_assert_null (gtk_widget_get_ancestor (GTK_WIDGET (card), GTK_TYPE_POPOVER));
  g_assert_true (gtk_widget_has_focus (treaties_event_card_get_default_widget (card)));

  g_signal_emit_by_name (card, "close");
  g_assert_false (gtk_revealer_get_reveal_child (sheet));
}

static gboolean
sheet_revealed (gpointer data)
{
  Fixture *f = data;

  return gtk_revealer_get_reveal_child (child (f->window, "card_sheet")) && open_card (f) != NULL;
}

static gboolean
in_popover (gpointer data)
{
  TreatiesEventCard *card = open_card (data);

  return card != NULL && gtk_widget_get_ancestor (GTK_WIDGET (card), GTK_TYPE_POPOVER) != NULL;
}

/* An open card follows the window across the narrow width, and back. */
static void
test_card_follows_width (Fixture       *f,
                         gconstpointer  data)
{
  activate_accessible (f, event (f, "alpha"));
  g_assert_true (wait_until (in_popover, f));

  gtk_window_set_default_size (GTK_WINDOW (f->window), 480, 720);
  g_assert_true (wait_until (sheet_revealed, f));
  g_assert_true (treaties_event_card_get_event (open_card (f)) == event (f, "alpha"));

  gtk_window_set_default_size (GTK_WINDOW (f->window), 1100, 720);
  g_assert_true (wait_until (in_popover, f));
  g_assert_false (gtk_revealer_get_reveal_child (child (f->window, "card_sheet")));
}

/* Another article: the card, the highlight and the marks are gone, and
 * nothing of the old article's events is left to point at. */
static void
test_new_article (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(TreatiesArticle) other = generate_article (5);
  TreatiesArticleView *view = child (f->window, "article_view");

  activate_accessible (f, event (f, "omega"));
  g_assert_true (wait_until (card_is_open, f));

  treaties_window_set_article (f->window, other);
  g_assert_null (open_card (f));
  g_assert_false (treaties_article_view_get_highlighted_passage (view, NULL, NULL));
  g_assert_null (treaties_timeline_get_selected_event (child (f->window, "timeline")));
  settle ();

  /* Its events open their own card. */
  activate_accessible (f, treaties_article_lookup_event (other, "alpha"));
  g_assert_true (wait_until (card_is_open, f));
  g_assert_true (treaties_event_card_get_event (open_card (f)) == treaties_article_lookup_event (other, "alpha"));
}

/* Every event, the two that share a day and the one on the range's last
 * day too, is an element of its own named "date — title" and described by
 * its description. */
static void
test_accessible_events (Fixture       *f,
                        gconstpointer  data)
{
  TreatiesTimeline *timeline = child (f->window, "timeline");
  GListModel *events = treaties_article_get_events (f->article);

  for (guint i = 0; i < g_list_model_get_n_items (events); i++)
    {
      g_autoptr(TreatiesEvent) e = g_list_model_get_item (events, i);
      g_autofree char *date = treaties_day_format_long (treaties_event_get_date (e));
      g_autofree char *name = g_strdup_printf ("%s — %s", g_strstrip (date), treaties_event_get_title (e));
      GtkWidget *button = treaties_timeline_get_event_accessible (timeline, e);

      g_assert_nonnull (button);
      gtk_test_accessible_assert_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name);
      gtk_test_accessible_assert_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                           treaties_event_get_description (e));
      for (guint j = 0; j < i; j++)
        {
          g_autoptr(TreatiesEvent) other = g_list_model_get_item (events, j);

          g_assert_true (treaties_timeline_get_event_accessible (timeline, other) != button);
        }
    }
}

int
main (int   argc,
      char *argv[])
{
  ui_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add ("/event-card/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("activate", test_activate_event);
  ADD ("cycle", test_cycle_passages);
  ADD ("marked-words", test_marked_words);
  ADD ("unmarked-event", test_unmarked_event);
  ADD ("choosing-a-section", test_choosing_a_section_ends_it);
  ADD ("scrolling-away", test_scrolling_away_ends_highlight);
  ADD ("accessible-events", test_accessible_events);
  ADD ("follows-width", test_card_follows_width);
  ADD ("new-article", test_new_article);
#undef ADD
  g_test_add ("/event-card/narrow", Fixture, NULL, fixture_setup_narrow, test_narrow_sheet, fixture_teardown);

  return g_test_run ();
}
