/* treaties-cli-search.h: `treaties --search`, without a display
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Searches @files (paths or URIs) for @query, or the library when @files is
 * NULL or empty (the shipped articles, the reader's folder and the files
 * opened before, through the cached index), and prints one line per
 * passage found: "FILE: article-id › section-id: …snippet…", the matched
 * words in bold on a terminal and between [ and ] otherwise, control
 * characters escaped. A file that is no article has its problems printed
 * to stderr, as --check prints them. Returns the process exit status: 0
 * when something was found, 1 when nothing was. */
int    treaties_cli_search          (const char         *query,
                                     const char * const *files);

G_END_DECLS
