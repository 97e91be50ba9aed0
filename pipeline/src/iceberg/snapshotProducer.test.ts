import { parseIdentifier } from './catalog/catalog';
import { toBytes } from './conversions';
import { and, eq, gtEq, isIn, lt } from './expressions';
import { ancestors } from './metadata';
import { planAppendedFiles, planFiles } from './scan';
import {
  appendFiles,
  commitSnapshot,
  snapshotManifests,
} from './snapshotProducer';
import { updateProperties } from './updateProperties';
import { createTable, loadTable, type Table } from './table';
import type { DataFile, Schema } from './types';
import {
  createTestCatalog,
  type TestCatalog,
} from './__testUtils__/localCatalog';

const schema: Schema = {
  type: 'struct',
  'schema-id': 0,
  fields: [
    { id: 1, name: 'id', required: true, type: 'long' },
    { id: 2, name: 'country', required: false, type: 'string' },
    { id: 3, name: 'ts', required: false, type: 'timestamptz' },
  ],
};
const DAY_US = 86_400_000_000n;
const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;

let n = 0;
/** A data file as the writer would describe it (the planner never opens it). */
function file(
  dayIso: string,
  country: string,
  ids: [number, number],
  rows = 10,
): DataFile {
  const d = day(dayIso);
  return {
    content: 0,
    filePath: `file:///nowhere/data/${n++}.parquet`,
    fileFormat: 'PARQUET',
    partition: [d, country],
    recordCount: BigInt(rows),
    fileSizeInBytes: 1000n,
    valueCounts: new Map([[1, BigInt(rows)]]),
    nullValueCounts: new Map([[1, 0n]]),
    lowerBounds: new Map([
      [1, toBytes('long', BigInt(ids[0]))],
      [3, toBytes('timestamptz', BigInt(d) * DAY_US)],
    ]),
    upperBounds: new Map([
      [1, toBytes('long', BigInt(ids[1]))],
      [3, toBytes('timestamptz', BigInt(d + 1) * DAY_US - 1n)],
    ]),
  };
}

let t: TestCatalog;
let table: Table;
beforeEach(async () => {
  t = await createTestCatalog();
  await t.catalog.createNamespace(['ns']);
  table = await createTable(t.catalog, parseIdentifier('ns.events'), {
    schema,
    partitionSpec: {
      'spec-id': 0,
      fields: [
        { 'source-id': 3, 'field-id': 1000, name: 'ts_day', transform: 'day' },
        {
          'source-id': 2,
          'field-id': 1001,
          name: 'country',
          transform: 'identity',
        },
      ],
    },
  });
});
afterEach(() => t.cleanup());

describe('snapshots', () => {
  it('appends with standard and custom summary fields, inheriting sequence numbers', async () => {
    const first = await appendFiles(
      table,
      [file('2026-11-01', 'DE', [1, 10]), file('2026-11-01', 'FR', [11, 20])],
      {
        summary: { 'kafka.offsets': '{"0":42}' },
      },
    );
    const second = await appendFiles(first.table, [
      file('2026-11-02', 'DE', [21, 30], 5),
    ]);
    const snap = second.snapshot!;
    expect(snap['sequence-number']).toBe(2n);
    expect(snap['parent-snapshot-id']).toBe(first.snapshot!['snapshot-id']);
    expect(first.snapshot!.summary).toMatchObject({
      operation: 'append',
      'kafka.offsets': '{"0":42}',
      'added-data-files': '2',
      'added-records': '20',
      'changed-partition-count': '2',
      'total-records': '20',
      'total-data-files': '2',
    });
    expect(snap.summary).toMatchObject({
      'total-records': '25',
      'total-data-files': '3',
      'added-records': '5',
    });

    const reloaded = await loadTable(t.catalog, table.identifier);
    expect(ancestors(reloaded.metadata).map(s => s['snapshot-id'])).toEqual([
      snap['snapshot-id'],
      first.snapshot!['snapshot-id'],
    ]);
    const plan = await planFiles(reloaded);
    expect(
      plan.tasks
        .map(task => [task.file.recordCount, task.sequenceNumber])
        .sort(),
    ).toEqual(
      [
        [10n, 1n],
        [10n, 1n],
        [5n, 2n],
      ].sort(),
    );
  });

  it('prunes by partition summaries, partition values and column metrics', async () => {
    let current = table;
    for (const [d, c, lo, hi] of [
      ['2026-11-01', 'DE', 1, 10],
      ['2026-11-01', 'FR', 11, 20],
      ['2026-11-02', 'DE', 21, 30],
      ['2026-11-03', 'US', 31, 40],
    ] as const) {
      current = (await appendFiles(current, [file(d, c, [lo, hi])])).table;
    }
    const paths = async (filter: Parameters<typeof planFiles>[1]) =>
      (await planFiles(current, filter)).tasks.length;
    expect(await paths({})).toBe(4);
    expect(await paths({ filter: eq('country', 'DE') })).toBe(2);
    expect(await paths({ filter: gtEq('ts', '2026-11-02T00:00:00Z') })).toBe(2);
    expect(await paths({ filter: lt('ts', '2026-11-02T00:00:00Z') })).toBe(2);
    expect(
      await paths({
        filter: and(eq('country', 'DE'), gtEq('ts', '2026-11-02T05:00:00Z')),
      }),
    ).toBe(1);
    expect(await paths({ filter: isIn('id', [5, 35]) })).toBe(2);
    expect(await paths({ filter: eq('id', 1000) })).toBe(0);
    const plan = await planFiles(current, { filter: eq('country', 'US') });
    expect(plan.stats.manifestsSkipped).toBe(3);
    await expect(planFiles(current, { filter: eq('nope', 1) })).rejects.toThrow(
      /unknown column "nope"/,
    );
  });

  it('removes files in an overwrite and plans only what an append added', async () => {
    const a = await appendFiles(table, [
      file('2026-11-01', 'DE', [1, 10]),
      file('2026-11-01', 'FR', [11, 20]),
    ]);
    const b = await appendFiles(a.table, [file('2026-11-02', 'DE', [21, 30])]);
    const incremental = await planAppendedFiles(
      b.table,
      a.snapshot!['snapshot-id'],
    );
    expect(incremental.tasks).toHaveLength(1);
    expect((await planAppendedFiles(b.table, undefined)).tasks).toHaveLength(3);

    const replacement = file('2026-11-01', 'DE', [1, 10], 7);
    const over = await commitSnapshot(b.table, {
      operation: 'overwrite',
      addedFiles: [replacement],
      removeFiles: f =>
        f.partition[1] === 'DE' && f.partition[0] === day('2026-11-01'),
    });
    expect(over.removedFiles).toHaveLength(1);
    expect(over.snapshot!.summary).toMatchObject({
      operation: 'overwrite',
      'deleted-data-files': '1',
      'deleted-records': '10',
      'added-records': '7',
      'total-records': '27',
      'total-data-files': '3',
    });
    const plan = await planFiles(over.table);
    expect(plan.tasks.map(task => task.file.recordCount).sort()).toEqual(
      [10n, 10n, 7n].sort(),
    );
    // Time travel still sees the old files.
    expect(
      (await planFiles(over.table, { snapshotId: b.snapshot!['snapshot-id'] }))
        .tasks,
    ).toHaveLength(3);
    await expect(
      planAppendedFiles(over.table, b.snapshot!['snapshot-id']),
    ).rejects.toThrow(/not an append/);

    const nothing = await commitSnapshot(over.table, {
      operation: 'delete',
      addedFiles: [],
      removeFiles: () => false,
    });
    expect(nothing.snapshot).toBeUndefined();
    expect(nothing.table.metadataLocation).toBe(over.table.metadataLocation);
  });
  it('merges manifests once appends pile up, without losing files or incremental reads', async () => {
    let current = await updateProperties(table, {
      set: { 'commit.manifest.min-count-to-merge': '4' },
    });
    const snapshots: bigint[] = [];
    for (let i = 0; i < 12; i++) {
      const r = await appendFiles(current, [
        file('2026-11-01', 'DE', [i * 10, i * 10 + 9], i + 1),
      ]);
      current = r.table;
      snapshots.push(r.snapshot!['snapshot-id']);
    }
    const manifests = await snapshotManifests(
      current.io,
      current.currentSnapshot(),
    );
    expect(manifests.length).toBeLessThan(4);
    const plan = await planFiles(current);
    expect(plan.tasks).toHaveLength(12);
    expect(
      plan.tasks.map(x => x.sequenceNumber).sort((a, b) => Number(a - b)),
    ).toEqual(Array.from({ length: 12 }, (_, i) => BigInt(i + 1)));
    const incremental = await planAppendedFiles(current, snapshots[2]);
    expect(incremental.tasks.map(x => Number(x.file.recordCount))).toEqual([
      4, 5, 6, 7, 8, 9, 10, 11, 12,
    ]);
    expect(current.currentSnapshot()!.summary['total-records']).toBe(
      String((12 * 13) / 2),
    );
  });
});
