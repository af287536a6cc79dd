/* bench-load.c: loading an article beside json-glib parsing the same bytes
 *
 *   bench-load ARTICLE.json
 *
 * Loads the shipped article and synthetic articles 100x and 10,000x its size
 * (or as near as the file limit allows), and in the same run parses the
 * same bytes with json-glib alone (json_parser_new(), as the loader uses,
 * then freeing the tree: no checks, no model). The two alternate load by
 * load, so both see the same machine. Prints medians, ratios and the cost per MiB;
 * exits 1 when loading takes more than MAX_RATIO times the bare parse, or the
 * cost per MiB of the largest article more than MAX_GROWTH times that of the
 * 100x one, by more than the measured noise.
 *
 * A synthetic article repeats the shipped one's content with unique ids:
 * its sections (at most TREATIES_MAX_SECTIONS in all; past that, each
 * section's blocks are repeated instead), its events (whose "sections" point
 * at the matching copy) and its eras (at most TREATIES_MAX_ERAS).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <locale.h>
#include <time.h>
#include <stdio.h>

#include <json-glib/json-glib.h>

#include "treaties-article.h"
#include "treaties-limits.h"

#define MAX_RATIO      1.5
#define MAX_GROWTH     2.0
#define MIN_NOISE      0.05   /* timing noise assumed at the least */
#define SAMPLE_SECONDS 0.05   /* each sample repeats a load for this long */
#define WANTED_LARGEST 10000

typedef struct
{
  double median;  /* seconds per load */
  double spread;  /* interquartile range / median */
} Stats;

typedef struct
{
  const char *name;
  guint       copies;
  GBytes     *bytes;
  Stats       loader;
  Stats       parser;
  double      ratio;
  double      noise;
} Size;

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static Stats
stats_of (GArray *samples)
{
  double *v = (double *) samples->data;
  guint n = samples->len;
  Stats s;

  g_array_sort (samples, compare_doubles);
  s.median = n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
  s.spread = n >= 4 ? (v[(3 * n) / 4] - v[n / 4]) / s.median : 0;
  return s;
}

/* Synthetic articles ------------------------------------------------------ */

static void
suffix_id (JsonObject *object,
           const char *member,
           guint       copy)
{
  g_autofree char *id = g_strdup_printf ("%s-c%u", json_object_get_string_member (object, member), copy);

  json_object_set_string_member (object, member, id);
}

/* json_node_copy() shares objects and arrays; the copies here are edited. */
static JsonNode *
deep_copy (JsonNode *node)
{
  JsonNode *copy;

  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);
      JsonObject *new_object = json_object_new ();
      JsonObjectIter iter;
      const char *key;
      JsonNode *member;

      json_object_iter_init_ordered (&iter, object);
      while (json_object_iter_next_ordered (&iter, &key, &member))
        json_object_set_member (new_object, key, deep_copy (member));
      copy = json_node_init_object (json_node_alloc (), new_object);
      json_object_unref (new_object);
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      JsonArray *new_array = json_array_sized_new (json_array_get_length (array));

      for (guint i = 0; i < json_array_get_length (array); i++)
        json_array_add_element (new_array, deep_copy (json_array_get_element (array, i)));
      copy = json_node_init_array (json_node_alloc (), new_array);
      json_array_unref (new_array);
    }
  else
    copy = json_node_copy (node);
  return copy;
}

/* Marks in copy @copy of a section name the events of that copy. */
static void
suffix_marks (JsonNode *node,
              guint     copy)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);
      JsonObjectIter iter;
      JsonNode *member;

      if (json_object_has_member (object, "text") && json_object_has_member (object, "event"))
        suffix_id (object, "event", copy);
      json_object_iter_init (&iter, object);
      while (json_object_iter_next (&iter, NULL, &member))
        suffix_marks (member, copy);
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        suffix_marks (json_array_get_element (array, i), copy);
    }
}

static JsonNode *
copy_section (JsonNode *section,
              guint     copy,
              guint     block_repeats)
{
  JsonNode *node = deep_copy (section);
  JsonObject *object = json_node_get_object (node);

  suffix_id (object, "id", copy);
  if (json_object_has_member (object, "blocks"))
    suffix_marks (json_object_get_member (object, "blocks"), copy);
  if (json_object_has_member (object, "blocks") && block_repeats > 1)
    {
      JsonArray *blocks = json_object_get_array_member (object, "blocks");
      guint n = json_array_get_length (blocks);

      for (guint r = 1; r < block_repeats; r++)
        for (guint i = 0; i < n; i++)
          json_array_add_element (blocks, deep_copy (json_array_get_element (blocks, i)));
    }
  if (json_object_has_member (object, "subsections"))
    {
      JsonArray *subsections = json_object_get_array_member (object, "subsections");
      JsonArray *copies = json_array_new ();

      for (guint i = 0; i < json_array_get_length (subsections); i++)
        json_array_add_element (copies, copy_section (json_array_get_element (subsections, i), copy, block_repeats));
      json_object_set_array_member (object, "subsections", copies);
    }
  return node;
}

static guint
count_outline (JsonArray *sections)
{
  guint n = 0;

  for (guint i = 0; i < json_array_get_length (sections); i++)
    {
      JsonObject *section = json_array_get_object_element (sections, i);

      n++;
      if (json_object_has_member (section, "subsections"))
        n += json_array_get_length (json_object_get_array_member (section, "subsections"));
    }
  return n;
}

/* The shipped article's content @copies times over, as compact JSON. */
static GBytes *
make_article (JsonNode *shipped,
              guint     copies)
{
  g_autoptr(JsonNode) root = deep_copy (shipped);
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  JsonObject *article = json_node_get_object (root);
  JsonArray *sections = json_object_get_array_member (article, "sections");
  JsonObject *timeline = json_object_get_object_member (article, "timeline");
  JsonArray *events = json_object_get_array_member (timeline, "events");
  JsonArray *eras = json_object_get_array_member (timeline, "eras");
  JsonArray *new_sections = json_array_new ();
  JsonArray *new_events = json_array_new ();
  JsonArray *new_eras = json_array_new ();
  guint section_copies = MIN (copies, TREATIES_MAX_SECTIONS / count_outline (sections));
  guint block_repeats = (copies + section_copies - 1) / section_copies;
  guint era_copies = MIN (copies, TREATIES_MAX_ERAS / MAX (1, json_array_get_length (eras)));
  gsize length;
  char *data;

  /* The note on the date is the first copy's. */
  if (json_object_has_member (article, "date_note"))
    suffix_id (article, "date_note", 0);
  for (guint c = 0; c < section_copies; c++)
    for (guint i = 0; i < json_array_get_length (sections); i++)
      json_array_add_element (new_sections, copy_section (json_array_get_element (sections, i), c, block_repeats));

  for (guint c = 0; c < copies; c++)
    for (guint i = 0; i < json_array_get_length (events); i++)
      {
        JsonNode *node = deep_copy (json_array_get_element (events, i));
        JsonObject *event = json_node_get_object (node);

        suffix_id (event, "id", c);
        /* One article of its own, not one per copy. */
        if (c > 0)
          json_object_remove_member (event, "primary");
        if (json_object_has_member (event, "sections"))
          {
            JsonArray *ids = json_object_get_array_member (event, "sections");
            JsonArray *new_ids = json_array_new ();

            for (guint j = 0; j < json_array_get_length (ids); j++)
              {
                g_autofree char *id = g_strdup_printf ("%s-c%u", json_array_get_string_element (ids, j),
                                                       c % section_copies);
                json_array_add_string_element (new_ids, id);
              }
            json_object_set_array_member (event, "sections", new_ids);
          }
        json_array_add_element (new_events, node);
      }

  for (guint c = 0; c < era_copies; c++)
    for (guint i = 0; i < json_array_get_length (eras); i++)
      {
        JsonNode *node = deep_copy (json_array_get_element (eras, i));

        suffix_id (json_node_get_object (node), "id", c);
        json_array_add_element (new_eras, node);
      }

  json_object_set_array_member (article, "sections", new_sections);
  json_object_set_array_member (timeline, "events", new_events);
  json_object_set_array_member (timeline, "eras", new_eras);

  json_generator_set_root (generator, root);
  data = json_generator_to_data (generator, &length);
  return g_bytes_new_take (data, length);
}

/* Timing ------------------------------------------------------------------ */

static double
now (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);
  return ts.tv_sec + ts.tv_nsec * 1e-9;
}

/* Seconds for one load; the model is freed outside the clock. */
static double
time_loader (GBytes *bytes)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TreatiesArticle) article = NULL;
  double start = now (), elapsed;

  article = treaties_article_new_from_bytes (bytes, "bench.json", &error);
  elapsed = now () - start;
  if (article == NULL)
    g_error ("the synthetic article does not load: %s", error->message);
  return elapsed;
}

/* Seconds for json-glib to parse the same bytes and free its tree, as the
 * loader does with its own parser. */
static double
time_parser (GBytes *bytes)
{
  g_autoptr(GError) error = NULL;
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);
  double start = now ();
  JsonParser *parser = json_parser_new ();

  if (!json_parser_load_from_data (parser, data, length, &error))
    g_error ("json-glib does not parse the synthetic article: %s", error->message);
  g_object_unref (parser);
  return now () - start;
}

static void
measure (Size  *size,
         guint  n_samples)
{
  g_autoptr(GArray) loader = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) parser = g_array_new (FALSE, FALSE, sizeof (double));
  double estimate;
  guint repeats;

  /* A warm-up, which also sizes the samples. */
  estimate = time_loader (size->bytes);
  time_parser (size->bytes);
  repeats = CLAMP ((guint) (SAMPLE_SECONDS / estimate), 1, 1000);

  /* Each sample alternates the two load by load, so that both see the
   * same machine even when something else runs on it. */
  for (guint i = 0; i < n_samples; i++)
    {
      double l = 0, p = 0;

      for (guint r = 0; r < repeats; r++)
        {
          l += time_loader (size->bytes);
          p += time_parser (size->bytes);
        }
      l /= repeats;
      p /= repeats;
      g_array_append_val (loader, l);
      g_array_append_val (parser, p);
    }
  size->loader = stats_of (loader);
  size->parser = stats_of (parser);
  size->ratio = size->loader.median / size->parser.median;
  size->noise = MAX (MIN_NOISE, MAX (size->loader.spread, size->parser.spread));
}

static double
mib (GBytes *bytes)
{
  return g_bytes_get_size (bytes) / (1024.0 * 1024.0);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) shipped = NULL;
  g_autoptr(GBytes) probe = NULL;
  g_autofree char *contents = NULL;
  gsize length;
  double per_copy, growth, growth_noise;
  guint largest;
  gboolean ok = TRUE;
  Size sizes[3] = {
    { "1x", 1, NULL, { 0 }, { 0 }, 0, 0 },
    { "100x", 100, NULL, { 0 }, { 0 }, 0, 0 },
    { NULL, 0, NULL, { 0 }, { 0 }, 0, 0 },
  };
  const guint n_samples[3] = { 15, 15, 5 };

  setlocale (LC_ALL, "C.UTF-8");
  if (argc != 2)
    {
      fprintf (stderr, "usage: %s ARTICLE.json\n", argv[0]);
      return 2;
    }
  if (!g_file_get_contents (argv[1], &contents, &length, &error) ||
      !(shipped = json_from_string (contents, &error)))
    g_error ("%s: %s", argv[1], error->message);

  /* 1x is the shipped file itself, byte for byte. */
  sizes[0].bytes = g_bytes_new (contents, length);
  sizes[1].bytes = make_article (shipped, sizes[1].copies);

  /* 10,000x, or the most copies that fit the file limit (with 2% to spare). */
  probe = make_article (shipped, 10);
  per_copy = (double) (g_bytes_get_size (sizes[1].bytes) - g_bytes_get_size (probe)) / 90;
  largest = WANTED_LARGEST;
  if (per_copy * WANTED_LARGEST > TREATIES_MAX_FILE_SIZE * 0.98)
    largest = (guint) (TREATIES_MAX_FILE_SIZE * 0.98 / per_copy) / 100 * 100;
  for (;;)
    {
      sizes[2].bytes = make_article (shipped, largest);
      if (g_bytes_get_size (sizes[2].bytes) <= TREATIES_MAX_FILE_SIZE)
        break;
      g_bytes_unref (sizes[2].bytes);
      largest -= 100;
    }
  sizes[2].copies = largest;
  sizes[2].name = g_strdup_printf ("%ux", largest);

  printf ("Loading an article (treaties_article_new_from_bytes) beside json-glib parsing the same bytes\n");
  if (largest < WANTED_LARGEST)
    printf ("%ux the shipped article would be %.0f MiB, over the %d MiB file limit: the largest is %ux\n",
            WANTED_LARGEST, per_copy * WANTED_LARGEST / (1024 * 1024),
            TREATIES_MAX_FILE_SIZE / (1024 * 1024), largest);
  printf ("\n%-7s %10s %12s %12s %7s %6s %13s %13s\n",
          "size", "MiB", "loader ms", "json-glib ms", "ratio", "noise", "loader ms/MiB", "json ms/MiB");

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      Size *s = &sizes[i];

      measure (s, n_samples[i]);
      printf ("%-7s %10.3f %12.3f %12.3f %7.2f %5.0f%% %13.2f %13.2f\n",
              s->name, mib (s->bytes), s->loader.median * 1e3, s->parser.median * 1e3,
              s->ratio, s->noise * 100,
              s->loader.median * 1e3 / mib (s->bytes), s->parser.median * 1e3 / mib (s->bytes));
      fflush (stdout);
      if (s->ratio > MAX_RATIO * (1 + s->noise))
        {
          printf ("FAIL: loading %s takes %.2fx the bare parse (target %.1fx, noise %.0f%%)\n",
                  s->name, s->ratio, MAX_RATIO, s->noise * 100);
          ok = FALSE;
        }
    }

  growth = (sizes[2].loader.median / mib (sizes[2].bytes)) / (sizes[1].loader.median / mib (sizes[1].bytes));
  growth_noise = MAX (sizes[1].noise, sizes[2].noise);
  printf ("\nfrom 100x to %s (%.0fx the bytes): loader %.1fx the time, json-glib %.1fx; "
          "loader cost per MiB %.2fx\n",
          sizes[2].name, mib (sizes[2].bytes) / mib (sizes[1].bytes),
          sizes[2].loader.median / sizes[1].loader.median,
          sizes[2].parser.median / sizes[1].parser.median, growth);
  if (growth > MAX_GROWTH * (1 + growth_noise))
    {
      printf ("FAIL: the cost per MiB grows %.2fx from 100x to %s (limit %.1fx): not linear\n",
              growth, sizes[2].name, MAX_GROWTH);
      ok = FALSE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    g_bytes_unref (sizes[i].bytes);
  g_free ((char *) sizes[2].name);

  printf ("%s\n", ok ? "bench-load: all targets met" : "bench-load: a target was missed");
  return ok ? 0 : 1;
}
