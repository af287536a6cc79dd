/* treaties-passage.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "treaties-passage.h"

G_DEFINE_BOXED_TYPE (TreatiesPassage, treaties_passage, treaties_passage_copy, treaties_passage_free)

TreatiesPassage *
treaties_passage_copy (const TreatiesPassage *passage)
{
  TreatiesPassage *copy;

  g_return_val_if_fail (passage != NULL, NULL);

  copy = g_memdup2 (passage, sizeof *passage);
  g_object_ref (copy->section);
  return copy;
}

void
treaties_passage_free (TreatiesPassage *passage)
{
  if (passage == NULL)
    return;
  g_clear_object (&passage->section);
  g_free (passage);
}

gboolean
treaties_passage_equal (const TreatiesPassage *a,
                        const TreatiesPassage *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  return a->section == b->section && a->marked == b->marked &&
         a->block == b->block && a->item == b->item &&
         a->start == b->start && a->end == b->end;
}
