/* treaties-hyphenator.h: where words may be broken across lines
 *
 * Pango 1.50 breaks a word only where it holds a soft hyphen (U+00AD); it
 * has no dictionary of its own. This finds the hyphenation points with
 * Liang's algorithm and the patterns of the system's hyphenation
 * dictionaries (the hyph_LL_CC.dic files of libhyphen, e.g. Debian's
 * hyphen-en-us), so the page renderer can insert soft hyphens. No
 * dictionary, no hyphenation: the text is left as it is.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define TREATIES_TYPE_HYPHENATOR (treaties_hyphenator_get_type ())

G_DECLARE_FINAL_TYPE (TreatiesHyphenator, treaties_hyphenator, TREATIES, HYPHENATOR, GObject)

/* Parses a dictionary in libhyphen's format: the charset on the first line
 * (UTF-8 or ISO8859-1), LEFTHYPHENMIN / RIGHTHYPHENMIN, then one pattern a
 * line. Non-standard patterns (with '/') are skipped. */
TreatiesHyphenator *treaties_hyphenator_new_from_data        (const char          *data,
                                                              gsize                length,
                                                              GError             **error);
/* The shared hyphenator for a BCP 47 language tag ("en", "en-GB"), found in
 * $XDG_DATA_DIRS/hyphen/; NULL when there is no dictionary for it. Safe to
 * call from any thread. */
TreatiesHyphenator *treaties_hyphenator_get_for_language     (const char          *language);

/* TRUE for a token (text between white space) that is never broken with
 * a hyphen: a URL (scheme://, www., or any '/'), an e-mail address
 * (letters@host.tld) or anything with a digit (dates, ISBNs, "1920s"). A
 * hyphen inside such a token would change what it says. Punctuation around
 * it does not count. */
gboolean            treaties_token_is_verbatim               (const char          *token,
                                                              gsize                length);

/* Appends @text to @out with a soft hyphen at every hyphenation point of
 * its words; tokens that treaties_token_is_verbatim() are left whole.
 * Thread-safe. */
void                treaties_hyphenator_append_hyphenated    (TreatiesHyphenator  *self,
                                                              GString             *out,
                                                              const char          *text);

G_END_DECLS
