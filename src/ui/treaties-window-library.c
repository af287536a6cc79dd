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
#include "treaties-lanes-view.h"
#include "treaties-run.h"
#include "treaties-text-match.h"
#include "treaties-timeline.h"
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
  /* The lanes page: several articles' timelines */
  GtkWidget           *lanes_page;
  GtkBox              *lanes_choices; /* a check button per article */
  TreatiesLanesView   *lanes_view;
  GHashTable          *lanes_loaded;  /* URI → TreatiesArticle */
  GHashTable          *lanes_chosen;  /* URIs of the articles shown */
  GPtrArray           *lanes_files;   /* GFile of each lane, NULL for the window's own article */
  GCancellable        *lanes_loading;
  char                *pending_article; /* id of the article whose event to go to */
  char                *pending_event;
} Glue;

static void
glue_free (Glue *glue)
{
  if (glue->lanes_loading != NULL)
    g_cancellable_cancel (glue->lanes_loading);
  g_clear_object (&glue->lanes_loading);
  g_clear_pointer (&glue->lanes_loaded, g_hash_table_unref);
  g_clear_pointer (&glue->lanes_chosen, g_hash_table_unref);
  g_clear_pointer (&glue->lanes_files, g_ptr_array_unref);
  g_free (glue->pending_article);
  g_free (glue->pending_event);
  if (glue->loading != NULL)
    g_cancellable_cancel (glue->loading);
  g_clear_object (&glue->loading);
  /* Others may hold the library (a test): it must not call us back. */
  if (glue->library != NULL)
    g_signal_handlers_disconnect_by_data (glue->library, glue);
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
  /* The files opened before, each time the library is shown: one opened
   * since is listed then (the library loads again when the list changed). */
  if (settings != NULL)
    {
      g_auto(GStrv) recent = g_settings_get_strv (settings, "recent-articles");

      treaties_library_set_opened (glue->library, (const char * const *) recent);
    }
  if (glue->loaded)
    return;
  glue->loaded = TRUE;
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
                          g_strcmp0 (gtk_stack_get_visible_child_name (stack), "library") != 0 &&
                          g_strcmp0 (gtk_stack_get_visible_child_name (stack), "lanes") != 0);
  sync_button (glue);
}

static void
article_activated_cb (TreatiesLibraryPage  *page,
                      TreatiesLibraryEntry *entry,
                      Glue                 *glue)
{
  g_clear_object (&glue->pending_hit);
  g_clear_pointer (&glue->pending_article, g_free);
  g_clear_pointer (&glue->pending_event, g_free);
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
           TreatiesSearchHit *hit,
           gboolean           opened)
{
  TreatiesArticleView *view = window_child (window, "article_view");
  TreatiesArticle *article = treaties_window_get_article (window);
  TreatiesReader *reader = treaties_window_get_reader (window);
  g_autofree char *word = first_match (hit);
  g_autofree char *text = NULL;
  TreatiesSection *section;
  guint n;

  if (article == NULL ||
      (section = treaties_article_lookup_section (article, treaties_search_hit_get_section_id (hit))) == NULL)
    return;
  /* Just opened for the hit: the opening is the history's one step, so
   * the reader is there already (no entry for where it opened). */
  if (opened)
    treaties_reader_follow (reader, section, treaties_search_hit_get_block (hit));
  treaties_reader_jump (reader, section, treaties_search_hit_get_block (hit));
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

/* Goes to @event of the article shown, as a click on the timeline does
 * (its passage, a jump Back returns from, and its card). */
static void
go_to_event (TreatiesWindow *window,
             TreatiesEvent  *event,
             gboolean        opened)
{
  GPtrArray *passages = treaties_article_get_passages (treaties_window_get_article (window), event);

  /* Just opened for the event: Back goes from its passage to the article
   * read before, not to where this one opened. */
  if (opened && passages != NULL && passages->len > 0)
    {
      const TreatiesPassage *passage = g_ptr_array_index (passages, 0);

      treaties_reader_follow (treaties_window_get_reader (window), passage->section, passage->block);
    }
  g_signal_emit_by_name (window_child (window, "timeline"), "event-activated", event);
}

static void
article_changed_cb (TreatiesWindow *window,
                    GParamSpec     *pspec,
                    Glue           *glue)
{
  TreatiesArticle *article = treaties_window_get_article (window);
  g_autoptr(TreatiesSearchHit) hit = NULL;

  if (glue->pending_article != NULL && article != NULL)
    {
      g_autofree char *id = g_steal_pointer (&glue->pending_article);
      g_autofree char *event_id = g_steal_pointer (&glue->pending_event);
      TreatiesEvent *event;

      if (g_strcmp0 (treaties_article_get_id (article), id) == 0 &&
          (event = treaties_article_lookup_event (article, event_id)) != NULL)
        go_to_event (window, event, TRUE);
    }
  if (glue->pending_hit == NULL || article == NULL)
    return;
  hit = g_steal_pointer (&glue->pending_hit);
  if (g_strcmp0 (treaties_article_get_id (article), treaties_search_hit_get_article_id (hit)) == 0)
    go_to_hit (window, hit, TRUE);
}


/* --- the lanes page: several articles' timelines --- */

#define CURRENT_KEY "" /* the window's own article, in lanes_chosen */

typedef struct
{
  GWeakRef  window;
  char     *uri;
} LaneLoad;

static void rebuild_lanes (Glue *glue);

/* An object or NULL: the window's own article may have no file (built
 * in), an article being loaded is NULL. */
static void
unref_file (gpointer file)
{
  if (file != NULL)
    g_object_unref (file);
}

static void
lane_loaded_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  LaneLoad *load = user_data;
  g_autoptr(TreatiesWindow) window = g_weak_ref_get (&load->window);
  g_autoptr(TreatiesArticle) article = treaties_article_new_from_file_finish (result, NULL);
  Glue *glue = window ? get_glue (window) : NULL;

  if (glue != NULL)
    {
      if (article != NULL)
        g_hash_table_insert (glue->lanes_loaded, g_strdup (load->uri), g_steal_pointer (&article));
      else
        g_hash_table_remove (glue->lanes_chosen, load->uri); /* not an article: no lane */
      rebuild_lanes (glue);
    }
  g_weak_ref_clear (&load->window);
  g_free (load->uri);
  g_free (load);
}

/* The lanes of the articles chosen, in the library's order (the window's
 * own article first), loading those not loaded yet. */
static void
rebuild_lanes (Glue *glue)
{
  g_autoptr(GPtrArray) articles = g_ptr_array_new ();
  g_autoptr(TreatiesLanesLayout) layout = NULL;
  TreatiesArticle *current = treaties_window_get_article (glue->window);
  GListModel *entries = G_LIST_MODEL (glue->library);
  gboolean waiting = FALSE;

  g_ptr_array_set_size (glue->lanes_files, 0);
  if (current != NULL && g_hash_table_contains (glue->lanes_chosen, CURRENT_KEY))
    {
      GFile *file = treaties_window_get_file (glue->window);

      g_ptr_array_add (articles, current);
      g_ptr_array_add (glue->lanes_files, file ? g_object_ref (file) : NULL);
    }
  for (guint i = 0; entries != NULL && i < g_list_model_get_n_items (entries); i++)
    {
      g_autoptr(TreatiesLibraryEntry) entry = g_list_model_get_item (entries, i);
      GFile *file = treaties_library_entry_get_file (entry);
      g_autofree char *uri = g_file_get_uri (file);
      TreatiesArticle *article;

      if (!g_hash_table_contains (glue->lanes_chosen, uri) ||
          (treaties_window_get_file (glue->window) != NULL &&
           g_file_equal (file, treaties_window_get_file (glue->window)) &&
           g_hash_table_contains (glue->lanes_chosen, CURRENT_KEY)))
        continue;
      if (!g_hash_table_lookup_extended (glue->lanes_loaded, uri, NULL, (gpointer *) &article))
        {
          LaneLoad *load = g_new0 (LaneLoad, 1);

          g_weak_ref_init (&load->window, glue->window);
          load->uri = g_strdup (uri);
          /* In progress: NULL until loaded. */
          g_hash_table_insert (glue->lanes_loaded, g_strdup (uri), NULL);
          treaties_article_new_from_file_async (file, glue->lanes_loading, lane_loaded_cb, load);
          waiting = TRUE;
          continue;
        }
      if (article == NULL)
        {
          waiting = TRUE;
          continue;
        }
      g_ptr_array_add (articles, article);
      g_ptr_array_add (glue->lanes_files, g_object_ref (file));
    }
  if (waiting)
    return; /* once all are in: lanes do not jump about as they arrive */
  layout = treaties_lanes_layout_new (articles);
  treaties_lanes_view_set_layout (glue->lanes_view, layout);
}

static void
choice_toggled_cb (GtkCheckButton *button,
                   Glue           *glue)
{
  const char *uri = g_object_get_data (G_OBJECT (button), "uri");

  if (gtk_check_button_get_active (button))
    g_hash_table_add (glue->lanes_chosen, g_strdup (uri));
  else
    g_hash_table_remove (glue->lanes_chosen, uri);
  rebuild_lanes (glue);
}

/* A check button for each valid article of the library. */
static void
rebuild_choices (Glue *glue)
{
  GListModel *entries = G_LIST_MODEL (glue->library);
  GtkWidget *c;
  GFile *own = treaties_window_get_file (glue->window);
  gboolean has_current = g_hash_table_contains (glue->lanes_chosen, CURRENT_KEY) &&
                         treaties_window_get_article (glue->window) != NULL;

  while ((c = gtk_widget_get_first_child (GTK_WIDGET (glue->lanes_choices))) != NULL)
    gtk_box_remove (glue->lanes_choices, c);
  for (guint i = 0; i < g_list_model_get_n_items (entries); i++)
    {
      g_autoptr(TreatiesLibraryEntry) entry = g_list_model_get_item (entries, i);
      GFile *file = treaties_library_entry_get_file (entry);
      g_autofree char *uri = g_file_get_uri (file);
      GtkWidget *button;

      if (!treaties_library_entry_is_valid (entry))
        continue;
      button = gtk_check_button_new_with_label (treaties_library_entry_get_title (entry));
      /* Long titles wrap: the page fits a narrow window. */
      for (GtkWidget *part = gtk_widget_get_first_child (button); part != NULL; part = gtk_widget_get_next_sibling (part))
        if (GTK_IS_LABEL (part))
          {
            gtk_label_set_wrap (GTK_LABEL (part), TRUE);
            gtk_label_set_wrap_mode (GTK_LABEL (part), PANGO_WRAP_WORD_CHAR);
          }
      g_object_set_data_full (G_OBJECT (button), "uri", g_strdup (uri), g_free);
      if (has_current && own != NULL && g_file_equal (own, file))
        {
          /* The article being read is always a lane. */
          gtk_check_button_set_active (GTK_CHECK_BUTTON (button), TRUE);
          gtk_widget_set_sensitive (button, FALSE);
        }
      else
        gtk_check_button_set_active (GTK_CHECK_BUTTON (button), g_hash_table_contains (glue->lanes_chosen, uri));
      g_signal_connect (button, "toggled", G_CALLBACK (choice_toggled_cb), glue);
      gtk_box_append (glue->lanes_choices, button);
    }
}

static gboolean
lanes_shown (Glue *glue)
{
  GtkStack *stack = window_child (glue->window, "main_stack");

  return g_strcmp0 (gtk_stack_get_visible_child_name (stack), "lanes") == 0;
}

static void
library_items_changed_cb (Glue *glue)
{
  if (glue->lanes_page != NULL && lanes_shown (glue))
    {
      rebuild_choices (glue);
      rebuild_lanes (glue);
    }
}

static void
lanes_event_activated_cb (TreatiesLanesView *view,
                          guint              lane,
                          TreatiesEvent     *event,
                          Glue              *glue)
{
  TreatiesLanesLayout *layout = treaties_lanes_view_get_layout (view);
  TreatiesArticle *article = treaties_lanes_layout_get_article (layout, lane);
  TreatiesArticle *current = treaties_window_get_article (glue->window);
  GFile *file = lane < glue->lanes_files->len ? g_ptr_array_index (glue->lanes_files, lane) : NULL;
  GFile *own = treaties_window_get_file (glue->window);
  TreatiesEvent *own_event;

  if (current != NULL &&
      (article == current || (file != NULL && own != NULL && g_file_equal (file, own))) &&
      (own_event = treaties_article_lookup_event (current, treaties_event_get_id (event))) != NULL)
    {
      leave_library (glue);
      go_to_event (glue->window, own_event, FALSE);
      return;
    }
  if (file == NULL)
    return;
  g_clear_object (&glue->pending_hit);
  g_free (glue->pending_article);
  g_free (glue->pending_event);
  glue->pending_article = g_strdup (treaties_article_get_id (article));
  glue->pending_event = g_strdup (treaties_event_get_id (event));
  treaties_window_open_file (glue->window, file);
}

static gboolean
escape_cb (GtkWidget *widget,
           GVariant  *args,
           gpointer   user_data)
{
  leave_library (user_data);
  return TRUE;
}

static void
ensure_lanes_page (Glue *glue)
{
  GtkStack *stack = window_child (glue->window, "main_stack");
  GtkWidget *box, *scroller, *choices_scroller, *label, *heading, *close;
  GtkEventController *keys;

  if (glue->lanes_page != NULL)
    return;

  /* NULL while loading. */
  glue->lanes_loaded = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, unref_file);
  glue->lanes_chosen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  glue->lanes_files = g_ptr_array_new_with_free_func (unref_file);
  glue->lanes_loading = g_cancellable_new ();

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_add_css_class (box, "lanes-page");
  heading = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_margin_start (heading, 18);
  gtk_widget_set_margin_end (heading, 6);
  gtk_widget_set_margin_top (heading, 6);
  label = gtk_label_new (_("Show the timelines of"));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_add_css_class (label, "heading");
  gtk_box_append (GTK_BOX (heading), label);
  close = gtk_button_new_from_icon_name ("window-close-symbolic");
  gtk_widget_add_css_class (close, "flat");
  gtk_widget_set_tooltip_text (close, _("Close the Timelines (Escape)"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (close), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Close the Timelines"), -1);
  g_signal_connect_swapped (close, "clicked", G_CALLBACK (leave_library), glue);
  gtk_box_append (GTK_BOX (heading), close);
  gtk_box_append (GTK_BOX (box), heading);
  /* Escape leaves the page, as its close button does. */
  keys = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (keys),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Escape, 0),
                                                          gtk_callback_action_new (escape_cb, glue, NULL)));
  gtk_widget_add_controller (box, keys);
  glue->lanes_choices = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 0));
  gtk_widget_set_name (GTK_WIDGET (glue->lanes_choices), "lanes-choices");
  gtk_widget_set_margin_start (GTK_WIDGET (glue->lanes_choices), 12);
  gtk_widget_set_margin_end (GTK_WIDGET (glue->lanes_choices), 12);
  choices_scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (choices_scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (choices_scroller), 160);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (choices_scroller), TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (choices_scroller), GTK_WIDGET (glue->lanes_choices));
  gtk_box_append (GTK_BOX (box), choices_scroller);
  gtk_box_append (GTK_BOX (box), gtk_separator_new (GTK_ORIENTATION_HORIZONTAL));

  glue->lanes_view = TREATIES_LANES_VIEW (treaties_lanes_view_new ());
  gtk_widget_set_name (GTK_WIDGET (glue->lanes_view), "lanes-view");
  gtk_accessible_update_property (GTK_ACCESSIBLE (glue->lanes_view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Timelines of the articles"), -1);
  gtk_widget_set_margin_top (GTK_WIDGET (glue->lanes_view), 6);
  g_signal_connect (glue->lanes_view, "event-activated", G_CALLBACK (lanes_event_activated_cb), glue);
  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scroller, TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), GTK_WIDGET (glue->lanes_view));
  gtk_widget_add_css_class (scroller, "view");
  gtk_box_append (GTK_BOX (box), scroller);

  glue->lanes_page = box;
  gtk_stack_add_named (stack, box, "lanes");
  g_signal_connect_swapped (glue->library, "items-changed", G_CALLBACK (library_items_changed_cb), glue);
}

/* Shows the lanes page: the window's article alone (to compare it with
 * others, chosen on the page), or every article of the library. */
static void
show_lanes (TreatiesWindow *window,
            gboolean        all)
{
  Glue *glue = get_glue (window);
  GtkStack *stack = window_child (window, "main_stack");
  AdwWindowTitle *title = window_child (window, "window_title");
  GListModel *entries;

  ensure_loaded (glue);
  ensure_lanes_page (glue);
  g_hash_table_remove_all (glue->lanes_chosen);
  entries = G_LIST_MODEL (glue->library);
  if (all)
    for (guint i = 0; i < g_list_model_get_n_items (entries); i++)
      {
        g_autoptr(TreatiesLibraryEntry) entry = g_list_model_get_item (entries, i);

        if (treaties_library_entry_is_valid (entry))
          g_hash_table_add (glue->lanes_chosen, g_file_get_uri (treaties_library_entry_get_file (entry)));
      }
  else
    g_hash_table_add (glue->lanes_chosen, g_strdup (CURRENT_KEY));

  if (g_strcmp0 (gtk_stack_get_visible_child_name (stack), "article") == 0 ||
      g_strcmp0 (gtk_stack_get_visible_child_name (stack), "error") == 0)
    {
      g_free (glue->title);
      g_free (glue->subtitle);
      glue->title = g_strdup (adw_window_title_get_title (title));
      glue->subtitle = g_strdup (adw_window_title_get_subtitle (title));
    }
  gtk_stack_set_visible_child_name (stack, "lanes");
  adw_window_title_set_title (title, all ? _("Timelines of the Library") : _("Compare Timelines"));
  adw_window_title_set_subtitle (title, NULL);
  rebuild_choices (glue);
  rebuild_lanes (glue);
  gtk_widget_grab_focus (GTK_WIDGET (glue->lanes_view));
}

static void
lanes_action_cb (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  show_lanes (TREATIES_WINDOW (widget), g_str_equal (action_name, "win.library-timelines"));
}

void
treaties_window_library_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.show-library", NULL, show_library_action_cb);
  gtk_widget_class_install_action (widget_class, "win.compare", NULL, lanes_action_cb);
  gtk_widget_class_install_action (widget_class, "win.library-timelines", NULL, lanes_action_cb);
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

  /* "Compare with…" in the main menu's first section, after Open Recent. */
  {
    GMenuModel *primary = window_child (window, "primary_menu");
    g_autoptr(GMenuModel) section = g_menu_model_get_item_link (primary, 0, G_MENU_LINK_SECTION);

    if (G_IS_MENU (section))
      g_menu_insert (G_MENU (section), 2, _("_Compare with…"), "win.compare");
  }
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
      const char *from;

      title = window_child (window, "window_title");
      stack = window_child (window, "main_stack");
      from = gtk_stack_get_visible_child_name (stack);
      /* The article's title, to put back; not the lanes' page's. */
      if (g_strcmp0 (from, "article") == 0 || g_strcmp0 (from, "error") == 0)
        {
          g_free (glue->title);
          g_free (glue->subtitle);
          glue->title = g_strdup (adw_window_title_get_title (title));
          glue->subtitle = g_strdup (adw_window_title_get_subtitle (title));
        }
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
  if (glue->library != NULL)
    g_signal_handlers_disconnect_by_data (glue->library, glue);
  g_set_object (&glue->library, library);
  if (glue->lanes_page != NULL)
    g_signal_connect_swapped (library, "items-changed", G_CALLBACK (library_items_changed_cb), glue);
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
      go_to_hit (window, hit, FALSE);
      return;
    }
  g_clear_pointer (&glue->pending_article, g_free);
  g_clear_pointer (&glue->pending_event, g_free);
  glue->pending_hit = g_object_ref (hit);
  treaties_window_open_file (window, treaties_search_hit_get_file (hit));
}
