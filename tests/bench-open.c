/* bench-open.c: the window keeps answering while a long article opens
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Opens generated articles of 100 and 10,000 sections (a fifth of them
 * top-level sections, each with four subsections, titles of one and two
 * lines, a paragraph each) in a shown TreatiesWindow, from the main loop as
 * the application does once a file is read. A 10 ms timeout notes the time
 * at each of its runs; the longest gap between two runs, less its 10 ms, is
 * the longest the main loop was kept from answering (a stall), from the
 * open until the sidebar lists every section, the text view holds the last
 * section's paragraph and a frame has followed. (The sidebar lists every
 * section at once since it makes rows only for what is in view; the text
 * still fills in.) The window draws with the renderer the application
 * would choose on this machine (treaties_application_preferred_renderer(),
 * cairo without a GPU), as a user's window does.
 *
 * Prints the median longest stall and fill time of several runs of each,
 * the main thread's CPU time during each longest stall (what of the stall
 * is our work rather than waiting for the X server or for a loaded CPU),
 * and the ratios to the 100-section article. Fails if the 10,000-section
 * article's median longest stall is over issue 16's 100 ms, plus a noise
 * margin.
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include <adwaita.h>

#include "treaties-application.h"
#include "treaties-article.h"
#include "treaties-resources.h"
#include "treaties-sidebar.h"
#include "treaties-window.h"

#define RUNS          5
#define TICK_MS       10
#define MAX_STALL_US  (100 * 1000)
#define NOISE_MARGIN  0.10     /* the stall may exceed MAX_STALL_US by this fraction */

static const guint sizes[] = { 100, 10000 };

static TreatiesArticle *
generated_article (guint n)
{
  g_autoptr(GString) json = g_string_new ("{\"format\":1,\"id\":\"bench-open\",\"title\":\"A long article\",\"sections\":[");
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  TreatiesArticle *article;

  for (guint i = 0; i < n; i++)
    {
      gboolean top = i % 5 == 0;

      if (top && i > 0)
        g_string_append (json, "]},");
      else if (!top)
        g_string_append (json, i % 5 == 1 ? "" : ",");
      g_string_append_printf (json, "{\"id\":\"s%u\",\"title\":\"%s %u%s\",\"blocks\":[{\"type\":\"paragraph\","
                              "\"text\":\"Paragraph %u of the generated article, long enough to wrap once or twice "
                              "in the reading view at its usual width, as the paragraphs of real articles do.\"}]",
                              i, top ? "Part" : "Negotiations over the clauses of the draft", i,
                              i % 3 == 0 ? " and the reservations the parties made to them in Geneva" : "",
                              i);
      if (top)
        g_string_append (json, ",\"subsections\":[");
      else
        g_string_append (json, "}");
    }
  g_string_append (json, "]}]}");

  bytes = g_bytes_new (json->str, json->len);
  article = treaties_article_new_from_bytes (bytes, "bench-open.json", &error);
  g_assert_no_error (error);
  return article;
}

typedef struct {
  TreatiesWindow  *window;
  TreatiesArticle *article;
  GtkListView     *list;
  GtkTextView     *text;
  guint            n;
  gint64           last_tick;
  gint64           last_cpu;
  gint64           max_gap;
  gint64           max_gap_cpu;
  gint64           opened_at;
  gint64           filled_at;
} Run;

/* The main thread's CPU time, in µs. */
static gint64
thread_cpu_time (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

static gboolean
tick_cb (gpointer data)
{
  Run *run = data;
  gint64 now = g_get_monotonic_time ();
  gint64 cpu = thread_cpu_time ();

  if (now - run->last_tick > run->max_gap)
    {
      run->max_gap = now - run->last_tick;
      run->max_gap_cpu = cpu - run->last_cpu;
    }
  run->last_tick = now;
  run->last_cpu = cpu;
  return G_SOURCE_CONTINUE;
}

static gboolean
open_cb (gpointer data)
{
  Run *run = data;

  run->opened_at = g_get_monotonic_time ();
  treaties_window_set_article (run->window, run->article);
  return G_SOURCE_REMOVE;
}

static void
after_paint_cb (GdkFrameClock *clock,
                Run           *run)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (run->text);
  g_autofree char *last_line = NULL;
  g_autofree char *expected = NULL;
  GtkTextIter start, end;

  if (run->filled_at != 0 || run->opened_at == 0 ||
      g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (run->list))) != run->n)
    return;
  gtk_text_buffer_get_end_iter (buffer, &end);
  start = end;
  gtk_text_iter_set_line_offset (&start, 0);
  last_line = gtk_text_iter_get_text (&start, &end);
  expected = g_strdup_printf ("Paragraph %u of", run->n - 1);
  if (g_str_has_prefix (last_line, expected))
    run->filled_at = g_get_monotonic_time ();
}

static int
compare_gint64 (gconstpointer a,
                gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

/* Opens @article in a new window; the longest stall, the main thread's CPU
 * time during it and the time from the open to the first frame with every
 * row, in µs. */
static void
measure (TreatiesArticle *article,
         guint            n,
         gint64          *stall,
         gint64          *stall_cpu,
         gint64          *fill)
{
  Run run = { .article = article, .n = n };
  gint64 deadline;
  guint tick;
  gulong paint;

  run.window = treaties_window_new (NULL);
  run.list = GTK_LIST_VIEW (gtk_widget_get_template_child (GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (run.window),
                                                                                        TREATIES_TYPE_WINDOW, "sidebar")),
                                                          TREATIES_TYPE_SIDEBAR, "list_view"));
  run.text = GTK_TEXT_VIEW (gtk_widget_get_template_child (GTK_WIDGET (run.window), TREATIES_TYPE_WINDOW,
                                                           "article_view"));
  gtk_window_present (GTK_WINDOW (run.window));
  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (!gtk_widget_get_mapped (GTK_WIDGET (run.window)) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (run.window)));
  /* Let the empty window settle. */
  deadline = g_get_monotonic_time () + 200 * 1000;
  while (g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);

  paint = g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (run.window)), "after-paint",
                            G_CALLBACK (after_paint_cb), &run);
  run.last_tick = g_get_monotonic_time ();
  run.last_cpu = thread_cpu_time ();
  tick = g_timeout_add (TICK_MS, tick_cb, &run);
  g_timeout_add (TICK_MS / 2, open_cb, &run);
  deadline = g_get_monotonic_time () + 120 * G_USEC_PER_SEC;
  while (run.filled_at == 0 && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (run.filled_at != 0);
  /* One more tick, in case the last frame was the longest wait. */
  for (gint64 last = run.last_tick; run.last_tick == last;)
    g_main_context_iteration (NULL, TRUE);

  g_source_remove (tick);
  g_signal_handler_disconnect (gtk_widget_get_frame_clock (GTK_WIDGET (run.window)), paint);
  *stall = MAX (run.max_gap - TICK_MS * 1000, 0);
  *stall_cpu = run.max_gap_cpu;
  *fill = run.filled_at - run.opened_at;

  gtk_window_destroy (GTK_WINDOW (run.window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GtkCssProvider) provider = NULL;
  gint64 stall[G_N_ELEMENTS (sizes)], fill[G_N_ELEMENTS (sizes)];
  const guint last = G_N_ELEMENTS (sizes) - 1;
  const char *renderer;
  gboolean ok = TRUE;

  gtk_init ();
  adw_init ();
  /* As TreatiesApplication does at start-up. */
  renderer = treaties_application_preferred_renderer ();
  if (renderer != NULL && g_getenv ("GSK_RENDERER") == NULL)
    g_object_set_data_full (G_OBJECT (gdk_display_get_default ()), "gsk-renderer", g_strdup (renderer), g_free);
  treaties_register_resource ();
  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (provider, "/org/example/Treaties/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);

  printf ("Opening a generated article in a shown window (renderer: %s), median of %d runs\n\n",
          g_getenv ("GSK_RENDERER") ? g_getenv ("GSK_RENDERER") : renderer ? renderer : "GTK's choice", RUNS);
  printf ("%8s  %16s  %12s\n", "sections", "longest stall", "fill time");
  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    {
      g_autoptr(TreatiesArticle) article = generated_article (sizes[s]);
      gint64 stalls[RUNS], cpus[RUNS], fills[RUNS];

      for (guint r = 0; r < RUNS; r++)
        measure (article, sizes[s], &stalls[r], &cpus[r], &fills[r]);
      qsort (stalls, RUNS, sizeof stalls[0], compare_gint64);
      qsort (cpus, RUNS, sizeof cpus[0], compare_gint64);
      qsort (fills, RUNS, sizeof fills[0], compare_gint64);
      stall[s] = stalls[RUNS / 2];
      fill[s] = fills[RUNS / 2];
      printf ("%8u  %13.1f ms  %9.1f ms   (stalls %.1f–%.1f ms; CPU in them %.1f ms, %.1f–%.1f)\n",
              sizes[s], stall[s] / 1000.0, fill[s] / 1000.0, stalls[0] / 1000.0, stalls[RUNS - 1] / 1000.0,
              cpus[RUNS / 2] / 1000.0, cpus[0] / 1000.0, cpus[RUNS - 1] / 1000.0);
    }
  printf ("\nlongest stall 10,000 / 100 sections: %.2fx (%.1f ms vs %.1f ms)\n",
          (double) stall[last] / MAX (stall[0], 1), stall[last] / 1000.0, stall[0] / 1000.0);
  printf ("fill time 10,000 / 100 sections: %.1fx\n", (double) fill[last] / MAX (fill[0], 1));

  /* Issue 16's figure: no stall over 100 ms while 10,000 sections open. */
  if (stall[last] > MAX_STALL_US * (1 + NOISE_MARGIN))
    {
      fprintf (stderr, "FAIL: opening 10,000 sections stalls the window %.1f ms (limit %d ms + %.0f%%); "
               "the 100 sections' stall, in the same run: %.1f ms\n",
               stall[last] / 1000.0, MAX_STALL_US / 1000, NOISE_MARGIN * 100, stall[0] / 1000.0);
      ok = FALSE;
    }
  return ok ? EXIT_SUCCESS : EXIT_FAILURE;
}
