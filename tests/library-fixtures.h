/* library-fixtures.h: generated articles for the library's tests and
 * benchmark
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <string.h>

#include <gio/gio.h>
#include <json-glib/json-glib.h>

/* An article as JSON. Each of @sections is "id|Title|block|block…"; a
 * block starting with "- " is a list item (adjacent ones make one list),
 * any other a paragraph. @date and @author may be NULL. */
static inline char *
fixture_article_json (const char         *id,
                      const char         *title,
                      const char         *date,
                      const char         *author,
                      const char * const *sections)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "format");
  json_builder_add_int_value (b, 1);
  json_builder_set_member_name (b, "id");
  json_builder_add_string_value (b, id);
  json_builder_set_member_name (b, "title");
  json_builder_add_string_value (b, title);
  if (date != NULL)
    {
      json_builder_set_member_name (b, "date");
      json_builder_add_string_value (b, date);
    }
  if (author != NULL)
    {
      json_builder_set_member_name (b, "author");
      json_builder_add_string_value (b, author);
    }
  json_builder_set_member_name (b, "sections");
  json_builder_begin_array (b);
  for (guint i = 0; sections[i] != NULL; i++)
    {
      g_auto(GStrv) parts = g_strsplit (sections[i], "|", -1);
      gboolean in_list = FALSE;

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "id");
      json_builder_add_string_value (b, parts[0]);
      json_builder_set_member_name (b, "title");
      json_builder_add_string_value (b, parts[1]);
      json_builder_set_member_name (b, "blocks");
      json_builder_begin_array (b);
      for (guint j = 2; parts[j] != NULL; j++)
        {
          gboolean item = g_str_has_prefix (parts[j], "- ");

          if (in_list && !item)
            {
              json_builder_end_array (b);
              json_builder_end_object (b);
              in_list = FALSE;
            }
          if (item && !in_list)
            {
              json_builder_begin_object (b);
              json_builder_set_member_name (b, "type");
              json_builder_add_string_value (b, "list");
              json_builder_set_member_name (b, "items");
              json_builder_begin_array (b);
              in_list = TRUE;
            }
          if (item)
            json_builder_add_string_value (b, parts[j] + 2);
          else
            {
              json_builder_begin_object (b);
              json_builder_set_member_name (b, "type");
              json_builder_add_string_value (b, "paragraph");
              json_builder_set_member_name (b, "text");
              json_builder_add_string_value (b, parts[j]);
              json_builder_end_object (b);
            }
        }
      if (in_list)
        {
          json_builder_end_array (b);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  json_generator_set_pretty (gen, TRUE);
  return json_generator_to_data (gen, NULL);
}

/* Writes @contents to @dir/@name (atomically, as editors save) and returns
 * the file. */
static inline GFile *
fixture_write (GFile      *dir,
               const char *name,
               const char *contents)
{
  g_autoptr(GError) error = NULL;
  GFile *file = g_file_get_child (dir, name);

  g_file_make_directory_with_parents (dir, NULL, NULL);
  g_file_replace_contents (file, contents, strlen (contents), NULL, FALSE, G_FILE_CREATE_NONE, NULL, NULL,
                           &error);
  g_assert_no_error (error);
  return file;
}

/* A word of the generated vocabulary: syllables, Latin or Cyrillic. */
static inline void
fixture_append_word (GString *out,
                     guint    number)
{
  static const char *latin[] = { "ka", "ro", "mi", "te", "lu", "sa", "no", "vé", "di", "pra", "gen", "ot" };
  static const char *cyrillic[] = { "ка", "ро", "ми", "те", "лу", "са", "но", "ве", "ди", "пра", "ген", "от" };
  const char **syllables = number % 4 == 3 ? cyrillic : latin;

  number /= 4;
  do
    {
      g_string_append (out, syllables[number % 12]);
      number /= 12;
    }
  while (number > 0);
}

/* A seeded article of about @n_words words in @n_sections sections, in
 * paragraphs of 60 words with a list in each section. Words are drawn as
 * in prose: nearly half from a few very common words (the worst case for
 * a search), some from the period's names in English, French and Russian
 * (each in about a fifth of the paragraphs), the rest from a vocabulary of
 * 20,000 generated words (each in a few articles). */
static inline char *
fixture_generated_json (GRand *rand,
                        guint  number,
                        guint  n_sections,
                        guint  n_words)
{
  static const char *common[] = {
    "the", "of", "and", "to", "in", "a", "was", "by", "with", "for", "on", "that", "its", "were", "which",
    "de", "la", "et", "и", "в",
  };
  static const char *names[] = {
    "treaty", "pact", "league", "frontier", "guarantee", "conference", "minister", "signed", "ratified",
    "reparations", "alliance", "neutrality", "security", "disarmament", "protocol", "Rhineland", "Locarno",
    "Geneva", "Moscow", "Paris", "Berlin", "Warsaw", "Société", "Nations", "État", "accord", "garantie",
    "traité", "СССР", "договор", "Франция", "Германия", "нейтралитет", "ещё", "Genève", "Łódź",
  };
  g_autoptr(GPtrArray) sections = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *id = g_strdup_printf ("generated-%04u", number);
  g_autofree char *title = g_strdup_printf ("Generated article %u", number);
  g_autofree char *date = g_strdup_printf ("%04d-%02d-%02d", 1919 + g_rand_int_range (rand, 0, 20),
                                           g_rand_int_range (rand, 1, 13), g_rand_int_range (rand, 1, 29));
  guint per_section = n_words / n_sections;

  for (guint s = 0; s < n_sections; s++)
    {
      GString *spec = g_string_new (NULL);
      guint left = per_section;

      g_string_append_printf (spec, "section-%u|Section %u", s, s);
      for (guint block = 0; left > 0; block++)
        {
          /* The third block of a section is a list of three items. */
          guint n_items = block == 2 ? 3 : 1;

          for (guint item = 0; item < n_items && left > 0; item++)
            {
              guint n = MIN (left, 60 / n_items);

              g_string_append (spec, n_items > 1 ? "|- " : "|");
              for (guint w = 0; w < n; w++)
                {
                  double p = g_rand_double (rand);

                  if (w > 0)
                    g_string_append_c (spec, ' ');
                  if (p < 0.45)
                    g_string_append (spec, common[g_rand_int_range (rand, 0, G_N_ELEMENTS (common))]);
                  else if (p < 0.60)
                    g_string_append (spec, names[g_rand_int_range (rand, 0, G_N_ELEMENTS (names))]);
                  else
                    fixture_append_word (spec, g_rand_int_range (rand, 0, 20000));
                }
              g_string_append_c (spec, '.');
              left -= n;
            }
        }
      g_ptr_array_add (sections, g_string_free (spec, FALSE));
    }
  g_ptr_array_add (sections, NULL);
  return fixture_article_json (id, title, date, "Generator", (const char * const *) sections->pdata);
}
