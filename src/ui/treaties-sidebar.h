/* treaties-sidebar.h: the article's sections, beside the text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "treaties-article.h"

G_BEGIN_DECLS

#define TREATIES_TYPE_SIDEBAR (treaties_sidebar_get_type ())

G_DECLARE_FINAL_TYPE (TreatiesSidebar, treaties_sidebar, TREATIES, SIDEBAR, AdwBin)

/* A list of the article's outline (sections and subsections, indented),
 * one row per section made only for the rows in view, so that an article of
 * any length shows at once. It emits ::section-chosen (TreatiesSection *,
 * gboolean browsing) when the reader picks a section: a click (also on the
 * section already selected), Enter, or moving with the arrow keys
 * (browsing). ::leave (GtkDirectionType)
 * asks the window to move the keyboard on: Tab does not stop on every row. */
GtkWidget       *treaties_sidebar_new                 (void);
void             treaties_sidebar_set_article         (TreatiesSidebar    *self,
                                                       TreatiesArticle    *article);
TreatiesArticle *treaties_sidebar_get_article         (TreatiesSidebar    *self);
/* Selects the row of @section_id (NULL: none) and scrolls it into view,
 * without emitting ::section-chosen. */
void             treaties_sidebar_set_current_section (TreatiesSidebar    *self,
                                                       const char         *section_id);
/* The id of the section whose row is selected, or NULL. */
const char      *treaties_sidebar_get_current_section (TreatiesSidebar    *self);
/* Marks (a bar at the row's edge) the sections of @section_ids (NULL:
 * none), @legend saying what the mark means in their tooltips and to
 * screen readers. */
void             treaties_sidebar_set_related         (TreatiesSidebar    *self,
                                                       const char * const *section_ids,
                                                       const char         *legend);
gboolean         treaties_sidebar_is_related          (TreatiesSidebar    *self,
                                                       const char         *section_id);
/* Marks (a dot at the row's end) the sections that hold a search match. */
void             treaties_sidebar_set_matches         (TreatiesSidebar    *self,
                                                       const char * const *section_ids);
gboolean         treaties_sidebar_has_match           (TreatiesSidebar    *self,
                                                       const char         *section_id);
/* The row widget showing the section at @position in the outline, if one
 * is made (rows exist only around what is in view): for tests. */
GtkWidget       *treaties_sidebar_get_row             (TreatiesSidebar    *self,
                                                       guint               position);
/* The tooltip shown over the row at @position: the title, and what its
 * mark means when it has one. NULL past the end. */
char            *treaties_sidebar_dup_row_tooltip     (TreatiesSidebar    *self,
                                                       guint               position);
/* Moves the keyboard to the row of the selected section. */
gboolean         treaties_sidebar_focus_current       (TreatiesSidebar    *self);

G_END_DECLS
