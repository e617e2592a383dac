#!/usr/bin/env bash
# slotgate behind a real NGINX (issue 26): the packaged jar (embedded PostgreSQL, demo catalogue, dev-signed tokens, as
# client-check.sh starts it) behind Debian's nginx running deploy/nginx/slotgate.conf.template, with its own prefix and
# config in a temporary directory (root or a normal user; no system service). Checks, each failing the script:
#   1. TLS: HTTPS on a loopback port with a certificate made here, verified by the client;
#   2. prefix: /slotgate/ at the edge is / at the app; the Link rel="next" of branch timeslots carries the prefix and
#      following it through the edge answers the next page; any Location of a 201 leads back through the edge;
#   3. forwarded headers: slotgate trusts only the address NGINX connects from (SLOTGATE_TRUSTED_PROXIES=127.0.0.2,
#      proxy_bind 127.0.0.2): a client's own X-Forwarded-For/-Proto/-Prefix are ignored when it calls the app directly
#      from 127.0.0.1, and the edge's are honoured (the access log shows the client address and https);
#   4. request ids: X-Request-ID, X-Conversation-ID and X-Correlation-Id reach the app (its log line for the request)
#      and come back to the client;
#   5. rate limit: beyond the edge's limit_req, 429 with Retry-After in slotgate's error format for the face;
#   6. the README's first curl flow and docs/api.md's walkthroughs, verbatim, with SLOTGATE_URL at the edge.
# Run after ./mvnw package; needs nginx (apt-get install nginx), openssl, curl, python3. Stops only what it started.
set -euo pipefail
cd "$(dirname "$0")/.."
started=$(date +%s)
source scripts/jdk.sh
[ -f target/quarkus-app/quarkus-run.jar ] || ./mvnw -q -B package -DskipTests
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
[ -x "$NGINX" ] || { echo "edge-check: needs nginx (apt-get install nginx)" >&2; exit 1; }
LAUNCHER=src/test/java/io/slotgate/testing/EmbeddedPostgres.java
PORT="${EDGE_CHECK_PORT:-18290}"             # slotgate's API port; management on PORT + 1000
EDGE_PORT="${EDGE_CHECK_EDGE_PORT:-18443}"   # NGINX, HTTPS
PREFIX=/slotgate
PROXY=127.0.0.2    # NGINX connects to slotgate from this address (proxy_bind): the only trusted proxy
CLIENT=127.0.0.3   # a client of the edge; a direct caller of the app uses 127.0.0.1
EDGE="https://127.0.0.1:$EDGE_PORT$PREFIX"
for port in "$PORT" $((PORT + 1000)) "$EDGE_PORT"; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "edge-check: port $port is busy" >&2; exit 1; fi
done
work=$(mktemp -d /tmp/slotgate-edge.XXXXXX)
APP=
NGINX_PID=
fail() { echo "edge-check: FAIL $*" >&2; exit 1; }
ok() { echo "edge-check: ok   $*"; }
cleanup() {
  [ -n "$NGINX_PID" ] && kill -QUIT "$NGINX_PID" 2>/dev/null && wait "$NGINX_PID" 2>/dev/null || true
  [ -n "$APP" ] && kill "$APP" 2>/dev/null && wait "$APP" 2>/dev/null || true
  java "$LAUNCHER" reset --name edge-check >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# slotgate: production profile (JSON log), trusting forwarded headers from the edge's address only.
URL=$(java "$LAUNCHER" start --name edge-check --port "${EDGE_CHECK_PG_PORT:-15438}")
SLOTGATE_TRUSTED_PROXIES=$PROXY java -Dquarkus.http.port="$PORT" -Dquarkus.management.port=$((PORT + 1000)) \
  -Dquarkus.datasource.reactive.url="$URL" -Dquarkus.datasource.jdbc.url="jdbc:$URL" \
  -Dquarkus.datasource.username=postgres -Dquarkus.datasource.password=unused \
  -Dquarkus.oidc.public-key="$(grep -v '^-----' dev/dev-signing-key.pub.pem | tr -d '\n')" \
  -Dquarkus.oidc.token.issuer=slotgate-dev \
  -Dquarkus.http.access-log.pattern='%h %{SCHEME} "%r" %s %b %D ms' \
  -Dslotgate.hub.secret-key="$(openssl rand -base64 32)" \
  -Dslotgate.demo.enabled=true -Dslotgate.demo.load-on-start=true \
  -jar target/quarkus-app/quarkus-run.jar >"$work/app.log" 2>&1 &
APP=$!

# NGINX: a certificate for 127.0.0.1, the committed template rendered, its own prefix, pid, logs and temp paths.
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=slotgate-edge-check -keyout "$work/edge.key" \
  -out "$work/edge.crt" -addext "subjectAltName=IP:127.0.0.1,DNS:localhost" 2>/dev/null
mkdir -p "$work/logs"
SLOTGATE_EDGE_LISTEN=127.0.0.1:$EDGE_PORT SLOTGATE_EDGE_CERT=$work/edge.crt SLOTGATE_EDGE_KEY=$work/edge.key \
  SLOTGATE_EDGE_PREFIX=$PREFIX SLOTGATE_UPSTREAM=127.0.0.1:$PORT SLOTGATE_EDGE_RATE=20r/s SLOTGATE_EDGE_BURST=20 \
  perl -pe 's/\$\{(SLOTGATE_[A-Z_]+)\}/exists $ENV{$1} ? $ENV{$1} : die "unset: $1\n"/ge' \
  deploy/nginx/slotgate.conf.template >"$work/slotgate.conf"
user=
if [ "$(id -u)" = 0 ]; then user="user nobody nogroup;"; chmod 755 "$work"; fi
cat >"$work/nginx.conf" <<EOF
$user
worker_processes 1;
pid $work/nginx.pid;
error_log $work/logs/error.log warn;
events { worker_connections 256; }
http {
  client_body_temp_path $work/tmp-body;
  proxy_temp_path $work/tmp-proxy;
  fastcgi_temp_path $work/tmp-fastcgi;
  uwsgi_temp_path $work/tmp-uwsgi;
  scgi_temp_path $work/tmp-scgi;
  # What the template leaves to the site: connect to slotgate from the one address it trusts.
  proxy_bind $PROXY;
  include $work/slotgate.conf;
  access_log $work/logs/edge.log slotgate_edge;
}
EOF
"$NGINX" -t -q -p "$work" -e "$work/logs/error.log" -c "$work/nginx.conf" || fail "nginx -t refused the rendered template"
"$NGINX" -p "$work" -e "$work/logs/error.log" -c "$work/nginx.conf" -g 'daemon off;' &
NGINX_PID=$!

for _ in $(seq 1 120); do
  curl -sf "localhost:$((PORT + 1000))/q/health/ready" >/dev/null 2>&1 && break
  kill -0 "$APP" 2>/dev/null || { tail -20 "$work/app.log" >&2; fail "slotgate did not start"; }
  sleep 0.5
done
curl -sf "localhost:$((PORT + 1000))/q/health/ready" >/dev/null || fail "slotgate not ready after 60 s"
kill -0 "$NGINX_PID" 2>/dev/null || { cat "$work/logs/error.log" >&2; fail "nginx did not start"; }
ok "slotgate ready on :$PORT (trusting $PROXY only), nginx on $EDGE ($(( $(date +%s) - started )) s)"
export CURL_CA_BUNDLE="$work/edge.crt"   # the client trusts the edge's certificate, as a real client trusts its CA

json() { python3 -c "import json,sys; d=json.load(sys.stdin); print(eval(sys.argv[1], {'d': d}))" "$1"; }
header() { tr -d '\r' <"$1" | awk -v h="$(tr 'A-Z' 'a-z' <<<"$2"):" 'tolower($1) == h { sub(/^[^:]*: */, ""); print }' | tail -1; }
# The app's access-log line (JSON message) for the request with this X-Request-ID: "<host> <scheme> "<request>" ...".
app_line() {
  local line
  for _ in $(seq 1 20); do
    line=$(python3 - "$work/app.log" "$1" <<'PY'
import json, sys
for raw in open(sys.argv[1]):
    try:
        entry = json.loads(raw)
    except ValueError:
        continue
    if entry.get("loggerName") == "io.quarkus.http.access-log" and entry.get("mdc", {}).get("requestId") == sys.argv[2]:
        print(entry["message"], "requestId=%s conversationId=%s correlationId=%s tenant=%s" % tuple(
            entry["mdc"].get(k, "") for k in ("requestId", "conversationId", "correlationId", "tenant")))
PY
)
    [ -n "$line" ] && { echo "$line"; return; }
    sleep 0.1   # the access log is written as the response ends
  done
  fail "no access-log line with requestId=$1 in the app's log"
}

# 1. TLS: the edge answers HTTPS with the certificate made here (curl verifies it against CURL_CA_BUNDLE).
BANK=(-H "Authorization: Bearer $(scripts/token.sh BANK1 appointments)" -H "X-TENANT-ID: BANK1")
SERVICE=ba4c0000-0000-4000-8000-000000000012
BRANCH=ba4c0000-0000-4000-8000-000000000001
code=$(curl -s -o /dev/null -w '%{http_code} %{ssl_verify_result} %{scheme}' "$EDGE/external/v1/services" "${BANK[@]}")
[ "$code" = "200 0 HTTPS" ] || fail "TLS: expected '200 0 HTTPS' (status, certificate verified, scheme), got '$code'"
curl -s -o /dev/null --cacert /dev/null "$EDGE/external/v1/services" 2>/dev/null && fail "TLS: an untrusted certificate was accepted"
ok "TLS: HTTPS on 127.0.0.1:$EDGE_PORT, certificate verified by the client"
[ "$(curl -s -o /dev/null -w '%{http_code}' "https://127.0.0.1:$EDGE_PORT/external/v1/services" "${BANK[@]}")" = 404 ] \
  || fail "prefix: a path outside $PREFIX/ reached slotgate"

# 2 and 3. The branch face's Link rel="next", through the edge (client 127.0.0.3, spoofing X-Forwarded-For) and directly.
TS="/external/v1/services/$SERVICE/timeslots?branchId=$BRANCH&numberOfReservations=1"
SPOOF=(-H "X-Forwarded-For: 203.0.113.9" -H "X-Forwarded-Proto: https" -H "X-Forwarded-Prefix: /evil")
curl -sf --interface "$CLIENT" -D "$work/edge.h" -o "$work/edge.json" "$EDGE$TS" "${BANK[@]}" "${SPOOF[@]}" \
  -H "X-Request-ID: edge-ts-$$" || fail "timeslots through the edge"
link=$(header "$work/edge.h" Link)
next=$(sed -nE 's/^<([^>]*)>; rel="next"$/\1/p' <<<"$link")
[[ "$next" == "$PREFIX/external/v1/services/$SERVICE/timeslots?"*"from="* ]] \
  || fail "prefix: Link through the edge should start with $PREFIX/external/v1/...&from=, got '$link'"
from=$(sed -E 's/.*[?&]from=([0-9-]+).*/\1/' <<<"$next")
curl -sf -o "$work/next.json" "https://127.0.0.1:$EDGE_PORT$next" "${BANK[@]}" || fail "following the Link through the edge: $next"
first_next=$(json "d[0]['startTime']" <"$work/next.json")
last_page=$(json "d[-1]['startTime']" <"$work/edge.json")
[[ "$first_next" > "$from" && "$first_next" > "$last_page" ]] \
  || fail "the next page ($next) starts at $first_next, not after $last_page from $from"
ok "prefix: Link <$next> followed through the edge: the next page starts $first_next"
line=$(app_line "edge-ts-$$")
[[ "$line" == "$CLIENT https \"GET $PREFIX/external/v1/services/"* ]] \
  || fail "forwarded: through the edge the app should log '$CLIENT https \"GET $PREFIX/external/...', got: $line"
ok "forwarded: through the edge the app logs the client's address, scheme and prefix, not its spoofed ones: $line"

curl -sf -D "$work/direct.h" -o /dev/null "http://127.0.0.1:$PORT$TS" "${BANK[@]}" "${SPOOF[@]}" \
  -H "X-Request-ID: direct-ts-$$" || fail "timeslots directly"
direct_link=$(header "$work/direct.h" Link)
[[ "$direct_link" == "</external/v1/services/$SERVICE/timeslots?"* ]] \
  || fail "forwarded: a direct caller's X-Forwarded-Prefix was honoured: $direct_link"
line=$(app_line "direct-ts-$$")
[[ "$line" == "127.0.0.1 http \"GET /external/v1/"* ]] \
  || fail "forwarded: a direct caller (127.0.0.1, untrusted) had its X-Forwarded-* honoured: $line"
ok "forwarded: a direct caller's X-Forwarded-For/-Proto/-Prefix are ignored: $line"
# The control: the same headers from the trusted address are honoured, so the trust list is what decides.
curl -sf --interface "$PROXY" -o /dev/null "http://127.0.0.1:$PORT$TS" "${BANK[@]}" "${SPOOF[@]}" \
  -H "X-Request-ID: trusted-ts-$$" || fail "timeslots from the trusted address"
line=$(app_line "trusted-ts-$$")
[[ "$line" == "203.0.113.9 https \"GET "* ]] || fail "forwarded: the trusted address's X-Forwarded-* were not honoured: $line"
ok "forwarded: from $PROXY (SLOTGATE_TRUSTED_PROXIES) the same headers are honoured: $line"

# A 201 through the edge: any Location it carries must lead back through the edge.
follow_location() {
  local where
  where=$(header "$1" Location)
  if [ -z "$where" ]; then echo "no Location header (slotgate sends none on $2)"; return; fi
  case "$where" in
    "https://127.0.0.1:$EDGE_PORT$PREFIX/"*) ;;
    "$PREFIX/"*) where="https://127.0.0.1:$EDGE_PORT$where" ;;
    *) fail "prefix: Location of $2 does not lead through the edge: $where" ;;
  esac
  curl -sf -o /dev/null "$where" "${@:3}" || fail "prefix: following Location $where of $2"
  echo "Location $where followed"
}
START=$(json "d[0]['startTime']" <"$work/edge.json"); END=$(json "d[0]['endTime']" <"$work/edge.json")
curl -sf -D "$work/reserve.h" -o "$work/reserve.json" "$EDGE/external/v1/reservations" "${BANK[@]}" \
  -H 'Content-Type: application/json' -H "X-Request-ID: edge-reserve-$$" \
  -d "{\"serviceId\":\"$SERVICE\",\"branchId\":\"$BRANCH\",\"startTime\":\"$START\",\"endTime\":\"$END\",\"numberOfReservations\":1}" \
  || fail "reservation through the edge"
[ "$(head -1 "$work/reserve.h" | cut -d' ' -f2)" = 201 ] || fail "reservation through the edge: not 201"
ok "prefix: POST reservations 201: $(follow_location "$work/reserve.h" "POST /external/v1/reservations" "${BANK[@]}")"
RID=$(json "d['id']" <"$work/reserve.json")
curl -sf -o /dev/null -X DELETE "$EDGE/external/v1/appointments/$RID" "${BANK[@]}" || fail "cancel through the edge"

# 4. Request ids both ways: in the app's log line for the request and back on the response.
W=(-H "Authorization: Bearer $(scripts/token.sh TENANT1 appointments)" -H "Tenant: TENANT1"
  -H "X-Request-ID: edge-rid-$$" -H "X-Conversation-ID: edge-conv-$$")
curl -sf -G -D "$work/rid.h" -o /dev/null "$EDGE/WholesaleGateway/v1.0/gateway/available-appointments" "${W[@]}" \
  --data-urlencode 'address={"id":"200004033694","type":"UPRN"}' --data-urlencode 'serviceSpecification={"id":"fttp"}' \
  --data-urlencode 'appointmentPurpose=PROVIDE' || fail "wholesale search through the edge"
[ "$(header "$work/rid.h" X-Request-ID)" = "edge-rid-$$" ] && [ "$(header "$work/rid.h" X-Conversation-ID)" = "edge-conv-$$" ] \
  || fail "request ids: X-Request-ID/X-Conversation-ID not echoed through the edge: $(tr -d '\r' <"$work/rid.h" | grep -i '^x-')"
line=$(app_line "edge-rid-$$")
[[ "$line" == *"requestId=edge-rid-$$ conversationId=edge-conv-$$ correlationId=- tenant=TENANT1" ]] \
  || fail "request ids: the app's log line lacks them: $line"
ok "request ids: X-Request-ID and X-Conversation-ID echoed through the edge and in the app's line: $line"
curl -sf -D "$work/corr.h" -o /dev/null "$EDGE/enterprises/OPENFIBRE/appointments?pageSize=1" \
  -H "Authorization: Bearer $(scripts/token.sh OPENFIBRE)" -H "X-Request-ID: edge-corr-rid-$$" \
  -H "X-Correlation-Id: edge-corr-$$" || fail "lifecycle list through the edge"
[ "$(header "$work/corr.h" X-Correlation-Id)" = "edge-corr-$$" ] || fail "request ids: X-Correlation-Id not echoed"
line=$(app_line "edge-corr-rid-$$")
[[ "$line" == *"correlationId=edge-corr-$$ tenant=OPENFIBRE" ]] || fail "request ids: correlation id not in the app's line: $line"
ok "request ids: X-Correlation-Id echoed through the edge and in the app's line: $line"
grep -q "rid=edge-rid-$$ " "$work/logs/edge.log" || fail "request ids: the edge's access log lacks the request id"

# 6. The documented flows, verbatim, with the base URL at the edge (before the flood: one limit per client address).
python3 scripts/doc-examples.py "$work/docs.sh" >/dev/null
docs=$(SLOTGATE_URL="$EDGE" bash -euo pipefail "$work/docs.sh" 2>&1) \
  || { echo "$docs" | tail -20 >&2; fail "the documented examples failed through the edge"; }
grep -q '"status":"ACCEPTED"' <<<"$docs" && grep -q '"status":"CANCELLED"' <<<"$docs" \
  || { echo "$docs" | tail -20 >&2; fail "the documented examples did not confirm and cancel through the edge"; }
ok "the README's first curl flow and docs/api.md's walkthroughs ran verbatim with SLOTGATE_URL=$EDGE"

# 5. The edge's rate limit (20 r/s, burst 20 per client address here): 60 requests at once from one address.
flood() {   # ADDRESS NAME PATH HEADERS...: one line per answer, "status retry-after x-request-id url"
  curl -s --no-progress-meter --interface "$1" --parallel --parallel-max 60 -o "$work/flood-$2-#1.json" \
    -w '%{http_code} %header{retry-after} %header{x-request-id} %{url}\n' "${@:4}" "$EDGE$3?n=[1-60]"
}
check_flood() {   # NAME ANSWERS PYTHON-CHECK-OF-A-429-BODY
  local limited
  limited=$(awk '$1 == 429' <<<"$2" | wc -l)
  [ "$limited" -ge 10 ] || fail "rate limit $1: expected 429s among 60 requests, got: $(cut -d' ' -f1 <<<"$2" | sort | uniq -c | tr '\n' ' ')"
  awk '$1 == 429 && $2 != "1" { exit 1 }' <<<"$2" || fail "rate limit $1: a 429 without Retry-After: 1"
  awk '$1 == 429 && $3 !~ /^flood-/ { exit 1 }' <<<"$2" || fail "rate limit $1: a 429 without the X-Request-ID echoed"
  local n
  n=$(awk '$1 == 429 { sub(/.*n=/, "", $4); print $4; exit }' <<<"$2")
  python3 -c "import json,sys; d=json.load(open(sys.argv[1])); assert $3, d" "$work/flood-$1-$n.json" \
    || fail "rate limit $1: the 429 body is not slotgate's format: $(cat "$work/flood-$1-$n.json")"
  ok "rate limit $1: $limited of 60 answered 429 with Retry-After: 1 and $(cat "$work/flood-$1-$n.json")"
}
answers=$(flood 127.0.0.4 wholesale /WholesaleGateway/v1.0/gateway/appointments/1 "${W[@]:0:4}" \
  -H "X-Request-ID: flood-w" -H "X-Conversation-ID: flood")
check_flood wholesale "$answers" "set(d) == {'uuid', 'code', 'messages'} and d['code'] == 'RATE_LIMITED' and len(d['uuid']) == 36 and d['messages']"
answers=$(flood 127.0.0.5 booking /external/v1/services "${BANK[@]}" -H "X-Request-ID: flood-b")
check_flood booking "$answers" "set(d) == {'uuid', 'code', 'messages'} and d['code'] == 'RATE_LIMITED'"
answers=$(flood 127.0.0.6 lifecycle /enterprises/OPENFIBRE/appointments -H "Authorization: Bearer $(scripts/token.sh OPENFIBRE)" \
  -H "X-Request-ID: flood-l")
check_flood lifecycle "$answers" "[set(e) for e in d['errors']] == [{'message', 'code', 'type', 'statusCode', 'arguments'}] and d['errors'][0]['code'] == 'RATE_LIMITED' and d['errors'][0]['statusCode'] == '429'"
answers=$(awk '$1 != 429' <<<"$answers" | cut -d' ' -f1 | sort -u | tr '\n' ' ')
[ "$answers" = "200 " ] || fail "rate limit: the requests within the limit should reach slotgate (200), got: $answers"

if grep -q '"level":"ERROR"' "$work/app.log"; then grep '"level":"ERROR"' "$work/app.log" >&2; fail "ERROR lines in the app's log"; fi
if grep -E '\[(emerg|alert|crit|error)\]' "$work/logs/error.log" >&2; then fail "errors in nginx's error log"; fi
echo "edge-check: OK in $(( $(date +%s) - started )) s (nginx $("$NGINX" -v 2>&1 | sed 's|.*/||'), TLS, prefix $PREFIX, forwarded headers from $PROXY only, request ids, 429 per face, documented flows)"
