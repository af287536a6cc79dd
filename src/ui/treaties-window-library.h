/* treaties-window-library.h: the library page, for the window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The library page (TreatiesLibraryPage) as a page of the window's main
 * stack, "library", one click away from the header bar's Library button or
 * win.show-library (Ctrl+L), which goes back to the article when the
 * library is shown. An article activated there opens through
 * treaties_window_open_file() (at the reader's last place); a passage found
 * opens its article and goes to the passage (a jump, which Back returns
 * from). The library (TreatiesLibrary) is made and loaded the first time
 * the page is shown, with the files opened before ("recent-articles").
 */
#pragma once

#include "treaties-library.h"
#include "treaties-library-page.h"
#include "treaties-window.h"

G_BEGIN_DECLS

/* From the window's class_init: installs win.show-library. */
void                 treaties_window_library_class_init (GtkWidgetClass *widget_class);
/* From the window's init: adds the page and the header bar's button. */
void                 treaties_window_library_init       (TreatiesWindow *window);

/* Shows the library page, its search entry focused. */
void                 treaties_window_show_library       (TreatiesWindow *window);
gboolean             treaties_window_library_is_shown   (TreatiesWindow *window);
/* What a window shows first: the library, unless an article was being
 * read (the settings' recent articles are not empty); FALSE then, and
 * nothing is done. */
gboolean             treaties_window_library_start      (TreatiesWindow *window);
/* The library the page shows, instead of the default one (tests); it is
 * loaded if it has not been. */
void                 treaties_window_set_library        (TreatiesWindow  *window,
                                                         TreatiesLibrary *library);
TreatiesLibraryPage *treaties_window_get_library_page   (TreatiesWindow *window);
/* Opens @hit's article and goes to its passage. */
void                 treaties_window_open_hit           (TreatiesWindow    *window,
                                                         TreatiesSearchHit *hit);

G_END_DECLS
