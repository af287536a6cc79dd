/* treaties-lanes-view.h: several articles' timelines, one lane each
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Draws a TreatiesLanesLayout: the interwar years across, a lane per
 * article (its title above its line), each event a dot on its lane, and an
 * event several articles share drawn once, its dots joined by a line in
 * the accent colour. A click on a dot, or Left/Right (events), Up/Down
 * (the lanes of a shared one) and Enter, emit ::event-activated with the
 * lane and that lane's article's event.
 */
#pragma once

#include <gtk/gtk.h>

#include "treaties-lanes-layout.h"

G_BEGIN_DECLS

#define TREATIES_TYPE_LANES_VIEW (treaties_lanes_view_get_type ())

G_DECLARE_FINAL_TYPE (TreatiesLanesView, treaties_lanes_view, TREATIES, LANES_VIEW, GtkWidget)

GtkWidget           *treaties_lanes_view_new        (void);
void                 treaties_lanes_view_set_layout (TreatiesLanesView   *self,
                                                     TreatiesLanesLayout *layout);
TreatiesLanesLayout *treaties_lanes_view_get_layout (TreatiesLanesView *self);
/* The event (and lane) the keyboard is on; -1 for none. */
int                  treaties_lanes_view_get_focused_event (TreatiesLanesView *self);
void                 treaties_lanes_view_set_focused_event (TreatiesLanesView *self,
                                                            int                index,
                                                            guint              lane);
/* Emits ::event-activated for @index's link in @lane, as a click does. */
void                 treaties_lanes_view_activate   (TreatiesLanesView *self,
                                                     guint              index,
                                                     guint              lane);

G_END_DECLS
