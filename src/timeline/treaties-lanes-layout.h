/* treaties-lanes-layout.h: several articles' timelines, one lane each
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Pure geometry (GLib, no GTK), for TreatiesLanesView. Each article is a
 * lane, in the order given; every event of every article is placed on the
 * interwar axis (the union of the articles' ranges). An event that several
 * articles share is ONE event of the layout, linked to each of their
 * lanes: events are the same when they have the same date (the same
 * span) and either the same title (ignoring case, accents and spacing, as
 * Ctrl+F compares) or the same id (an id the articles' authors chose to
 * share). An article has at most one link to an event.
 *
 * Units are pixels; x grows with time from `margin` to width - margin;
 * lane i's line is at get_lane_y(i), its title above it.
 */
#pragma once

#include <glib-object.h>

#include "treaties-article.h"

G_BEGIN_DECLS

#define TREATIES_LANES_MARGIN       24.0
#define TREATIES_LANES_AXIS_HEIGHT  30.0
#define TREATIES_LANES_LANE_HEIGHT  64.0
/* A click this close to an event's dot (or its line between lanes) hits it. */
#define TREATIES_LANES_HIT_RADIUS   8.0

/* An event in one article's lane. */
typedef struct {
  guint          lane;
  TreatiesEvent *event;   /* the article's */
} TreatiesLanesLink;

/* An event of the layout, drawn once: a dot on each lane it is linked to,
 * joined by a line when there are several. */
typedef struct {
  TreatiesDateSpan  span;
  const char       *title;    /* the first link's event's */
  GArray           *links;    /* TreatiesLanesLink, by lane */
  double            x;        /* of its first day, after set_width() */
  double            end_x;    /* of its last day */
} TreatiesLanesEvent;

#define TREATIES_TYPE_LANES_LAYOUT (treaties_lanes_layout_get_type ())

G_DECLARE_FINAL_TYPE (TreatiesLanesLayout, treaties_lanes_layout, TREATIES, LANES_LAYOUT, GObject)

/* @articles: TreatiesArticle, one lane each (referenced). */
TreatiesLanesLayout      *treaties_lanes_layout_new          (GPtrArray *articles);

guint                     treaties_lanes_layout_get_n_lanes  (TreatiesLanesLayout *self);
TreatiesArticle          *treaties_lanes_layout_get_article  (TreatiesLanesLayout *self,
                                                              guint                lane);
/* In date order (start, then end, then title). */
guint                     treaties_lanes_layout_get_n_events (TreatiesLanesLayout *self);
const TreatiesLanesEvent *treaties_lanes_layout_get_event    (TreatiesLanesLayout *self,
                                                              guint                index);
/* The index of the event @event of lane @lane's article belongs to, or -1. */
int                       treaties_lanes_layout_find_event   (TreatiesLanesLayout *self,
                                                              guint                lane,
                                                              TreatiesEvent       *event);
/* The first and last day on the axis. */
void                      treaties_lanes_layout_get_range    (TreatiesLanesLayout *self,
                                                              TreatiesDay         *start,
                                                              TreatiesDay         *end);

/* Places the events for a figure @width wide. */
void                      treaties_lanes_layout_set_width    (TreatiesLanesLayout *self,
                                                              double               width);
double                    treaties_lanes_layout_get_height   (TreatiesLanesLayout *self);
double                    treaties_lanes_layout_day_to_x     (TreatiesLanesLayout *self,
                                                              double               day);
double                    treaties_lanes_layout_get_lane_y   (TreatiesLanesLayout *self,
                                                              guint                lane);
/* The event and lane at (@x, @y): a dot, or the line joining a shared
 * event's dots (the nearest lane then). FALSE if none. */
gboolean                  treaties_lanes_layout_hit_test     (TreatiesLanesLayout *self,
                                                              double               x,
                                                              double               y,
                                                              guint               *event_index,
                                                              guint               *lane);

G_END_DECLS
