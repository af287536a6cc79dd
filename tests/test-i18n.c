/* test-i18n.c: the reading window in French
 *
 * Runs under Xvfb (see tests/meson.build) with LANGUAGE=fr and
 * LC_ALL=fr_FR.UTF-8, G_DEBUG=fatal-criticals, and the catalogues built in
 * the build tree (TREATIES_LOCALEDIR, i.e. <builddir>/po, where meson puts
 * fr/LC_MESSAGES/treaties.mo). Skipped when the locale is not installed:
 * glibc ignores LANGUAGE under the "C" locale.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include <adwaita.h>

#include "treaties-date.h"
#include "treaties-resources.h"
#include "treaties-window.h"
#include "ui-test-utils.h"

#define SHIPPED "/org/example/Treaties/articles/france-ussr-neutrality-1931.treaty.json"
#define NBSP "\302\240"
#define NNBSP "\342\200\257"  /* narrow no-break space, before % in French */

static char *missing_locale;

static gboolean
skip_without_locale (void)
{
  if (missing_locale == NULL)
    return FALSE;
  g_test_skip (missing_locale);
  return TRUE;
}

static GtkWidget *
find_widget (GtkWidget *widget,
             GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_widget (c, type);
      if (found != NULL)
        return found;
    }
  return NULL;
}

typedef struct
{
  TreatiesWindow  *window;
  TreatiesArticle *article;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  if (missing_locale != NULL)
    return;

  f->article = treaties_article_new_from_resource (SHIPPED, &error);
  g_assert_no_error (error);

  f->window = treaties_window_new (NULL);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1100, 720);
  if (data == NULL)
    treaties_window_set_article (f->window, f->article);
  gtk_window_present (GTK_WINDOW (f->window));
  settle ();
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  if (f->window != NULL)
    gtk_window_destroy (GTK_WINDOW (f->window));
  g_clear_object (&f->article);
  settle ();
}

/* The catalogue is the one just built, and it is French. */
static void
test_catalogue (void)
{
  const char *dir = g_getenv ("TREATIES_LOCALEDIR");
  g_autofree char *mo = NULL;

  if (skip_without_locale ())
    return;

  g_assert_nonnull (dir);
  mo = g_build_filename (dir, "fr", "LC_MESSAGES", GETTEXT_PACKAGE ".mo", NULL);
  if (!g_file_test (mo, G_FILE_TEST_EXISTS))
    g_error ("%s was not built", mo);

  g_assert_cmpstr (_("Treaties"), ==, "Traités");
  g_assert_cmpstr (C_("search", "%u of %u"), ==, "%u sur %u");
  /* French: the singular for 0 and 1. */
  g_assert_cmpstr (g_dngettext (GETTEXT_PACKAGE, "%u match", "%u matches", 0), ==, "%u résultat");
  g_assert_cmpstr (g_dngettext (GETTEXT_PACKAGE, "%u match", "%u matches", 1), ==, "%u résultat");
  g_assert_cmpstr (g_dngettext (GETTEXT_PACKAGE, "%u match", "%u matches", 2), ==, "%u résultats");
}

/* Russian's three plural forms, from the same build, by switching LANGUAGE
 * for a moment (textdomain() drops gettext's cache). */
static void
test_russian_plurals (void)
{
  static const struct { guint n; const char *form; } cases[] = {
    { 1, "%u совпадение" }, { 21, "%u совпадение" }, { 101, "%u совпадение" },
    { 2, "%u совпадения" }, { 4, "%u совпадения" }, { 23, "%u совпадения" },
    { 0, "%u совпадений" }, { 5, "%u совпадений" }, { 11, "%u совпадений" },
    { 12, "%u совпадений" }, { 14, "%u совпадений" }, { 111, "%u совпадений" },
  };
  g_autofree char *language = g_strdup (g_getenv ("LANGUAGE"));

  if (skip_without_locale ())
    return;

  g_setenv ("LANGUAGE", "ru", TRUE);
  textdomain (GETTEXT_PACKAGE);
  g_assert_cmpstr (_("Treaties"), ==, "Договоры");
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpstr (g_dngettext (GETTEXT_PACKAGE, "%u match", "%u matches", cases[i].n), ==, cases[i].form);

  g_setenv ("LANGUAGE", language, TRUE);
  textdomain (GETTEXT_PACKAGE);
  g_assert_cmpstr (_("Treaties"), ==, "Traités");
}

/* Dates follow the locale: French month names. */
static void
test_long_date (void)
{
  g_autofree char *signed_on = NULL;
  g_autofree char *armistice = NULL;
  g_autofree char *locarno = NULL;

  if (skip_without_locale ())
    return;

  signed_on = treaties_day_format_long (treaties_day_from_ymd (1931, 10, 29));
  armistice = treaties_day_format_long (treaties_day_from_ymd (1918, 11, 11));
  locarno = treaties_day_format_long (treaties_day_from_ymd (1925, 12, 1));
  g_assert_cmpstr (signed_on, ==, "29 octobre 1931");
  g_assert_cmpstr (armistice, ==, "11 novembre 1918");
  /* French writes the first of the month as an ordinal. */
  g_assert_cmpstr (locarno, ==, "1er décembre 1925");
}

static char *
format_span (const char *text)
{
  TreatiesDateSpan span;

  g_assert_true (treaties_date_span_parse (text, treaties_day_from_ymd (1918, 11, 11),
                                           treaties_day_from_ymd (1939, 9, 1), &span, NULL));
  return treaties_date_span_format (&span);
}

/* Spans, months and doubtful dates in French, then in Russian (month
 * names from LC_TIME, words from LANGUAGE). */
static void
test_span_wording (void)
{
  static const struct { const char *text, *fr, *ru; } cases[] = {
    { "1931-04~", "vers avril 1931", "около апреля 1931 г." },
    { "1931-04", "avril 1931", "Апрель 1931 г." },
    { "1931~", "vers 1931", "около 1931 г." },
    { "1923/1925", "1923–1925", "1923–1925 гг." },
    { "1931-08?", "août 1931 (date incertaine)", "Август 1931 г. (дата под вопросом)" },
    { "1925-10-05/1925-10-16", "5 octobre 1925 – 16 octobre 1925", "5 октября 1925 г. – 16 октября 1925 г." },
    { "../1939-09-01", "… – 1er septembre 1939", "… – 1 сентября 1939 г." },
    { "1931-10-29", "29 octobre 1931", "29 октября 1931 г." },
  };
  g_autofree char *language = g_strdup (g_getenv ("LANGUAGE"));
  g_autofree char *lc_time = g_strdup (setlocale (LC_TIME, NULL));

  if (skip_without_locale ())
    return;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *words = format_span (cases[i].text);
      g_assert_cmpstr (words, ==, cases[i].fr);
    }

  if (setlocale (LC_TIME, "ru_RU.UTF-8") == NULL)
    {
      g_test_skip ("the ru_RU.UTF-8 locale is not installed");
      return;
    }
  g_setenv ("LANGUAGE", "ru", TRUE);
  textdomain (GETTEXT_PACKAGE);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *words = format_span (cases[i].text);
      g_assert_cmpstr (words, ==, cases[i].ru);
    }
  g_setenv ("LANGUAGE", language, TRUE);
  textdomain (GETTEXT_PACKAGE);
  setlocale (LC_TIME, lc_time);
}

static void
test_title (Fixture       *f,
            gconstpointer  data)
{
  AdwWindowTitle *title;

  if (skip_without_locale ())
    return;

  title = child (f->window, "window_title");
  g_assert_cmpstr (adw_window_title_get_title (title), ==, treaties_article_get_title (f->article));
  /* The article's date, in French; as its own dating, when a note disputes it. */
  if (treaties_article_get_date_note (f->article) != NULL)
    g_assert_cmpstr (adw_window_title_get_subtitle (title), ==,
                     "Datation de l’article : 29 octobre 1931 — voir la note de l’éditeur");
  else
    g_assert_cmpstr (adw_window_title_get_subtitle (title), ==, "29 octobre 1931");
}

static void
test_title_fallback (Fixture       *f,
                     gconstpointer  data)
{
  if (skip_without_locale ())
    return;

  g_assert_null (treaties_window_get_article (f->window));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (f->window)), ==, "Traités");
  g_assert_cmpstr (adw_window_title_get_title (child (f->window, "window_title")), ==, "Traités");
}

static void
test_timeline_heading (Fixture       *f,
                       gconstpointer  data)
{
  if (skip_without_locale ())
    return;

  g_assert_cmpstr (gtk_label_get_text (child (f->window, "timeline_label")), ==, "Chronologie, 1918–1939");
}

static void
collect_labels (GMenuModel *model,
                GPtrArray  *labels)
{
  for (int i = 0; i < g_menu_model_get_n_items (model); i++)
    {
      g_autofree char *label = NULL;
      g_autoptr(GMenuModel) section = g_menu_model_get_item_link (model, i, G_MENU_LINK_SECTION);

      if (section != NULL)
        {
          collect_labels (section, labels);
          continue;
        }
      if (g_menu_model_get_item_attribute (model, i, G_MENU_ATTRIBUTE_LABEL, "s", &label))
        g_ptr_array_add (labels, g_steal_pointer (&label));
    }
}

static void
test_primary_menu (Fixture       *f,
                   gconstpointer  data)
{
  static const char * const expected[] = {
    "_Ouvrir…",
    "Ouvrir un article _récent",
    "_Comparer avec…",
    "_Exporter en PDF…",
    "_Imprimer…",
    "Re_chercher…",
    "_Raccourcis clavier",
    "À _propos de Traités",
  };
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  GtkWidget *button, *size;

  if (skip_without_locale ())
    return;

  button = find_widget (GTK_WIDGET (f->window), GTK_TYPE_MENU_BUTTON);
  g_assert_nonnull (button);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (button), ==, "Menu principal");
  /* The menu is made when it first opens. */
  gtk_menu_button_popup (GTK_MENU_BUTTON (button));
  settle ();
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (button)))));
  collect_labels (gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (button)), labels);
  /* The text size, with French spacing, and its buttons named. */
  size = find_widget_named (GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (button))), "zoom-size");
  g_assert_nonnull (size);
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (size)), ==, "100" NNBSP "%");
  g_assert_cmpstr (gtk_widget_get_tooltip_text (size), ==, "Rétablir la taille du texte");
  gtk_menu_button_popdown (GTK_MENU_BUTTON (button));

  g_assert_cmpuint (labels->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < labels->len; i++)
    g_assert_cmpstr (g_ptr_array_index (labels, i), ==, expected[i]);
}

/* An article of our own whose editor's note carries no label of its own. */
static const char unlabelled_note[] =
  "{\"format\": 1, \"id\": \"note\", \"title\": \"A Note\", \"date\": \"1925-10-16\","
  " \"sections\": ["
  "  {\"id\": \"one\", \"title\": \"One\", \"blocks\": ["
  "    {\"type\": \"paragraph\", \"text\": \"Alpha text.\"},"
  "    {\"type\": \"editor-note\", \"text\": \"Beta text.\"}]}]}";

static void
test_header_and_text (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (unlabelled_note, sizeof unlabelled_note - 1);
  g_autoptr(TreatiesArticle) article = NULL;
  g_autoptr(GError) error = NULL;
  GtkTextBuffer *buffer;
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  if (skip_without_locale ())
    return;

  g_assert_cmpstr (gtk_widget_get_tooltip_text (child (f->window, "sidebar_button")), ==,
                   "Afficher les sections (F9)");

  article = treaties_article_new_from_bytes (bytes, "note.json", &error);
  g_assert_no_error (error);
  treaties_window_set_article (f->window, article);
  settle ();
  g_assert_cmpstr (adw_window_title_get_subtitle (child (f->window, "window_title")), ==, "16 octobre 1925");

  /* An editor's note without a label of its own is labelled in the
   * reader's language (a label the article gives is its own text). */
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (child (f->window, "article_view")));
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  g_assert_nonnull (strstr (text, "Note de l’éditeur\nBeta text."));
}

/* A disputed date and a byline, in French: in the subtitle and the article's
 * date line. */
static const char disputed_date[] =
  "{\"format\": 1, \"id\": \"note\", \"title\": \"A Note\", \"date\": \"1931-10-29\","
  " \"date_note\": \"one\", \"author\": \"A. Writer\", \"sections\": ["
  "  {\"id\": \"one\", \"title\": \"One\", \"blocks\": ["
  "    {\"type\": \"editor-note\", \"text\": \"No treaty is recorded that day.\"}]}]}";

static void
test_disputed_date (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (disputed_date, sizeof disputed_date - 1);
  g_autoptr(TreatiesArticle) article = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;

  if (skip_without_locale ())
    return;

  article = treaties_article_new_from_bytes (bytes, "disputed.json", &error);
  g_assert_no_error (error);
  line = treaties_article_dup_date_line (article);
  g_assert_cmpstr (line, ==, "29 octobre 1931, selon la datation de l’article — voir la note de l’éditeur dans « One »");
  treaties_window_set_article (f->window, article);
  settle ();
  g_assert_cmpstr (adw_window_title_get_subtitle (child (f->window, "window_title")), ==,
                   "Datation de l’article : 29 octobre 1931 — voir la note de l’éditeur · par A. Writer");
}

static void
test_error_page (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "broken.json:2:11: expected a value");
  g_autofree char *back = NULL;

  if (skip_without_locale ())
    return;

  treaties_window_show_error (f->window, error);
  settle ();

  g_assert_cmpstr (adw_status_page_get_title (error_page_child (f->window, "status_page")), ==, "Impossible d’ouvrir cet article");
  g_assert_true (g_str_has_prefix (adw_status_page_get_description (error_page_child (f->window, "status_page")),
                                   "Ce fichier n’est pas un article Traités valide."));
  back = g_strdup_printf ("Revenir à «" NBSP "%s" NBSP "»", treaties_article_get_title (f->article));
  g_assert_cmpstr (gtk_button_get_label (error_page_child (f->window, "error_back_button")), ==, back);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (f->window)), ==, treaties_article_get_title (f->article));
  g_assert_cmpstr (adw_window_title_get_title (child (f->window, "window_title")), ==, "Traités");
}

int
main (int   argc,
      char *argv[])
{
  const char *localedir = g_getenv ("TREATIES_LOCALEDIR");

  if (setlocale (LC_ALL, "") == NULL)
    missing_locale = g_strdup_printf ("the locale LC_ALL=%s is not installed (generate it with "
                                      "`localedef -i fr_FR -f UTF-8 fr_FR.UTF-8`, see build-aux/install-deps)",
                                      g_getenv ("LC_ALL") ? g_getenv ("LC_ALL") : "(unset)");
  if (localedir != NULL)
    bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_test_init (&argc, &argv, NULL);

  if (missing_locale == NULL)
    {
      gtk_init ();
      adw_init ();
      treaties_register_resource ();
      load_app_style ();
    }

#define ADD(path, data, func) \
  g_test_add (path, Fixture, data, fixture_setup, func, fixture_teardown)

  g_test_add_func ("/i18n/catalogue", test_catalogue);
  g_test_add_func ("/i18n/russian-plurals", test_russian_plurals);
  g_test_add_func ("/i18n/long-date", test_long_date);
  g_test_add_func ("/i18n/span-wording", test_span_wording);
  ADD ("/i18n/window/title", NULL, test_title);
  ADD ("/i18n/window/title-fallback", GINT_TO_POINTER (1), test_title_fallback);
  ADD ("/i18n/window/timeline-heading", NULL, test_timeline_heading);
  ADD ("/i18n/window/primary-menu", NULL, test_primary_menu);
  ADD ("/i18n/window/header-and-text", NULL, test_header_and_text);
  ADD ("/i18n/window/disputed-date", NULL, test_disputed_date);
  ADD ("/i18n/window/error-page", NULL, test_error_page);

  return g_test_run ();
}
