/* treaties-page-renderer.c: an article laid out on paper
 *
 * The article becomes a flow of items (the title block, headings, one item
 * per paragraph, list entry, callout and note, the timeline figure), each a
 * PangoLayout measured once. Pagination places them down the pages line by
 * line, so the page of every heading is known before anything is drawn:
 *
 *  - a heading keeps with what follows it: it is placed only where at least
 *    the first lines of the next item fit after it (chains of headings
 *    included), so it is never the last thing on a page;
 *  - a paragraph is split only with at least ORPHAN_LINES lines before the
 *    break and WIDOW_LINES lines after it; shorter ones move whole;
 *  - space before an item is dropped at the top of a page.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <langinfo.h>
#include <math.h>
#include <string.h>

#include <glib/gi18n.h>
#include <pango/pangocairo.h>

#include "treaties-hyphenator.h"
#include "treaties-page-renderer.h"
#include "treaties-paper-style.h"
#include "treaties-safe-text.h"
#include "treaties-timeline-figure.h"

#define MM (72.0 / 25.4)

/* Page geometry, in points. The measure (line length) is capped so lines
 * stay near 70 characters whatever the paper. */
#define MAX_MEASURE      425.0
#define MIN_SIDE_MARGIN  (20 * MM)
#define TOP_MARGIN       (26 * MM)
#define BOTTOM_MARGIN    (26 * MM)
#define HEAD_OFFSET      30.0   /* running head's top, above the text block */
#define HEAD_RULE_OFFSET 13.0   /* its rule, above the text block */
#define FOLIO_OFFSET     24.0   /* folio's top, below the text block */

#define ORPHAN_LINES 2
/* A URL or address this long (bytes) may leave the line before it loose;
 * a justified line filled less than this by its words is. */
#define LONG_TOKEN_BYTES 20
#define LOOSE_LINE       0.85
#define WIDOW_LINES  2

/* A stretch of more than MAX_UNBROKEN characters with no break
 * opportunity gets one every MAX_UNBROKEN characters (the reading view's
 * bound), or every LONG_WORD_PIECE characters when it is longer than
 * FINE_BREAKS_ABOVE. A text item longer than LONG_TEXT_BYTES is cut into
 * Pango items of about ITEM_BYTES. */
#define MAX_UNBROKEN      64
#define FINE_BREAKS_ABOVE 256
#define LONG_WORD_PIECE   8
#define LONG_TEXT_BYTES   16384
#define ITEM_BYTES        1024

#define BULLET_GAP       7.0    /* between the bullet and the item's text */
#define LIST_INDENT     16.0
#define CALLOUT_PADDING  9.0
#define NOTE_RULE_WIDTH  2.0
#define NOTE_INSET      12.0

#define SERIF TREATIES_PAPER_SERIF
#define SANS  TREATIES_PAPER_SANS

/* The style table of the page: every text item takes its look from here. */
typedef enum {
  STYLE_TITLE,
  STYLE_DATE_LINE,
  STYLE_HEADING,
  STYLE_SUBHEADING,
  STYLE_BODY,
  STYLE_LIST_ITEM,
  STYLE_READING_ITEM,
  STYLE_CALLOUT,
  STYLE_NOTE,
  STYLE_KEY_ITEM,
  STYLE_CAPTION,
  STYLE_RUNNING_HEAD,
  STYLE_FOLIO,
  N_STYLES
} StyleId;

typedef struct {
  const char  *family;
  double       size;          /* points */
  double       leading;       /* baseline to baseline, points */
  PangoWeight  weight;
  PangoStyle   style;
  double       space_before;
  double       space_after;
  double       hanging;       /* indent of the lines after the first */
  gboolean     justify;
  gboolean     hyphenate;
  gboolean     keep_with_next;
} TextStyle;

static const TextStyle styles[N_STYLES] = {
  [STYLE_TITLE]        = { SERIF, 22.0, 26.5, PANGO_WEIGHT_BOLD,   PANGO_STYLE_NORMAL,  0.0,  5.0,  0.0, FALSE, FALSE, TRUE },
  [STYLE_DATE_LINE]    = { SERIF, 11.0, 15.0, PANGO_WEIGHT_NORMAL, PANGO_STYLE_ITALIC,  0.0, 12.0,  0.0, FALSE, FALSE, TRUE },
  [STYLE_HEADING]      = { SERIF, 14.0, 18.0, PANGO_WEIGHT_BOLD,   PANGO_STYLE_NORMAL, 21.0,  6.0,  0.0, FALSE, FALSE, TRUE },
  [STYLE_SUBHEADING]   = { SERIF, 11.0, 15.0, PANGO_WEIGHT_BOLD,   PANGO_STYLE_ITALIC, 12.0,  4.0,  0.0, FALSE, FALSE, TRUE },
  [STYLE_BODY]         = { SERIF, 10.5, 14.5, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL,  0.0,  7.0,  0.0, TRUE,  TRUE,  FALSE },
  [STYLE_LIST_ITEM]    = { SERIF, 10.5, 14.5, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL,  0.0,  3.0,  0.0, TRUE,  TRUE,  FALSE },
  [STYLE_READING_ITEM] = { SERIF, 10.5, 14.5, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL,  2.0,  3.0,  0.0, FALSE, TRUE,  FALSE },
  [STYLE_CALLOUT]      = { SERIF, 10.0, 14.0, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL, 10.0, 10.0,  0.0, TRUE,  TRUE,  FALSE },
  [STYLE_NOTE]         = { SERIF, 10.0, 14.0, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL, 10.0, 10.0,  0.0, TRUE,  TRUE,  FALSE },
  [STYLE_KEY_ITEM]     = { SERIF,  9.5, 13.0, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL,  0.0,  3.5, 0.0, FALSE, FALSE, FALSE },
  [STYLE_CAPTION]      = { SERIF, 14.0, 18.0, PANGO_WEIGHT_BOLD,   PANGO_STYLE_NORMAL,  0.0, 10.0,  0.0, FALSE, FALSE, TRUE },
  [STYLE_RUNNING_HEAD] = { SERIF,  8.5, 11.0, PANGO_WEIGHT_NORMAL, PANGO_STYLE_ITALIC,  0.0,  0.0,  0.0, FALSE, FALSE, FALSE },
  [STYLE_FOLIO]        = { SERIF,  8.5, 11.0, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL,  0.0,  0.0,  0.0, FALSE, FALSE, FALSE },
};

/* Colours on paper (always white): near-black text (treaties_ink_text),
 * muted greys, and two accents that survive greyscale printing as darker
 * greys. */
static const TreatiesInk ink_muted       = { 0.38, 0.38, 0.40 };
static const TreatiesInk ink_rule        = { 0.62, 0.62, 0.64 };
static const TreatiesInk ink_link        = { 0.06, 0.27, 0.56 };
static const TreatiesInk ink_callout     = { 0.56, 0.40, 0.10 };
static const TreatiesInk fill_callout    = { 0.965, 0.950, 0.910 };
static const TreatiesInk ink_note        = { 0.62, 0.17, 0.12 };

typedef enum {
  ITEM_TEXT,
  ITEM_RULE,
  ITEM_FIGURE,
} ItemKind;

typedef enum {
  BOX_NONE,
  BOX_CALLOUT,
  BOX_NOTE,
} BoxKind;

typedef struct {
  int   start;  /* bytes in the layout's text */
  int   end;
  char *uri;
} LinkSpan;

typedef struct {
  PangoLayoutLine *line;  /* the layout's (pango_layout_get_line() walks a list) */
  double x;         /* the line's left edge in the layout */
  double x_scale;   /* < 1 to pull a line back inside the measure */
  double top;       /* its logical extents, from the layout's top */
  double bottom;
  double baseline;
} LineBox;

typedef struct {
  ItemKind         kind;
  BoxKind          box;
  StyleId          style;
  PangoLayout     *layout;   /* ITEM_TEXT */
  PangoLayout     *marker;   /* a bullet in front of the first line, or NULL */
  GArray          *lines;    /* of LineBox */
  GArray          *links;    /* of LinkSpan */
  TreatiesSection *section;  /* the section this item is the heading of */
  /* Its place in the PDF's structure tree: the element of its text (P,
   * H1, LBody, Note…; NULL for none), the element around that and the
   * marker (LI), and the group it is part of (L), opened at its first
   * item and closed after its last. */
  const char      *tag;
  const char      *wrap;
  const char      *group;
  guint            group_start;  /* index of the group's first item */
  gboolean         group_last;
  guint            head_lines;   /* a label's lines, kept with the text's first */
  gboolean         timeline_anchor;  /* the timeline's caption */
  double           x;        /* the layout's left edge, from the measure's */
  double           pad_top;
  double           pad_bottom;
  double           height;   /* ITEM_RULE; ITEM_FIGURE: set by pagination */
  double           space_before;
  double           space_after;
  gboolean         keep_with_next;
  gboolean         page_break_before;
} Item;

typedef struct {
  guint  item;
  guint  first_line;
  guint  n_lines;
  double y;          /* top of the fragment, padding included */
} Placement;

typedef struct {
  guint first;       /* in placements */
  guint n;
} Page;

typedef struct {
  guint  page;
  double y;
} SectionPosition;

/* Text and attributes of one item, built run by run. */
typedef struct {
  GString       *text;
  PangoAttrList *attrs;
  GArray        *links;
} TextBuilder;

struct _TreatiesPageRenderer
{
  GObject             parent_instance;

  TreatiesArticle    *article;
  double              page_width;
  double              page_height;

  /* set by paginate() */
  double              margin_left;
  double              margin_top;
  double              measure;
  double              body_bottom;
  PangoContext       *context;
  TreatiesHyphenator *hyphenator;
  GPtrArray          *items;       /* of Item */
  GArray             *placements;  /* of Placement */
  GArray             *pages;       /* of Page */
  GHashTable         *sections;    /* id -> SectionPosition */
  SectionPosition     timeline;    /* of its caption; page G_MAXUINT if none */
  TreatiesTimelineFigure *figure;  /* laid out once, drawn from that */
  char               *timeline_caption;

  /* set while drawing (pass 2): the structure elements open, and whose */
  GPtrArray          *open_tags;   /* of const char * */
  int                 open_item;   /* item whose wrap and tag are open, or -1 */
  int                 open_group;  /* group_start of the open group, or -1 */
  gboolean            document;    /* elements stay open across pages */
  guint               next_page;
};

enum {
  PROP_0,
  PROP_ARTICLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (TreatiesPageRenderer, treaties_page_renderer, G_TYPE_OBJECT)

/* --- items --------------------------------------------------------------- */

static void
link_span_clear (gpointer data)
{
  LinkSpan *span = data;

  g_free (span->uri);
}

static void
item_free (gpointer data)
{
  Item *item = data;

  g_clear_object (&item->layout);
  g_clear_object (&item->marker);
  g_clear_pointer (&item->lines, g_array_unref);
  g_clear_pointer (&item->links, g_array_unref);
  g_clear_object (&item->section);
  g_free (item);
}

static Item *
item_new (ItemKind kind)
{
  Item *item = g_new0 (Item, 1);

  item->kind = kind;
  return item;
}

static PangoAttribute *
color_attr_new (const TreatiesInk *ink)
{
  return pango_attr_foreground_new ((guint16) (ink->red * 65535),
                                    (guint16) (ink->green * 65535),
                                    (guint16) (ink->blue * 65535));
}

static void
insert_attr (PangoAttrList  *attrs,
             PangoAttribute *attr,
             gsize           start,
             gsize           end)
{
  attr->start_index = (guint) start;
  attr->end_index = (guint) end;
  pango_attr_list_insert (attrs, attr);
}

static PangoFontDescription *
font_for_style (StyleId id)
{
  const TextStyle *style = &styles[id];
  PangoFontDescription *desc = pango_font_description_new ();

  pango_font_description_set_family (desc, style->family);
  pango_font_description_set_size (desc, (int) (style->size * PANGO_SCALE));
  pango_font_description_set_weight (desc, style->weight);
  pango_font_description_set_style (desc, style->style);
  return desc;
}

static void
text_builder_init (TextBuilder *b)
{
  b->text = g_string_new (NULL);
  b->attrs = pango_attr_list_new ();
  b->links = g_array_new (FALSE, TRUE, sizeof (LinkSpan));
  g_array_set_clear_func (b->links, link_span_clear);
}

static void
text_builder_clear (TextBuilder *b)
{
  if (b->text != NULL)
    g_string_free (b->text, TRUE);
  g_clear_pointer (&b->attrs, pango_attr_list_unref);
  g_clear_pointer (&b->links, g_array_unref);
}

static void
text_builder_append (TreatiesPageRenderer *self,
                     TextBuilder          *b,
                     const char           *text,
                     gboolean              hyphenate)
{
  /* A very long unbreakable word costs Pango (and the hyphenator) time
   * that grows with the square of its length: give it break opportunities
   * as the reading view does; one longer than a few lines finely, so that
   * its lines are full (pieces of 64 characters, about a line, would leave
   * a line of a few letters after each), and shorter ones (a long URL) as
   * before. Per run, before the run's attributes are placed, so their
   * offsets count the inserted characters. */
  g_autofree char *broken = treaties_text_with_break_opportunities_full (text, MAX_UNBROKEN,
                                                                         FINE_BREAKS_ABOVE, LONG_WORD_PIECE);

  if (broken != NULL)
    text = broken;
  if (hyphenate && self->hyphenator != NULL)
    treaties_hyphenator_append_hyphenated (self->hyphenator, b->text, text);
  else
    g_string_append (b->text, text);
}

static void
text_builder_append_runs (TreatiesPageRenderer *self,
                          TextBuilder          *b,
                          GPtrArray            *runs,
                          gboolean              hyphenate)
{
  for (guint i = 0; i < runs->len; i++)
    {
      const TreatiesRun *run = g_ptr_array_index (runs, i);
      gsize start = b->text->len;

      text_builder_append (self, b, run->text, hyphenate);

      if (run->style & (TREATIES_RUN_EMPHASIS | TREATIES_RUN_TITLE))
        insert_attr (b->attrs, pango_attr_style_new (PANGO_STYLE_ITALIC), start, b->text->len);
      if (run->style & TREATIES_RUN_STRONG)
        insert_attr (b->attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD), start, b->text->len);
      if (run->href != NULL && b->text->len > start)
        {
          LinkSpan span = { (int) start, (int) b->text->len, g_strdup (run->href) };

          insert_attr (b->attrs, color_attr_new (&ink_link), start, b->text->len);
          g_array_append_val (b->links, span);
        }
    }
}

/* A label set above the text of a callout or note: small bold capitals in
 * the box's accent, on a line of its own. */
static gsize
text_builder_append_label (TextBuilder       *b,
                           const char        *label,
                           const TreatiesInk *ink)
{
  g_autofree char *upper = g_utf8_strup (label, -1);
  gsize start = b->text->len;

  g_string_append (b->text, upper);
  insert_attr (b->attrs, pango_attr_family_new (SANS), start, b->text->len);
  insert_attr (b->attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD), start, b->text->len);
  insert_attr (b->attrs, pango_attr_style_new (PANGO_STYLE_NORMAL), start, b->text->len);
  insert_attr (b->attrs, pango_attr_size_new ((int) (8.0 * PANGO_SCALE)), start, b->text->len);
  insert_attr (b->attrs, pango_attr_letter_spacing_new ((int) (0.9 * PANGO_SCALE)), start, b->text->len);
  insert_attr (b->attrs, color_attr_new (ink), start, b->text->len);
  g_string_append_c (b->text, '\n');
  return b->text->len;
}

/* How many lines the label takes: the text starts at byte @text_start. */
static guint
label_lines (Item  *item,
             gsize  text_start)
{
  int line = 0;

  pango_layout_index_to_line_x (item->layout, (int) text_start, FALSE, &line, NULL);
  return (guint) line;
}

/* g_unichar_isspace() without decoding ASCII, most of any text. */
static inline gboolean
is_space_at (const char *p)
{
  guchar c = (guchar) *p;

  if (c < 0x80)
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
  return g_unichar_isspace (g_utf8_get_char (p));
}

/* URLs, e-mail addresses and tokens with digits are never hyphenated: the
 * hyphenator leaves them whole, and this stops Pango adding a hyphen where
 * it must break one that is longer than the line. */
/* Returns TRUE if it marked a token long enough to leave a justified line
 * before it very loose. */
static gboolean
mark_verbatim_tokens (TextBuilder *b)
{
  const char *text = b->text->str;
  const char *p = text;
  gboolean long_token = FALSE;

  while (*p != '\0')
    {
      const char *start;

      while (*p != '\0' && is_space_at (p))
        p = g_utf8_next_char (p);
      start = p;
      while (*p != '\0' && !is_space_at (p))
        p = g_utf8_next_char (p);
      if (p > start && treaties_token_is_verbatim (start, p - start))
        {
          insert_attr (b->attrs, pango_attr_insert_hyphens_new (FALSE), start - text, p - text);
          long_token |= p - start >= LONG_TOKEN_BYTES;
        }
    }
  return long_token;
}

/* Justification that would open gaps wider than the words: a line that
 * breaks before a long URL or e-mail address can be half empty, and
 * justified it reads (and is extracted from the PDF) as scattered words.
 * Such a paragraph is set ragged right instead. */
static void
unjustify_if_loose (PangoLayout *layout)
{
  g_autoptr(PangoLayout) ragged = pango_layout_copy (layout);
  int width = pango_layout_get_width (layout);

  pango_layout_set_justify (ragged, FALSE);
  for (GSList *l = pango_layout_get_lines_readonly (ragged); l != NULL && l->next != NULL; l = l->next)
    {
      PangoLayoutLine *line = l->data;
      PangoLayoutLine *next = l->next->data;
      PangoRectangle logical;

      if (next->is_paragraph_start)
        continue;
      pango_layout_line_get_extents (line, NULL, &logical);
      if (logical.width < width * LOOSE_LINE)
        {
          pango_layout_set_justify (layout, FALSE);
          return;
        }
    }
}

/* Where a very long text may be cut into Pango items: after a space, a
 * zero-width space or an ideograph, where no glyphs join; else, far from
 * any, before a character that starts a cluster. */
static gboolean
may_end_item_after (gunichar c)
{
  return g_unichar_isspace (c) || c == 0x200B ||
         g_unichar_break_type (c) == G_UNICODE_BREAK_IDEOGRAPHIC;
}

static gboolean
starts_cluster (gunichar prev,
                gunichar c)
{
  return !g_unichar_ismark (c) && c != 0x200C && c != 0x200D && prev != 0x200D &&
         !(c >= 0xFE00 && c <= 0xFE0F) && !(c >= 0xE0100 && c <= 0xE01EF);
}

/* Pango 1.50 sums the width of the rest of an item for every line it
 * breaks from it, and a paragraph in one font is one item: a paragraph of
 * 1,000,000 characters took seconds, and past about 300,000 the sum
 * overflowed and the whole paragraph was set on one line. A text longer
 * than LONG_TEXT_BYTES (no ordinary paragraph, which is left as it is) is
 * cut into items of about ITEM_BYTES by a no-op attribute (font fallback,
 * on by default). */
static void
split_long_text (TextBuilder *b)
{
  const char *text = b->text->str;
  const char *piece = text;
  gunichar prev = 0;

  if (b->text->len <= LONG_TEXT_BYTES)
    return;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      gsize length = p - piece;

      if ((length >= ITEM_BYTES && may_end_item_after (prev)) ||
          (length >= 2 * ITEM_BYTES && starts_cluster (prev, c)))
        {
          insert_attr (b->attrs, pango_attr_fallback_new (TRUE), piece - text, p - text);
          piece = p;
        }
      prev = c;
    }
}

static void
measure_lines (Item *item)
{
  PangoLayoutIter *iter = pango_layout_get_iter (item->layout);
  int width = pango_layout_get_width (item->layout);

  item->lines = g_array_new (FALSE, FALSE, sizeof (LineBox));
  do
    {
      PangoRectangle logical;
      LineBox box;
      int y0, y1;

      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      pango_layout_iter_get_line_yrange (iter, &y0, &y1);
      box.line = pango_layout_iter_get_line_readonly (iter);
      box.x = (double) logical.x / PANGO_SCALE;
      box.x_scale = 1.0;
      /* Pango 1.50 sometimes justifies a line that ends in an inserted
       * hyphen to the full width without the hyphen, so the hyphen hangs
       * out of the measure by its width. Such a line is drawn narrowed by
       * that much (under 1%: not visible). */
      if (width > 0 && logical.x + logical.width > width + PANGO_SCALE / 20)
        box.x_scale = (double) (width - logical.x) / logical.width;
      box.top = (double) y0 / PANGO_SCALE;
      box.bottom = (double) y1 / PANGO_SCALE;
      box.baseline = (double) pango_layout_iter_get_baseline (iter) / PANGO_SCALE;
      g_array_append_val (item->lines, box);
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);
}

static gboolean
language_is_rtl (const char *language)
{
  static const char *rtl[] = { "ar", "he", "fa", "ur", "yi", "ps", "sd", "ug", "dv", NULL };
  g_auto(GStrv) parts = g_strsplit_set (language, "-_", 2);

  return parts[0] != NULL && g_strv_contains (rtl, parts[0]);
}

static PangoLayout *
create_layout (TreatiesPageRenderer *self,
               StyleId               id,
               double                width,
               const char           *text,
               PangoAttrList        *extra)
{
  const TextStyle *style = &styles[id];
  PangoLayout *layout = pango_layout_new (self->context);
  g_autoptr(PangoFontDescription) desc = font_for_style (id);
  PangoAttrList *attrs = extra != NULL ? pango_attr_list_ref (extra) : pango_attr_list_new ();
  const char *language = treaties_article_get_language (self->article);

  /* Every paragraph takes the article's direction: an English reading
   * list entry that starts with a Hebrew name stays left to right. */
  pango_layout_set_auto_dir (layout, FALSE);

  pango_layout_set_font_description (layout, desc);
  if (width > 0)
    {
      pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
    }
  pango_layout_set_justify (layout, style->justify);
  if (style->hanging > 0)
    pango_layout_set_indent (layout, (int) (-style->hanging * PANGO_SCALE));

  /* Whole-text attributes go first so the runs' own win. */
  if (language != NULL)
    pango_attr_list_insert_before (attrs, pango_attr_language_new (pango_language_from_string (language)));
  pango_attr_list_insert_before (attrs, pango_attr_line_height_new_absolute ((int) (style->leading * PANGO_SCALE)));
  pango_attr_list_insert_before (attrs, pango_attr_insert_hyphens_new (TRUE));

  pango_layout_set_text (layout, text, -1);
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);

  return layout;
}

/* With @ellipsize, each paragraph of the text takes one line, shortened
 * if need be. */
static Item *
add_text_item_full (TreatiesPageRenderer *self,
                    StyleId               id,
                    BoxKind               box,
                    double                x,
                    TextBuilder          *b,
                    gboolean              ellipsize)
{
  const TextStyle *style = &styles[id];
  Item *item = item_new (ITEM_TEXT);
  double width = self->measure - x;
  gboolean loose;

  item->style = id;
  item->box = box;
  item->x = x;
  item->space_before = style->space_before;
  item->space_after = style->space_after;
  item->keep_with_next = style->keep_with_next;

  switch (box)
    {
    case BOX_CALLOUT:
      item->x += CALLOUT_PADDING;
      width -= 2 * CALLOUT_PADDING;
      item->pad_top = item->pad_bottom = CALLOUT_PADDING;
      break;
    case BOX_NOTE:
      item->x += NOTE_INSET;
      width -= NOTE_INSET;
      item->pad_top = item->pad_bottom = 1.0;
      break;
    case BOX_NONE:
    default:
      break;
    }

  /* An ellipsized paragraph is one line: it never breaks, so neither
   * hyphens nor justification can change it. */
  loose = !ellipsize && mark_verbatim_tokens (b);
  split_long_text (b);
  item->layout = create_layout (self, id, width, b->text->str, b->attrs);
  if (loose && style->justify)
    unjustify_if_loose (item->layout);
  if (ellipsize)
    {
      pango_layout_set_ellipsize (item->layout, PANGO_ELLIPSIZE_END);
      pango_layout_set_height (item->layout, -1);
    }
  item->links = g_steal_pointer (&b->links);
  measure_lines (item);
  g_ptr_array_add (self->items, item);
  return item;
}

static Item *
add_text_item (TreatiesPageRenderer *self,
               StyleId               id,
               BoxKind               box,
               double                x,
               TextBuilder          *b)
{
  return add_text_item_full (self, id, box, x, b, FALSE);
}

static Item *
add_plain_item (TreatiesPageRenderer *self,
                StyleId               id,
                const char           *text)
{
  TextBuilder b;
  Item *item;

  text_builder_init (&b);
  g_string_append (b.text, text);
  item = add_text_item (self, id, BOX_NONE, 0, &b);
  text_builder_clear (&b);
  return item;
}

static void
add_block (TreatiesPageRenderer *self,
           TreatiesBlock        *block)
{
  TreatiesBlockKind kind = treaties_block_get_kind (block);
  guint n_items = treaties_block_get_n_items (block);
  const char *label = treaties_block_get_label (block);
  guint first_index = self->items->len;

  for (guint i = 0; i < n_items; i++)
    {
      GPtrArray *runs = treaties_block_get_item (block, i);
      TextBuilder b;
      Item *item = NULL;

      text_builder_init (&b);
      switch (kind)
        {
        case TREATIES_BLOCK_PARAGRAPH:
          text_builder_append_runs (self, &b, runs, TRUE);
          item = add_text_item (self, STYLE_BODY, BOX_NONE, 0, &b);
          item->tag = "P";
          break;

        case TREATIES_BLOCK_LIST:
        case TREATIES_BLOCK_READING_LIST:
          {
            StyleId style = kind == TREATIES_BLOCK_LIST ? STYLE_LIST_ITEM : STYLE_READING_ITEM;

            text_builder_append_runs (self, &b, runs, TRUE);
            item = add_text_item (self, style, BOX_NONE, LIST_INDENT, &b);
            item->marker = create_layout (self, style, -1, "•", NULL);
            item->tag = "LBody";
            item->wrap = "LI";
            item->group = "L";
            item->group_start = first_index;
            item->group_last = i + 1 == n_items;
            if (i == 0 && kind == TREATIES_BLOCK_LIST)
              item->space_before = styles[STYLE_BODY].space_after;
            if (i + 1 == n_items)
              item->space_after = styles[STYLE_BODY].space_after;
          }
          break;

        case TREATIES_BLOCK_CALLOUT:
          {
            gsize text_start = 0;

            if (label != NULL && label[0] != '\0')
              text_start = text_builder_append_label (&b, label, &ink_callout);
            text_builder_append_runs (self, &b, runs, TRUE);
            item = add_text_item (self, STYLE_CALLOUT, BOX_CALLOUT, 0, &b);
            item->tag = "Note";
            item->head_lines = label_lines (item, text_start);
          }
          break;

        case TREATIES_BLOCK_EDITOR_NOTE:
          /* Never mixed with the author's text: always labelled. */
          {
            gsize text_start = text_builder_append_label (&b, label != NULL && label[0] != '\0'
                                                              ? label : _("Editor’s note"), &ink_note);

            text_builder_append_runs (self, &b, runs, TRUE);
            item = add_text_item (self, STYLE_NOTE, BOX_NOTE, 0, &b);
            item->tag = "Note";
            item->head_lines = label_lines (item, text_start);
          }
          break;

        default:
          g_assert_not_reached ();
        }
      text_builder_clear (&b);
    }

  /* A list never ends with its last entry alone at the top of a page: the
   * one before it (when short enough to move whole) keeps with it. */
  if ((kind == TREATIES_BLOCK_LIST || kind == TREATIES_BLOCK_READING_LIST) && n_items >= 2)
    {
      Item *before_last = g_ptr_array_index (self->items, self->items->len - 2);

      if (before_last->lines->len <= ORPHAN_LINES + WIDOW_LINES)
        before_last->keep_with_next = TRUE;
    }
}

static void
add_section (TreatiesPageRenderer *self,
             TreatiesSection      *section)
{
  GListModel *blocks = treaties_section_get_blocks (section);
  GListModel *subsections = treaties_section_get_subsections (section);
  StyleId id = treaties_section_get_depth (section) == 0 ? STYLE_HEADING : STYLE_SUBHEADING;
  Item *heading = add_plain_item (self, id, treaties_section_get_title (section));

  heading->section = g_object_ref (section);
  heading->tag = id == STYLE_HEADING ? "H2" : "H3";

  for (guint i = 0; i < g_list_model_get_n_items (blocks); i++)
    {
      g_autoptr(TreatiesBlock) block = g_list_model_get_item (blocks, i);
      add_block (self, block);
    }
  for (guint i = 0; i < g_list_model_get_n_items (subsections); i++)
    {
      g_autoptr(TreatiesSection) child = g_list_model_get_item (subsections, i);
      add_section (self, child);
    }
}

static void
build_items (TreatiesPageRenderer *self)
{
  GListModel *sections = treaties_article_get_sections (self->article);
  g_autofree char *date_line = treaties_article_dup_date_line (self->article);
  Item *item;

  item = add_plain_item (self, STYLE_TITLE, treaties_article_get_title (self->article));
  item->tag = "H1";
  if (date_line != NULL && date_line[0] != '\0')
    {
      item = add_plain_item (self, STYLE_DATE_LINE, g_strstrip (date_line));
      item->tag = "P";
    }

  item = item_new (ITEM_RULE);
  item->height = 0.6;
  item->space_after = 4.0;
  item->keep_with_next = TRUE;
  g_ptr_array_add (self->items, item);

  for (guint i = 0; i < g_list_model_get_n_items (sections); i++)
    {
      g_autoptr(TreatiesSection) section = g_list_model_get_item (sections, i);
      add_section (self, section);
    }

}

/* The timeline starts a page of its own after the text (it needs the full
 * measure, and set inside the text it would leave a large gap or push the
 * article's opening away from its title): its caption, the figure with
 * numbered markers, then the chronology that the numbers refer to, one
 * entry per event with its title, date, the page of its passage and a line
 * of its description. Built once the text is paginated, so those pages are
 * known. */
static void
build_timeline_items (TreatiesPageRenderer *self)
{
  GListModel *events = treaties_article_get_events (self->article);
  guint n_events = g_list_model_get_n_items (events);
  guint first_index;
  int y0, y1, m, d;
  g_autofree char *caption = NULL;
  Item *item;

  if (!treaties_timeline_figure_has_content (self->article))
    return;

  treaties_day_to_ymd (treaties_article_get_timeline_start (self->article), &y0, &m, &d);
  treaties_day_to_ymd (treaties_article_get_timeline_end (self->article), &y1, &m, &d);
  /* Translators: the caption of the timeline figure, e.g. "Timeline, 1918–1939" */
  caption = g_strdup_printf (_("Timeline, %d–%d"), y0, y1);
  item = add_plain_item (self, STYLE_CAPTION, caption);
  item->page_break_before = TRUE;
  item->tag = "H2";
  self->timeline_caption = g_steal_pointer (&caption);
  item->timeline_anchor = TRUE;

  item = item_new (ITEM_FIGURE);
  self->figure = treaties_timeline_figure_new (self->article, self->context, self->measure,
                                               (self->body_bottom - self->margin_top) * 0.55);
  item->height = treaties_timeline_figure_get_height (self->figure);
  item->space_after = 12.0;
  g_ptr_array_add (self->items, item);

  first_index = self->items->len;
  for (guint i = 0; i < n_events; i++)
    {
      g_autoptr(TreatiesEvent) event = g_list_model_get_item (events, i);
      const char * const *section_ids = treaties_event_get_section_ids (event);
      const char *description = treaties_event_get_description (event);
      const char *href = treaties_event_get_href (event);
      /* Worded as on screen: spans, months, years, doubtful dates. */
      g_autofree char *date = treaties_event_format_date (event);
      g_autofree char *number = g_strdup_printf ("%u", i + 1);
      TextBuilder b;
      gsize start;
      guint page;

      text_builder_init (&b);
      g_string_append (b.text, treaties_event_get_title (event));
      insert_attr (b.attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD), 0, b.text->len);
      /* The title links to the event's source, as its card's Source
       * button does in the app. */
      if (href != NULL && href[0] != '\0' && b.text->len > 0)
        {
          LinkSpan span = { 0, (int) b.text->len, g_strdup (href) };

          insert_attr (b.attrs, color_attr_new (&ink_link), 0, b.text->len);
          g_array_append_val (b.links, span);
        }
      g_string_append_c (b.text, '\n');
      start = b.text->len;
      g_string_append (b.text, g_strstrip (date));
      if (section_ids != NULL && section_ids[0] != NULL &&
          treaties_page_renderer_get_section_position (self, section_ids[0], &page, NULL))
        {
          g_string_append (b.text, " · ");
          /* Translators: in the chronology after the timeline in a PDF: the
           * page where an event's passage begins */
          g_string_append_printf (b.text, _("p. %u"), page + 1);
        }
      if (description != NULL && description[0] != '\0')
        {
          g_string_append (b.text, " · ");
          g_string_append (b.text, description);
        }
      insert_attr (b.attrs, color_attr_new (&ink_muted), start, b.text->len);

      /* One line for the title and one for the rest, shortened if need be. */
      item = add_text_item_full (self, STYLE_KEY_ITEM, BOX_NONE, LIST_INDENT + 4, &b, TRUE);
      text_builder_clear (&b);

      item->marker = create_layout (self, STYLE_KEY_ITEM, -1, number, NULL);
      item->tag = "LBody";
      item->wrap = "LI";
      item->group = "L";
      item->group_start = first_index;
      item->group_last = i + 1 == n_events;
    }
}

/* --- pagination ---------------------------------------------------------- */

static double
lines_height (Item  *item,
              guint  first,
              guint  n)
{
  const LineBox *a = &g_array_index (item->lines, LineBox, first);
  const LineBox *b = &g_array_index (item->lines, LineBox, first + n - 1);

  return b->bottom - a->top;
}

static double
fragment_height (Item  *item,
                 guint  first,
                 guint  n)
{
  return item->pad_top + lines_height (item, first, n) + item->pad_bottom;
}

static guint
min_first_lines (Item *item)
{
  guint n = item->lines->len;
  guint first = ORPHAN_LINES + item->head_lines;

  /* Shorter items cannot be split without a lone line; a label stays with
   * the first lines of its text. */
  return n < first + WIDOW_LINES ? n : first;
}

/* The height an item needs at the foot of a page to be placed there: its
 * first unbreakable lines, or all of it and what it keeps with. */
static double
keep_height (TreatiesPageRenderer *self,
             guint                 index)
{
  Item *item = g_ptr_array_index (self->items, index);
  double h;

  switch (item->kind)
    {
    case ITEM_TEXT:
      if (!item->keep_with_next)
        return fragment_height (item, 0, min_first_lines (item));
      h = fragment_height (item, 0, item->lines->len);
      break;
    case ITEM_FIGURE:
    case ITEM_RULE:
    default:
      h = item->height;
      break;
    }

  if (item->keep_with_next && index + 1 < self->items->len)
    {
      Item *next = g_ptr_array_index (self->items, index + 1);

      if (!next->page_break_before)
        h += MAX (item->space_after, next->space_before) + keep_height (self, index + 1);
    }
  return h;
}

typedef struct {
  TreatiesPageRenderer *self;
  double                y;
  gboolean              page_empty;
} Cursor;

static void
start_page (Cursor *c)
{
  Page page = { c->self->placements->len, 0 };

  g_array_append_val (c->self->pages, page);
  c->y = c->self->margin_top;
  c->page_empty = TRUE;
}

static void
place (Cursor *c,
       guint   index,
       guint   first,
       guint   n,
       double  y,
       double  height)
{
  TreatiesPageRenderer *self = c->self;
  Item *item = g_ptr_array_index (self->items, index);
  Placement p = { index, first, n, y };
  Page *page = &g_array_index (self->pages, Page, self->pages->len - 1);

  g_array_append_val (self->placements, p);
  page->n++;
  c->y = y + height;
  c->page_empty = FALSE;

  if (item->timeline_anchor && first == 0)
    {
      self->timeline.page = self->pages->len - 1;
      self->timeline.y = y + item->pad_top;
    }
  if (item->section != NULL && first == 0)
    {
      SectionPosition *pos = g_new (SectionPosition, 1);

      pos->page = self->pages->len - 1;
      pos->y = y + item->pad_top;
      g_hash_table_replace (self->sections,
                            g_strdup (treaties_section_get_id (item->section)), pos);
    }
}

/* How many lines from @first fit in @avail points. */
static guint
lines_that_fit (Item   *item,
                guint   first,
                double  avail)
{
  const LineBox *top = &g_array_index (item->lines, LineBox, first);
  guint k = 0;

  while (first + k < item->lines->len &&
         g_array_index (item->lines, LineBox, first + k).bottom - top->top <= avail + 0.01)
    k++;
  return k;
}

static void
place_text (Cursor *c,
            guint   index,
            double  gap)
{
  TreatiesPageRenderer *self = c->self;
  Item *item = g_ptr_array_index (self->items, index);
  guint n = item->lines->len;
  guint first = 0;

  while (first < n)
    {
      double avail = self->body_bottom - (c->y + gap) - item->pad_top - item->pad_bottom;
      guint remaining = n - first;
      guint fit = lines_that_fit (item, first, avail);
      guint k = fit;

      if (k < remaining)
        {
          /* Leave at least WIDOW_LINES for the next page, and put at least
           * ORPHAN_LINES on this one, or move the rest on whole. */
          if (remaining - k < WIDOW_LINES)
            k = remaining > WIDOW_LINES ? remaining - WIDOW_LINES : 0;
          if (first == 0 && k < ORPHAN_LINES + item->head_lines)
            k = 0;
          else if (k < ORPHAN_LINES)
            k = 0;
        }

      if (k == 0)
        {
          if (!c->page_empty)
            {
              start_page (c);
              gap = 0;
              continue;
            }
          /* Not even the rules fit on an empty page: give up on them. */
          k = CLAMP (fit, 1, remaining);
        }

      place (c, index, first, k, c->y + gap, fragment_height (item, first, k));
      first += k;
      if (first < n)
        {
          start_page (c);
          gap = 0;
        }
    }
}

static void
paginate_items (TreatiesPageRenderer *self,
                Cursor               *cursor,
                guint                 from,
                double               *prev_space_after)
{
  Cursor c = *cursor;
  double prev_after = *prev_space_after;

  for (guint i = from; i < self->items->len; i++)
    {
      Item *item = g_ptr_array_index (self->items, i);
      double gap;

      if (item->page_break_before && !c.page_empty)
        start_page (&c);

      gap = c.page_empty ? 0 : MAX (prev_after, item->space_before);
      if (!c.page_empty && c.y + gap + keep_height (self, i) > self->body_bottom)
        {
          start_page (&c);
          gap = 0;
        }

      switch (item->kind)
        {
        case ITEM_TEXT:
          if (item->keep_with_next)
            place (&c, i, 0, item->lines->len, c.y + gap,
                   fragment_height (item, 0, item->lines->len));
          else
            place_text (&c, i, gap);
          break;

        case ITEM_FIGURE:
        case ITEM_RULE:
        default:
          place (&c, i, 0, 0, c.y + gap, item->height);
          break;
        }
      prev_after = item->space_after;
    }

  *cursor = c;
  *prev_space_after = prev_after;
}

static void
clear_layout (TreatiesPageRenderer *self)
{
  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_pointer (&self->placements, g_array_unref);
  g_clear_pointer (&self->pages, g_array_unref);
  g_clear_pointer (&self->sections, g_hash_table_unref);
  g_clear_object (&self->context);
  g_clear_object (&self->hyphenator);
  g_clear_pointer (&self->timeline_caption, g_free);
  g_clear_pointer (&self->figure, treaties_timeline_figure_free);
}

/* --- drawing ------------------------------------------------------------- */

/* Escapes a value for a single-quoted string in a cairo tag's attributes. */
static void
append_quoted (GString    *s,
               const char *value)
{
  g_string_append_c (s, '\'');
  for (const char *p = value; *p != '\0'; p++)
    {
      if (*p == '\'' || *p == '\\')
        g_string_append_c (s, '\\');
      g_string_append_c (s, *p);
    }
  g_string_append_c (s, '\'');
}

/* A link's address as cairo 1.16 must be given it: that version writes it
 * into the PDF's /URI string as it is, so an unbalanced parenthesis or a
 * backslash would change the string or break the file. Everything but
 * unreserved and reserved ASCII is %-encoded. A backslash before the query
 * of an http(s) link is a '/', as browsers read it (so
 * "https://example.org\@evil.example/" stays a link to example.org, as it
 * is in the app); anywhere else it is %5C. */
char *
treaties_page_renderer_escape_uri (const char *uri)
{
  GString *out = g_string_sized_new (strlen (uri) + 8);
  gboolean web = g_ascii_strncasecmp (uri, "http://", 7) == 0 || g_ascii_strncasecmp (uri, "https://", 8) == 0;
  gboolean in_query = FALSE;

  for (const guchar *p = (const guchar *) uri; *p != '\0'; p++)
    {
      guchar c = *p;

      if (c == '?' || c == '#')
        in_query = TRUE;
      if (c == '\\' && web && !in_query)
        g_string_append_c (out, '/');
      else if (c <= 0x20 || c >= 0x7f || strchr ("()\\'\"<>{}|^`", c) != NULL)
        g_string_append_printf (out, "%%%02X", c);
      else
        g_string_append_c (out, (char) c);
    }
  return g_string_free (out, FALSE);
}

/* --- structure ----------------------------------------------------------- */

static void
tag_open (TreatiesPageRenderer *self,
          cairo_t              *cr,
          const char           *name,
          const char           *attributes)
{
  cairo_tag_begin (cr, name, attributes != NULL ? attributes : "");
  g_ptr_array_add (self->open_tags, (gpointer) name);
}

static void
tag_close (TreatiesPageRenderer *self,
           cairo_t              *cr)
{
  const char *name = g_ptr_array_steal_index (self->open_tags, self->open_tags->len - 1);

  cairo_tag_end (cr, name);
}

static void
tags_close_to (TreatiesPageRenderer *self,
               cairo_t              *cr,
               guint                 depth)
{
  while (self->open_tags->len > depth)
    tag_close (self, cr);
  if (depth == 0)
    self->open_group = -1;
  self->open_item = -1;
}

/* Opens what an item's fragment goes in: its group (unless open), then
 * its wrap, its marker and its element (unless open: a fragment continued
 * from the page before). */
static void
open_item_tags (TreatiesPageRenderer *self,
                cairo_t              *cr,
                Item                 *item,
                guint                 index,
                const Placement      *p,
                double                x,
                double                top)
{
  if (self->open_item == (int) index)
    return;

  if (item->group != NULL && self->open_group == (int) item->group_start)
    tags_close_to (self, cr, 1);
  else
    {
      tags_close_to (self, cr, 0);
      if (item->group != NULL)
        {
          tag_open (self, cr, item->group, NULL);
          self->open_group = (int) item->group_start;
        }
    }

  if (item->wrap != NULL)
    tag_open (self, cr, item->wrap, NULL);

  if (item->marker != NULL && p->first_line == 0)
    {
      const LineBox *box = &g_array_index (item->lines, LineBox, 0);
      PangoRectangle logical;

      tag_open (self, cr, "Lbl", NULL);
      pango_layout_get_extents (item->marker, NULL, &logical);
      treaties_ink_set_source (cr, &treaties_ink_text);
      cairo_move_to (cr, x - BULLET_GAP - (double) logical.width / PANGO_SCALE,
                     top + box->baseline - (double) pango_layout_get_baseline (item->marker) / PANGO_SCALE);
      pango_cairo_show_layout (cr, item->marker);
      tag_close (self, cr);
    }

  if (item->tag != NULL)
    tag_open (self, cr, item->tag, NULL);
  self->open_item = (int) index;
}

static void
close_item_tags (TreatiesPageRenderer *self,
                 cairo_t              *cr,
                 Item                 *item)
{
  tags_close_to (self, cr, item->group != NULL ? 1 : 0);
  if (item->group != NULL && item->group_last)
    tags_close_to (self, cr, 0);
}

/* --- text ---------------------------------------------------------------- */

/* The link @run is part of (its index in item->links), or -1. */
static int
run_link (Item           *item,
          PangoGlyphItem *run)
{
  for (guint l = 0; l < item->links->len; l++)
    {
      const LinkSpan *span = &g_array_index (item->links, LinkSpan, l);

      if (run->item->offset >= span->start && run->item->offset < span->end)
        return (int) l;
    }
  return -1;
}

static void
set_run_source (cairo_t        *cr,
                PangoGlyphItem *run)
{
  for (GSList *a = run->item->analysis.extra_attrs; a != NULL; a = a->next)
    {
      PangoAttribute *attr = a->data;

      if (attr->klass->type == PANGO_ATTR_FOREGROUND)
        {
          PangoColor *c = &((PangoAttrColor *) attr)->color;

          cairo_set_source_rgb (cr, c->red / 65535.0, c->green / 65535.0, c->blue / 65535.0);
          return;
        }
    }
  treaties_ink_set_source (cr, &treaties_ink_text);
}

/* The link's rectangle on one line (in device space, as cairo 1.16 takes
 * it: x y width height), from the line's top to its bottom over the link's
 * own glyphs. FALSE if it has no width there. */
static gboolean
link_rect_on_line (cairo_t         *cr,
                   Item            *item,
                   const LinkSpan  *span,
                   guint            line_index,
                   double           x,
                   double           top,
                   double           rect[4])
{
  const LineBox *box = &g_array_index (item->lines, LineBox, line_index);
  PangoLayoutLine *line = box->line;
  int *ranges = NULL;
  int n_ranges = 0;
  double x0 = G_MAXDOUBLE, x1 = -G_MAXDOUBLE, y0, y1;

  if (span->end <= line->start_index || span->start >= line->start_index + line->length)
    return FALSE;

  pango_layout_line_get_x_ranges (line, MAX (span->start, line->start_index),
                                  MIN (span->end, line->start_index + line->length), &ranges, &n_ranges);
  for (int r = 0; r < n_ranges; r++)
    {
      x0 = MIN (x0, x + box->x + ((double) ranges[2 * r] / PANGO_SCALE - box->x) * box->x_scale);
      x1 = MAX (x1, x + box->x + ((double) ranges[2 * r + 1] / PANGO_SCALE - box->x) * box->x_scale);
    }
  g_free (ranges);
  if (n_ranges == 0 || x1 - x0 <= 0)
    return FALSE;

  y0 = top + box->top;
  y1 = top + box->bottom;
  cairo_user_to_device (cr, &x0, &y0);
  cairo_user_to_device (cr, &x1, &y1);
  /* cairo 1.16 writes /Rect in whole points, rounded outwards: round
   * inwards first, or a link would reach into the lines next to it. */
  rect[0] = ceil (MIN (x0, x1));
  rect[1] = ceil (MIN (y0, y1));
  rect[2] = floor (MAX (x0, x1)) - rect[0];
  rect[3] = floor (MAX (y0, y1)) - rect[1];
  return rect[2] > 0 && rect[3] > 0;
}

/* Opens a Link element for one line's fragment of a link: its own
 * annotation, over its own words (poppler and most viewers hit-test the
 * /Rect, so a link that wraps needs one per line). */
static void
open_link (TreatiesPageRenderer *self,
           cairo_t              *cr,
           const LinkSpan       *span,
           const double          rect[4])
{
  g_autoptr(GString) attrs = g_string_new ("rect=[");
  g_autofree char *uri = treaties_page_renderer_escape_uri (span->uri);
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  for (guint i = 0; i < 4; i++)
    {
      if (i > 0)
        g_string_append_c (attrs, ' ');
      g_string_append (attrs, g_ascii_formatd (buf, sizeof buf, "%.2f", rect[i]));
    }
  g_string_append (attrs, "] uri=");
  append_quoted (attrs, uri);

  /* cairo 1.16 takes a link's rectangle in device space whatever the
   * transformation; later versions apply it. With the identity matrix it
   * means the same in both. */
  cairo_save (cr);
  cairo_identity_matrix (cr);
  cairo_tag_begin (cr, CAIRO_TAG_LINK, attrs->str);
  cairo_restore (cr);
  g_ptr_array_add (self->open_tags, (gpointer) CAIRO_TAG_LINK);
}

/* Draws one line run by run, as pango_cairo_show_layout_line() would: in
 * an item with links, each link's glyphs in a Link element and the other
 * text in Spans (cairo 1.16 leaves the text of an element with children
 * out of the structure tree). */
static void
draw_line (TreatiesPageRenderer *self,
           cairo_t              *cr,
           Item                 *item,
           guint                 line_index,
           double                x,
           double                top)
{
  const LineBox *box = &g_array_index (item->lines, LineBox, line_index);
  PangoLayoutLine *line = box->line;
  const char *text = pango_layout_get_text (item->layout);
  gboolean structured = item->links->len > 0;
  guint depth = self->open_tags->len;
  int open_link_index = -2;  /* none open */
  int x_off = 0;
  g_autofree double *rects = NULL;
  g_autofree gboolean *has_rect = NULL;

  /* Each link's rectangle on this line, in the page's space. */
  if (structured)
    {
      rects = g_new (double, 4 * item->links->len);
      has_rect = g_new (gboolean, item->links->len);
      for (guint k = 0; k < item->links->len; k++)
        has_rect[k] = link_rect_on_line (cr, item, &g_array_index (item->links, LinkSpan, k),
                                         line_index, x, top, rects + 4 * k);
    }

  cairo_save (cr);
  cairo_translate (cr, x + box->x, top + box->baseline);
  if (box->x_scale != 1.0)
    cairo_scale (cr, box->x_scale, 1.0);

  for (GSList *l = line->runs; l != NULL; l = l->next)
    {
      PangoGlyphItem *run = l->data;
      int link = run_link (item, run);

      if (structured && link != open_link_index)
        {
          if (open_link_index != -2)
            tag_close (self, cr);
          open_link_index = link;
          if (link >= 0 && has_rect[link])
            open_link (self, cr, &g_array_index (item->links, LinkSpan, link), rects + 4 * link);
          else
            tag_open (self, cr, "Span", NULL);
        }

      x_off += run->start_x_offset;
      set_run_source (cr, run);
      cairo_move_to (cr, (double) x_off / PANGO_SCALE, -(double) run->y_offset / PANGO_SCALE);
      pango_cairo_show_glyph_item (cr, text, run);
      x_off += pango_glyph_string_get_width (run->glyphs) + run->end_x_offset;
    }

  if (structured)
    while (self->open_tags->len > depth)
      tag_close (self, cr);
  cairo_restore (cr);
}

static void
draw_box (TreatiesPageRenderer *self,
          cairo_t              *cr,
          Item                 *item,
          double                y,
          double                height)
{
  switch (item->box)
    {
    case BOX_CALLOUT:
      treaties_ink_set_source (cr, &fill_callout);
      cairo_rectangle (cr, self->margin_left, y, self->measure, height);
      cairo_fill (cr);
      treaties_ink_set_source (cr, &ink_callout);
      cairo_rectangle (cr, self->margin_left, y, NOTE_RULE_WIDTH, height);
      cairo_fill (cr);
      break;

    case BOX_NOTE:
      treaties_ink_set_source (cr, &ink_note);
      cairo_rectangle (cr, self->margin_left, y, NOTE_RULE_WIDTH, height);
      cairo_fill (cr);
      break;

    case BOX_NONE:
    default:
      break;
    }
}

static void
draw_text (TreatiesPageRenderer *self,
           cairo_t              *cr,
           guint                 index,
           const Placement      *p)
{
  Item *item = g_ptr_array_index (self->items, index);
  double x = self->margin_left + item->x;
  double first_top = g_array_index (item->lines, LineBox, p->first_line).top;
  /* Where the layout's top would be if it were drawn whole. */
  double top = p->y + item->pad_top - first_top;
  g_autofree char *dest = NULL;

  draw_box (self, cr, item, p->y, fragment_height (item, p->first_line, p->n_lines));
  open_item_tags (self, cr, item, index, p, x, top);

  if (item->section != NULL && p->first_line == 0)
    {
      g_autoptr(GString) attrs = g_string_new ("name=");

      append_quoted (attrs, treaties_section_get_id (item->section));
      dest = g_string_free (g_steal_pointer (&attrs), FALSE);
      cairo_tag_begin (cr, CAIRO_TAG_DEST, dest);
    }

  for (guint i = p->first_line; i < p->first_line + p->n_lines; i++)
    draw_line (self, cr, item, i, x, top);

  if (dest != NULL)
    cairo_tag_end (cr, CAIRO_TAG_DEST);

  if (p->first_line + p->n_lines == item->lines->len)
    close_item_tags (self, cr, item);
}

static void
draw_page_furniture (TreatiesPageRenderer *self,
                     cairo_t              *cr,
                     guint                 page)
{
  g_autoptr(PangoLayout) folio = NULL;
  g_autofree char *folio_text = NULL;
  double x = self->margin_left;

  /* The running head: the article's title, from the second page on. */
  if (page > 0)
    {
      g_autoptr(PangoLayout) head = create_layout (self, STYLE_RUNNING_HEAD, self->measure,
                                                   treaties_article_get_title (self->article), NULL);

      pango_layout_set_alignment (head, PANGO_ALIGN_CENTER);
      pango_layout_set_ellipsize (head, PANGO_ELLIPSIZE_END);
      treaties_ink_set_source (cr, &ink_muted);
      cairo_move_to (cr, x, self->margin_top - HEAD_OFFSET);
      pango_cairo_show_layout (cr, head);

      treaties_ink_set_source (cr, &ink_rule);
      cairo_rectangle (cr, x, self->margin_top - HEAD_RULE_OFFSET, self->measure, 0.4);
      cairo_fill (cr);
    }

  /* Translators: the page number in the footer of a PDF: page, pages */
  folio_text = g_strdup_printf (C_("page number", "%u / %u"), page + 1, self->pages->len);
  folio = create_layout (self, STYLE_FOLIO, self->measure, folio_text, NULL);
  pango_layout_set_alignment (folio, PANGO_ALIGN_CENTER);
  treaties_ink_set_source (cr, &ink_muted);
  cairo_move_to (cr, x, self->body_bottom + FOLIO_OFFSET);
  pango_cairo_show_layout (cr, folio);
}

/* --- GObject ------------------------------------------------------------- */

static void
treaties_page_renderer_finalize (GObject *object)
{
  TreatiesPageRenderer *self = (TreatiesPageRenderer *)object;

  clear_layout (self);
  g_clear_object (&self->article);
  g_clear_pointer (&self->open_tags, g_ptr_array_unref);

  G_OBJECT_CLASS (treaties_page_renderer_parent_class)->finalize (object);
}

static void
treaties_page_renderer_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  TreatiesPageRenderer *self = TREATIES_PAGE_RENDERER (object);

  switch (prop_id)
    {
    case PROP_ARTICLE:
      g_value_set_object (value, self->article);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
treaties_page_renderer_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  TreatiesPageRenderer *self = TREATIES_PAGE_RENDERER (object);

  switch (prop_id)
    {
    case PROP_ARTICLE:
      self->article = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
treaties_page_renderer_class_init (TreatiesPageRendererClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = treaties_page_renderer_finalize;
  object_class->get_property = treaties_page_renderer_get_property;
  object_class->set_property = treaties_page_renderer_set_property;

  properties[PROP_ARTICLE] =
    g_param_spec_object ("article", NULL, NULL,
                         TREATIES_TYPE_ARTICLE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
treaties_page_renderer_init (TreatiesPageRenderer *self)
{
  self->open_tags = g_ptr_array_new ();
  self->open_item = -1;
  self->open_group = -1;
  treaties_paper_get_size (treaties_paper_get_default (), &self->page_width, &self->page_height);
}

/* --- public API ---------------------------------------------------------- */

TreatiesPaper
treaties_paper_get_default (void)
{
#ifdef __GLIBC__
  /* glibc gives LC_PAPER's size in millimetres, as an integer in a
   * pointer's clothing. */
  int width = (int) (gintptr) nl_langinfo (_NL_PAPER_WIDTH);
  int height = (int) (gintptr) nl_langinfo (_NL_PAPER_HEIGHT);

  if (width == 216 && height == 279)
    return TREATIES_PAPER_LETTER;
#endif
  return TREATIES_PAPER_A4;
}

void
treaties_paper_get_size (TreatiesPaper  paper,
                         double        *width,
                         double        *height)
{
  double w, h;

  switch (paper)
    {
    case TREATIES_PAPER_LETTER:
      w = 8.5 * 72;
      h = 11 * 72;
      break;
    case TREATIES_PAPER_A4:
    default:
      w = 210 * MM;
      h = 297 * MM;
      break;
    }
  if (width != NULL)
    *width = w;
  if (height != NULL)
    *height = h;
}

TreatiesPageRenderer *
treaties_page_renderer_new (TreatiesArticle *article)
{
  g_return_val_if_fail (TREATIES_IS_ARTICLE (article), NULL);

  return g_object_new (TREATIES_TYPE_PAGE_RENDERER, "article", article, NULL);
}

void
treaties_page_renderer_set_page_size (TreatiesPageRenderer *self,
                                      double                width,
                                      double                height)
{
  g_return_if_fail (TREATIES_IS_PAGE_RENDERER (self));
  g_return_if_fail (width >= 72 && height >= 72);

  self->page_width = width;
  self->page_height = height;
}

void
treaties_page_renderer_get_page_size (TreatiesPageRenderer *self,
                                      double               *width,
                                      double               *height)
{
  g_return_if_fail (TREATIES_IS_PAGE_RENDERER (self));

  if (width != NULL)
    *width = self->page_width;
  if (height != NULL)
    *height = self->page_height;
}

void
treaties_page_renderer_paginate (TreatiesPageRenderer *self)
{
  const char *language;

  g_return_if_fail (TREATIES_IS_PAGE_RENDERER (self));

  clear_layout (self);

  /* Small paper (a postcard, A6) keeps margins in proportion. */
  self->measure = MIN (MAX_MEASURE, self->page_width - 2 * MIN (MIN_SIDE_MARGIN, self->page_width * 0.1));
  self->margin_left = (self->page_width - self->measure) / 2;
  self->margin_top = MIN (TOP_MARGIN, self->page_height * 0.12);
  self->body_bottom = self->page_height - MIN (BOTTOM_MARGIN, self->page_height * 0.12);

  /* The paper's context (72 dpi, unhinted). The font map is this
   * thread's own, so the exporter's worker thread can use it. */
  language = treaties_article_get_language (self->article);
  self->context = treaties_paper_context_new (pango_cairo_font_map_get_default (),
                                              language != NULL ? pango_language_from_string (language) : NULL);
  if (language != NULL)
    {
      pango_context_set_base_dir (self->context, language_is_rtl (language)
                                                 ? PANGO_DIRECTION_RTL : PANGO_DIRECTION_LTR);
      self->hyphenator = treaties_hyphenator_get_for_language (language);
    }

  self->items = g_ptr_array_new_with_free_func (item_free);
  self->placements = g_array_new (FALSE, FALSE, sizeof (Placement));
  self->pages = g_array_new (FALSE, FALSE, sizeof (Page));
  self->sections = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  self->timeline.page = G_MAXUINT;
  build_items (self);
  {
    Cursor c = { self, 0, TRUE };
    double prev_after = 0;
    guint n_text = self->items->len;

    start_page (&c);
    paginate_items (self, &c, 0, &prev_after);
    build_timeline_items (self);
    paginate_items (self, &c, n_text, &prev_after);
  }
}

guint
treaties_page_renderer_get_n_pages (TreatiesPageRenderer *self)
{
  g_return_val_if_fail (TREATIES_IS_PAGE_RENDERER (self), 0);

  return self->pages != NULL ? self->pages->len : 0;
}

gboolean
treaties_page_renderer_get_section_position (TreatiesPageRenderer *self,
                                             const char           *section_id,
                                             guint                *page,
                                             double               *y)
{
  const SectionPosition *pos;

  g_return_val_if_fail (TREATIES_IS_PAGE_RENDERER (self), FALSE);
  g_return_val_if_fail (section_id != NULL, FALSE);
  g_return_val_if_fail (self->sections != NULL, FALSE);

  pos = g_hash_table_lookup (self->sections, section_id);
  if (pos == NULL)
    return FALSE;
  if (page != NULL)
    *page = pos->page;
  if (y != NULL)
    *y = pos->y;
  return TRUE;
}

gboolean
treaties_page_renderer_get_timeline_position (TreatiesPageRenderer *self,
                                              guint                *page,
                                              double               *y)
{
  g_return_val_if_fail (TREATIES_IS_PAGE_RENDERER (self), FALSE);
  g_return_val_if_fail (self->pages != NULL, FALSE);

  if (self->timeline.page == G_MAXUINT)
    return FALSE;
  if (page != NULL)
    *page = self->timeline.page;
  if (y != NULL)
    *y = self->timeline.y;
  return TRUE;
}

char *
treaties_page_renderer_dup_timeline_caption (TreatiesPageRenderer *self)
{
  g_return_val_if_fail (TREATIES_IS_PAGE_RENDERER (self), NULL);

  return g_strdup (self->timeline_caption);
}

void
treaties_page_renderer_draw_page (TreatiesPageRenderer *self,
                                  cairo_t              *cr,
                                  guint                 page)
{
  const Page *pg;

  g_return_if_fail (TREATIES_IS_PAGE_RENDERER (self));
  g_return_if_fail (cr != NULL);
  g_return_if_fail (self->pages != NULL);
  g_return_if_fail (page < self->pages->len);

  pg = &g_array_index (self->pages, Page, page);

  /* Elements left open for a fragment continued on this page, unless the
   * pages come out of order. */
  if (!self->document || page != self->next_page)
    tags_close_to (self, cr, 0);
  self->next_page = page + 1;

  cairo_save (cr);
  /* The running head and folio are left out of the structure tree. */
  draw_page_furniture (self, cr, page);

  for (guint i = pg->first; i < pg->first + pg->n; i++)
    {
      const Placement *p = &g_array_index (self->placements, Placement, i);
      Item *item = g_ptr_array_index (self->items, p->item);

      switch (item->kind)
        {
        case ITEM_TEXT:
          draw_text (self, cr, p->item, p);
          break;

        case ITEM_RULE:
          tags_close_to (self, cr, 0);
          treaties_ink_set_source (cr, &ink_rule);
          cairo_rectangle (cr, self->margin_left, p->y, self->measure, item->height);
          cairo_fill (cr);
          break;

        case ITEM_FIGURE:
          tags_close_to (self, cr, 0);
          tag_open (self, cr, "Figure", NULL);
          cairo_save (cr);
          treaties_timeline_figure_paint (self->figure, cr, self->margin_left, p->y);
          cairo_restore (cr);
          tag_close (self, cr);
          break;

        default:
          g_assert_not_reached ();
        }
    }

  /* Unless a fragment continues on the next page of a document, every
   * element ends on its page. */
  if (!self->document || page + 1 == self->pages->len)
    tags_close_to (self, cr, 0);
  cairo_restore (cr);
}

void
treaties_page_renderer_begin_document (TreatiesPageRenderer *self,
                                       cairo_t              *cr)
{
  g_return_if_fail (TREATIES_IS_PAGE_RENDERER (self));
  g_return_if_fail (cr != NULL);

  cairo_tag_begin (cr, "Document", "");
  self->document = TRUE;
  self->next_page = 0;
}

void
treaties_page_renderer_end_document (TreatiesPageRenderer *self,
                                     cairo_t              *cr)
{
  g_return_if_fail (TREATIES_IS_PAGE_RENDERER (self));
  g_return_if_fail (cr != NULL);
  g_return_if_fail (self->document);

  tags_close_to (self, cr, 0);
  cairo_tag_end (cr, "Document");
  self->document = FALSE;
}
