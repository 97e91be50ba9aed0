import type {
  AuditorService,
  HttpAuthService,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import type { LakehouseHealth } from '@medallion/plugin-lakehouse-common';
import express from 'express';
import Router from 'express-promise-router';
import { version } from '../package.json';
import type { AnomaliesPort } from './anomalies';
import { anomalyRoutes } from './router/anomalyRoutes';
import { dbtRoutes, type DbtPort } from './router/dbtRoutes';
import { errorHandler } from './router/errorHandler';
import { jobRoutes } from './router/jobRoutes';
import { pipelineRoutes } from './router/pipelineRoutes';
import type { JobsPort, PipelinePort, TablesPort } from './router/ports';
import { tableRoutes } from './router/tableRoutes';

export interface RouterOptions {
  logger: LoggerService;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  auditor: AuditorService;
  jobs: JobsPort;
  tables: TablesPort;
  pipeline: PipelinePort;
  dbt: DbtPort;
  anomalies: AnomaliesPort;
}

/** The REST API of the plugin, described by src/schema/openapi.yaml. */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const router = Router();
  router.use(express.json({ limit: '100kb' }));

  router.get('/health', (_req, res) => {
    const body: LakehouseHealth = { status: 'ok', version };
    res.json(body);
  });

  router.use(jobRoutes(options));
  router.use(tableRoutes(options.tables));
  router.use(pipelineRoutes(options.pipeline));
  router.use(dbtRoutes(options.dbt));
  router.use(anomalyRoutes(options.anomalies));
  router.use(req => {
    throw new NotFoundError(`no route ${req.method} ${req.originalUrl}`);
  });
  router.use(errorHandler(options.logger));

  options.logger.debug('lakehouse router ready');
  return router;
}
