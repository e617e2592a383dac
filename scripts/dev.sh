#!/usr/bin/env bash
# Starts slotgate in dev mode on an embedded PostgreSQL (no Docker, no install; works as root too),
# with the demo catalogue loaded. Ctrl-C or SIGTERM stops dev mode and the database.
#   scripts/dev.sh [--reset] [PG_PORT] [extra Maven/Quarkus -D options]
#   --reset   delete this checkout's dev database first (a fresh schema and demo catalogue)
# PORT (default 8080) is the HTTP port, MANAGEMENT_PORT (default PORT + 920: 9000) health, metrics and Swagger UI. The database's data is this checkout's own:
# /tmp/slotgate-pg-$USER/dev-<checkout>/ (port PG_PORT, default 5433, or the next free one).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/jdk.sh
LAUNCHER=src/test/java/io/slotgate/testing/EmbeddedPostgres.java
NAME="dev-$(basename "$PWD")-$(pwd -P | cksum | cut -d' ' -f1)"
PORT="${PORT:-8080}"
MANAGEMENT_PORT="${MANAGEMENT_PORT:-$((PORT + 920))}"
export PORT MANAGEMENT_PORT
busy() { (echo >"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
for port in "$PORT" "$MANAGEMENT_PORT"; do
  if busy "$port"; then
    echo "Port $port is in use (another slotgate or dev mode?): stop it, or pick another with PORT=8081 scripts/dev.sh" >&2
    exit 1
  fi
done
# One dev mode per checkout: its database is this checkout's, and a second run would restart it under the first.
STATE="/tmp/slotgate-pg-$(id -un)/$NAME"
mkdir -p "$(dirname "$STATE")"
exec 9>"$STATE.lock"
if ! flock -n 9; then
  echo "This checkout's dev mode is already running ($(cat "$STATE.running" 2>/dev/null || echo 'see ps')):" \
    "use it, or stop it (Ctrl-C in its terminal, or kill its dev.sh) before starting another." \
    "A second instance needs its own checkout (git worktree add ../slotgate-2)." >&2
  exit 1
fi
echo "dev.sh pid $$, http://localhost:$PORT, management http://localhost:$MANAGEMENT_PORT" >"$STATE.running"
if [ "${1:-}" = --reset ]; then
  java "$LAUNCHER" reset --name "$NAME"
  echo "Dev database $NAME deleted"
  shift
fi
PG_PORT="${1:-}"
if [ -z "$PG_PORT" ]; then
  PG_PORT=5433
  # Another checkout's dev database may hold 5433; a port our own stale server holds is freed by start.
  while busy "$PG_PORT" && ! grep -qs "^$PG_PORT\$" "/tmp/slotgate-pg-$(id -un)/$NAME/port"; do PG_PORT=$((PG_PORT + 1)); done
fi
# Fetch the PostgreSQL binaries artifact (and everything else) once.
./mvnw -q -B dependency:resolve -DincludeScope=test >/dev/null 2>&1 || ./mvnw -q -B dependency:resolve -DincludeScope=test
URL=$(java "$LAUNCHER" start --name "$NAME" --port "$PG_PORT")
echo "$PG_PORT" >"/tmp/slotgate-pg-$(id -un)/$NAME/port"
echo "PostgreSQL ready at $URL (data: /tmp/slotgate-pg-$(id -un)/$NAME; scripts/dev.sh --reset starts afresh)"
# Maven and the dev-mode JVM it forks run in their own process group, so that a signal stops both.
setsid ./mvnw -B quarkus:dev \
  -Dquarkus.datasource.reactive.url="$URL" \
  -Dquarkus.datasource.jdbc.url="jdbc:$URL" \
  -Dquarkus.datasource.username=postgres \
  -Dquarkus.datasource.password=unused \
  -Dquarkus.console.enabled=false "${@:2}" &
DEV=$!
stop() {
  trap - INT TERM EXIT
  kill -TERM -- "-$DEV" 2>/dev/null || true
  for _ in $(seq 1 60); do kill -0 -- "-$DEV" 2>/dev/null || break; sleep 0.5; done
  kill -KILL -- "-$DEV" 2>/dev/null || true
  java "$LAUNCHER" stop --name "$NAME" || true
}
trap 'stop; exit 130' INT
trap 'stop; exit 143' TERM
trap stop EXIT
wait "$DEV"
