/**
 * Parquet encoding throughput of silver purchase rows, with peers measured in the same run:
 *   1. `writeDataFile` (rows → typed Arrow buffers → parquet-wasm, ZSTD, with Iceberg metrics);
 *   2. `writeDataFileColumns` (the columnar fast path, same values per column);
 *   3. apache-arrow `vectorFromArray` per column → the same parquet-wasm write (no metrics,
 *      no validation), the generic way to get Arrow data from JS values;
 *   4. pyarrow `Table.from_pylist` + `pq.write_table` (ZSTD) on the same rows, when a Python
 *      with pyarrow is found (`--python`, $BENCH_PYTHON or python3).
 * Rows are generated beforehand. Prints rows/s and MB/s (of Parquet output) per run, median
 * of `--runs`. Target: ≥ 500,000 rows/s on one core.
 *
 *   node --import tsx bench/parquet-encode.ts [--rows 500000] [--runs 3] [--python PATH]
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  Field,
  Float64,
  Int32,
  Int64,
  RecordBatch,
  Schema as ArrowSchema,
  Struct,
  Table,
  TimestampMicrosecond,
  Utf8,
  makeData,
  tableToIPC,
  vectorFromArray,
  DateDay,
} from 'apache-arrow';
import * as pq from 'parquet-wasm';
import {
  RecordBatchBuilder,
  encodeParquet,
  writeDataFile,
  writeDataFileColumns,
} from '../pipeline/src/iceberg/parquet';
import type { Schema } from '../pipeline/src/iceberg/types';

const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '500000' },
    runs: { type: 'string', default: '3' },
    python: { type: 'string' },
  },
});
const count = Number(values.rows);
const runs = Math.max(1, Number(values.runs));

const money = 'decimal(12, 2)' as const;
const fields: Array<[string, Schema['fields'][number]['type'], boolean]> = [
  ['event_id', 'uuid', true],
  ['event_ts', 'timestamptz', true],
  ['event_date', 'date', true],
  ['schema_version', 'int', true],
  ['customer_id', 'string', true],
  ['customer_country', 'string', true],
  ['order_country', 'string', true],
  ['membership', 'string', true],
  ['product_id', 'string', true],
  ['product_category', 'string', true],
  ['unit_price', money, true],
  ['unit_cost', money, true],
  ['discount_rate', 'double', true],
  ['quantity', 'int', true],
  ['currency', 'string', true],
  ['payment_method', 'string', true],
  ['channel', 'string', true],
  ['coupon_code', 'string', false],
  ['device', 'string', false],
  ['amount', money, true],
  ['cost', money, true],
  ['margin', money, true],
  ['kafka_partition', 'int', true],
  ['kafka_offset', 'long', true],
  ['ingested_at', 'timestamptz', true],
];
const schema: Schema = {
  type: 'struct',
  'schema-id': 0,
  fields: fields.map(([name, type, required], i) => ({
    id: i + 1,
    name,
    type,
    required,
  })),
};

// ---------------------------------------------------------------- rows (deterministic)
let seed = 42;
/** mulberry32: small, fast, good enough for benchmark data. */
const rand = () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
const hex = (n: number) =>
  Array.from({ length: n }, () => Math.floor(rand() * 16).toString(16)).join(
    '',
  );
const COUNTRIES = ['DE', 'FR', 'US', 'GB', 'NL', 'ES', 'IT', 'PL', 'SE', 'JP'];
const CATEGORIES = [
  'books',
  'electronics',
  'garden',
  'toys',
  'grocery',
  'fashion',
];
const PAYMENTS = ['card', 'paypal', 'apple_pay', 'google_pay', 'bank_transfer'];
const CHANNELS = ['web', 'mobile_app', 'marketplace', 'store'];
const DEVICES = ['desktop', 'mobile', 'tablet', 'pos', null];
const start = Date.parse('2026-11-27T00:00:00Z');
const ingestedAt = new Date('2026-11-27T12:00:00Z');

type Row = Record<string, unknown>;
const rows: Row[] = [];
for (let i = 0; i < count; i++) {
  const ms = start + Math.floor(i * 170 + rand() * 100);
  // µs precision: the ISO string's milliseconds plus three more digits.
  const micros = String(Math.floor(rand() * 1000)).padStart(3, '0');
  const iso = new Date(ms).toISOString().replace('Z', `${micros}Z`);
  const unitPrice = Math.round((1 + rand() * 300) * 100) / 100;
  const unitCost = Math.round(unitPrice * (0.4 + rand() * 0.4) * 100) / 100;
  const quantity = 1 + Math.floor(rand() * 5);
  const amount = unitPrice * quantity;
  const cost = unitCost * quantity;
  rows.push({
    event_id: `${hex(8)}-${hex(4)}-4${hex(3)}-a${hex(3)}-${hex(12)}`,
    event_ts: iso,
    event_date: iso.slice(0, 10),
    schema_version: 2,
    customer_id: `c-${Math.floor(rand() * 50_000)}`,
    customer_country: pick(COUNTRIES),
    order_country: pick(COUNTRIES),
    membership: rand() < 0.3 ? 'member' : 'non_member',
    product_id: `p-${Math.floor(rand() * 5_000)}`,
    product_category: pick(CATEGORIES),
    unit_price: unitPrice,
    unit_cost: unitCost,
    discount_rate: Math.round(rand() * 30) / 100,
    quantity,
    currency: 'EUR',
    payment_method: pick(PAYMENTS),
    channel: pick(CHANNELS),
    coupon_code: rand() < 0.1 ? `SAVE${Math.floor(rand() * 30)}` : null,
    device: pick(DEVICES),
    amount,
    cost,
    margin: amount - cost,
    kafka_partition: i % 6,
    kafka_offset: Math.floor(i / 6),
    ingested_at: ingestedAt,
  });
}
const columns: Record<string, unknown[]> = {};
for (const [name] of fields) columns[name] = rows.map(r => r[name]);

// ---------------------------------------------------------------- peers
const zstd = () =>
  new pq.WriterPropertiesBuilder()
    .setCompression(pq.Compression.ZSTD)
    .setWriterVersion(pq.WriterVersion.V1)
    .build();

/** apache-arrow's generic path: vectorFromArray per column (JS-native Arrow types). */
function viaVectorFromArray(): Uint8Array {
  const arrowFields: Field[] = [];
  const data = fields.map(([name, type, required]) => {
    const col = columns[name]!;
    let vector;
    if (type === 'timestamptz') {
      vector = vectorFromArray(
        col.map(v =>
          v instanceof Date ? v.getTime() : Date.parse(v as string),
        ),
        new TimestampMicrosecond('UTC'),
      );
    } else if (type === 'date') {
      vector = vectorFromArray(
        col.map(v => Date.parse(v as string)),
        new DateDay(),
      );
    } else if (type === 'int') {
      vector = vectorFromArray(col as number[], new Int32());
    } else if (type === 'long') {
      vector = vectorFromArray(
        col.map(v => BigInt(v as number)),
        new Int64(),
      );
    } else if (type === money || type === 'double') {
      vector = vectorFromArray(col as number[], new Float64());
    } else {
      vector = vectorFromArray(col as Array<string | null>, new Utf8());
    }
    arrowFields.push(new Field(name, vector.type, !required));
    return vector.data[0]!;
  });
  const arrowSchema = new ArrowSchema(arrowFields);
  const batch = new RecordBatch(
    arrowSchema,
    makeData({
      type: new Struct(arrowFields),
      length: count,
      nullCount: 0,
      children: data,
    }),
  );
  const ipc = tableToIPC(new Table(batch), 'stream');
  return pq.writeParquet(pq.Table.fromIPCStream(ipc), zstd());
}

function findPython(): string | undefined {
  for (const candidate of [
    values.python,
    process.env.BENCH_PYTHON,
    'python3',
  ]) {
    if (!candidate) continue;
    try {
      execFileSync(candidate, ['-c', 'import pyarrow'], { stdio: 'ignore' });
      return candidate;
    } catch {
      // try the next
    }
  }
  return undefined;
}

const PY = `
import json, sys, time, datetime, decimal, uuid
import pyarrow as pa, pyarrow.parquet as pq
rows = json.load(open(sys.argv[1]))
money = pa.decimal128(12, 2)
for r in rows:
    r['event_id'] = uuid.UUID(r['event_id']).bytes
    r['event_ts'] = datetime.datetime.fromisoformat(r['event_ts'].replace('Z', '+00:00'))
    r['event_date'] = datetime.date.fromisoformat(r['event_date'])
    r['ingested_at'] = datetime.datetime.fromisoformat(r['ingested_at'].replace('Z', '+00:00'))
    for k in ('unit_price', 'unit_cost', 'amount', 'cost', 'margin'):
        r[k] = decimal.Decimal(r[k]).quantize(decimal.Decimal('0.01'))
types = {'uuid': pa.binary(16), 'timestamptz': pa.timestamp('us', 'UTC'), 'date': pa.date32(),
         'int': pa.int32(), 'long': pa.int64(), 'double': pa.float64(), 'string': pa.string(),
         'decimal(12, 2)': money}
schema = pa.schema([pa.field(n, types[t], not req, {b'PARQUET:field_id': str(i + 1).encode()})
                    for i, (n, t, req) in enumerate(json.loads(sys.argv[2]))])
best = None
for _ in range(int(sys.argv[3])):
    t0 = time.perf_counter()
    table = pa.Table.from_pylist(rows, schema)
    pq.write_table(table, sys.argv[4], compression='zstd', data_page_version='1.0')
    t = time.perf_counter() - t0
    best = t if best is None or t < best else best
    t0 = time.perf_counter()
    pq.write_table(table, sys.argv[4], compression='zstd', data_page_version='1.0')
    tw = time.perf_counter() - t0
import os
print(json.dumps({'seconds': best, 'writeOnly': tw, 'bytes': os.path.getsize(sys.argv[4])}))
`;

// ---------------------------------------------------------------- measure
const median = (xs: number[]) =>
  [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const fmt = (name: string, seconds: number, bytes: number) =>
  `${name.padEnd(52)} ${Math.round(count / seconds)
    .toLocaleString('en-US')
    .padStart(10)} rows/s ${(bytes / 1e6 / seconds)
    .toFixed(1)
    .padStart(7)} MB/s  ${(bytes / 1e6).toFixed(1)} MB`;

function measure(name: string, fn: () => Uint8Array): number {
  const times: number[] = [];
  let bytes = 0;
  for (let r = 0; r < runs; r++) {
    const t0 = process.hrtime.bigint();
    bytes = fn().length;
    times.push(Number(process.hrtime.bigint() - t0) / 1e9);
  }
  const seconds = median(times);
  console.log(fmt(name, seconds, bytes));
  return seconds;
}

console.log(
  `${count.toLocaleString('en-US')} silver purchase rows, ${
    fields.length
  } columns, ZSTD, ` +
    `DataPage v1; median of ${runs} (Node ${process.version}, one thread)`,
);
// Warm up the JIT and wasm once on a slice.
writeDataFile(schema, rows.slice(0, 20_000));
const rowsSeconds = measure(
  'writeDataFile (rows, coerced, with metrics)',
  () => writeDataFile(schema, rows).bytes,
);
// Where the time goes: building Arrow buffers (coercion, validation) vs parquet-wasm.
{
  const builder = new RecordBatchBuilder(schema);
  const t0 = process.hrtime.bigint();
  builder.appendRows(rows);
  const stats = builder.stats();
  const arrowBytes = builder.byteSize();
  const batch = builder.finish();
  const t1 = process.hrtime.bigint();
  // With the builder's statistics, as writeDataFile passes them (the chunk statistics).
  encodeParquet(schema, batch, {}, arrowBytes, stats);
  const t2 = process.hrtime.bigint();
  const ms = (from: bigint, to: bigint) => (Number(to - from) / 1e6).toFixed(0);
  console.log(
    `  phases: rows → Arrow buffers + stats ${ms(t0, t1)} ms, ` +
      `Arrow → Parquet (IPC + parquet-wasm + footer) ${ms(t1, t2)} ms`,
  );
}
measure(
  'writeDataFileColumns (columnar fast path)',
  () => writeDataFileColumns(schema, columns, count).bytes,
);
const peerSeconds = measure(
  'peer: apache-arrow vectorFromArray + parquet-wasm',
  () => viaVectorFromArray(),
);
console.log(
  `ratio writeDataFile / vectorFromArray: ${(peerSeconds / rowsSeconds).toFixed(
    2,
  )}x faster`,
);

const python = findPython();
if (python) {
  const dir = mkdtempSync(join(tmpdir(), 'pq-bench-'));
  try {
    const rowsFile = join(dir, 'rows.json');
    writeFileSync(
      rowsFile,
      JSON.stringify(
        rows.map(r => ({ ...r, ingested_at: ingestedAt.toISOString() })),
      ),
    );
    const out = execFileSync(
      python,
      [
        '-c',
        PY,
        rowsFile,
        JSON.stringify(fields),
        String(runs),
        join(dir, 'out.parquet'),
      ],
      { encoding: 'utf8', maxBuffer: 1 << 20 },
    );
    const py = JSON.parse(out) as {
      seconds: number;
      writeOnly: number;
      bytes: number;
    };
    console.log(
      fmt(
        'peer: pyarrow from_pylist + write_table (best)',
        py.seconds,
        py.bytes,
      ),
    );
    console.log(
      fmt(
        'peer: pyarrow write_table only (Arrow table ready)',
        py.writeOnly,
        py.bytes,
      ),
    );
    console.log(
      `ratio writeDataFile / pyarrow rows→file: ${(
        py.seconds / rowsSeconds
      ).toFixed(2)}x`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
} else {
  console.log(
    'pyarrow peer skipped: no python with pyarrow (use --python or BENCH_PYTHON)',
  );
}
const rate = count / rowsSeconds;
console.log(
  `target ≥ 500,000 rows/s per core: ${
    rate >= 500_000 ? 'met' : 'NOT met'
  } (${Math.round(rate).toLocaleString('en-US')} rows/s)`,
);
