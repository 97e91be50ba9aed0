/**
 * The topics bronze ingests, each by its own BronzeIngester (same raw layout, own
 * consumer group, own table): purchases → bronze.purchases_raw and the producer's
 * ground-truth labels → bronze.purchase_labels. Separate groups keep each table's
 * offsets (and fencing) independent: a rebalance of one never stalls the other.
 */
import type { Kafka } from 'kafkajs';
import type { Catalog, TableIdentifier } from '../iceberg/catalog/catalog';
import {
  BronzeIngester,
  type CommitInfo,
  type IngesterStats,
} from './bronzeIngester';
import { BRONZE_LABELS, BRONZE_PURCHASES } from './bronzeTable';

export const DEFAULT_BRONZE_GROUP = 'medallion-bronze';

/** The labels stream's consumer group, derived from the purchases one. */
export const labelsGroup = (groupId: string) => `${groupId}-labels`;

export interface BronzeStream {
  name: 'purchases' | 'labels';
  topic: string;
  groupId: string;
  table: TableIdentifier;
  ingester: BronzeIngester;
}

export interface BronzeStreamsOptions {
  kafka: Kafka;
  catalog: Catalog;
  topics: { purchases: string; labels: string };
  /** Consumer group of the purchases stream; labels use labelsGroup(groupId). */
  groupId?: string;
  commitIntervalMs?: number;
  onError?: (stream: BronzeStream['name'], error: Error) => void;
  onCommit?: (stream: BronzeStream['name'], info: CommitInfo) => void;
}

export function createBronzeStreams(
  options: BronzeStreamsOptions,
): BronzeStream[] {
  const group = options.groupId ?? DEFAULT_BRONZE_GROUP;
  const specs = [
    {
      name: 'purchases' as const,
      topic: options.topics.purchases,
      groupId: group,
      table: BRONZE_PURCHASES,
    },
    {
      name: 'labels' as const,
      topic: options.topics.labels,
      groupId: labelsGroup(group),
      table: BRONZE_LABELS,
    },
  ];
  return specs.map(spec => ({
    ...spec,
    ingester: new BronzeIngester({
      kafka: options.kafka,
      catalog: options.catalog,
      topic: spec.topic,
      groupId: spec.groupId,
      table: spec.table,
      commitIntervalMs: options.commitIntervalMs,
      onError: error => options.onError?.(spec.name, error),
      onCommit: info => options.onCommit?.(spec.name, info),
    }),
  }));
}

/** Starts every stream; if one fails to start, the ones already running are stopped. */
export async function startBronzeStreams(
  streams: BronzeStream[],
): Promise<void> {
  const started: BronzeStream[] = [];
  try {
    for (const s of streams) {
      await s.ingester.start();
      started.push(s);
    }
  } catch (error) {
    await stopBronzeStreams(started);
    throw error;
  }
}

/** Each ingester commits what it buffered, then leaves its group. */
export async function stopBronzeStreams(
  streams: BronzeStream[],
): Promise<void> {
  await Promise.all(streams.map(s => s.ingester.stop()));
}

/** The stats of one stream by name (the purchases one drives the status line). */
export function streamStats(
  streams: BronzeStream[],
  name: BronzeStream['name'],
): IngesterStats {
  const stream = streams.find(s => s.name === name);
  if (!stream) throw new Error(`no bronze stream named ${name}`);
  return stream.ingester.stats;
}
