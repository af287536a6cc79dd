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

/* What an article may write for an event's or an era's date: the EDTF
 * (ISO 8601-2) level 1 subset below. Quoted in error messages, so it is
 * written for printf: "%%" is the qualifier %. */
#define TREATIES_DATE_FORMS \
  "YYYY-MM-DD, YYYY-MM or YYYY, optionally followed by ~ (approximate), " \
  "? (uncertain) or %% (both), or an interval of two of these, START/END, " \
  "either end of which may be .. (open)"

#define TREATIES_DATE_ERROR (treaties_date_error_quark ())

typedef enum {
  TREATIES_DATE_ERROR_FORM,      /* not one of TREATIES_DATE_FORMS */
  TREATIES_DATE_ERROR_CALENDAR,  /* the right shape, but no such day or month */
  TREATIES_DATE_ERROR_ORDER,     /* an interval that ends before it starts */
} TreatiesDateError;

typedef enum {
  TREATIES_DATE_PRECISION_DAY,
  TREATIES_DATE_PRECISION_MONTH,
  TREATIES_DATE_PRECISION_YEAR,
} TreatiesDatePrecision;

/* EDTF's qualifiers: `~` approximate, `?` uncertain, `%` both. */
typedef enum {
  TREATIES_DATE_QUALIFIER_NONE        = 0,
  TREATIES_DATE_QUALIFIER_APPROXIMATE = 1 << 0,
  TREATIES_DATE_QUALIFIER_UNCERTAIN   = 1 << 1,
} TreatiesDateQualifier;

/* The days a date covers, both ends included: "1931-08-10" is one day,
 * "1931-08" all of August 1931, "1923/1925" 1 January 1923 to
 * 31 December 1925. Each end keeps the precision and qualifier it was
 * written with; an open end ("..") lies at the timeline's end. */
typedef struct {
  TreatiesDay start;
  TreatiesDay end;
  guint8      start_precision;   /* TreatiesDatePrecision */
  guint8      end_precision;
  guint8      start_qualifier;   /* TreatiesDateQualifier */
  guint8      end_qualifier;
  guint8      interval : 1;      /* written as START/END */
  guint8      open_start : 1;
  guint8      open_end : 1;
} TreatiesDateSpan;

GQuark       treaties_date_error_quark (void);
/* Parses @text; an open end takes @range_start or @range_end (the
 * timeline's), which may be TREATIES_DAY_INVALID when unknown. */
gboolean     treaties_date_span_parse  (const char        *text,
                                        TreatiesDay        range_start,
                                        TreatiesDay        range_end,
                                        TreatiesDateSpan  *out_span,
                                        GError           **error);
/* One exact day. */
void         treaties_date_span_init_day (TreatiesDateSpan *span,
                                          TreatiesDay       day);
/* A span of more than one day (drawn as a bar). */
gboolean     treaties_date_span_is_long (const TreatiesDateSpan *span);
/* Does either end carry ~, ? or %? */
gboolean     treaties_date_span_is_qualified (const TreatiesDateSpan *span);
/* Orders by start, then end. */
int          treaties_date_span_compare (const TreatiesDateSpan *a,
                                         const TreatiesDateSpan *b);
/* The date as the reader's language says it: "29 October 1931",
 * "about April 1931", "1923–1925", "April 1931 (uncertain)". */
char        *treaties_date_span_format (const TreatiesDateSpan *span);

G_END_DECLS
