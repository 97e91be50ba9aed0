import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { DataFileCache, queryEngineFromSettings } from '@medallion/pipeline';
import { lakehousePermissions } from '@medallion/plugin-lakehouse-common';
import { join } from 'node:path';
import { readLakehouseConfig } from './config/readLakehouseConfig';
import { AnomalyReader } from './anomalies';
import { DbtReader } from './dbt';
import { registerJobs } from './jobs';
import { LakehouseReader } from './lakehouse';
import { createPipelinePort } from './pipelinePort';
import { createRouter } from './router';
import { applyDatabaseMigrations, JobManager, RunStore } from './runs';
import { LakehouseRuntime } from './runtime/lakehouseRuntime';
import { scheduleJobs } from './scheduleJobs';
import { startStatusLog } from './statusLog';

/**
 * The lakehouse backend plugin, mounted at `/api/lakehouse`: hosts the pipeline's jobs
 * (bronze ingestion for the plugin's lifetime, silver and maintenance on schedules, the
 * demo producer on demand), records every run in the plugin database and serves the
 * REST API described by src/schema/openapi.yaml.
 *
 * @public
 */
export const lakehousePlugin = createBackendPlugin({
  pluginId: 'lakehouse',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        database: coreServices.database,
        scheduler: coreServices.scheduler,
        lifecycle: coreServices.lifecycle,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        auditor: coreServices.auditor,
      },
      async init(deps) {
        const { config, logger, database, lifecycle, httpRouter } = deps;
        const settings = readLakehouseConfig(config);
        deps.permissionsRegistry.addPermissions(lakehousePermissions);

        const knex = await database.getClient();
        if (!database.migrations?.skip) await applyDatabaseMigrations(knex);
        const runtime = new LakehouseRuntime(settings);
        const jobs = new JobManager({ store: new RunStore(knex), logger });
        registerJobs(jobs, runtime);
        // DuckDB reads files by path: tables on S3 are read from local copies.
        const files = new DataFileCache({
          io: runtime.catalog.io,
          dir: join(
            runtime.config.pipeline.lakehouse.home,
            'cache',
            'data-files',
          ),
        });
        // Previews and anomaly views run on the configured engine; DuckDB stays private
        // to each reader (one query at a time per connection).
        const engine =
          settings.queryEngine === 'duckdb'
            ? undefined
            : queryEngineFromSettings(
                runtime.config.pipeline.lakehouse,
                runtime.catalog,
              );
        const reader = new LakehouseReader({
          catalog: runtime.catalog,
          files,
          engine,
        });
        const dbt = new DbtReader({
          home: runtime.config.pipeline.lakehouse.home,
          catalog: runtime.catalog,
          engine,
          files,
        });
        const anomalies = new AnomalyReader({
          catalog: runtime.catalog,
          logger,
          files,
          engine,
        });
        const pipeline = createPipelinePort({ runtime, reader, dbt, logger });
        jobs.onRunStarted(run => pipeline.runStarted(run));
        jobs.onRunFinished(run => pipeline.runFinished(run));

        httpRouter.use(
          await createRouter({
            ...deps,
            jobs,
            tables: reader,
            pipeline,
            dbt,
            anomalies,
          }),
        );
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });

        await scheduleJobs({ ...deps, settings, jobs, runtime });

        let stopStatusLog = () => {};
        lifecycle.addStartupHook(async () => {
          await jobs.start();
          stopStatusLog = startStatusLog({ jobs, reader, logger });
          if (settings.jobs.bronze.enabled)
            await jobs.startLongRunning('bronze');
          if (
            settings.jobs.producer.enabled &&
            settings.jobs.producer.startOnBoot
          )
            await jobs
              .trigger('producer', { trigger: 'startup', triggeredBy: null })
              .catch(error =>
                logger.warn(`demo producer not started: ${error.message}`),
              );
        });
        lifecycle.addShutdownHook(async () => {
          // Runs first (bronze commits what it buffered), then what they used.
          stopStatusLog();
          await jobs.shutdown();
          await pipeline.close();
          await reader.close();
          await anomalies.close();
          await dbt.close();
          await engine?.close();
          await runtime.close();
        });
      },
    });
  },
});
