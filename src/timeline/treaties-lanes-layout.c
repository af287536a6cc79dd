/* treaties-lanes-layout.c: several articles' timelines, one lane each
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "treaties-lanes-layout.h"
#include "treaties-text-match.h"

/* 1918-01-01 and 1939-12-31: the interwar years, whatever the articles. */
#define INTERWAR_START_YEAR 1918
#define INTERWAR_END_YEAR   1939

struct _TreatiesLanesLayout
{
  GObject      parent_instance;

  GPtrArray   *articles; /* TreatiesArticle */
  GArray      *events;   /* TreatiesLanesEvent */
  TreatiesDay  start;
  TreatiesDay  end;
  double       width;
};

G_DEFINE_FINAL_TYPE (TreatiesLanesLayout, treaties_lanes_layout, G_TYPE_OBJECT)

static void
clear_event (gpointer data)
{
  TreatiesLanesEvent *event = data;

  g_clear_pointer (&event->links, g_array_unref);
}

static int
compare_events (gconstpointer a,
                gconstpointer b)
{
  const TreatiesLanesEvent *x = a, *y = b;
  int order = treaties_date_span_compare (&x->span, &y->span);

  return order != 0 ? order : g_utf8_collate (x->title, y->title);
}

/* The keys an event is known by: its days with its folded title, and its
 * days with its id. */
static char *
title_key (TreatiesEvent *event)
{
  const TreatiesDateSpan *span = treaties_event_get_span (event);
  g_autofree char *folded = treaties_text_match_fold (treaties_event_get_title (event));

  return g_strdup_printf ("%u-%u t:%s", span->start, span->end, g_strstrip (folded));
}

static char *
id_key (TreatiesEvent *event)
{
  const TreatiesDateSpan *span = treaties_event_get_span (event);

  return g_strdup_printf ("%u-%u i:%s", span->start, span->end, treaties_event_get_id (event));
}

static gboolean
has_lane (const TreatiesLanesEvent *event,
          guint                     lane)
{
  for (guint i = 0; i < event->links->len; i++)
    if (g_array_index (event->links, TreatiesLanesLink, i).lane == lane)
      return TRUE;
  return FALSE;
}

static void
merge_events (TreatiesLanesLayout *self)
{
  /* key → index in events + 1 */
  g_autoptr(GHashTable) groups = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint lane = 0; lane < self->articles->len; lane++)
    {
      GListModel *events = treaties_article_get_events (g_ptr_array_index (self->articles, lane));

      for (guint i = 0; i < g_list_model_get_n_items (events); i++)
        {
          g_autoptr(TreatiesEvent) event = g_list_model_get_item (events, i);
          g_autofree char *by_title = title_key (event);
          g_autofree char *by_id = id_key (event);
          guint index = GPOINTER_TO_UINT (g_hash_table_lookup (groups, by_title));
          TreatiesLanesLink link = { lane, event };
          TreatiesLanesEvent *group;

          if (index == 0)
            index = GPOINTER_TO_UINT (g_hash_table_lookup (groups, by_id));
          if (index != 0 && has_lane (&g_array_index (self->events, TreatiesLanesEvent, index - 1), lane))
            index = 0; /* the article's own second event of that day: its own */
          if (index == 0)
            {
              TreatiesLanesEvent fresh = { 0, };

              fresh.span = *treaties_event_get_span (event);
              fresh.title = treaties_event_get_title (event);
              fresh.links = g_array_new (FALSE, FALSE, sizeof (TreatiesLanesLink));
              g_array_append_val (self->events, fresh);
              index = self->events->len;
            }
          group = &g_array_index (self->events, TreatiesLanesEvent, index - 1);
          g_array_append_val (group->links, link);
          if (!g_hash_table_contains (groups, by_title))
            g_hash_table_insert (groups, g_steal_pointer (&by_title), GUINT_TO_POINTER (index));
          if (!g_hash_table_contains (groups, by_id))
            g_hash_table_insert (groups, g_steal_pointer (&by_id), GUINT_TO_POINTER (index));
        }
    }
  /* Links point at events the articles hold, not into the array: sorting
   * moves only the structs. */
  g_array_sort (self->events, compare_events);
}

static void
treaties_lanes_layout_finalize (GObject *object)
{
  TreatiesLanesLayout *self = TREATIES_LANES_LAYOUT (object);

  g_clear_pointer (&self->events, g_array_unref);
  g_clear_pointer (&self->articles, g_ptr_array_unref);

  G_OBJECT_CLASS (treaties_lanes_layout_parent_class)->finalize (object);
}

static void
treaties_lanes_layout_class_init (TreatiesLanesLayoutClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = treaties_lanes_layout_finalize;
}

static void
treaties_lanes_layout_init (TreatiesLanesLayout *self)
{
  self->articles = g_ptr_array_new_with_free_func (g_object_unref);
  self->events = g_array_new (FALSE, FALSE, sizeof (TreatiesLanesEvent));
  g_array_set_clear_func (self->events, clear_event);
}

TreatiesLanesLayout *
treaties_lanes_layout_new (GPtrArray *articles)
{
  TreatiesLanesLayout *self;

  g_return_val_if_fail (articles != NULL, NULL);

  self = g_object_new (TREATIES_TYPE_LANES_LAYOUT, NULL);
  self->start = treaties_day_from_ymd (INTERWAR_START_YEAR, 1, 1);
  self->end = treaties_day_from_ymd (INTERWAR_END_YEAR, 12, 31);
  for (guint i = 0; i < articles->len; i++)
    {
      TreatiesArticle *article = g_ptr_array_index (articles, i);

      g_return_val_if_fail (TREATIES_IS_ARTICLE (article), self);
      g_ptr_array_add (self->articles, g_object_ref (article));
      if (treaties_article_get_timeline_start (article) != TREATIES_DAY_INVALID)
        self->start = MIN (self->start, treaties_article_get_timeline_start (article));
      if (treaties_article_get_timeline_end (article) != TREATIES_DAY_INVALID)
        self->end = MAX (self->end, treaties_article_get_timeline_end (article));
    }
  merge_events (self);
  for (guint i = 0; i < self->events->len; i++)
    {
      TreatiesLanesEvent *event = &g_array_index (self->events, TreatiesLanesEvent, i);

      self->start = MIN (self->start, event->span.start);
      self->end = MAX (self->end, event->span.end);
    }
  return self;
}

guint
treaties_lanes_layout_get_n_lanes (TreatiesLanesLayout *self)
{
  g_return_val_if_fail (TREATIES_IS_LANES_LAYOUT (self), 0);
  return self->articles->len;
}

TreatiesArticle *
treaties_lanes_layout_get_article (TreatiesLanesLayout *self,
                                   guint                lane)
{
  g_return_val_if_fail (TREATIES_IS_LANES_LAYOUT (self), NULL);
  g_return_val_if_fail (lane < self->articles->len, NULL);
  return g_ptr_array_index (self->articles, lane);
}

guint
treaties_lanes_layout_get_n_events (TreatiesLanesLayout *self)
{
  g_return_val_if_fail (TREATIES_IS_LANES_LAYOUT (self), 0);
  return self->events->len;
}

const TreatiesLanesEvent *
treaties_lanes_layout_get_event (TreatiesLanesLayout *self,
                                 guint                index)
{
  g_return_val_if_fail (TREATIES_IS_LANES_LAYOUT (self), NULL);
  g_return_val_if_fail (index < self->events->len, NULL);
  return &g_array_index (self->events, TreatiesLanesEvent, index);
}

int
treaties_lanes_layout_find_event (TreatiesLanesLayout *self,
                                  guint                lane,
                                  TreatiesEvent       *event)
{
  g_return_val_if_fail (TREATIES_IS_LANES_LAYOUT (self), -1);

  for (guint i = 0; i < self->events->len; i++)
    {
      const TreatiesLanesEvent *e = &g_array_index (self->events, TreatiesLanesEvent, i);

      for (guint j = 0; j < e->links->len; j++)
        {
          const TreatiesLanesLink *link = &g_array_index (e->links, TreatiesLanesLink, j);

          if (link->lane == lane && link->event == event)
            return i;
        }
    }
  return -1;
}

void
treaties_lanes_layout_get_range (TreatiesLanesLayout *self,
                                 TreatiesDay         *start,
                                 TreatiesDay         *end)
{
  g_return_if_fail (TREATIES_IS_LANES_LAYOUT (self));
  if (start != NULL)
    *start = self->start;
  if (end != NULL)
    *end = self->end;
}

double
treaties_lanes_layout_day_to_x (TreatiesLanesLayout *self,
                                double               day)
{
  double span = MAX (1.0, (double) self->end - self->start);
  double usable = MAX (1.0, self->width - 2 * TREATIES_LANES_MARGIN);

  return TREATIES_LANES_MARGIN + (day - self->start) / span * usable;
}

void
treaties_lanes_layout_set_width (TreatiesLanesLayout *self,
                                 double               width)
{
  g_return_if_fail (TREATIES_IS_LANES_LAYOUT (self));

  self->width = width;
  for (guint i = 0; i < self->events->len; i++)
    {
      TreatiesLanesEvent *event = &g_array_index (self->events, TreatiesLanesEvent, i);

      event->x = treaties_lanes_layout_day_to_x (self, event->span.start);
      event->end_x = treaties_lanes_layout_day_to_x (self, event->span.end);
    }
}

double
treaties_lanes_layout_get_height (TreatiesLanesLayout *self)
{
  g_return_val_if_fail (TREATIES_IS_LANES_LAYOUT (self), 0);
  return TREATIES_LANES_AXIS_HEIGHT + self->articles->len * TREATIES_LANES_LANE_HEIGHT + TREATIES_LANES_MARGIN / 2;
}

/* The lane's line: its title takes the upper part of the lane. */
double
treaties_lanes_layout_get_lane_y (TreatiesLanesLayout *self,
                                  guint                lane)
{
  g_return_val_if_fail (TREATIES_IS_LANES_LAYOUT (self), 0);
  return TREATIES_LANES_AXIS_HEIGHT + lane * TREATIES_LANES_LANE_HEIGHT + TREATIES_LANES_LANE_HEIGHT * 0.62;
}

gboolean
treaties_lanes_layout_hit_test (TreatiesLanesLayout *self,
                                double               x,
                                double               y,
                                guint               *event_index,
                                guint               *lane)
{
  double best = TREATIES_LANES_HIT_RADIUS * TREATIES_LANES_HIT_RADIUS;
  gboolean found = FALSE;

  g_return_val_if_fail (TREATIES_IS_LANES_LAYOUT (self), FALSE);

  for (guint i = 0; i < self->events->len; i++)
    {
      const TreatiesLanesEvent *event = &g_array_index (self->events, TreatiesLanesEvent, i);
      double dx = x - event->x;
      double top = G_MAXDOUBLE, bottom = -G_MAXDOUBLE;
      guint nearest = 0;
      double nearest_dy = G_MAXDOUBLE;

      if (fabs (dx) > TREATIES_LANES_HIT_RADIUS)
        continue;
      for (guint j = 0; j < event->links->len; j++)
        {
          guint l = g_array_index (event->links, TreatiesLanesLink, j).lane;
          double ly = treaties_lanes_layout_get_lane_y (self, l);
          double d = dx * dx + (y - ly) * (y - ly);

          top = MIN (top, ly);
          bottom = MAX (bottom, ly);
          if (fabs (y - ly) < nearest_dy)
            {
              nearest_dy = fabs (y - ly);
              nearest = l;
            }
          if (d <= best)
            {
              best = d;
              found = TRUE;
              *event_index = i;
              *lane = l;
            }
        }
      /* On the line joining a shared event's dots. */
      if (!found && event->links->len > 1 && y >= top && y <= bottom && fabs (dx) <= TREATIES_LANES_HIT_RADIUS / 2)
        {
          found = TRUE;
          *event_index = i;
          *lane = nearest;
        }
    }
  return found;
}
