/** Scored purchases, detection quality and the anomaly model. */
import type { AnomalyPatternFilter } from '@medallion/plugin-lakehouse-common';
import { ANOMALY_PATTERN_NAMES } from '@medallion/plugin-lakehouse-common';
import Router from 'express-promise-router';
import { z } from 'zod';
import type { AnomaliesPort } from '../anomalies';
import { parseInput } from './validation';

export const ANOMALIES_MAX_LIMIT = 200;
export const ANOMALIES_DEFAULT_LIMIT = 50;
export const STATS_MIN_BINS = 5;
export const STATS_MAX_BINS = 50;
export const STATS_DEFAULT_BINS = 20;

const PATTERN_FILTERS = [
  ...ANOMALY_PATTERN_NAMES,
  'unlabelled',
] as const satisfies readonly AnomalyPatternFilter[];

const since = z.iso
  .datetime({ offset: true })
  .transform(s => new Date(s))
  .optional();

const listQuery = z
  .object({
    since,
    minScore: z.coerce.number().min(0).max(1).optional(),
    pattern: z.enum(PATTERN_FILTERS).optional(),
    decision: z.enum(['anomaly', 'normal', 'all']).default('anomaly'),
    limit: z.coerce
      .number()
      .int()
      .min(1)
      .max(ANOMALIES_MAX_LIMIT)
      .default(ANOMALIES_DEFAULT_LIMIT),
    cursor: z.string().min(1).max(500).optional(),
  })
  .strict();

const statsQuery = z
  .object({
    since,
    bins: z.coerce
      .number()
      .int()
      .min(STATS_MIN_BINS)
      .max(STATS_MAX_BINS)
      .default(STATS_DEFAULT_BINS),
  })
  .strict();

const eventPath = z.object({
  eventId: z
    .string()
    .regex(
      /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/,
      'a purchase event id (UUID)',
    )
    .transform(id => id.toLowerCase()),
});

export function anomalyRoutes(anomalies: AnomaliesPort) {
  const router = Router();

  router.get('/anomalies', async (req, res) => {
    const q = parseInput(listQuery, req.query, 'query');
    res.json(await anomalies.list(q));
  });

  // Before /anomalies/:eventId, which would take them for ids.
  router.get('/anomalies/stats', async (req, res) => {
    const q = parseInput(statsQuery, req.query, 'query');
    res.json(await anomalies.stats(q));
  });

  router.get('/anomalies/model', async (_req, res) => {
    res.json(await anomalies.model());
  });

  router.get('/anomalies/:eventId', async (req, res) => {
    const p = parseInput(eventPath, req.params, 'path');
    res.json(await anomalies.get(p.eventId));
  });

  return router;
}
