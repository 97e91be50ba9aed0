/**
 * The event_ids already in silver, kept across silver runs for deduplication. Data files
 * are immutable, so the index remembers which files it has read and each run reads only
 * the files it has not seen yet among those that can hold a duplicate (event time within
 * the dedup window of the batch): one new file per run in steady state, instead of every
 * file of the window. Our own commits are added without reading them back.
 *
 * Anything that may have removed rows (an overwrite or delete in silver's history since
 * the last run, e.g. `silver rebuild`), a history the index cannot follow, or growing past
 * `maxIds` clears the index, and the next run reads the window afresh.
 */
import { and, gtEq, lt } from '../iceberg/expressions';
import { ancestors } from '../iceberg/metadata';
import { planFiles } from '../iceberg/scan';
import type { Table } from '../iceberg/table';
import { readTaskRows } from '../iceberg/tableScan';

const TWO_40 = 2 ** 40;

/** Kafka coordinates packed into one double (partition < 2^12, offset < 2^40); NaN if not. */
function pack(partition: number, offset: bigint): number {
  const o = Number(offset);
  return partition >= 0 && partition < 4096 && o >= 0 && o < TWO_40
    ? partition * TWO_40 + o
    : NaN;
}

export class EventIdIndex {
  private ids = new Map<string, number>();
  private files = new Set<string>();
  private head: bigint | undefined;

  constructor(private readonly maxIds = 2_000_000) {}

  get size(): number {
    return this.ids.size;
  }

  private clear(): void {
    this.ids = new Map();
    this.files = new Set();
    this.head = undefined;
  }

  /** False when silver's history since the last run may have removed rows. */
  private appendOnlySince(silver: Table): boolean {
    if (this.head === undefined) return true;
    for (const s of ancestors(silver.metadata)) {
      if (s['snapshot-id'] === this.head) return true;
      const op = s.summary.operation;
      if (op !== 'append' && op !== 'replace') return false;
    }
    return false; // the last head is no longer in the history
  }

  /** Reads the files of `silver` that may hold event times in [from, to) and are not indexed yet. */
  async load(silver: Table, from: bigint, to: bigint): Promise<void> {
    if (!this.appendOnlySince(silver) || this.ids.size > this.maxIds)
      this.clear();
    this.head = silver.metadata['current-snapshot-id'];
    if (this.head === undefined) return;
    const plan = await planFiles(silver, {
      filter: and(gtEq('event_ts', from), lt('event_ts', to)),
    });
    for (const task of plan.tasks) {
      if (this.files.has(task.file.filePath)) continue;
      const rows = await readTaskRows(silver, task, plan.schema, [
        'event_id',
        'kafka_partition',
        'kafka_offset',
      ]);
      for (const row of rows)
        this.ids.set(
          row.event_id as string,
          pack(row.kafka_partition as number, row.kafka_offset as bigint),
        );
      this.files.add(task.file.filePath);
    }
  }

  /** Where silver holds `id` ("partition P offset O"), if it does. */
  lookup(id: string): string | undefined {
    const packed = this.ids.get(id);
    if (packed === undefined) return undefined;
    if (Number.isNaN(packed)) return 'an earlier record';
    const partition = Math.floor(packed / TWO_40);
    return `partition ${partition} offset ${packed - partition * TWO_40}`;
  }

  /** Rows we committed to silver in `files` at snapshot `snapshotId`. */
  committed(
    snapshotId: bigint,
    files: readonly string[],
    rows: ReadonlyArray<Record<string, unknown>>,
  ): void {
    for (const row of rows)
      this.ids.set(
        row.event_id as string,
        pack(row.kafka_partition as number, row.kafka_offset as bigint),
      );
    for (const f of files) this.files.add(f);
    this.head = snapshotId;
  }
}
