/* test-article.c: the article model, the loader and its limits
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

#include <glib/gstdio.h>

#include "treaties-article.h"
#include "treaties-limits.h"

static TreatiesArticle *
load_shipped (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "articles",
                                                 "france-ussr-neutrality-1931.treaty.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  TreatiesArticle *article;

  article = treaties_article_new_from_file (file, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (article);
  return article;
}

static TreatiesArticle *
load_string (const char  *json,
             GError     **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new (json, strlen (json));
  return treaties_article_new_from_bytes (bytes, "test.json", error);
}

/* The seed, as its author wrote it: the first line is the title, then the
 * opening paragraph, then headings and paragraphs. */
static char **
read_seed_lines (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "seed-article.txt", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  return g_strsplit (g_strstrip (contents), "\n", -1);
}

/* All of the author's text in reading order: title, then each section's
 * heading and blocks. Editor's notes and reading lists are not the author's. */
static char *
authors_text (TreatiesArticle *article)
{
  GListModel *outline = treaties_article_get_outline (article);
  GString *s = g_string_new (treaties_article_get_title (article));

  for (guint i = 0; i < g_list_model_get_n_items (outline); i++)
    {
      g_autoptr(TreatiesSection) section = g_list_model_get_item (outline, i);
      GListModel *blocks = treaties_section_get_blocks (section);

      g_string_append_printf (s, "\n%s", treaties_section_get_title (section));
      for (guint j = 0; j < g_list_model_get_n_items (blocks); j++)
        {
          g_autoptr(TreatiesBlock) block = g_list_model_get_item (blocks, j);
          g_autofree char *text = NULL;
          TreatiesBlockKind kind = treaties_block_get_kind (block);

          if (kind == TREATIES_BLOCK_EDITOR_NOTE || kind == TREATIES_BLOCK_READING_LIST)
            continue;
          text = treaties_block_dup_text (block);
          g_string_append_printf (s, "\n%s", text);
        }
    }
  return g_string_free (s, FALSE);
}

static void
test_shipped_loads (void)
{
  g_autoptr(TreatiesArticle) article = load_shipped ();
  g_auto(GStrv) seed = read_seed_lines ();
  g_autofree char *date_line = NULL;

  g_assert_cmpstr (treaties_article_get_title (article), ==, seed[0]);
  g_assert_cmpuint (treaties_article_get_date (article), ==, treaties_day_from_ymd (1931, 10, 29));
  date_line = treaties_article_dup_date_line (article);
  g_assert_nonnull (strstr (date_line, "1931"));
  g_assert_cmpuint (g_list_model_get_n_items (treaties_article_get_sections (article)), ==, 8);
  g_assert_cmpuint (g_list_model_get_n_items (treaties_article_get_outline (article)), ==, 10);
}

static void
test_shipped_headings (void)
{
  g_autoptr(TreatiesArticle) article = load_shipped ();
  const char *expected[] = {
    "Introduction",
    "The Background of the Treaty",
    "Objectives of the Neutrality Agreement",
    "Impact on International Relations",
    "Reactions to the Treaty",
    "Long-Term Consequences",
    "Fun Fact",
    "Unusual Timing of the Treaty",
    "Additional Resources",
    "Recommended Reading on the 1931 France-USSR Neutrality Treaty",
  };
  const guint depth[] = { 0, 0, 0, 0, 0, 0, 0, 1, 0, 1 };
  GListModel *outline = treaties_article_get_outline (article);

  g_assert_cmpuint (g_list_model_get_n_items (outline), ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autoptr(TreatiesSection) section = g_list_model_get_item (outline, i);

      g_assert_cmpstr (treaties_section_get_title (section), ==, expected[i]);
      g_assert_cmpuint (treaties_section_get_depth (section), ==, depth[i]);
      g_assert_true (treaties_article_lookup_section (article, treaties_section_get_id (section)) == section);
    }
}

/* Every line of the seed (title, headings, paragraphs) appears verbatim and
 * in order in the author's text. */
static void
test_shipped_verbatim (void)
{
  g_autoptr(TreatiesArticle) article = load_shipped ();
  g_auto(GStrv) seed = read_seed_lines ();
  g_autofree char *text = authors_text (article);
  const char *cursor = text;
  guint n_lines = 0;

  for (guint i = 0; seed[i] != NULL; i++)
    {
      const char *found;

      if (*g_strstrip (seed[i]) == '\0')
        continue;
      found = strstr (cursor, seed[i]);
      if (found == NULL)
        g_error ("seed line %u is missing or out of order: %s", i + 1, seed[i]);
      cursor = found + strlen (seed[i]);
      n_lines++;
    }
  g_assert_cmpuint (n_lines, ==, 18);
}

static void
test_shipped_timeline (void)
{
  g_autoptr(TreatiesArticle) article = load_shipped ();
  GListModel *events = treaties_article_get_events (article);
  GListModel *eras = treaties_article_get_eras (article);
  guint n_primary = 0;
  TreatiesDay previous = 0;
  struct { const char *date; const char *needle; } required[] = {
    { "1918-11-11", "Armistice" },
    { "1919-06-28", "Versailles" },
    { "1925-12-01", "Locarno" },
    { "1928-08-27", "Kellogg" },
    { "1931-08-10", "initialled" },
    { "1931-10-29", "neutrality" },
    { "1932-11-29", "Non-Aggression" },
    { "1939-08-23", "Molotov" },
    { "1939-09-01", "Poland" },
  };

  g_assert_cmpuint (treaties_article_get_timeline_start (article), ==, treaties_day_from_ymd (1918, 11, 11));
  g_assert_cmpuint (treaties_article_get_timeline_end (article), ==, treaties_day_from_ymd (1939, 9, 1));
  g_assert_cmpuint (g_list_model_get_n_items (events), >=, 27);
  g_assert_cmpuint (g_list_model_get_n_items (eras), >=, 3);

  for (guint i = 0; i < g_list_model_get_n_items (events); i++)
    {
      g_autoptr(TreatiesEvent) event = g_list_model_get_item (events, i);
      const char * const *sections = treaties_event_get_section_ids (event);

      g_assert_cmpuint (treaties_event_get_date (event), >=, previous);
      previous = treaties_event_get_date (event);
      g_assert_nonnull (treaties_event_get_description (event));
      g_assert_cmpuint (g_strv_length ((char **) sections), >, 0);
      for (guint j = 0; sections[j]; j++)
        g_assert_nonnull (treaties_article_lookup_section (article, sections[j]));
      if (treaties_event_get_primary (event))
        {
          n_primary++;
          g_assert_cmpuint (treaties_event_get_date (event), ==, treaties_day_from_ymd (1931, 10, 29));
        }
    }
  g_assert_cmpuint (n_primary, ==, 1);

  for (guint r = 0; r < G_N_ELEMENTS (required); r++)
    {
      TreatiesDay day;
      gboolean found = FALSE;

      g_assert_true (treaties_day_parse (required[r].date, &day));
      for (guint i = 0; i < g_list_model_get_n_items (events) && !found; i++)
        {
          g_autoptr(TreatiesEvent) event = g_list_model_get_item (events, i);
          found = treaties_event_get_date (event) == day &&
                  strstr (treaties_event_get_title (event), required[r].needle) != NULL;
        }
      if (!found)
        g_error ("no event \"%s\" on %s", required[r].needle, required[r].date);
    }
}

/* The article departs from the record: it must say so, apart from the text. */
static void
test_shipped_editor_notes (void)
{
  g_autoptr(TreatiesArticle) article = load_shipped ();
  GListModel *outline = treaties_article_get_outline (article);
  GString *notes = g_string_new (NULL);
  guint n_links = 0;

  for (guint i = 0; i < g_list_model_get_n_items (outline); i++)
    {
      g_autoptr(TreatiesSection) section = g_list_model_get_item (outline, i);
      GListModel *blocks = treaties_section_get_blocks (section);

      for (guint j = 0; j < g_list_model_get_n_items (blocks); j++)
        {
          g_autoptr(TreatiesBlock) block = g_list_model_get_item (blocks, j);

          for (guint k = 0; k < treaties_block_get_n_items (block); k++)
            {
              GPtrArray *runs = treaties_block_get_item (block, k);

              for (guint r = 0; r < runs->len; r++)
                if (((TreatiesRun *) g_ptr_array_index (runs, r))->href != NULL)
                  n_links++;
            }
          if (treaties_block_get_kind (block) == TREATIES_BLOCK_EDITOR_NOTE)
            {
              g_autofree char *text = treaties_block_dup_text (block);
              g_string_append (notes, text);
            }
        }
    }

  g_assert_nonnull (strstr (notes->str, "10 August 1931"));
  g_assert_nonnull (strstr (notes->str, "29 November 1932"));
  g_assert_nonnull (strstr (notes->str, "Weimar"));
  g_assert_nonnull (strstr (notes->str, "1933"));
  g_assert_cmpuint (n_links, >=, 3);
  g_string_free (notes, TRUE);
}

static void
test_shipped_reading_list (void)
{
  g_autoptr(TreatiesArticle) article = load_shipped ();
  TreatiesSection *section = treaties_article_lookup_section (article, "recommended-reading");
  GListModel *blocks;
  guint n_titles = 0;

  g_assert_nonnull (section);
  blocks = treaties_section_get_blocks (section);
  for (guint j = 0; j < g_list_model_get_n_items (blocks); j++)
    {
      g_autoptr(TreatiesBlock) block = g_list_model_get_item (blocks, j);
      GPtrArray *runs = treaties_block_get_item (block, 0);

      if (treaties_block_get_kind (block) != TREATIES_BLOCK_PARAGRAPH)
        continue;
      for (guint r = 0; r < runs->len; r++)
        {
          TreatiesRun *run = g_ptr_array_index (runs, r);
          if (run->style & TREATIES_RUN_TITLE)
            {
              g_assert_true (g_str_equal (run->text, "The Soviet Union and the Interwar Crisis") ||
                             g_str_equal (run->text, "The Diplomacy of the Second World War"));
              n_titles++;
            }
        }
    }
  g_assert_cmpuint (n_titles, ==, 2);
}

/* The second article, written for the app: the app is not tied to the seed. */
static void
test_locarno (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "articles",
                                                 "locarno-1925.treaty.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(TreatiesArticle) article = treaties_article_new_from_file (file, NULL, &error);
  GListModel *events;
  gboolean initialled = FALSE, signed_in_london = FALSE;

  g_assert_no_error (error);
  g_assert_nonnull (strstr (treaties_article_get_title (article), "Locarno"));
  g_assert_cmpuint (g_list_model_get_n_items (treaties_article_get_sections (article)), >=, 4);
  g_assert_cmpuint (g_list_model_get_n_items (treaties_article_get_sections (article)), <=, 6);

  events = treaties_article_get_events (article);
  for (guint i = 0; i < g_list_model_get_n_items (events); i++)
    {
      g_autoptr(TreatiesEvent) event = g_list_model_get_item (events, i);
      TreatiesDay day = treaties_event_get_date (event);

      if (day == treaties_day_from_ymd (1925, 10, 16) && treaties_event_get_primary (event))
        initialled = TRUE;
      if (day == treaties_day_from_ymd (1925, 12, 1))
        signed_in_london = TRUE;
      g_assert_cmpuint (g_strv_length ((char **) treaties_event_get_section_ids (event)), >, 0);
    }
  g_assert_true (initialled);
  g_assert_true (signed_in_london);
}

static void
test_markup_is_text (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TreatiesArticle) article =
    load_string ("{\"format\":1,\"id\":\"a\",\"title\":\"<b>Bold</b> & co\","
                 "\"sections\":[{\"id\":\"s\",\"title\":\"x\",\"blocks\":["
                 "{\"type\":\"paragraph\",\"text\":\"<i>not italic</i> &amp;\"}]}]}", &error);
  g_autoptr(TreatiesSection) section = NULL;
  g_autoptr(TreatiesBlock) block = NULL;
  g_autofree char *text = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (treaties_article_get_title (article), ==, "<b>Bold</b> & co");
  section = g_list_model_get_item (treaties_article_get_sections (article), 0);
  block = g_list_model_get_item (treaties_section_get_blocks (section), 0);
  text = treaties_block_dup_text (block);
  g_assert_cmpstr (text, ==, "<i>not italic</i> &amp;");
}

static void
test_events_sorted_stably (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TreatiesArticle) article =
    load_string ("{\"format\":1,\"id\":\"a\",\"title\":\"t\","
                 "\"sections\":[{\"id\":\"s\",\"title\":\"x\",\"blocks\":[]}],"
                 "\"timeline\":{\"start\":\"1920-01-01\",\"end\":\"1930-01-01\",\"events\":["
                 "{\"id\":\"c\",\"date\":\"1925-01-01\",\"title\":\"C\"},"
                 "{\"id\":\"a\",\"date\":\"1921-01-01\",\"title\":\"A\"},"
                 "{\"id\":\"d\",\"date\":\"1925-01-01\",\"title\":\"D\"},"
                 "{\"id\":\"b\",\"date\":\"1922-01-01\",\"title\":\"B\",\"sections\":[\"s\"]}]}}", &error);
  GListModel *events;
  const char *order = "abcd";
  g_autoptr(GPtrArray) for_s = NULL;

  g_assert_no_error (error);
  events = treaties_article_get_events (article);
  g_assert_cmpuint (g_list_model_get_n_items (events), ==, 4);
  for (guint i = 0; i < 4; i++)
    {
      g_autoptr(TreatiesEvent) event = g_list_model_get_item (events, i);
      g_assert_cmpint (treaties_event_get_id (event)[0], ==, order[i]);
    }
  for_s = treaties_article_dup_events_for_section (article, "s");
  g_assert_cmpuint (for_s->len, ==, 1);
  g_assert_cmpstr (treaties_event_get_id (g_ptr_array_index (for_s, 0)), ==, "b");
}

/* A section's events, as positions in the sorted events: date order, each
 * event once even when it names the section twice, none for a section no
 * event names. */
static void
test_events_of_section (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TreatiesArticle) article =
    load_string ("{\"format\":1,\"id\":\"a\",\"title\":\"t\","
                 "\"sections\":[{\"id\":\"s\",\"title\":\"x\",\"blocks\":[]},"
                 "{\"id\":\"u\",\"title\":\"y\",\"blocks\":[]},"
                 "{\"id\":\"v\",\"title\":\"z\",\"blocks\":[]}],"
                 "\"timeline\":{\"start\":\"1920-01-01\",\"end\":\"1930-01-01\",\"events\":["
                 "{\"id\":\"c\",\"date\":\"1925-01-01\",\"title\":\"C\",\"sections\":[\"s\",\"u\"]},"
                 "{\"id\":\"a\",\"date\":\"1921-01-01\",\"title\":\"A\",\"sections\":[\"u\"]},"
                 "{\"id\":\"d\",\"date\":\"1926-01-01\",\"title\":\"D\"},"
                 "{\"id\":\"b\",\"date\":\"1922-01-01\",\"title\":\"B\",\"sections\":[\"s\",\"s\"]}]}}", &error);
  GListModel *events;
  const guint *positions;
  guint n;

  g_assert_no_error (error);
  events = treaties_article_get_events (article);

  positions = treaties_article_get_section_event_positions (article, "s", &n);
  g_assert_cmpuint (n, ==, 2);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TreatiesEvent) event = g_list_model_get_item (events, positions[i]);
      g_assert_cmpstr (treaties_event_get_id (event), ==, i == 0 ? "b" : "c");
    }
  positions = treaties_article_get_section_event_positions (article, "u", &n);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpuint (positions[0], <, positions[1]);
  g_assert_null (treaties_article_get_section_event_positions (article, "v", &n));
  g_assert_cmpuint (n, ==, 0);
  g_assert_null (treaties_article_get_section_event_positions (article, "nowhere", &n));
  g_assert_cmpuint (n, ==, 0);
}

/* Spans and reduced precision load, keep what they were written with, and
 * sort by start, then end; open ends lie at the range's ends. */
static void
test_events_spans (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TreatiesArticle) article =
    load_string ("{\"format\":1,\"id\":\"a\",\"title\":\"t\","
                 "\"sections\":[{\"id\":\"s\",\"title\":\"x\",\"blocks\":[]}],"
                 "\"timeline\":{\"start\":\"1920-01-01\",\"end\":\"1930-01-01\","
                 "\"eras\":[{\"id\":\"r\",\"title\":\"R\",\"start\":\"1923-01~\",\"end\":\"1925?\"}],"
                 "\"events\":["
                 "{\"id\":\"y\",\"date\":\"1925\",\"title\":\"Y\"},"
                 "{\"id\":\"o\",\"date\":\"../1921-06-30\",\"title\":\"O\"},"
                 "{\"id\":\"m\",\"date\":\"1925-01~\",\"title\":\"M\"},"
                 "{\"id\":\"d\",\"date\":\"1925-01-01\",\"title\":\"D\"},"
                 "{\"id\":\"i\",\"date\":\"1925-10-05/1925-10-16\",\"title\":\"I\"},"
                 "{\"id\":\"f\",\"date\":\"1929-07-24/..\",\"title\":\"F\"}]}}", &error);
  GListModel *events;
  const char *order = "odmyif";
  g_autoptr(TreatiesEvent) open_start = NULL;
  g_autoptr(TreatiesEvent) month = NULL;
  g_autoptr(TreatiesEvent) open_end = NULL;
  g_autoptr(TreatiesEra) era = NULL;
  const TreatiesDateSpan *span;

  g_assert_no_error (error);
  events = treaties_article_get_events (article);
  g_assert_cmpuint (g_list_model_get_n_items (events), ==, 6);
  for (guint i = 0; i < 6; i++)
    {
      g_autoptr(TreatiesEvent) event = g_list_model_get_item (events, i);
      g_assert_cmpint (treaties_event_get_id (event)[0], ==, order[i]);
      /* get_date() is the first day, for callers that know only days. */
      g_assert_cmpuint (treaties_event_get_date (event), ==, treaties_event_get_span (event)->start);
    }

  open_start = g_list_model_get_item (events, 0);
  span = treaties_event_get_span (open_start);
  g_assert_true (span->open_start);
  g_assert_cmpuint (span->start, ==, treaties_day_from_ymd (1920, 1, 1));
  g_assert_cmpuint (span->end, ==, treaties_day_from_ymd (1921, 6, 30));

  month = g_list_model_get_item (events, 2);
  span = treaties_event_get_span (month);
  g_assert_cmpuint (span->start, ==, treaties_day_from_ymd (1925, 1, 1));
  g_assert_cmpuint (span->end, ==, treaties_day_from_ymd (1925, 1, 31));
  g_assert_cmpuint (span->start_precision, ==, TREATIES_DATE_PRECISION_MONTH);
  g_assert_cmpuint (span->start_qualifier, ==, TREATIES_DATE_QUALIFIER_APPROXIMATE);

  open_end = g_list_model_get_item (events, 5);
  span = treaties_event_get_span (open_end);
  g_assert_true (span->open_end);
  g_assert_cmpuint (span->end, ==, treaties_day_from_ymd (1930, 1, 1));

  era = g_list_model_get_item (treaties_article_get_eras (article), 0);
  span = treaties_era_get_span (era);
  g_assert_cmpuint (treaties_era_get_start (era), ==, treaties_day_from_ymd (1923, 1, 1));
  g_assert_cmpuint (treaties_era_get_end (era), ==, treaties_day_from_ymd (1925, 12, 31));
  g_assert_cmpuint (span->start_qualifier, ==, TREATIES_DATE_QUALIFIER_APPROXIMATE);
  g_assert_cmpuint (span->end_qualifier, ==, TREATIES_DATE_QUALIFIER_UNCERTAIN);
  g_assert_cmpuint (span->end_precision, ==, TREATIES_DATE_PRECISION_YEAR);
}

/* The test article with spans (tests/data/spans-1925.treaty.json, for
 * looking at them) loads, each of its events marked in the text. */
static void
test_spans_article (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "spans-1925.treaty.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(TreatiesArticle) article = treaties_article_new_from_file (file, NULL, &error);
  GListModel *events;
  guint n_long = 0, n_qualified = 0;

  g_assert_no_error (error);
  events = treaties_article_get_events (article);
  for (guint i = 0; i < g_list_model_get_n_items (events); i++)
    {
      g_autoptr(TreatiesEvent) event = g_list_model_get_item (events, i);
      const TreatiesDateSpan *span = treaties_event_get_span (event);

      n_long += treaties_date_span_is_long (span);
      n_qualified += treaties_date_span_is_qualified (span);
      g_assert_true (treaties_article_is_event_marked (article, event));
    }
  g_assert_cmpuint (n_long, ==, 10);
  g_assert_cmpuint (n_qualified, ==, 4);
}

/* Marks in two sections and a subsection, adjacent marks, text before a
 * mark that has more bytes than characters. */
static const char *passages_json =
  "{\"format\":1,\"id\":\"a\",\"title\":\"t\",\"sections\":["
  " {\"id\":\"s1\",\"title\":\"One\",\"blocks\":["
  "  {\"type\":\"paragraph\",\"text\":[\"\xc3\x89" "bauche \xe2\x80\x94 \",{\"text\":\"Rapallo\",\"event\":\"r\"},\" then \","
  "   {\"text\":\"Locarno\",\"event\":\"l\",\"style\":\"emphasis\"},{\"text\":\" pact\",\"event\":\"l\"},\".\"]},"
  "  {\"type\":\"list\",\"items\":[\"plain\",[\"x \",{\"text\":\"Rapallo again\",\"event\":\"r\"}]]}],"
  "  \"subsections\":[{\"id\":\"s1a\",\"title\":\"One A\",\"blocks\":["
  "   {\"type\":\"paragraph\",\"text\":[{\"text\":\"Locarno\",\"event\":\"l\"}]}]}]},"
  " {\"id\":\"s2\",\"title\":\"Two\",\"blocks\":["
  "  {\"type\":\"paragraph\",\"text\":[{\"text\":\"Rapallo\",\"event\":\"r\"},{\"text\":\"Locarno\",\"event\":\"l\"}]}]}],"
  "\"timeline\":{\"start\":\"1918-11-11\",\"end\":\"1939-09-01\",\"events\":["
  " {\"id\":\"n\",\"date\":\"1930-01-01\",\"title\":\"Nowhere\"},"
  " {\"id\":\"u\",\"date\":\"1928-01-01\",\"title\":\"Unmarked\",\"sections\":[\"s2\",\"s1\"]},"
  " {\"id\":\"l\",\"date\":\"1925-12-01\",\"title\":\"Locarno\",\"sections\":[\"s2\"]},"
  " {\"id\":\"r\",\"date\":\"1922-04-16\",\"title\":\"Rapallo\",\"sections\":[\"s2\"]}]}}";

typedef struct
{
  const char *section;
  guint block, item, run_start, run_end, start, end;
  const char *words;
} ExpectedPassage;

static void
assert_passages (TreatiesArticle       *article,
                 const char            *event_id,
                 const ExpectedPassage *expected,
                 guint                  n_expected)
{
  TreatiesEvent *event = treaties_article_lookup_event (article, event_id);
  GPtrArray *passages;

  g_assert_nonnull (event);
  passages = treaties_article_get_passages (article, event);
  g_assert_cmpuint (passages->len, ==, n_expected);
  /* The same array each time: the article owns it. */
  g_assert_true (treaties_article_get_passages (article, event) == passages);
  for (guint i = 0; i < n_expected; i++)
    {
      const TreatiesPassage *p = g_ptr_array_index (passages, i);
      const ExpectedPassage *e = &expected[i];
      g_autoptr(TreatiesBlock) block = NULL;
      g_autofree char *plain = NULL;
      g_autofree char *words = NULL;
      GString *runs_text = g_string_new (NULL);

      g_assert_cmpstr (treaties_section_get_id (p->section), ==, e->section);
      g_assert_true (p->marked);
      g_assert_cmpuint (p->block, ==, e->block);
      g_assert_cmpuint (p->item, ==, e->item);
      g_assert_cmpuint (p->run_start, ==, e->run_start);
      g_assert_cmpuint (p->run_end, ==, e->run_end);
      g_assert_cmpuint (p->start, ==, e->start);
      g_assert_cmpuint (p->end, ==, e->end);

      /* The offsets are characters of the item's plain text, and the runs
       * are the marked words. */
      block = g_list_model_get_item (treaties_section_get_blocks (p->section), p->block);
      plain = treaties_runs_to_plain (treaties_block_get_item (block, p->item));
      words = g_utf8_substring (plain, p->start, p->end);
      g_assert_cmpstr (words, ==, e->words);
      for (guint r = p->run_start; r < p->run_end; r++)
        {
          const TreatiesRun *run = g_ptr_array_index (treaties_block_get_item (block, p->item), r);

          g_assert_cmpstr (run->event_id, ==, event_id);
          g_string_append (runs_text, run->text);
        }
      g_assert_cmpstr (runs_text->str, ==, e->words);
      g_string_free (runs_text, TRUE);
    }
}

static void
test_passages_from_marks (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TreatiesArticle) article = load_string (passages_json, &error);
  const ExpectedPassage rapallo[] = {
    { "s1", 0, 0, 1, 2, 10, 17, "Rapallo" },
    { "s1", 1, 1, 1, 2, 2, 15, "Rapallo again" },
    { "s2", 0, 0, 0, 1, 0, 7, "Rapallo" },
  };
  /* Two adjacent runs of one event are one passage; adjacent runs of two
   * events are two. */
  const ExpectedPassage locarno[] = {
    { "s1", 0, 0, 3, 5, 23, 35, "Locarno pact" },
    { "s1a", 0, 0, 0, 1, 0, 7, "Locarno" },
    { "s2", 0, 0, 1, 2, 7, 14, "Locarno" },
  };
  g_autoptr(TreatiesSection) s1 = NULL;
  g_autoptr(TreatiesBlock) block = NULL;
  const TreatiesRun *run;

  g_assert_no_error (error);
  assert_passages (article, "r", rapallo, G_N_ELEMENTS (rapallo));
  assert_passages (article, "l", locarno, G_N_ELEMENTS (locarno));
  g_assert_true (treaties_article_is_event_marked (article, treaties_article_lookup_event (article, "r")));

  /* The mark is on the run, with its style; unmarked runs have none. */
  s1 = g_list_model_get_item (treaties_article_get_sections (article), 0);
  block = g_list_model_get_item (treaties_section_get_blocks (s1), 0);
  run = g_ptr_array_index (treaties_block_get_item (block, 0), 3);
  g_assert_cmpstr (run->event_id, ==, "l");
  g_assert_cmpint (run->style, ==, TREATIES_RUN_EMPHASIS);
  g_assert_null (run->href);
  run = g_ptr_array_index (treaties_block_get_item (block, 0), 0);
  g_assert_null (run->event_id);
}

static void
test_passages_fallback (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TreatiesArticle) article = load_string (passages_json, &error);
  TreatiesEvent *unmarked, *nowhere;
  g_autoptr(GPtrArray) missing = NULL;
  GPtrArray *passages;

  g_assert_no_error (error);
  unmarked = treaties_article_lookup_event (article, "u");
  nowhere = treaties_article_lookup_event (article, "n");
  g_assert_false (treaties_article_is_event_marked (article, unmarked));

  /* Whole sections, in the order the event names them. */
  passages = treaties_article_get_passages (article, unmarked);
  g_assert_cmpuint (passages->len, ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      const TreatiesPassage *p = g_ptr_array_index (passages, i);

      g_assert_cmpstr (treaties_section_get_id (p->section), ==, i == 0 ? "s2" : "s1");
      g_assert_false (p->marked);
      g_assert_cmpuint (p->block, ==, 0);
      g_assert_cmpuint (p->start, ==, 0);
      g_assert_cmpuint (p->end, ==, 0);
    }
  g_assert_true (treaties_article_get_passages (article, unmarked) == passages);
  g_assert_cmpuint (treaties_article_get_passages (article, nowhere)->len, ==, 0);

  /* Events marked nowhere, in date order. */
  missing = treaties_article_dup_unmarked_events (article);
  g_assert_cmpuint (missing->len, ==, 2);
  g_assert_true (g_ptr_array_index (missing, 0) == unmarked);
  g_assert_true (g_ptr_array_index (missing, 1) == nowhere);
}

typedef struct
{
  TreatiesArticle *article;
  GPtrArray       *seen;     /* the arrays each event got, in date order */
} PassageThread;

static gpointer
passages_thread (gpointer data)
{
  PassageThread *t = data;
  GListModel *events = treaties_article_get_events (t->article);

  for (guint e = 0; e < g_list_model_get_n_items (events); e++)
    {
      g_autoptr(TreatiesEvent) event = g_list_model_get_item (events, e);

      g_ptr_array_add (t->seen, treaties_article_get_passages (t->article, event));
    }
  return NULL;
}

/* Threads sharing an article (the PDF export runs on a worker) that ask for
 * passages at once all get the same ones, made once. */
static void
test_passages_threads (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TreatiesArticle) article = load_string (passages_json, &error);
  PassageThread threads[4];
  GThread *handles[G_N_ELEMENTS (threads)];
  GListModel *events;

  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    {
      threads[i].article = article;
      threads[i].seen = g_ptr_array_new ();
      handles[i] = g_thread_new ("passages", passages_thread, &threads[i]);
    }
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    g_thread_join (handles[i]);

  events = treaties_article_get_events (article);
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    {
      g_assert_cmpuint (threads[i].seen->len, ==, g_list_model_get_n_items (events));
      for (guint e = 0; e < threads[i].seen->len; e++)
        {
          g_autoptr(TreatiesEvent) event = g_list_model_get_item (events, e);

          g_assert_true (g_ptr_array_index (threads[i].seen, e) == treaties_article_get_passages (article, event));
        }
      g_ptr_array_unref (threads[i].seen);
    }
}

static void
test_passage_boxed (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TreatiesArticle) article = load_string (passages_json, &error);
  GPtrArray *passages;
  g_autoptr(TreatiesPassage) copy = NULL;

  g_assert_no_error (error);
  passages = treaties_article_get_passages (article, treaties_article_lookup_event (article, "r"));
  copy = g_boxed_copy (TREATIES_TYPE_PASSAGE, g_ptr_array_index (passages, 1));
  g_assert_true (treaties_passage_equal (copy, g_ptr_array_index (passages, 1)));
  g_assert_false (treaties_passage_equal (copy, g_ptr_array_index (passages, 0)));
}

/* An article with @date_note and @author (or without, for NULL). */
static TreatiesArticle *
load_dated (const char *date_note,
            const char *author)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *note = date_note ? g_strdup_printf ("\"date_note\":\"%s\",", date_note) : g_strdup ("");
  g_autofree char *by = author ? g_strdup_printf ("\"author\":\"%s\",", author) : g_strdup ("");
  g_autofree char *json =
    g_strdup_printf ("{\"format\":1,\"id\":\"a\",\"title\":\"t\",\"date\":\"1931-10-29\",%s%s"
                     "\"sections\":[{\"id\":\"s1\",\"title\":\"x\",\"blocks\":[]},"
                     "{\"id\":\"s2\",\"title\":\"Introduction\",\"blocks\":"
                     "[{\"type\":\"editor-note\",\"text\":\"Disputed.\"}]}]}", note, by);
  TreatiesArticle *article = load_string (json, &error);

  g_assert_no_error (error);
  return article;
}

/* A disputed date is never shown as a fact; the byline is shown. */
static void
test_date_line_and_subtitle (void)
{
  g_autoptr(TreatiesArticle) plain = load_dated (NULL, NULL);
  g_autoptr(TreatiesArticle) disputed = load_dated ("s2", NULL);
  g_autoptr(TreatiesArticle) by = load_dated (NULL, "A. Writer");
  g_autoptr(TreatiesArticle) both = load_dated ("s2", "A. Writer");
  g_autofree char *plain_line = treaties_article_dup_date_line (plain);
  g_autofree char *plain_subtitle = treaties_article_dup_subtitle (plain);
  g_autofree char *disputed_line = treaties_article_dup_date_line (disputed);
  g_autofree char *disputed_subtitle = treaties_article_dup_subtitle (disputed);
  g_autofree char *by_subtitle = treaties_article_dup_subtitle (by);
  g_autofree char *both_subtitle = treaties_article_dup_subtitle (both);
  g_autoptr(GError) error = NULL;
  g_autoptr(TreatiesArticle) undated =
    load_string ("{\"format\":1,\"id\":\"a\",\"title\":\"t\",\"author\":\"A. Writer\","
                 "\"sections\":[{\"id\":\"s\",\"title\":\"x\",\"blocks\":[]}]}", &error);
  g_autofree char *undated_subtitle = NULL;

  g_assert_cmpstr (plain_line, ==, "29 October 1931");
  g_assert_cmpstr (plain_subtitle, ==, "29 October 1931");
  g_assert_cmpstr (disputed_line, ==,
                   "29 October 1931, as the article dates it — see the editor’s note in “Introduction”");
  g_assert_cmpstr (disputed_subtitle, ==, "The article’s dating: 29 October 1931 — see the editor’s note");
  g_assert_cmpstr (by_subtitle, ==, "29 October 1931 · by A. Writer");
  g_assert_cmpstr (both_subtitle, ==,
                   "The article’s dating: 29 October 1931 — see the editor’s note · by A. Writer");
  g_assert_no_error (error);
  g_assert_null (treaties_article_dup_date_line (undated));
  undated_subtitle = treaties_article_dup_subtitle (undated);
  g_assert_cmpstr (undated_subtitle, ==, "by A. Writer");
}

static void
test_date_note (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TreatiesArticle) article =
    load_string ("{\"format\":1,\"id\":\"a\",\"title\":\"t\",\"date\":\"1931-10-29\",\"date_note\":\"s2\","
                 "\"sections\":[{\"id\":\"s1\",\"title\":\"x\",\"blocks\":[]},"
                 "{\"id\":\"s2\",\"title\":\"y\",\"blocks\":[{\"type\":\"editor-note\",\"text\":\"Disputed.\"}]}]}",
                 &error);
  g_autoptr(TreatiesArticle) plain = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (treaties_section_get_id (treaties_article_get_date_note (article)), ==, "s2");
  plain = load_string ("{\"format\":1,\"id\":\"a\",\"title\":\"t\",\"date\":\"1931-10-29\","
                       "\"sections\":[{\"id\":\"s1\",\"title\":\"x\",\"blocks\":[]}]}", &error);
  g_assert_no_error (error);
  g_assert_null (treaties_article_get_date_note (plain));
}

/* The editor's summary: kept as written, blank is none, a number is an
 * error at its key. */
static void
test_summary (void)
{
  static const char *head = "{\"format\":1,\"id\":\"a\",\"title\":\"t\",";
  static const char *tail = "\"sections\":[{\"id\":\"s1\",\"title\":\"x\",\"blocks\":[]}]}";
  g_autoptr(GError) error = NULL;
  g_autofree char *with = g_strconcat (head, "\"summary\":\"One line.\",", tail, NULL);
  g_autofree char *blank = g_strconcat (head, "\"summary\":\"  \",", tail, NULL);
  g_autofree char *without = g_strconcat (head, tail, NULL);
  g_autofree char *number = g_strconcat (head, "\"summary\":3,", tail, NULL);
  g_autoptr(TreatiesArticle) article = load_string (with, &error);
  g_autoptr(TreatiesArticle) blank_article = NULL;
  g_autoptr(TreatiesArticle) plain = NULL;
  g_autoptr(TreatiesArticle) bad = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (treaties_article_get_summary (article), ==, "One line.");
  blank_article = load_string (blank, &error);
  g_assert_no_error (error);
  g_assert_null (treaties_article_get_summary (blank_article));
  plain = load_string (without, &error);
  g_assert_no_error (error);
  g_assert_null (treaties_article_get_summary (plain));
  bad = load_string (number, &error);
  g_assert_null (bad);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "summary"));
}

static void
test_warnings (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TreatiesArticle) article = load_string (passages_json, &error);
  g_autoptr(TreatiesArticle) marked = NULL;
  g_auto(GStrv) warnings = NULL;
  g_auto(GStrv) none = NULL;

  g_assert_no_error (error);
  /* In the file's order, which is not the date order, with the file's index. */
  warnings = treaties_article_dup_warnings (article);
  g_assert_cmpuint (g_strv_length (warnings), ==, 2);
  g_assert_cmpstr (warnings[0], ==,
                   "timeline.events[0]: the event \"n\" is marked nowhere in the text and names no section, "
                   "so it leads nowhere: mark the words that tell of it");
  g_assert_cmpstr (warnings[1], ==,
                   "timeline.events[1]: the event \"u\" is marked nowhere in the text, "
                   "so it leads only to whole sections: mark the words that tell of it");

  marked = load_string ("{\"format\":1,\"id\":\"a\",\"title\":\"t\",\"sections\":[{\"id\":\"s\",\"title\":\"x\","
                        "\"blocks\":[{\"type\":\"paragraph\",\"text\":[{\"text\":\"E\",\"event\":\"e\"}]}]}],"
                        "\"timeline\":{\"start\":\"1920-01-01\",\"end\":\"1930-01-01\",\"events\":["
                        "{\"id\":\"e\",\"date\":\"1925-01-01\",\"title\":\"E\"}]}}", &error);
  g_assert_no_error (error);
  none = treaties_article_dup_warnings (marked);
  g_assert_cmpuint (g_strv_length (none), ==, 0);
}

/* Marks that share no word with their event ------------------------------- */

/* Words too common in this history to tie words to one event. */
static const char *const common_words[] = {
  "after", "against", "also", "agreement", "among", "because", "been", "before", "between",
  "both", "during", "each", "first", "from", "have", "into", "more", "other", "over",
  "pact", "signed", "signs", "than", "that", "their", "them", "then", "there", "these",
  "they", "this", "those", "treaty", "treaties", "under", "were", "what", "when", "where",
  "which", "while", "with", "would", NULL
};

/* The significant words of @text: case-folded, accents dropped, split at
 * anything but letters, at least four letters, not a common word. */
static GPtrArray *
significant_words (const char *text)
{
  g_autofree char *folded = g_utf8_casefold (text, -1);
  g_autofree char *decomposed = g_utf8_normalize (folded, -1, G_NORMALIZE_NFKD);
  GPtrArray *words = g_ptr_array_new_with_free_func (g_free);
  GString *word = g_string_new (NULL);

  for (const char *p = decomposed;; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c != 0 && g_unichar_ismark (c))
        continue;
      if (c != 0 && g_unichar_isalpha (c))
        {
          g_string_append_unichar (word, c);
          continue;
        }
      if (g_utf8_strlen (word->str, -1) >= 4 && !g_strv_contains (common_words, word->str))
        g_ptr_array_add (words, g_strdup (word->str));
      g_string_truncate (word, 0);
      if (c == 0)
        break;
    }
  g_string_free (word, TRUE);
  return words;
}

/* The same word, or the same stem: "Soviet" and "Soviets", "German" and
 * "Germany" (five letters in common, or the whole of a four-letter word). */
static gboolean
words_match (const char *a,
             const char *b)
{
  gsize n = 0;

  while (a[n] != '\0' && a[n] == b[n])
    n++;
  return (a[n] == '\0' && b[n] == '\0') || n >= 5;
}

static gboolean
mark_shares_a_word (const char    *words,
                    TreatiesEvent *event)
{
  g_autoptr(GPtrArray) marked = significant_words (words);
  g_autofree char *about = g_strconcat (treaties_event_get_title (event), " ",
                                        treaties_event_get_description (event) ? treaties_event_get_description (event) : "",
                                        NULL);
  g_autoptr(GPtrArray) event_words = significant_words (about);

  for (guint i = 0; i < marked->len; i++)
    for (guint j = 0; j < event_words->len; j++)
      if (words_match (g_ptr_array_index (marked, i), g_ptr_array_index (event_words, j)))
        return TRUE;
  return FALSE;
}

/* One line per mark of @article whose words share none with its event's
 * title or description, into @problems; returns the number of marks. */
static guint
check_mark_words (TreatiesArticle *article,
                  const char      *name,
                  GString         *problems)
{
  GListModel *events = treaties_article_get_events (article);
  guint n_marks = 0;

  for (guint e = 0; e < g_list_model_get_n_items (events); e++)
    {
      g_autoptr(TreatiesEvent) event = g_list_model_get_item (events, e);
      GPtrArray *passages = treaties_article_get_passages (article, event);

      for (guint p = 0; p < passages->len; p++)
        {
          const TreatiesPassage *passage = g_ptr_array_index (passages, p);
          g_autoptr(TreatiesBlock) block = NULL;
          g_autofree char *plain = NULL;
          g_autofree char *words = NULL;

          if (!passage->marked)
            continue;
          block = g_list_model_get_item (treaties_section_get_blocks (passage->section), passage->block);
          plain = treaties_runs_to_plain (treaties_block_get_item (block, passage->item));
          words = g_utf8_substring (plain, passage->start, passage->end);
          n_marks++;
          if (!mark_shares_a_word (words, event))
            g_string_append_printf (problems, "%s: section \"%s\": \"%s\" is marked for \"%s\" (%s), "
                                    "but shares no word with its title or description\n",
                                    name, treaties_section_get_id (passage->section), words,
                                    treaties_event_get_id (event), treaties_event_get_title (event));
        }
    }
  return n_marks;
}

/* Every article in data/articles/, whatever they are: a cheap guard
 * against a mark on the wrong event. */
static void
test_shipped_marks_share_a_word (void)
{
  g_autofree char *dir_path = g_test_build_filename (G_TEST_DIST, "..", "data", "articles", NULL);
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  g_autoptr(GString) problems = g_string_new (NULL);
  const char *name;
  guint n_files = 0, n_marks = 0;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = NULL;
      g_autoptr(GFile) file = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(TreatiesArticle) article = NULL;

      if (!g_str_has_suffix (name, ".json"))
        continue;
      path = g_build_filename (dir_path, name, NULL);
      file = g_file_new_for_path (path);
      article = treaties_article_new_from_file (file, NULL, &error);
      g_assert_no_error (error);
      n_marks += check_mark_words (article, name, problems);
      n_files++;
    }
  g_test_message ("%u marks in %u articles", n_marks, n_files);
  g_assert_cmpuint (n_files, >=, 2);
  if (problems->len > 0)
    g_error ("marks on the wrong event?\n%s", problems->str);
}

/* The guard itself: it finds the wrong mark, and only that one. */
static void
test_wrong_mark_caught (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "marks", "wrong-mark.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(TreatiesArticle) article = treaties_article_new_from_file (file, NULL, &error);
  g_autoptr(GString) problems = g_string_new (NULL);
  g_auto(GStrv) lines = NULL;

  g_assert_no_error (error);
  /* "the Treaty of Rapallo" shares its title, "the Soviets" a stem of its
   * description; "1922" has no word, and the crash none of Rapallo's. */
  g_assert_cmpuint (check_mark_words (article, "wrong-mark.json", problems), ==, 4);
  lines = g_strsplit (g_strstrip (problems->str), "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 2);
  g_assert_cmpstr (lines[0], ==, "wrong-mark.json: section \"s\": \"the crash on Wall Street\" is marked for "
                                 "\"rapallo\" (Treaty of Rapallo), but shares no word with its title or description");
  g_assert_nonnull (strstr (lines[1], "\"1922\" is marked for \"ussr\""));

  g_assert_true (words_match ("soviet", "soviets"));
  g_assert_true (words_match ("germany", "german"));
  g_assert_false (words_match ("france", "french"));
}

/* tests/data/invalid/NAME.json must fail with the code and every line of
 * NAME.expected: the first line is the error code, each further line a
 * problem that must appear in the message, whole. */
static void
test_invalid_corpus (void)
{
  g_autofree char *dir_path = g_test_build_filename (G_TEST_DIST, "data", "invalid", NULL);
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  const char *codes[] = { "IO", "ENCODING", "LIMIT", "SYNTAX", "VERSION", "STRUCTURE", "REFERENCE" };
  const char *name;
  guint n_cases = 0;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *base = NULL;
      g_autofree char *json_path = NULL;
      g_autofree char *expected_path = NULL;
      g_autofree char *expected = NULL;
      g_autoptr(GFile) file = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(TreatiesArticle) article = NULL;
      g_auto(GStrv) lines = NULL;
      g_autofree char *message = NULL;
      gboolean code_found = FALSE;

      if (!g_str_has_suffix (name, ".expected"))
        continue;
      base = g_strndup (name, strlen (name) - strlen (".expected"));
      json_path = g_strdup_printf ("%s/%s.json", dir_path, base);
      expected_path = g_build_filename (dir_path, name, NULL);
      g_file_get_contents (expected_path, &expected, NULL, &error);
      g_assert_no_error (error);
      lines = g_strsplit (g_strstrip (expected), "\n", -1);

      file = g_file_new_for_path (json_path);
      article = treaties_article_new_from_file (file, NULL, &error);
      if (article != NULL)
        g_error ("%s.json loaded but should have failed", base);
      g_assert_error (error, TREATIES_ARTICLE_ERROR, error->code);
      for (guint c = 0; c < G_N_ELEMENTS (codes); c++)
        if (g_str_equal (lines[0], codes[c]))
          {
            code_found = TRUE;
            if ((guint) error->code != c)
              g_error ("%s.json: expected code %s, got %s\n%s", base, lines[0], codes[error->code], error->message);
          }
      g_assert_true (code_found);

      /* Messages name the file as the user gave it; compare without the folder. */
      message = g_strdup (error->message);
      for (guint i = 1; lines[i]; i++)
        {
          g_autofree char *needle = g_strdup_printf ("%s.json%s", base, lines[i]);
          if (strstr (message, needle) == NULL)
            g_error ("%s.json: expected problem\n  %s\nnot found in\n%s", base, needle, message);
        }
      n_cases++;
    }
  g_assert_cmpuint (n_cases, >=, 20);
}

/* Hostile input, made here rather than shipped as big files. */
static void
expect_failure (GBytes               *bytes,
                TreatiesArticleError  code,
                const char           *needle)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TreatiesArticle) article = treaties_article_new_from_bytes (bytes, "hostile.json", &error);

  g_assert_null (article);
  g_assert_error (error, TREATIES_ARTICLE_ERROR, (int) code);
  if (strstr (error->message, needle) == NULL)
    g_error ("expected \"%s\" in \"%s\"", needle, error->message);
}

static void
test_hostile_deep_nesting (void)
{
  gsize depth = 100000;
  GString *s = g_string_new ("{\"format\":1,\"id\":\"a\",\"title\":\"t\",\"sections\":");
  g_autoptr(GBytes) bytes = NULL;

  for (gsize i = 0; i < depth; i++)
    g_string_append_c (s, '[');
  for (gsize i = 0; i < depth; i++)
    g_string_append_c (s, ']');
  g_string_append_c (s, '}');
  bytes = g_string_free_to_bytes (s);
  /* The object is level 1; the 64th [ (level 65) is at column 44 + 64 = 108. */
  expect_failure (bytes, TREATIES_ARTICLE_ERROR_LIMIT, "hostile.json:1:108: nested more than 64 levels deep");
}

static void
test_hostile_long_string (void)
{
  gsize len = 10 * 1024 * 1024;
  GString *s = g_string_new ("{\"format\":1,\n\"title\":\"");
  g_autoptr(GBytes) bytes = NULL;

  for (gsize i = 0; i < len; i++)
    g_string_append_c (s, 'x');
  g_string_append (s, "\"}");
  bytes = g_string_free_to_bytes (s);
  expect_failure (bytes, TREATIES_ARTICLE_ERROR_LIMIT, "hostile.json:2:9: string of");
}

static void
test_hostile_huge_file (void)
{
  gsize len = 300 * 1024 * 1024;
  /* Untouched pages cost nothing: the size is refused before any is read. */
  void *data = mmap (NULL, len, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  g_autoptr(GBytes) bytes = NULL;

  g_assert_true (data != MAP_FAILED);
  bytes = g_bytes_new_static (data, len);
  expect_failure (bytes, TREATIES_ARTICLE_ERROR_LIMIT, "hostile.json: the file is 314572800 bytes, more than the limit of 256 MiB");
  g_clear_pointer (&bytes, g_bytes_unref);
  munmap (data, len);
}

static void
test_hostile_huge_file_on_disk (void)
{
  g_autofree char *dir = g_dir_make_tmp ("treaties-test-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "huge.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(TreatiesArticle) article = NULL;
  FILE *f = fopen (path, "w");

  /* A sparse file: its size is what counts, and it is never read. */
  g_assert_nonnull (f);
  g_assert_cmpint (fseek (f, 300L * 1024 * 1024, SEEK_SET), ==, 0);
  fputc ('}', f);
  fclose (f);

  article = treaties_article_new_from_file (file, NULL, &error);
  g_assert_null (article);
  g_assert_error (error, TREATIES_ARTICLE_ERROR, TREATIES_ARTICLE_ERROR_LIMIT);
  g_assert_nonnull (strstr (error->message, "more than the limit of 256 MiB"));
  g_unlink (path);
  g_rmdir (dir);
}

static void
test_hostile_nul (void)
{
  static const char json[] = "{\"format\":1,\n \"title\":\"a\0b\"}";
  g_autoptr(GBytes) bytes = g_bytes_new (json, sizeof json - 1);

  expect_failure (bytes, TREATIES_ARTICLE_ERROR_ENCODING, "hostile.json:2:12: NUL byte");
}

static void
test_hostile_invalid_utf8 (void)
{
  static const char json[] = "{\"format\":1,\"title\":\"caf\xE9\"}";
  g_autoptr(GBytes) bytes = g_bytes_new (json, sizeof json - 1);

  expect_failure (bytes, TREATIES_ARTICLE_ERROR_ENCODING, "hostile.json:1:25: invalid UTF-8 (byte 0xE9)");
}

static void
test_problem_cap (void)
{
  GString *s = g_string_new ("{\"format\":1,\"id\":\"a\",\"title\":\"t\",\"sections\":[");
  g_autoptr(GError) error = NULL;
  g_autoptr(TreatiesArticle) article = NULL;
  g_auto(GStrv) lines = NULL;

  for (guint i = 0; i < 200; i++)
    g_string_append_printf (s, "%s{\"id\":\"s%u\",\"title\":%u,\"blocks\":[]}", i ? "," : "", i, i);
  g_string_append (s, "]}");
  article = load_string (s->str, &error);
  g_string_free (s, TRUE);

  g_assert_null (article);
  lines = g_strsplit (error->message, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, TREATIES_MAX_PROBLEMS + 1);
  g_assert_cmpstr (lines[0], ==, "test.json: sections[0].title: expected a string, found a number");
  g_assert_cmpstr (lines[TREATIES_MAX_PROBLEMS], ==, "test.json: … and 150 more problems");
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/article/shipped/loads", test_shipped_loads);
  g_test_add_func ("/article/shipped/headings", test_shipped_headings);
  g_test_add_func ("/article/shipped/verbatim", test_shipped_verbatim);
  g_test_add_func ("/article/shipped/timeline", test_shipped_timeline);
  g_test_add_func ("/article/events/spans", test_events_spans);
  g_test_add_func ("/article/events/of-section", test_events_of_section);
  g_test_add_func ("/article/events/spans-article", test_spans_article);
  g_test_add_func ("/article/shipped/editor-notes", test_shipped_editor_notes);
  g_test_add_func ("/article/shipped/reading-list", test_shipped_reading_list);
  g_test_add_func ("/article/shipped/locarno", test_locarno);
  g_test_add_func ("/article/load/markup-is-text", test_markup_is_text);
  g_test_add_func ("/article/load/events-sorted", test_events_sorted_stably);
  g_test_add_func ("/article/passages/marks", test_passages_from_marks);
  g_test_add_func ("/article/passages/fallback", test_passages_fallback);
  g_test_add_func ("/article/passages/boxed", test_passage_boxed);
  g_test_add_func ("/article/passages/threads", test_passages_threads);
  g_test_add_func ("/article/load/date-note", test_date_note);
  g_test_add_func ("/article/load/summary", test_summary);
  g_test_add_func ("/article/load/date-line", test_date_line_and_subtitle);
  g_test_add_func ("/article/check/warnings", test_warnings);
  g_test_add_func ("/article/shipped/marks-share-a-word", test_shipped_marks_share_a_word);
  g_test_add_func ("/article/marks/wrong-mark-caught", test_wrong_mark_caught);
  g_test_add_func ("/article/invalid/corpus", test_invalid_corpus);
  g_test_add_func ("/article/invalid/problem-cap", test_problem_cap);
  g_test_add_func ("/article/hostile/deep-nesting", test_hostile_deep_nesting);
  g_test_add_func ("/article/hostile/long-string", test_hostile_long_string);
  g_test_add_func ("/article/hostile/huge-bytes", test_hostile_huge_file);
  g_test_add_func ("/article/hostile/huge-file", test_hostile_huge_file_on_disk);
  g_test_add_func ("/article/hostile/nul", test_hostile_nul);
  g_test_add_func ("/article/hostile/invalid-utf8", test_hostile_invalid_utf8);

  return g_test_run ();
}
