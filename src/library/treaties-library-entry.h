/* treaties-library-entry.h: one article of the library, as listed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "treaties-date.h"

G_BEGIN_DECLS

/* Where an entry comes from; when a file is found in several places the
 * first of this order wins. */
typedef enum {
  TREATIES_LIBRARY_ORIGIN_SHIPPED,      /* installed with the app, or built in */
  TREATIES_LIBRARY_ORIGIN_FOLDER,       /* $XDG_DATA_HOME/treaties/articles/ */
  TREATIES_LIBRARY_ORIGIN_OPENED,       /* opened before (the UI's recent list) */
  TREATIES_LIBRARY_ORIGIN_OTHER,        /* given on the command line */
} TreatiesLibraryOrigin;

#define TREATIES_TYPE_LIBRARY_ENTRY (treaties_library_entry_get_type ())

G_DECLARE_FINAL_TYPE (TreatiesLibraryEntry, treaties_library_entry, TREATIES, LIBRARY_ENTRY, GObject)

/* Immutable: when the file changes, the library replaces the entry. A valid
 * article has an id and a title and no problems; an invalid one has its
 * problems (the loader's message, one line per problem) and its file's
 * name as title. The entry holds no article: load it from the file. */
TreatiesLibraryEntry  *treaties_library_entry_new          (GFile                 *file,
                                                            TreatiesLibraryOrigin  origin,
                                                            const char            *article_id,
                                                            const char            *title,
                                                            TreatiesDay            date,
                                                            const char            *summary,
                                                            const char            *author,
                                                            const char            *problems);

GFile                 *treaties_library_entry_get_file       (TreatiesLibraryEntry *self);
TreatiesLibraryOrigin  treaties_library_entry_get_origin     (TreatiesLibraryEntry *self);
/* NULL for an invalid article. */
const char            *treaties_library_entry_get_article_id (TreatiesLibraryEntry *self);
const char            *treaties_library_entry_get_title      (TreatiesLibraryEntry *self);
/* TREATIES_DAY_INVALID when the article has none. */
TreatiesDay            treaties_library_entry_get_date       (TreatiesLibraryEntry *self);
/* One line: the first sentence of the first paragraph; "" when none. */
const char            *treaties_library_entry_get_summary    (TreatiesLibraryEntry *self);
/* NULL when the article names none. */
const char            *treaties_library_entry_get_author     (TreatiesLibraryEntry *self);
/* NULL when valid; else one "NAME:LINE:COL: what" or "NAME: path: what"
 * line per problem. */
const char            *treaties_library_entry_get_problems   (TreatiesLibraryEntry *self);
gboolean               treaties_library_entry_is_valid       (TreatiesLibraryEntry *self);

/* Library order: dated entries by date, then undated ones; then by title
 * (collated), then by URI. A GCompareDataFunc on two entries. */
int                    treaties_library_entry_compare        (gconstpointer a,
                                                              gconstpointer b,
                                                              gpointer      user_data);

/* The first sentence of @text, on one line, at most about 200 characters
 * (cut at a word, with "…"). Used for the summary. */
char                  *treaties_library_first_sentence       (const char *text);

/* TRUE when the date is the article's own dating, which an editor's note
 * disputes ("date_note"): never show it as a fact. */
gboolean               treaties_library_entry_get_date_disputed (TreatiesLibraryEntry *self);
void                   treaties_library_entry_set_date_disputed (TreatiesLibraryEntry *self,
                                                                 gboolean              disputed);

G_END_DECLS
