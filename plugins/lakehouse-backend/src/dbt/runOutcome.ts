/** A gold run's dbt build outcome, and dbt's status strings as the API's enumerations. */
import type {
  DbtFreshnessStatus,
  DbtRunSummary,
  DbtTestStatus,
} from '@medallion/plugin-lakehouse-common';
import { isoTime, type KeptRun } from './artifactStore';

const TEST_STATUSES = new Set<string>(['pass', 'warn', 'fail', 'error']);

/** dbt's test statuses; anything unknown is reported as an error, not hidden. */
export function testStatus(status: string): DbtTestStatus {
  if (status === 'skipped') return 'skipped';
  return TEST_STATUSES.has(status) ? (status as DbtTestStatus) : 'error';
}

export function freshnessStatus(status: string): DbtFreshnessStatus {
  return ['pass', 'warn', 'error'].includes(status)
    ? (status as DbtFreshnessStatus)
    : 'runtime error';
}

/** The last dot-separated parts of a unique id: the model name, or `source.table`. */
export function nameOfUniqueId(uniqueId: string): string {
  const parts = uniqueId.split('.');
  return parts[0] === 'source'
    ? parts.slice(2).join('.')
    : parts[2] ?? uniqueId;
}

export const isTest = (uniqueId: string) => uniqueId.startsWith('test.');
export const isModel = (uniqueId: string) => uniqueId.startsWith('model.');

/** As the gold runner judges a build: every model built, no test failed or warned. */
export function summarizeRun(run: KeptRun): DbtRunSummary {
  const { results, metadata, elapsed_time: elapsed } = run.runResults;
  const summary: DbtRunSummary = {
    runId: run.runId,
    startedAt: run.startedAt,
    finishedAt: isoTime(metadata.generated_at),
    elapsedSeconds: elapsed,
    status: 'success',
    modelsBuilt: [],
    modelsNotBuilt: [],
    testsPassed: 0,
    testsFailed: 0,
    testsSkipped: 0,
    failedTests: [],
  };
  for (const r of results) {
    const name = nameOfUniqueId(r.unique_id);
    if (isModel(r.unique_id)) {
      if (r.status === 'success') summary.modelsBuilt.push(name);
      else summary.modelsNotBuilt.push(name);
    } else if (isTest(r.unique_id)) {
      const status = testStatus(r.status);
      if (status === 'pass') summary.testsPassed++;
      else if (status === 'skipped') summary.testsSkipped++;
      else {
        summary.testsFailed++;
        summary.failedTests.push({
          name,
          status,
          failures: r.failures,
          message: r.message,
        });
      }
    }
  }
  summary.modelsBuilt.sort();
  summary.modelsNotBuilt.sort();
  if (summary.modelsNotBuilt.length > 0 || summary.testsFailed > 0)
    summary.status = 'failed';
  return summary;
}
