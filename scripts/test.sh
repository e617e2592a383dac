#!/usr/bin/env bash
# The whole test suite: unit tests and @QuarkusTest classes against a real embedded PostgreSQL and a
# real OIDC/JWKS endpoint, then packaging. Usage: scripts/test.sh [extra maven args]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/jdk.sh
exec ./mvnw -B verify "$@"
