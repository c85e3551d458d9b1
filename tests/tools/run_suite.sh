#!/usr/bin/env bash
# The whole suite on SQLite, then the database-backed tests again on PostgreSQL.
# Extra arguments go to pytest (e.g. `make test ARGS="-k access"`).
set -uo pipefail
py=${PYTHON:-.venv/bin/python}

echo "== Test suite on SQLite =="
"$py" -m pytest "$@"
sqlite_status=$?

echo "== Database tests on PostgreSQL =="
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  echo "SKIPPED: the PostgreSQL run (no PostgreSQL server installed)."
  [ "${CI:-}" = "true" ] && exit 1
  exit $sqlite_status
fi
url=$(bash tests/tools/postgres.sh start) || { echo "could not start PostgreSQL" >&2; exit 1; }
LMS_BRIDGE_TEST_DATABASE_URL=$url LMS_BRIDGE_TEST_DB_ONLY=1 "$py" -m pytest "$@"
pg_status=$?
bash tests/tools/postgres.sh stop
[ $sqlite_status -eq 0 ] && [ $pg_status -eq 0 ]
