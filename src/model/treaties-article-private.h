/* treaties-article-private.h: how the loader builds an article
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "treaties-article.h"

G_BEGIN_DECLS

TreatiesArticle *treaties_article_new             (const char      *id,
                                                   const char      *title);
void             treaties_article_set_meta        (TreatiesArticle *self,
                                                   TreatiesDay      date,
                                                   const char      *author,
                                                   const char      *language);
void             treaties_article_set_summary     (TreatiesArticle *self,
                                                   const char      *summary);
void             treaties_article_append_sections (TreatiesArticle *self,
                                                   GPtrArray       *sections);
void             treaties_article_set_date_note   (TreatiesArticle *self,
                                                   TreatiesSection *section);
void             treaties_article_set_timeline    (TreatiesArticle *self,
                                                   TreatiesDay      start,
                                                   TreatiesDay      end,
                                                   GPtrArray       *eras,
                                                   GPtrArray       *events);

G_END_DECLS
