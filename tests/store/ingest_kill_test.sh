#!/usr/bin/env bash
# `dyad ingest` is idempotent and crash-safe: kill -9 at several moments of an ingest, then
# rerun to the end, and the store holds exactly the rows of an uninterrupted run (compared as
# `dyad query --dump`, a canonical text of every table). Rerunning a finished ingest adds
# nothing. Usage: ingest_kill_test.sh DYAD CORPUS.jsonl WORKDIR [DOCS]
set -uo pipefail
dyad=$1 corpus=$2 work=$3 docs=${4:-2000}
rm -rf "$work" && mkdir -p "$work" || exit 1
# A slice of the corpus in the build tree (test input only; nothing is copied into the repo).
head -n "$docs" "$corpus" > "$work/corpus.jsonl"
fail() { echo "FAIL: $*" >&2; exit 1; }
# Exit 2 is fine: the corpus has records without text, reported and counted as failed.
ingest() {
  "$dyad" ingest "$work/corpus.jsonl" --db "$1" -j 2 --batch 8 2>>"$work/log"
  local rc=$?
  [ $rc -eq 0 ] || [ $rc -eq 2 ] || return $rc
}

ingest "$work/ref.db" || fail "uninterrupted ingest exited $?"
"$dyad" query --db "$work/ref.db" --dump > "$work/ref.dump" || fail "dump of ref.db"
events=$(grep -c '^"event"' "$work/ref.dump")
[ "$events" -gt 0 ] || fail "the reference store has no events"

# Idempotence: the same input again stores nothing new and changes no row.
ingest "$work/ref.db" || fail "second ingest exited $?"
tail -n 1 "$work/log" | grep -q "inserted 0, replaced 0" || fail "rerun stored rows: $(tail -n 1 "$work/log")"
"$dyad" query --db "$work/ref.db" --dump | cmp -s - "$work/ref.dump" || fail "rerun changed the store"

# Crash runs: kill -9 after varied delays; each rerun goes on from what was committed.
kills=0
for delay in 0.25 0.6 0.4 0.9 0.5 1.2 0.7; do
  # dyad itself in the background (not a shell function, whose $! would be a subshell).
  "$dyad" ingest "$work/corpus.jsonl" --db "$work/crash.db" -j 2 --batch 8 2>>"$work/log" &
  pid=$!
  sleep "$delay"
  if kill -0 "$pid" 2>/dev/null; then
    kill -9 "$pid" && kills=$((kills + 1))
  fi
  wait "$pid" 2>/dev/null
done
ingest "$work/crash.db" || fail "final ingest after the kills exited $?"
"$dyad" query --db "$work/crash.db" --dump > "$work/crash.dump" || fail "dump of crash.db"
if ! cmp -s "$work/ref.dump" "$work/crash.dump"; then
  diff "$work/ref.dump" "$work/crash.dump" | head -n 20 >&2
  fail "the store after $kills kills differs from the uninterrupted run"
fi
[ "$kills" -ge 1 ] || fail "no ingest was still running when killed (corpus too small to test crashes)"
echo "ok: $kills kill -9s, $(grep -c '^"document"' "$work/ref.dump") documents and $events events identical"
