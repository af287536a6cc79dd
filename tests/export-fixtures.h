/* export-fixtures.h: articles for test-export and bench-export
 *
 * Header-only (static functions), included by both programs.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <string.h>

#include <json-glib/json-glib.h>

#include "treaties-article.h"

static inline char *
fixture_shipped_path (void)
{
  return g_test_build_filename (G_TEST_DIST, "..", "data", "articles",
                                "france-ussr-neutrality-1931.treaty.json", NULL);
}

static inline TreatiesArticle *
fixture_load_shipped (void)
{
  g_autofree char *path = fixture_shipped_path ();
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  TreatiesArticle *article;

  article = treaties_article_new_from_file (file, NULL, &error);
  g_assert_no_error (error);
  return article;
}

/* Gives every section of @node (and its subsections) a copy's id. */
static inline void
fixture_rename_sections (JsonNode *node,
                         guint     copy)
{
  JsonObject *section = json_node_get_object (node);
  g_autofree char *id = g_strdup_printf ("%s-%u", json_object_get_string_member (section, "id"), copy);
  g_autofree char *title = g_strdup_printf ("%s (%u)", json_object_get_string_member (section, "title"), copy + 1);

  json_object_set_string_member (section, "id", id);
  json_object_set_string_member (section, "title", title);
  if (json_object_has_member (section, "subsections"))
    {
      JsonArray *children = json_object_get_array_member (section, "subsections");

      for (guint i = 0; i < json_array_get_length (children); i++)
        fixture_rename_sections (json_array_get_element (children, i), copy);
    }
}

/* The shipped article's sections @n_copies times over (the first copy keeps
 * its ids, so the timeline's references still hold): an article
 * @n_copies times longer. */
static inline TreatiesArticle *
fixture_make_long_article (guint n_copies)
{
  g_autofree char *path = fixture_shipped_path ();
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonArray) sections = json_array_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(GBytes) bytes = NULL;
  JsonObject *root;
  JsonArray *original;
  TreatiesArticle *article;
  char *json;
  gsize length;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  original = json_object_get_array_member (root, "sections");

  for (guint copy = 0; copy < n_copies; copy++)
    for (guint i = 0; i < json_array_get_length (original); i++)
      {
        /* json_node_copy() shares objects: copy through text instead */
        g_autofree char *text = json_to_string (json_array_get_element (original, i), FALSE);
        JsonNode *node = json_from_string (text, &error);

        g_assert_no_error (error);

        if (copy > 0)
          fixture_rename_sections (node, copy);
        json_array_add_element (sections, node);
      }
  json_object_set_array_member (root, "sections", json_array_ref (sections));

  json_generator_set_root (generator, json_parser_get_root (parser));
  json = json_generator_to_data (generator, &length);
  bytes = g_bytes_new_take (json, length);
  article = treaties_article_new_from_bytes (bytes, "long.json", &error);
  g_assert_no_error (error);
  return article;
}

#define FIXTURE_LETTERS "Pneumonoultramicroscopicsilicovolcanoconiosis"

/* An article of one section of @paragraphs (of char *). */
static inline TreatiesArticle *
fixture_article_from_paragraphs (const char *title,
                         GPtrArray  *paragraphs)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  TreatiesArticle *article;
  char *json;
  gsize length;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "format");
  json_builder_add_int_value (builder, 1);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, "long");
  json_builder_set_member_name (builder, "title");
  json_builder_add_string_value (builder, title);
  json_builder_set_member_name (builder, "language");
  json_builder_add_string_value (builder, "en");
  json_builder_set_member_name (builder, "sections");
  json_builder_begin_array (builder);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, "text");
  json_builder_set_member_name (builder, "title");
  json_builder_add_string_value (builder, title);
  json_builder_set_member_name (builder, "blocks");
  json_builder_begin_array (builder);
  for (guint i = 0; i < paragraphs->len; i++)
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "type");
      json_builder_add_string_value (builder, "paragraph");
      json_builder_set_member_name (builder, "text");
      json_builder_add_string_value (builder, g_ptr_array_index (paragraphs, i));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json = json_generator_to_data (generator, &length);
  bytes = g_bytes_new_take (json, length);
  article = treaties_article_new_from_bytes (bytes, "long.json", &error);
  g_assert_no_error (error);
  return article;
}

/* One paragraph: one word of @n_chars letters. */
static inline TreatiesArticle *
fixture_make_word_article (guint n_chars)
{
  g_autoptr(GPtrArray) paragraphs = g_ptr_array_new_with_free_func (g_free);
  GString *word = g_string_sized_new (n_chars);

  for (guint i = 0; i < n_chars; i++)
    g_string_append_c (word, FIXTURE_LETTERS[i % (sizeof FIXTURE_LETTERS - 1)]);
  g_ptr_array_add (paragraphs, g_string_free (word, FALSE));
  return fixture_article_from_paragraphs ("One long word", paragraphs);
}

/* @n_chars of the same letters as ordinary prose: words of 2 to 11
 * letters, in paragraphs of about @paragraph_chars characters. */
static inline TreatiesArticle *
fixture_make_prose_article (guint n_chars,
                            guint paragraph_chars)
{
  g_autoptr(GPtrArray) paragraphs = g_ptr_array_new_with_free_func (g_free);
  GString *paragraph = g_string_new (NULL);
  guint total = 0, letter = 0, word_index = 0;

  while (total < n_chars)
    {
      guint length = 2 + (word_index++ * 7) % 10;

      if (paragraph->len > 0)
        {
          g_string_append_c (paragraph, ' ');
          total++;
        }
      for (guint i = 0; i < length && total < n_chars; i++, total++)
        g_string_append_c (paragraph, FIXTURE_LETTERS[letter++ % (sizeof FIXTURE_LETTERS - 1)]);
      if (paragraph->len >= paragraph_chars || total >= n_chars)
        {
          g_ptr_array_add (paragraphs, g_string_free (paragraph, FALSE));
          paragraph = g_string_new (NULL);
        }
    }
  g_string_free (paragraph, TRUE);
  return fixture_article_from_paragraphs ("Prose", paragraphs);
}

/* Text as a reader sees it: soft hyphens at line ends joined up, other soft
 * hyphens dropped, runs of white space made one space. */
static inline char *
fixture_normalize (const char *text)
{
  GString *out = g_string_new (NULL);
  gboolean space = FALSE;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == 0x00AD)
        {
          /* a hyphenated line break: drop it and the white space after */
          while (g_unichar_isspace (g_utf8_get_char (g_utf8_next_char (p))))
            p = g_utf8_next_char (p);
          continue;
        }
      if (g_unichar_isspace (c))
        {
          space = out->len > 0;
          continue;
        }
      if (space)
        g_string_append_c (out, ' ');
      space = FALSE;
      g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}
