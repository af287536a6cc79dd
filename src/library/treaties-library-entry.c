/* treaties-library-entry.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "treaties-library-entry.h"

#define SUMMARY_MAX_CHARS 200

struct _TreatiesLibraryEntry
{
  GObject                parent_instance;

  GFile                 *file;
  TreatiesLibraryOrigin  origin;
  char                  *article_id;
  char                  *title;
  char                  *title_key;   /* collation key of title */
  TreatiesDay            date;
  char                  *summary;
  gboolean               date_disputed;
  char                  *author;
  char                  *problems;
};

enum {
  PROP_0,
  PROP_FILE,
  PROP_ORIGIN,
  PROP_ARTICLE_ID,
  PROP_TITLE,
  PROP_DATE,
  PROP_SUMMARY,
  PROP_AUTHOR,
  PROP_PROBLEMS,
  PROP_VALID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (TreatiesLibraryEntry, treaties_library_entry, G_TYPE_OBJECT)

static void
treaties_library_entry_finalize (GObject *object)
{
  TreatiesLibraryEntry *self = TREATIES_LIBRARY_ENTRY (object);

  g_clear_object (&self->file);
  g_free (self->article_id);
  g_free (self->title);
  g_free (self->title_key);
  g_free (self->summary);
  g_free (self->author);
  g_free (self->problems);

  G_OBJECT_CLASS (treaties_library_entry_parent_class)->finalize (object);
}

static void
treaties_library_entry_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  TreatiesLibraryEntry *self = TREATIES_LIBRARY_ENTRY (object);

  switch (prop_id)
    {
    case PROP_FILE:       g_value_set_object (value, self->file); break;
    case PROP_ORIGIN:     g_value_set_int (value, self->origin); break;
    case PROP_ARTICLE_ID: g_value_set_string (value, self->article_id); break;
    case PROP_TITLE:      g_value_set_string (value, self->title); break;
    case PROP_DATE:       g_value_set_uint (value, self->date); break;
    case PROP_SUMMARY:    g_value_set_string (value, self->summary); break;
    case PROP_AUTHOR:     g_value_set_string (value, self->author); break;
    case PROP_PROBLEMS:   g_value_set_string (value, self->problems); break;
    case PROP_VALID:      g_value_set_boolean (value, self->problems == NULL); break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
treaties_library_entry_class_init (TreatiesLibraryEntryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = treaties_library_entry_finalize;
  object_class->get_property = treaties_library_entry_get_property;

  properties[PROP_FILE] = g_param_spec_object ("file", NULL, NULL, G_TYPE_FILE, flags);
  properties[PROP_ORIGIN] = g_param_spec_int ("origin", NULL, NULL,
                                              TREATIES_LIBRARY_ORIGIN_SHIPPED, TREATIES_LIBRARY_ORIGIN_OTHER,
                                              TREATIES_LIBRARY_ORIGIN_OTHER, flags);
  properties[PROP_ARTICLE_ID] = g_param_spec_string ("article-id", NULL, NULL, NULL, flags);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, flags);
  properties[PROP_DATE] = g_param_spec_uint ("date", NULL, NULL, 0, G_MAXUINT32, 0, flags);
  properties[PROP_SUMMARY] = g_param_spec_string ("summary", NULL, NULL, NULL, flags);
  properties[PROP_AUTHOR] = g_param_spec_string ("author", NULL, NULL, NULL, flags);
  properties[PROP_PROBLEMS] = g_param_spec_string ("problems", NULL, NULL, NULL, flags);
  properties[PROP_VALID] = g_param_spec_boolean ("valid", NULL, NULL, FALSE, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
treaties_library_entry_init (TreatiesLibraryEntry *self)
{
}

TreatiesLibraryEntry *
treaties_library_entry_new (GFile                 *file,
                            TreatiesLibraryOrigin  origin,
                            const char            *article_id,
                            const char            *title,
                            TreatiesDay            date,
                            const char            *summary,
                            const char            *author,
                            const char            *problems)
{
  TreatiesLibraryEntry *self;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  self = g_object_new (TREATIES_TYPE_LIBRARY_ENTRY, NULL);
  self->file = g_object_ref (file);
  self->origin = origin;
  self->article_id = g_strdup (article_id);
  if (title != NULL && *title != '\0')
    self->title = g_strdup (title);
  else
    {
      g_autofree char *basename = g_file_get_basename (file);
      self->title = g_filename_display_name (basename != NULL ? basename : "?");
    }
  self->title_key = g_utf8_collate_key (self->title, -1);
  self->date = date;
  self->summary = g_strdup (summary != NULL ? summary : "");
  self->author = g_strdup (author);
  self->problems = g_strdup (problems);
  return self;
}

/* Said once, when the entry is made: the article has a "date_note", so its
 * date is its own dating, not a fact. */
void
treaties_library_entry_set_date_disputed (TreatiesLibraryEntry *self,
                                          gboolean              disputed)
{
  g_return_if_fail (TREATIES_IS_LIBRARY_ENTRY (self));

  self->date_disputed = !!disputed;
}

gboolean
treaties_library_entry_get_date_disputed (TreatiesLibraryEntry *self)
{
  g_return_val_if_fail (TREATIES_IS_LIBRARY_ENTRY (self), FALSE);

  return self->date_disputed;
}

GFile *
treaties_library_entry_get_file (TreatiesLibraryEntry *self)
{
  g_return_val_if_fail (TREATIES_IS_LIBRARY_ENTRY (self), NULL);
  return self->file;
}

TreatiesLibraryOrigin
treaties_library_entry_get_origin (TreatiesLibraryEntry *self)
{
  g_return_val_if_fail (TREATIES_IS_LIBRARY_ENTRY (self), TREATIES_LIBRARY_ORIGIN_OTHER);
  return self->origin;
}

const char *
treaties_library_entry_get_article_id (TreatiesLibraryEntry *self)
{
  g_return_val_if_fail (TREATIES_IS_LIBRARY_ENTRY (self), NULL);
  return self->article_id;
}

const char *
treaties_library_entry_get_title (TreatiesLibraryEntry *self)
{
  g_return_val_if_fail (TREATIES_IS_LIBRARY_ENTRY (self), NULL);
  return self->title;
}

TreatiesDay
treaties_library_entry_get_date (TreatiesLibraryEntry *self)
{
  g_return_val_if_fail (TREATIES_IS_LIBRARY_ENTRY (self), TREATIES_DAY_INVALID);
  return self->date;
}

const char *
treaties_library_entry_get_summary (TreatiesLibraryEntry *self)
{
  g_return_val_if_fail (TREATIES_IS_LIBRARY_ENTRY (self), NULL);
  return self->summary;
}

const char *
treaties_library_entry_get_author (TreatiesLibraryEntry *self)
{
  g_return_val_if_fail (TREATIES_IS_LIBRARY_ENTRY (self), NULL);
  return self->author;
}

const char *
treaties_library_entry_get_problems (TreatiesLibraryEntry *self)
{
  g_return_val_if_fail (TREATIES_IS_LIBRARY_ENTRY (self), NULL);
  return self->problems;
}

gboolean
treaties_library_entry_is_valid (TreatiesLibraryEntry *self)
{
  g_return_val_if_fail (TREATIES_IS_LIBRARY_ENTRY (self), FALSE);
  return self->problems == NULL;
}

int
treaties_library_entry_compare (gconstpointer a,
                                gconstpointer b,
                                gpointer      user_data)
{
  TreatiesLibraryEntry *x = (TreatiesLibraryEntry *) a;
  TreatiesLibraryEntry *y = (TreatiesLibraryEntry *) b;
  int cmp;

  if (x->date != y->date)
    {
      if (x->date == TREATIES_DAY_INVALID)
        return 1;
      if (y->date == TREATIES_DAY_INVALID)
        return -1;
      return x->date < y->date ? -1 : 1;
    }
  if ((cmp = strcmp (x->title_key, y->title_key)) != 0)
    return cmp;
  {
    g_autofree char *ux = g_file_get_uri (x->file);
    g_autofree char *uy = g_file_get_uri (y->file);

    return strcmp (ux, uy);
  }
}

/* "J. Smith", "Mr. Eden", "e.g. this": a full stop that ends no sentence. */
static gboolean
is_abbreviation (const char *start,
                 const char *dot)
{
  static const char *abbreviations[] = {
    "mr", "mrs", "ms", "dr", "st", "jr", "sr", "vs", "cf", "eg", "ie", "etc", "art", "gen", "col", "capt", "prof",
  };
  const char *word = dot;
  g_autofree char *lower = NULL;
  g_autoptr(GString) letters = g_string_new (NULL);
  glong n_chars;

  while (word > start)
    {
      const char *prev = g_utf8_prev_char (word);
      gunichar c = g_utf8_get_char (prev);

      if (!g_unichar_isalpha (c) && c != '.')
        break;
      word = prev;
    }
  n_chars = g_utf8_strlen (word, dot - word);
  if (n_chars == 1)
    return TRUE;   /* an initial */
  for (const char *p = word; p < dot; p = g_utf8_next_char (p))
    if (*p != '.')
      g_string_append_unichar (letters, g_utf8_get_char (p));
  lower = g_utf8_strdown (letters->str, -1);
  for (guint i = 0; i < G_N_ELEMENTS (abbreviations); i++)
    if (g_str_equal (lower, abbreviations[i]))
      return TRUE;
  return FALSE;
}

char *
treaties_library_first_sentence (const char *text)
{
  g_autoptr(GString) out = g_string_new (NULL);
  const char *p;
  glong n_chars = 0;
  gboolean space = FALSE;

  g_return_val_if_fail (text != NULL, NULL);

  for (p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || g_unichar_iscntrl (c))
        {
          space = out->len > 0;
          continue;
        }
      if (space)
        {
          if (n_chars >= SUMMARY_MAX_CHARS)
            {
              g_string_append (out, "…");
              return g_string_free (g_steal_pointer (&out), FALSE);
            }
          g_string_append_c (out, ' ');
          n_chars++;
          space = FALSE;
        }
      g_string_append_unichar (out, c);
      n_chars++;

      if (c == '!' || c == '?' || c == 0x2026 || (c == '.' && !is_abbreviation (text, p)))
        {
          const char *next = g_utf8_next_char (p);
          gunichar after;

          /* A closing quote or bracket belongs to the sentence. */
          while (*next != '\0' && (after = g_utf8_get_char (next),
                                   g_unichar_type (after) == G_UNICODE_FINAL_PUNCTUATION ||
                                   g_unichar_type (after) == G_UNICODE_CLOSE_PUNCTUATION ||
                                   after == '"' || after == '\''))
            {
              g_string_append_unichar (out, after);
              next = g_utf8_next_char (next);
            }
          if (*next == '\0' || g_unichar_isspace (g_utf8_get_char (next)))
            return g_string_free (g_steal_pointer (&out), FALSE);
          p = g_utf8_prev_char (next);
        }
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}
