/* treaties-window-private.h: what the window's files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "treaties-article-view.h"
#include "treaties-error-page.h"
#include "treaties-event-card.h"
#include "treaties-reader.h"
#include "treaties-search-bar.h"
#include "treaties-sidebar.h"
#include "treaties-timeline.h"
#include "treaties-window.h"

G_BEGIN_DECLS

struct _TreatiesWindow
{
  AdwApplicationWindow  parent_instance;

  /* The article, the place in it, the history and the chosen event: the
   * sidebar, the text and the timeline follow its "moved" signal. */
  TreatiesReader       *reader;
  const TreatiesPassage *jump_passage; /* the words a jump in progress goes to */
  GSettings            *settings; /* NULL when the schema is not installed */
  guint                 save_id;  /* saves the place once the reader pauses */
  TreatiesEventCard    *card;              /* made when first needed */
  GtkPopover           *card_popover;      /* the card at its marker, on a wide window */
  guint                 card_follow_idle;

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  AdwWindowTitle       *window_title;
  GtkToggleButton      *sidebar_button;
  GtkWidget            *history_buttons;
  GtkStack             *main_stack;
  AdwFlap              *flap;
  TreatiesSidebar      *sidebar;
  GtkScrolledWindow    *text_scroller;
  TreatiesArticleView  *article_view;
  GtkBox               *timeline_slot;
  GtkLabel             *timeline_label;
  TreatiesTimeline     *timeline;
  GtkRevealer          *timeline_revealer;
  GtkButton            *timeline_toggle;
  TreatiesErrorPage    *error_page; /* made the first time it is shown */
  gboolean              shipped_failed; /* the built-in article could not be read */
  GMenu                *recent_menu;
  GtkMenuButton        *menu_button;
  GMenuModel           *primary_menu;
  TreatiesSearchBar    *search_bar;
  GtkRevealer          *card_sheet;        /* the card on a narrow window */
  GtkBox               *card_sheet_box;
};

/* treaties-window-actions.c: the win.* actions and their enabled state. */
void _treaties_window_class_actions_init (GtkWidgetClass *widget_class);
void _treaties_window_update_actions     (TreatiesWindow *self);

/* treaties-window.c */
/* Goes to @event's first passage (its next one when it was the event gone
 * to last) and opens its card, as a click on its marker does. */
void _treaties_window_activate_event     (TreatiesWindow *self,
                                          TreatiesEvent  *event);
/* Goes to passage @index of the selected event. */
void _treaties_window_go_to_passage      (TreatiesWindow *self,
                                          guint           index);

/* treaties-window-card.c: the event card. Opens the selected event's card
 * at the passage last gone to (as a popover or a sheet, by the window's
 * width); closes it, giving the keyboard back to the marker with
 * @focus_marker; moves an open card when the window's width changes. */
void _treaties_window_open_card          (TreatiesWindow *self,
                                          GPtrArray      *passages);
void _treaties_window_close_card         (TreatiesWindow *self,
                                          gboolean        focus_marker);
void _treaties_window_card_follow_width  (TreatiesWindow *self);

G_END_DECLS
