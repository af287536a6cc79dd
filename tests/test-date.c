/* test-date.c: calendar days
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <locale.h>

#include "treaties-date.h"

static void
test_parse_valid (void)
{
  TreatiesDay day;
  int y, m, d;

  g_assert_true (treaties_day_parse ("1931-10-29", &day));
  treaties_day_to_ymd (day, &y, &m, &d);
  g_assert_cmpint (y, ==, 1931);
  g_assert_cmpint (m, ==, 10);
  g_assert_cmpint (d, ==, 29);

  /* Leap years, including the century rule. */
  g_assert_true (treaties_day_parse ("1928-02-29", &day));
  g_assert_true (treaties_day_parse ("2000-02-29", &day));
  g_assert_false (treaties_day_parse ("1900-02-29", &day));
  g_assert_false (treaties_day_parse ("1931-02-29", &day));
}

static void
test_parse_invalid (void)
{
  const char *bad[] = { "", "1931", "1931-10", "1931-1-29", "31-10-1931", "1931-13-01",
                        "1931-00-10", "1931-10-32", "1931-10-29T00:00", "１９３１-10-29",
                        "0000-01-01", "1931/10/29", " 1931-10-29" };
  TreatiesDay day = 42;

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_assert_false (treaties_day_parse (bad[i], &day));
      g_assert_cmpuint (day, ==, TREATIES_DAY_INVALID);
    }
  g_assert_false (treaties_day_parse (NULL, &day));
}

static void
test_arithmetic (void)
{
  TreatiesDay a, b;

  g_assert_true (treaties_day_parse ("1918-11-11", &a));
  g_assert_true (treaties_day_parse ("1939-09-01", &b));
  /* 11 Nov 1918 to 1 Sep 1939: counted independently, 7599 days. */
  g_assert_cmpuint (b - a, ==, 7599);

  g_assert_true (treaties_day_parse ("1932-02-28", &a));
  g_assert_true (treaties_day_parse ("1932-03-01", &b));
  g_assert_cmpuint (b - a, ==, 2);
}

static void
test_round_trip (void)
{
  TreatiesDay day;
  g_autofree char *iso = NULL;

  g_assert_true (treaties_day_parse ("1925-12-01", &day));
  iso = treaties_day_to_iso (day);
  g_assert_cmpstr (iso, ==, "1925-12-01");
  g_assert_cmpuint (treaties_day_from_ymd (1925, 12, 1), ==, day);
}

static void
test_format_long (void)
{
  g_autofree char *text = treaties_day_format_long (treaties_day_from_ymd (1931, 10, 29));
  g_autofree char *first = treaties_day_format_long (treaties_day_from_ymd (1925, 12, 1));

  /* In the C locale: day, month name, year; a one-digit day is not padded
   * (%e would put a figure space before it). */
  g_assert_cmpstr (text, ==, "29 October 1931");
  g_assert_cmpstr (first, ==, "1 December 1925");
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/date/parse/valid", test_parse_valid);
  g_test_add_func ("/date/parse/invalid", test_parse_invalid);
  g_test_add_func ("/date/arithmetic", test_arithmetic);
  g_test_add_func ("/date/round-trip", test_round_trip);
  g_test_add_func ("/date/format-long", test_format_long);

  return g_test_run ();
}
