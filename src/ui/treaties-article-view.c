/* treaties-article-view.c: the article as rich text
 *
 * A read-only GtkTextView that renders a TreatiesArticle with tags. Each
 * section's heading carries a mark, so scrolling to a section and finding
 * the section at the top of the view are both cheap.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <adwaita.h>

#include "treaties-article-view.h"
#include "treaties-safe-text.h"
#include "treaties-text-match.h"
#include "treaties-bsearch.h"

/* Pixels of padding around the text, inside the scrolling area. */
#define SIDE_MARGIN    18
#define TOP_MARGIN     32
#define BOTTOM_MARGIN  96
#define FLASH_MS       1200
#define PIN_SETTLE_USEC (500 * 1000)
/* A heading this far below the top edge already counts as being read. */
#define TOP_SLACK      24
/* Callouts and notes: space between the box's edge and its text, and the
 * width of the coloured bar on its leading edge. */
#define BOX_PADDING    16
#define BOX_BAR        4
#define BOX_RADIUS     8
#define BOX_PADDING_TOP    12
#define BOX_PADDING_BOTTOM 12
/* Vertical rhythm. GtkTextView takes a line's space above and below from
 * the tags on its first character, so spacing set on a block's final
 * newline would never apply. Instead every line's space above is set on the
 * whole line by one "space-above-N" tag, and the gap between two blocks
 * belongs to the second: its first line's space above (a "block-gap-N"
 * tag). The only space below is a box's bottom padding, on its last line
 * ("box-end"), so a box ends where the next block's gap begins. */
#define BLOCK_GAP      TREATIES_ARTICLE_VIEW_BLOCK_GAP
#define ITEM_GAP       6   /* between a list's items */
#define BOX_LINE_GAP   4   /* between a box's label and its text */
#define BOX_MARGIN     18  /* outside a callout or note */
#define HEADING_GAP    34
#define SUBHEADING_GAP 24
#define DATE_LINE_GAP  6   /* under the title */
/* A match scrolled to is kept this fraction of the height from the edges. */
#define MATCH_MARGIN   0.25
/* Characters of a word laid out without a break opportunity; see
 * treaties_text_with_break_opportunities(). */
#define MAX_UNBROKEN   64
/* An event's passage is scrolled to this fraction of the height: in the
 * upper part of the view, with the lines before it for context. */
#define PASSAGE_YALIGN 0.25

typedef struct
{
  char        *id;
  GtkTextMark *mark;   /* at the start of the heading; owned by the buffer */
  GPtrArray   *blocks; /* GtkTextMark at the start of each block, owned by the buffer */
} SectionMark;

/* Words marked for an event: buffer offsets, and the event's id (the
 * article's string). */
typedef struct
{
  int         start;
  int         end;
  const char *event_id;
} MarkRange;

/* A callout or editor's note, drawn as a rounded box behind its text. */
typedef struct
{
  GtkTextMark       *start;
  GtkTextMark       *end;
  TreatiesBlockKind  kind;
} Box;

/* Relative sizes. GtkTextView multiplies the scales of all the tags on a
 * stretch of text, so the zoom lives on "body", which all text carries,
 * and the others are relative to it. Colours are set in update_colors(). */
typedef struct
{
  const char *name;
  double      scale;
} ScaledTag;

static const ScaledTag scaled_tags[] = {
  { "title", 2.0 },
  { "heading", 1.5 },
  { "subheading", 1.2 },
  { "note-label", 0.85 },
  { "callout-label", 0.85 },
};

struct _TreatiesArticleView
{
  GtkTextView      parent_instance;

  TreatiesArticle *article;
  GPtrArray       *sections;        /* of SectionMark, reading order */
  GArray          *boxes;           /* of Box, reading order */
  GdkRGBA          callout_color;
  GdkRGBA          note_color;
  GdkRGBA          callout_bar_color;
  GdkRGBA          note_bar_color;
  GtkAdjustment   *vadjustment;
  char            *current_section; /* id */
  char            *pinned_section;  /* set by scroll_to_section() until the reader scrolls */
  gint64           pinned_at;       /* monotonic time of the jump */
  gboolean         reader_scrolled; /* by wheel, touchpad or keys since the jump */
  GtkWidget       *reader_menu;     /* the context menu: a reader's, not an editor's */
  char            *menu_href;       /* the link it was opened on, or NULL */
  double           zoom;
  guint            flash_id;
  guint            rendered;        /* sections of the outline in the buffer */
  guint            render_id;       /* appends the rest, in batches */

  /* Find in the article */
  GArray          *matches;         /* of TreatiesTextMatch (buffer offsets), or NULL */
  int              selected_match;  /* index in matches, or -1 */
  int              search_anchor;   /* buffer offset the next search starts from, or -1 */
  GtkTextMark     *match_mark;      /* at the selected match; owned by the buffer */

  /* Words that tell of an event (see "event marks" below) */
  GHashTable      *marked_items;    /* runs of an item with a mark → buffer offset of its text */
  GArray          *mark_ranges;     /* of MarkRange, reading order */
  int              passage_start;   /* the highlighted passage's words (buffer offsets), or -1 */
  int              passage_end;
  gint64           passage_at;      /* monotonic time it was shown */
  int              passage_height;  /* the view's height it was scrolled for, or -1 */
  guint            passage_rescroll_id;

  /* A scroll asked for and seen through (see scroll_surely()). */
  GtkTextMark     *settle_mark;     /* owned */
  double           settle_yalign;
  gint64           settle_until;
  guint            settle_held;     /* checks it has held */
  gboolean         settle_setting;
  double           settle_page;     /* the view's height when last seen */
  double           settle_upper;    /* the text's height when last seen */
  double           settle_seen_upper; /* … by the settling idle */
  guint            settle_id;
  GdkRGBA          mark_color;      /* the marks' dotted underline */
  GdkRGBA          passage_color;
  GdkRGBA          sentence_color;
  GtkTextMark     *passage_mark;    /* at the passage shown; owned by the buffer */
};

enum {
  PROP_0,
  PROP_ARTICLE,
  PROP_CURRENT_SECTION,
  PROP_ZOOM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  EVENT_MARK_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (TreatiesArticleView, treaties_article_view, GTK_TYPE_TEXT_VIEW)

static void
section_mark_free (gpointer data)
{
  SectionMark *sm = data;

  g_free (sm->id);
  g_clear_pointer (&sm->blocks, g_ptr_array_unref);
  g_free (sm);
}

static GtkTextTag *
lookup_tag (TreatiesArticleView *self,
            const char          *name)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self));
  return gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer), name);
}

static void
update_scales (TreatiesArticleView *self)
{
  g_object_set (lookup_tag (self, "body"), "scale", self->zoom, NULL);
}

static void update_event_mark_colors (TreatiesArticleView *self);
static void note_mark (TreatiesArticleView *self,
                       TreatiesRun         *run);
static void note_marked_item (TreatiesArticleView *self,
                              GPtrArray           *runs);

/* Colours follow libadwaita's palette for the current style; text colour
 * itself is never set, so it comes from the theme. */
static void
update_colors (TreatiesArticleView *self)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();
  gboolean dark = adw_style_manager_get_dark (manager);
  gboolean hc = adw_style_manager_get_high_contrast (manager);
  GdkRGBA link, flash, match, current, current_text;

  /* @accent_color of libadwaita 1.2 on dark (blue 1); on light a shade
   * darker than its blue 4, which is under 4.5:1 on a callout's or note's
   * tint (test-article-contrast). */
  gdk_rgba_parse (&link, dark ? "#78aeed" : "#1a5fb4");
  gdk_rgba_parse (&self->callout_color, dark ? "rgba(120,174,237,0.12)" : "rgba(53,132,228,0.08)");
  gdk_rgba_parse (&self->callout_bar_color, dark ? "#78aeed" : "#3584e4");
  gdk_rgba_parse (&self->note_color, dark ? "rgba(248,228,92,0.09)" : "rgba(229,165,10,0.11)");
  gdk_rgba_parse (&self->note_bar_color, dark ? "#f6d32d" : "#e5a50a");
  gdk_rgba_parse (&flash, dark ? "rgba(120,174,237,0.35)" : "rgba(53,132,228,0.25)");
  /* Search matches: libadwaita's yellow 2, and orange for the current one.
   * On dark the yellow is a glaze under the light text; the current match
   * is solid orange with dark text, as in GNOME Text Editor. */
  gdk_rgba_parse (&match, dark ? "rgba(248,228,92,0.30)" : "rgba(248,228,92,0.75)");
  gdk_rgba_parse (&current, "#ffa348");
  gdk_rgba_parse (&current_text, "rgba(0,0,0,0.87)");
  if (hc)
    {
      self->callout_color.alpha *= 2;
      self->note_color.alpha *= 2;
      flash.alpha = MIN (1.0, flash.alpha * 1.6);
      gdk_rgba_parse (&link, dark ? "#99c1f1" : "#1a5fb4");
      gdk_rgba_parse (&match, dark ? "rgba(248,228,92,0.45)" : "#f8e45c");
      gdk_rgba_parse (&current, dark ? "#ffbe6f" : "#ff7800");
      gdk_rgba_parse (&current_text, "#000000");
    }

  g_object_set (lookup_tag (self, "link"), "foreground-rgba", &link, "underline-rgba", &link, NULL);
  g_object_set (lookup_tag (self, "flash"), "background-rgba", &flash, NULL);
  g_object_set (lookup_tag (self, "search-match"), "background-rgba", &match, NULL);
  g_object_set (lookup_tag (self, "search-current"),
                "background-rgba", &current,
                "foreground-rgba", &current_text,
                NULL);
  update_event_mark_colors (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
create_tags (TreatiesArticleView *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self));

  /* Created in priority order: later tags win, so "body" is first. */
  gtk_text_buffer_create_tag (buffer, "body",
                              "pixels-inside-wrap", 3,
                              NULL);
  gtk_text_buffer_create_tag (buffer, "paragraph", NULL);
  gtk_text_buffer_create_tag (buffer, "title",
                              "weight", 800,
                              /* A word wider than a narrow window breaks. */
                              "wrap-mode", GTK_WRAP_WORD_CHAR,
                              NULL);
  gtk_text_buffer_create_tag (buffer, "date-line",
                              "style", PANGO_STYLE_ITALIC,
                              NULL);
  gtk_text_buffer_create_tag (buffer, "heading",
                              "weight", PANGO_WEIGHT_BOLD,
                              NULL);
  gtk_text_buffer_create_tag (buffer, "subheading",
                              "weight", PANGO_WEIGHT_BOLD,
                              NULL);
  gtk_text_buffer_create_tag (buffer, "list-item",
                              "left-margin", SIDE_MARGIN + 28,
                              "indent", -16,
                              NULL);
  gtk_text_buffer_create_tag (buffer, "callout",
                              "left-margin", SIDE_MARGIN + BOX_PADDING + BOX_BAR,
                              "right-margin", SIDE_MARGIN + BOX_PADDING,
                              NULL);
  gtk_text_buffer_create_tag (buffer, "callout-label",
                              "weight", PANGO_WEIGHT_BOLD,
                              NULL);
  gtk_text_buffer_create_tag (buffer, "editor-note",
                              "left-margin", SIDE_MARGIN + BOX_PADDING + BOX_BAR,
                              "right-margin", SIDE_MARGIN + BOX_PADDING,
                              NULL);
  gtk_text_buffer_create_tag (buffer, "note-label",
                              "weight", PANGO_WEIGHT_BOLD,
                              "variant", PANGO_VARIANT_ALL_SMALL_CAPS,
                              "letter-spacing", 1024,
                              NULL);
  gtk_text_buffer_create_tag (buffer, "box-end",
                              "pixels-below-lines", BOX_PADDING_BOTTOM,
                              NULL);
  gtk_text_buffer_create_tag (buffer, "emphasis",
                              "style", PANGO_STYLE_ITALIC,
                              NULL);
  gtk_text_buffer_create_tag (buffer, "strong",
                              "weight", PANGO_WEIGHT_BOLD,
                              NULL);
  gtk_text_buffer_create_tag (buffer, "work-title",
                              "style", PANGO_STYLE_ITALIC,
                              NULL);
  gtk_text_buffer_create_tag (buffer, "link", NULL);
  gtk_text_buffer_create_tag (buffer, "flash", NULL);
  /* Last: above every other tag, the current match above the others. */
  gtk_text_buffer_create_tag (buffer, "search-match", NULL);
  gtk_text_buffer_create_tag (buffer, "search-current", NULL);
  /* An event's marked words, and the passage shown for it. */
  gtk_text_buffer_create_tag (buffer, "event-sentence", NULL);
  gtk_text_buffer_create_tag (buffer, "event-passage", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (scaled_tags); i++)
    g_object_set (lookup_tag (self, scaled_tags[i].name), "scale", scaled_tags[i].scale, NULL);
  update_scales (self);
  update_colors (self);
}

/* Inserts @text at the end with the named tags (NULL-terminated). */
static void
append (GtkTextBuffer *buffer,
        const char    *text,
        GtkTextTag    *extra,
        ...)
{
  g_autofree char *breakable = treaties_text_with_break_opportunities (text, MAX_UNBROKEN);
  GtkTextIter end;
  int start_offset;
  GtkTextIter start;
  va_list args;
  const char *name;

  gtk_text_buffer_get_end_iter (buffer, &end);
  start_offset = gtk_text_iter_get_offset (&end);
  gtk_text_buffer_insert (buffer, &end, breakable ? breakable : text, -1);
  gtk_text_buffer_get_iter_at_offset (buffer, &start, start_offset);

  if (extra != NULL)
    gtk_text_buffer_apply_tag (buffer, extra, &start, &end);

  va_start (args, extra);
  while ((name = va_arg (args, const char *)) != NULL)
    gtk_text_buffer_apply_tag_by_name (buffer, name, &start, &end);
  va_end (args);
}

static void
append_runs (TreatiesArticleView *self,
             GPtrArray           *runs,
             const char          *block_tag)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self));

  note_marked_item (self, runs);
  for (guint i = 0; i < runs->len; i++)
    {
      TreatiesRun *run = g_ptr_array_index (runs, i);
      GtkTextTag *link = NULL;

      if (run->href != NULL)
        {
          /* An anonymous tag per link carries its address. */
          link = gtk_text_buffer_create_tag (buffer, NULL, NULL);
          g_object_set_data_full (G_OBJECT (link), "href", g_strdup (run->href), g_free);
        }

      append (buffer, run->text, link,
              "body", block_tag,
              (run->style & TREATIES_RUN_EMPHASIS) ? "emphasis" : "body",
              (run->style & TREATIES_RUN_STRONG) ? "strong" : "body",
              (run->style & TREATIES_RUN_TITLE) ? "work-title" : "body",
              link ? "link" : "body",
              NULL);
      if (run->event_id != NULL)
        note_mark (self, run);
    }
}

/* Sets the space above the line that holds @offset with a shared
 * "PREFIX-N" tag over the whole line; "block-gap" tags also mark where a
 * block starts (see treaties_article_view_get_block_extents()). */
static void
space_line (TreatiesArticleView *self,
            int                  offset,
            const char          *prefix,
            int                  pixels)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self));
  g_autofree char *name = g_strdup_printf ("%s-%d", prefix, pixels);
  GtkTextTag *tag = lookup_tag (self, name);
  GtkTextIter start, end;

  /* Only these tags set the space above, so their priority is moot. */
  if (tag == NULL)
    tag = gtk_text_buffer_create_tag (buffer, name, "pixels-above-lines", pixels, NULL);
  gtk_text_buffer_get_iter_at_offset (buffer, &start, offset);
  gtk_text_iter_set_line_offset (&start, 0);
  end = start;
  if (!gtk_text_iter_ends_line (&end))
    gtk_text_iter_forward_to_line_end (&end);
  gtk_text_iter_forward_char (&end);
  gtk_text_buffer_apply_tag (buffer, tag, &start, &end);
}

/* Opens a block whose first line holds @offset: it owns the gap above
 * it, at least @gap and at least a box's margin after a box. */
static void
space_block (TreatiesArticleView *self,
             int                  offset,
             int                  gap)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self));
  GtkTextIter above;

  gtk_text_buffer_get_iter_at_offset (buffer, &above, offset);
  gtk_text_iter_set_line_offset (&above, 0);
  if (gtk_text_iter_backward_line (&above) && gtk_text_iter_has_tag (&above, lookup_tag (self, "box-end")))
    gap = MAX (gap, BOX_MARGIN);
  space_line (self, offset, "block-gap", gap);
}

static void
append_block (TreatiesArticleView *self,
              TreatiesSection     *section,
              TreatiesBlock       *block)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self));
  const char *label = treaties_block_get_label (block);
  TreatiesSection *parent = treaties_section_get_parent (section);
  guint n = treaties_block_get_n_items (block);
  TreatiesBlockKind kind = treaties_block_get_kind (block);
  GtkTextIter iter;
  Box box = { NULL, NULL, kind };
  int block_start, last_line;

  gtk_text_buffer_get_end_iter (buffer, &iter);
  block_start = last_line = gtk_text_iter_get_offset (&iter);
  if (kind == TREATIES_BLOCK_CALLOUT || kind == TREATIES_BLOCK_EDITOR_NOTE)
    box.start = gtk_text_buffer_create_mark (buffer, NULL, &iter, TRUE);

  switch (treaties_block_get_kind (block))
    {
    case TREATIES_BLOCK_PARAGRAPH:
      append_runs (self, treaties_block_get_item (block, 0), "paragraph");
      append (buffer, "\n", NULL, "body", "paragraph", NULL);
      break;

    case TREATIES_BLOCK_LIST:
    case TREATIES_BLOCK_READING_LIST:
      for (guint i = 0; i < n; i++)
        {
          gtk_text_buffer_get_end_iter (buffer, &iter);
          last_line = gtk_text_iter_get_offset (&iter);
          /* Bullet and a tab-like gap; the hanging indent aligns wrapped lines. */
          append (buffer, "•\u2002", NULL, "body", "list-item", NULL);
          append_runs (self, treaties_block_get_item (block, i), "list-item");
          append (buffer, "\n", NULL, "body", "list-item", NULL);
          if (i > 0)
            space_line (self, last_line, "space-above", ITEM_GAP);
        }
      break;

    case TREATIES_BLOCK_CALLOUT:
      /* A label that repeats the heading above it says nothing. */
      if (label != NULL &&
          g_strcmp0 (label, treaties_section_get_title (section)) != 0 &&
          (parent == NULL || g_strcmp0 (label, treaties_section_get_title (parent)) != 0))
        {
          append (buffer, label, NULL, "body", "callout", "callout-label", NULL);
          append (buffer, "\n", NULL, "body", "callout", "callout-label", NULL);
          gtk_text_buffer_get_end_iter (buffer, &iter);
          last_line = gtk_text_iter_get_offset (&iter);
        }
      append_runs (self, treaties_block_get_item (block, 0), "callout");
      append (buffer, "\n", NULL, "body", "callout", NULL);
      if (last_line != block_start)
        space_line (self, last_line, "space-above", BOX_LINE_GAP);
      break;

    case TREATIES_BLOCK_EDITOR_NOTE:
      append (buffer, label ? label : _("Editor’s note"), NULL, "body", "editor-note", "note-label", NULL);
      append (buffer, "\n", NULL, "body", "editor-note", "note-label", NULL);
      gtk_text_buffer_get_end_iter (buffer, &iter);
      last_line = gtk_text_iter_get_offset (&iter);
      append_runs (self, treaties_block_get_item (block, 0), "editor-note");
      append (buffer, "\n", NULL, "body", "editor-note", NULL);
      space_line (self, last_line, "space-above", BOX_LINE_GAP);
      break;

    default:
      g_assert_not_reached ();
    }

  /* A box's padding is inside its first and last lines' spacing. */
  space_block (self, block_start, box.start != NULL ? BOX_MARGIN + BOX_PADDING_TOP : BLOCK_GAP);
  if (box.start != NULL)
    {
      GtkTextIter last_start, last_end;

      gtk_text_buffer_get_iter_at_offset (buffer, &last_start, last_line);
      gtk_text_buffer_get_end_iter (buffer, &last_end);
      gtk_text_buffer_apply_tag_by_name (buffer, "box-end", &last_start, &last_end);
      /* Before the block's final newline, so the box ends with its text. */
      gtk_text_buffer_get_end_iter (buffer, &iter);
      gtk_text_iter_backward_char (&iter);
      box.end = gtk_text_buffer_create_mark (buffer, NULL, &iter, TRUE);
      g_array_append_val (self->boxes, box);
    }
}

/* Sections appended at once when an article is shown; then batches of at
 * most RENDER_BATCH_TIME µs. */
#define RENDER_FIRST_SECTIONS 50
#define RENDER_BATCH_TIME     8000

/* Appends the next sections of the outline: at least @min_sections, then
 * until RENDER_BATCH_TIME has passed, or (@until_id not NULL) until that
 * section is in; min_sections G_MAXUINT: all. FALSE once all are in. */
static gboolean
render_more (TreatiesArticleView *self,
             guint                min_sections,
             const char          *until_id)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self));
  GListModel *outline = treaties_article_get_outline (self->article);
  guint n = g_list_model_get_n_items (outline);
  gint64 began = g_get_monotonic_time ();
  GtkTextIter start, end;

  while (self->rendered < n &&
         (until_id != NULL || self->rendered < min_sections ||
          g_get_monotonic_time () - began < RENDER_BATCH_TIME))
    {
      g_autoptr(TreatiesSection) section = g_list_model_get_item (outline, self->rendered++);
      GListModel *blocks = treaties_section_get_blocks (section);
      const char *heading_tag = treaties_section_get_depth (section) > 0 ? "subheading" : "heading";
      SectionMark *sm = g_new0 (SectionMark, 1);

      gtk_text_buffer_get_end_iter (buffer, &end);
      sm->id = g_strdup (treaties_section_get_id (section));
      sm->mark = gtk_text_buffer_create_mark (buffer, NULL, &end, TRUE);
      g_ptr_array_add (self->sections, sm);

      append (buffer, treaties_section_get_title (section), NULL, "body", heading_tag, NULL);
      append (buffer, "\n", NULL, "body", heading_tag, NULL);
      gtk_text_buffer_get_iter_at_mark (buffer, &start, sm->mark);
      space_block (self, gtk_text_iter_get_offset (&start),
                   treaties_section_get_depth (section) > 0 ? SUBHEADING_GAP : HEADING_GAP);

      sm->blocks = g_ptr_array_sized_new (g_list_model_get_n_items (blocks));
      for (guint j = 0; j < g_list_model_get_n_items (blocks); j++)
        {
          g_autoptr(TreatiesBlock) block = g_list_model_get_item (blocks, j);

          gtk_text_buffer_get_end_iter (buffer, &end);
          g_ptr_array_add (sm->blocks, gtk_text_buffer_create_mark (buffer, NULL, &end, TRUE));
          append_block (self, section, block);
        }
      if (until_id != NULL && g_str_equal (sm->id, until_id))
        break;
    }
  if (self->rendered < n)
    return TRUE;

  /* Drop the final newline so there is no empty last line. */
  gtk_text_buffer_get_end_iter (buffer, &end);
  start = end;
  if (gtk_text_iter_backward_char (&start) && gtk_text_iter_get_char (&start) == '\n')
    gtk_text_buffer_delete (buffer, &start, &end);
  g_clear_handle_id (&self->render_id, g_source_remove);
  return FALSE;
}

static gboolean
render_more_cb (gpointer data)
{
  TreatiesArticleView *self = data;

  if (render_more (self, 0, NULL))
    return G_SOURCE_CONTINUE;
  self->render_id = 0;
  return G_SOURCE_REMOVE;
}

/* What needs the whole text (search, passages) has it at once. */
static void
render_all (TreatiesArticleView *self)
{
  if (self->render_id != 0)
    render_more (self, G_MAXUINT, NULL);
}

static void
render (TreatiesArticleView *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self));
  g_autofree char *date_line = NULL;
  GtkTextIter start, end;

  g_ptr_array_set_size (self->sections, 0);
  g_array_set_size (self->boxes, 0);
  g_hash_table_remove_all (self->marked_items);
  g_array_set_size (self->mark_ranges, 0);
  self->passage_start = self->passage_end = -1;
  self->passage_mark = NULL;
  g_clear_handle_id (&self->flash_id, g_source_remove);
  g_clear_handle_id (&self->render_id, g_source_remove);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  gtk_text_buffer_delete (buffer, &start, &end);

  if (self->article == NULL)
    return;

  append (buffer, treaties_article_get_title (self->article), NULL, "body", "title", NULL);
  append (buffer, "\n", NULL, "body", "title", NULL);
  space_block (self, 0, 0);
  if ((date_line = treaties_article_dup_date_line (self->article)) != NULL)
    {
      int date_start;

      gtk_text_buffer_get_end_iter (buffer, &end);
      date_start = gtk_text_iter_get_offset (&end);
      append (buffer, g_strstrip (date_line), NULL, "body", "date-line", NULL);
      append (buffer, "\n", NULL, "body", "date-line", NULL);
      space_line (self, date_start, "space-above", DATE_LINE_GAP);
    }

  self->rendered = 0;
  /* The first sections at once (the text shows complete in its first
   * frame), the rest in batches between frames: a long article would
   * otherwise keep the window from answering for seconds. */
  if (render_more (self, RENDER_FIRST_SECTIONS, NULL))
    self->render_id = g_idle_add_full (GDK_PRIORITY_REDRAW + 5, render_more_cb, self, NULL);

  gtk_text_buffer_get_start_iter (buffer, &start);
  gtk_text_buffer_place_cursor (buffer, &start);
}

static SectionMark *
find_section (TreatiesArticleView *self,
              const char          *id)
{
  for (guint i = 0; id != NULL && i < self->sections->len; i++)
    {
      SectionMark *sm = g_ptr_array_index (self->sections, i);
      if (g_str_equal (sm->id, id))
        return sm;
    }
  /* Not in yet: a section chosen while the text fills in. */
  if (id != NULL && self->render_id != 0 && treaties_article_lookup_section (self->article, id) != NULL)
    {
      render_more (self, 0, id);
      return find_section (self, id);
    }
  return NULL;
}

/* Where the heading's text starts, as a value of the vertical adjustment:
 * what gtk_text_view_scroll_to_mark() aligns with the top of the view. The
 * adjustment counts the top margin, buffer coordinates do not. */
static int
mark_y (TreatiesArticleView *self,
        SectionMark         *sm)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self));
  GtkTextIter iter;
  GdkRectangle location;

  gtk_text_buffer_get_iter_at_mark (buffer, &iter, sm->mark);
  gtk_text_view_get_iter_location (GTK_TEXT_VIEW (self), &iter, &location);
  return location.y + gtk_text_view_get_top_margin (GTK_TEXT_VIEW (self));
}

/* GTK 4.8's text view sometimes drops a pending scroll_to_mark() asked for
 * while lines are still being measured, or clamps it to an end that is
 * only an estimate (seen in test-window and test-event-card on a loaded
 * machine, and under ASan). So a jump is seen through: whenever the view
 * has nothing more urgent to do (a low-priority idle: GTK measures lines
 * and the text is filled at higher ones), the adjustment is set from the
 * mark's place as the layout now measures it, until that holds twice
 * running. The reader scrolling elsewhere ends it, as do a deleted mark
 * and five seconds. */
#define SETTLE_USEC (5000 * 1000)

static void
stop_settling (TreatiesArticleView *self)
{
  g_clear_handle_id (&self->settle_id, g_source_remove);
  g_clear_object (&self->settle_mark);
}

/* Where the adjustment must be for the mark to sit at its place. */
static double
settle_target (TreatiesArticleView *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self));
  GtkTextIter iter;
  GdkRectangle location, visible;
  double page, upper, wanted;

  gtk_text_buffer_get_iter_at_mark (buffer, &iter, self->settle_mark);
  gtk_text_view_get_iter_location (GTK_TEXT_VIEW (self), &iter, &location);
  /* The height as allocated: the adjustment's page size lags behind a
   * resize (the card's sheet opening under the view). */
  gtk_text_view_get_visible_rect (GTK_TEXT_VIEW (self), &visible);
  page = visible.height;
  upper = gtk_adjustment_get_upper (self->vadjustment);
  wanted = location.y + gtk_text_view_get_top_margin (GTK_TEXT_VIEW (self)) - self->settle_yalign * page;
  return CLAMP (wanted, 0, MAX (upper - page, 0));
}

static gboolean
settle_idle_cb (gpointer data)
{
  TreatiesArticleView *self = data;
  double target;

  if (self->settle_mark == NULL || gtk_text_mark_get_deleted (self->settle_mark) ||
      self->vadjustment == NULL || g_get_monotonic_time () > self->settle_until)
    {
      self->settle_id = 0;
      g_clear_object (&self->settle_mark);
      return G_SOURCE_REMOVE;
    }

  target = settle_target (self);
  /* Not settled while the view is not on screen yet, or its text is still
   * being measured (its height changed since the last look): the target
   * moves with them. */
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)) ||
      gtk_adjustment_get_upper (self->vadjustment) != self->settle_seen_upper)
    {
      self->settle_seen_upper = gtk_adjustment_get_upper (self->vadjustment);
      self->settle_held = 0;
    }
  else if (ABS (gtk_adjustment_get_value (self->vadjustment) - target) <= 1)
    {
      if (++self->settle_held >= 2)
        {
          self->settle_id = 0;
          g_clear_object (&self->settle_mark);
          return G_SOURCE_REMOVE;
        }
      return G_SOURCE_CONTINUE;
    }
  self->settle_held = 0;
  self->settle_setting = TRUE;
  gtk_adjustment_set_value (self->vadjustment, target);
  self->settle_setting = FALSE;
  return G_SOURCE_CONTINUE;
}

/* A scroll that leaves the place being settled far behind is the reader's
 * (or another jump's): stop pulling the view back. GTK's own moves (its
 * pending scroll, keeping the top line as lines above are measured) stay
 * near it. */
static void
settle_value_changed (TreatiesArticleView *self)
{
  double page;

  if (self->settle_mark == NULL || self->settle_setting || self->vadjustment == NULL)
    return;
  /* A view that changed height (the card's sheet opening under it) moves
   * for that, not for the reader. */
  page = gtk_adjustment_get_page_size (self->vadjustment);
  if (page != self->settle_page)
    {
      self->settle_page = page;
      return;
    }
  /* Nor does one whose text grew or shrank: GTK measuring lines, keeping
   * the top line in place, right after an article opened at a place. */
  if (gtk_adjustment_get_upper (self->vadjustment) != self->settle_upper)
    {
      self->settle_upper = gtk_adjustment_get_upper (self->vadjustment);
      return;
    }
  if (gtk_text_mark_get_deleted (self->settle_mark) ||
      ABS (gtk_adjustment_get_value (self->vadjustment) - settle_target (self)) > page / 4)
    stop_settling (self);
}

/* Scrolls @mark to @yalign of the view's height, and sees it through. */
static void
scroll_surely (TreatiesArticleView *self,
               GtkTextMark         *mark,
               double               yalign)
{
  stop_settling (self);
  gtk_text_view_scroll_to_mark (GTK_TEXT_VIEW (self), mark, 0.0, TRUE, 0.0, yalign);
  self->settle_mark = g_object_ref (mark);
  self->settle_yalign = yalign;
  self->settle_until = g_get_monotonic_time () + SETTLE_USEC;
  self->settle_held = 0;
  self->settle_page = self->vadjustment != NULL ? gtk_adjustment_get_page_size (self->vadjustment) : 0;
  self->settle_upper = self->vadjustment != NULL ? gtk_adjustment_get_upper (self->vadjustment) : 0;
  self->settle_seen_upper = -1;
  self->settle_id = g_idle_add_full (G_PRIORITY_LOW, settle_idle_cb, self, NULL);
}

static int
text_mark_y (TreatiesArticleView *self,
             GtkTextMark         *mark)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self));
  GtkTextIter iter;
  GdkRectangle location;

  gtk_text_buffer_get_iter_at_mark (buffer, &iter, mark);
  gtk_text_view_get_iter_location (GTK_TEXT_VIEW (self), &iter, &location);
  return location.y + gtk_text_view_get_top_margin (GTK_TEXT_VIEW (self));
}

/* The block of the current section at the top of the view: the last whose
 * first line starts at or above the top edge (0, the heading's, before
 * the first). */
static guint
block_at_top (TreatiesArticleView *self,
              SectionMark         *sm)
{
  double top;
  guint lo = 0, hi;

  if (sm == NULL || sm->blocks == NULL || self->vadjustment == NULL)
    return 0;
  top = gtk_adjustment_get_value (self->vadjustment) + 2;
  hi = sm->blocks->len;
  TREATIES_LOWER_BOUND (lo, hi, mid, text_mark_y (self, g_ptr_array_index (sm->blocks, mid)) <= top);
  return lo > 0 ? lo - 1 : 0;
}

static SectionMark *find_section (TreatiesArticleView *self, const char *id);

/* The mark of the paragraph (or heading) at the top of the view. */
static GtkTextMark *
first_block_in_view (TreatiesArticleView *self)
{
  SectionMark *sm = self->current_section ? find_section (self, self->current_section) : NULL;
  double top;
  guint block;

  if (sm == NULL || self->vadjustment == NULL)
    return NULL;
  top = gtk_adjustment_get_value (self->vadjustment) + 2;
  block = block_at_top (self, sm);
  if (sm->blocks == NULL || sm->blocks->len == 0 ||
      (block == 0 && text_mark_y (self, g_ptr_array_index (sm->blocks, 0)) > top))
    return sm->mark;
  return g_ptr_array_index (sm->blocks, block);
}

static void
set_current_section (TreatiesArticleView *self,
                     const char          *id)
{
  if (g_strcmp0 (self->current_section, id) == 0)
    return;
  g_free (self->current_section);
  self->current_section = g_strdup (id);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENT_SECTION]);
}

static int
section_offset (TreatiesArticleView *self,
                SectionMark         *sm)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self));
  GtkTextIter iter;

  gtk_text_buffer_get_iter_at_mark (buffer, &iter, sm->mark);
  return gtk_text_iter_get_offset (&iter);
}

/* Sections are in reading order, so their headings' offsets and positions
 * only grow: the last section whose @key is at most @limit is found by
 * binary search, which keeps scrolling cheap in long articles. */
static SectionMark *
last_section_at_most (TreatiesArticleView *self,
                      int                (*key) (TreatiesArticleView *, SectionMark *),
                      int                  limit)
{
  guint lo = 0, hi = self->sections->len;

  TREATIES_LOWER_BOUND (lo, hi, mid, key (self, g_ptr_array_index (self->sections, mid)) <= limit);
  return lo > 0 ? g_ptr_array_index (self->sections, lo - 1) : NULL;
}

/* The section being read is the one at the top of the view: the last whose
 * heading is at or above a line just below the top edge. At the end of the
 * text, where the last short sections cannot reach the top, it is the last
 * whose heading is in view. A section just jumped to stays current while
 * its heading is in view, until the reader scrolls (reader_scrolled_cb()). */
static void
update_current_section (TreatiesArticleView *self)
{
  double top, page, line;
  gboolean at_end;
  SectionMark *reading;
  const char *id = NULL;

  if (self->vadjustment == NULL || self->sections->len == 0)
    return;

  top = gtk_adjustment_get_value (self->vadjustment);
  page = gtk_adjustment_get_page_size (self->vadjustment);

  /* The reader scrolling after a jump (not GTK measuring lines) makes the
   * text say where it is at once, heading in view or not. */
  if (self->pinned_section != NULL && self->reader_scrolled && self->settle_id == 0)
    g_clear_pointer (&self->pinned_section, g_free);
  if (self->pinned_section != NULL)
    {
      SectionMark *sm = find_section (self, self->pinned_section);

      if (sm != NULL)
        {
          int y = mark_y (self, sm);

          /* While the text view lays out lines the jump can pass through
           * positions that do not show the heading: give it a moment. */
          if ((y >= top - 2 && y < top + page) || self->settle_id != 0 ||
              g_get_monotonic_time () - self->pinned_at < PIN_SETTLE_USEC)
            {
              set_current_section (self, sm->id);
              return;
            }
        }
      g_clear_pointer (&self->pinned_section, g_free);
    }

  at_end = top >= gtk_adjustment_get_upper (self->vadjustment) - page - 1;
  line = at_end ? top + page - 1 : top + TOP_SLACK;
  reading = last_section_at_most (self, mark_y, (int) line);
  id = reading != NULL ? reading->id : NULL;
  if (id == NULL)
    id = ((SectionMark *) g_ptr_array_index (self->sections, 0))->id;

  set_current_section (self, id);
}

/* --- find in the article --- */

/* The section whose text holds buffer offset @offset: the last whose
 * heading starts at or before it (NULL before the first heading). */
static SectionMark *
section_at_offset (TreatiesArticleView *self,
                   int                  offset)
{
  return last_section_at_most (self, section_offset, offset);
}

static void
get_match_iters (TreatiesArticleView *self,
                 guint                index,
                 GtkTextIter         *start,
                 GtkTextIter         *end)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self));
  const TreatiesTextMatch *match = &g_array_index (self->matches, TreatiesTextMatch, index);

  gtk_text_buffer_get_iter_at_offset (buffer, start, match->start);
  gtk_text_buffer_get_iter_at_offset (buffer, end, match->end);
}

/* Whether the selected match is (at least partly) in view. */
static gboolean
selected_match_in_view (TreatiesArticleView *self)
{
  GtkTextIter start, end;
  GdkRectangle visible, location;

  if (self->matches == NULL || self->selected_match < 0)
    return FALSE;

  get_match_iters (self, self->selected_match, &start, &end);
  gtk_text_view_get_visible_rect (GTK_TEXT_VIEW (self), &visible);
  gtk_text_view_get_iter_location (GTK_TEXT_VIEW (self), &start, &location);
  return location.y + location.height > visible.y && location.y < visible.y + visible.height;
}

/* Forgets the matches and removes their highlights; @anchor is where the
 * next search starts looking from (-1: the top of the view). */
static void
reset_search (TreatiesArticleView *self,
              int                  anchor)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self));
  GtkTextIter start, end;

  if (self->matches != NULL)
    {
      gtk_text_buffer_get_bounds (buffer, &start, &end);
      gtk_text_buffer_remove_tag_by_name (buffer, "search-match", &start, &end);
      gtk_text_buffer_remove_tag_by_name (buffer, "search-current", &start, &end);
    }
  g_clear_pointer (&self->matches, g_array_unref);
  self->selected_match = -1;
  self->search_anchor = anchor;
}

static void check_passage_in_view (TreatiesArticleView *self);

/* The wheel, a touchpad or a key that scrolls: the reader's own move. */
static gboolean
reader_scrolled_cb (TreatiesArticleView *self)
{
  if (self->pinned_section != NULL)
    {
      self->reader_scrolled = TRUE;
      /* Done with pulling the view back to the jump's place. */
      stop_settling (self);
    }
  return FALSE;
}

static gboolean
key_scrolled_cb (TreatiesArticleView *self,
                 guint                keyval)
{
  switch (keyval)
    {
    case GDK_KEY_Up: case GDK_KEY_Down: case GDK_KEY_Page_Up: case GDK_KEY_Page_Down:
    case GDK_KEY_KP_Up: case GDK_KEY_KP_Down: case GDK_KEY_KP_Page_Up: case GDK_KEY_KP_Page_Down:
    case GDK_KEY_Home: case GDK_KEY_End: case GDK_KEY_space:
      reader_scrolled_cb (self);
      break;
    default:
      break;
    }
  return FALSE;
}

static void
vadjustment_changed_cb (TreatiesArticleView *self)
{
  update_current_section (self);
  check_passage_in_view (self);
}

static void
vadjustment_notify_cb (TreatiesArticleView *self)
{
  GtkAdjustment *adj = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self));

  if (adj == self->vadjustment)
    return;
  if (self->vadjustment != NULL)
    g_signal_handlers_disconnect_by_data (self->vadjustment, self);
  g_set_object (&self->vadjustment, adj);
  if (adj != NULL)
    {
      g_signal_connect_swapped (adj, "value-changed", G_CALLBACK (settle_value_changed), self);
      g_signal_connect_swapped (adj, "value-changed", G_CALLBACK (vadjustment_changed_cb), self);
      g_signal_connect_swapped (adj, "changed", G_CALLBACK (vadjustment_changed_cb), self);
    }
}

static void
style_changed_cb (TreatiesArticleView *self)
{
  update_colors (self);
}

static TreatiesEvent *event_mark_at (TreatiesArticleView *self,
                                      double               x,
                                      double               y,
                                      int                 *offset);

static const char *
href_at (TreatiesArticleView *self,
         double               x,
         double               y)
{
  GtkTextIter iter;
  int bx, by;
  g_autoptr(GSList) tags = NULL;

  gtk_text_view_window_to_buffer_coords (GTK_TEXT_VIEW (self), GTK_TEXT_WINDOW_WIDGET,
                                         (int) x, (int) y, &bx, &by);
  if (!gtk_text_view_get_iter_at_location (GTK_TEXT_VIEW (self), &iter, bx, by))
    return NULL;

  tags = gtk_text_iter_get_tags (&iter);
  for (GSList *l = tags; l != NULL; l = l->next)
    {
      const char *href = g_object_get_data (l->data, "href");
      if (href != NULL)
        return href;
    }
  return NULL;
}

static void
motion_cb (GtkEventControllerMotion *controller,
           double                    x,
           double                    y,
           TreatiesArticleView      *self)
{
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self),
                                   href_at (self, x, y) || event_mark_at (self, x, y, NULL) ? "pointer" : "text");
}

static gboolean event_mark_tooltip (TreatiesEvent *event,
                                    GtkTooltip    *tooltip);

static gboolean
query_tooltip_cb (TreatiesArticleView *self,
                  int                  x,
                  int                  y,
                  gboolean             keyboard,
                  GtkTooltip          *tooltip)
{
  const char *href;
  g_autofree char *shown = NULL;
  TreatiesEvent *event;

  if (!keyboard && (event = event_mark_at (self, x, y, NULL)) != NULL)
    return event_mark_tooltip (event, tooltip);
  if (keyboard || (href = href_at (self, x, y)) == NULL)
    return FALSE;
  /* A host that mixes scripts shows as xn--…, not as the site it mimics. */
  shown = treaties_safe_text_link_for_display (href);
  gtk_tooltip_set_text (tooltip, shown);
  return TRUE;
}

static void
open_link (TreatiesArticleView *self,
           const char          *href)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  /* What the tooltip showed is what opens. */
  g_autofree char *uri = treaties_safe_text_link_for_display (href);
  g_autofree char *scheme = g_uri_parse_scheme (uri);

  /* The loader lets only these through; the event card's "Source" comes
   * here too, and nothing else is ever handed to the desktop. */
  if (g_strcmp0 (scheme, "http") != 0 && g_strcmp0 (scheme, "https") != 0 && g_strcmp0 (scheme, "mailto") != 0)
    return;

  /* GtkUriLauncher (4.10) only where the build allows 4.10 API; the
   * project pins GDK_VERSION_MAX_ALLOWED to Debian 12's 4.8. */
#if GTK_CHECK_VERSION (4, 10, 0) && GDK_VERSION_MAX_ALLOWED >= GDK_VERSION_4_10
  g_autoptr(GtkUriLauncher) launcher = gtk_uri_launcher_new (uri);
  gtk_uri_launcher_launch (launcher, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, NULL, NULL, NULL);
#else
  gtk_show_uri (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, uri, GDK_CURRENT_TIME);
#endif
}

/* --- the context menu --- */

/* Copy and Select All; on a link, Open Link and Copy Link Address. No
 * Cut, Paste, Delete or Undo: the text is read, not edited. */
static GMenuModel *
make_reader_menu (const char *href)
{
  GMenu *menu = g_menu_new ();
  g_autoptr(GMenu) text = g_menu_new ();

  if (href != NULL)
    {
      g_autoptr(GMenu) link = g_menu_new ();

      g_menu_append (link, _("_Open Link"), "article.open-link");
      g_menu_append (link, _("Copy Link _Address"), "article.copy-link");
      g_menu_append_section (menu, NULL, G_MENU_MODEL (link));
    }
  g_menu_append (text, _("_Copy"), "clipboard.copy");
  g_menu_append (text, _("Select _All"), "selection.select-all");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (text));
  return G_MENU_MODEL (menu);
}

/* Opens the menu pointing at (@x, @y), widget coordinates. */
static void
popup_reader_menu (TreatiesArticleView *self,
                   double               x,
                   double               y)
{
  const char *href = href_at (self, x, y);
  g_autoptr(GMenuModel) model = make_reader_menu (href);

  g_free (self->menu_href);
  self->menu_href = g_strdup (href);
  if (self->reader_menu == NULL)
    {
      self->reader_menu = gtk_popover_menu_new_from_model (model);
      gtk_widget_set_parent (self->reader_menu, GTK_WIDGET (self));
      gtk_popover_set_position (GTK_POPOVER (self->reader_menu), GTK_POS_BOTTOM);
      gtk_popover_set_has_arrow (GTK_POPOVER (self->reader_menu), FALSE);
      gtk_widget_set_halign (self->reader_menu, GTK_ALIGN_START);
    }
  else
    gtk_popover_menu_set_menu_model (GTK_POPOVER_MENU (self->reader_menu), model);
  gtk_popover_set_pointing_to (GTK_POPOVER (self->reader_menu), &(GdkRectangle) { (int) x, (int) y, 1, 1 });
  gtk_popover_popup (GTK_POPOVER (self->reader_menu));
}

static void
context_pressed_cb (GtkGestureClick     *gesture,
                    int                  n_press,
                    double               x,
                    double               y,
                    TreatiesArticleView *self)
{
  GdkEvent *event = gtk_event_controller_get_current_event (GTK_EVENT_CONTROLLER (gesture));

  if (n_press != 1 || event == NULL || !gdk_event_triggers_context_menu (event))
    return;
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  popup_reader_menu (self, x, y);
}

/* Shift+F10 and the Menu key: at the cursor, or the middle of the view. */
static void
menu_popup_action_cb (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  TreatiesArticleView *self = TREATIES_ARTICLE_VIEW (widget);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self));
  GtkTextIter iter;
  GdkRectangle location, visible;
  int x, y;

  gtk_text_buffer_get_iter_at_mark (buffer, &iter, gtk_text_buffer_get_insert (buffer));
  gtk_text_view_get_iter_location (GTK_TEXT_VIEW (self), &iter, &location);
  gtk_text_view_get_visible_rect (GTK_TEXT_VIEW (self), &visible);
  if (!gdk_rectangle_intersect (&location, &visible, NULL))
    location = (GdkRectangle) { visible.x + visible.width / 2, visible.y + visible.height / 2, 1, 1 };
  gtk_text_view_buffer_to_window_coords (GTK_TEXT_VIEW (self), GTK_TEXT_WINDOW_WIDGET,
                                         location.x, location.y + location.height, &x, &y);
  popup_reader_menu (self, x, y);
}

static void
open_link_action_cb (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  TreatiesArticleView *self = TREATIES_ARTICLE_VIEW (widget);

  if (self->menu_href != NULL)
    open_link (self, self->menu_href);
}

/* The address as shown: a mixed-script host in its ASCII form. */
static void
copy_link_action_cb (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  TreatiesArticleView *self = TREATIES_ARTICLE_VIEW (widget);
  g_autofree char *uri = NULL;

  if (self->menu_href == NULL)
    return;
  uri = treaties_safe_text_link_for_display (self->menu_href);
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), uri);
}

static void
click_released_cb (GtkGestureClick     *gesture,
                   int                  n_press,
                   double               x,
                   double               y,
                   TreatiesArticleView *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self));
  const char *href;

  /* A drag that selected text is not a click on a link. */
  if (n_press != 1 || gtk_text_buffer_get_has_selection (buffer))
    return;
  if ((href = href_at (self, x, y)) != NULL)
    open_link (self, href);
}

static void
remove_flash (TreatiesArticleView *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self));
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  gtk_text_buffer_remove_tag_by_name (buffer, "flash", &start, &end);
}

static gboolean
flash_timeout_cb (gpointer data)
{
  TreatiesArticleView *self = data;

  self->flash_id = 0;
  remove_flash (self);
  return G_SOURCE_REMOVE;
}

/* --- event marks ---
 *
 * Words marked for a timeline event are kept as ranges of the buffer, in
 * reading order (not as a tag each, which would grow the tag table and
 * split the text's runs with every mark), drawn with a dotted underline; a
 * click or Enter in them emits ::event-mark-activated. The passage shown for an event gets
 * "event-passage" on its words and "event-sentence" on their sentence,
 * until the reader scrolls it out of view or goes elsewhere. */

/* Remembers where the text of an item with a mark begins, so that a
 * TreatiesPassage (item-relative characters) finds its words. */
static void
note_marked_item (TreatiesArticleView *self,
                  GPtrArray           *runs)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self));
  GtkTextIter end;

  for (guint i = 0; i < runs->len; i++)
    if (((TreatiesRun *) g_ptr_array_index (runs, i))->event_id != NULL)
      {
        gtk_text_buffer_get_end_iter (buffer, &end);
        g_hash_table_insert (self->marked_items, runs, GINT_TO_POINTER (gtk_text_iter_get_offset (&end) + 1));
        return;
      }
}

/* The words of @run, just appended. */
static void
note_mark (TreatiesArticleView *self,
           TreatiesRun         *run)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self));
  GtkTextIter end;
  MarkRange range;

  gtk_text_buffer_get_end_iter (buffer, &end);
  range.end = gtk_text_iter_get_offset (&end);
  range.start = range.end - g_utf8_strlen (run->text, -1);
  range.event_id = run->event_id;
  g_array_append_val (self->mark_ranges, range);
}

/* The first mark that ends after @offset (marks are in reading order). */
static guint
first_mark_after (TreatiesArticleView *self,
                  int                  offset)
{
  guint lo = 0, hi = self->mark_ranges->len;

  TREATIES_LOWER_BOUND (lo, hi, mid, g_array_index (self->mark_ranges, MarkRange, mid).end <= offset);
  return lo;
}

static TreatiesEvent *
event_mark_at_iter (TreatiesArticleView *self,
                    const GtkTextIter   *iter)
{
  int offset = gtk_text_iter_get_offset (iter);
  guint i = first_mark_after (self, offset);
  const MarkRange *range;

  if (self->article == NULL || i >= self->mark_ranges->len)
    return NULL;
  range = &g_array_index (self->mark_ranges, MarkRange, i);
  return range->start <= offset ? treaties_article_lookup_event (self->article, range->event_id) : NULL;
}

/* The event whose marked words are at (@x, @y) in widget coordinates. */
static TreatiesEvent *
event_mark_at (TreatiesArticleView *self,
               double               x,
               double               y,
               int                 *offset)
{
  GtkTextIter iter;
  int bx, by;
  TreatiesEvent *event;

  gtk_text_view_window_to_buffer_coords (GTK_TEXT_VIEW (self), GTK_TEXT_WINDOW_WIDGET,
                                         (int) x, (int) y, &bx, &by);
  if (!gtk_text_view_get_iter_at_location (GTK_TEXT_VIEW (self), &iter, bx, by))
    return NULL;
  event = event_mark_at_iter (self, &iter);
  if (event != NULL && offset != NULL)
    *offset = gtk_text_iter_get_offset (&iter);
  return event;
}

static gboolean
event_mark_tooltip (TreatiesEvent *event,
                    GtkTooltip    *tooltip)
{
  g_autofree char *date = treaties_event_format_date (event);
  g_autofree char *text = NULL;

  /* Translators: the tooltip of words marked for a timeline event: its
   * date and title */
  text = g_strdup_printf (_("%s — %s: show on the timeline"), g_strstrip (date), treaties_event_get_title (event));
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

/* The marks' colours come from data/style.css: each is the colour of a
 * transient node `textview.article-view.CLASS` (GTK 4.8 has no other way
 * to read a named colour). */
static void
style_color (TreatiesArticleView *self,
             const char          *class_name,
             GdkRGBA             *color)
{
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  GtkStyleContext *context = gtk_widget_get_style_context (GTK_WIDGET (self));

  gtk_style_context_save (context);
  gtk_style_context_add_class (context, class_name);
  gtk_style_context_get_color (context, color);
  gtk_style_context_restore (context);
  G_GNUC_END_IGNORE_DEPRECATIONS
}

static void
update_event_mark_colors (TreatiesArticleView *self)
{
  gboolean hc = adw_style_manager_get_high_contrast (adw_style_manager_get_default ());
  GdkRGBA mark, passage, sentence;

  style_color (self, "event-mark", &mark);
  style_color (self, "event-passage", &passage);
  style_color (self, "event-sentence", &sentence);
  if (hc)
    {
      mark.alpha = 1.0;
      passage.alpha = MIN (1.0, passage.alpha * 1.6);
      sentence.alpha = MIN (1.0, sentence.alpha * 2);
    }
  /* Only on a change: css_changed comes with every change of state (focus,
   * hover), and a tag's change redraws all its text. */
  if (!gdk_rgba_equal (&mark, &self->mark_color))
    {
      self->mark_color = mark;
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
  if (!gdk_rgba_equal (&passage, &self->passage_color))
    {
      self->passage_color = passage;
      g_object_set (lookup_tag (self, "event-passage"), "background-rgba", &passage, NULL);
    }
  if (!gdk_rgba_equal (&sentence, &self->sentence_color))
    {
      self->sentence_color = sentence;
      g_object_set (lookup_tag (self, "event-sentence"), "background-rgba", &sentence, NULL);
    }
}

static gboolean
passage_rescroll_cb (gpointer data)
{
  TreatiesArticleView *self = data;

  self->passage_rescroll_id = 0;
  if (self->passage_start >= 0 && self->passage_mark != NULL)
    scroll_surely (self, self->passage_mark, PASSAGE_YALIGN);
  return G_SOURCE_REMOVE;
}

/* When the view changes height just after the jump to a passage (the event
 * card's sheet takes room under it), the passage goes back to where it
 * belongs: scrolled from an idle, not during allocation. */
/* The context menu goes before its parent's surface does: GTK 4.8's
 * popover menu, left open, asks a dead surface for the pointer
 * (Gdk-CRITICAL when a window closes with the menu open). */
static void
treaties_article_view_unmap (GtkWidget *widget)
{
  TreatiesArticleView *self = TREATIES_ARTICLE_VIEW (widget);

  if (self->reader_menu != NULL)
    gtk_popover_popdown (GTK_POPOVER (self->reader_menu));
  GTK_WIDGET_CLASS (treaties_article_view_parent_class)->unmap (widget);
}

static void
treaties_article_view_size_allocate (GtkWidget *widget,
                                     int        width,
                                     int        height,
                                     int        baseline)
{
  TreatiesArticleView *self = TREATIES_ARTICLE_VIEW (widget);

  GTK_WIDGET_CLASS (treaties_article_view_parent_class)->size_allocate (widget, width, height, baseline);
  if (self->reader_menu != NULL)
    gtk_popover_present (GTK_POPOVER (self->reader_menu));
  if (self->passage_start >= 0 && self->passage_height > 0 && height != self->passage_height &&
      g_get_monotonic_time () - self->passage_at < SETTLE_USEC)
    {
      self->passage_height = height;
      if (self->passage_rescroll_id == 0)
        self->passage_rescroll_id = g_idle_add (passage_rescroll_cb, self);
    }
}

static void
treaties_article_view_css_changed (GtkWidget         *widget,
                                   GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (treaties_article_view_parent_class)->css_changed (widget, change);
  update_event_mark_colors (TREATIES_ARTICLE_VIEW (widget));
}

static void
mark_click_released_cb (GtkGestureClick     *gesture,
                        int                  n_press,
                        double               x,
                        double               y,
                        TreatiesArticleView *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self));

  /* A drag that selected text is not a click on the words. */
  if (n_press != 1 || gtk_text_buffer_get_has_selection (buffer))
    return;
  treaties_article_view_activate_mark_at (self, x, y);
}

/* Enter with the cursor (F7 shows it) in marked words or a link activates
 * them, as a click does. */
static gboolean
mark_key_pressed_cb (GtkEventControllerKey *controller,
                     guint                  keyval,
                     guint                  keycode,
                     GdkModifierType        state,
                     TreatiesArticleView   *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self));
  TreatiesEvent *event;
  GtkTextIter iter;
  g_autoptr(GSList) tags = NULL;

  if ((keyval != GDK_KEY_Return && keyval != GDK_KEY_KP_Enter && keyval != GDK_KEY_ISO_Enter) ||
      (state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SHIFT_MASK)) != 0)
    return FALSE;

  gtk_text_buffer_get_iter_at_mark (buffer, &iter, gtk_text_buffer_get_insert (buffer));
  if ((event = event_mark_at_iter (self, &iter)) != NULL)
    {
      g_signal_emit (self, signals[EVENT_MARK_ACTIVATED], 0, event, gtk_text_iter_get_offset (&iter));
      return TRUE;
    }
  tags = gtk_text_iter_get_tags (&iter);
  for (GSList *l = tags; l != NULL; l = l->next)
    {
      const char *href = g_object_get_data (l->data, "href");

      if (href != NULL)
        {
          open_link (self, href);
          return TRUE;
        }
    }
  return FALSE;
}

static void
setup_event_marks (TreatiesArticleView *self)
{
  GtkGesture *click = gtk_gesture_click_new ();
  GtkEventController *keys = gtk_event_controller_key_new ();

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (click), GTK_PHASE_CAPTURE);
  g_signal_connect (click, "released", G_CALLBACK (mark_click_released_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));

  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (mark_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
}

/* A dotted underline under [@start, @end), line by line as the text wraps. */
static void
snapshot_mark (TreatiesArticleView *self,
               GtkSnapshot         *snapshot,
               GtkTextIter         *start,
               const GtkTextIter   *end,
               double               thickness)
{
  GtkTextView *view = GTK_TEXT_VIEW (self);
  GdkRectangle location;
  int line_y = G_MININT, line_bottom = 0;
  double x1 = 0, x2 = 0;

  for (GtkTextIter iter = *start; ; gtk_text_iter_forward_char (&iter))
    {
      gboolean done = gtk_text_iter_compare (&iter, end) >= 0;

      if (!done)
        gtk_text_view_get_iter_location (view, &iter, &location);
      if (done || location.y != line_y)
        {
          /* One display line's stretch: dots 2 px long, 2 px apart. */
          for (double x = x1; line_y != G_MININT && x + 1 <= x2; x += 4)
            gtk_snapshot_append_color (snapshot, &self->mark_color,
                                       &GRAPHENE_RECT_INIT (x, line_bottom - thickness - 1, MIN (2, x2 - x), thickness));
          if (done)
            break;
          line_y = location.y;
          line_bottom = location.y + location.height;
          x1 = location.x;
          x2 = location.x + location.width;
        }
      else
        x2 = MAX (x2, location.x + location.width);
      line_bottom = MAX (line_bottom, location.y + location.height);
    }
}

/* The marks in view get their dotted underline, in the accent colour read
 * from the style. */
static void
snapshot_event_marks (TreatiesArticleView *self,
                      GtkSnapshot         *snapshot)
{
  GtkTextView *view = GTK_TEXT_VIEW (self);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  gboolean hc = adw_style_manager_get_high_contrast (adw_style_manager_get_default ());
  GdkRectangle visible;
  GtkTextIter first, last, start, end;
  int last_offset;

  if (self->mark_color.alpha <= 0 || self->mark_ranges->len == 0)
    return;
  gtk_text_view_get_visible_rect (view, &visible);
  gtk_text_view_get_iter_at_location (view, &first, visible.x, visible.y);
  gtk_text_view_get_iter_at_location (view, &last, visible.x + visible.width, visible.y + visible.height);
  gtk_text_iter_forward_line (&last);
  last_offset = gtk_text_iter_get_offset (&last);

  for (guint i = first_mark_after (self, gtk_text_iter_get_offset (&first)); i < self->mark_ranges->len; i++)
    {
      const MarkRange *range = &g_array_index (self->mark_ranges, MarkRange, i);

      if (range->start >= last_offset)
        break;
      gtk_text_buffer_get_iter_at_offset (buffer, &start, range->start);
      gtk_text_buffer_get_iter_at_offset (buffer, &end, range->end);
      snapshot_mark (self, snapshot, &start, &end, hc ? 2 : 1);
    }
}

static gboolean
passage_iters (TreatiesArticleView   *self,
               const TreatiesPassage *passage,
               GtkTextIter           *start,
               GtkTextIter           *end)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self));
  GListModel *blocks;
  g_autoptr(TreatiesBlock) block = NULL;
  GPtrArray *runs;
  int offset;

  if (passage == NULL || !passage->marked || passage->section == NULL)
    return FALSE;
  render_all (self);
  blocks = treaties_section_get_blocks (passage->section);
  if ((block = g_list_model_get_item (blocks, passage->block)) == NULL ||
      passage->item >= treaties_block_get_n_items (block))
    return FALSE;
  runs = treaties_block_get_item (block, passage->item);
  if ((offset = GPOINTER_TO_INT (g_hash_table_lookup (self->marked_items, runs))) == 0)
    return FALSE;
  gtk_text_buffer_get_iter_at_offset (buffer, start, offset - 1 + passage->start);
  gtk_text_buffer_get_iter_at_offset (buffer, end, offset - 1 + passage->end);
  return TRUE;
}

/* Clears the highlight once the passage has left the view (after the jump
 * to it has settled). */
static void
check_passage_in_view (TreatiesArticleView *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self));
  GdkRectangle visible, first, last;
  GtkTextIter start, end;

  if (self->passage_start < 0)
    return;
  /* Not while the jump to it is still being seen through. */
  if (g_get_monotonic_time () - self->passage_at < PIN_SETTLE_USEC || self->settle_id != 0)
    return;
  gtk_text_buffer_get_iter_at_offset (buffer, &start, self->passage_start);
  gtk_text_buffer_get_iter_at_offset (buffer, &end, self->passage_end);
  gtk_text_view_get_visible_rect (GTK_TEXT_VIEW (self), &visible);
  gtk_text_view_get_iter_location (GTK_TEXT_VIEW (self), &start, &first);
  gtk_text_view_get_iter_location (GTK_TEXT_VIEW (self), &end, &last);
  if (last.y + last.height <= visible.y || first.y >= visible.y + visible.height)
    treaties_article_view_clear_passage (self);
}

/* The box behind a callout or note, in buffer coordinates: from its top
 * padding above the first line's text to the end of its last line, whose
 * space below is the bottom padding. */
static void
get_box_rect (TreatiesArticleView *self,
              const Box           *box,
              GdkRectangle        *rect)
{
  GtkTextView *view = GTK_TEXT_VIEW (self);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;
  GdkRectangle first;
  int y2, h2;

  gtk_text_buffer_get_iter_at_mark (buffer, &start, box->start);
  gtk_text_buffer_get_iter_at_mark (buffer, &end, box->end);
  gtk_text_view_get_iter_location (view, &start, &first);
  gtk_text_view_get_line_yrange (view, &end, &y2, &h2);
  rect->x = SIDE_MARGIN;
  rect->y = first.y - BOX_PADDING_TOP;
  rect->width = gtk_widget_get_width (GTK_WIDGET (self)) - 2 * SIDE_MARGIN;
  rect->height = y2 + h2 - rect->y;
}

static void
treaties_article_view_snapshot_layer (GtkTextView      *view,
                                      GtkTextViewLayer  layer,
                                      GtkSnapshot      *snapshot)
{
  TreatiesArticleView *self = TREATIES_ARTICLE_VIEW (view);
  GdkRectangle visible;

  if (layer == GTK_TEXT_VIEW_LAYER_ABOVE_TEXT)
    {
      snapshot_event_marks (self, snapshot);
      return;
    }
  if (layer != GTK_TEXT_VIEW_LAYER_BELOW_TEXT || self->boxes->len == 0)
    return;

  gtk_text_view_get_visible_rect (view, &visible);

  for (guint i = 0; i < self->boxes->len; i++)
    {
      const Box *box = &g_array_index (self->boxes, Box, i);
      const GdkRGBA *fill = box->kind == TREATIES_BLOCK_CALLOUT ? &self->callout_color : &self->note_color;
      const GdkRGBA *bar = box->kind == TREATIES_BLOCK_CALLOUT ? &self->callout_bar_color : &self->note_bar_color;
      GdkRectangle extents;
      GskRoundedRect outline;
      graphene_rect_t rect;

      get_box_rect (self, box, &extents);
      if (extents.y + extents.height < visible.y || extents.y > visible.y + visible.height)
        continue;

      rect = GRAPHENE_RECT_INIT (extents.x, extents.y, extents.width, extents.height);
      gsk_rounded_rect_init_from_rect (&outline, &rect, BOX_RADIUS);
      gtk_snapshot_push_rounded_clip (snapshot, &outline);
      gtk_snapshot_append_color (snapshot, fill, &rect);
      gtk_snapshot_append_color (snapshot, bar,
                                 &GRAPHENE_RECT_INIT (rect.origin.x, rect.origin.y, BOX_BAR, rect.size.height));
      gtk_snapshot_pop (snapshot);
    }
}

static void
treaties_article_view_dispose (GObject *object)
{
  TreatiesArticleView *self = (TreatiesArticleView *) object;

  g_clear_handle_id (&self->flash_id, g_source_remove);
  g_clear_handle_id (&self->render_id, g_source_remove);
  g_clear_handle_id (&self->passage_rescroll_id, g_source_remove);
  g_clear_pointer (&self->reader_menu, gtk_widget_unparent);
  g_clear_pointer (&self->menu_href, g_free);
  stop_settling (self);
  if (self->vadjustment != NULL)
    g_signal_handlers_disconnect_by_data (self->vadjustment, self);
  g_clear_pointer (&self->marked_items, g_hash_table_unref);
  g_clear_pointer (&self->mark_ranges, g_array_unref);
  g_clear_object (&self->vadjustment);
  g_clear_object (&self->article);

  G_OBJECT_CLASS (treaties_article_view_parent_class)->dispose (object);
}

static void
treaties_article_view_finalize (GObject *object)
{
  TreatiesArticleView *self = (TreatiesArticleView *) object;

  g_clear_pointer (&self->sections, g_ptr_array_unref);
  g_clear_pointer (&self->boxes, g_array_unref);
  g_clear_pointer (&self->matches, g_array_unref);
  g_clear_pointer (&self->current_section, g_free);
  g_clear_pointer (&self->pinned_section, g_free);

  G_OBJECT_CLASS (treaties_article_view_parent_class)->finalize (object);
}

static void
treaties_article_view_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  TreatiesArticleView *self = TREATIES_ARTICLE_VIEW (object);

  switch (prop_id)
    {
    case PROP_ARTICLE:
      g_value_set_object (value, self->article);
      break;
    case PROP_CURRENT_SECTION:
      g_value_set_string (value, self->current_section);
      break;
    case PROP_ZOOM:
      g_value_set_double (value, self->zoom);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
treaties_article_view_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  TreatiesArticleView *self = TREATIES_ARTICLE_VIEW (object);

  switch (prop_id)
    {
    case PROP_ARTICLE:
      treaties_article_view_set_article (self, g_value_get_object (value));
      break;
    case PROP_ZOOM:
      treaties_article_view_set_zoom (self, g_value_get_double (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
treaties_article_view_class_init (TreatiesArticleViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkTextViewClass *text_view_class = GTK_TEXT_VIEW_CLASS (klass);

  object_class->dispose = treaties_article_view_dispose;
  text_view_class->snapshot_layer = treaties_article_view_snapshot_layer;
  object_class->finalize = treaties_article_view_finalize;
  object_class->get_property = treaties_article_view_get_property;
  object_class->set_property = treaties_article_view_set_property;
  widget_class->css_changed = treaties_article_view_css_changed;
  widget_class->size_allocate = treaties_article_view_size_allocate;
  widget_class->unmap = treaties_article_view_unmap;

  /* Over GtkTextView's editing menu. */
  gtk_widget_class_install_action (widget_class, "menu.popup", NULL, menu_popup_action_cb);
  gtk_widget_class_install_action (widget_class, "article.open-link", NULL, open_link_action_cb);
  gtk_widget_class_install_action (widget_class, "article.copy-link", NULL, copy_link_action_cb);

  properties[PROP_ARTICLE] =
    g_param_spec_object ("article", NULL, NULL, TREATIES_TYPE_ARTICLE,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_CURRENT_SECTION] =
    g_param_spec_string ("current-section", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_ZOOM] =
    g_param_spec_double ("zoom", NULL, NULL,
                         TREATIES_ARTICLE_VIEW_MIN_ZOOM, TREATIES_ARTICLE_VIEW_MAX_ZOOM, 1.0,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * TreatiesArticleView::event-mark-activated:
   * @event: the TreatiesEvent the words are marked for
   * @offset: the buffer offset of the words activated
   *
   * Words marked for an event were clicked, or Enter was pressed in them.
   */
  signals[EVENT_MARK_ACTIVATED] =
    g_signal_new ("event-mark-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, TREATIES_TYPE_EVENT, G_TYPE_INT);

  gtk_widget_class_set_css_name (widget_class, "textview");
}

static void
treaties_article_view_init (TreatiesArticleView *self)
{
  GtkTextView *view = GTK_TEXT_VIEW (self);
  GtkEventController *motion, *scroll, *keys;
  GtkGesture *click, *context;
  AdwStyleManager *manager = adw_style_manager_get_default ();

  self->zoom = 1.0;
  self->selected_match = -1;
  self->search_anchor = -1;
  self->sections = g_ptr_array_new_with_free_func (section_mark_free);
  self->boxes = g_array_new (FALSE, FALSE, sizeof (Box));
  self->marked_items = g_hash_table_new (NULL, NULL);
  self->mark_ranges = g_array_new (FALSE, FALSE, sizeof (MarkRange));
  self->passage_start = self->passage_end = -1;

  gtk_widget_add_css_class (GTK_WIDGET (self), "article-view");
  gtk_text_view_set_editable (view, FALSE);
  gtk_text_view_set_cursor_visible (view, FALSE);
  gtk_text_view_set_wrap_mode (view, GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_left_margin (view, SIDE_MARGIN);
  gtk_text_view_set_right_margin (view, SIDE_MARGIN);
  gtk_text_view_set_top_margin (view, TOP_MARGIN);
  gtk_text_view_set_bottom_margin (view, BOTTOM_MARGIN);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);

  create_tags (self);

  g_signal_connect (self, "notify::vadjustment", G_CALLBACK (vadjustment_notify_cb), NULL);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (query_tooltip_cb), NULL);
  g_signal_connect_object (manager, "notify::dark", G_CALLBACK (style_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (manager, "notify::high-contrast", G_CALLBACK (style_changed_cb), self, G_CONNECT_SWAPPED);

  motion = gtk_event_controller_motion_new ();
  g_signal_connect (motion, "motion", G_CALLBACK (motion_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);

  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (click), GTK_PHASE_CAPTURE);
  g_signal_connect (click, "released", G_CALLBACK (click_released_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));

  /* Before GtkTextView's own, which shows an editing menu. */
  context = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (context), 0);
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (context), GTK_PHASE_CAPTURE);
  gtk_event_controller_set_name (GTK_EVENT_CONTROLLER (context), "reader-menu");
  g_signal_connect (context, "pressed", G_CALLBACK (context_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (context));

  /* Seen on the way to the scrolled window, not taken from it. */
  scroll = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL);
  gtk_event_controller_set_propagation_phase (scroll, GTK_PHASE_CAPTURE);
  gtk_event_controller_set_name (scroll, "reader-scroll");
  g_signal_connect_swapped (scroll, "scroll", G_CALLBACK (reader_scrolled_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), scroll);
  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect_swapped (keys, "key-pressed", G_CALLBACK (key_scrolled_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);

  setup_event_marks (self);
}

GtkWidget *
treaties_article_view_new (void)
{
  return g_object_new (TREATIES_TYPE_ARTICLE_VIEW, NULL);
}

void
treaties_article_view_set_article (TreatiesArticleView *self,
                                   TreatiesArticle     *article)
{
  g_return_if_fail (TREATIES_IS_ARTICLE_VIEW (self));
  g_return_if_fail (article == NULL || TREATIES_IS_ARTICLE (article));

  if (!g_set_object (&self->article, article))
    return;

  g_clear_pointer (&self->pinned_section, g_free);
  /* The matches were in the old text. */
  reset_search (self, -1);
  render (self);
  if (self->vadjustment != NULL)
    gtk_adjustment_set_value (self->vadjustment, 0);
  set_current_section (self, self->sections->len > 0
                               ? ((SectionMark *) g_ptr_array_index (self->sections, 0))->id
                               : NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ARTICLE]);
}

TreatiesArticle *
treaties_article_view_get_article (TreatiesArticleView *self)
{
  g_return_val_if_fail (TREATIES_IS_ARTICLE_VIEW (self), NULL);
  return self->article;
}

const char *
treaties_article_view_get_current_section (TreatiesArticleView *self)
{
  g_return_val_if_fail (TREATIES_IS_ARTICLE_VIEW (self), NULL);
  return self->current_section;
}

gboolean
treaties_article_view_scroll_to_section (TreatiesArticleView *self,
                                         const char          *section_id)
{
  GtkTextBuffer *buffer;
  SectionMark *sm;
  GtkTextIter start, end;

  g_return_val_if_fail (TREATIES_IS_ARTICLE_VIEW (self), FALSE);

  /* Text appended after a jump can leave the view short of its target
   * (the text view's heights are estimates until it lays the lines out):
   * a jump while the text fills in completes it first. */
  if (self->article != NULL && treaties_article_lookup_section (self->article, section_id) != NULL)
    render_all (self);
  if ((sm = find_section (self, section_id)) == NULL)
    return FALSE;

  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self));
  treaties_article_view_clear_passage (self);

  g_free (self->pinned_section);
  self->pinned_section = g_strdup (sm->id);
  self->pinned_at = g_get_monotonic_time ();
  self->reader_scrolled = FALSE;
  set_current_section (self, sm->id);
  scroll_surely (self, sm->mark, 0.0);

  /* Flash the heading so the eye finds it. */
  g_clear_handle_id (&self->flash_id, g_source_remove);
  remove_flash (self);
  gtk_text_buffer_get_iter_at_mark (buffer, &start, sm->mark);
  end = start;
  gtk_text_iter_forward_to_line_end (&end);
  gtk_text_buffer_apply_tag_by_name (buffer, "flash", &start, &end);
  self->flash_id = g_timeout_add (FLASH_MS, flash_timeout_cb, self);
  return TRUE;
}

double
treaties_article_view_get_zoom (TreatiesArticleView *self)
{
  g_return_val_if_fail (TREATIES_IS_ARTICLE_VIEW (self), 1.0);
  return self->zoom;
}

void
treaties_article_view_set_zoom (TreatiesArticleView *self,
                                double               zoom)
{
  GtkTextMark *top;

  g_return_if_fail (TREATIES_IS_ARTICLE_VIEW (self));

  zoom = CLAMP (zoom, TREATIES_ARTICLE_VIEW_MIN_ZOOM, TREATIES_ARTICLE_VIEW_MAX_ZOOM);
  if (G_APPROX_VALUE (zoom, self->zoom, 0.001))
    return;
  /* The first paragraph in view stays first in view: without this GTK
   * keeps the pixel offset, and larger text above pushes the reader back. */
  top = first_block_in_view (self);
  self->zoom = zoom;
  update_scales (self);
  if (top != NULL && self->vadjustment != NULL && gtk_adjustment_get_value (self->vadjustment) > 0)
    scroll_surely (self, top, 0.0);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
}

gboolean
treaties_article_view_get_section_y (TreatiesArticleView *self,
                                     const char          *section_id,
                                     int                 *y)
{
  SectionMark *sm;

  g_return_val_if_fail (TREATIES_IS_ARTICLE_VIEW (self), FALSE);

  if ((sm = find_section (self, section_id)) == NULL)
    return FALSE;
  *y = mark_y (self, sm);
  return TRUE;
}

guint
treaties_article_view_search (TreatiesArticleView *self,
                              const char          *query)
{
  GtkTextBuffer *buffer;
  GtkTextTag *tag;
  GtkTextIter start, end;
  g_autofree char *text = NULL;
  int anchor = -1;

  g_return_val_if_fail (TREATIES_IS_ARTICLE_VIEW (self), 0);

  render_all (self);
  /* Typing on refines the search around the match in view, if any. */
  if (selected_match_in_view (self))
    anchor = g_array_index (self->matches, TreatiesTextMatch, self->selected_match).start;
  reset_search (self, anchor);

  if (query == NULL || *query == '\0')
    return 0;

  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self));
  tag = lookup_tag (self, "search-match");
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  /* A slice counts every character the buffer does, so offsets agree. */
  text = gtk_text_buffer_get_slice (buffer, &start, &end, TRUE);
  self->matches = treaties_text_match_find_all (text, query);

  for (guint i = 0; i < self->matches->len; i++)
    {
      get_match_iters (self, i, &start, &end);
      gtk_text_buffer_apply_tag (buffer, tag, &start, &end);
    }
  return self->matches->len;
}

guint
treaties_article_view_get_n_matches (TreatiesArticleView *self)
{
  g_return_val_if_fail (TREATIES_IS_ARTICLE_VIEW (self), 0);

  return self->matches != NULL ? self->matches->len : 0;
}

int
treaties_article_view_find_match_near_position (TreatiesArticleView *self)
{
  guint lo = 0, hi;
  int offset = self->search_anchor;

  g_return_val_if_fail (TREATIES_IS_ARTICLE_VIEW (self), -1);

  if (self->matches == NULL || self->matches->len == 0)
    return -1;

  if (offset < 0)
    {
      GdkRectangle visible;
      GtkTextIter iter;

      gtk_text_view_get_visible_rect (GTK_TEXT_VIEW (self), &visible);
      gtk_text_view_get_iter_at_location (GTK_TEXT_VIEW (self), &iter, visible.x, MAX (visible.y, 0));
      gtk_text_iter_set_line_offset (&iter, 0);
      offset = gtk_text_iter_get_offset (&iter);
    }

  /* The first match that starts at or after @offset, else the first. */
  hi = self->matches->len;
  TREATIES_LOWER_BOUND (lo, hi, mid, (int) g_array_index (self->matches, TreatiesTextMatch, mid).start < offset);
  return lo < self->matches->len ? (int) lo : 0;
}

void
treaties_article_view_select_match (TreatiesArticleView *self,
                                    guint                index)
{
  GtkTextBuffer *buffer;
  GtkTextIter start, end;
  SectionMark *sm;

  g_return_if_fail (TREATIES_IS_ARTICLE_VIEW (self));
  g_return_if_fail (self->matches != NULL && index < self->matches->len);

  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self));
  treaties_article_view_clear_passage (self);
  if (self->selected_match >= 0)
    {
      get_match_iters (self, self->selected_match, &start, &end);
      gtk_text_buffer_remove_tag_by_name (buffer, "search-current", &start, &end);
    }
  self->selected_match = index;
  get_match_iters (self, index, &start, &end);
  gtk_text_buffer_apply_tag_by_name (buffer, "search-current", &start, &end);

  if (self->match_mark == NULL)
    self->match_mark = gtk_text_buffer_create_mark (buffer, NULL, &start, TRUE);
  else
    gtk_text_buffer_move_mark (buffer, self->match_mark, &start);

  /* A jump like scroll_to_section(): the match's section becomes current
   * at once (so the sidebar and timeline follow) and stays so while its
   * heading is in view. */
  if ((sm = section_at_offset (self, gtk_text_iter_get_offset (&start))) != NULL)
    {
      g_free (self->pinned_section);
      self->pinned_section = g_strdup (sm->id);
      self->pinned_at = g_get_monotonic_time ();
      set_current_section (self, sm->id);
    }

  /* Scrolls as little as needed, but away from the very edges. */
  gtk_text_view_scroll_to_mark (GTK_TEXT_VIEW (self), self->match_mark, MATCH_MARGIN, FALSE, 0.0, 0.0);
}

int
treaties_article_view_get_selected_match (TreatiesArticleView *self)
{
  g_return_val_if_fail (TREATIES_IS_ARTICLE_VIEW (self), -1);

  return self->selected_match;
}

gboolean
treaties_article_view_get_match_bounds (TreatiesArticleView *self,
                                        guint                index,
                                        GtkTextIter         *start,
                                        GtkTextIter         *end)
{
  g_return_val_if_fail (TREATIES_IS_ARTICLE_VIEW (self), FALSE);
  g_return_val_if_fail (start != NULL && end != NULL, FALSE);

  if (self->matches == NULL || index >= self->matches->len)
    return FALSE;
  get_match_iters (self, index, start, end);
  return TRUE;
}

GStrv
treaties_article_view_dup_sections_with_matches (TreatiesArticleView *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  guint s = 0;
  SectionMark *last = NULL;

  g_return_val_if_fail (TREATIES_IS_ARTICLE_VIEW (self), NULL);

  /* Matches and sections are both in reading order: one pass over each. */
  for (guint i = 0; self->matches != NULL && i < self->matches->len; i++)
    {
      int offset = g_array_index (self->matches, TreatiesTextMatch, i).start;
      SectionMark *sm = last;

      while (s < self->sections->len &&
             section_offset (self, g_ptr_array_index (self->sections, s)) <= offset)
        sm = g_ptr_array_index (self->sections, s++);
      if (sm != NULL && sm != last)
        g_strv_builder_add (builder, sm->id);
      last = sm;
    }
  return g_strv_builder_end (builder);
}

void
treaties_article_view_clear_search (TreatiesArticleView *self)
{
  g_return_if_fail (TREATIES_IS_ARTICLE_VIEW (self));

  reset_search (self, -1);
}

gboolean
treaties_article_view_show_passage (TreatiesArticleView   *self,
                                    const TreatiesPassage *passage,
                                    gboolean               scroll)
{
  GtkTextBuffer *buffer;
  GtkTextIter start, end, sentence_start, sentence_end, item_start;
  const char *section_id;

  g_return_val_if_fail (TREATIES_IS_ARTICLE_VIEW (self), FALSE);
  g_return_val_if_fail (passage != NULL, FALSE);

  section_id = treaties_section_get_id (passage->section);
  if (!passage->marked)
    return scroll ? treaties_article_view_scroll_to_section (self, section_id) : FALSE;
  if (!passage_iters (self, passage, &start, &end))
    return FALSE;

  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self));
  treaties_article_view_clear_passage (self);

  /* The sentence round the words, never beyond their item (paragraph or
   * list item). */
  item_start = start;
  gtk_text_iter_set_line_offset (&item_start, 0);
  sentence_start = start;
  if (!gtk_text_iter_starts_sentence (&sentence_start))
    gtk_text_iter_backward_sentence_start (&sentence_start);
  if (gtk_text_iter_compare (&sentence_start, &item_start) < 0)
    sentence_start = item_start;
  sentence_end = end;
  if (!gtk_text_iter_ends_sentence (&sentence_end))
    gtk_text_iter_forward_sentence_end (&sentence_end);
  if (gtk_text_iter_get_line (&sentence_end) != gtk_text_iter_get_line (&end))
    {
      sentence_end = end;
      if (!gtk_text_iter_ends_line (&sentence_end))
        gtk_text_iter_forward_to_line_end (&sentence_end);
    }
  gtk_text_buffer_apply_tag_by_name (buffer, "event-sentence", &sentence_start, &sentence_end);
  gtk_text_buffer_apply_tag_by_name (buffer, "event-passage", &start, &end);
  self->passage_start = gtk_text_iter_get_offset (&start);
  self->passage_end = gtk_text_iter_get_offset (&end);
  self->passage_at = g_get_monotonic_time ();
  self->passage_height = scroll ? gtk_widget_get_height (GTK_WIDGET (self)) : -1;

  if (scroll)
    {
      if (self->passage_mark == NULL)
        self->passage_mark = gtk_text_buffer_create_mark (buffer, NULL, &start, TRUE);
      else
        gtk_text_buffer_move_mark (buffer, self->passage_mark, &start);
      /* A jump like scroll_to_section(): the passage's section is current
       * while its heading is in view, else the one at the top is. */
      g_free (self->pinned_section);
      self->pinned_section = g_strdup (section_id);
      self->pinned_at = g_get_monotonic_time ();
      set_current_section (self, section_id);
      scroll_surely (self, self->passage_mark, PASSAGE_YALIGN);
    }
  return TRUE;
}

void
treaties_article_view_clear_passage (TreatiesArticleView *self)
{
  GtkTextBuffer *buffer;
  GtkTextIter start, end;

  g_return_if_fail (TREATIES_IS_ARTICLE_VIEW (self));

  if (self->passage_start < 0)
    return;
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self));
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  gtk_text_buffer_remove_tag_by_name (buffer, "event-sentence", &start, &end);
  gtk_text_buffer_remove_tag_by_name (buffer, "event-passage", &start, &end);
  self->passage_start = self->passage_end = -1;
}

gboolean
treaties_article_view_get_highlighted_passage (TreatiesArticleView *self,
                                               GtkTextIter         *start,
                                               GtkTextIter         *end)
{
  GtkTextBuffer *buffer;

  g_return_val_if_fail (TREATIES_IS_ARTICLE_VIEW (self), FALSE);

  if (self->passage_start < 0)
    return FALSE;
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self));
  if (start != NULL)
    gtk_text_buffer_get_iter_at_offset (buffer, start, self->passage_start);
  if (end != NULL)
    gtk_text_buffer_get_iter_at_offset (buffer, end, self->passage_end);
  return TRUE;
}

gboolean
treaties_article_view_get_passage_bounds (TreatiesArticleView   *self,
                                          const TreatiesPassage *passage,
                                          GtkTextIter           *start,
                                          GtkTextIter           *end)
{
  g_return_val_if_fail (TREATIES_IS_ARTICLE_VIEW (self), FALSE);
  g_return_val_if_fail (start != NULL && end != NULL, FALSE);

  return passage_iters (self, passage, start, end);
}

int
treaties_article_view_find_passage (TreatiesArticleView *self,
                                    GPtrArray           *passages,
                                    int                  offset)
{
  GtkTextIter start, end;

  g_return_val_if_fail (TREATIES_IS_ARTICLE_VIEW (self), -1);

  for (guint i = 0; passages != NULL && i < passages->len; i++)
    if (passage_iters (self, g_ptr_array_index (passages, i), &start, &end) &&
        gtk_text_iter_get_offset (&start) <= offset && offset < gtk_text_iter_get_offset (&end))
      return i;
  return -1;
}

void
treaties_article_view_open_link (TreatiesArticleView *self,
                                 const char          *href)
{
  g_return_if_fail (TREATIES_IS_ARTICLE_VIEW (self));
  g_return_if_fail (href != NULL);

  open_link (self, href);
}

gboolean
treaties_article_view_activate_mark_at (TreatiesArticleView *self,
                                        double               x,
                                        double               y)
{
  TreatiesEvent *event;
  int offset;

  g_return_val_if_fail (TREATIES_IS_ARTICLE_VIEW (self), FALSE);

  if ((event = event_mark_at (self, x, y, &offset)) == NULL)
    return FALSE;
  g_signal_emit (self, signals[EVENT_MARK_ACTIVATED], 0, event, offset);
  return TRUE;
}

GArray *
treaties_article_view_get_block_extents (TreatiesArticleView *self)
{
  GtkTextBuffer *buffer;
  GArray *blocks;
  GtkTextIter iter;
  guint b = 0;

  g_return_val_if_fail (TREATIES_IS_ARTICLE_VIEW (self), NULL);

  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self));
  blocks = g_array_new (FALSE, TRUE, sizeof (TreatiesArticleViewBlock));
  gtk_text_buffer_get_start_iter (buffer, &iter);
  do
    {
      g_autoptr(GSList) tags = gtk_text_iter_get_tags (&iter);
      gboolean starts_block = FALSE;
      TreatiesArticleViewBlock *block;
      GtkTextIter line_end = iter;

      for (GSList *l = tags; l != NULL && !starts_block; l = l->next)
        {
          g_autofree char *name = NULL;

          g_object_get (l->data, "name", &name, NULL);
          starts_block = name != NULL && g_str_has_prefix (name, "block-gap-");
        }
      if (!gtk_text_iter_ends_line (&line_end))
        gtk_text_iter_forward_to_line_end (&line_end);
      if (starts_block || blocks->len == 0)
        {
          g_array_set_size (blocks, blocks->len + 1);
          g_array_index (blocks, TreatiesArticleViewBlock, blocks->len - 1).start = gtk_text_iter_get_offset (&iter);
        }
      block = &g_array_index (blocks, TreatiesArticleViewBlock, blocks->len - 1);
      block->end = gtk_text_iter_get_offset (&line_end);
    }
  while (gtk_text_iter_forward_line (&iter));

  /* Boxes and blocks are both in reading order. */
  for (guint i = 0; i < blocks->len && b < self->boxes->len; i++)
    {
      TreatiesArticleViewBlock *block = &g_array_index (blocks, TreatiesArticleViewBlock, i);
      const Box *box = &g_array_index (self->boxes, Box, b);

      gtk_text_buffer_get_iter_at_mark (buffer, &iter, box->start);
      if (gtk_text_iter_get_offset (&iter) != block->start)
        continue;
      block->boxed = TRUE;
      get_box_rect (self, box, &block->box);
      b++;
    }
  return blocks;
}

void
treaties_article_view_get_box_fill (TreatiesArticleView *self,
                                    TreatiesBlockKind    kind,
                                    GdkRGBA             *fill)
{
  g_return_if_fail (TREATIES_IS_ARTICLE_VIEW (self));
  g_return_if_fail (kind == TREATIES_BLOCK_CALLOUT || kind == TREATIES_BLOCK_EDITOR_NOTE);

  *fill = kind == TREATIES_BLOCK_CALLOUT ? self->callout_color : self->note_color;
}

TreatiesEvent *
treaties_article_view_get_event_at_iter (TreatiesArticleView *self,
                                         const GtkTextIter   *iter)
{
  g_return_val_if_fail (TREATIES_IS_ARTICLE_VIEW (self), NULL);
  g_return_val_if_fail (iter != NULL, NULL);

  return event_mark_at_iter (self, iter);
}

guint
treaties_article_view_get_current_block (TreatiesArticleView *self)
{
  g_return_val_if_fail (TREATIES_IS_ARTICLE_VIEW (self), 0);

  if (self->current_section == NULL)
    return 0;
  return block_at_top (self, find_section (self, self->current_section));
}

gboolean
treaties_article_view_scroll_to_place (TreatiesArticleView *self,
                                       const char          *section_id,
                                       guint                block)
{
  SectionMark *sm;

  g_return_val_if_fail (TREATIES_IS_ARTICLE_VIEW (self), FALSE);

  if (block == 0)
    return treaties_article_view_scroll_to_section (self, section_id);
  if (self->article != NULL && treaties_article_lookup_section (self->article, section_id) != NULL)
    render_all (self);
  if ((sm = find_section (self, section_id)) == NULL)
    return FALSE;
  if (sm->blocks == NULL || block >= sm->blocks->len)
    return treaties_article_view_scroll_to_section (self, section_id);

  treaties_article_view_clear_passage (self);
  g_free (self->pinned_section);
  self->pinned_section = g_strdup (sm->id);
  self->pinned_at = g_get_monotonic_time ();
  self->reader_scrolled = FALSE;
  set_current_section (self, sm->id);
  scroll_surely (self, g_ptr_array_index (sm->blocks, block), 0.0);
  return TRUE;
}

/* For tests: the context menu's model, as opened at (@x, @y) (widget
 * coordinates); NULL if it was never opened. */
GMenuModel *
treaties_article_view_get_context_menu (TreatiesArticleView *self)
{
  g_return_val_if_fail (TREATIES_IS_ARTICLE_VIEW (self), NULL);

  return self->reader_menu != NULL ? gtk_popover_menu_get_menu_model (GTK_POPOVER_MENU (self->reader_menu)) : NULL;
}

void
treaties_article_view_popup_context_menu (TreatiesArticleView *self,
                                          double               x,
                                          double               y)
{
  g_return_if_fail (TREATIES_IS_ARTICLE_VIEW (self));
  popup_reader_menu (self, x, y);
}

gboolean
treaties_article_view_is_settling (TreatiesArticleView *self)
{
  g_return_val_if_fail (TREATIES_IS_ARTICLE_VIEW (self), FALSE);
  return self->settle_id != 0;
}
