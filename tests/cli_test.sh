#!/usr/bin/env bash
# End-to-end checks of the dyad binary: verbs, stdin, formats, exit codes, run summaries.
set -u
dyad="$1"; src="$2"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
pass=0; fail=0
check() {  # check NAME EXPECTED_RC COMMAND... ; output in $tmp/out, $tmp/err
  local name="$1" want="$2"; shift 2
  "$@" >"$tmp/out" 2>"$tmp/err"; local rc=$?
  if [ "$rc" -eq "$want" ]; then pass=$((pass+1)); else fail=$((fail+1)); echo "FAIL $name: exit $rc, want $want"; cat "$tmp/err"; fi
}
expect() {  # expect NAME FILE PATTERN
  if grep -q -- "$3" "$2"; then pass=$((pass+1)); else fail=$((fail+1)); echo "FAIL $1: no '$3' in $2"; cat "$2"; fi
}

check help 0 "$dyad" --help
expect help-lists-verbs "$tmp/out" "segment"
expect help-exit-codes "$tmp/out" "Exit codes"
check usage 1 "$dyad" segment --no-such-flag
check no-verb 1 "$dyad"
check missing-file 2 "$dyad" segment "$tmp/nope.jsonl"
expect missing-file-msg "$tmp/err" "nope.jsonl: cannot open"

check stdin-text 0 sh -c "printf 'Kerry left. He returned.' | '$dyad' segment -f text -"
expect stdin-text-out "$tmp/out" "^He returned .$"
check example-corpus 0 "$dyad" segment -f conllu "$src/examples/news.jsonl"
expect example-summary "$tmp/err" "read 40, ok 40, failed 0"
expect example-dateline "$tmp/out" "# dateline = "

# dyad code is a deterministic filter: shards coded apart and concatenated = one run (how it
# runs under GNU parallel, Spark's RDD.pipe or Hadoop Streaming; README, Scale-out).
"$dyad" code "$src/examples/news.jsonl" > "$tmp/whole.events" 2>/dev/null
split -n l/3 -d "$src/examples/news.jsonl" "$tmp/shard."
for s in "$tmp"/shard.0*; do "$dyad" code - < "$s" 2>/dev/null; done > "$tmp/sharded.events"
check shards-equal-one-run 0 cmp "$tmp/whole.events" "$tmp/sharded.events"
check shards-not-empty 0 test -s "$tmp/whole.events"

printf '%s\n' '{"id":"a","date":"2013-04-30","text":"Fine."}' '{"id":"b","text":' '{"id":"c","date":"2013-02-30","text":"Odd date."}' > "$tmp/mixed.jsonl"
check bad-records 2 "$dyad" segment -f jsonl --date 2013-05-01 "$tmp/mixed.jsonl"
expect bad-summary "$tmp/err" "read 3, ok 2, failed 1, warnings 1"
expect bad-line "$tmp/err" "mixed.jsonl:2: malformed JSON"
expect bad-date "$tmp/err" "not a calendar date"
expect date-fallback "$tmp/out" '"doc_id":"c".*"date":"2013-05-01"'
check bad-date-flag 1 "$dyad" segment --date 2013-02-30 "$tmp/mixed.jsonl"

check bench 0 "$dyad" bench -j 1 --stages segment "$src/examples/news.jsonl"
expect bench-json "$tmp/out" '"sentences_per_sec"'
expect bench-stages "$tmp/out" '"segment"'

printf 'Strider came to Minas Tirith. He stayed.' > "$tmp/strider.txt"
check actors 0 "$dyad" actors --date 3020-01-01 --dictionaries "$src/src/dict/testdata/dyad" "$tmp/strider.txt"
expect actors-dict "$tmp/out" '"sentence":1,"begin":0,"end":7,"text":"Strider","code":"GONGOV","how":"actors/people-middle-earth.txt:1"'
expect actors-pronoun "$tmp/out" '"text":"He","code":"GONGOV","how":"pronoun -> 0 (Strider)","coref_of":0'
check actors-petrarch 0 "$dyad" actors --date 3019-01-01 --dictionaries "$src/src/dict/testdata/petrarch/config/PETR_config.ini" "$tmp/strider.txt"
expect actors-petrarch-code "$tmp/out" '"text":"Strider","code":"ARNREB"'
expect actors-dict-warning "$tmp/err" 'Mini.People.actors.txt:8: date "2950101" is not YYMMDD'
check actors-no-dict 2 "$dyad" actors --dictionaries "$tmp/nope" "$tmp/strider.txt"
expect actors-no-dict-msg "$tmp/err" "nope: cannot open"

printf '%s\n' '{"id":"a","date":"3020-01-01","text":"Strider came to Minas Tirith. Arnor waited."}' > "$tmp/middle-earth.jsonl"
check eval-actors 0 "$dyad" eval actors --news "$tmp/middle-earth.jsonl" --dictionaries "$src/src/dict/testdata/dyad" --reference "$src/src/dict/testdata/petrarch/config/PETR_config.ini"
expect eval-actors-json "$tmp/out" '"coverage_percent":100.0,"covered":3,.*"reference_mentions":3'

# dyad code's export formats: every line has the format's column count; DATEADDED as asked.
for fc in gdelt-events:61 gdelt-mentions:16 icews:20 phoenix:26 petrarch:7 tabari:4; do
  check "code-${fc%:*}-columns" 0 sh -c "'$dyad' code --format ${fc%:*} '$src/examples/news.jsonl' 2>/dev/null | awk -F'\t' 'NF != ${fc#*:} {bad = 1} END {exit bad || NR < 2}'"
done
check code-date-added 0 "$dyad" code --format gdelt-events --date-added 20200101120000 "$src/examples/news.jsonl"
expect code-date-added-out "$tmp/out" "	20200101120000	http"
check code-csv 0 "$dyad" code --format csv "$src/examples/news.jsonl"
expect code-csv-header "$tmp/out" "^event_id,doc_id,published,"
check code-bad-date-added 1 "$dyad" code --date-added 2020-01-01 "$src/examples/news.jsonl"
expect code-bad-date-added-msg "$tmp/err" "is not 14 digits"
# Caps on pathological input (issue 10): what they cut is a warning, never silent.
printf 'word %.0s' $(seq 600) > "$tmp/long.txt"
check caps 0 "$dyad" segment -f text --date 2013-04-30 --max-document-bytes 2000 --max-sentence-tokens 100 "$tmp/long.txt"
expect caps-bytes "$tmp/err" 'document truncated to 2000 of 3000 bytes (--max-document-bytes)'
expect caps-tokens "$tmp/err" '3 sentences cut at 100 tokens (--max-sentence-tokens)'
check caps-bad 1 "$dyad" segment --max-sentence-tokens 1 "$tmp/long.txt"

# dyad serve answers from an event store only: --corpus is coded into a temporary store (or
# --db) as `dyad ingest` codes it, and that store goes at exit.
serve_pid=""
serve_start() {  # serve_start LOG ARGS... : starts dyad serve on a free port, sets $port
  local log="$1"; shift
  "$dyad" serve --port 0 "$@" 2>"$log" & serve_pid=$!
  port=""
  for _ in $(seq 1 600); do
    port=$(sed -n 's|.*http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$log")
    [ -n "$port" ] && return 0
    kill -0 "$serve_pid" 2>/dev/null || return 1
    sleep 0.1
  done
  return 1
}
serve_stop() { kill -TERM "$serve_pid"; wait "$serve_pid"; }
if command -v curl >/dev/null; then
  mkdir -p "$tmp/t"
  TMPDIR="$tmp/t" serve_start "$tmp/serve-corpus.log" --corpus "$src/examples/news.jsonl" -j 2
  check serve-corpus-temp-store 0 sh -c "ls -d '$tmp'/t/dyad-serve-*/events.db"
  curl -s "http://127.0.0.1:$port/v1/events?limit=1000" > "$tmp/serve-corpus.json"
  curl -s "http://127.0.0.1:$port/v1/dyads?limit=1000" > "$tmp/serve-corpus-dyads.json"
  check serve-corpus-stop 0 serve_stop
  check serve-corpus-temp-gone 0 sh -c "[ -z \"\$(ls -A '$tmp/t')\" ]"
  expect serve-corpus-summary "$tmp/serve-corpus.log" "dyad serve: read 40, ok 40, failed 0, .* inserted 40,"
  check ingest-for-serve 0 "$dyad" ingest -j 2 --db "$tmp/serve.db" "$src/examples/news.jsonl"
  serve_start "$tmp/serve-db.log" --db "$tmp/serve.db"
  curl -s "http://127.0.0.1:$port/v1/events?limit=1000" > "$tmp/serve-db.json"
  curl -s "http://127.0.0.1:$port/v1/dyads?limit=1000" > "$tmp/serve-db-dyads.json"
  serve_stop
  check serve-corpus-equals-ingest 0 cmp "$tmp/serve-corpus.json" "$tmp/serve-db.json"
  check serve-corpus-dyads-equal 0 cmp "$tmp/serve-corpus-dyads.json" "$tmp/serve-db-dyads.json"
  expect serve-corpus-has-events "$tmp/serve-corpus.json" '"doc_id":"dyad-ex-001"'
  # --corpus with --db codes into that store and leaves it; a second start skips what it holds.
  serve_start "$tmp/serve-into.log" --db "$tmp/into.db" --corpus "$src/examples/news.jsonl"
  serve_stop
  serve_start "$tmp/serve-into2.log" --db "$tmp/into.db" --corpus "$src/examples/news.jsonl"
  curl -s "http://127.0.0.1:$port/v1/events?limit=1000" > "$tmp/serve-into.json"
  serve_stop
  expect serve-into-skips "$tmp/serve-into2.log" "skipped-unchanged 40, inserted 0"
  check serve-into-equals-ingest 0 cmp "$tmp/serve-into.json" "$tmp/serve-db.json"
  # No --db, no --corpus: an empty store that /v1/ingest writes to.
  printf 'a-token-of-some-length\n' > "$tmp/token"
  TMPDIR="$tmp/t" serve_start "$tmp/serve-empty.log" --allow-ingest --token-file "$tmp/token"
  curl -s "http://127.0.0.1:$port/v1/health" > "$tmp/serve-empty-health.json"
  curl -s -H 'Authorization: Bearer a-token-of-some-length' -H 'Content-Type: text/plain' \
    --data 'John Kerry met Sergei Lavrov in Moscow on Tuesday.' \
    "http://127.0.0.1:$port/v1/ingest?date=2013-04-30&id=k" > "$tmp/serve-ingest.json"
  curl -s "http://127.0.0.1:$port/v1/events?q=Sergei" > "$tmp/serve-empty-events.json"
  serve_stop
  expect serve-empty-starts-empty "$tmp/serve-empty-health.json" '"events":0,'
  expect serve-empty-ingests "$tmp/serve-empty-events.json" '"doc_id":"k"'
  check serve-empty-temp-gone 0 sh -c "[ -z \"\$(ls -A '$tmp/t')\" ]"
else
  echo "skipped dyad serve checks: no curl"
fi

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
