/* treaties-event-card.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "treaties-event-card.h"

struct _TreatiesEventCard
{
  AdwBin          parent_instance;

  TreatiesEvent  *event;
  GPtrArray      *buttons;   /* the "Read" buttons, in passage order */
  gboolean        marked;    /* the passages are marked words, not whole sections */
  int             position;

  /* Template widgets */
  GtkLabel       *date_label;
  GtkLabel       *title_label;
  GtkLabel       *description_label;
  GtkLabel       *position_label;
  GtkBox         *passage_box;
  GtkLinkButton  *source_button;
  GtkButton      *close_button;
};

enum {
  READ_PASSAGE,
  OPEN_SOURCE,
  CLOSE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (TreatiesEventCard, treaties_event_card, ADW_TYPE_BIN)

static void
read_clicked_cb (GtkButton         *button,
                 TreatiesEventCard *self)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "passage-index"));

  g_signal_emit (self, signals[READ_PASSAGE], 0, index);
}

/* The source opens as links in the text do (the window's handler), never
 * through GtkLinkButton's own launcher. */
static gboolean
activate_link_cb (GtkLinkButton     *button,
                  TreatiesEventCard *self)
{
  g_signal_emit (self, signals[OPEN_SOURCE], 0, gtk_link_button_get_uri (button));
  return TRUE;
}

static void
close_clicked_cb (TreatiesEventCard *self)
{
  g_signal_emit (self, signals[CLOSE], 0);
}

static gboolean
key_pressed_cb (TreatiesEventCard     *self,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                GtkEventControllerKey *controller)
{
  if (keyval != GDK_KEY_Escape)
    return FALSE;
  g_signal_emit (self, signals[CLOSE], 0);
  return TRUE;
}

static void
clear_buttons (TreatiesEventCard *self)
{
  for (guint i = 0; i < self->buttons->len; i++)
    gtk_box_remove (self->passage_box, g_ptr_array_index (self->buttons, i));
  g_ptr_array_set_size (self->buttons, 0);
}

/* What a screen reader says on meeting the card: "date — title", then the
 * description and where the reader is (GTK 4.8 cannot announce; the card
 * is a named, described group, and the keyboard goes into it). */
static void
update_accessible (TreatiesEventCard *self)
{
  g_autofree char *name = NULL;
  g_autoptr(GString) description = g_string_new (NULL);

  if (self->event != NULL)
    /* Translators: an event in the card: its date, then its title */
    name = g_strdup_printf (C_("event card", "%s — %s"), gtk_label_get_text (self->date_label),
                            treaties_event_get_title (self->event));
  if (gtk_widget_get_visible (GTK_WIDGET (self->description_label)))
    g_string_append (description, gtk_label_get_text (self->description_label));
  if (gtk_widget_get_visible (GTK_WIDGET (self->position_label)))
    g_string_append_printf (description, "%s%s", description->len ? "\n" : "",
                            gtk_label_get_text (self->position_label));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, name ? name : "",
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description->str,
                                  -1);
}

static void
update_position (TreatiesEventCard *self)
{
  g_autofree char *text = NULL;
  guint n = self->buttons->len;

  for (guint i = 0; i < n; i++)
    {
      GtkWidget *button = g_ptr_array_index (self->buttons, i);

      g_autofree char *where = NULL;

      if ((int) i == self->position)
        gtk_widget_add_css_class (button, "current-passage");
      else
        gtk_widget_remove_css_class (button, "current-passage");
      /* Translators: the accessible description of the card's "Read"
       * buttons: which passage of how many */
      where = g_strdup_printf (_("%u of %u"), i + 1, n);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, where,
                                      -1);
    }

  if (self->position >= 0 && n > 1)
    /* Translators: which of an event's passages is shown, e.g. "Passage 2 of 3" */
    text = self->marked ? g_strdup_printf (_("Passage %d of %u"), self->position + 1, n)
    /* Translators: which of an event's sections is shown, e.g. "Section 2 of 3" */
                        : g_strdup_printf (_("Section %d of %u"), self->position + 1, n);
  gtk_label_set_text (self->position_label, text ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->position_label), text != NULL);
  update_accessible (self);
}

static void
treaties_event_card_dispose (GObject *object)
{
  TreatiesEventCard *self = TREATIES_EVENT_CARD (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), TREATIES_TYPE_EVENT_CARD);
  g_clear_object (&self->event);
  g_clear_pointer (&self->buttons, g_ptr_array_unref);

  G_OBJECT_CLASS (treaties_event_card_parent_class)->dispose (object);
}

static void
treaties_event_card_class_init (TreatiesEventCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = treaties_event_card_dispose;

  /**
   * TreatiesEventCard::read-passage:
   * @index: the passage's index
   *
   * The reader asked to read passage @index.
   */
  signals[READ_PASSAGE] =
    g_signal_new ("read-passage", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);
  /**
   * TreatiesEventCard::open-source:
   * @href: the event's source
   */
  signals[OPEN_SOURCE] =
    g_signal_new ("open-source", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  /**
   * TreatiesEventCard::close:
   *
   * Escape or the close button: the window closes the card.
   */
  signals[CLOSE] =
    g_signal_new ("close", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/example/Treaties/ui/treaties-event-card.ui");
  gtk_widget_class_bind_template_child (widget_class, TreatiesEventCard, date_label);
  gtk_widget_class_bind_template_child (widget_class, TreatiesEventCard, title_label);
  gtk_widget_class_bind_template_child (widget_class, TreatiesEventCard, description_label);
  gtk_widget_class_bind_template_child (widget_class, TreatiesEventCard, position_label);
  gtk_widget_class_bind_template_child (widget_class, TreatiesEventCard, passage_box);
  gtk_widget_class_bind_template_child (widget_class, TreatiesEventCard, source_button);
  gtk_widget_class_bind_template_child (widget_class, TreatiesEventCard, close_button);

  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
treaties_event_card_init (TreatiesEventCard *self)
{
  GtkEventController *keys;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->buttons = g_ptr_array_new ();
  self->position = -1;

  g_signal_connect_object (self->source_button, "activate-link",
                           G_CALLBACK (activate_link_cb), self, 0);
  g_signal_connect_object (self->close_button, "clicked",
                           G_CALLBACK (close_clicked_cb), self, G_CONNECT_SWAPPED);
  keys = gtk_event_controller_key_new ();
  g_signal_connect_object (keys, "key-pressed", G_CALLBACK (key_pressed_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
}

GtkWidget *
treaties_event_card_new (void)
{
  return g_object_new (TREATIES_TYPE_EVENT_CARD, NULL);
}

void
treaties_event_card_set_event (TreatiesEventCard *self,
                               TreatiesEvent     *event,
                               GPtrArray         *passages)
{
  const char *description, *href;
  g_autofree char *date = NULL;

  g_return_if_fail (TREATIES_IS_EVENT_CARD (self));
  g_return_if_fail (event == NULL || TREATIES_IS_EVENT (event));

  g_set_object (&self->event, event);
  clear_buttons (self);
  self->position = -1;
  self->marked = FALSE;

  if (event != NULL)
    date = treaties_event_format_date (event);
  gtk_label_set_text (self->date_label, date ? g_strstrip (date) : "");
  gtk_label_set_text (self->title_label, event ? treaties_event_get_title (event) : "");

  description = event ? treaties_event_get_description (event) : NULL;
  gtk_label_set_text (self->description_label, description ? description : "");
  gtk_widget_set_visible (GTK_WIDGET (self->description_label), description != NULL && *description != '\0');

  href = event ? treaties_event_get_href (event) : NULL;
  gtk_widget_set_visible (GTK_WIDGET (self->source_button), href != NULL);
  if (href != NULL)
    {
      gtk_link_button_set_uri (self->source_button, href);
      gtk_link_button_set_visited (self->source_button, FALSE);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->source_button), href);
    }

  for (guint i = 0; passages != NULL && i < passages->len; i++)
    {
      const TreatiesPassage *passage = g_ptr_array_index (passages, i);
      g_autofree char *label = NULL;
      GtkWidget *button;

      guint same = 0, nth = 0;

      /* Passages in the same section are told apart by their order. */
      for (guint k = 0; k < passages->len; k++)
        if (((TreatiesPassage *) g_ptr_array_index (passages, k))->section == passage->section)
          {
            same++;
            if (k <= i)
              nth++;
          }
      self->marked |= passage->marked;
      if (same > 1)
        /* Translators: a button of the event card that goes to the Nth
         * passage about the event in a section: "Read: Background (2)" */
        label = g_strdup_printf (_("Read: %s (%u)"), treaties_section_get_title (passage->section), nth);
      else
        /* Translators: a button of the event card that goes to a section's
         * passage about the event */
        label = g_strdup_printf (_("Read: %s"), treaties_section_get_title (passage->section));
      button = gtk_button_new_with_label (label);
      gtk_label_set_wrap (GTK_LABEL (gtk_button_get_child (GTK_BUTTON (button))), TRUE);
      gtk_label_set_xalign (GTK_LABEL (gtk_button_get_child (GTK_BUTTON (button))), 0.0);
      if (i == 0)
        gtk_widget_add_css_class (button, "suggested-action");
      g_object_set_data (G_OBJECT (button), "passage-index", GUINT_TO_POINTER (i));
      g_signal_connect_object (button, "clicked", G_CALLBACK (read_clicked_cb), self, 0);
      gtk_box_append (self->passage_box, button);
      g_ptr_array_add (self->buttons, button);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->passage_box), self->buttons->len > 0);

  update_position (self);
}

TreatiesEvent *
treaties_event_card_get_event (TreatiesEventCard *self)
{
  g_return_val_if_fail (TREATIES_IS_EVENT_CARD (self), NULL);
  return self->event;
}

void
treaties_event_card_set_position (TreatiesEventCard *self,
                                  int                index)
{
  g_return_if_fail (TREATIES_IS_EVENT_CARD (self));

  self->position = index >= 0 && (guint) index < self->buttons->len ? index : -1;
  update_position (self);
}

int
treaties_event_card_get_position (TreatiesEventCard *self)
{
  g_return_val_if_fail (TREATIES_IS_EVENT_CARD (self), -1);
  return self->position;
}

GtkWidget *
treaties_event_card_get_default_widget (TreatiesEventCard *self)
{
  g_return_val_if_fail (TREATIES_IS_EVENT_CARD (self), NULL);
  return self->buttons->len > 0 ? g_ptr_array_index (self->buttons, 0) : NULL;
}
