/* test-timeline-widget.c: the timeline widget, in a window under Xvfb
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <adwaita.h>

#include "treaties-article.h"
#include "treaties-chronology-view.h"
#include "treaties-resources.h"
#include "treaties-timeline.h"

typedef struct {
  GtkWindow        *window;
  TreatiesTimeline *timeline;
  TreatiesArticle  *article;
  GPtrArray        *activated;   /* TreatiesEvent, in order */
  guint             focus_text;
} Fixture;

/* --- helpers --------------------------------------------------------------- */

static TreatiesArticle *
load_shipped (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "articles",
                                                 "france-ussr-neutrality-1931.treaty.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  TreatiesArticle *article = treaties_article_new_from_file (file, NULL, &error);

  g_assert_no_error (error);
  return article;
}

static void
event_activated_cb (TreatiesTimeline *timeline,
                    TreatiesEvent    *event,
                    Fixture          *f)
{
  g_assert_true (TREATIES_IS_EVENT (event));
  g_ptr_array_add (f->activated, g_object_ref (event));
}

static void
focus_text_cb (TreatiesTimeline *timeline,
               Fixture          *f)
{
  f->focus_text++;
}

static void
iterate (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
wait_for_allocation (Fixture *f)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while ((!gtk_widget_get_mapped (GTK_WIDGET (f->timeline)) ||
          gtk_widget_get_width (GTK_WIDGET (f->timeline)) < 100) &&
         g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (f->timeline)));
  iterate ();
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->article = load_shipped ();
  f->activated = g_ptr_array_new_with_free_func (g_object_unref);
  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, 1100, 300);
  f->timeline = TREATIES_TIMELINE (treaties_timeline_new ());
  g_object_ref_sink (f->timeline);
  treaties_timeline_set_article (f->timeline, f->article);
  g_signal_connect (f->timeline, "event-activated", G_CALLBACK (event_activated_cb), f);
  g_signal_connect (f->timeline, "focus-text", G_CALLBACK (focus_text_cb), f);
  gtk_widget_set_valign (GTK_WIDGET (f->timeline), GTK_ALIGN_START);
  gtk_window_set_child (f->window, GTK_WIDGET (f->timeline));
  gtk_window_present (f->window);
  wait_for_allocation (f);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  gtk_window_destroy (f->window);
  iterate ();
  g_ptr_array_unref (f->activated);
  /* Nothing else holds the widget or the article once the window is gone. */
  g_assert_finalize_object (f->timeline);
  g_assert_finalize_object (f->article);
}

/* The shipped article's events are found by what they are (its own event,
 * the first, the last), never by id: the ids of shared events may change. */
static TreatiesEvent *
nth_event (Fixture *f,
           guint    i)
{
  GListModel *events = treaties_article_get_events (f->article);
  g_autoptr(TreatiesEvent) e = g_list_model_get_item (events, i);

  g_assert_nonnull (e);
  return e;  /* the article holds it */
}

static TreatiesEvent *
last_event (Fixture *f)
{
  return nth_event (f, g_list_model_get_n_items (treaties_article_get_events (f->article)) - 1);
}

static TreatiesEvent *
primary_event (Fixture *f)
{
  GListModel *events = treaties_article_get_events (f->article);

  for (guint i = 0; i < g_list_model_get_n_items (events); i++)
    if (treaties_event_get_primary (nth_event (f, i)))
      return nth_event (f, i);
  g_assert_not_reached ();
}

/* An event of @section, the first in date order. */
static TreatiesEvent *
event_of_section (Fixture    *f,
                  const char *section)
{
  g_autoptr(GPtrArray) related = treaties_article_dup_events_for_section (f->article, section);

  g_assert_cmpuint (related->len, >, 0);
  return g_ptr_array_index (related, 0);
}

static TreatiesEvent *
last_activated (Fixture *f)
{
  g_assert_cmpuint (f->activated->len, >, 0);
  return g_ptr_array_index (f->activated, f->activated->len - 1);
}

/* Clicks @e's marker; where it is gathered into a badge, clicks the badge
 * first, which zooms in to fit the crowd, until the marker is its own. */
static void
click_event (Fixture       *f,
             TreatiesEvent *e)
{
  TreatiesTimelineLayout *layout = treaties_timeline_get_layout (f->timeline);
  const TreatiesTimelineMarker *marker;
  guint index, k;

  g_assert_true (treaties_timeline_layout_find_event (layout, e, &index));
  for (k = 0; k < 20; k++)
    {
      const TreatiesTimelineBadge *badge = treaties_timeline_layout_find_badge (layout, index);

      if (badge == NULL)
        break;
      g_assert_true (treaties_timeline_activate_at (f->timeline, badge->x + badge->width / 2,
                                                    badge->y + badge->height / 2));
    }
  g_assert_cmpuint (k, <, 20);
  marker = treaties_timeline_layout_find_marker (layout, index);
  g_assert_nonnull (marker);
  g_assert_true (treaties_timeline_activate_at (f->timeline, marker->x, marker->y));
}

/* --- tests ----------------------------------------------------------------- */

static void
test_size (Fixture       *f,
           gconstpointer  data)
{
  int height = gtk_widget_get_height (GTK_WIDGET (f->timeline));

  /* A strip across the reading pane, not a panel. */
  g_assert_cmpint (height, >=, 120);
  g_assert_cmpint (height, <=, 200);
  g_assert_true (gtk_widget_get_focusable (GTK_WIDGET (f->timeline)));
  g_assert_true (treaties_timeline_get_article (f->timeline) == f->article);
}

static void
test_click_activates (Fixture       *f,
                      gconstpointer  data)
{
  TreatiesTimelineLayout *layout = treaties_timeline_get_layout (f->timeline);
  const TreatiesTimelineFrame *frame = treaties_timeline_layout_compute (layout);
  g_autoptr(GPtrArray) chosen = g_ptr_array_new ();
  guint clicked = 0;

  /* The article's own event, and the events of markers that stand alone
   * (no other marker within two radii), first, middle and last. */
  g_ptr_array_add (chosen, primary_event (f));
  {
    g_autoptr(GArray) alone = g_array_new (FALSE, FALSE, sizeof (guint));

    for (guint m = 0; m < frame->n_markers; m++)
      {
        const TreatiesTimelineMarker *marker = &frame->markers[m];
        double r = 2 * marker->radius;

        if (marker->n_events == 1 && !marker->in_badge &&
            (m == 0 || marker->x - frame->markers[m - 1].x > r) &&
            (m + 1 == frame->n_markers || frame->markers[m + 1].x - marker->x > r))
          g_array_append_val (alone, marker->event_index);
      }
    g_assert_cmpuint (alone->len, >=, 3);
    g_ptr_array_add (chosen, nth_event (f, g_array_index (alone, guint, 0)));
    g_ptr_array_add (chosen, nth_event (f, g_array_index (alone, guint, alone->len / 2)));
    g_ptr_array_add (chosen, nth_event (f, g_array_index (alone, guint, alone->len - 1)));
  }

  for (guint i = 0; i < chosen->len; i++)
    {
      TreatiesEvent *e = g_ptr_array_index (chosen, i);
      const TreatiesTimelineMarker *marker;
      const TreatiesTimelineLabel *label;
      guint index;

      g_assert_true (treaties_timeline_layout_find_event (layout, e, &index));
      marker = treaties_timeline_layout_find_marker (layout, index);
      g_assert_nonnull (marker);
      g_assert_cmpuint (marker->event_index, ==, index);
      /* A marker gathered into a badge is drawn as the badge, which takes
       * the click (see /timeline/widget/badge/click). */
      if (marker->in_badge)
        continue;
      clicked++;

      /* On the marker, off its centre but within reach. */
      g_assert_true (treaties_timeline_activate_at (f->timeline, marker->x + marker->radius - 1, marker->y + 1));
      g_assert_true (last_activated (f) == e);
      g_assert_true (treaties_timeline_get_focused_event (f->timeline) == e);

      /* On its label, if it has one. */
      label = treaties_timeline_layout_find_label (layout, index);
      if (label != NULL)
        {
          guint before = f->activated->len;

          g_assert_true (treaties_timeline_activate_at (f->timeline, label->x + label->width - 2,
                                                        label->y + label->height / 2));
          g_assert_cmpuint (f->activated->len, ==, before + 1);
          g_assert_true (last_activated (f) == e);
        }
    }

  g_assert_cmpuint (clicked, >, 0);

  /* Empty space does nothing. */
  {
    guint before = f->activated->len;

    g_assert_false (treaties_timeline_activate_at (f->timeline, 2, 2));
    g_assert_cmpuint (f->activated->len, ==, before);
  }
}

static void
test_keyboard_order (Fixture       *f,
                     gconstpointer  data)
{
  GListModel *events = treaties_article_get_events (f->article);
  guint n = g_list_model_get_n_items (events);
  TreatiesDay previous = 0;

  g_assert_cmpuint (n, >, 10);

  /* Home, then Right all the way: every event once, in date order. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->timeline), "timeline.first-event", NULL));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TreatiesEvent) expected = g_list_model_get_item (events, i);
      TreatiesEvent *focused = treaties_timeline_get_focused_event (f->timeline);
      TreatiesTimelineLayout *layout = treaties_timeline_get_layout (f->timeline);
      guint index;

      g_assert_true (focused == expected);
      g_assert_cmpuint (treaties_event_get_date (focused), >=, previous);
      previous = treaties_event_get_date (focused);
      /* The focused event is always in view. */
      g_assert_true (treaties_timeline_layout_find_event (layout, focused, &index));
      g_assert_nonnull (treaties_timeline_layout_find_marker (layout, index));

      gtk_widget_activate_action (GTK_WIDGET (f->timeline), "timeline.next-event", NULL);
    }
  /* Right at the end stays at the end. */
  {
    g_autoptr(TreatiesEvent) last = g_list_model_get_item (events, n - 1);

    g_assert_true (treaties_timeline_get_focused_event (f->timeline) == last);
  }

  /* Left goes back, one at a time. */
  gtk_widget_activate_action (GTK_WIDGET (f->timeline), "timeline.previous-event", NULL);
  {
    g_autoptr(TreatiesEvent) before_last = g_list_model_get_item (events, n - 2);

    g_assert_true (treaties_timeline_get_focused_event (f->timeline) == before_last);
  }

  /* Enter activates the focused event. */
  g_assert_cmpuint (f->activated->len, ==, 0);
  gtk_widget_activate_action (GTK_WIDGET (f->timeline), "timeline.activate-event", NULL);
  g_assert_cmpuint (f->activated->len, ==, 1);
  g_assert_true (last_activated (f) == treaties_timeline_get_focused_event (f->timeline));

  /* End and Home. */
  gtk_widget_activate_action (GTK_WIDGET (f->timeline), "timeline.last-event", NULL);
  g_assert_true (treaties_timeline_get_focused_event (f->timeline) == last_event (f));
  gtk_widget_activate_action (GTK_WIDGET (f->timeline), "timeline.first-event", NULL);
  g_assert_true (treaties_timeline_get_focused_event (f->timeline) == nth_event (f, 0));

  /* Escape asks for the text. */
  g_signal_emit_by_name (f->timeline, "focus-text");
  g_assert_cmpuint (f->focus_text, ==, 1);
}

static void
test_keyboard_scrolls (Fixture       *f,
                       gconstpointer  data)
{
  TreatiesTimelineLayout *layout = treaties_timeline_get_layout (f->timeline);
  TreatiesDay first, last;

  /* Zoomed into one year, walking to the end brings each event into view. */
  g_assert_true (treaties_day_parse ("1920-01-01", &first));
  g_assert_true (treaties_day_parse ("1920-12-31", &last));
  treaties_timeline_set_visible_range (f->timeline, first, last);
  gtk_widget_activate_action (GTK_WIDGET (f->timeline), "timeline.first-event", NULL);
  for (guint i = 0; i < treaties_timeline_layout_get_n_events (layout); i++)
    {
      TreatiesEvent *focused = treaties_timeline_get_focused_event (f->timeline);
      double x = treaties_timeline_layout_day_to_x (layout, treaties_event_get_date (focused));

      g_assert_cmpfloat (x, >=, 0);
      g_assert_cmpfloat (x, <=, treaties_timeline_layout_get_width (layout));
      gtk_widget_activate_action (GTK_WIDGET (f->timeline), "timeline.next-event", NULL);
    }
  g_assert_false (treaties_timeline_layout_is_fit (layout));
}

static void
test_zoom_actions (Fixture       *f,
                   gconstpointer  data)
{
  TreatiesTimelineLayout *layout = treaties_timeline_get_layout (f->timeline);
  double dpp, day_before;
  guint index;
  double x;

  g_assert_true (treaties_timeline_layout_is_fit (layout));
  dpp = treaties_timeline_layout_get_days_per_pixel (layout);

  /* Focus the article's own event; zooming keeps it where it is. */
  treaties_timeline_set_focused_event (f->timeline, primary_event (f));
  g_assert_true (treaties_timeline_layout_find_event (layout, primary_event (f), &index));
  x = treaties_timeline_layout_day_to_x (layout, treaties_timeline_layout_get_event_date (layout, index));
  day_before = treaties_timeline_layout_get_event_date (layout, index);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->timeline), "timeline.zoom-in", NULL));
  g_assert_cmpfloat (treaties_timeline_layout_get_days_per_pixel (layout), <, dpp);
  g_assert_false (treaties_timeline_layout_is_fit (layout));
  g_assert_cmpfloat_with_epsilon (treaties_timeline_layout_x_to_day (layout, x), day_before, 1e-6);

  gtk_widget_activate_action (GTK_WIDGET (f->timeline), "timeline.zoom-in", NULL);
  gtk_widget_activate_action (GTK_WIDGET (f->timeline), "timeline.zoom-out", NULL);
  g_assert_cmpfloat_with_epsilon (treaties_timeline_layout_x_to_day (layout, x), day_before, 1e-6);

  gtk_widget_activate_action (GTK_WIDGET (f->timeline), "timeline.zoom-fit", NULL);
  g_assert_true (treaties_timeline_layout_is_fit (layout));
  g_assert_cmpfloat_with_epsilon (treaties_timeline_layout_get_days_per_pixel (layout), dpp, 1e-9);
}

static void
test_current_section (Fixture       *f,
                      gconstpointer  data)
{
  TreatiesTimelineLayout *layout = treaties_timeline_get_layout (f->timeline);
  g_autoptr(GPtrArray) related = treaties_article_dup_events_for_section (f->article, "long-term-consequences");
  const TreatiesTimelineFrame *frame;
  TreatiesDay first, last;
  guint n_highlighted = 0;

  g_assert_cmpuint (related->len, >, 2);

  /* Zoomed into 1920, reading about the long-term consequences (1933-39)
   * brings them into view and highlights them, and only them. */
  g_assert_true (treaties_day_parse ("1920-01-01", &first));
  g_assert_true (treaties_day_parse ("1920-12-31", &last));
  treaties_timeline_set_visible_range (f->timeline, first, last);
  treaties_timeline_set_current_section (f->timeline, "long-term-consequences");
  g_assert_cmpstr (treaties_timeline_get_current_section (f->timeline), ==, "long-term-consequences");

  for (guint i = 0; i < related->len; i++)
    {
      TreatiesEvent *e = g_ptr_array_index (related, i);
      double x = treaties_timeline_layout_day_to_x (layout, treaties_event_get_date (e));
      guint index;

      g_assert_cmpfloat (x, >=, 0);
      g_assert_cmpfloat (x, <=, treaties_timeline_layout_get_width (layout));
      g_assert_true (treaties_timeline_layout_find_event (layout, e, &index));
      g_assert_true (treaties_timeline_layout_is_highlighted (layout, index));
    }

  frame = treaties_timeline_layout_compute (layout);
  for (guint i = 0; i < frame->n_markers; i++)
    if (frame->markers[i].highlighted)
      n_highlighted += frame->markers[i].n_events;
  g_assert_cmpuint (n_highlighted, ==, related->len);

  /* No section: nothing highlighted. */
  treaties_timeline_set_current_section (f->timeline, NULL);
  frame = treaties_timeline_layout_compute (layout);
  for (guint i = 0; i < frame->n_markers; i++)
    g_assert_false (frame->markers[i].highlighted);
}

/* The event the reader chose keeps its label as the timeline relabels for
 * each section read, whether chosen on the timeline or elsewhere. */
static void
test_selected_keeps_label (Fixture       *f,
                           gconstpointer  data)
{
  TreatiesTimelineLayout *layout = treaties_timeline_get_layout (f->timeline);
  GListModel *outline = treaties_article_get_outline (f->article);
  GListModel *events = treaties_article_get_events (f->article);
  guint n_events = g_list_model_get_n_items (events);
  guint n_checked = 0;

  for (guint e = 0; e < n_events; e++)
    {
      g_autoptr(TreatiesEvent) chosen = g_list_model_get_item (events, e);
      guint index, before = f->activated->len;

      if (e % 2 == 0)
        {
          /* On the timeline: Enter on the focused event (which, in a
           * crowd's badge, first zooms in to fit the crowd). */
          treaties_timeline_set_focused_event (f->timeline, chosen);
          for (guint k = 0; k < 20 && f->activated->len == before; k++)
            gtk_widget_activate_action (GTK_WIDGET (f->timeline), "timeline.activate-event", NULL);
          g_assert_cmpuint (f->activated->len, ==, before + 1);
          g_assert_true (last_activated (f) == chosen);
        }
      else
        {
          /* Elsewhere (its words in the text): no "event-activated". */
          treaties_timeline_set_selected_event (f->timeline, chosen);
          g_assert_cmpuint (f->activated->len, ==, before);
        }
      g_assert_true (treaties_timeline_get_selected_event (f->timeline) == chosen);
      g_assert_true (treaties_timeline_layout_find_event (layout, chosen, &index));

      for (guint s = 0; s < g_list_model_get_n_items (outline); s++)
        {
          g_autoptr(TreatiesSection) section = g_list_model_get_item (outline, s);

          treaties_timeline_set_current_section (f->timeline, treaties_section_get_id (section));
          treaties_timeline_layout_compute (layout);
          if (treaties_timeline_layout_find_marker (layout, index) == NULL)
            continue;  /* scrolled out of view for the section's events */
          if (treaties_timeline_layout_find_label (layout, index) == NULL)
            g_error ("reading \"%s\", the chosen \"%s\" lost its label",
                     treaties_section_get_id (section), treaties_event_get_title (chosen));
          n_checked++;
        }
    }
  g_assert_cmpuint (n_checked, >, n_events * 3);

  treaties_timeline_set_selected_event (f->timeline, NULL);
  g_assert_null (treaties_timeline_get_selected_event (f->timeline));
  g_assert_cmpint (treaties_timeline_layout_get_selected (layout), ==, -1);
}

static void
test_accessible_children (Fixture       *f,
                          gconstpointer  data)
{
  GListModel *events = treaties_article_get_events (f->article);
  GtkWidget *button;
  guint n_children = 0;

  /* Every event of the shipped article is in view at first, each an
   * activatable button that screen readers see. */
  for (guint i = 0; i < g_list_model_get_n_items (events); i++)
    {
      g_autoptr(TreatiesEvent) e = g_list_model_get_item (events, i);

      button = treaties_timeline_get_event_accessible (f->timeline, e);
      g_assert_nonnull (button);
      g_assert_true (GTK_IS_BUTTON (button));
      g_assert_true (gtk_widget_get_parent (button) == GTK_WIDGET (f->timeline));
      g_assert_false (gtk_widget_get_focusable (button));
    }
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (f->timeline));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n_children++;
  /* And each "+N" badge a button too. */
  g_assert_cmpuint (n_children, ==, g_list_model_get_n_items (events) +
                                    treaties_timeline_layout_compute (treaties_timeline_get_layout (f->timeline))->n_badges);

  /* Activating one (what AT-SPI's "click" does) activates its event. */
  button = treaties_timeline_get_event_accessible (f->timeline, nth_event (f, 1));
  g_assert_true (gtk_widget_activate (button));
  {
    /* GtkButton shows itself pressed for a moment before "clicked". */
    gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

    while (f->activated->len == 0 && g_get_monotonic_time () < deadline)
      g_main_context_iteration (NULL, TRUE);
  }
  g_assert_cmpuint (f->activated->len, ==, 1);
  g_assert_true (last_activated (f) == nth_event (f, 1));

  /* Zoomed into the year of the article's own event, only the events in
   * view have children: that one, not the first (which ends years before). */
  {
    TreatiesDay first, last;
    int year, month, mday;

    treaties_day_to_ymd (treaties_event_get_date (primary_event (f)), &year, &month, &mday);
    first = treaties_day_from_ymd (year, 1, 1);
    last = treaties_day_from_ymd (year, 12, 31);
    g_assert_cmpuint (treaties_event_get_span (nth_event (f, 0))->end, <, first);
    treaties_timeline_set_visible_range (f->timeline, first, last);
    g_assert_nonnull (treaties_timeline_get_event_accessible (f->timeline, primary_event (f)));
    g_assert_null (treaties_timeline_get_event_accessible (f->timeline, nth_event (f, 0)));
  }
}

static void
test_snapshot (Fixture       *f,
               gconstpointer  data)
{
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  GskRenderNode *node;

  /* Drawing in light and dark, with highlights and focus, is clean. */
  treaties_timeline_set_current_section (f->timeline, "impact");
  treaties_timeline_set_focused_event (f->timeline, event_of_section (f, "impact"));
  GTK_WIDGET_GET_CLASS (f->timeline)->snapshot (GTK_WIDGET (f->timeline), snapshot);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  gsk_render_node_unref (node);

  /* With keyboard focus: the focus ring and the caption under the axis;
   * an activated event of the current section, and the article's own. */
  gtk_window_set_focus_visible (f->window, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (f->timeline));
  iterate ();
  g_assert_true (gtk_widget_has_visible_focus (GTK_WIDGET (f->timeline)));
  for (guint i = 0; i < 2; i++)
    {
      TreatiesTimelineLayout *layout = treaties_timeline_get_layout (f->timeline);
      TreatiesEvent *e = i == 0 ? event_of_section (f, "impact") : primary_event (f);
      const TreatiesTimelineMarker *marker;
      guint index;

      g_assert_true (treaties_timeline_layout_find_event (layout, e, &index));
      click_event (f, e);
      marker = treaties_timeline_layout_find_marker (layout, index);
      g_assert_nonnull (marker);
      treaties_timeline_set_current_section (f->timeline,
                                             treaties_event_get_section_ids (e)[0]);
      g_assert_true (treaties_timeline_get_focused_event (f->timeline) == e);
      snapshot = gtk_snapshot_new ();
      GTK_WIDGET_GET_CLASS (f->timeline)->snapshot (GTK_WIDGET (f->timeline), snapshot);
      node = gtk_snapshot_free_to_node (snapshot);
      g_assert_nonnull (node);
      gsk_render_node_unref (node);
    }

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  iterate ();
  snapshot = gtk_snapshot_new ();
  GTK_WIDGET_GET_CLASS (f->timeline)->snapshot (GTK_WIDGET (f->timeline), snapshot);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  gsk_render_node_unref (node);
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
  iterate ();
}

/* An article of 120 events three days apart from 1931 and 6 on one day
 * in 1935: crowds at any width. */
static TreatiesArticle *
crowded_article (void)
{
  g_autoptr(GString) json = g_string_new (NULL);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  TreatiesArticle *article;
  TreatiesDay first;

  g_assert_true (treaties_day_parse ("1931-01-01", &first));
  g_string_append (json, "{\"format\":1,\"id\":\"crowd\",\"title\":\"Crowd\","
                         "\"sections\":[{\"id\":\"s\",\"title\":\"S\","
                         "\"blocks\":[{\"type\":\"paragraph\",\"text\":\"x\"}]}],"
                         "\"timeline\":{\"start\":\"1918-11-11\",\"end\":\"1939-09-01\",\"events\":[");
  for (guint i = 0; i < 126; i++)
    {
      g_autofree char *iso = i < 120 ? treaties_day_to_iso (first + 3 * i) : g_strdup ("1935-06-01");

      g_string_append_printf (json, "%s{\"id\":\"e%u\",\"date\":\"%s\",\"title\":\"Crowded event %u\","
                              "\"sections\":[\"s\"]}", i > 0 ? "," : "", i, iso, i);
    }
  g_string_append (json, "]}}");
  bytes = g_bytes_new (json->str, json->len);
  article = treaties_article_new_from_bytes (bytes, "crowd.json", &error);
  g_assert_no_error (error);
  return article;
}

static void
crowd_setup (Fixture       *f,
             gconstpointer  data)
{
  fixture_setup (f, data);
  g_object_unref (f->article);
  f->article = crowded_article ();
  treaties_timeline_set_article (f->timeline, f->article);
  {
    gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

    while (treaties_timeline_layout_get_width (treaties_timeline_get_layout (f->timeline)) < 100 &&
           g_get_monotonic_time () < deadline)
      g_main_context_iteration (NULL, TRUE);
  }
  iterate ();
}

static const TreatiesTimelineBadge *
badge_of (Fixture *f,
          guint    index)
{
  return treaties_timeline_layout_find_badge (treaties_timeline_get_layout (f->timeline), index);
}

/* A click on a badge zooms in to fit its events; on a badge of one day's
 * events, it lists them, and a click in the list activates one. */
static void
test_badge_click (Fixture       *f,
                  gconstpointer  data)
{
  TreatiesTimelineLayout *layout = treaties_timeline_get_layout (f->timeline);
  const TreatiesTimelineBadge *badge = treaties_timeline_layout_compute (layout)->badges;
  double dpp = treaties_timeline_layout_get_days_per_pixel (layout);
  GtkWidget *popover = NULL, *button = NULL;
  gint64 deadline;

  g_assert_cmpuint (treaties_timeline_layout_compute (layout)->n_badges, >, 0);
  g_assert_true (treaties_timeline_activate_at (f->timeline, badge->x + badge->width / 2,
                                                badge->y + badge->height / 2));
  g_assert_cmpfloat (treaties_timeline_layout_get_days_per_pixel (layout), <, dpp);
  g_assert_cmpuint (f->activated->len, ==, 0);

  /* The same-day crowd: click its badge until it cannot zoom, then a list. */
  gtk_widget_activate_action (GTK_WIDGET (f->timeline), "timeline.zoom-fit", NULL);
  g_assert_nonnull (badge_of (f, 120));
  for (guint k = 0; k < 20 && (badge = badge_of (f, 120)) != NULL && popover == NULL; k++)
    {
      g_assert_true (treaties_timeline_activate_at (f->timeline, badge->x + badge->width / 2,
                                                    badge->y + badge->height / 2));
      for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (f->timeline));
           child != NULL; child = gtk_widget_get_next_sibling (child))
        if (GTK_IS_POPOVER (child))
          popover = child;
    }
  g_assert_nonnull (popover);
  deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  while (!gtk_widget_get_mapped (popover) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (gtk_widget_get_mapped (popover));

  /* Six buttons, one per event of the day, each named for its event. */
  {
    guint n = 0;

    for (GtkWidget *w = gtk_widget_get_first_child (popover); w != NULL;)
      {
        if (GTK_IS_BUTTON (w) && g_object_get_data (G_OBJECT (w), "event-index") != NULL)
          {
            n++;
            button = button != NULL ? button : w;
          }
        /* Depth first. */
        if (gtk_widget_get_first_child (w) != NULL)
          w = gtk_widget_get_first_child (w);
        else
          {
            while (w != NULL && w != popover && gtk_widget_get_next_sibling (w) == NULL)
              w = gtk_widget_get_parent (w);
            w = (w == NULL || w == popover) ? NULL : gtk_widget_get_next_sibling (w);
          }
      }
    g_assert_cmpuint (n, ==, 6);
  }
  g_signal_emit_by_name (button, "clicked");
  g_assert_cmpuint (f->activated->len, ==, 1);
  g_assert_cmpstr (treaties_event_get_title (last_activated (f)), ==, "Crowded event 120");
  g_assert_false (gtk_widget_get_visible (popover));
}

/* Enter on an event gathered into a badge expands the badge (zooms in to
 * fit its crowd) and, once it has room, activates the event. */
static void
test_badge_enter (Fixture       *f,
                  gconstpointer  data)
{
  TreatiesTimelineLayout *layout = treaties_timeline_get_layout (f->timeline);
  g_autoptr(TreatiesEvent) chosen = g_list_model_get_item (treaties_article_get_events (f->article), 40);
  double dpp = treaties_timeline_layout_get_days_per_pixel (layout);
  guint index, presses = 0;

  g_assert_true (treaties_timeline_layout_find_event (layout, chosen, &index));
  g_assert_nonnull (badge_of (f, index));
  treaties_timeline_set_focused_event (f->timeline, chosen);
  gtk_widget_activate_action (GTK_WIDGET (f->timeline), "timeline.activate-event", NULL);
  presses++;
  g_assert_cmpuint (f->activated->len, ==, 0);
  g_assert_cmpfloat (treaties_timeline_layout_get_days_per_pixel (layout), <, dpp);
  while (f->activated->len == 0 && presses < 20)
    {
      gtk_widget_activate_action (GTK_WIDGET (f->timeline), "timeline.activate-event", NULL);
      presses++;
    }
  g_assert_true (last_activated (f) == chosen);
  /* Chosen, it has its own label. */
  g_assert_nonnull (treaties_timeline_layout_find_label (layout, index));
  g_assert_null (badge_of (f, index));

  /* Each badge has an accessible button named for its crowd. */
  iterate ();
  {
    guint n = 0;

    for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (f->timeline));
         child != NULL; child = gtk_widget_get_next_sibling (child))
      if (g_object_get_data (G_OBJECT (child), "badge-index") != NULL)
        n++;
    g_assert_cmpuint (n, ==, treaties_timeline_layout_compute (layout)->n_badges);
    g_assert_cmpuint (n, >, 0);
  }
}

static GtkEventController *
find_controller (Fixture *f,
                 GType    type)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (f->timeline));

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (controller, type))
        return controller;
    }
  g_assert_not_reached ();
  return NULL;
}

/* The plain (vertical) wheel pans the timeline sideways. */
static void
test_wheel_pans (Fixture       *f,
                 gconstpointer  data)
{
  TreatiesTimelineLayout *layout = treaties_timeline_get_layout (f->timeline);
  GtkEventController *scroll = find_controller (f, GTK_TYPE_EVENT_CONTROLLER_SCROLL);
  TreatiesDay first, last;
  double start;
  gboolean handled = FALSE;

  g_assert_true (treaties_day_parse ("1929-01-01", &first));
  g_assert_true (treaties_day_parse ("1929-12-31", &last));
  treaties_timeline_set_visible_range (f->timeline, first, last);
  start = treaties_timeline_layout_get_view_start (layout);

  g_signal_emit_by_name (scroll, "scroll", 0.0, 1.0, &handled);
  g_assert_true (handled);
  g_assert_cmpfloat (treaties_timeline_layout_get_view_start (layout), >, start);
  start = treaties_timeline_layout_get_view_start (layout);
  g_signal_emit_by_name (scroll, "scroll", 0.0, -2.0, &handled);
  g_assert_cmpfloat (treaties_timeline_layout_get_view_start (layout), <, start);
  /* Still zoomed as it was: the wheel pans, Ctrl+wheel zooms. */
  g_assert_false (treaties_timeline_layout_is_fit (layout));
}

/* Zoomed in, the overview strip's window shows the part in view; dragging
 * it moves the view, and at the whole range there is no strip. */
static void
test_overview_drag (Fixture       *f,
                    gconstpointer  data)
{
  TreatiesTimelineLayout *layout = treaties_timeline_get_layout (f->timeline);
  GtkEventController *drag = find_controller (f, GTK_TYPE_GESTURE_DRAG);
  graphene_rect_t window, after;
  TreatiesDay first, last;
  double start, days_per_pixel;

  treaties_timeline_layout_zoom_fit (layout);
  g_assert_false (treaties_timeline_get_overview_window (f->timeline, &window));

  g_assert_true (treaties_day_parse ("1925-01-01", &first));
  g_assert_true (treaties_day_parse ("1926-12-31", &last));
  treaties_timeline_set_visible_range (f->timeline, first, last);
  g_assert_true (treaties_timeline_get_overview_window (f->timeline, &window));
  /* About a tenth of the 21-year range, a third of the way along. */
  g_assert_cmpfloat (window.size.width, <, gtk_widget_get_width (GTK_WIDGET (f->timeline)) / 5.0);
  g_assert_cmpfloat (window.origin.x, >, gtk_widget_get_width (GTK_WIDGET (f->timeline)) / 5.0);
  g_assert_cmpfloat (window.origin.y + window.size.height, <=, gtk_widget_get_height (GTK_WIDGET (f->timeline)));

  start = treaties_timeline_layout_get_view_start (layout);
  days_per_pixel = treaties_timeline_layout_get_days_per_pixel (layout);
  g_signal_emit_by_name (drag, "drag-begin", window.origin.x + window.size.width / 2,
                         window.origin.y + window.size.height / 2);
  g_signal_emit_by_name (drag, "drag-update", 100.0, 0.0);
  g_signal_emit_by_name (drag, "drag-end", 100.0, 0.0);
  /* The view moved on with the window, at the same zoom, and no event was
   * activated. */
  g_assert_cmpfloat (treaties_timeline_layout_get_view_start (layout), >, start + 100 * days_per_pixel);
  g_assert_cmpfloat_with_epsilon (treaties_timeline_layout_get_days_per_pixel (layout), days_per_pixel, 1e-9);
  g_assert_true (treaties_timeline_get_overview_window (f->timeline, &after));
  g_assert_cmpfloat_with_epsilon (after.origin.x, window.origin.x + 100, 1.0);
  g_assert_cmpuint (f->activated->len, ==, 0);
}

static void
chronology_activated_cb (TreatiesChronologyView *view,
                         TreatiesEvent          *e,
                         TreatiesTimeline       *timeline)
{
  treaties_timeline_activate_event (timeline, e);
}

/* The chronology: one row per event in date order, three columns; a row
 * activated selects its event on the timeline as a click does. */
static void
test_chronology (Fixture       *f,
                 gconstpointer  data)
{
  TreatiesChronologyView *view = TREATIES_CHRONOLOGY_VIEW (g_object_ref_sink (treaties_chronology_view_new ()));
  GtkColumnView *table = treaties_chronology_view_get_column_view (view);
  GListModel *events = treaties_article_get_events (f->article);
  g_autoptr(TreatiesEvent) sixth = g_list_model_get_item (events, 5);
  GListModel *columns = gtk_column_view_get_columns (table);
  GtkWidget *window = gtk_window_new ();

  treaties_chronology_view_set_article (view, f->article);
  g_assert_cmpuint (g_list_model_get_n_items (columns), ==, 3);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (gtk_column_view_get_model (table))), ==,
                    g_list_model_get_n_items (events));
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (view));
  gtk_window_present (GTK_WINDOW (window));
  iterate ();

  g_signal_connect_object (view, "event-activated", G_CALLBACK (chronology_activated_cb), f->timeline, 0);
  g_signal_emit_by_name (table, "activate", 5);
  g_assert_cmpuint (f->activated->len, ==, 1);
  g_assert_true (last_activated (f) == sixth);
  g_assert_true (treaties_timeline_get_selected_event (f->timeline) == sixth);
  g_assert_true (treaties_timeline_get_focused_event (f->timeline) == sixth);

  gtk_window_destroy (GTK_WINDOW (window));
  iterate ();
  g_assert_finalize_object (view);
}

static void
test_no_article (void)
{
  GtkWidget *window = gtk_window_new ();
  TreatiesTimeline *timeline = TREATIES_TIMELINE (treaties_timeline_new ());

  /* Without an article it is empty and quiet. */
  g_object_ref_sink (timeline);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (timeline));
  gtk_window_present (GTK_WINDOW (window));
  iterate ();
  g_assert_false (treaties_timeline_activate_at (timeline, 10, 10));
  g_assert_null (treaties_timeline_get_focused_event (timeline));
  treaties_timeline_set_current_section (timeline, "background");
  gtk_widget_activate_action (GTK_WIDGET (timeline), "timeline.next-event", NULL);
  gtk_window_destroy (GTK_WINDOW (window));
  iterate ();
  g_assert_finalize_object (timeline);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GtkCssProvider) provider = NULL;

  g_test_init (&argc, &argv, NULL);
  gtk_init ();
  adw_init ();
  treaties_register_resource ();

  /* The app's stylesheet, as AdwApplication would load it. */
  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (provider, "/org/example/Treaties/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);

#define ADD(path, func) \
  g_test_add ("/timeline/widget/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("size", test_size);
  ADD ("click-activates", test_click_activates);
  ADD ("keyboard/order", test_keyboard_order);
  ADD ("keyboard/scrolls", test_keyboard_scrolls);
  ADD ("zoom-actions", test_zoom_actions);
  ADD ("current-section", test_current_section);
  ADD ("selected-keeps-label", test_selected_keeps_label);
  ADD ("accessible-children", test_accessible_children);
  ADD ("snapshot", test_snapshot);
  ADD ("wheel-pans", test_wheel_pans);
  ADD ("overview-drag", test_overview_drag);
  ADD ("chronology", test_chronology);
#undef ADD
  g_test_add ("/timeline/widget/badge/click", Fixture, NULL, crowd_setup, test_badge_click, fixture_teardown);
  g_test_add ("/timeline/widget/badge/enter", Fixture, NULL, crowd_setup, test_badge_enter, fixture_teardown);
  g_test_add_func ("/timeline/widget/no-article", test_no_article);

  return g_test_run ();
}
