/**
 * Replay: silver.purchases and silver.purchases_rejected rebuilt from a full scan of
 * bronze (at its current snapshot), each replaced by one atomic overwrite whose summary
 * sets the watermark to that bronze snapshot — so incremental runs continue from exactly
 * there. Same rules as the incremental processor: records in Kafka order (ingest time,
 * then partition and offset), the first occurrence of an event_id is accepted, later ones
 * quarantined as duplicates. (Incremental runs look for duplicates only within the dedup
 * window of event time; a replay carries the same event time, so both agree.)
 *
 * Concurrency with a running silver processor: each overwrite is fenced on the watermark
 * the rebuild started from. If a processor commits first, the rebuild's commit is refused
 * and the whole rebuild starts over (up to `attempts`); if the rebuild commits first, the
 * processor's own watermark check refuses its commit and its next run continues from the
 * rebuilt state. Either way no row is lost or doubled. Compaction commits carry the
 * watermark forward, so a rebuild that meets one still commits (and removes the compacted
 * files: it replaces every live file of the table).
 */
import type { Catalog } from '../iceberg/catalog/catalog';
import { CommitValidationError, discardUncommitted } from '../iceberg/commit';
import { writeRows } from '../iceberg/dataWriter';
import { planFiles } from '../iceberg/scan';
import { commitSnapshot } from '../iceberg/snapshotProducer';
import { loadTableIfExists, type Table } from '../iceberg/table';
import { readTaskRows } from '../iceberg/tableScan';
import type { TableMetadata } from '../iceberg/types';
import { BRONZE_PURCHASES } from './bronzeTable';
import { WATERMARK_KEY, watermarkOf } from './silverProcessor';
import { classify, rejectedRow, type BronzeRow } from './silverRows';
import { ensureSilverTables, withV2Columns } from './silverTables';

export interface RebuildOptions {
  catalog: Catalog;
  /** Whole rebuilds to try when a concurrent silver run wins the race (default 3). */
  attempts?: number;
  /** Awaited, so a caller (or a test) can act between reading bronze and committing. */
  onProgress?: (message: string) => void | Promise<void>;
}

export interface RebuildResult {
  /** The bronze snapshot silver now reflects (undefined: bronze is empty or missing). */
  bronzeSnapshotId?: bigint;
  read: number;
  accepted: number;
  rejected: number;
  duplicates: number;
  attempts: number;
}

export class RebuildConflictError extends Error {}

/** Kafka order: ingest time (commit order), then partition and offset. */
function kafkaOrder(a: BronzeRow, b: BronzeRow): number {
  if (a.ingest_ts !== b.ingest_ts) return a.ingest_ts < b.ingest_ts ? -1 : 1;
  if (a.kafka_topic !== b.kafka_topic)
    return a.kafka_topic < b.kafka_topic ? -1 : 1;
  if (a.kafka_partition !== b.kafka_partition)
    return a.kafka_partition - b.kafka_partition;
  if (a.kafka_offset === b.kafka_offset) return 0;
  return a.kafka_offset < b.kafka_offset ? -1 : 1;
}

/** Splits bronze rows (in Kafka order) into silver rows and quarantined rows. */
export function replayRows(
  rows: BronzeRow[],
  nowMicros: bigint,
): {
  accepted: Array<Record<string, unknown>>;
  quarantined: Array<Record<string, unknown>>;
  duplicates: number;
} {
  const accepted: Array<Record<string, unknown>> = [];
  const quarantined: Array<Record<string, unknown>> = [];
  const seen = new Map<string, string>();
  let duplicates = 0;
  for (const b of [...rows].sort(kafkaOrder)) {
    const c = classify(b, nowMicros);
    if (c.kind === 'rejected') {
      quarantined.push(c.row);
      continue;
    }
    const id = c.row.event_id as string;
    const first = seen.get(id);
    if (first !== undefined) {
      duplicates++;
      quarantined.push(
        rejectedRow(
          b,
          'duplicate_event',
          `event_id ${id} is already in silver (first seen at ${first})`,
          nowMicros,
        ),
      );
      continue;
    }
    seen.set(id, `partition ${b.kafka_partition} offset ${b.kafka_offset}`);
    accepted.push(c.row);
  }
  accepted.sort((a, b) =>
    Number((a.event_ts as bigint) - (b.event_ts as bigint)),
  );
  return { accepted, quarantined, duplicates };
}

/** Replaces every live file of `table` with `rows`, fenced on the watermark it started from. */
async function overwriteFenced(
  table: Table,
  expected: bigint | undefined,
  to: bigint,
  rows: Array<Record<string, unknown>>,
): Promise<void> {
  const files = rows.length > 0 ? await writeRows(table, rows) : [];
  try {
    await commitSnapshot(
      table,
      {
        operation: 'overwrite',
        addedFiles: files,
        // Everything live at the head: only compaction (same rows) can have changed it.
        removeFiles: () => true,
        summary: { [WATERMARK_KEY]: to.toString() },
        allowEmpty: true,
      },
      {
        validate: (head: TableMetadata) => {
          if (watermarkOf(head) !== expected)
            throw new CommitValidationError(
              `${table.name} was advanced by a silver run during the rebuild`,
            );
        },
      },
    );
  } catch (error) {
    await discardUncommitted(
      table.io,
      error,
      files.map(f => f.filePath),
    );
    throw error;
  }
}

async function rebuildOnce(
  catalog: Catalog,
  progress: (message: string) => void | Promise<void>,
): Promise<Omit<RebuildResult, 'attempts'>> {
  const bronze = await loadTableIfExists(catalog, BRONZE_PURCHASES);
  const target = bronze?.metadata['current-snapshot-id'];
  const empty = { read: 0, accepted: 0, rejected: 0, duplicates: 0 };
  if (!bronze || target === undefined) return empty;
  const tables = await ensureSilverTables(catalog);
  let silver = tables.silver;
  const rejected = tables.rejected;
  // The fencing tokens: read before bronze, so any silver commit after this is noticed.
  const wmSilver = watermarkOf(silver.metadata);
  const wmRejected = watermarkOf(rejected.metadata);

  const plan = await planFiles(bronze, { snapshotId: target });
  const rows: BronzeRow[] = [];
  for (const task of plan.tasks)
    rows.push(
      ...((await readTaskRows(
        bronze,
        task,
        plan.schema,
      )) as unknown as BronzeRow[]),
    );
  await progress(
    `read ${rows.length} bronze rows from ${plan.tasks.length} files (snapshot ${target})`,
  );
  const replay = replayRows(rows, BigInt(Date.now()) * 1000n);
  if (replay.accepted.some(r => r.schema_version === 2))
    silver = await withV2Columns(silver);
  // Same order as incremental runs: quarantine first, so a crash in between leaves
  // silver behind (and caught up by the next incremental run), never ahead.
  await overwriteFenced(rejected, wmRejected, target, replay.quarantined);
  await overwriteFenced(silver, wmSilver, target, replay.accepted);
  return {
    bronzeSnapshotId: target,
    read: rows.length,
    accepted: replay.accepted.length,
    rejected: replay.quarantined.length,
    duplicates: replay.duplicates,
  };
}

export async function rebuildSilver(
  options: RebuildOptions,
): Promise<RebuildResult> {
  const attempts = options.attempts ?? 3;
  const progress = options.onProgress ?? (() => undefined);
  for (let attempt = 1; ; attempt++) {
    try {
      return {
        ...(await rebuildOnce(options.catalog, progress)),
        attempts: attempt,
      };
    } catch (error) {
      if (!(error instanceof CommitValidationError)) throw error;
      if (attempt >= attempts)
        throw new RebuildConflictError(
          `silver kept advancing during ${attempt} rebuild attempts (${error.message}): stop the running silver processor (medallion silver --follow / medallion run) and rebuild again`,
        );
      await progress(`${error.message}; rebuilding again`);
    }
  }
}
