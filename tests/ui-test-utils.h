/* ui-test-utils.h: what every UI test needs to wait for GTK
 *
 * Header-only, for the test programs under tests/.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <locale.h>

#include <adwaita.h>

#include "treaties-error-page.h"
#include "treaties-resources.h"
#include "treaties-window.h"

typedef gboolean (*UiCondition) (gpointer data);

/* Runs the main loop until @condition holds or 5 s pass. */
static inline gboolean
wait_until (UiCondition condition,
            gpointer    data)
{
  /* Generous: a loaded machine or a sanitizer build is slow, and a condition
   * that holds returns at once. */
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (!condition (data))
    {
      if (g_get_monotonic_time () > deadline)
        return FALSE;
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (2000);
    }
  return TRUE;
}

/* Lets a few frames go by, for layout to settle. */
static inline void
settle (void)
{
  gint64 until = g_get_monotonic_time () + 150 * 1000;

  while (g_get_monotonic_time () < until)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (2000);
}

/* AdwApplication loads the app's style.css; a test has no application. */
static inline void
load_app_style (void)
{
  g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();

  gtk_css_provider_load_from_resource (css, "/org/example/Treaties/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

/* GTest, GTK and libadwaita, the app's resources and its style: what every
 * UI test does first, in a C.UTF-8 locale. */
static inline void
ui_test_init (int    *argc,
              char ***argv)
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (argc, argv, NULL);
  gtk_init ();
  adw_init ();
  treaties_register_resource ();
  load_app_style ();
}

/* A template child of @window. */
static inline gpointer
child (TreatiesWindow *window,
       const char     *name)
{
  return gtk_widget_get_template_child (GTK_WIDGET (window), TREATIES_TYPE_WINDOW, name);
}

/* For wait_until(): @widget is on screen with a width. */
static inline gboolean
is_mapped (gpointer widget)
{
  return gtk_widget_get_mapped (widget) && gtk_widget_get_width (widget) > 0;
}

/* A template child of @window's error page, which is made the first time
 * it is shown. */
static inline gpointer
error_page_child (TreatiesWindow *window,
                  const char     *name)
{
  GtkStack *stack = GTK_STACK (gtk_widget_get_template_child (GTK_WIDGET (window), TREATIES_TYPE_WINDOW, "main_stack"));
  GtkWidget *page = gtk_stack_get_child_by_name (stack, "error");

  g_assert_nonnull (page);
  return gtk_widget_get_template_child (page, TREATIES_TYPE_ERROR_PAGE, name);
}

/* The first widget named @name (gtk_widget_set_name()) in @widget's tree. */
static inline GtkWidget *
find_widget_named (GtkWidget  *widget,
                   const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (widget), name) == 0)
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_widget_named (c, name);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Does what pressing @keyval (no modifier) does to @widget through its
 * own shortcut controllers (GtkListView's arrow keys, say), as a key
 * press with the keyboard in @widget would. FALSE if it has none. */
static inline gboolean
activate_key_binding (GtkWidget *widget,
                      guint      keyval)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint c = 0; c < g_list_model_get_n_items (controllers); c++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, c);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (controller)); i++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), i);
          GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);

          if (GTK_IS_KEYVAL_TRIGGER (trigger) &&
              gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)) == keyval &&
              gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)) == 0)
            return gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0, widget,
                                                 gtk_shortcut_get_arguments (shortcut));
        }
    }
  return FALSE;
}
