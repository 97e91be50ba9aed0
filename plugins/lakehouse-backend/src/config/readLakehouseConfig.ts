/**
 * Reads `lakehouse.*` from app-config into one typed object. The pipeline settings go
 * through the pipeline's own loader: app-config values are mapped onto its environment
 * names, so where app-config is silent the same defaults and variables as the CLI apply
 * (KAFKA_BROKERS, MEDALLION_HOME, …) and both validate the same way.
 */
import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  type SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import {
  ConfigReader,
  readDurationFromConfig,
  type Config,
} from '@backstage/config';
import {
  durationToMilliseconds,
  type HumanDuration,
  type JsonObject,
} from '@backstage/types';
import {
  DEFAULT_TRAINING_PARAMS,
  loadConfig,
  type MedallionConfig,
  type TrainingParams,
} from '@medallion/pipeline';
import { join } from 'node:path';
import type { FreshnessSlas, Sla } from '../lakehouse';

export interface ScheduledJobConfig {
  enabled: boolean;
  schedule: SchedulerServiceTaskScheduleDefinition;
}

export interface ProducerDefaults {
  rate: number;
  durationSeconds: number;
  schema: 'v1' | 'v2';
  anomalyRate: number;
  malformedRate: number;
}

export interface LakehouseBackendConfig {
  pipeline: MedallionConfig;
  consumerGroup: string;
  queryEngine: MedallionConfig['lakehouse']['queryEngine']['type'];
  jobs: {
    producer: { enabled: boolean; startOnBoot: boolean } & ProducerDefaults;
    bronze: { enabled: boolean };
    silver: ScheduledJobConfig & { maxRowsPerRun: number };
    maintenance: ScheduledJobConfig;
    gold: ScheduledJobConfig & { disabledReason: string | null };
    scoring: ScheduledJobConfig & { maxRowsPerRun: number };
    training: ScheduledJobConfig & {
      windowDays: number;
      maxRows: number;
      minRows: number;
      params: TrainingParams;
    };
  };
  runRetentionMs: number;
  freshness: FreshnessSlas;
  openLineage: {
    url: string | null;
    apiKey: string | null;
    namespace: string;
    logFile: string | null;
  };
  dbt: {
    projectDir: string;
    /** The dbt environment's python, or null when none is configured. */
    python: string | null;
  };
}

/** Defaults chosen for a streaming pipeline whose silver job runs every 10 s. */
const DEFAULT_SLAS: Record<'default' | 'bronze' | 'silver' | 'gold', Sla> = {
  default: { warnAfterSeconds: 3600, errorAfterSeconds: 6 * 3600 },
  bronze: { warnAfterSeconds: 120, errorAfterSeconds: 600 },
  silver: { warnAfterSeconds: 300, errorAfterSeconds: 1800 },
  gold: { warnAfterSeconds: 3600, errorAfterSeconds: 6 * 3600 },
};

const seconds = (d: HumanDuration) => durationToMilliseconds(d) / 1000;

function readSla(config: Config | undefined, fallback: Sla, at: string): Sla {
  if (!config) return fallback;
  const sla = {
    warnAfterSeconds: seconds(
      readDurationFromConfig(config, { key: 'warnAfter' }),
    ),
    errorAfterSeconds: seconds(
      readDurationFromConfig(config, { key: 'errorAfter' }),
    ),
  };
  if (
    !(sla.warnAfterSeconds > 0) ||
    sla.errorAfterSeconds < sla.warnAfterSeconds
  )
    throw new Error(
      `${at}: warnAfter must be positive and errorAfter at least warnAfter (got ${sla.warnAfterSeconds}s / ${sla.errorAfterSeconds}s)`,
    );
  return sla;
}

/** A configured schedule over the job's defaults (a partial one, e.g. only frequency, is fine). */
function readSchedule(
  config: Config | undefined,
  defaults: JsonObject,
): SchedulerServiceTaskScheduleDefinition {
  const given = config?.getOptionalConfig('schedule')?.get<JsonObject>() ?? {};
  return readSchedulerServiceTaskScheduleDefinitionFromConfig(
    new ConfigReader({ ...defaults, ...given }),
  );
}

/** The pipeline's environment variables that app-config's `lakehouse.*` strings set. */
const LAKEHOUSE_STRINGS: ReadonlyArray<[env: string, key: string]> = [
  ['MEDALLION_HOME', 'home'],
  ['MEDALLION_WAREHOUSE', 'warehouse'],
  ['MEDALLION_CATALOG_URI', 'catalog.uri'],
  ['MEDALLION_CATALOG_NAME', 'catalog.name'],
  ['MEDALLION_PLATFORM', 'platform'],
  ['MEDALLION_CATALOG', 'catalog.type'],
  ['MEDALLION_GLUE_CATALOG_ID', 'catalog.glue.catalogId'],
  ['MEDALLION_AWS_REGION', 'aws.region'],
  ['MEDALLION_AWS_ENDPOINT', 'aws.endpoint'],
  ['MEDALLION_QUERY_ENGINE', 'queryEngine.type'],
  ['MEDALLION_ATHENA_WORKGROUP', 'queryEngine.athena.workgroup'],
  ['MEDALLION_ATHENA_OUTPUT_LOCATION', 'queryEngine.athena.outputLocation'],
  ['MEDALLION_TRINO_SERVER', 'queryEngine.trino.server'],
  ['MEDALLION_TRINO_CATALOG', 'queryEngine.trino.catalog'],
  ['MEDALLION_TRINO_USER', 'queryEngine.trino.user'],
];

/** Maps app-config onto the pipeline's environment names; unset keys keep `env`'s. */
function pipelineEnv(
  lakehouse: Config | undefined,
  env: NodeJS.ProcessEnv,
): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = { ...env };
  const set = (name: string, value: string | number | boolean | undefined) => {
    if (value !== undefined) out[name] = String(value);
  };
  const kafka = lakehouse?.getOptionalConfig('kafka');
  set('KAFKA_BROKERS', kafka?.getOptionalStringArray('brokers')?.join(','));
  set('KAFKA_CLIENT_ID', kafka?.getOptionalString('clientId'));
  set('KAFKA_TOPIC', kafka?.getOptionalString('topic'));
  set('KAFKA_LABELS_TOPIC', kafka?.getOptionalString('labelsTopic'));
  set('KAFKA_TOPIC_PARTITIONS', kafka?.getOptionalNumber('partitions'));
  set(
    'KAFKA_REPLICATION_FACTOR',
    kafka?.getOptionalNumber('replicationFactor'),
  );
  set('KAFKA_SSL', kafka?.getOptionalBoolean('ssl'));
  const sasl = kafka?.getOptionalConfig('sasl');
  if (sasl) {
    set('KAFKA_SASL_MECHANISM', sasl.getString('mechanism'));
    set('KAFKA_SASL_USERNAME', sasl.getString('username'));
    set('KAFKA_SASL_PASSWORD', sasl.getString('password'));
  }
  for (const [name, key] of LAKEHOUSE_STRINGS)
    set(name, lakehouse?.getOptionalString(key));
  set(
    'MEDALLION_S3_FORCE_PATH_STYLE',
    lakehouse?.getOptionalBoolean('aws.forcePathStyle'),
  );
  return out;
}

function readTrainingParams(training: Config | undefined): TrainingParams {
  const d = DEFAULT_TRAINING_PARAMS;
  const contamination = training?.getOptional('contamination');
  if (
    contamination !== undefined &&
    contamination !== 'auto' &&
    !(
      typeof contamination === 'number' &&
      contamination > 0 &&
      contamination <= 0.5
    )
  )
    throw new Error(
      `lakehouse.jobs.training.contamination must be 'auto' or a number in (0, 0.5] (got ${JSON.stringify(
        contamination,
      )})`,
    );
  return {
    nEstimators: training?.getOptionalNumber('nEstimators') ?? d.nEstimators,
    maxSamples: training?.getOptionalNumber('maxSamples') ?? d.maxSamples,
    maxFeatures: training?.getOptionalNumber('maxFeatures') ?? d.maxFeatures,
    contamination: contamination ?? d.contamination,
    seed: training?.getOptionalNumber('seed') ?? d.seed,
  };
}

export function readLakehouseConfig(
  root: Config,
  env: NodeJS.ProcessEnv = process.env,
): LakehouseBackendConfig {
  const c = root.getOptionalConfig('lakehouse');
  const pipeline = loadConfig(pipelineEnv(c, env));
  const jobs = c?.getOptionalConfig('jobs');
  const producer = jobs?.getOptionalConfig('producer');
  const silver = jobs?.getOptionalConfig('silver');
  const maintenance = jobs?.getOptionalConfig('maintenance');
  const gold = jobs?.getOptionalConfig('gold');
  const scoring = jobs?.getOptionalConfig('scoring');
  const training = jobs?.getOptionalConfig('training');
  const dbtPython =
    c?.getOptionalString('dbt.python') ?? env.MEDALLION_DBT_PYTHON ?? null;
  const goldWanted = gold?.getOptionalBoolean('enabled') ?? true;
  let goldDisabledReason: string | null = null;
  if (!goldWanted)
    goldDisabledReason = 'gold builds are off (lakehouse.jobs.gold.enabled)';
  else if (!dbtPython)
    goldDisabledReason =
      'no dbt environment: run `bash scripts/python-env.sh dbt dbt/requirements.txt` and set lakehouse.dbt.python (or MEDALLION_DBT_PYTHON) to the python it prints';
  else if (
    pipeline.lakehouse.catalog === 'glue' &&
    pipeline.lakehouse.queryEngine.type === 'duckdb'
  )
    // The local target reads silver through the SQL catalog; on Glue an engine builds gold.
    goldDisabledReason =
      'gold on the Glue catalog builds on Athena (dbt-athena) or Trino (dbt-trino): set lakehouse.queryEngine.type to athena or trino';
  const freshness = c?.getOptionalConfig('freshness');
  const layers = freshness?.getOptionalConfig('layers');
  const defaultSla = readSla(
    freshness?.getOptionalConfig('default'),
    DEFAULT_SLAS.default,
    'lakehouse.freshness.default',
  );
  const byLayer: FreshnessSlas['byLayer'] = {};
  for (const layer of ['bronze', 'silver', 'gold'] as const) {
    byLayer[layer] = readSla(
      layers?.getOptionalConfig(layer),
      DEFAULT_SLAS[layer],
      `lakehouse.freshness.layers.${layer}`,
    );
  }
  const byTable: Record<string, Sla> = {};
  // A list, not a map: table names contain dots, which config keys cannot.
  for (const [i, entry] of (
    freshness?.getOptionalConfigArray('tables') ?? []
  ).entries()) {
    byTable[entry.getString('table')] = readSla(
      entry,
      defaultSla,
      `lakehouse.freshness.tables[${i}]`,
    );
  }
  const retention = c?.has('runs.retention')
    ? readDurationFromConfig(c, { key: 'runs.retention' })
    : { days: 30 };
  const ol = c?.getOptionalConfig('openLineage');
  const logFile = ol?.getOptional('logFile');
  const producerSchema = producer?.getOptionalString('schema') ?? 'v1';
  if (producerSchema !== 'v1' && producerSchema !== 'v2')
    throw new Error(
      `lakehouse.jobs.producer.schema must be v1 or v2 (got "${producerSchema}")`,
    );
  return {
    pipeline,
    consumerGroup:
      c?.getOptionalString('kafka.consumerGroup') ?? 'medallion-bronze',
    queryEngine: pipeline.lakehouse.queryEngine.type,
    jobs: {
      producer: {
        enabled: producer?.getOptionalBoolean('enabled') ?? false,
        startOnBoot: producer?.getOptionalBoolean('startOnBoot') ?? false,
        rate: producer?.getOptionalNumber('rate') ?? 100,
        durationSeconds: producer?.getOptionalNumber('durationSeconds') ?? 900,
        schema: producerSchema,
        anomalyRate: producer?.getOptionalNumber('anomalyRate') ?? 0.01,
        malformedRate: producer?.getOptionalNumber('malformedRate') ?? 0,
      },
      bronze: {
        enabled: jobs?.getOptionalBoolean('bronze.enabled') ?? true,
      },
      silver: {
        enabled: silver?.getOptionalBoolean('enabled') ?? true,
        schedule: readSchedule(silver, {
          frequency: { seconds: 10 },
          timeout: { minutes: 30 },
          scope: 'global',
        }),
        maxRowsPerRun: silver?.getOptionalNumber('maxRowsPerRun') ?? 50_000,
      },
      maintenance: {
        enabled: maintenance?.getOptionalBoolean('enabled') ?? true,
        schedule: readSchedule(maintenance, {
          frequency: { minutes: 5 },
          timeout: { minutes: 30 },
          initialDelay: { minutes: 1 },
          scope: 'global',
        }),
      },
      gold: {
        enabled: goldDisabledReason === null,
        disabledReason: goldDisabledReason,
        schedule: readSchedule(gold, {
          frequency: { minutes: 10 },
          timeout: { minutes: 30 },
          initialDelay: { minutes: 1 },
          scope: 'global',
        }),
      },
      scoring: {
        enabled: scoring?.getOptionalBoolean('enabled') ?? true,
        schedule: readSchedule(scoring, {
          frequency: { seconds: 10 },
          timeout: { minutes: 30 },
          scope: 'global',
        }),
        maxRowsPerRun: scoring?.getOptionalNumber('maxRowsPerRun') ?? 50_000,
      },
      training: {
        enabled: training?.getOptionalBoolean('enabled') ?? true,
        // A cron schedule, not an initial delay: the scheduler only accepts wakes
        // (retraining a young stream's model) for tasks it has persisted, and it
        // persists a delayed task only once the delay is over.
        schedule: readSchedule(training, {
          frequency: { cron: '0 3 * * *' },
          timeout: { minutes: 30 },
          scope: 'global',
        }),
        windowDays: training?.getOptionalNumber('windowDays') ?? 7,
        maxRows: training?.getOptionalNumber('maxRows') ?? 200_000,
        minRows: training?.getOptionalNumber('minRows') ?? 1_000,
        params: readTrainingParams(training),
      },
    },
    runRetentionMs: durationToMilliseconds(retention),
    freshness: { default: defaultSla, byLayer, byTable },
    openLineage: {
      url: ol?.getOptionalString('url')?.replace(/\/+$/, '') ?? null,
      apiKey: ol?.getOptionalString('apiKey') ?? null,
      namespace: ol?.getOptionalString('namespace') ?? 'medallion',
      logFile:
        logFile === false
          ? null
          : ol?.getOptionalString('logFile') ??
            join(pipeline.lakehouse.home, 'openlineage', 'events.jsonl'),
    },
    dbt: {
      projectDir: c?.getOptionalString('dbt.projectDir') ?? 'dbt',
      python: dbtPython,
    },
  };
}
