/**
 * bronze.purchases_raw → silver.purchases + silver.purchases_rejected, incrementally and
 * exactly once. Each output table records in its snapshot summary the last bronze
 * snapshot it has absorbed (its watermark); a run reads the bronze files appended since
 * each table's watermark, classifies every record, and commits each table only what lies
 * beyond its own watermark — so a crash between the two commits never loses or doubles
 * anything. Accepted + rejected = bronze, always: duplicates of an event_id already in
 * silver (within `dedupWindowDays` of event time) are quarantined with their reason.
 */
import type { Catalog } from '../iceberg/catalog/catalog';
import { crashPoint } from '../crashPoints';
import { ancestors } from '../iceberg/metadata';
import { planAppendedFiles, type FileScanTask } from '../iceberg/scan';
import { loadTableIfExists, type Table } from '../iceberg/table';
import { readTaskRows } from '../iceberg/tableScan';
import type { DataFile, TableMetadata } from '../iceberg/types';
import { EventIdIndex } from './eventIdIndex';
import { BRONZE_PURCHASES } from './bronzeTable';
import { classify, rejectedRow, type BronzeRow } from './silverRows';
import { ensureSilverTables, withV2Columns } from './silverTables';
import { commitWatermarked, watermarkIn } from './watermarkCommit';

export const WATERMARK_KEY = 'medallion.silver.bronze-snapshot-id';
const DAY_MICROS = 86_400_000_000n;

export interface SilverRunResult {
  bronzeSnapshotId?: bigint;
  /** Bronze holds more beyond `bronzeSnapshotId` (the run stopped at `maxRowsPerRun`). */
  more?: boolean;
  read: number;
  accepted: number;
  rejected: number;
  duplicates: number;
  schemaEvolved: boolean;
}

/** The bronze snapshot a table has absorbed, from its newest ancestor that says so. */
export function watermarkOf(meta: TableMetadata): bigint | undefined {
  return watermarkIn(meta, WATERMARK_KEY);
}

export interface SilverOptions {
  catalog: Catalog;
  dedupWindowDays?: number;
  /**
   * Bronze rows read per run, at most (whole bronze snapshots; at least one): bounds
   * memory while catching up. Default 50,000.
   */
  maxRowsPerRun?: number;
  /** Fault injection for crash tests: runs between the quarantine and the silver commit. */
  betweenCommits?: () => void | Promise<void>;
}

/**
 * The bronze snapshot a run should stop at: the newest one whose rows since `from` stay
 * within `maxRows` (at least one snapshot, and never before `atLeast`, the newer of the
 * two watermarks). Compactions add no new rows and are not counted.
 */
export function boundedTarget(
  bronze: Table,
  from: bigint | undefined,
  atLeast: bigint | undefined,
  maxRows: number,
): bigint | undefined {
  const chain = [];
  for (const s of ancestors(bronze.metadata)) {
    if (s['snapshot-id'] === from) break;
    chain.push(s);
  }
  chain.reverse();
  let rows = 0;
  let passedAtLeast = atLeast === undefined || atLeast === from;
  let target: bigint | undefined;
  for (const s of chain) {
    const added =
      s.summary.operation === 'append'
        ? Number(s.summary['added-records'] ?? 0)
        : 0;
    if (target !== undefined && passedAtLeast && rows + added > maxRows) break;
    rows += added;
    target = s['snapshot-id'];
    if (target === atLeast) passedAtLeast = true;
  }
  return target;
}

/** Comparison without BigInt arithmetic (subtracting allocates a new BigInt). */
function compareBigint(a: bigint, b: bigint): number {
  if (a < b) return -1;
  return a > b ? 1 : 0;
}

/** True if `a` is an ancestor of (or equal to) `b` in the table's history. */
function isAncestor(table: Table, a: bigint | undefined, b: bigint): boolean {
  if (a === undefined) return true;
  for (const s of ancestors(table.metadata, b))
    if (s['snapshot-id'] === a) return true;
  return false;
}

export class SilverProcessor {
  private readonly index = new EventIdIndex();

  constructor(private readonly options: SilverOptions) {}

  /** Runs until silver has absorbed bronze's current head; totals of all runs. */
  async runUntilCaughtUp(
    onRun?: (result: SilverRunResult) => void,
  ): Promise<SilverRunResult> {
    const total: SilverRunResult = {
      read: 0,
      accepted: 0,
      rejected: 0,
      duplicates: 0,
      schemaEvolved: false,
    };
    for (;;) {
      const r = await this.runOnce();
      onRun?.(r);
      total.bronzeSnapshotId = r.bronzeSnapshotId ?? total.bronzeSnapshotId;
      total.read += r.read;
      total.accepted += r.accepted;
      total.rejected += r.rejected;
      total.duplicates += r.duplicates;
      total.schemaEvolved ||= r.schemaEvolved;
      if (!r.more) return total;
    }
  }

  /** Processes everything bronze committed since the watermarks; returns what it did. */
  async runOnce(): Promise<SilverRunResult> {
    // Nothing to do until the ingester has created bronze.
    const bronze = await loadTableIfExists(
      this.options.catalog,
      BRONZE_PURCHASES,
    );
    if (!bronze) {
      return {
        read: 0,
        accepted: 0,
        rejected: 0,
        duplicates: 0,
        schemaEvolved: false,
      };
    }
    const { silver: silver0, rejected: rejected0 } = await ensureSilverTables(
      this.options.catalog,
    );
    const head = bronze.metadata['current-snapshot-id'];
    const result: SilverRunResult = {
      bronzeSnapshotId: head,
      read: 0,
      accepted: 0,
      rejected: 0,
      duplicates: 0,
      schemaEvolved: false,
    };
    if (head === undefined) return result;
    const wmSilver = watermarkOf(silver0.metadata);
    const wmRejected = watermarkOf(rejected0.metadata);
    if (wmSilver === head && wmRejected === head) return result;
    // From the older watermark, whole bronze snapshots up to maxRowsPerRun rows (and at
    // least up to the newer one, which a crash between the two commits can leave ahead).
    let older: bigint | undefined;
    let newer: bigint | undefined;
    if (wmSilver === undefined || wmRejected === undefined)
      newer = wmSilver ?? wmRejected;
    else if (isAncestor(bronze, wmSilver, wmRejected)) {
      older = wmSilver;
      newer = wmRejected;
    } else {
      older = wmRejected;
      newer = wmSilver;
    }
    const target =
      boundedTarget(
        bronze,
        older,
        newer,
        this.options.maxRowsPerRun ?? 50_000,
      ) ?? head;
    result.bronzeSnapshotId = target;
    result.more = target !== head;

    // Files appended after each watermark; the older one bounds what we must read.
    const forSilver = await planAppendedFiles(bronze, wmSilver, target);
    const forRejected = await planAppendedFiles(bronze, wmRejected, target);
    const silverFiles = new Set(forSilver.tasks.map(t => t.file.filePath));
    const rejectedFiles = new Set(forRejected.tasks.map(t => t.file.filePath));
    const tasks = new Map<string, FileScanTask>();
    for (const t of [...forSilver.tasks, ...forRejected.tasks])
      tasks.set(t.file.filePath, t);

    const now = BigInt(Date.now()) * 1000n;
    const accepted: Array<Record<string, unknown>> = [];
    const quarantined: Array<Record<string, unknown>> = [];
    const bronzeSchemaNow = bronze.schema();
    const candidates: Array<{
      row: Record<string, unknown>;
      bronze: BronzeRow;
      toSilver: boolean;
      toRejected: boolean;
    }> = [];
    for (const task of tasks.values()) {
      const toSilver = silverFiles.has(task.file.filePath);
      const toRejected = rejectedFiles.has(task.file.filePath);
      const rows = (await readTaskRows(
        bronze,
        task,
        bronzeSchemaNow,
      )) as unknown as BronzeRow[];
      rows.sort(
        (a, b) =>
          a.kafka_partition - b.kafka_partition ||
          compareBigint(a.kafka_offset, b.kafka_offset),
      );
      for (const b of rows) {
        result.read++;
        const c = classify(b, now);
        if (c.kind === 'rejected') {
          if (toRejected) quarantined.push(c.row);
        } else {
          candidates.push({ row: c.row, bronze: b, toSilver, toRejected });
        }
      }
    }

    // Deduplicate by event_id: within the batch (first by Kafka order) and against silver.
    await this.loadIndex(
      silver0,
      candidates.map(c => c.row.event_ts as bigint),
    );
    const seen = new Map<string, string>();
    for (const c of candidates) {
      const id = c.row.event_id as string;
      const first = seen.get(id) ?? this.index.lookup(id);
      if (first !== undefined) {
        result.duplicates++;
        if (c.toRejected) {
          quarantined.push(
            rejectedRow(
              c.bronze,
              'duplicate_event',
              `event_id ${id} is already in silver (first seen at ${first})`,
              now,
            ),
          );
        }
        continue;
      }
      seen.set(
        id,
        `partition ${c.bronze.kafka_partition} offset ${c.bronze.kafka_offset}`,
      );
      if (c.toSilver) accepted.push(c.row);
    }
    accepted.sort((a, b) =>
      compareBigint(a.event_ts as bigint, b.event_ts as bigint),
    );

    let silver = silver0;
    if (accepted.some(r => r.schema_version === 2)) {
      silver = await withV2Columns(silver0);
      result.schemaEvolved = silver !== silver0;
    }

    // Each table commits its own part, fenced on the watermark it started from.
    await this.commit(rejected0, wmRejected, target, quarantined);
    await this.options.betweenCommits?.();
    crashPoint('silver-between-commits');
    const committed = await this.commit(silver, wmSilver, target, accepted);
    if (committed)
      this.index.committed(
        committed.snapshotId,
        committed.files.map(f => f.filePath),
        accepted,
      );
    result.accepted = accepted.length;
    result.rejected = quarantined.length;
    return result;
  }

  private commit(
    table: Table,
    from: bigint | undefined,
    to: bigint,
    rows: Array<Record<string, unknown>>,
  ): Promise<{ snapshotId: bigint; files: DataFile[] } | undefined> {
    return commitWatermarked(table, {
      key: WATERMARK_KEY,
      from,
      to,
      rows,
      beforeCommit: files => crashPoint('silver-before-commit', files),
    });
  }

  /** Brings the id index up to date for the batch's event times ± the dedup window. */
  private async loadIndex(silver: Table, eventTimes: bigint[]): Promise<void> {
    if (eventTimes.length === 0) return;
    const window = BigInt(this.options.dedupWindowDays ?? 7) * DAY_MICROS;
    let min = eventTimes[0]!;
    let max = eventTimes[0]!;
    for (const t of eventTimes) {
      if (t < min) min = t;
      if (t > max) max = t;
    }
    await this.index.load(silver, min - window, max + window + 1n);
  }
}
