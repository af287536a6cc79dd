/* treaties-search-hit.h: one passage found by a library search
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* A range of bytes [start, end) of a snippet that matched the query. */
typedef struct {
  guint start;
  guint end;
} TreatiesSnippetMatch;

#define TREATIES_TYPE_SEARCH_HIT (treaties_search_hit_get_type ())

G_DECLARE_FINAL_TYPE (TreatiesSearchHit, treaties_search_hit, TREATIES, SEARCH_HIT, GObject)

/* @marked_snippet has each match between U+0002 and U+0003; the hit keeps
 * it plain, with the matches as byte ranges. */
TreatiesSearchHit *treaties_search_hit_new               (GFile             *file,
                                                          const char        *article_id,
                                                          const char        *article_title,
                                                          const char        *section_id,
                                                          const char        *section_title,
                                                          guint              block,
                                                          guint              item,
                                                          const char        *marked_snippet);

GFile             *treaties_search_hit_get_file          (TreatiesSearchHit *self);
const char        *treaties_search_hit_get_article_id    (TreatiesSearchHit *self);
const char        *treaties_search_hit_get_article_title (TreatiesSearchHit *self);
const char        *treaties_search_hit_get_section_id    (TreatiesSearchHit *self);
const char        *treaties_search_hit_get_section_title (TreatiesSearchHit *self);
/* The block's index in its section's blocks, and the item's in the block
 * (0 but for lists): the passage to open. */
guint              treaties_search_hit_get_block         (TreatiesSearchHit *self);
guint              treaties_search_hit_get_item          (TreatiesSearchHit *self);
/* A few words around the matches, "…" where cut. */
const char        *treaties_search_hit_get_snippet       (TreatiesSearchHit *self);
/* The matches in the snippet, in order (TreatiesSnippetMatch). */
GArray            *treaties_search_hit_get_matches       (TreatiesSearchHit *self);
/* The snippet with each match between @open and @close (e.g. "<b>",
 * "</b>" after escaping: see g_markup_escape_text()). */
char              *treaties_search_hit_dup_snippet_marked (TreatiesSearchHit *self,
                                                           const char        *open,
                                                           const char        *close);

G_END_DECLS
