/* treaties-article-view.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "treaties-article.h"

G_BEGIN_DECLS

#define TREATIES_TYPE_ARTICLE_VIEW (treaties_article_view_get_type ())

G_DECLARE_FINAL_TYPE (TreatiesArticleView, treaties_article_view, TREATIES, ARTICLE_VIEW, GtkTextView)

#define TREATIES_ARTICLE_VIEW_MIN_ZOOM 0.5
#define TREATIES_ARTICLE_VIEW_MAX_ZOOM 3.0

GtkWidget       *treaties_article_view_new                (void);
void             treaties_article_view_set_article        (TreatiesArticleView *self,
                                                           TreatiesArticle     *article);
TreatiesArticle *treaties_article_view_get_article        (TreatiesArticleView *self);
/* The section whose text is at the top of the view. */
const char      *treaties_article_view_get_current_section (TreatiesArticleView *self);
/* Scrolls so that the heading of @section_id is at the top of the view and
 * briefly highlights it. Returns FALSE if there is no such section. */
gboolean         treaties_article_view_scroll_to_section  (TreatiesArticleView *self,
                                                           const char          *section_id);
double           treaties_article_view_get_zoom           (TreatiesArticleView *self);
void             treaties_article_view_set_zoom           (TreatiesArticleView *self,
                                                           double               zoom);
/* The vertical adjustment value that puts the heading of @section_id at the
 * top of the view. */
gboolean         treaties_article_view_get_section_y      (TreatiesArticleView *self,
                                                           const char          *section_id,
                                                           int                 *y);

G_END_DECLS
