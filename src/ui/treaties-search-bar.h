/* treaties-search-bar.h: "Find in the article"
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A GtkSearchBar with a search entry, a "3 of 12" count and buttons for
 * the previous and next match. It only reports what the reader asks for;
 * treaties_window_search_attach() (treaties-window-search.h) connects it to
 * the text, the sidebar and the timeline.
 *
 * Keys, in the entry: Enter and Ctrl+G go to the next match, Shift+Enter
 * and Ctrl+Shift+G to the previous one, Escape stops searching.
 *
 * Actions (for the buttons and tests; enabled while there are matches):
 *   search-bar.next-match, search-bar.previous-match
 *
 * Signals:
 *   search-changed (const char *query): the query changed (a moment after
 *     the last key press), or searching started again with a query.
 *   next-match (), previous-match ()
 *   stopped (): the bar was closed (Escape, its close button, or
 *     treaties_search_bar_stop()).
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define TREATIES_TYPE_SEARCH_BAR (treaties_search_bar_get_type ())

G_DECLARE_FINAL_TYPE (TreatiesSearchBar, treaties_search_bar, TREATIES, SEARCH_BAR, GtkWidget)

GtkWidget  *treaties_search_bar_new                     (void);
/* Shows the bar and focuses the entry with its text selected, so that
 * typing replaces the last query and Enter goes on with it. */
void        treaties_search_bar_start                   (TreatiesSearchBar *self);
/* Hides the bar; emits "stopped" if it was shown. The query is kept for
 * the next start(). */
void        treaties_search_bar_stop                    (TreatiesSearchBar *self);
gboolean    treaties_search_bar_get_search_mode_enabled (TreatiesSearchBar *self);
void        treaties_search_bar_set_search_mode_enabled (TreatiesSearchBar *self,
                                                         gboolean           enabled);
/* Shows "@current of @total" (@current 1-based; 0: none selected, shows
 * "@total matches"), or "No matches" for a query that has none; the
 * buttons work while @total > 0. */
void        treaties_search_bar_set_count               (TreatiesSearchBar *self,
                                                         guint              current,
                                                         guint              total);
const char *treaties_search_bar_get_query               (TreatiesSearchBar *self);
/* The GtkSearchEntry (for key capture and tests). */
GtkWidget  *treaties_search_bar_get_entry               (TreatiesSearchBar *self);
/* The count as shown, e.g. "3 of 12" (tests). */
const char *treaties_search_bar_get_count_text          (TreatiesSearchBar *self);

G_END_DECLS
