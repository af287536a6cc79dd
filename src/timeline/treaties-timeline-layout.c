/* treaties-timeline-layout.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "treaties-timeline-layout.h"

#include "treaties-bsearch.h"

/* Vertical rhythm, in pixels. */
#define PAD_TOP            6.0
#define PAD_BOTTOM         4.0
#define ERA_ROW_GAP        3.0
#define ERA_TO_LABELS      8.0
#define LABEL_ROW_GAP      3.0
#define LABEL_TO_AXIS     12.0
#define TICK_YEAR_LENGTH   6.0
#define TICK_MINOR_LENGTH  3.0
#define TICK_LABEL_GAP     3.0
#define MAX_ERA_ROWS       3

/* Markers and labels. */
#define MARKER_RADIUS      3.5
#define BAR_HEIGHT         5.0
#define BAR_LANE_GAP       1.0
#define BAR_GAP_X          2.0   /* between bars in one lane */
#define MAX_BAR_LANES      2     /* what fits under the labels */
#define PRIMARY_RADIUS     5.5   /* half the diagonal of its diamond */
#define MERGE_PIXELS       1.0
#define LABEL_PAD_X        6.0   /* text inset in a label's box */
#define LEADER_INSET       1.0   /* leader line inset from the box's edge */
#define LABEL_GAP          6.0   /* between labels in a row */
#define LEADER_CLEAR       3.0   /* between a leader line and another label */
#define MAX_LABEL_ROWS     16
#define MIN_LABEL_TEXT    60.0   /* narrower than this, a label is left out */
#define LABEL_EDGE         4.0   /* labels keep this far from the figure's ends,
                                  * so that a focus ring round them is whole */
#define ERA_PAD_X          8.0
#define MIN_ERA_TEXT      24.0

/* Badges. */
#define BADGE_GATHER      40.0   /* unlabelled markers this close gather */
#define BADGE_MAX_SPREAD  96.0   /* the most a badge's markers spread over */
#define BADGE_PAD_X        5.0
#define BADGE_GAP          4.0   /* between badges */

/* Ticks. */
#define TICK_LABEL_SPACING 14.0  /* between year labels */
#define MONTH_LABEL_SPACING 6.0  /* between month labels, which are left-aligned */
#define MIN_TICK_SPACING   6.0   /* between unlabelled ticks */
#define DAYS_PER_YEAR      365.2425

#define DEFAULT_EDGE_MARGIN 24.0
#define DEFAULT_LABEL_ROWS  3
#define FALLBACK_CHAR_WIDTH 7.0
#define FALLBACK_LINE_HEIGHT 16.0

/* How a span's ends were written, kept beside its end for compute_bars(). */
typedef enum {
  SPAN_OPEN_START  = 1 << 0,
  SPAN_OPEN_END    = 1 << 1,
  SPAN_FUZZY_START = 1 << 2,
  SPAN_FUZZY_END   = 1 << 3,
} SpanFlags;

/* A span, and what the interval index keeps of the subtree it is the root
 * of, side by side so that a query reads one place per node. */
typedef struct {
  TreatiesDay start;
  TreatiesDay end;
  guint       event;        /* index in date order */
  guint       max_at;       /* the subtree's first span with its latest end */
  TreatiesDay max_end;
  TreatiesDay min_end;
  TreatiesDay last_start;
  guint       first_event;
  guint       last_event;
  guint8      flags;        /* SpanFlags */
} SpanNode;

struct _TreatiesTimelineLayout
{
  GObject                      parent_instance;

  TreatiesArticle             *article;
  gboolean                     has_range;
  TreatiesDay                  range_start;
  TreatiesDay                  range_end;

  /* events in date order; the article owns them */
  guint                        n_events;
  TreatiesDay                 *dates;
  TreatiesEvent              **events;
  /* events longer than a day, in date order; an implicit interval tree
   * over them (see build_span_tree()) */
  guint                        n_spans;
  SpanNode                    *span_nodes;
  TreatiesDay                 *span_ends;        /* sorted: how many ended before a day */
  gboolean                     plain_bars;       /* walk every span (tests compare) */
  int                          primary_index;
  float                       *title_widths;     /* lazily, NAN: not measured */

  /* eras in start order; rows fixed for the article */
  guint                        n_eras;
  TreatiesEra                **eras;
  guint                       *era_rows;
  double                      *era_title_widths; /* < 0: not measured */
  guint                        n_era_rows;

  /* measuring */
  PangoContext                *pango_context;
  PangoLayout                 *pango_layout;
  TreatiesTimelineMeasureFunc  measure_func;
  gpointer                     measure_data;
  GDestroyNotify               measure_destroy;
  double                       fixed_line_height;
  double                       line_height;
  double                       year_label_width;
  /* tick labels, measured once: a frame lays out its ticks anew */
  double                       month_widths[12];
  float                       *year_widths;      /* from year_widths_from; NAN: not measured */
  int                          year_widths_from; /* range_start's year */
  guint                        n_years;
  double                       month_label_width;
  double                       plus_width;        /* "+", and a digit: a badge's text */
  double                       digit_width;
  char                        *month_names[12];

  /* view */
  double                       width;
  double                       height;
  double                       edge_margin;
  double                       view_start;
  double                       days_per_pixel;
  gboolean                     fit;
  guint                        max_label_rows;
  gboolean                     has_pending_days;  /* set before the first size */
  double                       pending_first_day;
  double                       pending_last_day;

  /* state */
  GArray                      *highlighted;      /* guint, sorted, unique */
  int                          selected;         /* the event chosen, or -1 */
  double                       label_first_day;  /* events labelled */
  double                       label_last_day;

  /* results */
  gboolean                     frame_valid;
  TreatiesTimelineFrame        frame;
  GArray                      *ticks;
  GArray                      *era_bands;
  GArray                      *markers;
  GArray                      *labels;
  GArray                      *bars;
  GArray                      *badges;
  GArray                      *label_rows[MAX_LABEL_ROWS];  /* LabelBox, by x */
  GStringChunk                *strings;
};

G_DEFINE_FINAL_TYPE (TreatiesTimelineLayout, treaties_timeline_layout, G_TYPE_OBJECT)

/* --- helpers --------------------------------------------------------------- */

static void
invalidate (TreatiesTimelineLayout *self)
{
  self->frame_valid = FALSE;
}

static double
max_days_per_pixel (TreatiesTimelineLayout *self)
{
  double usable = self->width - 2 * self->edge_margin;

  if (!self->has_range)
    return 1.0;
  if (usable < 1.0)
    usable = MAX (self->width, 1.0);
  return MAX ((double) (self->range_end - self->range_start), 1.0) / usable;
}

static double
min_days_per_pixel (TreatiesTimelineLayout *self)
{
  return MIN (1.0 / TREATIES_TIMELINE_MAX_PIXELS_PER_DAY, max_days_per_pixel (self));
}

/* Keeps the scale between the limits and the range in view. */
static void
clamp_view (TreatiesTimelineLayout *self)
{
  double dpp_max = max_days_per_pixel (self);
  double dpp_min = min_days_per_pixel (self);
  double min_start, max_start;

  if (!isfinite (self->days_per_pixel) || self->days_per_pixel <= 0)
    self->days_per_pixel = dpp_max;
  self->days_per_pixel = CLAMP (self->days_per_pixel, dpp_min, dpp_max);

  if (!self->has_range)
    {
      self->view_start = 0;
      return;
    }

  min_start = self->range_start - self->edge_margin * self->days_per_pixel;
  max_start = self->range_end + self->edge_margin * self->days_per_pixel
              - self->width * self->days_per_pixel;
  if (!isfinite (self->view_start))
    self->view_start = min_start;
  if (max_start < min_start)
    max_start = min_start;
  self->view_start = CLAMP (self->view_start, min_start, max_start);

  self->fit = fabs (self->days_per_pixel - dpp_max) <= dpp_max * 1e-9;
}

static double
measure_text (TreatiesTimelineLayout *self,
              const char             *text)
{
  if (text == NULL || *text == '\0')
    return 0;

  if (self->measure_func != NULL)
    return self->measure_func (text, self->measure_data);

  if (self->pango_layout != NULL)
    {
      PangoRectangle logical;

      pango_layout_set_text (self->pango_layout, text, -1);
      pango_layout_get_extents (self->pango_layout, NULL, &logical);
      return ceil ((double) logical.width / PANGO_SCALE);
    }

  return FALLBACK_CHAR_WIDTH * g_utf8_strlen (text, -1);
}

static void
update_text_metrics (TreatiesTimelineLayout *self)
{
  if (self->measure_func != NULL)
    self->line_height = self->fixed_line_height;
  else if (self->pango_layout != NULL)
    {
      PangoRectangle logical;

      pango_layout_set_text (self->pango_layout, "Ag", -1);
      pango_layout_get_extents (self->pango_layout, NULL, &logical);
      self->line_height = ceil ((double) logical.height / PANGO_SCALE);
    }
  else
    self->line_height = FALLBACK_LINE_HEIGHT;

  self->year_label_width = measure_text (self, "8888");
  /* A badge's "+N" is measured from these, not laid out each frame:
   * figures are all as wide as each other in nearly every font. */
  self->plus_width = measure_text (self, "+");
  self->digit_width = measure_text (self, "8888888888") / 10;
  self->month_label_width = 0;
  for (guint m = 0; m < 12; m++)
    {
      self->month_widths[m] = measure_text (self, self->month_names[m]);
      self->month_label_width = MAX (self->month_label_width, self->month_widths[m]);
    }
  for (guint y = 0; y < self->n_years; y++)
    self->year_widths[y] = NAN;

  g_clear_pointer (&self->title_widths, g_free);
  for (guint i = 0; i < self->n_eras; i++)
    self->era_title_widths[i] = -1;

  invalidate (self);
}

static double
title_width (TreatiesTimelineLayout *self,
             guint                   index)
{
  if (self->title_widths == NULL)
    {
      self->title_widths = g_new (float, self->n_events);
      for (guint i = 0; i < self->n_events; i++)
        self->title_widths[i] = NAN;
    }
  if (isnan (self->title_widths[index]))
    self->title_widths[index] = measure_text (self, treaties_event_get_title (self->events[index]));
  return self->title_widths[index];
}

static double
era_title_width (TreatiesTimelineLayout *self,
                 guint                   index)
{
  if (self->era_title_widths[index] < 0)
    self->era_title_widths[index] = measure_text (self, treaties_era_get_title (self->eras[index]));
  return self->era_title_widths[index];
}

static guint
highlighted_lower_bound (TreatiesTimelineLayout *self,
                         guint                   index)
{
  guint lo = 0, hi = self->highlighted->len;

  TREATIES_LOWER_BOUND (lo, hi, mid, g_array_index (self->highlighted, guint, mid) < index);
  return lo;
}

/* The first highlighted index in [first, first + n), or -1. */
static int
first_highlighted_in (TreatiesTimelineLayout *self,
                      guint                   first,
                      guint                   n)
{
  guint i = highlighted_lower_bound (self, first);

  if (i < self->highlighted->len && g_array_index (self->highlighted, guint, i) < first + n)
    return g_array_index (self->highlighted, guint, i);
  return -1;
}

static int
compare_guint (gconstpointer a,
               gconstpointer b)
{
  guint ua = *(const guint *) a, ub = *(const guint *) b;

  return (ua > ub) - (ua < ub);
}

/* --- computing ------------------------------------------------------------- */

static double
era_rows_height (TreatiesTimelineLayout *self,
                 guint                   rows)
{
  if (rows == 0)
    return 0;
  return rows * (self->line_height + 6) + (rows - 1) * ERA_ROW_GAP + ERA_TO_LABELS;
}

static double
below_axis_height (TreatiesTimelineLayout *self)
{
  return TICK_YEAR_LENGTH + TICK_LABEL_GAP + self->line_height + PAD_BOTTOM;
}

static void
compute_vertical (TreatiesTimelineLayout *self,
                  TreatiesTimelineFrame  *frame)
{
  double label_top, label_bottom;
  guint rows;

  frame->width = self->width;
  frame->height = self->height;
  frame->line_height = self->line_height;
  frame->era_top = PAD_TOP;
  frame->era_row_height = self->line_height + 6;
  frame->era_row_spacing = frame->era_row_height + ERA_ROW_GAP;
  frame->n_era_rows = MIN (self->n_era_rows, MAX_ERA_ROWS);
  frame->label_row_height = self->line_height + 4 + LABEL_ROW_GAP;
  frame->axis_y = floor (self->height - below_axis_height (self));
  frame->tick_label_y = frame->axis_y + TICK_YEAR_LENGTH + TICK_LABEL_GAP;

  label_top = PAD_TOP + era_rows_height (self, frame->n_era_rows);
  frame->label_top = label_top;
  label_bottom = frame->axis_y - LABEL_TO_AXIS;
  rows = label_bottom > label_top
         ? (guint) floor ((label_bottom - label_top + LABEL_ROW_GAP) / frame->label_row_height)
         : 0;
  frame->n_label_rows = MIN (rows, self->max_label_rows);
}

static void
add_tick (TreatiesTimelineLayout   *self,
          TreatiesTimelineTickKind  kind,
          int                       year,
          int                       month,
          gboolean                  labelled,
          gboolean                  centred,
          double                   *last_label_end)
{
  TreatiesTimelineTick tick = { 0 };
  const TreatiesTimelineFrame *frame = &self->frame;

  tick.kind = kind;
  tick.year = year;
  tick.month = month;
  tick.day = treaties_day_from_ymd (year, month, 1);
  if (tick.day < self->range_start || tick.day > self->range_end)
    return;
  tick.x = treaties_timeline_layout_day_to_x (self, tick.day);
  if (tick.x < -1 || tick.x > self->width + 1)
    return;
  tick.y = frame->axis_y;
  tick.height = kind == TREATIES_TIMELINE_TICK_YEAR ? TICK_YEAR_LENGTH : TICK_MINOR_LENGTH;

  if (labelled)
    {
      char buf[16];
      const char *text;

      if (kind == TREATIES_TIMELINE_TICK_MONTH)
        {
          text = self->month_names[month - 1];
          tick.label_width = self->month_widths[month - 1];
        }
      else
        {
          guint y = (guint) (year - self->year_widths_from);

          g_snprintf (buf, sizeof buf, "%d", year);
          text = buf;
          g_assert (y < self->n_years);
          if (isnan (self->year_widths[y]))
            self->year_widths[y] = measure_text (self, text);
          tick.label_width = self->year_widths[y];
        }
      tick.label_x = centred ? tick.x - tick.label_width / 2 : tick.x + 3;
      tick.label_y = frame->axis_y + TICK_YEAR_LENGTH + TICK_LABEL_GAP;
      if (tick.label_x >= *last_label_end + (centred ? TICK_LABEL_SPACING : MONTH_LABEL_SPACING) &&
          tick.label_x >= 0 && tick.label_x + tick.label_width <= self->width)
        {
          tick.label = g_string_chunk_insert (self->strings, text);
          *last_label_end = tick.label_x + tick.label_width;
        }
      else
        tick.label_width = 0;
    }

  g_array_append_val (self->ticks, tick);
}

static void
compute_ticks (TreatiesTimelineLayout *self)
{
  static const int steps[] = { 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000 };
  double px_per_year = DAYS_PER_YEAR / self->days_per_pixel;
  double px_per_month = px_per_year / 12;
  double spacing = self->year_label_width + TICK_LABEL_SPACING;
  double last_label_end = -G_MAXDOUBLE;
  gboolean months, month_labels;
  int step = steps[G_N_ELEMENTS (steps) - 1];
  int minor = 0;
  int first_year, last_year, range_first_year, range_last_year;

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    if (steps[i] * px_per_year >= spacing)
      {
        step = steps[i];
        break;
      }
  /* The finest step between labelled years that is not too crowded. */
  for (guint i = 0; i < G_N_ELEMENTS (steps) && steps[i] < step; i++)
    if (step % steps[i] == 0 && steps[i] * px_per_year >= MIN_TICK_SPACING)
      {
        minor = steps[i];
        break;
      }
  months = step == 1 && px_per_month >= MIN_TICK_SPACING;
  /* January is labelled with its year, so that must fit as well. */
  month_labels = months && px_per_month >= MAX (self->month_label_width, self->year_label_width)
                                           + 3 + MONTH_LABEL_SPACING;

  treaties_day_to_ymd (self->range_start, &range_first_year, NULL, NULL);
  treaties_day_to_ymd (self->range_end, &range_last_year, NULL, NULL);
  first_year = (int) floor (treaties_timeline_layout_x_to_day (self, 0) / DAYS_PER_YEAR) - 1;
  last_year = (int) ceil (treaties_timeline_layout_x_to_day (self, self->width) / DAYS_PER_YEAR) + 2;
  first_year = MAX (first_year, range_first_year);
  last_year = MIN (last_year, range_last_year);
  if (minor > 0)
    first_year -= first_year % minor;
  else
    first_year -= first_year % step;
  first_year = MAX (first_year, 1);

  for (int year = first_year; year <= last_year; year++)
    {
      if (year % step == 0)
        add_tick (self, TREATIES_TIMELINE_TICK_YEAR, year, 1, TRUE, !month_labels, &last_label_end);
      else if (minor > 0 && year % minor == 0)
        add_tick (self, TREATIES_TIMELINE_TICK_MINOR_YEAR, year, 1, FALSE, FALSE, &last_label_end);

      if (months)
        for (int month = 2; month <= 12; month++)
          add_tick (self, TREATIES_TIMELINE_TICK_MONTH, year, month, month_labels, FALSE,
                    &last_label_end);
    }
}

static void
compute_eras (TreatiesTimelineLayout *self)
{
  const TreatiesTimelineFrame *frame = &self->frame;

  for (guint i = 0; i < self->n_eras; i++)
    {
      TreatiesTimelineEraBand band = { 0 };
      double x1, x2, visible_x1, visible_x2, text;

      if (self->era_rows[i] >= frame->n_era_rows)
        continue;

      x1 = treaties_timeline_layout_day_to_x (self, treaties_era_get_start (self->eras[i]));
      x2 = treaties_timeline_layout_day_to_x (self, treaties_era_get_end (self->eras[i]));
      if (x2 < 0 || x1 > self->width)
        continue;

      band.era_index = i;
      band.era = self->eras[i];
      band.row = self->era_rows[i];
      band.x = x1;
      band.width = MAX (x2 - x1, 1.0);
      band.y = frame->era_top + band.row * frame->era_row_spacing;
      band.height = frame->era_row_height;

      /* The title stays in the visible part of the band. */
      visible_x1 = MAX (x1, 0);
      visible_x2 = MIN (x2, self->width);
      text = era_title_width (self, i);
      band.label_x = visible_x1 + ERA_PAD_X;
      band.label_y = band.y + (band.height - self->line_height) / 2;
      band.label_width = MIN (text, visible_x2 - ERA_PAD_X - band.label_x);
      band.ellipsized = band.label_width < text;
      if (band.label_width < MIN_ERA_TEXT && band.label_width < text)
        band.label_width = 0;
      if (band.label_width <= 0)
        {
          band.label_width = 0;
          band.ellipsized = FALSE;
        }

      g_array_append_val (self->era_bands, band);
    }
}

/* The first event in [@from, @end) dated >= @day (@end if none): steps
 * doubling from @from, then a binary search, so that the next marker's
 * events, which lie near, are found in O(log distance) reads close
 * together rather than O(log n) across all the dates. */
static guint
gallop_lower_bound (TreatiesTimelineLayout *self,
                    guint                   from,
                    guint                   end,
                    double                  day)
{
  guint lo = from, hi, step = 1;

  while (lo + step < end && (double) self->dates[lo + step] < day)
    {
      lo += step;
      step *= 2;
    }
  hi = MIN (lo + step, end);
  TREATIES_LOWER_BOUND (lo, hi, mid, (double) self->dates[mid] < day);
  return lo;
}

static void
compute_markers (TreatiesTimelineLayout *self,
                 guint                   first,
                 guint                   end)
{
  guint i = first;

  while (i < end)
    {
      TreatiesTimelineMarker marker = { 0 };
      double x = treaties_timeline_layout_day_to_x (self, self->dates[i]);
      guint j = gallop_lower_bound (self, i, end,
                                    treaties_timeline_layout_x_to_day (self, x + MERGE_PIXELS));
      int h;

      /* Dates are whole days and the merge distance is positive, so j is
       * past every event on the same day: those always share a marker. */
      j = CLAMP (j, i + 1, end);

      marker.first = i;
      marker.n_events = j - i;
      marker.event_index = i;
      marker.x = x;
      marker.y = self->frame.axis_y;
      marker.radius = MARKER_RADIUS;
      h = first_highlighted_in (self, i, j - i);
      if (h >= 0)
        {
          marker.highlighted = TRUE;
          marker.event_index = h;
        }
      if (self->primary_index >= (int) i && self->primary_index < (int) j)
        {
          marker.primary = TRUE;
          marker.event_index = self->primary_index;
          marker.radius = PRIMARY_RADIUS;
        }
      if (self->selected >= (int) i && self->selected < (int) j)
        {
          marker.selected = TRUE;
          marker.event_index = self->selected;
        }

      g_array_append_val (self->markers, marker);
      i = j;
    }
}

/* The interval index. The spans, sorted by start, are read as a balanced
 * binary tree: the root of [lo, hi) is its middle, lo + (hi - lo) / 2, and
 * its subtrees the halves either side. Each root keeps its subtree's
 * latest end (and the first span that ends then) and earliest end.
 *
 * The spans that began before the view are taken together (see
 * place_spans_before_view()). Then a query walks the tree in start order
 * from the view's first day, into subtrees that can reach into the view
 * only, and stops at the first start after it; where a whole subtree would
 * join the shared lane's run (every span of it starts before the run ends
 * and while the other lanes are taken, and none is drawn apart), it joins
 * at once, without a visit to each span. So a frame costs about O(log n)
 * per bar drawn, however many spans run through the view. A sorted copy of
 * the ends counts how many ended before a day. */
static void
build_span_tree (TreatiesTimelineLayout *self,
                 guint                   lo,
                 guint                   hi)
{
  SpanNode *nodes = self->span_nodes, *node;
  guint mid;

  if (lo >= hi)
    return;
  mid = lo + (hi - lo) / 2;
  node = &nodes[mid];
  build_span_tree (self, lo, mid);
  build_span_tree (self, mid + 1, hi);

  node->max_at = mid;
  node->max_end = node->min_end = node->end;
  node->first_event = nodes[lo].event;
  node->last_event = nodes[hi - 1].event;
  node->last_start = nodes[hi - 1].start;
  /* On a tie, the earliest start: the one a visit in order meets first. */
  if (lo < mid)
    {
      const SpanNode *left = &nodes[lo + (mid - lo) / 2];

      if (left->max_end >= node->max_end)
        node->max_at = left->max_at, node->max_end = left->max_end;
      node->min_end = MIN (node->min_end, left->min_end);
    }
  if (mid + 1 < hi)
    {
      const SpanNode *right = &nodes[mid + 1 + (hi - mid - 1) / 2];

      if (right->max_end > node->max_end)
        node->max_at = right->max_at, node->max_end = right->max_end;
      node->min_end = MIN (node->min_end, right->min_end);
    }
}

/* The lanes as bars are placed, in start order. */
typedef struct {
  double first_day;
  double last_day;
  double lane_ends[MAX_BAR_LANES];
  int    last_run;     /* the shared lane's run ordinary bars join, or -1 */
  double run_end;      /* where that run ends (a bar drawn apart does not extend it) */
  TreatiesDay run_end_day;  /* and its day: the latest member, the first of equals */
} BarLanes;

static gboolean
is_strong (TreatiesTimelineLayout *self,
           guint                   index,
           gboolean               *out_highlighted)
{
  gboolean highlighted = self->highlighted->len > 0 && treaties_timeline_layout_is_highlighted (self, index);

  if (out_highlighted != NULL)
    *out_highlighted = highlighted;
  return highlighted || (int) index == self->primary_index || (int) index == self->selected;
}

static void
extend_run (TreatiesTimelineLayout *self,
            BarLanes               *lanes,
            guint                   k,
            guint                   n)
{
  TreatiesTimelineBar *run = &g_array_index (self->bars, TreatiesTimelineBar, lanes->last_run);
  const SpanNode *node = &self->span_nodes[k];
  double x = treaties_timeline_layout_day_to_x (self, node->start);
  double end_x = treaties_timeline_layout_day_to_x (self, node->end);

  /* Days, not x: rounding must not pick another of equal ends. */
  if (node->end > lanes->run_end_day)
    {
      lanes->run_end_day = node->end;
      run->width = end_x - run->x;
      run->open_end = (node->flags & SPAN_OPEN_END) != 0;
      run->fuzzy_end = (node->flags & SPAN_FUZZY_END) != 0;
    }
  run->n_events += n;
  lanes->run_end = MAX (lanes->run_end, MAX (end_x, x));
  lanes->lane_ends[MAX_BAR_LANES - 1] = MAX (lanes->lane_ends[MAX_BAR_LANES - 1], lanes->run_end);
}

static void
place_bar (TreatiesTimelineLayout *self,
           BarLanes               *lanes,
           guint                   k)
{
  const SpanNode *node = &self->span_nodes[k];
  guint index = node->event;
  guint8 flags = node->flags;
  TreatiesTimelineBar bar = { 0 };
  gboolean highlighted, strong;
  guint lane = 0;

  bar.x = treaties_timeline_layout_day_to_x (self, node->start);
  bar.width = treaties_timeline_layout_day_to_x (self, node->end) - bar.x;
  strong = is_strong (self, index, &highlighted);
  while (lane + 1 < MAX_BAR_LANES && lanes->lane_ends[lane] + BAR_GAP_X > bar.x)
    lane++;

  /* In the shared lane, an ordinary bar that overlaps the run before it
   * joins it: one bar for a crowd of them, so that a frame holds what
   * can be seen, not how many spans there are. */
  if (lane == MAX_BAR_LANES - 1 && lanes->last_run >= 0 && lanes->run_end >= bar.x && !strong)
    {
      extend_run (self, lanes, k, 1);
      return;
    }

  bar.event_index = index;
  bar.n_events = 1;
  bar.lane = lane;
  bar.height = BAR_HEIGHT;
  bar.y = self->frame.axis_y - BAR_HEIGHT / 2 - lane * (BAR_HEIGHT + BAR_LANE_GAP);
  bar.open_start = (flags & SPAN_OPEN_START) != 0;
  bar.open_end = (flags & SPAN_OPEN_END) != 0;
  bar.fuzzy_start = (flags & SPAN_FUZZY_START) != 0;
  bar.fuzzy_end = (flags & SPAN_FUZZY_END) != 0;
  bar.primary = (int) index == self->primary_index;
  bar.selected = (int) index == self->selected;
  bar.highlighted = highlighted;
  lanes->lane_ends[lane] = MAX (lanes->lane_ends[lane], bar.x + bar.width);
  g_array_append_val (self->bars, bar);
  /* A bar drawn apart lies over the run and leaves it going. */
  if (lane == MAX_BAR_LANES - 1 && !strong)
    {
      lanes->last_run = (int) self->bars->len - 1;
      lanes->run_end = bar.x + bar.width;
      lanes->run_end_day = node->end;
    }
}

/* Whether spans [@lo, @hi) would all join the run, one after another. */
static gboolean
subtree_joins_run (TreatiesTimelineLayout *self,
                   BarLanes               *lanes,
                   const SpanNode         *root)
{
  guint first_event = root->first_event, last_event = root->last_event;
  double last_x;

  if (lanes->last_run < 0 || root->min_end < lanes->first_day || root->last_start > lanes->last_day)
    return FALSE;
  /* The latest start must find the other lanes taken and the run going. */
  last_x = treaties_timeline_layout_day_to_x (self, root->last_start);
  if (lanes->run_end < last_x)
    return FALSE;
  for (guint l = 0; l + 1 < MAX_BAR_LANES; l++)
    if (lanes->lane_ends[l] + BAR_GAP_X <= last_x)
      return FALSE;
  /* None of them drawn apart. */
  if ((self->primary_index >= (int) first_event && self->primary_index <= (int) last_event) ||
      (self->selected >= (int) first_event && self->selected <= (int) last_event) ||
      first_highlighted_in (self, first_event, last_event - first_event + 1) >= 0)
    return FALSE;
  return TRUE;
}

/* Places the spans of [@lo, @hi) that start at @from or later and reach
 * into the view; the implicit tree's subtree over [@lo, @hi). */
static void
visit_spans (TreatiesTimelineLayout *self,
             BarLanes               *lanes,
             guint                   lo,
             guint                   hi,
             guint                   from)
{
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      const SpanNode *node = &self->span_nodes[mid];

      if (node->max_end < lanes->first_day)
        return;
      if (mid < from)
        {
          lo = mid + 1;
          continue;
        }
      if (lo >= from && hi - lo > 1 && subtree_joins_run (self, lanes, node))
        {
          extend_run (self, lanes, node->max_at, hi - lo);
          return;
        }
      visit_spans (self, lanes, lo, mid, from);
      if (node->start > lanes->last_day)
        return;
      if (node->end >= lanes->first_day)
        place_bar (self, lanes, mid);
      lo = mid + 1;
    }
}

/* The first span of [@from, @to) whose end reaches @day, or G_MAXUINT;
 * the subtrees' latest ends lead the way. */
static guint
first_reaching (TreatiesTimelineLayout *self,
                guint                   lo,
                guint                   hi,
                guint                   from,
                guint                   to,
                double                  day)
{
  while (lo < hi && hi > from && lo < to)
    {
      guint mid = lo + (hi - lo) / 2, found;
      const SpanNode *node = &self->span_nodes[mid];

      if (node->max_end < day)
        return G_MAXUINT;
      found = first_reaching (self, lo, mid, from, to, day);
      if (found != G_MAXUINT)
        return found;
      if (mid >= from && mid < to && node->end >= day)
        return mid;
      lo = mid + 1;
    }
  return G_MAXUINT;
}

/* The span of [@from, @to) with the latest end (the first of equals), or
 * G_MAXUINT when the range is empty. */
static guint
latest_end_in (TreatiesTimelineLayout *self,
               guint                   lo,
               guint                   hi,
               guint                   from,
               guint                   to)
{
  const SpanNode *nodes = self->span_nodes;
  guint mid, best = G_MAXUINT, candidates[3];

  if (lo >= hi || hi <= from || lo >= to)
    return G_MAXUINT;
  mid = lo + (hi - lo) / 2;
  if (from <= lo && hi <= to)
    return nodes[mid].max_at;
  candidates[0] = latest_end_in (self, lo, mid, from, to);
  candidates[1] = mid >= from && mid < to ? mid : G_MAXUINT;
  candidates[2] = latest_end_in (self, mid + 1, hi, from, to);
  for (guint c = 0; c < G_N_ELEMENTS (candidates); c++)
    if (candidates[c] != G_MAXUINT && (best == G_MAXUINT || nodes[candidates[c]].end > nodes[best].end))
      best = candidates[c];
  return best;
}

/* The span whose event is @index, or G_MAXUINT. */
static guint
span_of_event (TreatiesTimelineLayout *self,
               int                     index)
{
  guint lo = 0, hi = self->n_spans;

  if (index < 0)
    return G_MAXUINT;
  TREATIES_LOWER_BOUND (lo, hi, mid, self->span_nodes[mid].event < (guint) index);
  return lo < self->n_spans && self->span_nodes[lo].event == (guint) index ? lo : G_MAXUINT;
}

/* The spans that began before the view [0, @p) and still run in it.
 *
 * Every one of them starts left of the view and ends in it or after, so
 * each finds every lane but the shared one taken once the first few are
 * placed, and then joins the shared lane's run unless it is drawn apart.
 * So: the first few are placed one by one; then the rest join the run at
 * once, counted as how many of all spans began before the view less how
 * many ended before it (two binary searches), the run reaching as far as
 * the latest of them (a range query on the tree), and only those drawn
 * apart (the article's own event, the selected, the section's) are
 * visited. A view in the middle of 100,000 long spans costs O(log n),
 * not a visit to each. */
static void
place_spans_before_view (TreatiesTimelineLayout *self,
                         BarLanes               *lanes,
                         guint                   p)
{
  g_autoptr(GArray) apart = NULL;
  guint lo = 0, hi = self->n_spans, reaching, placed = 0, i = 0, n_apart, members, latest = G_MAXUINT, from;

  TREATIES_LOWER_BOUND (lo, hi, mid, (double) self->span_ends[mid] < lanes->first_day);
  g_assert (lo <= p);
  reaching = p - lo;

  /* One by one until the run is going and the other lanes are taken. */
  while (placed < reaching)
    {
      guint k = first_reaching (self, 0, self->n_spans, i, p, lanes->first_day);
      gboolean taken = lanes->last_run >= 0;

      g_assert (k != G_MAXUINT);
      for (guint l = 0; l + 1 < MAX_BAR_LANES; l++)
        taken = taken && lanes->lane_ends[l] + BAR_GAP_X > treaties_timeline_layout_day_to_x (self, self->span_nodes[k].start);
      if (taken)
        break;
      place_bar (self, lanes, k);
      placed++;
      i = k + 1;
    }
  if (placed == reaching)
    return;

  /* The rest: those drawn apart one by one, in start order... */
  apart = g_array_new (FALSE, FALSE, sizeof (guint));
  {
    guint candidates[2] = { span_of_event (self, self->primary_index), span_of_event (self, self->selected) };
    guint last_event = p < self->n_spans ? self->span_nodes[p].event : self->n_events;

    for (guint c = 0; c < G_N_ELEMENTS (candidates); c++)
      g_array_append_val (apart, candidates[c]);
    for (guint h = 0; h < self->highlighted->len && g_array_index (self->highlighted, guint, h) < last_event; h++)
      {
        guint k = span_of_event (self, (int) g_array_index (self->highlighted, guint, h));

        g_array_append_val (apart, k);
      }
  }
  g_array_sort (apart, compare_guint);
  n_apart = 0;
  for (guint a = 0; a < apart->len; a++)
    {
      guint k = g_array_index (apart, guint, a);

      if (k == G_MAXUINT || k < i || k >= p || (double) self->span_nodes[k].end < lanes->first_day ||
          (n_apart > 0 && g_array_index (apart, guint, n_apart - 1) == k))
        continue;
      g_array_index (apart, guint, n_apart++) = k;
    }
  for (guint a = 0; a < n_apart; a++)
    place_bar (self, lanes, g_array_index (apart, guint, a));

  /* ...and every other one joins the run, which reaches as far as the
   * latest of them. */
  members = reaching - placed - n_apart;
  if (members == 0)
    return;
  from = i;
  for (guint a = 0; a <= n_apart; a++)
    {
      guint to = a < n_apart ? g_array_index (apart, guint, a) : p;
      guint k = latest_end_in (self, 0, self->n_spans, from, to);

      if (k != G_MAXUINT && (latest == G_MAXUINT || self->span_nodes[k].end > self->span_nodes[latest].end))
        latest = k;
      from = to + 1;
    }
  g_assert (latest != G_MAXUINT);
  extend_run (self, lanes, latest, members);
}

/* Bars of the events longer than a day that reach into
 * [@first_day, @last_day], in lanes, found by the interval index. */
static void
compute_bars (TreatiesTimelineLayout *self,
              double                  first_day,
              double                  last_day)
{
  BarLanes lanes = { first_day, last_day, { 0 }, -1, -G_MAXDOUBLE, 0 };
  guint p = 0, hi = self->n_spans;

  for (guint l = 0; l < MAX_BAR_LANES; l++)
    lanes.lane_ends[l] = -G_MAXDOUBLE;

  if (self->plain_bars)
    {
      for (guint k = 0; k < self->n_spans && self->span_nodes[k].start <= last_day; k++)
        if (self->span_nodes[k].end >= first_day)
          place_bar (self, &lanes, k);
      return;
    }

  TREATIES_LOWER_BOUND (p, hi, mid, (double) self->span_nodes[mid].start < first_day);
  place_spans_before_view (self, &lanes, p);
  visit_spans (self, &lanes, 0, self->n_spans, p);
}

/* Label placement.
 *
 * A label is a box in a row above the axis, joined to its marker by a
 * vertical leader line at the marker's x (the anchor), which always lies
 * inside the box. Labels of a row never overlap, and no leader line runs
 * through another label: a label must not cover the anchor of a label in a
 * higher row (whose leader passes down through it).
 *
 * So a label high up costs its neighbours little (labels below only have to
 * step round its anchor, a point), while one on the lowest row hides every
 * anchor it covers. The labels are placed:
 *
 *  1. priority labels (the article's own event, the current section's),
 *     whole, each in the highest row that takes it, so that they are never
 *     shortened for ordinary ones yet leave the rows below them open;
 *  2. ordinary labels whole, right to left: starting at their anchor in the
 *     lowest row with room (close events climb as a staircase, each leader
 *     passing left of the labels below), else reaching back left of the
 *     anchor as little as needed (low if that covers no other marker, else
 *     high); twice, as labels dropping lower (4) leave room, and then
 *     moving one label out of the way of another where it can go elsewhere;
 *  3. what is left, shortened into the row with the most room, if that is
 *     at least MIN_LABEL_TEXT (otherwise the tooltip and the focus caption
 *     have it);
 *  4. then every label drops to the lowest row it can, so leaders are short
 *     and labels sit near their markers.
 *
 * A label therefore takes a free row before it is shortened. Each row keeps
 * its boxes sorted by x, so every test is a binary search: the cost is
 * O(rows² × markers in view × log labels), and titles are measured only
 * where there is room for a label. */

typedef struct {
  double x1;
  double x2;
  double anchor;
  guint  label;     /* index in self->labels */
} LabelBox;

/* What lies around an anchor in each row. */
typedef struct {
  gboolean covered;      /* a box of this row is (nearly) on the anchor */
  double   prev_end;     /* right edge of the box before the anchor, or -inf */
  double   next_start;   /* left edge of the box after it, or +inf */
  double   prev_anchor;  /* anchor of the box before it, or -inf */
  double   next_anchor;  /* anchor of the box after it, or +inf */
} RowProbe;

/* Where a label may go in one row: its box lies in [lo, hi] and starts at
 * x (at its anchor if it can). */
typedef struct {
  gboolean blocked;
  double   lo;
  double   hi;
  double   x;
} RowRoom;

/* First box in @row whose x1 is >= @x. */
static guint
label_row_lower_bound (GArray *row,
                       double  x)
{
  guint lo = 0, hi = row->len;

  TREATIES_LOWER_BOUND (lo, hi, mid, g_array_index (row, LabelBox, mid).x1 < x);
  return lo;
}

/* Whether a box of @row other than label @ignore reaches into (lo, hi). */
static gboolean
label_row_overlaps (GArray *row,
                    double  lo,
                    double  hi,
                    int     ignore)
{
  guint i = label_row_lower_bound (row, lo);

  /* Boxes are disjoint: only the one just before can reach in from the left. */
  if (i > 0)
    {
      const LabelBox *box = &g_array_index (row, LabelBox, i - 1);

      if (box->x2 > lo && (int) box->label != ignore)
        return TRUE;
    }
  for (; i < row->len && g_array_index (row, LabelBox, i).x1 < hi; i++)
    if ((int) g_array_index (row, LabelBox, i).label != ignore)
      return TRUE;
  return FALSE;
}

/* First box in @row whose anchor is > @x (anchors are in order too). */
static guint
label_row_anchor_upper_bound (GArray *row,
                              double  x)
{
  guint lo = 0, hi = row->len;

  TREATIES_LOWER_BOUND (lo, hi, mid, g_array_index (row, LabelBox, mid).anchor <= x);
  return lo;
}

/* Whether the anchor of a box of @row other than label @ignore lies in (lo, hi). */
static gboolean
label_row_has_anchor (GArray *row,
                      double  lo,
                      double  hi,
                      int     ignore)
{
  guint a = label_row_anchor_upper_bound (row, lo);

  for (; a < row->len && g_array_index (row, LabelBox, a).anchor < hi; a++)
    if ((int) g_array_index (row, LabelBox, a).label != ignore)
      return TRUE;
  return FALSE;
}

/* The bounds of a label at @anchor: LABEL_EDGE in from the figure's ends,
 * unless its marker is nearer the end than that (an event scrolling out of
 * view), as the label must reach its leader line. */
static double
label_lo (double anchor)
{
  return MIN (LABEL_EDGE, MAX (anchor - LEADER_INSET, 0));
}

static double
label_hi (TreatiesTimelineLayout *self,
          double                  anchor)
{
  return MAX (self->width - LABEL_EDGE, MIN (anchor + LEADER_INSET, self->width));
}

/* Whether a box [x, x + width] for @anchor may go in @row, all labels
 * but @ignore being where they are. */
static gboolean
label_box_fits (TreatiesTimelineLayout *self,
                guint                   row,
                double                  anchor,
                double                  x,
                double                  width,
                int                     ignore)
{
  guint n_rows = self->frame.n_label_rows;

  if (x < label_lo (anchor) - 1e-6 || x + width > label_hi (self, anchor) + 1e-6 ||
      anchor < x - 1e-6 || anchor > x + width + 1e-6)
    return FALSE;
  if (label_row_overlaps (self->label_rows[row], x - LABEL_GAP, x + width + LABEL_GAP, ignore))
    return FALSE;
  /* No leader from above runs through it... */
  for (guint r = row + 1; r < n_rows; r++)
    if (label_row_has_anchor (self->label_rows[r], x - LEADER_CLEAR, x + width + LEADER_CLEAR, ignore))
      return FALSE;
  /* ...and its own leader runs through no label below. */
  for (guint r = 0; r < row; r++)
    if (label_row_overlaps (self->label_rows[r], anchor - LEADER_CLEAR, anchor + LEADER_CLEAR, ignore))
      return FALSE;
  return TRUE;
}

/* The room in each row for a label at @anchor. */
static void
label_rooms (TreatiesTimelineLayout *self,
             double                  anchor,
             RowRoom                *rooms)
{
  guint n_rows = self->frame.n_label_rows;
  RowProbe probes[MAX_LABEL_ROWS];
  double above_lo = -G_MAXDOUBLE, above_hi = G_MAXDOUBLE;
  gboolean below_covered = FALSE;

  for (guint r = 0; r < n_rows; r++)
    {
      GArray *row = self->label_rows[r];
      guint i = label_row_lower_bound (row, anchor);
      guint j = label_row_anchor_upper_bound (row, anchor);
      RowProbe *p = &probes[r];

      p->covered = FALSE;
      p->prev_end = p->prev_anchor = -G_MAXDOUBLE;
      p->next_start = p->next_anchor = G_MAXDOUBLE;
      if (i > 0)
        {
          const LabelBox *box = &g_array_index (row, LabelBox, i - 1);

          p->prev_end = box->x2;
          p->covered = box->x2 + LEADER_CLEAR > anchor;
        }
      if (i < row->len)
        {
          const LabelBox *box = &g_array_index (row, LabelBox, i);

          p->next_start = box->x1;
          p->covered = p->covered || box->x1 - LEADER_CLEAR < anchor;
        }
      /* A box that reaches back left of its anchor may cover this anchor
       * from either side: anchors are looked up on their own. */
      if (j > 0)
        p->prev_anchor = g_array_index (row, LabelBox, j - 1).anchor;
      if (j < row->len)
        p->next_anchor = g_array_index (row, LabelBox, j).anchor;
    }

  /* Leaders of higher rows bound a row... */
  for (guint r = n_rows; r-- > 0;)
    {
      RowRoom *room = &rooms[r];

      room->lo = MAX (MAX (probes[r].prev_end + LABEL_GAP, above_lo + LEADER_CLEAR), label_lo (anchor));
      room->hi = MIN (MIN (probes[r].next_start - LABEL_GAP, above_hi - LEADER_CLEAR), label_hi (self, anchor));
      above_lo = MAX (above_lo, probes[r].prev_anchor);
      above_hi = MIN (above_hi, probes[r].next_anchor);
    }
  /* ...and the label's own leader crosses the rows below it. */
  for (guint r = 0; r < n_rows; r++)
    {
      RowRoom *room = &rooms[r];

      room->x = MAX (anchor - LEADER_INSET, room->lo);
      room->blocked = below_covered || room->x > anchor || room->hi < anchor;
      below_covered = below_covered || probes[r].covered;
    }
}

/* Where a whole box @width wide for @anchor starts: at the anchor, or
 * reaching back just enough to end at the right edge. */
static double
label_natural_x (TreatiesTimelineLayout *self,
                 double                  anchor,
                 double                  width)
{
  double x = MAX (anchor - LEADER_INSET, label_lo (anchor));

  if (x + width > label_hi (self, anchor))
    x = MAX (label_hi (self, anchor) - width, label_lo (anchor));
  return x;
}

static void
label_row_insert (TreatiesTimelineLayout *self,
                  guint                   row,
                  guint                   index)
{
  const TreatiesTimelineLabel *label = &g_array_index (self->labels, TreatiesTimelineLabel, index);
  LabelBox box = { label->x, label->x + label->width, label->anchor_x, index };

  g_array_insert_val (self->label_rows[row], label_row_lower_bound (self->label_rows[row], box.x1), box);
}

static void
label_row_remove (TreatiesTimelineLayout *self,
                  guint                   row,
                  guint                   index)
{
  GArray *boxes = self->label_rows[row];
  const TreatiesTimelineLabel *label = &g_array_index (self->labels, TreatiesTimelineLabel, index);
  guint i = label_row_lower_bound (boxes, label->x);

  g_assert (i < boxes->len && g_array_index (boxes, LabelBox, i).label == index);
  g_array_remove_index (boxes, i);
}

static void
add_label (TreatiesTimelineLayout       *self,
           const TreatiesTimelineMarker *marker,
           guint                         row,
           double                        x,
           double                        width,
           double                        natural)
{
  TreatiesTimelineLabel label = { 0 };

  label.event_index = marker->event_index;
  label.anchor_x = marker->x;
  label.priority = marker->selected || marker->primary || marker->highlighted;
  label.row = row;
  label.x = x;
  label.width = width;
  label.text_x = x + LABEL_PAD_X;
  label.text_width = width - 2 * LABEL_PAD_X;
  label.ellipsized = label.text_width < natural - 0.01;
  if (!label.ellipsized)
    label.text_width = natural;
  label.flipped = x < marker->x - LEADER_INSET - 0.5;
  g_array_append_val (self->labels, label);
  label_row_insert (self, row, self->labels->len - 1);
}

/* Whether any row has room for the shortest label at @anchor: the cheap
 * test before measuring a title. */
static gboolean
label_has_room (TreatiesTimelineLayout *self,
                const RowRoom          *rooms)
{
  for (guint r = 0; r < self->frame.n_label_rows; r++)
    if (!rooms[r].blocked && rooms[r].hi - rooms[r].lo >= MIN_LABEL_TEXT + 2 * LABEL_PAD_X)
      return TRUE;
  return FALSE;
}

/* The whole width of the label of @marker (its box, text and padding). */
static double
label_natural_width (TreatiesTimelineLayout       *self,
                     const TreatiesTimelineMarker *marker,
                     double                       *out_natural)
{
  double natural = title_width (self, marker->event_index);

  *out_natural = natural;
  return MIN (natural + 2 * LABEL_PAD_X, self->width - 2 * LABEL_EDGE);
}

/* Where a box @width wide for @anchor starts in row @r if it reaches back
 * left of its anchor as little as the room on its right needs. */
static double
slid_x (const RowRoom *rooms,
        guint          r,
        double         anchor,
        double         width)
{
  return MAX (rooms[r].lo, MIN (anchor - LEADER_INSET, rooms[r].hi - width));
}

/* Shortened into the row with the most room; FALSE if none has enough. */
static gboolean
place_shortened (TreatiesTimelineLayout       *self,
                 const TreatiesTimelineMarker *marker)
{
  RowRoom rooms[MAX_LABEL_ROWS];
  double natural, width, best = 0, best_x = 0;
  int row = -1;

  label_rooms (self, marker->x, rooms);
  if (!label_has_room (self, rooms))
    return FALSE;
  width = label_natural_width (self, marker, &natural);

  for (guint r = 0; r < self->frame.n_label_rows; r++)
    {
      double room, x;

      if (rooms[r].blocked)
        continue;
      x = rooms[r].x;
      room = MIN (rooms[r].hi - x, width);
      /* Near the right edge the box may reach back left of its anchor. */
      if (rooms[r].hi >= label_hi (self, marker->x) - 0.5 && rooms[r].hi - rooms[r].lo > room)
        {
          room = MIN (rooms[r].hi - rooms[r].lo, width);
          x = MIN (x, rooms[r].hi - room);
        }
      if (room >= MIN (MIN_LABEL_TEXT + 2 * LABEL_PAD_X, width) && room > best + 0.5)
        {
          best = room;
          best_x = x;
          row = r;
        }
    }
  if (row < 0)
    return FALSE;

  add_label (self, marker, row, best_x, best, natural);
  return TRUE;
}

static int
compare_labels_by_anchor (gconstpointer a,
                          gconstpointer b)
{
  double x = ((const TreatiesTimelineLabel *) a)->anchor_x;
  double y = ((const TreatiesTimelineLabel *) b)->anchor_x;

  return (x > y) - (x < y);
}

/* The labels in the way of a box [x, x + width] for @anchor in @row: up to
 * @max of them into @out (indices in self->labels). FALSE if more. */
static gboolean
label_conflicts (TreatiesTimelineLayout *self,
                 guint                   row,
                 double                  anchor,
                 double                  x,
                 double                  width,
                 guint                  *out,
                 guint                   max,
                 guint                  *n_out)
{
  guint n = 0;

  for (guint r = 0; r < self->frame.n_label_rows; r++)
    {
      GArray *boxes = self->label_rows[r];
      double lo, hi;
      guint i;

      if (r == row)
        {
          lo = x - LABEL_GAP;
          hi = x + width + LABEL_GAP;
        }
      else if (r < row)
        {
          lo = anchor - LEADER_CLEAR;
          hi = anchor + LEADER_CLEAR;
        }
      else
        {
          /* Leaders from above: anchors in the box. */
          for (i = label_row_anchor_upper_bound (boxes, x - LEADER_CLEAR);
               i < boxes->len && g_array_index (boxes, LabelBox, i).anchor < x + width + LEADER_CLEAR;
               i++)
            {
              if (n == max)
                return FALSE;
              out[n++] = g_array_index (boxes, LabelBox, i).label;
            }
          continue;
        }

      i = label_row_lower_bound (boxes, lo);
      if (i > 0)
        i--;
      for (; i < boxes->len && g_array_index (boxes, LabelBox, i).x1 < hi; i++)
        if (g_array_index (boxes, LabelBox, i).x2 > lo)
          {
            if (n == max)
              return FALSE;
            out[n++] = g_array_index (boxes, LabelBox, i).label;
          }
    }
  *n_out = n;
  return TRUE;
}

/* Whether a box starting at @x, left of its anchor, covers the anchor of
 * another marker (whose label would then have to go below it). */
static gboolean
covers_other_markers (TreatiesTimelineLayout *self,
                      double                  x,
                      double                  anchor)
{
  guint lo = 0, hi = self->markers->len;

  TREATIES_LOWER_BOUND (lo, hi, mid, g_array_index (self->markers, TreatiesTimelineMarker, mid).x < x - LEADER_CLEAR);
  return lo < self->markers->len &&
         g_array_index (self->markers, TreatiesTimelineMarker, lo).x < anchor - MERGE_PIXELS / 2;
}

/* Places the label of marker @m whole where nothing is in its way:
 * starting at its anchor as low as it can (a cluster climbs as a staircase,
 * each leader passing left of the labels below), else reaching back left
 * of it as little as needed, as high as it can (where the anchors it covers
 * can still have labels below it). */
static gboolean
place_whole_one (TreatiesTimelineLayout *self,
                 guint                   m)
{
  const TreatiesTimelineMarker *marker = &g_array_index (self->markers, TreatiesTimelineMarker, m);
  guint n_rows = self->frame.n_label_rows;
  RowRoom rooms[MAX_LABEL_ROWS];
  double natural, width, x;

  label_rooms (self, marker->x, rooms);
  if (!label_has_room (self, rooms))
    return FALSE;
  width = label_natural_width (self, marker, &natural);

  /* (Near the right edge it cannot start at its anchor: then it is one
   * that reaches back.) */
  x = label_natural_x (self, marker->x, width);
  for (guint r = 0; r < n_rows && x >= marker->x - LEADER_INSET - 0.5; r++)
    if (!rooms[r].blocked && x >= rooms[r].lo - 1e-6 && x + width <= rooms[r].hi + 1e-6)
      {
        add_label (self, marker, r, x, width, natural);
        return TRUE;
      }

  /* Reaching back over no other marker, it may go low; over others, it
   * goes high, so that their labels can go below it. */
  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < n_rows; i++)
      {
        guint r = pass == 0 ? i : n_rows - 1 - i;

        x = slid_x (rooms, r, marker->x, width);
        if (!rooms[r].blocked && x <= marker->x && x + width >= marker->x && x + width <= rooms[r].hi + 1e-6 &&
            (pass == 1 || !covers_other_markers (self, x, marker->x)))
          {
            add_label (self, marker, r, x, width, natural);
            return TRUE;
          }
      }
  return FALSE;
}

/* Ordinary labels, whole, right to left. */
static void
place_whole (TreatiesTimelineLayout *self,
             gboolean               *placed)
{
  for (guint m = self->markers->len; m-- > 0;)
    if (!placed[m] && g_array_index (self->markers, TreatiesTimelineMarker, m).n_events == 1)
      placed[m] = place_whole_one (self, m);
}

/* Index in self->markers of the marker of @event_index (one event). */
static guint
marker_of_event (TreatiesTimelineLayout *self,
                 guint                   event_index)
{
  guint lo = 0, hi = self->markers->len;

  TREATIES_LOWER_BOUND (lo, hi, mid,
                        g_array_index (self->markers, TreatiesTimelineMarker, mid).first +
                        g_array_index (self->markers, TreatiesTimelineMarker, mid).n_events <= event_index);
  return lo;
}

/* Labels marker @m whole by moving one ordinary label that is in its way
 * elsewhere, whole too; TRUE if that worked (one label more). */
static gboolean
place_by_moving_one (TreatiesTimelineLayout *self,
                     guint                   m)
{
  const TreatiesTimelineMarker *marker = &g_array_index (self->markers, TreatiesTimelineMarker, m);
  guint n_rows = self->frame.n_label_rows;
  double natural, width, xs[2];

  width = label_natural_width (self, marker, &natural);
  xs[0] = label_natural_x (self, marker->x, width);
  xs[1] = MAX (marker->x + LEADER_INSET - width, label_lo (marker->x));

  for (guint k = 0; k < G_N_ELEMENTS (xs); k++)
    for (guint r = 0; r < n_rows; r++)
      {
        TreatiesTimelineLabel *other;
        guint conflict, n, other_row, other_marker;
        double other_width;

        /* (At the figure's ends the box may not reach its marker, or
         * stay in the figure.) */
        if (marker->x < xs[k] || marker->x > xs[k] + width ||
            xs[k] < label_lo (marker->x) - 1e-6 || xs[k] + width > label_hi (self, marker->x) + 1e-6 ||
            !label_conflicts (self, r, marker->x, xs[k], width, &conflict, 1, &n) || n != 1)
          continue;
        other = &g_array_index (self->labels, TreatiesTimelineLabel, conflict);
        if (other->priority || other->ellipsized)
          continue;

        /* Take it out, put this one in, and find the other a new place. */
        other_row = other->row;
        other_width = other->width;
        other_marker = marker_of_event (self, other->event_index);
        label_row_remove (self, other_row, conflict);
        add_label (self, marker, r, xs[k], width, natural);
        g_array_index (self->labels, TreatiesTimelineLabel, conflict).width = 0;
        if (place_whole_one (self, other_marker))
          return TRUE;

        /* No: as it was. */
        label_row_remove (self, r, self->labels->len - 1);
        g_array_set_size (self->labels, self->labels->len - 1);
        other = &g_array_index (self->labels, TreatiesTimelineLabel, conflict);
        other->width = other_width;
        label_row_insert (self, other_row, conflict);
      }
  return FALSE;
}

/* Every label as low as it can go. */
static void
drop_labels (TreatiesTimelineLayout *self)
{
  guint n_rows = self->frame.n_label_rows;

  for (guint s = 1; s < n_rows; s++)
    for (guint i = 0; i < self->label_rows[s]->len;)
      {
        guint index = g_array_index (self->label_rows[s], LabelBox, i).label;
        TreatiesTimelineLabel *label = &g_array_index (self->labels, TreatiesTimelineLabel, index);
        gboolean moved = FALSE;

        for (guint r = 0; r < s && !moved; r++)
          if (label_box_fits (self, r, label->anchor_x, label->x, label->width, index))
            {
              label_row_remove (self, s, index);
              label->row = r;
              label_row_insert (self, r, index);
              moved = TRUE;
            }
        if (!moved)
          i++;
      }
}

/* A priority label, whole if it can be, as high as it goes. */
static gboolean
place_priority (TreatiesTimelineLayout *self,
                guint                   m)
{
  const TreatiesTimelineMarker *marker = &g_array_index (self->markers, TreatiesTimelineMarker, m);
  double natural, width, x, flipped_x;

  width = label_natural_width (self, marker, &natural);
  x = label_natural_x (self, marker->x, width);
  flipped_x = MAX (marker->x + LEADER_INSET - width, label_lo (marker->x));
  for (guint r = self->frame.n_label_rows; r-- > 0;)
    {
      RowRoom rooms[MAX_LABEL_ROWS];
      double x2;

      label_rooms (self, marker->x, rooms);
      x2 = slid_x (rooms, r, marker->x, width);
      if (label_box_fits (self, r, marker->x, x, width, -1))
        add_label (self, marker, r, x, width, natural);
      else if (x2 <= marker->x && x2 + width >= marker->x &&
               label_box_fits (self, r, marker->x, x2, width, -1))
        add_label (self, marker, r, x2, width, natural);
      else if (label_box_fits (self, r, marker->x, flipped_x, width, -1))
        add_label (self, marker, r, flipped_x, width, natural);
      else
        continue;
      return TRUE;
    }
  return place_shortened (self, marker);
}

/* Which pass of step 1 places the label of @marker: -1 for none. */
static int
label_rank (const TreatiesTimelineMarker *marker)
{
  if (marker->selected)
    return 2;
  if (marker->primary)
    return 1;
  if (marker->highlighted)
    return 0;
  return -1;
}

static void
compute_labels (TreatiesTimelineLayout *self)
{
  const TreatiesTimelineFrame *frame = &self->frame;
  guint n_rows = MIN (frame->n_label_rows, MAX_LABEL_ROWS);
  g_autofree gboolean *placed = NULL;
  guint n_markers = self->markers->len;
  guint out = 0;
  gboolean missing = FALSE;

  if (n_rows == 0 || n_markers == 0)
    return;
  for (guint r = 0; r < n_rows; r++)
    g_array_set_size (self->label_rows[r], 0);
  placed = g_new0 (gboolean, n_markers);
  /* Events outside the labelled days count as done. */
  for (guint m = 0; m < n_markers; m++)
    {
      TreatiesDay date = self->dates[g_array_index (self->markers, TreatiesTimelineMarker, m).first];

      placed[m] = date < self->label_first_day || date > self->label_last_day;
    }

  /* 1. Priority labels, whole, right to left, as high as they go:
   *    starting at their anchor, else reaching back left of it as little
   *    as needed, else ending at it. The event chosen first, then the
   *    article's own, then the current section's: each never gives way to
   *    one after it. A marker that holds several events is labelled here
   *    only, for the one of them it stands for. */
  for (int rank = 2; rank >= 0; rank--)
    for (guint m = n_markers; m-- > 0;)
      if (!placed[m] && label_rank (&g_array_index (self->markers, TreatiesTimelineMarker, m)) == rank)
        placed[m] = place_priority (self, m);

  /*    Those that found no room high up may find it once the others have
   *    dropped as low as they go: before any ordinary label can take it. */
  for (guint m = 0; m < n_markers; m++)
    missing = missing || (!placed[m] && label_rank (&g_array_index (self->markers, TreatiesTimelineMarker, m)) >= 0);
  if (missing)
    drop_labels (self);
  for (int rank = 2; rank >= 0 && missing; rank--)
    for (guint m = n_markers; m-- > 0;)
      if (!placed[m] && label_rank (&g_array_index (self->markers, TreatiesTimelineMarker, m)) == rank)
        placed[m] = place_whole_one (self, m) ||
                    place_shortened (self, &g_array_index (self->markers, TreatiesTimelineMarker, m));

  /* 2. Ordinary labels, whole; labels dropping lower (4) can leave room
   *    for more, and a label in the way of one can often go elsewhere. */
  place_whole (self, placed);
  drop_labels (self);
  place_whole (self, placed);
  for (guint m = n_markers; m-- > 0;)
    if (!placed[m] && g_array_index (self->markers, TreatiesTimelineMarker, m).n_events == 1)
      placed[m] = place_by_moving_one (self, m);

  /* 3. The rest, shortened where there is room. */
  for (guint m = n_markers; m-- > 0;)
    if (!placed[m] && g_array_index (self->markers, TreatiesTimelineMarker, m).n_events == 1)
      placed[m] = place_shortened (self, &g_array_index (self->markers, TreatiesTimelineMarker, m));

  /* 4. Every label as low as it can go. */
  drop_labels (self);

  /* Labels that moved left an empty entry behind. */
  for (guint i = 0; i < self->labels->len; i++)
    if (g_array_index (self->labels, TreatiesTimelineLabel, i).width > 0)
      g_array_index (self->labels, TreatiesTimelineLabel, out++) = g_array_index (self->labels, TreatiesTimelineLabel, i);
  g_array_set_size (self->labels, out);

  for (guint i = 0; i < self->labels->len; i++)
    {
      TreatiesTimelineLabel *label = &g_array_index (self->labels, TreatiesTimelineLabel, i);

      label->height = self->line_height + 4;
      label->y = frame->axis_y - LABEL_TO_AXIS - label->height - label->row * frame->label_row_height;
    }
  g_array_sort (self->labels, compare_labels_by_anchor);
}

/* Badges.
 *
 * Once labels are placed, the markers in the labelled days that got none
 * gather, left to right, into badges: a marker joins the badge being made
 * if no labelled marker lies between, it is within BADGE_GATHER pixels of
 * the last one, and the badge's markers would spread over no more than
 * BADGE_MAX_SPREAD (so that expanding one zooms in by a useful factor).
 * A badge's pill is centred over its markers; one that would overlap the
 * badge before it moves right, or, if that would take it past the end of
 * the figure, joins it. O(markers in view). */

static gboolean
marker_is_labelled (TreatiesTimelineLayout       *self,
                    const TreatiesTimelineMarker *marker)
{
  guint lo = 0, hi = self->labels->len;

  /* Markers are labelled for the event they stand for; labels are in
   * anchor order, which is date order. */
  TREATIES_LOWER_BOUND (lo, hi, mid, g_array_index (self->labels, TreatiesTimelineLabel, mid).event_index < marker->event_index);
  return lo < self->labels->len &&
         g_array_index (self->labels, TreatiesTimelineLabel, lo).event_index == marker->event_index;
}

static double
badge_width (TreatiesTimelineLayout *self,
             guint                   n_events)
{
  guint digits = 1;

  for (guint n = n_events; n >= 10; n /= 10)
    digits++;
  return MAX (ceil (self->plus_width + self->digit_width * digits) + 2 * BADGE_PAD_X, self->line_height + 2);
}

static void
place_badge_box (TreatiesTimelineLayout *self,
                 TreatiesTimelineBadge  *badge,
                 double                  centre,
                 double                  lo,
                 double                  hi)
{
  char text[32];
  double text_width;

  g_snprintf (text, sizeof text, "+%u", badge->n_events);
  badge->text = g_string_chunk_insert_const (self->strings, text);
  text_width = ceil (self->plus_width + self->digit_width * (strlen (text) - 1));
  badge->height = self->line_height + 2;
  badge->width = MAX (text_width + 2 * BADGE_PAD_X, badge->height);
  badge->x = centre - badge->width / 2;
  /* Clear of the labelled markers either side, where there is room. */
  if (hi - lo >= badge->width)
    badge->x = CLAMP (badge->x, lo, hi - badge->width);
  badge->x = MAX (MIN (badge->x, self->width - LABEL_EDGE - badge->width), LABEL_EDGE);
  badge->y = self->frame.axis_y - badge->height / 2;
  badge->text_x = badge->x + (badge->width - text_width) / 2;
}

static void
close_badge (TreatiesTimelineLayout *self,
             TreatiesTimelineBadge  *badge,
             double                  first_x,
             double                  last_x,
             double                  lo,
             double                  hi)
{
  const TreatiesTimelineMarker *markers = (const TreatiesTimelineMarker *) (gpointer) self->markers->data;

  place_badge_box (self, badge, (first_x + last_x) / 2, lo, hi);
  while (self->badges->len > 0)
    {
      TreatiesTimelineBadge *prev = &g_array_index (self->badges, TreatiesTimelineBadge, self->badges->len - 1);
      double prev_end = prev->x + prev->width + BADGE_GAP;
      const TreatiesTimelineMarker *first;

      if (badge->x >= prev_end)
        break;
      if (prev_end + badge->width <= self->width - LABEL_EDGE)
        {
          double shift = prev_end - badge->x;

          badge->x += shift;
          badge->text_x += shift;
          break;
        }
      /* No room to its right: the two become one. */
      first = &markers[prev->first_marker];
      badge->n_markers += badge->first_marker - prev->first_marker;
      badge->first_marker = prev->first_marker;
      badge->n_events += prev->n_events;
      badge->first_event = prev->first_event;
      badge->first_day = prev->first_day;
      badge->highlighted = badge->highlighted || prev->highlighted;
      badge->selected = badge->selected || prev->selected;
      first_x = first->x;
      g_array_set_size (self->badges, self->badges->len - 1);
      place_badge_box (self, badge, (first_x + last_x) / 2, -G_MAXDOUBLE, hi);
    }
  g_array_append_val (self->badges, *badge);
}

static void
compute_badges (TreatiesTimelineLayout *self)
{
  TreatiesTimelineBadge badge = { 0 };
  guint n_markers = self->markers->len;
  gboolean open = FALSE;
  double first_x = 0, last_x = 0;
  /* Where the labelled markers before and after a badge leave it room. */
  double room_lo = -G_MAXDOUBLE, lo = -G_MAXDOUBLE;

  for (guint m = 0; m < n_markers; m++)
    {
      TreatiesTimelineMarker *marker = &g_array_index (self->markers, TreatiesTimelineMarker, m);
      TreatiesDay date = self->dates[marker->first];
      guint last = marker->first + marker->n_events - 1;

      if (date < self->label_first_day || date > self->label_last_day)
        continue;
      if (marker_is_labelled (self, marker))
        {
          double hi = marker->x - marker->radius - BADGE_GAP;

          room_lo = marker->x + marker->radius + BADGE_GAP;
          if (open && hi - MAX (lo, 0) < badge_width (self, badge.n_events) &&
              marker->x - first_x <= BADGE_MAX_SPREAD)
            {
              /* No room before this labelled marker: the badge goes on
               * past it, to be placed after it. */
              lo = room_lo;
              continue;
            }
          if (open)
            close_badge (self, &badge, first_x, last_x, lo, hi);
          open = FALSE;
          continue;
        }

      if (open && (marker->x - last_x > BADGE_GATHER || marker->x - first_x > BADGE_MAX_SPREAD))
        {
          close_badge (self, &badge, first_x, last_x, lo, G_MAXDOUBLE);
          open = FALSE;
        }
      if (!open)
        {
          lo = room_lo;
          badge = (TreatiesTimelineBadge) { .first_marker = m, .first_event = marker->first,
                                            .first_day = date };
          first_x = marker->x;
          open = TRUE;
        }
      badge.n_markers = m + 1 - badge.first_marker;
      badge.n_events += marker->n_events;
      badge.last_event = last;
      badge.last_day = self->dates[last];
      badge.highlighted = badge.highlighted || marker->highlighted;
      badge.selected = badge.selected || marker->selected;
      last_x = marker->x;
    }
  if (open)
    close_badge (self, &badge, first_x, last_x, lo, G_MAXDOUBLE);

  /* Mark the markers each badge gathers. */
  for (guint b = 0; b < self->badges->len; b++)
    {
      const TreatiesTimelineBadge *bd = &g_array_index (self->badges, TreatiesTimelineBadge, b);

      for (guint m = bd->first_marker; m < bd->first_marker + bd->n_markers; m++)
        {
          TreatiesTimelineMarker *marker = &g_array_index (self->markers, TreatiesTimelineMarker, m);

          if (!marker_is_labelled (self, marker))
            {
              marker->in_badge = TRUE;
              marker->badge = b;
            }
        }
    }
}

/* --- GObject --------------------------------------------------------------- */

static void
treaties_timeline_layout_finalize (GObject *object)
{
  TreatiesTimelineLayout *self = (TreatiesTimelineLayout *) object;

  if (self->measure_destroy != NULL)
    self->measure_destroy (self->measure_data);
  g_clear_object (&self->pango_layout);
  g_clear_object (&self->pango_context);
  g_clear_object (&self->article);
  g_clear_pointer (&self->dates, g_free);
  g_clear_pointer (&self->events, g_free);
  g_clear_pointer (&self->span_nodes, g_free);
  g_clear_pointer (&self->span_ends, g_free);
  g_clear_pointer (&self->title_widths, g_free);
  g_clear_pointer (&self->year_widths, g_free);
  g_clear_pointer (&self->eras, g_free);
  g_clear_pointer (&self->era_rows, g_free);
  g_clear_pointer (&self->era_title_widths, g_free);
  for (guint m = 0; m < 12; m++)
    g_clear_pointer (&self->month_names[m], g_free);
  g_clear_pointer (&self->highlighted, g_array_unref);
  g_clear_pointer (&self->ticks, g_array_unref);
  g_clear_pointer (&self->era_bands, g_array_unref);
  g_clear_pointer (&self->markers, g_array_unref);
  g_clear_pointer (&self->labels, g_array_unref);
  g_clear_pointer (&self->bars, g_array_unref);
  g_clear_pointer (&self->badges, g_array_unref);
  for (guint r = 0; r < MAX_LABEL_ROWS; r++)
    g_clear_pointer (&self->label_rows[r], g_array_unref);
  g_clear_pointer (&self->strings, g_string_chunk_free);

  G_OBJECT_CLASS (treaties_timeline_layout_parent_class)->finalize (object);
}

static void
treaties_timeline_layout_class_init (TreatiesTimelineLayoutClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = treaties_timeline_layout_finalize;
}

static void
treaties_timeline_layout_init (TreatiesTimelineLayout *self)
{
  self->primary_index = -1;
  self->selected = -1;
  self->label_first_day = -G_MAXDOUBLE;
  self->label_last_day = G_MAXDOUBLE;
  self->edge_margin = DEFAULT_EDGE_MARGIN;
  self->max_label_rows = DEFAULT_LABEL_ROWS;
  self->days_per_pixel = 1;
  self->highlighted = g_array_new (FALSE, FALSE, sizeof (guint));
  self->ticks = g_array_new (FALSE, FALSE, sizeof (TreatiesTimelineTick));
  self->era_bands = g_array_new (FALSE, FALSE, sizeof (TreatiesTimelineEraBand));
  self->markers = g_array_new (FALSE, FALSE, sizeof (TreatiesTimelineMarker));
  self->labels = g_array_new (FALSE, FALSE, sizeof (TreatiesTimelineLabel));
  self->bars = g_array_new (FALSE, FALSE, sizeof (TreatiesTimelineBar));
  self->badges = g_array_new (FALSE, FALSE, sizeof (TreatiesTimelineBadge));
  for (guint r = 0; r < MAX_LABEL_ROWS; r++)
    self->label_rows[r] = g_array_new (FALSE, FALSE, sizeof (LabelBox));
  self->strings = g_string_chunk_new (256);

  /* Short month names in the user's locale. */
  for (int m = 0; m < 12; m++)
    {
      g_autoptr(GDateTime) dt = g_date_time_new_utc (2001, m + 1, 1, 12, 0, 0);

      self->month_names[m] = g_date_time_format (dt, "%b");
      if (self->month_names[m] == NULL)
        self->month_names[m] = g_strdup_printf ("%d", m + 1);
    }
}

/* --- public API: model ----------------------------------------------------- */

TreatiesTimelineLayout *
treaties_timeline_layout_new (TreatiesArticle *article)
{
  TreatiesTimelineLayout *self;
  GListModel *events, *eras;
  g_autofree TreatiesDay *row_ends = NULL;

  g_return_val_if_fail (TREATIES_IS_ARTICLE (article), NULL);

  self = g_object_new (TREATIES_TYPE_TIMELINE_LAYOUT, NULL);
  self->article = g_object_ref (article);
  self->range_start = treaties_article_get_timeline_start (article);
  self->range_end = treaties_article_get_timeline_end (article);
  self->has_range = self->range_start != TREATIES_DAY_INVALID &&
                    self->range_end != TREATIES_DAY_INVALID &&
                    self->range_start <= self->range_end;

  if (self->has_range)
    {
      int last_year;

      treaties_day_to_ymd (self->range_start, &self->year_widths_from, NULL, NULL);
      treaties_day_to_ymd (self->range_end, &last_year, NULL, NULL);
      self->n_years = (guint) (last_year - self->year_widths_from + 1);
      self->year_widths = g_new (float, self->n_years);
      for (guint y = 0; y < self->n_years; y++)
        self->year_widths[y] = NAN;
    }

  events = treaties_article_get_events (article);
  self->n_events = self->has_range ? g_list_model_get_n_items (events) : 0;
  self->dates = g_new (TreatiesDay, MAX (self->n_events, 1));
  self->events = g_new (TreatiesEvent *, MAX (self->n_events, 1));
  for (guint i = 0; i < self->n_events; i++)
    {
      g_autoptr(TreatiesEvent) event = g_list_model_get_item (events, i);
      const TreatiesDateSpan *span = treaties_event_get_span (event);

      if (treaties_date_span_is_long (span))
        {
          if ((self->n_spans & (self->n_spans - 1)) == 0)
            {
            self->span_nodes = g_renew (SpanNode, self->span_nodes, MAX (2 * self->n_spans, 1));
            }
          self->span_nodes[self->n_spans] = (SpanNode) { .start = treaties_event_get_date (event),
                                                         .end = span->end, .event = i };
          self->span_nodes[self->n_spans].flags =
            (span->open_start ? SPAN_OPEN_START : 0) | (span->open_end ? SPAN_OPEN_END : 0) |
            (span->open_start || span->start_qualifier ? SPAN_FUZZY_START : 0) |
            (span->open_end || span->end_qualifier ? SPAN_FUZZY_END : 0);
          self->n_spans++;
        }

      /* The article keeps its events alive as long as we keep it. */
      self->events[i] = event;
      self->dates[i] = treaties_event_get_date (event);
      g_assert (i == 0 || self->dates[i - 1] <= self->dates[i]);
      if (treaties_event_get_primary (event) && self->primary_index < 0)
        self->primary_index = i;
    }

  build_span_tree (self, 0, self->n_spans);
  self->span_ends = g_new (TreatiesDay, MAX (self->n_spans, 1));
  for (guint k = 0; k < self->n_spans; k++)
    self->span_ends[k] = self->span_nodes[k].end;
  qsort (self->span_ends, self->n_spans, sizeof (TreatiesDay), compare_guint);

  /* Eras go in rows, the first row where they do not overlap another. */
  eras = treaties_article_get_eras (article);
  self->n_eras = self->has_range ? g_list_model_get_n_items (eras) : 0;
  self->eras = g_new (TreatiesEra *, MAX (self->n_eras, 1));
  self->era_rows = g_new0 (guint, MAX (self->n_eras, 1));
  self->era_title_widths = g_new (double, MAX (self->n_eras, 1));
  row_ends = g_new0 (TreatiesDay, MAX (self->n_eras, 1));
  for (guint i = 0; i < self->n_eras; i++)
    {
      g_autoptr(TreatiesEra) era = g_list_model_get_item (eras, i);
      guint row = 0;

      self->eras[i] = era;
      self->era_title_widths[i] = -1;
      while (row < self->n_era_rows && row_ends[row] > treaties_era_get_start (era))
        row++;
      self->era_rows[i] = row;
      row_ends[row] = treaties_era_get_end (era);
      self->n_era_rows = MAX (self->n_era_rows, row + 1);
    }

  update_text_metrics (self);
  clamp_view (self);

  return self;
}

TreatiesArticle *
treaties_timeline_layout_get_article (TreatiesTimelineLayout *self)
{
  g_return_val_if_fail (TREATIES_IS_TIMELINE_LAYOUT (self), NULL);

  return self->article;
}

guint
treaties_timeline_layout_get_n_events (TreatiesTimelineLayout *self)
{
  g_return_val_if_fail (TREATIES_IS_TIMELINE_LAYOUT (self), 0);

  return self->n_events;
}

TreatiesEvent *
treaties_timeline_layout_get_event (TreatiesTimelineLayout *self,
                                    guint                   index)
{
  g_return_val_if_fail (TREATIES_IS_TIMELINE_LAYOUT (self), NULL);
  g_return_val_if_fail (index < self->n_events, NULL);

  return self->events[index];
}

TreatiesDay
treaties_timeline_layout_get_event_date (TreatiesTimelineLayout *self,
                                         guint                   index)
{
  g_return_val_if_fail (TREATIES_IS_TIMELINE_LAYOUT (self), TREATIES_DAY_INVALID);
  g_return_val_if_fail (index < self->n_events, TREATIES_DAY_INVALID);

  return self->dates[index];
}

gboolean
treaties_timeline_layout_find_event (TreatiesTimelineLayout *self,
                                     TreatiesEvent          *event,
                                     guint                  *out_index)
{
  TreatiesDay date;

  g_return_val_if_fail (TREATIES_IS_TIMELINE_LAYOUT (self), FALSE);
  g_return_val_if_fail (TREATIES_IS_EVENT (event), FALSE);

  date = treaties_event_get_date (event);
  for (guint i = treaties_timeline_layout_lower_bound (self, date);
       i < self->n_events && self->dates[i] == date;
       i++)
    if (self->events[i] == event)
      {
        if (out_index != NULL)
          *out_index = i;
        return TRUE;
      }
  return FALSE;
}

int
treaties_timeline_layout_get_primary_index (TreatiesTimelineLayout *self)
{
  g_return_val_if_fail (TREATIES_IS_TIMELINE_LAYOUT (self), -1);

  return self->primary_index;
}

guint
treaties_timeline_layout_lower_bound (TreatiesTimelineLayout *self,
                                      double                  day)
{
  guint lo = 0, hi;

  g_return_val_if_fail (TREATIES_IS_TIMELINE_LAYOUT (self), 0);

  hi = self->n_events;
  TREATIES_LOWER_BOUND (lo, hi, mid, (double) self->dates[mid] < day);
  return lo;
}

void
treaties_timeline_layout_get_range_events (TreatiesTimelineLayout *self,
                                           double                  first_day,
                                           double                  last_day,
                                           guint                  *out_first,
                                           guint                  *out_n)
{
  guint first, end;

  g_return_if_fail (TREATIES_IS_TIMELINE_LAYOUT (self));

  first = treaties_timeline_layout_lower_bound (self, ceil (first_day));
  end = treaties_timeline_layout_lower_bound (self, floor (last_day) + 1);
  if (end < first)
    end = first;
  if (out_first != NULL)
    *out_first = first;
  if (out_n != NULL)
    *out_n = end - first;
}

/* --- public API: measuring ------------------------------------------------- */

void
treaties_timeline_layout_set_pango_context (TreatiesTimelineLayout *self,
                                            PangoContext           *context)
{
  g_return_if_fail (TREATIES_IS_TIMELINE_LAYOUT (self));
  g_return_if_fail (context == NULL || PANGO_IS_CONTEXT (context));

  if (self->measure_destroy != NULL)
    self->measure_destroy (self->measure_data);
  self->measure_func = NULL;
  self->measure_data = NULL;
  self->measure_destroy = NULL;

  g_set_object (&self->pango_context, context);
  g_clear_object (&self->pango_layout);
  if (context != NULL)
    self->pango_layout = pango_layout_new (context);

  update_text_metrics (self);
}

void
treaties_timeline_layout_set_measure_func (TreatiesTimelineLayout      *self,
                                           TreatiesTimelineMeasureFunc  func,
                                           gpointer                     user_data,
                                           GDestroyNotify               destroy,
                                           double                       line_height)
{
  g_return_if_fail (TREATIES_IS_TIMELINE_LAYOUT (self));
  g_return_if_fail (line_height > 0);

  if (self->measure_destroy != NULL)
    self->measure_destroy (self->measure_data);
  g_clear_object (&self->pango_layout);
  g_clear_object (&self->pango_context);

  self->measure_func = func;
  self->measure_data = user_data;
  self->measure_destroy = destroy;
  self->fixed_line_height = line_height;

  update_text_metrics (self);
}

void
treaties_timeline_layout_invalidate_text (TreatiesTimelineLayout *self)
{
  g_return_if_fail (TREATIES_IS_TIMELINE_LAYOUT (self));

  if (self->pango_layout != NULL)
    pango_layout_context_changed (self->pango_layout);
  update_text_metrics (self);
}

void
treaties_timeline_layout_set_max_label_rows (TreatiesTimelineLayout *self,
                                             guint                   rows)
{
  g_return_if_fail (TREATIES_IS_TIMELINE_LAYOUT (self));
  g_return_if_fail (rows >= 1 && rows <= MAX_LABEL_ROWS);

  if (self->max_label_rows != rows)
    {
      self->max_label_rows = rows;
      invalidate (self);
    }
}

void
treaties_timeline_layout_set_plain_bars (TreatiesTimelineLayout *self,
                                         gboolean                plain)
{
  g_return_if_fail (TREATIES_IS_TIMELINE_LAYOUT (self));

  self->plain_bars = plain;
  invalidate (self);
}

static double
height_for_label_rows (TreatiesTimelineLayout *self,
                       guint                   rows)
{
  double row_height = self->line_height + 4 + LABEL_ROW_GAP;

  return ceil (PAD_TOP
               + era_rows_height (self, MIN (self->n_era_rows, MAX_ERA_ROWS))
               + rows * row_height - LABEL_ROW_GAP
               + LABEL_TO_AXIS
               + below_axis_height (self));
}

double
treaties_timeline_layout_get_natural_height (TreatiesTimelineLayout *self)
{
  g_return_val_if_fail (TREATIES_IS_TIMELINE_LAYOUT (self), 0);

  return height_for_label_rows (self, self->max_label_rows);
}

double
treaties_timeline_layout_get_min_height (TreatiesTimelineLayout *self)
{
  g_return_val_if_fail (TREATIES_IS_TIMELINE_LAYOUT (self), 0);

  return height_for_label_rows (self, 1);
}

/* --- public API: view ------------------------------------------------------ */

void
treaties_timeline_layout_set_size (TreatiesTimelineLayout *self,
                                   double                  width,
                                   double                  height)
{
  double centre;
  gboolean was_fit, first;

  g_return_if_fail (TREATIES_IS_TIMELINE_LAYOUT (self));
  g_return_if_fail (width >= 0 && height >= 0);

  if (width == self->width && height == self->height)
    return;

  first = self->width <= 0;
  was_fit = self->fit;
  centre = treaties_timeline_layout_x_to_day (self, self->width / 2);
  self->width = width;
  self->height = height;

  if (first && self->has_pending_days && width > 0)
    {
      self->has_pending_days = FALSE;
      treaties_timeline_layout_set_visible_days (self, self->pending_first_day, self->pending_last_day);
      return;
    }

  if (first || was_fit)
    {
      self->days_per_pixel = max_days_per_pixel (self);
      self->view_start = -G_MAXDOUBLE;
    }
  else
    self->view_start = centre - width / 2 * self->days_per_pixel;
  clamp_view (self);
  invalidate (self);
}

double
treaties_timeline_layout_get_width (TreatiesTimelineLayout *self)
{
  g_return_val_if_fail (TREATIES_IS_TIMELINE_LAYOUT (self), 0);

  return self->width;
}

double
treaties_timeline_layout_get_height (TreatiesTimelineLayout *self)
{
  g_return_val_if_fail (TREATIES_IS_TIMELINE_LAYOUT (self), 0);

  return self->height;
}

void
treaties_timeline_layout_set_edge_margin (TreatiesTimelineLayout *self,
                                          double                  margin)
{
  g_return_if_fail (TREATIES_IS_TIMELINE_LAYOUT (self));
  g_return_if_fail (margin >= 0);

  self->edge_margin = margin;
  if (self->fit)
    self->days_per_pixel = max_days_per_pixel (self);
  clamp_view (self);
  invalidate (self);
}

void
treaties_timeline_layout_set_view (TreatiesTimelineLayout *self,
                                   double                  start_day,
                                   double                  days_per_pixel)
{
  g_return_if_fail (TREATIES_IS_TIMELINE_LAYOUT (self));

  self->view_start = start_day;
  self->days_per_pixel = days_per_pixel;
  clamp_view (self);
  invalidate (self);
}

double
treaties_timeline_layout_get_view_start (TreatiesTimelineLayout *self)
{
  g_return_val_if_fail (TREATIES_IS_TIMELINE_LAYOUT (self), 0);

  return self->view_start;
}

double
treaties_timeline_layout_get_days_per_pixel (TreatiesTimelineLayout *self)
{
  g_return_val_if_fail (TREATIES_IS_TIMELINE_LAYOUT (self), 1);

  return self->days_per_pixel;
}

void
treaties_timeline_layout_set_visible_days (TreatiesTimelineLayout *self,
                                           double                  first_day,
                                           double                  last_day)
{
  double usable;

  g_return_if_fail (TREATIES_IS_TIMELINE_LAYOUT (self));
  g_return_if_fail (last_day >= first_day);

  /* Without a size yet, this is what the first size shows. */
  if (self->width <= 0)
    {
      self->has_pending_days = TRUE;
      self->pending_first_day = first_day;
      self->pending_last_day = last_day;
      return;
    }

  usable = MAX (self->width - 2 * self->edge_margin, 1.0);
  self->days_per_pixel = MAX (last_day - first_day, 1.0) / usable;
  clamp_view (self);
  self->view_start = first_day - self->edge_margin * self->days_per_pixel;
  clamp_view (self);
  invalidate (self);
}

void
treaties_timeline_layout_zoom_fit (TreatiesTimelineLayout *self)
{
  g_return_if_fail (TREATIES_IS_TIMELINE_LAYOUT (self));

  self->days_per_pixel = max_days_per_pixel (self);
  self->view_start = -G_MAXDOUBLE;
  clamp_view (self);
  invalidate (self);
}

gboolean
treaties_timeline_layout_get_overview_window (TreatiesTimelineLayout *self,
                                              double                  track_x,
                                              double                  track_width,
                                              double                 *window_x,
                                              double                 *window_width)
{
  double length, first, last;

  g_return_val_if_fail (TREATIES_IS_TIMELINE_LAYOUT (self), FALSE);

  if (self->fit || !self->has_range || self->width <= 0 || track_width <= 0)
    return FALSE;
  length = MAX ((double) self->range_end - self->range_start, 1.0);
  first = CLAMP (self->view_start, self->range_start, self->range_end);
  last = CLAMP (self->view_start + self->width * self->days_per_pixel, self->range_start, self->range_end);
  *window_x = track_x + (first - self->range_start) / length * track_width;
  *window_width = (last - first) / length * track_width;
  return TRUE;
}

void
treaties_timeline_layout_set_overview_window (TreatiesTimelineLayout *self,
                                              double                  track_x,
                                              double                  track_width,
                                              double                  window_x)
{
  double length;

  g_return_if_fail (TREATIES_IS_TIMELINE_LAYOUT (self));

  if (!self->has_range || track_width <= 0)
    return;
  length = MAX ((double) self->range_end - self->range_start, 1.0);
  treaties_timeline_layout_set_view (self, self->range_start + (window_x - track_x) / track_width * length,
                                     self->days_per_pixel);
}

gboolean
treaties_timeline_layout_is_fit (TreatiesTimelineLayout *self)
{
  g_return_val_if_fail (TREATIES_IS_TIMELINE_LAYOUT (self), TRUE);

  return self->fit;
}

gboolean
treaties_timeline_layout_can_zoom_in (TreatiesTimelineLayout *self)
{
  g_return_val_if_fail (TREATIES_IS_TIMELINE_LAYOUT (self), FALSE);

  return self->days_per_pixel > min_days_per_pixel (self) * (1 + 1e-9);
}

gboolean
treaties_timeline_layout_zoom (TreatiesTimelineLayout *self,
                               double                  factor,
                               double                  anchor_x)
{
  double anchor_day, old_start, old_dpp;

  g_return_val_if_fail (TREATIES_IS_TIMELINE_LAYOUT (self), FALSE);
  g_return_val_if_fail (factor > 0, FALSE);

  old_start = self->view_start;
  old_dpp = self->days_per_pixel;
  anchor_day = treaties_timeline_layout_x_to_day (self, anchor_x);
  self->days_per_pixel = old_dpp / factor;
  clamp_view (self);
  self->view_start = anchor_day - anchor_x * self->days_per_pixel;
  clamp_view (self);

  if (old_start == self->view_start && old_dpp == self->days_per_pixel)
    return FALSE;
  invalidate (self);
  return TRUE;
}

gboolean
treaties_timeline_layout_pan (TreatiesTimelineLayout *self,
                              double                  dx)
{
  double old_start;

  g_return_val_if_fail (TREATIES_IS_TIMELINE_LAYOUT (self), FALSE);

  old_start = self->view_start;
  self->view_start -= dx * self->days_per_pixel;
  clamp_view (self);
  if (old_start == self->view_start)
    return FALSE;
  invalidate (self);
  return TRUE;
}

gboolean
treaties_timeline_layout_ensure_visible (TreatiesTimelineLayout *self,
                                         double                  first_day,
                                         double                  last_day,
                                         double                  padding)
{
  double old_start, old_dpp, usable, left, right;

  g_return_val_if_fail (TREATIES_IS_TIMELINE_LAYOUT (self), FALSE);
  g_return_val_if_fail (last_day >= first_day, FALSE);

  if (self->width <= 0)
    return FALSE;

  old_start = self->view_start;
  old_dpp = self->days_per_pixel;
  padding = MIN (padding, self->width / 4);
  usable = self->width - 2 * padding;

  if ((last_day - first_day) / self->days_per_pixel > usable)
    {
      self->days_per_pixel = (last_day - first_day) / usable;
      clamp_view (self);
    }

  left = treaties_timeline_layout_day_to_x (self, first_day);
  right = treaties_timeline_layout_day_to_x (self, last_day);
  if (left < padding)
    self->view_start -= (padding - left) * self->days_per_pixel;
  else if (right > self->width - padding)
    self->view_start += (right - (self->width - padding)) * self->days_per_pixel;
  clamp_view (self);

  if (old_start == self->view_start && old_dpp == self->days_per_pixel)
    return FALSE;
  invalidate (self);
  return TRUE;
}

double
treaties_timeline_layout_day_to_x (TreatiesTimelineLayout *self,
                                   double                  day)
{
  return (day - self->view_start) / self->days_per_pixel;
}

double
treaties_timeline_layout_x_to_day (TreatiesTimelineLayout *self,
                                   double                  x)
{
  return self->view_start + x * self->days_per_pixel;
}

/* --- public API: state ----------------------------------------------------- */

void
treaties_timeline_layout_set_highlighted (TreatiesTimelineLayout *self,
                                          const guint            *indices,
                                          guint                   n_indices)
{
  guint out = 0;

  g_return_if_fail (TREATIES_IS_TIMELINE_LAYOUT (self));
  g_return_if_fail (indices != NULL || n_indices == 0);

  g_array_set_size (self->highlighted, 0);
  for (guint i = 0; i < n_indices; i++)
    if (indices[i] < self->n_events)
      g_array_append_val (self->highlighted, indices[i]);
  g_array_sort (self->highlighted, compare_guint);
  for (guint i = 0; i < self->highlighted->len; i++)
    if (out == 0 || g_array_index (self->highlighted, guint, out - 1) != g_array_index (self->highlighted, guint, i))
      g_array_index (self->highlighted, guint, out++) = g_array_index (self->highlighted, guint, i);
  g_array_set_size (self->highlighted, out);
  invalidate (self);
}

void
treaties_timeline_layout_set_label_days (TreatiesTimelineLayout *self,
                                         double                  first_day,
                                         double                  last_day)
{
  g_return_if_fail (TREATIES_IS_TIMELINE_LAYOUT (self));

  self->label_first_day = first_day;
  self->label_last_day = last_day;
  invalidate (self);
}

void
treaties_timeline_layout_set_selected (TreatiesTimelineLayout *self,
                                       int                     index)
{
  g_return_if_fail (TREATIES_IS_TIMELINE_LAYOUT (self));

  if (index < 0 || index >= (int) self->n_events)
    index = -1;
  if (index == self->selected)
    return;
  self->selected = index;
  invalidate (self);
}

int
treaties_timeline_layout_get_selected (TreatiesTimelineLayout *self)
{
  g_return_val_if_fail (TREATIES_IS_TIMELINE_LAYOUT (self), -1);

  return self->selected;
}

gboolean
treaties_timeline_layout_is_highlighted (TreatiesTimelineLayout *self,
                                         guint                   index)
{
  g_return_val_if_fail (TREATIES_IS_TIMELINE_LAYOUT (self), FALSE);

  return first_highlighted_in (self, index, 1) >= 0;
}

/* --- public API: results --------------------------------------------------- */

const TreatiesTimelineFrame *
treaties_timeline_layout_compute (TreatiesTimelineLayout *self)
{
  TreatiesTimelineFrame *frame;
  double pad;
  guint first, n;

  g_return_val_if_fail (TREATIES_IS_TIMELINE_LAYOUT (self), NULL);

  frame = &self->frame;
  if (self->frame_valid)
    return frame;

  g_array_set_size (self->ticks, 0);
  g_array_set_size (self->era_bands, 0);
  g_array_set_size (self->markers, 0);
  g_array_set_size (self->labels, 0);
  g_array_set_size (self->bars, 0);
  g_array_set_size (self->badges, 0);
  g_string_chunk_clear (self->strings);
  memset (frame, 0, sizeof *frame);
  compute_vertical (self, frame);

  if (self->has_range && self->width > 0)
    {
      frame->axis_start_x = MAX (treaties_timeline_layout_day_to_x (self, self->range_start), 0);
      frame->axis_end_x = MIN (treaties_timeline_layout_day_to_x (self, self->range_end), self->width);

      /* Events whose markers reach into the view. */
      pad = PRIMARY_RADIUS + 1;
      treaties_timeline_layout_get_range_events (self,
                                                 treaties_timeline_layout_x_to_day (self, -pad),
                                                 treaties_timeline_layout_x_to_day (self, self->width + pad),
                                                 &first, &n);
      frame->first_visible = first;
      frame->n_visible = n;

      compute_ticks (self);
      compute_eras (self);
      compute_markers (self, first, first + n);
      compute_bars (self, treaties_timeline_layout_x_to_day (self, 0),
                    treaties_timeline_layout_x_to_day (self, self->width));
      compute_labels (self);
      compute_badges (self);
    }

  frame->ticks = (const TreatiesTimelineTick *) (gpointer) self->ticks->data;
  frame->n_ticks = self->ticks->len;
  frame->eras = (const TreatiesTimelineEraBand *) (gpointer) self->era_bands->data;
  frame->n_eras = self->era_bands->len;
  frame->markers = (const TreatiesTimelineMarker *) (gpointer) self->markers->data;
  frame->n_markers = self->markers->len;
  frame->labels = (const TreatiesTimelineLabel *) (gpointer) self->labels->data;
  frame->n_labels = self->labels->len;
  frame->bars = (const TreatiesTimelineBar *) (gpointer) self->bars->data;
  frame->n_bars = self->bars->len;
  frame->badges = (const TreatiesTimelineBadge *) (gpointer) self->badges->data;
  frame->n_badges = self->badges->len;
  self->frame_valid = TRUE;

  return frame;
}

gboolean
treaties_timeline_layout_hit_test (TreatiesTimelineLayout *self,
                                   double                  x,
                                   double                  y,
                                   double                  tolerance,
                                   guint                  *out_index)
{
  const TreatiesTimelineFrame *frame;
  double best = G_MAXDOUBLE;
  guint lo = 0, hi;
  int found = -1;

  g_return_val_if_fail (TREATIES_IS_TIMELINE_LAYOUT (self), FALSE);

  frame = treaties_timeline_layout_compute (self);

  /* Markers first: they are small and precise. Binary search by x. */
  hi = frame->n_markers;
  TREATIES_LOWER_BOUND (lo, hi, mid, frame->markers[mid].x < x);
  /* Markers within reach lie around lo; a primary marker reaches further. */
  for (guint i = lo; i-- > 0;)
    {
      const TreatiesTimelineMarker *m = &frame->markers[i];
      double dx = x - m->x;

      if (dx > PRIMARY_RADIUS + tolerance)
        break;
      if (!m->in_badge && dx <= m->radius + tolerance && fabs (y - m->y) <= m->radius + tolerance && dx < best)
        {
          best = dx;
          found = m->event_index;
        }
    }
  for (guint i = lo; i < frame->n_markers; i++)
    {
      const TreatiesTimelineMarker *m = &frame->markers[i];
      double dx = m->x - x;

      if (dx > PRIMARY_RADIUS + tolerance)
        break;
      if (!m->in_badge && dx <= m->radius + tolerance && fabs (y - m->y) <= m->radius + tolerance && dx < best)
        {
          best = dx;
          found = m->event_index;
        }
    }

  /* Then labels. */
  if (found < 0)
    for (guint i = 0; i < frame->n_labels; i++)
      {
        const TreatiesTimelineLabel *l = &frame->labels[i];

        if (x >= l->x && x < l->x + l->width && y >= l->y && y < l->y + l->height)
          {
            found = l->event_index;
            break;
          }
      }

  /* Then bars, the latest starting on top. */
  if (found < 0)
    for (guint i = frame->n_bars; i-- > 0;)
      {
        const TreatiesTimelineBar *b = &frame->bars[i];

        if (x >= b->x - tolerance && x <= b->x + b->width + tolerance &&
            y >= b->y - tolerance && y <= b->y + b->height + tolerance)
          {
            found = b->event_index;
            break;
          }
      }

  if (found < 0)
    return FALSE;
  if (out_index != NULL)
    *out_index = found;
  return TRUE;
}

const TreatiesTimelineMarker *
treaties_timeline_layout_find_marker (TreatiesTimelineLayout *self,
                                      guint                   index)
{
  const TreatiesTimelineFrame *frame;
  guint lo = 0, hi;

  g_return_val_if_fail (TREATIES_IS_TIMELINE_LAYOUT (self), NULL);

  frame = treaties_timeline_layout_compute (self);
  hi = frame->n_markers;
  TREATIES_LOWER_BOUND (lo, hi, mid, frame->markers[mid].first + frame->markers[mid].n_events <= index);
  if (lo < frame->n_markers && frame->markers[lo].first <= index)
    return &frame->markers[lo];
  return NULL;
}

gboolean
treaties_timeline_layout_hit_badge (TreatiesTimelineLayout *self,
                                    double                  x,
                                    double                  y,
                                    double                  tolerance,
                                    guint                  *out_badge)
{
  const TreatiesTimelineFrame *frame;

  g_return_val_if_fail (TREATIES_IS_TIMELINE_LAYOUT (self), FALSE);

  frame = treaties_timeline_layout_compute (self);
  for (guint i = 0; i < frame->n_badges; i++)
    {
      const TreatiesTimelineBadge *b = &frame->badges[i];

      if (x >= b->x - tolerance && x <= b->x + b->width + tolerance &&
          y >= b->y - tolerance && y <= b->y + b->height + tolerance)
        {
          /* A labelled marker the badge lies over is drawn over it, and
           * takes its own clicks. */
          for (guint m = 0; m < frame->n_markers; m++)
            {
              const TreatiesTimelineMarker *marker = &frame->markers[m];

              if (!marker->in_badge && fabs (marker->x - x) <= marker->radius + 1 &&
                  fabs (marker->y - y) <= marker->radius + 1)
                return FALSE;
            }
          if (out_badge != NULL)
            *out_badge = i;
          return TRUE;
        }
    }
  return FALSE;
}

const TreatiesTimelineBadge *
treaties_timeline_layout_find_badge (TreatiesTimelineLayout *self,
                                     guint                   index)
{
  const TreatiesTimelineMarker *marker;
  const TreatiesTimelineFrame *frame;

  g_return_val_if_fail (TREATIES_IS_TIMELINE_LAYOUT (self), NULL);

  frame = treaties_timeline_layout_compute (self);
  marker = treaties_timeline_layout_find_marker (self, index);
  if (marker == NULL || !marker->in_badge)
    return NULL;
  return &frame->badges[marker->badge];
}

gboolean
treaties_timeline_layout_expand_badge (TreatiesTimelineLayout *self,
                                       guint                   badge)
{
  const TreatiesTimelineFrame *frame;
  double first_day, last_day, start, dpp;

  g_return_val_if_fail (TREATIES_IS_TIMELINE_LAYOUT (self), FALSE);

  frame = treaties_timeline_layout_compute (self);
  g_return_val_if_fail (badge < frame->n_badges, FALSE);

  first_day = frame->badges[badge].first_day;
  last_day = frame->badges[badge].last_day;
  if (first_day >= last_day || !treaties_timeline_layout_can_zoom_in (self))
    return FALSE;

  start = self->view_start;
  dpp = self->days_per_pixel;
  treaties_timeline_layout_set_visible_days (self, first_day, last_day);
  /* Only zooming in shows more of them. */
  if (self->days_per_pixel >= dpp * 0.99)
    {
      treaties_timeline_layout_set_view (self, start, dpp);
      return FALSE;
    }
  return TRUE;
}

const TreatiesTimelineLabel *
treaties_timeline_layout_find_label (TreatiesTimelineLayout *self,
                                     guint                   index)
{
  const TreatiesTimelineFrame *frame;
  guint lo = 0, hi;

  g_return_val_if_fail (TREATIES_IS_TIMELINE_LAYOUT (self), NULL);

  frame = treaties_timeline_layout_compute (self);
  hi = frame->n_labels;
  TREATIES_LOWER_BOUND (lo, hi, mid, frame->labels[mid].event_index < index);
  if (lo < frame->n_labels && frame->labels[lo].event_index == index)
    return &frame->labels[lo];
  return NULL;
}
