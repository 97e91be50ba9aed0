#!/usr/bin/env bash
# npm start: the local platform with live data. Starts a local Kafka broker (unless
# KAFKA_BROKERS points at a cluster), the standalone lakehouse backend
# (plugins/lakehouse-backend/dev/index.ts, config in app-config.yaml) on 127.0.0.1:7007 and
# the frontend dev app on http://localhost:3000/lakehouse. The backend hosts the jobs — the demo producer streams purchases into Kafka, the bronze
# ingester lands them exactly once in bronze.purchases_raw, silver and table maintenance
# run on their schedules, dbt builds gold every 10 minutes — and serves the REST API over
# the live tables.
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

# Gold builds run dbt in its own pinned Python environment (created once, then cached).
if [[ -z "${MEDALLION_DBT_PYTHON:-}" ]]; then
  say "preparing the dbt environment for gold builds (first time: about a minute)"
  if MEDALLION_DBT_PYTHON="$(bash scripts/python-env.sh dbt dbt/requirements.txt | tail -n 1)"; then
    export MEDALLION_DBT_PYTHON
  else
    say "no dbt environment (see the error above): the gold job stays off; everything else runs"
    unset MEDALLION_DBT_PYTHON
  fi
fi

say "starting the lakehouse backend on http://127.0.0.1:7007 and the UI on http://localhost:3000/lakehouse"
say "Ctrl-C stops both; the broker keeps running (bash scripts/kafka.sh stop)"
set -m # each background job its own process group: stopping one stops all its children
node --import tsx plugins/lakehouse-backend/dev/index.ts "$@" &
BACKEND=$!
(cd plugins/lakehouse && BROWSER=none exec npx backstage-cli package start) &
FRONTEND=$!
stop_all() {
  trap - INT TERM
  kill -INT -- "-$BACKEND" "-$FRONTEND" 2>/dev/null || true
  wait "$BACKEND" "$FRONTEND" 2>/dev/null || true
}
trap stop_all INT TERM
( # Say where to look once the UI answers (the first build takes a minute).
  for _ in $(seq 1 240); do
    if curl -fsS -o /dev/null http://localhost:3000/lakehouse 2>/dev/null; then
      say "open http://localhost:3000/lakehouse — live data from the running pipeline"
      exit 0
    fi
    sleep 1
  done
) &
# Either one ending (a crash, or Ctrl-C) stops the other.
wait -n "$BACKEND" "$FRONTEND" || true
stop_all
