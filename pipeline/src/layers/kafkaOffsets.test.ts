import { parseIdentifier } from '../iceberg/catalog/catalog';
import { commitSnapshot, appendFiles } from '../iceberg/snapshotProducer';
import { createTable } from '../iceberg/table';
import {
  createTestCatalog,
  simpleSchema,
  type TestCatalog,
} from '../iceberg/__testUtils__/localCatalog';
import type { DataFile } from '../iceberg/types';
import {
  decodeOffsets,
  encodeOffsets,
  mergeOffsets,
  offsetsKey,
  offsetsUnchanged,
  OffsetsError,
  tableOffsets,
} from './kafkaOffsets';

const offsets = (o: Record<number, number>) =>
  new Map(Object.entries(o).map(([p, v]) => [Number(p), BigInt(v)]));

describe('Kafka offsets in snapshot summaries', () => {
  it('round-trips, including offsets beyond 2^53', () => {
    const o = new Map([
      [3, 9007199254740993n],
      [0, 5n],
    ]);
    expect(encodeOffsets(o)).toBe('{"0":"5","3":"9007199254740993"}');
    expect(decodeOffsets(encodeOffsets(o), 'x')).toEqual(o);
    expect(() => decodeOffsets('{"a":"1"}', 'snapshot 7')).toThrow(
      /snapshot 7/,
    );
    expect(() => decodeOffsets('nope', 'snapshot 7')).toThrow(OffsetsError);
  });

  it('merges forward only and detects another writer', () => {
    expect(
      mergeOffsets(offsets({ 0: 10, 1: 20 }), offsets({ 1: 25, 2: 3 })),
    ).toEqual(offsets({ 0: 10, 1: 25, 2: 3 }));
    expect(() => mergeOffsets(offsets({ 0: 10 }), offsets({ 0: 9 }))).toThrow(
      /move back/,
    );
    expect(
      offsetsUnchanged(offsets({ 0: 10, 1: 20 }), offsets({ 0: 10, 1: 21 }), [
        0,
      ]),
    ).toBe(true);
    expect(
      offsetsUnchanged(
        offsets({ 0: 10, 1: 20 }),
        offsets({ 0: 10, 1: 21 }),
        [0, 1],
      ),
    ).toBe(false);
    expect(offsetsUnchanged(new Map(), offsets({ 2: 1 }), [2])).toBe(false);
  });

  describe('on a table', () => {
    let t: TestCatalog;
    beforeEach(async () => {
      t = await createTestCatalog();
      await t.catalog.createNamespace(['bronze']);
    });
    afterEach(() => t.cleanup());

    it('reads the newest ancestor that recorded offsets, past commits that did not', async () => {
      let table = await createTable(t.catalog, parseIdentifier('bronze.raw'), {
        schema: simpleSchema(),
      });
      expect(tableOffsets(table.metadata, 'purchases', 'g').offsets.size).toBe(
        0,
      );
      const file = (n: number): DataFile => ({
        content: 0,
        filePath: `${table.location}/data/${n}.parquet`,
        fileFormat: 'PARQUET',
        partition: [],
        recordCount: 1n,
        fileSizeInBytes: 1n,
      });
      const key = offsetsKey('purchases', 'g');
      table = (
        await appendFiles(table, [file(1)], {
          summary: { [key]: encodeOffsets(offsets({ 0: 5 })) },
        })
      ).table;
      const second = await appendFiles(table, [file(2)], {
        summary: { [key]: encodeOffsets(offsets({ 0: 9, 1: 4 })) },
      });
      table = second.table;
      // A compaction-like commit without the property.
      table = (
        await commitSnapshot(table, {
          operation: 'replace',
          addedFiles: [file(3)],
          removeFiles: f => f.filePath.endsWith('/1.parquet'),
        })
      ).table;
      const found = tableOffsets(table.metadata, 'purchases', 'g');
      expect(found.offsets).toEqual(offsets({ 0: 9, 1: 4 }));
      expect(found.snapshotId).toBe(second.snapshot!['snapshot-id']);
      expect(
        tableOffsets(table.metadata, 'purchases', 'other-group').offsets.size,
      ).toBe(0);
    });
  });
});
