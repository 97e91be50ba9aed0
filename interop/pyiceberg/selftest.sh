#!/usr/bin/env bash
# interop/pyiceberg/selftest.sh — end-to-end check of the PyIceberg interop oracle
# (oracle.py) against real PyIceberg SqlCatalogs on SQLite and on PostgreSQL.
#
# Usage: interop/pyiceberg/selftest.sh [sqlite|postgres|all]   (default: all)
#
# For each catalog: creates a partitioned table with every primitive type plus a
# struct, a list and a map, appends, evolves the schema, appends again, scans
# (current and time travel), inspects, deletes, overwrites, registers, lists, and
# checks the error contract (interop/pyiceberg/selftest_checks.py has the details).
# Closes with "N passed, N failed"; exit 0 only if every check passed.
#
# Cleans up after itself: the temporary warehouse and SQLite catalog are deleted, the
# PostgreSQL database it created is dropped, and PostgreSQL is stopped again if this
# script started it (scripts/postgres.sh). Works from any cwd, unattended (CI=true).
#
# Environment (optional): MEDALLION_CACHE (venv cache, see scripts/python-env.sh),
# MEDALLION_PG_* (see scripts/postgres.sh), SELFTEST_KEEP=1 keeps the temp dir.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
REPO_ROOT="$(cd "$HERE/../.." && pwd -P)"

say() { printf '[pyiceberg-selftest] %s\n' "$*" >&2; }
die() { printf '[pyiceberg-selftest] ERROR: %s\n' "$*" >&2; exit 1; }

MODE="${1:-all}"
case "$MODE" in
  sqlite | postgres | all) ;;
  -h | --help) sed -n '2,/^set -euo pipefail/p' "${BASH_SOURCE[0]}" | sed -e '$d' -e 's/^# \{0,1\}//'; exit 0 ;;
  *) die "unknown mode '$MODE' (sqlite, postgres or all)" ;;
esac

PG="$REPO_ROOT/scripts/postgres.sh"
WORK=""
STARTED_PG=0
PG_TEST_DB=""

cleanup() {
  local rc=$?
  if [[ -n "$PG_TEST_DB" ]]; then
    bash "$PG" dropdb "$PG_TEST_DB" </dev/null >/dev/null 2>&1 || say "could not drop database $PG_TEST_DB"
  fi
  if ((STARTED_PG)); then
    bash "$PG" stop </dev/null >/dev/null 2>&1 || say "could not stop PostgreSQL"
  fi
  if [[ -n "$WORK" && -d "$WORK" ]]; then
    if [[ "${SELFTEST_KEEP:-0}" == 1 ]]; then
      say "kept $WORK"
    else
      rm -rf -- "$WORK"
    fi
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

start=$SECONDS
say "python: preparing the venv (scripts/python-env.sh)"
PY="$(bash "$REPO_ROOT/scripts/python-env.sh" pyiceberg "$HERE/requirements.txt" </dev/null | tail -n1)"
[[ -x "$PY" ]] || die "scripts/python-env.sh did not return a python ($PY)"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/medallion-pyiceberg-selftest.XXXXXX")"

failed=0
run_checks() { # label uri warehouse
  say "checks: $1"
  if ! "$PY" "$HERE/selftest_checks.py" --python "$PY" --oracle "$HERE/oracle.py" \
      --label "$1" --uri "$2" --warehouse "$3" </dev/null; then
    failed=1
  fi
}

if [[ "$MODE" == sqlite || "$MODE" == all ]]; then
  mkdir -p "$WORK/sqlite/warehouse"
  run_checks sqlite "sqlite:///$WORK/sqlite/catalog.db" "file://$WORK/sqlite/warehouse"
fi

if [[ "$MODE" == postgres || "$MODE" == all ]]; then
  if ! bash "$PG" status </dev/null >/dev/null 2>&1; then
    say "postgres: starting the private cluster (scripts/postgres.sh start)"
    STARTED_PG=1
    bash "$PG" start </dev/null || die "scripts/postgres.sh start failed (see above)"
  fi
  PG_TEST_DB="pyiceberg_selftest_$$"
  bash "$PG" createdb "$PG_TEST_DB" </dev/null
  url="$(bash "$PG" url "$PG_TEST_DB")"
  mkdir -p "$WORK/postgres/warehouse"
  run_checks "postgres ($PG_TEST_DB)" "postgresql+psycopg2://${url#postgresql://}" "file://$WORK/postgres/warehouse"
fi

if ((failed)); then
  say "FAILED after $((SECONDS - start))s"
  exit 1
fi
say "all checks passed in $((SECONDS - start))s"
