import type { StructType } from '../types';
import { RecordBatchBuilder } from './batchBuilder';
import { readFooter } from './footer';
import { ALL_TYPES, ALL_TYPES_ROWS } from './testFixtures';
import { field, type TList, type TStruct } from './thrift';
import { encodeParquet, writeDataFile } from './writer';

const struct = (v: unknown) => v as TStruct;
const list = (v: unknown) => (v as TList).items.map(struct);

/** Statistics (ColumnMetaData field 12) of each column chunk, in file order. */
function chunkStatistics(bytes: Uint8Array): Array<TStruct | undefined> {
  const metadata = readFooter(bytes).metadata;
  const [rowGroup] = list(field(metadata, 4));
  return list(field(rowGroup!, 1)).map(
    chunk => field(struct(field(chunk, 3)), 12) as TStruct | undefined,
  );
}

/** ALL_TYPES without lists and maps: every leaf has builder statistics. */
const FLAT: StructType = {
  type: 'struct',
  fields: ALL_TYPES.fields.filter(
    f => typeof f.type === 'string' || f.type.type === 'struct',
  ),
};

describe('column chunk statistics from the builder', () => {
  const rows = [
    ...ALL_TYPES_ROWS,
    // Longer than the 64-byte statistics truncation, and multi-byte at the cut.
    { id: 5, s: `${'a'.repeat(63)}éz`, bin: new Uint8Array(70).fill(0xff) },
    { id: 6, s: `${'ÿ'.repeat(40)}`, f: 0, d: -0 },
  ];

  it('equal the statistics arrow-rs computes', () => {
    const ours = chunkStatistics(writeDataFile(FLAT, rows).bytes);
    const builder = new RecordBatchBuilder(FLAT);
    builder.appendRows(rows);
    const theirs = chunkStatistics(encodeParquet(FLAT, builder.finish()).bytes);
    expect(ours.every(s => s !== undefined)).toBe(true);
    expect(ours).toEqual(theirs);
  });

  it('are left to arrow-rs with lists and maps', () => {
    const stats = chunkStatistics(
      writeDataFile(ALL_TYPES, ALL_TYPES_ROWS).bytes,
    );
    expect(stats.every(s => s !== undefined)).toBe(true);
  });

  it('are left to arrow-rs with several row groups', () => {
    const many = Array.from({ length: 10 }, (_, i) => ({ id: i, s: `v${i}` }));
    const { bytes } = writeDataFile(FLAT, many, { rowGroupRows: 4 });
    const groups = list(field(readFooter(bytes).metadata, 4));
    expect(groups).toHaveLength(3);
    for (const g of groups)
      for (const chunk of list(field(g, 1)))
        expect(field(struct(field(chunk, 3)), 12)).toBeDefined();
  });
});
