/* treaties-article-view.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "treaties-article.h"

G_BEGIN_DECLS

#define TREATIES_TYPE_ARTICLE_VIEW (treaties_article_view_get_type ())

G_DECLARE_FINAL_TYPE (TreatiesArticleView, treaties_article_view, TREATIES, ARTICLE_VIEW, GtkTextView)

#define TREATIES_ARTICLE_VIEW_MIN_ZOOM 0.5
#define TREATIES_ARTICLE_VIEW_MAX_ZOOM 3.0

GtkWidget       *treaties_article_view_new                (void);
void             treaties_article_view_set_article        (TreatiesArticleView *self,
                                                           TreatiesArticle     *article);
TreatiesArticle *treaties_article_view_get_article        (TreatiesArticleView *self);
/* The section whose text is at the top of the view. */
const char      *treaties_article_view_get_current_section (TreatiesArticleView *self);
/* Scrolls so that the heading of @section_id is at the top of the view and
 * briefly highlights it. Returns FALSE if there is no such section. */
gboolean         treaties_article_view_scroll_to_section  (TreatiesArticleView *self,
                                                           const char          *section_id);
/* The block (paragraph, list, box; 0-based) of the current section at the
 * top of the view; 0 while its heading is. */
guint            treaties_article_view_get_current_block  (TreatiesArticleView *self);
/* Scrolls block @block of @section_id to the top of the view (0: the
 * heading, as scroll_to_section()); past the section's end, its heading. */
gboolean         treaties_article_view_scroll_to_place    (TreatiesArticleView *self,
                                                           const char          *section_id,
                                                           guint                block);
/* Whether a jump is still being seen through (the text not yet where it
 * was asked to go): its current block is not yet the reader's. */
gboolean         treaties_article_view_is_settling        (TreatiesArticleView *self);
/* Changing the zoom keeps the paragraph at the top of the view there. */
double           treaties_article_view_get_zoom           (TreatiesArticleView *self);
void             treaties_article_view_set_zoom           (TreatiesArticleView *self,
                                                           double               zoom);
/* The vertical adjustment value that puts the heading of @section_id at the
 * top of the view. */
gboolean         treaties_article_view_get_section_y      (TreatiesArticleView *self,
                                                           const char          *section_id,
                                                           int                 *y);

/* Find in the article. Matching ignores case and accents (see
 * treaties-text-match.h). Matches are counted in reading order. */

/* Highlights every match of @query (NULL or blank: none) with the
 * "search-match" tag and returns how many there are. No match is selected
 * yet. The matches are forgotten when the article changes. */
guint            treaties_article_view_search             (TreatiesArticleView *self,
                                                           const char          *query);
guint            treaties_article_view_get_n_matches      (TreatiesArticleView *self);
/* The match to start from: the first at or after the reading position,
 * which is the match selected before the last search if it was in view,
 * else the top of the view; the first match if none is after it. -1 when
 * there are no matches. */
int              treaties_article_view_find_match_near_position (TreatiesArticleView *self);
/* Marks match @index with the "search-current" tag and scrolls it into
 * view, away from the edges. Its section becomes the current section, as
 * with scroll_to_section(). */
void             treaties_article_view_select_match       (TreatiesArticleView *self,
                                                           guint                index);
/* The selected match, or -1. */
int              treaties_article_view_get_selected_match (TreatiesArticleView *self);
gboolean         treaties_article_view_get_match_bounds   (TreatiesArticleView *self,
                                                           guint                index,
                                                           GtkTextIter         *start,
                                                           GtkTextIter         *end);
/* Ids of the sections that hold a match, in reading order (never NULL). */
GStrv            treaties_article_view_dup_sections_with_matches (TreatiesArticleView *self);
/* Removes the highlights and forgets the matches. */
void             treaties_article_view_clear_search       (TreatiesArticleView *self);

/* Timeline events in the text. Words marked for an event are underlined
 * and activatable (click, or Enter with the cursor in them): they emit
 * ::event-mark-activated (TreatiesEvent *event, int buffer_offset). */

/* Highlights @passage's words and their sentence and, with @scroll, scrolls
 * them to the upper part of the view (PASSAGE_YALIGN), its section becoming
 * current. A whole-section passage (not `marked`) scrolls to the section's
 * heading instead. The highlight lasts until the passage leaves the view,
 * another jump, or clear_passage(). FALSE if the passage is not in the text. */
gboolean         treaties_article_view_show_passage       (TreatiesArticleView   *self,
                                                           const TreatiesPassage *passage,
                                                           gboolean               scroll);
void             treaties_article_view_clear_passage      (TreatiesArticleView *self);
/* The words highlighted by show_passage(), if any. */
gboolean         treaties_article_view_get_highlighted_passage (TreatiesArticleView *self,
                                                                GtkTextIter         *start,
                                                                GtkTextIter         *end);
/* Where @passage's marked words are in the buffer. */
gboolean         treaties_article_view_get_passage_bounds (TreatiesArticleView   *self,
                                                           const TreatiesPassage *passage,
                                                           GtkTextIter           *start,
                                                           GtkTextIter           *end);
/* The index in @passages of the one whose words hold buffer @offset, or -1. */
int              treaties_article_view_find_passage       (TreatiesArticleView *self,
                                                           GPtrArray           *passages,
                                                           int                  offset);
/* The event whose marked words hold @iter, or NULL. */
TreatiesEvent   *treaties_article_view_get_event_at_iter  (TreatiesArticleView *self,
                                                           const GtkTextIter   *iter);
/* Does what a click at (@x, @y) (widget coordinates) on marked words does;
 * FALSE if there are none there. */
gboolean         treaties_article_view_activate_mark_at   (TreatiesArticleView *self,
                                                           double               x,
                                                           double               y);
/* Opens @href (http, https or mailto only; anything else is ignored) as a
 * link in the text is opened. */
void             treaties_article_view_open_link          (TreatiesArticleView *self,
                                                           const char          *href);
/* The context menu is a reader's: Copy and Select All, and on a link Open
 * Link and Copy Link Address (article.open-link, article.copy-link). It
 * opens on a right click, Shift+F10 or the Menu key (menu.popup), or here
 * at (@x, @y) in widget coordinates. get_context_menu() is its model as
 * last opened, or NULL. */
void             treaties_article_view_popup_context_menu (TreatiesArticleView *self,
                                                           double               x,
                                                           double               y);
GMenuModel      *treaties_article_view_get_context_menu   (TreatiesArticleView *self);

/* The least space between two blocks of text (paragraphs, lists, boxes,
 * headings), in pixels: a box's edge counts as its block's edge. */
#define TREATIES_ARTICLE_VIEW_BLOCK_GAP 14

/* Where a block is, for tests of the layout: the title with its date line,
 * each heading, paragraph, list, callout and editor's note. */
typedef struct
{
  int          start;  /* buffer offset of its first character */
  int          end;    /* buffer offset of the end of its last line */
  gboolean     boxed;  /* drawn in a box: a callout or an editor's note */
  GdkRectangle box;    /* the box, in buffer coordinates, if boxed */
} TreatiesArticleViewBlock;

/* The blocks in reading order, as an array of TreatiesArticleViewBlock. */
GArray          *treaties_article_view_get_block_extents  (TreatiesArticleView *self);
/* The colour a callout's or an editor's note's box is filled with, over
 * the view's background, in the style in force. */
void             treaties_article_view_get_box_fill       (TreatiesArticleView *self,
                                                           TreatiesBlockKind    kind,
                                                           GdkRGBA             *fill);

G_END_DECLS
