/**
 * Ingestion lag per partition: the topic's high watermark minus the next offset the
 * table has committed (the table, not Kafka's group offsets, is the truth). A partition
 * the table has never seen lags by everything still retained (high − low).
 */
import type { Admin } from 'kafkajs';
import type { PartitionOffsets } from './kafkaOffsets';

export interface TopicWatermarks {
  low: Map<number, bigint>;
  high: Map<number, bigint>;
}

export async function fetchWatermarks(
  admin: Admin,
  topic: string,
): Promise<TopicWatermarks> {
  const offsets = await admin.fetchTopicOffsets(topic);
  return {
    low: new Map(offsets.map(o => [o.partition, BigInt(o.low)])),
    high: new Map(offsets.map(o => [o.partition, BigInt(o.high)])),
  };
}

/** Lag by partition (sorted by partition); never negative. */
export function partitionLag(
  watermarks: TopicWatermarks,
  committed: PartitionOffsets,
): Map<number, bigint> {
  const lag = new Map<number, bigint>();
  for (const partition of [...watermarks.high.keys()].sort((a, b) => a - b)) {
    const high = watermarks.high.get(partition)!;
    const from =
      committed.get(partition) ?? watermarks.low.get(partition) ?? 0n;
    lag.set(partition, high > from ? high - from : 0n);
  }
  return lag;
}

export function totalLag(lag: Map<number, bigint>): bigint {
  let total = 0n;
  for (const v of lag.values()) total += v;
  return total;
}

/** "0:12 1:0 2:5" — compact enough for a status line. */
export function formatLag(lag: Map<number, bigint>): string {
  return [...lag].map(([p, v]) => `${p}:${v}`).join(' ') || '-';
}

export interface LagSource {
  topic: string;
  /** Next offset per partition as the table committed it. */
  committed: () => PartitionOffsets;
}

/**
 * Polls the topics' watermarks with one admin client (connected on first use); the lag
 * is computed when asked, against the offsets the table holds at that moment, so a
 * commit shows at once. A failed poll keeps the previous watermarks and its error.
 */
export class LagMonitor {
  private admin: Admin | undefined;
  private polling = false;
  private readonly watermarks = new Map<string, TopicWatermarks>();
  lastError: string | undefined;

  constructor(
    private readonly connect: () => Admin,
    private readonly sources: LagSource[],
  ) {}

  async poll(): Promise<void> {
    if (this.polling) return; // a slow broker must not pile up requests
    this.polling = true;
    try {
      if (!this.admin) {
        const admin = this.connect();
        await admin.connect();
        this.admin = admin;
      }
      for (const source of this.sources)
        this.watermarks.set(
          source.topic,
          await fetchWatermarks(this.admin, source.topic),
        );
      this.lastError = undefined;
    } catch (error) {
      this.lastError = (error as Error).message;
    } finally {
      this.polling = false;
    }
  }

  /** Lag per partition of a topic, or undefined before the first successful poll. */
  lag(topic: string): Map<number, bigint> | undefined {
    const watermarks = this.watermarks.get(topic);
    const source = this.sources.find(s => s.topic === topic);
    if (!watermarks || !source) return undefined;
    return partitionLag(watermarks, source.committed());
  }

  async close(): Promise<void> {
    await this.admin?.disconnect().catch(() => undefined);
    this.admin = undefined;
  }
}
