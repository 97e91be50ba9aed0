import { LoggerService } from '@backstage/backend-plugin-api';
import { LakehouseHealth } from '@medallion/plugin-lakehouse-common';
import express from 'express';
import Router from 'express-promise-router';
import { version } from '../package.json';

export interface RouterOptions {
  logger: LoggerService;
}

export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { logger } = options;
  const router = Router();
  router.use(express.json());

  router.get('/health', (_req, res) => {
    const body: LakehouseHealth = { status: 'ok', version };
    res.json(body);
  });

  logger.debug('lakehouse router ready');
  return router;
}
