/**
 * Parquet encoding throughput of silver purchase rows, exactly as the silver processor
 * writes them: events from the seeded generator, serialized, classified by silverRows.ts
 * (typed values: bigint microseconds, bigint cents, day numbers), into silver.purchases'
 * schema with the v2 columns. Measured in the same run:
 *   1. `writeDataFile` — rows → typed buffers (coerced, validated, with Iceberg metrics) →
 *      our page encoder (PLAIN / dictionary pages, native ZSTD);
 *   2. peer: the same builders → Arrow IPC → parquet-wasm (arrow-rs), our previous path and
 *      still the one for nested schemas;
 *   3. peer: pyarrow `Table.from_pylist` + `pq.write_table` (ZSTD, DataPage v1) on the same
 *      rows, when a Python with pyarrow is found (`--python`, $BENCH_PYTHON or python3).
 * Prints rows/s and MB/s (of Parquet output), median of `--runs`, one thread.
 * Target: ≥ 500,000 rows/s on one core.
 *
 *   node --import tsx bench/parquet-encode.ts [--rows 500000] [--runs 3] [--python PATH]
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { PurchaseGenerator } from '../pipeline/src/events';
import { writeDataFile } from '../pipeline/src/iceberg/parquet';
import type { Schema } from '../pipeline/src/iceberg/types';
import {
  V2_COLUMNS,
  classify,
  silverSchema,
} from '../pipeline/src/layers/silverRows';

const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '500000' },
    runs: { type: 'string', default: '3' },
    python: { type: 'string' },
  },
});
const wanted = Number(values.rows);
const runs = Math.max(1, Number(values.runs));

// silver.purchases after the v2 schema update: the v2 columns get the next field ids.
const maxId = Math.max(...silverSchema.fields.map(f => f.id));
const schema: Schema = {
  ...silverSchema,
  fields: [
    ...silverSchema.fields,
    ...V2_COLUMNS.map((c, i) => ({
      id: maxId + 1 + i,
      name: c.name,
      type: c.type,
      required: false,
      doc: c.doc,
    })),
  ],
};

// ---------------------------------------------------------------- rows (deterministic)
const generator = new PurchaseGenerator({
  seed: 42,
  schemaVersion: 2,
  rate: 200,
  startMs: Date.parse('2026-11-27T00:00:00Z'),
  anomalyRate: 0.01,
  malformedRate: 0,
});
const encoder = new TextEncoder();
const ingestTs = BigInt(Date.parse('2026-11-27T12:00:00Z')) * 1000n;
const rows: Array<Record<string, unknown>> = [];
for (let offset = 0; rows.length < wanted; offset++) {
  const record = generator.next();
  const classified = classify(
    {
      kafka_topic: 'purchases',
      kafka_partition: offset % 6,
      kafka_offset: BigInt(Math.floor(offset / 6)),
      kafka_ts: BigInt(Math.floor(record.tsMs)) * 1000n,
      kafka_key: record.key,
      value: encoder.encode(record.value),
      ingest_ts: ingestTs,
    },
    ingestTs,
  );
  if (classified.kind === 'accepted') rows.push(classified.row);
}
const count = rows.length;

// ---------------------------------------------------------------- pyarrow peer
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

/** Rows as JSON (bigints as numbers or decimal text), converted to Python values first. */
const PY = `
import json, sys, time, datetime, decimal, uuid, os
import pyarrow as pa, pyarrow.parquet as pq
rows = json.load(open(sys.argv[1]))
fields = json.loads(sys.argv[2])
epoch = datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)
def conv(t):
    if t == 'uuid': return lambda v: uuid.UUID(v).bytes
    if t == 'timestamptz': return lambda v: epoch + datetime.timedelta(microseconds=int(v))
    if t == 'date': return lambda v: datetime.date(1970, 1, 1) + datetime.timedelta(days=v)
    if t.startswith('decimal'):  # unscaled integers (bigint cents) or decimal text
        scale = int(t[8:-1].split(',')[1])
        return lambda v: decimal.Decimal(v).scaleb(-scale) if isinstance(v, int) else decimal.Decimal(v)
    return None
convs = [(n, conv(t)) for n, t, _ in fields]
for r in rows:
    for n, c in convs:
        if c is not None and r.get(n) is not None: r[n] = c(r[n])
def typ(t):
    if t.startswith('decimal'):
        p, s = t[8:-1].split(',')
        return pa.decimal128(int(p), int(s))
    return {'uuid': pa.binary(16), 'timestamptz': pa.timestamp('us', 'UTC'), 'date': pa.date32(),
            'int': pa.int32(), 'long': pa.int64(), 'double': pa.float64(), 'string': pa.string()}[t]
schema = pa.schema([pa.field(n, typ(t), not req, {b'PARQUET:field_id': str(i).encode()})
                    for n, t, req, i in [(f[0], f[1], f[2], k + 1) for k, f in enumerate(fields)]])
times, wtimes = [], []
for _ in range(int(sys.argv[3])):
    t0 = time.perf_counter()
    table = pa.Table.from_pylist(rows, schema)
    pq.write_table(table, sys.argv[4], compression='zstd', data_page_version='1.0')
    times.append(time.perf_counter() - t0)
    t0 = time.perf_counter()
    pq.write_table(table, sys.argv[4], compression='zstd', data_page_version='1.0')
    wtimes.append(time.perf_counter() - t0)
med = lambda xs: sorted(xs)[len(xs) // 2]
print(json.dumps({'seconds': med(times), 'writeOnly': med(wtimes), 'bytes': os.path.getsize(sys.argv[4])}))
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
    schema.fields.length
  } columns, ZSTD, DataPage v1; median of ${runs} (Node ${
    process.version
  }, one thread)`,
);
// Warm up the JIT once on a slice, both paths.
writeDataFile(schema, rows.slice(0, 20_000));
writeDataFile(schema, rows.slice(0, 20_000), { encoder: 'parquet-wasm' });
const rowsSeconds = measure(
  'writeDataFile (page encoder, with metrics)',
  () => writeDataFile(schema, rows).bytes,
);
const wasmSeconds = measure(
  'peer: same builders → Arrow IPC → parquet-wasm',
  () => writeDataFile(schema, rows, { encoder: 'parquet-wasm' }).bytes,
);
console.log(
  `ratio page encoder / parquet-wasm: ${(wasmSeconds / rowsSeconds).toFixed(
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
      JSON.stringify(rows, (_k, v: unknown) =>
        typeof v === 'bigint' ? Number(v) : v,
      ),
    );
    const out = execFileSync(
      python,
      [
        '-c',
        PY,
        rowsFile,
        JSON.stringify(schema.fields.map(f => [f.name, f.type, f.required])),
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
      fmt('peer: pyarrow from_pylist + write_table', py.seconds, py.bytes),
    );
    console.log(
      fmt('  of which write_table (Arrow table ready)', py.writeOnly, py.bytes),
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
