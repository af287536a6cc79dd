/* treaties-lanes-view.c: several articles' timelines, one lane each
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "treaties-style-colors.h"

#include <math.h>

#include <adwaita.h>
#include <glib/gi18n.h>

#include "treaties-lanes-view.h"

#define DOT_RADIUS        4.0
#define SHARED_DOT_RADIUS 5.5
#define MIN_YEAR_SPACING  44.0

enum {
  COLOR_TEXT,
  COLOR_TICK,
  COLOR_LANE,
  COLOR_DOT,
  COLOR_SHARED,
  COLOR_FOCUS,
  COLOR_BACKGROUND,
  N_COLORS
};

/* Set by the stylesheet as `lanes.CLASS { color: … }`. */
static const char * const color_classes[N_COLORS] = {
  NULL, "tick", "lane", "dot", "shared", "focus-ring", "background",
};

struct _TreatiesLanesView
{
  GtkWidget            parent_instance;

  TreatiesLanesLayout *layout;
  int                  focused;      /* event index, or -1 */
  guint                focused_lane;
  GdkRGBA              colors[N_COLORS];
  gboolean             colors_valid;
  GtkAdjustment       *scroll;       /* of the viewport we are in, if any */
};

enum {
  EVENT_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (TreatiesLanesView, treaties_lanes_view, GTK_TYPE_WIDGET)

static void
ensure_colors (TreatiesLanesView *self)
{
  if (self->colors_valid)
    return;
  treaties_style_lookup_colors (GTK_WIDGET (self), color_classes, N_COLORS, self->colors);
  self->colors_valid = TRUE;
}

static void
append_dot (GtkSnapshot   *snapshot,
            double         x,
            double         y,
            double         radius,
            double         ring,
            const GdkRGBA *color)
{
  GskRoundedRect rect;
  float width = ring > 0 ? ring : radius;
  const float widths[4] = { width, width, width, width };
  const GdkRGBA colors[4] = { *color, *color, *color, *color };

  gsk_rounded_rect_init_from_rect (&rect, &GRAPHENE_RECT_INIT (x - radius, y - radius, 2 * radius, 2 * radius),
                                   radius);
  gtk_snapshot_append_border (snapshot, &rect, widths, colors);
}

static void
append_text (GtkSnapshot   *snapshot,
             PangoLayout   *layout,
             const char    *text,
             double         x,
             double         y,
             double         max_width,
             const GdkRGBA *color)
{
  pango_layout_set_text (layout, text, -1);
  pango_layout_set_width (layout, max_width > 0 ? (int) (max_width * PANGO_SCALE) : -1);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (round (x), round (y)));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);
}

/* The part of the view on screen, [*top, *bottom] in its coordinates:
 * a library of many articles has lanes far out of view, not drawn. A
 * scroll then draws again. */
static void
visible_range (TreatiesLanesView *self,
               double            *top,
               double            *bottom)
{
  GtkWidget *viewport = gtk_widget_get_ancestor (GTK_WIDGET (self), GTK_TYPE_VIEWPORT);
  double x, y;

  *top = 0;
  *bottom = gtk_widget_get_height (GTK_WIDGET (self));
  if (viewport == NULL ||
      !gtk_widget_translate_coordinates (viewport, GTK_WIDGET (self), 0, 0, &x, &y))
    return;
  *top = MAX (*top, y);
  *bottom = MIN (*bottom, y + gtk_widget_get_height (viewport));
  if (self->scroll != gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (viewport)))
    {
      self->scroll = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (viewport));
      g_signal_connect_object (self->scroll, "value-changed", G_CALLBACK (gtk_widget_queue_draw), self,
                               G_CONNECT_SWAPPED);
    }
}

static gboolean
in_range (double y,
          double top,
          double bottom)
{
  return y >= top - TREATIES_LANES_LANE_HEIGHT && y <= bottom + TREATIES_LANES_LANE_HEIGHT;
}

static void
treaties_lanes_view_snapshot (GtkWidget   *widget,
                              GtkSnapshot *snapshot)
{
  TreatiesLanesView *self = TREATIES_LANES_VIEW (widget);
  int width = gtk_widget_get_width (widget);
  double height = gtk_widget_get_height (widget);
  g_autoptr(PangoLayout) text = NULL;
  g_autoptr(PangoLayout) bold = NULL;
  g_autoptr(PangoAttrList) bold_attrs = pango_attr_list_new ();
  TreatiesDay start, end;
  int first_year, last_year, step;
  double x0, x1, top, bottom;

  if (self->layout == NULL)
    return;
  ensure_colors (self);
  visible_range (self, &top, &bottom);
  treaties_lanes_layout_set_width (self->layout, width);
  treaties_lanes_layout_get_range (self->layout, &start, &end);
  text = gtk_widget_create_pango_layout (widget, NULL);
  bold = gtk_widget_create_pango_layout (widget, NULL);
  pango_attr_list_insert (bold_attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
  pango_layout_set_attributes (bold, bold_attrs);

  /* Years: a faint line down through the lanes, labelled as room allows. */
  treaties_day_to_ymd (start, &first_year, NULL, NULL);
  treaties_day_to_ymd (end, &last_year, NULL, NULL);
  x0 = treaties_lanes_layout_day_to_x (self->layout, treaties_day_from_ymd (first_year, 1, 1));
  x1 = treaties_lanes_layout_day_to_x (self->layout, treaties_day_from_ymd (first_year + 1, 1, 1));
  step = MAX (1, (int) ceil (MIN_YEAR_SPACING / MAX (1.0, x1 - x0)));
  for (int year = first_year + (start > treaties_day_from_ymd (first_year, 1, 1)); year <= last_year; year++)
    {
      double x = round (treaties_lanes_layout_day_to_x (self->layout, treaties_day_from_ymd (year, 1, 1)));
      g_autofree char *label = NULL;

      gtk_snapshot_append_color (snapshot, &self->colors[COLOR_TICK],
                                 &GRAPHENE_RECT_INIT (x, TREATIES_LANES_AXIS_HEIGHT - 6, 1, height - TREATIES_LANES_AXIS_HEIGHT));
      if (year % step != 0)
        continue;
      label = g_strdup_printf ("%d", year);
      append_text (snapshot, text, label, x + 3, 4, -1, &self->colors[COLOR_TEXT]);
    }

  /* Lanes' lines, then the lines joining a shared event's dots, then the
   * titles over them (on the background, so a line does not cross the
   * words), then the dots. */
  for (guint lane = 0; lane < treaties_lanes_layout_get_n_lanes (self->layout); lane++)
    {
      double y = treaties_lanes_layout_get_lane_y (self->layout, lane);

      if (!in_range (y, top, bottom))
        continue;
      gtk_snapshot_append_color (snapshot, &self->colors[COLOR_LANE],
                                 &GRAPHENE_RECT_INIT (TREATIES_LANES_MARGIN, y - 1, width - 2 * TREATIES_LANES_MARGIN, 2));
    }
  for (guint i = 0; i < treaties_lanes_layout_get_n_events (self->layout); i++)
    {
      const TreatiesLanesEvent *event = treaties_lanes_layout_get_event (self->layout, i);
      double from = G_MAXDOUBLE, to = -G_MAXDOUBLE;

      if (event->links->len < 2)
        continue;
      for (guint j = 0; j < event->links->len; j++)
        {
          double y = treaties_lanes_layout_get_lane_y (self->layout, g_array_index (event->links, TreatiesLanesLink, j).lane);

          from = MIN (from, y);
          to = MAX (to, y);
        }
      from = MAX (from, top - TREATIES_LANES_LANE_HEIGHT);
      to = MIN (to, bottom + TREATIES_LANES_LANE_HEIGHT);
      if (to > from)
        gtk_snapshot_append_color (snapshot, &self->colors[COLOR_SHARED],
                                   &GRAPHENE_RECT_INIT (round (event->x) - 1, from, 2, to - from));
    }
  for (guint lane = 0; lane < treaties_lanes_layout_get_n_lanes (self->layout); lane++)
    {
      double y = treaties_lanes_layout_get_lane_y (self->layout, lane) - TREATIES_LANES_LANE_HEIGHT * 0.55;
      TreatiesArticle *article = treaties_lanes_layout_get_article (self->layout, lane);
      PangoRectangle extents;

      if (!in_range (y, top, bottom))
        continue;
      pango_layout_set_text (bold, treaties_article_get_title (article), -1);
      pango_layout_set_width (bold, (int) ((width - 2 * TREATIES_LANES_MARGIN) * PANGO_SCALE));
      pango_layout_set_ellipsize (bold, PANGO_ELLIPSIZE_END);
      pango_layout_get_pixel_extents (bold, NULL, &extents);
      gtk_snapshot_append_color (snapshot, &self->colors[COLOR_BACKGROUND],
                                 &GRAPHENE_RECT_INIT (TREATIES_LANES_MARGIN - 4, round (y), extents.width + 8, extents.height));
      append_text (snapshot, bold, treaties_article_get_title (article), TREATIES_LANES_MARGIN, y,
                   width - 2 * TREATIES_LANES_MARGIN, &self->colors[COLOR_TEXT]);
    }

  /* Events: a dot on each lane an event is in (a bar for a span). */
  for (guint i = 0; i < treaties_lanes_layout_get_n_events (self->layout); i++)
    {
      const TreatiesLanesEvent *event = treaties_lanes_layout_get_event (self->layout, i);
      gboolean shared = event->links->len > 1;

      for (guint j = 0; j < event->links->len; j++)
        {
          guint lane = g_array_index (event->links, TreatiesLanesLink, j).lane;
          double y = treaties_lanes_layout_get_lane_y (self->layout, lane);

          if (!in_range (y, top, bottom))
            continue;
          if (event->end_x - event->x >= 2)
            gtk_snapshot_append_color (snapshot, shared ? &self->colors[COLOR_SHARED] : &self->colors[COLOR_DOT],
                                       &GRAPHENE_RECT_INIT (event->x, y - 3, event->end_x - event->x, 6));
          append_dot (snapshot, event->x, y, shared ? SHARED_DOT_RADIUS : DOT_RADIUS, 0,
                      shared ? &self->colors[COLOR_SHARED] : &self->colors[COLOR_DOT]);
          if ((int) i == self->focused && lane == self->focused_lane && gtk_widget_has_visible_focus (widget))
            append_dot (snapshot, event->x, y, SHARED_DOT_RADIUS + 4, 2, &self->colors[COLOR_FOCUS]);
        }
    }
}

static void
treaties_lanes_view_measure (GtkWidget      *widget,
                             GtkOrientation  orientation,
                             int             for_size,
                             int            *minimum,
                             int            *natural,
                             int            *minimum_baseline,
                             int            *natural_baseline)
{
  TreatiesLanesView *self = TREATIES_LANES_VIEW (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 320;
      *natural = 900;
    }
  else
    *minimum = *natural = self->layout ? (int) ceil (treaties_lanes_layout_get_height (self->layout)) : 0;
}

static void
treaties_lanes_view_css_changed (GtkWidget         *widget,
                                 GtkCssStyleChange *change)
{
  TREATIES_LANES_VIEW (widget)->colors_valid = FALSE;
  GTK_WIDGET_CLASS (treaties_lanes_view_parent_class)->css_changed (widget, change);
  gtk_widget_queue_draw (widget);
}

static gboolean
query_tooltip_cb (GtkWidget  *widget,
                  int         x,
                  int         y,
                  gboolean    keyboard,
                  GtkTooltip *tooltip,
                  gpointer    user_data)
{
  TreatiesLanesView *self = TREATIES_LANES_VIEW (widget);
  guint index, lane;
  const TreatiesLanesEvent *event;
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *date = NULL;

  if (self->layout == NULL)
    return FALSE;
  if (keyboard && self->focused >= 0)
    {
      index = self->focused;
      lane = self->focused_lane;
    }
  else if (!treaties_lanes_layout_hit_test (self->layout, x, y, &index, &lane))
    return FALSE;

  event = treaties_lanes_layout_get_event (self->layout, index);
  date = treaties_date_span_format (&event->span);
  g_string_append_printf (text, "%s — %s", date, event->title);
  for (guint j = 0; event->links->len > 1 && j < event->links->len; j++)
    {
      TreatiesArticle *article = treaties_lanes_layout_get_article (self->layout,
                                                                    g_array_index (event->links, TreatiesLanesLink, j).lane);
      g_string_append_printf (text, "\n• %s", treaties_article_get_title (article));
    }
  gtk_tooltip_set_text (tooltip, text->str);
  return TRUE;
}

static void
released_cb (GtkGestureClick   *gesture,
             int                n_press,
             double             x,
             double             y,
             TreatiesLanesView *self)
{
  guint index, lane;

  if (self->layout == NULL || !treaties_lanes_layout_hit_test (self->layout, x, y, &index, &lane))
    return;
  treaties_lanes_view_set_focused_event (self, index, lane);
  treaties_lanes_view_activate (self, index, lane);
}

/* The lane after (or before) @lane among @event's links. */
static guint
next_lane (const TreatiesLanesEvent *event,
           guint                     lane,
           int                       direction)
{
  for (guint j = 0; j < event->links->len; j++)
    if (g_array_index (event->links, TreatiesLanesLink, j).lane == lane)
      {
        int k = CLAMP ((int) j + direction, 0, (int) event->links->len - 1);
        return g_array_index (event->links, TreatiesLanesLink, k).lane;
      }
  return g_array_index (event->links, TreatiesLanesLink, 0).lane;
}

static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                TreatiesLanesView     *self)
{
  guint n = self->layout ? treaties_lanes_layout_get_n_events (self->layout) : 0;
  const TreatiesLanesEvent *event;
  int index = self->focused;

  if (n == 0)
    return FALSE;
  switch (keyval)
    {
    case GDK_KEY_Left:
    case GDK_KEY_Right:
      index = index < 0 ? 0 : CLAMP (index + (keyval == GDK_KEY_Right ? 1 : -1), 0, (int) n - 1);
      event = treaties_lanes_layout_get_event (self->layout, index);
      treaties_lanes_view_set_focused_event (self, index, next_lane (event, self->focused_lane, 0));
      return TRUE;
    case GDK_KEY_Up:
    case GDK_KEY_Down:
      if (index < 0)
        return FALSE;
      event = treaties_lanes_layout_get_event (self->layout, index);
      treaties_lanes_view_set_focused_event (self, index, next_lane (event, self->focused_lane,
                                                                     keyval == GDK_KEY_Down ? 1 : -1));
      return TRUE;
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_space:
      if (index < 0)
        return FALSE;
      treaties_lanes_view_activate (self, index, self->focused_lane);
      return TRUE;
    default:
      return FALSE;
    }
}

static void
treaties_lanes_view_dispose (GObject *object)
{
  TreatiesLanesView *self = TREATIES_LANES_VIEW (object);

  g_clear_object (&self->layout);
  G_OBJECT_CLASS (treaties_lanes_view_parent_class)->dispose (object);
}

static void
treaties_lanes_view_class_init (TreatiesLanesViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = treaties_lanes_view_dispose;
  widget_class->snapshot = treaties_lanes_view_snapshot;
  widget_class->measure = treaties_lanes_view_measure;
  widget_class->css_changed = treaties_lanes_view_css_changed;

  /**
   * TreatiesLanesView::event-activated:
   * @lane: the lane (article) chosen
   * @event: that article's event
   */
  signals[EVENT_ACTIVATED] =
    g_signal_new ("event-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_UINT, TREATIES_TYPE_EVENT);

  gtk_widget_class_set_css_name (widget_class, "lanes");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
treaties_lanes_view_init (TreatiesLanesView *self)
{
  GtkGesture *click = gtk_gesture_click_new ();
  GtkEventController *keys = gtk_event_controller_key_new ();

  self->focused = -1;
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (query_tooltip_cb), NULL);
  g_signal_connect (click, "released", G_CALLBACK (released_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
  g_signal_connect (keys, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
}

GtkWidget *
treaties_lanes_view_new (void)
{
  return g_object_new (TREATIES_TYPE_LANES_VIEW, NULL);
}

void
treaties_lanes_view_set_layout (TreatiesLanesView   *self,
                                TreatiesLanesLayout *layout)
{
  g_return_if_fail (TREATIES_IS_LANES_VIEW (self));
  g_return_if_fail (layout == NULL || TREATIES_IS_LANES_LAYOUT (layout));

  if (!g_set_object (&self->layout, layout))
    return;
  self->focused = -1;
  self->focused_lane = 0;
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

TreatiesLanesLayout *
treaties_lanes_view_get_layout (TreatiesLanesView *self)
{
  g_return_val_if_fail (TREATIES_IS_LANES_VIEW (self), NULL);
  return self->layout;
}

int
treaties_lanes_view_get_focused_event (TreatiesLanesView *self)
{
  g_return_val_if_fail (TREATIES_IS_LANES_VIEW (self), -1);
  return self->focused;
}

void
treaties_lanes_view_set_focused_event (TreatiesLanesView *self,
                                       int                index,
                                       guint              lane)
{
  g_return_if_fail (TREATIES_IS_LANES_VIEW (self));

  self->focused = index;
  self->focused_lane = lane;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  gtk_widget_trigger_tooltip_query (GTK_WIDGET (self));
}

void
treaties_lanes_view_activate (TreatiesLanesView *self,
                              guint              index,
                              guint              lane)
{
  const TreatiesLanesEvent *event;

  g_return_if_fail (TREATIES_IS_LANES_VIEW (self));
  g_return_if_fail (self->layout != NULL && index < treaties_lanes_layout_get_n_events (self->layout));

  event = treaties_lanes_layout_get_event (self->layout, index);
  for (guint j = 0; j < event->links->len; j++)
    {
      const TreatiesLanesLink *link = &g_array_index (event->links, TreatiesLanesLink, j);

      if (link->lane == lane)
        {
          g_signal_emit (self, signals[EVENT_ACTIVATED], 0, lane, link->event);
          return;
        }
    }
}
