/* treaties-window-search.c: find in the article, for the window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "treaties-text-match.h"
#include "treaties-window-search.h"

#define SEARCH_KEY "treaties-window-search"

/* Owned by the bar (object data); the others are weak pointers. */
typedef struct
{
  TreatiesSearchBar   *bar;
  TreatiesArticleView *view;
  TreatiesTimeline    *timeline;
  TreatiesSidebar     *sidebar;
  GtkWidget           *focus_return;
} Search;

static void
search_free (gpointer data)
{
  Search *search = data;

  g_clear_weak_pointer (&search->view);
  g_clear_weak_pointer (&search->timeline);
  g_clear_weak_pointer (&search->sidebar);
  g_clear_weak_pointer (&search->focus_return);
  g_free (search);
}

static Search *
search_of (TreatiesSearchBar *bar)
{
  return g_object_get_data (G_OBJECT (bar), SEARCH_KEY);
}

/* Marks the sidebar rows of @section_ids (NULL: none). */
static void
mark_sections (Search             *search,
               const char * const *section_ids)
{
  if (search->sidebar != NULL)
    treaties_sidebar_set_matches (search->sidebar, section_ids);
}

/* Marks the timeline's events whose title matches @query (NULL: none). */
static void
mark_events (Search     *search,
             const char *query)
{
  g_autoptr(GPtrArray) matching = NULL;
  TreatiesArticle *article;
  GListModel *events;

  if (search->timeline == NULL)
    return;

  article = treaties_timeline_get_article (search->timeline);
  if (query != NULL && article != NULL)
    {
      events = treaties_article_get_events (article);
      matching = g_ptr_array_new_with_free_func (g_object_unref);
      for (guint i = 0; i < g_list_model_get_n_items (events); i++)
        {
          g_autoptr(TreatiesEvent) event = g_list_model_get_item (events, i);

          if (treaties_text_match_contains (treaties_event_get_title (event), query))
            g_ptr_array_add (matching, g_steal_pointer (&event));
        }
    }
  treaties_timeline_set_matching_events (search->timeline, matching);
}

static void
select_match (Search *search,
              int     index)
{
  guint n = treaties_article_view_get_n_matches (search->view);

  treaties_article_view_select_match (search->view, index);
  treaties_search_bar_set_count (search->bar, index + 1, n);
}

static void
run_search (Search     *search,
            const char *query)
{
  g_auto(GStrv) sections = NULL;
  guint n;

  if (search->view == NULL)
    return;

  n = treaties_article_view_search (search->view, query);
  if (n > 0)
    select_match (search, treaties_article_view_find_match_near_position (search->view));
  else
    treaties_search_bar_set_count (search->bar, 0, 0);

  sections = treaties_article_view_dup_sections_with_matches (search->view);
  mark_sections (search, (const char * const *) sections);
  mark_events (search, query);
}

static void
move (Search *search,
      int     delta)
{
  guint n;
  int current;

  if (search->view == NULL || (n = treaties_article_view_get_n_matches (search->view)) == 0)
    return;

  current = treaties_article_view_get_selected_match (search->view);
  if (current < 0)
    {
      /* Nothing selected yet: the match near the reading position is the
       * next one, the one before it the previous one. */
      current = treaties_article_view_find_match_near_position (search->view);
      if (delta > 0)
        delta = 0;
    }
  select_match (search, ((int) n + current + delta) % (int) n);
}

static void
search_changed_cb (TreatiesSearchBar *bar,
                   const char        *query,
                   Search            *search)
{
  run_search (search, query);
}

static void
next_match_cb (TreatiesSearchBar *bar,
               Search            *search)
{
  move (search, +1);
}

static void
previous_match_cb (TreatiesSearchBar *bar,
                   Search            *search)
{
  move (search, -1);
}

static void
stopped_cb (TreatiesSearchBar *bar,
            Search            *search)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (bar));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  GtkWidget *target = search->focus_return != NULL ? search->focus_return : GTK_WIDGET (search->view);

  if (search->view != NULL)
    treaties_article_view_clear_search (search->view);
  treaties_search_bar_set_count (bar, 0, 0);
  mark_sections (search, NULL);
  mark_events (search, NULL);

  /* Back to the text, unless the reader already went elsewhere. */
  if (target != NULL && (focus == NULL || gtk_widget_is_ancestor (focus, GTK_WIDGET (bar))))
    gtk_widget_grab_focus (target);
}

/* The window calls this once the text, the sidebar and the timeline all
 * show the new article: the search runs again on it. */
void
treaties_window_search_refresh (TreatiesSearchBar *bar)
{
  Search *search;

  g_return_if_fail (TREATIES_IS_SEARCH_BAR (bar));

  search = search_of (bar);
  if (search != NULL && treaties_search_bar_get_search_mode_enabled (bar))
    run_search (search, treaties_search_bar_get_query (bar));
}

void
treaties_window_search_attach (TreatiesSearchBar   *bar,
                               TreatiesArticleView *view,
                               TreatiesTimeline    *timeline,
                               TreatiesSidebar     *sidebar,
                               GtkWidget           *focus_return)
{
  Search *search;

  g_return_if_fail (TREATIES_IS_SEARCH_BAR (bar));
  g_return_if_fail (TREATIES_IS_ARTICLE_VIEW (view));
  g_return_if_fail (timeline == NULL || TREATIES_IS_TIMELINE (timeline));
  g_return_if_fail (sidebar == NULL || TREATIES_IS_SIDEBAR (sidebar));
  g_return_if_fail (focus_return == NULL || GTK_IS_WIDGET (focus_return));
  g_return_if_fail (search_of (bar) == NULL);

  search = g_new0 (Search, 1);
  search->bar = bar;
  g_set_weak_pointer (&search->view, view);
  g_set_weak_pointer (&search->timeline, timeline);
  g_set_weak_pointer (&search->sidebar, sidebar);
  g_set_weak_pointer (&search->focus_return, focus_return);
  g_object_set_data_full (G_OBJECT (bar), SEARCH_KEY, search, search_free);

  g_signal_connect (bar, "search-changed", G_CALLBACK (search_changed_cb), search);
  g_signal_connect (bar, "next-match", G_CALLBACK (next_match_cb), search);
  g_signal_connect (bar, "previous-match", G_CALLBACK (previous_match_cb), search);
  g_signal_connect (bar, "stopped", G_CALLBACK (stopped_cb), search);

}
