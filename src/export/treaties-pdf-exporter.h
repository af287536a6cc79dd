/* treaties-pdf-exporter.h: an article as a PDF file
 *
 * Renders with TreatiesPageRenderer on a cairo PDF surface (the paper of
 * treaties_paper_get_default()), with metadata, an outline of the sections
 * and subsections, named destinations and clickable links.
 *
 * The file is written next to @dest under a temporary name and renamed over
 * it only once complete, so an existing file is never truncated or left
 * half-written, and on failure or cancellation the temporary file is
 * removed (one an interrupted export left is removed by the next export of
 * that name). A local @dest that is a symbolic link is followed to the file
 * it names; one that is not a regular file (a device, pipe, socket or
 * folder) is refused with G_IO_ERROR_NOT_REGULAR_FILE or
 * G_IO_ERROR_IS_DIRECTORY before anything is rendered. A new file gets the
 * umask's permissions, a replaced one the permission bits of the file it
 * replaces. No GTK: safe on a worker thread, and without a display.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "treaties-article.h"

G_BEGIN_DECLS

#define TREATIES_PDF_EXPORT_ERROR (treaties_pdf_export_error_quark ())

/* I/O failures are reported in G_IO_ERROR (G_IO_ERROR_CANCELLED when
 * cancelled); every message names the file and the reason. */
typedef enum {
  TREATIES_PDF_EXPORT_ERROR_RENDER,   /* cairo could not produce the PDF */
} TreatiesPdfExportError;

GQuark   treaties_pdf_export_error_quark (void);

gboolean treaties_pdf_export             (TreatiesArticle      *article,
                                          GFile                *dest,
                                          GCancellable         *cancellable,
                                          GError              **error);

/* Runs treaties_pdf_export() on a worker thread. The article must not
 * change until the export is finished (articles do not change once
 * loaded). */
void     treaties_pdf_export_async       (TreatiesArticle      *article,
                                          GFile                *dest,
                                          GCancellable         *cancellable,
                                          GAsyncReadyCallback   callback,
                                          gpointer              user_data);
gboolean treaties_pdf_export_finish      (GAsyncResult         *result,
                                          GError              **error);

G_END_DECLS
