/* test-lanes-layout.c: several articles' timelines and their shared events
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <locale.h>
#include <math.h>
#include <string.h>

#include "article-generator.h"
#include "treaties-lanes-layout.h"

/* An article @id with one section and the events given as
 * "id|YYYY-MM-DD|title" (NULL-terminated). */
static TreatiesArticle *
article_with_events (const char         *id,
                     const char * const *events)
{
  g_autoptr(GString) json = g_string_new (NULL);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  TreatiesArticle *article;

  g_string_append_printf (json,
                          "{\"format\": 1, \"id\": \"%s\", \"title\": \"Article %s\","
                          " \"sections\": [{\"id\": \"s\", \"title\": \"S\", \"blocks\":"
                          " [{\"type\": \"paragraph\", \"text\": \"Text.\"}]}],"
                          " \"timeline\": {\"start\": \"1918-11-11\", \"end\": \"1939-09-01\", \"events\": [",
                          id, id);
  for (guint i = 0; events[i] != NULL; i++)
    {
      g_auto(GStrv) parts = g_strsplit (events[i], "|", 3);

      g_string_append_printf (json, "%s{\"id\": \"%s\", \"date\": \"%s\", \"title\": \"%s\", \"sections\": [\"s\"]}",
                              i > 0 ? ", " : "", parts[0], parts[1], parts[2]);
    }
  g_string_append (json, "]}}");
  bytes = g_bytes_new (json->str, json->len);
  article = treaties_article_new_from_bytes (bytes, id, &error);
  g_assert_no_error (error);
  return article;
}

static TreatiesLanesLayout *
layout_of (TreatiesArticle *first,
           ...)
{
  g_autoptr(GPtrArray) articles = g_ptr_array_new_with_free_func (g_object_unref);
  va_list args;

  va_start (args, first);
  for (TreatiesArticle *a = first; a != NULL; a = va_arg (args, TreatiesArticle *))
    g_ptr_array_add (articles, a);
  va_end (args);
  return treaties_lanes_layout_new (articles);
}

static guint
n_events_of (TreatiesArticle *article)
{
  return g_list_model_get_n_items (treaties_article_get_events (article));
}

/* Same day and the same title (other case, accents, spacing): one event,
 * linked to both lanes, each to its own article's event. */
static void
test_shared_by_title (void)
{
  static const char * const a_events[] = { "a-one|1925-10-16|Locarno treaties initialled", "a-two|1926-09-08|Germany joins the League", NULL };
  static const char * const b_events[] = { "b-nine|1925-10-16|LOCARNO  Treaties Initialléd", "b-ten|1930-06-30|Rhineland evacuated", NULL };
  TreatiesArticle *a = article_with_events ("a", a_events);
  TreatiesArticle *b = article_with_events ("b", b_events);
  g_autoptr(TreatiesLanesLayout) layout = layout_of (g_object_ref (a), g_object_ref (b), NULL);
  int shared;
  const TreatiesLanesEvent *event;

  g_assert_cmpuint (treaties_lanes_layout_get_n_lanes (layout), ==, 2);
  g_assert_cmpuint (treaties_lanes_layout_get_n_events (layout), ==, n_events_of (a) + n_events_of (b) - 1);
  shared = treaties_lanes_layout_find_event (layout, 0, treaties_article_lookup_event (a, "a-one"));
  g_assert_cmpint (shared, >=, 0);
  g_assert_cmpint (treaties_lanes_layout_find_event (layout, 1, treaties_article_lookup_event (b, "b-nine")), ==, shared);
  event = treaties_lanes_layout_get_event (layout, shared);
  g_assert_cmpuint (event->links->len, ==, 2);
  g_assert_true (g_array_index (event->links, TreatiesLanesLink, 0).event == treaties_article_lookup_event (a, "a-one"));
  g_assert_true (g_array_index (event->links, TreatiesLanesLink, 1).event == treaties_article_lookup_event (b, "b-nine"));
  g_assert_cmpuint (g_array_index (event->links, TreatiesLanesLink, 1).lane, ==, 1);
  /* The others are each in one lane. */
  for (guint i = 0; i < treaties_lanes_layout_get_n_events (layout); i++)
    if ((int) i != shared)
      g_assert_cmpuint (treaties_lanes_layout_get_event (layout, i)->links->len, ==, 1);
  g_object_unref (a);
  g_object_unref (b);
}

/* The same id on the same day is the same event, whatever the titles;
 * the same title on another day, or another title and id on the same day,
 * is not. */
static void
test_shared_by_id (void)
{
  static const char * const a_events[] = { "munich-agreement|1938-09-30|The Munich Agreement", "x|1935-05-02|Pact signed", "y|1922-04-16|Rapallo", NULL };
  static const char * const b_events[] = { "munich-agreement|1938-09-30|Munich: the Sudetenland ceded", "z|1935-05-03|Pact signed", "w|1922-04-16|Genoa conference ends", NULL };
  TreatiesArticle *a = article_with_events ("a", a_events);
  TreatiesArticle *b = article_with_events ("b", b_events);
  g_autoptr(TreatiesLanesLayout) layout = layout_of (g_object_ref (a), g_object_ref (b), NULL);

  g_assert_cmpuint (treaties_lanes_layout_get_n_events (layout), ==, 5);
  g_assert_cmpint (treaties_lanes_layout_find_event (layout, 0, treaties_article_lookup_event (a, "munich-agreement")), ==,
                   treaties_lanes_layout_find_event (layout, 1, treaties_article_lookup_event (b, "munich-agreement")));
  g_assert_cmpint (treaties_lanes_layout_find_event (layout, 0, treaties_article_lookup_event (a, "x")), !=,
                   treaties_lanes_layout_find_event (layout, 1, treaties_article_lookup_event (b, "z")));
  g_assert_cmpint (treaties_lanes_layout_find_event (layout, 0, treaties_article_lookup_event (a, "y")), !=,
                   treaties_lanes_layout_find_event (layout, 1, treaties_article_lookup_event (b, "w")));
  g_object_unref (a);
  g_object_unref (b);
}

/* Three articles sharing one event: one event with three links; an
 * article's two events of the same day and title stay two. */
static void
test_three_lanes_and_own_twins (void)
{
  static const char * const a_events[] = { "e|1939-08-23|Pact signed", "f|1939-08-23|Pact signed", NULL };
  static const char * const b_events[] = { "g|1939-08-23|Pact Signed", NULL };
  static const char * const c_events[] = { "h|1939-08-23|pact signed", NULL };
  TreatiesArticle *a = article_with_events ("a", a_events);
  TreatiesArticle *b = article_with_events ("b", b_events);
  TreatiesArticle *c = article_with_events ("c", c_events);
  g_autoptr(TreatiesLanesLayout) layout = layout_of (g_object_ref (a), g_object_ref (b), g_object_ref (c), NULL);
  int shared = treaties_lanes_layout_find_event (layout, 0, treaties_article_lookup_event (a, "e"));
  int twin = treaties_lanes_layout_find_event (layout, 0, treaties_article_lookup_event (a, "f"));

  g_assert_cmpuint (treaties_lanes_layout_get_n_events (layout), ==, 2);
  g_assert_cmpint (shared, !=, twin);
  g_assert_cmpuint (treaties_lanes_layout_get_event (layout, shared)->links->len, ==, 3);
  g_assert_cmpuint (treaties_lanes_layout_get_event (layout, twin)->links->len, ==, 1);
  g_object_unref (a);
  g_object_unref (b);
  g_object_unref (c);
}

/* Generated articles: every event of every article is in exactly one
 * event of the layout, linked from its own lane; events are in date order
 * and x follows the date; a click on each dot hits that event in that
 * lane, one on the line between a shared event's dots hits it too, and one
 * between lanes away from any event hits nothing. */
static void
test_generated_invariants (void)
{
  guint all_links = 0;

  for (guint32 seed = 1; seed <= 40; seed += 3)
    {
      g_autoptr(GPtrArray) articles = g_ptr_array_new_with_free_func (g_object_unref);
      g_autoptr(TreatiesLanesLayout) layout = NULL;
      guint total = 0, links = 0;
      double last_x = -1;

      for (guint32 k = 0; k < 3; k++)
        {
          g_autoptr(GBytes) bytes = treaties_test_generate_article_bytes (seed + k, NULL);
          g_autoptr(GError) error = NULL;
          TreatiesArticle *article = treaties_article_new_from_bytes (bytes, "generated", &error);

          g_assert_no_error (error);
          total += n_events_of (article);
          g_ptr_array_add (articles, article);
        }
      layout = treaties_lanes_layout_new (articles);
      treaties_lanes_layout_set_width (layout, 1000);

      for (guint lane = 0; lane < articles->len; lane++)
        {
          GListModel *events = treaties_article_get_events (g_ptr_array_index (articles, lane));

          for (guint i = 0; i < g_list_model_get_n_items (events); i++)
            {
              g_autoptr(TreatiesEvent) event = g_list_model_get_item (events, i);

              g_assert_cmpint (treaties_lanes_layout_find_event (layout, lane, event), >=, 0);
            }
        }
      for (guint i = 0; i < treaties_lanes_layout_get_n_events (layout); i++)
        {
          const TreatiesLanesEvent *event = treaties_lanes_layout_get_event (layout, i);
          guint lane_seen = G_MAXUINT;

          links += event->links->len;
          g_assert_cmpfloat (event->x, >=, last_x);
          g_assert_cmpfloat (event->x, >=, TREATIES_LANES_MARGIN);
          g_assert_cmpfloat (event->end_x, <=, 1000 - TREATIES_LANES_MARGIN + 0.001);
          last_x = event->x;
          for (guint j = 0; j < event->links->len; j++)
            {
              const TreatiesLanesLink *link = &g_array_index (event->links, TreatiesLanesLink, j);
              guint hit_event, hit_lane;
              double y = treaties_lanes_layout_get_lane_y (layout, link->lane);

              /* At most one link per lane, in lane order. */
              g_assert_true (lane_seen == G_MAXUINT || link->lane > lane_seen);
              lane_seen = link->lane;
              g_assert_true (treaties_lanes_layout_hit_test (layout, event->x, y, &hit_event, &hit_lane));
              /* Events on the same pixel: one of them, at that place. */
              g_assert_cmpfloat (fabs (treaties_lanes_layout_get_event (layout, hit_event)->x - event->x), <=,
                                 TREATIES_LANES_HIT_RADIUS);
              g_assert_cmpuint (hit_lane, ==, link->lane);
            }
        }
      g_assert_cmpuint (links, ==, total);
      all_links += links;
    }
  g_assert_cmpuint (all_links, >, 0);
}

static void
test_hit_between (void)
{
  static const char * const a_events[] = { "a|1925-01-01|Shared", NULL };
  static const char * const b_events[] = { "b|1935-01-01|Alone", NULL };
  static const char * const c_events[] = { "c|1925-01-01|Shared", NULL };
  g_autoptr(TreatiesLanesLayout) layout = layout_of (article_with_events ("a", a_events),
                                                     article_with_events ("b", b_events),
                                                     article_with_events ("c", c_events), NULL);
  const TreatiesLanesEvent *shared;
  guint index, lane;
  double y0, y1, y2;

  treaties_lanes_layout_set_width (layout, 800);
  g_assert_cmpuint (treaties_lanes_layout_get_n_events (layout), ==, 2);
  shared = treaties_lanes_layout_get_event (layout, 0);
  g_assert_cmpuint (shared->links->len, ==, 2);
  y0 = treaties_lanes_layout_get_lane_y (layout, 0);
  y1 = treaties_lanes_layout_get_lane_y (layout, 1);
  y2 = treaties_lanes_layout_get_lane_y (layout, 2);
  g_assert_cmpfloat (y0, <, y1);
  g_assert_cmpfloat (y1, <, y2);
  g_assert_cmpfloat (treaties_lanes_layout_get_height (layout), >, y2);
  /* On the line through lane 1, which has no such event: nearest lane
   * that has it. */
  g_assert_true (treaties_lanes_layout_hit_test (layout, shared->x, y0 + 3, &index, &lane));
  g_assert_cmpuint (index, ==, 0);
  g_assert_cmpuint (lane, ==, 0);
  g_assert_true (treaties_lanes_layout_hit_test (layout, shared->x + 1, y2 - 20, &index, &lane));
  g_assert_cmpuint (lane, ==, 2);
  /* Between lanes, away from any event. */
  g_assert_false (treaties_lanes_layout_hit_test (layout, (shared->x + treaties_lanes_layout_get_event (layout, 1)->x) / 2,
                                                  y1, &index, &lane));
  /* Below the last lane. */
  g_assert_false (treaties_lanes_layout_hit_test (layout, shared->x, y2 + 30, &index, &lane));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/lanes/shared-by-title", test_shared_by_title);
  g_test_add_func ("/lanes/shared-by-id", test_shared_by_id);
  g_test_add_func ("/lanes/three-lanes-and-own-twins", test_three_lanes_and_own_twins);
  g_test_add_func ("/lanes/generated-invariants", test_generated_invariants);
  g_test_add_func ("/lanes/hit-between", test_hit_between);
  return g_test_run ();
}
