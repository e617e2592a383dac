#!/usr/bin/env bash
# Starts slotgate in dev mode on an embedded PostgreSQL (no Docker, no install; works as root too),
# with the demo catalogue loaded. Stops the database again on exit. Usage: scripts/dev.sh [PG_PORT]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/jdk.sh
PG_PORT="${1:-5433}"
LAUNCHER=src/test/java/io/slotgate/testing/EmbeddedPostgres.java
# Fetch the PostgreSQL binaries artifact (and everything else) once.
./mvnw -q -B dependency:resolve -DincludeScope=test >/dev/null
URL=$(java "$LAUNCHER" start --name dev --port "$PG_PORT")
trap 'java "$LAUNCHER" stop --name dev' EXIT
echo "PostgreSQL ready at $URL"
./mvnw -B quarkus:dev \
  -Dquarkus.datasource.reactive.url="$URL" \
  -Dquarkus.datasource.jdbc.url="jdbc:$URL" \
  -Dquarkus.datasource.username=postgres \
  -Dquarkus.datasource.password=unused \
  -Dquarkus.console.enabled=false "${@:2}"
