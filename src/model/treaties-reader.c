/* treaties-reader.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "treaties-reader.h"

/* Enough to retrace an afternoon's reading; older places fall off. */
#define MAX_HISTORY 100

typedef struct {
  TreatiesArticle *article;
  GFile           *file;
  TreatiesSection *section;
  guint            block;
} Place;

struct _TreatiesReader
{
  GObject        parent_instance;

  Place          here;       /* article NULL until the first open */
  GPtrArray     *back;       /* Place, oldest first */
  GPtrArray     *forward;    /* Place, the next one last */
  Place         *search_origin;

  TreatiesEvent *selected_event;
  TreatiesEvent *activated_event;  /* whose passages are being cycled */
  guint          passage_index;
};

enum {
  PROP_0,
  PROP_ARTICLE,
  PROP_SECTION,
  PROP_CAN_GO_BACK,
  PROP_CAN_GO_FORWARD,
  PROP_SELECTED_EVENT,
  N_PROPS
};

enum {
  MOVED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_ENUM_TYPE (TreatiesMoveReason, treaties_move_reason,
  G_DEFINE_ENUM_VALUE (TREATIES_MOVE_JUMP, "jump"),
  G_DEFINE_ENUM_VALUE (TREATIES_MOVE_HISTORY, "history"),
  G_DEFINE_ENUM_VALUE (TREATIES_MOVE_SCROLL, "scroll"),
  G_DEFINE_ENUM_VALUE (TREATIES_MOVE_OPEN, "open"))

G_DEFINE_FINAL_TYPE (TreatiesReader, treaties_reader, G_TYPE_OBJECT)

static void
place_clear (Place *place)
{
  g_clear_object (&place->article);
  g_clear_object (&place->file);
  g_clear_object (&place->section);
  place->block = 0;
}

static void
place_free (Place *place)
{
  place_clear (place);
  g_free (place);
}

static Place *
place_copy (const Place *place)
{
  Place *copy = g_new0 (Place, 1);

  g_set_object (&copy->article, place->article);
  g_set_object (&copy->file, place->file);
  g_set_object (&copy->section, place->section);
  copy->block = place->block;
  return copy;
}

static gboolean
place_equal (const Place *a,
             const Place *b)
{
  return a->article == b->article && a->section == b->section && a->block == b->block;
}

static guint
n_blocks (TreatiesSection *section)
{
  return g_list_model_get_n_items (treaties_section_get_blocks (section));
}

static TreatiesSection *
first_section (TreatiesArticle *article)
{
  GListModel *outline = treaties_article_get_outline (article);
  g_autoptr(TreatiesSection) section = g_list_model_get_item (outline, 0);

  /* The article owns its sections for as long as it lives. */
  return section;
}

/* A block index that exists in @section (0 for a section with none). */
static guint
clamp_block (TreatiesSection *section,
             guint            block)
{
  guint n = section != NULL ? n_blocks (section) : 0;

  return n == 0 ? 0 : MIN (block, n - 1);
}

/* @section/@block of the article being read (refs borrowed from it). */
static Place
place_here (TreatiesReader  *self,
            TreatiesSection *section,
            guint            block)
{
  return (Place) { self->here.article, self->here.file, section, clamp_block (section, block) };
}

static void
push (GPtrArray   *stack,
      const Place *place)
{
  if (stack->len > 0 && place_equal (g_ptr_array_index (stack, stack->len - 1), place))
    return;
  if (stack->len == MAX_HISTORY)
    g_ptr_array_remove_index (stack, 0);
  g_ptr_array_add (stack, place_copy (place));
}

static void
notify_history (TreatiesReader *self,
                gboolean        could_go_back,
                gboolean        could_go_forward)
{
  if (could_go_back != (self->back->len > 0))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_GO_BACK]);
  if (could_go_forward != (self->forward->len > 0))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_GO_FORWARD]);
}

static void
set_selected_event (TreatiesReader *self,
                    TreatiesEvent  *event)
{
  if (g_set_object (&self->selected_event, event))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_EVENT]);
}

/* Moves to @place (taking its refs' values, not its ownership) and says so.
 * A new article is announced before the move, so the views hold its text
 * by the time they scroll to the place. */
static void
move_to (TreatiesReader     *self,
         const Place        *place,
         TreatiesMoveReason  reason)
{
  gboolean new_article = place->article != self->here.article;
  gboolean new_section = place->section != self->here.section;

  if (place_equal (place, &self->here) && reason == TREATIES_MOVE_SCROLL)
    return;

  g_object_freeze_notify (G_OBJECT (self));
  g_set_object (&self->here.article, place->article);
  g_set_object (&self->here.file, place->file);
  g_set_object (&self->here.section, place->section);
  self->here.block = place->block;
  if (new_article)
    {
      self->activated_event = NULL;
      set_selected_event (self, NULL);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ARTICLE]);
    }
  if (new_section)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SECTION]);
  g_object_thaw_notify (G_OBJECT (self));

  g_signal_emit (self, signals[MOVED], 0, reason);
}

/* A jump: the place left goes into the history, what was ahead is gone. */
static void
jump_to (TreatiesReader     *self,
         const Place        *place,
         TreatiesMoveReason  reason)
{
  gboolean could_go_back = self->back->len > 0;
  gboolean could_go_forward = self->forward->len > 0;

  if (self->here.article != NULL && !place_equal (place, &self->here))
    {
      push (self->back, &self->here);
      g_ptr_array_set_size (self->forward, 0);
    }
  move_to (self, place, reason);
  notify_history (self, could_go_back, could_go_forward);
}

static gboolean
step (TreatiesReader *self,
      GPtrArray      *from,
      GPtrArray      *to)
{
  gboolean could_go_back = self->back->len > 0;
  gboolean could_go_forward = self->forward->len > 0;
  Place *place;

  if (from->len == 0)
    return FALSE;
  treaties_reader_end_search (self);
  place = g_ptr_array_steal_index (from, from->len - 1);
  push (to, &self->here);
  move_to (self, place, TREATIES_MOVE_HISTORY);
  place_free (place);
  notify_history (self, could_go_back, could_go_forward);
  return TRUE;
}

static void
treaties_reader_dispose (GObject *object)
{
  TreatiesReader *self = TREATIES_READER (object);

  place_clear (&self->here);
  g_clear_pointer (&self->search_origin, place_free);
  if (self->back != NULL)
    g_ptr_array_set_size (self->back, 0);
  if (self->forward != NULL)
    g_ptr_array_set_size (self->forward, 0);
  g_clear_object (&self->selected_event);
  self->activated_event = NULL;

  G_OBJECT_CLASS (treaties_reader_parent_class)->dispose (object);
}

static void
treaties_reader_finalize (GObject *object)
{
  TreatiesReader *self = TREATIES_READER (object);

  g_clear_pointer (&self->back, g_ptr_array_unref);
  g_clear_pointer (&self->forward, g_ptr_array_unref);

  G_OBJECT_CLASS (treaties_reader_parent_class)->finalize (object);
}

static void
treaties_reader_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  TreatiesReader *self = TREATIES_READER (object);

  switch (prop_id)
    {
    case PROP_ARTICLE:
      g_value_set_object (value, self->here.article);
      break;
    case PROP_SECTION:
      g_value_set_object (value, self->here.section);
      break;
    case PROP_CAN_GO_BACK:
      g_value_set_boolean (value, self->back->len > 0);
      break;
    case PROP_CAN_GO_FORWARD:
      g_value_set_boolean (value, self->forward->len > 0);
      break;
    case PROP_SELECTED_EVENT:
      g_value_set_object (value, self->selected_event);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
treaties_reader_class_init (TreatiesReaderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = treaties_reader_dispose;
  object_class->finalize = treaties_reader_finalize;
  object_class->get_property = treaties_reader_get_property;

  properties[PROP_ARTICLE] =
    g_param_spec_object ("article", NULL, NULL, TREATIES_TYPE_ARTICLE,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SECTION] =
    g_param_spec_object ("section", NULL, NULL, TREATIES_TYPE_SECTION,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_CAN_GO_BACK] =
    g_param_spec_boolean ("can-go-back", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_CAN_GO_FORWARD] =
    g_param_spec_boolean ("can-go-forward", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SELECTED_EVENT] =
    g_param_spec_object ("selected-event", NULL, NULL, TREATIES_TYPE_EVENT,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* TreatiesReader::moved: the place being read changed, for @reason. */
  signals[MOVED] =
    g_signal_new ("moved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, TREATIES_TYPE_MOVE_REASON);
}

static void
treaties_reader_init (TreatiesReader *self)
{
  self->back = g_ptr_array_new_with_free_func ((GDestroyNotify) place_free);
  self->forward = g_ptr_array_new_with_free_func ((GDestroyNotify) place_free);
}

TreatiesReader *
treaties_reader_new (void)
{
  return g_object_new (TREATIES_TYPE_READER, NULL);
}

TreatiesArticle *
treaties_reader_get_article (TreatiesReader *self)
{
  g_return_val_if_fail (TREATIES_IS_READER (self), NULL);
  return self->here.article;
}

GFile *
treaties_reader_get_file (TreatiesReader *self)
{
  g_return_val_if_fail (TREATIES_IS_READER (self), NULL);
  return self->here.file;
}

TreatiesSection *
treaties_reader_get_section (TreatiesReader *self)
{
  g_return_val_if_fail (TREATIES_IS_READER (self), NULL);
  return self->here.section;
}

guint
treaties_reader_get_block (TreatiesReader *self)
{
  g_return_val_if_fail (TREATIES_IS_READER (self), 0);
  return self->here.block;
}

gboolean
treaties_reader_get_can_go_back (TreatiesReader *self)
{
  g_return_val_if_fail (TREATIES_IS_READER (self), FALSE);
  return self->back->len > 0;
}

gboolean
treaties_reader_get_can_go_forward (TreatiesReader *self)
{
  g_return_val_if_fail (TREATIES_IS_READER (self), FALSE);
  return self->forward->len > 0;
}

void
treaties_reader_open (TreatiesReader  *self,
                      TreatiesArticle *article,
                      GFile           *file,
                      TreatiesSection *section,
                      guint            block)
{
  Place place = { article, file, section, 0 };

  g_return_if_fail (TREATIES_IS_READER (self));
  g_return_if_fail (TREATIES_IS_ARTICLE (article));
  g_return_if_fail (file == NULL || G_IS_FILE (file));
  g_return_if_fail (section == NULL || TREATIES_IS_SECTION (section));

  treaties_reader_end_search (self);
  if (place.section == NULL)
    place = (Place) { article, file, first_section (article), 0 };
  else
    place.block = clamp_block (place.section, block);
  jump_to (self, &place, TREATIES_MOVE_OPEN);
}

void
treaties_reader_jump (TreatiesReader  *self,
                      TreatiesSection *section,
                      guint            block)
{
  Place place;

  g_return_if_fail (TREATIES_IS_READER (self));
  g_return_if_fail (TREATIES_IS_SECTION (section));
  g_return_if_fail (self->here.article != NULL);

  treaties_reader_end_search (self);
  place = place_here (self, section, block);
  jump_to (self, &place, TREATIES_MOVE_JUMP);
}

void
treaties_reader_follow (TreatiesReader  *self,
                        TreatiesSection *section,
                        guint            block)
{
  Place place;

  g_return_if_fail (TREATIES_IS_READER (self));
  g_return_if_fail (TREATIES_IS_SECTION (section));
  g_return_if_fail (self->here.article != NULL);

  place = place_here (self, section, block);
  move_to (self, &place, TREATIES_MOVE_SCROLL);
}

gboolean
treaties_reader_go_back (TreatiesReader *self)
{
  g_return_val_if_fail (TREATIES_IS_READER (self), FALSE);
  return step (self, self->back, self->forward);
}

gboolean
treaties_reader_go_forward (TreatiesReader *self)
{
  g_return_val_if_fail (TREATIES_IS_READER (self), FALSE);
  return step (self, self->forward, self->back);
}

TreatiesEvent *
treaties_reader_get_selected_event (TreatiesReader *self)
{
  g_return_val_if_fail (TREATIES_IS_READER (self), NULL);
  return self->selected_event;
}

void
treaties_reader_select_event (TreatiesReader *self,
                              TreatiesEvent  *event)
{
  g_return_if_fail (TREATIES_IS_READER (self));
  g_return_if_fail (event == NULL || TREATIES_IS_EVENT (event));

  if (event != self->activated_event)
    self->activated_event = NULL;
  set_selected_event (self, event);
}

const TreatiesPassage *
treaties_reader_activate_event (TreatiesReader *self,
                                TreatiesEvent  *event)
{
  const TreatiesPassage *passage;
  GPtrArray *passages;
  Place place;

  g_return_val_if_fail (TREATIES_IS_READER (self), NULL);
  g_return_val_if_fail (TREATIES_IS_EVENT (event), NULL);
  g_return_val_if_fail (self->here.article != NULL, NULL);

  passages = treaties_article_get_passages (self->here.article, event);
  set_selected_event (self, event);
  if (passages->len == 0)
    {
      self->activated_event = NULL;
      return NULL;
    }
  if (self->activated_event == event)
    self->passage_index = (self->passage_index + 1) % passages->len;
  else
    self->passage_index = 0;
  self->activated_event = event;

  passage = g_ptr_array_index (passages, self->passage_index);
  treaties_reader_end_search (self);
  place = place_here (self, passage->section, passage->block);
  jump_to (self, &place, TREATIES_MOVE_JUMP);
  return passage;
}

const TreatiesPassage *
treaties_reader_show_passage (TreatiesReader *self,
                              TreatiesEvent  *event,
                              guint           index,
                              gboolean        jump)
{
  const TreatiesPassage *passage;
  GPtrArray *passages;
  Place place;

  g_return_val_if_fail (TREATIES_IS_READER (self), NULL);
  g_return_val_if_fail (TREATIES_IS_EVENT (event), NULL);
  g_return_val_if_fail (self->here.article != NULL, NULL);

  passages = treaties_article_get_passages (self->here.article, event);
  if (passages == NULL || index >= passages->len)
    return NULL;
  set_selected_event (self, event);
  self->activated_event = event;
  self->passage_index = index;
  passage = g_ptr_array_index (passages, index);
  if (jump)
    {
      treaties_reader_end_search (self);
      place = place_here (self, passage->section, passage->block);
      jump_to (self, &place, TREATIES_MOVE_JUMP);
    }
  return passage;
}

gboolean
treaties_reader_get_passage_index (TreatiesReader *self,
                                   guint          *index,
                                   guint          *n_passages)
{
  g_return_val_if_fail (TREATIES_IS_READER (self), FALSE);

  if (self->activated_event == NULL || self->activated_event != self->selected_event)
    return FALSE;
  if (index != NULL)
    *index = self->passage_index;
  if (n_passages != NULL)
    *n_passages = treaties_article_get_passages (self->here.article, self->activated_event)->len;
  return TRUE;
}

void
treaties_reader_begin_search (TreatiesReader *self)
{
  g_return_if_fail (TREATIES_IS_READER (self));

  if (self->search_origin == NULL && self->here.article != NULL)
    self->search_origin = place_copy (&self->here);
}

void
treaties_reader_search_moved (TreatiesReader  *self,
                              TreatiesSection *section,
                              guint            block)
{
  Place place;

  g_return_if_fail (TREATIES_IS_READER (self));
  g_return_if_fail (TREATIES_IS_SECTION (section));
  g_return_if_fail (self->here.article != NULL);

  treaties_reader_begin_search (self);
  place = place_here (self, section, block);
  /* The view scrolls to each match, but only the search as a whole is
   * one step back. */
  move_to (self, &place, TREATIES_MOVE_JUMP);
}

void
treaties_reader_end_search (TreatiesReader *self)
{
  gboolean could_go_back, could_go_forward;

  g_return_if_fail (TREATIES_IS_READER (self));

  if (self->search_origin == NULL)
    return;
  could_go_back = self->back->len > 0;
  could_go_forward = self->forward->len > 0;
  if (self->search_origin->article == self->here.article &&
      !place_equal (self->search_origin, &self->here))
    {
      push (self->back, self->search_origin);
      g_ptr_array_set_size (self->forward, 0);
    }
  g_clear_pointer (&self->search_origin, place_free);
  notify_history (self, could_go_back, could_go_forward);
}

GVariant *
treaties_reader_save_place (TreatiesReader *self,
                            GVariant       *saved)
{
  GVariantBuilder builder;
  const char *id;
  guint kept = 0;

  g_return_val_if_fail (TREATIES_IS_READER (self), NULL);

  if (saved != NULL && !g_variant_is_of_type (saved, G_VARIANT_TYPE (TREATIES_READER_SAVED_TYPE)))
    saved = NULL;
  if (self->here.article == NULL)
    return saved != NULL ? g_variant_ref_sink (saved)
                         : g_variant_ref_sink (g_variant_new_array (G_VARIANT_TYPE ("(ssu)"), NULL, 0));

  id = treaties_article_get_id (self->here.article);
  g_variant_builder_init (&builder, G_VARIANT_TYPE (TREATIES_READER_SAVED_TYPE));
  g_variant_builder_add (&builder, "(ssu)", id,
                         treaties_section_get_id (self->here.section), self->here.block);
  kept++;
  if (saved != NULL)
    {
      GVariantIter iter;
      const char *other, *section;
      guint block;

      g_variant_iter_init (&iter, saved);
      while (kept < TREATIES_READER_MAX_SAVED &&
             g_variant_iter_next (&iter, "(&s&su)", &other, &section, &block))
        {
          if (g_str_equal (other, id))
            continue;
          g_variant_builder_add (&builder, "(ssu)", other, section, block);
          kept++;
        }
    }
  return g_variant_ref_sink (g_variant_builder_end (&builder));
}

gboolean
treaties_reader_find_saved_place (GVariant         *saved,
                                  TreatiesArticle  *article,
                                  TreatiesSection **section,
                                  guint            *block)
{
  GVariantIter iter;
  const char *id, *section_id;
  guint saved_block;

  g_return_val_if_fail (TREATIES_IS_ARTICLE (article), FALSE);
  g_return_val_if_fail (section != NULL && block != NULL, FALSE);

  if (saved == NULL || !g_variant_is_of_type (saved, G_VARIANT_TYPE (TREATIES_READER_SAVED_TYPE)))
    return FALSE;

  g_variant_iter_init (&iter, saved);
  while (g_variant_iter_next (&iter, "(&s&su)", &id, &section_id, &saved_block))
    {
      TreatiesSection *found;

      if (!g_str_equal (id, treaties_article_get_id (article)))
        continue;
      found = treaties_article_lookup_section (article, section_id);
      if (found == NULL)
        {
          /* The article changed since: start it again rather than guess. */
          *section = first_section (article);
          *block = 0;
        }
      else
        {
          *section = found;
          *block = clamp_block (found, saved_block);
        }
      return *section != NULL;
    }
  return FALSE;
}
