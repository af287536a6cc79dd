/* treaties-array-model.h: a list model over an array, filled once
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define TREATIES_TYPE_ARRAY_MODEL (treaties_array_model_get_type ())

G_DECLARE_FINAL_TYPE (TreatiesArrayModel, treaties_array_model, TREATIES, ARRAY_MODEL, GObject)

TreatiesArrayModel *treaties_array_model_new    (GType               item_type);
void                treaties_array_model_append (TreatiesArrayModel *self,
                                                 gpointer           *items,
                                                 guint               n_items);

G_END_DECLS
