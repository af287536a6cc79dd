/* treaties-safe-text.c: text from an article made safe to print or show
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "treaties-safe-text.h"

gboolean
treaties_safe_text_is_control (gunichar c)
{
  return c < 0x20 || (c >= 0x7F && c <= 0x9F) ||
         c == 0x061C || c == 0x200E || c == 0x200F ||
         (c >= 0x2028 && c <= 0x202E) ||
         (c >= 0x2066 && c <= 0x2069);
}

gboolean
treaties_safe_text_is_noncharacter (gunichar c)
{
  return (c >= 0xFDD0 && c <= 0xFDEF) || ((c & 0xFFFE) == 0xFFFE && c <= 0x10FFFF);
}

char *
treaties_safe_text_escape (const char *text,
                           gboolean    keep_newlines)
{
  const char *p = text, *end;
  GString *out;

  g_return_val_if_fail (text != NULL, NULL);

  end = text + strlen (text);
  out = g_string_sized_new (end - text);
  while (p < end)
    {
      gunichar c = g_utf8_get_char_validated (p, end - p);

      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          g_string_append_printf (out, "\\x%02X", (guchar) *p);
          p++;
          continue;
        }
      if (!treaties_safe_text_is_control (c) || (c == '\n' && keep_newlines))
        g_string_append_len (out, p, g_utf8_next_char (p) - p);
      else if (c == '\n')
        g_string_append (out, "\\n");
      else if (c == '\r')
        g_string_append (out, "\\r");
      else if (c == '\t')
        g_string_append (out, "\\t");
      else
        g_string_append_printf (out, "\\u%04X", c);
      p = g_utf8_next_char (p);
    }
  return g_string_free (out, FALSE);
}

/* Whether the letters of @host come from more than one script; digits,
 * dots and hyphens (Common) and combining marks (Inherited) belong to
 * any. */
static gboolean
mixes_scripts (const char *host)
{
  GUnicodeScript seen = G_UNICODE_SCRIPT_COMMON;

  for (const char *p = host; *p != '\0'; p = g_utf8_next_char (p))
    {
      GUnicodeScript script = g_unichar_get_script (g_utf8_get_char (p));

      if (script == G_UNICODE_SCRIPT_COMMON || script == G_UNICODE_SCRIPT_INHERITED ||
          script == G_UNICODE_SCRIPT_UNKNOWN)
        continue;
      if (seen != G_UNICODE_SCRIPT_COMMON && script != seen)
        return TRUE;
      seen = script;
    }
  return FALSE;
}

char *
treaties_safe_text_link_for_display (const char *href)
{
  g_autoptr(GUri) uri = NULL;
  g_autofree char *host = NULL;
  g_autofree char *ascii = NULL;

  g_return_val_if_fail (href != NULL, NULL);

  /* NON_DNS: the host as written; GUri would otherwise convert it to ASCII
   * already. ENCODED: the rest exactly as written. */
  uri = g_uri_parse (href, G_URI_FLAGS_ENCODED | G_URI_FLAGS_NON_DNS, NULL);
  if (uri == NULL || g_uri_get_host (uri) == NULL ||
      (host = g_uri_unescape_string (g_uri_get_host (uri), NULL)) == NULL ||
      !g_utf8_validate (host, -1, NULL) || !g_hostname_is_non_ascii (host) || !mixes_scripts (host) ||
      (ascii = g_hostname_to_ascii (host)) == NULL)
    return g_strdup (href);

  return g_uri_join (G_URI_FLAGS_ENCODED | G_URI_FLAGS_NON_DNS, g_uri_get_scheme (uri), g_uri_get_userinfo (uri),
                     ascii, g_uri_get_port (uri), g_uri_get_path (uri),
                     g_uri_get_query (uri), g_uri_get_fragment (uri));
}

/* Whether a line may break at or next to @c: white space, hyphens, and
 * what breaks before or after it (ideographs, dashes, zero-width space). */
static gboolean
is_break_opportunity (gunichar c)
{
  switch (g_unichar_break_type (c))
    {
    case G_UNICODE_BREAK_SPACE:
    case G_UNICODE_BREAK_ZERO_WIDTH_SPACE:
    case G_UNICODE_BREAK_HYPHEN:
    case G_UNICODE_BREAK_AFTER:
    case G_UNICODE_BREAK_BEFORE:
    case G_UNICODE_BREAK_BEFORE_AND_AFTER:
    case G_UNICODE_BREAK_IDEOGRAPHIC:
    case G_UNICODE_BREAK_MANDATORY:
    case G_UNICODE_BREAK_LINE_FEED:
      return TRUE;
    default:
      return g_unichar_isspace (c);
    }
}

/* is_break_opportunity() for ASCII, looked up rather than asked of the
 * Unicode tables: most of an article's text. */
static gboolean
is_break_opportunity_fast (gunichar c)
{
  static gboolean ascii[128];
  static gsize ready = 0;

  if (c >= G_N_ELEMENTS (ascii))
    return is_break_opportunity (c);
  if (g_once_init_enter (&ready))
    {
      for (gunichar a = 0; a < G_N_ELEMENTS (ascii); a++)
        ascii[a] = is_break_opportunity (a);
      g_once_init_leave (&ready, 1);
    }
  return ascii[c];
}

/* See the header. */
char *
treaties_text_with_break_opportunities (const char *text,
                                        guint       max_unbroken)
{
  return treaties_text_with_break_opportunities_full (text, max_unbroken, G_MAXUINT, max_unbroken);
}

/* Appends the stretch [@start, @end) to @out, with a zero-width space
 * after every @every characters but the last. */
static void
append_broken_stretch (GString    *out,
                       const char *start,
                       const char *end,
                       guint       every)
{
  const char *piece = start;
  guint n = 0;

  for (const char *p = start; p < end; p = g_utf8_next_char (p))
    if (n++ == every)
      {
        g_string_append_len (out, piece, p - piece);
        g_string_append (out, "\u200B");
        piece = p;
        n = 1;
      }
  g_string_append_len (out, piece, end - piece);
}

/* See the header. */
char *
treaties_text_with_break_opportunities_full (const char *text,
                                             guint       max_unbroken,
                                             guint       fine_above,
                                             guint       fine_every)
{
  GString *out = NULL;
  const char *copied = text;   /* what comes before is in @out */
  const char *stretch = text;  /* the current stretch with no break opportunity */
  guint unbroken = 0;
  const char *p;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (max_unbroken > 0 && fine_every > 0, NULL);

  for (p = text; ; p = g_utf8_next_char (p))
    {
      if (*p != '\0' && !is_break_opportunity_fast (g_utf8_get_char (p)))
        {
          unbroken++;
          continue;
        }
      if (unbroken > max_unbroken)
        {
          if (out == NULL)
            out = g_string_new (NULL);
          g_string_append_len (out, copied, stretch - copied);
          append_broken_stretch (out, stretch, p, unbroken > fine_above ? fine_every : max_unbroken);
          copied = p;
        }
      if (*p == '\0')
        break;
      unbroken = 0;
      stretch = g_utf8_next_char (p);
    }
  if (out == NULL)
    return NULL;
  g_string_append (out, copied);
  return g_string_free (out, FALSE);
}
