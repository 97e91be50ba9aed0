/**
 * Figures for `GET /metrics/pipeline`, from the tables' snapshot summaries: throughput is
 * the records appended per second over a trailing window (only `append` snapshots: a
 * compaction `replace` rewrites rows already counted, an `overwrite` rebuild re-commits
 * them); rejected totals are the silver tables' current row counts. A table that does not
 * exist yet counts as zero.
 */
import { InputError } from '@backstage/errors';
import {
  ancestors,
  BRONZE_PURCHASES,
  currentSnapshot,
  loadTableIfExists,
  SILVER_PURCHASES,
  SILVER_REJECTED,
  type Catalog,
  type TableMetadata,
} from '@medallion/pipeline';
import type { PipelineMetrics } from '@medallion/plugin-lakehouse-common';
import type { TableMetadataSource } from './LakehouseReader';
import { percentile } from './percentile';
import { summaryCount } from './tableSummary';

export interface ConsumerLagReading {
  records: number;
  partitions: Array<{ topic: string; partition: number; lag: number }>;
}

export interface PipelineMetricsOptions {
  /** The trailing window rates are computed over, in seconds (> 0). */
  windowSeconds: number;
  now?: Date;
  /** Kafka consumer lag; absent, null or throwing means "cannot be asked". */
  lag?: () => Promise<ConsumerLagReading | null>;
  /** Recent commit durations in milliseconds. */
  commitLatenciesMs?: readonly number[];
}

function isCatalog(source: TableMetadataSource | Catalog): source is Catalog {
  return 'loadPointer' in source;
}

function metadataSource(
  source: TableMetadataSource | Catalog,
): TableMetadataSource {
  if (!isCatalog(source)) return source;
  return {
    loadMetadata: async id => (await loadTableIfExists(source, id))?.metadata,
  };
}

/** Records added by append snapshots of the current history committed in (fromMs, toMs]. */
export function appendedRecords(
  meta: TableMetadata | undefined,
  fromMs: number,
  toMs: number,
): number {
  if (!meta) return 0;
  let total = 0;
  for (const s of ancestors(meta)) {
    const at = s['timestamp-ms'];
    if (s.summary.operation === 'append' && at > fromMs && at <= toMs)
      total += summaryCount(s, 'added-records');
  }
  return total;
}

const totalRecords = (meta: TableMetadata | undefined) =>
  meta ? summaryCount(currentSnapshot(meta), 'total-records') : 0;

async function readLag(
  lag: PipelineMetricsOptions['lag'],
): Promise<PipelineMetrics['consumerLag']> {
  const unknown = { records: null, partitions: [] };
  if (!lag) return unknown;
  try {
    const reading = await lag();
    return reading
      ? { records: reading.records, partitions: reading.partitions }
      : unknown;
  } catch {
    // Kafka being unreachable is a figure ("unknown"), not a failed request.
    return unknown;
  }
}

export async function computePipelineMetrics(
  source: TableMetadataSource | Catalog,
  options: PipelineMetricsOptions,
): Promise<PipelineMetrics> {
  const { windowSeconds } = options;
  if (!Number.isFinite(windowSeconds) || windowSeconds <= 0)
    throw new InputError(
      `windowSeconds must be a positive number, got ${windowSeconds}`,
    );
  const now = options.now ?? new Date();
  const tables = metadataSource(source);
  const [bronze, accepted, rejected, consumerLag] = await Promise.all([
    tables.loadMetadata(BRONZE_PURCHASES),
    tables.loadMetadata(SILVER_PURCHASES),
    tables.loadMetadata(SILVER_REJECTED),
    readLag(options.lag),
  ]);
  const toMs = now.getTime();
  const fromMs = toMs - windowSeconds * 1000;
  const rate = (records: number) => records / windowSeconds;
  const acceptedRows = totalRecords(accepted);
  const rejectedRows = totalRecords(rejected);
  const latencies = options.commitLatenciesMs ?? [];
  return {
    measuredAt: now.toISOString(),
    windowSeconds,
    throughput: {
      bronzeEventsPerSecond: rate(appendedRecords(bronze, fromMs, toMs)),
      silverEventsPerSecond: rate(
        appendedRecords(accepted, fromMs, toMs) +
          appendedRecords(rejected, fromMs, toMs),
      ),
    },
    consumerLag,
    commitLatencyMs:
      latencies.length === 0
        ? null
        : {
            p50: percentile(latencies, 50),
            p99: percentile(latencies, 99),
            samples: latencies.length,
          },
    rejected: {
      accepted: acceptedRows,
      rejected: rejectedRows,
      rate:
        acceptedRows + rejectedRows === 0
          ? null
          : rejectedRows / (acceptedRows + rejectedRows),
    },
  };
}
