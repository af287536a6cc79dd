/* treaties-paper-style.h: what the page renderer and the timeline figure
 * share on paper
 *
 * The ink type and the inks both draw with, the type families, and the
 * Pango context text is measured with on paper. Plain helpers, no GTK.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <pango/pango.h>

G_BEGIN_DECLS

#define TREATIES_PAPER_SERIF "Source Serif 4, Source Serif Pro, Noto Serif, DejaVu Serif, Serif"
#define TREATIES_PAPER_SANS  "Source Sans 3, Source Sans Pro, Noto Sans, Cantarell, DejaVu Sans, Sans"

/* A colour on paper (always white), each component from 0 to 1. */
typedef struct {
  double red, green, blue;
} TreatiesInk;

/* Near-black: body text, the figure's axis and labels. */
extern const TreatiesInk treaties_ink_text;

void          treaties_ink_set_source    (cairo_t           *cr,
                                          const TreatiesInk *ink);

/* A context on @font_map with unhinted metrics at 72 dpi and unrounded
 * glyph positions: one unit is one point on every surface, so text
 * measures (and pages break) the same on screen, paper and PDF. @language
 * may be NULL. */
PangoContext *treaties_paper_context_new (PangoFontMap      *font_map,
                                          PangoLanguage     *language);

G_END_DECLS
