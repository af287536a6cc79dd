/* treaties-error-page.h: why an article could not be opened
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A status page with every problem the loader found (file, line and column
 * or place in the article) in a selectable card, and a way back to the
 * article that was being read, or, with none, to the one that comes with
 * Treaties (win.open-shipped). The window makes it the first time it is
 * needed: most start-ups never show it, and measuring its text alone loaded
 * two more font faces.
 *
 * Signals:
 *   go-back (): the reader asked for the article being read again.
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define TREATIES_TYPE_ERROR_PAGE (treaties_error_page_get_type ())

G_DECLARE_FINAL_TYPE (TreatiesErrorPage, treaties_error_page, TREATIES, ERROR_PAGE, AdwBin)

GtkWidget *treaties_error_page_new       (void);
/* Shows @error; @back_title is the title of the article to go back to, or
 * NULL when there is none; @offer_shipped shows a button for the built-in
 * article (win.open-shipped). */
void       treaties_error_page_set_error (TreatiesErrorPage *self,
                                          const GError      *error,
                                          const char        *back_title,
                                          gboolean           offer_shipped);

G_END_DECLS
