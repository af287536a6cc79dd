/* treaties-chronology-view.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "treaties-chronology-view.h"

struct _TreatiesChronologyView
{
  AdwBin               parent_instance;

  TreatiesArticle     *article;

  GtkColumnView       *column_view;
  GtkColumnViewColumn *date_column;
  GtkColumnViewColumn *title_column;
  GtkColumnViewColumn *section_column;
};

enum {
  PROP_0,
  PROP_ARTICLE,
  N_PROPS
};

enum {
  EVENT_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (TreatiesChronologyView, treaties_chronology_view, ADW_TYPE_BIN)

typedef enum {
  CELL_DATE,
  CELL_TITLE,
  CELL_SECTION,
} Cell;

/* The titles of the sections the event is about, in the reader's words. */
static char *
dup_sections (TreatiesArticle *article,
              TreatiesEvent   *event)
{
  const char * const *ids = treaties_event_get_section_ids (event);
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    {
      TreatiesSection *section = treaties_article_lookup_section (article, ids[i]);

      if (section == NULL)
        continue;
      if (text->len > 0)
        /* Translators: between the sections an event is about, in the chronology. */
        g_string_append (text, C_("chronology sections", "; "));
      g_string_append (text, treaties_section_get_title (section));
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* --- callbacks ------------------------------------------------------------- */

static void
setup_cb (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          gpointer                  data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_list_item_set_child (item, label);
}

static void
bind_cb (GtkSignalListItemFactory *factory,
         GtkListItem              *item,
         TreatiesChronologyView   *self)
{
  Cell cell = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (factory), "cell"));
  TreatiesEvent *event = gtk_list_item_get_item (item);
  GtkLabel *label = GTK_LABEL (gtk_list_item_get_child (item));
  g_autofree char *text = NULL;

  switch (cell)
    {
    case CELL_DATE:
      /* Spans, months, years and doubtful dates worded as everywhere
       * else ("about April 1931", "1923–1925"). */
      text = treaties_event_format_date (event);
      g_strstrip (text);
      break;
    case CELL_TITLE:
      text = g_strdup (treaties_event_get_title (event));
      break;
    case CELL_SECTION:
      text = self->article != NULL ? dup_sections (self->article, event) : g_strdup ("");
      break;
    default:
      g_assert_not_reached ();
    }
  gtk_label_set_text (label, text);
}

static void
row_activated_cb (GtkColumnView          *column_view,
                  guint                   position,
                  TreatiesChronologyView *self)
{
  treaties_chronology_view_activate_row (self, position);
}

/* --- overrides ------------------------------------------------------------- */

static void
treaties_chronology_view_dispose (GObject *object)
{
  TreatiesChronologyView *self = (TreatiesChronologyView *) object;

  gtk_widget_dispose_template (GTK_WIDGET (self), TREATIES_TYPE_CHRONOLOGY_VIEW);
  g_clear_object (&self->article);

  G_OBJECT_CLASS (treaties_chronology_view_parent_class)->dispose (object);
}

static void
treaties_chronology_view_get_property (GObject    *object,
                                       guint       prop_id,
                                       GValue     *value,
                                       GParamSpec *pspec)
{
  TreatiesChronologyView *self = TREATIES_CHRONOLOGY_VIEW (object);

  switch (prop_id)
    {
    case PROP_ARTICLE:
      g_value_set_object (value, self->article);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
treaties_chronology_view_set_property (GObject      *object,
                                       guint         prop_id,
                                       const GValue *value,
                                       GParamSpec   *pspec)
{
  TreatiesChronologyView *self = TREATIES_CHRONOLOGY_VIEW (object);

  switch (prop_id)
    {
    case PROP_ARTICLE:
      treaties_chronology_view_set_article (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
treaties_chronology_view_class_init (TreatiesChronologyViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = treaties_chronology_view_dispose;
  object_class->get_property = treaties_chronology_view_get_property;
  object_class->set_property = treaties_chronology_view_set_property;

  properties[PROP_ARTICLE] =
    g_param_spec_object ("article", NULL, NULL, TREATIES_TYPE_ARTICLE,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[EVENT_ACTIVATED] =
    g_signal_new ("event-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, TREATIES_TYPE_EVENT);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/example/Treaties/ui/treaties-chronology-view.ui");
  gtk_widget_class_bind_template_child (widget_class, TreatiesChronologyView, column_view);
  gtk_widget_class_bind_template_child (widget_class, TreatiesChronologyView, date_column);
  gtk_widget_class_bind_template_child (widget_class, TreatiesChronologyView, title_column);
  gtk_widget_class_bind_template_child (widget_class, TreatiesChronologyView, section_column);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
}

static void
treaties_chronology_view_init (TreatiesChronologyView *self)
{
  GtkColumnViewColumn *columns[3];

  gtk_widget_init_template (GTK_WIDGET (self));

  columns[CELL_DATE] = self->date_column;
  columns[CELL_TITLE] = self->title_column;
  columns[CELL_SECTION] = self->section_column;
  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

      g_object_set_data (G_OBJECT (factory), "cell", GINT_TO_POINTER (i));
      g_signal_connect (factory, "setup", G_CALLBACK (setup_cb), self);
      g_signal_connect (factory, "bind", G_CALLBACK (bind_cb), self);
      gtk_column_view_column_set_factory (columns[i], factory);
    }
}

/* --- public API ------------------------------------------------------------ */

GtkWidget *
treaties_chronology_view_new (void)
{
  return g_object_new (TREATIES_TYPE_CHRONOLOGY_VIEW, NULL);
}

void
treaties_chronology_view_set_article (TreatiesChronologyView *self,
                                      TreatiesArticle        *article)
{
  g_autoptr(GtkSingleSelection) selection = NULL;

  g_return_if_fail (TREATIES_IS_CHRONOLOGY_VIEW (self));
  g_return_if_fail (article == NULL || TREATIES_IS_ARTICLE (article));

  if (!g_set_object (&self->article, article))
    return;

  /* The article's events are already in date order (start, then end). */
  if (article != NULL)
    {
      selection = gtk_single_selection_new (g_object_ref (treaties_article_get_events (article)));
      gtk_single_selection_set_autoselect (selection, FALSE);
      gtk_single_selection_set_can_unselect (selection, TRUE);
    }
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (selection));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ARTICLE]);
}

TreatiesArticle *
treaties_chronology_view_get_article (TreatiesChronologyView *self)
{
  g_return_val_if_fail (TREATIES_IS_CHRONOLOGY_VIEW (self), NULL);

  return self->article;
}

GtkColumnView *
treaties_chronology_view_get_column_view (TreatiesChronologyView *self)
{
  g_return_val_if_fail (TREATIES_IS_CHRONOLOGY_VIEW (self), NULL);

  return self->column_view;
}

void
treaties_chronology_view_activate_row (TreatiesChronologyView *self,
                                       guint                   position)
{
  g_autoptr(TreatiesEvent) event = NULL;

  g_return_if_fail (TREATIES_IS_CHRONOLOGY_VIEW (self));

  if (self->article == NULL)
    return;
  event = g_list_model_get_item (treaties_article_get_events (self->article), position);
  if (event != NULL)
    g_signal_emit (self, signals[EVENT_ACTIVATED], 0, event);
}
