/** The Iceberg catalog: tables, one table's detail, its snapshots and a data preview. */
import type { TablesResponse } from '@medallion/plugin-lakehouse-common';
import Router from 'express-promise-router';
import { z } from 'zod';
import type { TablesPort } from './ports';
import { parseInput } from './validation';

/** Iceberg allows more, but our catalogs hold plain identifiers; anything else is a typo. */
const identifier = z
  .string()
  .min(1)
  .max(255)
  .regex(/^[A-Za-z0-9_][A-Za-z0-9_$-]*$/, 'letters, digits, _, $ and - only');

const tablePath = z.object({ namespace: identifier, table: identifier });

const snapshotsQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(500).default(50),
    cursor: z.string().min(1).max(500).optional(),
  })
  .strict();

const previewQuery = z
  .object({ limit: z.coerce.number().int().min(1).max(500).default(50) })
  .strict();

export function tableRoutes(tables: TablesPort) {
  const router = Router();

  router.get('/tables', async (_req, res) => {
    const body: TablesResponse = { tables: await tables.listTables() };
    res.json(body);
  });

  router.get('/tables/:namespace/:table', async (req, res) => {
    const p = parseInput(tablePath, req.params, 'path');
    res.json(await tables.getTable(p.namespace, p.table));
  });

  router.get('/tables/:namespace/:table/snapshots', async (req, res) => {
    const p = parseInput(tablePath, req.params, 'path');
    const q = parseInput(snapshotsQuery, req.query, 'query');
    res.json(await tables.listSnapshots(p.namespace, p.table, q));
  });

  router.get('/tables/:namespace/:table/preview', async (req, res) => {
    const p = parseInput(tablePath, req.params, 'path');
    const q = parseInput(previewQuery, req.query, 'query');
    res.json(await tables.preview(p.namespace, p.table, q));
  });

  return router;
}
