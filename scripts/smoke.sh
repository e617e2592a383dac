#!/usr/bin/env bash
# Curl smoke test of a running slotgate (dev mode, demo catalogue): health, then the wholesale flow
# search -> hold -> read -> confirm -> cancel, and the lifecycle view. Usage: scripts/smoke.sh [BASE_URL]
set -euo pipefail
cd "$(dirname "$0")/.."
BASE="${1:-http://localhost:8080}"
GW="$BASE/WholesaleGateway/v1.0/gateway"
TOKEN=$(scripts/token.sh TENANT1)
json() { python3 -c "import json,sys; d=json.load(sys.stdin); print(eval(sys.argv[1], {'d': d}))" "$1"; }
expect() { if [ "$2" != "$3" ]; then echo "FAIL $1: expected $2, got $3" >&2; exit 1; fi; echo "ok   $1"; }
H=(-H "Authorization: Bearer $TOKEN" -H "X-Request-ID: smoke-$$" -H "X-Conversation-ID: smoke" -H "Tenant: TENANT1")

expect "ready" UP "$(curl -sf "$BASE/q/health/ready" | json "d['status']")"
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
echo "smoke passed"
