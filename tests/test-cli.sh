#!/bin/sh
# test-cli.sh: `treaties --check` and `--export-pdf`, with no display.
# Usage: test-cli.sh PATH/TO/treaties   (TAP output)
set -u
treaties=$1
src=${G_TEST_SRCDIR:-$(dirname "$0")}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
unset DISPLAY WAYLAND_DISPLAY
n=0 failed=0

ok () { n=$((n + 1)); echo "ok $n - $1"; }
not_ok () { n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n - $1"; sed 's/^/# /' "$tmp/out" "$tmp/err"; }
check () { # description, expected status, files...
  desc=$1 want=$2; shift 2
  "$treaties" --check "$@" >"$tmp/out" 2>"$tmp/err"; got=$?
  if [ "$got" -eq "$want" ]; then ok "$desc (exit $got)"; else not_ok "$desc: exit $got, wanted $want"; fi
}
contains () { # description, file, text
  if grep -qF -- "$3" "$2"; then ok "$1"; else not_ok "$1: no \"$3\""; fi
}

echo "1..$((31 + $(ls "$src"/../data/articles/*.json | wc -l)))"

check "the shipped article is valid" 0 "$src/../data/articles/france-ussr-neutrality-1931.json"
contains "a valid article gets a summary" "$tmp/out" "valid: “The Important Shift: France and USSR’s Neutrality Treaty”, 10 sections, 27 events"

printf '{"format": 1,\n  "title": "x",\n  "sections": [,]}\n' > "$tmp/syntax.json"
check "a syntax error fails" 1 "$tmp/syntax.json"
contains "a syntax error has FILE:LINE:COLUMN" "$tmp/err" "$tmp/syntax.json:3:"

printf '{"format": 1, "id": "a", "title": 7, "sections": [{"id": "s", "title": "S", "blocks": [{"type": "poem", "text": "x"}]}]}' > "$tmp/structure.json"
check "structural problems fail" 1 "$tmp/structure.json"
contains "each problem has its JSON path" "$tmp/err" "$tmp/structure.json: title: expected a string, found a number"
contains "every problem is reported" "$tmp/err" "$tmp/structure.json: sections[0].blocks[0].type: unknown block type \"poem\""

check "a missing file fails" 1 "$tmp/missing.json"
check "one bad file among good ones fails" 1 "$src/../data/articles/france-ussr-neutrality-1931.json" "$tmp/syntax.json"

check "--check with no file is a usage error" 2

# Events marked nowhere: a warning, an error with --strict.
cat > "$tmp/unmarked.json" <<'EOF'
{"format": 1, "id": "a", "title": "T",
 "sections": [{"id": "s", "title": "S", "blocks": [{"type": "paragraph",
   "text": ["In 1922 came ", {"text": "the Treaty of Rapallo", "event": "rapallo"}, "."]}]}],
 "timeline": {"start": "1918-11-11", "end": "1939-09-01", "events": [
   {"id": "locarno", "date": "1925-12-01", "title": "Locarno", "sections": ["s"]},
   {"id": "rapallo", "date": "1922-04-16", "title": "Treaty of Rapallo"},
   {"id": "crash", "date": "1929-10-24", "title": "Wall Street Crash"}]}}
EOF
check "an event marked nowhere is only a warning" 0 "$tmp/unmarked.json"
contains "one warning line per event, with its path" "$tmp/err" "$tmp/unmarked.json: warning: timeline.events[0]: the event \"locarno\" is marked nowhere in the text"
contains "an event with no section leads nowhere" "$tmp/err" "$tmp/unmarked.json: warning: timeline.events[2]: the event \"crash\" is marked nowhere in the text and names no section"
[ "$(wc -l < "$tmp/err")" -eq 2 ] && ok "a marked event gets no warning" || not_ok "warnings: $(wc -l < "$tmp/err") lines, wanted 2"
contains "the article is still valid" "$tmp/out" "valid: “T”"
"$treaties" --check --strict "$tmp/unmarked.json" >"$tmp/out" 2>"$tmp/err"; got=$?
[ "$got" -eq 1 ] && ok "--strict makes it an error (exit 1)" || not_ok "--strict: exit $got, wanted 1"
contains "--strict says it as an error" "$tmp/err" "$tmp/unmarked.json: timeline.events[0]: the event \"locarno\" is marked nowhere"
[ ! -s "$tmp/out" ] && ok "--strict gives no summary of a failing file" || not_ok "--strict printed a summary"

# Every event of the shipped articles leads to words that tell of it.
for f in "$src"/../data/articles/*.json; do
  check "$(basename "$f") passes --check --strict" 0 --strict "$f"
done

# --export-pdf
run () { "$treaties" "$@" >"$tmp/out" 2>"$tmp/err"; }
if run --export-pdf "$tmp/seed.pdf" && head -c 5 "$tmp/seed.pdf" | grep -q '%PDF-'; then
  ok "--export-pdf writes the shipped article as PDF with no display"
else not_ok "--export-pdf of the shipped article"; fi

if run --export-pdf "$tmp/given.pdf" "$src/../data/articles/france-ussr-neutrality-1931.json" && [ -s "$tmp/given.pdf" ]; then
  ok "--export-pdf exports a given article"
else not_ok "--export-pdf of a given article"; fi

printf 'precious' > "$tmp/keep.pdf"
if ! run --export-pdf "$tmp/keep.pdf" "$tmp/structure.json" && [ "$(cat "$tmp/keep.pdf")" = precious ]; then
  ok "an invalid article fails and leaves the existing file untouched"
else not_ok "invalid article over an existing file"; fi
contains "it says why, as --check does" "$tmp/err" "$tmp/structure.json: title: expected a string, found a number"

if ! run --export-pdf "$tmp/seed.pdf/inside.pdf" && [ "$(wc -l < "$tmp/err")" -eq 1 ]; then
  ok "an unwritable path fails with a one-line reason"
else not_ok "unwritable path"; fi
[ -z "$(ls "$tmp" | grep -v -e '\.pdf$' -e '\.json$' -e '^out$' -e '^err$')" ] && ok "no temporary file is left behind" || not_ok "temporary files left: $(ls "$tmp")"

# Hostile input (issue 16): nothing printed drives the terminal, nothing
# that is not a regular file is read or replaced, nothing hangs.
printf '{"format": 1, "id": "a", "title": "T\\u001b]0;owned\\u0007\\u001b[2J\\n%s: valid: \\u201cforged\\u201d", "sections": [{"id": "s", "title": "S", "blocks": []}]}' "$tmp/x.json" > "$tmp/title.json"
check "an article whose title holds control characters is valid" 0 "$tmp/title.json"
if ! LC_ALL=C grep -q "$(printf '[\001-\011\013-\037\177]')" "$tmp/out" && [ "$(wc -l < "$tmp/out")" -eq 1 ]; then
  ok "--check prints its title with control characters written out, on one line"
else not_ok "control characters printed raw"; fi
contains "the escapes are readable" "$tmp/out" 'T\u001B]0;owned\u0007\u001B[2J\n'

if timeout 10 "$treaties" --check /dev/zero >"$tmp/out" 2>"$tmp/err"; [ $? -eq 1 ]; then
  ok "--check /dev/zero fails at once"
else not_ok "--check /dev/zero"; fi
mkfifo "$tmp/fifo.json"
if timeout 10 "$treaties" --check "$tmp/fifo.json" >"$tmp/out" 2>"$tmp/err"; [ $? -eq 1 ]; then
  ok "--check of a FIFO fails at once"
else not_ok "--check of a FIFO"; fi
contains "it says why" "$tmp/err" "$tmp/fifo.json: is a device, pipe or socket, not an article file"

mkfifo "$tmp/fifo.pdf"
if ! timeout 60 "$treaties" --export-pdf "$tmp/fifo.pdf" >"$tmp/out" 2>"$tmp/err" && [ -p "$tmp/fifo.pdf" ]; then
  ok "--export-pdf onto a FIFO fails and leaves it a FIFO"
else not_ok "--export-pdf onto a FIFO"; fi
rm -f "$tmp/fifo.json" "$tmp/fifo.pdf"

[ "$failed" -eq 0 ]
