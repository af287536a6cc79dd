/* test-reader.c: the reading session, with no display and no waiting
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "treaties-reader.h"

/* Two articles: "a" with three sections (one a subsection) and an event
 * marked in two of them, "b" with two sections. */
static const char *article_a =
  "{\"format\":1,\"id\":\"a\",\"title\":\"A\",\"sections\":["
  " {\"id\":\"s1\",\"title\":\"One\",\"blocks\":["
  "  {\"type\":\"paragraph\",\"text\":\"first\"},"
  "  {\"type\":\"paragraph\",\"text\":[\"the \",{\"text\":\"Rapallo treaty\",\"event\":\"r\"}]},"
  "  {\"type\":\"paragraph\",\"text\":\"third\"}],"
  "  \"subsections\":[{\"id\":\"s1a\",\"title\":\"One A\",\"blocks\":["
  "   {\"type\":\"paragraph\",\"text\":\"sub\"}]}]},"
  " {\"id\":\"s2\",\"title\":\"Two\",\"blocks\":["
  "  {\"type\":\"paragraph\",\"text\":\"x\"},"
  "  {\"type\":\"paragraph\",\"text\":[{\"text\":\"Rapallo\",\"event\":\"r\"},\" again\"]}]}],"
  "\"timeline\":{\"start\":\"1918-11-11\",\"end\":\"1939-09-01\",\"events\":["
  " {\"id\":\"r\",\"date\":\"1922-04-16\",\"title\":\"Rapallo\"},"
  " {\"id\":\"u\",\"date\":\"1925-10-16\",\"title\":\"Unmarked\",\"sections\":[\"s2\"]},"
  " {\"id\":\"n\",\"date\":\"1926-04-24\",\"title\":\"Nowhere\"}]}}";

static const char *article_b =
  "{\"format\":1,\"id\":\"b\",\"title\":\"B\",\"sections\":["
  " {\"id\":\"t1\",\"title\":\"Uno\",\"blocks\":[{\"type\":\"paragraph\",\"text\":\"u\"}]},"
  " {\"id\":\"t2\",\"title\":\"Due\",\"blocks\":[{\"type\":\"paragraph\",\"text\":\"d\"},"
  "  {\"type\":\"paragraph\",\"text\":\"e\"}]}]}";

static TreatiesArticle *
load (const char *json)
{
  g_autoptr(GBytes) bytes = g_bytes_new (json, strlen (json));
  g_autoptr(GError) error = NULL;
  TreatiesArticle *article = treaties_article_new_from_bytes (bytes, "test.json", &error);

  g_assert_no_error (error);
  return article;
}

typedef struct {
  TreatiesArticle *a, *b;
  TreatiesReader  *reader;
  GArray          *reasons;  /* TreatiesMoveReason, one per "moved" */
  guint            article_notifies;
} Fixture;

static void
moved_cb (TreatiesReader     *reader,
          TreatiesMoveReason  reason,
          Fixture            *f)
{
  /* By the time a move is announced, the place is valid in the article. */
  g_assert_nonnull (treaties_reader_get_article (reader));
  g_assert_nonnull (treaties_article_lookup_section (treaties_reader_get_article (reader),
                                                     treaties_section_get_id (treaties_reader_get_section (reader))));
  g_array_append_val (f->reasons, reason);
}

static void
article_notified_cb (Fixture *f)
{
  f->article_notifies++;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->a = load (article_a);
  f->b = load (article_b);
  f->reader = treaties_reader_new ();
  f->reasons = g_array_new (FALSE, FALSE, sizeof (TreatiesMoveReason));
  g_signal_connect (f->reader, "moved", G_CALLBACK (moved_cb), f);
  g_signal_connect_swapped (f->reader, "notify::article", G_CALLBACK (article_notified_cb), f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_assert_finalize_object (f->reader);
  g_assert_finalize_object (f->a);
  g_assert_finalize_object (f->b);
  g_array_unref (f->reasons);
}

static TreatiesSection *
section (TreatiesArticle *article,
         const char      *id)
{
  TreatiesSection *s = treaties_article_lookup_section (article, id);

  g_assert_nonnull (s);
  return s;
}

static void
assert_at (Fixture         *f,
           TreatiesArticle *article,
           const char      *section_id,
           guint            block)
{
  g_assert_true (treaties_reader_get_article (f->reader) == article);
  g_assert_cmpstr (treaties_section_get_id (treaties_reader_get_section (f->reader)), ==, section_id);
  g_assert_cmpuint (treaties_reader_get_block (f->reader), ==, block);
}

static TreatiesMoveReason
last_reason (Fixture *f)
{
  g_assert_cmpuint (f->reasons->len, >, 0);
  return g_array_index (f->reasons, TreatiesMoveReason, f->reasons->len - 1);
}

static void
test_open (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GFile) file = g_file_new_for_path ("/tmp/a.treaty.json");

  g_assert_null (treaties_reader_get_article (f->reader));
  g_assert_false (treaties_reader_go_back (f->reader));

  treaties_reader_open (f->reader, f->a, file, NULL, 7);
  assert_at (f, f->a, "s1", 0);  /* no section given: the first, from its top */
  g_assert_true (treaties_reader_get_file (f->reader) == file);
  g_assert_cmpint (last_reason (f), ==, TREATIES_MOVE_OPEN);
  g_assert_cmpuint (f->article_notifies, ==, 1);
  /* Nothing was being read before: nothing to go back to. */
  g_assert_false (treaties_reader_get_can_go_back (f->reader));

  /* A block past the section's end is its last block. */
  treaties_reader_open (f->reader, f->a, file, section (f->a, "s2"), 99);
  assert_at (f, f->a, "s2", 1);
  g_assert_cmpuint (f->article_notifies, ==, 1);
}

static void
test_history (Fixture       *f,
              gconstpointer  data)
{
  treaties_reader_open (f->reader, f->a, NULL, NULL, 0);
  treaties_reader_jump (f->reader, section (f->a, "s2"), 1);
  g_assert_cmpint (last_reason (f), ==, TREATIES_MOVE_JUMP);
  /* Scrolling moves the place but is not a step back. */
  treaties_reader_follow (f->reader, section (f->a, "s1a"), 0);
  g_assert_cmpint (last_reason (f), ==, TREATIES_MOVE_SCROLL);
  treaties_reader_jump (f->reader, section (f->a, "s1"), 2);

  g_assert_true (treaties_reader_get_can_go_back (f->reader));
  g_assert_false (treaties_reader_get_can_go_forward (f->reader));
  g_assert_true (treaties_reader_go_back (f->reader));
  g_assert_cmpint (last_reason (f), ==, TREATIES_MOVE_HISTORY);
  /* Back returns to where the reader was when they jumped: the scrolled-to
   * place, not the one jumped to before it. */
  assert_at (f, f->a, "s1a", 0);
  g_assert_true (treaties_reader_go_back (f->reader));
  assert_at (f, f->a, "s1", 0);
  g_assert_false (treaties_reader_go_back (f->reader));
  g_assert_true (treaties_reader_get_can_go_forward (f->reader));

  g_assert_true (treaties_reader_go_forward (f->reader));
  assert_at (f, f->a, "s1a", 0);
  g_assert_true (treaties_reader_go_forward (f->reader));
  assert_at (f, f->a, "s1", 2);
  g_assert_false (treaties_reader_go_forward (f->reader));

  /* A new jump after going back drops what was ahead. */
  g_assert_true (treaties_reader_go_back (f->reader));
  treaties_reader_jump (f->reader, section (f->a, "s2"), 0);
  g_assert_false (treaties_reader_get_can_go_forward (f->reader));

  /* Jumping to where one is adds nothing. */
  treaties_reader_jump (f->reader, section (f->a, "s2"), 0);
  g_assert_true (treaties_reader_go_back (f->reader));
  assert_at (f, f->a, "s1a", 0);
}

static void
test_history_across_articles (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GFile) file_b = g_file_new_for_path ("/tmp/b.treaty.json");

  treaties_reader_open (f->reader, f->a, NULL, NULL, 0);
  treaties_reader_follow (f->reader, section (f->a, "s2"), 1);
  treaties_reader_open (f->reader, f->b, file_b, section (f->b, "t2"), 1);
  g_assert_cmpuint (f->article_notifies, ==, 2);
  treaties_reader_jump (f->reader, section (f->b, "t1"), 0);

  g_assert_true (treaties_reader_go_back (f->reader));
  assert_at (f, f->b, "t2", 1);
  /* Back again returns to the first article, at the place left. */
  g_assert_true (treaties_reader_go_back (f->reader));
  assert_at (f, f->a, "s2", 1);
  g_assert_null (treaties_reader_get_file (f->reader));
  g_assert_cmpuint (f->article_notifies, ==, 3);
  g_assert_cmpint (last_reason (f), ==, TREATIES_MOVE_HISTORY);

  g_assert_true (treaties_reader_go_forward (f->reader));
  assert_at (f, f->b, "t2", 1);
  g_assert_true (treaties_reader_get_file (f->reader) == file_b);
}

static void
test_history_is_bounded (Fixture       *f,
                         gconstpointer  data)
{
  guint steps = 0;

  treaties_reader_open (f->reader, f->a, NULL, NULL, 0);
  for (guint i = 0; i < 1000; i++)
    treaties_reader_jump (f->reader, section (f->a, i % 2 ? "s1" : "s2"), i % 2);
  while (treaties_reader_go_back (f->reader))
    steps++;
  g_assert_cmpuint (steps, >=, 50);
  g_assert_cmpuint (steps, <=, 100);
}

static void
test_events (Fixture       *f,
             gconstpointer  data)
{
  TreatiesEvent *r = treaties_article_lookup_event (f->a, "r");
  TreatiesEvent *u = treaties_article_lookup_event (f->a, "u");
  TreatiesEvent *n = treaties_article_lookup_event (f->a, "n");
  const TreatiesPassage *passage;
  guint index, count;

  treaties_reader_open (f->reader, f->a, NULL, NULL, 0);
  treaties_reader_select_event (f->reader, r);
  g_assert_true (treaties_reader_get_selected_event (f->reader) == r);
  /* Selecting does not move. */
  assert_at (f, f->a, "s1", 0);
  g_assert_false (treaties_reader_get_passage_index (f->reader, &index, &count));

  passage = treaties_reader_activate_event (f->reader, r);
  g_assert_nonnull (passage);
  g_assert_true (passage->marked);
  assert_at (f, f->a, "s1", 1);
  g_assert_cmpint (last_reason (f), ==, TREATIES_MOVE_JUMP);
  g_assert_true (treaties_reader_get_passage_index (f->reader, &index, &count));
  g_assert_cmpuint (index, ==, 0);
  g_assert_cmpuint (count, ==, 2);

  /* Again: the next passage, in the next section; then around. */
  treaties_reader_activate_event (f->reader, r);
  assert_at (f, f->a, "s2", 1);
  g_assert_true (treaties_reader_get_passage_index (f->reader, &index, &count));
  g_assert_cmpuint (index, ==, 1);
  treaties_reader_activate_event (f->reader, r);
  assert_at (f, f->a, "s1", 1);

  /* Another event starts at its own first passage: a whole section when
   * nothing marks it. */
  passage = treaties_reader_activate_event (f->reader, u);
  g_assert_false (passage->marked);
  assert_at (f, f->a, "s2", 0);
  passage = treaties_reader_activate_event (f->reader, r);
  assert_at (f, f->a, "s1", 1);

  /* Choosing another event and coming back starts over. */
  treaties_reader_select_event (f->reader, u);
  treaties_reader_select_event (f->reader, r);
  treaties_reader_activate_event (f->reader, r);
  assert_at (f, f->a, "s1", 1);

  /* An event with no passage is selected but goes nowhere. */
  g_assert_null (treaties_reader_activate_event (f->reader, n));
  g_assert_true (treaties_reader_get_selected_event (f->reader) == n);
  assert_at (f, f->a, "s1", 1);

  /* Each activation was a step back. */
  g_assert_true (treaties_reader_go_back (f->reader));
  assert_at (f, f->a, "s2", 0);

  /* Another article: no event is selected. */
  treaties_reader_open (f->reader, f->b, NULL, NULL, 0);
  g_assert_null (treaties_reader_get_selected_event (f->reader));
}

/* The card's "Read" buttons go to a given passage; words clicked in the
 * text make theirs the current one without moving. */
static void
test_show_passage (Fixture       *f,
                   gconstpointer  data)
{
  TreatiesEvent *r = treaties_article_lookup_event (f->a, "r");
  guint index, count, n_moves;

  treaties_reader_open (f->reader, f->a, NULL, NULL, 0);
  n_moves = f->reasons->len;
  g_assert_nonnull (treaties_reader_show_passage (f->reader, r, 1, FALSE));
  g_assert_cmpuint (f->reasons->len, ==, n_moves);
  assert_at (f, f->a, "s1", 0);
  g_assert_true (treaties_reader_get_selected_event (f->reader) == r);
  g_assert_true (treaties_reader_get_passage_index (f->reader, &index, &count));
  g_assert_cmpuint (index, ==, 1);
  /* Activating goes on from there, round to the first. */
  treaties_reader_activate_event (f->reader, r);
  assert_at (f, f->a, "s1", 1);

  g_assert_nonnull (treaties_reader_show_passage (f->reader, r, 1, TRUE));
  assert_at (f, f->a, "s2", 1);
  g_assert_cmpint (last_reason (f), ==, TREATIES_MOVE_JUMP);
  g_assert_true (treaties_reader_go_back (f->reader));
  assert_at (f, f->a, "s1", 1);

  /* Past the last passage: nothing happens. */
  n_moves = f->reasons->len;
  g_assert_null (treaties_reader_show_passage (f->reader, r, 2, TRUE));
  g_assert_cmpuint (f->reasons->len, ==, n_moves);
}

static void
test_search (Fixture       *f,
             gconstpointer  data)
{
  treaties_reader_open (f->reader, f->a, NULL, section (f->a, "s1"), 2);
  treaties_reader_begin_search (f->reader);
  treaties_reader_search_moved (f->reader, section (f->a, "s1a"), 0);
  /* The view must scroll to each match. */
  g_assert_cmpint (last_reason (f), ==, TREATIES_MOVE_JUMP);
  treaties_reader_search_moved (f->reader, section (f->a, "s2"), 1);
  g_assert_false (treaties_reader_get_can_go_back (f->reader));
  treaties_reader_end_search (f->reader);

  /* One step back for the whole search, to where it began. */
  g_assert_true (treaties_reader_go_back (f->reader));
  assert_at (f, f->a, "s1", 2);
  g_assert_false (treaties_reader_go_back (f->reader));

  /* A search that ends where it began leaves no step. */
  treaties_reader_go_forward (f->reader);
  treaties_reader_begin_search (f->reader);
  treaties_reader_search_moved (f->reader, section (f->a, "s1"), 0);
  treaties_reader_search_moved (f->reader, section (f->a, "s2"), 1);
  treaties_reader_end_search (f->reader);
  g_assert_true (treaties_reader_go_back (f->reader));
  assert_at (f, f->a, "s1", 2);

  /* A jump during a search ends it first: two steps, search then jump. */
  treaties_reader_begin_search (f->reader);
  treaties_reader_search_moved (f->reader, section (f->a, "s1a"), 0);
  treaties_reader_jump (f->reader, section (f->a, "s2"), 0);
  g_assert_true (treaties_reader_go_back (f->reader));
  assert_at (f, f->a, "s1a", 0);
  g_assert_true (treaties_reader_go_back (f->reader));
  assert_at (f, f->a, "s1", 2);
}

static void
test_saved_places (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GVariant) saved = NULL;
  g_autoptr(GVariant) again = NULL;
  TreatiesSection *s = NULL;
  guint block = 0;

  /* Nothing read yet: an empty list, of the right type. */
  saved = treaties_reader_save_place (f->reader, NULL);
  g_assert_true (g_variant_is_of_type (saved, G_VARIANT_TYPE (TREATIES_READER_SAVED_TYPE)));
  g_assert_cmpuint (g_variant_n_children (saved), ==, 0);
  g_clear_pointer (&saved, g_variant_unref);

  treaties_reader_open (f->reader, f->a, NULL, section (f->a, "s2"), 1);
  saved = treaties_reader_save_place (f->reader, NULL);
  treaties_reader_open (f->reader, f->b, NULL, section (f->b, "t2"), 1);
  again = treaties_reader_save_place (f->reader, saved);
  g_clear_pointer (&saved, g_variant_unref);
  saved = g_steal_pointer (&again);
  g_assert_cmpuint (g_variant_n_children (saved), ==, 2);

  /* Round trip, to the paragraph, for both. */
  g_assert_true (treaties_reader_find_saved_place (saved, f->a, &s, &block));
  g_assert_cmpstr (treaties_section_get_id (s), ==, "s2");
  g_assert_cmpuint (block, ==, 1);
  g_assert_true (treaties_reader_find_saved_place (saved, f->b, &s, &block));
  g_assert_cmpstr (treaties_section_get_id (s), ==, "t2");
  g_assert_cmpuint (block, ==, 1);

  /* Saving again replaces the article's entry and puts it first. */
  treaties_reader_jump (f->reader, section (f->b, "t1"), 0);
  again = treaties_reader_save_place (f->reader, saved);
  g_assert_cmpuint (g_variant_n_children (again), ==, 2);
  {
    const char *id, *sid;
    guint b;

    g_variant_get_child (again, 0, "(&s&su)", &id, &sid, &b);
    g_assert_cmpstr (id, ==, "b");
    g_assert_cmpstr (sid, ==, "t1");
  }
}

static void
test_saved_places_bounded (Fixture       *f,
                           gconstpointer  data)
{
  GVariantBuilder builder;
  g_autoptr(GVariant) many = NULL;
  g_autoptr(GVariant) saved = NULL;

  g_variant_builder_init (&builder, G_VARIANT_TYPE (TREATIES_READER_SAVED_TYPE));
  for (guint i = 0; i < 100000; i++)
    {
      g_autofree char *id = g_strdup_printf ("article-%u", i);
      g_variant_builder_add (&builder, "(ssu)", id, "s", 0);
    }
  many = g_variant_ref_sink (g_variant_builder_end (&builder));

  treaties_reader_open (f->reader, f->a, NULL, NULL, 0);
  saved = treaties_reader_save_place (f->reader, many);
  g_assert_cmpuint (g_variant_n_children (saved), ==, TREATIES_READER_MAX_SAVED);
}

/* What was saved may be from another version of the article, or not what
 * we wrote at all: fall back without a warning (criticals are fatal). */
static void
test_saved_places_malformed (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GVariant) wrong_type = g_variant_ref_sink (g_variant_new_parsed ("{'a': 's1'}"));
  g_autoptr(GVariant) unknown = g_variant_ref_sink (g_variant_new_parsed ("[('zz', 's1', uint32 1)]"));
  g_autoptr(GVariant) gone = g_variant_ref_sink (g_variant_new_parsed ("[('a', 'vanished', uint32 4)]"));
  g_autoptr(GVariant) past_end = g_variant_ref_sink (g_variant_new_parsed ("[('a', 's1a', uint32 4000000000)]"));
  g_autoptr(GVariant) saved = NULL;
  TreatiesSection *s = NULL;
  guint block = 42;

  g_assert_false (treaties_reader_find_saved_place (NULL, f->a, &s, &block));
  g_assert_false (treaties_reader_find_saved_place (wrong_type, f->a, &s, &block));
  g_assert_false (treaties_reader_find_saved_place (unknown, f->a, &s, &block));
  g_assert_null (s);
  g_assert_cmpuint (block, ==, 42);

  g_assert_true (treaties_reader_find_saved_place (gone, f->a, &s, &block));
  g_assert_cmpstr (treaties_section_get_id (s), ==, "s1");
  g_assert_cmpuint (block, ==, 0);
  g_assert_true (treaties_reader_find_saved_place (past_end, f->a, &s, &block));
  g_assert_cmpstr (treaties_section_get_id (s), ==, "s1a");
  g_assert_cmpuint (block, ==, 0);

  /* Saving over a list of the wrong type starts a new one. */
  treaties_reader_open (f->reader, f->a, NULL, NULL, 0);
  saved = treaties_reader_save_place (f->reader, wrong_type);
  g_assert_true (g_variant_is_of_type (saved, G_VARIANT_TYPE (TREATIES_READER_SAVED_TYPE)));
  g_assert_cmpuint (g_variant_n_children (saved), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/reader/open", test_open);
  ADD ("/reader/history", test_history);
  ADD ("/reader/history/across-articles", test_history_across_articles);
  ADD ("/reader/history/bounded", test_history_is_bounded);
  ADD ("/reader/events", test_events);
  ADD ("/reader/events/show-passage", test_show_passage);
  ADD ("/reader/search", test_search);
  ADD ("/reader/saved", test_saved_places);
  ADD ("/reader/saved/bounded", test_saved_places_bounded);
  ADD ("/reader/saved/malformed", test_saved_places_malformed);
#undef ADD

  return g_test_run ();
}
