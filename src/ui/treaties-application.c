/* treaties-application.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "treaties-application.h"
#include "treaties-cli.h"
#include "treaties-cli-search.h"
#include "treaties-resources.h"
#include "treaties-window.h"
#include "treaties-window-open.h"
#include "treaties-window-library.h"

struct _TreatiesApplication
{
  AdwApplication  parent_instance;

  GSettings      *settings;
};

G_DEFINE_FINAL_TYPE (TreatiesApplication, treaties_application, ADW_TYPE_APPLICATION)

static const struct {
  const char *action;
  const char *accels[3];
} accels[] = {
  { "app.quit", { "<Control>q", NULL } },
  { "window.close", { "<Control>w", NULL } },
  { "win.open", { "<Control>o", NULL } },
  { "win.export-pdf", { "<Control>e", NULL } },
  { "win.print", { "<Control>p", NULL } },
  { "win.toggle-sidebar", { "F9", NULL } },
  { "win.find", { "<Control>f", NULL } },
  { "win.go-back", { "<Alt>Left", NULL } },
  { "win.go-forward", { "<Alt>Right", NULL } },
  { "win.zoom-in", { "<Control>plus", "<Control>equal", NULL } },
  { "win.zoom-out", { "<Control>minus", NULL } },
  { "win.zoom-reset", { "<Control>0", NULL } },
  { "win.show-help-overlay", { "<Control>question", NULL } },
  { "win.show-library", { "<Control>l", NULL } },
};

/* Whether the system has a device a GL driver could draw with: a DRM
 * render node, or WSL's /dev/dxg. A heuristic, checked without making a GL
 * context (which is what costs): with neither, GL can only be software; a
 * render node is not proof of the contrary (a virtual GPU without 3D has
 * one), and then GTK's choice stands, as before. */
static gboolean
has_gpu_device (void)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (g_file_test ("/dev/dxg", G_FILE_TEST_EXISTS))
    return TRUE;
  dir = g_dir_open ("/dev/dri", 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_prefix (name, "renderD"))
      return TRUE;
  return FALSE;
}

/* Without a GPU, GTK's GL renderer runs on Mesa's llvmpipe, which compiles
 * shaders and rasterises on the CPU: the first frame took twice as long,
 * and the window 70 MiB more memory, than with GTK's cairo renderer, which
 * is made for drawing on the CPU (docs/performance.md). So, like browsers
 * that turn off GPU compositing on software GL, Treaties draws with cairo
 * when there is no GPU device, unless GSK_RENDERER names a renderer. */
const char *
treaties_application_preferred_renderer (void)
{
  return has_gpu_device () ? NULL : "cairo";
}

/* The display's "gsk-renderer" is what GTK reads first (GtkInspector sets
 * it too); unlike the environment variable, it is not passed on to the
 * programs Treaties opens, such as the browser. */
static void
choose_renderer (void)
{
  GdkDisplay *display = gdk_display_get_default ();
  const char *renderer = treaties_application_preferred_renderer ();

  if (display != NULL && renderer != NULL && g_getenv ("GSK_RENDERER") == NULL)
    g_object_set_data_full (G_OBJECT (display), "gsk-renderer", g_strdup (renderer), g_free);
}

static TreatiesWindow *
new_window (TreatiesApplication *self)
{
  TreatiesWindow *window = treaties_window_new (GTK_APPLICATION (self));
  return window;
}

/* Every way out saves the place being read in each window. */
static void
save_places (TreatiesApplication *self)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (TREATIES_IS_WINDOW (l->data))
      treaties_window_save_place (l->data);
  if (self->settings != NULL)
    g_settings_sync ();
}

/* Ctrl+Q closes the windows as their close buttons would (each saves its
 * place and size), then quits. */
static void
quit_activated_cb (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  TreatiesApplication *self = user_data;
  g_autoptr(GList) windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));

  save_places (self);
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (l->data);
  g_application_quit (G_APPLICATION (self));
}

/* The session is ending: there may be no time to close anything. */
static void
query_end_cb (TreatiesApplication *self)
{
  save_places (self);
}

static void
about_activated_cb (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  static const char *developers[] = { "The Treaties developers", NULL };

  adw_show_about_window (gtk_application_get_active_window (app),
                         "application-name", _("Treaties"),
                         "application-icon", APPLICATION_ID,
                         "version", PACKAGE_VERSION,
                         "developer-name", _("The Treaties developers"),
                         "developers", developers,
                         "copyright", "© 2026 The Treaties developers",
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "website", "https://example.org/treaties",
                         "issue-url", "https://example.org/treaties/issues",
                         "comments", _("Read the diplomatic history of the interwar years, "
                                       "with a timeline of the treaties, pacts and crises from 1918 to 1939."),
                         NULL);
}

static const GActionEntry app_actions[] = {
  { "quit", quit_activated_cb, NULL, NULL, NULL },
  { "about", about_activated_cb, NULL, NULL, NULL },
};

/* Handled before GTK is initialised, so --check and --export-pdf need no
 * display. The
 * files are taken here rather than by GApplication so that
 * `treaties --check A.json B.json` checks both. */
/* Every key the app reads; GSettings aborts on a key the schema lacks. */
static gboolean
schema_is_complete (GSettingsSchema *schema)
{
  static const char *keys[] = {
    "window-width", "window-height", "window-maximized", "text-zoom",
    "timeline-visible", "recent-articles", "last-positions", "reading-places",
    "last-article", "recent-titles",
  };

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    if (!g_settings_schema_has_key (schema, keys[i]))
      return FALSE;
  return TRUE;
}

static int
treaties_application_handle_local_options (GApplication *app,
                                           GVariantDict *options)
{
  g_autofree const char **files = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) gfiles = NULL;
  const char *export_path = NULL;
  const char *search_query = NULL;

  g_variant_dict_lookup (options, G_OPTION_REMAINING, "^a&ay", &files);

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("treaties %s\n", PACKAGE_VERSION);
      return 0;
    }

  if (g_variant_dict_contains (options, "check"))
    {
      if (files == NULL || files[0] == NULL)
        {
          g_printerr ("%s\n", _("Usage: treaties --check FILE.json…"));
          return 2;
        }
      return treaties_cli_check (files, g_variant_dict_contains (options, "strict"));
    }

  if (g_variant_dict_lookup (options, "search", "&s", &search_query))
    return treaties_cli_search (search_query, files);

  if (g_variant_dict_lookup (options, "export-pdf", "^&ay", &export_path))
    {
      if (files != NULL && files[0] != NULL && files[1] != NULL)
        {
          g_printerr ("%s\n", _("Usage: treaties --export-pdf OUT.pdf [ARTICLE.json]"));
          return 2;
        }
      return treaties_cli_export_pdf (export_path, files ? files[0] : NULL);
    }

  if (files == NULL || files[0] == NULL)
    return -1; /* activate: the shipped article */

  /* Open the files in the running instance, or in this one. */
  if (!g_application_register (app, NULL, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  gfiles = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; files[i] != NULL; i++)
    g_ptr_array_add (gfiles, g_file_new_for_commandline_arg (files[i]));
  g_application_open (app, (GFile **) gfiles->pdata, gfiles->len, "");
  return 0;
}

/* The largest window size restored; anything larger is a corrupt value. */
#define MAX_WINDOW_SIZE 32767

static void
repair_window_size (GSettings  *settings,
                    const char *key)
{
  int value = g_settings_get_int (settings, key);

  if (value < 1 || value > MAX_WINDOW_SIZE)
    {
      g_message ("Setting %s=%d is not a window size; reset", key, value);
      g_settings_reset (settings, key);
    }
}

void
treaties_application_repair_settings (GSettings *settings)
{
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettingsSchemaKey) zoom_key = NULL;
  g_autoptr(GVariant) zoom = NULL;
  g_auto(GStrv) recent = NULL;

  g_return_if_fail (G_IS_SETTINGS (settings));

  repair_window_size (settings, "window-width");
  repair_window_size (settings, "window-height");

  /* GSettings checks the schema's range, but NaN compares as in range. */
  g_object_get (settings, "settings-schema", &schema, NULL);
  zoom_key = g_settings_schema_get_key (schema, "text-zoom");
  zoom = g_settings_get_value (settings, "text-zoom");
  if (!isfinite (g_variant_get_double (zoom)) || !g_settings_schema_key_range_check (zoom_key, zoom))
    {
      g_message ("Setting text-zoom=%g is not a zoom; reset", g_variant_get_double (zoom));
      g_settings_reset (settings, "text-zoom");
    }

  /* The lists were only cut when added to: a long one (from an older
   * version, or written by hand) costs on every start and every save. */
  recent = g_settings_get_strv (settings, "recent-articles");
  if (g_strv_length (recent) > TREATIES_MAX_RECENT)
    {
      const char *kept[TREATIES_MAX_RECENT + 1] = { NULL };

      memcpy (kept, recent, TREATIES_MAX_RECENT * sizeof (char *));
      g_settings_set_strv (settings, "recent-articles", kept);
    }
}

static void
treaties_application_startup (GApplication *app)
{
  TreatiesApplication *self = TREATIES_APPLICATION (app);
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  G_APPLICATION_CLASS (treaties_application_parent_class)->startup (app);
  choose_renderer ();

  /* Running from a build tree without the schema installed, or beside an
   * older installed copy of it, must not abort: settings are then simply
   * not remembered. */
  if (source != NULL && (schema = g_settings_schema_source_lookup (source, APPLICATION_ID, TRUE)) != NULL &&
      schema_is_complete (schema))
    {
      self->settings = g_settings_new (APPLICATION_ID);
      treaties_application_repair_settings (self->settings);
    }
  else
    g_message ("GSettings schema %s not found or out of date; settings will not be saved", APPLICATION_ID);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions, G_N_ELEMENTS (app_actions), app);
  g_signal_connect (app, "query-end", G_CALLBACK (query_end_cb), NULL);
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (app), accels[i].action, accels[i].accels);
}

/* Started without a file: the article read last, at its place; the
 * shipped one, with a word why, when that file is gone. FALSE when no
 * article was being read. */
static gboolean
open_last_article (TreatiesApplication *self,
                   TreatiesWindow      *window)
{
  g_autofree char *uri = self->settings != NULL ? g_settings_get_string (self->settings, "last-article") : NULL;
  g_autoptr(GFile) file = NULL;

  if (uri != NULL && uri[0] != '\0')
    file = g_file_new_for_uri (uri);
  if (file == NULL)
    return FALSE;
  if (g_file_query_exists (file, NULL))
    {
      treaties_window_open_file (window, file);
      return TRUE;
    }

  gtk_widget_activate_action (GTK_WIDGET (window), "win.open-shipped", NULL);
  {
    g_autofree char *name = g_file_get_parse_name (file);
    /* Translators: a toast when Treaties starts; %s is a file's path */
    g_autofree char *message = g_strdup_printf (_("The article read last, “%s”, is no longer there"), name);
    AdwToast *toast = adw_toast_new (message);

    adw_toast_set_timeout (toast, 0);
    treaties_window_add_toast (window, toast);
  }
  return TRUE;
}

static void
treaties_application_activate (GApplication *app)
{
  TreatiesApplication *self = TREATIES_APPLICATION (app);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window != NULL)
    {
      gtk_window_present (window);
      return;
    }

  window = GTK_WINDOW (new_window (self));
  /* The article read last, at its place; the library when nothing was
   * being read. */
  if (!open_last_article (self, TREATIES_WINDOW (window)) &&
      !treaties_window_library_start (TREATIES_WINDOW (window)))
    gtk_widget_activate_action (GTK_WIDGET (window), "win.open-shipped", NULL);
  gtk_window_present (window);
}

/* The first file goes to the window in front, the others to new windows. */
static void
treaties_application_open (GApplication  *app,
                           GFile        **files,
                           int            n_files,
                           const char    *hint)
{
  for (int i = 0; i < n_files; i++)
    {
      GtkWindow *window = i == 0 ? gtk_application_get_active_window (GTK_APPLICATION (app)) : NULL;

      if (window == NULL)
        window = GTK_WINDOW (new_window (TREATIES_APPLICATION (app)));
      treaties_window_open_file (TREATIES_WINDOW (window), files[i]);
      gtk_window_present (window);
    }
}

static void
treaties_application_dispose (GObject *object)
{
  TreatiesApplication *self = TREATIES_APPLICATION (object);

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (treaties_application_parent_class)->dispose (object);
}

static void
treaties_application_class_init (TreatiesApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = treaties_application_dispose;
  app_class->handle_local_options = treaties_application_handle_local_options;
  app_class->startup = treaties_application_startup;
  app_class->activate = treaties_application_activate;
  app_class->open = treaties_application_open;

  /* The resources live in a static library: register them explicitly. */
  treaties_register_resource ();
}

static void
treaties_application_init (TreatiesApplication *self)
{
  static const GOptionEntry entries[] = {
    { "check", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("Check that the files are valid articles, print their problems, and exit"), NULL },
    { "strict", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("With --check, fail on warnings too, such as an event marked nowhere in the text"), NULL },
    { "export-pdf", 0, 0, G_OPTION_ARG_FILENAME, NULL,
      N_("Export the article (the shipped one, or the file given) to OUT.pdf and exit"), N_("OUT.pdf") },
    { "search", 0, 0, G_OPTION_ARG_STRING, NULL,
      N_("Print the passages of the library (or of the files given) that hold every word of QUERY, and exit"),
      N_("QUERY") },
    { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Print the version and exit"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, NULL, NULL, N_("[ARTICLE.json…]") },
    { NULL }
  };

  g_application_add_main_option_entries (G_APPLICATION (self), entries);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Read the diplomatic history of the interwar years."));
}

TreatiesApplication *
treaties_application_new (void)
{
  return g_object_new (TREATIES_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", "/org/example/Treaties",
                       NULL);
}

GSettings *
treaties_application_get_settings (TreatiesApplication *self)
{
  g_return_val_if_fail (TREATIES_IS_APPLICATION (self), NULL);
  return self->settings;
}
