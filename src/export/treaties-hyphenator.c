/* treaties-hyphenator.c: Liang's hyphenation over libhyphen dictionaries
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "treaties-hyphenator.h"

#define SOFT_HYPHEN "\xc2\xad"
/* Words shorter than this are never broken. */
#define MIN_WORD_CHARS 6
/* The word cache is dropped when it grows past this many words. */
#define MAX_CACHED_WORDS 65536

struct _TreatiesHyphenator
{
  GObject     parent_instance;

  /* Letters of a pattern (UTF-8, lower case, '.' at a word's edge) to a
   * guint8 array: its length, then one level per gap (length + 1). */
  GHashTable *patterns;
  guint       max_pattern_chars;
  guint       left_min;
  guint       right_min;

  GMutex      cache_lock;
  GHashTable *cache;  /* word -> the word with soft hyphens */
};

G_DEFINE_FINAL_TYPE (TreatiesHyphenator, treaties_hyphenator, G_TYPE_OBJECT)

G_LOCK_DEFINE_STATIC (shared);
static GHashTable *shared_hyphenators; /* language -> hyphenator, or a NULL value */

static void
unref_if_set (gpointer data)
{
  if (data != NULL)
    g_object_unref (data);
}

static gboolean
starts_with_keyword (const char *line,
                     const char *keyword,
                     guint      *value)
{
  gsize len = strlen (keyword);

  if (strncmp (line, keyword, len) != 0)
    return FALSE;
  if (value != NULL)
    {
      guint64 v = g_ascii_strtoull (line + len, NULL, 10);
      if (v > 0 && v < 16)
        *value = (guint) v;
    }
  return TRUE;
}

static void
add_pattern (TreatiesHyphenator *self,
             const char         *line)
{
  GString *letters = g_string_new (NULL);
  guint8 levels[256] = { 0 };
  guint n_chars = 0;
  guint8 *value;

  for (const char *p = line; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c >= '0' && c <= '9')
        {
          levels[n_chars] = (guint8) (c - '0');
          continue;
        }
      if (n_chars + 1 >= G_N_ELEMENTS (levels))
        {
          g_string_free (letters, TRUE);
          return;
        }
      g_string_append_unichar (letters, g_unichar_tolower (c));
      n_chars++;
    }

  if (n_chars == 0)
    {
      g_string_free (letters, TRUE);
      return;
    }

  value = g_malloc (n_chars + 2);
  value[0] = (guint8) n_chars;
  memcpy (value + 1, levels, n_chars + 1);
  g_hash_table_replace (self->patterns, g_string_free (letters, FALSE), value);
  self->max_pattern_chars = MAX (self->max_pattern_chars, n_chars);
}

/* Shapers form the f-ligatures (ff, fi, fl) across a soft hyphen, and the
 * ligature's text in a PDF then holds the soft hyphen: "signif\u00ADicant"
 * would not be found by a search. Such points are left out. @before and
 * @after are the lower-case letters either side of the point. */
static gboolean
splits_ligature (const char *before,
                 const char *after)
{
  return before[0] == 'f' && (after[0] == 'f' || after[0] == 'i' || after[0] == 'l');
}

/* Hyphenates one word of @n_chars letters at @word; appends it to @out. */
static void
hyphenate_word (TreatiesHyphenator *self,
                GString            *out,
                const char         *word,
                gsize               word_len,
                guint               n_chars)
{
  g_autofree guint8 *points = NULL;
  g_autofree gsize *offsets = NULL;
  g_autoptr(GString) dotted = NULL;
  const char *p;
  gboolean has_lower = FALSE;
  guint n_dotted = n_chars + 2;
  char key[256];

  if (n_chars < MAX (MIN_WORD_CHARS, self->left_min + self->right_min))
    {
      g_string_append_len (out, word, word_len);
      return;
    }

  dotted = g_string_sized_new (word_len + 2);
  offsets = g_new (gsize, n_dotted + 1);
  offsets[0] = 0;
  g_string_append_c (dotted, '.');
  p = word;
  for (guint i = 0; i < n_chars; i++, p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      has_lower |= g_unichar_islower (c);
      offsets[i + 1] = dotted->len;
      g_string_append_unichar (dotted, g_unichar_tolower (c));
    }
  offsets[n_chars + 1] = dotted->len;
  g_string_append_c (dotted, '.');
  offsets[n_dotted] = dotted->len;

  /* Acronyms (USSR) are not broken. */
  if (!has_lower)
    {
      g_string_append_len (out, word, word_len);
      return;
    }

  points = g_new0 (guint8, n_dotted + 1);
  for (guint i = 0; i < n_dotted; i++)
    for (guint j = i + 1; j <= n_dotted && j - i <= self->max_pattern_chars; j++)
      {
        gsize len = offsets[j] - offsets[i];
        const guint8 *value;

        if (len >= sizeof key)
          break;
        memcpy (key, dotted->str + offsets[i], len);
        key[len] = '\0';
        value = g_hash_table_lookup (self->patterns, key);
        if (value == NULL)
          continue;
        for (guint k = 0; k <= value[0]; k++)
          points[i + k] = MAX (points[i + k], value[k + 1]);
      }

  /* A break before letter i of the word is the gap before dotted
   * character i + 1. */
  p = word;
  for (guint i = 0; i < n_chars; i++)
    {
      const char *next = g_utf8_next_char (p);

      if (i >= self->left_min && n_chars - i >= self->right_min && (points[i + 1] & 1) != 0 &&
          !splits_ligature (dotted->str + offsets[i], dotted->str + offsets[i + 1]))
        g_string_append (out, SOFT_HYPHEN);
      g_string_append_len (out, p, next - p);
      p = next;
    }
}

static void
append_word (TreatiesHyphenator *self,
             GString            *out,
             const char         *word,
             gsize               word_len,
             guint               n_chars)
{
  g_autofree char *key = NULL;
  const char *cached;
  gsize start;

  if (n_chars < MIN_WORD_CHARS)
    {
      g_string_append_len (out, word, word_len);
      return;
    }

  key = g_strndup (word, word_len);
  g_mutex_lock (&self->cache_lock);
  cached = g_hash_table_lookup (self->cache, key);
  if (cached != NULL)
    g_string_append (out, cached);
  g_mutex_unlock (&self->cache_lock);
  if (cached != NULL)
    return;

  start = out->len;
  hyphenate_word (self, out, word, word_len, n_chars);

  g_mutex_lock (&self->cache_lock);
  if (g_hash_table_size (self->cache) >= MAX_CACHED_WORDS)
    g_hash_table_remove_all (self->cache);
  g_hash_table_replace (self->cache, g_steal_pointer (&key),
                        g_strndup (out->str + start, out->len - start));
  g_mutex_unlock (&self->cache_lock);
}

static TreatiesHyphenator *
load_for_language (const char *language)
{
  g_auto(GStrv) parts = g_strsplit_set (language, "-_", 3);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char * const *data_dirs = g_get_system_data_dirs ();

  if (parts[0] == NULL || parts[0][0] == '\0')
    return NULL;
  if (parts[1] != NULL && strlen (parts[1]) == 2)
    {
      g_autofree char *region = g_ascii_strup (parts[1], -1);
      g_ptr_array_add (names, g_strdup_printf ("hyph_%s_%s.dic", parts[0], region));
    }
  g_ptr_array_add (names, g_strdup_printf ("hyph_%s.dic", parts[0]));

  for (guint i = 0; i < names->len; i++)
    for (guint d = 0; data_dirs[d] != NULL; d++)
      {
        g_autofree char *path = g_build_filename (data_dirs[d], "hyphen", names->pdata[i], NULL);
        g_autofree char *contents = NULL;
        gsize length;

        if (g_file_get_contents (path, &contents, &length, NULL))
          {
            g_autoptr(GError) error = NULL;
            TreatiesHyphenator *self = treaties_hyphenator_new_from_data (contents, length, &error);

            if (self != NULL)
              return self;
            g_debug ("%s: %s", path, error->message);
          }
      }
  return NULL;
}

static void
treaties_hyphenator_finalize (GObject *object)
{
  TreatiesHyphenator *self = (TreatiesHyphenator *)object;

  g_clear_pointer (&self->patterns, g_hash_table_unref);
  g_clear_pointer (&self->cache, g_hash_table_unref);
  g_mutex_clear (&self->cache_lock);

  G_OBJECT_CLASS (treaties_hyphenator_parent_class)->finalize (object);
}

static void
treaties_hyphenator_class_init (TreatiesHyphenatorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = treaties_hyphenator_finalize;
}

static void
treaties_hyphenator_init (TreatiesHyphenator *self)
{
  self->patterns = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_mutex_init (&self->cache_lock);
  self->left_min = 2;
  self->right_min = 3;
}

TreatiesHyphenator *
treaties_hyphenator_new_from_data (const char  *data,
                                   gsize        length,
                                   GError     **error)
{
  g_autoptr(TreatiesHyphenator) self = NULL;
  g_autofree char *converted = NULL;
  g_auto(GStrv) lines = NULL;
  const char *newline;
  g_autofree char *charset = NULL;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  newline = memchr (data, '\n', length);
  if (newline == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           "not a hyphenation dictionary: no charset line");
      return NULL;
    }
  charset = g_strstrip (g_strndup (data, newline - data));

  if (g_ascii_strcasecmp (charset, "UTF-8") == 0)
    {
      if (!g_utf8_validate_len (data, length, NULL))
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                               "hyphenation dictionary: invalid UTF-8");
          return NULL;
        }
      converted = g_strndup (data, length);
    }
  else
    {
      converted = g_convert (data, length, "UTF-8", charset, NULL, NULL, error);
      if (converted == NULL)
        return NULL;
    }

  self = g_object_new (TREATIES_TYPE_HYPHENATOR, NULL);
  lines = g_strsplit (converted, "\n", -1);
  for (guint i = 1; lines[i] != NULL; i++)
    {
      char *line = g_strstrip (lines[i]);
      guint v;

      if (line[0] == '\0' || line[0] == '%' || line[0] == '#')
        continue;
      if (starts_with_keyword (line, "NEXTLEVEL", NULL))
        break; /* compound-word levels: the first level is enough */
      if (starts_with_keyword (line, "LEFTHYPHENMIN", &self->left_min) ||
          starts_with_keyword (line, "RIGHTHYPHENMIN", &self->right_min) ||
          starts_with_keyword (line, "COMPOUNDLEFTHYPHENMIN", &v) ||
          starts_with_keyword (line, "COMPOUNDRIGHTHYPHENMIN", &v) ||
          starts_with_keyword (line, "NOHYPHEN", NULL))
        continue;
      if (strchr (line, '/') != NULL)
        continue; /* non-standard hyphenation (spelling changes) */
      add_pattern (self, line);
    }

  /* Typographic minimums, whatever the dictionary allows. */
  self->left_min = MAX (self->left_min, 2);
  self->right_min = MAX (self->right_min, 3);

  if (g_hash_table_size (self->patterns) == 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           "hyphenation dictionary: no patterns");
      return NULL;
    }
  return g_steal_pointer (&self);
}

TreatiesHyphenator *
treaties_hyphenator_get_for_language (const char *language)
{
  TreatiesHyphenator *self;
  gpointer found = NULL;
  g_autofree char *key = NULL;

  if (language == NULL || language[0] == '\0')
    return NULL;

  key = g_ascii_strdown (language, -1);
  G_LOCK (shared);
  if (shared_hyphenators == NULL)
    shared_hyphenators = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, unref_if_set);
  if (g_hash_table_lookup_extended (shared_hyphenators, key, NULL, &found))
    self = found;
  else
    {
      self = load_for_language (key);
      if (self != NULL)
        g_hash_table_insert (shared_hyphenators, g_strdup (key), self);
      else
        g_hash_table_insert (shared_hyphenators, g_strdup (key), NULL);
    }
  if (self != NULL)
    g_object_ref (self);
  G_UNLOCK (shared);

  return self;
}

gboolean
treaties_token_is_verbatim (const char *token,
                            gsize       length)
{
  const char *end = token + length;
  const char *at = NULL;

  for (const char *p = token; p < end; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isdigit (c) || c == '/')
        return TRUE;
      if (c == '@')
        at = p;
      else if (c == '.' && at != NULL && p > at + 1 && p + 1 < end && g_unichar_isalnum (g_utf8_get_char (p + 1)))
        return TRUE;
    }
  return length > 4 && g_ascii_strncasecmp (token, "www.", 4) == 0;
}

/* Hyphenates the words of one token (no white space in it). */
static void
append_token (TreatiesHyphenator *self,
              GString            *out,
              const char         *token,
              gsize               length)
{
  const char *end = token + length;
  const char *word = NULL;
  guint n_chars = 0;

  for (const char *p = token; ; p = g_utf8_next_char (p))
    {
      gunichar c = p < end ? g_utf8_get_char (p) : 0;
      gboolean letter = c != 0 && g_unichar_isalpha (c);

      if (letter)
        {
          if (word == NULL)
            {
              word = p;
              n_chars = 0;
            }
          n_chars++;
          continue;
        }

      if (word != NULL)
        {
          append_word (self, out, word, p - word, n_chars);
          word = NULL;
        }
      if (p >= end)
        break;
      g_string_append_len (out, p, g_utf8_next_char (p) - p);
    }
}

void
treaties_hyphenator_append_hyphenated (TreatiesHyphenator *self,
                                       GString            *out,
                                       const char         *text)
{
  const char *p = text;

  g_return_if_fail (TREATIES_IS_HYPHENATOR (self));
  g_return_if_fail (out != NULL);
  g_return_if_fail (text != NULL);

  while (*p != '\0')
    {
      const char *start = p;

      /* White space as it is, then one token. */
      while (*p != '\0' && g_unichar_isspace (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);
      g_string_append_len (out, start, p - start);
      start = p;
      while (*p != '\0' && !g_unichar_isspace (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);
      if (p == start)
        continue;
      if (treaties_token_is_verbatim (start, p - start))
        g_string_append_len (out, start, p - start);
      else
        append_token (self, out, start, p - start);
    }
}
