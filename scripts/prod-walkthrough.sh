#!/usr/bin/env bash
# Runs docs/operations.md's "Production in ten minutes" exactly as written (its bash blocks, in order, in one shell),
# then its last three blocks again (the catalogue steps find what exists; a second appointment is booked),
# and checks that both runs confirmed an appointment. Cleans up: the app, Keycloak and the local database.
# Uses ports 8080, 9000, 8180 and 5434. Needs the network to Maven Central once (Keycloak's distribution).
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
python3 - "$work" <<'PY'
import re, sys
text = open("docs/operations.md").read()
section = text.split("\n## Production in ten minutes\n", 1)[1].split("\n## ", 1)[0]
blocks = re.findall(r"```bash\n(.*?)```", section, re.S)
assert len(blocks) >= 5, "docs/operations.md: Production in ten minutes lost its blocks"
open(sys.argv[1] + "/all.sh", "w").write("\n".join(blocks))
open(sys.argv[1] + "/again.sh", "w").write("\n".join(blocks[-3:]))
PY
cleanup() {
  # Only the instance the walkthrough started (its PID file): never another checkout's or a colleague's process.
  [ -f slotgate.pid ] && kill "$(cat slotgate.pid)" 2>/dev/null || true
  scripts/keycloak.sh stop || true
  scripts/postgres.sh reset >/dev/null 2>&1 || true
  rm -rf "$work" slotgate.log slotgate.pid
}
trap cleanup EXIT
scripts/postgres.sh reset >/dev/null 2>&1 || true
{ cat "$work/all.sh"; echo 'echo "=== pasted again ==="'; cat "$work/again.sh"; } >"$work/run.sh"
bash -euo pipefail "$work/run.sh" 2>&1 | tee "$work/out.txt"
confirmed=$(grep -c '^CONFIRMED$' "$work/out.txt" || true)
if [ "$confirmed" != 2 ]; then
  echo "prod-walkthrough: expected two confirmed appointments, got $confirmed" >&2
  tail -40 slotgate.log >&2 || true
  exit 1
fi
if grep -q '"level":"ERROR"' slotgate.log; then
  echo "prod-walkthrough: ERROR lines in the app's log" >&2
  grep '"level":"ERROR"' slotgate.log >&2
  exit 1
fi
echo "prod-walkthrough: OK (docs/operations.md production flow, twice, from an empty database with Keycloak tokens)"
