/**
 * One typed configuration for the pipeline, read from the environment (the backend
 * plugin maps app-config onto the same shape later). Locally everything defaults to
 * the embedded stack; KAFKA_BROKERS points at any external cluster instead.
 */
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { z } from 'zod';

/** A warehouse given as a URI (file:, s3:) stays; a plain path becomes file:///abs. */
function toLocation(value: string): string {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(value)
    ? value.replace(/\/+$/, '')
    : pathToFileURL(resolve(value)).href;
}

const boolFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform(v => v === 'true' || v === '1' || v === 'yes');

const envSchema = z.object({
  KAFKA_BROKERS: z.string().trim().min(1).optional(),
  KAFKA_PORT: z.coerce.number().int().min(1).max(65535).default(9092),
  KAFKA_CLIENT_ID: z.string().min(1).default('medallion'),
  KAFKA_SSL: boolFlag.default(false),
  KAFKA_SASL_MECHANISM: z
    .enum(['plain', 'scram-sha-256', 'scram-sha-512'])
    .optional(),
  KAFKA_SASL_USERNAME: z.string().optional(),
  KAFKA_SASL_PASSWORD: z.string().optional(),
  KAFKA_TOPIC: z.string().min(1).default('purchases'),
  KAFKA_LABELS_TOPIC: z.string().min(1).default('purchases.labels'),
  KAFKA_TOPIC_PARTITIONS: z.coerce.number().int().min(1).max(10_000).default(6),
  /** -1 lets the cluster apply its own default.replication.factor. */
  KAFKA_REPLICATION_FACTOR: z.coerce.number().int().min(-1).max(16).default(-1),
  MEDALLION_KAFKA_LOG: z
    .enum(['nothing', 'error', 'warn', 'info', 'debug'])
    .default('nothing'),
  MEDALLION_HOME: z.string().min(1).optional(),
  MEDALLION_WAREHOUSE: z.string().min(1).optional(),
  MEDALLION_CATALOG_URI: z.string().min(1).optional(),
  MEDALLION_CATALOG_NAME: z.string().min(1).default('medallion'),
});

export interface KafkaSettings {
  brokers: string[];
  /** True when KAFKA_BROKERS was set, i.e. not the embedded local broker. */
  external: boolean;
  clientId: string;
  ssl: boolean;
  sasl?: {
    mechanism: 'plain' | 'scram-sha-256' | 'scram-sha-512';
    username: string;
    password: string;
  };
  topics: {
    purchases: string;
    labels: string;
    partitions: number;
    replicationFactor: number;
  };
  logLevel: 'nothing' | 'error' | 'warn' | 'info' | 'debug';
}

export interface LakehouseSettings {
  /** Local state root (default ./.medallion). */
  home: string;
  /** Warehouse location for new tables: file:///… locally (s3://… on AWS). */
  warehouse: string;
  /** `sqlite:/abs/catalog.db` (default) or `postgresql://user:pass@host:port/db`. */
  catalogUri: string;
  catalogName: string;
}

export interface MedallionConfig {
  kafka: KafkaSettings;
  lakehouse: LakehouseSettings;
}

export class ConfigError extends Error {}

export function loadConfig(
  env: NodeJS.ProcessEnv = process.env,
): MedallionConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map(
      i => `  ${i.path.join('.')}: ${i.message}`,
    );
    throw new ConfigError(
      `invalid configuration in the environment:\n${lines.join('\n')}`,
    );
  }
  const e = parsed.data;
  const brokers = e.KAFKA_BROKERS
    ? e.KAFKA_BROKERS.split(',')
        .map(b => b.trim())
        .filter(Boolean)
    : [`127.0.0.1:${e.KAFKA_PORT}`];
  for (const broker of brokers) {
    if (!/^[^\s:]+:\d{1,5}$/.test(broker)) {
      throw new ConfigError(
        `KAFKA_BROKERS: "${broker}" is not host:port (example: KAFKA_BROKERS=kafka-1:9092,kafka-2:9092)`,
      );
    }
  }
  let sasl: KafkaSettings['sasl'];
  if (e.KAFKA_SASL_MECHANISM) {
    if (!e.KAFKA_SASL_USERNAME || !e.KAFKA_SASL_PASSWORD) {
      throw new ConfigError(
        'KAFKA_SASL_MECHANISM is set: KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD are required too',
      );
    }
    sasl = {
      mechanism: e.KAFKA_SASL_MECHANISM,
      username: e.KAFKA_SASL_USERNAME,
      password: e.KAFKA_SASL_PASSWORD,
    };
  }
  const home = resolve(e.MEDALLION_HOME ?? '.medallion');
  const warehouse = e.MEDALLION_WAREHOUSE
    ? toLocation(e.MEDALLION_WAREHOUSE)
    : pathToFileURL(join(home, 'warehouse')).href;
  const catalogUri =
    e.MEDALLION_CATALOG_URI ?? `sqlite:${join(home, 'catalog.db')}`;
  if (!/^(sqlite:|postgres(ql)?:\/\/)/.test(catalogUri)) {
    throw new ConfigError(
      `MEDALLION_CATALOG_URI must start with sqlite: or postgresql:// (got "${catalogUri}")`,
    );
  }
  return {
    lakehouse: {
      home,
      warehouse,
      catalogUri,
      catalogName: e.MEDALLION_CATALOG_NAME,
    },
    kafka: {
      brokers,
      external: Boolean(e.KAFKA_BROKERS),
      clientId: e.KAFKA_CLIENT_ID,
      ssl: e.KAFKA_SSL,
      sasl,
      topics: {
        purchases: e.KAFKA_TOPIC,
        labels: e.KAFKA_LABELS_TOPIC,
        partitions: e.KAFKA_TOPIC_PARTITIONS,
        replicationFactor: e.KAFKA_REPLICATION_FACTOR,
      },
      logLevel: e.MEDALLION_KAFKA_LOG,
    },
  };
}
