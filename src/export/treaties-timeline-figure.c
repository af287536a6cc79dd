/* treaties-timeline-figure.c: the article's timeline as a vector figure
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include <glib/gi18n.h>
#include <pango/pangocairo.h>

#include "treaties-timeline-figure.h"
#include "treaties-timeline-layout.h"

#define LABEL_FONT     "Source Sans 3, Source Sans Pro, Noto Sans, Cantarell, DejaVu Sans, Sans 7.5"
#define YEARS_PER_STRIP 7
#define MAX_STRIPS      4
#define STRIP_GAP       18.0
#define EDGE_MARGIN     8.0
#define LEGEND_HEIGHT   16.0
#define MAX_LABEL_ROWS  12
#define DAYS_PER_YEAR   365.2425

typedef struct { double r, g, b; } Rgb;
static const Rgb ink_text    = { 0.10, 0.10, 0.11 };
static const Rgb ink_muted   = { 0.40, 0.40, 0.42 };
static const Rgb ink_leader  = { 0.66, 0.66, 0.68 };
static const Rgb ink_marker  = { 0.20, 0.30, 0.45 };
static const Rgb ink_primary = { 0.62, 0.17, 0.12 };
static const Rgb era_fills[] = {
  { 0.900, 0.925, 0.950 },
  { 0.945, 0.925, 0.880 },
  { 0.910, 0.940, 0.905 },
};

static void
set_source (cairo_t   *cr,
            const Rgb *rgb)
{
  cairo_set_source_rgb (cr, rgb->r, rgb->g, rgb->b);
}

static void
show_text (cairo_t     *cr,
           PangoLayout *layout,
           const char  *text,
           double       x,
           double       y,
           double       width,
           gboolean     ellipsize)
{
  pango_layout_set_text (layout, text, -1);
  pango_layout_set_width (layout, ellipsize ? (int) (width * PANGO_SCALE) : -1);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
}

/* A context like @base (font map, 72 dpi, unhinted) whose font is the
 * figure's: the layout measures with it and the painter draws with it. */
static PangoContext *
create_figure_context (PangoContext *base)
{
  PangoContext *context = pango_font_map_create_context (pango_context_get_font_map (base));
  PangoFontDescription *desc = pango_font_description_from_string (LABEL_FONT);
  const cairo_font_options_t *options = pango_cairo_context_get_font_options (base);

  pango_cairo_context_set_resolution (context, pango_cairo_context_get_resolution (base));
  if (options != NULL)
    pango_cairo_context_set_font_options (context, options);
  pango_context_set_round_glyph_positions (context, FALSE);
  pango_context_set_language (context, pango_context_get_language (base));
  pango_context_set_font_description (context, desc);
  pango_font_description_free (desc);
  return context;
}

static void
draw_marker (cairo_t  *cr,
             double    x,
             double    y,
             double    radius,
             gboolean  primary)
{
  cairo_new_path (cr);
  cairo_arc (cr, x, y, radius, 0, 2 * G_PI);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_fill_preserve (cr);
  set_source (cr, primary ? &ink_primary : &ink_marker);
  cairo_set_line_width (cr, 1.2);
  cairo_stroke (cr);
  cairo_arc (cr, x, y, radius - 2.2, 0, 2 * G_PI);
  cairo_fill (cr);
}

static gboolean
day_in_strip (double day,
              double first,
              double last,
              gboolean is_last)
{
  return day >= first && (day < last || (is_last && day <= last));
}

static void
draw_strip (TreatiesTimelineLayout *layout,
            PangoLayout            *text,
            cairo_t                *cr,
            double                  first_day,
            double                  last_day,
            gboolean                is_last)
{
  const TreatiesTimelineFrame *frame;
  double x_first, x_last;

  treaties_timeline_layout_set_visible_days (layout, first_day, last_day);
  frame = treaties_timeline_layout_compute (layout);
  x_first = MAX (treaties_timeline_layout_day_to_x (layout, first_day), frame->axis_start_x);
  x_last = MIN (treaties_timeline_layout_day_to_x (layout, last_day), frame->axis_end_x);

  /* Eras: bands cut to this strip's stretch of time. */
  cairo_save (cr);
  cairo_rectangle (cr, x_first, 0, x_last - x_first, frame->height);
  cairo_clip (cr);
  for (guint i = 0; i < frame->n_eras; i++)
    {
      const TreatiesTimelineEraBand *band = &frame->eras[i];

      set_source (cr, &era_fills[band->row % G_N_ELEMENTS (era_fills)]);
      cairo_rectangle (cr, band->x, band->y, band->width, band->height);
      cairo_fill (cr);
      if (band->label_width > 0)
        {
          set_source (cr, &ink_text);
          show_text (cr, text, treaties_era_get_title (band->era),
                     band->label_x, band->label_y, band->label_width, band->ellipsized);
        }
    }
  cairo_restore (cr);

  /* The axis and its ticks. */
  set_source (cr, &ink_text);
  cairo_set_line_width (cr, 0.8);
  cairo_move_to (cr, x_first, frame->axis_y);
  cairo_line_to (cr, x_last, frame->axis_y);
  cairo_stroke (cr);

  cairo_set_line_width (cr, 0.5);
  for (guint i = 0; i < frame->n_ticks; i++)
    {
      const TreatiesTimelineTick *tick = &frame->ticks[i];

      if (tick->x < x_first - 0.5 || tick->x > x_last + 0.5)
        continue;
      set_source (cr, &ink_muted);
      cairo_move_to (cr, tick->x, tick->y);
      cairo_line_to (cr, tick->x, tick->y + tick->height);
      cairo_stroke (cr);
      if (tick->label != NULL)
        show_text (cr, text, tick->label, tick->label_x, tick->label_y, tick->label_width, FALSE);
    }

  /* Leader lines, then the labels on white over them (a label may sit
   * across another event's leader), then the markers. */
  set_source (cr, &ink_leader);
  cairo_set_line_width (cr, 0.5);
  for (guint i = 0; i < frame->n_labels; i++)
    {
      const TreatiesTimelineLabel *label = &frame->labels[i];
      TreatiesDay day = treaties_timeline_layout_get_event_date (layout, label->event_index);

      if (!day_in_strip (day, first_day, last_day, is_last))
        continue;
      cairo_move_to (cr, label->anchor_x, label->y + label->height);
      cairo_line_to (cr, label->anchor_x, frame->axis_y);
    }
  cairo_stroke (cr);

  for (guint i = 0; i < frame->n_labels; i++)
    {
      const TreatiesTimelineLabel *label = &frame->labels[i];
      TreatiesEvent *event = treaties_timeline_layout_get_event (layout, label->event_index);
      TreatiesDay day = treaties_timeline_layout_get_event_date (layout, label->event_index);
      PangoRectangle ink;

      if (!day_in_strip (day, first_day, last_day, is_last))
        continue;

      pango_layout_set_text (text, treaties_event_get_title (event), -1);
      pango_layout_set_width (text, label->ellipsized ? (int) (label->text_width * PANGO_SCALE) : -1);
      pango_layout_get_pixel_extents (text, NULL, &ink);
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_rectangle (cr, label->text_x - 2, label->y + 1, ink.width + 4, label->height - 2);
      cairo_fill (cr);

      set_source (cr, treaties_event_get_primary (event) ? &ink_primary : &ink_text);
      cairo_move_to (cr, label->text_x, label->y + 2);
      pango_cairo_show_layout (cr, text);
    }

  for (guint i = 0; i < frame->n_markers; i++)
    {
      const TreatiesTimelineMarker *marker = &frame->markers[i];
      TreatiesDay day = treaties_timeline_layout_get_event_date (layout, marker->first);

      if (!day_in_strip (day, first_day, last_day, is_last))
        continue;
      draw_marker (cr, marker->x, marker->y, marker->radius, marker->primary);
    }
}

/* The label rows a strip needs so that every event in it gets its whole
 * label: the highest row the greedy placement uses when it has rows to
 * spare (given that many rows, it places every label the same way). 0 if
 * some label cannot be placed whole even then. */
static guint
rows_needed (TreatiesTimelineLayout *layout,
             double                  first_day,
             double                  last_day,
             gboolean                is_last)
{
  const TreatiesTimelineFrame *frame;
  guint n_single = 0, n_labelled = 0, rows = 1;

  treaties_timeline_layout_set_visible_days (layout, first_day, last_day);
  frame = treaties_timeline_layout_compute (layout);
  for (guint i = 0; i < frame->n_markers; i++)
    if (frame->markers[i].n_events == 1 &&
        day_in_strip (treaties_timeline_layout_get_event_date (layout, frame->markers[i].first),
                      first_day, last_day, is_last))
      n_single++;
  for (guint i = 0; i < frame->n_labels; i++)
    {
      const TreatiesTimelineLabel *label = &frame->labels[i];

      if (!day_in_strip (treaties_timeline_layout_get_event_date (layout, label->event_index),
                         first_day, last_day, is_last))
        continue;
      rows = MAX (rows, label->row + 1);
      if (!label->ellipsized)
        n_labelled++;
    }
  return n_labelled >= n_single ? rows : 0;
}

gboolean
treaties_timeline_figure_has_content (TreatiesArticle *article)
{
  g_return_val_if_fail (TREATIES_IS_ARTICLE (article), FALSE);

  return treaties_article_get_timeline_start (article) != TREATIES_DAY_INVALID &&
         g_list_model_get_n_items (treaties_article_get_events (article)) > 0;
}

void
treaties_timeline_figure_draw (TreatiesArticle *article,
                               PangoContext    *context,
                               cairo_t         *cr,
                               double           x,
                               double           y,
                               double           width,
                               double           height)
{
  g_autoptr(TreatiesTimelineLayout) layout = NULL;
  g_autoptr(PangoLayout) text = NULL;
  PangoContext *figure_context;
  TreatiesDay start, end;
  double years, span, strip_room, strip_height;
  guint n_strips, rows;

  g_return_if_fail (TREATIES_IS_ARTICLE (article));
  g_return_if_fail (PANGO_IS_CONTEXT (context));
  g_return_if_fail (cr != NULL);

  if (!treaties_timeline_figure_has_content (article))
    return;

  start = treaties_article_get_timeline_start (article);
  end = treaties_article_get_timeline_end (article);
  years = (end - start) / DAYS_PER_YEAR;
  n_strips = CLAMP ((guint) ceil (years / YEARS_PER_STRIP), 1, MAX_STRIPS);
  span = (double) (end - start) / n_strips;
  strip_room = (height - LEGEND_HEIGHT - (n_strips - 1) * STRIP_GAP) / n_strips;

  figure_context = create_figure_context (context);
  text = pango_layout_new (figure_context);
  pango_layout_set_ellipsize (text, PANGO_ELLIPSIZE_END);

  layout = treaties_timeline_layout_new (article);
  treaties_timeline_layout_set_pango_context (layout, figure_context);
  treaties_timeline_layout_set_edge_margin (layout, EDGE_MARGIN);

  /* The fewest label rows that give every event its whole label, the
   * same in every strip so they look alike, as long as the strips fit. */
  treaties_timeline_layout_set_max_label_rows (layout, MAX_LABEL_ROWS);
  treaties_timeline_layout_set_size (layout, width, treaties_timeline_layout_get_natural_height (layout));
  rows = 1;
  for (guint i = 0; i < n_strips; i++)
    {
      guint needed = rows_needed (layout, start + i * span,
                                  i + 1 == n_strips ? end : start + (i + 1) * span,
                                  i + 1 == n_strips);

      rows = MAX (rows, needed == 0 ? MAX_LABEL_ROWS : needed);
    }
  for (; rows > 1; rows--)
    {
      treaties_timeline_layout_set_max_label_rows (layout, rows);
      if (treaties_timeline_layout_get_natural_height (layout) <= strip_room)
        break;
    }
  treaties_timeline_layout_set_max_label_rows (layout, rows);
  strip_height = treaties_timeline_layout_get_natural_height (layout);
  treaties_timeline_layout_set_size (layout, width, strip_height);

  cairo_save (cr);
  cairo_translate (cr, x, y);
  for (guint i = 0; i < n_strips; i++)
    {
      double first = start + i * span;
      double last = i + 1 == n_strips ? end : start + (i + 1) * span;

      draw_strip (layout, text, cr, first, last, i + 1 == n_strips);
      cairo_translate (cr, 0, strip_height + STRIP_GAP);
    }

  /* The key. */
  pango_layout_set_width (text, -1);
  draw_marker (cr, EDGE_MARGIN + 4, 6, 4.5, FALSE);
  set_source (cr, &ink_muted);
  /* Translators: the key of the timeline figure */
  show_text (cr, text, _("An event"), EDGE_MARGIN + 14, 1, 0, FALSE);
  if (treaties_timeline_layout_get_primary_index (layout) >= 0)
    {
      PangoRectangle logical;
      double key_x;

      pango_layout_get_pixel_extents (text, NULL, &logical);
      key_x = EDGE_MARGIN + 14 + logical.width + 18;
      draw_marker (cr, key_x + 7, 6, 7, TRUE);
      set_source (cr, &ink_muted);
      /* Translators: the key of the timeline figure: the larger marker */
      show_text (cr, text, _("The article’s own event"), key_x + 19, 1, 0, FALSE);
    }
  cairo_restore (cr);

  g_clear_object (&text);
  g_clear_object (&layout);
  g_object_unref (figure_context);
}
