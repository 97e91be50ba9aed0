#!/usr/bin/env bash
# scripts/postgres.sh — a private PostgreSQL cluster for Medallion development, tests
# and CI (the SQL catalog on PostgreSQL, the PyIceberg interop oracle). It is NOT the
# system service: its own data dir, port and socket, started and stopped by this script.
# The server comes from Debian's packages (installed with apt-get when missing).
#
# Usage: scripts/postgres.sh <command> [args]
#   start             install if needed, initdb once, start, wait until it accepts
#                     connections, ensure the role and database exist (idempotent)
#   stop              fast shutdown (SIGINT), SIGQUIT then SIGKILL after
#                     MEDALLION_PG_STOP_TIMEOUT (idempotent)
#   restart           stop + start
#   status            running or not, pid, port, data dir (exit 0 running, 3 stopped)
#   url [DB]          print the connection URL, e.g.
#                     postgresql://medallion:medallion@127.0.0.1:55432/medallion
#                     (SQLAlchemy: replace the scheme with postgresql+psycopg2)
#   psql [ARGS...]    psql as the medallion role (server must be running)
#   createdb NAME     create database NAME owned by the role (no-op if it exists)
#   dropdb NAME       drop database NAME, closing its connections (no-op if absent)
#   logs [-f] [N]     last N (default 100) lines of the server log; -f follows
#   reset             stop and delete the data dir (all databases)
#   env               print the effective settings
#
# The cluster: `initdb` into <repo>/.medallion/postgres/data (superuser `postgres`,
# UTF8, locale C), listening on 127.0.0.1 only, unix socket in
# <repo>/.medallion/postgres/run, log in <repo>/.medallion/postgres/postgres.log.
# Unix-socket connections are trusted (that is how this script administers it); TCP
# connections need a password (scram-sha-256). The role `medallion` (password
# `medallion`, LOGIN CREATEDB) owns database `medallion`; tests may create and drop
# their own databases with it.
#
# Running as root: PostgreSQL refuses to run as root, so the server runs as an
# unprivileged OS user (MEDALLION_PG_OS_USER, default `postgres`, created as a system
# user if missing; Debian's package creates it). The data and socket dirs are owned by
# that user; the log file is opened by this script (root). If that user cannot reach
# <repo>/.medallion/postgres (e.g. the repo lives under a 0700 home directory), the data
# and socket dirs go to /var/tmp/medallion-postgres-<hash> instead (see `env`).
# Not root: the server runs as the current user and no other user is involved.
#
# Works from any cwd and unattended (CI=true, no stdin).
#
# Environment (all optional):
#   MEDALLION_HOME            runtime state root, default <repo>/.medallion (git-ignored)
#   MEDALLION_PG_STATE_DIR    default $MEDALLION_HOME/postgres
#   MEDALLION_PG_DATA_DIR     default $MEDALLION_PG_STATE_DIR/data
#   MEDALLION_PG_SOCKET_DIR   default $MEDALLION_PG_STATE_DIR/run
#   MEDALLION_PG_LOG_FILE     default $MEDALLION_PG_STATE_DIR/postgres.log (previous: .log.1)
#   MEDALLION_PG_PORT         TCP port on 127.0.0.1, default 55432
#   MEDALLION_PG_USER         login role, default medallion
#   MEDALLION_PG_PASSWORD     its password, default medallion
#   MEDALLION_PG_DB           its database, default medallion
#   MEDALLION_PG_OS_USER      OS user that runs the server when invoked as root, default postgres
#   MEDALLION_PG_BIN          PostgreSQL bin dir, default the newest /usr/lib/postgresql/*/bin
#   MEDALLION_PG_EXTRA_CONF   extra postgresql.conf lines (newline separated)
#   MEDALLION_PG_START_TIMEOUT  seconds to wait for connections, default 60
#   MEDALLION_PG_STOP_TIMEOUT   seconds before escalating the shutdown, default 30
set -euo pipefail
# shellcheck source=lib/logs.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/logs.sh"

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
REPO_ROOT="$(cd "$SCRIPT_DIR/.." && pwd -P)"

abspath() { case "$1" in /*) printf '%s' "$1" ;; *) printf '%s/%s' "$PWD" "$1" ;; esac; }

MEDALLION_HOME="$(abspath "${MEDALLION_HOME:-$REPO_ROOT/.medallion}")"
PG_STATE_DIR="$(abspath "${MEDALLION_PG_STATE_DIR:-$MEDALLION_HOME/postgres}")"
PG_LOG_FILE="$(abspath "${MEDALLION_PG_LOG_FILE:-$PG_STATE_DIR/postgres.log}")"
PG_PORT="${MEDALLION_PG_PORT:-55432}"
PG_HOST=127.0.0.1
PG_USER="${MEDALLION_PG_USER:-medallion}"
PG_PASSWORD="${MEDALLION_PG_PASSWORD:-medallion}"
PG_DB="${MEDALLION_PG_DB:-medallion}"
PG_OS_USER="${MEDALLION_PG_OS_USER:-postgres}"
PG_EXTRA_CONF="${MEDALLION_PG_EXTRA_CONF:-}"
PG_START_TIMEOUT="${MEDALLION_PG_START_TIMEOUT:-60}"
PG_STOP_TIMEOUT="${MEDALLION_PG_STOP_TIMEOUT:-30}"
PG_SUPERUSER=postgres

say() { printf '[postgres] %s\n' "$*" >&2; }
warn() { printf '[postgres] WARNING: %s\n' "$*" >&2; }
die() { printf '[postgres] ERROR: %s\n' "$*" >&2; exit 1; }

[[ "$PG_PORT" =~ ^[0-9]+$ && "$PG_PORT" -ge 1 && "$PG_PORT" -le 65535 ]] || die "MEDALLION_PG_PORT must be a port number (got '$PG_PORT')"
[[ "$PG_USER" =~ ^[a-z_][a-z0-9_]*$ ]] || die "MEDALLION_PG_USER must be a plain lower-case identifier (got '$PG_USER')"
[[ "$PG_DB" =~ ^[a-z_][a-z0-9_]*$ ]] || die "MEDALLION_PG_DB must be a plain lower-case identifier (got '$PG_DB')"

IS_ROOT=0
[[ "$(id -u)" -eq 0 ]] && IS_ROOT=1

# ---------------------------------------------------------------- binaries --
PG_BIN=""
find_bin() { # quiet: 0 if found
  [[ -n "$PG_BIN" ]] && return 0
  if [[ -n "${MEDALLION_PG_BIN:-}" ]]; then
    [[ -x "$MEDALLION_PG_BIN/postgres" && -x "$MEDALLION_PG_BIN/initdb" ]] \
      || die "MEDALLION_PG_BIN=$MEDALLION_PG_BIN has no postgres/initdb executables"
    PG_BIN="$MEDALLION_PG_BIN"
    return 0
  fi
  # The newest major version that has a complete server (numeric sort on the version).
  local d best=""
  best="$(for d in /usr/lib/postgresql/*/bin; do
    [[ -x "$d/postgres" && -x "$d/initdb" && -x "$d/pg_isready" && -x "$d/psql" ]] && echo "$d"
  done | sort -t/ -k5,5n | tail -n1)"
  if [[ -n "$best" ]]; then
    PG_BIN="$best"
    return 0
  fi
  return 1
}

install_postgres() {
  if find_bin; then return 0; fi
  if ((IS_ROOT == 0)); then
    die "PostgreSQL server binaries not found under /usr/lib/postgresql/*/bin: install them (sudo apt-get install postgresql) or set MEDALLION_PG_BIN, then retry"
  fi
  command -v apt-get >/dev/null 2>&1 || die "PostgreSQL is not installed and apt-get is not available: install a PostgreSQL server and set MEDALLION_PG_BIN to its bin dir"
  # The package would create and start a system cluster ("main", port 5432) that we do
  # not use: tell postgresql-common not to create it.
  if [[ -d /etc/postgresql-common/createcluster.d || ! -e /etc/postgresql-common ]]; then
    mkdir -p /etc/postgresql-common/createcluster.d
    printf '# written by medallion scripts/postgres.sh: no system cluster, we run a private one\ncreate_main_cluster = false\n' \
      >/etc/postgresql-common/createcluster.d/medallion-no-main-cluster.conf
  fi
  say "install: installing Debian's postgresql package with apt-get (the first time takes a minute or two)"
  local start=$SECONDS
  export DEBIAN_FRONTEND=noninteractive
  if ! { apt-get update -qq </dev/null >&2 && apt-get install -y -qq --no-install-recommends postgresql </dev/null >&2; }; then
    die "apt-get install postgresql failed (see above): check the network to the Debian mirror, then retry"
  fi
  find_bin || die "postgresql installed, but no server binaries under /usr/lib/postgresql/*/bin"
  say "install: done in $((SECONDS - start))s ($PG_BIN)"
}

pg_major() { "$PG_BIN/postgres" --version | sed -E 's/.* ([0-9]+)(\.[0-9]+)?.*/\1/'; }

# ---------------------------------------------------------------- OS user ---
ensure_os_user() {
  ((IS_ROOT)) || return 0
  if ! id -u "$PG_OS_USER" >/dev/null 2>&1; then
    say "user: creating system user '$PG_OS_USER' to run the server (PostgreSQL refuses to run as root)"
    useradd --system --user-group --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin "$PG_OS_USER" \
      || die "could not create OS user '$PG_OS_USER'; create it, or set MEDALLION_PG_OS_USER to an existing unprivileged user"
  fi
  [[ "$(id -u "$PG_OS_USER")" -ne 0 ]] || die "MEDALLION_PG_OS_USER=$PG_OS_USER is root; PostgreSQL will not run as root"
}

# Run a command as the server's OS user (directly when not root).
as_pg() {
  if ((IS_ROOT)); then
    if command -v runuser >/dev/null 2>&1; then
      runuser -u "$PG_OS_USER" -- "$@"
    else
      setpriv --reuid="$PG_OS_USER" --regid="$PG_OS_USER" --init-groups -- "$@"
    fi
  else
    "$@"
  fi
}

# ---------------------------------------------------------------- paths -----
# Data and socket dirs must be reachable by the server's OS user, and the socket path
# must fit in sun_path (~107 bytes). Fallbacks keep the script working anyway.
FALLBACK_ROOT="/var/tmp/medallion-postgres-$(printf '%s' "$PG_STATE_DIR" | sha256sum | cut -c1-10)"
PG_DATA_DIR=""
PG_SOCKET_DIR=""
resolve_dirs() {
  [[ -n "$PG_DATA_DIR" ]] && return 0
  local reachable=1
  mkdir -p "$PG_STATE_DIR"
  if ((IS_ROOT)) && id -u "$PG_OS_USER" >/dev/null 2>&1; then
    as_pg test -x "$PG_STATE_DIR" 2>/dev/null || reachable=0
  fi
  if [[ -n "${MEDALLION_PG_DATA_DIR:-}" ]]; then
    PG_DATA_DIR="$(abspath "$MEDALLION_PG_DATA_DIR")"
  elif ((reachable)); then
    PG_DATA_DIR="$PG_STATE_DIR/data"
  else
    PG_DATA_DIR="$FALLBACK_ROOT/data"
  fi
  if [[ -n "${MEDALLION_PG_SOCKET_DIR:-}" ]]; then
    PG_SOCKET_DIR="$(abspath "$MEDALLION_PG_SOCKET_DIR")"
  elif ((reachable)) && [[ ${#PG_STATE_DIR} -le 80 ]]; then
    PG_SOCKET_DIR="$PG_STATE_DIR/run"
  else
    PG_SOCKET_DIR="$FALLBACK_ROOT/run"
  fi
  [[ $((${#PG_SOCKET_DIR} + 16)) -le 107 ]] || die "socket path $PG_SOCKET_DIR/.s.PGSQL.$PG_PORT is too long for a unix socket; set MEDALLION_PG_SOCKET_DIR to a short path"
}

# A directory owned by the server's OS user, mode 0700.
own_dir() {
  mkdir -p "$1"
  if ((IS_ROOT)); then chown "$PG_OS_USER:" "$1"; fi
  chmod 700 "$1"
}

# ---------------------------------------------------------------- process ---
port_open() { # host port
  # shellcheck disable=SC2016
  timeout 2 bash -c 'exec 3<>"/dev/tcp/$1/$2"' _ "$1" "$2" >/dev/null 2>&1
}

who_listens() {
  if command -v ss >/dev/null 2>&1; then
    ss -Hltnp "sport = :$1" 2>/dev/null | head -n 3
  elif command -v lsof >/dev/null 2>&1; then
    lsof -nP -iTCP:"$1" -sTCP:LISTEN 2>/dev/null | tail -n +2 | head -n 3
  fi
}

# Prints the postmaster pid if a server is running on our data dir.
server_pid() {
  resolve_dirs
  local pidfile="$PG_DATA_DIR/postmaster.pid" pid cwd real
  [[ -f "$pidfile" ]] || return 1
  pid="$(head -n1 "$pidfile" 2>/dev/null | tr -dc '0-9' || true)"
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null || return 1
  if [[ -d /proc/$pid ]]; then
    # A postgres process whose working directory is our data dir (postgres chdirs there).
    grep -qa 'postgres' "/proc/$pid/cmdline" 2>/dev/null || return 1
    cwd="$(readlink "/proc/$pid/cwd" 2>/dev/null || true)"
    real="$(readlink -f "$PG_DATA_DIR")"
    [[ -z "$cwd" || "$cwd" == "$real" ]] || return 1
  fi
  echo "$pid"
}

pg_ready() {
  "$PG_BIN/pg_isready" -q -h "$PG_HOST" -p "$PG_PORT" -d postgres -t 2 </dev/null >/dev/null 2>&1
}

# psql as the superuser over the unix socket (trusted).
psql_admin() {
  PGCONNECT_TIMEOUT=5 PGOPTIONS="-c client_min_messages=warning" "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$PG_SOCKET_DIR" -p "$PG_PORT" -U "$PG_SUPERUSER" -d postgres "$@" </dev/null
}

lock_state_dir() {
  mkdir -p "$PG_STATE_DIR"
  if command -v flock >/dev/null 2>&1; then
    exec 9>"$PG_STATE_DIR/.lock"
    flock -w "$(($1 + 30))" 9 || die "another postgres.sh is holding $PG_STATE_DIR/.lock"
  fi
}

log_tail() {
  echo "----- last 30 lines of $PG_LOG_FILE -----" >&2
  tail -n 30 "$PG_LOG_FILE" >&2 2>/dev/null || true
  echo "-----" >&2
}

# ---------------------------------------------------------------- setup -----
init_cluster() {
  if [[ -f "$PG_DATA_DIR/PG_VERSION" ]]; then
    local have want
    have="$(cat "$PG_DATA_DIR/PG_VERSION")"
    want="$(pg_major)"
    [[ "$have" == "$want" ]] || die "data dir $PG_DATA_DIR was initialized by PostgreSQL $have, but the binaries are $want ($PG_BIN). Run '$0 reset' (deletes all databases) or set MEDALLION_PG_BIN to a PostgreSQL $have bin dir."
    say "initdb: cluster already initialized (PostgreSQL $have, $PG_DATA_DIR)"
    return 0
  fi
  [[ -e "$PG_DATA_DIR" ]] && [[ -n "$(ls -A "$PG_DATA_DIR" 2>/dev/null)" ]] \
    && die "$PG_DATA_DIR exists, is not empty and is not a PostgreSQL data dir; move it away or run '$0 reset'"
  local parent tmp out
  parent="$(dirname "$PG_DATA_DIR")"
  mkdir -p "$parent"
  tmp="$parent/.data.initdb.$$"
  rm -rf -- "$tmp"
  own_dir "$tmp"
  say "initdb: creating cluster in $PG_DATA_DIR (PostgreSQL $(pg_major), superuser '$PG_SUPERUSER', UTF8, locale C)"
  if ! out="$(as_pg "$PG_BIN/initdb" -D "$tmp" --username="$PG_SUPERUSER" --encoding=UTF8 --locale=C \
      --auth-local=trust --auth-host=scram-sha-256 --no-instructions </dev/null 2>&1)"; then
    printf '%s\n' "$out" >&2
    rm -rf -- "$tmp"
    die "initdb failed (see above)"
  fi
  printf "\n# Medallion: settings generated by scripts/postgres.sh on every start\ninclude_if_exists = 'medallion.conf'\n" >>"$tmp/postgresql.conf"
  rm -rf -- "$PG_DATA_DIR"
  mv "$tmp" "$PG_DATA_DIR"
}

write_config() {
  local conf="$PG_DATA_DIR/medallion.conf"
  {
    echo "# Generated by scripts/postgres.sh on every start; use MEDALLION_PG_EXTRA_CONF for more."
    echo "listen_addresses = '$PG_HOST'"
    echo "port = $PG_PORT"
    echo "unix_socket_directories = '$PG_SOCKET_DIR'"
    echo "logging_collector = off"
    echo "log_line_prefix = '%m [%p] %q%u@%d '"
    echo "log_timezone = 'UTC'"
    echo "timezone = 'UTC'"
    echo "max_connections = 100"
    [[ -n "$PG_EXTRA_CONF" ]] && printf '\n# MEDALLION_PG_EXTRA_CONF\n%s\n' "$PG_EXTRA_CONF"
  } >"$conf.tmp"
  mv "$conf.tmp" "$conf"
  if ((IS_ROOT)); then chown "$PG_OS_USER:" "$conf"; fi
  chmod 600 "$conf"
}

sql_literal() { printf "'%s'" "${1//\'/\'\'}"; }

bootstrap_role_db() {
  local pw
  pw="$(sql_literal "$PG_PASSWORD")"
  psql_admin -c "DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$PG_USER') THEN
    CREATE ROLE $PG_USER LOGIN CREATEDB PASSWORD $pw;
  ELSE
    ALTER ROLE $PG_USER LOGIN CREATEDB PASSWORD $pw;
  END IF;
END \$\$;" >/dev/null || die "could not create/update role '$PG_USER' (see above and $PG_LOG_FILE)"
  if [[ "$(psql_admin -At -c "SELECT 1 FROM pg_database WHERE datname = '$PG_DB'")" != 1 ]]; then
    say "bootstrap: creating database '$PG_DB' owned by '$PG_USER'"
    psql_admin -c "CREATE DATABASE $PG_DB OWNER $PG_USER" >/dev/null || die "could not create database '$PG_DB'"
  fi
}

wait_ready() { # pid
  local pid="$1" deadline=$((SECONDS + PG_START_TIMEOUT))
  say "wait: for $PG_HOST:$PG_PORT to accept connections (timeout ${PG_START_TIMEOUT}s)"
  while ((SECONDS < deadline)); do
    if ! kill -0 "$pid" 2>/dev/null; then
      log_tail
      local first
      first="$(grep -m1 -E '(FATAL|PANIC|ERROR): ' "$PG_LOG_FILE" 2>/dev/null | cut -c1-300 || true)"
      die "server process $pid exited during startup${first:+: $first}; see $PG_LOG_FILE"
    fi
    if pg_ready; then return 0; fi
    sleep 0.2
  done
  log_tail
  die "server pid $pid did not accept connections on $PG_HOST:$PG_PORT within ${PG_START_TIMEOUT}s; it is left running — see $PG_LOG_FILE, then '$0 stop'"
}

# ---------------------------------------------------------------- commands --
cmd_start() {
  lock_state_dir "$PG_START_TIMEOUT"
  install_postgres
  ensure_os_user
  resolve_dirs

  local pid
  if pid="$(server_pid)"; then
    say "start: already running (pid $pid); checking it accepts connections on $PG_HOST:$PG_PORT"
    wait_ready "$pid"
    bootstrap_role_db
    say "ready: $(cmd_url_plain)"
    return 0
  fi

  if port_open "$PG_HOST" "$PG_PORT"; then
    local who
    who="$(who_listens "$PG_PORT" || true)"
    die "port $PG_HOST:$PG_PORT is already in use by another process (not a server on $PG_DATA_DIR)${who:+:
$who}
Stop it, or choose another port with MEDALLION_PG_PORT."
  fi

  say "bin: $PG_BIN ($("$PG_BIN/postgres" --version))"
  ((IS_ROOT)) && say "user: running the server as OS user '$PG_OS_USER' (not root)"
  [[ "$PG_DATA_DIR" == "$FALLBACK_ROOT"/* ]] && warn "'$PG_OS_USER' cannot reach $PG_STATE_DIR; using $FALLBACK_ROOT for data and socket"
  init_cluster
  own_dir "$PG_SOCKET_DIR"
  # A postmaster.pid left by a killed server (its pid is gone or reused) blocks startup.
  if [[ -f "$PG_DATA_DIR/postmaster.pid" ]]; then
    say "start: removing stale $PG_DATA_DIR/postmaster.pid"
    rm -f "$PG_DATA_DIR/postmaster.pid"
  fi
  say "config: writing $PG_DATA_DIR/medallion.conf (listen $PG_HOST:$PG_PORT, socket $PG_SOCKET_DIR)"
  write_config

  mkdir -p "$(dirname "$PG_LOG_FILE")"
  [[ -s "$PG_LOG_FILE" ]] && mv -f "$PG_LOG_FILE" "$PG_LOG_FILE.1"
  : >"$PG_LOG_FILE"
  say "start: launching postgres -D $PG_DATA_DIR; log: $PG_LOG_FILE"
  # setsid: own session, no terminal; the log is opened here (by us), so the server's
  # OS user needs no access to the state dir; fd 9 (the lock) is not inherited.
  local launcher=()
  command -v setsid >/dev/null 2>&1 && launcher=(setsid)
  if ((IS_ROOT)); then
    "${launcher[@]}" runuser -u "$PG_OS_USER" -- "$PG_BIN/postgres" -D "$PG_DATA_DIR" \
      </dev/null >>"$PG_LOG_FILE" 2>&1 9>&- &
  else
    "${launcher[@]}" "$PG_BIN/postgres" -D "$PG_DATA_DIR" </dev/null >>"$PG_LOG_FILE" 2>&1 9>&- &
  fi
  local launcher_pid=$!
  # The postmaster writes its pid into postmaster.pid; wait for it.
  local i
  for i in $(seq 1 100); do
    pid="$(server_pid || true)"
    [[ -n "$pid" ]] && break
    if ! kill -0 "$launcher_pid" 2>/dev/null; then
      log_tail
      die "postgres exited at once; see $PG_LOG_FILE"
    fi
    sleep 0.1
  done
  [[ -n "$pid" ]] || { log_tail; die "postgres did not write $PG_DATA_DIR/postmaster.pid; see $PG_LOG_FILE"; }
  say "start: server pid $pid"
  wait_ready "$pid"
  bootstrap_role_db
  say "ready: $(cmd_url_plain)"
}

cmd_stop() {
  lock_state_dir "$PG_STOP_TIMEOUT"
  if ! find_bin; then
    say "stop: PostgreSQL is not installed; nothing to stop"
    return 0
  fi
  resolve_dirs
  local pid
  if ! pid="$(server_pid)"; then
    say "stop: not running (data dir $PG_DATA_DIR)"
    return 0
  fi
  say "stop: fast shutdown of pid $pid (SIGINT, up to ${PG_STOP_TIMEOUT}s)"
  kill -INT "$pid" 2>/dev/null || true
  local deadline=$((SECONDS + PG_STOP_TIMEOUT))
  while kill -0 "$pid" 2>/dev/null && ((SECONDS < deadline)); do sleep 0.2; done
  if kill -0 "$pid" 2>/dev/null; then
    warn "stop: pid $pid still running after ${PG_STOP_TIMEOUT}s; immediate shutdown (SIGQUIT)"
    kill -QUIT "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
  fi
  if kill -0 "$pid" 2>/dev/null; then
    warn "stop: pid $pid still running; SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  fi
  kill -0 "$pid" 2>/dev/null && die "stop: could not stop pid $pid"
  say "stop: stopped"
}

cmd_status() {
  if ! find_bin; then
    say "status: not running (PostgreSQL not installed; '$0 start' installs it)"
    return 3
  fi
  resolve_dirs
  local pid
  if pid="$(server_pid)"; then
    local accepting=no
    pg_ready && accepting=yes
    say "status: running (PostgreSQL $(pg_major), pid $pid, $PG_HOST:$PG_PORT accepting=$accepting)"
    say "url: $(cmd_url_plain)"
    say "data: $PG_DATA_DIR"
    say "log: $PG_LOG_FILE"
    return 0
  fi
  if port_open "$PG_HOST" "$PG_PORT"; then
    say "status: not running (but $PG_HOST:$PG_PORT is in use by another process)"
  else
    say "status: not running"
  fi
  say "data: $PG_DATA_DIR"
  return 3
}

urlencode() {
  local s="$1" out="" c i
  for ((i = 0; i < ${#s}; i++)); do
    c="${s:i:1}"
    case "$c" in
      [A-Za-z0-9._~-]) out+="$c" ;;
      *) out+="$(printf '%%%02X' "'$c")" ;;
    esac
  done
  printf '%s' "$out"
}

cmd_url_plain() {
  printf 'postgresql://%s:%s@%s:%s/%s' "$(urlencode "$PG_USER")" "$(urlencode "$PG_PASSWORD")" "$PG_HOST" "$PG_PORT" "${1:-$PG_DB}"
}

cmd_url() {
  [[ $# -le 1 ]] || die "usage: $0 url [DB]"
  [[ $# -eq 0 || "$1" =~ ^[A-Za-z0-9_.-]+$ ]] || die "url: database name must be letters, digits, '_', '.', '-'"
  cmd_url_plain "${1:-}"
  echo
}

require_running() {
  find_bin || die "PostgreSQL is not installed; run '$0 start'"
  resolve_dirs
  server_pid >/dev/null || die "the server is not running; start it with '$0 start'"
}

cmd_psql() {
  require_running
  PGPASSWORD="$PG_PASSWORD" exec "$PG_BIN/psql" -X -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -d "$PG_DB" "$@"
}

check_db_name() {
  [[ $# -eq 1 && "$1" =~ ^[a-z_][a-z0-9_]*$ ]] || die "database name must be a plain lower-case identifier (got '${1:-}')"
}

cmd_createdb() {
  check_db_name "$@"
  require_running
  if [[ "$(psql_admin -At -c "SELECT 1 FROM pg_database WHERE datname = '$1'")" == 1 ]]; then
    say "createdb: '$1' already exists"
  else
    psql_admin -c "CREATE DATABASE $1 OWNER $PG_USER" >/dev/null
    say "createdb: created '$1' (owner $PG_USER)"
  fi
}

cmd_dropdb() {
  check_db_name "$@"
  [[ "$1" != "$PG_DB" && "$1" != postgres && "$1" != template0 && "$1" != template1 ]] || die "dropdb: refusing to drop '$1' (use reset)"
  require_running
  psql_admin -c "DROP DATABASE IF EXISTS $1 WITH (FORCE)" >/dev/null
  say "dropdb: '$1' dropped (if it existed)"
}

cmd_logs() {
  show_log "$PG_LOG_FILE" "$@"
}

cmd_reset() {
  cmd_stop
  resolve_dirs
  local d
  for d in "$PG_DATA_DIR" "$FALLBACK_ROOT"; do
    if [[ -e "$d" ]]; then
      say "reset: deleting $d"
      rm -rf -- "$d"
    fi
  done
  rm -rf -- "$PG_STATE_DIR/run"
  say "reset: done (the next start runs initdb)"
}

cmd_env() {
  find_bin || true
  resolve_dirs
  local os_user
  if ((IS_ROOT)); then os_user="$PG_OS_USER"; else os_user="$(id -un)"; fi
  printf '%s=%s\n' MEDALLION_HOME "$MEDALLION_HOME" MEDALLION_PG_STATE_DIR "$PG_STATE_DIR" \
    MEDALLION_PG_DATA_DIR "$PG_DATA_DIR" MEDALLION_PG_SOCKET_DIR "$PG_SOCKET_DIR" \
    MEDALLION_PG_LOG_FILE "$PG_LOG_FILE" MEDALLION_PG_PORT "$PG_PORT" MEDALLION_PG_USER "$PG_USER" \
    MEDALLION_PG_DB "$PG_DB" MEDALLION_PG_OS_USER "$os_user" \
    MEDALLION_PG_BIN "${PG_BIN:-<not installed>}" MEDALLION_PG_START_TIMEOUT "$PG_START_TIMEOUT" \
    MEDALLION_PG_STOP_TIMEOUT "$PG_STOP_TIMEOUT"
  printf 'URL=%s\n' "$(cmd_url_plain)"
}

usage() {
  sed -n '2,/^set -euo pipefail/p' "${BASH_SOURCE[0]}" | sed -e '$d' -e 's/^# \{0,1\}//'
}

main() {
  local cmd="${1:-}"
  [[ $# -gt 0 ]] && shift
  case "$cmd" in
    start) cmd_start ;;
    stop) cmd_stop ;;
    restart) cmd_stop; cmd_start ;;
    status) cmd_status ;;
    url) cmd_url "$@" ;;
    psql) cmd_psql "$@" ;;
    createdb) cmd_createdb "$@" ;;
    dropdb) cmd_dropdb "$@" ;;
    logs) cmd_logs "$@" ;;
    reset) cmd_reset ;;
    env) cmd_env ;;
    -h | --help | help) usage ;;
    "") usage; exit 64 ;;
    *) printf "[postgres] unknown command: %s (try '%s help')\n" "$cmd" "$0" >&2; exit 64 ;;
  esac
}

main "$@"
