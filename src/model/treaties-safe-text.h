/* treaties-safe-text.h: text from an article made safe to print or show
 *
 * An article is untrusted input. Its text reaches a terminal (treaties
 * --check prints titles and error excerpts) and the reader's eye (a link's
 * address in a tooltip). Control characters there can retitle or clear a
 * terminal and forge lines; bidirectional controls can make one address
 * read as another; a host that mixes scripts can pass for another (Cyrillic
 * "а" for Latin "a").
 *
 * Plain GLib, no GTK.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Whether @c acts rather than shows: a C0 or C1 control character, DEL, a
 * line or paragraph separator, or a bidirectional formatting character
 * (U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069). */
gboolean  treaties_safe_text_is_control        (gunichar    c);

/* Whether @c is a Unicode noncharacter (U+FDD0–U+FDEF and the last two
 * code points of every plane), which cairo and other libraries refuse. */
gboolean  treaties_safe_text_is_noncharacter   (gunichar    c);

/* @text with every control character (see above) written out as \n, \r,
 * \t or \uXXXX, and every byte that is not UTF-8 as \xHH: safe to print
 * to a terminal. With @keep_newlines, '\n' is kept as a line break. */
char     *treaties_safe_text_escape            (const char *text,
                                                gboolean    keep_newlines);

/* @href as a reader should see it, and as it should be opened: when its
 * host mixes writing systems (Latin with Cyrillic, say), the host in its
 * ASCII (punycode, "xn--") form; otherwise @href unchanged. */
char     *treaties_safe_text_link_for_display  (const char *href);

/* @text with a zero-width space (U+200B) after every @max_unbroken
 * characters of a stretch with no break opportunity, or NULL when it has no
 * such stretch. Pango lays out an unbreakable word in time that grows with
 * the square of its length (one of 80,000 characters froze the window for
 * 8 s); with these it breaks like ordinary text, and reads the same. */
char     *treaties_text_with_break_opportunities (const char *text,
                                                  guint       max_unbroken);

/* The same, but a stretch longer than @fine_above gets one after every
 * @fine_every characters: the PDF breaks a word of more than a few lines
 * finely, so that its lines are full (pieces of 64 characters, about a
 * line, would leave a line of a few letters after each), and leaves
 * shorter stretches (a long URL) as the reading view does. */
char     *treaties_text_with_break_opportunities_full (const char *text,
                                                       guint       max_unbroken,
                                                       guint       fine_above,
                                                       guint       fine_every);

G_END_DECLS
