/* test-text-match.c: case- and accent-insensitive matching
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <locale.h>

#include "treaties-text-match.h"

/* The matched text, cut from @haystack by character offsets. */
static char *
matched (const char              *haystack,
         const TreatiesTextMatch *match)
{
  const char *start = g_utf8_offset_to_pointer (haystack, match->start);
  const char *end = g_utf8_offset_to_pointer (haystack, match->end);

  return g_strndup (start, end - start);
}

/* Asserts that @needle finds exactly @expected (NULL-terminated) in
 * @haystack, in order. */
static void
assert_finds (const char *haystack,
              const char *needle,
              ...)
{
  g_autoptr(GArray) matches = treaties_text_match_find_all (haystack, needle);
  va_list args;
  const char *expected;
  guint i = 0;

  va_start (args, needle);
  while ((expected = va_arg (args, const char *)) != NULL)
    {
      g_autofree char *text = NULL;

      if (i >= matches->len)
        g_error ("“%s” in “%s”: only %u matches, expected “%s” next", needle, haystack, matches->len, expected);
      text = matched (haystack, &g_array_index (matches, TreatiesTextMatch, i));
      g_assert_cmpstr (text, ==, expected);
      i++;
    }
  va_end (args);
  g_assert_cmpuint (matches->len, ==, i);
  g_assert_cmpint (treaties_text_match_contains (haystack, needle), ==, i > 0);
}

static void
test_case (void)
{
  assert_finds ("Litvinov signed the Litvinov Protocol.", "litvinov", "Litvinov", "Litvinov", NULL);
  assert_finds ("LITVINOV", "Litvinov", "LITVINOV", NULL);
  assert_finds ("Molotov–Ribbentrop", "RIBBENTROP", "Ribbentrop", NULL);
  /* Other scripts fold case too. */
  assert_finds ("Литвинов и ЛИТВИНОВ", "литвинов", "Литвинов", "ЛИТВИНОВ", NULL);
  assert_finds ("Σίσυφος", "ΣΙΣΥΦΟΣ", "Σίσυφος", NULL);
}

static void
test_accents (void)
{
  assert_finds ("Le Conseil d’État", "etat", "État", NULL);
  assert_finds ("München, 1938", "munchen", "München", NULL);
  assert_finds ("Édouard Herriot", "EDOUARD", "Édouard", NULL);
  assert_finds ("the Compiègne armistice", "compiegne", "Compiègne", NULL);
  /* The accented query finds the plain spelling as well. */
  assert_finds ("Munchen and München", "münchen", "Munchen", "München", NULL);
  /* Letters with strokes and ligatures. */
  assert_finds ("Łódź", "lodz", "Łódź", NULL);
  assert_finds ("une œuvre", "oeuvre", "œuvre", NULL);
  assert_finds ("Ørsted", "orsted", "Ørsted", NULL);
  /* Already decomposed text: the mark after the last letter is part of
   * the match. */
  assert_finds ("Pre\u0301vost", "pre", "Pre\u0301", NULL);
}

static void
test_sharp_s (void)
{
  assert_finds ("Wilhelmstraße", "strasse", "straße", NULL);
  assert_finds ("Wilhelmstrasse", "straße", "strasse", NULL);
  /* Half of an "ß" is the whole letter, once. */
  assert_finds ("Fuß", "s", "ß", NULL);
}

static void
test_offsets (void)
{
  const char *text = "Über État: État, etat";
  g_autoptr(GArray) matches = treaties_text_match_find_all (text, "état");

  /* Character offsets, not bytes. */
  g_assert_cmpuint (matches->len, ==, 3);
  g_assert_cmpuint (g_array_index (matches, TreatiesTextMatch, 0).start, ==, 5);
  g_assert_cmpuint (g_array_index (matches, TreatiesTextMatch, 0).end, ==, 9);
  g_assert_cmpuint (g_array_index (matches, TreatiesTextMatch, 1).start, ==, 11);
  g_assert_cmpuint (g_array_index (matches, TreatiesTextMatch, 2).start, ==, 17);
  g_assert_cmpuint (g_array_index (matches, TreatiesTextMatch, 2).end, ==, 21);

  /* Ligatures that expand map back onto one character. */
  assert_finds ("ﬁnal", "final", "ﬁnal", NULL);
  assert_finds ("ﬁnal", "inal", "ﬁnal", NULL);
}

static void
test_non_overlapping (void)
{
  assert_finds ("aaaa", "aa", "aa", "aa", NULL);
  assert_finds ("aaa", "aa", "aa", NULL);
}

static void
test_white_space (void)
{
  g_autoptr(GArray) empty = treaties_text_match_find_all ("some text", "");
  g_autoptr(GArray) blank = treaties_text_match_find_all ("some text", " \t\n ");
  g_autoptr(GArray) nbsp = treaties_text_match_find_all ("some\u00a0text", "\u00a0");

  g_assert_cmpuint (empty->len, ==, 0);
  g_assert_cmpuint (blank->len, ==, 0);
  g_assert_cmpuint (nbsp->len, ==, 0);
  g_assert_false (treaties_text_match_contains ("", ""));

  /* Leading and trailing space in the query is not part of it; runs of
   * space, no-break spaces and line breaks all match one space. */
  assert_finds ("Treaty of Berlin", " treaty ", "Treaty", NULL);
  assert_finds ("16\u00a0October 1925", "16 october", "16\u00a0October", NULL);
  assert_finds ("Treaty\nof  Berlin", "treaty of berlin", "Treaty\nof  Berlin", NULL);
  assert_finds ("no match here", "treaty", NULL);
}

static void
test_punctuation (void)
{
  assert_finds ("Kellogg–Briand Pact", "kellogg-briand", "Kellogg–Briand", NULL);
  assert_finds ("Editor’s note", "editor's", "Editor’s", NULL);
  /* Soft hyphens and zero-width spaces are not seen. */
  assert_finds ("neu\u00adtrality", "neutrality", "neu\u00adtrality", NULL);
}

static void
test_fold (void)
{
  g_autofree char *a = treaties_text_match_fold ("  Conseil  d’État\n ");
  g_autofree char *b = treaties_text_match_fold ("Straße");

  g_assert_cmpstr (a, ==, "conseil d'etat ");
  g_assert_cmpstr (b, ==, "strasse");
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/text-match/case", test_case);
  g_test_add_func ("/text-match/accents", test_accents);
  g_test_add_func ("/text-match/sharp-s", test_sharp_s);
  g_test_add_func ("/text-match/offsets", test_offsets);
  g_test_add_func ("/text-match/non-overlapping", test_non_overlapping);
  g_test_add_func ("/text-match/white-space", test_white_space);
  g_test_add_func ("/text-match/punctuation", test_punctuation);
  g_test_add_func ("/text-match/fold", test_fold);

  return g_test_run ();
}
