/* treaties-search-index.h: the library's full-text index (SQLite FTS5)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One row per block of text (per item for lists), with the article's file,
 * id, section and block, in an FTS5 table tokenized by unicode61 with
 * remove_diacritics 2, each token then folded as Ctrl+F folds text
 * (treaties-text-match.h: "lodz" finds "Łódź", "еще" finds "ещё"). The
 * index also caches what the library lists of each file (title, date,
 * summary, author, problems), keyed by URI and checked against the file's
 * modification time and size, so an unchanged file is never parsed again.
 *
 * It is a cache: a file that is corrupt, locked past a short wait, from
 * another version, or that cannot be written is deleted and made again
 * (in memory when even that fails). No error of the cache is ever
 * reported, and every file given to an update gets its entry.
 *
 * Thread-safe: one connection, behind a mutex; updates take it for one
 * file at a time (committing every 64 files), so a search waits for at
 * most one file's rows.
 */
#pragma once

#include <gio/gio.h>

#include "treaties-library-entry.h"

G_BEGIN_DECLS

#define TREATIES_TYPE_SEARCH_INDEX (treaties_search_index_get_type ())

G_DECLARE_FINAL_TYPE (TreatiesSearchIndex, treaties_search_index, TREATIES, SEARCH_INDEX, GObject)

/* Called after each file of an update, on the updating thread. */
typedef void (*TreatiesIndexProgressFunc) (guint    done,
                                           guint    total,
                                           gpointer user_data);

/* The index in @db_file, or in memory when NULL. Opens nothing yet. */
TreatiesSearchIndex *treaties_search_index_new          (GFile               *db_file);
/* $XDG_CACHE_HOME/treaties/index.sqlite */
GFile               *treaties_search_index_default_file (void);

GFile               *treaties_search_index_get_file     (TreatiesSearchIndex *self);
/* How many times the cache file was found unusable and made again. */
guint                treaties_search_index_get_n_rebuilds (TreatiesSearchIndex *self);

/* Brings the rows of each of @files (GFile) up to date, reading those
 * whose modification time or size changed, and returns a new
 * TreatiesLibraryEntry for each, in the same order. @origins (or NULL: all
 * OTHER) gives each entry's origin. With @prune, every other file leaves
 * the index. Blocking; fails only when cancelled. */
GPtrArray           *treaties_search_index_update       (TreatiesSearchIndex        *self,
                                                         GPtrArray                  *files,
                                                         const TreatiesLibraryOrigin *origins,
                                                         gboolean                    prune,
                                                         TreatiesIndexProgressFunc   progress,
                                                         gpointer                    progress_data,
                                                         GCancellable               *cancellable,
                                                         GError                    **error);
/* Forgets @file's rows. */
void                 treaties_search_index_remove       (TreatiesSearchIndex *self,
                                                         GFile               *file);

/* The passages that hold every word of @query (each word also matches
 * the words it begins: "societ" finds "Société"; case, accents and FTS5
 * syntax do not matter: any text can be typed). A new GListModel of
 * TreatiesSearchHit, grouped by article, the article with the most
 * matching passages first, and in reading order within an article (so
 * hits of a section are together). At most @max_hits (0: no limit): the
 * first ones of that order. An empty or punctuation-only query finds
 * nothing. Blocking: milliseconds for a page of hits in 1,000 articles;
 * every snippet of a common word takes longer. */
GListModel          *treaties_search_index_search       (TreatiesSearchIndex *self,
                                                         const char          *query,
                                                         guint                max_hits);
void                 treaties_search_index_search_async (TreatiesSearchIndex *self,
                                                         const char          *query,
                                                         guint                max_hits,
                                                         GCancellable        *cancellable,
                                                         GAsyncReadyCallback  callback,
                                                         gpointer             user_data);
GListModel          *treaties_search_index_search_finish (TreatiesSearchIndex *self,
                                                          GAsyncResult        *result,
                                                          GError             **error);

/* @query as an FTS5 expression: each word a quoted prefix phrase, "" inside
 * doubled; NULL when it has no word. Exposed for the tests. */
char                *treaties_search_index_build_match  (const char          *query);

G_END_DECLS
