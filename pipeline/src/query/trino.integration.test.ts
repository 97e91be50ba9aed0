/**
 * A real Trino (the engine under Athena v3) reads what our writer puts in Glue + S3 on
 * the AWS emulator: every column type we use, both snapshots, time travel by snapshot
 * id, and Trino's own names for our types (first over the raw client protocol, to pin
 * what Trino sends); then our TrinoQueryEngine and the Trino dialect's SQL pieces on
 * the same server.
 */
import { z } from 'zod';
import {
  startMotoServer,
  type MotoServer,
} from '../aws/__testUtils__/motoServer';
import { glueLakehouse } from '../aws/__testUtils__/glueLakehouse';
import { parseIdentifier } from '../iceberg/catalog/catalog';
import type { GlueCatalog } from '../iceberg/catalog/glue/glueCatalog';
import { appendRows } from '../iceberg/dataWriter';
import { createTable, type Table } from '../iceberg/table';
import type { Schema } from '../iceberg/types';
import { SchemaUpdate } from '../iceberg/schemaUpdate';
import { currentSnapshotSource } from './dialect';
import { TrinoQueryEngine, TrinoQueryError } from './trino';
import { startTrino, type TrinoServer } from './__testUtils__/trinoServer';

jest.setTimeout(300_000);

const BUCKET = 'medallion-trino-silver';
const WAREHOUSE = `s3://${BUCKET}/warehouse`;

const schema: Schema = {
  type: 'struct',
  'schema-id': 0,
  fields: [
    { id: 1, name: 'id', required: true, type: 'long' },
    { id: 2, name: 'name', required: false, type: 'string' },
    { id: 3, name: 'event_id', required: true, type: 'uuid' },
    { id: 4, name: 'event_ts', required: true, type: 'timestamptz' },
    { id: 5, name: 'amount', required: false, type: 'decimal(12, 2)' },
    { id: 6, name: 'payload', required: false, type: 'binary' },
    { id: 7, name: 'score', required: false, type: 'double' },
    { id: 8, name: 'member', required: false, type: 'boolean' },
    {
      id: 9,
      name: 'tags',
      required: false,
      type: {
        type: 'list',
        'element-id': 11,
        element: 'string',
        'element-required': false,
      },
    },
    {
      id: 10,
      name: 'attrs',
      required: false,
      type: {
        type: 'map',
        'key-id': 12,
        key: 'string',
        'value-id': 13,
        value: 'string',
        'value-required': false,
      },
    },
  ],
};

const uuid = (i: number) =>
  `6f1d3c2a-0b7e-4c55-9a1f-${String(i).padStart(12, '0')}`;

const firstBatch = [
  {
    id: 1n,
    name: 'Zoë',
    event_id: uuid(1),
    event_ts: '2026-11-27T10:15:30.123456Z',
    amount: '1234.50',
    payload: new Uint8Array([0, 1, 254, 255]),
    score: 0.25,
    member: true,
    tags: ['new', 'mobile'],
    attrs: { country: 'CH', channel: 'app' },
  },
  {
    id: 2n,
    name: null,
    event_id: uuid(2),
    event_ts: '2026-11-27T23:59:59.999999Z',
    amount: '-0.05',
    payload: new Uint8Array(),
    score: -1.5e-7,
    member: false,
    tags: [],
    attrs: {},
  },
  {
    id: 3n,
    name: 'três',
    event_id: uuid(3),
    event_ts: '2026-11-28T00:00:00Z',
    amount: null,
    payload: null,
    score: null,
    member: null,
    tags: null,
    attrs: null,
  },
];

const secondBatch = [
  {
    id: 4n,
    name: 'late',
    event_id: uuid(4),
    event_ts: '2026-11-28T08:00:00.5Z',
    amount: '9999999999.99',
    payload: new Uint8Array([42]),
    score: 1e300,
    member: true,
    tags: ['a', null, 'c'],
    attrs: { k: null },
  },
  {
    id: 5n,
    name: 'x'.repeat(40),
    event_id: uuid(5),
    event_ts: '1969-12-31T23:59:59.000001Z',
    amount: '0.00',
    payload: new Uint8Array([7, 7]),
    score: 3,
    member: false,
    tags: ['only'],
    attrs: { a: '1', b: '2' },
  },
];

let moto: MotoServer;
let trino: TrinoServer;
let catalog: GlueCatalog;
let first: Table;
let second: Table;

// ---- a tiny Trino client (POST /v1/statement, follow nextUri) -------------------

/**
 * Without this capability (sent by Trino's JDBC driver and CLI) Trino answers with the
 * legacy types: `timestamp with time zone` rounded to milliseconds.
 */
const PRECISE = { 'X-Trino-Client-Capabilities': 'PARAMETRIC_DATETIME' };

const resultSchema = z.object({
  nextUri: z.string().optional(),
  columns: z.array(z.object({ name: z.string(), type: z.string() })).optional(),
  data: z.array(z.array(z.unknown())).optional(),
  stats: z.object({ state: z.string() }),
  error: z
    .object({
      message: z.string(),
      errorName: z.string().optional(),
      failureInfo: z.unknown().optional(),
    })
    .optional(),
});

interface QueryResult {
  columns: Array<{ name: string; type: string }>;
  rows: unknown[][];
}

async function query(
  sql: string,
  extraHeaders: Record<string, string> = PRECISE,
): Promise<QueryResult> {
  const headers = {
    'X-Trino-User': 'medallion-test',
    'X-Trino-Catalog': trino.catalog,
    'X-Trino-Schema': 'silver',
    ...extraHeaders,
  };
  let res = await fetch(`${trino.url}/v1/statement`, {
    method: 'POST',
    headers,
    body: sql,
  });
  const out: QueryResult = { columns: [], rows: [] };
  for (;;) {
    if (!res.ok)
      throw new Error(`Trino answered ${res.status}: ${await res.text()}`);
    const page = resultSchema.parse(await res.json());
    if (page.error)
      throw new Error(
        `${page.error.errorName ?? 'error'}: ${
          page.error.message
        }\n${JSON.stringify(page.error.failureInfo, null, 1)}`,
      );
    if (page.columns) out.columns = page.columns;
    if (page.data) out.rows.push(...page.data);
    if (!page.nextUri) return out;
    res = await fetch(page.nextUri, { headers });
  }
}

// ---------------------------------------------------------------------------------

async function writeTable() {
  catalog = await glueLakehouse(moto, BUCKET, ['silver']);
  const created = await createTable(catalog, parseIdentifier('silver.events'), {
    schema,
    partitionSpec: {
      'spec-id': 0,
      fields: [
        {
          'source-id': 4,
          'field-id': 1000,
          name: 'event_ts_day',
          transform: 'day',
        },
      ],
    },
  });
  first = (await appendRows(created, firstBatch)).table;
  second = (await appendRows(first, secondBatch)).table;
}

beforeAll(async () => {
  moto = await startMotoServer();
  // Trino starts while we write: the two share the box's two cores.
  const [written, booted] = await Promise.allSettled([
    writeTable(),
    startTrino({ aws: moto.aws, warehouse: WAREHOUSE }),
  ]);
  if (booted.status === 'fulfilled') trino = booted.value;
  if (written.status === 'rejected') throw written.reason;
  if (booted.status === 'rejected') throw booted.reason;
});

afterAll(async () => {
  await trino?.stop();
  await catalog?.close();
  await moto?.stop();
});

const snapshotId = (table: Table) =>
  String(table.metadata['current-snapshot-id']);

describe('Trino on the Iceberg tables our writer puts in Glue + S3', () => {
  it('starts with its /v1/info saying it is no longer starting', async () => {
    const info = z
      .object({
        starting: z.boolean(),
        nodeVersion: z.object({ version: z.string() }),
      })
      .parse(await (await fetch(`${trino.url}/v1/info`)).json());
    expect(info).toMatchObject({
      starting: false,
      nodeVersion: { version: '476' },
    });
    expect(trino.catalog).toBe('lakehouse');
  });

  it('reads every row and value of the current snapshot', async () => {
    const result = await query(`
      SELECT id, name, event_id, event_ts, amount, payload, score, member, tags, attrs
      FROM events ORDER BY id`);
    expect(result.columns.map(c => [c.name, c.type])).toEqual([
      ['id', 'bigint'],
      ['name', 'varchar'],
      ['event_id', 'uuid'],
      ['event_ts', 'timestamp(6) with time zone'],
      ['amount', 'decimal(12, 2)'],
      ['payload', 'varbinary'],
      ['score', 'double'],
      ['member', 'boolean'],
      ['tags', 'array(varchar)'],
      ['attrs', 'map(varchar, varchar)'],
    ]);
    // Values as the client protocol sends them: decimals as strings, varbinary in
    // base64, timestamps with their zone.
    expect(result.rows).toEqual([
      [
        1,
        'Zoë',
        uuid(1),
        '2026-11-27 10:15:30.123456 UTC',
        '1234.50',
        Buffer.from([0, 1, 254, 255]).toString('base64'),
        0.25,
        true,
        ['new', 'mobile'],
        { country: 'CH', channel: 'app' },
      ],
      [
        2,
        null,
        uuid(2),
        '2026-11-27 23:59:59.999999 UTC',
        '-0.05',
        '',
        -1.5e-7,
        false,
        [],
        {},
      ],
      [
        3,
        'três',
        uuid(3),
        '2026-11-28 00:00:00.000000 UTC',
        null,
        null,
        null,
        null,
        null,
        null,
      ],
      [
        4,
        'late',
        uuid(4),
        '2026-11-28 08:00:00.500000 UTC',
        '9999999999.99',
        Buffer.from([42]).toString('base64'),
        1e300,
        true,
        ['a', null, 'c'],
        { k: null },
      ],
      [
        5,
        'x'.repeat(40),
        uuid(5),
        '1969-12-31 23:59:59.000001 UTC',
        '0.00',
        Buffer.from([7, 7]).toString('base64'),
        3,
        false,
        ['only'],
        { a: '1', b: '2' },
      ],
    ]);
  });

  it('rounds timestamps to milliseconds for a client without PARAMETRIC_DATETIME', async () => {
    const legacy = await query(
      'SELECT id, event_ts FROM events WHERE id IN (1, 2) ORDER BY id',
      {},
    );
    expect(legacy.columns.map(c => c.type)).toEqual([
      'bigint',
      'timestamp with time zone',
    ]);
    expect(legacy.rows).toEqual([
      [1, '2026-11-27 10:15:30.123 UTC'],
      [2, '2026-11-28 00:00:00.000 UTC'],
    ]);
  });

  it('sees our snapshots, and only the first batch AS OF the first one', async () => {
    const snapshots = await query(`
      SELECT CAST(snapshot_id AS varchar), operation
      FROM "events$snapshots" ORDER BY committed_at`);
    expect(snapshots.rows).toEqual([
      [snapshotId(first), 'append'],
      [snapshotId(second), 'append'],
    ]);
    const old = await query(
      `SELECT id, name FROM events FOR VERSION AS OF ${snapshotId(
        first,
      )} ORDER BY id`,
    );
    expect(old.rows).toEqual([
      [1, 'Zoë'],
      [2, null],
      [3, 'três'],
    ]);
    const count = await query('SELECT count(*) FROM events');
    expect(count.rows).toEqual([[5]]);
  });

  it('filters on the partition column and on values across files', async () => {
    const day = await query(`
      SELECT id FROM events
      WHERE event_ts >= TIMESTAMP '2026-11-28 00:00:00 UTC'
        AND event_ts < TIMESTAMP '2026-11-29 00:00:00 UTC'
      ORDER BY id`);
    expect(day.rows).toEqual([[3], [4]]);
    const stats = await query(`
      SELECT count(*), sum(amount), max(score), count_if(member),
             CAST(date_trunc('day', min(event_ts)) AS varchar)
      FROM events WHERE event_id <> UUID '${uuid(2)}'`);
    expect(stats.rows).toEqual([
      [4, '10000001234.49', 1e300, 2, '1969-12-31 00:00:00.000000 UTC'],
    ]);
  });

  it('names our types as Trino does', async () => {
    const types = await query(`
      SELECT typeof(id), typeof(name), typeof(event_id), typeof(event_ts),
             typeof(amount), typeof(payload), typeof(score), typeof(member),
             typeof(tags), typeof(attrs)
      FROM events LIMIT 1`);
    expect(types.rows).toEqual([
      [
        'bigint',
        'varchar',
        'uuid',
        'timestamp(6) with time zone',
        'decimal(12,2)',
        'varbinary',
        'double',
        'boolean',
        'array(varchar)',
        'map(varchar, varchar)',
      ],
    ]);
  });
});

describe('TrinoQueryEngine on the real server', () => {
  let engine: TrinoQueryEngine;
  beforeAll(() => {
    engine = new TrinoQueryEngine({
      server: trino.url,
      catalog: trino.catalog,
      user: 'medallion-test',
    });
  });

  it('returns exact JSON-safe values: big integers, decimals and µs times as text', async () => {
    const result = await engine.query(`
      SELECT CAST(9007199254740993 AS BIGINT) AS big, amount, event_ts,
             CAST(event_ts AS TIMESTAMP(6)) AS local_ts, score, member, name
      FROM silver.events WHERE id = 2`);
    expect(result.columns).toEqual([
      { name: 'big', type: 'BIGINT' },
      { name: 'amount', type: 'DECIMAL(12, 2)' },
      { name: 'event_ts', type: 'TIMESTAMP(6) WITH TIME ZONE' },
      { name: 'local_ts', type: 'TIMESTAMP(6)' },
      { name: 'score', type: 'DOUBLE' },
      { name: 'member', type: 'BOOLEAN' },
      { name: 'name', type: 'VARCHAR' },
    ]);
    expect(result.rows).toEqual([
      {
        big: '9007199254740993',
        amount: '-0.05',
        event_ts: '2026-11-27T23:59:59.999999Z',
        local_ts: '2026-11-27T23:59:59.999999',
        score: -1.5e-7,
        member: false,
        name: null,
      },
    ]);
  });

  it('converts between µs and timestamps exactly, before 1970 too', async () => {
    const micros = [
      1_764_238_530_123_456, 1_764_287_999_999_999, 0, -1, -499_999,
      -86_400_000_001,
    ];
    const { dialect } = engine;
    const result = await engine.query(
      micros
        .map(
          m =>
            `SELECT ${m} AS m, ${dialect.epochMicros(
              dialect.timestampFromMicros(m),
            )} AS back, to_iso8601(${dialect.timestampFromMicros(
              m,
            )} AT TIME ZONE 'UTC') AS iso`,
        )
        .join(' UNION ALL '),
    );
    const iso = (m: number) => {
      const ms = Math.floor(m / 1000);
      const us = String(m - ms * 1000).padStart(3, '0');
      return `${new Date(ms).toISOString().slice(0, -1)}${us}Z`;
    };
    expect(
      result.rows.map(r => [Number(r.m), Number(r.back), r.iso]).sort(),
    ).toEqual(micros.map(m => [m, m, iso(m)]).sort());
    // And a stored value read back through epochMicros.
    const stored = await engine.query(
      `SELECT ${dialect.epochMicros(
        'event_ts',
      )} AS us FROM silver.events WHERE id = 5`,
    );
    expect(stored.rows).toEqual([{ us: String(-999_999) }]);
  });

  it('matches whole strings only, as DuckDB regexp_full_match does', async () => {
    const { dialect } = engine;
    const result = await engine.query(`SELECT
      ${dialect.fullMatch("'abc'", 'a.c|x')} AS whole,
      ${dialect.fullMatch("'abcd'", 'a.c|x')} AS longer,
      ${dialect.fullMatch("'x'", 'a.c|x')} AS alternative,
      ${dialect.fullMatch("'2026-11-27'", '\\d{4}-\\d{2}-\\d{2}')} AS digits`);
    expect(result.rows).toEqual([
      { whole: true, longer: false, alternative: true, digits: true },
    ]);
  });

  it('reads a snapshot with the names it was written with after a rename and an added column', async () => {
    const { dialect } = engine;
    let table = await new SchemaUpdate()
      .renameColumn('name', 'label')
      .addColumn('coupon', 'string')
      .commit(second);
    const source = currentSnapshotSource(table.identifier, table.metadata);
    expect(source.snapshotSchema).toBeDefined(); // the rename made no snapshot
    const rows = await engine.query(
      `SELECT id, label, coupon FROM (${dialect.snapshotSelect(
        source,
      )}) AS t ORDER BY id`,
    );
    expect(rows.rows.map(r => [r.id, r.label, r.coupon])).toEqual([
      ['1', 'Zoë', null],
      ['2', null, null],
      ['3', 'três', null],
      ['4', 'late', null],
      ['5', 'x'.repeat(40), null],
    ]);
    // A commit under the new schema: the current snapshot now has it.
    table = (
      await appendRows(table, [
        {
          ...secondBatch[0]!,
          id: 6n,
          name: undefined,
          label: 'six',
          coupon: 'C6',
        },
      ])
    ).table;
    const now = currentSnapshotSource(table.identifier, table.metadata);
    expect(now.snapshotSchema).toBeUndefined();
    const latest = await engine.query(
      `SELECT id, label, coupon FROM (${dialect.snapshotSelect(
        now,
      )}) AS t WHERE id = 6`,
    );
    expect(latest.rows).toEqual([{ id: '6', label: 'six', coupon: 'C6' }]);
  });

  it('cuts at the limit and says so', async () => {
    const result = await engine.query(
      'SELECT x FROM UNNEST(sequence(1, 10000)) AS t(x) ORDER BY x',
      { limit: 10 },
    );
    // sequence() makes BIGINTs: exact text, as every engine hands them over.
    expect(result.rows.map(r => r.x)).toEqual(
      Array.from({ length: 10 }, (_, i) => String(i + 1)),
    );
    expect(result.truncated).toBe(true);
  });

  it("fails with Trino's reason for a missing table", async () => {
    const error = await engine
      .query('SELECT * FROM silver.no_such_table')
      .catch(e => e);
    expect(error).toBeInstanceOf(TrinoQueryError);
    expect(error.errorName).toBe('TABLE_NOT_FOUND');
    expect(error.message).toMatch(
      /^Trino query \S+ failed \(TABLE_NOT_FOUND\): .*no_such_table' does not exist/,
    );
  });

  it('cancels a running query on the server when the caller aborts', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 1500);
    const error = await engine
      .query(
        'SELECT count(*) FROM UNNEST(sequence(1, 10000)) a CROSS JOIN UNNEST(sequence(1, 10000)) b CROSS JOIN UNNEST(sequence(1, 1000)) c',
        { signal: controller.signal },
      )
      .catch(e => e);
    expect(error).toBeInstanceOf(TrinoQueryError);
    expect(error.message).toMatch(/was cancelled$/);
    const id = (error as TrinoQueryError).queryId;
    // The server ends it (asynchronously): poll its state.
    let state = '';
    for (let i = 0; i < 50 && state !== 'FAILED'; i++) {
      const q = await engine.query(
        `SELECT state FROM system.runtime.queries WHERE query_id = '${id}'`,
      );
      state = String(q.rows[0]?.state ?? '');
      if (state !== 'FAILED') await new Promise(r => setTimeout(r, 200));
    }
    expect(state).toBe('FAILED');
  });
});
