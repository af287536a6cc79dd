/* treaties-window-card.c: the event card, at its marker or in a sheet
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The card of the selected event sits in a popover at the event's marker on
 * a wide window, and in a sheet under the timeline on a narrow one (or
 * while the timeline is hidden), and moves between them as the window
 * crosses NARROW_WIDTH.
 */
#include "config.h"

#include "treaties-window-private.h"

/* At most this wide, the event card is a sheet under the timeline rather
 * than a popover at its marker. */
#define NARROW_WIDTH 600

static TreatiesArticle *
current_article (TreatiesWindow *self)
{
  return treaties_reader_get_article (self->reader);
}

static TreatiesEvent *
selected_event (TreatiesWindow *self)
{
  return treaties_reader_get_selected_event (self->reader);
}

/* Which of the selected event's passages the reader went to last (0 if
 * none yet). */
static guint
passage_index (TreatiesWindow *self)
{
  guint index = 0;

  treaties_reader_get_passage_index (self->reader, &index, NULL);
  return index;
}

/* Where the card goes: a sheet on a narrow window (or while the timeline
 * is hidden). The window's default size is its size as last set or
 * resized, known before the new allocation is. */
static gboolean
card_wants_sheet (TreatiesWindow *self)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height;

  /* (GTK 4.8 wants both pointers.) */
  if (!gtk_window_is_maximized (GTK_WINDOW (self)) && !gtk_window_is_fullscreen (GTK_WINDOW (self)))
    gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  return width <= NARROW_WIDTH || !gtk_widget_get_visible (GTK_WIDGET (self->timeline_revealer)) ||
         !gtk_revealer_get_reveal_child (self->timeline_revealer);
}

static gboolean
card_is_open (TreatiesWindow *self)
{
  return self->card != NULL &&
         (gtk_widget_get_visible (GTK_WIDGET (self->card_popover)) ||
          gtk_revealer_get_reveal_child (self->card_sheet));
}

/* Closes the card; with @focus_marker, the keyboard goes back to the
 * event's marker on the timeline (Escape). */
void
_treaties_window_close_card (TreatiesWindow *self,
                             gboolean        focus_marker)
{
  if (self->card == NULL)
    return;
  gtk_popover_popdown (self->card_popover);
  gtk_revealer_set_reveal_child (self->card_sheet, FALSE);
  if (focus_marker && selected_event (self) != NULL && gtk_widget_get_mapped (GTK_WIDGET (self->timeline)))
    {
      treaties_timeline_set_focused_event (self->timeline, selected_event (self));
      gtk_widget_grab_focus (GTK_WIDGET (self->timeline));
    }
}

static void
card_read_passage_cb (TreatiesWindow *self,
                      guint           index)
{
  treaties_event_card_set_position (self->card, index);
  _treaties_window_go_to_passage (self, index);
}

/* With the same care as links in the text. */
static void
card_open_source_cb (TreatiesWindow *self,
                     const char     *href)
{
  treaties_article_view_open_link (self->article_view, href);
}

static void
card_close_cb (TreatiesWindow *self)
{
  _treaties_window_close_card (self, TRUE);
}

static void
ensure_card (TreatiesWindow *self)
{
  if (self->card != NULL)
    return;

  self->card = TREATIES_EVENT_CARD (treaties_event_card_new ());
  g_signal_connect_object (self->card, "read-passage", G_CALLBACK (card_read_passage_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->card, "open-source", G_CALLBACK (card_open_source_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->card, "close", G_CALLBACK (card_close_cb), self, G_CONNECT_SWAPPED);

  /* Not autohide: the reader can click the marker again for the next
   * passage, or scroll the text, with the card open. */
  self->card_popover = GTK_POPOVER (g_object_ref_sink (gtk_popover_new ()));
  gtk_popover_set_autohide (self->card_popover, FALSE);
  gtk_popover_set_position (self->card_popover, GTK_POS_TOP);
  gtk_widget_add_css_class (GTK_WIDGET (self->card_popover), "event-card-popover");
  gtk_popover_set_child (self->card_popover, GTK_WIDGET (self->card));
}

/* The card sits in the popover on a wide window, in the sheet on a narrow
 * one (or while the timeline is hidden). */
static void
place_card (TreatiesWindow *self,
            gboolean        in_sheet)
{
  GtkWidget *card = GTK_WIDGET (self->card);
  gboolean is_in_sheet = gtk_widget_get_parent (card) == GTK_WIDGET (self->card_sheet_box);

  if (in_sheet == is_in_sheet)
    return;
  g_object_ref (card);
  if (is_in_sheet)
    {
      gtk_revealer_set_reveal_child (self->card_sheet, FALSE);
      gtk_box_remove (self->card_sheet_box, card);
      gtk_popover_set_child (self->card_popover, card);
    }
  else
    {
      gtk_popover_popdown (self->card_popover);
      gtk_popover_set_child (self->card_popover, NULL);
      gtk_box_append (self->card_sheet_box, card);
    }
  g_object_unref (card);
}

/* Opens the card of the selected event at the passage last gone to. A
 * card that opens moves the keyboard into it, so that a screen reader reads
 * it; one already open for the event only updates its position. */
void
_treaties_window_open_card (TreatiesWindow *self,
                            GPtrArray      *passages)
{
  gboolean in_sheet = card_wants_sheet (self);
  gboolean was_open;
  GtkWidget *first;

  TreatiesEvent *event = selected_event (self);

  ensure_card (self);
  was_open = card_is_open (self) && treaties_event_card_get_event (self->card) == event;
  if (treaties_event_card_get_event (self->card) != event)
    treaties_event_card_set_event (self->card, event, passages);
  treaties_event_card_set_position (self->card, passages != NULL && passages->len > 0 ? (int) passage_index (self) : -1);

  place_card (self, in_sheet);
  if (in_sheet)
    gtk_revealer_set_reveal_child (self->card_sheet, TRUE);
  else
    treaties_timeline_popup_at_event (self->timeline, self->card_popover, event);

  if (was_open)
    return;
  first = treaties_event_card_get_default_widget (self->card);
  gtk_popover_set_default_widget (self->card_popover, in_sheet ? NULL : first);
  if (first != NULL)
    gtk_widget_grab_focus (first);
  else
    gtk_widget_child_focus (GTK_WIDGET (self->card), GTK_DIR_TAB_FORWARD);
}

/* A card left open while the window crosses NARROW_WIDTH moves between
 * the popover and the sheet (from an idle: the width is known after
 * allocation). */
static gboolean
card_follow_width_cb (gpointer data)
{
  TreatiesWindow *self = data;
  gboolean in_sheet;

  self->card_follow_idle = 0;
  if (!card_is_open (self) || selected_event (self) == NULL)
    return G_SOURCE_REMOVE;
  in_sheet = card_wants_sheet (self);
  if (in_sheet != gtk_revealer_get_reveal_child (self->card_sheet))
    _treaties_window_open_card (self, treaties_article_get_passages (current_article (self), selected_event (self)));
  return G_SOURCE_REMOVE;
}

void
_treaties_window_card_follow_width (TreatiesWindow *self)
{
  if (self->card_follow_idle == 0 && card_is_open (self))
    self->card_follow_idle = g_idle_add (card_follow_width_cb, self);
}
