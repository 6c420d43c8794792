#!/usr/bin/env bash
# The same store on both backends: `dyad ingest` of the bundled examples into SQLite and into a
# throw-away PostgreSQL server (scripts/testservers, loopback, its own data directory, stopped
# at the end), then every `dyad query` mode, every `dyad export` format and `--dump` must be
# byte-identical; a second ingest adds nothing; injection strings are data; recode agrees.
# Usage: pg_compare_test.sh DYAD SOURCE_DIR WORKDIR [PORT]
# Exits 77 (skipped) when no PostgreSQL server is installed.
set -uo pipefail
dyad=$1 src=$2 work=$3 port=${4:-$((26000 + RANDOM % 2000))}
if ! ls -d /usr/lib/postgresql/*/bin > /dev/null 2>&1; then
  echo "SKIP: no PostgreSQL server installed (scripts/install-deps --scaleout)"
  exit 77
fi
rm -rf "$work" && mkdir -p "$work" && chmod 755 "$work" || exit 1
fail() { echo "FAIL: $*" >&2; exit 1; }
cleanup() { "$src/scripts/testservers" stop postgres "$work/pg" > /dev/null 2>&1; }
trap cleanup EXIT
# A port nobody listens on.
while (echo > /dev/tcp/127.0.0.1/$port) 2> /dev/null; do port=$((port + 1)); done
url=$("$src/scripts/testservers" start postgres "$work/pg" "$port") || fail "postgres did not start"
sq=$work/news.db
news=$src/examples/news.jsonl

"$dyad" ingest "$news" --db "$sq" 2> "$work/sq.log" || fail "sqlite ingest: $(cat "$work/sq.log")"
"$dyad" ingest "$news" --db "$url" 2> "$work/pg.log" || fail "pg ingest: $(cat "$work/pg.log")"
tail -n 1 "$work/pg.log" | grep -q "inserted 40, replaced 0" || fail "pg ingest: $(tail -n 1 "$work/pg.log")"

compare() {  # compare NAME ARGS...: `dyad ARGS --db` on both stores, byte for byte
  local name=$1; shift
  "$dyad" "$@" --db "$sq" > "$work/$name.sqlite" 2> "$work/$name.sqlite.err"; local a=$?
  "$dyad" "$@" --db "$url" > "$work/$name.pg" 2> "$work/$name.pg.err"; local b=$?
  [ $a = $b ] || fail "$name: exit $a on SQLite, $b on PostgreSQL ($(cat "$work/$name.pg.err"))"
  cmp -s "$work/$name.sqlite" "$work/$name.pg" ||
    { diff "$work/$name.sqlite" "$work/$name.pg" | head -n 8 >&2; fail "$name differs"; }
  compared=$((compared + 1))
}
compared=0
compare dump query --dump
[ "$(wc -l < "$work/dump.pg")" -gt 500 ] || fail "dump too small"
for format in table csv jsonl; do
  compare "events-$format" query --limit -1 --format "$format"
  for dedup in story day; do
    compare "dedup-$dedup-$format" query --dedup "$dedup" --limit -1 --format "$format"
  done
  for bucket in day week month; do
    compare "series-$bucket-$format" query --count-by "$bucket" --format "$format"
    compare "series-$bucket-day-$format" query --count-by "$bucket" --dedup day --format "$format"
  done
  for by in dyad country source target; do
    compare "by-$by-$format" query --by "$by" --top 0 --format "$format"
    compare "by-$by-top3-$format" query --by "$by" --top 3 --dedup story --format "$format"
  done
done
compare page query --limit 5 --offset 3 --format jsonl
compare filters query --source USA --from 1990-01-01 --to 2030-12-31 --limit -1 --format jsonl
compare country query --country RUS --limit -1 --format jsonl
compare country-igo query --country IGO --limit -1 --format jsonl
compare dyad query --dyad USA,RUS --limit -1 --format csv
compare code query --code 04 --limit -1 --format csv
compare root query --root 19 --quad 4 --limit -1 --format csv
compare text query --text mali --limit -1 --format jsonl
compare text-by query --text mali --by country --format csv
compare id query --id 3 --format jsonl
compare id-missing query --id 999999 --format jsonl
for format in gdelt-events gdelt-mentions icews phoenix petrarch tabari plover csv jsonl; do
  compare "export-$format" export --format "$format"
  compare "export-day-$format" export --format "$format" --dedup day
done

# Injection strings are data: they match nothing and change nothing.
for evil in "'; DROP TABLE events; --" "USA' OR '1'='1" "\\'); DELETE FROM documents; --" "%_"; do
  compare "evil-source" query --source "$evil" --limit -1 --format csv
  compare "evil-dyad" query --dyad "$evil,$evil" --format csv
  compare "evil-country" query --country "$evil" --format csv
  "$dyad" query --db "$url" --text "$evil" --format csv > /dev/null 2>&1
done
compare dump-after-evil query --dump
cmp -s "$work/dump.pg" "$work/dump-after-evil.pg" || fail "the store changed after injection queries"

# Idempotence: a second ingest finds every document unchanged and adds nothing.
"$dyad" ingest "$news" --db "$url" 2> "$work/pg2.log" || fail "second pg ingest"
tail -n 1 "$work/pg2.log" | grep -q "skipped-unchanged 40, inserted 0, replaced 0" ||
  fail "second ingest: $(tail -n 1 "$work/pg2.log")"
"$dyad" query --db "$url" --dump | cmp -s - "$work/dump.pg" || fail "second ingest changed the store"

# Recode reads the stored parses back and rewrites nothing when the coding is the same.
"$dyad" recode --db "$sq" > "$work/recode.sqlite" 2>&1 || fail "sqlite recode: $(cat "$work/recode.sqlite")"
"$dyad" recode --db "$url" > "$work/recode.pg" 2>&1 || fail "pg recode: $(cat "$work/recode.pg")"
"$dyad" query --db "$url" --dump | cmp -s - "$work/dump.pg" || fail "recode changed the PostgreSQL store"

# A read-only verb on an empty database, and an unreachable server: clear errors, no crash.
"$dyad" query --db "${url%/dyad}/postgres" > /dev/null 2> "$work/empty.err" && fail "query of a database without a store succeeded"
grep -q "no dyad store" "$work/empty.err" || fail "empty database: $(cat "$work/empty.err")"
"$dyad" query --db "postgresql://dyad@127.0.0.1:1/dyad" > /dev/null 2> "$work/down.err" && fail "query of a closed port succeeded"
grep -q "postgresql" "$work/down.err" || fail "unreachable server: $(cat "$work/down.err")"

echo "$compared comparisons equal on SQLite and PostgreSQL; idempotent; injection strings are data"
