#!/usr/bin/env bash
# npm start: the local platform with live data. Starts a local Kafka broker (unless
# KAFKA_BROKERS points at a cluster) and streams purchase events into it with a live
# progress line. Extra arguments go to `medallion produce`, e.g.
#   npm start -- --rate 500 --schema v2 --malformed-rate 0.01
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
cd "$REPO_ROOT"

ensure_node_modules
if [[ -z "${KAFKA_BROKERS:-}" ]]; then
  bash scripts/kafka.sh start
else
  say "using the Kafka cluster in KAFKA_BROKERS=$KAFKA_BROKERS"
fi

say "streaming purchase events (Ctrl-C stops; the broker keeps running: bash scripts/kafka.sh stop)"
exec node pipeline/bin/medallion.js produce "$@"
