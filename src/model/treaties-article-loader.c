/* treaties-article-loader.c: JSON → TreatiesArticle, with every problem reported
 *
 * Loading runs in three passes:
 *  1. a strict JSON syntax check that reports the first syntax error with its
 *     line and column, and enforces the limits json-glib cannot (encoding,
 *     NUL, nesting depth, string length), so hostile input never reaches it;
 *  2. json-glib's parser, on input known to be valid JSON;
 *  3. a walk over the tree that builds the model and collects structural and
 *     cross-reference problems with their JSON path.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <gio/gunixinputstream.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "treaties-article-private.h"
#include "treaties-limits.h"
#include "treaties-safe-text.h"

typedef struct
{
  TreatiesArticleError  code;
  char                 *text;
} Problem;

typedef struct
{
  const char *name;        /* file name used in messages */
  GArray     *problems;    /* of Problem, at most TREATIES_MAX_PROBLEMS */
  guint       n_problems;  /* all of them, including those not kept */
  GHashTable *section_ids; /* id (in the JSON tree) → path where first seen */
  GHashTable *event_ids;
  GHashTable *era_ids;
  GStringChunk *paths;     /* the paths of the id tables and of the marks */
  GPtrArray  *scratch;     /* an event's section ids, reused */
  GArray     *marks;       /* of Mark: checked once the events are known */
} Loader;

/* A run marking the words that tell of an event. */
typedef struct
{
  const char *event_id;    /* borrowed from the tree */
  const char *path;        /* of the run's "event" member, in loader->paths */
} Mark;

static void
problem_clear (gpointer data)
{
  g_free (((Problem *) data)->text);
}

static void G_GNUC_PRINTF (4, 5)
add_problem (Loader               *loader,
             TreatiesArticleError  code,
             const char           *path,
             const char           *format,
             ...)
{
  g_autofree char *what = NULL;
  g_autofree char *text = NULL;
  va_list args;
  Problem p;

  loader->n_problems++;
  if (loader->problems->len >= TREATIES_MAX_PROBLEMS)
    return;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);

  p.code = code;
  if (path != NULL && *path != '\0')
    text = g_strdup_printf ("%s: %s: %s", loader->name, path, what);
  else
    text = g_strdup_printf ("%s: %s", loader->name, what);
  /* Quoted text, keys and file names may hold control characters. */
  p.text = treaties_safe_text_escape (text, FALSE);
  g_array_append_val (loader->problems, p);
}

static void G_GNUC_PRINTF (5, 6)
add_problem_at (Loader               *loader,
                TreatiesArticleError  code,
                guint                 line,
                guint                 column,
                const char           *format,
                ...)
{
  g_autofree char *what = NULL;
  g_autofree char *text = NULL;
  va_list args;
  Problem p;

  loader->n_problems++;
  if (loader->problems->len >= TREATIES_MAX_PROBLEMS)
    return;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);

  p.code = code;
  text = g_strdup_printf ("%s:%u:%u: %s", loader->name, line, column, what);
  p.text = treaties_safe_text_escape (text, FALSE);
  g_array_append_val (loader->problems, p);
}

static gboolean
loader_propagate (Loader  *loader,
                  GError **error)
{
  GString *message;

  if (loader->problems->len == 0)
    return TRUE;

  message = g_string_new (NULL);
  for (guint i = 0; i < loader->problems->len; i++)
    {
      if (i > 0)
        g_string_append_c (message, '\n');
      g_string_append (message, g_array_index (loader->problems, Problem, i).text);
    }
  if (loader->n_problems > loader->problems->len)
    {
      g_autofree char *name = treaties_safe_text_escape (loader->name, FALSE);

      g_string_append_printf (message, "\n%s: … and %u more problems", name,
                              loader->n_problems - loader->problems->len);
    }

  g_set_error_literal (error, TREATIES_ARTICLE_ERROR,
                       g_array_index (loader->problems, Problem, 0).code,
                       message->str);
  g_string_free (message, TRUE);
  return FALSE;
}

/* Pass 1 ------------------------------------------------------------------ */

/* A strict check of the JSON syntax (RFC 8259), with the limits json-glib
 * cannot enforce. json-glib 1.6 accepts more than JSON (single quotes,
 * comments, hex numbers, text after the end: a scan that only knows
 * double-quoted strings loses track of them there and lets deep nesting
 * through), turns a lone \uDC00 into invalid UTF-8, and reports a syntax
 * error at the token before the faulty one; so only input that passes here
 * reaches it. */
typedef struct
{
  Loader     *loader;
  const char *data;
  const char *end;
  const char *p;      /* the next byte to read */
  guint       depth;
  const char *mark;   /* the last position located, at line:column */
  guint       line;
  guint       column;
} Scanner;

/* Line and column (both 1-based, column in characters) of @at. Problems are
 * found in document order, so counting goes on from the last one. */
static void
scan_locate (Scanner    *s,
             const char *at,
             guint      *line,
             guint      *column)
{
  if (at < s->mark)
    {
      s->mark = s->data;
      s->line = s->column = 1;
    }
  /* Count characters, not bytes; the bytes before @at are valid UTF-8. */
  for (; s->mark < at; s->mark++)
    if (*s->mark == '\n')
      {
        s->line++;
        s->column = 1;
      }
    else if (((guchar) *s->mark & 0xC0) != 0x80)
      s->column++;
  *line = s->line;
  *column = s->column;
}

static gboolean G_GNUC_PRINTF (4, 5)
scan_error (Scanner              *s,
            const char           *at,
            TreatiesArticleError  code,
            const char           *format,
            ...)
{
  g_autofree char *what = NULL;
  va_list args;
  guint line, column;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);

  scan_locate (s, at, &line, &column);
  add_problem_at (s->loader, code, line, column, "%s", what);
  return FALSE;
}

static gboolean
is_word_char (char c)
{
  return g_ascii_isalnum (c) || c == '_' || c == '-' || c == '+' || c == '.';
}

/* Bytes in the word (a literal or a number, or a mistake for one) at @p. */
static gsize
word_length (Scanner    *s,
             const char *p)
{
  const char *q = p;

  while (q < s->end && is_word_char (*q))
    q++;
  return q - p;
}

/* What is at @p, for "unexpected …" messages. */
static char *
describe (Scanner    *s,
          const char *p)
{
  gsize n;

  if (p >= s->end)
    return g_strdup ("end of file");
  if (*p == '"')
    return g_strdup ("string");
  if ((n = word_length (s, p)) > 20)
    return g_strdup_printf ("`%.20s…'", p);
  if (n > 0)
    return g_strdup_printf ("`%.*s'", (int) n, p);
  if ((guchar) *p < 0x20 || *p == 0x7F)
    return g_strdup_printf ("control character U+%04X", (guchar) *p);
  return g_strdup_printf ("character `%.*s'", (int) (g_utf8_next_char (p) - p), p);
}

static gboolean
scan_unexpected (Scanner    *s,
                 const char *expected)
{
  g_autofree char *what = describe (s, s->p);

  return scan_error (s, s->p, TREATIES_ARTICLE_ERROR_SYNTAX, "unexpected %s, expected %s", what, expected);
}

static void
skip_space (Scanner *s)
{
  while (s->p < s->end && (*s->p == ' ' || *s->p == '\t' || *s->p == '\n' || *s->p == '\r'))
    s->p++;
}

static gboolean
scan_hex4 (Scanner    *s,
           const char *p,
           gunichar   *value)
{
  *value = 0;
  if (s->end - p < 4)
    return FALSE;
  for (guint i = 0; i < 4; i++)
    {
      if (!g_ascii_isxdigit (p[i]))
        return FALSE;
      *value = *value * 16 + g_ascii_xdigit_value (p[i]);
    }
  return TRUE;
}

/* The escape at @p, a backslash; sets s->p past it. */
static gboolean
scan_escape (Scanner    *s,
             const char *p)
{
  gunichar u, low;

  /* At the end of the file or before a line break: the string is
   * unterminated, which the caller reports. */
  if (p + 1 >= s->end || (guchar) p[1] < 0x20)
    {
      s->p = p + 1;
      return TRUE;
    }
  if (strchr ("\"\\/bfnrt", p[1]) != NULL)
    {
      s->p = p + 2;
      return TRUE;
    }
  if (p[1] != 'u')
    return scan_error (s, p, TREATIES_ARTICLE_ERROR_SYNTAX,
                       "invalid escape `\\%.*s' (write a backslash as \\\\)",
                       (int) (g_utf8_next_char (p + 1) - (p + 1)), p + 1);
  if (!scan_hex4 (s, p + 2, &u))
    return scan_error (s, p, TREATIES_ARTICLE_ERROR_SYNTAX, "invalid escape: \\u must be followed by four hex digits");
  if (u == 0)
    return scan_error (s, p, TREATIES_ARTICLE_ERROR_ENCODING, "\\u0000 (NUL) is not allowed in text");
  if (u >= 0xDC00 && u <= 0xDFFF)
    return scan_error (s, p, TREATIES_ARTICLE_ERROR_ENCODING,
                       "\\u%.4s is the second half of a surrogate pair, without the first", p + 2);
  if (u >= 0xD800 && u <= 0xDBFF)
    {
      if (!(s->end - p >= 12 && p[6] == '\\' && p[7] == 'u' && scan_hex4 (s, p + 8, &low) &&
            low >= 0xDC00 && low <= 0xDFFF))
        return scan_error (s, p, TREATIES_ARTICLE_ERROR_ENCODING,
                           "\\u%.4s is the first half of a surrogate pair, without the second", p + 2);
      u = 0x10000 + ((u - 0xD800) << 10) + (low - 0xDC00);
      if (treaties_safe_text_is_noncharacter (u))
        return scan_error (s, p, TREATIES_ARTICLE_ERROR_ENCODING,
                           "\\u%.4s\\u%.4s is U+%04X, a Unicode noncharacter, not text (remove it)",
                           p + 2, p + 8, u);
      s->p = p + 12;
      return TRUE;
    }
  if (treaties_safe_text_is_noncharacter (u))
    return scan_error (s, p, TREATIES_ARTICLE_ERROR_ENCODING,
                       "\\u%.4s is a Unicode noncharacter, not text (remove it)", p + 2);
  s->p = p + 6;
  return TRUE;
}

/* Whether any byte of a 64-bit word is below @n (at most 0x80), or is @b:
 * the classic bit tricks, exact as a yes or no. */
#define BYTES_OF(n) (G_GUINT64_CONSTANT (0x0101010101010101) * (guint8) (n))
#define HAS_BYTE_BELOW(w, n) ((((w) - BYTES_OF (n)) & ~(w) & BYTES_OF (0x80)) != 0)
#define HAS_BYTE(w, b) HAS_BYTE_BELOW ((w) ^ BYTES_OF (b), 1)

static gboolean
scan_string (Scanner *s)
{
  const char *start = s->p++;

  for (;;)
    {
      const char *p = s->p;
      guchar c;

      /* Plain text, most of any string: eight bytes at a time while none
       * is a control character, a quote or a backslash, then byte by byte. */
      while (s->end - p >= 8)
        {
          guint64 word;

          memcpy (&word, p, 8);
          if (HAS_BYTE_BELOW (word, 0x20) || HAS_BYTE (word, '"') || HAS_BYTE (word, '\\'))
            break;
          p += 8;
        }
      while (p < s->end && (guchar) *p >= 0x20 && *p != '"' && *p != '\\')
        p++;
      s->p = p;
      if (p >= s->end || *p == '"')
        break;

      c = *p;
      if (c == '\n' || c == '\r')
        return scan_error (s, start, TREATIES_ARTICLE_ERROR_SYNTAX,
                           "unterminated string: no closing `\"' on its line (write a line break as \\n)");
      if (c == '\t')
        return scan_error (s, s->p, TREATIES_ARTICLE_ERROR_SYNTAX,
                           "tab character in a string (write it as \\t)");
      if (c < 0x20)
        return scan_error (s, s->p, TREATIES_ARTICLE_ERROR_SYNTAX,
                           "control character U+%04X in a string (write it as \\u%04X)", c, c);
      if (!scan_escape (s, s->p))
        return FALSE;
    }
  if (s->p >= s->end)
    return scan_error (s, start, TREATIES_ARTICLE_ERROR_SYNTAX,
                       "unterminated string: the file ends before its closing `\"'");
  if ((gsize) (s->p - start) > TREATIES_MAX_STRING_LENGTH)
    return scan_error (s, start, TREATIES_ARTICLE_ERROR_LIMIT,
                       "string of %" G_GSIZE_FORMAT " bytes is longer than the limit of %d bytes",
                       (gsize) (s->p - start), TREATIES_MAX_STRING_LENGTH);
  s->p++;
  return TRUE;
}

static gboolean
scan_number (Scanner *s)
{
  const char *start = s->p, *q = s->p, *end = s->end;
  gsize n = word_length (s, start);

  if (q < end && *q == '-')
    q++;
  if (q < end && *q == '0')
    q++;
  else if (q < end && g_ascii_isdigit (*q))
    while (q < end && g_ascii_isdigit (*q))
      q++;
  else
    goto invalid;
  if (q < end && *q == '.')
    {
      if (++q >= end || !g_ascii_isdigit (*q))
        goto invalid;
      while (q < end && g_ascii_isdigit (*q))
        q++;
    }
  if (q < end && (*q == 'e' || *q == 'E'))
    {
      if (++q < end && (*q == '+' || *q == '-'))
        q++;
      if (q >= end || !g_ascii_isdigit (*q))
        goto invalid;
      while (q < end && g_ascii_isdigit (*q))
        q++;
    }
  /* Leading zeros, hex, a second point: more word than number. */
  if (q != start + n)
    goto invalid;
  s->p = q;
  return TRUE;

invalid:
  return scan_error (s, start, TREATIES_ARTICLE_ERROR_SYNTAX, "invalid number `%.*s%s'",
                     (int) MIN (n, 20), start, n > 20 ? "…" : "");
}

static gboolean scan_value (Scanner *s);

/* The keys of one object, to find duplicates without an allocation per key:
 * the first KEYS_INLINE as spans of the input (objects in an article have
 * fewer than ten), all of them in a hash table once there are more. Keys
 * are compared as written, escapes and all; pass 1 has already refused NUL. */
#define KEYS_INLINE 16

typedef struct
{
  const char *name[KEYS_INLINE];    /* just past the opening quote */
  gsize       length[KEYS_INLINE];
  guint       n;
  GHashTable *more;
} KeySet;

static void
key_set_clear (KeySet *keys)
{
  g_clear_pointer (&keys->more, g_hash_table_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (KeySet, key_set_clear)

/* Adds the key; FALSE if it was there already. */
static gboolean
key_set_add (KeySet     *keys,
             const char *name,
             gsize       length)
{
  if (keys->more == NULL)
    {
      for (guint i = 0; i < keys->n; i++)
        if (keys->length[i] == length && memcmp (keys->name[i], name, length) == 0)
          return FALSE;
      if (keys->n < KEYS_INLINE)
        {
          keys->name[keys->n] = name;
          keys->length[keys->n] = length;
          keys->n++;
          return TRUE;
        }
      keys->more = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      for (guint i = 0; i < keys->n; i++)
        g_hash_table_add (keys->more, g_strndup (keys->name[i], keys->length[i]));
    }
  return g_hash_table_add (keys->more, g_strndup (name, length));
}

/* Reports a key already seen in the object being scanned. */
static void
check_duplicate_key (Scanner    *s,
                     KeySet     *keys,
                     const char *key,
                     const char *key_end)
{
  g_autofree char *name = NULL;

  if (key_set_add (keys, key + 1, key_end - key - 2))
    return;
  name = g_strndup (key + 1, key_end - key - 2);
  if (g_utf8_strlen (name, -1) > 40)
    scan_error (s, key, TREATIES_ARTICLE_ERROR_STRUCTURE, "duplicate key");
  else
    scan_error (s, key, TREATIES_ARTICLE_ERROR_STRUCTURE, "duplicate key \"%s\"", name);
}

/* An object or an array, at s->p. */
static gboolean
scan_container (Scanner *s)
{
  gboolean is_object = *s->p == '{';
  char close = is_object ? '}' : ']';
  g_auto(KeySet) keys = { { NULL } };
  const char *comma = NULL;

  if (++s->depth > TREATIES_MAX_DEPTH)
    return scan_error (s, s->p, TREATIES_ARTICLE_ERROR_LIMIT,
                       "nested more than %d levels deep", TREATIES_MAX_DEPTH);
  s->p++;
  skip_space (s);
  if (s->p < s->end && *s->p == close)
    {
      s->p++;
      s->depth--;
      return TRUE;
    }

  for (;;)
    {
      if (comma != NULL && s->p < s->end && *s->p == close)
        return scan_error (s, comma, TREATIES_ARTICLE_ERROR_SYNTAX, "trailing comma before `%c'", close);
      if (is_object)
        {
          const char *key = s->p;

          if (s->p >= s->end || *s->p != '"')
            return scan_unexpected (s, "a key in double quotes");
          if (!scan_string (s))
            return FALSE;
          check_duplicate_key (s, &keys, key, s->p);
          skip_space (s);
          if (s->p >= s->end || *s->p != ':')
            return scan_unexpected (s, "`:'");
          s->p++;
          skip_space (s);
        }
      if (!scan_value (s))
        return FALSE;
      skip_space (s);
      if (s->p < s->end && *s->p == ',')
        {
          comma = s->p++;
          skip_space (s);
          continue;
        }
      if (s->p < s->end && *s->p == close)
        {
          s->p++;
          s->depth--;
          return TRUE;
        }
      return scan_unexpected (s, is_object ? "`,' or `}'" : "`,' or `]'");
    }
}

static gboolean
scan_value (Scanner *s)
{
  gsize n;

  if (s->p >= s->end)
    return scan_unexpected (s, "value");
  if (*s->p == '{' || *s->p == '[')
    return scan_container (s);
  if (*s->p == '"')
    return scan_string (s);
  if (*s->p == '-' || g_ascii_isdigit (*s->p))
    return scan_number (s);

  n = word_length (s, s->p);
  if ((n == 4 && strncmp (s->p, "true", 4) == 0) ||
      (n == 5 && strncmp (s->p, "false", 5) == 0) ||
      (n == 4 && strncmp (s->p, "null", 4) == 0))
    {
      s->p += n;
      return TRUE;
    }
  return scan_unexpected (s, *s->p == '\'' ? "value (strings take double quotes)" : "value");
}

/* g_utf8_validate_len(), with a fast path for ASCII, most of an article:
 * blocks of plain ASCII without NUL are skipped eight bytes at a time, the
 * others validated by GLib. A block ends before an ASCII byte, which is
 * never inside a multi-byte sequence, so the first invalid byte is the same
 * as GLib would find in one go. */
/* The first noncharacter in valid UTF-8 [@p, @end), or NULL. Only the
 * sequences that start U+F000 and above need a look. */
static const char *
find_noncharacter (const char *p,
                   const char *end)
{
  for (; p < end; p++)
    if ((guchar) *p >= 0xEF && treaties_safe_text_is_noncharacter (g_utf8_get_char (p)))
      return p;
  return NULL;
}

static gboolean
validate_utf8 (const char  *data,
               gsize        length,
               const char **invalid)
{
  const char *p = data, *end = data + length;

  while (p < end)
    {
      const char *block;
      guint64 word;

      while (end - p >= 8)
        {
          memcpy (&word, p, 8);
          if ((word & BYTES_OF (0x80)) != 0 || HAS_BYTE (word, 0))
            break;
          p += 8;
        }
      if (end - p < 8)
        {
          if (!g_utf8_validate_len (p, end - p, invalid))
            return FALSE;
          return (*invalid = find_noncharacter (p, end)) == NULL;
        }

      /* A block with non-ASCII or NUL: up to the next ASCII byte past it. */
      block = p;
      p += 8;
      while (p < end && (guchar) *p >= 0x80)
        p++;
      if (!g_utf8_validate_len (block, p - block, invalid) ||
          (*invalid = find_noncharacter (block, p)) != NULL)
        return FALSE;
    }
  return TRUE;
}

static gboolean
scan_json (Loader     *loader,
           const char *data,
           gsize       length)
{
  Scanner s = { loader, data, data + length, data, 0, data, 1, 1 };
  const char *invalid = NULL;
  guint line, column;

  if (!validate_utf8 (data, length, &invalid))
    {
      scan_locate (&s, invalid, &line, &column);
      if (*invalid == '\0')
        add_problem_at (loader, TREATIES_ARTICLE_ERROR_ENCODING, line, column,
                        "NUL byte: an article is text and may not contain NUL bytes");
      else if ((guchar) *invalid >= 0xEF &&
               treaties_safe_text_is_noncharacter (g_utf8_get_char_validated (invalid, data + length - invalid)))
        add_problem_at (loader, TREATIES_ARTICLE_ERROR_ENCODING, line, column,
                        "U+%04X is a Unicode noncharacter, not text (remove it)",
                        g_utf8_get_char (invalid));
      else
        add_problem_at (loader, TREATIES_ARTICLE_ERROR_ENCODING, line, column,
                        "invalid UTF-8 (byte 0x%02X): an article must be saved as UTF-8",
                        (guchar) *invalid);
      return FALSE;
    }

  skip_space (&s);
  if (!scan_value (&s))
    return FALSE;
  skip_space (&s);
  if (s.p < s.end)
    {
      g_autofree char *what = describe (&s, s.p);
      return scan_error (&s, s.p, TREATIES_ARTICLE_ERROR_SYNTAX,
                         "unexpected %s after the end of the article", what);
    }
  /* Duplicate keys are reported without stopping the scan. */
  return loader->n_problems == 0;
}

/* Pass 2 ------------------------------------------------------------------ */

/* Not expected after pass 1, but json-glib has the last word.
 * json-glib says "<data>:LINE:COL: Parse error: what"; keep LINE:COL and
 * what, and name the file instead. */
static void
add_syntax_problem (Loader       *loader,
                    const GError *error)
{
  const char *msg = error->message;
  const char *colon = strchr (msg, ':');
  guint line = 0, column = 0;
  int consumed = 0;

  if (colon != NULL &&
      sscanf (colon + 1, "%u:%u:%n", &line, &column, &consumed) == 2 &&
      consumed > 0)
    {
      const char *what = colon + 1 + consumed;

      while (*what == ' ')
        what++;
      if (g_str_has_prefix (what, "Parse error: "))
        what += strlen ("Parse error: ");
      add_problem_at (loader, TREATIES_ARTICLE_ERROR_SYNTAX, line, column, "%s", what);
    }
  else
    add_problem (loader, TREATIES_ARTICLE_ERROR_SYNTAX, NULL, "%s", msg);
}

/* Pass 3 ------------------------------------------------------------------ */

static gboolean
is_blank (const char *text,
          gsize       length)
{
  for (gsize i = 0; i < length; i++)
    if (!g_ascii_isspace (text[i]))
      return FALSE;
  return TRUE;
}

static const char *
node_type_name (JsonNode *node)
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return "null";
  if (JSON_NODE_HOLDS_OBJECT (node))
    return "an object";
  if (JSON_NODE_HOLDS_ARRAY (node))
    return "an array";
  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:  return "a string";
    case G_TYPE_BOOLEAN: return "a boolean";
    default:             return "a number";
    }
}

/* A path with a key the user wrote (unknown keys), only for messages. */
static char *
path_key (const char *path,
          const char *key)
{
  return *path ? g_strconcat (path, ".", key, NULL) : g_strdup (key);
}

/* The walk makes a path for every node it enters, so they are made on the
 * stack: only the loader's own keys and indices go into them, so the
 * longest ("sections[4294967295].subsections[4294967295].blocks[…].items[…][…].style[…]")
 * fits; anything longer is cut rather than overrun. */
#define PATH_SIZE 192

static void
path_append (char       *out,
             gsize      *len,
             const char *text)
{
  gsize n = strlen (text);

  n = MIN (n, PATH_SIZE - 1 - *len);
  memcpy (out + *len, text, n);
  *len += n;
  out[*len] = '\0';
}

static const char *
path_field (char        out[PATH_SIZE],
            const char *path,
            const char *key)
{
  gsize len = 0;

  out[0] = '\0';
  path_append (out, &len, path);
  if (len > 0)
    path_append (out, &len, ".");
  path_append (out, &len, key);
  return out;
}

static const char *
path_index (char        out[PATH_SIZE],
            const char *path,
            guint       index)
{
  char suffix[16];  /* "[4294967295]" and the NUL fit */
  char *p = suffix + sizeof suffix;
  gsize len = 0;

  *--p = '\0';
  *--p = ']';
  do
    *--p = '0' + index % 10;
  while ((index /= 10) > 0);
  *--p = '[';
  out[0] = '\0';
  path_append (out, &len, path);
  path_append (out, &len, p);
  return out;
}

/* A problem with @key of the object at @path; the path is only made when
 * there is a problem to report. */
static void G_GNUC_PRINTF (5, 6)
add_member_problem (Loader               *loader,
                    TreatiesArticleError  code,
                    const char           *path,
                    const char           *key,
                    const char           *format,
                    ...)
{
  g_autofree char *where = path_key (path, key);
  g_autofree char *what = NULL;
  va_list args;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);
  add_problem (loader, code, where, "%s", what);
}

/* Reports keys of @object not in the NULL-terminated @allowed. */
static void
check_keys (Loader      *loader,
            JsonObject  *object,
            const char  *path,
            const char **allowed)
{
  JsonObjectIter iter;
  const char *key;

  json_object_iter_init_ordered (&iter, object);
  while (json_object_iter_next_ordered (&iter, &key, NULL))
    {
      const char **a;

      for (a = allowed; *a != NULL; a++)
        if (**a == *key && strcmp (*a, key) == 0)
          break;
      if (*a == NULL)
      {
        g_autofree char *where = path_key (path, key);
        add_problem (loader, TREATIES_ARTICLE_ERROR_STRUCTURE, where, "unknown key");
      }
    }
}

/* The members of one object, read in one pass over its hash table: a lookup
 * per key cost the walk as much again. Keys are unique (pass 1 refuses
 * duplicates); unknown ones are reported later, in the object's order, by
 * check_keys(). */
#define MAX_MEMBERS 10

typedef struct
{
  const char **keys;                /* NULL-terminated, at most MAX_MEMBERS */
  JsonNode    *nodes[MAX_MEMBERS];  /* by the index of their key, or NULL */
  gboolean     unknown;             /* some key is not in @keys */
} Members;

static void
read_members (JsonObject  *object,
              const char **keys,
              Members     *m)
{
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;

  m->keys = keys;
  memset (m->nodes, 0, sizeof m->nodes);
  m->unknown = FALSE;

  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &name, &node))
    {
      guint k;

      for (k = 0; keys[k] != NULL; k++)
        if (keys[k][0] == name[0] && strcmp (keys[k], name) == 0)
          break;
      if (keys[k] != NULL)
        m->nodes[k] = node;
      else
        m->unknown = TRUE;
    }
}

static JsonObject *
expect_object (Loader     *loader,
               JsonNode   *node,
               const char *path)
{
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      add_problem (loader, TREATIES_ARTICLE_ERROR_STRUCTURE, path,
                   "expected an object, found %s", node_type_name (node));
      return NULL;
    }
  return json_node_get_object (node);
}

static JsonArray *
expect_array (Loader     *loader,
              JsonNode   *node,
              const char *path)
{
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      add_problem (loader, TREATIES_ARTICLE_ERROR_STRUCTURE, path,
                   "expected an array, found %s", node_type_name (node));
      return NULL;
    }
  return json_node_get_array (node);
}

static gboolean
is_string (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
         json_node_get_value_type (node) == G_TYPE_STRING;
}

/* String member @k. Missing and not required: NULL, silently. */
static const char *
get_string (Loader        *loader,
            const Members *m,
            guint          k,
            const char    *path,
            gboolean       required)
{
  JsonNode *node = m->nodes[k];
  const char *key = m->keys[k];
  const char *value;

  if (node == NULL)
    {
      if (required)
        add_member_problem (loader, TREATIES_ARTICLE_ERROR_STRUCTURE, path, key,
                            "missing (expected a string)");
      return NULL;
    }
  if (!is_string (node))
    {
      add_member_problem (loader, TREATIES_ARTICLE_ERROR_STRUCTURE, path, key,
                          "expected a string, found %s", node_type_name (node));
      return NULL;
    }
  value = json_node_get_string (node);
  if (required && is_blank (value, strlen (value)))
    {
      add_member_problem (loader, TREATIES_ARTICLE_ERROR_STRUCTURE, path, key, "must not be empty");
      return NULL;
    }
  return value;
}

static gboolean
is_valid_id (const char *id)
{
  gsize len = strlen (id);

  if (len == 0 || len > 64)
    return FALSE;
  for (const char *p = id; *p; p++)
    if (!(g_ascii_islower (*p) || g_ascii_isdigit (*p) || *p == '-'))
      return FALSE;
  return TRUE;
}

/* Id member @k, unique within @seen. */
static const char *
get_id (Loader        *loader,
        const Members *m,
        guint          k,
        const char    *path,
        GHashTable    *seen,
        const char    *what)
{
  const char *id = get_string (loader, m, k, path, TRUE);
  const char *first;

  if (id == NULL)
    return NULL;
  if (!is_valid_id (id))
    {
      add_member_problem (loader, TREATIES_ARTICLE_ERROR_STRUCTURE, path, "id",
                          "\"%s\" is not a valid id (1 to 64 of a-z, 0-9 and -)", id);
      return NULL;
    }
  if (seen != NULL)
    {
      if ((first = g_hash_table_lookup (seen, id)) != NULL)
        {
          add_member_problem (loader, TREATIES_ARTICLE_ERROR_REFERENCE, path, "id",
                              "duplicate %s id \"%s\" (first used at %s)", what, id, first);
          return NULL;
        }
      /* The tree outlives the table: the id need not be copied. */
      g_hash_table_insert (seen, (char *) id, g_string_chunk_insert (loader->paths, path));
    }
  return id;
}

/* YYYY-MM-DD in shape, whether or not it is a day of the calendar. */
static gboolean
looks_like_date (const char *text)
{
  if (strlen (text) != 10)
    return FALSE;
  for (guint i = 0; i < 10; i++)
    if ((i == 4 || i == 7) ? text[i] != '-' : !g_ascii_isdigit (text[i]))
      return FALSE;
  return TRUE;
}

static TreatiesDay
get_date (Loader        *loader,
          const Members *m,
          guint          k,
          const char    *path,
          gboolean       required)
{
  JsonNode *node = m->nodes[k];
  const char *key = m->keys[k];
  TreatiesDay day;

  if (node == NULL)
    {
      if (required)
        add_member_problem (loader, TREATIES_ARTICLE_ERROR_STRUCTURE, path, key,
                            "missing (expected a date, YYYY-MM-DD)");
      return TREATIES_DAY_INVALID;
    }
  if (!is_string (node) || !treaties_day_parse (json_node_get_string (node), &day))
    {
      if (is_string (node) && looks_like_date (json_node_get_string (node)))
        add_member_problem (loader, TREATIES_ARTICLE_ERROR_STRUCTURE, path, key,
                            "\"%s\" is not a day of the calendar", json_node_get_string (node));
      else if (is_string (node))
        add_member_problem (loader, TREATIES_ARTICLE_ERROR_STRUCTURE, path, key,
                            "\"%s\" is not a date (expected YYYY-MM-DD)", json_node_get_string (node));
      else
        add_member_problem (loader, TREATIES_ARTICLE_ERROR_STRUCTURE, path, key,
                            "expected a date (YYYY-MM-DD), found %s", node_type_name (node));
      return TREATIES_DAY_INVALID;
    }
  return day;
}

/* The common link, known good without g_uri_parse(), which cost a fifth of
 * the walk of an article of many events: http:// or https://, a host of
 * letters, digits, dots and hyphens (no user, no port), then printable
 * ASCII whose %-escapes decode to UTF-8 without NUL, as g_uri_parse() wants
 * of a path, query and fragment. Every such link is one g_uri_parse()
 * accepts, with that host; anything else takes the full check. */
static gboolean
is_plain_web_link (const char *href)
{
  char decoded[512];
  const char *p, *host;
  gsize n = 0;

  if (g_ascii_strncasecmp (href, "https://", 8) == 0)
    p = href + 8;
  else if (g_ascii_strncasecmp (href, "http://", 7) == 0)
    p = href + 7;
  else
    return FALSE;

  for (host = p; g_ascii_isalnum (*p) || *p == '.' || *p == '-'; p++)
    ;
  if (p == host || (*p != '\0' && *p != '/' && *p != '?' && *p != '#'))
    return FALSE;
  for (; *p != '\0'; p++)
    {
      guchar c;

      if (n == sizeof decoded || !g_ascii_isgraph (*p) || *p == '\\')
        return FALSE;
      if (*p != '%')
        c = *p;
      else if (g_ascii_isxdigit (p[1]) && g_ascii_isxdigit (p[2]))
        {
          c = g_ascii_xdigit_value (p[1]) * 16 + g_ascii_xdigit_value (p[2]);
          p += 2;
        }
      else
        return FALSE;
      /* An escaped control character, or escaped UTF-8 that could be a
       * bidirectional control: the full check decides. */
      if (c < 0x20 || c >= 0x7F)
        return FALSE;
      decoded[n++] = c;
    }
  return TRUE;
}

/* What makes @href deceive or misbehave however it parses: a control
 * character, a bidirectional control (an RLO can show "…/exe.jpg" for
 * "…gpj.exe"), white space, or a backslash (a PDF string's escape, and a
 * "/" to browsers), written out or %-escaped. NULL when there is none. */
static char *
describe_unsafe_href (const char *href)
{
  g_autofree char *unescaped = g_uri_unescape_string (href, NULL);
  const char *forms[] = { href, unescaped };

  for (guint i = 0; i < G_N_ELEMENTS (forms); i++)
    {
      if (forms[i] == NULL || !g_utf8_validate (forms[i], -1, NULL))
        continue;
      for (const char *p = forms[i]; *p != '\0'; p = g_utf8_next_char (p))
        {
          gunichar c = g_utf8_get_char (p);

          if (c == '\\' && i == 0)
            return g_strdup ("has a backslash (write it as %5C)");
          if (c == 0x200E || c == 0x200F || c == 0x061C || (c >= 0x202A && c <= 0x202E) ||
              (c >= 0x2066 && c <= 0x2069))
            return g_strdup_printf ("has the bidirectional control U+%04X, which can make it read as another link", c);
          if (treaties_safe_text_is_control (c))
            return g_strdup_printf ("has the control character U+%04X", c);
          if (g_unichar_isspace (c) && i == 0)
            return g_strdup_printf ("has a space (U+%04X; write it as %%20)", c);
        }
    }
  return NULL;
}

/* A mailto: link that asks the mail program to attach a file. */
static gboolean
mailto_attaches (GUri *uri)
{
  g_autoptr(GHashTable) params = NULL;
  const char *query = g_uri_get_query (uri);

  if (query == NULL)
    return FALSE;
  params = g_uri_parse_params (query, -1, "&", G_URI_PARAMS_CASE_INSENSITIVE, NULL);
  return params == NULL || g_hash_table_contains (params, "attach") ||
         g_hash_table_contains (params, "attachment");
}

static void
check_href (Loader     *loader,
            const char *href,
            const char *path,
            const char *key)
{
  g_autoptr(GUri) uri = NULL;
  g_autofree char *unsafe = NULL;
  const char *scheme;

  if (is_plain_web_link (href))
    return;
  if ((unsafe = describe_unsafe_href (href)) != NULL)
    {
      add_member_problem (loader, TREATIES_ARTICLE_ERROR_REFERENCE, path, key, "link \"%s\" %s", href, unsafe);
      return;
    }
  if (g_uri_peek_scheme (href) == NULL)
    {
      add_member_problem (loader, TREATIES_ARTICLE_ERROR_REFERENCE, path, key,
                          "\"%s\" is not a full link (expected http://, https:// or mailto:)", href);
      return;
    }
  uri = g_uri_parse (href, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL)
    {
      add_member_problem (loader, TREATIES_ARTICLE_ERROR_REFERENCE, path, key, "\"%s\" is not a valid link", href);
      return;
    }
  scheme = g_uri_get_scheme (uri);
  if (g_ascii_strcasecmp (scheme, "http") != 0 &&
      g_ascii_strcasecmp (scheme, "https") != 0 &&
      g_ascii_strcasecmp (scheme, "mailto") != 0)
    {
      add_member_problem (loader, TREATIES_ARTICLE_ERROR_REFERENCE, path, key,
                          "links must be http, https or mailto, not \"%s:\"", scheme);
      return;
    }
  if (g_ascii_strcasecmp (scheme, "mailto") == 0)
    {
      if (*g_uri_get_path (uri) == '\0')
        add_member_problem (loader, TREATIES_ARTICLE_ERROR_REFERENCE, path, key, "link \"%s\" has no address", href);
      else if (mailto_attaches (uri))
        add_member_problem (loader, TREATIES_ARTICLE_ERROR_REFERENCE, path, key,
                            "link \"%s\" asks to attach a file to the mail", href);
    }
  else if (g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    add_member_problem (loader, TREATIES_ARTICLE_ERROR_REFERENCE, path, key, "link \"%s\" has no host", href);
  else if (g_uri_get_userinfo (uri) != NULL)
    add_member_problem (loader, TREATIES_ARTICLE_ERROR_REFERENCE, path, key,
                        "link \"%s\" has a user name before its host (…@), which can make it read as a link "
                        "to another site", href);
}

static gboolean
parse_style_name (const char       *name,
                  TreatiesRunStyle *style)
{
  if (g_str_equal (name, "emphasis"))
    *style |= TREATIES_RUN_EMPHASIS;
  else if (g_str_equal (name, "strong"))
    *style |= TREATIES_RUN_STRONG;
  else if (g_str_equal (name, "title"))
    *style |= TREATIES_RUN_TITLE;
  else
    return FALSE;
  return TRUE;
}

static TreatiesRun *
parse_run (Loader     *loader,
           JsonNode   *node,
           const char *path)
{
  static const char *keys[] = { "text", "style", "href", "event", NULL };
  G_STATIC_ASSERT (G_N_ELEMENTS (keys) - 1 <= MAX_MEMBERS);
  enum { TEXT, STYLE, HREF, EVENT };
  TreatiesRunStyle style = TREATIES_RUN_PLAIN;
  JsonObject *object;
  JsonNode *style_node;
  Members m;
  const char *text, *href, *event;
  guint n_before = loader->n_problems;

  if (is_string (node))
    return treaties_run_new (json_node_get_string (node), TREATIES_RUN_PLAIN, NULL);

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      add_problem (loader, TREATIES_ARTICLE_ERROR_STRUCTURE, path,
                   "expected a string or a run object, found %s", node_type_name (node));
      return NULL;
    }
  object = json_node_get_object (node);
  read_members (object, keys, &m);
  if (m.unknown)
    check_keys (loader, object, path, keys);
  text = get_string (loader, &m, TEXT, path, FALSE);
  if (text == NULL && m.nodes[TEXT] == NULL)
    {
      char where_buf[PATH_SIZE];
      const char *where = path_field (where_buf, path, "text");
      add_problem (loader, TREATIES_ARTICLE_ERROR_STRUCTURE, where, "missing (expected a string)");
    }

  style_node = m.nodes[STYLE];
  if (style_node != NULL)
    {
      char where_buf[PATH_SIZE];
      const char *where = path_field (where_buf, path, "style");

      if (is_string (style_node))
        {
          if (!parse_style_name (json_node_get_string (style_node), &style))
            add_problem (loader, TREATIES_ARTICLE_ERROR_STRUCTURE, where,
                         "unknown style \"%s\" (expected emphasis, strong or title)",
                         json_node_get_string (style_node));
        }
      else if (JSON_NODE_HOLDS_ARRAY (style_node))
        {
          JsonArray *styles = json_node_get_array (style_node);

          for (guint i = 0; i < json_array_get_length (styles); i++)
            {
              JsonNode *s = json_array_get_element (styles, i);
              char where_i_buf[PATH_SIZE];
              const char *where_i = path_index (where_i_buf, where, i);

              if (!is_string (s))
                add_problem (loader, TREATIES_ARTICLE_ERROR_STRUCTURE, where_i,
                             "expected a string, found %s", node_type_name (s));
              else if (!parse_style_name (json_node_get_string (s), &style))
                add_problem (loader, TREATIES_ARTICLE_ERROR_STRUCTURE, where_i,
                             "unknown style \"%s\" (expected emphasis, strong or title)",
                             json_node_get_string (s));
            }
        }
      else
        add_problem (loader, TREATIES_ARTICLE_ERROR_STRUCTURE, where,
                     "expected a string or an array of strings, found %s",
                     node_type_name (style_node));
    }

  href = get_string (loader, &m, HREF, path, FALSE);
  if (href != NULL)
    check_href (loader, href, path, "href");

  /* Whether the event exists is known only after the timeline is read. */
  event = get_string (loader, &m, EVENT, path, FALSE);
  if (event != NULL && href != NULL)
    add_problem (loader, TREATIES_ARTICLE_ERROR_STRUCTURE, path,
                 "a run is a link (\"href\") or an event's mark (\"event\"), not both: "
                 "give the event the link instead");
  else if (event != NULL && text != NULL && is_blank (text, strlen (text)))
    add_problem (loader, TREATIES_ARTICLE_ERROR_STRUCTURE, path,
                 "an event's mark needs words to mark (its \"text\" is empty)");
  else if (event != NULL)
    {
      char where_buf[PATH_SIZE];
      Mark mark = { event, g_string_chunk_insert (loader->paths, path_field (where_buf, path, "event")) };

      g_array_append_val (loader->marks, mark);
    }

  if (loader->n_problems != n_before || text == NULL)
    return NULL;
  return treaties_run_new_full (text, style, href, event);
}

/* Inline text: a string, or an array of strings and runs. */
static GPtrArray *
parse_inline (Loader     *loader,
              JsonNode   *node,
              const char *path)
{
  g_autoptr(GPtrArray) runs = g_ptr_array_new_with_free_func ((GDestroyNotify) treaties_run_free);
  guint n_before = loader->n_problems;

  if (node == NULL)
    {
      add_problem (loader, TREATIES_ARTICLE_ERROR_STRUCTURE, path,
                   "missing (expected text: a string or an array of runs)");
      return NULL;
    }
  if (is_string (node))
    {
      g_ptr_array_add (runs, treaties_run_new (json_node_get_string (node), TREATIES_RUN_PLAIN, NULL));
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          char where_buf[PATH_SIZE];
          const char *where = path_index (where_buf, path, i);
          TreatiesRun *run = parse_run (loader, json_array_get_element (array, i), where);

          if (run != NULL)
            g_ptr_array_add (runs, run);
        }
    }
  else
    {
      add_problem (loader, TREATIES_ARTICLE_ERROR_STRUCTURE, path,
                   "expected text (a string or an array of runs), found %s", node_type_name (node));
      return NULL;
    }

  if (loader->n_problems != n_before)
    return NULL;
  if (runs->len == 0)
    {
      add_problem (loader, TREATIES_ARTICLE_ERROR_STRUCTURE, path, "must not be empty");
      return NULL;
    }
  return g_steal_pointer (&runs);
}

static TreatiesBlock *
parse_block (Loader     *loader,
             JsonNode   *node,
             const char *path)
{
  static const char *keys[] = { "type", "text", "label", "items", NULL };
  static const char *text_keys[] = { "type", "text", "label", NULL };
  static const char *items_keys[] = { "type", "items", NULL };
  G_STATIC_ASSERT (G_N_ELEMENTS (keys) - 1 <= MAX_MEMBERS);
  enum { TYPE, TEXT, LABEL, ITEMS };
  static const struct { const char *name; TreatiesBlockKind kind; gboolean has_items; } kinds[] = {
    { "paragraph", TREATIES_BLOCK_PARAGRAPH, FALSE },
    { "list", TREATIES_BLOCK_LIST, TRUE },
    { "callout", TREATIES_BLOCK_CALLOUT, FALSE },
    { "reading-list", TREATIES_BLOCK_READING_LIST, TRUE },
    { "editor-note", TREATIES_BLOCK_EDITOR_NOTE, FALSE },
  };
  g_autoptr(TreatiesBlock) block = NULL;
  JsonObject *object;
  const char *type, *label = NULL;
  guint n_before = loader->n_problems;
  guint k;
  Members m;

  if (!(object = expect_object (loader, node, path)))
    return NULL;
  read_members (object, keys, &m);
  if (!(type = get_string (loader, &m, TYPE, path, TRUE)))
    return NULL;

  for (k = 0; k < G_N_ELEMENTS (kinds); k++)
    if (g_str_equal (type, kinds[k].name))
      break;
  if (k == G_N_ELEMENTS (kinds))
    {
      char where_buf[PATH_SIZE];
      const char *where = path_field (where_buf, path, "type");
      add_problem (loader, TREATIES_ARTICLE_ERROR_STRUCTURE, where,
                   "unknown block type \"%s\" (expected paragraph, list, callout, reading-list or editor-note)",
                   type);
      return NULL;
    }

  if (kinds[k].has_items)
    {
      char where_buf[PATH_SIZE];
      const char *where = path_field (where_buf, path, "items");
      JsonArray *items;

      if (m.unknown || m.nodes[TEXT] != NULL || m.nodes[LABEL] != NULL)
        check_keys (loader, object, path, items_keys);
      block = treaties_block_new (kinds[k].kind, NULL);
      if (m.nodes[ITEMS] == NULL)
        {
          add_problem (loader, TREATIES_ARTICLE_ERROR_STRUCTURE, where, "missing (expected an array of items)");
          return NULL;
        }
      if (!(items = expect_array (loader, m.nodes[ITEMS], where)))
        return NULL;
      if (json_array_get_length (items) == 0)
        add_problem (loader, TREATIES_ARTICLE_ERROR_STRUCTURE, where, "must not be empty");
      for (guint i = 0; i < json_array_get_length (items); i++)
        {
          char where_i_buf[PATH_SIZE];
          const char *where_i = path_index (where_i_buf, where, i);
          g_autoptr(GPtrArray) runs = parse_inline (loader, json_array_get_element (items, i), where_i);

          if (runs != NULL)
            treaties_block_add_item (block, runs);
        }
    }
  else
    {
      char where_buf[PATH_SIZE];
      const char *where = path_field (where_buf, path, "text");
      g_autoptr(GPtrArray) runs = NULL;

      if (m.unknown || m.nodes[ITEMS] != NULL)
        check_keys (loader, object, path, text_keys);
      if (kinds[k].kind != TREATIES_BLOCK_PARAGRAPH)
        label = get_string (loader, &m, LABEL, path, FALSE);
      else if (m.nodes[LABEL] != NULL)
        {
          char where_label_buf[PATH_SIZE];
          const char *where_label = path_field (where_label_buf, path, "label");
          add_problem (loader, TREATIES_ARTICLE_ERROR_STRUCTURE, where_label,
                       "a paragraph has no label");
        }
      block = treaties_block_new (kinds[k].kind, label);
      runs = parse_inline (loader, m.nodes[TEXT], where);
      if (runs != NULL)
        treaties_block_add_item (block, runs);
    }

  if (loader->n_problems != n_before)
    return NULL;
  return g_steal_pointer (&block);
}

static TreatiesSection *
parse_section (Loader     *loader,
               JsonNode   *node,
               const char *path,
               guint       depth,
               guint      *n_sections)
{
  static const char *keys[] = { "id", "title", "blocks", "subsections", NULL };
  G_STATIC_ASSERT (G_N_ELEMENTS (keys) - 1 <= MAX_MEMBERS);
  enum { ID, TITLE, BLOCKS, SUBSECTIONS };
  g_autoptr(TreatiesSection) section = NULL;
  JsonObject *object;
  JsonNode *blocks_node, *subsections_node;
  const char *id, *title;
  Members m;

  if (!(object = expect_object (loader, node, path)))
    return NULL;
  read_members (object, keys, &m);
  if (m.unknown)
    check_keys (loader, object, path, keys);

  if (++(*n_sections) == TREATIES_MAX_SECTIONS + 1)
    add_problem (loader, TREATIES_ARTICLE_ERROR_LIMIT, path,
                 "more than %d sections and subsections", TREATIES_MAX_SECTIONS);

  id = get_id (loader, &m, ID, path, loader->section_ids, "section");
  title = get_string (loader, &m, TITLE, path, TRUE);
  section = treaties_section_new (id ? id : "", title ? title : "");

  blocks_node = m.nodes[BLOCKS];
  subsections_node = m.nodes[SUBSECTIONS];

  if (blocks_node == NULL && subsections_node == NULL)
    add_problem (loader, TREATIES_ARTICLE_ERROR_STRUCTURE, path,
                 "a section needs \"blocks\" or \"subsections\"");

  if (blocks_node != NULL)
    {
      char where_buf[PATH_SIZE];
      const char *where = path_field (where_buf, path, "blocks");
      JsonArray *blocks = expect_array (loader, blocks_node, where);
      guint n = blocks != NULL ? json_array_get_length (blocks) : 0;
      g_autoptr(GPtrArray) parsed = g_ptr_array_new_full (n, g_object_unref);

      for (guint i = 0; i < n; i++)
        {
          char where_i_buf[PATH_SIZE];
          const char *where_i = path_index (where_i_buf, where, i);
          TreatiesBlock *block = parse_block (loader, json_array_get_element (blocks, i), where_i);

          if (block != NULL)
            g_ptr_array_add (parsed, block);
        }
      treaties_section_append_blocks (section, parsed);
    }

  if (subsections_node != NULL)
    {
      char where_buf[PATH_SIZE];
      const char *where = path_field (where_buf, path, "subsections");
      JsonArray *subsections;
      g_autoptr(GPtrArray) parsed = NULL;
      guint n;

      if (depth > 0)
        {
          add_problem (loader, TREATIES_ARTICLE_ERROR_STRUCTURE, where,
                       "subsections cannot have subsections of their own");
          return NULL;
        }
      subsections = expect_array (loader, subsections_node, where);
      n = subsections != NULL ? json_array_get_length (subsections) : 0;
      parsed = g_ptr_array_new_full (n, g_object_unref);
      for (guint i = 0; i < n; i++)
        {
          char where_i_buf[PATH_SIZE];
          const char *where_i = path_index (where_i_buf, where, i);
          TreatiesSection *child = parse_section (loader, json_array_get_element (subsections, i),
                                                  where_i, depth + 1, n_sections);

          if (child != NULL)
            g_ptr_array_add (parsed, child);
        }
      treaties_section_append_subsections (section, parsed);
    }

  if (id == NULL || title == NULL)
    return NULL;
  return g_steal_pointer (&section);
}
/* An event's or an era's date: a day, month or year, maybe qualified, or
 * an interval of two (see treaties_date_span_parse()). FALSE, and a
 * problem, if it is missing or not one. */
static gboolean
get_date_span (Loader           *loader,
               const Members    *m,
               guint             k,
               const char       *path,
               TreatiesDay       range_start,
               TreatiesDay       range_end,
               TreatiesDateSpan *out_span)
{
  JsonNode *node = m->nodes[k];
  const char *key = m->keys[k];
  g_autoptr(GError) error = NULL;

  if (node == NULL)
    {
      add_member_problem (loader, TREATIES_ARTICLE_ERROR_STRUCTURE, path, key,
                          "missing (expected a date: " TREATIES_DATE_FORMS ")");
      return FALSE;
    }
  if (!is_string (node))
    {
      add_member_problem (loader, TREATIES_ARTICLE_ERROR_STRUCTURE, path, key,
                          "expected a date (" TREATIES_DATE_FORMS "), found %s",
                          node_type_name (node));
      return FALSE;
    }
  if (!treaties_date_span_parse (json_node_get_string (node), range_start, range_end,
                                 out_span, &error))
    {
      add_member_problem (loader, TREATIES_ARTICLE_ERROR_STRUCTURE, path, key,
                          "\"%s\" %s", json_node_get_string (node), error->message);
      return FALSE;
    }
  return TRUE;
}

static gboolean
in_range (TreatiesDay day,
          TreatiesDay start,
          TreatiesDay end)
{
  return day >= start && day <= end;
}

static void
parse_timeline (Loader          *loader,
                TreatiesArticle *article,
                JsonNode        *node)
{
  static const char *keys[] = { "start", "end", "eras", "events", NULL };
  static const char *era_keys[] = { "id", "title", "start", "end", NULL };
  static const char *event_keys[] = { "id", "date", "title", "description", "sections", "primary", "href", NULL };
  G_STATIC_ASSERT (G_N_ELEMENTS (keys) - 1 <= MAX_MEMBERS);
  G_STATIC_ASSERT (G_N_ELEMENTS (era_keys) - 1 <= MAX_MEMBERS);
  G_STATIC_ASSERT (G_N_ELEMENTS (event_keys) - 1 <= MAX_MEMBERS);
  enum { START, END, ERAS, EVENTS };
  enum { ERA_ID, ERA_TITLE, ERA_START, ERA_END };
  enum { EVENT_ID, EVENT_DATE, EVENT_TITLE, EVENT_DESCRIPTION, EVENT_SECTIONS, EVENT_PRIMARY, EVENT_HREF };
  Members m;
  g_autoptr(GPtrArray) eras = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) event_sections = g_ptr_array_new_with_free_func (g_free); /* paths, for checks */
  JsonObject *object;
  JsonNode *eras_node, *events_node;
  JsonArray *array;
  TreatiesDay start, end;
  gboolean range_ok;
  const char *primary_path = NULL;
  g_autofree char *primary_path_owned = NULL;

  if (!(object = expect_object (loader, node, "timeline")))
    return;
  read_members (object, keys, &m);
  if (m.unknown)
    check_keys (loader, object, "timeline", keys);

  start = get_date (loader, &m, START, "timeline", TRUE);
  end = get_date (loader, &m, END, "timeline", TRUE);
  range_ok = start != TREATIES_DAY_INVALID && end != TREATIES_DAY_INVALID;
  if (range_ok && end <= start)
    {
      add_problem (loader, TREATIES_ARTICLE_ERROR_REFERENCE, "timeline.end",
                   "the timeline must end after it starts");
      range_ok = FALSE;
    }

  eras_node = m.nodes[ERAS];
  events_node = m.nodes[EVENTS];

  if (eras_node != NULL && (array = expect_array (loader, eras_node, "timeline.eras")))
    {
      guint n = json_array_get_length (array);

      if (n > TREATIES_MAX_ERAS)
        add_problem (loader, TREATIES_ARTICLE_ERROR_LIMIT, "timeline.eras",
                     "%u eras is more than the limit of %d", n, TREATIES_MAX_ERAS);
      for (guint i = 0; i < n && i < TREATIES_MAX_ERAS; i++)
        {
          char path_buf[PATH_SIZE];
          const char *path = path_index (path_buf, "timeline.eras", i);
          JsonObject *era;
          const char *id, *title;
          TreatiesDateSpan start_span = { 0 }, end_span = { 0 }, era_span;
          TreatiesDay era_start = TREATIES_DAY_INVALID, era_end = TREATIES_DAY_INVALID;

          if (!(era = expect_object (loader, json_array_get_element (array, i), path)))
            continue;
          read_members (era, era_keys, &m);
          if (m.unknown)
            check_keys (loader, era, path, era_keys);
          id = get_id (loader, &m, ERA_ID, path, loader->era_ids, "era");
          title = get_string (loader, &m, ERA_TITLE, path, TRUE);
          /* Each end may itself be a month, a year or an interval: the
           * era runs from the first day of the one to the last of the
           * other. */
          if (get_date_span (loader, &m, ERA_START, path, range_ok ? start : TREATIES_DAY_INVALID,
                             range_ok ? end : TREATIES_DAY_INVALID, &start_span))
            era_start = start_span.start;
          if (get_date_span (loader, &m, ERA_END, path, range_ok ? start : TREATIES_DAY_INVALID,
                             range_ok ? end : TREATIES_DAY_INVALID, &end_span))
            era_end = end_span.end;
          if (era_start != TREATIES_DAY_INVALID && era_end != TREATIES_DAY_INVALID)
            {
              char where_buf[PATH_SIZE];
              const char *where = path_field (where_buf, path, "end");

              if (era_end < era_start)
                add_problem (loader, TREATIES_ARTICLE_ERROR_REFERENCE, where,
                             "the era ends before it starts");
              else if (range_ok && (era_start < start || era_end > end))
                {
                  g_autofree char *s = treaties_day_to_iso (start);
                  g_autofree char *e = treaties_day_to_iso (end);
                  add_problem (loader, TREATIES_ARTICLE_ERROR_REFERENCE, path,
                               "the era lies outside the timeline's range (%s to %s)", s, e);
                }
              else if (id && title)
                {
                  era_span = (TreatiesDateSpan) {
                    .start = era_start,
                    .end = era_end,
                    .start_precision = start_span.start_precision,
                    .end_precision = end_span.end_precision,
                    .start_qualifier = start_span.start_qualifier,
                    .end_qualifier = end_span.end_qualifier,
                    .interval = TRUE,
                    .open_start = start_span.open_start,
                    .open_end = end_span.open_end,
                  };
                  g_ptr_array_add (eras, treaties_era_new_span (id, title, &era_span));
                }
            }
        }
    }

  if (events_node != NULL && (array = expect_array (loader, events_node, "timeline.events")))
    {
      guint n = json_array_get_length (array);

      if (n > TREATIES_MAX_EVENTS)
        add_problem (loader, TREATIES_ARTICLE_ERROR_LIMIT, "timeline.events",
                     "%u events is more than the limit of %d", n, TREATIES_MAX_EVENTS);
      for (guint i = 0; i < n && i < TREATIES_MAX_EVENTS; i++)
        {
          char path_buf[PATH_SIZE];
          const char *path = path_index (path_buf, "timeline.events", i);
          GPtrArray *section_ids = loader->scratch;
          guint n_before = loader->n_problems;
          JsonObject *event;
          JsonNode *member;
          const char *id, *title, *description, *href;
          TreatiesDateSpan span = { 0 };
          gboolean primary = FALSE;

          g_ptr_array_set_size (section_ids, 0);
          if (!(event = expect_object (loader, json_array_get_element (array, i), path)))
            continue;
          read_members (event, event_keys, &m);
          if (m.unknown)
            check_keys (loader, event, path, event_keys);
          id = get_id (loader, &m, EVENT_ID, path, loader->event_ids, "event");
          get_date_span (loader, &m, EVENT_DATE, path, range_ok ? start : TREATIES_DAY_INVALID,
                         range_ok ? end : TREATIES_DAY_INVALID, &span);
          title = get_string (loader, &m, EVENT_TITLE, path, TRUE);
          description = get_string (loader, &m, EVENT_DESCRIPTION, path, FALSE);
          href = get_string (loader, &m, EVENT_HREF, path, FALSE);
          if (href != NULL)
            {
              check_href (loader, href, path, "href");
            }

          if (span.start != TREATIES_DAY_INVALID && range_ok &&
              !(in_range (span.start, start, end) && in_range (span.end, start, end)))
            {
              char where_buf[PATH_SIZE];
              const char *where = path_field (where_buf, path, "date");
              g_autofree char *s = treaties_day_to_iso (start);
              g_autofree char *e = treaties_day_to_iso (end);
              add_problem (loader, TREATIES_ARTICLE_ERROR_REFERENCE, where,
                           "the event lies outside the timeline's range (%s to %s)", s, e);
            }

          if ((member = m.nodes[EVENT_PRIMARY]) != NULL)
            {
              if (!JSON_NODE_HOLDS_VALUE (member) || json_node_get_value_type (member) != G_TYPE_BOOLEAN)
                add_member_problem (loader, TREATIES_ARTICLE_ERROR_STRUCTURE, path, "primary",
                                    "expected true or false, found %s", node_type_name (member));
              else if ((primary = json_node_get_boolean (member)) && primary_path != NULL)
                add_member_problem (loader, TREATIES_ARTICLE_ERROR_REFERENCE, path, "primary",
                                    "only one event can be the article's own (%s already is)", primary_path);
              else if (primary)
                primary_path = primary_path_owned = g_strdup (path);
            }

          if ((member = m.nodes[EVENT_SECTIONS]) != NULL)
            {
              char where_buf[PATH_SIZE];
              const char *where = path_field (where_buf, path, "sections");
              JsonArray *sections = expect_array (loader, member, where);

              for (guint j = 0; sections != NULL && j < json_array_get_length (sections); j++)
                {
                  JsonNode *s = json_array_get_element (sections, j);
                  char where_j_buf[PATH_SIZE];
                  const char *where_j;

                  if (is_string (s) && g_hash_table_contains (loader->section_ids, json_node_get_string (s)))
                    {
                      g_ptr_array_add (section_ids, (char *) json_node_get_string (s));
                      continue;
                    }
                  where_j = path_index (where_j_buf, where, j);
                  if (!is_string (s))
                    add_problem (loader, TREATIES_ARTICLE_ERROR_STRUCTURE, where_j,
                                 "expected a section id, found %s", node_type_name (s));
                  else
                    add_problem (loader, TREATIES_ARTICLE_ERROR_REFERENCE, where_j,
                                 "no section has the id \"%s\"", json_node_get_string (s));
                }
            }
          g_ptr_array_add (section_ids, NULL);

          if (loader->n_problems == n_before && id && title && span.start != TREATIES_DAY_INVALID)
            g_ptr_array_add (events, treaties_event_new_span (id, &span, title, description,
                                                              (const char * const *) section_ids->pdata,
                                                              primary, href));
        }
    }

  if (range_ok)
    treaties_article_set_timeline (article, start, end, eras, events);
}

/* "date_note" names the section whose editor's note discusses the
 * article's date. */
static void
check_date_note (Loader          *loader,
                 TreatiesArticle *article,
                 const char      *section_id,
                 TreatiesDay      date)
{
  TreatiesSection *section;
  GListModel *blocks;
  guint n;

  if (date == TREATIES_DAY_INVALID)
    {
      add_problem (loader, TREATIES_ARTICLE_ERROR_REFERENCE, "date_note",
                   "a note on the date needs a \"date\"");
      return;
    }
  if (!g_hash_table_contains (loader->section_ids, section_id))
    {
      add_problem (loader, TREATIES_ARTICLE_ERROR_REFERENCE, "date_note",
                   "no section has the id \"%s\"", section_id);
      return;
    }
  /* Not built when the section has problems of its own, already reported. */
  if ((section = treaties_article_lookup_section (article, section_id)) == NULL)
    return;
  blocks = treaties_section_get_blocks (section);
  n = g_list_model_get_n_items (blocks);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TreatiesBlock) block = g_list_model_get_item (blocks, i);

      if (treaties_block_get_kind (block) == TREATIES_BLOCK_EDITOR_NOTE)
        {
          treaties_article_set_date_note (article, section);
          return;
        }
    }
  add_problem (loader, TREATIES_ARTICLE_ERROR_REFERENCE, "date_note",
               "the section \"%s\" has no editor's note", section_id);
}

static void
check_marks (Loader   *loader,
             gboolean  has_timeline)
{
  for (guint i = 0; i < loader->marks->len; i++)
    {
      const Mark *mark = &g_array_index (loader->marks, Mark, i);

      if (!g_hash_table_contains (loader->event_ids, mark->event_id))
        add_problem (loader, TREATIES_ARTICLE_ERROR_REFERENCE, mark->path,
                     "no event has the id \"%s\"%s", mark->event_id,
                     has_timeline ? "" : " (the article has no timeline)");
    }
}

static TreatiesArticle *
build_article (Loader   *loader,
               JsonNode *root)
{
  static const char *keys[] = { "format", "id", "title", "date", "author", "language",
                                "sections", "timeline", "date_note", "summary", NULL };
  G_STATIC_ASSERT (G_N_ELEMENTS (keys) - 1 <= MAX_MEMBERS);
  enum { FORMAT, ID, TITLE, DATE, AUTHOR, LANGUAGE, SECTIONS, TIMELINE, DATE_NOTE, SUMMARY };
  Members m;
  g_autoptr(TreatiesArticle) article = NULL;
  JsonObject *object;
  JsonNode *format, *sections_node;
  JsonArray *sections;
  const char *id, *title, *author, *language, *date_note, *summary;
  TreatiesDay date;
  guint n_sections = 0;

  if (!(object = expect_object (loader, root, "")))
    return NULL;

  read_members (object, keys, &m);
  format = m.nodes[FORMAT];
  if (format == NULL)
    {
      add_problem (loader, TREATIES_ARTICLE_ERROR_VERSION, "format",
                   "missing (expected 1): is this a Treaties article?");
      return NULL;
    }
  if (!JSON_NODE_HOLDS_VALUE (format) || json_node_get_value_type (format) != G_TYPE_INT64)
    {
      add_problem (loader, TREATIES_ARTICLE_ERROR_VERSION, "format",
                   "expected the integer 1, found %s", node_type_name (format));
      return NULL;
    }
  if (json_node_get_int (format) != 1)
    {
      add_problem (loader, TREATIES_ARTICLE_ERROR_VERSION, "format",
                   "format %" G_GINT64_FORMAT " is not supported; this version of Treaties reads format 1",
                   json_node_get_int (format));
      return NULL;
    }

  if (m.unknown)
    check_keys (loader, object, "", keys);
  id = get_id (loader, &m, ID, "", NULL, "article");
  title = get_string (loader, &m, TITLE, "", TRUE);
  date = get_date (loader, &m, DATE, "", FALSE);
  author = get_string (loader, &m, AUTHOR, "", FALSE);
  language = get_string (loader, &m, LANGUAGE, "", FALSE);

  summary = get_string (loader, &m, SUMMARY, "", FALSE);
  if (summary != NULL && is_blank (summary, strlen (summary)))
    summary = NULL;

  article = treaties_article_new (id ? id : "", title ? title : "");
  treaties_article_set_meta (article, date, author, language);
  treaties_article_set_summary (article, summary);

  sections_node = m.nodes[SECTIONS];
  if (sections_node == NULL)
    add_problem (loader, TREATIES_ARTICLE_ERROR_STRUCTURE, "sections",
                 "missing (expected an array of sections)");
  else if ((sections = expect_array (loader, sections_node, "sections")))
    {
      guint n = json_array_get_length (sections);
      g_autoptr(GPtrArray) parsed = g_ptr_array_new_full (n, g_object_unref);

      if (n == 0)
        add_problem (loader, TREATIES_ARTICLE_ERROR_STRUCTURE, "sections",
                     "an article needs at least one section");
      for (guint i = 0; i < n; i++)
        {
          char path_buf[PATH_SIZE];
          const char *path = path_index (path_buf, "sections", i);
          TreatiesSection *section = parse_section (loader, json_array_get_element (sections, i),
                                                    path, 0, &n_sections);

          if (section != NULL)
            g_ptr_array_add (parsed, section);
        }
      treaties_article_append_sections (article, parsed);
    }

  date_note = get_string (loader, &m, DATE_NOTE, "", FALSE);
  if (date_note != NULL)
    check_date_note (loader, article, date_note, date);

  /* After the sections, so that events can refer to them. */
  if (m.nodes[TIMELINE] != NULL)
    parse_timeline (loader, article, m.nodes[TIMELINE]);

  /* After the timeline, so that marks can refer to its events. */
  check_marks (loader, m.nodes[TIMELINE] != NULL);

  if (loader->problems->len > 0)
    return NULL;
  return g_steal_pointer (&article);
}

/* Public API -------------------------------------------------------------- */

TreatiesArticle *
treaties_article_new_from_bytes (GBytes      *bytes,
                                 const char  *display_name,
                                 GError     **error)
{
  /* Declared first, freed last: the id tables borrow the tree's strings. */
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) parse_error = NULL;
  g_autoptr(GStringChunk) paths = NULL;
  g_autoptr(GPtrArray) scratch = NULL;
  g_autoptr(GArray) marks = NULL;
  g_autoptr(GHashTable) section_ids = NULL;
  g_autoptr(GHashTable) event_ids = NULL;
  g_autoptr(GHashTable) era_ids = NULL;
  g_autoptr(GArray) problems = NULL;
  TreatiesArticle *article = NULL;
  Loader loader = { 0 };
  const char *data;
  gsize length;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  problems = g_array_new (FALSE, FALSE, sizeof (Problem));
  g_array_set_clear_func (problems, problem_clear);
  section_ids = g_hash_table_new (g_str_hash, g_str_equal);
  event_ids = g_hash_table_new (g_str_hash, g_str_equal);
  era_ids = g_hash_table_new (g_str_hash, g_str_equal);
  paths = g_string_chunk_new (4096);
  scratch = g_ptr_array_new ();
  marks = g_array_new (FALSE, FALSE, sizeof (Mark));
  loader.name = display_name ? display_name : "article";
  loader.problems = problems;
  loader.section_ids = section_ids;
  loader.event_ids = event_ids;
  loader.era_ids = era_ids;
  loader.paths = paths;
  loader.scratch = scratch;
  loader.marks = marks;

  data = g_bytes_get_data (bytes, &length);

  if (length > TREATIES_MAX_FILE_SIZE)
    {
      add_problem (&loader, TREATIES_ARTICLE_ERROR_LIMIT, NULL,
                   "the file is %" G_GSIZE_FORMAT " bytes, more than the limit of %d MiB",
                   length, TREATIES_MAX_FILE_SIZE / (1024 * 1024));
      loader_propagate (&loader, error);
      return NULL;
    }

  /* A byte-order mark is allowed and skipped. */
  if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    {
      data += 3;
      length -= 3;
    }

  if (is_blank (data, length))
    {
      add_problem (&loader, TREATIES_ARTICLE_ERROR_SYNTAX, NULL, "the file is empty");
      loader_propagate (&loader, error);
      return NULL;
    }

  if (!scan_json (&loader, data, length))
    {
      loader_propagate (&loader, error);
      return NULL;
    }

  /* The tree is read once and dropped: sealing it (an immutable parser)
   * would cost about a tenth of the parse for nothing. */
  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, data, length, &parse_error))
    {
      add_syntax_problem (&loader, parse_error);
      loader_propagate (&loader, error);
      return NULL;
    }

  article = build_article (&loader, json_parser_get_root (parser));
  if (!loader_propagate (&loader, error))
    g_clear_object (&article);
  return article;
}

/* GIO's messages repeat the file name; say what happened, once. */
static void
set_io_error (GError       **error,
              const char    *name,
              const GError  *io_error)
{
  const char *what;

  if (g_error_matches (io_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    what = "no such file";
  else if (g_error_matches (io_error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED))
    what = "permission denied";
  else if (g_error_matches (io_error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY))
    what = "is a folder, not an article";
  else
    what = io_error->message;
  g_set_error (error, TREATIES_ARTICLE_ERROR, TREATIES_ARTICLE_ERROR_IO, "%s: %s", name, what);
}

#define READ_CHUNK_SIZE (1024 * 1024)

static gboolean
set_limit_error (GError     **error,
                 const char  *name,
                 goffset      size)
{
  if (size > TREATIES_MAX_FILE_SIZE)
    g_set_error (error, TREATIES_ARTICLE_ERROR, TREATIES_ARTICLE_ERROR_LIMIT,
                 "%s: the file is %" G_GOFFSET_FORMAT " bytes, more than the limit of %d MiB",
                 name, size, TREATIES_MAX_FILE_SIZE / (1024 * 1024));
  else
    g_set_error (error, TREATIES_ARTICLE_ERROR, TREATIES_ARTICLE_ERROR_LIMIT,
                 "%s: the file is more than the limit of %d MiB",
                 name, TREATIES_MAX_FILE_SIZE / (1024 * 1024));
  return FALSE;
}

static gboolean
set_not_regular_error (GError     **error,
                       const char  *name)
{
  g_set_error (error, TREATIES_ARTICLE_ERROR, TREATIES_ARTICLE_ERROR_IO,
               "%s: is a device, pipe or socket, not an article file", name);
  return FALSE;
}

/* Reads @stream to its end, but never more than the size limit: a file
 * that grows while it is read, or says it is smaller than it is, is
 * refused at the limit rather than read on. */
static GBytes *
read_capped (GInputStream  *stream,
             goffset        size_hint,
             const char    *name,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autoptr(GByteArray) data = NULL;

  data = g_byte_array_sized_new (CLAMP (size_hint, 0, TREATIES_MAX_FILE_SIZE) + 1);
  for (;;)
    {
      g_autoptr(GError) local_error = NULL;
      gsize old_length = data->len;
      gsize want = MIN (READ_CHUNK_SIZE, (gsize) TREATIES_MAX_FILE_SIZE + 1 - old_length);
      gsize got = 0;

      g_byte_array_set_size (data, old_length + want);
      if (!g_input_stream_read_all (stream, data->data + old_length, want, &got, cancellable, &local_error))
        {
          set_io_error (error, name, local_error);
          return NULL;
        }
      g_byte_array_set_size (data, old_length + got);
      if (data->len > TREATIES_MAX_FILE_SIZE)
        {
          set_limit_error (error, name, -1);
          return NULL;
        }
      if (got < want)
        break;
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&data));
}

/* A local file is opened without blocking (a FIFO with no writer would
 * block the open itself) and checked to be a regular file before a byte
 * is read: a device has no size to check (/dev/zero reads forever) and a
 * pipe may never end. */
static GInputStream *
open_local (const char    *path,
            const char    *name,
            goffset       *size,
            GError       **error)
{
  struct stat st;
  int fd, flags;

  /* stat() first: opening a device can have effects of its own (a tape
   * rewinds, a terminal becomes ours). */
  if (g_stat (path, &st) == 0 && !S_ISREG (st.st_mode) && !S_ISDIR (st.st_mode))
    {
      set_not_regular_error (error, name);
      return NULL;
    }

  fd = g_open (path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC, 0);
  if (fd < 0)
    {
      int saved_errno = errno;
      g_autoptr(GError) io_error = g_error_new_literal (G_IO_ERROR, g_io_error_from_errno (saved_errno),
                                                        g_strerror (saved_errno));

      set_io_error (error, name, io_error);
      return NULL;
    }
  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode))
    {
      if (S_ISDIR (st.st_mode))
        g_set_error (error, TREATIES_ARTICLE_ERROR, TREATIES_ARTICLE_ERROR_IO,
                     "%s: is a folder, not an article", name);
      else
        set_not_regular_error (error, name);
      close (fd);
      return NULL;
    }
  /* Regular files do not block anyway; reads should not return EAGAIN. */
  flags = fcntl (fd, F_GETFL);
  if (flags != -1)
    fcntl (fd, F_SETFL, flags & ~O_NONBLOCK);
  *size = st.st_size;
  return g_unix_input_stream_new (fd, TRUE);
}

TreatiesArticle *
treaties_article_new_from_file (GFile         *file,
                                GCancellable  *cancellable,
                                GError       **error)
{
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;
  goffset size = 0;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  name = g_file_get_parse_name (file);
  path = g_file_get_path (file);

  if (path != NULL)
    stream = open_local (path, name, &size, error);
  else
    {
      g_autoptr(GFileInfo) info = NULL;
      g_autoptr(GError) local_error = NULL;

      info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                                G_FILE_QUERY_INFO_NONE, cancellable, &local_error);
      if (info == NULL)
        {
          set_io_error (error, name, local_error);
          return NULL;
        }
      if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
        {
          g_set_error (error, TREATIES_ARTICLE_ERROR, TREATIES_ARTICLE_ERROR_IO,
                       "%s: is a folder, not an article", name);
          return NULL;
        }
      if (g_file_info_get_file_type (info) == G_FILE_TYPE_SPECIAL)
        {
          set_not_regular_error (error, name);
          return NULL;
        }
      size = g_file_info_get_size (info);
      if (size <= TREATIES_MAX_FILE_SIZE)
        {
          stream = G_INPUT_STREAM (g_file_read (file, cancellable, &local_error));
          if (stream == NULL)
            set_io_error (error, name, local_error);
        }
    }
  if (stream == NULL && size <= TREATIES_MAX_FILE_SIZE)
    return NULL;

  /* Refuse a huge file before reading it into memory. */
  if (size > TREATIES_MAX_FILE_SIZE)
    {
      set_limit_error (error, name, size);
      return NULL;
    }

  bytes = read_capped (stream, size, name, cancellable, error);
  if (bytes == NULL)
    return NULL;
  g_input_stream_close (stream, NULL, NULL);

  return treaties_article_new_from_bytes (bytes, name, error);
}

TreatiesArticle *
treaties_article_new_from_resource (const char  *resource_path,
                                    GError     **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *base;

  g_return_val_if_fail (resource_path != NULL, NULL);

  bytes = g_resources_lookup_data (resource_path, G_RESOURCE_LOOKUP_FLAGS_NONE, &local_error);
  if (bytes == NULL)
    {
      g_set_error (error, TREATIES_ARTICLE_ERROR, TREATIES_ARTICLE_ERROR_IO,
                   "%s: %s", resource_path, local_error->message);
      return NULL;
    }
  base = strrchr (resource_path, '/');
  return treaties_article_new_from_bytes (bytes, base ? base + 1 : resource_path, error);
}
