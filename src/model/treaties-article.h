/* treaties-article.h: an article, its sections and its timeline
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "treaties-date.h"
#include "treaties-era.h"
#include "treaties-event.h"
#include "treaties-passage.h"
#include "treaties-section.h"

G_BEGIN_DECLS

#define TREATIES_ARTICLE_ERROR (treaties_article_error_quark ())

typedef enum {
  TREATIES_ARTICLE_ERROR_IO,
  TREATIES_ARTICLE_ERROR_ENCODING,   /* invalid UTF-8, NUL bytes */
  TREATIES_ARTICLE_ERROR_LIMIT,      /* too big, too deep, too long */
  TREATIES_ARTICLE_ERROR_SYNTAX,     /* not JSON */
  TREATIES_ARTICLE_ERROR_VERSION,    /* unknown "format" */
  TREATIES_ARTICLE_ERROR_STRUCTURE,  /* JSON, but not an article */
  TREATIES_ARTICLE_ERROR_REFERENCE,  /* ids, dates and links that do not agree */
} TreatiesArticleError;

#define TREATIES_TYPE_ARTICLE (treaties_article_get_type ())

G_DECLARE_FINAL_TYPE (TreatiesArticle, treaties_article, TREATIES, ARTICLE, GObject)

GQuark           treaties_article_error_quark        (void);

/* Loading (treaties-article-loader.c). On failure the GError's message holds
 * one line per problem, "NAME:LINE:COLUMN: what" or "NAME: json.path: what",
 * at most TREATIES_MAX_PROBLEMS of them. */
TreatiesArticle *treaties_article_new_from_bytes     (GBytes        *bytes,
                                                      const char    *display_name,
                                                      GError       **error);
TreatiesArticle *treaties_article_new_from_file      (GFile         *file,
                                                      GCancellable  *cancellable,
                                                      GError       **error);
TreatiesArticle *treaties_article_new_from_resource  (const char    *resource_path,
                                                      GError       **error);
/* Loads and validates on a worker thread. */
void             treaties_article_new_from_file_async  (GFile               *file,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
TreatiesArticle *treaties_article_new_from_file_finish (GAsyncResult        *result,
                                                        GError             **error);

const char      *treaties_article_get_id             (TreatiesArticle *self);
const char      *treaties_article_get_title          (TreatiesArticle *self);
const char      *treaties_article_get_author         (TreatiesArticle *self);
const char      *treaties_article_get_language       (TreatiesArticle *self);
/* The editor's one-line summary ("summary"), or NULL when the article has
 * none; the library then uses the first sentence. */
const char      *treaties_article_get_summary        (TreatiesArticle *self);
TreatiesDay      treaties_article_get_date           (TreatiesArticle *self);
/* The date line as shown to the reader under the title (in the window and
 * the PDF), e.g. "29 October 1931"; when a "date_note" disputes the date,
 * it says that this is the article's dating and where the editor's note is:
 * "29 October 1931, as the article dates it — see the editor’s note in
 * “Introduction”". NULL without a date. */
char            *treaties_article_dup_date_line      (TreatiesArticle *self);
/* The window's subtitle: the date ("The article’s dating: 29 October 1931 —
 * see the editor’s note" when disputed, the qualifier first as the end may
 * be cut) and the byline when there is an author: "29 October 1931 · by
 * A. Writer".
 * NULL with neither. */
char            *treaties_article_dup_subtitle       (TreatiesArticle *self);
/* The section ("date_note") whose editor's note discusses the article's
 * date, or NULL. When there is one, the date is the article's own dating,
 * disputed or uncertain, and must not be shown as a fact. */
TreatiesSection *treaties_article_get_date_note      (TreatiesArticle *self);

/* Top-level sections (GListModel of TreatiesSection). */
GListModel      *treaties_article_get_sections       (TreatiesArticle *self);
/* Every section and subsection in reading order. */
GListModel      *treaties_article_get_outline        (TreatiesArticle *self);
TreatiesSection *treaties_article_lookup_section     (TreatiesArticle *self,
                                                      const char      *id);

TreatiesDay      treaties_article_get_timeline_start (TreatiesArticle *self);
TreatiesDay      treaties_article_get_timeline_end   (TreatiesArticle *self);
/* GListModel of TreatiesEra, sorted by start. */
GListModel      *treaties_article_get_eras           (TreatiesArticle *self);
/* GListModel of TreatiesEvent, sorted by date (stable). */
GListModel      *treaties_article_get_events         (TreatiesArticle *self);
TreatiesEvent   *treaties_article_lookup_event       (TreatiesArticle *self,
                                                      const char      *id);
/* The positions in treaties_article_get_events() of the events that name
 * @section_id, in date order, each once; NULL when none. Owned by the
 * article, made when first asked for (safe from any thread). */
const guint     *treaties_article_get_section_event_positions (TreatiesArticle *self,
                                                               const char      *section_id,
                                                               guint           *n_positions);
/* Events that name @section_id, in date order; a new GPtrArray. */
GPtrArray       *treaties_article_dup_events_for_section (TreatiesArticle *self,
                                                          const char      *section_id);

/* The passages of @event (TreatiesPassage, see treaties-passage.h): the
 * words marked for it in reading order (outline order, then block, item and
 * character), or, when no run marks it, its "sections" in the order given,
 * as whole-section passages. Empty when it has neither. Owned by the
 * article, which does not change once loaded. Which event a run marks is
 * the run's event_id; treaties_article_lookup_event() gives the event. */
GPtrArray       *treaties_article_get_passages       (TreatiesArticle *self,
                                                      TreatiesEvent   *event);
/* Whether some run marks @event. */
gboolean         treaties_article_is_event_marked    (TreatiesArticle *self,
                                                      TreatiesEvent   *event);
/* Events no run marks, in date order; a new GPtrArray. */
GPtrArray       *treaties_article_dup_unmarked_events (TreatiesArticle *self);
/* What is valid but weak, one "json.path: what" per problem in the file's
 * order (e.g. an event marked nowhere); `treaties --check` prints them as
 * warnings, `--check --strict` as errors. A NULL-terminated, new array. */
char           **treaties_article_dup_warnings       (TreatiesArticle *self);

G_END_DECLS
