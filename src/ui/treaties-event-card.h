/* treaties-event-card.h: what an event on the timeline is, and where the
 * text tells of it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The card the window opens when an event is selected (in a popover at its
 * marker, or a sheet on a narrow window): the event's long date, title,
 * description, a "Source" link and one "Read: <section>" button per
 * passage, the first the default, with which passage is being read
 * ("Passage 2 of 3").
 *
 * Signals:
 *   read-passage (guint index): a "Read" button was activated.
 *   open-source (const char *href): "Source" was activated; the window opens
 *     it as links in the text are opened.
 *   close (): Escape or the close button.
 */
#pragma once

#include <adwaita.h>

#include "treaties-article.h"

G_BEGIN_DECLS

#define TREATIES_TYPE_EVENT_CARD (treaties_event_card_get_type ())

G_DECLARE_FINAL_TYPE (TreatiesEventCard, treaties_event_card, TREATIES, EVENT_CARD, AdwBin)

GtkWidget     *treaties_event_card_new                (void);
/* Shows @event (NULL: none) with @passages (TreatiesPassage, may be NULL):
 * one button each. */
void           treaties_event_card_set_event          (TreatiesEventCard *self,
                                                       TreatiesEvent     *event,
                                                       GPtrArray         *passages);
TreatiesEvent *treaties_event_card_get_event          (TreatiesEventCard *self);
/* Which passage is being read (-1: none): the position line says so and
 * its button is marked. */
void           treaties_event_card_set_position       (TreatiesEventCard *self,
                                                       int                index);
int            treaties_event_card_get_position       (TreatiesEventCard *self);
/* The first "Read" button (NULL when there are no passages), focused when
 * the card opens. */
GtkWidget     *treaties_event_card_get_default_widget (TreatiesEventCard *self);

G_END_DECLS
