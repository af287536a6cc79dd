/* treaties-pdf-exporter.c: an article as a PDF file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cairo-pdf.h>
#include <gio/gunixoutputstream.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "treaties-page-renderer.h"
#include "treaties-pdf-exporter.h"
#include "treaties-timeline-figure.h"

#define WRITE_BUFFER_SIZE (64 * 1024)
#define MAX_TEMP_ATTEMPTS 100
/* Symbolic links followed to the real target, as the kernel allows. */
#define MAX_SYMLINKS 40
/* Bytes in a file name on Linux's file systems (NAME_MAX). */
#define TREATIES_MAX_FILE_NAME 255
/* ".NAME.XXXXXX.part" must fit in a file name: NAME is cut to fit. */
#define TEMP_SUFFIX_LENGTH (sizeof ".XXXXXX.part" - 1)
/* A temporary file of ours that no export holds locked is stale once it
 * is this old (an export locks its file a moment after creating it). */
#define STALE_TEMP_AGE_SECONDS 60

typedef struct {
  GByteArray    *pdf;
  GCancellable  *cancellable;
  GError        *error;
} WriteClosure;

typedef struct {
  TreatiesArticle *article;
  GFile           *dest;
} ExportData;

G_DEFINE_QUARK (treaties-pdf-export-error-quark, treaties_pdf_export_error)

static void
export_data_free (gpointer data)
{
  ExportData *d = data;

  g_clear_object (&d->article);
  g_clear_object (&d->dest);
  g_free (d);
}

static cairo_status_t
write_cb (void                *closure,
          const unsigned char *data,
          unsigned int         length)
{
  WriteClosure *w = closure;

  if (w->error != NULL)
    return CAIRO_STATUS_WRITE_ERROR;
  g_byte_array_append (w->pdf, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* Rewrites @error as "Cannot export to “NAME”: reason", keeping its domain
 * and code. GIO's own messages name the temporary file, not the user's. */
static void
set_file_error (GError **error,
                GError  *cause,
                GFile   *dest)
{
  g_autofree char *name = g_file_get_parse_name (dest);
  const char *reason = cause->message;

  if (cause->domain == G_IO_ERROR)
    switch (cause->code)
      {
      case G_IO_ERROR_CANCELLED:
        reason = _("the export was cancelled");
        break;
      case G_IO_ERROR_PERMISSION_DENIED:
        reason = _("permission denied");
        break;
      case G_IO_ERROR_NOT_FOUND:
        {
          g_autoptr(GFile) parent = g_file_get_parent (dest);

          if (parent != NULL && g_file_query_exists (parent, NULL))
            reason = _("files cannot be created in that folder");
          else
            reason = _("the folder does not exist");
        }
        break;
      case G_IO_ERROR_NOT_DIRECTORY:
        reason = _("part of the path is not a folder");
        break;
      case G_IO_ERROR_NO_SPACE:
        reason = _("the disk is full");
        break;
      case G_IO_ERROR_READ_ONLY:
        reason = _("the disk is read-only");
        break;
      case G_IO_ERROR_IS_DIRECTORY:
      case G_IO_ERROR_WOULD_MERGE:
        reason = _("a folder has that name");
        break;
      case G_IO_ERROR_NOT_REGULAR_FILE:
        reason = _("it is a device, pipe or socket, not a file, and is left alone");
        break;
      case G_IO_ERROR_TOO_MANY_LINKS:
        reason = _("too many symbolic links");
        break;
      default:
        break;
      }

  /* Translators: the first %s is a file, the second why it failed */
  g_set_error (error, cause->domain, cause->code, _("Cannot export to “%s”: %s"), name, reason);
}

/* Creates a new, empty file beside @dest for writing. */
static GFileOutputStream *
create_temp_beside (GFile         *dest,
                    GFile        **out_temp,
                    GCancellable  *cancellable,
                    GError       **error)
{
  g_autoptr(GFile) parent = g_file_get_parent (dest);
  g_autofree char *basename = g_file_get_basename (dest);

  if (parent == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY, "no parent folder");
      return NULL;
    }

  for (guint attempt = 0; ; attempt++)
    {
      g_autofree char *name = g_strdup_printf (".%s.%06x.part", basename,
                                               g_random_int_range (0, 0x1000000));
      g_autoptr(GFile) temp = g_file_get_child (parent, name);
      g_autoptr(GError) local_error = NULL;
      GFileOutputStream *stream;

      stream = g_file_create (temp, G_FILE_CREATE_NONE, cancellable, &local_error);
      if (stream != NULL)
        {
          *out_temp = g_steal_pointer (&temp);
          return stream;
        }
      if (!g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_EXISTS) ||
          attempt + 1 >= MAX_TEMP_ATTEMPTS)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
    }
}

static void
set_metadata (cairo_surface_t *surface,
              TreatiesArticle *article)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *created = g_date_time_format (now, "%Y-%m-%dT%H:%M:%S%:z");
  g_autofree char *date_line = treaties_article_dup_date_line (article);
  g_autofree char *subject = NULL;
  const char *author = treaties_article_get_author (article);

  if (date_line != NULL && date_line[0] != '\0')
    /* Translators: the subject in a PDF's properties; %s is the article's date */
    subject = g_strdup_printf (_("Interwar diplomatic history, %s"), g_strstrip (date_line));
  else
    subject = g_strdup (_("Interwar diplomatic history"));

  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, treaties_article_get_title (article));
  if (author != NULL && author[0] != '\0')
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_AUTHOR, author);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_SUBJECT, subject);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Treaties");
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATE_DATE, created);
}

static char *
outline_link (guint  page,
              double y)
{
  char x_buf[G_ASCII_DTOSTR_BUF_SIZE], y_buf[G_ASCII_DTOSTR_BUF_SIZE];

  return g_strdup_printf ("page=%u pos=[%s %s]", page + 1,
                          g_ascii_formatd (x_buf, sizeof x_buf, "%.1f", 0.0),
                          g_ascii_formatd (y_buf, sizeof y_buf, "%.1f", MAX (y - 6, 0)));
}

/* The outline follows the headings of the structure tree level for level:
 * the article's title (H1) at the top, its sections (H2) and their
 * subsections (H3) nested under it, then the timeline (H2). Each entry
 * points at the top of its heading. */
static void
add_outline (cairo_surface_t      *surface,
             TreatiesPageRenderer *renderer,
             TreatiesArticle      *article)
{
  GListModel *outline = treaties_article_get_outline (article);
  g_autoptr(GHashTable) ids = g_hash_table_new (NULL, NULL);
  g_autofree char *title_link = outline_link (0, 0);
  int title_id;
  guint page;
  double y;

  title_id = cairo_pdf_surface_add_outline (surface, CAIRO_PDF_OUTLINE_ROOT,
                                            treaties_article_get_title (article), title_link,
                                            CAIRO_PDF_OUTLINE_FLAG_OPEN);

  for (guint i = 0; i < g_list_model_get_n_items (outline); i++)
    {
      g_autoptr(TreatiesSection) section = g_list_model_get_item (outline, i);
      TreatiesSection *parent = treaties_section_get_parent (section);
      GListModel *children = treaties_section_get_subsections (section);
      g_autofree char *link = NULL;
      int parent_id = title_id;
      int id;

      if (!treaties_page_renderer_get_section_position (renderer, treaties_section_get_id (section),
                                                        &page, &y))
        continue;
      if (parent != NULL)
        parent_id = GPOINTER_TO_INT (g_hash_table_lookup (ids, parent));

      link = outline_link (page, y);
      id = cairo_pdf_surface_add_outline (surface, parent_id, treaties_section_get_title (section), link,
                                          g_list_model_get_n_items (children) > 0
                                          ? CAIRO_PDF_OUTLINE_FLAG_OPEN : 0);
      g_hash_table_insert (ids, section, GINT_TO_POINTER (id));
    }

  if (treaties_page_renderer_get_timeline_position (renderer, &page, &y))
    {
      g_autofree char *link = outline_link (page, y);
      g_autofree char *caption = treaties_page_renderer_dup_timeline_caption (renderer);

      cairo_pdf_surface_add_outline (surface, title_id, caption, link, 0);
    }
}

/* --- what cairo 1.16 cannot write ---------------------------------------- *
 *
 * cairo 1.16 has no API for the document's language, a figure's
 * alternative text or the viewer preferences. They are added the way PDF
 * allows a file to be amended: an incremental update at its end that
 * gives the catalog and each Figure element a new version with the keys
 * added, a cross-reference section for them and a trailer pointing back at
 * cairo's (/Prev). Only cairo's own output is read: a classic xref table
 * and plain objects. Anything else is left as it is. */

typedef struct {
  const char *data;
  gsize       length;
  gsize       xref;     /* offset of cairo's xref table */
  gsize       entries;  /* offset of its first entry */
  guint       size;     /* /Size: objects 0 .. size - 1 */
  guint       root;
  guint       info;
} PdfFile;

static const char *
find_last (const char *data,
           gsize       length,
           const char *needle)
{
  gsize n = strlen (needle);

  for (gsize i = length >= n ? length - n + 1 : 0; i-- > 0; )
    if (memcmp (data + i, needle, n) == 0)
      return data + i;
  return NULL;
}

static gboolean
parse_ref (const char *dict,
           const char *key,
           guint      *out)
{
  const char *p = strstr (dict, key);

  if (p == NULL)
    return FALSE;
  *out = (guint) g_ascii_strtoull (p + strlen (key), NULL, 10);
  return *out > 0;
}

static gboolean
pdf_file_parse (PdfFile    *f,
                GByteArray *pdf)
{
  const char *startxref, *trailer, *p;
  g_autofree char *dict = NULL;
  guint64 first, count;

  f->data = (const char *) pdf->data;
  f->length = pdf->len;
  startxref = find_last (f->data, f->length, "startxref\n");
  trailer = find_last (f->data, f->length, "trailer\n");
  if (startxref == NULL || trailer == NULL || trailer > startxref)
    return FALSE;
  f->xref = (gsize) g_ascii_strtoull (startxref + strlen ("startxref\n"), NULL, 10);
  dict = g_strndup (trailer, startxref - trailer);
  if (!parse_ref (dict, "/Size ", &f->size) || !parse_ref (dict, "/Root ", &f->root))
    return FALSE;
  if (!parse_ref (dict, "/Info ", &f->info))
    f->info = 0;

  if (f->xref + 5 >= f->length || memcmp (f->data + f->xref, "xref\n", 5) != 0)
    return FALSE;
  p = f->data + f->xref + 5;
  first = g_ascii_strtoull (p, (char **) &p, 10);
  count = g_ascii_strtoull (p, (char **) &p, 10);
  if (first != 0 || count != f->size || *p != '\n')
    return FALSE;
  f->entries = (gsize) (p + 1 - f->data);
  return f->entries + 20 * (gsize) f->size <= f->length && f->root < f->size;
}

/* Object @id's dictionary, "<< … >>" without the outer brackets, or
 * NULL. */
static char *
pdf_file_dup_dict (const PdfFile *f,
                   guint          id,
                   gsize          max_prefix,
                   const char    *must_hold)
{
  const char *entry = f->data + f->entries + 20 * (gsize) id;
  gsize offset;
  const char *obj, *end, *open, *close;
  g_autofree char *head = NULL;

  if (entry[17] != 'n')
    return NULL;
  offset = (gsize) g_ascii_strtoull (entry, NULL, 10);
  if (offset >= f->length)
    return NULL;
  obj = f->data + offset;
  head = g_strdup_printf ("%u 0 obj\n", id);
  if (f->length - offset < strlen (head) || memcmp (obj, head, strlen (head)) != 0)
    return NULL;
  if (must_hold != NULL)
    {
      gsize n = MIN (max_prefix, f->length - offset);
      g_autofree char *prefix = g_strndup (obj, n);

      if (strstr (prefix, must_hold) == NULL)
        return NULL;
    }
  end = g_strstr_len (obj, f->length - offset, "endobj");
  if (end == NULL)
    return NULL;
  open = g_strstr_len (obj, end - obj, "<<");
  close = find_last (obj, end - obj, ">>");
  if (open == NULL || close == NULL || close < open)
    return NULL;
  return g_strndup (open + 2, close - open - 2);
}

/* A PDF text string: UTF-16BE with its byte order mark, in hex. */
static void
append_text_string (GString    *out,
                    const char *utf8)
{
  g_autofree gunichar2 *utf16 = g_utf8_to_utf16 (utf8, -1, NULL, NULL, NULL);

  g_string_append (out, "<FEFF");
  for (gunichar2 *u = utf16; u != NULL && *u != 0; u++)
    g_string_append_printf (out, "%04X", *u);
  g_string_append_c (out, '>');
}

static void
append_object (GString    *update,
               gsize       base,
               GArray     *ids,
               GArray     *offsets,
               guint       id,
               const char *dict,
               const char *extra)
{
  gsize offset = base + update->len;

  g_array_append_val (ids, id);
  g_array_append_val (offsets, offset);
  g_string_append_printf (update, "%u 0 obj\n<<%s%s>>\nendobj\n", id, dict, extra);
}

static void
amend (GByteArray      *pdf,
       TreatiesArticle *article)
{
  const char *language = treaties_article_get_language (article);
  g_autofree char *alt = treaties_timeline_figure_dup_alt_text (article);
  g_autoptr(GString) update = g_string_new ("\n");
  g_autoptr(GString) extra = g_string_new (NULL);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) offsets = g_array_new (FALSE, FALSE, sizeof (gsize));
  g_autofree char *catalog = NULL;
  PdfFile f;
  gsize xref;

  if (!pdf_file_parse (&f, pdf))
    {
      g_debug ("PDF export: cairo's output is not as expected; no /Lang or /Alt");
      return;
    }

  /* The catalog: the document's language (BCP 47, as the article gives
   * it; the loader allows only letters, digits and '-'), and the title
   * rather than the file name in the viewer's title bar. */
  catalog = pdf_file_dup_dict (&f, f.root, 64, "/Type /Catalog");
  if (catalog == NULL)
    return;
  if (language != NULL && language[0] != '\0' && strstr (catalog, "/Lang") == NULL)
    {
      g_string_append (extra, "   /Lang ");
      if (strspn (language, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-") == strlen (language))
        g_string_append_printf (extra, "(%s)", language);
      else
        append_text_string (extra, language);
      g_string_append_c (extra, '\n');
    }
  if (strstr (catalog, "/ViewerPreferences") == NULL)
    g_string_append (extra, "   /ViewerPreferences << /DisplayDocTitle true >>\n");
  append_object (update, pdf->len, ids, offsets, f.root, catalog, extra->str);

  /* The timeline's Figure element: its alternative text. */
  if (alt != NULL)
    for (guint id = 1; id < f.size; id++)
      {
        g_autofree char *dict = pdf_file_dup_dict (&f, id, 80, "/Type /StructElem\n   /S /Figure\n");

        if (dict == NULL || strstr (dict, "/Alt") != NULL)
          continue;
        g_string_truncate (extra, 0);
        g_string_append (extra, "   /Alt ");
        append_text_string (extra, alt);
        g_string_append_c (extra, '\n');
        append_object (update, pdf->len, ids, offsets, id, dict, extra->str);
      }

  xref = pdf->len + update->len;
  g_string_append (update, "xref\n");
  for (guint i = 0; i < ids->len; i++)
    g_string_append_printf (update, "%u 1\n%010" G_GSIZE_FORMAT " 00000 n \n",
                            g_array_index (ids, guint, i), g_array_index (offsets, gsize, i));
  g_string_append_printf (update, "trailer\n<< /Size %u\n   /Root %u 0 R\n", f.size, f.root);
  if (f.info > 0)
    g_string_append_printf (update, "   /Info %u 0 R\n", f.info);
  g_string_append_printf (update, "   /Prev %" G_GSIZE_FORMAT "\n>>\nstartxref\n%" G_GSIZE_FORMAT "\n%%%%EOF\n",
                          f.xref, xref);
  g_byte_array_append (pdf, (const guint8 *) update->str, update->len);
}

/* Renders the whole document into @stream. */
static gboolean
render (TreatiesArticle  *article,
        GOutputStream    *stream,
        GCancellable     *cancellable,
        GError          **error)
{
  g_autoptr(TreatiesPageRenderer) renderer = treaties_page_renderer_new (article);
  g_autoptr(GByteArray) pdf = g_byte_array_new ();
  WriteClosure w = { pdf, cancellable, NULL };
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;
  double width, height;
  guint n_pages;

  treaties_page_renderer_paginate (renderer);
  n_pages = treaties_page_renderer_get_n_pages (renderer);
  treaties_page_renderer_get_page_size (renderer, &width, &height);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  surface = cairo_pdf_surface_create_for_stream (write_cb, &w, width, height);
  set_metadata (surface, article);
  cr = cairo_create (surface);

  /* A tagged PDF: besides serving screen readers, it is what keeps cairo
   * 1.16 from writing links that point into a structure tree it never
   * writes (a damaged file). */
  treaties_page_renderer_begin_document (renderer, cr);
  for (guint i = 0; i < n_pages && w.error == NULL; i++)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, &w.error))
        break;
      treaties_page_renderer_draw_page (renderer, cr, i);
      if (i + 1 == n_pages)
        treaties_page_renderer_end_document (renderer, cr);
      cairo_show_page (cr);
    }

  if (w.error == NULL)
    add_outline (surface, renderer, article);

  status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (w.error != NULL)
    {
      g_propagate_error (error, w.error);
      return FALSE;
    }
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, TREATIES_PDF_EXPORT_ERROR, TREATIES_PDF_EXPORT_ERROR_RENDER,
                   "cairo: %s", cairo_status_to_string (status));
      return FALSE;
    }

  amend (pdf, article);
  return g_output_stream_write_all (stream, pdf->data, pdf->len, NULL, cancellable, error);
}

/* Gives the new file the permissions of the one it replaces, if any. */
static void
copy_mode (GFile *from,
           GFile *to)
{
  g_autoptr(GFileInfo) info = g_file_query_info (from, G_FILE_ATTRIBUTE_UNIX_MODE,
                                                 G_FILE_QUERY_INFO_NONE, NULL, NULL);

  if (info != NULL && g_file_info_has_attribute (info, G_FILE_ATTRIBUTE_UNIX_MODE))
    g_file_set_attribute_uint32 (to, G_FILE_ATTRIBUTE_UNIX_MODE,
                                 g_file_info_get_attribute_uint32 (info, G_FILE_ATTRIBUTE_UNIX_MODE) & 0777,
                                 G_FILE_QUERY_INFO_NONE, NULL, NULL);
}

/* A file without a local path (a GVfs location): GIO's temporary file
 * beside it, moved over it when complete. */
static gboolean
export_with_gio (TreatiesArticle  *article,
                 GFile            *dest,
                 GCancellable     *cancellable,
                 GError          **error)
{
  g_autoptr(GFile) temp = NULL;
  g_autoptr(GFileOutputStream) file_stream = NULL;
  g_autoptr(GOutputStream) stream = NULL;
  gboolean ok;

  file_stream = create_temp_beside (dest, &temp, cancellable, error);
  if (file_stream == NULL)
    return FALSE;

  stream = g_buffered_output_stream_new_sized (G_OUTPUT_STREAM (file_stream), WRITE_BUFFER_SIZE);
  ok = render (article, stream, cancellable, error);
  /* Closing flushes: it can fail (a full disk) even when every write
   * seemed to work. */
  if (ok)
    ok = g_output_stream_close (stream, cancellable, error);
  else
    g_output_stream_close (stream, NULL, NULL);

  if (ok)
    {
      copy_mode (dest, temp);
      ok = g_file_move (temp, dest, G_FILE_COPY_OVERWRITE | G_FILE_COPY_NO_FALLBACK_FOR_MOVE,
                        cancellable, NULL, NULL, error);
    }
  if (!ok)
    g_file_delete (temp, NULL, NULL);
  return ok;
}

static gboolean
set_errno_error (GError **error,
                 int      saved_errno)
{
  g_set_error_literal (error, G_IO_ERROR, g_io_error_from_errno (saved_errno), g_strerror (saved_errno));
  return FALSE;
}

/* Follows @path's symbolic links to the file they name, as cp and
 * g_file_replace() do: the links stay and the real file is replaced. Sets
 * @st to that file's status, with st_mode 0 when it does not exist yet (a
 * new file, or the target of a dangling link). */
static char *
resolve_target (const char   *path,
                struct stat  *st,
                GError      **error)
{
  g_autofree char *current = g_strdup (path);

  for (guint i = 0; i <= MAX_SYMLINKS; i++)
    {
      g_autoptr(GError) link_error = NULL;
      char *link;

      if (lstat (current, st) != 0)
        {
          int saved_errno = errno;

          if (saved_errno != ENOENT)
            {
              set_errno_error (error, saved_errno);
              return NULL;
            }
          memset (st, 0, sizeof *st);
          return g_steal_pointer (&current);
        }
      if (!S_ISLNK (st->st_mode))
        return g_steal_pointer (&current);

      link = g_file_read_link (current, &link_error);
      if (link == NULL)
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, link_error->message);
          return NULL;
        }
      if (!g_path_is_absolute (link))
        {
          g_autofree char *dir = g_path_get_dirname (current);
          g_autofree char *relative = link;

          link = g_build_filename (dir, relative, NULL);
        }
      g_free (current);
      current = link;
    }
  set_errno_error (error, ELOOP);
  return NULL;
}

/* ".NAME." for the temporary files of NAME, cut (at a character) so that
 * ".NAME.XXXXXX.part" is a legal file name even when NAME is. */
static char *
temp_prefix (const char *base)
{
  gsize max = TREATIES_MAX_FILE_NAME - 1 - TEMP_SUFFIX_LENGTH;
  gsize n = strlen (base);

  if (n > max)
    {
      n = max;
      while (n > 0 && ((guchar) base[n] & 0xC0) == 0x80)
        n--;
    }
  return g_strdup_printf (".%.*s.", (int) n, base);
}

static gboolean
is_temp_suffix (const char *s)
{
  for (guint i = 0; i < 6; i++)
    if (!g_ascii_isxdigit (s[i]))
      return FALSE;
  return strcmp (s + 6, ".part") == 0;
}

/* Removes what an interrupted export of the same file left: our pattern,
 * a regular file, a minute old and locked by no export. */
static void
remove_stale_temps (const char *dir,
                    const char *prefix)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gsize n = strlen (prefix);
  const char *name;

  if (d == NULL)
    return;
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = NULL;
      struct stat st;
      int fd;

      if (strncmp (name, prefix, n) != 0 || !is_temp_suffix (name + n))
        continue;
      path = g_build_filename (dir, name, NULL);
      fd = open (path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
      if (fd < 0)
        continue;
      if (fstat (fd, &st) == 0 && S_ISREG (st.st_mode) && now - st.st_mtime >= STALE_TEMP_AGE_SECONDS &&
          flock (fd, LOCK_EX | LOCK_NB) == 0)
        g_unlink (path);
      close (fd);
    }
}

/* Creates and locks a new, empty temporary file in @dir. */
static int
create_temp (const char  *dir,
             const char  *prefix,
             char       **out_path,
             GError     **error)
{
  for (guint attempt = 0; ; attempt++)
    {
      g_autofree char *name = g_strdup_printf ("%s%06x.part", prefix, g_random_int_range (0, 0x1000000));
      g_autofree char *path = g_build_filename (dir, name, NULL);
      int fd;

      fd = open (path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_NOCTTY | O_CLOEXEC, 0666);
      if (fd >= 0)
        {
          /* Tells remove_stale_temps() in another process that it is in use. */
          flock (fd, LOCK_EX | LOCK_NB);
          *out_path = g_steal_pointer (&path);
          return fd;
        }
      if (errno != EEXIST || attempt + 1 >= MAX_TEMP_ATTEMPTS)
        {
          set_errno_error (error, errno);
          return -1;
        }
    }
}

/* A local file: only a regular file is replaced, never a device, pipe or
 * socket; a symbolic link is followed to the file it names. The new file
 * gets the umask's permissions, or the permission bits of the file it
 * replaces (not its setuid, setgid or sticky bits), and its owner where
 * that is allowed. A folder or anything else that cannot be replaced fails
 * before the article is rendered. */
static gboolean
export_local (TreatiesArticle  *article,
              const char       *path,
              GCancellable     *cancellable,
              GError          **error)
{
  g_autofree char *target = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *prefix = NULL;
  g_autofree char *temp = NULL;
  g_autoptr(GOutputStream) file_stream = NULL;
  g_autoptr(GOutputStream) stream = NULL;
  struct stat st;
  gboolean replacing;
  gboolean ok;
  int fd;

  target = resolve_target (path, &st, error);
  if (target == NULL)
    return FALSE;
  replacing = st.st_mode != 0;
  if (replacing && S_ISDIR (st.st_mode))
    return set_errno_error (error, EISDIR);
  if (replacing && !S_ISREG (st.st_mode))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE, "not a regular file");
      return FALSE;
    }

  dir = g_path_get_dirname (target);
  base = g_path_get_basename (target);
  prefix = temp_prefix (base);
  remove_stale_temps (dir, prefix);
  fd = create_temp (dir, prefix, &temp, error);
  if (fd < 0)
    return FALSE;
  if (replacing)
    {
      /* Ownership first: fchown() may clear permission bits. Failing to
       * give the file away (not root) keeps it ours, as cp does. */
      if ((st.st_uid != geteuid () || st.st_gid != getegid ()) && fchown (fd, st.st_uid, st.st_gid) != 0)
        g_debug ("export: cannot keep the owner of %s: %s", target, g_strerror (errno));
      if (fchmod (fd, st.st_mode & 0777) != 0)
        g_debug ("export: cannot keep the mode of %s: %s", target, g_strerror (errno));
    }

  file_stream = g_unix_output_stream_new (fd, TRUE);
  stream = g_buffered_output_stream_new_sized (file_stream, WRITE_BUFFER_SIZE);
  ok = render (article, stream, cancellable, error);
  /* Closing flushes: it can fail (a full disk) even when every write
   * seemed to work. No fsync() before the rename, as before: it doubled the
   * time of a small export here, and ext4 and btrfs already write a file
   * renamed over another before the rename. */
  if (ok)
    ok = g_output_stream_close (stream, cancellable, error);
  else
    g_output_stream_close (stream, NULL, NULL);
  if (ok && g_cancellable_set_error_if_cancelled (cancellable, error))
    ok = FALSE;
  if (ok && rename (temp, target) != 0)
    ok = set_errno_error (error, errno);

  if (!ok)
    g_unlink (temp);
  return ok;
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ExportData *d = task_data;
  GError *error = NULL;

  if (treaties_pdf_export (d->article, d->dest, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

gboolean
treaties_pdf_export (TreatiesArticle  *article,
                     GFile            *dest,
                     GCancellable     *cancellable,
                     GError          **error)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) local_error = NULL;
  gboolean ok;

  g_return_val_if_fail (TREATIES_IS_ARTICLE (article), FALSE);
  g_return_val_if_fail (G_IS_FILE (dest), FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (g_cancellable_set_error_if_cancelled (cancellable, &local_error))
    {
      set_file_error (error, local_error, dest);
      return FALSE;
    }

  path = g_file_get_path (dest);
  if (path != NULL)
    ok = export_local (article, path, cancellable, &local_error);
  else
    ok = export_with_gio (article, dest, cancellable, &local_error);

  if (!ok)
    {
      if (local_error->domain == TREATIES_PDF_EXPORT_ERROR)
        {
          g_autofree char *name = g_file_get_parse_name (dest);

          g_set_error (error, local_error->domain, local_error->code,
                       _("Cannot export to “%s”: %s"), name, local_error->message);
        }
      else
        set_file_error (error, local_error, dest);
      return FALSE;
    }
  return TRUE;
}

void
treaties_pdf_export_async (TreatiesArticle     *article,
                           GFile               *dest,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ExportData *d;

  g_return_if_fail (TREATIES_IS_ARTICLE (article));
  g_return_if_fail (G_IS_FILE (dest));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  d = g_new0 (ExportData, 1);
  d->article = g_object_ref (article);
  d->dest = g_object_ref (dest);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, treaties_pdf_export_async);
  g_task_set_name (task, "[treaties] PDF export");
  g_task_set_task_data (task, d, export_data_free);
  /* Not return-on-cancel: the thread removes its temporary file first. */
  g_task_run_in_thread (task, export_thread);
}

gboolean
treaties_pdf_export_finish (GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == treaties_pdf_export_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
