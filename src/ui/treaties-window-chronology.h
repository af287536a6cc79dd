/* treaties-window-chronology.h: the window's chronology (win.show-chronology)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "treaties-timeline.h"
#include "treaties-window.h"

G_BEGIN_DECLS

/* Adds the action win.show-chronology to @window: it shows the article's
 * events as a table (TreatiesChronologyView) in a window of its own;
 * activating a row selects its event on @timeline as a click there does. */
void treaties_window_chronology_attach (TreatiesWindow   *window,
                                       TreatiesTimeline *timeline);

G_END_DECLS
