/* treaties-style-colors.c: a custom-drawn widget's colours from the stylesheet
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "treaties-style-colors.h"

void
treaties_style_lookup_colors (GtkWidget          *widget,
                              const char * const *classes,
                              guint               n_colors,
                              GdkRGBA            *colors)
{
  GtkStyleContext *context;

  g_return_if_fail (GTK_IS_WIDGET (widget));

  /* GTK 4.8 has no gtk_widget_get_color() (4.10) and no public CSS nodes:
   * a saved style context with an added class is a transient child node
   * `NODE.CLASS` whose colour the stylesheet sets. */
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  context = gtk_widget_get_style_context (widget);
  for (guint i = 0; i < n_colors; i++)
    {
      if (classes[i] != NULL)
        {
          gtk_style_context_save (context);
          gtk_style_context_add_class (context, classes[i]);
        }
      gtk_style_context_get_color (context, &colors[i]);
      if (classes[i] != NULL)
        gtk_style_context_restore (context);
    }
  G_GNUC_END_IGNORE_DEPRECATIONS
}
