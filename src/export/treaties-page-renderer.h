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

/* Where the timeline's caption begins, as above; FALSE if the article has
 * no timeline. Needs pass 1. */
gboolean              treaties_page_renderer_get_timeline_position (TreatiesPageRenderer *self,
                                                                    guint                *page,
                                                                    double               *y);

/* The timeline's caption ("Timeline, 1918–1939"), or NULL. Needs pass 1. */
char                 *treaties_page_renderer_dup_timeline_caption  (TreatiesPageRenderer *self);

/* Pass 2: draws page @page (from 0). On a PDF surface it also tags the
 * page for the structure tree (H1 for the title, H2 and H3 for sections
 * and subsections, P, L > LI > Lbl + LBody for both kinds of list, Note for
 * callouts and editor's notes, Figure for the timeline, Span and Link
 * inside text with links), makes the links clickable (one Link element and
 * annotation per line a link takes) and each section's heading a named
 * destination (CAIRO_TAG_DEST, named after the section's id); other
 * surfaces ignore those tags. Every element ends on its page, unless the
 * pages are drawn in order between begin_document() and end_document(). */
void                  treaties_page_renderer_draw_page            (TreatiesPageRenderer  *self,
                                                                   cairo_t               *cr,
                                                                   guint                  page);

/* Around drawing every page in order (the PDF exporter): opens the
 * Document element, and lets a paragraph or list broken across pages stay
 * one element. end_document() closes them all. */
void                  treaties_page_renderer_begin_document       (TreatiesPageRenderer  *self,
                                                                   cairo_t               *cr);
void                  treaties_page_renderer_end_document         (TreatiesPageRenderer  *self,
                                                                   cairo_t               *cr);

/* @uri as it can be written into a PDF by cairo: %-encoded but for
 * printable ASCII other than ( ) \ ' " < > { } | ^ `, with a backslash
 * before an http(s) link's query read as '/', as browsers do. */
char                 *treaties_page_renderer_escape_uri           (const char            *uri);

G_END_DECLS
