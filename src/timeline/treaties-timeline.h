/* treaties-timeline.h: the interwar timeline widget
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A horizontal timeline of an article's eras and events, drawn over a
 * TreatiesTimelineLayout. CSS node `timeline`; its parts are styled through
 * the classes in data/style.css (region "timeline").
 *
 * Actions (for buttons and tests; the keys in brackets are bound to them):
 *   timeline.zoom-in        [plus, equal, KP_Add, Ctrl+scroll up, pinch]
 *   timeline.zoom-out       [minus, KP_Subtract, Ctrl+scroll down, pinch]
 *   timeline.zoom-fit       [0, KP_0]   shows the whole range
 *   timeline.next-event     [Right]     focuses the next event in date order
 *   timeline.previous-event [Left]
 *   timeline.first-event    [Home]
 *   timeline.last-event     [End]
 *   timeline.activate-event [Return, KP_Enter, space]  activates the focused one
 * Ctrl+scroll and pinch zoom about the pointer; keys and buttons about the
 * focused event if it is in view, else the pointer, else the centre. Drag or
 * scroll (either way) to pan. Zoomed in, an overview strip under the figure
 * shows the whole range and the part in view as a window, which one drags
 * (or presses beside) to move the view. "+N" badges stand for crowds of
 * events with no room for a label: activating one zooms in to fit them, or
 * lists them when they share a day.
 *
 * With keyboard focus the focused event has a solid focus ring, and a
 * caption under the axis tells its date, title and description (what the
 * tooltip tells a pointer). Grey dots are events, the article's own is an
 * accent diamond, the current section's are accent rings, and the event last
 * activated is filled with the accent while its section is being read.
 *
 * Signals:
 *   event-activated (TreatiesEvent *event): a click, Enter, or an assistive
 *     technology activated @event.
 *   focus-text (): Escape was pressed; the window moves focus to the text.
 *
 * Each event in view (up to a bound), even one that shares its marker or
 * sits on the range's end, is also an invisible, non-focusable child button
 * named "29 October 1931 — title" and described by the event's description,
 * so that screen readers can find and activate events through AT-SPI on
 * GTK 4.8.
 */
#pragma once

#include <gtk/gtk.h>

#include "treaties-article.h"
#include "treaties-timeline-layout.h"

G_BEGIN_DECLS

#define TREATIES_TYPE_TIMELINE (treaties_timeline_get_type ())

G_DECLARE_FINAL_TYPE (TreatiesTimeline, treaties_timeline, TREATIES, TIMELINE, GtkWidget)

GtkWidget              *treaties_timeline_new                  (void);
void                    treaties_timeline_set_article          (TreatiesTimeline *self,
                                                                TreatiesArticle  *article);
TreatiesArticle        *treaties_timeline_get_article          (TreatiesTimeline *self);
/* Highlights the events related to @section_id (NULL: none) and, if none
 * of them is in view, scrolls (and if needed zooms out) to show them. */
void                    treaties_timeline_set_current_section  (TreatiesTimeline *self,
                                                                const char       *section_id);
const char             *treaties_timeline_get_current_section  (TreatiesTimeline *self);
/* The focused event (keyboard focus, Left/Right), or NULL. */
TreatiesEvent          *treaties_timeline_get_focused_event    (TreatiesTimeline *self);
/* Focuses @event and scrolls it into view; NULL unfocuses. */
void                    treaties_timeline_set_focused_event    (TreatiesTimeline *self,
                                                                TreatiesEvent    *event);
/* The event the reader chose (activated, or set here; NULL for none): it is
 * labelled first, whatever the zoom. Setting it emits no "event-activated". */
void                    treaties_timeline_set_selected_event   (TreatiesTimeline *self,
                                                                TreatiesEvent    *event);
TreatiesEvent          *treaties_timeline_get_selected_event   (TreatiesTimeline *self);
/* Shows [@first, @last] across the width. */
void                    treaties_timeline_set_visible_range    (TreatiesTimeline *self,
                                                                TreatiesDay       first,
                                                                TreatiesDay       last);
/* Does what a click at (@x, @y) in widget coordinates does; TRUE if it hit
 * an event (and event-activated was emitted). */
gboolean                treaties_timeline_activate_at          (TreatiesTimeline *self,
                                                                double            x,
                                                                double            y);
/* Does what a click on @event does: focuses and selects it, scrolls it
 * into view and emits "event-activated". */
void                    treaties_timeline_activate_event       (TreatiesTimeline *self,
                                                                TreatiesEvent    *event);
/* The geometry, e.g. to find where an event is drawn (tests). */
TreatiesTimelineLayout *treaties_timeline_get_layout           (TreatiesTimeline *self);
/* Marks @events (TreatiesEvent of the article; NULL or empty: none) as
 * found by a search: a ring round their markers and a tint behind their
 * labels (the "search-match" classes in data/style.css). Cleared when the
 * article changes. */
void                    treaties_timeline_set_matching_events  (TreatiesTimeline *self,
                                                                GPtrArray        *events);
gboolean                treaties_timeline_is_matching_event    (TreatiesTimeline *self,
                                                                TreatiesEvent    *event);
/* The accessible child that stands for event @event, if it is in view. */
GtkWidget              *treaties_timeline_get_event_accessible (TreatiesTimeline *self,
                                                                TreatiesEvent    *event);
/* Shows @popover (the event card) pointing at @event's marker, scrolling
 * the marker into view; it follows the marker as the view moves. The
 * timeline becomes the popover's parent (and unparents it when disposed). */
void                    treaties_timeline_popup_at_event       (TreatiesTimeline *self,
                                                                GtkPopover       *popover,
                                                                TreatiesEvent    *event);
/* Where @event's marker is drawn, in widget coordinates; FALSE if it is not
 * in view. */
gboolean                treaties_timeline_get_event_bounds     (TreatiesTimeline *self,
                                                                TreatiesEvent    *event,
                                                                graphene_rect_t  *bounds);

/* The window on the overview strip (the part of the range in view), in
 * widget coordinates; FALSE while the whole range is in view. */
gboolean                treaties_timeline_get_overview_window  (TreatiesTimeline *self,
                                                                graphene_rect_t  *window);

G_END_DECLS
