/**
 * Latency of the backend's table read model (what GET /tables and GET /freshness do),
 * in process, on a local SQLite catalog: 50 tables of 1k snapshots each.
 *
 *  - listTables() and computeFreshness(listTables()): first (cold) call, then p50 / p99
 *    over --runs calls (target p99 ≤ 50 ms);
 *  - the same listTables() with the metadata cache disabled (every call reads and parses
 *    every metadata file), as the peer figure, and the ratio (--peer-runs calls, 20 by
 *    default: each takes 0.5–1 s here);
 *  - where the cached call's time goes: the catalog pointer reads alone;
 *  - one table's detail and a page of its snapshots.
 *
 * Setup shortcut: 50k real commits would take far too long, so one table gets --snapshots
 * real append commits (one small Parquet file each), and the other tables are copies of
 * its final metadata file (re-located to their own directory, written as their own
 * metadata file, registered in the catalog). Each copy is a distinct file the reader
 * must read and parse, exactly like a table with that history; they share data files,
 * which these calls never open.
 *
 * Then the same two calls through HTTP: the standalone backend (plugins/lakehouse-backend/
 * dev/index.ts, real auth with a static token, jobs off) started as its own process over
 * this catalog, GET /api/lakehouse/tables and /freshness with a keep-alive client; the
 * target applies to these.
 *
 * Run: node --import tsx bench/backend-api.ts [--tables 50] [--snapshots 1000] [--runs 200]
 *      [--peer-runs 20]
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  appendRows,
  createTable,
  defaultTableLocation,
  joinLocation,
  LocalFileIO,
  parseTableMetadata,
  serializeTableMetadata,
  SqlCatalog,
  sqliteConfig,
  toFileLocation,
  type Catalog,
  type TableIdentifier,
} from '../pipeline/src/iceberg';
import {
  computeFreshness,
  LakehouseReader,
  type FreshnessSlas,
} from '../plugins/lakehouse-backend/src/lakehouse';
import { formatMeasurement, measure } from './lib/measure';

const { values } = parseArgs({
  options: {
    tables: { type: 'string', default: '50' },
    snapshots: { type: 'string', default: '1000' },
    runs: { type: 'string', default: '200' },
    'peer-runs': { type: 'string', default: '20' },
  },
});
const TABLES = Number(values.tables);
const SNAPSHOTS = Number(values.snapshots);
const RUNS = Number(values.runs);
const PEER_RUNS = Number(values['peer-runs']);
const TARGET_P99_MS = 50;

const NAMESPACES = ['bronze', 'silver', 'gold', 'sandbox'];
const idOf = (i: number): TableIdentifier => ({
  namespace: [NAMESPACES[i % NAMESPACES.length]!],
  name: `t${String(i).padStart(3, '0')}`,
});

const SLAS: FreshnessSlas = {
  default: { warnAfterSeconds: 3600, errorAfterSeconds: 86_400 },
  byLayer: { bronze: { warnAfterSeconds: 60, errorAfterSeconds: 300 } },
  byTable: {},
};

const say = (line: string) => process.stdout.write(`${line}\n`);

/** One table with `count` real append commits; returns its final metadata file's location. */
async function buildSource(catalog: Catalog, id: TableIdentifier) {
  let table = await createTable(catalog, id, {
    schema: {
      type: 'struct',
      'schema-id': 0,
      fields: [
        { id: 1, name: 'n', required: true, type: 'long' },
        { id: 2, name: 'at', required: true, type: 'timestamptz' },
      ],
    },
    // Old metadata files are deleted as it commits, as the streaming tables do.
    properties: {
      'write.metadata.delete-after-commit.enabled': 'true',
      'write.metadata.previous-versions-max': '5',
    },
  });
  for (let i = 0; i < SNAPSHOTS; i++)
    table = (await appendRows(table, [{ n: i, at: new Date() }])).table;
  return table.metadataLocation;
}

/** Registers `id` as a copy of the metadata at `source`, in its own metadata file. */
async function registerCopy(
  catalog: Catalog,
  sourceText: string,
  id: TableIdentifier,
) {
  const meta = parseTableMetadata(sourceText);
  meta.location = defaultTableLocation(catalog, id);
  const location = joinLocation(
    meta.location,
    'metadata',
    `00000-${randomUUID()}.metadata.json`,
  );
  await catalog.io.writeNew(
    location,
    new TextEncoder().encode(serializeTableMetadata(meta)),
  );
  await catalog.registerTable(id, location);
}

const HTTP_PORT = Number(process.env.BENCH_BACKEND_PORT ?? 7170);
const TOKEN = `bench-${randomUUID()}`;

async function httpGet(path: string) {
  const res = await fetch(
    `http://127.0.0.1:${HTTP_PORT}/api/lakehouse${path}`,
    {
      headers: { authorization: `Bearer ${TOKEN}` },
    },
  );
  if (res.status !== 200)
    throw new Error(`GET ${path}: ${res.status} ${await res.text()}`);
  return res.json();
}

/** The standalone backend over the bench catalog, jobs off, on HTTP_PORT. */
async function startBackend(dir: string): Promise<ChildProcess> {
  const config = join(dir, 'bench-config.yaml');
  writeFileSync(
    config,
    [
      'backend:',
      `  listen: { port: ${HTTP_PORT}, host: 127.0.0.1 }`,
      `  baseUrl: http://127.0.0.1:${HTTP_PORT}`,
      "  database: { client: better-sqlite3, connection: ':memory:' }",
      '  auth:',
      '    externalAccess:',
      `      - { type: static, options: { token: ${TOKEN}, subject: bench } }`,
      'lakehouse:',
      '  jobs:',
      '    producer: { enabled: false }',
      '    bronze: { enabled: false }',
      '    silver: { enabled: false }',
      '    maintenance: { enabled: false }',
      '  openLineage: { logFile: false }',
      '',
    ].join('\n'),
  );
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'plugins/lakehouse-backend/dev/index.ts',
      '--config',
      'app-config.yaml',
      '--config',
      config,
    ],
    {
      env: {
        ...process.env,
        MEDALLION_HOME: dir,
        MEDALLION_CATALOG_URI: `sqlite:${join(dir, 'catalog.db')}`,
        MEDALLION_WAREHOUSE: join(dir, 'wh'),
        MEDALLION_CATALOG_NAME: 'bench',
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  let log = '';
  child.stderr?.on('data', chunk => {
    log = (log + String(chunk)).slice(-4000);
  });
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`the backend exited (${child.exitCode}):\n${log}`);
    try {
      await httpGet('/tables');
      return child;
    } catch {
      await new Promise(r => setTimeout(r, 500));
    }
  }
  child.kill('SIGKILL');
  throw new Error(`the backend did not answer within 120 s:\n${log}`);
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'medallion-bench-api-'));
  const catalog = new SqlCatalog({
    name: 'bench',
    knex: sqliteConfig(join(dir, 'catalog.db')),
    warehouse: toFileLocation(join(dir, 'wh')),
    io: new LocalFileIO(),
  });
  try {
    for (const ns of NAMESPACES) await catalog.createNamespace([ns]);
    say(
      `setup: ${TABLES} tables × ${SNAPSHOTS} snapshots (SQLite catalog, local disk)`,
    );
    const t0 = performance.now();
    const sourceLocation = await buildSource(catalog, idOf(0));
    const sourceBytes = await catalog.io.read(sourceLocation);
    const sourceText = new TextDecoder().decode(sourceBytes);
    for (let i = 1; i < TABLES; i++)
      await registerCopy(catalog, sourceText, idOf(i));
    say(
      `  built in ${((performance.now() - t0) / 1000).toFixed(
        1,
      )} s; metadata file ${(sourceBytes.length / 1024).toFixed(0)} KiB each`,
    );

    say(
      '\nGET /tables, GET /freshness (in process; each starts on a new reader)',
    );
    const fresh = new LakehouseReader({ catalog });
    const list = await measure('listTables()', () => fresh.listTables(), {
      runs: RUNS,
    });
    say(formatMeasurement(list, TARGET_P99_MS));
    const listed = (await fresh.listTables()).length;
    if (listed !== TABLES)
      throw new Error(`expected ${TABLES} tables, listed ${listed}`);
    const forFreshness = new LakehouseReader({ catalog });
    const freshness = await measure(
      'computeFreshness(listTables())',
      async () =>
        computeFreshness(await forFreshness.listTables(), SLAS, new Date()),
      { runs: RUNS },
    );
    say(formatMeasurement(freshness, TARGET_P99_MS));
    const pointers = await measure(
      'of which catalog pointer reads',
      async () => {
        const ids = (
          await Promise.all(
            (await catalog.listNamespaces()).map(ns => catalog.listTables(ns)),
          )
        ).flat();
        await Promise.all(ids.map(id => catalog.loadPointer(id)));
      },
      { runs: RUNS },
    );
    say(formatMeasurement(pointers));

    say('\npeer: the same call with the metadata cache disabled');
    const uncached = new LakehouseReader({ catalog, cacheSize: 0 });
    const peer = await measure(
      'listTables(), cache disabled',
      () => uncached.listTables(),
      { runs: PEER_RUNS },
    );
    say(formatMeasurement(peer));
    say(
      `  cached is ${(peer.p50Ms / list.p50Ms).toFixed(0)}× faster at p50, ${(
        peer.p99Ms / list.p99Ms
      ).toFixed(0)}× at p99`,
    );

    say('\none table (warm cache)');
    const [ns, name] = [idOf(1).namespace[0]!, idOf(1).name];
    say(
      formatMeasurement(
        await measure('getTable()', () => fresh.getTable(ns, name), {
          runs: RUNS,
        }),
      ),
    );
    const firstPage = await fresh.listSnapshots(ns, name, { limit: 50 });
    say(
      formatMeasurement(
        await measure(
          'listSnapshots(limit 50, second page)',
          () =>
            fresh.listSnapshots(ns, name, {
              limit: 50,
              cursor: firstPage.nextCursor ?? undefined,
            }),
          { runs: RUNS },
        ),
      ),
    );
    await Promise.all([fresh, forFreshness, uncached].map(r => r.close()));

    say(
      '\nthrough HTTP: the standalone backend in its own process (warm cache)',
    );
    const server = await startBackend(dir);
    try {
      for (const path of ['/tables', '/freshness']) {
        const m = await measure(`GET ${path}`, () => httpGet(path), {
          runs: RUNS,
        });
        say(formatMeasurement(m, TARGET_P99_MS));
      }
    } finally {
      server.kill('SIGTERM');
    }
  } finally {
    await catalog.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch(error => {
  process.stderr.write(
    `bench failed: ${error instanceof Error ? error.stack : String(error)}\n`,
  );
  process.exit(1);
});
