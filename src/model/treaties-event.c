/* treaties-event.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "treaties-event.h"

struct _TreatiesEvent
{
  GObject       parent_instance;

  char         *id;
  char         *title;
  char         *description;
  char         *href;
  GStrv         section_ids;
  TreatiesDateSpan span;
  guint         primary : 1;
};

enum {
  PROP_0,
  PROP_ID,
  PROP_TITLE,
  PROP_DESCRIPTION,
  PROP_PRIMARY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (TreatiesEvent, treaties_event, G_TYPE_OBJECT)

static void
treaties_event_finalize (GObject *object)
{
  TreatiesEvent *self = (TreatiesEvent *) object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->description, g_free);
  g_clear_pointer (&self->href, g_free);
  g_clear_pointer (&self->section_ids, g_strfreev);

  G_OBJECT_CLASS (treaties_event_parent_class)->finalize (object);
}

static void
treaties_event_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  TreatiesEvent *self = TREATIES_EVENT (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_DESCRIPTION:
      g_value_set_string (value, self->description);
      break;
    case PROP_PRIMARY:
      g_value_set_boolean (value, self->primary);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
treaties_event_class_init (TreatiesEventClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = treaties_event_finalize;
  object_class->get_property = treaties_event_get_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_PRIMARY] =
    g_param_spec_boolean ("primary", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
treaties_event_init (TreatiesEvent *self)
{
}

TreatiesEvent *
treaties_event_new (const char         *id,
                    TreatiesDay         date,
                    const char         *title,
                    const char         *description,
                    const char * const *section_ids,
                    gboolean            primary,
                    const char         *href)
{
  TreatiesDateSpan span;

  treaties_date_span_init_day (&span, date);
  return treaties_event_new_span (id, &span, title, description, section_ids, primary, href);
}

TreatiesEvent *
treaties_event_new_span (const char             *id,
                         const TreatiesDateSpan *span,
                         const char             *title,
                         const char             *description,
                         const char * const     *section_ids,
                         gboolean                primary,
                         const char             *href)
{
  TreatiesEvent *self;

  g_return_val_if_fail (id != NULL && title != NULL && span != NULL, NULL);

  self = g_object_new (TREATIES_TYPE_EVENT, NULL);
  self->id = g_strdup (id);
  self->span = *span;
  self->title = g_strdup (title);
  self->description = g_strdup (description);
  self->section_ids = section_ids ? g_strdupv ((char **) section_ids) : g_new0 (char *, 1);
  self->primary = !!primary;
  self->href = g_strdup (href);
  return self;
}

const char *
treaties_event_get_id (TreatiesEvent *self)
{
  g_return_val_if_fail (TREATIES_IS_EVENT (self), NULL);
  return self->id;
}

TreatiesDay
treaties_event_get_date (TreatiesEvent *self)
{
  g_return_val_if_fail (TREATIES_IS_EVENT (self), 0);
  return self->span.start;
}

const TreatiesDateSpan *
treaties_event_get_span (TreatiesEvent *self)
{
  g_return_val_if_fail (TREATIES_IS_EVENT (self), NULL);
  return &self->span;
}

char *
treaties_event_format_date (TreatiesEvent *self)
{
  g_return_val_if_fail (TREATIES_IS_EVENT (self), NULL);
  return treaties_date_span_format (&self->span);
}

const char *
treaties_event_get_title (TreatiesEvent *self)
{
  g_return_val_if_fail (TREATIES_IS_EVENT (self), NULL);
  return self->title;
}

const char *
treaties_event_get_description (TreatiesEvent *self)
{
  g_return_val_if_fail (TREATIES_IS_EVENT (self), NULL);
  return self->description;
}

const char * const *
treaties_event_get_section_ids (TreatiesEvent *self)
{
  g_return_val_if_fail (TREATIES_IS_EVENT (self), NULL);
  return (const char * const *) self->section_ids;
}

gboolean
treaties_event_get_primary (TreatiesEvent *self)
{
  g_return_val_if_fail (TREATIES_IS_EVENT (self), FALSE);
  return self->primary;
}

const char *
treaties_event_get_href (TreatiesEvent *self)
{
  g_return_val_if_fail (TREATIES_IS_EVENT (self), NULL);
  return self->href;
}
