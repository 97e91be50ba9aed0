/**
 * Table maintenance as a scheduled job: compaction, snapshot expiry and orphan-file
 * removal on the streaming tables, alongside ingestion (commits on both sides retry on
 * conflict). A cancel stops at the next table or step boundary.
 */
import {
  describeMaintenance,
  maintainStreamingTables,
  parseIdentifier,
  STREAMING_TABLES,
  formatIdentifier,
} from '@medallion/pipeline';
import { z } from 'zod';
import type { JobDefinition } from '../runs';
import type { LakehouseRuntime } from '../runtime/lakehouseRuntime';
import { describeSchedule } from './describeSchedule';
import { currentSnapshots } from './tableSnapshots';

const STREAMING_NAMES = STREAMING_TABLES.map(formatIdentifier);

const paramsSchema = z
  .object({
    tables: z
      .array(
        z.enum(STREAMING_NAMES as [string, ...string[]], {
          error: `must be one of ${STREAMING_NAMES.join(', ')}`,
        }),
      )
      .min(1)
      .optional(),
  })
  .strict();

export function maintenanceJob(
  runtime: LakehouseRuntime,
): JobDefinition<z.infer<typeof paramsSchema>> {
  const { enabled, schedule } = runtime.config.jobs.maintenance;
  return {
    name: 'maintenance',
    title: 'Table maintenance',
    description:
      'Compacts small files, expires old snapshots (keeping watermark and offset anchors) and removes orphan files on the streaming tables.',
    kind: 'scheduled',
    enabled,
    disabledReason: enabled
      ? undefined
      : 'table maintenance is off (lakehouse.jobs.maintenance.enabled)',
    schedule: describeSchedule(schedule),
    paramsSchema,
    parameters: [
      {
        name: 'tables',
        type: 'string[]',
        description: 'Tables to maintain (default: every streaming table)',
        default: STREAMING_NAMES,
      },
    ],
    async run({ params, signal, progress }) {
      const tables = (params.tables ?? STREAMING_NAMES).map(parseIdentifier);
      const lines: string[] = [];
      const rows = { compactedFiles: 0, expiredSnapshots: 0, orphanFiles: 0 };
      for (const [i, table] of tables.entries()) {
        if (signal.aborted) break;
        progress({
          message: `maintaining ${formatIdentifier(table)}`,
          fraction: i / tables.length,
          counters: rows,
        });
        const [report] = await maintainStreamingTables(runtime.catalog, {
          signal,
          tables: [table],
        });
        if (!report) continue;
        rows.compactedFiles += report.compaction.rewrittenFiles;
        rows.expiredSnapshots += report.expiredSnapshots;
        rows.orphanFiles += report.orphanFiles;
        lines.push(describeMaintenance(report));
      }
      return {
        rows,
        snapshots: await currentSnapshots(runtime.catalog, tables),
        summary: lines.join('\n') || null,
      };
    },
  };
}
