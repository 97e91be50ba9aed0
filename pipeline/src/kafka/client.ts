/** Builds kafkajs clients from our settings, with quiet logs and readable failures. */
import {
  Kafka,
  logLevel as KafkaLogLevel,
  type KafkaConfig,
  type SASLOptions,
} from 'kafkajs';
import type { KafkaSettings } from '../config';

const LOG_LEVELS: Record<KafkaSettings['logLevel'], KafkaLogLevel> = {
  nothing: KafkaLogLevel.NOTHING,
  error: KafkaLogLevel.ERROR,
  warn: KafkaLogLevel.WARN,
  info: KafkaLogLevel.INFO,
  debug: KafkaLogLevel.DEBUG,
};

export function createKafka(
  settings: KafkaSettings,
  overrides: Partial<KafkaConfig> = {},
): Kafka {
  return new Kafka({
    clientId: settings.clientId,
    brokers: settings.brokers,
    ssl: settings.ssl,
    sasl: settings.sasl as SASLOptions | undefined,
    // kafkajs logs every reconnect attempt by default; we report failures ourselves.
    logLevel: LOG_LEVELS[settings.logLevel],
    logCreator:
      () =>
      ({ namespace, level, log }) => {
        const { message, ...rest } = log;
        process.stderr.write(
          `[kafkajs ${
            KafkaLogLevel[level]
          }] ${namespace}: ${message} ${JSON.stringify(rest)}\n`,
        );
      },
    connectionTimeout: 3000,
    retry: { initialRetryTime: 200, retries: 5 },
    ...overrides,
  });
}

/** Walks kafkajs' wrapped errors down to the root cause. */
function rootCause(error: unknown): Error & { code?: string } {
  let current = error as Error & {
    cause?: unknown;
    originalError?: unknown;
    code?: string;
  };
  for (let depth = 0; depth < 10; depth++) {
    const next = current?.originalError ?? current?.cause;
    if (!next || typeof next !== 'object') break;
    current = next as typeof current;
  }
  return current;
}

/** A message that says what failed and what to check, for any Kafka connection problem. */
export function describeKafkaError(
  error: unknown,
  settings: KafkaSettings,
): string {
  const root = rootCause(error);
  const top = error instanceof Error ? error.message : String(error);
  const detail =
    root && root.message && root.message !== top
      ? `${top} (${root.message})`
      : top;
  const where = settings.brokers.join(', ');
  const unreachable =
    /ECONNREFUSED|ETIMEDOUT|ENOTFOUND|EHOSTUNREACH|Connection timeout|connect|retries/i.test(
      detail,
    );
  if (!unreachable) return `Kafka request failed: ${detail}`;
  const hints = settings.external
    ? [
        `check that KAFKA_BROKERS (${where}) lists reachable brokers and that this machine may connect`,
        'check KAFKA_SSL / KAFKA_SASL_* if the cluster requires TLS or authentication',
      ]
    : [
        'start the local broker: bash scripts/kafka.sh start   (or run: npm start)',
        'check it: bash scripts/kafka.sh status   (its log: .medallion/kafka/broker.log)',
        'or point at another cluster: KAFKA_BROKERS=host:port',
      ];
  return [
    `cannot reach Kafka at ${where}: ${detail}`,
    ...hints.map(h => `  - ${h}`),
  ].join('\n');
}
