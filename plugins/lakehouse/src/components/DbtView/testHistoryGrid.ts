import type {
  DbtTestRun,
  DbtTestStatus,
} from '@medallion/plugin-lakehouse-common';

/** One cell: a test's result in one run; null when the run did not have the test. */
export type TestHistoryCell = {
  status: DbtTestStatus;
  failures: number | null;
} | null;

export interface TestHistoryRow {
  uniqueId: string;
  name: string;
  /** One per run, in the grid's run order. */
  cells: TestHistoryCell[];
}

export interface TestHistoryGrid {
  /** Newest first, as the backend lists them. */
  runs: DbtTestRun[];
  /** Every test seen in any run, by name. */
  tests: TestHistoryRow[];
}

/** Runs × tests: tests come and go between runs, so rows are the union over runs. */
export function testHistoryGrid(history: DbtTestRun[]): TestHistoryGrid {
  const names = new Map<string, string>();
  for (const run of history)
    for (const t of run.tests)
      if (!names.has(t.uniqueId)) names.set(t.uniqueId, t.name);
  const tests = [...names.entries()]
    .sort(([, a], [, b]) => a.localeCompare(b))
    .map(([uniqueId, name]) => ({
      uniqueId,
      name,
      cells: history.map(run => {
        const t = run.tests.find(x => x.uniqueId === uniqueId);
        return t ? { status: t.status, failures: t.failures } : null;
      }),
    }));
  return { runs: history, tests };
}
