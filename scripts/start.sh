#!/usr/bin/env bash
# npm start: the local platform with live data. Starts a local Kafka broker (unless
# KAFKA_BROKERS points at a cluster), then the standalone lakehouse backend
# (plugins/lakehouse-backend/dev/index.ts, config in app-config.yaml) on 127.0.0.1:7007. The
# backend hosts the jobs — the demo producer streams purchases into Kafka, the bronze
# ingester lands them exactly once in bronze.purchases_raw, silver and table maintenance
# run on their schedules — and serves the REST API over the live tables.
#   MEDALLION_PRODUCER_RATE=500 npm start      # events per second of the demo producer
#   MEDALLION_DEMO_PRODUCER=false npm start    # no producer (ingest what others send)
# Extra arguments go to the backend, e.g. `npm start -- --config app-config.local.yaml`.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
cd "$REPO_ROOT"

ensure_node_modules
if [[ -z "${KAFKA_BROKERS:-}" ]]; then
  bash scripts/kafka.sh start
else
  say "using the Kafka cluster in KAFKA_BROKERS=$KAFKA_BROKERS"
fi

say "starting the lakehouse backend on http://127.0.0.1:7007 (Ctrl-C stops; the broker keeps running: bash scripts/kafka.sh stop)"
say "query the live tables meanwhile: npx medallion sql \"select count(*) from silver.purchases\""
exec node --import tsx plugins/lakehouse-backend/dev/index.ts "$@"
