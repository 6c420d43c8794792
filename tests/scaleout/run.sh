#!/usr/bin/env bash
# Scale-out fault tests: dyad workers on a real RabbitMQ broker (Debian's rabbitmq-server,
# started here on loopback with its own data directory and stopped at the end).
#
#   tests/scaleout/run.sh [build/dyad] [DOCS]     (make scaleout-test)
#
# Each scenario enqueues the same generated documents, runs 3 worker processes, disturbs them,
# and then requires the final store to equal the store of an undisturbed single-process
# `dyad ingest` of the same documents (`dyad query --dump`: same documents, parses, actors
# and events, none missing, none doubled), an empty queue and an empty dead-letter queue.
# The last line is `N passed, M failed`.
set -uo pipefail
cd "$(dirname "$0")/../.."
dyad=$(realpath "${1:-build/dyad}")
docs=${2:-${SCALEOUT_DOCS:-20000}}
port=${SCALEOUT_PORT:-25800}
work=$(mktemp -d /tmp/dyad-scaleout.XXXXXX)
chmod 755 "$work"  # the broker runs as its own user
rmq="$work/rabbitmq"
passed=0 failed=0

log() { echo "scaleout: $*" >&2; }
cleanup() {
  pkill -9 -f "$dyad worker" 2> /dev/null || true
  scripts/testservers stop rabbitmq "$rmq" || true
  rm -rf "$work"
}
trap cleanup EXIT

count_docs() {  # documents stored so far in a store file
  python3 -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("select count(*) from documents").fetchone()[0])' "$1" 2> /dev/null || echo 0
}

queue_depth() {  # messages waiting in a queue (0 when it does not exist)
  local p
  p=$(cat "$rmq/port")
  HOME="$rmq" ERL_EPMD_PORT=$((p + 2)) rabbitmqctl -q -n "dyad$p@localhost" list_queues name messages 2> /dev/null |
    awk -v q="$1" '$1 == q { print $2; found = 1 } END { if (!found) print 0 }'
}

wait_for_docs() {  # wait_for_docs DB N: until the store holds at least N documents
  for _ in $(seq 1 600); do
    [ "$(count_docs "$1")" -ge "$2" ] && return 0
    sleep 0.2
  done
  return 1
}

check() {  # check NAME DB QUEUE
  local name=$1 db=$2 queue=$3 ok=1
  local left dead
  left=$(queue_depth "$queue")
  dead=$(queue_depth "$queue.dead")
  [ "$left" = 0 ] || { log "$name: $left messages left in $queue"; ok=0; }
  [ "$dead" = 0 ] || { log "$name: $dead messages dead-lettered"; ok=0; }
  "$dyad" query --db "$db" --dump > "$work/$name.dump"
  if ! cmp -s "$work/base.dump" "$work/$name.dump"; then
    log "$name: store differs from the undisturbed ingest ($(diff "$work/base.dump" "$work/$name.dump" | grep -c '^[<>]') lines)"
    diff "$work/base.dump" "$work/$name.dump" | head -n 6 >&2
    ok=0
  fi
  if [ $ok = 1 ]; then
    log "PASS $name ($(count_docs "$db") documents)"
    passed=$((passed + 1))
  else
    log "FAIL $name"
    failed=$((failed + 1))
  fi
}

start_workers() {  # start_workers DB QUEUE: 3 worker processes, pids in $pids
  pids=()
  for i in 1 2 3; do
    "$dyad" worker --amqp "$url" --queue "$2" --db "$1" -j 1 --idle-exit 8 \
      2> "$work/$(basename "$1" .db).worker$i.log" &
    pids+=($!)
  done
}

wait_workers() {  # until the workers exit (idle); after 15 minutes they are killed: a hang
  for _ in $(seq 1 4500); do
    local alive=0
    for p in "${pids[@]}"; do kill -0 "$p" 2> /dev/null && alive=1; done
    [ $alive = 0 ] && break
    sleep 0.2
  done
  for p in "${pids[@]}"; do
    kill -0 "$p" 2> /dev/null && { log "worker $p hangs; killed"; kill -9 "$p"; }
    wait "$p" 2> /dev/null
  done
}

python3 tests/scaleout/gen_docs.py examples/news.jsonl "$docs" > "$work/docs.jsonl"
log "$docs generated documents; undisturbed ingest for the reference store"
"$dyad" ingest "$work/docs.jsonl" --db "$work/base.db" -j 1 2> "$work/base.log" ||
  { cat "$work/base.log" >&2; exit 1; }
tail -n 1 "$work/base.log" >&2
"$dyad" query --db "$work/base.db" --dump > "$work/base.dump"

url=$(scripts/testservers start rabbitmq "$rmq" "$port") || exit 1
log "broker at $url"

# 1. Undisturbed: three workers.
"$dyad" enqueue "$work/docs.jsonl" --amqp "$url" --queue plain 2> /dev/null
start=$(date +%s.%N)
start_workers "$work/plain.db" plain
wait_workers
log "3 workers: $(python3 -c "print(round($docs / ($(date +%s.%N) - $start - 8), 1))") documents/s (idle-exit wait excluded)"
check plain "$work/plain.db" plain

# 2. kill -9 one worker mid-run; the others finish its unacked messages.
"$dyad" enqueue "$work/docs.jsonl" --amqp "$url" --queue killed 2> /dev/null
start_workers "$work/killed.db" killed
wait_for_docs "$work/killed.db" $((docs / 3))
kill -9 "${pids[0]}"
log "killed worker ${pids[0]} at $(count_docs "$work/killed.db") documents"
wait_workers
check kill-9-worker "$work/killed.db" killed

# 3. Restart the broker mid-run: durable queue, persistent messages, workers reconnect.
"$dyad" enqueue "$work/docs.jsonl" --amqp "$url" --queue restart 2> /dev/null
start_workers "$work/restart.db" restart
wait_for_docs "$work/restart.db" $((docs / 3))
log "stopping the broker at $(count_docs "$work/restart.db") documents"
scripts/testservers stop rabbitmq "$rmq"
sleep 2
scripts/testservers start rabbitmq "$rmq" "$port" > /dev/null || exit 1
log "broker back"
wait_workers
check broker-restart "$work/restart.db" restart

# 4. Kill the broker (SIGKILL, no clean shutdown) mid-run.
"$dyad" enqueue "$work/docs.jsonl" --amqp "$url" --queue crash 2> /dev/null
start_workers "$work/crash.db" crash
wait_for_docs "$work/crash.db" $((docs / 3))
log "killing the broker at $(count_docs "$work/crash.db") documents"
scripts/testservers kill rabbitmq "$rmq"
sleep 1
scripts/testservers start rabbitmq "$rmq" "$port" > /dev/null || exit 1
log "broker back"
wait_workers
check broker-kill-9 "$work/crash.db" crash

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
