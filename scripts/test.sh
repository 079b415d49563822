#!/usr/bin/env bash
# Runs every test: unit and integration tests with Jest (stores on SQLite and on a real
# PostgreSQL), then the browser end-to-end tests with Playwright in Debian's Chromium against a
# freshly started portal. Installs what is missing; prints "N passed, N failed" last.
source "$(dirname "${BASH_SOURCE[0]}")/lib/node.sh"
source "$FLEETDECK_ROOT/scripts/lib/services.sh"
cd "$FLEETDECK_ROOT"
ensure_dependencies
ensure_chromium
ensure_kubectl
ensure_postgres
trap stop_postgres EXIT

# No Docker engine runs on these machines: databases come from the environment only.
export BACKSTAGE_TEST_DISABLE_DOCKER=1

reports="$FLEETDECK_ROOT/.data/reports"
rm -rf "$reports" && mkdir -p "$reports"
status=0

echo "== unit and integration tests (Jest)"
CI=true yarn test --json --outputFile="$reports/jest.json" "$@" || status=1

echo "== end-to-end tests (Playwright, Chromium)"
FLEETDECK_E2E_REPORT="$reports/e2e.json" yarn test:e2e || status=1

node scripts/lib/summarize-tests.js "$reports" || status=1
exit $status
