/* treaties-era.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "treaties-era.h"

struct _TreatiesEra
{
  GObject      parent_instance;

  char        *id;
  char        *title;
  TreatiesDateSpan span;
};

G_DEFINE_FINAL_TYPE (TreatiesEra, treaties_era, G_TYPE_OBJECT)

static void
treaties_era_finalize (GObject *object)
{
  TreatiesEra *self = (TreatiesEra *) object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->title, g_free);

  G_OBJECT_CLASS (treaties_era_parent_class)->finalize (object);
}

static void
treaties_era_class_init (TreatiesEraClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = treaties_era_finalize;
}

static void
treaties_era_init (TreatiesEra *self)
{
}

TreatiesEra *
treaties_era_new (const char  *id,
                  const char  *title,
                  TreatiesDay  start,
                  TreatiesDay  end)
{
  TreatiesDateSpan span;

  treaties_date_span_init_day (&span, start);
  span.end = end;
  span.interval = TRUE;
  return treaties_era_new_span (id, title, &span);
}

TreatiesEra *
treaties_era_new_span (const char             *id,
                       const char             *title,
                       const TreatiesDateSpan *span)
{
  TreatiesEra *self;

  g_return_val_if_fail (id != NULL && title != NULL && span != NULL, NULL);

  self = g_object_new (TREATIES_TYPE_ERA, NULL);
  self->id = g_strdup (id);
  self->title = g_strdup (title);
  self->span = *span;
  return self;
}

const TreatiesDateSpan *
treaties_era_get_span (TreatiesEra *self)
{
  g_return_val_if_fail (TREATIES_IS_ERA (self), NULL);
  return &self->span;
}

const char *
treaties_era_get_id (TreatiesEra *self)
{
  g_return_val_if_fail (TREATIES_IS_ERA (self), NULL);
  return self->id;
}

const char *
treaties_era_get_title (TreatiesEra *self)
{
  g_return_val_if_fail (TREATIES_IS_ERA (self), NULL);
  return self->title;
}

TreatiesDay
treaties_era_get_start (TreatiesEra *self)
{
  g_return_val_if_fail (TREATIES_IS_ERA (self), 0);
  return self->span.start;
}

TreatiesDay
treaties_era_get_end (TreatiesEra *self)
{
  g_return_val_if_fail (TREATIES_IS_ERA (self), 0);
  return self->span.end;
}
