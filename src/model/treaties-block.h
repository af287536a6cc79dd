/* treaties-block.h: one block of an article's content
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "treaties-run.h"

G_BEGIN_DECLS

typedef enum {
  TREATIES_BLOCK_PARAGRAPH,
  TREATIES_BLOCK_LIST,
  TREATIES_BLOCK_CALLOUT,
  TREATIES_BLOCK_READING_LIST,
  TREATIES_BLOCK_EDITOR_NOTE,
} TreatiesBlockKind;

#define TREATIES_TYPE_BLOCK (treaties_block_get_type ())

G_DECLARE_FINAL_TYPE (TreatiesBlock, treaties_block, TREATIES, BLOCK, GObject)

/* A paragraph, callout and editor's note have one item; a list and a
 * reading list have one item per entry. Each item is a GPtrArray of
 * TreatiesRun. */
TreatiesBlock     *treaties_block_new           (TreatiesBlockKind  kind,
                                                 const char        *label);
void               treaties_block_add_item      (TreatiesBlock     *self,
                                                 GPtrArray         *runs);
TreatiesBlockKind  treaties_block_get_kind      (TreatiesBlock     *self);
const char        *treaties_block_get_label     (TreatiesBlock     *self);
guint              treaties_block_get_n_items   (TreatiesBlock     *self);
GPtrArray         *treaties_block_get_item      (TreatiesBlock     *self,
                                                 guint              index);
char              *treaties_block_dup_text      (TreatiesBlock     *self);

const char        *treaties_block_kind_to_string (TreatiesBlockKind kind);

G_END_DECLS
