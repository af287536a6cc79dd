/* treaties-era.h: a named span of the timeline
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "treaties-date.h"

G_BEGIN_DECLS

#define TREATIES_TYPE_ERA (treaties_era_get_type ())

G_DECLARE_FINAL_TYPE (TreatiesEra, treaties_era, TREATIES, ERA, GObject)

TreatiesEra *treaties_era_new       (const char  *id,
                                     const char  *title,
                                     TreatiesDay  start,
                                     TreatiesDay  end);
/* From the span's start to its end, with their precisions (copied). */
TreatiesEra *treaties_era_new_span  (const char             *id,
                                     const char             *title,
                                     const TreatiesDateSpan *span);
const TreatiesDateSpan *treaties_era_get_span (TreatiesEra *self);
const char  *treaties_era_get_id    (TreatiesEra *self);
const char  *treaties_era_get_title (TreatiesEra *self);
TreatiesDay  treaties_era_get_start (TreatiesEra *self);
TreatiesDay  treaties_era_get_end   (TreatiesEra *self);

G_END_DECLS
