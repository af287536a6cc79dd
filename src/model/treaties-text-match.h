/* treaties-text-match.h: finding a reader's query in text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Matching ignores case and accents, the way a reader types a name:
 * "etat" finds "État", "munchen" finds "München", "lodz" finds "Łódź",
 * "strasse" finds "Straße", "oeuvre" finds "œuvre". Both texts are folded
 * to a comparable form (compatibility decomposition, combining marks
 * dropped, case folded, a few letters that do not decompose spelt out,
 * typographic apostrophes and dashes made plain, runs of white space made
 * one space, invisible format characters dropped) and compared there;
 * matches are reported in the character offsets of the original text, so
 * they can be used directly as GtkTextIter offsets.
 *
 * Plain GLib, no GTK: the tests call it without a display.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A match: characters [start, end) of the text searched. Combining marks
 * that follow the last matched letter belong to the match. */
typedef struct {
  guint start;
  guint end;
} TreatiesTextMatch;

/* Every non-overlapping occurrence of @needle in @haystack, in order, as
 * an array of TreatiesTextMatch (never NULL; empty when @needle is empty
 * or only white space). Both are UTF-8; leading and trailing white space
 * in @needle is ignored. */
GArray   *treaties_text_match_find_all (const char *haystack,
                                        const char *needle);
/* Whether @haystack contains @needle at all (stops at the first match). */
gboolean  treaties_text_match_contains (const char *haystack,
                                        const char *needle);
/* The comparable form of @text, as UTF-8 (what the matching compares). */
char     *treaties_text_match_fold     (const char *text);

G_END_DECLS
