/* test-bsearch.c: the one binary search
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <locale.h>

#include "treaties-bsearch.h"

/* The first index of @v[0..@n) not below @key, searched and by a walk. */
static guint
lower_bound (const int *v,
             guint      n,
             int        key)
{
  guint lo = 0, hi = n;

  TREATIES_LOWER_BOUND (lo, hi, mid, v[mid] < key);
  g_assert_cmpuint (lo, ==, hi);
  return lo;
}

static guint
lower_bound_by_walk (const int *v,
                     guint      n,
                     int        key)
{
  guint i = 0;

  while (i < n && v[i] < key)
    i++;
  return i;
}

static void
test_empty (void)
{
  int none[1] = { 0 };

  g_assert_cmpuint (lower_bound (none, 0, 0), ==, 0);
  g_assert_cmpuint (lower_bound (none, 0, G_MININT), ==, 0);
  g_assert_cmpuint (lower_bound (none, 0, G_MAXINT), ==, 0);
}

static void
test_edges (void)
{
  const int v[] = { 3, 5, 8, 13, 21 };

  /* Every element below the key: one past the end. */
  g_assert_cmpuint (lower_bound (v, G_N_ELEMENTS (v), 22), ==, G_N_ELEMENTS (v));
  /* Every element above the key: the start. */
  g_assert_cmpuint (lower_bound (v, G_N_ELEMENTS (v), 2), ==, 0);
  g_assert_cmpuint (lower_bound (v, G_N_ELEMENTS (v), 3), ==, 0);
  g_assert_cmpuint (lower_bound (v, G_N_ELEMENTS (v), 21), ==, 4);
  g_assert_cmpuint (lower_bound (v, G_N_ELEMENTS (v), 9), ==, 3);
  g_assert_cmpuint (lower_bound (v, 1, 3), ==, 0);
  g_assert_cmpuint (lower_bound (v, 1, 4), ==, 1);
}

static void
test_duplicates (void)
{
  const int v[] = { 1, 4, 4, 4, 4, 7, 7 };
  guint lo, hi;

  /* The first of equal elements, and past the last with "at most". */
  g_assert_cmpuint (lower_bound (v, G_N_ELEMENTS (v), 4), ==, 1);
  g_assert_cmpuint (lower_bound (v, G_N_ELEMENTS (v), 7), ==, 5);
  lo = 0;
  hi = G_N_ELEMENTS (v);
  TREATIES_LOWER_BOUND (lo, hi, mid, v[mid] <= 4);
  g_assert_cmpuint (lo, ==, 5);

  /* All equal. */
  {
    const int same[] = { 2, 2, 2, 2 };

    g_assert_cmpuint (lower_bound (same, 4, 2), ==, 0);
    g_assert_cmpuint (lower_bound (same, 4, 3), ==, 4);
  }
}

static void
test_sub_range (void)
{
  const int v[] = { 1, 2, 3, 4, 5, 6, 7, 8 };
  guint lo = 2, hi = 5;

  /* A bracket found by galloping is searched alone. */
  TREATIES_LOWER_BOUND (lo, hi, mid, v[mid] < 100);
  g_assert_cmpuint (lo, ==, 5);
  lo = 2;
  hi = 5;
  TREATIES_LOWER_BOUND (lo, hi, mid, v[mid] < 0);
  g_assert_cmpuint (lo, ==, 2);
}

/* Sorted arrays of random length and spread agree with a linear walk. */
static void
test_random (void)
{
  for (guint round = 0; round < 500; round++)
    {
      guint n = g_test_rand_int_range (0, 64);
      g_autofree int *v = g_new0 (int, MAX (n, 1));
      int x = g_test_rand_int_range (-5, 5);

      for (guint i = 0; i < n; i++)
        {
          x += g_test_rand_int_range (0, 3);
          v[i] = x;
        }
      for (int key = -10; key <= x + 2; key++)
        g_assert_cmpuint (lower_bound (v, n, key), ==, lower_bound_by_walk (v, n, key));
    }
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/bsearch/empty", test_empty);
  g_test_add_func ("/bsearch/edges", test_edges);
  g_test_add_func ("/bsearch/duplicates", test_duplicates);
  g_test_add_func ("/bsearch/sub-range", test_sub_range);
  g_test_add_func ("/bsearch/random", test_random);

  return g_test_run ();
}
