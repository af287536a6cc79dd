/* treaties-window-open.c: opening articles in the window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "treaties-application.h"
#include "treaties-library.h"
#include "treaties-window-open.h"

#define MAX_RECENT   TREATIES_MAX_RECENT
#define ARTICLE_MIME "application/x-treaties-article+json"
/* The window's GCancellable of the open in progress, if any. */
#define OPENING_KEY  "treaties-opening-cancellable"
/* GtkRecentManager reads (and later rewrites) its whole file on the main
 * thread; past this size that is a visible stall. */
#define MAX_RECENT_FILE_SIZE (1024 * 1024)

/* As in treaties-window-export.c: GtkFileDialog only where the build allows
 * 4.10 API; Debian 12 has GTK 4.8. */
#if GTK_CHECK_VERSION (4, 10, 0) && GDK_VERSION_MAX_ALLOWED >= GDK_VERSION_4_10
# define USE_GTK_4_10_DIALOGS
#endif

typedef struct
{
  TreatiesWindow *window;
  GFile          *file;
  GCancellable   *cancellable;
} Opening;

static void
opening_free (Opening *opening)
{
  g_clear_object (&opening->window);
  g_clear_object (&opening->file);
  g_clear_object (&opening->cancellable);
  g_free (opening);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Opening, opening_free)

/* NULL when the schema is not installed, or the window has no app (tests). */
static GSettings *
window_settings (TreatiesWindow *window)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (window));

  return TREATIES_IS_APPLICATION (app) ? treaties_application_get_settings (TREATIES_APPLICATION (app)) : NULL;
}

/* Whether the desktop's list of recent files can be handed to
 * GtkRecentManager: it opens and parses the file on the main thread, so a
 * FIFO there would block forever and a huge file for seconds. Missing is
 * fine (it is created). stat() does not open, so it cannot block. */
static gboolean
recent_manager_is_safe (void)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "recently-used.xbel", NULL);
  GStatBuf st;

  if (g_stat (path, &st) != 0)
    return errno == ENOENT;
  return S_ISREG (st.st_mode) && st.st_size <= MAX_RECENT_FILE_SIZE;
}

/* The titles of the articles in @recent, @uri's being @title: what Open
 * Recent shows. */
static void
remember_titles (GSettings          *settings,
                 const char * const *recent,
                 const char         *uri,
                 const char         *title)
{
  g_autoptr(GVariant) old = g_settings_get_value (settings, "recent-titles");
  GVariantBuilder builder;

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a{ss}"));
  for (guint i = 0; recent[i] != NULL; i++)
    {
      const char *known = NULL;

      if (g_str_equal (recent[i], uri))
        known = title;
      else
        g_variant_lookup (old, recent[i], "&s", &known);
      if (known != NULL)
        g_variant_builder_add (&builder, "{ss}", recent[i], known);
    }
  g_settings_set_value (settings, "recent-titles", g_variant_builder_end (&builder));
}

/* Newest first, no duplicates, at most MAX_RECENT. */
static void
remember_recent (TreatiesWindow *window,
                 GFile          *file,
                 const char     *title)
{
  GSettings *settings = window_settings (window);
  g_autofree char *uri = g_file_get_uri (file);
  g_auto(GStrv) old = NULL;
  g_autoptr(GStrvBuilder) builder = NULL;
  g_auto(GStrv) recent = NULL;
  guint n = 1;

  if (recent_manager_is_safe ())
    gtk_recent_manager_add_item (gtk_recent_manager_get_default (), uri);
  else
    g_debug ("recently-used.xbel is not a regular file of at most %d bytes; not added to it",
             MAX_RECENT_FILE_SIZE);

  if (settings == NULL)
    return;

  old = g_settings_get_strv (settings, "recent-articles");
  builder = g_strv_builder_new ();
  g_strv_builder_add (builder, uri);
  for (guint i = 0; old[i] != NULL && n < MAX_RECENT; i++)
    if (!g_str_equal (old[i], uri))
      {
        g_strv_builder_add (builder, old[i]);
        n++;
      }
  recent = g_strv_builder_end (builder);
  /* The titles first: the menu is remade when the list changes. */
  remember_titles (settings, (const char * const *) recent, uri, title);
  g_settings_set_strv (settings, "recent-articles", (const char * const *) recent);
}

static void
loaded_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(Opening) opening = user_data;
  g_autoptr(TreatiesArticle) article = NULL;
  g_autoptr(GError) error = NULL;

  article = treaties_article_new_from_file_finish (result, &error);
  /* A newer open replaced this one: the reader no longer wants it. */
  if (g_cancellable_is_cancelled (opening->cancellable))
    return;
  if (g_object_get_data (G_OBJECT (opening->window), OPENING_KEY) == opening->cancellable)
    g_object_set_data (G_OBJECT (opening->window), OPENING_KEY, NULL);
  if (article == NULL)
    {
      treaties_window_show_error (opening->window, error);
      return;
    }

  treaties_window_set_article_from_file (opening->window, article, opening->file);
  remember_recent (opening->window, opening->file, treaties_article_get_title (article));
}

void
treaties_window_open_file (TreatiesWindow *window,
                           GFile          *file)
{
  GCancellable *previous;
  Opening *opening;

  g_return_if_fail (TREATIES_IS_WINDOW (window));
  g_return_if_fail (G_IS_FILE (file));

  /* The last article asked for wins, not the last to finish loading. */
  previous = g_object_get_data (G_OBJECT (window), OPENING_KEY);
  if (previous != NULL)
    g_cancellable_cancel (previous);

  opening = g_new0 (Opening, 1);
  opening->window = g_object_ref (window);
  opening->file = g_object_ref (file);
  opening->cancellable = g_cancellable_new ();
  g_object_set_data_full (G_OBJECT (window), OPENING_KEY, g_object_ref (opening->cancellable), g_object_unref);
  treaties_article_new_from_file_async (file, opening->cancellable, loaded_cb, opening);
}

static GListStore *
article_filters (GtkFileFilter **out_default)
{
  GListStore *filters = g_list_store_new (GTK_TYPE_FILE_FILTER);
  g_autoptr(GtkFileFilter) articles = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) json = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  gtk_file_filter_set_name (articles, _("Treaties Articles"));
  gtk_file_filter_add_mime_type (articles, ARTICLE_MIME);
  gtk_file_filter_add_pattern (articles, "*.treaty.json");
  gtk_file_filter_set_name (json, _("JSON Files"));
  gtk_file_filter_add_mime_type (json, "application/json");
  gtk_file_filter_add_pattern (json, "*.json");
  gtk_file_filter_set_name (all, _("All Files"));
  gtk_file_filter_add_pattern (all, "*");

  g_list_store_append (filters, articles);
  g_list_store_append (filters, json);
  g_list_store_append (filters, all);
  *out_default = json; /* *.treaty.json and other articles' plain *.json */
  g_object_ref (*out_default);
  return filters;
}

static GFile *
start_folder (TreatiesWindow *window)
{
  GFile *current = treaties_window_get_file (window);

  if (current != NULL)
    return g_file_get_parent (current);
  return treaties_library_dup_shipped_folder ();
}

#ifdef USE_GTK_4_10_DIALOGS
static void
dialog_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(TreatiesWindow) window = user_data;
  g_autoptr(GFile) file = gtk_file_dialog_open_finish (GTK_FILE_DIALOG (source), result, NULL);

  if (file != NULL)
    treaties_window_open_file (window, file);
}

void
treaties_window_open (TreatiesWindow *window)
{
  g_autoptr(GtkFileDialog) dialog = gtk_file_dialog_new ();
  g_autoptr(GtkFileFilter) default_filter = NULL;
  g_autoptr(GListStore) filters = article_filters (&default_filter);
  g_autoptr(GFile) folder = start_folder (window);

  gtk_file_dialog_set_title (dialog, _("Open Article"));
  gtk_file_dialog_set_filters (dialog, G_LIST_MODEL (filters));
  gtk_file_dialog_set_default_filter (dialog, default_filter);
  if (g_file_query_exists (folder, NULL))
    gtk_file_dialog_set_initial_folder (dialog, folder);
  gtk_file_dialog_open (dialog, GTK_WINDOW (window), NULL, dialog_done_cb, g_object_ref (window));
}
#else
static void
chooser_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     TreatiesWindow  *window)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      if (file != NULL)
        treaties_window_open_file (window, file);
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

void
treaties_window_open (TreatiesWindow *window)
{
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) default_filter = NULL;
  g_autoptr(GListStore) filters = article_filters (&default_filter);
  g_autoptr(GFile) folder = start_folder (window);

  g_return_if_fail (TREATIES_IS_WINDOW (window));

  chooser = gtk_file_chooser_native_new (_("Open Article"), GTK_WINDOW (window),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (filters)); i++)
    {
      g_autoptr(GtkFileFilter) filter = g_list_model_get_item (G_LIST_MODEL (filters), i);
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
    }
  gtk_file_chooser_set_filter (GTK_FILE_CHOOSER (chooser), default_filter);
  if (g_file_query_exists (folder, NULL))
    gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL);

  /* The chooser holds itself until the response. */
  g_signal_connect_object (chooser, "response", G_CALLBACK (chooser_response_cb), window, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}
#endif

static gboolean
drop_cb (GtkDropTarget  *target,
         const GValue   *value,
         double          x,
         double          y,
         TreatiesWindow *window)
{
  GSList *files;

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST) ||
      (files = g_value_get_boxed (value)) == NULL)
    return FALSE;

  /* One article at a time: the first file. */
  treaties_window_open_file (window, files->data);
  return TRUE;
}

void
treaties_window_setup_drop (TreatiesWindow *window)
{
  GtkDropTarget *target;

  g_return_if_fail (TREATIES_IS_WINDOW (window));

  target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect_object (target, "drop", G_CALLBACK (drop_cb), window, 0);
  gtk_widget_add_controller (GTK_WIDGET (window), GTK_EVENT_CONTROLLER (target));
}

static void
recent_changed_cb (GSettings  *settings,
                   const char *key,
                   GMenu      *menu)
{
  g_auto(GStrv) recent = g_settings_get_strv (settings, "recent-articles");
  g_autoptr(GVariant) titles = g_settings_get_value (settings, "recent-titles");
  guint n = 0;

  g_menu_remove_all (menu);
  /* Only as many as are kept: each costs a look at the disk. */
  for (guint i = 0; recent[i] != NULL && i < MAX_RECENT; i++)
    {
      g_autoptr(GFile) file = g_file_new_for_uri (recent[i]);
      g_autofree char *name = NULL;
      g_autoptr(GMenuItem) item = NULL;
      const char *title = NULL;

      /* A file that has gone away is left out, not offered to fail. Only
       * local files are looked at: asking a remote location whether it
       * exists can block the window for as long as the network likes. */
      if (!g_file_is_native (file) || !g_file_query_exists (file, NULL))
        continue;
      /* The article's title, as it was when last opened; the file's name
       * for one opened before titles were kept. Menu labels take "_" for
       * a mnemonic: a title's own are doubled. */
      if (g_variant_lookup (titles, recent[i], "&s", &title) && title[0] != '\0')
        {
          g_auto(GStrv) parts = g_strsplit (title, "_", -1);
          name = g_strjoinv ("__", parts);
        }
      else
        name = g_file_get_basename (file);
      item = g_menu_item_new (name, NULL);
      g_menu_item_set_action_and_target (item, "win.open-recent", "s", recent[i]);
      g_menu_append_item (menu, item);
      n++;
    }

  if (n == 0)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (_("No Recent Articles"), "win.no-recent");
      g_menu_append_item (menu, item);
    }
}

void
treaties_window_setup_recent (TreatiesWindow *window,
                              GSettings      *settings,
                              GMenu          *menu)
{
  g_return_if_fail (TREATIES_IS_WINDOW (window));
  g_return_if_fail (G_IS_MENU (menu));

  if (settings != NULL)
    {
      g_signal_connect_object (settings, "changed::recent-articles",
                               G_CALLBACK (recent_changed_cb), menu, 0);
      recent_changed_cb (settings, "recent-articles", menu);
    }
  else
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (_("No Recent Articles"), "win.no-recent");
      g_menu_append_item (menu, item);
    }
}
