#!/usr/bin/env bash
# scripts/kafka.sh — a local single-node Apache Kafka broker (KRaft, combined
# broker+controller) for Medallion development, tests and CI. No Docker, no
# tarball download: the broker's jars are resolved from Maven Central with Maven
# (scripts/kafka/pom.xml) and run with plain `java -cp`.
#
# Usage: scripts/kafka.sh <command> [args]
#   fetch                      resolve the pinned Kafka jars into the cache (idempotent)
#   start                      fetch if needed, format storage once, start, wait until served
#   stop                       SIGTERM, wait, SIGKILL after KAFKA_STOP_TIMEOUT (idempotent)
#   restart                    stop + start
#   status                     running or not, pid, ports, log path (exit 0 running, 3 stopped)
#   logs [-f] [N]              last N (default 100) lines of the broker log; -f follows
#   reset                      stop and delete the data dir (topics, offsets, cluster id)
#   topics                     list topics (broker must be running)
#   create-topic NAME [PARTS]  create a topic (replication 1); no-op if it exists
#   env                        print the effective settings
#
# Works from any cwd (paths derive from this file's location) and unattended
# (CI=true, no stdin). Needs: bash, Maven (`mvn`) for the first fetch, Java 17+
# (JAVA_HOME honoured, else `java` on PATH; Kafka 3.9.x also runs on 11+).
#
# Environment (all optional):
#   KAFKA_VERSION            Kafka version, default 4.4.0 (verified with kafkajs 2.2.4).
#                            3.9.x (e.g. 3.9.1) also works: logging then uses reload4j.
#   MEDALLION_CACHE          cache root outside git, default $HOME/.cache/medallion
#   KAFKA_LIBS_DIR           jar dir, default $MEDALLION_CACHE/kafka-$KAFKA_VERSION/libs
#   MEDALLION_HOME           runtime state root, default <repo>/.medallion (git-ignored)
#   KAFKA_STATE_DIR          default $MEDALLION_HOME/kafka (server.properties, pid, logs)
#   KAFKA_DATA_DIR           KRaft log dir, default $KAFKA_STATE_DIR/data
#   KAFKA_LOG_FILE           broker stdout/stderr, default $KAFKA_STATE_DIR/broker.log
#                            (the previous one is kept as broker.log.1)
#   KAFKA_PID_FILE           default $KAFKA_STATE_DIR/broker.pid
#   KAFKA_HOST               listen/advertise address, default 127.0.0.1
#   KAFKA_PORT               PLAINTEXT client port, default 9092
#   KAFKA_CONTROLLER_PORT    KRaft controller port, default 9093
#   KAFKA_NUM_PARTITIONS     default partitions for new topics, default 6
#   KAFKA_AUTO_CREATE_TOPICS auto.create.topics.enable, default false: the pipeline
#                            creates its topics explicitly (kafkajs admin), so a typo'd
#                            topic name fails loudly instead of silently creating one.
#   KAFKA_HEAP_OPTS          default "-Xms256m -Xmx1g"
#   KAFKA_JVM_OPTS           extra JVM flags (default: G1 with short pauses, headless)
#   KAFKA_LOG_LEVEL          broker root log level, default INFO
#   KAFKA_EXTRA_PROPS        extra server.properties lines (newline separated), appended
#   KAFKA_START_TIMEOUT      seconds to wait for the broker to answer, default 90
#   KAFKA_STOP_TIMEOUT       seconds between SIGTERM and SIGKILL, default 30
#   MVN                      Maven command, default mvn; MAVEN_EXTRA_ARGS appended (e.g. -o)
#
# The broker is ready when (1) the process is alive, (2) the client port accepts
# TCP, (3) the log shows "Kafka Server started" and (4) a real Admin API call
# (describeCluster + listTopics through scripts/kafka/KafkaProbe.java, compiled once
# into the cache with the JDK's javac) succeeds. Without javac, (1)-(3) are used.
set -euo pipefail
# shellcheck source=lib/logs.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/logs.sh"

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
REPO_ROOT="$(cd "$SCRIPT_DIR/.." && pwd -P)"
KAFKA_RES_DIR="$SCRIPT_DIR/kafka"

KAFKA_VERSION="${KAFKA_VERSION:-4.4.0}"
MEDALLION_CACHE="${MEDALLION_CACHE:-${HOME:-/root}/.cache/medallion}"
KAFKA_LIBS_DIR="${KAFKA_LIBS_DIR:-$MEDALLION_CACHE/kafka-$KAFKA_VERSION/libs}"
MEDALLION_HOME="${MEDALLION_HOME:-$REPO_ROOT/.medallion}"
KAFKA_STATE_DIR="${KAFKA_STATE_DIR:-$MEDALLION_HOME/kafka}"
KAFKA_DATA_DIR="${KAFKA_DATA_DIR:-$KAFKA_STATE_DIR/data}"
KAFKA_LOG_FILE="${KAFKA_LOG_FILE:-$KAFKA_STATE_DIR/broker.log}"
KAFKA_PID_FILE="${KAFKA_PID_FILE:-$KAFKA_STATE_DIR/broker.pid}"
KAFKA_CONFIG_FILE="$KAFKA_STATE_DIR/server.properties"
KAFKA_HOST="${KAFKA_HOST:-127.0.0.1}"
KAFKA_PORT="${KAFKA_PORT:-9092}"
KAFKA_CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-9093}"
KAFKA_NUM_PARTITIONS="${KAFKA_NUM_PARTITIONS:-6}"
KAFKA_AUTO_CREATE_TOPICS="${KAFKA_AUTO_CREATE_TOPICS:-false}"
KAFKA_HEAP_OPTS="${KAFKA_HEAP_OPTS:--Xms256m -Xmx1g}"
KAFKA_JVM_OPTS="${KAFKA_JVM_OPTS:--XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:InitiatingHeapOccupancyPercent=35 -XX:+ExplicitGCInvokesConcurrent -Djava.awt.headless=true}"
KAFKA_LOG_LEVEL="${KAFKA_LOG_LEVEL:-INFO}"
KAFKA_EXTRA_PROPS="${KAFKA_EXTRA_PROPS:-}"
KAFKA_START_TIMEOUT="${KAFKA_START_TIMEOUT:-90}"
KAFKA_STOP_TIMEOUT="${KAFKA_STOP_TIMEOUT:-30}"
MVN="${MVN:-mvn}"
MAVEN_EXTRA_ARGS="${MAVEN_EXTRA_ARGS:-}"

# Relative paths given through the environment are taken relative to the caller's cwd.
abspath() { case "$1" in /*) printf '%s' "$1" ;; *) printf '%s/%s' "$PWD" "$1" ;; esac; }
MEDALLION_CACHE="$(abspath "$MEDALLION_CACHE")"
KAFKA_LIBS_DIR="$(abspath "$KAFKA_LIBS_DIR")"
MEDALLION_HOME="$(abspath "$MEDALLION_HOME")"
KAFKA_STATE_DIR="$(abspath "$KAFKA_STATE_DIR")"
KAFKA_DATA_DIR="$(abspath "$KAFKA_DATA_DIR")"
KAFKA_LOG_FILE="$(abspath "$KAFKA_LOG_FILE")"
KAFKA_PID_FILE="$(abspath "$KAFKA_PID_FILE")"
KAFKA_CONFIG_FILE="$(abspath "$KAFKA_CONFIG_FILE")"

KAFKA_MAJOR="${KAFKA_VERSION%%.*}"
FETCH_MARKER="$KAFKA_LIBS_DIR/.medallion-complete"
VERSION_MARKER="$KAFKA_DATA_DIR/.medallion-kafka-version"
BOOTSTRAP="$KAFKA_HOST:$KAFKA_PORT"

say() { printf '[kafka.sh] %s\n' "$*"; }
warn() { printf '[kafka.sh] WARNING: %s\n' "$*" >&2; }
die() { printf '[kafka.sh] ERROR: %s\n' "$*" >&2; exit 1; }

case "$KAFKA_VERSION" in
  [0-9]*.[0-9]*.[0-9]*) ;;
  *) die "KAFKA_VERSION must look like 4.4.0 or 3.9.1 (got '$KAFKA_VERSION')" ;;
esac
if [[ "$KAFKA_MAJOR" -lt 3 ]] || [[ "$KAFKA_MAJOR" -eq 3 && "$(cut -d. -f2 <<<"$KAFKA_VERSION")" -lt 7 ]]; then
  die "KAFKA_VERSION $KAFKA_VERSION is too old for this script (KRaft setup assumes >= 3.7; use 3.9.x or 4.x)"
fi

# ---------------------------------------------------------------- java -----
JAVA_BIN=""
find_java() {
  [[ -n "$JAVA_BIN" ]] && return 0
  if [[ -n "${JAVA_HOME:-}" && -x "${JAVA_HOME}/bin/java" ]]; then
    JAVA_BIN="$JAVA_HOME/bin/java"
  elif command -v java >/dev/null 2>&1; then
    JAVA_BIN="$(command -v java)"
  else
    die "no Java found: install a JDK 17+ or set JAVA_HOME"
  fi
  local spec need=17
  spec="$("$JAVA_BIN" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2; exit}')"
  spec="${spec#1.}"
  [[ "$KAFKA_MAJOR" -lt 4 ]] && need=11
  if [[ -z "$spec" || ! "$spec" =~ ^[0-9]+$ ]]; then
    warn "could not determine the Java version of $JAVA_BIN; continuing"
  elif [[ "$spec" -lt "$need" ]]; then
    die "Kafka $KAFKA_VERSION needs Java $need+, but $JAVA_BIN is Java $spec (set JAVA_HOME)"
  fi
}

# ---------------------------------------------------------------- fetch ----
pom_digest() {
  # Refetch when the pom (pinned deps) or the version changes.
  { cat "$KAFKA_RES_DIR/pom.xml"; echo "$KAFKA_VERSION"; } | sha256sum | cut -c1-16
}

fetched() {
  [[ -f "$FETCH_MARKER" ]] && [[ "$(cat "$FETCH_MARKER" 2>/dev/null)" == "$(pom_digest)" ]] \
    && compgen -G "$KAFKA_LIBS_DIR/kafka_2.13-$KAFKA_VERSION.jar" >/dev/null
}

cmd_fetch() {
  if fetched; then
    say "fetch: Kafka $KAFKA_VERSION already in $KAFKA_LIBS_DIR"
    return 0
  fi
  command -v "$MVN" >/dev/null 2>&1 || die "Maven ('$MVN') not found; install Maven 3.6+ (e.g. apt-get install maven)"
  local profile=kafka4
  [[ "$KAFKA_MAJOR" -lt 4 ]] && profile=kafka3
  local parent tmp
  parent="$(dirname "$KAFKA_LIBS_DIR")"
  mkdir -p "$parent"
  tmp="$(mktemp -d "$parent/.libs.tmp.XXXXXX")"
  say "fetch: resolving org.apache.kafka:kafka_2.13:$KAFKA_VERSION (+ logging, profile $profile) with Maven into $KAFKA_LIBS_DIR"
  # Maven 3.8 prints bare ANSI resets even with -B -q: strip them (errors still show).
  # shellcheck disable=SC2086
  if ! "$MVN" -B -q -Dstyle.color=never -f "$KAFKA_RES_DIR/pom.xml" -P "$profile" \
      -Dkafka.version="$KAFKA_VERSION" \
      dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$tmp" \
      $MAVEN_EXTRA_ARGS </dev/null 2>&1 | sed -e 's/\x1b\[[0-9;]*m//g' -e '/^[[:space:]]*$/d' >&2; then
    rm -rf "$tmp"
    rmdir "$parent" 2>/dev/null || true
    die "fetch: Maven could not resolve Kafka $KAFKA_VERSION (is the version published? network/proxy ok?)"
  fi
  [[ -f "$tmp/kafka_2.13-$KAFKA_VERSION.jar" ]] || { rm -rf "$tmp"; die "fetch: kafka_2.13-$KAFKA_VERSION.jar missing after Maven run"; }
  rm -rf "$KAFKA_LIBS_DIR"
  mv "$tmp" "$KAFKA_LIBS_DIR"
  pom_digest >"$FETCH_MARKER"
  say "fetch: done ($(find "$KAFKA_LIBS_DIR" -name '*.jar' | wc -l) jars, $(du -sh "$KAFKA_LIBS_DIR" | cut -f1))"
}

# ---------------------------------------------------------------- helpers --
log_config_opt() {
  if [[ "$KAFKA_MAJOR" -ge 4 ]]; then
    printf '%s' "-Dlog4j2.configurationFile=$KAFKA_RES_DIR/log4j2.xml"
  else
    printf '%s' "-Dlog4j.configuration=file:$KAFKA_RES_DIR/log4j.properties"
  fi
}

# Run a Kafka main class with the fetched classpath (quiet logging).
kafka_java() {
  find_java
  "$JAVA_BIN" -Xmx256m -Dkafka.root.level=WARN "$(log_config_opt)" -cp "$KAFKA_LIBS_DIR/*" "$@" </dev/null
}

port_open() { # host port
  # shellcheck disable=SC2016
  timeout 2 bash -c 'exec 3<>"/dev/tcp/$1/$2"' _ "$1" "$2" >/dev/null 2>&1
}

who_listens() { # port -> best-effort description of the listener
  if command -v ss >/dev/null 2>&1; then
    ss -Hltnp "sport = :$1" 2>/dev/null | head -n 3
  elif command -v lsof >/dev/null 2>&1; then
    lsof -nP -iTCP:"$1" -sTCP:LISTEN 2>/dev/null | tail -n +2 | head -n 3
  fi
}

# Is PID a live broker started by this script with *this* config file?
is_our_broker() {
  local pid="$1" cmdline
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  kill -0 "$pid" 2>/dev/null || return 1
  [[ -r "/proc/$pid/cmdline" ]] || return 0 # no procfs: trust the pid file
  cmdline="$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null || true)"
  [[ "$cmdline" == *kafka.Kafka* && "$cmdline" == *"$KAFKA_CONFIG_FILE"* ]]
}

# Prints the pid of our broker, if any (pid file first, then a targeted /proc scan
# for a kafka.Kafka process using exactly our server.properties).
broker_pid() {
  local pid=""
  if [[ -f "$KAFKA_PID_FILE" ]]; then
    pid="$(tr -dc '0-9' <"$KAFKA_PID_FILE" || true)"
    if is_our_broker "$pid"; then echo "$pid"; return 0; fi
  fi
  if [[ -d /proc ]]; then
    local d
    for d in /proc/[0-9]*; do
      pid="${d#/proc/}"
      [[ -r "$d/cmdline" ]] || continue
      if grep -qa 'kafka\.Kafka' "$d/cmdline" 2>/dev/null && is_our_broker "$pid"; then
        echo "$pid"; return 0
      fi
    done
  fi
  return 1
}

JAVAC_BIN=""
have_javac() {
  find_java
  [[ -n "$JAVAC_BIN" ]] && return 0
  local real
  real="$(readlink -f "$JAVA_BIN" 2>/dev/null || echo "$JAVA_BIN")"
  if [[ -x "$(dirname "$real")/javac" ]]; then
    JAVAC_BIN="$(dirname "$real")/javac"
  elif [[ -x "$(dirname "$JAVA_BIN")/javac" ]]; then
    JAVAC_BIN="$(dirname "$JAVA_BIN")/javac"
  else
    return 1
  fi
}

# Compile scripts/kafka/KafkaProbe.java once per (source, Kafka version) into the
# cache, so each readiness probe costs one JVM start, not a compile too.
probe_classes() {
  local src="$KAFKA_RES_DIR/KafkaProbe.java" dir tmp
  dir="$(dirname "$KAFKA_LIBS_DIR")/probe-$(sha256sum "$src" | cut -c1-12)"
  if [[ ! -f "$dir/KafkaProbe.class" ]]; then
    have_javac || return 1
    tmp="$(mktemp -d "$(dirname "$KAFKA_LIBS_DIR")/.probe.tmp.XXXXXX")"
    if ! "$JAVAC_BIN" -nowarn --release 11 -cp "$KAFKA_LIBS_DIR/*" -d "$tmp" "$src" </dev/null >&2; then
      rm -rf "$tmp"
      return 1
    fi
    rm -rf "$dir"
    mv "$tmp" "$dir"
  fi
  printf '%s' "$dir"
}

probe() { # probe-command [args...]
  local classes
  classes="$(probe_classes)" || die "cannot compile $KAFKA_RES_DIR/KafkaProbe.java (needs a JDK: javac next to $JAVA_BIN)"
  find_java
  "$JAVA_BIN" -Xmx128m -XX:TieredStopAtLevel=1 -Xshare:auto -Dkafka.root.level=OFF "$(log_config_opt)" \
    -cp "$classes:$KAFKA_LIBS_DIR/*" KafkaProbe "$1" "$BOOTSTRAP" "${PROBE_TIMEOUT_MS:-10000}" "${@:2}" </dev/null
}

write_config() {
  mkdir -p "$KAFKA_STATE_DIR" "$KAFKA_DATA_DIR"
  cat >"$KAFKA_CONFIG_FILE.tmp" <<EOF
# Generated by scripts/kafka.sh on every start — edit the script or use KAFKA_EXTRA_PROPS.
# Single-node KRaft: this process is both broker and controller (static quorum).
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@$KAFKA_HOST:$KAFKA_CONTROLLER_PORT
listeners=PLAINTEXT://$KAFKA_HOST:$KAFKA_PORT,CONTROLLER://$KAFKA_HOST:$KAFKA_CONTROLLER_PORT
advertised.listeners=PLAINTEXT://$KAFKA_HOST:$KAFKA_PORT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs=$KAFKA_DATA_DIR

num.partitions=$KAFKA_NUM_PARTITIONS
default.replication.factor=1
min.insync.replicas=1
auto.create.topics.enable=$KAFKA_AUTO_CREATE_TOPICS
delete.topic.enable=true

# Internal topics: one replica; fewer partitions than the default 50 so the first
# consumer group / idempotent producer on a fresh broker is ready sooner.
offsets.topic.replication.factor=1
offsets.topic.num.partitions=6
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
transaction.state.log.num.partitions=6
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1

# Tests want fast group joins.
group.initial.rebalance.delay.ms=0

# Local dev retention: a week or 1 GiB per partition, whichever first.
log.retention.hours=168
log.retention.bytes=1073741824
log.segment.bytes=268435456
EOF
  if [[ -n "$KAFKA_EXTRA_PROPS" ]]; then
    printf '\n# KAFKA_EXTRA_PROPS\n%s\n' "$KAFKA_EXTRA_PROPS" >>"$KAFKA_CONFIG_FILE.tmp"
  fi
  mv "$KAFKA_CONFIG_FILE.tmp" "$KAFKA_CONFIG_FILE"
}

version_le() { # a <= b (dotted versions)
  [[ "$(printf '%s\n%s\n' "$1" "$2" | sort -V | head -n1)" == "$1" ]]
}

format_storage() {
  if [[ -f "$KAFKA_DATA_DIR/meta.properties" ]]; then
    local formatted_by=""
    [[ -f "$VERSION_MARKER" ]] && formatted_by="$(cat "$VERSION_MARKER")"
    if [[ -n "$formatted_by" ]] && ! version_le "$formatted_by" "$KAFKA_VERSION"; then
      die "data dir $KAFKA_DATA_DIR was formatted by Kafka $formatted_by, which is newer than KAFKA_VERSION=$KAFKA_VERSION (KRaft storage is not downgradable). Run '$0 reset' (deletes all topics) or use another KAFKA_DATA_DIR."
    fi
    say "format: storage already formatted ($(grep -E '^cluster\.id=' "$KAFKA_DATA_DIR/meta.properties" | head -n1)${formatted_by:+, by Kafka $formatted_by})"
    return 0
  fi
  local cid
  cid="$(kafka_java kafka.tools.StorageTool random-uuid | tail -n1 | tr -d '[:space:]')"
  [[ "$cid" =~ ^[A-Za-z0-9_-]{22}$ ]] || die "format: could not generate a cluster id (got '$cid')"
  say "format: formatting KRaft storage in $KAFKA_DATA_DIR (cluster.id=$cid)"
  local out
  if ! out="$(kafka_java kafka.tools.StorageTool format -t "$cid" -c "$KAFKA_CONFIG_FILE" 2>&1)"; then
    printf '%s\n' "$out" >&2
    die "format: kafka-storage format failed"
  fi
  echo "$KAFKA_VERSION" >"$VERSION_MARKER"
}

# Wait until the broker (pid $1) answers; on failure print the log tail and exit 1.
wait_ready() {
  local pid="$1" deadline=$((SECONDS + KAFKA_START_TIMEOUT)) tcp=0 started=0 line
  local use_probe=1
  probe_classes >/dev/null || { use_probe=0; warn "no usable javac next to $JAVA_BIN: readiness = TCP + log line only"; }
  say "wait: for $BOOTSTRAP to answer (timeout ${KAFKA_START_TIMEOUT}s)"
  while ((SECONDS < deadline)); do
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "----- last 40 lines of $KAFKA_LOG_FILE -----" >&2
      tail -n 40 "$KAFKA_LOG_FILE" >&2 || true
      echo "-----" >&2
      rm -f "$KAFKA_PID_FILE"
      local first_error
      first_error="$(grep -m1 -E '^[A-Za-z0-9_.$]+(Exception|Error): ' "$KAFKA_LOG_FILE" 2>/dev/null | cut -c1-300 || true)"
      [[ -n "$first_error" ]] || first_error="$(grep -m1 -E ' (ERROR|FATAL) ' "$KAFKA_LOG_FILE" 2>/dev/null | cut -c1-300 || true)"
      die "broker process $pid exited during startup${first_error:+: $first_error}; see $KAFKA_LOG_FILE"
    fi
    if ((tcp == 0)) && port_open "$KAFKA_HOST" "$KAFKA_PORT"; then tcp=1; fi
    if ((started == 0)) && grep -q 'Kafka Server started' "$KAFKA_LOG_FILE" 2>/dev/null; then started=1; fi
    if ((tcp == 1 && started == 1)); then
      if ((use_probe == 0)); then
        say "ready: broker pid $pid on $BOOTSTRAP (log line + TCP)"
        return 0
      fi
      if line="$(PROBE_TIMEOUT_MS=5000 probe ready 2>&1)"; then
        say "ready: broker pid $pid on $BOOTSTRAP — $(tail -n1 <<<"$line")"
        return 0
      fi
    fi
    sleep 0.5
  done
  echo "----- last 40 lines of $KAFKA_LOG_FILE -----" >&2
  tail -n 40 "$KAFKA_LOG_FILE" >&2 || true
  echo "-----" >&2
  die "broker pid $pid did not answer on $BOOTSTRAP within ${KAFKA_START_TIMEOUT}s (tcp=$tcp, 'Kafka Server started' seen=$started${line:+, last probe: $(tail -n1 <<<"$line")}); it is left running — see $KAFKA_LOG_FILE, then '$0 stop'"
}

# Serializes concurrent start/stop calls on one state dir (e.g. parallel test scripts).
lock_state_dir() {
  mkdir -p "$KAFKA_STATE_DIR"
  if command -v flock >/dev/null 2>&1; then
    exec 9>"$KAFKA_STATE_DIR/.lock"
    flock -w "$(($1 + 30))" 9 || die "another kafka.sh is holding $KAFKA_STATE_DIR/.lock"
  fi
}

# ---------------------------------------------------------------- start ----
cmd_start() {
  lock_state_dir "$KAFKA_START_TIMEOUT"

  local pid
  if pid="$(broker_pid)"; then
    say "start: broker already running (pid $pid); checking it answers on $BOOTSTRAP"
    wait_ready "$pid"
    say "log: $KAFKA_LOG_FILE"
    return 0
  fi
  rm -f "$KAFKA_PID_FILE"

  local p
  for p in "$KAFKA_PORT" "$KAFKA_CONTROLLER_PORT"; do
    if port_open "$KAFKA_HOST" "$p"; then
      local who
      who="$(who_listens "$p" || true)"
      die "port $KAFKA_HOST:$p is already in use by another process (not a broker started by this script with $KAFKA_CONFIG_FILE)${who:+:
$who}
Stop it, or choose other ports with KAFKA_PORT / KAFKA_CONTROLLER_PORT."
    fi
  done

  cmd_fetch
  find_java
  say "java: $JAVA_BIN ($("$JAVA_BIN" -version 2>&1 | head -n1))"
  say "config: writing $KAFKA_CONFIG_FILE (PLAINTEXT $BOOTSTRAP, CONTROLLER $KAFKA_HOST:$KAFKA_CONTROLLER_PORT, auto.create.topics.enable=$KAFKA_AUTO_CREATE_TOPICS)"
  write_config
  format_storage

  mkdir -p "$(dirname "$KAFKA_LOG_FILE")"
  [[ -s "$KAFKA_LOG_FILE" ]] && mv -f "$KAFKA_LOG_FILE" "$KAFKA_LOG_FILE.1"
  : >"$KAFKA_LOG_FILE"
  say "start: launching Kafka $KAFKA_VERSION (kafka.Kafka, heap '$KAFKA_HEAP_OPTS'); log: $KAFKA_LOG_FILE"

  # The child writes its own pid and execs java, so the pid file holds the JVM's pid.
  # setsid detaches it from our process group / terminal; stdin is /dev/null; the
  # lock fd (9) is closed so the JVM does not keep holding the start/stop lock.
  local launcher=()
  command -v setsid >/dev/null 2>&1 && launcher=(setsid)
  # shellcheck disable=SC2086,SC2016
  "${launcher[@]}" bash -c 'echo $$ >"$1"; shift; exec "$@"' _ "$KAFKA_PID_FILE" \
    "$JAVA_BIN" $KAFKA_HEAP_OPTS $KAFKA_JVM_OPTS \
    -Dkafka.root.level="$KAFKA_LOG_LEVEL" "$(log_config_opt)" \
    -Dmedallion.kafka=1 \
    -cp "$KAFKA_LIBS_DIR/*" kafka.Kafka "$KAFKA_CONFIG_FILE" \
    </dev/null >>"$KAFKA_LOG_FILE" 2>&1 9>&- &
  for _ in $(seq 1 50); do [[ -s "$KAFKA_PID_FILE" ]] && break; sleep 0.1; done
  pid="$(tr -dc '0-9' <"$KAFKA_PID_FILE" 2>/dev/null || true)"
  [[ -n "$pid" ]] || die "start: broker did not record its pid in $KAFKA_PID_FILE; see $KAFKA_LOG_FILE"
  say "start: broker pid $pid (pid file $KAFKA_PID_FILE)"
  wait_ready "$pid"
  say "log: $KAFKA_LOG_FILE"
}

# ---------------------------------------------------------------- stop -----
cmd_stop() {
  lock_state_dir "$KAFKA_STOP_TIMEOUT"
  local pid
  if ! pid="$(broker_pid)"; then
    rm -f "$KAFKA_PID_FILE"
    say "stop: no broker running (state dir $KAFKA_STATE_DIR)"
    return 0
  fi
  say "stop: sending SIGTERM to broker pid $pid (controlled shutdown, up to ${KAFKA_STOP_TIMEOUT}s)"
  kill -TERM "$pid" 2>/dev/null || true
  local deadline=$((SECONDS + KAFKA_STOP_TIMEOUT))
  while kill -0 "$pid" 2>/dev/null && ((SECONDS < deadline)); do sleep 0.2; done
  if kill -0 "$pid" 2>/dev/null; then
    warn "stop: broker pid $pid still alive after ${KAFKA_STOP_TIMEOUT}s; sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  fi
  kill -0 "$pid" 2>/dev/null && die "stop: could not kill pid $pid"
  rm -f "$KAFKA_PID_FILE"
  say "stop: broker stopped"
}

# ---------------------------------------------------------------- misc -----
cmd_status() {
  local pid
  if pid="$(broker_pid)"; then
    local answering=no
    port_open "$KAFKA_HOST" "$KAFKA_PORT" && answering=yes
    say "status: running (Kafka $KAFKA_VERSION, pid $pid, bootstrap $BOOTSTRAP answering=$answering, controller $KAFKA_HOST:$KAFKA_CONTROLLER_PORT)"
    say "log: $KAFKA_LOG_FILE"
    say "data: $KAFKA_DATA_DIR"
    return 0
  fi
  if port_open "$KAFKA_HOST" "$KAFKA_PORT"; then
    say "status: not running (but $KAFKA_HOST:$KAFKA_PORT is in use by another process)"
  else
    say "status: not running"
  fi
  say "log: $KAFKA_LOG_FILE"
  return 3
}

cmd_logs() {
  show_log "$KAFKA_LOG_FILE" "$@"
}

cmd_reset() {
  cmd_stop
  if [[ -d "$KAFKA_DATA_DIR" ]]; then
    say "reset: deleting data dir $KAFKA_DATA_DIR"
    rm -rf -- "$KAFKA_DATA_DIR"
  else
    say "reset: no data dir at $KAFKA_DATA_DIR"
  fi
}

require_running() {
  broker_pid >/dev/null || die "no broker running; start it with '$0 start'"
  fetched || die "Kafka $KAFKA_VERSION jars not fetched"
  probe_classes >/dev/null || die "this command needs a JDK (javac next to $JAVA_BIN)"
}

cmd_topics() { require_running; probe topics; }

cmd_create_topic() {
  [[ $# -ge 1 && -n "$1" ]] || die "usage: $0 create-topic NAME [PARTITIONS]"
  [[ $# -lt 2 || "$2" =~ ^[1-9][0-9]*$ ]] || die "create-topic: PARTITIONS must be a positive integer"
  require_running
  say "create-topic: $1${2:+ ($2 partitions)}"
  probe create-topic "$@"
}

cmd_env() {
  local v
  for v in KAFKA_VERSION MEDALLION_CACHE KAFKA_LIBS_DIR MEDALLION_HOME KAFKA_STATE_DIR KAFKA_DATA_DIR \
    KAFKA_LOG_FILE KAFKA_PID_FILE KAFKA_HOST KAFKA_PORT KAFKA_CONTROLLER_PORT KAFKA_NUM_PARTITIONS \
    KAFKA_AUTO_CREATE_TOPICS KAFKA_HEAP_OPTS KAFKA_JVM_OPTS KAFKA_LOG_LEVEL KAFKA_START_TIMEOUT KAFKA_STOP_TIMEOUT; do
    printf '%s=%s\n' "$v" "${!v}"
  done
  printf 'KAFKA_CONFIG_FILE=%s\n' "$KAFKA_CONFIG_FILE"
}

usage() {
  sed -n '2,/^set -euo pipefail/p' "${BASH_SOURCE[0]}" | sed -e '$d' -e 's/^# \{0,1\}//'
}

main() {
  local cmd="${1:-}"
  [[ $# -gt 0 ]] && shift
  case "$cmd" in
    fetch) cmd_fetch ;;
    start) cmd_start ;;
    stop) cmd_stop ;;
    restart) cmd_stop; cmd_start ;;
    status) cmd_status ;;
    logs) cmd_logs "$@" ;;
    reset) cmd_reset ;;
    topics) cmd_topics ;;
    create-topic) cmd_create_topic "$@" ;;
    env) cmd_env ;;
    -h | --help | help) usage ;;
    "") usage; exit 64 ;;
    *) printf "[kafka.sh] unknown command: %s (try '%s help')\n" "$cmd" "$0" >&2; exit 64 ;;
  esac
}

main "$@"
