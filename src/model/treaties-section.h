/* treaties-section.h: a titled part of an article
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "treaties-block.h"

G_BEGIN_DECLS

#define TREATIES_TYPE_SECTION (treaties_section_get_type ())

G_DECLARE_FINAL_TYPE (TreatiesSection, treaties_section, TREATIES, SECTION, GObject)

TreatiesSection *treaties_section_new             (const char      *id,
                                                   const char      *title);
const char      *treaties_section_get_id          (TreatiesSection *self);
const char      *treaties_section_get_title       (TreatiesSection *self);
/* 0 for a top-level section, 1 for a subsection. */
guint            treaties_section_get_depth       (TreatiesSection *self);
TreatiesSection *treaties_section_get_parent      (TreatiesSection *self);
/* A GListModel of TreatiesBlock. */
GListModel      *treaties_section_get_blocks      (TreatiesSection *self);
/* A GListModel of TreatiesSection. */
GListModel      *treaties_section_get_subsections (TreatiesSection *self);

/* In one go each, so that a long article is not built item by item. */
void             treaties_section_append_blocks   (TreatiesSection *self,
                                                   GPtrArray       *blocks);
void             treaties_section_append_subsections (TreatiesSection *self,
                                                      GPtrArray       *children);

G_END_DECLS
