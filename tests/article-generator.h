/* article-generator.h: seeded, deterministic articles for the tests
 *
 * Articles nobody wrote by hand, to test the app and its PDF against
 * invariants rather than against the shipped articles. The same seed gives
 * the same bytes on every machine and run (a PRNG of our own, no GRand, no
 * locale, no clock).
 *
 * Every article is valid (the loader, as `treaties --check` runs it,
 * accepts it; the generator checks) and, over any 25 consecutive seeds,
 * every ordered pair of block types occurs at the start of the first
 * section (callout → paragraph, note → note, list → paragraph, …). Each
 * article also holds, at random places:
 *
 *  - every block type at least once, sections with only subsections,
 *    subsections, callouts and notes with and without labels;
 *  - links whose text is long enough to wrap, links inside words of other
 *    scripts, mailto: links, and links whose address holds ( ) ' " \ and
 *    a backslash before an @ (https://example.org\@evil.example/);
 *  - long words, bare URLs, e-mail addresses and tokens with digits in the
 *    running text (never to be hyphenated);
 *  - French, Cyrillic, Arabic and Hebrew (right-to-left), combining marks,
 *    emoji (with ZWJ sequences and flags), and literal `<b>&amp;` text;
 *  - a timeline (most seeds) whose events cluster on nearby and equal
 *    days, with long titles and descriptions, referencing sections.
 *
 * Build: tests/meson.build links article_generator_dep into a test.
 * Look at one: `_build/tests/generate-article SEED > article.json`.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The article for @seed as JSON (UTF-8, pretty-printed), or NULL and
 * @error if the loader refused it (a bug in the generator). */
char *treaties_test_generate_article (guint32   seed,
                                      GError  **error);

/* The same, as bytes ready for treaties_article_new_from_bytes(). */
GBytes *treaties_test_generate_article_bytes (guint32   seed,
                                              GError  **error);

G_END_DECLS
