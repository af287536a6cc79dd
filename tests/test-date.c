/* test-date.c: calendar days
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <locale.h>
#include <string.h>

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

/* Every accepted form: the days it covers, its precisions and qualifiers. */
static void
test_span_forms (void)
{
  static const struct {
    const char *text;
    const char *start;
    const char *end;
    guint       start_precision, end_precision;
    guint       start_qualifier, end_qualifier;
    gboolean    interval, open_start, open_end;
  } cases[] = {
#define D TREATIES_DATE_PRECISION_DAY
#define M TREATIES_DATE_PRECISION_MONTH
#define Y TREATIES_DATE_PRECISION_YEAR
#define A TREATIES_DATE_QUALIFIER_APPROXIMATE
#define U TREATIES_DATE_QUALIFIER_UNCERTAIN
    { "1931-08-10", "1931-08-10", "1931-08-10", D, D, 0, 0, FALSE, FALSE, FALSE },
    { "1931-08", "1931-08-01", "1931-08-31", M, M, 0, 0, FALSE, FALSE, FALSE },
    { "1932-02", "1932-02-01", "1932-02-29", M, M, 0, 0, FALSE, FALSE, FALSE },
    { "1931", "1931-01-01", "1931-12-31", Y, Y, 0, 0, FALSE, FALSE, FALSE },
    { "1931-04~", "1931-04-01", "1931-04-30", M, M, A, A, FALSE, FALSE, FALSE },
    { "1931-08?", "1931-08-01", "1931-08-31", M, M, U, U, FALSE, FALSE, FALSE },
    { "1931-08%", "1931-08-01", "1931-08-31", M, M, A | U, A | U, FALSE, FALSE, FALSE },
    { "1931-08-10~", "1931-08-10", "1931-08-10", D, D, A, A, FALSE, FALSE, FALSE },
    { "1931?", "1931-01-01", "1931-12-31", Y, Y, U, U, FALSE, FALSE, FALSE },
    { "1923-01-11/1925-08-25", "1923-01-11", "1925-08-25", D, D, 0, 0, TRUE, FALSE, FALSE },
    { "1923/1925", "1923-01-01", "1925-12-31", Y, Y, 0, 0, TRUE, FALSE, FALSE },
    { "1925-10~/1925-12-01", "1925-10-01", "1925-12-01", M, D, A, 0, TRUE, FALSE, FALSE },
    { "1923-01-11/1925?", "1923-01-11", "1925-12-31", D, Y, 0, U, TRUE, FALSE, FALSE },
    { "1931-08/1931-08", "1931-08-01", "1931-08-31", M, M, 0, 0, TRUE, FALSE, FALSE },
    { "1931/1931-03", "1931-01-01", "1931-03-31", Y, M, 0, 0, TRUE, FALSE, FALSE },
    /* Open ends lie at the range's ends. */
    { "../1939-09-01", "1918-11-11", "1939-09-01", D, D, 0, 0, TRUE, TRUE, FALSE },
    { "1929-07-24/..", "1929-07-24", "1939-09-01", D, D, 0, 0, TRUE, FALSE, TRUE },
    { "1929~/..", "1929-01-01", "1939-09-01", Y, Y, A, 0, TRUE, FALSE, TRUE },
#undef D
#undef M
#undef Y
#undef A
#undef U
  };
  TreatiesDay range_start = treaties_day_from_ymd (1918, 11, 11);
  TreatiesDay range_end = treaties_day_from_ymd (1939, 9, 1);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      TreatiesDateSpan span;
      g_autoptr(GError) error = NULL;
      g_autofree char *start = NULL, *end = NULL;

      g_test_message ("%s", cases[i].text);
      g_assert_true (treaties_date_span_parse (cases[i].text, range_start, range_end, &span, &error));
      g_assert_no_error (error);
      start = treaties_day_to_iso (span.start);
      end = treaties_day_to_iso (span.end);
      g_assert_cmpstr (start, ==, cases[i].start);
      g_assert_cmpstr (end, ==, cases[i].end);
      g_assert_cmpuint (span.start_precision, ==, cases[i].start_precision);
      g_assert_cmpuint (span.end_precision, ==, cases[i].end_precision);
      g_assert_cmpuint (span.start_qualifier, ==, cases[i].start_qualifier);
      g_assert_cmpuint (span.end_qualifier, ==, cases[i].end_qualifier);
      g_assert_cmpint (span.interval, ==, cases[i].interval);
      g_assert_cmpint (span.open_start, ==, cases[i].open_start);
      g_assert_cmpint (span.open_end, ==, cases[i].open_end);
      g_assert_cmpint (treaties_date_span_is_long (&span), ==, span.end > span.start);
      g_assert_cmpint (treaties_date_span_is_qualified (&span), ==,
                       cases[i].start_qualifier != 0 || cases[i].end_qualifier != 0);
    }
}

/* Every way to get it wrong, and which error it is. */
static void
test_span_errors (void)
{
  static const struct { const char *text; int code; } cases[] = {
    { "", TREATIES_DATE_ERROR_FORM },
    { "31", TREATIES_DATE_ERROR_FORM },
    { "1931-8", TREATIES_DATE_ERROR_FORM },
    { "1931-08-1", TREATIES_DATE_ERROR_FORM },
    { "29 October 1931", TREATIES_DATE_ERROR_FORM },
    { "1931-10-29T00:00", TREATIES_DATE_ERROR_FORM },
    { "1931-W05", TREATIES_DATE_ERROR_FORM },
    { "1931-21", TREATIES_DATE_ERROR_CALENDAR },   /* a season in EDTF: not accepted */
    { "~1931", TREATIES_DATE_ERROR_FORM },
    { "1931~~", TREATIES_DATE_ERROR_FORM },
    { "1931-08~?", TREATIES_DATE_ERROR_FORM },
    { "1931-08-10!", TREATIES_DATE_ERROR_FORM },
    { " 1931", TREATIES_DATE_ERROR_FORM },
    { "-1931", TREATIES_DATE_ERROR_FORM },
    { "19310", TREATIES_DATE_ERROR_FORM },
    { "1931-13", TREATIES_DATE_ERROR_CALENDAR },
    { "1931-00", TREATIES_DATE_ERROR_CALENDAR },
    { "1931-02-29", TREATIES_DATE_ERROR_CALENDAR },
    { "1931-04-31~", TREATIES_DATE_ERROR_CALENDAR },
    { "0000", TREATIES_DATE_ERROR_CALENDAR },
    { "0000-01-01", TREATIES_DATE_ERROR_CALENDAR },
    { "/", TREATIES_DATE_ERROR_FORM },
    { "../..", TREATIES_DATE_ERROR_FORM },
    { "1929/", TREATIES_DATE_ERROR_FORM },
    { "/1929", TREATIES_DATE_ERROR_FORM },
    { "1923/1925/1927", TREATIES_DATE_ERROR_FORM },
    { "1923..1925", TREATIES_DATE_ERROR_FORM },
    { ".../1925", TREATIES_DATE_ERROR_FORM },
    { "1923/...", TREATIES_DATE_ERROR_FORM },
    { "1923/1925-02-30", TREATIES_DATE_ERROR_CALENDAR },
    { "1925/1923", TREATIES_DATE_ERROR_ORDER },
    { "1925-10/1925-09-30", TREATIES_DATE_ERROR_ORDER },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      TreatiesDateSpan span;
      g_autoptr(GError) error = NULL;

      g_test_message ("\"%s\"", cases[i].text);
      g_assert_false (treaties_date_span_parse (cases[i].text, 1, 2, &span, &error));
      g_assert_error (error, TREATIES_DATE_ERROR, cases[i].code);
      g_assert_cmpuint (span.start, ==, TREATIES_DAY_INVALID);
      /* A malformed date names the accepted forms. */
      if (cases[i].code == TREATIES_DATE_ERROR_FORM)
        g_assert_nonnull (strstr (error->message, "YYYY-MM-DD, YYYY-MM or YYYY"));
    }
}

/* Start first, then end: a day before the month it begins, the month
 * before the year it begins. */
static void
test_span_compare (void)
{
  const char *ordered[] = { "1925-01-01", "1925-01", "1925-01-01/1925-06", "1925", "1925/1926",
                            "1925-02-01", "1925-10-05/1925-10-16" };

  for (guint i = 0; i + 1 < G_N_ELEMENTS (ordered); i++)
    {
      TreatiesDateSpan a, b;

      g_assert_true (treaties_date_span_parse (ordered[i], 0, 0, &a, NULL));
      g_assert_true (treaties_date_span_parse (ordered[i + 1], 0, 0, &b, NULL));
      g_test_message ("%s < %s", ordered[i], ordered[i + 1]);
      if (a.start == b.start)
        g_assert_cmpint (treaties_date_span_compare (&a, &b), <, 0);
      g_assert_cmpint (treaties_date_span_compare (&a, &b), <=, 0);
      g_assert_cmpint (treaties_date_span_compare (&b, &a), >=, 0);
      g_assert_cmpint (treaties_date_span_compare (&a, &a), ==, 0);
    }
}

static char *
format_text (const char *text)
{
  TreatiesDateSpan span;

  g_assert_true (treaties_date_span_parse (text, treaties_day_from_ymd (1918, 11, 11),
                                           treaties_day_from_ymd (1939, 9, 1), &span, NULL));
  return treaties_date_span_format (&span);
}

/* How each form is said, in English (the C locale). */
static void
test_span_wording (void)
{
  static const struct { const char *text, *words; } cases[] = {
    { "1931-10-29", "29 October 1931" },
    { "1931-04", "April 1931" },
    { "1931", "1931" },
    { "1931-04~", "about April 1931" },
    { "1931~", "about 1931" },
    { "1931-08-10~", "about 10 August 1931" },
    { "1931-04?", "April 1931 (uncertain)" },
    { "1931-04%", "about April 1931 (uncertain)" },
    { "1923/1925", "1923–1925" },
    { "1923~/1925", "about 1923 – 1925" },
    { "1925-10-05/1925-10-16", "5 October 1925 – 16 October 1925" },
    { "1923-01-11/1925-08?", "11 January 1923 – August 1925 (uncertain)" },
    { "../1939-09-01", "until 1 September 1939" },
    { "1929-07-24/..", "from 24 July 1929" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *words = format_text (cases[i].text);
      g_assert_cmpstr (words, ==, cases[i].words);
    }
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
  g_test_add_func ("/date/span/forms", test_span_forms);
  g_test_add_func ("/date/span/errors", test_span_errors);
  g_test_add_func ("/date/span/compare", test_span_compare);
  g_test_add_func ("/date/span/wording", test_span_wording);

  return g_test_run ();
}
