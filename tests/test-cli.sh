#!/bin/sh
# test-cli.sh: `treaties --check`, `--export-pdf` and `--search`, with no display.
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

echo "1..$((45 + $(ls "$src"/../data/articles/*.json | wc -l)))"

check "the shipped article is valid" 0 "$src/../data/articles/france-ussr-neutrality-1931.treaty.json"
contains "a valid article gets a summary" "$tmp/out" "valid: “The Important Shift: France and USSR’s Neutrality Treaty”, 10 sections, 27 events"

printf '{"format": 1,\n  "title": "x",\n  "sections": [,]}\n' > "$tmp/syntax.json"
check "a syntax error fails" 1 "$tmp/syntax.json"
contains "a syntax error has FILE:LINE:COLUMN" "$tmp/err" "$tmp/syntax.json:3:"

printf '{"format": 1, "id": "a", "title": 7, "sections": [{"id": "s", "title": "S", "blocks": [{"type": "poem", "text": "x"}]}]}' > "$tmp/structure.json"
check "structural problems fail" 1 "$tmp/structure.json"
contains "each problem has its JSON path" "$tmp/err" "$tmp/structure.json: title: expected a string, found a number"
contains "every problem is reported" "$tmp/err" "$tmp/structure.json: sections[0].blocks[0].type: unknown block type \"poem\""

check "a missing file fails" 1 "$tmp/missing.json"
check "one bad file among good ones fails" 1 "$src/../data/articles/france-ussr-neutrality-1931.treaty.json" "$tmp/syntax.json"

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

if run --export-pdf "$tmp/given.pdf" "$src/../data/articles/france-ussr-neutrality-1931.treaty.json" && [ -s "$tmp/given.pdf" ]; then
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

# --search
mkdir -p "$tmp/s"
cat > "$tmp/s/fr.json" <<'EOF'
{"format": 1, "id": "fr", "title": "Le traité", "date": "1931-10-29",
 "sections": [{"id": "contexte", "title": "Le contexte", "blocks": [
   {"type": "paragraph", "text": "La Société des Nations siégeait à Genève."},
   {"type": "list", "items": ["Une garantie", "СССР и Франция"]}]}]}
EOF
cat > "$tmp/s/evil.json" <<'EOF'
{"format": 1, "id": "evil", "title": "Evil",
 "sections": [{"id": "s", "title": "S", "blocks": [
   {"type": "paragraph", "text": "Nations \u001b[31mred\u001b[0m and \u202egnirts\u202c, a bell\u0007 and\nnew lines."}]}]}
EOF
search () { "$treaties" --search "$@" >"$tmp/out" 2>"$tmp/err"; }
if search societe "$tmp/s/fr.json"; then ok "--search finds across accents and case (exit 0)"; else not_ok "--search societe: exit $?"; fi
contains "one line per passage: FILE: id › section: snippet, the match marked" "$tmp/out" "$tmp/s/fr.json: fr › contexte: La [Société] des Nations siégeait à Genève."
if search "ССС" "$tmp/s/fr.json" && grep -qF "fr › contexte: [СССР] и Франция" "$tmp/out"; then
  ok "--search folds Cyrillic case, a word finds the words it begins"
else not_ok "--search ССС"; fi
search zeppelin "$tmp/s/fr.json"; got=$?
[ $got -eq 1 ] && [ ! -s "$tmp/out" ] && ok "--search with no hit exits 1 and prints nothing" || not_ok "--search zeppelin: exit $got"
search '"NEAR( x* -' "$tmp/s/fr.json"; got=$?
[ $got -eq 1 ] && ok "FTS5 syntax typed is only words: no error (exit 1)" || not_ok "FTS5 syntax: exit $got"
search nations "$tmp/s/fr.json" "$tmp/s/evil.json" "$tmp/structure.json"; got=$?
[ $got -eq 0 ] && [ "$(wc -l < "$tmp/out")" -eq 2 ] && ok "--search over several files, one bad among them" || not_ok "several files: exit $got"
contains "a bad file's problems go to stderr, as --check says them" "$tmp/err" "$tmp/structure.json: title: expected a string, found a number"
if LC_ALL=C grep -q "$(printf '[\001-\010\013-\037\177]')" "$tmp/out"; then not_ok "a control character reached the terminal"; else
  ok "no control character is printed"; fi
contains "escape sequences are shown escaped" "$tmp/out" '\u001B[31mred\u001B[0m'
contains "bidirectional overrides are shown escaped" "$tmp/out" '\u202Egnirts\u202C'
contains "new lines are shown escaped" "$tmp/out" 'and\nnew'

# With no file: the library, through the cached index.
mkdir -p "$tmp/lib/data/treaties/articles"
cp "$tmp/s/fr.json" "$tmp/lib/data/treaties/articles/mine.treaty.json"
lib () { XDG_DATA_HOME="$tmp/lib/data" XDG_CACHE_HOME="$tmp/lib/cache" "$treaties" --search "$@" >"$tmp/out" 2>"$tmp/err"; }
if lib geneve && grep -qF "$tmp/lib/data/treaties/articles/mine.treaty.json: fr › contexte:" "$tmp/out" && [ -s "$tmp/lib/cache/treaties/index.sqlite" ]; then
  ok "--search with no file searches the reader's folder, through the index"
else not_ok "--search of the library"; fi
if lib "soviet union" && grep -qF "france-ussr-neutrality-1931 › " "$tmp/out"; then
  ok "the library includes the shipped article"
else not_ok "--search of the shipped article"; fi
head -c 4096 /dev/urandom > "$tmp/lib/cache/treaties/index.sqlite"
if lib geneve && grep -qF "mine.treaty.json: fr › contexte:" "$tmp/out"; then
  ok "a damaged index is made again, and the article is still found"
else not_ok "--search over a damaged index"; fi

[ "$failed" -eq 0 ]
