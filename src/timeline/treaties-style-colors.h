/* treaties-style-colors.h: a custom-drawn widget's colours from the stylesheet
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Fills @colors[i] with the colour the stylesheet gives @widget's node with
 * the class @classes[i] added (NULL: the node itself), for @n_colors. */
void treaties_style_lookup_colors (GtkWidget          *widget,
                                   const char * const *classes,
                                   guint               n_colors,
                                   GdkRGBA            *colors);

G_END_DECLS
