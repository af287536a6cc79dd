/* treaties-window-open.h: opening articles in the window
 *
 * The open dialog (win.open, Ctrl+O), drag and drop, and the recent
 * articles (win.open-recent). They use the window's public API only.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "treaties-window.h"

G_BEGIN_DECLS

/* Asks for an article file, then opens it. */
void treaties_window_open          (TreatiesWindow *window);
/* Loads @file on a worker thread and shows it, or shows the error page with
 * every problem (the article being read stays one click away). */
void treaties_window_open_file     (TreatiesWindow *window,
                                    GFile          *file);
/* Lets a file dropped on the window be opened. */
void treaties_window_setup_drop    (TreatiesWindow *window);
/* Fills @menu with the recent articles in @settings (may be NULL) and keeps
 * it up to date. */
void treaties_window_setup_recent  (TreatiesWindow *window,
                                    GSettings      *settings,
                                    GMenu          *menu);

G_END_DECLS
