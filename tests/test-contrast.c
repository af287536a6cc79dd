/* test-contrast.c: the timeline's text is legible in every style
 *
 * Computes the WCAG 2 contrast ratio of every text colour the timeline
 * draws against what it draws that text on, in light, dark, high contrast
 * and dark high contrast, and asks at least 4.5:1 (AA for normal text).
 *
 * It reads the colours the app really uses, without a display: the
 * timeline's from data/style.css (region "timeline", the rules
 * treaties-timeline.c reads as `timeline.CLASS`, with the `.dark` and
 * `.high-contrast` variants it adds), and libadwaita's named colours
 * (@window_fg_color, @accent_color, @blue_5, …) from the stylesheets
 * libadwaita itself loads for each style, out of its own GResource.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <string.h>

#include <adwaita.h>

#define AA_TEXT 4.5

typedef struct
{
  const char *name;
  gboolean    dark;
  gboolean    hc;
} Style;

static const Style styles[] = {
  { "light", FALSE, FALSE },
  { "dark", TRUE, FALSE },
  { "high contrast", FALSE, TRUE },
  { "dark high contrast", TRUE, TRUE },
};

/* One `timeline[.CLASS][.dark][.high-contrast] { color: EXPR; }` rule. */
typedef struct
{
  char     *klass;  /* NULL for the bare `timeline` rule */
  gboolean  dark;
  gboolean  hc;
  char     *expr;
} Rule;

static void
rule_free (gpointer data)
{
  Rule *rule = data;

  g_free (rule->klass);
  g_free (rule->expr);
  g_free (rule);
}

typedef struct
{
  GHashTable *named;  /* libadwaita's @define-color: name → expression */
  GPtrArray  *rules;  /* of Rule, in file order */
  char       *slot_background;  /* `.timeline-slot { background-color }` */
  const Style *style;
} Palette;

/* --- a small CSS colour evaluator --- */

static gboolean eval_color (Palette *p, const char **s, GdkRGBA *out, GError **error);

static void
skip_space (const char **s)
{
  while (g_ascii_isspace (**s))
    (*s)++;
}

static char *
read_word (const char **s)
{
  const char *start = *s;

  while (g_ascii_isalnum (**s) || **s == '_' || **s == '-')
    (*s)++;
  return g_strndup (start, *s - start);
}

static gboolean
expect (const char **s,
        char         c,
        GError     **error)
{
  skip_space (s);
  if (**s != c)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "expected ‘%c’ at “%.20s”", c, *s);
      return FALSE;
    }
  (*s)++;
  return TRUE;
}

static gboolean
eval_number (const char **s,
             double      *out,
             GError     **error)
{
  char *end;

  skip_space (s);
  *out = g_ascii_strtod (*s, &end);
  if (end == *s)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "expected a number at “%.20s”", *s);
      return FALSE;
    }
  *s = end;
  return TRUE;
}

static gboolean
eval_named (Palette     *p,
            const char  *name,
            GdkRGBA     *out,
            GError     **error)
{
  const char *expr = g_hash_table_lookup (p->named, name);

  if (expr == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "no colour @%s in libadwaita’s %s style", name, p->style->name);
      return FALSE;
    }
  return eval_color (p, &expr, out, error);
}

static gboolean
eval_color (Palette     *p,
            const char **s,
            GdkRGBA     *out,
            GError     **error)
{
  g_autofree char *word = NULL;

  skip_space (s);
  if (**s == '@')
    {
      (*s)++;
      word = read_word (s);
      return eval_named (p, word, out, error);
    }
  if (**s == '#')
    {
      const char *start = (*s)++;
      g_autofree char *hex = NULL;

      while (g_ascii_isxdigit (**s))
        (*s)++;
      hex = g_strndup (start, *s - start);
      return gdk_rgba_parse (out, hex) ||
             (g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "bad colour %s", hex), FALSE);
    }

  word = read_word (s);
  skip_space (s);
  if (**s != '(')
    {
      if (g_str_equal (word, "transparent"))
        {
          *out = (GdkRGBA) { 0, 0, 0, 0 };
          return TRUE;
        }
      if (!gdk_rgba_parse (out, word))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "unknown colour “%s”", word);
          return FALSE;
        }
      return TRUE;
    }
  (*s)++;

  if (g_str_equal (word, "alpha") || g_str_equal (word, "shade"))
    {
      double factor;

      if (!eval_color (p, s, out, error) || !expect (s, ',', error) ||
          !eval_number (s, &factor, error) || !expect (s, ')', error))
        return FALSE;
      if (g_str_equal (word, "alpha"))
        out->alpha = CLAMP (out->alpha * factor, 0, 1);
      else
        {
          /* GTK shades in HLS; the timeline does not use it, so the
           * simpler RGB scale is enough to keep the evaluator honest. */
          out->red = CLAMP (out->red * factor, 0, 1);
          out->green = CLAMP (out->green * factor, 0, 1);
          out->blue = CLAMP (out->blue * factor, 0, 1);
        }
      return TRUE;
    }
  if (g_str_equal (word, "mix"))
    {
      GdkRGBA a, b;
      double t;

      if (!eval_color (p, s, &a, error) || !expect (s, ',', error) ||
          !eval_color (p, s, &b, error) || !expect (s, ',', error) ||
          !eval_number (s, &t, error) || !expect (s, ')', error))
        return FALSE;
      out->red = a.red + (b.red - a.red) * t;
      out->green = a.green + (b.green - a.green) * t;
      out->blue = a.blue + (b.blue - a.blue) * t;
      out->alpha = a.alpha + (b.alpha - a.alpha) * t;
      return TRUE;
    }
  if (g_str_equal (word, "rgb") || g_str_equal (word, "rgba"))
    {
      double v[4] = { 0, 0, 0, 1 };
      guint n = g_str_equal (word, "rgb") ? 3 : 4;

      for (guint i = 0; i < n; i++)
        if (!eval_number (s, &v[i], error) || !expect (s, i + 1 < n ? ',' : ')', error))
          return FALSE;
      *out = (GdkRGBA) { v[0] / 255, v[1] / 255, v[2] / 255, v[3] };
      return TRUE;
    }
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "unknown function %s()", word);
  return FALSE;
}

/* --- reading the stylesheets --- */

static void
add_defines (GHashTable *named,
             const char *resource)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = g_resources_lookup_data (resource, G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  g_auto(GStrv) lines = NULL;

  g_assert_no_error (error);
  lines = g_strsplit (g_bytes_get_data (bytes, NULL), "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = g_strstrip (lines[i]);
      const char *rest;
      g_autofree char *name = NULL;
      char *expr;

      if (!g_str_has_prefix (line, "@define-color "))
        continue;
      rest = line + strlen ("@define-color ");
      name = read_word (&rest);
      expr = g_strstrip (g_strdup (rest));
      if (g_str_has_suffix (expr, ";"))
        expr[strlen (expr) - 1] = '\0';
      g_hash_table_replace (named, g_steal_pointer (&name), expr);
    }
}

/* The `color:` (or @property) of a `{ … }` body, or NULL. */
static char *
property_value (const char *body,
                const char *property)
{
  g_autofree char *key = g_strconcat (property, ":", NULL);
  const char *at = body;

  while ((at = strstr (at, key)) != NULL)
    {
      /* A whole property name, not the end of background-color. */
      if (at == body || g_ascii_isspace (at[-1]) || at[-1] == ';' || at[-1] == '{')
        {
          const char *start = at + strlen (key);
          const char *end = strchr (start, ';');
          g_autofree char *value = end != NULL ? g_strndup (start, end - start) : g_strdup (start);

          return g_strdup (g_strstrip (value));
        }
      at += strlen (key);
    }
  return NULL;
}

static void
read_app_style (Palette *p)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "style.css", NULL);
  g_autofree char *css = NULL;
  g_autoptr(GError) error = NULL;
  GRegex *comment;
  g_autofree char *clean = NULL;
  const char *at;

  g_file_get_contents (path, &css, NULL, &error);
  g_assert_no_error (error);
  comment = g_regex_new ("/\\*.*?\\*/", G_REGEX_DOTALL, 0, NULL);
  clean = g_regex_replace_literal (comment, css, -1, 0, "", 0, NULL);
  g_regex_unref (comment);

  p->rules = g_ptr_array_new_with_free_func (rule_free);
  for (at = clean; *at != '\0';)
    {
      const char *open = strchr (at, '{');
      const char *close = open ? strchr (open, '}') : NULL;
      g_autofree char *selectors = NULL;
      g_autofree char *body = NULL;
      g_auto(GStrv) list = NULL;

      if (close == NULL)
        break;
      selectors = g_strndup (at, open - at);
      body = g_strndup (open + 1, close - open - 1);
      at = close + 1;

      list = g_strsplit (selectors, ",", -1);
      for (guint i = 0; list[i] != NULL; i++)
        {
          const char *selector = g_strstrip (list[i]);
          g_auto(GStrv) parts = NULL;
          Rule *rule;
          char *value;

          if (g_str_equal (selector, ".timeline-slot"))
            {
              g_free (p->slot_background);
              p->slot_background = property_value (body, "background-color");
            }
          if (!g_str_equal (selector, "timeline") && !g_str_has_prefix (selector, "timeline."))
            continue;
          if ((value = property_value (body, "color")) == NULL)
            continue;
          rule = g_new0 (Rule, 1);
          rule->expr = value;
          parts = g_strsplit (selector, ".", -1);
          for (guint j = 1; parts[j] != NULL; j++)
            {
              if (g_str_equal (parts[j], "dark"))
                rule->dark = TRUE;
              else if (g_str_equal (parts[j], "high-contrast"))
                rule->hc = TRUE;
              else
                {
                  g_assert_null (rule->klass);
                  rule->klass = g_strdup (parts[j]);
                }
            }
          g_ptr_array_add (p->rules, rule);
        }
    }
  g_assert_nonnull (p->slot_background);
}

static void
palette_init (Palette     *p,
              const Style *style)
{
  p->style = style;
  p->named = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  /* What AdwStyleManager (libadwaita 1.2) loads for each style. */
  add_defines (p->named, style->hc ? "/org/gnome/Adwaita/styles/base-hc.css" : "/org/gnome/Adwaita/styles/base.css");
  add_defines (p->named, style->dark ? "/org/gnome/Adwaita/styles/defaults-dark.css" : "/org/gnome/Adwaita/styles/defaults-light.css");
  read_app_style (p);
}

static void
palette_clear (Palette *p)
{
  g_clear_pointer (&p->named, g_hash_table_unref);
  g_clear_pointer (&p->rules, g_ptr_array_unref);
  g_clear_pointer (&p->slot_background, g_free);
}

/* The colour of `timeline.KLASS` in this style: the most specific rule
 * that applies (more classes), the later of equals, as in CSS. */
static GdkRGBA
timeline_color (Palette    *p,
                const char *klass)
{
  const Rule *best = NULL;
  int best_specificity = -1;
  g_autoptr(GError) error = NULL;
  GdkRGBA color;
  const char *expr;

  for (guint i = 0; i < p->rules->len; i++)
    {
      const Rule *rule = g_ptr_array_index (p->rules, i);
      int specificity;

      if (g_strcmp0 (rule->klass, klass) != 0 ||
          (rule->dark && !p->style->dark) || (rule->hc && !p->style->hc))
        continue;
      specificity = (rule->klass != NULL) + rule->dark + rule->hc;
      if (specificity >= best_specificity)
        {
          best = rule;
          best_specificity = specificity;
        }
    }
  if (best == NULL && klass != NULL)
    /* No rule of its own: the node inherits the timeline's colour. */
    return timeline_color (p, NULL);
  g_assert_nonnull (best);
  expr = best->expr;
  if (!eval_color (p, &expr, &color, &error))
    g_error ("timeline.%s in %s: %s", klass ? klass : "", p->style->name, error->message);
  return color;
}

/* --- WCAG 2 --- */

static GdkRGBA
over (GdkRGBA top,
      GdkRGBA below)
{
  /* @below is opaque: the stack starts on an opaque background. */
  return (GdkRGBA) {
    top.red * top.alpha + below.red * (1 - top.alpha),
    top.green * top.alpha + below.green * (1 - top.alpha),
    top.blue * top.alpha + below.blue * (1 - top.alpha),
    1,
  };
}

static double
channel (double c)
{
  return c <= 0.04045 ? c / 12.92 : pow ((c + 0.055) / 1.055, 2.4);
}

static double
luminance (GdkRGBA c)
{
  return 0.2126 * channel (c.red) + 0.7152 * channel (c.green) + 0.0722 * channel (c.blue);
}

static double
contrast (GdkRGBA a,
          GdkRGBA b)
{
  double la = luminance (a), lb = luminance (b);

  return (MAX (la, lb) + 0.05) / (MIN (la, lb) + 0.05);
}

/* Text and what the timeline paints under it, as treaties-timeline.c draws
 * them: up to three layers over the slot's background, bottom first
 * (NULL: no layer). "" is the timeline's own colour. */
typedef struct
{
  const char *what;
  const char *text;
  const char *layers[3];
} Pair;

static const Pair pairs[] = {
  /* snapshot_ticks(): year and month labels, over the eras' bands. */
  { "a year", "", { "era", "era-tint", NULL } },
  { "a month", "tick-label", { "era", "era-tint", NULL } },
  { "an era's title", "era-title", { "era", "era-tint", NULL } },
  /* snapshot_eras(): each era's title on its band, in one of four tints. */
  { "an era's title on tint 0", "era-title", { "era", "era-0", NULL } },
  { "an era's title on tint 1", "era-title", { "era", "era-1", NULL } },
  { "an era's title on tint 2", "era-title", { "era", "era-2", NULL } },
  { "an era's title on tint 3", "era-title", { "era", "era-3", NULL } },
  /* snapshot_labels(): each label on an opaque label background. */
  { "an event's label", "", { "label-background", NULL } },
  { "a hovered label", "", { "label-background", "hover", NULL } },
  { "a current section's label", "highlighted-title", { "label-background", "highlighted-label", NULL } },
  { "a hovered current section's label", "highlighted-title", { "label-background", "highlighted-hover", NULL } },
  /* Found by a search, current section's or not: plain text. */
  { "a label found by a search", "", { "label-background", "search-match-label", NULL } },
  { "a hovered label found by a search", "", { "label-background", "search-match-label", "hover" } },
  { "the chosen event's label", "activated-title", { "label-background", "activated", NULL } },
  { "a badge's count", "badge-text", { "badge", NULL, NULL } },
  { "a hovered badge's count", "badge-text", { "marker-hover", NULL, NULL } },
};

static void
test_timeline (gconstpointer data)
{
  const Style *style = data;
  Palette p = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) failures = g_string_new (NULL);
  GdkRGBA slot;
  const char *expr;

  palette_init (&p, style);
  expr = p.slot_background;
  if (!eval_color (&p, &expr, &slot, &error))
    g_error (".timeline-slot in %s: %s", style->name, error->message);
  slot = over (slot, (GdkRGBA) { 1, 1, 1, 1 });

  for (guint i = 0; i < G_N_ELEMENTS (pairs); i++)
    {
      const Pair *pair = &pairs[i];
      GdkRGBA background = slot, text;
      double ratio;

      for (guint l = 0; l < G_N_ELEMENTS (pair->layers) && pair->layers[l] != NULL; l++)
        background = over (timeline_color (&p, pair->layers[l]), background);
      text = over (timeline_color (&p, *pair->text ? pair->text : NULL), background);
      ratio = contrast (text, background);
      g_test_message ("%s, %s: %.2f:1", style->name, pair->what, ratio);
      if (ratio < AA_TEXT)
        g_string_append_printf (failures, "\n  %s (timeline.%s): %.2f:1", pair->what,
                                *pair->text ? pair->text : "", ratio);
    }
  palette_clear (&p);
  if (failures->len > 0)
    {
      g_test_message ("in %s, under %.1f:1:%s", style->name, AA_TEXT, failures->str);
      g_test_fail ();
    }
}

/* The evaluator itself, on colours whose ratios are known. */
static void
test_wcag (void)
{
  GdkRGBA black = { 0, 0, 0, 1 }, white = { 1, 1, 1, 1 }, grey;

  g_assert_cmpfloat_with_epsilon (contrast (black, white), 21.0, 0.01);
  g_assert_true (gdk_rgba_parse (&grey, "#767676"));
  g_assert_cmpfloat_with_epsilon (contrast (grey, white), 4.54, 0.01);
  /* libadwaita 1.2's light accent colour on its window background. */
  g_assert_true (gdk_rgba_parse (&grey, "#1c71d8"));
  g_assert_cmpfloat_with_epsilon (contrast (grey, (GdkRGBA) { 0xfa / 255., 0xfa / 255., 0xfa / 255., 1 }), 4.57, 0.01);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  /* Keeps libadwaita, and with it the GResource of its stylesheets, linked
   * in; nothing is initialised and no display is opened. */
  g_assert_cmpuint (adw_get_major_version (), ==, 1);

  g_test_add_func ("/contrast/wcag", test_wcag);
  for (guint i = 0; i < G_N_ELEMENTS (styles); i++)
    {
      g_autofree char *path = g_strdup_printf ("/contrast/timeline/%s", styles[i].name);

      g_strdelimit (path, " ", '-');
      g_test_add_data_func (path, &styles[i], test_timeline);
    }
  return g_test_run ();
}
