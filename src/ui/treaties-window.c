/* treaties-window.c: the reading window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "treaties-application.h"
#include "treaties-article-view.h"
#include "treaties-error-page.h"
#include "treaties-event-card.h"
#include "treaties-reader.h"
#include "treaties-sidebar.h"
#include "treaties-timeline.h"
#include "treaties-window.h"
#include "treaties-window-private.h"
#include "treaties-window-export.h"
#include "treaties-window-open.h"
#include "treaties-window-search.h"
#include "treaties-window-library.h" /* issue 14: the library page */
#include "treaties-window-chronology.h"  /* issue 15: the chronology view */


enum {
  PROP_0,
  PROP_ARTICLE,
  PROP_CURRENT_SECTION,
  PROP_SIDEBAR_VISIBLE,
  PROP_TIMELINE_VISIBLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (TreatiesWindow, treaties_window, ADW_TYPE_APPLICATION_WINDOW)

static void update_title (TreatiesWindow *self);
static void reader_article_changed_cb (TreatiesWindow *self);
static void view_section_changed_cb (TreatiesWindow *self);

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

/* The mouse's back and forward buttons. */
static void
extra_button_pressed_cb (GtkGestureClick *gesture,
                         int              n_press,
                         double           x,
                         double           y,
                         TreatiesWindow  *self)
{
  guint button = gtk_gesture_single_get_current_button (GTK_GESTURE_SINGLE (gesture));

  if (button == 8)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.go-back", NULL);
  else if (button == 9)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.go-forward", NULL);
  else
    return;
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
}

/* The reader's place within the section, to the paragraph, from the text:
 * sections are followed as they scroll by, paragraphs only when asked. */
static void
follow_paragraph (TreatiesWindow *self)
{
  TreatiesSection *section = treaties_reader_get_section (self->reader);
  guint block;

  /* A jump still under way says nothing of where the reader is. */
  if (section == NULL || treaties_article_view_is_settling (self->article_view) ||
      g_strcmp0 (treaties_article_view_get_current_section (self->article_view), treaties_section_get_id (section)) != 0)
    return;
  block = treaties_article_view_get_current_block (self->article_view);
  if (block != treaties_reader_get_block (self->reader))
    treaties_reader_follow (self->reader, section, block);
}

/* Remembers the place being read in each article, and which article it
 * was, across runs. */
static void
save_reading_position (TreatiesWindow *self)
{
  g_autoptr(GVariant) saved = NULL;
  g_autoptr(GVariant) places = NULL;
  GFile *file;

  g_clear_handle_id (&self->save_id, g_source_remove);
  if (self->settings == NULL || current_article (self) == NULL)
    return;

  follow_paragraph (self);
  saved = g_settings_get_value (self->settings, "reading-places");
  places = treaties_reader_save_place (self->reader, saved);
  file = treaties_reader_get_file (self->reader);
  g_settings_delay (self->settings);
  g_settings_set_value (self->settings, "reading-places", places);
  if (file != NULL)
    {
      g_autofree char *uri = g_file_get_uri (file);
      g_settings_set_string (self->settings, "last-article", uri);
    }
  else
    g_settings_set_string (self->settings, "last-article", "");
  g_settings_apply (self->settings);
}

static gboolean
save_timeout_cb (gpointer data)
{
  TreatiesWindow *self = data;

  self->save_id = 0;
  save_reading_position (self);
  return G_SOURCE_REMOVE;
}

/* Saved as the reader goes, once they pause: a crash or a killed session
 * loses at most that. */
#define SAVE_DELAY_MS 1000

static void
schedule_save (TreatiesWindow *self)
{
  if (self->settings == NULL)
    return;
  g_clear_handle_id (&self->save_id, g_source_remove);
  self->save_id = g_timeout_add (SAVE_DELAY_MS, save_timeout_cb, self);
}

static gboolean
zoom_to_label (GBinding     *binding,
               const GValue *from,
               GValue       *to,
               gpointer      user_data)
{
  /* Translators: the text size in the main menu, as a percentage */
  g_value_take_string (to, g_strdup_printf (_("%d%%"), (int) round (g_value_get_double (from) * 100)));
  return TRUE;
}

static GtkWidget *
zoom_button (const char *icon_name,
             const char *label,
             const char *action,
             const char *tooltip)
{
  GtkWidget *button = icon_name ? gtk_button_new_from_icon_name (icon_name) : gtk_button_new_with_label (label);

  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_widget_add_css_class (button, "flat");
  if (icon_name != NULL)
    gtk_widget_add_css_class (button, "circular");
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
  return button;
}

/* The text size in the main menu, as GNOME's own apps show it: smaller,
 * the size (which resets it), larger. */
static GtkWidget *
make_zoom_row (TreatiesWindow *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *size = zoom_button (NULL, NULL, "win.zoom-reset", _("Reset the text size"));

  gtk_widget_set_name (size, "zoom-size");
  gtk_widget_set_hexpand (size, TRUE);
  gtk_widget_add_css_class (size, "numeric");
  g_object_bind_property_full (self->article_view, "zoom", size, "label", G_BINDING_SYNC_CREATE,
                               zoom_to_label, NULL, NULL, NULL);
  gtk_widget_add_css_class (box, "zoom-row");
  gtk_box_append (GTK_BOX (box), zoom_button ("zoom-out-symbolic", NULL, "win.zoom-out", _("Make the text smaller")));
  gtk_box_append (GTK_BOX (box), size);
  gtk_box_append (GTK_BOX (box), zoom_button ("zoom-in-symbolic", NULL, "win.zoom-in", _("Make the text larger")));
  return box;
}

/* The main menu's popover is made when it first opens (by click or F10):
 * with the model in the template, GtkMenuButton built it, every item
 * included, with the window. */
static void
create_primary_menu_cb (GtkMenuButton *button,
                        gpointer       user_data)
{
  TreatiesWindow *self = user_data;

  gtk_menu_button_set_menu_model (button, self->primary_menu);
  gtk_popover_menu_add_child (GTK_POPOVER_MENU (gtk_menu_button_get_popover (button)),
                              make_zoom_row (self), "zoom");
  gtk_menu_button_set_create_popup_func (button, NULL, NULL, NULL);
}

static void
error_back_clicked_cb (TreatiesWindow *self)
{
  gtk_stack_set_visible_child_name (self->main_stack, "article");
  update_title (self);
  _treaties_window_update_actions (self);
}

/* Marks the sidebar's rows of the sections that tell of @event (NULL:
 * none), as found in @passages, and says what the mark means. */
static void
mark_related_rows (TreatiesWindow *self,
                   TreatiesEvent  *event,
                   GPtrArray      *passages)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();
  g_autofree char *legend = NULL;

  for (guint i = 0; event != NULL && passages != NULL && i < passages->len; i++)
    g_ptr_array_add (ids, (gpointer) treaties_section_get_id (((TreatiesPassage *) g_ptr_array_index (passages, i))->section));
  g_ptr_array_add (ids, NULL);
  if (event != NULL)
    /* Translators: the tooltip of a section in the sidebar marked (a bar
     * at its edge) because it tells of the event chosen on the timeline */
    legend = g_strdup_printf (_("The bar at its edge: this section tells of “%s”"), treaties_event_get_title (event));
  treaties_sidebar_set_related (self->sidebar, (const char * const *) ids->pdata, legend);
}

/* Goes to passage @index of the selected event: its words in the upper
 * part of the view, highlighted; a section's heading for an event marked
 * nowhere. The reader's "moved" does the scrolling. */
void
_treaties_window_go_to_passage (TreatiesWindow *self,
                                guint           index)
{
  TreatiesEvent *event = selected_event (self);

  if (event == NULL)
    return;
  self->jump_passage = treaties_article_get_passages (current_article (self), event) != NULL &&
                       index < treaties_article_get_passages (current_article (self), event)->len
                       ? g_ptr_array_index (treaties_article_get_passages (current_article (self), event), index)
                       : NULL;
  treaties_reader_show_passage (self->reader, event, index, TRUE);
  self->jump_passage = NULL;
}

/* The reader moved on from the event: no marks, no card. */
static void
forget_event (TreatiesWindow *self)
{
  treaties_reader_select_event (self->reader, NULL);
  treaties_timeline_set_selected_event (self->timeline, NULL);
  mark_related_rows (self, NULL, NULL);
  _treaties_window_close_card (self, FALSE);
  treaties_article_view_clear_passage (self->article_view);
}

/* The first activation of an event goes to its first passage; activating
 * it again goes to the next one, across sections, and round. */
void
_treaties_window_activate_event (TreatiesWindow *self,
                                 TreatiesEvent  *event)
{
  GPtrArray *passages = treaties_article_get_passages (current_article (self), event);
  guint index = 0;

  if (event == selected_event (self) && treaties_reader_get_passage_index (self->reader, &index, NULL) &&
      passages != NULL && passages->len > 0)
    index = (index + 1) % passages->len;
  else
    index = 0;
  /* Selected first, so the card shows the passage about to be gone to. */
  if (passages != NULL && passages->len > 0)
    treaties_reader_show_passage (self->reader, event, index, FALSE);
  else
    treaties_reader_select_event (self->reader, event);

  /* Chosen on the timeline too, when this came from elsewhere than it. */
  treaties_timeline_set_selected_event (self->timeline, event);
  mark_related_rows (self, event, passages);
  /* The card first: as a sheet it takes room from the text, which the
   * scroll to the passage then allows for. */
  _treaties_window_open_card (self, passages);
  _treaties_window_go_to_passage (self, index);
}

/* Words marked in the text: their event is selected on the timeline (which
 * scrolls to it) and its card opens at that passage. */
static void
event_mark_activated_cb (TreatiesWindow *self,
                         TreatiesEvent  *event,
                         int             offset)
{
  GPtrArray *passages = treaties_article_get_passages (current_article (self), event);
  int index = treaties_article_view_find_passage (self->article_view, passages, offset);

  if (index >= 0)
    {
      treaties_reader_show_passage (self->reader, event, index, FALSE);
      treaties_article_view_show_passage (self->article_view, g_ptr_array_index (passages, index), FALSE);
    }
  else
    treaties_reader_select_event (self->reader, event);
  mark_related_rows (self, event, passages);
  /* Chosen, labelled and scrolled into view. */
  treaties_timeline_set_selected_event (self->timeline, event);
  treaties_timeline_set_focused_event (self->timeline, event);
  _treaties_window_open_card (self, passages);
}

static void
focus_text_cb (TreatiesWindow *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self->article_view));
}

/* The reader chose a section in the sidebar (click, Enter, arrow keys). */
static void
section_chosen_cb (TreatiesWindow  *self,
                   TreatiesSection *section,
                   gboolean         browsing)
{
  /* The reader moved on from the event chosen on the timeline. */
  forget_event (self);
  treaties_reader_jump (self->reader, section, 0);
  /* On a narrow window the sidebar covers the text: get out of the way,
   * unless the reader is walking it with the arrow keys. */
  if (adw_flap_get_folded (self->flap) && !browsing)
    adw_flap_set_reveal_flap (self->flap, FALSE);
}

/* Tab leaves the sidebar for the text, instead of stopping on every row. */
static gboolean
sidebar_leave_cb (TreatiesWindow   *self,
                  GtkDirectionType  direction)
{
  if (direction == GTK_DIR_TAB_FORWARD)
    return gtk_widget_grab_focus (GTK_WIDGET (self->article_view));
  return gtk_widget_grab_focus (GTK_WIDGET (self->sidebar_button));
}

/* The reader scrolled the text into another section. */
static void
view_section_changed_cb (TreatiesWindow *self)
{
  const char *id = treaties_article_view_get_current_section (self->article_view);
  TreatiesSection *here = treaties_reader_get_section (self->reader);
  TreatiesSection *section;

  if (current_article (self) == NULL || id == NULL ||
      (here != NULL && g_str_equal (treaties_section_get_id (here), id)) ||
      (section = treaties_article_lookup_section (current_article (self), id)) == NULL)
    return;
  treaties_reader_follow (self->reader, section, treaties_article_view_get_current_block (self->article_view));
}

/* The place read changed: every view shows it, and the text scrolls there
 * unless the reader scrolled it there. */
static void
reader_moved_cb (TreatiesWindow     *self,
                 TreatiesMoveReason  reason)
{
  TreatiesSection *section = treaties_reader_get_section (self->reader);
  const char *id = section != NULL ? treaties_section_get_id (section) : NULL;

  treaties_sidebar_set_current_section (self->sidebar, id);
  treaties_timeline_set_current_section (self->timeline, id);
  /* An article opened at its start is there already. */
  if (reason == TREATIES_MOVE_OPEN && treaties_reader_get_block (self->reader) == 0 &&
      g_strcmp0 (treaties_article_view_get_current_section (self->article_view), id) == 0)
    ;
  else if (reason != TREATIES_MOVE_SCROLL && id != NULL)
    {
      const TreatiesPassage *passage = self->jump_passage;

      if (passage == NULL || !passage->marked || passage->section != section ||
          !treaties_article_view_show_passage (self->article_view, passage, TRUE))
        treaties_article_view_scroll_to_place (self->article_view, id, treaties_reader_get_block (self->reader));
    }
  schedule_save (self);
  _treaties_window_update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENT_SECTION]);
}

static void
update_title (TreatiesWindow *self)
{
  g_autofree char *subtitle = NULL;

  TreatiesArticle *article = current_article (self);

  if (article != NULL)
    {
      /* The date (the article's own dating, when disputed) and the byline. */
      subtitle = treaties_article_dup_subtitle (article);
      adw_window_title_set_title (self->window_title, treaties_article_get_title (article));
      adw_window_title_set_subtitle (self->window_title, subtitle);
      gtk_window_set_title (GTK_WINDOW (self), treaties_article_get_title (article));
    }
  else
    {
      adw_window_title_set_title (self->window_title, _("Treaties"));
      adw_window_title_set_subtitle (self->window_title, NULL);
      gtk_window_set_title (GTK_WINDOW (self), _("Treaties"));
    }
}

static void
update_timeline_label (TreatiesWindow *self)
{
  TreatiesDay start = treaties_article_get_timeline_start (current_article (self));
  TreatiesDay end = treaties_article_get_timeline_end (current_article (self));
  g_autofree char *label = NULL;
  int y1, y2;

  /* An article without a timeline keeps the text's full height. */
  gtk_widget_set_visible (GTK_WIDGET (self->timeline_slot), start != TREATIES_DAY_INVALID);
  if (start == TREATIES_DAY_INVALID)
    return;

  treaties_day_to_ymd (start, &y1, NULL, NULL);
  treaties_day_to_ymd (end, &y2, NULL, NULL);
  /* Translators: the timeline's heading, with its first and last years */
  label = g_strdup_printf (_("Timeline, %d–%d"), y1, y2);
  gtk_label_set_text (self->timeline_label, label);
}

static void
zoom_changed_cb (TreatiesWindow *self)
{
  _treaties_window_update_actions (self);
}

static void
reveal_flap_changed_cb (TreatiesWindow *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SIDEBAR_VISIBLE]);
}

/* A search is one jump for Back: from where the reader was when it began to
 * where it left them. */
static void
search_mode_changed_cb (TreatiesWindow *self)
{
  if (treaties_search_bar_get_search_mode_enabled (self->search_bar))
    treaties_reader_begin_search (self->reader);
  else
    treaties_reader_end_search (self->reader);
}

static void
load_window_state (TreatiesWindow *self)
{
  if (self->settings == NULL)
    return;

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  g_settings_bind (self->settings, "text-zoom", self->article_view, "zoom", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "timeline-visible", self, "timeline-visible", G_SETTINGS_BIND_DEFAULT);
}

static gboolean
treaties_window_close_request (GtkWindow *window)
{
  TreatiesWindow *self = TREATIES_WINDOW (window);
  int width, height;

  save_reading_position (self);
  if (self->settings != NULL)
    {
      gtk_window_get_default_size (window, &width, &height);
      g_settings_delay (self->settings);
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
      g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
      g_settings_apply (self->settings);
    }

  return GTK_WINDOW_CLASS (treaties_window_parent_class)->close_request (window);
}

/* "application" is not a construct property: it is set after constructed(),
 * so settings are picked up when it arrives. */
static void
application_changed_cb (TreatiesWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  GSettings *settings;

  if (self->settings != NULL || !TREATIES_IS_APPLICATION (app) ||
      (settings = treaties_application_get_settings (TREATIES_APPLICATION (app))) == NULL)
    return;

  self->settings = g_object_ref (settings);
  load_window_state (self);
  g_menu_remove_all (self->recent_menu);
  treaties_window_setup_recent (self, self->settings, self->recent_menu);
}

static void
treaties_window_constructed (GObject *object)
{
  TreatiesWindow *self = TREATIES_WINDOW (object);

  G_OBJECT_CLASS (treaties_window_parent_class)->constructed (object);

  treaties_window_setup_recent (self, NULL, self->recent_menu);
  application_changed_cb (self);
  g_signal_connect (self, "notify::application", G_CALLBACK (application_changed_cb), NULL);
  _treaties_window_update_actions (self);
}

static void
treaties_window_dispose (GObject *object)
{
  TreatiesWindow *self = TREATIES_WINDOW (object);

  g_clear_handle_id (&self->save_id, g_source_remove);
  g_clear_handle_id (&self->card_follow_idle, g_source_remove);
  self->error_page = NULL; /* the stack's, disposed with the template */
  gtk_widget_dispose_template (GTK_WIDGET (self), TREATIES_TYPE_WINDOW);
  if (self->reader != NULL)
    g_signal_handlers_disconnect_by_data (self->reader, self);
  g_clear_object (&self->reader);
  g_clear_object (&self->settings);
  g_clear_object (&self->card_popover);

  G_OBJECT_CLASS (treaties_window_parent_class)->dispose (object);
}

static void
treaties_window_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  TreatiesWindow *self = TREATIES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_ARTICLE:
      g_value_set_object (value, current_article (self));
      break;
    case PROP_CURRENT_SECTION:
      g_value_set_string (value, treaties_window_get_current_section (self));
      break;
    case PROP_SIDEBAR_VISIBLE:
      /* Asked for by the property action during template set-up and
       * tear-down too, when the flap is not there. */
      g_value_set_boolean (value, self->flap ? adw_flap_get_reveal_flap (self->flap) : TRUE);
      break;
    case PROP_TIMELINE_VISIBLE:
      g_value_set_boolean (value, self->timeline_revealer ? gtk_revealer_get_reveal_child (self->timeline_revealer) : TRUE);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
treaties_window_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  TreatiesWindow *self = TREATIES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_ARTICLE:
      treaties_window_set_article (self, g_value_get_object (value));
      break;
    case PROP_CURRENT_SECTION:
      treaties_window_set_current_section (self, g_value_get_string (value));
      break;
    case PROP_SIDEBAR_VISIBLE:
      if (self->flap != NULL)
        adw_flap_set_reveal_flap (self->flap, g_value_get_boolean (value));
      break;
    case PROP_TIMELINE_VISIBLE:
      if (self->timeline_revealer != NULL &&
          gtk_revealer_get_reveal_child (self->timeline_revealer) != g_value_get_boolean (value))
        {
          gboolean visible = g_value_get_boolean (value);

          gtk_revealer_set_reveal_child (self->timeline_revealer, visible);
          gtk_button_set_icon_name (self->timeline_toggle, visible ? "pan-down-symbolic" : "pan-up-symbolic");
          gtk_widget_set_tooltip_text (GTK_WIDGET (self->timeline_toggle),
                                       visible ? _("Hide the Timeline") : _("Show the Timeline"));
          gtk_accessible_update_property (GTK_ACCESSIBLE (self->timeline_toggle), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                          visible ? _("Hide the Timeline") : _("Show the Timeline"), -1);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
treaties_window_class_init (TreatiesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = treaties_window_constructed;
  object_class->dispose = treaties_window_dispose;
  object_class->get_property = treaties_window_get_property;
  object_class->set_property = treaties_window_set_property;
  window_class->close_request = treaties_window_close_request;

  properties[PROP_ARTICLE] =
    g_param_spec_object ("article", NULL, NULL, TREATIES_TYPE_ARTICLE,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_CURRENT_SECTION] =
    g_param_spec_string ("current-section", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SIDEBAR_VISIBLE] =
    g_param_spec_boolean ("sidebar-visible", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_TIMELINE_VISIBLE] =
    g_param_spec_boolean ("timeline-visible", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (TREATIES_TYPE_ARTICLE_VIEW);
  g_type_ensure (TREATIES_TYPE_TIMELINE);
  g_type_ensure (TREATIES_TYPE_SEARCH_BAR);
  g_type_ensure (TREATIES_TYPE_SIDEBAR);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/example/Treaties/ui/treaties-window.ui");
  gtk_widget_class_bind_template_child (widget_class, TreatiesWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, TreatiesWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, TreatiesWindow, sidebar_button);
  gtk_widget_class_bind_template_child (widget_class, TreatiesWindow, history_buttons);
  gtk_widget_class_bind_template_child (widget_class, TreatiesWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, TreatiesWindow, menu_button);
  gtk_widget_class_bind_template_child (widget_class, TreatiesWindow, primary_menu);
  gtk_widget_class_bind_template_child (widget_class, TreatiesWindow, flap);
  gtk_widget_class_bind_template_child (widget_class, TreatiesWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, TreatiesWindow, text_scroller);
  gtk_widget_class_bind_template_child (widget_class, TreatiesWindow, article_view);
  gtk_widget_class_bind_template_child (widget_class, TreatiesWindow, timeline_slot);
  gtk_widget_class_bind_template_child (widget_class, TreatiesWindow, timeline_label);
  gtk_widget_class_bind_template_child (widget_class, TreatiesWindow, timeline);
  gtk_widget_class_bind_template_child (widget_class, TreatiesWindow, timeline_revealer);
  gtk_widget_class_bind_template_child (widget_class, TreatiesWindow, timeline_toggle);
  gtk_widget_class_bind_template_child (widget_class, TreatiesWindow, recent_menu);
  gtk_widget_class_bind_template_child (widget_class, TreatiesWindow, search_bar);
  gtk_widget_class_bind_template_child (widget_class, TreatiesWindow, card_sheet);
  gtk_widget_class_bind_template_child (widget_class, TreatiesWindow, card_sheet_box);

  _treaties_window_class_actions_init (widget_class);
  treaties_window_library_class_init (widget_class); /* issue 14: win.show-library, win.compare, win.library-timelines */
}

static void
treaties_window_init (TreatiesWindow *self)
{
  GtkGesture *extra_buttons;

  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_menu_button_set_create_popup_func (self->menu_button, create_primary_menu_cb, self, NULL);

  self->reader = treaties_reader_new ();
  g_signal_connect_object (self->reader, "notify::article",
                           G_CALLBACK (reader_article_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->reader, "moved",
                           G_CALLBACK (reader_moved_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->reader, "notify::can-go-back",
                           G_CALLBACK (_treaties_window_update_actions), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->reader, "notify::can-go-forward",
                           G_CALLBACK (_treaties_window_update_actions), self, G_CONNECT_SWAPPED);

  extra_buttons = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (extra_buttons), 0);
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (extra_buttons), GTK_PHASE_CAPTURE);
  g_signal_connect (extra_buttons, "pressed", G_CALLBACK (extra_button_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (extra_buttons));

  treaties_window_setup_drop (self);
  /* issue 14: the library page; actions follow what the stack shows */
  treaties_window_library_init (self);
  g_signal_connect_swapped (self->main_stack, "notify::visible-child", G_CALLBACK (_treaties_window_update_actions), self);
  treaties_window_chronology_attach (self, self->timeline);  /* issue 15: win.show-chronology */
  treaties_window_search_attach (self->search_bar, self->article_view, self->timeline,
                                 self->sidebar, NULL);
  g_signal_connect_object (self->search_bar, "notify::search-mode-enabled",
                           G_CALLBACK (search_mode_changed_cb), self, G_CONNECT_SWAPPED);

  g_signal_connect_object (self->sidebar, "section-chosen",
                           G_CALLBACK (section_chosen_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->sidebar, "leave",
                           G_CALLBACK (sidebar_leave_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->article_view, "notify::current-section",
                           G_CALLBACK (view_section_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->article_view)), "value-changed",
                           G_CALLBACK (schedule_save), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->article_view, "notify::zoom",
                           G_CALLBACK (zoom_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->timeline, "event-activated",
                           G_CALLBACK (_treaties_window_activate_event), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->article_view, "event-mark-activated",
                           G_CALLBACK (event_mark_activated_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->timeline, "focus-text",
                           G_CALLBACK (focus_text_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect (self, "notify::default-width", G_CALLBACK (_treaties_window_card_follow_width), NULL);
  g_signal_connect (self, "notify::maximized", G_CALLBACK (_treaties_window_card_follow_width), NULL);
  g_signal_connect_object (self->flap, "notify::reveal-flap",
                           G_CALLBACK (reveal_flap_changed_cb), self, G_CONNECT_SWAPPED);
}

TreatiesWindow *
treaties_window_new (GtkApplication *application)
{
  return g_object_new (TREATIES_TYPE_WINDOW, "application", application, NULL);
}

/* A new article: every view shows it before the reader's "moved" scrolls
 * them to the place (the reader announces the article first). The search
 * runs again on it, if open. */
static void
reader_article_changed_cb (TreatiesWindow *self)
{
  TreatiesArticle *article = current_article (self);

  treaties_sidebar_set_article (self->sidebar, article);
  /* The text starts at the top of the new article: that is no scrolling
   * by the reader, and the reader's place comes with "moved". */
  g_signal_handlers_block_by_func (self->article_view, view_section_changed_cb, self);
  treaties_article_view_set_article (self->article_view, article);
  g_signal_handlers_unblock_by_func (self->article_view, view_section_changed_cb, self);
  forget_event (self);
  treaties_timeline_set_article (self->timeline, article);
  treaties_window_search_refresh (self->search_bar);

  update_title (self);
  if (article != NULL)
    {
      gtk_stack_set_visible_child_name (self->main_stack, "article");
      update_timeline_label (self);
    }
  _treaties_window_update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ARTICLE]);
}

/* Opens @article at the place saved for it, if any; the place left goes
 * into the history. */
static void
show_article (TreatiesWindow  *self,
              TreatiesArticle *article,
              GFile           *file)
{
  g_autoptr(GVariant) saved = NULL;
  TreatiesSection *section = NULL;
  guint block = 0;

  if (article == current_article (self))
    return;
  save_reading_position (self);
  if (self->settings != NULL)
    saved = g_settings_get_value (self->settings, "reading-places");
  if (!treaties_reader_find_saved_place (saved, article, &section, &block))
    section = NULL;
  treaties_reader_open (self->reader, article, file, section, block);
}

void
treaties_window_set_article (TreatiesWindow  *self,
                             TreatiesArticle *article)
{
  g_return_if_fail (TREATIES_IS_WINDOW (self));
  g_return_if_fail (TREATIES_IS_ARTICLE (article));

  show_article (self, article, NULL);
}

/* Shows @article, read from @file (NULL for the shipped one). */
void
treaties_window_set_article_from_file (TreatiesWindow  *self,
                                       TreatiesArticle *article,
                                       GFile           *file)
{
  g_return_if_fail (TREATIES_IS_WINDOW (self));
  g_return_if_fail (TREATIES_IS_ARTICLE (article));
  g_return_if_fail (file == NULL || G_IS_FILE (file));

  show_article (self, article, file);
}

GFile *
treaties_window_get_file (TreatiesWindow *self)
{
  g_return_val_if_fail (TREATIES_IS_WINDOW (self), NULL);
  return treaties_reader_get_file (self->reader);
}

TreatiesArticle *
treaties_window_get_article (TreatiesWindow *self)
{
  g_return_val_if_fail (TREATIES_IS_WINDOW (self), NULL);
  return current_article (self);
}

TreatiesReader *
treaties_window_get_reader (TreatiesWindow *self)
{
  g_return_val_if_fail (TREATIES_IS_WINDOW (self), NULL);
  return self->reader;
}

void
treaties_window_save_place (TreatiesWindow *self)
{
  g_return_if_fail (TREATIES_IS_WINDOW (self));
  save_reading_position (self);
}

/* The article being read, if any, stays loaded behind the error page,
 * one click away. */
void
treaties_window_show_error (TreatiesWindow *self,
                            const GError   *error)
{
  g_return_if_fail (TREATIES_IS_WINDOW (self));
  g_return_if_fail (error != NULL);

  if (self->error_page == NULL)
    {
      self->error_page = TREATIES_ERROR_PAGE (treaties_error_page_new ());
      g_signal_connect_object (self->error_page, "go-back",
                               G_CALLBACK (error_back_clicked_cb), self, G_CONNECT_SWAPPED);
      gtk_stack_add_named (self->main_stack, GTK_WIDGET (self->error_page), "error");
    }
  treaties_error_page_set_error (self->error_page, error,
                                 current_article (self) ? treaties_article_get_title (current_article (self)) : NULL,
                                 current_article (self) == NULL && !self->shipped_failed);

  gtk_stack_set_visible_child_name (self->main_stack, "error");
  adw_window_title_set_title (self->window_title, _("Treaties"));
  adw_window_title_set_subtitle (self->window_title, NULL);
  _treaties_window_update_actions (self);
}

void
treaties_window_set_current_section (TreatiesWindow *self,
                                     const char     *section_id)
{
  TreatiesSection *section;

  g_return_if_fail (TREATIES_IS_WINDOW (self));

  if (section_id == NULL || current_article (self) == NULL ||
      (section = treaties_article_lookup_section (current_article (self), section_id)) == NULL)
    return;
  treaties_reader_jump (self->reader, section, 0);
}

const char *
treaties_window_get_current_section (TreatiesWindow *self)
{
  TreatiesSection *section;

  g_return_val_if_fail (TREATIES_IS_WINDOW (self), NULL);

  section = treaties_reader_get_section (self->reader);
  return section != NULL ? treaties_section_get_id (section) : NULL;
}

void
treaties_window_add_toast (TreatiesWindow *self,
                           AdwToast       *toast)
{
  g_return_if_fail (TREATIES_IS_WINDOW (self));
  g_return_if_fail (ADW_IS_TOAST (toast));

  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}
