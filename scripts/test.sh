#!/usr/bin/env bash
# npm test: the whole test suite. Installs npm packages if needed, starts a dedicated
# Kafka broker for the integration tests (its own port and state, so a running
# `npm start` broker is untouched; skipped when KAFKA_BROKERS is set), then runs type
# checks, lint and every test, and stops the broker it started.
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
cleanup() {
  if [[ "$STARTED_BROKER" == 1 ]]; then bash scripts/kafka.sh stop >/dev/null 2>&1 || true; fi
}
trap cleanup EXIT

say "type check (tsc)"
npm run --silent tsc
say "lint"
npm run --silent lint
say "formatting (prettier)"
npm run --silent prettier:check
say "tests (jest through the Backstage CLI)"
mkdir -p .medallion
RESULTS="$REPO_ROOT/.medallion/test-results.json"
rm -f "$RESULTS"
status=0
npx backstage-cli repo test --json --outputFile="$RESULTS" "$@" || status=$?
if [[ -f "$RESULTS" ]]; then
  node -e '
    const r = require(process.argv[1]);
    console.log(`${r.numPassedTests} passed, ${r.numFailedTests} failed` + (r.numPendingTests ? `, ${r.numPendingTests} skipped` : ""));
  ' "$RESULTS"
fi
exit "$status"
