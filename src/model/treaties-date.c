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
