#!/usr/bin/env bash
# Curl smoke test of a running slotgate (dev mode, demo catalogue): health, then the wholesale flow
# search -> hold -> read -> confirm -> cancel, and the lifecycle view. Usage: scripts/smoke.sh [BASE_URL [OPS_URL]]
# (OPS_URL: the management port, default http://localhost:9000)
set -euo pipefail
cd "$(dirname "$0")/.."
BASE="${1:-http://localhost:8080}"
OPS="${2:-http://localhost:9000}"
GW="$BASE/WholesaleGateway/v1.0/gateway"
TOKEN=$(scripts/token.sh TENANT1)
json() { python3 -c "import json,sys; d=json.load(sys.stdin); print(eval(sys.argv[1], {'d': d}))" "$1"; }
expect() { if [ "$2" != "$3" ]; then echo "FAIL $1: expected $2, got $3" >&2; exit 1; fi; echo "ok   $1"; }
H=(-H "Authorization: Bearer $TOKEN" -H "X-Request-ID: smoke-$$" -H "X-Conversation-ID: smoke" -H "Tenant: TENANT1")

expect "ready" UP "$(curl -sf "$OPS/q/health/ready" | json "d['status']")"
SLOTS=$(curl -sf -G "$GW/available-appointments" "${H[@]}" \
  --data-urlencode 'address={"id":"200004033694","type":"UPRN"}' \
  --data-urlencode 'serviceSpecification={"id":"fttp","name":"FTTP"}' \
  --data-urlencode 'appointmentPurpose=PROVIDE')
START=$(echo "$SLOTS" | json "d['availableTimeslots'][0]['timeslotStartDateTime']")
END=$(echo "$SLOTS" | json "d['availableTimeslots'][0]['timeslotEndDateTime']")
echo "ok   search: first free slot $START - $END"
ID=$(( $(date +%s) * 1000 + RANDOM % 1000 ))
BODY="{\"id\":$ID,\"address\":{\"id\":\"200004033694\",\"type\":\"UPRN\"},\"serviceSpecification\":{\"id\":\"fttp\"},\"purpose\":\"PROVIDE\",\"timeslot\":{\"timeslotStartDateTime\":\"$START\",\"timeslotEndDateTime\":\"$END\"}}"
HOLD=$(curl -s -w '\n%{http_code}' "$GW/appointments" "${H[@]}" -H 'Content-Type: application/json' -d "$BODY")
expect "hold 201" 201 "$(echo "$HOLD" | tail -1)"
REF=$(echo "$HOLD" | head -1 | json "d['supplierReference']")
AGAIN=$(curl -s "$GW/appointments" "${H[@]}" -H 'Content-Type: application/json' -d "$BODY" | json "d['supplierReference']")
expect "replay returns the same appointment" "$REF" "$AGAIN"
expect "read" RESERVED "$(curl -sf "$GW/appointments/$ID" "${H[@]}" | json "d['status']")"
expect "confirm" ACCEPTED "$(curl -sf -X POST "$GW/appointments/$ID/_actions/confirm" "${H[@]}" \
  -H 'Content-Type: application/json' -d '{"orderReference":"ORD-SMOKE"}' | json "d['status']")"
expect "cancel" CANCELLED "$(curl -sf -X POST "$GW/appointments/$ID/_actions/cancel" "${H[@]}" | json "d['status']")"
expect "missing header" MALFORMED_REQUEST "$(curl -s "$GW/appointments/$ID" -H "Authorization: Bearer $TOKEN" | json "d['code']")"
expect "no token" 401 "$(curl -s -o /dev/null -w '%{http_code}' "$GW/appointments/$ID" "${H[@]:2}")"

# Branch booking (demo tenant BANK1, service "Mortgage advice"): list -> timeslots -> reserve -> confirm -> cancel.
EXT="$BASE/external/v1"
BT=(-H "Authorization: Bearer $(scripts/token.sh BANK1 appointments)" -H "X-TENANT-ID: BANK1")
SERVICE=ba4c0000-0000-4000-8000-000000000012
BRANCH=ba4c0000-0000-4000-8000-000000000001
expect "services in nl_NL" "Hypotheekadvies" "$(curl -sf "$EXT/services" "${BT[@]}" -H 'Accept-Language: nl_NL' \
  | json "[s['service']['name'] for s in d if s['service']['id'] == '$SERVICE'][0]")"
SLOT=$(curl -sf "$EXT/services/$SERVICE/timeslots?branchId=$BRANCH&numberOfReservations=1" "${BT[@]}" | json "d[0]")
START=$(echo "$SLOT" | python3 -c "import ast,sys; print(ast.literal_eval(sys.stdin.read())['startTime'])")
END=$(echo "$SLOT" | python3 -c "import ast,sys; print(ast.literal_eval(sys.stdin.read())['endTime'])")
echo "ok   timeslots: first free $START - $END"
RESERVATION=$(curl -s -w '\n%{http_code}' "$EXT/reservations" "${BT[@]}" -H 'Content-Type: application/json' \
  -d "{\"serviceId\":\"$SERVICE\",\"branchId\":\"$BRANCH\",\"startTime\":\"$START\",\"endTime\":\"$END\",\"numberOfReservations\":1}")
expect "reserve 201" 201 "$(echo "$RESERVATION" | tail -1)"
RID=$(echo "$RESERVATION" | head -1 | json "d['id']")
expect "confirm" ACCEPTED "$(curl -sf -X PUT "$EXT/reservations/$RID" "${BT[@]}" -H 'Content-Type: application/json' \
  -d '{"personalIdentifier":"CUST1234567890","firstName":"Els","lastName":"Peeters","email":"els@example.com"}' | json "d['status']")"
expect "lifecycle view" OFFICE "$(curl -sf "$BASE/enterprises/BANK1/appointments/$RID" \
  -H "Authorization: Bearer $(scripts/token.sh BANK1)" | json "d['data']['meetingType']")"
expect "cancel" CANCELLED "$(curl -sf -X DELETE "$EXT/appointments/$RID" "${BT[@]}" | json "d['status']")"
# Two sides: a fresh owner opens a supplier to TENANT1, TENANT1 books, the owner accepts by supplierReference.
S=$(date +%s)$$; OWNER=ACME-$S; SPEC=acme-fttp-$S
OT=(-H "Authorization: Bearer $(scripts/token.sh "$OWNER")" -H "Tenant: $OWNER" -H 'Content-Type: application/json')
post() { curl -s -w '\n%{http_code}' "$BASE$1" "${OT[@]}" -d "$2"; }
created() { local out; out=$(post "$1" "$2"); expect "owner creates $1" 201 "$(echo "$out" | tail -1)"; echo "$out" | head -1 >"$TMP"; }
TMP=$(mktemp); trap 'rm -f "$TMP"' EXIT
created /admin/v1/branches '{"name": "Acme area", "timeZone": "Europe/London"}'; AREA=$(json "d['id']" <"$TMP")
created /admin/v1/services "{\"code\": \"$SPEC\", \"names\": {\"en_US\": \"Acme FTTP\"}, \"durationMinutes\": 300, \"onlineBookable\": true, \"maxNumberOfReservations\": 1}"
SID=$(json "d['id']" <"$TMP")
created /admin/v1/resources "{\"branchId\": \"$AREA\", \"name\": \"Crew 1\", \"serviceIds\": [\"$SID\"]}"
created /admin/v1/schedule-rules "{\"branchId\": \"$AREA\", \"days\": [\"MONDAY\", \"TUESDAY\", \"WEDNESDAY\", \"THURSDAY\", \"FRIDAY\", \"SATURDAY\"], \"startTime\": \"08:00\", \"endTime\": \"13:00\", \"wholeWindow\": true}"
created /admin/v1/suppliers "{\"id\": \"acme\", \"adapter\": \"calendar\", \"branchId\": \"$AREA\", \"requiresAcceptance\": true}"
created /admin/v1/suppliers/acme/grants "{\"tenant\": \"TENANT1\", \"serviceSpecifications\": [\"$SPEC\"]}"
# The grant only offers the supplier: TENANT1 has no route to it until it chooses one itself.
expect "a grant alone routes nothing" INVALID_REQUEST "$(curl -s -G "$GW/available-appointments" "${H[@]}" --data-urlencode 'address={"id":"200004033694","type":"UPRN"}' \
  --data-urlencode "serviceSpecification={\"id\":\"$SPEC\"}" --data-urlencode 'appointmentPurpose=PROVIDE' | json "d['code']")"
TA=(-H "Authorization: Bearer $TOKEN" -H "Tenant: TENANT1" -H 'Content-Type: application/json')
expect "booker routes itself to the offered supplier" 201 "$(curl -s -o /dev/null -w '%{http_code}' "$BASE/admin/v1/routes" "${TA[@]}" \
  -d "{\"serviceSpecification\": \"$SPEC\", \"supplierId\": \"acme\", \"supplierTenant\": \"$OWNER\"}")"
SLOT=$(curl -sf -G "$GW/available-appointments" "${H[@]}" --data-urlencode 'address={"id":"200004033694","type":"UPRN"}' \
  --data-urlencode "serviceSpecification={\"id\":\"$SPEC\"}" --data-urlencode 'appointmentPurpose=PROVIDE' \
  | json "__import__('json').dumps(d['availableTimeslots'][0])")
ID2=$(( $(date +%s) * 1000 + RANDOM % 1000 + 1 ))
REF=$(curl -sf "$GW/appointments" "${H[@]}" -H 'Content-Type: application/json' -d "{\"id\": $ID2, \"address\": {\"id\": \"200004033694\", \"type\": \"UPRN\"}, \"serviceSpecification\": {\"id\": \"$SPEC\"}, \"timeslot\": $SLOT}" | json "d['supplierReference']")
expect "booker confirms" INCOMING_REQUEST "$(curl -sf -X POST "$GW/appointments/$ID2/_actions/confirm" "${H[@]}" | json "d['status']")"
OWNER_AUTH=(-H "Authorization: Bearer $(scripts/token.sh "$OWNER")")
expect "owner lists it" "$ID2" "$(curl -sf "$BASE/enterprises/$OWNER/appointments?status=INCOMING_REQUEST" "${OWNER_AUTH[@]}" | json "d['data'][0]['externalId']")"
expect "booker has no back office for it" 404 "$(curl -s -o /dev/null -w '%{http_code}' -X POST "$BASE/enterprises/TENANT1/appointments/$REF/_actions/accept" -H "Authorization: Bearer $TOKEN")"
expect "owner accepts by supplierReference" ACCEPTED "$(curl -sf -X POST "$BASE/enterprises/$OWNER/appointments/$REF/_actions/accept" "${OWNER_AUTH[@]}" | json "d['data']['status']")"
expect "booker sees it accepted" ACCEPTED "$(curl -sf "$GW/appointments/$ID2" "${H[@]}" | json "d['status']")"
echo "smoke passed"
