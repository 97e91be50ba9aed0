#!/usr/bin/env bash
# scripts/python-env.sh — a cached Python virtual environment per requirements file,
# for the Python tools Medallion drives from its TypeScript tests and jobs (PyIceberg
# interop oracle today; dbt and Airflow later).
#
# Usage: scripts/python-env.sh <name> <requirements.txt>
#   Creates (once) $MEDALLION_CACHE/venvs/<name>-<hash>, where <hash> is a short
#   sha256 of the requirements file (plus any files it includes with -r/-c) and the
#   base interpreter's version, installs the pinned requirements with pip, writes a
#   completion marker, and prints the venv's python path as the LAST line on stdout.
#   Everything else goes to stderr, so callers can do:
#     PY=$(scripts/python-env.sh pyiceberg interop/pyiceberg/requirements.txt)
#   A venv without its marker (an interrupted install) is deleted and rebuilt. A venv
#   whose interpreter no longer runs (e.g. the base Python was removed) is rebuilt too.
#   Concurrent calls for the same venv wait for each other (flock).
#
#   scripts/python-env.sh --help   this text
#
# Works from any cwd (a relative requirements path is taken relative to the caller's
# cwd) and unattended (CI=true, no stdin). Needs: bash, a Python 3 with the venv
# module (Debian's system python3 needs the python3-venv package), network access to
# the Python package index for the first install.
#
# Environment (all optional):
#   MEDALLION_CACHE    cache root outside git, default $HOME/.cache/medallion
#   MEDALLION_VENVS    venv root, default $MEDALLION_CACHE/venvs
#   MEDALLION_PYTHON   base interpreter (name or path); default: python3.11 if on PATH,
#                      else python3
#   PIP_EXTRA_ARGS     extra arguments for `pip install` (e.g. --prefer-binary)
#   PYTHON_ENV_LOCK_TIMEOUT  seconds to wait for a concurrent install, default 900
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
REPO_ROOT="$(cd "$SCRIPT_DIR/.." && pwd -P)"

say() { printf '[python-env] %s\n' "$*" >&2; }
die() { printf '[python-env] ERROR: %s\n' "$*" >&2; exit 1; }

abspath() { case "$1" in /*) printf '%s' "$1" ;; *) printf '%s/%s' "$PWD" "$1" ;; esac; }

usage() {
  sed -n '2,/^set -euo pipefail/p' "${BASH_SOURCE[0]}" | sed -e '$d' -e 's/^# \{0,1\}//' >&2
}

case "${1:-}" in
  -h | --help | help) usage; exit 0 ;;
esac
[[ $# -eq 2 ]] || { usage; die "expected 2 arguments: <name> <requirements.txt> (got $#)"; }

NAME="$1"
REQ_FILE="$2"
[[ "$NAME" =~ ^[A-Za-z0-9][A-Za-z0-9_.-]*$ ]] || die "name must be letters, digits, '.', '_' or '-' (got '$NAME')"
REQ_FILE="$(abspath "$REQ_FILE")"
[[ -f "$REQ_FILE" ]] || die "requirements file not found: $REQ_FILE (paths are relative to the current directory; the repo root is $REPO_ROOT)"
REQ_FILE="$(cd "$(dirname "$REQ_FILE")" && pwd -P)/$(basename "$REQ_FILE")"

MEDALLION_CACHE="$(abspath "${MEDALLION_CACHE:-${HOME:-/root}/.cache/medallion}")"
MEDALLION_VENVS="$(abspath "${MEDALLION_VENVS:-$MEDALLION_CACHE/venvs}")"
PIP_EXTRA_ARGS="${PIP_EXTRA_ARGS:-}"
PYTHON_ENV_LOCK_TIMEOUT="${PYTHON_ENV_LOCK_TIMEOUT:-900}"

# ---------------------------------------------------------------- base python --
if [[ -n "${MEDALLION_PYTHON:-}" ]]; then
  BASE_PY="$MEDALLION_PYTHON"
elif command -v python3.11 >/dev/null 2>&1 && python3.11 -c '' >/dev/null 2>&1; then
  BASE_PY=python3.11
else
  BASE_PY=python3
fi
command -v "$BASE_PY" >/dev/null 2>&1 || die "Python interpreter '$BASE_PY' not found: install Python 3 (e.g. apt-get install python3 python3-venv) or set MEDALLION_PYTHON"
# Resolve shims (pyenv) to the real interpreter, so the venv does not depend on a shim.
BASE_INFO="$("$BASE_PY" -c 'import sys, platform; print(sys.executable); print(platform.python_implementation(), "%d.%d.%d" % sys.version_info[:3])' </dev/null)" \
  || die "'$BASE_PY' does not run; set MEDALLION_PYTHON to a working Python 3"
BASE_EXE="$(sed -n 1p <<<"$BASE_INFO")"
BASE_VERSION="$(sed -n 2p <<<"$BASE_INFO")"

# ---------------------------------------------------------------- hash ---------
# Requirements content, plus the files it pulls in with -r/-c (one level, relative to
# the requirements file), plus the interpreter implementation and version.
req_digest() {
  local dir line inc
  dir="$(dirname "$REQ_FILE")"
  {
    cat "$REQ_FILE"
    while IFS= read -r line; do
      line="${line%%#*}"
      if [[ "$line" =~ ^[[:space:]]*(-r|-c|--requirement|--constraint)[[:space:]=]+([^[:space:]]+) ]]; then
        inc="${BASH_REMATCH[2]}"
        [[ "$inc" == /* ]] || inc="$dir/$inc"
        [[ -f "$inc" ]] || die "$REQ_FILE includes $inc, which does not exist"
        printf '\n# include %s\n' "${BASH_REMATCH[2]}"
        cat "$inc"
      fi
    done <"$REQ_FILE"
    printf '\n# python %s\n' "$BASE_VERSION"
  } | sha256sum | cut -c1-12
}
DIGEST="$(req_digest)"
VENV="$MEDALLION_VENVS/$NAME-$DIGEST"
VENV_PY="$VENV/bin/python"
MARKER="$VENV/.medallion-complete"

venv_ok() {
  [[ -f "$MARKER" && -x "$VENV_PY" ]] && "$VENV_PY" -c '' </dev/null >/dev/null 2>&1
}

if venv_ok; then
  say "$NAME: using $VENV ($BASE_VERSION)"
  printf '%s\n' "$VENV_PY"
  exit 0
fi

# ---------------------------------------------------------------- create -------
mkdir -p "$MEDALLION_VENVS"
if command -v flock >/dev/null 2>&1; then
  exec 9>"$VENV.lock"
  if ! flock -n 9; then
    say "$NAME: another python-env.sh is installing $VENV; waiting (up to ${PYTHON_ENV_LOCK_TIMEOUT}s)"
    flock -w "$PYTHON_ENV_LOCK_TIMEOUT" 9 || die "timed out waiting for $VENV.lock; if no install is running, delete the lock file and retry"
  fi
fi
# Another caller may have finished it while we waited.
if venv_ok; then
  say "$NAME: using $VENV ($BASE_VERSION)"
  printf '%s\n' "$VENV_PY"
  exit 0
fi

if [[ -e "$VENV" ]]; then
  say "$NAME: removing incomplete or broken venv $VENV"
  rm -rf -- "$VENV"
fi

start=$SECONDS
say "$NAME: creating venv $VENV with $BASE_EXE ($BASE_VERSION)"
if ! "$BASE_EXE" -m venv "$VENV" </dev/null >&2; then
  rm -rf -- "$VENV"
  die "'$BASE_EXE -m venv' failed: on Debian install the venv module (apt-get install python3-venv), or point MEDALLION_PYTHON at another Python 3"
fi

say "$NAME: installing $(grep -cE '^[[:space:]]*[A-Za-z0-9]' "$REQ_FILE") pinned requirements from ${REQ_FILE#"$REPO_ROOT"/} with pip"
# shellcheck disable=SC2086
if ! PIP_NO_INPUT=1 "$VENV_PY" -m pip install --quiet --no-cache-dir --disable-pip-version-check \
    -r "$REQ_FILE" $PIP_EXTRA_ARGS </dev/null >&2; then
  rm -rf -- "$VENV"
  die "pip install -r $REQ_FILE failed (see above): a network problem reaching the package index, or a pin with no wheel for Python $BASE_VERSION; fix the requirements or set MEDALLION_PYTHON, then rerun"
fi
if ! check_out="$("$VENV_PY" -m pip check --disable-pip-version-check </dev/null 2>&1)"; then
  printf '%s\n' "$check_out" >&2
  rm -rf -- "$VENV"
  die "pip check found inconsistent dependencies after installing $REQ_FILE (see above): adjust the pins and rerun"
fi

{
  echo "requirements=$REQ_FILE"
  echo "digest=$DIGEST"
  echo "python=$BASE_EXE $BASE_VERSION"
  echo "created=$(date -u +%Y-%m-%dT%H:%M:%SZ)"
} >"$MARKER.tmp"
mv "$MARKER.tmp" "$MARKER"
say "$NAME: ready in $((SECONDS - start))s ($(du -sh "$VENV" 2>/dev/null | cut -f1))"
printf '%s\n' "$VENV_PY"
