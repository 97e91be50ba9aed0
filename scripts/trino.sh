#!/usr/bin/env bash
# scripts/trino.sh — a Trino server install (server core + the Iceberg connector
# plugin) for Medallion's tests: Athena engine v3 is built on Trino, so the SQL our
# backend sends to Athena is proven on a real Trino reading the Iceberg tables our
# pipeline writes to Glue + S3 (moto). No Docker, no tarball URL: both artifacts are
# resolved from Maven Central with Maven (`dependency:copy`) and unpacked into the
# cache. The server itself is started per test file by
# pipeline/src/query/__testUtils__/trinoServer.ts (`java -cp '<install>/lib/*'`).
#
# Usage: scripts/trino.sh <command>
#   fetch    resolve and unpack Trino into the cache (idempotent; progress on stderr).
#            The LAST stdout line is the install dir, so callers can do:
#              export MEDALLION_TRINO_HOME=$(bash scripts/trino.sh fetch | tail -1)
#   env      print the effective settings
#
# Works from any cwd and unattended (CI=true, no stdin). Needs: bash, tar, unzip,
# Maven (`mvn`) for the first fetch (~540 MB). Running the server needs Java 24+
# (Trino 476): the Temurin 25 JDK below.
#
# Environment (all optional):
#   TRINO_VERSION      default 476 (the last release whose server is published)
#   MEDALLION_CACHE    cache root outside git, default $HOME/.cache/medallion
#   TRINO_HOME         install dir, default $MEDALLION_CACHE/trino-$TRINO_VERSION
#                      (bin/, lib/, plugin/iceberg/)
#   TRINO_JAVA_HOME    JDK that runs the server, default /usr/lib/jvm/temurin-25-jdk-amd64
#   MVN                Maven command, default mvn; MAVEN_EXTRA_ARGS appended (e.g. -o)
#   TRINO_LOCK_TIMEOUT seconds to wait for a concurrent fetch, default 900
set -euo pipefail

TRINO_VERSION="${TRINO_VERSION:-476}"
MEDALLION_CACHE="${MEDALLION_CACHE:-${HOME:-/root}/.cache/medallion}"
TRINO_HOME="${TRINO_HOME:-$MEDALLION_CACHE/trino-$TRINO_VERSION}"
TRINO_JAVA_HOME="${TRINO_JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
TRINO_LOCK_TIMEOUT="${TRINO_LOCK_TIMEOUT:-900}"
MVN="${MVN:-mvn}"
MAVEN_EXTRA_ARGS="${MAVEN_EXTRA_ARGS:-}"
DEPENDENCY_PLUGIN=org.apache.maven.plugins:maven-dependency-plugin:3.8.1

abspath() { case "$1" in /*) printf '%s' "$1" ;; *) printf '%s/%s' "$PWD" "$1" ;; esac; }
MEDALLION_CACHE="$(abspath "$MEDALLION_CACHE")"
TRINO_HOME="$(abspath "$TRINO_HOME")"
MARKER="$TRINO_HOME/.medallion-complete"

say() { printf '[trino.sh] %s\n' "$*" >&2; }
warn() { printf '[trino.sh] WARNING: %s\n' "$*" >&2; }
die() { printf '[trino.sh] ERROR: %s\n' "$*" >&2; exit 1; }

[[ "$TRINO_VERSION" =~ ^[0-9]+$ ]] || die "TRINO_VERSION must be a release number like 476 (got '$TRINO_VERSION')"

fetched() {
  [[ -f "$MARKER" && "$(cat "$MARKER" 2>/dev/null)" == "$TRINO_VERSION" ]] \
    && compgen -G "$TRINO_HOME/lib/*trino-main-$TRINO_VERSION.jar" >/dev/null \
    && compgen -G "$TRINO_HOME/plugin/iceberg/*trino-iceberg-$TRINO_VERSION.jar" >/dev/null
}

check_java() {
  [[ -x "$TRINO_JAVA_HOME/bin/java" ]] \
    || warn "no JDK at $TRINO_JAVA_HOME: Trino $TRINO_VERSION needs Java 24+ to run (install Temurin 25 there or set TRINO_JAVA_HOME)"
}

# Copies one artifact (groupId:artifactId:version:type) into $2 with Maven.
mvn_copy() {
  # Maven 3.8 prints bare ANSI resets even with -B -q: strip them (errors still show).
  # shellcheck disable=SC2086
  "$MVN" -B -q -Dstyle.color=never "$DEPENDENCY_PLUGIN:copy" \
    -Dartifact="$1" -DoutputDirectory="$2" -Dmdep.overWriteReleases=true \
    $MAVEN_EXTRA_ARGS </dev/null 2>&1 | sed -e 's/\x1b\[[0-9;]*m//g' -e '/^[[:space:]]*$/d' >&2
}

# The single top-level directory an archive unpacked into ($1), or $1 itself.
unpacked_root() {
  local entries=("$1"/*)
  if [[ ${#entries[@]} -eq 1 && -d "${entries[0]}" ]]; then
    printf '%s' "${entries[0]}"
  else
    printf '%s' "$1"
  fi
}

cmd_fetch() {
  if fetched; then
    say "fetch: Trino $TRINO_VERSION already in $TRINO_HOME"
    check_java
    printf '%s\n' "$TRINO_HOME"
    return 0
  fi
  local parent
  parent="$(dirname "$TRINO_HOME")"
  mkdir -p "$parent"
  if command -v flock >/dev/null 2>&1; then
    exec 9>"$TRINO_HOME.lock"
    if ! flock -n 9; then
      say "fetch: another trino.sh is fetching into $TRINO_HOME; waiting (up to ${TRINO_LOCK_TIMEOUT}s)"
      flock -w "$TRINO_LOCK_TIMEOUT" 9 || die "timed out waiting for $TRINO_HOME.lock"
    fi
    if fetched; then
      say "fetch: Trino $TRINO_VERSION already in $TRINO_HOME"
      printf '%s\n' "$TRINO_HOME"
      return 0
    fi
  fi
  command -v "$MVN" >/dev/null 2>&1 || die "Maven ('$MVN') not found; install Maven 3.6+ (e.g. apt-get install maven)"
  command -v unzip >/dev/null 2>&1 || die "unzip not found (apt-get install unzip)"

  local start=$SECONDS tmp
  tmp="$(mktemp -d "$parent/.trino-$TRINO_VERSION.tmp.XXXXXX")"
  # shellcheck disable=SC2064
  trap "rm -rf '$tmp'" EXIT
  mkdir -p "$tmp/download" "$tmp/server" "$tmp/iceberg"

  say "fetch: resolving io.trino:trino-server-core:$TRINO_VERSION:tar.gz (~194 MB) with Maven"
  mvn_copy "io.trino:trino-server-core:$TRINO_VERSION:tar.gz" "$tmp/download" \
    || die "fetch: Maven could not resolve trino-server-core $TRINO_VERSION (is the version published? network/proxy ok?)"
  say "fetch: resolving io.trino:trino-iceberg:$TRINO_VERSION:zip (~346 MB) with Maven"
  mvn_copy "io.trino:trino-iceberg:$TRINO_VERSION:zip" "$tmp/download" \
    || die "fetch: Maven could not resolve trino-iceberg $TRINO_VERSION"

  say "fetch: unpacking"
  tar -xzf "$tmp/download/trino-server-core-$TRINO_VERSION.tar.gz" -C "$tmp/server"
  unzip -q "$tmp/download/trino-iceberg-$TRINO_VERSION.zip" -d "$tmp/iceberg"
  local server iceberg
  server="$(unpacked_root "$tmp/server")"
  iceberg="$(unpacked_root "$tmp/iceberg")"
  [[ -d "$server/lib" ]] || die "fetch: no lib/ in trino-server-core $TRINO_VERSION"
  mkdir -p "$server/plugin"
  rm -rf "$server/plugin/iceberg"
  mv "$iceberg" "$server/plugin/iceberg"
  printf '%s\n' "$TRINO_VERSION" >"$server/.medallion-complete"

  rm -rf "$TRINO_HOME"
  mv "$server" "$TRINO_HOME"
  rm -rf "$tmp"
  trap - EXIT
  fetched || die "fetch: $TRINO_HOME is incomplete after unpacking (no lib/trino-main or plugin/iceberg/trino-iceberg jar)"
  say "fetch: done in $((SECONDS - start))s ($(du -sh "$TRINO_HOME" | cut -f1), $(find "$TRINO_HOME/plugin/iceberg" -name '*.jar' | wc -l) Iceberg plugin jars)"
  check_java
  printf '%s\n' "$TRINO_HOME"
}

cmd_env() {
  local v
  for v in TRINO_VERSION MEDALLION_CACHE TRINO_HOME TRINO_JAVA_HOME MVN MAVEN_EXTRA_ARGS TRINO_LOCK_TIMEOUT; do
    printf '%s=%s\n' "$v" "${!v}"
  done
  printf 'fetched=%s\n' "$(fetched && echo yes || echo no)"
}

usage() {
  sed -n '2,/^set -euo pipefail/p' "${BASH_SOURCE[0]}" | sed -e '$d' -e 's/^# \{0,1\}//'
}

case "${1:-}" in
  fetch) cmd_fetch ;;
  env) cmd_env ;;
  -h | --help | help) usage ;;
  "") usage >&2; exit 64 ;;
  *) printf "[trino.sh] unknown command: %s (try '%s help')\n" "$1" "$0" >&2; exit 64 ;;
esac
