# Sourced by scripts/test.sh and .ci/run: makes sure Chromium, PostgreSQL and kubectl are there
# for the browser, database and collector tests, installing them from Debian's packages when
# this user may.

FLEETDECK_PG_PORT="${FLEETDECK_PG_PORT:-54329}"

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo -n "$@"; else return 1; fi
}

apt_install() {
  echo "fleetdeck: installing $* from Debian's packages" >&2
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2 &&
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >&2
}

ensure_chromium() {
  export FLEETDECK_CHROMIUM="${FLEETDECK_CHROMIUM:-$(command -v chromium || true)}"
  if [ -z "$FLEETDECK_CHROMIUM" ]; then
    apt_install chromium fonts-dejavu-core || {
      echo "fleetdeck: Chromium is missing and could not be installed; run: sudo apt-get install chromium" >&2
      return 1
    }
    FLEETDECK_CHROMIUM="$(command -v chromium)"
  fi
}

# The collect-status.sh tests evaluate the script's go-template with a real kubectl, offline (no
# cluster); Debian packages it as kubernetes-client.
ensure_kubectl() {
  command -v kubectl >/dev/null && return 0
  apt_install kubernetes-client || {
    echo "fleetdeck: kubectl is missing and could not be installed; run: sudo apt-get install kubernetes-client" >&2
    return 1
  }
}

pg_bindir() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

# Starts a throwaway PostgreSQL on loopback (unless one is already named in the environment)
# and exports the variable through which TestDatabases finds it.
ensure_postgres() {
  if env | grep -q '^BACKSTAGE_TEST_DATABASE_POSTGRES[0-9]*_CONNECTION_STRING='; then
    return 0
  fi
  [ -n "$(pg_bindir)" ] || apt_install postgresql || {
    echo "fleetdeck: PostgreSQL is missing and could not be installed; run: sudo apt-get install postgresql" >&2
    return 1
  }
  local bin major data run_as=()
  bin="$(pg_bindir)"
  major="$(basename "$(dirname "$bin")")"
  data="$(mktemp -d /tmp/fleetdeck-pg.XXXXXX)"
  if [ "$(id -u)" = 0 ]; then
    # initdb refuses to run as root; the postgres account comes with Debian's package.
    chown postgres "$data"
    run_as=(runuser -u postgres --)
  fi
  "${run_as[@]}" "$bin/initdb" -D "$data/db" -U postgres --auth=trust -E UTF8 >/dev/null
  local port
  for port in $(seq "$FLEETDECK_PG_PORT" $((FLEETDECK_PG_PORT + 9))); do
    # fsync off: a test database that dies with its run needs no durability, only speed.
    if "${run_as[@]}" "$bin/pg_ctl" -D "$data/db" -l "$data/log" -w \
      -o "-c listen_addresses=127.0.0.1 -p $port -k $data -c fsync=off" start >/dev/null; then
      export FLEETDECK_PG_DATA="$data"
      FLEETDECK_PG_OWNER=$$
      export "BACKSTAGE_TEST_DATABASE_POSTGRES${major}_CONNECTION_STRING=postgresql://postgres@127.0.0.1:$port"
      echo "fleetdeck: PostgreSQL $major on 127.0.0.1:$port for the tests" >&2
      return 0
    fi
  done
  echo "fleetdeck: PostgreSQL would not start; its log:" >&2
  cat "$data/log" >&2
  return 1
}

# Stops the PostgreSQL this shell started; one inherited from a parent script is left to it.
stop_postgres() {
  if [ -n "${FLEETDECK_PG_DATA:-}" ] && [ "${FLEETDECK_PG_OWNER:-}" = $$ ]; then
    local run_as=()
    [ "$(id -u)" = 0 ] && run_as=(runuser -u postgres --)
    "${run_as[@]}" "$(pg_bindir)/pg_ctl" -D "$FLEETDECK_PG_DATA/db" -m fast stop >/dev/null 2>&1 || true
    rm -rf "$FLEETDECK_PG_DATA"
  fi
}
