/* test-article-contrast.c: the reading view's text is legible in every style
 *
 * Reads the colours a real TreatiesArticleView gives its text tags (links,
 * search matches, the current match, the flash on a heading jumped to) and
 * its callouts' and notes' boxes, and libadwaita's view colours for the
 * style in force, and asks a WCAG 2 contrast of at least 4.5:1 for each
 * text on what it is drawn on, light and dark. tests/meson.build runs it a
 * second time with ADW_DEBUG_HIGH_CONTRAST=1 for the high contrast styles.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <string.h>

#include <adwaita.h>

#include "treaties-article-view.h"
#include "ui-test-utils.h"

#define AA_TEXT 4.5

static GdkRGBA
over (GdkRGBA top,
      GdkRGBA below)
{
  return (GdkRGBA) {
    top.red * top.alpha + below.red * (1 - top.alpha),
    top.green * top.alpha + below.green * (1 - top.alpha),
    top.blue * top.alpha + below.blue * (1 - top.alpha),
    1,
  };
}

static double
channel (double c)
{
  return c <= 0.04045 ? c / 12.92 : pow ((c + 0.055) / 1.055, 2.4);
}

static double
contrast (GdkRGBA a,
          GdkRGBA b)
{
  double la = 0.2126 * channel (a.red) + 0.7152 * channel (a.green) + 0.0722 * channel (a.blue);
  double lb = 0.2126 * channel (b.red) + 0.7152 * channel (b.green) + 0.0722 * channel (b.blue);

  return (MAX (la, lb) + 0.05) / (MIN (la, lb) + 0.05);
}

static GdkRGBA
named_color (GtkWidget  *widget,
             const char *name)
{
  GdkRGBA color;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  g_assert_true (gtk_style_context_lookup_color (gtk_widget_get_style_context (widget), name, &color));
  G_GNUC_END_IGNORE_DEPRECATIONS
  return color;
}

static GdkRGBA
tag_color (TreatiesArticleView *view,
           const char          *tag_name,
           const char          *property)
{
  GtkTextTagTable *table = gtk_text_buffer_get_tag_table (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)));
  GtkTextTag *tag = gtk_text_tag_table_lookup (table, tag_name);
  /* "foreground-rgba" is set when "foreground-set" is. */
  g_autofree char *set_name = g_strndup (property, strlen (property) - strlen ("-rgba"));
  char *set_suffix = NULL;
  g_autoptr(GdkRGBA) color = NULL;
  gboolean set;

  g_assert_nonnull (tag);
  set_suffix = g_strconcat (set_name, "-set", NULL);
  g_object_get (tag, set_suffix, &set, property, &color, NULL);
  g_free (set_suffix);
  g_assert_true (set);
  return *color;
}

static gboolean
style_is (gpointer data)
{
  return adw_style_manager_get_dark (adw_style_manager_get_default ()) == GPOINTER_TO_INT (data);
}

static void
check_style (GtkWidget  *widget,
             gboolean    dark,
             GString    *failures)
{
  TreatiesArticleView *view = TREATIES_ARTICLE_VIEW (widget);
  AdwStyleManager *manager = adw_style_manager_get_default ();
  const char *style;
  GdkRGBA background, text;
  struct {
    const char *what;
    GdkRGBA     text;
    GdkRGBA     under;  /* over the view's background */
  } pairs[9];
  GdkRGBA callout, note;

  adw_style_manager_set_color_scheme (manager, dark ? ADW_COLOR_SCHEME_FORCE_DARK : ADW_COLOR_SCHEME_FORCE_LIGHT);
  g_assert_true (wait_until (style_is, GINT_TO_POINTER (dark)));
  settle ();
  style = adw_style_manager_get_high_contrast (manager)
    ? (dark ? "dark high contrast" : "high contrast")
    : (dark ? "dark" : "light");

  background = over (named_color (widget, "view_bg_color"), (GdkRGBA) { 1, 1, 1, 1 });
  text = named_color (widget, "view_fg_color");
  pairs[0].what = "body text";
  pairs[0].text = text;
  pairs[0].under = (GdkRGBA) { 0, 0, 0, 0 };
  pairs[1].what = "a link";
  pairs[1].text = tag_color (view, "link", "foreground-rgba");
  pairs[1].under = (GdkRGBA) { 0, 0, 0, 0 };
  pairs[2].what = "a search match";
  pairs[2].text = text;
  pairs[2].under = tag_color (view, "search-match", "background-rgba");
  pairs[3].what = "the current match";
  pairs[3].text = tag_color (view, "search-current", "foreground-rgba");
  pairs[3].under = tag_color (view, "search-current", "background-rgba");
  pairs[4].what = "a heading flashed";
  pairs[4].text = text;
  pairs[4].under = tag_color (view, "flash", "background-rgba");
  /* Text and links in callouts and editor's notes, on their boxes. */
  treaties_article_view_get_box_fill (view, TREATIES_BLOCK_CALLOUT, &callout);
  treaties_article_view_get_box_fill (view, TREATIES_BLOCK_EDITOR_NOTE, &note);
  pairs[5] = pairs[0];
  pairs[5].what = "text in a callout";
  pairs[5].under = callout;
  pairs[6] = pairs[1];
  pairs[6].what = "a link in a callout";
  pairs[6].under = callout;
  pairs[7] = pairs[0];
  pairs[7].what = "text in an editor's note";
  pairs[7].under = note;
  pairs[8] = pairs[1];
  pairs[8].what = "a link in an editor's note";
  pairs[8].under = note;

  for (guint i = 0; i < G_N_ELEMENTS (pairs); i++)
    {
      GdkRGBA under = over (pairs[i].under, background);
      double ratio = contrast (over (pairs[i].text, under), under);

      g_test_message ("%s, %s: %.2f:1", style, pairs[i].what, ratio);
      if (ratio < AA_TEXT)
        g_string_append_printf (failures, "\n  %s, %s: %.2f:1", style, pairs[i].what, ratio);
    }
}

static void
test_text_colors (void)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *view = treaties_article_view_new ();
  g_autoptr(GString) failures = g_string_new (NULL);

  /* As in the window: the text scrolls in a "view". */
  gtk_widget_add_css_class (scroller, "view");
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), view);
  gtk_window_set_child (GTK_WINDOW (window), scroller);
  gtk_window_present (GTK_WINDOW (window));

  check_style (view, FALSE, failures);
  check_style (view, TRUE, failures);
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
  gtk_window_destroy (GTK_WINDOW (window));

  if (failures->len > 0)
    g_error ("under %.1f:1:%s", AA_TEXT, failures->str);
}

int
main (int   argc,
      char *argv[])
{
  ui_test_init (&argc, &argv);

  g_test_add_func ("/article-contrast/text", test_text_colors);

  return g_test_run ();
}
