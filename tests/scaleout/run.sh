#!/usr/bin/env bash
# Scale-out fault tests: dyad workers on a real RabbitMQ broker writing to an SQLite store or to
# a real PostgreSQL server (Debian's rabbitmq-server and postgresql, started here on loopback
# with their own data directories and stopped at the end).
#
#   tests/scaleout/run.sh [build/dyad] [DOCS]     (make scaleout-test)
#   SCALEOUT_BACKENDS="postgres" tests/scaleout/run.sh …   (default: "sqlite postgres")
#
# Each scenario enqueues the same generated documents, runs worker processes, disturbs them
# (kill -9 a worker; restart or kill -9 the broker; restart or kill -9 PostgreSQL), and then
# requires the final store to equal the store of an undisturbed single-process `dyad ingest`
# of the same documents into SQLite (`dyad query --dump`, the same bytes on either backend:
# same documents, parses, actors and events, none missing, none doubled), an empty queue and an
# empty dead-letter queue. Throughput with 1 and 2 workers is reported with the store time per
# document the workers measure (Begin + Put + Commit). The last line is `N passed, M failed`.
set -uo pipefail
cd "$(dirname "$0")/../.."
dyad=$(realpath "${1:-build/dyad}")
docs=${2:-${SCALEOUT_DOCS:-20000}}
port=${SCALEOUT_PORT:-25800}
pgport=${SCALEOUT_PG_PORT:-$((port + 10))}
backends=${SCALEOUT_BACKENDS:-sqlite postgres}
work=$(mktemp -d /tmp/dyad-scaleout.XXXXXX)
chmod 755 "$work"  # the servers run as their own users
rmq="$work/rabbitmq"
pg="$work/postgres"
passed=0 failed=0
pids=()

log() { echo "scaleout: $*" >&2; }
cleanup() {
  for p in "${pids[@]}"; do kill -9 "$p" 2> /dev/null; done
  scripts/testservers stop rabbitmq "$rmq" || true
  [ -d "$pg" ] && { scripts/testservers stop postgres "$pg" || true; }
  rm -rf "$work"
}
trap cleanup EXIT

count_docs() {  # documents stored so far in a store (a file or a postgresql:// URL)
  case $1 in
    postgres*://*) psql "$1" -tAqc "select count(*) from documents" 2> /dev/null || echo 0 ;;
    *) python3 -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("select count(*) from documents").fetchone()[0])' "$1" 2> /dev/null || echo 0 ;;
  esac
}

new_store() {  # new_store BACKEND NAME: prints a fresh store's path or URL
  if [ "$1" = postgres ]; then
    psql "$pgurl" -qc "CREATE DATABASE \"$2\"" > /dev/null || return 1
    echo "${pgurl%/*}/$2"
  else
    echo "$work/$2.db"
  fi
}

start_postgres() {  # (re)starts the server on the same data directory; retries after a crash
  for _ in 1 2 3 4 5 6 7 8 9 10; do
    scripts/testservers start postgres "$pg" "$pgport" > /dev/null 2>&1 && return 0
    sleep 1
  done
  log "postgres did not start"; tail -n 20 "$pg/server.log" >&2
  return 1
}
queue_depth() {  # messages waiting in a queue (0 when it does not exist)
  local p
  p=$(cat "$rmq/port")
  HOME="$rmq" ERL_EPMD_PORT=$((p + 2)) rabbitmqctl -q -n "dyad$p@localhost" list_queues name messages 2> /dev/null |
    awk -v q="$1" '$1 == q { print $2; found = 1 } END { if (!found) print 0 }'
}

wait_for_docs() {  # wait_for_docs STORE N: until the store holds at least N documents
  for _ in $(seq 1 600); do
    [ "$(count_docs "$1")" -ge "$2" ] && return 0
    sleep 0.2
  done
  return 1
}

check() {  # check NAME STORE QUEUE
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
    log "PASS $name ($(count_docs "$db") documents; workers: $(reconnects "$queue") reconnects)"
    passed=$((passed + 1))
  else
    log "FAIL $name"
    failed=$((failed + 1))
  fi
}

start_workers() {  # start_workers STORE QUEUE [N]: N (3) worker processes, pids in $pids
  pids=()
  for i in $(seq 1 "${3:-3}"); do
    "$dyad" worker --amqp "$url" --queue "$2" --db "$1" -j 1 --idle-exit 8 \
      2> "$work/$2.worker$i.log" &
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

reconnects() {  # reconnects the workers of QUEUE report, summed
  cat "$work/$1".worker*.log | sed -n 's/.*; \([0-9]*\) reconnects;.*/\1/p' | awk '{ n += $1 } END { print n + 0 }'
}

store_ms() {  # the store time per document the workers of QUEUE report, averaged
  cat "$work/$1".worker*.log | sed -n 's/.*stored \([0-9]*\) .*store \([0-9.]*\) ms\/document.*/\1 \2/p' |
    awk '{ n += $1; t += $1 * $2 } END { if (n) printf "%.2f", t / n; else print "?" }'
}

# disturbed NAME BACKEND QUEUE DISTURB: 3 workers on a fresh store; once they have stored a
# third of the documents, DISTURB STORE runs; then the store is checked.
disturbed() {
  local name=$1 b=$2 q=$3 disturb=$4 db
  db=$(new_store "$b" "$q") || exit 1
  "$dyad" enqueue "$work/docs.jsonl" --amqp "$url" --queue "$q" 2> /dev/null
  start_workers "$db" "$q"
  wait_for_docs "$db" $((docs / 3))
  "$disturb" "$db"
  wait_workers
  check "$name" "$db" "$q"
}

# kill -9 one worker mid-run; the others finish its unacked messages.
kill_worker() {
  kill -9 "${pids[0]}"
  log "killed worker ${pids[0]} at $(count_docs "$1") documents"
}

# Restart the broker mid-run: durable queue, persistent messages, workers reconnect.
restart_broker() {
  log "stopping the broker at $(count_docs "$1") documents"
  scripts/testservers stop rabbitmq "$rmq"
  sleep 2
  scripts/testservers start rabbitmq "$rmq" "$port" > /dev/null || exit 1
  log "broker back"
}

# Kill the broker (SIGKILL, no clean shutdown) mid-run.
kill_broker() {
  log "killing the broker at $(count_docs "$1") documents"
  scripts/testservers kill rabbitmq "$rmq"
  sleep 1
  scripts/testservers start rabbitmq "$rmq" "$port" > /dev/null || exit 1
  log "broker back"
}

# Restart PostgreSQL mid-run (fast shutdown: open transactions are rolled back); workers drop
# both connections (the broker requeues), back off and reconnect.
restart_postgres() {
  log "stopping postgres at $(count_docs "$1") documents"
  scripts/testservers stop postgres "$pg"
  sleep 2
  start_postgres || exit 1
  log "postgres back"
}

# kill -9 PostgreSQL mid-run: crash recovery from the WAL on restart; committed documents stay,
# uncommitted ones were never acked and come again.
kill_postgres() {
  log "killing postgres at $(count_docs "$1") documents"
  scripts/testservers kill postgres "$pg"
  sleep 2
  start_postgres || exit 1
  log "postgres back"
}

python3 tests/scaleout/gen_docs.py examples/news.jsonl "$docs" > "$work/docs.jsonl"
log "$docs generated documents; undisturbed ingest for the reference store"
"$dyad" ingest "$work/docs.jsonl" --db "$work/base.db" -j 1 2> "$work/base.log" ||
  { cat "$work/base.log" >&2; exit 1; }
tail -n 1 "$work/base.log" >&2
"$dyad" query --db "$work/base.db" --dump > "$work/base.dump"

url=$(scripts/testservers start rabbitmq "$rmq" "$port") || exit 1
log "broker at $url"
if [[ " $backends " == *" postgres "* ]]; then
  pgurl=$(scripts/testservers start postgres "$pg" "$pgport") || exit 1
  log "postgres at $pgurl"
fi

for backend in $backends; do
  b=$backend

  # Throughput, undisturbed: 1, 2 and 3 workers (3 is the plain scenario of the issue).
  for n in 1 2 3; do
    q=plain$n-$b
    db=$(new_store "$b" "$q") || exit 1
    "$dyad" enqueue "$work/docs.jsonl" --amqp "$url" --queue "$q" 2> /dev/null
    start=$(date +%s.%N)
    start_workers "$db" "$q" "$n"
    wait_workers
    log "$b, $n worker(s): $(python3 -c "print(round($docs / ($(date +%s.%N) - $start - 8), 1))") documents/s (idle-exit wait excluded); store $(store_ms "$q") ms/document"
    check "$q" "$db" "$q"
  done

  disturbed "kill-9-worker-$b" "$b" "killed-$b" kill_worker
  disturbed "broker-restart-$b" "$b" "restart-$b" restart_broker
  disturbed "broker-kill-9-$b" "$b" "crash-$b" kill_broker
  if [ "$b" = postgres ]; then
    disturbed postgres-restart "$b" pgrestart restart_postgres
    disturbed postgres-kill-9 "$b" pgcrash kill_postgres
  fi
done

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
