/**
 * Iceberg commit latency and scan planning, on a local SQLite catalog:
 *  - append commit latency (p50/p99) with 1k and 10k snapshots of history, and after
 *    expiring the 10k history down to 1k (target: p99 ≤ 100 ms at 1k);
 *  - scan planning time for a table with 10k data files, unfiltered and with a filter
 *    that prunes by partition.
 * The long history is synthesized (snapshots sharing one manifest list) so the benchmark
 * measures commit cost, not hours of setup. Run: node --import tsx bench/iceberg-commit.ts
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  appendFiles,
  commitTable,
  createTable,
  expireSnapshots,
  LocalFileIO,
  parseIdentifier,
  planFiles,
  SqlCatalog,
  sqliteConfig,
  toFileLocation,
  eq,
  type DataFile,
  type Schema,
  type Snapshot,
  type Table,
} from '../pipeline/src/iceberg';

const schema: Schema = {
  type: 'struct',
  'schema-id': 0,
  fields: [
    { id: 1, name: 'id', required: true, type: 'long' },
    { id: 2, name: 'day', required: true, type: 'date' },
  ],
};

const file = (table: Table, i: number, day?: number): DataFile => ({
  content: 0,
  filePath: `${table.location}/data/day=${day}/f${i}.parquet`,
  fileFormat: 'PARQUET',
  partition: day === undefined ? [] : [day],
  recordCount: 1000n,
  fileSizeInBytes: 64_000n,
});

const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[
    Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))
  ]!;

async function measureCommits(
  table: Table,
  count: number,
): Promise<{ table: Table; p50: number; p99: number }> {
  const times: number[] = [];
  let current = table;
  for (let i = 0; i < count; i++) {
    const t0 = performance.now();
    current = (await appendFiles(current, [file(current, 1_000_000 + i)]))
      .table;
    times.push(performance.now() - t0);
  }
  return { table: current, p50: pct(times, 50), p99: pct(times, 99) };
}

/** Pads the history to `total` snapshots, all sharing the current snapshot's manifest list. */
async function synthesizeHistory(table: Table, total: number): Promise<Table> {
  return commitTable(table, head => {
    const base = head.snapshots[head.snapshots.length - 1]!;
    const start = head['last-sequence-number'];
    const now = Date.now() - total * 1000;
    const extra: Snapshot[] = [];
    let parent = base['snapshot-id'];
    for (let i = 0; i < total - head.snapshots.length; i++) {
      const id = 10_000_000_000n + BigInt(head.snapshots.length + i);
      extra.push({
        ...base,
        'snapshot-id': id,
        'parent-snapshot-id': parent,
        'sequence-number': start + BigInt(i + 1),
        'timestamp-ms': now + i * 1000,
      });
      parent = id;
    }
    const last = extra[extra.length - 1]!;
    return {
      metadata: {
        ...head,
        snapshots: [...head.snapshots, ...extra],
        'snapshot-log': [
          ...head['snapshot-log'],
          ...extra.map(s => ({
            'timestamp-ms': s['timestamp-ms'],
            'snapshot-id': s['snapshot-id'],
          })),
        ],
        'last-sequence-number': last['sequence-number'],
        'current-snapshot-id': last['snapshot-id'],
        refs: { main: { 'snapshot-id': last['snapshot-id'], type: 'branch' } },
      },
    };
  });
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'medallion-bench-'));
  const catalog = new SqlCatalog({
    name: 'bench',
    knex: sqliteConfig(join(dir, 'catalog.db')),
    warehouse: toFileLocation(join(dir, 'wh')),
    io: new LocalFileIO(),
  });
  try {
    await catalog.createNamespace(['bench']);
    const props = {
      'write.metadata.delete-after-commit.enabled': 'true',
      'write.metadata.previous-versions-max': '20',
    };
    let table = await createTable(catalog, parseIdentifier('bench.commits'), {
      schema,
      properties: props,
    });
    table = (await appendFiles(table, [file(table, 0)])).table;
    process.stdout.write(
      'commit latency of a one-file append (SQLite catalog, local disk)\n',
    );
    for (const history of [1000, 10_000]) {
      table = await synthesizeHistory(table, history);
      const r = await measureCommits(table, 100);
      table = r.table;
      process.stdout.write(
        `  history ${String(history).padStart(
          6,
        )} snapshots: p50 ${r.p50.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms\n`,
      );
    }
    const t0 = performance.now();
    const expired = await expireSnapshots(table, {
      olderThanMs: Date.now() + 1,
      retainLast: 1000,
      cleanFiles: false,
    });
    process.stdout.write(
      `  expired ${expired.expiredSnapshots.length} snapshots in ${(
        performance.now() - t0
      ).toFixed(0)} ms\n`,
    );
    const after = await measureCommits(expired.table, 100);
    process.stdout.write(
      `  after expiry to ${
        expired.table.metadata.snapshots.length
      }: p50 ${after.p50.toFixed(1)} ms, p99 ${after.p99.toFixed(
        1,
      )} ms (target p99 ≤ 100 ms: ${after.p99 <= 100 ? 'met' : 'NOT met'})\n`,
    );

    process.stdout.write(
      '\nscan planning, 10,000 data files in 10 manifests, 100 partitions\n',
    );
    let big = await createTable(catalog, parseIdentifier('bench.files'), {
      schema,
      partitionSpec: {
        'spec-id': 0,
        fields: [
          {
            'source-id': 2,
            'field-id': 1000,
            name: 'day',
            transform: 'identity',
          },
        ],
      },
    });
    for (let m = 0; m < 10; m++) {
      big = (
        await appendFiles(
          big,
          Array.from({ length: 1000 }, (_, i) =>
            file(big, m * 1000 + i, (m * 1000 + i) % 100),
          ),
        )
      ).table;
    }
    for (const [label, filter] of [
      ['no filter', undefined],
      ['day = 42 (partition pruning)', eq('day', 42)],
    ] as const) {
      const times: number[] = [];
      let tasks = 0;
      for (let i = 0; i < 5; i++) {
        const s = performance.now();
        tasks = (await planFiles(big, { filter })).tasks.length;
        times.push(performance.now() - s);
      }
      process.stdout.write(
        `  ${label.padEnd(30)} ${tasks
          .toString()
          .padStart(6)} files planned, median ${pct(times, 50).toFixed(
          0,
        )} ms\n`,
      );
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
