/* treaties-text-match.c: finding a reader's query in text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "treaties-text-match.h"

/* The folded form of a text: one gunichar per folded character and, for the
 * haystack, the offset of the original character each one came from. */
typedef struct {
  GArray   *chars;    /* of gunichar */
  GArray   *origins;  /* of guint, or NULL when not needed */
  gboolean  in_space;
} Folded;

/* Letters that do not decompose but that a reader types without their
 * stroke, and ligatures that a reader spells out. */
static const struct {
  gunichar    c;
  const char *folded;
} spelt_out[] = {
  { 0x00C6, "ae" }, { 0x00E6, "ae" },   /* Æ æ */
  { 0x00D0, "d" },  { 0x00F0, "d" },    /* Ð ð */
  { 0x00D8, "o" },  { 0x00F8, "o" },    /* Ø ø */
  { 0x0110, "d" },  { 0x0111, "d" },    /* Đ đ */
  { 0x0126, "h" },  { 0x0127, "h" },    /* Ħ ħ */
  { 0x0131, "i" },                      /* ı */
  { 0x0141, "l" },  { 0x0142, "l" },    /* Ł ł */
  { 0x0152, "oe" }, { 0x0153, "oe" },   /* Œ œ */
  { 0x0166, "t" },  { 0x0167, "t" },    /* Ŧ ŧ */
  { 0x00DE, "th" }, { 0x00FE, "th" },   /* Þ þ */
};

static void
push (Folded   *folded,
      gunichar  c,
      guint     origin)
{
  g_array_append_val (folded->chars, c);
  if (folded->origins != NULL)
    g_array_append_val (folded->origins, origin);
  folded->in_space = c == ' ';
}

static void
push_casefolded (Folded   *folded,
                 gunichar  c,
                 guint     origin)
{
  char utf8[8];
  g_autofree char *casefolded = NULL;
  int len;

  if (c < 0x80)
    {
      push (folded, g_ascii_tolower (c), origin);
      return;
    }

  len = g_unichar_to_utf8 (c, utf8);
  casefolded = g_utf8_casefold (utf8, len);
  for (const char *p = casefolded; *p != '\0'; p = g_utf8_next_char (p))
    push (folded, g_utf8_get_char (p), origin);
}

/* Typographic variants of what a keyboard types. */
static gunichar
plain_punctuation (gunichar c)
{
  switch (c)
    {
    case 0x2018: case 0x2019: case 0x201B: case 0x2032: case 0x02BC:
      return '\'';
    case 0x201C: case 0x201D: case 0x201F: case 0x2033:
      return '"';
    case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014:
    case 0x2015: case 0x2212:
      return '-';
    default:
      return 0;
    }
}

static void
fold_char (Folded   *folded,
           gunichar  c,
           guint     origin)
{
  gunichar decomposed[G_UNICHAR_MAX_DECOMPOSITION_LENGTH];
  gsize n;
  gunichar plain;

  if (c < 0x80 && c != ' ' && !g_ascii_isspace (c))
    {
      push (folded, g_ascii_tolower (c), origin);
      return;
    }

  /* Runs of white space, including no-break and thin spaces and line
   * breaks, are one space; none at the start. */
  if (g_unichar_isspace (c))
    {
      if (!folded->in_space && folded->chars->len > 0)
        push (folded, ' ', origin);
      return;
    }

  /* Soft hyphens, zero-width spaces and joiners are not seen. */
  if (g_unichar_type (c) == G_UNICODE_FORMAT)
    return;

  if ((plain = plain_punctuation (c)) != 0)
    {
      push (folded, plain, origin);
      return;
    }

  for (guint i = 0; i < G_N_ELEMENTS (spelt_out); i++)
    if (spelt_out[i].c == c)
      {
        for (const char *p = spelt_out[i].folded; *p != '\0'; p++)
          push (folded, *p, origin);
        return;
      }

  /* Compatibility decomposition (NFKD) splits "é" into "e" and a combining
   * acute, and "ﬁ" into "fi"; the marks are then dropped. */
  n = g_unichar_fully_decompose (c, TRUE, decomposed, G_N_ELEMENTS (decomposed));
  for (gsize i = 0; i < n; i++)
    {
      if (g_unichar_type (decomposed[i]) == G_UNICODE_NON_SPACING_MARK)
        continue;
      push_casefolded (folded, decomposed[i], origin);
    }
}

static void
fold (Folded         *folded,
      const gunichar *text,
      glong           len,
      gboolean        with_origins)
{
  folded->chars = g_array_sized_new (FALSE, FALSE, sizeof (gunichar), len + 1);
  folded->origins = with_origins ? g_array_sized_new (FALSE, FALSE, sizeof (guint), len + 1) : NULL;
  folded->in_space = FALSE;

  for (glong i = 0; i < len; i++)
    fold_char (folded, text[i], i);
}

static void
folded_clear (Folded *folded)
{
  g_clear_pointer (&folded->chars, g_array_unref);
  g_clear_pointer (&folded->origins, g_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Folded, folded_clear)

/* The needle, folded, without trailing white space (fold() already drops
 * leading white space). */
static void
fold_needle (Folded     *folded,
             const char *needle)
{
  glong len = 0;
  g_autofree gunichar *text = g_utf8_to_ucs4_fast (needle, -1, &len);

  fold (folded, text, len, FALSE);
  while (folded->chars->len > 0 &&
         g_array_index (folded->chars, gunichar, folded->chars->len - 1) == ' ')
    g_array_set_size (folded->chars, folded->chars->len - 1);
}

static GArray *
find (const char *haystack,
      const char *needle,
      guint       max_matches)
{
  GArray *matches = g_array_new (FALSE, FALSE, sizeof (TreatiesTextMatch));
  g_auto(Folded) folded_needle = { NULL, };
  g_auto(Folded) folded_haystack = { NULL, };
  g_autofree gunichar *text = NULL;
  const gunichar *h, *n;
  glong text_len = 0;
  guint n_len, h_len;
  guint last_end = 0;

  g_return_val_if_fail (haystack != NULL, matches);
  g_return_val_if_fail (needle != NULL, matches);

  fold_needle (&folded_needle, needle);
  if ((n_len = folded_needle.chars->len) == 0)
    return matches;

  text = g_utf8_to_ucs4_fast (haystack, -1, &text_len);
  fold (&folded_haystack, text, text_len, TRUE);
  h_len = folded_haystack.chars->len;
  h = (const gunichar *) (gpointer) folded_haystack.chars->data;
  n = (const gunichar *) (gpointer) folded_needle.chars->data;

  for (guint p = 0; p + n_len <= h_len; )
    {
      TreatiesTextMatch match;

      if (h[p] != n[0] || memcmp (h + p, n, n_len * sizeof (gunichar)) != 0)
        {
          p++;
          continue;
        }

      match.start = g_array_index (folded_haystack.origins, guint, p);
      match.end = g_array_index (folded_haystack.origins, guint, p + n_len - 1) + 1;
      p += n_len;

      /* Part of one character that folds to several ("ß" to "ss") that a
       * match already covers. */
      if (matches->len > 0 && match.start < last_end)
        continue;

      /* The accents on the last letter are part of the match. */
      while (match.end < (guint) text_len &&
             g_unichar_type (text[match.end]) == G_UNICODE_NON_SPACING_MARK)
        match.end++;

      g_array_append_val (matches, match);
      last_end = match.end;
      if (max_matches > 0 && matches->len >= max_matches)
        break;
    }

  return matches;
}

GArray *
treaties_text_match_find_all (const char *haystack,
                              const char *needle)
{
  return find (haystack, needle, 0);
}

gboolean
treaties_text_match_contains (const char *haystack,
                              const char *needle)
{
  g_autoptr(GArray) matches = find (haystack, needle, 1);

  return matches->len > 0;
}

char *
treaties_text_match_fold (const char *text)
{
  g_auto(Folded) folded = { NULL, };
  g_autofree gunichar *chars = NULL;
  glong len = 0;

  g_return_val_if_fail (text != NULL, NULL);

  chars = g_utf8_to_ucs4_fast (text, -1, &len);
  fold (&folded, chars, len, FALSE);
  return g_ucs4_to_utf8 ((const gunichar *) (gpointer) folded.chars->data, folded.chars->len,
                         NULL, NULL, NULL);
}
