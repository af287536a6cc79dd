/* treaties-passage.h: a place in an article's text that tells of an event
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "treaties-section.h"

G_BEGIN_DECLS

/* An event's passage is either the words marked for it (`marked` TRUE) or,
 * for an event marked nowhere, one of the sections its "sections" name
 * (`marked` FALSE: the whole section; every index and offset is 0).
 *
 * A marked passage is in item @item of block @block of @section, where
 * @block indexes treaties_section_get_blocks() and @item
 * treaties_block_get_item() (0 for a paragraph, callout or editor's note).
 * It covers the runs @run_start to @run_end - 1 of that item: one mark, or
 * several adjacent runs marking the same event (e.g. a styled word within
 * the marked words).
 *
 * @start and @end (exclusive) locate the marked words in the item's plain
 * text, treaties_runs_to_plain() of its runs, in CHARACTERS (Unicode code
 * points, as g_utf8_strlen() counts them), not bytes: the offsets a
 * GtkTextIter uses, relative to where the item's text begins in the buffer. */
typedef struct {
  TreatiesSection *section;   /* owned */
  gboolean         marked;
  guint            block;
  guint            item;
  guint            run_start;
  guint            run_end;
  guint            start;
  guint            end;
} TreatiesPassage;

#define TREATIES_TYPE_PASSAGE (treaties_passage_get_type ())

GType            treaties_passage_get_type (void) G_GNUC_CONST;
TreatiesPassage *treaties_passage_copy     (const TreatiesPassage *passage);
void             treaties_passage_free     (TreatiesPassage       *passage);
/* Same place: section, block, item and characters. */
gboolean         treaties_passage_equal    (const TreatiesPassage *a,
                                            const TreatiesPassage *b);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TreatiesPassage, treaties_passage_free)

G_END_DECLS
