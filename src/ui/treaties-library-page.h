/* treaties-library-page.h: every article of the library, and search in them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A list of the library's articles (title, date, author, one-line summary;
 * an invalid file with its problems), filtered as the reader types in its
 * search entry. What is typed is also searched in the text of every article
 * (the library's full-text index, off the main thread): the passages found
 * follow the articles, grouped by article and section, each with a snippet
 * and its matched words highlighted. While the library loads and indexes, a
 * progress bar shows how far it is.
 *
 * Activating an article emits ::article-activated, a passage
 * ::hit-activated: the window opens them.
 */
#pragma once

#include <adwaita.h>

#include "treaties-library.h"
#include "treaties-search-hit.h"

G_BEGIN_DECLS

#define TREATIES_TYPE_LIBRARY_PAGE (treaties_library_page_get_type ())

G_DECLARE_FINAL_TYPE (TreatiesLibraryPage, treaties_library_page, TREATIES, LIBRARY_PAGE, AdwBin)

/* What a row of the page's model that is not an entry or a hit is: a
 * GtkStringObject with this as object data "treaties-heading" (a
 * GINT_TO_POINTER of the kind). */
typedef enum {
  TREATIES_LIBRARY_HEADING_PASSAGES = 1, /* "Passages" */
  TREATIES_LIBRARY_HEADING_ARTICLE,      /* an article's title, over its passages */
  TREATIES_LIBRARY_HEADING_SECTION,      /* a section's title, over its passages */
  TREATIES_LIBRARY_HEADING_ARTICLES,     /* "Articles", over those a query keeps */
} TreatiesLibraryHeading;

GtkWidget       *treaties_library_page_new          (void);
void             treaties_library_page_set_library  (TreatiesLibraryPage *self,
                                                     TreatiesLibrary     *library);
TreatiesLibrary *treaties_library_page_get_library  (TreatiesLibraryPage *self);
/* What is typed in the search entry. */
const char      *treaties_library_page_get_query    (TreatiesLibraryPage *self);
void             treaties_library_page_set_query    (TreatiesLibraryPage *self,
                                                     const char          *query);
/* The rows, in order: the TreatiesLibraryEntry of each article that
 * matches the query (under a heading for a query), then, for a query, a heading and the passages found
 * (TreatiesSearchHit) under headings of their article and section. */
GListModel      *treaties_library_page_get_model    (TreatiesLibraryPage *self);
/* Whether a search of the text is running (its passages not shown yet). */
gboolean         treaties_library_page_get_searching (TreatiesLibraryPage *self);
/* Activates row @position, as a click or Enter on it does. */
void             treaties_library_page_activate_row (TreatiesLibraryPage *self,
                                                     guint                position);
/* Gives the focus to the search entry. */
void             treaties_library_page_focus_search (TreatiesLibraryPage *self);

G_END_DECLS
