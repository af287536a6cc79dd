/* treaties-limits.h: the bounds an article file must stay within
 *
 * Each is documented in docs/article-format.md and has a test.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

/* Bytes in an article file; larger files are refused before they are read.
 * Room for 10,000 times the shipped article; loading a file this size takes
 * about 8 times as much memory, most of it json-glib's tree (15 times and
 * more for a file of mostly small events: some 1 KiB of tree per event). */
#define TREATIES_MAX_FILE_SIZE      (256 * 1024 * 1024)
/* Nesting of JSON arrays and objects. json-glib 1.6 recurses per level and
 * overflows the stack near 100,000 levels; articles need fewer than 10. */
#define TREATIES_MAX_DEPTH          64
/* Bytes in one JSON string, after escapes are counted as written. */
#define TREATIES_MAX_STRING_LENGTH  (1024 * 1024)
/* Sections and subsections, events, eras, blocks in one section. */
#define TREATIES_MAX_SECTIONS       10000
#define TREATIES_MAX_EVENTS         1000000
#define TREATIES_MAX_ERAS           1000
/* Problems reported for one file before the rest are only counted. */
#define TREATIES_MAX_PROBLEMS       50
