/* treaties-window-export.c: "Export as PDF…" and "Print…" for the window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "treaties-page-renderer.h"
#include "treaties-pdf-exporter.h"
#include "treaties-window-export.h"

/* GtkFileDialog and GtkFileLauncher replace GtkFileChooserNative and
 * gtk_show_uri() in GTK 4.10. Use them when building against 4.10 or later
 * and the build allows 4.10 API (the project pins GDK_VERSION_MAX_ALLOWED
 * to 4.8, where they would only raise warnings). */
#if GTK_CHECK_VERSION (4, 10, 0)
# if GDK_VERSION_MAX_ALLOWED >= GDK_VERSION_4_10
#  define USE_GTK_4_10_DIALOGS
# endif
#endif

#define RESULT_TOAST_TIMEOUT 10

typedef struct {
  GWeakRef         window;
  TreatiesArticle *article;
  GFile           *file;
  GCancellable    *cancellable;
  AdwToast        *progress;
} Export;

typedef struct {
  GWeakRef  window;
  GFile    *file;
} Opener;

typedef struct {
  TreatiesWindow       *window;
  TreatiesArticle      *article;
  TreatiesPageRenderer *renderer;
  gboolean              reported;
} Print;

static void
export_free (Export *export)
{
  g_weak_ref_clear (&export->window);
  g_clear_object (&export->article);
  g_clear_object (&export->file);
  g_clear_object (&export->cancellable);
  g_clear_object (&export->progress);
  g_free (export);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Export, export_free)

static void
opener_free (gpointer  data,
             GClosure *closure)
{
  Opener *opener = data;

  g_weak_ref_clear (&opener->window);
  g_clear_object (&opener->file);
  g_free (opener);
}

static void
print_free (gpointer data)
{
  Print *print = data;

  g_clear_object (&print->window);
  g_clear_object (&print->article);
  g_clear_object (&print->renderer);
  g_free (print);
}

/* "<title>.pdf", with what a file name cannot hold replaced: "The
 * Important Shift – France and USSR’s Neutrality Treaty.pdf". */
static char *
suggested_name (TreatiesArticle *article)
{
  g_autoptr(GString) name = g_string_new (treaties_article_get_title (article));

  /* Characters that file systems (FAT and NTFS on USB sticks too) refuse. */
  g_string_replace (name, ": ", " – ", 0);
  for (const char *bad = "/\\:*?\"<>|"; *bad != '\0'; bad++)
    {
      char from[2] = { *bad, '\0' };
      g_string_replace (name, from, "-", 0);
    }
  g_strstrip (name->str);
  g_string_set_size (name, strlen (name->str));
  if (name->len == 0)
    g_string_assign (name, treaties_article_get_id (article));
  g_string_append (name, ".pdf");
  return g_string_free (g_steal_pointer (&name), FALSE);
}

static GFile *
documents_folder (void)
{
  const char *dir = g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS);

  if (dir == NULL || !g_file_test (dir, G_FILE_TEST_IS_DIR))
    dir = g_get_home_dir ();
  return g_file_new_for_path (dir);
}

/* --- opening the result -------------------------------------------------- */

#ifdef USE_GTK_4_10_DIALOGS
static void
launch_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!gtk_file_launcher_launch_finish (GTK_FILE_LAUNCHER (source), result, &error))
    g_warning ("Could not open the exported file: %s", error->message);
}
#endif

static void
open_clicked_cb (AdwToast *toast,
                 Opener   *opener)
{
  g_autoptr(TreatiesWindow) window = g_weak_ref_get (&opener->window);
  GtkWindow *parent = window != NULL ? GTK_WINDOW (window) : NULL;

#ifdef USE_GTK_4_10_DIALOGS
  {
    g_autoptr(GtkFileLauncher) launcher = gtk_file_launcher_new (opener->file);
    gtk_file_launcher_launch (launcher, parent, NULL, launch_done_cb, NULL);
  }
#else
  {
    g_autofree char *uri = g_file_get_uri (opener->file);
    gtk_show_uri (parent, uri, GDK_CURRENT_TIME);
  }
#endif
}

/* --- exporting ----------------------------------------------------------- */

static void
cancel_clicked_cb (AdwToast     *toast,
                   GCancellable *cancellable)
{
  g_cancellable_cancel (cancellable);
}

static void
export_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(Export) export = user_data;
  g_autoptr(TreatiesWindow) window = g_weak_ref_get (&export->window);
  g_autoptr(GError) error = NULL;
  AdwToast *toast;

  treaties_pdf_export_finish (result, &error);

  adw_toast_dismiss (export->progress);
  if (window == NULL)
    return;

  if (error == NULL)
    {
      g_autofree char *name = g_file_get_basename (export->file);
      g_autofree char *escaped = g_markup_escape_text (name, -1);
      /* Translators: a toast; %s is a file name */
      g_autofree char *title = g_strdup_printf (_("Exported to “%s”"), escaped);

      Opener *opener = g_new0 (Opener, 1);

      g_weak_ref_init (&opener->window, window);
      opener->file = g_object_ref (export->file);
      toast = adw_toast_new (title);
      adw_toast_set_button_label (toast, _("_Open"));
      g_signal_connect_data (toast, "button-clicked", G_CALLBACK (open_clicked_cb),
                             opener, opener_free, 0);
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    toast = adw_toast_new (_("Export cancelled"));
  else
    {
      /* The message names the file and the reason; toasts take markup. */
      g_autofree char *escaped = g_markup_escape_text (error->message, -1);

      toast = adw_toast_new (escaped);
    }

  adw_toast_set_timeout (toast, RESULT_TOAST_TIMEOUT);
  treaties_window_add_toast (window, toast);
}

static void
start_export (TreatiesWindow *window,
              GFile          *file)
{
  TreatiesArticle *article = treaties_window_get_article (window);
  Export *export;

  if (article == NULL)
    return;

  export = g_new0 (Export, 1);
  g_weak_ref_init (&export->window, window);
  export->article = g_object_ref (article);
  export->file = g_object_ref (file);
  export->cancellable = g_cancellable_new ();

  /* The sign of progress: stays until the export ends, and can cancel it. */
  export->progress = g_object_ref_sink (adw_toast_new (_("Exporting…")));
  adw_toast_set_timeout (export->progress, 0);
  adw_toast_set_priority (export->progress, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_set_button_label (export->progress, _("_Cancel"));
  g_signal_connect_object (export->progress, "button-clicked", G_CALLBACK (cancel_clicked_cb),
                           export->cancellable, 0);
  treaties_window_add_toast (window, export->progress);

  treaties_pdf_export_async (article, file, export->cancellable, export_done_cb, export);
}

#ifdef USE_GTK_4_10_DIALOGS
static void
save_dialog_done_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(TreatiesWindow) window = user_data;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;

  file = gtk_file_dialog_save_finish (GTK_FILE_DIALOG (source), result, &error);
  if (file != NULL)
    start_export (window, file);
}
#else
static void
save_chooser_response_cb (GtkNativeDialog *native,
                          int              response,
                          TreatiesWindow  *window)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));

      if (file != NULL)
        start_export (window, file);
    }
  gtk_native_dialog_destroy (native);
  g_object_unref (native);
}
#endif

void
treaties_window_export_pdf (TreatiesWindow *window)
{
  TreatiesArticle *article;
  g_autoptr(GFile) folder = NULL;
  g_autoptr(GtkFileFilter) filter = NULL;
  g_autofree char *name = NULL;

  g_return_if_fail (TREATIES_IS_WINDOW (window));

  article = treaties_window_get_article (window);
  if (article == NULL)
    return;

  folder = documents_folder ();
  name = suggested_name (article);
  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _("PDF documents"));
  gtk_file_filter_add_mime_type (filter, "application/pdf");
  gtk_file_filter_add_suffix (filter, "pdf");

#ifdef USE_GTK_4_10_DIALOGS
  {
    g_autoptr(GtkFileDialog) dialog = gtk_file_dialog_new ();
    g_autoptr(GListStore) filters = g_list_store_new (GTK_TYPE_FILE_FILTER);

    g_list_store_append (filters, filter);
    gtk_file_dialog_set_title (dialog, _("Export as PDF"));
    gtk_file_dialog_set_accept_label (dialog, _("_Export"));
    gtk_file_dialog_set_filters (dialog, G_LIST_MODEL (filters));
    gtk_file_dialog_set_default_filter (dialog, filter);
    gtk_file_dialog_set_initial_folder (dialog, folder);
    gtk_file_dialog_set_initial_name (dialog, name);
    gtk_file_dialog_save (dialog, GTK_WINDOW (window), NULL, save_dialog_done_cb, g_object_ref (window));
  }
#else
  {
    GtkFileChooserNative *native;

    native = gtk_file_chooser_native_new (_("Export as PDF"), GTK_WINDOW (window),
                                          GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
    gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
    gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
    gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (native), folder, NULL);
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), name);
    g_signal_connect_object (native, "response", G_CALLBACK (save_chooser_response_cb), window, 0);
    gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
  }
#endif
}

/* --- printing ------------------------------------------------------------ */

static void
begin_print_cb (GtkPrintOperation *operation,
                GtkPrintContext   *context,
                Print             *print)
{
  g_clear_object (&print->renderer);
  print->renderer = treaties_page_renderer_new (print->article);
  /* Points with the origin at the paper's corner: see set_unit() and
   * set_use_full_page() below. */
  treaties_page_renderer_set_page_size (print->renderer,
                                        gtk_print_context_get_width (context),
                                        gtk_print_context_get_height (context));
  treaties_page_renderer_paginate (print->renderer);
  gtk_print_operation_set_n_pages (operation, (int) treaties_page_renderer_get_n_pages (print->renderer));
}

static void
draw_page_cb (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page_nr,
              Print             *print)
{
  treaties_page_renderer_draw_page (print->renderer, gtk_print_context_get_cairo_context (context),
                                    (guint) page_nr);
}

static void
show_print_error (Print        *print,
                  const GError *error)
{
  g_autofree char *escaped = g_markup_escape_text (error != NULL ? error->message : _("unknown error"), -1);
  /* Translators: a toast; %s says why printing failed */
  g_autofree char *title = g_strdup_printf (_("Could not print: %s"), escaped);

  print->reported = TRUE;
  treaties_window_add_toast (print->window, adw_toast_new (title));
}

static void
print_done_cb (GtkPrintOperation       *operation,
               GtkPrintOperationResult  result,
               Print                   *print)
{
  g_autoptr(GError) error = NULL;

  if (result != GTK_PRINT_OPERATION_RESULT_ERROR || print->reported)
    return;

  gtk_print_operation_get_error (operation, &error);
  show_print_error (print, error);
}

void
treaties_window_print (TreatiesWindow *window)
{
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(GError) error = NULL;
  TreatiesArticle *article;
  GtkPrintOperationResult result;
  Print *print;

  g_return_if_fail (TREATIES_IS_WINDOW (window));

  article = treaties_window_get_article (window);
  if (article == NULL)
    return;

  print = g_new0 (Print, 1);
  print->window = g_object_ref (window);
  print->article = g_object_ref (article);

  operation = gtk_print_operation_new ();
  g_object_set_data_full (G_OBJECT (operation), "treaties-print", print, print_free);
  gtk_print_operation_set_job_name (operation, treaties_article_get_title (article));
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_use_full_page (operation, TRUE);
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  gtk_print_operation_set_allow_async (operation, TRUE);
  g_signal_connect (operation, "begin-print", G_CALLBACK (begin_print_cb), print);
  g_signal_connect (operation, "draw-page", G_CALLBACK (draw_page_cb), print);
  g_signal_connect (operation, "done", G_CALLBACK (print_done_cb), print);

  result = gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                                    GTK_WINDOW (window), &error);
  /* "done" may have said so already */
  if (result == GTK_PRINT_OPERATION_RESULT_ERROR && !print->reported)
    show_print_error (print, error);
}
