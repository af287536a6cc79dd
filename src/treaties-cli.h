/* treaties-cli.h: what `treaties` does without a display
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Validates each file; prints problems to stderr as FILE:LINE:COL: message or
 * FILE: path: message, a summary of each valid file to stdout. Warnings
 * (treaties_article_dup_warnings()) go to stderr as FILE: warning: path:
 * message; with @strict they are errors. Returns the process exit status: 0
 * if every file is valid, 1 otherwise. */
int treaties_cli_check (const char * const *files,
                        gboolean            strict);

/* Exports the article at @article_path_or_null (a path or URI), or the shipped
 * article from the GResource when NULL (the resource must be linked into
 * the program), to @out_path as PDF. Needs no display. On failure prints
 * the reason to stderr (for an invalid article, the same lines as --check)
 * and leaves any existing file at @out_path untouched. Returns the process
 * exit status: 0 on success, 1 on failure. */
int treaties_cli_export_pdf (const char *out_path,
                             const char *article_path_or_null);

G_END_DECLS
