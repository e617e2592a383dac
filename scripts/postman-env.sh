#!/usr/bin/env bash
# Writes a Postman environment with a dev token per role (booker TENANT1, owner OPENFIBRE, booking page BANK1) for the
# dev-mode app (scripts/dev.sh) or any slotgate trusting the dev key. Usage: scripts/postman-env.sh [BASE_URL] [OUT]
# then import it beside dev/postman/slotgate.postman_collection.json, or: newman run <collection> -e <OUT>.
set -euo pipefail
cd "$(dirname "$0")/.."
BASE="${1:-http://localhost:8080}"
OUT="${2:-target/slotgate-dev.postman_environment.json}"
mkdir -p "$(dirname "$OUT")"
python3 - "$BASE" "$OUT" "$(scripts/token.sh TENANT1 appointments)" "$(scripts/token.sh OPENFIBRE appointments:manage)" \
  "$(scripts/token.sh BANK1 appointments)" <<'PY'
import json, sys
base, out, booker, owner, booking = sys.argv[1:]
values = {"baseUrl": base, "bookerToken": booker, "ownerToken": owner, "bookingToken": booking}
json.dump({"name": "slotgate dev", "values": [{"key": k, "value": v, "enabled": True} for k, v in values.items()]},
          open(out, "w"), indent=2)
print(out)
PY
