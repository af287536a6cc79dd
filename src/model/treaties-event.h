/* treaties-event.h: a dated event on the article's timeline
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "treaties-date.h"

G_BEGIN_DECLS

#define TREATIES_TYPE_EVENT (treaties_event_get_type ())

G_DECLARE_FINAL_TYPE (TreatiesEvent, treaties_event, TREATIES, EVENT, GObject)

TreatiesEvent      *treaties_event_new             (const char         *id,
                                                    TreatiesDay         date,
                                                    const char         *title,
                                                    const char         *description,
                                                    const char * const *section_ids,
                                                    gboolean            primary,
                                                    const char         *href);
/* The same, dated by a span (copied). */
TreatiesEvent      *treaties_event_new_span        (const char             *id,
                                                    const TreatiesDateSpan *span,
                                                    const char             *title,
                                                    const char             *description,
                                                    const char * const     *section_ids,
                                                    gboolean                primary,
                                                    const char             *href);
const char         *treaties_event_get_id          (TreatiesEvent *self);
/* The first day of the event's date. */
TreatiesDay         treaties_event_get_date        (TreatiesEvent *self);
/* The days the event covers, and how precisely they are known. */
const TreatiesDateSpan *treaties_event_get_span    (TreatiesEvent *self);
/* The date in the reader's language, as treaties_date_span_format(). */
char               *treaties_event_format_date     (TreatiesEvent *self);
const char         *treaties_event_get_title       (TreatiesEvent *self);
const char         *treaties_event_get_description (TreatiesEvent *self);
/* Ids of the sections this event illuminates, in reading order. */
const char * const *treaties_event_get_section_ids (TreatiesEvent *self);
/* TRUE for the article's own event. */
gboolean            treaties_event_get_primary     (TreatiesEvent *self);
const char         *treaties_event_get_href        (TreatiesEvent *self);

G_END_DECLS
