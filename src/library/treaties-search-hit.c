/* treaties-search-hit.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "treaties-search-hit.h"

struct _TreatiesSearchHit
{
  GObject  parent_instance;

  GFile   *file;
  char    *article_id;
  char    *article_title;
  char    *section_id;
  char    *section_title;
  guint    block;
  guint    item;
  char    *snippet;
  GArray  *matches;
};

G_DEFINE_FINAL_TYPE (TreatiesSearchHit, treaties_search_hit, G_TYPE_OBJECT)

static void
treaties_search_hit_finalize (GObject *object)
{
  TreatiesSearchHit *self = TREATIES_SEARCH_HIT (object);

  g_clear_object (&self->file);
  g_free (self->article_id);
  g_free (self->article_title);
  g_free (self->section_id);
  g_free (self->section_title);
  g_free (self->snippet);
  g_clear_pointer (&self->matches, g_array_unref);

  G_OBJECT_CLASS (treaties_search_hit_parent_class)->finalize (object);
}

static void
treaties_search_hit_class_init (TreatiesSearchHitClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = treaties_search_hit_finalize;
}

static void
treaties_search_hit_init (TreatiesSearchHit *self)
{
  self->matches = g_array_new (FALSE, FALSE, sizeof (TreatiesSnippetMatch));
}

TreatiesSearchHit *
treaties_search_hit_new (GFile      *file,
                         const char *article_id,
                         const char *article_title,
                         const char *section_id,
                         const char *section_title,
                         guint       block,
                         guint       item,
                         const char *marked_snippet)
{
  TreatiesSearchHit *self;
  GString *plain;
  TreatiesSnippetMatch match = { 0, 0 };

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (marked_snippet != NULL, NULL);

  self = g_object_new (TREATIES_TYPE_SEARCH_HIT, NULL);
  self->file = g_object_ref (file);
  self->article_id = g_strdup (article_id);
  self->article_title = g_strdup (article_title);
  self->section_id = g_strdup (section_id);
  self->section_title = g_strdup (section_title);
  self->block = block;
  self->item = item;

  plain = g_string_new (NULL);
  for (const char *p = marked_snippet; *p != '\0'; p++)
    if (*p == '\002')
      match.start = plain->len;
    else if (*p == '\003')
      {
        match.end = plain->len;
        if (match.end > match.start)
          g_array_append_val (self->matches, match);
      }
    else
      g_string_append_c (plain, *p);
  self->snippet = g_string_free (plain, FALSE);
  return self;
}

GFile *
treaties_search_hit_get_file (TreatiesSearchHit *self)
{
  g_return_val_if_fail (TREATIES_IS_SEARCH_HIT (self), NULL);
  return self->file;
}

const char *
treaties_search_hit_get_article_id (TreatiesSearchHit *self)
{
  g_return_val_if_fail (TREATIES_IS_SEARCH_HIT (self), NULL);
  return self->article_id;
}

const char *
treaties_search_hit_get_article_title (TreatiesSearchHit *self)
{
  g_return_val_if_fail (TREATIES_IS_SEARCH_HIT (self), NULL);
  return self->article_title;
}

const char *
treaties_search_hit_get_section_id (TreatiesSearchHit *self)
{
  g_return_val_if_fail (TREATIES_IS_SEARCH_HIT (self), NULL);
  return self->section_id;
}

const char *
treaties_search_hit_get_section_title (TreatiesSearchHit *self)
{
  g_return_val_if_fail (TREATIES_IS_SEARCH_HIT (self), NULL);
  return self->section_title;
}

guint
treaties_search_hit_get_block (TreatiesSearchHit *self)
{
  g_return_val_if_fail (TREATIES_IS_SEARCH_HIT (self), 0);
  return self->block;
}

guint
treaties_search_hit_get_item (TreatiesSearchHit *self)
{
  g_return_val_if_fail (TREATIES_IS_SEARCH_HIT (self), 0);
  return self->item;
}

const char *
treaties_search_hit_get_snippet (TreatiesSearchHit *self)
{
  g_return_val_if_fail (TREATIES_IS_SEARCH_HIT (self), NULL);
  return self->snippet;
}

GArray *
treaties_search_hit_get_matches (TreatiesSearchHit *self)
{
  g_return_val_if_fail (TREATIES_IS_SEARCH_HIT (self), NULL);
  return self->matches;
}

char *
treaties_search_hit_dup_snippet_marked (TreatiesSearchHit *self,
                                        const char        *open,
                                        const char        *close)
{
  GString *out;
  guint at = 0;

  g_return_val_if_fail (TREATIES_IS_SEARCH_HIT (self), NULL);

  out = g_string_new (NULL);
  for (guint i = 0; i < self->matches->len; i++)
    {
      TreatiesSnippetMatch *m = &g_array_index (self->matches, TreatiesSnippetMatch, i);

      g_string_append_len (out, self->snippet + at, m->start - at);
      g_string_append (out, open);
      g_string_append_len (out, self->snippet + m->start, m->end - m->start);
      g_string_append (out, close);
      at = m->end;
    }
  g_string_append (out, self->snippet + at);
  return g_string_free (out, FALSE);
}
