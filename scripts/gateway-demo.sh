#!/usr/bin/env bash
# A second slotgate on :8090 acting as a wholesale gateway in front of the dev-mode slotgate on :8080
# (start that first with scripts/dev.sh). The gateway has its own embedded PostgreSQL; its operator GATEWAY-OPS
# offers supplier "openfibre-remote" (adapter http) = the :8080 instance to RETAIL1, which routes its fttp and
# ftthl2r there,
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
OWNER=(-H "Authorization: Bearer $(scripts/token.sh GATEWAY-OPS)" -H "Tenant: GATEWAY-OPS" -H 'Content-Type: application/json')
ADMIN=(-H "Authorization: Bearer $(scripts/token.sh RETAIL1)" -H "Tenant: RETAIL1" -H 'Content-Type: application/json')
# The gateway's operator (tenant GATEWAY-OPS) owns the connection to the remote supplier and offers it to RETAIL1;
# the offer routes nothing: RETAIL1 chooses it for its own fttp and ftthl2r (re-runs answer 409: kept).
curl -s -o /dev/null localhost:8090/admin/v1/suppliers "${OWNER[@]}" -d '{"id": "openfibre-remote", "adapter": "http"}'
curl -s -o /dev/null localhost:8090/admin/v1/suppliers/openfibre-remote/grants "${OWNER[@]}" \
  -d '{"tenant": "RETAIL1", "serviceSpecifications": ["fttp", "ftthl2r"]}'
for spec in fttp ftthl2r; do
  curl -s -o /dev/null localhost:8090/admin/v1/routes "${ADMIN[@]}" \
    -d "{\"serviceSpecification\": \"$spec\", \"supplierId\": \"openfibre-remote\", \"supplierTenant\": \"GATEWAY-OPS\"}"
done
echo "Gateway ready on http://localhost:8090 (tenant RETAIL1 -> supplier http://localhost:8080 as TENANT1). Ctrl-C stops it."
wait $APP
