/* treaties-sidebar.c: the article's sections, beside the text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "treaties-sidebar.h"

struct _TreatiesSidebar
{
  AdwBin              parent_instance;

  TreatiesArticle    *article;
  GtkSingleSelection *selection;
  GHashTable         *positions;    /* section id → position in the outline */
  GHashTable         *bound;        /* GtkListItem → itself: the rows made */
  GHashTable         *related;      /* section ids, NULL for none */
  char               *legend;       /* what the related mark means */
  GHashTable         *matches;      /* section ids, NULL for none */
  gboolean            syncing;      /* selecting the row of the section read */
  guint               pressed_at;   /* the selected row when a click began */
  gboolean            clicking;     /* between a click's press and release */

  /* Template widgets */
  GtkScrolledWindow  *scroller;
  GtkListView        *list_view;
};

enum {
  PROP_0,
  PROP_ARTICLE,
  N_PROPS
};

enum {
  SECTION_CHOSEN,
  LEAVE,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (TreatiesSidebar, treaties_sidebar, ADW_TYPE_BIN)

static GHashTable *
id_set_new (const char * const *ids)
{
  GHashTable *set;

  if (ids == NULL || ids[0] == NULL)
    return NULL;
  set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; ids[i] != NULL; i++)
    g_hash_table_add (set, g_strdup (ids[i]));
  return set;
}

/* The row widget is the list's; its child is our label. */
static GtkWidget *
row_of_item (GtkListItem *item)
{
  GtkWidget *label = gtk_list_item_get_child (item);
  GtkWidget *row = label != NULL ? gtk_widget_get_parent (label) : NULL;

  return row != NULL ? row : label;
}

/* The marks, tooltip and accessible description of @item's row, from the
 * sidebar's state. */
static void
style_row (TreatiesSidebar *self,
           GtkListItem     *item)
{
  TreatiesSection *section = gtk_list_item_get_item (item);
  GtkWidget *row = row_of_item (item);
  const char *id;
  gboolean is_related;

  if (section == NULL || row == NULL)
    return;
  id = treaties_section_get_id (section);
  is_related = self->related != NULL && g_hash_table_contains (self->related, id);

  if (is_related)
    {
      gtk_widget_add_css_class (row, "related-section");
      gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                      self->legend ? self->legend : "", -1);
    }
  else
    {
      gtk_widget_remove_css_class (row, "related-section");
      gtk_accessible_reset_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
    }
  if (self->matches != NULL && g_hash_table_contains (self->matches, id))
    gtk_widget_add_css_class (row, "has-match");
  else
    gtk_widget_remove_css_class (row, "has-match");
}

/* The section's title, and what its mark means when it has one. */
static char *
dup_tooltip (TreatiesSidebar *self,
             TreatiesSection *section)
{
  const char *title = treaties_section_get_title (section);

  if (self->legend != NULL && treaties_sidebar_is_related (self, treaties_section_get_id (section)))
    return g_strdup_printf ("%s\n%s", title, self->legend);
  return g_strdup (title);
}

/* The list item whose row holds @widget, if any. */
static GtkListItem *
item_of_widget (TreatiesSidebar *self,
                GtkWidget       *widget)
{
  GHashTableIter iter;
  gpointer item;

  g_hash_table_iter_init (&iter, self->bound);
  while (g_hash_table_iter_next (&iter, &item, NULL))
    {
      GtkWidget *row = row_of_item (item);

      if (widget == row || gtk_widget_is_ancestor (widget, row))
        return item;
    }
  return NULL;
}

/* One tooltip handler for the list rather than a tooltip per row: setting
 * one on a shown row asks the X server where the pointer is, a round trip
 * per row made. */
static gboolean
query_tooltip_cb (TreatiesSidebar *self,
                  int              x,
                  int              y,
                  gboolean         keyboard,
                  GtkTooltip      *tooltip)
{
  GtkWidget *picked;
  GtkListItem *item = NULL;
  g_autofree char *text = NULL;
  graphene_rect_t bounds;

  if (keyboard)
    {
      GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
      picked = root != NULL ? gtk_root_get_focus (root) : NULL;
    }
  else
    picked = gtk_widget_pick (GTK_WIDGET (self->list_view), x, y, GTK_PICK_DEFAULT);
  if (picked == NULL || (item = item_of_widget (self, picked)) == NULL ||
      gtk_list_item_get_item (item) == NULL)
    return FALSE;

  text = dup_tooltip (self, gtk_list_item_get_item (item));
  gtk_tooltip_set_text (tooltip, text);
  if (gtk_widget_compute_bounds (row_of_item (item), GTK_WIDGET (self->list_view), &bounds))
    gtk_tooltip_set_tip_area (tooltip, &(GdkRectangle) { bounds.origin.x, bounds.origin.y,
                                                         bounds.size.width, bounds.size.height });
  return TRUE;
}

static void
restyle_rows (TreatiesSidebar *self)
{
  GHashTableIter iter;
  gpointer item;

  g_hash_table_iter_init (&iter, self->bound);
  while (g_hash_table_iter_next (&iter, &item, NULL))
    style_row (self, item);
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              TreatiesSidebar          *self)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  /* Long headings get a second line before they are shortened. */
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_lines (GTK_LABEL (label), 2);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_margin_end (label, 6);
  gtk_list_item_set_child (item, label);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             TreatiesSidebar          *self)
{
  TreatiesSection *section = gtk_list_item_get_item (item);
  GtkWidget *label = gtk_list_item_get_child (item);
  GtkWidget *row = row_of_item (item);
  guint depth = treaties_section_get_depth (section);

  gtk_label_set_text (GTK_LABEL (label), treaties_section_get_title (section));
  gtk_widget_set_margin_start (label, 6 + 18 * depth);
  if (depth > 0)
    gtk_widget_add_css_class (row, "subsection-row");
  else
    gtk_widget_remove_css_class (row, "subsection-row");
  /* The row, not the label, is what a screen reader lands on. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  treaties_section_get_title (section), -1);
  g_hash_table_add (self->bound, item);
  style_row (self, item);
}

static void
unbind_row_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               TreatiesSidebar          *self)
{
  g_hash_table_remove (self->bound, item);
}

static TreatiesSection *
selected_section (TreatiesSidebar *self)
{
  return gtk_single_selection_get_selected_item (self->selection);
}

/* @browsing: with the arrow keys, the reader still in the sidebar. */
static void
choose (TreatiesSidebar *self,
        TreatiesSection *section,
        gboolean         browsing)
{
  if (section != NULL)
    g_signal_emit (self, signals[SECTION_CHOSEN], 0, section, browsing);
}

/* A row selected by the reader, not to follow the text: a choice. */
static void
selection_changed_cb (TreatiesSidebar *self)
{
  if (!self->syncing)
    choose (self, selected_section (self), !self->clicking);
}

/* Enter, or a double click. */
static void
activated_cb (TreatiesSidebar *self,
              guint            position)
{
  g_autoptr(TreatiesSection) section = g_list_model_get_item (G_LIST_MODEL (self->selection), position);

  choose (self, section, FALSE);
}

static void
pressed_cb (TreatiesSidebar *self)
{
  self->pressed_at = gtk_single_selection_get_selected (self->selection);
  self->clicking = TRUE;
}

static void
click_ended_cb (TreatiesSidebar *self)
{
  self->clicking = FALSE;
}

/* A click on the row already selected changes no selection, but is a
 * choice all the same: it goes back to the section's heading. */
static void
released_cb (GtkGestureClick *gesture,
             int              n_press,
             double           x,
             double           y,
             TreatiesSidebar *self)
{
  GtkWidget *picked = gtk_widget_pick (GTK_WIDGET (self->list_view), x, y, GTK_PICK_DEFAULT);
  guint selected = gtk_single_selection_get_selected (self->selection);
  GHashTableIter iter;
  gpointer item;

  self->clicking = FALSE;
  if (n_press != 1 || picked == NULL || selected == GTK_INVALID_LIST_POSITION || selected != self->pressed_at)
    return;
  g_hash_table_iter_init (&iter, self->bound);
  while (g_hash_table_iter_next (&iter, &item, NULL))
    {
      GtkWidget *row = row_of_item (item);

      if (gtk_list_item_get_position (item) == selected &&
          (picked == row || gtk_widget_is_ancestor (picked, row)))
        {
          choose (self, selected_section (self), FALSE);
          return;
        }
    }
}

static gboolean
key_pressed_cb (TreatiesSidebar *self,
                guint            keyval,
                guint            keycode,
                GdkModifierType  state)
{
  gboolean handled = FALSE;

  if (keyval == GDK_KEY_Tab && (state & GDK_SHIFT_MASK) == 0)
    g_signal_emit (self, signals[LEAVE], 0, GTK_DIR_TAB_FORWARD, &handled);
  else if (keyval == GDK_KEY_ISO_Left_Tab || (keyval == GDK_KEY_Tab && (state & GDK_SHIFT_MASK)))
    g_signal_emit (self, signals[LEAVE], 0, GTK_DIR_TAB_BACKWARD, &handled);
  return handled;
}

static void
treaties_sidebar_dispose (GObject *object)
{
  TreatiesSidebar *self = TREATIES_SIDEBAR (object);

  if (self->list_view != NULL)
    gtk_list_view_set_model (self->list_view, NULL);
  /* The bin unparents its child, the template's scroller. */
  g_clear_object (&self->selection);
  g_clear_object (&self->article);
  g_clear_pointer (&self->positions, g_hash_table_unref);
  g_clear_pointer (&self->bound, g_hash_table_unref);
  g_clear_pointer (&self->related, g_hash_table_unref);
  g_clear_pointer (&self->matches, g_hash_table_unref);
  g_clear_pointer (&self->legend, g_free);

  G_OBJECT_CLASS (treaties_sidebar_parent_class)->dispose (object);
}

static void
treaties_sidebar_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  TreatiesSidebar *self = TREATIES_SIDEBAR (object);

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
treaties_sidebar_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  TreatiesSidebar *self = TREATIES_SIDEBAR (object);

  switch (prop_id)
    {
    case PROP_ARTICLE:
      treaties_sidebar_set_article (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
treaties_sidebar_class_init (TreatiesSidebarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = treaties_sidebar_dispose;
  object_class->get_property = treaties_sidebar_get_property;
  object_class->set_property = treaties_sidebar_set_property;

  properties[PROP_ARTICLE] =
    g_param_spec_object ("article", NULL, NULL, TREATIES_TYPE_ARTICLE,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SECTION_CHOSEN] =
    g_signal_new ("section-chosen", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, TREATIES_TYPE_SECTION, G_TYPE_BOOLEAN);
  /* Returns TRUE when the keyboard was moved. */
  signals[LEAVE] =
    g_signal_new ("leave", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, g_signal_accumulator_true_handled, NULL, NULL,
                  G_TYPE_BOOLEAN, 1, GTK_TYPE_DIRECTION_TYPE);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/example/Treaties/ui/treaties-sidebar.ui");
  gtk_widget_class_bind_template_child (widget_class, TreatiesSidebar, scroller);
  gtk_widget_class_bind_template_child (widget_class, TreatiesSidebar, list_view);
}

static void
treaties_sidebar_init (TreatiesSidebar *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  GtkEventController *keys;
  GtkGesture *click;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->bound = g_hash_table_new (NULL, NULL);
  self->positions = g_hash_table_new (g_str_hash, g_str_equal);
  self->selection = gtk_single_selection_new (NULL);
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect_object (self->selection, "selection-changed",
                           G_CALLBACK (selection_changed_cb), self, G_CONNECT_SWAPPED);

  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row_cb), self);
  gtk_list_view_set_factory (self->list_view, factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect_object (self->list_view, "activate", G_CALLBACK (activated_cb), self, G_CONNECT_SWAPPED);

  click = gtk_gesture_click_new ();
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (click), GTK_PHASE_CAPTURE);
  g_signal_connect_object (click, "pressed", G_CALLBACK (pressed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect (click, "released", G_CALLBACK (released_cb), self);
  g_signal_connect_object (click, "cancel", G_CALLBACK (click_ended_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (click, "stopped", G_CALLBACK (click_ended_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->list_view), GTK_EVENT_CONTROLLER (click));

  gtk_widget_set_has_tooltip (GTK_WIDGET (self->list_view), TRUE);
  g_signal_connect_object (self->list_view, "query-tooltip", G_CALLBACK (query_tooltip_cb), self, G_CONNECT_SWAPPED);

  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect_object (keys, "key-pressed", G_CALLBACK (key_pressed_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->list_view), keys);
}

GtkWidget *
treaties_sidebar_new (void)
{
  return g_object_new (TREATIES_TYPE_SIDEBAR, NULL);
}

void
treaties_sidebar_set_article (TreatiesSidebar *self,
                              TreatiesArticle *article)
{
  GListModel *outline;

  g_return_if_fail (TREATIES_IS_SIDEBAR (self));
  g_return_if_fail (article == NULL || TREATIES_IS_ARTICLE (article));

  if (!g_set_object (&self->article, article))
    return;

  g_clear_pointer (&self->related, g_hash_table_unref);
  g_clear_pointer (&self->matches, g_hash_table_unref);
  g_clear_pointer (&self->legend, g_free);
  g_hash_table_remove_all (self->positions);
  outline = article != NULL ? treaties_article_get_outline (article) : NULL;
  for (guint i = 0; outline != NULL && i < g_list_model_get_n_items (outline); i++)
    {
      g_autoptr(TreatiesSection) section = g_list_model_get_item (outline, i);

      /* The article holds the section, and so its id, while it is ours. */
      g_hash_table_insert (self->positions, (gpointer) treaties_section_get_id (section), GUINT_TO_POINTER (i));
    }

  self->syncing = TRUE;
  gtk_single_selection_set_model (self->selection, outline);
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  self->syncing = FALSE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ARTICLE]);
}

TreatiesArticle *
treaties_sidebar_get_article (TreatiesSidebar *self)
{
  g_return_val_if_fail (TREATIES_IS_SIDEBAR (self), NULL);
  return self->article;
}

void
treaties_sidebar_set_current_section (TreatiesSidebar *self,
                                      const char      *section_id)
{
  gpointer value;
  guint position = GTK_INVALID_LIST_POSITION;

  g_return_if_fail (TREATIES_IS_SIDEBAR (self));

  if (section_id != NULL && g_hash_table_lookup_extended (self->positions, section_id, NULL, &value))
    position = GPOINTER_TO_UINT (value);
  if (position == gtk_single_selection_get_selected (self->selection))
    return;

  self->syncing = TRUE;
  gtk_single_selection_set_selected (self->selection, position);
  self->syncing = FALSE;
  if (position != GTK_INVALID_LIST_POSITION)
    gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", position);
}

const char *
treaties_sidebar_get_current_section (TreatiesSidebar *self)
{
  TreatiesSection *section;

  g_return_val_if_fail (TREATIES_IS_SIDEBAR (self), NULL);

  section = selected_section (self);
  return section != NULL ? treaties_section_get_id (section) : NULL;
}

void
treaties_sidebar_set_related (TreatiesSidebar    *self,
                              const char * const *section_ids,
                              const char         *legend)
{
  g_return_if_fail (TREATIES_IS_SIDEBAR (self));

  g_clear_pointer (&self->related, g_hash_table_unref);
  self->related = id_set_new (section_ids);
  g_free (self->legend);
  self->legend = self->related != NULL ? g_strdup (legend) : NULL;
  restyle_rows (self);
}

gboolean
treaties_sidebar_is_related (TreatiesSidebar *self,
                             const char      *section_id)
{
  g_return_val_if_fail (TREATIES_IS_SIDEBAR (self), FALSE);
  return self->related != NULL && section_id != NULL && g_hash_table_contains (self->related, section_id);
}

void
treaties_sidebar_set_matches (TreatiesSidebar    *self,
                              const char * const *section_ids)
{
  g_return_if_fail (TREATIES_IS_SIDEBAR (self));

  g_clear_pointer (&self->matches, g_hash_table_unref);
  self->matches = id_set_new (section_ids);
  restyle_rows (self);
}

gboolean
treaties_sidebar_has_match (TreatiesSidebar *self,
                            const char      *section_id)
{
  g_return_val_if_fail (TREATIES_IS_SIDEBAR (self), FALSE);
  return self->matches != NULL && section_id != NULL && g_hash_table_contains (self->matches, section_id);
}

GtkWidget *
treaties_sidebar_get_row (TreatiesSidebar *self,
                          guint            position)
{
  GHashTableIter iter;
  gpointer item;

  g_return_val_if_fail (TREATIES_IS_SIDEBAR (self), NULL);

  g_hash_table_iter_init (&iter, self->bound);
  while (g_hash_table_iter_next (&iter, &item, NULL))
    if (gtk_list_item_get_position (item) == position)
      return row_of_item (item);
  return NULL;
}

char *
treaties_sidebar_dup_row_tooltip (TreatiesSidebar *self,
                                  guint            position)
{
  g_autoptr(TreatiesSection) section = NULL;

  g_return_val_if_fail (TREATIES_IS_SIDEBAR (self), NULL);

  section = g_list_model_get_item (G_LIST_MODEL (self->selection), position);
  return section != NULL ? dup_tooltip (self, section) : NULL;
}

gboolean
treaties_sidebar_focus_current (TreatiesSidebar *self)
{
  GtkWidget *row;
  guint position;

  g_return_val_if_fail (TREATIES_IS_SIDEBAR (self), FALSE);

  position = gtk_single_selection_get_selected (self->selection);
  if (position == GTK_INVALID_LIST_POSITION || (row = treaties_sidebar_get_row (self, position)) == NULL)
    return gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
  return gtk_widget_grab_focus (row);
}
