/* treaties-page-renderer.h: an article laid out on paper
 *
 * Pango + cairo page layout shared by the PDF exporter and printing: it
 * draws on any cairo context whose user space is the paper in points, with
 * the origin at the top left corner (a PDF surface, GtkPrintContext's cairo
 * context with GTK_UNIT_POINTS and a full page).
 *
 * Two passes: treaties_page_renderer_paginate() lays the article out and
 * breaks it into pages (so the page count and the page of every heading are
 * known), then treaties_page_renderer_draw_page() draws one page. No GTK.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <pango/pango.h>

#include "treaties-article.h"

G_BEGIN_DECLS

typedef enum {
  TREATIES_PAPER_A4,
  TREATIES_PAPER_LETTER,
} TreatiesPaper;

/* Letter when LC_PAPER's paper is Letter (glibc's _NL_PAPER_WIDTH and
 * _NL_PAPER_HEIGHT), A4 otherwise. Reads the process's current locale, so
 * setlocale (LC_ALL, "") must have been called for it to mean anything. */
TreatiesPaper         treaties_paper_get_default                  (void);
/* In points (1/72 inch). */
void                  treaties_paper_get_size                     (TreatiesPaper          paper,
                                                                   double                *width,
                                                                   double                *height);

#define TREATIES_TYPE_PAGE_RENDERER (treaties_page_renderer_get_type ())

G_DECLARE_FINAL_TYPE (TreatiesPageRenderer, treaties_page_renderer, TREATIES, PAGE_RENDERER, GObject)

/* The paper is treaties_paper_get_default() until set otherwise. */
TreatiesPageRenderer *treaties_page_renderer_new                  (TreatiesArticle       *article);
TreatiesArticle      *treaties_page_renderer_get_article          (TreatiesPageRenderer  *self);

/* In points, at least 72 (one inch) each way; any orientation. Takes
 * effect at the next treaties_page_renderer_paginate(). */
void                  treaties_page_renderer_set_page_size        (TreatiesPageRenderer  *self,
                                                                   double                 width,
                                                                   double                 height);
void                  treaties_page_renderer_get_page_size        (TreatiesPageRenderer  *self,
                                                                   double                *width,
                                                                   double                *height);

/* Pass 1: lays the article out and breaks it into pages. Text is measured
 * with unhinted metrics at 72 dpi, so the pages are the same on every
 * surface. Call again after changing the page size. */
void                  treaties_page_renderer_paginate             (TreatiesPageRenderer  *self);
guint                 treaties_page_renderer_get_n_pages          (TreatiesPageRenderer  *self);
/* Where the heading of a section or subsection begins: its page (from 0)
 * and the top of its first line, in points from the top of the paper.
 * FALSE if the id is not a section of the article. Needs pass 1. */
gboolean              treaties_page_renderer_get_section_position (TreatiesPageRenderer  *self,
                                                                   const char            *section_id,
                                                                   guint                 *page,
                                                                   double                *y);

/* Pass 2: draws page @page (from 0). On a PDF surface it also makes the
 * links clickable (CAIRO_TAG_LINK) and each section's heading a named
 * destination (CAIRO_TAG_DEST, named after the section's id); other
 * surfaces ignore those tags. */
void                  treaties_page_renderer_draw_page            (TreatiesPageRenderer  *self,
                                                                   cairo_t               *cr,
                                                                   guint                  page);

G_END_DECLS
