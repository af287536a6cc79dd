/* treaties-search-index.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "treaties-article.h"
#include "treaties-search-hit.h"
#include "treaties-search-index.h"
#include "treaties-text-match.h"

/* Bump when the tables or what goes in them change: an older cache is then
 * made again. The app's version is checked too (the tokenizer folds with
 * its code). */
#define SCHEMA_VERSION 2  /* 2: the editor's "summary" first, date_disputed */
/* A block's FTS rowid: its file's id in the high bits, its place in the
 * article's reading order in the low ones, so a file's rows are one range. */
#define ROWID_SHIFT    32
/* How long a write waits for another process before the cache counts as
 * locked and is made again. */
#define BUSY_TIMEOUT_MS 1000
#define SNIPPET_TOKENS  16
/* Files written per transaction: FTS5 writes a segment per transaction,
 * and many small ones cost merging. A search waits for one file's rows,
 * not for the batch: the lock is let go between files. */
#define BATCH_FILES     64

struct _TreatiesSearchIndex
{
  GObject   parent_instance;

  GFile    *file;          /* NULL: in memory */
  GMutex    mutex;         /* guards everything below */
  sqlite3  *db;
  gboolean  in_memory;     /* fell back to memory */
  guint     n_rebuilds;
};

G_DEFINE_FINAL_TYPE (TreatiesSearchIndex, treaties_search_index, G_TYPE_OBJECT)

/* ---------------------------------------------------------------------
 * The "treaties" tokenizer: unicode61's tokens, folded further as
 * treaties_text_match_fold() folds (ё → е, ß → ss, ł → l, œ → oe …). It
 * wraps the tokenizer named in its arguments, as FTS5's porter does.
 */

typedef struct {
  fts5_tokenizer  inner;
  Fts5Tokenizer  *inner_instance;
} FoldTokenizer;

typedef struct {
  void *ctx;
  int (*token) (void *, int, const char *, int, int, int);
} FoldContext;

static int
fold_create (void           *api_ptr,
             const char    **args,
             int             n_args,
             Fts5Tokenizer **out)
{
  fts5_api *api = api_ptr;
  FoldTokenizer *t = g_new0 (FoldTokenizer, 1);
  void *inner_data = NULL;
  const char *inner_name = n_args > 0 ? args[0] : "unicode61";
  int rc;

  rc = api->xFindTokenizer (api, inner_name, &inner_data, &t->inner);
  if (rc == SQLITE_OK)
    rc = t->inner.xCreate (inner_data, n_args > 0 ? args + 1 : NULL, n_args > 0 ? n_args - 1 : 0,
                           &t->inner_instance);
  if (rc != SQLITE_OK)
    {
      g_free (t);
      return rc;
    }
  *out = (Fts5Tokenizer *) t;
  return SQLITE_OK;
}

static void
fold_delete (Fts5Tokenizer *tokenizer)
{
  FoldTokenizer *t = (FoldTokenizer *) tokenizer;

  if (t->inner_instance != NULL)
    t->inner.xDelete (t->inner_instance);
  g_free (t);
}

static int
fold_token_cb (void       *data,
               int         flags,
               const char *token,
               int         n_token,
               int         start,
               int         end)
{
  FoldContext *c = data;
  g_autofree char *copy = NULL;
  g_autofree char *folded = NULL;
  gboolean plain = TRUE;

  /* What folding leaves as it is, quickly: ASCII, and the lower-case
   * Russian letters а–я but й (which decomposes), as unicode61 gives them. */
  for (int i = 0; i < n_token && plain; i++)
    {
      guchar b = token[i];

      if (b < 0x80)
        continue;
      if (i + 1 < n_token &&
          ((b == 0xd0 && (guchar) token[i + 1] >= 0xb0 && (guchar) token[i + 1] <= 0xbf && (guchar) token[i + 1] != 0xb9) ||
           (b == 0xd1 && (guchar) token[i + 1] >= 0x80 && (guchar) token[i + 1] <= 0x8f)))
        i++;
      else
        plain = FALSE;
    }
  if (plain)
    return c->token (c->ctx, flags, token, n_token, start, end);

  copy = g_strndup (token, n_token);
  folded = treaties_text_match_fold (copy);
  if (folded == NULL || *folded == '\0')
    return SQLITE_OK;
  return c->token (c->ctx, flags, folded, (int) strlen (folded), start, end);
}

static int
fold_tokenize (Fts5Tokenizer *tokenizer,
               void          *ctx,
               int            flags,
               const char    *text,
               int            n_text,
               int          (*token) (void *, int, const char *, int, int, int))
{
  FoldTokenizer *t = (FoldTokenizer *) tokenizer;
  FoldContext c = { ctx, token };

  return t->inner.xTokenize (t->inner_instance, &c, flags, text, n_text, fold_token_cb);
}

static int
register_tokenizer (sqlite3 *db)
{
  fts5_api *api = NULL;
  sqlite3_stmt *stmt = NULL;
  static fts5_tokenizer fold = { fold_create, fold_delete, fold_tokenize };
  int rc;

  rc = sqlite3_prepare_v2 (db, "SELECT fts5(?1)", -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    return rc;
  sqlite3_bind_pointer (stmt, 1, &api, "fts5_api_ptr", NULL);
  sqlite3_step (stmt);
  rc = sqlite3_finalize (stmt);
  if (rc != SQLITE_OK || api == NULL)
    return rc != SQLITE_OK ? rc : SQLITE_ERROR;
  return api->xCreateTokenizer (api, "treaties", api, &fold, NULL);
}

/* treaties_keep(set, rowid): whether the second search pass wants a row. */
static void
keep_func (sqlite3_context  *ctx,
           int               argc,
           sqlite3_value   **argv)
{
  GHashTable *rowids = sqlite3_value_pointer (argv[0], "treaties-rowids");
  gint64 rowid = sqlite3_value_int64 (argv[1]);

  sqlite3_result_int (ctx, rowids != NULL && g_hash_table_contains (rowids, &rowid));
}

/* --------------------------------------------------------------------- */

static const char schema_sql[] =
  "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);"
  "CREATE TABLE files (id INTEGER PRIMARY KEY, uri TEXT UNIQUE NOT NULL,"
  "  mtime INTEGER, size INTEGER, article_id TEXT, title TEXT, date INTEGER,"
  "  summary TEXT, author TEXT, problems TEXT, date_disputed INTEGER);"
  "CREATE VIRTUAL TABLE blocks USING fts5 (text, section_id UNINDEXED,"
  "  section_title UNINDEXED, block UNINDEXED, item UNINDEXED,"
  "  tokenize = 'treaties unicode61 remove_diacritics 2', prefix = '2 3');";

static gboolean
exec_locked (TreatiesSearchIndex *self,
             const char          *sql)
{
  return sqlite3_exec (self->db, sql, NULL, NULL, NULL) == SQLITE_OK;
}

static void
close_locked (TreatiesSearchIndex *self)
{
  if (self->db != NULL)
    sqlite3_close_v2 (self->db);
  self->db = NULL;
}

static void
delete_files (GFile *file)
{
  g_autofree char *path = g_file_get_path (file);
  static const char *suffixes[] = { "", "-journal", "-wal", "-shm" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *name = g_strconcat (path, suffixes[i], NULL);
      g_unlink (name);
    }
}

/* Whether the open database is ours and current: FALSE for another
 * schema or app version, a file that is not a database, or a lock that
 * outlasts the wait. Makes the tables in an empty one. */
static gboolean
check_schema_locked (TreatiesSearchIndex *self)
{
  sqlite3_stmt *stmt = NULL;
  int version = -1;
  gboolean ok = FALSE;

  if (sqlite3_prepare_v2 (self->db, "PRAGMA user_version", -1, &stmt, NULL) != SQLITE_OK)
    return FALSE;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);

  if (version == 0)
    {
      g_autofree char *sql = g_strdup_printf ("BEGIN IMMEDIATE; %s"
                                              "INSERT INTO meta VALUES ('app-version', '%s');"
                                              "PRAGMA user_version = %d; COMMIT;",
                                              schema_sql, PACKAGE_VERSION, SCHEMA_VERSION);
      if (!exec_locked (self, sql))
        {
          exec_locked (self, "ROLLBACK");
          return FALSE;
        }
      return TRUE;
    }
  if (version != SCHEMA_VERSION)
    return FALSE;

  if (sqlite3_prepare_v2 (self->db, "SELECT value FROM meta WHERE key = 'app-version'", -1, &stmt, NULL) != SQLITE_OK)
    return FALSE;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    ok = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), PACKAGE_VERSION) == 0;
  sqlite3_finalize (stmt);
  /* A write lock is what an update needs: find a lock now, not midway. */
  if (ok && !exec_locked (self, "BEGIN IMMEDIATE; COMMIT;"))
    ok = FALSE;
  return ok;
}

static gboolean
open_at_locked (TreatiesSearchIndex *self,
                const char          *path)
{
  if (sqlite3_open_v2 (path, &self->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX,
                       NULL) != SQLITE_OK)
    {
      close_locked (self);
      return FALSE;
    }
  sqlite3_busy_timeout (self->db, BUSY_TIMEOUT_MS);
  if (register_tokenizer (self->db) != SQLITE_OK ||
      sqlite3_create_function (self->db, "treaties_keep", 2, SQLITE_UTF8 | SQLITE_DIRECTONLY, NULL, keep_func,
                               NULL, NULL) != SQLITE_OK ||
      !exec_locked (self, "PRAGMA journal_mode = MEMORY; PRAGMA synchronous = OFF;") ||
      !check_schema_locked (self))
    {
      close_locked (self);
      return FALSE;
    }
  return TRUE;
}

/* Opens the cache, making it again when it is unusable, and falls back to
 * memory when even that fails. With @rebuild, starts afresh. */
static void
ensure_open_locked (TreatiesSearchIndex *self,
                    gboolean             rebuild)
{
  g_autofree char *path = NULL;

  if (rebuild)
    close_locked (self);
  if (self->db != NULL)
    return;

  if (self->file != NULL && !self->in_memory)
    {
      g_autoptr(GFile) parent = g_file_get_parent (self->file);

      path = g_file_get_path (self->file);
      if (parent != NULL)
        g_file_make_directory_with_parents (parent, NULL, NULL);
      if (path != NULL && !rebuild && open_at_locked (self, path))
        return;
      if (path != NULL)
        {
          /* Corrupt, locked, stale, or we were told to: a new file. */
          self->n_rebuilds++;
          g_debug ("Making the search index %s again", path);
          delete_files (self->file);
          if (open_at_locked (self, path))
            return;
        }
      g_message ("Cannot write the search index at %s; keeping it in memory", path ? path : "?");
      self->in_memory = TRUE;
    }
  if (!open_at_locked (self, ":memory:"))
    g_error ("SQLite cannot make an in-memory database");
}

/* ---------------------------------------------------------------------
 * Updating
 */

typedef struct {
  gint64  mtime;   /* µs; 0 when unknown (a resource) */
  gint64  size;    /* -1 when the file cannot be read */
} Stamp;

static Stamp
stamp_file (GFile *file)
{
  g_autoptr(GFileInfo) info = NULL;
  Stamp stamp = { 0, -1 };

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE "," G_FILE_ATTRIBUTE_TIME_MODIFIED ","
                            G_FILE_ATTRIBUTE_TIME_MODIFIED_USEC,
                            G_FILE_QUERY_INFO_NONE, NULL, NULL);
  if (info == NULL)
    return stamp;
  stamp.size = g_file_info_get_size (info);
  stamp.mtime = (gint64) g_file_info_get_attribute_uint64 (info, G_FILE_ATTRIBUTE_TIME_MODIFIED) * G_USEC_PER_SEC +
                g_file_info_get_attribute_uint32 (info, G_FILE_ATTRIBUTE_TIME_MODIFIED_USEC);
  return stamp;
}

static char *
summary_of (TreatiesArticle *article)
{
  GListModel *outline = treaties_article_get_outline (article);

  /* The editor's summary first: the first sentence may state as fact
   * what the record disputes (the seed's does). */
  if (treaties_article_get_summary (article) != NULL)
    return g_strdup (treaties_article_get_summary (article));

  for (guint i = 0; i < g_list_model_get_n_items (outline); i++)
    {
      g_autoptr(TreatiesSection) section = g_list_model_get_item (outline, i);
      GListModel *blocks = treaties_section_get_blocks (section);

      for (guint j = 0; j < g_list_model_get_n_items (blocks); j++)
        {
          g_autoptr(TreatiesBlock) block = g_list_model_get_item (blocks, j);
          g_autofree char *text = NULL;

          if (treaties_block_get_kind (block) != TREATIES_BLOCK_PARAGRAPH)
            continue;
          text = treaties_block_dup_text (block);
          return treaties_library_first_sentence (text);
        }
    }
  return g_strdup ("");
}

/* The snippet's markers must not occur in the text. */
static char *
clean_text (char *text)
{
  for (char *p = text; *p != '\0'; p++)
    if (*p == '\002' || *p == '\003')
      *p = ' ';
  return text;
}

static TreatiesLibraryEntry *
cached_entry_locked (TreatiesSearchIndex   *self,
                     GFile                 *file,
                     const char            *uri,
                     TreatiesLibraryOrigin  origin,
                     Stamp                  stamp,
                     gboolean              *db_failed)
{
  sqlite3_stmt *stmt = NULL;
  TreatiesLibraryEntry *entry = NULL;
  int rc;

  if (sqlite3_prepare_v2 (self->db, "SELECT mtime, size, article_id, title, date, summary, author, problems, "
                          "date_disputed FROM files WHERE uri = ?1", -1, &stmt, NULL) != SQLITE_OK)
    {
      *db_failed = TRUE;
      return NULL;
    }
  sqlite3_bind_text (stmt, 1, uri, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW &&
      sqlite3_column_int64 (stmt, 0) == stamp.mtime &&
      sqlite3_column_int64 (stmt, 1) == stamp.size)
    entry = treaties_library_entry_new (file, origin,
                                        (const char *) sqlite3_column_text (stmt, 2),
                                        (const char *) sqlite3_column_text (stmt, 3),
                                        (TreatiesDay) sqlite3_column_int64 (stmt, 4),
                                        (const char *) sqlite3_column_text (stmt, 5),
                                        (const char *) sqlite3_column_text (stmt, 6),
                                        (const char *) sqlite3_column_text (stmt, 7));
  if (entry != NULL)
    treaties_library_entry_set_date_disputed (entry, sqlite3_column_int (stmt, 8) != 0);
  else if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    *db_failed = TRUE;
  sqlite3_finalize (stmt);
  return entry;
}

static gboolean
forget_locked (TreatiesSearchIndex *self,
               const char          *uri)
{
  sqlite3_stmt *stmt = NULL;
  gint64 id = -1;
  int rc;

  if (sqlite3_prepare_v2 (self->db, "SELECT id FROM files WHERE uri = ?1", -1, &stmt, NULL) != SQLITE_OK)
    return FALSE;
  sqlite3_bind_text (stmt, 1, uri, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_ROW)
    return rc == SQLITE_DONE;

  if (sqlite3_prepare_v2 (self->db, "DELETE FROM blocks WHERE rowid BETWEEN ?1 AND ?2", -1, &stmt, NULL) != SQLITE_OK)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id << ROWID_SHIFT);
  sqlite3_bind_int64 (stmt, 2, ((id + 1) << ROWID_SHIFT) - 1);
  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return FALSE;

  if (sqlite3_prepare_v2 (self->db, "DELETE FROM files WHERE id = ?1", -1, &stmt, NULL) != SQLITE_OK)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  return rc == SQLITE_DONE;
}

static gboolean
forget_in_transaction_locked (TreatiesSearchIndex *self,
                              const char          *uri)
{
  if (!exec_locked (self, "BEGIN"))
    return FALSE;
  if (forget_locked (self, uri) && exec_locked (self, "COMMIT"))
    return TRUE;
  exec_locked (self, "ROLLBACK");
  return FALSE;
}

static gboolean
insert_blocks_locked (TreatiesSearchIndex *self,
                      gint64               id,
                      TreatiesArticle     *article)
{
  GListModel *outline = treaties_article_get_outline (article);
  sqlite3_stmt *stmt = NULL;
  gint64 ordinal = 0;
  gboolean ok = TRUE;

  if (sqlite3_prepare_v2 (self->db, "INSERT INTO blocks (rowid, text, section_id, section_title, block, item) "
                          "VALUES (?1, ?2, ?3, ?4, ?5, ?6)", -1, &stmt, NULL) != SQLITE_OK)
    return FALSE;

  for (guint i = 0; ok && i < g_list_model_get_n_items (outline); i++)
    {
      g_autoptr(TreatiesSection) section = g_list_model_get_item (outline, i);
      GListModel *blocks = treaties_section_get_blocks (section);

      for (guint j = 0; ok && j < g_list_model_get_n_items (blocks); j++)
        {
          g_autoptr(TreatiesBlock) block = g_list_model_get_item (blocks, j);

          for (guint k = 0; ok && k < treaties_block_get_n_items (block); k++)
            {
              g_autofree char *text = clean_text (treaties_runs_to_plain (treaties_block_get_item (block, k)));

              ordinal++;
              if (*text == '\0')
                continue;
              sqlite3_reset (stmt);
              sqlite3_bind_int64 (stmt, 1, (id << ROWID_SHIFT) | ordinal);
              sqlite3_bind_text (stmt, 2, text, -1, SQLITE_STATIC);
              sqlite3_bind_text (stmt, 3, treaties_section_get_id (section), -1, SQLITE_STATIC);
              sqlite3_bind_text (stmt, 4, treaties_section_get_title (section), -1, SQLITE_STATIC);
              sqlite3_bind_int (stmt, 5, (int) j);
              sqlite3_bind_int (stmt, 6, (int) k);
              ok = sqlite3_step (stmt) == SQLITE_DONE;
            }
        }
    }
  sqlite3_finalize (stmt);
  return ok;
}

/* Replaces the rows of @uri with @entry's and @article's (NULL when
 * invalid), inside the caller's transaction. */
static gboolean
store_locked (TreatiesSearchIndex  *self,
              const char           *uri,
              Stamp                 stamp,
              TreatiesLibraryEntry *entry,
              TreatiesArticle      *article)
{
  sqlite3_stmt *stmt = NULL;
  gint64 id;
  int rc;

  if (!forget_locked (self, uri))
    return FALSE;

  if (sqlite3_prepare_v2 (self->db, "INSERT INTO files (uri, mtime, size, article_id, title, date, summary, author, "
                          "problems, date_disputed) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)", -1, &stmt, NULL) != SQLITE_OK)
    return FALSE;
  sqlite3_bind_text (stmt, 1, uri, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, stamp.mtime);
  sqlite3_bind_int64 (stmt, 3, stamp.size);
  sqlite3_bind_text (stmt, 4, treaties_library_entry_get_article_id (entry), -1, SQLITE_STATIC);
  /* An invalid file's title is its name: made again from the file. */
  sqlite3_bind_text (stmt, 5, article != NULL ? treaties_library_entry_get_title (entry) : NULL, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 6, treaties_library_entry_get_date (entry));
  sqlite3_bind_text (stmt, 7, treaties_library_entry_get_summary (entry), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 8, treaties_library_entry_get_author (entry), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 9, treaties_library_entry_get_problems (entry), -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 10, treaties_library_entry_get_date_disputed (entry));
  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return FALSE;
  id = sqlite3_last_insert_rowid (self->db);

  return article == NULL || insert_blocks_locked (self, id, article);
}

static TreatiesLibraryEntry *
read_entry (GFile                  *file,
            TreatiesLibraryOrigin   origin,
            TreatiesArticle       **out_article)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TreatiesArticle) article = treaties_article_new_from_file (file, NULL, &error);
  g_autofree char *summary = NULL;
  TreatiesLibraryEntry *entry;

  if (article == NULL)
    {
      *out_article = NULL;
      return treaties_library_entry_new (file, origin, NULL, NULL, TREATIES_DAY_INVALID, NULL, NULL,
                                         error->message);
    }
  summary = summary_of (article);
  entry = treaties_library_entry_new (file, origin,
                                      treaties_article_get_id (article),
                                      treaties_article_get_title (article),
                                      treaties_article_get_date (article),
                                      summary,
                                      treaties_article_get_author (article),
                                      NULL);
  treaties_library_entry_set_date_disputed (entry, treaties_article_get_date_note (article) != NULL);
  *out_article = g_steal_pointer (&article);
  return entry;
}

static gboolean
prune_locked (TreatiesSearchIndex *self,
              GHashTable          *keep)
{
  sqlite3_stmt *stmt = NULL;
  g_autoptr(GPtrArray) gone = g_ptr_array_new_with_free_func (g_free);
  int rc;

  if (sqlite3_prepare_v2 (self->db, "SELECT uri FROM files", -1, &stmt, NULL) != SQLITE_OK)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *uri = (const char *) sqlite3_column_text (stmt, 0);

      if (!g_hash_table_contains (keep, uri))
        g_ptr_array_add (gone, g_strdup (uri));
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return FALSE;

  for (guint i = 0; i < gone->len; i++)
    if (!forget_in_transaction_locked (self, gone->pdata[i]))
      return FALSE;
  return TRUE;
}

/* Ends the open transaction, if any: commits it, or with @commit FALSE
 * rolls it back and returns FALSE. */
static gboolean
end_batch (TreatiesSearchIndex *self,
           guint               *in_batch,
           gboolean             commit)
{
  gboolean ok = TRUE;

  if (*in_batch == 0)
    return commit;
  g_mutex_lock (&self->mutex);
  if (!commit || !(ok = exec_locked (self, "COMMIT")))
    exec_locked (self, "ROLLBACK");
  g_mutex_unlock (&self->mutex);
  *in_batch = 0;
  return commit && ok;
}

/* One pass; FALSE when the database failed (the entries made so far are
 * still right, the caller starts again on a new database). */
static gboolean
update_pass (TreatiesSearchIndex         *self,
             GPtrArray                   *files,
             const TreatiesLibraryOrigin *origins,
             gboolean                     prune,
             TreatiesIndexProgressFunc    progress,
             gpointer                     progress_data,
             GCancellable                *cancellable,
             GPtrArray                   *entries)
{
  g_autoptr(GHashTable) keep = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gboolean db_ok = TRUE;
  guint in_batch = 0;

  g_ptr_array_set_size (entries, 0);

  for (guint i = 0; i < files->len; i++)
    {
      GFile *file = files->pdata[i];
      TreatiesLibraryOrigin origin = origins != NULL ? origins[i] : TREATIES_LIBRARY_ORIGIN_OTHER;
      g_autofree char *uri = g_file_get_uri (file);
      g_autoptr(TreatiesArticle) article = NULL;
      TreatiesLibraryEntry *entry = NULL;
      gboolean failed = FALSE, stored;
      Stamp stamp;

      if (g_cancellable_is_cancelled (cancellable))
        break;

      stamp = stamp_file (file);
      g_mutex_lock (&self->mutex);
      ensure_open_locked (self, FALSE);
      if (stamp.size >= 0)
        entry = cached_entry_locked (self, file, uri, origin, stamp, &failed);
      g_mutex_unlock (&self->mutex);
      if (failed)
        return end_batch (self, &in_batch, FALSE);

      if (entry == NULL)
        {
          /* Read without the lock: searches go on meanwhile. */
          entry = read_entry (file, origin, &article);
          g_mutex_lock (&self->mutex);
          stored = (in_batch > 0 || exec_locked (self, "BEGIN")) &&
                   (stamp.size >= 0 ? store_locked (self, uri, stamp, entry, article) : forget_locked (self, uri));
          in_batch++;
          g_mutex_unlock (&self->mutex);
          if (!stored)
            {
              g_object_unref (entry);
              return end_batch (self, &in_batch, FALSE);
            }
          if (in_batch >= BATCH_FILES && !end_batch (self, &in_batch, TRUE))
            {
              g_object_unref (entry);
              return FALSE;
            }
        }
      g_ptr_array_add (entries, entry);
      g_hash_table_add (keep, g_steal_pointer (&uri));
      if (progress != NULL)
        progress (i + 1, files->len, progress_data);
    }

  if (!end_batch (self, &in_batch, TRUE))
    return FALSE;
  if (g_cancellable_is_cancelled (cancellable))
    return TRUE;

  if (db_ok && prune)
    {
      g_mutex_lock (&self->mutex);
      db_ok = prune_locked (self, keep);
      g_mutex_unlock (&self->mutex);
    }
  return db_ok;
}

/* ---------------------------------------------------------------------
 * Searching
 */

static void
append_term (GString    *out,
             const char *term,
             gsize       len)
{
  gboolean has_word = FALSE;

  for (const char *p = term; p < term + len && !has_word; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      has_word = g_unichar_isalnum (c) || g_unichar_ismark (c);
    }
  if (!has_word)
    return;

  if (out->len > 0)
    g_string_append_c (out, ' ');
  g_string_append_c (out, '"');
  for (const char *p = term; p < term + len; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append (out, "\"*");
}

char *
treaties_search_index_build_match (const char *query)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *valid = NULL;
  const char *start = NULL;

  g_return_val_if_fail (query != NULL, NULL);

  valid = g_utf8_make_valid (query, -1);
  for (const char *p = valid;; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      gboolean space = c == 0 || g_unichar_isspace (c) || g_unichar_iscntrl (c);

      if (space && start != NULL)
        {
          append_term (out, start, p - start);
          start = NULL;
        }
      else if (!space && start == NULL)
        start = p;
      if (c == 0)
        break;
    }
  if (out->len == 0)
    return NULL;
  return g_string_free (g_steal_pointer (&out), FALSE);
}

typedef struct {
  gint64 file_id;
  guint  first;    /* index of its first rowid */
  guint  n_hits;
} FileHits;

static int
file_hits_compare (gconstpointer a,
                   gconstpointer b)
{
  const FileHits *x = a, *y = b;

  if (x->n_hits != y->n_hits)
    return x->n_hits > y->n_hits ? -1 : 1;
  return x->file_id < y->file_id ? -1 : x->file_id > y->file_id;
}

static gboolean
is_damage (int rc)
{
  return (rc & 0xff) == SQLITE_CORRUPT || (rc & 0xff) == SQLITE_NOTADB;
}

typedef struct {
  GFile *file;
  char  *article_id;
  char  *title;
} FileInfo;

static void
file_info_free (gpointer data)
{
  FileInfo *info = data;

  g_clear_object (&info->file);
  g_free (info->article_id);
  g_free (info->title);
  g_free (info);
}

static FileInfo *
file_info_locked (TreatiesSearchIndex *self,
                  gint64               file_id,
                  int                 *rc)
{
  sqlite3_stmt *stmt = NULL;
  FileInfo *info = NULL;

  *rc = sqlite3_prepare_v2 (self->db, "SELECT uri, article_id, title FROM files WHERE id = ?1", -1, &stmt, NULL);
  if (*rc != SQLITE_OK)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, file_id);
  if ((*rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      info = g_new0 (FileInfo, 1);
      info->file = g_file_new_for_uri ((const char *) sqlite3_column_text (stmt, 0));
      info->article_id = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      info->title = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      *rc = SQLITE_OK;
    }
  else if (*rc == SQLITE_DONE)
    *rc = SQLITE_OK;
  sqlite3_finalize (stmt);
  return info;
}

/* Two passes over the matches, so that a common word costs little more
 * than a rare one. The first reads only the matching rows' ids (no
 * ranking, no snippet) and counts them per file; the files with the most
 * come first, each with its hits in reading order, until @max_hits. The
 * second makes the snippets of those hits only. */
static GListModel *
search_locked (TreatiesSearchIndex *self,
               const char          *match,
               guint                max_hits,
               gboolean            *db_failed)
{
  GListStore *store = g_list_store_new (TREATIES_TYPE_SEARCH_HIT);
  g_autoptr(GArray) rowids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) files = g_array_new (FALSE, FALSE, sizeof (FileHits));
  g_autoptr(GArray) chosen = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GHashTable) wanted = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GHashTable) hits = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, g_object_unref);
  g_autoptr(GHashTable) infos = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, file_info_free);
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 lowest = G_MAXINT64, highest = 0;
  int rc;

  rc = sqlite3_prepare_v2 (self->db, "SELECT rowid FROM blocks WHERE blocks MATCH ?1 ORDER BY rowid", -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    goto out;
  sqlite3_bind_text (stmt, 1, match, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 rowid = sqlite3_column_int64 (stmt, 0);
      gint64 file_id = rowid >> ROWID_SHIFT;

      if (files->len == 0 || g_array_index (files, FileHits, files->len - 1).file_id != file_id)
        {
          FileHits f = { file_id, rowids->len, 0 };
          g_array_append_val (files, f);
        }
      g_array_index (files, FileHits, files->len - 1).n_hits++;
      g_array_append_val (rowids, rowid);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    goto out;
  rc = SQLITE_OK;

  g_array_sort (files, file_hits_compare);
  for (guint i = 0; i < files->len && (max_hits == 0 || chosen->len < max_hits); i++)
    {
      FileHits *f = &g_array_index (files, FileHits, i);

      for (guint j = 0; j < f->n_hits && (max_hits == 0 || chosen->len < max_hits); j++)
        {
          gint64 *rowid = &g_array_index (rowids, gint64, f->first + j);

          g_array_append_val (chosen, *rowid);
          g_hash_table_add (wanted, rowid);
          lowest = MIN (lowest, *rowid);
          highest = MAX (highest, *rowid);
        }
    }
  if (chosen->len == 0)
    goto out;

  sql = g_strdup_printf ("SELECT rowid, section_id, section_title, block, item,"
                         "  snippet(blocks, 0, char(2), char(3), '…', %d) "
                         "FROM blocks WHERE blocks MATCH ?1 AND rowid BETWEEN ?2 AND ?3 AND treaties_keep(?4, rowid)",
                         SNIPPET_TOKENS);
  rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    goto out;
  sqlite3_bind_text (stmt, 1, match, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, lowest);
  sqlite3_bind_int64 (stmt, 3, highest);
  sqlite3_bind_pointer (stmt, 4, wanted, "treaties-rowids", NULL);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 rowid = sqlite3_column_int64 (stmt, 0);
      gint64 file_id = rowid >> ROWID_SHIFT;
      FileInfo *info = g_hash_table_lookup (infos, &file_id);
      gint64 *key = g_hash_table_lookup (wanted, &rowid);

      if (info == NULL)
        {
          int info_rc;

          if ((info = file_info_locked (self, file_id, &info_rc)) == NULL)
            {
              if (info_rc != SQLITE_OK)
                {
                  rc = info_rc;
                  break;
                }
              continue;
            }
          g_hash_table_insert (infos, g_memdup2 (&file_id, sizeof file_id), info);
        }
      g_hash_table_insert (hits, key,
                           treaties_search_hit_new (info->file, info->article_id, info->title,
                                                    (const char *) sqlite3_column_text (stmt, 1),
                                                    (const char *) sqlite3_column_text (stmt, 2),
                                                    (guint) sqlite3_column_int (stmt, 3),
                                                    (guint) sqlite3_column_int (stmt, 4),
                                                    (const char *) sqlite3_column_text (stmt, 5)));
    }
  sqlite3_finalize (stmt);
  if (rc == SQLITE_DONE)
    rc = SQLITE_OK;

  for (guint i = 0; i < chosen->len; i++)
    {
      TreatiesSearchHit *hit = g_hash_table_lookup (hits, &g_array_index (chosen, gint64, i));

      if (hit != NULL)
        g_list_store_append (store, hit);
    }

out:
  /* Not a bad query (there are none): a damaged file. */
  if (rc != SQLITE_OK)
    *db_failed = is_damage (rc) || is_damage (sqlite3_errcode (self->db));
  return G_LIST_MODEL (store);
}

/* --------------------------------------------------------------------- */

static void
treaties_search_index_finalize (GObject *object)
{
  TreatiesSearchIndex *self = TREATIES_SEARCH_INDEX (object);

  close_locked (self);
  g_clear_object (&self->file);
  g_mutex_clear (&self->mutex);

  G_OBJECT_CLASS (treaties_search_index_parent_class)->finalize (object);
}

static void
treaties_search_index_class_init (TreatiesSearchIndexClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = treaties_search_index_finalize;
}

static void
treaties_search_index_init (TreatiesSearchIndex *self)
{
  g_mutex_init (&self->mutex);
}

TreatiesSearchIndex *
treaties_search_index_new (GFile *db_file)
{
  TreatiesSearchIndex *self;

  g_return_val_if_fail (db_file == NULL || G_IS_FILE (db_file), NULL);

  self = g_object_new (TREATIES_TYPE_SEARCH_INDEX, NULL);
  if (db_file != NULL)
    self->file = g_object_ref (db_file);
  return self;
}

GFile *
treaties_search_index_default_file (void)
{
  return g_file_new_build_filename (g_get_user_cache_dir (), "treaties", "index.sqlite", NULL);
}

GFile *
treaties_search_index_get_file (TreatiesSearchIndex *self)
{
  g_return_val_if_fail (TREATIES_IS_SEARCH_INDEX (self), NULL);
  return self->file;
}

guint
treaties_search_index_get_n_rebuilds (TreatiesSearchIndex *self)
{
  guint n;

  g_return_val_if_fail (TREATIES_IS_SEARCH_INDEX (self), 0);

  g_mutex_lock (&self->mutex);
  n = self->n_rebuilds;
  g_mutex_unlock (&self->mutex);
  return n;
}

GPtrArray *
treaties_search_index_update (TreatiesSearchIndex         *self,
                              GPtrArray                   *files,
                              const TreatiesLibraryOrigin *origins,
                              gboolean                     prune,
                              TreatiesIndexProgressFunc    progress,
                              gpointer                     progress_data,
                              GCancellable                *cancellable,
                              GError                     **error)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_val_if_fail (TREATIES_IS_SEARCH_INDEX (self), NULL);
  g_return_val_if_fail (files != NULL, NULL);

  /* A database that fails midway is made again and the pass starts over,
   * reading every file into the new one... */
  for (guint attempt = 0; attempt < 3; attempt++)
    {
      if (update_pass (self, files, origins, prune, progress, progress_data, cancellable, entries) &&
          entries->len == files->len)
        break;
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;
      g_mutex_lock (&self->mutex);
      if (attempt == 1)
        self->in_memory = TRUE;   /* ... and kept in memory when that fails too. */
      ensure_open_locked (self, TRUE);
      g_mutex_unlock (&self->mutex);
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  return g_steal_pointer (&entries);
}

void
treaties_search_index_remove (TreatiesSearchIndex *self,
                              GFile               *file)
{
  g_autofree char *uri = NULL;

  g_return_if_fail (TREATIES_IS_SEARCH_INDEX (self));
  g_return_if_fail (G_IS_FILE (file));

  uri = g_file_get_uri (file);
  g_mutex_lock (&self->mutex);
  ensure_open_locked (self, FALSE);
  if (!forget_in_transaction_locked (self, uri))
    ensure_open_locked (self, TRUE);
  g_mutex_unlock (&self->mutex);
}

GListModel *
treaties_search_index_search (TreatiesSearchIndex *self,
                              const char          *query,
                              guint                max_hits)
{
  g_autofree char *match = NULL;
  gboolean failed = FALSE;
  GListModel *hits;

  g_return_val_if_fail (TREATIES_IS_SEARCH_INDEX (self), NULL);
  g_return_val_if_fail (query != NULL, NULL);

  match = treaties_search_index_build_match (query);
  if (match == NULL)
    return G_LIST_MODEL (g_list_store_new (TREATIES_TYPE_SEARCH_HIT));

  g_mutex_lock (&self->mutex);
  ensure_open_locked (self, FALSE);
  hits = search_locked (self, match, max_hits, &failed);
  /* Damaged since the update: the next update fills a new one. */
  if (failed)
    ensure_open_locked (self, TRUE);
  g_mutex_unlock (&self->mutex);
  return hits;
}

typedef struct {
  char  *query;
  guint  max_hits;
} SearchData;

static void
search_data_free (SearchData *data)
{
  g_free (data->query);
  g_free (data);
}

static void
search_thread (GTask        *task,
               gpointer      source,
               gpointer      task_data,
               GCancellable *cancellable)
{
  SearchData *data = task_data;

  g_task_return_pointer (task, treaties_search_index_search (source, data->query, data->max_hits), g_object_unref);
}

void
treaties_search_index_search_async (TreatiesSearchIndex *self,
                                    const char          *query,
                                    guint                max_hits,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  SearchData *data;

  g_return_if_fail (TREATIES_IS_SEARCH_INDEX (self));
  g_return_if_fail (query != NULL);

  data = g_new0 (SearchData, 1);
  data->query = g_strdup (query);
  data->max_hits = max_hits;
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, treaties_search_index_search_async);
  g_task_set_task_data (task, data, (GDestroyNotify) search_data_free);
  g_task_set_return_on_cancel (task, TRUE);
  g_task_run_in_thread (task, search_thread);
}

GListModel *
treaties_search_index_search_finish (TreatiesSearchIndex *self,
                                     GAsyncResult        *result,
                                     GError             **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
