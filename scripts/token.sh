#!/usr/bin/env bash
# Prints a dev-mode access token (RS256, signed with the dev-only key in dev/, accepted only by the
# dev profile). Usage: scripts/token.sh TENANT [SCOPE] [MINUTES]
# e.g. TOKEN=$(scripts/token.sh TENANT1)   or   scripts/token.sh OPENFIBRE "appointments:manage"
set -euo pipefail
cd "$(dirname "$0")/.."
TENANT="${1:?usage: scripts/token.sh TENANT [SCOPE] [MINUTES]}"
SCOPE="${2:-appointments appointments:manage}"
MINUTES="${3:-60}"
b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }
NOW=$(date +%s)
HEADER=$(printf '{"alg":"RS256","typ":"JWT"}' | b64url)
PAYLOAD=$(printf '{"iss":"slotgate-dev","sub":"dev-user","upn":"dev-user","tenants":["%s"],"scope":"%s","iat":%d,"exp":%d}' \
  "$TENANT" "$SCOPE" "$NOW" "$((NOW + MINUTES * 60))" | b64url)
SIGNATURE=$(printf '%s.%s' "$HEADER" "$PAYLOAD" | openssl dgst -sha256 -sign dev/dev-signing-key.pem | b64url)
printf '%s.%s.%s\n' "$HEADER" "$PAYLOAD" "$SIGNATURE"
