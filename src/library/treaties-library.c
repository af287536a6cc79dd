/* treaties-library.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One job runs at a time on a worker thread: a full load (every source
 * gathered, indexed, the index pruned to them) or a partial one (the files
 * of the reader's folder the monitor reported). The list is changed on the
 * main thread when a job ends; what arrives meanwhile waits for the next.
 */
#include "config.h"

#include "treaties-library.h"

#include "treaties-bsearch.h"

/* How long the folder must be quiet before a change is read: a copy in
 * progress reports many. */
#define SETTLE_MS 100

struct _TreatiesLibrary
{
  GObject              parent_instance;

  GFile               *shipped_folder;
  char               **builtin;
  GFile               *user_folder;
  TreatiesSearchIndex *index;
  char               **opened;

  GPtrArray           *items;           /* TreatiesLibraryEntry, sorted */
  GFileMonitor        *monitor;
  GHashTable          *pending;         /* URI → GFile changed in the folder */
  guint                settle_id;
  GPtrArray           *load_tasks;      /* GTask waiting for the next full job */
  gboolean             busy;
  gboolean             reload_pending;
  gboolean             loaded;
  gboolean             loading;
  double               progress;
  GCancellable        *cancellable;
  GMainContext        *context;
};

enum {
  PROP_0,
  PROP_LOADING,
  PROP_PROGRESS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void treaties_library_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TreatiesLibrary, treaties_library, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, treaties_library_list_model_init))

typedef struct {
  TreatiesLibrary *self;
  gboolean         full;
  /* What the worker reads: copies, the library may change meanwhile. */
  GFile           *shipped_folder;
  char           **builtin;
  GFile           *user_folder;
  char           **opened;
  GPtrArray       *files;    /* GFile */
  GArray          *origins;  /* TreatiesLibraryOrigin */
  /* What it found. */
  GPtrArray       *entries;  /* TreatiesLibraryEntry */
  GPtrArray       *removed;  /* GFile */
  guint            last_percent;
  GPtrArray       *tasks;    /* the load_async calls this full job answers */
} Job;

static void
job_free (Job *job)
{
  g_clear_object (&job->self);
  g_clear_object (&job->shipped_folder);
  g_strfreev (job->builtin);
  g_clear_object (&job->user_folder);
  g_strfreev (job->opened);
  g_clear_pointer (&job->files, g_ptr_array_unref);
  g_clear_pointer (&job->origins, g_array_unref);
  g_clear_pointer (&job->entries, g_ptr_array_unref);
  g_clear_pointer (&job->removed, g_ptr_array_unref);
  g_clear_pointer (&job->tasks, g_ptr_array_unref);
  g_free (job);
}

static void start_job (TreatiesLibrary *self);

static void
set_loading (TreatiesLibrary *self,
             gboolean         loading,
             double           progress)
{
  if (self->loading != loading)
    {
      self->loading = loading;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
    }
  if (self->progress != progress)
    {
      self->progress = progress;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROGRESS]);
    }
}

/* ---------------------------------------------------------------------
 * On the worker thread
 */

static void
add_source (Job                   *job,
            GHashTable            *seen,
            GFile                 *file,
            TreatiesLibraryOrigin  origin)
{
  char *uri = g_file_get_uri (file);

  if (!g_hash_table_add (seen, uri))
    return;
  g_ptr_array_add (job->files, g_object_ref (file));
  g_array_append_val (job->origins, origin);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char **) a, *(const char **) b);
}

/* The *.json files of @folder, by name; *.treaty.json ends so too. */
static GPtrArray *
list_json (GFile *folder)
{
  g_autoptr(GFileEnumerator) children = NULL;
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  GFileInfo *info;

  if (folder == NULL)
    return names;
  children = g_file_enumerate_children (folder, G_FILE_ATTRIBUTE_STANDARD_NAME "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                                        G_FILE_QUERY_INFO_NONE, NULL, NULL);
  if (children == NULL)
    return names;
  while ((info = g_file_enumerator_next_file (children, NULL, NULL)) != NULL)
    {
      const char *name = g_file_info_get_name (info);

      if (g_file_info_get_file_type (info) == G_FILE_TYPE_REGULAR && g_str_has_suffix (name, ".json"))
        g_ptr_array_add (names, g_strdup (name));
      g_object_unref (info);
    }
  g_ptr_array_sort (names, compare_names);
  return names;
}

static gboolean
is_article_name (const char *name)
{
  return name != NULL && g_str_has_suffix (name, ".json") && name[0] != '.';
}

static void
gather_sources (Job *job)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) shipped = list_json (job->shipped_folder);
  g_autoptr(GPtrArray) mine = list_json (job->user_folder);

  for (guint i = 0; i < shipped->len; i++)
    {
      g_autoptr(GFile) file = g_file_get_child (job->shipped_folder, shipped->pdata[i]);
      add_source (job, seen, file, TREATIES_LIBRARY_ORIGIN_SHIPPED);
    }

  /* The built-in copy of a shipped article only when it is not installed. */
  for (guint i = 0; job->builtin != NULL && job->builtin[i] != NULL; i++)
    {
      g_autofree char *name = g_path_get_basename (job->builtin[i]);
      g_autofree char *uri = NULL;
      g_autoptr(GFile) file = NULL;
      gboolean installed = FALSE;

      for (guint j = 0; j < shipped->len && !installed; j++)
        installed = g_str_equal (shipped->pdata[j], name);
      if (installed || !g_resources_get_info (job->builtin[i], 0, NULL, NULL, NULL))
        continue;
      uri = g_strconcat ("resource://", job->builtin[i], NULL);
      file = g_file_new_for_uri (uri);
      add_source (job, seen, file, TREATIES_LIBRARY_ORIGIN_SHIPPED);
    }

  for (guint i = 0; i < mine->len; i++)
    if (is_article_name (mine->pdata[i]))
      {
        g_autoptr(GFile) file = g_file_get_child (job->user_folder, mine->pdata[i]);
        add_source (job, seen, file, TREATIES_LIBRARY_ORIGIN_FOLDER);
      }

  for (guint i = 0; job->opened != NULL && job->opened[i] != NULL; i++)
    {
      g_autoptr(GFile) file = g_file_new_for_uri (job->opened[i]);

      if (g_file_query_exists (file, NULL))
        add_source (job, seen, file, TREATIES_LIBRARY_ORIGIN_OPENED);
    }
}

typedef struct {
  TreatiesLibrary *self;
  double           progress;
} Progress;

static gboolean
progress_idle_cb (gpointer data)
{
  Progress *p = data;

  if (p->self->loading)
    set_loading (p->self, TRUE, p->progress);
  return G_SOURCE_REMOVE;
}

static void
progress_free (gpointer data)
{
  Progress *p = data;

  g_object_unref (p->self);
  g_free (p);
}

static void
progress_cb (guint    done,
             guint    total,
             gpointer user_data)
{
  Job *job = user_data;
  guint percent = total > 0 ? done * 100 / total : 100;
  Progress *p;

  if (percent == job->last_percent)
    return;
  job->last_percent = percent;
  p = g_new0 (Progress, 1);
  p->self = g_object_ref (job->self);
  p->progress = (double) done / total;
  g_main_context_invoke_full (job->self->context, G_PRIORITY_DEFAULT, progress_idle_cb, p, progress_free);
}

static void
job_thread (GTask        *task,
            gpointer      source,
            gpointer      task_data,
            GCancellable *cancellable)
{
  Job *job = task_data;
  TreatiesSearchIndex *index = job->self->index;
  g_autoptr(GError) error = NULL;

  if (job->full)
    gather_sources (job);
  else
    {
      /* A file gone from the folder leaves the list and the index. */
      g_autoptr(GPtrArray) files = g_steal_pointer (&job->files);

      job->files = g_ptr_array_new_with_free_func (g_object_unref);
      for (guint i = 0; i < files->len; i++)
        if (g_file_query_file_type (files->pdata[i], G_FILE_QUERY_INFO_NONE, NULL) == G_FILE_TYPE_REGULAR)
          {
            TreatiesLibraryOrigin origin = TREATIES_LIBRARY_ORIGIN_FOLDER;

            g_ptr_array_add (job->files, g_object_ref (files->pdata[i]));
            g_array_append_val (job->origins, origin);
          }
        else
          {
            treaties_search_index_remove (index, files->pdata[i]);
            g_ptr_array_add (job->removed, g_object_ref (files->pdata[i]));
          }
    }

  job->entries = treaties_search_index_update (index, job->files, (TreatiesLibraryOrigin *) job->origins->data,
                                               job->full, job->full ? progress_cb : NULL, job,
                                               cancellable, &error);
  if (job->entries == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

/* ---------------------------------------------------------------------
 * Back on the main thread
 */

static guint
find_position (TreatiesLibrary      *self,
               TreatiesLibraryEntry *entry)
{
  guint lo = 0, hi = self->items->len;

  TREATIES_LOWER_BOUND (lo, hi, mid, treaties_library_entry_compare (self->items->pdata[mid], entry, NULL) < 0);
  return lo;
}

static gboolean
find_file (TreatiesLibrary *self,
           GFile           *file,
           guint           *out_position)
{
  for (guint i = 0; i < self->items->len; i++)
    if (g_file_equal (treaties_library_entry_get_file (self->items->pdata[i]), file))
      {
        *out_position = i;
        return TRUE;
      }
  return FALSE;
}

static void
remove_file (TreatiesLibrary *self,
             GFile           *file)
{
  guint position;

  if (!find_file (self, file, &position))
    return;
  g_ptr_array_remove_index (self->items, position);
  g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 0);
}

static void
apply_partial (TreatiesLibrary *self,
               Job             *job)
{
  for (guint i = 0; i < job->removed->len; i++)
    remove_file (self, job->removed->pdata[i]);

  for (guint i = 0; i < job->entries->len; i++)
    {
      TreatiesLibraryEntry *entry = job->entries->pdata[i];
      GFile *file = treaties_library_entry_get_file (entry);
      guint position;

      /* Listed from elsewhere (shipped) already: that origin wins. */
      if (find_file (self, file, &position) &&
          treaties_library_entry_get_origin (self->items->pdata[position]) < TREATIES_LIBRARY_ORIGIN_FOLDER)
        continue;
      remove_file (self, file);
      position = find_position (self, entry);
      g_ptr_array_insert (self->items, position, g_object_ref (entry));
      g_list_model_items_changed (G_LIST_MODEL (self), position, 0, 1);
    }
}

/* g_ptr_array_sort() passes pointers to the elements. */
static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  return treaties_library_entry_compare (*(gpointer *) a, *(gpointer *) b, NULL);
}

static void
apply_full (TreatiesLibrary *self,
            Job             *job)
{
  g_autoptr(GPtrArray) old = g_steal_pointer (&self->items);
  guint n_old = old->len;

  self->items = g_ptr_array_new_full (job->entries->len, g_object_unref);
  for (guint i = 0; i < job->entries->len; i++)
    g_ptr_array_add (self->items, g_object_ref (job->entries->pdata[i]));
  g_ptr_array_sort (self->items, compare_entries);
  self->loaded = TRUE;
  g_list_model_items_changed (G_LIST_MODEL (self), 0, n_old, self->items->len);
}

static void
job_done_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  TreatiesLibrary *self = TREATIES_LIBRARY (source);
  Job *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) waiting = NULL;

  self->busy = FALSE;
  if (g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (job->full)
        apply_full (self, job);
      else
        apply_partial (self, job);
    }

  if (job->full)
    {
      waiting = g_steal_pointer (&job->tasks);
      set_loading (self, self->reload_pending, self->reload_pending ? 0.0 : 1.0);
    }

  if (!g_cancellable_is_cancelled (self->cancellable))
    start_job (self);

  for (guint i = 0; waiting != NULL && i < waiting->len; i++)
    {
      if (error != NULL)
        g_task_return_error (waiting->pdata[i], g_error_copy (error));
      else
        g_task_return_boolean (waiting->pdata[i], TRUE);
    }
}

static gboolean
settle_cb (gpointer data)
{
  TreatiesLibrary *self = data;

  self->settle_id = 0;
  start_job (self);
  return G_SOURCE_REMOVE;
}

static void
note_change (TreatiesLibrary *self,
             GFile           *file)
{
  g_autofree char *name = NULL;

  if (file == NULL)
    return;
  name = g_file_get_basename (file);
  if (!is_article_name (name))
    return;
  g_hash_table_replace (self->pending, g_file_get_uri (file), g_object_ref (file));
  g_clear_handle_id (&self->settle_id, g_source_remove);
  self->settle_id = g_timeout_add (SETTLE_MS, settle_cb, self);
}

static void
folder_changed_cb (GFileMonitor      *monitor,
                   GFile             *file,
                   GFile             *other_file,
                   GFileMonitorEvent  event,
                   TreatiesLibrary   *self)
{
  switch (event)
    {
    case G_FILE_MONITOR_EVENT_CREATED:
    case G_FILE_MONITOR_EVENT_CHANGED:
    case G_FILE_MONITOR_EVENT_CHANGES_DONE_HINT:
    case G_FILE_MONITOR_EVENT_DELETED:
    case G_FILE_MONITOR_EVENT_MOVED_IN:
    case G_FILE_MONITOR_EVENT_MOVED_OUT:
      note_change (self, file);
      break;
    case G_FILE_MONITOR_EVENT_RENAMED:
      note_change (self, file);
      note_change (self, other_file);
      break;
    case G_FILE_MONITOR_EVENT_ATTRIBUTE_CHANGED:
    case G_FILE_MONITOR_EVENT_PRE_UNMOUNT:
    case G_FILE_MONITOR_EVENT_UNMOUNTED:
    case G_FILE_MONITOR_EVENT_MOVED:
    default:
      break;
    }
}

static void
watch_folder (TreatiesLibrary *self)
{
  g_autoptr(GError) error = NULL;

  if (self->monitor != NULL)
    return;
  if (!g_file_make_directory_with_parents (self->user_folder, NULL, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_EXISTS))
    {
      g_debug ("Cannot make %s: %s", g_file_peek_path (self->user_folder), error->message);
      return;
    }
  g_clear_error (&error);
  self->monitor = g_file_monitor_directory (self->user_folder, G_FILE_MONITOR_WATCH_MOVES, NULL, &error);
  if (self->monitor == NULL)
    {
      g_debug ("Cannot watch %s: %s", g_file_peek_path (self->user_folder), error->message);
      return;
    }
  g_signal_connect_object (self->monitor, "changed", G_CALLBACK (folder_changed_cb), self, 0);
}

/* Starts what is waiting, if nothing runs: a reload first, then changes. */
static void
start_job (TreatiesLibrary *self)
{
  g_autoptr(GTask) task = NULL;
  Job *job;

  if (self->busy || self->settle_id != 0)
    return;
  if (!self->reload_pending && (g_hash_table_size (self->pending) == 0 || !self->loaded))
    return;

  job = g_new0 (Job, 1);
  job->self = g_object_ref (self);
  job->files = g_ptr_array_new_with_free_func (g_object_unref);
  job->origins = g_array_new (FALSE, FALSE, sizeof (TreatiesLibraryOrigin));
  job->removed = g_ptr_array_new_with_free_func (g_object_unref);
  job->last_percent = G_MAXUINT;
  if (self->reload_pending)
    {
      job->full = TRUE;
      job->shipped_folder = self->shipped_folder ? g_object_ref (self->shipped_folder) : NULL;
      job->builtin = g_strdupv (self->builtin);
      job->user_folder = g_object_ref (self->user_folder);
      job->opened = g_strdupv (self->opened);
      self->reload_pending = FALSE;
      /* Calls made from now on wait for the next load. */
      job->tasks = g_steal_pointer (&self->load_tasks);
      self->load_tasks = g_ptr_array_new_with_free_func (g_object_unref);
      /* The full job sees these too. */
      g_hash_table_remove_all (self->pending);
      set_loading (self, TRUE, 0.0);
    }
  else
    {
      GHashTableIter iter;
      gpointer file;

      g_hash_table_iter_init (&iter, self->pending);
      while (g_hash_table_iter_next (&iter, NULL, &file))
        g_ptr_array_add (job->files, g_object_ref (file));
      g_hash_table_remove_all (self->pending);
    }

  self->busy = TRUE;
  task = g_task_new (self, self->cancellable, job_done_cb, NULL);
  g_task_set_source_tag (task, start_job);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_task_run_in_thread (task, job_thread);
}

/* --------------------------------------------------------------------- */

static GType
treaties_library_get_item_type (GListModel *model)
{
  return TREATIES_TYPE_LIBRARY_ENTRY;
}

static guint
treaties_library_get_n_items (GListModel *model)
{
  return TREATIES_LIBRARY (model)->items->len;
}

static gpointer
treaties_library_get_item (GListModel *model,
                           guint       position)
{
  TreatiesLibrary *self = TREATIES_LIBRARY (model);

  if (position >= self->items->len)
    return NULL;
  return g_object_ref (self->items->pdata[position]);
}

static void
treaties_library_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = treaties_library_get_item_type;
  iface->get_n_items = treaties_library_get_n_items;
  iface->get_item = treaties_library_get_item;
}

static void
treaties_library_dispose (GObject *object)
{
  TreatiesLibrary *self = TREATIES_LIBRARY (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->settle_id, g_source_remove);
  if (self->monitor != NULL)
    {
      g_file_monitor_cancel (self->monitor);
      g_clear_object (&self->monitor);
    }

  G_OBJECT_CLASS (treaties_library_parent_class)->dispose (object);
}

static void
treaties_library_finalize (GObject *object)
{
  TreatiesLibrary *self = TREATIES_LIBRARY (object);

  g_clear_object (&self->shipped_folder);
  g_strfreev (self->builtin);
  g_clear_object (&self->user_folder);
  g_clear_object (&self->index);
  g_strfreev (self->opened);
  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_pointer (&self->pending, g_hash_table_unref);
  g_clear_pointer (&self->load_tasks, g_ptr_array_unref);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->context, g_main_context_unref);

  G_OBJECT_CLASS (treaties_library_parent_class)->finalize (object);
}

static void
treaties_library_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  TreatiesLibrary *self = TREATIES_LIBRARY (object);

  switch (prop_id)
    {
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;
    case PROP_PROGRESS:
      g_value_set_double (value, self->progress);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
treaties_library_class_init (TreatiesLibraryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = treaties_library_dispose;
  object_class->finalize = treaties_library_finalize;
  object_class->get_property = treaties_library_get_property;

  /* TRUE while a load runs. */
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /* The share of the files a load has read or found unchanged, 0 to 1. */
  properties[PROP_PROGRESS] =
    g_param_spec_double ("progress", NULL, NULL, 0.0, 1.0, 0.0,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
treaties_library_init (TreatiesLibrary *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
  self->pending = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->load_tasks = g_ptr_array_new_with_free_func (g_object_unref);
  self->cancellable = g_cancellable_new ();
  self->context = g_main_context_ref_thread_default ();
}

/* Where the shipped articles are installed. Run from the build tree
 * (build-aux/run-app, `meson devenv`), TREATIES_SHIPPED_ARTICLES points at
 * the source's data/articles, so the library shows all of them uninstalled. */
GFile *
treaties_library_dup_shipped_folder (void)
{
  const char *dir = g_getenv ("TREATIES_SHIPPED_ARTICLES");

  if (dir != NULL && *dir != '\0')
    return g_file_new_for_path (dir);
  return g_file_new_for_path (PKGDATADIR "/articles");
}

TreatiesLibrary *
treaties_library_new (void)
{
  return treaties_library_new_full (NULL, NULL, NULL, NULL);
}

TreatiesLibrary *
treaties_library_new_full (GFile               *shipped_folder,
                           const char * const  *builtin_resources,
                           GFile               *user_folder,
                           TreatiesSearchIndex *index)
{
  static const char * const default_builtin[] = { SHIPPED_ARTICLE, NULL };
  TreatiesLibrary *self = g_object_new (TREATIES_TYPE_LIBRARY, NULL);

  self->shipped_folder = shipped_folder != NULL ? g_object_ref (shipped_folder)
                                                : treaties_library_dup_shipped_folder ();
  self->builtin = g_strdupv ((char **) (builtin_resources != NULL ? builtin_resources : default_builtin));
  self->user_folder = user_folder != NULL ? g_object_ref (user_folder)
                                          : g_file_new_build_filename (g_get_user_data_dir (), "treaties", "articles", NULL);
  if (index != NULL)
    self->index = g_object_ref (index);
  else
    {
      g_autoptr(GFile) file = treaties_search_index_default_file ();
      self->index = treaties_search_index_new (file);
    }
  return self;
}

TreatiesSearchIndex *
treaties_library_get_index (TreatiesLibrary *self)
{
  g_return_val_if_fail (TREATIES_IS_LIBRARY (self), NULL);
  return self->index;
}

GFile *
treaties_library_get_user_folder (TreatiesLibrary *self)
{
  g_return_val_if_fail (TREATIES_IS_LIBRARY (self), NULL);
  return self->user_folder;
}

void
treaties_library_set_opened (TreatiesLibrary    *self,
                             const char * const *uris)
{
  g_return_if_fail (TREATIES_IS_LIBRARY (self));

  if (self->opened != NULL && uris != NULL && g_strv_equal ((const char * const *) self->opened, uris))
    return;
  g_strfreev (self->opened);
  self->opened = g_strdupv ((char **) uris);
  /* A load under way read the old list: another follows it. */
  if (self->loaded || self->busy)
    {
      self->reload_pending = TRUE;
      start_job (self);
    }
}

void
treaties_library_load_async (TreatiesLibrary     *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (TREATIES_IS_LIBRARY (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, treaties_library_load_async);
  g_ptr_array_add (self->load_tasks, task);
  watch_folder (self);
  self->reload_pending = TRUE;
  /* A load supersedes changes waiting to settle. */
  g_clear_handle_id (&self->settle_id, g_source_remove);
  start_job (self);
}

gboolean
treaties_library_load_finish (TreatiesLibrary  *self,
                              GAsyncResult     *result,
                              GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

gboolean
treaties_library_get_loading (TreatiesLibrary *self)
{
  g_return_val_if_fail (TREATIES_IS_LIBRARY (self), FALSE);
  return self->loading;
}

double
treaties_library_get_progress (TreatiesLibrary *self)
{
  g_return_val_if_fail (TREATIES_IS_LIBRARY (self), 0.0);
  return self->progress;
}

TreatiesLibraryEntry *
treaties_library_lookup (TreatiesLibrary *self,
                         GFile           *file)
{
  guint position;

  g_return_val_if_fail (TREATIES_IS_LIBRARY (self), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  return find_file (self, file, &position) ? self->items->pdata[position] : NULL;
}
