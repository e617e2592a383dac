#!/usr/bin/env bash
# A local Keycloak (org.keycloak:keycloak-quarkus-dist from Maven Central; no Docker) with the slotgate realm
# from dev/keycloak/slotgate-realm.json: client-credentials clients whose tokens carry `scope` and a `tenants`
# claim. For trying production mode and for the interop check; not a production Keycloak (dev mode, H2).
#   scripts/keycloak.sh start [PORT]   starts it in the background (default port 8180), waits until the realm answers
#   scripts/keycloak.sh stop [PORT]
#   scripts/keycloak.sh run [PORT]     in the foreground
# Log: target/keycloak/keycloak-PORT.log. Realm: http://localhost:PORT/realms/slotgate
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/jdk.sh
VERSION=26.5.6
cmd="${1:-start}"
PORT="${2:-8180}"
home="target/keycloak/keycloak-$VERSION"
pidfile="target/keycloak/keycloak-$PORT.pid"
if [ "$cmd" = stop ]; then
  if [ -f "$pidfile" ]; then
    kill "$(cat "$pidfile")" 2>/dev/null || true
    rm -f "$pidfile"
  fi
  exit 0
fi
if [ ! -x "$home/bin/kc.sh" ]; then
  ./mvnw -q -B dependency:copy -Dartifact="org.keycloak:keycloak-quarkus-dist:$VERSION:zip" \
    -DoutputDirectory=target/keycloak >/dev/null 2>&1
  (cd target/keycloak && unzip -q -o "keycloak-quarkus-dist-$VERSION.zip")
fi
# The realm comes from the repository at every start: Keycloak skips the import of a realm its database already
# holds, so a stored one would hide clients added to the JSON since (its dev H2 database is dropped here).
rm -rf "$home/data/h2"
mkdir -p "$home/data/import"
cp dev/keycloak/slotgate-realm.json "$home/data/import/"
export KC_BOOTSTRAP_ADMIN_USERNAME="${KC_BOOTSTRAP_ADMIN_USERNAME:-admin}"
export KC_BOOTSTRAP_ADMIN_PASSWORD="${KC_BOOTSTRAP_ADMIN_PASSWORD:-admin}"
args=(start-dev --http-port "$PORT" --import-realm --health-enabled=false)
if [ "$cmd" = run ]; then
  exec "$home/bin/kc.sh" "${args[@]}"
fi
log="target/keycloak/keycloak-$PORT.log"
"$home/bin/kc.sh" "${args[@]}" >"$log" 2>&1 &
echo $! >"$pidfile"
for _ in $(seq 1 240); do
  if curl -sf "http://localhost:$PORT/realms/slotgate/.well-known/openid-configuration" >/dev/null; then
    echo "Keycloak ready: http://localhost:$PORT/realms/slotgate"
    exit 0
  fi
  kill -0 "$(cat "$pidfile")" 2>/dev/null || { echo "Keycloak exited; see $log" >&2; tail -20 "$log" >&2; exit 1; }
  sleep 0.5
done
echo "Keycloak did not answer within 120 s; see $log" >&2
exit 1
