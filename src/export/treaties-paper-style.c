/* treaties-paper-style.c: what the page renderer and the timeline figure
 * share on paper
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <pango/pangocairo.h>

#include "treaties-paper-style.h"

const TreatiesInk treaties_ink_text = { 0.10, 0.10, 0.11 };

void
treaties_ink_set_source (cairo_t           *cr,
                         const TreatiesInk *ink)
{
  cairo_set_source_rgb (cr, ink->red, ink->green, ink->blue);
}

PangoContext *
treaties_paper_context_new (PangoFontMap  *font_map,
                            PangoLanguage *language)
{
  PangoContext *context;
  cairo_font_options_t *options;

  g_return_val_if_fail (PANGO_IS_FONT_MAP (font_map), NULL);

  context = pango_font_map_create_context (font_map);
  pango_cairo_context_set_resolution (context, 72.0);
  options = cairo_font_options_create ();
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (context, options);
  cairo_font_options_destroy (options);
  pango_context_set_round_glyph_positions (context, FALSE);
  if (language != NULL)
    pango_context_set_language (context, language);
  return context;
}
