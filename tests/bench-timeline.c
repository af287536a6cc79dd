/* bench-timeline.c: drawing cost grows with the events in view, not the total
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Draws the same views of timelines with 30, 3,000 and 300,000 events spread
 * evenly over the interwar range (so the dense ones have thousands of events
 * in view, merged into markers at most one per pixel), a third of them
 * spans (from a few days to a few years, so that at any day thousands of
 * spans that started long before are still running), and times a full
 * snapshot: layout (binary search, markers, label placement) plus the
 * GtkSnapshot of every part. A sample is the mean of a few frames in a row
 * (one frame of the sparse views is ~30 µs, as short as the noise of a
 * busy machine); prints the median of several samples and the ratio
 * 300,000 / 30, and fails if that exceeds 3 (plus a noise margin) or a frame
 * exceeds the 60 Hz budget.
 */
#include <stdio.h>
#include <stdlib.h>

#include <adwaita.h>

#include "treaties-article.h"
#include "treaties-resources.h"
#include "treaties-timeline.h"

#define WARMUP         3
#define RUNS           21
#define FRAMES_PER_RUN 8
#define MAX_RATIO      3.0
#define NOISE_MARGIN   0.25     /* the ratio may exceed MAX_RATIO by this fraction */
#define FRAME_BUDGET_US 16667

static const guint sizes[] = { 30, 3000, 300000 };

typedef struct {
  const char *name;
  const char *first;
  const char *last;
} View;

static const View views[] = {
  { "whole range", "1918-11-11", "1939-09-01" },
  { "one year (1931)", "1931-01-01", "1931-12-31" },
  { "one month (Oct 1931)", "1931-10-01", "1931-10-31" },
};

static TreatiesArticle *
synthetic_article (guint n)
{
  static const char * const titles[] = {
    "Treaty signed", "Conference opens in Geneva", "Non-aggression pact initialled",
    "Government falls", "Loan agreement", "Border incident",
  };
  g_autoptr(GString) json = g_string_new (NULL);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  TreatiesDay start, end;
  TreatiesArticle *article;

  g_assert_true (treaties_day_parse ("1918-11-11", &start));
  g_assert_true (treaties_day_parse ("1939-09-01", &end));

  g_string_append (json,
                   "{\"format\":1,\"id\":\"bench\",\"title\":\"Bench\","
                   "\"sections\":[{\"id\":\"s\",\"title\":\"S\","
                   "\"blocks\":[{\"type\":\"paragraph\",\"text\":\"x\"}]}],"
                   "\"timeline\":{\"start\":\"1918-11-11\",\"end\":\"1939-09-01\","
                   "\"eras\":[{\"id\":\"a\",\"title\":\"The peace settlements\",\"start\":\"1919-01-18\",\"end\":\"1923-07-24\"},"
                   "{\"id\":\"b\",\"title\":\"The Great Depression\",\"start\":\"1929-10-29\",\"end\":\"1939-09-01\"}],"
                   "\"events\":[");
  for (guint i = 0; i < n; i++)
    {
      TreatiesDay day = start + (TreatiesDay) ((guint64) i * (end - start) / MAX (n - 1, 1));
      g_autofree char *iso = treaties_day_to_iso (day);

      /* Every third event a span, its length spread from days to years
       * (a multiplicative hash of i, the same on every run). */
      if (i % 3 == 1)
        {
          guint32 h = (i * 2654435761u) >> 16;
          TreatiesDay length = (h % 8 == 0) ? 365 + h % 1500 : 2 + h % 120;
          g_autofree char *iso_end = treaties_day_to_iso (MIN (day + length, end));
          char *both = g_strdup_printf ("%s/%s", iso, iso_end);

          g_free (iso);
          iso = both;
        }

      g_string_append_printf (json, "%s{\"id\":\"e%u\",\"date\":\"%s\",\"title\":\"%s %u\",\"sections\":[\"s\"]%s}",
                              i > 0 ? "," : "", i, iso, titles[i % G_N_ELEMENTS (titles)], i,
                              i == n / 2 ? ",\"primary\":true" : "");
    }
  g_string_append (json, "]}}");

  bytes = g_bytes_new (json->str, json->len);
  article = treaties_article_new_from_bytes (bytes, "bench.json", &error);
  g_assert_no_error (error);
  return article;
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* Microseconds per frame, the mean of FRAMES_PER_RUN frames. */
static double
time_snapshot (GtkWidget  *timeline,
               const View *view)
{
  TreatiesDay first, last;
  gint64 start;

  g_assert_true (treaties_day_parse (view->first, &first));
  g_assert_true (treaties_day_parse (view->last, &last));

  start = g_get_monotonic_time ();
  for (guint f = 0; f < FRAMES_PER_RUN; f++)
    {
      GtkSnapshot *snapshot;
      GskRenderNode *node;

      /* Setting the view throws the last layout away: every frame lays out anew. */
      treaties_timeline_set_visible_range (TREATIES_TIMELINE (timeline), first, last);
      snapshot = gtk_snapshot_new ();
      GTK_WIDGET_GET_CLASS (timeline)->snapshot (timeline, snapshot);
      node = gtk_snapshot_free_to_node (snapshot);
      g_clear_pointer (&node, gsk_render_node_unref);
    }
  return (double) (g_get_monotonic_time () - start) / FRAMES_PER_RUN;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GtkCssProvider) provider = NULL;
  double medians[G_N_ELEMENTS (sizes)][G_N_ELEMENTS (views)];
  guint in_view[G_N_ELEMENTS (sizes)][G_N_ELEMENTS (views)];
  gboolean ok = TRUE;

  gtk_init ();
  adw_init ();
  treaties_register_resource ();
  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (provider, "/org/example/Treaties/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);

  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    {
      g_autoptr(TreatiesArticle) article = synthetic_article (sizes[s]);
      GtkWidget *window = gtk_window_new ();
      GtkWidget *timeline = treaties_timeline_new ();
      gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

      treaties_timeline_set_article (TREATIES_TIMELINE (timeline), article);
      gtk_window_set_default_size (GTK_WINDOW (window), 1280, 200);
      gtk_window_set_child (GTK_WINDOW (window), timeline);
      gtk_window_present (GTK_WINDOW (window));
      while ((!gtk_widget_get_mapped (timeline) || gtk_widget_get_width (timeline) < 1000) &&
             g_get_monotonic_time () < deadline)
        g_main_context_iteration (NULL, TRUE);
      g_assert_true (gtk_widget_get_mapped (timeline));

      for (guint v = 0; v < G_N_ELEMENTS (views); v++)
        {
          double times[RUNS];
          TreatiesTimelineLayout *layout = treaties_timeline_get_layout (TREATIES_TIMELINE (timeline));

          for (guint r = 0; r < WARMUP; r++)
            time_snapshot (timeline, &views[v]);
          for (guint r = 0; r < RUNS; r++)
            {
              times[r] = time_snapshot (timeline, &views[v]);
              /* Let GTK do what it does between frames. */
              while (g_main_context_iteration (NULL, FALSE))
                ;
            }
          qsort (times, RUNS, sizeof times[0], compare_double);
          medians[s][v] = times[RUNS / 2];
          in_view[s][v] = treaties_timeline_layout_compute (layout)->n_visible;
        }

      gtk_window_destroy (GTK_WINDOW (window));
      while (g_main_context_iteration (NULL, FALSE))
        ;
    }

  printf ("Timeline snapshot (layout + GtkSnapshot), 1280 px wide, median of %d runs of %d frames\n\n",
          RUNS, FRAMES_PER_RUN);
  printf ("%-22s", "view");
  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    printf ("  %7u events (in view)", sizes[s]);
  printf ("   300k/30\n");
  for (guint v = 0; v < G_N_ELEMENTS (views); v++)
    {
      double ratio = medians[G_N_ELEMENTS (sizes) - 1][v] / MAX (medians[0][v], 1);

      printf ("%-22s", views[v].name);
      for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
        {
          printf ("  %8.3f ms (%8u)", medians[s][v] / 1000.0, in_view[s][v]);
          if (medians[s][v] > FRAME_BUDGET_US)
            {
              fprintf (stderr, "FAIL: %s with %u events takes %.1f ms, over a 60 Hz frame\n",
                       views[v].name, sizes[s], medians[s][v] / 1000.0);
              ok = FALSE;
            }
        }
      printf ("   %5.2fx\n", ratio);
      if (ratio > MAX_RATIO * (1 + NOISE_MARGIN))
        {
          fprintf (stderr, "FAIL: %s: 300,000 events cost %.2fx what 30 do (limit %.1fx + %.0f%%)\n",
                   views[v].name, ratio, MAX_RATIO, NOISE_MARGIN * 100);
          ok = FALSE;
        }
    }

  return ok ? EXIT_SUCCESS : EXIT_FAILURE;
}
