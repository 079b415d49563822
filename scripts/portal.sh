#!/usr/bin/env bash
# Starts the Fleetdeck portal with the example fleet: the app on :3000 and the backend on
# :7007, on SQLite files under .data/ (git-ignored), so what you do survives a restart.
source "$(dirname "${BASH_SOURCE[0]}")/lib/node.sh"
cd "$FLEETDECK_ROOT"
ensure_dependencies
mkdir -p "${FLEETDECK_DATA_DIR:-.data}/sqlite"

# Say where to go once the app answers, not before.
(
  for _ in $(seq 1 600); do
    if curl -fsS -o /dev/null http://localhost:3000 2>/dev/null; then
      printf '\n  Fleetdeck is up: open http://localhost:3000 and choose "Enter" (the platform admin) or another example person.\n\n'
      exit 0
    fi
    sleep 1
  done
) &

exec node .yarn/releases/yarn-4.13.0.cjs start "$@"
