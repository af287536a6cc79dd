/* treaties-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "treaties-article.h"
#include "treaties-reader.h"

G_BEGIN_DECLS

#define TREATIES_TYPE_WINDOW (treaties_window_get_type ())

G_DECLARE_FINAL_TYPE (TreatiesWindow, treaties_window, TREATIES, WINDOW, AdwApplicationWindow)

TreatiesWindow  *treaties_window_new                 (GtkApplication  *application);
/* Shows @article at the place last read in it, if saved. */
void             treaties_window_set_article         (TreatiesWindow  *self,
                                                      TreatiesArticle *article);
TreatiesArticle *treaties_window_get_article         (TreatiesWindow  *self);
void             treaties_window_set_article_from_file (TreatiesWindow  *self,
                                                        TreatiesArticle *article,
                                                        GFile           *file);
/* The file the article was read from; NULL for the shipped article. */
GFile           *treaties_window_get_file            (TreatiesWindow  *self);
/* Shows the error page for an article that could not be loaded; the
 * article being read stays one click away. */
void             treaties_window_show_error          (TreatiesWindow  *self,
                                                      const GError    *error);
/* The section being read: follows the text's scroll position; setting it
 * scrolls the text there, as a jump that Back returns from. */
void             treaties_window_set_current_section (TreatiesWindow  *self,
                                                      const char      *section_id);
const char      *treaties_window_get_current_section (TreatiesWindow  *self);
/* The reading session the window shows: its article, place and history. */
TreatiesReader  *treaties_window_get_reader          (TreatiesWindow  *self);
/* Saves the place being read now (it is also saved as the reader goes,
 * and when the window closes). */
void             treaties_window_save_place          (TreatiesWindow  *self);
/* Takes ownership of @toast. */
void             treaties_window_add_toast           (TreatiesWindow  *self,
                                                      AdwToast        *toast);

G_END_DECLS
