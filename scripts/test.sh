#!/usr/bin/env bash
# npm test: the whole test suite. Installs npm packages if needed, starts a dedicated
# Kafka broker for the integration tests (its own port and state, so a running
# `npm start` broker is untouched; skipped when KAFKA_BROKERS is set), a private
# PostgreSQL and a pinned PyIceberg environment for the Iceberg interop tests, then runs
# type checks, lint and every test, and stops what it started.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
cd "$REPO_ROOT"

ensure_node_modules

export BACKSTAGE_TEST_DISABLE_DOCKER=1
export CI="${CI:-true}"   # non-interactive jest (no watch mode)
STARTED_BROKER=0
if [[ -z "${KAFKA_BROKERS:-}" ]]; then
  export KAFKA_PORT="${MEDALLION_TEST_KAFKA_PORT:-19092}"
  export KAFKA_CONTROLLER_PORT="${MEDALLION_TEST_KAFKA_CONTROLLER_PORT:-19093}"
  export KAFKA_STATE_DIR="$REPO_ROOT/.medallion/test-kafka"
  say "starting the test Kafka broker on 127.0.0.1:$KAFKA_PORT"
  bash scripts/kafka.sh reset >/dev/null 2>&1 || true
  bash scripts/kafka.sh start
  STARTED_BROKER=1
fi
STARTED_POSTGRES=0
cleanup() {
  if [[ "$STARTED_BROKER" == 1 ]]; then bash scripts/kafka.sh stop >/dev/null 2>&1 || true; fi
  if [[ "$STARTED_POSTGRES" == 1 ]]; then bash scripts/postgres.sh stop >/dev/null 2>&1 || true; fi
}
trap cleanup EXIT

# PostgreSQL for the SQL catalog tests (a private cluster; Debian's package if missing).
if [[ -z "${MEDALLION_TEST_POSTGRES_URL:-}" ]]; then
  say "starting the test PostgreSQL"
  bash scripts/postgres.sh status >/dev/null 2>&1 || STARTED_POSTGRES=1
  bash scripts/postgres.sh start
  MEDALLION_TEST_POSTGRES_URL="$(bash scripts/postgres.sh url)"
  export MEDALLION_TEST_POSTGRES_URL
fi

# Real PyIceberg (pinned, in its own virtual environment) for the interop tests.
if [[ -z "${MEDALLION_PYICEBERG_PYTHON:-}" ]]; then
  say "preparing the PyIceberg environment (first time: about a minute)"
  MEDALLION_PYICEBERG_PYTHON="$(bash scripts/python-env.sh pyiceberg interop/pyiceberg/requirements.txt | tail -n 1)"
  export MEDALLION_PYICEBERG_PYTHON
fi

# Real scikit-learn (pinned, in its own virtual environment) for the Isolation Forest parity tests.
if [[ -z "${MEDALLION_SKLEARN_PYTHON:-}" ]]; then
  say "preparing the scikit-learn environment (first time: about a minute)"
  MEDALLION_SKLEARN_PYTHON="$(bash scripts/python-env.sh sklearn interop/sklearn/requirements.txt | tail -n 1)"
  export MEDALLION_SKLEARN_PYTHON
fi

# Real dbt (dbt-duckdb, dbt-athena for parsing, PyIceberg) for the gold layer tests.
if [[ -z "${MEDALLION_DBT_PYTHON:-}" ]]; then
  say "preparing the dbt environment (first time: about a minute)"
  MEDALLION_DBT_PYTHON="$(bash scripts/python-env.sh dbt dbt/requirements.txt | tail -n 1)"
  export MEDALLION_DBT_PYTHON
fi

# The AWS emulator (moto's server) for the S3, Glue and Athena tests.
if [[ -z "${MEDALLION_MOTO_PYTHON:-}" ]]; then
  say "preparing the AWS emulator environment (moto; first time: about a minute)"
  MEDALLION_MOTO_PYTHON="$(bash scripts/python-env.sh moto interop/moto/requirements.txt | tail -n 1)"
  export MEDALLION_MOTO_PYTHON
fi

if [[ -z "${MEDALLION_AIRFLOW_PYTHON:-}" ]]; then
  say "preparing the Airflow environment (first time: about a minute)"
  MEDALLION_AIRFLOW_PYTHON="$(bash scripts/python-env.sh airflow airflow/requirements.txt | tail -n 1)"
  export MEDALLION_AIRFLOW_PYTHON
fi

# Trino 476 (Athena engine v3 is built on Trino): proves the backend's Athena SQL on the
# emulator's Glue tables. Its server needs Java 24+ (the machine's second JDK).
if [[ -z "${MEDALLION_TRINO_HOME:-}" ]]; then
  say "fetching Trino (first time: about half a minute)"
  MEDALLION_TRINO_HOME="$(bash scripts/trino.sh fetch | tail -n 1)"
  export MEDALLION_TRINO_HOME
fi

# The official OpenLineage JSON Schemas, to validate every run event the backend emits.
if [[ -z "${MEDALLION_OPENLINEAGE_SPEC_DIR:-}" ]]; then
  say "fetching the OpenLineage JSON Schemas (first time only)"
  MEDALLION_OPENLINEAGE_SPEC_DIR="$(bash scripts/openlineage-spec.sh | tail -n 1)"
  export MEDALLION_OPENLINEAGE_SPEC_DIR
fi

say "type check (tsc)"
npm run --silent tsc
say "lint"
npm run --silent lint
say "configuration schema (app-config.yaml against every plugin's config.d.ts)"
npx backstage-cli config:check --strict
say "formatting (prettier)"
npm run --silent prettier:check
say "tests (jest through the Backstage CLI)"
mkdir -p .medallion
RESULTS="$REPO_ROOT/.medallion/test-results.json"
rm -f "$RESULTS"
status=0
npx backstage-cli repo test --json --outputFile="$RESULTS" "$@" || status=$?

# End to end: the backend and the frontend dev app on their own ports, the demo producer
# streaming into the test broker, the page driven in Debian's Chromium (playwright-core).
# Screenshots of every view land in e2e/screenshots/.
E2E_LOG="$REPO_ROOT/.medallion/e2e.log"
AIRFLOW_RESULTS="$REPO_ROOT/.medallion/airflow-results.xml"
TERRAFORM_RESULTS="$REPO_ROOT/.medallion/terraform-results.xml"
rm -f "$AIRFLOW_RESULTS" "$TERRAFORM_RESULTS"
e2e_status=0
if [[ $# -eq 0 ]]; then
  say "end-to-end in Chromium (backend + dev app + live pipeline)"
  bash scripts/chromium.sh check
  node --import tsx --test --test-reporter=spec e2e/*.e2e.ts 2>&1 | tee "$E2E_LOG" || e2e_status=$?
  [[ "$e2e_status" == 0 ]] || status=1
  say "Airflow DAGs with real Airflow against the real backend (pytest)"
  MEDALLION_AIRFLOW_RESULTS="$AIRFLOW_RESULTS" bash scripts/test-airflow.sh || status=1
  say "Terraform parsed with an HCL parser, and its formatting (pytest)"
  MEDALLION_TERRAFORM_RESULTS="$TERRAFORM_RESULTS" bash scripts/test-terraform.sh || status=1
else
  : >"$E2E_LOG" # a filtered run (arguments given) is jest only
fi

if [[ -f "$RESULTS" ]]; then
  node -e '
    const r = require(process.argv[1]);
    const log = require("fs").readFileSync(process.argv[2], "utf8");
    const count = k => Number((log.match(new RegExp("^ℹ " + k + " (\\d+)", "m")) || [0, 0])[1]);
    const fs = require("fs");
    // pytest JUnit reports (Airflow, Terraform): sum each <testsuite> attribute over them.
    const junits = process.argv.slice(3).filter(f => fs.existsSync(f)).map(f => fs.readFileSync(f, "utf8"));
    const suite = k => junits.reduce((sum, junit) => sum + Number((junit.match(new RegExp("<testsuite [^>]*\\b" + k + "=\"(\\d+)\"")) || [0, 0])[1]), 0);
    const pyFailed = suite("failures") + suite("errors");
    const pySkipped = suite("skipped");
    const passed = r.numPassedTests + count("pass") + suite("tests") - pyFailed - pySkipped;
    const failed = r.numFailedTests + count("fail") + count("cancelled") + pyFailed;
    const skipped = r.numPendingTests + count("skipped") + count("todo") + pySkipped;
    console.log(`${passed} passed, ${failed} failed` + (skipped ? `, ${skipped} skipped` : ""));
  ' "$RESULTS" "$E2E_LOG" "$AIRFLOW_RESULTS" "$TERRAFORM_RESULTS"
fi
exit "$status"
