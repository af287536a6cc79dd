/* treaties-cli.h: what `treaties` does without a display
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Validates each file; prints problems to stderr as FILE:LINE:COL: message or
 * FILE: path: message, a summary of each valid file to stdout. Returns the
 * process exit status: 0 if every file is valid, 1 otherwise. */
int treaties_cli_check (const char * const *files);

G_END_DECLS
