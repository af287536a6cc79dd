/* treaties-article.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>

#include <glib/gi18n-lib.h>

#include "treaties-article-private.h"
#include "treaties-array-model.h"

struct _TreatiesArticle
{
  GObject      parent_instance;

  char        *id;
  char        *title;
  char        *author;
  char        *summary;
  char        *language;
  TreatiesDay  date;
  TreatiesSection *date_note;

  TreatiesArrayModel *sections;  /* top level */
  TreatiesArrayModel *outline;   /* sections and subsections, reading order */
  GHashTable  *section_by_id;

  TreatiesDay  timeline_start;
  TreatiesDay  timeline_end;
  TreatiesArrayModel *eras;
  TreatiesArrayModel *events;
  GHashTable  *event_by_id;
  GPtrArray   *events_in_file;  /* borrowed, in the file's order */

  /* Event id → GPtrArray of TreatiesPassage: the marked words, or for an
   * event marked nowhere its sections. Made once, when first asked for
   * (loading does not pay for it), under g_once_init_enter() so that threads
   * sharing the article (the PDF export runs on a worker) never race on it;
   * read only after that. Ids are borrowed from the runs and the events. */
  gsize        passages_made;
  GHashTable  *passages;
  GPtrArray   *no_passages;  /* for an event with neither */

  /* Section id → GArray of guint, the positions in @events of the events
   * that name it; made once, when first asked for, like the passages. Ids
   * are borrowed from the events. */
  gsize        section_events_made;
  GHashTable  *section_events;
};

enum {
  PROP_0,
  PROP_ID,
  PROP_TITLE,
  PROP_AUTHOR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (TreatiesArticle, treaties_article, G_TYPE_OBJECT)

G_DEFINE_QUARK (treaties-article-error-quark, treaties_article_error)

/* Items with their first and last day, sorted by the first, then the last,
 * then by their place in the file (stable). The day is read once per item rather than twice per comparison,
 * and an article already in order, as most are, is not sorted at all. */
typedef struct
{
  TreatiesDay day;
  TreatiesDay last;
  guint       index;
  gpointer    item;
} DayItem;

static int
compare_day_items (const void *a,
                   const void *b)
{
  const DayItem *x = a, *y = b;

  if (x->day != y->day)
    return (x->day > y->day) - (x->day < y->day);
  if (x->last != y->last)
    return (x->last > y->last) - (x->last < y->last);
  return (x->index > y->index) - (x->index < y->index);
}

static void
sort_by_day (GPtrArray   *items,
             TreatiesDay *days,
             TreatiesDay *lasts)
{
  g_autofree DayItem *keyed = NULL;
  gboolean sorted = TRUE;

  for (guint i = 1; i < items->len && sorted; i++)
    sorted = days[i - 1] < days[i] ||
             (days[i - 1] == days[i] && lasts[i - 1] <= lasts[i]);
  if (sorted)
    return;

  keyed = g_new (DayItem, items->len);
  for (guint i = 0; i < items->len; i++)
    keyed[i] = (DayItem) { days[i], lasts[i], i, items->pdata[i] };
  qsort (keyed, items->len, sizeof (DayItem), compare_day_items);
  for (guint i = 0; i < items->len; i++)
    items->pdata[i] = keyed[i].item;
}

/* The marks in item @i of @block, if it has any, into self->passages. */
static void
index_marks (TreatiesArticle *self,
             TreatiesSection *section,
             guint            b,
             TreatiesBlock   *block,
             guint            i)
{
  GPtrArray *runs = treaties_block_get_item (block, i);
  /* The passage of the run before, when that run is a mark: adjacent runs
   * marking the same event are one passage. */
  TreatiesPassage *last = NULL;
  const char *last_id = NULL;
  guint offset = 0, r;

  /* Most items have none: no counting of characters for them. */
  for (r = 0; r < runs->len; r++)
    if (((const TreatiesRun *) g_ptr_array_index (runs, r))->event_id != NULL)
      break;
  if (r == runs->len)
    return;

  for (r = 0; r < runs->len; r++)
    {
      const TreatiesRun *run = g_ptr_array_index (runs, r);
      guint length = g_utf8_strlen (run->text, -1);

      if (run->event_id == NULL)
        last = NULL;
      else if (last != NULL && g_str_equal (last_id, run->event_id))
        {
          last->run_end = r + 1;
          last->end = offset + length;
        }
      else
        {
          GPtrArray *passages = g_hash_table_lookup (self->passages, run->event_id);
          TreatiesPassage *passage = g_new0 (TreatiesPassage, 1);

          if (passages == NULL)
            {
              passages = g_ptr_array_new_with_free_func ((GDestroyNotify) treaties_passage_free);
              g_hash_table_insert (self->passages, run->event_id, passages);
            }
          passage->section = g_object_ref (section);
          passage->marked = TRUE;
          passage->block = b;
          passage->item = i;
          passage->run_start = r;
          passage->run_end = r + 1;
          passage->start = offset;
          passage->end = offset + length;
          g_ptr_array_add (passages, passage);
          last = passage;
          last_id = run->event_id;
        }
      offset += length;
    }
}

static void
treaties_article_finalize (GObject *object)
{
  TreatiesArticle *self = (TreatiesArticle *) object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->author, g_free);
  g_clear_pointer (&self->summary, g_free);
  g_clear_pointer (&self->language, g_free);
  g_clear_object (&self->sections);
  g_clear_object (&self->outline);
  g_clear_pointer (&self->section_by_id, g_hash_table_unref);
  g_clear_object (&self->eras);
  g_clear_object (&self->events);
  g_clear_pointer (&self->section_events, g_hash_table_unref);
  g_clear_pointer (&self->event_by_id, g_hash_table_unref);
  g_clear_pointer (&self->events_in_file, g_ptr_array_unref);
  g_clear_object (&self->date_note);
  g_clear_pointer (&self->passages, g_hash_table_unref);
  g_clear_pointer (&self->no_passages, g_ptr_array_unref);

  G_OBJECT_CLASS (treaties_article_parent_class)->finalize (object);
}

static void
treaties_article_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  TreatiesArticle *self = TREATIES_ARTICLE (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_AUTHOR:
      g_value_set_string (value, self->author);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
treaties_article_class_init (TreatiesArticleClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = treaties_article_finalize;
  object_class->get_property = treaties_article_get_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_AUTHOR] =
    g_param_spec_string ("author", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
treaties_article_init (TreatiesArticle *self)
{
  self->sections = treaties_array_model_new (TREATIES_TYPE_SECTION);
  self->outline = treaties_array_model_new (TREATIES_TYPE_SECTION);
  self->section_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->eras = treaties_array_model_new (TREATIES_TYPE_ERA);
  self->events = treaties_array_model_new (TREATIES_TYPE_EVENT);
  self->event_by_id = g_hash_table_new (g_str_hash, g_str_equal);
}

TreatiesArticle *
treaties_article_new (const char *id,
                      const char *title)
{
  TreatiesArticle *self;

  g_return_val_if_fail (id != NULL && title != NULL, NULL);

  self = g_object_new (TREATIES_TYPE_ARTICLE, NULL);
  self->id = g_strdup (id);
  self->title = g_strdup (title);
  return self;
}

void
treaties_article_set_meta (TreatiesArticle *self,
                           TreatiesDay      date,
                           const char      *author,
                           const char      *language)
{
  g_return_if_fail (TREATIES_IS_ARTICLE (self));

  self->date = date;
  g_free (self->author);
  self->author = g_strdup (author);
  g_free (self->language);
  self->language = g_strdup (language);
}

/* The editor's one-line summary, or NULL; blank counts as none. */
void
treaties_article_set_summary (TreatiesArticle *self,
                              const char      *summary)
{
  g_return_if_fail (TREATIES_IS_ARTICLE (self));

  g_free (self->summary);
  self->summary = g_strdup (summary);
}

const char *
treaties_article_get_summary (TreatiesArticle *self)
{
  g_return_val_if_fail (TREATIES_IS_ARTICLE (self), NULL);

  return self->summary;
}

void
treaties_article_set_date_note (TreatiesArticle *self,
                                TreatiesSection *section)
{
  g_return_if_fail (TREATIES_IS_ARTICLE (self));
  g_return_if_fail (section == NULL || TREATIES_IS_SECTION (section));

  g_set_object (&self->date_note, section);
}

/* Top-level @sections, their subsections (already attached) coming with
 * them. */
void
treaties_article_append_sections (TreatiesArticle *self,
                                  GPtrArray       *sections)
{
  g_autoptr(GPtrArray) outline = NULL;

  g_return_if_fail (TREATIES_IS_ARTICLE (self));
  g_return_if_fail (sections != NULL);
  for (guint i = 0; i < sections->len; i++)
    g_return_if_fail (TREATIES_IS_SECTION (g_ptr_array_index (sections, i)));

  outline = g_ptr_array_sized_new (sections->len);
  for (guint i = 0; i < sections->len; i++)
    {
      TreatiesSection *section = g_ptr_array_index (sections, i);
      GListModel *subsections = treaties_section_get_subsections (section);
      guint n = g_list_model_get_n_items (subsections);

      g_ptr_array_add (outline, section);
      g_hash_table_insert (self->section_by_id, (char *) treaties_section_get_id (section), section);
      for (guint j = 0; j < n; j++)
        {
          /* Borrowed: the section holds its subsections. */
          TreatiesSection *child = g_list_model_get_item (subsections, j);

          g_object_unref (child);
          g_ptr_array_add (outline, child);
          g_hash_table_insert (self->section_by_id, (char *) treaties_section_get_id (child), child);
        }
    }

  treaties_array_model_append (self->sections, sections->pdata, sections->len);
  treaties_array_model_append (self->outline, outline->pdata, outline->len);
}

/* Sorts @eras and @events in place (stable), then takes them. */
void
treaties_article_set_timeline (TreatiesArticle *self,
                               TreatiesDay      start,
                               TreatiesDay      end,
                               GPtrArray       *eras,
                               GPtrArray       *events)
{
  g_autofree TreatiesDay *days = NULL;
  g_autofree TreatiesDay *lasts = NULL;

  g_return_if_fail (TREATIES_IS_ARTICLE (self));
  /* Once. */
  g_return_if_fail (g_list_model_get_n_items (G_LIST_MODEL (self->events)) == 0 &&
                    g_list_model_get_n_items (G_LIST_MODEL (self->eras)) == 0);

  self->timeline_start = start;
  self->timeline_end = end;

  days = g_new (TreatiesDay, MAX (eras->len, events->len));
  lasts = g_new (TreatiesDay, MAX (eras->len, events->len));
  for (guint i = 0; i < eras->len; i++)
    {
      days[i] = treaties_era_get_start (g_ptr_array_index (eras, i));
      lasts[i] = treaties_era_get_end (g_ptr_array_index (eras, i));
    }
  sort_by_day (eras, days, lasts);
  treaties_array_model_append (self->eras, eras->pdata, eras->len);

  /* The file's order names events in messages, as timeline.events[N]. */
  self->events_in_file = g_ptr_array_new_full (events->len, NULL);
  for (guint i = 0; i < events->len; i++)
    g_ptr_array_add (self->events_in_file, g_ptr_array_index (events, i));
  for (guint i = 0; i < events->len; i++)
    {
      const TreatiesDateSpan *span = treaties_event_get_span (g_ptr_array_index (events, i));

      days[i] = span->start;
      lasts[i] = span->end;
    }
  sort_by_day (events, days, lasts);
  for (guint i = 0; i < events->len; i++)
    {
      TreatiesEvent *event = g_ptr_array_index (events, i);
      g_hash_table_insert (self->event_by_id, (char *) treaties_event_get_id (event), event);
    }
  treaties_array_model_append (self->events, events->pdata, events->len);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;
  TreatiesArticle *article = treaties_article_new_from_file (task_data, cancellable, &error);

  if (article != NULL)
    g_task_return_pointer (task, article, g_object_unref);
  else
    g_task_return_error (task, error);
}

void
treaties_article_new_from_file_async (GFile               *file,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, treaties_article_new_from_file_async);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  g_task_run_in_thread (task, load_thread);
}

TreatiesArticle *
treaties_article_new_from_file_finish (GAsyncResult  *result,
                                       GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == treaties_article_new_from_file_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

const char *
treaties_article_get_id (TreatiesArticle *self)
{
  g_return_val_if_fail (TREATIES_IS_ARTICLE (self), NULL);
  return self->id;
}

const char *
treaties_article_get_title (TreatiesArticle *self)
{
  g_return_val_if_fail (TREATIES_IS_ARTICLE (self), NULL);
  return self->title;
}

const char *
treaties_article_get_author (TreatiesArticle *self)
{
  g_return_val_if_fail (TREATIES_IS_ARTICLE (self), NULL);
  return self->author;
}

const char *
treaties_article_get_language (TreatiesArticle *self)
{
  g_return_val_if_fail (TREATIES_IS_ARTICLE (self), NULL);
  return self->language;
}

TreatiesDay
treaties_article_get_date (TreatiesArticle *self)
{
  g_return_val_if_fail (TREATIES_IS_ARTICLE (self), TREATIES_DAY_INVALID);
  return self->date;
}

char *
treaties_article_dup_date_line (TreatiesArticle *self)
{
  g_autofree char *date = NULL;

  g_return_val_if_fail (TREATIES_IS_ARTICLE (self), NULL);

  if (self->date == TREATIES_DAY_INVALID)
    return NULL;
  date = treaties_day_format_long (self->date);
  if (self->date_note == NULL)
    return g_steal_pointer (&date);
  /* Translators: the date line of an article whose date the record
   * disputes: the date, then the title of the section whose editor's note
   * says so */
  return g_strdup_printf (C_("date line", "%s, as the article dates it — see the editor’s note in “%s”"),
                          g_strstrip (date), treaties_section_get_title (self->date_note));
}

char *
treaties_article_dup_subtitle (TreatiesArticle *self)
{
  g_autofree char *date = NULL;
  g_autofree char *byline = NULL;

  g_return_val_if_fail (TREATIES_IS_ARTICLE (self), NULL);

  if (self->date != TREATIES_DAY_INVALID)
    {
      date = treaties_day_format_long (self->date);
      g_strstrip (date);
      if (self->date_note != NULL)
        {
          char *dating;

          /* Translators: the window's subtitle for an article whose date the
           * record disputes, %s being the date; the qualifier comes first so
           * that a narrow window, which cuts the end, never shows the bare
           * date */
          dating = g_strdup_printf (C_("subtitle", "The article’s dating: %s — see the editor’s note"), date);
          g_free (date);
          date = dating;
        }
    }
  if (self->author != NULL && self->author[0] != '\0')
    /* Translators: the article's byline, %s being its author */
    byline = g_strdup_printf (C_("byline", "by %s"), self->author);

  if (date != NULL && byline != NULL)
    /* Translators: the window's subtitle: the date line, then the byline */
    return g_strdup_printf (C_("subtitle", "%s · %s"), date, byline);
  return date != NULL ? g_steal_pointer (&date) : g_steal_pointer (&byline);
}

TreatiesSection *
treaties_article_get_date_note (TreatiesArticle *self)
{
  g_return_val_if_fail (TREATIES_IS_ARTICLE (self), NULL);
  return self->date_note;
}

GListModel *
treaties_article_get_sections (TreatiesArticle *self)
{
  g_return_val_if_fail (TREATIES_IS_ARTICLE (self), NULL);
  return G_LIST_MODEL (self->sections);
}

GListModel *
treaties_article_get_outline (TreatiesArticle *self)
{
  g_return_val_if_fail (TREATIES_IS_ARTICLE (self), NULL);
  return G_LIST_MODEL (self->outline);
}

TreatiesSection *
treaties_article_lookup_section (TreatiesArticle *self,
                                 const char      *id)
{
  g_return_val_if_fail (TREATIES_IS_ARTICLE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);
  return g_hash_table_lookup (self->section_by_id, id);
}

TreatiesDay
treaties_article_get_timeline_start (TreatiesArticle *self)
{
  g_return_val_if_fail (TREATIES_IS_ARTICLE (self), TREATIES_DAY_INVALID);
  return self->timeline_start;
}

TreatiesDay
treaties_article_get_timeline_end (TreatiesArticle *self)
{
  g_return_val_if_fail (TREATIES_IS_ARTICLE (self), TREATIES_DAY_INVALID);
  return self->timeline_end;
}

GListModel *
treaties_article_get_eras (TreatiesArticle *self)
{
  g_return_val_if_fail (TREATIES_IS_ARTICLE (self), NULL);
  return G_LIST_MODEL (self->eras);
}

GListModel *
treaties_article_get_events (TreatiesArticle *self)
{
  g_return_val_if_fail (TREATIES_IS_ARTICLE (self), NULL);
  return G_LIST_MODEL (self->events);
}

TreatiesEvent *
treaties_article_lookup_event (TreatiesArticle *self,
                               const char      *id)
{
  g_return_val_if_fail (TREATIES_IS_ARTICLE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);
  return g_hash_table_lookup (self->event_by_id, id);
}

static void
index_section_events (TreatiesArticle *self)
{
  GListModel *events = G_LIST_MODEL (self->events);
  guint n = g_list_model_get_n_items (events);

  self->section_events = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                (GDestroyNotify) g_array_unref);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TreatiesEvent) event = g_list_model_get_item (events, i);
      const char * const *ids = treaties_event_get_section_ids (event);

      for (guint k = 0; ids != NULL && ids[k] != NULL; k++)
        {
          GArray *positions = g_hash_table_lookup (self->section_events, ids[k]);

          if (positions == NULL)
            {
              positions = g_array_new (FALSE, FALSE, sizeof (guint));
              g_hash_table_insert (self->section_events, (gpointer) ids[k], positions);
            }
          /* An event that names a section twice is listed once. */
          if (positions->len == 0 || g_array_index (positions, guint, positions->len - 1) != i)
            g_array_append_val (positions, i);
        }
    }
}

const guint *
treaties_article_get_section_event_positions (TreatiesArticle *self,
                                              const char      *section_id,
                                              guint           *n_positions)
{
  GArray *positions;

  g_return_val_if_fail (TREATIES_IS_ARTICLE (self), NULL);
  g_return_val_if_fail (section_id != NULL, NULL);
  g_return_val_if_fail (n_positions != NULL, NULL);

  if (g_once_init_enter (&self->section_events_made))
    {
      index_section_events (self);
      g_once_init_leave (&self->section_events_made, 1);
    }
  positions = g_hash_table_lookup (self->section_events, section_id);
  *n_positions = positions != NULL ? positions->len : 0;
  return positions != NULL && positions->len > 0 ? (const guint *) (gpointer) positions->data : NULL;
}

GPtrArray *
treaties_article_dup_events_for_section (TreatiesArticle *self,
                                         const char      *section_id)
{
  GPtrArray *result;
  const guint *positions;
  guint n;

  g_return_val_if_fail (TREATIES_IS_ARTICLE (self), NULL);
  g_return_val_if_fail (section_id != NULL, NULL);

  positions = treaties_article_get_section_event_positions (self, section_id, &n);
  result = g_ptr_array_new_full (n, g_object_unref);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (result, g_list_model_get_item (G_LIST_MODEL (self->events), positions[i]));
  return result;
}

/* Every event's passages: one walk over every run of the article, then the
 * events. */
static void
index_passages (TreatiesArticle *self)
{
  GListModel *outline, *events;
  guint n_sections, n_events;

  self->passages = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                          (GDestroyNotify) g_ptr_array_unref);
  self->no_passages = g_ptr_array_new ();

  outline = G_LIST_MODEL (self->outline);
  n_sections = g_list_model_get_n_items (outline);
  for (guint s = 0; s < n_sections; s++)
    {
      g_autoptr(TreatiesSection) section = g_list_model_get_item (outline, s);
      GListModel *blocks = treaties_section_get_blocks (section);
      guint n_blocks = g_list_model_get_n_items (blocks);

      for (guint b = 0; b < n_blocks; b++)
        {
          g_autoptr(TreatiesBlock) block = g_list_model_get_item (blocks, b);
          guint n_items = treaties_block_get_n_items (block);

          for (guint i = 0; i < n_items; i++)
            index_marks (self, section, b, block, i);
        }
    }

  /* Events marked nowhere: their sections, as wholes. */
  events = G_LIST_MODEL (self->events);
  n_events = g_list_model_get_n_items (events);
  for (guint e = 0; e < n_events; e++)
    {
      g_autoptr(TreatiesEvent) event = g_list_model_get_item (events, e);
      const char * const *section_ids = treaties_event_get_section_ids (event);
      GPtrArray *passages;

      if (section_ids == NULL || section_ids[0] == NULL ||
          g_hash_table_contains (self->passages, treaties_event_get_id (event)))
        continue;
      passages = g_ptr_array_new_with_free_func ((GDestroyNotify) treaties_passage_free);
      for (guint i = 0; section_ids[i] != NULL; i++)
        {
          TreatiesSection *section = treaties_article_lookup_section (self, section_ids[i]);
          TreatiesPassage *passage;

          if (section == NULL)
            continue;
          passage = g_new0 (TreatiesPassage, 1);
          passage->section = g_object_ref (section);
          g_ptr_array_add (passages, passage);
        }
      g_hash_table_insert (self->passages, (char *) treaties_event_get_id (event), passages);
    }
}

static void
ensure_passages (TreatiesArticle *self)
{
  if (g_once_init_enter (&self->passages_made))
    {
      index_passages (self);
      g_once_init_leave (&self->passages_made, 1);
    }
}

GPtrArray *
treaties_article_get_passages (TreatiesArticle *self,
                               TreatiesEvent   *event)
{
  GPtrArray *passages;

  g_return_val_if_fail (TREATIES_IS_ARTICLE (self), NULL);
  g_return_val_if_fail (TREATIES_IS_EVENT (event), NULL);

  ensure_passages (self);
  passages = g_hash_table_lookup (self->passages, treaties_event_get_id (event));
  return passages != NULL ? passages : self->no_passages;
}

gboolean
treaties_article_is_event_marked (TreatiesArticle *self,
                                  TreatiesEvent   *event)
{
  GPtrArray *passages;

  g_return_val_if_fail (TREATIES_IS_ARTICLE (self), FALSE);
  g_return_val_if_fail (TREATIES_IS_EVENT (event), FALSE);

  passages = treaties_article_get_passages (self, event);
  return passages != NULL && passages->len > 0 &&
         ((const TreatiesPassage *) g_ptr_array_index (passages, 0))->marked;
}

GPtrArray *
treaties_article_dup_unmarked_events (TreatiesArticle *self)
{
  GListModel *events;
  GPtrArray *result;
  guint n;

  g_return_val_if_fail (TREATIES_IS_ARTICLE (self), NULL);

  events = G_LIST_MODEL (self->events);
  n = g_list_model_get_n_items (events);
  result = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TreatiesEvent) event = g_list_model_get_item (events, i);

      if (!treaties_article_is_event_marked (self, event))
        g_ptr_array_add (result, g_steal_pointer (&event));
    }
  return result;
}

char **
treaties_article_dup_warnings (TreatiesArticle *self)
{
  GPtrArray *warnings;

  g_return_val_if_fail (TREATIES_IS_ARTICLE (self), NULL);

  warnings = g_ptr_array_new ();
  for (guint i = 0; self->events_in_file != NULL && i < self->events_in_file->len; i++)
    {
      TreatiesEvent *event = g_ptr_array_index (self->events_in_file, i);
      const char * const *sections = treaties_event_get_section_ids (event);

      if (treaties_article_is_event_marked (self, event))
        continue;
      if (sections != NULL && sections[0] != NULL)
        g_ptr_array_add (warnings,
                         g_strdup_printf ("timeline.events[%u]: the event \"%s\" is marked nowhere in the text, "
                                          "so it leads only to whole sections: mark the words that tell of it",
                                          i, treaties_event_get_id (event)));
      else
        g_ptr_array_add (warnings,
                         g_strdup_printf ("timeline.events[%u]: the event \"%s\" is marked nowhere in the text "
                                          "and names no section, so it leads nowhere: mark the words that tell of it",
                                          i, treaties_event_get_id (event)));
    }
  g_ptr_array_add (warnings, NULL);
  return (char **) g_ptr_array_free (warnings, FALSE);
}
