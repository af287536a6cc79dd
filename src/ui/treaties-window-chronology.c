/* treaties-window-chronology.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "treaties-chronology-view.h"
#include "treaties-window-chronology.h"

static void
row_activated_cb (TreatiesChronologyView *view,
                  TreatiesEvent          *event,
                  TreatiesTimeline       *timeline)
{
  treaties_timeline_activate_event (timeline, event);
}

static void
show_chronology_cb (GSimpleAction  *action,
                    GVariant       *parameter,
                    TreatiesWindow *window)
{
  TreatiesTimeline *timeline = g_object_get_data (G_OBJECT (action), "timeline");
  GtkWindow *dialog = g_object_get_data (G_OBJECT (window), "treaties-chronology-window");
  TreatiesChronologyView *view;

  if (dialog == NULL)
    {
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

      dialog = GTK_WINDOW (adw_window_new ());
      gtk_window_set_title (dialog, _("Chronology"));
      gtk_window_set_default_size (dialog, 720, 520);
      gtk_window_set_transient_for (dialog, GTK_WINDOW (window));
      gtk_window_set_hide_on_close (dialog, TRUE);
      gtk_window_set_destroy_with_parent (dialog, TRUE);
      gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
      view = TREATIES_CHRONOLOGY_VIEW (treaties_chronology_view_new ());
      gtk_widget_set_vexpand (GTK_WIDGET (view), TRUE);
      g_signal_connect_object (view, "event-activated", G_CALLBACK (row_activated_cb), timeline, 0);
      gtk_box_append (GTK_BOX (box), GTK_WIDGET (view));
      adw_window_set_content (ADW_WINDOW (dialog), box);
      g_object_set_data (G_OBJECT (dialog), "view", view);
      g_object_set_data (G_OBJECT (window), "treaties-chronology-window", dialog);
    }
  view = g_object_get_data (G_OBJECT (dialog), "view");
  treaties_chronology_view_set_article (view, treaties_window_get_article (window));
  gtk_window_present (dialog);
}

void
treaties_window_chronology_attach (TreatiesWindow   *window,
                                   TreatiesTimeline *timeline)
{
  g_autoptr(GSimpleAction) action = g_simple_action_new ("show-chronology", NULL);

  g_return_if_fail (TREATIES_IS_WINDOW (window));
  g_return_if_fail (TREATIES_IS_TIMELINE (timeline));

  g_object_set_data (G_OBJECT (action), "timeline", timeline);
  g_signal_connect_object (action, "activate", G_CALLBACK (show_chronology_cb), window, 0);
  g_action_map_add_action (G_ACTION_MAP (window), G_ACTION (action));
}
