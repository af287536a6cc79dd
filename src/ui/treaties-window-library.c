/* treaties-window-library.c: the library page, for the window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "treaties-application.h"
#include "treaties-article-view.h"
#include "treaties-block.h"
#include "treaties-run.h"
#include "treaties-text-match.h"
#include "treaties-window-library.h"
#include "treaties-window-open.h"

#define GLUE_KEY "treaties-window-library"

/* What the window keeps of its library page. */
typedef struct
{
  TreatiesWindow      *window; /* not owned: the glue goes with it */
  TreatiesLibraryPage *page;   /* the main stack's */
  GtkToggleButton     *button; /* the header bar's */
  TreatiesLibrary     *library;
  GCancellable        *loading;
  gboolean             loaded;
  gboolean             syncing; /* setting the button to what is shown */
  char                *title;   /* the window's title before the library */
  char                *subtitle;
  TreatiesSearchHit   *pending_hit; /* to go to once its article is shown */
} Glue;

static void
glue_free (Glue *glue)
{

  if (glue->loading != NULL)
    g_cancellable_cancel (glue->loading);
  g_clear_object (&glue->loading);
  g_clear_object (&glue->library);
  g_clear_object (&glue->pending_hit);
  g_free (glue->title);
  g_free (glue->subtitle);
  g_free (glue);
}

static Glue *
get_glue (TreatiesWindow *window)
{
  return g_object_get_data (G_OBJECT (window), GLUE_KEY);
}

static gpointer
window_child (TreatiesWindow *window,
              const char     *name)
{
  return gtk_widget_get_template_child (GTK_WIDGET (window), TREATIES_TYPE_WINDOW, name);
}

/* The window's header bar: the first in its tree (not a template child
 * the window binds). */
static GtkWidget *
find_header_bar (GtkWidget *widget)
{
  if (ADW_IS_HEADER_BAR (widget))
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_header_bar (c);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* NULL when the schema is not installed, or the window has no app (tests). */
static GSettings *
window_settings (TreatiesWindow *window)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (window));

  return TREATIES_IS_APPLICATION (app) ? treaties_application_get_settings (TREATIES_APPLICATION (app)) : NULL;
}

static void
loaded_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  /* Fails only when cancelled: the window went. */
  if (!treaties_library_load_finish (TREATIES_LIBRARY (source), result, &error))
    g_debug ("Library not loaded: %s", error->message);
}

/* Lists and indexes the library the first time it is shown, with the
 * files opened before. */
static void
ensure_loaded (Glue *glue)
{
  GSettings *settings = window_settings (glue->window);

  if (glue->library == NULL)
    {
      glue->library = treaties_library_new ();
      treaties_library_page_set_library (glue->page, glue->library);
    }
  if (glue->loaded)
    return;
  glue->loaded = TRUE;
  if (settings != NULL)
    {
      g_auto(GStrv) recent = g_settings_get_strv (settings, "recent-articles");

      treaties_library_set_opened (glue->library, (const char * const *) recent);
    }
  glue->loading = g_cancellable_new ();
  treaties_library_load_async (glue->library, glue->loading, loaded_cb, NULL);
}

static void
sync_button (Glue *glue)
{
  glue->syncing = TRUE;
  gtk_toggle_button_set_active (glue->button, treaties_window_library_is_shown (glue->window));
  glue->syncing = FALSE;
}

/* Back from the library to the article (or its error page). */
static void
leave_library (Glue *glue)
{
  GtkStack *stack = window_child (glue->window, "main_stack");
  AdwWindowTitle *title = window_child (glue->window, "window_title");

  if (treaties_window_get_article (glue->window) != NULL)
    gtk_stack_set_visible_child_name (stack, "article");
  else if (gtk_stack_get_child_by_name (stack, "error") != NULL)
    gtk_stack_set_visible_child_name (stack, "error");
  else
    return; /* nothing else to show */
  adw_window_title_set_title (title, glue->title ? glue->title : _("Treaties"));
  adw_window_title_set_subtitle (title, glue->subtitle);
}

static void
show_library_action_cb (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  TreatiesWindow *window = TREATIES_WINDOW (widget);
  Glue *glue = get_glue (window);

  if (treaties_window_library_is_shown (window))
    leave_library (glue);
  else
    treaties_window_show_library (window);
  sync_button (glue);
}

static void
button_toggled_cb (GtkToggleButton *button,
                   Glue            *glue)
{
  if (glue->syncing)
    return;
  gtk_widget_activate_action (GTK_WIDGET (glue->window), "win.show-library", NULL);
}

static void
visible_child_changed_cb (GtkStack   *stack,
                          GParamSpec *pspec,
                          Glue       *glue)
{
  /* The sections' button has nothing to show over the library: its room
   * goes to the title on a narrow window. */
  gtk_widget_set_visible (window_child (glue->window, "sidebar_button"),
                          !treaties_window_library_is_shown (glue->window));
  sync_button (glue);
}

static void
article_activated_cb (TreatiesLibraryPage  *page,
                      TreatiesLibraryEntry *entry,
                      Glue                 *glue)
{
  g_clear_object (&glue->pending_hit);
  treaties_window_open_file (glue->window, treaties_library_entry_get_file (entry));
}

static void
hit_activated_cb (TreatiesLibraryPage *page,
                  TreatiesSearchHit   *hit,
                  Glue                *glue)
{
  treaties_window_open_hit (glue->window, hit);
}

/* The words of @hit that matched, as in its snippet (the first match). */
static char *
first_match (TreatiesSearchHit *hit)
{
  GArray *matches = treaties_search_hit_get_matches (hit);
  TreatiesSnippetMatch *m;

  if (matches->len == 0)
    return NULL;
  m = &g_array_index (matches, TreatiesSnippetMatch, 0);
  return g_strndup (treaties_search_hit_get_snippet (hit) + m->start, m->end - m->start);
}

/* The text of @hit's passage (its block's item), folded. */
static char *
hit_text (TreatiesArticle   *article,
          TreatiesSearchHit *hit)
{
  TreatiesSection *section = treaties_article_lookup_section (article, treaties_search_hit_get_section_id (hit));
  g_autoptr(TreatiesBlock) block = NULL;
  g_autofree char *plain = NULL;

  if (section == NULL ||
      (block = g_list_model_get_item (treaties_section_get_blocks (section), treaties_search_hit_get_block (hit))) == NULL ||
      treaties_search_hit_get_item (hit) >= treaties_block_get_n_items (block))
    return NULL;
  plain = treaties_runs_to_plain (treaties_block_get_item (block, treaties_search_hit_get_item (hit)));
  return treaties_text_match_fold (plain);
}

/* Goes to @hit's passage in the article shown: a jump to its section (for
 * Back), then its matched words selected as a found match, in the line
 * (paragraph or list item) that holds the passage's text. */
static void
go_to_hit (TreatiesWindow    *window,
           TreatiesSearchHit *hit)
{
  TreatiesArticleView *view = window_child (window, "article_view");
  TreatiesArticle *article = treaties_window_get_article (window);
  g_autofree char *word = first_match (hit);
  g_autofree char *text = NULL;
  guint n;

  if (article == NULL)
    return;
  treaties_window_set_current_section (window, treaties_search_hit_get_section_id (hit));
  if (word == NULL || (text = hit_text (article, hit)) == NULL)
    return;

  n = treaties_article_view_search (view, word);
  for (guint i = 0; i < n; i++)
    {
      GtkTextIter start, end, line_start, line_end;
      g_autofree char *line = NULL;
      g_autofree char *folded = NULL;

      treaties_article_view_get_match_bounds (view, i, &start, &end);
      line_start = start;
      gtk_text_iter_set_line_offset (&line_start, 0);
      line_end = start;
      if (!gtk_text_iter_ends_line (&line_end))
        gtk_text_iter_forward_to_line_end (&line_end);
      line = gtk_text_iter_get_text (&line_start, &line_end);
      folded = treaties_text_match_fold (line);
      if (*text != '\0' && strstr (folded, text) != NULL)
        {
          treaties_article_view_select_match (view, i);
          return;
        }
    }
}

static void
article_changed_cb (TreatiesWindow *window,
                    GParamSpec     *pspec,
                    Glue           *glue)
{
  TreatiesArticle *article = treaties_window_get_article (window);
  g_autoptr(TreatiesSearchHit) hit = NULL;

  if (glue->pending_hit == NULL || article == NULL)
    return;
  hit = g_steal_pointer (&glue->pending_hit);
  if (g_strcmp0 (treaties_article_get_id (article), treaties_search_hit_get_article_id (hit)) == 0)
    go_to_hit (window, hit);
}


void
treaties_window_library_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.show-library", NULL, show_library_action_cb);
}

void
treaties_window_library_init (TreatiesWindow *window)
{
  Glue *glue = g_new0 (Glue, 1);
  GtkStack *stack = window_child (window, "main_stack");
  AdwHeaderBar *header_bar = ADW_HEADER_BAR (find_header_bar (GTK_WIDGET (window)));
  GtkWidget *button;

  glue->window = window;
  g_object_set_data_full (G_OBJECT (window), GLUE_KEY, glue, (GDestroyNotify) glue_free);

  glue->page = TREATIES_LIBRARY_PAGE (treaties_library_page_new ());
  gtk_stack_add_named (stack, GTK_WIDGET (glue->page), "library");
  g_signal_connect (glue->page, "article-activated", G_CALLBACK (article_activated_cb), glue);
  g_signal_connect (glue->page, "hit-activated", G_CALLBACK (hit_activated_cb), glue);

  button = gtk_toggle_button_new ();
  gtk_button_set_icon_name (GTK_BUTTON (button), "view-list-symbolic");
  gtk_widget_set_tooltip_text (button, _("Library (Ctrl+L)"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Library"), -1);
  gtk_widget_set_name (button, "library-button");
  adw_header_bar_pack_start (header_bar, button);
  glue->button = GTK_TOGGLE_BUTTON (button);
  g_signal_connect (button, "toggled", G_CALLBACK (button_toggled_cb), glue);

  g_signal_connect (stack, "notify::visible-child", G_CALLBACK (visible_child_changed_cb), glue);

  g_signal_connect (window, "notify::article", G_CALLBACK (article_changed_cb), glue);
}

void
treaties_window_show_library (TreatiesWindow *window)
{
  Glue *glue;
  GtkStack *stack;
  AdwWindowTitle *title;

  g_return_if_fail (TREATIES_IS_WINDOW (window));

  glue = get_glue (window);
  ensure_loaded (glue);
  if (!treaties_window_library_is_shown (window))
    {
      title = window_child (window, "window_title");
      g_free (glue->title);
      g_free (glue->subtitle);
      glue->title = g_strdup (adw_window_title_get_title (title));
      glue->subtitle = g_strdup (adw_window_title_get_subtitle (title));
      stack = window_child (window, "main_stack");
      gtk_stack_set_visible_child_name (stack, "library");
      adw_window_title_set_title (title, _("Library"));
      adw_window_title_set_subtitle (title, NULL);
    }
  treaties_library_page_focus_search (glue->page);
  sync_button (glue);
}

gboolean
treaties_window_library_is_shown (TreatiesWindow *window)
{
  GtkStack *stack;

  g_return_val_if_fail (TREATIES_IS_WINDOW (window), FALSE);

  stack = window_child (window, "main_stack");
  return g_strcmp0 (gtk_stack_get_visible_child_name (stack), "library") == 0;
}

gboolean
treaties_window_library_start (TreatiesWindow *window)
{
  GSettings *settings;

  g_return_val_if_fail (TREATIES_IS_WINDOW (window), FALSE);

  settings = window_settings (window);
  if (settings != NULL)
    {
      g_auto(GStrv) recent = g_settings_get_strv (settings, "recent-articles");

      if (recent[0] != NULL)
        return FALSE;
    }
  treaties_window_show_library (window);
  return TRUE;
}

void
treaties_window_set_library (TreatiesWindow  *window,
                             TreatiesLibrary *library)
{
  Glue *glue;

  g_return_if_fail (TREATIES_IS_WINDOW (window));
  g_return_if_fail (TREATIES_IS_LIBRARY (library));

  glue = get_glue (window);
  if (glue->loading != NULL)
    g_cancellable_cancel (glue->loading);
  g_clear_object (&glue->loading);
  g_set_object (&glue->library, library);
  glue->loaded = FALSE;
  treaties_library_page_set_library (glue->page, library);
  ensure_loaded (glue);
}

TreatiesLibraryPage *
treaties_window_get_library_page (TreatiesWindow *window)
{
  g_return_val_if_fail (TREATIES_IS_WINDOW (window), NULL);
  return get_glue (window)->page;
}

void
treaties_window_open_hit (TreatiesWindow    *window,
                          TreatiesSearchHit *hit)
{
  Glue *glue;
  TreatiesArticle *article;
  GFile *file;

  g_return_if_fail (TREATIES_IS_WINDOW (window));
  g_return_if_fail (TREATIES_IS_SEARCH_HIT (hit));

  glue = get_glue (window);
  article = treaties_window_get_article (window);
  file = treaties_window_get_file (window);
  g_clear_object (&glue->pending_hit);
  if (article != NULL && file != NULL && g_file_equal (file, treaties_search_hit_get_file (hit)) &&
      g_strcmp0 (treaties_article_get_id (article), treaties_search_hit_get_article_id (hit)) == 0)
    {
      leave_library (glue);
      go_to_hit (window, hit);
      return;
    }
  glue->pending_hit = g_object_ref (hit);
  treaties_window_open_file (window, treaties_search_hit_get_file (hit));
}
