/* test-library-page.c: the library page in a window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The shipped articles (read from data/articles, never named here) and
 * generated ones in a reader's folder of its own for each test (a
 * throw-away folder), with an index in memory.
 */
#include <string.h>

#include <glib/gstdio.h>

#include "library-fixtures.h"
#include "treaties-article-view.h"
#include "treaties-block.h"
#include "treaties-lanes-view.h"
#include "treaties-run.h"
#include "treaties-text-match.h"
#include "treaties-window-library.h"
#include "treaties-window-open.h"
#include "ui-test-utils.h"

typedef struct
{
  TreatiesWindow  *window;
  TreatiesLibrary *library;
  GFile           *user_folder;
} Fixture;

static GFile *
shipped_folder (void)
{
  return g_file_new_build_filename (g_getenv ("G_TEST_SRCDIR"), "..", "data", "articles", NULL);
}

/* Every valid article of the shipped folder, read here as the library
 * should: GFile → TreatiesArticle. */
static GHashTable *
shipped_articles (void)
{
  g_autoptr(GFile) folder = shipped_folder ();
  g_autoptr(GFileEnumerator) children = NULL;
  GHashTable *articles = g_hash_table_new_full (g_file_hash, (GEqualFunc) g_file_equal, g_object_unref, g_object_unref);
  GFileInfo *info;

  children = g_file_enumerate_children (folder, G_FILE_ATTRIBUTE_STANDARD_NAME, G_FILE_QUERY_INFO_NONE, NULL, NULL);
  g_assert_nonnull (children);
  while ((info = g_file_enumerator_next_file (children, NULL, NULL)) != NULL)
    {
      const char *name = g_file_info_get_name (info);
      g_autoptr(GFile) file = g_file_get_child (folder, name);
      TreatiesArticle *article;

      if (g_str_has_suffix (name, ".json") &&
          (article = treaties_article_new_from_file (file, NULL, NULL)) != NULL)
        g_hash_table_insert (articles, g_steal_pointer (&file), article);
      g_object_unref (info);
    }
  g_assert_cmpuint (g_hash_table_size (articles), >, 1);
  return articles;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GFile) shipped = shipped_folder ();
  g_autoptr(TreatiesSearchIndex) index = treaties_search_index_new (NULL);
  static const char * const no_resources[] = { NULL };

  g_autofree char *tmp = g_dir_make_tmp ("test-library-page-XXXXXX", NULL);

  g_assert_nonnull (tmp);
  fixture->user_folder = g_file_new_build_filename (tmp, "articles", NULL);
  g_file_make_directory_with_parents (fixture->user_folder, NULL, NULL);
  fixture->library = treaties_library_new_full (shipped, no_resources, fixture->user_folder, index);
  fixture->window = treaties_window_new (NULL);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 900, 700);
  treaties_window_set_library (fixture->window, fixture->library);
  treaties_window_show_library (fixture->window);
  gtk_window_present (GTK_WINDOW (fixture->window));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GFileEnumerator) children = NULL;
  g_autoptr(GFile) parent = g_file_get_parent (fixture->user_folder);
  GFileInfo *info;

  children = g_file_enumerate_children (fixture->user_folder, G_FILE_ATTRIBUTE_STANDARD_NAME, G_FILE_QUERY_INFO_NONE, NULL, NULL);
  while (children != NULL && (info = g_file_enumerator_next_file (children, NULL, NULL)) != NULL)
    {
      g_autoptr(GFile) file = g_file_get_child (fixture->user_folder, g_file_info_get_name (info));

      g_file_delete (file, NULL, NULL);
      g_object_unref (info);
    }
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  g_clear_object (&fixture->library);
  g_file_delete (fixture->user_folder, NULL, NULL);
  g_file_delete (parent, NULL, NULL);
  g_clear_object (&fixture->user_folder);
}

/* A template child of the library page. */
static gpointer
page_child (TreatiesLibraryPage *page,
            const char          *name)
{
  return gtk_widget_get_template_child (GTK_WIDGET (page), TREATIES_TYPE_LIBRARY_PAGE, name);
}

static TreatiesLibraryPage *
page_of (Fixture *fixture)
{
  return treaties_window_get_library_page (fixture->window);
}

static gboolean
library_loaded (gpointer data)
{
  Fixture *fixture = data;

  return !treaties_library_get_loading (fixture->library) &&
         g_list_model_get_n_items (G_LIST_MODEL (fixture->library)) > 0;
}

static gboolean
search_done (gpointer data)
{
  return !treaties_library_page_get_searching (data);
}

/* The position of the entry of @file in the page's rows, or -1. */
static int
entry_position (TreatiesLibraryPage *page,
                GFile               *file)
{
  GListModel *model = treaties_library_page_get_model (page);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);

      if (TREATIES_IS_LIBRARY_ENTRY (item) &&
          g_file_equal (treaties_library_entry_get_file (TREATIES_LIBRARY_ENTRY (item)), file))
        return i;
    }
  return -1;
}

static guint
count_entries (TreatiesLibraryPage *page)
{
  GListModel *model = treaties_library_page_get_model (page);
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);

      n += TREATIES_IS_LIBRARY_ENTRY (item);
    }
  return n;
}

/* A label showing @text exactly, under @widget. */
static GtkWidget *
find_label (GtkWidget  *widget,
            const char *text)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_visible (widget) &&
      g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0)
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_label (c, text);
      if (found != NULL)
        return found;
    }
  return NULL;
}

typedef struct
{
  GtkWidget  *root;
  const char *text;
} LabelWait;

static gboolean
label_shown (gpointer data)
{
  LabelWait *wait = data;
  GtkWidget *label = find_label (wait->root, wait->text);

  return label != NULL && gtk_widget_get_mapped (label);
}

/* The library lists every shipped article by its title, each in a row on
 * screen (the window is tall enough for the first few). */
static void
test_lists_shipped (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GHashTable) shipped = shipped_articles ();
  TreatiesLibraryPage *page = page_of (fixture);
  GHashTableIter iter;
  gpointer file, article;
  guint shown = 0;

  g_assert_true (treaties_window_library_is_shown (fixture->window));
  g_assert_true (wait_until (library_loaded, fixture));
  g_assert_cmpuint (count_entries (page), ==, g_hash_table_size (shipped));

  g_hash_table_iter_init (&iter, shipped);
  while (g_hash_table_iter_next (&iter, &file, &article))
    {
      int position = entry_position (page, file);
      g_autoptr(TreatiesLibraryEntry) entry = NULL;

      g_assert_cmpint (position, >=, 0);
      entry = g_list_model_get_item (treaties_library_page_get_model (page), position);
      g_assert_cmpstr (treaties_library_entry_get_title (entry), ==, treaties_article_get_title (article));
      if (position < 3)
        {
          LabelWait wait = { GTK_WIDGET (page), treaties_article_get_title (article) };

          g_assert_true (wait_until (label_shown, &wait));
          shown++;
        }
    }
  g_assert_cmpuint (shown, ==, 3);
}

typedef struct
{
  Fixture    *fixture;
  const char *article_id;
} ArticleWait;

static gboolean
article_shown (gpointer data)
{
  ArticleWait *wait = data;
  TreatiesArticle *article = treaties_window_get_article (wait->fixture->window);

  return article != NULL && g_strcmp0 (treaties_article_get_id (article), wait->article_id) == 0 &&
         !treaties_window_library_is_shown (wait->fixture->window);
}

/* Activating an article's row opens it; Ctrl+L's action goes back to the
 * library and again to the article. */
static void
test_open (Fixture       *fixture,
           gconstpointer  data)
{
  TreatiesLibraryPage *page = page_of (fixture);
  g_autoptr(TreatiesLibraryEntry) entry = NULL;
  ArticleWait wait = { fixture, NULL };

  g_assert_true (wait_until (library_loaded, fixture));
  /* The second row: not simply the first thing shown. */
  entry = g_list_model_get_item (treaties_library_page_get_model (page), 1);
  g_assert_true (TREATIES_IS_LIBRARY_ENTRY (entry));
  wait.article_id = treaties_library_entry_get_article_id (entry);
  treaties_library_page_activate_row (page, 1);
  g_assert_true (wait_until (article_shown, &wait));
  g_assert_true (g_file_equal (treaties_window_get_file (fixture->window), treaties_library_entry_get_file (entry)));
  g_assert_true (gtk_widget_get_visible (child (fixture->window, "sidebar_button")));
  g_assert_true (wait_until (is_mapped, child (fixture->window, "article_view")));

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-library", NULL);
  g_assert_true (treaties_window_library_is_shown (fixture->window));
  g_assert_false (gtk_widget_get_visible (child (fixture->window, "sidebar_button")));
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-library", NULL);
  g_assert_false (treaties_window_library_is_shown (fixture->window));
  g_assert_cmpstr (adw_window_title_get_title (child (fixture->window, "window_title")), ==,
                   treaties_library_entry_get_title (entry));
}

typedef struct
{
  TreatiesLibraryPage *page;
  const char          *name; /* of the stack's child */
} StackWait;

static gboolean
page_stack_shows (gpointer data)
{
  StackWait *wait = data;
  GtkStack *stack = page_child (wait->page, "stack");

  return g_strcmp0 (gtk_stack_get_visible_child_name (stack), wait->name) == 0;
}

/* Typing filters the articles: what stays holds every word typed (in
 * any case, without accents), what goes does not; the article whose title
 * was typed stays. Nonsense empties the list and says so. */
static void
test_filter (Fixture       *fixture,
             gconstpointer  data)
{
  TreatiesLibraryPage *page = page_of (fixture);
  GListModel *library = G_LIST_MODEL (fixture->library);
  g_autoptr(TreatiesLibraryEntry) target = NULL;
  g_autofree char *query = NULL;
  g_auto(GStrv) words = NULL;
  guint n_all, n_kept = 0;
  StackWait empty = { page, "empty" };

  g_assert_true (wait_until (library_loaded, fixture));
  n_all = count_entries (page);
  target = g_list_model_get_item (library, n_all / 2);
  /* The title's longest word, upper-cased. */
  words = g_strsplit (treaties_library_entry_get_title (target), " ", -1);
  for (guint i = 0; words[i] != NULL; i++)
    if (query == NULL || strlen (words[i]) > strlen (query))
      {
        g_free (query);
        query = g_utf8_strup (words[i], -1);
      }
  treaties_library_page_set_query (page, query);
  g_assert_true (wait_until (search_done, page));

  g_assert_cmpint (entry_position (page, treaties_library_entry_get_file (target)), >=, 0);
  /* Under a heading, on screen. */
  {
    g_autoptr(GObject) first = g_list_model_get_item (treaties_library_page_get_model (page), 0);
    LabelWait heading = { GTK_WIDGET (page), gtk_string_object_get_string (GTK_STRING_OBJECT (first)) };

    g_assert_cmpint (GPOINTER_TO_INT (g_object_get_data (first, "treaties-heading")), ==,
                     TREATIES_LIBRARY_HEADING_ARTICLES);
    g_assert_true (wait_until (label_shown, &heading));
  }
  for (guint i = 0; i < n_all; i++)
    {
      g_autoptr(TreatiesLibraryEntry) entry = g_list_model_get_item (library, i);
      g_autofree char *text = g_strjoin (" ", treaties_library_entry_get_title (entry),
                                         treaties_library_entry_get_summary (entry),
                                         treaties_library_entry_get_author (entry) ? treaties_library_entry_get_author (entry) : "",
                                         NULL);
      g_autofree char *name = g_file_get_basename (treaties_library_entry_get_file (entry));
      gboolean holds = treaties_text_match_contains (text, query) || treaties_text_match_contains (name, query);
      gboolean kept = entry_position (page, treaties_library_entry_get_file (entry)) >= 0;

      g_assert_cmpint (holds, ==, kept);
      n_kept += kept;
    }
  g_assert_cmpuint (n_kept, ==, count_entries (page));

  treaties_library_page_set_query (page, "qzxqvjjk");
  g_assert_true (wait_until (search_done, page));
  g_assert_cmpuint (g_list_model_get_n_items (treaties_library_page_get_model (page)), ==, 0);
  g_assert_true (wait_until (page_stack_shows, &empty));

  treaties_library_page_set_query (page, "");
  g_assert_cmpuint (count_entries (page), ==, n_all);
}

typedef struct
{
  Fixture *fixture;
  GFile   *file;
  gboolean present;
} FileWait;

static gboolean
file_listed (gpointer data)
{
  FileWait *wait = data;

  return (entry_position (page_of (wait->fixture), wait->file) >= 0) == wait->present;
}

/* A file dropped into the reader's folder appears, an invalid one with its
 * problems shown, and a removed one goes. */
static void
test_dropped_file (Fixture       *fixture,
                   gconstpointer  data)
{
  static const char * const sections[] = { "one|One|A paragraph of the dropped article.", NULL };
  g_autofree char *json = fixture_article_json ("dropped", "A Dropped Article", "1930-01-02", NULL, sections);
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFile) bad = NULL;
  g_autoptr(TreatiesLibraryEntry) entry = NULL;
  FileWait wait = { fixture, NULL, TRUE };
  LabelWait label = { GTK_WIDGET (page_of (fixture)), "A Dropped Article" };
  int position;

  g_assert_true (wait_until (library_loaded, fixture));
  file = fixture_write (fixture->user_folder, "dropped.treaty.json", json);
  wait.file = file;
  g_assert_true (wait_until (file_listed, &wait));
  /* Dated 1930: among the shipped ones, but on screen once scrolled to. */
  position = entry_position (page_of (fixture), file);
  gtk_widget_activate_action (page_child (page_of (fixture), "list_view"),
                              "list.scroll-to-item", "u", position);
  g_assert_true (wait_until (label_shown, &label));

  bad = fixture_write (fixture->user_folder, "broken.treaty.json", "{ \"format\": 1, \"title\": ");
  wait.file = bad;
  g_assert_true (wait_until (file_listed, &wait));
  position = entry_position (page_of (fixture), bad);
  entry = g_list_model_get_item (treaties_library_page_get_model (page_of (fixture)), position);
  g_assert_false (treaties_library_entry_is_valid (entry));
  g_assert_nonnull (treaties_library_entry_get_problems (entry));
  gtk_widget_activate_action (page_child (page_of (fixture), "list_view"),
                              "list.scroll-to-item", "u", position);
  label.text = treaties_library_entry_get_problems (entry);
  g_assert_true (wait_until (label_shown, &label));

  g_assert_true (g_file_delete (file, NULL, NULL));
  wait.file = file;
  wait.present = FALSE;
  g_assert_true (wait_until (file_listed, &wait));
}

static gboolean
hits_found (gpointer data)
{
  TreatiesLibraryPage *page = data;
  GListModel *model = treaties_library_page_get_model (page);

  if (treaties_library_page_get_searching (page))
    return FALSE;
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);

      if (TREATIES_IS_SEARCH_HIT (item))
        return TRUE;
    }
  return FALSE;
}

typedef struct
{
  Fixture           *fixture;
  TreatiesSearchHit *hit;
} HitWait;

/* The hit's article is shown, its section current, and the match selected
 * in the view is in the hit's paragraph. */
static gboolean
at_hit (gpointer data)
{
  HitWait *wait = data;
  TreatiesWindow *window = wait->fixture->window;
  TreatiesArticleView *view = child (window, "article_view");
  TreatiesArticle *article = treaties_window_get_article (window);
  TreatiesSection *section;
  g_autoptr(TreatiesBlock) block = NULL;
  g_autofree char *plain = NULL;
  g_autofree char *line = NULL;
  GtkTextIter start, end, line_start, line_end;
  int selected;

  if (article == NULL || treaties_window_library_is_shown (window) ||
      g_strcmp0 (treaties_article_get_id (article), treaties_search_hit_get_article_id (wait->hit)) != 0 ||
      g_strcmp0 (treaties_window_get_current_section (window), treaties_search_hit_get_section_id (wait->hit)) != 0 ||
      (selected = treaties_article_view_get_selected_match (view)) < 0)
    return FALSE;

  section = treaties_article_lookup_section (article, treaties_search_hit_get_section_id (wait->hit));
  block = g_list_model_get_item (treaties_section_get_blocks (section), treaties_search_hit_get_block (wait->hit));
  plain = treaties_runs_to_plain (treaties_block_get_item (block, treaties_search_hit_get_item (wait->hit)));
  treaties_article_view_get_match_bounds (view, selected, &start, &end);
  line_start = line_end = start;
  gtk_text_iter_set_line_offset (&line_start, 0);
  gtk_text_iter_forward_to_line_end (&line_end);
  line = gtk_text_iter_get_text (&line_start, &line_end);
  return treaties_text_match_contains (line, plain);
}

typedef struct
{
  Fixture    *fixture;
  const char *article_id;
  const char *section_id;
} SectionWait;

static gboolean
at_section (gpointer data)
{
  SectionWait *wait = data;
  TreatiesArticle *article = treaties_window_get_article (wait->fixture->window);

  return article != NULL && g_strcmp0 (treaties_article_get_id (article), wait->article_id) == 0 &&
         g_strcmp0 (treaties_window_get_current_section (wait->fixture->window), wait->section_id) == 0 &&
         g_strcmp0 (gtk_stack_get_visible_child_name (child (wait->fixture->window, "main_stack")), "article") == 0;
}

/* A passage found in the library, in a section other than the first and
 * in a paragraph other than the first, opens at that passage; one Back
 * returns to the article read before, where the reader was. */
static void
test_search_opens_passage (Fixture       *fixture,
                           gconstpointer  data)
{
  static const char * const sections[] = {
    "first|First|An opening paragraph without the word.",
    "second|Second|Another paragraph.|Here the Quillotrine clause was signed.|- an item|- another item",
    "third|Third|Here too a paragraph, and the end.",
    NULL,
  };
  g_autofree char *json = fixture_article_json ("searched", "A Searched Article", "1933-03-04", NULL, sections);
  g_autoptr(GFile) file = fixture_write (fixture->user_folder, "searched.treaty.json", json);
  TreatiesLibraryPage *page = page_of (fixture);
  GListModel *model = treaties_library_page_get_model (page);
  FileWait listed = { fixture, file, TRUE };
  g_autoptr(TreatiesSearchHit) hit = NULL;
  HitWait at = { fixture, NULL };
  guint position = 0;
  static const char * const before_sections[] = {
    "opening|Opening|A paragraph to begin with.",
    "later|Later|A paragraph further on.",
    NULL,
  };
  g_autofree char *before_json = fixture_article_json ("read-before", "An Article Read Before", "1927-05-06", NULL,
                                                       before_sections);
  g_autoptr(GFile) before_file = fixture_write (fixture->user_folder, "before.treaty.json", before_json);
  FileWait before_listed = { fixture, before_file, TRUE };
  ArticleWait before_opened = { fixture, "read-before" };
  SectionWait was_reading = { fixture, "read-before", "later" };
  SectionWait at_hit_section = { fixture, "searched", "second" };

  g_assert_true (wait_until (library_loaded, fixture));
  g_assert_true (wait_until (file_listed, &listed));
  g_assert_true (wait_until (file_listed, &before_listed));
  g_assert_true (wait_until (library_loaded, fixture));
  /* GTK 4.8 logs a critical (a handler id 0 disconnected from the frame
   * clock) when a scrolled window unmaps while its scrolling animates, as
   * it can here after Back and Forward: no animations in this test. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  /* The reader was reading another article, past its top. */
  treaties_window_open_file (fixture->window, before_file);
  g_assert_true (wait_until (article_shown, &before_opened));
  treaties_window_set_current_section (fixture->window, "later");
  g_assert_true (wait_until (at_section, &was_reading));

  /* Case and accents do not matter. */
  treaties_library_page_set_query (page, "QUILLÔTRINE");
  g_assert_true (wait_until (hits_found, page));
  for (guint i = 0; i < g_list_model_get_n_items (model) && hit == NULL; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);

      if (TREATIES_IS_SEARCH_HIT (item))
        {
          hit = g_object_ref (TREATIES_SEARCH_HIT (item));
          position = i;
        }
    }
  g_assert_cmpstr (treaties_search_hit_get_section_id (hit), ==, "second");
  g_assert_cmpuint (treaties_search_hit_get_block (hit), ==, 1);
  /* Under its article's and its section's headings. */
  {
    g_autoptr(GObject) section_heading = g_list_model_get_item (model, position - 1);
    g_autoptr(GObject) article_heading = g_list_model_get_item (model, position - 2);

    g_assert_cmpstr (gtk_string_object_get_string (GTK_STRING_OBJECT (section_heading)), ==, "Second");
    g_assert_cmpstr (gtk_string_object_get_string (GTK_STRING_OBJECT (article_heading)), ==, "A Searched Article");
  }

  treaties_library_page_activate_row (page, position);
  at.hit = hit;
  g_assert_true (wait_until (at_hit, &at));

  /* One Back returns to the article read before, where the reader was;
   * Forward to the passage again. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.go-back", NULL);
  g_assert_true (wait_until (at_section, &was_reading));
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.go-forward", NULL);
  g_assert_true (wait_until (at_section, &at_hit_section));
  g_assert_cmpuint (treaties_reader_get_block (treaties_window_get_reader (fixture->window)), ==,
                    treaties_search_hit_get_block (hit));
}


/* An article with sections a-1…a-3 (or b-…) and timeline events given as
 * "id|date|title|section". */
static char *
article_with_timeline (const char         *id,
                       const char         *title,
                       char                prefix,
                       const char * const *events)
{
  g_autoptr(GString) json = g_string_new (NULL);

  g_string_append_printf (json, "{\"format\": 1, \"id\": \"%s\", \"title\": \"%s\", \"date\": \"1925-01-01\", \"sections\": [", id, title);
  for (int i = 1; i <= 3; i++)
    g_string_append_printf (json, "%s{\"id\": \"%c-%d\", \"title\": \"Part %d\", \"blocks\": ["
                            "{\"type\": \"paragraph\", \"text\": \"The text of part %d, long enough to read.\"}]}",
                            i > 1 ? ", " : "", prefix, i, i, i);
  g_string_append (json, "], \"timeline\": {\"start\": \"1918-11-11\", \"end\": \"1939-09-01\", \"events\": [");
  for (guint i = 0; events[i] != NULL; i++)
    {
      g_auto(GStrv) parts = g_strsplit (events[i], "|", 4);

      g_string_append_printf (json, "%s{\"id\": \"%s\", \"date\": \"%s\", \"title\": \"%s\", \"sections\": [\"%s\"]}",
                              i > 0 ? ", " : "", parts[0], parts[1], parts[2], parts[3]);
    }
  g_string_append (json, "]}}");
  return g_string_free (g_steal_pointer (&json), FALSE);
}

static GtkWidget *
find_check_button (GtkWidget  *widget,
                   const char *label)
{
  if (GTK_IS_CHECK_BUTTON (widget) && g_strcmp0 (gtk_check_button_get_label (GTK_CHECK_BUTTON (widget)), label) == 0)
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_check_button (c, label);
      if (found != NULL)
        return found;
    }
  return NULL;
}

typedef struct
{
  TreatiesLanesView *view;
  guint              n_lanes;
} LanesWait;

static gboolean
lanes_shown (gpointer data)
{
  LanesWait *wait = data;
  TreatiesLanesLayout *layout = treaties_lanes_view_get_layout (wait->view);

  return layout != NULL && treaties_lanes_layout_get_n_lanes (layout) == wait->n_lanes &&
         gtk_widget_get_mapped (GTK_WIDGET (wait->view));
}

/* "Compare with…" from the reading view shows the article's lane, then
 * another's as it is chosen; their shared event is one, linked to both;
 * activating it in the other article's lane opens that article at its
 * passage; one Back returns to the first article where the reader was,
 * Forward to the passage again. */
static void
test_compare_opens_other (Fixture       *fixture,
                          gconstpointer  data)
{
  static const char * const a_events[] = { "a-alone|1922-04-16|Only in the first|a-2",
                                           "a-meets|1925-10-16|A moment both tell of|a-3", NULL };
  static const char * const b_events[] = { "b-meets|1925-10-16|A MOMENT both tell of|b-3",
                                           "b-alone|1936-03-07|Only in the second|b-2", NULL };
  g_autofree char *a_json = article_with_timeline ("first-told", "The First Telling", 'a', a_events);
  g_autofree char *b_json = article_with_timeline ("second-told", "The Second Telling", 'b', b_events);
  g_autoptr(GFile) a_file = fixture_write (fixture->user_folder, "first.treaty.json", a_json);
  g_autoptr(GFile) b_file = fixture_write (fixture->user_folder, "second.treaty.json", b_json);
  FileWait listed = { fixture, b_file, TRUE };
  ArticleWait opened = { fixture, "first-told" };
  TreatiesLanesView *view;
  TreatiesLanesLayout *layout;
  LanesWait lanes;
  GtkWidget *choice;
  TreatiesArticle *first;
  const TreatiesLanesEvent *shared;
  guint other_lane = G_MAXUINT;
  int index;
  SectionWait at_passage = { fixture, "second-told", "b-3" };
  SectionWait was_reading = { fixture, "first-told", "a-2" };

  g_assert_true (wait_until (library_loaded, fixture));
  g_assert_true (wait_until (file_listed, &listed));
  treaties_library_page_activate_row (page_of (fixture), entry_position (page_of (fixture), a_file));
  g_assert_true (wait_until (article_shown, &opened));
  /* The reader moves on from the article's top. */
  treaties_window_set_current_section (fixture->window, "a-2");
  g_assert_true (wait_until (at_section, &was_reading));

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.compare", NULL);
  view = TREATIES_LANES_VIEW (find_widget_named (GTK_WIDGET (fixture->window), "lanes-view"));
  g_assert_nonnull (view);
  lanes.view = view;
  lanes.n_lanes = 1;
  g_assert_true (wait_until (lanes_shown, &lanes));
  g_assert_false (gtk_widget_get_visible (child (fixture->window, "sidebar_button")));

  choice = find_check_button (GTK_WIDGET (fixture->window), "The Second Telling");
  g_assert_nonnull (choice);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (choice), TRUE);
  lanes.n_lanes = 2;
  g_assert_true (wait_until (lanes_shown, &lanes));

  layout = treaties_lanes_view_get_layout (view);
  first = treaties_window_get_article (fixture->window);
  g_assert_true (treaties_lanes_layout_get_article (layout, 0) == first);
  g_assert_cmpuint (treaties_lanes_layout_get_n_events (layout), ==, 3);
  index = treaties_lanes_layout_find_event (layout, 0, treaties_article_lookup_event (first, "a-meets"));
  g_assert_cmpint (index, >=, 0);
  shared = treaties_lanes_layout_get_event (layout, index);
  g_assert_cmpuint (shared->links->len, ==, 2);
  for (guint j = 0; j < shared->links->len; j++)
    if (g_array_index (shared->links, TreatiesLanesLink, j).lane != 0)
      other_lane = g_array_index (shared->links, TreatiesLanesLink, j).lane;
  g_assert_cmpstr (treaties_article_get_id (treaties_lanes_layout_get_article (layout, other_lane)), ==, "second-told");

  /* The library is one shortcut away from the lanes, and the article one
   * more; the lanes stay as they were. */
  gtk_widget_activate_action (GTK_WIDGET (view), "win.show-library", NULL);
  g_assert_true (treaties_window_library_is_shown (fixture->window));
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-library", NULL);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (child (fixture->window, "main_stack")), ==, "article");
  g_assert_cmpstr (treaties_article_get_id (treaties_window_get_article (fixture->window)), ==, "first-told");
  g_assert_cmpstr (adw_window_title_get_title (child (fixture->window, "window_title")), ==, "The First Telling");

  treaties_lanes_view_activate (view, index, other_lane);
  g_assert_true (wait_until (at_section, &at_passage));

  /* One Back returns to the first article where the reader was (not to
   * the top of the second), Forward goes to the passage again. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.go-back", NULL);
  g_assert_true (wait_until (at_section, &was_reading));
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.go-forward", NULL);
  g_assert_true (wait_until (at_section, &at_passage));
}

int
main (int   argc,
      char *argv[])
{
  ui_test_init (&argc, &argv);

  g_test_add ("/library-page/lists-shipped", Fixture, NULL, fixture_set_up, test_lists_shipped, fixture_tear_down);
  g_test_add ("/library-page/open", Fixture, NULL, fixture_set_up, test_open, fixture_tear_down);
  g_test_add ("/library-page/filter", Fixture, NULL, fixture_set_up, test_filter, fixture_tear_down);
  g_test_add ("/library-page/dropped-file", Fixture, NULL, fixture_set_up, test_dropped_file, fixture_tear_down);
  g_test_add ("/library-page/search-opens-passage", Fixture, NULL, fixture_set_up, test_search_opens_passage,
              fixture_tear_down);
  g_test_add ("/library-page/compare-opens-other", Fixture, NULL, fixture_set_up, test_compare_opens_other,
              fixture_tear_down);
  return g_test_run ();
}
