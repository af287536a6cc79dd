/* treaties-application.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define TREATIES_TYPE_APPLICATION (treaties_application_get_type ())

/* What is kept of the saved state: the articles in Open Recent, and the
 * articles whose reading position is remembered (the most recently read). */
#define TREATIES_MAX_RECENT          8
#define TREATIES_MAX_SAVED_POSITIONS 100

G_DECLARE_FINAL_TYPE (TreatiesApplication, treaties_application, TREATIES, APPLICATION, AdwApplication)

TreatiesApplication *treaties_application_new          (void);
/* The app's settings, or NULL when the schema is not installed (running
 * from a build tree without it): callers fall back to defaults. */
GSettings           *treaties_application_get_settings (TreatiesApplication *self);
/* Resets what @settings hold that the app cannot use (a width below 1, a
 * zoom that is not a number) and cuts the lists to what is kept; called
 * once at start-up, before any window reads them. */
void                 treaties_application_repair_settings (GSettings *settings);
/* The GSK renderer Treaties asks for when GSK_RENDERER is not set: "cairo"
 * when the system has no GPU device (GL would be software), NULL to
 * leave the choice to GTK. */
const char          *treaties_application_preferred_renderer (void);

G_END_DECLS
