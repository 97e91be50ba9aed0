/**
 * Stream scoring as a job: scheduled, and woken by each silver commit, it scores what
 * silver committed since the anomalies table's watermark, in bounded batches, until
 * caught up or cancelled (each batch commits atomically, so a cancel loses nothing).
 * Before the first model exists it trains one as soon as silver holds enough data; while
 * silver outgrows the model's training set it asks for retraining (the training job).
 */
import {
  ANOMALIES_TABLE,
  modelOutgrown,
  NotEnoughDataError,
  type ScoringRunResult,
} from '@medallion/pipeline';
import { z } from 'zod';
import type { JobDefinition } from '../runs';
import type { LakehouseRuntime } from '../runtime/lakehouseRuntime';
import { describeSchedule } from './describeSchedule';
import { currentSnapshots } from './tableSnapshots';
import { describeModel, trainWithConfig } from './trainingJob';

export function scoringJob(
  runtime: LakehouseRuntime,
): JobDefinition<Record<string, never>> {
  const { enabled, schedule } = runtime.config.jobs.scoring;
  return {
    name: 'scoring',
    title: 'Anomaly scoring',
    description:
      'Scores new silver purchases with the Isolation Forest into gold.purchase_anomalies, exactly once.',
    kind: 'scheduled',
    enabled,
    disabledReason: enabled
      ? undefined
      : 'scoring is off (lakehouse.jobs.scoring.enabled)',
    schedule: describeSchedule(schedule),
    paramsSchema: z.object({}).strict(),
    parameters: [],
    async run({ signal, progress, logger }) {
      const total = { scored: 0, flagged: 0 };
      let batches = 0;
      const batch = async (): Promise<ScoringRunResult> => {
        const r = await runtime.scorer.runOnce();
        batches++;
        total.scored += r.scored;
        total.flagged += r.flagged;
        progress({
          message: `batch ${batches}: ${total.scored} scored, ${
            total.flagged
          } flagged${r.more ? ' (more to come)' : ''}`,
          counters: { ...total, batches },
        });
        return r;
      };
      let last = await batch();
      let trained: string | undefined;
      if (last.noModel) {
        try {
          const model = await trainWithConfig(
            runtime,
            {},
            { signal, onProgress: message => progress({ message }) },
          );
          trained = describeModel(model);
          logger.info(`trained the first anomaly ${trained}`);
        } catch (error) {
          if (!(error instanceof NotEnoughDataError)) throw error;
          return {
            rows: total,
            snapshots: [],
            summary: `waiting for data: ${error.message}`,
          };
        }
        last = await batch();
      }
      while (last.more && !signal.aborted) last = await batch();
      if (modelOutgrown(last, runtime.config.jobs.training.maxRows))
        runtime.modelOutgrown();
      const parts = [
        last.skipped ??
          `up to silver snapshot ${last.silverSnapshotId} with model ${last.modelVersion}`,
      ];
      if (trained) parts.unshift(`trained ${trained}`);
      return {
        rows: total,
        snapshots: last.skipped
          ? []
          : await currentSnapshots(runtime.catalog, [ANOMALIES_TABLE]),
        summary: parts.join('; '),
      };
    },
  };
}
