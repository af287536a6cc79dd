/* treaties-timeline.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "treaties-style-colors.h"

#include <math.h>

#include <adwaita.h>
#include <glib/gi18n-lib.h>

#include "treaties-timeline.h"

#include "treaties-bsearch.h"

#define ZOOM_STEP              1.6
#define WHEEL_PAN_PIXELS       48.0
#define KEY_SCROLL_PADDING     64.0
#define SECTION_SCROLL_PADDING 32.0
#define HIT_TOLERANCE          4.0
#define BAR_FADE               18.0   /* px over which a doubtful end fades out */
#define FOCUS_RING_WIDTH       2.0
#define FOCUS_RING_OFFSET      2.0
#define SEARCH_RING_WIDTH      2.0
#define CAPTION_PAD_X          8.0
#define CAPTION_MARGIN         4.0
#define CAPTION_CLEAR          6.0   /* between the caption and tick labels */
#define MAX_ACCESSIBLE_EVENTS  256
#define MAX_CROWD_ROWS         40     /* events a badge's list shows */
#define MIN_WIDTH              160
/* The overview strip under the figure: the whole range, and a window on
 * it for the part in view (only while zoomed in; its room is kept always,
 * so that zooming does not change the figure's height). */
#define OVERVIEW_HEIGHT        6.0
#define OVERVIEW_GAP           4.0    /* above it */
#define OVERVIEW_INSET         8.0    /* from the ends */
#define OVERVIEW_MIN_WINDOW    8.0

typedef enum {
  COLOR_TEXT,
  COLOR_DIM,
  COLOR_AXIS,
  COLOR_ERA,
  COLOR_ERA_TINT,
  COLOR_ERA_TEXT,
  COLOR_MARKER,
  COLOR_MARKER_HOVER,
  COLOR_MARKER_RING,
  COLOR_PRIMARY,
  COLOR_HIGHLIGHT,
  COLOR_HIGHLIGHT_LABEL,
  COLOR_HIGHLIGHT_HOVER,
  COLOR_HIGHLIGHT_TEXT,
  COLOR_ACTIVATED,
  COLOR_ACTIVATED_TEXT,
  COLOR_LABEL,
  COLOR_HOVER,
  COLOR_FOCUS,
  COLOR_CAPTION_BORDER,
  COLOR_SEARCH,
  COLOR_SEARCH_LABEL,
  COLOR_SPAN,
  COLOR_SPAN_HIGHLIGHT,
  COLOR_BADGE,
  COLOR_BADGE_TEXT,
  COLOR_ERA_0,
  COLOR_ERA_1,
  COLOR_ERA_2,
  COLOR_ERA_3,
  N_COLORS
} TimelineColor;

/* The CSS class that gives each colour (data/style.css, region "timeline"). */
static const char * const color_classes[N_COLORS] = {
  [COLOR_TEXT] = NULL,
  [COLOR_DIM] = "tick-label",
  [COLOR_AXIS] = "axis",
  [COLOR_ERA] = "era",
  [COLOR_ERA_TINT] = "era-tint",
  [COLOR_ERA_TEXT] = "era-title",
  [COLOR_MARKER] = "marker",
  [COLOR_MARKER_HOVER] = "marker-hover",
  [COLOR_MARKER_RING] = "marker-ring",
  [COLOR_PRIMARY] = "primary",
  [COLOR_HIGHLIGHT] = "highlighted",
  [COLOR_HIGHLIGHT_LABEL] = "highlighted-label",
  [COLOR_HIGHLIGHT_HOVER] = "highlighted-hover",
  [COLOR_HIGHLIGHT_TEXT] = "highlighted-title",
  [COLOR_ACTIVATED] = "activated",
  [COLOR_ACTIVATED_TEXT] = "activated-title",
  [COLOR_LABEL] = "label-background",
  [COLOR_HOVER] = "hover",
  [COLOR_FOCUS] = "focus-ring",
  [COLOR_CAPTION_BORDER] = "caption-border",
  [COLOR_SEARCH] = "search-match",
  [COLOR_SEARCH_LABEL] = "search-match-label",
  [COLOR_SPAN] = "span",
  [COLOR_SPAN_HIGHLIGHT] = "span-highlighted",
  [COLOR_BADGE] = "badge",
  [COLOR_BADGE_TEXT] = "badge-text",
  /* Eras in turn take one of four tints, so that neighbours differ. */
  [COLOR_ERA_0] = "era-0",
  [COLOR_ERA_1] = "era-1",
  [COLOR_ERA_2] = "era-2",
  [COLOR_ERA_3] = "era-3",
};

struct _TreatiesTimeline
{
  GtkWidget               parent_instance;

  TreatiesArticle        *article;
  TreatiesTimelineLayout *layout;
  char                   *current_section;
  GArray                 *matching;         /* of guint: events a search found, sorted */

  int                     focused;          /* event index, or -1 */
  int                     hovered;          /* event index, or -1 */
  int                     activated;        /* the event last activated, or -1 */
  int                     hovered_badge;    /* badge index in the frame, or -1 */

  gboolean                pointer_inside;
  double                  pointer_x;
  double                  pointer_y;

  gboolean                dragging;
  gboolean                dragging_overview;
  double                  drag_start_view;
  double                  drag_start_window;
  double                  zoom_scale;

  GPtrArray              *accessibles;      /* GtkButton children, in date order */
  GPtrArray              *badge_accessibles; /* GtkButton children, one per badge */
  guint                   accessible_sync_id;
  int                     accessible_min_width;
  int                     accessible_min_height;

  GtkWidget              *popover;          /* the event card's popover, or NULL */
  int                     popover_event;    /* the event it points at, or -1 */
  GtkWidget              *crowd_popover;    /* a badge's events, listed, or NULL */

  GdkRGBA                 colors[N_COLORS];
  gboolean                colors_valid;
  PangoLayout            *text_layout;
  PangoLayout            *caption_layout;
  GHashTable             *badge_layouts;    /* "+N" → PangoLayout, shaped once */
};

enum {
  PROP_0,
  PROP_ARTICLE,
  PROP_CURRENT_SECTION,
  N_PROPS
};

enum {
  EVENT_ACTIVATED,
  FOCUS_TEXT,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (TreatiesTimeline, treaties_timeline, GTK_TYPE_WIDGET)

/* --- helpers --------------------------------------------------------------- */

static char *
dup_event_name (TreatiesEvent *event)
{
  g_autofree char *date = treaties_event_format_date (event);

  /* Translators: an event on the timeline: its date, then its title. */
  return g_strdup_printf (C_("timeline event", "%s — %s"),
                          g_strstrip (date), treaties_event_get_title (event));
}

static void
ensure_colors (TreatiesTimeline *self)
{
  if (self->colors_valid)
    return;
  treaties_style_lookup_colors (GTK_WIDGET (self), color_classes, N_COLORS, self->colors);
  self->colors_valid = TRUE;
}

static void
update_actions (TreatiesTimeline *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean has_events = self->layout != NULL && treaties_timeline_layout_get_n_events (self->layout) > 0;
  gboolean fit = self->layout == NULL || treaties_timeline_layout_is_fit (self->layout);

  gtk_widget_action_set_enabled (widget, "timeline.zoom-in",
                                 self->layout != NULL && treaties_timeline_layout_can_zoom_in (self->layout));
  gtk_widget_action_set_enabled (widget, "timeline.zoom-out", !fit);
  gtk_widget_action_set_enabled (widget, "timeline.zoom-fit", !fit);
  gtk_widget_action_set_enabled (widget, "timeline.next-event", has_events);
  gtk_widget_action_set_enabled (widget, "timeline.previous-event", has_events);
  gtk_widget_action_set_enabled (widget, "timeline.first-event", has_events);
  gtk_widget_action_set_enabled (widget, "timeline.last-event", has_events);
  gtk_widget_action_set_enabled (widget, "timeline.activate-event", has_events);
}

static gboolean sync_accessibles_cb (gpointer data);

/* Everything that follows a change of the view or of what is shown. */
static void
view_changed (TreatiesTimeline *self)
{
  update_actions (self);
  /* The card's popover follows its marker. */
  if (self->popover != NULL && gtk_widget_get_visible (self->popover))
    gtk_widget_queue_allocate (GTK_WIDGET (self));
  if (self->accessible_sync_id == 0)
    self->accessible_sync_id = g_idle_add_full (G_PRIORITY_LOW, sync_accessibles_cb, self, NULL);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
apply_current_section (TreatiesTimeline *self,
                       gboolean          scroll)
{
  const guint *indices = NULL;
  guint n_indices = 0;
  double first_day, last_day, first_x, last_x;
  double width;

  if (self->layout == NULL)
    return;

  /* The layout holds the article's events in the article's order (none
   * when the timeline has no range), so positions are layout indices. */
  if (self->current_section != NULL && treaties_timeline_layout_get_n_events (self->layout) > 0)
    indices = treaties_article_get_section_event_positions (self->article, self->current_section, &n_indices);
  if (n_indices == 0)
    {
      treaties_timeline_layout_set_highlighted (self->layout, NULL, 0);
      view_changed (self);
      return;
    }

  treaties_timeline_layout_set_highlighted (self->layout, indices, n_indices);

  /* Indices are in date order: the first and last span them all. */
  first_day = treaties_timeline_layout_get_event_date (self->layout, indices[0]);
  last_day = treaties_timeline_layout_get_event_date (self->layout, indices[n_indices - 1]);
  first_x = treaties_timeline_layout_day_to_x (self->layout, first_day);
  last_x = treaties_timeline_layout_day_to_x (self->layout, last_day);
  width = treaties_timeline_layout_get_width (self->layout);
  if (scroll && width > 0 && (first_x < 0 || last_x > width))
    treaties_timeline_layout_ensure_visible (self->layout, first_day, last_day, SECTION_SCROLL_PADDING);

  view_changed (self);
}

static void
set_focused (TreatiesTimeline *self,
             int               index,
             gboolean          scroll)
{
  guint n;

  if (self->layout == NULL)
    return;

  n = treaties_timeline_layout_get_n_events (self->layout);
  if (n == 0)
    index = -1;
  else if (index >= (int) n)
    index = n - 1;
  self->focused = MAX (index, -1);

  if (scroll && self->focused >= 0)
    {
      double day = treaties_timeline_layout_get_event_date (self->layout, self->focused);

      treaties_timeline_layout_ensure_visible (self->layout, day, day, KEY_SCROLL_PADDING);
    }
  view_changed (self);
}

static void
activate_index (TreatiesTimeline *self,
                guint             index)
{
  TreatiesEvent *event = treaties_timeline_layout_get_event (self->layout, index);

  g_return_if_fail (event != NULL);

  self->focused = index;
  self->activated = index;
  treaties_timeline_layout_set_selected (self->layout, index);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_signal_emit (self, signals[EVENT_ACTIVATED], 0, event);
}

/* "12 events, 3 March 1931 – 9 May 1931": what a badge stands for. */
static char *
dup_badge_name (const TreatiesTimelineBadge *badge)
{
  g_autofree char *first = treaties_day_format_long (badge->first_day);
  g_autofree char *dates = NULL;

  if (badge->first_day == badge->last_day)
    dates = g_strdup (first);
  else
    {
      g_autofree char *last = treaties_day_format_long (badge->last_day);

      /* Translators: the dates a crowd of events on the timeline spans. */
      dates = g_strdup_printf (C_("timeline badge", "%s – %s"), first, last);
    }
  /* Translators: a "+N" badge on the timeline that stands for events that
   * have no room for a label: their number, then their dates. */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u event, %s", "%u events, %s", badge->n_events),
                          badge->n_events, dates);
}

static const char *
badge_hint (TreatiesTimeline            *self,
            const TreatiesTimelineBadge *badge)
{
  if (badge->first_day < badge->last_day && treaties_timeline_layout_can_zoom_in (self->layout))
    return _("Activate to zoom in on them");
  return _("Activate to list them");
}

static void
crowd_row_clicked_cb (GtkButton        *button,
                      TreatiesTimeline *self)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "event-index"));

  if (self->crowd_popover != NULL)
    gtk_popover_popdown (GTK_POPOVER (self->crowd_popover));
  if (self->layout != NULL && index > 0 && index <= treaties_timeline_layout_get_n_events (self->layout))
    activate_index (self, index - 1);
}

/* Lists the events of a badge that cannot zoom in any further (they share
 * a day, or the view is as close as it goes) in a popover of buttons. */
static void
list_badge (TreatiesTimeline            *self,
            const TreatiesTimelineBadge *badge)
{
  const TreatiesTimelineFrame *frame = treaties_timeline_layout_compute (self->layout);
  g_autofree char *name = dup_badge_name (badge);
  GtkWidget *box, *list, *scrolled, *heading;
  guint shown = 0;

  g_clear_pointer (&self->crowd_popover, gtk_widget_unparent);
  self->crowd_popover = gtk_popover_new ();
  gtk_widget_add_css_class (self->crowd_popover, "timeline-crowd");
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  heading = gtk_label_new (name);
  gtk_widget_add_css_class (heading, "heading");
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_box_append (GTK_BOX (box), heading);
  list = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  for (guint m = badge->first_marker; m < badge->first_marker + badge->n_markers && shown < MAX_CROWD_ROWS; m++)
    {
      const TreatiesTimelineMarker *marker = &frame->markers[m];

      if (!marker->in_badge)
        continue;
      for (guint e = marker->first; e < marker->first + marker->n_events && shown < MAX_CROWD_ROWS; e++)
        {
          g_autofree char *event_name = dup_event_name (treaties_timeline_layout_get_event (self->layout, e));
          GtkWidget *button = gtk_button_new_with_label (event_name);
          GtkWidget *label = gtk_button_get_child (GTK_BUTTON (button));

          gtk_label_set_xalign (GTK_LABEL (label), 0);
          gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
          gtk_label_set_max_width_chars (GTK_LABEL (label), 60);
          gtk_widget_add_css_class (button, "flat");
          g_object_set_data (G_OBJECT (button), "event-index", GUINT_TO_POINTER (e + 1));
          g_signal_connect_object (button, "clicked", G_CALLBACK (crowd_row_clicked_cb), self, 0);
          gtk_box_append (GTK_BOX (list), button);
          shown++;
        }
    }
  if (shown < badge->n_events)
    {
      g_autofree char *more = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "and %u more event",
                                                            "and %u more events",
                                                            badge->n_events - shown),
                                               badge->n_events - shown);
      GtkWidget *label = gtk_label_new (more);

      gtk_widget_add_css_class (label, "dim-label");
      gtk_box_append (GTK_BOX (list), label);
    }
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 320);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), list);
  gtk_box_append (GTK_BOX (box), scrolled);
  gtk_popover_set_child (GTK_POPOVER (self->crowd_popover), box);
  gtk_widget_set_parent (self->crowd_popover, GTK_WIDGET (self));
  gtk_popover_set_pointing_to (GTK_POPOVER (self->crowd_popover),
                               &(GdkRectangle) { floor (badge->x), floor (badge->y),
                                                 ceil (badge->width), ceil (badge->height) });
  gtk_popover_popup (GTK_POPOVER (self->crowd_popover));
}

/* Expands badge @index of the frame: zooms in to fit its events, or, when
 * that would show nothing more, lists them. */
static void
expand_badge (TreatiesTimeline *self,
              guint             index)
{
  const TreatiesTimelineFrame *frame = treaties_timeline_layout_compute (self->layout);
  TreatiesTimelineBadge badge;

  g_return_if_fail (index < frame->n_badges);

  badge = frame->badges[index];
  if (treaties_timeline_layout_expand_badge (self->layout, index))
    view_changed (self);
  else
    list_badge (self, &badge);
}

/* Where zooming by key or button keeps still: the focused event if it is
 * in view (the reader's place), else the pointer, else the centre. */
static double
zoom_anchor (TreatiesTimeline *self)
{
  double width = treaties_timeline_layout_get_width (self->layout);

  if (self->focused >= 0)
    {
      double x = treaties_timeline_layout_day_to_x (self->layout,
                                                    treaties_timeline_layout_get_event_date (self->layout, self->focused));

      if (x >= 0 && x <= width)
        return x;
    }
  if (self->pointer_inside)
    return self->pointer_x;
  return width / 2;
}

static void
zoom_by (TreatiesTimeline *self,
         double            factor,
         double            anchor_x)
{
  if (self->layout != NULL && treaties_timeline_layout_zoom (self->layout, factor, anchor_x))
    view_changed (self);
}

/* Whether one of events [@first, @first + @n) matches the search. */
static gboolean
has_matching (TreatiesTimeline *self,
              guint             first,
              guint             n)
{
  guint lo = 0, hi;

  if (self->matching == NULL || self->matching->len == 0)
    return FALSE;

  hi = self->matching->len;
  TREATIES_LOWER_BOUND (lo, hi, mid, g_array_index (self->matching, guint, mid) < first);
  return lo < self->matching->len && g_array_index (self->matching, guint, lo) < first + n;
}

static int
compare_uint (gconstpointer a,
              gconstpointer b)
{
  guint x = *(const guint *) a, y = *(const guint *) b;

  return x < y ? -1 : x > y;
}

static void
update_hover (TreatiesTimeline *self)
{
  guint index;
  int hovered = -1;

  int hovered_badge = -1;

  if (self->layout != NULL && self->pointer_inside && !self->dragging)
    {
      if (treaties_timeline_layout_hit_badge (self->layout, self->pointer_x, self->pointer_y, 0, &index))
        hovered_badge = index;
      else if (treaties_timeline_layout_hit_test (self->layout, self->pointer_x, self->pointer_y,
                                                  HIT_TOLERANCE, &index))
        hovered = index;
    }

  if (hovered != self->hovered || hovered_badge != self->hovered_badge)
    {
      self->hovered = hovered;
      self->hovered_badge = hovered_badge;
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
  if (self->dragging)
    gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "grabbing");
  else
    gtk_widget_set_cursor_from_name (GTK_WIDGET (self), hovered >= 0 || hovered_badge >= 0 ? "pointer" : NULL);
}

/* --- drawing --------------------------------------------------------------- */

static void
append_circle (GtkSnapshot   *snapshot,
               double         x,
               double         y,
               double         radius,
               double         ring,     /* 0: filled */
               const GdkRGBA *color)
{
  GskRoundedRect rect;
  float width = ring > 0 ? ring : radius;
  const float widths[4] = { width, width, width, width };
  const GdkRGBA colors[4] = { *color, *color, *color, *color };

  gsk_rounded_rect_init_from_rect (&rect,
                                   &GRAPHENE_RECT_INIT (x - radius, y - radius, 2 * radius, 2 * radius),
                                   radius);
  gtk_snapshot_append_border (snapshot, &rect, widths, colors);
}

/* A diamond (a square on its corner) reaching @radius from its centre;
 * with @ring > 0 only an outline that wide. */
static void
append_diamond (GtkSnapshot   *snapshot,
                double         x,
                double         y,
                double         radius,
                double         ring,
                const GdkRGBA *color)
{
  cairo_t *cr = gtk_snapshot_append_cairo (snapshot,
                                           &GRAPHENE_RECT_INIT (x - radius - 1, y - radius - 1,
                                                                2 * radius + 2, 2 * radius + 2));

  cairo_move_to (cr, x, y - radius);
  cairo_line_to (cr, x + radius, y);
  cairo_line_to (cr, x, y + radius);
  cairo_line_to (cr, x - radius, y);
  cairo_close_path (cr);
  if (ring > 0 && radius - ring * G_SQRT2 > 0)
    {
      double inner = radius - ring * G_SQRT2;

      cairo_move_to (cr, x, y - inner);
      cairo_line_to (cr, x - inner, y);
      cairo_line_to (cr, x, y + inner);
      cairo_line_to (cr, x + inner, y);
      cairo_close_path (cr);
    }
  gdk_cairo_set_source_rgba (cr, color);
  cairo_fill (cr);
  cairo_destroy (cr);
}

static void
append_rounded (GtkSnapshot          *snapshot,
                const graphene_rect_t *bounds,
                double                 radius,
                const GdkRGBA         *color)
{
  GskRoundedRect rect;

  gsk_rounded_rect_init_from_rect (&rect, bounds, radius);
  gtk_snapshot_push_rounded_clip (snapshot, &rect);
  gtk_snapshot_append_color (snapshot, color, bounds);
  gtk_snapshot_pop (snapshot);
}

static void
append_outline (GtkSnapshot           *snapshot,
                const graphene_rect_t *bounds,
                double                 radius,
                double                 width,
                const GdkRGBA         *color)
{
  GskRoundedRect rect;
  const float widths[4] = { width, width, width, width };
  const GdkRGBA colors[4] = { *color, *color, *color, *color };

  gsk_rounded_rect_init_from_rect (&rect, bounds, radius);
  gtk_snapshot_append_border (snapshot, &rect, widths, colors);
}

static void
append_text (TreatiesTimeline *self,
             GtkSnapshot      *snapshot,
             const char       *text,
             double            x,
             double            y,
             double            width,
             gboolean          ellipsize,
             const GdkRGBA    *color)
{
  pango_layout_set_text (self->text_layout, text, -1);
  pango_layout_set_width (self->text_layout, ellipsize ? (int) (width * PANGO_SCALE) : -1);
  pango_layout_set_ellipsize (self->text_layout, ellipsize ? PANGO_ELLIPSIZE_END : PANGO_ELLIPSIZE_NONE);

  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (round (x), round (y)));
  gtk_snapshot_append_layout (snapshot, self->text_layout, color);
  gtk_snapshot_restore (snapshot);
}

static gboolean
marker_holds (const TreatiesTimelineMarker *marker,
              int                           index)
{
  return index >= (int) marker->first && index < (int) (marker->first + marker->n_events);
}

/* Whether @index is the event the reader chose, shown as such while it is
 * one of the current section's events. */
static gboolean
is_activated (TreatiesTimeline *self,
              guint             first,
              guint             n)
{
  return self->activated >= (int) first && self->activated < (int) (first + n) &&
         treaties_timeline_layout_is_highlighted (self->layout, self->activated);
}

/* How far a marker is drawn from its centre (without the background ring). */
static double
marker_drawn_radius (TreatiesTimeline             *self,
                     const TreatiesTimelineMarker *marker)
{
  double r = marker->radius;

  if (!marker->primary && (marker->highlighted || is_activated (self, marker->first, marker->n_events)))
    r += 0.5;
  if (marker_holds (marker, self->hovered))
    r += 1;
  return r;
}

static void
snapshot_eras (TreatiesTimeline            *self,
               GtkSnapshot                 *snapshot,
               const TreatiesTimelineFrame *frame)
{
  for (guint i = 0; i < frame->n_eras; i++)
    {
      const TreatiesTimelineEraBand *band = &frame->eras[i];
      double x1 = round (MAX (band->x, -8));
      double x2 = round (MIN (band->x + band->width, frame->width + 8));
      double tint_top = band->y + band->height;

      /* A faint column behind the events, and the band with its title. */
      gtk_snapshot_append_color (snapshot, &self->colors[COLOR_ERA_TINT],
                                 &GRAPHENE_RECT_INIT (x1, tint_top, MAX (x2 - x1, 1), frame->axis_y - tint_top));
      append_rounded (snapshot, &GRAPHENE_RECT_INIT (x1 + 1, band->y, MAX (x2 - x1 - 2, 1), band->height),
                      band->height / 2 > 6 ? 6 : band->height / 2, &self->colors[COLOR_ERA]);
      append_rounded (snapshot, &GRAPHENE_RECT_INIT (x1 + 1, band->y, MAX (x2 - x1 - 2, 1), band->height),
                      band->height / 2 > 6 ? 6 : band->height / 2, &self->colors[COLOR_ERA_0 + band->era_index % 4]);
      if (band->label_width > 0)
        append_text (self, snapshot, treaties_era_get_title (band->era),
                     band->label_x, band->label_y, band->label_width, band->ellipsized,
                     &self->colors[COLOR_ERA_TEXT]);
    }
}

/* @caption: where the focus caption covers the tick labels, or NULL. */
static void
snapshot_axis (TreatiesTimeline            *self,
               GtkSnapshot                 *snapshot,
               const TreatiesTimelineFrame *frame,
               const graphene_rect_t       *caption)
{
  double axis_y = round (frame->axis_y);

  if (frame->axis_end_x > frame->axis_start_x)
    gtk_snapshot_append_color (snapshot, &self->colors[COLOR_AXIS],
                               &GRAPHENE_RECT_INIT (round (frame->axis_start_x), axis_y,
                                                    round (frame->axis_end_x) - round (frame->axis_start_x), 1));

  for (guint i = 0; i < frame->n_ticks; i++)
    {
      const TreatiesTimelineTick *tick = &frame->ticks[i];

      gtk_snapshot_append_color (snapshot, &self->colors[COLOR_AXIS],
                                 &GRAPHENE_RECT_INIT (round (tick->x), axis_y, 1, round (tick->height) + 1));
      if (tick->label == NULL)
        continue;
      /* The caption tells the focused event's date: the years it covers
       * make way rather than peek out around it. */
      if (caption != NULL &&
          tick->label_x < caption->origin.x + caption->size.width + CAPTION_CLEAR &&
          tick->label_x + tick->label_width > caption->origin.x - CAPTION_CLEAR)
        continue;
      append_text (self, snapshot, tick->label, tick->label_x, tick->label_y, tick->label_width, FALSE,
                   tick->kind == TREATIES_TIMELINE_TICK_YEAR ? &self->colors[COLOR_TEXT] : &self->colors[COLOR_DIM]);
    }
}

static void
snapshot_labels (TreatiesTimeline            *self,
                 GtkSnapshot                 *snapshot,
                 const TreatiesTimelineFrame *frame)
{
  gboolean focus_visible = gtk_widget_has_visible_focus (GTK_WIDGET (self));

  /* Leader lines: the layout keeps them clear of other labels. */
  for (guint i = 0; i < frame->n_labels; i++)
    {
      const TreatiesTimelineLabel *label = &frame->labels[i];
      const TreatiesTimelineMarker *marker = treaties_timeline_layout_find_marker (self->layout, label->event_index);
      double top = round (label->y + label->height);
      double bottom = marker != NULL ? marker->y - marker_drawn_radius (self, marker) - 1 : frame->axis_y;
      gboolean strong = label->priority || (int) label->event_index == self->hovered;

      if (bottom > top)
        gtk_snapshot_append_color (snapshot,
                                   strong ? &self->colors[COLOR_HIGHLIGHT] : &self->colors[COLOR_AXIS],
                                   &GRAPHENE_RECT_INIT (floor (label->anchor_x), top, 1, round (bottom - top)));
    }

  for (guint i = 0; i < frame->n_labels; i++)
    {
      const TreatiesTimelineLabel *label = &frame->labels[i];
      TreatiesEvent *event = treaties_timeline_layout_get_event (self->layout, label->event_index);
      graphene_rect_t box = GRAPHENE_RECT_INIT (round (label->x), round (label->y),
                                                round (label->width), round (label->height));
      double radius = box.size.height / 2;
      gboolean hovered = (int) label->event_index == self->hovered;
      const GdkRGBA *text = label->priority ? &self->colors[COLOR_HIGHLIGHT_TEXT] : &self->colors[COLOR_TEXT];

      append_rounded (snapshot, &box, radius, &self->colors[COLOR_LABEL]);
      if (is_activated (self, label->event_index, 1))
        {
          /* The event the reader chose: filled, as its marker is. */
          append_rounded (snapshot, &box, radius, &self->colors[COLOR_ACTIVATED]);
          text = &self->colors[COLOR_ACTIVATED_TEXT];
        }
      else
        {
          /* Found by a search: the search's tint, over the section's, and
           * plain text, which keeps its contrast on the yellow. */
          if (has_matching (self, label->event_index, 1))
            {
              append_rounded (snapshot, &box, radius, &self->colors[COLOR_SEARCH_LABEL]);
              text = &self->colors[COLOR_TEXT];
            }
          else if (label->priority)
            append_rounded (snapshot, &box, radius,
                            &self->colors[hovered ? COLOR_HIGHLIGHT_HOVER : COLOR_HIGHLIGHT_LABEL]);
          if (hovered && (!label->priority || has_matching (self, label->event_index, 1)))
            append_rounded (snapshot, &box, radius, &self->colors[COLOR_HOVER]);
        }
      append_text (self, snapshot, treaties_event_get_title (event),
                   label->text_x, label->y + 2, label->text_width, label->ellipsized, text);

      if ((int) label->event_index == self->focused && focus_visible)
        {
          graphene_rect_t ring = box;

          graphene_rect_inset (&ring, -FOCUS_RING_OFFSET, -FOCUS_RING_OFFSET);
          append_outline (snapshot, &ring, ring.size.height / 2, FOCUS_RING_WIDTH, &self->colors[COLOR_FOCUS]);
        }
    }
}

/* A bar from x0 to x1, fading to nothing over its first or last few
 * pixels where that end is approximate, uncertain or open. */
static void
snapshot_bar (GtkSnapshot               *snapshot,
              const TreatiesTimelineBar *bar,
              double                     width,
              const GdkRGBA             *color)
{
  GdkRGBA clear = *color;
  double x0 = bar->x, x1 = bar->x + bar->width;
  double fade = MIN (BAR_FADE, bar->width / 3);
  double solid0 = bar->fuzzy_start ? x0 + fade : x0;
  double solid1 = bar->fuzzy_end ? x1 - fade : x1;
  double y = bar->y, h = bar->height;

  clear.alpha = 0;
  /* Zoomed in, a bar can be far wider than the view: draw what shows. */
  solid0 = MAX (solid0, -1);
  solid1 = MIN (solid1, width + 1);
  if (solid1 > solid0)
    gtk_snapshot_append_color (snapshot, color, &GRAPHENE_RECT_INIT (solid0, y, solid1 - solid0, h));
  if (bar->fuzzy_start && fade > 0 && x0 + fade > -1 && x0 < width + 1)
    {
      const GskColorStop stops[] = { { 0, clear }, { 1, *color } };

      gtk_snapshot_append_linear_gradient (snapshot, &GRAPHENE_RECT_INIT (x0, y, fade, h),
                                           &GRAPHENE_POINT_INIT (x0, y), &GRAPHENE_POINT_INIT (x0 + fade, y),
                                           stops, G_N_ELEMENTS (stops));
    }
  if (bar->fuzzy_end && fade > 0 && x1 > -1 && x1 - fade < width + 1)
    {
      const GskColorStop stops[] = { { 0, *color }, { 1, clear } };

      gtk_snapshot_append_linear_gradient (snapshot, &GRAPHENE_RECT_INIT (x1 - fade, y, fade, h),
                                           &GRAPHENE_POINT_INIT (x1 - fade, y), &GRAPHENE_POINT_INIT (x1, y),
                                           stops, G_N_ELEMENTS (stops));
    }
}

static void
snapshot_bars (TreatiesTimeline            *self,
               GtkSnapshot                 *snapshot,
               const TreatiesTimelineFrame *frame)
{
  for (guint i = 0; i < frame->n_bars; i++)
    {
      const TreatiesTimelineBar *bar = &frame->bars[i];
      gboolean strong = bar->primary || bar->highlighted || bar->selected;

      snapshot_bar (snapshot, bar, frame->width,
                    &self->colors[strong ? COLOR_SPAN_HIGHLIGHT : COLOR_SPAN]);
    }
}

static void
snapshot_marker (TreatiesTimeline             *self,
                 GtkSnapshot                  *snapshot,
                 const TreatiesTimelineMarker *marker,
                 double                        axis_y)
{
  gboolean hovered = marker_holds (marker, self->hovered);
  gboolean activated = is_activated (self, marker->first, marker->n_events);
  double x = round (marker->x) + 0.5;
  double r = marker_drawn_radius (self, marker);

  if (marker->primary)
    {
      /* The article's own event: an accent diamond. When it is also the
       * event the reader chose, an accent outline round it. */
      append_diamond (snapshot, x, axis_y, r + (activated ? 4.5 : 1), 0, &self->colors[COLOR_MARKER_RING]);
      if (activated)
        append_diamond (snapshot, x, axis_y, r + 3.5, 1.5, &self->colors[COLOR_HIGHLIGHT]);
      append_diamond (snapshot, x, axis_y, r, 0,
                      hovered ? &self->colors[COLOR_HIGHLIGHT] : &self->colors[COLOR_PRIMARY]);
    }
  else
    {
      /* A disc of the background keeps markers apart from the axis and
       * from each other. */
      append_circle (snapshot, x, axis_y, r + 1.5, 0, &self->colors[COLOR_MARKER_RING]);
      if (activated)
        /* The event the reader chose: filled with the accent. */
        append_circle (snapshot, x, axis_y, r, 0,
                       hovered ? &self->colors[COLOR_HIGHLIGHT] : &self->colors[COLOR_ACTIVATED]);
      else if (marker->highlighted)
        /* The current section's events: accent rings. */
        append_circle (snapshot, x, axis_y, r, hovered ? 2.5 : 2, &self->colors[COLOR_HIGHLIGHT]);
      else
        append_circle (snapshot, x, axis_y, r, 0,
                       hovered ? &self->colors[COLOR_MARKER_HOVER] : &self->colors[COLOR_MARKER]);
    }

  /* Found by a search: a ring outside the background ring. */
  if (has_matching (self, marker->first, marker->n_events))
    append_circle (snapshot, x, axis_y, r + 1.5 + SEARCH_RING_WIDTH, SEARCH_RING_WIDTH,
                   &self->colors[COLOR_SEARCH]);
}

static void
snapshot_markers (TreatiesTimeline            *self,
                  GtkSnapshot                 *snapshot,
                  const TreatiesTimelineFrame *frame)
{
  double axis_y = round (frame->axis_y) + 0.5;
  const TreatiesTimelineMarker *focused = NULL;
  const TreatiesTimelineMarker *hovered = NULL;
  const TreatiesTimelineMarker *primary = NULL;

  /* The article's own event over its neighbours (should they be so close
   * that one has to hide the other), its diamond's narrow tips hiding
   * little of them; the hovered one last, on top. */
  for (guint i = 0; i < frame->n_markers; i++)
    {
      const TreatiesTimelineMarker *marker = &frame->markers[i];

      if (marker->in_badge)
        continue;
      if (marker_holds (marker, self->focused))
        focused = marker;
      if (marker_holds (marker, self->hovered))
        hovered = marker;
      else if (marker->primary)
        primary = marker;
      else
        snapshot_marker (self, snapshot, marker, axis_y);
    }
  if (primary != NULL)
    snapshot_marker (self, snapshot, primary, axis_y);
  if (hovered != NULL)
    snapshot_marker (self, snapshot, hovered, axis_y);

  /* A solid focus ring, as GTK draws round a focused widget. */
  if (focused != NULL && gtk_widget_has_visible_focus (GTK_WIDGET (self)))
    append_circle (snapshot, round (focused->x) + 0.5, axis_y,
                   marker_drawn_radius (self, focused) + 1.5 + FOCUS_RING_WIDTH, FOCUS_RING_WIDTH,
                   &self->colors[COLOR_FOCUS]);
}

/* The overview's track, under the figure. */
static void
overview_track (TreatiesTimeline *self,
                graphene_rect_t  *track)
{
  double width = gtk_widget_get_width (GTK_WIDGET (self));
  double height = gtk_widget_get_height (GTK_WIDGET (self));

  *track = GRAPHENE_RECT_INIT (OVERVIEW_INSET, height - OVERVIEW_HEIGHT - 1,
                               MAX (width - 2 * OVERVIEW_INSET, 1), OVERVIEW_HEIGHT);
}

static gboolean
overview_window (TreatiesTimeline *self,
                 graphene_rect_t  *window)
{
  graphene_rect_t track;
  double x, w;

  overview_track (self, &track);
  if (self->layout == NULL ||
      !treaties_timeline_layout_get_overview_window (self->layout, track.origin.x, track.size.width, &x, &w))
    return FALSE;
  /* Never thinner than a grip. */
  if (w < OVERVIEW_MIN_WINDOW)
    {
      x -= (OVERVIEW_MIN_WINDOW - w) / 2;
      w = OVERVIEW_MIN_WINDOW;
    }
  *window = GRAPHENE_RECT_INIT (x, track.origin.y - 1, w, track.size.height + 2);
  return TRUE;
}

static void
snapshot_overview (TreatiesTimeline *self,
                   GtkSnapshot      *snapshot)
{
  graphene_rect_t track, window;

  if (!overview_window (self, &window))
    return;
  overview_track (self, &track);
  append_rounded (snapshot, &track, track.size.height / 2, &self->colors[COLOR_ERA]);
  append_rounded (snapshot, &window, window.size.height / 2, &self->colors[COLOR_MARKER]);
}

/* Crowds: a pill of the markers' colour with "+N" in the background's, in
 * a ring of the background like a marker; accent-ringed when it holds the
 * current section's events; the focus ring round it when it holds the
 * focused event. */
static void
snapshot_badges (TreatiesTimeline            *self,
                 GtkSnapshot                 *snapshot,
                 const TreatiesTimelineFrame *frame)
{
  gboolean focus_visible = gtk_widget_has_visible_focus (GTK_WIDGET (self));

  for (guint i = 0; i < frame->n_badges; i++)
    {
      const TreatiesTimelineBadge *badge = &frame->badges[i];
      graphene_rect_t box = GRAPHENE_RECT_INIT (round (badge->x), round (badge->y),
                                                round (badge->width), round (badge->height));
      graphene_rect_t ring = box;
      double radius = box.size.height / 2;
      gboolean hovered = (int) i == self->hovered_badge;
      PangoLayout *text;

      graphene_rect_inset (&ring, -1.5, -1.5);
      append_rounded (snapshot, &ring, radius + 1.5, &self->colors[COLOR_MARKER_RING]);
      append_rounded (snapshot, &box, radius, &self->colors[hovered ? COLOR_MARKER_HOVER : COLOR_BADGE]);
      if (badge->highlighted)
        append_outline (snapshot, &ring, radius + 1.5, 1.5, &self->colors[COLOR_HIGHLIGHT]);
      if (has_matching (self, badge->first_event, badge->last_event - badge->first_event + 1))
        {
          graphene_rect_t outer = ring;

          graphene_rect_inset (&outer, -SEARCH_RING_WIDTH, -SEARCH_RING_WIDTH);
          append_outline (snapshot, &outer, radius + 1.5 + SEARCH_RING_WIDTH, SEARCH_RING_WIDTH,
                          &self->colors[COLOR_SEARCH]);
        }
      /* Crowds repeat their counts: each text is shaped once. */
      text = g_hash_table_lookup (self->badge_layouts, badge->text);
      if (text == NULL)
        {
          if (g_hash_table_size (self->badge_layouts) > 256)
            g_hash_table_remove_all (self->badge_layouts);
          text = gtk_widget_create_pango_layout (GTK_WIDGET (self), badge->text);
          g_hash_table_insert (self->badge_layouts, g_strdup (badge->text), text);
        }
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (round (badge->text_x), round (badge->y + 1)));
      gtk_snapshot_append_layout (snapshot, text, &self->colors[COLOR_BADGE_TEXT]);
      gtk_snapshot_restore (snapshot);
      if (focus_visible && self->focused >= (int) badge->first_event && self->focused <= (int) badge->last_event &&
          treaties_timeline_layout_find_badge (self->layout, self->focused) == badge)
        {
          graphene_rect_t focus = ring;

          graphene_rect_inset (&focus, -FOCUS_RING_OFFSET, -FOCUS_RING_OFFSET);
          append_outline (snapshot, &focus, radius + 1.5 + FOCUS_RING_OFFSET, FOCUS_RING_WIDTH,
                          &self->colors[COLOR_FOCUS]);
        }
    }
}

/* The focused event's date, title and description in a line under the
 * axis, while the timeline has keyboard focus: what the tooltip says to a
 * pointer, for the keyboard. Returns FALSE (and lays nothing out) if there
 * is no caption to show. */
static gboolean
prepare_caption (TreatiesTimeline            *self,
                 const TreatiesTimelineFrame *frame,
                 graphene_rect_t             *box)
{
  const TreatiesTimelineMarker *marker;
  TreatiesEvent *event;
  const char *description;
  g_autofree char *date = NULL;
  g_autofree char *markup = NULL;
  PangoRectangle logical;
  double max_width, width, x;

  if (self->focused < 0 || !gtk_widget_has_visible_focus (GTK_WIDGET (self)) || frame->width <= 0 ||
      (marker = treaties_timeline_layout_find_marker (self->layout, self->focused)) == NULL)
    return FALSE;

  event = treaties_timeline_layout_get_event (self->layout, self->focused);
  date = treaties_event_format_date (event);
  markup = g_markup_printf_escaped (C_("timeline tooltip", "<b>%s</b> — %s"),
                                    g_strstrip (date), treaties_event_get_title (event));
  description = treaties_event_get_description (event);
  if (description != NULL && *description != '\0')
    {
      const GdkRGBA *dim = &self->colors[COLOR_DIM];
      g_autofree char *escaped = g_markup_escape_text (description, -1);
      g_autofree char *tail = g_strdup_printf ("<span foreground=\"#%02x%02x%02x\" alpha=\"%d%%\">%s</span>",
                                               (int) round (dim->red * 255), (int) round (dim->green * 255),
                                               (int) round (dim->blue * 255),
                                               (int) CLAMP (round (dim->alpha * 100), 1, 100), escaped);
      char *head = g_steal_pointer (&markup);

      markup = g_strdup_printf (C_("timeline event", "%s — %s"), head, tail);
      g_free (head);
    }

  pango_layout_set_width (self->caption_layout, -1);
  pango_layout_set_markup (self->caption_layout, markup, -1);
  pango_layout_get_pixel_extents (self->caption_layout, NULL, &logical);
  max_width = MAX (frame->width - 2 * CAPTION_MARGIN - 2 * CAPTION_PAD_X, 1);
  width = MIN (logical.width, max_width);
  if (logical.width > max_width)
    pango_layout_set_width (self->caption_layout, (int) (max_width * PANGO_SCALE));

  /* Under its marker, as far as the width allows. */
  width += 2 * CAPTION_PAD_X;
  x = marker->x - width / 2;
  x = MAX (MIN (x, frame->width - CAPTION_MARGIN - width), CAPTION_MARGIN);
  *box = GRAPHENE_RECT_INIT (round (x), round (frame->tick_label_y) - 1,
                             round (width), frame->line_height + 2);
  return TRUE;
}

static void
snapshot_caption (TreatiesTimeline      *self,
                  GtkSnapshot           *snapshot,
                  const graphene_rect_t *box)
{
  double radius = box->size.height / 2;
  graphene_rect_t border = *box;

  append_rounded (snapshot, box, radius, &self->colors[COLOR_LABEL]);
  graphene_rect_inset (&border, -1, -1);
  append_outline (snapshot, &border, radius + 1, 1, &self->colors[COLOR_CAPTION_BORDER]);

  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (box->origin.x + CAPTION_PAD_X, box->origin.y + 1));
  gtk_snapshot_append_layout (snapshot, self->caption_layout, &self->colors[COLOR_TEXT]);
  gtk_snapshot_restore (snapshot);
}

/* --- accessibility --------------------------------------------------------- */

static void
accessible_clicked_cb (GtkButton        *button,
                       TreatiesTimeline *self)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "event-index"));

  if (self->layout != NULL && index > 0 && index <= treaties_timeline_layout_get_n_events (self->layout))
    activate_index (self, index - 1);
}

static void
badge_accessible_clicked_cb (GtkButton        *button,
                             TreatiesTimeline *self)
{
  guint badge = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "badge-index"));

  if (self->layout != NULL && badge > 0 && badge <= treaties_timeline_layout_compute (self->layout)->n_badges)
    expand_badge (self, badge - 1);
}

/* One invisible button per badge, named for what it stands for: GTK 4.8
 * shows only widgets to screen readers. */
static void
sync_badge_accessibles (TreatiesTimeline            *self,
                        const TreatiesTimelineFrame *frame)
{
  guint n = frame != NULL ? MIN (frame->n_badges, MAX_ACCESSIBLE_EVENTS) : 0;

  for (guint i = 0; i < n; i++)
    {
      const TreatiesTimelineBadge *badge = &frame->badges[i];
      g_autofree char *name = dup_badge_name (badge);
      GtkWidget *button;

      if (i < self->badge_accessibles->len)
        button = g_ptr_array_index (self->badge_accessibles, i);
      else
        {
          button = gtk_button_new ();
          gtk_widget_set_focusable (button, FALSE);
          gtk_widget_set_can_focus (button, FALSE);
          gtk_widget_set_can_target (button, FALSE);
          g_object_set_data (G_OBJECT (button), "badge-index", GUINT_TO_POINTER (i + 1));
          g_signal_connect_object (button, "clicked", G_CALLBACK (badge_accessible_clicked_cb), self, 0);
          gtk_widget_set_parent (button, GTK_WIDGET (self));
          g_ptr_array_add (self->badge_accessibles, button);
        }
      gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, badge_hint (self, badge),
                                      -1);
    }
  while (self->badge_accessibles->len > n)
    {
      GtkWidget *button = g_ptr_array_steal_index (self->badge_accessibles, self->badge_accessibles->len - 1);

      gtk_widget_unparent (button);
    }
}

/* One invisible, non-focusable button per event in view (up to a bound),
 * so that AT-SPI lists the events and can activate them: events that share
 * a marker, or sit on the range's end, each have their own. Done from an
 * idle so that children never change during layout or drawing. */
static gboolean
sync_accessibles_cb (gpointer data)
{
  TreatiesTimeline *self = data;
  const TreatiesTimelineFrame *frame = NULL;
  guint n = 0;

  self->accessible_sync_id = 0;

  if (self->layout != NULL && treaties_timeline_layout_get_width (self->layout) > 0)
    {
      frame = treaties_timeline_layout_compute (self->layout);
      n = MIN (frame->n_visible, MAX_ACCESSIBLE_EVENTS);
    }

  for (guint i = 0; i < n; i++)
    {
      guint index = frame->first_visible + i;
      GtkWidget *button;

      if (i < self->accessibles->len)
        button = g_ptr_array_index (self->accessibles, i);
      else
        {
          button = gtk_button_new ();
          gtk_widget_set_focusable (button, FALSE);
          gtk_widget_set_can_focus (button, FALSE);
          gtk_widget_set_can_target (button, FALSE);
          g_signal_connect_object (button, "clicked", G_CALLBACK (accessible_clicked_cb), self, 0);
          gtk_widget_set_parent (button, GTK_WIDGET (self));
          g_ptr_array_add (self->accessibles, button);
        }

      if (GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "event-index")) != index + 1)
        {
          TreatiesEvent *event = treaties_timeline_layout_get_event (self->layout, index);
          g_autofree char *name = dup_event_name (event);
          const char *description = treaties_event_get_description (event);

          g_object_set_data (G_OBJECT (button), "event-index", GUINT_TO_POINTER (index + 1));
          gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                          GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                          GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description ? description : "",
                                          -1);
        }
    }

  while (self->accessibles->len > n)
    {
      GtkWidget *button = g_ptr_array_steal_index (self->accessibles, self->accessibles->len - 1);

      gtk_widget_unparent (button);
    }
  sync_badge_accessibles (self, frame);

  gtk_widget_queue_allocate (GTK_WIDGET (self));
  return G_SOURCE_REMOVE;
}

/* Points the event card's popover at its marker; at the nearer edge while
 * the marker is scrolled out of view. */
static void
allocate_popover (TreatiesTimeline *self,
                  int               width)
{
  const TreatiesTimelineMarker *marker;
  double x, y, r;

  if (self->popover == NULL || self->popover_event < 0 ||
      (guint) self->popover_event >= treaties_timeline_layout_get_n_events (self->layout))
    return;
  marker = treaties_timeline_layout_find_marker (self->layout, self->popover_event);
  if (marker != NULL)
    x = marker->x, y = marker->y, r = marker->radius + 2;
  else
    {
      x = treaties_timeline_layout_day_to_x (self->layout,
                                             treaties_timeline_layout_get_event_date (self->layout, self->popover_event));
      x = CLAMP (x, 0, width);
      y = treaties_timeline_layout_compute (self->layout)->axis_y;
      r = 2;
    }
  gtk_popover_set_pointing_to (GTK_POPOVER (self->popover),
                               &(GdkRectangle) { floor (x - r), floor (y - r), ceil (2 * r), ceil (2 * r) });
  if (gtk_widget_get_visible (self->popover))
    gtk_popover_present (GTK_POPOVER (self->popover));
}

/* --- callbacks ------------------------------------------------------------- */

static void
motion_cb (GtkEventControllerMotion *controller,
           double                    x,
           double                    y,
           TreatiesTimeline         *self)
{
  self->pointer_inside = TRUE;
  self->pointer_x = x;
  self->pointer_y = y;
  update_hover (self);
}

static void
leave_cb (GtkEventControllerMotion *controller,
          TreatiesTimeline         *self)
{
  self->pointer_inside = FALSE;
  update_hover (self);
}

static gboolean
scroll_cb (GtkEventControllerScroll *controller,
           double                    dx,
           double                    dy,
           TreatiesTimeline         *self)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller));
  gboolean wheel = gtk_event_controller_scroll_get_unit (controller) == GDK_SCROLL_UNIT_WHEEL;

  if (self->layout == NULL)
    return FALSE;

  if (state & GDK_CONTROL_MASK)
    {
      double factor = exp (-dy * (wheel ? 0.25 : 0.01));
      double anchor = self->pointer_inside ? self->pointer_x
                                           : treaties_timeline_layout_get_width (self->layout) / 2;

      zoom_by (self, factor, anchor);
      update_hover (self);
      return TRUE;
    }

  /* The timeline only runs sideways: a plain (or Shift+) vertical wheel
   * pans it too. */
  if (dx == 0)
    dx = dy;
  if (dx == 0)
    return FALSE;

  if (treaties_timeline_layout_pan (self->layout, -dx * (wheel ? WHEEL_PAN_PIXELS : 1)))
    view_changed (self);
  update_hover (self);
  return TRUE;
}

static void
drag_begin_cb (GtkGestureDrag   *gesture,
               double            x,
               double            y,
               TreatiesTimeline *self)
{
  graphene_rect_t track, window;

  self->dragging = FALSE;
  self->dragging_overview = FALSE;
  self->drag_start_view = self->layout != NULL ? treaties_timeline_layout_get_view_start (self->layout) : 0;

  /* On the overview strip: drag its window (a press beside the window
   * first brings the window there). */
  overview_track (self, &track);
  if (overview_window (self, &window) && y >= track.origin.y - OVERVIEW_GAP)
    {
      self->dragging_overview = TRUE;
      if (x < window.origin.x || x > window.origin.x + window.size.width)
        {
          treaties_timeline_layout_set_overview_window (self->layout, track.origin.x, track.size.width,
                                                        x - window.size.width / 2);
          view_changed (self);
        }
      {
        double window_width;

        treaties_timeline_layout_get_overview_window (self->layout, track.origin.x, track.size.width,
                                                      &self->drag_start_window, &window_width);
      }
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
    }
}

static void
drag_update_cb (GtkGestureDrag   *gesture,
                double            offset_x,
                double            offset_y,
                TreatiesTimeline *self)
{
  int threshold = 8;

  if (self->layout == NULL)
    return;

  if (self->dragging_overview)
    {
      graphene_rect_t track;

      overview_track (self, &track);
      treaties_timeline_layout_set_overview_window (self->layout, track.origin.x, track.size.width,
                                                    self->drag_start_window + offset_x);
      view_changed (self);
      return;
    }

  if (!self->dragging)
    {
      g_object_get (gtk_widget_get_settings (GTK_WIDGET (self)), "gtk-dnd-drag-threshold", &threshold, NULL);
      if (fabs (offset_x) < threshold && fabs (offset_y) < threshold)
        return;
      self->dragging = TRUE;
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
      update_hover (self);
    }

  treaties_timeline_layout_set_view (self->layout,
                                     self->drag_start_view - offset_x * treaties_timeline_layout_get_days_per_pixel (self->layout),
                                     treaties_timeline_layout_get_days_per_pixel (self->layout));
  view_changed (self);
}

static void
drag_end_cb (GtkGestureDrag   *gesture,
             double            offset_x,
             double            offset_y,
             TreatiesTimeline *self)
{
  double x, y;

  if (self->dragging_overview)
    {
      self->dragging_overview = FALSE;
      return;
    }
  if (self->dragging)
    {
      self->dragging = FALSE;
      update_hover (self);
      return;
    }

  /* Not a drag: a click. */
  gtk_gesture_drag_get_start_point (gesture, &x, &y);
  if (treaties_timeline_activate_at (self, x, y))
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
      if (gtk_widget_get_focus_on_click (GTK_WIDGET (self)))
        gtk_widget_grab_focus (GTK_WIDGET (self));
    }
}

static void
zoom_begin_cb (GtkGesture       *gesture,
               GdkEventSequence *sequence,
               TreatiesTimeline *self)
{
  self->zoom_scale = 1.0;
}

static void
zoom_scale_changed_cb (GtkGestureZoom   *gesture,
                       double            scale,
                       TreatiesTimeline *self)
{
  double x, y;

  if (scale <= 0 || self->zoom_scale <= 0)
    return;
  if (!gtk_gesture_get_bounding_box_center (GTK_GESTURE (gesture), &x, &y))
    x = self->pointer_inside ? self->pointer_x : gtk_widget_get_width (GTK_WIDGET (self)) / 2.0;
  zoom_by (self, scale / self->zoom_scale, x);
  self->zoom_scale = scale;
}

static void
focus_enter_cb (GtkEventControllerFocus *controller,
                TreatiesTimeline        *self)
{
  const TreatiesTimelineFrame *frame;

  if (self->layout == NULL)
    return;

  /* Start from an event in view: the article's own if it is there. */
  frame = treaties_timeline_layout_compute (self->layout);
  if (self->focused < 0 || treaties_timeline_layout_find_marker (self->layout, self->focused) == NULL)
    {
      int primary = treaties_timeline_layout_get_primary_index (self->layout);

      if (primary >= 0 && (frame->width <= 0 || treaties_timeline_layout_find_marker (self->layout, primary) != NULL))
        self->focused = primary;
      else if (frame->n_markers > 0)
        self->focused = frame->markers[0].event_index;
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
focus_leave_cb (GtkEventControllerFocus *controller,
                TreatiesTimeline        *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
high_contrast_changed_cb (AdwStyleManager  *manager,
                          GParamSpec       *pspec,
                          TreatiesTimeline *self)
{
  if (adw_style_manager_get_high_contrast (manager))
    gtk_widget_add_css_class (GTK_WIDGET (self), "high-contrast");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "high-contrast");
}

/* Search marks are a glaze on dark, as in the text. */
static void
dark_changed_cb (AdwStyleManager  *manager,
                 GParamSpec       *pspec,
                 TreatiesTimeline *self)
{
  if (adw_style_manager_get_dark (manager))
    gtk_widget_add_css_class (GTK_WIDGET (self), "dark");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "dark");
}

/* --- actions --------------------------------------------------------------- */

static void
zoom_in_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  TreatiesTimeline *self = TREATIES_TIMELINE (widget);

  if (self->layout != NULL)
    zoom_by (self, ZOOM_STEP, zoom_anchor (self));
}

static void
zoom_out_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  TreatiesTimeline *self = TREATIES_TIMELINE (widget);

  if (self->layout != NULL)
    zoom_by (self, 1 / ZOOM_STEP, zoom_anchor (self));
}

static void
zoom_fit_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  TreatiesTimeline *self = TREATIES_TIMELINE (widget);

  if (self->layout != NULL)
    {
      treaties_timeline_layout_zoom_fit (self->layout);
      view_changed (self);
    }
}

static void
move_focus_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  TreatiesTimeline *self = TREATIES_TIMELINE (widget);
  int n, index = self->focused;

  if (self->layout == NULL || (n = treaties_timeline_layout_get_n_events (self->layout)) == 0)
    return;

  if (g_str_equal (action_name, "timeline.first-event"))
    index = 0;
  else if (g_str_equal (action_name, "timeline.last-event"))
    index = n - 1;
  else if (g_str_equal (action_name, "timeline.next-event"))
    index = index < 0 ? 0 : MIN (index + 1, n - 1);
  else
    index = index < 0 ? n - 1 : MAX (index - 1, 0);

  set_focused (self, index, TRUE);
}

static void
activate_event_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  TreatiesTimeline *self = TREATIES_TIMELINE (widget);
  const TreatiesTimelineBadge *badge;

  if (self->layout == NULL || self->focused < 0)
    return;
  /* An event gathered into a badge: Enter expands the badge, zooming in
   * to fit its events; once that shows nothing more, it activates the
   * focused event (which the caption names), which then has its label. */
  badge = treaties_timeline_layout_find_badge (self->layout, self->focused);
  if (badge != NULL &&
      treaties_timeline_layout_expand_badge (self->layout, badge - treaties_timeline_layout_compute (self->layout)->badges))
    view_changed (self);
  else
    activate_index (self, self->focused);
}

/* --- overrides ------------------------------------------------------------- */

static void
treaties_timeline_measure (GtkWidget      *widget,
                           GtkOrientation  orientation,
                           int             for_size,
                           int            *minimum,
                           int            *natural,
                           int            *minimum_baseline,
                           int            *natural_baseline)
{
  TreatiesTimeline *self = TREATIES_TIMELINE (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = MIN_WIDTH;
      *natural = 4 * MIN_WIDTH;
    }
  else if (self->layout != NULL)
    {
      *minimum = ceil (treaties_timeline_layout_get_min_height (self->layout) + OVERVIEW_GAP + OVERVIEW_HEIGHT);
      *natural = ceil (treaties_timeline_layout_get_natural_height (self->layout) + OVERVIEW_GAP + OVERVIEW_HEIGHT);
    }
  else
    *minimum = *natural = 0;
}

static void
treaties_timeline_size_allocate (GtkWidget *widget,
                                 int        width,
                                 int        height,
                                 int        baseline)
{
  TreatiesTimeline *self = TREATIES_TIMELINE (widget);
  gboolean resized;

  if (self->layout == NULL)
    return;

  /* The figure above the overview strip's room. */
  height = MAX (height - (int) (OVERVIEW_GAP + OVERVIEW_HEIGHT), 0);
  resized = treaties_timeline_layout_get_width (self->layout) != width ||
            treaties_timeline_layout_get_height (self->layout) != height;
  treaties_timeline_layout_set_size (self->layout, width, height);
  if (resized)
    {
      if (self->current_section != NULL)
        apply_current_section (self, FALSE);
      view_changed (self);
    }

  if (self->accessibles->len > 0 && self->accessible_min_width < 0)
    {
      GtkWidget *button = g_ptr_array_index (self->accessibles, 0);

      gtk_widget_measure (button, GTK_ORIENTATION_HORIZONTAL, -1, &self->accessible_min_width, NULL, NULL, NULL);
      gtk_widget_measure (button, GTK_ORIENTATION_VERTICAL, -1, &self->accessible_min_height, NULL, NULL, NULL);
    }

  /* Each accessible child covers its marker, so that the extents a screen
   * reader or magnifier sees are where the event is drawn. */
  for (guint i = 0; i < self->accessibles->len; i++)
    {
      GtkWidget *button = g_ptr_array_index (self->accessibles, i);
      guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "event-index")) - 1;
      const TreatiesTimelineMarker *marker = treaties_timeline_layout_find_marker (self->layout, index);
      int w = MAX (self->accessible_min_width, 16);
      int h = MAX (self->accessible_min_height, 16);
      double x = marker != NULL ? marker->x : -w;
      double y = marker != NULL ? marker->y : -h;

      gtk_widget_size_allocate (button,
                                &(GtkAllocation) { floor (x - w / 2.0), floor (y - h / 2.0), w, h },
                                -1);
    }

  /* Each badge's button covers the badge. */
  for (guint i = 0; i < self->badge_accessibles->len; i++)
    {
      GtkWidget *button = g_ptr_array_index (self->badge_accessibles, i);
      const TreatiesTimelineFrame *frame = treaties_timeline_layout_compute (self->layout);
      int w = MAX (self->accessible_min_width, 16);
      int h = MAX (self->accessible_min_height, 16);
      GtkAllocation box = { -w, -h, w, h };

      if (i < frame->n_badges)
        box = (GtkAllocation) { floor (frame->badges[i].x), floor (frame->badges[i].y),
                                MAX (ceil (frame->badges[i].width), w), MAX (ceil (frame->badges[i].height), h) };
      gtk_widget_size_allocate (button, &box, -1);
    }

  allocate_popover (self, width);
  if (self->crowd_popover != NULL)
    gtk_popover_present (GTK_POPOVER (self->crowd_popover));
}

static void
treaties_timeline_snapshot (GtkWidget   *widget,
                            GtkSnapshot *snapshot)
{
  TreatiesTimeline *self = TREATIES_TIMELINE (widget);
  const TreatiesTimelineFrame *frame;
  graphene_rect_t caption;
  gboolean has_caption;

  if (self->layout == NULL)
    return;

  ensure_colors (self);
  frame = treaties_timeline_layout_compute (self->layout);

  has_caption = prepare_caption (self, frame, &caption);

  snapshot_eras (self, snapshot, frame);
  snapshot_axis (self, snapshot, frame, has_caption ? &caption : NULL);
  snapshot_bars (self, snapshot, frame);
  snapshot_labels (self, snapshot, frame);
  if (has_caption)
    snapshot_caption (self, snapshot, &caption);
  /* Badges under the markers with labels, should one lie over one. */
  snapshot_badges (self, snapshot, frame);
  snapshot_markers (self, snapshot, frame);
  snapshot_overview (self, snapshot);
  /* The accessible children are never drawn. */
}

static gboolean
treaties_timeline_query_tooltip (GtkWidget  *widget,
                                 int         x,
                                 int         y,
                                 gboolean    keyboard_mode,
                                 GtkTooltip *tooltip)
{
  TreatiesTimeline *self = TREATIES_TIMELINE (widget);
  const TreatiesTimelineMarker *marker;
  const TreatiesTimelineLabel *label;
  g_autofree char *date = NULL;
  g_autofree char *markup = NULL;
  TreatiesEvent *event;
  GString *more;
  guint index;

  if (self->layout == NULL)
    return FALSE;

  if (!keyboard_mode && treaties_timeline_layout_hit_badge (self->layout, x, y, 0, &index))
    {
      const TreatiesTimelineBadge *badge = &treaties_timeline_layout_compute (self->layout)->badges[index];
      g_autofree char *name = dup_badge_name (badge);
      g_autofree char *tip = g_markup_printf_escaped ("<b>%s</b>\n<i>%s</i>", name, badge_hint (self, badge));

      gtk_tooltip_set_markup (tooltip, tip);
      gtk_tooltip_set_tip_area (tooltip, &(GdkRectangle) { floor (badge->x), floor (badge->y),
                                                           ceil (badge->width), ceil (badge->height) });
      return TRUE;
    }

  if (keyboard_mode)
    {
      if (self->focused < 0)
        return FALSE;
      index = self->focused;
    }
  else if (!treaties_timeline_layout_hit_test (self->layout, x, y, HIT_TOLERANCE, &index))
    {
      const TreatiesTimelineFrame *frame = treaties_timeline_layout_compute (self->layout);

      /* An era's band: its title and dates. */
      for (guint i = 0; i < frame->n_eras; i++)
        {
          const TreatiesTimelineEraBand *band = &frame->eras[i];

          if (x >= band->x && x < band->x + band->width && y >= band->y && y < band->y + band->height)
            {
              g_autofree char *dates = treaties_date_span_format (treaties_era_get_span (band->era));
              g_autofree char *tip = g_markup_printf_escaped ("<b>%s</b>\n%s",
                                                              treaties_era_get_title (band->era), dates);

              gtk_tooltip_set_markup (tooltip, tip);
              gtk_tooltip_set_tip_area (tooltip, &(GdkRectangle) { floor (MAX (band->x, 0)), floor (band->y),
                                                                   ceil (MIN (band->width, frame->width)),
                                                                   ceil (band->height) });
              return TRUE;
            }
        }
      return FALSE;
    }

  event = treaties_timeline_layout_get_event (self->layout, index);
  date = treaties_event_format_date (event);
  /* Translators: a tooltip on the timeline: an event's date, then its title. */
  markup = g_markup_printf_escaped (C_("timeline tooltip", "<b>%s</b> — %s"),
                                    g_strstrip (date), treaties_event_get_title (event));
  more = g_string_new (markup);
  if (treaties_event_get_description (event) != NULL)
    {
      g_autofree char *description = g_markup_escape_text (treaties_event_get_description (event), -1);

      g_string_append_printf (more, "\n<small>%s</small>", description);
    }

  marker = treaties_timeline_layout_find_marker (self->layout, index);
  if (marker != NULL && marker->n_events > 1)
    {
      g_autofree char *others = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                              "and %u more event here; zoom in to tell them apart",
                                                              "and %u more events here; zoom in to tell them apart",
                                                              marker->n_events - 1),
                                                 marker->n_events - 1);

      g_string_append_printf (more, "\n<i>%s</i>", others);
    }
  gtk_tooltip_set_markup (tooltip, more->str);
  g_string_free (more, TRUE);

  label = treaties_timeline_layout_find_label (self->layout, index);
  if (marker != NULL)
    {
      double r = marker->radius + HIT_TOLERANCE;

      gtk_tooltip_set_tip_area (tooltip, &(GdkRectangle) { floor (marker->x - r), floor (marker->y - r),
                                                           ceil (2 * r), ceil (2 * r) });
    }
  if (label != NULL && !keyboard_mode && y < label->y + label->height + 1)
    gtk_tooltip_set_tip_area (tooltip, &(GdkRectangle) { floor (label->x), floor (label->y),
                                                         ceil (label->width), ceil (label->height) });
  return TRUE;
}

static void
treaties_timeline_css_changed (GtkWidget         *widget,
                               GtkCssStyleChange *change)
{
  TreatiesTimeline *self = TREATIES_TIMELINE (widget);

  GTK_WIDGET_CLASS (treaties_timeline_parent_class)->css_changed (widget, change);

  self->colors_valid = FALSE;
  self->accessible_min_width = -1;
  pango_layout_context_changed (self->text_layout);
  pango_layout_context_changed (self->caption_layout);
  g_hash_table_remove_all (self->badge_layouts);
  if (self->layout != NULL)
    treaties_timeline_layout_invalidate_text (self->layout);
  gtk_widget_queue_resize (widget);
}

static void
treaties_timeline_dispose (GObject *object)
{
  TreatiesTimeline *self = (TreatiesTimeline *) object;

  g_clear_handle_id (&self->accessible_sync_id, g_source_remove);
  if (self->accessibles != NULL)
    {
      for (guint i = 0; i < self->accessibles->len; i++)
        gtk_widget_unparent (g_ptr_array_index (self->accessibles, i));
      g_ptr_array_set_size (self->accessibles, 0);
    }
  if (self->badge_accessibles != NULL)
    {
      for (guint i = 0; i < self->badge_accessibles->len; i++)
        gtk_widget_unparent (g_ptr_array_index (self->badge_accessibles, i));
      g_ptr_array_set_size (self->badge_accessibles, 0);
    }
  g_clear_pointer (&self->popover, gtk_widget_unparent);
  g_clear_pointer (&self->crowd_popover, gtk_widget_unparent);
  g_clear_object (&self->layout);
  g_clear_object (&self->article);
  g_clear_object (&self->text_layout);
  g_clear_object (&self->caption_layout);
  g_clear_pointer (&self->badge_layouts, g_hash_table_unref);
  g_clear_pointer (&self->matching, g_array_unref);

  G_OBJECT_CLASS (treaties_timeline_parent_class)->dispose (object);
}

static void
treaties_timeline_finalize (GObject *object)
{
  TreatiesTimeline *self = (TreatiesTimeline *) object;

  g_clear_pointer (&self->current_section, g_free);
  g_clear_pointer (&self->accessibles, g_ptr_array_unref);
  g_clear_pointer (&self->badge_accessibles, g_ptr_array_unref);

  G_OBJECT_CLASS (treaties_timeline_parent_class)->finalize (object);
}

static void
treaties_timeline_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  TreatiesTimeline *self = TREATIES_TIMELINE (object);

  switch (prop_id)
    {
    case PROP_ARTICLE:
      g_value_set_object (value, self->article);
      break;
    case PROP_CURRENT_SECTION:
      g_value_set_string (value, self->current_section);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
treaties_timeline_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  TreatiesTimeline *self = TREATIES_TIMELINE (object);

  switch (prop_id)
    {
    case PROP_ARTICLE:
      treaties_timeline_set_article (self, g_value_get_object (value));
      break;
    case PROP_CURRENT_SECTION:
      treaties_timeline_set_current_section (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
treaties_timeline_class_init (TreatiesTimelineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = treaties_timeline_dispose;
  object_class->finalize = treaties_timeline_finalize;
  object_class->get_property = treaties_timeline_get_property;
  object_class->set_property = treaties_timeline_set_property;

  widget_class->measure = treaties_timeline_measure;
  widget_class->size_allocate = treaties_timeline_size_allocate;
  widget_class->snapshot = treaties_timeline_snapshot;
  widget_class->query_tooltip = treaties_timeline_query_tooltip;
  widget_class->css_changed = treaties_timeline_css_changed;

  /**
   * TreatiesTimeline:article:
   *
   * The article whose timeline is shown.
   */
  properties[PROP_ARTICLE] =
    g_param_spec_object ("article", NULL, NULL,
                         TREATIES_TYPE_ARTICLE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * TreatiesTimeline:current-section:
   *
   * The id of the section being read; its events are highlighted.
   */
  properties[PROP_CURRENT_SECTION] =
    g_param_spec_string ("current-section", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * TreatiesTimeline::event-activated:
   * @event: the TreatiesEvent
   *
   * An event was clicked, activated with Enter, or through AT-SPI.
   */
  signals[EVENT_ACTIVATED] =
    g_signal_new ("event-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, TREATIES_TYPE_EVENT);

  /**
   * TreatiesTimeline::focus-text:
   *
   * Escape was pressed: the reader wants to go back to the text.
   */
  signals[FOCUS_TEXT] =
    g_signal_new ("focus-text",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST | G_SIGNAL_ACTION,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_install_action (widget_class, "timeline.zoom-in", NULL, zoom_in_action);
  gtk_widget_class_install_action (widget_class, "timeline.zoom-out", NULL, zoom_out_action);
  gtk_widget_class_install_action (widget_class, "timeline.zoom-fit", NULL, zoom_fit_action);
  gtk_widget_class_install_action (widget_class, "timeline.next-event", NULL, move_focus_action);
  gtk_widget_class_install_action (widget_class, "timeline.previous-event", NULL, move_focus_action);
  gtk_widget_class_install_action (widget_class, "timeline.first-event", NULL, move_focus_action);
  gtk_widget_class_install_action (widget_class, "timeline.last-event", NULL, move_focus_action);
  gtk_widget_class_install_action (widget_class, "timeline.activate-event", NULL, activate_event_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, 0, "timeline.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_SHIFT_MASK, "timeline.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, 0, "timeline.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, 0, "timeline.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, 0, "timeline.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, 0, "timeline.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, 0, "timeline.zoom-fit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_0, 0, "timeline.zoom-fit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, 0, "timeline.next-event", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Right, 0, "timeline.next-event", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, 0, "timeline.previous-event", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Left, 0, "timeline.previous-event", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Home, 0, "timeline.first-event", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Home, 0, "timeline.first-event", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_End, 0, "timeline.last-event", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_End, 0, "timeline.last-event", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, 0, "timeline.activate-event", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, 0, "timeline.activate-event", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_space, 0, "timeline.activate-event", NULL);
  gtk_widget_class_add_binding_signal (widget_class, GDK_KEY_Escape, 0, "focus-text", NULL);

  gtk_widget_class_set_css_name (widget_class, "timeline");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
treaties_timeline_init (TreatiesTimeline *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  GtkEventController *controller;
  GtkGesture *gesture;
  AdwStyleManager *style_manager;

  self->focused = -1;
  self->hovered = -1;
  self->activated = -1;
  self->popover_event = -1;
  self->accessible_min_width = -1;
  self->accessibles = g_ptr_array_new ();
  self->badge_accessibles = g_ptr_array_new ();
  self->badge_layouts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->hovered_badge = -1;
  self->text_layout = gtk_widget_create_pango_layout (widget, NULL);
  pango_layout_set_single_paragraph_mode (self->text_layout, TRUE);
  self->caption_layout = gtk_widget_create_pango_layout (widget, NULL);
  pango_layout_set_single_paragraph_mode (self->caption_layout, TRUE);
  pango_layout_set_ellipsize (self->caption_layout, PANGO_ELLIPSIZE_END);

  gtk_widget_set_focusable (widget, TRUE);
  gtk_widget_set_has_tooltip (widget, TRUE);
  gtk_widget_set_overflow (widget, GTK_OVERFLOW_HIDDEN);
  gtk_widget_set_hexpand (widget, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Timeline"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  _("Left and Right move between events; Enter shows the words that tell of "
                                    "one and opens its card, again its next passage; plus and minus zoom"),
                                  -1);

  controller = gtk_event_controller_motion_new ();
  g_signal_connect (controller, "enter", G_CALLBACK (motion_cb), self);
  g_signal_connect (controller, "motion", G_CALLBACK (motion_cb), self);
  g_signal_connect (controller, "leave", G_CALLBACK (leave_cb), self);
  gtk_widget_add_controller (widget, controller);

  controller = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES);
  g_signal_connect (controller, "scroll", G_CALLBACK (scroll_cb), self);
  gtk_widget_add_controller (widget, controller);

  gesture = gtk_gesture_drag_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_PRIMARY);
  g_signal_connect (gesture, "drag-begin", G_CALLBACK (drag_begin_cb), self);
  g_signal_connect (gesture, "drag-update", G_CALLBACK (drag_update_cb), self);
  g_signal_connect (gesture, "drag-end", G_CALLBACK (drag_end_cb), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_zoom_new ();
  g_signal_connect (gesture, "begin", G_CALLBACK (zoom_begin_cb), self);
  g_signal_connect (gesture, "scale-changed", G_CALLBACK (zoom_scale_changed_cb), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (gesture));

  controller = gtk_event_controller_focus_new ();
  g_signal_connect (controller, "enter", G_CALLBACK (focus_enter_cb), self);
  g_signal_connect (controller, "leave", G_CALLBACK (focus_leave_cb), self);
  gtk_widget_add_controller (widget, controller);

  style_manager = adw_style_manager_get_default ();
  g_signal_connect_object (style_manager, "notify::high-contrast",
                           G_CALLBACK (high_contrast_changed_cb), self, 0);
  high_contrast_changed_cb (style_manager, NULL, self);
  g_signal_connect_object (style_manager, "notify::dark",
                           G_CALLBACK (dark_changed_cb), self, 0);
  dark_changed_cb (style_manager, NULL, self);

  update_actions (self);
}

/* --- public API ------------------------------------------------------------ */

GtkWidget *
treaties_timeline_new (void)
{
  return g_object_new (TREATIES_TYPE_TIMELINE, NULL);
}

void
treaties_timeline_set_article (TreatiesTimeline *self,
                               TreatiesArticle  *article)
{
  g_return_if_fail (TREATIES_IS_TIMELINE (self));
  g_return_if_fail (article == NULL || TREATIES_IS_ARTICLE (article));

  if (!g_set_object (&self->article, article))
    return;

  g_clear_object (&self->layout);
  /* What a search found was in the old article. */
  g_clear_pointer (&self->matching, g_array_unref);
  self->focused = -1;
  self->hovered = -1;
  self->activated = -1;
  /* The card's event was in the old article. */
  self->popover_event = -1;
  self->hovered_badge = -1;
  if (self->popover != NULL)
    gtk_popover_popdown (GTK_POPOVER (self->popover));
  /* The crowd listed was the old article's. */
  g_clear_pointer (&self->crowd_popover, gtk_widget_unparent);
  if (article != NULL)
    {
      self->layout = treaties_timeline_layout_new (article);
      treaties_timeline_layout_set_pango_context (self->layout, gtk_widget_get_pango_context (GTK_WIDGET (self)));
      if (self->current_section != NULL)
        apply_current_section (self, FALSE);
    }

  view_changed (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ARTICLE]);
}

TreatiesArticle *
treaties_timeline_get_article (TreatiesTimeline *self)
{
  g_return_val_if_fail (TREATIES_IS_TIMELINE (self), NULL);

  return self->article;
}

void
treaties_timeline_set_current_section (TreatiesTimeline *self,
                                       const char       *section_id)
{
  g_return_if_fail (TREATIES_IS_TIMELINE (self));

  if (g_strcmp0 (self->current_section, section_id) == 0)
    return;

  g_free (self->current_section);
  self->current_section = g_strdup (section_id);
  apply_current_section (self, TRUE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENT_SECTION]);
}

const char *
treaties_timeline_get_current_section (TreatiesTimeline *self)
{
  g_return_val_if_fail (TREATIES_IS_TIMELINE (self), NULL);

  return self->current_section;
}

TreatiesEvent *
treaties_timeline_get_focused_event (TreatiesTimeline *self)
{
  g_return_val_if_fail (TREATIES_IS_TIMELINE (self), NULL);

  if (self->layout == NULL || self->focused < 0)
    return NULL;
  return treaties_timeline_layout_get_event (self->layout, self->focused);
}

void
treaties_timeline_set_focused_event (TreatiesTimeline *self,
                                     TreatiesEvent    *event)
{
  guint index;

  g_return_if_fail (TREATIES_IS_TIMELINE (self));
  g_return_if_fail (event == NULL || TREATIES_IS_EVENT (event));

  if (self->layout == NULL)
    return;
  if (event == NULL)
    set_focused (self, -1, FALSE);
  else if (treaties_timeline_layout_find_event (self->layout, event, &index))
    set_focused (self, index, TRUE);
}

/* Chosen elsewhere (e.g. by its words in the text): labelled before any
 * other event and drawn as chosen, without "event-activated". */
void
treaties_timeline_set_selected_event (TreatiesTimeline *self,
                                      TreatiesEvent    *event)
{
  guint index;
  int selected = -1;

  g_return_if_fail (TREATIES_IS_TIMELINE (self));
  g_return_if_fail (event == NULL || TREATIES_IS_EVENT (event));

  if (self->layout == NULL)
    return;
  if (event != NULL && treaties_timeline_layout_find_event (self->layout, event, &index))
    selected = index;
  if (selected == self->activated)
    return;
  self->activated = selected;
  treaties_timeline_layout_set_selected (self->layout, selected);
  view_changed (self);
}

TreatiesEvent *
treaties_timeline_get_selected_event (TreatiesTimeline *self)
{
  g_return_val_if_fail (TREATIES_IS_TIMELINE (self), NULL);

  if (self->layout == NULL || self->activated < 0)
    return NULL;
  return treaties_timeline_layout_get_event (self->layout, self->activated);
}

void
treaties_timeline_set_visible_range (TreatiesTimeline *self,
                                     TreatiesDay       first,
                                     TreatiesDay       last)
{
  g_return_if_fail (TREATIES_IS_TIMELINE (self));
  g_return_if_fail (first <= last);

  if (self->layout == NULL)
    return;
  treaties_timeline_layout_set_visible_days (self->layout, first, last);
  view_changed (self);
}

gboolean
treaties_timeline_activate_at (TreatiesTimeline *self,
                               double            x,
                               double            y)
{
  guint index;

  g_return_val_if_fail (TREATIES_IS_TIMELINE (self), FALSE);

  if (self->layout == NULL)
    return FALSE;
  if (treaties_timeline_layout_hit_badge (self->layout, x, y, 0, &index))
    {
      expand_badge (self, index);
      return TRUE;
    }
  if (!treaties_timeline_layout_hit_test (self->layout, x, y, HIT_TOLERANCE, &index))
    return FALSE;

  activate_index (self, index);
  return TRUE;
}

void
treaties_timeline_activate_event (TreatiesTimeline *self,
                                  TreatiesEvent    *event)
{
  guint index;

  g_return_if_fail (TREATIES_IS_TIMELINE (self));
  g_return_if_fail (TREATIES_IS_EVENT (event));

  if (self->layout == NULL || !treaties_timeline_layout_find_event (self->layout, event, &index))
    return;
  set_focused (self, index, TRUE);
  activate_index (self, index);
}

TreatiesTimelineLayout *
treaties_timeline_get_layout (TreatiesTimeline *self)
{
  g_return_val_if_fail (TREATIES_IS_TIMELINE (self), NULL);

  return self->layout;
}

GtkWidget *
treaties_timeline_get_event_accessible (TreatiesTimeline *self,
                                        TreatiesEvent    *event)
{
  guint index;

  g_return_val_if_fail (TREATIES_IS_TIMELINE (self), NULL);
  g_return_val_if_fail (TREATIES_IS_EVENT (event), NULL);

  if (self->layout == NULL || !treaties_timeline_layout_find_event (self->layout, event, &index))
    return NULL;

  if (self->accessible_sync_id != 0)
    {
      g_source_remove (self->accessible_sync_id);
      sync_accessibles_cb (self);
    }

  for (guint i = 0; i < self->accessibles->len; i++)
    {
      GtkWidget *button = g_ptr_array_index (self->accessibles, i);

      if (GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "event-index")) == index + 1)
        return button;
    }
  return NULL;
}

void
treaties_timeline_set_matching_events (TreatiesTimeline *self,
                                       GPtrArray        *events)
{
  g_return_if_fail (TREATIES_IS_TIMELINE (self));

  g_clear_pointer (&self->matching, g_array_unref);
  if (events != NULL && events->len > 0 && self->layout != NULL)
    {
      self->matching = g_array_sized_new (FALSE, FALSE, sizeof (guint), events->len);
      for (guint i = 0; i < events->len; i++)
        {
          guint index;

          if (treaties_timeline_layout_find_event (self->layout, g_ptr_array_index (events, i), &index))
            g_array_append_val (self->matching, index);
        }
      g_array_sort (self->matching, compare_uint);
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

gboolean
treaties_timeline_is_matching_event (TreatiesTimeline *self,
                                     TreatiesEvent    *event)
{
  guint index;

  g_return_val_if_fail (TREATIES_IS_TIMELINE (self), FALSE);
  g_return_val_if_fail (TREATIES_IS_EVENT (event), FALSE);

  return self->layout != NULL &&
         treaties_timeline_layout_find_event (self->layout, event, &index) &&
         has_matching (self, index, 1);
}

void
treaties_timeline_popup_at_event (TreatiesTimeline *self,
                                  GtkPopover       *popover,
                                  TreatiesEvent    *event)
{
  guint index;
  double day;

  g_return_if_fail (TREATIES_IS_TIMELINE (self));
  g_return_if_fail (GTK_IS_POPOVER (popover));
  g_return_if_fail (TREATIES_IS_EVENT (event));

  if (self->layout == NULL || !treaties_timeline_layout_find_event (self->layout, event, &index))
    return;
  if (self->popover != GTK_WIDGET (popover))
    {
      g_return_if_fail (gtk_widget_get_parent (GTK_WIDGET (popover)) == NULL);
      g_clear_pointer (&self->popover, gtk_widget_unparent);
      self->popover = GTK_WIDGET (popover);
      gtk_widget_set_parent (self->popover, GTK_WIDGET (self));
    }
  self->popover_event = index;
  day = treaties_timeline_layout_get_event_date (self->layout, index);
  if (treaties_timeline_layout_get_width (self->layout) > 0)
    treaties_timeline_layout_ensure_visible (self->layout, day, day, KEY_SCROLL_PADDING);
  view_changed (self);
  allocate_popover (self, gtk_widget_get_width (GTK_WIDGET (self)));
  gtk_popover_popup (popover);
}

gboolean
treaties_timeline_get_event_bounds (TreatiesTimeline *self,
                                    TreatiesEvent    *event,
                                    graphene_rect_t  *bounds)
{
  const TreatiesTimelineMarker *marker;
  guint index;

  g_return_val_if_fail (TREATIES_IS_TIMELINE (self), FALSE);
  g_return_val_if_fail (TREATIES_IS_EVENT (event), FALSE);

  if (self->layout == NULL || !treaties_timeline_layout_find_event (self->layout, event, &index) ||
      (marker = treaties_timeline_layout_find_marker (self->layout, index)) == NULL)
    return FALSE;
  graphene_rect_init (bounds, marker->x - marker->radius, marker->y - marker->radius,
                      2 * marker->radius, 2 * marker->radius);
  return TRUE;
}

gboolean
treaties_timeline_get_overview_window (TreatiesTimeline *self,
                                       graphene_rect_t  *window)
{
  g_return_val_if_fail (TREATIES_IS_TIMELINE (self), FALSE);
  g_return_val_if_fail (window != NULL, FALSE);

  return overview_window (self, window);
}
