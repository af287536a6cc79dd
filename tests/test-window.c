/* test-window.c: the reading window, driven as a reader would
 *
 * Runs under Xvfb (see tests/meson.build) with G_DEBUG=fatal-criticals.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <locale.h>
#include <math.h>
#include <string.h>

#include <adwaita.h>

#include "treaties-article-view.h"
#include "treaties-resources.h"
#include "treaties-sidebar.h"
#include "treaties-timeline.h"
#include "treaties-window.h"
#include "treaties-window-open.h"
#include "ui-test-utils.h"

#define SHIPPED "/org/example/Treaties/articles/france-ussr-neutrality-1931.treaty.json"

static gboolean
is_unmapped (gpointer widget)
{
  return !gtk_widget_get_mapped (widget);
}

typedef struct
{
  TreatiesWindow  *window;
  TreatiesArticle *article;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->article = treaties_article_new_from_resource (SHIPPED, &error);
  g_assert_no_error (error);

  f->window = treaties_window_new (NULL);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1100, 720);
  treaties_window_set_article (f->window, f->article);
  gtk_window_present (GTK_WINDOW (f->window));
  g_assert_true (wait_until (is_mapped, child (f->window, "article_view")));
  settle ();
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  g_clear_object (&f->article);
  settle ();
}

/* The sidebar's row at @position: made, since the shipped article's rows
 * all fit on screen. */
static GtkWidget *
row_at (Fixture *f,
        guint    position)
{
  return treaties_sidebar_get_row (child (f->window, "sidebar"), position);
}

static const char *
row_title (GtkWidget *row)
{
  GtkWidget *label = gtk_widget_get_first_child (row);
  return gtk_label_get_text (GTK_LABEL (label));
}

/* As a click or Enter on the row does. */
static void
activate_row (Fixture *f,
              guint    position)
{
  g_assert_true (gtk_widget_activate_action (row_at (f, position), "list.activate-item", "u", position));
}

static guint
position_of (Fixture    *f,
             const char *section_id)
{
  GListModel *outline = treaties_article_get_outline (treaties_window_get_article (f->window));

  for (guint i = 0; i < g_list_model_get_n_items (outline); i++)
    {
      g_autoptr(TreatiesSection) section = g_list_model_get_item (outline, i);

      if (g_str_equal (treaties_section_get_id (section), section_id))
        return i;
    }
  g_error ("no section %s", section_id);
}

static const char *
selected_section (Fixture *f)
{
  return treaties_sidebar_get_current_section (child (f->window, "sidebar"));
}

static void
test_title (Fixture       *f,
            gconstpointer  data)
{
  AdwWindowTitle *title = child (f->window, "window_title");

  g_assert_cmpstr (adw_window_title_get_title (title), ==, treaties_article_get_title (f->article));
  g_assert_nonnull (strstr (adw_window_title_get_subtitle (title), "1931"));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (f->window)), ==, treaties_article_get_title (f->article));
}

static void
test_sidebar_rows (Fixture       *f,
                   gconstpointer  data)
{
  GListModel *outline = treaties_article_get_outline (f->article);
  guint n = g_list_model_get_n_items (outline);

  g_assert_cmpuint (n, ==, 10);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TreatiesSection) section = g_list_model_get_item (outline, i);
      GtkWidget *row = row_at (f, i);
      GtkWidget *label;

      g_assert_nonnull (row);
      g_assert_cmpstr (row_title (row), ==, treaties_section_get_title (section));
      {
        g_autofree char *tooltip = treaties_sidebar_dup_row_tooltip (child (f->window, "sidebar"), i);
        g_assert_cmpstr (tooltip, ==, treaties_section_get_title (section));
      }
      /* Subsections are indented under their parent. */
      label = gtk_widget_get_first_child (row);
      if (treaties_section_get_depth (section) > 0)
        {
          g_assert_cmpint (gtk_widget_get_margin_start (label), >, 6);
          g_assert_true (gtk_widget_has_css_class (row, "subsection-row"));
        }
      else
        g_assert_cmpint (gtk_widget_get_margin_start (label), ==, 6);
    }
  g_assert_null (row_at (f, n));

  /* The first section is selected at the start. */
  {
    g_autoptr(TreatiesSection) first = g_list_model_get_item (outline, 0);
    g_assert_cmpstr (selected_section (f), ==, treaties_section_get_id (first));
  }
}

typedef struct
{
  TreatiesArticleView *view;
  GtkAdjustment       *adj;
  const char          *id;
} ScrollWait;

/* The heading is at the top of the view, or the view is scrolled to the end.
 * Asked afresh each time: heights settle as the text view lays out lines. */
static gboolean
scrolled_to (gpointer data)
{
  ScrollWait *w = data;
  double max = gtk_adjustment_get_upper (w->adj) - gtk_adjustment_get_page_size (w->adj);
  int y;

  g_assert_true (treaties_article_view_get_section_y (w->view, w->id, &y));
  return fabs (gtk_adjustment_get_value (w->adj) - MIN (y, max)) < 2.0;
}

typedef struct
{
  TreatiesArticleView *view;
  GtkAdjustment       *adj;
  const char          *id;
  int                  y;
} HeadingWait;

/* Scrolls, as a reader does, so that the heading is just below the top edge,
 * and again until it stays there: the text view lays out lines in idle time,
 * and until it has, the heights of long paragraphs are estimates. */
static gboolean
heading_just_below_top (gpointer data)
{
  HeadingWait *w = data;
  double max = gtk_adjustment_get_upper (w->adj) - gtk_adjustment_get_page_size (w->adj);
  int y;

  g_assert_true (treaties_article_view_get_section_y (w->view, w->id, &y));
  if (y == w->y && fabs (gtk_adjustment_get_value (w->adj) - MIN (y + 4, max)) < 1.0)
    return TRUE;
  w->y = y;
  gtk_adjustment_set_value (w->adj, y + 4);
  return FALSE;
}

static void
test_row_activation_scrolls (Fixture       *f,
                             gconstpointer  data)
{
  TreatiesArticleView *view = child (f->window, "article_view");
  GtkAdjustment *adj = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (view));
  const guint targets[] = { 4, 1, 7, 9, 0 };

  for (guint t = 0; t < G_N_ELEMENTS (targets); t++)
    {
      g_autoptr(TreatiesSection) section = g_list_model_get_item (treaties_article_get_outline (f->article), targets[t]);
      const char *id = treaties_section_get_id (section);
      ScrollWait w = { view, adj, id };
      int y;

      activate_row (f, targets[t]);

      if (!wait_until (scrolled_to, &w))
        {
          g_assert_true (treaties_article_view_get_section_y (view, id, &y));
          g_error ("row %u: view at %.0f, heading at %d", targets[t], gtk_adjustment_get_value (adj), y);
        }
      settle ();

      /* The heading is at the top (or the text cannot scroll further), and
       * the sidebar and the window agree on the section. */
      g_assert_true (scrolled_to (&w));
      g_assert_cmpstr (treaties_window_get_current_section (f->window), ==, id);
      g_assert_cmpstr (selected_section (f), ==, id);
    }
}

static void
test_scrolling_selects_row (Fixture       *f,
                            gconstpointer  data)
{
  TreatiesArticleView *view = child (f->window, "article_view");
  GtkAdjustment *adj = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (view));
  const char *ids[] = { "objectives", "reactions", "background", "impact" };

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      HeadingWait w = { view, adj, ids[i], -1 };

      /* As the reader scrolls: the heading just below the top edge. */
      g_assert_true (wait_until (heading_just_below_top, &w));
      settle ();

      g_assert_cmpstr (selected_section (f), ==, ids[i]);
      g_assert_cmpstr (treaties_window_get_current_section (f->window), ==, ids[i]);
    }
}

static void
test_buffer_has_all_text (Fixture       *f,
                          gconstpointer  data)
{
  TreatiesArticleView *view = child (f->window, "article_view");
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  GListModel *outline = treaties_article_get_outline (f->article);
  g_autofree char *text = NULL;
  GtkTextIter start, end;
  guint n_blocks = 0;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);

  g_assert_nonnull (strstr (text, treaties_article_get_title (f->article)));
  for (guint i = 0; i < g_list_model_get_n_items (outline); i++)
    {
      g_autoptr(TreatiesSection) section = g_list_model_get_item (outline, i);
      GListModel *blocks = treaties_section_get_blocks (section);

      g_assert_nonnull (strstr (text, treaties_section_get_title (section)));
      for (guint j = 0; j < g_list_model_get_n_items (blocks); j++)
        {
          g_autoptr(TreatiesBlock) block = g_list_model_get_item (blocks, j);

          for (guint k = 0; k < treaties_block_get_n_items (block); k++)
            {
              g_autofree char *item = treaties_runs_to_plain (treaties_block_get_item (block, k));
              if (strstr (text, item) == NULL)
                g_error ("not in the view: %s", item);
            }
          n_blocks++;
        }
    }
  g_assert_cmpuint (n_blocks, >, 10);
  /* The editor's notes are labelled as the editor's. */
  g_assert_nonnull (strstr (text, "Editor’s note"));
  /* Read-only, but selectable. */
  g_assert_false (gtk_text_view_get_editable (GTK_TEXT_VIEW (view)));
}

typedef struct
{
  Fixture    *f;
  const char *id;
} SectionWait;

static gboolean
reading_section (gpointer data)
{
  SectionWait *w = data;

  return g_strcmp0 (treaties_window_get_current_section (w->f->window), w->id) == 0;
}

/* An event's passages: the words marked for it or, marked nowhere, its
 * sections (see test-event-card.c for the passages themselves). */
static void
test_timeline_event_leads_to_sections (Fixture       *f,
                                       gconstpointer  data)
{
  TreatiesTimeline *timeline = child (f->window, "timeline");
  TreatiesTimelineLayout *layout = treaties_timeline_get_layout (timeline);
  TreatiesSidebar *sidebar = child (f->window, "sidebar");
  GListModel *outline = treaties_article_get_outline (f->article);
  const TreatiesTimelineMarker *marker = NULL;
  GPtrArray *passages = NULL;
  const char *first, *second;

  /* An event in view whose first two passages are in different sections. */
  for (guint i = 0; i < treaties_timeline_layout_get_n_events (layout) && marker == NULL; i++)
    {
      TreatiesEvent *event = treaties_timeline_layout_get_event (layout, i);

      passages = treaties_article_get_passages (f->article, event);
      if (passages->len >= 2 &&
          ((TreatiesPassage *) g_ptr_array_index (passages, 0))->section !=
          ((TreatiesPassage *) g_ptr_array_index (passages, 1))->section)
        marker = treaties_timeline_layout_find_marker (layout, i);
    }
  g_assert_nonnull (marker);
  first = treaties_section_get_id (((TreatiesPassage *) g_ptr_array_index (passages, 0))->section);
  second = treaties_section_get_id (((TreatiesPassage *) g_ptr_array_index (passages, 1))->section);

  /* A click on it goes to its first passage's section... */
  g_assert_true (treaties_timeline_activate_at (timeline, marker->x, marker->y));
  {
    SectionWait w = { f, first };
    g_assert_true (wait_until (reading_section, &w));
  }
  settle ();
  g_assert_cmpstr (treaties_window_get_current_section (f->window), ==, first);
  g_assert_cmpstr (selected_section (f), ==, first);
  /* ...and marks the sections of all its passages, and only them, in the
   * sidebar. */
  for (guint i = 0; i < g_list_model_get_n_items (outline); i++)
    {
      g_autoptr(TreatiesSection) section = g_list_model_get_item (outline, i);
      GtkWidget *row = row_at (f, i);
      const char *id = treaties_section_get_id (section);
      gboolean related = FALSE;

      for (guint k = 0; k < passages->len; k++)
        related |= g_str_equal (id, treaties_section_get_id (((TreatiesPassage *) g_ptr_array_index (passages, k))->section));
      g_assert_cmpint (gtk_widget_has_css_class (row, "related-section"), ==, related);
      g_assert_cmpint (treaties_sidebar_is_related (sidebar, id), ==, related);
    }

  /* A second click goes to the next one. */
  g_assert_true (treaties_timeline_activate_at (timeline, marker->x, marker->y));
  {
    SectionWait w = { f, second };
    g_assert_true (wait_until (reading_section, &w));
  }
  settle ();
  g_assert_cmpstr (treaties_window_get_current_section (f->window), ==, second);
  g_assert_cmpstr (selected_section (f), ==, second);

  /* Choosing a section in the sidebar ends the event's marks. */
  activate_row (f, 0);
  for (guint i = 0; i < g_list_model_get_n_items (outline); i++)
    g_assert_false (gtk_widget_has_css_class (row_at (f, i), "related-section"));
}

/* The arrow keys move through the sections, and the text follows; Tab
 * leaves the list for the text. */
static void
test_sidebar_keyboard (Fixture       *f,
                       gconstpointer  data)
{
  TreatiesArticleView *view = child (f->window, "article_view");
  GtkAdjustment *adj = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (view));
  ScrollWait w = { view, adj, "background" };
  GtkWidget *list = gtk_widget_get_parent (row_at (f, 0));

  g_assert_true (gtk_widget_grab_focus (row_at (f, 0)));
  /* What the Down key does. */
  g_assert_true (activate_key_binding (list, GDK_KEY_Down));
  g_assert_true (wait_until (scrolled_to, &w));
  settle ();
  g_assert_cmpstr (treaties_window_get_current_section (f->window), ==, "background");
  g_assert_cmpstr (selected_section (f), ==, "background");

  g_assert_true (activate_key_binding (list, GDK_KEY_Down));
  g_assert_true (activate_key_binding (list, GDK_KEY_Down));
  w.id = "impact";
  g_assert_true (wait_until (scrolled_to, &w));
  settle ();
  g_assert_cmpstr (treaties_window_get_current_section (f->window), ==, "impact");
}

static void
test_hide_timeline (Fixture       *f,
                    gconstpointer  data)
{
  GtkRevealer *revealer = child (f->window, "timeline_revealer");
  gboolean visible;

  g_assert_true (gtk_revealer_get_reveal_child (revealer));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-timeline", NULL));
  g_object_get (f->window, "timeline-visible", &visible, NULL);
  g_assert_false (visible);
  g_assert_false (gtk_revealer_get_reveal_child (revealer));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-timeline", NULL));
  g_assert_true (gtk_revealer_get_reveal_child (revealer));
}

static void
test_reading_highlights_events (Fixture       *f,
                                gconstpointer  data)
{
  TreatiesTimeline *timeline = child (f->window, "timeline");
  TreatiesTimelineLayout *layout = treaties_timeline_get_layout (timeline);
  TreatiesArticleView *view = child (f->window, "article_view");
  GtkAdjustment *adj = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (view));
  const char *ids[] = { "background", "long-term-consequences", "introduction" };

  for (guint s = 0; s < G_N_ELEMENTS (ids); s++)
    {
      guint n_highlighted = 0;
      HeadingWait w = { view, adj, ids[s], -1 };

      g_assert_true (wait_until (heading_just_below_top, &w));
      settle ();
      g_assert_cmpstr (treaties_timeline_get_current_section (timeline), ==, ids[s]);

      for (guint i = 0; i < treaties_timeline_layout_get_n_events (layout); i++)
        {
          TreatiesEvent *event = treaties_timeline_layout_get_event (layout, i);
          gboolean related = g_strv_contains (treaties_event_get_section_ids (event), ids[s]);

          g_assert_cmpint (treaties_timeline_layout_is_highlighted (layout, i), ==, related);
          n_highlighted += related;
        }
      g_assert_cmpuint (n_highlighted, >, 0);
    }
}


static gboolean
is_shown (gpointer widget)
{
  return gtk_widget_get_visible (widget);
}

static gboolean
is_folded (gpointer flap)
{
  return adw_flap_get_folded (flap);
}

static gboolean
is_unfolded (gpointer flap)
{
  return !adw_flap_get_folded (flap);
}

static void
test_narrow_window (Fixture       *f,
                    gconstpointer  data)
{
  AdwFlap *flap = child (f->window, "flap");
  GtkWidget *view = child (f->window, "article_view");

  g_assert_false (adw_flap_get_folded (flap));
  g_assert_true (adw_flap_get_reveal_flap (flap));

  gtk_window_set_default_size (GTK_WINDOW (f->window), 360, 640);
  if (!wait_until (is_folded, flap))
    g_error ("the sidebar did not fold at 360 px (window is %d px)", gtk_widget_get_width (GTK_WIDGET (f->window)));
  settle ();
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (f->window)), <=, 400);
  /* Folded away, and the text still gets the width; Back and Forward stay,
   * on screen: a phone-sized window has a way back too. */
  g_assert_false (adw_flap_get_reveal_flap (flap));
  g_assert_cmpint (gtk_widget_get_width (view), >=, 300);
  g_assert_true (wait_until (is_mapped, child (f->window, "history_buttons")));

  /* The toggle brings it back over the text. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.toggle-sidebar", NULL));
  g_assert_true (adw_flap_get_reveal_flap (flap));
  /* Choosing a section gets it out of the way again. */
  activate_row (f, 3);
  g_assert_false (adw_flap_get_reveal_flap (flap));
  {
    g_autoptr(TreatiesSection) section = g_list_model_get_item (treaties_article_get_outline (f->article), 0);
    GtkWidget *back = gtk_widget_get_first_child (child (f->window, "history_buttons"));
    SectionWait w = { f, treaties_section_get_id (section) };

    /* Back, clicked at 360 px, returns to where the reader was. */
    g_assert_true (gtk_widget_get_sensitive (back));
    g_assert_true (gtk_widget_get_width (back) > 0);
    g_signal_emit_by_name (back, "clicked");
    g_assert_true (wait_until (reading_section, &w));
  }

  gtk_window_set_default_size (GTK_WINDOW (f->window), 1100, 720);
  g_assert_true (wait_until (is_unfolded, flap));
  settle ();
  g_assert_true (adw_flap_get_reveal_flap (flap));
  g_assert_true (is_shown (child (f->window, "history_buttons")));
}

static void
test_zoom_actions (Fixture       *f,
                   gconstpointer  data)
{
  TreatiesArticleView *view = child (f->window, "article_view");

  g_assert_cmpfloat_with_epsilon (treaties_article_view_get_zoom (view), 1.0, 0.001);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.zoom-in", NULL));
  g_assert_cmpfloat_with_epsilon (treaties_article_view_get_zoom (view), 1.1, 0.001);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.zoom-out", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.zoom-out", NULL));
  g_assert_cmpfloat_with_epsilon (treaties_article_view_get_zoom (view), 1.0 / 1.1, 0.001);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.zoom-reset", NULL));
  g_assert_cmpfloat_with_epsilon (treaties_article_view_get_zoom (view), 1.0, 0.001);

  /* The main menu shows the size. */
  {
    GtkMenuButton *menu = child (f->window, "menu_button");
    GtkWidget *size;

    gtk_menu_button_popup (menu);
    settle ();
    size = find_widget_named (GTK_WIDGET (gtk_menu_button_get_popover (menu)), "zoom-size");
    g_assert_nonnull (size);
    g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (size)), ==, "100%");
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.zoom-in", NULL));
    g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (size)), ==, "110%");
    g_signal_emit_by_name (size, "clicked"); /* resets */
    g_assert_cmpfloat_with_epsilon (treaties_article_view_get_zoom (view), 1.0, 0.001);
    g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (size)), ==, "100%");
    gtk_menu_button_popdown (menu);
  }

  /* Zoom has bounds. */
  for (guint i = 0; i < 40; i++)
    gtk_widget_activate_action (GTK_WIDGET (f->window), "win.zoom-in", NULL);
  g_assert_cmpfloat_with_epsilon (treaties_article_view_get_zoom (view), TREATIES_ARTICLE_VIEW_MAX_ZOOM, 0.001);
}

static void
test_shortcuts_window (Fixture       *f,
                       gconstpointer  data)
{
  GtkApplicationWindow *window = GTK_APPLICATION_WINDOW (f->window);
  GtkWindow *shortcuts;

  /* Not made with the window, but when asked for. */
  g_assert_null (gtk_application_window_get_help_overlay (window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-help-overlay", NULL));
  settle ();
  shortcuts = GTK_WINDOW (gtk_application_window_get_help_overlay (window));
  g_assert_nonnull (shortcuts);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (shortcuts)));
  g_assert_true (gtk_window_get_transient_for (shortcuts) == GTK_WINDOW (f->window));

  /* Closing hides it; asking again shows the same one. */
  gtk_window_close (shortcuts);
  settle ();
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (shortcuts)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-help-overlay", NULL));
  settle ();
  g_assert_true (GTK_WINDOW (gtk_application_window_get_help_overlay (window)) == shortcuts);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (shortcuts)));
  gtk_window_close (shortcuts);
}

static void
test_error_page (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = g_bytes_new_static ("{\"format\": 1,\n \"title\": }", 26);
  g_autoptr(TreatiesArticle) article = treaties_article_new_from_bytes (bytes, "broken.json", &error);
  GtkStack *stack = child (f->window, "main_stack");
  GtkLabel *label;
  GtkButton *back;

  /* Only made when needed. */
  g_assert_null (gtk_stack_get_child_by_name (stack, "error"));
  g_assert_null (article);
  treaties_window_show_error (f->window, error);
  settle ();
  label = error_page_child (f->window, "error_label");
  back = error_page_child (f->window, "error_back_button");

  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "error");
  g_assert_nonnull (strstr (gtk_label_get_text (label), "broken.json:2:"));
  g_assert_true (wait_until (is_unmapped, child (f->window, "article_view")));

  /* The page does not hold the window wider than a phone, even with the
   * article's long title on its back button. */
  {
    int min_width;

    gtk_widget_measure (GTK_WIDGET (stack), GTK_ORIENTATION_HORIZONTAL, -1, &min_width, NULL, NULL, NULL);
    g_assert_cmpint (min_width, <=, 360);
  }

  /* The article being read is kept, one click away. */
  g_assert_true (treaties_window_get_article (f->window) == f->article);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (back)));
  g_assert_nonnull (strstr (gtk_button_get_label (back), treaties_article_get_title (f->article)));
  g_signal_emit_by_name (back, "clicked");
  settle ();
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "article");
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (f->window)), ==, treaties_article_get_title (f->article));
}

/* Started with a file it cannot read, the window has no article to go back
 * to: the error page offers the built-in one. */
static void
test_error_page_without_article (void)
{
  g_autoptr(GError) error = g_error_new_literal (TREATIES_ARTICLE_ERROR, TREATIES_ARTICLE_ERROR_IO,
                                                 "missing.json: no such file");
  TreatiesWindow *window = treaties_window_new (NULL);
  GtkStack *stack = child (window, "main_stack");
  GtkWidget *shipped;

  gtk_window_present (GTK_WINDOW (window));
  treaties_window_show_error (window, error);
  settle ();
  g_assert_null (treaties_window_get_article (window));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "error");
  g_assert_false (gtk_widget_get_visible (error_page_child (window, "error_back_button")));
  shipped = error_page_child (window, "shipped_button");
  g_assert_true (gtk_widget_get_visible (shipped));
  g_assert_true (gtk_widget_get_mapped (shipped));

  g_signal_emit_by_name (shipped, "clicked");
  settle ();
  g_assert_nonnull (treaties_window_get_article (window));
  g_assert_cmpstr (treaties_article_get_id (treaties_window_get_article (window)), ==, "france-ussr-neutrality-1931");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "article");
  gtk_window_destroy (GTK_WINDOW (window));
  settle ();
}

/* A small article of our own, to show the window is not tied to the seed. */
static const char other_article[] =
  "{\"format\": 1, \"id\": \"other\", \"title\": \"Another Treaty\", \"date\": \"1925-12-01\","
  " \"sections\": ["
  "  {\"id\": \"one\", \"title\": \"First Part\", \"blocks\": [{\"type\": \"paragraph\", \"text\": \"Alpha text.\"}]},"
  "  {\"id\": \"two\", \"title\": \"Second Part\", \"blocks\": [{\"type\": \"paragraph\", \"text\": \"Beta text.\"}]}],"
  " \"timeline\": {\"start\": \"1920-01-01\", \"end\": \"1930-01-01\", \"events\": ["
  "  {\"id\": \"e\", \"date\": \"1925-12-01\", \"title\": \"Signed\", \"sections\": [\"two\"]}]}}";

static gboolean
article_titled (gpointer data)
{
  Fixture *f = data;
  TreatiesArticle *article = treaties_window_get_article (f->window);

  return article != NULL && g_str_equal (treaties_article_get_title (article), "Another Treaty");
}

static gboolean
showing_error (gpointer data)
{
  Fixture *f = data;
  return g_strcmp0 (gtk_stack_get_visible_child_name (child (f->window, "main_stack")), "error") == 0;
}

static GFile *
write_temp (const char *name,
            const char *contents)
{
  g_autofree char *dir = g_dir_make_tmp ("treaties-window-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
  return g_file_new_for_path (path);
}

static void
delete_temp (GFile *file)
{
  g_autoptr(GFile) dir = g_file_get_parent (file);

  g_file_delete (file, NULL, NULL);
  g_file_delete (dir, NULL, NULL);
}

static void
test_open_file (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GFile) good = write_temp ("other.treaty.json", other_article);
  g_autoptr(GFile) bad = write_temp ("bad.json", "{\"format\": 1, \"id\": \"x\", \"title\": 3, \"sections\": []}");
  TreatiesTimeline *timeline = child (f->window, "timeline");
  AdwWindowTitle *title = child (f->window, "window_title");
  g_autofree char *bad_name = g_file_get_parse_name (bad);

  treaties_window_open_file (f->window, good);
  g_assert_true (wait_until (article_titled, f));
  settle ();

  /* Title, sidebar, text and timeline all follow the new article. */
  g_assert_cmpstr (adw_window_title_get_title (title), ==, "Another Treaty");
  g_assert_cmpstr (row_title (row_at (f, 0)), ==, "First Part");
  g_assert_cmpstr (row_title (row_at (f, 1)), ==, "Second Part");
  g_assert_null (row_at (f, 2));
  g_assert_true (treaties_timeline_get_article (timeline) == treaties_window_get_article (f->window));
  g_assert_true (g_file_equal (treaties_window_get_file (f->window), good));

  /* An invalid file: every problem on the error page, and the article
   * just opened one click away. */
  treaties_window_open_file (f->window, bad);
  g_assert_true (wait_until (showing_error, f));
  g_assert_nonnull (strstr (gtk_label_get_text (error_page_child (f->window, "error_label")), bad_name));
  g_assert_nonnull (strstr (gtk_label_get_text (error_page_child (f->window, "error_label")), "title: expected a string"));
  g_assert_nonnull (strstr (gtk_label_get_text (error_page_child (f->window, "error_label")), "sections: an article needs at least one section"));
  g_assert_true (article_titled (f));
  g_signal_emit_by_name (error_page_child (f->window, "error_back_button"), "clicked");
  settle ();
  g_assert_cmpstr (gtk_stack_get_visible_child_name (child (f->window, "main_stack")), ==, "article");
  g_assert_cmpstr (adw_window_title_get_title (title), ==, "Another Treaty");

  delete_temp (good);
  delete_temp (bad);
}

/* A file dropped on the window opens, as it does from a file manager. */
static void
test_drop_file (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GFile) good = write_temp ("dropped.treaty.json", other_article);
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (f->window));
  GtkDropTarget *target = NULL;
  g_auto(GValue) value = G_VALUE_INIT;
  GSList *files = g_slist_prepend (NULL, good);
  gboolean accepted = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers) && target == NULL; i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);
      if (GTK_IS_DROP_TARGET (controller))
        target = GTK_DROP_TARGET (controller);
    }
  g_assert_nonnull (target);

  g_value_init (&value, GDK_TYPE_FILE_LIST);
  g_value_set_boxed (&value, files);
  g_signal_emit_by_name (target, "drop", &value, 10.0, 10.0, &accepted);
  g_slist_free (files);

  g_assert_true (accepted);
  g_assert_true (wait_until (article_titled, f));
  settle ();
  g_assert_true (g_file_equal (treaties_window_get_file (f->window), good));
  delete_temp (good);
}

static void
test_back_and_forward (Fixture       *f,
                       gconstpointer  data)
{
  TreatiesArticleView *view = child (f->window, "article_view");
  GtkAdjustment *adj = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (view));
  GtkWidget *window = GTK_WIDGET (f->window);
  const char *path[] = { "impact", "fun-fact", "background" };

  /* Nothing to go back to yet. */
  gtk_widget_activate_action (window, "win.go-back", NULL);
  settle ();
  g_assert_cmpstr (treaties_window_get_current_section (f->window), ==, "introduction");

  for (guint i = 0; i < G_N_ELEMENTS (path); i++)
    {
      ScrollWait w = { view, adj, path[i] };
      activate_row (f, position_of (f, path[i]));
      g_assert_true (wait_until (scrolled_to, &w));
      settle ();
    }
  g_assert_cmpstr (treaties_window_get_current_section (f->window), ==, "background");

  /* Back retraces the jumps, forward replays them. */
  {
    const char *expected[] = { "fun-fact", "impact", "introduction" };
    for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
      {
        ScrollWait w = { view, adj, expected[i] };
        g_assert_true (gtk_widget_activate_action (window, "win.go-back", NULL));
        g_assert_true (wait_until (scrolled_to, &w));
        settle ();
        g_assert_cmpstr (treaties_window_get_current_section (f->window), ==, expected[i]);
        g_assert_cmpstr (selected_section (f), ==, expected[i]);
      }
  }
  {
    ScrollWait w = { view, adj, "impact" };
    g_assert_true (gtk_widget_activate_action (window, "win.go-forward", NULL));
    g_assert_true (wait_until (scrolled_to, &w));
    settle ();
    g_assert_cmpstr (treaties_window_get_current_section (f->window), ==, "impact");
  }

  /* A new jump drops what was ahead. */
  {
    ScrollWait w = { view, adj, "reactions" };
    activate_row (f, position_of (f, "reactions"));
    g_assert_true (wait_until (scrolled_to, &w));
    settle ();
  }
  gtk_widget_activate_action (window, "win.go-forward", NULL);
  settle ();
  g_assert_cmpstr (treaties_window_get_current_section (f->window), ==, "reactions");
}


/* What a turn of the mouse wheel over the text tells the view, before the
 * scrolled window scrolls. */
static void
wheel (TreatiesArticleView *view)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (view));
  gboolean handled = TRUE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (g_strcmp0 (gtk_event_controller_get_name (controller), "reader-scroll") == 0)
        {
          g_signal_emit_by_name (controller, "scroll", 0.0, -1.0, &handled);
          g_assert_false (handled); /* left to the scrolled window */
          return;
        }
    }
  g_error ("the view does not watch the wheel");
}

typedef struct
{
  Fixture    *f;
  const char *id;
} SelectedWait;

static gboolean
sidebar_selects (gpointer data)
{
  SelectedWait *w = data;

  return g_strcmp0 (selected_section (w->f), w->id) == 0;
}

/* After a jump, scrolling back shows the section scrolled to at once, in
 * the sidebar, the window and the timeline, though the heading jumped to
 * is still on screen. */
static void
test_follows_scrolling_after_jump (Fixture       *f,
                                   gconstpointer  data)
{
  TreatiesArticleView *view = child (f->window, "article_view");
  GtkAdjustment *adj = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (view));
  ScrollWait jumped = { view, adj, "impact" };
  HeadingWait back = { view, adj, "objectives", -1 };
  SelectedWait w = { f, "objectives" };
  int y_impact, y_objectives;

  activate_row (f, position_of (f, "impact"));
  g_assert_true (wait_until (scrolled_to, &jumped));
  settle ();
  g_assert_cmpstr (selected_section (f), ==, "impact");

  /* Back up to just below the previous heading: "impact"'s heading is
   * still in view (a section is shorter than the view). */
  wheel (view);
  g_assert_true (wait_until (heading_just_below_top, &back));
  g_assert_true (treaties_article_view_get_section_y (view, "impact", &y_impact));
  g_assert_true (treaties_article_view_get_section_y (view, "objectives", &y_objectives));
  g_assert_cmpint (y_impact, <, gtk_adjustment_get_value (adj) + gtk_adjustment_get_page_size (adj));
  g_assert_true (wait_until (sidebar_selects, &w));
  g_assert_cmpstr (treaties_window_get_current_section (f->window), ==, "objectives");
  g_assert_cmpstr (treaties_timeline_get_current_section (child (f->window, "timeline")), ==, "objectives");
  /* A scroll is no jump: Back returns to where the reader was before. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.go-back", NULL));
  g_assert_cmpstr (treaties_window_get_current_section (f->window), ==, "introduction");
}

typedef struct
{
  TreatiesArticleView *view;
  const char          *id;
  guint                block;
} PlaceWait;

static gboolean
at_place (gpointer data)
{
  PlaceWait *w = data;

  return g_strcmp0 (treaties_article_view_get_current_section (w->view), w->id) == 0 &&
         treaties_article_view_get_current_block (w->view) == w->block;
}

/* Three steps of Ctrl++ (and back with Ctrl+-) keep the paragraph at the
 * top of the view there. */
static void
test_zoom_keeps_paragraph (Fixture       *f,
                           gconstpointer  data)
{
  TreatiesArticleView *view = child (f->window, "article_view");
  TreatiesReader *reader = treaties_window_get_reader (f->window);
  TreatiesSection *section = NULL;
  PlaceWait w = { view, NULL, 0 };
  GListModel *outline = treaties_article_get_outline (f->article);

  /* A section well into the text with a few paragraphs. */
  for (guint i = g_list_model_get_n_items (outline) / 2; i < g_list_model_get_n_items (outline) && section == NULL; i++)
    {
      g_autoptr(TreatiesSection) s = g_list_model_get_item (outline, i);

      if (g_list_model_get_n_items (treaties_section_get_blocks (s)) >= 2)
        section = s;
    }
  g_assert_nonnull (section);
  w.id = treaties_section_get_id (section);
  w.block = 1;
  treaties_reader_jump (reader, section, 1);
  g_assert_true (wait_until (at_place, &w));
  settle ();
  g_assert_true (at_place (&w));

  for (guint i = 0; i < 3; i++)
    {
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.zoom-in", NULL));
      settle ();
      g_assert_true (wait_until (at_place, &w));
    }
  for (guint i = 0; i < 3; i++)
    {
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.zoom-out", NULL));
      settle ();
      g_assert_true (wait_until (at_place, &w));
    }
}

/* What menus, shortcuts and tests name: win.show-section(s) and
 * win.select-event(s). */
static void
test_parameterised_actions (Fixture       *f,
                            gconstpointer  data)
{
  TreatiesArticleView *view = child (f->window, "article_view");
  GtkAdjustment *adj = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (view));
  GListModel *outline = treaties_article_get_outline (f->article);
  GListModel *events = treaties_article_get_events (f->article);
  g_autoptr(TreatiesSection) last = g_list_model_get_item (outline, g_list_model_get_n_items (outline) - 1);
  ScrollWait w = { view, adj, treaties_section_get_id (last) };
  TreatiesEvent *event = NULL;
  const TreatiesPassage *passage;
  SelectedWait selected = { f, NULL };

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-section", "s",
                                             treaties_section_get_id (last)));
  g_assert_true (wait_until (scrolled_to, &w));
  g_assert_cmpstr (treaties_window_get_current_section (f->window), ==, treaties_section_get_id (last));
  /* An unknown id does nothing. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-section", "s", "no-such-section"));
  g_assert_cmpstr (treaties_window_get_current_section (f->window), ==, treaties_section_get_id (last));

  /* An event whose first passage is in another section than the last. */
  for (guint i = 0; i < g_list_model_get_n_items (events) && event == NULL; i++)
    {
      g_autoptr(TreatiesEvent) e = g_list_model_get_item (events, i);
      GPtrArray *passages = treaties_article_get_passages (f->article, e);

      if (passages->len > 0 && ((TreatiesPassage *) g_ptr_array_index (passages, 0))->section != last)
        event = e;
    }
  g_assert_nonnull (event);
  passage = g_ptr_array_index (treaties_article_get_passages (f->article, event), 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.select-event", "s",
                                             treaties_event_get_id (event)));
  g_assert_true (treaties_reader_get_selected_event (treaties_window_get_reader (f->window)) == event);
  g_assert_true (treaties_timeline_get_selected_event (child (f->window, "timeline")) == event);
  selected.id = treaties_section_get_id (passage->section);
  g_assert_true (wait_until (sidebar_selects, &selected));
  g_assert_cmpstr (treaties_window_get_current_section (f->window), ==, selected.id);
  g_assert_true (treaties_sidebar_is_related (child (f->window, "sidebar"), selected.id));
}

/* The actions of @menu's items, sections flattened, space-separated. */
static void
collect_actions (GMenuModel *menu,
                 GString    *out)
{
  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autoptr(GMenuModel) section = g_menu_model_get_item_link (menu, i, G_MENU_LINK_SECTION);
      g_autofree char *action = NULL;

      if (section != NULL)
        collect_actions (section, out);
      else if (g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_ACTION, "s", &action))
        g_string_append_printf (out, "%s%s", out->len ? " " : "", action);
    }
}

static char *
menu_actions (TreatiesArticleView *view)
{
  GString *out = g_string_new (NULL);

  g_assert_nonnull (treaties_article_view_get_context_menu (view));
  collect_actions (treaties_article_view_get_context_menu (view), out);
  return g_string_free (out, FALSE);
}

static void
text_read_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      data)
{
  char **text = data;

  *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (source), result, NULL);
  if (*text == NULL)
    *text = g_strdup ("");
}

static gboolean
is_hidden (gpointer widget)
{
  return !gtk_widget_get_mapped (widget);
}

static gboolean
is_set (gpointer data)
{
  return *(char **) data != NULL;
}

/* The text's context menu is a reader's: Copy and Select All; on a link,
 * Open Link and Copy Link Address too; nothing that edits. */
static void
test_context_menu (Fixture       *f,
                   gconstpointer  data)
{
  TreatiesArticleView *view = child (f->window, "article_view");
  GtkTextView *text_view = GTK_TEXT_VIEW (view);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (text_view);
  GtkTextTag *link = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer), "link");
  g_autofree char *on_text = NULL;
  g_autofree char *on_link = NULL;
  g_autofree char *copied = NULL;
  GtkTextIter iter;
  GdkRectangle location;
  int x, y;

  /* Shift+F10 / the Menu key, with the cursor at the start. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "menu.popup", NULL));
  on_text = menu_actions (view);
  g_assert_cmpstr (on_text, ==, "clipboard.copy selection.select-all");

  /* A right click on a link. */
  g_assert_nonnull (link);
  gtk_text_buffer_get_start_iter (buffer, &iter);
  g_assert_true (gtk_text_iter_forward_to_tag_toggle (&iter, link));
  gtk_text_iter_forward_char (&iter);
  gtk_text_view_scroll_to_iter (text_view, &iter, 0.2, FALSE, 0, 0);
  settle ();
  gtk_text_view_get_iter_location (text_view, &iter, &location);
  gtk_text_view_buffer_to_window_coords (text_view, GTK_TEXT_WINDOW_WIDGET, location.x, location.y + location.height / 2, &x, &y);
  treaties_article_view_popup_context_menu (view, x, y);
  on_link = menu_actions (view);
  g_assert_cmpstr (on_link, ==, "article.open-link article.copy-link clipboard.copy selection.select-all");

  /* Copy Link Address puts the address on the clipboard. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "article.copy-link", NULL));
  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (GTK_WIDGET (view)), NULL, text_read_cb, &copied);
  g_assert_true (wait_until (is_set, &copied));
  g_assert_true (g_str_has_prefix (copied, "http") || g_str_has_prefix (copied, "mailto:"));

  /* Closed again, as a reader would, before the window goes. */
  for (GtkWidget *c = gtk_widget_get_first_child (GTK_WIDGET (view)); c != NULL; c = gtk_widget_get_next_sibling (c))
    if (GTK_IS_POPOVER (c))
      {
        gtk_popover_popdown (GTK_POPOVER (c));
        g_assert_true (wait_until (is_hidden, c));
      }
  settle ();
}

/* An article of @n generated sections: a fifth top-level, each with four
 * subsections, a paragraph in each. */
static TreatiesArticle *
generated_article (guint n)
{
  g_autoptr(GString) json = g_string_new ("{\"format\":1,\"id\":\"generated\",\"title\":\"Generated\",\"sections\":[");
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  TreatiesArticle *article;

  for (guint i = 0; i < n; i++)
    {
      gboolean top = i % 5 == 0;

      if (top && i > 0)
        g_string_append (json, "]},");
      else if (!top && i % 5 != 1)
        g_string_append (json, ",");
      g_string_append_printf (json, "{\"id\":\"s%u\",\"title\":\"Heading %u\",\"blocks\":[{\"type\":\"paragraph\","
                              "\"text\":\"Paragraph %u.\"}]%s", i, i, i, top ? ",\"subsections\":[" : "}");
    }
  g_string_append (json, "]}]}");
  bytes = g_bytes_new (json->str, json->len);
  article = treaties_article_new_from_bytes (bytes, "generated.json", &error);
  g_assert_no_error (error);
  return article;
}

typedef struct
{
  TreatiesSidebar *sidebar;
  guint            position;
} RowWait;

static gboolean
row_is_made (gpointer data)
{
  RowWait *w = data;
  GtkWidget *row = treaties_sidebar_get_row (w->sidebar, w->position);

  return row != NULL && is_mapped (row);
}

/* A long article shows at once: its sidebar lists every section from the
 * start (rows are made for what is in view), a section chosen at once
 * becomes the one read, its row selected and scrolled into view, and all
 * the text comes, in order. (Where the jump lands is not checked here: in
 * a text this long, laid out while it scrolls, the text view's height
 * estimates can leave it short of the heading.) */
static void
test_large_article_fills (Fixture       *f,
                          gconstpointer  data)
{
  const guint n = 2000;
  g_autoptr(TreatiesArticle) large = generated_article (n);
  g_autoptr(TreatiesArticle) other = generated_article (10);
  TreatiesSidebar *sidebar = child (f->window, "sidebar");
  GtkListView *list = GTK_LIST_VIEW (gtk_widget_get_template_child (GTK_WIDGET (sidebar), TREATIES_TYPE_SIDEBAR, "list_view"));
  TreatiesArticleView *view = child (f->window, "article_view");
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  RowWait chosen = { sidebar, 1502 };
  RowWait last = { sidebar, n - 1 };
  g_autofree char *text = NULL;
  const char *at;
  GtkTextIter start, end;

  /* A newer article replaces the one before at once. */
  treaties_window_set_article (f->window, large);
  g_main_context_iteration (NULL, FALSE);
  treaties_window_set_article (f->window, other);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (list))), ==, 10);
  settle ();
  g_assert_cmpstr (row_title (row_at (f, 9)), ==, "Heading 9");

  treaties_window_set_article (f->window, large);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (list))), ==, n);
  treaties_window_set_current_section (f->window, "s1502");
  g_assert_cmpstr (treaties_window_get_current_section (f->window), ==, "s1502");
  g_assert_cmpstr (selected_section (f), ==, "s1502");
  g_assert_true (wait_until (row_is_made, &chosen));
  g_assert_cmpstr (row_title (treaties_sidebar_get_row (sidebar, 1502)), ==, "Heading 1502");

  /* The last row too, once it is brought into view. */
  treaties_window_set_current_section (f->window, "s1999");
  g_assert_true (wait_until (row_is_made, &last));
  g_assert_cmpstr (row_title (treaties_sidebar_get_row (sidebar, n - 1)), ==, "Heading 1999");
  settle ();

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  at = text;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TreatiesSection) section = g_list_model_get_item (G_LIST_MODEL (gtk_list_view_get_model (list)), i);
      g_autofree char *title = g_strdup_printf ("Heading %u", i);
      g_autofree char *heading = g_strdup_printf ("%s\n", title);
      g_autofree char *paragraph = g_strdup_printf ("Paragraph %u.", i);

      g_assert_cmpstr (treaties_section_get_title (section), ==, title);
      g_assert_nonnull ((at = strstr (at, heading)));
      g_assert_nonnull ((at = strstr (at, paragraph)));
    }
  /* No empty line at the end. */
  g_assert_true (g_str_has_suffix (text, "Paragraph 1999."));
}

int
main (int   argc,
      char *argv[])
{
  ui_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("/window/title", test_title);
  ADD ("/window/sidebar/rows", test_sidebar_rows);
  ADD ("/window/sidebar/activation-scrolls", test_row_activation_scrolls);
  ADD ("/window/sidebar/follows-scrolling", test_scrolling_selects_row);
  ADD ("/window/text/all-text", test_buffer_has_all_text);
  ADD ("/window/narrow", test_narrow_window);
  ADD ("/window/zoom", test_zoom_actions);
  ADD ("/window/error-page", test_error_page);
  g_test_add_func ("/window/error-page-without-article", test_error_page_without_article);
  ADD ("/window/shortcuts-window", test_shortcuts_window);
  ADD ("/window/open/file", test_open_file);
  ADD ("/window/open/drop", test_drop_file);
  ADD ("/window/history/back-and-forward", test_back_and_forward);
  ADD ("/window/sidebar/keyboard", test_sidebar_keyboard);
  ADD ("/window/timeline/hide", test_hide_timeline);
  ADD ("/window/timeline/event-leads-to-sections", test_timeline_event_leads_to_sections);
  ADD ("/window/timeline/reading-highlights-events", test_reading_highlights_events);
  ADD ("/window/sidebar/large-article-fills", test_large_article_fills);
  ADD ("/window/sidebar/follows-scrolling-after-jump", test_follows_scrolling_after_jump);
  ADD ("/window/zoom/keeps-paragraph", test_zoom_keeps_paragraph);
  ADD ("/window/actions/parameterised", test_parameterised_actions);
  ADD ("/window/text/context-menu", test_context_menu);

  return g_test_run ();
}
