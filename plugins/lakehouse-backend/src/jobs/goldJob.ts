/**
 * Gold as a job: `dbt build` over silver (then docs and source freshness) with the dbt
 * adapter of the query engine (dbt-duckdb, dbt-athena or dbt-trino), published as
 * Iceberg gold tables only when every model built and every test passed; a failing test
 * fails the run and leaves the last good gold in place. dbt's output is the live progress.
 */
import {
  GoldBuildError,
  goldTables,
  runGoldBuild,
  type GoldStep,
} from '@medallion/pipeline';
import { resolve } from 'node:path';
import { z } from 'zod';
import type { JobDefinition } from '../runs';
import type { LakehouseRuntime } from '../runtime/lakehouseRuntime';
import { describeSchedule } from './describeSchedule';

const STEP_FRACTION: Record<GoldStep, number> = {
  build: 0.1,
  docs: 0.7,
  freshness: 0.8,
  commit: 0.9,
};

export function goldJob(
  runtime: LakehouseRuntime,
): JobDefinition<Record<string, never>> {
  const { enabled, disabledReason, schedule } = runtime.config.jobs.gold;
  const { dbt, pipeline } = runtime.config;
  return {
    name: 'gold',
    title: 'Gold build (dbt)',
    description: `Builds and tests the dbt gold models (${goldTables.join(
      ', ',
    )}) from silver; commits them as Iceberg tables only when every test passed.`,
    kind: 'scheduled',
    enabled,
    disabledReason: disabledReason ?? undefined,
    schedule: describeSchedule(schedule),
    paramsSchema: z.object({}).strict(),
    parameters: [],
    async run({ runId, signal, progress, logger }) {
      if (!dbt.python) throw new Error(disabledReason ?? 'no dbt environment');
      let lines = 0;
      try {
        const summary = await runGoldBuild({
          lakehouse: pipeline.lakehouse,
          catalog: runtime.catalog,
          python: dbt.python,
          projectDir: resolve(dbt.projectDir),
          runId,
          signal,
          onLine: (line, step) => {
            lines++;
            progress({
              message: `${step}: ${line.trim().slice(0, 200)}`,
              fraction: STEP_FRACTION[step],
              counters: { lines },
            });
          },
        });
        const stale = summary.freshness.filter(f => f.status !== 'pass');
        return {
          rows: {
            models: summary.models.length,
            testsPassed: summary.testsPassed.length,
            testsFailed: summary.testsFailed.length,
            ...Object.fromEntries(
              Object.values(summary.gold).map(g => [g.table, g.rows]),
            ),
          },
          snapshots: Object.values(summary.gold).map(g => ({
            table: g.table,
            snapshotId: g.snapshotId,
          })),
          summary: `${summary.models.length} models, ${
            summary.testsPassed.length
          } tests passed${
            stale.length
              ? `; source freshness: ${stale
                  .map(f => `${f.source} ${f.status}`)
                  .join(', ')}`
              : ''
          }; artifacts in ${summary.artifactsDir}`,
        };
      } catch (error) {
        if (error instanceof GoldBuildError)
          logger.warn(
            `gold build failed; gold left unchanged (artifacts in ${error.artifactsDir})`,
          );
        throw error;
      }
    },
  };
}
