/* fuzz-export.c: libFuzzer target for loading and exporting an article
 *
 * Feeds arbitrary bytes to treaties_article_new_from_bytes() and exports
 * every article it accepts with treaties_pdf_export(), as `treaties
 * --export-pdf` does. Built with clang and -Dfuzzing=true beside
 * fuzz-article (see tests/fuzz/meson.build); run by build-aux/run-fuzz,
 * which also checks the PDFs with qpdf.
 *
 * Besides crashes and sanitizer reports, these count as failures (abort):
 *  - a GLib warning or critical;
 *  - an article the loader accepts that does not export: whatever passes
 *    `treaties --check` must export (noncharacters once did not);
 *  - an export that is not a whole PDF (no "%PDF-" header or "%%EOF").
 *
 * With TREATIES_FUZZ_PDF_DIR set, every PDF is kept there, named by the
 * SHA-1 of its input, for build-aux/run-fuzz to give to `qpdf --check`.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "treaties-article.h"
#include "treaties-pdf-exporter.h"

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static char *out_path;

static void
check (gboolean    condition,
       const char *what)
{
  if (!condition)
    g_error ("contract broken: %s", what);
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_autofree char *name = g_strdup_printf ("treaties-fuzz-export-%d.pdf", (int) getpid ());

  /* As in fuzz-article.c: no slice allocator to hide errors from ASan. */
  setenv ("G_SLICE", "always-malloc", 1);
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  out_path = g_build_filename (g_get_tmp_dir (), name, NULL);
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(TreatiesArticle) article = NULL;
  g_autoptr(GFile) out = NULL;
  g_autofree char *pdf = NULL;
  const char *keep_dir;
  gsize length;

  article = treaties_article_new_from_bytes (bytes, "fuzz.json", &error);
  if (article == NULL)
    return 0;

  out = g_file_new_for_path (out_path);
  if (!treaties_pdf_export (article, out, NULL, &error))
    g_error ("contract broken: an article that loads does not export: %s", error->message);

  check (g_file_get_contents (out_path, &pdf, &length, NULL), "the PDF can be read back");
  check (length > 5 && memcmp (pdf, "%PDF-", 5) == 0, "the PDF starts with %PDF-");
  check (g_strrstr_len (pdf + length - MIN (length, 32), MIN (length, 32), "%%EOF") != NULL,
         "the PDF ends with %%EOF");

  keep_dir = g_getenv ("TREATIES_FUZZ_PDF_DIR");
  if (keep_dir != NULL)
    {
      g_autofree char *sum = g_compute_checksum_for_data (G_CHECKSUM_SHA1, data, size);
      g_autofree char *name = g_strconcat (sum, ".pdf", NULL);
      g_autofree char *kept = g_build_filename (keep_dir, name, NULL);

      check (g_rename (out_path, kept) == 0, "the PDF can be kept");
    }
  else
    g_unlink (out_path);
  return 0;
}
