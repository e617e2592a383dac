#!/usr/bin/env bash
# Checks of what trips a newcomer (issue 27), run by CI:
#  1. `source scripts/jdk.sh` without a JDK 25 says so and returns: the user's own shell stays open.
#  2. A second scripts/dev.sh in the same checkout refuses, naming the running one, and leaves its database alone.
set -euo pipefail
cd "$(dirname "$0")/.."

# 1. A shell that sources jdk.sh with no JDK 25 in reach goes on to its next command.
out=$(env -i PATH=/usr/bin:/bin HOME="$HOME" JAVA_HOME=/nonexistent bash -c '
  # Hide the machine JDK 25 from the candidates by pointing the glob at nothing.
  sed "s#/usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/java-25-openjdk-amd64 /usr/lib/jvm/jdk-25\*#/nonexistent-jdk#" \
    scripts/jdk.sh > /tmp/jdk-none.sh
  source /tmp/jdk-none.sh; echo "shell still open (rc=$?)"' 2>&1 || true)
grep -q "slotgate needs JDK 25" <<<"$out" || { echo "newcomer-check: jdk.sh did not explain the missing JDK" >&2; exit 1; }
grep -q "shell still open (rc=1)" <<<"$out" || { echo "newcomer-check: sourcing jdk.sh closed the shell" >&2; echo "$out" >&2; exit 1; }
echo "newcomer-check: jdk.sh returns 1 when sourced without a JDK 25 (the shell stays open)"

# 2. Two dev.sh in one checkout.
PORT=18480 MANAGEMENT_PORT=19480 setsid scripts/dev.sh >/tmp/newcomer-dev1.log 2>&1 &
first=$!
trap 'kill -TERM -- -$first 2>/dev/null || kill -TERM $first 2>/dev/null || true; wait $first 2>/dev/null || true' EXIT
for _ in $(seq 1 240); do grep -q "PostgreSQL ready at" /tmp/newcomer-dev1.log && break; sleep 0.5; done
grep -q "PostgreSQL ready at" /tmp/newcomer-dev1.log || { echo "newcomer-check: first dev.sh did not start" >&2; cat /tmp/newcomer-dev1.log >&2; exit 1; }
pg_port=$(sed -n 's#.*PostgreSQL ready at postgresql://127.0.0.1:\([0-9]*\)/.*#\1#p' /tmp/newcomer-dev1.log | head -1)
if second=$(PORT=18481 MANAGEMENT_PORT=19481 timeout 60 scripts/dev.sh 2>&1); then
  echo "newcomer-check: a second dev.sh of the same checkout started" >&2; exit 1
fi
grep -q "already running (dev.sh pid $first" <<<"$second" \
  || { echo "newcomer-check: the refusal does not name the running dev.sh: $second" >&2; exit 1; }
(echo >"/dev/tcp/127.0.0.1/$pg_port") 2>/dev/null \
  || { echo "newcomer-check: the first dev.sh's PostgreSQL (port $pg_port) was stopped" >&2; exit 1; }
echo "newcomer-check: a second dev.sh refuses and names the first; the first's PostgreSQL keeps running"
