/**
 * 4 processes × 50 appends on one table, on SQLite and on PostgreSQL: every commit
 * lands exactly once, as one snapshot in a single chain.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parseIdentifier } from './catalog/catalog';
import { postgresConfig, SqlCatalog, sqliteConfig } from './catalog/sqlCatalog';
import { LocalFileIO } from './io/localFileIO';
import { ancestors } from './metadata';
import { planFiles } from './scan';
import { createTable, loadTable } from './table';
import { createTestCatalog, simpleSchema } from './__testUtils__/localCatalog';
import { createTestDatabase } from './__testUtils__/postgres';
import type { Knex } from 'knex';

jest.setTimeout(300_000);
const run = promisify(execFile);
const WORKER = join(__dirname, '__testUtils__', 'appendWorker.ts');
const WRITERS = 4;
const APPENDS = 50;

async function hammer(knexConfig: Knex.Config, warehouse: string) {
  const catalog = new SqlCatalog({
    name: 'medallion',
    knex: knexConfig,
    warehouse,
    io: new LocalFileIO(),
  });
  const id = parseIdentifier('ns.contended');
  await catalog.createNamespace(['ns']);
  await createTable(catalog, id, { schema: simpleSchema() });
  const outputs = await Promise.all(
    Array.from({ length: WRITERS }, (_, w) =>
      run(
        process.execPath,
        [
          '-r',
          require.resolve('tsx/cjs'),
          WORKER,
          JSON.stringify(knexConfig),
          warehouse,
          'ns.contended',
          String(APPENDS),
          String(w),
        ],
        {
          maxBuffer: 1 << 20,
        },
      ),
    ),
  );
  const table = await loadTable(catalog, id);
  const chain = ancestors(table.metadata);
  const plan = await planFiles(table);
  await catalog.close();
  return {
    outputs: outputs.map(o => JSON.parse(o.stdout.trim())),
    chain,
    table,
    plan,
  };
}

function expectExactlyOnce(result: Awaited<ReturnType<typeof hammer>>) {
  const { chain, table, plan } = result;
  expect(chain).toHaveLength(WRITERS * APPENDS);
  expect(chain.every(s => s.summary.operation === 'append')).toBe(true);
  expect(table.metadata.snapshots).toHaveLength(WRITERS * APPENDS);
  expect(chain[0]!.summary['total-records']).toBe(
    String(WRITERS * APPENDS * 3),
  );
  expect(chain.map(s => s['sequence-number'])).toEqual(
    Array.from({ length: WRITERS * APPENDS }, (_, i) =>
      BigInt(WRITERS * APPENDS - i),
    ),
  );
  const perWriter = new Map<string, number>();
  for (const s of chain)
    perWriter.set(
      s.summary.writer!,
      (perWriter.get(s.summary.writer!) ?? 0) + 1,
    );
  expect([...perWriter.values()]).toEqual(Array(WRITERS).fill(APPENDS));
  expect(new Set(plan.tasks.map(t => t.file.filePath)).size).toBe(
    WRITERS * APPENDS,
  );
  // Contention really happened: some commit needed more than one attempt.
  expect(Math.max(...result.outputs.map(o => o.maxAttempts))).toBeGreaterThan(
    1,
  );
}

describe('concurrent appends', () => {
  it('lose nothing on SQLite', async () => {
    const t = await createTestCatalog();
    try {
      expectExactlyOnce(await hammer(sqliteConfig(t.catalogPath), t.warehouse));
    } finally {
      await t.cleanup();
    }
  });

  it('lose nothing on PostgreSQL', async () => {
    const t = await createTestCatalog();
    const db = await createTestDatabase();
    try {
      expectExactlyOnce(await hammer(postgresConfig(db.url), t.warehouse));
    } finally {
      await db.drop();
      await t.cleanup();
    }
  });
});
