/* article-generator.c: seeded, deterministic articles for the tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "article-generator.h"
#include "treaties-article.h"

/* splitmix64: small, fast, and the same everywhere. */
typedef struct {
  guint64 state;
} Rng;

static guint32
rng_next (Rng *r)
{
  guint64 z = (r->state += G_GUINT64_CONSTANT (0x9E3779B97F4A7C15));

  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xBF58476D1CE4E5B9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94D049BB133111EB);
  return (guint32) ((z ^ (z >> 31)) >> 32);
}

/* In [lo, hi]. */
static guint
rng_range (Rng   *r,
           guint  lo,
           guint  hi)
{
  return lo + rng_next (r) % (hi - lo + 1);
}

static gboolean
rng_chance (Rng   *r,
            guint  percent)
{
  return rng_next (r) % 100 < percent;
}

#define PICK(r, array) ((array)[rng_next (r) % G_N_ELEMENTS (array)])

/* --- what the text is made of ------------------------------------------- */

static const char *english[] = {
  "the", "treaty", "of", "neutrality", "was", "signed", "by", "both",
  "governments", "after", "long", "negotiations", "in", "Paris", "and",
  "Moscow", "while", "the", "League", "debated", "disarmament", "reparations",
  "plenipotentiaries", "ratification", "memorandum", "arbitration",
  "conference", "guarantee", "non-aggression", "delegation", "signatories",
  "internationally", "commissariat", "a", "protocol", "was", "drafted",
  "that", "spring", "with", "reservations", "on", "both", "sides",
};

static const char *french[] = {
  "le", "traité", "de", "neutralité", "fut", "signé", "à", "Paris",
  "après", "des", "négociations", "longues", "et", "difficiles", "entre",
  "les", "plénipotentiaires", "du", "Quai d’Orsay", "« pacte »",
  "l’Assemblée", "réparations", "désarmement", "sécurité", "collective",
  "garantie", "ministère", "œuvre", "où", "l’été", "déjà",
};

static const char *russian[] = {
  "договор", "о", "нейтралитете", "и", "ненападении", "был", "подписан",
  "в", "Париже", "после", "долгих", "переговоров", "Наркоминдел",
  "полпредство", "ратификация", "разоружение", "Литвинов", "Лига",
  "Наций", "обе", "стороны", "гарантии", "безопасности",
};

static const char *arabic[] = {
  "معاهدة", "الحياد", "عصبة الأمم", "مفاوضات", "باريس", "موسكو", "وقعت",
};

static const char *hebrew[] = {
  "הסכם", "נייטרליות", "חבר הלאומים", "משא ומתן", "פריז", "נחתם",
};

/* Decomposed: a letter followed by combining marks. */
static const char *combining[] = {
  "e\xcc\x81tat", "Ko\xcc\x88ln", "Tie\xcc\x82\xcc\x81ng Vie\xcc\xa3\xcc\x82t",
  "a\xcc\x88\xcc\x81", "n\xcc\x83o", "Z\xcc\x8c" "adar",
};

static const char *emoji[] = {
  "🕊️", "📜", "🇫🇷", "🇷🇺", "👩🏽‍⚖️", "🤝", "👨‍👩‍👧", "✍🏿",
};

/* Text, not markup: all of it must appear as written. */
static const char *literal[] = {
  "<b>&amp;</b>", "&lt;i&gt;", "a < b && c > d", "<span foreground=\"red\">",
  "&#x41;", "\"quoted\" & 'single'",
};

static const char *long_words[] = {
  "Donaudampfschiffahrtsgesellschaftskapitän",
  "Rechtsschutzversicherungsgesellschaften",
  "antidisestablishmentarianism",
  "anticonstitutionnellement",
  "непрекращающиеся",
  "человеконенавистничество",
  "internationalisation",
};

/* Never to be hyphenated. */
static const char *bare_urls[] = {
  "https://example.org/archives/1931/treaty-text?lang=fr&page=12",
  "http://www.example.com/a/very/long/path/that/goes/on/and/on/index.html",
  "https://example.org/(parenthesised)_path",
  "www.example.net/documents/neutrality-and-non-aggression",
  "https://подписание.example/договор",
};

static const char *emails[] = {
  "editors@example.org",
  "archives.diplomatiques@example.fr",
  "a.very.long.name.for.someone@subdomain.example.co.uk",
  "редакция@example.ru",
};

static const char *digit_tokens[] = {
  "1931-10-29", "978-2-07-036822-8", "No.\u00a012345678", "1920s", "3rd",
  "2×10⁶", "14:30", "1/12/1931", "A4-size", "CX-1931-0042-B",
};

static const char *link_texts[] = {
  "the pact",
  "the full text of the Franco-Soviet Pact of Mutual Assistance as registered with the League of Nations Treaty Series",
  "League of Nations",
  "a contemporary account in the archives of the ministry of foreign affairs, with its annexes and maps",
  "договор о ненападении между СССР и Францией",
  "l’accord",
  "write to the editors",
  "Locarno",
};

static const char *hrefs[] = {
  "https://example.org/wiki/Franco-Soviet_Treaty",
  "https://en.example.org/wiki/Kellogg%E2%80%93Briand_Pact",
  "https://example.org/path(with)parens",
  "https://example.org/quote'single\"double",
  /* A backslash must be written %5C: the loader refuses it raw, as
   * browsers read it as "/" (https://example.org\\@evil.example/). */
  "https://example.org/%5C@evil.example/",
  "https://example.org/back%5Cslash/",
  "https://example.org/query?a=1&b=(2)#frag",
  "http://example.com/",
  "mailto:editors@example.org",
  "mailto:someone@example.org?subject=Treaty%20of%201931",
};

static const char *section_titles[] = {
  "The Background of the Treaty",
  "Negotiations",
  "Le Quai d’Orsay et Moscou",
  "Переговоры в Париже",
  "Reactions abroad: London, Berlin, Warsaw and the smaller states of the Little Entente",
  "Aftermath",
  "Sources",
  "الحياد",
  "Documents 1931–1932",
  "A very long heading that goes on and on to see whether headings wrap onto a second line",
};

static const char *labels[] = {
  "Fun Fact", "Did you know?", "Source", "Примечание", "Remarque", "Correction",
};

static const char *event_titles[] = {
  "Treaty signed",
  "USSR formed",
  "Soviet–Polish non-aggression pact",
  "Molotov–Ribbentrop Pact",
  "Conference opens",
  "Conférence de Locarno",
  "Договор подписан",
  "A long event title that would not fit beside its neighbours on a crowded timeline",
  "Ratification",
  "Note exchanged",
};

static const char *descriptions[] = {
  "Both governments sign the text in Paris.",
  "A conference opens with delegations from seven states, and a long agenda of guarantees, arbitration treaties and frontiers that the delegates will argue over for eleven days.",
  "Le traité est ratifié par l’Assemblée nationale.",
  "Договор ратифицирован обеими сторонами.",
  "<b>&amp;</b> appears literally here.",
  "",
};

/* --- inline text -------------------------------------------------------- */

typedef struct {
  Rng         rng;
  const char *language;
  GPtrArray  *section_ids;
  guint       n_sections;
} Gen;

static const char **
words_for (Gen   *g,
           guint *n)
{
  if (g_str_has_prefix (g->language, "fr"))
    {
      *n = G_N_ELEMENTS (french);
      return (const char **) french;
    }
  if (g_str_has_prefix (g->language, "ru"))
    {
      *n = G_N_ELEMENTS (russian);
      return (const char **) russian;
    }
  /* A right-to-left article is written mostly right to left. */
  if (g_str_has_prefix (g->language, "he"))
    {
      *n = G_N_ELEMENTS (hebrew);
      return (const char **) hebrew;
    }
  if (g_str_has_prefix (g->language, "ar"))
    {
      *n = G_N_ELEMENTS (arabic);
      return (const char **) arabic;
    }
  *n = G_N_ELEMENTS (english);
  return (const char **) english;
}

/* One word or token of running text: mostly the article's language, now
 * and then something a renderer finds hard. */
static const char *
pick_word (Gen *g)
{
  guint n;
  const char **words = words_for (g, &n);
  guint roll = rng_range (&g->rng, 0, 99);

  if (roll < 80)
    return words[rng_next (&g->rng) % n];
  switch (roll)
    {
    case 80: case 81: return PICK (&g->rng, long_words);
    case 82: case 83: return PICK (&g->rng, bare_urls);
    case 84: case 85: return PICK (&g->rng, emails);
    case 86: case 87: return PICK (&g->rng, digit_tokens);
    case 88: return PICK (&g->rng, arabic);
    case 89: return PICK (&g->rng, hebrew);
    case 90: return PICK (&g->rng, combining);
    case 91: return PICK (&g->rng, emoji);
    case 92: return PICK (&g->rng, literal);
    case 93: return PICK (&g->rng, french);
    case 94: return PICK (&g->rng, russian);
    default: return words[rng_next (&g->rng) % n];
    }
}

static void
append_sentence (Gen     *g,
                 GString *s,
                 guint    min_words,
                 guint    max_words)
{
  guint n = rng_range (&g->rng, min_words, max_words);

  for (guint i = 0; i < n; i++)
    {
      const char *word = pick_word (g);

      if (s->len > 0 && s->str[s->len - 1] != ' ')
        g_string_append_c (s, ' ');
      if (i == 0 && g_ascii_islower (word[0]))
        {
          g_string_append_c (s, g_ascii_toupper (word[0]));
          g_string_append (s, word + 1);
        }
      else
        g_string_append (s, word);
      if (i + 1 < n && rng_chance (&g->rng, 8))
        g_string_append_c (s, ',');
    }
  g_string_append (s, PICK (&g->rng, ((const char *[]) { ".", ".", ".", "?", "!", "…" })));
}

static char *
make_text (Gen   *g,
           guint  min_sentences,
           guint  max_sentences)
{
  GString *s = g_string_new (NULL);
  guint n = rng_range (&g->rng, min_sentences, max_sentences);

  for (guint i = 0; i < n; i++)
    append_sentence (g, s, 4, 18);
  return g_string_free (s, FALSE);
}

static void
add_run (JsonBuilder *b,
         const char  *text,
         const char  *style,
         const char  *href)
{
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "text");
  json_builder_add_string_value (b, text);
  if (style != NULL)
    {
      json_builder_set_member_name (b, "style");
      json_builder_add_string_value (b, style);
    }
  if (href != NULL)
    {
      json_builder_set_member_name (b, "href");
      json_builder_add_string_value (b, href);
    }
  json_builder_end_object (b);
}

/* Inline text: a plain string, or an array of strings and runs with
 * styles and links. */
static void
add_inline (Gen         *g,
            JsonBuilder *b,
            guint        min_sentences,
            guint        max_sentences,
            gboolean     reading)
{
  guint n_pieces;

  if (!reading && rng_chance (&g->rng, 25))
    {
      g_autofree char *text = make_text (g, min_sentences, max_sentences);
      json_builder_add_string_value (b, text);
      return;
    }

  json_builder_begin_array (b);
  if (reading)
    {
      /* A work: author, title (styled), publisher, sometimes a link. */
      g_autoptr(GString) title = g_string_new (NULL);

      json_builder_add_string_value (b, PICK (&g->rng, ((const char *[]) {
        "J. Smith, ", "Ж. Петров, ", "M.-F. Lefèvre, ", "", "עמוס כהן, ", "O'Brien & <b>Sons</b>, " })));
      append_sentence (g, title, 2, 9);
      add_run (b, title->str, "title", NULL);
      json_builder_add_string_value (b, PICK (&g->rng, ((const char *[]) {
        " (Oxford University Press, 1999)", ", Paris, 1932", ", Москва: Наука, 1975, ISBN 978-5-02-003456-7",
        " — see also editors@example.org", "" })));
      if (rng_chance (&g->rng, 30))
        {
          json_builder_add_string_value (b, ", ");
          add_run (b, PICK (&g->rng, link_texts), NULL, PICK (&g->rng, hrefs));
        }
      json_builder_end_array (b);
      return;
    }

  n_pieces = rng_range (&g->rng, 1, 5);
  for (guint i = 0; i < n_pieces; i++)
    {
      guint roll = rng_range (&g->rng, 0, 9);

      if (i > 0)
        json_builder_add_string_value (b, " ");
      if (roll < 5)
        {
          g_autofree char *text = make_text (g, 1, MAX (1, max_sentences / 2));
          json_builder_add_string_value (b, text);
        }
      else if (roll < 8)
        add_run (b, PICK (&g->rng, link_texts), NULL, PICK (&g->rng, hrefs));
      else
        {
          g_autoptr(GString) s = g_string_new (NULL);

          append_sentence (g, s, 1, 6);
          add_run (b, s->str, PICK (&g->rng, ((const char *[]) { "emphasis", "strong", "title" })), NULL);
        }
    }
  json_builder_end_array (b);
}

/* --- blocks and sections ------------------------------------------------ */

enum {
  KIND_PARAGRAPH,
  KIND_LIST,
  KIND_CALLOUT,
  KIND_READING_LIST,
  KIND_EDITOR_NOTE,
  N_KINDS
};

static const char *kind_names[N_KINDS] = {
  "paragraph", "list", "callout", "reading-list", "editor-note",
};

static void
add_block (Gen         *g,
           JsonBuilder *b,
           guint        kind)
{
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "type");
  json_builder_add_string_value (b, kind_names[kind]);

  switch (kind)
    {
    case KIND_LIST:
    case KIND_READING_LIST:
      {
        guint n = rng_range (&g->rng, 1, kind == KIND_LIST ? 5 : 7);

        json_builder_set_member_name (b, "items");
        json_builder_begin_array (b);
        for (guint i = 0; i < n; i++)
          add_inline (g, b, 1, 2, kind == KIND_READING_LIST);
        json_builder_end_array (b);
      }
      break;

    case KIND_CALLOUT:
    case KIND_EDITOR_NOTE:
      if (rng_chance (&g->rng, 60))
        {
          json_builder_set_member_name (b, "label");
          json_builder_add_string_value (b, PICK (&g->rng, labels));
        }
      json_builder_set_member_name (b, "text");
      add_inline (g, b, 1, 4, FALSE);
      break;

    case KIND_PARAGRAPH:
    default:
      json_builder_set_member_name (b, "text");
      add_inline (g, b, 1, 7, FALSE);
      break;
    }
  json_builder_end_object (b);
}

/* @kinds: the blocks this section (or subsection) gets, in order. */
static void
add_blocks (Gen         *g,
            JsonBuilder *b,
            GArray      *kinds)
{
  json_builder_set_member_name (b, "blocks");
  json_builder_begin_array (b);
  for (guint i = 0; i < kinds->len; i++)
    add_block (g, b, g_array_index (kinds, guint, i));
  json_builder_end_array (b);
}

static char *
new_section_id (Gen *g)
{
  char *id = g_strdup_printf ("s%u-%s", g->n_sections++,
                              PICK (&g->rng, ((const char *[]) { "background", "talks", "aftermath", "sources", "x" })));

  g_ptr_array_add (g->section_ids, g_strdup (id));
  return id;
}

static void
begin_section (Gen         *g,
               JsonBuilder *b)
{
  g_autofree char *id = new_section_id (g);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "id");
  json_builder_add_string_value (b, id);
  json_builder_set_member_name (b, "title");
  json_builder_add_string_value (b, PICK (&g->rng, section_titles));
}

/* Takes up to @n kinds from the front of @queue (at least one if any). */
static GArray *
take_kinds (GArray *queue,
            guint   n)
{
  GArray *out = g_array_new (FALSE, FALSE, sizeof (guint));

  n = MIN (MAX (n, 1), queue->len);
  g_array_append_vals (out, queue->data, n);
  g_array_remove_range (queue, 0, n);
  return out;
}

static void
add_sections (Gen         *g,
              JsonBuilder *b,
              guint32      seed)
{
  g_autoptr(GArray) queue = g_array_new (FALSE, FALSE, sizeof (guint));
  guint n_blocks = rng_range (&g->rng, 7, 14);
  guint n_sections = rng_range (&g->rng, 2, 5);
  gboolean seen[N_KINDS] = { FALSE };
  guint first = seed % N_KINDS, second = (seed / N_KINDS) % N_KINDS;

  /* Every ordered pair of kinds over 25 consecutive seeds, at the start of
   * the first section; then every kind at least once; then at random. */
  g_array_append_val (queue, first);
  g_array_append_val (queue, second);
  seen[first] = seen[second] = TRUE;
  for (guint k = 0; k < N_KINDS; k++)
    if (!seen[k])
      {
        guint at = rng_range (&g->rng, 2, queue->len);
        g_array_insert_val (queue, at, k);
      }
  while (queue->len < n_blocks)
    {
      guint k = rng_chance (&g->rng, 45) ? KIND_PARAGRAPH : rng_range (&g->rng, 0, N_KINDS - 1);
      g_array_append_val (queue, k);
    }

  json_builder_set_member_name (b, "sections");
  json_builder_begin_array (b);
  for (guint s = 0; s < n_sections || queue->len > 0; s++)
    {
      guint shape = s == 0 ? 0 : rng_range (&g->rng, 0, 9);
      gboolean last = s + 1 >= n_sections;
      guint share = last ? queue->len : rng_range (&g->rng, 1, 4);

      begin_section (g, b);
      /* 0–5: blocks only; 6–7: only subsections; 8–9: both. */
      if (shape <= 5 || shape >= 8)
        {
          g_autoptr(GArray) kinds = take_kinds (queue, share);

          /* The first section starts with the pair, whole. */
          if (s == 0 && kinds->len < 2 && queue->len > 0)
            {
              g_autoptr(GArray) more = take_kinds (queue, 1);
              g_array_append_vals (kinds, more->data, more->len);
            }
          if (kinds->len == 0)
            {
              guint k = KIND_PARAGRAPH;
              g_array_append_val (kinds, k);
            }
          add_blocks (g, b, kinds);
        }
      if (shape >= 6)
        {
          guint n_sub = rng_range (&g->rng, 1, 3);

          json_builder_set_member_name (b, "subsections");
          json_builder_begin_array (b);
          for (guint i = 0; i < n_sub; i++)
            {
              g_autoptr(GArray) kinds = take_kinds (queue, rng_range (&g->rng, 1, 3));

              if (kinds->len == 0)
                {
                  guint k = rng_range (&g->rng, 0, N_KINDS - 1);
                  g_array_append_val (kinds, k);
                }
              begin_section (g, b);
              add_blocks (g, b, kinds);
              json_builder_end_object (b);
            }
          json_builder_end_array (b);
        }
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

/* --- timeline ------------------------------------------------------------ */

static void
add_date (JsonBuilder *b,
          const char  *name,
          int          day_number)
{
  TreatiesDay day = treaties_day_from_ymd (1918, 11, 11) + day_number;
  g_autofree char *iso = treaties_day_to_iso (day);

  json_builder_set_member_name (b, name);
  json_builder_add_string_value (b, iso);
}

static void
add_timeline (Gen         *g,
              JsonBuilder *b)
{
  int span = (int) (treaties_day_from_ymd (1939, 9, 1) - treaties_day_from_ymd (1918, 11, 11));
  guint n_eras = rng_range (&g->rng, 0, 3);
  guint n_events = rng_range (&g->rng, 1, 16);
  int cluster = (int) rng_range (&g->rng, 0, (guint) span - 400);
  gboolean primary = rng_chance (&g->rng, 60);

  json_builder_set_member_name (b, "timeline");
  json_builder_begin_object (b);
  add_date (b, "start", 0);
  add_date (b, "end", span);

  json_builder_set_member_name (b, "eras");
  json_builder_begin_array (b);
  for (guint i = 0; i < n_eras; i++)
    {
      int start = (int) rng_range (&g->rng, 0, (guint) span - 1);
      int length = (int) rng_range (&g->rng, 0, 2500);
      int end = MIN (span, start + length);
      g_autofree char *id = g_strdup_printf ("era-%u", i);
      g_autofree char *title = make_text (g, 1, 1);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "id");
      json_builder_add_string_value (b, id);
      json_builder_set_member_name (b, "title");
      json_builder_add_string_value (b, title);
      add_date (b, "start", start);
      add_date (b, "end", end);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "events");
  json_builder_begin_array (b);
  for (guint i = 0; i < n_events; i++)
    {
      g_autofree char *id = g_strdup_printf ("event-%u", i);
      const char *description = PICK (&g->rng, descriptions);
      /* Half of them crowd into one year, some on the very same day. */
      int day = rng_chance (&g->rng, 50)
                ? cluster + (rng_chance (&g->rng, 30) ? 0 : (int) rng_range (&g->rng, 0, 365))
                : (int) rng_range (&g->rng, 0, (guint) span);
      guint n_refs = rng_range (&g->rng, 0, 2);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "id");
      json_builder_add_string_value (b, id);
      add_date (b, "date", day);
      json_builder_set_member_name (b, "title");
      json_builder_add_string_value (b, PICK (&g->rng, event_titles));
      if (description[0] != '\0')
        {
          json_builder_set_member_name (b, "description");
          json_builder_add_string_value (b, description);
        }
      json_builder_set_member_name (b, "sections");
      json_builder_begin_array (b);
      for (guint r = 0; r < n_refs; r++)
        json_builder_add_string_value (b, g_ptr_array_index (g->section_ids,
                                                             rng_next (&g->rng) % g->section_ids->len));
      json_builder_end_array (b);
      if (primary && i == n_events / 2)
        {
          json_builder_set_member_name (b, "primary");
          json_builder_add_boolean_value (b, TRUE);
        }
      if (rng_chance (&g->rng, 20))
        {
          json_builder_set_member_name (b, "href");
          json_builder_add_string_value (b, PICK (&g->rng, hrefs));
        }
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
}

/* --- public API ---------------------------------------------------------- */

char *
treaties_test_generate_article (guint32   seed,
                                GError  **error)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GPtrArray) section_ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(TreatiesArticle) article = NULL;
  g_autofree char *id = g_strdup_printf ("generated-%u", seed);
  g_autofree char *title = NULL;
  Gen g = { { seed * G_GUINT64_CONSTANT (0x2545F4914F6CDD1D) + 1 }, NULL, section_ids, 0 };
  char *json;
  gsize length;

  g.language = PICK (&g.rng, ((const char *[]) { "en", "en", "en-GB", "fr", "fr", "ru", "ru", "he", "ar", "" }));

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "format");
  json_builder_add_int_value (b, 1);
  json_builder_set_member_name (b, "id");
  json_builder_add_string_value (b, id);
  json_builder_set_member_name (b, "title");
  title = make_text (&g, 1, 1);
  json_builder_add_string_value (b, title);
  if (rng_chance (&g.rng, 70))
    add_date (b, "date", (int) rng_range (&g.rng, 0, 7000));
  if (rng_chance (&g.rng, 50))
    {
      json_builder_set_member_name (b, "author");
      json_builder_add_string_value (b, PICK (&g.rng, ((const char *[]) {
        "J. Smith", "Жанна Петрова", "Marie-France Lefèvre", "O'Brien & <b>Sons</b>" })));
    }
  if (g.language[0] != '\0')
    {
      json_builder_set_member_name (b, "language");
      json_builder_add_string_value (b, g.language);
    }
  else
    g.language = "en";

  add_sections (&g, b, seed);
  if (rng_chance (&g.rng, 85))
    add_timeline (&g, b);
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  json = json_generator_to_data (generator, &length);

  /* What `treaties --check` runs: the generator's output must pass. */
  bytes = g_bytes_new_static (json, length);
  article = treaties_article_new_from_bytes (bytes, id, error);
  if (article == NULL)
    {
      g_free (json);
      return NULL;
    }
  return json;
}

GBytes *
treaties_test_generate_article_bytes (guint32   seed,
                                      GError  **error)
{
  char *json = treaties_test_generate_article (seed, error);

  if (json == NULL)
    return NULL;
  return g_bytes_new_take (json, strlen (json));
}
