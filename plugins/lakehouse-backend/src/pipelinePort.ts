/**
 * The pipeline-wide routes (freshness, lineage, metrics) and the OpenLineage run events,
 * over the runtime's catalog and Kafka client and the reader's metadata cache.
 */
import type { LoggerService } from '@backstage/backend-plugin-api';
import type { JobRun } from '@medallion/plugin-lakehouse-common';
import {
  computeFreshness,
  computePipelineMetrics,
  type LakehouseReader,
} from './lakehouse';
import type { DbtReader } from './dbt';
import {
  mergeDbtLineage,
  type DbtModelLineage,
} from './openlineage/dbtLineage';
import {
  buildLineageGraph,
  createOpenLineageRunListener,
  DEFAULT_PRODUCER,
  OpenLineageEmitter,
  type DatasetNamingContext,
  type OpenLineageTransportConfig,
} from './openlineage';
import type { PipelinePort } from './router/ports';
import type { LakehouseRuntime } from './runtime/lakehouseRuntime';

const LAG_TIMEOUT_MS = 3000;

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T | null> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<null>(resolve => {
    timer = setTimeout(() => resolve(null), ms);
  });
  promise.catch(() => undefined); // settled later; nobody is waiting any more
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export interface LakehousePipeline extends PipelinePort {
  runStarted(run: JobRun): Promise<void>;
  runFinished(run: JobRun): Promise<void>;
  close(): Promise<void>;
}

export function createPipelinePort(options: {
  runtime: LakehouseRuntime;
  reader: LakehouseReader;
  dbt: DbtReader;
  logger: LoggerService;
}): LakehousePipeline {
  const { runtime, reader, dbt, logger } = options;

  /** dbt's model graph from the newest manifest; none before the first gold build. */
  const dbtModels = async (): Promise<DbtModelLineage[]> => {
    try {
      const { models } = await dbt.models();
      return await Promise.all(
        models.map(async m => ({
          name: m.name,
          table: m.table,
          parents: (await dbt.model(m.name)).parents,
        })),
      );
    } catch (error) {
      // Lineage without dbt's detail beats no lineage.
      logger.warn(
        `lineage: dbt models unavailable: ${(error as Error).message}`,
      );
      return [];
    }
  };
  const { config } = runtime;
  const transports: OpenLineageTransportConfig[] = [];
  if (config.openLineage.url)
    transports.push({
      type: 'http',
      url: config.openLineage.url,
      apiKey: config.openLineage.apiKey ?? undefined,
    });
  if (config.openLineage.logFile)
    transports.push({ type: 'file', path: config.openLineage.logFile });
  const emitter = new OpenLineageEmitter({ transports, logger });
  const lake = config.pipeline.lakehouse;
  // Glue names need the account id (lakehouse.catalog.glue.catalogId, a Terraform output).
  const glue =
    lake.catalog === 'glue' && lake.glueCatalogId && lake.aws
      ? { region: lake.aws.region, accountId: lake.glueCatalogId }
      : undefined;
  const naming = (locations: Record<string, string>): DatasetNamingContext => ({
    kafkaBrokers: config.pipeline.kafka.brokers,
    tables: glue
      ? { catalog: 'glue', warehouse: lake.warehouse, locations, ...glue }
      : { catalog: 'sql', warehouse: lake.warehouse, locations },
  });

  const emitRunEvent = createOpenLineageRunListener({
    emitter,
    topics: config.pipeline.kafka.topics,
    logger,
    context: {
      jobNamespace: config.openLineage.namespace,
      producer: DEFAULT_PRODUCER,
      naming: naming({}),
    },
  });

  return {
    async freshness() {
      return computeFreshness(
        await reader.listTables(),
        config.freshness,
        new Date(),
      );
    },
    async lineage() {
      const tables = await reader.listTables();
      const graph = buildLineageGraph({
        jobNamespace: config.openLineage.namespace,
        naming: naming(Object.fromEntries(tables.map(t => [t.id, t.location]))),
        topics: config.pipeline.kafka.topics,
        tables: tables.map(t => t.id),
      });
      return mergeDbtLineage(
        graph,
        await dbtModels(),
        config.openLineage.namespace,
      );
    },
    async metrics(windowSeconds) {
      return computePipelineMetrics(reader, {
        windowSeconds,
        // An unreachable broker must not hold the response: no lag figure instead.
        lag: () => withTimeout(runtime.consumerLag(), LAG_TIMEOUT_MS),
        commitLatenciesMs: runtime.commitLatencies.snapshot(),
      });
    },
    async runStarted(run) {
      emitRunEvent(run);
    },
    async runFinished(run) {
      emitRunEvent(run);
    },
    async close() {
      await emitter.close();
    },
  };
}
