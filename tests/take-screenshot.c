/* take-screenshot.c: renders the reading window to a PNG
 *
 *   take-screenshot OUT.png [light|dark] [WIDTHxHEIGHT] [WHAT] [ARTICLE.json]
 *
 * WHAT is a section id to scroll to, "find:QUERY" to search, "error" to
 * show the error page for a broken article, or "event:ID" (or "event:ID:N")
 * to activate an event N times as a screen reader does, which opens its
 * card. ARTICLE.json is read instead of the shipped article.
 *
 *   take-screenshot OUT.png [light|dark] [WIDTHxHEIGHT] library[:QUERY] FOLDER
 *
 * shows the library page with the articles of FOLDER (as shipped ones),
 * and the articles and passages found for QUERY; "timelines" shows the
 * timelines of them all, one under the other, and "compare:A,B[,C]" opens
 * FOLDER/A and compares its timeline with those of FOLDER/B (and C).
 *
 * Draws the window with its own renderer, so the picture is exactly what
 * GTK draws, with no window manager or screen grab involved. Run it in an
 * X server (xvfb-run); `meson compile -C _build screenshots` refreshes
 * data/screenshots/.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <adwaita.h>
#include <glib/gstdio.h>

#include "treaties-resources.h"
#include "treaties-search-bar.h"
#include "treaties-timeline.h"
#include "treaties-window.h"
#include "treaties-window-library.h"
#include "treaties-window-open.h"
#include "ui-test-utils.h"

static void
run_for (guint ms)
{
  gint64 until = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < until)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (2000);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(TreatiesArticle) article = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  TreatiesWindow *window = NULL;
  const char *out, *style = "light", *section = NULL, *path = NULL;
  GtkPopover *popover = NULL;
  int width = 1200, height = 760, w, h;

  setlocale (LC_ALL, "C.UTF-8");
  if (argc < 2)
    {
      fprintf (stderr, "usage: %s OUT.png [light|dark] [WIDTHxHEIGHT] [SECTION-ID|find:QUERY|error]\n", argv[0]);
      return 2;
    }
  out = argv[1];
  if (argc > 2)
    style = argv[2];
  if (argc > 3 && sscanf (argv[3], "%dx%d", &width, &height) != 2)
    return 2;
  if (argc > 4)
    section = argv[4];
  if (argc > 5)
    path = argv[5];

  gtk_init ();
  adw_init ();
  treaties_register_resource ();
  load_app_style ();
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      g_str_equal (style, "dark") ? ADW_COLOR_SCHEME_FORCE_DARK
                                                                  : ADW_COLOR_SCHEME_FORCE_LIGHT);

  if (section != NULL && (g_str_has_prefix (section, "library") || g_str_equal (section, "timelines") ||
                          g_str_has_prefix (section, "compare:")))
    {
      g_autoptr(GFile) folder = g_file_new_for_commandline_arg (path ? path : ".");
      g_autofree char *tmp = g_dir_make_tmp ("take-screenshot-XXXXXX", NULL);
      g_autoptr(GFile) user_folder = g_file_new_for_path (tmp);
      g_autoptr(TreatiesSearchIndex) index = treaties_search_index_new (NULL);
      static const char * const no_resources[] = { NULL };
      g_autoptr(TreatiesLibrary) library = treaties_library_new_full (folder, no_resources, user_folder, index);
      TreatiesLibraryPage *page;

      window = treaties_window_new (NULL);
      gtk_window_set_default_size (GTK_WINDOW (window), width, height);
      treaties_window_set_library (window, library);
      treaties_window_show_library (window);
      gtk_window_present (GTK_WINDOW (window));
      page = treaties_window_get_library_page (window);
      while (treaties_library_get_loading (library) || g_list_model_get_n_items (G_LIST_MODEL (library)) == 0)
        g_main_context_iteration (NULL, TRUE);
      if (g_str_equal (section, "timelines"))
        {
          gtk_widget_activate_action (GTK_WIDGET (window), "win.library-timelines", NULL);
          run_for (1500);
        }
      else if (g_str_has_prefix (section, "compare:"))
        {
          g_auto(GStrv) names = g_strsplit (section + strlen ("compare:"), ",", -1);
          g_autoptr(GFile) first = g_file_get_child (folder, names[0]);

          treaties_window_open_file (window, first);
          while (treaties_window_get_article (window) == NULL)
            g_main_context_iteration (NULL, TRUE);
          run_for (800);
          gtk_widget_activate_action (GTK_WIDGET (window), "win.compare", NULL);
          for (guint i = 1; names[i] != NULL; i++)
            {
              g_autoptr(GFile) other = g_file_get_child (folder, names[i]);
              g_autofree char *uri = g_file_get_uri (other);
              GtkWidget *box = find_widget_named (GTK_WIDGET (window), "lanes-choices");

              for (GtkWidget *c = gtk_widget_get_first_child (box); c != NULL; c = gtk_widget_get_next_sibling (c))
                if (g_strcmp0 (g_object_get_data (G_OBJECT (c), "uri"), uri) == 0)
                  gtk_check_button_set_active (GTK_CHECK_BUTTON (c), TRUE);
            }
          run_for (1500);
        }
      else if (section[strlen ("library")] == ':')
        {
          treaties_library_page_set_query (page, section + strlen ("library:"));
          while (treaties_library_page_get_searching (page))
            g_main_context_iteration (NULL, TRUE);
        }
      run_for (800);
      g_rmdir (tmp);
    }
  else if (path != NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);

      article = treaties_article_new_from_file (file, NULL, &error);
    }
  else
    article = treaties_article_new_from_resource ("/org/example/Treaties/articles/france-ussr-neutrality-1931.treaty.json",
                                                  &error);
  if (article == NULL && window == NULL)
    g_error ("%s", error->message);

  if (window == NULL)
    {
      window = treaties_window_new (NULL);
      gtk_window_set_default_size (GTK_WINDOW (window), width, height);
      treaties_window_set_article (window, article);
      gtk_window_present (GTK_WINDOW (window));
      run_for (800);
    }
  if (section != NULL && (g_str_has_prefix (section, "library") || g_str_equal (section, "timelines") ||
                          g_str_has_prefix (section, "compare:")))
    {
      /* Shown above. */
    }
  else if (section != NULL && g_str_has_prefix (section, "find:"))
    {
      TreatiesSearchBar *bar = TREATIES_SEARCH_BAR (gtk_widget_get_template_child (GTK_WIDGET (window),
                                                                                   TREATIES_TYPE_WINDOW,
                                                                                   "search_bar"));

      gtk_widget_activate_action (GTK_WIDGET (window), "win.find", NULL);
      run_for (300);
      gtk_editable_set_text (GTK_EDITABLE (treaties_search_bar_get_entry (bar)), section + strlen ("find:"));
      run_for (1600);
    }
  else if (section != NULL && g_str_equal (section, "error"))
    {
      static const char broken[] = "{\"format\": 1, \"id\": \"Draft\",\n \"title\": 1931,\n"
                                   " \"sections\": [{\"id\": \"a\", \"title\": \"A\", \"blocks\": [{\"type\": \"poem\"}]}]}";
      g_autoptr(GBytes) bytes = g_bytes_new_static (broken, sizeof broken - 1);
      g_autoptr(GError) load_error = NULL;
      g_autoptr(TreatiesArticle) none = treaties_article_new_from_bytes (bytes, "draft.treaty.json", &load_error);

      g_assert (none == NULL);
      treaties_window_show_error (window, load_error);
      run_for (800);
    }
  else if (section != NULL && g_str_has_prefix (section, "event:"))
    {
      g_auto(GStrv) parts = g_strsplit (section + strlen ("event:"), ":", 2);
      TreatiesEvent *event = treaties_article_lookup_event (article, parts[0]);
      TreatiesTimeline *timeline = TREATIES_TIMELINE (gtk_widget_get_template_child (GTK_WIDGET (window),
                                                                                     TREATIES_TYPE_WINDOW,
                                                                                     "timeline"));
      int times = parts[1] ? atoi (parts[1]) : 1;

      if (event == NULL)
        g_error ("no event %s", parts[0]);
      run_for (1500); /* the text laid out, as when a reader gets there */
      for (int i = 0; i < times; i++)
        {
          /* What AT-SPI's "click" on the event does. */
          gtk_widget_activate (treaties_timeline_get_event_accessible (timeline, event));
          run_for (400);
        }
      run_for (1200);
      for (GtkWidget *c = gtk_widget_get_first_child (GTK_WIDGET (timeline)); c; c = gtk_widget_get_next_sibling (c))
        if (GTK_IS_POPOVER (c) && gtk_widget_get_visible (c))
          popover = GTK_POPOVER (c);
    }
  else if (section != NULL)
    {
      treaties_window_set_current_section (window, section);
      run_for (1600); /* past the heading's highlight */
    }

  w = gtk_widget_get_width (GTK_WIDGET (window));
  h = gtk_widget_get_height (GTK_WIDGET (window));
  paintable = gtk_widget_paintable_new (GTK_WIDGET (window));
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), w, h);
  if (popover != NULL)
    {
      /* A popover is a surface of its own: drawn where it stands over the
       * window, as the screen shows it. */
      g_autoptr(GdkPaintable) popover_paintable = gtk_widget_paintable_new (GTK_WIDGET (popover));
      double wx, wy, px, py;

      gtk_native_get_surface_transform (GTK_NATIVE (window), &wx, &wy);
      gtk_native_get_surface_transform (GTK_NATIVE (popover), &px, &py);
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot,
                              &GRAPHENE_POINT_INIT (gdk_popup_get_position_x (GDK_POPUP (gtk_native_get_surface (GTK_NATIVE (popover)))) + px - wx,
                                                    gdk_popup_get_position_y (GDK_POPUP (gtk_native_get_surface (GTK_NATIVE (popover)))) + py - wy));
      gdk_paintable_snapshot (popover_paintable, GDK_SNAPSHOT (snapshot),
                              gtk_widget_get_width (GTK_WIDGET (popover)), gtk_widget_get_height (GTK_WIDGET (popover)));
      gtk_snapshot_restore (snapshot);
    }
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)),
                                         node, &GRAPHENE_RECT_INIT (0, 0, w, h));
  if (!gdk_texture_save_to_png (texture, out))
    g_error ("could not write %s", out);
  printf ("%s: %d×%d, %s\n", out, w, h, style);

  gtk_window_destroy (GTK_WINDOW (window));
  return 0;
}
