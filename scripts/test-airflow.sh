#!/usr/bin/env bash
# scripts/test-airflow.sh — the Airflow DAG tests (airflow/tests) with real Airflow against
# the real backend: DagBag import, then `airflow dags test` of the DAGs with live data
# (whole pipeline, a failing silver run, a backend outage, a lost trigger answer).
#
# Usage: scripts/test-airflow.sh [pytest args...]
#   Needs a Kafka broker (KAFKA_PORT or KAFKA_BROKERS; `npm test` starts one) and creates
#   the Airflow and dbt environments on first use. Airflow's metadata DB is SQLite in a
#   temporary AIRFLOW_HOME, created with `airflow db migrate` by the tests.
# Environment: MEDALLION_AIRFLOW_RESULTS (JUnit XML report path, optional).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
cd "$REPO_ROOT"

if [[ -z "${KAFKA_BROKERS:-}" && -z "${KAFKA_PORT:-}" ]]; then
  die "no Kafka broker: set KAFKA_PORT (e.g. after 'bash scripts/kafka.sh start') or run 'npm test'"
fi
if [[ -z "${MEDALLION_DBT_PYTHON:-}" ]]; then
  say "preparing the dbt environment (the backend's gold job)"
  MEDALLION_DBT_PYTHON="$(bash scripts/python-env.sh dbt dbt/requirements.txt | tail -n 1)"
  export MEDALLION_DBT_PYTHON
fi
if [[ -z "${MEDALLION_AIRFLOW_PYTHON:-}" ]]; then
  say "preparing the Airflow environment (first time: about a minute)"
  MEDALLION_AIRFLOW_PYTHON="$(bash scripts/python-env.sh airflow airflow/requirements.txt | tail -n 1)"
fi

args=()
[[ -n "${MEDALLION_AIRFLOW_RESULTS:-}" ]] && args+=("--junitxml=$MEDALLION_AIRFLOW_RESULTS")
cd airflow
exec "$MEDALLION_AIRFLOW_PYTHON" -m pytest "${args[@]}" "$@"
