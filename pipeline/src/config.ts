/**
 * One typed configuration for the pipeline, read from the environment (the backend
 * plugin maps app-config onto the same shape later). Locally everything defaults to
 * the embedded stack; KAFKA_BROKERS points at any external cluster instead.
 */
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { z } from 'zod';
import type { AwsSettings } from './aws/clientConfig';

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
  /** The one switch: `aws` defaults the catalog to Glue and queries to Athena. */
  MEDALLION_PLATFORM: z.enum(['local', 'aws']).default('local'),
  MEDALLION_CATALOG: z.enum(['sql', 'glue']).optional(),
  MEDALLION_GLUE_CATALOG_ID: z
    .string()
    .regex(/^\d{12}$/, 'an AWS account id: 12 digits')
    .optional(),
  MEDALLION_QUERY_ENGINE: z.enum(['duckdb', 'athena', 'trino']).optional(),
  MEDALLION_TRINO_SERVER: z
    .string()
    .regex(/^https?:\/\/[^/]+/, 'an http(s):// address of the coordinator')
    .optional(),
  MEDALLION_TRINO_CATALOG: z.string().min(1).default('iceberg'),
  MEDALLION_TRINO_USER: z.string().min(1).default('medallion'),
  /** A secret: from the environment only, never from app-config or logs. */
  MEDALLION_TRINO_PASSWORD: z.string().min(1).optional(),
  MEDALLION_ATHENA_WORKGROUP: z.string().min(1).optional(),
  MEDALLION_ATHENA_OUTPUT_LOCATION: z
    .string()
    .regex(/^s3:\/\//, 'an s3:// location')
    .optional(),
  MEDALLION_AWS_REGION: z.string().min(1).optional(),
  AWS_REGION: z.string().min(1).optional(),
  AWS_DEFAULT_REGION: z.string().min(1).optional(),
  /** An S3-compatible store or an emulator; unset on AWS. */
  MEDALLION_AWS_ENDPOINT: z.url().optional(),
  MEDALLION_S3_FORCE_PATH_STYLE: boolFlag.optional(),
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
  platform: 'local' | 'aws';
  /** `sql` (catalogUri) or `glue` (the AWS Glue Data Catalog). */
  catalog: 'sql' | 'glue';
  /** The Glue Data Catalog's account id; default the caller's account. */
  glueCatalogId?: string;
  /** Set when anything runs on AWS (an s3:// warehouse, Glue, Athena). */
  aws?: AwsSettings;
  queryEngine:
    | { type: 'duckdb' }
    | { type: 'athena'; workgroup: string; outputLocation?: string }
    | {
        type: 'trino';
        server: string;
        catalog: string;
        user: string;
        password?: string;
      };
}

export interface MedallionConfig {
  kafka: KafkaSettings;
  lakehouse: LakehouseSettings;
}

export class ConfigError extends Error {}

type Env = z.infer<typeof envSchema>;

/** The AWS side of the configuration: platform, catalog, query engine, region. */
function awsSettings(
  e: Env,
  warehouse: string,
): Pick<
  LakehouseSettings,
  'platform' | 'catalog' | 'glueCatalogId' | 'aws' | 'queryEngine'
> {
  const platform = e.MEDALLION_PLATFORM;
  const aws = platform === 'aws';
  const catalog = e.MEDALLION_CATALOG ?? (aws ? 'glue' : 'sql');
  const engine = e.MEDALLION_QUERY_ENGINE ?? (aws ? 'athena' : 'duckdb');
  const onS3 = warehouse.startsWith('s3://');
  if (aws && !onS3)
    throw new ConfigError(
      `MEDALLION_PLATFORM=aws needs an s3:// warehouse (lakehouse.warehouse), got "${warehouse}"`,
    );
  const region = e.MEDALLION_AWS_REGION ?? e.AWS_REGION ?? e.AWS_DEFAULT_REGION;
  const needsAws = aws || onS3 || catalog === 'glue' || engine === 'athena';
  if (needsAws && !region)
    throw new ConfigError(
      `an AWS region is required (${[
        aws && 'MEDALLION_PLATFORM=aws',
        onS3 && 's3:// warehouse',
        catalog === 'glue' && 'Glue catalog',
        engine === 'athena' && 'Athena',
      ]
        .filter(Boolean)
        .join(
          ', ',
        )}): set lakehouse.aws.region (MEDALLION_AWS_REGION) or AWS_REGION`,
    );
  return {
    platform,
    catalog,
    ...(e.MEDALLION_GLUE_CATALOG_ID
      ? { glueCatalogId: e.MEDALLION_GLUE_CATALOG_ID }
      : {}),
    ...(needsAws && region
      ? {
          aws: {
            region,
            ...(e.MEDALLION_AWS_ENDPOINT
              ? { endpoint: e.MEDALLION_AWS_ENDPOINT }
              : {}),
            ...(e.MEDALLION_S3_FORCE_PATH_STYLE !== undefined
              ? { forcePathStyle: e.MEDALLION_S3_FORCE_PATH_STYLE }
              : {}),
          },
        }
      : {}),
    queryEngine: queryEngineSettings(e, engine),
  };
}

function queryEngineSettings(
  e: Env,
  engine: LakehouseSettings['queryEngine']['type'],
): LakehouseSettings['queryEngine'] {
  if (engine === 'athena') {
    if (!e.MEDALLION_ATHENA_WORKGROUP)
      throw new ConfigError(
        'the Athena query engine needs a workgroup: set lakehouse.queryEngine.athena.workgroup (MEDALLION_ATHENA_WORKGROUP), e.g. the Terraform output lakehouse_query_engine_athena_workgroup',
      );
    return {
      type: 'athena',
      workgroup: e.MEDALLION_ATHENA_WORKGROUP,
      ...(e.MEDALLION_ATHENA_OUTPUT_LOCATION
        ? { outputLocation: e.MEDALLION_ATHENA_OUTPUT_LOCATION }
        : {}),
    };
  }
  if (engine === 'trino') {
    if (!e.MEDALLION_TRINO_SERVER)
      throw new ConfigError(
        'the Trino query engine needs its coordinator: set lakehouse.queryEngine.trino.server (MEDALLION_TRINO_SERVER), e.g. http://trino.internal:8080',
      );
    return {
      type: 'trino',
      server: e.MEDALLION_TRINO_SERVER,
      catalog: e.MEDALLION_TRINO_CATALOG,
      user: e.MEDALLION_TRINO_USER,
      ...(e.MEDALLION_TRINO_PASSWORD
        ? { password: e.MEDALLION_TRINO_PASSWORD }
        : {}),
    };
  }
  return { type: 'duckdb' };
}

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
      ...awsSettings(e, warehouse),
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
