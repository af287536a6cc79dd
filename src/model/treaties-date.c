/* treaties-date.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "treaties-date.h"

static gboolean
parse_digits (const char *s,
              guint       n,
              int        *out)
{
  int value = 0;

  for (guint i = 0; i < n; i++)
    {
      if (!g_ascii_isdigit (s[i]))
        return FALSE;
      value = value * 10 + (s[i] - '0');
    }
  *out = value;
  return TRUE;
}

/* Strict YYYY-MM-DD; no time, no week dates, a real day. */
gboolean
treaties_day_parse (const char  *iso,
                    TreatiesDay *out_day)
{
  int y, m, d;

  g_return_val_if_fail (out_day != NULL, FALSE);

  *out_day = TREATIES_DAY_INVALID;
  if (iso == NULL || strlen (iso) != 10 || iso[4] != '-' || iso[7] != '-')
    return FALSE;
  if (!parse_digits (iso, 4, &y) ||
      !parse_digits (iso + 5, 2, &m) ||
      !parse_digits (iso + 8, 2, &d))
    return FALSE;
  if (y < 1 || !g_date_valid_dmy (d, m, y))
    return FALSE;

  *out_day = treaties_day_from_ymd (y, m, d);
  return TRUE;
}

TreatiesDay
treaties_day_from_ymd (int year,
                       int month,
                       int day)
{
  GDate date;

  g_return_val_if_fail (g_date_valid_dmy (day, month, year), TREATIES_DAY_INVALID);

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, day, month, year);
  return g_date_get_julian (&date);
}

void
treaties_day_to_ymd (TreatiesDay  day,
                     int         *year,
                     int         *month,
                     int         *mday)
{
  GDate date;

  g_return_if_fail (g_date_valid_julian (day));

  g_date_clear (&date, 1);
  g_date_set_julian (&date, day);
  if (year)
    *year = g_date_get_year (&date);
  if (month)
    *month = g_date_get_month (&date);
  if (mday)
    *mday = g_date_get_day (&date);
}

char *
treaties_day_to_iso (TreatiesDay day)
{
  int y, m, d;

  g_return_val_if_fail (g_date_valid_julian (day), NULL);

  treaties_day_to_ymd (day, &y, &m, &d);
  return g_strdup_printf ("%04d-%02d-%02d", y, m, d);
}

/* "29 October 1931" in the user's locale. */
char *
treaties_day_format_long (TreatiesDay day)
{
  g_autoptr(GDateTime) dt = NULL;
  int y, m, d;

  g_return_val_if_fail (g_date_valid_julian (day), NULL);

  treaties_day_to_ymd (day, &y, &m, &d);
  dt = g_date_time_new_utc (y, m, d, 12, 0, 0);
  /* The first of the month has its own format: some languages write it
   * differently ("1er octobre 1931"). */
  if (d == 1)
    /* Translators: the first day of a month as a full date, see
     * g_date_time_format(): %-e is the day (1) without padding, %B the
     * month's name, %Y the year. French writes "1er %B %Y". */
    return g_date_time_format (dt, C_("long date, first of the month", "%-e %B %Y"));
  /* Translators: a full date, see g_date_time_format(): %-e is the day
   * without padding, %B the month's name, %Y the year. */
  return g_date_time_format (dt, C_("long date", "%-e %B %Y"));
}

/* --- EDTF level 1 subset ---------------------------------------------------- */

G_DEFINE_QUARK (treaties-date-error-quark, treaties_date_error)

typedef struct {
  TreatiesDay first;
  TreatiesDay last;
  guint8      precision;
  guint8      qualifier;
} DateEnd;

static int
days_in_month (int year,
               int month)
{
  return g_date_get_days_in_month (month, year);
}

/* YYYY, YYYY-MM or YYYY-MM-DD with an optional qualifier, exactly
 * @len bytes of @s. */
static gboolean
parse_end (const char  *s,
           gsize        len,
           DateEnd     *out,
           GError     **error)
{
  int y, m = 1, d = 1;
  gsize n = len;

  out->qualifier = TREATIES_DATE_QUALIFIER_NONE;
  if (n > 0)
    switch (s[n - 1])
      {
      case '~':
        out->qualifier = TREATIES_DATE_QUALIFIER_APPROXIMATE;
        n--;
        break;
      case '?':
        out->qualifier = TREATIES_DATE_QUALIFIER_UNCERTAIN;
        n--;
        break;
      case '%':
        out->qualifier = TREATIES_DATE_QUALIFIER_APPROXIMATE | TREATIES_DATE_QUALIFIER_UNCERTAIN;
        n--;
        break;
      default:
        break;
      }

  if (!(n == 4 || (n == 7 && s[4] == '-') || (n == 10 && s[4] == '-' && s[7] == '-')) ||
      !parse_digits (s, 4, &y) ||
      (n >= 7 && !parse_digits (s + 5, 2, &m)) ||
      (n == 10 && !parse_digits (s + 8, 2, &d)))
    {
      g_set_error (error, TREATIES_DATE_ERROR, TREATIES_DATE_ERROR_FORM,
                   "is not a date (expected " TREATIES_DATE_FORMS ")");
      return FALSE;
    }
  if (y < 1 || m < 1 || m > 12 || (n == 10 && !g_date_valid_dmy (d, m, y)))
    {
      g_set_error (error, TREATIES_DATE_ERROR, TREATIES_DATE_ERROR_CALENDAR,
                   n == 10 ? "is not a day of the calendar"
                   : n == 7 ? "is not a month of the calendar"
                   : "is not a year of the calendar");
      return FALSE;
    }

  switch (n)
    {
    case 10:
      out->precision = TREATIES_DATE_PRECISION_DAY;
      out->first = out->last = treaties_day_from_ymd (y, m, d);
      break;
    case 7:
      out->precision = TREATIES_DATE_PRECISION_MONTH;
      out->first = treaties_day_from_ymd (y, m, 1);
      out->last = treaties_day_from_ymd (y, m, days_in_month (y, m));
      break;
    default:
      out->precision = TREATIES_DATE_PRECISION_YEAR;
      out->first = treaties_day_from_ymd (y, 1, 1);
      out->last = treaties_day_from_ymd (y, 12, 31);
      break;
    }
  return TRUE;
}

void
treaties_date_span_init_day (TreatiesDateSpan *span,
                             TreatiesDay       day)
{
  g_return_if_fail (span != NULL);

  *span = (TreatiesDateSpan) { .start = day, .end = day };
}

gboolean
treaties_date_span_parse (const char        *text,
                          TreatiesDay        range_start,
                          TreatiesDay        range_end,
                          TreatiesDateSpan  *out_span,
                          GError           **error)
{
  TreatiesDateSpan span = { 0 };
  const char *slash;
  DateEnd a = { 0 }, b = { 0 };

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (out_span != NULL, FALSE);

  *out_span = span;
  slash = strchr (text, '/');
  if (slash == NULL)
    {
      if (!parse_end (text, strlen (text), &a, error))
        return FALSE;
      span.start = a.first;
      span.end = a.last;
      span.start_precision = span.end_precision = a.precision;
      span.start_qualifier = span.end_qualifier = a.qualifier;
      *out_span = span;
      return TRUE;
    }

  span.interval = TRUE;
  span.open_start = slash - text == 2 && text[0] == '.' && text[1] == '.';
  span.open_end = g_str_equal (slash + 1, "..");
  if (span.open_start && span.open_end)
    {
      g_set_error (error, TREATIES_DATE_ERROR, TREATIES_DATE_ERROR_FORM,
                   "is not a date: an interval needs at least one end (expected "
                   TREATIES_DATE_FORMS ")");
      return FALSE;
    }
  if (!span.open_start && !parse_end (text, slash - text, &a, error))
    return FALSE;
  if (!span.open_end && !parse_end (slash + 1, strlen (slash + 1), &b, error))
    return FALSE;

  if (span.open_start)
    {
      span.start = range_start;
      span.start_precision = b.precision;
    }
  else
    {
      span.start = a.first;
      span.start_precision = a.precision;
      span.start_qualifier = a.qualifier;
    }
  if (span.open_end)
    {
      span.end = range_end;
      span.end_precision = a.precision;
    }
  else
    {
      span.end = b.last;
      span.end_precision = b.precision;
      span.end_qualifier = b.qualifier;
    }
  if (!span.open_start && !span.open_end && b.last < a.first)
    {
      g_set_error (error, TREATIES_DATE_ERROR, TREATIES_DATE_ERROR_ORDER,
                   "ends before it starts");
      return FALSE;
    }

  *out_span = span;
  return TRUE;
}

gboolean
treaties_date_span_is_long (const TreatiesDateSpan *span)
{
  g_return_val_if_fail (span != NULL, FALSE);
  return span->end > span->start;
}

gboolean
treaties_date_span_is_qualified (const TreatiesDateSpan *span)
{
  g_return_val_if_fail (span != NULL, FALSE);
  return span->start_qualifier != 0 || span->end_qualifier != 0;
}

int
treaties_date_span_compare (const TreatiesDateSpan *a,
                            const TreatiesDateSpan *b)
{
  if (a->start != b->start)
    return (a->start > b->start) - (a->start < b->start);
  return (a->end > b->end) - (a->end < b->end);
}

/* One end of a date as words: its day, month or year, and "about". */
static char *
format_end (TreatiesDay day,
            guint       precision,
            guint       qualifier)
{
  g_autoptr(GDateTime) dt = NULL;
  gboolean about = (qualifier & TREATIES_DATE_QUALIFIER_APPROXIMATE) != 0;
  int y, m, d;

  treaties_day_to_ymd (day, &y, &m, &d);
  dt = g_date_time_new_utc (y, m, d, 12, 0, 0);
  switch (precision)
    {
    case TREATIES_DATE_PRECISION_YEAR:
      return about
        /* Translators: an approximate year, see g_date_time_format(): %Y is
         * the year ("about 1931"). */
        ? g_date_time_format (dt, C_("approximate year", "about %Y"))
        /* Translators: a year alone, see g_date_time_format(): %Y is the
         * year ("1931"). */
        : g_date_time_format (dt, C_("year", "%Y"));
    case TREATIES_DATE_PRECISION_MONTH:
      return about
        /* Translators: an approximate month, see g_date_time_format(): %B
         * is the month's name as it follows a preposition, %Y the year
         * ("about April 1931"). */
        ? g_date_time_format (dt, C_("approximate month", "about %B %Y"))
        /* Translators: a month alone, see g_date_time_format(): %B is the
         * month's name, %OB its name standing alone, %Y the year
         * ("April 1931"). */
        : g_date_time_format (dt, C_("month and year", "%B %Y"));
    default:
      if (about)
        /* Translators: an approximate day, see g_date_time_format(): %-e is
         * the day without padding, %B the month's name, %Y the year
         * ("about 10 August 1931"). */
        return g_date_time_format (dt, C_("approximate date", "about %-e %B %Y"));
      return treaties_day_format_long (day);
    }
}

static char *
format_qualified_end (TreatiesDay day,
                      guint       precision,
                      guint       qualifier)
{
  g_autofree char *text = format_end (day, precision, qualifier);

  if (qualifier & TREATIES_DATE_QUALIFIER_UNCERTAIN)
    /* Translators: a date whose source is uncertain, %s the date
     * ("April 1931 (uncertain)"). */
    return g_strdup_printf (_("%s (uncertain)"), text);
  return g_steal_pointer (&text);
}

char *
treaties_date_span_format (const TreatiesDateSpan *span)
{
  g_autofree char *start = NULL;
  g_autofree char *end = NULL;
  int start_year, end_year;

  g_return_val_if_fail (span != NULL, NULL);
  g_return_val_if_fail (g_date_valid_julian (span->start) && g_date_valid_julian (span->end), NULL);

  if (!span->interval)
    return format_qualified_end (span->start, span->start_precision, span->start_qualifier);

  if (span->open_start)
    {
      end = format_qualified_end (span->end, span->end_precision, span->end_qualifier);
      /* Translators: a span with no known start, %s its end
       * ("until 1 September 1939"). */
      return g_strdup_printf (_("until %s"), end);
    }
  start = format_qualified_end (span->start, span->start_precision, span->start_qualifier);
  if (span->open_end)
    /* Translators: a span with no known end, %s its start
     * ("from 24 July 1929"). */
    return g_strdup_printf (_("from %s"), start);

  treaties_day_to_ymd (span->start, &start_year, NULL, NULL);
  treaties_day_to_ymd (span->end, &end_year, NULL, NULL);
  if (span->start_precision == TREATIES_DATE_PRECISION_YEAR &&
      span->end_precision == TREATIES_DATE_PRECISION_YEAR &&
      span->start_qualifier == 0 && span->end_qualifier == 0)
    /* Translators: a span of whole years, the first and the last
     * ("1923–1925"). */
    return g_strdup_printf (_("%d–%d"), start_year, end_year);

  end = format_qualified_end (span->end, span->end_precision, span->end_qualifier);
  /* Translators: a span from its start to its end, each a date
   * ("11 January 1923 – 25 August 1925"). */
  return g_strdup_printf (_("%s – %s"), start, end);
}
