/* treaties-timeline-layout.h: the geometry of the interwar timeline
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Pure geometry (GLib and Pango, no GTK), shared by the TreatiesTimeline
 * widget (drawn with GtkSnapshot) and the PDF exporter (drawn with cairo), so
 * that both draw the same figure from the same numbers.
 *
 * Units are "pixels" of the figure: device-independent pixels on screen,
 * points on a page. x grows with time from 0 (left edge) to the width; y grows
 * downwards from 0 to the height.
 *
 * A view is a visible start day (a fractional TreatiesDay at x = 0) and a
 * scale in days per pixel. Days are points: day D is drawn at
 *
 *   x = (D - view_start) / days_per_pixel
 *
 * so 1 January of a year is where that year's tick is, and an event on the
 * last day of the range is exactly at the range's right end. The view is
 * clamped so that the range (with a margin of `edge_margin` pixels on either
 * side) never scrolls away, and so that one cannot zoom out further than the
 * whole range or in further than TREATIES_TIMELINE_MAX_PIXELS_PER_DAY.
 *
 * Typical use, for a painter that shows the whole range (the PDF figure):
 *
 *   g_autoptr(TreatiesTimelineLayout) layout = treaties_timeline_layout_new (article);
 *   const TreatiesTimelineFrame *frame;
 *
 *   treaties_timeline_layout_set_pango_context (layout, pango_context);
 *   treaties_timeline_layout_set_size (layout, width,
 *                                      treaties_timeline_layout_get_natural_height (layout));
 *   treaties_timeline_layout_zoom_fit (layout);
 *   frame = treaties_timeline_layout_compute (layout);
 *   for (guint i = 0; i < frame->n_eras; i++)     ... draw frame->eras[i]
 *   draw the axis from frame->axis_start_x to frame->axis_end_x at frame->axis_y
 *   for (guint i = 0; i < frame->n_ticks; i++)    ... draw frame->ticks[i]
 *   for (guint i = 0; i < frame->n_labels; i++)   ... leader line, then the label
 *   for (guint i = 0; i < frame->n_bars; i++)     ... draw frame->bars[i]
 *   for (guint i = 0; i < frame->n_markers; i++)  ... draw frame->markers[i]
 *                                                     unless it is in_badge
 *   for (guint i = 0; i < frame->n_badges; i++)   ... draw frame->badges[i]
 *
 * Text is drawn with the same font the layout measured with: a label's text
 * starts at text_x and, when `ellipsized` is set, is cut to text_width with an
 * ellipsis (pango_layout_set_width + PANGO_ELLIPSIZE_END). Tick and era
 * labels likewise.
 *
 * Cost: compute() and hit_test() find the events in view by binary search
 * over the sorted event dates and merge markers closer than one pixel, so
 * they cost O(markers in view × log n), never O(n). Only the constructor
 * reads all events. Bars are found among the events longer than a day
 * only, by an interval index (the spans sorted by start, read as a
 * balanced tree whose nodes keep their subtree's latest end): O(spans in
 * view + log n), however many long spans started before the view.
 */
#pragma once

#include <glib-object.h>
#include <pango/pango.h>

#include "treaties-article.h"

G_BEGIN_DECLS

/* How far one can zoom in. */
#define TREATIES_TIMELINE_MAX_PIXELS_PER_DAY 24.0

typedef enum {
  TREATIES_TIMELINE_TICK_YEAR,         /* a labelled year (1 January) */
  TREATIES_TIMELINE_TICK_MINOR_YEAR,   /* an unlabelled year between labelled ones */
  TREATIES_TIMELINE_TICK_MONTH,        /* the first of a month, maybe labelled */
} TreatiesTimelineTickKind;

/* A tick on the axis: a line from (x, y) of height `height`, and a label
 * (NULL for none) whose text starts at label_x, top at label_y. */
typedef struct {
  TreatiesTimelineTickKind  kind;
  TreatiesDay               day;
  int                       year;
  int                       month;        /* 1..12 */
  double                    x;
  double                    y;
  double                    height;
  const char               *label;        /* owned by the layout, or NULL */
  double                    label_x;
  double                    label_y;
  double                    label_width;
} TreatiesTimelineTick;

/* An era: a band from x to x + width (unclipped: may extend past the
 * edges) in era row `row`, and its title placed in the visible part of the
 * band (no title when label_width is 0). */
typedef struct {
  guint        era_index;     /* in treaties_article_get_eras() */
  TreatiesEra *era;           /* borrowed */
  guint        row;
  double       x;
  double       y;
  double       width;
  double       height;
  double       label_x;
  double       label_y;
  double       label_width;
  gboolean     ellipsized;
} TreatiesTimelineEraBand;

/* A marker on the axis, centred at (x, y). Events closer together than a
 * pixel share one marker: first .. first + n_events - 1 (in date order).
 * `event_index` is the one it stands for: the selected event if it holds
 * it, else the primary event, else the first highlighted one, else `first`. */
typedef struct {
  guint    first;
  guint    n_events;
  guint    event_index;
  double   x;
  double   y;
  double   radius;
  gboolean primary;       /* holds the article's own event */
  gboolean highlighted;   /* holds a highlighted event */
  gboolean selected;      /* holds the selected event */
  gboolean in_badge;      /* unlabelled: gathered into badge `badge`, drawn
                           * as that badge, not as a dot */
  guint    badge;
} TreatiesTimelineMarker;

/* A crowd. Where labels cannot all fit, the markers left without a label
 * (and markers of several events, which get a label only when one of them
 * is a priority event) gather into one "+N" badge instead of unlabelled
 * dots: markers first_marker .. first_marker + n_markers - 1, those of them
 * `in_badge`, holding n_events events dated first_day .. last_day. The
 * badge is a pill (x, y, width, height) on the axis over where they lie,
 * its text (`text`, owned by the layout) starting at text_x. Badges never
 * overlap each other and stay inside the figure. A badge is `highlighted`
 * or `selected` when it holds such an event. Activating it expands it:
 * treaties_timeline_layout_expand_badge() zooms in to fit its events. */
typedef struct {
  guint        first_marker;
  guint        n_markers;
  guint        n_events;
  guint        first_event;    /* its first event in date order */
  guint        last_event;     /* its last */
  TreatiesDay  first_day;
  TreatiesDay  last_day;
  double       x;
  double       y;
  double       width;
  double       height;
  double       text_x;
  const char  *text;
  gboolean     highlighted;
  gboolean     selected;
} TreatiesTimelineBadge;

/* An event whose date covers more than a day (a span, a month, a year):
 * a bar from its first day's x to its last day's (x + width; unclipped),
 * in bar lane `lane` (0 on the axis, higher lanes above it), top y,
 * height `height`. Overlapping bars take different lanes while there are
 * lanes; past the last, they share it, and there ordinary overlapping bars
 * join into one run of `n_events` events (event_index the first; the end
 * is the latest's), so a frame holds no more bars than can be seen.
 * An end is `fuzzy` when it is
 * approximate, uncertain or open: painters fade or dash it. The event's
 * marker stays at its start and its label beside it, as for a day. */
typedef struct {
  guint    event_index;
  guint    n_events;
  guint    lane;
  double   x;
  double   y;
  double   width;
  double   height;
  gboolean fuzzy_start;
  gboolean fuzzy_end;
  gboolean open_start;
  gboolean open_end;
  gboolean primary;
  gboolean highlighted;
  gboolean selected;
} TreatiesTimelineBar;

/* An event's label: a box (x, y, width, height) in label row `row` (0 is
 * nearest the axis); the text starts at text_x and is text_width wide.
 * Boxes keep a few pixels inside the figure's ends, room for a focus ring.
 *
 * Labels are placed by priority: the selected event's first (it always has
 * one while it is in view and a label row fits), then the article's own
 * event's, then the highlighted events' (the current section's), then the
 * rest; a label is never moved or shortened for one of lower priority.
 * A marker of several events gets a label only for a priority event.
 * A leader line joins (anchor_x, y + height) to the marker; anchor_x lies
 * in the box. Labels in one row never overlap, and no leader line runs
 * through another label. A label starts at its anchor unless it is
 * `flipped`: then it reaches back left of it (near the right edge, or to
 * stay whole where there is room on the left). */
typedef struct {
  guint    event_index;
  guint    row;
  double   anchor_x;
  double   x;
  double   y;
  double   width;
  double   height;
  double   text_x;
  double   text_width;
  gboolean ellipsized;
  gboolean flipped;
  gboolean priority;      /* selected, primary or highlighted: never shortened by others */
} TreatiesTimelineLabel;

/* The result of treaties_timeline_layout_compute(); owned by the layout and
 * valid until the layout next changes. */
typedef struct {
  double                         width;
  double                         height;
  double                         line_height;

  /* vertical geometry */
  double                         era_top;
  double                         era_row_height;
  double                         era_row_spacing;  /* from one era row's top to the next */
  guint                          n_era_rows;       /* rows shown */
  double                         label_top;        /* below the eras: the label rows' room */
  double                         label_row_height;
  guint                          n_label_rows;     /* rows that fit the height */
  double                         axis_y;
  double                         tick_label_y;     /* top of the line of tick labels */
  double                         axis_start_x;     /* the range's ends, clipped */
  double                         axis_end_x;

  /* visible events: [first_visible, first_visible + n_visible) */
  guint                          first_visible;
  guint                          n_visible;

  const TreatiesTimelineTick    *ticks;
  guint                          n_ticks;
  const TreatiesTimelineEraBand *eras;
  guint                          n_eras;
  const TreatiesTimelineMarker  *markers;          /* sorted by x */
  guint                          n_markers;
  const TreatiesTimelineLabel   *labels;           /* sorted by anchor_x */
  guint                          n_labels;
  const TreatiesTimelineBar     *bars;             /* in view, sorted by start */
  guint                          n_bars;
  const TreatiesTimelineBadge   *badges;           /* sorted by x */
  guint                          n_badges;
} TreatiesTimelineFrame;

/* Measures the width of @text in the figure's label font. */
typedef double (*TreatiesTimelineMeasureFunc) (const char *text,
                                               gpointer    user_data);

#define TREATIES_TYPE_TIMELINE_LAYOUT (treaties_timeline_layout_get_type ())

G_DECLARE_FINAL_TYPE (TreatiesTimelineLayout, treaties_timeline_layout, TREATIES, TIMELINE_LAYOUT, GObject)

/* --- model --------------------------------------------------------------- */

/* Reads the article's range, eras and events (once: O(n)). */
TreatiesTimelineLayout      *treaties_timeline_layout_new              (TreatiesArticle        *article);
TreatiesArticle             *treaties_timeline_layout_get_article      (TreatiesTimelineLayout *self);
guint                        treaties_timeline_layout_get_n_events     (TreatiesTimelineLayout *self);
/* The event at @index in date order (borrowed). */
TreatiesEvent               *treaties_timeline_layout_get_event        (TreatiesTimelineLayout *self,
                                                                        guint                   index);
TreatiesDay                  treaties_timeline_layout_get_event_date   (TreatiesTimelineLayout *self,
                                                                        guint                   index);
/* Index of @event in date order, by binary search; FALSE if not there. */
gboolean                     treaties_timeline_layout_find_event       (TreatiesTimelineLayout *self,
                                                                        TreatiesEvent          *event,
                                                                        guint                  *out_index);
/* Index of the article's own event, or -1. */
int                          treaties_timeline_layout_get_primary_index (TreatiesTimelineLayout *self);
/* First event whose date is >= @day (n_events if none): binary search. */
guint                        treaties_timeline_layout_lower_bound      (TreatiesTimelineLayout *self,
                                                                        double                  day);
/* Events whose dates lie in [@first_day, @last_day]: binary search. */
void                         treaties_timeline_layout_get_range_events (TreatiesTimelineLayout *self,
                                                                        double                  first_day,
                                                                        double                  last_day,
                                                                        guint                  *out_first,
                                                                        guint                  *out_n);

/* --- measuring ----------------------------------------------------------- */

/* Measures text with @context (its font, language and resolution) and takes
 * the line height from it. NULL: a crude 7 px per character, 16 px lines. */
void                         treaties_timeline_layout_set_pango_context (TreatiesTimelineLayout *self,
                                                                         PangoContext           *context);
/* Measures text with @func instead (for tests); height of a line of text. */
void                         treaties_timeline_layout_set_measure_func (TreatiesTimelineLayout      *self,
                                                                        TreatiesTimelineMeasureFunc  func,
                                                                        gpointer                     user_data,
                                                                        GDestroyNotify               destroy,
                                                                        double                       line_height);
/* Finds bars by walking every span instead of the interval index (for
 * tests, which compare the two). */
void                         treaties_timeline_layout_set_plain_bars   (TreatiesTimelineLayout *self,
                                                                        gboolean                plain);
/* Call when the font changed; label widths are measured again. */
void                         treaties_timeline_layout_invalidate_text  (TreatiesTimelineLayout *self);
/* At most this many label rows (default 3); fewer if the height is small. */
void                         treaties_timeline_layout_set_max_label_rows (TreatiesTimelineLayout *self,
                                                                          guint                   rows);
/* The height that shows every era row (up to 3) and max_label_rows rows. */
double                       treaties_timeline_layout_get_natural_height (TreatiesTimelineLayout *self);
double                       treaties_timeline_layout_get_min_height   (TreatiesTimelineLayout *self);

/* --- view ---------------------------------------------------------------- */

/* The figure's size; keeps the day at the centre in place. */
void                         treaties_timeline_layout_set_size         (TreatiesTimelineLayout *self,
                                                                        double                  width,
                                                                        double                  height);
double                       treaties_timeline_layout_get_width        (TreatiesTimelineLayout *self);
double                       treaties_timeline_layout_get_height       (TreatiesTimelineLayout *self);
/* Space kept at each end of the range when it is fitted (default 24). */
void                         treaties_timeline_layout_set_edge_margin  (TreatiesTimelineLayout *self,
                                                                        double                  margin);
/* Sets the view (then clamps it): the day at x = 0 and the scale. */
void                         treaties_timeline_layout_set_view         (TreatiesTimelineLayout *self,
                                                                        double                  start_day,
                                                                        double                  days_per_pixel);
double                       treaties_timeline_layout_get_view_start   (TreatiesTimelineLayout *self);
double                       treaties_timeline_layout_get_days_per_pixel (TreatiesTimelineLayout *self);
/* Shows [@first_day, @last_day] across the width (less the edge margins). */
void                         treaties_timeline_layout_set_visible_days (TreatiesTimelineLayout *self,
                                                                        double                  first_day,
                                                                        double                  last_day);
/* Shows the whole range. */
void                         treaties_timeline_layout_zoom_fit         (TreatiesTimelineLayout *self);
gboolean                     treaties_timeline_layout_is_fit           (TreatiesTimelineLayout *self);
gboolean                     treaties_timeline_layout_can_zoom_in      (TreatiesTimelineLayout *self);
/* Multiplies the pixels per day by @factor (> 1 zooms in), keeping the day
 * under @anchor_x under it (unless clamping at a range end moves it).
 * Returns TRUE if the view changed. */
gboolean                     treaties_timeline_layout_zoom             (TreatiesTimelineLayout *self,
                                                                        double                  factor,
                                                                        double                  anchor_x);
/* Moves the content by @dx pixels (positive: content moves right, earlier
 * dates come into view). Returns TRUE if the view changed. */
gboolean                     treaties_timeline_layout_pan              (TreatiesTimelineLayout *self,
                                                                        double                  dx);
/* Pans (and, if they do not fit, zooms out) the least needed so that
 * [@first_day, @last_day] is in view, @padding pixels from the edges.
 * Returns TRUE if the view changed. */
gboolean                     treaties_timeline_layout_ensure_visible   (TreatiesTimelineLayout *self,
                                                                        double                  first_day,
                                                                        double                  last_day,
                                                                        double                  padding);
/* The overview: the whole range drawn across a track from @track_x,
 * @track_width wide, and the visible days as a window on it. FALSE (and
 * no window) while the whole range is in view. */
gboolean                     treaties_timeline_layout_get_overview_window (TreatiesTimelineLayout *self,
                                                                           double                  track_x,
                                                                           double                  track_width,
                                                                           double                 *window_x,
                                                                           double                 *window_width);
/* Pans so that the overview's window starts at @window_x on that track. */
void                         treaties_timeline_layout_set_overview_window (TreatiesTimelineLayout *self,
                                                                           double                  track_x,
                                                                           double                  track_width,
                                                                           double                  window_x);
double                       treaties_timeline_layout_day_to_x         (TreatiesTimelineLayout *self,
                                                                        double                  day);
double                       treaties_timeline_layout_x_to_day         (TreatiesTimelineLayout *self,
                                                                        double                  x);

/* --- state that changes the figure --------------------------------------- */

/* Events to highlight (indices in date order, any order, copied). Their
 * markers are marked highlighted and their labels placed with priority. */
void                         treaties_timeline_layout_set_highlighted  (TreatiesTimelineLayout *self,
                                                                        const guint            *indices,
                                                                        guint                   n_indices);
gboolean                     treaties_timeline_layout_is_highlighted   (TreatiesTimelineLayout *self,
                                                                        guint                   index);
/* The event the reader chose (index in date order, or -1 for none): its
 * marker stands for it, and its label is placed before any other. */
void                         treaties_timeline_layout_set_selected     (TreatiesTimelineLayout *self,
                                                                        int                     index);
int                          treaties_timeline_layout_get_selected     (TreatiesTimelineLayout *self);

/* Only events in [@first_day, @last_day] get labels (default: all); their
 * neighbours outside keep their markers but take no room. The figure uses
 * this to label each of its strips' own events only. */
void                         treaties_timeline_layout_set_label_days   (TreatiesTimelineLayout *self,
                                                                        double                  first_day,
                                                                        double                  last_day);

/* --- results ------------------------------------------------------------- */

/* Places everything in view; cheap when nothing changed since last time. */
const TreatiesTimelineFrame *treaties_timeline_layout_compute          (TreatiesTimelineLayout *self);
/* The event under (@x, @y): a label's box, or a marker within its radius
 * plus @tolerance pixels (nearest wins). */
gboolean                     treaties_timeline_layout_hit_test         (TreatiesTimelineLayout *self,
                                                                        double                  x,
                                                                        double                  y,
                                                                        double                  tolerance,
                                                                        guint                  *out_index);
/* The badge under (@x, @y), within @tolerance pixels of its box, unless
 * a labelled marker (drawn over it) is there. */
gboolean                     treaties_timeline_layout_hit_badge        (TreatiesTimelineLayout *self,
                                                                        double                  x,
                                                                        double                  y,
                                                                        double                  tolerance,
                                                                        guint                  *out_badge);
/* The badge that holds event @index, if any in view. */
const TreatiesTimelineBadge *treaties_timeline_layout_find_badge       (TreatiesTimelineLayout *self,
                                                                        guint                   index);
/* Expands badge @badge of the current frame: zooms in (as far as one can)
 * to fit its events, first_day to last_day. Returns FALSE, leaving the view
 * alone, if that shows nothing more (its events share a day, or one cannot
 * zoom in further): then a painter lists them instead. */
gboolean                     treaties_timeline_layout_expand_badge     (TreatiesTimelineLayout *self,
                                                                        guint                   badge);
/* The marker that shows event @index, if it is in view. */
const TreatiesTimelineMarker *treaties_timeline_layout_find_marker     (TreatiesTimelineLayout *self,
                                                                        guint                   index);
/* The label of event @index, if it has one in view. */
const TreatiesTimelineLabel *treaties_timeline_layout_find_label       (TreatiesTimelineLayout *self,
                                                                        guint                   index);

G_END_DECLS
