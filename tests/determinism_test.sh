#!/usr/bin/env bash
# Determinism (issue 10): `dyad code` (and `dyad parse`) give byte-identical output with 1 and 2
# threads, and across two runs.
# Usage: determinism_test.sh DYAD SOURCE_DIR examples
#        determinism_test.sh DYAD SOURCE_DIR news50k SHARED_DIR [SENTENCES]
#   news50k: the first documents of SHARED_DIR/data/bench/news50k.jsonl that hold at least
#   SENTENCES (5000) sentences.
set -euo pipefail
dyad=$1; src=$2; what=$3
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
case $what in
  examples) input=$src/examples/news.jsonl ;;
  news50k)
    shared=$4; want=${5:-5000}
    corpus=$shared/data/bench/news50k.jsonl
    [ -f "$corpus" ] || { echo "determinism: $corpus missing"; exit 1; }
    # Segment a generous head of the corpus; the document of the want-th sentence is the last
    # one taken (documents keep their input order; sentences carry their doc_id).
    head -n $((want * 2)) "$corpus" >"$tmp/head.jsonl"
    last=$("$dyad" segment -f jsonl "$tmp/head.jsonl" 2>/dev/null |
           sed -n "${want}p" | sed 's/^{"doc_id":"\([^"]*\)".*/\1/')
    [ -n "$last" ] || { echo "determinism: fewer than $want sentences in the head"; exit 1; }
    n=$(grep -n -m1 -F "\"id\": \"$last\"" "$tmp/head.jsonl" | cut -d: -f1)
    [ -n "$n" ] || { echo "determinism: cannot find document $last"; exit 1; }
    head -n "$n" "$tmp/head.jsonl" >"$tmp/input.jsonl"
    input=$tmp/input.jsonl
    sentences=$("$dyad" segment -f jsonl "$input" 2>/dev/null | wc -l)
    echo "news50k: first $n documents, $sentences sentences"
    ;;
  *) echo "usage: $0 DYAD SOURCE_DIR examples|news50k [SHARED_DIR]"; exit 1 ;;
esac

fail=0
check() {  # check NAME ARGS...: runs `dyad ARGS` -j1, -j2, -j2 and compares stdout
  local name=$1; shift
  "$dyad" "$@" -j 1 >"$tmp/$name.j1" 2>"$tmp/$name.err1"
  "$dyad" "$@" -j 2 >"$tmp/$name.j2a" 2>"$tmp/$name.err2"
  "$dyad" "$@" -j 2 >"$tmp/$name.j2b" 2>/dev/null
  local lines; lines=$(wc -l <"$tmp/$name.j1")
  if [ "$lines" -eq 0 ]; then
    echo "FAIL $name: no output"; cat "$tmp/$name.err1"; fail=1; return
  fi
  for other in j2a j2b; do
    if ! cmp -s "$tmp/$name.j1" "$tmp/$name.$other"; then
      echo "FAIL $name: -j 1 and run $other differ:"
      diff "$tmp/$name.j1" "$tmp/$name.$other" | head -10
      fail=1
      return
    fi
  done
  # The run summaries' counts (read / ok / failed / warnings, before the timings) agree too.
  local s1 s2
  s1=$(tail -1 "$tmp/$name.err1" | cut -d';' -f1); s2=$(tail -1 "$tmp/$name.err2" | cut -d';' -f1)
  if [ "$s1" != "$s2" ]; then
    echo "FAIL $name: summaries differ: $s1 / $s2"
    fail=1
    return
  fi
  echo "ok $name: $lines lines, $(md5sum <"$tmp/$name.j1" | cut -c1-12), identical with -j 1, -j 2, -j 2"
}
check code code --all-events "$input"
check code_default code "$input"
check parse parse "$input"
exit $fail
