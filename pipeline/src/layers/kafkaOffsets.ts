/**
 * Kafka offsets kept inside Iceberg snapshots: the exactly-once anchor of ingestion.
 * Each ingest commit records, in its snapshot summary, the next offset to read per
 * partition (merged with what earlier commits recorded). On start and on every rebalance
 * the ingester seeks to what the table says; Kafka's committed offsets are only a hint.
 *
 * The current offsets are those of the newest ancestor that has the property; other
 * commits need not carry it, but compaction does (streamingMaintenance.ts), so that
 * expiring the snapshots before it cannot lose the offsets.
 */
import { z } from 'zod';
import { ancestors } from '../iceberg/metadata';
import type { TableMetadata } from '../iceberg/types';

/** Next offset to consume, by partition number. */
export type PartitionOffsets = Map<number, bigint>;

export class OffsetsError extends Error {}

/** Summary key, one per topic and consumer group (several groups may feed one table). */
export function offsetsKey(topic: string, groupId: string): string {
  return `medallion.kafka.offsets.${topic}.${groupId}`;
}

const stored = z.record(z.string().regex(/^\d+$/), z.string().regex(/^\d+$/));

export function encodeOffsets(offsets: PartitionOffsets): string {
  const entries = [...offsets.entries()].sort((a, b) => a[0] - b[0]);
  return JSON.stringify(
    Object.fromEntries(entries.map(([p, o]) => [String(p), o.toString()])),
  );
}

export function decodeOffsets(text: string, where: string): PartitionOffsets {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new OffsetsError(
      `${where}: offsets are not JSON: ${text.slice(0, 80)}`,
    );
  }
  const result = stored.safeParse(parsed);
  if (!result.success)
    throw new OffsetsError(
      `${where}: offsets must map partition numbers to offsets`,
    );
  return new Map(
    Object.entries(result.data).map(([p, o]) => [Number(p), BigInt(o)]),
  );
}

/** The offsets of the newest snapshot (on main's history) that recorded any, and which snapshot. */
export function tableOffsets(
  meta: TableMetadata,
  topic: string,
  groupId: string,
): { offsets: PartitionOffsets; snapshotId?: bigint } {
  const key = offsetsKey(topic, groupId);
  for (const snapshot of ancestors(meta)) {
    const text = snapshot.summary[key];
    if (text !== undefined) {
      return {
        offsets: decodeOffsets(text, `snapshot ${snapshot['snapshot-id']}`),
        snapshotId: snapshot['snapshot-id'],
      };
    }
  }
  return { offsets: new Map() };
}

/** Offsets after a batch: the previous ones with the batch's partitions advanced. */
export function mergeOffsets(
  previous: PartitionOffsets,
  advanced: PartitionOffsets,
): PartitionOffsets {
  const merged = new Map(previous);
  for (const [partition, next] of advanced) {
    const before = merged.get(partition);
    if (before !== undefined && next < before) {
      throw new OffsetsError(
        `partition ${partition} would move back from ${before} to ${next}`,
      );
    }
    merged.set(partition, next);
  }
  return merged;
}

/**
 * Fencing: a writer that read the table's offsets for its partitions may commit only if
 * the head still has exactly those offsets for them. Anything else means another writer
 * (e.g. after a rebalance) consumed the same partitions: this writer's batch is stale.
 */
export function offsetsUnchanged(
  expected: PartitionOffsets,
  head: PartitionOffsets,
  partitions: Iterable<number>,
): boolean {
  for (const p of partitions) {
    if (expected.get(p) !== head.get(p)) return false;
  }
  return true;
}
