/* treaties-section.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "treaties-section.h"
#include "treaties-array-model.h"

struct _TreatiesSection
{
  GObject          parent_instance;

  char            *id;
  char            *title;
  TreatiesSection *parent; /* weak: the parent owns us */
  TreatiesArrayModel *blocks;
  TreatiesArrayModel *subsections;
};

enum {
  PROP_0,
  PROP_ID,
  PROP_TITLE,
  PROP_DEPTH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (TreatiesSection, treaties_section, G_TYPE_OBJECT)

static void
treaties_section_finalize (GObject *object)
{
  TreatiesSection *self = (TreatiesSection *) object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_object (&self->blocks);
  g_clear_object (&self->subsections);

  G_OBJECT_CLASS (treaties_section_parent_class)->finalize (object);
}

static void
treaties_section_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  TreatiesSection *self = TREATIES_SECTION (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_DEPTH:
      g_value_set_uint (value, treaties_section_get_depth (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
treaties_section_class_init (TreatiesSectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = treaties_section_finalize;
  object_class->get_property = treaties_section_get_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_DEPTH] =
    g_param_spec_uint ("depth", NULL, NULL, 0, 1, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
treaties_section_init (TreatiesSection *self)
{
  self->blocks = treaties_array_model_new (TREATIES_TYPE_BLOCK);
  self->subsections = treaties_array_model_new (TREATIES_TYPE_SECTION);
}

TreatiesSection *
treaties_section_new (const char *id,
                      const char *title)
{
  TreatiesSection *self;

  g_return_val_if_fail (id != NULL, NULL);
  g_return_val_if_fail (title != NULL, NULL);

  self = g_object_new (TREATIES_TYPE_SECTION, NULL);
  self->id = g_strdup (id);
  self->title = g_strdup (title);
  return self;
}

const char *
treaties_section_get_id (TreatiesSection *self)
{
  g_return_val_if_fail (TREATIES_IS_SECTION (self), NULL);
  return self->id;
}

const char *
treaties_section_get_title (TreatiesSection *self)
{
  g_return_val_if_fail (TREATIES_IS_SECTION (self), NULL);
  return self->title;
}

guint
treaties_section_get_depth (TreatiesSection *self)
{
  g_return_val_if_fail (TREATIES_IS_SECTION (self), 0);
  return self->parent != NULL ? 1 : 0;
}

TreatiesSection *
treaties_section_get_parent (TreatiesSection *self)
{
  g_return_val_if_fail (TREATIES_IS_SECTION (self), NULL);
  return self->parent;
}

GListModel *
treaties_section_get_blocks (TreatiesSection *self)
{
  g_return_val_if_fail (TREATIES_IS_SECTION (self), NULL);
  return G_LIST_MODEL (self->blocks);
}

GListModel *
treaties_section_get_subsections (TreatiesSection *self)
{
  g_return_val_if_fail (TREATIES_IS_SECTION (self), NULL);
  return G_LIST_MODEL (self->subsections);
}

void
treaties_section_append_blocks (TreatiesSection *self,
                                GPtrArray       *blocks)
{
  g_return_if_fail (TREATIES_IS_SECTION (self));
  g_return_if_fail (blocks != NULL);

  treaties_array_model_append (self->blocks, blocks->pdata, blocks->len);
}

void
treaties_section_append_subsections (TreatiesSection *self,
                                     GPtrArray       *children)
{
  g_return_if_fail (TREATIES_IS_SECTION (self));
  g_return_if_fail (children != NULL);
  g_return_if_fail (self->parent == NULL); /* one level of nesting */

  for (guint i = 0; i < children->len; i++)
    {
      TreatiesSection *child = g_ptr_array_index (children, i);

      g_return_if_fail (TREATIES_IS_SECTION (child) && child->parent == NULL);
    }
  for (guint i = 0; i < children->len; i++)
    ((TreatiesSection *) g_ptr_array_index (children, i))->parent = self;
  treaties_array_model_append (self->subsections, children->pdata, children->len);
}
