/* treaties-window-export.h: "Export as PDF…" and "Print…" for the window
 *
 * The window's actions (win.export-pdf, Ctrl+E; win.print, Ctrl+P) call
 * these. They only use the window's public API.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "treaties-window.h"

G_BEGIN_DECLS

/* Asks where to save (proposing "<title>.pdf" in the Documents folder),
 * then exports on a worker thread. A toast shows the export is running
 * and can cancel it; another says where the file went, with an "Open"
 * button, or why it failed. Does nothing without an article. */
void treaties_window_export_pdf (TreatiesWindow *window);

/* Prints the article through GtkPrintOperation with the PDF's page
 * renderer. Does nothing without an article. */
void treaties_window_print      (TreatiesWindow *window);

G_END_DECLS
