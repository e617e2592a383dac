#!/usr/bin/env bash
# A second slotgate on :8090 acting as a wholesale gateway in front of the dev-mode slotgate on :8080
# (start that first with scripts/dev.sh). The gateway has its own embedded PostgreSQL, routes tenant
# RETAIL1's fttp and ftthl2r to supplier "openfibre-remote" (adapter http) = the :8080 instance,
# where it acts as tenant TENANT1. Stops its database on exit. Usage: scripts/gateway-demo.sh
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/jdk.sh
[ -f target/quarkus-app/quarkus-run.jar ] || ./mvnw -q -B package -DskipTests
LAUNCHER=src/test/java/io/slotgate/testing/EmbeddedPostgres.java
URL=$(java "$LAUNCHER" start --name gateway --port 5434)
trap 'kill $APP 2>/dev/null; java "$LAUNCHER" stop --name gateway' EXIT
PUBLIC_KEY=$(grep -v '^-----' dev/dev-signing-key.pub.pem | tr -d '\n')
java -Dquarkus.http.port=8090 -Dquarkus.management.port=9010 \
  -Dquarkus.datasource.reactive.url="$URL" -Dquarkus.datasource.jdbc.url="jdbc:$URL" \
  -Dquarkus.datasource.username=postgres -Dquarkus.datasource.password=unused \
  -Dquarkus.oidc.public-key="$PUBLIC_KEY" -Dquarkus.oidc.token.issuer=slotgate-dev \
  -Dslotgate.hub.secret-key="$(openssl rand -base64 32)" \
  -Dquarkus.log.console.json.enabled=false \
  -Dslotgate.remote-suppliers.openfibre-remote.url=http://localhost:8080 \
  -Dslotgate.remote-suppliers.openfibre-remote.tenant=TENANT1 \
  -Dslotgate.remote-suppliers.openfibre-remote.token="$(scripts/token.sh TENANT1 appointments 1440)" \
  -jar target/quarkus-app/quarkus-run.jar &
APP=$!
until curl -sf localhost:9010/q/health/ready >/dev/null 2>&1; do sleep 1; done
ADMIN=(-H "Authorization: Bearer $(scripts/token.sh RETAIL1)" -H "Tenant: RETAIL1" -H 'Content-Type: application/json')
# RETAIL1 owns its connection to the remote supplier and routes its own requests to it (re-runs answer 409: kept).
curl -s -o /dev/null localhost:8090/admin/v1/suppliers "${ADMIN[@]}" -d '{"id": "openfibre-remote", "adapter": "http"}'
for spec in fttp ftthl2r; do
  curl -s -o /dev/null localhost:8090/admin/v1/routes "${ADMIN[@]}" -d "{\"serviceSpecification\": \"$spec\", \"supplierId\": \"openfibre-remote\"}"
done
echo "Gateway ready on http://localhost:8090 (tenant RETAIL1 -> supplier http://localhost:8080 as TENANT1). Ctrl-C stops it."
wait $APP
