/* treaties-reader.h: one reading session
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "treaties-article.h"

G_BEGIN_DECLS

/* Why the place being read changed: the views scroll for every reason but
 * SCROLL, which is the text view reporting where the reader scrolled to. */
typedef enum {
  TREATIES_MOVE_JUMP,     /* the reader chose a place: sidebar, event, search */
  TREATIES_MOVE_HISTORY,  /* back or forward */
  TREATIES_MOVE_SCROLL,   /* followed the reader's scrolling: no history */
  TREATIES_MOVE_OPEN,     /* an article was opened at its saved place */
} TreatiesMoveReason;

#define TREATIES_TYPE_MOVE_REASON (treaties_move_reason_get_type ())
GType treaties_move_reason_get_type (void) G_GNUC_CONST;

#define TREATIES_TYPE_READER (treaties_reader_get_type ())

G_DECLARE_FINAL_TYPE (TreatiesReader, treaties_reader, TREATIES, READER, GObject)

/* The session holds the article being read, the place in it (a section and
 * a block of that section: paragraph precision), the history of jumps
 * across articles, the selected timeline event and the search's starting
 * point. It knows nothing of widgets: the sidebar, text view and timeline
 * follow its "moved" signal and report to it. */
TreatiesReader  *treaties_reader_new               (void);

TreatiesArticle *treaties_reader_get_article       (TreatiesReader  *self);
/* The file the article came from; NULL for the built-in one. */
GFile           *treaties_reader_get_file          (TreatiesReader  *self);
TreatiesSection *treaties_reader_get_section       (TreatiesReader  *self);
guint            treaties_reader_get_block         (TreatiesReader  *self);
gboolean         treaties_reader_get_can_go_back   (TreatiesReader  *self);
gboolean         treaties_reader_get_can_go_forward (TreatiesReader *self);

/* Makes @article the one read, at @section/@block (NULL: its first
 * section). The place left, if any, goes into the history, so Back returns
 * to the previous article where the reader was. */
void             treaties_reader_open              (TreatiesReader  *self,
                                                    TreatiesArticle *article,
                                                    GFile           *file,
                                                    TreatiesSection *section,
                                                    guint            block);
/* Goes to a place the reader chose; the place left goes into the history. */
void             treaties_reader_jump              (TreatiesReader  *self,
                                                    TreatiesSection *section,
                                                    guint            block);
/* Follows the reader's scrolling: no history, no scrolling back. */
void             treaties_reader_follow            (TreatiesReader  *self,
                                                    TreatiesSection *section,
                                                    guint            block);
gboolean         treaties_reader_go_back           (TreatiesReader  *self);
gboolean         treaties_reader_go_forward        (TreatiesReader  *self);

/* Events. Selecting shows an event (its card, its label) without moving;
 * activating goes to its next passage: the first when it was not the event
 * last activated, then each in turn, wrapping around. */
TreatiesEvent   *treaties_reader_get_selected_event (TreatiesReader *self);
void             treaties_reader_select_event      (TreatiesReader  *self,
                                                    TreatiesEvent   *event);
/* Returns the passage gone to (owned by the article), or NULL when the
 * event has none. */
const TreatiesPassage *treaties_reader_activate_event (TreatiesReader *self,
                                                       TreatiesEvent  *event);
/* Makes passage @index of @event the one last gone to (so activating the
 * event again goes on from it) and, with @jump, goes there. Returns it, or
 * NULL when @event has no such passage (nothing changes then). */
const TreatiesPassage *treaties_reader_show_passage (TreatiesReader *self,
                                                     TreatiesEvent  *event,
                                                     guint           index,
                                                     gboolean        jump);
/* Which of the selected event's passages was last gone to (0-based) and
 * how many it has, for "2 of 3"; FALSE when none was. */
gboolean         treaties_reader_get_passage_index (TreatiesReader  *self,
                                                    guint           *index,
                                                    guint           *n_passages);

/* A search moves the place with each match (as jumps the views follow)
 * but makes one history entry, from where it began, when it ends away
 * from there. */
void             treaties_reader_begin_search      (TreatiesReader  *self);
void             treaties_reader_search_moved      (TreatiesReader  *self,
                                                    TreatiesSection *section,
                                                    guint            block);
void             treaties_reader_end_search        (TreatiesReader  *self);

/* Saved places, as kept in GSettings: a(ssu), (article id, section id,
 * block), most recent first, at most TREATIES_READER_MAX_SAVED entries.
 * Returns @saved (NULL for none) with the current place put first. */
#define TREATIES_READER_SAVED_TYPE "a(ssu)"
#define TREATIES_READER_MAX_SAVED 200
GVariant        *treaties_reader_save_place        (TreatiesReader  *self,
                                                    GVariant        *saved);
/* Looks @article up in @saved. Returns FALSE, quietly, when it is not
 * there or @saved is of another type; a section that no longer exists
 * gives the first section, a block past the section's end its last. */
gboolean         treaties_reader_find_saved_place  (GVariant         *saved,
                                                    TreatiesArticle  *article,
                                                    TreatiesSection **section,
                                                    guint            *block);

G_END_DECLS
