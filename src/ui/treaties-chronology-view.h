/* treaties-chronology-view.h: the timeline's events as a table
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The article's events in date order as rows of a GtkColumnView (date,
 * title, section), which keyboard and screen-reader users walk row by row:
 * what the timeline draws, as text. Activating a row (Enter, a double
 * click) emits "event-activated" with its event.
 */
#pragma once

#include <adwaita.h>

#include "treaties-article.h"

G_BEGIN_DECLS

#define TREATIES_TYPE_CHRONOLOGY_VIEW (treaties_chronology_view_get_type ())

G_DECLARE_FINAL_TYPE (TreatiesChronologyView, treaties_chronology_view, TREATIES, CHRONOLOGY_VIEW, AdwBin)

GtkWidget       *treaties_chronology_view_new         (void);
void             treaties_chronology_view_set_article (TreatiesChronologyView *self,
                                                       TreatiesArticle        *article);
TreatiesArticle *treaties_chronology_view_get_article (TreatiesChronologyView *self);
/* The table (tests). */
GtkColumnView   *treaties_chronology_view_get_column_view (TreatiesChronologyView *self);
/* Does what activating row @position does. */
void             treaties_chronology_view_activate_row (TreatiesChronologyView *self,
                                                        guint                   position);

G_END_DECLS
