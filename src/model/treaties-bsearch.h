/* treaties-bsearch.h: the one binary search of the code base
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * TREATIES_LOWER_BOUND:
 * @lo: a guint lvalue, the first index of the range searched
 * @hi: a guint lvalue, one past its last index
 * @mid: the name under which @before sees the index it tests
 * @before: an expression of @mid, true for a prefix of [@lo, @hi) and
 *   false for the rest (e.g. "element @mid sorts before the key")
 *
 * Narrows [@lo, @hi) to the first index where @before is false, leaving
 * it in @lo (@hi when @before holds everywhere). A macro rather than a
 * function with a callback so that hot loops (hit tests, scrolling) keep
 * an inlined comparison; @lo and @hi are variables so that a caller that
 * gallops first can search only the bracket it found.
 */
#define TREATIES_LOWER_BOUND(lo, hi, mid, before) \
  G_STMT_START { \
    while ((lo) < (hi)) \
      { \
        guint mid = (lo) + ((hi) - (lo)) / 2; \
        if (before) \
          (lo) = mid + 1; \
        else \
          (hi) = mid; \
      } \
  } G_STMT_END

G_END_DECLS
