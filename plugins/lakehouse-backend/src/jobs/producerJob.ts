/**
 * The demo event producer as a job: seeded purchase events into Kafka for a bounded time
 * or count (never unbounded: a forgotten demo must not fill a cluster).
 */
import {
  createPurchaseProducer,
  describeKafkaError,
  ensureTopics,
  pipelineTopics,
  producePurchases,
} from '@medallion/pipeline';
import { randomInt } from 'node:crypto';
import { z } from 'zod';
import type { JobDefinition } from '../runs';
import type { LakehouseRuntime } from '../runtime/lakehouseRuntime';

export function producerParamsSchema(
  defaults: LakehouseRuntime['config']['jobs']['producer'],
) {
  return z
    .object({
      rate: z.number().positive().max(200_000).default(defaults.rate),
      durationSeconds: z
        .number()
        .int()
        .min(1)
        .max(3600)
        .default(defaults.durationSeconds),
      count: z.number().int().min(1).max(100_000_000).optional(),
      seed: z.string().min(1).max(100).optional(),
      schema: z.enum(['v1', 'v2']).default(defaults.schema),
      anomalyRate: z.number().min(0).max(1).default(defaults.anomalyRate),
      malformedRate: z.number().min(0).max(1).default(defaults.malformedRate),
      maxSpeed: z.boolean().default(false),
    })
    .strict();
}

export type ProducerParams = z.infer<ReturnType<typeof producerParamsSchema>>;

export function producerJob(
  runtime: LakehouseRuntime,
): JobDefinition<ProducerParams> {
  const cfg = runtime.config.jobs.producer;
  const kafkaSettings = runtime.config.pipeline.kafka;
  return {
    name: 'producer',
    title: 'Event producer (demo)',
    description:
      'Produces seeded, realistic purchase events (with labelled anomalies) into Kafka for a bounded time or count.',
    kind: 'on-demand',
    enabled: cfg.enabled,
    disabledReason: cfg.enabled
      ? undefined
      : 'the demo producer is off (lakehouse.jobs.producer.enabled: true turns it on)',
    paramsSchema: producerParamsSchema(cfg),
    parameters: [
      {
        name: 'rate',
        type: 'number',
        description: 'Mean events per second',
        default: cfg.rate,
      },
      {
        name: 'durationSeconds',
        type: 'integer',
        description: 'Stop after this many seconds (1..3600)',
        default: cfg.durationSeconds,
      },
      {
        name: 'count',
        type: 'integer',
        description: 'Stop after this many events instead',
        default: null,
      },
      {
        name: 'seed',
        type: 'string',
        description: 'Seed: the same seed gives the same events',
        default: null,
      },
      {
        name: 'schema',
        type: 'string',
        description: 'Event contract version',
        default: cfg.schema,
        enum: ['v1', 'v2'],
      },
      {
        name: 'anomalyRate',
        type: 'number',
        description: 'Share of injected anomalies (0..1)',
        default: cfg.anomalyRate,
      },
      {
        name: 'malformedRate',
        type: 'number',
        description: 'Share of malformed records (0..1)',
        default: cfg.malformedRate,
      },
      {
        name: 'maxSpeed',
        type: 'boolean',
        description: 'Ignore event-time pacing',
        default: false,
      },
    ],
    async run({ params, signal, progress }) {
      const seed = params.seed ?? String(randomInt(1, 2 ** 31));
      const { topics } = kafkaSettings;
      const producer = createPurchaseProducer(runtime.kafka);
      try {
        await ensureTopics(runtime.kafka, pipelineTopics(kafkaSettings));
        await producer.connect();
      } catch (error) {
        throw new Error(describeKafkaError(error, kafkaSettings));
      }
      try {
        const durationMs = params.durationSeconds * 1000;
        const { stats, reason } = await producePurchases(
          producer,
          {
            seed,
            startMs: Date.now(),
            schemaVersion: params.schema === 'v2' ? 2 : 1,
            rate: params.rate,
            anomalyRate: params.anomalyRate,
            malformedRate: params.malformedRate,
            topic: topics.purchases,
            labelsTopic: topics.labels,
            durationSec: params.durationSeconds,
            count: params.count,
            maxSpeed: params.maxSpeed,
          },
          {
            signal,
            progressIntervalMs: 1000,
            onProgress: s =>
              progress({
                message: `sent ${s.sent} events (seed ${seed})`,
                fraction: params.count
                  ? Math.min(1, s.sent / params.count)
                  : Math.min(1, s.elapsedMs / durationMs),
                counters: { sent: s.sent, labels: s.labels, errors: s.errors },
              }),
          },
        );
        const malformed = Object.values(stats.malformed).reduce(
          (sum: number, n) => sum + (n ?? 0),
          0,
        );
        return {
          rows: { sent: stats.sent, labels: stats.labels, malformed },
          snapshots: [],
          summary: `seed ${seed}; stopped by ${reason} after ${(
            stats.elapsedMs / 1000
          ).toFixed(1)} s`,
        };
      } finally {
        await producer.disconnect().catch(() => undefined);
      }
    },
  };
}
