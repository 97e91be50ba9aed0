/**
 * What the plugin's jobs and routes share for the life of the plugin: the Iceberg
 * catalog, the Kafka client, the silver processor (kept warm across scheduled runs: its
 * event-id index is what makes a run cheap), and live figures for /metrics/pipeline.
 */
import {
  catalogFromSettings,
  createKafka,
  LagMonitor,
  SilverProcessor,
  tableOffsets,
  BRONZE_PURCHASES,
  loadTableIfExists,
  ModelStore,
  StreamScorer,
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
  /** The anomaly models (JSON files next to the tables). */
  readonly models: ModelStore;
  /** Kept across runs: its per-customer history makes velocity features cheap. */
  readonly scorer: StreamScorer;
  /** Bronze commit durations (ms) of this instance's ingester. */
  readonly commitLatencies = new SampleWindow(1000);
  private bronzeCommitListeners: Array<() => void> = [];
  private silverCommitListeners: Array<() => void> = [];
  private modelOutgrownListeners: Array<() => void> = [];

  constructor(readonly config: LakehouseBackendConfig) {
    this.catalog = catalogFromSettings(config.pipeline.lakehouse);
    this.kafka = createKafka(config.pipeline.kafka);
    this.lagMonitor = new LagMonitor(
      () => this.kafka.admin(),
      [
        {
          topic: config.pipeline.kafka.topics.purchases,
          committed: () => this.bronzeOffsets,
        },
      ],
    );
    this.silver = new SilverProcessor({
      catalog: this.catalog,
      maxRowsPerRun: config.jobs.silver.maxRowsPerRun,
    });
    this.models = ModelStore.forWarehouse(
      this.catalog.io,
      this.catalog.warehouse,
    );
    this.scorer = new StreamScorer({
      catalog: this.catalog,
      store: this.models,
      maxRowsPerRun: config.jobs.scoring.maxRowsPerRun,
    });
  }

  /** Called by the silver job after a run that accepted purchases (scoring wakes on it). */
  silverCommitted(): void {
    for (const listener of this.silverCommitListeners) listener();
  }

  onSilverCommit(listener: () => void): void {
    this.silverCommitListeners.push(listener);
  }

  /** Called by the scoring job when silver has outgrown the model's training set. */
  modelOutgrown(): void {
    for (const listener of this.modelOutgrownListeners) listener();
  }

  onModelOutgrown(listener: () => void): void {
    this.modelOutgrownListeners.push(listener);
  }

  /** Called by the bronze job after each purchases commit (silver wakes on it). */
  bronzeCommitted(): void {
    for (const listener of this.bronzeCommitListeners) listener();
  }

  onBronzeCommit(listener: () => void): void {
    this.bronzeCommitListeners.push(listener);
  }

  /** Bronze's committed offsets, refreshed from its snapshots before each lag reading. */
  private bronzeOffsets = new Map<number, bigint>();
  /** One admin client for every lag reading (the Overview polls it every few seconds). */
  private readonly lagMonitor: LagMonitor;

  /**
   * Records in the purchases topic that bronze has not committed yet: the topic's high
   * watermarks against the offsets stored in bronze's snapshots (the source of truth,
   * not the consumer group's commits).
   */
  async consumerLag(): Promise<ConsumerLag> {
    const topic = this.config.pipeline.kafka.topics.purchases;
    const bronze = await loadTableIfExists(this.catalog, BRONZE_PURCHASES);
    this.bronzeOffsets = bronze
      ? tableOffsets(bronze.metadata, topic, this.config.consumerGroup).offsets
      : new Map();
    await this.lagMonitor.poll();
    // A failed poll keeps the previous watermarks; a lag figure from them would be stale.
    const lag = this.lagMonitor.lastError
      ? undefined
      : this.lagMonitor.lag(topic);
    if (!lag)
      throw new Error(this.lagMonitor.lastError ?? 'no watermarks from Kafka');
    const partitions = [...lag].map(([partition, records]) => ({
      topic,
      partition,
      lag: Number(records),
    }));
    return {
      records: partitions.reduce((sum, p) => sum + p.lag, 0),
      partitions,
    };
  }

  async close(): Promise<void> {
    await this.lagMonitor.close();
    await this.catalog.close();
  }
}
