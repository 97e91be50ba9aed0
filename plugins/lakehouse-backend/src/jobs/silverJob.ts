/**
 * Bronze → silver as a scheduled job (and woken by bronze commits): processes what
 * bronze committed since silver's watermarks, in bounded batches, until caught up or
 * cancelled (between batches; each batch commits atomically, so a cancel loses nothing).
 */
import {
  SILVER_PURCHASES,
  SILVER_REJECTED,
  type SilverRunResult,
} from '@medallion/pipeline';
import { z } from 'zod';
import type { JobDefinition } from '../runs';
import type { LakehouseRuntime } from '../runtime/lakehouseRuntime';
import { describeSchedule } from './describeSchedule';
import { currentSnapshots } from './tableSnapshots';

export function silverJob(
  runtime: LakehouseRuntime,
): JobDefinition<Record<string, never>> {
  const { enabled, schedule } = runtime.config.jobs.silver;
  return {
    name: 'silver',
    title: 'Silver processor',
    description:
      'Types, validates and deduplicates new bronze events into silver.purchases; bad records go to silver.purchases_rejected with a reason.',
    kind: 'scheduled',
    enabled,
    disabledReason: enabled
      ? undefined
      : 'silver processing is off (lakehouse.jobs.silver.enabled)',
    schedule: describeSchedule(schedule),
    paramsSchema: z.object({}).strict(),
    parameters: [],
    async run({ signal, progress }) {
      const total = { read: 0, accepted: 0, rejected: 0, duplicates: 0 };
      let batches = 0;
      let last: SilverRunResult | undefined;
      do {
        last = await runtime.silver.runOnce();
        batches++;
        total.read += last.read;
        total.accepted += last.accepted;
        total.rejected += last.rejected;
        total.duplicates += last.duplicates;
        if (last.accepted > 0) runtime.silverCommitted();
        progress({
          message: `batch ${batches}: ${total.accepted} accepted, ${
            total.rejected
          } rejected, ${total.duplicates} duplicates${
            last.more ? ' (more to come)' : ''
          }`,
          counters: { ...total, batches },
        });
      } while (last.more && !signal.aborted);
      return {
        rows: total,
        snapshots: await currentSnapshots(runtime.catalog, [
          SILVER_PURCHASES,
          SILVER_REJECTED,
        ]),
        summary:
          last.bronzeSnapshotId === undefined
            ? 'bronze has no data yet'
            : `up to bronze snapshot ${last.bronzeSnapshotId}${
                last.schemaEvolved ? '; silver schema evolved' : ''
              }`,
      };
    },
  };
}
