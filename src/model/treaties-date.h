/* treaties-date.h: calendar days as plain integers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A calendar day in the proleptic Gregorian calendar, counted as GDate's
 * Julian day (1 = 1 January 0001). Plain integers keep the timeline
 * geometry and sorting simple and exact. 0 means "no date". */
typedef guint32 TreatiesDay;

#define TREATIES_DAY_INVALID ((TreatiesDay) 0)

gboolean     treaties_day_parse        (const char  *iso,
                                        TreatiesDay *out_day);
TreatiesDay  treaties_day_from_ymd     (int          year,
                                        int          month,
                                        int          day);
void         treaties_day_to_ymd       (TreatiesDay  day,
                                        int         *year,
                                        int         *month,
                                        int         *mday);
char        *treaties_day_to_iso       (TreatiesDay  day);
char        *treaties_day_format_long  (TreatiesDay  day);

G_END_DECLS
