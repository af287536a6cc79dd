/* treaties-block.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "treaties-block.h"

struct _TreatiesBlock
{
  GObject            parent_instance;

  TreatiesBlockKind  kind;
  char              *label;
  GPtrArray         *items; /* of GPtrArray of TreatiesRun */
};

G_DEFINE_FINAL_TYPE (TreatiesBlock, treaties_block, G_TYPE_OBJECT)

static void
treaties_block_finalize (GObject *object)
{
  TreatiesBlock *self = (TreatiesBlock *) object;

  g_clear_pointer (&self->label, g_free);
  g_clear_pointer (&self->items, g_ptr_array_unref);

  G_OBJECT_CLASS (treaties_block_parent_class)->finalize (object);
}

static void
treaties_block_class_init (TreatiesBlockClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = treaties_block_finalize;
}

static void
treaties_block_init (TreatiesBlock *self)
{
  self->items = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
}

TreatiesBlock *
treaties_block_new (TreatiesBlockKind  kind,
                    const char        *label)
{
  TreatiesBlock *self = g_object_new (TREATIES_TYPE_BLOCK, NULL);

  self->kind = kind;
  self->label = g_strdup (label);
  return self;
}

/* Takes a reference on @runs. */
void
treaties_block_add_item (TreatiesBlock *self,
                         GPtrArray     *runs)
{
  g_return_if_fail (TREATIES_IS_BLOCK (self));
  g_return_if_fail (runs != NULL);

  g_ptr_array_add (self->items, g_ptr_array_ref (runs));
}

TreatiesBlockKind
treaties_block_get_kind (TreatiesBlock *self)
{
  g_return_val_if_fail (TREATIES_IS_BLOCK (self), TREATIES_BLOCK_PARAGRAPH);
  return self->kind;
}

const char *
treaties_block_get_label (TreatiesBlock *self)
{
  g_return_val_if_fail (TREATIES_IS_BLOCK (self), NULL);
  return self->label;
}

guint
treaties_block_get_n_items (TreatiesBlock *self)
{
  g_return_val_if_fail (TREATIES_IS_BLOCK (self), 0);
  return self->items->len;
}

GPtrArray *
treaties_block_get_item (TreatiesBlock *self,
                         guint          index)
{
  g_return_val_if_fail (TREATIES_IS_BLOCK (self), NULL);
  g_return_val_if_fail (index < self->items->len, NULL);
  return g_ptr_array_index (self->items, index);
}

/* The block's text with items separated by newlines; no label. */
char *
treaties_block_dup_text (TreatiesBlock *self)
{
  GString *s;

  g_return_val_if_fail (TREATIES_IS_BLOCK (self), NULL);

  s = g_string_new (NULL);
  for (guint i = 0; i < self->items->len; i++)
    {
      g_autofree char *item = treaties_runs_to_plain (g_ptr_array_index (self->items, i));

      if (i > 0)
        g_string_append_c (s, '\n');
      g_string_append (s, item);
    }
  return g_string_free (s, FALSE);
}

const char *
treaties_block_kind_to_string (TreatiesBlockKind kind)
{
  switch (kind)
    {
    case TREATIES_BLOCK_PARAGRAPH:    return "paragraph";
    case TREATIES_BLOCK_LIST:         return "list";
    case TREATIES_BLOCK_CALLOUT:      return "callout";
    case TREATIES_BLOCK_READING_LIST: return "reading-list";
    case TREATIES_BLOCK_EDITOR_NOTE:  return "editor-note";
    default:                          g_return_val_if_reached (NULL);
    }
}
