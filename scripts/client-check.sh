#!/usr/bin/env bash
# The API document makes working clients (issue 27): openapi-generator turns the build's document
# (target/openapi/openapi.json) into a Java client (clients/java), whose test books through it, and newman runs the
# Postman collection's walkthrough (dev/postman), both against a slotgate started here (packaged jar, embedded
# PostgreSQL, demo catalogue, dev-signed tokens). Run after ./mvnw package. Stops only what it started. Prints the
# wholesale client's methods.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/jdk.sh
[ -f target/openapi/openapi.json ] && [ -f target/quarkus-app/quarkus-run.jar ] || ./mvnw -q -B package -DskipTests
LAUNCHER=src/test/java/io/slotgate/testing/EmbeddedPostgres.java
PORT="${CLIENT_CHECK_PORT:-18090}"
URL=$(java "$LAUNCHER" start --name client-check --port "${CLIENT_CHECK_PG_PORT:-15436}")
APP=
cleanup() {
  [ -n "$APP" ] && kill "$APP" 2>/dev/null && wait "$APP" 2>/dev/null || true
  java "$LAUNCHER" reset --name client-check >/dev/null 2>&1 || true
}
trap cleanup EXIT
java -Dquarkus.http.port="$PORT" -Dquarkus.management.port=$((PORT + 1000)) \
  -Dquarkus.datasource.reactive.url="$URL" -Dquarkus.datasource.jdbc.url="jdbc:$URL" \
  -Dquarkus.datasource.username=postgres -Dquarkus.datasource.password=unused \
  -Dquarkus.oidc.public-key="$(grep -v '^-----' dev/dev-signing-key.pub.pem | tr -d '\n')" \
  -Dquarkus.oidc.token.issuer=slotgate-dev -Dquarkus.log.console.json.enabled=false \
  -Dslotgate.hub.secret-key="$(openssl rand -base64 32)" \
  -Dslotgate.demo.enabled=true -Dslotgate.demo.load-on-start=true \
  -jar target/quarkus-app/quarkus-run.jar >target/client-check-app.log 2>&1 &
APP=$!
for _ in $(seq 1 120); do
  curl -sf "localhost:$((PORT + 1000))/q/health/ready" >/dev/null 2>&1 && break
  kill -0 "$APP" 2>/dev/null || { echo "client-check: slotgate did not start" >&2; tail -20 target/client-check-app.log >&2; exit 1; }
  sleep 0.5
done
curl -sf "localhost:$((PORT + 1000))/q/health/ready" >/dev/null || { echo "client-check: not ready after 60 s" >&2; exit 1; }
./mvnw -B -q -f clients/java/pom.xml verify -Dslotgate.url="http://localhost:$PORT" \
  -Dtoken.TENANT1="$(scripts/token.sh TENANT1 appointments)" -Dtoken.BANK1="$(scripts/token.sh BANK1 appointments)"
command -v newman >/dev/null 2>&1 || npm install -g -s newman@6 >/dev/null
scripts/postman-env.sh "http://localhost:$PORT" target/client-check.postman_environment.json >/dev/null
newman run dev/postman/slotgate.postman_collection.json -e target/client-check.postman_environment.json \
  --folder "Walkthrough (run in order: the demo catalogue, dev mode)" --bail --color off
# The documented API examples, verbatim, on this port rather than 8080: the README's "## A first curl flow", then
# docs/api.md's "## Walkthroughs" (two sides, branch booking). Every call must answer 2xx (curl --fail-with-body) and
# each flow must end where the documents say.
python3 scripts/doc-examples.py target/client-check-readme.sh
readme=$(SLOTGATE_URL="http://localhost:$PORT" bash -euo pipefail target/client-check-readme.sh 2>&1) \
  || { echo "client-check: the documented examples failed on port $PORT:" >&2; echo "$readme" | tail -20 >&2; exit 1; }
grep -q '"status":"ACCEPTED"' <<<"$readme" && grep -q '"status":"CANCELLED"' <<<"$readme" \
  || { echo "client-check: the documented examples did not confirm and cancel" >&2; echo "$readme" | tail -20 >&2; exit 1; }
echo "client-check: the README's first curl flow and docs/api.md's walkthroughs ran verbatim against port $PORT"
echo "client-check: the generated Java client and the Postman walkthrough booked through the wholesale and booking faces. WholesaleApi:"
grep -oE '^  public [A-Za-z<>]+ [a-z][A-Za-z]+\(' clients/java/target/generated-sources/openapi/src/main/java/io/slotgate/client/api/WholesaleApi.java \
  | sed -E 's/^  public [A-Za-z<>]+ //; s/\($//' | grep -v -E 'WithHttpInfo|RequestBuilder|downloadFileFromResponse|getApiClient' | sort -u | sed 's/^/  /'
