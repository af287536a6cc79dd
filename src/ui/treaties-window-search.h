/* treaties-window-search.h: find in the article, for the window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Connects a TreatiesSearchBar to what a search shows: every match
 * highlighted in the text and the current one scrolled to (the text's
 * section becomes current, so the sidebar follows), the sidebar rows of the
 * sections that hold a match marked (treaties_sidebar_set_matches()), and the
 * timeline's events whose title matches marked. Next and previous wrap
 * round. Stopping clears it all and gives the focus back to the text.
 * When the article changes while the bar is open, the window calls
 * treaties_window_search_refresh() and the search runs again on the new
 * one.
 *
 * The window calls this once, after its template is built; win.find
 * (Ctrl+F) calls treaties_search_bar_start().
 */
#pragma once

#include <gtk/gtk.h>

#include "treaties-article-view.h"
#include "treaties-search-bar.h"
#include "treaties-sidebar.h"
#include "treaties-timeline.h"

G_BEGIN_DECLS

/* @timeline and @sidebar may be NULL. @focus_return gets the focus when the
 * bar closes (NULL: @view). Everything is disconnected when @bar goes. */
void treaties_window_search_attach (TreatiesSearchBar   *bar,
                                    TreatiesArticleView *view,
                                    TreatiesTimeline    *timeline,
                                    TreatiesSidebar     *sidebar,
                                    GtkWidget           *focus_return);

void treaties_window_search_refresh (TreatiesSearchBar   *bar);

G_END_DECLS
