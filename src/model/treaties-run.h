/* treaties-run.h: a stretch of inline text with one style
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum {
  TREATIES_RUN_PLAIN    = 0,
  TREATIES_RUN_EMPHASIS = 1 << 0,
  TREATIES_RUN_STRONG   = 1 << 1,
  TREATIES_RUN_TITLE    = 1 << 2, /* the title of a work: set in italics */
} TreatiesRunStyle;

/* Immutable once loaded. `text` is plain text: markup characters in it are
 * literal and must be escaped by whoever renders it as markup. A run is a
 * link (`href`) or a mark of the words that tell of an event (`event_id`),
 * never both: the loader refuses a run with the two. */
typedef struct {
  char             *text;
  TreatiesRunStyle  style;
  char             *href;      /* NULL, or an http, https or mailto URI */
  char             *event_id;  /* NULL, or the id of an event of the article */
} TreatiesRun;

#define TREATIES_TYPE_RUN (treaties_run_get_type ())

GType        treaties_run_get_type  (void) G_GNUC_CONST;
TreatiesRun *treaties_run_new       (const char       *text,
                                     TreatiesRunStyle  style,
                                     const char       *href);
TreatiesRun *treaties_run_new_full  (const char       *text,
                                     TreatiesRunStyle  style,
                                     const char       *href,
                                     const char       *event_id);
TreatiesRun *treaties_run_copy      (const TreatiesRun *run);
void         treaties_run_free      (TreatiesRun      *run);

/* Concatenates the text of a GPtrArray of TreatiesRun. */
char        *treaties_runs_to_plain (GPtrArray        *runs);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TreatiesRun, treaties_run_free)

G_END_DECLS
