/* treaties-library-page.c: every article of the library, and search in them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "treaties-date.h"
#include "treaties-library-page.h"
#include "treaties-text-match.h"

/* Passages asked of the index for one query: a few screens of them. */
#define MAX_HITS 200
#define HEADING_KEY "treaties-heading"

struct _TreatiesLibraryPage
{
  AdwBin               parent_instance;

  TreatiesLibrary     *library;
  GtkCustomFilter     *filter;
  GtkFilterListModel  *articles;  /* the library, filtered by the query */
  GListStore          *articles_heading; /* "Articles" when a query keeps some */
  GListStore          *passages;  /* headings and hits of the query */
  GListStore          *parts;     /* articles, passages */
  GtkFlattenListModel *model;
  char                *query;     /* as typed, stripped */
  GStrv                words;     /* the query's words, folded */
  GCancellable        *search_cancellable;
  gboolean             searching;

  /* Template widgets */
  GtkSearchEntry      *search_entry;
  GtkWidget           *progress_box;
  GtkProgressBar      *progress_bar;
  GtkStack            *stack;
  GtkScrolledWindow   *scroller;
  GtkListView         *list_view;
  AdwStatusPage       *empty_page;
};

enum {
  PROP_0,
  PROP_LIBRARY,
  PROP_QUERY,
  PROP_SEARCHING,
  N_PROPS
};

enum {
  ARTICLE_ACTIVATED,
  HIT_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (TreatiesLibraryPage, treaties_library_page, ADW_TYPE_BIN)

static void
set_searching (TreatiesLibraryPage *self,
               gboolean             searching)
{
  if (self->searching == searching)
    return;
  self->searching = searching;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCHING]);
}

/* The list, or a page that says nothing was found. */
static void
update_stack (TreatiesLibraryPage *self)
{
  gboolean empty = g_list_model_get_n_items (G_LIST_MODEL (self->model)) == 0 &&
                   !self->searching && self->query != NULL &&
                   (self->library == NULL || !treaties_library_get_loading (self->library));

  gtk_stack_set_visible_child_name (self->stack, empty ? "empty" : "list");
}

static GtkStringObject *
heading_new (TreatiesLibraryHeading  kind,
             const char             *text)
{
  GtkStringObject *heading = gtk_string_object_new (text);

  g_object_set_data (G_OBJECT (heading), HEADING_KEY, GINT_TO_POINTER (kind));
  return heading;
}

/* Whether every word of the query is in @entry's title, summary, author or
 * file name (ignoring case and accents). */
static gboolean
filter_entry_cb (gpointer item,
                 gpointer user_data)
{
  TreatiesLibraryPage *self = user_data;
  TreatiesLibraryEntry *entry = item;
  g_autofree char *name = NULL;
  g_autofree char *haystack = NULL;
  g_autofree char *folded = NULL;

  if (self->words == NULL)
    return TRUE;

  name = g_file_get_basename (treaties_library_entry_get_file (entry));
  haystack = g_strjoin ("\n", treaties_library_entry_get_title (entry),
                        treaties_library_entry_get_summary (entry),
                        treaties_library_entry_get_author (entry) ? treaties_library_entry_get_author (entry) : "",
                        name, NULL);
  folded = treaties_text_match_fold (haystack);
  for (guint i = 0; self->words[i] != NULL; i++)
    if (strstr (folded, self->words[i]) == NULL)
      return FALSE;
  return TRUE;
}

static void
search_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(TreatiesLibraryPage) self = user_data;
  g_autoptr(GListModel) hits = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  const char *article = NULL;
  const char *section = NULL;
  guint n;

  hits = treaties_search_index_search_finish (TREATIES_SEARCH_INDEX (source), result, &error);
  if (hits == NULL)
    return; /* cancelled: a newer query is running, or the page went */

  rows = g_ptr_array_new_with_free_func (g_object_unref);
  n = g_list_model_get_n_items (hits);
  if (n > 0)
    g_ptr_array_add (rows, heading_new (TREATIES_LIBRARY_HEADING_PASSAGES, _("Passages")));
  for (guint i = 0; i < n; i++)
    {
      TreatiesSearchHit *hit = g_list_model_get_item (hits, i);
      const char *uri_article = treaties_search_hit_get_article_id (hit);
      const char *hit_section = treaties_search_hit_get_section_id (hit);

      if (article == NULL || g_strcmp0 (article, uri_article) != 0)
        {
          g_ptr_array_add (rows, heading_new (TREATIES_LIBRARY_HEADING_ARTICLE,
                                              treaties_search_hit_get_article_title (hit)));
          section = NULL;
        }
      if (section == NULL || g_strcmp0 (section, hit_section) != 0)
        g_ptr_array_add (rows, heading_new (TREATIES_LIBRARY_HEADING_SECTION,
                                            treaties_search_hit_get_section_title (hit)));
      article = uri_article;
      section = hit_section;
      g_ptr_array_add (rows, hit);
    }

  g_list_store_splice (self->passages, 0, g_list_model_get_n_items (G_LIST_MODEL (self->passages)),
                       rows->pdata, rows->len);
  set_searching (self, FALSE);
  update_stack (self);
}

/* Searches the text of the library for the query, off the main thread. */
static void
start_search (TreatiesLibraryPage *self)
{
  if (self->search_cancellable != NULL)
    g_cancellable_cancel (self->search_cancellable);
  g_clear_object (&self->search_cancellable);

  if (self->query == NULL || self->library == NULL)
    {
      g_list_store_remove_all (self->passages);
      set_searching (self, FALSE);
      update_stack (self);
      return;
    }

  self->search_cancellable = g_cancellable_new ();
  set_searching (self, TRUE);
  treaties_search_index_search_async (treaties_library_get_index (self->library), self->query, MAX_HITS,
                                      self->search_cancellable, search_done_cb, g_object_ref (self));
}

static void
update_articles_heading (TreatiesLibraryPage *self)
{
  gboolean want = self->query != NULL && g_list_model_get_n_items (G_LIST_MODEL (self->articles)) > 0;
  gboolean has = g_list_model_get_n_items (G_LIST_MODEL (self->articles_heading)) > 0;

  if (want && !has)
    {
      g_autoptr(GtkStringObject) heading = heading_new (TREATIES_LIBRARY_HEADING_ARTICLES, _("Articles"));

      g_list_store_append (self->articles_heading, heading);
    }
  else if (!want && has)
    g_list_store_remove_all (self->articles_heading);
}

static void
apply_query (TreatiesLibraryPage *self,
             const char          *text)
{
  g_autofree char *query = g_strstrip (g_strdup (text ? text : ""));
  g_autofree char *folded = NULL;

  if (*query == '\0')
    g_clear_pointer (&query, g_free);
  if (g_strcmp0 (query, self->query) == 0)
    return;

  g_free (self->query);
  self->query = g_steal_pointer (&query);
  g_clear_pointer (&self->words, g_strfreev);
  if (self->query != NULL)
    {
      folded = treaties_text_match_fold (self->query);
      self->words = g_strsplit_set (g_strstrip (folded), " ", -1);
    }

  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_articles_heading (self);
  /* New rows: from their top (the list would keep the row it showed
   * first, under the heading just added above it). */
  if (g_list_model_get_n_items (G_LIST_MODEL (self->model)) > 0)
    gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", 0);
  start_search (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_QUERY]);
}

static void
search_changed_cb (TreatiesLibraryPage *self)
{
  apply_query (self, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
}

/* Enter in the entry opens the first row that opens something. */
static void
entry_activated_cb (TreatiesLibraryPage *self)
{
  GListModel *model = G_LIST_MODEL (self->model);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);

      if (TREATIES_IS_LIBRARY_ENTRY (item) || TREATIES_IS_SEARCH_HIT (item))
        {
          treaties_library_page_activate_row (self, i);
          return;
        }
    }
}

/* Down from the entry goes to the rows, as in GNOME's other lists. */
static gboolean
entry_key_pressed_cb (GtkEventControllerKey *controller,
                      guint                  keyval,
                      guint                  keycode,
                      GdkModifierType        state,
                      TreatiesLibraryPage   *self)
{
  if ((keyval != GDK_KEY_Down && keyval != GDK_KEY_KP_Down) ||
      g_list_model_get_n_items (G_LIST_MODEL (self->model)) == 0)
    return FALSE;
  return gtk_widget_child_focus (GTK_WIDGET (self->list_view), GTK_DIR_TAB_FORWARD);
}

static void
stop_search_cb (TreatiesLibraryPage *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
}

static void
loading_changed_cb (TreatiesLibraryPage *self)
{
  gboolean loading = treaties_library_get_loading (self->library);

  gtk_widget_set_visible (self->progress_box, loading);
  /* The index has all of the library now: what was searched before may
   * have missed some. */
  if (!loading && self->query != NULL)
    start_search (self);
  update_stack (self);
}

static void
progress_changed_cb (TreatiesLibraryPage *self)
{
  gtk_progress_bar_set_fraction (self->progress_bar, treaties_library_get_progress (self->library));
}

static void
items_changed_cb (TreatiesLibraryPage *self)
{
  update_stack (self);
}

/* The matches' colours follow the style: the passages are bound again. */
static void
style_changed_cb (TreatiesLibraryPage *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->passages));
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (rows, g_list_model_get_item (G_LIST_MODEL (self->passages), i));
  g_list_store_splice (self->passages, 0, n, rows->pdata, rows->len);
}

static void
activated_cb (TreatiesLibraryPage *self,
              guint                position)
{
  treaties_library_page_activate_row (self, position);
}

/* --- rows --- */

typedef struct
{
  GtkWidget *title;
  GtkWidget *meta;
  GtkWidget *summary;
  GtkWidget *problems;
  GtkWidget *snippet;
} Row;

static GtkWidget *
row_label (GtkWidget  *box,
           const char *css_class)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  gtk_box_append (GTK_BOX (box), label);
  return label;
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  Row *row = g_new0 (Row, 1);

  gtk_widget_add_css_class (box, "library-row");
  row->title = row_label (box, NULL);
  gtk_label_set_wrap (GTK_LABEL (row->title), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (row->title), PANGO_WRAP_WORD_CHAR);
  row->meta = row_label (box, "caption");
  gtk_widget_add_css_class (row->meta, "dim-label");
  gtk_label_set_ellipsize (GTK_LABEL (row->meta), PANGO_ELLIPSIZE_END);
  row->summary = row_label (box, NULL);
  gtk_label_set_ellipsize (GTK_LABEL (row->summary), PANGO_ELLIPSIZE_END);
  gtk_label_set_single_line_mode (GTK_LABEL (row->summary), TRUE);
  row->problems = row_label (box, "library-problems");
  gtk_label_set_wrap (GTK_LABEL (row->problems), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (row->problems), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_lines (GTK_LABEL (row->problems), 6);
  gtk_label_set_ellipsize (GTK_LABEL (row->problems), PANGO_ELLIPSIZE_END);
  gtk_label_set_selectable (GTK_LABEL (row->problems), FALSE);
  row->snippet = row_label (box, NULL);
  gtk_label_set_wrap (GTK_LABEL (row->snippet), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (row->snippet), PANGO_WRAP_WORD_CHAR);

  g_object_set_data_full (G_OBJECT (box), "row", row, g_free);
  gtk_list_item_set_child (list_item, box);
}

static void
show_label (GtkWidget  *label,
            const char *text)
{
  gtk_widget_set_visible (label, text != NULL && *text != '\0');
  gtk_label_set_text (GTK_LABEL (label), text ? text : "");
}

static void
bind_entry (GtkWidget            *box,
            Row                  *row,
            TreatiesLibraryEntry *entry)
{
  TreatiesDay day = treaties_library_entry_get_date (entry);
  const char *author = treaties_library_entry_get_author (entry);
  g_autofree char *date = day != TREATIES_DAY_INVALID ? treaties_day_format_long (day) : NULL;
  g_autofree char *meta = NULL;
  g_autofree char *name = NULL;

  /* An editor's note disputes it: never shown as a fact. */
  if (date != NULL && treaties_library_entry_get_date_disputed (entry))
    {
      char *dating = g_strdup_printf (C_("subtitle", "The article’s dating: %s — see the editor’s note"), date);

      g_free (date);
      date = dating;
    }

  gtk_widget_add_css_class (box, "library-article");
  gtk_widget_add_css_class (row->title, "heading");
  show_label (row->title, treaties_library_entry_get_title (entry));
  if (!treaties_library_entry_is_valid (entry))
    {
      name = g_file_get_basename (treaties_library_entry_get_file (entry));
      /* Translators: under the name of a file in the library that is not
       * an article Treaties can open; its problems follow */
      show_label (row->meta, _("Cannot be opened"));
      show_label (row->summary, NULL);
      show_label (row->problems, treaties_library_entry_get_problems (entry));
      gtk_widget_add_css_class (box, "invalid");
      return;
    }

  if (date != NULL && author != NULL)
    /* Translators: an article's date and author, in the library */
    meta = g_strdup_printf (C_("date and author", "%s · %s"), date, author);
  show_label (row->meta, meta ? meta : date ? date : author);
  show_label (row->summary, treaties_library_entry_get_summary (entry));
  show_label (row->problems, NULL);
}

static void
bind_hit (Row               *row,
          TreatiesSearchHit *hit)
{
  GArray *matches = treaties_search_hit_get_matches (hit);
  const char *snippet = treaties_search_hit_get_snippet (hit);
  g_autofree char *tail = NULL;
  g_autofree char *markup = NULL;
  GString *out = g_string_new (NULL);
  guint at = 0;
  AdwStyleManager *manager = adw_style_manager_get_default ();
  gboolean dark = adw_style_manager_get_dark (manager);
  gboolean hc = adw_style_manager_get_high_contrast (manager);
  /* As the reading view marks a match found (libadwaita's yellow 2, a
   * glaze under the light text on dark), and in bold. */
  const char *alpha = hc ? (dark ? "45%" : "100%") : (dark ? "30%" : "75%");

  /* Escape each stretch between the matches: escaping first would move
   * the matches' byte ranges. */
  for (guint i = 0; i < matches->len; i++)
    {
      TreatiesSnippetMatch *m = &g_array_index (matches, TreatiesSnippetMatch, i);
      g_autofree char *before = g_markup_escape_text (snippet + at, m->start - at);
      g_autofree char *word = g_markup_escape_text (snippet + m->start, m->end - m->start);

      g_string_append (out, before);
      g_string_append_printf (out, "<span weight=\"bold\" bgcolor=\"#f8e45c\" bgalpha=\"%s\">%s</span>", alpha, word);
      at = m->end;
    }
  tail = g_markup_escape_text (snippet + at, -1);
  g_string_append (out, tail);
  markup = g_string_free (out, FALSE);

  show_label (row->title, NULL);
  show_label (row->meta, NULL);
  show_label (row->summary, NULL);
  show_label (row->problems, NULL);
  gtk_widget_set_visible (row->snippet, TRUE);
  gtk_label_set_markup (GTK_LABEL (row->snippet), markup);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             gpointer                  user_data)
{
  GtkWidget *box = gtk_list_item_get_child (list_item);
  Row *row = g_object_get_data (G_OBJECT (box), "row");
  GObject *item = gtk_list_item_get_item (list_item);
  static const char *classes[] = { "library-article", "library-hit", "library-heading", "invalid", NULL };
  static const char *title_classes[] = { "heading", "title-4", "caption-heading", "dim-label", NULL };

  for (guint i = 0; classes[i] != NULL; i++)
    gtk_widget_remove_css_class (box, classes[i]);
  for (guint i = 0; title_classes[i] != NULL; i++)
    gtk_widget_remove_css_class (row->title, title_classes[i]);
  gtk_widget_set_visible (row->snippet, FALSE);

  if (TREATIES_IS_LIBRARY_ENTRY (item))
    {
      gtk_list_item_set_activatable (list_item, TRUE);
      bind_entry (box, row, TREATIES_LIBRARY_ENTRY (item));
    }
  else if (TREATIES_IS_SEARCH_HIT (item))
    {
      gtk_list_item_set_activatable (list_item, TRUE);
      gtk_widget_add_css_class (box, "library-hit");
      bind_hit (row, TREATIES_SEARCH_HIT (item));
    }
  else
    {
      TreatiesLibraryHeading kind = GPOINTER_TO_INT (g_object_get_data (item, HEADING_KEY));

      gtk_list_item_set_activatable (list_item, FALSE);
      gtk_widget_add_css_class (box, "library-heading");
      gtk_widget_add_css_class (row->title, kind == TREATIES_LIBRARY_HEADING_PASSAGES ||
                                            kind == TREATIES_LIBRARY_HEADING_ARTICLES ? "title-4" :
                                            kind == TREATIES_LIBRARY_HEADING_ARTICLE ? "heading" : "caption-heading");
      if (kind == TREATIES_LIBRARY_HEADING_SECTION)
        gtk_widget_add_css_class (row->title, "dim-label");
      show_label (row->title, gtk_string_object_get_string (GTK_STRING_OBJECT (item)));
      show_label (row->meta, NULL);
      show_label (row->summary, NULL);
      show_label (row->problems, NULL);
    }
}

/* --- overrides --- */

static void
treaties_library_page_dispose (GObject *object)
{
  TreatiesLibraryPage *self = TREATIES_LIBRARY_PAGE (object);

  if (self->search_cancellable != NULL)
    g_cancellable_cancel (self->search_cancellable);
  g_clear_object (&self->search_cancellable);
  if (self->library != NULL)
    g_signal_handlers_disconnect_by_data (self->library, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), TREATIES_TYPE_LIBRARY_PAGE);
  g_clear_object (&self->library);
  g_clear_object (&self->model);
  g_clear_object (&self->parts);
  g_clear_object (&self->passages);
  g_clear_object (&self->articles_heading);
  g_clear_object (&self->articles);
  g_clear_object (&self->filter);
  g_clear_pointer (&self->query, g_free);
  g_clear_pointer (&self->words, g_strfreev);

  G_OBJECT_CLASS (treaties_library_page_parent_class)->dispose (object);
}

static void
treaties_library_page_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  TreatiesLibraryPage *self = TREATIES_LIBRARY_PAGE (object);

  switch (prop_id)
    {
    case PROP_LIBRARY:
      g_value_set_object (value, self->library);
      break;
    case PROP_QUERY:
      g_value_set_string (value, self->query);
      break;
    case PROP_SEARCHING:
      g_value_set_boolean (value, self->searching);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
treaties_library_page_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  TreatiesLibraryPage *self = TREATIES_LIBRARY_PAGE (object);

  switch (prop_id)
    {
    case PROP_LIBRARY:
      treaties_library_page_set_library (self, g_value_get_object (value));
      break;
    case PROP_QUERY:
      treaties_library_page_set_query (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
treaties_library_page_class_init (TreatiesLibraryPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = treaties_library_page_dispose;
  object_class->get_property = treaties_library_page_get_property;
  object_class->set_property = treaties_library_page_set_property;

  properties[PROP_LIBRARY] =
    g_param_spec_object ("library", NULL, NULL, TREATIES_TYPE_LIBRARY,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_QUERY] =
    g_param_spec_string ("query", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SEARCHING] =
    g_param_spec_boolean ("searching", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* An article of the library to open (at the reader's last place). */
  signals[ARTICLE_ACTIVATED] =
    g_signal_new ("article-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, TREATIES_TYPE_LIBRARY_ENTRY);
  /* A passage found to open. */
  signals[HIT_ACTIVATED] =
    g_signal_new ("hit-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, TREATIES_TYPE_SEARCH_HIT);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/example/Treaties/ui/treaties-library-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TreatiesLibraryPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, TreatiesLibraryPage, progress_box);
  gtk_widget_class_bind_template_child (widget_class, TreatiesLibraryPage, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, TreatiesLibraryPage, stack);
  gtk_widget_class_bind_template_child (widget_class, TreatiesLibraryPage, scroller);
  gtk_widget_class_bind_template_child (widget_class, TreatiesLibraryPage, list_view);
  gtk_widget_class_bind_template_child (widget_class, TreatiesLibraryPage, empty_page);
  gtk_widget_class_set_css_name (widget_class, "librarypage");
}

static void
treaties_library_page_init (TreatiesLibraryPage *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkNoSelection) selection = NULL;
  GtkEventController *keys;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->filter = gtk_custom_filter_new (filter_entry_cb, self, NULL);
  self->articles = gtk_filter_list_model_new (NULL, g_object_ref (GTK_FILTER (self->filter)));
  self->articles_heading = g_list_store_new (G_TYPE_OBJECT);
  self->passages = g_list_store_new (G_TYPE_OBJECT);
  self->parts = g_list_store_new (G_TYPE_LIST_MODEL);
  g_list_store_append (self->parts, self->articles_heading);
  g_list_store_append (self->parts, self->articles);
  g_list_store_append (self->parts, self->passages);
  self->model = gtk_flatten_list_model_new (g_object_ref (G_LIST_MODEL (self->parts)));
  g_signal_connect_object (self->articles, "items-changed", G_CALLBACK (update_articles_heading), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->model, "items-changed", G_CALLBACK (items_changed_cb), self, G_CONNECT_SWAPPED);

  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), self);
  gtk_list_view_set_factory (self->list_view, factory);
  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->model)));
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (selection));
  g_signal_connect_object (self->list_view, "activate", G_CALLBACK (activated_cb), self, G_CONNECT_SWAPPED);

  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark", G_CALLBACK (style_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::high-contrast", G_CALLBACK (style_changed_cb),
                           self, G_CONNECT_SWAPPED);

  /* Typing anywhere on the page types in the entry. */
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self));
  g_signal_connect_object (self->search_entry, "search-changed", G_CALLBACK (search_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->search_entry, "activate", G_CALLBACK (entry_activated_cb), self,
                           G_CONNECT_SWAPPED);
  keys = gtk_event_controller_key_new ();
  g_signal_connect_object (keys, "key-pressed", G_CALLBACK (entry_key_pressed_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self->search_entry), keys);
  g_signal_connect_object (self->search_entry, "stop-search", G_CALLBACK (stop_search_cb), self,
                           G_CONNECT_SWAPPED);
}

/* --- public API --- */

GtkWidget *
treaties_library_page_new (void)
{
  return g_object_new (TREATIES_TYPE_LIBRARY_PAGE, NULL);
}

void
treaties_library_page_set_library (TreatiesLibraryPage *self,
                                   TreatiesLibrary     *library)
{
  g_return_if_fail (TREATIES_IS_LIBRARY_PAGE (self));
  g_return_if_fail (library == NULL || TREATIES_IS_LIBRARY (library));

  if (self->library == library)
    return;
  if (self->library != NULL)
    g_signal_handlers_disconnect_by_data (self->library, self);
  g_set_object (&self->library, library);
  gtk_filter_list_model_set_model (self->articles, G_LIST_MODEL (library));
  if (library != NULL)
    {
      g_signal_connect_swapped (library, "notify::loading", G_CALLBACK (loading_changed_cb), self);
      g_signal_connect_swapped (library, "notify::progress", G_CALLBACK (progress_changed_cb), self);
      loading_changed_cb (self);
      progress_changed_cb (self);
    }
  start_search (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LIBRARY]);
}

TreatiesLibrary *
treaties_library_page_get_library (TreatiesLibraryPage *self)
{
  g_return_val_if_fail (TREATIES_IS_LIBRARY_PAGE (self), NULL);
  return self->library;
}

const char *
treaties_library_page_get_query (TreatiesLibraryPage *self)
{
  g_return_val_if_fail (TREATIES_IS_LIBRARY_PAGE (self), NULL);
  return self->query;
}

/* As if typed, but at once (the entry waits for a pause in the typing). */
void
treaties_library_page_set_query (TreatiesLibraryPage *self,
                                 const char          *query)
{
  g_return_if_fail (TREATIES_IS_LIBRARY_PAGE (self));

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), query ? query : "");
  apply_query (self, query);
}

GListModel *
treaties_library_page_get_model (TreatiesLibraryPage *self)
{
  g_return_val_if_fail (TREATIES_IS_LIBRARY_PAGE (self), NULL);
  return G_LIST_MODEL (self->model);
}

gboolean
treaties_library_page_get_searching (TreatiesLibraryPage *self)
{
  g_return_val_if_fail (TREATIES_IS_LIBRARY_PAGE (self), FALSE);
  return self->searching;
}

void
treaties_library_page_activate_row (TreatiesLibraryPage *self,
                                    guint                position)
{
  g_autoptr(GObject) item = NULL;

  g_return_if_fail (TREATIES_IS_LIBRARY_PAGE (self));

  item = g_list_model_get_item (G_LIST_MODEL (self->model), position);
  if (TREATIES_IS_LIBRARY_ENTRY (item))
    g_signal_emit (self, signals[ARTICLE_ACTIVATED], 0, item);
  else if (TREATIES_IS_SEARCH_HIT (item))
    g_signal_emit (self, signals[HIT_ACTIVATED], 0, item);
}

void
treaties_library_page_focus_search (TreatiesLibraryPage *self)
{
  g_return_if_fail (TREATIES_IS_LIBRARY_PAGE (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}
