#!/usr/bin/env bash
# A local PostgreSQL 16 for trying production mode without a database server of your own (the same embedded
# server scripts/dev.sh uses: no Docker, no install, works as root). Prints its URL.
#   scripts/postgres.sh start [PORT]   default port 5434; data in /tmp/slotgate-pg-$USER/local/
#   scripts/postgres.sh stop | reset   (reset deletes the data)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/jdk.sh
LAUNCHER=src/test/java/io/slotgate/testing/EmbeddedPostgres.java
./mvnw -q -B dependency:resolve -DincludeScope=test >/dev/null 2>&1 || ./mvnw -q -B dependency:resolve -DincludeScope=test
case "${1:-start}" in
  start) java "$LAUNCHER" start --name local --port "${2:-5434}" ;;
  stop) java "$LAUNCHER" stop --name local ;;
  reset) java "$LAUNCHER" reset --name local ;;
  *) echo "usage: scripts/postgres.sh start [PORT] | stop | reset" >&2; exit 2 ;;
esac
