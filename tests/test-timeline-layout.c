/* test-timeline-layout.c: the timeline's geometry, without a window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <string.h>

#include <pango/pangocairo.h>

#include "article-generator.h"
#include "treaties-article.h"
#include "treaties-timeline-layout.h"

#define CHAR_WIDTH  7.0
#define LINE_HEIGHT 16.0

typedef struct {
  const char *date;
  const char *title;
  gboolean    primary;
} TestEvent;

/* --- helpers --------------------------------------------------------------- */

static double
measure_cb (const char *text,
            gpointer    user_data)
{
  return CHAR_WIDTH * g_utf8_strlen (text, -1);
}

static TreatiesArticle *
article_new (const char       *start,
             const char       *end,
             const char       *eras_json,
             const TestEvent  *events,
             guint             n_events)
{
  g_autoptr(GString) json = g_string_new (NULL);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  TreatiesArticle *article;

  g_string_append (json,
                   "{\"format\":1,\"id\":\"test\",\"title\":\"Test\","
                   "\"sections\":[{\"id\":\"s\",\"title\":\"S\","
                   "\"blocks\":[{\"type\":\"paragraph\",\"text\":\"x\"}]}],");
  g_string_append_printf (json, "\"timeline\":{\"start\":\"%s\",\"end\":\"%s\",\"eras\":%s,\"events\":[",
                          start, end, eras_json ? eras_json : "[]");
  for (guint i = 0; i < n_events; i++)
    g_string_append_printf (json, "%s{\"id\":\"e%u\",\"date\":\"%s\",\"title\":\"%s\",\"sections\":[\"s\"]%s}",
                            i > 0 ? "," : "", i, events[i].date, events[i].title,
                            events[i].primary ? ",\"primary\":true" : "");
  g_string_append (json, "]}}");

  bytes = g_bytes_new (json->str, json->len);
  article = treaties_article_new_from_bytes (bytes, "test.json", &error);
  g_assert_no_error (error);
  g_assert_nonnull (article);
  return article;
}

/* @n events, one every @step days from @first (an ISO date). */
static TreatiesArticle *
article_new_regular (const char *start,
                     const char *end,
                     const char *first,
                     guint       n,
                     guint       step)
{
  g_autofree TestEvent *events = g_new0 (TestEvent, n);
  g_autoptr(GPtrArray) strings = g_ptr_array_new_with_free_func (g_free);
  TreatiesDay day;

  g_assert_true (treaties_day_parse (first, &day));
  for (guint i = 0; i < n; i++)
    {
      char *iso = treaties_day_to_iso (day + i * step);

      g_ptr_array_add (strings, iso);
      events[i].date = iso;
      events[i].title = "Event";
    }
  return article_new (start, end, NULL, events, n);
}

static TreatiesTimelineLayout *
layout_new (TreatiesArticle *article,
            double           width)
{
  TreatiesTimelineLayout *layout = treaties_timeline_layout_new (article);

  treaties_timeline_layout_set_measure_func (layout, measure_cb, NULL, NULL, LINE_HEIGHT);
  treaties_timeline_layout_set_size (layout, width, treaties_timeline_layout_get_natural_height (layout));
  return layout;
}

static TreatiesDay
day (const char *iso)
{
  TreatiesDay d;

  g_assert_true (treaties_day_parse (iso, &d));
  return d;
}

static const TreatiesTimelineTick *
find_tick (const TreatiesTimelineFrame *frame,
           int                          year,
           int                          month)
{
  for (guint i = 0; i < frame->n_ticks; i++)
    if (frame->ticks[i].year == year && frame->ticks[i].month == month)
      return &frame->ticks[i];
  return NULL;
}

/* --- tests ----------------------------------------------------------------- */

static void
test_range_ends (void)
{
  static const TestEvent events[] = {
    { "1918-11-11", "Armistice", FALSE },
    { "1931-10-29", "Treaty", TRUE },
    { "1939-09-01", "Invasion", FALSE },
  };
  g_autoptr(TreatiesArticle) article = article_new ("1918-11-11", "1939-09-01", NULL, events, 3);
  g_autoptr(TreatiesTimelineLayout) layout = layout_new (article, 1000);
  const TreatiesTimelineFrame *frame;

  treaties_timeline_layout_set_edge_margin (layout, 24);
  treaties_timeline_layout_zoom_fit (layout);
  g_assert_true (treaties_timeline_layout_is_fit (layout));

  /* The first and last days of the range sit exactly on the margins. */
  g_assert_cmpfloat_with_epsilon (treaties_timeline_layout_day_to_x (layout, day ("1918-11-11")), 24, 1e-6);
  g_assert_cmpfloat_with_epsilon (treaties_timeline_layout_day_to_x (layout, day ("1939-09-01")), 976, 1e-6);
  g_assert_cmpfloat_with_epsilon (treaties_timeline_layout_x_to_day (layout, 24), day ("1918-11-11"), 1e-6);
  g_assert_cmpfloat_with_epsilon (treaties_timeline_layout_x_to_day (layout, 976), day ("1939-09-01"), 1e-6);

  frame = treaties_timeline_layout_compute (layout);
  g_assert_cmpuint (frame->n_visible, ==, 3);
  g_assert_cmpuint (frame->n_markers, ==, 3);
  g_assert_cmpfloat_with_epsilon (frame->markers[0].x, 24, 1e-6);
  g_assert_cmpfloat_with_epsilon (frame->markers[2].x, 976, 1e-6);
  g_assert_cmpfloat_with_epsilon (frame->axis_start_x, 24, 1e-6);
  g_assert_cmpfloat_with_epsilon (frame->axis_end_x, 976, 1e-6);
  g_assert_true (frame->markers[1].primary);
  g_assert_false (frame->markers[0].primary);
  g_assert_cmpint (treaties_timeline_layout_get_primary_index (layout), ==, 1);

  /* Every label stays inside the figure, the last one ending at its marker. */
  for (guint i = 0; i < frame->n_labels; i++)
    {
      g_assert_cmpfloat (frame->labels[i].x, >=, 0);
      g_assert_cmpfloat (frame->labels[i].x + frame->labels[i].width, <=, 1000);
    }
  g_assert_cmpuint (frame->n_labels, ==, 3);
  g_assert_true (frame->labels[2].flipped);

  /* Panning cannot move the range out of view. */
  treaties_timeline_layout_zoom (layout, 8, 500);
  treaties_timeline_layout_pan (layout, 1e9);
  g_assert_cmpfloat_with_epsilon (treaties_timeline_layout_day_to_x (layout, day ("1918-11-11")), 24, 1e-6);
  treaties_timeline_layout_pan (layout, -1e9);
  g_assert_cmpfloat_with_epsilon (treaties_timeline_layout_day_to_x (layout, day ("1939-09-01")), 976, 1e-6);
}

static void
test_leap_years (void)
{
  g_autoptr(TreatiesArticle) article = article_new_regular ("1896-01-01", "2001-12-31", "1896-01-01", 1, 1);
  g_autoptr(TreatiesTimelineLayout) layout = layout_new (article, 1200);
  const TreatiesTimelineFrame *frame;
  static const struct { int year; int feb; } years[] = {
    { 1900, 28 }, { 1904, 29 }, { 1931, 28 }, { 1932, 29 }, { 2000, 29 },
  };

  /* Two pixels a day: months are ticked and labelled. */
  for (guint i = 0; i < G_N_ELEMENTS (years); i++)
    {
      const TreatiesTimelineTick *jan, *feb, *mar, *next_jan;
      char iso[16];
      int year_days = years[i].feb == 29 ? 366 : 365;

      g_snprintf (iso, sizeof iso, "%d-01-01", years[i].year);
      treaties_timeline_layout_set_view (layout, day (iso) - 5, 0.5);
      frame = treaties_timeline_layout_compute (layout);
      jan = find_tick (frame, years[i].year, 1);
      feb = find_tick (frame, years[i].year, 2);
      mar = find_tick (frame, years[i].year, 3);
      next_jan = find_tick (frame, years[i].year + 1, 1);
      g_assert_nonnull (jan);
      g_assert_nonnull (feb);
      g_assert_nonnull (mar);
      g_assert_nonnull (next_jan);
      g_assert_cmpint (jan->kind, ==, TREATIES_TIMELINE_TICK_YEAR);
      g_assert_cmpint (feb->kind, ==, TREATIES_TIMELINE_TICK_MONTH);
      g_assert_cmpfloat_with_epsilon (jan->x, 10, 1e-6);
      g_assert_cmpfloat_with_epsilon (feb->x - jan->x, 2 * 31, 1e-6);
      g_assert_cmpfloat_with_epsilon (mar->x - feb->x, 2 * years[i].feb, 1e-6);
      g_assert_cmpfloat_with_epsilon (next_jan->x - jan->x, 2 * year_days, 1e-6);
      g_assert_nonnull (feb->label);
    }

  /* Zoomed out, years only, and tick labels never overlap. */
  treaties_timeline_layout_zoom_fit (layout);
  frame = treaties_timeline_layout_compute (layout);
  for (guint i = 0; i < frame->n_ticks; i++)
    g_assert_cmpint (frame->ticks[i].kind, !=, TREATIES_TIMELINE_TICK_MONTH);
  {
    double last_end = -G_MAXDOUBLE;
    guint labelled = 0;

    for (guint i = 0; i < frame->n_ticks; i++)
      if (frame->ticks[i].label != NULL)
        {
          g_assert_cmpfloat (frame->ticks[i].label_x, >=, last_end);
          g_assert_cmpfloat (frame->ticks[i].label_x, >=, 0);
          g_assert_cmpfloat (frame->ticks[i].label_x + frame->ticks[i].label_width, <=, 1200);
          last_end = frame->ticks[i].label_x + frame->ticks[i].label_width;
          labelled++;
        }
    g_assert_cmpuint (labelled, >=, 5);
  }
}

static void
test_zoom_anchor (void)
{
  g_autoptr(TreatiesArticle) article = article_new_regular ("1918-11-11", "1939-09-01", "1920-01-01", 20, 300);
  g_autoptr(TreatiesTimelineLayout) layout = layout_new (article, 900);
  static const double anchors[] = { 0, 123.5, 450, 811, 900 };
  static const double factors[] = { 1.6, 2.0, 1.1, 1 / 1.6, 1 / 1.1 };

  treaties_timeline_layout_zoom (layout, 4, 450);
  for (guint a = 0; a < G_N_ELEMENTS (anchors); a++)
    for (guint f = 0; f < G_N_ELEMENTS (factors); f++)
      {
        double before, after;

        /* Start from a view in the middle, where nothing clamps. */
        treaties_timeline_layout_set_view (layout, day ("1927-01-01"), 2.0);
        before = treaties_timeline_layout_x_to_day (layout, anchors[a]);
        g_assert_true (treaties_timeline_layout_zoom (layout, factors[f], anchors[a]));
        after = treaties_timeline_layout_x_to_day (layout, anchors[a]);
        g_assert_cmpfloat_with_epsilon (before, after, 1e-6);
        g_assert_cmpfloat_with_epsilon (treaties_timeline_layout_get_days_per_pixel (layout), 2.0 / factors[f], 1e-9);
      }

  /* Zooming out stops at the whole range, zooming in at the limit. */
  for (guint i = 0; i < 40; i++)
    treaties_timeline_layout_zoom (layout, 0.5, 300);
  g_assert_true (treaties_timeline_layout_is_fit (layout));
  g_assert_false (treaties_timeline_layout_zoom (layout, 0.5, 300));
  for (guint i = 0; i < 40; i++)
    treaties_timeline_layout_zoom (layout, 2, 300);
  g_assert_false (treaties_timeline_layout_can_zoom_in (layout));
  g_assert_cmpfloat_with_epsilon (treaties_timeline_layout_get_days_per_pixel (layout),
                                  1 / TREATIES_TIMELINE_MAX_PIXELS_PER_DAY, 1e-12);
}

static void
test_ensure_visible (void)
{
  g_autoptr(TreatiesArticle) article = article_new_regular ("1918-11-11", "1939-09-01", "1920-01-01", 20, 300);
  g_autoptr(TreatiesTimelineLayout) layout = layout_new (article, 800);
  double x;

  treaties_timeline_layout_set_visible_days (layout, day ("1920-01-01"), day ("1921-01-01"));
  x = treaties_timeline_layout_day_to_x (layout, day ("1935-06-01"));
  g_assert_cmpfloat (x, >, 800);
  g_assert_true (treaties_timeline_layout_ensure_visible (layout, day ("1935-06-01"), day ("1935-06-01"), 40));
  x = treaties_timeline_layout_day_to_x (layout, day ("1935-06-01"));
  g_assert_cmpfloat_with_epsilon (x, 760, 1e-6);
  /* Already in view: nothing moves. */
  g_assert_false (treaties_timeline_layout_ensure_visible (layout, day ("1935-06-01"), day ("1935-06-01"), 40));

  /* A span wider than the view zooms out to fit it. */
  g_assert_true (treaties_timeline_layout_ensure_visible (layout, day ("1922-01-01"), day ("1930-01-01"), 40));
  g_assert_cmpfloat (treaties_timeline_layout_day_to_x (layout, day ("1922-01-01")), >=, 40 - 1e-6);
  g_assert_cmpfloat (treaties_timeline_layout_day_to_x (layout, day ("1930-01-01")), <=, 760 + 1e-6);
}

static void
assert_labels_disjoint (const TreatiesTimelineFrame *frame)
{
  for (guint i = 0; i < frame->n_labels; i++)
    {
      const TreatiesTimelineLabel *a = &frame->labels[i];

      g_assert_cmpuint (a->row, <, frame->n_label_rows);
      g_assert_cmpfloat (a->x, >=, 0);
      g_assert_cmpfloat (a->x + a->width, <=, frame->width + 1e-6);
      g_assert_cmpfloat (a->text_width, >, 0);
      g_assert_cmpfloat (a->text_x, >=, a->x);
      g_assert_cmpfloat (a->text_x + a->text_width, <=, a->x + a->width + 1e-6);
      /* The label touches its leader line. */
      g_assert_cmpfloat (a->anchor_x, >=, a->x - 1e-6);
      g_assert_cmpfloat (a->anchor_x, <=, a->x + a->width + 1e-6);

      for (guint j = i + 1; j < frame->n_labels; j++)
        {
          const TreatiesTimelineLabel *b = &frame->labels[j];

          /* No leader line runs through a label below its own. */
          if (a->row < b->row)
            g_assert_false (b->anchor_x > a->x && b->anchor_x < a->x + a->width);
          if (b->row < a->row)
            g_assert_false (a->anchor_x > b->x && a->anchor_x < b->x + b->width);
          if (a->row != b->row)
            continue;
          /* No two labels of a row overlap. */
          g_assert_true (a->x + a->width <= b->x || b->x + b->width <= a->x);
        }
    }
}

static void
test_label_collision (void)
{
  static const TestEvent events[] = {
    { "1931-01-01", "A rather long title that cannot fit before the next one", FALSE },
    { "1931-01-04", "Second event with a long title as well", FALSE },
    { "1931-01-08", "Third", FALSE },
    { "1931-01-12", "The article's own event, never shortened", TRUE },
    { "1931-01-15", "Fifth event, also long enough to collide", FALSE },
    { "1931-01-19", "Sixth", FALSE },
    { "1931-01-25", "Seventh event near the end of the view", FALSE },
    { "1931-02-20", "Eighth", FALSE },
  };
  g_autoptr(TreatiesArticle) article = article_new ("1930-01-01", "1932-12-31", NULL, events, G_N_ELEMENTS (events));
  g_autoptr(TreatiesTimelineLayout) layout = layout_new (article, 640);
  const TreatiesTimelineFrame *frame;
  gboolean primary_labelled = FALSE;

  for (guint rows = 1; rows <= 4; rows++)
    {
      treaties_timeline_layout_set_max_label_rows (layout, rows);
      treaties_timeline_layout_set_size (layout, 640, treaties_timeline_layout_get_natural_height (layout));
      /* 10 pixels a day from 31 December 1930. */
      treaties_timeline_layout_set_view (layout, day ("1930-12-31"), 0.1);
      frame = treaties_timeline_layout_compute (layout);
      g_assert_cmpuint (frame->n_label_rows, ==, rows);
      g_assert_cmpuint (frame->n_markers, ==, G_N_ELEMENTS (events));
      g_assert_cmpuint (frame->n_labels, >=, 1);
      assert_labels_disjoint (frame);

      primary_labelled = FALSE;
      for (guint i = 0; i < frame->n_labels; i++)
        {
          double natural = measure_cb (events[frame->labels[i].event_index].title, NULL);

          if (frame->labels[i].ellipsized)
            g_assert_cmpfloat (frame->labels[i].text_width, <, natural);
          else
            g_assert_cmpfloat_with_epsilon (frame->labels[i].text_width, natural, 1e-6);
          if (frame->labels[i].event_index == 3)
            {
              primary_labelled = TRUE;
              g_assert_true (frame->labels[i].priority);
              g_assert_false (frame->labels[i].ellipsized);
            }
        }
      g_assert_true (primary_labelled);
    }

  /* One row: the primary label is whole, and the ordinary labels it would
   * cover make way; the others keep their date order, the last one whole. */
  treaties_timeline_layout_set_max_label_rows (layout, 1);
  treaties_timeline_layout_set_view (layout, day ("1930-12-31"), 0.1);
  frame = treaties_timeline_layout_compute (layout);
  assert_labels_disjoint (frame);
  for (guint i = 1; i < frame->n_labels; i++)
    g_assert_cmpuint (frame->labels[i - 1].event_index, <, frame->labels[i].event_index);
  g_assert_nonnull (treaties_timeline_layout_find_label (layout, 3));
  g_assert_false (treaties_timeline_layout_find_label (layout, 3)->ellipsized);
  for (guint i = 4; i <= 6; i++)
    g_assert_null (treaties_timeline_layout_find_label (layout, i));
  g_assert_cmpuint (frame->labels[frame->n_labels - 1].event_index, ==, 7);
  g_assert_false (frame->labels[frame->n_labels - 1].ellipsized);
}

/* A label takes a free row before it is shortened: close events with long
 * titles climb as a staircase, every one whole. */
static void
test_label_free_row (void)
{
  static const TestEvent events[] = {
    { "1931-01-01", "The first of three close events", FALSE },
    { "1931-01-06", "The second of three close events", FALSE },
    { "1931-01-11", "The third of three close events", FALSE },
  };
  g_autoptr(TreatiesArticle) article = article_new ("1930-01-01", "1932-12-31", NULL, events, G_N_ELEMENTS (events));
  g_autoptr(TreatiesTimelineLayout) layout = layout_new (article, 800);
  const TreatiesTimelineFrame *frame;

  /* 10 pixels a day: 50 pixels apart, labels over 200 wide. */
  treaties_timeline_layout_set_view (layout, day ("1930-12-21"), 0.1);
  frame = treaties_timeline_layout_compute (layout);
  g_assert_cmpuint (frame->n_label_rows, ==, 3);
  g_assert_cmpuint (frame->n_labels, ==, 3);
  assert_labels_disjoint (frame);
  for (guint i = 0; i < frame->n_labels; i++)
    {
      g_assert_false (frame->labels[i].ellipsized);
      /* Each starts at its marker; the earliest is highest. */
      g_assert_cmpfloat_with_epsilon (frame->labels[i].x, frame->labels[i].anchor_x - 1, 1e-6);
      g_assert_cmpuint (frame->labels[i].row, ==, 2 - i);
    }

  /* With two rows one of them has to be shortened (or go), never hide a
   * leader. */
  treaties_timeline_layout_set_max_label_rows (layout, 2);
  treaties_timeline_layout_set_size (layout, 800, treaties_timeline_layout_get_natural_height (layout));
  treaties_timeline_layout_set_view (layout, day ("1930-12-21"), 0.1);
  frame = treaties_timeline_layout_compute (layout);
  g_assert_cmpuint (frame->n_label_rows, ==, 2);
  assert_labels_disjoint (frame);
}

/* The article's own event with a long title amid close ordinary events: its
 * label goes high and reaches no further left than it must, so the events
 * under it keep their labels, below it. */
static void
test_label_priority_cluster (void)
{
  static const TestEvent events[] = {
    { "1931-08-10", "Pact initialled", FALSE },
    { "1931-10-29", "A neutrality treaty, as the article dates it", TRUE },
    { "1932-07-25", "Other pact", FALSE },
    { "1932-11-29", "Pact signed", FALSE },
    { "1933-01-30", "Chancellor", FALSE },
  };
  g_autoptr(TreatiesArticle) article = article_new ("1930-01-01", "1934-12-31", NULL, events, G_N_ELEMENTS (events));
  g_autoptr(TreatiesTimelineLayout) layout = layout_new (article, 800);
  const TreatiesTimelineFrame *frame;
  const TreatiesTimelineLabel *primary;

  treaties_timeline_layout_zoom_fit (layout);
  frame = treaties_timeline_layout_compute (layout);
  assert_labels_disjoint (frame);
  g_assert_cmpuint (frame->n_labels, ==, G_N_ELEMENTS (events));
  primary = treaties_timeline_layout_find_label (layout, 1);
  g_assert_nonnull (primary);
  g_assert_true (primary->priority);
  g_assert_false (primary->ellipsized);
  for (guint i = 0; i < frame->n_labels; i++)
    {
      g_assert_false (frame->labels[i].ellipsized);
      /* Whatever starts under the primary label sits below it. */
      if (frame->labels[i].anchor_x > primary->x && frame->labels[i].anchor_x < primary->x + primary->width &&
          frame->labels[i].event_index != 1)
        g_assert_cmpuint (frame->labels[i].row, <, primary->row);
    }
}

static void
test_label_pango (void)
{
  static const TestEvent events[] = {
    { "1931-01-01", "Franco-Soviet Pact of Non-Aggression signed", FALSE },
    { "1931-01-03", "Hitler appointed Chancellor", FALSE },
  };
  g_autoptr(TreatiesArticle) article = article_new ("1930-01-01", "1932-12-31", NULL, events, 2);
  g_autoptr(TreatiesTimelineLayout) layout = treaties_timeline_layout_new (article);
  PangoFontMap *font_map;
  PangoContext *context;
  const TreatiesTimelineFrame *frame;

  /* Without a window: measure with a plain Pango context. */
  font_map = pango_cairo_font_map_new ();
  context = pango_font_map_create_context (font_map);
  treaties_timeline_layout_set_pango_context (layout, context);
  treaties_timeline_layout_set_size (layout, 600, treaties_timeline_layout_get_natural_height (layout));
  treaties_timeline_layout_set_view (layout, day ("1930-12-31"), 0.05);
  frame = treaties_timeline_layout_compute (layout);
  g_assert_cmpfloat (frame->line_height, >, 4);
  g_assert_cmpuint (frame->n_labels, ==, 2);
  assert_labels_disjoint (frame);

  g_object_unref (context);
  g_object_unref (font_map);
}

static void
test_hit_test_edges (void)
{
  static const TestEvent events[] = {
    { "1925-01-01", "Plain", FALSE },
    { "1930-01-01", "Primary", TRUE },
  };
  g_autoptr(TreatiesArticle) article = article_new ("1920-01-01", "1935-12-31", NULL, events, 2);
  g_autoptr(TreatiesTimelineLayout) layout = layout_new (article, 1000);
  const TreatiesTimelineFrame *frame;
  const double tol = 4;
  guint index = G_MAXUINT;

  treaties_timeline_layout_zoom_fit (layout);
  frame = treaties_timeline_layout_compute (layout);
  g_assert_cmpuint (frame->n_markers, ==, 2);
  g_assert_cmpfloat (frame->markers[1].radius, >, frame->markers[0].radius);

  for (guint m = 0; m < 2; m++)
    {
      const TreatiesTimelineMarker *marker = &frame->markers[m];
      double reach = marker->radius + tol;

      /* Centre, and exactly at the edge on either side: a hit. */
      g_assert_true (treaties_timeline_layout_hit_test (layout, marker->x, marker->y, tol, &index));
      g_assert_cmpuint (index, ==, m);
      g_assert_true (treaties_timeline_layout_hit_test (layout, marker->x + reach, marker->y, tol, &index));
      g_assert_cmpuint (index, ==, m);
      g_assert_true (treaties_timeline_layout_hit_test (layout, marker->x - reach, marker->y, tol, &index));
      g_assert_cmpuint (index, ==, m);
      g_assert_true (treaties_timeline_layout_hit_test (layout, marker->x, marker->y + reach, tol, &index));
      /* Just past it: a miss (there is no label down there). */
      g_assert_false (treaties_timeline_layout_hit_test (layout, marker->x + reach + 0.01, marker->y, tol, NULL));
      g_assert_false (treaties_timeline_layout_hit_test (layout, marker->x - reach - 0.01, marker->y, tol, NULL));
      g_assert_false (treaties_timeline_layout_hit_test (layout, marker->x, marker->y + reach + 0.01, tol, NULL));
      /* Without tolerance the marker's own radius still counts. */
      g_assert_true (treaties_timeline_layout_hit_test (layout, marker->x + marker->radius, marker->y, 0, NULL));
      g_assert_false (treaties_timeline_layout_hit_test (layout, marker->x + marker->radius + 0.01, marker->y, 0, NULL));
    }

  /* A label is a target too. */
  g_assert_cmpuint (frame->n_labels, ==, 2);
  g_assert_true (treaties_timeline_layout_hit_test (layout,
                                                    frame->labels[0].x + frame->labels[0].width / 2,
                                                    frame->labels[0].y + frame->labels[0].height / 2,
                                                    tol, &index));
  g_assert_cmpuint (index, ==, frame->labels[0].event_index);
  g_assert_false (treaties_timeline_layout_hit_test (layout, 1, 1, tol, NULL));
}

static void
test_hit_test_nearest (void)
{
  static const TestEvent events[] = {
    { "1930-01-01", "A", FALSE },
    { "1930-01-02", "B", FALSE },
  };
  g_autoptr(TreatiesArticle) article = article_new ("1929-01-01", "1931-12-31", NULL, events, 2);
  g_autoptr(TreatiesTimelineLayout) layout = layout_new (article, 800);
  const TreatiesTimelineFrame *frame;
  guint index;

  /* Zoomed in so that the markers' reach overlaps: the nearest one wins. */
  treaties_timeline_layout_set_view (layout, day ("1929-12-31"), 1 / 8.0);
  frame = treaties_timeline_layout_compute (layout);
  g_assert_cmpuint (frame->n_markers, ==, 2);
  g_assert_cmpfloat_with_epsilon (frame->markers[1].x - frame->markers[0].x, 8, 1e-6);
  g_assert_true (treaties_timeline_layout_hit_test (layout, frame->markers[0].x + 3.9, frame->axis_y, 4, &index));
  g_assert_cmpuint (index, ==, 0);
  g_assert_true (treaties_timeline_layout_hit_test (layout, frame->markers[0].x + 4.1, frame->axis_y, 4, &index));
  g_assert_cmpuint (index, ==, 1);
}

static void
test_hit_test_nearest_primary (void)
{
  static const TestEvent events[] = {
    { "1931-08-10", "Initialled", FALSE },
    { "1931-10-29", "Primary", TRUE },
    { "1932-01-07", "After", FALSE },
  };
  g_autoptr(TreatiesArticle) article = article_new ("1918-11-11", "1939-09-01", NULL, events, 3);
  g_autoptr(TreatiesTimelineLayout) layout = layout_new (article, 880);
  const TreatiesTimelineFrame *frame;
  guint index;
  double mid;

  /* The whole range, as the app opens: the article's own event is a larger
   * mark 80 days (under 10 pixels) from its neighbours, yet each is found,
   * the nearest centre winning even within the larger mark's reach. */
  treaties_timeline_layout_zoom_fit (layout);
  frame = treaties_timeline_layout_compute (layout);
  g_assert_cmpuint (frame->n_markers, ==, 3);
  g_assert_cmpfloat (frame->markers[1].x - frame->markers[0].x, <, 10);
  g_assert_cmpfloat (frame->markers[1].radius, <, frame->markers[1].x - frame->markers[0].x);
  for (guint m = 0; m < 3; m++)
    {
      g_assert_true (treaties_timeline_layout_hit_test (layout, frame->markers[m].x, frame->axis_y, 4, &index));
      g_assert_cmpuint (index, ==, m);
    }
  for (guint m = 0; m < 2; m++)
    {
      mid = (frame->markers[m].x + frame->markers[m + 1].x) / 2;
      g_assert_true (treaties_timeline_layout_hit_test (layout, mid - 0.2, frame->axis_y, 4, &index));
      g_assert_cmpuint (index, ==, m);
      g_assert_true (treaties_timeline_layout_hit_test (layout, mid + 0.2, frame->axis_y, 4, &index));
      g_assert_cmpuint (index, ==, m + 1);
    }
}

static void
test_visible_range (void)
{
  /* 20,000 events, one every other day from 1900. */
  g_autoptr(TreatiesArticle) article = article_new_regular ("1900-01-01", "2020-12-31", "1900-01-02", 20000, 2);
  g_autoptr(TreatiesTimelineLayout) layout = layout_new (article, 1000);
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  guint n = treaties_timeline_layout_get_n_events (layout);
  TreatiesDay first_date = treaties_timeline_layout_get_event_date (layout, 0);

  g_assert_cmpuint (n, ==, 20000);
  for (guint i = 1; i < n; i++)
    g_assert_cmpuint (treaties_timeline_layout_get_event_date (layout, i - 1), <=,
                      treaties_timeline_layout_get_event_date (layout, i));

  for (guint k = 0; k < 200; k++)
    {
      double a = first_date - 50 + g_rand_double_range (rand, 0, 2 * n + 100);
      double b = a + g_rand_double_range (rand, 0, 3000);
      guint first, count, linear_first = n, linear_count = 0;

      treaties_timeline_layout_get_range_events (layout, a, b, &first, &count);
      for (guint i = 0; i < n; i++)
        {
          TreatiesDay d = treaties_timeline_layout_get_event_date (layout, i);

          if (d >= a && d <= b)
            {
              if (linear_first == n)
                linear_first = i;
              linear_count++;
            }
        }
      g_assert_cmpuint (count, ==, linear_count);
      if (count > 0)
        g_assert_cmpuint (first, ==, linear_first);
    }

  /* The frame's visible range agrees, and markers account for every event in it. */
  for (guint k = 0; k < 20; k++)
    {
      const TreatiesTimelineFrame *frame;
      guint covered = 0;

      treaties_timeline_layout_set_view (layout, first_date + g_rand_double_range (rand, 0, 2 * n),
                                         g_rand_double_range (rand, 0.05, 40));
      frame = treaties_timeline_layout_compute (layout);
      for (guint i = 0; i < frame->n_markers; i++)
        {
          g_assert_cmpuint (frame->markers[i].first, ==, frame->first_visible + covered);
          covered += frame->markers[i].n_events;
          if (i > 0)
            g_assert_cmpfloat (frame->markers[i].x - frame->markers[i - 1].x, >=, 1.0 - 1e-9);
        }
      g_assert_cmpuint (covered, ==, frame->n_visible);
      /* Never more markers than pixels. */
      g_assert_cmpuint (frame->n_markers, <=, frame->width + 16);
      assert_labels_disjoint (frame);
    }
}

/* A crowded article: @n events on days drawn at random (with @seed) over
 * the interwar range, with titles of many lengths, one on each end of the
 * range, and the article's own event in the middle. */
static TreatiesArticle *
article_new_crowded (guint n,
                     guint seed)
{
  static const char *tails[] = { "", " signed", " at the conference of the powers", " ends",
                                 " and its long consequences for the peace of Europe" };
  g_autofree TestEvent *events = g_new0 (TestEvent, n);
  g_autoptr(GPtrArray) strings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  TreatiesDay start = day ("1918-11-11"), end = day ("1939-09-01");

  g_assert_cmpuint (n, >=, 3);
  for (guint i = 0; i < n; i++)
    {
      TreatiesDay d = i == 0 ? start : i == 1 ? end : i == 2 ? day ("1931-10-29")
                    : (TreatiesDay) g_rand_int_range (rand, start, end + 1);
      char *iso = treaties_day_to_iso (d);
      char *title = g_strdup_printf ("Event %u%s", i, tails[g_rand_int_range (rand, 0, G_N_ELEMENTS (tails))]);

      g_ptr_array_add (strings, iso);
      g_ptr_array_add (strings, title);
      events[i].date = iso;
      events[i].title = title;
      events[i].primary = i == 2;
    }
  return article_new ("1918-11-11", "1939-09-01", NULL, events, n);
}

/* The zoom levels from the whole range in to the closest, by @factor. */
static GArray *
zoom_levels (TreatiesTimelineLayout *layout,
             double                  factor)
{
  GArray *levels = g_array_new (FALSE, FALSE, sizeof (double));

  treaties_timeline_layout_zoom_fit (layout);
  for (;;)
    {
      double dpp = treaties_timeline_layout_get_days_per_pixel (layout);

      g_array_append_val (levels, dpp);
      if (!treaties_timeline_layout_can_zoom_in (layout))
        break;
      treaties_timeline_layout_zoom (layout, factor, treaties_timeline_layout_get_width (layout) / 2);
    }
  g_assert_cmpuint (levels->len, >=, 8);
  return levels;
}

/* Shows @index at @days_per_pixel, @padding pixels in from the edges at least. */
static void
show_event (TreatiesTimelineLayout *layout,
            guint                   index,
            double                  days_per_pixel)
{
  double d = treaties_timeline_layout_get_event_date (layout, index);

  treaties_timeline_layout_set_view (layout, d - treaties_timeline_layout_get_width (layout) / 2 * days_per_pixel,
                                     days_per_pixel);
  treaties_timeline_layout_ensure_visible (layout, d, d, 32);
}

static gboolean
in_view (const TreatiesTimelineFrame *frame,
         guint                        index)
{
  return index >= frame->first_visible && index < frame->first_visible + frame->n_visible;
}

/* Whatever the zoom and whichever event is chosen, its label is there. */
static void
test_selected_every_zoom (void)
{
  g_autoptr(TreatiesArticle) article = article_new_crowded (400, 7);
  g_autoptr(TreatiesTimelineLayout) layout = layout_new (article, 800);
  g_autoptr(GArray) levels = zoom_levels (layout, 1.6);
  guint n = treaties_timeline_layout_get_n_events (layout);
  guint highlighted[] = { 5, 17, 60, 61, 62, 150, 151, 300, 398 };
  guint n_checked = 0;

  treaties_timeline_layout_set_highlighted (layout, highlighted, G_N_ELEMENTS (highlighted));
  for (guint z = 0; z < levels->len; z++)
    for (guint i = 0; i < n; i += (z == 0 ? 1 : 7))
      {
        double dpp = g_array_index (levels, double, z);
        const TreatiesTimelineFrame *frame;
        const TreatiesTimelineLabel *label;
        const TreatiesTimelineMarker *marker;

        treaties_timeline_layout_set_selected (layout, i);
        g_assert_cmpint (treaties_timeline_layout_get_selected (layout), ==, i);
        show_event (layout, i, dpp);
        frame = treaties_timeline_layout_compute (layout);
        g_assert_true (in_view (frame, i));

        /* Its marker stands for it, even among others within a pixel. */
        marker = treaties_timeline_layout_find_marker (layout, i);
        g_assert_nonnull (marker);
        g_assert_true (marker->selected);
        g_assert_cmpuint (marker->event_index, ==, i);

        label = treaties_timeline_layout_find_label (layout, i);
        if (label == NULL)
          g_error ("zoom %u (%g days per pixel): event %u has no label", z, dpp, i);
        g_assert_true (label->priority);
        g_assert_cmpfloat (label->text_width, >=, 40);
        assert_labels_disjoint (frame);
        n_checked++;
      }
  g_assert_cmpuint (n_checked, >, 400);

  /* None chosen: an index out of range means none. */
  treaties_timeline_layout_set_selected (layout, n);
  g_assert_cmpint (treaties_timeline_layout_get_selected (layout), ==, -1);
}

/* The labels of the priority events among all the events, against those of
 * the same events alone: an event of lower priority never takes a label
 * from one of higher priority. */
static void
test_priority_holds (void)
{
  g_autoptr(TreatiesArticle) article = article_new_crowded (400, 11);
  g_autoptr(TreatiesTimelineLayout) layout = layout_new (article, 800);
  g_autoptr(GArray) levels = zoom_levels (layout, 1.6);
  guint n = treaties_timeline_layout_get_n_events (layout);
  int primary = treaties_timeline_layout_get_primary_index (layout);
  guint highlighted[] = { 3, 4, 40, 41, 42, 43, 44, 45, 200, 201, 202, 203, 350 };
  guint n_compared = 0;

  g_assert_cmpint (primary, >=, 0);
  treaties_timeline_layout_set_highlighted (layout, highlighted, G_N_ELEMENTS (highlighted));
  for (guint z = 0; z < levels->len; z++)
    for (guint s = 0; s < n; s += 37)
      {
        double dpp = g_array_index (levels, double, z);
        g_autofree TestEvent *few = g_new0 (TestEvent, G_N_ELEMENTS (highlighted) + 2);
        g_autofree guint *few_highlighted = g_new0 (guint, G_N_ELEMENTS (highlighted));
        g_autoptr(TreatiesArticle) alone_article = NULL;
        g_autoptr(TreatiesTimelineLayout) alone = NULL;
        g_autoptr(GHashTable) wanted = g_hash_table_new (g_str_hash, g_str_equal);
        g_autofree char **isos = g_new0 (char *, G_N_ELEMENTS (highlighted) + 2);
        const TreatiesTimelineFrame *frame, *alone_frame;
        guint n_few = 0, n_few_highlighted = 0, alone_n;
        int alone_selected = -1;
        gboolean shared;

        treaties_timeline_layout_set_selected (layout, s);
        show_event (layout, s, dpp);
        frame = treaties_timeline_layout_compute (layout);

        /* The chosen event, the article's own and the highlighted ones,
         * alone, in the same view. */
        for (guint i = 0; i < n; i++)
          {
            TreatiesEvent *event = treaties_timeline_layout_get_event (layout, i);
            gboolean is_highlighted = treaties_timeline_layout_is_highlighted (layout, i);

            if (!(i == s || (int) i == primary || is_highlighted))
              continue;
            isos[n_few] = treaties_day_to_iso (treaties_event_get_date (event));
            few[n_few].date = isos[n_few];
            few[n_few].title = treaties_event_get_title (event);
            few[n_few].primary = (int) i == primary;
            n_few++;
          }
        alone_article = article_new ("1918-11-11", "1939-09-01", NULL, few, n_few);
        alone = layout_new (alone_article, 800);
        alone_n = treaties_timeline_layout_get_n_events (alone);
        for (guint j = 0; j < alone_n; j++)
          {
            const char *title = treaties_event_get_title (treaties_timeline_layout_get_event (alone, j));

            for (guint i = 0; i < n; i++)
              if (g_str_equal (title, treaties_event_get_title (treaties_timeline_layout_get_event (layout, i))))
                {
                  if (i == s)
                    alone_selected = j;
                  if (treaties_timeline_layout_is_highlighted (layout, i))
                    few_highlighted[n_few_highlighted++] = j;
                  break;
                }
          }
        treaties_timeline_layout_set_highlighted (alone, few_highlighted, n_few_highlighted);
        treaties_timeline_layout_set_selected (alone, alone_selected);
        treaties_timeline_layout_set_view (alone, treaties_timeline_layout_get_view_start (layout), dpp);
        g_assert_cmpfloat_with_epsilon (treaties_timeline_layout_get_view_start (alone),
                                        treaties_timeline_layout_get_view_start (layout), 1e-6);
        alone_frame = treaties_timeline_layout_compute (alone);

        /* A marker that holds several events lies up to a pixel off the
         * place of the one it stands for, and stands for one only: alone,
         * the priority events would not be placed the same way. Compare
         * views where each has a marker of its own. */
        shared = FALSE;
        for (guint k = 0; k < frame->n_markers; k++)
          if (frame->markers[k].n_events > 1 &&
              (frame->markers[k].selected || frame->markers[k].primary || frame->markers[k].highlighted))
            shared = TRUE;
        if (shared)
          {
            for (guint k = 0; k < n_few; k++)
              g_free (isos[k]);
            continue;
          }

        for (guint k = 0; k < alone_frame->n_labels; k++)
          g_hash_table_add (wanted, (char *) treaties_event_get_title (
                              treaties_timeline_layout_get_event (alone, alone_frame->labels[k].event_index)));
        for (guint i = 0; i < n; i++)
          {
            const char *title = treaties_event_get_title (treaties_timeline_layout_get_event (layout, i));

            if (!g_hash_table_contains (wanted, title))
              continue;
            if (treaties_timeline_layout_find_label (layout, i) == NULL)
              g_error ("zoom %u, selected %u: \"%s\" lost its label to an event of lower priority",
                       z, s, title);
            n_compared++;
          }
        for (guint k = 0; k < n_few; k++)
          g_free (isos[k]);
      }
  g_test_message ("%u labels of priority events compared", n_compared);
  g_assert_cmpuint (n_compared, >, 100);
}

/* The events on the range's ends, chosen or not, at every zoom: their
 * labels and markers lie inside the figure, with room for a focus ring. */
static void
test_range_end_labels (void)
{
  g_autoptr(TreatiesArticle) article = article_new_crowded (120, 3);
  g_autoptr(TreatiesTimelineLayout) layout = layout_new (article, 640);
  g_autoptr(GArray) levels = zoom_levels (layout, 1.6);
  guint n = treaties_timeline_layout_get_n_events (layout);
  guint ends[] = { 0, n - 1 };

  g_assert_cmpuint (treaties_timeline_layout_get_event_date (layout, 0), ==, day ("1918-11-11"));
  g_assert_cmpuint (treaties_timeline_layout_get_event_date (layout, n - 1), ==, day ("1939-09-01"));
  for (guint z = 0; z < levels->len; z++)
    for (guint e = 0; e < G_N_ELEMENTS (ends); e++)
      for (guint chosen = 0; chosen < 2; chosen++)
        {
          const TreatiesTimelineFrame *frame;
          const TreatiesTimelineLabel *label;
          const TreatiesTimelineMarker *marker;

          treaties_timeline_layout_set_selected (layout, chosen ? (int) ends[e] : -1);
          show_event (layout, ends[e], g_array_index (levels, double, z));
          frame = treaties_timeline_layout_compute (layout);
          /* (A label may reach nearer an end only for a marker that
           * is itself nearer, scrolling out of view.) */
          for (guint k = 0; k < frame->n_labels; k++)
            if (frame->labels[k].anchor_x >= 5 && frame->labels[k].anchor_x <= frame->width - 5)
              {
                g_assert_cmpfloat (frame->labels[k].x, >=, 4 - 1e-6);
                g_assert_cmpfloat (frame->labels[k].x + frame->labels[k].width, <=, frame->width - 4 + 1e-6);
              }
          marker = treaties_timeline_layout_find_marker (layout, ends[e]);
          g_assert_nonnull (marker);
          g_assert_cmpfloat (marker->x - marker->radius, >=, 0);
          g_assert_cmpfloat (marker->x + marker->radius, <=, frame->width);
          label = treaties_timeline_layout_find_label (layout, ends[e]);
          if (label != NULL)
            {
              g_assert_cmpfloat (label->x, >=, 4 - 1e-6);
              g_assert_cmpfloat (label->x + label->width, <=, frame->width - 4 + 1e-6);
            }
          if (chosen)
            {
              g_assert_nonnull (label);
              /* On the right end it reaches back left of its marker. */
              if (e == 1 && label->width > 40)
                g_assert_true (label->flipped || label->x + label->width <= frame->width - 4 + 1e-6);
            }
          assert_labels_disjoint (frame);
        }
}

static void
test_eras (void)
{
  static const TestEvent events[] = { { "1930-01-01", "E", FALSE } };
  const char *eras =
    "[{\"id\":\"a\",\"title\":\"Peace\",\"start\":\"1919-01-18\",\"end\":\"1923-07-24\"},"
    " {\"id\":\"b\",\"title\":\"Locarno\",\"start\":\"1925-12-01\",\"end\":\"1929-10-29\"},"
    " {\"id\":\"c\",\"title\":\"Depression\",\"start\":\"1929-10-29\",\"end\":\"1939-09-01\"},"
    " {\"id\":\"d\",\"title\":\"Nazi Germany\",\"start\":\"1933-01-30\",\"end\":\"1939-09-01\"}]";
  g_autoptr(TreatiesArticle) article = article_new ("1918-11-11", "1939-09-01", eras, events, 1);
  g_autoptr(TreatiesTimelineLayout) layout = layout_new (article, 1000);
  const TreatiesTimelineFrame *frame;

  treaties_timeline_layout_zoom_fit (layout);
  frame = treaties_timeline_layout_compute (layout);
  g_assert_cmpuint (frame->n_era_rows, ==, 2);
  g_assert_cmpuint (frame->n_eras, ==, 4);
  /* Touching eras share a row; overlapping ones do not. */
  g_assert_cmpuint (frame->eras[0].row, ==, 0);
  g_assert_cmpuint (frame->eras[1].row, ==, 0);
  g_assert_cmpuint (frame->eras[2].row, ==, 0);
  g_assert_cmpuint (frame->eras[3].row, ==, 1);
  g_assert_cmpfloat (frame->eras[3].y, >, frame->eras[0].y);
  g_assert_cmpfloat (frame->eras[0].y + frame->eras[0].height, <=, frame->eras[3].y);
  for (guint i = 0; i < frame->n_eras; i++)
    {
      g_assert_cmpfloat (frame->eras[i].label_width, >, 0);
      g_assert_cmpfloat (frame->eras[i].label_x + frame->eras[i].label_width, <=,
                         frame->eras[i].x + frame->eras[i].width);
    }

  /* Zoomed into 1935, only the two eras of that year are there, and their
   * titles stay in view. */
  treaties_timeline_layout_set_visible_days (layout, day ("1935-01-01"), day ("1935-12-31"));
  frame = treaties_timeline_layout_compute (layout);
  g_assert_cmpuint (frame->n_eras, ==, 2);
  for (guint i = 0; i < frame->n_eras; i++)
    g_assert_cmpfloat (frame->eras[i].label_x, >=, 0);

  /* Eras sit above the labels, labels above the axis. */
  g_assert_cmpfloat (frame->eras[0].y + frame->era_row_height, <,
                     frame->axis_y - frame->n_label_rows * frame->label_row_height);
}

static void
test_highlight (void)
{
  g_autoptr(TreatiesArticle) article = article_new_regular ("1918-11-11", "1939-09-01", "1920-01-01", 10, 400);
  g_autoptr(TreatiesTimelineLayout) layout = layout_new (article, 1000);
  const TreatiesTimelineFrame *frame;
  const guint indices[] = { 7, 2, 7 };

  treaties_timeline_layout_set_highlighted (layout, indices, G_N_ELEMENTS (indices));
  g_assert_true (treaties_timeline_layout_is_highlighted (layout, 2));
  g_assert_true (treaties_timeline_layout_is_highlighted (layout, 7));
  g_assert_false (treaties_timeline_layout_is_highlighted (layout, 3));
  frame = treaties_timeline_layout_compute (layout);
  for (guint i = 0; i < frame->n_markers; i++)
    g_assert_cmpint (frame->markers[i].highlighted, ==, frame->markers[i].first == 2 || frame->markers[i].first == 7);
  g_assert_nonnull (treaties_timeline_layout_find_marker (layout, 7));
  g_assert_cmpuint (treaties_timeline_layout_find_marker (layout, 7)->event_index, ==, 7);

  treaties_timeline_layout_set_highlighted (layout, NULL, 0);
  frame = treaties_timeline_layout_compute (layout);
  for (guint i = 0; i < frame->n_markers; i++)
    g_assert_false (frame->markers[i].highlighted);
}

static void
test_same_day (void)
{
  static const TestEvent events[] = {
    { "1930-05-01", "One", FALSE },
    { "1930-05-01", "Two", TRUE },
    { "1930-05-02", "Three", FALSE },
  };
  g_autoptr(TreatiesArticle) article = article_new ("1930-01-01", "1930-12-31", NULL, events, 3);
  g_autoptr(TreatiesTimelineLayout) layout = layout_new (article, 800);
  const TreatiesTimelineFrame *frame;
  guint index;

  /* Zoomed all the way in, same-day events still share one marker, which
   * stands for the primary one. */
  treaties_timeline_layout_set_view (layout, day ("1930-04-30"), 1 / TREATIES_TIMELINE_MAX_PIXELS_PER_DAY);
  frame = treaties_timeline_layout_compute (layout);
  g_assert_cmpuint (frame->n_markers, ==, 2);
  g_assert_cmpuint (frame->markers[0].n_events, ==, 2);
  g_assert_true (frame->markers[0].primary);
  g_assert_cmpuint (frame->markers[0].event_index, ==, 1);
  g_assert_true (treaties_timeline_layout_hit_test (layout, frame->markers[0].x, frame->axis_y, 0, &index));
  g_assert_cmpuint (index, ==, 1);
  g_assert_true (treaties_timeline_layout_find_event (layout, treaties_timeline_layout_get_event (layout, 0), &index));
  g_assert_cmpuint (index, ==, 0);
}

static void
test_no_size (void)
{
  g_autoptr(TreatiesArticle) article = article_new_regular ("1918-11-11", "1939-09-01", "1920-01-01", 3, 400);
  g_autoptr(TreatiesTimelineLayout) layout = treaties_timeline_layout_new (article);
  const TreatiesTimelineFrame *frame;

  /* Before it has a size, a layout is empty but sane; a visible range set
   * then is what the first size shows. */
  frame = treaties_timeline_layout_compute (layout);
  g_assert_cmpuint (frame->n_markers, ==, 0);
  g_assert_false (treaties_timeline_layout_hit_test (layout, 0, 0, 4, NULL));
  treaties_timeline_layout_set_visible_days (layout, day ("1921-01-01"), day ("1922-01-01"));
  treaties_timeline_layout_set_size (layout, 500, 160);
  g_assert_cmpfloat_with_epsilon (treaties_timeline_layout_day_to_x (layout, day ("1921-01-01")), 24, 1e-6);
  g_assert_cmpfloat_with_epsilon (treaties_timeline_layout_day_to_x (layout, day ("1922-01-01")), 476, 1e-6);
  g_assert_cmpfloat (treaties_timeline_layout_get_natural_height (layout), >,
                     treaties_timeline_layout_get_min_height (layout));
}

/* Bars: from the first day to the last, lanes that do not overlap, below
 * every label; a day alone has none. */
static void
assert_bars_sound (TreatiesTimelineLayout      *layout,
                   const TreatiesTimelineFrame *frame)
{
  for (guint i = 0; i < frame->n_bars; i++)
    {
      const TreatiesTimelineBar *a = &frame->bars[i];
      const TreatiesDateSpan *span =
        treaties_event_get_span (treaties_timeline_layout_get_event (layout, a->event_index));

      g_assert_true (treaties_date_span_is_long (span));
      g_assert_cmpfloat_with_epsilon (a->x, treaties_timeline_layout_day_to_x (layout, span->start), 1e-6);
      g_assert_cmpuint (a->n_events, >=, 1);
      if (a->n_events == 1)
        g_assert_cmpfloat_with_epsilon (a->x + a->width, treaties_timeline_layout_day_to_x (layout, span->end), 1e-6);
      else
        {
          /* A run in the shared lane, of ordinary bars, reaching as far as
           * the latest. */
          g_assert_cmpuint (a->lane, ==, 1);
          g_assert_false (a->primary || a->highlighted || a->selected);
          g_assert_cmpfloat (a->x + a->width, >=, treaties_timeline_layout_day_to_x (layout, span->end) - 1e-6);
        }
      /* In view. */
      g_assert_cmpfloat (a->x, <=, frame->width);
      g_assert_cmpfloat (a->x + a->width, >=, 0);
      /* On the axis or just above it, under the labels. */
      g_assert_cmpfloat (a->y, <=, frame->axis_y);
      g_assert_cmpfloat (a->y + a->height, >=, frame->axis_y - 12);
      for (guint l = 0; l < frame->n_labels; l++)
        g_assert_cmpfloat (frame->labels[l].y + frame->labels[l].height, <=, a->y);
      g_assert_cmpint (a->fuzzy_start, ==, span->open_start || span->start_qualifier != 0);
      /* A run's end is its latest member's. */
      if (a->n_events == 1)
        g_assert_cmpint (a->fuzzy_end, ==, span->open_end || span->end_qualifier != 0);
      if (i > 0)
        g_assert_cmpuint (span->start, >=,
                          treaties_event_get_span (treaties_timeline_layout_get_event (layout, frame->bars[i - 1].event_index))->start);

      /* Bars of one lane overlap only in the last, shared lane. */
      for (guint j = i + 1; j < frame->n_bars; j++)
        {
          const TreatiesTimelineBar *b = &frame->bars[j];

          if (a->lane == b->lane && a->lane == 0)
            g_assert_true (a->x + a->width < b->x || b->x + b->width < a->x);
        }
    }
}

static void
test_bars (void)
{
  const TestEvent events[] = {
    { "../1921-06-30", "Plebiscites", FALSE },
    { "1923/1925", "Ruhr occupation", FALSE },
    { "1925-10-05/1925-10-16", "Locarno conference", TRUE },
    { "1925-10~/1925-12-01", "Locarno negotiations", FALSE },
    { "1929-07-24/..", "Kellogg–Briand Pact in force", FALSE },
    { "1931-08", "A month", FALSE },
    { "1931-08-10", "A day", FALSE },
  };
  g_autoptr(TreatiesArticle) article = article_new ("1918-11-11", "1939-09-01", NULL, events, G_N_ELEMENTS (events));
  g_autoptr(TreatiesTimelineLayout) layout = layout_new (article, 1200);
  const TreatiesTimelineFrame *frame;
  const TreatiesTimelineBar *ruhr = NULL, *open = NULL, *month = NULL;
  guint index;

  treaties_timeline_layout_zoom_fit (layout);
  frame = treaties_timeline_layout_compute (layout);
  g_assert_cmpuint (frame->n_bars, ==, 6);
  assert_bars_sound (layout, frame);
  assert_labels_disjoint (frame);
  for (guint i = 0; i < frame->n_bars; i++)
    {
      const char *title = treaties_event_get_title (treaties_timeline_layout_get_event (layout, frame->bars[i].event_index));

      if (g_str_equal (title, "Ruhr occupation"))
        ruhr = &frame->bars[i];
      else if (g_str_equal (title, "Plebiscites"))
        open = &frame->bars[i];
      else if (g_str_equal (title, "A month"))
        month = &frame->bars[i];
      g_assert_false (g_str_equal (title, "A day"));
    }
  g_assert_nonnull (ruhr);
  g_assert_nonnull (open);
  g_assert_nonnull (month);
  /* A year's span runs over its whole years, a month over its month. */
  g_assert_cmpfloat_with_epsilon (ruhr->x, treaties_timeline_layout_day_to_x (layout, day ("1923-01-01")), 1e-6);
  g_assert_cmpfloat_with_epsilon (ruhr->x + ruhr->width, treaties_timeline_layout_day_to_x (layout, day ("1925-12-31")), 1e-6);
  g_assert_cmpfloat_with_epsilon (month->width,
                                  treaties_timeline_layout_day_to_x (layout, day ("1931-08-31")) -
                                  treaties_timeline_layout_day_to_x (layout, day ("1931-08-01")), 1e-6);
  /* An open start lies at the range's start, and is fuzzy. */
  g_assert_cmpfloat_with_epsilon (open->x, frame->axis_start_x, 1e-6);
  g_assert_true (open->open_start && open->fuzzy_start && !open->fuzzy_end);
  /* The Ruhr and the two Locarno bars overlap: not all in one lane. */
  g_assert_cmpuint (ruhr->lane, ==, 0);

  /* Zoomed into October 1925: the Ruhr's bar still shows though its start
   * (and its marker) lie far left; August 1931 is gone. */
  treaties_timeline_layout_set_visible_days (layout, day ("1925-10-01"), day ("1925-10-31"));
  frame = treaties_timeline_layout_compute (layout);
  assert_bars_sound (layout, frame);
  assert_labels_disjoint (frame);
  g_assert_cmpuint (frame->n_bars, ==, 3);
  g_assert_cmpfloat (frame->bars[0].x, <, 0);
  g_assert_false (treaties_timeline_layout_find_marker (layout, frame->bars[0].event_index) != NULL);
  /* A bar takes a click where no marker or label is. */
  g_assert_true (treaties_timeline_layout_hit_test (layout, frame->width / 2 + 200,
                                                    frame->bars[0].y + frame->bars[0].height / 2,
                                                    0, &index));
  g_assert_cmpuint (index, ==, frame->bars[0].event_index);
}

/* Random spans at every zoom: the bars in view are exactly the events
 * longer than a day that reach into it. */
static void
test_bars_generated (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (1925);
  g_autoptr(GPtrArray) strings = g_ptr_array_new_with_free_func (g_free);
  TestEvent events[300];
  g_autoptr(TreatiesArticle) article = NULL;
  g_autoptr(TreatiesTimelineLayout) layout = NULL;
  TreatiesDay first = day ("1919-01-01");

  for (guint i = 0; i < G_N_ELEMENTS (events); i++)
    {
      TreatiesDay a = first + g_rand_int_range (rand, 0, 7000);
      TreatiesDay b = a + (g_rand_boolean (rand) ? 0 : g_rand_int_range (rand, 0, 1500));
      g_autofree char *sa = treaties_day_to_iso (a);
      g_autofree char *sb = treaties_day_to_iso (MIN (b, day ("1939-09-01")));
      char *text = g_rand_int_range (rand, 0, 5) == 0 ? g_strndup (sa, 7)
                   : g_strdup_printf ("%s%s/%s", sa, g_rand_boolean (rand) ? "~" : "", sb);

      g_ptr_array_add (strings, text);
      events[i] = (TestEvent) { text, "Event", FALSE };
    }
  article = article_new ("1918-11-11", "1939-09-01", NULL, events, G_N_ELEMENTS (events));
  layout = layout_new (article, 900);
  treaties_timeline_layout_zoom_fit (layout);
  for (guint z = 0; z < 8; z++)
    {
      const TreatiesTimelineFrame *frame = treaties_timeline_layout_compute (layout);
      double lo = treaties_timeline_layout_x_to_day (layout, 0);
      double hi = treaties_timeline_layout_x_to_day (layout, frame->width);
      guint expected = 0, shown = 0;

      for (guint i = 0; i < treaties_timeline_layout_get_n_events (layout); i++)
        {
          const TreatiesDateSpan *span = treaties_event_get_span (treaties_timeline_layout_get_event (layout, i));

          if (treaties_date_span_is_long (span) && span->start <= hi && span->end >= lo)
            expected++;
        }
      for (guint i = 0; i < frame->n_bars; i++)
        shown += frame->bars[i].n_events;
      g_assert_cmpuint (shown, ==, expected);
      /* Crowds join: never more bars than lanes times pixels. */
      g_assert_cmpuint (frame->n_bars, <=, 2 * frame->width);
      assert_bars_sound (layout, frame);
      assert_labels_disjoint (frame);
      treaties_timeline_layout_zoom (layout, 2.0, frame->width * 0.3);
    }
}


/* The interval index finds exactly the bars a walk over every span finds:
 * lanes, runs and their counts, ends and flags, over random spans (many
 * running for years through the view, open and doubtful ends, the
 * article's own event, a selection and a section's events among them) at
 * every zoom and place. */
static void
assert_bars_equal (const TreatiesTimelineBar *a,
                   guint                      n_a,
                   const TreatiesTimelineBar *b,
                   guint                      n_b)
{
  g_assert_cmpuint (n_a, ==, n_b);
  for (guint i = 0; i < n_a; i++)
    {
      g_assert_cmpuint (a[i].event_index, ==, b[i].event_index);
      g_assert_cmpuint (a[i].n_events, ==, b[i].n_events);
      g_assert_cmpuint (a[i].lane, ==, b[i].lane);
      g_assert_cmpfloat_with_epsilon (a[i].x, b[i].x, 1e-6);
      g_assert_cmpfloat_with_epsilon (a[i].width, b[i].width, 1e-6);
      g_assert_cmpfloat_with_epsilon (a[i].y, b[i].y, 1e-6);
      g_assert_cmpint (a[i].fuzzy_start, ==, b[i].fuzzy_start);
      g_assert_cmpint (a[i].fuzzy_end, ==, b[i].fuzzy_end);
      g_assert_cmpint (a[i].open_start, ==, b[i].open_start);
      g_assert_cmpint (a[i].open_end, ==, b[i].open_end);
      g_assert_cmpint (a[i].primary, ==, b[i].primary);
      g_assert_cmpint (a[i].highlighted, ==, b[i].highlighted);
      g_assert_cmpint (a[i].selected, ==, b[i].selected);
    }
}

static int
compare_days (gconstpointer a,
              gconstpointer b)
{
  TreatiesDay x = *(const TreatiesDay *) a, y = *(const TreatiesDay *) b;

  return (x > y) - (x < y);
}

static void
test_bars_index (void)
{
  for (guint seed = 1; seed <= 12; seed++)
    {
      g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
      g_autoptr(GPtrArray) strings = g_ptr_array_new_with_free_func (g_free);
      guint n = g_rand_int_range (rand, 1, 1500);
      g_autofree TestEvent *events = g_new0 (TestEvent, n);
      g_autoptr(TreatiesArticle) article = NULL;
      g_autoptr(TreatiesTimelineLayout) layout = NULL;
      TreatiesDay first = day ("1918-11-11"), last = day ("1939-09-01");
      g_autofree TreatiesDay *starts = g_new (TreatiesDay, n);
      guint primary = g_rand_int_range (rand, 0, 2 * n);   /* half the articles have one */

      /* Starts in order, so that the events' indices are their order. */
      for (guint i = 0; i < n; i++)
        starts[i] = first + g_rand_int_range (rand, 0, last - first);
      qsort (starts, n, sizeof starts[0], compare_days);
      for (guint i = 0; i < n; i++)
        {
          g_autofree char *sa = treaties_day_to_iso (starts[i]);
          guint kind = g_rand_int_range (rand, 0, 10);
          TreatiesDay length = kind < 3 ? 0 : kind < 5 ? g_rand_int_range (rand, 1, 60) : g_rand_int_range (rand, 300, 4000);
          g_autofree char *sb = treaties_day_to_iso (MIN (starts[i] + length, last));
          char *text;

          if (length == 0)
            text = g_strdup (sa);
          else if (kind == 9)
            text = g_strdup_printf ("%s/..", sa);
          else
            text = g_strdup_printf ("%s%s/%s%s", sa, g_rand_int_range (rand, 0, 4) == 0 ? "~" : "",
                                    sb, g_rand_int_range (rand, 0, 4) == 0 ? "?" : "");
          g_ptr_array_add (strings, text);
          events[i] = (TestEvent) { text, "Event", i == primary };
        }
      article = article_new ("1918-11-11", "1939-09-01", NULL, events, n);
      layout = layout_new (article, g_rand_int_range (rand, 300, 1400));
      treaties_timeline_layout_zoom_fit (layout);

      for (guint step = 0; step < 40; step++)
        {
          const TreatiesTimelineFrame *frame;
          g_autofree TreatiesTimelineBar *indexed = NULL;
          guint n_indexed;
          guint highlighted[6];
          guint n_highlighted = g_rand_int_range (rand, 0, G_N_ELEMENTS (highlighted) + 1);

          for (guint h = 0; h < n_highlighted; h++)
            highlighted[h] = g_rand_int_range (rand, 0, n);
          treaties_timeline_layout_set_highlighted (layout, highlighted, n_highlighted);
          treaties_timeline_layout_set_selected (layout, g_rand_boolean (rand) ? g_rand_int_range (rand, 0, n) : -1);

          treaties_timeline_layout_set_plain_bars (layout, FALSE);
          frame = treaties_timeline_layout_compute (layout);
          n_indexed = frame->n_bars;
          indexed = g_memdup2 (frame->bars, n_indexed * sizeof (TreatiesTimelineBar));
          assert_bars_sound (layout, frame);

          treaties_timeline_layout_set_plain_bars (layout, TRUE);
          frame = treaties_timeline_layout_compute (layout);
          assert_bars_equal (indexed, n_indexed, frame->bars, frame->n_bars);

          if (g_rand_int_range (rand, 0, 3) > 0)
            treaties_timeline_layout_zoom (layout, g_rand_double_range (rand, 1.2, 3.0),
                                           g_rand_double_range (rand, 0, frame->width));
          else
            treaties_timeline_layout_pan (layout, g_rand_double_range (rand, -frame->width, frame->width));
          if (step % 13 == 12)
            treaties_timeline_layout_zoom_fit (layout);
        }
    }
}

/* --- badges ---------------------------------------------------------------- */

static gboolean
marker_labelled (TreatiesTimelineLayout       *layout,
                 const TreatiesTimelineMarker *marker)
{
  const TreatiesTimelineLabel *label = treaties_timeline_layout_find_label (layout, marker->event_index);

  return label != NULL;
}

/* Every marker is labelled or gathered into a badge that counts it; badges
 * say how many they hold, lie inside the figure and never overlap. */
static void
assert_no_orphan (TreatiesTimelineLayout      *layout,
                  const TreatiesTimelineFrame *frame)
{
  g_autofree guint *counted = g_new0 (guint, frame->n_badges + 1);

  for (guint i = 0; i < frame->n_markers; i++)
    {
      const TreatiesTimelineMarker *marker = &frame->markers[i];
      const TreatiesTimelineBadge *badge;

      if (marker_labelled (layout, marker))
        {
          g_assert_false (marker->in_badge);
          continue;
        }
      /* An unlabelled dot: it must be explained by a badge. */
      g_assert_true (marker->in_badge);
      g_assert_cmpuint (marker->badge, <, frame->n_badges);
      badge = &frame->badges[marker->badge];
      g_assert_cmpuint (i, >=, badge->first_marker);
      g_assert_cmpuint (i, <, badge->first_marker + badge->n_markers);
      g_assert_cmpuint (marker->first, >=, badge->first_event);
      g_assert_cmpuint (marker->first + marker->n_events - 1, <=, badge->last_event);
      counted[marker->badge] += marker->n_events;
    }

  for (guint b = 0; b < frame->n_badges; b++)
    {
      const TreatiesTimelineBadge *badge = &frame->badges[b];
      g_autofree char *text = g_strdup_printf ("+%u", badge->n_events);

      g_assert_cmpuint (counted[b], ==, badge->n_events);
      g_assert_cmpuint (badge->n_events, >, 0);
      g_assert_cmpstr (badge->text, ==, text);
      g_assert_cmpfloat (badge->first_day, <=, badge->last_day);
      g_assert_cmpfloat (badge->x, >=, 0);
      g_assert_cmpfloat (badge->x + badge->width, <=, frame->width + 1e-6);
      g_assert_cmpfloat (badge->text_x, >=, badge->x);
      g_assert_cmpfloat (fabs (badge->y + badge->height / 2 - frame->axis_y), <, 1e-6);
      if (b > 0)
        g_assert_cmpfloat (frame->badges[b - 1].x + frame->badges[b - 1].width, <=, badge->x + 1e-6);
    }
}

/* From the whole range in to the closest zoom, at two anchors: no
 * unlabelled, unexplained dot at any step. */
static void
assert_no_orphan_any_zoom (TreatiesArticle *article,
                           double           width)
{
  for (guint a = 0; a < 2; a++)
    {
      g_autoptr(TreatiesTimelineLayout) layout = layout_new (article, width);
      guint steps = 0;

      treaties_timeline_layout_zoom_fit (layout);
      do
        {
          const TreatiesTimelineFrame *frame = treaties_timeline_layout_compute (layout);

          assert_no_orphan (layout, frame);
          g_assert_cmpuint (++steps, <, 100);
        }
      while (treaties_timeline_layout_zoom (layout, 1.7, width * (a == 0 ? 0.5 : 0.23)));
    }
}

/* A crowded stretch: 120 events three days apart, and 6 on one day. */
static TreatiesTimelineLayout *
crowded_layout (TreatiesArticle **out_article)
{
  g_autoptr(GPtrArray) strings = g_ptr_array_new_with_free_func (g_free);
  TestEvent events[126];
  TreatiesDay first = day ("1931-01-01");

  for (guint i = 0; i < 120; i++)
    {
      char *iso = treaties_day_to_iso (first + 3 * i);

      g_ptr_array_add (strings, iso);
      events[i] = (TestEvent) { iso, "A crowded event", FALSE };
    }
  for (guint i = 120; i < G_N_ELEMENTS (events); i++)
    events[i] = (TestEvent) { "1935-06-01", "Same day", FALSE };
  *out_article = article_new ("1918-11-11", "1939-09-01", NULL, events, G_N_ELEMENTS (events));
  return layout_new (*out_article, 900);
}

static void
test_badges_form (void)
{
  g_autoptr(TreatiesArticle) article = NULL;
  g_autoptr(TreatiesTimelineLayout) layout = crowded_layout (&article);
  const TreatiesTimelineFrame *frame;
  guint in_badges = 0, labelled = 0, index;

  treaties_timeline_layout_zoom_fit (layout);
  frame = treaties_timeline_layout_compute (layout);
  assert_no_orphan (layout, frame);
  g_assert_cmpuint (frame->n_badges, >, 0);
  for (guint b = 0; b < frame->n_badges; b++)
    in_badges += frame->badges[b].n_events;
  for (guint i = 0; i < frame->n_markers; i++)
    if (marker_labelled (layout, &frame->markers[i]))
      labelled += frame->markers[i].n_events;
  /* Every event is labelled or counted in a badge. */
  g_assert_cmpuint (in_badges + labelled, ==, 126);
  g_assert_cmpuint (in_badges, >, 100);

  /* A badge takes the click, and hides its markers from hit-testing. */
  g_assert_true (treaties_timeline_layout_hit_badge (layout, frame->badges[0].x + 1,
                                                     frame->axis_y, 0, &index));
  g_assert_cmpuint (index, ==, 0);
  g_assert_false (treaties_timeline_layout_hit_badge (layout, frame->badges[0].x + 1,
                                                      frame->axis_y - 40, 0, &index));
  g_assert_true (treaties_timeline_layout_find_badge (layout, frame->badges[0].first_event) == &frame->badges[0] ||
                 marker_labelled (layout, treaties_timeline_layout_find_marker (layout, frame->badges[0].first_event)));

  /* Without a crowd, no badge: a few events far apart are all labelled. */
  {
    const TestEvent sparse[] = {
      { "1920-01-01", "One", FALSE }, { "1928-01-01", "Two", FALSE }, { "1936-01-01", "Three", FALSE },
    };
    g_autoptr(TreatiesArticle) a2 = article_new ("1918-11-11", "1939-09-01", NULL, sparse, 3);
    g_autoptr(TreatiesTimelineLayout) l2 = layout_new (a2, 900);

    treaties_timeline_layout_zoom_fit (l2);
    g_assert_cmpuint (treaties_timeline_layout_compute (l2)->n_badges, ==, 0);
  }
}

/* Expanding a badge zooms in to fit its events, until they are labelled
 * or share a day; a badge of one day's events cannot expand. */
static void
test_badges_expand (void)
{
  g_autoptr(TreatiesArticle) article = NULL;
  g_autoptr(TreatiesTimelineLayout) layout = crowded_layout (&article);
  const TreatiesTimelineFrame *frame;
  const TreatiesTimelineBadge *badge;
  guint target, steps = 0;
  gboolean found_same_day = FALSE;

  treaties_timeline_layout_zoom_fit (layout);
  frame = treaties_timeline_layout_compute (layout);
  badge = &frame->badges[0];
  target = badge->first_event;

  /* Follow the badge that holds the first crowded event. */
  while ((badge = treaties_timeline_layout_find_badge (layout, target)) != NULL)
    {
      double dpp = treaties_timeline_layout_get_days_per_pixel (layout);
      double first_day = badge->first_day, last_day = badge->last_day;
      guint n = badge->n_events;

      frame = treaties_timeline_layout_compute (layout);
      g_assert_true (treaties_timeline_layout_expand_badge (layout, badge - frame->badges));
      g_assert_cmpfloat (treaties_timeline_layout_get_days_per_pixel (layout), <, dpp);
      /* Its events are in view. */
      g_assert_cmpfloat (treaties_timeline_layout_day_to_x (layout, first_day), >=, 0);
      g_assert_cmpfloat (treaties_timeline_layout_day_to_x (layout, last_day), <=,
                         treaties_timeline_layout_get_width (layout));
      frame = treaties_timeline_layout_compute (layout);
      assert_no_orphan (layout, frame);
      badge = treaties_timeline_layout_find_badge (layout, target);
      g_assert_true (badge == NULL || badge->n_events < n);
      g_assert_cmpuint (++steps, <, 20);
    }
  g_assert_nonnull (treaties_timeline_layout_find_label (layout, target));

  /* The same-day events: at every zoom in a badge of their own day,
   * which expands no further once they are the only ones in it. */
  treaties_timeline_layout_zoom_fit (layout);
  target = 120;
  for (steps = 0; (badge = treaties_timeline_layout_find_badge (layout, target)) != NULL; steps++)
    {
      frame = treaties_timeline_layout_compute (layout);
      if (badge->first_day == badge->last_day)
        {
          double dpp = treaties_timeline_layout_get_days_per_pixel (layout);

          g_assert_cmpuint (badge->n_events, ==, 6);
          g_assert_false (treaties_timeline_layout_expand_badge (layout, badge - frame->badges));
          g_assert_cmpfloat (treaties_timeline_layout_get_days_per_pixel (layout), ==, dpp);
          found_same_day = TRUE;
          break;
        }
      g_assert_true (treaties_timeline_layout_expand_badge (layout, badge - frame->badges));
      g_assert_cmpuint (steps, <, 20);
    }
  g_assert_true (found_same_day);
}

static void
test_badges_every_zoom (void)
{
  g_autoptr(TreatiesArticle) crowded = NULL;
  g_autoptr(TreatiesTimelineLayout) unused = crowded_layout (&crowded);
  g_autofree char *dir_path = g_test_build_filename (G_TEST_DIST, "..", "data", "articles", NULL);
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  const char *name;
  guint n_shipped = 0;

  assert_no_orphan_any_zoom (crowded, 900);
  assert_no_orphan_any_zoom (crowded, 320);

  /* Every shipped article, whatever they hold. */
  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = NULL;
      g_autoptr(GFile) file = NULL;
      g_autoptr(TreatiesArticle) article = NULL;
      g_autoptr(GError) error = NULL;

      if (!g_str_has_suffix (name, ".json"))
        continue;
      path = g_build_filename (dir_path, name, NULL);
      file = g_file_new_for_path (path);
      article = treaties_article_new_from_file (file, NULL, &error);
      g_assert_no_error (error);
      assert_no_orphan_any_zoom (article, 900);
      assert_no_orphan_any_zoom (article, 360);
      n_shipped++;
    }
  g_assert_cmpuint (n_shipped, >, 0);

  /* Generated articles, whose events crowd into one year and onto days. */
  for (guint32 seed = 1; seed <= 40; seed++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) bytes = treaties_test_generate_article_bytes (seed, &error);
      g_autoptr(TreatiesArticle) article = NULL;

      g_assert_no_error (error);
      article = treaties_article_new_from_bytes (bytes, "generated.json", &error);
      g_assert_no_error (error);
      assert_no_orphan_any_zoom (article, 360);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/timeline-layout/range-ends", test_range_ends);
  g_test_add_func ("/timeline-layout/leap-years", test_leap_years);
  g_test_add_func ("/timeline-layout/zoom/anchor", test_zoom_anchor);
  g_test_add_func ("/timeline-layout/zoom/ensure-visible", test_ensure_visible);
  g_test_add_func ("/timeline-layout/labels/collision", test_label_collision);
  g_test_add_func ("/timeline-layout/labels/free-row", test_label_free_row);
  g_test_add_func ("/timeline-layout/labels/priority-cluster", test_label_priority_cluster);
  g_test_add_func ("/timeline-layout/labels/pango", test_label_pango);
  g_test_add_func ("/timeline-layout/hit-test/marker-edges", test_hit_test_edges);
  g_test_add_func ("/timeline-layout/hit-test/nearest", test_hit_test_nearest);
  g_test_add_func ("/timeline-layout/hit-test/nearest-primary", test_hit_test_nearest_primary);
  g_test_add_func ("/timeline-layout/visible-range", test_visible_range);
  g_test_add_func ("/timeline-layout/eras", test_eras);
  g_test_add_func ("/timeline-layout/highlight", test_highlight);
  g_test_add_func ("/timeline-layout/selected/every-zoom", test_selected_every_zoom);
  g_test_add_func ("/timeline-layout/selected/priority", test_priority_holds);
  g_test_add_func ("/timeline-layout/selected/range-ends", test_range_end_labels);
  g_test_add_func ("/timeline-layout/same-day", test_same_day);
  g_test_add_func ("/timeline-layout/no-size", test_no_size);
  g_test_add_func ("/timeline-layout/bars", test_bars);
  g_test_add_func ("/timeline-layout/bars/generated", test_bars_generated);
  g_test_add_func ("/timeline-layout/bars/index", test_bars_index);
  g_test_add_func ("/timeline-layout/badges/form", test_badges_form);
  g_test_add_func ("/timeline-layout/badges/expand", test_badges_expand);
  g_test_add_func ("/timeline-layout/badges/every-zoom", test_badges_every_zoom);

  return g_test_run ();
}
