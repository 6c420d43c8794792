#!/usr/bin/env bash
# dyad ingest / query / recode end to end on the bundled examples (examples/news.jsonl).
# Usage: store_cli_test.sh DYAD SOURCE_DIR WORKDIR
set -uo pipefail
dyad=$1 src=$2 work=$3
rm -rf "$work" && mkdir -p "$work" || exit 1
db=$work/news.db
fail() { echo "FAIL: $*" >&2; exit 1; }

"$dyad" ingest "$src/examples/news.jsonl" --db "$db" 2>"$work/ingest.log" || fail "ingest: $(cat "$work/ingest.log")"
summary=$(tail -n 1 "$work/ingest.log")
echo "$summary"
[[ $summary == *"read 40, ok 40, failed 0, skipped-unchanged 0, inserted 40, replaced 0"* ]] || fail "summary: $summary"

# The store holds what `dyad code` prints: the same number of events.
code_events=$("$dyad" code "$src/examples/news.jsonl" 2>/dev/null | wc -l)
store_events=$("$dyad" query --db "$db" --limit -1 --format csv | tail -n +2 | wc -l)
[ "$code_events" -eq "$store_events" ] || fail "dyad code gives $code_events events, the store $store_events"
[ "$store_events" -gt 10 ] || fail "only $store_events events"

# Aggregations: the monthly series and the per-dyad counts both add up to every dated event.
"$dyad" query --db "$db" --count-by month --format csv > "$work/months.csv" || fail "count-by month"
head -n 1 "$work/months.csv" | grep -qx "month,events,goldstein" || fail "series header"
dated=$("$dyad" query --db "$db" --limit -1 --format jsonl | grep -vc '"date":""')
series_sum=$(tail -n +2 "$work/months.csv" | awk -F, '{s += $2} END {print s}')
[ "$series_sum" -eq "$dated" ] || fail "monthly series sums to $series_sum, $dated dated events"
by_dyad=$("$dyad" query --db "$db" --by dyad --top 0 --format csv | tail -n +2 | awk -F, '{s += $(NF-1)} END {print s}')
[ "$by_dyad" -eq "$store_events" ] || fail "--by dyad sums to $by_dyad of $store_events"
"$dyad" query --db "$db" --by dyad --top 3 --format table | head -n 1 | grep -q "^dyad  *events  *goldstein$" \
  || fail "table header"
[ "$("$dyad" query --db "$db" --by dyad --top 3 --format jsonl | wc -l)" -eq 3 ] || fail "--top 3"

# Filters reach SQL as parameters: quotes and SQL are just text that matches nothing.
out=$("$dyad" query --db "$db" --source "'; DROP TABLE events; --" --format csv) || fail "injection query failed"
[ "$(echo "$out" | wc -l)" -eq 1 ] || fail "injection matched rows"
after=$("$dyad" query --db "$db" --limit -1 --format csv | tail -n +2 | wc -l)
[ "$after" -eq "$store_events" ] || fail "events changed after the injection query"
"$dyad" query --db "$db" --text '"unbalanced' >/dev/null 2>&1
[ $? -eq 1 ] || fail "a bad FTS query is a usage error"
"$dyad" query --db "$db" --dyad USA >/dev/null 2>&1
[ $? -eq 1 ] || fail "--dyad without a comma is a usage error"

# A missing store or a file that is not one: a data error (exit 2) with the path, never a crash.
"$dyad" query --db "$work/missing.db" 2>"$work/err.txt"; rc=$?
[ $rc -eq 2 ] && grep -q "missing.db" "$work/err.txt" || fail "missing store: exit $rc, $(cat "$work/err.txt")"
echo "not a database, just text that is long enough to have a header" > "$work/text.db"
"$dyad" query --db "$work/text.db" 2>"$work/err.txt"; rc=$?
[ $rc -eq 2 ] && grep -q "text.db" "$work/err.txt" || fail "text file as store: exit $rc, $(cat "$work/err.txt")"

# Full-text search finds the Mali stories, and --id shows an event with its sentence.
mali=$("$dyad" query --db "$db" --text mali --limit -1 --format csv | tail -n +2 | wc -l)
[ "$mali" -gt 0 ] || fail "no event in stories about Mali"
"$dyad" query --db "$db" --id 1 --format jsonl | grep -q '"sentence_text":"[^"]' || fail "--id has no sentence"
if ! grep -q "no event places" "$work/ingest.log" 2>/dev/null; then
  "$dyad" query --db "$db" --limit -1 --format jsonl > "$work/query.jsonl" || fail "query jsonl"
  grep -q '"place":{"name":"[^"]' "$work/query.jsonl" || fail "query --format jsonl shows no place"
fi

# dyad export writes the rows dyad code writes, in every format (same writers, same ids).
for format in gdelt-events gdelt-mentions icews phoenix petrarch tabari plover csv jsonl; do
  "$dyad" code "$src/examples/news.jsonl" --format "$format" 2>"$work/code.$format.log" \
    > "$work/code.$format"
  "$dyad" export --db "$db" --format "$format" 2>/dev/null > "$work/export.$format" \
    || fail "export --format $format"
  cmp -s "$work/code.$format" "$work/export.$format" \
    || fail "export --format $format differs from code: $(diff "$work/code.$format" "$work/export.$format" | head -n 4)"
done
[ "$(wc -l < "$work/export.gdelt-events")" -eq "$store_events" ] || fail "gdelt-events rows"
# The geography and tone columns are filled (and so part of the identity above): ActionGeo_Type
# (column 52), ActionGeo_Lat (57), AvgTone (35); unless the build has no gazetteer.
if ! grep -q "no event places" "$work/code.gdelt-events.log"; then
  placed=$(awk -F'\t' '$52 != 0 && $57 != "" && $35 != 0' "$work/export.gdelt-events" | wc -l)
  [ "$placed" -gt 0 ] || fail "no exported event has an ActionGeo place and a tone"
  grep -q '"place":{"name"' "$work/export.jsonl" || fail "no exported JSONL event has a place"
fi
# The knowledge-graph views (schema v5): export --format gdelt-gkg gives the rows `dyad gkg
# --format gdelt-gkg` writes, one per story, but for V2.1ALLNAMES (column 24: every NER mention,
# which the store does not keep).
"$dyad" gkg "$src/examples/news.jsonl" --format gdelt-gkg 2>/dev/null | cut -f1-23,25- > "$work/code.gkg"
"$dyad" export --db "$db" --format gdelt-gkg 2>"$work/export.gkg.log" | cut -f1-23,25- > "$work/export.gkg" \
  || fail "export --format gdelt-gkg: $(cat "$work/export.gkg.log")"
[ "$(wc -l < "$work/export.gkg")" -eq 40 ] || fail "gdelt-gkg rows: $(wc -l < "$work/export.gkg")"
cmp -s "$work/code.gkg" "$work/export.gkg" \
  || fail "export --format gdelt-gkg differs from gkg: $(diff "$work/code.gkg" "$work/export.gkg" | head -n 4)"
[ "$(awk -F'\t' '$12 != ""' "$work/export.gkg" | wc -l)" -gt 0 ] || fail "no stored view names a person"
# Filters and one-a-day apply to exports too.
"$dyad" export --db "$db" --format csv --dedup day --country MLI > "$work/mli.csv" || fail "filtered export"
mli=$("$dyad" query --db "$db" --country MLI --dedup day --limit -1 --format csv | tail -n +2 | wc -l)
[ "$(tail -n +2 "$work/mli.csv" | wc -l)" -eq "$mli" ] || fail "filtered export has not $mli rows"

# Idempotent: a second ingest stores nothing.
"$dyad" ingest "$src/examples/news.jsonl" --db "$db" 2>"$work/again.log" || fail "second ingest"
grep -q "skipped-unchanged 40, inserted 0, replaced 0" "$work/again.log" || fail "rerun: $(tail -n 1 "$work/again.log")"

# A changed record (same id, new text) replaces its rows; the others are skipped.
sed '1s/France is sending about 400 more soldiers/France is withdrawing about 400 soldiers/' \
  "$src/examples/news.jsonl" > "$work/changed.jsonl"
cmp -s "$work/changed.jsonl" "$src/examples/news.jsonl" && fail "the edit did not change the first record"
cp "$db" "$work/changed.db"
"$dyad" ingest "$work/changed.jsonl" --db "$work/changed.db" 2>"$work/changed.log" || fail "ingest changed"
grep -q "skipped-unchanged 39, inserted 0, replaced 1" "$work/changed.log" \
  || fail "changed record: $(tail -n 1 "$work/changed.log")"
"$dyad" query --db "$work/changed.db" --text withdrawing --limit -1 --format csv | grep -q "dyad-ex-001" \
  || fail "the replaced document is not searchable by its new text"
[ "$("$dyad" query --db "$work/changed.db" --text '"sending about 400"' --format csv | wc -l)" -eq 1 ] \
  || fail "the old text is still indexed"

# Four ingests into one new store at once: one creates the schema, the others wait for it;
# the store ends as one ingest leaves it.
"$dyad" query --db "$db" --dump > "$work/one.dump"
pids=()
for i in 1 2 3 4; do
  "$dyad" ingest "$src/examples/news.jsonl" --db "$work/together.db" -j 1 2>"$work/together.$i.log" &
  pids+=($!)
done
for i in 0 1 2 3; do
  wait "${pids[$i]}" || fail "concurrent ingest $((i + 1)): $(tail -n 2 "$work/together.$((i + 1)).log")"
done
"$dyad" query --db "$work/together.db" --dump | cmp -s - "$work/one.dump" \
  || fail "four concurrent ingests left another store than one"

# Recode with the same dictionaries changes nothing; the store stays byte-identical in content.
"$dyad" query --db "$db" --dump > "$work/before.dump"
"$dyad" recode --db "$db" > "$work/recode.txt" 2>"$work/recode.log" || fail "recode: $(cat "$work/recode.log")"
head -n 1 "$work/recode.txt" | grep -q "^events $store_events -> $store_events (+0 -0) in 0 of 40 documents$" \
  || fail "recode with the same dictionaries: $(head -n 1 "$work/recode.txt")"
"$dyad" query --db "$db" --dump | cmp -s - "$work/before.dump" || fail "recode without changes changed rows"

# Recode with only the verbal-cooperation verbs (roots 01-05): the other events go, the report
# adds up, and every event left has a root from 01 to 05.
cp -r "$src/data/dict" "$work/dict"
rm "$work/dict/verbs/06-10-cooperation-material.txt" "$work/dict/verbs/11-15-conflict-verbal.txt" \
   "$work/dict/verbs/16-20-conflict-material.txt"
"$dyad" recode --db "$db" --dictionaries "$work/dict" > "$work/recode2.txt" 2>"$work/recode2.log" \
  || fail "recode with fewer verbs: $(cat "$work/recode2.log")"
read -r _ before _ after plus minus _ < <(head -n 1 "$work/recode2.txt" | tr -d '()+-')
[ "$before" -eq "$store_events" ] && [ $((before + plus - minus)) -eq "$after" ] && [ "$minus" -gt 0 ] \
  || fail "recode report does not add up: $(head -n 1 "$work/recode2.txt")"
grep -qE "^19 +0 +[1-9]" "$work/recode2.txt" || fail "no removed root-19 line: $(cat "$work/recode2.txt")"
roots_left=$("$dyad" query --db "$db" --limit -1 --format jsonl | grep -o '"root":"[0-9]*"' | sort -u | tr '\n' ' ')
[[ $roots_left =~ ^(\"root\":\"0[1-5]\"\ )*$ ]] || fail "roots left after recode: $roots_left"
left=$("$dyad" query --db "$db" --limit -1 --format csv | tail -n +2 | wc -l)
[ "$left" -eq "$after" ] || fail "$left events left, the report says $after"
# The store remembers how it was coded: an ingest with other dictionaries warns.
grep -q "coding was dictionaries=(defaults); all_events=0; require_dyad=1; gazetteer=[0-9a-f]*; places_model=[0-9a-f]*, now dictionaries=.*/dict;" \
  "$work/recode2.log" || fail "recode did not report the coding change: $(cat "$work/recode2.log")"
"$dyad" ingest "$src/examples/news.jsonl" --db "$db" 2>"$work/mixed.log" || fail "ingest after recode"
grep -q "warning: .* was coded with dictionaries=.*/dict; .* this run codes with dictionaries=(defaults)" \
  "$work/mixed.log" || fail "no warning for an ingest coded another way: $(cat "$work/mixed.log")"
# And back: the default dictionaries restore the store row for row.
"$dyad" recode --db "$db" > /dev/null 2>&1 || fail "recode back"
"$dyad" query --db "$db" --dump | cmp -s - "$work/before.dump" || fail "recode back did not restore the rows"
echo "ok: $store_events events"
