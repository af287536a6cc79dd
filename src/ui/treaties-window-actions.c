/* treaties-window-actions.c: what a reader can do in the window, as actions
 *
 * Everything a menu, a shortcut, a button or a test does goes through
 * these: win.show-section(s) and win.select-event(s) take the id of a
 * section or an event of the article being read.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "treaties-window-private.h"
#include "treaties-window-export.h"
#include "treaties-window-open.h"

#define ZOOM_STEP 1.1

/* Enables what the window can do now. */
void
_treaties_window_update_actions (TreatiesWindow *self)
{
  gboolean reading = treaties_window_get_article (self) != NULL &&
                     g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "article") == 0;
  gboolean has_article = reading;
  gboolean has_timeline = has_article &&
                          g_list_model_get_n_items (treaties_article_get_events (treaties_window_get_article (self))) > 0;
  double zoom = treaties_article_view_get_zoom (self->article_view);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.go-back", reading && treaties_reader_get_can_go_back (self->reader));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.go-forward", reading && treaties_reader_get_can_go_forward (self->reader));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-pdf", has_article);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.print", has_article);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.zoom-in",
                                 has_article && zoom < TREATIES_ARTICLE_VIEW_MAX_ZOOM - 0.001);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.zoom-out",
                                 has_article && zoom > TREATIES_ARTICLE_VIEW_MIN_ZOOM + 0.001);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.zoom-reset",
                                 has_article && !G_APPROX_VALUE (zoom, 1.0, 0.001));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.toggle-sidebar", has_article);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.find", has_article);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.timeline-zoom-in", has_timeline);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.timeline-zoom-out", has_timeline);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.timeline-zoom-fit", has_timeline);
}


static void
history_action_cb (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  TreatiesWindow *self = TREATIES_WINDOW (widget);

  if (g_str_equal (action_name, "win.go-back"))
    treaties_reader_go_back (self->reader);
  else
    treaties_reader_go_forward (self->reader);
}


/* The shortcuts window is built when asked for. Left in gtk/help-overlay.ui,
 * GtkApplication would build it with every window (a third of the time the
 * window took to make). gtk_application_window_set_help_overlay() is still
 * what tells it the window whose keyboard shortcuts to show. */
static void
show_help_overlay_cb (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  GtkApplicationWindow *window = GTK_APPLICATION_WINDOW (widget);
  GtkShortcutsWindow *overlay = gtk_application_window_get_help_overlay (window);

  if (overlay == NULL)
    {
      g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource ("/org/example/Treaties/ui/help-overlay.ui");

      overlay = GTK_SHORTCUTS_WINDOW (gtk_builder_get_object (builder, "help_overlay"));
      gtk_application_window_set_help_overlay (window, overlay);
    }
  gtk_window_present (GTK_WINDOW (overlay));
}


static void
timeline_action_cb (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  TreatiesWindow *self = TREATIES_WINDOW (widget);
  g_autofree char *name = NULL;

  /* win.timeline-zoom-in → timeline.zoom-in: the buttons sit beside the
   * timeline, not inside it, so they cannot name its actions directly. */
  g_assert (g_str_has_prefix (action_name, "win.timeline-"));
  name = g_strconcat ("timeline.", action_name + strlen ("win.timeline-"), NULL);
  gtk_widget_activate_action (GTK_WIDGET (self->timeline), name, NULL);
}


static void
zoom_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  TreatiesWindow *self = TREATIES_WINDOW (widget);
  double zoom = treaties_article_view_get_zoom (self->article_view);

  if (g_str_equal (action_name, "win.zoom-in"))
    zoom *= ZOOM_STEP;
  else if (g_str_equal (action_name, "win.zoom-out"))
    zoom /= ZOOM_STEP;
  else
    zoom = 1.0;
  treaties_article_view_set_zoom (self->article_view, zoom);
}

static void
find_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  treaties_search_bar_start (TREATIES_WINDOW (widget)->search_bar);
}


static void
open_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  treaties_window_open (TREATIES_WINDOW (widget));
}

/* From the error page when there is no article to go back to, such as when
 * Treaties was started with a file it cannot read. */
static void
open_shipped_action_cb (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  TreatiesWindow *self = TREATIES_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(TreatiesArticle) article = treaties_article_new_from_resource (SHIPPED_ARTICLE, &error);

  if (article != NULL)
    treaties_window_set_article_from_file (self, article, NULL);
  else
    {
      /* Never expected, but then the error page must not offer it again. */
      self->shipped_failed = TRUE;
      treaties_window_show_error (self, error);
    }
}

static void
open_recent_action_cb (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  g_autoptr(GFile) file = g_file_new_for_uri (g_variant_get_string (parameter, NULL));

  treaties_window_open_file (TREATIES_WINDOW (widget), file);
}

static void
export_pdf_action_cb (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  treaties_window_export_pdf (TREATIES_WINDOW (widget));
}

static void
print_action_cb (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  treaties_window_print (TREATIES_WINDOW (widget));
}


static void
show_section_action_cb (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  TreatiesWindow *self = TREATIES_WINDOW (widget);
  TreatiesArticle *article = treaties_window_get_article (self);
  TreatiesSection *section;

  if (article == NULL ||
      (section = treaties_article_lookup_section (article, g_variant_get_string (parameter, NULL))) == NULL)
    return;
  treaties_reader_jump (self->reader, section, 0);
}

static void
select_event_action_cb (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  TreatiesWindow *self = TREATIES_WINDOW (widget);
  TreatiesArticle *article = treaties_window_get_article (self);
  TreatiesEvent *event;

  if (article == NULL ||
      (event = treaties_article_lookup_event (article, g_variant_get_string (parameter, NULL))) == NULL)
    return;
  _treaties_window_activate_event (self, event);
}

void
_treaties_window_class_actions_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_action_cb);
  gtk_widget_class_install_action (widget_class, "win.open-shipped", NULL, open_shipped_action_cb);
  gtk_widget_class_install_action (widget_class, "win.open-recent", "s", open_recent_action_cb);
  gtk_widget_class_install_action (widget_class, "win.find", NULL, find_action_cb);
  gtk_widget_class_install_action (widget_class, "win.go-back", NULL, history_action_cb);
  gtk_widget_class_install_action (widget_class, "win.go-forward", NULL, history_action_cb);
  gtk_widget_class_install_action (widget_class, "win.export-pdf", NULL, export_pdf_action_cb);
  gtk_widget_class_install_action (widget_class, "win.print", NULL, print_action_cb);
  gtk_widget_class_install_action (widget_class, "win.zoom-in", NULL, zoom_action_cb);
  gtk_widget_class_install_action (widget_class, "win.zoom-out", NULL, zoom_action_cb);
  gtk_widget_class_install_action (widget_class, "win.zoom-reset", NULL, zoom_action_cb);
  gtk_widget_class_install_property_action (widget_class, "win.toggle-sidebar", "sidebar-visible");
  gtk_widget_class_install_property_action (widget_class, "win.show-timeline", "timeline-visible");
  gtk_widget_class_install_action (widget_class, "win.show-help-overlay", NULL, show_help_overlay_cb);
  gtk_widget_class_install_action (widget_class, "win.timeline-zoom-in", NULL, timeline_action_cb);
  gtk_widget_class_install_action (widget_class, "win.timeline-zoom-out", NULL, timeline_action_cb);
  gtk_widget_class_install_action (widget_class, "win.timeline-zoom-fit", NULL, timeline_action_cb);
  gtk_widget_class_install_action (widget_class, "win.show-section", "s", show_section_action_cb);
  gtk_widget_class_install_action (widget_class, "win.select-event", "s", select_event_action_cb);
}
