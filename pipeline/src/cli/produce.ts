/** `medallion produce`: the seeded purchase stream into Kafka, with a live progress line. */
import { parseArgs } from 'node:util';
import { randomInt } from 'node:crypto';
import { z } from 'zod';
import { loadConfig } from '../config';
import { rateFactorAt } from '../events/seasonality';
import { createKafka, describeKafkaError } from '../kafka/client';
import {
  createPurchaseProducer,
  producePurchases,
  type ProduceOptions,
  type ProduceStats,
} from '../kafka/purchaseProducer';
import { ensureTopics, pipelineTopics } from '../kafka/topics';
import {
  createProgressLine,
  formatBytesPerSec,
  formatDuration,
  formatInt,
} from './progress';
import { UsageError } from './usage';

export const PRODUCE_HELP = `Usage: medallion produce [options]

Streams seeded, realistic purchase events into Kafka (keyed by customer_id), with
injected anomalies whose ground truth goes to a separate labels topic.

Options:
  --rate <ev/s>            mean events per second of event time (default 100; follows a daily curve)
  --duration <s>           stop after this many seconds
  --count <n>              stop after this many events
                           (neither: stops after ${900} s, the default cap)
  --max-duration <s>       hard cap on any run, cost control (default 3600)
  --seed <value>           reproducible stream (default: random, printed so it can be replayed)
  --schema v1|v2           event contract version (default v1)
  --anomaly-rate <0..1>    share of events that are injected anomalies (default 0.01)
  --malformed-rate <0..1>  share of records that are deliberately malformed (default 0)
  --topic <name>           events topic (default $KAFKA_TOPIC or purchases)
  --labels-topic <name>    ground-truth topic (default $KAFKA_LABELS_TOPIC or purchases.labels)
  --start <iso-time>       event time of the first event (default: now)
  --max-speed              ignore event-time pacing and send as fast as the broker accepts
  --batch-size <n>         events per request (default 2000)
  --compression none|gzip  (default none)
  -h, --help

Environment: KAFKA_BROKERS (external cluster, host:port,...), KAFKA_PORT (local broker, default
9092), KAFKA_TOPIC_PARTITIONS (default 6), KAFKA_SSL, KAFKA_SASL_MECHANISM/USERNAME/PASSWORD.`;

const DEFAULT_DURATION_SEC = 900;
const STOP_REASONS = {
  signal: 'stopped by signal',
  count: 'count reached',
  duration: 'duration reached',
} as const;

/** Numbers from the command line, with a message that says what was expected. */
const num = () =>
  z.coerce.number({
    error: issue => {
      if (issue.code !== 'invalid_type') return undefined;
      return issue.expected === 'int'
        ? 'expected a whole number'
        : 'expected a number';
    },
  });
const fraction = num()
  .min(0, 'expected a share between 0 and 1')
  .max(1, 'expected a share between 0 and 1');
const optionsSchema = z
  .object({
    rate: num().positive().max(10_000_000).default(100),
    duration: num().positive().optional(),
    count: num().int().positive().optional(),
    'max-duration': num().positive().default(3600),
    seed: z.string().min(1).optional(),
    schema: z.enum(['v1', 'v2']).default('v1'),
    'anomaly-rate': fraction.default(0.01),
    'malformed-rate': fraction.default(0),
    topic: z.string().min(1).optional(),
    'labels-topic': z.string().min(1).optional(),
    start: z.iso.datetime({ offset: true }).optional(),
    'max-speed': z.boolean().default(false),
    'batch-size': num().int().min(1).max(100_000).default(2000),
    compression: z.enum(['none', 'gzip']).default('none'),
  })
  .refine(o => !(o.duration !== undefined && o.count !== undefined), {
    message: 'use either --duration or --count, not both',
  })
  .refine(o => o.duration === undefined || o.duration <= o['max-duration'], {
    message:
      '--duration is above --max-duration (the cost-control cap); raise --max-duration to allow it',
  });

export type ProduceArgs = z.infer<typeof optionsSchema>;

/** The producer's options from parsed CLI arguments (shared by produce and run). */
export function toProduceOptions(
  opts: ProduceArgs,
  run: {
    seed: string;
    startMs: number;
    topic: string;
    labelsTopic: string;
    durationSec: number;
  },
): ProduceOptions {
  return {
    ...run,
    schemaVersion: opts.schema === 'v2' ? 2 : 1,
    rate: opts.rate,
    anomalyRate: opts['anomaly-rate'],
    malformedRate: opts['malformed-rate'],
    count: opts.count,
    maxSpeed: opts['max-speed'],
    batchSize: opts['batch-size'],
    compression: opts.compression,
  };
}

/** Duration a run may take: the count's cap, the duration asked for, or the default cap. */
export function runDurationSec(opts: ProduceArgs): number {
  if (opts.count !== undefined) return opts['max-duration'];
  return opts.duration ?? Math.min(DEFAULT_DURATION_SEC, opts['max-duration']);
}

export function parseProduceArgs(argv: string[]) {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      rate: { type: 'string' },
      duration: { type: 'string' },
      count: { type: 'string' },
      'max-duration': { type: 'string' },
      seed: { type: 'string' },
      schema: { type: 'string' },
      'anomaly-rate': { type: 'string' },
      'malformed-rate': { type: 'string' },
      topic: { type: 'string' },
      'labels-topic': { type: 'string' },
      start: { type: 'string' },
      'max-speed': { type: 'boolean' },
      'batch-size': { type: 'string' },
      compression: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return 'help' as const;
  const parsed = optionsSchema.safeParse(values);
  if (!parsed.success) {
    throw new UsageError(
      parsed.error.issues
        .map(i =>
          i.path.length ? `--${i.path.join('.')}: ${i.message}` : i.message,
        )
        .join('\n'),
      PRODUCE_HELP,
    );
  }
  return parsed.data;
}

function describeStats(s: Readonly<ProduceStats>, current?: number): string {
  const malformed = Object.values(s.malformed).reduce(
    (a, b) => a + (b ?? 0),
    0,
  );
  const average = s.sent / Math.max(s.elapsedMs / 1000, 1e-3);
  return [
    `${formatInt(s.sent)} sent`,
    current === undefined
      ? `${formatInt(average)} ev/s`
      : `${formatInt(current)} ev/s (avg ${formatInt(average)})`,
    formatBytesPerSec(s.bytes, s.elapsedMs),
    `${formatInt(s.labels)} anomalies`,
    `${formatInt(malformed)} malformed`,
    `${formatInt(s.errors)} errors`,
    formatDuration(s.elapsedMs),
  ].join(' · ');
}

/** Progress text with the rate over the last interval, not only the run's average. */
function progressReporter(update: (text: string) => void) {
  let previous = { sent: 0, at: Date.now() };
  return (s: Readonly<ProduceStats>) => {
    const now = Date.now();
    const current =
      ((s.sent - previous.sent) * 1000) / Math.max(now - previous.at, 1);
    previous = { sent: s.sent, at: now };
    update(`producing: ${describeStats(s, current)}`);
  };
}

export async function runProduce(argv: string[]): Promise<number> {
  const opts = parseProduceArgs(argv);
  if (opts === 'help') {
    process.stdout.write(`${PRODUCE_HELP}\n`);
    return 0;
  }
  const config = loadConfig();
  const settings = config.kafka;
  const topic = opts.topic ?? settings.topics.purchases;
  const labelsTopic = opts['labels-topic'] ?? settings.topics.labels;
  const seed = opts.seed ?? String(randomInt(1, 2 ** 31));
  const bounded = opts.duration === undefined && opts.count === undefined;
  const durationSec = runDurationSec(opts);
  const log = (line: string) => process.stderr.write(`${line}\n`);

  const kafka = createKafka(settings);
  log(
    `medallion produce: brokers ${settings.brokers.join(
      ',',
    )} · topic ${topic} (+ labels ${labelsTopic})`,
  );
  try {
    const partitions = await ensureTopics(
      kafka,
      pipelineTopics({
        ...settings,
        topics: { ...settings.topics, purchases: topic, labels: labelsTopic },
      }),
    );
    log(
      `topics ready: ${[...partitions]
        .map(([t, p]) => `${t} (${p} partitions)`)
        .join(', ')}`,
    );
  } catch (error) {
    log(`error: ${describeKafkaError(error, settings)}`);
    return 2;
  }

  const producer = createPurchaseProducer(kafka);
  try {
    await producer.connect();
  } catch (error) {
    log(`error: ${describeKafkaError(error, settings)}`);
    return 2;
  }

  const limit =
    opts.count !== undefined
      ? `${formatInt(opts.count)} events (cap ${durationSec} s)`
      : `${durationSec} s${
          bounded ? ' (default cap; pass --duration or --count to change)' : ''
        }`;
  const startMs = opts.start ? Date.parse(opts.start) : Date.now();
  const pace = opts['max-speed']
    ? 'max speed'
    : `${formatInt(opts.rate)} ev/s mean (now ${formatInt(
        opts.rate * rateFactorAt(startMs),
      )} ev/s on the daily curve)`;
  log(
    `producing schema ${opts.schema} at ${pace} · seed ${seed} · ` +
      `anomalies ${opts['anomaly-rate']} · malformed ${opts['malformed-rate']} · stops after ${limit} · Ctrl-C stops cleanly`,
  );

  const controller = new AbortController();
  const onSignal = (signal: NodeJS.Signals) => {
    if (controller.signal.aborted) return;
    log(`\n${signal} received: finishing the batch in flight, then stopping`);
    controller.abort();
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  const progress = createProgressLine();
  try {
    const { stats, reason } = await producePurchases(
      producer,
      toProduceOptions(opts, {
        seed,
        startMs,
        topic,
        labelsTopic,
        durationSec,
      }),
      {
        signal: controller.signal,
        onProgress: progressReporter(text => progress.update(text)),
      },
    );
    progress.done(`done (${STOP_REASONS[reason]}): ${describeStats(stats)}`);
    const kinds = Object.entries(stats.malformed)
      .map(([k, v]) => `${k}=${v}`)
      .join(' ');
    if (kinds) log(`malformed by kind: ${kinds}`);
    log(
      `replay this stream with: --seed ${seed} --start ${new Date(
        startMs,
      ).toISOString()} ` +
        `--rate ${opts.rate} --schema ${opts.schema} --anomaly-rate ${opts['anomaly-rate']} ` +
        `--malformed-rate ${opts['malformed-rate']}`,
    );
    return 0;
  } catch (error) {
    progress.done();
    log(`error: ${describeKafkaError(error, settings)}`);
    return 1;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await producer.disconnect().catch(() => undefined);
  }
}
