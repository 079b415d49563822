#!/usr/bin/env bash
# The portal as the browser tests see it: the production build of the app served by the
# backend on one port (no dev-server warnings), on a fresh SQLite folder so each run starts
# from the example fleet alone.
source "$(dirname "${BASH_SOURCE[0]}")/lib/node.sh"
cd "$FLEETDECK_ROOT"
port="${FLEETDECK_E2E_PORT:-7017}"
data="$FLEETDECK_ROOT/.data/e2e"
rm -rf "$data" && mkdir -p "$data/sqlite"

# The build prints a page of bundle sizes; keep it for when it fails.
yarn workspace app build >"$data/app-build.log" 2>&1 || {
  cat "$data/app-build.log" >&2
  exit 1
}

export FLEETDECK_DATA_DIR="$data"
export APP_CONFIG_app_baseUrl="http://localhost:$port"
export APP_CONFIG_backend_baseUrl="http://localhost:$port"
export APP_CONFIG_backend_listen_port="$port"
export APP_CONFIG_backend_cors_origin="http://localhost:$port"
cd packages/backend
exec node "$FLEETDECK_ROOT/.yarn/releases/yarn-4.13.0.cjs" start
