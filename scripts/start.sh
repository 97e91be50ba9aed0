#!/usr/bin/env bash
# npm start: the local platform with live data. Starts a local Kafka broker (unless
# KAFKA_BROKERS points at a cluster), then `medallion run`: purchase events stream into
# Kafka, land exactly once in bronze.purchases_raw and flow on into silver.purchases and
# silver.purchases_rejected, with one status line. Extra arguments go to the producer, e.g.
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

say "streaming purchases → bronze → silver (Ctrl-C stops; query meanwhile: npx medallion sql \"select count(*) from silver.purchases\"; the broker keeps running: bash scripts/kafka.sh stop)"
exec node pipeline/bin/medallion.js run "$@"
