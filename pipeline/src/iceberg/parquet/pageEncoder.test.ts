import type { StructType } from '../types';
import { readFooter } from './footer';
import { readDataFile } from './reader';
import { rowsFromTable } from './rows';
import { ALL_TYPES, ALL_TYPES_ROWS } from './testFixtures';
import { field, type TList, type TStruct } from './thrift';
import {
  DataFileWriter,
  writeDataFile,
  type ParquetWriteOptions,
} from './writer';

const struct = (v: unknown) => v as TStruct;
const list = (v: unknown) => (v as TList).items;
const text = new TextDecoder();

/** ALL_TYPES' top-level primitive columns: the page encoder's case. */
const FLAT: StructType = {
  type: 'struct',
  fields: ALL_TYPES.fields.filter(f => typeof f.type === 'string'),
};

/** Per column chunk of the first row group: name, encodings, dictionary page offset, statistics. */
function chunks(bytes: Uint8Array) {
  const metadata = readFooter(bytes).metadata;
  const rowGroup = struct(list(field(metadata, 4))[0]);
  return list(field(rowGroup, 1)).map(c => {
    const meta = struct(field(struct(c), 3));
    return {
      name: text.decode(list(field(meta, 3))[0] as Uint8Array),
      encodings: list(field(meta, 2)) as number[],
      dictionaryPage: field(meta, 11),
      statistics: field(meta, 12),
    };
  });
}

const createdBy = (bytes: Uint8Array) =>
  text.decode(field(readFooter(bytes).metadata, 6) as Uint8Array);

async function readRows(bytes: Uint8Array, schema: StructType) {
  return rowsFromTable(await readDataFile(bytes, { schema }), schema);
}

/** Rows with nulls in every optional column at varying positions. */
function manyRows(n: number): Array<Record<string, unknown>> {
  return Array.from({ length: n }, (_, i) => {
    const base = ALL_TYPES_ROWS[i % ALL_TYPES_ROWS.length]!;
    const row: Record<string, unknown> = { ...base, id: i };
    for (const f of FLAT.fields)
      if (!f.required && (i * 7 + f.id) % 5 === 0) row[f.name] = null;
    row.s = i % 3 === 0 ? null : `value ${i % 40} ü`;
    return row;
  });
}

describe('page encoder', () => {
  it('writes flat schemas itself and reads back what parquet-wasm writes', async () => {
    const rows = manyRows(3001);
    // Small pages and row groups: many pages, groups not aligned to the 8-row bytes of
    // the validity bitmaps, nulls inside and across page boundaries.
    const options: ParquetWriteOptions = {
      pageSizeBytes: 512,
      rowGroupRows: 1000,
    };
    const ours = writeDataFile(FLAT, rows, options);
    const theirs = writeDataFile(FLAT, rows, {
      ...options,
      encoder: 'parquet-wasm',
    });
    expect(createdBy(ours.bytes)).toBe('medallion parquet encoder');
    expect(createdBy(theirs.bytes)).toContain('parquet-wasm');
    expect(readFooter(ours.bytes).metadata).toBeDefined();
    const back = await readRows(ours.bytes, FLAT);
    expect(back).toHaveLength(3001);
    expect(back).toEqual(await readRows(theirs.bytes, FLAT));
    expect(ours.metrics.valueCounts).toEqual(theirs.metrics.valueCounts);
    expect(ours.metrics.nullValueCounts).toEqual(
      theirs.metrics.nullValueCounts,
    );
    expect(ours.metrics.splitOffsets).toHaveLength(4);
  });

  it('writes the same chunk statistics as arrow-rs', () => {
    const rows = [
      ...ALL_TYPES_ROWS,
      { id: 5, s: `${'a'.repeat(63)}éz`, bin: new Uint8Array(70).fill(0xff) },
      { id: 6, s: `${'ÿ'.repeat(40)}`, f: 0, d: -0 },
    ];
    const ours = chunks(writeDataFile(FLAT, rows).bytes);
    const theirs = chunks(
      writeDataFile(FLAT, rows, { encoder: 'parquet-wasm' }).bytes,
    );
    expect(ours.every(c => c.statistics !== undefined)).toBe(true);
    expect(ours.map(c => [c.name, c.statistics])).toEqual(
      theirs.map(c => [c.name, c.statistics]),
    );
  });

  it('dictionary-encodes repeated strings and falls back to plain past the limit', async () => {
    const schema: StructType = {
      type: 'struct',
      fields: [
        { id: 1, name: 'country', required: true, type: 'string' },
        { id: 2, name: 'unique', required: false, type: 'string' },
      ],
    };
    // 40 bytes × 60k distinct values = 2.4 MB: past the 2 MiB dictionary limit midway.
    const rows = Array.from({ length: 60_000 }, (_, i) => ({
      country: ['DE', 'FR', 'JP', 'ÜB'][i % 4],
      unique:
        i % 11 === 0 ? null : `${String(i).padStart(8, '0')}-${'x'.repeat(31)}`,
    }));
    const written = writeDataFile(schema, rows);
    const [country, unique] = chunks(written.bytes);
    expect(country!.encodings).toContain(8); // RLE_DICTIONARY
    expect(country!.dictionaryPage).toBeDefined();
    expect(unique!.encodings).not.toContain(8);
    expect(unique!.dictionaryPage).toBeUndefined();
    expect(await readRows(written.bytes, schema)).toEqual(rows);
  });

  it('keeps dictionary columns exact when bad rows are rolled back', async () => {
    const schema: StructType = {
      type: 'struct',
      fields: [
        { id: 1, name: 's', required: false, type: 'string' },
        { id: 2, name: 'n', required: true, type: 'int' },
      ],
    };
    const rows = [
      { s: 'b', n: 1 },
      { s: 'zz-only-in-a-bad-row', n: 'not a number' },
      { s: null, n: 3 },
      { s: 'a', n: 4 },
    ];
    const rejected: number[] = [];
    const writer = new DataFileWriter(schema, {
      onInvalidRow: e => rejected.push(e.rowIndex),
    });
    writer.write(rows);
    const [file] = writer.close();
    expect(rejected).toEqual([1]);
    expect(await readRows(file!.bytes, schema)).toEqual([
      { s: 'b', n: 1 },
      { s: null, n: 3 },
      { s: 'a', n: 4 },
    ]);
    expect(file!.metrics.nullValueCounts.get(1)).toBe(1n);
  });
});
