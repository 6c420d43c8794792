#!/usr/bin/env bash
# Runs a command with DYAD_TEST_PG_URL pointing at a throw-away PostgreSQL server
# (scripts/testservers on a free loopback port, data under WORKDIR), stopped afterwards.
# Usage: with_postgres.sh SOURCE_DIR WORKDIR COMMAND [ARGS…]
# Exits 77 (skipped) when no PostgreSQL server is installed.
set -uo pipefail
src=$1 work=$2; shift 2
if ! ls -d /usr/lib/postgresql/*/bin > /dev/null 2>&1; then
  echo "SKIP: no PostgreSQL server installed (scripts/install-deps --scaleout)"
  exit 77
fi
rm -rf "$work" && mkdir -p "$work" && chmod 755 "$work" || exit 1
trap '"$src/scripts/testservers" stop postgres "$work/pg" > /dev/null 2>&1' EXIT
port=$((28000 + RANDOM % 2000))
while (echo > /dev/tcp/127.0.0.1/$port) 2> /dev/null; do port=$((port + 1)); done
url=$("$src/scripts/testservers" start postgres "$work/pg" "$port") || exit 1
DYAD_TEST_PG_URL=$url "$@"
