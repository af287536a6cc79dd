/* treaties-error-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "treaties-article.h"
#include "treaties-error-page.h"

struct _TreatiesErrorPage
{
  AdwBin         parent_instance;

  AdwStatusPage *status_page;
  GtkLabel      *error_label;
  GtkButton     *error_back_button;
  GtkButton     *shipped_button;
};

enum {
  SIGNAL_GO_BACK,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (TreatiesErrorPage, treaties_error_page, ADW_TYPE_BIN)

static void
back_clicked_cb (TreatiesErrorPage *self)
{
  g_signal_emit (self, signals[SIGNAL_GO_BACK], 0);
}

static void
treaties_error_page_class_init (TreatiesErrorPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  signals[SIGNAL_GO_BACK] =
    g_signal_new ("go-back", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/example/Treaties/ui/treaties-error-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TreatiesErrorPage, status_page);
  gtk_widget_class_bind_template_child (widget_class, TreatiesErrorPage, error_label);
  gtk_widget_class_bind_template_child (widget_class, TreatiesErrorPage, error_back_button);
  gtk_widget_class_bind_template_child (widget_class, TreatiesErrorPage, shipped_button);
  gtk_widget_class_bind_template_callback (widget_class, back_clicked_cb);
}

static void
treaties_error_page_init (TreatiesErrorPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* A button whose label may be long (an article's title) shrinks to fit. */
static void
set_ellipsized_label (GtkButton  *button,
                      const char *text)
{
  gtk_button_set_label (button, text);
  gtk_label_set_ellipsize (GTK_LABEL (gtk_button_get_child (button)), PANGO_ELLIPSIZE_END);
}

GtkWidget *
treaties_error_page_new (void)
{
  return g_object_new (TREATIES_TYPE_ERROR_PAGE, NULL);
}

void
treaties_error_page_set_error (TreatiesErrorPage *self,
                               const GError      *error,
                               const char        *back_title,
                               gboolean           offer_shipped)
{
  g_return_if_fail (TREATIES_IS_ERROR_PAGE (self));
  g_return_if_fail (error != NULL);

  if (g_error_matches (error, TREATIES_ARTICLE_ERROR, TREATIES_ARTICLE_ERROR_IO))
    adw_status_page_set_description (self->status_page, _("The file could not be read."));
  else
    adw_status_page_set_description (self->status_page,
                                     _("The file is not a valid Treaties article. "
                                       "Each problem below names the file, then the line and column "
                                       "or the place in the article where it was found."));
  gtk_label_set_text (self->error_label, error->message);

  /* Back to the article being read; with none (a file given at start-up
   * that cannot be read), to the one that comes with Treaties. */
  gtk_widget_set_visible (GTK_WIDGET (self->error_back_button), back_title != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->shipped_button), offer_shipped);
  if (back_title != NULL)
    {
      /* Translators: a button on the error page, with the article's title */
      g_autofree char *label = g_strdup_printf (_("Back to “%s”"), back_title);

      set_ellipsized_label (self->error_back_button, label);
    }
}
