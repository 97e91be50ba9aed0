/**
 * What the plugin's jobs and routes share for the life of the plugin: the Iceberg
 * catalog, the Kafka client, the silver processor (kept warm across scheduled runs: its
 * event-id index is what makes a run cheap), and live figures for /metrics/pipeline.
 */
import {
  catalogFromSettings,
  createKafka,
  fetchWatermarks,
  partitionLag,
  SilverProcessor,
  tableOffsets,
  BRONZE_PURCHASES,
  loadTableIfExists,
  type Catalog,
} from '@medallion/pipeline';
import type { Kafka } from 'kafkajs';
import type { LakehouseBackendConfig } from '../config/readLakehouseConfig';
import { SampleWindow } from './sampleWindow';

export interface ConsumerLag {
  records: number;
  partitions: Array<{ topic: string; partition: number; lag: number }>;
}

export class LakehouseRuntime {
  readonly catalog: Catalog;
  readonly kafka: Kafka;
  readonly silver: SilverProcessor;
  /** Bronze commit durations (ms) of this instance's ingester. */
  readonly commitLatencies = new SampleWindow(1000);
  private bronzeCommitListeners: Array<() => void> = [];

  constructor(readonly config: LakehouseBackendConfig) {
    this.catalog = catalogFromSettings(config.pipeline.lakehouse);
    this.kafka = createKafka(config.pipeline.kafka);
    this.silver = new SilverProcessor({
      catalog: this.catalog,
      maxRowsPerRun: config.jobs.silver.maxRowsPerRun,
    });
  }

  /** Called by the bronze job after each purchases commit (silver wakes on it). */
  bronzeCommitted(): void {
    for (const listener of this.bronzeCommitListeners) listener();
  }

  onBronzeCommit(listener: () => void): void {
    this.bronzeCommitListeners.push(listener);
  }

  /**
   * Records in the purchases topic that bronze has not committed yet: the topic's high
   * watermarks against the offsets stored in bronze's snapshots (the source of truth,
   * not the consumer group's commits).
   */
  async consumerLag(): Promise<ConsumerLag> {
    const { topics } = this.config.pipeline.kafka;
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      const marks = await fetchWatermarks(admin, topics.purchases);
      const bronze = await loadTableIfExists(this.catalog, BRONZE_PURCHASES);
      const committed = bronze
        ? tableOffsets(
            bronze.metadata,
            topics.purchases,
            this.config.consumerGroup,
          ).offsets
        : new Map<number, bigint>();
      const partitions = [...partitionLag(marks, committed)].map(
        ([partition, lag]) => ({
          topic: topics.purchases,
          partition,
          lag: Number(lag),
        }),
      );
      return {
        records: partitions.reduce((sum, p) => sum + p.lag, 0),
        partitions,
      };
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
  }

  async close(): Promise<void> {
    await this.catalog.close();
  }
}
