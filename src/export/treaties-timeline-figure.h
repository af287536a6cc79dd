/* treaties-timeline-figure.h: the article's timeline as a vector figure
 *
 * Paints the geometry of TreatiesTimelineLayout (the same numbers the
 * timeline widget draws) with cairo, for the PDF and for printing. The range
 * is cut into a few strips stacked down the page, so the labels have room on
 * a portrait page.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <pango/pango.h>

#include "treaties-article.h"

G_BEGIN_DECLS

typedef struct _TreatiesTimelineFigure TreatiesTimelineFigure;

/* TRUE if the article has a timeline with at least one event. */
gboolean treaties_timeline_figure_has_content (TreatiesArticle *article);

/* A sentence for the figure's alternative text (screen readers), or NULL
 * when there is no figure. */
char    *treaties_timeline_figure_dup_alt_text (TreatiesArticle *article);

/* Every marker is numbered under the axis with its events' numbers in
 * date order (from 1, as treaties_article_get_events() lists them), the
 * numbers of the chronology the page renderer sets after the figure.
 *
 * Draws the figure into the rectangle (@x, @y, @width, @height) of @cr,
 * measuring text on paper's terms (72 dpi, unhinted) with @context's font
 * map and language. */
void     treaties_timeline_figure_draw        (TreatiesArticle *article,
                                               PangoContext    *context,
                                               cairo_t         *cr,
                                               double           x,
                                               double           y,
                                               double           width,
                                               double           height);

/* The figure laid out once at @width in at most @max_height (it may take
 * more when even one label row per strip does not fit), to be painted as
 * often as needed (laying it out is most of its cost); NULL when there is
 * no figure. It keeps @context's font map and language. */
TreatiesTimelineFigure *treaties_timeline_figure_new        (TreatiesArticle        *article,
                                                             PangoContext           *context,
                                                             double                  width,
                                                             double                  max_height);
double                  treaties_timeline_figure_get_height (TreatiesTimelineFigure *figure);
/* As treaties_timeline_figure_draw(), at (@x, @y) of @cr. */
void                    treaties_timeline_figure_paint      (TreatiesTimelineFigure *figure,
                                                             cairo_t                *cr,
                                                             double                  x,
                                                             double                  y);
void                    treaties_timeline_figure_free       (TreatiesTimelineFigure *figure);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TreatiesTimelineFigure, treaties_timeline_figure_free)

G_END_DECLS
