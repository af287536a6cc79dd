/* test-saved-state.c: corrupt or overgrown saved state, and opens that race
 *
 * Settings come from a keyfile backend written by the test before the app
 * starts (a width of -5, a zoom of NaN, thousands of recent articles and
 * saved positions); the desktop's recent-files list is a FIFO. The app
 * must repair what it reads, keep its lists short, never block on the
 * recent-files list, and show the article asked for last.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "treaties-application.h"
#include "treaties-article-view.h"
#include "treaties-reader.h"
#include "treaties-window-open.h"
#include "ui-test-utils.h"

#define N_RECENT_WRITTEN    3000
#define N_POSITIONS_WRITTEN 5000

static TreatiesApplication *app;
static char *config_dir;
static char *data_dir;

static char *
shipped_path (void)
{
  return g_test_build_filename (G_TEST_DIST, "..", "data", "articles", "france-ussr-neutrality-1931.treaty.json", NULL);
}

/* What an older version, a hand edit or a damaged disk could leave. */
static void
write_corrupt_keyfile (void)
{
  g_autofree char *dir = g_build_filename (config_dir, "glib-2.0", "settings", NULL);
  g_autofree char *path = g_build_filename (dir, "keyfile", NULL);
  g_autoptr(GString) s = g_string_new ("[org/example/Treaties]\nwindow-width=-5\nwindow-height=0\ntext-zoom=nan\n");
  g_autoptr(GError) error = NULL;

  g_string_append (s, "recent-articles=[");
  for (guint i = 0; i < N_RECENT_WRITTEN; i++)
    g_string_append_printf (s, "%s'file:///nowhere/article.json?%u'", i ? ", " : "", i);
  g_string_append (s, "]\nlast-positions={");
  for (guint i = 0; i < N_POSITIONS_WRITTEN; i++)
    g_string_append_printf (s, "%s'article-%u': 'section'", i ? ", " : "", i);
  g_string_append (s, "}\n");

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_file_set_contents (path, s->str, s->len, &error);
  g_assert_no_error (error);
}

static gboolean
has_article (gpointer data)
{
  return treaties_window_get_article (data) != NULL;
}

/* The values read back are usable, the lists cut, and a window made from
 * them raises no critical (fatal here). */
static void
test_corrupt_values_repaired (void)
{
  GSettings *settings = treaties_application_get_settings (app);
  g_auto(GStrv) recent = NULL;
  TreatiesWindow *window;
  double zoom;

  g_assert_nonnull (settings);
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), >=, 1);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), >=, 1);
  g_assert_cmpfloat (g_settings_get_double (settings, "text-zoom"), ==, 1.0);

  recent = g_settings_get_strv (settings, "recent-articles");
  g_assert_cmpuint (g_strv_length (recent), ==, TREATIES_MAX_RECENT);
  g_assert_true (g_str_has_suffix (recent[0], "?0"));

  window = treaties_window_new (GTK_APPLICATION (app));
  gtk_window_present (GTK_WINDOW (window));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.open-shipped", NULL);
  g_assert_true (wait_until (has_article, window));
  g_assert_true (wait_until (is_mapped, child (window, "article_view")));
  g_object_get (child (window, "article_view"), "zoom", &zoom, NULL);
  g_assert_cmpfloat (zoom, ==, 1.0);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Closing saves this article's place first and drops the oldest past the
 * limit, instead of rewriting an ever longer list. */
static void
test_positions_capped (void)
{
  GSettings *settings = treaties_application_get_settings (app);
  TreatiesWindow *window = treaties_window_new (GTK_APPLICATION (app));
  g_autoptr(GVariant) places = NULL;
  GVariantBuilder builder;
  const char *key;

  g_variant_builder_init (&builder, G_VARIANT_TYPE (TREATIES_READER_SAVED_TYPE));
  for (guint i = 0; i < TREATIES_READER_MAX_SAVED; i++)
    {
      g_autofree char *id = g_strdup_printf ("old-%u", i);

      g_variant_builder_add (&builder, "(ssu)", id, "section", 0);
    }
  g_settings_set_value (settings, "reading-places", g_variant_builder_end (&builder));

  gtk_window_present (GTK_WINDOW (window));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.open-shipped", NULL);
  g_assert_true (wait_until (has_article, window));
  g_assert_true (wait_until (is_mapped, child (window, "article_view")));
  settle ();
  g_assert_nonnull (treaties_window_get_current_section (window));
  gtk_window_close (GTK_WINDOW (window));

  places = g_settings_get_value (settings, "reading-places");
  g_assert_cmpuint (g_variant_n_children (places), ==, TREATIES_READER_MAX_SAVED);
  g_variant_get_child (places, 0, "(&s&su)", &key, NULL, NULL);
  g_assert_cmpstr (key, ==, "france-ussr-neutrality-1931");
  g_variant_get_child (places, TREATIES_READER_MAX_SAVED - 1, "(&s&su)", &key, NULL, NULL);
  g_assert_cmpstr (key, ==, "old-198");
}

/* A long list written while the app runs: the menu shows (and looks on
 * disk for) no more than are kept. */
static void
test_recent_menu_capped (void)
{
  GSettings *settings = treaties_application_get_settings (app);
  TreatiesWindow *window = treaties_window_new (GTK_APPLICATION (app));
  g_autofree char *shipped = shipped_path ();
  g_autofree char *uri = g_filename_to_uri (shipped, NULL, NULL);
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func (g_free);
  GMenuModel *menu;

  for (guint i = 0; i < N_RECENT_WRITTEN; i++)
    g_ptr_array_add (list, g_strdup (uri));
  g_ptr_array_add (list, NULL);
  g_settings_set_strv (settings, "recent-articles", (const char * const *) list->pdata);

  menu = child (window, "recent_menu");
  g_assert_cmpint (g_menu_model_get_n_items (menu), ==, TREATIES_MAX_RECENT);
  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
shows_file (gpointer data)
{
  TreatiesWindow *window = data;
  GFile *shown = treaties_window_get_file (window);
  GFile *wanted = g_object_get_data (G_OBJECT (window), "test-wanted");

  return shown != NULL && g_file_equal (shown, wanted);
}

/* The desktop's recent-files list is a FIFO: GtkRecentManager would block
 * opening it, forever. Opening an article must still finish, and the
 * app's own recent list still gains it. The alarm turns a hang into a
 * failure. */
static void
test_recent_file_is_fifo (void)
{
  g_autofree char *xbel = g_build_filename (data_dir, "recently-used.xbel", NULL);
  g_autofree char *shipped = shipped_path ();
  g_autoptr(GFile) file = g_file_new_for_path (shipped);
  g_autofree char *uri = g_file_get_uri (file);
  TreatiesWindow *window = treaties_window_new (GTK_APPLICATION (app));
  g_auto(GStrv) recent = NULL;

  g_assert_cmpint (mkfifo (xbel, 0600), ==, 0);
  g_object_set_data_full (G_OBJECT (window), "test-wanted", g_object_ref (file), g_object_unref);
  gtk_window_present (GTK_WINDOW (window));

  alarm (30);
  treaties_window_open_file (window, file);
  g_assert_true (wait_until (shows_file, window));
  settle ();
  alarm (0);

  recent = g_settings_get_strv (treaties_application_get_settings (app), "recent-articles");
  g_assert_cmpstr (recent[0], ==, uri);
  gtk_window_destroy (GTK_WINDOW (window));
  g_unlink (xbel);
}

static gboolean
shows_error (gpointer data)
{
  GtkStack *stack = child (data, "main_stack");

  return g_strcmp0 (gtk_stack_get_visible_child_name (stack), "error") == 0;
}

/* Opening a FIFO (as Open, a drop, Open Recent or an argument would) used
 * to leave a blank window for ever: it must fail at once, on the error
 * page. Remote entries in the recent list are not looked up. */
static void
test_open_fifo_fails (void)
{
  g_autofree char *fifo = g_build_filename (data_dir, "article.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (fifo);
  TreatiesWindow *window = treaties_window_new (GTK_APPLICATION (app));
  const char *remote[] = { "sftp://unreachable.invalid/article.json", NULL };

  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  gtk_window_present (GTK_WINDOW (window));
  alarm (30);
  treaties_window_open_file (window, file);
  g_assert_true (wait_until (shows_error, window));
  g_settings_set_strv (treaties_application_get_settings (app), "recent-articles", remote);
  alarm (0);
  g_assert_cmpint (g_menu_model_get_n_items (child (window, "recent_menu")), ==, 1); /* "No Recent Articles" */
  gtk_window_destroy (GTK_WINDOW (window));
  g_unlink (fifo);
}

/* An article big enough to take a while to load. */
static char *
write_big_article (void)
{
  g_autofree char *path = g_build_filename (data_dir, "big.json", NULL);
  g_autoptr(GString) s = g_string_new ("{\"format\": 1, \"id\": \"big\", \"title\": \"Big\", \"sections\": [");
  g_autoptr(GString) paragraph = g_string_new (NULL);
  g_autoptr(GError) error = NULL;

  while (paragraph->len < 2000)
    g_string_append (paragraph, "The conference met again, and the delegates disagreed. ");
  for (guint i = 0; i < 1000; i++)
    {
      g_string_append_printf (s, "%s{\"id\": \"s%u\", \"title\": \"Section %u\", \"blocks\": [", i ? ", " : "", i, i);
      for (guint j = 0; j < 8; j++)
        g_string_append_printf (s, "%s{\"type\": \"paragraph\", \"text\": \"%s\"}", j ? ", " : "", paragraph->str);
      g_string_append (s, "]}");
    }
  g_string_append (s, "]}");
  g_file_set_contents (path, s->str, s->len, &error);
  g_assert_no_error (error);
  return g_steal_pointer (&path);
}

static void
loaded_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(TreatiesArticle) article = treaties_article_new_from_file_finish (result, NULL);

  g_assert_nonnull (article);
  *(gboolean *) user_data = TRUE;
}

static gboolean
is_true (gpointer data)
{
  return *(gboolean *) data;
}

/* A slow open, then a quick one: the quick one, asked for last, stays
 * shown after the slow one has finished loading. That the slow one has
 * finished is seen by loading the same file once more, started after it. */
static void
test_newer_open_wins (void)
{
  g_autofree char *big_path = write_big_article ();
  g_autofree char *small_path = shipped_path ();
  g_autoptr(GFile) big = g_file_new_for_path (big_path);
  g_autoptr(GFile) small = g_file_new_for_path (small_path);
  TreatiesWindow *window = treaties_window_new (GTK_APPLICATION (app));
  gboolean again_loaded = FALSE;

  g_object_set_data_full (G_OBJECT (window), "test-wanted", g_object_ref (small), g_object_unref);
  gtk_window_present (GTK_WINDOW (window));

  treaties_window_open_file (window, big);
  treaties_window_open_file (window, small);
  g_assert_true (wait_until (shows_file, window));

  treaties_article_new_from_file_async (big, NULL, loaded_cb, &again_loaded);
  g_assert_true (wait_until (is_true, &again_loaded));
  settle ();

  g_assert_true (shows_file (window));
  g_assert_cmpstr (treaties_article_get_id (treaties_window_get_article (window)), ==,
                   "france-ussr-neutrality-1931");
  gtk_window_destroy (GTK_WINDOW (window));
  g_unlink (big_path);
}

/* An article of ten sections of four paragraphs each. */
static char *
write_reading_article (void)
{
  g_autofree char *path = g_build_filename (data_dir, "reading.treaty.json", NULL);
  g_autoptr(GString) s = g_string_new ("{\"format\": 1, \"id\": \"reading\", \"title\": \"Reading\", \"sections\": [");
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 10; i++)
    {
      g_string_append_printf (s, "%s{\"id\": \"s%u\", \"title\": \"Section %u\", \"blocks\": [", i ? ", " : "", i, i);
      for (guint j = 0; j < 4; j++)
        g_string_append_printf (s, "%s{\"type\": \"paragraph\", \"text\": \"Paragraph %u.%u: the delegates "
                                "met again in Geneva, and again they could not agree on the wording of the "
                                "second clause, which the French wished to keep and the Soviets to drop.\"}",
                                j ? ", " : "", i, j);
      g_string_append (s, "]}");
    }
  g_string_append (s, "]}");
  g_file_set_contents (path, s->str, s->len, &error);
  g_assert_no_error (error);
  return g_steal_pointer (&path);
}

typedef struct
{
  TreatiesWindow *window;
  const char     *id;
  guint           block;
} PlaceWait;

/* The window reads the section at the block, and the text shows it. */
static gboolean
at_place (gpointer data)
{
  PlaceWait *w = data;
  TreatiesArticleView *view = child (w->window, "article_view");

  return g_strcmp0 (treaties_window_get_current_section (w->window), w->id) == 0 &&
         treaties_reader_get_block (treaties_window_get_reader (w->window)) == w->block &&
         g_strcmp0 (treaties_article_view_get_current_section (view), w->id) == 0 &&
         treaties_article_view_get_current_block (view) == w->block;
}

static gboolean
no_window (gpointer data)
{
  return gtk_application_get_windows (GTK_APPLICATION (app)) == NULL;
}

static TreatiesWindow *
active_window (void)
{
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (app));

  return windows != NULL ? windows->data : NULL;
}

static gboolean
has_label (GtkWidget  *widget,
           const char *part)
{
  if (GTK_IS_LABEL (widget) && strstr (gtk_label_get_text (GTK_LABEL (widget)), part) != NULL)
    return TRUE;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    if (has_label (c, part))
      return TRUE;
  return FALSE;
}

/* Ctrl+Q, then a start with no file: the same article at the same
 * paragraph. A start after that file is gone: the shipped article, and a
 * toast that says why. */
static void
test_quit_and_relaunch (void)
{
  g_autofree char *path = write_reading_article ();
  g_autoptr(GFile) file = g_file_new_for_path (path);
  TreatiesWindow *window = treaties_window_new (GTK_APPLICATION (app));
  PlaceWait w = { window, "s6", 2 };
  TreatiesArticle *article;

  g_object_set_data_full (G_OBJECT (window), "test-wanted", g_object_ref (file), g_object_unref);
  gtk_window_present (GTK_WINDOW (window));
  treaties_window_open_file (window, file);
  g_assert_true (wait_until (shows_file, window));
  /* The reader jumps once the article is on screen. */
  g_assert_true (wait_until (is_mapped, child (window, "article_view")));
  settle ();
  article = treaties_window_get_article (window);

  /* Open Recent names it by its title, not its file's name. */
  {
    GMenuModel *recent = child (window, "recent_menu");
    g_autofree char *label = NULL;

    g_assert_cmpint (g_menu_model_get_n_items (recent), >=, 1);
    g_assert_true (g_menu_model_get_item_attribute (recent, 0, G_MENU_ATTRIBUTE_LABEL, "s", &label));
    g_assert_cmpstr (label, ==, treaties_article_get_title (article));
  }

  treaties_reader_jump (treaties_window_get_reader (window), treaties_article_lookup_section (article, "s6"), 2);
  if (!wait_until (at_place, &w))
    g_error ("at %s/%u, the text at %s/%u", treaties_window_get_current_section (window),
             treaties_reader_get_block (treaties_window_get_reader (window)),
             treaties_article_view_get_current_section (child (window, "article_view")),
             treaties_article_view_get_current_block (child (window, "article_view")));
  settle ();

  /* Ctrl+Q. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  g_assert_true (wait_until (no_window, NULL));

  /* Started again with no file. */
  g_application_activate (G_APPLICATION (app));
  w.window = active_window ();
  g_assert_nonnull (w.window);
  g_object_set_data_full (G_OBJECT (w.window), "test-wanted", g_object_ref (file), g_object_unref);
  g_assert_true (wait_until (shows_file, w.window));
  if (!wait_until (at_place, &w))
    g_error ("reopened at %s/%u, the text at %s/%u", treaties_window_get_current_section (w.window),
             treaties_reader_get_block (treaties_window_get_reader (w.window)),
             treaties_article_view_get_current_section (child (w.window, "article_view")),
             treaties_article_view_get_current_block (child (w.window, "article_view")));
  settle ();
  g_assert_true (at_place (&w));

  /* The file is gone. */
  gtk_window_destroy (GTK_WINDOW (w.window));
  g_assert_cmpint (g_unlink (path), ==, 0);
  g_application_activate (G_APPLICATION (app));
  window = active_window ();
  g_assert_nonnull (window);
  g_assert_true (wait_until (has_article, window));
  g_assert_null (treaties_window_get_file (window));
  g_assert_true (has_label (child (window, "toast_overlay"), "reading.treaty.json"));
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child_path = g_build_filename (path, name, NULL);

      if (g_file_test (child_path, G_FILE_TEST_IS_DIR) && !g_file_test (child_path, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child_path);
      else
        g_unlink (child_path);
    }
  g_rmdir (path);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  /* Before anything reads them: GLib caches these directories. */
  config_dir = g_dir_make_tmp ("treaties-config-XXXXXX", NULL);
  data_dir = g_dir_make_tmp ("treaties-data-XXXXXX", NULL);
  g_assert_nonnull (config_dir);
  g_assert_nonnull (data_dir);
  g_setenv ("XDG_CONFIG_HOME", config_dir, TRUE);
  g_setenv ("XDG_DATA_HOME", data_dir, TRUE);
  g_setenv ("GSETTINGS_BACKEND", "keyfile", TRUE);
  write_corrupt_keyfile ();

  ui_test_init (&argc, &argv);

  app = treaties_application_new ();
  g_application_set_flags (G_APPLICATION (app),
                           g_application_get_flags (G_APPLICATION (app)) | G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  g_test_add_func ("/saved-state/corrupt-values-repaired", test_corrupt_values_repaired);
  g_test_add_func ("/saved-state/positions-capped", test_positions_capped);
  g_test_add_func ("/saved-state/recent-menu-capped", test_recent_menu_capped);
  g_test_add_func ("/saved-state/recent-file-is-fifo", test_recent_file_is_fifo);
  g_test_add_func ("/saved-state/newer-open-wins", test_newer_open_wins);
  g_test_add_func ("/saved-state/open-fifo-fails", test_open_fifo_fails);
  g_test_add_func ("/saved-state/quit-and-relaunch", test_quit_and_relaunch);
  status = g_test_run ();

  g_clear_object (&app);
  remove_tree (config_dir);
  remove_tree (data_dir);
  g_free (config_dir);
  g_free (data_dir);
  return status;
}
