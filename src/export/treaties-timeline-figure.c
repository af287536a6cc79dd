/* treaties-timeline-figure.c: the article's timeline as a vector figure
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include <glib/gi18n.h>
#include <pango/pangocairo.h>

#include "treaties-paper-style.h"
#include "treaties-timeline-figure.h"
#include "treaties-timeline-layout.h"

#define LABEL_FONT     TREATIES_PAPER_SANS " 7.5"
#define YEARS_PER_STRIP 7
#define MAX_STRIPS      4
#define STRIP_GAP       18.0
#define EDGE_MARGIN     8.0
#define LEGEND_HEIGHT   16.0
#define DAYS_PER_YEAR   365.2425
/* Every marker is numbered under the axis, as its events are in the
 * chronology after the figure: on paper there is no tooltip, and a crowded
 * stretch cannot label every event. */
#define NUMBER_FONT       TREATIES_PAPER_SANS " Bold 7.5"
#define NUMBER_ROW_HEIGHT 10.0
#define NUMBER_GAP        3.0
#define MAX_NUMBER_ROWS   8
/* Labels need not name every event any more: a few rows keep the figure
 * to about half a page, leaving room for the chronology. */
#define MAX_FIGURE_LABEL_ROWS 6

/* The app's colours on paper: near-black text (treaties_ink_text), grey
 * events, and the article's own event in the accent blue (GNOME's blue, as
 * libadwaita's @accent_bg_color and, for text, @accent_color). */
static const TreatiesInk ink_muted   = { 0.40, 0.40, 0.42 };
static const TreatiesInk ink_leader  = { 0.66, 0.66, 0.68 };
static const TreatiesInk ink_marker  = { 0.47, 0.47, 0.49 };
static const TreatiesInk ink_primary = { 0x35 / 255.0, 0x84 / 255.0, 0xe4 / 255.0 };
static const TreatiesInk ink_primary_text = { 0x1c / 255.0, 0x71 / 255.0, 0xd8 / 255.0 };
static const TreatiesInk era_fills[] = {
  { 0.925, 0.925, 0.930 },
  { 0.945, 0.935, 0.905 },
  { 0.915, 0.935, 0.915 },
};

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

/* The paper's context on @base's font map, in @base's language, whose
 * font is the figure's: the layout measures with it and the painter draws
 * with it. */
static PangoContext *
create_figure_context (PangoContext *base)
{
  PangoContext *context = treaties_paper_context_new (pango_context_get_font_map (base),
                                                      pango_context_get_language (base));
  PangoFontDescription *desc = pango_font_description_from_string (LABEL_FONT);

  pango_context_set_font_description (context, desc);
  pango_font_description_free (desc);
  return context;
}

/* An event: a grey dot; the article's own: a blue diamond, as in the app.
 * A white ring keeps close marks apart. */
static void
draw_marker (cairo_t  *cr,
             double    x,
             double    y,
             double    radius,
             gboolean  primary)
{
  for (guint pass = 0; pass < 2; pass++)
    {
      double r = radius + (pass == 0 ? 1.2 : 0);

      cairo_new_path (cr);
      if (primary)
        {
          cairo_move_to (cr, x, y - r);
          cairo_line_to (cr, x + r, y);
          cairo_line_to (cr, x, y + r);
          cairo_line_to (cr, x - r, y);
          cairo_close_path (cr);
        }
      else
        cairo_arc (cr, x, y, r, 0, 2 * G_PI);
      if (pass == 0)
        cairo_set_source_rgb (cr, 1, 1, 1);
      else
        treaties_ink_set_source (cr, primary ? &ink_primary : &ink_marker);
      cairo_fill (cr);
    }
}

/* Events longer than a day, as the screen draws them: a bar from the first
 * day to the last, fading out over its first or last few points where that
 * end is approximate, uncertain or open; cut to the strip. */
static void
draw_bars (cairo_t                     *cr,
           const TreatiesTimelineFrame *frame,
           double                       x_first,
           double                       x_last)
{
  cairo_save (cr);
  cairo_rectangle (cr, x_first, 0, x_last - x_first, frame->height);
  cairo_clip (cr);
  for (guint i = 0; i < frame->n_bars; i++)
    {
      const TreatiesTimelineBar *bar = &frame->bars[i];
      const TreatiesInk *ink = bar->primary || bar->highlighted ? &ink_primary : &ink_marker;
      double alpha = 0.45;
      double x0 = bar->x, x1 = bar->x + bar->width;
      double fade = MIN (12.0, bar->width / 3);
      cairo_pattern_t *pattern;

      if (x1 < x_first || x0 > x_last || bar->width <= 0)
        continue;
      pattern = cairo_pattern_create_linear (x0, 0, x1, 0);
      cairo_pattern_add_color_stop_rgba (pattern, 0, ink->red, ink->green, ink->blue, bar->fuzzy_start ? 0 : alpha);
      cairo_pattern_add_color_stop_rgba (pattern, fade / bar->width, ink->red, ink->green, ink->blue, alpha);
      cairo_pattern_add_color_stop_rgba (pattern, 1 - fade / bar->width, ink->red, ink->green, ink->blue, alpha);
      cairo_pattern_add_color_stop_rgba (pattern, 1, ink->red, ink->green, ink->blue, bar->fuzzy_end ? 0 : alpha);
      cairo_set_source (cr, pattern);
      cairo_pattern_destroy (pattern);
      cairo_rectangle (cr, x0, bar->y, bar->width, bar->height);
      cairo_fill (cr);
    }
  cairo_restore (cr);
}

/* A crowd of events the layout could not label: a grey pill with "+N"
 * in white, ringed in white like a marker. */
static void
draw_badge (cairo_t                     *cr,
            PangoLayout                 *text,
            const TreatiesTimelineBadge *badge)
{
  double r = badge->height / 2;

  for (guint pass = 0; pass < 2; pass++)
    {
      double grow = pass == 0 ? 1.2 : 0;

      cairo_new_path (cr);
      cairo_arc (cr, badge->x + r, badge->y + r, r + grow, G_PI / 2, 3 * G_PI / 2);
      cairo_arc (cr, badge->x + badge->width - r, badge->y + r, r + grow, -G_PI / 2, G_PI / 2);
      cairo_close_path (cr);
      if (pass == 0)
        cairo_set_source_rgb (cr, 1, 1, 1);
      else
        treaties_ink_set_source (cr, badge->highlighted ? &ink_primary : &ink_marker);
      cairo_fill (cr);
    }
  cairo_set_source_rgb (cr, 1, 1, 1);
  show_text (cr, text, badge->text, badge->text_x, badge->y + 1, 0, FALSE);
}

static gboolean
day_in_strip (double day,
              double first,
              double last,
              gboolean is_last)
{
  return day >= first && (day < last || (is_last && day <= last));
}

/* One strip of the figure: [first, last] (the last strip with its last
 * day) laid out with @rows label rows. */
typedef struct {
  double   first;
  double   last;
  gboolean is_last;
  guint    rows;
} Strip;

/* The strip a layout was last laid out for, and at what width: the figure
 * asks for the same strip in turn to choose its rows and to measure it,
 * and laying it out again would cost as much as the first time (every
 * tick label is measured). */
typedef struct {
  Strip  strip;
  double width;
} LastStrip;

static GQuark
last_strip_quark (void)
{
  return g_quark_from_static_string ("treaties-timeline-figure-last-strip");
}

static const TreatiesTimelineFrame *
lay_out_strip (TreatiesTimelineLayout *layout,
               double                  width,
               const Strip            *strip)
{
  LastStrip *last = g_object_get_qdata (G_OBJECT (layout), last_strip_quark ());

  if (last != NULL && last->width == width && last->strip.first == strip->first &&
      last->strip.last == strip->last && last->strip.is_last == strip->is_last &&
      last->strip.rows == strip->rows)
    return treaties_timeline_layout_compute (layout);
  if (last == NULL)
    {
      last = g_new (LastStrip, 1);
      g_object_set_qdata_full (G_OBJECT (layout), last_strip_quark (), last, g_free);
    }
  last->strip = *strip;
  last->width = width;

  treaties_timeline_layout_set_max_label_rows (layout, strip->rows);
  treaties_timeline_layout_set_size (layout, width, treaties_timeline_layout_get_natural_height (layout));
  treaties_timeline_layout_set_visible_days (layout, strip->first, strip->last);
  /* A day past the strip's end is the next strip's. */
  treaties_timeline_layout_set_label_days (layout, strip->first,
                                           strip->is_last ? strip->last : nextafter (strip->last, -G_MAXDOUBLE));
  return treaties_timeline_layout_compute (layout);
}

/* The era rows that have an era in the strip (era row → row drawn, or -1)
 * and how much height the others would have taken. */
static double
strip_era_rows (const TreatiesTimelineFrame *frame,
                double                       x_first,
                double                       x_last,
                int                         *ranks)
{
  gboolean used[8] = { FALSE, };
  guint n_used = 0;

  for (guint i = 0; i < frame->n_eras; i++)
    if (frame->eras[i].row < G_N_ELEMENTS (used) &&
        frame->eras[i].x < x_last && frame->eras[i].x + frame->eras[i].width > x_first)
      used[frame->eras[i].row] = TRUE;
  for (guint r = 0; r < G_N_ELEMENTS (used); r++)
    ranks[r] = used[r] ? (int) n_used++ : -1;

  if (n_used == 0)
    return frame->label_top - frame->era_top;
  return (frame->n_era_rows - MIN (n_used, frame->n_era_rows)) * frame->era_row_spacing;
}

static void
strip_x_range (TreatiesTimelineLayout      *layout,
               const TreatiesTimelineFrame *frame,
               const Strip                 *strip,
               double                      *x_first,
               double                      *x_last)
{
  *x_first = MAX (treaties_timeline_layout_day_to_x (layout, strip->first), frame->axis_start_x);
  *x_last = MIN (treaties_timeline_layout_day_to_x (layout, strip->last), frame->axis_end_x);
}

typedef struct {
  double left;
  double width;
  guint  row;
  char   text[32];
} NumberPlace;

static void
format_number (const TreatiesTimelineMarker *marker,
               char                          buf[32])
{
  if (marker->n_events == 1)
    g_snprintf (buf, 32, "%u", marker->first + 1);
  else
    g_snprintf (buf, 32, "%u–%u", marker->first + 1, marker->first + marker->n_events);
}

/* A number's width (Pango units), measured once per figure: the figure
 * places each strip's numbers again for every row count it tries. The
 * widths are kept on the numbers' own PangoLayout. */
static int
number_width (PangoLayout *numbers,
              const char  *text)
{
  GQuark quark = g_quark_from_static_string ("treaties-timeline-figure-number-widths");
  GHashTable *widths;
  gpointer width;
  PangoRectangle logical;

  widths = g_object_get_qdata (G_OBJECT (numbers), quark);
  if (widths == NULL)
    {
      widths = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      g_object_set_qdata_full (G_OBJECT (numbers), quark, widths, (GDestroyNotify) g_hash_table_unref);
    }
  if (g_hash_table_lookup_extended (widths, text, NULL, &width))
    return GPOINTER_TO_INT (width);
  pango_layout_set_text (numbers, text, -1);
  pango_layout_get_extents (numbers, NULL, &logical);
  g_hash_table_insert (widths, g_strdup (text), GINT_TO_POINTER (logical.width));
  return logical.width;
}

/* The numbers of the strip's markers, each centred under its marker in the
 * first row below the tick labels where it overlaps no other. Fills @out
 * (of NumberPlace) when not NULL; returns the rows used. */
static guint
place_numbers (TreatiesTimelineLayout      *layout,
               const TreatiesTimelineFrame *frame,
               const Strip                 *strip,
               PangoLayout                 *numbers,
               GArray                      *out)
{
  double row_end[MAX_NUMBER_ROWS];
  guint n_rows = 0;

  for (guint i = 0; i < frame->n_markers; i++)
    {
      const TreatiesTimelineMarker *marker = &frame->markers[i];
      TreatiesDay day = treaties_timeline_layout_get_event_date (layout, marker->first);
      NumberPlace place;
      guint r;

      if (!day_in_strip (day, strip->first, strip->last, strip->is_last))
        continue;

      format_number (marker, place.text);
      place.width = (double) number_width (numbers, place.text) / PANGO_SCALE;
      place.left = CLAMP (marker->x - place.width / 2, 0, MAX (frame->width - place.width, 0));

      for (r = 0; r < n_rows; r++)
        if (row_end[r] + NUMBER_GAP <= place.left)
          break;
      if (r == n_rows)
        {
          if (n_rows < MAX_NUMBER_ROWS)
            n_rows++;
          else
            {
              /* Past eight rows (hundreds of events a year apart): the
               * row that ends first. */
              r = 0;
              for (guint k = 1; k < n_rows; k++)
                if (row_end[k] < row_end[r])
                  r = k;
            }
        }
      row_end[r] = place.left + place.width;
      place.row = r;
      if (out != NULL)
        g_array_append_val (out, place);
    }
  return n_rows;
}

static double
numbers_top (const TreatiesTimelineFrame *frame)
{
  return frame->tick_label_y + frame->line_height + 2;
}

/* The height a strip takes on the page: no room for era rows it has no
 * era in, nor for label rows it does not use. */
static double
strip_height (TreatiesTimelineLayout *layout,
              PangoLayout            *numbers,
              double                  width,
              const Strip            *strip)
{
  const TreatiesTimelineFrame *frame = lay_out_strip (layout, width, strip);
  double x_first, x_last;
  guint rows = place_numbers (layout, frame, strip, numbers, NULL);
  int ranks[8];

  strip_x_range (layout, frame, strip, &x_first, &x_last);
  return MAX (frame->height, numbers_top (frame) + rows * NUMBER_ROW_HEIGHT) -
         strip_era_rows (frame, x_first, x_last, ranks);
}

/* Draws a strip at the top of @cr; returns its height. */
static double
draw_strip (TreatiesTimelineLayout *layout,
            PangoLayout            *text,
            PangoLayout            *numbers,
            cairo_t                *cr,
            double                  width,
            const Strip            *strip,
            gboolean               *has_badges)
{
  const TreatiesTimelineFrame *frame = lay_out_strip (layout, width, strip);
  double x_first, x_last, shift;
  int ranks[8];

  strip_x_range (layout, frame, strip, &x_first, &x_last);
  shift = strip_era_rows (frame, x_first, x_last, ranks);

  /* Eras: bands cut to this strip's stretch of time, in the rows it uses. */
  cairo_save (cr);
  cairo_rectangle (cr, x_first, 0, x_last - x_first, frame->height);
  cairo_clip (cr);
  for (guint i = 0; i < frame->n_eras; i++)
    {
      const TreatiesTimelineEraBand *band = &frame->eras[i];
      double y;

      if (band->row >= G_N_ELEMENTS (ranks) || ranks[band->row] < 0)
        continue;
      y = frame->era_top + ranks[band->row] * frame->era_row_spacing;
      treaties_ink_set_source (cr, &era_fills[band->row % G_N_ELEMENTS (era_fills)]);
      cairo_rectangle (cr, band->x, y, band->width, band->height);
      cairo_fill (cr);
      if (band->label_width > 0)
        {
          treaties_ink_set_source (cr, &treaties_ink_text);
          show_text (cr, text, treaties_era_get_title (band->era),
                     band->label_x, band->label_y - band->y + y, band->label_width, band->ellipsized);
        }
    }
  cairo_restore (cr);

  /* Everything else moves up into the room of the era rows left out. */
  cairo_save (cr);
  cairo_translate (cr, 0, -shift);

  /* The axis and its ticks. */
  treaties_ink_set_source (cr, &treaties_ink_text);
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
      treaties_ink_set_source (cr, &ink_muted);
      cairo_move_to (cr, tick->x, tick->y);
      cairo_line_to (cr, tick->x, tick->y + tick->height);
      cairo_stroke (cr);
      if (tick->label != NULL)
        show_text (cr, text, tick->label, tick->label_x, tick->label_y, tick->label_width, FALSE);
    }

  /* Leader lines (the layout keeps them clear of other labels), then the
   * labels on white, then the markers: the article's own last, over its
   * neighbours should they be so close that one hides the other. */
  cairo_set_line_width (cr, 0.5);
  for (guint i = 0; i < frame->n_labels; i++)
    {
      const TreatiesTimelineLabel *label = &frame->labels[i];
      TreatiesDay day = treaties_timeline_layout_get_event_date (layout, label->event_index);

      if (!day_in_strip (day, strip->first, strip->last, strip->is_last))
        continue;
      treaties_ink_set_source (cr, label->priority ? &ink_primary : &ink_leader);
      cairo_move_to (cr, label->anchor_x, label->y + label->height);
      cairo_line_to (cr, label->anchor_x, frame->axis_y);
      cairo_stroke (cr);
    }

  for (guint i = 0; i < frame->n_labels; i++)
    {
      const TreatiesTimelineLabel *label = &frame->labels[i];
      TreatiesEvent *event = treaties_timeline_layout_get_event (layout, label->event_index);
      TreatiesDay day = treaties_timeline_layout_get_event_date (layout, label->event_index);
      PangoRectangle ink;

      if (!day_in_strip (day, strip->first, strip->last, strip->is_last))
        continue;

      pango_layout_set_text (text, treaties_event_get_title (event), -1);
      pango_layout_set_width (text, label->ellipsized ? (int) (label->text_width * PANGO_SCALE) : -1);
      pango_layout_get_pixel_extents (text, NULL, &ink);
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_rectangle (cr, label->text_x - 2, label->y + 1, ink.width + 4, label->height - 2);
      cairo_fill (cr);

      treaties_ink_set_source (cr, treaties_event_get_primary (event)
                                   ? &ink_primary_text : &treaties_ink_text);
      cairo_move_to (cr, label->text_x, label->y + 2);
      pango_cairo_show_layout (cr, text);
    }

  draw_bars (cr, frame, x_first, x_last);
  /* Where the layout gathered markers into a "+N" badge, the badge, as on
   * screen, under the labelled markers; the numbers below still name each
   * of its events, as the chronology does. */
  for (guint i = 0; i < frame->n_badges; i++)
    draw_badge (cr, text, &frame->badges[i]);
  *has_badges = *has_badges || frame->n_badges > 0;
  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < frame->n_markers; i++)
      {
        const TreatiesTimelineMarker *marker = &frame->markers[i];
        TreatiesDay day = treaties_timeline_layout_get_event_date (layout, marker->first);

        if (marker->primary != (pass == 1) || marker->in_badge ||
            !day_in_strip (day, strip->first, strip->last, strip->is_last))
          continue;
        draw_marker (cr, marker->x, marker->y, marker->radius, marker->primary);
      }

  /* The markers' numbers, as in the chronology. */
  {
    g_autoptr(GArray) places = g_array_new (FALSE, FALSE, sizeof (NumberPlace));
    guint rows = place_numbers (layout, frame, strip, numbers, places);

    treaties_ink_set_source (cr, &treaties_ink_text);
    for (guint i = 0; i < places->len; i++)
      {
        const NumberPlace *place = &g_array_index (places, NumberPlace, i);

        pango_layout_set_text (numbers, place->text, -1);
        cairo_move_to (cr, place->left, numbers_top (frame) + place->row * NUMBER_ROW_HEIGHT);
        pango_cairo_show_layout (cr, numbers);
      }
    cairo_restore (cr);
    return MAX (frame->height, numbers_top (frame) + rows * NUMBER_ROW_HEIGHT) - shift;
  }
}

/* The fewest label rows that give every event in the strip its whole
 * label (on paper there is no tooltip to tell the rest); if no number
 * does, the fewest that give the most whole labels. */
static guint
rows_needed (TreatiesTimelineLayout *layout,
             double                  width,
             const Strip            *strip)
{
  guint best_rows = 1, best_whole = 0;

  for (guint rows = 1; rows <= MAX_FIGURE_LABEL_ROWS; rows++)
    {
      Strip s = *strip;
      const TreatiesTimelineFrame *frame;
      guint n_single = 0, n_whole = 0;

      s.rows = rows;
      frame = lay_out_strip (layout, width, &s);
      for (guint i = 0; i < frame->n_markers; i++)
        if (frame->markers[i].n_events == 1 &&
            day_in_strip (treaties_timeline_layout_get_event_date (layout, frame->markers[i].first),
                          strip->first, strip->last, strip->is_last))
          n_single++;
      for (guint i = 0; i < frame->n_labels; i++)
        if (!frame->labels[i].ellipsized &&
            day_in_strip (treaties_timeline_layout_get_event_date (layout, frame->labels[i].event_index),
                          strip->first, strip->last, strip->is_last))
          n_whole++;
      if (n_whole >= n_single)
        return rows;
      if (n_whole > best_whole)
        {
          best_whole = n_whole;
          best_rows = rows;
        }
    }
  return best_rows;
}

gboolean
treaties_timeline_figure_has_content (TreatiesArticle *article)
{
  g_return_val_if_fail (TREATIES_IS_ARTICLE (article), FALSE);

  return treaties_article_get_timeline_start (article) != TREATIES_DAY_INVALID &&
         g_list_model_get_n_items (treaties_article_get_events (article)) > 0;
}

/* The figure laid out for at most a height: the strips, and the label
 * rows each gets. */
struct _TreatiesTimelineFigure {
  TreatiesArticle        *article;
  TreatiesTimelineLayout *layout;
  PangoContext           *context;
  PangoLayout            *text;
  PangoLayout            *numbers;
  Strip                   strips[MAX_STRIPS];
  guint                   n_strips;
  double                  width;
  double                  height;
};

typedef TreatiesTimelineFigure Figure;

static void
figure_clear (Figure *f)
{
  g_clear_object (&f->text);
  g_clear_object (&f->numbers);
  g_clear_object (&f->layout);
  g_clear_object (&f->context);
  g_clear_object (&f->article);
}

static void
figure_lay_out (Figure          *f,
                TreatiesArticle *article,
                PangoContext    *context,
                double           width,
                double           max_height)
{
  PangoFontDescription *desc;
  TreatiesDay start, end;
  double years, span;
  double heights[MAX_STRIPS];

  f->article = g_object_ref (article);
  f->width = width;
  start = treaties_article_get_timeline_start (article);
  end = treaties_article_get_timeline_end (article);
  years = (end - start) / DAYS_PER_YEAR;
  f->n_strips = CLAMP ((guint) ceil (years / YEARS_PER_STRIP), 1, MAX_STRIPS);
  span = (double) (end - start) / f->n_strips;

  f->context = create_figure_context (context);
  f->text = pango_layout_new (f->context);
  pango_layout_set_ellipsize (f->text, PANGO_ELLIPSIZE_END);
  f->numbers = pango_layout_new (f->context);
  desc = pango_font_description_from_string (NUMBER_FONT);
  pango_layout_set_font_description (f->numbers, desc);
  pango_font_description_free (desc);

  f->layout = treaties_timeline_layout_new (article);
  treaties_timeline_layout_set_pango_context (f->layout, f->context);
  treaties_timeline_layout_set_edge_margin (f->layout, EDGE_MARGIN);

  /* Each strip gets the label rows it needs to give every event its whole
   * label (up to a few), and no more: labels stay near their markers, and
   * no strip has empty rows. If that is too tall, the strips with the most
   * rows give some up; the numbers identify every event whatever. */
  for (guint i = 0; i < f->n_strips; i++)
    {
      f->strips[i].first = start + i * span;
      f->strips[i].last = i + 1 == f->n_strips ? end : start + (i + 1) * span;
      f->strips[i].is_last = i + 1 == f->n_strips;
      f->strips[i].rows = rows_needed (f->layout, width, &f->strips[i]);
      heights[i] = strip_height (f->layout, f->numbers, width, &f->strips[i]);
    }
  for (;;)
    {
      guint tallest = 0;

      f->height = LEGEND_HEIGHT + (f->n_strips - 1) * STRIP_GAP;
      for (guint i = 0; i < f->n_strips; i++)
        {
          f->height += heights[i];
          if (f->strips[i].rows > f->strips[tallest].rows)
            tallest = i;
        }
      if (f->height <= max_height || f->strips[tallest].rows <= 1)
        break;
      f->strips[tallest].rows--;
      heights[tallest] = strip_height (f->layout, f->numbers, width, &f->strips[tallest]);
    }
}

TreatiesTimelineFigure *
treaties_timeline_figure_new (TreatiesArticle *article,
                              PangoContext    *context,
                              double           width,
                              double           max_height)
{
  Figure *f;

  g_return_val_if_fail (TREATIES_IS_ARTICLE (article), NULL);
  g_return_val_if_fail (PANGO_IS_CONTEXT (context), NULL);

  if (!treaties_timeline_figure_has_content (article))
    return NULL;
  f = g_new0 (Figure, 1);
  figure_lay_out (f, article, context, width, max_height);
  return f;
}

double
treaties_timeline_figure_get_height (TreatiesTimelineFigure *figure)
{
  g_return_val_if_fail (figure != NULL, 0);

  return figure->height;
}

void
treaties_timeline_figure_free (TreatiesTimelineFigure *figure)
{
  if (figure == NULL)
    return;
  figure_clear (figure);
  g_free (figure);
}

char *
treaties_timeline_figure_dup_alt_text (TreatiesArticle *article)
{
  GListModel *events;
  guint n;
  int y0, y1, m, d;

  g_return_val_if_fail (TREATIES_IS_ARTICLE (article), NULL);

  if (!treaties_timeline_figure_has_content (article))
    return NULL;
  events = treaties_article_get_events (article);
  n = g_list_model_get_n_items (events);
  treaties_day_to_ymd (treaties_article_get_timeline_start (article), &y0, &m, &d);
  treaties_day_to_ymd (treaties_article_get_timeline_end (article), &y1, &m, &d);
  /* Translators: the alternative text of the timeline figure in a PDF, read
   * by screen readers: events, first year, last year */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "A timeline from %2$d to %3$d with %1$u event, numbered as in the chronology that follows.",
                                       "A timeline from %2$d to %3$d with %1$u events, numbered as in the chronology that follows.",
                                       n),
                          n, y0, y1);
}

void
treaties_timeline_figure_paint (TreatiesTimelineFigure *figure,
                                cairo_t                *cr,
                                double                  x,
                                double                  y)
{
  Figure *f = figure;
  gboolean has_badges = FALSE;
  double key_end;
  PangoLayout *text;

  g_return_if_fail (figure != NULL);
  g_return_if_fail (cr != NULL);

  text = f->text;
  cairo_save (cr);
  cairo_translate (cr, x, y);
  for (guint i = 0; i < f->n_strips; i++)
    {
      double h = draw_strip (f->layout, text, f->numbers, cr, f->width, &f->strips[i], &has_badges);

      cairo_translate (cr, 0, h + STRIP_GAP);
    }

  /* The key. */
  pango_layout_set_width (text, -1);
  draw_marker (cr, EDGE_MARGIN + 4, 6, 3.5, FALSE);
  treaties_ink_set_source (cr, &ink_muted);
  /* Translators: the key of the timeline figure */
  show_text (cr, text, _("An event"), EDGE_MARGIN + 14, 1, 0, FALSE);
  if (treaties_timeline_layout_get_primary_index (f->layout) >= 0)
    {
      PangoRectangle logical;
      double key_x;

      pango_layout_get_pixel_extents (text, NULL, &logical);
      key_x = EDGE_MARGIN + 14 + logical.width + 18;
      draw_marker (cr, key_x + 6, 6, 6, TRUE);
      treaties_ink_set_source (cr, &ink_muted);
      /* Translators: the key of the timeline figure: the larger marker */
      show_text (cr, text, _("The article’s own event"), key_x + 17, 1, 0, FALSE);
      pango_layout_get_pixel_extents (text, NULL, &logical);
      key_end = key_x + 17 + logical.width;
    }
  else
    {
      PangoRectangle logical;

      pango_layout_get_pixel_extents (text, NULL, &logical);
      key_end = EDGE_MARGIN + 14 + logical.width;
    }
  if (has_badges)
    {
      TreatiesTimelineBadge badge = { 0 };
      PangoRectangle logical;

      pango_layout_set_text (text, "+N", -1);
      pango_layout_get_pixel_extents (text, NULL, &logical);
      badge.text = "+N";
      badge.height = logical.height + 2;
      badge.width = logical.width + 8;
      badge.x = key_end + 18;
      badge.y = 6 - badge.height / 2;
      badge.text_x = badge.x + 4;
      draw_badge (cr, text, &badge);
      treaties_ink_set_source (cr, &ink_muted);
      /* Translators: the key of the timeline figure: a "+N" badge */
      show_text (cr, text, _("Events with no room for a label"),
                 badge.x + badge.width + 5, 1, 0, FALSE);
    }
  cairo_restore (cr);
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
  g_autoptr(TreatiesTimelineFigure) figure = NULL;

  g_return_if_fail (TREATIES_IS_ARTICLE (article));
  g_return_if_fail (PANGO_IS_CONTEXT (context));
  g_return_if_fail (cr != NULL);

  figure = treaties_timeline_figure_new (article, context, width, height);
  if (figure != NULL)
    treaties_timeline_figure_paint (figure, cr, x, y);
}
