/** Freshness against SLAs, the OpenLineage-named lineage graph, pipeline metrics. */
import Router from 'express-promise-router';
import { z } from 'zod';
import type { PipelinePort } from './ports';
import { parseInput } from './validation';

const metricsQuery = z
  .object({ window: z.coerce.number().int().min(10).max(86_400).default(300) })
  .strict();

export function pipelineRoutes(pipeline: PipelinePort) {
  const router = Router();

  router.get('/freshness', async (_req, res) => {
    res.json(await pipeline.freshness());
  });

  router.get('/lineage', async (_req, res) => {
    res.json(await pipeline.lineage());
  });

  router.get('/metrics/pipeline', async (req, res) => {
    const q = parseInput(metricsQuery, req.query, 'query');
    res.json(await pipeline.metrics(q.window));
  });

  return router;
}
