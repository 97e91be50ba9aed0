/**
 * One reliability scenario: its own MEDALLION_HOME (catalog + warehouse), topic and
 * consumer group; a live stream from `medallion produce` (a child process, paced so the
 * chaos happens mid-stream); the expectation replayed from the same seed; the check.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kafka } from 'kafkajs';
import type { GeneratorOptions } from '../../events/generator';
import { rateFactorAt } from '../../events/seasonality';
import type { SqlCatalog } from '../../iceberg/catalog/sqlCatalog';
import { ensureTopics } from '../../kafka/topics';
import { highWatermarks } from './kafka';
import {
  bronzeCaughtUp,
  expectedFromGenerator,
  homeCatalog,
  invariants,
  perfect,
  readLakehouse,
  silverCaughtUp,
  type Expected,
  type LakehouseState,
} from './lakehouse';
import { startMedallion, type MedallionProcess } from './processes';

export interface ScenarioOptions {
  name: string;
  count: number;
  /** Wall time the producer should take (it paces by event time). */
  streamSec: number;
  malformedRate: number;
  seed: string;
  partitions?: number;
  /** The producer's --batch-size (records per request). */
  batchSize?: number;
  /** Extra environment for every child (e.g. a private broker's KAFKA_BROKERS). */
  env?: NodeJS.ProcessEnv;
}

const START = '2026-11-27T12:00:00.000Z';

export class Scenario {
  readonly home: string;
  readonly topic: string;
  readonly groupId: string;
  readonly catalog: SqlCatalog;
  readonly env: NodeJS.ProcessEnv;
  readonly generator: GeneratorOptions;
  private expectedCache: Expected | undefined;

  constructor(readonly kafka: Kafka, readonly options: ScenarioOptions) {
    const suffix = randomUUID().slice(0, 8);
    this.home = mkdtempSync(join(tmpdir(), `medallion-${options.name}-`));
    this.topic = `reliability-${options.name}-${suffix}`;
    this.groupId = `reliability-${options.name}-${suffix}`;
    this.env = { ...options.env, MEDALLION_HOME: this.home };
    this.catalog = homeCatalog(this.home);
    const startMs = Date.parse(START);
    this.generator = {
      seed: options.seed,
      schemaVersion: 1,
      // Whole events per second, so the CLI's number and ours are the same float.
      rate: Math.max(
        1,
        Math.round(options.count / options.streamSec / rateFactorAt(startMs)),
      ),
      startMs,
      anomalyRate: 0.01,
      malformedRate: options.malformedRate,
    };
  }

  async createTopics(): Promise<void> {
    const partitions = this.options.partitions ?? 6;
    await ensureTopics(this.kafka, [
      { topic: this.topic, numPartitions: partitions, replicationFactor: -1 },
      {
        topic: `${this.topic}.labels`,
        numPartitions: partitions,
        replicationFactor: -1,
      },
    ]);
  }

  /** The records the stream must become, replayed from the seed (about 1.5 s per 100k). */
  expected(): Expected {
    this.expectedCache ??= expectedFromGenerator(
      this.generator,
      this.options.count,
    );
    return this.expectedCache;
  }

  startProducer(): MedallionProcess {
    const g = this.generator;
    return startMedallion(
      'produce',
      [
        'produce',
        '--count',
        String(this.options.count),
        '--rate',
        String(g.rate),
        '--seed',
        String(g.seed),
        '--start',
        START,
        '--anomaly-rate',
        String(g.anomalyRate),
        '--malformed-rate',
        String(g.malformedRate),
        '--topic',
        this.topic,
        '--labels-topic',
        `${this.topic}.labels`,
        '--batch-size',
        String(this.options.batchSize ?? 2000),
      ],
      this.env,
    );
  }

  ingestArgs(commitIntervalMs = 500): string[] {
    return [
      'ingest',
      '--topic',
      this.topic,
      '--labels-topic',
      `${this.topic}.labels`,
      '--group',
      this.groupId,
      '--commit-interval',
      String(commitIntervalMs),
    ];
  }

  silverArgs(intervalMs = 250): string[] {
    return ['silver', '--follow', '--interval', String(intervalMs)];
  }

  high(): Promise<Map<number, bigint>> {
    return highWatermarks(this.kafka, this.topic);
  }

  async bronzeCaughtUp(): Promise<boolean> {
    return bronzeCaughtUp(
      this.catalog,
      this.topic,
      this.groupId,
      await this.high(),
    );
  }

  silverCaughtUp(): Promise<boolean> {
    return silverCaughtUp(this.catalog);
  }

  /** The invariants as they are, and as they must be. */
  async check(): Promise<{
    actual: ReturnType<typeof invariants>;
    wanted: ReturnType<typeof perfect>;
    state: LakehouseState;
  }> {
    const high = await this.high();
    const state = await readLakehouse(this.catalog);
    const expected = this.expected();
    return {
      actual: invariants(state, expected, high, this.topic, this.groupId),
      wanted: perfect(expected, high),
      state,
    };
  }

  async cleanup(): Promise<void> {
    await this.catalog.close();
    rmSync(this.home, { recursive: true, force: true });
  }
}
