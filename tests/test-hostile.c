/* test-hostile.c: hostile files, odd paths and links (issue 16)
 *
 * Export never destroys what sits at its target (a device, a pipe, a
 * symbolic link), gives safe permissions and cleans up after itself;
 * opening something that is not a regular file fails at once; links that
 * deceive are refused; noncharacters are refused where they are read; and
 * what is printed cannot drive a terminal. No display needed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>
#include <utime.h>

#include <glib/gstdio.h>

#include "export-fixtures.h"
#include "treaties-article.h"
#include "treaties-pdf-exporter.h"
#include "test-files.h"
#include "treaties-safe-text.h"

/* --- helpers ------------------------------------------------------------- */

static gboolean
is_pdf (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length;

  return g_file_get_contents (path, &contents, &length, NULL) && length > 1000 &&
         memcmp (contents, "%PDF-", 5) == 0;
}

static TreatiesArticle *
load_string (const char  *json,
             GError     **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new (json, strlen (json));

  return treaties_article_new_from_bytes (bytes, "hostile.json", error);
}

static mode_t
current_umask (void)
{
  mode_t mask = umask (0);

  umask (mask);
  return mask;
}

/* The export must fail, saying which file and why, and touch nothing. */
static void
assert_export_refused (const char *path,
                       int         code)
{
  g_autoptr(TreatiesArticle) article = fixture_load_shipped ();
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;

  g_assert_false (treaties_pdf_export (article, file, NULL, &error));
  g_assert_error (error, G_IO_ERROR, code);
  g_assert_nonnull (strstr (error->message, path));
  g_test_message ("%s", error->message);
}

/* --- export onto what is not a regular file -------------------------------- */

/* A device node of our own: /dev/null's numbers in a temporary folder
 * (only root may make one; others test with a FIFO below). */
static void
test_export_device_node (void)
{
  g_autofree char *dir = test_make_temp_dir ("treaties-hostile-XXXXXX");
  g_autofree char *node = g_build_filename (dir, "null", NULL);
  g_autofree char *link = g_build_filename (dir, "link.pdf", NULL);
  g_autofree char *listing = NULL;
  struct stat st;

  if (mknod (node, S_IFCHR | 0666, makedev (1, 3)) != 0)
    {
      g_test_skip ("mknod needs root");
      test_remove_temp_dir (dir);
      return;
    }
  g_assert_cmpint (symlink (node, link), ==, 0);

  assert_export_refused (node, G_IO_ERROR_NOT_REGULAR_FILE);
  assert_export_refused (link, G_IO_ERROR_NOT_REGULAR_FILE);

  g_assert_cmpint (lstat (node, &st), ==, 0);
  g_assert_true (S_ISCHR (st.st_mode));
  g_assert_cmpuint (st.st_rdev, ==, makedev (1, 3));
  g_assert_cmpint (lstat (link, &st), ==, 0);
  g_assert_true (S_ISLNK (st.st_mode));
  listing = test_list_dir (dir);
  g_assert_cmpstr (listing, ==, "link.pdf null");
  test_remove_temp_dir (dir);
}

static void
test_export_fifo (void)
{
  g_autofree char *dir = test_make_temp_dir ("treaties-hostile-XXXXXX");
  g_autofree char *fifo = g_build_filename (dir, "fifo.pdf", NULL);
  g_autofree char *link = g_build_filename (dir, "link.pdf", NULL);
  g_autofree char *listing = NULL;
  struct stat st;

  g_assert_cmpint (mkfifo (fifo, 0644), ==, 0);
  g_assert_cmpint (symlink ("fifo.pdf", link), ==, 0);

  assert_export_refused (fifo, G_IO_ERROR_NOT_REGULAR_FILE);
  assert_export_refused (link, G_IO_ERROR_NOT_REGULAR_FILE);

  g_assert_cmpint (lstat (fifo, &st), ==, 0);
  g_assert_true (S_ISFIFO (st.st_mode));
  g_assert_cmpint (lstat (link, &st), ==, 0);
  g_assert_true (S_ISLNK (st.st_mode));
  listing = test_list_dir (dir);
  g_assert_cmpstr (listing, ==, "fifo.pdf link.pdf");
  test_remove_temp_dir (dir);
}

/* Without the check, a folder's name fails only at the rename, after the
 * whole article is rendered: the refusal must come well before that. */
static void
test_export_folder_fails_first (void)
{
  g_autoptr(TreatiesArticle) article = fixture_make_long_article (8);
  g_autofree char *dir = test_make_temp_dir ("treaties-hostile-XXXXXX");
  g_autofree char *folder = g_build_filename (dir, "out.pdf", NULL);
  g_autofree char *file_path = g_build_filename (dir, "real.pdf", NULL);
  g_autoptr(GFile) folder_file = g_file_new_for_path (folder);
  g_autoptr(GFile) file = g_file_new_for_path (file_path);
  g_autoptr(GError) error = NULL;
  gint64 start, failed, exported;

  g_assert_cmpint (g_mkdir (folder, 0755), ==, 0);
  start = g_get_monotonic_time ();
  g_assert_false (treaties_pdf_export (article, folder_file, NULL, &error));
  failed = g_get_monotonic_time () - start;
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY);

  start = g_get_monotonic_time ();
  g_assert_true (treaties_pdf_export (article, file, NULL, NULL));
  exported = g_get_monotonic_time () - start;
  g_test_message ("failing on a folder: %" G_GINT64_FORMAT " µs; exporting: %" G_GINT64_FORMAT " µs",
                  failed, exported);
  g_assert_cmpint (failed * 10, <, exported);
  g_assert_true (g_file_test (folder, G_FILE_TEST_IS_DIR));
  test_remove_temp_dir (dir);
}

/* --- symbolic links and modes --------------------------------------------- */

/* The link stays a link; the file it names is replaced, keeping its
 * permission bits. */
static void
test_export_through_symlink (void)
{
  g_autoptr(TreatiesArticle) article = fixture_load_shipped ();
  g_autofree char *dir = test_make_temp_dir ("treaties-hostile-XXXXXX");
  g_autofree char *real = g_build_filename (dir, "real.pdf", NULL);
  g_autofree char *link = g_build_filename (dir, "link.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (link);
  g_autoptr(GError) error = NULL;
  g_autofree char *target = NULL;
  g_autofree char *listing = NULL;
  struct stat st;

  g_assert_true (g_file_set_contents (real, "old", -1, NULL));
  g_assert_cmpint (g_chmod (real, 0640), ==, 0);
  g_assert_cmpint (symlink ("real.pdf", link), ==, 0);

  g_assert_true (treaties_pdf_export (article, file, NULL, &error));
  g_assert_no_error (error);

  g_assert_cmpint (lstat (link, &st), ==, 0);
  g_assert_true (S_ISLNK (st.st_mode));
  target = g_file_read_link (link, NULL);
  g_assert_cmpstr (target, ==, "real.pdf");
  g_assert_true (is_pdf (real));
  g_assert_cmpint (stat (real, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 07777, ==, 0640);
  listing = test_list_dir (dir);
  g_assert_cmpstr (listing, ==, "link.pdf real.pdf");
  test_remove_temp_dir (dir);
}

/* A dangling link: the file it names is created, with the umask's
 * permissions (not the link's 0777). */
static void
test_export_dangling_symlink (void)
{
  g_autoptr(TreatiesArticle) article = fixture_load_shipped ();
  g_autofree char *dir = test_make_temp_dir ("treaties-hostile-XXXXXX");
  g_autofree char *real = g_build_filename (dir, "new.pdf", NULL);
  g_autofree char *link = g_build_filename (dir, "link.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (link);
  g_autoptr(GError) error = NULL;
  g_autofree char *listing = NULL;
  struct stat st;

  g_assert_cmpint (symlink ("new.pdf", link), ==, 0);
  g_assert_true (treaties_pdf_export (article, file, NULL, &error));
  g_assert_no_error (error);

  g_assert_cmpint (lstat (link, &st), ==, 0);
  g_assert_true (S_ISLNK (st.st_mode));
  g_assert_true (is_pdf (real));
  g_assert_cmpint (stat (real, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 07777, ==, 0666 & ~current_umask ());
  listing = test_list_dir (dir);
  g_assert_cmpstr (listing, ==, "link.pdf new.pdf");
  test_remove_temp_dir (dir);
}

/* A new file gets the umask's permissions; a replaced setuid file keeps
 * its permission bits but not setuid, setgid or sticky. */
static void
test_export_modes (void)
{
  g_autoptr(TreatiesArticle) article = fixture_load_shipped ();
  g_autofree char *dir = test_make_temp_dir ("treaties-hostile-XXXXXX");
  g_autofree char *fresh = g_build_filename (dir, "fresh.pdf", NULL);
  g_autofree char *setuid = g_build_filename (dir, "setuid.pdf", NULL);
  g_autoptr(GFile) fresh_file = g_file_new_for_path (fresh);
  g_autoptr(GFile) setuid_file = g_file_new_for_path (setuid);
  struct stat st;
  mode_t old_mask = umask (027);

  g_assert_true (treaties_pdf_export (article, fresh_file, NULL, NULL));
  g_assert_cmpint (stat (fresh, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 07777, ==, 0640);

  g_assert_true (g_file_set_contents (setuid, "old", -1, NULL));
  g_assert_cmpint (g_chmod (setuid, 07755), ==, 0);
  g_assert_true (treaties_pdf_export (article, setuid_file, NULL, NULL));
  g_assert_cmpint (stat (setuid, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 07777, ==, 0755);
  g_assert_true (is_pdf (setuid));

  umask (old_mask);
  test_remove_temp_dir (dir);
}

/* --- temporary files -------------------------------------------------------- */

static void
make_file_aged (const char *path,
                int         age_seconds)
{
  struct utimbuf times;

  g_assert_true (g_file_set_contents (path, "partial", -1, NULL));
  times.actime = times.modtime = time (NULL) - age_seconds;
  g_assert_cmpint (utime (path, &times), ==, 0);
}

/* An interrupted export's temporary file is removed by the next export of
 * the same file; one still locked by an export in progress, a fresh one,
 * and files of another pattern are not. */
static void
test_export_removes_stale_temps (void)
{
  g_autoptr(TreatiesArticle) article = fixture_load_shipped ();
  g_autofree char *dir = test_make_temp_dir ("treaties-hostile-XXXXXX");
  g_autofree char *out = g_build_filename (dir, "out.pdf", NULL);
  g_autofree char *stale = g_build_filename (dir, ".out.pdf.a1b2c3.part", NULL);
  g_autofree char *locked = g_build_filename (dir, ".out.pdf.d4e5f6.part", NULL);
  g_autofree char *fresh = g_build_filename (dir, ".out.pdf.0789ab.part", NULL);
  g_autofree char *other = g_build_filename (dir, ".other.pdf.a1b2c3.part", NULL);
  g_autofree char *mine = g_build_filename (dir, ".out.pdf.notes", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (out);
  g_autofree char *listing = NULL;
  int fd;

  make_file_aged (stale, 3600);
  make_file_aged (locked, 3600);
  make_file_aged (fresh, 0);
  make_file_aged (other, 3600);
  make_file_aged (mine, 3600);
  /* flock() locks belong to the open file: a second open in this process
   * conflicts with it as another process's would. */
  fd = open (locked, O_RDONLY | O_CLOEXEC);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (flock (fd, LOCK_EX), ==, 0);

  g_assert_true (treaties_pdf_export (article, file, NULL, NULL));
  listing = test_list_dir (dir);
  g_assert_cmpstr (listing, ==, ".other.pdf.a1b2c3.part .out.pdf.0789ab.part .out.pdf.d4e5f6.part .out.pdf.notes out.pdf");

  close (fd);
  test_remove_temp_dir (dir);
}

/* A name of the longest length a file system allows still exports: the
 * temporary name is cut to fit. */
static void
test_export_longest_name (void)
{
  g_autoptr(TreatiesArticle) article = fixture_load_shipped ();
  g_autofree char *dir = test_make_temp_dir ("treaties-hostile-XXXXXX");
  g_autoptr(GString) name = g_string_new (NULL);
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *listing = NULL;

  /* 255 bytes, with two-byte characters where the cut falls */
  while (name->len < 251 - 2)
    g_string_append (name, "é");
  while (name->len < 251)
    g_string_append_c (name, 'x');
  g_string_append (name, ".pdf");
  g_assert_cmpuint (name->len, ==, 255);
  path = g_build_filename (dir, name->str, NULL);
  file = g_file_new_for_path (path);

  g_assert_true (treaties_pdf_export (article, file, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (is_pdf (path));
  listing = test_list_dir (dir);
  g_assert_cmpstr (listing, ==, name->str);
  test_remove_temp_dir (dir);
}

/* --- opening what is not a regular file ------------------------------------ */

typedef struct {
  GMainLoop *loop;
  GError    *error;
  gboolean   done;
} Load;

static void
loaded_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  Load *load = user_data;
  g_autoptr(TreatiesArticle) article = treaties_article_new_from_file_finish (result, &load->error);

  g_assert_null (article);
  load->done = TRUE;
  g_main_loop_quit (load->loop);
}

static gboolean
too_long_cb (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_REMOVE;
}

/* Loads @path on a worker thread: it must fail within a few seconds (a
 * device read to its end never does; a FIFO blocks forever). */
static void
assert_open_refused_quickly (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  Load load = { g_main_loop_new (NULL, FALSE), NULL, FALSE };
  guint timeout = g_timeout_add_seconds (5, too_long_cb, load.loop);

  treaties_article_new_from_file_async (file, NULL, loaded_cb, &load);
  g_main_loop_run (load.loop);
  if (!load.done)
    g_error ("opening %s did not finish within 5 s", path);
  g_source_remove (timeout);
  g_main_loop_unref (load.loop);

  g_assert_error (load.error, TREATIES_ARTICLE_ERROR, TREATIES_ARTICLE_ERROR_IO);
  g_assert_true (g_str_has_prefix (load.error->message, path));
  g_assert_nonnull (strstr (load.error->message, "not an article file"));
  g_clear_error (&load.error);
}

static void
test_open_device (void)
{
  assert_open_refused_quickly ("/dev/zero");
}

static void
test_open_fifo (void)
{
  g_autofree char *dir = test_make_temp_dir ("treaties-hostile-XXXXXX");
  g_autofree char *fifo = g_build_filename (dir, "article.json", NULL);
  g_autofree char *link = g_build_filename (dir, "link.json", NULL);

  g_assert_cmpint (mkfifo (fifo, 0644), ==, 0);
  g_assert_cmpint (symlink ("article.json", link), ==, 0);
  assert_open_refused_quickly (fifo);
  assert_open_refused_quickly (link);
  test_remove_temp_dir (dir);
}

/* --- links ------------------------------------------------------------------ */

/* Each must be refused, with the reason (the invalid corpus has more). */
static void
test_links_refused (void)
{
  static const struct {
    const char *href;
    const char *reason;
  } cases[] = {
    { "https://www.paypal.com@evil.example/", "has a user name before its host" },
    { "http://user:pass@example.org/", "has a user name before its host" },
    { "https://example.org\\\\@evil.example/", "has a backslash" },
    { "https://example.org/\\u202Egpj.exe", "U+202E" },
    { "https://example.org/\\u2067x", "U+2067" },
    { "https://example.org/%E2%80%8Fx", "U+200F" },
    { "https://example.org/\\u0085x", "control character U+0085" },
    { "https://example.org/%1B%5B2J", "control character U+001B" },
    { "https://example.org/a\\tb", "control character U+0009" },
    { "https://example.org/a b", "has a space" },
    { "https://example.org/a\\u00A0b", "has a space" },
    { "mailto:a@example.org?attach=/etc/passwd", "attach a file" },
    { "mailto:a@example.org?ATTACHMENT=%2Fetc%2Fpasswd", "attach a file" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *json = g_strdup_printf (
        "{\"format\": 1, \"id\": \"a\", \"title\": \"T\", \"sections\": [{\"id\": \"s\", \"title\": \"S\", "
        "\"blocks\": [{\"type\": \"paragraph\", \"text\": [{\"text\": \"see\", \"href\": \"%s\"}]}]}]}",
        cases[i].href);
      g_autoptr(GError) error = NULL;
      g_autoptr(TreatiesArticle) article = load_string (json, &error);

      if (article != NULL)
        g_error ("%s was accepted", cases[i].href);
      g_assert_error (error, TREATIES_ARTICLE_ERROR, TREATIES_ARTICLE_ERROR_REFERENCE);
      if (strstr (error->message, cases[i].reason) == NULL)
        g_error ("%s: “%s” does not say “%s”", cases[i].href, error->message, cases[i].reason);
      /* the message itself holds no control character */
      for (const char *p = error->message; *p; p = g_utf8_next_char (p))
        g_assert_false (treaties_safe_text_is_control (g_utf8_get_char (p)));
    }
}

/* Ordinary links, including ones near the refused ones, still load. */
static void
test_links_accepted (void)
{
  static const char *hrefs[] = {
    "https://en.wikipedia.org/wiki/Treaty_of_Locarno_(1925)",
    "https://example.org/search?q=a%20b&lang=fr#top",
    "https://de.wikipedia.org/wiki/M%C3%BCnchen",
    "https://пример.рф/",
    "mailto:editor@example.org?subject=Errata",
    "http://example.org:8080/",
  };

  for (guint i = 0; i < G_N_ELEMENTS (hrefs); i++)
    {
      g_autofree char *json = g_strdup_printf (
        "{\"format\": 1, \"id\": \"a\", \"title\": \"T\", \"sections\": [{\"id\": \"s\", \"title\": \"S\", "
        "\"blocks\": [{\"type\": \"paragraph\", \"text\": [{\"text\": \"see\", \"href\": \"%s\"}]}]}]}",
        hrefs[i]);
      g_autoptr(GError) error = NULL;
      g_autoptr(TreatiesArticle) article = load_string (json, &error);

      g_assert_no_error (error);
      g_assert_nonnull (article);
    }
}

static gboolean
is_ascii (const char *s)
{
  for (; *s != '\0'; s++)
    if ((guchar) *s >= 0x80)
      return FALSE;
  return TRUE;
}

/* A host that mixes scripts is shown (and opened) in its ASCII form;
 * one script, or plain ASCII, is left as written. */
static void
test_links_display (void)
{
  /* "раураl": Cyrillic р, а, у, р, а with a Latin l */
  g_autofree char *mixed = treaties_safe_text_link_for_display ("https://раураl.com/a%20b?q=1#f");
  g_autofree char *cyrillic_latin_tld = treaties_safe_text_link_for_display ("http://пример.com/");
  g_autofree char *one_script = treaties_safe_text_link_for_display ("https://пример.рф/путь");
  g_autofree char *latin = treaties_safe_text_link_for_display ("https://münchen.de/");
  g_autofree char *plain = treaties_safe_text_link_for_display ("https://example.org/(x)");
  g_autofree char *mail = treaties_safe_text_link_for_display ("mailto:a@example.org");

  g_assert_true (g_str_has_prefix (mixed, "https://xn--"));
  g_assert_true (g_str_has_suffix (mixed, ".com/a%20b?q=1#f"));
  g_assert_true (is_ascii (mixed));
  g_assert_true (g_str_has_prefix (cyrillic_latin_tld, "http://xn--"));
  g_assert_true (is_ascii (cyrillic_latin_tld));
  g_assert_cmpstr (one_script, ==, "https://пример.рф/путь");
  g_assert_cmpstr (latin, ==, "https://münchen.de/");
  g_assert_cmpstr (plain, ==, "https://example.org/(x)");
  g_assert_cmpstr (mail, ==, "mailto:a@example.org");
}

/* --- noncharacters ----------------------------------------------------------- */

static char *
article_with_title (const char *title)
{
  return g_strdup_printf ("{\"format\": 1, \"id\": \"a\",\n\"title\": \"%s\", \"sections\": "
                          "[{\"id\": \"s\", \"title\": \"S %s\", \"blocks\": "
                          "[{\"type\": \"paragraph\", \"text\": \"x %s y\"}]}]}",
                          title, title, title);
}

/* What the loader accepts exports: noncharacters, which cairo refuses,
 * are refused where they are read, with line and column; the characters
 * beside them load and export. */
static void
test_noncharacters (void)
{
  static const char *refused[] = {
    "T\xEF\xBF\xBE", "T\xEF\xBF\xBF", "T\xEF\xB7\x90", "T\xEF\xB7\xAF",
    "T\xF0\x9F\xBF\xBE", "T\xF4\x8F\xBF\xBF",
    "T\\uFFFE", "T\\ufdd0", "T\\uD83F\\uDFFF", "T\\uDBFF\\uDFFE",
  };
  static const char *accepted[] = {
    "T\xEF\xBF\xBD", "T\xEF\xB7\x8F", "T\xEF\xB7\xB0", "T\xEF\xBF\xBC", "T\xF4\x8F\xBF\xBD",
    "T\\uFFFD\\uFDCF\\uFDF0\\uD83F\\uDFFD",
  };
  g_autofree char *dir = test_make_temp_dir ("treaties-hostile-XXXXXX");
  g_autofree char *out = g_build_filename (dir, "out.pdf", NULL);
  g_autoptr(GFile) out_file = g_file_new_for_path (out);

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autofree char *json = article_with_title (refused[i]);
      g_autoptr(GError) error = NULL;
      g_autoptr(TreatiesArticle) article = load_string (json, &error);

      g_assert_null (article);
      g_assert_error (error, TREATIES_ARTICLE_ERROR, TREATIES_ARTICLE_ERROR_ENCODING);
      g_assert_true (g_str_has_prefix (error->message, "hostile.json:2:12: "));
      g_assert_nonnull (strstr (error->message, "noncharacter"));
    }
  for (guint i = 0; i < G_N_ELEMENTS (accepted); i++)
    {
      g_autofree char *json = article_with_title (accepted[i]);
      g_autoptr(GError) error = NULL;
      g_autoptr(TreatiesArticle) article = load_string (json, &error);

      g_assert_no_error (error);
      g_assert_true (treaties_pdf_export (article, out_file, NULL, &error));
      g_assert_no_error (error);
      g_assert_true (is_pdf (out));
    }
  test_remove_temp_dir (dir);
}

/* --- what is printed ------------------------------------------------------------ */

static void
test_escape (void)
{
  g_autofree char *escaped = treaties_safe_text_escape ("a\x1B]0;t\x07" "b\nc\td\r\xC2\x9B" "e\xE2\x80\xAE" "f\xFF" "é",
                                                        FALSE);
  g_autofree char *lines = treaties_safe_text_escape ("one\ntwo\x1B[2J", TRUE);

  g_assert_cmpstr (escaped, ==, "a\\u001B]0;t\\u0007b\\nc\\td\\r\\u009Be\\u202Ef\\xFFé");
  g_assert_cmpstr (lines, ==, "one\ntwo\\u001B[2J");
}

/* A problem's message quotes the article: its control characters are
 * written out, so each problem stays one line. */
static void
test_messages_escaped (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TreatiesArticle) article = load_string (
    "{\"format\": 1, \"id\": \"a\", \"title\": \"T\", \"sections\": [{\"id\": \"s\", \"title\": \"S\", "
    "\"blocks\": [{\"type\": \"poem\\n\\u001B[2Jhostile.json: valid\"}]}]}", &error);
  g_auto(GStrv) lines = NULL;

  g_assert_null (article);
  lines = g_strsplit (error->message, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 1);
  g_assert_nonnull (strstr (error->message, "poem\\n\\u001B[2Jhostile.json: valid"));
}

/* A word with no break opportunity gets one (U+200B) every N characters,
 * and reads the same; text that already breaks is left alone. */
static void
test_break_opportunities (void)
{
  g_autoptr(GString) word = g_string_new (NULL);
  g_autofree char *broken = NULL;
  g_auto(GStrv) pieces = NULL;
  g_autofree char *joined = NULL;

  for (guint i = 0; i < 200; i++)
    g_string_append (word, i % 2 ? "ж" : "a");
  broken = treaties_text_with_break_opportunities (word->str, 64);
  g_assert_nonnull (broken);
  pieces = g_strsplit (broken, "\u200B", -1);
  g_assert_cmpuint (g_strv_length (pieces), ==, 4);
  for (guint i = 0; i < 3; i++)
    g_assert_cmpuint (g_utf8_strlen (pieces[i], -1), ==, 64);
  g_assert_cmpuint (g_utf8_strlen (pieces[3], -1), ==, 200 - 3 * 64);
  joined = g_strjoinv ("", pieces);
  g_assert_cmpstr (joined, ==, word->str);

  g_assert_null (treaties_text_with_break_opportunities ("ordinary words, that break", 64));
  g_assert_null (treaties_text_with_break_opportunities (word->str, 200));

  /* Finer: every 8 characters of a stretch longer than 100 (the PDF's way
   * with words of more than a few lines), others as before. */
  {
    g_autofree char *text = g_strconcat ("short ", word->str, " words", NULL);
    g_autofree char *broken_text = treaties_text_with_break_opportunities (text, 64);
    g_autofree char *fine = treaties_text_with_break_opportunities_full (text, 64, 100, 8);
    g_auto(GStrv) fine_pieces = NULL;
    g_autofree char *fine_joined = NULL;
    guint n;

    g_assert_nonnull (fine);
    fine_pieces = g_strsplit (fine, "\u200B", -1);
    n = g_strv_length (fine_pieces);
    g_assert_cmpuint (n, ==, 25);
    g_assert_true (g_str_has_prefix (fine_pieces[0], "short "));
    g_assert_cmpuint (g_utf8_strlen (fine_pieces[0], -1), ==, 6 + 8);
    for (guint i = 1; i + 1 < n; i++)
      g_assert_cmpuint (g_utf8_strlen (fine_pieces[i], -1), ==, 8);
    g_assert_cmpstr (fine_pieces[n - 1], ==, "a\u0436a\u0436a\u0436a\u0436 words");
    fine_joined = g_strjoinv ("", fine_pieces);
    g_assert_cmpstr (fine_joined, ==, text);
    g_assert_null (treaties_text_with_break_opportunities_full (text, 200, 100, 8));
    /* at most @fine_above, as on screen */
    g_free (fine);
    fine = treaties_text_with_break_opportunities_full (text, 64, 200, 8);
    g_assert_nonnull (fine);
    g_assert_cmpstr (fine, ==, broken_text);
  }
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/hostile/export/device-node", test_export_device_node);
  g_test_add_func ("/hostile/export/fifo", test_export_fifo);
  g_test_add_func ("/hostile/export/folder-fails-first", test_export_folder_fails_first);
  g_test_add_func ("/hostile/export/through-symlink", test_export_through_symlink);
  g_test_add_func ("/hostile/export/dangling-symlink", test_export_dangling_symlink);
  g_test_add_func ("/hostile/export/modes", test_export_modes);
  g_test_add_func ("/hostile/export/stale-temps", test_export_removes_stale_temps);
  g_test_add_func ("/hostile/export/longest-name", test_export_longest_name);
  g_test_add_func ("/hostile/open/device", test_open_device);
  g_test_add_func ("/hostile/open/fifo", test_open_fifo);
  g_test_add_func ("/hostile/links/refused", test_links_refused);
  g_test_add_func ("/hostile/links/accepted", test_links_accepted);
  g_test_add_func ("/hostile/links/display", test_links_display);
  g_test_add_func ("/hostile/noncharacters", test_noncharacters);
  g_test_add_func ("/hostile/escape", test_escape);
  g_test_add_func ("/hostile/messages-escaped", test_messages_escaped);
  g_test_add_func ("/hostile/text/break-opportunities", test_break_opportunities);

  return g_test_run ();
}
