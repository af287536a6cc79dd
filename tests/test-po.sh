#!/bin/sh
# test-po.sh: every translation is complete, well-formed and up to date.
#
#   test-po.sh SRCDIR PO...
#
# For each .po file: `msgfmt --check --statistics` must report no error,
# fuzzy or untranslated message, and every message the sources hold today
# (extracted afresh with xgettext from po/POTFILES.in) must be in it, so a
# string added to the code without a translation fails here. Output is TAP.
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -u

srcdir=$1
shift
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# The same keywords as meson's gettext preset 'glib'.
(cd "$srcdir" && grep -v '^#' po/POTFILES.in | grep . | xargs xgettext -o "$tmp/fresh.pot" \
   --from-code=UTF-8 --add-comments --keyword=_ --keyword=N_ --keyword=C_:1c,2 \
   --keyword=NC_:1c,2 --keyword=g_dcgettext:2 --keyword=g_dngettext:2,3 \
   --keyword=g_dpgettext2:2c,3 --keyword=ngettext:1,2 2>"$tmp/xgettext.log")
fresh=$?

echo "1..$(( $# * 2 ))"
n=0
status=0
for po in "$@"; do
  name=$(basename "$po")

  n=$((n + 1))
  # msgfmt prints its statistics on stderr, e.g. "109 translated messages."
  if ! out=$(LC_ALL=C msgfmt --check --statistics -o /dev/null "$po" 2>&1); then
    verdict="not ok $n - $name: msgfmt --check failed"
  elif printf '%s\n' "$out" | grep -Eq 'fuzzy|untranslated'; then
    verdict="not ok $n - $name: $(printf '%s\n' "$out" | tail -n 1)"
  elif ! printf '%s\n' "$out" | grep -Exq '[1-9][0-9]* translated messages?\.'; then
    verdict="not ok $n - $name: msgfmt warned"
  else
    verdict="ok $n - $name: $out"
  fi
  echo "$verdict"
  case $verdict in not*) status=1; printf '%s\n' "$out" | sed 's/^/# /' ;; esac

  n=$((n + 1))
  if [ $fresh -ne 0 ]; then
    echo "not ok $n - $name: xgettext failed"; sed 's/^/# /' "$tmp/xgettext.log"; status=1
  elif out=$(LC_ALL=C msgcmp --use-untranslated "$po" "$tmp/fresh.pot" 2>&1) &&
       out2=$(LC_ALL=C msgcmp "$po" "$tmp/fresh.pot" 2>&1); then
    echo "ok $n - $name: every message in the sources is translated"
  else
    echo "not ok $n - $name: messages in the sources are missing or untranslated"
    printf '%s\n%s\n' "$out" "${out2:-}" | grep -v '^$' | head -20 | sed 's/^/# /'
    status=1
  fi
done
exit $status
