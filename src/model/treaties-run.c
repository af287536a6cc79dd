/* treaties-run.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "treaties-run.h"

G_DEFINE_BOXED_TYPE (TreatiesRun, treaties_run, treaties_run_copy, treaties_run_free)

TreatiesRun *
treaties_run_new (const char       *text,
                  TreatiesRunStyle  style,
                  const char       *href)
{
  return treaties_run_new_full (text, style, href, NULL);
}

TreatiesRun *
treaties_run_new_full (const char       *text,
                       TreatiesRunStyle  style,
                       const char       *href,
                       const char       *event_id)
{
  TreatiesRun *run;

  g_return_val_if_fail (text != NULL, NULL);

  run = g_new0 (TreatiesRun, 1);
  run->text = g_strdup (text);
  run->style = style;
  run->href = g_strdup (href);
  run->event_id = g_strdup (event_id);
  return run;
}

TreatiesRun *
treaties_run_copy (const TreatiesRun *run)
{
  g_return_val_if_fail (run != NULL, NULL);

  return treaties_run_new_full (run->text, run->style, run->href, run->event_id);
}

void
treaties_run_free (TreatiesRun *run)
{
  if (run == NULL)
    return;
  g_free (run->text);
  g_free (run->href);
  g_free (run->event_id);
  g_free (run);
}

char *
treaties_runs_to_plain (GPtrArray *runs)
{
  GString *s;

  g_return_val_if_fail (runs != NULL, NULL);

  s = g_string_new (NULL);
  for (guint i = 0; i < runs->len; i++)
    g_string_append (s, ((TreatiesRun *) g_ptr_array_index (runs, i))->text);
  return g_string_free (s, FALSE);
}
