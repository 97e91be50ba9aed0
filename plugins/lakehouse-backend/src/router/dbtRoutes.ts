/** dbt models, runs and source freshness from the gold runs' artifacts; profitability. */
import type {
  DbtFreshnessResponse,
  DbtModelDetail,
  DbtModelsResponse,
  DbtRunsResponse,
  ProfitabilityResponse,
} from '@medallion/plugin-lakehouse-common';
import Router from 'express-promise-router';
import { z } from 'zod';
import { parseInput } from './validation';

/** What the routes need; `DbtReader` (src/dbt) satisfies it. */
export interface DbtPort {
  models(): Promise<DbtModelsResponse>;
  /** Throws NotFoundError for an unknown model. */
  model(id: string): Promise<DbtModelDetail>;
  runs(limit: number): Promise<DbtRunsResponse>;
  freshness(): Promise<DbtFreshnessResponse>;
  profitability(filter: {
    category?: string;
    currency?: string;
  }): Promise<ProfitabilityResponse>;
}

export const DBT_RUNS_MAX_LIMIT = 100;
export const DBT_RUNS_DEFAULT_LIMIT = 20;

/** A model name (`fct_purchases`) or unique id (`model.medallion.fct_purchases`). */
const modelPath = z
  .object({
    model: z
      .string()
      .min(1)
      .max(255)
      .regex(/^[A-Za-z_][A-Za-z0-9_.]*$/, 'a dbt model name or unique id'),
  })
  .strict();

const runsQuery = z
  .object({
    limit: z.coerce
      .number()
      .int()
      .min(1)
      .max(DBT_RUNS_MAX_LIMIT)
      .default(DBT_RUNS_DEFAULT_LIMIT),
  })
  .strict();

const profitabilityQuery = z
  .object({
    category: z
      .string()
      .min(1)
      .max(64)
      .regex(/^[A-Za-z0-9_ &-]+$/, 'letters, digits, spaces, _, & and -')
      .optional(),
    currency: z
      .string()
      .regex(/^[A-Za-z]{3}$/, 'an ISO 4217 code such as EUR')
      .transform(c => c.toUpperCase())
      .optional(),
  })
  .strict();

export function dbtRoutes(dbt: DbtPort) {
  const router = Router();

  router.get('/dbt/models', async (_req, res) => {
    res.json(await dbt.models());
  });

  router.get('/dbt/models/:model', async (req, res) => {
    const p = parseInput(modelPath, req.params, 'path');
    res.json(await dbt.model(p.model));
  });

  router.get('/dbt/runs', async (req, res) => {
    const q = parseInput(runsQuery, req.query, 'query');
    res.json(await dbt.runs(q.limit));
  });

  router.get('/dbt/freshness', async (_req, res) => {
    res.json(await dbt.freshness());
  });

  router.get('/metrics/profitability', async (req, res) => {
    const q = parseInput(profitabilityQuery, req.query, 'query');
    res.json(await dbt.profitability(q));
  });

  return router;
}
