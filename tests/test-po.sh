#!/bin/sh
# test-po.sh: every translation is complete and well-formed.
#
#   test-po.sh MSGFMT PO...
#
# Runs `msgfmt --check --statistics` on each .po file and fails on any error,
# fuzzy or untranslated message. Output is TAP.
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -u

msgfmt=$1
shift

echo "1..$#"
n=0
status=0
for po in "$@"; do
  n=$((n + 1))
  name=$(basename "$po")
  # msgfmt prints its statistics on stderr, e.g.
  #   "109 translated messages." or "100 translated messages, 2 fuzzy
  #   translations, 7 untranslated messages."
  if ! out=$(LC_ALL=C "$msgfmt" --check --statistics -o /dev/null "$po" 2>&1); then
    verdict="not ok $n - $name: msgfmt --check failed"
  elif printf '%s\n' "$out" | grep -Eq 'fuzzy|untranslated'; then
    verdict="not ok $n - $name: $(printf '%s\n' "$out" | tail -n 1)"
  elif ! printf '%s\n' "$out" | grep -Exq '[1-9][0-9]* translated messages?\.'; then
    # A warning (a bad header, say) besides the statistics.
    verdict="not ok $n - $name: msgfmt warned"
  else
    verdict="ok $n - $name: $out"
  fi
  echo "$verdict"
  case $verdict in
    not*) status=1; printf '%s\n' "$out" | sed 's/^/# /' ;;
  esac
done
exit $status
