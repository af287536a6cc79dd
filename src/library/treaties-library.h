/* treaties-library.h: every article the reader has, as a list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A GListModel of TreatiesLibraryEntry, sorted by date then title, of
 *  - the shipped articles: the *.json files of the installed folder
 *    (PKGDATADIR/articles) and the articles built into the GResource that
 *    folder lacks (running from the build tree);
 *  - the *.json files (*.treaty.json included) of the reader's folder,
 *    $XDG_DATA_HOME/treaties/articles/, made when missing and watched: a
 *    file dropped there appears, a removed one goes, a changed one is read
 *    again, an invalid one is listed with its problems;
 *  - the files opened before, as the UI gives them (those gone are left
 *    out).
 * A file found in several places is listed once, with the first origin.
 * Loading and indexing run on a worker thread through the search index,
 * which keeps what it lists of each file: once indexed, listing reads no
 * article again.
 */
#pragma once

#include <gio/gio.h>

#include "treaties-library-entry.h"
#include "treaties-search-index.h"

G_BEGIN_DECLS

#define TREATIES_TYPE_LIBRARY (treaties_library_get_type ())

G_DECLARE_FINAL_TYPE (TreatiesLibrary, treaties_library, TREATIES, LIBRARY, GObject)

/* The default folders, resources and index
 * (treaties_search_index_default_file()). */
/* The folder of the shipped articles: PKGDATADIR/articles, or
 * $TREATIES_SHIPPED_ARTICLES when run uninstalled. */
GFile                *treaties_library_dup_shipped_folder (void);
TreatiesLibrary      *treaties_library_new              (void);
/* Any argument NULL for its default; @builtin_resources is a
 * NULL-terminated list of GResource paths. */
TreatiesLibrary      *treaties_library_new_full         (GFile               *shipped_folder,
                                                         const char * const  *builtin_resources,
                                                         GFile               *user_folder,
                                                         TreatiesSearchIndex *index);

TreatiesSearchIndex  *treaties_library_get_index        (TreatiesLibrary *self);
GFile                *treaties_library_get_user_folder  (TreatiesLibrary *self);

/* The files opened before (URIs, most recent first): listed at the next
 * load, which this starts when the library has been loaded already. */
void                  treaties_library_set_opened       (TreatiesLibrary    *self,
                                                         const char * const *uris);

/* Lists and indexes everything, on a worker thread, then starts watching
 * the reader's folder. While it runs, "loading" is TRUE and "progress"
 * goes from 0 to 1. Calling it again reloads (changes from other programs
 * to the shipped folder or opened files are seen then). Fails only when
 * cancelled. */
void                  treaties_library_load_async       (TreatiesLibrary     *self,
                                                         GCancellable        *cancellable,
                                                         GAsyncReadyCallback  callback,
                                                         gpointer             user_data);
gboolean              treaties_library_load_finish      (TreatiesLibrary     *self,
                                                         GAsyncResult        *result,
                                                         GError             **error);
gboolean              treaties_library_get_loading      (TreatiesLibrary *self);
double                treaties_library_get_progress     (TreatiesLibrary *self);

/* The entry of @file, or NULL. */
TreatiesLibraryEntry *treaties_library_lookup           (TreatiesLibrary *self,
                                                         GFile           *file);

G_END_DECLS
