#!/usr/bin/env bash
# npm run bench: producer throughput against a dedicated local broker, with peers.
# Arguments go to bench/producer-throughput.ts (e.g. --count 500000 --batch-size 5000);
# then the Parquet encoding, Iceberg commit/planning and streaming benchmarks run.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib/common.sh"
cd "$REPO_ROOT"
ensure_node_modules

PEER_LIBS="${MEDALLION_CACHE:-$HOME/.cache/medallion}/bench-peer-4.4.0/libs"
if [[ ! -f "$PEER_LIBS/.complete" ]]; then
  say "fetching Kafka's Java producer benchmark (kafka-tools) with Maven"
  (cd bench/peer && mvn -B -q dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$PEER_LIBS") \
    && touch "$PEER_LIBS/.complete" || say "could not fetch the Java peer; continuing without it"
fi

STARTED=0
if [[ -z "${KAFKA_BROKERS:-}" ]]; then
  export KAFKA_PORT="${MEDALLION_BENCH_KAFKA_PORT:-29092}"
  export KAFKA_CONTROLLER_PORT="${MEDALLION_BENCH_KAFKA_CONTROLLER_PORT:-29093}"
  export KAFKA_STATE_DIR="$REPO_ROOT/.medallion/bench-kafka"
  bash scripts/kafka.sh reset >/dev/null 2>&1 || true
  bash scripts/kafka.sh start
  STARTED=1
fi
trap '[[ $STARTED == 1 ]] && bash scripts/kafka.sh stop >/dev/null 2>&1 || true' EXIT

say "1/8 producer throughput"
node --import tsx bench/producer-throughput.ts --peer-libs "$PEER_LIBS" "$@"
say "2/8 Parquet encoding (silver purchase schema)"
if [[ -z "${BENCH_PYTHON:-}" ]]; then
  # pyarrow peer: the PyIceberg environment has it.
  BENCH_PYTHON="$(bash scripts/python-env.sh pyiceberg interop/pyiceberg/requirements.txt | tail -n 1)" || BENCH_PYTHON=""
  export BENCH_PYTHON
fi
node --import tsx bench/parquet-encode.ts
say "3/8 Iceberg commit latency and scan planning"
node --import tsx bench/iceberg-commit.ts
say "4/8 streaming catch-up: 1M pre-loaded events to committed silver"
node --expose-gc --import tsx bench/streaming.ts catch-up --events "${BENCH_CATCHUP_EVENTS:-1000000}"
say "5/8 streaming freshness: produce → visible in silver at 5k and 20k events/s"
node --import tsx bench/streaming.ts freshness --rate 5000 --seconds 60
node --import tsx bench/streaming.ts freshness --rate 20000 --seconds 30
say "6/8 backend API latency: GET /tables and /freshness over 50 tables × 1k snapshots"
node --import tsx bench/backend-api.ts
say "7/8 Isolation Forest: ours vs scikit-learn (fit, scoring rows/s, AUC) on 200k labelled purchases"
if [[ -z "${MEDALLION_SKLEARN_PYTHON:-}" ]]; then
  MEDALLION_SKLEARN_PYTHON="$(bash scripts/python-env.sh sklearn interop/sklearn/requirements.txt | tail -n 1)" || MEDALLION_SKLEARN_PYTHON=""
  export MEDALLION_SKLEARN_PYTHON
fi
node --import tsx bench/isolation-forest.ts --events "${BENCH_IFOREST_EVENTS:-200000}"
say "8/8 anomaly latency: silver commit → flagged in GET /anomalies through the standalone backend"
node --import tsx bench/anomaly-latency.ts --seconds "${BENCH_ANOMALY_SECONDS:-120}"
