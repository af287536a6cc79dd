/* treaties-search-bar.c: "Find in the article"
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "treaties-search-bar.h"

struct _TreatiesSearchBar
{
  GtkWidget       parent_instance;

  /* template children */
  GtkSearchBar   *search_bar;
  GtkSearchEntry *entry;
  GtkLabel       *count_label;

  guint           total;
};

enum {
  PROP_0,
  PROP_SEARCH_MODE_ENABLED,
  N_PROPS
};

enum {
  SEARCH_CHANGED,
  NEXT_MATCH,
  PREVIOUS_MATCH,
  STOPPED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (TreatiesSearchBar, treaties_search_bar, GTK_TYPE_WIDGET)

static gboolean
is_blank (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}

static void
update_actions (TreatiesSearchBar *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "search-bar.next-match", self->total > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "search-bar.previous-match", self->total > 0);
}

static void
entry_search_changed_cb (TreatiesSearchBar *self)
{
  g_signal_emit (self, signals[SEARCH_CHANGED], 0, gtk_editable_get_text (GTK_EDITABLE (self->entry)));
}

static void
entry_activated_cb (TreatiesSearchBar *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "search-bar.next-match", NULL);
}

static void
entry_next_match_cb (TreatiesSearchBar *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "search-bar.next-match", NULL);
}

static void
entry_previous_match_cb (TreatiesSearchBar *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "search-bar.previous-match", NULL);
}

static void
entry_stop_search_cb (TreatiesSearchBar *self)
{
  treaties_search_bar_stop (self);
}

/* Shift+Enter: the entry only knows plain Enter. */
static gboolean
entry_key_pressed_cb (GtkEventControllerKey *controller,
                      guint                  keyval,
                      guint                  keycode,
                      GdkModifierType        state,
                      TreatiesSearchBar     *self)
{
  if ((keyval == GDK_KEY_Return || keyval == GDK_KEY_KP_Enter || keyval == GDK_KEY_ISO_Enter) &&
      (state & (GDK_SHIFT_MASK | GDK_CONTROL_MASK | GDK_ALT_MASK)) == GDK_SHIFT_MASK)
    {
      gtk_widget_activate_action (GTK_WIDGET (self), "search-bar.previous-match", NULL);
      return GDK_EVENT_STOP;
    }
  return GDK_EVENT_PROPAGATE;
}

static void
search_mode_changed_cb (TreatiesSearchBar *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCH_MODE_ENABLED]);
  if (!gtk_search_bar_get_search_mode (self->search_bar))
    g_signal_emit (self, signals[STOPPED], 0);
}

static void
next_match_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  g_signal_emit (widget, signals[NEXT_MATCH], 0);
}

static void
previous_match_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  g_signal_emit (widget, signals[PREVIOUS_MATCH], 0);
}

/* GtkSearchBar makes its close button itself, with an icon and no name. */
static GtkWidget *
find_close_button (GtkWidget *widget)
{
  if (GTK_IS_BUTTON (widget) && gtk_widget_has_css_class (widget, "close"))
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_close_button (c);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
treaties_search_bar_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), TREATIES_TYPE_SEARCH_BAR);

  G_OBJECT_CLASS (treaties_search_bar_parent_class)->dispose (object);
}

static void
treaties_search_bar_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  TreatiesSearchBar *self = TREATIES_SEARCH_BAR (object);

  switch (prop_id)
    {
    case PROP_SEARCH_MODE_ENABLED:
      g_value_set_boolean (value, treaties_search_bar_get_search_mode_enabled (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
treaties_search_bar_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  TreatiesSearchBar *self = TREATIES_SEARCH_BAR (object);

  switch (prop_id)
    {
    case PROP_SEARCH_MODE_ENABLED:
      treaties_search_bar_set_search_mode_enabled (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
treaties_search_bar_class_init (TreatiesSearchBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = treaties_search_bar_dispose;
  object_class->get_property = treaties_search_bar_get_property;
  object_class->set_property = treaties_search_bar_set_property;

  /**
   * TreatiesSearchBar:search-mode-enabled:
   *
   * Whether the bar is shown. Setting it is start() or stop().
   */
  properties[PROP_SEARCH_MODE_ENABLED] =
    g_param_spec_boolean ("search-mode-enabled", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * TreatiesSearchBar::search-changed:
   * @query: what the reader typed
   */
  signals[SEARCH_CHANGED] =
    g_signal_new ("search-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE);
  signals[NEXT_MATCH] =
    g_signal_new ("next-match",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
  signals[PREVIOUS_MATCH] =
    g_signal_new ("previous-match",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
  signals[STOPPED] =
    g_signal_new ("stopped",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/example/Treaties/ui/treaties-search-bar.ui");
  gtk_widget_class_bind_template_child (widget_class, TreatiesSearchBar, search_bar);
  gtk_widget_class_bind_template_child (widget_class, TreatiesSearchBar, entry);
  gtk_widget_class_bind_template_child (widget_class, TreatiesSearchBar, count_label);
  gtk_widget_class_bind_template_callback (widget_class, entry_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, entry_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, entry_next_match_cb);
  gtk_widget_class_bind_template_callback (widget_class, entry_previous_match_cb);
  gtk_widget_class_bind_template_callback (widget_class, entry_stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_mode_changed_cb);

  gtk_widget_class_install_action (widget_class, "search-bar.next-match", NULL, next_match_action);
  gtk_widget_class_install_action (widget_class, "search-bar.previous-match", NULL, previous_match_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "treaties-search-bar");
}

static void
treaties_search_bar_init (TreatiesSearchBar *self)
{
  GtkEventController *keys;
  GtkWidget *close;

  gtk_widget_init_template (GTK_WIDGET (self));

  if ((close = find_close_button (GTK_WIDGET (self->search_bar))) != NULL)
    {
      gtk_widget_set_tooltip_text (close, _("Close Search"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (close), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Close Search"), -1);
    }

  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_name (keys, "treaties-search-keys");
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (entry_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->entry), keys);

  update_actions (self);
}

GtkWidget *
treaties_search_bar_new (void)
{
  return g_object_new (TREATIES_TYPE_SEARCH_BAR, NULL);
}

void
treaties_search_bar_start (TreatiesSearchBar *self)
{
  gboolean was_enabled;
  const char *query;

  g_return_if_fail (TREATIES_IS_SEARCH_BAR (self));

  was_enabled = gtk_search_bar_get_search_mode (self->search_bar);
  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->entry));
  gtk_editable_select_region (GTK_EDITABLE (self->entry), 0, -1);

  /* Stopping cleared the highlights: bring back those of the last query. */
  query = gtk_editable_get_text (GTK_EDITABLE (self->entry));
  if (!was_enabled && *query != '\0')
    g_signal_emit (self, signals[SEARCH_CHANGED], 0, query);
}

void
treaties_search_bar_stop (TreatiesSearchBar *self)
{
  g_return_if_fail (TREATIES_IS_SEARCH_BAR (self));

  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
}

gboolean
treaties_search_bar_get_search_mode_enabled (TreatiesSearchBar *self)
{
  g_return_val_if_fail (TREATIES_IS_SEARCH_BAR (self), FALSE);

  return gtk_search_bar_get_search_mode (self->search_bar);
}

void
treaties_search_bar_set_search_mode_enabled (TreatiesSearchBar *self,
                                             gboolean           enabled)
{
  g_return_if_fail (TREATIES_IS_SEARCH_BAR (self));

  if (enabled)
    treaties_search_bar_start (self);
  else
    treaties_search_bar_stop (self);
}

void
treaties_search_bar_set_count (TreatiesSearchBar *self,
                               guint              current,
                               guint              total)
{
  GtkWidget *entry;
  const char *query;
  g_autofree char *text = NULL;

  g_return_if_fail (TREATIES_IS_SEARCH_BAR (self));
  g_return_if_fail (current <= total);

  entry = GTK_WIDGET (self->entry);
  query = gtk_editable_get_text (GTK_EDITABLE (self->entry));
  self->total = total;

  if (total > 0 && current > 0)
    /* Translators: the match being shown, of how many, e.g. "3 of 12" */
    text = g_strdup_printf (C_("search", "%u of %u"), current, total);
  else if (total > 0)
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u match", "%u matches", total), total);
  else if (!is_blank (query))
    text = g_strdup (_("No matches"));
  else
    text = g_strdup ("");

  gtk_label_set_text (self->count_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->count_label), *text != '\0');
  if (total == 0 && *text != '\0')
    gtk_widget_add_css_class (entry, "error");
  else
    gtk_widget_remove_css_class (entry, "error");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->entry),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text,
                                  -1);
  update_actions (self);
}

const char *
treaties_search_bar_get_query (TreatiesSearchBar *self)
{
  g_return_val_if_fail (TREATIES_IS_SEARCH_BAR (self), NULL);

  return gtk_editable_get_text (GTK_EDITABLE (self->entry));
}

GtkWidget *
treaties_search_bar_get_entry (TreatiesSearchBar *self)
{
  g_return_val_if_fail (TREATIES_IS_SEARCH_BAR (self), NULL);

  return GTK_WIDGET (self->entry);
}

const char *
treaties_search_bar_get_count_text (TreatiesSearchBar *self)
{
  g_return_val_if_fail (TREATIES_IS_SEARCH_BAR (self), NULL);

  return gtk_label_get_text (self->count_label);
}
