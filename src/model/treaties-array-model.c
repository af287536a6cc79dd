/* treaties-array-model.c
 *
 * The model's lists (sections, blocks, events…) are built once by the loader
 * and never edited. GListStore keeps a balanced tree for inserting anywhere,
 * which an article of many thousand items paid for at every load; an array
 * gives the same GListModel with O(1) lookup and one allocation per list.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "treaties-array-model.h"

struct _TreatiesArrayModel
{
  GObject    parent_instance;

  GType      item_type;
  GPtrArray *items;
};

static void treaties_array_model_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TreatiesArrayModel, treaties_array_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      treaties_array_model_list_model_init))

static GType
treaties_array_model_get_item_type (GListModel *model)
{
  return TREATIES_ARRAY_MODEL (model)->item_type;
}

static guint
treaties_array_model_get_n_items (GListModel *model)
{
  return TREATIES_ARRAY_MODEL (model)->items->len;
}

static gpointer
treaties_array_model_get_item (GListModel *model,
                               guint       position)
{
  TreatiesArrayModel *self = TREATIES_ARRAY_MODEL (model);

  if (position >= self->items->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->items, position));
}

static void
treaties_array_model_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = treaties_array_model_get_item_type;
  iface->get_n_items = treaties_array_model_get_n_items;
  iface->get_item = treaties_array_model_get_item;
}

static void
treaties_array_model_finalize (GObject *object)
{
  TreatiesArrayModel *self = (TreatiesArrayModel *) object;

  g_ptr_array_unref (self->items);

  G_OBJECT_CLASS (treaties_array_model_parent_class)->finalize (object);
}

static void
treaties_array_model_class_init (TreatiesArrayModelClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = treaties_array_model_finalize;
}

static void
treaties_array_model_init (TreatiesArrayModel *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
}

TreatiesArrayModel *
treaties_array_model_new (GType item_type)
{
  TreatiesArrayModel *self;

  g_return_val_if_fail (g_type_is_a (item_type, G_TYPE_OBJECT), NULL);

  self = g_object_new (TREATIES_TYPE_ARRAY_MODEL, NULL);
  self->item_type = item_type;
  return self;
}

/* Appends @items (each of the item type), taking a reference to each. */
void
treaties_array_model_append (TreatiesArrayModel *self,
                             gpointer           *items,
                             guint               n_items)
{
  guint position;

  g_return_if_fail (TREATIES_IS_ARRAY_MODEL (self));
  g_return_if_fail (items != NULL || n_items == 0);

  for (guint i = 0; i < n_items; i++)
    g_return_if_fail (G_TYPE_CHECK_INSTANCE_TYPE (items[i], self->item_type));
  if (n_items == 0)
    return;

  position = self->items->len;
  g_ptr_array_set_size (self->items, position + n_items);
  for (guint i = 0; i < n_items; i++)
    self->items->pdata[position + i] = g_object_ref (items[i]);
  g_list_model_items_changed (G_LIST_MODEL (self), position, 0, n_items);
}
