#!/usr/bin/env bash
# A throw-away PostgreSQL cluster for the test suite, on 127.0.0.1, in a temporary folder.
#   tests/tools/postgres.sh start   -> prints the SQLAlchemy URL of an empty test database
#   tests/tools/postgres.sh stop
# Durability is switched off (fsync, synchronous_commit): this cluster only ever holds tests.
set -euo pipefail
dir=${LMS_BRIDGE_PG_DIR:-/tmp/lms-bridge-pg}
port=${LMS_BRIDGE_PG_PORT:-54329}
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)

as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "${1:-}" in
  start)
    if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
      echo "PostgreSQL server binaries not found under /usr/lib/postgresql/*/bin" >&2
      exit 3
    fi
    if [ ! -f "$dir/data/PG_VERSION" ]; then
      mkdir -p "$dir"
      [ "$(id -u)" = 0 ] && chown postgres: "$dir"
      as_owner "$bin/initdb" -D "$dir/data" -A trust -U lms_bridge -E UTF8 --no-sync >/dev/null
    fi
    if ! as_owner "$bin/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
      as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start \
        -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" >/dev/null
    fi
    as_owner "$bin/psql" -h 127.0.0.1 -p "$port" -U lms_bridge -d postgres -qAt \
      -c "SELECT 1 FROM pg_database WHERE datname = 'lms_bridge_test'" | grep -q 1 ||
      as_owner "$bin/createdb" -h 127.0.0.1 -p "$port" -U lms_bridge lms_bridge_test
    echo "postgresql+psycopg://lms_bridge@127.0.0.1:$port/lms_bridge_test"
    ;;
  stop)
    if [ -n "$bin" ] && [ -f "$dir/data/PG_VERSION" ]; then
      as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
    fi
    ;;
  *)
    echo "usage: $0 start|stop" >&2
    exit 2
    ;;
esac
